"""The fast paths of private-name detection give what the plain ways give.

Each (raw gaps read from the runs of the raw index, byline edges, the
two-or-three-character count comparison in one scan) is checked against
the straightforward computation on random inputs built from the
characters that matter.
"""

from __future__ import annotations

import random

from etl.semantic import name_bylines, name_candidates
from etl.extract.textrepair import RawIndex, Repaired


def _random_repaired(rng: random.Random) -> Repaired:
    """A raw text with spaces and line breaks, and a raw index of random
    runs (some empty, some adjacent, so gaps of every kind occur)."""
    starts, ends = [], []
    pos = 0
    for _ in range(rng.randint(1, 8)):
        pos += rng.choice([0, 0, 1, 2, 3])
        length = rng.choice([0, 1, 1, 2, 3, 5])
        starts.append(pos)
        ends.append(pos + length)
        pos += length
    raw_len = pos + rng.randint(0, 2)
    raw = "".join(rng.choice("ab \n") for _ in range(raw_len))
    index = RawIndex(starts, ends, raw_len)
    clean = "x" * index.size
    return Repaired(raw, clean, index)


def test_gaps_from_runs_match_the_gaps_offset_by_offset():
    rng = random.Random(1126)
    seen = set()
    for _ in range(5000):
        repaired = _random_repaired(rng)
        size = len(repaired.clean)
        start = rng.randint(0, size)
        end = rng.randint(start, size)
        got = name_bylines._gaps(repaired, start, end)
        assert got == name_bylines._gaps_plain(repaired, start, end), (repaired, start, end)
        seen.update(got)
    assert seen == {"none", "space", "newline"}


def _plain_segment_edges(group: str, gaps: list[str]) -> list[list[tuple[int, str, float]]]:
    """The byline edges as first written: every surname and given-name
    length tried at every start, scores from the gaps around the name."""
    single, compound, *_ = name_candidates._vocab()
    n = len(group)
    uniform = len(set(gaps)) <= 1
    non_name = [c in name_candidates.NON_NAME_CHARS for c in group]
    spaces = [0]
    for g in gaps:
        spaces.append(spaces[-1] + (g == "space"))
    edges = []
    for i in range(n):
        out = []
        for sl in (2, 1):
            if i + sl > n or group[i : i + sl] not in (compound if sl == 2 else single):
                continue
            for gl in (1, 2):
                j = i + sl + gl
                if j > n or non_name[i + sl] or (gl == 2 and non_name[i + sl + 1]):
                    continue
                score = 1.0 + (0.5 if j - i == 3 else 0.0)
                if not uniform:
                    score -= spaces[j - 1] - spaces[i]
                    if j < n:
                        score += name_bylines._GAP_AFTER_NAME[gaps[j - 1]]
                out.append((j, group[i:j], score))
        edges.append(out)
    return edges


def reachable_starts(edges: list[list[tuple[int, str, float]]]) -> set[int]:
    """The starts a chain of edges leads to from the start of the group."""
    reached = {0}
    for i in range(len(edges)):
        if i in reached:
            reached.update(j for j, _, _ in edges[i])
    return reached


def test_segment_edges_match_the_plain_enumeration():
    single, compound, *_ = name_candidates._vocab()
    rng = random.Random(26)
    compound_chars = "".join(sorted({c for s in compound for c in s}))
    alphabet = "".join(sorted(single))[:30] + compound_chars[:20] + "的们说是区大鹏伟兰"
    for _ in range(5000):
        group = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 12)))
        if rng.random() < 0.3:
            group = rng.choice(sorted(compound)) + group
        kinds = rng.choice([["none"], ["space"], ["none", "space", "newline"]])
        gaps = [rng.choice(kinds) for _ in range(len(group) - 1)]
        fast, plain = name_bylines._segment_edges(group, gaps), _plain_segment_edges(group, gaps)
        # the same edges wherever a split can reach, none elsewhere
        reachable = reachable_starts(plain)
        assert len(fast) == len(plain)
        for i, (f, p) in enumerate(zip(fast, plain)):
            assert f == (p if i in reachable else []), (group, gaps, i)
        known = {group[i:j] for i in range(len(group)) for j in range(i + 2, i + 4) if rng.random() < 0.1}
        assert name_bylines._segment_names(group, gaps, known) == name_bylines._segment_best(len(group), plain, known)


