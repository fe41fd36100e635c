"""The stricter measure of the names rule on the real pages: masking a
page's WHOLE text with the job's privacy functions leaves none of its
annotated private names (``names.csv``), whatever the job publishes of it.

(tests/test_realpages.py checks the published rows; a name the rows do not
quote today may be quoted tomorrow by a new context or a new table.)
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from etl.extract.textrepair import repair
from etl.semantic import privacy

SETS = Path(__file__).resolve().parent / "data" / "realpages"
#: The sets whose every annotated name the masker removes from the whole page.
STRICT_SETS = ("dev", "heldout", "fresh", "fresh2")


def _names_by_page(set_name: str) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    with (SETS / set_name / "names.csv").open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            out.setdefault(row["page_id"], []).append(row["name"])
    return out


@pytest.mark.parametrize("set_name", STRICT_SETS)
def test_no_annotated_name_survives_masking_the_whole_page(set_name):
    names = _names_by_page(set_name)
    assert names  # (a set without names would pass vacuously)
    survivors = {}
    for page_id, page_names in sorted(names.items()):
        raw = (SETS / set_name / "pages" / f"{page_id}.txt").read_text(encoding="utf-8")
        repaired = repair(raw)
        masked = privacy.mask(repaired.clean, privacy.find_private_names(repaired))
        left = [n for n in page_names if n in masked]
        if left:
            survivors[page_id] = left
    assert survivors == {}
