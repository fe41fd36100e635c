"""Community-care visits (issue 4)."""

from __future__ import annotations

import csv
import datetime as dt

from etl import semantic
from etl.extract import extract_text
from etl.semantic import care_visits

from conftest import SEED, data_file  # tests/ is on sys.path
from test_indicators import SID, gold_page


def gold_visits() -> list[dict]:
    with data_file("gold", "seed_care_visits.csv").open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


def gifts_of(result, visit_id: str) -> list[str]:
    """The gifts of one visit, in text order, from the result's ``visit_gifts`` link rows."""
    rows = sorted((g for g in result.visit_gifts if g["visit_id"] == visit_id), key=lambda g: g["position"])
    assert [g["position"] for g in rows] == list(range(1, len(rows) + 1))
    return [g["gift"] for g in rows]


def _check_against_gold(result):
    rows = result.care_visits
    gold = gold_visits()
    assert len(rows) == len(gold) == 4
    rows = sorted(rows, key=lambda r: r["visit_date"])
    for r, g in zip(rows, gold):
        assert r["visit_date"] == dt.date.fromisoformat(g["visit_date"])
        assert r["volunteer_group"] == g["volunteer_group"]
        assert r["campaign"] == g["campaign"]
        assert (r["place"] or "") == g["place"]
        assert (r["street"] or "") == g["street"]
        assert gifts_of(result, r["visit_id"]) == (g["gifts"].split(";") if g["gifts"] else [])
        # the role as written (the bracketed deed may be worded differently)
        assert r["recipient_role_zh"].split("（")[0] == g["recipient_role_zh"].split("（")[0]
        assert "（" in r["recipient_role_zh"]
        assert g["recipient_role_en"].startswith(r["recipient_role_en"].split(",")[0])
        for name in g["private_names_in_text"].split(";"):
            assert all(name not in str(v) for v in r.values())
        assert r["visit_id"] == f"{SID}:{r['article_char_start']}"
        assert 0 <= r["article_char_start"] < r["article_char_end"]


def test_seed_visits_from_gold_dates():
    _check_against_gold(semantic.derive(SID, gold_page()))


def test_seed_visits_from_real_extraction():
    page = extract_text(SEED.read_text(encoding="utf-8"), dt.date(2023, 1, 18))
    _check_against_gold(semantic.derive(SID, page))


def test_articles_start_at_leads():
    raw = SEED.read_text(encoding="utf-8")
    rows = semantic.derive(SID, gold_page()).care_visits
    for r in rows:
        text = raw[r["article_char_start"] : r["article_char_end"]]
        assert text.replace(" ", "").startswith("本报讯")
    # articles do not overlap
    spans = sorted((r["article_char_start"], r["article_char_end"]) for r in rows)
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:]))


STORY = """本报讯（记者 温晓岚 实习生 柯俊熙）3 月 8 日，“暖阳志愿服务队”的志愿者们来到江津区几江街道滨江社区，看望独居老人符秀英。
符秀英今年 82 岁，老伴去世多年。“谢谢你们，年年都来看我。”符秀英说。
社区网格员邝丽萍介绍，志愿者们为老人带来了大米、食用油和棉被。
居民伍德昌说，大家都很感动。

本报讯（记者 温晓岚）3 月 10 日，区教委召开会议，部署新学期工作。会议要求各校做好安全工作。
"""


def test_new_story_is_found_from_its_shape():
    page = extract_text(STORY, dt.date(2024, 3, 15))
    res = semantic.derive("syn", page)
    assert len(res.care_visits) == 1  # the meeting report is not a visit
    v = res.care_visits[0]
    if page.dates:
        assert v["visit_date"] == dt.date(2024, 3, 8)
    assert v["volunteer_group"] == "暖阳志愿服务队"
    assert v["place"] == "滨江社区" and v["street"] == "几江街道"
    assert gifts_of(res, v["visit_id"]) == ["大米", "食用油", "棉被"]
    assert v["recipient_role_zh"] == "独居老人" and v["recipient_role_en"] == "elderly person"
    assert v["campaign"] is None
    for name in ("符秀英", "温晓岚", "柯俊熙", "邝丽萍", "伍德昌"):
        assert all(name not in str(x) for x in v.values())


def test_role_english_from_vocabulary():
    assert care_visits._role_en("区人民医院健康体检科医生") == "hospital doctor"
    assert care_visits._role_en("重庆市道德模范") == "municipal moral model"
    assert care_visits._role_en("綦江中学教师") == "secondary-school teacher"
    assert care_visits._role_en("没有身份词") is None


def test_page_without_stories():
    page = extract_text("今年以来，全区经济运行平稳。", None)
    assert semantic.derive("x", page).care_visits == []
