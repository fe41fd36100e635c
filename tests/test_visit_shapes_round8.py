"""Visit stories of the shapes met in round 8 (issue 16; tests/data/realpages/SPEC.md:
a care visit is one stop, none invented; a campaign, a fund-raising, a handout
or a scene of a visit already told is no visit of its own).  Texts, names and
places are invented for the test; each case states the rule it checks."""

from __future__ import annotations

import datetime as dt

from etl import semantic
from etl.extract import extract_text
from etl.semantic import visit_stops

D = dt.date


def _visits(text: str, issue: dt.date | None) -> list[dict]:
    return semantic.derive("t", extract_text(text, issue), issue_day=issue).care_visits


def test_a_bureau_doing_the_work_of_a_campaign_is_no_visit():
    """按照…统一部署，某局认真做好春节走访慰问工作，为…送温暖: the visit verbs
    name the work of a campaign (…工作), no visit to anyone."""
    text = ("近期，在新春佳节来临之际，按照青山区委、区政府统一部署，青山区退役军人事务局认真做好春节走访慰问工作，"
            "为驻区部队官兵和重点优抚对象送温暖、送服务、送实惠，让他们感受到党和政府的关怀。")
    assert _visits(text, D(2022, 1, 30)) == []


def test_the_people_a_campaign_chose_to_visit_are_no_visit():
    """确定118人为走访对象: the visit verb names whom a campaign chose (对象),
    no visit told."""
    text = "春节期间，县教育局党委确定60名困难职工为走访对象。"
    assert _visits(text, D(2019, 1, 20)) == []


def test_raising_funds_to_visit_a_category_of_people_is_no_visit():
    """积极筹措资金…，深入开展走访慰问送温暖活动: raising money for a category
    of people is a campaign (its sums are indicators), no visit."""
    text = "在春节来临之际，县民政局聚焦特殊群体，积极筹措资金30.5万元，走访慰问困难群众。"
    assert _visits(text, D(2020, 1, 15)) == []


def test_recipients_coming_to_collect_at_a_handout_is_no_visit():
    """1月5日，某协会大厅内…慰问活动在这里拉开序幕，40多户贫困户喜领爱心款，
    爱心人士…送去节日祝福: the recipients come to collect at the givers'
    place; a handout, no visit."""
    text = ("本报讯（记者 蒋大山）1月5日，青山协会大厅内温暖如春，青山协会春节慰问活动在这里拉开序幕，"
            "首批30多户贫困户喜领爱心款和年货，20多位爱心人士为困难群众发放慰问品，送去节日祝福。")
    assert _visits(text, D(2017, 1, 8)) == []


def test_the_scene_of_a_home_visit_told_is_no_second_visit():
    """在家访现场，…: the scene of the home visit the story told, not a place of
    its own; one visit."""
    text = ("9月6日傍晚，青山小学的几位老师来到了该校三年级蒋同学的家中进行了家访。\n"
            "老师们详细了解了孩子的学习和生活情况。\n"
            "在家访现场，蒋同学的奶奶的话让每位老师备受感动，也让他们感受到走进学生家庭的重要意义。")
    assert len(_visits(text, D(2014, 9, 8))) == 1


def test_a_reflection_on_the_day_of_visits_is_no_visit():
    """通过今天的走访慰问工作，队员们了解到…关爱空巢老人: looking back at the
    visits told, no visit of its own."""
    text = ("7月9日，某大学实践团来到青山村，走访慰问了老党员蒋大山。\n"
            "通过今天的走访慰问工作，实践团队了解到老人们的生活越来越好了，也呼吁社会关爱空巢老人。")
    assert len(_visits(text, D(2019, 7, 10))) == 1


