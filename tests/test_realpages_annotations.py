"""Every real-page evaluation set is well formed (tests/data/realpages/SPEC.md).

The scorer trusts the annotation: an anchor that is not on the page, or
stands twice, would make it match the wrong figure, and an id or a code that
does not exist would count as a miss for ever.  Each rule below is a plain
statement of SPEC.md's format, checked on every set's files.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest
import yaml

DATA = Path(__file__).resolve().parent / "data" / "realpages"
SETS = sorted(p.name for p in DATA.iterdir() if p.is_dir())
PROJECT = Path(__file__).resolve().parents[1]
UNITS = {"person", "person_time", "household", "CNY", "percent", "item", "enterprise", "post"}
MEASURES = {"outcome", "target", "annual_average", "cumulative"}
NAME_FORMS = {"full_name", "surname_kinship", "lao_xiao_surname", "given_name", "latin", "transliterated", "after_jiao"}
ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def read(set_name: str, kind: str) -> list[dict]:
    with (DATA / set_name / f"{kind}.csv").open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def texts(set_name: str) -> dict[str, str]:
    return {
        p["page_id"]: (DATA / set_name / "pages" / f"{p['page_id']}.txt").read_text(encoding="utf-8")
        for p in read(set_name, "pages")
    }


def codebook_ids() -> set[str]:
    book = yaml.safe_load((PROJECT / "schemas" / "codebook.yaml").read_text(encoding="utf-8"))
    indicators = book["indicators"] if isinstance(book, dict) else book
    return {i["id"] for i in indicators} if isinstance(indicators, list) else set(indicators)


def region_names() -> dict[str, str]:
    with (PROJECT / "schemas" / "vocab" / "regions.csv").open(encoding="utf-8", newline="") as f:
        return {r["code"]: r["name_zh"] for r in csv.DictReader(f)}


def test_the_dev_heldout_and_fresh_sets_exist():
    assert {"dev", "heldout", "fresh"} <= set(SETS)


@pytest.mark.parametrize("set_name", SETS)
def test_every_page_listed_has_its_text_and_every_text_is_listed(set_name):
    listed = [p["page_id"] for p in read(set_name, "pages")]
    assert len(listed) == len(set(listed)), "a page_id twice in pages.csv"
    on_disk = {p.stem for p in (DATA / set_name / "pages").glob("*.txt")}
    assert on_disk == set(listed)
    for p in read(set_name, "pages"):
        assert p["source"] and p["licence_note"], f"{p['page_id']}: provenance and licence note are required"


@pytest.mark.parametrize("set_name", SETS)
@pytest.mark.parametrize("kind", ["indicators", "visits"])
def test_every_anchor_stands_once_on_its_page(set_name, kind):
    pages = texts(set_name)
    wrong = [
        (r["page_id"], r["anchor"], pages.get(r["page_id"], "").count(r["anchor"]))
        for r in read(set_name, kind)
        if pages.get(r["page_id"], "").count(r["anchor"]) != 1
    ]
    assert wrong == []


@pytest.mark.parametrize("set_name", SETS)
def test_every_indicator_row_uses_the_codebook_and_the_vocabularies(set_name):
    ids, regions = codebook_ids(), region_names()
    for r in read(set_name, "indicators"):
        where = f"{set_name}/{r['page_id']} {r['anchor']}"
        assert r["surface"] in r["anchor"], where
        assert r["indicator_id"] in ids, where
        float(r["value"])
        assert r["unit"] in UNITS, where
        assert r["measure"] in MEASURES, where
        assert not r["region_code"] or r["region_code"] in regions, where
        for key in ("period_start", "period_end"):
            assert not r[key] or ISO_DAY.fullmatch(r[key]), where
        if r["period_start"] and r["period_end"]:
            assert r["period_start"] <= r["period_end"], where


@pytest.mark.parametrize("set_name", SETS)
def test_every_private_name_stands_on_its_page_and_visit_dates_are_days(set_name):
    pages = texts(set_name)
    for n in read(set_name, "names"):
        assert n["name"] in pages[n["page_id"]], f"{set_name}/{n['page_id']}: {n['name']}"
        assert n["form"] in NAME_FORMS, f"{set_name}/{n['page_id']}: {n['form']}"
    for v in read(set_name, "visits"):
        assert not v["visit_date"] or ISO_DAY.fullmatch(v["visit_date"]), f"{set_name}/{v['page_id']}"
