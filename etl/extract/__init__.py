"""Extract stage: one decoded page text in, figures and dates out.

This is the single code path used by ``etl run`` and ``etl extract``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from etl.extract import date_context
from etl.extract.dates import date_matches, extract_dates
from etl.extract.figures import TooManyFigures, extract_figures
from etl.extract.records import DateMention, Figure
from etl.extract.textrepair import Repaired, repair

__all__ = ["PageExtraction", "TooManyFigures", "extract_text"]


@dataclass(frozen=True)
class PageExtraction:
    repaired: Repaired
    figures: list[Figure]
    dates: list[DateMention]


def extract_text(
    raw: str, issue_date: dt.date | None = None, precision: str = "month", max_mentions: int | None = None
) -> PageExtraction:
    """Repair ``raw`` and find its dates and figures.

    ``issue_date`` is the page's issue date, known to ``precision`` (``day``,
    ``month``: any day of the issue month; ``year``: any day of the year);
    relative dates stay unresolved without it.  Dates are read in their
    context (:mod:`etl.extract.date_context`).  Dates are found first:
    their spans are never figures.  ``max_mentions``: raise
    ``TooManyFigures`` as soon as the page is known to hold more dates and
    figures than that (before the figures are built).
    """
    repaired = repair(raw)
    matches = date_matches(repaired)  # the same against any issue date

    def scan(issue: dt.date | None, prec: str) -> list[DateMention]:
        # A date known to the year only is read as its last day: nothing is
        # later in the year than the issue (no month rolls over into the
        # year before) and 今年以来 runs to the year's end.
        scan_issue = dt.date(issue.year, 12, 31) if issue is not None and prec == "year" else issue
        return date_context.refine(repaired, extract_dates(repaired, scan_issue, matches), issue, prec)

    dates = date_context.reanchor_articles(
        repaired, scan(issue_date, precision), issue_date, lambda issue: scan(issue, "year"))
    if max_mentions is not None and len(dates) > max_mentions:
        raise TooManyFigures(f"{len(dates)} dates, more than {max_mentions}")
    date_spans = [(d.clean_start, d.clean_end) for d in dates]
    figures = extract_figures(
        repaired, exclude_spans=date_spans,
        max_candidates=None if max_mentions is None else max_mentions - len(dates),
    )
    return PageExtraction(repaired=repaired, figures=figures, dates=dates)
