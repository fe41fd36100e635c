"""The period an indicator's figure covers, and what kind of number it is.

**Period** (:func:`period_of`; ``period_basis`` names the rule that gave it),
tried in this order:

* ``paragraph``: the nearest date before the figure in its paragraph (a
  year naming an event, ``2018年春季就业节``, gives way to a day of that year
  before it in the paragraph: the event's day);
* ``heading``: a figure in a heading (a title) with no date before it takes
  the first date of the article under it;
* ``section`` (breakdown): a paragraph with no date that states by place
  what the paragraph before it totalled (``拉萨市转移就业3.6万人；日喀则市…``:
  three of its sentences open with a gazetteer region's name) takes that
  paragraph's last date;
* ``section``: a year/quarter/period date opening an earlier paragraph of the
  same section (``2022 年，…`` frames the paragraphs under it until the next
  heading), or standing in the numbered heading of the section
  (``一、2018年工作回顾``); a paragraph opening with a ``full_year_words`` word (全年，…)
  covers the report's year (below), else the calendar year of the nearest
  earlier one-year date;
* ``report``: the year a statistical bulletin or report names in its title
  (``2022年…统计公报``);
* ``article``: the nearest earlier day of the section (a care visit's day
  frames the figures told after it).

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
  :data:`_HOLIDAY_SPAN_RX`) leaves the period empty;
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

**Measure** (:func:`figure_kind`, restricted by the codebook's ``measures``):
``target`` when the clause before the figure, or the lead before a colon
of its sentence (across semicolons: ``主要预期目标是：A；B；C``), has a
target word (:data:`TARGET_WORDS`, not right after 完成/超过), its sentence
has 预计/力争/确保/下一步 before it (:data:`SENTENCE_TARGET_WORDS`; not
即将来临) or 计划 before a time (``计划今年建成…``), its clause has 将/要
before a verb of doing (``将建成``, ``要实现``) or goes on with 还将/将于
after it, a deadline ahead (``年底前``, not followed by 已), a rate is
capped (``控制在4.5%以内/左右``), the figure stands in a quoted target
(``提出“…”``, ``“…”的目标``) or before ``的目标``, it stands under a target
heading (:data:`TARGET_HEADING_WORDS`: the line after ``2023年预期目标`` and
the list items after that), a lead naming the targets earlier in its
sentence (``…目标，是努力实现A，B``: :data:`_TARGET_LEAD_RX`, unless the
figure is said done: 已, 实际), 将有 in its clause (``将有近50场招聘会``),
or the period starts after the article's date (next year's plan); a rate
kept (``稳定控制在5%以内``: :data:`KEPT_BEFORE_CAP`) is no cap;
``annual_average`` after 年均/每年; ``cumulative``
after 累计 or an up-to-now word in its clause (目前已有…; a sentence that
截至目前 governs is the year so far, an outcome), after ``累计已达`` earlier in
its sentence, in a clause telling what an earlier clause's running total
drove (``累计发放贷款797笔，带动就业1435人``), for the members of a group
that exists (``有一支由20多名妇女组成的服务队``), for a stock
(:func:`is_stock`) and the bare items after a stock word (``现有A，B``);
else ``outcome``.  A kind the codebook does not allow for the indicator
gives the indicator's first allowed kind (a rate is never cumulative).
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from typing import Protocol

from etl.extract.records import DateMention
from etl.extract.rules import literal_alternation
from etl.semantic.regions import opens_with_region

#: A date right after one of these is a comparison base, not a frame.
COMPARISON_BEFORE = ("比", "较", "同比", "与", "和", "相比", "低于", "高于", "超过")
#: ... or right before one of these.
COMPARISON_AFTER = ("同期", "相比", "同比", "比较", "水平")
#: The figure counts up to the article's date.
UP_TO_NOW = ("截至目前", "截止目前", "到目前为止", "目前", "至今", "迄今")
#: Up-to-now words that govern the rest of their sentence
#: (截至目前，A累计X，累计带动Y).
SENTENCE_UP_TO_NOW = ("截至目前", "截止目前", "到目前为止", "迄今")
#: The figure is a running total.
CUMULATIVE_WORDS = ("累计", "累积", *UP_TO_NOW)
#: A holiday span (“两节”期间, 春节期间, 暑假期间, 国庆期间): a figure counted in it
#: has no period a date of the text fixes.
_HOLIDAY_SPAN_RX = re.compile(r"(?:节|假|国庆|中秋|元旦|春运|活动|[会會]|行动|行動|援助月|服务月|服務月)[”\"’'」』]?(?:期间|期間)")
#: An event's span (活动期间): empty unless the frame dates the event's span.
_EVENT_SPAN_WORDS = ("活动", "会", "會", "行动", "行動", "援助月", "服务月", "服務月")
#: The longest span of dates that reads as one event's (3月1日至31日).
_EVENT_SPAN_MAX_DAYS = 92


def _dated_span(d: DateMention | None) -> bool:
    """Whether the frame ``d`` is a span of dates an event may fill (3月1日至
    31日): not a day, a year, nor a …以来 span up to now."""
    return d is not None and d.granularity == "period" and not d.surface.endswith("以来") \
        and d.start is not None and d.end is not None and (d.end - d.start).days <= _EVENT_SPAN_MAX_DAYS


#: Words after a day that make it the start of an open span (2月7日开始, 2月4日起).
_SINCE_AFTER = ("开始", "起")
#: Words before a date that make it the end of a cumulative period (截至9月底).
UP_TO_WORDS = ("截至", "截止到", "截止", "截至到", "到")
#: A target of the whole year (完成年目标任务12500人, 4600人年计划, 全年目标):
#: its period is the calendar year, whatever part of it the frame covers.
_ANNUAL_TARGET_RX = re.compile(r"(?<![0-9一二三四五六七八九十百两几多])(?:年度?|全年)(?:目标|计划|任务)")
#: The figure is a yearly average over its span.
AVERAGE_WORDS = ("年均", "年平均", "平均每年", "每年")
#: The figure is a target or a plan.
TARGET_WORDS = ("目标", "计划", "力争", "确保", "预期", "预计", "将达", "将新增", "将完成", "将实现", "将超", "为民实事",
                "为民办实事", "民生实事", "实事项目")
#: Words that make the whole rest of their sentence a projection or a plan
#: (山东省人社厅预计，今年…将达到117万人，农村劳动力转移就业131万人).
SENTENCE_TARGET_WORDS = ("预计", "力争", "确保", "还将", "即将", "将于", "下一步", "下步")
#: 将/要 before a verb of doing (将建成, 将新建, 要实现): the clause tells
#: what will be done.  (将 alone is also 把: 将资金发放…; 主要/重要/需要 are no 要.)
_WILL_DO_RX = re.compile(
    r"(?:(?<![主重需只必纲摘])要|将)(?:再|继续|进一步|全面|力争|确保)?"
    r"(?:新建|建成|建设|新增|实现|完成|达到|培训|开展|组织|举办|帮助|带动|安置|开发|扶持|提供|发放|惠及|覆盖|打造|创建|改造)")
#: A figure followed by 的目标/的任务/的计划 (城镇新增就业5000人的目标) states it.
_TARGET_AFTER_RX = re.compile(r"[^，,。；;:：的\n]{1,12}?的(?:年度|全年)?(?:目标|任务|计划)")
#: A deadline ahead (年底前, 年内将): a plan.
_DEADLINE_RX = re.compile(r"年底前|年内将|年底将|年内要")
#: What follows a quotation that states a target (“城镇新增就业5000人以上”的目标).
_QUOTE_TARGET_AFTER = ("的目标", "目标", "的奋斗目标", "的任务", "任务", "的要求")
#: Words before a quotation that make it a target (提出“…”, 确定“…”).
_QUOTE_TARGET_BEFORE = ("提出", "确定", "明确", "定下", "锁定")
#: A target word right after these names what was achieved (完成目标任务的 113%).
ACHIEVED_BEFORE = ("完成", "超过", "超额", "实现")
#: 即将 before these tells a time or a state (清明节即将来临之际, 即将过去的
#: 一年, 即将毕业的学生), not a plan.
_NOT_A_PLAN_RX = re.compile(r"即将(?:来临|到来|临近|过去|结束|毕业|离校|退休|到期)")
#: Words after a figure, in its clause, that make it a plan
#: (7支服务队还将分赴…): the clause's verb is in the future.
CLAUSE_FUTURE_WORDS = ("还将", "将于", "将要")
#: A rate capped (控制在4.5%以内, 控制在5.5%左右): a target; a rate reached
#: (控制在3.37%) is an outcome.
_CAP_BEFORE = ("控制在", "控制到")
_CAP_AFTER_RX = re.compile(r"[0-9.]+\s*%\s*(?:以内|以下|左右)")
#: A line that ends in one of these heads a list of targets (2023年预期目标,
#: 主要目标：); it governs the line after it and the list items after that.
#: (Not 主要指标: a bulletin's table caption, 居民人均收支主要指标.)
TARGET_HEADING_WORDS = ("预期目标", "主要目标", "工作目标", "发展目标", "主要目标任务", "预期指标",
                        "民生实事", "为民办实事", "实事项目")
#: (a pinyin gloss may follow each character: 预(yù)期目标(biāo))
_G = r"(?:\([a-zü]{0,5}[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zü]{0,5}\))?"
_TARGET_HEADING_RX = re.compile(
    "(?m)(?:" + "|".join(_G.join(w) + _G for w in TARGET_HEADING_WORDS) + r")[:：]?[ \t]*"
    r"(?:$|(?=[●•·▪■◆◇○◎★☆]|[一二三四五六七八九十]、|1[.、．]|[（(][一1][)）]))")
#: A list item's opening (●…, 1.…, （一）…, 一是…).
_LIST_ITEM_RX = re.compile(r"\s*(?:[●•·▪■◆◇○◎★☆\-—]|[0-9]{1,2}[.、．)）]|[（(][一二三四五六七八九十0-9]{1,3}[)）]"
                           r"|[一二三四五六七八九十]{1,2}[、是])")
#: A count of things that exist at a date (a stock), not a flow in a period:
#: 现有/共有/拥有…, 活跃着, 发展到/壮大到, 共建立/共建成/已建成…
STOCK_WORDS = ("现有", "拥有", "建有", "设有", "活跃着", "发展到", "壮大到", "发展至",
               "年末共有", "年底共有", "年末实有", "年底实有", "年末拥有")
#: Totals built (共建立, 已建成…): a stock when no date frames their
#: sentence or a cut-off does (截至6月底，已建成…); over a period
#: (2023年，…共组建35支) what was done in it.
BUILT_WORDS = ("共建立", "共建成", "已建成", "已建立", "共组建", "已组建", "共成立", "已成立", "共设立", "已设立",
               "已有")
#: A date or period word in a sentence (for :data:`BUILT_WORDS`).
_DATED_RX = re.compile(r"\d{4}年|[今去前明上下全本当]年|[0-9一二三四五六七八九十]+月|季度|以来|期间")
#: A span from a date to now in the figure's sentence (团队从去年成立至今，已…).
_SINCE_TO_NOW_RX = re.compile(r"[从自][^。；;!！?？\n]{0,30}?(?:至今|到现在|到目前)")
#: A bulletin's or report's title: its year frames the page.
_REPORT_TITLE_RX = re.compile(r"((?:19|20)\d\d)\s*年[^\n。]{0,40}?(?:统计公报|公报|工作报告|年报|工作总结|年鉴)")
#: Characters that end a clause (for the measure's words).
_CLAUSE_END = ",，;；:：!！?？。\n"
_SENTENCE_END = ";；!！?？。\n"


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


def report_year(clean: str, as_of: dt.date | None = None) -> int | None:
    """The year a bulletin or report names in its title (first lines); for a
    government work report (its title or a lead that names one), the year
    before the one it is given in (its title's year, else ``as_of``'s); for
    a statistical bulletin whose title the page lacks (it says 本公报 or
    统计公报), the year before the article's date."""
    head = clean[:200]
    m = _REPORT_TITLE_RX.search(head)
    if GOV_REPORT in head:
        if m and GOV_REPORT in m.group(0):
            return int(m.group(1)) - 1
        return as_of.year - 1 if as_of is not None else None
    if m:
        return int(m.group(1))
    if as_of is not None and ("统计公报" in head or "本公报" in clean):
        return as_of.year - 1  # a bulletin is published the year after the one it reports
    return None


