"""Dates read in their context: what :mod:`etl.extract.dates` finds one
mention at a time, refined by the words around it and by the time the
article itself fixes.

* **The article's date** (:func:`as_of`): the issue date at the precision
  known: a day, the end of the issue month, or the end of the issue year
  (a year-only issue date never gives an end finer than that year).
* ``今年以来`` ends at the article's date; ``Y年以来`` (``Y年来，``) becomes the period
  from 1 January of Y to the article's date, ``M月以来`` (``3月5日以来``)
  the period from that month's first day (that day) to the article's date.
* ``即日起至3月31日``: from the day the text tells of (the nearest day
  before it, else the issue date known to the day) to that date.
* ``从12月份至春节前`` (``至2020年春节前``, ``起至春节前夕``): from the start to the
  eve of the first Spring Festival after it (or of the year written:
  ``schemas/vocab/spring_festival.csv``); ``至2020年春节`` (no 前) to the
  festival's day itself.
* ``从2月上旬至3月底`` (two months or days joined by 至/到/—): the span from
  the first's start to the second's end (:func:`_joined_spans`).
* ``今年元旦和春节期间`` (a year followed by the new-year holiday season):
  from 1 January of that year to the day the article tells of (the
  nearest day of that year before it), when the issue date is known to
  the day and is of that year.
* ``截至/截止/到 9月底`` (a month or a day after 截至) is cumulative from the
  start of that year: the period from 1 January.
* **Review words** (:data:`REVIEW_FORMS`): ``过去一年``, ``一年来``, ``这一年``
  and a sentence opening ``一年的…`` are the report's year; ``五年来``, ``过去五年`` the five years ending with it;
  ``"十四五"时期`` its plan's span (2021-2025), ``"十四五"以来`` its start to
  the article's date; ``近3年来``, ``两年来`` the N
  years ending with it (up to the article's date when that is the
  report's year).  The report's year is the
  year before the issue year when the issue date is in the first half of
  a year or known only to the year (work reports are given in spring),
  else the issue year (a year-end review).
* **A bare day** opening a sentence or clause (``23日上午，…``, ``17日当天``) is a day of the
  issue month (else the month before; when the issue date is not known to
  the day, the month of the nearest full date before it, on or after its
  day: ``1月14日…。14日上午，…``), ``昨日``/``昨天`` opening a clause
  (whatever follows: ``昨天某某区在…``) the day before the
  issue's and ``前天`` the one before that, when the issue date is known to
  the day (:func:`_bare_days`).
* ``上月27日`` (``本月3日``) is that day of the month before the issue's (of the
  issue's) when the issue month is known.
* **A list of bare days** after a month of its sentence (``计划在2月份…，于10日、12日、18日，…``)
  is the span from the first to the last of them in that month (:func:`_day_lists`).
* **A reprint** (:func:`reanchor_articles`): an article of the page (cut
  at reprint and byline lines, :data:`ARTICLE_END_RX`,
  :data:`ARTICLE_START_RX`) whose first line names a bulletin or report of
  an earlier year than the issue's (``2009年…统计公报`` reposted in 2012), or that reports a year-to-date period of an
  earlier year than the issue's (``2022年1月-11月`` on a January 2023
  page), or whose year-less days all lie in the year before the issue's
  (``12月31日`` on a January page), was written in that year: its relative dates (``今年以来``,
  ``去年``, a month without a year) resolve against that year, at year
  precision.
"""

from __future__ import annotations

import bisect
import calendar
import datetime as dt
import re
from collections.abc import Iterator

from etl.extract.records import DateMention, new_date_mention
from etl.extract.rules import spring_festivals
from etl.extract.textrepair import Repaired

#: Words before a month or day that make it the end of a cumulative period.
UP_TO_WORDS = ("截至", "截止到", "截止", "截至到")
#: Words after such a month that say "the end of" (``9月底``, ``6月末``).
MONTH_END_WORDS = ("底", "末")

#: A line that ends an article: a reprint's source, a byline.
ARTICLE_END_RX = re.compile(r"^\s*(?:据《[^》\n]{1,20}》|文/|来源[:：])")
#: A line that starts one: a dateline (本报讯, 新华网…电, XX讯).
ARTICLE_START_RX = re.compile(r"^\s*(?:本报讯|\S{0,16}讯[\s(（]|\S{0,16}\d{1,2}月\d{1,2}日电)")

