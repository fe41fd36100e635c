"""What kind of number an indicator's figure is: its measure (target,
cumulative, annual average or outcome), read from the words of its clause
and sentence.

Split from :mod:`etl.semantic.periods`, which keeps the period the figure
covers (its frame, :func:`~etl.semantic.periods.period_of`) and reads the
measure and the stock rules here; the clause and sentence windows both
read are :mod:`etl.semantic.figure_clauses`.

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
(:func:`is_stock`) and the bare items after a stock word (``现有A，B``),
for a figure framed by a span of several years up to now
(:func:`runs_years_to_now`: ``从1985年到2022年，…``, ``近两年来``) or standing,
undated, in a paragraph opening with 近年来 (:data:`RECENT_YEARS_WORDS`: a
total across those years); else ``outcome``.  A kind the codebook does not allow for the indicator
gives the indicator's first allowed kind (a rate is never cumulative).
"""

from __future__ import annotations

import bisect
import datetime as dt
import re

from etl.semantic.figure_clauses import (MAX_SENTENCE, _any_word_rx, _clause_before, _clause_from, _full_sentence_before,
                                         _sentence_before, _words, up_to_now_text)


#: The figure counts up to the article's date.
UP_TO_NOW = ("截至目前", "截止目前", "到目前为止", "目前", "至今", "迄今")
#: The figure is a running total.
CUMULATIVE_WORDS = ("累计", "累积", *UP_TO_NOW)
#: Words before a date that make it the end of a cumulative period (截至9月底).
UP_TO_WORDS = ("截至", "截止到", "截止", "截至到", "到")
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
CLAUSE_FUTURE_WORDS = ("还将", "将于", "将要", "将在")
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
STOCK_WORDS = ("现有", "拥有", "建有", "设有", "设置有", "活跃着", "发展到", "壮大到", "发展至",
               "年末共有", "年底共有", "年末实有", "年底实有", "年末拥有", "常年保持", "常年稳定",
               "常年在外")
#: (常年在外: those away year-round, 常年在外务工人员达30万人)
#: Those holding posts at a date (公益性岗位在岗11.5万人, 在岗职工3000人): a stock;
#: not after a verb that places them (吸纳在岗高校毕业生280余人, 安置在岗…: a flow).
_ON_POST_RX = re.compile(r"(?<![纳置增聘用])在岗")
#: A level held year after year (劳动力常年保持在5万人左右): a stock no date of the text fixes.
PERENNIAL_WORDS = ("常年保持", "常年稳定")
#: Totals built (共建立, 已建成…): a stock when no date frames their
#: sentence or a cut-off does (截至6月底，已建成…); over a period
#: (2023年，…共组建35支) what was done in it.
BUILT_WORDS = ("共建立", "共建成", "已建成", "已建立", "共组建", "已组建", "共成立", "已成立", "共设立", "已设立",
               "共设置", "已设置", "已有")
#: The words of :data:`BUILT_WORDS` that tell something built (not 已有).
_CONSTRUCTED_RX = re.compile(r"[共已](?:建立|建成|组建|成立|设立|设置)")
#: A date or period word in a sentence (for :data:`BUILT_WORDS`).
_DATED_RX = re.compile(r"\d{4}年|[今去前明上下全本当]年|[0-9一二三四五六七八九十]+月|季度|以来|期间")


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
    elif _members_of(clean, cs, clause) or is_stock(clause, sentence, start is not None) \
            or _stock_list(clause, sentence, start is not None) or _enrolled(clause) \
            or _groups_held(clean, cs, clause) or _REGISTERED_RX.search(sentence):
        kind = "cumulative"
    elif _CUMULATIVE_RX.search(up_to_now_text(clause)) or _running_total(sentence) or _driven_by_total(sentence):
        # 今年以来…累计安置3万余人, 该镇今年已累计…: a flow of the year so far,
        # an outcome of that period (SPEC.md); a total across years stays cumulative.
        kind = "outcome" if _total_of_year_so_far(clause, sentence, start, end) else "cumulative"
    if kind == "outcome" and (runs_years_to_now(start, end, as_of) or spans_several_years(start, end)
                              or (start is None and _under_recent_years(clean, cs))
                              or (start is None and end is None and under_undated_lead_span(clean, cs))):
        # 从1985年到2022年，…帮扶…1万余人; 近年来，…。据统计，全市返乡创业5万人:
        # a total across the years up to now
        kind = "cumulative"
    # (A sentence that 截至目前 governs, with no running-total or stock word,
    # counts the year so far, from 1 January: an outcome of that period, as
    # 截至6月底 is (SPEC.md); 目前 in the figure's own clause, 目前已有25位志愿者,
    # is what exists now, above.)
    return kind


#: The shortest span, in days, that counts as several years (近两年来, 从1985年到2022年).
_SEVERAL_YEARS_DAYS = 366


