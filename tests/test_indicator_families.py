"""The statistics of employment and community-care reporting, family by
family (issue 16's list), in the phrasings a reader meets in a county
paper, a government work report, a statistics bulletin, a 人社局 summary or
a news-agency item: word-order variants, 达/为/共/累计/实现 before the
figure, 、-lists, headings with colons.  Every text is invented (invented
places and figures).  For each family the positive cases state the rule
"this phrasing of the statistic becomes its indicator with the printed
value", the negative ones "a policy ceiling, a per-head standard, a plan's
budget, a count of documents, meetings or goods, a private person's loan or
wage is no statistic: no row"."""

from __future__ import annotations

import datetime as dt

import pytest

from etl import semantic
from etl.extract import extract_text

ISSUE = dt.date(2024, 12, 20)


def _indicators(text: str) -> set[tuple[str, float]]:
    page = extract_text(text, ISSUE)
    return {(r["indicator_id"], r["value"]) for r in semantic.derive("t", page).indicators}


# --- Job fairs: events, employers, vacancies, jobseekers, hiring intentions.
JOB_FAIRS = [
    ("今年以来,招聘会在县人才中心共举办12场。", {("recruitment_events", 12)}),
    ("今年以来,青禾县共举办各类招聘会86场。", {("recruitment_events", 86)}),
    ("全年累计举办线上线下招聘活动120场次。", {("recruitment_events", 120)}),
    ("本次招聘会共吸引82家企业参会,提供就业岗位3600余个。", {("job_fair_employers", 82), ("job_vacancies_offered", 3600)}),
    ("参会企业达65家,提供岗位2100个,进场求职人员1800余人,达成初步就业意向460人。", {("job_fair_attendees", 1800), ("job_fair_employers", 65), ("job_offers_reached", 460), ("job_vacancies_offered", 2100)}),
    ("据统计,当天共有3200余名求职者进场,580人与企业达成就业意向。", {("job_fair_attendees", 3200), ("job_offers_reached", 580)}),
    ("活动共组织45家企业进场招聘,发布就业岗位1500余个,吸引求职者2000余人次。", {("job_fair_attendees", 2000), ("job_fair_employers", 45), ("job_vacancies_offered", 1500)}),
    ("举办“春风行动”专场招聘会12场,参与企业360家,提供岗位8600个。", {("job_fair_employers", 360), ("job_vacancies_offered", 8600), ("recruitment_events", 12)}),
    ("招聘会:参会企业48家,岗位1200个,入场求职900人,达成意向210人。", {("job_fair_attendees", 900), ("job_fair_employers", 48), ("job_offers_reached", 210), ("job_vacancies_offered", 1200)}),
    ("开展直播带岗活动15场。", {("job_fairs_online", 15)}),
    ("共举办线下招聘会30场、线上招聘会25场。", {("job_fairs_offline", 30), ("job_fairs_online", 25)}),
    ("现场初步达成就业意向者达到350人。", {("job_offers_reached", 350)}),
    ("全年举办招聘会156场次,参会企业4200家次,提供岗位6.8万个,达成就业意向1.1万人。", {("job_fair_employers", 4200), ("job_offers_reached", 11000), ("job_vacancies_offered", 68000), ("recruitment_events", 156)}),
    ("“春风行动”期间,共举办专场招聘会28场,进场求职者1.2万人次。", {("job_fair_attendees", 12000), ("recruitment_events", 28)}),
    ("此次招聘会提供的就业岗位达2000多个。", {("job_vacancies_offered", 2000)}),
    ("现场共有1260人达成就业意向。", {("job_offers_reached", 1260)}),
    ("招聘企业:56家\n提供岗位:3200个\n", {("job_fair_employers", 56), ("job_vacancies_offered", 3200)}),
    ("据统计,本次招聘会共有企业62家,岗位2300余个。", {("job_fair_employers", 62), ("job_vacancies_offered", 2300)}),
    ("共举办了18场招聘会。", {("recruitment_events", 18)}),
    ("招聘会共举办18场。", {("recruitment_events", 18)}),
    ("共有3600余个就业岗位供求职者选择。", {("job_vacancies_offered", 3600)}),
    ("进场求职人数达2300人次。", {("job_fair_attendees", 2300)}),
    ("吸引2300余人次求职者进场。", {("job_fair_attendees", 2300)}),
    ("参会企业共计85家。", {("job_fair_employers", 85)}),
    ("85家企业携3200个岗位参会。", {("job_fair_employers", 85), ("job_vacancies_offered", 3200)}),
    ("400余人初步达成就业意向。", {("job_offers_reached", 400)}),
    ("意向签约260人。", {("job_offers_reached", 260)}),
]
JOB_FAIRS_NOT = [
    "本次招聘会将持续3天。",
    "每家企业限派2名工作人员参会。",
    "招聘会现场设置了4个服务专区。",
    "人社局召开招聘工作会议3次,印发文件5份。",
    "某企业计划招聘员工200人。",
    "招聘会从上午9时持续到12时。",
    "该公司月薪6000元招聘技术工人。",
    "为求职者提供1次职业指导、3次岗位推荐。",
    "召开全县就业创业工作推进会1次。",
]