_PLAN_FIRST_YEAR = {"十一五": 2006, "十二五": 2011, "十三五": 2016, "十四五": 2021, "十五五": 2026}
#: (regex, kind) of review words; kind ``year`` (the report's year),
#: ``five`` (five years ending with it) or ``plan`` (a five-year plan).
REVIEW_FORMS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"过去的?五年|五年来|五年间"), "five"),
    # 近3年来, 两年来: the N years ending with the report's year
    # (written to open with a character class, the lookbehind after it, so
    # the regex engine skips ahead to a candidate character instead of
    # trying the lookbehind at every position: 8 times faster on a page; the
    # number is ``n`` after 近, else ``c``)
    (re.compile(r"(?P<c>[近2-9两二三四六七八九十])(?<![0-9一二三四五六七八九十百几多][\s\S])"
                r"(?:(?<=近)(?P<n>[2-9]|[两二三四六七八九十])|(?<!近))年来"), "years"),
    # (``“十四五”时期``; written with an alternation of literals, not an
    # optional quote, so the regex engine skips ahead to a quote or 十
    # instead of trying every position: 8 times faster on a page)
    (re.compile(r"(?:“十|\"十|十)(?P<plan>[一二三四五])五[”\"]?(?:时期|期间|以来)"), "plan"),
    # (一年的… opening a sentence: 一年的用心用力，民生福祉更加普惠)
    # (the lookbehind after the words: likewise)
    (re.compile(r"过去的?一年|一年来|这一年|一年的(?<![^\n。！？!?]一年的)"), "year"),
)


_YEARS_N = {"两": 2, "二": 2, "三": 3, "四": 4, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}


def as_of(issue: dt.date | None, precision: str) -> dt.date | None:
    """The last day the article's date may be, at the precision known."""
    if issue is None:
        return None
    if precision == "day":
        return issue
    if precision == "year":
        return dt.date(issue.year, 12, 31)
    return dt.date(issue.year, issue.month, calendar.monthrange(issue.year, issue.month)[1])


def report_year(issue: dt.date | None, precision: str) -> int | None:
    """The year a report or review given at the issue date looks back on."""
    if issue is None:
        return None
    return issue.year - 1 if precision == "year" or issue.month <= 6 else issue.year


def _mention(repaired: Repaired, cs: int, ce: int, gran: str, start: dt.date | None,
             end: dt.date | None, resolution: str) -> DateMention:
    rs, re_ = repaired.raw_span(cs, ce)
    return new_date_mention(rs, re_, repaired.raw[rs:re_], gran, start, end, resolution, cs, ce)


#: Words that make a day after the issue date one to come (将于4月22日举办,
#: 定于…, 自5月1日起施行, 4月30日前): a plan or a deadline, not a past day.
_AHEAD_BEFORE_RX = re.compile(r"将|拟|计划|定于|预计|届时|准备|即日|通知|公告|要求|需|须|请|应")
_AHEAD_AFTER_RX = re.compile(r"\s*(?:起|开始|前|之前|以前|截止|止|将|举行|举办|召开|开幕|至|到|—|-|~)")


def _told_after_issue(text: str, d: DateMention, issue: dt.date) -> bool:
    """Whether ``d`` is a day written without its year (4月22日) that the
    issue year would put after the issue date (known to the day) in a
    sentence that tells of it as past: no plan or deadline word before it
    in its sentence, nor a start, deadline, range or event verb right after
    it.  Such a day is of the year before (SPEC: never a day after
    publication; a page reposted on 2021-04-09 telling of 4月22日下午…)."""
    if d.resolution != "issue_year" or d.granularity != "day" or d.start is None or d.start <= issue:
        return False
    sentence_start = max(text.rfind(c, 0, d.clean_start) for c in "。！？!?\n") + 1
    return not _AHEAD_BEFORE_RX.search(text, sentence_start, d.clean_start) \
        and not _AHEAD_AFTER_RX.match(text, d.clean_end)


