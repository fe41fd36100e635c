"""The job: sources -> extract -> validate -> transform -> publish.

``run`` wires the stages together for a batch over a sources folder:

1. lock the output and the state (a second run waits ``lock_wait`` seconds,
   then gives up with a clear message), and recover from a killed run;
2. plan: read and hash every page in name order (one at a time, nothing
   kept but its hash and state key), setting aside duplicates (the first
   file by name wins) and unreadable files;
3. process the pages *in output order* (sorted by source_id): pages
   published last time with the same state key have their rows taken from
   that package when it is still whole (merged in at the end); other pages
   the state already has (same bytes, metadata and extractor) are loaded
   from it one at a time; the rest are read again and processed (inline, in
   a local process pool, or on a Dask cluster: ``etl.batch.engines``, which yields
   results in task order); bad pages are quarantined with a reason;
4. stream every page's rows into the table builders, which spill sorted
   chunks to a run-private folder (``etl.package.transform``), and check the rows no
   earlier run checked against the pandera schemas (``etl.package.validate``);
5. write the package from those chunks beside the old one, validate it
   (hashes, CSV equal to Parquet, keys, the descriptor), swap it in
   (``etl.package.publish``, ``etl.package.validate``).

Memory holds a window of pages and one chunk per table, never a whole table
or every page's text: it stays flat as the archive grows.  Any exception
before the swap leaves the published package untouched; the spill folder
and the staging folder are removed on failure, and by ``outguard.recover``
after a killed run.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import shutil
import sys
import time
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import filelock

from etl import __version__, semantic
from etl.batch import engines, outguard, runnotes, sources
from etl.batch.options import RunOptions
from etl.package import datarules, publish, schema, transform, validate
from etl.exitcodes import EXIT_FAILED, EXIT_OK, EXIT_QUARANTINED, EXIT_USAGE  # noqa: F401 (re-exported)
from etl.batch.page import PageOutcome, quarantined
from etl.batch.state import State, dump_outcome, extractor_fingerprint, load_outcome, page_key, publisher_fingerprint

log = logging.getLogger("etl")


#: Without a progress bar (not a terminal), a log line every so many pages.
LOG_EVERY_PAGES = 1000

#: Source files' hashes written to the state per transaction during the plan.
RECORD_FILES_BATCH = 1024


class RunFailed(Exception):
    """The run could not publish; the previous package is untouched."""


@dataclass
class RunResult:
    exit_code: int
    pages: list[dict] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    timings: dict[str, float] = field(default_factory=dict)
    error: str | None = None
    skipped: list[dict] = field(default_factory=list)  # files in the sources that are not pages

    def report(self) -> dict:
        import importlib.metadata as md

        from etl.package.metadata import version as data_version

        versions = {
            "etl": __version__, "extractor": extractor_fingerprint(),
            "python": sys.version.split()[0],
        }
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
            "data_version": data_version(),  # the package's (schemas/package.json), as published
            "pages": self.pages,
            "page_counts": dict(sorted(statuses.items())),
            "skipped_count": len(self.skipped),
            "skipped": self.skipped,
            "table_rows": self.counts,
            "timings_seconds": {k: round(v, 4) for k, v in self.timings.items()},
            "versions": versions,
        }


class _Timer:
    """Wall-clock seconds per stage, for the run report.

    Stages nest (reading and transforming happen while extraction runs); a
    stage's time excludes the stages nested in it, so the timings add up."""

    def __init__(self) -> None:
        self.timings: dict[str, float] = {}
        self._nested: list[float] = []  # per open stage: time spent in its nested stages

    @contextlib.contextmanager
    def stage(self, name: str):
        t0 = time.perf_counter()
        self._nested.append(0.0)
        try:
            yield
        finally:
            elapsed = time.perf_counter() - t0
            inner = self._nested.pop()
            self.timings[name] = self.timings.get(name, 0.0) + elapsed - inner
            if self._nested:
                self._nested[-1] += elapsed


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
        # Before anything is created, locked or moved: refuse an --out or
        # --state the run may not replace or write into, fail without sources.
        outguard.check_run_paths(opts.sources_dir, opts.out, opts.state_dir)
        opts.out.parent.mkdir(parents=True, exist_ok=True)
        outguard.prepare_state(opts.state_dir)
        locks.append(_lock(opts.out.parent / f".{opts.out.name}.lock", opts.lock_wait))
        locks.append(_lock(opts.state_dir / "run.lock", opts.lock_wait))
        for action in outguard.recover(opts.out):
            log.warning("recovered from an interrupted run: %s", action)
        _run_locked(opts, timer, result)
    except outguard.Refused as e:
        result.exit_code, result.error = EXIT_USAGE, str(e)
    except (RunFailed, outguard.SourcesMissing, engines.PageUnreadable, sources.MetadataError, validate.SchemaViolation, validate.PackageInvalid) as e:
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


