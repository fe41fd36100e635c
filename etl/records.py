"""The records the extract stage produces, one dataclass per kind.

Offsets (``char_start``/``char_end``) are always 0-based, end-exclusive
indices into the *raw* page text as decoded, so ``surface`` is exactly
``raw[char_start:char_end]``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Figure:
    """One statistical figure: a number with its unit."""

    char_start: int
    char_end: int
    surface: str  # raw[char_start:char_end], qualifier words included
    value: float  # 万/亿 multiplied out; percentages as written
    unit: str  # one of the unit vocabulary (schemas/vocab/units.csv)
    unit_raw: str  # the unit or classifier as written (normalized: no spaces)
    qualifier: str  # exact, more_than, at_least, less_than, approx, range
    context: str  # the clause/sentence it stands in (display text, unmasked)
    value_max: float | None = None  # upper bound of a range
    per: str | None = None  # rate period/basis: 645元/月 -> "month"
    clean_start: int = -1  # offsets in the repaired (clean) text
    clean_end: int = -1


@dataclass(frozen=True, slots=True)
class DateMention:
    """One date or period mentioned on a page."""

    char_start: int
    char_end: int
    surface: str
    granularity: str  # day, month, quarter, year, period
    start: dt.date | None  # None when it cannot be resolved
    end: dt.date | None  # inclusive
    resolution: str  # absolute, issue_year, relative, unresolved
    clean_start: int = -1
    clean_end: int = -1