def _year_before(repaired: Repaired, d: DateMention) -> DateMention:
    """``d`` (a day) moved to the same day of the year before."""
    assert d.start is not None
    try:
        day = d.start.replace(year=d.start.year - 1)
    except ValueError:  # (2月29日)
        return d
    return _mention(repaired, d.clean_start, d.clean_end, d.granularity, day, day, d.resolution)


def refine(repaired: Repaired, mentions: list[DateMention], issue: dt.date | None,
           precision: str) -> list[DateMention]:
    """The page's mentions with the context rules of the module docstring
    applied (sorted by position, never overlapping)."""
    text = repaired.clean
    end_of_article = as_of(issue, precision)
    out: list[DateMention] = []
    for d in mentions:
        cs, ce = d.clean_start, d.clean_end
        if precision == "day" and issue is not None and _told_after_issue(text, d, issue):
            d = _year_before(repaired, d)
        start, end = d.start, d.end
        if start is not None and end is not None:
            if text[cs:ce].endswith("以来") and d.resolution == "relative" and end_of_article is not None \
                    and start.year == end_of_article.year:
                d = _mention(repaired, cs, ce, d.granularity, start, end_of_article, d.resolution)
            elif d.granularity == "year" and text.startswith("以来", ce) and end_of_article is not None \
                    and start <= end_of_article:
                d = _mention(repaired, cs, ce + 2, "period", start, end_of_article, d.resolution)
            elif d.granularity == "year" and text.startswith("来", ce) and text[ce + 1 : ce + 2] in ("，", ",") \
                    and end_of_article is not None and start <= end_of_article and text[cs:ce].endswith("年"):
                # 2021年来，… (年来 for 年以来): since that year, to the article's date
                d = _mention(repaired, cs, ce + 1, "period", start, end_of_article, d.resolution)
            elif d.granularity in ("month", "day") and text.startswith("以来", ce) and end_of_article is not None \
                    and start <= end_of_article:
                # 1月以来, 3月5日以来: from that month's (day's) start to the article's date
                d = _mention(repaired, cs, ce + 2, "period", start, end_of_article, d.resolution)
            elif d.granularity in ("month", "day") and text[max(0, cs - 4):cs].endswith(UP_TO_WORDS) \
                    and (d.granularity == "day" or text.startswith(MONTH_END_WORDS, ce)):
                d = _mention(repaired, cs, ce, "period", dt.date(end.year, 1, 1), end, d.resolution)
        out.append(d)
    out.extend(_review_mentions(repaired, out, issue, precision))
    if precision == "day" and issue is not None:
        out.extend(_bare_days(repaired, out, issue))
    else:
        out.extend(_bare_days_after_a_day(repaired, out))
    out.extend(_day_lists(repaired, out))
    if issue is not None and precision in ("day", "month"):
        out.extend(_last_month_days(repaired, out, issue))
    out.sort(key=lambda m: m.clean_start)
    out = _from_today(repaired, out, issue if precision == "day" else None)
    out = _until_spring_festival(repaired, out)
    out = _joined_spans(repaired, out)
    return _holiday_seasons(repaired, out, issue if precision == "day" else None)


#: A span from a date up to the Spring Festival (从2019年12月份至2020年春节前,
#: 自11月1日起至春节前夕): what follows the start's mention, the end's year
#: (group ``y``, a written year) optional.
_TO_SPRING_FESTIVAL_RX = re.compile(r"\s*(?:起|开始)?\s*(?:至|到)\s*(?:(?P<y>(?:19|20)\d\d)\s*年)?\s*春节(?P<eve>前夕?)?(?![后後期假])")


def _until_spring_festival(repaired: Repaired, mentions: list[DateMention]) -> list[DateMention]:
    """``mentions`` with each day or month followed by 至…春节前
    (:data:`_TO_SPRING_FESTIVAL_RX`) made the span from it to the eve of the
    first Spring Festival after its start (of the year written, if one is:
    ``schemas/vocab/spring_festival.csv``); a year the table lacks leaves
    the mentions as they were."""
    text = repaired.clean
    out: list[DateMention] = []
    skip_to = -1
    for d in mentions:
        if d.clean_start < skip_to:
            continue  # (the end's year, now inside the span)
        m = _TO_SPRING_FESTIVAL_RX.match(text, d.clean_end) if d.granularity in ("day", "month") else None
        if m is not None and d.start is not None:
            festivals = spring_festivals()
            year = int(m["y"]) if m["y"] else d.start.year + (1 if d.start >= festivals.get(d.start.year, d.start) else 0)
            festival = festivals.get(year)
            if festival is not None and festival > d.start:
                # (至春节前: to its eve; 至2020年春节: to the festival's day)
                d = _mention(repaired, d.clean_start, m.end(), "period", d.start,
                             festival - dt.timedelta(days=1 if m["eve"] else 0), d.resolution)
                skip_to = m.end()
        out.append(d)
    return out


