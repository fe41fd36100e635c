"""The period an indicator's figure covers (its frame and the up-to-now,
stock and target rules that bound it).

Moved out of this module: what kind of number the figure is (target,
cumulative, annual average, outcome: :func:`~etl.semantic.measures.figure_kind`)
is :mod:`etl.semantic.measures`; the clause and sentence before a figure that
both read are :mod:`etl.semantic.figure_clauses`; what the article's lead
says about time (its span, the day its figures were told) is
:mod:`etl.semantic.article_lead`.

**Period** (:func:`period_of`; ``period_basis`` names the rule that gave it),
tried in this order:

* ``paragraph``: the nearest date before the figure in its paragraph (a
  year naming an event, ``2018年春季就业节``, gives way to a day of that year
  before it in the paragraph: the event's day);
* ``heading``: a figure in a heading (a title) with no date before it takes
  the first date of the article under it;
* ``section`` (breakdown): a paragraph with no date that states by place
  what the paragraph before it totalled (``拉萨市转移就业3.6万人；日喀则市…``:
  three of its sentences open with a gazetteer region's name), or opens
  with 其中 (``其中，转移到省外…``), or speaks again of the campaign the
  paragraph before dated with a span (``专项行动共查办…`` after ``从12月份至
  春节前…``) takes that paragraph's last date;
* ``section``: a year/quarter/period date opening an earlier paragraph of the
  same section (``2022 年，…`` frames the paragraphs under it until the next
  heading), or standing in the numbered heading of the section
  (``一、2018年工作回顾``); a paragraph opening with a ``full_year_words`` word (全年，…)
  covers the report's year (below), else the calendar year of the nearest
  earlier one-year date;
* ``report``: the year a statistical bulletin or report names in its title
  (``2022年…统计公报``);
* ``article``: the nearest earlier day of the section (a care visit's day
  frames the figures told after it); else, for a figure that is no target,
  the span the article's lead sentence states (``记者日前获悉，前三季度，…``,
  ``…，2025年以来，…``: :func:`~etl.semantic.article_lead.lead_frame`), which frames the later
  paragraphs no date of their own frames.

A date that is the base of a comparison (``比2019年增长``, ``与去年同期相比``:
:data:`COMPARISON_BEFORE`, :data:`COMPARISON_AFTER`) never frames a figure,
nor does a publication date (a dateline ``1月27日讯``, ``3月1日电``, a
page's timestamp ``2026-02-25 14:23``: :func:`is_dateline`, or a date after
``发布时间:``), nor 今年 before a holiday (``今年春节刚过``: this year's
festival, :data:`HOLIDAYS`, not the year so far).

Then, in :func:`period_of`:

* a target of the whole year (``年目标任务``, ``4600人年计划``, ``全年目标``)
  covers the calendar year of its frame, whatever part of it the frame
  covers (``截止10月底``);
* a figure whose clause (or sentence, :data:`SENTENCE_UP_TO_NOW`) says it
  counts up to now (:data:`UP_TO_NOW`: 目前, 截至目前, 至今) ends at the
  article's date (the issue date at the precision known), or at the cut-off
  that frames its paragraph (``截至9月底，…。…目前已…``); it starts at a
  date of its own sentence, else at a ``…以来`` period framing its
  paragraph, else (a running total: 累计, 目前 in its clause) nowhere, else
  on 1 January; an up-to-now word opening a sentence (``。截至目前，…``)
  frames the rest of its paragraph so, up to the next date, except the
  sentences with 累计 (running totals of their own) and targets;
* a running total (累计, or a clause after ``累计已达`` in its sentence) with
  no date of its own sentence nor a ``…以来`` frame has no start and ends
  with its frame;
* a holiday's or an event's span after the frame in the figure's sentence
  (``“两节”期间``, ``春节期间``, ``活动期间``, ``招聘会期间``:
  :data:`_HOLIDAY_SPAN_RX`) leaves the period empty, unless the page dated
  that holiday season before (``今年元旦和春节期间``: from 1 January to the
  day the article tells of): a holiday's span speaks of it again;
* a span of several years up to now (``从1985年到2022年``) ends at the
  article's date and says since when (a running total under it starts
  there); so does a campaign up to the Spring Festival not over when
  the article is written (``从12月份至春节前``);
* a running total under a cut-off (``截至今年6月底，…累计…``) has no start;
* a day followed by 开始/起 (``从2月7日开始``) starts an open period (no end);
* an outcome framed by ``今年`` ends at the article's date: the year is not
  over when the article is written.  Yearly averages (年均, 每年) keep
  their span.
* a target under a target heading with a year (``2024年主要预期目标``) covers
  that year; a target beside part of a year (``1-6月，…低于4%的控制指标``)
  the whole calendar year, unless its own clause dates it; ``预计全年`` the
  article's year;
* a stock (:func:`is_stock`: 现有, 拥有, 活跃着, 年末共有, or a total built
  with no period or under a cut-off: 截至6月底，已建成…) has no start unless
  its own sentence dates it (``从去年成立至今，已发展到拥有…``); 目前
  opening a sentence (``目前，全县共有…``) ends it at the article's date.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from typing import Protocol

from etl.extract.records import DateMention
from etl.extract.textrepair import to_simplified
from etl.semantic.figure_clauses import (MAX_SENTENCE, _any_word_rx, _clause_before, _clause_from, _full_sentence_before,
                                         _sentence_before, _words, up_to_now_text)
from etl.semantic.measures import (_CUMULATIVE_RX, _HAVE_RX, PERENNIAL_WORDS, UP_TO_NOW, UP_TO_WORDS, _opens_up_to_now,
                                   _enrolled, _running_total, _stock_list, is_stock,
                                   runs_years_to_now, spans_several_years, under_target_heading,
                                   under_undated_lead_span)
from etl.semantic.article_lead import FUTURE_WORD_RX, lead_frame, names_an_event
from etl.semantic.regions import opens_with_region

#: A date right after one of these is a comparison base, not a frame.
COMPARISON_BEFORE = ("比", "较", "同比", "与", "和", "相比", "低于", "高于", "超过")
#: ... or right before one of these.
COMPARISON_AFTER = ("同期", "相比", "同比", "比较", "水平")
#: Up-to-now words that govern the rest of their sentence
#: (截至目前，A累计X，累计带动Y).
SENTENCE_UP_TO_NOW = ("截至目前", "截止目前", "到目前为止", "迄今")
#: A holiday span (“两节”期间, 春节期间, 暑假期间, 国庆期间): a figure counted in it
#: has no period a date of the text fixes.
_HOLIDAY_SPAN_RX = re.compile(r"(?:节|假|国庆|中秋|元旦|春运|活动|[会會]|行动|行動|援助月|服务月|服務月)[”\"’'」』]?(?:期间|期間)")
#: A holiday's span word (“两节”期间, 春节期间), not an event's (活动期间).
_HOLIDAY_WORD_RX = re.compile(r"(?:节|假|国庆|中秋|元旦|春运)")


#: What may stand between a date and a 今年 right after it that it narrows
#: (截至7月末，今年…: commas, spaces; the 末 a month's mention leaves out).
_NARROWED_BY_BEFORE_RX = re.compile(r"[末底]?[\s,，、]{0,3}")


def _up_to_spring_festival(d: DateMention | None) -> bool:
    """Whether ``d`` is a span up to the Spring Festival (从12月1日至春节前:
    ``etl.extract.date_context``)."""
    return d is not None and d.granularity == "period" and to_simplified(d.surface).endswith(("春节前", "春节前夕"))


def _is_season(d: DateMention) -> bool:
    """Whether ``d`` is a holiday season the text dates (今年元旦和春节期间:
    ``etl.extract.date_context``)."""
    return d.granularity == "period" and to_simplified(d.surface).endswith("期间")


def _season_before(dates: list[tuple[int, int, DateMention]], starts: list[int] | None,
                   cs: int) -> DateMention | None:
    """The last holiday season the page dates before clean ``cs``
    (今年元旦和春节期间), which a later 春节期间 or “两节”期间 speaks of again."""
    k = bisect.bisect_left(starts if starts is not None else [x[0] for x in dates], cs)
    return next((d for _, _, d in reversed(dates[:k]) if _is_season(d)), None)


#: An event's span (活动期间): empty unless the frame dates the event's span.
_EVENT_SPAN_WORDS = ("活动", "会", "會", "行动", "行動", "援助月", "服务月", "服務月")
#: The longest span of dates that reads as one event's (3月1日至31日).
_EVENT_SPAN_MAX_DAYS = 92


def _dated_span(d: DateMention | None) -> bool:
    """Whether the frame ``d`` is a span of dates an event may fill (3月1日至
    31日): not a day, a year, nor a …以来 span up to now."""
    return d is not None and d.granularity == "period" and not to_simplified(d.surface).endswith("以来") \
        and d.start is not None and d.end is not None and (d.end - d.start).days <= _EVENT_SPAN_MAX_DAYS


#: Words after a day that make it the start of an open span (2月7日开始, 2月4日起).
_SINCE_AFTER = ("开始", "起")
#: A target of the whole year (完成年目标任务12500人, 4600人年计划, 全年目标):
#: its period is the calendar year, whatever part of it the frame covers.
_ANNUAL_TARGET_RX = re.compile(r"(?<![0-9一二三四五六七八九十百两几多])(?:年度?|全年)(?:目标|计划|任务)")
#: Words of a year's plan (力争城镇新增就业…, 预期目标): a target set for a year.
_YEAR_PLAN_RX = re.compile(r"力争|确保|目标|预期|年度计划|全年计划")
#: A span from a date to now in the figure's sentence (团队从去年成立至今，已…).
_SINCE_TO_NOW_RX = re.compile(r"[从自][^。；;!！?？\n]{0,30}?(?:至今|到现在|到目前)")
#: A bulletin's or report's title: its year frames the page.
_REPORT_TITLE_RX = re.compile(r"((?:19|20)\d\d)\s*年[^\n。]{0,40}?(?:统计公报|公报|工作报告|年报|工作总结|年鉴)")


class TextIndex(Protocol):
    """What the period rules read of a page's index (``etl.semantic.page_index.PageIndex``)."""

    clean: str
    para_starts: list[int]
    headings: list[int]
    year_openers: list[int]


