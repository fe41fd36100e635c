"""Constructions and phrasing families of employment and care reports that a
careful reader resolves without thinking (issue 16, round 6): the parts of a
total after 其中, lists whose later items drop the verb or the noun, a
headline that restates the body in round figures, the kinds of people a
count lists, and the other names of the statistics.  Every text is invented
(invented places, people and figures).  Each test states its rule; the traps
(a policy ceiling, a private person's loan, a per-head amount, parts of a fair
counted as fairs, a transfer rate) stay no rows."""

from __future__ import annotations

import datetime as dt

import pytest

from etl import semantic
from etl.extract import extract_text

ISSUE = dt.date(2024, 12, 20)


def _rows(text: str, issue: dt.date = ISSUE) -> list[dict]:
    return semantic.derive("t", extract_text(text, issue)).indicators


def _indicators(text: str) -> set[tuple[str, float]]:
    return {(r["indicator_id"], r["value"]) for r in _rows(text)}


# --- Parts of a total (其中) -------------------------------------------------

def test_part_after_qizhong_is_named_by_the_totals_words():
    # Rule: a figure after 其中 that names no indicator of its own is a part
    # of the total before 其中 and a statistic of its own, named by the
    # total's words read for its unit: an amount is loans issued, a count
    # of households their borrowers.
    text = "截至目前,青禾县已发放创业担保贷款2460万元,其中,个体工商户31户415万元。"
    assert _indicators(text) == {("startup_guarantee_loans", 24600000), ("startup_loan_recipients", 31),
                                 ("startup_guarantee_loans", 4150000)}


def test_part_with_a_qualifier_of_its_own_is_its_own_row():
    # Rule: a part narrowed by a duration, a place or a status (6 个月以上,
    # 在职) is a row of the total's indicator.
    assert _indicators("上半年白石区农村劳动力转移就业8.3万人,其中转移就业半年以上5.1万人。") == {
        ("people_helped_into_jobs", 83000), ("people_helped_into_jobs", 51000)}
    assert _indicators("全县参加基本养老保险人数为6.2万人,其中在职参保人数4.4万人。") == {
        ("pension_insurance_enrolment", 62000), ("pension_insurance_enrolment", 44000)}


def test_parts_listed_over_semicolons_are_parts_until_a_whole_area_statement():
    # Rule: "其中：A；B；C" lists parts over its semicolons; a clause that
    # opens with the whole area (全市…, 全县…) is a statement of its own.
    text = ("全市转移农村劳动力12.4万人。\n其中,转移到省外4.1万人,占33%;转移到县外省内3.9万人,占31%;"
            "县内就近就业4.4万人,占36%;全市个体工商户达到5600户。")
    assert _indicators(text) == {("people_helped_into_jobs", v) for v in (124000, 41000, 39000, 44000)}


def test_part_of_a_care_total_takes_its_unit_and_indicator():
    # Rule: 其中 + a base of a kind the total counts: a row of the total's indicator.
    assert _indicators("今年新建返乡农民工创业基地12个,其中市级示范基地5个。") == {
        ("returnee_startup_parks", 12), ("returnee_startup_parks", 5)}


def test_breakdown_in_brackets_is_no_row():
    # Rule (unchanged): figures in brackets opened after a total are its
    # breakdown, not statistics of their own.
    text = "本次招聘会共有36家企业(14家为本镇企业,22家为外地企业)参会。"
    assert _indicators(text) == {("job_fair_employers", 36)}


# --- Lists whose later items drop the verb ----------------------------------

def test_noun_and_count_clause_after_a_verbs_object_shares_the_verb():
    # Rule: "慰问 X N 人，Y M 人，Z K 人": a clause that is only a noun and its
    # count, right after a count named by a verb before its own noun, is the
    # next object of that verb.
    text = "镇工会慰问困难职工64人,重病职工21人,先进工作者37人。"
    assert _indicators(text) == {("care_people_visited", 64), ("care_people_visited", 21),
                                 ("care_people_visited", 37)}


def test_a_change_after_a_statistic_is_no_next_object():
    # Rule: a clause of change or comparison (同比增长, 比上年增加) is no noun:
    # it shares no verb.
    assert _indicators("全县城镇新增就业5200人,同比增长6.1%。") == {("urban_new_jobs", 5200)}
    assert _indicators("全市劳务输出2.2万人次,比上年增加0.4万人次。") == {("people_helped_into_jobs", 22000)}


