"""Stops settled in round 4 (issue 16; a care visit is one stop, SPEC.md).
Texts, names and places are invented; each test states its rule."""

from __future__ import annotations

import datetime as dt

from etl import semantic
from etl.extract import extract_text

ISSUE = dt.date(2024, 7, 20)
D = dt.date


def _visits(text: str, issue: dt.date | None = ISSUE) -> list[dict]:
    return semantic.derive("t", extract_text(text, issue)).care_visits


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