#: Everything up to and including the last clause (sentence) end of a window.
_THROUGH_LAST_CLAUSE_END_RX = re.compile("(?s:.*)[" + re.escape(_CLAUSE_END) + "]")
_THROUGH_LAST_SENTENCE_END_RX = re.compile("(?s:.*)[" + re.escape(_SENTENCE_END) + "]")


def _after_last(through_last: re.Pattern[str], clean: str, cs: int, floor: int = 0) -> int:
    """The offset right after the last end character (``through_last``
    matches through it) before clean offset ``cs`` and after ``floor``, else
    ``floor``.  The regex looks
    back over growing windows, so the cost is linear in the distance to that
    end, not in the page's length (this runs for every figure)."""
    hi, width = cs, 64
    while hi > floor:
        lo = max(floor, hi - width)
        m = through_last.match(clean, lo, hi)
        if m:
            return m.end()
        hi, width = lo, width * 4
    return floor


def _clause_before(clean: str, cs: int) -> str:
    return clean[_after_last(_THROUGH_LAST_CLAUSE_END_RX, clean, cs) : cs]


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
        if d.granularity == "year" and clean.startswith(_EVENT_NAME_AFTER_YEAR, de):
            # 2月22日，某县举行2018年春季就业节：the year names the event; the
            # day before it in the paragraph, inside that year, frames its figures
            for j in reversed(range(k)):
                ds2, _, d2 = dates[j]
                if ds2 < para_start:
                    break
                if d2.granularity in ("day", "period") and d.start is not None and d.end is not None \
                        and d2.start is not None and d2.end is not None and d.start <= d2.start and d2.end <= d.end:
                    return d2, d2.start, d2.end, "paragraph"
        return d, d.start, d.end, "paragraph"
    h = bisect.bisect_right(idx.headings, para_start)
    heading_before = idx.headings[h - 1] if h else -1
    if p > 0 and para_start not in idx.headings and _breaks_down_by_place(clean, para_start, cs):
        # 拉萨市转移就业3.6万人；日喀则市转移就业6.6万人；… after 截至5月7日，全区…:
        # a breakdown by place of the paragraph before takes its frame
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
    if year_of_report is not None:
        return None, dt.date(year_of_report, 1, 1), dt.date(year_of_report, 12, 31), "report"
    for k in reversed(before):
        ds, de, d = dates[k]
        if ds < heading_before:
            break
        if d.granularity == "day" and not is_dateline(clean, de):
            return d, d.start, d.end, "article"
    return None, None, None, None


