"""Publish stage: tables to files, the descriptor, and the atomic swap.

The new package is written to a temporary folder beside the output folder,
validated there, and only then swapped into place, so a reader (or a run
killed at any moment) only ever sees the previous package or the new one:

* on Linux the swap is one ``renameat2(RENAME_EXCHANGE)`` system call, which
  exchanges the two folders atomically;
* elsewhere it is two renames (old out of the way, new in); a crash between
  them leaves the old package whole under ``.<name>.old``, and ``recover``
  (run at the start of every run) puts it back.

Output is deterministic: no timestamps, fixed row order, fixed CSV and
Parquet writer settings, and polars pinned (the Parquet footer records its
version).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import hashlib
import json
import os
import shutil
from pathlib import Path

import polars as pl

from etl import __version__, schema

#: A CSV table with more rows is split into parts of at most this many rows
#: (a multipart resource, each part with its header; ~100 MB of figures), so
#: no single download is unwieldy.  Parquet stays one file (compressed, with
#: row groups): frictionless cannot read a multipart Parquet resource.
MAX_ROWS_PER_PART = 500_000

PACKAGE_META = schema.SCHEMA_DIR / "package.json"


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def write_csv(df: pl.DataFrame, path: Path) -> None:
    # Floats are written in their shortest round-trip form; there is no NaN
    # (nulls are empty cells), see transform.build_table.
    df.write_csv(path, include_header=True, line_terminator="\n", null_value="", date_format="%Y-%m-%d")


def write_parquet(df: pl.DataFrame, path: Path) -> None:
    df.write_parquet(path, compression="zstd", compression_level=3, statistics=True, row_group_size=100_000)


def _parts(df: pl.DataFrame, fmt: str) -> list[pl.DataFrame]:
    if fmt != "csv" or df.height <= MAX_ROWS_PER_PART:
        return [df]
    return [df.slice(i, MAX_ROWS_PER_PART) for i in range(0, df.height, MAX_ROWS_PER_PART)]


def write_resource(table: str, df: pl.DataFrame, fmt: str, package_dir: Path) -> dict:
    """Write one table in one format; return its descriptor resource."""
    meta = schema.load(table)
    parts = _parts(df, fmt)
    rels = []
    for i, part in enumerate(parts, start=1):
        suffix = f"-{i:03d}" if len(parts) > 1 else ""
        rel = f"data/{table}{suffix}.{fmt}"
        (write_csv if fmt == "csv" else write_parquet)(part, package_dir / rel)
        rels.append(rel)
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
    if len(rels) == 1:
        path = package_dir / rels[0]
        resource["hash"] = "sha256:" + _sha256(path)
        if fmt == "csv":  # frictionless reads Parquet through pandas: no byte count there
            resource["bytes"] = path.stat().st_size
    else:
        resource["x-parts"] = {
            rel: {"hash": "sha256:" + _sha256(package_dir / rel), "bytes": (package_dir / rel).stat().st_size}
            for rel in rels
        }
    resource["x-table"] = table
    resource["x-rows"] = df.height
    resource["schema"] = schema.descriptor_schema(table, fmt)
    return resource


def build_descriptor(resources: list[dict], sources: pl.DataFrame) -> dict:
    meta = json.loads(PACKAGE_META.read_text(encoding="utf-8"))
    descriptor = {k: v for k, v in meta.items() if k != "resources"}
    descriptor["version"] = __version__
    # The package's sources: every publication its pages came from.
    publishers = sorted({p for p in sources["publisher"].to_list() if p})
    descriptor["sources"] = meta.get("sources", []) + [{"title": p} for p in publishers]
    descriptor["resources"] = resources
    return descriptor


def write_package(tables: dict[str, pl.DataFrame], package_dir: Path, readme: str) -> dict:
    """Write every table as CSV and Parquet, the descriptor and README."""
    (package_dir / "data").mkdir(parents=True, exist_ok=True)
    resources = []
    for fmt in ("csv", "parquet"):
        for table in schema.TABLES:
            resources.append(write_resource(table, tables[table], fmt, package_dir))
    descriptor = build_descriptor(resources, tables["sources"])
    (package_dir / "datapackage.json").write_text(
        json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    (package_dir / "README.md").write_text(readme, encoding="utf-8")
    return descriptor


# --- the swap ---------------------------------------------------------------


def staging_dir(out: Path) -> Path:
    return out.parent / f".{out.name}.tmp-{os.getpid()}"


def new_rows_dir(out: Path) -> Path:
    return out.parent / f".{out.name}.rows-{os.getpid()}"


def write_new_rows(tables: dict[str, pl.DataFrame], fresh: set[str], folder: Path) -> dict[str, Path]:
    """The rows of the pages in ``fresh``, per table with a source_id, as CSV
    written exactly like the package's (for the incremental frictionless check)."""
    folder.mkdir(parents=True, exist_ok=True)
    ids = sorted(fresh)
    out = {}
    for table, df in tables.items():
        if "source_id" in df.columns:
            out[table] = folder / f"{table}.csv"
            write_csv(df.filter(pl.col("source_id").is_in(ids)), out[table])
    return out


def backup_dir(out: Path) -> Path:
    return out.parent / f".{out.name}.old"


def recover(out: Path) -> list[str]:
    """Undo what a killed run left behind; return what was done."""
    done = []
    backup = backup_dir(out)
    if backup.exists():
        if not out.exists():
            backup.rename(out)
            done.append(f"restored {out} from {backup.name}")
        else:
            shutil.rmtree(backup)
            done.append(f"removed {backup.name}")
    for stale in [*out.parent.glob(f".{out.name}.tmp-*"), *out.parent.glob(f".{out.name}.rows-*")]:
        shutil.rmtree(stale, ignore_errors=True)
        done.append(f"removed {stale.name}")
    return done


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


def fsync_tree(path: Path) -> None:
    """Flush every file of a freshly written package to disk before the swap."""
    for p in sorted(path.rglob("*")):
        if p.is_file():
            with p.open("rb") as f:
                os.fsync(f.fileno())
    for d in [path, *(p for p in path.rglob("*") if p.is_dir())]:
        _fsync_dir(d)