def spans_several_years(start: dt.date | None, end: dt.date | None) -> bool:
    """Whether a frame runs over several whole calendar years (过去五年 in a
    work report: 2013-01-01..2017-12-31): what it counts is a total across
    years (SPEC.md: cumulative), whenever the span ended."""
    return start is not None and end is not None and (start.month, start.day, end.month, end.day) == (1, 1, 12, 31) \
        and end.year > start.year


def runs_years_to_now(start: dt.date | None, end: dt.date | None, as_of: dt.date | None) -> bool:
    """Whether a frame from ``start`` to ``end`` spans several years and runs up
    to the article's date ``as_of`` (``从1985年到2022年`` in an article of 2022,
    ``近两年来``): what it counts is a total across those years, up to now.
    (Not a campaign across a new year, 从去年10月底开始: months, not years;
    nor a past span, 2016年至2020年 in a report of 2021.)"""
    return start is not None and end is not None and as_of is not None and start < as_of <= end \
        and (end - start).days > _SEVERAL_YEARS_DAYS


#: Words opening a paragraph that speak of the recent years, no date fixing
#: them (近年来，…): what the paragraph then counts with no date of its own is
#: a total across those years.
RECENT_YEARS_WORDS = ("近年来", "近些年来", "近几年来", "多年来", "这些年来")
#: What ends such a paragraph's hold on a figure: a date, or a word that
#: counts up to now or over a span of its own (今年, 截至目前, 目前, 期间).
_OWN_TIME_RX = re.compile(r"(?:19|20)\d\d|[今去本当]年|[0-9一二三四五六七八九十]\s*月|目前|至今|如今|现在|截[至止]|期间|以来")


def _under_recent_years(clean: str, cs: int) -> bool:
    """Whether the figure at ``cs`` stands in a paragraph opening with a
    :data:`RECENT_YEARS_WORDS` word (近年来，我市…。据统计，全市…) and nothing
    between that word and the figure dates it or counts up to now
    (:data:`_OWN_TIME_RX`; not 近年来，…。截至目前，…: the year so far)."""
    para = max(clean.rfind("\n", 0, cs) + 1, cs - 3 * MAX_SENTENCE)
    start = cs - len(clean[para:cs].lstrip(" \u3000\t"))
    word = next((w for w in RECENT_YEARS_WORDS if clean.startswith(w, start)), None)
    return word is not None and _OWN_TIME_RX.search(clean, start + len(word), cs) is None


#: A span since an undated start (工程建设启动以来, 活动开展以来): no date says since when.
_UNDATED_SINCE_RX = re.compile(r"(?:启动|啟動|开展|開展|实施|實施|开通|開通|成立|创建|創建|推行)以来")
#: A date or a span of its own in the text between the lead and a figure
#: (今年, 2023年, 3月, 期间, 今年以来); up-to-now words (截至目前, 目前) are not one,
#: nor a page's timestamp (日期:2025-03-04).
_LEAD_DATED_RX = re.compile(r"(?<![0-9.])(?:19|20)\d\d\s*年|[今去本当]年|[0-9一二三四五六七八九十]\s*月|期间|(?<![启动展施通立建行])以来")


#: Words of a clause that counts what has been done by now (已培育, 累计).
_DONE_BY_NOW_RX = re.compile(r"已|累计|累計|累积")


def under_undated_lead_span(clean: str, cs: int) -> bool:
    """Whether the article's lead speaks of a span no date fixes, the
    recent years or the time since a campaign began (``近年来，该镇…``,
    ``“结对帮扶”工程建设启动以来，某市…``: :data:`RECENT_YEARS_WORDS`,
    :data:`_UNDATED_SINCE_RX`), the lead holds no date, and the figure's
    paragraph, up to the figure, none either: what the article then counts
    with no date of its own (截至目前 included) is a running total since
    that unsaid start, up to now.  Under 近年来 only a sentence that says it
    is done by now (已, 累计) counts so; in the lead's own paragraph, an
    up-to-now word between the span and the figure starts the year so far
    (近年来，…。截至目前，…完成全年目标任务…)."""
    stop = clean.find("。", 0, cs)
    if stop < 0:
        return False
    lead_start = clean.rfind("\n", 0, stop) + 1
    lead_end = clean.find("\n", stop)
    lead_end = len(clean) if lead_end < 0 else lead_end
    lead = clean[lead_start:min(lead_end, cs)]
    since = _UNDATED_SINCE_RX.search(lead)
    m = since or next((x for x in (re.search(w, lead) for w in RECENT_YEARS_WORDS) if x), None)
    if m is None or _LEAD_DATED_RX.search(lead):
        return False
    if cs < lead_end:  # (in the lead itself: 近年来，…。截至目前，…: the year so far, as _under_recent_years)
        if _OWN_TIME_RX.search(clean, lead_start + m.end(), cs):
            return False
    elif _LEAD_DATED_RX.search(clean, clean.rfind("\n", 0, cs) + 1, cs):
        return False
    # (近年来 frames loosely: only what its sentence says is done by now, 已培育…47人，带动…500余人)
    return since is not None or bool(_DONE_BY_NOW_RX.search(_sentence_before(clean, cs)))