def _para_of(idx: TextIndex, pos: int) -> int:
    return bisect.bisect_right(idx.para_starts, pos) - 1


def _opens(idx: TextIndex, ds: int, de: int) -> bool:
    """Whether the date at clean ds..de opens its paragraph (``2022 年，…``)."""
    dp = idx.para_starts[_para_of(idx, ds)]
    return ds - dp <= 2 and idx.clean[de : de + 1] in (",", "，", "")


def is_comparison(clean: str, ds: int, de: int) -> bool:
    """Whether the date at clean ds..de is the base of a comparison."""
    return clean[max(0, ds - 3) : ds].endswith(COMPARISON_BEFORE) or clean.startswith(COMPARISON_AFTER, de)


#: What follows a page's publication date, not an article's date
#: (``2017-10-11 16:10:41 来源:…``).
_DATELINE_AFTER_RX = re.compile(r"\s*(?:\d{1,2}:\d{2}|[^\n]{0,12}来源[:：])")


def _in_dateline(clean: str, de: int) -> bool:
    return bool(_DATELINE_AFTER_RX.match(clean, de))


#: What follows the date of a news item's dateline (``福州新闻网1月27日讯``,
#: ``新华社成都3月1日电``): the day the item was filed, not a day it tells of.
_NEWS_DATELINE_AFTER_RX = re.compile(r"\s*(?:专?电(?![话视影力脑商子站网器费])|讯)")


