"""Regions, periods and measures of indicator rows (issue 15), on invented
text: each test states the rule it checks in its name and docstring."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from etl.batch.page import process_page
from etl.extract import extract_text
from etl.semantic import regions, region_resolution

D = dt.date
ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "sources" / "000_e1c532de56ee5a29.txt"


def rows(text: str, issue: str | None = None, region_code: str | None = None) -> list[dict]:
    meta = {}
    if issue:
        meta["issue_date"] = issue
    if region_code:
        meta["region_code"] = region_code
    out = process_page("t.txt", text.encode(), meta, 1 << 20)
    assert out.status == "ok", out.detail
    return out.tables["indicators"]


def row_of(rs: list[dict], value: float) -> dict:
    hits = [r for r in rs if r["value"] == value]
    assert len(hits) == 1, (value, rs)
    return hits[0]


def dates(text: str, issue: dt.date | None, precision: str = "month") -> dict[str, tuple]:
    return {d.surface: (d.start, d.end) for d in extract_text(text, issue, precision).dates}


# --- regions -------------------------------------------------------------------------


def test_a_common_word_equal_to_a_district_name_is_not_a_region():
    """人力资源 holds 资源 (资源县, Guangxi): on a Shandong page it is a word."""
    text = ("山东省人力资源和社会保障厅发布消息。\n"
            "截至6月底，山东全省城镇新增就业60万人，人力资源市场运行平稳。")
    rs = rows(text, "2021-07-15")
    assert {(r["region_code"], r["region_basis"]) for r in rs} == {("370000", "page_text")}


def test_a_short_form_listed_as_ambiguous_needs_its_full_name():
    """全州 (全州县, Guangxi) reads as 'the whole prefecture' on a Hubei county's page."""
    text = "湖北省咸丰县今年新增城镇就业3000人，高考质量进入全州第一方阵，全州第一。"
    assert region_resolution.page_region(text).code == "422826"
    assert "全州" in regions.ambiguous_forms()
    assert region_resolution.page_region("广西全州县新增城镇就业800人。全州县人社局介绍。").code == "450324"


def test_a_one_character_county_name_inside_a_word_is_not_a_region():
    """完成县里 holds 成县 (Gansu): a two-character full name needs a region above it."""
    text = "崇阳县民政局工作人员完成县里安排的慰问任务，发放慰问金5万元。"
    assert region_resolution.page_region(text).code == "421223"
    assert region_resolution.page_region("甘肃省陇南市成县新增就业500人。").code == "621221"


def test_a_provincial_report_keeps_the_province_with_its_own_code():
    """A report about a province that names a city once is the province's."""
    text = ("河南省人社厅消息：今年河南全省城镇新增就业80万人。河南省将继续稳就业。"
            "郑州市举办招聘会。")
    assert region_resolution.page_region(text).code == "410000"


def test_a_county_outside_the_named_province_is_not_the_page_region():
    """The province the page names bounds its region: a county of another province loses."""
    text = "四川省南充市今年新增就业5万人。四川省人社厅介绍，南充市各县参加。来自江北区的企业也参加了。"
    r = region_resolution.page_region(text)
    assert r.code == "511300"


def test_two_regions_on_one_page_each_figure_takes_its_own_clause():
    """A partner county of the same province named in the figure's clause
    takes the figure; a region of another province never does."""
    text = ("四川省南充市南部县城镇新增就业6000人。\n"
            "南部县与仪陇县开展劳务协作，仪陇县新增城镇就业2100人。\n"
            "南部县组织企业赴福建省厦门市海沧区对接，新增城镇就业300人。\n")
    rs = rows(text, "2023-06")
    assert (row_of(rs, 6000)["region_code"], row_of(rs, 6000)["region_basis"]) == ("511321", "page_text")
    assert (row_of(rs, 2100)["region_code"], row_of(rs, 2100)["region_basis"]) == ("511324", "figure_text")
    assert row_of(rs, 300)["region_code"] == "511321"
    assert all(r["region_code"].startswith("51") for r in rs)


def test_metadata_region_is_refined_by_the_text_never_contradicted():
    text = "綦江区今年城镇新增就业1万人。"
    # the text names a county inside the metadata's province: refined
    assert {r["region_code"] for r in rows(text, "2023-01", "500000")} == {"500110"}
    # the text names a county of another province: the metadata's region stands
    rs = rows("四川省仪陇县今年城镇新增就业3000人。", "2023-01", "500000")
    assert {(r["region_code"], r["region_basis"]) for r in rs} == {("500000", "page_metadata")}
    bad = process_page("t.txt", "全县新增就业1万人。".encode(), {"region_code": "999999"}, 1 << 20)
    assert bad.status == "quarantined" and "region_code" in bad.detail


def test_no_place_named_gives_an_empty_region_that_says_why():
    rs = rows("今年全县城镇新增就业1200人，完成目标任务的110%。", "2023-11")
    assert rs and all(r["region_code"] is None and r["region_basis"] == "none_named" for r in rs)


def test_ambiguous_list_is_reviewed_data():
    forms = regions.ambiguous_forms()
    assert len(forms) >= 30
    gazetteer_forms = regions.all_names()
    for form, reason in forms.items():
        assert form in gazetteer_forms and len(reason) > 10, form


# --- periods -------------------------------------------------------------------------


def test_a_year_only_issue_date_gives_an_end_no_finer_than_the_year():
    got = dates("今年以来，全县新增就业。11月，举办招聘会。", D(2021, 1, 1), "year")
    assert got["今年以来"] == (D(2021, 1, 1), D(2021, 12, 31))
    assert got["11月"] == (D(2021, 11, 1), D(2021, 11, 30))  # not the year before


def test_since_this_year_ends_at_the_issue_date_at_its_precision():
    assert dates("今年以来，新增就业。", D(2022, 11, 20), "day")["今年以来"] == (D(2022, 1, 1), D(2022, 11, 20))
    assert dates("今年以来，新增就业。", D(2022, 11, 20), "month")["今年以来"] == (D(2022, 1, 1), D(2022, 11, 30))
    assert dates("2020年以来，新增就业。", D(2022, 11, 20), "day")["2020年以来"] == (D(2020, 1, 1), D(2022, 11, 20))


