"""Regions, periods and measures of indicator rows, round 4 (issue 15): the
general shapes of the misses of fresh2, on invented text.  Each test states
the rule it checks in its name and docstring."""

from __future__ import annotations

import datetime as dt

from etl.semantic import region_resolution
from tests.test_regions_periods import row_of, rows

D = dt.date


def test_the_outlet_signing_the_lead_names_the_pages_province():
    """A county outlet's report (本报讯（某某县融媒体中心 …）) on its workers
    sent to another province names that province's places more often than
    its own county: the outlet that signs the lead says whose page it is,
    and no figure is published in the other province."""
    text = ("送工上岗\n\n"
            "本报讯 （剑阁县融媒体中心 记者 甲乙）2月3日，剑阁县春季送岗行动启动，60余名群众乘车前往江苏务工。\n"
            "务工人员之一的丙丁，目的地为江苏省苏州市昆山市，他在昆山工作已有三年。\n"
            "据悉，该县已联系江苏岗位3000余个。\n")
    assert region_resolution.page_region(text).code == "510823"
    rs = rows(text, "2023-02-06")
    assert rs and all(r["region_code"] == "510823" for r in rs)


def test_an_outlet_named_after_the_lead_does_not_decide_the_province():
    """Only the outlet that signs the lead counts: a paper quoted later in
    the text (据昆山日报报道) is no signature."""
    text = ("送工上岗\n\n"
            "本报讯 2月3日，江苏省苏州市昆山市迎来一批务工人员，昆山各企业提供岗位。\n"
            "据剑阁日报报道，剑阁县组织了这批务工人员。\n")
    assert region_resolution.page_region(text).code.startswith("32")


_REPORT_INTRO = ("现在，我代表县人民政府，向大会报告政府工作，请予审议，并请县政协委员和其他列席人员提出意见。"
                 "过去一段时间，我们坚持稳中求进工作总基调，扎实苦干、务实奋进，努力推动全县经济社会持续健康发展。\n")


def test_a_numbered_section_heading_naming_a_year_frames_its_section():
    """一、2018年工作回顾 heads a section: its figures with no date of their
    own cover 2018."""
    text = ("各位代表：\n" + _REPORT_INTRO +
            "一、2018年工作回顾\n" + _REPORT_INTRO +
            "一是抓就业扶贫，大力推进产业扶贫和就业扶贫模式，建成扶贫车间120个，带动贫困户就业1500人，群众获得感明显增强。\n"
            "二、2019年工作安排\n" + _REPORT_INTRO)
    r = row_of(rows(text, "2019-01-10", "510823"), 1500)
    assert (r["period_start"], r["period_end"]) == (D(2018, 1, 1), D(2018, 12, 31))


def test_a_numbered_heading_frames_its_own_section_only():
    """The year of 一、2018年工作回顾 does not reach past the next numbered
    heading (二、…) into another section."""
    text = ("各位代表：\n" + _REPORT_INTRO +
            "一、2018年工作回顾\n" + _REPORT_INTRO +
            "二、主要做法\n" + _REPORT_INTRO +
            "一是抓就业扶贫，大力推进产业扶贫和就业扶贫模式，帮助城镇困难人员实现就业450人，群众获得感明显增强。\n")
    r = row_of(rows(text, None, "510823"), 450)
    assert (r["period_start"], r["period_end"]) == (None, None)


def test_up_to_now_opening_a_sentence_frames_the_rest_of_its_paragraph():
    """截至目前 opening a sentence frames the later sentences of its
    paragraph (the year so far, to the article's date) until a date of
    their own; a running total (累计) keeps its own reading, and the next
    paragraph is not framed."""
    text = ("近年来，剑阁县把就业作为民生之本。截至目前，全县培育创业实体300个。"
            "城镇新增就业2100人，失业人员再就业900人。累计发放创业担保贷款600笔，带动就业1300人。\n"
            "全县公益性岗位安置110人。\n")
    rs = rows(text, "2018-11-05")
    for v in (2100, 900):
        r = row_of(rs, v)
        assert (r["period_start"], r["period_end"]) == (D(2018, 1, 1), D(2018, 11, 5)), v
    assert row_of(rs, 1300)["period_start"] is None
    assert (row_of(rs, 110)["period_start"], row_of(rs, 110)["period_end"]) == (None, None)


