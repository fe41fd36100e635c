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
    # (two stops: the homes of the poor, the care home; both undated)
    assert [v["visit_date"] for v in _visits(text, None)] == [None, None]


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


# --- rules added after the held-out pages (issue 16, round 2) ---------------


def _visits_on(text: str, issue_day: dt.date) -> list[dict]:
    """The visits of ``text`` on a page whose issue date is known to the day."""
    return semantic.derive("t", extract_text(text, issue_day), issue_day=issue_day).care_visits


@pytest.mark.parametrize("text, issue_day, dates", [
    # an agency's dateline (…8月2日电) is not the visit's day: the next date is
    ("新华网滨州8月2日电（通讯员 甲乙）为传递温暖，实践队于2025年7月31日在柳塘村开展实践活动，实践队员走访慰问了留守老人。",
     D(2025, 8, 2), [D(2025, 7, 31)]),
    # a day without its month takes the issue month, or the month before
    ("23日上午，公益大篷车开进了南宋小学，志愿服务队为留守儿童送去了手套、围巾。", D(2018, 1, 26), [D(2018, 1, 23)]),
    ("28日上午，公益大篷车开进了南宋小学，志愿服务队为留守儿童送去了手套、围巾。", D(2018, 3, 2), [D(2018, 2, 28)]),
    # a day named relative to the issue date
    ("昨日，市总工会干部来到环卫一线职工工作现场，为困难职工送上慰问金和年货。", D(2016, 1, 27), [D(2016, 1, 26)]),
    # a feature story opening with a day without its month
    ("1日，在青石镇老年公寓，一群身穿红马甲的志愿者们正开心地忙碌着。\n"
     "院子中，党员志愿者们看望老人，帮助老人整理床铺、打扫房间。", D(2014, 7, 4), [D(2014, 7, 1)]),
    # what a dated visit brought (慰问品共计…) does not make it a summary
    ("1月27日，区就业局局长等来到就业困难人员家中，送去油、米等慰问品共计10000元。", D(2021, 2, 2), [D(2021, 1, 27)]),
])
def test_days_told_in_other_ways(text, issue_day, dates):
    assert [v["visit_date"] for v in _visits_on(text, issue_day)] == dates


def test_a_quoted_today_is_no_date():
    text = "志愿者们来到独居老人家中，送上米和油。老人说：“今天我很开心。”"
    assert [v["visit_date"] for v in _visits_on(text, D(2024, 2, 8))] == [None]


@pytest.mark.parametrize("text", [
    # a campaign that starts on a day (2月4日起) with several teams: no single visit
    "2月4日起，市总工会班子成员组成5个慰问组，分赴全市各县区，走访慰问一线职工和困难职工。",
])
def test_a_campaign_from_a_day_is_no_visit(text):
    assert _visits(text) == []


@pytest.mark.parametrize("text", [
    # a page's header (titles, a menu, a timestamp) before the story tells no visit
    "市民政局开展慰问活动 为老人送上中秋祝福\n首页 - 资讯中心 - 市民政局开展慰问活动 为老人送上中秋祝福\n\n"
    "阳光日报讯（记者 甲乙）8月28日，市民政局到市养老院看望老人，送上月饼和水果。",
    # the visitors of a dated visit, named again as a bare plural, go on with it
    "3月4日，远航公司9名志愿者来到九石村，给贫困老人送上大米、食用油。\n"
    "“蓝马甲”志愿者们沿着泥泞的山路，到贫困老人家中慰问，同老人们亲切交谈。",
    "2月1日，社区联合学校学生志愿者开展走访慰问活动。\n当天，志愿者们为孤寡老人送去大米和油。",
    # a visit verb in someone's words tells no visit
    "2月1日，志愿者来到敬老院看望老人。\n"
    "村里的贫困老人从学生志愿者的手中接过大米后说：“有了这些孩子们的看望，感觉很温暖。”",
    # a title with a comma is a heading, not a visit of its own
    "冬日送温暖,县检察院志愿者关爱留守儿童家庭\n\n"
    "近日,县检察院十名志愿者带着干警捐赠的衣物前往观音寺村,走访慰问留守儿童家庭,为他们送去冬日的温暖和关怀。\n",
])
def test_one_visit_told_in_several_places_is_one_row(text):
    assert len(_visits(text)) == 1


def test_an_officials_delegation_to_migrant_workers_is_a_visit():
    text = ("本报讯（甲乙）近日，青川县委、县政府组成慰问团，前往外省务工地，"
            "慰问春节留岗的青川籍农民工，送去慰问金和年货。")
    assert [v["visit_date"] for v in _visits(text)] == [None]


def test_a_figure_of_speech_with_a_verb_of_going_is_no_visit():
    # 深入开展 goes nowhere: a policy summary naming workers and a leading group
    text = "为促进农民工返乡创业工作深入开展，省领导小组组织开展了示范项目评审工作。"
    assert _visits(text) == []


