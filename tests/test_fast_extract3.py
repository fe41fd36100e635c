"""Faster constructions and fast paths must give exactly what the plain
computation gives."""

from __future__ import annotations

import dataclasses
import datetime as dt
import pickle
import random

from etl import records


def _random_figure_args(rng: random.Random) -> tuple:
    return (
        rng.randint(0, 9999), rng.randint(0, 9999), rng.choice(["12人", "3.5万元", ""]),
        rng.choice([0.5, 12.0, -3.0, 1e8]), rng.choice(["person", "CNY", "percent"]),
        rng.choice(["人", "万元", "%"]), rng.choice(["exact", "range", "approx"]),
        rng.choice(["全区新增就业12人。", ""]), rng.choice([None, 20.0]),
        rng.choice([None, "month", "year"]), rng.randint(0, 9999), rng.randint(0, 9999),
    )


def _random_date_args(rng: random.Random) -> tuple:
    day = dt.date(2020, 1, 1) + dt.timedelta(days=rng.randint(0, 2000))
    return (
        rng.randint(0, 9999), rng.randint(0, 9999), rng.choice(["2022年", "今年", "1月16日"]),
        rng.choice(["day", "month", "year", "period"]), rng.choice([None, day]),
        rng.choice([None, day + dt.timedelta(days=3)]),
        rng.choice(["absolute", "relative", "issue_year", "unresolved"]),
        rng.randint(0, 9999), rng.randint(0, 9999),
    )


def _same_record(fast, plain) -> None:
    assert type(fast) is type(plain)
    assert fast == plain and not (fast != plain)
    assert hash(fast) == hash(plain)
    assert repr(fast) == repr(plain)
    assert dataclasses.astuple(fast) == dataclasses.astuple(plain)
    assert pickle.loads(pickle.dumps(fast)) == plain
    assert dataclasses.replace(fast) == plain


def test_record_constructors_cover_every_field_in_order():
    for cls, new in ((records.Figure, records.new_figure),
                     (records.DateMention, records.new_date_mention)):
        names = [f.name for f in dataclasses.fields(cls)]
        assert list(cls.__slots__) == names
        assert list(new.__code__.co_varnames[: new.__code__.co_argcount]) == names


def test_new_figure_equals_the_dataclass_constructor():
    rng = random.Random(20261126)
    for _ in range(2000):
        args = _random_figure_args(rng)
        _same_record(records.new_figure(*args), records.Figure(*args))


def test_new_date_mention_equals_the_dataclass_constructor():
    rng = random.Random(20261127)
    for _ in range(2000):
        args = _random_date_args(rng)
        _same_record(records.new_date_mention(*args), records.DateMention(*args))


def test_fast_records_stay_frozen():
    import pytest

    f = records.new_figure(*_random_figure_args(random.Random(1)))
    with pytest.raises(dataclasses.FrozenInstanceError):
        f.value = 1.0  # type: ignore[misc]


def _general_outcome(m, clean):
    from etl import figures

    try:
        return figures._general(m, clean)
    except figures._Reject:
        return "reject"


