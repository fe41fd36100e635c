"""``etl validate`` proves the data's own rules, not just its files: each
rule broken consistently (CSV and Parquet edited alike, the descriptor's
hashes and sizes recomputed, so every file check passes) is caught, in one
line naming the table, the row's key, the column and the rule."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import polars as pl
import pytest

from etl.package.publish import write_csv
from etl.package.validate import PackageInvalid, check_package, sha256_file



def tamper(package: Path, table: str, edit: Callable[[pl.DataFrame], pl.DataFrame]) -> None:
    """Edit a table's CSV and Parquet alike and recompute the descriptor's
    hash, size and row count of both: only the data's rules can tell."""
    frame = edit(pl.read_parquet(package / "data" / f"{table}.parquet"))
    frame.write_parquet(package / "data" / f"{table}.parquet")
    write_csv(frame, package / "data" / f"{table}.csv")
    descriptor_path = package / "datapackage.json"
    descriptor = json.loads(descriptor_path.read_text(encoding="utf-8"))
    for resource in descriptor["resources"]:
        if resource.get("x-table") == table:
            path = package / resource["path"]
            resource.update(hash=f"sha256:{sha256_file(path)}", bytes=path.stat().st_size, **{"x-rows": frame.height})
    descriptor_path.write_text(json.dumps(descriptor, ensure_ascii=False, indent=2), encoding="utf-8")


def problems_of(package: Path) -> list[str]:
    try:
        check_package(package)
    except PackageInvalid as e:
        return e.problems
    return []


def row(i: int) -> pl.Expr:
    return pl.int_range(pl.len()) == i


def set_in_row(column: str, value, i: int = 0) -> Callable[[pl.DataFrame], pl.DataFrame]:
    def edit(df: pl.DataFrame) -> pl.DataFrame:
        return df.with_columns(pl.when(row(i)).then(pl.lit(value, dtype=df.schema[column])).otherwise(pl.col(column)).alias(column))
    return edit


@pytest.fixture
def copy(package, tmp_path) -> Path:
    shutil.copytree(package, tmp_path / "pkg")
    return tmp_path / "pkg"


def test_the_untouched_package_passes(copy):
    assert problems_of(copy) == []


def first_indicator_key(package: Path) -> str:
    first = pl.read_parquet(package / "data" / "indicators.parquet").sort("figure_id", "indicator_id").row(0, named=True)
    return f"figure_id={first['figure_id']}, indicator_id={first['indicator_id']}"


def codebook_units(package: Path) -> dict[str, list[str]]:
    """Each indicator's units, as the codebook_terms table lists them."""
    terms = pl.read_parquet(package / "data" / "codebook_terms.parquet").filter(pl.col("kind") == "unit").sort("indicator_id", "position")
    units: dict[str, list[str]] = {}
    for indicator_id, term in terms.select("indicator_id", "term").iter_rows():
        units.setdefault(indicator_id, []).append(term)
    return units


def test_an_indicator_unit_outside_the_vocabulary(copy):
    key = first_indicator_key(copy)
    tamper(copy, "indicators", lambda df: df.sort("figure_id", "indicator_id").pipe(set_in_row("unit", "banana")))
    problems = problems_of(copy)
    assert f"indicators: row {key}: column unit: must be a unit of the unit vocabulary (schemas/vocab/units.csv) (value 'banana')" in problems
    assert sum("banana" in p for p in problems) <= 3  # vocabulary, codebook units, its figure's: never per row


def test_an_indicator_unit_its_figure_does_not_have(copy):
    """A unit of the indicator's codebook entry, of the vocabulary, but not
    its figure's: only the figure rule can tell."""
    indicators = pl.read_parquet(copy / "data" / "indicators.parquet")
    units = codebook_units(copy)
    i, other = next((i, u) for i, r in enumerate(indicators.iter_rows(named=True)) for u in units[r["indicator_id"]] if u != r["unit"])
    target = indicators.row(i, named=True)
    tamper(copy, "indicators", set_in_row("unit", other, i))
    problems = problems_of(copy)
    assert problems == [
        f"indicators: row figure_id={target['figure_id']}, indicator_id={target['indicator_id']}: column unit: must equal its figure's unit (value {other!r})"
    ]


def test_an_indicator_unit_outside_its_codebook_entry(copy):
    indicators = pl.read_parquet(copy / "data" / "indicators.parquet")
    units = codebook_units(copy)
    first = indicators.row(0, named=True)
    foreign = next(u for u in ("kg", "tonne", "km") if u not in units[first["indicator_id"]])
    tamper(copy, "indicators", set_in_row("unit", foreign))
    problems = problems_of(copy)
    assert any(p.startswith(f"indicators: row figure_id={first['figure_id']}, indicator_id={first['indicator_id']}: column unit: must be one of its codebook entry's units") for p in problems)