def is_dateline(clean: str, de: int) -> bool:
    """Whether the date ending at clean ``de`` is a publication date: a
    page's timestamp (``2017-10-11 16:10``, ``… 来源:``) or a news item's
    dateline (``1月27日讯``, ``3月1日电``)."""
    return bool(_DATELINE_AFTER_RX.match(clean, de) or _NEWS_DATELINE_AFTER_RX.match(clean, de))


#: A government work report: given in spring, it reviews the year before
#: the one it is given in (``2023年…政府工作报告`` reviews 2022).
GOV_REPORT = "政府工作报告"
#: A work report named as the source of the plan a page reviews (``2021年
#: 某市政府工作报告提出的10件惠民实事，截至…已完成``): the page is a progress
#: report on that plan, not the report itself.
_REPORT_AS_PLAN_SOURCE_RX = re.compile(GOV_REPORT + r"(?:中|里)?(?:提出|确定|部署|明确|承诺|安排)(?:了)?的")


def report_year(clean: str, as_of: dt.date | None = None) -> int | None:
    """The year a bulletin or report names in its title (first lines); for a
    government work report (its title or a lead that names one), the year
    before the one it is given in (its title's year, else ``as_of``'s); for
    a statistical bulletin whose title the page lacks (it says 本公报 or
    统计公报), the year before the article's date."""
    head = clean[:200]
    m = _REPORT_TITLE_RX.search(head)
    if GOV_REPORT in head and _REPORT_AS_PLAN_SOURCE_RX.search(head):
        return None  # (2021年某市政府工作报告提出的10件实事，截至…已完成: a review of the plan, not the report)
    if GOV_REPORT in head:
        if m and GOV_REPORT in m.group(0):
            return int(m.group(1)) - 1
        return as_of.year - 1 if as_of is not None else None
    if m:
        return int(m.group(1))
    if as_of is not None and ("统计公报" in head or "本公报" in clean):
        return as_of.year - 1  # a bulletin is published the year after the one it reports
    return None