def test_a_date_after_up_to_now_frames_the_figures_after_it():
    """A date standing after 截至目前 in the paragraph is the nearer frame."""
    text = "截至目前，剑阁县培育创业实体300个。2017年，城镇新增就业2100人。\n"
    r = row_of(rows(text, "2018-11-05"), 2100)
    assert (r["period_start"], r["period_end"]) == (D(2017, 1, 1), D(2017, 12, 31))


def test_a_place_named_only_in_the_source_line_gives_no_region():
    """信息来源：某某市人民政府办公室 names the publisher, not a place the text
    tells of: a page whose text says only 我市 has no region."""
    text = ("我市促进农村劳动力就业\n\n"
            "1月以来，我市帮助农村劳动力就业1200名，转移就业60万人。\n\n"
            "信息来源: 剑阁县人民政府办公室\n")
    assert region_resolution.page_region(text) is None
    assert all(r["region_code"] is None for r in rows(text, "2024-03-28"))


def test_a_place_in_the_text_still_counts_beside_a_source_line():
    """The same place named in the text keeps the page's region."""
    text = ("剑阁县促进农村劳动力就业\n\n"
            "1月以来，剑阁县帮助农村劳动力就业1200名。\n\n"
            "来源: 剑阁县人民政府办公室 作者: 甲乙\n")
    assert region_resolution.page_region(text).code == "510823"


def test_since_a_month_runs_from_that_month_to_the_article_date():
    """1月以来 (3月5日以来) runs from that month's first day (that day) to the
    article's date, not over that month alone."""
    text = "1月以来，某某县帮助农村劳动力就业1200名。\n"
    r = row_of(rows(text, "2024-03-28"), 1200)
    assert (r["period_start"], r["period_end"]) == (D(2024, 1, 1), D(2024, 3, 28))
    text = "3月5日以来，某某县帮助农村劳动力就业1300名。\n"
    r = row_of(rows(text, "2024-03-28"), 1300)
    assert (r["period_start"], r["period_end"]) == (D(2024, 3, 5), D(2024, 3, 28))


def test_a_scope_word_governs_the_later_clauses_of_its_sentence():
    """全市返乡创业A，创办企业B，带动就业C: the scope word of the sentence's
    first clause names the region of every later clause (until a place is
    named), even on a page whose anecdotes name a district of the city."""
    text = ("返乡创业工作小记\n"
            "9日，利州区某某乡某某村家庭农场场主甲乙告诉记者，他返乡办起了农场。\n"
            "近年来，我市推动返乡创业。据统计，全市返乡创业5.2万人，创办企业2.5万户，带动就业12.8万人。\n"
            "利州区某某乡曾经贫瘠，如今成了金山。\n")
    r = row_of(rows(text, "2021-11-15"), 128000)
    assert r["region_code"] == "510800"


def test_a_page_speaking_as_a_city_is_that_citys_when_it_names_no_province():
    """我市 on a page that names one of a province's cities and, as
    destinations or in passing, places elsewhere (another city of the
    province once): the page is the city's, not the province's."""
    text = ("西宁市越来越多的农民走出省门打工，主要输出地为新疆、西藏、广东等地。\n"
            "今年上半年，全市农村劳动力转移就业达到30万人次，其中在格尔木务工1万人次。\n"
            "我市将继续做好转移就业工作。\n")
    assert region_resolution.page_region(text).code == "630100"


def test_a_province_named_in_full_keeps_its_page_despite_we_city():
    """A page naming the province in full (青海省) stays the province's
    when no city outweighs the others, even if it quotes 我市."""
    text = ("青海省农民工工作会议召开\n"
            "会上，青海省人社厅介绍了全省情况；西宁市代表说，我市转移就业30万人次；格尔木市也作了发言。\n")
    assert region_resolution.page_region(text).code == "630000"


