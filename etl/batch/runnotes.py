"""Notes a run adds to its report and log about what it published.

``unresolved_dates``: the pages published without an issue date whose
dates needing one (去年, 今年, a month without a year …) therefore stay
``unresolved`` in the ``dates`` table; read from the published package
itself, so pages taken unchanged from the last run count too.
"""

from __future__ import annotations

import logging
from pathlib import Path

log = logging.getLogger("etl")


def unresolved_dates(package: Path) -> dict[str, int]:
    """source_id -> number of unresolved dates, for the pages of the package
    at ``package`` that have no issue date (and at least one such date)."""
    import polars as pl

    data = package / "data"
    try:
        no_issue = pl.scan_parquet(data / "sources.parquet").filter(pl.col("issue_date").is_null()).select("source_id")
        dates = (
            pl.scan_parquet(data / "dates.parquet")
            .filter(pl.col("resolution") == "unresolved")
            .group_by("source_id")
            .agg(pl.len().alias("n"))
        )
        found = no_issue.join(dates, on="source_id").sort("source_id").collect()
    except (OSError, pl.exceptions.PolarsError):  # a note only: never fails the run
        log.debug("could not count unresolved dates", exc_info=True)
        return {}
    return dict(zip(found["source_id"].to_list(), found["n"].to_list()))


def note_unresolved(pages: list[dict], package: Path) -> None:
    """Mark each published page without an issue date whose relative dates
    stay unresolved (``unresolved_dates`` and a ``note`` in its report
    entry), and say so in one log line for the run."""
    counts = unresolved_dates(package)
    if not counts:
        return
    for entry in pages:
        n = counts.get(entry.get("source_id", ""))
        if n and entry["status"] in ("published", "unchanged"):
            entry["unresolved_dates"] = n
            entry["note"] = f"no issue date: {n} relative dates left unresolved (add issue_date to metadata.csv)"
    shown = ", ".join(list(counts)[:10]) + (f" and {len(counts) - 10} more" if len(counts) > 10 else "")
    log.warning(
        "%d pages have no issue date, so %d of their relative dates stay unresolved (add issue_date to metadata.csv): %s",
        len(counts), sum(counts.values()), shown,
    )
