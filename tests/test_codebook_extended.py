"""The extended codebook (issue 16): the statistics of employment and
community-care reporting become indicators, and the traps that are no
statistic stay out.  Every text here is invented for the test; each case
states the rule it checks."""

from __future__ import annotations

import datetime as dt

import pytest

from etl import semantic
from etl.extract import extract_text

ISSUE = dt.date(2024, 12, 20)


def _indicators(text: str) -> list[tuple[str, float]]:
    page = extract_text(text, ISSUE)
    return [(r["indicator_id"], r["value"]) for r in semantic.derive("t", page).indicators]


@pytest.mark.parametrize("text, expected", [
    # job fairs: employers, vacancies, jobseekers, offers reached
    ("本次招聘会共有56家企业参会，提供就业岗位1800余个，进场求职者2300人次，达成就业意向420人。",
     {("job_fair_employers", 56), ("job_vacancies_offered", 1800), ("job_fair_attendees", 2300),
      ("job_offers_reached", 420)}),
    # labour migration: workers outside the province
    ("全镇农村劳动力省外务工2.1万人。", {("workers_outside_province", 21000)}),
    # unemployment rates: registered, surveyed, and a rate the text does not qualify
    ("全年城镇登记失业率为3.1%。", {("unemployment_rate_registered", 3.1)}),
    ("一季度城镇调查失业率为5.2%。", {("unemployment_rate_surveyed", 5.2)}),
    ("全区失业率控制在4.0%。", {("unemployment_rate", 4.0)}),
    # public-welfare jobs
    ("全县开发乡村公益性岗位320个。", {("public_welfare_jobs", 320)}),
    # unpaid wages recovered: amount and workers
    ("劳动监察大队为860名农民工追回欠薪1260万元。",
     {("unpaid_wages_recovered_workers", 860), ("unpaid_wages_recovered_amount", 12600000)}),
    # minimum wage
    ("全省月最低工资标准提高到2100元。", {("minimum_wage", 2100)}),
    # social insurance enrolment
    ("企业职工基本养老保险参保45.6万人，失业保险参保12.3万人，工伤保险参保15.8万人。",
     {("pension_insurance_enrolment", 456000), ("unemployment_insurance_enrolment", 123000),
      ("work_injury_insurance_enrolment", 158000)}),
    # community care
    ("今年以来，街道走访慰问困难家庭86户。", {("care_households_visited", 86)}),
    ("社区网格员开展上门探访1200次。", {("care_visits_made", 1200)}),
    ("全县组建党员志愿服务队28支。", {("volunteer_teams", 28)}),
    ("志愿者全年服务群众5600人次。", {("care_people_served", 5600)}),
    ("全市建成老年食堂12个。", {("elderly_canteens", 12)}),
    ("各助餐点为老年人提供助餐服务3.5万人次。", {("elderly_meals_served", 35000)}),
    ("全区开展居家养老上门服务8600人次。", {("home_care_services", 8600)}),
    ("妇联今年关爱留守儿童540名，建成儿童之家15个。", {("children_care", 540), ("children_care", 15)}),
    # older and regional names of an existing indicator
    ("全县转移农村劳动力4.2万人。", {("people_helped_into_jobs", 42000)}),
])
def test_statistics_of_the_extended_codebook_become_indicators(text, expected):
    assert set(_indicators(text)) == expected


@pytest.mark.parametrize("text, not_expected", [
    # a policy's ceiling is not an amount issued
    ("符合条件的返乡创业人员创业担保贷款最高可贷30万元。", "startup_guarantee_loans"),
    # a per-household amount is not the care money handed out
    ("每户发放慰问金500元。", "care_funds"),
    # a private person's quoted loan is not a district statistic
    ("“县里给了20万元创业担保贷款，帮了我大忙。”返乡青年乔一凡说。", "startup_guarantee_loans"),
    # a private person's own figure told of them
    ("返乡青年乔一凡申请到创业担保贷款20万元，办起了养殖场。", "startup_guarantee_loans"),
    # the parts of one job fair are not job fairs
    ("招聘会现场设置了3个服务专区。", "recruitment_events"),
    # a cap on the people let in is not the jobseekers attending
    ("每场招聘会入场求职人员控制在50人以内。", "job_fair_attendees"),
])
def test_traps_yield_no_indicator(text, not_expected):
    assert not_expected not in {i for i, _ in _indicators(text)}


def test_counts_of_vacancies_are_not_events():
    """举办招聘会 3 场，提供岗位 2000 个: 3 events, 2000 vacancies (never 2000 events)."""
    got = set(_indicators("今年举办招聘会3场，提供岗位2000个。"))
    assert ("recruitment_events", 3) in got and ("job_vacancies_offered", 2000) in got
    assert ("recruitment_events", 2000) not in got


