"""Visit stories of more shapes (issue 16; tests/data/realpages/SPEC.md: a
care visit is one stop, dated where the text fixes the day, none invented).
Texts, names and places are invented for the test; each case states the
rule it checks."""

from __future__ import annotations

import datetime as dt

from etl import semantic
from etl.extract import extract_text

ISSUE = dt.date(2024, 2, 8)
D = dt.date


def _visits(text: str, issue: dt.date | None = ISSUE) -> list[dict]:
    return semantic.derive("t", extract_text(text, issue), issue_day=issue).care_visits


def _published(rows: list[dict]) -> str:
    return " ".join(str(v) for r in rows for v in r.values())


def test_every_visit_story_is_a_span_of_text_in_order():
    """A visit's story is text: its span is never empty or reversed, and a
    visit after one whose story starts at its own sentence (随后…走进B家。
    当天，… in one paragraph) starts its story at its own sentence."""
    text = ("2月3日，县义工协会一行8人来到东坪村，为孤寡老人送去棉衣。\n"
            "3日上午，义工们来到东坪村老人蒋大山家中，老人正在扫院子。随后，一行人走进了西坪村老人朱小河的家。"
            "当天，义工们先后看望了东坪村、西坪村和南坪村3个村子，为老人送去了棉衣。")
    visits = _visits(text)
    spans = [(v["article_char_start"], v["article_char_end"]) for v in visits]
    assert all(a < b for a, b in spans)
    assert [a for a, _ in spans] == sorted(a for a, _ in spans)


def test_a_count_closing_a_list_of_stops_is_its_head():
    """先后看望了A村、B村和C村3个村子: three stops (the count counts the list)."""
    visits = _visits("2月3日，县义工协会一行先后看望了东坪村、西坪村和南坪村3个村子，为老人送去了棉衣。")
    assert len(visits) == 3
    assert {v["visit_date"] for v in visits} == {D(2024, 2, 3)}


def test_a_day_named_relative_to_the_article_after_a_heading_is_dated():
    """昨天下午 opening a paragraph after the page's heading lines dates the
    visit from the issue date (the day before)."""
    text = ("市总工会为困难职工送温暖\n发布日期：2024-02-08  来源：本报\n\n"
            "  昨天下午，市总工会一行走访慰问困难职工，首先来到了困难职工蒋大山家，详细询问了老人的身体状况和生活情况，"
            "给他送上了慰问金和生活用品，并叮嘱他保重身体。\n")
    visits = _visits(text)
    assert [v["visit_date"] for v in visits] == [D(2024, 2, 7)]


def test_a_story_that_goes_from_home_to_home_is_one_stop_per_home():
    """先来到A家中…，随后又到B家中…。还分别来到其他老人家中: three stops (the
    unnamed others one stop for their group); the lead's counted homes
    (来到5户老人家中) are the summary these stops tell, no stop of their own."""
    text = ("1月20日上午，东坪社区组织志愿者来到5户孤寡老人家中开展慰问活动。"
            "志愿者们先来到蒋大山老人家中，送去米面油，随后又到高龄老人朱小河家中帮助打扫卫生。"
            "志愿者们还分别来到其他老人家中进行了节前慰问。")
    visits = _visits(text)
    assert len(visits) == 3
    assert {v["visit_date"] for v in visits} == {D(2024, 1, 20)}
    assert "蒋大山" not in _published(visits) and "朱小河" not in _published(visits)


def test_paragraphs_of_a_sequence_of_homes_are_one_stop_each():
    """第一站来到A家里…／接着来到B与C两位老人家里…／最后一站来到D的家里: three
    stops (the two people met at one home are one visit), on the lead's day."""
    text = ("9月28日，东坪街道联合安康老年服务中心开展中秋上门慰问活动。\n"
            "第一站来到东坪小区的失独家庭蒋阿姨家里，我们详细询问老人日常起居。\n"
            "接着来到隔壁单元的朱叔叔与何阿姨两位老人家里，他们是空巢家庭。\n"
            "最后一站我们来到老兵马爷爷的家里，为老人送上节日的祝福。\n")
    visits = _visits(text, dt.date(2024, 9, 29))
    assert len(visits) == 3
    assert {v["visit_date"] for v in visits} == {D(2024, 9, 28)}