def test_up_to_the_end_of_a_month_is_cumulative_from_january():
    assert dates("截至9月底，新增就业。", D(2021, 11, 2), "day")["9月"] == (D(2021, 1, 1), D(2021, 9, 30))


def test_review_words_against_the_reports_year():
    got = dates("过去一年，新增就业。五年来，累计新增。“十四五”时期，目标。", D(2023, 2, 10), "day")
    assert got["过去一年"] == (D(2022, 1, 1), D(2022, 12, 31))
    assert got["五年来"] == (D(2018, 1, 1), D(2022, 12, 31))
    assert got["“十四五”时期"] == (D(2021, 1, 1), D(2025, 12, 31))
    # a year-end review given in December looks back on its own year
    assert dates("一年来，新增就业。", D(2022, 12, 20), "day")["一年来"] == (D(2022, 1, 1), D(2022, 12, 31))


def test_a_reprinted_report_resolves_against_the_year_it_fixes():
    """An article reporting a 2021 year-to-date figure inside a 2022 page was
    written in 2021: its 今年以来 and 去年 are 2021's; the next article is the page's."""
    text = ("今年以来，某县就业形势稳定，去年同期基数较高。\n"
            "2021年1月-10月，全县城镇新增就业5000人。\n"
            "据《某某日报》\n"
            "本报讯 今年以来，全县举办招聘会。\n")
    got = {(d.clean_start, d.surface): (d.start, d.end) for d in extract_text(text, D(2022, 1, 1)).dates}
    first, second = sorted(k for k in got if k[1] == "今年以来")
    assert got[first] == (D(2021, 1, 1), D(2021, 12, 31))
    assert got[second] == (D(2022, 1, 1), D(2022, 1, 31))
    assert got[next(k for k in got if k[1] == "去年")] == (D(2020, 1, 1), D(2020, 12, 31))


def test_the_seed_reprint_since_this_year_is_2022():
    page = extract_text(SEED.read_text(encoding="utf-8"), D(2023, 1, 1))
    since = [d for d in page.dates if d.surface == "今年以来"]
    assert [(d.start, d.end) for d in since] == [(D(2022, 1, 1), D(2022, 12, 31))]


def test_a_comparison_base_never_frames_a_figure():
    text = "2021年，全市城镇新增就业5000人，比2019年增长12%；失业人员再就业1200人，与去年同期相比增长3%；就业困难人员就业400人。"
    rs = rows(text, "2022-01")
    for v in (5000, 1200, 400):
        assert (row_of(rs, v)["period_start"], row_of(rs, v)["period_end"]) == (D(2021, 1, 1), D(2021, 12, 31)), v


def test_a_figure_in_a_heading_takes_the_first_date_of_its_article():
    """A title's figure has no date before it: the article's first date
    (not the page's publication line) frames it."""
    from etl.extract.records import new_date_mention
    from etl.semantic.page_index import index_page
    from etl.semantic.periods import framing_dates, period_of
    clean = ("某镇200名志愿者走访慰问困难群众\n"
             "http://news.example.cn 2017-10-11 09:30 来源:某某新闻网\n"
             "9月28日,某镇志愿者走访慰问困难户。\n")
    idx = index_page(clean)
    marks = []
    for surface, day in (("2017-10-11", D(2017, 10, 11)), ("9月28日", D(2017, 9, 28))):
        cs = clean.index(surface)
        marks.append((cs, cs + len(surface), new_date_mention(cs, cs + len(surface), surface, "day", day, day,
                                                              "absolute", cs, cs + len(surface))))
    dts = framing_dates(clean, marks)
    assert period_of(idx, dts, clean.index("200"), None, D(2017, 10, 11)) == (D(2017, 9, 28), D(2017, 9, 28), "heading")


def test_a_bulletin_title_year_frames_its_full_year_lines():
    text = "2022年某县国民经济和社会发展统计公报\n初步核算，与2020年相比，两年平均增长2.5%。\n全年城镇新增就业1254人\n"
    r = row_of(rows(text, "2023"), 1254)
    assert (r["period_start"], r["period_end"], r["period_basis"]) == (D(2022, 1, 1), D(2022, 12, 31), "report")


def test_up_to_now_ends_at_the_article_date():
    text = "2023年，社区成立助老志愿服务队，目前已有25名志愿者加入。"
    r = row_of(rows(text, "2025-07-04"), 25)
    assert (r["period_start"], r["period_end"], r["measure"]) == (D(2023, 1, 1), D(2025, 7, 4), "cumulative")


def test_this_year_for_an_outcome_is_the_year_so_far():
    r = row_of(rows("今年县总工会发放慰问金58.8万元。", "2015-02-16"), 588000)
    assert (r["period_start"], r["period_end"]) == (D(2015, 1, 1), D(2015, 2, 16))


# --- measures ------------------------------------------------------------------------


def test_next_years_new_urban_jobs_are_a_target():
    text = "2023年主要目标：城镇新增就业8000人以上，城镇调查失业率控制在5.5%以内。"
    rs = rows(text, "2023-01")
    jobs = [r for r in rs if r["value"] == 8000]
    assert jobs and all(r["measure"] == "target" for r in jobs)


def test_a_projection_governs_the_rest_of_its_sentence():
    text = "省人社厅预计，今年全省城镇新增就业将达到117万人，农村劳动力转移就业131万人。"
    rs = rows(text, "2011-11-02")
    for v in (1170000, 1310000):
        r = row_of(rs, v)
        assert (r["measure"], r["period_start"], r["period_end"]) == ("target", D(2011, 1, 1), D(2011, 12, 31)), v


def test_a_completion_rate_is_an_outcome_and_a_target_is_a_target():
    text = "2022年，全县城镇新增就业10500人，完成目标任务9000人的116.67%。"
    rs = rows(text, "2023-01")
    assert row_of(rs, 10500)["measure"] == "outcome"
    assert row_of(rs, 116.67)["measure"] == "outcome"
    assert row_of(rs, 9000)["measure"] == "target"


def test_a_yearly_average_keeps_the_span():
    r = row_of(rows("五年来，年均城镇新增就业3000人。", "2023-02"), 3000)
    assert (r["period_start"], r["period_end"], r["measure"]) == (D(2018, 1, 1), D(2022, 12, 31), "annual_average")


