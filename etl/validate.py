"""Validate stage: plausibility flags, schema checks, package checks.

Three kinds of checks, each with its own consequence:

* Plausibility (``figure_flags``): small named rules about one figure; a
  failure is recorded as a flag on the row and never stops the run.
  (Consistency between figures, e.g. a rate against its parts, is declared
  in the codebook and published in the ``checks`` table.)
* Schema (``check_table``): every chunk of every table goes through the
  pandera schema derived from ``schemas/<table>.json`` before it is written;
  a violation raises ``SchemaViolation`` and the run publishes nothing.
* Package (``check_package``): the written package is checked before it
  replaces the old one, and by ``etl validate``: files against the
  descriptor's hashes and sizes, the CSV read back with the schemas' dtypes
  and pandera schemas, each Parquet file equal to its CSV twin, primary and
  foreign keys across the whole tables, and frictionless (see
  ``check_package`` for what the in-run gate leaves to ``etl validate``).
  Every check streams the tables in windows: memory does not grow with them.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterator
from pathlib import Path

import polars as pl

from etl import schema
from etl.records import Figure

# --- plausibility flags --------------------------------------------------


def percent_over_100(f: Figure) -> bool:
    """A percentage above 100 is possible (target completion) but unusual."""
    return f.unit == "percent" and f.value > 100


def negative_value(f: Figure) -> bool:
    """Counts, money and rates are reported as non-negative on news pages."""
    return f.value < 0


def range_reversed(f: Figure) -> bool:
    """A range whose upper bound is below its lower bound."""
    return f.value_max is not None and f.value_max < f.value


def implausibly_large(f: Figure) -> bool:
    """More people than live in China, or more than 10^15 of anything."""
    limit = 1.5e9 if f.unit in ("person", "household") else 1e15
    return f.value > limit


FIGURE_FLAGS: dict[str, Callable[[Figure], bool]] = {
    "percent_over_100": percent_over_100,
    "negative_value": negative_value,
    "range_reversed": range_reversed,
    "implausibly_large": implausibly_large,
}


def figure_flags(f: Figure) -> list[str]:
    """Names of the plausibility rules ``f`` fails, in declaration order."""
    return [name for name, rule in FIGURE_FLAGS.items() if rule(f)]


# --- schema checks --------------------------------------------------------


class SchemaViolation(Exception):
    """A table does not conform to its schema: nothing may be published."""


def check_table(table: str, df: pl.DataFrame) -> pl.DataFrame:
    """Validate a collected table with its pandera schema (all errors at once)."""
    import pandera.errors

    try:
        return schema.pandera_schema(table).validate(df, lazy=True)
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


def _paths(resource: dict) -> list[str]:
    path = resource["path"]
    return path if isinstance(path, list) else [path]


def check_files(package_dir: Path, descriptor: dict) -> list[str]:
    """Every resource file exists and matches its declared hash and size."""
    problems = []
    for resource in descriptor["resources"]:
        for rel in _paths(resource):
            path = package_dir / rel
            if not path.is_file():
                problems.append(f"{rel}: missing")
                continue
            # Multipart resources publish their hash per part (see publish).
            expected = resource.get("hash") if len(_paths(resource)) == 1 else None
            parts = resource.get("x-parts", {})
            expected = expected or parts.get(rel, {}).get("hash")
            if expected and expected.removeprefix("sha256:") != sha256_file(path):
                problems.append(f"{rel}: sha256 does not match the descriptor")
            size = resource.get("bytes") if len(_paths(resource)) == 1 else parts.get(rel, {}).get("bytes")
            if size is not None and size != path.stat().st_size:
                problems.append(f"{rel}: size {path.stat().st_size} does not match the descriptor's {size}")
    return problems


def read_table(package_dir: Path, resource: dict) -> pl.DataFrame:
    """Read a resource (CSV or Parquet, single or multipart) with its schema's
    dtypes, whole (tests and small tables; the checks below stream)."""
    return _scan(package_dir, resource).collect()


def _scan(package_dir: Path, resource: dict) -> pl.LazyFrame:
    table = resource.get("x-table", resource["name"])
    paths = [package_dir / rel for rel in _paths(resource)]
    if resource["format"] == "csv":
        return pl.scan_csv(paths, schema=schema.polars_schema(table))
    return pl.scan_parquet(paths)


def _windows(frames: Iterator[pl.DataFrame], size: int) -> Iterator[pl.DataFrame]:
    """Re-cut a stream of frames into windows of exactly ``size`` rows (the
    last one shorter), so two streams can be compared window by window."""
    pending: list[pl.DataFrame] = []
    held = 0
    for frame in frames:
        while frame.height:
            take = min(frame.height, size - held)
            pending.append(frame.slice(0, take))
            held += take
            frame = frame.slice(take)
            if held == size:
                yield pl.concat(pending)
                pending, held = [], 0
    if held:
        yield pl.concat(pending)


def _stream(lf: pl.LazyFrame, size: int) -> Iterator[pl.DataFrame]:
    return _windows(iter(lf.collect_batches(chunk_size=size)), size)


def check_data(package_dir: Path, descriptor: dict, pandera_check: bool = True, window_rows: int = 100_000) -> list[str]:
    """Read every CSV resource back with its schema's dtypes, window by
    window: each window passes the table's pandera schema (``pandera_check``)
    and equals the same rows of the Parquet twin (dtypes included), and the
    row counts match the descriptor's ``x-rows``.  One window of each file is
    in memory at a time."""
    problems = []
    by_name = {r["name"]: r for r in descriptor["resources"]}
    for resource in descriptor["resources"]:
        if resource["format"] != "parquet":
            continue
        table = resource["x-table"]
        twin = by_name.get(schema.resource_name(table, "csv"))
        if twin is None:
            problems.append(f"{resource['name']}: no CSV twin")
            continue
        pq = _scan(package_dir, resource)
        if dict(pq.collect_schema()) != schema.polars_schema(table):
            problems.append(f"{resource['name']}: Parquet dtypes {dict(pq.collect_schema())} differ from the schema's")
            continue
        rows = 0
        csv_windows, pq_windows = _stream(_scan(package_dir, twin), window_rows), _stream(pq, window_rows)
        for csv_rows in csv_windows:
            if pandera_check:
                try:
                    check_table(table, csv_rows)
                except SchemaViolation as e:
                    problems.append(f"{e} (CSV rows {rows}..{rows + csv_rows.height})")
                    break
            pq_rows = next(pq_windows, None)
            if pq_rows is None or not csv_rows.equals(pq_rows):
                problems.append(
                    f"{resource['name']}: Parquet rows {rows}..{rows + csv_rows.height} differ from {twin['path']}"
                )
                break
            rows += csv_rows.height
        else:
            rows += sum(w.height for w in pq_windows)  # Parquet rows beyond the CSV's
            if rows != twin.get("x-rows") or rows != resource.get("x-rows"):
                problems.append(f"{resource['name']}: {rows} rows, not the descriptor's x-rows")
    return problems


def check_parquet_equals_csv(package_dir: Path, descriptor: dict) -> list[str]:
    """Each Parquet resource holds exactly its CSV twin's rows and dtypes."""
    return check_data(package_dir, descriptor, pandera_check=False)


