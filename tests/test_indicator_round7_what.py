"""Round-7 rules of issue 16 (indicators): what a figure counts, each on
invented text (invented places, invented figures).  The oracle of each test
is the plain rule a careful reader applies, stated in its comment."""

from __future__ import annotations

import datetime as dt

import pytest

from etl import semantic
from etl.extract import extract_text

ISSUE = dt.date(2023, 12, 20)


def _rows(text: str) -> list[dict]:
    return semantic.derive("t", extract_text(text, ISSUE)).indicators


def _indicators(text: str) -> set[tuple[str, float]]:
    return {(r["indicator_id"], r["value"]) for r in _rows(text)}


def _ids_of(text: str, value: float) -> set[str]:
    return {i for i, v in _indicators(text) if v == value}


# --- Policy consultation is no career guidance ---------------------------------

def test_policy_consultation_after_the_count_is_no_career_guidance():
    # 为 N 人提供政策咨询服务: people told about a policy, not career guidance.
    text = "截至6月底,柳溪市人社局共开展创业就业政策宣传活动86场次,为8241人提供政策咨询服务。"
    assert "career_guidance_given" not in _ids_of(text, 8241)


def test_policy_consultation_before_the_count_is_no_career_guidance():
    text = "就业援助月期间,青禾县征集就业岗位620个,为下岗失业人员解答政策咨询310余人次。"
    assert "career_guidance_given" not in _ids_of(text, 310)


def test_consultation_at_a_job_fair_stays_career_guidance():
    # (trap) 咨询 at a fair's counter is guidance: the rule removes only 政策咨询.
    text = "青禾县春风行动招聘会现场,共接受求职群众就业咨询1860人次。"
    assert ("career_guidance_given", 1860) in _indicators(text)


# --- Social assistance money is no care money ----------------------------------

def test_social_assistance_funds_are_no_care_money():
    # 救助资金 (relief paid to people on 低保/特困) is no money handed out on visits.
    text = "今年以来,柳溪县新增困难对象812人,共发放救助资金2136.5万元。"
    assert "care_funds" not in _ids_of(text, 21365000)


def test_care_and_relief_money_handed_out_on_visits_is_care_money():
    # (trap) 慰问救助款 handed out on visits is care money.
    text = "春节前夕,青禾街道将36.2万元慰问救助款发放到困难家庭手中。"
    assert ("care_funds", 362000) in _indicators(text)


# --- Internship and public-welfare posts are no vacancies offered --------------

def test_internship_posts_are_no_vacancies_offered():
    text = "全省累计开发就业见习岗位3.6万个。"
    assert "job_vacancies_offered" not in _ids_of(text, 36000)


def test_vacancies_at_a_fair_stay_vacancies_offered():
    # (trap) posts offered by employers at a fair are vacancies.
    text = "青禾县春风行动招聘会共有86家企业进场,提供就业岗位2400余个。"
    assert ("job_vacancies_offered", 2400) in _indicators(text)


# --- Other names of a statistic -----------------------------------------------

def test_workers_transferred_out_are_people_helped_into_jobs():
    # 转移务工人员 N 人 is one of 转移就业's names.
    text = "今年上半年,柳溪县转移务工人员近12万人。"
    assert ("people_helped_into_jobs", 120000) in _indicators(text)


@pytest.mark.parametrize("text,value", [
    # 组织 N 名务工人员返岗: workers sent back to their jobs, a transfer into jobs.
    ("节后,柳溪镇有序组织86名本镇务工人员返岗。", 86),
    # 输送劳动力复工返岗 N 人: a flow of people into jobs, not the stock of migrants.
    ("青禾县“点对点”输送劳动力复工返岗共计214人。", 214),
    # 农民工新增就业 N 人: migrant workers placed, not the new-urban-jobs headline.
    ("2023年,全省农民工新增就业人数达到52万人。", 520000),
])
def test_workers_sent_back_to_jobs_are_people_helped_into_jobs(text, value):
    assert _ids_of(text, value) == {"people_helped_into_jobs"}


def test_community_factories_are_assistance_workshops():
    # 社区工厂 in a resettlement community is an employment assistance workshop.
    text = "青禾县在安置点建成服装加工等社区工厂26家。"
    assert ("assistance_workshops", 26) in _indicators(text)


def test_self_employment_supported_counts_startups():
    text = "2023年,柳溪县支持脱贫户自主创业412人。"
    assert ("startups_supported", 412) in _indicators(text)


def test_self_employed_as_a_noun_stays_who_the_borrowers_are():
    # (trap) 自主创业人员 says who the borrowers are: they are counted as
    # loan recipients, not as business starts supported.
    text = "2023年,青禾县为96名农村自主创业人员发放创业担保贷款1830万元。"
    ids = _ids_of(text, 96)
    assert "startup_loan_recipients" in ids and "startups_supported" not in ids


def test_visiting_groups_of_volunteers_are_volunteer_teams():
    # 共分为 N 个探访小组: teams of the volunteers, not visits made.
    text = "本次活动共有36位志愿者参加,共分为9个探访小组,分别去探望孤寡老人。"
    ids = _ids_of(text, 9)
    assert "volunteer_teams" in ids and "care_visits_made" not in ids


