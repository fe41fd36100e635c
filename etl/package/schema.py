"""Table schemas: loaded once from ``schemas/<table>.json``, everything derived.

The Table Schema JSON files in ``schemas/`` are the single source of truth.
From each one this module derives

* the polars dtypes (``polars_schema``), used to build the typed tables;
* the pandera check (``pandera_schema``), run on every collected table before
  it is written;
* the schemas that go into the descriptor (``descriptor_schema``), with a
  variant for Parquet resources that accounts for how frictionless reads
  Parquet (through pandas: a null float becomes NaN, a nullable integer becomes
  a float), so that the whole package validates.
"""

from __future__ import annotations

import copy
import functools
import json
from pathlib import Path
from typing import TYPE_CHECKING

import polars as pl

from etl import SCHEMAS_DIR

if TYPE_CHECKING:
    import pandera.polars as pa

SCHEMA_DIR = Path(SCHEMAS_DIR)

#: Published tables, in publishing order: each page table followed by its
#: link tables (lists are link tables, never a joined string in a cell),
#: the codebook last.
TABLES = (
    "sources", "figures", "figure_flags", "dates", "indicators", "checks", "check_figures",
    "care_visits", "visit_gifts", "codebook", "codebook_terms",
)

_POLARS_TYPES = {
    "string": pl.String,
    "integer": pl.Int64,
    "number": pl.Float64,
    "boolean": pl.Boolean,
    "date": pl.Date,
}


@functools.cache
def load(table: str) -> dict:
    """The Table Schema of ``table`` as stored in ``schemas/<table>.json``."""
    path = SCHEMA_DIR / f"{table}.json"
    with path.open(encoding="utf-8") as f:
        schema = json.load(f)
    for field in schema["fields"]:
        if field["type"] not in _POLARS_TYPES:
            raise ValueError(f"{path}: field {field['name']!r} has unsupported type {field['type']!r}")
    return schema


def field_names(table: str) -> list[str]:
    return [f["name"] for f in load(table)["fields"]]


def polars_schema(table: str) -> dict[str, type[pl.DataType]]:
    return {f["name"]: _POLARS_TYPES[f["type"]] for f in load(table)["fields"]}


def sort_columns(table: str) -> list[str]:
    """Rows are sorted by source then position when the table has them (so a
    page's rows read in page order), then by the primary key."""
    names = field_names(table)
    lead = [c for c in ("source_id", "char_start", "char_end", "article_char_start") if c in names]
    return lead + [c for c in load(table)["primaryKey"] if c not in lead]


def _pandera():
    """``pandera.polars``, imported when a table is first checked: a run
    with nothing new to publish never needs it (~1 s to import)."""
    import pandera.polars as pa

    return pa


def _checks_for(field: dict) -> list:
    pa = _pandera()

    constraints = field.get("constraints", {})
    checks: list = []
    if "enum" in constraints:
        checks.append(pa.Check.isin(constraints["enum"]))
    if "minimum" in constraints:
        checks.append(pa.Check.ge(constraints["minimum"]))
    if "maximum" in constraints:
        checks.append(pa.Check.le(constraints["maximum"]))
    if "pattern" in constraints:
        # Table Schema patterns match the whole value.
        checks.append(pa.Check.str_matches(f"^(?:{constraints['pattern']})$"))
    if "minLength" in constraints:
        checks.append(pa.Check.str_length(min_value=constraints["minLength"]))
    return checks


@functools.cache
def pandera_schema(table: str) -> pa.DataFrameSchema:
    pa = _pandera()

    schema = load(table)
    columns = {}
    for field in schema["fields"]:
        constraints = field.get("constraints", {})
        columns[field["name"]] = pa.Column(
            _POLARS_TYPES[field["type"]],
            checks=_checks_for(field),
            nullable=not constraints.get("required", False),
            unique=bool(constraints.get("unique", False)),
            description=field.get("description"),
        )
    return pa.DataFrameSchema(
        columns,
        strict=True,
        ordered=True,
        unique=schema.get("primaryKey"),
        name=table,
    )


def descriptor_schema(table: str, fmt: str) -> dict:
    """The schema embedded in the descriptor for ``table`` in format ``fmt``.

    Parquet resources are read by frictionless through pandas, which turns a
    null float into NaN and a nullable integer column into floats.  For those
    resources an optional number field drops its range constraints (NaN fails
    every comparison) and an optional integer field is declared ``number``.
    The CSV resource keeps the full schema, and the project's own tests check
    that the Parquet files hold exactly the CSV rows with the declared types.
    """
    schema = copy.deepcopy(load(table))
    schema.pop("name", None)
    if fmt == "parquet":
        for key in schema.get("foreignKeys", []):
            key["reference"]["resource"] = resource_name(key["reference"]["resource"], fmt)
        for field in schema["fields"]:
            constraints = field.get("constraints", {})
            if constraints.get("required"):
                continue
            if field["type"] == "integer":
                field["type"] = "number"
            if field["type"] == "number":
                for key in ("minimum", "maximum"):
                    constraints.pop(key, None)
    return schema


def resource_name(table: str, fmt: str) -> str:
    """Descriptor resource name: the CSV resource carries the table's name."""
    return table if fmt == "csv" else f"{table}-{fmt}"
