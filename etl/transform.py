"""Transform stage: the pages' rows become typed, tidy, sorted tables.

Every table gets exactly the columns of its schema, in schema order, with the
polars dtypes derived from it, and a deterministic row order
(``schema.sort_columns``), so the same pages always give the same bytes.

Rows arrive page by page; ``TableBuilder`` turns them into columnar chunks
every ``CHUNK_ROWS`` rows, so memory holds the output tables (compact,
columnar) rather than millions of Python dicts.
"""

from __future__ import annotations

from collections.abc import Iterable

import polars as pl

from etl import schema

#: Rows buffered as Python dicts before they become a columnar chunk.
CHUNK_ROWS = 20_000


def _frame(table: str, rows: list[dict]) -> pl.DataFrame:
    dtypes = schema.polars_schema(table)
    if rows:
        extra = set(rows[0]) - set(dtypes)
        if extra:
            raise ValueError(f"table {table!r}: rows carry columns not in schemas/{table}.json: {sorted(extra)}")
        return pl.DataFrame(rows, schema=dtypes, orient="row")
    return pl.DataFrame(schema=dtypes)


class TableBuilder:
    """Accumulates one table's rows, page by page, into columnar chunks."""

    def __init__(self, table: str):
        self.table = table
        self._rows: list[dict] = []
        self._chunks: list[pl.DataFrame] = []

    def add(self, rows: Iterable[dict]) -> None:
        self._rows.extend(rows)
        if len(self._rows) >= CHUNK_ROWS:
            self._flush()

    def _flush(self) -> None:
        if self._rows:
            self._chunks.append(_frame(self.table, self._rows))
            self._rows = []
        if len(self._chunks) > 64:  # keep the chunk list short
            self._chunks = [pl.concat(self._chunks, rechunk=True)]

    def finish(self) -> pl.DataFrame:
        self._flush()
        df = pl.concat(self._chunks, rechunk=True) if self._chunks else _frame(self.table, [])
        self._chunks = []
        # Empty strings are published as missing values: frictionless reads an
        # empty CSV cell as null, so the two must not be told apart anywhere.
        df = df.with_columns(
            pl.when(pl.col(c).str.len_chars() == 0).then(None).otherwise(pl.col(c)).alias(c)
            for c, t in df.schema.items()
            if t == pl.String
        )
        return df.sort(schema.sort_columns(self.table), nulls_last=True, maintain_order=True)


def build_table(table: str, rows: Iterable[dict]) -> pl.DataFrame:
    """A typed, sorted DataFrame of ``table`` from row dicts."""
    builder = TableBuilder(table)
    builder.add(rows)
    return builder.finish()
