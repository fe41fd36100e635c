"""Periods of indicator rows, round 10: a progress report on a work report's
plan, a cut-off before 今年, an up-to-now word reaching past ；, and the day
the lead says the figures were told (invented text: invented bodies and
figures, real county names from the gazetteer)."""

from __future__ import annotations

import datetime as dt

from tests.test_regions_periods import row_of, rows

D = dt.date


def _period(r: dict) -> tuple:
    return r["period_start"], r["period_end"]


_PLAN_REVIEW = ("记者从近日召开的某市两会上获悉，2019年石泉县政府工作报告提出的8件惠民实事，截至2019年12月20日已完成或超额完成年度任务。\n"
                "1.促进就业\n"
                "目标任务：全年城镇新增就业5300人，开展职业技能培训7100人次。\n"
                "完成情况：全年城镇新增就业6120人，开展职业技能培训7450人次。\n"
                "2.全民参保\n"
                "目标任务：全县基本养老保险参保人数达21万人以上。\n"
                "完成情况：全县基本养老保险参保人数达21.7万人以上。\n")


def test_a_plan_review_is_no_work_report_its_completion_runs_to_the_lead_cut_off():
    """A page reviewing the plan a work report set (…政府工作报告提出的…，截至
    2019年12月20日已完成…): its completion figures run from the plan year's
    start to the cut-off of the lead, not over the year before the issue's."""
    r = row_of(rows(_PLAN_REVIEW, "2020"), 6120)
    assert _period(r) == (D(2019, 1, 1), D(2019, 12, 20))


def test_a_plan_reviews_targets_are_for_the_year_its_lead_reports_on():
    """目标任务：全年…5300人 under a lead that reports on 2019's plan: the
    target is 2019's, not the issue year's."""
    r = row_of(rows(_PLAN_REVIEW, "2020"), 5300)
    assert _period(r) == (D(2019, 1, 1), D(2019, 12, 31))


def test_a_plan_reviews_enrolment_is_a_stock_at_the_lead_cut_off():
    """参保人数达21.7万人 (a stock) in the completion of the plan: no start,
    up to the lead's cut-off."""
    r = row_of(rows(_PLAN_REVIEW, "2020"), 217000)
    assert _period(r) == (None, D(2019, 12, 20))


def test_trap_a_work_report_itself_still_reviews_the_year_before():
    """A page that is the work report (its title names it) reviews the year
    before the one it is given in, as before."""
    text = ("2020年石泉县政府工作报告\n"
            "过去一年，全县城镇新增就业4700人，农村劳动力转移就业1.2万人。\n")
    r = row_of(rows(text, "2020-01-10"), 4700)
    assert _period(r) == (D(2019, 1, 1), D(2019, 12, 31))


def test_a_cut_off_right_before_jinnian_says_up_to_when():
    """截至7月末，今年某县新增就业…: 今年 follows the cut-off that bounds it;
    the figure runs to the cut-off, not to the article's date."""
    text = "某县人社局近日公布，截至7月末，今年石泉县城镇新增就业2781人，同比增长2%。\n"
    r = row_of(rows(text, "2016-08-31"), 2781)
    assert _period(r) == (D(2016, 1, 1), D(2016, 7, 31))


def test_an_up_to_now_word_reaches_the_items_after_a_semicolon():
    """截至目前，…举办招聘会21场；见习基地已发展到136家: the up-to-now word
    governs every item of its sentence up to the full stop, so the stock
    after ；ends on the article's date with no start."""
    text = ("石泉县人社局消息。\n"
            "据介绍，截至目前，石泉县共举办专场招聘会21场，提供就业岗位3200个；就业见习基地已发展到136家。\n")
    r = row_of(rows(text, "2016-08-31"), 136)
    assert _period(r) == (None, D(2016, 8, 31))