@pytest.mark.parametrize("text, expected", JOB_FAIRS)
def test_job_fairs_phrasings_become_their_indicators(text, expected):
    # Rule: each common phrasing of a job fairs statistic gives its
    # indicator with the printed value, and nothing else.
    assert _indicators(text) == expected


@pytest.mark.parametrize("text", JOB_FAIRS_NOT)
def test_job_fairs_non_statistics_give_no_row(text):
    # Rule: a ceiling, a per-head standard, a budget, a count of documents,
    # meetings or goods, a private person's own figure is no statistic.
    assert _indicators(text) == set()

# --- Labour transfer and migration: 转移就业 and its other names (劳务输出, 富余劳动力转移, 输转 (输出转移),
# 转移到省外, labour sent out 输送/输出劳动力: people_helped_into_jobs, as SPEC.md settles), 外出务工 (the
# migrants away from home: workers_outside_province).
LABOUR_TRANSFER = [
    ("全年农村劳动力转移就业新增1.2万人,年末转移就业总量达52.6万人。", {("people_helped_into_jobs", 12000), ("people_helped_into_jobs", 526000)}),
    ("全年新增转移农村劳动力就业5600人。", {("people_helped_into_jobs", 5600)}),
    ("2023年,全县农村劳动力转移就业达12.6万人。", {("people_helped_into_jobs", 126000)}),
    ("全县劳务输出3.8万人,实现劳务收入9.2亿元。", {("people_helped_into_jobs", 38000)}),
    ("今年全县累计输转劳动力4.1万人。", {("people_helped_into_jobs", 41000)}),
    ("全市转移农村富余劳动力6.7万人。", {("people_helped_into_jobs", 67000)}),
    ("全乡外出务工人员达到5200人。", {("workers_outside_province", 5200)}),
    ("组织劳务输出1.2万人次。", {("people_helped_into_jobs", 12000)}),
    ("新增农村劳动力转移就业3200人,累计转移就业6.5万人。", {("people_helped_into_jobs", 3200), ("people_helped_into_jobs", 65000)}),
    ("全县共有2.3万名农村劳动力外出务工。", {("workers_outside_province", 23000)}),
    ("有组织劳务输出8500人。", {("people_helped_into_jobs", 8500)}),
    ("全县实现农村劳动力转移就业8.6万人,其中省外务工4.2万人。", {("people_helped_into_jobs", 86000), ("workers_outside_province", 42000)}),
    ("全县转移农村劳动力3.6万人,其中转移到省外1.4万人。", {("people_helped_into_jobs", 36000), ("people_helped_into_jobs", 14000)}),
    ("转移就业:新增农村劳动力转移就业2800人。", {("people_helped_into_jobs", 2800)}),
    ("该镇有组织输转劳动力1.5万人次。", {("people_helped_into_jobs", 15000)}),
    ("今年全县外出务工人员共计3.4万人。", {("workers_outside_province", 34000)}),
    ("全县转移农村劳动力就业4.6万人。", {("people_helped_into_jobs", 46000)}),
    ("全县农村劳动力转移就业人数达4.6万人。", {("people_helped_into_jobs", 46000)}),
    ("劳务输出人数达4.6万人。", {("people_helped_into_jobs", 46000)}),
    ("富余劳动力转移4.6万人。", {("people_helped_into_jobs", 46000)}),
]
LABOUR_TRANSFER_NOT = [
    "组织召开劳务输出对接会3次。",
    "全县劳务收入达28亿元。",
    "外出务工的张某每月能挣8000元。",
    "县里印发劳务输出工作方案3份。",
    "外出务工人员人均月收入4200元。",
    "务工补贴每人每年最高1000元。",
    "劳务输出奖补资金按每人200元发放。",
]


