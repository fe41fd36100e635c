"""Worst-case pages for tests and benchmarks: what a hostile or broken
archive may hold (runs of digits, figures without punctuation, Chinese
numerals, dates), each a page of a given length in characters.

Every generator is deterministic (a seeded RNG), so a benchmark's numbers
and a test's pages are reproducible.
"""

from __future__ import annotations

import random
from collections.abc import Callable


def _repeat(unit: str, chars: int) -> str:
    return (unit * (chars // len(unit) + 1))[:chars]


def _digits(chars: int) -> str:
    rng = random.Random(chars)
    return "".join(rng.choice("0123456789") for _ in range(chars))


def _numerals(chars: int) -> str:
    rng = random.Random(chars)
    return "".join(rng.choice("一二三四五六七八九十百千万亿零") for _ in range(chars - 1)) + "人"


#: Name -> page of that many characters.
WORST_CASES: dict[str, Callable[[int], str]] = {
    "digit_run": _digits,  # one run of digits
    "grouped_digit_run": lambda n: "1" + _repeat(",234", n - 2) + "元",  # 1,234,234,…元
    "percent_run_on": lambda n: _repeat("5%", n),  # figures without punctuation
    "count_run_on": lambda n: _repeat("20人", n),
    "range_run_on": lambda n: _repeat("3-5人", n),
    "numeral_run": _numerals,  # one run of Chinese numerals, then a unit
    "numeral_figures": lambda n: _repeat("三十五人", n),
    "date_run_on": lambda n: _repeat("2023年1月5日", n),
    "month_run_on": lambda n: _repeat("1月", n),
}
