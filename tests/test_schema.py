"""The schemas are the single source of truth: everything else agrees with them."""

from __future__ import annotations

import polars as pl

from etl.extract import rules
from etl.package import schema


def field(table: str, name: str) -> dict:
    return next(f for f in schema.load(table)["fields"] if f["name"] == name)


def test_the_unit_vocabulary_is_enforced_by_the_figures_schema():
    enum = set(field("figures", "unit")["constraints"]["enum"])
    assert set(rules.unit_codes()) <= enum, "a unit in schemas/vocab/units.csv is missing from schemas/figures.json"
    for code in ("person", "person_time", "household", "CNY", "percent", "percentage_point", "permille",
                 "establishment", "event", "count", "year", "month", "day", "hour", "m2", "km2", "mu",
                 "km", "m", "tonne", "kg", "other"):
        assert code in enum


def test_polars_dtypes_follow_the_declared_types():
    dtypes = schema.polars_schema("figures")
    assert dtypes["value"] == pl.Float64 and dtypes["char_start"] == pl.Int64 and dtypes["surface"] == pl.String
    assert schema.polars_schema("dates")["start"] == pl.Date


def test_parquet_variant_relaxes_only_what_pandas_breaks():
    csv = schema.descriptor_schema("figures", "csv")
    pq = schema.descriptor_schema("figures", "parquet")
    by_name = {f["name"]: f for f in pq["fields"]}
    assert by_name["value"]["constraints"] == next(f for f in csv["fields"] if f["name"] == "value")["constraints"]
    assert by_name["char_start"]["constraints"]["minimum"] == 0  # required: kept
    assert pq["foreignKeys"][0]["reference"]["resource"] == "sources-parquet"


def test_every_table_sorts_by_columns_it_has():
    for table in schema.TABLES:
        assert set(schema.sort_columns(table)) <= set(schema.field_names(table))


def test_rules_yaml_is_read_as_yaml_safe_load_reads_it():
    # rules.read_yaml takes libyaml's parser when PyYAML has one: the
    # pure-Python safe loader is the oracle, for every YAML file of the rules.
    import yaml

    paths = sorted(rules.VOCAB_DIR.parent.rglob("*.yaml"))
    assert paths
    for path in paths:
        assert rules.read_yaml(path) == yaml.safe_load(path.read_text(encoding="utf-8")), path


def test_every_reference_between_tables_is_a_declared_foreign_key():
    """A column named like another table's key (source_id, figure_id,
    check_id, visit_id, indicator_id) refers to that table: it is declared
    as a foreign key, so frictionless and etl validate check it."""
    from etl.package import schema

    keys = {}
    for table in schema.TABLES:
        pk = schema.load(table)["primaryKey"]
        if len(pk) == 1:
            keys[pk[0]] = table
    for table in schema.TABLES:
        declared = {(tuple(fk["fields"]), fk["reference"]["resource"]) for fk in schema.load(table).get("foreignKeys", [])}
        for name in schema.field_names(table):
            owner = keys.get(name)
            if owner is not None and owner != table:
                assert ((name,), owner) in declared, f"{table}.{name} refers to {owner} without a declared foreign key"


def test_no_column_is_a_joined_list():
    """Lists are link tables: no column is documented as a joined list."""
    from etl.package import schema

    for table in schema.TABLES:
        for field in schema.load(table)["fields"]:
            assert "-joined" not in field.get("description", ""), f"{table}.{field['name']}"
