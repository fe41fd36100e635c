"""Regions of indicator rows, round 10: the causes of the region misses of
fresh7 (a destination list read as the page's place, a partner region named
more than the county, a province-level event filed under a district, a place
only in the site footer) and of the older sets (a short form in the headline,
a county's short form before its township, a province told by its
abbreviation), on invented text (real region and township names from the
gazetteer, invented bodies, people and figures).  Each test states its rule
in its name and docstring; its traps are tests of their own."""

from __future__ import annotations

from etl.semantic import region_resolution, regions
from etl.semantic.regions import place_mentions
from tests.test_regions_periods import row_of, rows


# --- a list of places of several provinces is no one place ------------------------------------


def test_a_list_of_places_of_several_provinces_is_not_the_pages_region():
    """全县在江苏、浙江、广东等省建立了劳务基地: the provinces where the bases
    are (the page's own county being illegible) are not the page's place, nor
    the place of the figure after them: the row has no region."""
    text = ("为带领群众增收，全县有组织地开展劳务输出。\n"
            "全县在江苏、浙江、广东等省建立了12个劳务基地，今年已输转劳务工8300多人。\n")
    rs = rows(text, "2021-09-01")
    assert rs and all(r["region_code"] is None for r in rs)


def test_a_list_of_provinces_beside_the_named_county_leaves_the_county_its_figures():
    """岷县在江苏、浙江、广东等省建立了劳务基地: the county (Gansu) is the
    page's and its figures', though the list names three other provinces."""
    text = ("岷县劳务输出见实效\n"
            "岷县在江苏、浙江、广东等省建立了12个劳务基地，今年已输转劳务工8300多人。\n")
    rs = rows(text, "2021-09-01")
    assert {r["region_code"] for r in rs} == {"621126"}


def test_trap_a_list_of_counties_of_one_province_is_no_province_list():
    """岚皋县、石泉县等地: places of one province are no list of several
    provinces (the parts may name their whole)."""
    text = "岚皋县、石泉县等地开展招聘活动。"
    assert region_resolution.province_list_spans(text, place_mentions(text)) == []
    assert region_resolution.destination_spans(text, place_mentions(text)) == []


def test_a_province_list_span_covers_its_closing_group_word():
    """北京、天津和河北等省市: the span runs from the first place over 等省市."""
    text = "该县在北京、天津和河北等省市设立服务站。"
    spans = region_resolution.province_list_spans(text, place_mentions(text))
    assert spans == [(text.index("北京"), text.index("设立"))]


# --- 该县 tells which province's county the story follows -------------------------------------


def test_the_county_the_story_calls_its_subject_wins_over_a_partner_named_more():
    """江苏省无锡市锡山区 and its short form 锡山 are named more often than
    四川南江县, but the story follows 该县 (a county): of the provinces in play
    only Sichuan holds a named county, so the page and its fair are 南江县's."""
    text = ("2019年，江苏省无锡市锡山区和四川南江县建立东西部协作机制。"
            "2月3日，该县在网上发布了南江县春风行动网络招聘会信息，提供岗位2100个（其中锡山18家企业提供岗位960个）。"
            "通过该县就业局与锡山相关企业对接，目前有25人达成就业协议，将赴锡山就业。"
            "该县协调专车送他们奔赴锡山。\n")
    rs = rows(text, "2020-02-20")
    assert row_of(rs, 2100)["region_code"] == "511922"
    assert row_of(rs, 18)["region_code"] == "511922"


# --- a city's page under its headline ----------------------------------------------------------


def test_a_city_named_in_the_headline_that_speaks_as_a_city_keeps_its_figures():
    """A headline naming 杭州市 and a text speaking as the city (本市, 全市)
    and never as a district: the page is the city's, though the body names
    one district most (its officials' titles, a body's name)."""
    text = ("2024年杭州市民营企业服务月启动\n"
            "本市人社部门近日在全市范围内开展民营企业服务月活动，本市各区将举办招聘活动。\n"
            "日前，启动仪式在某科创园举行。余杭区副区长王某、余杭区人社局局长李某出席。\n"
            "启动仪式上，余杭区电子产业集群党委成员单位交流了经验。招聘会组织了120余家用人单位，提供1800多个岗位。\n")
    rs = rows(text, "2024-03-10")
    assert {r["region_code"] for r in rs} == {"330100"}


