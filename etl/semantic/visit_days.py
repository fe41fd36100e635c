"""The day of a care visit told in other ways than a date mention: a day
named relative to the article's date (昨天, 今日), a day of the month without
its month (23日上午, resolved against the article's date), a day whose 年 and 月
the stored text lost (124日 for 1月24日), and a weekday told in an activity
report whose time field gives that weekday's day (本周六 beside
【活动时间】: 2011年10月8日).

A relative day glossed with its date (昨天（3月11日）) is left to that date, and a
day told with its month relative to the article's (上月27日, 本月3日) is resolved
against the article's month.

Split out of ``etl.semantic.visit_events`` (which sentences tell a visit, and
the day of each); ``etl.semantic.care_visits`` adds these days to the page's
date mentions.  The tests ``visit_events`` asks of a date mention live here
too: a dateline (``is_dateline``), a day the text says is a festival
(``names_the_day``: 10月9日是重阳节 dates only a visit its own sentence tells),
the day a paragraph opens with (``paragraph_day``: it dates the visit a later
sentence of that paragraph tells) and the byline before a lead's words
(``byline_end``).  The vocabulary is ``etl.semantic.visit_vocab``.
"""

from __future__ import annotations

import datetime as dt
import re

from etl.extract.records import DateMention
from etl.semantic.visit_vocab import vocab


def resolve_bare_day(day: int, reference: dt.date | None) -> dt.date | None:
    """The date of a day of the month told without its month (23日上午):
    that day of the reference's month, or of the month before when the day
    is after the reference's; None without a reference or for a day that
    month does not have."""
    if reference is None:
        return None
    year, month = reference.year, reference.month
    if day > reference.day:
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def relative_day_mentions(clean: str, reference: dt.date | None) -> list[tuple[int, int, dt.date]]:
    """(start, end, date) of the days named relative to the article's date
    (昨日, 今天; 上月27日, 本月3日: relative to its month) in ``clean``; none
    without a day-precise reference.  A relative day the text glosses with
    its date (昨天（3月11日）) is left to that date."""
    if reference is None:
        return []
    v = vocab()
    offsets = dict(v.relative_days)
    rx = v.relative_days_rx
    # (opening a sentence or a clause, outside quotes: “今天我很开心” is no date;
    # not one the text glosses with its date in brackets, 昨天（3月11日）: that date is the day)
    return [(m.start(), m.end(), reference - dt.timedelta(days=offsets[m.group()])) for m in rx.finditer(clean)
            if (m.start() == 0 or clean[m.start() - 1] in _RELATIVE_DAY_BEFORE)
            and not glossed(clean, m.end())] + _month_relative_mentions(clean, reference)


def glossed(clean: str, end: int) -> bool:
    """Whether the day told up to ``end`` (昨天) is glossed with its date in
    brackets right after it (昨天（3月11日）): the bracketed date is the day."""
    return _GLOSSED_RX.match(clean, end) is not None


#: A relative day glossed with its date in brackets (昨天（3月11日）, 今天(11日)).
_GLOSSED_RX = re.compile(r"\s*[（(]\s*(?:[0-9]{4}年)?(?:[0-9]{1,2}月)?[0-9]{1,2}日")
#: A day of the month named relative to the article's month (上月27日, 本月3日).
_MONTH_RELATIVE_RX = re.compile("(上|本|这)个?月([0-9]{1,2})[日号]")


def _month_relative_mentions(clean: str, reference: dt.date) -> list[tuple[int, int, dt.date]]:
    """(start, end, date) of the days told with the month relative to the
    article's (上月27日: that day of the month before the article's; 本月3日:
    of its month), when that month has the day."""
    out = []
    for m in _MONTH_RELATIVE_RX.finditer(clean):
        year, month = reference.year, reference.month
        if m.group(1) == "上":
            year, month = (year - 1, 12) if month == 1 else (year, month - 1)
        try:
            out.append((m.start(), m.end(), dt.date(year, month, int(m.group(2)))))
        except ValueError:
            continue
    return out


#: A weekday of the week told (本周六, 上周日, 星期六): see ``weekday_mentions``.
_WEEKDAY_RX = re.compile("(?:本|这|上)?(?:周|星期|礼拜)([一二三四五六日天])")
_WEEKDAYS = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}
#: How far after an activity's time field its day may stand (【活动时间】: 2011年10月8日).
_FIELD_WINDOW = 12


def weekday_mentions(clean: str, day_dates: list[tuple[int, DateMention]]) -> list[tuple[int, int, dt.date]]:
    """(start, end, date) of the weekdays (本周六, 星期六) opening a sentence or
    a clause of a page whose activity time field (``activity_time_words``:
    【活动时间】: 2011年10月8日) gives a day of that same weekday: the report
    tells that one activity, and its weekday is that day.  None on a page
    without such a field (a weekday alone fixes no day)."""
    v = vocab()
    if not v.activity_time or v.activity_time_rx.search(clean) is None:
        return []
    days = [d.start for pos, d in day_dates
            if d.start is not None and any(clean.startswith(w, i) for i in range(max(0, pos - _FIELD_WINDOW), pos)
                                           for w in v.activity_time)]
    out = []
    for m in _WEEKDAY_RX.finditer(clean):
        if m.start() and clean[m.start() - 1] not in _RELATIVE_DAY_BEFORE:
            continue
        same = {d for d in days if d.weekday() == _WEEKDAYS[m.group(1)]}
        if len(same) == 1:
            out.append((m.start(), m.end(), same.pop()))
    return out


