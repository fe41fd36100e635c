"""Stops settled in round 4 (issue 16; a care visit is one stop, SPEC.md).
Texts, names and places are invented; each test states its rule."""

from __future__ import annotations

import datetime as dt

from etl import semantic
from etl.extract import extract_text

ISSUE = dt.date(2024, 7, 20)
D = dt.date


def _visits(text: str, issue: dt.date | None = ISSUE) -> list[dict]:
    return semantic.derive("t", extract_text(text, issue), issue_day=issue).care_visits


def test_a_centre_named_for_its_people_is_a_place():
    """Rule: X之家 (留守之家, 职工之家) is a place, not a person's home:
    a list of a school and such a centre is two stops, and a later list of
    persons after a visit verb adds its own stops."""
    text = ("7月12日上午，县民政局组织的大学生志愿者来到青岗小学、河湾小学留守之家开展关爱活动。"
            "下午，志愿者们走访了困难留守学生韩同学和贺同学，送去文具。")
    rows = _visits(text)
    assert len(rows) == 4
    assert {r["visit_date"] for r in rows} == {D(2024, 7, 12)}


def test_a_persons_home_is_still_stripped_from_a_list():
    """Rule (unchanged): 看望了A、B家 is two homes: the home word is cut off
    the names, not taken for a place."""
    rows = _visits("7月12日，县妇联看望了留守儿童周小禾、陈小溪家，送去书包。")
    assert len(rows) == 2


def test_a_further_visit_to_a_group_is_one_more_stop():
    """Rule: a sentence after the visit that opens with 随后 (之后, 接着 …),
    goes on (又, 还, 相继) and visits a group (X等10余户贫困户) adds one stop
    for the group, with the group's role; without going on, or as a habit,
    it adds none."""
    lead = "10月9日，远航公司志愿者们分别到石湾村、柳塘村看望孤寡老人，送去米面油。"
    rows = _visits(lead + "随后志愿者们又相继看望了范秋生等10余户贫困户。", D(2024, 10, 12))
    assert len(rows) == 3
    assert rows[-1]["recipient_role_zh"] == "贫困户"
    assert {r["visit_date"] for r in rows} == {D(2024, 10, 9)}
    assert len(_visits(lead + "随后志愿者们与老人们合影留念。", D(2024, 10, 12))) == 2
    assert len(_visits(lead + "随后志愿者们表示今后将定期看望贫困户。", D(2024, 10, 12))) == 2


def test_a_day_opening_a_later_clause_dates_the_visit():
    """Rule: a day without its month that opens a later clause of the visit's
    sentence, with its time of day (为弘扬…，9日当天，…) dates the visit
    (the issue date's month); a count of days (历时9日) dates nothing."""
    rows = _visits("为弘扬敬老传统，9日当天，远航公司志愿者们来到石湾村看望孤寡老人。", D(2024, 10, 12))
    assert [r["visit_date"] for r in rows] == [D(2024, 10, 9)]
    rows = _visits("为弘扬敬老传统，远航公司志愿者们历时9日，到石湾村看望孤寡老人。", D(2024, 10, 12))
    assert [r["visit_date"] for r in rows] == [None]


def test_persons_named_by_pseudonym_are_stops():
    """Rule: a list after a visit verb of persons marked (化名) (a pseudonym:
    a person, whatever the name looks like) is one stop each, with the role
    the words before the first name give; one such person is one stop."""
    rows = _visits("7月3日,县妇联工作人员看望了留守儿童禾禾(化名)、朵朵(化名)和豆豆(化名),送去书包。")
    assert len(rows) == 3 and {r["recipient_role_zh"] for r in rows} == {"留守儿童"}
    assert "禾禾" not in str(rows)
    assert len(_visits("7月3日,县妇联工作人员看望了留守儿童禾禾(化名),送去书包。")) == 1
