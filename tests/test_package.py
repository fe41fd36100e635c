"""The published package: descriptor, schemas, frictionless, Parquet twins."""

from __future__ import annotations

import json

import duckdb
import frictionless
import pandas as pd
import polars as pl
import pytest

from etl.package import schema
from etl.batch.pipeline import EXIT_OK, RunOptions, run
from etl.package.validate import SchemaViolation, check_table, read_table, sha256_file


def descriptor_of(package):
    return json.loads((package / "datapackage.json").read_text(encoding="utf-8"))


def test_descriptor_carries_what_researchers_need(package):
    d = descriptor_of(package)
    for key in ("name", "title", "description", "version", "licenses", "sources", "contributors"):
        assert d.get(key), key
    assert d["licenses"][0]["name"] == "CC-BY-4.0"
    assert any("綦江" in s["title"] for s in d["sources"])  # the seed's publisher, from its metadata
    names = {r["name"] for r in d["resources"]}
    for table in schema.TABLES:
        assert {table, f"{table}-parquet"} <= names
    for r in d["resources"]:
        assert r["hash"].startswith("sha256:")
        assert r["schema"]["primaryKey"]
        if r["format"] == "csv":
            assert r["bytes"] == (package / r["path"]).stat().st_size
        else:
            assert "bytes" not in r  # frictionless cannot check it through pandas
    figures = next(r for r in d["resources"] if r["name"] == "figures")
    assert {"fields": ["source_id"], "reference": {"resource": "sources", "fields": ["source_id"]}} in figures["schema"]["foreignKeys"]


def test_frictionless_validates_the_whole_package(package):
    report = frictionless.validate(str(package / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "message"])


def test_parquet_hashes_and_round_trip(package):
    d = descriptor_of(package)
    for r in d["resources"]:
        assert r["hash"] == "sha256:" + sha256_file(package / r["path"])
        if r["format"] != "parquet":
            continue
        pq = pl.read_parquet(package / r["path"])
        csv = read_table(package, next(x for x in d["resources"] if x["name"] == r["x-table"]))
        assert dict(pq.schema) == schema.polars_schema(r["x-table"])
        assert pq.equals(csv), r["name"]
        assert pq.height == r["x-rows"]


def test_missing_values_policy_no_nan_and_empty_is_null(package):
    for path in (package / "data").glob("*.csv"):
        text = path.read_text(encoding="utf-8")
        assert "NaN" not in text and "nan," not in text, path.name
    for table in schema.TABLES:
        df = pl.read_parquet(package / "data" / f"{table}.parquet")
        for name, dtype in df.schema.items():
            if dtype == pl.String:
                assert (df[name] == "").sum() == 0, f"{table}.{name} has empty strings: they must be null"
            if dtype == pl.Float64:
                assert df[name].is_nan().sum() == 0, f"{table}.{name} has NaN"


def test_loads_with_pandas_and_duckdb(package):
    figures_pd = pd.read_parquet(package / "data" / "figures.parquet")
    con = duckdb.connect()
    n = con.execute(f"select count(*) from read_csv_auto('{package / 'data' / 'figures.csv'}')").fetchone()[0]
    assert n == len(figures_pd)


def test_every_schema_is_a_valid_table_schema():
    for table in schema.TABLES:
        descriptor = schema.descriptor_schema(table, "csv")
        report = frictionless.Schema.validate_descriptor(descriptor)
        assert report.valid, (table, [e.message for e in report.errors])


def test_pandera_schemas_enforce_the_declared_constraints():
    good = {
        "figure_id": "p:0-3", "source_id": "p", "char_start": 0, "char_end": 3, "surface": "3人",
        "value": 3.0, "value_max": None, "unit": "person", "unit_raw": "人", "per": None,
        "qualifier": "exact", "quantity": "people", "context": "3人",
    }
    make = lambda **kw: pl.DataFrame([{**good, **kw}], schema=schema.polars_schema("figures"))
    check_table("figures", make())
    for bad in ({"unit": "furlong"}, {"qualifier": "roughly"}, {"char_start": -1}, {"surface": None}):
        with pytest.raises(SchemaViolation, match="figures"):
            check_table("figures", make(**bad))
    with pytest.raises(SchemaViolation, match="figures"):
        check_table("figures", pl.concat([make(), make()]))  # duplicate primary key