@pytest.mark.parametrize(
    "table, column, value, rule",
    [
        ("figures", "qualifier", "roughly", "must be one of the declared values"),  # enum
        ("sources", "sha256", "not-a-hash", "must match the declared pattern"),  # pattern
        ("dates", "char_start", -1, "must be at least the declared minimum 0"),  # range
        ("figures", "context", None, "required: must not be empty"),
        ("codebook", "unit", "banana", "must be a unit of the unit vocabulary"),
        ("figures", "char_end", 10**6, "must lie within the page (sources.characters)"),
        ("figures", "char_start", 10**6, "must be before char_end"),
        ("dates", "date_id", "000_e1c532de56ee5a29:1-2", "must be source_id:char_start-char_end"),
        ("sources", "figure_count", 999, "must equal the source's rows in figures"),
        ("indicators", "region_code", "999999", "must be a region of the gazetteer"),
        ("indicators", "value", -5.0, "must equal its figure's value"),
        ("care_visits", "article_char_end", 10**6, "must lie within the page (sources.characters)"),
        ("figure_flags", "source_id", "elsewhere", "must equal the source_id of the figures row"),
    ],
)
def test_each_rule_broken_is_one_line_naming_table_row_column_and_rule(copy, table, column, value, rule):
    tamper(copy, table, set_in_row(column, value))
    problems = problems_of(copy)
    mine = [p for p in problems if p.startswith(f"{table}: row ") and f"column {column}: {rule}" in p]
    assert len(mine) == 1, problems


def test_a_page_shorter_than_its_offsets(copy):
    tamper(copy, "sources", lambda df: df.with_columns(pl.lit(10, dtype=pl.Int64).alias("characters")))
    problems = problems_of(copy)
    for table, column in (("figures", "char_end"), ("dates", "char_end"), ("indicators", "char_end"), ("care_visits", "article_char_end")):
        assert sum(p.startswith(f"{table}: row ") and f"column {column}: must lie within the page" in p for p in problems) == 1, problems
    assert any("more rows" in p for p in problems)  # aggregated, not one line per row


def test_a_range_check_that_contradicts_the_codebook(copy):
    checks = pl.read_parquet(copy / "data" / "checks.parquet")
    i = checks["kind"].to_list().index("range")
    tamper(copy, "checks", set_in_row("passed", not checks["passed"][i], i))
    assert any(f"checks: row check_id={checks['check_id'][i]}: column passed: must say whether observed lies in the codebook's" in p for p in problems_of(copy))


def test_a_foreign_key_to_a_missing_figure(copy):
    tamper(copy, "indicators", set_in_row("figure_id", "000_e1c532de56ee5a29:1-2"))
    problems = problems_of(copy)
    assert [p for p in problems if "(foreign key)" in p] == [
        p for p in problems if p.startswith("indicators: row figure_id=000_e1c532de56ee5a29:1-2") and "column figure_id: value '000_e1c532de56ee5a29:1-2' not in figures.['figure_id'] (foreign key)" in p
    ]
    assert any("(foreign key)" in p for p in problems)


def test_every_table_must_point_at_its_sources(copy):
    tamper(copy, "dates", lambda df: df.with_columns(pl.lit("elsewhere").alias("source_id")))
    problems = problems_of(copy)
    fk = [p for p in problems if "(foreign key)" in p]
    assert len(fk) == 1 and fk[0].startswith("dates: row date_id=") and "column source_id: value 'elsewhere' not in sources.['source_id']" in fk[0]
    assert "more rows" in fk[0]


def test_a_foreign_key_the_descriptor_declares_is_checked(copy):
    """Whatever the descriptor declares is checked, generically (here a key
    the job's schemas do not have, and that the data breaks)."""
    descriptor_path = copy / "datapackage.json"
    descriptor = json.loads(descriptor_path.read_text(encoding="utf-8"))
    for resource in descriptor["resources"]:
        if resource["name"] == "checks":
            resource["schema"].setdefault("foreignKeys", []).append(
                {"fields": ["check_name"], "reference": {"resource": "codebook", "fields": ["indicator_id"]}}
            )
    descriptor_path.write_text(json.dumps(descriptor, ensure_ascii=False, indent=2), encoding="utf-8")
    assert any(p.startswith("checks: row check_id=") and "not in codebook.['indicator_id'] (foreign key)" in p for p in problems_of(copy))


def test_a_codebook_unit_term_outside_the_vocabulary(copy):
    terms = pl.read_parquet(copy / "data" / "codebook_terms.parquet")
    i = terms["kind"].to_list().index("unit")
    tamper(copy, "codebook_terms", set_in_row("term", "banana", i))
    problems = problems_of(copy)
    assert any(p.startswith(f"codebook: row indicator_id={terms['indicator_id'][i]}: column unit term: every unit of an entry must be in the unit vocabulary") for p in problems), problems


@pytest.mark.parametrize("shift, problem", [(0, "the span is empty"), (-1, "the span is reversed")])
def test_a_care_visit_whose_story_span_is_empty_or_reversed(copy, shift, problem):
    """A visit's story is text: article_char_start < article_char_end.  A row
    whose span is empty or reversed is one line naming care_visits, the
    row's visit_id and the problem."""
    visits = pl.read_parquet(copy / "data" / "care_visits.parquet")
    first = visits.row(0, named=True)
    tamper(copy, "care_visits", set_in_row("article_char_end", first["article_char_start"] + shift))
    problems = problems_of(copy)
    assert problems == [
        f"care_visits: row visit_id={first['visit_id']}: column article_char_start: "
        f"must be before article_char_end ({problem}) (value {first['article_char_start']})"
    ]
