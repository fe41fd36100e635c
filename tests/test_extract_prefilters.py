"""Pre-filters added for speed must never change a decision."""

from __future__ import annotations

from itertools import product

from etl.extract import textrepair


def test_month_day_firsts_cover_every_date_cut():
    """A cut date's second half (``6月``, ``16日``) starts with one of
    ``_MONTH_DAY_FIRSTS``: ``_cuts_a_word`` may skip a line starting with
    anything else."""
    alphabet = "0123456789一二三四五六七八九十〇零两廿"
    for _, after in textrepair._DATE_CUTS:
        for n in (1, 2, 3):
            for digits in product(alphabet, repeat=n):
                for mark in "月日号":
                    text = "".join(digits) + mark
                    if after.match(text):
                        assert text[0] in textrepair._MONTH_DAY_FIRSTS, text


def test_continuations_cover_every_cut_word():
    for word in textrepair.cut_words():
        for i in range(1, len(word)):
            assert textrepair._cuts_a_word(word[:i], word[i:] + "的")


def _outcome(fn, text, mode):
    try:
        return fn(text, mode)
    except ValueError:
        return "error"


def test_parse_number_fast_path_agrees_with_general_path():
    from etl.extract import numerals

    chars = "0123456789零〇○一二两三四五六七八九壹贰叁肆伍陆柒捌玖幺十拾百佰千仟万亿兆萬億點点.,-元 兩廿"
    texts = ["".join(t) for n in (1, 2) for t in product(chars, repeat=n)]
    texts += ["8402万", "69294", "007千", "12万亿", "9" * 27 + "万", "1" * 40, "3.5万"]
    for text in texts:
        for mode in numerals.MODES:
            fast = _outcome(numerals.parse_number, text, mode)
            slow = _outcome(numerals._parse_number, text, mode)
            assert repr(fast) == repr(slow), (text, mode)


def test_separator_first_class_matches_where_a_separator_starts():
    import re

    from etl.extract import figure_patterns

    for code in range(0x20, 0x10000):
        ch = chr(code)
        if 0xD800 <= code <= 0xDFFF:
            continue
        assert bool(re.fullmatch(figure_patterns._SEP_FIRST, ch)) == bool(re.match(figure_patterns._SEP, ch)), ch