def test_a_reposted_bulletins_this_year_is_the_year_its_title_names():
    """A 2009 bulletin (its first line names 2009年…统计公报) reposted in
    2012: its 今年 is 2009, not the page's year."""
    text = ("某某县2009年国民经济和社会发展统计公报\n\n"
            "2012-07-23 某某县统计局\n\n"
            "劳动就业保持稳定增长。今年城镇职工工伤保险参保24,431人。\n")
    r = row_of(rows(text, "2012-07-23", "510823"), 24431)
    assert (r["period_start"], r["period_end"]) == (D(2009, 1, 1), D(2009, 12, 31))


def test_a_publication_timestamp_in_the_furniture_frames_no_figure():
    """发布时间:2022-02-08 is when the page was published, not a day the
    article tells of: an undated (近日) activity's figures have no period."""
    text = ("悠悠敬老心\n"
            "信息来源: 发布时间:2022-02-08 阅读次数:\n\n"
            "近日，某某街道志愿者们为60名困难老人送上了亲手编织的围巾，为90户老人家庭送福字、贴春联。\n")
    r = row_of(rows(text, "2022-02-08", "510823"), 60)
    assert (r["period_start"], r["period_end"]) == (None, None)


def test_this_years_holiday_is_no_frame_of_the_year():
    """今年春节刚过，…招聘会…提供岗位一千多个: 今年 names this year's Spring
    Festival (a time no date fixes), not the year so far: no period."""
    text = "今年春节刚过，某某县某某镇就举办了一场招聘会，现场提供招聘岗位一千多个，帮助四百人次达成初步就业意向。\n"
    r = row_of(rows(text, "2017-02-27", "510823"), 400)
    assert (r["period_start"], r["period_end"]) == (None, None)
    text = "今年以来，某某县举办招聘会，帮助四百人次达成初步就业意向。\n"  # 今年 alone still frames
    r = row_of(rows(text, "2017-02-27", "510823"), 400)
    assert (r["period_start"], r["period_end"]) == (D(2017, 1, 1), D(2017, 2, 27))


def test_a_lead_stating_targets_governs_the_rest_of_its_sentence():
    """…就业目标，是努力实现A，B，C以上: every figure after a lead naming the
    targets (目标是, 任务为) is a target; one said done (已, 实际) is not."""
    text = ("2014年全省城乡就业目标，是努力实现城镇新增就业90万人，新增农村劳动力转移就业110万人，"
            "高校毕业生总体就业率保持在88%以上。\n")
    rs = rows(text, "2014-01-15", "510000")
    assert row_of(rs, 1100000)["measure"] == "target"
    assert row_of(rs, 900000)["indicator_id"] == "urban_new_jobs_target"
    text = "某某县2013年的目标为新增就业5000人，实际新增就业5600人。\n"
    assert row_of(rows(text, "2014-01-15", "510823"), 5600)["measure"] == "outcome"


def test_there_will_be_is_a_plan():
    """春节前后，某某市将有近40场招聘会为农民工找工作: 将有 tells a plan (not
    将有关…, where 将 is 把)."""
    text = "春节前后，剑阁县将有近40场招聘会为农民工找工作。\n"
    assert row_of(rows(text, "2010-02-01"), 40)["measure"] == "target"


def test_a_rate_kept_within_a_cap_is_an_outcome():
    """稳定控制在5%以内 (始终, 一直 …) tells a rate kept; 控制在4.5%以内 alone
    sets a cap (a target)."""
    text = "长期以来，某某县调查失业率稳定控制在5%以内。\n"
    assert row_of(rows(text, "2025-02-10", "510823"), 5)["measure"] == "outcome"
    text = "今年，某某县城镇登记失业率控制在4.5%以内。\n"
    assert row_of(rows(text, "2025-02-10", "510823"), 4.5)["measure"] == "target"


