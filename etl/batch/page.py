"""One page, end to end: bytes in, the page's rows of every table out.

``process_page`` is pure (no I/O, no global state), so the engines can run it
anywhere: inline, in a local process pool, or on a Dask worker; and its result
can be cached in the run state keyed by the page's content.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import signal
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from etl import semantic
from etl.batch.sources import DEFAULT_MAX_BYTES, IssueDate, PageError, decode, source_id_of
from etl.extract import TooManyFigures, date_context, extract_text
from etl.extract.quantity import figure_quantity
from etl.package.flags import figure_flags
from etl.semantic import name_masking, regions


@dataclass
class PageOutcome:
    """What one page produced: its rows per table, or why it was set aside."""

    file_name: str
    source_id: str
    sha256: str  # of the raw bytes
    status: str  # "ok" or "quarantined"
    reason: str = ""  # quarantine reason code (empty, binary, ...)
    detail: str = ""  # human-readable explanation
    tables: dict[str, list[dict]] = field(default_factory=dict)  # rows, as process_page returns them
    seconds: float = 0.0  # processing time, for the run report
    # The same rows column by column ({table: {column: values}}, schema
    # order), as an outcome loaded from the run state carries them: the
    # table builders take columns (see etl.batch.state.dump_outcome).
    columns: dict[str, dict[str, list]] = field(default_factory=dict)


def quarantined(file_name: str, sha256: str, reason: str, detail: str) -> PageOutcome:
    return PageOutcome(file_name, source_id_of(Path(file_name)), sha256, "quarantined", reason, detail)


#: Budgets of one page (``etl run --max-rows-per-page``, ``--page-seconds``):
#: a page over one is quarantined with the reason, the run goes on.  A page's
#: cost is linear in its length, so these only stop what no news page holds
#: (an ordinary page has a few hundred rows and takes milliseconds).
DEFAULT_MAX_ROWS = 20_000
DEFAULT_PAGE_SECONDS = 60.0


@dataclass(frozen=True)
class PageLimits:
    max_bytes: int = DEFAULT_MAX_BYTES
    max_rows: int = DEFAULT_MAX_ROWS  # rows of all tables together
    seconds: float = DEFAULT_PAGE_SECONDS  # 0: no time limit


class PageTimeout(Exception):
    pass


@contextlib.contextmanager
def _deadline(seconds: float) -> Iterator[Callable[[], None]]:
    """Yield a check that raises ``PageTimeout`` once ``seconds`` have
    passed.  In a process's main thread (the local engine's workers, a run
    without a pool) an interval timer also interrupts the page wherever it
    is (even inside a regular expression, which checks for signals); a Dask
    worker runs tasks in threads, where only the check between stages
    applies."""
    if seconds <= 0:
        yield lambda: None
        return
    end = time.monotonic() + seconds

    def check() -> None:
        if time.monotonic() > end:
            raise PageTimeout()

    use_timer = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if not use_timer:
        yield check
        return

    def on_alarm(signum, frame):
        raise PageTimeout()

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield check
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def process_page(
    file_name: str, data: bytes, metadata: dict[str, str] | None, limits: PageLimits | int = PageLimits(),
    *, max_bytes: int | None = None,
) -> PageOutcome:
    """Decode, extract and derive every table's rows for one page, within
    ``limits`` (a bare int: the byte limit, the other budgets by default)."""
    if isinstance(limits, int):
        limits = PageLimits(max_bytes=limits)
    if max_bytes is not None:
        limits = PageLimits(max_bytes, limits.max_rows, limits.seconds)
    t0 = time.perf_counter()
    sha256 = hashlib.sha256(data).hexdigest()
    try:
        with _deadline(limits.seconds) as check_time:
            outcome = _process(file_name, data, sha256, metadata, limits, check_time)
    except PageTimeout:
        return quarantined(
            file_name, sha256, "over_time", f"processing took longer than the page budget of {limits.seconds:g} s"
        )
    except TooManyFigures as e:
        return quarantined(file_name, sha256, "too_many_rows", f"{e}: over the budget of {limits.max_rows} rows")
    outcome.seconds = time.perf_counter() - t0
    return outcome


def _process(
    file_name: str, data: bytes, sha256: str, metadata: dict[str, str] | None,
    limits: PageLimits, check_time: Callable[[], None],
) -> PageOutcome:
    source_id = source_id_of(Path(file_name))
    if len(data) > limits.max_bytes:
        return quarantined(file_name, sha256, "too_large", f"{len(data)} bytes is over the limit of {limits.max_bytes}")
    try:
        text, encoding = decode(data, file_name)
    except PageError as e:
        return quarantined(file_name, sha256, e.reason, e.detail)

    metadata = metadata or {}
    issue: IssueDate | None = None
    if metadata.get("issue_date"):
        try:
            issue = IssueDate.parse(metadata["issue_date"])
        except ValueError as e:
            return quarantined(file_name, sha256, "bad_metadata", f"metadata: {e}")

    page = extract_text(
        text, issue.date if issue else None, issue.precision if issue else "month", max_mentions=limits.max_rows
    )
    check_time()
    region_code = (metadata.get("region_code") or "").strip() or None
    if region_code is not None and region_code not in regions.gazetteer():
        return quarantined(file_name, sha256, "bad_metadata",
                           f"metadata: region_code {region_code!r} is not a code of schemas/vocab/regions.csv")
    meaning = semantic.derive(source_id, page, region_code,
                              date_context.as_of(issue.date, issue.precision) if issue else None,
                              issue.date if issue and issue.precision == "day" else None)
    check_time()
    names = meaning.private_names
    # Figures of one sentence share its context: mask each distinct one
    # once, all in one call (mask_many: one pass instead of a call per text).
    contexts = list(dict.fromkeys([f.context for f in page.figures]))
    masked_contexts = dict(zip(contexts, name_masking.mask_many(contexts, names)))
    clean = page.repaired.clean

    figures = [
        {
            "figure_id": f"{source_id}:{f.char_start}-{f.char_end}",
            "source_id": source_id,
            "char_start": f.char_start,
            "char_end": f.char_end,
            "surface": f.surface,
            "value": float(f.value),
            "value_max": None if f.value_max is None else float(f.value_max),
            "unit": f.unit,
            "unit_raw": f.unit_raw,
            "per": f.per,
            "qualifier": f.qualifier,
            "quantity": figure_quantity(f, clean),
            "context": masked_contexts[f.context],
        }
        for f in page.figures
    ]
    # A figure's plausibility flags: one row each (a link table, not a list in a cell).
    flags = [
        {"figure_id": row["figure_id"], "flag": flag, "source_id": source_id}
        for f, row in zip(page.figures, figures)
        for flag in figure_flags(f)
    ]
    dates = [
        {
            "date_id": f"{source_id}:{d.char_start}-{d.char_end}",
            "source_id": source_id,
            "char_start": d.char_start,
            "char_end": d.char_end,
            "surface": d.surface,
            "granularity": d.granularity,
            "start": d.start,
            "end": d.end,
            "resolution": d.resolution,
        }
        for d in page.dates
    ]
    source = {
        "source_id": source_id,
        "file_name": file_name,
        "title": name_masking.mask(metadata.get("title") or "", names) or None,
        "publisher": metadata.get("publisher") or None,
        "language": metadata.get("language") or None,
        "rights": metadata.get("rights") or None,
        "origin": metadata.get("origin") or None,
        "issue_date": issue.date if issue else None,
        "issue_date_precision": issue.precision if issue else None,
        "issue_date_evidence": metadata.get("issue_date_evidence") or None,
        "sha256": sha256,
        "bytes": len(data),
        "characters": len(text),
        "encoding": encoding,
        "figure_count": len(figures),
        "date_count": len(dates),
    }
    tables: dict[str, list[dict]] = {
        "sources": [source],
        "figures": figures,
        "figure_flags": flags,
        "dates": dates,
        "indicators": meaning.indicators,
        "checks": meaning.checks,
        "check_figures": meaning.check_figures,
        "care_visits": meaning.care_visits,
        "visit_gifts": meaning.visit_gifts,
    }
    rows = sum(map(len, tables.values()))
    if rows > limits.max_rows:
        raise TooManyFigures(f"{rows} rows")
    return PageOutcome(file_name, source_id, sha256, "ok", tables=tables)



@functools.cache
def warm_up() -> None:
    """Load every rule table and compile every pattern once, so that worker
    processes forked afterwards start warm instead of each paying for it,
    and no page's time budget pays for it (once per process: the engines
    call it before each batch)."""
    process_page("warm-up.txt", "2022年1月-11月，全区城镇新增就业100人，占比33.3%。".encode(), None, 1 << 20)
    # (the word dictionary of the names' test, read once before workers fork)
    from etl.semantic import name_lexicon

    name_lexicon.dictionary()
