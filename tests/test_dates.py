"""Tests of the dates extractor (etl/dates.py)."""

from __future__ import annotations

import csv
import datetime as dt
import json

import pytest

from etl.extract.dates import extract_dates
from etl.extract.textrepair import repair

from conftest import SEED, data_file  # tests/ is on sys.path

D = dt.date
JAN_2023 = D(2023, 1, 1)  # month-only issue dates arrive as the 1st

SEED_GOLD = data_file("gold", "seed_dates.csv")
RECOGNIZERS = data_file("peer-specs", "recognizers-text", "datetime.jsonl")


def dates(text: str, issue: dt.date | None = JAN_2023):
    return extract_dates(repair(text), issue)


def one(text: str, issue: dt.date | None = JAN_2023):
    found = dates(text, issue)
    assert len(found) == 1, [(m.surface, m.granularity) for m in found]
    return found[0]


def summary(text: str, issue: dt.date | None = JAN_2023):
    m = one(text, issue)
    return (m.surface, m.granularity, m.start, m.end, m.resolution)


# --------------------------------------------------------------------------
# Forms
# --------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    # day
    ("2022年11月16日", ("2022年11月16日", "day", D(2022, 11, 16), D(2022, 11, 16), "absolute")),
    ("二〇二二年十一月十六日", ("二〇二二年十一月十六日", "day", D(2022, 11, 16), D(2022, 11, 16), "absolute")),
    ("二零二二年十一月三十日", ("二零二二年十一月三十日", "day", D(2022, 11, 30), D(2022, 11, 30), "absolute")),
    ("于1月15日举行", ("1月15日", "day", D(2023, 1, 15), D(2023, 1, 15), "issue_year")),
    ("十一月十六日举行", ("十一月十六日", "day", D(2022, 11, 16), D(2022, 11, 16), "issue_year")),
    ("3月3号上午", ("3月3号", "day", D(2023, 3, 3), D(2023, 3, 3), "issue_year")),
    ("１２月２８日", ("１２月２８日", "day", D(2022, 12, 28), D(2022, 12, 28), "issue_year")),
    ("去年11月16日", ("去年11月16日", "day", D(2022, 11, 16), D(2022, 11, 16), "relative")),
    ("2022.11.16", ("2022.11.16", "day", D(2022, 11, 16), D(2022, 11, 16), "absolute")),
    ("2022-11-16", ("2022-11-16", "day", D(2022, 11, 16), D(2022, 11, 16), "absolute")),
    ("2022/1/6", ("2022/1/6", "day", D(2022, 1, 6), D(2022, 1, 6), "absolute")),
    ("2024年2月29日", ("2024年2月29日", "day", D(2024, 2, 29), D(2024, 2, 29), "absolute")),
    # month
    ("2020 年 6 月", ("2020 年 6 月", "month", D(2020, 6, 1), D(2020, 6, 30), "absolute")),
    ("2018年十二月", ("2018年十二月", "month", D(2018, 12, 1), D(2018, 12, 31), "absolute")),
    ("二〇二二年十一月", ("二〇二二年十一月", "month", D(2022, 11, 1), D(2022, 11, 30), "absolute")),
    ("去年1月", ("去年1月", "month", D(2022, 1, 1), D(2022, 1, 31), "relative")),
    ("11月份", ("11月份", "month", D(2022, 11, 1), D(2022, 11, 30), "issue_year")),
    ("2月", ("2月", "month", D(2023, 2, 1), D(2023, 2, 28), "issue_year")),
    # year
    ("2022年,全区", ("2022年", "year", D(2022, 1, 1), D(2022, 12, 31), "absolute")),
    ("2022年度", ("2022年度", "year", D(2022, 1, 1), D(2022, 12, 31), "absolute")),
    ("一九九八年", ("一九九八年", "year", D(1998, 1, 1), D(1998, 12, 31), "absolute")),
    ("2100年", ("2100年", "year", D(2100, 1, 1), D(2100, 12, 31), "absolute")),
    ("去年", ("去年", "year", D(2022, 1, 1), D(2022, 12, 31), "relative")),
    ("今年", ("今年", "year", D(2023, 1, 1), D(2023, 12, 31), "relative")),
    ("前年同期", ("前年", "year", D(2021, 1, 1), D(2021, 12, 31), "relative")),
    ("上年同期", ("上年", "year", D(2022, 1, 1), D(2022, 12, 31), "relative")),
    ("上年度", ("上年度", "year", D(2022, 1, 1), D(2022, 12, 31), "relative")),
    ("明年", ("明年", "year", D(2024, 1, 1), D(2024, 12, 31), "relative")),
    ("2020年以来", ("2020年", "year", D(2020, 1, 1), D(2020, 12, 31), "absolute")),
    # quarter
    ("一季度", ("一季度", "quarter", D(2023, 1, 1), D(2023, 3, 31), "issue_year")),
    ("第一季度", ("第一季度", "quarter", D(2023, 1, 1), D(2023, 3, 31), "issue_year")),
    ("2022年第四季度", ("2022年第四季度", "quarter", D(2022, 10, 1), D(2022, 12, 31), "absolute")),
    ("去年三季度", ("去年三季度", "quarter", D(2022, 7, 1), D(2022, 9, 30), "relative")),
    ("四季度", ("四季度", "quarter", D(2022, 10, 1), D(2022, 12, 31), "issue_year")),
    # periods
    ("2022 年 1 月-11 月", ("2022 年 1 月-11 月", "period", D(2022, 1, 1), D(2022, 11, 30), "absolute")),
    ("2022年1-11月", ("2022年1-11月", "period", D(2022, 1, 1), D(2022, 11, 30), "absolute")),
    ("1至11月", ("1至11月", "period", D(2022, 1, 1), D(2022, 11, 30), "issue_year")),
    ("1—3月", ("1—3月", "period", D(2023, 1, 1), D(2023, 3, 31), "issue_year")),
    ("1~2月", ("1~2月", "period", D(2023, 1, 1), D(2023, 2, 28), "issue_year")),
    ("今年1至11月", ("今年1至11月", "period", D(2023, 1, 1), D(2023, 11, 30), "relative")),
    ("2019—2021 年度", ("2019—2021 年度", "period", D(2019, 1, 1), D(2021, 12, 31), "absolute")),
    ("2021年至2023年", ("2021年至2023年", "period", D(2021, 1, 1), D(2023, 12, 31), "absolute")),
    ("2019-2021年", ("2019-2021年", "period", D(2019, 1, 1), D(2021, 12, 31), "absolute")),
    ("二零一六年至二零一八年", ("二零一六年至二零一八年", "period", D(2016, 1, 1), D(2018, 12, 31), "absolute")),
    ("2022年11月至2023年3月", ("2022年11月至2023年3月", "period", D(2022, 11, 1), D(2023, 3, 31), "absolute")),
    ("2022年11月至3月", ("2022年11月至3月", "period", D(2022, 11, 1), D(2023, 3, 31), "absolute")),
    ("11月至次年3月", ("11月至次年3月", "period", D(2022, 11, 1), D(2023, 3, 31), "issue_year")),
    ("1月16日-18日", ("1月16日-18日", "period", D(2023, 1, 16), D(2023, 1, 18), "issue_year")),
    ("1月16-18日", ("1月16-18日", "period", D(2023, 1, 16), D(2023, 1, 18), "issue_year")),
    ("2022年12月30日至2023年1月2日",
     ("2022年12月30日至2023年1月2日", "period", D(2022, 12, 30), D(2023, 1, 2), "absolute")),
    ("2022年12月30日至次年1月2日",
     ("2022年12月30日至次年1月2日", "period", D(2022, 12, 30), D(2023, 1, 2), "absolute")),
    ("今年上半年", ("今年上半年", "period", D(2023, 1, 1), D(2023, 6, 30), "relative")),
    ("2022年下半年", ("2022年下半年", "period", D(2022, 7, 1), D(2022, 12, 31), "absolute")),
    ("上半年", ("上半年", "period", D(2022, 1, 1), D(2022, 6, 30), "issue_year")),
    ("前三季度", ("前三季度", "period", D(2022, 1, 1), D(2022, 9, 30), "issue_year")),
    ("2022年前三季度", ("2022年前三季度", "period", D(2022, 1, 1), D(2022, 9, 30), "absolute")),
    ("一至三季度", ("一至三季度", "period", D(2022, 1, 1), D(2022, 9, 30), "issue_year")),
    ("今年前11个月", ("今年前11个月", "period", D(2023, 1, 1), D(2023, 11, 30), "relative")),
    ("今年以来", ("今年以来", "period", D(2023, 1, 1), D(2023, 1, 31), "relative")),
    ("去年以来", ("去年以来", "period", D(2022, 1, 1), D(2023, 1, 31), "relative")),
    ("1990年代", ("1990年代", "period", D(1990, 1, 1), D(1999, 12, 31), "absolute")),
])
def test_forms(text, expected):
    assert summary(text) == expected


