"""Indicators, periods, regions and consistency checks (issue 4)."""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path

import pytest
import yaml

from etl import semantic
from etl.extract import PageExtraction, extract_text
from etl.extract.records import DateMention, Figure
from etl.extract.textrepair import repair
from etl.semantic import indicator_checks, regions, region_resolution

from conftest import SEED, data_file  # tests/ is on sys.path

ROOT = Path(__file__).resolve().parent.parent
SID = SEED.stem


def gold_page() -> PageExtraction:
    """The seed page with the gold figures and dates (independent of the
    extractors), clean offsets through ``Repaired.clean_pos``."""
    raw = SEED.read_text(encoding="utf-8")
    r = repair(raw)
    figs = []
    with data_file("gold", "seed_figures.csv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            s, e = int(row["char_start"]), int(row["char_end"])
            cs, ce = r.clean_pos(s), r.clean_pos(e - 1) + 1
            figs.append(Figure(s, e, raw[s:e], float(row["value"]), row["unit"], "", row["qualifier"],
                               r.display_text(cs, ce), clean_start=cs, clean_end=ce))
    dates = []
    with data_file("gold", "seed_dates.csv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            s, e = int(row["char_start"]), int(row["char_end"])
            cs, ce = r.clean_pos(s), r.clean_pos(e - 1) + 1
            dates.append(DateMention(s, e, raw[s:e], row["granularity"], dt.date.fromisoformat(row["start"]),
                                     dt.date.fromisoformat(row["end"]), "absolute", clean_start=cs, clean_end=ce))
    return PageExtraction(r, figs, dates)


Y2022 = (dt.date(2022, 1, 1), dt.date(2022, 12, 31))
JAN_NOV = (dt.date(2022, 1, 1), dt.date(2022, 11, 30))

#: (char_start, indicator_id, population_group, period) of every seed row.
EXPECTED = [
    (229, "urban_new_jobs", None, JAN_NOV),
    (243, "urban_new_jobs_target_completion", None, JAN_NOV),
    (285, "key_group_loans", "key_groups", JAN_NOV),
    (298, "startups_supported", None, JAN_NOV),
    (312, "jobs_created_by_startups", None, JAN_NOV),
    (674, "graduates_registered", "college_graduates", Y2022),
    (686, "graduates_employed", "college_graduates", Y2022),
    (715, "employment_rate", "college_graduates", Y2022),
    (729, "employment_rate", "hardship_graduates", Y2022),
    (1027, "job_fairs_offline", "college_graduates", Y2022),
    (1046, "job_fairs_online", "college_graduates", Y2022),
    (1068, "employment_service_platforms", None, Y2022),
    (1179, "career_guidance_given", "key_groups", Y2022),
    (1197, "internship_bases", None, Y2022),
    (1212, "internship_trainees", "college_graduates", Y2022),
    (1358, "assistance_workshops", None, Y2022),
    (1374, "assistance_workshop_jobs", "poverty_alleviated", Y2022),
    (2000, "recruitment_events", None, Y2022),
    (2015, "people_helped_into_jobs", "poverty_alleviated", Y2022),
    (2090, "gig_work_markets", None, Y2022),
    (2090, "gig_work_stations", None, Y2022),
    (2104, "skills_training", "poverty_alleviated", Y2022),
    (2128, "returnee_startup_parks", "returning_migrant_workers", Y2022),
    (2141, "startup_incubators", None, Y2022),
    (2159, "returning_migrant_workers", "returning_migrant_workers", Y2022),
    (2167, "startup_loan_recipients", "rural_entrepreneurs", Y2022),
    (2190, "startup_guarantee_loans", "rural_entrepreneurs", Y2022),
    (2205, "jobs_created_by_startups", None, Y2022),
    (2613, "employment_service_agencies", None, (None, None)),
    (2634, "career_guidance_staff_per_agency", None, (None, None)),
]


def _rows_key(rows):
    return sorted((r["char_start"], r["indicator_id"], r["population_group"], (r["period_start"], r["period_end"]))
                  for r in rows)


@pytest.fixture(scope="module")
def gold_result():
    return semantic.derive(SID, gold_page())


def test_seed_indicators_from_gold_figures(gold_result):
    rows = gold_result.indicators
    assert _rows_key(rows) == sorted(EXPECTED)
    for r in rows:
        assert r["region_code"] == "500110"
        assert r["region_name_zh"] == "綦江区" and r["region_name_en"] == "Qijiang District"
        assert r["figure_id"] == f"{SID}:{r['char_start']}-{r['char_end']}"
        assert r["source_id"] == SID
        assert isinstance(r["value"], float)
    by = {(r["char_start"], r["indicator_id"]): r for r in rows}
    assert by[(229, "urban_new_jobs")]["value"] == 10805.0
    assert by[(285, "key_group_loans")]["value"] == 52660000.0
    assert by[(2634, "career_guidance_staff_per_agency")]["qualifier"] == "at_least"


def test_unmatched_figures_get_no_indicator(gold_result):
    starts = {r["char_start"] for r in gold_result.indicators}
    # ages, wages, household income, the single workshop's staff: figures only
    for s in (1616, 1711, 1757, 1770, 1794, 4032, 274, 1126):
        assert s not in starts


def test_rows_match_schema(gold_result):
    for table, rows in (("indicators", gold_result.indicators), ("checks", gold_result.checks),
                        ("care_visits", gold_result.care_visits), ("codebook", semantic.codebook_rows())):
        schema = json.loads((ROOT / "schemas" / f"{table}.json").read_text(encoding="utf-8"))
        names = [f["name"] for f in schema["fields"]]
        assert rows, table
        for row in rows:
            assert list(row) == names, table
            for f in schema["fields"]:
                v = row[f["name"]]
                c = f.get("constraints", {})
                if v is None:
                    assert not c.get("required"), (table, f["name"])
                    continue
                assert isinstance(v, {"string": str, "integer": int, "number": float, "boolean": bool,
                                      "date": dt.date}[f["type"]]), (table, f["name"], v)
                if "enum" in c:
                    assert v in c["enum"], (table, f["name"], v)
        keys = [tuple(r[k] for k in schema["primaryKey"]) for r in rows]
        assert len(keys) == len(set(keys)), table


def roles_of(result, check: dict) -> dict[str, str]:
    """role -> figure_id of one check, from the result's ``check_figures`` link rows."""
    return {r["role"]: r["figure_id"] for r in result.check_figures if r["check_id"] == check["check_id"]}


def test_seed_checks(gold_result):
    checks = {c["check_name"]: c for c in gold_result.checks if c["kind"] != "range"}
    ratio = checks["graduate_employment_rate_vs_parts"]
    assert ratio["passed"] is True
    assert ratio["expected"] == pytest.approx(1789 / 1896 * 100)
    assert ratio["observed"] == 94.36
    # 1789 employed of 1896 registered graduates: 94.36 %
    assert roles_of(gold_result, ratio) == {
        "numerator": f"{SID}:686-692", "denominator": f"{SID}:674-680", "rate": f"{SID}:715-721"
    }
    share = checks["share_vs_whole"]
    assert share["passed"] is True and share["expected"] == pytest.approx(100 / 3) and share["observed"] == 33.3
    # 带动就业30人，其中建卡贫困户10人，占33.3%
    assert roles_of(gold_result, share) == {"whole": f"{SID}:1757-1761", "part": f"{SID}:1770-1774", "share": f"{SID}:1784-1789"}
    # The seed prints the completion rate (113.74%) but not the target: there
    # is nothing to check it against, so no row (never a vacuous pass).
    assert "urban_new_jobs_target_completion" not in checks
    ranges = [c for c in gold_result.checks if c["kind"] == "range"]
    assert len(ranges) == 2 and all(c["passed"] for c in ranges)
    # the hardship-graduate rate is not checked against all graduates' parts
    assert all(f"{SID}:729-735" not in roles_of(gold_result, c).values() for c in gold_result.checks if c["kind"] == "ratio")
    # every link names a check of the page, and every check that ran has one figure per role of its kind
    check_ids = {c["check_id"] for c in gold_result.checks}
    assert {r["check_id"] for r in gold_result.check_figures} == check_ids
    for c in gold_result.checks:
        assert set(roles_of(gold_result, c)) == set(indicator_checks.CHECK_ROLES[c["kind"]])


def _synthetic(text: str, figures: list[tuple[str, float, str]]) -> PageExtraction:
    """A page with figures placed by their surface (first occurrence after the
    previous one)."""
    r = repair(text)
    figs, pos = [], 0
    for surface, value, unit in figures:
        s = text.index(surface, pos)
        e = s + len(surface)
        pos = e
        cs, ce = r.clean_pos(s), r.clean_pos(e - 1) + 1
        figs.append(Figure(s, e, surface, value, unit, "", "exact", r.display_text(cs, ce),
                           clean_start=cs, clean_end=ce))
    return PageExtraction(r, figs, [])


def test_failed_checks_flag_and_never_crash():
    page = _synthetic(
        "全区登记高校毕业生2000人，已就业1500人，高校毕业生就业率达95%。\n"
        "带动就业50人，其中脱贫户40人，占比例为20%。\n"
        "全区城镇新增就业8000人，完成年度目标任务的123.456%。\n",
        [("2000人", 2000, "person"), ("1500人", 1500, "person"), ("95%", 95, "percent"),
         ("50人", 50, "person"), ("40人", 40, "person"), ("20%", 20, "percent"),
         ("8000人", 8000, "person"), ("123.456%", 123.456, "percent")],
    )
    res = semantic.derive("syn", page)
    by = {c["check_name"]: c for c in res.checks if c["kind"] != "range"}
    assert by["graduate_employment_rate_vs_parts"]["passed"] is False
    assert by["graduate_employment_rate_vs_parts"]["expected"] == pytest.approx(75.0)
    assert by["share_vs_whole"]["passed"] is False
    # 123.456% of an unprinted target: not checkable, so no row at all.
    assert "urban_new_jobs_target_completion" not in by
    assert all(c["message"] for c in res.checks)


def test_completion_checked_against_printed_target_only():
    text = ("全区城镇新增就业8000人，年度目标任务6000人，完成年度目标任务的133.33%。\n"
            "全区城镇新增就业8000人，完成年度目标任务的123.456%。\n")
    page = _synthetic(
        text,
        [("8000人", 8000, "person"), ("6000人", 6000, "person"), ("133.33%", 133.33, "percent"),
         ("8000人", 8000, "person"), ("123.456%", 123.456, "percent")],
    )
    res = semantic.derive("syn", page)
    comp = [c for c in res.checks if c["kind"] == "completion"]
    # One row: the first sentence, where the target is printed; the second
    # sentence has no target and gets no row, whatever its rate.
    assert len(comp) == 1
    assert comp[0]["passed"] is True and comp[0]["expected"] == pytest.approx(8000 / 6000 * 100)
    assert set(roles_of(res, comp[0])) == {"achieved", "target", "rate"}
    assert "not printed" not in comp[0]["message"]
    wrong = _synthetic(
        text.replace("133.33%", "143.33%"),
        [("8000人", 8000, "person"), ("6000人", 6000, "person"), ("143.33%", 143.33, "percent"),
         ("8000人", 8000, "person"), ("123.456%", 123.456, "percent")],
    )
    comp = [c for c in semantic.derive("syn", wrong).checks if c["kind"] == "completion"]
    assert len(comp) == 1 and comp[0]["passed"] is False


def test_zero_denominator_flags():
    page = _synthetic(
        "登记高校毕业生0人，已就业0人，毕业生就业率达0%。",
        [("0人", 0, "person"), ("0人", 0, "person"), ("0%", 0, "percent")],
    )
    res = semantic.derive("syn", page)
    ratio = [c for c in res.checks if c["kind"] == "ratio"]
    assert ratio and ratio[0]["passed"] is False


def test_another_district_and_phrasing_variants():
    page = _synthetic(
        "2023 年，江津区新增城镇就业1.2万人。江津区开展职业技能培训5000人次，"
        "为300名返乡农民工发放创业担保贷款6000万元，依托5家创业孵化基地，完成建设零工市场、零工驿站各2个。\n",
        [("1.2万人", 12000, "person"), ("5000人次", 5000, "person_time"), ("300名", 300, "person"),
         ("6000万元", 60000000, "CNY"), ("5家", 5, "establishment"), ("2个", 2, "count")],
    )
    res = semantic.derive("syn", page)
    got = sorted((r["indicator_id"], r["value"]) for r in res.indicators)
    assert got == sorted([
        ("urban_new_jobs", 12000.0), ("skills_training", 5000.0), ("startup_loan_recipients", 300.0),
        ("startup_guarantee_loans", 60000000.0), ("startup_incubators", 5.0),
        ("gig_work_markets", 2.0), ("gig_work_stations", 2.0),
    ])
    assert {r["region_code"] for r in res.indicators} == {"500116"}
    recipients = next(r for r in res.indicators if r["indicator_id"] == "startup_loan_recipients")
    assert recipients["population_group"] == "returning_migrant_workers"


def test_region_street_level_and_unknown():
    street_page = "綦江区古南街道今年新增就业岗位。古南街道组织招聘会，古南街道社区居民参加。"
    assert region_resolution.page_region(street_page).code == "500110001"
    assert region_resolution.page_region("没有任何地名的文本。") is None
    assert region_resolution.page_region("重庆市发布数据。").code == "500000"


def test_codebook_and_schemas_agree():
    cb = yaml.safe_load((ROOT / "schemas" / "codebook.yaml").read_text(encoding="utf-8"))
    ind = json.loads((ROOT / "schemas" / "indicators.json").read_text(encoding="utf-8"))
    figs = json.loads((ROOT / "schemas" / "figures.json").read_text(encoding="utf-8"))
    checks = json.loads((ROOT / "schemas" / "checks.json").read_text(encoding="utf-8"))
    enum = lambda schema, name: next(f for f in schema["fields"] if f["name"] == name)["constraints"]["enum"]  # noqa: E731
    assert enum(ind, "indicator_id") == [i["id"] for i in cb["indicators"]]
    assert enum(ind, "population_group") == [g["id"] for g in cb["population_groups"]]
    assert enum(checks, "check_name") == [c["id"] for c in cb["checks"]]
    assert "enum" not in next(f for f in ind["fields"] if f["name"] == "unit")["constraints"]
    assert enum(ind, "qualifier") == enum(figs, "qualifier")
    for i in cb["indicators"]:
        assert set(i["units"]) <= set(enum(figs, "unit")), i["id"]
    rows = semantic.codebook_rows()
    assert [r["indicator_id"] for r in rows] == [i["id"] for i in cb["indicators"]]
    topics = {r["topic"] for r in rows}
    assert topics == {"employment", "community_care"}
    urban = next(r for r in rows if r["indicator_id"] == "urban_new_jobs")
    assert (urban["unit"], urban["topic"]) == ("person", "employment")  # its main unit: the first of its units
    phrases = {t["term"] for t in semantic.codebook_term_rows()
               if t["indicator_id"] == "urban_new_jobs" and t["kind"] == "signal_phrase"}
    assert {"城镇新增就业", "新增城镇就业"} <= phrases


def test_gazetteer_is_well_formed():
    gaz = regions.gazetteer()
    assert gaz["500110"].name_zh == "綦江区"
    chongqing = [r for r in gaz.values() if r.parent_code == "500000"]
    assert len(chongqing) == 38
    assert sum(r.level == "province" for r in gaz.values()) == 34
    for r in gaz.values():
        assert r.parent_code is None or r.parent_code in gaz


def test_real_extraction_gives_the_same_indicators():
    raw = SEED.read_text(encoding="utf-8")
    page = extract_text(raw, dt.date(2023, 1, 18))
    res = semantic.derive(SID, page)
    assert _rows_key(res.indicators) == sorted(EXPECTED)
    assert all(c["passed"] for c in res.checks)
    assert len(res.checks) == 4  # ratio, share, 2 ranges (the completion target is not printed)


def test_region_of_a_county_in_another_province():
    page = "四川省南充市仪陇县今年城镇新增就业3200人。仪陇县人社局组织招聘会，南充市各县参加。"
    r = region_resolution.page_region(page)
    assert r.code == "511324" and r.name_zh == "仪陇县" and r.name_en == "Yilong County"
    assert regions.gazetteer()[r.parent_code].name_zh == "南充市"
    # a county name borne in several cities: the one whose city is named wins
    assert region_resolution.page_region("宁波市江北区发布数据。江北区新增就业。").code == "330205"
    assert region_resolution.page_region("江北区新增就业。").code == "500105"  # otherwise the CSV's first
    assert region_resolution.page_region("南充市发布数据。").code == "511300"  # no county: the city


def test_full_gazetteer_levels():
    gaz = regions.gazetteer()
    assert sum(r.level == "prefecture" for r in gaz.values()) > 300
    assert sum(r.level == "county" for r in gaz.values()) > 2800
    for r in gaz.values():
        if r.level == "county":
            assert gaz[r.parent_code].level in ("province", "prefecture"), r
