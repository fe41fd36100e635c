"""Regions and periods of indicator rows, round 7 (issue 15): the structural
causes of the foreign regions and period misses of fresh5, on invented text
(real region and township names from the gazetteer, invented people,
bodies and figures).  Each test states the rule it checks in its name and
docstring; its traps are tests of their own."""

from __future__ import annotations

import datetime as dt

from etl.semantic.regions import place_mentions
from tests.test_regions_periods import dates, row_of, rows

D = dt.date


# --- a partner, a destination or an origin is not the page's place ----------------------


def test_a_partner_named_as_the_object_of_a_cooperation_is_not_the_pages_region():
    """该县与江苏宜兴、广东江门开展劳务合作: the partners (two places of
    another province, named more often than the county) are not where the
    county's figures are; 该县 is the page's county."""
    text = ("石泉县以稳就业为目标，实现了有劳动能力的贫困家庭至少一人就业。\n"
            "该县主动与江苏宜兴、广东江门开展劳务合作，累计举办专场招聘会45场次，完成转移就业3.2万人次。\n")
    rs = rows(text, "2021-03-02")
    assert {r["region_code"] for r in rs} == {"610922"}


def test_trap_a_place_before_the_partner_word_is_the_subject_not_a_partner():
    """石泉县与宜兴市开展劳务协作: the place before 与 is the subject; only the
    one after it is the partner."""
    from etl.semantic.region_resolution import destination_spans
    text = "石泉县与宜兴市开展劳务协作，转移就业1200人。"
    spans = destination_spans(text)
    assert any(s <= text.index("宜兴市") < e for s, e in spans)
    assert not any(s <= text.index("石泉县") < e for s, e in spans)


def test_where_people_come_from_is_not_where_the_event_is():
    """来自河北的音乐人 on a page naming no other region: the person's origin
    does not make the page Hebei's (its region stays empty)."""
    text = ("青禾镇小学爱心捐赠活动\n"
            "近日，青禾镇爱心协会来到青禾镇小学，为该小学的留守儿童送去慰问金6000元。"
            "来自河北的志愿者王某表示，捐助还将继续。\n")
    rs = rows(text, "2021-11-01")
    assert rs and all(r["region_code"] is None for r in rs)


def test_where_people_are_sent_is_not_the_pages_place():
    """向浙江输送劳动力: the province the workers are sent to is a
    destination, like 前往浙江务工."""
    from etl.semantic.region_resolution import destination_spans
    text = "今年以来，石泉县向浙江输送劳动力2300人，赴江苏务工的有800人。"
    spans = destination_spans(text)
    assert any(s <= text.index("浙江") < e for s, e in spans)
    assert any(s <= text.index("江苏") < e for s, e in spans)
    assert not any(s <= text.index("石泉县") < e for s, e in spans)


# --- a short form that starts a township's name ------------------------------------------


def test_a_short_form_that_starts_a_townships_name_is_not_that_county():
    """宜兴埠镇 (a town of 北辰区, Tianjin, in townships.csv) starts with 宜兴,
    the short form of 宜兴市 (Jiangsu): written with its level word, the town
    is no mention of 宜兴市, even after a word such as 来到."""
    text = ("北辰区开展敬老活动\n"
            "1月20日，北辰区民政局组织志愿者来到宜兴埠镇，走访慰问困难老人46户。\n")
    rs = rows(text, "2021-01-21")
    assert row_of(rs, 46)["region_code"] == "120113"
    found = place_mentions("来到宜兴埠镇走访")
    assert not any(m.code == "320282" for m in found)


def test_a_short_form_before_one_character_and_street_is_a_streets_name():
    """宜兴湾街道 (any one character between the short form and 街道): a
    street's name, not 宜兴市; but 宜兴各街道 (a determiner) is the city's streets."""
    assert not any(m.code == "320282" for m in place_mentions("志愿者来到宜兴湾街道慰问老人"))
    assert any(m.code == "320282" for m in place_mentions("志愿者来到宜兴各街道慰问老人"))


def test_trap_a_short_form_before_its_own_level_word_stays_a_place():
    """Trap: 宜兴市 written in full, or 在宜兴 before a verb, is still the city."""
    assert any(m.code == "320282" for m in place_mentions("在宜兴开展招聘活动"))


# --- the publisher's place --------------------------------------------------------------


