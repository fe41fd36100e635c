"""Round-4 rules of issue 16 (indicators), each on invented text (invented
places and figures): phrasing families met on unseen pages and the
constructions that decide which statistic a figure is."""

from __future__ import annotations

import datetime as dt

import pytest

from etl import semantic
from etl.extract import extract_text

ISSUE = dt.date(2024, 12, 20)


def _rows(text: str) -> list[dict]:
    return semantic.derive("t", extract_text(text, ISSUE)).indicators


def _indicators(text: str) -> set[tuple[str, float]]:
    return {(r["indicator_id"], r["value"]) for r in _rows(text)}


# Phrase families: a word-order variant or another name of a statistic
# becomes its indicator with the printed value.
FAMILIES = [
    # 失业登记率 is 登记失业率 in the other word order.
    ("青禾县城镇失业登记率控制在3.6%。", {("unemployment_rate_registered", 3.6)}),
    # 新增就业岗位 N 个 counts new jobs, not vacancies offered at a fair.
    ("全区新增就业岗位8320个。", {("urban_new_jobs", 8320)}),
    # 劳动力转移新增就业 is a transfer into jobs, not the new-urban-jobs headline.
    ("全县农村劳动力转移新增就业完成3420人。", {("people_helped_into_jobs", 3420)}),
    # 劳务输出 N 人次 is labour export, one of 转移就业's names.
    ("上半年,柳溪市农村劳动力跨省劳务输出2.3万人次。", {("people_helped_into_jobs", 23000)}),
    # A hardship group placed is hard_to_employ_employed whatever the verb.
    ("全县困难人员再就业318人。", {("hard_to_employ_employed", 318)}),
    ("大龄就业困难再就业96人。", {("hard_to_employ_employed", 96)}),
    ("帮助412名困难人员实现就业。", {("hard_to_employ_employed", 412)}),
    # Business starts counted as entities or successful projects.
    ("截至目前,培育创业实体215个。", {("startups_supported", 215)}),
    ("创业成功项目38个。", {("startups_supported", 38)}),
    # 创业基地 is a start-up incubator.
    ("创建创业基地6个。", {("startup_incubators", 6)}),
    # 提供各项服务 N 人次: people served.
    ("驿站全年提供各项服务6120人次。", {("care_people_served", 6120)}),
]


@pytest.mark.parametrize("text,expected", FAMILIES)
def test_phrasing_family_becomes_its_indicator(text, expected):
    assert _indicators(text) == expected


def test_count_whose_noun_is_a_subject_of_a_copula_is_not_the_phrase_after():
    # "N 个县为…示范县": the phrase after 为 names what the counted counties
    # were designated as; the count is of counties, no indicator.
    text = "公布认定柳溪县等12个县为农民工返乡创业示范县。"
    assert not any(i == "startups_supported" for i, _ in _indicators(text))


def _by_id(text: str) -> dict[tuple[str, float], str]:
    return {(r["indicator_id"], r["value"]): r["measure"] for r in _rows(text)}


def test_generic_target_word_is_the_target_of_the_statistic_before_it():
    # A generic target word (目标任务) names the target of the statistic
    # nearest before it: here hardship placements, not new urban jobs, and
    # the rate completes that other statistic (no completion row for it).
    text = ("今年1-10月,青禾县城镇新增就业2100人,占全年目标任务1500人的140%;"
            "帮助城镇88名就业困难人员实现就业,占全年目标任务80人的110%。")
    rows = _by_id(text)
    assert rows[("urban_new_jobs", 2100)] == "outcome"
    assert rows[("urban_new_jobs_target", 1500)] == "target"
    assert ("urban_new_jobs_target_completion", 140) in rows
    assert rows[("hard_to_employ_employed", 80)] == "target"
    assert ("urban_new_jobs_target", 80) not in rows
    assert ("urban_new_jobs_target_completion", 110) not in rows