#: Words that, opening a sentence, make it a count up to now (目前，全县共有…).
#: (Not 当前: a discourse word that other frames follow, 当前，…1至2月…; and a
#: page's 当前位置.)
OPENING_UP_TO_NOW = ("目前", "至今", "迄今")


#: A span inside one year said in the figure's sentence (今年以来, 今年, 本年,
#: 1-10月, 3月以来, 上半年, 前三季度): a 累计 under it sums that span.
_YEAR_SO_FAR_RX = re.compile(r"今年|本年|当年|[0-9一二三四五六七八九十]{1,2}月份?以来"
                             r"|(?<![0-9])[1一]\s*[-~～至到—]\s*[0-9一二三四五六七八九十]{1,2}\s*月|上半年|前[一二三]季度|一季度")
#: Words that make a 累计 a total across years whatever its sentence's span.
_ACROSS_YEARS_RX = re.compile(r"历年|歷年|成立以来|成立至今|(?<!今)年来|累计已?达")


def _total_of_year_so_far(clause: str, sentence: str, start: dt.date | None, end: dt.date | None) -> bool:
    """Whether a running total (累计…) counts a span inside one year: its
    frame starts and ends in one year (a span, not a day) and its sentence
    says so (:data:`_YEAR_SO_FAR_RX`), with no word of a total across years
    and no up-to-now word of a stock in its clause (目前已有…)."""
    if start is None or end is None or start == end or start.year != end.year:
        return False
    if not any(w in clause or w in sentence for w in ("累计", "累積", "累积")):
        return False
    return bool(_YEAR_SO_FAR_RX.search(sentence)) and not _ACROSS_YEARS_RX.search(sentence)


#: A count of people enrolled in an insurance (参保人数, 参加工伤保险人数为;
#: also 工伤保险参保24431人, the figure right after 参保):
#: a stock at its date (not 新增参保: the people who joined in a period).
_ENROLLED_RX = re.compile(r"(?<!新增)(?:参保人数|参保职工|參保人數|参加[^，,。；;\n]{0,14}保险(?:的)?人数|參加[^，,。；;\n]{0,14}保險(?:的)?人數)")


#: A count of registered members (社区注册志愿者人数：475人): a stock.
_REGISTERED_RX = re.compile(r"注册(?:志愿者|会员|社工)(?:人数|总数)?\s*[:：]?\s*$")
#: The groups a place has (社区有11支志愿者服务队): what exists, a stock.
_GROUP_AFTER_RX = re.compile(r"[^，,。；;：:\n]{0,10}?(?:服务队|志愿队|小分队|小组|协会|[队团])")


def _groups_held(clean: str, cs: int, clause: str) -> bool:
    """Whether the figure counts the groups its subject has: its clause
    ends in 有 (not 共有: who took part) and a group word follows it
    (社区有11支志愿者服务队)."""
    return clause.endswith("有") and not clause.endswith(("共有", "没有", "还有", "已有")) \
        and bool(_GROUP_AFTER_RX.match(clean, cs))


def _enrolled(clause: str) -> bool:
    """Whether the clause counts the people enrolled in an insurance (:data:`_ENROLLED_RX`)."""
    return (bool(_ENROLLED_RX.search(clause)) or clause.rstrip().endswith(("参保", "參保"))) and "新增" not in clause


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
    if _STOCK_RX.search(clause) or _ON_POST_RX.search(clause):
        return True
    if _BUILT_RX.search(clause):
        return (not framed and not _DATED_RX.search(sentence)) or _UP_TO_4_RX.search(sentence) is not None \
            or (_opens_up_to_now(sentence) and _CONSTRUCTED_RX.search(clause) is not None)
            # (目前，全县已建成…: what exists now, whatever frames the paragraph;
            # not 目前，已有400多名求职者…: people who did something)
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
_CUMULATIVE_RX = _any_word_rx(CUMULATIVE_WORDS)
_AVERAGE_RX = _any_word_rx(AVERAGE_WORDS)
_SENTENCE_TARGET_RX = _any_word_rx(SENTENCE_TARGET_WORDS)
_CLAUSE_FUTURE_RX = _any_word_rx(CLAUSE_FUTURE_WORDS)
_STOCK_RX = _any_word_rx(STOCK_WORDS)
_BUILT_RX = _any_word_rx(BUILT_WORDS)
_UP_TO_4_RX = _any_word_rx(UP_TO_WORDS[:4])
_TARGET_RX = _any_word_rx(TARGET_WORDS)
