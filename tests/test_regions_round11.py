"""Regions of indicator rows, round 11: the causes of the region misses of
fresh8 and fresh9, on invented text (real region names from the gazetteer,
invented bodies, firms and figures).  Each test states its rule in its name
and docstring; its traps are tests of their own."""

from __future__ import annotations

from etl.semantic.region_resolution import resolve_page_region
from tests.test_regions_periods import rows


# --- a headline naming places of two provinces: the page is about each ------------------------

_PARTNER_PAGE = ("胶州市驻岷县劳务协作工作站揭牌\n"
                 "本报讯 为深化东西部协作，胶州市在岷县设立劳务协作工作站，将富余劳动力输送到胶州市企业。\n"
                 "岷县同步举办了春风行动专场招聘会，天津某某电子厂、胶州恒远机械有限公司等6家企业参会。\n"
                 "下一步，工作站将把更多青岛企业引进来，深化青岛与定西两地协作。\n")


def test_a_figure_whose_sentence_names_a_headline_place_of_another_province_is_that_places():
    """胶州市驻岷县…工作站 (Shandong's city, Gansu's county in one headline):
    the page is filed under the city, but the fair 岷县 holds is the county's:
    its figures are 岷县's, though the county lies outside the page's province."""
    assert resolve_page_region(_PARTNER_PAGE).region.code == "370281"
    rs = rows(_PARTNER_PAGE, "2023-03-01")
    assert [(r["indicator_id"], r["region_code"]) for r in rs] == [("job_fair_employers", "621126")]


def test_trap_a_place_of_another_province_the_headline_does_not_name_is_never_a_figures():
    """The same page under a headline naming only the city: 岷县 is a place of
    another province the page is not about, so the fair's figure stays the
    page's (never filed under another province)."""
    text = _PARTNER_PAGE.replace("胶州市驻岷县劳务协作工作站揭牌", "胶州市劳务协作工作站揭牌", 1)
    rs = rows(text, "2023-03-01")
    assert [(r["indicator_id"], r["region_code"]) for r in rs] == [("job_fair_employers", "370281")]


def test_a_place_opening_a_firms_name_does_not_replace_the_place_its_sentence_named():
    """即墨区举办招聘会，胶州市某某有限公司等6家企业参会 on 青岛市's page: 胶州
    says whose the firm is; the fair, and so its employers, are the district's
    that the sentence named first."""
    text = ("青岛市春风行动招聘会陆续举办\n"
            "即墨区举办了春风行动专场招聘会，胶州市恒远机械有限公司等6家企业参会。\n")
    rs = rows(text, "2023-03-01")
    assert [(r["indicator_id"], r["region_code"]) for r in rs] == [("job_fair_employers", "370215")]


# --- one figure for a list of places is the whole's (fresh7 rule 1) ---------------------------

def test_one_figure_stated_for_a_list_of_districts_is_their_citys():
    """宜昌市西陵区、伍家岗区、点军区的月最低工资标准为1200元: one figure for
    three districts of one city is the city's (the smallest region the page
    names that holds them all), not the last district's."""
    text = ("最低工资标准调整\n"
            "根据通知，宜昌市西陵区、伍家岗区、点军区的月最低工资标准为1200元。\n")
    rs = rows(text, "2015-03-01")
    assert [(r["indicator_id"], r["region_code"]) for r in rs] == [("minimum_wage", "420500")]


def test_trap_figures_told_respectively_for_a_list_keep_their_own_places():
    """西陵区、伍家岗区的月最低工资标准分别为…: figures told place by place
    (分别) are no one figure of the list: the list's whole is not taken."""
    text = ("最低工资标准调整\n"
            "根据通知，宜昌市西陵区、伍家岗区的月最低工资标准分别为1200元、1100元。\n")
    rs = rows(text, "2015-03-01")
    assert rs and all(r["region_code"] != "420500" for r in rs)


def test_trap_a_list_whose_whole_the_page_never_names_gives_no_whole():
    """西陵区、伍家岗区 on a page that never names 宜昌: the smallest whole the
    text names does not exist, so the list gives no whole region."""
    from etl.semantic.region_resolution import list_wholes
    from etl.semantic.regions import place_mentions
    text = "西陵区、伍家岗区的月最低工资标准为1200元。"
    assert list_wholes(text, place_mentions(text)) == ()
    named = "宜昌市" + text
    assert list_wholes(named, place_mentions(named)) == ((named.index("伍家岗区"), "420500"),)


# --- 全省 on a page about a city that never names its province --------------------------------

