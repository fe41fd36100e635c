"""The extraction rules, as data: ``schemas/vocab/*.csv`` loaded once.

* ``units.csv`` -- ``unit_raw, unit, kind, chinese_ok, not_followed_by,
  quantity, factor, notes``: every unit or classifier a figure may end with, the unit
  code it publishes (the ``unit`` column is the project's unit vocabulary; a
  currency's code is its ISO 4217 code), and its kind.  Kinds with a special
  role: ``money_prefix`` (a symbol before the amount: ￥300),
  ``money_minor`` (角/分 after 元; ``factor`` is their value in 元),
  ``percent_prefix`` (百分之 before the number), ``percent_tenth`` (成:
  ``factor`` 10), ``per_basis`` (``/月`` after a unit gives ``per``),
  ``anniversary`` (周年: never a figure).  ``chinese_ok`` = ``no`` allows the
  unit after Arabic digits only (``500方`` but not ``四方``).
  ``not_followed_by`` is a regular expression: the unit does not count when
  the text right after it matches (``人所有`` is not ``所``).
  ``quantity`` is what a number with this unit measures, one of
  ``QUANTITIES`` (``figures.quantity``; the words around a figure may
  refine it, see ``etl.extract.quantity``); empty for the kinds that are
  never a figure's unit (``per_basis``, ``anniversary``).
* ``qualifiers.csv`` -- ``word, position, qualifier, unit_kinds, not_after``:
  qualifier words before the number (``prefix``), between the number and its
  unit (``infix``: 300余人) or after the unit (``suffix``: 20岁左右, also after
  a rate's basis: 800元/亩以上); a ``magnitude`` word is a prefix only before
  a bare 百/千/万/亿 (上千人: one thousand or more);
  ``unit_kinds`` limits a word to some unit kinds, ``not_after`` lists
  characters that must not precede a prefix word (节约 is not 约).
* ``exclusions.csv`` -- ``name, kind, pattern, reason``: spans that are never
  figures (ordinals, addresses, slogans, idioms, URLs, phone numbers).
  ``kind`` is ``regex`` or ``word`` (a literal).  A candidate figure whose
  number starts inside such a span is dropped.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from etl import SCHEMAS_DIR

VOCAB_DIR = Path(SCHEMAS_DIR) / "vocab"

#: Relative year words -> offset from the issue year.
RELATIVE_YEARS: dict[str, int] = {
    "前年": -2,
    "去年": -1,
    "上年": -1,
    "今年": 0,
    "明年": 1,
}

#: What a figure measures (``figures.quantity``; ``units.csv``'s ``quantity``
#: column, refined by the words around the figure).
QUANTITIES = (
    "people", "households", "person_times", "household_times", "establishments", "events", "items",
    "money", "age", "duration", "rate", "share", "change", "ratio",
    "area", "length", "weight", "volume", "power", "energy", "other",
)

QUALIFIERS = ("exact", "more_than", "at_least", "less_than", "approx", "range")
QUALIFIER_POSITIONS = ("prefix", "magnitude", "infix", "suffix")


@dataclass(frozen=True)
class UnitRule:
    unit_raw: str
    unit: str
    kind: str
    chinese_ok: bool
    not_followed_by: re.Pattern[str] | None
    quantity: str  # what a number with this unit measures (QUANTITIES); empty: never a figure's unit
    factor: float | None
    notes: str


@dataclass(frozen=True)
class QualifierRule:
    word: str
    position: str  # prefix | magnitude | infix | suffix
    qualifier: str
    unit_kinds: frozenset[str]  # empty: any kind
    not_after: str  # characters that must not precede a prefix word


@dataclass(frozen=True)
class ExclusionRule:
    name: str
    kind: str  # regex | word
    pattern: str
    reason: str


def read_yaml(path: Path):
    """A YAML rules file (``schemas/codebook.yaml``), with libyaml's parser
    when PyYAML was built with it: the same safe constructors as
    ``yaml.safe_load``, ~8x faster (3 ms against 25 ms for the codebook,
    paid before the workers start)."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    with open(path, encoding="utf-8") as f:
        return yaml.load(f, Loader=loader)  # (a safe loader, as yaml.safe_load's)