def test_measures_are_declared_by_the_codebook():
    from etl.semantic.codebook import MEASURES, load_codebook
    cb = load_codebook()
    assert cb.indicators["urban_new_jobs_target"].measures == ("target",)
    assert cb.indicators["urban_new_jobs"].measures == MEASURES


@pytest.mark.parametrize("issue", ["2023-01", "2023-01-18"])
def test_seed_rows_keep_their_region(issue):
    rs = rows(SEED.read_text(encoding="utf-8"), issue)
    assert rs and {r["region_code"] for r in rs} == {"500110"}


# --- regions: round 2 (rules found on the second real-page set) ----------------------


def test_the_headlines_province_wins_over_the_places_a_page_travels_to():
    """A county's page about its workers in another province names the
    host towns more often than its own county: the headline says whose page it is."""
    text = ("仪陇县看望在苏务工人员\n"
            "近日，仪陇县委组成慰问组，前往江苏省苏州市昆山市，看望在昆山市务工的仪陇籍人员。"
            "该县此次慰问20名农民工。在昆山市的企业里，昆山市人社局介绍了情况。\n")
    assert region_resolution.page_region(text).code == "511324"
    assert all(r["region_code"] == "511324" for r in rows(text, "2021-01-20"))


def test_a_named_province_does_not_beat_a_place_named_earlier():
    """A province's short form in an institution's name (北京协和医院) and a
    city's three-character short form (攀枝花) once each: no rule puts the
    named province first; the earlier mention wins the tie."""
    text = "本报讯 今年以来，我市民生实事加快推进，结束攀枝花无独立本科院校的历史。市医院与北京协和医院合作。"
    assert region_resolution.page_region(text).code == "510400"


def test_a_three_character_short_form_reads_as_a_place():
    assert region_resolution.page_region("今年攀枝花新增城镇就业1万人。").code == "510400"
    # unless reviewed as a common word (a river's name)
    assert "清水河" in regions.ambiguous_forms()
    assert region_resolution.page_region("村民在清水河边种树。") is None


def test_a_two_character_county_name_inside_a_word_needs_its_parent_before_it():
    """示范县 holds 范县 (濮阳市): with 河南省 named elsewhere it is still a word;
    written after its city, after a place word or at a word start it is the county."""
    text = "河南省评出返乡创业示范县16个，示范县名单公布。河南省人社厅介绍。"
    assert region_resolution.page_region(text).code == "410000"
    assert region_resolution.page_region("河南省濮阳市范县新增就业500人。").code == "410926"
    assert region_resolution.page_region("记者来到范县，新增就业500人。").code == "410926"
    assert region_resolution.page_region("近日，范县人社局举办招聘会，范县新增就业500人。").code == "410926"
    assert region_resolution.page_region("崇阳县完成县里安排的任务。").code == "421223"  # 成县 stays a word


def test_a_county_named_in_full_beats_its_city_named_in_bodies_names():
    """南充广电, 南充融媒 name bodies: the county named in full more often
    than its city in full is the page's region."""
    text = ("南充报业讯 南充广电记者报道，南充市仪陇县召开人代会，仪陇县县长作报告。"
            "南充融媒同步直播。仪陇县新增城镇就业3000人。")
    assert region_resolution.page_region(text).code == "511324"


def test_a_short_form_above_the_pages_region_does_not_take_a_figure():
    """重庆渝合高速 names a project: the figure stays the district's."""
    text = ("重庆市合川区开展学雷锋活动\n"
            "重庆渝合高速项目部9名志愿者来到合川区某村，走访慰问贫困老人。")
    rs = rows(text, "2021-03-05")
    assert rs and all(r["region_code"] == "500117" for r in rs)


# --- periods: round 2 ----------------------------------------------------------------


def test_a_government_work_report_reviews_the_year_before_it_is_given():
    lead = "1月10日，南部县县长在人代会上作政府工作报告。\n社会保障扎实有力。新增城镇就业6000人。\n"
    r = row_of(rows(lead, "2023-01-12"), 6000)
    assert (r["period_start"], r["period_end"]) == (D(2022, 1, 1), D(2022, 12, 31))
    titled = "2023年南部县人民政府工作报告\n社会保障扎实有力。新增城镇就业6000人。\n"
    r = row_of(rows(titled), 6000)
    assert (r["period_start"], r["period_end"]) == (D(2022, 1, 1), D(2022, 12, 31))


def test_a_plan_in_a_work_report_is_for_the_year_it_is_given():
    text = "1月10日，南部县县长作政府工作报告。\n主要目标：城镇新增就业7000人。\n"
    r = row_of(rows(text, "2023-01-12"), 7000)
    assert r["measure"] == "target"
    assert (r["period_start"], r["period_end"]) == (D(2023, 1, 1), D(2023, 12, 31))


def test_a_plan_told_in_a_dated_article_has_no_period_from_that_day():
    """还将 makes the rest of its sentence a plan; the article's day is not its period."""
    text = ("1月27日讯 昨日，县总工会干部走访慰问困难职工。\n"
            "本周内，县总工会还将分赴各企业，慰问300名困难职工。\n")
    r = row_of(rows(text, "2016-01-27"), 300)
    assert r["measure"] == "target"
    assert (r["period_start"], r["period_end"]) == (None, None)


def test_up_to_now_heads_its_sentence_and_a_running_total_has_no_start():
    """截至目前 governs every clause of its sentence; a running total (累计)
    it frames has no start unless its sentence dates one."""
    text = ("1至2月全省新增农民工返乡创业1万人，带动就业8万人。"
            "截至目前，全省农民工返乡创业累计15万人，累计带动就业90万人。\n")
    r = row_of(rows(text, "2020-03-23"), 900000)
    assert r["measure"] == "cumulative"
    assert (r["period_start"], r["period_end"]) == (None, D(2020, 3, 23))
    r = row_of(rows(text, "2020-03-23"), 80000)  # the sentence before keeps its months
    assert (r["period_start"], r["period_end"]) == (D(2020, 1, 1), D(2020, 2, 29))