# --- keys across whole tables -----------------------------------------------
#
# Chunks are checked with pandera as they are spilled, but a key may repeat
# across chunks, and a foreign key points into another table.  Holding every
# key value of a large table would grow with the archive, so the checks below
# hold one 64-bit hash per row instead (8 bytes a row, read from the Parquet
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
        found = pl.Series([False] * len(wanted))
    missing = wanted.filter(~found)
    if missing.is_empty():
        return pl.DataFrame(schema={f: child.collect_schema()[f] for f in fields})
    return child.select(fields).drop_nulls().filter(_key_hash(fields).is_in(missing.implode())).unique(maintain_order=True).collect()


def check_keys(package_dir: Path, descriptor: dict) -> list[str]:
    """Primary keys are unique and foreign keys resolve, across whole tables
    (read from the Parquet resources, which ``check_data`` holds equal to the CSV)."""
    problems = []
    by_table = {r["x-table"]: r for r in descriptor["resources"] if r["format"] == "parquet"}
    for table, resource in by_table.items():
        meta = schema.load(table)
        lf = _scan(package_dir, resource)
        dups = duplicate_keys(lf, meta["primaryKey"])
        if dups.height:
            problems.append(
                f"{table}: {dups.height} duplicate primary key value(s) of {meta['primaryKey']}, e.g. {dups.row(0)}"
            )
        for fk in meta.get("foreignKeys", []):
            target = fk["reference"]["resource"]
            missing = missing_references(lf, fk["fields"], _scan(package_dir, by_table[target]), fk["reference"]["fields"])
            if missing.height:
                problems.append(
                    f"{table}: {missing.height} value(s) of {fk['fields']} not in "
                    f"{target}.{fk['reference']['fields']}, e.g. {missing.row(0)}"
                )
    return problems


def check_descriptor(package_dir: Path, descriptor: dict) -> list[str]:
    """Frictionless on the descriptor alone: package metadata, resources,
    Table Schemas (not the rows)."""
    import frictionless

    report = frictionless.Package.validate_descriptor(descriptor, basepath=str(package_dir))
    return [f"datapackage.json: {e.message}" for e in report.errors]


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


def check_package(package_dir: Path, frictionless_check: str = "full", pandera_check: bool = True) -> None:
    """Raise PackageInvalid unless the package in ``package_dir`` is whole and valid.

    Always: every file matches the descriptor's hash and size; every CSV
    resource read back with polars and its schema's dtypes passes its pandera
    schema window by window (``pandera_check``) and equals its Parquet twin;
    primary keys are unique and foreign keys resolve across whole tables.
    The pandera schemas and the descriptor's schemas both derive from
    ``schemas/*.json``, so these are the same rules frictionless applies.

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
        problems += check_data(package_dir, descriptor, pandera_check=pandera_check)
        problems += check_keys(package_dir, descriptor)
        if frictionless_check == "full":
            problems += check_frictionless(package_dir)
        elif frictionless_check == "fast":
            problems += check_descriptor(package_dir, descriptor)
    if problems:
        raise PackageInvalid(package_dir, problems)