def test_visitors_going_on_to_another_place_make_a_second_visit():
    """随后/此外 + going to another named place: a visit of its own, on the day
    of the one before; 随后 without going elsewhere goes on with the same visit."""
    text = ("1月28日，市民政局到市养老院开展慰问活动，送上月饼和水果。\n"
            "当天上午，慰问人员与老人亲切交谈。随后，慰问人员赶往市福利院，向孩子们送上慰问品。")
    assert [v["visit_date"] for v in _visits(text)] == [D(2024, 1, 28)] * 2
    text = ("1月28日，市民政局到市养老院开展慰问活动，送上月饼和水果。\n"
            "随后，慰问人员与老人们一起包饺子。")
    assert len(_visits(text)) == 1


def test_a_lead_whose_day_follows_its_visit_verb_is_dated():
    text = "市志愿者协会组织志愿者看望老人的敬老活动，今天在福寿养老院举办，老人们十分高兴。"
    assert [v["visit_date"] for v in _visits_on(text, D(2019, 6, 4))] == [D(2019, 6, 4)]


# --- shapes of round 3 (texts and names invented) ---

def test_a_dated_lead_after_a_header_block_is_no_dateline():
    """A title, its timestamp and source line between blank lines are
    headings: the dated lead after them dates its visit (来源 before it is
    the header's, not a dateline of the visit's day)."""
    text = ("青山志愿者节前开展走访慰问活动\n\n青山志愿者节前开展走访慰问活动\n"
            "2024-02-07 10:21:05 来源:青山新闻网\n\n"
            "2月6日，在春节来临之际，青山义工协会十多名志愿者携带米、油到柳塘村走访慰问孤寡老人。\n")
    assert [v["visit_date"] for v in _visits(text)] == [D(2024, 2, 6)]


def test_a_dated_lead_with_a_vague_recipient_introduces_the_visits_after_it():
    """1月24日，…走访慰问我市部分困难职工家庭: an introduction, no row; the
    visits told after it take its day; a further visit (同时，…还到…慰问) too."""
    text = ("本报讯 2月5日，市总工会开展春节送温暖活动，走访慰问我市部分困难职工家庭。\n"
            "市总工会慰问组走访慰问了青禾机械有限公司职工甘振宇，送上慰问金和米、面、油。\n"
            "同时，慰问组还到远帆物流公司，对货车司机、快递员等劳动者进行慰问。\n")
    visits = _visits(text)
    assert [v["visit_date"] for v in visits] == [D(2024, 2, 5), D(2024, 2, 5)]
    assert "远帆" in text[visits[1]["article_char_start"] : visits[1]["article_char_end"]]


def test_a_dated_lead_with_named_recipients_keeps_its_row():
    """(the introduction rule needs a vague part of a whole: a lead naming
    its recipients is a visit of its own)"""
    text = ("2月5日，县总工会干部走访慰问了困难职工甘振宇，送上慰问金。\n"
            "县总工会慰问组看望慰问了青禾公司职工牛丽娜，送上米、面、油。\n")
    assert [v["visit_date"] for v in _visits(text)] == [D(2024, 2, 5), None]


def test_fu_is_a_verb_of_going():
    text = "7月3日上午，学院学生志愿者在辅导员的带领下，赴青山市中心敬老院开展志愿服务。"
    assert [v["visit_date"] for v in _visits(text)] == [D(2023, 7, 3)]


def test_a_founding_word_inside_a_place_name_is_no_summary():
    """成立 tells a founding (成立了…服务队), not in 县委成立地 (a place)."""
    text = ("2月6日下午，县人大副主任在镇党委书记陪同下，到第一届县委成立地青石村慰问96岁的老党员。")
    assert [v["visit_date"] for v in _visits(text)] == [D(2024, 2, 6)]


def test_what_someone_says_is_no_visit():
    """…副会长X表示，…关爱社区老人: a statement; the article's lead, an
    activity held today at a care home (its name quoted), is the visit."""
    text = ("温都讯 由青山市友好协会主办的“外国留学生走进社区敬老公益活动”，今天在青松养老服务中心举办。\n"
            "青山市友好协会副会长表示，这次活动让留学生体验民俗，关爱社区老人。\n")
    visits = _visits_on(text, D(2024, 6, 4))
    assert [v["visit_date"] for v in visits] == [D(2024, 6, 4)]
    assert "今天" in text[visits[0]["article_char_start"] : visits[0]["article_char_end"]]


def test_a_count_of_the_people_of_one_institution_is_no_summary():
    """拜访了…敬老院，给90多位老人送上…: one visit to one place (a count of
    households after a visit stays a summary)."""
    one = "尊老爱老是传统美德，青山大学的学生志愿队伍拜访了松林社区敬老院，看望了90多位老人。"
    assert len(_visits(one, None)) == 1
    many = "青山大学的学生志愿队伍走访慰问了松林社区困难群众，为120户家庭送上米油。"
    assert _visits(many, None) == []


