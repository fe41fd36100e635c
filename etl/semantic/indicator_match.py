"""Matching one figure to its indicator(s) and population group.

The codebook (``schemas/codebook.yaml``, compiled once by
``etl.semantic.codebook``: all phrases in one regex, scanned once per page
into the page's ``etl.semantic.page_index.PageIndex``) says which Chinese
phrases signal which indicator; this module decides which of the phrases
near a figure names it:

* **Indicator**: for each figure, the codebook phrases in its clause before
  the number (from the clause start, or the end of the previous figure in the
  clause) and in the noun phrase right after it (up to the next punctuation
  or figure) are candidates (a rate "of" the figure before it, ``目标任务
  7500 人的 108.27%``, shares that figure's clause); an indicator qualifies when the figure's unit is
  one of its ``units`` and one of its ``requires`` words (if any) is in the
  sentence.  The closest phrase wins (ties: longer phrase, then an indicator
  with ``requires``, then codebook order).  A figure right after 各 gives a
  row for every distinct indicator named in its clause.  An indicator's
  ``excludes`` words in the clause before the number disqualify it (a
  ceiling, a per-head amount); a count followed by its own noun (3 个服务专区)
  takes no phrase from before it; the second object of a list (60 多家企业和
  423 户…) shares the words before the first.  A count written
  with a goods classifier (图书 500 册) is only an indicator that counts
  goods; a count with a classifier its indicator does not take (走访慰问
  120 次 for households), or with a meeting or document noun between the
  phrase and it (召开招聘工作会议 3 次), is not that indicator.
* **Lists and targets**: after 分别 a list of figures maps onto the list of
  objects before it (:func:`respective_matches`); a figure a target word
  (目标任务, 年度计划) names is the target of the statistic before it
  (:func:`target_of_previous`, :func:`target_of_other_statistic`).
* **Population group**: the group phrase closest before the figure in its
  clause, else right after it, else the indicator's default
  (:func:`population_group`).

Deriving a page's rows from these matches (period, region, a private
person's own figures, parts of a total) is ``etl.semantic.indicators``; the
consistency checks are ``etl.semantic.indicator_checks``.
"""

from __future__ import annotations

import bisect
import functools
import operator
import re
from dataclasses import dataclass

from etl.extract.records import Figure
from etl.semantic.codebook import Indicator, Codebook, load_codebook, overlapped_matches
from etl.semantic.page_index import PageIndex
from etl.semantic.restated import respectively_before


#: Classifiers after which the noun a count counts follows it (7 名留守儿童, 5 户
#:低保家庭), unlike a unit that is itself the noun (7 人, 5 万元).
NOUN_CLASSIFIERS = frozenset("名位个户家支所座处间套件份")
#: What, after a phrase before a figure, makes the phrase the actor and the
#: figure the object of 为/给/向/对 (志愿者们为 80 位老人…, 志愿者给 30 名儿童…);
#: a bare 为 is also a copula (志愿者人数为 176 名) and does not.
#: An adverb may stand between (志愿者们共为 6 名独居老人…, 队员们还给…, 志愿者们正在为…).
_ACTOR_LINK_RX = re.compile("们(?:共|还|又|也|都|先后|分别|正在|特地|专门|纷纷|主动|一起)?[为给向对]|[给向对](?=[0-9零〇一二两三四五六七八九十百千万近约])")
#: ... and 为 followed by a few words before the figure (志愿者为白石镇敬老院 50 多位老人…)
#: after a care actor (see _names_care_actor): a preposition, not the copula
#: (志愿者人数为 176 名, 志愿者为共 176 名).
_ACTOR_WEI_RX = re.compile("为(?![共计达约近总合累])[\u4e00-\u9fff]{2,12}$")
#: How many characters may stand between a label's colon and its figure (城镇新增就业：共 12000 人).
LABEL_GAP = 2
#: Words right before a count of a visiting party (某某一行 10 人).
PARTY_BEFORE = ("一行",)
#: Units of the figures that may count the recipients of 为/对 (people,
#: households): "对全县 12 个乡镇…进行慰问" counts townships.
RECIPIENT_UNITS = frozenset(("person", "person_time", "household"))
#: How many characters may stand between such a count and its noun (贫困, 特困).
NOUN_MODIFIER_MAX = 4
#: Characters right after a count that do not start the noun it counts
#: (招聘会 3 个，…; 礼包 200 个给…; 3 个左右).
NOT_A_NOUN_AFTER = set("的了给以和及与共合计左右余多在为于是由到把被将")


#: What, right after a count, makes it part of a set word (三位一体, 五位一体,
#: 四件套 bedding): the numeral is no count of anything.
_NUMBER_IN_A_WORD_TAILS = ("一体", "套")

#: Units that count whole things (people, households, jobs, events): a
#: fraction of one is an average (每万元贷款带动 0.62 人就业), no count.
WHOLE_UNITS = frozenset(("person", "person_time", "household", "count", "event"))
#: 每 right before a figure, or before one short verb and the figure (每 1 万元,
#: 每扶持 1 人): the figure is the unit a rate is stated per (每年 10 万人 is a
#: yearly figure, not a unit).
_PER_UNIT_RX = re.compile("每(?![年月日天周季])[\u4e00-\u9fff]{0,2}$")
PER_UNIT_GAP = 3
_PER_FIGURE_RX = re.compile("每(?![年月日天周季])[\u4e00-\u9fff]{0,2}[0-9零一二两三四五六七八九十]")
#: 两节 / 双节 (the Spring Festival and New Year's Day) name two festivals; 两节课
#: counts lessons.
_FESTIVAL_CLASSIFIERS = frozenset(("节", "節"))
_FESTIVAL_NAMES = frozenset(("两节", "兩節", "双节", "雙節", "三节", "三節"))
_LESSON_WORDS = ("课", "課")