def test_respective_rates_keep_their_list_order():
    # After 分别 each rate is of the statistic in the same place of the list.
    text = "柳溪市新增就业1.2万人,困难人员再就业900人,分别完成年计划的80.5%和91.2%。"
    assert ("urban_new_jobs_target_completion", 80.5) in _indicators(text)


@pytest.mark.parametrize("text,value", [
    ("招聘会上,共有2180名求职人员达成用工意向。", 2180),
    ("目前,已有310多名求职者与企业达成就业意向。", 310),
    ("最终,共有95人在此次招聘会达成就职意向。", 95),
])
def test_predicate_after_counted_people_names_the_count(text, value):
    # "N 名 X 达成…意向": what the counted people did names the count (offers
    # reached), past the noun that says who they are (jobseekers).
    assert _indicators(text) == {("job_offers_reached", value)}


def test_jobseekers_without_predicate_stay_attendees():
    assert _indicators("招聘会共吸引求职人员2600余人。") == {("job_fair_attendees", 2600)}


def test_figures_in_brackets_after_a_total_are_its_breakdown():
    # "共有 N 家企业(A 家为…, B 家为…)": the bracketed figures are parts of
    # the total, no rows of their own.
    text = "此次招聘会共有37家企业(15家为本镇企业,22家为周边企业)参加,提供岗位900多个。"
    assert _indicators(text) == {("job_fair_employers", 37), ("job_vacancies_offered", 900)}


def test_count_and_amount_side_by_side_share_the_words_before():
    # "发放创业担保贷款 N 笔 M 万元": one object measured twice; a count of
    # loans (笔) is the borrowers, the amount the loans issued.
    text = "累计发放创业担保贷款412笔5230万元。"
    assert _indicators(text) == {("startup_loan_recipients", 412), ("startup_guarantee_loans", 52300000)}


def test_first_object_of_a_list_shares_the_verb_after_the_last():
    # "为 N 名 X、M 户 Y 放贷 Z 万元" on a page about guaranteed loans: the
    # N people and the M firms are borrowers (counted 户: SPEC.md); a loan
    # fund (基金) is no loan issued.
    text = "新增小额担保贷款基金300万元,为215名下岗失业人员、6户小企业放贷1460万元。"
    assert _indicators(text) == {("startup_loan_recipients", 215), ("startup_loan_recipients", 6),
                                 ("startup_guarantee_loans", 14600000)}


def test_plain_lending_is_no_startup_loan():
    # 放贷 names start-up loans only where the sentence speaks of them.
    assert _indicators("柳溪农商行全年放贷12亿元。") == set()


def test_count_before_xiagang_is_a_count_of_people():
    # "N 名下岗失业人员": 名 is the classifier; 下岗 is no "名下" (in one's name).
    from etl.extract import extract_text as ex
    figs = ex("为88名下岗职工提供岗位。", ISSUE).figures
    assert [(f.surface, f.unit) for f in figs] == [("88名", "person")]


def test_startup_training_is_no_skills_training():
    # 创业培训 trains people to start a business: not 职业技能培训.
    assert _indicators("完成职业技能培训900人,创业培训120人,创业能力培训60人。") == {("skills_training", 900)}


def test_posts_created_where_business_starts_are_told_are_jobs_created():
    # "创造…就业岗位 N 个" in a sentence about business starts: posts created
    # by them, not vacancies offered at a fair.
    text = "培育创业实体120个,创造新的就业岗位860个。"
    assert _indicators(text) == {("startups_supported", 120), ("jobs_created_by_startups", 860)}


def test_laid_off_people_employed_are_reemployment():
    # "其中下岗失业人员就业 N 人": the laid-off placed, a part of another
    # indicator (new jobs) that stays a row of its own.
    text = "全市新增就业5,930人,其中下岗失业人员就业4,560人。"
    assert _indicators(text) == {("urban_new_jobs", 5930), ("reemployment", 4560)}


def test_actor_with_adverb_before_wei_is_who_acts():
    # "志愿者们共为 N 名老人…": the phrase names who acts (volunteers), the
    # figure whom they served: no volunteer count.
    text = "志愿者们共为8名独居老人打扫卫生。"
    assert not any(i == "care_volunteers" for i, _ in _indicators(text))


