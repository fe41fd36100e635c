"""The figures extractor: every statistical figure (a number with its unit).

This module scans a page and turns its candidates into the page's figures
(dropping those inside dates and exclusions; offsets, contexts).  The other
parts: the regular expressions are in ``etl.extract.figure_patterns``;
reading one candidate (its number, unit and qualifier, and most of the rules
below) is ``etl.extract.figure_candidates``; the bare 万/亿 numbers before a
counted noun or alone in brackets are ``etl.extract.figure_bare``.

One compiled regular expression, built from the vocabularies in
``schemas/vocab`` (see ``etl.extract.rules``), scans the clean text of a page once.
Each candidate is then checked by a few general rules:

* the number is parsed by ``etl.extract.numerals`` (Arabic, Chinese, mixed, with
  万/亿 multiplied out); 2-digit Chinese runs (两三个, 五六万) are vague
  amounts, not numbers;
* a lone Chinese 一 with a classifier is the indefinite article (一条视频,
  一个措施) unless a qualifier makes it a quantity (不到一个月); a lone 零/〇
  is never a figure;
* a year-sized whole number before 年 (2022年, 二〇二二年) is a date;
  bare 月/日/号 are never units (durations use 个月 and 天);
* a bare 百/千/万/亿 reads as 一百/一千/… only after a qualifier word (逾千万人次,
  近百名, 上万人: ``上`` is a ``magnitude`` qualifier, one only before such a
  bare magnitude) or before 余/多 (百余人); elsewhere it is a word (百日千万);
* a financial numeral (壹贰叁…玖拾佰仟) counts only in a run of them or alone
  before a money unit (伍元): the 伍 ending 队伍/入伍 is no number;
* a number ending in 万/亿 without a measure word counts the noun a few
  characters after it when ``counted_nouns.csv`` lists it (3.1万新生代农民工:
  person); alone in brackets, it takes the unit of the 万/亿 count just
  before it in its sentence (转移就业115.2万人,完成年度计划(120万));
* a qualifier may also follow a rate's basis (800元/亩以上, 3.2元/公斤左右);
* a decimal with three or more decimals before 年 is a list number glued to a
  year (``4.2023年``), not a duration;
* a number directly after another digit group and a space (``1 800人``) is
  not published: it may be the tail of a spaced-out number, and a dropped
  figure is better than a wrong one (letter-spaced digits such as
  ``3 2 0 0 元`` are joined by ``etl.extract.textrepair`` before this);
* numbers after 第, inside URLs, addresses, slogans, idioms and category
  labels (三类地区, 一、二类苗) are dropped (``exclusions.csv``), as are
  candidates overlapping ``exclude_spans`` (the dates found by the dates
  extractor).

Offsets: the scan works on clean offsets; ``char_start``/``char_end`` are
mapped back to the raw text, so ``surface == raw[char_start:char_end]``.

Speed (a page is a few milliseconds of CPU all told): a small anchor regex
that starts with a character class (so ``re`` skips at C speed) finds the few
positions where a figure may start, and the big regex is only *matched*
there; the common case (Arabic number + unit) is read without building the
group dict; matches inside a date are not interpreted; exclusions and
sentences are computed only for the lines that hold a candidate.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence

from etl.extract import rules
from etl.extract.figure_bare import _bare_magnitudes
from etl.extract.figure_candidates import _REJECTED, _Cand, _candidate, _general, _plain, _Reject
from etl.extract.figure_patterns import MAX_FIGURE_CHARS, compiled
from etl.extract.records import Figure, new_figure
from etl.extract.sentences import split_sentences
from etl.extract.textrepair import Repaired

_DIGIT_CHARS = frozenset("0123456789")


class TooManyFigures(Exception):
    """A page holds more figure candidates than its budget allows (raised
    as soon as the count is passed: memory stays bounded by the budget)."""


def _scan(clean: str, skip: Sequence[tuple[int, int]] = (), limit: int | None = None) -> list[_Cand]:
    """Candidates left to right, never overlapping.  ``skip``: sorted clean
    spans (the dates) whose figures are dropped anyway: a match that lies
    inside one is not interpreted at all.  ``limit``: raise
    ``TooManyFigures`` past that many candidates."""
    comp = compiled()
    out: list[_Cand] = []
    pos = 0
    match = comp.full.match
    # skip[k] = (skip_start, skip_end): the first span that ends after the
    # current position (none: both beyond any offset).
    k, n_skip = 0, len(skip)
    skip_start, skip_end = skip[0] if n_skip else (_FAR, _FAR)
    # Long runs of number characters, as (start, end) in order: a position
    # inside one (after its first) starts no figure, and a match longer than
    # a figure can be is none; so each position costs at most a figure's
    # length, and a page costs time linear in its length.
    runs = iter([r.span() for r in comp.long_run.finditer(clean)] + [(_FAR, _FAR)])
    run_start, run_end = next(runs)
    for m0 in comp.anchor.finditer(clean):
        at = m0.start()
        if at < pos:
            continue
        while run_end <= at:
            run_start, run_end = next(runs)
        if run_start < at:
            continue
        m = match(clean, at)
        if m is None:
            continue
        if m.end() - at > MAX_FIGURE_CHARS:
            pos = at + 1
            continue
        if at >= skip_end:
            while k < n_skip and skip[k][1] <= at:
                k += 1
            skip_start, skip_end = skip[k] if k < n_skip else (_FAR, _FAR)
        if skip_start <= at and m.end() <= skip_end:
            pos = m.end()
            continue
        cand = None
        try:
            cand = _plain(m, clean)
            if cand is None:
                cand = _general(m, clean)
            elif cand is _REJECTED:  # (a plain match: no separator to retry after)
                pos = m.end()
                continue
        except _Reject:
            if m.group("sep") or m.group("psep") or m.group("csep"):
                m2 = comp.simple.match(clean, at)
                if m2 is not None:
                    try:
                        cand = _candidate(m2, clean)
                    except _Reject:
                        cand = None
                    if cand is not None:
                        out.append(cand)
                        pos = max(cand.end, at + 1)
                        continue
                    # Nothing at the start: look again right after the separator.
                    pos = m.end("sep") if m.group("n1") and m.group("sep") else at + 1
                    continue
            pos = m.end()
            continue
        out.append(cand)
        pos = max(cand.end, at + 1)
        if limit is not None and len(out) > limit:
            raise TooManyFigures(f"more than {limit} figure candidates")
    return out


def _overlaps(spans: list[tuple[int, int]], starts: list[int], s: int, e: int) -> bool:
    i = bisect.bisect_right(starts, e - 1)
    # spans are sorted by start; check the few that start before e
    for j in range(i - 1, -1, -1):
        a, b = spans[j]
        if b > s and a < e:
            return True
        if b <= s and j < i - 8:  # spans rarely nest deeply; stop early
            break
    return False


class _Line:
    """One line of the clean text, with its exclusion and sentence spans
    (computed on first use)."""

    __slots__ = ("lo", "hi", "start", "end", "ex_starts", "ex_ends", "ex_next", "_sent")

    def __init__(self, lo: int, hi: int, start: int, end: int) -> None:
        self.lo = lo  # the clean offsets that map to this line: lo <= pos < hi
        self.hi = hi
        self.start = start  # the line's text: clean[start:end]
        self.end = end
        # The line's exclusion spans found so far: every one starting
        # before ex_next.
        self.ex_starts: list[int] = []
        self.ex_ends: list[int] = []
        self.ex_next: int = start
        self._sent: tuple[list[tuple[int, int]], list[int]] | None = None


class _Lines:
    """Per-line facts computed only for the lines that hold a candidate
    (about a third of a page): exclusion spans and sentence spans.  Neither
    ever crosses a hard line break (no exclusion pattern matches a
    ``\\n``; a sentence ends at one), so a line's share equals what a scan
    of the whole page would find there.

    Candidates come left to right, so the line of the previous lookup is
    kept and reused while offsets stay inside it; another line's bounds are
    two ``str.find`` calls away (no list of every line break).  Exclusion
    spans (the costliest regex of the page: it tries its alternatives at
    every digit and at common characters such as 在/是/一) are looked for
    only just before each number looked up (see ``excluded``)."""

    def __init__(self, clean: str) -> None:
        self.clean = clean
        self._lines: dict[int, _Line] = {}  # by the line's start
        self._alphabet = rules.exclusion_alphabet()
        self._match_exclusion = rules.exclusion_regex().match
        self._last = _Line(0, -1, 0, 0)  # an empty range: the first lookup searches

    def line(self, pos: int) -> _Line:
        """The line holding clean offset ``pos`` (a ``\\n`` counts with the
        line after it)."""
        last = self._last
        if last.lo <= pos < last.hi:
            return last
        clean = self.clean
        a = clean.rfind("\n", 0, pos + 1) + 1
        got = self._lines.get(a)
        if got is None:
            b = clean.find("\n", pos + 1)
            got = self._lines[a] = _Line(
                a - 1 if a else 0, _FAR if b < 0 else b, a, len(clean) if b < 0 else b
            )
        self._last = got
        return got

    def excluded(self, pos: int) -> bool:
        """An exclusion span of ``pos``'s line contains ``pos``.  The spans
        are those of a scan of the whole line (left to right, no overlaps),
        found lazily: only those starting at or before ``pos`` are looked
        for, and from the last character before ``pos`` that no span can
        contain (see below)."""
        line = self._last
        if not line.lo <= pos < line.hi:
            line = self.line(pos)
        starts, ends = line.ex_starts, line.ex_ends
        if pos >= line.ex_next:
            alphabet = self._alphabet
            if alphabet is None:
                self._scan_whole_line(line)
            else:
                # Try each position up to pos, as a scan would; a span moves
                # the scan to its end.  Exclusion spans are never empty.
                match = self._match_exclusion
                clean = self.clean
                endpos = min(line.end + 1, len(clean))
                # Start right after the last character before pos that no
                # exclusion span can contain (``rules.exclusion_alphabet``:
                # no span crosses it, so a scan started after it finds what
                # the scan of the whole line finds there), or where the scan
                # stands (ex_next) when there is none after it.  Most numbers
                # have one a few characters before them, so a handful of
                # positions are tried instead of the whole line before it.
                floor = line.ex_next
                at = pos - 1
                while at >= floor and clean[at] in alphabet:
                    at -= 1
                at += 1
                while at <= pos:
                    m = match(clean, at, endpos)
                    if m is None:
                        at += 1
                    else:
                        starts.append(at)
                        at = m.end()
                        ends.append(at)
                line.ex_next = at
        i = bisect.bisect_right(starts, pos) - 1
        while i >= 0:
            if ends[i] > pos:
                return True
            if pos - starts[i] > 64:  # spans are short: stop looking back
                return False
            i -= 1
        return False

    def _scan_whole_line(self, line: _Line) -> None:
        """All the line's spans at once (when no character is known to be
        outside every span: ``rules.exclusion_alphabet`` is None)."""
        for m in rules.exclusion_regex().finditer(
            self.clean, line.start, min(line.end + 1, len(self.clean))
        ):
            s, e = m.span()
            if e > s:
                line.ex_starts.append(s)
                line.ex_ends.append(e)
        line.ex_next = _FAR

    def sentences(self, start: int, end: int) -> tuple[list[tuple[int, int]], list[int]]:
        """Sentence spans (and their starts) around the clean span."""
        line = self._last
        if not line.lo <= start < line.hi:
            line = self.line(start)
        a, b = line.start, line.end
        if end > b:  # crosses a line break (never, in practice): whole page
            spans = split_sentences(self.clean)
            return spans, [s for s, _ in spans]
        got = line._sent
        if got is None:
            spans = split_sentences(self.clean, a, b)
            got = line._sent = (spans, [s for s, _ in spans])
        return got


#: Beyond any clean offset (the last line's upper bound); an int, like the
#: offsets it bounds.
_FAR = 1 << 60


#: A length after one of these words is a speed (``设计时速100公里``): the
#: vocabulary has no speed unit, so it is published as ``other``, never km/m.
SPEED_WORDS = re.compile(r"(?:时速|车速|航速|风速|速度|最高速度)(?:为|达|达到|约|可达|超过|不超过)?$")
_LENGTH_UNITS = frozenset({"km", "m"})


#: A figure's context is its sentence, unless the sentence is longer than
#: this: then the clause around the figure within CONTEXT_REACH characters
#: on each side (or just that window, in a run-on text without
#: punctuation).  Without a bound a page of figures without punctuation
#: published its whole text once per figure: output the square of the page.
MAX_CONTEXT_CHARS = 200
CONTEXT_REACH = 60
_CLAUSE_MARK = re.compile(r"[，,；;：:、。！？!?\n]")


def _clause_around(clean: str, cs: int, ce: int, start: int, end: int) -> tuple[int, int]:
    """The clause of the sentence ``clean[cs:ce]`` that holds the figure
    ``clean[start:end]``, cut to CONTEXT_REACH characters on each side."""
    lo = max(cs, start - CONTEXT_REACH)
    hi = min(ce, end + CONTEXT_REACH)
    marks_before = [m.end() for m in _CLAUSE_MARK.finditer(clean, lo, start)]
    if marks_before:
        lo = marks_before[-1]
    mark_after = _CLAUSE_MARK.search(clean, end, hi)
    if mark_after:
        hi = mark_after.start()
    return lo, hi


def extract_figures(
    repaired: Repaired, exclude_spans: Iterable[tuple[int, int]] = (), max_candidates: int | None = None
) -> list[Figure]:
    """Every figure of the page, sorted by ``char_start``.

    ``exclude_spans`` are clean (start, end) spans, e.g. the dates: a figure
    overlapping one of them is not emitted.  ``max_candidates``: raise
    ``TooManyFigures`` when the page holds more candidates than that.
    """
    clean = repaired.clean
    spans = sorted((int(s), int(e)) for s, e in exclude_spans)
    cands = _bare_magnitudes(clean, _scan(clean, spans, max_candidates))
    if not cands:
        return []
    lines = _Lines(clean)
    span_starts = [s for s, _ in spans]
    # Dates never overlap one another: then the span just before a figure's
    # end is the only one it can overlap (one bisection, no walk back).
    disjoint = all(spans[k][1] <= spans[k + 1][0] for k in range(len(spans) - 1))
    excluded = lines.excluded
    sentence_spans = lines.sentences
    raw_span = repaired.raw_span
    run_span = repaired.raw_index.span  # raw_span's own path for a non-empty span
    raw = repaired.raw
    display_text = repaired.display_text
    out: list[Figure] = []
    contexts: dict[tuple[int, int], str] = {}
    for c in cands:
        ns = c.num_start
        if ns >= 2 and clean[ns - 1] == " " and clean[ns - 2] in _DIGIT_CHARS:
            continue  # 1 800人: the number may be the tail of a spaced-out one
        start, end = c.start, c.end
        if spans:
            if disjoint:
                i = bisect.bisect_right(span_starts, end - 1)
                if i and spans[i - 1][1] > start:
                    continue
            elif _overlaps(spans, span_starts, start, end):
                continue
        if excluded(ns):  # an exclusion span holds the number's first character
            continue
        sentences, sent_starts = sentence_spans(start, end)
        k = bisect.bisect_right(sent_starts, start) - 1
        if k >= 0 and sentences[k][1] >= end:
            cs, ce = sentences[k]
        else:
            cs, ce = start, end
            if k >= 0:
                cs = min(cs, sentences[k][0])
            j = bisect.bisect_left(sent_starts, end)
            if 0 < j <= len(sentences):
                ce = max(ce, sentences[j - 1][1])
        if ce - cs > MAX_CONTEXT_CHARS:
            cs, ce = _clause_around(clean, cs, ce, start, end)
        context = contexts.get((cs, ce))
        if context is None:
            context = contexts[cs, ce] = display_text(cs, ce)
        unit = c.unit
        if unit in _LENGTH_UNITS and SPEED_WORDS.search(clean, max(0, start - 6), start):
            unit = "other"
        rs, re_ = run_span(start, end) if start < end else raw_span(start, end)
        value_max = c.value_max
        out.append(
            new_figure(
                rs, re_, raw[rs:re_], float(c.value), unit, c.unit_raw, c.qualifier, context,
                None if value_max is None else float(value_max), c.per, start, end,
            )
        )
    out.sort(key=lambda f: (f.char_start, f.char_end))
    return out
