"""The headings of a page: short unpunctuated lines (titles, menus, captions,
datelines of a web page) that the text repair joins to the paragraph after
them, where they would read as its opening.  ``structure`` sets them apart
(offsets unchanged); ``is_header`` tells the header before an article's lead.

Split out of ``etl.semantic.visit_events`` (which sentences tell a visit),
which reads a page's sentences without its headings.
"""

from __future__ import annotations

import itertools
import re

from etl.extract.textrepair import Repaired


#: The longest heading (characters).
HEADING_MAX = 40
#: The most lines of a header block (a title, its subtitle, dateline and source).
HEADER_BLOCK_LINES = 4
_SENTENCE_PUNCT_RX = re.compile("[。，,;；!！?？]")


def _is_heading(line: str) -> bool:
    s = line.strip()
    return len(s) <= HEADING_MAX and _SENTENCE_PUNCT_RX.search(s) is None


def is_header(text: str) -> bool:
    """Whether ``text`` (what stands before an article's lead, 本报讯…) is a
    header: a few short lines (a title, a photo's caption, the dateline's
    place and day), none of them a paragraph."""
    lines = [line for line in text.split("\n") if line.strip()]
    # (one sentence at most: a caption; a short story of its own has more)
    return len(lines) <= HEADER_BLOCK_LINES and all(len(line.strip()) <= HEADING_MAX for line in lines) \
        and len(_SENTENCE_STOP_RX.findall(text)) <= 1


def _is_title(s: str) -> bool:
    """Whether the stripped line ``s`` is a heading, or a title with a comma
    in it (冬日送温暖,…志愿者关爱…): short, no sentence inside, not ending as
    a clause does."""
    return len(s) <= HEADING_MAX and (
        _SENTENCE_PUNCT_RX.search(s) is None or (_SENTENCE_STOP_RX.search(s) is None and s[-1] not in "，,、")
    )


_SENTENCE_STOP_RX = re.compile("[。;；!！?？]")


def structure(repaired: Repaired) -> str:
    """The clean text with its headings (blocks of a few short unpunctuated
    lines between blank lines, before a paragraph or another such block:
    titles, menus, captions, datelines of a web page) turned
    into line breaks, offsets unchanged: the text repair joins such lines
    to the paragraph after them, where they would read as its opening."""
    raw, clean = repaired.raw, repaired.clean
    lines = raw.split("\n")
    stripped = [line.strip() for line in lines]
    spans: list[tuple[int, int]] = []
    last = len(lines) - 1
    # The blocks of consecutive non-blank lines, between blank lines.
    blocks: list[tuple[int, int]] = []
    k = 0
    while k <= last:
        if not stripped[k]:
            k += 1
            continue
        j = k
        while j + 1 <= last and stripped[j + 1]:
            j += 1
        blocks.append((k, j))
        k = j + 1
    # A header block: at most HEADER_BLOCK_LINES short title lines (a title,
    # then its dateline and source: 2021-09-14 13:47 来源:…; a menu line),
    # followed by a paragraph of a web page (a long line) or
    # by another header block.  In an OCR'd page every line is short and a
    # paragraph is many lines without blank lines between them: the repair
    # rightly joins them.
    header_lines: list[int] = []
    text_follows = False  # (from the end: whether the next block is text or a header)
    for k, j in reversed(blocks):
        # (whether it is a header matters only before text or a header)
        header = text_follows and j - k < HEADER_BLOCK_LINES and all(_is_title(stripped[i]) for i in range(k, j + 1))
        if header:
            header_lines.extend(range(k, j + 1))
        # (a long line: an OCR'd page's short lines end with full stops too)
        paragraph = max(map(len, stripped[k : j + 1])) > HEADING_MAX
        text_follows = paragraph or header
    if not header_lines:
        return clean
    header_lines.sort()
    # (the lengths of the lines before, plus one line break each)
    lengths = [0, *itertools.accumulate(map(len, lines))]
    for k in header_lines:
        # Isolated by blank lines (alone or in a header block) and followed
        # by a long paragraph: in an OCR'd page every line is short, and a
        # short line is part of a paragraph the repair rightly joins.
        # (a line of a header block is a title)
        line, body = lines[k], stripped[k]
        if any(c in body for c in "()（）") or body[-1] in "0123456789年月日":
            continue  # (its byline, a date cut by a blank line)
        start = lengths[k] + k
        lead = len(line) - len(line.lstrip())
        cs = repaired.clean_pos(start + lead)
        ce = min(repaired.clean_pos(start + lead + len(body) - 1) + 1, len(clean))
        if cs < ce:
            spans.append((cs, ce))
    if not spans:
        return clean
    pieces = []
    done = 0
    for cs, ce in spans:
        pieces.append(clean[done:cs])
        pieces.append("\n" * (ce - cs))
        done = ce
    pieces.append(clean[done:])
    return "".join(pieces)