def test_money_and_goods_raised_are_care_funds():
    # 筹集款物 N 万元: money and goods counted as one amount.
    assert _indicators("全市工会共筹集款物3650.5万元,走访企业82家。") == {("care_funds", 36505000)}


@pytest.mark.parametrize("text,value", [
    ("春节期间,全省有12.4万务工农民返乡,已有6.6万人返岗复工。", 124000),
    ("截至目前,外省返乡3200人。", 3200),
])
def test_people_coming_home_are_returning_migrant_workers(text, value):
    # 返乡 before or after a count of people: migrant workers come home.
    assert ("returning_migrant_workers", value) in _indicators(text)


def test_students_coming_home_are_no_returning_migrant_workers():
    # (round 11: the students are the fair's attendees, N 名参加招聘会; still no returning workers)
    assert not {r for r in _indicators("今年春节返乡大学生320名参加招聘会。") if r[0] == "returning_migrant_workers"}


def test_sentence_opening_with_qizhong_lists_parts_of_the_sentence_before():
    # "A 达到 N。其中 B M；C K": a sentence opening with 其中 lists parts of
    # the total before, each a statistic of its own; a part that names no
    # indicator is named by the total's words (SPEC.md).
    text = "全县转移就业达到8.6万人次,增加0.3万人次。其中跨省转移就业2.1万人次;县内就地就业3.2万人次。"
    assert _indicators(text) == {("people_helped_into_jobs", 86000), ("people_helped_into_jobs", 21000),
                                 ("people_helped_into_jobs", 32000)}


def test_part_of_another_group_stays():
    # 其中农民工 N 人次: another group than the total's, a row of its own.
    text = "全年开展职业技能培训3200人次,其中农民工培训1800人次。"
    assert _indicators(text) == {("skills_training", 3200), ("skills_training", 1800)}


def test_phrase_around_the_next_figure_names_the_people_counted_before_it():
    # "为 N 名农民工追回被拖欠的 M 万元工资": the verb … object phrase around
    # the amount says what was done for the people: both are statistics of
    # the recovery.
    text = "柳溪镇派出所民警为17名农民工追回被拖欠的8万元工资。"
    assert _indicators(text) == {("unpaid_wages_recovered_workers", 17), ("unpaid_wages_recovered_amount", 80000)}


def test_count_of_firms_is_not_the_place_they_moved_into():
    # "引进 N 家企业入驻扶贫车间": the count counts the firms (企业, one of
    # other_counted_nouns) right after it; a phrase after that noun names no
    # count of them.
    text = "引进5家企业入驻扶贫车间。"
    assert not any(i == "assistance_workshops" for i, _ in _indicators(text))


def test_firms_taking_part_in_a_fair_stay_employers():
    assert _indicators("共有60家企业参加招聘会。") == {("job_fair_employers", 60)}


@pytest.mark.parametrize("text,expected", [
    # 带动 … 就业 around the figure, on a sentence about guaranteed loans:
    # jobs the loans' businesses created, not people helped into jobs.
    ("为80名下岗失业人员发放小额担保贷款960万元,直接带动了310人实现就业。",
     {("startup_loan_recipients", 80), ("startup_guarantee_loans", 9600000), ("jobs_created_by_startups", 310)}),
    # 吸纳 … 就业 around the figure, on a sentence about a workshop.
    ("柳溪村扶贫车间吸纳65人实现就业。", {("assistance_workshop_jobs", 65)}),
])
def test_confirmed_verb_phrase_around_the_figure_holds_the_shorter_phrase_after(text, expected):
    # A verb … object phrase around the figure whose indicator the sentence
    # confirms says more than the phrase after the figure inside it (实现就业).
    assert _indicators(text) == expected


def test_longer_phrase_after_stays_the_more_specific():
    # 困难人员实现就业 (a hardship group placed) is longer than 帮助…就业.
    assert _indicators("帮助215名困难人员实现就业。") == {("hard_to_employ_employed", 215)}