@pytest.mark.parametrize("text", [
    # durations, ages, counts
    "30多年过去", "不到6年的时候", "10余年来", "59岁", "2022人", "5266万元",
    "1800元/月", "3个月", "一个月的时间", "两年", "1000年", "1899年", "2101年",
    "前3个月",  # "the last 3 months": no year, not a calendar period
    # vague
    "近两年", "近年来", "近几年", "这些年", "多年来",
    # ordinals, slogans, numbers, addresses
    "第六届", "“六稳”", "“1311+”", "4 栋", "3号楼", "12号", "16日上午",
    "12022年", "1.5月", "2022.5", "192.168.255.255", "888-000-9999",
    # holidays and lunar dates
    "春节", "腊月传情", "正月初一", "农历2015年十月初一",
    # words that contain a relative year
    "如今年轻人", "送去年货大礼包", "上了年纪", "上年纪的人", "失去年轻的生命",
    # a bare Chinese-numeral month made of a word with 一
    "同一月份", "统一月报",
    # a year we do not read: never the issue year
    "18年10月1日", "康熙三年五月", "神龙元年十一月", "每年3月",
    # invalid calendar dates and reversed ranges: dropped whole
    "2月30日", "2023年2月29日", "2019年2月29日", "11月31日", "2023年3月至2023年1月",
    "2023—2021年",
])
def test_not_dates(text):
    assert dates(text) == []