#: What joins two dates into one span (从2月上旬至3月底, 11月1日到15日):
#: the first's part of the month (上旬, 初, 份) and 至/到/— (起至).
_SPAN_JOIN_RX = re.compile(r"(?:上旬|中旬|下旬|初|份)?\s*(?:起|开始)?\s*(?:至|到|—|－|~|～)\s*")


def _joined_spans(repaired: Repaired, mentions: list[DateMention]) -> list[DateMention]:
    """``mentions`` with each month or day that 至/到/— (:data:`_SPAN_JOIN_RX`)
    joins to a later month or day made one span: from the first's start to
    the second's end (``从今年2月上旬至3月底``: 1 February to 31 March).
    Not after 截至 (the first is then itself a cut-off)."""
    text = repaired.clean
    out: list[DateMention] = []
    i = 0
    while i < len(mentions):
        d = mentions[i]
        nxt = mentions[i + 1] if i + 1 < len(mentions) else None
        if nxt is not None and d.granularity in ("month", "day") and nxt.granularity in ("month", "day") \
                and d.start is not None and nxt.end is not None and d.start < nxt.end \
                and (m := _SPAN_JOIN_RX.fullmatch(text, d.clean_end, nxt.clean_start)) is not None \
                and m.group(0).strip() and not text[max(0, d.clean_start - 4) : d.clean_start].endswith(UP_TO_WORDS):
            out.append(_mention(repaired, d.clean_start, nxt.clean_end, "period", d.start, nxt.end, d.resolution))
            i += 2
            continue
        out.append(d)
        i += 1
    return out


#: The new-year holiday season after a year (今年元旦和春节期间, 2022年元旦春节期间):
#: from 1 January (元旦) of that year on.
_SEASON_LAST_MONTH = 3  # the season is over by the end of March: a later day tells of no season so far
_SEASON_AFTER_YEAR_RX = re.compile(r"\s*元旦\s*(?:和|与|及|、|至)?\s*春节\s*期间")


def _holiday_seasons(repaired: Repaired, mentions: list[DateMention], issue: dt.date | None) -> list[DateMention]:
    """``mentions`` with each year followed by the new-year holiday season
    (:data:`_SEASON_AFTER_YEAR_RX`: ``今年元旦和春节期间``) made the span from
    1 January of that year to the day the article tells of: the nearest day
    of that year before it on or before the issue date (``9日，记者从…了解到，今年元旦和春节期间…``),
    else the issue date known to the day.  Unknown (no issue day, the
    article is not of that year, or that day is after March: no season so
    far) leaves the year as it was."""
    text = repaired.clean
    out: list[DateMention] = []
    for i, d in enumerate(mentions):
        m = _SEASON_AFTER_YEAR_RX.match(text, d.clean_end) if d.granularity == "year" else None
        if m is not None and d.start is not None and issue is not None and d.start.year == issue.year:
            told = next((p.start for p in reversed(mentions[:i]) if p.granularity == "day" and p.start is not None
                         and p.start.year == issue.year and p.start <= issue), issue)
            if told.month <= _SEASON_LAST_MONTH:  # (not a December page's plan for the coming season)
                d = _mention(repaired, d.clean_start, m.end(), "period", d.start, told, d.resolution)
        out.append(d)
    return out


#: 即日起至 before a date (即日起至3月31日): a span from the day the text tells
#: of to that date.
_FROM_TODAY_RX = re.compile(r"即日起?\s*(?:至|到|—|－|-)\s*$")