def test_occurs_more_often_matches_the_two_counts():
    rng = random.Random(5)
    for _ in range(20000):
        text = "".join(rng.choice("张大鹏张张") for _ in range(rng.randint(0, 30)))
        short = "".join(rng.choice("张大鹏") for _ in range(rng.randint(1, 3)))
        long = short + rng.choice("张大鹏")
        expected = text.count(short) > text.count(long)
        assert name_candidates._occurs_more_often(text, short, long) == expected, (text, short, long)


def test_overlaps_itself():
    assert name_candidates._overlaps_itself("张张")
    assert name_candidates._overlaps_itself("张大张")
    assert name_candidates._overlaps_itself("张大张大")
    assert not name_candidates._overlaps_itself("张大鹏")
    assert not name_candidates._overlaps_itself("张")


def test_strings_before_a_place_suffix_are_those_of_a_scan_of_every_position():
    rng = random.Random(9)
    alphabet = "张大鹏中区社小学心街道县\n"
    for _ in range(5000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 20)))
        expected = {
            text[q : q + length]
            for length in (2, 3, 4)
            for q in range(len(text) - length + 1)
            if text.startswith(name_candidates.PLACE_SUFFIXES, q + length)
        }
        # (strings with a line break are never names: only the others count)
        got = {s for s in name_candidates._before_place_suffix(text) if "\n" not in s and len(s) >= 2}
        assert got == {s for s in expected if "\n" not in s}, text


def _plain_byline_pieces(repaired: Repaired) -> list[tuple[str, list[str]]]:
    """The byline pieces as first written: each run split at the byline
    words found one by one (finditer), the pieces between them kept."""
    import re

    text = repaired.clean
    words = "|".join(re.escape(w) for w in sorted(name_bylines.BYLINE_WORDS, key=len, reverse=True))
    out = []
    for m in name_bylines.byline_patterns()[0].finditer(text):
        run_start, run = m.start(), m.group()
        pos = 0
        spans = []
        for w in re.finditer(words, run):
            if w.start() > pos:
                spans.append((pos, w.start()))
            pos = w.end()
        if pos < len(run):
            spans.append((pos, len(run)))
        for a, b in spans:
            piece = run[a:b].replace("/", "")
            if not piece:
                continue
            piece = name_bylines._BYLINE_END_RX.split(piece, maxsplit=1)[0]
            if len(piece) > 40 or len(piece) < 2:
                continue
            out.append((piece, name_bylines._gaps_plain(repaired, run_start + a, run_start + a + len(piece))))
    return out


def test_byline_pieces_match_the_run_split_word_by_word():
    rng = random.Random(44)
    tokens = list(name_bylines.BYLINE_WORDS) + ["摄", "报道", "/", "，", "张", "大鹏", "刘", "彤", "吴荣凯", "的"]
    found = 0
    for _ in range(4000):
        clean = "".join(rng.choice(tokens) for _ in range(rng.randint(0, 12)))
        # raw text: OCR spaces and line breaks between some clean characters
        raw_parts, offsets = [], []
        for c in clean:
            raw_parts.append(rng.choice(["", "", " ", "\n"]))
            offsets.append(sum(map(len, raw_parts)))
            raw_parts.append(c)
        raw = "".join(raw_parts)
        repaired = Repaired(raw, clean, RawIndex.of(offsets, len(raw)))
        expected = _plain_byline_pieces(repaired)
        assert name_bylines._byline_pieces(repaired) == expected, clean
        found += len(expected)
    assert found > 1000