def test_a_newspaper_quoted_as_the_source_tells_no_region():
    """据某某晚报报道 and 某某日报社记者: the paper's city is the publisher's
    place; a page whose text otherwise says only 全市 has no region."""
    text = ("据江门晚报报道 7月19日，记者从市就业局获悉，今年上半年，全市共计发放创业担保贷款1.2亿元，扶持450人创业。\n"
            "江门日报社记者 张某\n")
    rs = rows(text, "2023-07-21")
    assert rs and all(r["region_code"] is None for r in rs)


def test_trap_a_local_outlets_dateline_opening_the_lead_names_its_place():
    """Trap: 某某新闻网讯 opening the lead is the local outlet's own report:
    its place is the page's (as the older sets read it)."""
    text = ("志愿者送温暖\n"
            "江门新闻网讯 1月20日，志愿者来到社区，慰问困难群众80户。\n")
    rs = rows(text, "2021-01-21")
    assert row_of(rs, 80)["region_code"] == "440700"


# --- the parts name the whole -----------------------------------------------------------


def test_townships_of_one_county_on_a_page_naming_no_region_are_that_countys():
    """辖区 and three townships that only one county has (乌杨街道、任家镇、兴峰乡:
    忠县): the parts name the whole though the county is not written."""
    text = ("区民政局开展慰问活动\n"
            "2月2日，活动中32名志愿者分别来到乌杨街道、任家镇、兴峰乡等乡镇孤寡老人家中走访慰问，"
            "共为辖区内40位老人送去了温暖。\n")
    rs = rows(text, "2021-02-03")
    assert row_of(rs, 32)["region_code"] == "500233"


def test_trap_townships_without_a_word_for_the_whole_give_no_region():
    """Trap: the same townships on a page that never speaks of a whole
    (辖区, 全县, 全区): each town's own figures, no county (empty)."""
    text = ("乡镇慰问活动\n"
            "2月2日，志愿者分别来到乌杨街道、任家镇、兴峰乡，送去慰问品32份。\n")
    rs = rows(text, "2021-02-03")
    assert row_of(rs, 32)["region_code"] is None


# --- the writer's place -----------------------------------------------------------------


def test_a_page_speaking_as_a_prefecture_is_the_one_that_is_a_zhou():
    """我州与广东佛山市…: of the two provinces in play, the writer's is the one
    holding a region whose name ends in 州, though the partner is named more."""
    text = ("黔东南、佛山携手劳务协作\n"
            "我州与广东佛山市自结对协作以来，构建了劳务协作体系。在佛山等地设立劳务协作站，"
            "引入佛山的人力资源机构扎根黔东南。今年全州转移就业5.2万人。\n")
    rs = rows(text, "2025-10-30")
    assert row_of(rs, 52000)["region_code"] == "522600"


def test_the_joint_figures_of_two_places_have_no_one_region():
    """两地举办招聘会500余场，服务求职群众30余万人次: the joint subject's
    figures (the clause after it too) are no one region's."""
    text = ("劳务协作成效\n"
            "凯里市与广东江门市结对协作。2021年来，两地举办线上线下招聘会520场，服务求职群众31万人次。"
            "凯里市今年转移就业8200人。\n")
    rs = rows(text, "2025-10-30")
    assert row_of(rs, 520)["region_code"] is None
    assert row_of(rs, 310000)["region_code"] is None
    assert row_of(rs, 8200)["region_code"] == "522601"


def test_a_scope_word_after_another_provinces_place_is_not_the_pages_chain():
    """江门征集全市20家企业 on a 石泉县 page: 全市 is 江门's, a place outside the
    page's province; the figure is never given to the page's city (安康市)
    for it: it stays the page's."""
    text = ("劳务协作对接\n"
            "江门市人社局一行到石泉县对接劳务协作工作。今年江门征集全市20家企业560个岗位，在石泉县专场招聘会发布。"
            "石泉县今年转移就业4100人。\n")
    rs = rows(text, "2023-11-06")
    assert row_of(rs, 20)["region_code"] == "610922"
    assert row_of(rs, 560)["region_code"] == "610922"


def test_trap_a_scope_word_of_the_pages_own_chain_keeps_its_level():
    """Trap: 全市 with no foreign place before it on a county's page is still
    the county's city (安康市)."""
    text = ("就业工作\n"
            "石泉县召开就业工作会议。会上通报，今年全市城镇新增就业2.1万人。石泉县城镇新增就业3100人。\n")
    rs = rows(text, "2023-11-06")
    assert row_of(rs, 21000)["region_code"] == "610900"