def test_an_activity_announced_before_a_named_home_is_its_stop_not_a_visit():
    """1月9日，某局开展慰问“五老”活动，给老党员、老同志送去关怀。…在老党员某某
    家中，…: the lead announces the activity for a category; the paragraph at a
    named home is its stop, on its day; the lead is no visit of its own."""
    text = ("在春节即将到来之际，1月9日，青山区关工委开展慰问“五老”活动，给老党员、老同志送去关怀和温暖。\n"
            "活动举行了简单的慰问仪式。\n"
            "在老党员蒋大山同志家中，关工委负责人给蒋大山同志送上慰问品，了解他的身体状况。")
    visits = _visits(text, D(2024, 1, 10))
    assert len(visits) == 1
    assert visits[0]["visit_date"] == D(2024, 1, 9)


def test_a_habitual_visit_to_a_named_person_before_a_named_home_stays_a_visit():
    """每年春节前夕…都会来看望某小区的老人某某，今年也不例外。…在某某等老人家里，…:
    the lead visits a person of its own (no activity announced), so it stays a
    visit beside the homes after it."""
    text = ("每年春节前夕，会长朱小河和志愿者们都会来看望明月小区的高龄老人蒋大山，今年也不例外。\n"
            "在何秀英、陈小溪等年逾八旬的独居老人家里，志愿者们送上了亲手缝制的棉鞋。")
    assert len(_visits(text, D(2022, 1, 28))) >= 2


def test_a_giver_quoted_on_caring_for_others_is_no_person_visited():
    """“关爱留守儿童是应尽的职责…”来自外地的音乐人某某表示: the quote's visit is
    not to its speaker (no 我 as its object, no 来看我), so the speaker is a
    giver, no stop; the school and the homes gone on to are the two stops."""
    text = ("近日，青山镇爱心协会组织多名爱心人士来到青山镇小学开展关爱留守儿童公益活动。\n"
            "活动当天，为该小学捐赠图书300本。爱心人士还深入农户，筛选出三名特困留守儿童，给予长期捐助。\n"
            "“关注关爱留守儿童是公民应尽的职责，希望给孩子们带来冬日的温暖。”来自外地的音乐人蒋涛表示，捐助还将继续。")
    assert len(_visits(text, D(2021, 11, 1))) == 2


def test_a_person_quoted_thanking_for_being_visited_is_a_person_visited():
    """“谢谢你们，又来看望我！”某某说: the quote's visit is to its speaker, a
    person the story visited (one more stop)."""
    text = ("1月20日，青山社区志愿者来到独居老人蒋大山家中，送上米油。\n"
            "“谢谢你们，过年了还来看望我！”独居老人朱小河激动地说。")
    assert len(_visits(text, D(2021, 1, 21))) == 2


def test_a_person_named_after_a_clause_is_no_profile_of_one_more_stop():
    """干完活后，大家同老人谈心 (谈心 read as a name, 谈 a surname): the sentence
    opens with a clause, not with a person; a person named after a comma is
    met at the stop told, no profile of one more stop (老同志某某 opens with one)."""
    names = {"谈": ["谈心"], "蒋": ["蒋大山"]}
    assert visit_stops.profile_stop("干完活后，大家同老人谈心，关注他们的精神生活。", names, "", 0) is None
    assert visit_stops.profile_stop("干完活后,蒋大山老人拉着队员的手。", names, "", 0) is None
    assert visit_stops.profile_stop("蒋大山老人今年85岁，独自生活。", names, "", 0) is not None
    assert visit_stops.profile_stop("老同志蒋大山，今年85岁。", names, "", 0) is not None


def test_a_person_the_visitors_went_home_to_is_one_more_stop():
    """在老党员某某家中，…。老同志某某不久前住院，当慰问组来到她家中，…: a
    paragraph that opens with a person not named before and goes to her home
    is one more stop."""
    text = ("在春节即将到来之际，1月9日，青山区关工委开展慰问活动，给老党员、老同志送去关怀和温暖。\n"
            "在老党员蒋大山同志家中，关工委负责人给蒋大山同志送上慰问品，了解他的身体状况。\n"
            "老同志何秀英不久前住院做了手术，当慰问组来到她家中，看到她精神不错，都感到由衷的高兴，关工委负责人给何秀英送上慰问品。")
    visits = _visits(text, D(2024, 1, 10))
    assert len(visits) == 2
    assert {v["visit_date"] for v in visits} == {D(2024, 1, 9)}