def test_age_sentence_keeps_only_the_year():
    assert [m.surface for m in dates("邹如仙今年 59 岁")] == ["今年"]


# --------------------------------------------------------------------------
# Resolution rules
# --------------------------------------------------------------------------

@pytest.mark.parametrize("issue, text, start", [
    (D(2023, 1, 1), "3月5日", D(2023, 3, 5)),    # 2 months ahead: still this year
    (D(2023, 1, 1), "4月1日", D(2022, 4, 1)),    # more than 2 months: last year
    (D(2023, 1, 1), "12月28日", D(2022, 12, 28)),
    (D(2023, 6, 1), "8月1日", D(2023, 8, 1)),
    (D(2023, 6, 1), "9月1日", D(2022, 9, 1)),
    (D(2023, 12, 1), "1月5日", D(2023, 1, 5)),   # never pushed into next year
    (D(2023, 1, 18), "下半年", D(2022, 7, 1)),
    (D(2023, 7, 1), "下半年", D(2023, 7, 1)),
    (D(2023, 4, 1), "11月至3月", D(2022, 11, 1)),  # crosses the new year
    (D(2023, 12, 1), "11月至3月", D(2023, 11, 1)),
    (D(2023, 1, 1), "1至11月", D(2022, 1, 1)),   # cumulative: judged by its end
    (D(2023, 1, 1), "1—3月", D(2023, 1, 1)),
    (D(2023, 1, 1), "前三季度", D(2022, 1, 1)),
    (D(2023, 1, 1), "一季度", D(2023, 1, 1)),
    (D(2023, 1, 1), "四季度", D(2022, 10, 1)),
    (D(2023, 1, 1), "上半年", D(2022, 1, 1)),
    (D(2023, 7, 1), "上半年", D(2023, 1, 1)),
])
def test_issue_year_rollover(issue, text, start):
    m = one(text, issue)
    assert m.start == start
    assert m.resolution == "issue_year"


def test_only_issue_month_and_year_are_used():
    for day in (1, 15, 31):
        assert summary("今年以来", D(2023, 1, day)) == (
            "今年以来", "period", D(2023, 1, 1), D(2023, 1, 31), "relative")
        assert one("4月1日", D(2023, 1, day)).start == D(2022, 4, 1)


def test_leap_day_depends_on_the_resolved_year():
    assert one("2月29日", D(2024, 3, 1)).start == D(2024, 2, 29)
    assert dates("2月29日", D(2023, 3, 1)) == []


@pytest.mark.parametrize("text, granularity", [
    ("1 月 15 日", "day"), ("去年 11 月 16 日", "day"), ("去年 1 月", "month"),
    ("11月", "month"), ("去年", "year"), ("今年", "year"), ("一季度", "quarter"),
    ("1至11月", "period"), ("今年以来", "period"), ("上半年", "period"),
    ("前三季度", "period"), ("11月至次年3月", "period"), ("1月16日-18日", "period"),
])
def test_unresolved_without_issue_date(text, granularity):
    m = one(text, None)
    assert (m.granularity, m.start, m.end, m.resolution) == (
        granularity, None, None, "unresolved")


