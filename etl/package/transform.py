"""Transform stage: the pages' rows become typed, tidy, sorted tables on disk.

Every table gets exactly the columns of its schema, in schema order, with the
polars dtypes derived from it, empty strings as nulls, and a deterministic
row order (``schema.sort_columns``), so the same pages always give the same
bytes.

Tables are never held whole in memory.  Each page's rows are put in that
form where the page is processed (``to_columns``: columns, normalised, the
page's rows sorted); they arrive page by page *in output order* (the
pipeline hands over the pages sorted by source_id, and a page's rows all
share its source_id, the first sort column), so appending them keeps each
table sorted.  Every ``CHUNK_ROWS`` rows ``TableBuilder`` spills them as a
columnar chunk to an Arrow IPC file: the chunk files, read one after the
other, *are* the sorted table (``SpilledTable``), and the publish stage
streams them to CSV and Parquet without a global sort.  The builder checks
that promise page by page and fails loudly if pages ever arrive out of
order.

The builders also record which spilled rows still need the schema check
(``SpilledTable.unchecked``; the validate stage checks them once extraction
is over): rows a previous run already checked and published are not
checked twice.
"""

from __future__ import annotations

import functools
import operator
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from etl.package import schema

#: Rows buffered (as Python lists, column by column) before they become a
#: columnar chunk on disk: bounds the builders' memory whatever the size of
#: the archive.  Every table buffers at once; 5,000 rows keep the buffers at
#: a few MB, and chunks this size build as fast as larger ones.
CHUNK_ROWS = 5_000


def to_columns(table: str, rows: list[dict]) -> dict[str, list]:
    """One page's rows of ``table`` as they are published, column by column:
    every column of the schema in schema order (a column a row leaves out is
    null), empty strings as nulls, rows in the table's order.

    This runs where the page is processed (a worker), so the main process
    only appends columns: building, normalising and sorting the rows there,
    one page at a time, costs less than doing it per chunk in polars while
    the workers hold both cores."""
    names, get_all = _field_getter(table)
    if not rows:
        return {name: [] for name in names}
    if get_all is not None and set(map(len, rows)) == {len(names)}:
        # Every row has as many keys as the schema has columns: if each has
        # all of them (the usual case, itemgetter raises otherwise), it has
        # no other.  One C-level itemgetter per row.
        try:
            values_by_row = list(map(get_all, rows))
        except KeyError:
            values_by_row = None
    else:
        values_by_row = None
    if values_by_row is None:
        extra = set().union(*rows).difference(names)
        if extra:
            raise ValueError(f"table {table!r}: rows carry columns not in schemas/{table}.json: {sorted(extra)}")
        values_by_row = [list(map(row.get, names)) for row in rows]
    # Transposed with C-level iteration (map, zip): this runs for every page.
    columns = dict(zip(names, map(list, zip(*values_by_row))))
    # Empty strings are published as missing values: frictionless reads an
    # empty CSV cell as null, so the two must not be told apart anywhere.
    for name in _string_columns(table):
        values = columns[name]
        if "" in values:
            columns[name] = [None if v == "" else v for v in values]
    order = _row_order([columns[k] for k in _sort_columns(table)])
    if order is not None:  # (at least two rows: one row is in order)
        in_order = operator.itemgetter(*order)
        columns = {name: list(in_order(values)) for name, values in columns.items()}
    return columns


@functools.cache
def _field_getter(table: str) -> tuple[tuple[str, ...], operator.itemgetter | None]:
    """The table's column names, and an itemgetter of all of them as a tuple
    (None for a one-column table: itemgetter of one name gives no tuple)."""
    names = tuple(schema.field_names(table))
    return names, (operator.itemgetter(*names) if len(names) > 1 else None)


@functools.cache
def _sort_columns(table: str) -> tuple[str, ...]:
    return tuple(schema.sort_columns(table))


def _row_order(key_columns: list[list]) -> list[int] | None:
    """The permutation that sorts rows by these key columns the way polars
    does (see ``_order_key``), or None when they are in order already (the
    usual case: a page's rows come in reading order)."""
    if any(None in column for column in key_columns):
        keys = [_order_key(key) for key in zip(*key_columns)]
    else:  # no nulls: plain tuples compare the same way, and faster
        keys = list(zip(*key_columns))
    if all(map(operator.le, keys, keys[1:])):
        return None
    return sorted(range(len(keys)), key=keys.__getitem__)


@functools.cache
def _string_columns(table: str) -> tuple[str, ...]:
    return tuple(name for name, dtype in schema.polars_schema(table).items() if dtype == pl.String)


def _order_key(row: tuple) -> tuple:
    """A sort-key row as Python compares it the way polars sorts it
    (``sort(nulls_last=True, maintain_order=True)``: nulls last; strings by
    code point, which is UTF-8 byte order; Python's sort is stable)."""
    return tuple((v is None, v) for v in row)


#: Rows read at a time from a spilled file larger than a chunk (a table
#: merged with the published package's rows is one file; see ``merge_published``).
READ_SLICE_ROWS = 100_000