def test_now_is_the_day_the_lead_says_the_figures_were_told():
    """5月27日，记者从…发布会上了解到，截至目前，…: the figures are as of the
    press conference, not of the later issue date."""
    text = ("本报讯 5月27日，记者从石泉县就业工作新闻发布会上了解到，截至目前，石泉县城镇新增就业1397人；"
            "就业困难人员实现就业97人。\n")
    rs = rows(text, "2020-05-30")
    assert _period(row_of(rs, 1397)) == (D(2020, 1, 1), D(2020, 5, 27))
    assert _period(row_of(rs, 97)) == (D(2020, 1, 1), D(2020, 5, 27))


def test_trap_a_day_of_an_event_in_the_lead_is_not_the_day_told():
    """5月27日，某县举办招聘会 (no word of learning the figures): 截至目前
    later ends on the issue date, as before."""
    text = ("5月27日，石泉县举办春季招聘会。\n"
            "截至目前，石泉县城镇新增就业1397人。\n")
    r = row_of(rows(text, "2020-05-30"), 1397)
    assert _period(r) == (D(2020, 1, 1), D(2020, 5, 30))


def test_a_campaign_since_an_undated_start_in_the_lead_makes_later_figures_running_totals():
    """…工程建设启动以来，某市… in the lead (no date says since when): a later
    paragraph's figure with no date of its own, 截至目前 included, is a
    running total since that start: cumulative, no start, up to now."""
    text = ("某县讯 全省“邻里守望”工程建设启动以来，石泉县以结对帮扶为抓手，推动关爱工作走深走实。\n"
            "石泉县建立结对关系。截至目前，全县各级干部共开展走访探视4321人次。\n"
            "动员爱心人士为特殊困难群体送温暖、献爱心870多人次。\n")
    rs = rows(text, "2024-01-18")
    for v in (4321, 870):
        r = row_of(rs, v)
        assert (r["measure"], _period(r)) == ("cumulative", (None, D(2024, 1, 18)))


def test_recent_years_in_the_lead_make_a_done_by_now_figure_a_running_total():
    """近年来，该镇… in the lead; a later sentence saying 已培育…37人，带动就业
    420余人 counts what has been done by now: cumulative up to the
    article's date."""
    text = ("近年来，石泉县某镇构建引才工作体系，吸引外出务工人员返乡就业创业。\n"
            "该镇提供办公场地、贴息贷款等扶持政策，已培育返乡创业典型37人，带动就业420余人。\n")
    rs = rows(text, "2025-03-04")
    for v in (37, 420):
        r = row_of(rs, v)
        assert (r["measure"], _period(r)) == ("cumulative", (None, D(2025, 3, 4)))


def test_trap_up_to_now_inside_a_recent_years_lead_is_the_year_so_far():
    """近年来，…。截至目前，…新增就业2093人，占全年目标任务的174%: in the lead's
    own paragraph the up-to-now word starts a count of the year so far."""
    text = ("近年来，石泉县把就业创业作为保民生的重要任务。截至目前，城镇新增就业2093人，占全年目标任务1200人的174%。\n")
    r = row_of(rows(text, "2018-11-05"), 2093)
    assert (r["measure"], _period(r)) == ("outcome", (D(2018, 1, 1), D(2018, 11, 5)))


def test_trap_recent_years_do_not_frame_a_later_figure_not_said_done_by_now():
    """近年来 in the lead; a later 发放创业担保贷款939万元 (no 已, 累计) keeps
    its empty period: recent years frame loosely."""
    text = ("近年来，石泉县把就业创业作为保民生的重要任务。\n"
            "发放创业担保贷款939万元，扶持创业人数143人。\n")
    r = row_of(rows(text, "2018-11-05"), 9390000)
    assert _period(r) == (None, None)


def test_a_flow_over_several_whole_years_is_a_total_across_them():
    """过去五年 in a work report (2013..2017): 新增城镇就业 over those years is a
    total across years, cumulative, and keeps the span's start."""
    text = ("2018年石泉县政府工作报告\n"
            "过去五年，全县经济实力显著增强，新增城镇就业1.35万人，贫困发生率显著下降。\n")
    r = row_of(rows(text, "2018-01-24"), 13500)
    assert (r["measure"], _period(r)) == ("cumulative", (D(2013, 1, 1), D(2017, 12, 31)))


