"""Visit stories of the shapes met in round 7 (issue 16; tests/data/realpages/SPEC.md:
a care visit is one stop, dated where the text fixes the day, none invented; a
summary is an indicator, never a visit).  Texts, names and places are invented
for the test; each case states the rule it checks."""

from __future__ import annotations

import datetime as dt

from etl import semantic
from etl.extract import extract_text
from etl.semantic import visit_stops

D = dt.date


def _visits(text: str, issue: dt.date | None) -> list[dict]:
    return semantic.derive("t", extract_text(text, issue), issue_day=issue).care_visits


# --- Stops -------------------------------------------------------------------


def test_each_named_area_a_split_party_went_to_is_one_stop():
    """Visitors that split into groups (兵分三路, 分成5组) and go 分别 to named
    areas (towns, streets, zones) make one visit per area named, though the
    sentence also counts the households met (that count is the indicator)."""
    lead = ("本报讯（记者 蒋大山）近日，青山晨光义工队的20多名义工兵分三路，冒着高温分别走访了东坪、西坪和高新区"
            "三处镇区的10多个村的16户空巢老人，送去了花生油。")
    assert len(_visits(lead, D(2015, 8, 6))) == 3
    text = ("为让辖区孤寡老人过一个欢乐的新年，2月2日，区民政局联合某社工中心开展慰问活动。\n"
            "活动中28名志愿者分成5组分别来到青山街道、绿水镇、白石镇等乡镇孤寡老人家中进行走访慰问，送去米、面。")
    visits = _visits(text, D(2021, 2, 3))
    assert len(visits) == 3
    assert {v["visit_date"] for v in visits} == {D(2021, 2, 2)}


def test_a_split_party_going_to_every_township_names_no_stop():
    """分成11个小组，分别到各乡镇: every township, none named; the groups' round
    is told as a whole, no visit per area."""
    text = ("本报讯 2月9日至11日，县四大班子领导分成11个小组，分别到各乡镇和县产业集聚区，看望慰问部分特困党员和敬老院老人。")
    assert len(_visits(text, D(2015, 2, 12))) <= 1


def test_a_list_its_closing_count_counts_names_that_many_stops():
    """A、B、C、D 4位…老人: the count equals the items, so each item is a
    person visited (four stops); the streets before 的 are where they live."""
    text = ("10月8日，区长带领区级领导看望、慰问了某区东坪、西坪街道的蒋大山、朱小河、何秀英、陈小溪4位90岁以上的"
            "高龄老人，送上慰问金。")
    visits = _visits(text, D(2016, 10, 9))
    assert len(visits) == 4
    assert {v["visit_date"] for v in visits} == {D(2016, 10, 8)}


def test_the_households_a_story_numbers_are_one_stop_each():
    """我们探访的第一户…。我们探访的第二户…: one stop per numbered household, on
    the day of the visit."""
    text = ("春节孤寡老人探访活动于2018年1月21日上午正式启动。本次活动，28位志愿者参加，分为8个探访小组，"
            "分别去探望孤寡老人。\n我们探访的第一户老人叫蒋大山，75岁，与孙子相依为命。\n"
            "我们探访的第二户老人叫朱小河，62岁。")
    visits = _visits(text, D(2018, 1, 22))
    assert len(visits) == 2
    assert {v["visit_date"] for v in visits} == {D(2018, 1, 21)}


def test_a_home_gone_to_then_a_person_profiled_are_two_stops():
    """首先来到A家…。特困职工B，年仅18岁…，当工会干部前来慰问时…: the home the
    story went to and one more person visited."""
    text = ("春节前夕，公司党委、总工会领导一行走访慰问了我厂的困难职工。党委和工会领导一行首先来到蒋大山家，"
            "把棉被、大米盛情赠送。特困职工朱小河，年仅18岁就要承担兄妹3人的生活，当工会干部前来慰问时，他连声感谢。")
    assert len(_visits(text, D(2012, 8, 30))) == 2


def test_people_met_at_a_care_home_the_story_went_to_are_one_stop():
    """来到某养老院探望老人。…一位老人朱小河…: the people met at the one care
    home are that visit, no stop of their own."""
    text = ("昨天（3月11日），某国际志愿者团队一行15人来到园区某养老院探望老人，开展了文化交流活动。\n"
            "而另一位朱小河老师，则大大方方地用流利的英语和志愿者们交谈。")
    assert len(_visits(text, D(2023, 3, 13))) == 1