def test_the_members_of_a_group_that_exists_are_a_stock():
    """社区有一支由20多名妇女组成的服务队: the team's size is a stock
    (cumulative); 活动由11支队伍组成 counts who took part in one event."""
    text = "某某社区有一支由30多名妇女组成的巾帼志愿服务队，社区内谁家有困难，她们都会主动上门。\n"
    assert row_of(rows(text, "2018-02-05", "510823"), 30)["measure"] == "cumulative"
    text = "9月28日，某某镇主题党日活动由11支党员志愿者队伍组成，共走访慰问100位低保户。\n"
    assert row_of(rows(text, "2017-09-28", "510823"), 11)["measure"] == "outcome"


def test_what_a_running_total_drove_is_cumulative_too():
    """累计发放创业担保贷款700笔，带动就业1400人: the jobs are those the
    running total drove (cumulative); 累计A，其中今年新增B has a count of its own."""
    text = "某某县累计发放创业担保贷款700笔8000万元，带动就业1400人。\n"
    assert row_of(rows(text, "2018-11-05", "510823"), 1400)["measure"] == "cumulative"


def test_a_breakdown_by_place_takes_the_frame_of_the_paragraph_before():
    """截至5月7日，全省转移就业19万人。 then a paragraph stating it place by
    place (成都市转移就业3万人；绵阳市…；广元市…), with no date of its own:
    each place's figure has the frame of the total it breaks down.  A later
    paragraph that is no breakdown is not framed."""
    text = ("日前，记者从四川省人社厅了解到，截至5月7日，全省农民工转移就业19.7万人。\n"
            "成都市转移就业3.6万人，劳务收入1.3亿元；绵阳市转移就业6.6万人，劳务收入3.5亿元；"
            "广元市转移就业1.9万人，劳务收入0.8亿元。\n"
            "各地依托重点工程项目建设，帮助6.5万名农民工就近就业。\n")
    rs = rows(text, "2020-05-13")
    for v in (36000, 66000, 19000):
        r = row_of(rs, v)
        assert (r["period_start"], r["period_end"]) == (D(2020, 1, 1), D(2020, 5, 7)), v
    r = row_of(rs, 65000)
    assert (r["period_start"], r["period_end"]) == (None, None)



def test_a_group_of_counties_is_no_one_regions_figure():
    """22个深度贫困县…转移就业5万人, 南疆四地州城镇新增就业10万人: a group
    of several counties (prefectures) did it: no region.  全市12个县区 is the
    city's total (a scope word before it), and 12个乡镇 are the county's towns."""
    text = ("今年上半年，四川省城镇新增就业50万人。"
            "上半年，川北四地州城镇新增就业10万人；22个深度贫困县建档立卡贫困家庭劳动力转移就业5万人。\n")
    rs = rows(text, "2019-07-18")
    assert row_of(rs, 100000)["region_code"] is None
    assert row_of(rs, 50000)["region_code"] is None
    assert row_of(rs, 500000)["region_code"] == "510000"
    text = "某某县民政局深入全县12个乡镇，走访慰问困难群众217户。2018年剑阁县还新增就业300人。\n"
    assert row_of(rows(text, "2018-02-10"), 217)["region_code"] == "510823"
    assert row_of(rows(text, "2018-02-10"), 300)["region_code"] == "510823"


def test_an_events_span_leaves_the_period_empty_like_a_holidays():
    """活动期间 / 招聘会期间 after the frame in the figure's sentence: the
    figure counts the span of an event no date of the text bounds (as
    “两节”期间): no period."""
    text = ("今年以来，某某县积极开展公共就业服务。\n"
            "以就业援助月为抓手开展援助活动。活动期间，共征集用工岗位800余个，达成就业意向100余人。\n")
    r = row_of(rows(text, "2011-12-05", "510823"), 100)
    assert (r["period_start"], r["period_end"]) == (None, None)
    text = "3月16日，某某县春风行动云聘会启动。本次云聘会期间，县人社局归集了286家企业近4000个招聘岗位。\n"
    r = row_of(rows(text, "2021-03-16", "510823"), 4000)
    assert (r["period_start"], r["period_end"]) == (None, None)
    text = "3月16日，某某县春风行动招聘会举行，286家企业提供近4000个招聘岗位。\n"  # no span: the day
    r = row_of(rows(text, "2021-03-16", "510823"), 4000)
    assert (r["period_start"], r["period_end"]) == (D(2021, 3, 16), D(2021, 3, 16))