def test_plain_path_agrees_with_the_general_path():
    """Wherever ``_plain`` decides (a candidate, or ``_REJECTED`` instead of
    raising), the group-dict path decides the same; random text dense in
    numbers, the indefinite 一 and units (those with a ``not_followed_by``
    test too)."""
    from etl import figures, rules

    comp = figures._compiled()
    units = sorted({u.unit_raw for u in rules.units()})
    followers = sorted({w for u in rules.units() if u.not_followed_by is not None
                        for w in u.not_followed_by.pattern.replace("(?:", "").replace(")", "").split("|")
                        if w and w.isalpha()})
    pieces = ["1", "12", "2022", "3.5", "4.2023", "1000", "2999", "一", "幺", "两", "十", "个",
              "多", "余", "年", "月", "日", "的", "，", "\n", "约", "近", "-", "至", "万", "亿"]
    numbers = ["1", "12", "2022", "4.2023", "一", "一", "幺", "3.5", "0"]
    rng = random.Random(20261128)
    decided = {"cand": 0, "reject": 0}
    for _ in range(4000):
        clean = "".join(
            rng.choice(numbers) + rng.choice(units) if r < 0.3
            else rng.choice(units) if r < 0.45 else rng.choice(followers) if r < 0.55
            else rng.choice(pieces)
            for r in (rng.random() for _ in range(rng.randint(1, 10)))
        )
        for at in range(len(clean)):
            m = comp.full.match(clean, at)
            if m is None:
                continue
            try:
                fast = figures._plain(m, clean)
            except figures._Reject:
                fast = "reject"  # (raised by _unit_rule, as on the general path)
            if fast is None:
                continue
            if fast is figures._REJECTED:
                fast = "reject"
            decided["cand" if fast != "reject" else "reject"] += 1
            assert fast == _general_outcome(m, clean), (clean, at)
    assert decided["cand"] > 1000 and decided["reject"] > 300, decided


def _from_group_dict(m, clean):
    """``_general`` as it was: every group in a dict (``m.groupdict()``,
    the groups a pattern lacks as None)."""
    from etl import figures

    gd = dict.fromkeys(figures._compiled().full.groupindex) | m.groupdict()
    try:
        if gd["pp"]:
            return figures._from_percent_prefix(m, gd)
        if gd["cp"]:
            return figures._from_money_prefix(m, gd)
        if gd["fd"]:
            return figures._from_fraction(m, gd)
        return figures._from_main(m, gd, clean)
    except figures._Reject:
        return "reject"


def _a_range(rng: random.Random) -> str:
    numbers = ["1", "3", "12", "3.5", "一", "两", "五", "十", "1,200"]
    return (rng.choice(numbers) + rng.choice(["", "万", "人"]) + rng.choice(["-", "至", "~", "—"])
            + rng.choice(numbers) + rng.choice(["", "万", "亿"]) + rng.choice(["人", "元", "%", "万元"]))


def test_groups_read_from_the_match_agree_with_the_group_dict():
    """``_general`` reads the groups from the match itself; on random text
    dense in every form (qualifiers, ranges, rates, percent and money
    prefixes, fractions, 成, minor units), full and simple patterns alike,
    it decides as with the group dict."""
    from etl import figures, rules

    comp = figures._compiled()
    units = sorted({u.unit_raw for u in rules.units()})
    words = sorted({q.word for q in rules.qualifiers()})
    pieces = ["1", "12", "3.5", "2022", "1,234", "一", "两", "三", "十", "百", "千", "万", "亿",
              "-", "至", "到", "~", "—", "负", "分之", "百分之", "成", "半", "又", "零", "角", "分",
              "¥", "$", "/", "以上", "左右", "余", "多", "k", " ", "，", "的"]
    rng = random.Random(20261129)
    seen = {"cand": 0, "reject": 0, "range": 0, "percent": 0, "money": 0, "fraction": 0}
    for _ in range(3000):
        clean = "".join(
            _a_range(rng) if r < 0.1
            else rng.choice(units) if r < 0.25 else rng.choice(words) if r < 0.4 else rng.choice(pieces)
            for r in (rng.random() for _ in range(rng.randint(1, 12)))
        )
        for pattern in (comp.full, comp.simple):
            for at in range(len(clean)):
                m = pattern.match(clean, at)
                if m is None:
                    continue
                try:
                    fast = figures._general(m, clean)
                except figures._Reject:
                    fast = "reject"
                seen["reject" if fast == "reject" else "cand"] += 1
                if fast != "reject":
                    seen["range"] += fast.qualifier == "range"
                    seen["percent"] += bool(m["pp"])
                    seen["money"] += bool(m["cp"])
                    seen["fraction"] += bool(m["fd"])
                assert fast == _from_group_dict(m, clean), (clean, at, pattern is comp.full)
    assert seen["cand"] > 1000 and seen["reject"] > 300, seen
    assert min(seen["range"], seen["percent"], seen["money"], seen["fraction"]) > 20, seen