#: Sentence breaks that only separate the items of a list in one sentence.
LIST_ITEM_STOPS = frozenset(";；")


#: A change word right before a percentage (同比下降 35.8%, 比上年增长 8.2%):
#: the percentage is how much something changed, not a rate of the statistic.
_CHANGE_BEFORE_RX = re.compile("(?:同比|环比|比上年|较上年|比去年|较去年)?"
                               "(?:上升|下降|增长|减少|增加|降低|回落|下滑|提高|上涨|下跌)了?(?:约|近|超过)?$")
CHANGE_WINDOW = 10
#: A comparison with an earlier period in a sentence: a count right after a
#: change word there is the change (与去年同比，岗位减少 32401 个).
COMPARISON_RX = re.compile("同比|环比|比上年|较上年|比去年|较去年|与去年|上年同期|去年同期")


def is_change_rate(clean: str, cs: int) -> bool:
    """Whether the percentage at clean offset ``cs`` is a change."""
    return _CHANGE_BEFORE_RX.search(clean, max(0, cs - CHANGE_WINDOW), cs) is not None


def full_sentence_start(idx: PageIndex, cs: int) -> int:
    """Where the sentence of clean offset ``cs`` starts, reading over the
    semicolons that separate the items of a list ("其中：支持个人创业贷款 6.83
    亿元；扶持小微企业贷款 3.74 亿元": one sentence about start-up loans)."""
    breaks = idx.sentence_breaks
    clean = idx.clean
    i = bisect.bisect_left(breaks, cs)
    while i and clean[breaks[i - 1]] in LIST_ITEM_STOPS:
        i -= 1
    return breaks[i - 1] + 1 if i else 0


def _is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


def _owners(cb: Codebook, phrase: str) -> tuple[str, ...]:
    ids = cb.phrase_owner.get(phrase)
    if ids is not None:
        return ids
    ids = _WILD_OWNERS.get(phrase)
    if ids is None:
        ids = ()
        for rx, _, wild_ids in cb.wild:
            if rx.fullmatch(phrase):
                ids = wild_ids
                break
        if len(_WILD_OWNERS) > 4096:
            _WILD_OWNERS.clear()
        _WILD_OWNERS[phrase] = ids
    return ids


#: Owners of the texts matched by ``…`` phrases (memo; the codebook is loaded once).
_WILD_OWNERS: dict[str, tuple[str, ...]] = {}


@dataclass(frozen=True)
class Match:
    indicator: Indicator
    phrase: str
    side: str  # "before" or "after"
    distance: int


def _phrase_info(cb: Codebook, phrase: str) -> tuple[bool, bool, tuple[Indicator, ...]]:
    """(is a group phrase, is a … match, owning indicators) of a matched
    phrase, memoised."""
    info = _PHRASE_INFO.get(phrase)
    if info is None:
        info = (phrase in cb.group_owner, phrase not in cb.phrase_owner,
                tuple(cb.indicators[iid] for iid in _owners(cb, phrase)))
        if len(_PHRASE_INFO) > 4096:
            _PHRASE_INFO.clear()
        _PHRASE_INFO[phrase] = info
    return info


def _names_care_actor(cb: Codebook, phrase: str) -> bool:
    """Whether ``phrase`` names only community-care indicators (志愿者, 服务队):
    before "为 + words + figure" it names who acts for the people counted; a
    statistic's name (城镇新增就业为历年最高的 5120 人) is joined by a copula."""
    inds = _phrase_info(cb, phrase)[2]
    return bool(inds) and all(ind.topic == "community_care" for ind in inds)


#: Text between two figures that lists them as objects of one verb (60 多家企业和 423 户).
_LIST_LINK_RX = re.compile("[\u4e00-\u9fff]{0,8}[和及与、]")
#: ... and a later object of such a list, named after the link (走访慰问困难职工 320 户、
#: 困难农民工 150 人): only between counts of people or households.
_LIST_ITEM_RX = re.compile("[和及与、][\u4e00-\u9fff]{1,8}")
#: Text between a count and a count of people or households it places (15 个镇街的 42 位老人).
_OF_PLACES_RX = re.compile("[\u4e00-\u9fff]{1,6}的")
#: Text between the two figures of a change "from A to B" (从原来的 10 多人壮大到
#: 现在的 130 多人): B is the figure, A its former value.
_FROM_TO_LINK_RX = re.compile(
    "[\u4e00-\u9fff]{0,4}?(?:增加|增长|壮大|扩大|提高|提升|上升|下降|减少|降低|发展|扩展|扩充)?[到至][\u4e00-\u9fff]{0,6}")