# --- Excludes read up to a phrase after the figure --------------------------------

def test_people_receiving_a_benefit_are_no_enrolment():
    # N 人享受失业保险待遇: beneficiaries, not the insured (the excluded word
    # stands between the count and the phrase after it).
    text = "2023年9月底,柳溪市共有3.4万人享受失业保险待遇。"
    assert "unemployment_insurance_enrolment" not in _ids_of(text, 34000)


# --- Asides in brackets ----------------------------------------------------------

def test_aside_in_brackets_names_no_figure_before_it():
    # 培训 N 人(其后实现自主创业 M 人): the bracket tells something of the
    # people trained; its words name neither count.
    text = "全县完成创业能力培训380人(培训后当期实现自主创业人数96人)。"
    ids = {i for i, _ in _indicators(text)}
    assert "startups_supported" not in ids


def test_phrase_after_a_closed_bracket_still_names_the_count():
    # (trap) a bracket closed before the phrase is no aside around it.
    text = "青禾县总工会为柳溪镇9位孤寡老人发放青禾县慈善会(爱心协会)助老慰问金。"
    assert ("care_people_visited", 9) in _indicators(text)


# --- Parts after 其中 ------------------------------------------------------------

def test_parts_of_a_total_that_names_no_indicator_name_none():
    # 招募…毕业生 N 名，其中支教 A 名、支农 B 名: the parts of the 招募 total
    # (no indicator), not of the internship trainees of the clause before.
    text = ("2023年,全省组织青年参加就业见习2.1万人,招募“三支一扶”高校毕业生300名,"
            "其中支教81名、支农64名、支医55名。")
    found = _indicators(text)
    assert ("internship_trainees", 21000) in found
    assert not any(v in (81, 64, 55) for _, v in found)


def test_parts_of_an_indicator_total_stay_rows():
    # (trap) the convention of round 6: a part after 其中 of an indicator's
    # total is a statistic of its own.
    text = "全县农村劳动力转移就业5.2万人,其中省外转移就业3.1万人。"
    assert ("people_helped_into_jobs", 31000) in _indicators(text)


# --- The size of a group another count is counted in ---------------------------

def test_count_of_a_group_before_its_result_is_no_statistic():
    # 全市 N 名脱贫劳动力实现转移就业 M 人: N is the group, M the people placed.
    text = "截至11月底,全市41250名脱贫劳动力实现转移就业27630人。"
    found = _indicators(text)
    assert ("people_helped_into_jobs", 27630) in found
    assert not any(v == 41250 for _, v in found)


def test_labour_force_before_the_employed_among_it_is_no_statistic():
    text = "2022年,青禾县21.5万劳动力实现就业17.2万人。"
    assert not any(v == 215000 for _, v in _indicators(text))


def test_people_helped_without_a_second_count_stay_rows():
    # (trap) with no second count the words after the first count name it.
    text = "今年以来,柳溪县帮助2300名脱贫劳动力实现就业。"
    assert ("people_helped_into_jobs", 2300) in _indicators(text)


# --- A ratio to a quantity is not the quantity ----------------------------------

def test_percent_of_the_minimum_wage_is_no_minimum_wage():
    # 失业保险金标准为最低工资标准的 90%: a ratio to the wage, not the wage.
    text = "2023年,柳溪市失业保险金标准为最低工资标准的85%。"
    assert "minimum_wage" not in _ids_of(text, 85)


def test_percent_of_a_target_stays_its_completion():
    # (trap) a completion rate is a percent "of" the target by definition.
    text = "2023年,青禾县城镇新增就业5200人,完成全年目标任务的104%。"
    assert ("urban_new_jobs_target_completion", 104) in _indicators(text)


# --- An inventory of goods is no count of gift packages -------------------------

@pytest.mark.parametrize("text,value", [
    ("截至当前,该镇已经发放棉被80床,棉衣215套,裤子90套,棉鞋316双。", 215),
    ("活动当天,为该小学捐赠图书420本、文具23套、体育用品6套。", 23),
])
def test_goods_counted_kind_by_kind_are_no_gift_packages(text, value):
    # each item of a list of goods counted kind by kind is one kind of goods
    # handed out, no count of gift packages.
    assert "care_gift_packages" not in _ids_of(text, value)


def test_a_single_count_of_goods_given_stays_gift_packages():
    # (trap) one count of goods handed out, no list: gift packages.
    text = "青禾县妇联为孩子们准备了120套围巾、手套和一些文具。"
    assert ("care_gift_packages", 120) in _indicators(text)


def test_gift_packages_proper_in_a_list_stay_gift_packages():
    # (trap) a package proper (礼包) keeps its indicator in a list of goods.
    text = "县总工会为困难职工送去年货大礼包300份、棉被50床。"
    assert ("care_gift_packages", 300) in _indicators(text)


# --- A count placed by another count ---------------------------------------------

def test_count_placed_by_a_count_before_de_takes_the_verb_before_both():
    # 走访了全县 N 个乡镇的 M 位老人: the verb names the people, the first
    # count only says where they live.
    text = "2023年4月2日,青禾县志愿者协会的志愿者先后走访了全县12个乡镇的35位百岁以上老人。"
    assert ("care_people_visited", 35) in _indicators(text)
