"""Dates and periods mentioned on a page, resolved to ISO date ranges.

Works on the repaired (clean) text, so OCR spaces, full-width digits and soft
line breaks inside a date (``去\\n\\n年 11 月 16 日``) are already gone; every
span is mapped back to raw offsets through ``Repaired.raw_span``.  One
precompiled regex (:data:`_DATE_RE`) scans the clean text; its branches are
tried longest form first at each position, so ``2022 年 1 月-11 月`` is one
period, not a year plus two months, and mentions never overlap.

Forms recognized (``Y`` a year 1900-2100 in Arabic or Chinese digits, ``M`` a
month 1-12, ``D`` a day 1-31, both also in Chinese numerals; ``R`` a relative
year word of :data:`RELATIVE_YEARS`; ``~`` any of :data:`RANGE_CONNECTORS`):

=============================================  =============  ==============
form                                           granularity    example
=============================================  =============  ==============
``Y年M月D日`` / ``M月D日`` / ``R M月D日``       day            ``1月15日``, ``3月3号``
``[Y|R] 元月D日`` (元月: January)               day            ``元月16日``
``Y-M-D``, ``Y/M/D``, ``Y.M.D``                day            ``2022.11.16``
``Y年M月`` / ``M月`` / ``R M月`` (+ ``份``)      month          ``去年1月``
``Y年`` / ``Y年度`` / ``R`` / ``R度``           year           ``2022年``, ``上年度``
``[Y|R] 第?Q季度``                              quarter        ``一季度``
``[Y|R] 前Q季度``, ``Q~Q季度``                  period         ``前三季度``
``[Y|R] 上半年`` / ``下半年``                    period         ``上半年``
``Y|R 前N个月`` (year required)                  period         ``今年前11个月``
``M月D日~[[Y年|次年]M月]D日``, ``M月D~D日``      period         ``1月16日-18日``
``M月D日和D日``, ``M月D、D日``                   period         ``3月18日和19日``
``M月~[Y年|次年]M月``, ``M~M月``                 period         ``1至11月``
``Y[年[度]]~Y年[度]``                            period         ``2019—2021年度``
``Y0年代``                                      period         ``1990年代``
``R以来``                                       period         ``今年以来``
=============================================  =============  ==============

Resolution (``DateMention.resolution``):

* ``absolute``: a year is written.  In a range, a side without a year takes
  the other side's (``2022年11月至3月`` ends in 2023, ``1至11月`` is one year).
* ``relative``: :data:`RELATIVE_YEARS` offsets from the issue year (``去年``
  is issue year - 1).  ``R以来`` (``今年以来``) is a period from 1 January of
  that year to the **last day of the issue month**: the pipeline only
  guarantees the issue month, so the issue day is never used.
* ``issue_year``: no year written (``1月15日``): the issue year, **except**
  when the mention would start more than :data:`ROLLOVER_MONTHS` months after
  the issue month, then the previous year (``12月28日``, ``四季度`` or
  ``下半年`` on a January page are last year's; ``下半年`` on a July page is
  this year's).  A period starting in January is cumulative statistics
  reported once it is over, so it is judged by its *end* month instead:
  ``1至11月``, ``前三季度`` or ``上半年`` on a January page are last year's,
  ``1—3月`` and ``一季度`` this year's.  Only the issue month and year are
  used.  No rule pushes a date into the next year (a December page's ``1月``
  stays in the issue year).
* ``unresolved``: the mention needs the issue date and it is unknown
  (``issue_date is None``): ``start`` and ``end`` are None.

Bare relative years are dates wherever they stand (``今年59岁``, ``去年同期``),
except where the characters around them make another word (``如今年轻人``,
``送去年货``, ``上年纪``: :data:`RELATIVE_NOT_BEFORE`,
:data:`RELATIVE_NOT_AFTER`).  A number glued to a preceding digit (``12022年``,
``1.5月``) or a Chinese numeral (``二十一月``) is not a date (but a year
after a list number that starts its line is: ``4.2023年3月``), nor is a bare
Chinese-numeral month after a word that makes ``一`` a word (``同一月份``).

Not dates (never emitted): durations and ages (``30多年``, ``10余年``,
``不到6年``, ``59岁``: the year must be 4 digits 1900-2100 directly before
``年``), vague spans (``近两年``, ``近年来``, ``这些年``), holidays and lunar
dates (``春节``, ``腊月``), bare days (``16日``, ``3号``: they need the issue
day, which is not reliable), two-digit years and era years and whatever
month follows them (``18年10月1日``, ``康熙三年五月``: a year-less month
right after ``年`` is never given the issue year; this also drops the
recurring ``每年3月``), lunar dates after ``农历``.  ``Y年以来`` written with
a year yields only ``Y年``.  Invalid calendar dates (``2月30日``,
``2023年2月29日``; ``2月29日`` when the resolved year is not a leap year) and
reversed ranges are dropped entirely, not emitted unresolved: they are OCR
errors far more often than real dates.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

from etl.extract.records import DateMention, new_date_mention
from etl.extract.rules import RELATIVE_YEARS
from etl.extract.textrepair import Repaired

# --------------------------------------------------------------------------
# Vocabulary tables
# --------------------------------------------------------------------------


#: A relative word is not a date when the next character makes it part of
#: another word (``如今年轻人``, ``失去年纪``, ``上年纪``, ``年龄``).
RELATIVE_NOT_BEFORE = "轻纪龄代华迈级幼"

#: ... or when the previous character does (``过去年代``, ``送去年货``,
#: ``三年前年``).
RELATIVE_NOT_AFTER: dict[str, str] = {
    "去年": "过失离回除送寄带捎拿运递",
    "前年": "0123456789〇零○一二三四五六七八九十百千两几多",
}

#: In a range, the end is in the year after the start (``11月至次年3月``).
NEXT_YEAR_WORDS = ("次年", "翌年", "第二年")

#: Lunar calendar dates are not converted: a mention right after this
#: marker is dropped (``农历2015年十月初一``).
LUNAR_MARKER = "农历"

#: The first characters of the words of ``RELATIVE_NOT_AFTER``.
_RELATIVE_NOT_AFTER_FIRSTS = frozenset(word[0] for word in RELATIVE_NOT_AFTER)

#: Half years -> (first month, last month).
HALF_YEARS: dict[str, tuple[int, int]] = {"上半年": (1, 6), "下半年": (7, 12)}

#: Range connectors between the two ends of a period (the clean text has
#: full-width ``－``/``～`` already turned into ``-``/``~``).
RANGE_CONNECTORS = ("至", "到", "——", "—", "–", "―", "─", "-", "~", "〜")

#: A year-less mention may start (a period from January: end) at most this
#: many months after the issue month; later than that it is taken from the
#: previous year.
ROLLOVER_MONTHS = 2

#: Chinese digits and their values (``〇``/``○``/``零`` are zero).
CN_DIGITS: dict[str, int] = {
    "〇": 0, "○": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4,
    "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
}

#: A mention starting with an Arabic digit must not continue a number.
_ARABIC_NOT_AFTER = set("0123456789.")
#: A mention starting with a Chinese numeral must not continue a number.
_CN_NUMERAL_NOT_AFTER = set("〇零○一二三四五六七八九十百千万亿两几")
#: A bare Chinese-numeral month (``一月``) must not follow these, which make
#: ``一`` a word of its own (``同一月``, ``统一月报``, ``每一月``).
_CN_MONTH_NOT_AFTER = set("同统单每第唯逐任某这那哪")
#: Characters that start a Chinese numeral.
_CN_NUMERALS = set(CN_DIGITS) | {"十"}

# --------------------------------------------------------------------------
# The scanner
# --------------------------------------------------------------------------

_YNUM = r"(?:19\d\d|20\d\d|2100|[一二][〇零○一二三四五六七八九]{3})"
_MNUM = r"(?:1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])"
_DNUM = (
    r"(?:3[01]|[12]\d|0?[1-9]|三十一?|二十[一二三四五六七八九]?"
    r"|十[一二三四五六七八九]?|[一二三四五六七八九])"
)
_QNUM = r"[一二三四1-4]"
_REL = "|".join(sorted(RELATIVE_YEARS, key=len, reverse=True))
_TO = "(?:" + "|".join(re.escape(c) for c in RANGE_CONNECTORS) + ")"
_HALF = "|".join(HALF_YEARS)
_NEXT = "|".join(NEXT_YEAR_WORDS)


def _yp(p: str) -> str:
    """Year prefix: a written year (``2022年``, ``2022年度``) or a relative
    word, groups ``{p}y`` / ``{p}r``."""
    return rf"(?:(?:(?P<{p}y>{_YNUM})年|(?P<{p}r>{_REL}))度?)"


# The scanner is one regex.  Forms that start with a bare year number or a
# relative word come first; then comes an optional shared year prefix (groups
# ``y``/``r``) followed by the forms that may carry it.  At one position the
# first alternative that matches wins, so longer forms come first.  Each form
# is a named group whose name is ``match.lastgroup``; its inner groups'
# names start with the form's name.
_PLAIN_FORMS: list[tuple[str, str]] = [
    # 2019—2021年度, 2021年至2023年
    ("yr", rf"(?P<yra>{_YNUM})(?:年度?)?{_TO}(?P<yrb>{_YNUM})年度?"),
    # 1990年代
    ("dec", rf"(?P<decy>{_YNUM})年代"),
    # 2022-11-16, 2022.11.16, 2022/11/16
    ("ymd", r"(?P<ymdy>19\d\d|20\d\d)(?P<ymds>[-/.])(?P<ymdm>1[0-2]|0?[1-9])"
            r"(?P=ymds)(?P<ymdd>3[01]|[12]\d|0?[1-9])"),
    # 201958日: a day whose 年 and 月 a page lost (2019年5月8日); read only
    # when the digits after the year split one way into a month and a day
    ("run", r"(?P<runy>19\d\d|20\d\d)(?P<runmd>\d{2,3})日"),
    # 今年以来
    ("since", rf"(?P<sincer>{_REL})以来"),
]
_PREFIXED_FORMS: list[tuple[str, str]] = [
    # 2022年1月16日至2月3日, 1月16日-18日
    ("dr", rf"(?P<dram>{_MNUM})月(?P<drad>{_DNUM})[日号]{_TO}"
           rf"(?:(?:{_yp('drb')}|(?P<drbnx>{_NEXT}))?(?P<drbm>{_MNUM})月)?"
           rf"(?P<drbd>{_DNUM})[日号]"),
    # 1月16-18日
    ("dc", rf"(?P<dcm>{_MNUM})月(?P<dcad>{_DNUM}){_TO}(?P<dcbd>{_DNUM})[日号]"),
    # 3月18日和19日, 3月18、19日: two days of a month, the span they cover
    ("dp", rf"(?P<dpm>{_MNUM})月(?P<dpad>{_DNUM})日?(?:和|、|及)(?P<dpbd>{_DNUM})[日号]"),
    # 2022年1月-11月, 2022年11月至2023年3月, 11月至次年3月
    ("mr", rf"(?P<mram>{_MNUM})月{_TO}(?:{_yp('mrb')}|(?P<mrbnx>{_NEXT}))?"
           rf"(?P<mrbm>{_MNUM})月份?"),
    # 1至11月, 2022年1-11月
    ("mc", rf"(?P<mcam>{_MNUM}){_TO}(?P<mcbm>{_MNUM})月份?"),
    # 今年前11个月 (the year is required: checked in _interpret)
    ("fm", rf"前(?P<fmn>{_MNUM})个?月"),
    # 一至三季度, 第一季度至第三季度
    ("qr", rf"第?(?P<qraq>{_QNUM})(?:季度)?{_TO}第?(?P<qrbq>{_QNUM})季度"),
    # 前三季度
    ("qp", r"前(?P<qpq>[一二两三123])季度"),
    # 第一季度, 2022年四季度
    ("q", rf"第?(?P<qq>{_QNUM})季度"),
    # 上半年
    ("h", rf"(?P<hh>{_HALF})"),
    # 11月16日, 2022年11月16日, 去年11月, 十一月份
    ("pt", rf"(?P<ptm>{_MNUM})月(?:(?P<ptd>{_DNUM})[日号]|份)?"),
    # 元月16日 (元月: January; only with its day, so 500元月薪 is no date)
    ("jan", rf"元月(?P<jand>{_DNUM})[日号]"),
    # 2022年, 2022年度, 今年: the prefix alone (only when it matched)
    ("yo", r"(?(y)|(?(r)|(?!)))"),
]

#: Characters a mention can start with.  The leading lookahead makes the
#: scanner reject every other position with one test instead of trying all
#: forms (about 10x faster).
_FIRST_CHARS = "0-9〇零○一二三四五六七八九十两第元" + "".join(
    sorted({w[0] for w in RELATIVE_YEARS} | {w[0] for w in HALF_YEARS} | {"前"}))

_PREFIXED_NAMES = frozenset(name for name, _ in _PREFIXED_FORMS)

_DATE_RE = re.compile(
    f"(?=[{_FIRST_CHARS}])(?:"
    + "|".join(f"(?P<{name}>{body})" for name, body in _PLAIN_FORMS)
    + f"|{_yp('')}?(?:"
    + "|".join(f"(?P<{name}>{body})" for name, body in _PREFIXED_FORMS)
    + "))"
)

#: Anchors: every form above contains a number (or relative/half word
#: character) directly followed by 年, 月 or 季, or a digit-separator-digit
#: (``2022-11-16``).  The scanner only runs in a small window around each
#: anchor: a page is scanned at C speed for anchors (a single character class
#: first, so ``re`` skips to candidates without Python in the loop).
_ANCHOR_RE = re.compile(
    r"[0-9〇零○一二三四五六七八九十两去今前上明半元](?:[年月季]|(?<=\d)[-/.]\d|(?<=\d{6})日)"
)
#: A mention starts at most this many characters before its first anchor
#: (``2019——2021年``: 9).
_MAX_LEAD = 10
#: ... and ends well within this many characters after it, so searching up
#: to there never truncates a mention.
_MAX_TAIL = 32


# --------------------------------------------------------------------------
# Numbers and calendar helpers
# --------------------------------------------------------------------------


def _num(s: str) -> int:
    """Arabic digits, digit-by-digit Chinese (``二〇二二``) or Chinese
    numerals up to 31 (``十一``, ``二十三``, ``三十``)."""
    if s.isascii():
        return int(s)
    if "十" not in s:
        value = 0
        for ch in s:
            value = value * 10 + CN_DIGITS[ch]
        return value
    tens, _, units = s.partition("十")
    return (CN_DIGITS[tens] if tens else 1) * 10 + (CN_DIGITS[units] if units else 0)


def _days_in_month(year: int, month: int) -> int:
    """``calendar.monthrange(year, month)[1]`` without computing the
    weekday it also returns (a date object per call)."""
    if not 1 <= month <= 12:
        raise calendar.IllegalMonthError(month)
    if month == 2 and calendar.isleap(year):
        return 29
    return _MONTH_DAYS[month]


_MONTH_DAYS = (0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, _days_in_month(year, month))


class _Invalid(Exception):
    """The mention is not a valid date: drop it."""


class _End:
    """One end of a mention: year (written/relative/none), month, day."""

    __slots__ = ("year", "kind", "month", "day")

    def __init__(self, m: re.Match[str], p: str | None, month: int | None,
                 day: int | None, issue: dt.date | None) -> None:
        self.month = month
        self.day = day
        self.year: int | None = None
        self.kind: str | None = None  # "absolute", "relative" or None
        if p is None:
            return
        written = m.group(p + "y")
        rel = m.group(p + "r")
        if written is not None:
            self.year, self.kind = _num(written), "absolute"
            if not 1900 <= self.year <= 2100:
                raise _Invalid
        elif rel is not None:
            self.kind = "relative"
            if issue is not None:
                self.year = issue.year + RELATIVE_YEARS[rel]

    def key(self) -> tuple[int, int]:
        return (self.month or 1, self.day or 1)


def _resolve(a: _End, b: _End, issue: dt.date | None,
             ) -> tuple[dt.date | None, dt.date | None, str]:
    """Start/end dates and resolution of the span from ``a`` to ``b``
    (a point mention passes the same end twice)."""
    # (kinds are "absolute", "relative" or None: no set built)
    resolution = (
        "absolute" if a.kind == "absolute" or b.kind == "absolute"
        else "relative" if a.kind is not None or b.kind is not None else "issue_year"
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
        if month is None:  # (a mention without a year has a month)
            raise _Invalid
        a.year = issue.year - (1 if month - issue.month > ROLLOVER_MONTHS else 0)
        b.year = a.year + (1 if b.key() < a.key() else 0)
    if a.year is None or b.year is None:
        # Needs the issue date, which is unknown: still reject impossible
        # days (2月30日; 2月29日 is checked against a leap year).
        for e in (a, b):
            if e.day is not None and (e.month is None or e.day > _days_in_month(2000, e.month)):
                raise _Invalid
        return None, None, "unresolved"
    try:
        start = dt.date(a.year, a.month or 1, a.day or 1)
        if b.day is not None:
            if b.month is None:  # (a day is written with its month)
                raise _Invalid
            end = dt.date(b.year, b.month, b.day)
        else:
            end = _month_end(b.year, b.month or 12)
    except ValueError:
        raise _Invalid from None
    if end < start:
        raise _Invalid
    return start, end, resolution


# --------------------------------------------------------------------------
# Per-branch interpretation
# --------------------------------------------------------------------------


def _next_year(a: _End, b: _End, issue: dt.date | None) -> None:
    """``b`` is written ``次年``: the year after ``a``'s."""
    _resolve(a, a, issue)  # sets a.year (None if it needs a missing issue date)
    b.kind = a.kind
    b.year = None if a.year is None else a.year + 1