def test_large_tables_become_multipart_resources_that_validate(tmp_path, monkeypatch):
    from bench.synthetic import write_archive
    from etl.package import publish
    from etl.package.validate import check_package

    monkeypatch.setattr(publish, "MAX_ROWS_PER_PART", 7)
    write_archive(tmp_path / "src", 3, seed=9)
    result = run(RunOptions(sources_dir=tmp_path / "src", out=tmp_path / "dist", state_dir=tmp_path / "st", workers=1))
    assert result.exit_code == EXIT_OK, result.error
    d = descriptor_of(tmp_path / "dist")
    dates = next(r for r in d["resources"] if r["name"] == "dates")
    assert isinstance(dates["path"], list) and len(dates["path"]) == -(-dates["x-rows"] // 7)
    assert dates["path"][0] == "data/dates-001.csv"
    assert sorted(dates["x-parts"]) == dates["path"]
    check_package(tmp_path / "dist", frictionless_check="full")
    joined = read_table(tmp_path / "dist", dates)
    assert joined.equals(pl.read_parquet(tmp_path / "dist" / "data" / "dates.parquet"))


def test_a_parquet_file_that_differs_from_its_csv_is_caught(package, tmp_path):
    import shutil

    from etl.package.validate import check_parquet_equals_csv

    copy = tmp_path / "pkg"
    shutil.copytree(package, copy)
    d = descriptor_of(copy)
    assert check_parquet_equals_csv(copy, d) == []
    path = copy / "data" / "figures.parquet"
    df = pl.read_parquet(path)
    df.with_columns(pl.col("value") + pl.when(pl.int_range(pl.len()) == 3).then(1.0).otherwise(0.0)).write_parquet(path)
    problems = check_parquet_equals_csv(copy, d)
    assert problems and "figures-parquet: Parquet rows 0..48 differ" in problems[0]


def test_the_gate_reads_the_csv_back_through_the_pandera_schemas(package, tmp_path):
    import shutil

    from etl.package.validate import check_data

    copy = tmp_path / "pkg"
    shutil.copytree(package, copy)
    path = copy / "data" / "figures.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[5] = lines[5].replace(",exact,", ",roughly,", 1)
    assert ",roughly," in lines[5]
    path.write_text("".join(lines), encoding="utf-8")
    problems = check_data(copy, descriptor_of(copy), block_bytes=1000)  # a few rows a block
    assert problems and "figures" in problems[0] and "qualifier" in problems[0] and "(CSV rows 0.." in problems[0]


def test_csv_files_are_read_back_in_blocks_of_whole_records(tmp_path):
    from etl.package.validate import read_csv_blocks

    df = pl.DataFrame({"a": ["x", 'say "hi",\nthen\n"go"', None, "", "z" * 50, '"'], "b": [1, 2, 3, 4, 5, 6]})
    path = tmp_path / "t.csv"
    df.write_csv(path, line_terminator="\n", null_value="")
    for block_bytes in (1, 7, 20, 1 << 20):
        blocks = list(read_csv_blocks(path, dict(df.schema), block_bytes))
        assert pl.concat(blocks).equals(pl.read_csv(path, schema=dict(df.schema))), block_bytes


def test_keys_are_checked_across_whole_tables_with_bounded_memory():
    from etl.package.validate import duplicate_keys, missing_references

    lf = pl.LazyFrame({"a": ["x", "y", "z", "y", None], "b": [1, 2, 3, 2, 5]})
    assert duplicate_keys(lf, ["a"]).to_dict(as_series=False) == {"a": ["y"]}
    assert duplicate_keys(lf, ["a", "b"]).to_dict(as_series=False) == {"a": ["y"], "b": [2]}
    assert duplicate_keys(lf, ["b"]).height == 1 and duplicate_keys(lf.unique(), ["a", "b"]).height == 0
    parent = pl.LazyFrame({"id": ["x", "z"]})
    assert missing_references(lf, ["a"], parent, ["id"]).to_dict(as_series=False) == {"a": ["y"]}
    assert missing_references(lf.filter(pl.col("a") != "y"), ["a"], parent, ["id"]).height == 0
    assert missing_references(lf, ["a"], parent.clear(), ["id"]).height == 3


def test_a_key_repeated_across_chunks_is_caught(package, tmp_path):
    import shutil

    from etl.package.validate import check_keys

    copy = tmp_path / "pkg"
    shutil.copytree(package, copy)
    path = copy / "data" / "dates.parquet"
    df = pl.read_parquet(path)
    pl.concat([df, df.head(1)]).write_parquet(path)
    problems = check_keys(copy, descriptor_of(copy))
    assert problems and "dates: 1 duplicate primary key" in problems[0]


def test_a_foreign_key_that_does_not_resolve_is_caught(package, tmp_path):
    import shutil

    from etl.package.validate import check_foreign_keys

    copy = tmp_path / "pkg"
    shutil.copytree(package, copy)
    assert check_foreign_keys(copy, descriptor_of(copy)) == []
    path = copy / "data" / "sources.parquet"
    pl.read_parquet(path).with_columns(pl.lit("elsewhere").alias("source_id")).write_parquet(path)
    problems = check_foreign_keys(copy, descriptor_of(copy))
    assert problems and all("not in sources.['source_id']" in p for p in problems)
    # every table whose rows come from a page refers to its page
    page_tables = {t for t in schema.TABLES if t != "sources" and "source_id" in schema.field_names(t)}
    assert {"figures", "figure_flags", "check_figures", "visit_gifts"} <= page_tables
    assert {p.split(":")[0] for p in problems} == page_tables


@pytest.mark.parametrize(
    "child, column, parent",
    [
        ("check_figures", "figure_id", "figures"),
        ("check_figures", "check_id", "checks"),
        ("indicators", "indicator_id", "codebook"),
        ("indicators", "figure_id", "figures"),
        ("figure_flags", "figure_id", "figures"),
        ("visit_gifts", "visit_id", "care_visits"),
        ("codebook_terms", "indicator_id", "codebook"),
    ],
)
def test_a_row_referring_to_a_missing_row_is_caught(package, tmp_path, child, column, parent):
    """Each reference between tables is a declared foreign key that the
    package checks: a link to a row that is not there is reported."""
    import shutil

    from etl.package.validate import check_foreign_keys

    copy = tmp_path / "pkg"
    shutil.copytree(package, copy)
    path = copy / "data" / f"{child}.parquet"
    df = pl.read_parquet(path)
    assert df.height, f"the seed package has no {child} rows to test with"
    df.with_columns(pl.when(pl.int_range(pl.len()) == 0).then(pl.lit("nowhere")).otherwise(pl.col(column)).alias(column)).write_parquet(path)
    problems = check_foreign_keys(copy, descriptor_of(copy))
    assert len(problems) == 1, problems  # one line: the table, the row's key, the column, the rule
    assert problems[0].startswith(f"{child}: row ")
    assert problems[0].endswith(f"column {column}: value 'nowhere' not in {parent}.['{column}'] (foreign key)")


def test_the_descriptor_on_disk_must_be_the_one_built(package, tmp_path):
    import shutil

    from etl.package.validate import check_descriptor_file

    copy = tmp_path / "pkg"
    shutil.copytree(package, copy)
    built = descriptor_of(copy)
    assert check_descriptor_file(copy, built) == []
    edited = json.loads(json.dumps(built))
    edited["resources"][0]["x-rows"] += 1
    assert check_descriptor_file(copy, edited) == ["datapackage.json: differs from the descriptor built for the written files"]
    (copy / "datapackage.json").unlink()
    assert check_descriptor_file(copy, built) == ["datapackage.json is missing"]


def test_frictionless_checks_the_declared_foreign_keys(package, tmp_path):
    """frictionless (``frictionless validate``, ``etl validate``) reads the
    foreign keys from the descriptor: a check linked to a figure that is not
    in ``figures`` is a foreign-key error there too."""
    import shutil

    from etl.package.validate import check_frictionless

    copy = tmp_path / "pkg"
    shutil.copytree(package, copy)
    assert check_frictionless(copy) == []
    path = copy / "data" / "check_figures.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    check_id, role, figure_id, source_id = lines[1].rstrip("\n").split(",")
    lines[1] = ",".join([check_id, role, f"{source_id}:0-0", source_id]) + "\n"
    path.write_text("".join(lines), encoding="utf-8")
    problems = check_frictionless(copy)
    assert any(p.startswith("check_figures:") and "foreign key" in p.lower() for p in problems), problems