def test_a_province_scope_word_on_a_city_page_not_naming_its_province_gives_no_region():
    """我省, 全省 on a page about 宜昌市 that never names 湖北: the text tells
    no province, so the province-wide figure has an empty region (the region
    comes from the text), while the city's own figure keeps the city."""
    text = ("最低工资标准调整\n"
            "省政府发布通知，调整后的全省月最低工资标准为1320元。宜昌市西陵区的月最低工资标准为1100元。\n")
    rs = rows(text, "2015-03-01")
    assert [(r["value"], r["region_code"]) for r in rs] == [(1320.0, None), (1100.0, "420502")]


def test_trap_a_province_scope_word_keeps_the_province_the_page_names():
    """The same page naming 湖北省: 全省 is that province."""
    text = ("湖北省最低工资标准调整\n"
            "省政府发布通知，调整后的全省月最低工资标准为1320元。宜昌市西陵区的月最低工资标准为1100元。\n")
    rs = rows(text, "2015-03-01")
    assert (1320.0, "420000") in [(r["value"], r["region_code"]) for r in rs]


def test_a_scope_word_governs_its_sentence_past_a_semicolon():
    """湖北省…全省月最低工资标准为1320元；小时最低工资标准为13元 on 宜昌市's
    page: 全省 governs up to the full stop, so the hourly rate after the
    semicolon is the province's too."""
    text = ("宜昌市落实最低工资标准\n"
            "湖北省政府发布通知，全省月最低工资标准为1320元；小时最低工资标准为13元。宜昌市各区严格执行，宜昌市将加强检查。\n")
    rs = rows(text, "2015-03-01")
    assert [(r["value"], r["region_code"]) for r in rs] == [(1320.0, "420000"), (13.0, "420000")]


# --- a city's short form before a development zone's name is the city ---------------------------

def test_a_citys_short_form_before_a_development_zone_is_the_city():
    """宜昌高新区城镇新增就业3200人 on a page naming no other place: the zone
    (no region of the gazetteer) lies in 宜昌, so the short form is a place
    and the figure is the city's."""
    text = "今年以来，宜昌高新区城镇新增就业3200人，同比增长5%。\n"
    assert resolve_page_region(text).region.code == "420500"
    rs = rows(text, "2015-06-01")
    assert [r["region_code"] for r in rs][:1] == ["420500"]


def test_trap_a_short_form_before_an_ordinary_word_is_still_no_place():
    """宜昌 before an ordinary word (宜昌特产展销) on a page naming nothing
    else gets no region from the zone rule."""
    text = "今年以来，宜昌特产展销带动就业3200人。\n"
    assert resolve_page_region(text).region is None


# --- 经双方协商: the parties to an agreement are no joint places ---------------------------------

def test_the_parties_to_an_agreement_are_no_joint_subject_of_places():
    """经双方协商，25名残疾人与用人单位达成就业意向 on 莎车县's page: 双方 are a
    job seeker and an employer, not two places, so the figure keeps the county."""
    from etl.semantic.region_resolution import joint_spans
    assert joint_spans("经双方协商，25名残疾人达成就业意向。") == ()
    assert joint_spans("双方共举办招聘会12场。") != ()  # (a subject 双方 still joins two places)


# --- a standard in force runs from the day it takes effect ---------------------------------------

def test_a_minimum_wage_runs_from_the_day_it_takes_effect_with_no_end():
    """调整后的最低工资标准从4月1日起执行 in a page of 2015-03-10: the standard
    is set (an outcome, though the day is to come) and in force from that
    day, with no end stated."""
    text = ("宜昌市调整最低工资标准\n"
            "3月8日，省政府发布通知，调整后的最低工资标准从4月1日起执行。宜昌市西陵区的月最低工资标准为1100元。\n")
    rs = [r for r in rows(text, "2015-03-10") if r["indicator_id"] == "minimum_wage"]
    assert [(r["period_start"], r["period_end"], r["measure"]) for r in rs] == [("2015-04-01", None, "outcome")]


def test_trap_a_day_without_taking_effect_gives_no_standing_period():
    """4月1日 followed by no verb of taking effect (4月1日召开会议) is no
    effective day: the minimum wage keeps the ordinary period rules."""
    text = ("宜昌市调整最低工资标准\n"
            "4月1日，宜昌市召开会议。宜昌市西陵区的月最低工资标准为1100元。\n")
    rs = [r for r in rows(text, "2015-04-02") if r["indicator_id"] == "minimum_wage"]
    assert rs and rs[0]["period_basis"] != "takes_effect"
