"""The fast paths of the extract stage give what the plain ways give.

Each fast path (lazy exclusion scan started after a character no exclusion
span can contain, one-bisection raw spans, sentences split in place, the cut
words as a trie, normalization by search-and-replace) is checked against the
straightforward computation on random strings built from the characters that
matter.
"""

from __future__ import annotations

import random
import re

from etl.extract import figures, rules
from etl.extract.sentences import split_sentences
from etl.extract.textrepair import NORMALIZE, RawIndex, _cut_words_re, _normalize, cut_words


def _full_line_excluded(clean: str, pos: int) -> bool:
    """An exclusion span of a scan of ``pos``'s whole line contains ``pos``."""
    start = clean.rfind("\n", 0, pos + 1) + 1
    end = clean.find("\n", pos + 1)
    end = len(clean) if end < 0 else end
    for m in rules.exclusion_regex().finditer(clean, start, min(end + 1, len(clean))):
        if m.start() <= pos < m.end():
            return True
    return False


def test_exclusion_alphabet_covers_every_span_and_rejects_open_patterns():
    alphabet = rules.exclusion_alphabet()
    assert alphabet is not None and "\n" not in alphabet
    assert rules._alphabet("a.b") is None  # any character
    assert rules._alphabet("[^a]") is None
    assert rules._alphabet("(?i)ab") is None
    assert rules._alphabet("(?<=x)a[0-2]+(?!y)") == {"a", "0", "1", "2"}


def test_lazy_exclusion_scan_matches_a_scan_of_the_whole_line():
    rng = random.Random(7)
    alphabet = sorted(rules.exclusion_alphabet())
    pieces = ["第3", "住4栋", "3栋2单元", "5A级", "一家人", "两个确立", "四个1", "电话 023-1234567",
              "http://a.b/1", "a@b.c", "G20", "三类地区", "一、二类苗", "周一", "3点半", "一次性",
              "123456789012345678", "，", "。", "的", "人", "\n", " ", "1", "22"]
    pool = alphabet + list("的了人地区就业新增，。\n ")
    for trial in range(3000):
        clean = "".join(
            rng.choice(pieces) if rng.random() < 0.4
            else "".join(rng.choice(pool) for _ in range(rng.randint(1, 6)))
            for _ in range(rng.randint(1, 12))
        )
        lines = figures._Lines(clean)
        if trial % 2:
            lines._alphabet = None  # the whole-line fallback
        for pos in sorted(rng.sample(range(len(clean)), min(len(clean), rng.randint(1, 8)))):
            assert lines.excluded(pos) == _full_line_excluded(clean, pos), (clean, pos)


def test_raw_index_span_matches_indexing():
    rng = random.Random(3)
    for _ in range(300):
        offsets = sorted(rng.sample(range(60), rng.randint(0, 30)))
        ri = RawIndex.of(offsets, 60)
        for start in range(len(offsets)):
            for end in range(start + 1, len(offsets) + 1):
                assert ri.span(start, end) == (ri[start], ri[end - 1] + 1)


def test_split_sentences_of_a_part_matches_splitting_a_copy():
    rng = random.Random(5)
    pool = list("。！？!?；;\n“”「」『』 ab中文")
    for _ in range(3000):
        text = "".join(rng.choice(pool) for _ in range(rng.randint(0, 25)))
        a = rng.randint(0, len(text))
        b = rng.randint(a, len(text))
        expected = [(s + a, e + a) for s, e in split_sentences(text[a:b])]
        assert split_sentences(text, a, b) == expected


def test_cut_words_trie_finds_the_longest_word_at_each_position():
    words = cut_words()
    plain = re.compile("(?=(" + "|".join(map(re.escape, words)) + "))")
    chars = sorted(set("".join(words))) + list("的了是0123")
    rng = random.Random(1)
    for _ in range(3000):
        text = "".join(rng.choice(chars) for _ in range(rng.randint(0, 10)))
        word = rng.choice(words)
        i = rng.randint(0, len(text))
        text = text[:i] + word + text[i:]
        got = [(m.start(), len(m.group(1))) for m in _cut_words_re().finditer(text)]
        assert got == [(m.start(), len(m.group(1))) for m in plain.finditer(text)]


def test_normalize_matches_translate():
    rng = random.Random(2)
    pool = [chr(k) for k in NORMALIZE] + list("ab 01中文，。\n")
    for _ in range(3000):
        text = "".join(rng.choice(pool) for _ in range(rng.randint(0, 30)))
        assert _normalize(text) == text.translate(NORMALIZE)


def test_normalize_maps_each_character_once():
    """A character whose normalized form is itself normalized (a variant
    mapped to a traditional character) is mapped once, as by translate,
    wherever it stands and however often."""
    table = {chr(k): v for k, v in NORMALIZE.items()}
    chained = [c for c, v in table.items() if v in table and table[v] != v]
    for c in chained:
        for text in (c, c + c, c + table[c], table[c] + c, f"ab{c}中{table[c]}文{c}"):
            assert _normalize(text) == text.translate(NORMALIZE)