def test_a_lead_that_announces_gives_no_visit_the_stops_listed_after_it_do():
    """…一行到某村开展走访慰问。 then 慰问组一行分别到A、B、C等村委会…: the lead
    announces, the three village committees are the visits (on the lead's
    day); 在某村敬老院，慰问组分别到宿舍、食堂… opens at one more stop (分别 goes
    around that one place: no round-up, no stop per room)."""
    text = ("2月2日，春节将至，县委常委蒋大山及县民政局相关人员一行到东坪村开展走访慰问，送上新春的祝福。\n"
            "慰问组一行分别到东坪村、西坪村、南坪村等村委会，通过进村入户走访慰问低保对象、特困供养对象、困难群众。\n"
            "在东坪村敬老院，慰问组分别到宿舍、食堂了解老人们的生活情况，向敬老院发放了春节慰问金。\n")
    visits = _visits(text)
    assert len(visits) == 4
    assert {v["visit_date"] for v in visits} == {D(2024, 2, 2)}


def test_the_next_stop_of_a_round_told_with_a_sequence_word_takes_its_day():
    """A dated visit, then …一行最后来到了特困职工某某的家中 in a paragraph of
    its own: the last stop of the same round, on its day; 在某工程现场，…
    opening a paragraph: a stop on that day too."""
    text = ("2月6日下午，市总工会主席蒋大山一行首先来到了困难劳模朱小河家，详细询问了老人的身体状况。\n"
            "在东坪水利工程现场，蒋大山一行为一线职工送上爱心礼包，感谢他们的辛勤付出。\n"
            "蒋大山一行最后来到了特困职工何大海的家中，送上了一台洗衣机。\n")
    visits = _visits(text)
    assert [v["visit_date"] for v in visits] == [D(2024, 2, 6)] * 3


def test_a_place_named_later_only_around_another_place_stays_a_stop():
    """先后到A村、B村、C村…。在C村敬老院，… : C村 is a stop of the list (the
    care home in it, told later, is a stop of its own): four."""
    text = ("2月2日，县委常委蒋大山一行先后到东坪村、西坪村、南坪村，走访慰问困难群众。\n"
            "在南坪村敬老院，慰问组为老人们送上慰问金和米面油，祝福老人们新春快乐。\n")
    assert len(_visits(text)) == 4


def test_a_first_person_care_home_visit_in_a_dated_activity_report():
    """An activity report (【活动时间】: a day) told in the first person
    (本周六，我随同学到某敬老院进行义工活动，来到敬老院后…): one visit, on the
    field's day when the weekday told is that day's; without the field, a
    weekday alone fixes no day."""
    report = ("某大学义工社团活动小结\n【活动时间】: 2023年10月14日\n【活动地点】:东坪敬老院\n【小结正文】:\n"
              "本周六，我随同学到东坪敬老院进行义工活动，来到敬老院后我们见到了许多老人，"
              "他们因为长期住在这里，平时很少与别人交流，所以见到我们都很高兴。\n")
    visits = _visits(report, None)
    assert [v["visit_date"] for v in visits] == [D(2023, 10, 14)]
    assert [v["visit_date"] for v in _visits(report.replace("本周六", "本周日"), None)] in ([None], [])


