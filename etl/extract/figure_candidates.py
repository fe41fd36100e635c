"""Reading one figure candidate: a match of the figure pattern
(``etl.extract.figure_patterns``) turned into its value, unit, qualifier and
span (``_Cand``), or rejected (``_Reject``).

Split from ``etl.extract.figures``, which scans a page, reads each match here
(``_plain``: the common case, an Arabic number directly followed by its unit,
read without building the group dict; else ``_general``) and turns the
candidates into the page's figures (its docstring lists the rules a
candidate is checked by).  The bare 万/亿 numbers without a unit word are
found by ``etl.extract.figure_bare``, which reads their numbers here
(``_num_value``).  The underscore names are shared by these modules only.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from etl.extract import rules
from etl.extract.figure_patterns import CN_DIGITS, MULTIPLIERS, compiled
from etl.extract.numerals import parse_number

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


# ---------------------------------------------------------------- candidates


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
