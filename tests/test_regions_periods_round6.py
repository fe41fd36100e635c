"""Regions, periods and measures of indicator rows, round 6 (issue 15): the
general shapes of the misses of fresh3 and fresh4, on invented text (real
region names, invented towns, people and figures).  Each test states the
rule it checks in its name and docstring; the traps (a common word, two
regions on one page, a year-only issue date, a reprint) are tests of their own."""

from __future__ import annotations

import datetime as dt

from tests.test_regions_periods import row_of, rows

D = dt.date


# --- regions ---------------------------------------------------------------------------


def test_a_variant_glyph_of_a_traditional_character_is_read_as_its_simplified_form():
    """陜 (U+965C), the glyph texts passed through Big5 write for 陝, reads
    as 陕: a traditional page about 陜西 is Shaanxi's."""
    text = "記者從陜西省人社廳獲悉，今年1至10月，陜西新增創業擔保貸款12.5億元，扶持3.1萬人成功創業。"
    rs = rows(text, "2015-11-20")
    assert rs and {r["region_code"] for r in rs} == {"610000"}


def test_a_place_opening_a_bodys_name_is_whose_the_people_are_not_where_the_figure_is():
    """某市…义工服务中心的义工一行12人，来到某县…: the city names the body the
    volunteers belong to; the figure is about the county they went to."""
    text = ("义工进村送温暖\n"
            "2月3日，潍坊市青禾义工公益服务中心的义工和爱心市民一行12人，来到临朐县青禾村，"
            "为60多户孤寡老人送去了棉衣和大米。临朐县的老人们很高兴。\n")
    rs = rows(text, "2016-02-04")
    assert row_of(rs, 12)["region_code"] == "370724"
    assert row_of(rs, 60)["region_code"] == "370724"


def test_a_city_that_is_the_subject_of_its_clause_stays_the_figures_region():
    """Trap, two regions on one page: 潍坊市 doing something itself (潍坊市
    今年新增就业…) is no body's name; its figure stays the city's."""
    text = ("就业工作会议\n"
            "临朐县召开会议，部署就业工作。会上通报，潍坊市今年城镇新增就业9.5万人。临朐县城镇新增就业8000人。\n")
    rs = rows(text, "2016-12-04")
    assert row_of(rs, 95000)["region_code"] == "370700"
    assert row_of(rs, 8000)["region_code"] == "370724"


def test_a_figure_whose_sentence_names_a_town_placed_in_a_county_is_that_countys():
    """A city's page that writes 东昌府区青禾镇 once: a later sentence naming
    青禾镇 (记者从青禾镇政府获悉，该镇…) is about 东昌府区; the city's own
    figures (全市) stay the city's."""
    text = ("公益岗位助增收\n"
            "11月3日清晨，山东省聊城市东昌府区青禾镇柳庄村的村民早早出门工作。记者从青禾镇政府获悉，"
            "该镇今年已累计安置乡村公益岗人员150名。\n"
            "近年来，聊城市推动公益岗政策落实。今年以来，全市累计安置乡村公益性岗位上岗2万余人。\n")
    rs = rows(text, "2022-12-02")
    assert row_of(rs, 150)["region_code"] == "371502"
    assert row_of(rs, 20000)["region_code"] == "371500"


def test_a_common_word_ending_in_a_towns_level_word_is_no_town():
    """Trap: 东昌府区城镇新增就业 is the district's urban jobs (城镇 is no
    town's name): the figure is the district's, not a town's."""
    text = "山东省聊城市东昌府区城镇新增就业5200人，聊城市城镇新增就业4.1万人。"
    rs = rows(text, "2022-12-02")
    assert row_of(rs, 5200)["region_code"] == "371502"