def test_a_bare_day_opening_a_sentence_is_a_day_of_the_issue_month():
    """23日上午，… in an issue of 26 January is 23 January; 28日，… in an
    issue of 4 July is 28 June; with the issue known only to the month, or
    inside a longer date, or after a word, a bare day is no date."""
    assert dates("23日上午，志愿者来到敬老院。", D(2018, 1, 26), "day")["23日"] == (D(2018, 1, 23),) * 2
    assert dates("28日，志愿者来到敬老院。", D(2014, 7, 4), "day")["28日"] == (D(2014, 6, 28),) * 2
    assert "23日" not in dates("23日上午，志愿者来到敬老院。", D(2018, 1, 26), "month")
    assert "23日" not in dates("每月23日上午，志愿者来到敬老院。", D(2018, 1, 26), "day")
    assert dates("1月23日上午，志愿者来到敬老院。", D(2018, 1, 26), "day") == {"1月23日": (D(2018, 1, 23),) * 2}
    r = row_of(rows("1日，在某县敬老院，28名党员志愿者为老人服务。", "2014-07-04"), 28)
    assert (r["period_start"], r["period_end"]) == (D(2014, 7, 1), D(2014, 7, 1))


# --- round 3: frames, up-to-now, annual targets ----------------------------------------


def test_a_publication_date_is_not_a_day_the_article_tells_of():
    """A dateline (1月27日讯) or a page's timestamp (2026-02-25 14:23) says when
    the item was filed: a figure told after it with no day of its own has no period."""
    text = "某某新闻网1月27日讯 近日，县总工会走访慰问困难群众60户。\n"
    r = row_of(rows(text, "2016-01-27"), 60)
    assert (r["period_start"], r["period_end"]) == (None, None)
    text = "2026-02-25 14:23\n来源:本站\n近日，某某街道走访慰问困难群众70户。\n"
    r = row_of(rows(text, "2026-02-25"), 70)
    assert (r["period_start"], r["period_end"]) == (None, None)
    text = "某某新闻网1月27日讯 1月25日，县总工会走访慰问困难群众80户。\n"
    r = row_of(rows(text, "2016-01-27"), 80)  # a day the item tells of still frames it
    assert (r["period_start"], r["period_end"]) == (D(2016, 1, 25), D(2016, 1, 25))


def test_a_target_of_the_whole_year_covers_the_year():
    """年目标任务 / 年计划 name the year's target: its period is the calendar
    year even when the outcome beside it runs to a cut-off (截止10月底)."""
    text = "截止10月底，某某区城镇新增就业1200人，完成年目标任务1500人的80%。"
    rs = rows(text, "2016-11-05")
    assert (row_of(rs, 1200)["period_start"], row_of(rs, 1200)["period_end"]) == (D(2016, 1, 1), D(2016, 10, 31))
    r = row_of(rs, 1500)
    assert (r["measure"], r["period_start"], r["period_end"]) == ("target", D(2016, 1, 1), D(2016, 12, 31))
    r = row_of(rows("截止6月底，某某县城镇新增就业2800人，完成4600人年计划的61%。", "2018-07"), 4600)
    assert (r["measure"], r["period_start"], r["period_end"]) == ("target", D(2018, 1, 1), D(2018, 12, 31))


def test_up_to_now_runs_from_the_year_start_unless_its_sentence_says_since_when():
    """截至目前 counts from 1 January to the article's date; the day an event
    began, told in an earlier sentence, is not its start."""
    text = "3月2日起，某某市总工会开展送温暖活动。\n截至目前，某某市总工会共走访慰问职工800名。\n"
    r = row_of(rows(text, "2024-03-10"), 800)
    assert (r["period_start"], r["period_end"]) == (D(2024, 1, 1), D(2024, 3, 10))


def test_now_in_a_paragraph_framed_by_a_cut_off_ends_at_that_cut_off():
    """目前 in a paragraph that opens 截至9月底 means as of 30 September, not the
    issue date; a running total (目前已…) has no start."""
    text = "截至9月底，某某县城镇新增就业5000人。在建档立卡贫困劳动力中，目前已转移就业3000人。\n"
    r = row_of(rows(text, "2017-10-14"), 3000)
    assert (r["period_start"], r["period_end"]) == (None, D(2017, 9, 30))


def test_a_running_total_ends_with_its_frame_and_has_no_start():
    """累计已达 in a sentence with no date of its own: up to the end of the
    period framing the paragraph, since when unsaid."""
    text = "今年1至9月份，某某县新增农民工返乡创业2000人；农民工返乡创业累计已达9000人。\n"
    rs = rows(text, "2017-10-14")
    assert (row_of(rs, 2000)["period_start"], row_of(rs, 2000)["period_end"]) == (D(2017, 1, 1), D(2017, 9, 30))
    r = row_of(rs, 9000)
    assert (r["measure"], r["period_start"], r["period_end"]) == ("cumulative", None, D(2017, 9, 30))


def test_the_place_of_a_news_agencys_dateline_is_where_it_was_filed():
    """新华社某市3月1日电: a provincial story filed in its capital stays the
    province's; the dateline's city takes no figure."""
    text = ("新华社成都3月1日电 四川明确提出，今年城镇新增就业目标为85万人。"
            "四川省人社厅相关负责人表示，四川将稳定就业。去年，四川农村劳动力转移就业2527万人。\n")
    rs = rows(text, "2019-03-01")
    assert {r["region_code"] for r in rs} == {"510000"}
    assert region_resolution.page_region("成都市人社局消息：成都今年新增就业30万人，成都市将继续稳就业。").code == "510100"


def test_an_autonomous_prefecture_is_read_in_its_usual_short_form():
    """临夏州 for 临夏回族自治州, 石柱县 for 石柱土家族自治县: the stem with the
    level character names the region (a reprint from the province's paper
    does not make the page the province's)."""
    text = "来源:甘肃经济日报\n2010年，临夏州组织开展劳务输出，全年共组织招聘会10场，提供就业岗位3万多个。\n"
    assert region_resolution.page_region(text).code == "622900"
    assert region_resolution.page_region("石柱县今年新增就业3000人。").code == "500240"
    assert region_resolution.page_region("河南县域经济持续发展，郑州市新增就业5万人。").code == "410100"