def test_yesterday_after_a_clause_break_is_the_day_before_the_issue():
    """针对此情况，昨天某某区在某某镇启动送岗位活动: 昨天 tells the day
    wherever a clause opens with it (not only before a comma); 17日当天 is
    a bare day of the issue month."""
    text = ("本市农村出现剩余劳动力。针对此情况，昨天某某区在某某村启动送岗位进乡村活动。"
            "百余家用人单位带着2000个岗位在村中广场进行现场招聘。\n")
    r = row_of(rows(text, "2013-09-07", "510823"), 2000)
    assert (r["period_start"], r["period_end"]) == (D(2013, 9, 6), D(2013, 9, 6))
    text = "为弘扬敬老传统，17日当天，志愿者们到某某村看望孤寡老人。随后志愿者们又看望了10余户贫困户。\n"
    r = row_of(rows(text, "2018-10-17", "510823"), 10)
    assert (r["period_start"], r["period_end"]) == (D(2018, 10, 17), D(2018, 10, 17))


def test_a_year_naming_an_event_gives_way_to_the_events_day():
    """2月22日，某某县举行2018年春季就业节。…此次就业节共有71家企业进场:
    the year names the event; the day before it in the paragraph frames the
    event's counts.  A year that is no event's name still frames."""
    text = "2月22日，剑阁县举行2018年春季就业节。据了解，此次春季就业节共有71家企业进场招聘，提供5200个岗位。\n"
    r = row_of(rows(text, "2018-02-24"), 5200)
    assert (r["period_start"], r["period_end"]) == (D(2018, 2, 22), D(2018, 2, 22))
    text = "2月22日，剑阁县召开就业工作会议。会议通报，2017年全县新增就业5200人。\n"
    r = row_of(rows(text, "2018-02-24"), 5200)
    assert (r["period_start"], r["period_end"]) == (D(2017, 1, 1), D(2017, 12, 31))


def test_where_the_pages_people_go_does_not_make_its_province():
    """A county's page on workers it sends away, with no headline place and
    no signing outlet: the destinations (前往江苏、广东等地务工, 目的地为江苏省
    苏州市昆山市) are not weighed for the page's province; no figure is
    published in another province."""
    text = ("送工上岗\n\n"
            "2月3日，剑阁县春季送岗行动启动，60余名群众乘车前往江苏、广东等地务工。\n"
            "务工人员之一的丙丁，目的地为江苏省苏州市昆山市，他在昆山工作已有三年。\n"
            "剑阁县人社局介绍，该县已联系岗位3000余个。\n")
    assert region_resolution.page_region(text).code == "510823"
    rs = rows(text, "2023-02-06")
    assert rs and all(r["region_code"] == "510823" for r in rs)


def test_an_outlet_of_another_province_does_not_claim_the_page():
    """某省日报讯 on news of another province (the body never names the
    outlet's province again) is no sign of the page's province."""
    text = ("就业快讯\n\n"
            "四川日报讯 近日，重庆市綦江区举办招聘会，綦江区200家企业提供岗位5000个，重庆市人社局到场指导。\n")
    assert region_resolution.page_region(text).code.startswith("50")


def test_a_page_speaking_as_the_province_stays_the_provinces():
    """全省 on the page: it speaks as the province, even if a quoted city says 我市."""
    text = ("农民工转移就业\n"
            "西宁市代表说，我市农民工越来越多，主要输出地为新疆、西藏。全省转移就业100万人次，其中格尔木1万人次。\n")
    assert region_resolution.page_region(text).code == "630000"


