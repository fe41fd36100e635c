"""CITATION.cff is valid Citation File Format 1.2.0 and names the data version."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import yaml

from etl.package import metadata

PROJECT = Path(__file__).resolve().parents[1]
SCHEMA = Path(__file__).parent / "data" / "cff-1.2.0.schema.json"


def _citation() -> dict:
    # CFF dates are YAML strings here (quoted): the schema wants strings.
    return yaml.safe_load((PROJECT / "CITATION.cff").read_text(encoding="utf-8"))


def test_citation_cff_is_valid_against_the_cff_1_2_0_schema():
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    validator = jsonschema.Draft7Validator(schema, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER)
    errors = sorted(validator.iter_errors(_citation()), key=lambda e: list(e.path))
    assert not errors, [f"{list(e.path)}: {e.message}" for e in errors]


def test_citation_names_the_package_and_its_current_version():
    cff = _citation()
    meta = metadata.load()
    assert cff["cff-version"] == "1.2.0" and cff["type"] == "dataset"
    assert cff["title"] == meta["title"]
    assert cff["version"] == meta["version"]
    assert cff["license"] == meta["licenses"][0]["name"]
    assert any(i["value"] == meta["name"] for i in cff["identifiers"])


def test_the_schema_rejects_an_invalid_file():
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    bad = {**_citation(), "cff-version": "1.2.0", "authors": "nobody"}
    assert list(jsonschema.Draft7Validator(schema).iter_errors(bad))
