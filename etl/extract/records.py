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


# Fast positional construction.  ``Figure(...)`` (a frozen dataclass) sets
# each field through ``object.__setattr__``, about 0.85 µs a record; a page
# builds dozens.  ``new_figure``/``new_date_mention`` set the slots through
# their descriptors instead (about half the cost) and give the very same
# object: same class, fields, equality, hash and pickling
# (tests/test_fast_extract3.py checks them against the constructors).
_new = object.__new__


def _slot_setters(cls: type) -> tuple:
    return tuple(getattr(cls, name).__set__ for name in cls.__slots__)  # type: ignore[attr-defined]


(_f_char_start, _f_char_end, _f_surface, _f_value, _f_unit, _f_unit_raw, _f_qualifier,
 _f_context, _f_value_max, _f_per, _f_clean_start, _f_clean_end) = _slot_setters(Figure)


def new_figure(char_start: int, char_end: int, surface: str, value: float, unit: str,
               unit_raw: str, qualifier: str, context: str, value_max: float | None,
               per: str | None, clean_start: int, clean_end: int) -> Figure:
    """``Figure(...)`` with every field given, positionally, faster."""
    f = _new(Figure)
    _f_char_start(f, char_start)
    _f_char_end(f, char_end)
    _f_surface(f, surface)
    _f_value(f, value)
    _f_unit(f, unit)
    _f_unit_raw(f, unit_raw)
    _f_qualifier(f, qualifier)
    _f_context(f, context)
    _f_value_max(f, value_max)
    _f_per(f, per)
    _f_clean_start(f, clean_start)
    _f_clean_end(f, clean_end)
    return f


(_d_char_start, _d_char_end, _d_surface, _d_granularity, _d_start, _d_end, _d_resolution,
 _d_clean_start, _d_clean_end) = _slot_setters(DateMention)


def new_date_mention(char_start: int, char_end: int, surface: str, granularity: str,
                     start: dt.date | None, end: dt.date | None, resolution: str,
                     clean_start: int, clean_end: int) -> DateMention:
    """``DateMention(...)`` with every field given, positionally, faster."""
    d = _new(DateMention)
    _d_char_start(d, char_start)
    _d_char_end(d, char_end)
    _d_surface(d, surface)
    _d_granularity(d, granularity)
    _d_start(d, start)
    _d_end(d, end)
    _d_resolution(d, resolution)
    _d_clean_start(d, clean_start)
    _d_clean_end(d, clean_end)
    return d