def test_yuanyue_is_january_only_with_its_day():
    """元月16日 is 16 January; 元 after an amount (500元月16日, 3000元月薪) is money."""
    assert dates("元月16日，某某区举办招聘会。", D(2012, 12, 31), "year") == {"元月16日": (D(2012, 1, 16),) * 2}
    assert dates("2013年元月5日举办", D(2013, 3, 1)) == {"2013年元月5日": (D(2013, 1, 5),) * 2}
    assert dates("资金500元月16日到账，月薪3000元月底发放", D(2012, 5, 1)) == {}


def test_a_plan_before_a_time_governs_the_rest_of_its_sentence():
    """计划今年建成A、B，C: every count of the list is this year's target; 完成…年计划 is no plan."""
    text = "某某县加快推进老年助餐服务，计划今年建成2个老年食堂、15个社区老年助餐点，21个村级老年助餐点。"
    rs = rows(text, "2022-06-23")
    for v in (2, 15, 21):
        r = row_of(rs, v)
        assert (r["measure"], r["period_start"], r["period_end"]) == ("target", D(2022, 1, 1), D(2022, 12, 31)), v


def test_a_running_total_governs_the_rest_of_its_sentence():
    """累计已达A，带动就业C: C is what the running total did; 累计开展A，开展B
    has a clause of its own."""
    text = "今年1至9月份，某某县新增农民工返乡创业2000人；农民工返乡创业累计已达9000人，带动就业48000人。\n"
    r = row_of(rows(text, "2017-10-14"), 48000)
    assert (r["measure"], r["period_start"], r["period_end"]) == ("cumulative", None, D(2017, 9, 30))
    text = "2022年，某某县累计开展线下招聘会6场，开展线上招聘会3场。\n"
    r = row_of(rows(text, "2023-01"), 3)
    assert (r["measure"], r["period_start"], r["period_end"]) == ("outcome", D(2022, 1, 1), D(2022, 12, 31))


def test_a_sentence_opening_one_years_work_is_the_reports_year():
    """一年的用心用力，… in a report given in 2023 reviews 2022, like 过去一年."""
    r = row_of(rows("一年的用心用力，民生福祉更加普惠。新增城镇就业5600余人。\n", "2023"), 5600)
    assert (r["period_start"], r["period_end"]) == (D(2022, 1, 1), D(2022, 12, 31))


def test_an_article_telling_only_last_years_days_was_written_then():
    """12月31日 on a page of 13 January is last year's: the article's 今年以来 is that year too."""
    text = ("12月31日上午，某某县妇联来到某某小学慰问留守儿童。\n"
            "据了解，今年以来，县妇联已累计帮扶留守儿童900余名。\n")
    r = row_of(rows(text, "2020-01-13"), 900)
    assert (r["period_start"], r["period_end"]) == (D(2019, 1, 1), D(2019, 12, 31))
    text = "1月10日上午，某某县妇联慰问留守儿童。\n据了解，今年以来，县妇联已累计帮扶留守儿童800余名。\n"
    r = row_of(rows(text, "2020-01-13"), 800)  # a day of the issue's year: the issue's year
    assert (r["period_start"].year, r["period_end"].year) == (2020, 2020)


def test_a_holiday_span_after_the_frame_leaves_the_period_empty():
    """“两节”期间 (or 春节期间) after the year that frames the paragraph: the
    figure counts a span no date of the text fixes, so no period."""
    text = "据了解，2018年某某县各级工会想方设法筹集帮扶资金。据统计，“两节期间”某某县各级工会走访慰问困难职工423户。\n"
    r = row_of(rows(text, "2018-02"), 423)
    assert (r["period_start"], r["period_end"]) == (None, None)
    text = "春节期间，某某县总工会筹集资金。2月6日，县总工会走访慰问困难职工120户。\n"
    r = row_of(rows(text, "2018-02"), 120)  # a day after the span frames its figure
    assert (r["period_start"], r["period_end"]) == (D(2018, 2, 6), D(2018, 2, 6))


def test_a_day_that_starts_an_open_span_gives_no_end():
    """从2月7日开始，…: the figures told after it run from that day, the end unsaid."""
    text = "某某县民政局从2月7日开始，对全县困难群众进行走访慰问，共走访困难群众217户。\n"
    r = row_of(rows(text, "2018-02"), 217)
    assert (r["period_start"], r["period_end"]) == (D(2018, 2, 7), None)


def test_two_days_of_a_month_joined_by_and_are_one_span():
    """3月18日和19日, 3月18、19日: the span of the two days."""
    assert dates("3月18日和19日这两天，共有117人达成就业意向。", D(2020, 3, 25)) == {"3月18日和19日": (D(2020, 3, 18), D(2020, 3, 19))}
    assert dates("3月18、19日举办招聘会", D(2020, 3, 25)) == {"3月18、19日": (D(2020, 3, 18), D(2020, 3, 19))}


def test_n_years_up_to_now_end_with_the_reports_year():
    """近3年来 in a January article: the three years ending with the year it
    looks back on; 近两年来 in December: up to the article's date."""
    assert dates("近3年来，全县新增就业3000人", D(2013, 1, 16), "day") == {"近3年来": (D(2010, 1, 1), D(2012, 12, 31))}
    assert dates("近两年来，8000多名农民就业", D(2006, 12, 21), "day") == {"近两年来": (D(2005, 1, 1), D(2006, 12, 21))}
    assert dates("多年来，近年来，30年来", D(2013, 1, 16), "day") == {}


def test_since_a_plan_began_runs_to_the_article_date():
    """“十四五”以来 runs from 2021 to the article's date, not to the plan's end."""
    r = row_of(rows("“十四五”以来，某某县累计城镇新增就业3000人。", "2023-05-05"), 3000)
    assert (r["period_start"], r["period_end"]) == (D(2021, 1, 1), D(2023, 5, 5))
    r = row_of(rows("“十四五”时期，某某县城镇新增就业目标为3万人。", "2021-03-05"), 30000)
    assert (r["period_start"], r["period_end"]) == (D(2021, 1, 1), D(2025, 12, 31))