def test_trap_a_flow_over_one_year_stays_an_outcome():
    """过去一年 (one calendar year): a flow of that year, an outcome."""
    text = ("2018年石泉县政府工作报告\n"
            "过去一年，全县新增城镇就业2710人，经济运行稳中向好。\n")
    r = row_of(rows(text, "2018-01-24"), 2710)
    assert (r["measure"], _period(r)) == ("outcome", (D(2017, 1, 1), D(2017, 12, 31)))


def test_people_holding_posts_are_a_stock():
    """公益性岗位在岗1.15万人: those holding the posts at the report's date, a
    stock: cumulative, no start, up to the cut-off that frames the report."""
    text = "截至9月底，石泉县就业困难人员实现就业610人，完成年计划110%。公益性岗位在岗1150人。\n"
    r = row_of(rows(text, "2011-10-20"), 1150)
    assert (r["measure"], _period(r)) == ("cumulative", (None, D(2011, 9, 30)))


def test_posts_set_up_by_now_are_a_stock():
    """截至目前，某镇共设置长期性公益岗位167个: the posts that exist now, a
    stock (共设置 builds a total, as 共设立 does)."""
    text = ("某镇积极开发公益岗位，规范岗位管理。\n"
            "截至目前，石泉县某镇共设置长期性公益岗位167个，阶段性公益岗位34个。\n")
    r = row_of(rows(text, "2019-06-07"), 167)
    assert (r["measure"], _period(r)) == ("cumulative", (None, D(2019, 6, 7)))


def test_workers_away_year_round_are_a_stock():
    """常年在外务工人员达3万人: those away year-round, a stock."""
    text = "石泉县是劳务输出大县，常年在外务工人员达3万人，劳务收入是群众增收的重要途径。\n"
    r = row_of(rows(text, "2018-05-02"), 30000)
    assert r["measure"] == "cumulative"


def test_trap_graduates_taken_on_in_posts_are_a_flow():
    """吸纳在岗高校毕业生280余人 (2022年，…): people a base took on, a flow of
    the year, not the stock 在岗 counts elsewhere."""
    text = "2022年，石泉县已建立就业见习基地151家，吸纳在岗高校毕业生280余人。\n"
    r = row_of(rows(text, "2023-01-18"), 280)
    assert _period(r) == (D(2022, 1, 1), D(2022, 12, 31))


def test_a_day_told_as_past_is_never_after_the_issue_date():
    """4月22日下午，…招聘会在这里进行 on a page dated 2021-04-09 (a repost):
    a day written without its year that the issue year would put after
    publication is of the year before."""
    text = ("4月22日下午，石泉县某镇便民服务中心门前人声鼎沸，一场招聘会在这里进行。\n"
            "据了解，当天的招聘会一共有9家本地企业参加，共计提供了130余个就业岗位。\n")
    r = row_of(rows(text, "2021-04-09"), 9)
    assert _period(r) == (D(2020, 4, 22), D(2020, 4, 22))


def test_trap_a_day_announced_ahead_stays_in_the_issue_year():
    """招聘会将于4月22日举办 on a page of 2021-04-09: a day to come, kept in
    the issue year (a plan, not a past day)."""
    from tests.test_regions_periods import dates
    got = dates("某县招聘会将于4月22日在县体育馆举办，届时将有50家企业参加。", D(2021, 4, 9), "day")
    assert got["4月22日"] == (D(2021, 4, 22), D(2021, 4, 22))


def test_that_day_after_a_source_lead_in_is_the_day_told_of_last():
    """据了解，当天的招聘会一共有9家企业参加 opening a paragraph: 当天 is the
    day told of last, past a repeated title line between them (a title
    printed again over a photo opens no section)."""
    text = ("一场家门口的招聘会\n"
            "3月12日上午，石泉县某镇便民服务中心门前人声鼎沸，一场招聘会在这里进行。\n"
            "一场家门口的招聘会\n"
            "据了解，当天的招聘会一共有9家本地企业参加。\n")
    r = row_of(rows(text, "2021-03-20"), 9)
    assert _period(r) == (D(2021, 3, 12), D(2021, 3, 12))