#: The clause before the former value of such a change ends with 从/由 and a few words.
_FROM_BEFORE_RX = re.compile("[从由][\u4e00-\u9fff]{0,6}$")
#: 从/由, a few words and the former value (its first digit).
_FROM_VALUE_RX = re.compile("[从由][\u4e00-\u9fff]{0,6}?[0-9零〇一二两三四五六七八九十]")
#: Text between a base figure and a percentage "of" it (7500 人的 108.27%, 计划(5000 人)的 98%).
_OF_LINKS = frozenset(("的", " 的", "的 ", " 的 ", ")的", "）的"))
_PHRASE_INFO: dict[str, tuple[bool, bool, tuple[Indicator, ...]]] = {}
_FIRST = operator.itemgetter(0)
#: (phrase, unit, side) -> the candidates the phrase gives a figure of that
#: unit on that side: (key without the distance, indicator, requires), in
#: codebook order (memo: the codebook is loaded once).
_UNIT_CANDS: dict[tuple[str, str | None, str], tuple[tuple[tuple, Indicator, tuple[str, ...]], ...]] = {}


def _pattern_size(cb: Codebook, text: str) -> int:
    """The number of written characters of the … phrase that matched ``text``."""
    for rx, pattern, _ in cb.wild:
        if rx.fullmatch(text):
            return len(pattern) - pattern.count("…")
    return len(text)


def _unit_cands(cb: Codebook, phrase: str, unit: str | None, side: str):
    """The indicators ``phrase`` may signal for a figure of ``unit`` found on
    ``side`` of it, each with its ranking key (see :func:`match_figure`)
    minus the distance, which is the figure's."""
    cands = _UNIT_CANDS.get((phrase, unit, side))
    if cands is None:
        is_group, wild, inds = _phrase_info(cb, phrase)
        # After the number, a group word (300名返乡农民工发放创业担保贷款)
        # names who is counted; a later indicator phrase says what for.
        # A literal phrase beats a … pattern.
        # A phrase with more written characters is the more specific (a …
        # match by the words of its pattern, not by the stretch it spans:
        # 吸纳…就业 in "帮扶车间吸纳就业" is as specific as the 帮扶…就业
        # around it); of two as long, a literal one.
        size = _pattern_size(cb, phrase) if wild else len(phrase)
        cands = tuple(
            ((side == "after" and is_group, -size, wild, 0 if ind.requires else 1, ind.order), ind, ind.requires)
            for ind in inds
            if unit in ind.units
        )
        if len(_UNIT_CANDS) > 4096:
            _UNIT_CANDS.clear()
        _UNIT_CANDS[(phrase, unit, side)] = cands
    return cands


