"""A care visit is one stop (tests/data/realpages/SPEC.md): each home, named
person, school, care home, village, community or workplace the text says the
visitors went to is one row of ``care_visits``; several people met at one
place are one visit, and a stop the text does not name (部分困难职工, 10余户
贫困户) is one visit for the group it names.  Texts, names and places are
invented for the test; each case states the rule it checks."""

from __future__ import annotations

import datetime as dt

from etl import semantic
from etl.extract import extract_text

ISSUE = dt.date(2024, 2, 8)
D = dt.date


def _result(text: str):
    return semantic.derive("t", extract_text(text, ISSUE))


def _visits(text: str) -> list[dict]:
    return _result(text).care_visits


def _published(rows: list[dict]) -> str:
    return " ".join(str(v) for r in rows for v in r.values())


def test_homes_listed_with_roles_and_names_are_one_visit_each():
    """看望了A、B和C: three visits, each with the role its item gives, the
    same date, organiser and gifts; never a name."""
    text = ("2月3日，县委书记一行看望了困难党员蒋林、五保户朱乃发和低保户何秀英，"
            "为他们送去米、面、油和慰问金。")
    res = _result(text)
    visits = res.care_visits
    assert [v["visit_date"] for v in visits] == [D(2024, 2, 3)] * 3
    assert [v["recipient_role_zh"] for v in visits] == ["困难党员", "五保户", "低保户"]
    assert len({v["article_char_start"] for v in visits}) == 1
    for name in ("蒋林", "朱乃发", "何秀英"):
        assert name not in _published(visits) + _published(res.visit_gifts)
    gifts = [[g["gift"] for g in res.visit_gifts if g["visit_id"] == v["visit_id"]] for v in visits]
    assert gifts[0] and gifts == [gifts[0]] * 3  # (the visit's gifts, on each stop, not multiplied within one)


def test_the_stops_ids_are_unique_deterministic_and_ordered():
    """The first stop keeps the visit's id (source:start), the others add
    /2, /3 … in text order."""
    text = "2月3日，县委书记一行看望了困难党员蒋林、五保户朱乃发和低保户何秀英。"
    ids = [v["visit_id"] for v in _visits(text)]
    first = ids[0]
    assert ids == [first, f"{first}/2", f"{first}/3"]
    assert ids == [v["visit_id"] for v in _visits(text)]


def test_places_listed_after_a_verb_of_going_are_one_visit_each():
    """分别走进X、Y、Z: three; 先后到城区和A村、B村: three (the town proper is a stop)."""
    assert len(_visits("1月28日，市妇联一行分别走进青溪小学、石桥小学、柳塘小学，为留守儿童送去书包。")) == 3
    assert len(_visits("2月2日，副县长一行先后到城区和梅岭乡东坪村、西坪村，对困难群众进行走访慰问。")) == 3


def test_a_care_home_and_homes_are_one_visit_each():
    """先后到敬老院和A、B家中: three."""
    text = "2月1日，县长一行先后到县福寿敬老院和老党员蒋林、残疾人朱乃发家中，送上米、面、油。"
    visits = _visits(text)
    assert [v["visit_date"] for v in visits] == [D(2024, 2, 1)] * 3
    assert [v["recipient_role_zh"] for v in visits][1:] == ["老党员", "残疾人"]


def test_homes_listed_after_the_visit_that_introduced_them_are_its_stops():
    """…走访慰问部分困难职工。在困难职工A、B、C的家中…: the three homes are
    the visit's stops (not four: the group is those homes)."""
    text = ("2月6日，县总工会主席带领工会干部一行，对部分困难职工进行走访慰问。\n"
            "在困难职工蒋林、朱乃发、何秀英的家中，工会干部详细了解了他们的生活情况。")
    assert [v["visit_date"] for v in _visits(text)] == [D(2024, 2, 6)] * 3


def test_a_list_that_goes_further_adds_its_stops():
    """来到X小学…。随后…分别到A村、B村: three (the school, then two villages)."""
    text = ("2月1日，市妇联一行来到青溪小学，为留守儿童送去书包。\n"
            "随后妇联一行分别到东坪村、西坪村，对困难儿童进行走访慰问。")
    assert [v["visit_date"] for v in _visits(text)] == [D(2024, 2, 1)] * 3


def test_a_stop_a_later_visit_tells_is_that_visit():
    """到A院、B院开展慰问…随后，…赶往B院: two visits, not three."""
    text = ("8月28日，市民政局到市养老院、市福利院开展慰问活动，送上月饼。\n"
            "当天上午，慰问人员来到市养老院，与老人亲切交谈。随后，慰问人员赶往市福利院，向孩子们送上慰问品。")
    assert len(_visits(text)) == 2


def test_a_group_without_a_named_stop_is_one_visit():
    """部分困难职工和困难群众; 10余户贫困户: one visit for the group."""
    assert len(_visits("2月5日，县总工会走访慰问了部分困难职工和困难群众，送去慰问金。")) == 1
    assert len(_visits("2月5日，县总工会对困难职工和困难群众进行走访慰问，送去慰问金。")) == 1
    assert len(_visits("2月5日，镇党委书记到东坪村看望了10余户贫困户，送去米和油。")) == 1


def test_lists_that_are_not_stops_give_one_visit():
    """Gifts (送去米、面、油), the visitors' own list (书记A、副县长B一行),
    regions (前往甲市和乙县), groups that a count opens (60多家企业和400户
    困难职工: no named stop): one visit."""
    assert len(_visits("2月3日，志愿者来到独居老人家中，送去米、面、油和春联。")) == 1
    assert len(_visits("2月3日，县委书记蒋林、副县长朱乃发一行来到东坪村，看望慰问困难群众。")) == 1
    assert len(_visits("2月3日，县慰问团前往平江市和长宁县，慰问在外务工人员。")) == 1
    assert len(_visits("2月3日，市总工会走访慰问了60多家企业和400户困难职工，送去慰问金。")) == 1


def test_named_places_closed_by_a_count_are_stops():
    """X公司、Y公司等12家企业: the two named workplaces are stops (the others,
    unnamed, are not told as visits); 东坪村60户贫困户和西坪村40户低保户: two villages."""
    assert len(_visits("2月3日，市总工会走访慰问了东坪公司、西坪公司等12家企业的困难职工。")) == 2
    visits = _visits("2月3日，镇党委书记走访慰问了东坪村60户贫困户和西坪村40户低保户。")
    assert [v["recipient_role_zh"] for v in visits] == ["贫困户", "低保户"]
