"""Publish stage: tables to files, the descriptor, and the atomic swap.

The new package is written to a temporary folder beside the output folder,
validated there, and only then swapped into place, so a reader (or a run
killed at any moment) only ever sees the previous package or the new one:

* on Linux the swap is one ``renameat2(RENAME_EXCHANGE)`` system call, which
  exchanges the two folders atomically;
* elsewhere it is two renames (old out of the way, new in); a crash between
  them leaves the old package whole under ``.<name>.old``, and ``recover``
  (run at the start of every run) puts it back.

Tables arrive as sorted chunk files (``transform.SpilledTable``) and are
streamed to their CSV parts and Parquet file, one chunk at a time, so
publishing never holds a whole table in memory.

Output is deterministic: no timestamps, fixed row order, fixed CSV and
Parquet writer settings (explicit row groups: the bytes do not depend on how
the rows were chunked on their way), and polars pinned (the Parquet footer
records its version).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import json
import os
import shutil
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import BinaryIO

import polars as pl

from etl.package import docs, landing, schema
from etl.package.descriptor import build_descriptor
from etl.package.transform import SpilledTable
from etl.package.validate import sha256_file

#: A CSV table with more rows is split into parts of at most this many rows
#: (a multipart resource, each part with its header; ~100 MB of figures), so
#: no single download is unwieldy.  Parquet stays one file (compressed, with
#: row groups): frictionless cannot read a multipart Parquet resource.
MAX_ROWS_PER_PART = 500_000

#: Rows per Parquet row group: explicit, so the file's bytes are the same
#: however the table was chunked before (checked in the tests).
PARQUET_ROW_GROUP = 100_000

#: Tables written (and read back, see write_package) at once, in threads.
#: More than the cores: each file is flushed to disk in its thread
#: (``_fsync_file``), and a thread waiting on the disk leaves its core to
#: the others (measured at 2,000 pages: 4 threads ~3% faster than 2).
WRITE_THREADS = 4


def write_csv(df: pl.DataFrame, out: Path | BinaryIO, include_header: bool = True) -> None:
    """Write rows as CSV to a path or an open binary file (appending chunk
    after chunk to one file gives the bytes of writing them at once)."""
    # Floats are written in their shortest round-trip form; there is no NaN
    # (nulls are empty cells), see transform.to_columns.
    df.write_csv(out, include_header=include_header, line_terminator="\n", null_value="", date_format="%Y-%m-%d")


def write_parquet(lf: pl.LazyFrame, path: Path) -> None:
    """Stream rows to one Parquet file (polars' streaming sink: the table is
    never collected)."""
    lf.sink_parquet(
        path, compression="zstd", compression_level=3, statistics=True, row_group_size=PARQUET_ROW_GROUP
    )


def _csv_part_paths(table: str, rows: int) -> list[str]:
    count = max(1, -(-rows // MAX_ROWS_PER_PART))
    if count == 1:
        return [f"data/{table}.csv"]
    return [f"data/{table}-{i:03d}.csv" for i in range(1, count + 1)]


def _csv_pieces(spilled: SpilledTable) -> Iterator[tuple[int, pl.DataFrame]]:
    """The table's rows as (part index, rows) pieces, in order: each chunk is
    cut where a part ends, so a part holds at most ``MAX_ROWS_PER_PART`` rows."""
    written = 0
    for chunk in spilled.chunks():
        offset = 0
        while offset < chunk.height:
            part = written // MAX_ROWS_PER_PART
            take = min(chunk.height - offset, (part + 1) * MAX_ROWS_PER_PART - written)
            yield part, chunk.slice(offset, take)
            offset += take
            written += take


def write_csv_parts(spilled: SpilledTable, package_dir: Path) -> list[str]:
    """Write a table as one CSV file, or as parts of at most
    ``MAX_ROWS_PER_PART`` rows (each with its header); their paths.

    Chunk file by chunk file, each scanned on its own: one streaming sink
    over all of a table's chunk files was faster (publishing 2,000 pages'
    tables alone 0.41-0.43 s against 0.49-0.50; 10,000: 1.70-1.78 against
    2.0-2.15) but raised the run's peak memory by 90-135 MiB (10,000 pages:
    443-495 MiB against 356-396; 50,000: 555-575 against 420), slices of
    it too: a scan keeps the files it has read mapped until it ends."""
    rels = _csv_part_paths(spilled.table, spilled.rows)
    if spilled.rows == 0:  # the header alone
        write_csv(pl.DataFrame(schema=schema.polars_schema(spilled.table)), package_dir / rels[0])
        return rels
    current, f = -1, None  # f: the open part file
    try:
        for part, piece in _csv_pieces(spilled):
            if part != current:  # a new part, with its header
                if f is not None:
                    f.close()
                current, f = part, (package_dir / rels[part]).open("wb")
                write_csv(piece, f, include_header=True)
            else:
                assert f is not None  # (the first piece opens a part)
                write_csv(piece, f, include_header=False)
    finally:
        if f is not None:
            f.close()
    return rels


def write_resource(spilled: SpilledTable, fmt: str, package_dir: Path) -> dict:
    """Write one table in one format; return its descriptor resource."""
    table = spilled.table
    meta = schema.load(table)
    if fmt == "csv":
        rels = write_csv_parts(spilled, package_dir)
    else:
        rels = [f"data/{table}.parquet"]
        write_parquet(spilled.scan(), package_dir / rels[0])
    resource: dict = {
        "name": schema.resource_name(table, fmt),
        "title": meta.get("title", table) + (" (Parquet)" if fmt == "parquet" else ""),
        "description": meta.get("description", ""),
        "path": rels[0] if len(rels) == 1 else rels,
        "format": fmt,
    }
    if fmt == "csv":
        resource.update(mediatype="text/csv", encoding="utf-8")
        resource["dialect"] = {"csv": {"delimiter": ",", "lineTerminator": "\n", "quoteChar": '"', "header": True}}
    else:
        resource["mediatype"] = "application/vnd.apache.parquet"
    for rel in rels:
        # Flushed to disk here, in the writing thread, while other files are
        # still being written; the swap's fsync_tree then finds it clean.
        _fsync_file(package_dir / rel)
    if len(rels) == 1:
        path = package_dir / rels[0]
        resource["hash"] = "sha256:" + sha256_file(path)
        if fmt == "csv":  # frictionless reads Parquet through pandas: no byte count there
            resource["bytes"] = path.stat().st_size
    else:
        resource["x-parts"] = {
            rel: {"hash": "sha256:" + sha256_file(package_dir / rel), "bytes": (package_dir / rel).stat().st_size}
            for rel in rels
        }
    resource["x-table"] = table
    resource["x-rows"] = spilled.rows
    resource["schema"] = schema.descriptor_schema(table, fmt)
    return resource


def _publishers(sources: SpilledTable) -> list[str]:
    found = sources.scan().select(pl.col("publisher").drop_nulls().unique()).collect()
    return sorted(p for p in found["publisher"].to_list() if p)


def write_package(
    tables: dict[str, SpilledTable],
    package_dir: Path,
    check_table: Callable[[Path, dict, dict], list[str]] | None = None,
) -> tuple[dict, list[str]]:
    """Write every table as CSV and Parquet, the descriptor, the README and
    the landing page (``index.html``);
    return the descriptor and what ``check_table`` found.

    ``check_table(package_dir, csv_resource, parquet_resource)`` (the run's
    gate: ``validate.check_written_table``) runs on each table as soon as
    its two files are written, in the same thread, while other tables are
    still being written: reading one table back overlaps writing the next."""
    (package_dir / "data").mkdir(parents=True, exist_ok=True)

    def write_table(table: str) -> tuple[dict, dict, list[str]]:  # CSV resource, Parquet resource, problems
        csv = write_resource(tables[table], "csv", package_dir)
        parquet = write_resource(tables[table], "parquet", package_dir)
        return csv, parquet, (check_table(package_dir, csv, parquet) if check_table else [])

    # Tables are independent, and polars writes and reads without holding
    # the GIL: a few threads keep both cores busy.  Largest first, so the
    # longest job does not start last (the files' bytes do not depend on
    # the order; the descriptor keeps the schemas' order).
    largest_first = sorted(schema.TABLES, key=lambda t: -tables[t].rows)
    with ThreadPoolExecutor(max_workers=WRITE_THREADS) as pool:
        written = dict(zip(largest_first, pool.map(write_table, largest_first)))
    resources = [written[t][0] for t in schema.TABLES] + [written[t][1] for t in schema.TABLES]  # every CSV, then every Parquet
    problems = [problem for t in schema.TABLES for problem in written[t][2]]
    descriptor = build_descriptor(resources, _publishers(tables["sources"]))
    (package_dir / "datapackage.json").write_text(
        json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    sources_rows = (row for chunk in tables["sources"].chunks() for row in chunk.iter_rows(named=True))
    with (package_dir / "README.md").open("w", encoding="utf-8") as f:
        for piece in docs.package_readme(
            {t: s.rows for t, s in tables.items()}, tables["codebook"].collect(), sources_rows
        ):
            f.write(piece)
    # The landing page, from small inputs only (first rows, sources,
    # codebook, one aggregate of indicators): cheap whatever the archive.
    page = landing.landing_page(
        {t: s.rows for t, s in tables.items()},
        lambda table, n: tables[table].scan().head(n).collect(),
        tables["codebook"].collect(),
        tables["sources"].collect(),
        tables["indicators"].scan(),
    )
    (package_dir / "index.html").write_text(page, encoding="utf-8")
    return descriptor, problems


# --- the swap ---------------------------------------------------------------


def staging_dir(out: Path) -> Path:
    return out.parent / f".{out.name}.tmp-{os.getpid()}"


def spill_dir(out: Path) -> Path:
    """The run's private folder for the tables' chunk files (see transform)."""
    return out.parent / f".{out.name}.spill-{os.getpid()}"


def backup_dir(out: Path) -> Path:
    return out.parent / f".{out.name}.old"


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _exchange(a: Path, b: Path) -> bool:
    """Atomically exchange two paths (Linux renameat2); False if unsupported."""
    if not hasattr(os, "uname") or os.uname().sysname != "Linux":
        return False
    libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
    if not hasattr(libc, "renameat2"):
        return False
    rc = libc.renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    return rc == 0


def swap_into_place(new: Path, out: Path) -> None:
    """Make ``new`` the published package at ``out``; the old one is removed."""
    if out.exists():
        if _exchange(new, out):
            shutil.rmtree(new)  # ``new`` now holds the old package
            return
        backup = backup_dir(out)
        out.rename(backup)
        new.rename(out)
        shutil.rmtree(backup)
    else:
        new.rename(out)
    _fsync_dir(out.parent)


def _fsync_dir(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_file(path: Path) -> None:
    with path.open("rb") as f:
        os.fsync(f.fileno())


def fsync_tree(path: Path) -> None:
    """Flush every file of a freshly written package to disk before the swap."""
    for p in sorted(path.rglob("*")):
        if p.is_file():
            _fsync_file(p)
    for d in [path, *(p for p in path.rglob("*") if p.is_dir())]:
        _fsync_dir(d)