def match_figure(
    idx: PageIndex, fig: Figure, cs: int, ce: int, prev_end: int, next_start: int, next_unit: str | None = None
) -> list[Match]:
    """The indicator(s) of one figure (clean span cs..ce), or []; ``next_unit``
    is the unit of the figure that starts at ``next_start``."""
    clean = idx.clean
    breaks = idx.clause_breaks
    i = bisect.bisect_left(breaks, cs)
    own_clause_start = breaks[i - 1] + 1 if i else 0
    if own_clause_start > 0 and clean[own_clause_start - 1] in ":：" and cs - own_clause_start <= LABEL_GAP \
            and prev_end < own_clause_start:
        # "城镇新增就业：12000人": a label before a colon names the figure after it.
        own_clause_start = idx.back(own_clause_start - 1, breaks)
    own_words = idx.words(own_clause_start, cs)  # (the figure's own clause up to it: read by several tests)
    clause_start = max(own_clause_start, prev_end)
    if clause_start == prev_end and (clean[prev_end:cs] in _OF_LINKS or (
            prev_end and not clean[prev_end:cs].strip() and _is_cjk(clean[prev_end - 1]))):
        # "发放创业担保贷款 797 笔 9389 万元": a count and an amount side by
        # side measure one object twice; both take the words before the first.
        # "完成年度目标任务 7500 人的 108.27%": the rate shares the words
        # before the base figure it is "of".
        clause_start = own_clause_start
    elif clause_start == prev_end and (_LIST_LINK_RX.fullmatch(clean[prev_end:cs]) or (
            fig.unit in RECIPIENT_UNITS and _LIST_ITEM_RX.fullmatch(clean[prev_end:cs]))):
        # "走访慰问 60 多家企业和 423 户困难职工家庭": the second object of
        # a list shares the verb before the first.
        clause_start = own_clause_start
    elif clause_start == prev_end and fig.unit in RECIPIENT_UNITS and _OF_PLACES_RX.fullmatch(clean, prev_end, cs):
        # "走访了全市 15 个镇街的 42 位百岁老人": a count before 的 says where
        # the people counted after it live; the verb before both names them.
        clause_start = own_clause_start
    elif clause_start == prev_end and _FROM_TO_LINK_RX.fullmatch(clean[prev_end:cs]) \
            and _FROM_VALUE_RX.search(clean, own_clause_start, prev_end) is not None:
        # "服务队成员从原来的 10 多人壮大到现在的 130 多人": the new value
        # shares the words before the former one.
        clause_start = own_clause_start
    breaks = idx.clause_breaks_list
    i = bisect.bisect_left(breaks, ce)
    noun_end = breaks[i] if i < len(breaks) else len(clean)
    clause_end = min(noun_end, next_start)
    # "城镇新增就业 51.4 万人农村劳动力转移就业 58.6 万人": the words between
    # two figures of one clause name the second; the first takes them only
    # when nothing before it names it.
    next_in_clause = next_start < noun_end
    next_item = 0  # (after-phrases before this offset name the next object of a list)
    if next_in_clause and _LIST_LINK_RX.fullmatch(clean, ce, next_start):
        # "为 33 位孤寡老人和 112 户贫困户捐赠…": the first object of a list
        # shares the verb after the last.
        j = bisect.bisect_right(breaks, next_start)
        clause_end = breaks[j] if j < len(breaks) else len(clean)
    elif fig.unit in RECIPIENT_UNITS and next_start < len(clean) and _LIST_ITEM_RX.fullmatch(clean, ce, next_start):
        # "为困难职工 320 户、困难农民工 150 人送去…": likewise when each object
        # names its noun before its count; the words between the two counts
        # are the next object's.
        j = bisect.bisect_right(breaks, next_start)
        clause_end = breaks[j] if j < len(breaks) else len(clean)
        next_item = next_start
    cb = load_codebook()
    if fig.unit in RECIPIENT_UNITS and cb.recipient_words \
            and any(w in own_words for w in cb.recipient_words):
        # "对近千名信息员、配送员等劳动者进行慰问": the object of 对/为 may be
        # a list; the verb after it ends the clause.
        clause_end = max(clause_end, min(idx.forward(ce, idx.clause_breaks), next_start))
        if not next_in_clause and next_start < len(clean) and _LIST_LINK_RX.fullmatch(clean, ce, next_start):
            # "为 566 名下岗失业人员、10 户小企业放贷…": the first object of a
            # 、-list shares the verb after the last; the words after the
            # next figure are its own.
            clause_end = max(clause_end, idx.forward(ce, idx.clause_breaks))
            next_item = max(next_item, next_start)
    if next_in_clause and _FROM_TO_LINK_RX.fullmatch(clean, ce, next_start) \
            and _FROM_BEFORE_RX.search(clean[own_clause_start:cs]) is not None:
        return []  # (the former value of a change "from A to B": B is the statistic)
    signals = idx.signals
    ends = idx.signal_ends
    # Before: phrases ending inside [clause_start, cs].  After: phrases
    # starting in the noun phrase after the figure (sorted by end: those
    # ending by clause_end; a phrase starting at or after ce ends after it).
    before = range(bisect.bisect_left(ends, clause_start), bisect.bisect_right(ends, cs))
    after = range(bisect.bisect_left(ends, ce), bisect.bisect_right(ends, clause_end))
    spanning: list[int] = []
    if next_in_clause and fig.unit in RECIPIENT_UNITS:
        # "为 23 名农民工追回被拖欠的 11 万元工资": a verb … object phrase
        # around the next figure of the clause, opening after this one, says
        # what was done for the people counted.
        spanning = [k for k in range(bisect.bisect_right(ends, clause_end),
                                     bisect.bisect_right(ends, idx.forward(ce, idx.clause_breaks)))
                    if ce <= signals[k][0] < next_start and signals[k][2] not in cb.phrase_owner]  # (a … match)
    if not before and not after and not spanning:  # (a third of the figures)
        return []
    if clean.startswith(_NUMBER_IN_A_WORD_TAILS, ce):
        return []  # (“六位一体”的劳务输出模式, 四件套: a numeral inside a set word counts nothing)
    if fig.unit in WHOLE_UNITS and fig.value != int(fig.value):
        return []  # (每万元贷款带动 0.62 人就业, 平均创造 6.38 个岗位: a fraction of a person is an average)
    if _PER_UNIT_RX.search(clean, max(own_clause_start, cs - PER_UNIT_GAP), cs) \
            or _PER_FIGURE_RX.search(clean, own_clause_start, cs):
        # (每 1 万元贷款…, 每扶持 1 人创业…: the unit a rate is stated per; 每 2 万元
        # 贷款带动 1 人就业: the figure after it in its clause is the rate)
        return []
    if fig.unit_raw in _FESTIVAL_CLASSIFIERS and clean[cs:ce] in _FESTIVAL_NAMES \
            and not clean.startswith(_LESSON_WORDS, ce):
        return []  # (“两节”送温暖, 双节期间: the two festivals, no count of anything)
    unit = fig.unit
    # "送去图书 500 余册": a count of goods (its classifier one of the codebook's
    # goods_classifiers) is only an indicator that counts goods.
    goods = unit == "count" and fig.unit_raw in cb.goods_classifiers
    # "召开招聘工作会议 3 次": a noun of the codebook's other_counted_nouns
    # between a phrase and a count (or event count) is what the count counts.
    other_nouns = unit in OTHER_NOUN_UNITS and cb.other_nouns
    # "招聘会现场设置了 3 个服务专区": a count whose own noun follows it counts
    # that noun, not the thing named before (the parts of one job fair are
    # not job fairs): only a phrase after it may name what it counts.
    counts_noun_after = unit == "count" and ce < clause_end and _is_cjk(clean[ce]) \
        and clean[ce] not in NOT_A_NOUN_AFTER
    texts: list[str] = []  # the sentence before the figure, the noun phrase after (built when needed)
    # (key, indicator, phrase, side, distance) of each candidate: the Match is
    # built for the winners only.
    cands: list[tuple[tuple, Indicator, str, str, int]] = []
    around_spans: list[tuple[int, int, int]] = []  # (start, end, size) of confirmed phrases around the figure
    after_spans: dict[int, tuple[int, int, int]] = {}  # id(after candidate) -> its (start, end, size)
    for side_of_range, ks in (("before", before), ("after", after), ("after", spanning)):
        for k in ks:
            side = side_of_range
            start, end, phrase = signals[k]
            if side == "before":
                if start < clause_start or counts_noun_after:
                    continue
                if _ACTOR_LINK_RX.match(clean, end, cs) or (
                        unit in RECIPIENT_UNITS and _ACTOR_WEI_RX.match(clean, end, cs)
                        and _names_care_actor(cb, phrase)):
                    continue  # (志愿者们为 80 位老人理发: the phrase names who acts, the figure whom)
                distance = cs - end
                if other_nouns and _names_other_noun(idx, cb, end, cs):
                    continue  # (召开招聘工作会议 3 次: meetings, not job fairs)
            elif start < ce:
                # "提供了 6083 个岗位": a verb … object phrase around the
                # figure names it most closely.
                if start < clause_start or start >= cs or phrase in cb.phrase_owner:
                    continue
                side, distance = "around", 0
            else:
                if start < next_item:
                    continue  # (320 户、困难农民工 150 人: 困难农民工 is the next object)
                if clean.rfind("(", ce, start) > clean.rfind(")", ce, start):
                    continue  # (培训 270 人(其后实现自主创业 155 人): an aside in brackets names no figure before it)
                if _heads_longer_noun(clean, end, clause_end):
                    continue  # (5 个慰问组: the count is of teams, not of 慰问)
                if unit in RECIPIENT_UNITS and _one_kind_of_a_list(clean, start, end, next_start):
                    continue  # (向 60 名残疾人、留守儿童等送上慰问: all the kinds listed, not the children)
                if other_nouns and start > ce and any(clean.startswith(w, ce) and start >= ce + len(w)
                                                      for w in cb.other_nouns):
                    continue  # (引进 4 家企业入驻扶贫车间: firms; what they moved into is no count of them)
                if counts_noun_after and _COPULA_RX.search(clean, ce, start) is not None:
                    continue  # (16 个县为…返乡创业示范县: the count's noun is a subject; what it is called is no indicator of it)
                distance = start - ce
            for (is_group_after, neg_size, wild, plain, order), ind, requires in _unit_cands(
                    cb, phrase, unit, "before" if side == "around" else side):
                if goods and not ind.counts_goods:
                    continue  # (送去图书 500 余册: books, not households visited)
                if unit == "percent" and side == "before" and clean[end:cs].strip() == "的" \
                        and ind.units[0] != "percent":
                    continue  # (为最低工资标准的 90%: a ratio to the wage, not the wage; a rate's own 的 N% stays)
                if unit == "count" and ind.count_classifiers and fig.unit_raw not in ind.count_classifiers:
                    continue  # (走访慰问 120 次: visits, not households)
                if unit == "count" and ind.units[0] == "household" and not _names_households(clean, cs, ce):
                    continue  # (帮扶 34 个县, 帮扶项目 998 个: counties and projects, not households)
                if ind.excludes and (any(w in own_words for w in ind.excludes) or (
                        side == "after" and any(w in clean[ce:end] for w in ind.excludes))):
                    # a ceiling, a per-head amount, a person's own figure: not the statistic
                    # (为 N 人提供政策咨询服务: read up to the phrase after the figure too)
                    continue
                if side == "after" and ind.after_needs \
                        and not any(w in own_words for w in ind.after_needs):
                    continue  # (为 60 位老人送上…: who receives; 20 名党员送上…: who gives)
                if requires:
                    if not texts:
                        texts.append(idx.words(full_sentence_start(idx, cs), cs))
                        # (85 家企业携 3200 个岗位参会: the rest of the clause, past a later figure)
                        texts.append(idx.words(ce, max(clause_end, idx.forward(ce, idx.clause_breaks))))
                    sentence, after_text = texts
                    if not any(w in sentence or w in after_text for w in requires):
                        continue
                cands.append(((is_group_after, distance, neg_size, wild, plain, order), ind, phrase, side, distance))
                if side == "around" and requires:
                    around_spans.append((start, end, -neg_size))
                elif side == "after":
                    after_spans[id(cands[-1])] = (start, end, -neg_size)
    if not cands:
        return []
    if around_spans and after_spans:
        # "直接带动了 1898 人实现就业": a verb … object phrase around the figure
        # whose indicator the sentence confirms (its ``requires``) holds the
        # phrase after it (实现就业) and says more: the verb decides.  A
        # longer phrase after (困难人员实现就业) stays the more specific.
        cands = [c for c in cands if not (
            (span := after_spans.get(id(c))) is not None
            and any(a <= span[0] and span[1] <= b and span[2] <= size for a, b, size in around_spans))]
    if next_in_clause and next_unit == unit and unit in RECIPIENT_UNITS and all(
            c[3] == "after" and clean[after_spans[id(c)][1]:next_start] in GROUP_SIZE_GAPS for c in cands):
        # "全市 5000 名脱贫劳动力实现转移就业 3600 人": the words after the
        # first count name the second, which they run into; the first is the
        # size of the group the second is counted in, no statistic of its own.
        return []
    if unit in RECIPIENT_UNITS and not next_in_clause:
        predicates = [c for c in cands if c[3] == "after" and c[1].predicate]
        if predicates:
            # "5936 名求职人员达成用工意向": what the counted people did
            # names the count, past the noun that says who they are.
            cands = predicates
    has_after = any(c[3] == "after" for c in cands)
    if has_after and clean.endswith(PARTY_BEFORE, 0, cs):
        # "副主席某某一行 10 人深入…开展关爱留守儿童活动": the visiting party;
        # the words after it tell what it did, unless they are the noun its
        # classifier counts (一行十多位志愿者: volunteers).
        own_noun = fig.unit_raw[-1:] in NOUN_CLASSIFIERS
        cands = [c for c in cands if c[3] != "after" or (own_noun and c[4] == 0)]
        if not cands:
            return []
    elif next_in_clause and has_after and any(c[3] == "before" for c in cands):
        cands = [c for c in cands if c[3] != "after"]
    elif fig.unit_raw[-1:] in NOUN_CLASSIFIERS and any(
            c[3] == "after" and not c[0][0] and c[4] <= NOUN_MODIFIER_MAX for c in cands):
        # "走访慰问了 7 名贫困留守儿童": a count and its classifier count the
        # noun after them; the verb before says what was done to it.
        cands = [c for c in cands if c[3] != "before"]
    # 各: "零工市场、零工驿站各 1 个" -> one row per indicator named before.
    if cs > 0 and clean[cs - 1] == "各":
        cands.sort(key=_FIRST)
        out: dict[str, Match] = {}
        for _, ind, phrase, side, distance in cands:
            if side != "after" and ind.id not in out:
                out[ind.id] = _match(ind, phrase, "before", distance)
        return list(out.values())
    best = min(cands, key=_FIRST) if len(cands) > 1 else cands[0]
    if len(cands) > 1 and best[3] == "before":
        best = _relative_clause_head(clean, cs, best, cands)
    _, ind, phrase, side, distance = best
    return [_match(ind, phrase, "before" if side == "around" else side, distance)]