@pytest.mark.parametrize("text, expected", LABOUR_TRANSFER)
def test_labour_transfer_phrasings_become_their_indicators(text, expected):
    # Rule: each common phrasing of a labour transfer statistic gives its
    # indicator with the printed value, and nothing else.
    assert _indicators(text) == expected


@pytest.mark.parametrize("text", LABOUR_TRANSFER_NOT)
def test_labour_transfer_non_statistics_give_no_row(text):
    # Rule: a ceiling, a per-head standard, a budget, a count of documents,
    # meetings or goods, a private person's own figure is no statistic.
    assert _indicators(text) == set()

# --- Returning migrant workers (返乡) and their business starts.
RETURNEES = [
    ("全县返乡就业创业人员达3200人。", {("returning_migrant_workers", 3200)}),
    ("全县返乡留乡农民工3200人。", {("returning_migrant_workers", 3200)}),
    ("引导1800名外出人才回乡创业。", {("startups_supported", 1800)}),
    ("截至目前,全县返乡创业人数达到1800人。", {("startups_supported", 1800)}),
    ("今年以来共回引农民工1600人返乡创业就业。", {("returning_migrant_workers", 1600)}),
    ("全县返乡农民工达2.4万人。", {("returning_migrant_workers", 24000)}),
    ("春节前后共有3800名农民工返乡。", {("returning_migrant_workers", 3800)}),
    ("扶持农民工返乡创业620人。", {("startups_supported", 620)}),
    ("全县返乡创业人员达1100人,带动就业5600人。", {("jobs_created_by_startups", 5600), ("startups_supported", 1100)}),
    ("返乡创业:扶持返乡入乡创业人员430人。", {("startups_supported", 430)}),
    ("返乡农民工3200人。", {("returning_migrant_workers", 3200)}),
]
RETURNEES_NOT = [
    "返乡创业园区入驻企业56家。",
    "返乡农民工人均月收入3200元。",
    "全县返乡创业园区占地面积达120亩。",
    "他在外务工10年后返乡。",
    "返乡农民工某某说,他今年赚了8万元。",
    "返乡创业园区规划面积1200亩。",
]


@pytest.mark.parametrize("text, expected", RETURNEES)
def test_returnees_phrasings_become_their_indicators(text, expected):
    # Rule: each common phrasing of a returnees statistic gives its
    # indicator with the printed value, and nothing else.
    assert _indicators(text) == expected


@pytest.mark.parametrize("text", RETURNEES_NOT)
def test_returnees_non_statistics_give_no_row(text):
    # Rule: a ceiling, a per-head standard, a budget, a count of documents,
    # meetings or goods, a private person's own figure is no statistic.
    assert _indicators(text) == set()

