"""Figures that take their indicator from another figure: a part of a total
stated after 其中 (:func:`part_of_total_matches`) and the next object of a
verb in a list that drops it (:func:`elided_verb_matches`).  Used by
``etl.semantic.indicators.derive_indicators`` for figures that name no
indicator of their own."""

from __future__ import annotations

import re

from etl.extract.records import Figure
from etl.semantic.codebook import load_codebook
from etl.semantic.indicator_match import Match, _is_cjk, _match, _unit_cands, full_sentence_start
from etl.semantic.page_index import PageIndex


#: The word that opens the parts of a total stated before it (A 人，其中 B 人).
PART_MARKER = "其中"
#: Words that open a statement about a whole area (全市…, 全县…): after a
#: semicolon they end a list of parts.
WHOLE_AREA = tuple("全" + c for c in "国省市州盟县区旗镇乡村")
#: ... unless they start another word (全区域, 全市场).
WHOLE_AREA_NOT = frozenset("域场")


def part_of_total_matches(idx: PageIndex, figs: list[tuple[int, int, Figure]], k: int,
                          matched: dict[int, list[Match]]) -> list[Match]:
    """"已发放创业担保贷款 3850 万元，其中个体工商户 26 户 310 万元": a figure
    after 其中 in its sentence (or in a sentence opening with 其中) that names
    no indicator of its own is a part of the total stated before 其中, and a
    statistic of its own: the words that name the total name it too, read for
    its unit (310 万元: loans issued; 26 户: their borrowers), when the
    sentence confirms them (``requires``).  The total is the nearest figure
    before 其中 in that sentence (or the sentence before) that is an
    indicator.  [] when there is none."""
    cs = figs[k][0]
    sentence = full_sentence_start(idx, cs)  # (其中：A 6.83 亿元；B 3.74 亿元: one list)
    seg = idx.words(sentence, cs)
    pos = seg.rfind(PART_MARKER)
    if pos < 0:
        return []
    at = sentence + pos
    item = idx.words(idx.back(cs, idx.sentence_breaks), cs).lstrip()
    if item.startswith(WHOLE_AREA) and item[2:3] not in WHOLE_AREA_NOT:
        return []  # (…；全市个体工商户达到 23034 户: the whole, a statement of its own)
    lo = sentence
    if not seg[:pos].strip(" ,，:："):
        # (…30.24 万人次。其中跨省…: the sentence before, the last one with words)
        p = sentence - 1
        while p > 0:
            lo = full_sentence_start(idx, p)
            if idx.words(lo, p).strip():
                break
            p = lo - 1
    # (招募…毕业生 400 名，其中支教 93 名、支农 56 名: the total of the parts is
    # the count of their unit in the clause right before 其中; when it names
    # no indicator, neither do they, whatever an earlier clause counted)
    clause_before = idx.back(max(at - 1, 0), idx.clause_breaks) if lo == sentence else at
    nearest = next((j for j in range(k - 1, -1, -1) if figs[j][0] < clause_before or (
        figs[j][1] <= at and figs[j][2].unit == figs[k][2].unit)), None)
    if nearest is not None and figs[nearest][0] >= clause_before and not matched.get(nearest):
        return []
    total = next((j for j in range(k - 1, -1, -1) if figs[j][0] < lo or (figs[j][1] <= at and matched.get(j))), None)
    if total is None or figs[total][0] < lo:
        return []
    cb = load_codebook()
    f = figs[k][2]
    unit = f.unit
    goods = unit == "count" and f.unit_raw in cb.goods_classifiers
    own = idx.words(idx.back(cs, idx.clause_breaks), cs)
    text = idx.words(lo, idx.forward(figs[k][1], idx.clause_breaks))
    best = None
    for m in matched[total]:
        for key, ind, requires in _unit_cands(cb, m.phrase, unit, "before"):
            if goods and not ind.counts_goods:
                continue
            if unit == "count" and ind.count_classifiers and f.unit_raw not in ind.count_classifiers:
                continue
            if (ind.excludes and any(w in own for w in ind.excludes)) or (
                    requires and not any(w in text for w in requires)):
                continue
            if best is None or key < best[0]:
                best = (key, ind, m.phrase)
    return [] if best is None else [_match(best[1], best[2], "before", cs - at)]