#: What may stand between a phrase and the count it runs into (实现转移就业 3600 人, 实现就业达 …).
GROUP_SIZE_GAPS = frozenset(("", "了", "达", "共", "为"))


#: Characters that make a phrase after a count the start of a longer noun
#: (5 个慰问组, 3 个服务站): the count is of that noun, not of the phrase.
#: (3 户留守儿童家庭, 企业家: not children, not firms; 为 N 名失业人员发放失业保险金:
#: the benefit's recipients, not the insured)
LONGER_NOUN_HEADS = set("组队团站家金")
#: Characters after 组 that make it a verb (志愿者队伍组成, 组织, 组建).
GROUP_VERB_TAILS = set("成织建")


#: Units of the counts an other noun (会议, 文件, 企业) may be the thing counted of.
OTHER_NOUN_UNITS = frozenset(("count", "event", "establishment"))


#: What may stand between an other noun and the count of it (会议共 3 次, 文件达 5 份).
OTHER_NOUN_GAP = 1


#: Nouns that make a generic count (个) a count of households (12 个困难家庭,
#: 5 个留守儿童家, 困难户 30 个; not 企业家, 专家), and how far from the figure
#: they may stand.
HOUSEHOLD_NOUNS_RX = re.compile("家庭|户|戶|(?<![国國企业業专專大作商])家")
HOUSEHOLD_NOUN_GAP = 8