def test_a_regions_stem_heading_the_page_is_that_region_when_the_text_speaks_as_its_level():
    """巫山 (巫山县's stem, no alias: it also names a mountain) heading a
    page whose text says 我县: headline and text together write 巫山县."""
    text = ("巫山部署就业创业工作\n"
            "本报讯 6月22日，我县召开就业领导小组工作会议。2021年，我县城镇新增就业2600人，"
            "城镇失业人员再就业3100人。\n")
    rs = rows(text, "2022-06-24")
    assert rs and {r["region_code"] for r in rs} == {"500237"}


def test_a_regions_stem_in_a_headline_is_no_region_when_the_text_never_speaks_as_its_level():
    """Trap: 巫山 heading a page that never says 我县/全县 (a mountain in a
    travel note) is no county."""
    text = ("巫山红叶正当时\n"
            "游客从各地赶来赏红叶，景区今年接待游客12万人次，带动周边就业300人。\n")
    rs = rows(text, "2022-11-02")
    assert all(r["region_code"] != "500237" for r in rs)


def test_the_whole_city_named_by_its_counties_is_that_city():
    """全市 on a page that names several counties of one city and nothing
    outside it: the parts name the whole (SPEC, round 6)."""
    text = ("全市城镇新增就业人数52000人，南昌县、新建区、进贤县、安义县提前完成全年任务。"
            "全市城镇登记失业率为3.1%。\n")
    rs = rows(text, "2021-12")
    assert {r["region_code"] for r in rs} == {"360100"}


# --- periods ---------------------------------------------------------------------------


def test_a_year_inside_an_events_name_gives_way_to_the_day_of_the_event():
    """3月17日，…举办2024年某省“…”专项招聘会：the year (after which a place and
    a quoted name follow) names the event; the fair's figures cover its day."""
    text = ("3月17日，在灌阳县城举办2024年广西“就业暖心”专项服务活动——灌阳县专场招聘会。"
            "来自区内外约90家企业参加现场招聘，提供就业岗位6000余个。\n")
    rs = rows(text, "2024-03-22")
    for v in (90, 6000):
        r = row_of(rs, v)
        assert (r["period_start"], r["period_end"]) == (D(2024, 3, 17), D(2024, 3, 17)), v


def test_a_year_opening_its_own_clause_still_frames_the_figures():
    """Trap: 2024年，全县… is the figures' year, not an event's name (no
    quoted name follows it)."""
    text = "3月17日，灌阳县召开就业工作会议。会议通报，2024年，全县城镇新增就业3200人。\n"
    r = row_of(rows(text, "2025-03-22"), 3200)
    assert (r["period_start"], r["period_end"]) == (D(2024, 1, 1), D(2024, 12, 31))


def test_a_bare_day_after_a_full_date_of_its_month_is_a_day_of_that_month():
    """A reprint dated only to the month (2023-01): 14日上午 after 1月14日上午
    in the text is 14 January, and the fair's figures cover that day."""
    text = ("据皖西日报报道 1月14日上午，六安市春风行动专场招聘会在城区广场举行。\n"
            "今年已是六安市连续第二十年举办春风行动。14日上午，招聘现场聚集了88家本地企业，提供4500个工作岗位，"
            "进场求职人数超过600人。\n")
    rs = rows(text, "2023-01")
    for v in (88, 4500, 600):
        r = row_of(rs, v)
        assert (r["period_start"], r["period_end"]) == (D(2023, 1, 14), D(2023, 1, 14)), v


def test_the_span_a_reports_lead_names_frames_the_report_under_it():
    """现将2021年1~6月…通报如下：the span frames the sections and list items
    after the lead that carry no date of their own."""
    text = ("各县区人社局：\n"
            "2021年，全市人社系统承担了多项民生工程任务。现将2021年1~6月全市就业工作专项指标完成情况通报如下：\n"
            "一、就业与再就业\n"
            "全市城镇新增就业人数30500人，完成全年指标任务的60.2%。全市新增转移农村劳动力18800人。\n")
    rs = rows(text, "2021-07")
    for v in (30500, 18800):
        r = row_of(rs, v)
        assert (r["period_start"], r["period_end"]) == (D(2021, 1, 1), D(2021, 6, 30)), v