def _scan_as_before(clean, skip=()):
    """``figures._scan`` as it was (the skip spans walked by index, every
    rejection raised): the plain reference for the restructured loop."""
    from etl import figures

    comp = figures._compiled()
    out = []
    pos = 0
    k, n_skip = 0, len(skip)
    for m0 in comp.anchor.finditer(clean):
        at = m0.start()
        if at < pos:
            continue
        m = comp.full.match(clean, at)
        if m is None:
            continue
        if n_skip:
            while k < n_skip and skip[k][1] <= at:
                k += 1
            if k < n_skip and skip[k][0] <= at and m.end() <= skip[k][1]:
                pos = m.end()
                continue
        cand = None
        try:
            cand = figures._candidate(m, clean)
        except figures._Reject:
            if m.group("sep") or m.group("psep") or m.group("csep"):
                m2 = comp.simple.match(clean, at)
                if m2 is not None:
                    try:
                        cand = figures._candidate(m2, clean)
                    except figures._Reject:
                        cand = None
                    if cand is not None:
                        out.append(cand)
                        pos = max(cand.end, at + 1)
                        continue
                    pos = m.end("sep") if m.group("n1") and m.group("sep") else at + 1
                    continue
            pos = m.end()
            continue
        out.append(cand)
        pos = max(cand.end, at + 1)
    return out


def test_scan_agrees_with_the_plain_loop():
    """Random text (numbers, units, the indefinite 一, ranges, years) and
    random sorted, non-overlapping skip spans (as the dates are)."""
    from etl import figures, rules

    units = sorted({u.unit_raw for u in rules.units()})
    pieces = ["1", "12", "2022", "3.5", "一", "两", "十", "万", "年", "月", "日", "的", "，",
              "\n", "约", "近", "以上", "-", "至", "第", "百分之", "¥"]
    rng = random.Random(20261130)
    total = 0
    for _ in range(1500):
        clean = "".join(
            _a_range(rng) if r < 0.1 else rng.choice(units) if r < 0.35 else rng.choice(pieces)
            for r in (rng.random() for _ in range(rng.randint(1, 15)))
        )
        cuts = sorted(rng.sample(range(len(clean) + 1), min(len(clean) + 1, 2 * rng.randint(0, 3))))
        skip = [(a, b) for a, b in zip(cuts[0::2], cuts[1::2]) if b > a]
        fast = figures._scan(clean, skip)
        assert fast == _scan_as_before(clean, skip), (clean, skip)
        total += len(fast)
    assert total > 1000


