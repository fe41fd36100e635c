"""The figures without a unit word of their own, added to a page's
candidates after the scan: a bare 万/亿 number before a counted noun
(3.1万新生代农民工, 15万农民: ``counted_nouns.csv`` gives the unit) and a
万/亿 number alone in brackets, which takes the unit of the 万/亿 count just
before it in its sentence (转移就业115.2万人,完成年度计划(120万)).

Split from ``etl.extract.figures`` (the scan of a page and its figures);
their numbers are read by ``etl.extract.figure_candidates``, their patterns
are in ``etl.extract.figure_patterns``.
"""

from __future__ import annotations

import bisect
import re

from etl.extract import rules
from etl.extract.figure_candidates import _BIG_ANY, _Cand, _num_value, _qualifier, _Reject
from etl.extract.figure_patterns import bare_magnitude, bare_magnitude_trigger, bracketed_magnitude

#: How far before its 万/亿 a bare-magnitude figure may start, and its
#: noun end after it.
_BARE_REACH = 32



def _whole_number(numeral: str) -> float | None:
    """The value of a numeral read whole (a lone 一 allowed), or None when it
    is no number or only part of it reads as one."""
    try:
        value, off = _num_value(numeral, allow_lone_one=True)
    except _Reject:
        return None
    return None if off else value

def _bare_magnitudes(clean: str, cands: list[_Cand]) -> list[_Cand]:
    """``cands`` with the bare 万/亿 numbers before a counted noun added
    (3.1万新生代农民工, 15万农民: a large count often drops its measure
    word; ``counted_nouns.csv`` gives the unit).  The surface is the number
    (with its qualifiers); ``unit_raw`` is the noun.  One that overlaps a
    candidate of the usual form is left out."""
    if "万" not in clean and "亿" not in clean and "萬" not in clean and "億" not in clean:
        return cands
    nouns = rules.counted_nouns()
    added: list[_Cand] = []
    taken = [(c.start, c.end) for c in cands]
    starts = [s for s, _ in taken]
    finditer = bare_magnitude().finditer
    size = len(clean)
    done = -1  # the end of the last figure found
    for t in bare_magnitude_trigger().finditer(clean):
        p = t.start()
        if p < done:
            continue
        # (the figure holding this 万/亿: its number and prefix start at
        # most BARE_REACH characters before it, its noun as far after it)
        m = next((m for m in finditer(clean, max(0, p - _BARE_REACH), min(size, p + _BARE_REACH))
                  if m.start("n") <= p < m.end("n")), None)
        if m is None:
            continue
        s, e = m.span()
        done = e
        i = bisect.bisect_right(starts, e - 1)
        if i and taken[i - 1][1] > s:
            continue
        value = _whole_number(m["n"])
        if value is None:
            continue
        noun = m["noun"]
        qualifier = _qualifier("prefix", m["pre"]) or ("more_than" if m["q"] else "exact")
        start = m.start() if m["pre"] and _qualifier("prefix", m["pre"]) else m.start("n")
        added.append(_Cand(start, e, m.start("n"), value, nouns[noun], noun, qualifier))
    if "(" in clean:
        added += _bracketed(clean, cands)
    if not added:
        return cands
    return sorted(cands + added, key=lambda c: c.start)


#: Where a sentence ends (a unit carried over does not cross it).
_SENTENCE_BREAK = re.compile(r"[。！？!?；;\n]")


def _bracketed(clean: str, cands: list[_Cand]) -> list[_Cand]:
    """The bare 万/亿 numbers alone in brackets that take the unit of the
    figure before them in their sentence (新增转移就业115.2万人,完成年度计划
    (120万)的95.8%: Chinese leaves out a unit the sentence has just given).
    That figure must be a count written with 万/亿 itself (a number of the
    same kind); otherwise the bracketed number stays no figure."""
    out = []
    ends = [c.end for c in cands]
    for m in bracketed_magnitude().finditer(clean):
        s = m.start("n")
        i = bisect.bisect_right(ends, s) - 1
        if i < 0:
            continue
        before = cands[i]
        if before.end > s or _SENTENCE_BREAK.search(clean, before.end, s):
            continue
        if before.unit in ("percent", "percentage_point", "permille") or before.per or \
                not _BIG_ANY.search(clean, before.num_start, before.end):
            continue
        value = _whole_number(m["n"])
        if value is None:
            continue
        qualifier = "more_than" if m["q"] else "exact"
        out.append(_Cand(s, m.end(), s, value, before.unit, before.unit_raw, qualifier))
    return out
