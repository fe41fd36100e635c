"""The fast paths of row building and storing give what the plain ways give.

``transform.to_columns`` reads complete rows with one itemgetter per row
(falling back to ``dict.get`` for rows that leave columns out); it is
checked against the straightforward computation on random rows (columns
missing or extra, keys in any order, empty strings, nulls and ties in the
sort keys, rows out of order), directly and through the run state.
"""

from __future__ import annotations

import random
from datetime import date

import pytest

from etl.package import schema, transform
from etl.batch.page import PageOutcome
from etl.batch.state import dump_outcome, load_outcome

TABLES = ("sources", "figures", "dates", "indicators", "checks", "care_visits")


def _plain_to_columns(table: str, rows: list[dict]) -> dict[str, list]:
    """to_columns the plain way: row.get per column, nulls last, stable sort."""
    names = schema.field_names(table)
    extra = {k for row in rows for k in row} - set(names)
    if extra:
        raise ValueError(sorted(extra))
    strings = set(transform._string_columns(table))
    columns = {
        name: [None if (name in strings and row.get(name) == "") else row.get(name) for row in rows]
        for name in names
    }
    keys = schema.sort_columns(table)

    def key(i: int) -> tuple:
        return tuple((columns[k][i] is None, columns[k][i]) for k in keys)

    order = sorted(range(len(rows)), key=key)
    return {name: [values[i] for i in order] for name, values in columns.items()}


POSITIONS = ("char_start", "char_end", "article_char_start")


def _random_value(rng: random.Random, table: str, name: str):
    """Nulls, empty strings and a few values that repeat, so that sort keys
    tie; sort key columns hold one type each (as published rows do)."""
    if rng.random() < 0.15:
        return None
    if name in POSITIONS:
        return rng.randint(0, 5)
    if name in schema.sort_columns(table):
        return rng.choice(["", "a", "b", "ab"])
    if rng.random() < 0.3:
        return date(2022, rng.randint(1, 3), 1)
    return rng.choice(["", "a", "b", "ab", "某某", 1.5])


def _random_rows(rng: random.Random, table: str) -> list[dict]:
    names = schema.field_names(table)
    rows = []
    for _ in range(rng.randint(0, 6)):
        present = [n for n in names if rng.random() < 0.9] if rng.random() < 0.3 else list(names)
        if rng.random() < 0.3:
            rng.shuffle(present)
        row = {n: _random_value(rng, table, n) for n in present}
        if rng.random() < 0.05:
            row["not_a_column"] = 1
        rows.append(row)
    return rows


def test_to_columns_matches_the_plain_transposition_on_random_rows():
    rng = random.Random(20261126)
    checked = errors = 0
    for _ in range(3000):
        table = rng.choice(TABLES)
        rows = _random_rows(rng, table)
        try:
            expected = _plain_to_columns(table, rows)
        except ValueError:
            with pytest.raises(ValueError, match="not_a_column"):
                transform.to_columns(table, rows)
            errors += 1
            continue
        got = transform.to_columns(table, rows)
        assert list(got) == list(expected)
        assert got == expected, (table, rows)
        checked += 1
    assert checked > 2000 and errors > 50


def test_a_row_with_as_many_keys_but_another_one_is_refused():
    names = schema.field_names("dates")
    row = {n: "x" for n in names[:-1]} | {"other": 1}
    with pytest.raises(ValueError, match="other"):
        transform.to_columns("dates", [row])


def test_stored_outcomes_load_the_plain_columns():
    rng = random.Random(7)
    for _ in range(200):
        tables = {t: [r for r in _random_rows(rng, t) if "not_a_column" not in r] for t in TABLES}
        outcome = PageOutcome("p.txt", "p", "0" * 64, "ok", tables=tables)
        loaded = load_outcome(dump_outcome(outcome))
        assert loaded.columns == {t: _plain_to_columns(t, rows) for t, rows in tables.items()}