def test_visitors_going_on_to_further_homes_is_one_more_stop():
    """…来到某小学开展活动。…爱心人士还深入农户，…: the homes they went on to
    (not named: one stop for the group), besides the school."""
    text = ("近日，某镇爱心协会组织多名爱心人士来到东坪小学开展关爱留守儿童公益活动。\n"
            "活动当天，为该小学捐赠图书615本。爱心人士还深入农户，筛选出四名特困留守儿童，给予长期的生活费捐助。")
    assert len(_visits(text, D(2021, 11, 1))) == 2


def test_a_speaker_first_named_thanking_the_visitors_is_a_person_visited():
    """“…今天又来看我…”某某说道: a person the story visited, besides the home
    it tells (在A家，…)."""
    text = ("春节期间，某街道组织开展春节走访慰问活动，为困难群众送去米、面、油等生活用品。\n"
            "“谢谢你们记挂，今天又来看我！”某街道蒋大山激动地说道。蒋大山说：“每到过年过节街道社区都想着我。”\n"
            "在辖区老党员朱小河家，社区主任详细询问了她的身体状况，为她送上了牛奶、挂面等慰问品。")
    assert len(_visits(text, D(2020, 1, 25))) == 2


def test_the_recipient_thanking_for_the_visit_is_no_second_stop():
    """志愿者来到A家中…。“谢谢你们来看我！”A说: the speaker is the home's person,
    one stop."""
    text = "2月3日，县义工协会志愿者来到老人蒋大山家中，送去米和油。“谢谢你们来看我！”蒋大山说。"
    assert len(_visits(text, D(2024, 2, 8))) == 1


def test_the_entries_of_one_numbered_list_are_alike():
    """1、AB-001 陈先生 … 2、AB-002 邱先生 … 3、AB-003 黄女士 …: one stop per
    entry, each a person visited, also the entry whose person the page's
    names miss (its heading has the shape of the others: a code, an address)."""
    text = ("某公益协会助老慰问简报\n"
            "12月18日，协会志愿者下乡为3位孤寡老人发放助老慰问金每位500元，并对他们进行慰问回访，具体如下：\n"
            "1、AB-001 陈先生\n老人生病住院，又返回老人家中发放助老金500元。\n"
            "2、AB-002 邱先生\n刚好街上偶遇老人，引导他入一家店铺坐着领取助老金500元。\n"
            "3、AB-003 黄女士\n老人外出晒太阳，于房屋周边与返回的老人碰面，并交付助老金500元。\n")
    visits = _visits(text, D(2025, 12, 20))
    assert len(visits) == 3
    assert {v["visit_date"] for v in visits} == {D(2025, 12, 18)}
    stops = visit_stops.numbered_stops(text, frozenset({"陈先生", "黄女士"}))
    assert len(stops) == 3
    # (not an entry of another shape: 4、志愿者合影 names no person)
    assert len(visit_stops.numbered_stops(text + "4、合影留念\n", frozenset({"陈先生", "黄女士"}))) == 3


# --- Days --------------------------------------------------------------------


def test_a_day_the_text_says_is_a_festival_dates_no_visit_of_the_next_sentence():
    """10月9日是重阳节…。今年敬老月，领导走访慰问了全区高龄老人。: the date names
    the festival; the next sentence tells a campaign, no visit."""
    text = ("昆明讯 10月9日是一年一度的重阳节，因此整个10月也被某区定为了“敬老月”。今年敬老月，某区区级领导走访、"
            "慰问了全区90岁以上高龄老人。")
    assert _visits(text, D(2016, 10, 9)) == []


def test_a_festival_day_that_its_own_sentence_visits_on_dates_the_visit():
    """1月20日是…纪念日，当天在某社区…送上慰问: the sentence tells the visit of
    that day."""
    text = ("1月20日是某志愿者总队成立40周年纪念日，当天在东坪社区，某志愿服务指导中心和志愿者总队举行公益活动，"
            "向60名残疾人低保户、留守儿童等送上慰问。")
    assert [v["visit_date"] for v in _visits(text, D(2018, 1, 22))] == [D(2018, 1, 20)]


def test_a_relative_day_glossed_with_its_date_takes_the_date():
    """昨天（3月11日） in a page issued on 13 March: the 11th, as the text says."""
    text = "昨天（3月11日），某国际志愿者团队一行15人来到园区某养老院探望老人。"
    assert [v["visit_date"] for v in _visits(text, D(2023, 3, 13))] == [D(2023, 3, 11)]


