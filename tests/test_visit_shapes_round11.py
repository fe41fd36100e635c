"""Visit stories of the shapes met in round 11 (tests/data/realpages/SPEC.md: a care
visit is one stop, none invented).  Texts, names and places are invented for the
test; each case states the rule it checks."""

from __future__ import annotations

import datetime as dt

from etl import semantic
from etl.extract import extract_text

D = dt.date


def _visits(text: str, issue: dt.date | None) -> list[dict]:
    return semantic.derive("t", extract_text(text, issue), issue_day=issue).care_visits


def test_a_dated_lead_counting_homes_sums_up_the_named_stops_after_it():
    """A dated lead that goes into a count of homes (走进3户困难老党员家中), then a
    paragraph in which the same party (某某一行) visits the homes by name: the
    named homes are the visits, on the lead's day; the lead is none apart."""
    text = ("5月12日上午，区政协副主席林海率领区文联到联点的青禾社区，走进3户困难老党员家中开展慰问。\n"
            "林海一行先后走访慰问了社区的困难老党员周大成、吴桂兰、郑小军，与老人们亲切交谈。")
    visits = _visits(text, D(2021, 5, 13))
    assert len(visits) == 3
    assert {v["visit_date"] for v in visits} == {D(2021, 5, 12)}


def test_a_dated_lead_announcing_an_activity_sums_up_the_listed_villages():
    """A dated lead that announces a round in a town (赴某镇开展慰问百岁老人活动), then a
    paragraph in which the party (慰问团) goes 分别 to named villages: one visit
    per village, on the lead's day."""
    text = ("10月8日上午，某县副县长带队赴石桥镇开展重阳节慰问百岁老人活动，向老年人致以节日的问候。\n"
            "慰问团分别来到石桥镇东岭村、西岭村，向老人送上慰问金和牛奶。")
    visits = _visits(text, D(2022, 10, 9))
    assert len(visits) == 2
    assert {v["visit_date"] for v in visits} == {D(2022, 10, 8)}


def test_a_lead_at_a_named_home_is_its_own_stop_before_the_next():
    """A dated lead at a named home (来到困难户某某家中) is a stop; the party that
    goes on (又来到) to another home adds a second one."""
    text = ("3月2日，青禾村党支部书记来到困难户赵秀兰家中，送上慰问金。\n"
            "随后，一行人又来到独居老人钱广福家中，帮老人打扫卫生。")
    visits = _visits(text, D(2022, 3, 3))
    assert len(visits) == 2


def test_people_counted_as_many_as_the_places_listed_before_them_are_met_one_at_each():
    """分别来到A村、B村慰问C及D两位百岁老人: as many people as places, counted (两位), are
    met one at each place: two stops, not four."""
    text = ("8月3日上午，某县慰问团分别来到石桥镇东岭村、西岭村慰问孙福来及钱有田两位百岁老人，"
            "向两位老人送上慰问金。")
    visits = _visits(text, D(2022, 8, 4))
    assert len(visits) == 2


def test_going_door_to_door_to_publicise_is_no_care_visit():
    """积极组织党员干部进村入户宣传动员: going door to door to publicise or mobilise
    (here: persuading people to work away) is no care visit."""
    text = ("近年来，青石镇把劳务输出作为重点工作抓。该镇积极组织党员干部进村入户宣传动员，引导群众外出务工。"
            "截至目前，该镇劳务输出812人。")
    assert _visits(text, D(2021, 3, 1)) == []


def test_a_handout_ceremony_is_no_care_visit():
    """县总工会举行慰问金发放仪式，副县长…慰问了…困难职工代表: at a handout ceremony the
    recipients come to the givers: no visit."""
    text = ("1月20日，某县总工会举行“两节”送温暖慰问金发放仪式，副县长周明亲切慰问了县环卫处等单位的困难职工代表，"
            "为他们发放了慰问金。")
    assert _visits(text, D(2019, 1, 25)) == []