_BREAKDOWN_MIN = 3


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


#: Words after a year that make it part of an event's name (2018年春季就业节,
#: 2019年“春风行动”).
_EVENT_NAME_AFTER_YEAR = ("春季", "夏季", "秋季", "冬季", "春风", "春風", "“", "「", "\"")


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
    clause = _clause_before(clean, cs)
    sentence = _sentence_before(clean, cs)
    if measure == "target":
        heading = under_target_heading(clean, cs)
        year = _year_in_heading(clean, dates, heading) if heading is not None else None
        if year is not None:  # 2023年预期目标 / ●城镇新增就业70万人以上: the heading's year
            return dt.date(year, 1, 1), dt.date(year, 12, 31), "heading"
    if measure == "target" and start is None and as_of is not None and "全年" in clause:
        return dt.date(as_of.year, 1, 1), dt.date(as_of.year, 12, 31), "article"  # 预计全年…: this year
    if measure == "target" and end is not None and _ANNUAL_TARGET_RX.search(clause + _clause_from(clean, cs)):
        # 完成年目标任务12500人 after 截止10月底: the year's target is the whole year's
        return dt.date(end.year, 1, 1), dt.date(end.year, 12, 31), basis
    dated_here = d is not None and d.clean_start >= cs - len(sentence)
    if measure == "target" and d is not None and d.clean_start < cs - len(clause) and basis in ("paragraph", "section") \
            and start is not None and end is not None and start.year == end.year \
            and d.granularity not in ("year", "day"):
        # 1-6月，…3.28%，低于4%的控制指标: a target is set for a year, not for the
        # part of it a report covers (unless its own clause dates it: 计划6月底前…)
        return dt.date(end.year, 1, 1), dt.date(end.year, 12, 31), basis
    # A 以来 period framing the paragraph (今年以来，…) says since when.
    since_frame = d is not None and basis in ("paragraph", "section") and start is not None \
        and clean.startswith("以来", d.clean_end - 2)
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
    if _UP_TO_NOW_RX.search(clause) or _SENTENCE_UP_TO_NOW_RX.search(sentence) \
            or _SINCE_TO_NOW_RX.search(sentence) or opens_now \
            or (measure != "target" and _paragraph_up_to_now(idx, cs, d)):
        # Up to now: the article's date, or the cut-off (截至9月底) that
        # frames the paragraph (目前 in a report of the first three quarters).
        upto = as_of
        if d is not None and basis == "paragraph" and d.end is not None and d.end <= as_of \
                and clean[max(0, d.clean_start - 4) : d.clean_start].endswith(UP_TO_WORDS):
            upto = d.end
        if stock:
            since = None  # a stock: what exists now
        elif dated_here and d.granularity != "day":
            since = start  # its own sentence says since when (2023年，…，目前已有…)
        elif since_frame:
            since = start  # 今年以来，…。截至目前，累计…
        elif measure == "cumulative" and (_CUMULATIVE_RX.search(clause) or _running_total(sentence)
                                          or (opens_now and _HAVE_RX.search(clause))):
            since = None  # a running total: no date of its sentence says since when
        else:
            since = dt.date(upto.year, 1, 1)  # the year so far
        return since, upto, (basis or "paragraph")
    if measure == "cumulative" and ((not dated_here and not since_frame) or stock) and end is not None:
        return None, end, basis  # a running total (累计已达…) or a stock: up to its frame's end, since when unsaid
    holiday = None
    for holiday in _HOLIDAY_SPAN_RX.finditer(sentence):
        pass
    if holiday is not None and (d is None or d.clean_start < cs - len(sentence) + holiday.start()) \
            and not (holiday.group(0).startswith(_EVENT_SPAN_WORDS) and _dated_span(d)):
        return None, None, None  # “两节”期间: a span no date of the text fixes
    if d is not None and d.granularity == "day" and measure != "target" \
            and clean.startswith(_SINCE_AFTER, d.clean_end):
        return start, None, basis  # 从2月7日开始, …: since that day, the end unsaid
    if measure == "target" and basis == "article":
        return None, None, None  # the day an article tells of is not a plan's period
    if measure == "target" and basis == "report" and end is not None and end.year < as_of.year:
        # a plan in a report that looks back on last year is for this year
        return dt.date(as_of.year, 1, 1), dt.date(as_of.year, 12, 31), basis
    if d is not None and measure != "target" and d.resolution == "relative" and d.granularity == "year" \
            and start is not None and start.year == as_of.year and end is not None and end > as_of:
        return start, as_of, basis  # 今年 in an outcome: the year so far
    return start, end, basis


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


