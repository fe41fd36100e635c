"""Visit stories of the shapes met in round 10 (tests/data/realpages/SPEC.md: a care
visit is one stop, none invented).  Texts, names and places are invented for the
test; each case states the rule it checks."""

from __future__ import annotations

import datetime as dt

from etl import semantic
from etl.extract import extract_text

D = dt.date


def _visits(text: str, issue: dt.date | None) -> list[dict]:
    return semantic.derive("t", extract_text(text, issue), issue_day=issue).care_visits


def test_a_person_addressed_inside_the_visitors_words_is_no_further_stop():
    """“节日快乐！某叔，我们来看看您…”: a name that opens a sentence inside a quote
    is someone addressed in the visitors' words (the person of the stop they
    are at), not one more person profiled: two homes, two stops."""
    text = ("昨日上午，青禾村党支部书记和村里的志愿者们拎着月饼来到低保户赵秀兰老人家中，陪老人拉家常。"
            "随后，他们又来到独居老人钱广福家中。“节日快乐！钱叔，我们来看看您。”志愿者一边说一边擦窗户。")
    visits = _visits(text, D(2025, 10, 7))
    assert len(visits) == 2


def test_the_speakers_own_habit_toward_a_person_is_no_further_stop():
    """我每周都会去某某老人家中看看: a sentence in which the speaker tells what
    they do each week is a habit, not one more person visited."""
    text = ("近日，东湖社区暖心志愿服务队的志愿者对社区老人进行走访，志愿者周小青认真记录老人的情况。\n"
            "我每周都会去孙桂芝老人家中看看，问问老人有没有需要帮忙的。周小青说。\n"
            "孙桂芝老人对志愿者的关怀非常感激。")
    visits = _visits(text, D(2022, 10, 1))
    assert len(visits) == 1


def test_a_kind_of_place_in_a_list_of_groups_names_no_stop():
    """在农村孤寡老人、留守老人家中: 农村 is a kind of place, not a named village;
    a list of groups with no named place or person is one visit for the group."""
    text = ("本报讯（记者 林一）近日，青川师范学院志愿者队深入山阳县开展社会实践活动，为农村孤寡老人、留守老人送去关爱。\n"
            "在农村孤寡老人、留守老人家中，大学生们陪老人们聊天，帮助他们收拾家务。")
    visits = _visits(text, D(2016, 8, 1))
    assert len(visits) == 1


def test_a_recipient_word_naming_a_body_that_serves_them_is_no_recipient():
    """该县农民工服务中心…协调专车运送他们奔赴某市: 农民工 in 农民工服务中心 names a
    body, not those visited; the workers going to a city tell no visit."""
    text = ("目前有20人达成就业协议。为了让他们尽快到岗工作，该县农民工服务中心、县就业局紧密配合，"
            "协调2台专车运送他们奔赴东港。")
    assert _visits(text, D(2020, 2, 26)) == []


def test_a_campaign_of_several_unnamed_teams_is_no_visit():
    """连日来，某镇开展节前走访慰问，为…送去慰问金。走访过程中，各慰问组…: a campaign
    sent out in several unnamed teams that names no home or place is a summary
    (its figures are indicators): no visit row."""
    text = ("为传递党和政府的关怀，连日来，青石镇开展节前走访慰问，为困难党员、困难残疾人家庭等送去慰问金和生活物资。\n"
            "走访过程中，各慰问组详细询问困难群众的身体健康状况，叮嘱注意防寒保暖。\n"
            "据了解，今年春节期间，青石镇对300余名困难群众进行慰问。")
    assert _visits(text, None) == []


def test_one_team_naming_its_stops_is_still_a_visit():
    """The campaign rule needs several teams: one organiser's lead stays one visit."""
    text = ("为传递党和政府的关怀，连日来，青石镇民政办开展节前走访慰问，为困难党员、困难残疾人家庭等送去慰问金和生活物资。\n"
            "走访过程中，工作人员详细询问困难群众的身体健康状况，叮嘱注意防寒保暖。")
    assert len(_visits(text, None)) == 1


