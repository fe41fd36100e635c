"""The figures extractor: every statistical figure (a number with its unit).

One compiled regular expression, built from the vocabularies in
``schemas/vocab`` (see ``etl.extract.rules``), scans the clean text of a page once.
Each candidate is then checked by a few general rules:

* the number is parsed by ``etl.extract.numerals`` (Arabic, Chinese, mixed, with
  万/亿 multiplied out); 2-digit Chinese runs (两三个, 五六万) are vague
  amounts, not numbers;
* a lone Chinese 一 with a classifier is the indefinite article (一条视频,
  一个措施) unless a qualifier makes it a quantity (不到一个月); a lone 零/〇
  is never a figure;
* a year-sized whole number before 年 (2022年, 二〇二二年) is a date;
  bare 月/日/号 are never units (durations use 个月 and 天);
* a bare 百/千/万/亿 reads as 一百/一千/… only after a qualifier word (逾千万人次,
  近百名, 上万人: ``上`` is a ``magnitude`` qualifier, one only before such a
  bare magnitude) or before 余/多 (百余人); elsewhere it is a word (百日千万);
* a financial numeral (壹贰叁…玖拾佰仟) counts only in a run of them or alone
  before a money unit (伍元): the 伍 ending 队伍/入伍 is no number;
* a number ending in 万/亿 without a measure word counts the noun a few
  characters after it when ``counted_nouns.csv`` lists it (3.1万新生代农民工:
  person); alone in brackets, it takes the unit of the 万/亿 count just
  before it in its sentence (转移就业115.2万人,完成年度计划(120万));
* a qualifier may also follow a rate's basis (800元/亩以上, 3.2元/公斤左右);
* a decimal with three or more decimals before 年 is a list number glued to a
  year (``4.2023年``), not a duration;
* a number directly after another digit group and a space (``1 800人``) is
  not published: it may be the tail of a spaced-out number, and a dropped
  figure is better than a wrong one (letter-spaced digits such as
  ``3 2 0 0 元`` are joined by ``etl.extract.textrepair`` before this);
* numbers after 第, inside URLs, addresses, slogans, idioms and category
  labels (三类地区, 一、二类苗) are dropped (``exclusions.csv``), as are
  candidates overlapping ``exclude_spans`` (the dates found by the dates
  extractor).

Offsets: the scan works on clean offsets; ``char_start``/``char_end`` are
mapped back to the raw text, so ``surface == raw[char_start:char_end]``.

Speed (a page is a few milliseconds of CPU all told): a small anchor regex
that starts with a character class (so ``re`` skips at C speed) finds the few
positions where a figure may start, and the big regex is only *matched*
there; the common case (Arabic number + unit) is read without building the
group dict; matches inside a date are not interpreted; exclusions and
sentences are computed only for the lines that hold a candidate.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from etl.extract import rules
from etl.extract.figure_patterns import (
    CN_DIGITS,
    MAX_FIGURE_CHARS,
    MULTIPLIERS,
    bare_magnitude,
    bare_magnitude_trigger,
    bracketed_magnitude,
    compiled,
)
from etl.extract.numerals import parse_number
from etl.extract.records import Figure, new_figure
from etl.extract.sentences import split_sentences
from etl.extract.textrepair import Repaired

# ---------------------------------------------------------------- values

_PLAIN_ARABIC = re.compile(r"[0-9]+(?:\.[0-9]+)?")
_CN_DIGIT_SET = frozenset(CN_DIGITS)
_LONE_INDEFINITE = frozenset("一幺")
_NEVER_ALONE = frozenset("零〇")
_K_SUFFIX = re.compile(r"\s?[kK]$")
_CN_BEFORE_ARABIC = re.compile(rf"^[{CN_DIGITS}]+(?=[0-9])")
#: The financial (大写) numerals.  One counts only in a run of them (伍佰,
#: 叁拾伍) or alone before a money unit (伍元): elsewhere it ends a word
#: (队伍, 入伍, 落伍, 退伍, 收拾), so a lone one before another unit is no
#: number, and one glued before an ordinary digit (队伍三支) is cut off.
_FINANCIAL = frozenset("壹贰叁肆伍陆柒捌玖拾佰仟貳陸")
_FINANCIAL_BEFORE_ORDINARY = re.compile("^[壹贰叁肆伍陆柒捌玖貳陸](?=[一二两三四五六七八九])")
_BIG_TAIL = re.compile(r"[万亿萬億]+$")
_BIG_ANY = re.compile(r"[万亿萬億]")
#: A number may start with a bare magnitude only after a qualifier (逾千万,
#: 近百名, 上万人) or before 余/多 (百余人): read with an implicit 一.
_BARE_MAGNITUDE = frozenset("百千万亿佰仟萬億")
#: A decimal with this many fractional digits before 年 is a list number
#: glued to a year (``4.2023年``), not a duration.
_YEAR_FRACTION = re.compile(r"\.[0-9]{3,}$")


_DIGIT_CHARS = frozenset("0123456789")


class _Reject(Exception):
    pass


def _num_value(text: str, allow_lone_one: bool) -> tuple[float, int]:
    """Value of a number token and the offset where the number really starts
    (a Chinese character glued before Arabic digits is dropped: 统一5人)."""
    if _PLAIN_ARABIC.fullmatch(text):  # fast path: most numbers on a page
        return float(text), 0
    t = text.replace(",", "")
    offset = 0
    mult = 1.0
    km = _K_SUFFIX.search(t)
    if km:
        t, mult = t[: km.start()], 1000.0
    if t[:1] in _BARE_MAGNITUDE:  # 百余人, 逾千万人次: an implicit 一
        try:
            return parse_number("一" + t, "smart") * mult, 0
        except ValueError as exc:
            raise _Reject(str(exc)) from exc
    if t == "半":
        return 0.5, 0
    # Split at a Chinese -> Arabic switch when no unit joins them (统一5).
    m = _CN_BEFORE_ARABIC.match(t) or _FINANCIAL_BEFORE_ORDINARY.match(t)
    if m:
        offset = m.end()
        t = t[offset:]
    if t in _NEVER_ALONE:
        raise _Reject("lone zero")
    if t in _LONE_INDEFINITE and not allow_lone_one:
        raise _Reject("indefinite 一")
    if len(t) == 2 and t[0] in _CN_DIGIT_SET and t[1] in _CN_DIGIT_SET:
        raise _Reject("vague pair (两三, 五六)")
    try:
        return parse_number(t, "smart") * mult, offset
    except ValueError as exc:
        raise _Reject(str(exc)) from exc


def _mult_value(m: str | None) -> float:
    v = 1.0
    for ch in m or "":
        v *= MULTIPLIERS[ch]
    return v


@functools.cache
def _unconditional_rules() -> dict[str, rules.UnitRule]:
    """unit_raw -> its first rule, for the units whose first rule has no
    ``not_followed_by`` test: that rule is the one ``_unit_rule`` picks
    whatever follows (after a Chinese number too, if ``chinese_ok``).
    Units written ``个多…``/``个余…`` are left out (``_unit_rule`` rewrites
    those to ``个…`` first)."""
    return {
        raw: rs[0]
        for raw, rs in rules.units_by_raw().items()
        if rs[0].not_followed_by is None
        and not (raw.startswith("个") and len(raw) > 2 and raw[1] in "多余")
    }


def _unit_rule(unit_text: str, clean: str, end: int, chinese: bool) -> rules.UnitRule:
    # Most units: one dict lookup, no walk over the rules.
    rule = _unconditional_rules().get(unit_text)
    if rule is not None and (rule.chinese_ok or not chinese):
        return rule
    raw = unit_text
    if raw.startswith("个") and len(raw) > 2 and raw[1] in "多余":
        raw = "个" + raw[2:]
    for rule in rules.units_by_raw().get(raw, ()):
        if rule.not_followed_by is not None and rule.not_followed_by.match(clean, end):
            continue
        if chinese and not rule.chinese_ok:
            continue
        return rule
    raise _Reject(f"unit {unit_text} does not fit here")


_CN_NUMERAL_CHARS = frozenset(CN_DIGITS + "十拾廿卅")


def _has_chinese(text: str) -> bool:
    return not _CN_NUMERAL_CHARS.isdisjoint(text)


# ---------------------------------------------------------------- scanning


@dataclass(slots=True)
class _Cand:
    start: int  # clean offsets of the whole figure (qualifiers included)
    end: int
    num_start: int  # clean offset where the number starts (for exclusions)
    value: float
    unit: str
    unit_raw: str
    qualifier: str
    value_max: float | None = None
    per: str | None = None


def _qualifier(position: str, word: str | None, kind: str | None = None) -> str | None:
    if not word:
        return None
    table = rules.qualifier_table()
    q = table.get((position, word))
    if q is None and position == "prefix":
        q = table.get(("magnitude", word))
    if q is None:
        return None
    if q.unit_kinds and kind not in q.unit_kinds:
        return None
    return q.qualifier


#: A match's groups by name: the match itself (``m[name]``) or a dict.
_Groups = re.Match | dict


def _finish(m: re.Match[str], gd: _Groups, cand: _Cand, kind: str) -> _Cand:
    """Apply the prefix/suffix qualifiers and the per-rate basis."""
    pre = _qualifier("prefix", gd["pre"])
    post = gd["post"]
    post_q = _qualifier("suffix", post, kind)
    end = m.end()
    if gd["per"]:
        per_rule = rules.units_by_raw()[gd["per"]][0]
        cand.per = per_rule.unit
        if post:
            end = m.start("per")  # "以上/月" does not happen; keep it simple
        elif gd["post2"]:  # 800元/亩以上, 3.2元/公斤左右: after the rate's basis
            post_q = _qualifier("suffix", gd["post2"], kind)
            if post_q is None:
                end = m.start("post2")
    if post and post_q is None:
        end = m.start("post")
        if gd["per"]:
            cand.per = None
    if cand.qualifier == "exact":
        cand.qualifier = pre or post_q or "exact"
    elif cand.qualifier != "range" and pre:
        cand.qualifier = pre
    cand.end = end
    if not gd["pre"]:
        cand.start = m.start()
    return cand


def _longest_valid(text: str) -> tuple[float, int]:
    """The value of the longest prefix of ``text`` that is a number
    (百分之七十百分位: the number is 七十)."""
    try:
        return _num_value(text, allow_lone_one=True)[0], len(text)
    except _Reject:
        if len(text) < 2 or text[-1] not in MULTIPLIERS:
            raise
    # Only a unit character glued to the next word may be given back.
    return _num_value(text[:-1], allow_lone_one=True)[0], len(text) - 1


def _from_percent_prefix(m: re.Match[str], gd: _Groups) -> _Cand:
    rule = rules.units_by_raw()[gd["pp"]][0]
    n1 = gd["pn1"]
    v1, used = _longest_valid(n1)
    cand = _Cand(m.start(), m.end(), m.start("pp"), v1, rule.unit, rule.unit_raw, "exact")
    if used < len(n1):  # the number ends early: no range or suffix after it
        cand.end = m.start("pn1") + used
        cand.qualifier = _qualifier("prefix", gd["pre"]) or "exact"
        return cand
    if gd["pn2"]:
        v2, _ = _num_value(gd["pn2"], allow_lone_one=True)
        if v2 > v1:
            cand.value_max, cand.qualifier = v2, "range"
    return _finish(m, gd, cand, rule.kind)


def _from_money_prefix(m: re.Match[str], gd: _Groups) -> _Cand:
    rule = rules.units_by_raw()[gd["cp"]][0]
    v1 = float(gd["cn1"].replace(",", "")) * _mult_value(gd["cm1"])
    cand = _Cand(m.start(), m.end(), m.start("cp"), v1, rule.unit, rule.unit_raw, "exact")
    if gd["cn2"]:
        v2 = float(gd["cn2"].replace(",", "")) * _mult_value(gd["cm2"])
        if not gd["cm1"]:
            v1 = cand.value = v1 * _mult_value(gd["cm2"])
        if v2 > v1:
            cand.value_max, cand.qualifier = v2, "range"
    return _finish(m, gd, cand, rule.kind)


def _from_fraction(m: re.Match[str], gd: _Groups) -> _Cand:
    den, _ = _num_value(gd["fd"], allow_lone_one=True)
    num, _ = _num_value(gd["fn"], allow_lone_one=True)
    if den <= 0:
        raise _Reject("zero denominator")
    cand = _Cand(m.start(), m.end(), m.start("fd"), num / den, "other", "分之", "exact")
    return _finish(m, gd, cand, "fraction")


def _from_main(m: re.Match[str], gd: _Groups, clean: str) -> _Cand:
    unit_text = gd["unit"]
    n1 = gd["n1"]
    chinese = _has_chinese(n1)
    rule = _unit_rule(unit_text, clean, m.end("unit"), chinese)
    kind = rule.kind
    if kind == "anniversary":
        raise _Reject("anniversary (100周年) is not a figure")
    if kind in ("per_basis", "money_prefix", "money_minor", "percent_prefix"):
        raise _Reject("not a unit here")
    has_range = bool(gd["sep"])
    q_infix = _qualifier("infix", gd["q1"]) or _qualifier("infix", gd["iq"])
    if unit_text != rule.unit_raw or (unit_text.startswith("个") and unit_text[1:2] in ("多", "余")):
        q_infix = q_infix or "more_than"
    qualified = bool(gd["pre"] and _qualifier("prefix", gd["pre"])) or bool(q_infix) \
        or has_range or bool(gd["sign"])
    allow_one = qualified or kind in _LONE_ONE_KINDS \
        or bool(gd["m1"])
    v1, off = _num_value(n1, allow_lone_one=allow_one)
    if kind != "money" and len(n1) - off == 1 and n1[off] in _FINANCIAL:
        raise _Reject("a lone financial numeral ends a word (队伍, 入伍)")
    v1 *= _mult_value(gd["m1"])
    num_start = m.start("n1") + off
    start = m.start() if not off else num_start
    if gd["sign"] and not off:
        v1 = -v1
    qualifier = "exact"
    value_max = None
    if has_range:
        n2 = gd["n2"]
        u1 = gd["u1"]
        if u1 and u1 != unit_text:
            raise _Reject("range with two different units")
        v2, off2 = _num_value(n2, allow_lone_one=True)
        if off2:
            raise _Reject("malformed range end")
        v2 *= _mult_value(gd["m2"])
        if gd["sign2"]:
            v2 = -v2
        # 3-5万元: the 万 of the upper bound applies to both.
        tail = _BIG_TAIL.search(n2)
        m2 = (tail.group() if tail else "") + (gd["m2"] or "")
        if m2 and not gd["m1"] and not u1 and not _BIG_ANY.search(n1) \
                and v1 < v2 / _mult_value(m2):
            v1 *= _mult_value(m2)
        if not v2 > v1:
            raise _Reject("not an increasing range")
        qualifier, value_max = "range", v2
    elif q_infix:
        qualifier = q_infix
    # Dates: a year-sized whole number before 年 (2022年, 2019-2021年).
    if rule.unit == "year" and rule.unit_raw == "年" and qualifier in ("exact", "range") \
            and not gd["pre"] and float(v1).is_integer() and 1000 <= abs(v1) <= 2999:
        raise _Reject("a year, not a duration")
    if rule.unit_raw == "年" and _YEAR_FRACTION.search(n1):
        raise _Reject("a list number glued to a year (4.2023年)")
    value = v1
    if kind == "percent_tenth":
        value = v1 * (rule.factor or 10)
        if value_max is not None:
            value_max *= rule.factor or 10
        ct = gd["ct"]
        if ct:
            value += 5 if ct == "半" else parse_number(ct, "normal")
    elif kind == "money" and gd["minor"]:
        minor_rules = rules.units_by_raw()
        mu1 = minor_rules[gd["mu1"]][0]
        value += _num_value(gd["mn1"], True)[0] * (mu1.factor or 0)
        if gd["mn2"]:
            value += _num_value(gd["mn2"], True)[0] * 0.01
        value = round(value, 6)
    unit_raw = rule.unit_raw
    cand = _Cand(start, m.end(), num_start, value, rule.unit, unit_raw, qualifier, value_max)
    if kind != "money" and gd["minor"]:
        cand.end = m.start("minor")
    cand = _finish(m, gd, cand, kind)
    if off:  # (the characters cut off before the number are no part of it)
        cand.start = num_start
        if gd["pre"]:
            cand.qualifier = qualifier
    if kind != "money" and gd["minor"]:
        cand.end = m.start("minor")
        cand.per = None
    return cand


#: ``_plain``'s verdict "no figure here" (returned, not raised: a page has
#: a score of them, mostly the indefinite 一, and an exception costs more
#: than the rest of the test).  Only for matches of the plain form, which
#: has no range: ``_scan`` then moves on after the match, as for a
#: ``_Reject`` of a match without a separator.
_REJECTED = _Cand(-1, -1, -1, 0.0, "", "", "")


def _plain(m: re.Match[str], clean: str) -> _Cand | None:
    """The common case, without building the group dict: an Arabic number
    directly followed by its unit and nothing else (no qualifier, range,
    multiplier or rate).  None: not that case, take the general path;
    ``_REJECTED``: no figure (the general path would raise ``_Reject``)."""
    if m.lastgroup != "unit":
        return None  # something follows the unit (or not the main form)
    start = m.start()
    ns, ne = m.span("n1")
    if ns != start or ne != m.start("unit"):
        return None  # a prefix, a sign, 万/余 or a range between
    n1 = clean[ns:ne]
    end = m.end()
    unit_text = clean[ne:end]
    # (ASCII digits alone, the most common number, without the regex)
    if not (n1.isascii() and n1.isdigit()) and not _PLAIN_ARABIC.fullmatch(n1):
        if n1 in _LONE_INDEFINITE and _is_indefinite(n1, unit_text, clean, end):
            return _REJECTED
        return None
    # (``_unit_rule``'s own first test, without the call)
    rule = _unconditional_rules().get(unit_text) or _unit_rule(unit_text, clean, end, False)
    kind = rule.kind
    if unit_text != rule.unit_raw or kind in _GENERAL_KINDS:
        return None
    if kind in _NOT_A_UNIT_HERE:
        return _REJECTED  # not a unit here
    value = float(n1)
    if rule.unit_raw == "年" and (
        (value.is_integer() and 1000 <= value <= 2999) or _YEAR_FRACTION.search(n1)
    ):
        return _REJECTED  # a year, or a list number glued to a year
    return _Cand(start, end, ns, value, rule.unit, rule.unit_raw, "exact")


def _is_indefinite(n1: str, unit_text: str, clean: str, end: int) -> bool:
    """A lone 一 directly followed by its unit (一个, 一起, 一家: about a
    fifth of a page's candidates) is the indefinite article unless the unit
    takes any number: True when ``_from_main`` would reject it so (told
    without building the group dict); False when the general path must
    decide."""
    rule = _unit_rule(unit_text, clean, end, _has_chinese(n1))
    if unit_text != rule.unit_raw or (unit_text.startswith("个") and unit_text[1:2] in ("多", "余")):
        return False  # 个多月: a qualifier, and a qualified 一 is a number
    return rule.kind not in _LONE_ONE_KINDS


#: Unit kinds after which a lone 一 is a number (一元, 一成).
_LONE_ONE_KINDS = frozenset({"money", "percent", "percent_tenth", "ratio"})
#: Unit kinds that always take the general path (``_from_main``).
_GENERAL_KINDS = frozenset({"percent_tenth", "anniversary"})
_NOT_A_UNIT_HERE = frozenset({"per_basis", "money_prefix", "money_minor", "percent_prefix"})


def _candidate(m: re.Match[str], clean: str) -> _Cand:
    cand = _plain(m, clean)
    if cand is _REJECTED:
        raise _Reject("no figure")
    if cand is not None:
        return cand
    return _general(m, clean)


def _general(m: re.Match[str], clean: str) -> _Cand:
    """Any form, from the groups (``gd[name]``).  The match itself serves
    them (``m.groupdict()`` builds all 34 of them, a few µs, for the handful
    read); a match of the simple pattern, which lacks the range's groups,
    through a dict with those unmatched (None)."""
    comp = compiled()
    gd: _Groups = m if m.re is comp.full else dict.fromkeys(comp.full.groupindex) | m.groupdict()
    if gd["pp"]:
        return _from_percent_prefix(m, gd)
    if gd["cp"]:
        return _from_money_prefix(m, gd)
    if gd["fd"]:
        return _from_fraction(m, gd)
    return _from_main(m, gd, clean)


class TooManyFigures(Exception):
    """A page holds more figure candidates than its budget allows (raised
    as soon as the count is passed: memory stays bounded by the budget)."""


def _scan(clean: str, skip: Sequence[tuple[int, int]] = (), limit: int | None = None) -> list[_Cand]:
    """Candidates left to right, never overlapping.  ``skip``: sorted clean
    spans (the dates) whose figures are dropped anyway: a match that lies
    inside one is not interpreted at all.  ``limit``: raise
    ``TooManyFigures`` past that many candidates."""
    comp = compiled()
    out: list[_Cand] = []
    pos = 0
    match = comp.full.match
    # skip[k] = (skip_start, skip_end): the first span that ends after the
    # current position (none: both beyond any offset).
    k, n_skip = 0, len(skip)
    skip_start, skip_end = skip[0] if n_skip else (_FAR, _FAR)
    # Long runs of number characters, as (start, end) in order: a position
    # inside one (after its first) starts no figure, and a match longer than
    # a figure can be is none; so each position costs at most a figure's
    # length, and a page costs time linear in its length.
    runs = iter([r.span() for r in comp.long_run.finditer(clean)] + [(_FAR, _FAR)])
    run_start, run_end = next(runs)
    for m0 in comp.anchor.finditer(clean):
        at = m0.start()
        if at < pos:
            continue
        while run_end <= at:
            run_start, run_end = next(runs)
        if run_start < at:
            continue
        m = match(clean, at)
        if m is None:
            continue
        if m.end() - at > MAX_FIGURE_CHARS:
            pos = at + 1
            continue
        if at >= skip_end:
            while k < n_skip and skip[k][1] <= at:
                k += 1
            skip_start, skip_end = skip[k] if k < n_skip else (_FAR, _FAR)
        if skip_start <= at and m.end() <= skip_end:
            pos = m.end()
            continue
        cand = None
        try:
            cand = _plain(m, clean)
            if cand is None:
                cand = _general(m, clean)
            elif cand is _REJECTED:  # (a plain match: no separator to retry after)
                pos = m.end()
                continue
        except _Reject:
            if m.group("sep") or m.group("psep") or m.group("csep"):
                m2 = comp.simple.match(clean, at)
                if m2 is not None:
                    try:
                        cand = _candidate(m2, clean)
                    except _Reject:
                        cand = None
                    if cand is not None:
                        out.append(cand)
                        pos = max(cand.end, at + 1)
                        continue
                    # Nothing at the start: look again right after the separator.
                    pos = m.end("sep") if m.group("n1") and m.group("sep") else at + 1
                    continue
            pos = m.end()
            continue
        out.append(cand)
        pos = max(cand.end, at + 1)
        if limit is not None and len(out) > limit:
            raise TooManyFigures(f"more than {limit} figure candidates")
    return out


#: How far before its 万/亿 a bare-magnitude figure may start, and its
#: noun end after it.
_BARE_REACH = 32


def _bare_magnitudes(clean: str, cands: list[_Cand]) -> list[_Cand]:
    """``cands`` with the bare 万/亿 numbers before a counted noun added
    (3.1万新生代农民工, 15万农民: a large count often drops its measure
    word; ``counted_nouns.csv`` gives the unit).  The surface is the number
    (with its qualifiers); ``unit_raw`` is the noun.  One that overlaps a
    candidate of the usual form is left out."""
    if "万" not in clean and "亿" not in clean and "萬" not in clean and "億" not in clean:
        return cands
    nouns = rules.counted_nouns()
    added: list[_Cand] = []
    taken = [(c.start, c.end) for c in cands]
    starts = [s for s, _ in taken]
    finditer = bare_magnitude().finditer
    size = len(clean)
    done = -1  # the end of the last figure found
    for t in bare_magnitude_trigger().finditer(clean):
        p = t.start()
        if p < done:
            continue
        # (the figure holding this 万/亿: its number and prefix start at
        # most BARE_REACH characters before it, its noun as far after it)
        m = next((m for m in finditer(clean, max(0, p - _BARE_REACH), min(size, p + _BARE_REACH))
                  if m.start("n") <= p < m.end("n")), None)
        if m is None:
            continue
        s, e = m.span()
        done = e
        i = bisect.bisect_right(starts, e - 1)
        if i and taken[i - 1][1] > s:
            continue
        try:
            value, off = _num_value(m["n"], allow_lone_one=True)
        except _Reject:
            continue
        if off:
            continue
        noun = m["noun"]
        qualifier = _qualifier("prefix", m["pre"]) or ("more_than" if m["q"] else "exact")
        start = m.start() if m["pre"] and _qualifier("prefix", m["pre"]) else m.start("n")
        added.append(_Cand(start, e, m.start("n"), value, nouns[noun], noun, qualifier))
    if "(" in clean:
        added += _bracketed(clean, cands)
    if not added:
        return cands
    return sorted(cands + added, key=lambda c: c.start)


#: Where a sentence ends (a unit carried over does not cross it).
_SENTENCE_BREAK = re.compile(r"[。！？!?；;\n]")


def _bracketed(clean: str, cands: list[_Cand]) -> list[_Cand]:
    """The bare 万/亿 numbers alone in brackets that take the unit of the
    figure before them in their sentence (新增转移就业115.2万人,完成年度计划
    (120万)的95.8%: Chinese leaves out a unit the sentence has just given).
    That figure must be a count written with 万/亿 itself (a number of the
    same kind); otherwise the bracketed number stays no figure."""
    out = []
    ends = [c.end for c in cands]
    for m in bracketed_magnitude().finditer(clean):
        s = m.start("n")
        i = bisect.bisect_right(ends, s) - 1
        if i < 0:
            continue
        before = cands[i]
        if before.end > s or _SENTENCE_BREAK.search(clean, before.end, s):
            continue
        if before.unit in ("percent", "percentage_point", "permille") or before.per or \
                not _BIG_ANY.search(clean, before.num_start, before.end):
            continue
        try:
            value, off = _num_value(m["n"], allow_lone_one=True)
        except _Reject:
            continue
        if off:
            continue
        qualifier = "more_than" if m["q"] else "exact"
        out.append(_Cand(s, m.end(), s, value, before.unit, before.unit_raw, qualifier))
    return out


def _overlaps(spans: list[tuple[int, int]], starts: list[int], s: int, e: int) -> bool:
    i = bisect.bisect_right(starts, e - 1)
    # spans are sorted by start; check the few that start before e
    for j in range(i - 1, -1, -1):
        a, b = spans[j]
        if b > s and a < e:
            return True
        if b <= s and j < i - 8:  # spans rarely nest deeply; stop early
            break
    return False


class _Line:
    """One line of the clean text, with its exclusion and sentence spans
    (computed on first use)."""

    __slots__ = ("lo", "hi", "start", "end", "ex_starts", "ex_ends", "ex_next", "_sent")

    def __init__(self, lo: int, hi: int, start: int, end: int) -> None:
        self.lo = lo  # the clean offsets that map to this line: lo <= pos < hi
        self.hi = hi
        self.start = start  # the line's text: clean[start:end]
        self.end = end
        # The line's exclusion spans found so far: every one starting
        # before ex_next.
        self.ex_starts: list[int] = []
        self.ex_ends: list[int] = []
        self.ex_next: int = start
        self._sent: tuple[list[tuple[int, int]], list[int]] | None = None


class _Lines:
    """Per-line facts computed only for the lines that hold a candidate
    (about a third of a page): exclusion spans and sentence spans.  Neither
    ever crosses a hard line break (no exclusion pattern matches a
    ``\\n``; a sentence ends at one), so a line's share equals what a scan
    of the whole page would find there.

    Candidates come left to right, so the line of the previous lookup is
    kept and reused while offsets stay inside it; another line's bounds are
    two ``str.find`` calls away (no list of every line break).  Exclusion
    spans (the costliest regex of the page: it tries its alternatives at
    every digit and at common characters such as 在/是/一) are looked for
    only just before each number looked up (see ``excluded``)."""

    def __init__(self, clean: str) -> None:
        self.clean = clean
        self._lines: dict[int, _Line] = {}  # by the line's start
        self._alphabet = rules.exclusion_alphabet()
        self._match_exclusion = rules.exclusion_regex().match
        self._last = _Line(0, -1, 0, 0)  # an empty range: the first lookup searches

    def line(self, pos: int) -> _Line:
        """The line holding clean offset ``pos`` (a ``\\n`` counts with the
        line after it)."""
        last = self._last
        if last.lo <= pos < last.hi:
            return last
        clean = self.clean
        a = clean.rfind("\n", 0, pos + 1) + 1
        got = self._lines.get(a)
        if got is None:
            b = clean.find("\n", pos + 1)
            got = self._lines[a] = _Line(
                a - 1 if a else 0, _FAR if b < 0 else b, a, len(clean) if b < 0 else b
            )
        self._last = got
        return got

    def excluded(self, pos: int) -> bool:
        """An exclusion span of ``pos``'s line contains ``pos``.  The spans
        are those of a scan of the whole line (left to right, no overlaps),
        found lazily: only those starting at or before ``pos`` are looked
        for, and from the last character before ``pos`` that no span can
        contain (see below)."""
        line = self._last
        if not line.lo <= pos < line.hi:
            line = self.line(pos)
        starts, ends = line.ex_starts, line.ex_ends
        if pos >= line.ex_next:
            alphabet = self._alphabet
            if alphabet is None:
                self._scan_whole_line(line)
            else:
                # Try each position up to pos, as a scan would; a span moves
                # the scan to its end.  Exclusion spans are never empty.
                match = self._match_exclusion
                clean = self.clean
                endpos = min(line.end + 1, len(clean))
                # Start right after the last character before pos that no
                # exclusion span can contain (``rules.exclusion_alphabet``:
                # no span crosses it, so a scan started after it finds what
                # the scan of the whole line finds there), or where the scan
                # stands (ex_next) when there is none after it.  Most numbers
                # have one a few characters before them, so a handful of
                # positions are tried instead of the whole line before it.
                floor = line.ex_next
                at = pos - 1
                while at >= floor and clean[at] in alphabet:
                    at -= 1
                at += 1
                while at <= pos:
                    m = match(clean, at, endpos)
                    if m is None:
                        at += 1
                    else:
                        starts.append(at)
                        at = m.end()
                        ends.append(at)
                line.ex_next = at
        i = bisect.bisect_right(starts, pos) - 1
        while i >= 0:
            if ends[i] > pos:
                return True
            if pos - starts[i] > 64:  # spans are short: stop looking back
                return False
            i -= 1
        return False

    def _scan_whole_line(self, line: _Line) -> None:
        """All the line's spans at once (when no character is known to be
        outside every span: ``rules.exclusion_alphabet`` is None)."""
        for m in rules.exclusion_regex().finditer(
            self.clean, line.start, min(line.end + 1, len(self.clean))
        ):
            s, e = m.span()
            if e > s:
                line.ex_starts.append(s)
                line.ex_ends.append(e)
        line.ex_next = _FAR

    def sentences(self, start: int, end: int) -> tuple[list[tuple[int, int]], list[int]]:
        """Sentence spans (and their starts) around the clean span."""
        line = self._last
        if not line.lo <= start < line.hi:
            line = self.line(start)
        a, b = line.start, line.end
        if end > b:  # crosses a line break (never, in practice): whole page
            spans = split_sentences(self.clean)
            return spans, [s for s, _ in spans]
        got = line._sent
        if got is None:
            spans = split_sentences(self.clean, a, b)
            got = line._sent = (spans, [s for s, _ in spans])
        return got


#: Beyond any clean offset (the last line's upper bound); an int, so that
#: offsets stay ints when the extractor is compiled (etl/native.py).
_FAR = 1 << 60


#: A length after one of these words is a speed (``设计时速100公里``): the
#: vocabulary has no speed unit, so it is published as ``other``, never km/m.
SPEED_WORDS = re.compile(r"(?:时速|车速|航速|风速|速度|最高速度)(?:为|达|达到|约|可达|超过|不超过)?$")
_LENGTH_UNITS = frozenset({"km", "m"})


#: A figure's context is its sentence, unless the sentence is longer than
#: this: then the clause around the figure within CONTEXT_REACH characters
#: on each side (or just that window, in a run-on text without
#: punctuation).  Without a bound a page of figures without punctuation
#: published its whole text once per figure: output the square of the page.
MAX_CONTEXT_CHARS = 200
CONTEXT_REACH = 60
_CLAUSE_MARK = re.compile(r"[，,；;：:、。！？!?\n]")


def _clause_around(clean: str, cs: int, ce: int, start: int, end: int) -> tuple[int, int]:
    """The clause of the sentence ``clean[cs:ce]`` that holds the figure
    ``clean[start:end]``, cut to CONTEXT_REACH characters on each side."""
    lo = max(cs, start - CONTEXT_REACH)
    hi = min(ce, end + CONTEXT_REACH)
    marks_before = [m.end() for m in _CLAUSE_MARK.finditer(clean, lo, start)]
    if marks_before:
        lo = marks_before[-1]
    mark_after = _CLAUSE_MARK.search(clean, end, hi)
    if mark_after:
        hi = mark_after.start()
    return lo, hi


def extract_figures(
    repaired: Repaired, exclude_spans: Iterable[tuple[int, int]] = (), max_candidates: int | None = None
) -> list[Figure]:
    """Every figure of the page, sorted by ``char_start``.

    ``exclude_spans`` are clean (start, end) spans, e.g. the dates: a figure
    overlapping one of them is not emitted.  ``max_candidates``: raise
    ``TooManyFigures`` when the page holds more candidates than that.
    """
    clean = repaired.clean
    spans = sorted((int(s), int(e)) for s, e in exclude_spans)
    cands = _bare_magnitudes(clean, _scan(clean, spans, max_candidates))
    if not cands:
        return []
    lines = _Lines(clean)
    span_starts = [s for s, _ in spans]
    # Dates never overlap one another: then the span just before a figure's
    # end is the only one it can overlap (one bisection, no walk back).
    disjoint = all(spans[k][1] <= spans[k + 1][0] for k in range(len(spans) - 1))
    excluded = lines.excluded
    sentence_spans = lines.sentences
    raw_span = repaired.raw_span
    run_span = repaired.raw_index.span  # raw_span's own path for a non-empty span
    raw = repaired.raw
    display_text = repaired.display_text
    out: list[Figure] = []
    contexts: dict[tuple[int, int], str] = {}
    for c in cands:
        ns = c.num_start
        if ns >= 2 and clean[ns - 1] == " " and clean[ns - 2] in _DIGIT_CHARS:
            continue  # 1 800人: the number may be the tail of a spaced-out one
        start, end = c.start, c.end
        if spans:
            if disjoint:
                i = bisect.bisect_right(span_starts, end - 1)
                if i and spans[i - 1][1] > start:
                    continue
            elif _overlaps(spans, span_starts, start, end):
                continue
        if excluded(ns):  # an exclusion span holds the number's first character
            continue
        sentences, sent_starts = sentence_spans(start, end)
        k = bisect.bisect_right(sent_starts, start) - 1
        if k >= 0 and sentences[k][1] >= end:
            cs, ce = sentences[k]
        else:
            cs, ce = start, end
            if k >= 0:
                cs = min(cs, sentences[k][0])
            j = bisect.bisect_left(sent_starts, end)
            if 0 < j <= len(sentences):
                ce = max(ce, sentences[j - 1][1])
        if ce - cs > MAX_CONTEXT_CHARS:
            cs, ce = _clause_around(clean, cs, ce, start, end)
        context = contexts.get((cs, ce))
        if context is None:
            context = contexts[cs, ce] = display_text(cs, ce)
        unit = c.unit
        if unit in _LENGTH_UNITS and SPEED_WORDS.search(clean, max(0, start - 6), start):
            unit = "other"
        rs, re_ = run_span(start, end) if start < end else raw_span(start, end)
        value_max = c.value_max
        out.append(
            new_figure(
                rs, re_, raw[rs:re_], float(c.value), unit, c.unit_raw, c.qualifier, context,
                None if value_max is None else float(value_max), c.per, start, end,
            )
        )
    out.sort(key=lambda f: (f.char_start, f.char_end))
    return out
