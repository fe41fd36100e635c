"""Sentence spans of a clean (repaired) text.

``split_sentences(clean)`` returns ``(start, end)`` clean offsets, end
exclusive, covering every sentence: a sentence ends after 。！？!?；; (and a
closing quote right after it) or at a hard line break ``\\n``.  A sentence
mark inside “…” / 「…」 does not end the sentence (quoted speech stays with
its attribution), unless the quote is left open until the line break.  The
spans never include the ``\\n`` itself and are never empty.
"""

from __future__ import annotations

import re

_ENDS = "。！？!?；;"
_OPEN = "“「『"
_CLOSE = "”」』"
_MARKS = re.compile(r"[。！？!?；;\n“”「」『』]")


def split_sentences(clean: str, begin: int = 0, stop: int | None = None) -> list[tuple[int, int]]:
    """The sentences of ``clean[begin:stop]`` (the whole text by default),
    split as if that were the whole text, with offsets into ``clean`` (no
    copy of the part, no shifting of its spans)."""
    spans: list[tuple[int, int]] = []
    append = spans.append
    start = begin
    depth = 0
    pending_end = -1  # a sentence mark seen inside quotes
    n = len(clean) if stop is None else stop
    for m in _MARKS.finditer(clean, begin, n):
        ch = m.group()
        pos = m.start()
        if ch in _ENDS:
            if depth:
                pending_end = pos + 1
                continue
            end = pos + 1
            # Keep a closing quote that directly follows with the sentence.
            if end < n and clean[end] in _CLOSE:
                end += 1
        elif ch == "\n":
            end = pos
            depth = 0
            pending_end = -1
        elif ch in _OPEN:
            depth += 1
            continue
        else:  # a closing quote
            if depth:
                depth -= 1
            if depth or pending_end != pos:
                pending_end = -1
                continue
            pending_end = -1
            end = pos + 1
        _append_trimmed(clean, start, end, append)
        start = pos + 1 if ch == "\n" else end
    _append_trimmed(clean, start, n, append)
    return spans


def _append_trimmed(clean: str, s: int, e: int, append) -> None:
    """Append the span [s, e) without surrounding whitespace, unless empty."""
    while s < e and clean[s].isspace():
        s += 1
    while e > s and clean[e - 1].isspace():
        e -= 1
    if e > s:
        append((s, e))