def figure_frame(idx: TextIndex, dates: list[tuple[int, int, DateMention]], cs: int, starts: list[int],
           year_of_report: int | None) -> tuple[DateMention | None, dt.date | None, dt.date | None, str | None]:
    """(the framing date, start, end, basis) of the figure at clean ``cs``
    before the up-to-now rules (:func:`period_of` applies them)."""
    clean = idx.clean
    p = _para_of(idx, cs)
    para_start = idx.para_starts[p]
    before = range(bisect.bisect_left(starts, cs))
    for k in reversed(before):
        ds, de, d = dates[k]
        if ds < para_start:
            break
        if d.granularity == "year" and names_an_event(clean, de):
            # 2月22日，某县举行2018年春季就业节：the year names the event; the
            # day before it in the paragraph, inside that year, frames its figures
            for j in reversed(range(k)):
                ds2, _, d2 = dates[j]
                if ds2 < para_start:
                    break
                if d2.granularity in ("day", "period") and d.start is not None and d.end is not None \
                        and d2.start is not None and d2.end is not None and d.start <= d2.start and d2.end <= d.end:
                    return d2, d2.start, d2.end, "paragraph"
        if k > 0 and d.resolution == "relative" and d.granularity == "year":
            ds0, de0, d0 = dates[k - 1]
            if ds0 >= para_start and _NARROWED_BY_BEFORE_RX.fullmatch(clean, de0, ds) \
                    and d0.start is not None and d0.end is not None and d.start is not None and d.end is not None \
                    and d.start <= d0.start and d0.end <= d.end:
                # 截至7月末，今年新增就业…: the cut-off before 今年 says up to when
                return d0, d0.start, d0.end, "paragraph"
        return d, d.start, d.end, "paragraph"
    h = bisect.bisect_right(idx.headings, para_start)
    heading_before = idx.headings[h - 1] if h else -1
    if p > 0 and _THAT_DAY_RX.match(clean, para_start):
        # 这天，…义诊40多人 opening a paragraph after 27日，…: the day told of last
        k = bisect.bisect_left(starts, para_start) - 1
        if k >= 0 and dates[k][2].granularity == "day" and dates[k][0] > _section_start(idx, h):
            d = dates[k][2]
            return d, d.start, d.end, "section"
    if p > 0 and para_start not in idx.headings \
            and (_breaks_down_by_place(clean, para_start, cs) or _opens_with_part(clean, para_start, cs)
                 or _opens_with_campaign(clean, para_start, dates, starts)):
        # 拉萨市转移就业3.6万人；日喀则市转移就业6.6万人；… after 截至5月7日，全区…,
        # or 其中，转移到省外…: a breakdown of the paragraph before takes its frame
        prev = idx.para_starts[p - 1]
        k = bisect.bisect_left(starts, para_start) - 1
        if k >= 0 and dates[k][0] >= prev and dates[k][0] > heading_before:
            d = dates[k][2]
            return d, d.start, d.end, "section"
    if h and idx.headings[h - 1] == para_start:  # the figure stands in a heading
        for k in range(len(before), len(dates)):
            ds, _, d = dates[k]
            if cs < ds and not _in_dateline(clean, dates[k][1]):
                return d, d.start, d.end, "heading"
    opener = -1
    if idx.year_openers or clean.startswith(("全年", "全年度"), para_start):
        o = bisect.bisect_right(idx.year_openers, para_start)
        if clean.startswith(("全年", "全年度"), para_start):
            opener = para_start
        elif o and idx.year_openers[o - 1] > heading_before:
            opener = idx.year_openers[o - 1]
    if opener >= 0:
        for k in reversed(range(bisect.bisect_left(starts, opener), bisect.bisect_left(starts, para_start))):
            ds, de, d = dates[k]
            if _opens(idx, ds, de) and d.granularity in ("year", "quarter", "period"):
                return d, d.start, d.end, "section"  # a framing date after the 全年 paragraph
        if year_of_report is not None:
            return None, dt.date(year_of_report, 1, 1), dt.date(year_of_report, 12, 31), "report"
        for k in reversed(range(bisect.bisect_left(starts, opener))):
            d = dates[k][2]
            if d.start is not None and d.end is not None and d.start.year == d.end.year:
                return d, dt.date(d.start.year, 1, 1), dt.date(d.start.year, 12, 31), "section"
        return None, None, None, None
    for k in reversed(before):
        ds, de, d = dates[k]
        if ds < heading_before:
            break
        if (_opens(idx, ds, de) or _in_numbered_heading(clean, heading_before, ds)) \
                and d.granularity in ("year", "quarter", "period"):
            return d, d.start, d.end, "section"
    lead = _report_lead(clean, dates, starts, para_start)
    if lead is not None:
        return lead, lead.start, lead.end, "section"
    if year_of_report is not None:
        return None, dt.date(year_of_report, 1, 1), dt.date(year_of_report, 12, 31), "report"
    for k in reversed(before):
        ds, de, d = dates[k]
        if ds < heading_before:
            break
        if d.granularity == "day" and not is_dateline(clean, de):
            return d, d.start, d.end, "article"
    return None, None, None, None


#: The end of a report's lead (现将2021年1~10月…完成情况通报如下：): what
#: follows is the report, and the span the lead names frames all of it.
_LEAD_END_RX = re.compile(r"如下\s*[:：]")


def _report_lead(clean: str, dates: list[tuple[int, int, DateMention]], starts: list[int],
                 para_start: int) -> DateMention | None:
    """The span that frames a report's figures when no date of their
    paragraph or section does: the last year, quarter or period date of
    the report's lead (:data:`_LEAD_END_RX`: ``现将2021年1~10月…通报如下：``)
    before the paragraph at ``para_start``, else a quarter or a part of a
    year the page's headline names (``2021年1-10月全市就业工作进展情况``);
    None when there is neither."""
    at = clean.rfind("如下", 0, para_start)  # (a C scan: this runs for figures no nearer date frames)
    if at >= 0 and _LEAD_END_RX.match(clean, at):
        sent = _sentence_start(clean, at)
        lead = None
        for _, _, d in dates[bisect.bisect_left(starts, sent) : bisect.bisect_left(starts, at)]:
            if d.granularity in ("year", "quarter", "period"):
                lead = d
        if lead is not None:
            return lead
    head = _headline_end(clean)
    if 0 < head <= para_start:
        for _, _, d in dates[: bisect.bisect_left(starts, head)]:
            if d.granularity in ("quarter", "period") and d.start is not None and d.end is not None \
                    and d.start.year == d.end.year and not to_simplified(d.surface).endswith("以来"):
                return d
    return None


#: The longest first line that reads as a headline.
_HEADLINE_MAX = 40


def _headline_end(clean: str) -> int:
    """The end of the page's headline: its first non-empty line when that is
    short and no sentence ends in it, else 0 (a page opening with a sentence
    has no headline to frame it)."""
    lead = len(clean) - len(clean.lstrip())
    end = clean.find("\n", lead)
    if end < 0:
        return 0
    line = clean[lead:end]
    return 0 if len(line.strip()) > _HEADLINE_MAX or any(c in line for c in "。!?！？") else end


def _line(clean: str, start: int) -> str:
    end = clean.find("\n", start)
    return clean[start : len(clean) if end < 0 else end].strip()