#: The longest noun of a clause that shares the verb of the clause before (大病职工 107 人).
ELIDED_VERB_NOUN_MAX = 8
#: Characters of a verb of change or comparison, which a bare noun has not
#: (同比增长 8.2%, 比上年增加 0.8 万人次: a change, not the next object).
NOT_A_NOUN = frozenset("比增减降升占达为是约近超")


def elided_verb_matches(idx: PageIndex, figs: list[tuple[int, int, Figure]], k: int,
                        matched: dict[int, list[Match]]) -> list[Match]:
    """"慰问困难职工 183 人，大病职工 107 人，劳动模范 142 人": a clause that is
    only a noun and its count, right after a clause that ends with a count of
    the same unit named by a verb before its own noun (慰问 + 困难职工 + 183
    人), is the next object of that verb: the same indicator.  [] otherwise
    (a clause with a verb of its own, or after a count named by the word
    right before it: 新增就业 5000 人，失业人员 2000 人)."""
    if k == 0:
        return []
    cs, ce, f = figs[k]
    clause = idx.back(cs, idx.clause_breaks)
    noun = idx.words(clause, cs).strip()
    if not 0 < len(noun) <= ELIDED_VERB_NOUN_MAX or not all(_is_cjk(c) and c not in NOT_A_NOUN for c in noun) \
            or idx.forward(ce, idx.clause_breaks) != ce:
        return []
    pcs, pce, pf = figs[k - 1]
    if pf.unit != f.unit or pce != clause - 1 or idx.clean[pce] not in ",，":
        return []
    return [m for m in matched.get(k - 1, ()) if m.side == "before" and m.distance >= 2]


#: What stands between two items of a list of goods (棉衣 307 套，裤子 120 套; 图书 615 本、文具 17 套).
_INVENTORY_LINK_RX = re.compile("[、,，;；][\u4e00-\u9fff]{1,8}")


def inventory_item(idx: PageIndex, figs: list[tuple[int, int, Figure]], k: int, matches: list[Match]) -> list[Match]:
    """``matches`` without those of gift packages when figure ``k`` is one
    item of a list of goods counted kind by kind: the count before or after
    it is of goods too, the next item's noun between them (棉被 120 床，棉衣
    307 套，裤子 120 套).  A package proper (codebook ``package_words``:
    礼包 300 份) stays."""
    cb = load_codebook()

    def goods(j: int) -> bool:
        f = figs[j][2]
        return f.unit == "count" and f.unit_raw in cb.goods_classifiers

    if not goods(k):
        return matches
    clean = idx.clean
    listed = (k > 0 and goods(k - 1) and _INVENTORY_LINK_RX.fullmatch(clean, figs[k - 1][1], figs[k][0]) is not None) \
        or (k + 1 < len(figs) and goods(k + 1)
            and _INVENTORY_LINK_RX.fullmatch(clean, figs[k][1], figs[k + 1][0]) is not None)
    if not listed:
        return matches
    # (the indicator of packages: one whose phrases name a package proper)
    return [m for m in matches if any(w in m.phrase for w in cb.package_words)
            or not any(w in p for p in m.indicator.phrases for w in cb.package_words)]


#: A person count whose noun ends in a household word (682 名困难职工家庭):
#: the households are what was counted.  The noun runs up to punctuation or
#: the verb after it.
_NOUN_AFTER_COUNT_RX = re.compile("[\u4e00-\u9fff]{1,10}?(?=进行|送|发放|开展|[，,。；;、：:（(]|$)")
#: (100 位低保户、五保户 counts people of those kinds: only 家庭 makes households.)
HOUSEHOLD_HEADS = ("家庭",)
#: The indicator counting people visited and the one counting households.
PEOPLE_VISITED, HOUSEHOLDS_VISITED = "care_people_visited", "care_households_visited"


def households_counted_in_persons(clean: str, f: Figure, ce: int, matches: list[Match]) -> tuple[list[Match], str]:
    """"对全县 682 名困难职工家庭进行慰问": a count of people whose noun is a
    household word counts households visited; (matches, unit) of the figure."""
    if f.unit != "person" or not any(m.indicator.id == PEOPLE_VISITED for m in matches):
        return matches, f.unit
    noun = _NOUN_AFTER_COUNT_RX.match(clean, ce)
    if noun is None or not noun.group().endswith(HOUSEHOLD_HEADS):
        return matches, f.unit
    households = load_codebook().indicators[HOUSEHOLDS_VISITED]
    return [Match(households, m.phrase, m.side, m.distance) if m.indicator.id == PEOPLE_VISITED else m
            for m in matches], "household"