def measure_of(clean: str, cs: int, allowed: tuple[str, ...], start: dt.date | None,
               as_of: dt.date | None) -> str:
    """The kind of number the figure at clean offset ``cs`` is (see the module
    docstring), among the indicator's ``allowed`` kinds."""
    return allowed_measure(figure_kind(clean, cs, start, as_of), allowed)


def allowed_measure(kind: str, allowed: tuple[str, ...]) -> str:
    """A figure's :func:`figure_kind` as one of an indicator's ``allowed`` kinds."""
    return allowed[0] if allowed and kind not in allowed else kind


def figure_kind(clean: str, cs: int, start: dt.date | None, as_of: dt.date | None,
                end: dt.date | None = None) -> str:
    """The kind of number the figure at clean offset ``cs`` is, whatever its
    indicator (:func:`measure_of` restricts it to the indicator's kinds);
    ``start`` and ``end`` those of its frame (:func:`figure_frame`)."""
    # A frame already over, or part of a year (1-9月: a report of the year so far).
    over = end is not None and ((as_of is not None and end <= as_of) or (
        start is not None and start.year == end.year and (start.month, start.day, end.month, end.day) != (1, 1, 12, 31)))
    clause = _words(_clause_before(clean, cs))
    sentence = _words(_sentence_before(clean, cs))
    full = _words(_full_sentence_before(clean, cs))
    kind = "outcome"
    if _AVERAGE_RX.search(clause):
        kind = "annual_average"
    elif _has_target_word(clause) or _has_target_word(_lead(full)) \
            or _sentence_plans(sentence) or _plans(sentence) \
            or (start is not None and as_of is not None and start > as_of) \
            or (_capped(clean, cs, clause) and not over) or _future_clause(clean, cs) \
            or _WILL_DO_RX.search(clause) or _deadline_ahead(sentence) or _quoted_target(clean, cs) \
            or _TARGET_AFTER_RX.match(clean, cs) or _target_lead(full) \
            or _WILL_HAVE_RX.search(clause) \
            or under_target_heading(clean, cs) is not None:
        kind = "target"
    elif _CUMULATIVE_RX.search(clause) or _running_total(sentence) \
            or _members_of(clean, cs, clause) or _driven_by_total(sentence) \
            or is_stock(clause, sentence, start is not None) or _stock_list(clause, sentence, start is not None):
        kind = "cumulative"
    # (A sentence that 截至目前 governs, with no running-total or stock word,
    # counts the year so far, from 1 January: an outcome of that period, as
    # 截至6月底 is (SPEC.md); 目前 in the figure's own clause, 目前已有25位志愿者,
    # is what exists now, above.)
    return kind


