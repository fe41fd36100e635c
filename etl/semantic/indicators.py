"""One page's indicator rows: each figure's indicator, period, group and region.

Everything page-independent lives in ``schemas/codebook.yaml`` (see its
header for the rules a non-programmer needs): indicators with the Chinese
phrases that signal them, population groups, consistency checks.  This
module derives a page's rows (:func:`derive_indicators`) from them:

* **Indicator** and **population group**: ``etl.semantic.indicator_match``
  (the phrases around the figure, lists after 分别, targets: the group
  phrase closest before the figure in its clause, else right after it, else
  the indicator's default).  A private person's own figure (named in its
  clause, or quoted from them) gives no row; nor does a part of a total
  stated earlier in its sentence as the same indicator and group (…320 户，
  其中低保户 120 户).
* **Period**: the nearest date mention before the figure in its paragraph;
  else the nearest year/quarter/period date that opens an earlier paragraph
  of the same section (``2022 年，…`` frames the paragraphs under it until
  the next heading or framing date).  A paragraph opening with a
  ``full_year_words`` word (全年，…) covers the calendar year of the nearest
  earlier one-year date.  ``period_basis`` says which.
* **Region**: the page's region (``etl.semantic.region_resolution.page_region``).
* **Checks**: ``etl.semantic.indicator_checks`` (:func:`run_checks`), on the
  rows found.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re

from etl.extract.records import DateMention, Figure
from etl.extract.textrepair import Repaired
from etl.semantic.codebook import load_codebook
from etl.semantic.indicator_checks import figure_id_of, run_checks
from etl.semantic.indicator_match import (
    COMPARISON_RX, Match, is_change_rate, match_figure, population_group, respective_matches, target_of_other_statistic, target_of_previous)
from etl.semantic.indicator_parts import (
    elided_verb_matches, households_counted_in_persons, inventory_item, part_of_total_matches)
from etl.semantic.measures import allowed_measure, figure_kind
from etl.semantic.article_lead import article_day
from etl.semantic.periods import figure_frame, framing_dates, period_of, report_year
from etl.semantic.region_resolution import PageRegion, destination_spans, figure_region
from etl.semantic.regions import Mention
from etl.semantic.page_index import SPAN, PageIndex, index_page
from etl.semantic.restated import drop_restated, respective_object_fits


def clean_span(repaired: Repaired, f: Figure | DateMention) -> tuple[int, int]:
    if f.clean_start >= 0 and f.clean_end >= 0:
        return f.clean_start, f.clean_end
    cs = repaired.clean_pos(f.char_start)
    ce = repaired.clean_pos(f.char_end)
    return cs, max(ce, cs + 1)


#: A day a rule takes effect (从3月1日起执行, 自5月1日起调整, 于11月1日起施行):
#: 起 right after the date, a verb of taking effect soon after.
_TAKES_EFFECT_RX = re.compile(r"\s*起[^。；;\n]{0,30}?(?:执行|施行|实施|调整|生效)")
#: Indicators that are standards in force, not counts over a span: their
#: period starts on the day the page says they take effect and has no end.
_STANDARDS_IN_FORCE = frozenset(("minimum_wage",))


def _effective_day(clean: str, dts: list) -> str | None:
    """The first day the page says a rule takes effect (从3月1日起执行), ISO, else None."""
    for s, e, d in dts:
        if d.granularity == "day" and d.start is not None and _TAKES_EFFECT_RX.match(clean, e):
            return d.start.isoformat()
    return None


#: Where a full sentence ends (not ；): a scope word (全省) governs up to it.
_FULL_STOP_RX = re.compile(r"[。!！?？\n]")


#: How far from a quotation its speaker is named (characters).
SPEAKER_WINDOW = 16


def _quotes(clean: str) -> list[tuple[int, int]]:
    """(opening, closing) offsets of the “…” quotations of the clean text."""
    out = []
    i = clean.find("“")
    while i >= 0:
        j = clean.find("”", i + 1)
        if j < 0:
            break
        out.append((i, j))
        i = clean.find("“", j + 1)
    return out


def _names_pattern(names: frozenset[str]) -> re.Pattern[str]:
    """One regex of a page's private names (a search tells whether any is in a span)."""
    return re.compile("|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)))


#: Verbs of giving between a private name and a figure (某某捐赠了300元),
#: and of care visits (某会长一行慰问了 5 户): the figure is care given to
#: others, not the person's own.
GIVING_VERBS = ("捐赠", "捐助", "捐款", "捐出", "捐献", "捐资", "赠送", "资助", "慰问", "看望", "探望", "走访")
#: Words right before a count of the persons listed before them (甲、乙等五户).
LISTED_COUNT_BEFORE = ("等", "等共", "共")


def _private_figure(clean: str, quotes: list[tuple[int, int]], cs: int, clause_start: int,
                    names: re.Pattern[str]) -> bool:
    """Whether the figure at clean ``cs`` is a private person's own: a name
    of ``names`` (:func:`_names_pattern`) in its clause before it (返乡农民工某某获得贷款 30 万元), or the
    figure quoted from a private person (“县里给了 30 万元贷款。”某某说)."""
    named = None
    for named in names.finditer(clean, clause_start, cs):
        pass
    if named is not None:
        # (甲某某、乙某某等五户: the figure counts the persons listed, it is
        # no one's own; 某总捐赠了300元: a gift the person makes to others,
        # the page's care given, not the person's own money)
        return not clean[:cs].endswith(LISTED_COUNT_BEFORE) \
            and not any(v in clean[named.end() : cs] for v in GIVING_VERBS)

    k = bisect.bisect_right(quotes, (cs, len(clean))) - 1
    if k < 0 or not quotes[k][0] < cs < quotes[k][1]:
        return False
    opening, closing = quotes[k]
    # (a name in brackets after the quotation, “……”(记者 某某), is the
    # byline of the report, not the speaker)
    after = clean[closing : closing + SPEAKER_WINDOW].split(OPEN_BRACKET, 1)[0]
    return names.search(clean[max(0, opening - SPEAKER_WINDOW) : opening] + "\n" + after) is not None


#: The word that opens the parts of a total (A 人(其中 B 人)).
PART_MARKER = "其中"
#: Brackets of the clean text (full-width forms are half-width there).
OPEN_BRACKET, CLOSE_BRACKET = "(", ")"


def _part_of_total(idx: PageIndex, cs: int, rows: list[dict], indicator_id: str, group: str | None,
                   f: Figure, fig_ends: dict[int, Figure]) -> bool:
    """Whether the figure at ``cs`` stands inside brackets opened after a
    total stated earlier in its sentence as the same indicator, unit and
    population group (共有 43 家企业(20 家为本乡企业, 23 家为周边企业)): the
    breakdown of that total, no statistic of its own.  (A part after 其中 is
    a statistic of its own: see ``indicator_match.part_of_total_matches``.)"""
    sentence = idx.back(cs, idx.sentence_breaks)
    seg = idx.words(sentence, cs)
    opened = seg.rfind(OPEN_BRACKET)
    if opened < 0 or CLOSE_BRACKET in seg[opened:]:
        return False
    before = sentence + opened
    whole = fig_ends.get(before)
    if PART_MARKER not in seg[opened:] and whole is not None and whole.unit == f.unit and whole.value >= f.value:
        # (培训 270 人(培训后实现自主创业 155 人): brackets opened right after a
        # count say something of the people it counts, a part of it: no
        # statistic of its own, whatever it names, unless they open with 其中)
        return True
    return any(sentence <= r["_cs"] < before and r["indicator_id"] == indicator_id and r["unit"] == f.unit
               and r["population_group"] == group and r["value"] >= f.value for r in rows)


def derive_indicators(source_id: str, repaired: Repaired, figures: list[Figure], dates: list[DateMention],
                      region: PageRegion | None, idx: PageIndex | None = None,
                      spans: list[tuple[int, int]] | None = None, places: list[Mention] | None = None,
                      as_of: dt.date | None = None, private_names: frozenset[str] = frozenset()
                      ) -> tuple[list[dict], list[dict]]:
    """(indicator rows, check rows) of one page; ``idx`` is the page's
    :func:`index_page` (whole, or for the spans of ``figures``) and
    ``spans`` the figures' :func:`clean_span` when the caller already has
    them; ``region`` the page's region, ``places`` its place mentions
    (``etl.semantic.regions``); ``as_of`` the article's date at the
    precision known (``etl.extract.date_context.as_of``).  A private
    person's own figure (``private_names``: see :func:`_private_figure`) is
    no statistic of the region: no row."""
    if spans is None:
        spans = [clean_span(repaired, f) for f in figures]
    figs = sorted(((cs, ce, f) for (cs, ce), f in zip(spans, figures, strict=True)), key=SPAN)
    if idx is None:
        idx = index_page(repaired.clean, [(cs, ce) for cs, ce, _ in figs])
    dts = framing_dates(repaired.clean, sorted(((*clean_span(repaired, d), d) for d in dates), key=SPAN))
    date_starts = [d[0] for d in dts]
    if region is None:
        region = PageRegion(None, "none_named")
    places = places or []
    place_starts = [m.start for m in places]
    destinations = destination_spans(repaired.clean, places) if places else []
    full_stops = [m.start() for m in _FULL_STOP_RX.finditer(repaired.clean)]
    year_of_report = report_year(repaired.clean, as_of)
    effective_day = _effective_day(repaired.clean, dts)
    told_on = article_day(repaired.clean, dts, as_of)  # (目前 after 5月29日，记者…了解到: that day)
    rows: list[dict] = []
    quotes = _quotes(repaired.clean) if private_names else []
    names_rx = _names_pattern(private_names) if private_names else None
    page_end = len(repaired.clean)
    last = len(figs) - 1
    fig_ends = {fce: ff for _, fce, ff in figs}  # (a bracket opened right after a figure: see _part_of_total)
    matched: dict[int, list[Match]] = {}  # figure -> its indicators (targets: see target_of_previous)
    for k, (cs, ce, f) in enumerate(figs):
        prev_end = figs[k - 1][1] if k > 0 else 0
        next_start = figs[k + 1][0] if k < last else page_end
        kind: str | None = None  # (the figure's measure before its indicator's kinds: found once)
        matches = respective_matches(idx, figs, k)
        if matches is None:
            matches = match_figure(idx, f, cs, ce, prev_end, next_start, figs[k + 1][2].unit if k < last else None)
            if matches:
                matches, kind = target_of_other_statistic(idx, figs, k, matched, matches)
                # (棉被 120 床，棉衣 307 套: an inventory of goods, no gift packages)
                matches = inventory_item(idx, figs, k, matches)
        if not matches:
            # "失业人员再就业 6650 人，完成年目标任务 6600 人的 100.76%": the
            # target of the statistic before it.
            matches, kind = target_of_previous(idx, figs, k, matched)
            if not matches:
                # "…3850 万元，其中个体工商户 26 户 310 万元": a part of the
                # total before 其中, named by the total's words.
                matches = part_of_total_matches(idx, figs, k, matched) or elided_verb_matches(idx, figs, k, matched)
                if not matches:
                    continue
        if f.unit != "percent" and is_change_rate(idx.clean, cs) \
                and COMPARISON_RX.search(idx.clean, idx.back(cs, idx.sentence_breaks), cs):
            continue  # (与去年同比，就业岗位减少 32401 个: the change of a count, not the count)
        if f.unit == "percent" and is_change_rate(idx.clean, cs):
            # (新增外省劳动力 52.3 万人，同比下降 35.8%: a change, no rate; an
            # indicator that admits its increase in percent, the minimum wage, keeps it)
            matches = [m for m in matches if m.indicator.units != ("percent",)]
            if not matches:
                continue
        # (对 682 名困难职工家庭进行慰问: households, though counted 名)
        matches, unit = households_counted_in_persons(idx.clean, f, ce, matches)
        matched[k] = matches
        if names_rx and _private_figure(idx.clean, quotes, cs, idx.back(cs, idx.clause_breaks), names_rx):
            continue
        # The figure's region and its frame, whatever its indicator.
        where, region_basis = figure_region(
            places, region, idx.back(cs, idx.clause_breaks), idx.back(cs, idx.sentence_breaks), cs, place_starts,
            destinations, idx.back(cs, full_stops))
        frame = figure_frame(idx, dts, cs, date_starts, year_of_report)
        periods: dict[str, tuple] = {}  # measure -> period (one or two a figure)
        for m in matches:
            ind = m.indicator
            if ind.requires and not respective_object_fits(idx, figs, k, ind.requires):
                continue  # (分别完成…的 134.8%、84.32%: each rate is of its own object)
            if kind is None:
                kind = figure_kind(idx.clean, cs, frame[1], as_of, frame[2])
            measure = allowed_measure(kind, ind.measures)
            if measure == "target" and ind.as_target:
                # (“新增城镇就业110万人”的目标: the target indicator)
                ind = load_codebook().indicators[ind.as_target]
            if measure not in periods:
                periods[measure] = period_of(idx, dts, cs, date_starts, told_on, year_of_report, measure, frame)
            ps, pe, basis = periods[measure]
            if ind.id in _STANDARDS_IN_FORCE and effective_day is not None:
                # (调整后的最低工资标准从3月1日起执行: a standard set, in force
                # from that day with no end stated, though the day is still to come)
                measure, ps, pe, basis = "outcome", effective_day, None, "takes_effect"
            group = population_group(
                idx, cs, ce, prev_end, next_start, ind.population_group, after_only=m.side == "after")
            if _part_of_total(idx, cs, rows, ind.id, group, f, fig_ends):
                continue  # (走访慰问困难群众 320 户，其中低保户 120 户: a part of the 320)
            rows.append({
                "indicator_id": ind.id,
                "label_zh": ind.label_zh,
                "label_en": ind.label_en,
                "topic": ind.topic,
                "region_code": where.code if where else None,
                "region_name_zh": where.name_zh if where else None,
                "region_name_en": where.name_en if where else None,
                "region_basis": region_basis,
                "period_start": ps,
                "period_end": pe,
                "period_basis": basis,
                "measure": measure,
                "population_group": group,
                "value": float(f.value),
                "value_max": None if f.value_max is None else float(f.value_max),
                "unit": unit,
                "qualifier": f.qualifier,
                "signal_phrase": m.phrase,
                "figure_id": figure_id_of(source_id, f),
                "source_id": source_id,
                "char_start": f.char_start,
                "char_end": f.char_end,
                "_cs": cs,
                "_fig": f,
            })
    checks = run_checks(source_id, idx, figs, rows)
    rows = drop_restated(rows, repaired.raw)
    for r in rows:
        del r["_cs"], r["_fig"]
    return rows, checks