def _from_today(repaired: Repaired, mentions: list[DateMention], issue: dt.date | None) -> list[DateMention]:
    """``mentions`` with each day or month after 即日起至 made a span from
    "today" to it: the nearest day the text tells of before it (22日，…举行。
    …即日起至3月31日), else the issue date when known to the day."""
    text = repaired.clean
    out: list[DateMention] = []
    for i, d in enumerate(mentions):
        if d.granularity in ("day", "month") and d.end is not None \
                and _FROM_TODAY_RX.search(text, max(0, d.clean_start - 6), d.clean_start):
            today = next((p.start for p in reversed(mentions[:i])
                          if p.granularity == "day" and p.start is not None and p.start <= d.end), issue)
            if today is not None and today <= d.end:
                d = _mention(repaired, d.clean_start, d.clean_end, "period", today, d.end, d.resolution)
        out.append(d)
    return out


def _review_mentions(repaired: Repaired, found: list[DateMention], issue: dt.date | None,
                     precision: str) -> list[DateMention]:
    """Mentions of :data:`REVIEW_FORMS` that overlap no other mention."""
    text = repaired.clean
    year = report_year(issue, precision)
    taken = sorted((d.clean_start, d.clean_end) for d in found)
    out: list[DateMention] = []
    for rx, kind in REVIEW_FORMS:
        for m in rx.finditer(text):
            cs, ce = m.span()
            if any(s < ce and cs < e for s, e in taken):
                continue
            if kind == "plan":
                first = _PLAN_FIRST_YEAR["十" + m["plan"] + "五"]
                start, end, res = dt.date(first, 1, 1), dt.date(first + 4, 12, 31), "absolute"
                upto = as_of(issue, precision)
                if m.group(0).endswith("以来") and upto is not None and start <= upto:
                    end = min(end, upto)  # “十四五”以来: up to the article's date
            elif year is None:
                start, end, res = None, None, "unresolved"
            elif kind in ("five", "years"):
                n = 5 if kind == "five" else _YEARS_N.get(m["n"] or m["c"]) or int(m["n"] or m["c"])
                start, end, res = dt.date(year - n + 1, 1, 1), dt.date(year, 12, 31), "relative"
                if kind == "years" and issue is not None and year == issue.year:
                    end = as_of(issue, precision)  # the year is not over
            else:
                start, end, res = dt.date(year, 1, 1), dt.date(year, 12, 31), "relative"
            taken.append((cs, ce))
            out.append(_mention(repaired, cs, ce, "year" if kind == "year" else "period", start, end, res))
    return out


#: A bare day that opens a sentence and tells when something happened
#: (``23日上午，…``, ``1日，在…``): a news item's day of the issue month.
#: So does one right after its clause's subject and before where it
#: happened (``招聘会15日上午在某地举行``, ``某某15日在…``): not after an
#: ordinal, a "each" or a range word (第15日, 每月15日, 至15日).
_BARE_DAY_RX = re.compile(r"(?:(?<![^\n。！？!?；;，,\s）)])([0-3]?\d)日(?=[，,]|上午|下午|中午|晚|早|凌晨|傍晚|当天|當天)"
                          r"|(?<=[\u4e00-\u9fff])(?<![第每至到和与及、月年号])([0-3]?\d)日(?=(?:上午|下午|中午|晚上|凌晨|傍晚)?在))")
#: How far before the issue date a bare day may lie (a news item is fresh).
_BARE_DAY_MAX_AGE = 31


def _free_bare_days(repaired: Repaired, found: list[DateMention]) -> Iterator[tuple[int, int, int]]:
    """``(clean start, clean end, day)`` of each bare day (:data:`_BARE_DAY_RX`)
    that overlaps no mention in ``found``."""
    taken = [(d.clean_start, d.clean_end) for d in found]
    for m in _BARE_DAY_RX.finditer(repaired.clean):
        g = 1 if m.group(1) else 2
        cs, ce = m.start(g), m.end()
        if not any(s < ce and cs < e for s, e in taken):
            yield cs, ce, int(m.group(g))


