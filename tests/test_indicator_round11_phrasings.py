"""Indicator readings added in round 11 (fresh8 and fresh9 review). Every text
here is invented (invented places, people and figures); each test is named by
the rule it checks and its oracle states that rule."""

from __future__ import annotations

import datetime as dt

from etl import semantic
from etl.extract import extract_text

ISSUE = dt.date(2024, 12, 20)


def _indicators(text: str) -> set[tuple[str, float]]:
    return {(r["indicator_id"], r["value"]) for r in semantic.derive("t", extract_text(text, ISSUE)).indicators}


def test_relief_money_a_campaign_hands_to_people_is_care_money():
    # Rule: 救助金, 助学金 and 补助资金 handed to the people a care campaign names are care money,
    # and the people given them are people reached.
    rows = _indicators("春节前,青禾县总工会为23名患病职工发放救助金6.4万元。")
    assert ("care_funds", 64000) in rows and ("care_people_visited", 23) in rows
    assert ("care_funds", 800) in _indicators("志愿者为白石村的小芳送去了学习用品,还有800元助学金。")
    rows = _indicators("青禾县总工会向全县58名劳模发放专项补助资金7万余元。")
    assert ("care_funds", 70000) in rows and ("care_people_visited", 58) in rows


def test_state_relief_and_the_employment_fund_are_no_care_money():
    # Rule: the civil-affairs office's 城乡医疗救助金 and the labour office's 就业补助资金 are no care money,
    # and the people they reach are not people visited.
    assert _indicators("青禾县为812名民政救助对象发放城乡医疗救助金213万元。") == set()
    assert _indicators("全镇为困难群众发放临时救助金37万元。") == set()
    rows = _indicators("上半年支出就业补助资金3.2亿元、惠及8.6万人。")
    assert not {r for r in rows if r[0].startswith("care_")}


def test_a_fraction_of_a_person_is_an_average_not_a_count():
    # Rule: a count of whole things (people, jobs) with a fractional value is an average, no row.
    rows = _indicators("调查显示,青禾县新创办的企业平均创造出3.27个就业岗位,带动0.48人就业。")
    assert not {r for r in rows if r[1] in (3.27, 0.48)}


def test_a_figure_after_mei_is_the_unit_a_rate_is_stated_per():
    # Rule: 每 right before a figure (每 1 万元, 每扶持 1 人) makes it the unit of a rate, no row.
    rows = _indicators("青禾县创业担保贷款每2万元贷款带动1人就业,每扶持1人创业可带动3人就业。")
    assert not {r for r in rows if r[1] in (20000, 1)}


def test_the_two_festivals_are_no_count():
    # Rule: 两节/双节 name the festivals (Spring Festival and New Year), not two of anything.
    rows = _indicators("青禾县总工会在两节期间走访慰问困难职工。青禾县“两节”送温暖慰问了困难职工。")
    assert not {r for r in rows if r[1] == 2}


def test_a_generic_count_is_households_only_when_it_names_households():
    # Rule: a 个 count is households visited only when a household noun (家庭, 户, 家) stands by it.
    assert _indicators("青禾区参与对白石县18个乡镇的对口帮扶。") == set()
    assert ("care_households_visited", 9) in _indicators("志愿者来到9个困难家庭走访慰问。")


def test_a_percentage_after_a_change_word_is_a_change():
    # Rule: a percentage right after 同比下降/增长/上升… is a change, never the rate of a statistic
    # (an indicator that admits its increase in percent, the minimum wage, keeps it).
    rows = _indicators("今年青禾县城镇登记失业率3.1%。外来劳动力新增就业8.2万人,同比下降12.6%。")
    assert ("unemployment_rate_registered", 3.1) in rows
    assert not {r for r in rows if r[1] == 12.6}
    assert ("minimum_wage", 6.5) in _indicators("白石市月最低工资标准较上次调整平均增长6.5%。")


def test_a_count_after_a_change_word_in_a_comparison_is_a_change():
    # Rule: in a sentence comparing with an earlier period, a count right after 减少/增加… is the change, no row.
    rows = _indicators("本季度白石市举办招聘会12场,与去年同比,就业岗位减少2140个,求职人员增加310人。")
    assert ("recruitment_events", 12) in rows
    assert not {r for r in rows if r[1] in (2140, 310)}


def test_the_labour_markets_registered_jobseekers_are_no_fair_attendance():
    # Rule: jobseekers entering the labour market (进入市场的求职人数) are the market's register, not a fair's attendees.
    rows = _indicators("本季度青禾市人力资源市场进入市场求职人数累计约为41235人次。")
    assert not {r for r in rows if r[0] == "job_fair_attendees"}


def test_what_a_fair_drew_and_signed_are_named_after_the_count():
    # Rule: N 家企事业单位参加招聘会 counts employers, N 人次参加招聘会 attendees, N 人签订劳务合同 offers reached.
    rows = _indicators("在青禾村举办的招聘会上,31家企事业单位参加本次招聘会,300余人次参加招聘会,12人现场签订劳务合同。")
    assert {("job_fair_employers", 31), ("job_fair_attendees", 300), ("job_offers_reached", 12)} <= rows


def test_the_hourly_minimum_wage_beside_the_monthly_one_is_the_minimum_wage():
    # Rule: 小时工资 in a sentence about the minimum wage is the hourly minimum wage.
    rows = _indicators("白石市调整后月最低工资标准为1720元,小时工资为16.5元。")
    assert {("minimum_wage", 1720), ("minimum_wage", 16.5)} <= rows
    assert _indicators("青禾超市招聘理货员,小时工资为22元。") == set()


def test_the_first_object_of_a_list_with_a_long_noun_shares_the_verb_after_the_last():
    # Rule: "为 N 名<noun of up to 8 characters>、M 名…发放…": every object of the list takes the verb after it.
    rows = _indicators("白石市总工会为27名基层工会困难职工、6名劳动模范发放慰问金3.1万元。")
    assert {("care_people_visited", 27), ("care_people_visited", 6), ("care_funds", 31000)} <= rows


def test_a_count_of_families_in_persons_counts_households():
    # Rule: a count written 名 whose noun is 家庭 counts households visited (unit household); 低保户 counted 位 stays people.
    derived = semantic.derive("t", extract_text("青禾县总工会对全县415名困难职工家庭进行慰问。", ISSUE)).indicators
    assert {(r["indicator_id"], r["value"], r["unit"]) for r in derived} == {("care_households_visited", 415, "household")}
    assert ("care_people_visited", 80) in _indicators("志愿者共走访慰问80位低保户、五保户。")
