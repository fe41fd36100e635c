"""OCR text repair with an offset map back to the raw page text.

Extraction never works on the raw page: OCR puts spaces inside words and
numbers (``就 业 率 达``, ``1789 人``), wraps lines in the middle of a figure
(``5266万\\n元``) and mixes full-width digits (``１２３４万元``).  ``repair``
builds a *clean view* of the text in which those artefacts are gone, plus
``raw_index[i]``: the index in the raw text of clean character ``i``.  Every
offset the extractors publish is mapped back through it, so published offsets
always point into the original text.

Rules (each small and general, none about any particular page):

* Full-width ASCII (U+FF01..U+FF5E) becomes its half-width twin, the
  ideographic space becomes a space: one character for one character.
* Whitespace inside a line is dropped, except a single space kept between two
  ASCII letters/digits (so ``in 2022`` stays two words and ``1 800`` two
  numbers).
* A line break is *soft* (dropped: the line was wrapped by the layout) when the
  line before it is long, i.e. at least ``SOFT_BREAK_RATIO`` of the page's
  typical line length, or ends inside a figure (a digit or a number word
  followed by its unit on the next line).  Otherwise it is *hard* and kept as a
  single ``\\n``: a heading, a byline or the end of a paragraph, which must not
  glue to the next line.
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass

#: A line at least this fraction of the typical (median) line length is a
#: wrapped line, so the break after it is soft.
SOFT_BREAK_RATIO = 0.6

#: Characters that close a sentence: a break after them is always hard.
SENTENCE_END = "。！？!?；;：:…"

_ASCII_ALNUM = re.compile(r"[0-9A-Za-z]")
_DIGITISH = re.compile(r"[0-9.．0-9０-９一二三四五六七八九十百千万亿两零〇]")


def normalize_char(ch: str) -> str:
    """Map one character to its normalized form (always one character)."""
    code = ord(ch)
    if 0xFF01 <= code <= 0xFF5E:
        return chr(code - 0xFEE0)
    if ch in "\u3000\u00a0\u2002\u2003\u2009\u200b\ufeff\t\r\f\v":
        return " "
    return ch


@dataclass(frozen=True)
class Repaired:
    """The clean view of a raw text and the map back to raw offsets."""

    raw: str
    clean: str
    raw_index: tuple[int, ...]  # len(clean) + 1 entries; the last is len(raw)

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """Raw (start, end) of the clean span [start, end), end exclusive."""
        if end <= start:
            return self.raw_index[start], self.raw_index[start]
        return self.raw_index[start], self.raw_index[end - 1] + 1

    def raw_text(self, start: int, end: int) -> str:
        """The raw characters behind the clean span (OCR noise included)."""
        s, e = self.raw_span(start, end)
        return self.raw[s:e]

    def display_text(self, start: int, end: int) -> str:
        """The clean span with the page's own characters (full-width
        punctuation kept), for human-readable columns such as ``context``."""
        return "".join(
            c if c in " \n" else self.raw[self.raw_index[i]]
            for i, c in enumerate(self.clean[start:end], start)
        )

    def clean_pos(self, raw_pos: int) -> int:
        """Clean index of the first clean character at or after ``raw_pos``."""
        import bisect

        return bisect.bisect_left(self.raw_index, raw_pos, 0, len(self.clean))


def _typical_line_length(lines: list[str]) -> float:
    lengths = [len(line.strip()) for line in lines if line.strip()]
    if not lengths:
        return 0.0
    return float(statistics.median(lengths))


def _break_is_soft(prev_line: str, next_line: str, typical: float) -> bool:
    prev = prev_line.rstrip()
    nxt = next_line.lstrip()
    if not prev or not nxt:
        return False
    last = normalize_char(prev[-1])
    if last in SENTENCE_END:
        return False
    # A figure cut by the line break (``5266万`` / ``元``, ``151`` / ``家``).
    if _DIGITISH.match(last) and not _ASCII_ALNUM.match(normalize_char(nxt[0])):
        return True
    return len(prev.strip()) >= SOFT_BREAK_RATIO * typical


def repair(raw: str) -> Repaired:
    """Build the clean view of ``raw`` (see the module docstring)."""
    # Split into lines while remembering where each starts in the raw text.
    lines: list[tuple[int, str]] = []
    pos = 0
    for line in raw.splitlines(keepends=True):
        lines.append((pos, line))
        pos += len(line)
    content = [line.rstrip("\r\n") for _, line in lines]
    typical = _typical_line_length(content)

    # Find the non-blank lines and whether the break after each is soft.
    nonblank = [i for i, text in enumerate(content) if text.strip()]
    soft_after: dict[int, bool] = {}
    for a, b in zip(nonblank, nonblank[1:]):
        soft_after[a] = _break_is_soft(content[a], content[b], typical)

    out: list[str] = []
    index: list[int] = []
    pending_break: int | None = None  # raw index of a hard break to emit
    for i in nonblank:
        start, _ = lines[i]
        text = content[i]
        if pending_break is not None and out:
            out.append("\n")
            index.append(pending_break)
        pending_break = None
        prev_kept: str | None = None
        pending_space: int | None = None
        for j, ch in enumerate(text):
            norm = normalize_char(ch)
            if norm == " ":
                if pending_space is None:
                    pending_space = start + j
                continue
            if (
                pending_space is not None
                and prev_kept is not None
                and _ASCII_ALNUM.match(prev_kept)
                and _ASCII_ALNUM.match(norm)
            ):
                out.append(" ")
                index.append(pending_space)
            pending_space = None
            out.append(norm)
            index.append(start + j)
            prev_kept = norm
        if not soft_after.get(i, False):
            pending_break = start + len(text)
    index.append(len(raw))
    return Repaired(raw=raw, clean="".join(out), raw_index=tuple(index))