def test_the_stem_of_a_region_named_in_full_is_that_region():
    """安康 (no alias: it reads as a word) after 安康市 on the same page is the
    city; on a page that never writes 安康市 it is a word (祝老人安康)."""
    found = place_mentions("安康市人社局召开会议。会上，安康与江门签署协议。")
    assert sum(m.code == "610900" for m in found) == 2
    assert not any(m.code == "610900" for m in place_mentions("祝老人们身体安康，新春快乐。"))


def test_a_short_form_before_suburbs_or_city_proper_is_a_place():
    """南宁郊区, 江门市区: the short form names the place whose part it is."""
    assert any(m.code == "450100" for m in place_mentions("本次探访的对象为南宁郊区的两位老人。"))


# --- periods ----------------------------------------------------------------------------


def test_insurance_enrolment_under_a_cut_off_has_no_start():
    """截至9月末，全市…参保人数: a stock up to the cut-off: no start, ends on it."""
    text = "一、参保情况\n截至2022年9月末，全市职工基本养老保险参保人数321.5万人。失业保险参保人数118.2万人。\n"
    rs = rows(text, "2022-10-20")
    r = row_of(rs, 3215000)
    assert (r["period_start"], r["period_end"]) == (None, D(2022, 9, 30))


def test_trap_enrolment_of_a_quarter_keeps_the_quarters_start():
    """Trap: 第三季度…参保人数 (no cut-off word) keeps the quarter's period."""
    text = "2022年第三季度，全市职工基本养老保险参保人数321.5万人。\n"
    r = row_of(rows(text, "2022-10-20"), 3215000)
    assert r["period_start"] == D(2022, 7, 1) and r["period_end"] == D(2022, 9, 30)


def test_a_stock_its_own_clause_says_is_now_has_no_start():
    """1至11月，…；目前全市农村劳动力转移就业规模达52.3万人: the stock said
    to be now has no start and ends on the article's date."""
    text = ("据了解，1至11月，我市新增农村劳动力转移就业5.1万人，目前全市农村劳动力转移就业规模达52.3万人。\n"
            "(记者 张某)\n")
    rs = rows(text, "2020-12-29")
    r = row_of(rs, 523000)
    assert (r["period_start"], r["period_end"]) == (None, D(2020, 12, 29))
    r = row_of(rs, 51000)
    assert (r["period_start"], r["period_end"]) == (D(2020, 1, 1), D(2020, 11, 30))


def test_a_bare_day_after_the_subject_and_before_where_is_the_events_day():
    """某市大型招聘会15日上午在某区广场举行: the bare day (the issue month) is
    the fair's day, which its figures cover."""
    text = ("春风行动招聘会举行\n"
            "潍坊市2019年“春风行动”大型招聘会15日上午在寒亭区人民广场举行。现场的180余家企业共提供岗位1.2万个。\n")
    rs = rows(text, "2019-02-16")
    r = row_of(rs, 12000)
    assert (r["period_start"], r["period_end"]) == (D(2019, 2, 15), D(2019, 2, 15))


def test_trap_a_day_after_each_month_is_no_event_day():
    """Trap: 每月15日在… is a recurring day, not a date."""
    assert "15日" not in dates("社区每月15日在广场举办招聘会。", D(2019, 2, 16), "day")


def test_two_dates_joined_by_zhi_are_one_span():
    """从今年2月上旬至3月底: from 1 February to 31 March."""
    found = dates("我市从今年2月上旬至3月底开展了招聘活动。", D(2015, 3, 27), "day")
    assert (D(2015, 2, 1), D(2015, 3, 31)) in found.values()


def test_a_span_up_to_the_spring_festival_itself_ends_on_its_day():
    """至2020年春节 (no 前): up to the festival's day; 至春节前: its eve."""
    found = dates("从2019年11月15日至2020年春节开展专项行动。", D(2020, 3, 9), "day")
    assert (D(2019, 11, 15), D(2020, 1, 25)) in found.values()
    found = dates("从2019年11月15日至2020年春节前开展专项行动。", D(2020, 3, 9), "day")
    assert (D(2019, 11, 15), D(2020, 1, 24)) in found.values()


