"""Periods of indicator rows, round 9: the span an article's lead sentence
states frames the figures of its later paragraphs that no date of their
own frames (invented text: invented bodies and figures, real county names
from the gazetteer)."""

from __future__ import annotations

import datetime as dt

from tests.test_regions_periods import row_of, rows

D = dt.date


def _period(r: dict) -> tuple:
    return r["period_start"], r["period_end"]


def test_the_span_of_the_lead_sentence_frames_a_later_paragraph_with_no_date():
    """记者日前获悉，前三季度，…: a quarter-to-date report states its span once,
    in its lead; a figure of a later paragraph no date of its own frames
    counts over that span."""
    text = ("记者日前获悉，前三季度，石泉县城镇新增就业4321人，完成年计划的96%。\n"
            "石泉县就业困难人员实现就业612人，同比增长5%。\n")
    r = row_of(rows(text, "2019-10-20"), 612)
    assert _period(r) == (D(2019, 1, 1), D(2019, 9, 30))


def test_a_since_span_in_the_lead_frames_the_sections_under_headings():
    """…，2024年以来，两地人社部门…: the figures of the sections after the
    headings, with no date of their own, count from 1 January to the
    article's date."""
    text = ("青川县与某区深化劳务协作，2024年以来，两地人社部门紧密配合，推动劳动力外出就业。\n"
            "精准对接，搭建就业桥梁\n"
            "深入乡镇开展巡回招聘，举办招聘活动58场，成功帮助1375人实现稳定就业。\n")
    r = row_of(rows(text, "2024-10-15"), 1375)
    assert _period(r) == (D(2024, 1, 1), D(2024, 10, 15))


def test_a_year_in_the_lead_frames_a_later_paragraph_with_no_date():
    """某会在2023年春节期间开展…活动: its first item's figures (no date of
    their own) are that year's."""
    text = ("为传递温暖，青川县红十字会在2023年春节期间持续开展“博爱送万家”活动，帮助困难群众过好春节。\n"
            "一是走访困难家庭。县红十字会联合乡镇，为37户困难家庭发放了救助金。\n")
    r = row_of(rows(text, "2023"), 37)
    assert _period(r) == (D(2023, 1, 1), D(2023, 12, 31))


def test_trap_a_year_naming_an_event_in_the_lead_frames_no_later_paragraph():
    """日前，2019年某省春风行动启动仪式在某市举办: the year names the event
    (the fair's day is unsaid), so the figures of the next paragraph keep
    an empty period."""
    text = ("日前，2019年四川省春风行动启动仪式暨农民工专场招聘会在广元市举办。\n"
            "此次招聘会邀请了来自各地的214家用人单位参加，提供岗位1.2万多个。\n")
    r = row_of(rows(text, "2019-02-20"), 214)
    assert _period(r) == (None, None)


def test_trap_a_cut_off_in_the_lead_frames_no_later_paragraph():
    """日前，记者了解到，截至5月7日，…: a cut-off is the day counts were
    taken, no span the article reports over; a later paragraph with no date
    keeps an empty period."""
    text = ("日前，记者了解到，截至5月7日，青川县转移就业1.9万人。\n"
            "坚持就近就便，依托重点项目建设，点对点输出农民工3700名。\n")
    r = row_of(rows(text, "2020-05-13"), 3700)
    assert _period(r) == (None, None)


def test_trap_the_lead_does_not_frame_another_article_on_the_page():
    """A second article (本报讯…) after the first: the first one's lead is
    not the scope of the second's figures."""
    text = ("记者获悉，前三季度，石泉县城镇新增就业4321人。\n"
            "本报讯 青川县总工会走访慰问困难职工，为86名困难职工送去慰问金。\n")
    r = row_of(rows(text, "2019-10-20"), 86)
    assert _period(r) == (None, None)


def test_trap_a_clause_of_what_will_be_done_takes_no_span_from_the_lead():
    """…表示，将为返乡农民工提供岗位800个: what will be done is not counted
    over the span the lead reports on."""
    text = ("记者日前获悉，前三季度，石泉县城镇新增就业4321人。\n"
            "石泉县有关部门表示，将为返乡农民工提供岗位800个。\n")
    r = row_of(rows(text, "2019-10-20"), 800)
    assert r["period_start"] is None


def test_trap_a_campaigns_span_in_the_lead_frames_no_later_paragraph():
    """…开展专项行动，从2018年11月份至2019年春节前…: a campaign's span (not
    counted from a year's start) is no span the article reports over."""
    text = ("青川县人社局开展专项行动，从2018年11月份至2019年春节前对用人单位进行排查。\n"
            "该县还为返乡农民工介绍就业岗位700个。\n")
    r = row_of(rows(text, "2019-01-15"), 700)
    assert r["period_start"] != D(2018, 11, 1)