# --- Unemployment: registered and surveyed rates, re-employment, hard-to-employ people, public-welfare jobs.
UNEMPLOYMENT = [
    ("开发乡村公益性岗位1200个,兜底安置脱贫劳动力1150人。", {("public_welfare_jobs", 1200), ("public_welfare_jobs", 1150)}),
    ("年末城镇登记失业率为2.8%。", {("unemployment_rate_registered", 2.8)}),
    ("城镇调查失业率5.3%,控制在5.5%以内。", {("unemployment_rate_surveyed", 5.3), ("unemployment_rate_surveyed", 5.5)}),
    ("全区城镇登记失业率控制在3.5%以内。", {("unemployment_rate_registered", 3.5)}),
    ("城镇失业人员再就业2100人。", {("reemployment", 2100)}),
    ("帮助城镇失业人员实现再就业1800人。", {("reemployment", 1800)}),
    ("全年实现下岗失业人员再就业960人。", {("reemployment", 960)}),
    ("就业困难人员实现就业420人。", {("hard_to_employ_employed", 420)}),
    ("帮扶就业困难人员就业380人。", {("hard_to_employ_employed", 380)}),
    ("通过公益性岗位安置260人。", {("public_welfare_jobs", 260)}),
    ("全县共开发公益性岗位540个,安置就业困难人员510人。", {("hard_to_employ_employed", 510), ("public_welfare_jobs", 540)}),
    ("新开发乡村公益岗1200个。", {("public_welfare_jobs", 1200)}),
    ("城镇登记失业率:2.9%", {("unemployment_rate_registered", 2.9)}),
    ("全年城镇调查失业率平均值为5.1%。", {("unemployment_rate_surveyed", 5.1)}),
    ("失业人员再就业、就业困难人员就业分别完成3200人和850人。", {("hard_to_employ_employed", 850), ("reemployment", 3200)}),
    ("全年共有1650名失业人员实现再就业。", {("reemployment", 1650)}),
    ("帮助860名就业困难人员实现就业。", {("hard_to_employ_employed", 860)}),
    ("登记失业率控制在2.9%以内。", {("unemployment_rate_registered", 2.9)}),
    ("城镇调查失业率保持在5.5%左右。", {("unemployment_rate_surveyed", 5.5)}),
    ("2600名失业人员实现再就业。", {("reemployment", 2600)}),
    ("就业困难人员再就业920人。", {("hard_to_employ_employed", 920)}),
    ("安置公益性岗位920人。", {("public_welfare_jobs", 920)}),
]
UNEMPLOYMENT_NOT = [
    "全年新认定就业困难人员2300人。",
    "全县共有就业困难人员2300人。",
    "对2300名就业困难人员实行动态管理。",
    "调查失业率比上月下降0.2个百分点。",
    "公益性岗位每月工作时间不少于20天。",
    "失业保险金每月1560元。",
    "公益性岗位补贴标准为每人每月1500元。",
    "制定就业困难人员认定办法2项。",
    "失业率比上年下降0.2个百分点。",
    "公益性岗位人员每人每月补贴1800元。",
]


@pytest.mark.parametrize("text, expected", UNEMPLOYMENT)
def test_unemployment_phrasings_become_their_indicators(text, expected):
    # Rule: each common phrasing of a unemployment statistic gives its
    # indicator with the printed value, and nothing else.
    assert _indicators(text) == expected


@pytest.mark.parametrize("text", UNEMPLOYMENT_NOT)
def test_unemployment_non_statistics_give_no_row(text):
    # Rule: a ceiling, a per-head standard, a budget, a count of documents,
    # meetings or goods, a private person's own figure is no statistic.
    assert _indicators(text) == set()