def test_arriving_at_a_named_place_on_the_day_told_is_the_visit():
    """本报讯 12月5日…活动。当天上午，志愿者服务队携带慰问品，到达某镇敬老院，开展
    志愿服务活动。…分成两队，分别到A敬老院和B敬老院: 到达 goes to a place (a verb
    of going); the visit is on the day the lead told, its stops the two homes."""
    text = ("本报青山讯 在12月5日国际志愿者日当天，青山银行组织开展了青年志愿者服务活动。\n"
            "当天上午8时30分，青山银行的志愿者服务队携带慰问品，驱车一个小时到达青山镇敬老院，开展志愿服务活动。"
            "经过沟通，志愿服务队分成两队，分别到当地第一敬老院和第二敬老院开展志愿服务。\n"
            "走进敬老院，队员们将准备的食用油、毛巾等慰问品捐助给敬老院老人，然后分头行动，帮忙清扫院落。")
    visits = _visits(text, D(2017, 12, 19))
    assert len(visits) == 2
    assert {v["visit_date"] for v in visits} == {D(2017, 12, 5)}


def test_going_in_a_clause_of_time_is_no_visit_of_its_own():
    """于9月16日开展了…走访慰问活动。…下午三点，志愿者们到达某养老院后，就开始布置
    现场: a verb of going in a clause of time (…后，) sets the scene of the visit
    told; the visit keeps the lead's day."""
    text = ("为弘扬敬老爱老的传统美德，团委组织志愿者于2022年9月16日开展了青山养老院开展走访慰问活动。\n"
            "下午三点，志愿者们到达青山养老院后，就开始布置现场，并为老人们安排座位，老人们都很开心。")
    visits = _visits(text, D(2022, 9, 20))
    assert len(visits) == 1
    assert visits[0]["visit_date"] == D(2022, 9, 16)


def test_a_paragraph_opening_with_a_quote_then_a_named_village_is_one_more_stop():
    """“这是给你的新衣服。”在某镇某村，委员某某对残疾人某某说道: a paragraph that
    opens with what a visitor said and then where (a named village), after a
    visit told, is one more stop, as a paragraph opening at the village is."""
    text = ("近日，青山乡残联专职委员蒋大山一行前往东坪村残疾人朱小河家中进行慰问，送上了慰问金。\n"
            "“这是基金会下发的新衣服，你穿上看看合不合身。”在白石镇西岭村，镇残联专职委员何秀英对残疾人陈小溪说道。"
            "知道陈小溪家庭贫困后，何秀英就给她带了一件新衣并送到她家让她试穿。")
    assert len(_visits(text, D(2019, 1, 30))) == 2


def test_the_homes_of_donors_listed_are_one_stop_each():
    """依次来到器官捐献者A、遗体捐献者B家中: 捐献者 (a donor) is a role, so each
    item of the list is a person whose home was gone to; two stops."""
    text = ("1月21日，县红十字会工作人员依次来到器官捐献者蒋春红、遗体捐献者朱秋生家中，"
            "各送去了1000元的慰问金和米面油等慰问品。")
    visits = _visits(text, D(2022, 1, 25))
    assert len(visits) == 2
    assert {v["visit_date"] for v in visits} == {D(2022, 1, 21)}


def test_a_police_officer_bringing_something_to_an_elder_is_a_visit():
    """近日，某派出所的民警某某将一张反诈提醒卡送到辖区独居老人某某手中: 民警 (a
    police officer) is an organiser like any office's staff, so the sentence
    tells a visit."""
    text = ("“大爷，这张卡片您揣兜里！”近日，青山街派出所的民警蒋大山将一张反诈提醒卡送到辖区独居老人朱小河手中，"
            "耐心讲解着近期针对老年人的诈骗新套路。")
    assert len(_visits(text, D(2025, 7, 23))) == 1