def _section_start(idx: TextIndex, h: int) -> int:
    """The last of the first ``h`` headings that opens a section: a heading
    that repeats the page's title (a title printed again over each photo
    of the article) opens none; -1 when none does."""
    title = _line(idx.clean, idx.headings[0]) if idx.headings else ""
    for k in reversed(range(h)):
        if k == 0 or _line(idx.clean, idx.headings[k]) != title:
            return idx.headings[k]
    return -1


def _sentence_start(clean: str, pos: int) -> int:
    """The start of the sentence holding clean offset ``pos``."""
    return max(clean.rfind(c, 0, pos) for c in "。！？!?\n") + 1


_BREAKDOWN_MIN = 3
#: Words opening a paragraph that break down the total the paragraph before
#: stated (其中，…; 其中：…).
_PART_OPENERS_RX = re.compile(r"\s*其中\s*[,，:：]")


#: Words opening a paragraph that speak again of the campaign or event the
#: paragraph before named (专项行动共…, 此次活动…, 活动期间…).
_CAMPAIGN_OPENER_RX = re.compile(r"\s*(?:此次|本次|这次|该|今年的?)?(?:专项)?(?:行动|活动|检查|整治)(?![^，,。]{0,2}[将要])")


def _opens_with_campaign(clean: str, para_start: int, dates: list[tuple[int, int, DateMention]],
                         starts: list[int]) -> bool:
    """Whether the paragraph at ``para_start`` opens by speaking again of the
    campaign the paragraph before dated with a span (``…开展专项行动，从12月份
    至春节前…。`` / ``专项行动共查办…``: :data:`_CAMPAIGN_OPENER_RX`): the
    paragraph before's last date is that span (not a …以来 span)."""
    if not _CAMPAIGN_OPENER_RX.match(clean, para_start):
        return False
    k = bisect.bisect_left(starts, para_start) - 1
    return k >= 0 and (_dated_span(dates[k][2]) or _up_to_spring_festival(dates[k][2]))


def _opens_with_part(clean: str, para_start: int, cs: int) -> bool:
    """Whether the paragraph holding the figure at ``cs`` opens with 其中 (a
    breakdown of what the paragraph before totalled: ``其中，转移到省外…``) and
    no sentence of it ends before the figure's: its figures are parts of
    that total, and count over the same period."""
    m = _PART_OPENERS_RX.match(clean, para_start)
    return m is not None and not any(c in clean[m.end() : cs] for c in "。！？!?\n")


def _breaks_down_by_place(clean: str, para_start: int, cs: int) -> bool:
    """Whether the paragraph (up to the figure, at most 400 characters in)
    is a breakdown by place: it opens with a place and at least
    :data:`_BREAKDOWN_MIN` of its sentences (cut at ；。) open so."""
    end = clean.find("\n", para_start)
    end = len(clean) if end < 0 else end
    para = clean[para_start : min(end, para_start + 400)].strip()
    if cs - para_start > 400 or not opens_with_region(para):
        return False
    parts = [x.strip() for x in re.split("[；;。]", para) if x.strip()]
    return sum(1 for x in parts if opens_with_region(x)) >= _BREAKDOWN_MIN


def _in_numbered_heading(clean: str, heading: int, ds: int) -> bool:
    """Whether clean offset ``ds`` stands in the heading line starting at
    ``heading`` and that line is a numbered section's (``一、2018年工作回顾``,
    ``（二）2023年工作安排``): its date frames the section under it."""
    if heading < 0 or ds < heading:
        return False
    end = clean.find("\n", heading)
    return (end < 0 or ds < end) and bool(_SECTION_NUMBER_RX.match(clean, heading))


#: The number of a section's heading (一、, （二）, 第三部分).
_SECTION_NUMBER_RX = re.compile(r"\s*(?:[一二三四五六七八九十]{1,2}、|[（(][一二三四五六七八九十]{1,2}[)）]|第[一二三四五六七八九十]{1,2}部分)")


def framing_dates(clean: str, dates: list[tuple[int, int, DateMention]]) -> list[tuple[int, int, DateMention]]:
    """The dates that may frame a figure: resolved, not the base of a
    comparison, not a publication date (``dates``: (clean start, clean end,
    date), sorted)."""
    return [(ds, de, d) for ds, de, d in dates
            if d.start is not None and d.end is not None and not is_comparison(clean, ds, de)
            and not _names_a_gov_report(clean, de) and not is_dateline(clean, de)
            and not _PUBLISHED_BEFORE_RX.search(clean, max(0, ds - 8), ds)
            and not (d.resolution == "relative" and d.granularity == "year" and clean.startswith(HOLIDAYS, de))]


#: What stands before a page's publication date in its furniture
#: (``发布时间:2022-02-08``, ``更新时间：…``): not a day the article tells of.
_PUBLISHED_BEFORE_RX = re.compile(r"(?:发布时间|更新时间|发布日期|發佈時間|發布時間|发表于|發表於)\s*[:：]?\s*$")
#: Holidays: 今年春节 names this year's Spring Festival (a time no date of
#: the text fixes), not the year.
HOLIDAYS = ("春节", "春節", "元旦", "元宵", "清明", "端午", "中秋", "国庆", "國慶", "重阳", "重陽", "两节", "兩節",
            "“两节”", "“兩節”", "\"两节\"", "五一", "六一", "七一", "八一", "寒假", "暑假")