#: Words that, opening a sentence, make it a count up to now (目前，全县共有…).
#: (Not 当前: a discourse word that other frames follow, 当前，…1至2月…; and a
#: page's 当前位置.)
OPENING_UP_TO_NOW = ("目前", "至今", "迄今")


#: 有 (there are) in a clause: under 目前 it counts what exists
#: (目前，全县有注册志愿者8000人), not 有效/有序/有力/有关/有望.
_HAVE_RX = re.compile(r"有(?![效序力关望利所助])")


def _deadline_ahead(sentence: str) -> bool:
    """A deadline (年底前, 年内将) in the sentence, not followed by 已 (去年年底前，已建成…)."""
    m = _DEADLINE_RX.search(sentence)
    return m is not None and "已" not in sentence[m.end() :]


def _opens_up_to_now(sentence: str) -> bool:
    """Whether the sentence opens with an up-to-now word (目前，…): it counts
    what exists now, whatever clause the figure stands in."""
    return sentence.lstrip(" \u3000").startswith(OPENING_UP_TO_NOW)


def _quoted_target(clean: str, cs: int) -> bool:
    """The figure stands in a quotation that states a target: 提出“…”, or
    “…”的目标 (会议提出“城镇新增就业5000人以上”的目标)."""
    sentence_start = cs - len(_sentence_before(clean, cs))
    q = clean.rfind("“", sentence_start, cs)
    if q < 0 or clean.find("”", q, cs) >= 0:
        return False
    if clean[max(0, q - 6) : q].rstrip("，,:：要").endswith(_QUOTE_TARGET_BEFORE):
        return True
    close = clean.find("”", cs, cs + 80)
    return close >= 0 and "。" not in clean[cs:close] and clean.startswith(_QUOTE_TARGET_AFTER, close + 1)


