"""Second held-out corpus: pages written after the first one was used for fixes.

``tests/unseen2/`` holds six more hand-annotated pages in styles the first
corpus does not have (a municipal statistics bulletin, a rural-revitalisation
feature, a health/education round-up, a social-security press conference, a
transport year-end report and a column-OCR page with letter-spaced Chinese
numerals, numbers split across a column break and the letter O read for 0).
Gold was written from the contract of issue 3 before the extractor was run
(see ``tests/unseen2/_src``; rebuild with
``.venv/bin/python tests/unseen2/_src/build.py``). Scoring is the same as
``tests/test_unseen_pages_figures.py`` (helpers imported from there).

Run ``.venv/bin/python tests/test_unseen_pages_styles.py`` for the table plus every
miss and false positive.
"""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[1]
for p in (PROJECT, PROJECT / "tests"):
    if str(p) not in sys.path:
        sys.path.insert(0, str(p))

import test_unseen_pages_figures as base  # noqa: E402
from etl.batch.sources import decode  # noqa: E402

UNSEEN2 = PROJECT / "tests" / "unseen2"

MIN_FIGURE_PRECISION = 0.90
MIN_FIGURE_RECALL = 0.85
MIN_DATE_RECALL = 0.85


@contextlib.contextmanager
def _corpus():
    saved = base.UNSEEN
    base.UNSEEN = UNSEEN2
    try:
        yield
    finally:
        base.UNSEEN = saved


def load_pages() -> list[dict[str, str]]:
    return base.read_csv(UNSEEN2 / "pages.csv")


def evaluate_all() -> list[base.PageResult]:
    with _corpus():
        return [base.evaluate_page(p) for p in load_pages()]


@pytest.mark.parametrize("page", load_pages(), ids=lambda p: p["file"])
def test_gold_is_consistent_with_its_page(page):
    name = page["file"].rsplit(".", 1)[0]
    raw, encoding = decode((UNSEEN2 / page["file"]).read_bytes(), page["file"])
    assert encoding == page["encoding"]
    assert 600 <= len(raw) <= 2500
    for kind in ("figures", "dates"):
        rows = base.read_csv(UNSEEN2 / f"{name}.{kind}.csv")
        assert rows, f"{name}.{kind}.csv is empty"
        spans = sorted((int(g["char_start"]), int(g["char_end"])) for g in rows)
        for a, b in zip(spans, spans[1:]):
            assert a[1] <= b[0], f"overlapping gold {kind} spans {a} {b}"
        for g in rows:
            assert raw[int(g["char_start"]) : int(g["char_end"])] == base.unescape(g["surface"]), g


def test_unseen2_pages_scores(capsys):
    results = evaluate_all()
    t = base.totals(results)
    report = base.table(results)
    with capsys.disabled():
        print("\n\nHeld-out pages (tests/unseen2): figure recall counts core gold only\n" + report)
    assert t["figure_precision"] >= MIN_FIGURE_PRECISION, report + "\n" + base.details(results)
    assert t["figure_recall"] >= MIN_FIGURE_RECALL, report + "\n" + base.details(results)
    assert t["date_recall"] >= MIN_DATE_RECALL, report + "\n" + base.details(results)


if __name__ == "__main__":
    results = evaluate_all()
    print(base.table(results))
    print()
    print(base.details(results))
    print()
    print({k: round(v, 3) for k, v in base.totals(results).items()})