_GOV_REPORT_NAME_RX = re.compile(r"[^\n。，,]{0,30}?" + GOV_REPORT)


def _names_a_gov_report(clean: str, de: int) -> bool:
    """Whether the date ending at ``de`` is the year in a government work
    report's name (``2023年某县政府工作报告``): the year it is given in, not
    the period of its figures."""
    return bool(_GOV_REPORT_NAME_RX.match(clean, de))


def period_of(idx: TextIndex, dates: list[tuple[int, int, DateMention]], cs: int,
              starts: list[int] | None = None, as_of: dt.date | None = None,
              year_of_report: int | None = None, measure: str = "outcome",
              frame: tuple | None = None) -> tuple:
    """(start, end, basis) of the period a figure at clean offset ``cs``
    covers.  ``dates`` are the page's :func:`framing_dates`;
    ``starts`` their clean starts; ``as_of`` the article's date
    at the precision known; ``year_of_report`` the page's :func:`report_year`;
    ``measure`` the figure's :func:`measure_of` (a target framed by 今年
    covers the whole year); ``frame`` its :func:`figure_frame` when the
    caller has it (a figure of several indicators asks more than once)."""
    if frame is None:
        if starts is None:
            starts = [d[0] for d in dates]
        frame = figure_frame(idx, dates, cs, starts, year_of_report)
    d, start, end, basis = frame
    clean = idx.clean
    if d is None and start is None and end is None and measure != "target" \
            and not FUTURE_WORD_RX.search(_clause_before(clean, cs)):
        lead = lead_frame(idx, dates, cs)
        if lead is not None:  # (a plan's year is the year-plan rule's below; a future clause's, none)
            d, start, end, basis = lead, lead.start, lead.end, "article"
    if d is None and start is None and end is None and measure == "cumulative" and as_of is not None \
            and under_undated_lead_span(clean, cs):
        return None, as_of, "article"  # 近年来 / 工程启动以来 in the lead: a running total up to now
    clause = _clause_before(clean, cs)
    sentence = _sentence_before(clean, cs)
    if measure == "target":
        heading = under_target_heading(clean, cs)
        year = _year_in_heading(clean, dates, heading) if heading is not None else None
        if year is not None:  # 2023年预期目标 / ●城镇新增就业70万人以上: the heading's year
            return dt.date(year, 1, 1), dt.date(year, 12, 31), "heading"
    if measure == "target" and d is None and start is None and basis is None:
        lead = lead_frame(idx, dates, cs)
        if lead is not None and lead.end is not None and ("全年" in clause or _YEAR_PLAN_RX.search(sentence)):
            # 截至2021年12月17日已完成…年度任务 in the lead, 目标任务：全年…14万个
            # below: the plan is for the year the lead reports on
            return dt.date(lead.end.year, 1, 1), dt.date(lead.end.year, 12, 31), "article"
    if measure == "target" and start is None and as_of is not None \
            and ("全年" in clause or (d is None and basis is None and _YEAR_PLAN_RX.search(sentence))):
        # 预计全年…: this year; a plan no date of the page frames, set with
        # a word of a year's plan (a work report's 力争城镇新增就业22万人), is
        # for the year it is written in (not 将有…, 还将…: what comes soon)
        return dt.date(as_of.year, 1, 1), dt.date(as_of.year, 12, 31), "article"
    if measure == "target" and end is not None and _ANNUAL_TARGET_RX.search(clause + _clause_from(clean, cs)):
        # 完成年目标任务12500人 after 截止10月底: the year's target is the whole year's
        return dt.date(end.year, 1, 1), dt.date(end.year, 12, 31), basis
    if measure == "cumulative" and _enrolled(clause):
        if d is not None and end is not None and clean[max(0, d.clean_start - 4) : d.clean_start].endswith(UP_TO_WORDS):
            return None, end, basis  # 截至9月末，…参保人数: a stock up to the cut-off, no start
        return start, end, basis  # 第三季度…参保人数: the enrolment of the period its frame says
    if measure == "cumulative" and any(w in clause for w in PERENNIAL_WORDS):
        return None, None, None  # 常年保持在5万人左右: a level held year after year, no date fixes it
    dated_here = d is not None and d.clean_start >= cs - len(sentence)
    if measure == "target" and d is not None and d.clean_start < cs - len(clause) and basis in ("paragraph", "section") \
            and start is not None and end is not None and start.year == end.year \
            and d.granularity not in ("year", "day") and not _dated_span(d):
        # 1-6月，…3.28%，低于4%的控制指标: a target is set for a year, not for the
        # part of it a report covers (unless its own clause dates it: 计划6月底前…;
        # nor a campaign's span of weeks: 即日起至3月31日，…110场招聘会将在各地举办)
        return dt.date(end.year, 1, 1), dt.date(end.year, 12, 31), basis
    # A 以来 period framing the paragraph (今年以来，…) says since when; so
    # does a span of several years up to now (从1985年到2022年，…), which ends
    # at the article's date: the year it runs into is not over.
    since_frame = d is not None and basis in ("paragraph", "section", "article") and start is not None \
        and clean.startswith("以来", d.clean_end - 2)
    if measure == "cumulative" and spans_several_years(start, end):
        since_frame = True  # 过去五年，…新增城镇就业133.5万人: a total over those years, from their start
    if measure != "target" and basis in ("paragraph", "section") and runs_years_to_now(start, end, as_of):
        since_frame, end = True, as_of
    elif measure != "target" and _up_to_spring_festival(d) and start is not None and end is not None \
            and as_of is not None and start <= as_of < end:
        end = as_of  # 从12月份至春节前，…: a campaign not over when the article is written counts up to it
    # A stock (现有, 拥有, 共建立…) has no start unless its sentence says since when.
    # (2022年末，全县共有…: a stock at the year's end, dated or not)
    year_end = d is not None and d.granularity == "year" and clean[d.clean_end : d.clean_end + 1] in ("末", "底")
    cut_off = d is not None and clean[max(0, d.clean_start - 4) : d.clean_start].endswith(UP_TO_WORDS)
    stock = measure == "cumulative" and (not dated_here or year_end or cut_off) \
        and (is_stock(_words(clause), _words(sentence), start is not None)
             or _stock_list(_words(clause), _words(sentence), start is not None))
    if stock:
        since_frame = False
    if as_of is None:
        if measure == "cumulative" and ((not dated_here and not since_frame) or stock) and basis is not None:
            return None, end, basis  # a running total: the frame says up to when, not since when
        return start, end, basis
    opens_now = _opens_up_to_now(sentence)
    if _UP_TO_NOW_RX.search(up_to_now_text(clause)) or _SENTENCE_UP_TO_NOW_RX.search(sentence) \
            or _full_sentence_up_to_now(clean, cs, d) \
            or _SINCE_TO_NOW_RX.search(up_to_now_text(sentence)) or opens_now \
            or (measure != "target" and _paragraph_up_to_now(idx, cs, d)):
        # Up to now: the article's date, or the cut-off (截至9月底) that
        # frames the paragraph (目前 in a report of the first three quarters).
        upto = as_of
        if d is not None and basis == "paragraph" and d.end is not None and d.end <= as_of \
                and clean[max(0, d.clean_start - 4) : d.clean_start].endswith(UP_TO_WORDS):
            upto = d.end
        if stock:
            since = None  # a stock: what exists now
        elif dated_here and d.granularity != "day" and not (
                measure == "cumulative" and d.granularity != "year" and d.end is not None and d.end < upto
                and _UP_TO_NOW_RX.search(up_to_now_text(clause))):
            # its own sentence says since when (2023年，…，目前已有…); not a
            # month or span over before now (1至11月，…，目前…规模达: the stock is now's)
            since = start
        elif since_frame:
            since = start  # 今年以来，…。截至目前，累计…
        elif measure == "cumulative" and (_CUMULATIVE_RX.search(up_to_now_text(clause)) or _running_total(sentence)
                                          or (opens_now and _HAVE_RX.search(clause))
                                          or _UP_TO_NOW_RX.search(up_to_now_text(clause))):
            # a running total: no date of its sentence says since when; so a
            # stock or total its own clause says is now (目前…规模达66万人,
            # 目前队员已发展到400多人): what there is now, since when unsaid
            since = None
        else:
            since = dt.date(upto.year, 1, 1)  # the year so far
        return since, upto, (basis or "paragraph")
    if measure == "cumulative" and ((not dated_here and not since_frame) or stock or (cut_off and not since_frame)) \
            and end is not None:
        # a running total (累计已达…; 截至6月底，累计…: the cut-off says up to
        # when) or a stock: up to its frame's end, since when unsaid
        return None, end, basis
    holiday = None
    for holiday in _HOLIDAY_SPAN_RX.finditer(sentence):
        pass
    if holiday is not None and (d is None or d.clean_start < cs - len(sentence) + holiday.start()) \
            and not (holiday.group(0).startswith(_EVENT_SPAN_WORDS) and _dated_span(d)) \
            and not (d is not None and _is_season(d) and d.clean_end >= cs - len(sentence) + holiday.end()):
        season = _season_before(dates, starts, cs) if _HOLIDAY_WORD_RX.match(holiday.group(0)) else None
        if season is not None and measure != "target":
            # 今年元旦和春节期间，…。据统计，“两节”期间…: the holidays the page dated
            return season.start, season.end, "section"
        campaign = _campaign_span(idx, dates, cs) if measure != "target" else None
        if campaign is not None:
            return campaign.start, campaign.end, "section"  # 行动期间, the campaign the page dates elsewhere
        return None, None, None  # “两节”期间: a span no date of the text fixes
    if d is not None and d.granularity == "day" and measure != "target" \
            and clean.startswith(_SINCE_AFTER, d.clean_end):
        return start, None, basis  # 从2月7日开始, …: since that day, the end unsaid
    if d is None and start is None and end is None and measure != "target":
        campaign = _campaign_span(idx, dates, cs)
        if campaign is not None:
            # 某市“春风行动”圆满结束。全市共组织招聘活动77场次 on a page that
            # writes 从2月上旬至3月底…开展了“春风行动”: the campaign's span
            # (现已完成培训… in a campaign not over when the article is
            # written: up to the article's date)
            if as_of is not None and campaign.end is not None and as_of < campaign.end \
                    and _NOW_DONE_RX.search(clause):
                return campaign.start, as_of, "section"
            return campaign.start, campaign.end, "section"
    if measure == "target" and basis == "article":
        return None, None, None  # the day an article tells of is not a plan's period
    if measure == "target" and basis == "report" and end is not None and end.year < as_of.year:
        # a plan in a report that looks back on last year is for this year
        return dt.date(as_of.year, 1, 1), dt.date(as_of.year, 12, 31), basis
    if d is not None and measure != "target" and d.resolution == "relative" and d.granularity == "year" \
            and start is not None and start.year == as_of.year and end is not None and end > as_of:
        return start, as_of, basis  # 今年 in an outcome: the year so far
    return start, end, basis