@dataclass(slots=True)
class _Page:
    """One file of the archive: what the run keeps of it (a few hundred
    bytes; the rows go to the table builders, the text is never kept)."""

    name: str  # path relative to the sources folder (posix)
    source_id: str
    sha256: str = ""
    key: str = ""  # state key; empty for a page set aside before processing
    cached: bool = False  # the state had its outcome when the run started
    validated: bool = False  # ... and its rows passed the schema checks of an earlier run
    ok: bool = False  # processed (or loaded) and published
    quarantine: PageOutcome | None = None  # why it is not published: set aside or quarantined


def _plan(folder: Path, paths: list[Path], metadata: dict, opts: RunOptions, state: State) -> list[_Page]:
    """Hash every page once, in name order (the first file by name wins a
    duplicate), keeping only what identifies it: never the bytes.  A page
    the state has seen unchanged since it last hashed it is not read again
    (``State.known_file``: same size, times and inode)."""
    pages = []
    seen_hash: dict[str, str] = {}
    seen_id: dict[str, str] = {}
    real = os.path.realpath(folder)
    hashed = []  # (path, stat, sha256, blank, when) for the state
    for path in paths:
        sid = sources.source_id_of(path)
        page = _Page(path.as_posix(), sid)
        pages.append(page)
        where = os.path.join(real, page.name)
        try:
            st = os.stat(where)
            known = state.known_file(where, st)
            if known is None:
                at = time.time_ns()
                data = (folder / page.name).read_bytes()
                known = hashlib.sha256(data).hexdigest(), not data.strip()
                hashed.append((where, st, *known, at))
                if len(hashed) >= RECORD_FILES_BATCH:  # memory stays flat however many pages are new
                    state.record_files(hashed)
                    hashed = []
        except OSError as e:
            page.quarantine = quarantined(page.name, "", "unreadable", f"cannot read: {e.strerror}")
            continue
        page.sha256, blank = known
        if not blank and page.sha256 in seen_hash:
            page.quarantine = quarantined(page.name, page.sha256, "duplicate", f"same content as {seen_hash[page.sha256]}")
            continue
        if sid in seen_id:
            page.quarantine = quarantined(
                page.name, page.sha256, "duplicate_id", f"source_id {sid!r} already used by {seen_id[sid]}"
            )
            continue
        seen_hash.setdefault(page.sha256, page.name)
        seen_id[sid] = page.name
        page.key = page_key(page.name, page.sha256, metadata.get(sid), opts.page_limits())
        page.cached, page.validated = state.lookup(page.key)
    state.record_files(hashed)
    state.prune_files(os.path.join(real, p.as_posix()) for p in paths)
    return pages


