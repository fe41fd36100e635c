"""OCR text repair with an offset map back to the raw page text.

Extraction never works on the raw page: OCR puts spaces inside words and
numbers (``就 业 率 达``, ``1789 人``, ``3 2 0 0 元``), wraps lines in the
middle of a figure (``5266万\\n元``) and mixes full-width digits
(``１２３４万元``).  ``repair`` builds a *clean view* of the text in which those
artefacts are gone, plus ``raw_index[i]``: the index in the raw text of clean
character ``i``.  Every offset the extractors publish is mapped back through
it, so published offsets always point into the original text.  The clean text
is a subsequence of the normalized raw text (one character for one character,
see below): repair only ever *drops* characters, never inserts or moves any.

Rules (each small and general, none about any particular page):

* Full-width ASCII (U+FF01..U+FF5E) becomes its half-width twin, the
  ideographic space (and other odd spaces, tabs) a space, every line separator
  (``\\r``, ``\\v``, ``\\f``, U+2028, ...) a ``\\n``, and a traditional character
  its simplified form where that is one character (``schemas/vocab/traditional_chars.csv``:
  城鎮新增就業 reads as 城镇新增就业, so the vocabulary matches pages of either script):
  one character for one character (:data:`NORMALIZE`).
* A pinyin gloss after a character (``就業(yè)``, ``穩定(dìng)``: a tone-marked
  syllable in round brackets) is dropped: the words read as if it were absent.
* Whitespace inside a line is dropped, except a single space kept between two
  ASCII letters/digits (so ``in 2022`` stays two words and ``1 800`` two
  numbers), with two exceptions:

  - *letter-spaced digits*: single-character digit tokens separated by single
    spaces are one number (``3 2 0 0 元`` is ``3200元``, ``9 7 . 3 %`` is
    ``97.3%``); a group of two or more digits is never joined to its
    neighbour (``1 800``, ``12 3``);
  - *list numbering*: at the start of a line, the space after ``4.`` / ``4．``
    is kept when a number follows (``4. 2023年3月``), so the list number is
    never read as the integer part of a decimal.

* A line break (with the blank lines after it) is *soft* (dropped: the line
  was wrapped by the layout, a photo or a column) or *hard* (kept as a single
  ``\\n``: a heading, a byline, a list item or the end of a paragraph, which
  must not glue to the next line).  After sentence punctuation
  (:data:`SENTENCE_END`) a break is always hard.  Otherwise it is soft when

  1. it cuts a figure: the line ends in a digit or a number word and the next
     line does not start with an ASCII letter/digit (``5266万`` / ``元``);
  2. the line is long: at least :data:`SOFT_BREAK_RATIO` of the page's typical
     (median) line length -- unless the next line starts a numbered list item
     (``4. 2023年…``);
  3. the next line starts with punctuation no line starts with (``，``, ``”``);
  4. it cuts a word of :func:`cut_words` (qualifiers ``超\\n过``, relative dates
     ``去\\n年``, multi-character units ``批\\n次``) or a date
     (``2020 年`` / ``6 月``, ``11月`` / ``16日``);
  5. the line is visibly unfinished: it leaves a quote or bracket open
     (``“去``), or it continues a paragraph (the break before it was soft)
     and contains a clause comma (``…12.5万元，带动就业超``).  A short line
     with a comma right after a hard break may be a heading
     (``稳就业，保民生``) and is not joined to what follows.

  Rules 3-5 also give way to a numbered list item on the next line.  A short
  line that none of these rules claims (``阵地前移``, ``文/贺娜 姚兰``) is a
  heading or a byline: the break after it is hard.

Offsets: ``raw_index`` is a :class:`RawIndex`, a lazy sequence over the runs
of kept characters (building a tuple of every offset would cost more than the
repair itself); ``display`` is the clean text with the raw characters.

Speed: every pass is a regular expression or a C-level string method; Python
code runs once per line break (not per character), and does real work only
for short lines.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import accumulate, chain
from operator import sub  # (faster than int.__sub__ in map)

from etl.extract import rules
from etl.extract.rules import literal_alternation

#: A line at least this fraction of the typical (median) line length is a
#: wrapped line, so the break after it is soft.
SOFT_BREAK_RATIO = 0.6

#: Characters that close a sentence: a break after them is always hard.
SENTENCE_END = "。！？!?；;：:…"

#: Characters a line never starts with: a break before them is soft.
NO_LINE_START = "，,、。.；;：:！!？?”’）)》」』】"

#: A short line containing one of these, in the middle of a paragraph, is a
#: clause cut by the layout, not a heading.
CLAUSE_MARKS = "，,"

#: Opening/closing pairs: a line that leaves one open is not finished.
BRACKET_PAIRS = ("“”", "‘’", "()", "《》", "「」", "『』", "【】")

# Any opening character of BRACKET_PAIRS (most lines have none: no counting).
_OPENERS = re.compile("[" + "".join(re.escape(pair[0]) for pair in BRACKET_PAIRS) + "]")

#: Date words a break may cut, besides the qualifiers and units of the
#: vocabulary and the relative years of ``etl.extract.dates``.
DATE_WORDS = ("上半年", "下半年", "季度", "年度", "月份", "以来")

#: Spaces and line separators (normalized to `` `` and ``\\n``).
INLINE_SPACES = "\u3000\u00a0\u2002\u2003\u2009\u200b\ufeff\t"
LINE_SEPARATORS = "\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"

@functools.cache
def _traditional_chars() -> dict[str, str]:
    """Traditional characters -> simplified (``schemas/vocab/traditional_chars.csv``)."""
    import csv

    path = rules.VOCAB_DIR / "traditional_chars.csv"
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    for r in rows:
        if len(r.get("traditional") or "") != 1 or len(r.get("simplified") or "") != 1:
            raise ValueError(f"{path}: a row that does not map one character to one: {r}")
    return {r["traditional"]: r["simplified"] for r in rows}


#: Full-width ASCII -> half-width, odd spaces -> space, line separators ->
#: ``\\n``, traditional characters -> simplified (so that the vocabulary,
#: written in simplified characters, reads 城鎮新增就業 as 城镇新增就业):
#: always one character for one character.
NORMALIZE = str.maketrans(
    {
        **_traditional_chars(),
        **{chr(c): chr(c - 0xFEE0) for c in range(0xFF01, 0xFF5F)},
        **{c: " " for c in INLINE_SPACES},
        **{c: "\n" for c in LINE_SEPARATORS},
    }
)

_SIMPLIFIED = str.maketrans(_traditional_chars())
_TRADITIONAL_FINDER = re.compile("[" + "".join(sorted(map(re.escape, _traditional_chars()))) + "]")


def to_simplified(text: str) -> str:
    """``text`` with its traditional characters simplified as the repair
    does (one character for one): for texts quoted as written."""
    return text.translate(_SIMPLIFIED) if _TRADITIONAL_FINDER.search(text) else text


_NORMALIZED = {chr(k): v for k, v in NORMALIZE.items()}
#: The characters ``_normalize`` changes.
_NEEDS_NORMALIZING = frozenset(c for c in _NORMALIZED if c != "\n")
#: Those whose normalized form is itself changed by ``NORMALIZE`` (a variant
#: of a traditional character mapped to that character: 薴 -> 苧 -> 苎).
#: ``str.translate`` maps each character once; replacing them one after the
#: other would map them twice.
_CHAINED = frozenset(c for c in _NEEDS_NORMALIZING if _NORMALIZED[c] in _NEEDS_NORMALIZING)

# Characters normalized to a space or a line break (display keeps them so);
# not ``\n`` itself, which stays as it is.
_WHITESPACE_FINDER = re.compile(
    "[" + "".join(sorted(re.escape(c) for c, v in _NORMALIZED.items() if v in " \n" and c != v))
    + "]"
)

_DIGITISH = frozenset("0123456789.一二三四五六七八九十百千万亿两零〇")
_ASCII_ALNUM = frozenset("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
_DIGITS = frozenset("0123456789")

# A break region: the line break(s), blank lines and the spaces starting
# the next line.  (The spaces ending a line are dropped by _DROP_SPACES.)
_BREAK = re.compile(r"\n[ \n]*")

# Spaces inside or at the end of a line that are dropped (see the module
# docstring).  Each branch starts with the space itself, so ``re`` finds the
# spaces at C speed; lookbehinds then look at what comes before it.
_DROP_SPACES = re.compile(
    # a run after anything but an ASCII letter/digit
    r" (?<![0-9A-Za-z \n] ) *(?! )"
    # a run before anything but an ASCII letter/digit (or a line break)
    r"| (?<![ \n] ) *(?![0-9A-Za-z ])"
    # between two letters/digits: all but the first space
    r"| (?<=[0-9A-Za-z]  ) *(?=[0-9A-Za-z])"
    # letter-spaced digits: one space between two single-digit tokens
    r"| (?<=(?<![0-9.A-Za-z])[0-9] )(?=[0-9](?![0-9.A-Za-z]))"
)

# A list number at the start of a line followed by a number: ``4. 2023年``.
_LIST_NUMBER = re.compile(r"[0-9]{1,3}\. +(?=[0-9])")
# A numbered list item starts the line: ``4. ``, ``2、``, ``(3)``, ``一、``.
_LIST_ITEM = re.compile(
    r"(?:[0-9]{1,2}[.、)](?![0-9])|\([0-9一二三四五六七八九十]{1,3}\)|[一二三四五六七八九十]{1,3}、)"
)
_ARABIC_LIST_ITEM = re.compile(r"[0-9]{1,2}[.、)](?![0-9])")

_CN_MONTH = r"(?:1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])"
_CN_DAY = r"(?:3[01]|[12][0-9]|0?[1-9]|三十一?|二?十[一二三四五六七八九]?|[一二三四五六七八九])"
#: A date cut by the break: ``2020 年`` / ``6 月``, ``11月`` / ``16日``.
_DATE_CUTS = (
    (re.compile(r"(?:[0-9]{4}|[〇零○一二三四五六七八九]{4})年$"), re.compile(_CN_MONTH + "月")),
    (re.compile(_CN_MONTH + "月$"), re.compile(_CN_DAY + "[日号]")),
)


@functools.cache
def cut_words() -> tuple[str, ...]:
    """Words a soft break may cut: every multi-character qualifier and unit of
    the vocabulary (``schemas/vocab``) and the date words (relative years,
    :data:`DATE_WORDS`)."""
    words = {q.word for q in rules.qualifiers()}
    words |= {u.unit_raw for u in rules.units() if not u.unit_raw.startswith("/")}
    words |= set(rules.RELATIVE_YEARS) | set(DATE_WORDS)
    return tuple(sorted((w for w in words if len(w) >= 2), key=len, reverse=True))


@functools.cache
def _cut_words_re() -> re.Pattern[str]:
    """At each position, the longest word of :func:`cut_words` starting
    there (group 1).  The alternation is factored by first character
    (``rules.literal_alternation``: ``超(?:过|出|)|…``), so the engine tests
    one branch per distinct first character instead of every word; a longer
    word is tried before its prefix, so the longest one wins."""
    return re.compile("(?=(" + literal_alternation(list(cut_words())) + "))")


def normalize_char(ch: str) -> str:
    """Map one character to its normalized form (always one character)."""
    return ch.translate(NORMALIZE)


class RawIndex(Sequence[int]):
    """``raw_index`` without building it: clean offset ``i`` -> raw offset,
    found by bisection in the runs of kept characters (a page has a few
    hundred runs; a tuple of every offset would cost more than the repair).
    ``len(clean) + 1`` entries, the last one ``len(raw)``; behaves as a
    read-only sequence of ints (indexing, slicing, iteration, ``==``)."""

    __slots__ = ("raw_starts", "raw_ends", "clean_starts", "size", "raw_len")

    def __init__(self, raw_starts: list[int], raw_ends: list[int], raw_len: int) -> None:
        self.raw_starts = raw_starts
        self.raw_ends = raw_ends
        self.clean_starts = [0, *accumulate(map(sub, raw_ends, raw_starts))]
        self.size = self.clean_starts.pop()  # len(clean)
        self.raw_len = raw_len

    @classmethod
    def of(cls, offsets: Sequence[int], raw_len: int) -> RawIndex:
        """From explicit raw offsets (one per clean character)."""
        starts: list[int] = []
        ends: list[int] = []
        for r in offsets:
            if ends and ends[-1] == r:
                ends[-1] = r + 1
            else:
                starts.append(r)
                ends.append(r + 1)
        return cls(starts, ends, raw_len)

    def __len__(self) -> int:
        return self.size + 1

    def __getitem__(self, i):  # type: ignore[override]
        if isinstance(i, slice):
            return tuple(self)[i]
        if i < 0:
            i += self.size + 1
        if not 0 <= i <= self.size:
            raise IndexError("raw index out of range")
        if i == self.size:
            return self.raw_len
        k = bisect.bisect_right(self.clean_starts, i) - 1
        return self.raw_starts[k] + i - self.clean_starts[k]

    def __iter__(self) -> Iterator[int]:
        yield from chain.from_iterable(map(range, self.raw_starts, self.raw_ends))
        yield self.raw_len

    def __eq__(self, other: object) -> bool:
        if isinstance(other, RawIndex):
            return (self.raw_starts, self.raw_ends, self.raw_len) == (
                other.raw_starts, other.raw_ends, other.raw_len)
        if isinstance(other, Sequence):
            return tuple(self) == tuple(other)
        return NotImplemented

    def __hash__(self) -> int:
        return hash((tuple(self.raw_starts), tuple(self.raw_ends), self.raw_len))

    def __repr__(self) -> str:
        return f"RawIndex({list(self)!r})"

    def span(self, start: int, end: int) -> tuple[int, int]:
        """``(self[start], self[end - 1] + 1)`` for ``start < end``, with
        one bisection when both ends lie in the same run of kept
        characters (the common case: a figure or a date is rarely cut)."""
        clean_starts = self.clean_starts
        if not 0 <= start < end <= self.size:
            return self[start], self[end - 1] + 1
        k = bisect.bisect_right(clean_starts, start) - 1
        run_start = clean_starts[k]
        raw_start = self.raw_starts[k]
        last = end - 1
        if k + 1 == len(clean_starts) or last < clean_starts[k + 1]:
            return raw_start + start - run_start, raw_start + last - run_start + 1
        j = bisect.bisect_right(clean_starts, last, k + 1) - 1
        return raw_start + start - run_start, self.raw_starts[j] + last - clean_starts[j] + 1

    def clean_pos(self, raw_pos: int) -> int:
        """Clean index of the first clean character at or after ``raw_pos``."""
        k = bisect.bisect_right(self.raw_starts, raw_pos) - 1
        if k < 0:
            return 0
        if raw_pos < self.raw_ends[k]:
            return self.clean_starts[k] + raw_pos - self.raw_starts[k]
        return self.clean_starts[k] + self.raw_ends[k] - self.raw_starts[k]


@dataclass(frozen=True)
class Repaired:
    """The clean view of a raw text and the map back to raw offsets."""

    raw: str
    clean: str
    #: ``raw_index[i]`` is the raw offset of clean character ``i``;
    #: ``len(clean) + 1`` entries, the last is ``len(raw)`` (a :class:`RawIndex`;
    #: any sequence of ints is accepted and converted).
    raw_index: RawIndex

    def __post_init__(self) -> None:
        if not isinstance(self.raw_index, RawIndex):
            object.__setattr__(self, "raw_index", RawIndex.of(self.raw_index[:-1], len(self.raw)))

    @functools.cached_property
    def display(self) -> str:
        """The clean text with the page's own characters (full-width
        punctuation kept; spaces and line breaks as in ``clean``): character
        ``i`` is the raw character behind clean character ``i``."""
        ri = self.raw_index
        text = "".join([self.raw[a:b] for a, b in zip(ri.raw_starts, ri.raw_ends)])
        return _replace_each(_WHITESPACE_FINDER, text)

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """Raw (start, end) of the clean span [start, end), end exclusive."""
        if end <= start:
            return self.raw_index[start], self.raw_index[start]
        return self.raw_index.span(start, end)

    def raw_text(self, start: int, end: int) -> str:
        """The raw characters behind the clean span (OCR noise included)."""
        s, e = self.raw_span(start, end)
        return self.raw[s:e]

    def display_text(self, start: int, end: int) -> str:
        """The clean span with the page's own characters (full-width
        punctuation kept), for human-readable columns such as ``context``:
        ``display[start:end]``.  While ``display`` is not built, only the
        raw runs behind the span are joined (a page's contexts cover about a
        quarter of it: building ``display`` would join every run)."""
        if "display" in self.__dict__ or not 0 <= start < end <= len(self.clean):
            return self.display[start:end]
        ri = self.raw_index
        clean_starts, raw_starts = ri.clean_starts, ri.raw_starts
        raw = self.raw
        first = bisect.bisect_right(clean_starts, start) - 1  # the runs holding
        last = bisect.bisect_right(clean_starts, end - 1, first) - 1  # start, end - 1
        head = raw_starts[first] + start - clean_starts[first]
        if first == last:
            text = raw[head : head + end - start]
        else:
            parts = [raw[head : ri.raw_ends[first]]]
            parts += [raw[a:b] for a, b in zip(raw_starts[first + 1 : last], ri.raw_ends[first + 1 : last])]
            parts.append(raw[raw_starts[last] : raw_starts[last] + end - clean_starts[last]])
            text = "".join(parts)
        # Spaces and line breaks as ``display`` has them (one for one).
        return _replace_each(_WHITESPACE_FINDER, text)

    def clean_pos(self, raw_pos: int) -> int:
        """Clean index of the first clean character at or after ``raw_pos``."""
        return self.raw_index.clean_pos(raw_pos)


def _squeeze(s: str) -> str:
    return s.replace(" ", "")


#: The first characters of a month or a day (``_CN_MONTH``, ``_CN_DAY``):
#: what the second half of a cut date starts with.
_MONTH_DAY_FIRSTS = "0123456789一二三四五六七八九十"


@functools.cache
def _continuations() -> frozenset[str]:
    """Characters the line after a break starts with when the break cuts a
    word or a date: a later (not first) character of a word of
    :func:`cut_words`, or a month's or day's first character."""
    return frozenset({c for w in cut_words() for c in w[1:]} | set(_MONTH_DAY_FIRSTS))


def _cuts_a_word(prev: str, nxt: str) -> bool:
    """The text across the break forms a vocabulary word or a date."""
    head = _squeeze(nxt[:12])[:6]
    if not head or head[0] not in _continuations():
        return False  # most breaks: no word or date goes on after it
    tail = _squeeze(prev[-12:])[-6:]
    k = len(tail)
    for m in _cut_words_re().finditer(tail + head, max(0, k - 5)):
        if m.start() >= k:
            break
        if m.start() + len(m.group(1)) > k:
            return True
    for before, after in _DATE_CUTS:
        if before.search(tail) and after.match(head):
            return True
    return False


def _short_break_is_soft(prev: str, nxt: str, joined: bool = True) -> bool:
    """Rules 3-5 of the module docstring (a short line, no sentence end).
    ``joined``: the break before ``prev`` was soft, so ``prev`` continues a
    paragraph (a line after a hard break with only a comma in it may be a
    heading such as ``稳就业，保民生``)."""
    if _LIST_ITEM.match(nxt):
        return False
    if nxt[0] in NO_LINE_START or _cuts_a_word(prev, nxt):
        return True
    if _OPENERS.search(prev) and any(prev.count(pair[0]) > prev.count(pair[1]) for pair in BRACKET_PAIRS):
        return True
    return joined and any(c in prev for c in CLAUSE_MARKS)


def _normalize(raw: str) -> str:
    """``raw.translate(NORMALIZE)``, faster: the page's distinct characters
    (a set, built at C speed), then one ``str.replace`` per distinct
    character that needs normalizing (``str.translate`` goes through a dict
    lookup for every character of a CJK text; a search with a class of the
    ~3,300 characters of ``NORMALIZE`` costs more than the translation)."""
    needed = _NEEDS_NORMALIZING.intersection(set(raw))
    if not needed:
        return raw
    if not _CHAINED.isdisjoint(needed):
        return raw.translate(NORMALIZE)
    for ch in needed:  # (in any order: no replacement makes a character another one changes)
        raw = raw.replace(ch, _NORMALIZED[ch])
    return raw


def _replace_each(finder: re.Pattern[str], text: str) -> str:
    """``text`` with every character ``finder`` finds normalized.  Finds the
    next such character, replaces all its occurrences at once and looks on
    from there: one pass over the text plus one ``str.replace`` per distinct
    character (a ``findall`` would build a string per occurrence)."""
    search = finder.search
    m = search(text)
    while m is not None:
        ch = m.group()
        text = text.replace(ch, _NORMALIZED[ch])  # one for one: offsets stay
        m = search(text, m.end())
    return text


#: OCR reads a zero as the letter O inside a number: ``1O5人``, ``2OOO元``,
#: ``3O家``.  A run that starts with a digit (not glued to a letter, digit or
#: ``.`` before it), holds at least one ``O``/``o`` and is not followed by
#: an ASCII letter is a number: its O's become 0 (one character for one, so
#: offsets are unchanged).  Codes such as ``G5O`` or ``MP3O`` (a letter
#: before the digit) and words such as ``1OK`` are left alone.
_LETTER_O_IN_NUMBER = re.compile(r"(?<![0-9A-Za-z.])[0-9][0-9Oo]*[Oo][0-9Oo]*(?![0-9A-Za-z])")


def _zero_for_letter_o(norm: str) -> str:
    if "O" not in norm and "o" not in norm:
        return norm
    return _LETTER_O_IN_NUMBER.sub(lambda m: m.group().replace("O", "0").replace("o", "0"), norm)


def repair(raw: str) -> Repaired:
    """Build the clean view of ``raw`` (see the module docstring)."""
    norm = _zero_for_letter_o(_normalize(raw))
    size = len(norm)
    lo = size - len(norm.lstrip(" \n"))
    hi = len(norm.rstrip(" \n"))
    if lo >= hi:
        return Repaired(raw=raw, clean="", raw_index=RawIndex([], [], len(raw)))

    # Lines (stripped of their spaces) lie between the break regions.
    regions = [m.span() for m in _BREAK.finditer(norm, lo, hi)]
    starts = [lo, *[e for _, e in regions]]
    ends = [s for s, _ in regions]
    ends.append(hi)
    # A line ending in spaces ends before them (rare: found by one search
    # instead of a look at every line's end).
    for m in _SPACES_BEFORE_BREAK.finditer(norm, lo, hi):
        ends[bisect.bisect_left(ends, m.end())] = m.start()

    # Dropped spans: page margins, soft breaks, hard breaks but their first
    # "\n", and spaces inside lines.
    drops: list[tuple[int, int]] = [(0, lo), (hi, size)]
    if regions:
        lengths = sorted(map(sub, ends, starts))
        mid = len(lengths) // 2
        threshold = SOFT_BREAK_RATIO * (lengths[mid] + lengths[~mid]) / 2
        # Rules decided by the characters around the break and the length of
        # the line (True/False), in one pass; None: a short line, decided next.
        soft: list[bool | None] = [
            False if (last := norm[b - 1]) in SENTENCE_END
            else True if last in _DIGITISH and norm[c] not in _ASCII_ALNUM
            else (norm[c] not in _DIGITS or not _ARABIC_LIST_ITEM.match(norm, c, d))
            if b - a >= threshold
            else None
            for a, b, c, d in zip(starts, ends, starts[1:], ends[1:])
        ]
        for i, decided in enumerate(soft):
            if decided is None:
                joined = i > 0 and bool(soft[i - 1])
                soft[i] = _short_break_is_soft(
                    norm[starts[i] : ends[i]], norm[starts[i + 1] : ends[i + 1]], joined
                )
        drops += [(s if sf else s + 1, e) for (s, e), sf in zip(regions, soft)]
    spaces = [m.span() for m in _DROP_SPACES.finditer(norm, lo, hi)]
    if spaces:
        # Keep the space after a list number that starts a line (4. 2023年).
        # (Most pages have no digit, dot, space, digit at all: no walk over
        # the line starts.)
        for a in starts if _LIST_NUMBER_ANYWHERE.search(norm, lo, hi) else ():
            if norm[a] in _DIGITS and _LIST_NUMBER.match(norm, a):
                run = norm.index(".", a) + 1
                j = bisect.bisect_left(spaces, (run,))
                if j < len(spaces) and spaces[j][0] == run:
                    spaces[j] = (run + 1, spaces[j][1])
        drops += spaces
    if "(" in norm:
        drops += _pinyin_glosses(norm, lo, hi)
    drops.sort()

    # Keep what lies between the dropped spans.
    kept = [(a, b) for (_, a), (b, _) in zip(drops, drops[1:]) if b > a]
    clean = "".join([norm[a:b] for a, b in kept])
    keep_starts = [a for a, _ in kept]
    keep_ends = [b for _, b in kept]
    return Repaired(raw=raw, clean=clean, raw_index=RawIndex(keep_starts, keep_ends, len(raw)))


#: The spaces ending a line, before its break (``_BREAK`` starts at the
#: ``\n``): a space not after a space or a line break, up to the ``\n``.
#: (It starts with the space itself, so ``re`` skips to spaces at C speed.)
_SPACES_BEFORE_BREAK = re.compile(r" (?<![ \n] ) *(?=\n)")

#: A pinyin gloss some sites print after a character (城鎮(zhèn)新增就業(yè),
#: 崗(gǎng)位): a reading aid, no part of the words, dropped from the clean
#: text.  A syllable with a tone mark in round brackets right after a Han
#: character (spaces between allowed, as the repair drops them): ``(a)``,
#: ``(1)``, ``(GDP)`` are labels and abbreviations, kept.
#: (The pattern starts at the bracket, so ``re`` skips to brackets at C
#: speed; the character before is then looked at in Python.)
_PINYIN_GLOSS = re.compile(r"\([a-zü]{0,5}[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zü]{0,5}\)")


def _pinyin_glosses(norm: str, lo: int, hi: int) -> list[tuple[int, int]]:
    """The spans of the pinyin glosses in ``norm[lo:hi]``."""
    out = []
    for m in _PINYIN_GLOSS.finditer(norm, lo, hi):
        j = m.start() - 1
        while j >= lo and norm[j] == " ":
            j -= 1
        if j >= lo and "\u4e00" <= norm[j] <= "\u9fff":
            out.append(m.span())
    return out

#: What every list number followed by a number (``_LIST_NUMBER``) contains.
_LIST_NUMBER_ANYWHERE = re.compile(r"[0-9]\. +[0-9]")
