"""The job: sources -> extract -> validate -> transform -> publish.

``run`` wires the stages together for a batch over a sources folder:

1. lock the output and the state (a second run waits ``lock_wait`` seconds,
   then gives up with a clear message), and recover from a killed run;
2. read every page's bytes, skip the ones the state already has (same bytes,
   metadata and extractor), process the others (inline, in a local process
   pool, or on a Dask cluster: ``etl.engines``);
3. set aside duplicates and bad pages (quarantine, with a reason);
4. build the typed tables, check them against their schemas;
5. write the package beside the old one, validate it, swap it in.

Any exception before the swap leaves the published package untouched.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import shutil
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import filelock

from etl import __version__, publish, schema, semantic, sources, transform, validate
from etl.docs import package_readme
from etl.exitcodes import EXIT_FAILED, EXIT_OK, EXIT_QUARANTINED, EXIT_USAGE  # noqa: F401 (re-exported)
from etl.page import PageOutcome, quarantined
from etl.state import State, extractor_fingerprint, page_key

log = logging.getLogger("etl")


#: Without a progress bar (not a terminal), a log line every so many pages.
LOG_EVERY_PAGES = 1000


class RunFailed(Exception):
    """The run could not publish; the previous package is untouched."""


@dataclass
class RunOptions:
    sources_dir: Path = Path("sources")
    out: Path = Path("dist")
    state_dir: Path = Path(".state")
    report_path: Path | None = None
    max_bytes: int = sources.DEFAULT_MAX_BYTES
    workers: int = 0  # 0: one per core
    engine: str = "local"  # local or dask
    scheduler: str | None = None  # Dask scheduler address
    lock_wait: float = 0.0  # seconds to wait for another run's lock
    progress: bool = False
    frictionless_check: str = "fast"  # full, fast or none: see validate.check_package


@dataclass
class RunResult:
    exit_code: int
    pages: list[dict] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    timings: dict[str, float] = field(default_factory=dict)
    error: str | None = None

    def report(self) -> dict:
        import importlib.metadata as md

        versions = {"etl": __version__, "extractor": extractor_fingerprint(), "python": sys.version.split()[0]}
        for dist in ("polars", "pandera", "frictionless", "pyarrow"):
            try:
                versions[dist] = md.version(dist)
            except md.PackageNotFoundError:
                pass
        statuses: dict[str, int] = {}
        for page in self.pages:
            statuses[page["status"]] = statuses.get(page["status"], 0) + 1
        return {
            "exit_code": self.exit_code,
            "error": self.error,
            "pages": self.pages,
            "page_counts": dict(sorted(statuses.items())),
            "table_rows": self.counts,
            "timings_seconds": {k: round(v, 4) for k, v in self.timings.items()},
            "versions": versions,
        }


class _Timer:
    """Wall-clock seconds per stage, for the run report."""

    def __init__(self) -> None:
        self.timings: dict[str, float] = {}

    @contextlib.contextmanager
    def stage(self, name: str):
        t0 = time.perf_counter()
        try:
            yield
        finally:
            self.timings[name] = self.timings.get(name, 0.0) + time.perf_counter() - t0


def _lock(path: Path, wait: float) -> filelock.FileLock:
    lock = filelock.FileLock(str(path))
    try:
        lock.acquire(timeout=wait)
    except filelock.Timeout:
        raise RunFailed(f"another run holds {path} (waited {wait:g} s); try again when it has finished") from None
    return lock


def run(opts: RunOptions) -> RunResult:
    """Run the job; never raises for a failed run (see ``RunResult.error``)."""
    timer = _Timer()
    result = RunResult(exit_code=EXIT_FAILED)
    locks: list[filelock.FileLock] = []
    try:
        opts.out.parent.mkdir(parents=True, exist_ok=True)
        opts.state_dir.mkdir(parents=True, exist_ok=True)
        locks.append(_lock(opts.out.parent / f".{opts.out.name}.lock", opts.lock_wait))
        locks.append(_lock(opts.state_dir / "run.lock", opts.lock_wait))
        for action in publish.recover(opts.out):
            log.warning("recovered from an interrupted run: %s", action)
        _run_locked(opts, timer, result)
    except (RunFailed, sources.MetadataError, validate.SchemaViolation, validate.PackageInvalid) as e:
        result.exit_code, result.error = EXIT_FAILED, str(e)
    except Exception as e:  # an internal error: report it, publish nothing
        log.debug("internal error", exc_info=True)
        result.exit_code, result.error = EXIT_FAILED, f"internal error: {type(e).__name__}: {e}"
    finally:
        for lock in reversed(locks):
            lock.release()
        result.timings = timer.timings
    if opts.report_path:
        opts.report_path.parent.mkdir(parents=True, exist_ok=True)
        opts.report_path.write_text(json.dumps(result.report(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return result


def _run_locked(opts: RunOptions, timer: _Timer, result: RunResult) -> None:
    if not opts.sources_dir.is_dir():
        raise RunFailed(f"{opts.sources_dir}: sources folder not found")
    state = State(opts.state_dir)
    try:
        _run_pages(opts, timer, result, state)
    finally:
        state.close()


def _run_pages(opts: RunOptions, timer: _Timer, result: RunResult, state: State) -> None:
    from etl import engines

    manifest = state.read_manifest()
    previous = manifest.get("published", {})

    with timer.stage("read"):
        metadata = sources.read_metadata(opts.sources_dir)
        paths = sources.discover(opts.sources_dir)
        for sid in sorted(set(metadata) - {sources.source_id_of(p) for p in paths}):
            log.warning("%s describes %s, which is not in %s", sources.METADATA_FILE, sid, opts.sources_dir)

    builders = {t: transform.TableBuilder(t) for t in schema.TABLES}
    outcomes: dict[str, PageOutcome] = {}  # per page: status only, rows go to the builders
    cached: set[str] = set()
    processed: set[str] = set()  # source_ids of the pages processed in this run
    keys: dict[str, str] = {}

    def collect(outcome: PageOutcome) -> None:
        if outcome.status == "ok":
            for table, rows in outcome.tables.items():
                builders[table].add(rows)
        outcome.tables = {}
        outcomes[outcome.file_name] = outcome

    def tasks():
        """Read pages one by one (never all at once), setting aside duplicates
        (the first file by name wins) and serving cached pages from the state."""
        seen_hash: dict[str, str] = {}
        seen_id: dict[str, str] = {}
        for path in paths:
            with timer.stage("read"):
                try:
                    data = path.read_bytes()
                except OSError as e:
                    collect(quarantined(path.name, "", "unreadable", f"cannot read: {e.strerror}"))
                    continue
                sha256 = hashlib.sha256(data).hexdigest()
                sid = sources.source_id_of(path)
                if data.strip() and sha256 in seen_hash:
                    collect(quarantined(path.name, sha256, "duplicate", f"same content as {seen_hash[sha256]}"))
                    continue
                if sid in seen_id:
                    collect(quarantined(path.name, sha256, "duplicate_id", f"source_id {sid!r} already used by {seen_id[sid]}"))
                    continue
                seen_hash.setdefault(sha256, path.name)
                seen_id[sid] = path.name
                meta = metadata.get(sid)
                key = keys[path.name] = page_key(path.name, sha256, meta, opts.max_bytes)
                hit = state.get(key)
            if hit is not None:
                cached.add(path.name)
                collect(hit)
            else:
                yield (path.name, data, meta)

    with timer.stage("extract"):
        for done, outcome in enumerate(engines.process(tasks(), opts), start=1):
            state.put(keys[outcome.file_name], outcome)
            if outcome.status == "ok":
                processed.add(outcome.source_id)
            collect(outcome)
            if not opts.progress and done % LOG_EVERY_PAGES == 0:  # no bar: plain log lines
                log.info("processed %d new or changed pages (%d files in the archive)", done, len(paths))
    timer.timings["extract"] -= timer.timings.get("read", 0.0)  # reading is timed on its own

    published = {n: keys[n] for n, o in outcomes.items() if o.status == "ok"}
    with timer.stage("publish_check_current"):
        current = _whole_package_rows(opts.out, manifest.get("descriptor_sha256")) if published == previous else None
    if current is not None:
        # Same pages, same extractor, and the published package is whole:
        # it is exactly what publishing again would write, so keep it.
        counts = current
    else:
        counts = _publish(opts, timer, builders, fresh=None if not cached else processed)
        descriptor_sha = validate.sha256_file(opts.out / "datapackage.json")
        state.write_manifest({"published": published, "descriptor_sha256": descriptor_sha})
    state.prune(set(keys.values()))

    pages = []
    for name in sorted(outcomes):
        o = outcomes[name]
        if o.status == "ok":
            status = "unchanged" if name in cached and previous.get(name) == keys.get(name) else "published"
            pages.append({"file": name, "source_id": o.source_id, "status": status})
        else:
            pages.append({"file": name, "source_id": o.source_id, "status": "quarantined", "reason": o.reason, "detail": o.detail})
            log.warning("quarantined %s: %s", name, o.detail)
    for name in sorted(set(previous) - set(outcomes)):
        pages.append({"file": name, "status": "removed"})
    result.pages = pages
    result.counts = counts
    result.exit_code = EXIT_QUARANTINED if any(p["status"] == "quarantined" for p in pages) else EXIT_OK


def _whole_package_rows(out: Path, descriptor_sha256: str | None) -> dict[str, int] | None:
    """Rows per table of the package at ``out`` if it is the one this state
    last published and still whole (every file matches the descriptor's hash
    and size), else None."""
    try:
        if validate.sha256_file(out / "datapackage.json") != descriptor_sha256:
            return None
        descriptor = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
        if validate.check_files(out, descriptor):
            return None
        return {r["x-table"]: r["x-rows"] for r in descriptor["resources"] if r["format"] == "csv"}
    except (OSError, ValueError, KeyError):
        return None


def _publish(
    opts: RunOptions, timer: _Timer, builders: dict[str, transform.TableBuilder], fresh: set[str] | None
) -> dict[str, int]:
    """Build, check, write, validate and swap in the package; rows per table.

    ``fresh``: the source_ids processed in this run when other pages came
    from the state (None: every page is new), so that frictionless checks
    only their rows (see ``validate.check_frictionless_fast``)."""
    with timer.stage("transform"):
        builders["codebook"].add(semantic.codebook_rows())
        tables = {t: b.finish() for t, b in builders.items()}
    with timer.stage("validate"):
        for table, df in tables.items():
            validate.check_table(table, df)

    staging = publish.staging_dir(opts.out)
    rows_dir = publish.new_rows_dir(opts.out)
    try:
        with timer.stage("publish_write"):
            publish.write_package(tables, staging, package_readme(tables))
            new_rows = publish.write_new_rows(tables, fresh, rows_dir) if fresh is not None else None
        counts = {t: df.height for t, df in tables.items()}
        tables.clear()  # the checks below read the files: free the tables first
        with timer.stage("publish_validate"):
            # The tables passed pandera above: here the written files are
            # checked (hashes, Parquet equal to CSV, frictionless).
            validate.check_package(
                staging, frictionless_check=opts.frictionless_check, pandera_check=False, new_rows=new_rows
            )
        with timer.stage("publish_swap"):
            publish.fsync_tree(staging)
            publish.swap_into_place(staging, opts.out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    finally:
        shutil.rmtree(rows_dir, ignore_errors=True)
    return counts
