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