# --- Wages and protection: unpaid wages recovered, the minimum wage, insurance enrolment.
WAGES_AND_INSURANCE = [
    ("年末全市参加城镇职工基本养老保险人数为86.2万人,比上年末增加3.1万人。", {("pension_insurance_enrolment", 862000)}),
    ("全县企业职工基本养老、失业、工伤保险参保人数分别达到12.3万人、3.6万人和4.1万人。", {("pension_insurance_enrolment", 123000), ("unemployment_insurance_enrolment", 36000), ("work_injury_insurance_enrolment", 41000)}),
    ("月最低工资标准较上次调整平均增长8.5%。", {("minimum_wage", 8.5)}),
    ("新就业形态劳动者参加工伤保险3200人。", {("work_injury_insurance_enrolment", 3200)}),
    ("全县共有3.2万人参加失业保险。", {("unemployment_insurance_enrolment", 32000)}),
    ("为1200余名农民工追发工资2300万元。", {("unpaid_wages_recovered_amount", 23000000), ("unpaid_wages_recovered_workers", 1200)}),
    ("全年共追回拖欠农民工工资1.6亿元,涉及农民工4500人。", {("unpaid_wages_recovered_amount", 160000000), ("unpaid_wages_recovered_workers", 4500)}),
    ("根治欠薪冬季专项行动中,为3400名劳动者追讨欠薪4100万元。", {("unpaid_wages_recovered_amount", 41000000), ("unpaid_wages_recovered_workers", 3400)}),
    ("共清欠农民工工资860万元。", {("unpaid_wages_recovered_amount", 8600000)}),
    ("帮助农民工讨回工资560万元。", {("unpaid_wages_recovered_amount", 5600000)}),
    ("我省月最低工资标准调整为2000元、1800元、1700元三档。", {("minimum_wage", 1700), ("minimum_wage", 1800), ("minimum_wage", 2000)}),
    ("最低工资标准由1650元提高到1800元。", {("minimum_wage", 1800)}),
    ("全县城乡居民基本养老保险参保人数达32.5万人。", {("pension_insurance_enrolment", 325000)}),
    ("失业保险参保人数达到6.8万人。", {("unemployment_insurance_enrolment", 68000)}),
    ("工伤保险参保9.1万人。新就业形态人员职业伤害保障参保1.2万人。", {("work_injury_insurance_enrolment", 12000), ("work_injury_insurance_enrolment", 91000)}),
    ("养老、失业、工伤保险参保人数分别达到45万人、12万人和15万人。", {("pension_insurance_enrolment", 450000), ("unemployment_insurance_enrolment", 120000), ("work_injury_insurance_enrolment", 150000)}),
    ("参加企业职工基本养老保险的人数为18.2万人。", {("pension_insurance_enrolment", 182000)}),
    ("根治欠薪:为农民工追发工资1850万元。", {("unpaid_wages_recovered_amount", 18500000)}),
    ("共为2100名农民工追回被拖欠的工资3260万元。", {("unpaid_wages_recovered_amount", 32600000), ("unpaid_wages_recovered_workers", 2100)}),
    ("补发农民工工资420万元。", {("unpaid_wages_recovered_amount", 4200000)}),
    ("全省最低工资标准一类地区为每月2200元。", {("minimum_wage", 2200)}),
    ("全县新就业形态人员职业伤害保障参保2.3万人。", {("work_injury_insurance_enrolment", 23000)}),
    ("城乡居民养老保险参保人数为42.6万人,参保率达95%。", {("pension_insurance_enrolment", 426000)}),
    ("办结欠薪案件86件,追回工资1200万元。", {("unpaid_wages_recovered_amount", 12000000)}),
    ("清欠农民工工资1200万元,惠及农民工3000人。", {("unpaid_wages_recovered_amount", 12000000), ("unpaid_wages_recovered_workers", 3000)}),
    ("涉及农民工3000人的欠薪1200万元全部兑付。", {("unpaid_wages_recovered_amount", 12000000), ("unpaid_wages_recovered_workers", 3000)}),
    ("月最低工资标准分别为2100元、1950元和1800元。", {("minimum_wage", 1800), ("minimum_wage", 1950), ("minimum_wage", 2100)}),
    ("灵活就业人员参加养老保险1.3万人。", {("pension_insurance_enrolment", 13000)}),
    ("城镇职工基本养老、失业、工伤保险参保人数分别为18.2万人、6.1万人、7.5万人。", {("pension_insurance_enrolment", 182000), ("unemployment_insurance_enrolment", 61000), ("work_injury_insurance_enrolment", 75000)}),
]
WAGES_AND_INSURANCE_NOT = [
    "病假工资不得低于最低工资标准的80%。",
    "见习补贴按当地最低工资标准的100%发放。",
    "全年为1200名失业人员发放失业保险金3200万元。",
    "领取失业保险金人数1200人。",
    "城乡居民养老保险待遇领取人数达8.6万人。",
    "他每月工资5000元。",
    "农民工张某被拖欠工资3万元。",
    "用人单位支付的工资不得低于最低工资标准。",
    "养老保险缴费基数上限为每月2.1万元。",
    "劳动监察大队召开根治欠薪会议4次。",
    "去年我的工资涨了500元。",
    "全县印发根治欠薪工作方案2份、通知5个。",
    "他每月能拿到工资4500元。",
]


