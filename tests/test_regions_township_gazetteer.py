"""Issue 15: a township written with its level word (某某镇, 某某乡, 某某街道,
某某苏木) tells its county to a careful reader only when the page names the
city or province it is in and no other township of that name lies there
(or names the county: then it confirms it).  Never by itself across China
(many names repeat), never a region of another province, never an ordinary
word (城镇, 乡镇).  The published region is the county, with the
gazetteer's name of the county.

Invented text: invented villages, people and figures; the regions and
townships are those of the gazetteers (schemas/vocab/regions.csv,
schemas/vocab/townships.csv).
"""

from __future__ import annotations

import csv

from etl.batch.page import process_page
from etl.extract.rules import VOCAB_DIR
from etl.semantic import region_resolution, regions

KUNMING = "530100"  # 昆明市 (云南省)
SONGMING = "530127"  # 嵩明县 (昆明市): its 杨林镇 is the only one under 昆明市 and 云南省
YANGLIN = "杨林镇"  # four townships of this name in China (浙江, 湖南 twice, 云南)
CHONGQING = "500000"
TAIPING = "太平镇"  # two under 重庆市 (铜梁区, 垫江县)
YANGZIZHOU = "扬子洲镇"  # one township in China, in 南昌市东湖区 (江西省)


def rows(text: str, issue: str = "2021-05-10") -> list[dict]:
    out = process_page("t.txt", text.encode(), {"issue_date": issue}, 1 << 20)
    assert out.status == "ok", out.detail
    return out.tables["indicators"]


def visit_page(place: str, town: str) -> str:
    return (f"走进{town}石桥村\n"
            f"{place}志愿者协会开展关爱空巢老人活动。2021年5月8日，二十名志愿者来到{town}石桥村，"
            f"看望七位特困老人，送去慰问金三百元。\n")


def test_a_township_unique_under_the_named_city_gives_its_county():
    """昆明市 named, 杨林镇 the only township of that name under it: the
    page is about 嵩明县, published with the county's gazetteer name."""
    text = visit_page("昆明市", YANGLIN)
    assert region_resolution.page_region(text).code == SONGMING
    rs = rows(text)
    assert rs and all(r["region_code"] == SONGMING and r["region_name_zh"] == "嵩明县" for r in rs)


def test_a_township_unique_under_the_named_province_gives_its_county():
    """云南省 named (no city): 杨林镇 is one township of 云南省: its county."""
    assert region_resolution.page_region(visit_page("云南省", YANGLIN)).code == SONGMING


def test_a_township_under_the_named_county_only_confirms_it():
    text = visit_page("嵩明县", YANGLIN)
    assert region_resolution.page_region(text).code == SONGMING


def test_a_township_name_repeated_under_the_named_city_gives_nothing():
    """重庆市 has two 太平镇 (in two districts): no district; the page stays the city's."""
    text = visit_page("重庆市", TAIPING)
    assert region_resolution.page_region(text).code == CHONGQING
    rs = rows(text)
    assert rs and all(r["region_code"] == CHONGQING for r in rs)


def test_a_township_with_no_city_or_province_named_gives_nothing():
    """杨林镇 alone: four counties in three provinces have one; no region."""
    text = ("走进杨林镇石桥村\n"
            "2021年5月8日，二十名志愿者来到杨林镇石桥村，看望七位特困老人，送去慰问金三百元。\n")
    page = region_resolution.resolve_page_region(text)
    assert page.region is None and page.basis == "none_named"
    rs = rows(text)
    assert rs and all(r["region_code"] is None for r in rs)


def test_a_township_of_another_province_than_the_pages_gives_nothing():
    """扬子洲镇 is one township of China, in 江西省; on a 昆明市 page it tells
    no county, and no row leaves 云南省."""
    text = visit_page("昆明市", YANGZIZHOU)
    assert region_resolution.page_region(text).code == KUNMING
    rs = rows(text)
    assert rs and all(r["region_code"] == KUNMING for r in rs)


def test_a_figure_whose_sentence_names_a_township_of_the_city_is_about_its_county():
    """A city's report: the figure of the sentence naming 杨林镇 is 嵩明县's
    (its gazetteer name published); the city's own figures stay the city's."""
    text = ("昆明市就业工作综述\n"
            "2021年，昆明市城镇新增就业8万人。昆明市人社局在杨林镇举办招聘会，提供岗位3000个。"
            "昆明市全年开展职业技能培训5万人次。\n")
    assert region_resolution.page_region(text).code == KUNMING
    rs = {r["value"]: r for r in rows(text, "2021-12-30")}
    assert rs[3000.0]["region_code"] == SONGMING and rs[3000.0]["region_name_zh"] == "嵩明县"
    assert rs[80000.0]["region_code"] == KUNMING


def test_common_words_ending_in_a_township_word_are_no_townships():
    """城镇, 乡镇, 各乡镇, 其中城镇 (a township named 中城镇 exists), 返乡 and
    a listed ordinary word (小城镇) name no township."""
    text = "全市城镇新增就业8000人，其中城镇居民增收，各乡镇开展返乡创业，推进小城镇建设，全镇乡镇企业。"
    assert regions.township_mentions(text) == []


def test_a_township_is_read_only_with_its_level_word():
    """杨林 without 镇 is no township; 杨林镇 is."""
    assert regions.township_mentions("昆明市杨林村") == []
    assert [n for _, _, n in regions.township_mentions("昆明市杨林镇")] == [YANGLIN]


def test_the_township_table_names_only_counties_of_the_gazetteer():
    gaz = regions.gazetteer()
    with (VOCAB_DIR / "townships.csv").open(encoding="utf-8", newline="") as f:
        reader = csv.reader(f)
        assert next(reader) == ["name", "county_code"]
        for name, county in reader:
            assert county in gaz and gaz[county].level in ("county", "prefecture"), (name, county)
            assert name.endswith(("镇", "乡", "街道", "苏木")), name
            assert '"' not in name, name  # (the table is read as plain lines)


def test_every_ambiguous_township_is_a_township_of_the_table():
    with (VOCAB_DIR / "townships.csv").open(encoding="utf-8", newline="") as f:
        names = {row["name"] for row in csv.DictReader(f)}
    for form, reason in regions.ambiguous_townships().items():
        assert form in names and reason, form
        assert form not in regions.township_table()


def test_a_township_of_a_county_the_page_names_does_not_outweigh_the_city():
    """A city's page that places a town once (昆明市嵩明县杨林镇) and names the
    town again: the county's own mention speaks for it (the township only
    confirms it), so the page stays the city's; the town's sentence is the
    county's."""
    text = ("昆明市开展春风行动\n"
            "3月2日，嵩明县杨林镇举办专场招聘会。杨林镇在会上提供岗位1200个，杨林镇企业参会80家。\n"
            "昆明市人社局介绍，全市一季度城镇新增就业2万人。\n")
    assert region_resolution.page_region(text).code == KUNMING
    rs = {r["value"]: r for r in rows(text, "2022-04-02")}
    assert rs[1200.0]["region_code"] == SONGMING
    assert rs[20000.0]["region_code"] == KUNMING