def test_total_care_money_is_kept_beside_a_per_household_amount():
    got = set(_indicators("为217户困难家庭每户发放慰问金400元，共计发放慰问资金8.68万元。"))
    assert ("care_funds", 86800) in got and ("care_funds", 400) not in got


def test_codebook_and_indicator_enum_agree():
    """Every codebook id is in schemas/indicators.json's enum, in codebook order."""
    import json

    from etl import SCHEMAS_DIR
    from etl.semantic.codebook import load_codebook

    schema = json.loads((SCHEMAS_DIR + "/indicators.json").read_text(encoding="utf-8")
                        if isinstance(SCHEMAS_DIR, str) and False else
                        open(f"{SCHEMAS_DIR}/indicators.json", encoding="utf-8").read())
    enum = next(f for f in schema["fields"] if f["name"] == "indicator_id")["constraints"]["enum"]
    assert enum == list(load_codebook().indicators)


def test_a_page_in_traditional_characters_gives_the_same_indicators():
    simplified = "上半年，我县城镇新增就业2842人，城镇登记失业率3.28%。"
    traditional = "上半年，我縣城鎮新增就業2842人，城鎮登記失業率3.28%。"
    assert _indicators(traditional) == _indicators(simplified) == [
        ("urban_new_jobs", 2842.0), ("unemployment_rate_registered", 3.28)]


@pytest.mark.parametrize("text, expected", [
    # a phrase of another indicator closer to the number than the one meant
    ("全省新增农民工返乡创业1.2万人。", {("startups_supported", 12000)}),
    ("全年共输出务工人员12.5万人。", {("people_helped_into_jobs", 125000)}),  # (sent out: a flow, SPEC round 10)
    ("全县提供见习岗位320人。", {("internship_trainees", 320)}),
    ("新建社区助餐服务网点3个。", {("elderly_canteens", 3)}),
    # offers reached counted in 个
    ("招聘会上共达成就业意向520个。", {("job_offers_reached", 520)}),
    # the yearly plan after the number, and the completion rate of that plan
    ("我县城镇新增就业2842人，完成4600人年计划的61.78%。",
     {("urban_new_jobs", 2842), ("urban_new_jobs_target", 4600), ("urban_new_jobs_target_completion", 61.78)}),
    # money raised for care, and gifts counted
    ("市总工会共筹措送温暖资金170万元。", {("care_funds", 1700000)}),
    ("志愿者为留守儿童送上300份月饼。", {("care_gift_packages", 300)}),
])
def test_phrases_added_after_the_held_out_pages(text, expected):
    assert set(_indicators(text)) == expected


def test_the_value_of_goods_is_not_care_money():
    assert "care_funds" not in {i for i, _ in _indicators("发放慰问物资价值4.5万余元，惠及群众80余人。")}


def test_a_statistic_stated_twice_is_one_row():
    """A headline and the body (or two body sentences) stating the same
    figure of the same indicator: one row, at the first body mention."""
    text = ("全县城镇新增就业1.5万人\n\n本报讯 今年以来，全县城镇新增就业1.5万人，同比增长8%。"
            "据介绍，全县城镇新增就业1.5万人，超额完成任务。\n")
    page = extract_text(text, ISSUE)
    rows = [r for r in semantic.derive("t", page).indicators if r["indicator_id"] == "urban_new_jobs"]
    assert len(rows) == 1
    assert text[rows[0]["char_start"]:].startswith("1.5万人，同比")


def test_a_count_of_the_persons_listed_before_it_is_kept():
    """甲、乙等五户: the count is of the households listed, no one's own figure."""
    text = "干部走访慰问了困难职工甘振宇、牛丽娜、宫晓东等三户困难家庭。"
    assert ("care_households_visited", 3) in set(_indicators(text))


def test_a_count_of_a_longer_noun_is_not_of_its_first_word():
    """5 个慰问组: five teams, not five households visited; but 2 支志愿者队伍组成
    (组成 is a verb) still counts the teams."""
    assert "care_households_visited" not in {i for i, _ in _indicators("市总工会组成5个慰问组，分赴各县区走访慰问困难职工。")}
    assert ("volunteer_teams", 2.0) in set(_indicators("服务队由11支党员志愿者队伍和2支义工志愿者队伍组成。"))


def test_rates_listed_after_respectively_belong_to_their_own_objects():
    """…A，B，C，分别完成年度目标的 x%、y%、z%: only the rate paired with the
    new urban jobs is their completion rate."""
    got = _indicators("全市发放创业担保贷款8.02亿元，城镇新增就业3.02万人，新增农村劳动力转移就业1.02万人，"
                      "分别完成年度目标的134.8%、84.32%、107.5%。")
    assert [v for i, v in got if i == "urban_new_jobs_target_completion"] == [84.32]


def test_a_target_for_new_urban_jobs_is_the_target_indicator():
    assert _indicators("明年全县力争城镇新增就业5000人。") == [("urban_new_jobs_target", 5000.0)]