#: Words saying a figure is what has been done by now (现已完成…, 目前已…).
_NOW_DONE_RX = re.compile(r"现已|目前|至今")
#: "That day" opening a paragraph (这天，…, 当天，…, 同一天，…; also after a
#: source's lead-in, 据了解，当天的招聘会…): the day told of last.
_THAT_DAY_RX = re.compile(r"\s*(?:[据據][^，,。]{0,4}[，,]\s*)?(?:这天|这一天|當天|当天|当日|同一天|同日)")
#: A campaign's name: a quoted name (“春风行动”) or the four characters
#: before 行动 with it (根治欠薪冬季攻坚行动: 冬季攻坚行动).
_CAMPAIGN_NAME_RX = re.compile(r"[“「\"]([^”」\"\n]{2,12})[”」\"]|([\u4e00-\u9fff]{4}(?:行动|行動))")
_SENTENCE_END = "。！？!?\n"


def _campaign_span(idx: TextIndex, dates: list[tuple[int, int, DateMention]], cs: int) -> DateMention | None:
    """The span of dates (:func:`_dated_span`: 从2月上旬至3月底) of a
    sentence of the page that names a campaign (:data:`_CAMPAIGN_NAME_RX`)
    which the figure's paragraph names before it (某市“春风行动”圆满结束。…77场次;
    冬季攻坚行动期间，…6055名): its figures are the campaign's; None when
    the page dates no campaign so named."""
    clean = idx.clean
    para = idx.para_starts[_para_of(idx, cs)]
    names = {m.group(1) or m.group(2) for m in _CAMPAIGN_NAME_RX.finditer(clean, max(para, cs - 3 * MAX_SENTENCE), cs)}
    if not names:
        return None
    for ds, de, d in dates:
        if not _dated_span(d):
            continue
        s = max(clean.rfind(c, 0, ds) for c in _SENTENCE_END) + 1
        e = min((x for x in (clean.find(c, de) for c in _SENTENCE_END) if x >= 0), default=len(clean))
        if any(n in clean[s:e] for n in names):
            return d
    return None