def test_a_campaign_ended_over_a_whole_area_on_a_day_dates_no_visit():
    """活动于12月初启动，至2019年1月28日全面结束: the day a campaign ended over a whole
    area, however long its date is written, is no visit's day; the round-up after it
    (对全县N名困难职工家庭进行慰问) is a summary, and the handout ceremony before it is
    no visit: no visit at all."""
    text = '县总工会举行2019年“两节”送温暖慰问金发放仪式\n浏览:320次 时间:2019-02-03 来源:本站\n\n新年伊始,寒意正浓,深冬的严寒冷却不了一颗颗送温暖的心。1月20日,县总工会举行2019年"两节"送温暖慰问金发放仪式,县政府副县长周明、县政协副主席吴强亲切慰问了县环卫处、青石镇政府等2个单位的部分困难职工代表,为他们发放了慰问金,并鼓励他们树立战胜困难的信心和决心,勇敢地面对困难,切实把县委、县政府的深切关怀和工会组织的温暖转化为勤奋工作、报效社会的强大动力,立足岗位,用自己勤劳的双手去创造幸福的生活。\n\n我县"两节"送温暖活动于2018年12月初启动,至2019年1月28日全面结束。今年"两节"送温暖活动共筹集资金80万元(其中争取省、市总工会送温暖慰问金70万元,县级配套10万元),以每户2000元的慰问标准,对全县320名困难职工家庭进行慰问;同时,为9名患大病困难职工发放医疗救助金3万元。'
    assert _visits(text, None) == []


def test_a_minority_name_with_jia_is_no_home():
    """走进某县某土家族乡某村: 家 in 土家族 is part of a people's name, not a home;
    the village is the one stop, and the unnamed homes of its villagers (走进村民家中)
    add none."""
    text = ("2024年7月20日，某大学社会工作专业“三下乡”实践团队走进青山县石门土家族乡红岩村，开展主题实践活动，"
            "为留守儿童提供课业帮扶。清晨，实践团队在村干部的带领下，沿着村道走进村民家中，向家长讲解防溺水知识。")
    visits = _visits(text, D(2024, 7, 25))
    assert len(visits) == 1


def test_an_activity_announced_the_sentence_before_the_lead_makes_the_named_home_its_stop():
    """近日，某服务站深入辖区开展走访慰问活动。工作人员…走访慰问了困难退役军人、烈士遗属等
    对象。\\n在某某家中，…: the lead names only kinds of recipients of the activity the
    sentence before announces; the home named after it is the visit, the lead none apart."""
    text = ("本报讯 近日，青石镇退役军人服务站精心组织，深入辖区开展“八一”走访慰问活动。"
            "服务站工作人员带着党和政府的关怀，走访慰问了困难退役军人、烈士遗属等重点优抚对象，为他们送上节日祝福。\n"
            "在参战退役人员孙德明家中，工作人员详细记录其生活需求，并送上慰问金。")
    visits = _visits(text, D(2024, 7, 30))
    assert len(visits) == 1


def test_a_class_held_at_a_venue_is_no_care_visit():
    """在某图书馆分馆内，一场“小课堂”志愿服务活动正在进行: a class (课堂) held at a venue the
    children come to is a service event of another kind, no care visit."""
    text = '您现在的位置:首页 > 志愿者风采 \n\nAnna:志愿服务无国界\n\n发布时间:2019-04-05 浏览:\n\n \n\n  4月2日下午,在青山市少年儿童图书馆东湖分馆内,一场“快乐小课堂”文化志愿服务活动正在进行,现场的气氛十分热烈,20多名孩子在志愿者老师的带领下,齐声念着英语单词。志愿者老师的教学方法很特别,常常利用小游戏和舞蹈串联整个授课过程。\n\n  这名招人喜欢的志愿者老师名字叫做Anna,是一名来自海外的姑娘,也是我市第一名外籍志愿者。\n\n  对于志愿服务活动,在启明英语青山分校担任外教的Anna自始至终都抱着极大的热情。来到中国之前,她就曾从事过会务翻译等志愿服务活动。2年前,Anna来到中国,从朋友那里获悉:市少儿图书馆与启明英语志愿服务团合作,开展“彩虹姐姐故事会”系列活动,“我对这个活动十分感兴趣,当即就决定参加。”Anna告诉记者,她在网站上报名注册,正式成为了一名志愿者。'
    assert _visits(text, D(2019, 4, 5)) == []
