"""Validate stage: plausibility flags, schema checks, package checks.

Three kinds of checks, each with its own consequence:

* Plausibility (``figure_flags``): small named rules about one figure; a
  failure is recorded as a flag on the row and never stops the run.
  (Consistency between figures, e.g. a rate against its parts, is declared
  in the codebook and published in the ``checks`` table.)
* Schema (``check_table``): every table goes through the pandera schema
  derived from ``schemas/<table>.json`` before it is written; a violation
  raises ``SchemaViolation`` and the run publishes nothing.
* Package (``check_package``): the written package goes through frictionless,
  its files are checked against the descriptor's hashes and sizes, and each
  Parquet file must hold exactly the rows of its CSV twin.  Used before a new
  package replaces the old one, and by ``etl validate``.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
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
    """Read a resource (CSV or Parquet, single or multipart) with its schema's dtypes."""
    table = resource.get("x-table", resource["name"])
    dtypes = schema.polars_schema(table)
    frames = []
    for rel in _paths(resource):
        path = package_dir / rel
        if resource["format"] == "csv":
            frames.append(pl.read_csv(path, schema=dtypes))
        else:
            frames.append(pl.read_parquet(path))
    return pl.concat(frames) if len(frames) > 1 else frames[0]


def check_parquet_equals_csv(package_dir: Path, descriptor: dict, batch_rows: int = 250_000) -> list[str]:
    """Each Parquet resource holds exactly its CSV twin's rows and dtypes
    (compared in batches, so a large table is never held twice in memory)."""
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
        dtypes = schema.polars_schema(table)
        pq = pl.scan_parquet(package_dir / resource["path"])
        csv = pl.concat([pl.scan_csv(package_dir / rel, schema=dtypes) for rel in _paths(twin)])
        if dict(pq.collect_schema()) != dtypes:
            problems.append(f"{resource['name']}: Parquet dtypes {dict(pq.collect_schema())} differ from the schema's")
            continue
        rows = resource.get("x-rows", 0)
        for offset in range(0, max(rows, 1), batch_rows):
            a = pq.slice(offset, batch_rows).collect()
            b = csv.slice(offset, batch_rows).collect()
            if not a.equals(b):
                problems.append(f"{resource['name']}: Parquet rows {offset}..{offset + batch_rows} differ from {twin['path']}")
                break
        if pq.select(pl.len()).collect().item() != rows:
            problems.append(f"{resource['name']}: row count differs from the descriptor's x-rows")
    return problems


def check_tables(package_dir: Path, descriptor: dict) -> list[str]:
    """Each CSV resource passes its pandera schema."""
    problems = []
    for resource in descriptor["resources"]:
        if resource["format"] != "csv":
            continue
        try:
            check_table(resource["x-table"], read_table(package_dir, resource))
        except SchemaViolation as e:
            problems.append(str(e))
    return problems


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


def _validate_csv_resource(args: tuple[str, dict]) -> list[str]:
    import frictionless

    basepath, descriptor = args
    resource = frictionless.Resource.from_descriptor(descriptor, basepath=basepath)
    return _problems(resource.validate())


def check_frictionless_fast(
    package_dir: Path, descriptor: dict, workers: int = 2, new_rows: dict[str, Path] | None = None
) -> list[str]:
    """Frictionless on the descriptor and on every CSV resource's data, the
    resources validated in parallel; foreign keys are checked here with
    polars instead (frictionless will not parallelise a package with foreign
    keys).  Parquet data is covered by ``check_parquet_equals_csv``: frictionless
    reads Parquet through pandas at a fraction of the speed, and a Parquet
    file equal to a valid CSV with the schema's dtypes is valid too.

    ``new_rows`` (table -> CSV file) narrows a table's frictionless row check
    to the rows of the pages processed in this run, written by the same
    writer: the other rows are byte for byte those of pages that passed this
    check in an earlier run with the same schemas (the state's keys include
    the schemas).  Frictionless row checks are row-local; what spans rows
    (primary keys, foreign keys) is checked on the whole tables by pandera
    and ``check_foreign_keys``."""
    import frictionless

    report = frictionless.Package.validate_descriptor(descriptor, basepath=str(package_dir))
    problems = [f"datapackage.json: {e.message}" for e in report.errors]
    jobs = []
    for resource in descriptor["resources"]:
        if resource["format"] != "csv":
            continue
        r = json.loads(json.dumps(resource))
        r["schema"].pop("foreignKeys", None)
        if new_rows and r["x-table"] in new_rows:
            rows_file = new_rows[r["x-table"]]
            for key in ("hash", "bytes", "x-parts"):
                r.pop(key, None)
            r["path"] = rows_file.name
            jobs.append((str(rows_file.parent), r))
        else:
            jobs.append((str(package_dir), r))
    if workers > 1 and len(jobs) > 1:
        import multiprocessing

        with multiprocessing.get_context("fork").Pool(workers) as pool:
            results = pool.map(_validate_csv_resource, jobs)
    else:
        results = [_validate_csv_resource(j) for j in jobs]
    for found in results:
        problems += found
    return problems + check_foreign_keys(package_dir, descriptor)


def check_foreign_keys(package_dir: Path, descriptor: dict) -> list[str]:
    """Every foreign key of every CSV resource points to an existing row."""
    problems = []
    by_name = {r["name"]: r for r in descriptor["resources"]}
    for resource in descriptor["resources"]:
        if resource["format"] != "csv":
            continue
        for fk in resource["schema"].get("foreignKeys", []):
            target = by_name[fk["reference"]["resource"]]
            child = read_table(package_dir, resource).select(fk["fields"]).drop_nulls().unique()
            parent = read_table(package_dir, target).select(fk["reference"]["fields"])
            parent.columns = fk["fields"]
            missing = child.join(parent, on=fk["fields"], how="anti")
            if missing.height:
                problems.append(
                    f"{resource['name']}: {missing.height} value(s) of {fk['fields']} not in "
                    f"{target['name']}.{fk['reference']['fields']}, e.g. {missing.row(0)}"
                )
    return problems


def check_package(
    package_dir: Path, frictionless_check: str = "full", pandera_check: bool = True, new_rows: dict[str, Path] | None = None
) -> None:
    """Raise PackageInvalid unless the package in ``package_dir`` is whole and valid.

    ``frictionless_check``: ``full`` (every resource through frictionless, as
    ``frictionless validate`` does), ``fast`` (see ``check_frictionless_fast``;
    what ``etl run`` uses before the swap) or ``none``.  ``pandera_check``
    re-reads every CSV through its pandera schema (``etl run`` has just
    checked the same tables before writing them)."""
    descriptor_path = package_dir / "datapackage.json"
    if not descriptor_path.is_file():
        raise PackageInvalid(package_dir, ["datapackage.json is missing"])
    try:
        descriptor = json.loads(descriptor_path.read_text(encoding="utf-8"))
    except ValueError as e:
        raise PackageInvalid(package_dir, [f"datapackage.json is not JSON: {e}"]) from None
    problems = check_files(package_dir, descriptor)
    if not problems:
        if pandera_check:
            problems += check_tables(package_dir, descriptor)
        problems += check_parquet_equals_csv(package_dir, descriptor)
        if frictionless_check == "full":
            problems += check_frictionless(package_dir)
        elif frictionless_check == "fast":
            problems += check_frictionless_fast(package_dir, descriptor, new_rows=new_rows)
    if problems:
        raise PackageInvalid(package_dir, problems)
