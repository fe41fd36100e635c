"""Indicator phrasings and readings added in round 9 (issue 16). Every text
here is invented (invented places, people and figures); each test is named by
the rule it checks and its oracle states that rule."""

from __future__ import annotations

import datetime as dt

from etl import semantic
from etl.extract import extract_text

ISSUE = dt.date(2024, 12, 20)


def _indicators(text: str) -> set[tuple[str, float]]:
    return {(r["indicator_id"], r["value"]) for r in semantic.derive("t", extract_text(text, ISSUE)).indicators}


def test_a_count_of_yigong_counts_volunteers():
    # Rule: 名 before 义工 (volunteers) is the classifier of a headcount, not the word 名义.
    assert _indicators("近日,青禾慈善会的30多名义工来到白石村。") == {("care_volunteers", 30)}


def test_two_festivals_is_no_count():
    # Rule: 两节期间 (the two festivals' season) is a time, not a count of 节.
    assert _indicators("元旦春节两节期间,白石县工会发放慰问物资120份。") == {("care_gift_packages", 120)}


def test_caring_people_are_volunteers():
    # Rule: 爱心人士 taking part in a care activity are its volunteers.
    assert _indicators("30多位爱心人士为白石村困难群众送去慰问品。") == {("care_volunteers", 30)}


def test_households_given_relief_on_a_care_round_are_households_visited():
    # Rule: 救助 (relief given) N 户 counts the households reached, like 慰问 N 户.
    assert _indicators("该活动共救助困难群众600多户。") == {("care_households_visited", 600)}


def test_a_private_visitor_visiting_counts_the_people_visited():
    # Rule: a private name before a verb of visiting does not make the count
    # after it that person's own figure: it counts whom the party visited.
    assert _indicators("青禾慈善会会长钱明远一行共慰问了6户特困群众。") == {("care_households_visited", 6)}


def test_assistance_into_work_is_people_helped_into_jobs():
    # Rule: 援助就业 N 人 (employment assistance) counts people helped into jobs.
    assert _indicators("今年以来,白石县援助就业615人。") == {("people_helped_into_jobs", 615)}


def test_trainees_are_people_trained():
    # Rule: 参训人员 N 人 counts the people trained.
    assert _indicators("今年以来,白石县组织焊工专项培训3期,参训人员180人。") == {("skills_training", 180)}


def test_workers_living_away_are_workers_outside():
    # Rule: 在外务工人员 N 人 is the stock of people working away from home.
    assert _indicators("白石县常年在外务工人员达12万人。") == {("workers_outside_province", 120000)}


def test_care_goods_counted_in_sets_are_gift_packages():
    # Rule: 慰问物资 counted in 套/份 are gift packages handed out.
    assert _indicators("白石县民政局采购3000套米面油慰问物资。") == {("care_gift_packages", 3000)}


def test_one_figure_after_fenbie_is_no_list():
    # Rule: 分别 pairs a list of figures with a list of objects only when
    # several figures follow it; "N 名志愿者分别走访了 M 户" says each went.
    assert _indicators("近日,20多名志愿者分别走访了16户空巢老人。") == {
        ("care_volunteers", 20), ("care_households_visited", 16)}
