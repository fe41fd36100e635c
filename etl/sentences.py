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


def split_sentences(clean: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    start = 0
    depth = 0
    pending_end = -1  # a sentence mark seen inside quotes

    def close(end: int) -> None:
        nonlocal start
        # Trim whitespace at both ends; skip empty spans.
        s, e = start, end
        while s < e and clean[s].isspace():
            s += 1
        while e > s and clean[e - 1].isspace():
            e -= 1
        if e > s:
            spans.append((s, e))
        start = end

    for m in _MARKS.finditer(clean):
        ch = m.group()
        pos = m.start()
        if ch == "\n":
            close(pos)
            start = pos + 1
            depth = 0
            pending_end = -1
        elif ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            if depth:
                depth -= 1
            if depth == 0 and pending_end == pos:
                close(pos + 1)
            pending_end = -1
        else:  # a sentence mark
            if depth == 0:
                end = pos + 1
                # Keep a closing quote that directly follows with the sentence.
                if end < len(clean) and clean[end] in _CLOSE:
                    end += 1
                if end > start:
                    close(end)
            else:
                pending_end = pos + 1
    close(len(clean))
    return spans
