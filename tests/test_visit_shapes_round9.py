"""Visit stories of the shapes met in round 9 (tests/data/realpages/SPEC.md: a care
visit is one stop, none invented).  Texts, names and places are invented for the
test; each case states the rule it checks."""

from __future__ import annotations

import datetime as dt

from etl import semantic
from etl.extract import extract_text
from etl.semantic import visit_stops

D = dt.date


def _visits(text: str, issue: dt.date | None) -> list[dict]:
    return semantic.derive("t", extract_text(text, issue), issue_day=issue).care_visits


def test_a_sentence_opening_at_a_named_place_with_the_visitors_is_one_more_stop():
    """看望某村某老时…。在某村，志愿者们分头行动…: after the visit's own sentence,
    a sentence that opens at a named place and has the visitors act there is
    one more stop of the visit (same day)."""
    text = ("9月12日，在中秋节来临之际，青河矿团委组织青年志愿者前往矿区周边村落开展慰问活动。"
            "看望柳塘村王老时，志愿者们带着米、面、油等慰问品来到老人家中，陪老人聊家常。"
            "在石桥村，志愿者们分头行动，为村里老人打扫房屋，清理杂物。")
    visits = _visits(text, D(2023, 9, 13))
    assert len(visits) == 2
    assert all(v["visit_date"] == D(2023, 9, 12) for v in visits)


def test_a_place_opening_stop_needs_the_visitors_named_after_it():
    """在某村，…: with no organiser just after the place (在石桥村，村民们…),
    the sentence tells where others live, no stop of the visitors."""
    assert visit_stops.place_opening_stop("在石桥村，志愿者们分头行动，打扫房屋。") is not None
    assert visit_stops.place_opening_stop("在石桥村，村民们早已在路口等候。") is None


def test_the_scene_of_the_visit_itself_is_no_place_opening_stop():
    """在家访现场，… (a continuation opener of the vocabulary) goes on with the
    visit already told; 该村/各村 name no place: no stop."""
    assert visit_stops.place_opening_stop("在家访现场，老师们与家长交流。") is None
    assert visit_stops.place_opening_stop("在该村，志愿者们分头行动。") is None


def test_a_quote_before_the_place_does_not_hide_the_stop():
    """“…！”在某养老服务中心，民警正…: the quote that ends before 在 is skipped;
    the care centre is one more stop of the visit."""
    text = ("近日，城西派出所的民警将一张反诈提醒卡送到辖区独居老人李大爷手中，耐心讲解诈骗新套路。\n"
            "“阿姨，这就是典型的骗局！”在城西养老服务中心，民警正结合典型案例，给老人们上课。")
    visits = _visits(text, D(2024, 6, 3))
    assert len(visits) == 2
    assert "城西养老服务中心" in text[visits[1]["article_char_start"]:visits[1]["article_char_end"]]