def _names_households(clean: str, cs: int, ce: int) -> bool:
    """Whether a household noun follows the count in its noun phrase or
    ends the words right before it."""
    after = re.split("[，,。；;、：:和及与]", clean[ce:ce + HOUSEHOLD_NOUN_GAP], maxsplit=1)[0]
    before = clean[max(0, cs - 3):cs]
    return bool(HOUSEHOLD_NOUNS_RX.search(after)) or bool(re.search("(家庭|户|戶)$", before))


def _names_other_noun(idx: PageIndex, cb: Codebook, end: int, cs: int) -> bool:
    """Whether one of the codebook's ``other_counted_nouns`` stands between a
    phrase ending at ``end`` and the figure at ``cs``, right before the
    figure (at most :data:`OTHER_NOUN_GAP` characters between): the noun
    the count counts (召开招聘工作会议 3 次; not 招聘会在人才中心举办 12 场)."""
    between = idx.words(end, cs).rstrip()
    # (a noun within the last len(noun) + GAP characters: the text ends with
    # it, or with it and at most GAP characters after it)
    nouns = cb.other_nouns
    return any(between[: len(between) - gap].endswith(nouns) for gap in range(OTHER_NOUN_GAP + 1))


#: What ends a list of kinds of people after a count (残疾人、留守儿童等).
KIND_LIST_END = "等"
#: What separates the kinds of such a list.
KIND_LIST_SEP = "、"


def _one_kind_of_a_list(clean: str, start: int, end: int, next_start: int) -> bool:
    """Whether the phrase at ``start..end`` after a count of people is one
    kind in a list of the kinds counted ("60 名残疾人低保户、留守儿童等送上慰问"):
    a 、 right before it, or 等 or a 、 that goes on with a noun (not with the
    next count: 7 名留守儿童、3 名困境儿童) right after it.  The count counts
    all the kinds: the phrase does not name it (the verb after the list, 送上,
    still does)."""
    if clean[start - 1 : start] == KIND_LIST_SEP:
        return True
    nxt = clean[end:end + 1]
    return nxt == KIND_LIST_END or (nxt == KIND_LIST_SEP and end + 1 < next_start)


def _heads_longer_noun(clean: str, end: int, clause_end: int) -> bool:
    """Whether the phrase ending at ``end`` is the start of a longer noun."""
    if end >= clause_end or clean[end] not in LONGER_NOUN_HEADS:
        return False
    return not (clean[end] == "组" and clean[end + 1 : end + 2] in GROUP_VERB_TAILS)
#: A copula between a count's own noun and a phrase after it ("16 个县(区)为
#: 返乡创业示范县"): the phrase names what the counted things were designated
#: as, not what the count counts.
_COPULA_RX = re.compile("[为是]")