def _interpret(m: re.Match[str], issue: dt.date | None,
               ) -> tuple[str, dt.date | None, dt.date | None, str]:
    """(granularity, start, end, resolution) of one scanner match."""
    name = m.lastgroup
    g = m.group

    def num(group: str) -> int | None:
        s = g(group)
        return None if s is None else _num(s)

    # Forms with the shared year prefix (groups ``y``/``r``, prefix "").
    if name == "pt":
        month, day = num("ptm"), num("ptd")
        e = _End(m, "", month, day, issue)
        return ("day" if day is not None else "month", *_resolve(e, e, issue))
    if name == "jan":
        e = _End(m, "", 1, num("jand"), issue)
        return ("day", *_resolve(e, e, issue))
    if name == "yo":
        e = _End(m, "", None, None, issue)
        return ("year", *_resolve(e, e, issue))
    if name == "dr":
        a = _End(m, "", num("dram"), num("drad"), issue)
        b_month = num("drbm")
        b = _End(m, "drb", b_month if b_month is not None else a.month, num("drbd"), issue)
        if b_month is None:  # 1月16日-18日: same month and year
            b.kind, b.year = a.kind, a.year
        elif g("drbnx"):
            _next_year(a, b, issue)
        return ("period", *_resolve(a, b, issue))
    if name in ("dc", "dp"):
        p = "dc" if name == "dc" else "dp"
        a = _End(m, "", num(p + "m"), num(p + "ad"), issue)
        b = _End(m, None, a.month, num(p + "bd"), issue)
        b.kind, b.year = a.kind, a.year
        return ("period", *_resolve(a, b, issue))
    if name == "mr":
        a = _End(m, "", num("mram"), None, issue)
        b = _End(m, "mrb", num("mrbm"), None, issue)
        if g("mrbnx"):
            _next_year(a, b, issue)
        return ("period", *_resolve(a, b, issue))
    if name == "mc":
        a = _End(m, "", num("mcam"), None, issue)
        b = _End(m, None, num("mcbm"), None, issue)
        b.kind, b.year = a.kind, a.year
        return ("period", *_resolve(a, b, issue))
    if name == "fm":
        a = _End(m, "", 1, None, issue)
        if a.kind is None:  # 前3个月 alone is "3 months ago / the last 3 months"
            raise _Invalid
        b = _End(m, "", num("fmn"), None, issue)
        return ("period", *_resolve(a, b, issue))
    if name in ("q", "qr", "qp"):
        if name == "q":
            first = last = _num(g("qq"))
        elif name == "qr":
            first, last = _num(g("qraq")), _num(g("qrbq"))
        else:
            first, last = 1, _num(g("qpq"))
        a = _End(m, "", 3 * first - 2, None, issue)
        b = _End(m, "", 3 * last, None, issue)
        return ("quarter" if name == "q" else "period", *_resolve(a, b, issue))
    if name == "h":
        first, last = HALF_YEARS[g("hh")]
        a = _End(m, "", first, None, issue)
        b = _End(m, "", last, None, issue)
        return ("period", *_resolve(a, b, issue))
    # Plain forms.
    if name == "since":
        if issue is None:
            return ("period", None, None, "unresolved")
        year = issue.year + RELATIVE_YEARS[g("sincer")]
        end = _month_end(issue.year, issue.month)
        if end < dt.date(year, 1, 1):
            raise _Invalid
        return ("period", dt.date(year, 1, 1), end, "relative")
    if name == "yr":
        ya, yb = _num(g("yra")), _num(g("yrb"))
        if not (1900 <= ya < yb <= 2100):
            raise _Invalid
        return ("period", dt.date(ya, 1, 1), dt.date(yb, 12, 31), "absolute")
    if name == "dec":
        y = _num(g("decy"))
        if y % 10 or not 1900 <= y <= 2100:
            raise _Invalid
        return ("period", dt.date(y, 1, 1), dt.date(y + 9, 12, 31), "absolute")
    if name == "run":
        md = g("runmd")
        days = []
        for k in range(1, len(md)):
            try:
                days.append(dt.date(int(g("runy")), int(md[:k]), int(md[k:])))
            except ValueError:
                pass
        if len(days) != 1 or md[0] == "0":
            raise _Invalid  # (2019128日: 1月28日 or 12月8日)
        return ("day", days[0], days[0], "absolute")
    if name == "ymd":
        try:
            d = dt.date(int(g("ymdy")), int(g("ymdm")), int(g("ymdd")))
        except ValueError:
            raise _Invalid from None
        return ("day", d, d, "absolute")
    raise AssertionError(name)  # pragma: no cover