def test_one_kind_in_a_list_of_people_counted_names_no_count():
    # Rule: "向 N 名 A、B 等送上慰问": the count counts every kind listed;
    # one kind (留守儿童) does not name it, the verb after the list does.
    text = "志愿者们向45名孤寡老人、留守儿童等送上慰问品。"
    assert _indicators(text) == {("care_people_visited", 45)}
    # (two counts, each with its kind, stay each its own)
    assert _indicators("为9名留守儿童、4名困境儿童送去书包。") >= {("children_care", 9), ("children_care", 4)}


def test_visiting_partys_own_noun_after_yixing_counts_it():
    # Rule: "一行 N 位志愿者": the party's count with its own noun counts
    # volunteers; "一行 N 人" followed by what they did counts no one.
    assert _indicators("今天我们一行十二位志愿者来到山村看望老人。") == {("care_volunteers", 12)}
    assert ("care_volunteers", 8) not in _indicators("县妇联副主席一行8人来到学校开展志愿服务。")


def test_actor_adverb_before_wei_makes_the_figure_whom_they_served():
    # Rule: "志愿者们正在为 N 位老人…": the volunteers act, the figure counts
    # the people served, never volunteers.
    assert not any(i == "care_volunteers" for i, _ in _indicators("志愿者们正在为30余位老人包饺子。"))


# --- A headline restates its body -------------------------------------------

def test_headline_in_round_figures_restates_the_body():
    # Rule: a title that states a body statistic in round figures (超 N 万,
    # N 万多个 over the body's exact count) is the same statistic: one row.
    text = ("上半年柳溪县转移农村劳动力超12万人\n"
            "今年上半年,柳溪县转移农村劳动力12.4万人,同比增长5.2%。\n")
    assert [r["value"] for r in _rows(text) if r["indicator_id"] == "people_helped_into_jobs"] == [124000]
    text = ("青禾县开发乡村公益岗4千多个\n"
            "今年以来,青禾县累计安置乡村公益性岗位上岗4千余人,做到应保尽保。\n")
    assert [r["value"] for r in _rows(text) if r["indicator_id"] == "public_welfare_jobs"] == [4000]


def test_headline_with_another_value_stays():
    # Rule: a title value the body does not state (not even rounded) is a row.
    text = ("柳溪县转移农村劳动力15万人\n"
            "今年上半年,柳溪县转移农村劳动力12.4万人,同比增长5.2%。\n")
    assert sorted(r["value"] for r in _rows(text) if r["indicator_id"] == "people_helped_into_jobs") == [124000, 150000]


# --- Quotations and bylines -------------------------------------------------

def test_byline_after_a_quotation_is_no_speaker():
    # Rule: a name in brackets after a quotation is the report's byline, not
    # the speaker: the quoted statistic is the department's, a row.
    text = "据介绍,“今年春风行动期间,全县将举办45场招聘活动。”(记者 甄小禾 通讯员 桑木林)\n"
    assert ("recruitment_events", 45) in _indicators(text)