#: How many characters may stand between a relative clause's 的 and the noun it
#: restricts (达成就业意向的求职者 320 人).
RELATIVE_GAP = 2


def _relative_clause_head(clean: str, cs: int, best: tuple, cands: list[tuple]) -> tuple:
    """"达成就业意向的求职者 320 人": when the phrase nearest before a figure
    is the noun a relative clause (phrase + 的) restricts, the clause's
    phrase names the figure (jobseekers who reached an intention are offers
    reached, not attendees); else ``best``."""
    b_start = cs - best[4] - len(best[2])  # (the matched text: a pinyin gloss inside it may shift this a little)
    for cand in cands:
        if cand[3] != "before" or cand[1] is best[1]:
            continue
        end = cs - cand[4]
        if end < b_start and clean[end:end + 1] == "的" and b_start - end - 1 <= RELATIVE_GAP:
            return cand
    return best


#: How far before a figure a target word may end (完成年目标任务为 6600 人).
TARGET_WORD_GAP = 2


def target_word(idx: PageIndex, cs: int, ce: int, clause_end: int) -> tuple[str, str] | None:
    """(word, measure) of the codebook ``targets`` word that calls the
    figure at clean cs..ce a target or a yearly average, or None: one of
    ``before`` (``averages``) ending at most :data:`TARGET_WORD_GAP`
    characters before it in its clause, or one of ``after`` right after it."""
    cb = load_codebook()
    before = idx.words(max(idx.back(cs, idx.clause_breaks), cs - TARGET_WORD_GAP - 8), cs)
    for words, measure in ((cb.target_words_before, "target"), (cb.average_words, "annual_average")):
        for w in words:
            i = before.rfind(w)
            if i >= 0 and len(before) - (i + len(w)) <= TARGET_WORD_GAP:
                return w, measure
    after = idx.words(ce, min(clause_end, ce + 8))
    word = next((w for w in cb.target_words_after if after.startswith(w)), None)
    return None if word is None else (word, "target")


def target_of_previous(idx: PageIndex, figs: list[tuple[int, int, Figure]], k: int,
                       matched: dict[int, list[Match]]) -> tuple[list[Match], str | None]:
    """The indicator(s) figure ``k`` is the target (or yearly average) of,
    with that measure (see the codebook's ``targets``): those of the nearest
    earlier figure of its sentence with its unit, when a target word names
    it; else ([], None)."""
    cs, ce, f = figs[k]
    found = target_word(idx, cs, ce, idx.forward(ce, idx.clause_breaks))
    if found is None:
        return [], None
    word, measure = found
    sentence = idx.back(cs, idx.sentence_breaks)
    for j in range(k - 1, -1, -1):
        if figs[j][0] < sentence:
            break
        if figs[j][2].unit == f.unit:
            return [_match(m.indicator, word, "before", 0) for m in matched.get(j, ())], measure
    return [], None


#: The word that maps a list of figures onto a list of statistics in order.
RESPECTIVE_WORD = "分别"


@functools.cache
def _completion_followers() -> dict[str, str]:
    """Target and rate indicators of the codebook's ``completion`` checks ->
    the indicator they are the target (rate) of."""
    out: dict[str, str] = {}
    for c in load_codebook().checks:
        if c.get("kind") == "completion":
            out[c["target"]] = c["achieved"]
            out[c["rate"]] = c["achieved"]
    return out


def target_of_other_statistic(idx: PageIndex, figs: list[tuple[int, int, Figure]], k: int,
                               matched: dict[int, list[Match]], matches: list[Match]
                               ) -> tuple[list[Match], str | None]:
    """"帮助 151 名就业困难人员实现就业，占全年目标任务 125 人的 121%": a
    generic target word (目标任务, 年度计划) names the target of the statistic
    nearest before it in its sentence.  When the figure matched only the
    target or completion rate of a completion check (urban_new_jobs_target:
    its words are generic, its ``requires`` met anywhere in the sentence) and
    that statistic is another indicator, the target is that indicator's
    (measure target, see :func:`target_of_previous`) and the rate, a
    completion of another statistic, no row.  Else (matches, None)."""
    followers = _completion_followers()
    if not all(m.indicator.id in followers for m in matches):
        return matches, None
    sentence = idx.back(figs[k][0], idx.sentence_breaks)
    if RESPECTIVE_WORD in idx.words(sentence, figs[k][0]):
        return matches, None  # (…分别完成年计划的 76.5%、89.5%: each rate in list order)
    for j in range(k - 1, -1, -1):
        if figs[j][0] < sentence:
            break
        ids = {m.indicator.id for m in matched.get(j, ())}
        if not ids or ids <= followers.keys():
            continue  # (no statistic, or the target itself: 目标任务 1200 人的 174%)
        if any(followers[m.indicator.id] in ids for m in matches):
            return matches, None
        if figs[k][2].unit == "percent":
            return [], None
        return target_of_previous(idx, figs, k, matched)
    return matches, None


#: What may stand between two figures of a list after 分别 (1.2 万人、3000 人和 800 人).
_RESPECTIVE_LINK_RX = re.compile("[、,，和及与 ]{1,2}")
#: What separates the objects of a list before 分别 (城镇新增就业、失业人员再就业和…).
_LIST_ITEM_BREAK_RX = re.compile("[、和及与]")


