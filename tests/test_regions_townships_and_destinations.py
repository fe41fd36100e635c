"""Issue 15: never publish a region outside the page's province (a wrong
code is worse than none).  Two rules, on invented text (invented villages,
people and figures; the regions are the gazetteer's):

* a township (某某乡, 某某镇, 某某街道) bearing a county's short form is that
  township, never the county of the same stem;
* the places a page's people go to (其中转至某省就业…) are never the page's
  place: a page naming only those has no region, and says so.
"""

from __future__ import annotations

import pytest

from etl.batch.page import process_page
from etl.semantic import regions, region_resolution

QIJIANG = "500110"  # 綦江区 (重庆市), short form 綦江
KUNMING = "530100"  # 昆明市 (云南省)
YILONG = "511324"  # 仪陇县 (四川省)


def rows(text: str, issue: str) -> list[dict]:
    out = process_page("t.txt", text.encode(), {"issue_date": issue}, 1 << 20)
    assert out.status == "ok", out.detail
    return out.tables["indicators"]


@pytest.mark.parametrize("word", ["乡", "镇", "街道"])
def test_a_township_bearing_a_countys_short_form_is_not_that_county(word):
    """来到綦江乡 (a township): no mention of 綦江区, even after a word that
    makes a short form a place (来到)."""
    text = f"志愿者们来到綦江{word}石桥村看望老人。"
    assert all(m.code != QIJIANG for m in regions.place_mentions(text))


def test_a_countys_towns_and_the_county_itself_still_read_as_the_county():
    """綦江乡镇 (the county's towns) and 来到綦江区 still name the county."""
    assert any(m.code == QIJIANG for m in regions.place_mentions("今年来到綦江乡镇企业调研。"))
    assert any(m.code == QIJIANG for m in regions.place_mentions("志愿者们来到綦江区石桥村。"))


def test_a_township_in_the_headline_does_not_move_the_page_to_another_province():
    """A city's volunteers visit a township that shares a county's short form
    in another province: the page and every row stay in the city's province."""
    text = ("走进綦江乡石桥村\n"
            "昆明市志愿者协会开展关爱空巢老人活动。2019年5月8日，二十名志愿者来到綦江乡石桥村，"
            "看望七位特困老人，送去慰问金三百元。\n")
    assert region_resolution.page_region(text).code == KUNMING
    rs = rows(text, "2019-05-10")
    assert rs and all(r["region_code"] is None or r["region_code"].startswith("53") for r in rs)


def test_a_page_naming_only_where_its_people_go_has_no_region():
    """我县 names no place; 转至浙江就业 is where the county's workers went:
    the page's region is empty and its basis says none was named."""
    text = ("本报讯 2021年，我县城镇新增就业2000人，城镇失业人员再就业800人；"
            "劳务协作带动就业500人，其中转至浙江就业300人。\n")
    page = region_resolution.resolve_page_region(text)
    assert page.region is None and page.basis == "none_named"
    rs = rows(text, "2022-01-20")
    assert rs and all(r["region_code"] is None and r["region_basis"] == "none_named" for r in rs)


def test_a_page_naming_its_own_place_keeps_it_beside_a_destination():
    """The county named in full is the page's; its workers' destination is not."""
    text = "本报讯 2021年，仪陇县城镇新增就业2000人，其中转至浙江就业300人。\n"
    assert region_resolution.page_region(text).code == YILONG


def test_the_no_region_rule_is_about_destinations_only():
    """The same province named outside a destination is the page's."""
    text = "本报讯 2021年，浙江城镇新增就业2000人。\n"
    assert region_resolution.page_region(text).code == "330000"


def test_a_county_speaking_of_itself_is_not_filed_under_a_province_named_by_short_form_only():
    """我县 and a province named only by its short form (山东) in a
    partnership: the county is not said to be in that province; no region."""
    text = "本报讯 2021年，我县与山东开展劳务协作，城镇新增就业2000人，山东企业来我县招聘。\n"
    page = region_resolution.resolve_page_region(text)
    assert page.region is None and page.basis == "none_named"


def test_a_municipality_speaking_as_a_city_keeps_its_short_form():
    """我市 in 重庆 is the municipality itself: its short form names the page's region."""
    text = "本报讯 2021年，重庆城镇新增就业70万人，我市就业形势稳定。\n"
    assert region_resolution.page_region(text).code == "500000"


def test_a_province_named_in_full_on_a_county_page_stays():
    """我县 with its province named in full: the province is the page's (no county named)."""
    text = "本报讯 2021年，我县城镇新增就业2000人，完成山东省下达任务。\n"
    assert region_resolution.page_region(text).code == "370000"


def test_a_short_form_of_the_pages_city_before_a_time_word_is_the_figures_subject():
    """On a page whose region is a district (named with its city in a
    caption), 昆明今年计划建设老年食堂60家 is the city's figure: the city's
    short form before a time word is the clause's subject, not a body's name."""
    text = ("社区食堂开餐\n"
            "6月2日，昆明市盘龙区青松社区老年食堂内，居民排队取餐。\n"
            "社区将空置房改造为食堂。昆明今年计划建设老年食堂60家。\n")
    assert region_resolution.page_region(text).code == "530103"
    r = [r for r in rows(text, "2023-06-03") if r["value"] == 60]
    assert r and r[0]["region_code"] == KUNMING and r[0]["region_basis"] == "figure_text"


def test_a_short_form_of_the_pages_city_in_a_projects_name_still_does_not_take_a_figure():
    """昆明盘龙高速 (no time word after 昆明): the page's district keeps the figure."""
    text = ("盘龙区推进项目建设\n"
            "盘龙区今年推进昆明盘龙高速建设，完成投资60亿元。盘龙区新增城镇就业3000人。\n")
    assert region_resolution.page_region(text).code == "530103"
    rs = rows(text, "2023-06-03")
    assert rs and all(r["region_code"] == "530103" for r in rs)


def test_a_short_form_in_an_institutions_name_after_zai_is_not_made_a_place():
    """在綦江中学上学: 在 goes with the school, so it does not make the short
    form 綦江 a place; 在綦江工作 does."""
    assert all(m.code != QIJIANG for m in regions.place_mentions("他的儿子还在綦江中学上学，生活压力大。"))
    assert all(m.code != QIJIANG for m in regions.place_mentions("老人在綦江医院住院。"))
    assert any(m.code == QIJIANG for m in regions.place_mentions("他的儿子在綦江工作。"))
