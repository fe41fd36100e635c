"""Issue 15: the gazetteer holds every county of the code table, whatever
its name, and its townships come with it.

A county is a county whatever word its name holds: 梁园区 is 梁园 + 区, not a
园区 (an industrial park); 清新区 is 清新 + 区, not a 新区 (a functional zone).
The gazetteer's build (tools/build_regions.py) tells functional zones by
their code (NBS statistical zones) and by a zone's level word at the end of
the name (开发区, 工业园区, 示范区 …), never by a word inside a name.  A new
county's short form that is an ordinary word (清新: fresh) is no alias; one
that reads inside ordinary phrases (下花园 in 楼下花园, 绿园 of 绿园小区) is in
schemas/vocab/ambiguous_regions.csv and counts only when the page names the
county in full.

Invented text: invented villages, people and figures; the regions and
townships are those of the gazetteers.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from etl.batch.page import process_page
from etl.semantic import region_resolution, regions

ROOT = Path(__file__).resolve().parent.parent


def build_regions():
    spec = importlib.util.spec_from_file_location("build_regions", ROOT / "tools" / "build_regions.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def rows(text: str) -> list[dict]:
    out = process_page("t.txt", text.encode(), {"issue_date": "2021-05-10"}, 1 << 20)
    assert out.status == "ok", out.detail
    return out.tables["indicators"]


def visit_page(place: str) -> str:
    return (f"{place}志愿者看望空巢老人\n"
            f"2021年5月8日，{place}志愿者协会的二十名志愿者来到石桥村，看望七位特困老人，送去慰问金三百元。\n")


@pytest.mark.parametrize("name,code", [("梁园区", "411402"), ("绿园区", "220106"),
                                       ("清新区", "441803"), ("下花园区", "130706")])
def test_a_county_whose_name_holds_a_zone_word_is_a_county_of_the_gazetteer(name, code):
    """A county named with its level suffix is the page's region, published
    with its code and gazetteer name, though its name holds 园区 or 新区."""
    gaz = regions.gazetteer()
    assert gaz[code].name_zh == name and gaz[code].level == "county"
    text = visit_page(name)
    assert region_resolution.page_region(text).code == code
    rs = rows(text)
    assert rs and all(r["region_code"] == code and r["region_name_zh"] == name for r in rs)


def test_a_new_county_is_found_under_its_city_by_its_short_form():
    """商丘市 named and 梁园 after 在: the county 梁园区 (its short form is no
    ordinary word)."""
    text = ("志愿者在梁园看望留守儿童\n"
            "2021年5月8日，商丘市团委的志愿者在梁园看望了十二名留守儿童，送去书包十二个。\n")
    assert region_resolution.page_region(text).code == "411402"


def test_a_county_short_form_that_is_an_ordinary_word_is_no_place():
    """清新 (fresh) is no alias of 清新区: 空气清新 names no region."""
    assert "清新" not in regions.all_names()
    text = ("石桥村环境整治见成效\n"
            "2021年5月8日，石桥村完成道路硬化三公里，村里空气清新，村民种植花木两千株。\n")
    assert all(m.code != "441803" for m in regions.place_mentions(text))
    assert region_resolution.resolve_page_region(text).region is None


def test_a_listed_short_form_reads_as_the_county_only_when_the_page_names_it_in_full():
    """下花园 inside 楼下花园 and 绿园 of 绿园小区 name no region on a page
    that does not write 下花园区 or 绿园区; with the full name on the page, the
    short form is the county."""
    plain = "2021年5月8日，志愿者在楼下花园陪老人散步，又到绿园小区看望三位独居老人。\n"
    assert {m.code for m in regions.place_mentions(plain)}.isdisjoint({"130706", "220106"})
    full = "下花园区志愿者看望老人\n2021年5月8日，下花园志愿者看望三位独居老人。\n"
    assert [m.code for m in regions.place_mentions(full)] == ["130706", "130706"]


def test_the_townships_of_an_added_county_give_it_under_the_named_city():
    """浸潭镇 is the one township of that name under 清远市: its county 清新区."""
    text = ("走进浸潭镇石桥村\n"
            "清远市志愿者协会开展关爱空巢老人活动。2021年5月8日，二十名志愿者来到浸潭镇石桥村，"
            "看望七位特困老人，送去慰问金三百元。\n")
    assert region_resolution.page_region(text).code == "441803"


def test_the_towns_of_a_prefecture_without_counties_count_for_the_prefecture():
    """嘉峪关市 has no counties: its towns (峪泉镇) are the prefecture's."""
    assert regions.township_table()["峪泉镇"] == ("620200",)


def test_a_zone_word_inside_a_name_is_no_level_word():
    """The build's stem: 新区 is the level word only after two characters or
    more (浦东新区 -> 浦东; 清新区 -> 清新); a zone's level word ends the name
    (苏州工业园区 is a zone; 梁园区 is not)."""
    b = build_regions()
    assert b.stem("浦东新区") == "浦东" and b.stem("清新区") == "清新"
    assert b.stem("梁园区") == "梁园" and b.stem("下花园区") == "下花园"
    assert "苏州工业园区".endswith(b.ZONE_WORDS) and not "梁园区".endswith(b.ZONE_WORDS)
    assert not "清新区".endswith(b.ZONE_WORDS)