@dataclass
class SpilledTable:
    """One table, sorted, as a sequence of Arrow IPC chunk files."""

    table: str
    files: list[Path] = field(default_factory=list)
    rows: int = 0
    # Files holding the rows that still need the schema check (rows of
    # pages no earlier run checked): chunk files, or subsets of them.
    unchecked: list[Path] = field(default_factory=list)

    def scan(self) -> pl.LazyFrame:
        """The whole table as a lazy scan (for streaming sinks and queries)."""
        if not self.files:
            return pl.LazyFrame(schema=schema.polars_schema(self.table))
        return pl.scan_ipc(self.files)

    def chunks(self) -> Iterator[pl.DataFrame]:
        """The table chunk by chunk, in order (one chunk, at most
        ``READ_SLICE_ROWS`` rows, in memory at a time)."""
        for path in self.files:
            lf = pl.scan_ipc(path)
            rows = lf.select(pl.len()).collect().item()
            if rows <= READ_SLICE_ROWS:
                yield lf.collect()
                continue
            for offset in range(0, rows, READ_SLICE_ROWS):
                yield lf.slice(offset, READ_SLICE_ROWS).collect()

    def collect(self) -> pl.DataFrame:
        """The whole table in memory: only for small tables (and tests)."""
        return self.scan().collect()


class TableBuilder:
    """Turns one table's rows, page by page in output order, into sorted
    chunk files in ``folder``.

    It also keeps track of the rows that still need the schema check (the
    validate stage runs it on ``SpilledTable.unchecked`` once extraction is
    over, in large batches): the rows of pages added with ``checked=False``.
    Rows an earlier run already checked (same page, same extractor and
    schemas) are not checked again: a run that adds one page to a large
    archive checks one page's rows."""

    def __init__(self, table: str, folder: Path):
        self.table = table
        self.folder = folder
        self._dtypes = schema.polars_schema(table)
        self._columns: dict[str, list] = {name: [] for name in self._dtypes}
        self._unchecked: list[bool] = []  # per buffered row: does it still need the check?
        self._keys = schema.sort_columns(table)
        self._last_key: tuple | None = None  # sort key of the last row added
        self._spilled = SpilledTable(table)

    def add(self, rows: Iterable[dict], checked: bool = False) -> None:
        """Add one page's rows as dicts (never part of a page: chunks hold whole pages)."""
        self.add_columns(to_columns(self.table, list(rows)), checked)

    def add_columns(self, columns: dict[str, list], checked: bool = False) -> None:
        """Add one page's rows as ``to_columns`` returns them (all of the
        page's rows: chunks hold whole pages, so that pages handed over in
        order make sorted tables)."""
        if columns.keys() != self._columns.keys():
            raise ValueError(f"table {self.table!r}: page columns {list(columns)} are not those of schemas/{self.table}.json")
        rows = len(next(iter(columns.values())))
        if not rows:
            return
        first = tuple(columns[k][0] for k in self._keys)
        if self._last_key is not None and _order_key(first) < _order_key(self._last_key):
            raise RuntimeError(
                f"table {self.table!r}: pages arrived out of order ({first} after {self._last_key}); "
                "the pipeline must hand over pages sorted by source_id"
            )
        self._last_key = tuple(columns[k][-1] for k in self._keys)
        for name, values in columns.items():
            self._columns[name].extend(values)
        self._unchecked.extend([not checked] * rows)
        if len(self._unchecked) >= CHUNK_ROWS:
            self._flush()

    def _flush(self) -> None:
        if not self._unchecked:
            return
        df = pl.DataFrame(self._columns, schema=self._dtypes)
        unchecked = self._unchecked
        self._columns = {name: [] for name in self._dtypes}
        self._unchecked = []
        path = self.folder / f"{self.table}-{len(self._spilled.files):06d}.arrow"
        df.write_ipc(path, compression="uncompressed")
        self._spilled.files.append(path)
        self._spilled.rows += df.height
        if all(unchecked):
            self._spilled.unchecked.append(path)
        elif any(unchecked):
            subset = path.with_suffix(".unchecked.arrow")
            df.filter(pl.Series(unchecked)).write_ipc(subset, compression="uncompressed")
            self._spilled.unchecked.append(subset)

    def finish(self) -> SpilledTable:
        """Spill what is left; the table, sorted, on disk."""
        self._flush()
        return self._spilled


def merge_published(spilled: SpilledTable, published: list[Path], keep: set[str], folder: Path) -> SpilledTable:
    """``spilled`` (the rows of the pages processed or loaded in this run)
    merged with the rows of the ``keep`` pages (by source_id) from the
    published package's Parquet files, as one sorted table in ``folder``.

    A run that adds a page to a large archive reads the unchanged pages'
    rows back from the package it published last time (polars, streamed)
    instead of loading every page from the state.  Both inputs are sorted
    and share no source_id, so merging on source_id, the first sort column,
    gives the table's order: the bytes published are those of a run from
    scratch (tested)."""
    kept = pl.scan_parquet(published).filter(pl.col("source_id").is_in(pl.Series(sorted(keep), dtype=pl.String).implode()))
    merged = kept.merge_sorted(spilled.scan(), key="source_id")
    path = folder / f"{spilled.table}-merged.arrow"
    merged.sink_ipc(path, compression="uncompressed")
    rows = pl.scan_ipc(path).select(pl.len()).collect().item()
    return SpilledTable(spilled.table, [path], rows, unchecked=list(spilled.unchecked))