def test_a_lead_that_goes_nowhere_announces_the_sequence_told_after_it():
    """今天我们继续走访贫困家庭和孤寡老人。 then a paragraph 首先我们…来到了A
    奶奶家里…。接着我们来到了B奶奶家…。最后我们还去了C奶奶家: three stops,
    the lead (it names no home or place) none."""
    text = ("东坪大学暑期实践队今天继续走访贫困家庭和孤寡老人，开展志愿活动。\n"
            "首先我们在村干部的带领下，来到了蒋秀英奶奶家里，她已87岁高龄，独自一人居住。"
            "接着我们来到了朱金花奶奶家，她是一位贫困户，住在土窑洞里。"
            "最后我们还去了老党员何兰芳奶奶家，她是村里党龄最高的人。\n")
    visits = _visits(text, None)
    assert len(visits) == 3
    for name in ("蒋秀英", "朱金花", "何兰芳"):
        assert name not in _published(visits)


def test_paragraphs_opening_at_villages_after_an_announcing_lead_are_the_stops():
    """…联合开展走访慰问全镇百岁老人活动。 then 在A村，…送上慰问金… / 在B村，…
    送上节日的祝福… / 随后，大家还走访了C村某某和D村某某两位百岁老人: four
    stops, the lead none."""
    text = ("10月10日上午，县民政局、县老年协会联合开展走访慰问全镇百岁老人活动，向他们表示重阳节的祝福。\n"
            "在东坪村，百岁老人蒋秀英坐在沙发上，慰问组向她送上慰问金和大礼包，祝老人健康长寿。\n"
            "在西坪村，102岁的朱金花老人精神抖擞，大家纷纷送上节日的祝福。\n"
            "随后，大家还走访了南坪村何兰芳和北坪村马秀珍两位百岁老人。\n")
    visits = _visits(text, dt.date(2024, 10, 11))
    assert len(visits) == 4
    assert {v["visit_date"] for v in visits} == {D(2024, 10, 10)}


def test_the_same_day_is_the_day_told_in_the_sentence_before():
    """3月3日，在某敬老院内一片欢声笑语… (a scene, no visit told) then 当天上午，
    …组织青年志愿者到某敬老院开展志愿服务活动…: one visit, on 3 March."""
    text = ("3月3日，在东坪镇夕阳红敬老院内一片欢声笑语，青年志愿者们正在为老人过集体生日。\n"
            "当天上午，东坪公司团委组织青年志愿者到夕阳红敬老院开展志愿服务活动，为老人们送上了米、油、牛奶等慰问品。\n")
    visits = _visits(text, dt.date(2024, 3, 16))
    assert [v["visit_date"] for v in visits] == [D(2024, 3, 3)]


def test_a_sequence_clause_may_go_to_a_place_to_visit_someone_there():
    """首先来到A村看望某大伯…。随后来到B村独居老人某奶奶家…。最后志愿者来到某
    大伯的家: three stops."""
    text = ("6月8日，东坪摄影志愿服务队的志愿者走进山村探访独居老人。"
            "首先来到后坪村看望蒋大伯，志愿者忙着打扫卫生。随后行车8公里来到上坪村独居老人朱奶奶家，为她包了水饺。"
            "最后志愿者来到患病老人何大伯的家。\n")
    visits = _visits(text, dt.date(2024, 6, 9))
    assert len(visits) == 3
    assert {v["visit_date"] for v in visits} == {D(2024, 6, 8)}


def test_summaries_meetings_and_service_fairs_tell_no_visit():
    """走访慰问困难群众120户 is a summary (an indicator), never a visit; a
    meeting, a service fair at a venue and a policy summary tell none; the
    sequence and place-opening rules add none to them."""
    assert _visits("今年以来，县总工会共走访慰问困难群众120户，发放慰问金36万元。") == []
    assert _visits("2月3日，县民政局召开春节走访慰问工作会议，部署走访慰问困难群众工作。") == []
    assert _visits("3月5日，东坪社区在文化广场举办志愿服务集市，为居民提供义诊、理发等服务。") == []
    assert _visits("我县建立困难群众走访慰问长效机制，每年春节前对低保户、特困户开展走访。"
                   "在东坪村，全村共有低保户30户。") == []