def test_the_recipient_is_neither_the_journalist_nor_the_visitors_leader():
    """A byline's name (作者：X, 记者 X) and a name that leads the visitors
    (在辅导员X老师的带领下) are no recipient: the role comes from the
    visited (职工X; 看望孤寡老人)."""
    text = ("作者:蔺志强\n\n本报讯 2月5日，市总工会慰问组走访慰问了青禾机械有限公司职工甘振宇，送上慰问金。"
            "（记者 蔺志强）\n")
    assert [v["recipient_role_zh"] for v in _visits(text)] == ["青禾机械有限公司职工"]
    text = "7月3日上午，学生志愿者在辅导员郜晓明老师的带领下，来到青山敬老院看望孤寡老人。"
    assert [v["recipient_role_zh"] for v in _visits(text)] == ["孤寡老人"]



def test_the_same_visitors_tell_a_new_visit_only_by_going_somewhere():
    """After a visit, a paragraph whose clause opens with a bare organiser
    word (慰问组…) tells a new visit when they go to another place (在某村，
    慰问组一行来到…家中), not when they go on where they are (慰问组领导与…
    交谈…受慰问群众…); the visitors' name (慰问组) is no visit verb."""
    text = ("2月6日，县妇联主席带队到柳塘小学，为留守儿童送去书包和文具。\n"
            "在青石村，慰问组一行来到困难妇女家中，详细了解她们的生活情况。\n")
    assert len(_visits(text)) == 2
    text = ("2月6日，县就业局领导来到就业困难人员家中，送去油、米等慰问品。\n"
            "慰问组领导与就业困难人员及家人亲切交谈。受慰问困难群众表示感谢。\n")
    assert len(_visits(text)) == 1


def test_the_same_visitors_named_again_tell_the_same_visit():
    """2月7日，县委常委、宣传部长…一行到某乡走访慰问…。 then 县委常委、宣传部长…
    一行先后到…家中慰问: the visitors named again tell their visit on (one row)."""
    text = ("2月7日，县委常委、宣传部长甲某一行到青石乡开展走访慰问困难群众、困难党员活动。\n"
            "县委常委、宣传部长甲某一行先后到困难群众家中深切慰问，送去米、油和慰问金。\n")
    assert [v["visit_date"] for v in _visits(text)] == [D(2024, 2, 7)]


def test_a_dated_lead_announcing_an_activity_introduces_the_visit_its_organisation_tells():
    """9月6日，县妇联开展…行动 then 县妇联…来到…家里: one visit, on that day."""
    text = ("9月6日下午，县妇联开展留守儿童牵手行动，营造关心关爱农村留守儿童的浓厚氛围。\n"
            "县妇联三位牵手人与爱心人士来到留守儿童家里，为孩子们送去学习用品。\n")
    visits = _visits(text)
    assert [v["visit_date"] for v in visits] == [D(2023, 9, 6)]


def test_an_employment_story_of_visits_to_companies_tells_no_care_visit():
    """走访中，工作组…详细了解…用工需求、职工待遇: the middle of a story about
    companies' labour needs, no care visit."""
    text = ("连日来，区人社局的5个工作组在各镇开展实地调查走访，深入各企业了解复工复产、人才需求等情况。\n"
            "走访中，工作组通过与企业相关负责人交流，详细了解各企业的生产经营、职工待遇等情况。\n")
    assert _visits(text) == []


def test_a_day_whose_month_the_text_lost_dates_its_visit():
    """124日 (1月24日 with its 月 lost) in an article of 25 January: the one
    reading within a month before the article's day dates the visit; a count
    of days (为期120日) is no date."""
    text = "春节将至124日，县民政局领导率相关科室到青石敬老院看望慰问特困供养老人，送上慰问金。"
    assert [v["visit_date"] for v in _visits_on(text, D(2024, 1, 25))] == [D(2024, 1, 24)]
    text = "尊老爱老是传统美德，201958日下午，青山大学的学生志愿队伍拜访了松林社区敬老院，为老人表演节目。"
    assert [v["visit_date"] for v in _visits_on(text, D(2019, 5, 14))] == [D(2019, 5, 8)]


def test_a_count_of_days_is_no_lost_month():
    from etl.semantic import visit_days
    for text in ("开展为期120日的走访行动", "连续120日坚守", "120日内完成", "全年365日", "花费125日元"):
        assert visit_days.lost_month_mentions(text, D(2024, 1, 25)) == [], text


def test_a_day_without_its_month_after_the_dateline_dates_the_visit():
    """本报讯（记者 某某）16日上午，…: the day of the issue's month (or the
    month before, for a day after the issue's)."""
    text = "本报讯（记者 蔺志强）16日上午，青山社区志愿服务队的志愿者们来到福寿敬老院，为老人们送上元宵。"
    assert [v["visit_date"] for v in _visits_on(text, D(2024, 2, 18))] == [D(2024, 2, 16)]
    text = "青山讯 28日，青山社区志愿服务队的志愿者们来到福寿敬老院，为老人们送上元宵。"
    assert [v["visit_date"] for v in _visits_on(text, D(2024, 2, 3))] == [D(2024, 1, 28)]