@pytest.mark.parametrize("text, expected", WAGES_AND_INSURANCE)
def test_wages_and_insurance_phrasings_become_their_indicators(text, expected):
    # Rule: each common phrasing of a wages and insurance statistic gives its
    # indicator with the printed value, and nothing else.
    assert _indicators(text) == expected


@pytest.mark.parametrize("text", WAGES_AND_INSURANCE_NOT)
def test_wages_and_insurance_non_statistics_give_no_row(text):
    # Rule: a ceiling, a per-head standard, a budget, a count of documents,
    # meetings or goods, a private person's own figure is no statistic.
    assert _indicators(text) == set()

# --- Training: skills training, 以工代训, 技能提升, employment after training.
TRAINING = [
    ("全年开展职业技能培训1.5万人次。", {("skills_training", 15000)}),
    ("组织农民工参加技能提升培训2300人。", {("skills_training", 2300)}),
    ("开展以工代训3600人。", {("skills_training", 3600)}),
    ("完成各类职业技能培训8200人,培训后实现就业5100人。", {("people_helped_into_jobs", 5100), ("skills_training", 8200)}),
    ("共培训农村劳动力4200人次。", {("skills_training", 4200)}),
    ("举办创业培训班30期,培训学员960人。", {("skills_training", 960)}),
    ("全县共有2600人参加职业技能培训。", {("skills_training", 2600)}),
    ("全年完成职业技能培训1.2万人次,其中以工代训3500人。", {("skills_training", 3500), ("skills_training", 12000)}),
    ("技能培训:开展农民工技能培训2400人。", {("skills_training", 2400)}),
    ("共培训各类人员5600人次。", {("skills_training", 5600)}),
    ("组织开展技能提升行动,培训职工1800人。", {("skills_training", 1800)}),
    ("培训农民工1.8万人次。", {("skills_training", 18000)}),
    ("共有1.8万人次参加技能提升培训。", {("skills_training", 18000)}),
    ("组织1.8万名农村劳动力参加技能培训。", {("skills_training", 18000)}),
]
TRAINING_NOT = [
    "聘请培训教师12名。",
    "每人每期培训补贴最高1800元。",
    "培训经费预算300万元。",
    "培训为期5天。",
    "培训补贴标准为每人1200元。",
    "培训班为期10天,共设课程12门。",
]


@pytest.mark.parametrize("text, expected", TRAINING)
def test_training_phrasings_become_their_indicators(text, expected):
    # Rule: each common phrasing of a training statistic gives its
    # indicator with the printed value, and nothing else.
    assert _indicators(text) == expected


@pytest.mark.parametrize("text", TRAINING_NOT)
def test_training_non_statistics_give_no_row(text):
    # Rule: a ceiling, a per-head standard, a budget, a count of documents,
    # meetings or goods, a private person's own figure is no statistic.
    assert _indicators(text) == set()

# --- Business starts: start-up guarantee loans, people supported, jobs created.
BUSINESS_STARTS = [
    ("发放创业担保贷款1.8亿元,扶持创业2300人,带动就业6900人。", {("jobs_created_by_startups", 6900), ("startup_guarantee_loans", 180000000), ("startups_supported", 2300)}),
    ("全年共发放创业担保贷款3200万元,贴息260万元。", {("startup_guarantee_loans", 32000000)}),
    ("为560名创业者发放创业担保贷款9800万元。", {("startup_guarantee_loans", 98000000), ("startup_loan_recipients", 560)}),
    ("新增创业担保贷款4.2亿元。", {("startup_guarantee_loans", 420000000)}),
    ("扶持自主创业1200人,创业带动就业4800人。", {("jobs_created_by_startups", 4800), ("startups_supported", 1200)}),
    ("累计发放创业担保贷款达5.6亿元。", {("startup_guarantee_loans", 560000000)}),
    ("成功扶持创业780人。", {("startups_supported", 780)}),
    ("创业担保贷款:发放1.3亿元,扶持创业1600人。", {("startup_guarantee_loans", 130000000), ("startups_supported", 1600)}),
    ("今年以来,全县共扶持860人成功创业,带动就业3100人。", {("jobs_created_by_startups", 3100), ("startups_supported", 860)}),
    ("共向1200名创业者发放创业担保贷款2.1亿元。", {("startup_guarantee_loans", 210000000), ("startup_loan_recipients", 1200)}),
    ("创业担保贷款发放2.6亿元。", {("startup_guarantee_loans", 260000000)}),
    ("帮扶4300人成功创业。", {("startups_supported", 4300)}),
    ("通过创业带动1.2万人就业。", {("jobs_created_by_startups", 12000)}),
]
BUSINESS_STARTS_NOT = [
    "孵化基地已入驻企业120家。",
    "个人创业担保贷款最高可贷30万元。",
    "小微企业创业担保贷款额度最高不超过300万元。",
    "他申请了创业担保贷款20万元,开了一家超市。",
    "贷款期限最长3年。",
    "县财政安排创业扶持资金预算500万元。",
    "创业担保贷款个人最高额度为30万元。",
    "县里出台扶持创业政策文件6个。",
    "县财政预算安排创业担保贷款贴息资金800万元。",
    "村民某某向银行申请贷款5万元。",
]