def test_a_list_whose_items_have_their_own_visit_verbs():
    """…主要内容有走访特困供养户A、慰问老党员B: two stops (the second with the
    role its item gives)."""
    visits = _visits("2月3日，东坪村开展主题党日活动，主要内容有走访特困供养户蒋秀英、慰问老党员朱大山。"
                     "蒋秀英是村里的特困供养户，朱大山老人有50年党龄。")
    assert len(visits) == 2 and visits[1]["recipient_role_zh"] == "老党员"
    assert "蒋秀英" not in _published(visits) and "朱大山" not in _published(visits)


def test_a_profile_of_one_more_person_met_is_one_more_stop():
    """After the visit's own sentence, a sentence that opens with a private
    person the page has not named before (某某，12岁，…; 某村某爷爷是一位…老人)
    is one more stop: 来到某村，见到了8岁的A。…B，12岁，父母离异…: two stops."""
    text = ("7月17日，东坪师范学院大学生志愿者一行20余人来到东坪乡下坪村，见到了8岁的留守儿童蒋小寒。"
            "志愿者们在村会计带领下走访留守儿童。\n"
            "朱小宇，12岁，自幼父母离异，跟着70多岁的爷爷奶奶生活。朱小宇的奶奶说，孩子很懂事。\n")
    visits = _visits(text, dt.date(2024, 7, 20))
    assert len(visits) == 2
    assert {v["visit_date"] for v in visits} == {D(2024, 7, 17)}
    assert "朱小宇" not in _published(visits)


def test_no_profile_stop_for_the_person_visited_or_a_member_of_a_counted_group():
    """A person the page named before (the home just visited: 走进了A的家。A老人
    看见…), a visitor who speaks, and a member of the counted group the visit
    went to (给四户贫困老人送上…。B老人，已经六十多岁…) are no new stop."""
    visited = ("2月5日，东坪义工协会的义工来到下坪村，走进了97岁老人蒋秀英的家。"
               "蒋秀英老人看见义工们走进来，马上高兴地站起来。志愿者朱大海说，我们明年还来。\n")
    assert len(_visits(visited)) == 1
    group = ("3月4日，东坪公司9名志愿者来到下坪村，给四户贫困老人送上大米、食用油等慰问品。\n"
             "何德川老人，已经六十多岁，妻子患病，生活很是艰苦。\n")
    assert len(_visits(group)) == 1


def test_numbered_entries_of_persons_visited_are_one_stop_each():
    """A report that numbers the persons visited (1、… 蒋先生 / 2、… 朱女士 /
    3、… 何先生), one entry each after a lead that announces them: three stops."""
    text = ("东坪公益协会助老慰问简报\n"
            "这次下乡的主要任务是：东坪公益协会志愿者为东坪县孤寡老人发放助老慰问金，并对他们进行慰问回访，具体如下：\n"
            "1、DP-001 蒋先生\n老人生病住院，志愿者又返回老人家中发放助老金500元。\n"
            "2、DP-002 朱女士\n刚好街上偶遇老人，引导她入一家店铺坐着领取助老金500元。\n"
            "3、DP-003 何先生\n老人听力不好，志愿者用手语交流，为其发放助老金500元。\n")
    visits = _visits(text, None)
    assert len(visits) == 3
    for name in ("蒋先生", "朱女士", "何先生"):
        assert name not in _published(visits)


def test_a_lone_profile_after_a_visit_to_an_unnamed_recipient_is_that_recipient():
    """来到某村看望孤寡老人。某某今年85岁，…: one visit (the person profiled is
    the recipient the visit's sentence did not name)."""
    text = ("2月3日，东坪社区志愿者来到下坪村看望孤寡老人，送去米面油。\n"
            "蒋大山，今年85岁，老伴去世多年，一个人住在老屋里。\n")
    assert len(_visits(text)) == 1
