"""The stricter measure of the names rule on the real pages: masking a
page's WHOLE text with the job's privacy functions leaves none of its
annotated private names (``names.csv``), whatever the job publishes of it,
nor a piece of one: the given name of a three-character name standing alone,
or a name's last character left after 某某 where the name stood.

(tests/test_realpages.py checks the published rows; a name the rows do not
quote today may be quoted tomorrow by a new context or a new table.)
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from etl.extract.textrepair import repair
from etl.semantic import name_candidates, name_masking, privacy

SETS = Path(__file__).resolve().parent / "data" / "realpages"
#: The sets whose every annotated name the masker removes from the whole page.
STRICT_SETS = ("dev", "heldout", "fresh", "fresh2", "fresh3", "fresh4", "fresh5", "fresh6", "fresh7")


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
        masked = name_masking.mask(repaired.clean, privacy.find_private_names(repaired))
        left = [n for n in page_names if n in masked]
        if left:
            survivors[page_id] = left
    assert survivors == {}


def _pieces_left(set_name: str) -> dict[str, list[str]]:
    """Per page, the pieces of annotated three-character names that survive
    masking the whole page: the given name (two characters; not a form of
    address such as 奶奶, 同学, nor an ordinary word of not_names.csv), or
    the name's last character left after the placeholder where the name
    stood (袁永正, → 某某正,: the name read one character too short)."""
    not_names = name_candidates._vocab()[4]
    address = set(name_masking._KINSHIP) | set(name_candidates.ADDRESS_FORMS)
    out: dict[str, list[str]] = {}
    for page_id, page_names in sorted(_names_by_page(set_name).items()):
        raw = (SETS / set_name / "pages" / f"{page_id}.txt").read_text(encoding="utf-8")
        repaired = repair(raw)
        text = repaired.clean
        masked = name_masking.mask(text, privacy.find_private_names(repaired))
        for name in page_names:
            parts = name_candidates._split_surname(name)
            if len(name) != 3 or not parts or len(parts[1]) != 2 or not all(map(name_candidates._is_cjk, name)):
                continue
            given = parts[1]
            if given not in address and given not in not_names and given in masked:
                out.setdefault(page_id, []).append(given)
            i = text.find(name)
            while i >= 0:
                after = text[i + len(name) : i + len(name) + 2]
                if after and name_masking.PLACEHOLDER + name[-1] + after in masked:
                    out.setdefault(page_id, []).append(name_masking.PLACEHOLDER + name[-1])
                i = text.find(name, i + 1)
    return out


@pytest.mark.parametrize("set_name", STRICT_SETS)
def test_no_piece_of_an_annotated_name_survives_masking_the_whole_page(set_name):
    """The stricter measure extended to partial names: no given name of an
    annotated three-character name, and no last character cut off one."""
    assert _pieces_left(set_name) == {}