#: An up-to-now word opening a sentence (。截至目前，…): it frames the rest of
#: its paragraph.
_OPENING_UP_TO_NOW_RX = re.compile(
    "(?:^|(?<=[!！?？。\n]))\\s*(?:" + "|".join(SENTENCE_UP_TO_NOW) + ")")


def _paragraph_up_to_now(idx: TextIndex, cs: int, d: DateMention | None) -> bool:
    """Whether a sentence opening with an up-to-now word (``截至目前，…``)
    earlier in the figure's paragraph frames it: no date stands between
    them, and the figure's own sentence is no running total (累计: its own
    count, since when unsaid)."""
    # (a page whose lines were run together is one paragraph: read back
    # at most a few sentences' length, not to the page's start for every figure)
    para = max(idx.para_starts[_para_of(idx, cs)], cs - 3 * MAX_SENTENCE)
    m = None
    for m in _OPENING_UP_TO_NOW_RX.finditer(idx.clean, para, cs):
        pass
    if m is None or (d is not None and d.clean_start >= m.start()):
        return False
    return not any(w in _full_sentence_before(idx.clean, cs) + _clause_from(idx.clean, cs) for w in ("累计", "累积"))


def _full_sentence_up_to_now(clean: str, cs: int, d: DateMention | None) -> bool:
    """Whether an up-to-now word that governs its sentence (:data:`SENTENCE_UP_TO_NOW`)
    stands earlier in the figure's sentence read up to its full stop, past
    the ；that ends a list's items (``截至目前，共举办招聘会216场…；见习基地已发展到
    1360家``) and after the date framing the figure, if any: every item of the
    list counts up to now."""
    full = _full_sentence_before(clean, cs)
    m = _SENTENCE_UP_TO_NOW_RX.search(full)
    return m is not None and (d is None or d.clean_start < cs - len(full) + m.start())


def _year_in_heading(clean: str, dates: list[tuple[int, int, DateMention]],
                     heading: tuple[int, int]) -> int | None:
    """The year a target heading names (``2023年预期目标``, ``明年主要目标``):
    a one-year date ending at most 4 characters before its word."""
    hs = heading[0]
    k = bisect.bisect_left([d[1] for d in dates], hs - 4)
    for ds, de, d in dates[k:]:
        if de > hs:
            break
        if d.granularity == "year" and d.start is not None and d.end is not None and d.start.year == d.end.year:
            return d.start.year
    return None


_UP_TO_NOW_RX = _any_word_rx(UP_TO_NOW)
_SENTENCE_UP_TO_NOW_RX = _any_word_rx(SENTENCE_UP_TO_NOW)