def test_a_dated_lead_to_no_home_followed_by_named_homes_gives_the_homes_only():
    """1月26日，某工会一行到我市慰问劳模和困难职工。\\n在困难劳模A家中，…\\n在困难职工B家中，…:
    the lead goes to no home or place and announces the homes told after it,
    each a paragraph of its own: two stops, on the lead's day."""
    text = ("1月26日，江城市总工会一行到我市慰问劳模工匠和困难职工，提前送上新年的问候。\n"
            "在困难劳模马春兰家中，慰问组一行与劳模及其家属亲切交谈，并送上慰问品。\n"
            "在困难职工吴海峰家中，慰问组一行嘘寒问暖，了解他的家庭情况。")
    visits = _visits(text, D(2022, 1, 26))
    assert len(visits) == 2
    assert all(v["visit_date"] == D(2022, 1, 26) for v in visits)


def test_a_counted_list_of_places_is_one_stop_per_item():
    """来到定点帮扶的A、B、C3个村: the text counts the list's items (3个村), so each
    item is one stop, though none ends with a place word of its own."""
    text = ("10月20日下午，江北县机关事务管理局的干部职工来到定点帮扶的青石乡河口、柳坪、石门3个村，"
            "开展重阳节敬老慰问活动。干部职工与老人们一起唱歌拉家常。")
    visits = _visits(text, D(2019, 10, 21))
    assert len(visits) == 3


def test_a_story_numbering_its_third_household_told_three_stops():
    """先后走访了A等三名困难群众。…走访的第三户群众叫B: the story numbers a third
    household, so it told three stops (the second, counted but not named, is
    one too: SPEC.md, the fresh7 review's convention 6)."""
    text = ("1月18日上午，县法院法官李明一行前往青石镇柳坪村，开展春节走访慰问活动。"
            "柳坪村地处偏远山区，李明一行先后走访了王大成等三名困难群众，送上春节慰问金。\n"
            "走访的第三户群众叫王树林，是一名老党员，今年90多岁了。")
    visits = _visits(text, D(2022, 1, 20))
    assert len(visits) == 3
    assert all(v["visit_date"] == D(2022, 1, 18) for v in visits)


def test_a_lone_ordinal_far_down_a_list_counts_no_stops():
    """第十二户 alone is a household's rank, not a count of stops told: the
    ordinal rule fills in at most a few unnumbered stops."""
    from etl.semantic import visit_stops
    assert len(visit_stops.ordinal_stops("走访的第三户群众叫王树林。")) == 3
    assert visit_stops.ordinal_stops("走访的第十二户群众叫王树林。") == []


def test_a_round_of_unnamed_stops_after_a_campaign_lead_is_one_visit():
    """我县各级各部门开展集中走访慰问活动。…每到一处，慰问组都…: the lead speaks of a
    campaign, but the article follows one party's round (每到一处) whose stops it
    does not name: one visit for the group, undated."""
    text = ("为让我县困难群众过上一个温暖的春节，新春佳节来临之际，我县各级各部门开展集中走访慰问活动。"
            "副县长及县民政局有关同志参加活动。\n"
            "每到一处，慰问组都与慰问对象亲切交谈，并为他们送去慰问品及慰问金。")
    visits = _visits(text, None)
    assert len(visits) == 1
    assert visits[0]["visit_date"] is None


def test_a_diary_entry_going_to_a_home_is_the_writers_visit_on_its_day():
    """A diary whose entries open with a line holding only the day (2019年4月2日 晴):
    an entry whose sentence goes to someone's home (来到了我的帮扶户某某的家里; 赶到他们家)
    is one visit on the entry's day; an entry telling only a plan or what was
    heard (以后我得经常过来看看) is none."""
    text = ("2019年4月2日 晴\n"
            "今年初接到扶贫任务的时候，我还是有些兴奋。\n"
            "一路颠簸，我第一次来到了我的帮扶户韩德顺的家里，把扶贫物资送到他手上。\n"
            "2019年5月9日 阴\n"
            "我向村干部了解情况，看来以后我得经常过来看看。\n"
            "2019年7月20日 晴\n"
            "本来想着中午二老应该在家吃饭，于是在中午12点赶到他们家，却发现房门锁着。\n")
    visits = _visits(text, D(2019, 12, 1))
    assert [v["visit_date"] for v in visits] == [D(2019, 4, 2), D(2019, 7, 20)]


def test_one_dated_line_is_no_diary():
    """A single line holding a day (a page's timestamp) makes no diary: the rule
    needs two entries or more, so a lone first-person line going home tells no visit."""
    text = ("2019年4月2日 晴\n"
            "一路颠簸，我第一次来到了我的帮扶户韩德顺的家里，把扶贫物资送到他手上。\n")
    assert _visits(text, D(2019, 12, 1)) == []
