"""The options of a run (``etl run``'s command line, as a value)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from etl.batch import sources
from etl.batch.page import DEFAULT_MAX_ROWS, DEFAULT_PAGE_SECONDS, PageLimits


@dataclass
class RunOptions:
    sources_dir: Path = Path("sources")
    out: Path = Path("dist")
    state_dir: Path = Path(".state")
    report_path: Path | None = None
    max_bytes: int = sources.DEFAULT_MAX_BYTES
    max_rows_per_page: int = DEFAULT_MAX_ROWS  # a page with more rows is quarantined
    page_seconds: float = DEFAULT_PAGE_SECONDS  # a page taking longer is quarantined (0: no limit)
    workers: int = 0  # 0: one per core
    engine: str = "local"  # local or dask
    scheduler: str | None = None  # Dask scheduler address
    lock_wait: float = 0.0  # seconds to wait for another run's lock
    progress: bool = False
    frictionless_check: str = "fast"  # the in-run gate: fast or full, see validate.check_package
    pattern: str = sources.DEFAULT_PATTERN  # pages: the files matching it, see sources.walk

    def page_limits(self) -> PageLimits:
        return PageLimits(max_bytes=self.max_bytes, max_rows=self.max_rows_per_page, seconds=self.page_seconds)
