"""The page index used by the semantic layer looks for signal and group
phrases only in the clauses around the figures: it must give the indicator
and check rows of an index of the whole page."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from etl import indicators
from etl.extract import extract_text
from etl.sources import decode

ROOT = Path(__file__).resolve().parent.parent
PAGES = sorted(
    [*ROOT.glob("sources/*.txt"), *ROOT.glob("tests/unseen*/*.txt")], key=lambda p: str(p)
)


@pytest.mark.parametrize("path", PAGES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_index_near_figures_gives_the_rows_of_a_whole_page_index(path):
    text, _ = decode(path.read_bytes(), str(path))
    page = extract_text(text, dt.date(2023, 1, 15))
    whole = indicators.index_page(page.repaired.clean)
    spans = [indicators.clean_span(page.repaired, f) for f in page.figures]
    near = indicators.index_page(page.repaired.clean, spans)
    assert set(near.signals) <= set(whole.signals) and set(near.groups) <= set(whole.groups)
    expected = indicators.derive_indicators("p", page.repaired, page.figures, page.dates, None, whole)
    assert indicators.derive_indicators("p", page.repaired, page.figures, page.dates, None, near) == expected
    assert indicators.derive_indicators("p", page.repaired, page.figures, page.dates, None) == expected