def _after_list_number(text: str, s: int) -> bool:
    """``text[:s]`` ends in a list number that starts its line (``4.`` in
    ``4.2023年3月``): the year is not the decimals of a number."""
    if s < 2 or text[s - 1] != ".":
        return False
    k = s - 1
    while k > 0 and text[k - 1].isascii() and text[k - 1].isdigit():
        k -= 1
    return 1 <= s - 1 - k <= 2 and (k == 0 or text[k - 1] == "\n")


def _context_ok(text: str, m: re.Match[str]) -> bool:
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
    if name == "jan" and first == "元" and (prev in _ARABIC_NOT_AFTER or prev in _CN_NUMERAL_NOT_AFTER):
        return False  # 500元月16日: the 元 of an amount
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
    # Relative word: check the word's own neighbours (only a mention that
    # starts with one of their first characters can start with one).
    if prev and first in _RELATIVE_NOT_AFTER_FIRSTS:
        for word, bad_before in RELATIVE_NOT_AFTER.items():
            if text.startswith(word, s) and prev in bad_before:
                return False
    if e - s == 2 and text[s:e] in RELATIVE_YEARS:
        if e < len(text) and text[e] in RELATIVE_NOT_BEFORE:
            return False
    return True


def date_matches(repaired: Repaired) -> list[re.Match[str]]:
    """The matches of the date regex on the page that pass the context
    check, in text order, never overlapping.  They do not depend on the
    issue date: a caller reading the page against several issue dates finds
    them once and passes them to :func:`extract_dates`."""
    text = repaired.clean
    out: list[re.Match[str]] = []
    search = _DATE_RE.search
    n = len(text)
    pos = 0  # clean text before this is consumed
    for anchor in _ANCHOR_RE.finditer(text):
        at = anchor.start()
        if at < pos:
            continue
        m = search(text, max(pos, at - _MAX_LEAD), min(n, at + _MAX_TAIL))
        if m is None or m.start() > at:
            continue  # nothing starts here; a later anchor finds what follows
        pos = m.end()  # consumed even when rejected: a part is never re-read
        if _context_ok(text, m):
            out.append(m)
    return out


def extract_dates(repaired: Repaired, issue_date: dt.date | None,
                  matches: list[re.Match[str]] | None = None) -> list[DateMention]:
    """All date mentions of the page, sorted by ``char_start``, never
    overlapping (see the module docstring for the rules).  ``matches``: the
    page's :func:`date_matches`, when the caller has them."""
    if matches is None:
        matches = date_matches(repaired)
    out: list[DateMention] = []
    run_span = repaired.raw_index.span
    for m in matches:
        try:
            gran, start, end, resolution = _interpret(m, issue_date)
        except _Invalid:
            continue
        cs, ce = m.span()
        # (``repaired.raw_span``'s own path for a non-empty span)
        rs, re_ = run_span(cs, ce) if cs < ce else repaired.raw_span(cs, ce)
        out.append(new_date_mention(
            rs, re_, repaired.raw[rs:re_], gran, start, end, resolution, cs, ce
        ))
    return out
