"""Transform stage: the pages' rows become typed, tidy, sorted tables.

Every table gets exactly the columns of its schema, in schema order, with the
polars dtypes derived from it, and a deterministic row order
(``schema.sort_columns``), so the same pages always give the same bytes.
"""

from __future__ import annotations

from collections.abc import Iterable

import polars as pl

from etl import schema


def build_table(table: str, rows: Iterable[dict]) -> pl.DataFrame:
    """A typed, sorted DataFrame of ``table`` from row dicts."""
    dtypes = schema.polars_schema(table)
    rows = list(rows)
    if rows:
        extra = set(rows[0]) - set(dtypes)
        if extra:
            raise ValueError(f"table {table!r}: rows carry columns not in schemas/{table}.json: {sorted(extra)}")
    df = pl.DataFrame(rows, schema=dtypes, orient="row") if rows else pl.DataFrame(schema=dtypes)
    # Empty strings are published as missing values: frictionless reads an
    # empty CSV cell as null, so the two must not be told apart anywhere.
    df = df.with_columns(
        pl.when(pl.col(c).str.len_chars() == 0).then(None).otherwise(pl.col(c)).alias(c)
        for c, t in dtypes.items()
        if t == pl.String
    )
    return df.sort(schema.sort_columns(table), nulls_last=True, maintain_order=True)