def test_display_text_of_the_raw_runs_matches_slicing_display():
    """``Repaired.display_text`` joins only the raw runs behind the span
    until ``display`` is built; random OCR-like pages (odd spaces, line
    separators, full-width characters, soft and hard breaks), every span."""
    from etl.textrepair import repair

    pool = list("就业率达1234567890万元人，。、“”（）ＡＢ１２３　\u00a0\t\r\n\u2028 .%OoK") + ["\n\n", "  ", "4. "]
    rng = random.Random(20261131)
    for _ in range(400):
        raw = "".join(rng.choice(pool) for _ in range(rng.randint(0, 60)))
        fresh = repair(raw)
        display = repair(raw).display
        n = len(fresh.clean)
        for start in range(n):
            for end in range(start + 1, min(n, start + 25) + 1):
                assert fresh.display_text(start, end) == display[start:end], (raw, start, end)
        assert "display" not in fresh.__dict__  # (not built on the way)
        assert fresh.display_text(n // 2, n // 2) == ""
        assert fresh.display_text(0, n) == display  # once built, sliced
        assert fresh.display_text(-1, n + 3) == display[-1 : n + 3]


def test_anchor_drops_only_positions_where_no_figure_starts():
    """The anchor's number-run lookahead (``_no_follower_after_number``)
    drops a position only where the figure regex cannot match: on random
    text dense in number characters, units, qualifiers, percent and money
    prefixes and ordinary words, the anchors kept are the old anchors
    where the regex matches, and more."""
    import re

    from etl import figures, rules

    comp = figures._compiled()
    suffix = figures._no_follower_after_number()
    assert comp.anchor.pattern.endswith(suffix)
    old = re.compile(comp.anchor.pattern[: -len(suffix)], re.S)
    units = sorted({u.unit_raw for u in rules.units()})
    words = sorted({q.word for q in rules.qualifiers()})
    pieces = list("0123456789一二两三十百千万亿零〇半兆点,.kK 　\n月日号江直切分之成余多-负—至到~的，。人元%")
    pieces += ["百分之", "千分之", "¥", "$", "k", " k", "1 8", "三江", "一直", "1月", "16日元"]
    rng = random.Random(20261201)
    kept = dropped = 0
    for _ in range(3000):
        clean = "".join(
            rng.choice(units) if r < 0.2 else rng.choice(words) if r < 0.3 else rng.choice(pieces)
            for r in (rng.random() for _ in range(rng.randint(1, 14)))
        )
        new_starts = {m.start() for m in comp.anchor.finditer(clean)}
        for m in old.finditer(clean):
            at = m.start()
            if at in new_starts:
                kept += 1
            else:
                dropped += 1
                assert comp.full.match(clean, at) is None, (clean, at)
        assert new_starts <= {m.start() for m in old.finditer(clean)}
    assert kept > 5000 and dropped > 1000, (kept, dropped)


# ---------------------------------------------------------------- repair

import bisect  # noqa: E402
from operator import sub  # noqa: E402


def _repair_as_before(raw: str):
    """``textrepair.repair`` as it was (every line's end looked at, every line
    start tried for a list number): the plain reference."""
    from etl.textrepair import (
        _ARABIC_LIST_ITEM, _ASCII_ALNUM, _BREAK, _DIGITISH, _DIGITS, _DROP_SPACES, _LIST_NUMBER,
        SENTENCE_END, SOFT_BREAK_RATIO, RawIndex, Repaired, _normalize, _short_break_is_soft,
        _zero_for_letter_o,
    )

    norm = _zero_for_letter_o(_normalize(raw))
    size = len(norm)
    lo = size - len(norm.lstrip(" \n"))
    hi = len(norm.rstrip(" \n"))
    if lo >= hi:
        return Repaired(raw=raw, clean="", raw_index=RawIndex([], [], len(raw)))

    # Lines (stripped of their spaces) lie between the break regions.
    regions = [m.span() for m in _BREAK.finditer(norm, lo, hi)]
    starts = [lo, *[e for _, e in regions]]
    ends = [s if norm[s - 1] != " " else len(norm[:s].rstrip(" ")) for s, _ in regions]
    ends.append(hi)

    # Dropped spans: page margins, soft breaks, hard breaks but their first
    # "\n", and spaces inside lines.
    drops: list[tuple[int, int]] = [(0, lo), (hi, size)]
    if regions:
        lengths = sorted(map(sub, ends, starts))
        mid = len(lengths) // 2
        threshold = SOFT_BREAK_RATIO * (lengths[mid] + lengths[~mid]) / 2
        # Rules decided by the characters around the break and the length of
        # the line (True/False), in one pass; None: a short line, decided next.
        soft: list[bool | None] = [
            False if (last := norm[b - 1]) in SENTENCE_END
            else True if last in _DIGITISH and norm[c] not in _ASCII_ALNUM
            else (norm[c] not in _DIGITS or not _ARABIC_LIST_ITEM.match(norm, c, d))
            if b - a >= threshold
            else None
            for a, b, c, d in zip(starts, ends, starts[1:], ends[1:])
        ]
        for i, decided in enumerate(soft):
            if decided is None:
                joined = i > 0 and bool(soft[i - 1])
                soft[i] = _short_break_is_soft(
                    norm[starts[i] : ends[i]], norm[starts[i + 1] : ends[i + 1]], joined
                )
        drops += [(s if sf else s + 1, e) for (s, e), sf in zip(regions, soft)]
    spaces = [m.span() for m in _DROP_SPACES.finditer(norm, lo, hi)]
    if spaces:
        # Keep the space after a list number that starts a line (4. 2023年).
        for a in starts:
            if norm[a] in _DIGITS and _LIST_NUMBER.match(norm, a):
                run = norm.index(".", a) + 1
                j = bisect.bisect_left(spaces, (run,))
                if j < len(spaces) and spaces[j][0] == run:
                    spaces[j] = (run + 1, spaces[j][1])
        drops += spaces
    drops.sort()

    # Keep what lies between the dropped spans.
    kept = [(a, b) for (_, a), (b, _) in zip(drops, drops[1:]) if b > a]
    clean = "".join([norm[a:b] for a, b in kept])
    keep_starts = [a for a, _ in kept]
    keep_ends = [b for _, b in kept]
    return Repaired(raw=raw, clean=clean, raw_index=RawIndex(keep_starts, keep_ends, len(raw)))


def _before_spaces(text: str, end: int) -> int:
    """Where the spaces just before ``end`` start (``text[:end]`` holds a
    non-space; no copy of the text before, as ``rstrip`` would make)."""
    while text[end - 1] == " ":
        end -= 1
    return end


def test_repair_agrees_with_the_former_line_walk():
    """Lines ending in spaces found by one search, the list-number walk
    skipped when no digit-dot-space-digit is anywhere: random OCR-like pages
    dense in trailing spaces, blank lines, list numbers (``4. 2023年``) and
    sentence ends give the same clean text and offsets."""
    from etl.textrepair import repair

    pool = (list("就业率达人元万，。；：“”（）") + ["1", "23", "4. ", "4.", " ", "  ", "\n", "\n\n", " \n",
            "  \n ", "\n  ", "　", "\r\n", "4. 2023年", "\n3. 5", "2.  7", "一、", "(3)", "12."])
    rng = random.Random(20261202)
    for _ in range(4000):
        raw = "".join(rng.choice(pool) for _ in range(rng.randint(0, 40)))
        got, want = repair(raw), _repair_as_before(raw)
        assert (got.clean, got.raw_index) == (want.clean, want.raw_index), raw



# ---------------------------------------------------------------- dates

from etl.dates import (  # noqa: E402
    _PREFIXED_NAMES, _ARABIC_NOT_AFTER, _CN_MONTH_NOT_AFTER, _CN_NUMERAL_NOT_AFTER, _CN_NUMERALS,
    LUNAR_MARKER, RELATIVE_NOT_AFTER, RELATIVE_NOT_BEFORE, RELATIVE_YEARS, ROLLOVER_MONTHS,
    _after_list_number, _days_in_month, _Invalid, _month_end,
)


def _resolve_as_before(a: _End, b: _End, issue: dt.date | None,
             ) -> tuple[dt.date | None, dt.date | None, str]:
    """Start/end dates and resolution of the span from ``a`` to ``b``
    (a point mention passes the same end twice)."""
    kinds = {a.kind, b.kind} - {None}
    resolution = (
        "absolute" if "absolute" in kinds
        else "relative" if kinds else "issue_year"
    )
    # Fill a missing year from the other end, else from the issue date.
    if a.year is None and b.year is not None:
        a.year = b.year - (1 if a.key() > b.key() else 0)
    elif b.year is None and a.year is not None:
        b.year = a.year + (1 if b.key() < a.key() else 0)
    elif a.kind is None and b.kind is None and issue is not None:
        # A period from January (1至11月, 前三季度) is cumulative and reported
        # once over: judged by its end.  Anything else by its start.
        month = b.month if a.month == 1 else a.month
        a.year = issue.year - (1 if month - issue.month > ROLLOVER_MONTHS else 0)
        b.year = a.year + (1 if b.key() < a.key() else 0)
    if a.year is None or b.year is None:
        # Needs the issue date, which is unknown: still reject impossible
        # days (2月30日; 2月29日 is checked against a leap year).
        for e in (a, b):
            if e.day is not None and e.day > _days_in_month(2000, e.month):
                raise _Invalid
        return None, None, "unresolved"
    try:
        start = dt.date(a.year, a.month or 1, a.day or 1)
        if b.day is not None:
            end = dt.date(b.year, b.month, b.day)
        else:
            end = _month_end(b.year, b.month or 12)
    except ValueError:
        raise _Invalid from None
    if end < start:
        raise _Invalid
    return start, end, resolution


def _context_ok_as_before(text: str, m: re.Match[str]) -> bool:
    """Reject matches glued to a neighbouring number or word."""
    s, e = m.span()
    first = text[s]
    prev = text[s - 1] if s else ""
    if prev:
        if first.isascii() and first.isdigit() and prev in _ARABIC_NOT_AFTER \
                and not _after_list_number(text, s):
            return False
        if first in _CN_NUMERALS:
            if prev in _CN_NUMERAL_NOT_AFTER:
                return False
            if (m.lastgroup == "pt" and prev in _CN_MONTH_NOT_AFTER
                    and m.group("y") is None and m.group("r") is None):
                return False
    name = m.lastgroup
    if name == "ymd" and e < len(text) and text[e].isdigit():
        return False
    # A year-less month or quarter right after 年 belongs to a year written
    # in a form we do not read (``18年10月``, ``康熙三年五月``) or to a
    # recurring time (``每年3月``): not the issue year.
    if (prev == "年" and name in _PREFIXED_NAMES
            and m.group("y") is None and m.group("r") is None):
        return False
    if text.endswith(LUNAR_MARKER, 0, s):
        return False
    # Relative word: check the word's own neighbours.
    for word, bad_before in RELATIVE_NOT_AFTER.items():
        if text.startswith(word, s) and prev and prev in bad_before:
            return False
    if e - s == 2 and text[s:e] in RELATIVE_YEARS:
        if e < len(text) and text[e] in RELATIVE_NOT_BEFORE:
            return False
    return True


def test_dates_agree_with_the_former_context_test_and_resolution(monkeypatch):
    """``_context_ok`` tests the relative words' neighbours only after one of
    their first characters, ``_resolve`` builds no set: random text dense in
    dates, relative years and the characters around them gives the same
    mentions as with the former functions, with and without an issue date."""

    from etl import dates
    from etl.textrepair import repair

    pieces = ["2022年", "2019-2021年", "今年", "去年", "前年", "明年", "上半年", "1月", "11月16日",
              "3月至5月", "1至11月", "前三季度", "第一季度", "农历", "年", "月", "日", "送", "多",
              "1", "二", "十", "以来", "轻", "纪", "的", "，", "次年", "-", "至", "年度", "份", "\n",
              "今年11月至2023年3月", "去年3月-2022年1月", "11月至次年3月", "2022年1月16日至2月3日"]
    rng = random.Random(20261203)
    texts = ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 12))) for _ in range(3000)]
    issues = [None, dt.date(2023, 1, 15), dt.date(2022, 12, 1)]

    def mentions():
        return [dates.extract_dates(repair(t), issue) for t in texts for issue in issues]

    fast = mentions()
    monkeypatch.setattr(dates, "_context_ok", _context_ok_as_before)
    monkeypatch.setattr(dates, "_resolve", _resolve_as_before)
    assert fast == mentions()
    assert sum(map(len, fast)) > 5000