def respective_matches(idx: PageIndex, figs: list[tuple[int, int, Figure]], k: int) -> list[Match] | None:
    """"A、B、C 分别达到 X、Y、Z": the indicator of figure ``k`` when it stands
    in such a list, from the object at its place in the list before 分别
    (the objects' count and the figures' count must agree, and no figure may
    stand among the objects); None when the figure is in no such list."""
    clean = idx.clean
    cs = figs[k][0]
    sent, at = respectively_before(idx, cs)
    if at < 0:
        return None
    head = idx.back(at, idx.clause_breaks)
    # The figures of the list: from the first after 分别, each linked to the next.
    first = k
    while first > 0 and figs[first - 1][0] > at:
        first -= 1
    if clean.find("，", at, figs[first][0]) >= 0 or clean.find(",", at, figs[first][0]) >= 0:
        return None
    last = first
    while last + 1 < len(figs) and _RESPECTIVE_LINK_RX.fullmatch(clean, figs[last][1], figs[last + 1][0]):
        last += 1
    if not first <= k <= last or last == first or (first > 0 and figs[first - 1][1] > head):
        return None
    # The objects: the clause before 分别 cut at 、和及与.
    bounds = [head] + [m.end() for m in _LIST_ITEM_BREAK_RX.finditer(clean, head, at)] + [at + 1]
    items = [(bounds[i], bounds[i + 1] - 1) for i in range(len(bounds) - 1)]
    if len(items) != last - first + 1:
        return None
    lo, hi = items[k - first]
    cb = load_codebook()
    unit = figs[k][2].unit
    best = None
    ends = idx.signal_ends
    for j in range(bisect.bisect_left(ends, lo), bisect.bisect_right(ends, hi)):
        start, end, phrase = idx.signals[j]
        if start < lo:
            continue
        for key, ind, requires in _unit_cands(cb, phrase, unit, "before"):
            if requires and not any(w in idx.words(sent, cs) for w in requires):
                continue
            cand = ((key[0], hi - end) + key[1:], ind, phrase, hi - end)
            if best is None or cand[0] < best[0]:
                best = cand
    if best is None and k - first < len(items) - 1:
        best = _elided_head_match(cb, clean[lo:hi], clean[items[-1][0]:items[-1][1]], unit,
                                  idx.words(sent, cs))
    return [] if best is None else [_match(best[1], best[2], "before", best[3])]


#: The longest list item that may share the head of the last item (养老、失业、工伤保险参保人数).
ELIDED_ITEM_MAX = 12


def _elided_head_match(cb: Codebook, item: str, last: str, unit: str | None, sentence: str):
    """The best candidate of a list item that names nothing on its own and
    shares the head words of the last item ("养老、失业、工伤保险参保人数分别
    达到…": 养老 is 养老保险参保人数): the item followed by the longest tail
    of the last item with which a phrase reaches across the join; else None."""
    if not item or len(item) > ELIDED_ITEM_MAX or len(last) < 2:
        return None
    for j in range(1, len(last)):
        text = item + last[j:]
        best = None
        for start, end, phrase in overlapped_matches(cb.signal_rx, text):
            if not start < len(item) < end:
                continue
            for key, ind, requires in _unit_cands(cb, phrase, unit, "before"):
                if requires and not any(w in sentence for w in requires):
                    continue
                cand = ((key[0], len(text) - end) + key[1:], ind, phrase, len(text) - end)
                if best is None or cand[0] < best[0]:
                    best = cand
        if best is not None:
            return best
    return None


#: The Match objects made so far (memo: a few hundred distinct ones).
_MATCHES: dict[tuple[str, str, str, int], Match] = {}


def _match(ind: Indicator, phrase: str, side: str, distance: int) -> Match:
    key = (ind.id, phrase, side, distance)
    m = _MATCHES.get(key)
    if m is None:
        if len(_MATCHES) > 4096:
            _MATCHES.clear()
        m = _MATCHES[key] = Match(ind, phrase, side, distance)
    return m


def population_group(
    idx: PageIndex, cs: int, ce: int, prev_end: int, next_start: int, default: str | None, after_only: bool = False
) -> str | None:
    """The group a figure is about: the group phrase closest before it in its
    clause, else right after it, else ``default``.  For a figure that counts
    the noun after it (``7 家农民工返乡创业园``) only that noun phrase counts."""
    ends = idx.group_ends
    if not ends:
        return default
    breaks = idx.clause_breaks
    i = bisect.bisect_left(breaks, cs)
    clause_start = max(breaks[i - 1] + 1 if i else 0, prev_end)
    i = bisect.bisect_left(breaks, ce)
    clause_end = min(breaks[i] if i < len(breaks) else len(idx.clean), next_start)
    groups = idx.groups
    owner = load_codebook().group_owner
    if not after_only:
        # Group phrases inside the clause ending by the figure's start: the nearest wins.
        lo, hi = bisect.bisect_left(ends, clause_start), bisect.bisect_right(ends, cs)
        if lo < hi:  # (most figures have none)
            best = None
            for k in range(lo, hi):
                s, e, p = groups[k]
                if s >= clause_start and (best is None or (cs - e, s - e, owner[p]) < best):
                    best = (cs - e, s - e, owner[p])
            if best is not None:
                return best[2]
    # Group phrases starting at or after the figure's end and ending by clause_end.
    lo, hi = bisect.bisect_left(ends, ce), bisect.bisect_right(ends, clause_end)
    if lo < hi:
        best = min(((s - ce, s - e, owner[p]) for s, e, p in groups[lo:hi] if s >= ce), default=None)
        if best is not None:
            return best[2]
    return default