@pytest.mark.parametrize("text, expected", [
    ("2022年1月15日", (D(2022, 1, 15), D(2022, 1, 15), "absolute")),
    ("2019—2021年度", (D(2019, 1, 1), D(2021, 12, 31), "absolute")),
    ("2022年1-11月", (D(2022, 1, 1), D(2022, 11, 30), "absolute")),
    ("2022年上半年", (D(2022, 1, 1), D(2022, 6, 30), "absolute")),
    # one written year is enough for the other end of the range
    ("去年11月至2023年3月", (D(2022, 11, 1), D(2023, 3, 31), "absolute")),
])
def test_written_years_resolve_without_issue_date(text, expected):
    m = one(text, None)
    assert (m.start, m.end, m.resolution) == expected


def test_invalid_day_dropped_even_without_issue_date():
    assert dates("2月30日", None) == []
    assert one("2月29日", None).resolution == "unresolved"


# --------------------------------------------------------------------------
# Offsets, OCR noise, order, overlaps
# --------------------------------------------------------------------------

def test_offsets_through_ocr_spaces_and_line_breaks():
    raw = ("2022年,社区开展了很多活动,群众反响很好,大家都说好。志愿者们走访了很多群众家庭去\n\n"
           "年 11 月 16 日,一条视频在网络上传播开来,很多人都看到了这条视频。\n"
           "志愿者们在社区里走访了很多困难群众的家庭,送去慰问品和祝福1 月\n\n"
           "16 日,天气寒冷。")
    found = dates(raw)
    assert [m.surface for m in found] == ["2022年", "去\n\n年 11 月 16 日", "1 月\n\n16 日"]
    for m in found:
        assert raw[m.char_start:m.char_end] == m.surface
    assert [m.start for m in found] == [D(2022, 1, 1), D(2022, 11, 16), D(2023, 1, 16)]


def test_dates_across_short_line_breaks():
    # a column beside a photo: short lines, every break followed by a blank line
    raw = ("兑现岗位补贴1234万元。\n\n2020 年\n\n6 月，县里还为48 名返乡创业的\n\n"
           "群众发放补贴。\n\n“去\n\n年搬下来以后，在家门口就能上班。”")
    found = dates(raw, D(2020, 11, 1))
    assert [(m.surface, m.start, m.end) for m in found] == [
        ("2020 年\n\n6 月", D(2020, 6, 1), D(2020, 6, 30)),
        ("去\n\n年", D(2019, 1, 1), D(2019, 12, 31)),
    ]


@pytest.mark.parametrize("text", ["便民服务信息\n4. 2023年3月—5月，开展活动。",
                                  "便民服务信息\n4.2023年3月—5月，开展活动。"])
def test_year_after_a_list_number(text):
    (m,) = dates(text, D(2023, 3, 8))
    assert (m.surface, m.start, m.end) == ("2023年3月—5月", D(2023, 3, 1), D(2023, 5, 31))


def test_clean_offsets_match_clean_text():
    r = repair("据统计, 2022 年 1 月-11 月 全区新增就业")
    (m,) = extract_dates(r, JAN_2023)
    assert r.clean[m.clean_start:m.clean_end] == "2022年1月-11月"
    assert r.raw_span(m.clean_start, m.clean_end) == (m.char_start, m.char_end)


def test_full_width_digits_and_connectors():
    m = one("２０２２年１月－１１月")
    assert (m.granularity, m.start, m.end) == ("period", D(2022, 1, 1), D(2022, 11, 30))
    assert m.surface == "２０２２年１月－１１月"


def test_sorted_and_not_overlapping():
    text = ("2022年1月-11月,全区新增就业;去年11月16日至今,今年以来,"
            "2019—2021年度,一季度,12月28日,2021年至2023年。")
    found = dates(text)
    assert [m.surface for m in found] == [
        "2022年1月-11月", "去年11月16日", "今年以来", "2019—2021年度", "一季度",
        "12月28日", "2021年至2023年"]
    starts = [m.char_start for m in found]
    assert starts == sorted(starts)
    for a, b in zip(found, found[1:]):
        assert a.char_end <= b.char_start


def test_longest_match_wins():
    (m,) = dates("2022 年 1 月-11 月")
    assert m.granularity == "period"


def test_empty_and_dateless_text():
    assert dates("") == []
    assert dates("就业是基本的民生。") == []


# --------------------------------------------------------------------------
# Seed page gold
# --------------------------------------------------------------------------

#: Found on the seed beyond the gold, each a real mention of a year:
#: ``今年以来`` (the year so far), ``今年`` in ``邹如仙今年 59 岁`` (her age this
#: year) and ``今年`` in ``今年年货准备得很丰富`` (this year's New Year goods).
#: The gold leaves bare relative years out; the brief asks for them.
SEED_EXTRAS = [
    (100, 104, "今年以来", "period", D(2023, 1, 1), D(2023, 1, 31)),
    (4029, 4031, "今年", "year", D(2023, 1, 1), D(2023, 12, 31)),
    (4284, 4286, "今年", "year", D(2023, 1, 1), D(2023, 12, 31)),
]


