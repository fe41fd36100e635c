"""The structure of one page's clean text, computed once: paragraphs,
headings, clause and sentence breaks, and the codebook's signal and group
phrases near the figures (``index_page``).  Indicators, periods, checks and
visits all read positions from it."""

from __future__ import annotations

import bisect
import operator
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import accumulate

from etl.semantic.codebook import load_codebook, overlapped_matches

#: Characters that end a clause / a sentence in the clean text (full-width
#: ASCII punctuation is half-width there; both forms listed).
CLAUSE_END = set(",，;；:：!！?？。\n")
SENTENCE_END = set(";；!！?？。\n")


@dataclass
class PageIndex:
    """Positions in the clean text of one page, computed once."""

    clean: str
    signals: list[tuple[int, int, str]]  # (start, end, phrase), sorted by end (near the figures: see index_page)
    signal_ends: list[int]
    groups: list[tuple[int, int, str]]
    group_ends: list[int]
    para_starts: list[int]  # clean offsets where a paragraph (line) starts
    headings: list[int]  # starts of lines that are headings
    clause_breaks: list[int]  # positions of clause-ending characters
    clause_breaks_list: list[int]  # the same, plus 、 (ends a noun phrase)
    sentence_breaks: list[int]
    year_openers: list[int] = field(default_factory=list)  # paragraph starts opening with 全年…

    def words(self, start: int, end: int) -> str:
        """The clean text from ``start`` to ``end``, where words are matched
        (the text repair has dropped pinyin glosses such as 就業(yè))."""
        return self.clean[start:end]

    def back(self, pos: int, breaks: list[int]) -> int:
        """Start of the unit (clause, sentence) containing pos."""
        i = bisect.bisect_left(breaks, pos)
        return breaks[i - 1] + 1 if i else 0

    def forward(self, pos: int, breaks: list[int]) -> int:
        """End (exclusive) of the unit containing pos."""
        i = bisect.bisect_left(breaks, pos)
        return breaks[i] if i < len(breaks) else len(self.clean)


def _phrase_matches(rx, clean: str, windows: list[tuple[int, int]] | None,
                    max_len: int) -> list[tuple[int, int, str]]:
    """:func:`overlapped_matches` of ``rx`` in ``clean`` (pinyin glosses,
    就業(yè), are already gone from the clean text: ``etl.extract.textrepair``)."""
    return overlapped_matches(rx, clean, windows, max_len)


def _is_heading(line: str) -> bool:
    s = line.strip()
    return bool(s) and len(s) <= 24 and not any(c in "。!！?？;；:：," for c in s[:-1]) and s[-1] not in "。!！?？;；:：,，"


BY_END = operator.itemgetter(1, 0)
SPAN = operator.itemgetter(0, 1)
# (Module-level names: the per-figure lookups call them a few hundred times a page.)
_bisect_left = bisect.bisect_left
_bisect_right = bisect.bisect_right
#: Every character that ends a clause, a sentence or a list item (、).
_BREAK_CHARS = "".join(sorted(CLAUSE_END)) + "、"


def char_positions(text: str, chars: str) -> dict[str, list[int]]:
    """Offsets of each of ``chars`` in ``text`` (absent characters left out).

    Cutting the text at a character and summing the lengths of the pieces
    runs in C, where a regex would build a match object per occurrence (the
    break characters are a tenth of a page)."""
    out: dict[str, list[int]] = {}
    for ch in chars:
        if ch in text:
            pieces = text.split(ch)
            pieces.pop()
            # The k-th occurrence follows pieces 0..k and k earlier occurrences.
            out[ch] = list(map(operator.add, accumulate(map(len, pieces)), range(len(pieces))))
    return out


def sorted_positions(text: str, chars: str) -> list[int]:
    """The sorted offsets of any of ``chars`` in ``text``."""
    return _merged(char_positions(text, chars), chars)


def _merged(positions: dict[str, list[int]], chars: Iterable[str]) -> list[int]:
    """The sorted offsets of any of ``chars`` (sorted runs: a cheap sort)."""
    out: list[int] = []
    for ch in chars:
        out += positions.get(ch, ())
    out.sort()
    return out


