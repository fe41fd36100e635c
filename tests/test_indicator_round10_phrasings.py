"""Indicator readings added in round 10 (fresh7 review). Every text here is
invented (invented places, people and figures); each test is named by the rule
it checks and its oracle states that rule."""

from __future__ import annotations

import datetime as dt

from etl import semantic
from etl.extract import extract_text

ISSUE = dt.date(2024, 12, 20)


def _indicators(text: str) -> set[tuple[str, float]]:
    return {(r["indicator_id"], r["value"]) for r in semantic.derive("t", extract_text(text, ISSUE)).indicators}


def test_labour_sent_out_is_a_transfer_not_the_stock_working_away():
    # Rule: labour sent out (输送/输出劳动力, 输送…工) is a flow the services organised: people_helped_into_jobs.
    assert _indicators("今年青禾县有组织输出农村劳动力3100余人。") == {("people_helped_into_jobs", 3100)}
    assert _indicators("今年青禾县向外地输送采茶工820多人。") == {("people_helped_into_jobs", 820)}


def test_workers_taken_on_outside_a_workshop_are_helped_into_jobs():
    # Rule: 吸纳…就业 names people helped into jobs; a sentence about assistance workshops keeps the workshop statistic.
    assert _indicators("白石镇建成稳岗基地3个,共吸纳农村劳动力就业760人。") == {("people_helped_into_jobs", 760)}
    assert ("assistance_workshop_jobs", 95) in _indicators("青禾村扶贫车间开工,吸纳脱贫群众就近就业95人。")


def test_the_unemployed_placed_or_back_at_work_are_reemployment():
    # Rule: 安置下岗失业人员 N 人 and N 名下岗失业人员重新走上工作岗位 count the unemployed re-employed.
    assert _indicators("今年以来,青禾县安置下岗失业人员430人。") == {("reemployment", 430)}
    assert _indicators("全县已有2170名下岗失业人员重新走上了工作岗位。") == {("reemployment", 2170)}


def test_what_returning_workers_did_names_their_count():
    # Rule: after "N 名 X" the verb phrase names the count (返乡就业创业, 成功创业), not the noun X (外出务工人员).
    assert _indicators("青禾镇吸引 560 余名外出务工人员返乡就业创业。") == {("returning_migrant_workers", 560)}
    assert _indicators("全县共有三千多名返乡农民工成功创业。") == {("startups_supported", 3000)}


def test_a_subsidised_loan_is_a_loan_and_a_loan_subsidy_is_not():
    # Rule: 贴息 before the loan is its kind (the loans issued); 贷款贴息 N 万元 is the interest subsidy.
    assert _indicators("青禾县发放政府贴息小额担保贷款1260万元,扶持创业。") == {("startup_guarantee_loans", 12600000)}
    assert ("startup_guarantee_loans", 850000) not in _indicators("青禾县拨付创业担保贷款贴息85万元。")


def test_per_head_amount_after_ge_is_no_care_money():
    # Rule: 各 before the verb (各送去了 N 元) makes the amount one recipient's share: no care_funds row.
    assert _indicators("工作人员来到张某、李某家中,各送去了800元的慰问金。") == set()


def test_numeral_inside_a_set_word_counts_nothing():
    # Rule: 三位一体, 四件套 are words; the numeral is no count.
    assert _indicators("推广“五位一体”的劳务输出模式。") == set()
    assert _indicators("采购棉被、四件套等慰问品。") == set()


def test_count_of_groups_is_no_count_of_households():
    # Rule: N 个群体 counts groups of people, not households visited.
    assert _indicators("志愿者对困难户、空巢老人两个群体进行走访慰问。") == set()


def test_children_care_is_not_counted_in_times():
    # Rule: children_care counts children or homes (个, 所), never a number of times (次).
    assert _indicators("青禾县针对孤儿开展入户调查5次。") == set()


def test_certification_and_officials_training_are_no_skills_training():
    # Rule: 技能鉴定 certifies, 干部培训 trains officials: no skills_training.
    assert _indicators("全县技能鉴定410人。") == set()
    assert _indicators("开展党政干部培训230人次。") == set()


def test_other_phrasings_of_the_codebook():
    # Rule: 最低月工资标准 is the minimum wage; 达成就业协议 an offer reached; 城镇净增就业 new urban jobs;
    # money sponsored (赞助) or given (资助资金) for care is care money.
    assert _indicators("青禾县最低月工资标准为1720元。") == {("minimum_wage", 1720)}
    assert _indicators("招聘会上有57人达成就业协议。") == {("job_offers_reached", 57)}
    assert _indicators("今年以来,全县城镇净增就业2140人。") == {("urban_new_jobs", 2140)}
    assert _indicators("商会赞助人民币3.6万元,用于走访慰问困难群众。") == {("care_funds", 36000)}