def test_a_scope_word_in_the_figures_clause_names_that_level_of_the_pages_chain():
    """全省 before a figure is the page's province, 全市 its city (a
    county-level city names itself), 全县 its county, whatever the page's own
    region; with no such region in the chain (全市 on a province's page) the
    page's region stays."""
    text = "四川省人社厅消息：今年四川全省城镇新增就业85万人。其中，成都市新增就业30万人，成都市创业带动就业5万人。\n"
    rs = rows(text, "2019-03-01")
    assert (row_of(rs, 850000)["region_code"], row_of(rs, 300000)["region_code"]) == ("510000", "510100")
    text = "四川省德阳市罗江区：罗江区今年城镇新增就业3000人。全市城镇新增就业5万人。\n"
    rs = rows(text, "2019-03-01")
    assert (row_of(rs, 3000)["region_code"], row_of(rs, 50000)["region_code"]) == ("510604", "510600")
    text = "江西省瑞金市：今年瑞金市各项工作稳步推进。上半年，全市城镇新增就业2435人。\n"
    assert row_of(rows(text, "2022-07-10"), 2435)["region_code"] == "360781"
    assert [lvl for _, lvl in region_resolution.scope_words("全市场主体、全区域覆盖，全县就业，我省")] == ["县", "省"]


def test_yesterday_opening_a_sentence_is_the_day_before_the_issue():
    """昨日，… in an issue of 27 January is 26 January (the issue known to the day); not otherwise."""
    assert dates("昨日，市总工会干部来到环卫所慰问职工。", D(2016, 1, 27), "day")["昨日"] == (D(2016, 1, 26),) * 2
    assert "昨日" not in dates("昨日，市总工会干部来到环卫所慰问职工。", D(2016, 1, 27), "month")
    assert "昨天" not in dates("他说昨天的事", D(2016, 1, 27), "day")
    r = row_of(rows("昨日上午，某某市总工会走访慰问困难职工120名。", "2016-01-27"), 120)
    assert (r["period_start"], r["period_end"]) == (D(2016, 1, 26), D(2016, 1, 26))


def test_a_stem_that_is_no_alias_names_its_region_before_a_body_of_it():
    """阳江 is no alias of 阳江市 (it reads as a given name), but 阳江日报讯
    names the place; inside 《》 it is a cited paper, and the stem alone is
    never taken for a place (nor kept from being a name)."""
    text = "阳江日报讯(记者/某某)中秋节前，市民政局为困难群众送上300份月饼。\n"
    assert region_resolution.page_region(text).code == "441700"
    assert region_resolution.page_region("据《阳江日报》报道，某某街道送上300份月饼。\n") is None
    assert region_resolution.page_region("志愿者王阳江送上300份月饼。\n") is None
    assert "阳江" not in regions.all_names()


def test_a_since_period_framing_the_paragraph_starts_a_running_total():
    """今年以来，…。截至目前，累计…: since 1 January; 2021年以来: since 2021;
    with no such frame a running total has no start."""
    tail = "某某县大力推进技能培训。截至目前，累计培训职业技能3000人。"
    for lead, start in (("今年以来，", D(2023, 1, 1)), ("2021年以来，", D(2021, 1, 1)), ("", None)):
        r = row_of(rows(lead + tail, "2023-05-05"), 3000)
        assert (r["period_start"], r["period_end"]) == (start, D(2023, 5, 5)), lead


def test_a_place_opening_a_paragraph_frames_its_figures():
    """罗江区：… opens a paragraph of a 德阳市 page: the figures of later
    sentences of that paragraph are 罗江区's; the next paragraph's are the city's."""
    text = ("四川省德阳市人社局消息：德阳市今年城镇新增就业5万人，德阳市就业形势稳定。\n"
            "罗江区：今年以来，该区大力推进技能培训。共培训职业技能3000人。\n"
            "全年共开展职业技能培训2万人。\n")
    rs = rows(text, "2021-12-20")
    assert row_of(rs, 3000)["region_code"] == "510604"
    assert row_of(rs, 20000)["region_code"] == "510600"


def test_a_dispatch_from_the_capital_does_not_make_a_provincial_page_beijings():
    """新华社北京3月1日电 on a page that names 四川 once: the page is 四川's; a
    page naming nothing but its dispatch's city gets that city's province."""
    assert region_resolution.page_region("新华社北京3月1日电 四川今年城镇新增就业85万人。").code == "510000"
    assert region_resolution.page_region("新华社石家庄3月1日电 记者从省人社厅获悉，今年新增就业85万人。").code == "130000"


def test_a_day_before_a_telephone_call_is_no_dateline():
    """3月1日电话回访 is a day the article tells of (电话), not a dispatch (3月1日电)."""
    r = row_of(rows("某某县人社局3月1日电话回访求职者，共回访求职人员120人。\n", "2023-03-05"), 120)
    assert (r["period_start"], r["period_end"]) == (D(2023, 3, 1), D(2023, 3, 1))


def test_a_paragraph_opening_with_several_places_frames_none_of_them():
    """罗江区、旌阳区等地…: no one place opens the paragraph; its figures keep the page's region."""
    text = ("四川省德阳市人社局消息：德阳市今年城镇新增就业5万人，德阳市就业形势稳定。\n"
            "罗江区、旌阳区等地大力推进技能培训。共培训职业技能3000人。\n")
    assert row_of(rows(text, "2021-12-20"), 3000)["region_code"] == "510600"


# --- measures: targets, stocks, running totals (round 3) ------------------------------


def test_a_capped_rate_is_a_target_and_a_rate_reached_is_an_outcome():
    """控制在 X% 以内/左右 caps a rate: a target, of the year its frame names;
    控制在 X% with no cap word is the rate reached."""
    plan = rows("今年，青禾县城镇登记失业率控制在4.5%以内，城镇新增就业目标为8000人。", "2024-03-01")
    r = row_of(plan, 4.5)
    assert (r["measure"], r["period_start"], r["period_end"]) == ("target", D(2024, 1, 1), D(2024, 12, 31))
    review = rows("1-10月，青禾县城镇登记失业率控制在3.37%，城镇新增就业5000人。", "2024-11-05")
    assert row_of(review, 3.37)["measure"] == "outcome"
    # a cap on a period over when the article is written: the rate kept
    kept = rows("2023年1-9月，青禾县城镇新增就业6835人；城镇调查失业率控制在5.5%以内。", "2023-10-20")
    r = row_of(kept, 5.5)
    assert (r["measure"], r["period_start"], r["period_end"]) == ("outcome", D(2023, 1, 1), D(2023, 9, 30))