def test_the_span_a_headline_names_frames_the_items_under_it():
    """2022年1-9月…进展情况 as the headline: its items with no date of their
    own cover January to September."""
    text = ("2022年1-9月全县就业工作进展情况\n\n"
            "一、城镇新增就业1800人，完成全年任务的90%，全县各乡镇均提前完成了年度目标任务，就业局势总体保持稳定。\n"
            "二、农村劳动力转移就业4200人，其中县外转移就业占比过半，劳务品牌建设取得新的进展，务工收入稳步增长。\n")
    rs = rows(text, "2022-10-15", "510823")
    for v in (1800, 4200):
        r = row_of(rs, v)
        assert (r["period_start"], r["period_end"]) == (D(2022, 1, 1), D(2022, 9, 30)), v


def test_an_undated_plan_with_a_year_plan_word_is_for_the_year_the_page_is_written_in():
    """A work report's section (力争城镇新增就业22万人) with no date anywhere
    before it, on a page dated only to the year: the target covers that year."""
    text = ("（十七）加强就业和再就业工作。要大力支持自主创业，促进灵活就业。力争城镇新增就业21万人。\n"
            "（十八）大力发展各项社会事业。\n")
    r = row_of(rows(text, "2010", "150000"), 210000)
    assert r["measure"] == "target"
    assert (r["period_start"], r["period_end"]) == (D(2010, 1, 1), D(2010, 12, 31))


def test_an_undated_near_future_plan_keeps_no_period():
    """Trap: 将有近30场招聘会 (what comes soon, no year-plan word) is a target
    with no period."""
    text = "春节过后，天门市将有近30场招聘会为农民工找工作。\n"
    r = row_of(rows(text, "2010-02-20"), 30)
    assert r["measure"] == "target"
    assert (r["period_start"], r["period_end"]) == (None, None)


# --- measures --------------------------------------------------------------------------


def test_an_insurance_enrolment_count_is_a_stock_of_its_period():
    """全市参加工伤保险人数为3.6万人 in a quarter's report: the people enrolled
    (a stock, cumulative) for the quarter its text gives."""
    text = "2023年第二季度全市参加工伤保险人数为3.6万人，比上年同期增加0.2万人。\n"
    r = row_of(rows(text, "2023-08"), 36000)
    assert r["measure"] == "cumulative"
    assert (r["period_start"], r["period_end"]) == (D(2023, 4, 1), D(2023, 6, 30))


def test_new_enrolments_are_an_outcome():
    """Trap: 新增参保人数 counts who joined in the period: an outcome."""
    text = "2023年第二季度，全市新增参保人数1200人。\n"
    rs = [r for r in rows(text, "2023-08", "370700") if r["value"] == 1200]
    assert all(r["measure"] == "outcome" for r in rs)


def test_a_built_total_under_up_to_now_is_a_stock_ending_on_the_articles_date():
    """今年以来，…。目前，某县已建成老年食堂80家: what exists now, a stock
    with no start, up to the article's date (whatever frames the paragraph)."""
    text = ("今年以来，肥西县持续推进老年食堂建设，为老人提供助餐服务。目前，肥西县已建成老年食堂80家。\n")
    r = row_of(rows(text, "2022-12-05"), 80)
    assert r["measure"] == "cumulative"
    assert (r["period_start"], r["period_end"]) == (None, D(2022, 12, 5))


def test_a_level_held_year_after_year_is_a_stock_with_no_period():
    """跨省务工的农村劳动力常年保持在4万人左右: a stock no date fixes."""
    text = "3月17日，灌阳县举办招聘会。灌阳是劳务输出大县，跨省务工的农村劳动力常年保持在4万人左右。\n"
    r = row_of(rows(text, "2024-03-22"), 40000)
    assert r["measure"] == "cumulative"
    assert (r["period_start"], r["period_end"]) == (None, None)


