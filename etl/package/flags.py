"""Plausibility flags: small named rules about one figure.  A failure is
recorded as a flag on the figure's row and never stops the run.
(Consistency between figures, e.g. a rate against its parts, is declared in
the codebook and published in the ``checks`` table.)"""

from __future__ import annotations

from collections.abc import Callable

from etl.extract.records import Figure


def percent_over_100(f: Figure) -> bool:
    """A percentage above 100 is possible (target completion) but unusual."""
    return f.unit == "percent" and f.value > 100


def negative_value(f: Figure) -> bool:
    """Counts, money and rates are reported as non-negative on news pages."""
    return f.value < 0


def range_reversed(f: Figure) -> bool:
    """A range whose upper bound is below its lower bound."""
    return f.value_max is not None and f.value_max < f.value


def implausibly_large(f: Figure) -> bool:
    """More people than live in China, or more than 10^15 of anything."""
    limit = 1.5e9 if f.unit in ("person", "household") else 1e15
    return f.value > limit


FIGURE_FLAGS: dict[str, Callable[[Figure], bool]] = {
    "percent_over_100": percent_over_100,
    "negative_value": negative_value,
    "range_reversed": range_reversed,
    "implausibly_large": implausibly_large,
}


def figure_flags(f: Figure) -> list[str]:
    """Names of the plausibility rules ``f`` fails, in declaration order."""
    return [name for name, rule in FIGURE_FLAGS.items() if rule(f)]