@pytest.mark.parametrize("text, expected", BUSINESS_STARTS)
def test_business_starts_phrasings_become_their_indicators(text, expected):
    # Rule: each common phrasing of a business starts statistic gives its
    # indicator with the printed value, and nothing else.
    assert _indicators(text) == expected


@pytest.mark.parametrize("text", BUSINESS_STARTS_NOT)
def test_business_starts_non_statistics_give_no_row(text):
    # Rule: a ceiling, a per-head standard, a budget, a count of documents,
    # meetings or goods, a private person's own figure is no statistic.
    assert _indicators(text) == set()

# --- Community care: visits, money and gifts, volunteers, people served, canteens, home care, children.
COMMUNITY_CARE = [
    ("社区开展留守儿童关爱活动12场,服务儿童600余人次。", {("children_care", 600)}),
    # (round 7: social assistance, 临时救助金 / 救助资金 paid by the state, is no
    # care money handed out on visits; 慰问救助款 is)
    ("全区共为困难群众发放临时救助金860万元。", set()),
    ("共募集善款36万元。", {("care_funds", 360000)}),
    ("春节期间,县总工会走访慰问困难职工320户,发放慰问金48万元。", {("care_funds", 480000), ("care_households_visited", 320)}),
    ("共走访慰问困难群众1500余人次,送去慰问金和慰问品价值30余万元。", {("care_people_visited", 1500)}),
    ("累计走访慰问困难党员、老党员260人,发放慰问金13万元。", {("care_funds", 130000), ("care_people_visited", 260)}),
    ("为86户困难家庭送去慰问金2.6万元。", {("care_funds", 26000), ("care_households_visited", 86)}),
    ("发放帮扶资金120万元。", {("care_funds", 1200000)}),
    ("送去米、油等慰问品价值1.5万元。", set()),
    ("共发放慰问礼包800份。", {("care_gift_packages", 800)}),
    ("活动共吸引志愿者300余人参与。", {("care_volunteers", 300)}),
    ("全县注册志愿者达5.6万人,组建志愿服务队320支。", {("care_volunteers", 56000), ("volunteer_teams", 320)}),
    ("开展志愿服务活动1600场次,服务群众3.2万人次。", {("care_people_served", 32000)}),
    ("全市建成老年食堂46个、助餐点120个。", {("elderly_canteens", 46), ("elderly_canteens", 120)}),
    ("全年累计提供助餐服务12万人次。", {("elderly_meals_served", 120000)}),
    ("长者饭堂日均就餐老人300余人次。", {("elderly_meals_served", 300)}),
    ("新建长者饭堂15家。", {("elderly_canteens", 15)}),
    ("全区为老年人提供居家养老服务5.2万人次。", {("home_care_services", 52000)}),
    ("建成儿童之家86个,关爱留守儿童1300名。", {("children_care", 86), ("children_care", 1300)}),
    ("全年走访慰问120次。", {("care_visits_made", 120)}),
    ("开展入户走访1800余次。", {("care_visits_made", 1800)}),
    ("共慰问困难户150户。", {("care_households_visited", 150)}),
    ("走访慰问对象:困难职工家庭62户。", {("care_households_visited", 62)}),
    ("节日期间,共慰问困难群众3200人,发放慰问金及物资折合96万元。", {("care_funds", 960000), ("care_people_visited", 3200)}),
    ("走访慰问困难家庭、空巢老人、留守儿童等560户。", {("care_households_visited", 560)}),
    ("全区共有注册志愿者1.8万名。", {("care_volunteers", 18000)}),
    ("共组建志愿服务队46支,开展志愿服务860余次,服务群众1.2万余人次。", {("care_people_served", 12000), ("volunteer_teams", 46)}),
    ("全市共建成老年助餐点260个,累计助餐28万人次。", {("elderly_canteens", 260), ("elderly_meals_served", 280000)}),
    ("为辖区1200名老人提供居家养老服务。", {("home_care_services", 1200)}),
    ("全县已建成儿童之家210个。", {("children_care", 210)}),
    ("共发放米、面、油等慰问品2600份。", {("care_gift_packages", 2600)}),
    ("开展“送温暖”活动,为280名困难职工送去慰问金14万元。", {("care_funds", 140000), ("care_people_visited", 280)}),
    ("共走访慰问1500余户困难家庭。", {("care_households_visited", 1500)}),
    ("入户走访1500余户。", {("care_households_visited", 1500)}),
    ("走访慰问人数达1500人。", {("care_people_visited", 1500)}),
    ("春节前夕,共向1500户困难群众发放慰问金45万元。", {("care_funds", 450000), ("care_households_visited", 1500)}),
    ("为320名困难职工发放慰问金16万元。", {("care_funds", 160000), ("care_people_visited", 320)}),
    ("慰问金、慰问品合计36万元。", {("care_funds", 360000)}),
    ("为困难群众送去1200份年货大礼包。", {("care_gift_packages", 1200)}),
    ("组织260名志愿者开展活动。", {("care_volunteers", 260)}),
    ("组建86支志愿者服务队。", {("volunteer_teams", 86)}),
    ("受益群众达1.6万人。", {("care_people_served", 16000)}),
    ("建成36个老年助餐点。", {("elderly_canteens", 36)}),
    ("老年食堂日均服务200余人次。", {("elderly_meals_served", 200)}),
    ("居家养老服务覆盖老年人3.6万人次。", {("home_care_services", 36000)}),
    ("结对帮扶留守儿童360名。", {("children_care", 360)}),
    ("重阳节当天,青禾公司的20余名志愿者,为白石镇敬老院中50多位老人举办了主题为“情暖重阳,爱在身边”的慰问活动。", {("care_people_visited", 50), ("care_volunteers", 20)}),
]
COMMUNITY_CARE_NOT = [
    "每户可领取救助金1000元。",
    "最高救助金额不超过2万元。",
    "开展慰问演出12场。",
    "每户发放慰问金500元。",
    "为每位老人送上300元慰问金。",
    "慰问标准为每人1000元。",
    "志愿者们送去图书500余册、衣物200件。",
    "共召开慰问工作会议3次。",
    "老年食堂每餐收费10元。",
    "该老人今年85岁。",
    "每位困难老人可领取慰问金800元。",
    "慰问计划安排资金50万元。",
    "志愿者服务队召开工作例会2次。",
    "老年食堂每份午餐12元。",
    "县财政预算安排慰问资金300万元。",
    "全区共有居家养老服务中心32个。",
    "老年食堂服务人员12名。",
    "志愿者们为青禾小学送去图书600余册。",
]


@pytest.mark.parametrize("text, expected", COMMUNITY_CARE)
def test_community_care_phrasings_become_their_indicators(text, expected):
    # Rule: each common phrasing of a community care statistic gives its
    # indicator with the printed value, and nothing else.
    assert _indicators(text) == expected


@pytest.mark.parametrize("text", COMMUNITY_CARE_NOT)
def test_community_care_non_statistics_give_no_row(text):
    # Rule: a ceiling, a per-head standard, a budget, a count of documents,
    # meetings or goods, a private person's own figure is no statistic.
    assert _indicators(text) == set()