def test_a_target_heading_governs_the_list_under_it():
    """A line ending in 预期目标/主要目标 heads a list of targets: the line
    after it and the list items after that are targets of the heading's
    year; a plain line after the list is no longer governed."""
    text = ("青禾县政府工作报告\n"
            "2023年，全县城镇新增就业5200人。\n"
            "2024年主要预期目标\n"
            "●城镇新增就业5500人以上；\n"
            "●城镇调查失业率5.5%左右。\n"
            "会议指出，上年全县失业人员再就业1200人。\n")
    rs = rows(text, "2024-01-20")
    assert row_of(rs, 5200)["measure"] == "outcome"
    for v in (5500, 5.5):
        r = row_of(rs, v)
        assert (r["measure"], r["period_start"], r["period_end"]) == ("target", D(2024, 1, 1), D(2024, 12, 31)), v
    assert row_of(rs, 1200)["measure"] != "target"


def test_a_time_about_to_come_is_no_plan():
    """即将来临/即将过去/即将毕业 tells when or who, it does not make a plan."""
    rs = rows("3月30日，在清明节即将来临之际，青禾镇团委组织20多名青年志愿者走访慰问留守儿童。", "2024-04-01")
    assert row_of(rs, 20)["measure"] == "outcome"
    rs = rows("在即将过去的一年里，青禾县城镇新增就业5200人。", "2023-12-28")
    assert row_of(rs, 5200)["measure"] == "outcome"
    rs = rows("青禾县为2300名即将毕业的高校毕业生提供就业岗位4000个。", "2024-05-20")
    assert row_of(rs, 4000)["measure"] == "outcome"


def test_a_clause_going_on_in_the_future_is_a_plan():
    """A figure whose clause goes on with 还将/将于 is a plan (what will be done)."""
    rs = rows("本周内，5支由县总工会干部组成的志愿者服务队还将分赴各村，慰问300余名困难职工。", "2024-01-27")
    teams = [r for r in rs if r["value"] == 5]
    assert teams and all(r["measure"] == "target" for r in teams)


def test_a_stock_of_things_is_cumulative_without_a_start():
    """活跃着/共建立/现有 count what exists (a stock): cumulative, with no
    start unless its own sentence says since when."""
    rs = rows("2022年，青禾镇开展志愿服务活动。\n在青禾，活跃着3000多名党员志愿者，共建立45支志愿服务队。", "2023-05-04")
    for v in (3000, 45):
        r = row_of(rs, v)
        assert (r["measure"], r["period_start"]) == ("cumulative", None), v


def test_a_year_end_stock_has_no_start():
    """年末共有 N (a bulletin's stock at the year's end): cumulative, up to
    that year's end, since when unsaid."""
    r = row_of(rows("2022年末，青禾县共有老年食堂60个。", "2023-04"), 60)
    assert (r["measure"], r["period_start"], r["period_end"]) == ("cumulative", None, D(2022, 12, 31))


def test_from_a_date_until_now_spans_to_the_article_date():
    """从去年成立至今，已发展到拥有N名成员: a stock reached now, counted since
    the date its sentence names."""
    r = row_of(rows("青禾社区志愿服务队从去年成立至今，已发展到拥有四十七名志愿者。", "2017-06-13"), 47)
    assert (r["measure"], r["period_start"], r["period_end"]) == ("cumulative", D(2016, 1, 1), D(2017, 6, 13))


def test_up_to_now_governing_the_sentence_counts_the_year_so_far_as_an_outcome():
    """截至目前，…已… with no 累计 nor stock word: the year so far, counted
    from the year's start, an outcome of that period (SPEC: a flow counted
    from the start of the year to a date is an outcome, as 截至6月底 is)."""
    r = row_of(rows("截至目前，青禾镇大学生志愿者已看望慰问16位空巢老人。", "2015-08-06"), 16)
    assert (r["measure"], r["period_start"], r["period_end"]) == ("outcome", D(2015, 1, 1), D(2015, 8, 6))


def test_a_target_beside_a_part_of_the_year_covers_the_whole_year():
    """1-6月 … 低于4%的控制指标: a target is set for a year, not for the part
    of it the report covers."""
    rs = rows("1-6月，青禾县城镇新增就业3000人，城镇登记失业率3.28%，低于4%的控制指标。", "2018-07-10")
    r = row_of(rs, 4)
    assert (r["measure"], r["period_start"], r["period_end"]) == ("target", D(2018, 1, 1), D(2018, 12, 31))
    assert (row_of(rs, 3.28)["period_start"], row_of(rs, 3.28)["period_end"]) == (D(2018, 1, 1), D(2018, 6, 30))


def test_target_words_are_read_through_pinyin_glosses():
    """A page that prints pinyin glosses (预(yù)计) reads its words without them."""
    rs = rows("青禾县人社局预(yù)计，今年城镇新增就业(yè)将达到6000人。", "2024-02-01")
    assert row_of(rs, 6000)["measure"] == "target"


def test_a_heading_of_the_years_projects_governs_the_list_run_into_it():
    """民生实事 followed by a list opener (一、…) heads a list of plans, also
    when the page's lines are run together."""
    rs = rows("2024年青禾县十大民生实事\n一、新建老年食堂20个\n二、城镇新增就业6000人\n", "2024-01-20")
    r = row_of(rs, 6000)
    assert (r["measure"], r["period_start"], r["period_end"]) == ("target", D(2024, 1, 1), D(2024, 12, 31))


def test_will_and_must_before_a_verb_of_doing_make_a_plan():
    """将/要 + a verb of doing (将建成, 要实现), a deadline ahead (年底前) or
    下一步 make the figure a plan; 将 as 把 does not."""
    for text in ("今年年底前，青禾县将建成老年食堂30个。", "会议提出，今年要实现城镇新增就业5000人以上。",
                 "下一步，青禾县将新建老年食堂15个。", "青禾县计划年底前建成老年食堂30个。"):
        hits = [r for r in rows(text, "2024-03-01") if r["value"] in (30, 5000, 15)]
        assert hits and all(r["measure"] == "target" for r in hits), text
    r = row_of(rows("去年年底前，青禾县已建成老年食堂30个。", "2024-03-01"), 30)
    assert r["measure"] != "target"
    r = row_of(rows("3月1日，青禾县总工会将慰问金送到120户困难职工家中。", "2024-03-01"), 120)
    assert r["measure"] == "outcome"


