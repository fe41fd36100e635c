"""Semantic layer: what a page's figures and stories mean.

``derive`` turns one page's extraction into the rows of the ``indicators``,
``checks`` (with their ``check_figures`` links) and ``care_visits`` (with
their ``visit_gifts``) tables, and reports the private names found on
the page (never published: the pipeline masks them in every free text with
``etl.semantic.name_masking.mask``; the rows returned here are already masked).
``codebook_rows`` gives the ``codebook`` table and ``codebook_term_rows`` its
lists (units, signal phrases, required words) as the ``codebook_terms`` table.  The rules are in
``indicators`` (a page's rows; ``indicator_match`` one figure's indicators, ``indicator_checks``
the checks, ``restated`` restatements and 分别 lists, ``page_index`` the page's clauses),
``periods`` and ``measures`` (when, what kind; ``figure_clauses`` the text around a figure),
``regions`` (gazetteer, mentions) and ``region_resolution`` (where), ``visit_events``,
``visit_stops``, ``visit_vocab`` and ``care_visits`` (visits), ``name_forms`` and ``privacy``
(names); the vocabulary in ``schemas/codebook.yaml`` and ``schemas/vocab/``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from etl.semantic import name_masking, privacy, regions
from etl.semantic.care_visits import derive_visits, visit_gift_rows
from etl.extract import PageExtraction
from etl.semantic.codebook import codebook_rows as _codebook_rows
from etl.semantic.codebook import codebook_term_rows as _codebook_term_rows
from etl.semantic.indicator_checks import check_figure_rows
from etl.semantic.indicators import clean_span, derive_indicators
from etl.semantic.page_index import index_page
from etl.semantic.region_resolution import resolve_page_region


@dataclass(frozen=True)
class SemanticResult:
    indicators: list[dict]  # rows of the `indicators` table
    checks: list[dict]  # rows of the `checks` table
    check_figures: list[dict]  # rows of the `check_figures` table (the figures each check compares)
    care_visits: list[dict]  # rows of the `care_visits` table
    visit_gifts: list[dict]  # rows of the `visit_gifts` table (what each visit brought)
    private_names: frozenset[str]  # names detected on the page (never published)


def derive(source_id: str, page: PageExtraction, region_code: str | None = None,
           as_of: dt.date | None = None, issue_day: dt.date | None = None) -> SemanticResult:
    """Indicators, checks and care visits of one page, names masked.
    ``region_code``: the page's region from its metadata (the text refines
    it, never contradicts it); ``as_of``: the article's date at the
    precision known (``etl.extract.date_context.as_of``); ``issue_day``:
    the issue date when known to the day (it dates a visit told 昨日)."""
    repaired = page.repaired
    names = privacy.find_private_names(repaired)
    # Where a region's name may start: one scan for the page's region and
    # the visits' streets (looked up in their leads).
    region_starts = regions.form_starts(repaired.clean)
    places = regions.place_mentions(repaired.clean, region_starts)
    region = resolve_page_region(repaired.clean, region_starts, region_code, places)
    # One index of the clean text (phrases near the figures, clause and
    # sentence ends) serves both.
    spans = [clean_span(repaired, f) for f in page.figures]
    idx = index_page(repaired.clean, spans)
    indicators, checks = derive_indicators(
        source_id, repaired, page.figures, page.dates, region, idx, spans, places, as_of, names)
    # (One masking pass over all the messages: see name_masking.mask_many.)
    for row, message in zip(checks, name_masking.mask_many([row["message"] for row in checks], names)):
        row["message"] = message
    check_figures = check_figure_rows(checks)
    visits = derive_visits(source_id, repaired, page.dates, names, idx.sentence_breaks, region_starts, issue_day)
    gifts = visit_gift_rows(visits)
    return SemanticResult(indicators=indicators, checks=checks, check_figures=check_figures, care_visits=visits,
                          visit_gifts=gifts, private_names=names)


def codebook_rows() -> list[dict]:
    """Rows of the `codebook` table (from schemas/codebook.yaml)."""
    return _codebook_rows()


def codebook_term_rows() -> list[dict]:
    """Rows of the `codebook_terms` table (from schemas/codebook.yaml)."""
    return _codebook_term_rows()
