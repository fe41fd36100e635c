"""Validate stage: schema checks and package checks.

Three kinds of checks, each with its own consequence:

* Plausibility (``etl.package.flags``): small named rules about one figure,
  recorded as flags on its row while the page is processed.
* Schema (``check_table``): every new row of every table goes through the
  pandera schema derived from ``schemas/<table>.json`` before it is written
  (``check_unchecked_rows``, in large batches once extraction is over; a
  page's rows are checked once, the run state remembers it); a violation
  raises ``SchemaViolation`` and the run publishes nothing.
* Package (``check_package``): the written package is checked before it
  replaces the old one, and by ``etl validate``: files against the
  descriptor's hashes and sizes, the CSV read back with the schemas' dtypes,
  each Parquet file equal to its CSV twin, primary and foreign keys across
  the whole tables, in ``etl validate`` every rule of the data
  (``etl.package.datarules``), and frictionless (see ``check_package`` for
  what the in-run gate leaves to ``etl validate``).  The file and key checks
  stream the tables in blocks: memory does not grow with them.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Iterator
from typing import TypeVar
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import polars as pl

from etl.package import schema
from etl.package.descriptor import declared_foreign_keys

#: Tables checked at once, in threads (pandera's and the file checks'
#: queries run in polars without the GIL): two, so at most two blocks of rows
#: (~80 MB each at worst) are in memory at a time.
CHECK_THREADS = 2

_Item = TypeVar("_Item")


# --- schema checks --------------------------------------------------------


class SchemaViolation(Exception):
    """A table does not conform to its schema: nothing may be published."""


def check_table(table: str, df: pl.DataFrame) -> pl.DataFrame:
    """Validate a collected table with its pandera schema (all errors at once)."""
    checker = schema.pandera_schema(table)  # imports pandera first (see schema._pandera)
    import pandera.errors

    try:
        return checker.validate(df, lazy=True)
    except pandera.errors.SchemaErrors as e:
        cases = e.failure_cases
        lines = []
        for row in cases.head(10).iter_rows(named=True):
            lines.append(
                f"column {row.get('column')!r}: {row.get('check')} failed for {row.get('failure_case')!r}"
            )
        more = "" if cases.height <= 10 else f" (and {cases.height - 10} more)"
        raise SchemaViolation(f"table {table!r} violates schemas/{table}.json: " + "; ".join(lines) + more) from None
    except pandera.errors.SchemaError as e:
        raise SchemaViolation(f"table {table!r} violates schemas/{table}.json: {e}") from None


#: Rows per pandera call when spilled rows are checked: pandera costs ~10 ms
#: a call whatever the size, so batches are large (~30 MB of figures rows).
CHECK_BATCH_ROWS = 100_000


def check_unchecked_rows(table: str, files: list[Path]) -> None:
    """The rows in these Arrow IPC files (a table's spilled rows that need
    the check, see ``transform.SpilledTable.unchecked``) through the table's
    pandera schema, in batches of up to ``CHECK_BATCH_ROWS`` rows."""
    batch: list[pl.DataFrame] = []
    rows = 0
    for path in files:
        frame = pl.read_ipc(path)
        batch.append(frame)
        rows += frame.height
        if rows >= CHECK_BATCH_ROWS:
            check_table(table, pl.concat(batch))
            batch, rows = [], 0
    if batch:
        check_table(table, pl.concat(batch))


def check_unchecked_tables(files: dict[str, list[Path]]) -> None:
    """``check_unchecked_rows`` for every table (table -> its files), two
    tables at a time (``_in_threads``); raises the SchemaViolation of the
    first table, in table order, that has one."""
    def check(item: tuple[str, list[Path]]) -> list[str]:
        check_unchecked_rows(*item)
        return []

    _in_threads(check, list(files.items()))


# --- package checks -------------------------------------------------------


class PackageInvalid(Exception):
    """A written package fails validation; ``problems`` lists every finding."""

    def __init__(self, package_dir: Path, problems: list[str]):
        super().__init__(f"{package_dir}: package is invalid: " + "; ".join(problems[:10]))
        self.problems = problems


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def resource_paths(resource: dict) -> list[str]:
    """A resource's file paths (one, or a multipart resource's parts)."""
    path = resource["path"]
    return path if isinstance(path, list) else [path]


def check_files(package_dir: Path, descriptor: dict) -> list[str]:
    """Every resource file exists and matches its declared hash and size."""
    problems = []
    for resource in descriptor["resources"]:
        for rel in resource_paths(resource):
            path = package_dir / rel
            if not path.is_file():
                problems.append(f"{rel}: missing")
                continue
            # Multipart resources publish their hash per part (see publish).
            expected = resource.get("hash") if len(resource_paths(resource)) == 1 else None
            parts = resource.get("x-parts", {})
            expected = expected or parts.get(rel, {}).get("hash")
            if expected and expected.removeprefix("sha256:") != sha256_file(path):
                problems.append(f"{rel}: sha256 does not match the descriptor")
            size = resource.get("bytes") if len(resource_paths(resource)) == 1 else parts.get(rel, {}).get("bytes")
            if size is not None and size != path.stat().st_size:
                problems.append(f"{rel}: size {path.stat().st_size} does not match the descriptor's {size}")
    return problems


def read_table(package_dir: Path, resource: dict) -> pl.DataFrame:
    """Read a resource (CSV or Parquet, single or multipart) with its schema's
    dtypes, whole (tests and small tables; the checks below stream)."""
    return _scan(package_dir, resource).collect()


def _scan(package_dir: Path, resource: dict) -> pl.LazyFrame:
    table = resource.get("x-table", resource["name"])
    paths = [package_dir / rel for rel in resource_paths(resource)]
    if resource["format"] == "csv":
        return pl.scan_csv(paths, schema=schema.polars_schema(table))
    return pl.scan_parquet(paths)


#: Bytes of CSV parsed at a time when a CSV file is read back (~25,000
#: figures rows): bounds memory whatever the size of the file (a block costs
#: ~10 times its size while polars parses it and pandera checks it).
CSV_BLOCK_BYTES = 8 << 20


def _record_end(buf: bytes) -> int:
    """Where the last whole CSV record of ``buf`` ends (``buf`` starts at a
    record), or -1.  A record ends at a newline outside quotes: one with an
    even number of quote characters before it, since quotes inside a field
    are doubled."""
    quotes_after = 0  # quote characters after the newline tried
    total = buf.count(b'"')
    end = len(buf)
    while (nl := buf.rfind(b"\n", 0, end)) >= 0:
        quotes_after += buf.count(b'"', nl, end)
        if (total - quotes_after) % 2 == 0:
            return nl + 1
        end = nl
    return -1


def read_csv_blocks(path: Path, dtypes: dict, block_bytes: int | None = None) -> Iterator[pl.DataFrame]:
    """A CSV file read with polars and ``dtypes``, block by block of whole
    records (each block parsed with the file's header).  Polars' own CSV
    scan maps the whole file into memory; this holds one block at a time."""
    block_bytes = block_bytes or CSV_BLOCK_BYTES
    with path.open("rb") as f:
        header = f.readline()
        if b'"' in header:  # field names come from the schemas: never quoted
            raise ValueError(f"{path}: quoted CSV header")
        # Each block is parsed without the header (the schema names the
        # columns) and the file is read on from the block's last record end:
        # a block is one read and at most one copy (its whole records), not
        # the three concatenations of header, carried-over tail and block
        # (each a fresh buffer of a block's size: page faults and copying
        # in the serial end of a run).
        size = block_bytes
        while True:
            start = f.tell()
            buf = f.read(size)
            if not buf:
                return
            if len(buf) < size:  # the end of the file
                yield pl.read_csv(buf, has_header=False, schema=dtypes)
                return
            end = _record_end(buf)
            if end < 0:  # a record longer than the block: read it again, twice as much
                f.seek(start)
                size *= 2
                continue
            yield pl.read_csv(buf if end == len(buf) else buf[:end], has_header=False, schema=dtypes)
            f.seek(start + end)
            size = block_bytes


def check_data(package_dir: Path, descriptor: dict, pandera_check: bool = True, block_bytes: int | None = None) -> list[str]:
    """``check_table_data`` for every table, two tables at a time (threads:
    polars parses without the GIL)."""
    by_name = {r["name"]: r for r in descriptor["resources"]}

    def check(resource: dict) -> list[str]:
        twin = by_name.get(schema.resource_name(resource["x-table"], "csv"))
        if twin is None:
            return [f"{resource['name']}: no CSV twin"]
        return check_table_data(package_dir, twin, resource, pandera_check, block_bytes)

    return _in_threads(check, [r for r in descriptor["resources"] if r["format"] == "parquet"])


def check_table_data(
    package_dir: Path, csv: dict, parquet: dict, pandera_check: bool = True, block_bytes: int | None = None
) -> list[str]:
    """One table's CSV resource read back with polars and its schema's
    dtypes, block by block: each block passes the table's pandera schema
    (``pandera_check``) and equals the same rows of the Parquet twin (dtypes
    included); the row counts match the descriptor's ``x-rows``.  One block
    of CSV and the matching Parquet rows are in memory at a time."""
    table = parquet["x-table"]
    pq = _scan(package_dir, parquet)
    dtypes = schema.polars_schema(table)
    if dict(pq.collect_schema()) != dtypes:
        return [f"{parquet['name']}: Parquet dtypes {dict(pq.collect_schema())} differ from the schema's"]
    found = _check_blocks(package_dir, csv, pq, pandera_check, block_bytes)
    if found:
        return [f"{parquet['name']}: {found}" if found.startswith("Parquet") else found]
    rows = pq.select(pl.len()).collect().item()
    if not rows == csv.get("x-rows") == parquet.get("x-rows"):
        return [f"{parquet['name']}: {rows} rows, not the descriptor's x-rows"]
    return []


def check_written_table(package_dir: Path, csv: dict, parquet: dict) -> list[str]:
    """The in-run gate's checks of one table as soon as its files are
    written (``publish.write_package`` calls it, table by table, while other
    tables are still being written): its data read back
    (``check_table_data``; no pandera, the rows were checked before they
    were written) and its primary key unique.  The foreign keys need the
    other tables: ``check_foreign_keys`` once all are written."""
    return check_table_data(package_dir, csv, parquet, pandera_check=False) or check_primary_key(package_dir, parquet)


def _in_threads(check: Callable[[_Item], list[str]], items: list[_Item]) -> list[str]:
    """Every item's problems, in the items' order, checked in
    ``CHECK_THREADS`` threads (polars works without the GIL); the first
    exception, in the items' order, is raised."""
    with ThreadPoolExecutor(max_workers=CHECK_THREADS) as pool:
        return [problem for found in pool.map(check, items) for problem in found]


def _check_blocks(package_dir: Path, csv: dict, pq: pl.LazyFrame, pandera_check: bool, block_bytes: int | None) -> str | None:
    """The first problem of a CSV resource's blocks, or None."""
    table = csv["x-table"]
    dtypes = schema.polars_schema(table)
    rows = 0
    for rel in resource_paths(csv):
        with (package_dir / rel).open("rb") as f:
            header = f.readline().rstrip(b"\r\n").decode("utf-8", "replace").split(",")
        if header != list(dtypes):
            return f"{rel}: header {header} is not the schema's columns {list(dtypes)}"
        for block in read_csv_blocks(package_dir / rel, dtypes, block_bytes):
            span = f"{rows}..{rows + block.height}"
            if pandera_check:
                try:
                    check_table(table, block)
                except SchemaViolation as e:
                    return f"{e} (CSV rows {span})"
            if not block.equals(pq.slice(rows, block.height).collect()):
                return f"Parquet rows {span} differ from {csv['path']}"
            rows += block.height
    return None


def check_parquet_equals_csv(package_dir: Path, descriptor: dict) -> list[str]:
    """Each Parquet resource holds exactly its CSV twin's rows and dtypes."""
    return check_data(package_dir, descriptor, pandera_check=False)


# --- keys across whole tables -----------------------------------------------
#
# Pandera checks the CSV block by block, but a key may repeat across blocks,
# and a foreign key points into another table.  Holding every key value of a
# large table would grow with the archive, so the checks below hold one
# 64-bit hash per row instead (8 bytes a row, sorted; read from the Parquet
# files column by column) and look at actual values only where hashes meet:
# every duplicate primary key is found and confirmed on its values; a missing
# foreign-key value goes unnoticed only if its hash equals that of an existing
# key (odds of about n / 2**64 for n keys).


def _key_hash(fields: list[str]) -> pl.Expr:
    expr = pl.col(fields[0]) if len(fields) == 1 else pl.struct(fields)
    return expr.hash(seed=0).alias("_key_hash")


def _hashes(lf: pl.LazyFrame, fields: list[str]) -> pl.Series:
    return lf.select(_key_hash(fields)).collect(engine="streaming").to_series().sort()


def duplicate_keys(lf: pl.LazyFrame, fields: list[str]) -> pl.DataFrame:
    """The rows' ``fields`` values that occur more than once (exact)."""
    hashes = _hashes(lf, fields)
    clashes = hashes.filter(hashes == hashes.shift(1)).unique()
    if clashes.is_empty():
        return pl.DataFrame(schema={f: lf.collect_schema()[f] for f in fields})
    candidates = lf.filter(_key_hash(fields).is_in(clashes.implode())).select(fields).collect()
    return candidates.filter(candidates.is_duplicated()).unique(maintain_order=True)


def missing_references(child: pl.LazyFrame, fields: list[str], parent: pl.LazyFrame, parent_fields: list[str]) -> pl.DataFrame:
    """Distinct non-null ``fields`` values of ``child`` not found among
    ``parent_fields`` values of ``parent``."""
    present = _hashes(parent.select(pl.col(p).alias(f) for p, f in zip(parent_fields, fields)), fields)
    wanted = _hashes(child.select(fields).drop_nulls(), fields)
    wanted = wanted.filter(wanted.ne_missing(wanted.shift(1)))  # distinct (sorted)
    if len(present):
        at = present.search_sorted(wanted).clip(0, len(present) - 1)
        found = present.gather(at) == wanted
    else:
        found = pl.Series([False] * len(wanted), dtype=pl.Boolean)
    missing = wanted.filter(~found)
    if missing.is_empty():
        return pl.DataFrame(schema={f: child.collect_schema()[f] for f in fields})
    return child.select(fields).drop_nulls().filter(_key_hash(fields).is_in(missing.implode())).unique(maintain_order=True).collect()


def check_keys(package_dir: Path, descriptor: dict) -> list[str]:
    """Primary keys are unique and foreign keys resolve, across whole tables
    (read from the Parquet resources, which ``check_data`` holds equal to the CSV)."""
    parquet = [r for r in descriptor["resources"] if r["format"] == "parquet"]
    # One table at a time: each holds 8 bytes per row of hashes and polars'
    # Parquet decoding buffers; in parallel they would add up.
    primary = [problem for resource in parquet for problem in check_primary_key(package_dir, resource)]
    return primary + check_foreign_keys(package_dir, descriptor)


def check_primary_key(package_dir: Path, parquet: dict) -> list[str]:
    """The table's primary key is unique across the whole Parquet resource."""
    table = parquet["x-table"]
    key = schema.load(table)["primaryKey"]
    dups = duplicate_keys(_scan(package_dir, parquet), key)
    if dups.height:
        return [f"{table}: {dups.height} duplicate primary key value(s) of {key}, e.g. {dups.row(0)}"]
    return []


def check_foreign_keys(package_dir: Path, descriptor: dict) -> list[str]:
    """Every foreign key (``declared_foreign_keys``) resolves, across the
    whole Parquet resources, one key at a time: one line per key broken,
    naming the first row (in key order) whose value is missing and the count
    of the others."""
    by_table = {r["x-table"]: r for r in descriptor["resources"] if r["format"] == "parquet"}
    problems = []
    for table, fields, target, ref_fields in declared_foreign_keys(descriptor):
        if table not in by_table:
            continue
        if target not in by_table:
            problems.append(f"{table}: foreign key {fields} refers to {target!r}, which the package does not hold")
            continue
        lf = _scan(package_dir, by_table[table])
        missing = missing_references(lf, fields, _scan(package_dir, by_table[target]), ref_fields)
        if missing.height:
            key = schema.load(table)["primaryKey"] if table in schema.TABLES else fields
            rows = lf.join(missing.lazy(), on=fields, how="semi").select(list(dict.fromkeys([*key, *fields]))).sort(key).collect()
            first = rows.row(0, named=True)
            where = ", ".join(f"{k}={first[k]}" for k in key)
            value = tuple(first[f] for f in fields)
            more = f" (and {rows.height - 1} more rows)" if rows.height > 1 else ""
            problems.append(
                f"{table}: row {where}: column {', '.join(fields)}: value {value[0] if len(value) == 1 else value!r} "
                f"not in {target}.{ref_fields} (foreign key){more}"
            )
    return problems


def check_descriptor_file(package_dir: Path, descriptor: dict) -> list[str]:
    """``datapackage.json`` in ``package_dir`` says exactly ``descriptor``
    (the one whose resources' hashes, sizes and rows were computed from the
    files as written)."""
    try:
        if read_descriptor(package_dir) == json.loads(json.dumps(descriptor)):  # (as JSON: tuples are lists)
            return []
    except PackageInvalid as e:
        return e.problems
    return ["datapackage.json: differs from the descriptor built for the written files"]


def check_descriptor(package_dir: Path, descriptor: dict) -> list[str]:
    """Frictionless on the descriptor alone: package metadata, resources,
    Table Schemas (not the rows)."""
    import frictionless

    report = frictionless.Package.validate_descriptor(descriptor, basepath=str(package_dir))
    return [f"datapackage.json: {e.message}" for e in report.errors]


#: Resource fields whose values change with the rows while the package's
#: structure stays the same.  The file checks verify their values (every
#: hash and size against its file, every x-rows against the rows read back),
#: so ``descriptor_structure_key`` keeps only their shape.
_VOLATILE_RESOURCE_FIELDS = ("hash", "bytes", "x-rows", "x-parts")


def _shape(value):
    """A value with its digits and hex letters masked (``sha256:xx…``, ints
    as ``int``): what frictionless can see of it, not the value itself."""
    if isinstance(value, dict):
        return {k: _shape(v) for k, v in value.items()}
    if isinstance(value, bool) or not isinstance(value, (int, str)):
        return repr(value)
    if isinstance(value, int):
        return "int"
    return re.sub(r"[0-9a-f]", "x", value)


def descriptor_structure_key(descriptor: dict) -> str:
    """A key of everything frictionless checks in a descriptor but the
    values of the volatile fields (their shapes are kept), and of the
    frictionless version.  Two descriptors with the same key get the same
    verdict from ``check_descriptor``; the run remembers the key of the one
    it published (etl.batch.pipeline), so a run that only adds rows does not
    import frictionless to validate the same structure again."""
    import importlib.metadata

    structure = dict(descriptor)
    structure["resources"] = [
        {k: (_shape(v) if k in _VOLATILE_RESOURCE_FIELDS else v) for k, v in r.items()} for r in descriptor["resources"]
    ]
    payload = [importlib.metadata.version("frictionless"), structure]
    return hashlib.sha256(json.dumps(payload, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def check_with_frictionless(package_dir: Path, descriptor: dict, mode: str) -> list[str]:
    """Frictionless as ``check_package``'s ``frictionless_check`` says:
    ``full`` (every resource, rows included), ``fast`` (the descriptor
    only) or ``none``."""
    if mode == "full":
        return check_frictionless(package_dir)
    if mode == "fast":
        return check_descriptor(package_dir, descriptor)
    return []


def check_frictionless(package_dir: Path) -> list[str]:
    """The whole package through frictionless, as ``frictionless validate``
    does it: every resource, Parquet included, foreign keys included."""
    import frictionless

    report = frictionless.validate(str(package_dir / "datapackage.json"))
    return _problems(report)


def _problems(report) -> list[str]:
    problems = []
    for task in report.tasks:
        for error in task.errors[:5]:
            problems.append(f"{task.name}: {error.message}")
    for error in report.errors[:5]:
        problems.append(error.message)
    return problems


def read_descriptor(package_dir: Path) -> dict:
    """The package's ``datapackage.json``; PackageInvalid if missing or not JSON."""
    descriptor_path = package_dir / "datapackage.json"
    if not descriptor_path.is_file():
        raise PackageInvalid(package_dir, ["datapackage.json is missing"])
    try:
        return json.loads(descriptor_path.read_text(encoding="utf-8"))
    except ValueError as e:
        raise PackageInvalid(package_dir, [f"datapackage.json is not JSON: {e}"]) from None


def check_package(package_dir: Path, frictionless_check: str = "full", data_rules: bool = True) -> None:
    """Raise PackageInvalid unless the package in ``package_dir`` is whole and valid.

    Always: every file matches the descriptor's hash and size; every CSV
    resource read back with polars and its schema's dtypes (its header the
    schema's columns) equals its Parquet twin; primary keys are unique and
    foreign keys (the descriptor's and the job's schemas') resolve across
    whole tables.  ``data_rules``: every rule the data has
    (``etl.package.datarules``: each column's declared constraints, as the
    pandera schemas check them, and the rules no schema can declare).

    ``frictionless_check``: ``fast`` (what ``etl run`` does before the swap):
    frictionless validates the descriptor (metadata and Table Schemas) but
    reads no rows; reading every row through frictionless runs at ~40,000
    rows/s per core and would dominate publishing a large archive.  ``full``
    (``etl run --frictionless full``, ``etl validate``, the tests and CI):
    the whole package through frictionless, as ``frictionless validate``
    does it, rows, Parquet and foreign keys included.  ``none``: no
    frictionless at all."""
    descriptor = read_descriptor(package_dir)
    problems = check_files(package_dir, descriptor)
    if not problems:
        # The files first: the rules below read the Parquet resources, which
        # these hold equal to the CSV ones (header, dtypes and rows).  The
        # rules cover every column constraint the pandera schemas check, with
        # one line per rule broken instead of one per block of rows.
        problems += check_data(package_dir, descriptor, pandera_check=False)
        if not problems:
            problems += check_keys(package_dir, descriptor)
            if data_rules:
                from etl.package.datarules import check_rules

                problems += check_rules(package_dir, descriptor)
        if problems and frictionless_check == "full":
            # (its rows' errors would repeat the lines above, row by row)
            frictionless_check = "fast"
        problems += check_with_frictionless(package_dir, descriptor, frictionless_check)
    if problems:
        raise PackageInvalid(package_dir, problems)