def test_a_quoted_target_is_a_target():
    """A figure in a quotation that states a target (提出“…”, “…”的目标) is a target."""
    r = row_of(rows("会议提出“城镇新增就业5000人以上”的目标。", "2024-03-01"), 5000)
    assert r["measure"] == "target"


def test_a_sentence_opening_with_now_counts_up_to_now():
    """目前，… governs its sentence: a count up to the article's date; what
    exists (共有, 有) since when unsaid (cumulative), a flow since the year's
    start (as 截至目前: the year so far, an outcome)."""
    rs = rows("目前，全县共有志愿服务队120支，城镇新增就业3000人。", "2024-05-01")
    r = row_of(rs, 120)
    assert (r["measure"], r["period_start"], r["period_end"]) == ("cumulative", None, D(2024, 5, 1))
    r = row_of(rs, 3000)
    assert (r["measure"], r["period_start"], r["period_end"]) == ("outcome", D(2024, 1, 1), D(2024, 5, 1))



def test_a_day_whose_year_and_month_marks_were_lost_is_read_when_it_splits_one_way():
    """201958日 (2019年5月8日 with 年 and 月 lost) is that day; 2019128日
    (1月28日 or 12月8日) is no date."""
    got = dates("青禾敬老院，201958日下午两点，志愿者来访。2019128日上午再访。", D(2019, 5, 14), "day")
    assert got.get("201958日") == (D(2019, 5, 8), D(2019, 5, 8))
    assert not any(s.startswith("2019128") for s in got)


def test_a_stem_before_residents_names_the_place():
    """A region's stem right before 居民 (德庆居民人均收支) names that region:
    a person is never called X居民."""
    text = ("社会保障。全年新增城镇就业3050人，帮扶失业人员再就业774人。\n"
            "表四 2023年德庆居民人均收支主要指标\n")
    r = row_of(rows(text, "2024"), 3050)
    assert r["region_code"] == "441226"


def test_a_rate_is_never_a_running_total():
    """The codebook declares rates outcome/target/average only: 目前 before a
    rate gives the rate now (outcome), not a running total."""
    r = row_of(rows("目前，青禾县城镇登记失业率为3.2%。", "2024-05-01"), 3.2)
    assert r["measure"] == "outcome"


def test_totals_built_are_a_stock_only_without_a_period():
    """共组建/已建成 N: a stock (cumulative, no start) when no date frames the
    sentence or a cut-off does (截至6月底); over a period (2023年，…) what
    was done in it (outcome)."""
    r = row_of(rows("2023年，全县新建老年食堂12个，共组建志愿服务队35支。", "2024-01-10"), 35)
    assert (r["measure"], r["period_start"], r["period_end"]) == ("outcome", D(2023, 1, 1), D(2023, 12, 31))
    r = row_of(rows("截至6月底，全县已建成老年食堂45个。", "2024-07-10"), 45)
    assert (r["measure"], r["period_start"], r["period_end"]) == ("cumulative", None, D(2024, 6, 30))


def test_a_figure_followed_by_its_target_word_is_a_target():
    """城镇新增就业5000人的目标: the figure states a target."""
    r = row_of(rows("我们要把城镇新增就业5000人的目标落到实处。", "2024-03-10"), 5000)
    assert r["measure"] == "target"


def test_a_projection_for_the_whole_year_covers_the_articles_year():
    """预计全年 N: a target of the article's year."""
    r = row_of(rows("预计全年城镇新增就业1.2万人。", "2024-11-10"), 12000)
    assert (r["measure"], r["period_start"], r["period_end"]) == ("target", D(2024, 1, 1), D(2024, 12, 31))


def test_a_lead_before_a_colon_governs_every_item_of_its_list():
    """主要预期目标是：A；B；C。 (or 为民办实事项目：A；B): the lead makes each
    item, across semicolons, a target of its year."""
    text = "2024年经济社会发展的主要预期目标是：地区生产总值增长6%左右；城镇新增就业6000人以上；城镇调查失业率5.5%左右。"
    rs = rows(text, "2024-01-20")
    for v in (6000, 5.5):
        r = row_of(rs, v)
        assert (r["measure"], r["period_start"], r["period_end"]) == ("target", D(2024, 1, 1), D(2024, 12, 31)), v
    r = row_of(rows("2024年为民办实事项目：新增城镇就业5000人；新建老年食堂8个。", "2024-01-20"), 8)
    assert r["measure"] == "target"


def test_a_stock_word_governs_the_bare_items_after_it():
    """现有A，B / 年末共有A，B: the later bare items (no flow word) are stocks
    too; a later clause telling a flow (新增…) is not."""
    rs = rows("2023年末，全县共有养老服务机构20家，老年食堂35个。", "2024-03-10")
    r = row_of(rs, 35)
    assert (r["measure"], r["period_start"], r["period_end"]) == ("cumulative", None, D(2023, 12, 31))
    rs = rows("青禾县现有志愿服务队35支，今年新增城镇就业500人。", "2024-05-10")
    assert row_of(rs, 35)["measure"] == "cumulative"
    assert row_of(rs, 500)["measure"] == "outcome"


def test_a_sentence_is_read_back_at_most_max_sentence_characters():
    """A page run together with no sentence end: a figure's sentence is read
    back at most MAX_SENTENCE characters (a plan word far before it does
    not govern it)."""
    from etl.semantic.figure_clauses import MAX_SENTENCE
    text = "预计，" + "青禾镇志愿者开展服务活动，" * (MAX_SENTENCE // 13 + 5) + "城镇新增就业5000人。"
    assert row_of(rows(text, "2024-05-01"), 5000)["measure"] == "outcome"
    near = "预计，" + "青禾镇志愿者开展服务活动，" * 3 + "城镇新增就业5000人。"
    assert row_of(rows(near, "2024-05-01"), 5000)["measure"] == "target"