#: A clause that tells a flow (what was done), not an item of a stock's list.
_FLOW_CLAUSE_RX = re.compile(r"新增|新建|其中|今年|当年|本年|同比|增长|开展|举办|帮助|培训|实现|完成|发放|走访|慰问|提供"
                             r"|带动|安置|吸纳|转移|招聘|服务|参加|达到|累计|比")


def _stock_list(clause: str, sentence: str, framed: bool = False) -> bool:
    """A stock word in an earlier clause of the sentence governs the bare
    items after it (现有志愿服务队35支，注册志愿者5000人; 2022年末共有养老
    机构20家，老年食堂35个): a later clause that tells no flow."""
    earlier = sentence[: len(sentence) - len(clause)]
    return bool(earlier) and len(clause) <= 12 and not _FLOW_CLAUSE_RX.search(clause) \
        and is_stock(earlier, sentence, framed)


def _words(text: str) -> str:
    """``text`` without pinyin glosses (预(yù)期目标(biāo) reads 预期目标)."""
    return _GLOSS_RX.sub("", text) if "(" in text else text


#: (as etl.semantic.page_index.PINYIN_GLOSS_RX)
_GLOSS_RX = re.compile("(?<=[\u4e00-\u9fff])\\([a-zü]{0,5}[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zü]{0,5}\\)")


def _sentence_plans(sentence: str) -> bool:
    """A projection or plan word (预计, 力争, 还将…) earlier in the sentence,
    not 即将 telling a time (清明节即将来临之际)."""
    if not _SENTENCE_TARGET_RX.search(sentence):
        return False
    rest = _NOT_A_PLAN_RX.sub("", sentence) if "即将" in sentence else sentence
    return _SENTENCE_TARGET_RX.search(rest) is not None


def _capped(clean: str, cs: int, clause: str) -> bool:
    """A rate capped: 控制在 before it, 以内/以下/左右 after it (a target,
    unless the period framing it is over when the article is written or is
    part of a year: 2023年1-9月，…失业率控制在5.5%以内 reports the rate kept;
    or an adverb says it has been kept so: 稳定控制在, 始终控制在)."""
    return clause.endswith(_CAP_BEFORE) and bool(_CAP_AFTER_RX.match(clean, cs)) \
        and not clause[:-3].endswith(KEPT_BEFORE_CAP)


#: Adverbs before 控制在 that tell a rate kept, not a cap set (稳定控制在5%以内).
KEPT_BEFORE_CAP = ("稳定", "穩定", "始终", "始終", "一直", "长期", "長期", "均", "都")
#: The lead of a sentence that states targets (…就业目标，是努力实现A，B: 目标是, 任务为):
#: every figure after it in the sentence is a target, unless it is said done (已, 实际).
_TARGET_LEAD_RX = re.compile(r"(?:目标|任务)[，,]?(?:是|为|：|:)")
#: 将有 (there will be: 将有近50场招聘会): a plan.  (Not 将有关…: 将 is 把.)
_WILL_HAVE_RX = re.compile(r"将有(?![关效力利])")
#: A group that exists and its members (社区有一支由20多名妇女组成的服务队): a
#: stock.  (Not 活动由2支队伍组成: who took part in one event.)
_MEMBERS_AFTER_RX = re.compile(r"[^，,。；;\n]{0,12}?组成")
_HAS_A_GROUP_RX = re.compile(r"有(?:一|两|几)?[支个群批]由")
#: A clause telling what a running total did (累计发放贷款797笔，带动就业1435人).
_DRIVEN_RX = re.compile(r"[，,]\s*(?:共|累计)?带动[^，,。；;]*$")