def _run_pages(opts: RunOptions, timer: _Timer, result: RunResult, state: State) -> None:
    manifest = state.read_manifest()
    previous = manifest.get("published", {})

    with timer.stage("read"):
        metadata = sources.read_metadata(opts.sources_dir)
        found = sources.walk(opts.sources_dir, opts.pattern)
        paths = found.pages
        result.skipped = [{"file": f, "reason": why} for f, why in found.skipped]
        _log_skipped(found.skipped, opts.sources_dir)
        for sid in sorted(set(metadata) - {sources.source_id_of(p) for p in paths}):
            log.warning("%s describes %s, which is not in %s", sources.METADATA_FILE, sid, opts.sources_dir)
        plan = _plan(opts.sources_dir, paths, metadata, opts, state)
        del paths

    # Output order: the tables are sorted by source_id first, and a page's
    # rows all carry its source_id, so pages handed to the builders in this
    # order give sorted tables without a global sort (see etl.package.transform).
    order = sorted((p for p in plan if p.quarantine is None), key=lambda p: (p.source_id, p.name))

    with timer.stage("publish_check_current"):
        # Same pages and the same job (code, schemas, metadata): the
        # package published last time is what publishing would write.
        unchanged = manifest.get("publisher") == publisher_fingerprint() and _same_as_published(order, previous, state)
        current = _whole_package_rows(opts.out, manifest.get("descriptor_sha256")) if unchanged else None
        reusable = None if unchanged else _reusable_rows(opts.out, manifest.get("descriptor_sha256"), order, previous)
    if current is not None:
        # Same pages, same extractor, and the published package is whole:
        # it is exactly what publishing again would write, so keep it (and
        # leave the cached rows where they are).
        counts = current
    else:
        spill = publish.spill_dir(opts.out)
        outguard.make_job_dir(spill)  # marked: recovery removes only what the job made
        # A descriptor of the structure published last time (same tables,
        # schemas, sources; other hashes and row counts) passed frictionless
        # then: the run need not import it (see validate.descriptor_structure_key).
        checked_structure = manifest.get("descriptor_structure")
        # The codebook is made by the code (semantic.codebook_rows): the
        # same fingerprint (code, schemas, pandera) gives the same rows,
        # which a run published and so checked.
        codebook_checked = manifest.get("codebook_checked") == extractor_fingerprint()
        try:
            # The rows' schema check runs in a thread beside merging and
            # writing (see _publish); leaving the block waits for it, so the
            # spill folder outlives it.
            with ThreadPoolExecutor(max_workers=1, thread_name_prefix="etl-check-rows") as beside:
                tables, rows_checked = _build_tables(
                    opts, timer, state, metadata, order, spill, len(plan), beside, reusable, codebook_checked=codebook_checked
                )
                counts, structure = _publish(opts, timer, tables, rows_checked, checked_structure)
        finally:
            shutil.rmtree(spill, ignore_errors=True)  # (a run killed first leaves it to outguard.recover)
        published = {p.name: p.key for p in order if p.ok}
        state.mark_validated([p.key for p in order if p.ok and not p.validated])
        descriptor_sha = validate.sha256_file(opts.out / "datapackage.json")
        state.write_manifest(
            {
                "published": published,
                "descriptor_sha256": descriptor_sha,
                "descriptor_structure": structure,
                "codebook_checked": extractor_fingerprint(),
                "publisher": publisher_fingerprint(),
            }
        )
    state.prune({p.key for p in order})

    pages = []
    for page in sorted(plan, key=lambda p: p.name):
        if page.ok:
            status = "unchanged" if page.cached and previous.get(page.name) == page.key else "published"
            pages.append({"file": page.name, "source_id": page.source_id, "status": status})
        else:
            o = page.quarantine
            assert o is not None  # (a page not ok was quarantined)
            pages.append({"file": page.name, "source_id": o.source_id, "status": "quarantined", "reason": o.reason, "detail": o.detail})
            log.warning("quarantined %s: %s", page.name, o.detail)
    for name in sorted(set(previous) - {p.name for p in plan}):
        pages.append({"file": name, "status": "removed"})
    runnotes.note_unresolved(pages, opts.out)
    result.pages = pages
    result.counts = counts
    result.exit_code = EXIT_QUARANTINED if any(p["status"] == "quarantined" for p in pages) else EXIT_OK


def _log_skipped(skipped: list[tuple[str, str]], folder: Path) -> None:
    """One line naming the files of the sources that are not pages (the
    report lists them all; -v logs each)."""
    if not skipped:
        return
    shown = "; ".join(f"{f} ({why})" for f, why in skipped[:20])
    more = f"; and {len(skipped) - 20} more (see the report)" if len(skipped) > 20 else ""
    log.warning("skipped %d files of %s that are not pages: %s%s", len(skipped), folder, shown, more)
    for f, why in skipped:
        log.debug("skipped %s: %s", f, why)


def _same_as_published(order: list[_Page], previous: dict[str, str], state: State) -> bool:
    """Whether the pages are exactly those last published (every page cached,
    the published ones with the same keys, the others still quarantined),
    found without loading the published pages' rows.  If so, sets each
    page's status."""
    if any(not p.cached for p in order) or {p.name: p.key for p in order if p.name in previous} != previous:
        return False
    quarantines = {}
    for page in order:
        if page.name in previous:  # same key: the same rows, published last time
            continue
        outcome = state.get(page.key)  # not published last time: it must still be quarantined
        if outcome is None or outcome.status == "ok":
            return False
        outcome.columns = {}
        quarantines[page.name] = outcome
    for page in order:
        page.quarantine = quarantines.get(page.name)
        page.ok = page.quarantine is None
    return True