#: A day whose 年 and 月 the stored text lost (124日 for 1月24日, 201958日 for
#: 2019年5月8日): digits right before 日 (not 日元), none before them.
_LOST_MONTH_RX = re.compile(
    r"(?<![0-9.期续共近约第时满了计])(?:((?:19|20)[0-9]{2})([0-9]{2,4})|([0-9]{3,4}))日(?![元内左以之])"
)  # (not a count of days: 为期120日, 连续120日, 120日内)
#: How many days before the article's date such a day may be (the one
#: reading of its digits in that window is taken; none when two fit).
LOST_MONTH_WINDOW_DAYS = 31


def lost_month_mentions(clean: str, reference: dt.date | None) -> list[tuple[int, int, dt.date]]:
    """(start, end, date) of the days written without their 月 (and 年) in
    ``clean`` (124日, 201958日: characters the stored text lost), read
    against the article's day: the one reading of the digits as month and
    day within ``LOST_MONTH_WINDOW_DAYS`` before it (and in the year given,
    if any); none without a day-precise reference."""
    if reference is None or "日" not in clean:
        return []
    out = []
    for m in _LOST_MONTH_RX.finditer(clean):
        year, digits = m.group(1), m.group(2) or m.group(3)
        fits = set()
        for cut in (1, 2):
            if not 1 <= len(digits) - cut <= 2:
                continue
            month, day = int(digits[:cut]), int(digits[cut:])
            if not 1 <= month <= 12:
                continue
            for y in ((int(year),) if year else (reference.year, reference.year - 1)):
                try:
                    d = dt.date(y, month, day)
                except ValueError:
                    continue
                if 0 <= (reference - d).days <= LOST_MONTH_WINDOW_DAYS:
                    fits.add(d)
        if len(fits) == 1:
            out.append((m.start(), m.end(), fits.pop()))
    return out


#: Characters before a relative day that opens a sentence or a clause.
_RELATIVE_DAY_BEFORE = "\n，,。；;！!？?”）) \u3000"


# ---------------------------------------------------------------------------
# Which date mentions date a visit (etl.semantic.visit_events asks).

#: An article's dateline and byline opening its first sentence (本报讯（记者 某某）, 青山讯 ):
#: what the sentence says starts after it.
_BYLINE_RX = re.compile(r"^[^，,。；;！!？?\n]{0,20}?[讯电]\s*(?:[（(][^）)\n]{0,30}[）)])?\s*")
#: What may stand before a paragraph's first word (quotes, spaces, a line break).
_OPENING_JUNK = "“”\"' \u3000\n"
_TIMESTAMP_RX = re.compile(r"\s*[0-9]{1,2}[:：][0-9]{2}")


def byline_end(text: str) -> int:
    """Where a sentence's opening dateline and byline (本报讯（记者 某某）) end, or 0."""
    m = _BYLINE_RX.match(text)
    return m.end() if m is not None else 0


def date_end(pos: int, d: DateMention) -> int:
    """The clean end of the date mention ``d`` that starts at ``pos``."""
    return d.clean_end if d.clean_end >= 0 else pos + len(d.surface)


def is_dateline(clean: str, end: int) -> bool:
    """Whether the date mention ending at ``end`` is a dateline: an agency's
    (8月2日电, 1月27日讯) or a timestamp (2013-09-10 10:31)."""
    after = clean[end : end + 8]
    return after.startswith(vocab().dateline_after) or _TIMESTAMP_RX.match(after) is not None


def names_the_day(clean: str, end: int) -> bool:
    """Whether the date ending at ``end`` is the subject of what its sentence
    says the day is (``festival_day_words``: 10月9日是一年一度的重阳节): a festival or an anniversary,
    the day of a visit only when the sentence itself goes on to tell one
    (1月20日是…纪念日，当天在某社区…), not when the next sentence does (…。今年
    敬老月，领导走访慰问了全区高龄老人: a campaign)."""
    return clean.startswith(vocab().festival_day, end)


def paragraph_day(clean: str, p0: int, s0: int, day_dates: list[tuple[int, DateMention]]) -> dt.date | None:
    """The day a paragraph (from ``p0``) opens with (8月8日上午，某服务队再一次行动
    了起来。…随后志愿者们来到…家中: the day of the visit its later sentence at
    ``s0`` tells), when it is the only day told in the paragraph before ``s0``
    and neither a dateline, when the news came nor a campaign's start; else None."""
    before = [(pos, d) for pos, d in day_dates if p0 <= pos < s0]
    if len(before) != 1:
        return None
    pos, d = before[0]
    if clean[p0:pos].strip(_OPENING_JUNK) or is_dateline(clean, date_end(pos, d)) \
            or vocab().reporting_or_campaign_rx.search(clean, pos, pos + 14) is not None:
        return None
    return d.start