def test_trap_a_page_with_no_headline_saying_its_city_keeps_the_district_it_tells_of():
    """本市 said by a municipality's outlet on a page whose event a district
    holds (no headline naming the city): the district is the page's."""
    text = ("本市加快发展设施农业。昨天余杭区在街头启动送岗位活动，"
            "余杭区百余家用人单位带着2000个岗位现场招聘，余杭区人社局介绍了情况。\n")
    rs = rows(text, "2013-03-01")
    assert row_of(rs, 2000)["region_code"] == "330110"


def test_a_city_name_before_min_ying_is_the_citys_short_form():
    """杭州市民营企业: the 市 opens 市民营 (or 市民, 市场), and 杭州 before it
    is still the city's short form: a mention of 330100."""
    text = "杭州市民营企业招聘月启动。"
    assert [(m.code, text[m.start:m.end], m.full) for m in place_mentions(text)] == [("330100", "杭州", False)]


def test_trap_a_city_name_before_shi_chang_without_a_short_form_is_no_place():
    """东方市场: 东方市 (Hainan) has no short form, so the word 市场 leaves no mention."""
    text = "东方市场管理处今年招聘50人。"
    assert place_mentions(text) == []


# --- a place only in the site's footer ----------------------------------------------------------


def test_a_place_only_in_the_sites_footer_gives_no_region():
    """主办：某市人民政府办公室 in the footer names the site's owner, not the
    text's place: a page naming no other place has no region."""
    text = ("上半年，城镇新增就业人员6200人，城镇登记失业率3.8%。全市最低工资标准提高到每月1300元。\n"
            "主办:安康市人民政府办公室 承办:安康市人民政府办公室信息科\n")
    rs = rows(text, "2014-07-01")
    assert rs and all(r["region_code"] is None for r in rs)


# --- short forms that name the page's county ----------------------------------------------------


def test_a_county_short_form_in_the_headline_is_the_county_the_text_speaks_as():
    """岚皋民政部门… heading a page that says 全县 (and 县民政局): 岚皋 is the
    county 岚皋县, and the page's figures are its."""
    text = ("岚皋民政部门筹资50万元走访慰问困难群众\n"
            "春节来临之际，县民政局积极筹措资金50万元，慰问困难群众2100余户，全县各福利机构同步开展慰问。\n")
    rs = rows(text, "2021-02-01")
    assert {r["region_code"] for r in rs} == {"610925"}


def test_trap_a_county_short_form_in_the_headline_of_a_page_not_speaking_as_a_county_is_no_place():
    """岚皋 in a headline with no 全县/我县/本县 in the text: a short form with
    nothing else to make it a place stays unread."""
    text = ("岚皋民政部门走访慰问困难群众\n"
            "春节来临之际，民政部门筹措资金50万元，慰问困难群众2100余户。\n")
    assert place_mentions(text) == []


def test_a_county_short_form_right_before_one_of_its_townships_is_the_county():
    """岚皋佐龙镇: the short form of 岚皋县 right before a township of 岚皋县
    (townships.csv) is the county."""
    text = "1月19日，岚皋佐龙镇扶贫协会为40多户贫困户发放慰问金3万多元。"
    assert [(m.code, text[m.start:m.end]) for m in place_mentions(text)] == [("610925", "岚皋")]


def test_trap_a_short_form_before_another_countys_township_is_not_read_by_that_rule():
    """岚皋 right before 四季镇 of another county would not do; here 岚皋 stands
    before a town of no county of its (a made-up 青禾镇): not a place."""
    text = "1月19日，岚皋青禾镇扶贫协会为40多户贫困户发放慰问金3万多元。"
    assert place_mentions(text) == []


# --- a province told by its abbreviation ----------------------------------------------------------


def test_a_doubled_province_abbreviation_in_stay_and_come_names_the_province():
    """留湘来湘高校毕业生: the abbreviation 湘 written twice in 留某来某 names
    湖南省; a work report naming nothing else is the province's."""
    text = ("2022年新增城镇就业72万人，留湘来湘高校毕业生25.3万人，均超额完成年初目标。\n")
    assert [(m.code) for m in regions.abbreviation_mentions(text)] == ["430000"]
    rs = rows(text, "2023-01-20")
    assert row_of(rs, 720000)["region_code"] == "430000"


def test_trap_two_different_abbreviations_or_a_single_one_name_no_province():
    """留湘来鄂 (two provinces) and 来湘 alone are no province's name here."""
    assert regions.abbreviation_mentions("留湘来鄂的毕业生") == []
    assert regions.abbreviation_mentions("来湘就业的毕业生") == []