def _clause_windows(spans: Iterable[tuple[int, int]], clause_breaks: list[int], clean: str) -> list[tuple[int, int]]:
    """The clauses around the clean ``spans`` (each from the clause start
    before it, or before the label a colon ends, to the clause end after
    it, one past it included), merged:
    the only places where :func:`match_figure` and :func:`population_group`
    look for phrases."""
    windows: list[tuple[int, int]] = []
    for cs, ce in sorted(spans):
        if windows and cs < windows[-1][1] and ce < windows[-1][1]:
            continue  # in the last window's clauses (often: several figures a clause)
        i = bisect.bisect_left(clause_breaks, cs)
        lo = clause_breaks[i - 1] + 1 if i else 0
        if i and clean[lo - 1] in ":：":
            lo = clause_breaks[i - 2] + 1 if i > 1 else 0  # (城镇新增就业：12000 人: the label before the colon)
        j = bisect.bisect_left(clause_breaks, ce)
        hi = (clause_breaks[j] if j < len(clause_breaks) else len(clean)) + 1
        if windows and lo <= windows[-1][1]:
            windows[-1] = (windows[-1][0], max(hi, windows[-1][1]))
        else:
            windows.append((lo, hi))
    return windows


#: The longest quotation (“…”, characters inside) whose commas break no clause.
QUOTE_MAX = 30
_QUOTE_RX = re.compile("“[^“”。!！?？;；\n]{1,%d}”" % QUOTE_MAX)


def _quoted_breaks(clean: str, breaks: list[int]) -> list[int]:
    """``breaks`` without those inside a short quotation: a title or slogan
    in quotation marks (主题为“健康快乐,共创和谐生活”的慰问活动) is one noun
    of its clause, its commas end no clause."""
    if "“" not in clean:
        return breaks
    spans = [m.span() for m in _QUOTE_RX.finditer(clean)]
    if not spans:
        return breaks
    # (the quotations do not overlap: each cuts out the breaks strictly
    # inside it, found by bisection, the rest copied in slices)
    out: list[int] = []
    done = 0
    for s0, s1 in spans:
        i = _bisect_right(breaks, s0, done)
        j = _bisect_left(breaks, s1, i)
        out += breaks[done:i]
        done = j
    out += breaks[done:]
    return out


def index_page(clean: str, spans: Iterable[tuple[int, int]] | None = None) -> PageIndex:
    """The index of a page's clean text.  With ``spans``, the clean (start,
    end) of the figures whose indicators will be looked up, the signal and
    group phrases are only looked for in the clauses around them (a few
    tenths of a page): the lookups give the same results."""
    cb = load_codebook()
    breaks = char_positions(clean, _BREAK_CHARS)
    clause_breaks = _quoted_breaks(clean, _merged(breaks, CLAUSE_END))
    windows = None if spans is None else _clause_windows(spans, clause_breaks, clean)
    signals = _phrase_matches(cb.signal_rx, clean, windows, cb.signal_max_len)
    signals.sort(key=BY_END)
    groups = _phrase_matches(cb.group_rx, clean, windows, cb.group_max_len)
    groups.sort(key=BY_END)
    lines = clean.split("\n")
    para_starts = [0]
    headings = []
    year_openers = []
    full_year = cb.full_year_words
    pos = 0
    for line in lines:
        if _is_heading(line):
            headings.append(pos)
        elif full_year and line.lstrip().startswith(full_year):
            year_openers.append(pos)
        pos += len(line) + 1
        para_starts.append(pos)
    para_starts.pop()
    clause_breaks_list = clause_breaks
    if "、" in breaks:
        clause_breaks_list = _quoted_breaks(clean, sorted(clause_breaks + breaks["、"]))
    return PageIndex(
        clause_breaks=clause_breaks,
        clause_breaks_list=clause_breaks_list,
        sentence_breaks=_merged(breaks, SENTENCE_END),
        clean=clean,
        signals=signals,
        signal_ends=[s[1] for s in signals],
        groups=groups,
        group_ends=[g[1] for g in groups],
        para_starts=para_starts,
        headings=headings,
        year_openers=year_openers,
    )