def _bare_days(repaired: Repaired, found: list[DateMention], issue: dt.date) -> list[DateMention]:
    """Bare days (:data:`_BARE_DAY_RX`) that overlap no other mention, read
    against an issue date known to the day: the latest such day on or
    before it (this month, else the month before)."""
    taken = [(d.clean_start, d.clean_end) for d in found]
    out: list[DateMention] = []
    for cs, ce, day in _free_bare_days(repaired, found):
        year, month = issue.year, issue.month
        if day > issue.day:
            year, month = (year, month - 1) if month > 1 else (year - 1, 12)
        if not 1 <= day <= calendar.monthrange(year, month)[1]:
            continue
        date = dt.date(year, month, day)
        if (issue - date).days <= _BARE_DAY_MAX_AGE:
            out.append(_mention(repaired, cs, ce, "day", date, date, "relative"))
    for m in _YESTERDAY_RX.finditer(repaired.clean):
        g = 1 if m.group(1) else 2
        cs, ce = m.span(g)
        if not any(s < ce and cs < e for s, e in taken):
            date = issue - dt.timedelta(days=_DAYS_BACK[m.group(g)])
            out.append(_mention(repaired, cs, ce, "day", date, date, "relative"))
    return out


def _bare_days_after_a_day(repaired: Repaired, found: list[DateMention]) -> list[DateMention]:
    """Bare days (:data:`_BARE_DAY_RX`) that overlap no other mention, on a
    page whose issue date is not known to the day: a bare day on or after
    the day of the nearest full date before it, in that date's month, is a
    day of that month (``1月14日上午，…。14日上午，招聘现场…``: the text fixes
    the month).  With no such date before it, a bare day stays no date."""
    days = sorted((d.clean_start, d.start) for d in found if d.granularity == "day" and d.start is not None)
    out: list[DateMention] = []
    for cs, ce, day in _free_bare_days(repaired, found):
        k = bisect.bisect_left(days, (cs,)) - 1
        if k < 0:
            continue
        base = days[k][1]
        if base.day <= day <= calendar.monthrange(base.year, base.month)[1]:
            date = dt.date(base.year, base.month, day)
            out.append(_mention(repaired, cs, ce, "day", date, date, "relative"))
    return out


#: A list of bare days (于10日、12日、16日、18日): the days of a series of events.
_DAY_LIST_RX = re.compile(r"(?<![0-9月])((?:[0-3]?\d日[、和及]){1,8}[0-3]?\d日)")
_DAY_RX = re.compile(r"([0-3]?\d)日")


def _day_lists(repaired: Repaired, found: list[DateMention]) -> list[DateMention]:
    """Lists of bare days (:data:`_DAY_LIST_RX`) that overlap no other
    mention, after a month or day of the same sentence (计划在2月份…，于10日、
    12日、16日、18日，分别在…举办): the span from the first day to the last, in
    that month (days in rising order only)."""
    text = repaired.clean
    out: list[DateMention] = []
    for m in _DAY_LIST_RX.finditer(text):
        cs, ce = m.span(1)
        if any(d.clean_start < ce and cs < d.clean_end for d in found):
            continue
        base = next((d for d in reversed(found) if d.clean_end <= cs and d.granularity in ("month", "day")
                     and d.start is not None and not any(c in text[d.clean_end : cs] for c in "。！？!?\n")), None)
        days = [int(x) for x in _DAY_RX.findall(m.group(1))]
        if base is None or base.start is None or days != sorted(days) or len(set(days)) != len(days):
            continue
        last = calendar.monthrange(base.start.year, base.start.month)[1]
        if 1 <= days[0] and days[-1] <= last:
            out.append(_mention(repaired, cs, ce, "period", base.start.replace(day=days[0]),
                                base.start.replace(day=days[-1]), "relative"))
    return out


#: A day of the month before the issue's, or of the issue's (上月27日, 本月3日).
_LAST_MONTH_DAY_RX = re.compile(r"(上|本)月([0-3]?\d)日")
def _last_month_days(repaired: Repaired, found: list[DateMention], issue: dt.date) -> list[DateMention]:
    """上月27日 (本月3日): that day of the month before the issue's (of the
    issue's), when the issue month is known."""
    text = repaired.clean
    out: list[DateMention] = []
    for m in _LAST_MONTH_DAY_RX.finditer(text):
        cs, ce = m.span()
        if any(d.clean_start < ce and cs < d.clean_end for d in found):
            continue
        year, month = issue.year, issue.month
        if m.group(1) == "上":
            year, month = (year, month - 1) if month > 1 else (year - 1, 12)
        day = int(m.group(2))
        if 1 <= day <= calendar.monthrange(year, month)[1]:
            date = dt.date(year, month, day)
            out.append(_mention(repaired, cs, ce, "day", date, date, "relative"))
    return out