def test_a_day_of_the_month_before_the_article_and_gifts_handed_to_recipients():
    """上月27日 in a page issued 12 January 2021: 27 December 2020; handing gifts
    to recipients at a named village (向…小孩赠送手套) is a visit."""
    text = ("本报讯（通讯员 蒋大山）近日，县妇联开展系列活动。\n"
            "上月27日，在青山街道东坪村，县妇联执委们将保暖内衣发放到14个老人手中，向35个小孩赠送手套。")
    assert [v["visit_date"] for v in _visits(text, D(2021, 1, 12))] == [D(2020, 12, 27)]


def test_a_day_opening_the_paragraph_dates_its_later_visit():
    """8月8日上午，某服务队再一次行动了起来。…随后志愿者们来到…家中: the visit
    of that day."""
    text = ("某社区活跃着一支党员志愿者服务队。\n"
            "8月8日上午，某社区“红色帮客”志愿者服务队再一次行动了起来。早上九点党员志愿者们齐聚一堂，研究辖区困难"
            "人员家庭情况。随后志愿者们来到了辖区低保户蒋大山家中，送去米和油。")
    assert [v["visit_date"] for v in _visits(text, D(2019, 8, 9))] == [D(2019, 8, 8)]


def test_visits_on_days_of_their_own_in_one_paragraph_are_visits_of_their_own():
    """1月26日，A社区…。27日，B社区的志愿者…。同一天，C社区工作人员…: three
    visits, each on its day (a round-up in one paragraph)."""
    text = ("苏报讯（记者 蒋大山）这几天，某街道的东坪、西坪和南坪等社区纷纷组织工作人员，上门慰问失独老人。\n"
            "1月26日，东坪社区的工作人员带着慰问品走进两个失独家庭，与四位老人拉家常。27日，西坪社区的志愿者给小区里的"
            "一个失独家庭送去了慰问金。同一天，南坪社区工作人员走访慰问了小区里的一个失独家庭。")
    visits = _visits(text, D(2016, 2, 2))
    assert [v["visit_date"] for v in visits] == [D(2016, 1, 26), D(2016, 1, 27), D(2016, 1, 27)]


def test_the_visitors_of_a_dated_scene_named_that_day_are_the_same_visit():
    """11月15日下午，某老年公寓一位百岁老人…。这天，某公司的志愿者…: the scene's
    visitors, one visit."""
    text = ("2009年11月15日下午，东坪区老年公寓一位百岁老人吹灭了三根生日蜡烛。这天，来自某电子有限公司的30余名志愿者，"
            "为东坪区老年公寓中60多位孤寡老人举办了慰问活动。")
    assert len(_visits(text, D(2009, 12, 4))) == 1


# --- No visit ------------------------------------------------------------------


def test_a_same_day_sentence_going_on_from_a_story_of_no_visit_is_none():
    """3月1日，某镇组织务工人员返岗。…当天，某镇还举办了欢送会…: the story
    goes on (还) and was no visit; workers guided by staff (在工作人员的指引下)
    going somewhere are no visit either."""
    text = ("为助力外出务工人员返岗就业，3月1日上午，某镇协同区总工会在某镇市场有序组织110名务工人员返岗。\n"
            "务工人员在工作人员的指引下，有序登记、上车就座，前往广东省各地。\n"
            "当天，某镇还就地为即将赴粤务工的群众举办了简易的欢送会，区总工会与某镇相关负责人到场为务工群众送去临别祝福。")
    assert _visits(text, D(2021, 3, 1)) == []


def test_a_summary_of_households_visited_is_no_visit():
    """据统计，…共走访慰问困难群众120户: a summary (an indicator), never a visit."""
    text = "据统计，今年以来县总工会共走访慰问困难群众120户，发放慰问金36万元。"
    assert _visits(text, D(2024, 2, 8)) == []


def test_a_meeting_and_a_service_fair_at_a_square_are_no_visit():
    """召开…座谈会; a volunteer-service fair in a square: events at a venue, not visits."""
    assert _visits("2月3日，县总工会召开困难职工代表座谈会，听取职工意见。", D(2024, 2, 8)) == []
    text = "3月5日，某市在人民广场举办志愿服务集市，设置摊位15个，吸引近千名群众参与。"
    assert _visits(text, D(2024, 3, 6)) == []
