"""Care visits of every common shape (issue 16): one row per visit a story
tells, dated when the text fixes the day, none for summaries, habits,
campaigns, meetings or service events.  Texts and names are invented for
the test; each case states the shape it checks."""

from __future__ import annotations

import datetime as dt

import pytest

from etl import semantic
from etl.extract import extract_text

ISSUE = dt.date(2024, 2, 8)


def _visits(text: str, issue: dt.date | None = ISSUE) -> list[dict]:
    return semantic.derive("t", extract_text(text, issue)).care_visits


D = dt.date


@pytest.mark.parametrize("text, date", [
    # a volunteer group's dated lead, to a home
    ("2月3日上午，红枫社区志愿服务队的志愿者们来到独居老人家中，送上米、油和春联。", D(2024, 2, 3)),
    # a trade union official's holiday visit
    ("2月5日，县委常委、县总工会主席带领工会干部一行，对困难职工家庭进行走访慰问，送上慰问金和年货。", D(2024, 2, 5)),
    # civil-affairs staff at a care home
    ("2月1日，县民政局工作人员来到青石镇敬老院，看望慰问五保老人。", D(2024, 2, 1)),
    # a women's federation at a school
    ("1月30日，市妇联一行来到溪口小学，为留守儿童送去书包和文具。", D(2024, 1, 30)),
    # a party-member service team in a village
    ("2月2日，县直机关党员志愿服务队到柳塘村走访慰问困难群众。", D(2024, 2, 2)),
    # university students at a care home
    ("1月28日下午，师范学院的学生志愿者走进福寿养老院，为老人们表演节目、打扫房间。", D(2024, 1, 28)),
    # company employees
    ("2月6日，远航公司的员工志愿者来到松林社区，看望慰问空巢老人。", D(2024, 2, 6)),
    # an official's holiday visit
    ("1月20日，县委书记带队走访慰问困难党员和老干部，送去慰问金。", D(2024, 1, 20)),
    # disabled persons' federation staff at a home
    ("1月25日，区残联工作人员来到残疾人家中，送上米、油等慰问品。", D(2024, 1, 25)),
    # the year from the text, not from the issue date
    ("2023年12月30日，团县委组织青年志愿者到福利院看望孤残儿童。", D(2023, 12, 30)),
    # a feature story: the day opens the article, the visit is told further on
    ("本报讯（记者 甲乙）2月4日，天气寒冷。一大早，家住文昌社区的居民就在楼下等候。\n"
     "不一会儿，志愿者们提着年货来到他家中，送上新春祝福。", D(2024, 2, 4)),
])
def test_a_single_dated_visit_of_each_shape(text, date):
    visits = _visits(text)
    assert [v["visit_date"] for v in visits] == [date]


def test_a_round_up_gives_one_row_per_visit():
    """A dated visit, a same-day visit by other visitors and an undated one:
    three rows, the second dated like the first, the third undated."""
    text = (
        "春节将至，街道的社工和志愿者们忙着走访辖区老人。\n"
        "2月6日一大早，东湖社区的社工来到独居老人家中，送上水果和春联。\n"
        "当天，西湖社区的社工与小区互助站的志愿者们为辖区内的独居老人送去了生活用品。\n"
        "南湖社区社工和志愿者为社区空巢老人送去油、盐等慰问品，询问他们的生活情况。\n"
    )
    visits = _visits(text)
    assert [v["visit_date"] for v in visits] == [D(2024, 2, 6), D(2024, 2, 6), None]
    # each row's story holds its own paragraph
    for v, marker in zip(visits, ("东湖", "西湖", "南湖")):
        assert marker in text[v["article_char_start"] : v["article_char_end"]]
    assert len({v["visit_id"] for v in visits}) == 3


def test_a_same_day_sentence_that_goes_on_is_the_same_visit():
    text = ("2月6日清晨，南岭社区志愿服务队的志愿者们为环卫工人送上热姜汤。\n"
            "环卫工人说，心里都是热乎的。\n"
            "当天，志愿者们还为环卫工人送上了棉帽、口罩等防寒用品。\n")
    assert [v["visit_date"] for v in _visits(text)] == [D(2024, 2, 6)]


def test_an_undated_visit_story_has_no_visit_date():
    """The text fixes no day: one visit, visit_date empty (never the issue date)."""
    text = "暑假期间，四位同学组成支教团队，远赴山区的龙潭村小学，展开了为期五天的支教之旅。"
    assert [v["visit_date"] for v in _visits(text)] == [None]


def test_a_day_without_a_resolvable_year_stays_empty():
    text = "3月5日，县直党员志愿者服务队到石门镇走访慰问困难群众和敬老院老人。"
    assert [v["visit_date"] for v in _visits(text, None)] == [None]


@pytest.mark.parametrize("text", [
    # a summary of many visits is an indicator, not a visit
    "今年以来，县总工会累计走访慰问困难职工120户，发放慰问金36万元。",
    "街道志愿者先后走访慰问了八个家庭，送去慰问品。",
    # a campaign that starts on a day is no single visit
    "县民政局从2月7日开始，对全县12个乡镇的低保对象进行了节日慰问，共计217户。",
    # habits and plans
    "每逢节日，社区志愿者都会上门看望独居老人。",
    "下一步，县妇联将继续开展关爱留守儿童活动。",
    # year-end reviews: what a body did over a period, or several visits at once
    "一年来，县妇联走访慰问留守儿童，开展关爱活动。",
    "春节前夕，县领导分别走访慰问了老党员、困难群众和驻地部队官兵。",
    # a meeting
    "2月2日，县总工会召开困难职工帮扶工作座谈会，研究部署走访慰问工作。",
    # a service event at a venue
    "3月5日，志愿者在社区广场开展义诊活动，为居民测量血压。",
    # recruitment
    "2月20日，镇里举行招聘会，志愿者为前来求职的群众送上热水。",
    # a profile of a helper's habits (a byline date, no visit that day)
    "从小张到闺女，某某—— 坚持助老14年 2025年07月04日\n多年来，她为腿脚不便的老人代买蔬菜；每逢端午，她会带着粽子敲开老人的家门。",
])
def test_stories_of_other_kinds_yield_no_visit(text):
    assert _visits(text) == []


def test_a_summary_of_visits_is_published_as_an_indicator():
    text = "今年以来，县总工会累计走访慰问困难职工120户。"
    rows = semantic.derive("t", extract_text(text, ISSUE)).indicators
    assert [(r["indicator_id"], r["value"]) for r in rows] == [("care_households_visited", 120)]
