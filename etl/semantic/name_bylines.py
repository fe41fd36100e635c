"""Bylines and photo credits: the journalists' names after a byline word.

``（记者 吴某某 邓某某 实习生 李某某）``, ``文/贺某 姚某``, ``记者 张某 摄``: the run of
characters after a byline word is split into names (surname + one or two
characters) by a small dynamic programme that prefers cuts where the raw OCR
text had a space and names confirmed elsewhere in the bylines; a run that does
not split completely into names is not a byline (``记者还对…进行报道``).
Read by ``etl.semantic.privacy.find_private_names`` (journalists are private
persons) and, for its words, by ``etl.semantic.care_visits``.
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_right
from itertools import accumulate

from etl.extract.textrepair import RawIndex, Repaired
from etl.semantic.name_candidates import NON_NAME_CHARS, _vocab

_CJK = "\u4e00-\u9fff\u3400-\u4dbf"

#: Words that introduce the authors of an article or a photo.
BYLINE_WORDS = (
    "本报记者", "见习记者", "特约记者", "首席记者", "记者", "实习生", "特约通讯员",
    "通讯员", "责任编辑", "编辑", "责编", "校对", "摄影", "撰稿", "文图/", "文/图",
    "文/", "图/", "作者",
    # a dateline's bracket of names (…3月4日讯(甲某 乙某某), …电（甲某）)
    "讯(", "讯（", "电(", "电（",
)
#: Prepositions that are rarely surnames: right after a byline word they
#: start a sentence (记者从…, 记者在…), not a name.
BYLINE_NOT_NAME_START = set("从在对把被将给跟和")
#: How the name of an author's unit ends (作者：某县妇联 X, 通讯员 某镇党委 X).
BYLINE_UNIT_SUFFIXES = ("联", "会", "局", "部", "委", "办", "院", "校", "站", "所", "队", "中心", "公司",
                        "街道", "社区", "镇", "乡", "县", "市", "区", "报", "台", "网", "处", "科")
#: Words that close a byline run (``记者 张某 摄``).
BYLINE_END = ("摄影", "摄", "报道", "整理", "供图", "制图")
_BYLINE_END_RX = re.compile("|".join(sorted(BYLINE_END, key=len, reverse=True)))


@functools.cache
def byline_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(a byline word and the run after it, the byline words as a split pattern)."""
    byline_alt = "|".join(re.escape(w) for w in sorted(BYLINE_WORDS, key=len, reverse=True))
    # (a colon may follow the word: 作者：X, 记者：X)
    return re.compile(f"(?:{byline_alt})[{_CJK}/:：]+"), re.compile(f"({byline_alt})")


def _gaps(repaired: Repaired, start: int, end: int) -> list[str]:
    """For each gap between clean characters start..end-1 and their successor:
    what the raw text had there ('space', 'newline' or 'none')."""
    ri = repaired.raw_index
    if not isinstance(ri, RawIndex):
        return _gaps_plain(repaired, start, end)
    # Inside a run of kept characters the raw offsets follow each other
    # ('none'): only where a run starts can the raw text have had more.
    out = ["none"] * max(end - start - 1, 0)
    raw = repaired.raw
    run_starts, raw_starts = ri.clean_starts, ri.raw_starts
    last = len(run_starts) - 1
    k = bisect_right(run_starts, start)
    before = k - 1  # the run holding the clean character before the gap
    while k <= last and run_starts[k] < end:
        i = run_starts[k]  # the gap between clean characters i - 1 and i
        if k < last and run_starts[k + 1] == i:
            k += 1  # an empty run: character i is in a later one
            continue
        a = raw_starts[before] + i - 1 - run_starts[before]  # raw_index[i - 1]
        b = raw_starts[k]  # raw_index[i]
        if b - a > 1:
            out[i - 1 - start] = "newline" if "\n" in raw[a + 1 : b] else "space"
        before = k
        k += 1
    return out


def _gaps_plain(repaired: Repaired, start: int, end: int) -> list[str]:
    """``_gaps`` offset by offset (tests/test_fast_privacy.py compares the two)."""
    ri = repaired.raw_index
    raw = repaired.raw
    offs = [ri[i] for i in range(start, end)]
    out = []
    for a, b in zip(offs, offs[1:]):
        if b - a <= 1:
            out.append("none")
        else:
            out.append("newline" if "\n" in raw[a + 1 : b] else "space")
    return out


_GAP_AFTER_NAME = {"space": 1.0, "newline": 0.0, "none": -1.5}