def _target_lead(sentence: str) -> bool:
    """Whether a lead stating targets (:data:`_TARGET_LEAD_RX`) governs
    the rest of the figure's sentence (up to the figure)."""
    m = None
    for m in _TARGET_LEAD_RX.finditer(sentence):
        pass
    if m is None or any(a in sentence[max(0, m.start() - 6) : m.start()] for a in ACHIEVED_BEFORE):
        return False
    rest = sentence[m.end():]
    return not any(w in rest for w in ("已", "实际", "實際"))


def _members_of(clean: str, cs: int, clause: str) -> bool:
    """Whether the figure counts the members of a group that exists: 有一支由
    before it in its clause, 组成 after it (有一支由20多名妇女组成的服务队)."""
    return bool(_HAS_A_GROUP_RX.search(clause)) and bool(_MEMBERS_AFTER_RX.match(clean, cs))


def _driven_by_total(sentence: str) -> bool:
    """Whether the figure's clause tells what a running total of an earlier
    clause of its sentence did (累计发放贷款797笔，带动就业1435人)."""
    m = _DRIVEN_RX.search(sentence)
    return m is not None and "累计" in sentence[: m.start()] and not _NOT_RUNNING_RX.search(sentence)


def _future_clause(clean: str, cs: int) -> bool:
    """The figure's clause goes on in the future (7支服务队还将分赴…)."""
    rest = _words(_clause_from(clean, cs))
    return _CLAUSE_FUTURE_RX.search(rest) is not None and not _NOT_A_PLAN_RX.search(rest)


def is_stock(clause: str, sentence: str = "", framed: bool = False) -> bool:
    """Whether the clause before a figure counts things that exist at a date
    (:data:`STOCK_WORDS`, or 共有/实有 after a year's or month's end in its
    sentence: 2022年末，全县共有…; or :data:`BUILT_WORDS` when no period
    frames the figure (``framed``: a date of the page does) or a cut-off
    does): a stock, not a flow over a period."""
    if _STOCK_RX.search(clause):
        return True
    if _BUILT_RX.search(clause):
        return (not framed and not _DATED_RX.search(sentence)) or _UP_TO_4_RX.search(sentence) is not None
    if ("共有" in clause or "实有" in clause) and (_PERIOD_END_RX.search(sentence) or _opens_up_to_now(sentence)):
        return True
    return False


#: The end of a year or a month (2022年末, 6月底): what a stock is counted at.
_PERIOD_END_RX = re.compile(r"[年月][末底]")


def under_target_heading(clean: str, cs: int) -> tuple[int, int] | None:
    """The clean (start, end) of the word of the target heading (a line ending in
    :data:`TARGET_HEADING_WORDS`, ``2023年预期目标``, or such a word right
    before a list opener) that governs the figure at ``cs``: the figure
    stands in the line right after it (the rest of the heading's line when
    a list follows it there), or in the run of list items after that; else
    None."""
    heads = _target_headings(clean)
    if not heads:
        return None
    k = bisect.bisect_right(heads, (cs, cs)) - 1
    if k < 0 or heads[k][1] > cs:
        return None
    hs, he = heads[k]
    pos = he + 1 if clean.startswith("\n", he) else he
    end = clean.find("\n", pos)
    while end >= 0 and end < cs:  # the list items after the first line
        nxt = clean.find("\n", end + 1)
        line = clean[end + 1 : nxt if nxt >= 0 else len(clean)]
        if line.strip() and not _LIST_ITEM_RX.match(line):
            return None  # a plain line ended the heading's list
        end = nxt
    return hs, he


_HEADINGS_CACHE: dict[int, tuple[str, list[tuple[int, int]]]] = {}


def _target_headings(clean: str) -> list[tuple[int, int]]:
    """The clean (start, end) of the word of each target heading, found
    once per page (the last page's list is kept)."""
    hit = _HEADINGS_CACHE.get(0)
    if hit is not None and hit[0] is clean:
        return hit[1]
    heads: list[tuple[int, int]] = []
    if "目标" in clean or "指标" in clean or "实事" in clean or "(" in clean:
        heads = [m.span() for m in _TARGET_HEADING_RX.finditer(clean)]
    _HEADINGS_CACHE[0] = (clean, heads)
    return heads