@dataclass
class _Reusable:
    """Rows a run takes from the package it published last time."""

    parquet: dict[str, list[Path]]  # table -> its Parquet files in that package
    source_ids: set[str]  # the pages whose rows are taken from there


def _reusable_rows(out: Path, descriptor_sha256: str | None, order: list[_Page], previous: dict[str, str]) -> _Reusable | None:
    """The published package's rows this run can publish again as they are:
    those of the pages it published with the same state key (same bytes,
    metadata and extractor), provided the package is the one this state
    published and still whole (every file matching its hash)."""
    source_ids = {p.source_id for p in order if p.cached and previous.get(p.name) == p.key}
    if not source_ids or _whole_package_rows(out, descriptor_sha256) is None:
        return None
    import polars as pl

    descriptor = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
    parquet = {
        r["x-table"]: [out / rel for rel in validate.resource_paths(r)]
        for r in descriptor["resources"]
        if r["format"] == "parquet"
    }
    for table in _page_tables():
        if table not in parquet or dict(pl.scan_parquet(parquet[table]).collect_schema()) != schema.polars_schema(table):
            return None
    return _Reusable(parquet, source_ids)


def _page_tables() -> list[str]:
    """The tables whose rows come from pages (they have a source_id column)."""
    return [t for t in schema.TABLES if "source_id" in schema.field_names(t)]