# --- Phrasing families ------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    # completion: 指标任务 and 年任务 are other names of the target
    ("全区城镇新增就业人数8120人,完成全年指标任务的104.1%。",
     {("urban_new_jobs", 8120), ("urban_new_jobs_target_completion", 104.1)}),
    ("全县城镇新增就业3100人,失业人员再就业1200人,分别完成年任务的121%、98%。",
     {("urban_new_jobs", 3100), ("reemployment", 1200), ("urban_new_jobs_target_completion", 121)}),
    # transfer: its other names are people helped into jobs (SPEC.md)
    ("全县新增转移农村劳动力2.1万人,其中:省内新增转移人数1.3万人。",
     {("people_helped_into_jobs", 21000), ("people_helped_into_jobs", 13000)}),
    ("今年全县输转城乡富余劳动力1.8万人。", {("people_helped_into_jobs", 18000)}),
    ("上半年全市农村劳动力省内跨区流动3.1万人次。", {("people_helped_into_jobs", 31000)}),
    ("东西部劳务协作带动就业610人。", {("people_helped_into_jobs", 610)}),
    ("春节后组织返岗务工1.4万人。", {("people_helped_into_jobs", 14000)}),
    ("通过专列专车点对点输出农民工2600名。", {("people_helped_into_jobs", 2600)}),
    # loans issued in a sentence about business starts are start-up loans
    ("2023年,全县共扶持412人创业,发放贷款6300万元。",
     {("startups_supported", 412), ("startup_guarantee_loans", 63000000)}),
    ("今年发放创业担保贷款5600万元,为青禾公司、白石农业公司等9户小微企业发放贷款1280万元,带动就业85人。",
     {("startup_guarantee_loans", 56000000), ("startup_loan_recipients", 9), ("startup_guarantee_loans", 12800000),
      ("jobs_created_by_startups", 85)}),
    ("其中:支持个人创业贷款3.1亿元;扶持小微企业贷款1.2亿元。",
     {("startup_guarantee_loans", 310000000), ("startup_guarantee_loans", 120000000)}),
    ("全年贷免扶补发放贷款2100万元。", {("startup_guarantee_loans", 21000000)}),
    # ... and loans to the key groups where the sentence names them
    ("对高校毕业生、退役军人等8类重点群体发放贷款3150万元。", {("key_group_loans", 31500000)}),
    # job fairs: the people a fair drew
    ("来自各地的60家企业参加现场招聘,提供岗位2400个,吸引群众5000余人。",
     {("job_fair_employers", 60), ("job_vacancies_offered", 2400), ("job_fair_attendees", 5000)}),
    ("今年已举办线上线下招聘会18场,参与人数2万多人。",
     {("recruitment_events", 18), ("job_fair_attendees", 20000)}),
    # returnee bases are no incubators
    ("建立返乡农民工创业基地26个。", {("returnee_startup_parks", 26)}),
    # returnee entrepreneurs: the head noun decides
    ("全省返乡创业农民工累计达12万人。", {("returning_migrant_workers", 120000)}),
    ("全省农民工返乡创业2.3万人。", {("startups_supported", 23000)}),
    # the people a wage recovery concerned
    ("为劳动者追讨被拖欠工资96万元,涉及人数41人。",
     {("unpaid_wages_recovered_amount", 960000), ("unpaid_wages_recovered_workers", 41)}),
    # care: homes visited, donations, squads, beneficiaries, services
    ("社区组织志愿者来到9户空巢老人家中。", {("care_households_visited", 9)}),
    ("协会成立以来为困难群众累计捐款380多万元。", {("care_funds", 3800000)}),
    ("目前已组建各类志愿服务小队46个。", {("volunteer_teams", 46)}),
    ("直接受益孤寡老人达3200余人。", {("care_people_served", 3200)}),
    ("志愿者们为14名独居老人打扫卫生。", {("care_people_served", 14)}),
])
def test_phrasing_families_become_their_indicators(text, expected):
    # Rule: each common phrasing (with its older and regional names) gives
    # its indicator with the printed value, and nothing else.
    assert _indicators(text) == expected


@pytest.mark.parametrize("text", [
    # a transfer rate is no employment rate
    "全省农村劳动力转移就业率达48%。",
    # the parts of a fair are no fairs
    "招聘会现场设立了4个招聘专区。",
    # cultural activities are no care visits
    "社区开展重阳节慰问演出、邻里联欢等文化活动9场。",
    # a policy ceiling, a per-head amount, a private person's loan
    "符合条件的个人创业担保贷款最高可贷30万元。",
    "为每户困难家庭发放慰问金800元。",
    # a loan in a sentence about no business start and no key group
    "县农商银行今年向种植大户发放贷款5200万元。",
])
def test_traps_give_no_row(text):
    # Rule: a rate of transfer, parts of a fair, cultural activities, a
    # ceiling, a per-head amount, an ordinary bank loan and the volunteers
    # who serve are no statistic of these indicators: no row.
    assert _indicators(text) == set()


def test_volunteers_who_serve_are_not_the_people_served():
    # Rule: a service phrase after a count names the people served only when
    # 为/给/向/对 makes them its recipients: "N 名志愿者打扫卫生" counts who served.
    assert not any(i == "care_people_served" for i, _ in _indicators("20名志愿者打扫卫生。"))


def test_private_persons_loan_is_no_statistic():
    # Rule: a private person's own loan, quoted from them, is no statistic.
    text = "“县里帮我贷了创业贷款15万元。”返乡青年甄小禾说。\n"
    assert not any(i.startswith("startup") for i, _ in _indicators(text))


def test_vacancies_are_no_events():
    # Rule: posts offered are counted as vacancies, never as recruitment events.
    assert _indicators("本次招聘活动提供岗位1600个。") == {("job_vacancies_offered", 1600)}