def test_a_headline_about_a_bulletin_is_no_bulletin():
    """2023年统计公报发布 on a 2024 page is news about the bulletin: its 今年
    is the page's year, not the bulletin's."""
    text = ("某某县2023年统计公报发布 今年就业形势向好\n\n"
            "今年以来，剑阁县城镇新增就业1200人。\n")
    r = row_of(rows(text, "2024-04-20"), 1200)
    assert (r["period_start"], r["period_end"]) == (D(2024, 1, 1), D(2024, 4, 20))


def test_a_run_together_page_is_no_furniture_line():
    """A page whose source and body run on one long line: its body's places count."""
    text = ("2024-03-28 来源: 某某网 " + "剑阁县今年以来帮助农村劳动力就业1200名，剑阁县各乡镇积极推进以工代赈项目建设。" * 2 + "\n")
    assert region_resolution.page_region(text).code == "510823"


def test_a_report_cited_in_the_body_does_not_move_the_articles_year():
    """A 2020 article that cites the 2019 work report in its body (past its
    title's first characters): its 今年以来 is 2020's."""
    text = ("近年来，剑阁县认真落实县委县政府部署，持续推进各项民生工程，扎实做好稳就业保民生工作，"
            "按照2019年政府工作报告的部署，今年以来，剑阁县城镇新增就业1200人。\n")
    r = row_of(rows(text, "2020-04-20"), 1200)
    assert (r["period_start"], r["period_end"]) == (D(2020, 1, 1), D(2020, 4, 20))


def test_sentences_opening_with_common_words_are_no_breakdown_by_place():
    """社区…；社区…；社区… (words ending in 区 that name no region) make no
    breakdown by place: the paragraph is not framed by the one before."""
    text = ("日前，记者从剑阁县人社局了解到，截至5月7日，剑阁县农民工转移就业1.9万人。\n"
            "社区开展招聘活动，提供岗位300个；社区组织技能培训；社区帮助120名居民实现就业。\n")
    r = row_of(rows(text, "2020-05-13"), 120)
    assert (r["period_start"], r["period_end"]) == (None, None)


def test_a_plan_after_up_to_now_is_not_framed_by_it():
    """截至目前 frames the outcomes after it in its paragraph, not a plan
    told there (力争…)."""
    text = "截至目前，剑阁县培育创业实体300个。下一步，剑阁县力争城镇新增就业2500人。\n"
    r = row_of(rows(text, "2018-11-05"), 2500)
    assert r["measure"] == "target"
    assert (r["period_start"], r["period_end"]) != (D(2018, 1, 1), D(2018, 11, 5))


def test_an_events_span_keeps_the_dates_that_bound_it():
    """3月1日至3月31日，…援助月活动。活动期间，…: the dates bound the event's
    span: its figures keep them."""
    text = "3月1日至3月31日，剑阁县开展就业援助月活动。活动期间，共帮助120名就业困难人员实现就业。\n"
    r = row_of(rows(text, "2021-04-02"), 120)
    assert (r["period_start"], r["period_end"]) == (D(2021, 3, 1), D(2021, 3, 31))


def test_a_scope_word_before_a_group_makes_the_total_the_regions():
    """全市3个县区共新增就业…: the group is the whole city: the city's figure."""
    text = "今年以来，广元市就业形势稳定，全市7个县区共新增就业12000人。\n"
    assert row_of(rows(text, "2021-06-01"), 12000)["region_code"] == "510800"


def test_a_group_after_a_scope_word_of_an_earlier_clause_is_still_a_group():
    """截至6月底，全省…；22个深度贫困县…转移就业5万人: the scope word of an
    earlier clause does not make the group's figure the province's."""
    text = "截至6月底，全省城镇新增就业35万人，22个深度贫困县建档立卡贫困家庭劳动力转移就业5万人。\n"
    rs = rows(text, "2019-07-18", "510000")
    assert row_of(rs, 50000)["region_code"] is None
    assert row_of(rs, 350000)["region_code"] == "510000"