def _build_tables(
    opts: RunOptions,
    timer: _Timer,
    state: State,
    metadata: dict,
    order: list[_Page],
    spill: Path,
    files: int,
    beside: ThreadPoolExecutor,
    reusable: _Reusable | None = None,
    codebook_checked: bool = False,
) -> tuple[dict[str, transform.SpilledTable], Future]:
    """Every page's rows, in ``order``, into the table builders (which spill
    to ``spill``): cached pages loaded from the state one at a time, the
    others processed by the engine (results in task order) and cached.
    Pages in ``reusable`` are not loaded: their rows are merged in from the
    published package once the others are built.  ``codebook_checked``: the
    codebook's rows passed the checks in a run with the same code.  Sets each page's status
    (``ok`` or ``quarantine``).

    Returns the tables and the future of their rows' schema check
    (``validate.check_unchecked_tables``), started in ``beside`` as soon as
    the built rows are spilled: it (and pandera's import, ~1 s with pandas)
    runs while the published rows are merged in and the package is written,
    which saves ~10-25% of a run that adds one page to a large archive."""
    from etl.batch.page import process_page

    reused = reusable.source_ids if reusable else set()

    new = [p for p in order if not p.cached]
    builders = {t: transform.TableBuilder(t, spill) for t in schema.TABLES}

    def tasks():
        # Each page by its path: the engine reads it where it is processed
        # (a local worker reads its own pages; see engines.Task).
        for page in new:
            yield (page.name, opts.sources_dir / page.name, metadata.get(page.source_id))

    def processed(page: _Page, blob: bytes) -> PageOutcome:
        outcome = load_outcome(blob)
        if outcome.file_name != page.name:
            raise RuntimeError(f"engine returned {outcome.file_name} for {page.name}")
        if outcome.sha256 != page.sha256:
            state.forget_file(os.path.join(os.path.realpath(opts.sources_dir), page.name))
            raise RunFailed(f"{opts.sources_dir / page.name}: changed during the run; run again")
        with timer.stage("state"):
            state.put(page.key, blob)
        return outcome

    with timer.stage("extract"):
        results = engines.process(tasks(), opts)
        try:
            done = 0
            for page in order:
                if page.source_id in reused:  # published last time, rows taken from the package
                    page.ok = True
                    continue
                if page.cached:
                    with timer.stage("state"):
                        outcome = state.get(page.key)
                    if outcome is None:  # a damaged entry: process the page again, here
                        with timer.stage("read"):
                            data = engines.read_page(opts.sources_dir / page.name)
                        blob = dump_outcome(process_page(page.name, data, metadata.get(page.source_id), opts.page_limits()))
                        outcome = processed(page, blob)
                        page.validated = False
                else:
                    outcome = processed(page, next(results))
                    done += 1
                    if not opts.progress and done % LOG_EVERY_PAGES == 0:  # no bar: plain log lines
                        log.info("processed %d of %d new or changed pages (%d files in the archive)", done, len(new), files)
                if outcome.status == "ok":
                    with timer.stage("transform"):
                        for table, columns in outcome.columns.items():
                            builders[table].add_columns(columns, checked=page.validated)
                    page.ok = True
                else:
                    outcome.columns = {}
                    page.quarantine = outcome
        finally:
            results.close()
    with timer.stage("transform"):
        builders["codebook"].add(semantic.codebook_rows(), checked=codebook_checked)
        builders["codebook_terms"].add(semantic.codebook_term_rows(), checked=codebook_checked)
        tables = {t: b.finish() for t, b in builders.items()}
        rows_checked = beside.submit(validate.check_unchecked_tables, {t: spilled.unchecked for t, spilled in tables.items()})
        if reusable is not None:
            for table in _page_tables():
                tables[table] = transform.merge_published(tables[table], reusable.parquet[table], reused, spill)
    return tables, rows_checked


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
    opts: RunOptions,
    timer: _Timer,
    tables: dict[str, transform.SpilledTable],
    rows_checked: Future,
    checked_structure: str | None = None,
) -> tuple[dict[str, int], str]:
    """Write, validate and swap in the package from the spilled tables; rows
    per table and the descriptor's structure key.

    The gate before the swap (nothing is published unless it passes):

    * ``validate`` (rows): every row through its table's pandera schema,
      except rows of pages an earlier run checked and published (same
      bytes, same extractor and schemas: the state key covers them).  It
      runs in a thread (``rows_checked``, see _build_tables) beside the
      writing and the file checks (the files go to the staging folder,
      which a failure removes).  Its failure is the one reported when both
      fail (the file checks would only echo it);
    * ``publish_write`` + ``validate`` (files): each table, as soon as its
      files are written (while others are still being written), read back:
      every CSV file with polars and the schema's dtypes, block by block,
      equal to its Parquet twin, row counts as declared, primary key unique
      across the whole table; once all are written, foreign keys resolving
      across whole tables and ``datapackage.json`` exactly the descriptor
      built from the files (their hashes and sizes were computed by reading
      each file back after it was written and flushed to disk, so the
      files are not hashed a second time here; ``etl validate`` does);
    * ``publish_validate``: frictionless on the descriptor (package metadata
      and Table Schemas), unless its structure key
      (``validate.descriptor_structure_key``: all but the values of hashes,
      sizes and row counts, which the file checks verify) is
      ``checked_structure``, that of a descriptor that passed before.
      Frictionless does not read the rows here by default: at ~40,000
      rows/s per core it took longer than all the rest of publishing (3.4 s
      of a 2,000-page run; minutes at 50,000 pages), and the rows already
      pass the same rules (pandera schemas and descriptor schemas both
      derive from ``schemas/*.json``).  ``--frictionless full``
      adds the full frictionless row check here; ``etl validate``, the tests
      and CI always run it."""
    staging = publish.staging_dir(opts.out)
    outguard.make_job_dir(staging, "package")  # its marker is the published package's
    try:
        try:
            with timer.stage("publish_write"):
                # Each table's files are read back as soon as they are
                # written (validate.check_written_table), beside the writing
                # of the others.
                descriptor, problems = publish.write_package(tables, staging, check_table=validate.check_written_table)
            with timer.stage("validate"):
                problems += validate.check_descriptor_file(staging, descriptor)
                problems += validate.check_foreign_keys(staging, descriptor)
                if not problems:
                    # The rules no schema can declare (a span's start before
                    # its end, units from the vocabulary, ...), as `etl
                    # validate` checks them: a row that breaks one is not
                    # published.
                    problems += datarules.check_rules(staging, descriptor)
                if problems:
                    raise validate.PackageInvalid(staging, problems)
            with timer.stage("publish_validate"):
                structure = validate.descriptor_structure_key(descriptor)
                if opts.frictionless_check != "fast" or structure != checked_structure:
                    problems = validate.check_with_frictionless(staging, descriptor, opts.frictionless_check)
                    if problems:
                        raise validate.PackageInvalid(staging, problems)
        except Exception:
            failure = rows_checked.exception()  # (waits for the check) its SchemaViolation comes first
            if failure is not None:
                raise failure from None
            raise
        with timer.stage("validate"):
            rows_checked.result()  # SchemaViolation: nothing is published
        with timer.stage("publish_swap"):
            publish.fsync_tree(staging)
            publish.swap_into_place(staging, opts.out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return {t: spilled.rows for t, spilled in tables.items()}, structure