def _segment_edges(group: str, gaps: list[str]) -> list[list[tuple[int, str, float]]]:
    """For each start i of ``group``, the names that may start there:
    (end, name, score without the bonus for a known name).  Only for the
    starts a split can reach (where the names before end): the others
    get none, as no split reads them (about a third of the starts)."""
    single, compound, *_ = _vocab()
    n = len(group)
    if len(set(gaps)) > 1:
        spaces = [0, *accumulate([g == "space" for g in gaps])]  # spaces[k]: spaces among gaps[:k]
        bonus_after = [_GAP_AFTER_NAME[g] for g in gaps]
    else:
        spaces = None  # uniform gaps say nothing about where names end
    edges: list[list[tuple[int, str, float]]] = []
    reachable = [True] + [False] * n
    for i in range(n):
        out: list[tuple[int, str, float]] = []
        edges.append(out)
        if not reachable[i]:
            continue
        # Where the given name starts: after a compound surname, then after
        # a single one (the order in which ties are kept).
        given_starts = []
        if group[i : i + 2] in compound:
            given_starts.append(i + 2)
        if group[i] in single:
            given_starts.append(i + 1)
        for g in given_starts:
            if g >= n or group[g] in NON_NAME_CHARS:
                continue
            for j in (g + 1, g + 2):  # one or two characters of given name
                if j > n or (j == g + 2 and group[g + 1] in NON_NAME_CHARS):
                    break
                score = 1.5 if j - i == 3 else 1.0
                if spaces is not None:
                    score -= spaces[j - 1] - spaces[i]
                    if j < n:
                        score += bonus_after[j - 1]
                out.append((j, group[i:j], score))
                reachable[j] = True
    return edges


def _segment_best(n: int, edges: list[list[tuple[int, str, float]]], known: set[str]) -> list[str] | None:
    """The best split of a piece of length n (scores are multiples of 0.5,
    so the sums are exact in any order; ties keep the first split found)."""
    best: list[tuple[float, int, str] | None] = [None] * (n + 1)
    best[0] = (0.0, -1, "")
    for i in range(n):
        b = best[i]
        if b is None:
            continue
        score_i = b[0]
        for j, name, score in edges[i]:
            score = score_i + score + (2.0 if name in known else 0.0)
            bj = best[j]
            if bj is None or score > bj[0]:
                best[j] = (score, i, name)
    if best[n] is None:
        return None
    names = []
    k = n
    while k > 0:
        step = best[k]
        assert step is not None  # (each step of the best split was reached)
        _, k, name = step
        names.append(name)
    return names[::-1]


def _segment_names(group: str, gaps: list[str], known: set[str]) -> list[str] | None:
    """Split a byline run into names, or None when it does not split."""
    return _segment_best(len(group), _segment_edges(group, gaps), known)


def _byline_pieces(repaired: Repaired) -> list[tuple[str, list[str]]]:
    """The groups of names of every byline and photo credit: (piece, gaps)."""
    text = repaired.clean
    byline, byline_split = byline_patterns()
    out: list[tuple[str, list[str]]] = []
    for m in byline.finditer(text):
        run_start = m.start()
        run = m.group()
        # Split the run at byline words; each piece is a group of names.
        # (``split`` with the words captured: pieces and words alternate.)
        a = run_start
        for k, part in enumerate(byline_split.split(run)):
            start, a = a, a + len(part)
            if k % 2 or not part:
                continue  # a byline word, or nothing between two of them
            colon = len(part) - len(part.lstrip(":："))  # (作者：X)
            start += colon
            piece = part[colon:].replace("/", "").rstrip(":：")
            if not piece:
                continue
            # A credit ends at 摄/报道/…, even when the next line runs on.
            piece = _BYLINE_END_RX.split(piece, maxsplit=1)[0]
            if len(piece) > 40 or len(piece) < 2:
                continue
            # 记者从正门挤进去: a preposition right after the byline word (no
            # space between them) starts a sentence, not a name.
            if piece[0] in BYLINE_NOT_NAME_START and start > 0 and _gaps(repaired, start - 1, start + 1) == ["none"]:
                continue
            gaps = _gaps(repaired, start, start + len(piece))
            # The author's unit before the names (作者：某县妇联 X): left out.
            if "space" in gaps:
                cut = gaps.index("space") + 1
                if piece[:cut].endswith(BYLINE_UNIT_SUFFIXES):
                    piece, gaps = piece[cut:], gaps[cut:]
                    if len(piece) < 2:
                        continue
            out.append((piece, gaps))
    return out


def _byline_found(pieces: list[tuple[str, list[str]]], segments: list[list[str] | None]) -> tuple[set[str], set[str]]:
    """(all, confident) names of the segmented byline pieces."""
    found: set[str] = set()
    confident: set[str] = set()
    for (_, gaps), names in zip(pieces, segments):
        if not names:
            continue
        found.update(names)
        # Confident: the raw text separated every name by a space.
        cuts = []
        k = 0
        for name in names[:-1]:
            k += len(name)
            cuts.append(gaps[k - 1])
        if cuts and all(c == "space" for c in cuts) and not all(g == "space" for g in gaps):
            confident.update(names)
        elif len(names) == 1:
            confident.update(names)
    return found, confident


def byline_names(repaired: Repaired) -> list[str]:
    """The names of every byline and photo credit, in two passes: the second
    prefers names confirmed by the first (a piece containing none of those
    splits as in the first pass)."""
    pieces = _byline_pieces(repaired)
    edges = [_segment_edges(p, g) for p, g in pieces]
    first = [_segment_best(len(p), e, set()) for (p, _), e in zip(pieces, edges)]
    _, confident = _byline_found(pieces, first)
    second = [
        _segment_best(len(p), e, confident) if any(c in p for c in confident) else seg
        for (p, _), e, seg in zip(pieces, edges, first)
    ]
    return [name for names in second for name in names or ()]
