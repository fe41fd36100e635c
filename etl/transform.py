"""Transform stage: the pages' rows become typed, tidy, sorted tables on disk.

Every table gets exactly the columns of its schema, in schema order, with the
polars dtypes derived from it, and a deterministic row order
(``schema.sort_columns``), so the same pages always give the same bytes.

Tables are never held whole in memory.  Rows arrive page by page, *in output
order* (the pipeline hands over the pages sorted by source_id, and a page's
rows all share its source_id); every ``CHUNK_ROWS`` rows ``TableBuilder``
turns them into a columnar chunk, sorts the chunk and spills it to an Arrow
IPC file.  Because chunks
hold whole pages and the pages come in source_id order, sorting each chunk
sorts the table: the chunk files, read one after the other, *are* the sorted
table (``SpilledTable``), and the publish stage streams them to CSV and
Parquet without a global sort.  The builder checks that promise chunk by
chunk and fails loudly if the pages ever arrive out of order.

The tables are checked against their schemas once, on the written files
(``validate.check_package``: the CSV read back, block by block, through the
pandera schemas), not here as well: the same rules twice would cost twice.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from etl import schema

#: Rows buffered as Python dicts before they become a columnar chunk on disk:
#: bounds the builders' memory whatever the size of the archive.  A row as a
#: dict costs ~1.5 KB, and every table buffers at once: 5,000 rows keep the
#: buffers near 30 MB, and chunks this size build as fast as larger ones.
CHUNK_ROWS = 5_000


def _frame(table: str, rows: list[dict]) -> pl.DataFrame:
    dtypes = schema.polars_schema(table)
    if rows:
        extra = set(rows[0]) - set(dtypes)
        if extra:
            raise ValueError(f"table {table!r}: rows carry columns not in schemas/{table}.json: {sorted(extra)}")
        return pl.DataFrame(rows, schema=dtypes, orient="row")
    return pl.DataFrame(schema=dtypes)


def tidy(table: str, df: pl.DataFrame) -> pl.DataFrame:
    """Empty strings as nulls, rows in the table's order."""
    # Empty strings are published as missing values: frictionless reads an
    # empty CSV cell as null, so the two must not be told apart anywhere.
    df = df.with_columns(
        pl.when(pl.col(c).str.len_chars() == 0).then(None).otherwise(pl.col(c)).alias(c)
        for c, t in df.schema.items()
        if t == pl.String
    )
    return df.sort(schema.sort_columns(table), nulls_last=True, maintain_order=True)


def _order_key(row: tuple) -> tuple:
    """A sort-key row as Python compares it the way polars sorts it
    (nulls last; strings by code point, which is UTF-8 byte order)."""
    return tuple((v is None, v) for v in row)


@dataclass
class SpilledTable:
    """One table, sorted, as a sequence of Arrow IPC chunk files."""

    table: str
    files: list[Path] = field(default_factory=list)
    rows: int = 0

    def scan(self) -> pl.LazyFrame:
        """The whole table as a lazy scan (for streaming sinks and queries)."""
        if not self.files:
            return pl.LazyFrame(schema=schema.polars_schema(self.table))
        return pl.scan_ipc(self.files)

    def chunks(self) -> Iterator[pl.DataFrame]:
        """The table chunk by chunk, in order (one chunk in memory at a time)."""
        for path in self.files:
            yield pl.read_ipc(path)

    def collect(self) -> pl.DataFrame:
        """The whole table in memory: only for small tables (and tests)."""
        return self.scan().collect()


class TableBuilder:
    """Turns one table's rows, page by page in output order, into sorted
    chunk files in ``folder``."""

    def __init__(self, table: str, folder: Path):
        self.table = table
        self.folder = folder
        self._rows: list[dict] = []
        self._last_key: tuple | None = None  # sort key of the last row spilled
        self._spilled = SpilledTable(table)

    def add(self, rows: Iterable[dict]) -> None:
        """Add one page's rows (never part of a page: chunks hold whole pages)."""
        self._rows.extend(rows)
        if len(self._rows) >= CHUNK_ROWS:
            self._flush()

    def _flush(self) -> None:
        if not self._rows:
            return
        df = tidy(self.table, _frame(self.table, self._rows))
        self._rows = []
        keys = schema.sort_columns(self.table)
        first, last = df.select(keys).row(0), df.select(keys).row(-1)
        if self._last_key is not None and _order_key(first) < _order_key(self._last_key):
            raise RuntimeError(
                f"table {self.table!r}: pages arrived out of order ({first} after {self._last_key}); "
                "the pipeline must hand over pages sorted by source_id"
            )
        self._last_key = last
        path = self.folder / f"{self.table}-{len(self._spilled.files):06d}.arrow"
        df.write_ipc(path, compression="uncompressed")
        self._spilled.files.append(path)
        self._spilled.rows += df.height

    def finish(self) -> SpilledTable:
        """Spill what is left; the table, sorted, on disk."""
        self._flush()
        return self._spilled


def build_table(table: str, rows: Iterable[dict]) -> pl.DataFrame:
    """A typed, sorted DataFrame of ``table`` from row dicts, in memory
    (small tables and tests; the pipeline spills through ``TableBuilder``)."""
    return tidy(table, _frame(table, list(rows)))