def test_a_campaigns_figures_take_the_span_the_page_dates_it_with():
    """某市“春风行动”圆满结束。全市共组织招聘活动65场次 on a page that writes
    从2月上旬至3月底…开展了“春风行动”: the figures cover the campaign's span."""
    text = ("某市春风行动结束\n"
            "记者从潍坊市人社局获悉，我市“春风行动”圆满结束。全市共组织各类招聘活动65场次，提供就业岗位52000个。\n"
            "我市从今年2月上旬至3月底，在全市范围内开展了“春风行动”招聘会。\n")
    rs = rows(text, "2015-03-27")
    r = row_of(rs, 52000)
    assert (r["period_start"], r["period_end"]) == (D(2015, 2, 1), D(2015, 3, 31))


def test_trap_a_campaign_the_page_does_not_date_leaves_the_period_empty():
    """Trap: 行动期间 with no span of that campaign anywhere: no period."""
    text = "记者了解到，我省根治欠薪冬季攻坚行动期间，全省为5120名农民工追发工资8200万元。\n"
    rs = rows(text, "2020-03-09")
    r = row_of(rs, 5120)
    assert (r["period_start"], r["period_end"]) == (None, None)


def test_trap_a_stock_since_the_year_its_team_was_founded_keeps_that_start():
    """Trap: 2023年，社区成立志愿服务队，目前已有25位志愿者 (a year, the team's
    founding): the sentence says since when; the stock keeps that start."""
    text = "2023年，青禾社区专门成立助老志愿服务队，目前已有27位志愿者加入。\n"
    r = row_of(rows(text, "2025-07-04"), 27)
    assert r["period_start"] == D(2023, 1, 1) and r["period_end"] == D(2025, 7, 4)


def test_a_year_followed_by_lai_is_since_that_year():
    """2021年来，… (年来 for 年以来): from 1 January 2021 to the article's date."""
    found = dates("2021年来，两地举办招聘会300余场。", D(2025, 10, 30), "day")
    assert (D(2021, 1, 1), D(2025, 10, 30)) in found.values()


def test_trap_a_year_before_lai_dao_is_no_span():
    """Trap: 2021年来到 (came in 2021) is the year, not a span up to now."""
    found = dates("他2021年来到青禾村工作。", D(2025, 10, 30), "day")
    assert (D(2021, 1, 1), D(2021, 12, 31)) in found.values()


def test_a_list_of_bare_days_after_a_month_is_the_span_of_its_events():
    """计划在2月份…，于10日、12日、16日、18日，分别…举办招聘会: the series runs
    from the first listed day to the last, in that month."""
    found = dates("计划在2月份开展春风行动，于10日、12日、16日、18日，分别在四个街道举办招聘会。", D(2014, 2, 1), "month")
    assert (D(2014, 2, 10), D(2014, 2, 18)) in found.values()


def test_trap_days_out_of_order_are_no_span():
    """Trap: 18日、10日 (not rising) is no series the rule reads."""
    found = dates("计划在2月份开展春风行动，于18日、10日分别举办招聘会。", D(2014, 2, 1), "month")
    assert (D(2014, 2, 10), D(2014, 2, 18)) not in found.values()


def test_a_day_of_last_month_is_read_against_the_issue_month():
    """上月27日 on a page issued in January 2021: 27 December 2020."""
    found = dates("上月27日，志愿者来到青禾村。", D(2021, 1, 12), "day")
    assert (D(2020, 12, 27), D(2020, 12, 27)) in found.values()


def test_a_paragraph_opening_with_that_day_is_the_day_told_of_last():
    """27日，…。\\n这天，…义诊40多人: the day told of last frames the figure."""
    text = ("青禾村义诊活动\n"
            "上月27日，在青禾村，志愿者将冬衣发放到老人手中。\n"
            "这天，医生志愿者们还在青禾村联合开展义诊活动，共为留守老人义诊43人。\n")
    r = row_of(rows(text, "2021-01-12"), 43)
    assert (r["period_start"], r["period_end"]) == (D(2020, 12, 27), D(2020, 12, 27))


def test_what_is_done_by_now_in_a_campaign_not_over_ends_on_the_articles_date():
    """现已完成培训8100人 in a campaign dated 2月上旬至3月底 on a page of 27
    March: up to the article's date, from the campaign's start."""
    text = ("某市春风行动\n"
            "我市从今年2月上旬至3月底，在全市范围内开展了“春风行动”招聘会。\n"
            "结合“春风行动”的开展，我市同步启动了技能培训工程，现已完成培训8100人。\n")
    r = row_of(rows(text, "2015-03-27"), 8100)
    assert (r["period_start"], r["period_end"]) == (D(2015, 2, 1), D(2015, 3, 27))