@pytest.fixture(scope="module")
def seed_raw() -> str:
    return SEED.read_text(encoding="utf-8")


def _gold_rows():
    with SEED_GOLD.open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            yield (int(row["char_start"]), int(row["char_end"]),
                   row["surface"].replace("\\n", "\n"), row["granularity"],
                   D.fromisoformat(row["start"]), D.fromisoformat(row["end"]))


def test_seed_gold_exact(seed_raw):
    found = extract_dates(repair(seed_raw), JAN_2023)
    got = [(m.char_start, m.char_end, m.surface, m.granularity, m.start, m.end)
           for m in found]
    gold = list(_gold_rows())
    assert len(gold) == 15
    for row in gold:
        assert row in got, row
        assert seed_raw[row[0]:row[1]] == row[2]
    assert sorted(set(got) - set(gold)) == SEED_EXTRAS
    assert len(got) == len(gold) + len(SEED_EXTRAS)


def test_seed_resolutions(seed_raw):
    found = extract_dates(repair(seed_raw), JAN_2023)
    by_surface = {m.surface: m.resolution for m in found}
    assert by_surface["1 月 15 日"] == "issue_year"
    assert by_surface["去\n\n年 11 月 16 日"] == "relative"
    assert by_surface["2019—2021 年度"] == "absolute"
    unresolved = extract_dates(repair(seed_raw), None)
    assert {m.surface for m in unresolved if m.resolution == "unresolved"} == {
        "1 月 15 日", "去\n\n年 11 月 16 日", "1 月\n\n16 日", "去年 1 月", "1 月 17 日",
        "去年 8 月 22 日", "1 月 18 日", "今年以来", "今年"}
    assert all(m.start is None and m.end is None
               for m in unresolved if m.resolution == "unresolved")


# --------------------------------------------------------------------------
# Recognizers-Text conformance (documented subset)
# --------------------------------------------------------------------------

#: Inputs of datetime.jsonl whose expected dates are forms this extractor
#: covers (Gregorian dates written with a 4-digit year or none, relative
#: years, year ranges); expected text is compared without a leading ``从``,
#: the start date (month and day when the year is ``XXXX``) must agree.
#: Deliberately left out: bare days (``29日``), times of day, weekdays,
#: durations, 2-digit years (``08年``), era and lunar dates, ``1/2/2020``,
#: and ``2月29日``/``2019年2月29日`` in non-leap years (dropped here).
RECOGNIZERS_SUBSET = {
    "比较一下2009年福特汽车和宝马汽车的销量", "2010/01/29", "明年",
    "时间从一月十日到十二日", "时间从2016年一月十日到十二日", "从一月十日到20日",
    "2008 年 奥运会在北京举办", "我今年18周岁了", "时间从二零一六年至二零一八年",
    "2018年10月", "2018年十二月", "2018年12月", "2018年12月的月份不是0", "2018年 12月",
    "2020/12/1", "2020年2月29日", "2月29日",
    # negatives
    "12号", "我的电话号码是888-000-9999。", "请检查：192.168.255.255。",
}


def _timex_start(timex: str) -> tuple[int | None, int, int]:
    first = timex.strip("(").split(",")[0]
    parts = first.split("-")
    year = None if parts[0] == "XXXX" else int(parts[0])
    month = int(parts[1]) if len(parts) > 1 else 1
    day = int(parts[2]) if len(parts) > 2 else 1
    return year, month, day


def test_recognizers_subset():
    checked = 0
    for line in RECOGNIZERS.read_text(encoding="utf-8").splitlines():
        case = json.loads(line)
        if case["input"] not in RECOGNIZERS_SUBSET:
            continue
        ref = D.fromisoformat(case["context"]["ReferenceDateTime"][:10])
        if case["input"] == "2月29日" and ref.year % 4:
            continue  # non-leap reference year: we drop the date
        found = dates(case["input"], ref)
        assert len(found) == len(case["results"]), case["input"]
        for m, res in zip(found, case["results"]):
            assert m.surface == res["text"].removeprefix("从"), case["input"]
            year, month, day = _timex_start(res["values"][0]["timex"])
            assert (m.start.month, m.start.day) == (month, day), case["input"]
            if year is not None:
                assert m.start.year == year, case["input"]
        checked += 1
    assert checked >= 20