#: 昨日 / 前天 opening a sentence (``昨日，…``, ``昨天上午``): a day before the issue's.
_YESTERDAY_RX = re.compile(r"(?<![^\n。！？!?；;，,\s）)])(?:(昨日|昨天)|(前天|前日)(?=[，,]|上午|下午|中午|晚|早|凌晨|傍晚))")
_DAYS_BACK = {"昨日": 1, "昨天": 1, "前天": 2, "前日": 2}


def article_bounds(text: str) -> list[tuple[int, int]]:
    """The articles of a page: (start, end) clean offsets, cut after a line
    matching :data:`ARTICLE_END_RX` and before one matching
    :data:`ARTICLE_START_RX`."""
    cuts = {0, len(text)}
    pos = 0
    for line in text.split("\n"):
        if ARTICLE_START_RX.match(line):
            cuts.add(pos)
        pos += len(line) + 1
        if ARTICLE_END_RX.match(line):
            cuts.add(min(pos, len(text)))
    edges = sorted(cuts)
    return [(a, b) for a, b in zip(edges, edges[1:]) if b > a]


#: A bulletin's or report's title with its year (``某某市2009年国民经济和社会
#: 发展统计公报``), not a news headline about one (``2023年统计公报发布``).
_REPORT_TITLE_RX = re.compile(r"((?:19|20)\d\d)\s*年[^\n。]{0,30}?(?:统计公报|公报|工作报告|年报)"
                              r"(?![^\n。，,]{0,4}(?:发布|公布|出炉|解读|显示|披露|指出))")


#: How far into an article its title's year may stand (某某州某某市2009年…公报).
_TITLE_YEAR_WITHIN = 30


def article_year(mentions: list[DateMention], lo: int, hi: int, issue: dt.date,
                 text: str | None = None) -> int | None:
    """The earlier year an article in ``[lo, hi)`` fixes as its own: the
    year of a bulletin or report its first line names (``2009年…统计公报``
    reposted in 2012), else that of a year-to-date period it reports (from
    1 January to a month end before December), else the one year of the
    dates it tells without a year (rolled back from a January issue), when
    that year is before the issue year."""
    if text is not None:
        nl = text.find("\n", lo, hi)
        m = _REPORT_TITLE_RX.search(text, lo, min(hi if nl < 0 else nl, lo + 200))
        if m and m.start() - lo <= _TITLE_YEAR_WITHIN and int(m.group(1)) < issue.year:
            return int(m.group(1))
    years = {
        d.start.year for d in mentions
        if lo <= d.clean_start < hi and d.resolution == "absolute" and d.granularity == "period"
        and d.start is not None and d.end is not None and (d.start.month, d.start.day) == (1, 1)
        and d.end.year == d.start.year and d.end.month < 12
    }
    if len(years) == 1 and (y := years.pop()) < issue.year:
        return y
    # The days it tells of, written without a year, all lie in the year
    # before the issue's (12月31日 on a January page): written then.
    told = {d.start.year for d in mentions
            if lo <= d.clean_start < hi and d.resolution == "issue_year" and d.start is not None}
    if len(told) == 1 and (y := told.pop()) < issue.year:
        return y
    return None


def reanchor_articles(repaired: Repaired, mentions: list[DateMention], issue: dt.date | None,
                      rescan) -> list[DateMention]:
    """Relative mentions of a reprinted article resolved against the year
    it fixes (see the module docstring).  ``rescan(issue)`` finds the page's
    mentions again against another issue date (year precision)."""
    if issue is None:
        return mentions
    moved: dict[tuple[int, int], DateMention] = {}
    for lo, hi in article_bounds(repaired.clean):
        year = article_year(mentions, lo, hi, issue, repaired.clean)
        if year is None:
            continue
        for d in rescan(dt.date(year, 12, 31)):
            if lo <= d.clean_start < hi and d.resolution in ("relative", "issue_year"):
                moved[(d.clean_start, d.clean_end)] = d
    if not moved:
        return mentions
    return [moved.get((d.clean_start, d.clean_end), d) for d in mentions]
