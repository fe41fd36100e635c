"""What an article's lead says about the time of its figures: the span it
reports over (:func:`lead_frame`: ``记者日前获悉，前三季度，…``), the day it says
the figures were told (:func:`article_day`: ``5月29日，记者从…了解到``), and
whether a year names an event rather than a span (:func:`names_an_event`).
:mod:`etl.semantic.periods` applies them to a figure's period.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from typing import Protocol

from etl.extract.records import DateMention
from etl.semantic.measures import UP_TO_WORDS


class LeadIndex(Protocol):
    """What the lead rules read of a page's index (``etl.semantic.page_index.PageIndex``)."""

    clean: str
    para_starts: list[int]


def _para_of(idx: LeadIndex, pos: int) -> int:
    return bisect.bisect_right(idx.para_starts, pos) - 1


#: Words after a year that make it part of an event's name (2018年春季就业节,
#: 2019年“春风行动”).
_EVENT_NAME_AFTER_YEAR = ("春季", "夏季", "秋季", "冬季", "春风", "春風", "“", "「", "\"")
#: ... also after a place's name or a short qualifier, the year and the quoted
#: name in one phrase (举办2024年某某省“就业暖心”专项服务活动): at most this many
#: characters between them, none of them a clause's end or a digit.
_EVENT_NAME_AFTER_YEAR_RX = re.compile(r"[^，,。；;：:！!？?\n0-9]{0,8}?(?:春季|夏季|秋季|冬季|春风|春風|[“「\"])")


def names_an_event(clean: str, de: int) -> bool:
    """Whether the year ending at ``de`` is part of an event's name: an
    event word or an opening quote follows it, right away or after a short
    qualifier of the same phrase (2018年春季就业节, 2024年某某省“春风行动”)."""
    return clean.startswith(_EVENT_NAME_AFTER_YEAR, de) or bool(_EVENT_NAME_AFTER_YEAR_RX.match(clean, de))


#: A line that starts another article on the page (本报讯, XX讯, …电): the
#: lead of the article before it frames none of its figures.
_ARTICLE_START_RX = re.compile(r"\s*(?:本报讯|\S{0,16}讯[\s(（]|\S{0,16}\d{1,2}月\d{1,2}日电)")


def lead_frame(idx: LeadIndex, dates: list[tuple[int, int, DateMention]], cs: int) -> DateMention | None:
    """The span the article's lead sentence states (``记者日前获悉，前三季度，…``,
    ``…，2025年以来，两地…``, ``…在2022年春节期间开展…``): the first sentence of
    the page's first paragraph that ends a sentence, when it holds a year,
    quarter or period date counted from a year's start (a report's span:
    2022年, 前三季度, 1-5月, 今年以来; not a day: the day an event was held is no
    article's scope; not a campaign's span, 从12月份至春节前; not a year naming an event, ``2017年某省春风行动启动仪式``;
    not a cut-off, ``截至5月7日``: the day counts were taken, while the
    paragraphs after it also tell what was done over spans they leave unsaid).  A news item states its scope once, in its lead; a
    figure of a later paragraph that no date of its own paragraph, section
    or report frames counts over it.  None for a figure of the lead's own
    paragraph (its dates frame it already), or when another article starts
    between the lead and the figure."""
    clean = idx.clean
    stop = clean.find("。", 0, cs)
    if stop < 0:
        return None
    p = _para_of(idx, stop)
    para_start = idx.para_starts[p]
    if p + 1 >= len(idx.para_starts) or idx.para_starts[p + 1] > cs:
        return None  # the figure stands in the lead's paragraph, or before it
    lead = None
    for ds, de, d in dates:
        if ds >= stop:
            break
        if ds >= para_start and d.granularity in ("year", "quarter", "period") and d.start is not None \
                and (d.start.month, d.start.day) == (1, 1) and not _leadnames_an_event(clean, de) \
                and (not clean[max(0, ds - 4) : ds].endswith(UP_TO_WORDS) or _PROGRESS_AFTER_RX.match(clean, de)):
            lead = d
    if lead is None:
        return None
    if any(_ARTICLE_START_RX.match(clean, q) for q in idx.para_starts[p + 1 : _para_of(idx, cs) + 1]):
        return None
    return lead


#: What follows a cut-off that says how much of a year's plan was done by
#: it (``截至2021年12月17日已完成或超额完成年度任务``): a progress report, whose
#: cut-off frames the completion figures of the paragraphs after its lead.
_PROGRESS_AFTER_RX = re.compile(r"[^，,。；;！!？?\n]{0,4}?完成")


#: Words of a clause that tells what will be done (将为…提供岗位5000个, 拟…,
#: 计划…): no span the lead reports over.
FUTURE_WORD_RX = re.compile(r"将|拟|计划|准备")


def _leadnames_an_event(clean: str, de: int) -> bool:
    """Whether the year ending at ``de`` names an event (:func:`names_an_event`)
    and not a span it is held in (``2022年春节期间持续开展“…”活动``: the
    holiday season of 2022, the span of the activity)."""
    if not names_an_event(clean, de):
        return False
    m = _EVENT_NAME_AFTER_YEAR_RX.match(clean, de)
    return m is None or ("期间" not in m.group(0) and "期間" not in m.group(0))


#: Words after a day in a page's lead that make it the day the figures
#: were told (``5月29日，记者从…新闻发布会上了解到，截至目前，…``).
_TOLD_AFTER_RX = re.compile(r"[^。！？!?\n]{0,60}?(?:了解到|获悉|獲悉|得知|获知)")
#: How far into the page the lead's day may stand.
_TOLD_DAY_WITHIN = 200
#: How long before the issue date the day told may be (a news item is fresh).
_TOLD_DAY_MAX_AGE = 31


def article_day(clean: str, dates: list[tuple[int, int, DateMention]], as_of: dt.date | None) -> dt.date | None:
    """The article's date for the up-to-now rules: the day its lead says
    the figures were told (``5月29日，记者从…发布会上了解到，截至目前…``: 目前
    is that day), when it lies on or shortly before ``as_of`` (the issue
    date at the precision known); else ``as_of``."""
    if as_of is None:
        return None
    for ds, de, d in dates:
        if ds > _TOLD_DAY_WITHIN:
            break
        if d.granularity == "day" and d.end is not None and d.end <= as_of \
                and (as_of - d.end).days <= _TOLD_DAY_MAX_AGE and _TOLD_AFTER_RX.match(clean, de):
            return d.end
    return as_of