#: 计划 before a time (计划今年建成1个…、18个…，23个…): a plan that governs
#: the rest of its sentence.
_PLAN_RX = re.compile(r"计划(?=今年|明年|年内|年底|到|在|于|(?:19|20)\d\d年)")
#: A running total reached (累计已达, 累计达到).
_TOTAL_REACHED_RX = re.compile(r"累计已?达")
#: Words after 累计 that start a count of its own (累计A，其中今年新增B).
_NOT_RUNNING_RX = re.compile(r"新增|其中|今年|当年|本年|同比")


def _plans(sentence: str) -> bool:
    """Whether the sentence (up to the figure) states a plan: 计划 before a
    time, not after what was achieved (完成…年计划)."""
    return any(not any(a in sentence[max(0, m.start() - 10) : m.start()] for a in ACHIEVED_BEFORE)
               for m in _PLAN_RX.finditer(sentence))


def _running_total(sentence: str) -> bool:
    """Whether a total reached (累计已达, 累计达到) governs the figure from an
    earlier clause of its sentence: the later clauses tell what that total
    did (累计已达96.76万人，创办企业49.48万个，带动就业484.90万人).  Not
    累计开展A，开展B: a clause of its own."""
    m = None
    for m in _TOTAL_REACHED_RX.finditer(sentence):
        pass
    return m is not None and not _NOT_RUNNING_RX.search(sentence, m.start())


_CLAUSE_REST_RX = re.compile("[^" + re.escape(_CLAUSE_END) + "]{0,40}")


def _clause_from(clean: str, cs: int) -> str:
    """The figure's clause from the figure on (at most 40 characters)."""
    m = _CLAUSE_REST_RX.match(clean, cs)
    return m.group(0) if m else ""


_FULL_SENTENCE_END = "!！?？。\n"
_THROUGH_LAST_FULL_STOP_RX = re.compile("(?s:.*)[" + re.escape(_FULL_SENTENCE_END) + "]")


def _full_sentence_before(clean: str, cs: int) -> str:
    """The figure's sentence up to it, across semicolons (主要预期目标是：A；B；C。:
    a lead before a colon governs every item of its list)."""
    return clean[_after_last(_THROUGH_LAST_FULL_STOP_RX, clean, cs, max(0, cs - MAX_SENTENCE)) : cs]


#: How far back a sentence is read (a page whose lines were run together
#: may have no sentence end for thousands of characters: no sentence is
#: that long, and reading back to the page's start for every figure would
#: cost the square of the page's length).
MAX_SENTENCE = 600


def _sentence_before(clean: str, cs: int) -> str:
    return clean[_after_last(_THROUGH_LAST_SENTENCE_END_RX, clean, cs, max(0, cs - MAX_SENTENCE)) : cs]


def _lead(sentence: str) -> str:
    """The lead of a figure's sentence (up to the figure) when it ends in a
    colon (``2023年主要目标：城镇新增就业8000人``): it says what the list is."""
    for colon in (":", "："):
        if colon in sentence:
            return sentence[: sentence.index(colon)]
    return ""


def _has_target_word(clause: str) -> bool:
    if _TARGET_RX.search(clause) is None:
        return False  # (most clauses: no target word at all)
    for w in TARGET_WORDS:
        i = clause.find(w)
        while i >= 0:
            if not any(a in clause[max(0, i - 6) : i] for a in ACHIEVED_BEFORE):
                return True
            i = clause.find(w, i + 1)
    return False


def _any_word_rx(words: tuple[str, ...]) -> re.Pattern[str]:
    """One regex for a word list: ``rx.search(text)`` finds one of the words
    exactly when ``any(w in text for w in words)`` is true (one scan, not
    one per word)."""
    return re.compile(literal_alternation(list(words)))


_UP_TO_NOW_RX = _any_word_rx(UP_TO_NOW)
_SENTENCE_UP_TO_NOW_RX = _any_word_rx(SENTENCE_UP_TO_NOW)
_CUMULATIVE_RX = _any_word_rx(CUMULATIVE_WORDS)
_AVERAGE_RX = _any_word_rx(AVERAGE_WORDS)
_SENTENCE_TARGET_RX = _any_word_rx(SENTENCE_TARGET_WORDS)
_CLAUSE_FUTURE_RX = _any_word_rx(CLAUSE_FUTURE_WORDS)
_STOCK_RX = _any_word_rx(STOCK_WORDS)
_BUILT_RX = _any_word_rx(BUILT_WORDS)
_UP_TO_4_RX = _any_word_rx(UP_TO_WORDS[:4])
_TARGET_RX = _any_word_rx(TARGET_WORDS)