def test_a_running_total_of_the_year_so_far_is_an_outcome_of_that_span():
    """今年以来，全市累计安置…2万余人 / 该镇今年已累计安置…: a flow of the year
    so far (SPEC), an outcome from 1 January to the article's date."""
    text = "今年以来，聊城市全市累计安置乡村公益性岗位上岗2万余人。\n"
    r = row_of(rows(text, "2022-12-02"), 20000)
    assert r["measure"] == "outcome"
    assert (r["period_start"], r["period_end"]) == (D(2022, 1, 1), D(2022, 12, 2))


def test_a_total_reached_across_years_stays_cumulative():
    """Trap: 今年1至9月…新增…；农民工返乡创业累计已达9.6万人: the total reached
    after the semicolon runs across years."""
    text = "今年1至9月份，全省新增农民工返乡创业2.1万人；农民工返乡创业累计已达9.6万人，带动就业40万人。\n"
    r = row_of(rows(text, "2017-10-20", "410000"), 96000)
    assert r["measure"] == "cumulative"


def test_a_bare_day_before_the_full_dates_day_is_no_date_on_a_page_not_dated_to_the_day():
    """Trap: 3日 after 1月14日 (its month unsure: February?) on a page dated
    only to the month stays no date; the fair's figures get no day."""
    text = ("据皖西日报报道 1月14日上午，六安市春风行动启动。\n"
            "3日上午，招聘现场聚集了77家本地企业。\n")
    rs = rows(text, "2023-02")
    assert row_of(rs, 77)["period_start"] != D(2023, 1, 3)


def test_since_the_year_began_in_traditional_characters_ends_on_the_articles_day():
    """今年以來 (traditional 來) is 今年以来: from 1 January to the article's
    day, not to the end of its month."""
    text = "高臺縣訊 今年以來，高臺縣建成扶貧車間9個，吸納就業320人。\n"
    r = row_of(rows(text, "2020-05-19"), 320)
    assert (r["period_start"], r["period_end"]) == (D(2020, 1, 1), D(2020, 5, 19))


def test_from_today_until_a_date_is_a_span_from_the_day_the_text_tells_of():
    """22日，…招聘会举行。…即日起至3月31日，“春风行动”90场招聘会将在全市各地
    举办: a plan (将在) covering the span from that day to 31 March."""
    text = ("节后上班第一天，22日，某市首场春风行动招聘会在惠山区举行，40家企业提供2600多个岗位。"
            "无锡市人社局相关负责人介绍，即日起至3月31日，春风行动90场招聘会将在全市各地举办。\n")
    r = row_of(rows(text, "2018-02-24"), 90)
    assert r["measure"] == "target"
    assert (r["period_start"], r["period_end"]) == (D(2018, 2, 22), D(2018, 3, 31))


def test_from_today_with_no_day_told_starts_on_the_issue_day():
    """即日起至3月31日 with no day before it: from the issue date."""
    text = "无锡市人社局介绍，即日起至3月31日，全市将举办春风行动招聘会80场。\n"
    r = row_of(rows(text, "2018-02-24"), 80)
    assert (r["period_start"], r["period_end"]) == (D(2018, 2, 24), D(2018, 3, 31))


def test_registered_members_and_the_groups_a_place_has_are_stocks():
    """社区注册志愿者人数：320人 and 社区有8支志愿者服务队: what exists (cumulative)."""
    text = ("社区注册志愿者人数：320人\n\n"
            "某某社区学雷锋志愿服务有8支志愿者服务队，常年开展助老服务，深受居民欢迎，服务覆盖全体居民。\n")
    rs = rows(text, "2019-03-05", "130903")
    assert row_of(rs, 320)["measure"] == "cumulative"
    assert row_of(rs, 8)["measure"] == "cumulative"


def test_the_people_who_took_part_are_no_stock():
    """Trap: 活动共有60名志愿者参加 counts who took part in one event: an outcome."""
    text = "3月5日，某某社区开展学雷锋活动，活动共有60名志愿者参加。\n"
    r = row_of(rows(text, "2019-03-05", "130903"), 60)
    assert r["measure"] == "outcome"