def _read(name: str) -> list[dict[str, str]]:
    with open(VOCAB_DIR / name, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    for row in rows:
        if None in row or any(v is None for v in row.values()):
            raise ValueError(f"{name}: malformed row {row}")
    return rows


@functools.cache
def spring_festivals() -> dict[int, dt.date]:
    """``spring_festival.csv``: the day of the Spring Festival (正月初一) of
    each year, for spans that end before it (至春节前)."""
    return {int(r["year"]): dt.date.fromisoformat(r["spring_festival"]) for r in _read("spring_festival.csv")}


@functools.cache
def units() -> tuple[UnitRule, ...]:
    out = []
    for r in _read("units.csv"):
        nfb = r["not_followed_by"].strip()
        quantity = r["quantity"].strip()
        if quantity and quantity not in QUANTITIES:
            raise ValueError(f"{VOCAB_DIR / 'units.csv'}: unit {r['unit_raw']!r}: unknown quantity {quantity!r} (one of {', '.join(QUANTITIES)})")
        out.append(
            UnitRule(
                unit_raw=r["unit_raw"].strip(),
                unit=r["unit"].strip(),
                kind=r["kind"].strip(),
                chinese_ok=r["chinese_ok"].strip().lower() != "no",
                not_followed_by=re.compile(nfb) if nfb else None,
                quantity=quantity,
                factor=float(r["factor"]) if r["factor"].strip() else None,
                notes=r["notes"],
            )
        )
    return tuple(out)


@functools.cache
def units_by_raw() -> dict[str, tuple[UnitRule, ...]]:
    """unit_raw -> its rules, in file order (the first that fits wins)."""
    table: dict[str, list[UnitRule]] = {}
    for u in units():
        table.setdefault(u.unit_raw, []).append(u)
    return {k: tuple(v) for k, v in table.items()}


@functools.cache
def unit_codes() -> frozenset[str]:
    """Every value the ``unit`` column of figures may take (incl. ``other``)."""
    return frozenset(u.unit for u in units()) | {"other"}


@functools.cache
def counted_nouns() -> dict[str, str]:
    """Nouns a bare 万/亿 number counts without a measure word
    (``counted_nouns.csv``: 3.1万农民工), noun -> unit."""
    out = {}
    for r in _read("counted_nouns.csv"):
        unit = r["unit"].strip()
        if unit not in unit_codes():
            raise ValueError(f"counted_nouns.csv: noun {r['noun']!r}: unknown unit {unit!r}")
        out[r["noun"].strip()] = unit
    return out


@functools.cache
def currency_codes() -> frozenset[str]:
    return frozenset(u.unit for u in units() if u.kind.startswith("money") and u.unit != "other")


@functools.cache
def qualifiers() -> tuple[QualifierRule, ...]:
    out = []
    for r in _read("qualifiers.csv"):
        q = r["qualifier"].strip()
        if q not in QUALIFIERS:
            raise ValueError(f"qualifiers.csv: unknown qualifier {q!r}")
        if r["position"].strip() not in QUALIFIER_POSITIONS:
            raise ValueError(f"qualifiers.csv: unknown position {r['position']!r}")
        kinds = frozenset(k for k in r["unit_kinds"].split("|") if k.strip())
        out.append(
            QualifierRule(
                word=r["word"].strip(),
                position=r["position"].strip(),
                qualifier=q,
                unit_kinds=kinds,
                not_after="".join(r["not_after"].split("|")),
            )
        )
    return tuple(out)


@functools.cache
def qualifier_table() -> dict[tuple[str, str], QualifierRule]:
    """(position, word) -> rule."""
    return {(q.position, q.word): q for q in qualifiers()}


@functools.cache
def exclusions() -> tuple[ExclusionRule, ...]:
    out = []
    for r in _read("exclusions.csv"):
        kind = r["kind"].strip()
        if kind not in ("regex", "word"):
            raise ValueError(f"exclusions.csv: unknown kind {kind!r}")
        out.append(ExclusionRule(r["name"].strip(), kind, r["pattern"], r["reason"]))
    return tuple(out)


def literal_alternation(words: list[str]) -> str:
    """The regex alternation ``a|b|…`` of the literal ``words``, longest
    first, factored by first character (``说(?:道|)``).  It matches what the
    flat alternation matches: at one position only the words starting with
    its character can match, and they keep their order; but ``re`` tries one
    alternative per distinct first character instead of one per word.  (Used
    for the name cues in etl.semantic.privacy and the cut words in etl.extract.textrepair.)"""
    words = sorted(words, key=len, reverse=True)
    rests: dict[str, list[str]] = {}
    for w in words:
        rests.setdefault(w[0], []).append(w[1:])
    out = []
    for first, tails in rests.items():
        if len(tails) == 1:
            out.append(re.escape(first + tails[0]))
            continue
        longer = [t for t in tails if t]  # the empty tail (the bare character) comes last
        inner = literal_alternation(longer) + ("|" if len(longer) < len(tails) else "")
        out.append(re.escape(first) + "(?:" + inner + ")")
    return "|".join(out)


def _class_chars(items, c) -> set[str] | None:
    """The characters of a parsed character class (``[...]``; ``c``: the
    ``re`` constants), or None when it is negated, uses a category such as
    ``\\d``, or spans a large range."""
    out: set[str] = set()
    for op, av in items:
        if op == c.LITERAL:
            out.add(chr(av))
        elif op == c.RANGE and av[1] - av[0] < 200:
            out.update(chr(x) for x in range(av[0], av[1] + 1))
        else:
            return None
    return out


def _first_chars(pattern: str) -> set[str] | None:
    """The characters a match of ``pattern`` can start with, or None when
    that set is unknown or too large.  Used only to build a fast pre-test."""
    try:
        from re import _parser as sre_parse  # type: ignore[attr-defined]
        from re import _constants as c  # type: ignore[attr-defined]
    except ImportError:  # pragma: no cover - other Python versions
        return None

    def first(items) -> set[str] | None:
        for op, av in items:
            if op in (c.ASSERT, c.ASSERT_NOT, c.AT):
                continue  # zero-width: look at what follows
            if op == c.LITERAL:
                return {chr(av)}
            if op == c.IN:
                return _class_chars(av, c)
            if op == c.SUBPATTERN:
                return first(av[-1])
            if op == c.BRANCH:
                out = set()
                for branch in av[1]:
                    f = first(branch)
                    if f is None:
                        return None
                    out |= f
                return out
            if op in (c.MAX_REPEAT, c.MIN_REPEAT) and av[0] >= 1:
                return first(av[2])
            return None
        return None

    return first(sre_parse.parse(pattern))


def _alphabet(pattern: str) -> set[str] | None:
    """Every character a match of ``pattern`` can contain (lookarounds
    consume nothing and do not count), or None when that set is unknown or
    too large (``.``, a negated or category class, case folding)."""
    try:
        from re import _parser as sre_parse  # type: ignore[attr-defined]
        from re import _constants as c  # type: ignore[attr-defined]
    except ImportError:  # pragma: no cover - other Python versions
        return None

    out: set[str] = set()

    def walk(items) -> bool:
        for op, av in items:
            if op in (c.ASSERT, c.ASSERT_NOT, c.AT, c.GROUPREF):
                continue  # zero-width, or a repeat of characters already counted
            if op == c.LITERAL:
                out.add(chr(av))
            elif op == c.IN:
                chars = _class_chars(av, c)
                if chars is None:
                    return False
                out.update(chars)
            elif op == c.SUBPATTERN:
                if av[1] & c.SRE_FLAG_IGNORECASE:
                    return False
                if not walk(av[-1]):
                    return False
            elif op == c.BRANCH:
                if not all(walk(branch) for branch in av[1]):
                    return False
            elif op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
                if not walk(av[2]):
                    return False
            elif op == c.ATOMIC_GROUP:
                if not walk(av):
                    return False
            else:
                return False
        return True

    parsed = sre_parse.parse(pattern)
    if parsed.state.flags & c.SRE_FLAG_IGNORECASE or not walk(parsed):
        return None
    return out


@functools.cache
def exclusion_alphabet() -> frozenset[str] | None:
    """Every character an exclusion span can contain, or None when unknown.
    A character outside it is never inside a span, so a scan for the spans
    may start right after it: the spans it finds from there are those a
    scan of the whole line finds (see ``etl.extract.figures``)."""
    chars: set[str] = set()
    for e in exclusions():
        pat = e.pattern if e.kind == "regex" else re.escape(e.pattern)
        got = _alphabet(pat)
        if got is None:
            return None
        chars |= got
    from re import _parser as sre_parse  # type: ignore[attr-defined]

    if sre_parse.parse(exclusion_regex().pattern).getwidth()[0] == 0:
        return None  # an empty span would move the scan differently
    return frozenset(chars)


@functools.cache
def exclusion_regex() -> re.Pattern[str]:
    """All exclusions as one alternation (scan a page once)."""
    parts = []
    firsts: set[str] | None = set()
    for e in exclusions():
        pat = e.pattern if e.kind == "regex" else re.escape(e.pattern)
        re.compile(pat)  # fail early, with the bad pattern in the traceback
        parts.append(f"(?:{pat})")
        f = _first_chars(pat)
        firsts = None if f is None or firsts is None else firsts | f
    body = "|".join(parts)
    if firsts:
        pre = "".join(sorted(re.escape(ch) for ch in firsts))
        body = f"(?=[{pre}])(?:{body})"
    return re.compile(body, re.M)
