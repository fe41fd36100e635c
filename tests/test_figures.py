"""etl.extract.figures: one test per rule (positives and negatives) and the seed gold."""

from __future__ import annotations

import csv
import math

import pytest

from etl.extract import rules
from etl.extract import extract_text
from etl.extract.figures import extract_figures
from etl.extract.textrepair import repair

from conftest import SEED, data_file  # tests/ is on sys.path

GOLD = data_file("gold", "seed_figures.csv")
MAX_SEED_FALSE_POSITIVES = 1


def figs(text: str):
    return extract_text(text).figures


def one(text: str):
    found = figs(text)
    assert len(found) == 1, [(f.surface, f.value, f.unit) for f in found]
    return found[0]


# (text, surface, value, unit, unit_raw, qualifier, value_max, per)
POSITIVES = [
    # OCR repair: offsets map back to the raw text
    ("就 业 率 达 94.5%", "94.5%", 94.5, "percent", "%", "exact", None, None),
    ("已就业\n1789 人 ，高 校", "1789 人", 1789, "person", "人", "exact", None, None),
    ("贷款5266万\n元，扶持", "5266万\n元", 52660000, "CNY", "元", "exact", None, None),
    ("增收 5\n\n万余元。", "5\n\n万余元", 50000, "CNY", "元", "more_than", None, None),
    ("１２３４万元", "１２３４万元", 12340000, "CNY", "元", "exact", None, None),
    ("２１．３％", "２１．３％", 21.3, "percent", "%", "exact", None, None),
    # numbers
    ("共有1,234.5万元", "1,234.5万元", 12345000, "CNY", "元", "exact", None, None),
    ("新增一万零八百零五人", "一万零八百零五人", 10805, "person", "人", "exact", None, None),
    ("两千三百人", "两千三百人", 2300, "person", "人", "exact", None, None),
    ("三十人参加", "三十人", 30, "person", "人", "exact", None, None),
    ("壹仟贰佰元整", "壹仟贰佰元整", 1200, "CNY", "元整", "exact", None, None),
    ("1.2万人", "1.2万人", 12000, "person", "人", "exact", None, None),
    ("3千人", "3千人", 3000, "person", "人", "exact", None, None),
    ("46.23万人", "46.23万人", 462300, "person", "人", "exact", None, None),
    ("36.57亿元", "36.57亿元", 3657000000, "CNY", "元", "exact", None, None),
    ("6万多户", "6万多户", 60000, "household", "户", "more_than", None, None),
    ("10多万元", "10多万元", 100000, "CNY", "元", "more_than", None, None),
    ("三千五百余万元", "三千五百余万元", 35000000, "CNY", "元", "more_than", None, None),
    ("两家企业", "两家", 2, "establishment", "家", "exact", None, None),
    # units, money, rates
    ("1200亿美元", "1200亿美元", 1.2e11, "USD", "美元", "exact", None, None),
    ("每股1.95港元", "1.95港元", 1.95, "HKD", "港元", "exact", None, None),
    ("花了三块。", "三块", 3, "CNY", "块", "exact", None, None),
    ("这个手机壳五元三毛", "五元三毛", 5.3, "CNY", "元", "exact", None, None),
    ("月薪645元/月", "645元/月", 645, "CNY", "元", "exact", None, "month"),
    ("补贴500元/人", "500元/人", 500, "CNY", "元", "exact", None, "person"),
    ("租金800元/亩", "800元/亩", 800, "CNY", "元", "exact", None, "mu"),
    ("8874 人次", "8874 人次", 8874, "person_time", "人次", "exact", None, None),
    ("11类重点群体", "11类", 11, "count", "类", "exact", None, None),
    ("6 场招聘会", "6 场", 6, "event", "场", "exact", None, None),
    ("151家基地", "151家", 151, "establishment", "家", "exact", None, None),
    ("1.5万亩", "1.5万亩", 15000, "mu", "亩", "exact", None, None),
    ("修路25公里", "25公里", 25, "km", "公里", "exact", None, None),
    ("面积100平方公里", "100平方公里", 100, "km2", "平方公里", "exact", None, None),
    ("建成1000平方米", "1000平方米", 1000, "m2", "平方米", "exact", None, None),
    ("产量5000吨", "5000吨", 5000, "tonne", "吨", "exact", None, None),
    ("增长3倍", "3倍", 3, "other", "倍", "exact", None, None),
    ("新建4栋标准化厂房", "4栋", 4, "count", "栋", "exact", None, None),
    # percentages
    ("百分之十二点五", "百分之十二点五", 12.5, "percent", "百分之", "exact", None, None),
    ("九成村民", "九成", 90, "percent", "成", "exact", None, None),
    ("七成六", "七成六", 76, "percent", "成", "exact", None, None),
    ("下降2.5个百分点", "2.5个百分点", 2.5, "percentage_point", "个百分点", "exact", None, None),
    ("千分之三", "千分之三", 3, "permille", "千分之", "exact", None, None),
    ("出生率7.5‰", "7.5‰", 7.5, "permille", "‰", "exact", None, None),
    ("负3.9%", "负3.9%", -3.9, "percent", "%", "exact", None, None),
    # qualifiers
    ("超过300人", "超过300人", 300, "person", "人", "more_than", None, None),
    ("逾千人", "逾千人", 1000, "person", "人", "more_than", None, None),
    ("100人以上", "100人以上", 100, "person", "人", "more_than", None, None),
    ("不少于 2\n\n名", "不少于 2\n\n名", 2, "person", "名", "at_least", None, None),
    ("至少5家", "至少5家", 5, "establishment", "家", "at_least", None, None),
    ("不足10%", "不足10%", 10, "percent", "%", "less_than", None, None),
    ("3万人以下", "3万人以下", 30000, "person", "人", "less_than", None, None),
    ("约200人", "约200人", 200, "person", "人", "approx", None, None),
    ("近30万元", "近30万元", 300000, "CNY", "元", "approx", None, None),
    ("大约40人", "大约40人", 40, "person", "人", "approx", None, None),
    ("100人左右", "100人左右", 100, "person", "人", "approx", None, None),
    ("百余人", "百余人", 100, "person", "人", "more_than", None, None),
    # ranges
    ("3-5年", "3-5年", 3, "year", "年", "range", 5, None),
    ("3至5人", "3至5人", 3, "person", "人", "range", 5, None),
    ("百分之五到十", "百分之五到十", 5, "percent", "百分之", "range", 10, None),
    ("10%-20%", "10%-20%", 10, "percent", "%", "range", 20, None),
    ("3万至5万元", "3万至5万元", 30000, "CNY", "元", "range", 50000, None),
    ("3-5万元", "3-5万元", 30000, "CNY", "元", "range", 50000, None),
    # durations and ages are figures
    ("30多年过去", "30多年", 30, "year", "年", "more_than", None, None),
    ("不到6年", "不到6年", 6, "year", "年", "less_than", None, None),
    ("5 岁多又", "5 岁多", 5, "year", "岁", "more_than", None, None),
    ("10 余年来", "10 余年", 10, "year", "年", "more_than", None, None),
    ("近两年，", "近两年", 2, "year", "年", "approx", None, None),
    ("不到一个月的时间", "不到一个月", 1, "month", "个月", "less_than", None, None),
    ("两个多月", "两个多月", 2, "month", "个月", "more_than", None, None),
    ("20 岁左右", "20 岁左右", 20, "year", "岁", "approx", None, None),
    ("一千多年的历史", "一千多年", 1000, "year", "年", "more_than", None, None),
    # an Arabic 1 with a classifier is a figure
    ("提供1次职业指导", "1次", 1, "count", "次", "exact", None, None),
    ("各 1\n个", "1\n个", 1, "count", "个", "exact", None, None),
]


@pytest.mark.parametrize("case", POSITIVES, ids=[c[0] for c in POSITIVES])
def test_positive(case) -> None:
    text, surface, value, unit, unit_raw, qualifier, value_max, per = case
    f = one(text)
    assert f.surface == surface
    assert text[f.char_start : f.char_end] == surface
    assert math.isclose(f.value, value, rel_tol=1e-9)
    assert (f.unit, f.unit_raw, f.qualifier, f.per) == (unit, unit_raw, qualifier, per)
    if value_max is None:
        assert f.value_max is None
    else:
        assert math.isclose(f.value_max, value_max, rel_tol=1e-9)


NEGATIVES = [
    # dates and date ranges
    "2022 年，", "1 月 15 日", "2019—2021 年度", "2022年1-11月", "2020 年 6 月", "二〇二二年", "一季度",
    "去年 11 月 16 日", "1945年5月8号", "80年代",
    # ordinals, list numbering
    "第六届大赛", "第一书记", "第3名", "一是加强领导，二是", "第三次会议",
    # slogans and programme names
    "“六稳”“六保”", "三板斧", "“一对一”“点对点”", "“1311+”就业服务", "四个1", "三大行动", "两个确立",
    "五项工程", "建党100周年",
    # grades, addresses, phones, codes
    "三甲医院", "5A级景区", "是住 4 栋哈？", "3号楼5单元", "电话：023-48612345", "订单号 A202107211321363588510367",
    "身份证号500222199001011234",
    # indefinite 一 + classifier
    "一条视频", "一份资料", "一个有力措施", "一阵子", "一家人", "一人一策", "一次性补贴", "一批批",
    # vague amounts
    "几分钟", "很多人", "数十家企业", "几十人", "两三个人", "十五六岁", "三五人",
    # words containing numeral characters
    "一起", "一直", "一边", "万一", "千万不要", "百姓", "三江街道", "坚守一线", "团团圆圆", "唯一一家",
    "千家万户", "一波三折", "零件", "零工市场", "十分重要", "四方来客", "三成为", "成千上万",
    # web addresses
    "https://www.test.com/search?q=30%25%2020%",
]


@pytest.mark.parametrize("text", NEGATIVES)
def test_negative(text: str) -> None:
    assert figs(text) == [], [(f.surface, f.value, f.unit) for f in figs(text)]


# --------------------------------------------- general rules from the held-out pages
# (one test per defect found on tests/unseen; none names a page)

@pytest.mark.parametrize("text, surface, value, qualifier", [
    ("月均收入 3 2 0 0 元，", "3 2 0 0 元", 3200, "exact"),
    ("就 业 率 达 9 7 . 3 %。", "9 7 . 3 %", 97.3, "exact"),
    ("扶贫车间2 6 家，", "2 6 家", 26, "exact"),
    ("吸纳就业1 0 2 人，", "1 0 2 人", 102, "exact"),
    ("新建车间不少于 1 0 家，", "不少于 1 0 家", 10, "at_least"),
])
def test_letter_spaced_digits_are_one_number(text, surface, value, qualifier) -> None:
    f = one(text)
    assert (f.surface, f.qualifier) == (surface, qualifier)
    assert math.isclose(f.value, value)


@pytest.mark.parametrize("text", ["共 1 800 人", "达到 12 3 人", "增收 3 2.5 万元"])
def test_number_after_a_spaced_digit_group_is_not_published(text) -> None:
    # two readings (1800 or 1 and 800): better dropped than wrong
    assert figs(text) == [], [(f.surface, f.value) for f in figs(text)]


def test_qualifier_across_a_short_line_break() -> None:
    text = "县里还为48名返乡创业的群众发放创业补贴12.5万\n元，带动就业超\n\n过 600 人。\n\n在珙桐街道"
    found = figs(text)
    assert [(f.surface, f.qualifier) for f in found][-1] == ("超\n\n过 600 人", "more_than")


@pytest.mark.parametrize("text", [
    "便民服务信息\n\n4. 2023年3月—5月，开展“三大行动”。",
    "便民服务信息\n4.2023年3月—5月，开展活动。",
])
def test_list_number_before_a_year_is_not_a_figure(text) -> None:
    assert figs(text) == [], [(f.surface, f.value) for f in figs(text)]


def test_decimal_durations_stay_figures() -> None:
    assert one("用时1.5年").value == 1.5
    assert figs("增长4.2023年") == []  # a list number glued to a year, not 4.2023 years


@pytest.mark.parametrize("text, surface, qualifier, per", [
    ("流转租金800元/亩以上", "800元/亩以上", "more_than", "mu"),
    ("收购价3.2元/公斤左右", "3.2元/公斤左右", "approx", "kg"),
    ("补贴1500元/人以下", "1500元/人以下", "less_than", "person"),
    # 多 after a unit qualifies durations only: not a qualifier here
    ("工资800元/月多", "800元/月", "exact", "month"),
])
def test_qualifier_after_the_rate_basis(text, surface, qualifier, per) -> None:
    f = one(text)
    assert (f.surface, f.qualifier, f.per) == (surface, qualifier, per)


@pytest.mark.parametrize("text, surface, value, unit, qualifier", [
    ("惠及群众逾千万人次，", "逾千万人次", 1e7, "person_time", "more_than"),
    ("近百名志愿者", "近百名", 100, "person", "approx"),
    ("超过千人参加", "超过千人", 1000, "person", "more_than"),
    ("约百万元", "约百万元", 1e6, "CNY", "approx"),
    ("上万人参加", "上万人", 10000, "person", "at_least"),
    ("上千亩良田", "上千亩", 1000, "mu", "at_least"),
])
def test_implicit_one_after_a_qualifier(text, surface, value, unit, qualifier) -> None:
    f = one(text)
    assert (f.surface, f.unit, f.qualifier) == (surface, unit, qualifier)
    assert math.isclose(f.value, value)


@pytest.mark.parametrize("text", [
    "“百日千万网络招聘专项行动”", "千万不要大意", "成千上万人", "成百上千家", "马上千万别走",
    "线上万人招聘会",
])
def test_no_implicit_one_without_a_qualifier(text) -> None:
    assert figs(text) == [], [(f.surface, f.value) for f in figs(text)]


@pytest.mark.parametrize("text, unit_raw", [
    ("组织6\n\n批次劳务输出", "批次"), ("飞行120架次", "架次"), ("运送3000车次", "车次"),
    ("开通56班次", "班次"), ("组织6批\n\n次劳务输出", "批次"),
])
def test_times_classifiers(text, unit_raw) -> None:
    f = one(text)
    assert (f.unit, f.unit_raw) == ("count", unit_raw)


@pytest.mark.parametrize("text", ["接种一、二类苗", "三类地区", "一类、二类疫苗", "二至四类人员"])
def test_category_labels_are_not_figures(text) -> None:
    assert figs(text) == [], [(f.surface, f.value) for f in figs(text)]


@pytest.mark.parametrize("text, value", [("11类重点群体", 11), ("两类人员", 2), ("分为三类。", 3)])
def test_category_counts_stay_figures(text, value) -> None:
    assert one(text).value == value


def test_qualifier_guards() -> None:
    # 节约/签约 are not 约, 最近 is not 近
    assert one("节约3万元").qualifier == "exact"
    assert one("签约12个项目").qualifier == "exact"
    assert one("最近3天").qualifier == "exact"
    # suffix 多 only after durations: 30人多次 is 30 people
    f = one("帮助30人多次")
    assert (f.surface, f.qualifier) == ("30人", "exact")


def test_range_with_different_units_falls_back() -> None:
    found = figs("3人到5个村")
    assert [(f.surface, f.value) for f in found] == [("3人", 3), ("5个", 5)]


def test_exclude_spans() -> None:
    r = repair("近两年，招聘6场。")
    assert [f.surface for f in extract_figures(r)] == ["近两年", "6场"]
    assert [f.surface for f in extract_figures(r, exclude_spans=[(0, 3)])] == ["6场"]


def test_context_is_the_sentence() -> None:
    text = "今年以来，全区城镇新增就业\n10805人，完成目标任务的113.74%。对高校毕业生发放贷款。"
    found = figs(text)
    assert [f.surface for f in found] == ["10805人", "113.74%"]
    assert found[0].context == found[1].context
    assert "10805人" in found[0].context and "发放贷款" not in found[0].context


def test_clean_offsets_match_surface() -> None:
    text = "已就业\n1789 人 ，高 校 毕 业 生 的 就 业 率 达\n94.36%，"
    r = repair(text)
    for f in extract_figures(r):
        assert r.raw_span(f.clean_start, f.clean_end) == (f.char_start, f.char_end)


def test_sorted_by_start() -> None:
    found = figs("甲5人，乙6人，丙7人，丁8家。" * 3)
    assert [f.char_start for f in found] == sorted(f.char_start for f in found)


def test_units_vocabulary() -> None:
    allowed = {
        "person", "person_time", "household", "percent", "percentage_point", "permille",
        "establishment", "event", "count", "year", "month", "day", "hour", "m2", "km2", "mu",
        "km", "m", "tonne", "kg", "other",
    }
    for u in rules.units():
        assert u.unit in allowed or (len(u.unit) == 3 and u.unit.isupper()), u
    assert {"CNY", "USD", "EUR", "JPY", "HKD", "GBP", "KRW", "RUB"} <= rules.currency_codes()


def test_exclusions_never_cross_a_line_break() -> None:
    """etl.extract.figures scans exclusions line by line (only the lines that hold a
    candidate), which is exact only while no exclusion can match a line
    break outside a lookaround."""
    import re
    from re import _compiler, _constants as c, _parser  # type: ignore[attr-defined]

    def matches_newline(op, av) -> bool:
        state = _parser.State()
        return _compiler.compile(_parser.SubPattern(state, [(op, av)]), 0).match("\n") is not None

    def can_match_newline(items) -> bool:
        for op, av in items:
            if op in (c.ASSERT, c.ASSERT_NOT, c.AT):
                continue
            if op in (c.ANY, c.IN, c.LITERAL, c.NOT_LITERAL, c.CATEGORY):
                if matches_newline(op, av):
                    return True
            elif op is c.SUBPATTERN:
                if can_match_newline(av[-1]):
                    return True
            elif op is c.BRANCH:
                if any(can_match_newline(b) for b in av[1]):
                    return True
            elif op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
                if can_match_newline(av[2]):
                    return True
            elif op is not c.GROUPREF:
                raise AssertionError(f"unexpected regex construct {op}")
        return False

    for e in rules.exclusions():
        pattern = e.pattern if e.kind == "regex" else re.escape(e.pattern)
        assert not can_match_newline(_parser.parse(pattern)), e.name
    assert can_match_newline(_parser.parse(r"a[^b]c"))  # the check itself works
    assert can_match_newline(_parser.parse(r"a\s"))


def test_vocab_files_are_plain_csv() -> None:
    for name in ("units.csv", "qualifiers.csv", "exclusions.csv"):
        text = (rules.VOCAB_DIR / name).read_text(encoding="utf-8")
        assert not any(line.lstrip().startswith("#") for line in text.splitlines()), name


# ------------------------------------------------------------------ seed gold


@pytest.fixture(scope="module")
def seed():
    raw = SEED.read_text(encoding="utf-8")
    with GOLD.open(encoding="utf-8", newline="") as fh:
        gold = list(csv.DictReader(fh))
    return raw, gold, extract_text(raw).figures


def _key(row) -> tuple[int, int]:
    return int(row["char_start"]), int(row["char_end"])


def test_seed_core_gold_all_found_exactly(seed) -> None:
    raw, gold, found = seed
    by_span = {(f.char_start, f.char_end): f for f in found}
    for g in gold:
        if g["tier"] != "core":
            continue
        f = by_span.get(_key(g))
        assert f is not None, f"missing {g['surface']!r} at {_key(g)}"
        assert f.surface == g["surface"].replace("\\n", "\n") == raw[f.char_start : f.char_end]
        assert math.isclose(f.value, float(g["value"]))
        assert (f.unit, f.qualifier) == (g["unit"], g["qualifier"])


def test_seed_optional_gold_correct_when_found(seed) -> None:
    _, gold, found = seed
    by_start = {f.char_start: f for f in found}
    for g in gold:
        if g["tier"] != "optional":
            continue
        f = by_start.get(int(g["char_start"]))
        if f is None:
            continue
        assert (f.char_end, f.unit, f.qualifier) == (int(g["char_end"]), g["unit"], g["qualifier"])
        assert math.isclose(f.value, float(g["value"]))


def test_seed_false_positives(seed) -> None:
    _, gold, found = seed
    spans = {_key(g) for g in gold}
    extra = [(f.surface, f.value, f.unit) for f in found if (f.char_start, f.char_end) not in spans]
    core = sum(g["tier"] == "core" for g in gold)
    hits = sum((f.char_start, f.char_end) in spans for f in found)
    print(f"\n[seed] figures={len(found)} gold={len(gold)} (core {core}) matched={hits} "
          f"false_positives={len(extra)} precision={hits / max(len(found), 1):.3f}")
    assert len(extra) <= MAX_SEED_FALSE_POSITIVES, extra
    assert len(extra) == 0, f"false positives changed: {extra}"


# --- second held-out corpus (tests/unseen2): general rules it exposed ---------


@pytest.mark.parametrize(
    "text, surface, value, unit, qualifier",
    [
        ("存栏蛋鸡1.2万羽，", "1.2万羽", 12000, "count", "exact"),  # poultry classifier
        ("家禽存栏45万羽。", "45万羽", 450000, "count", "exact"),
        ("集装箱吞吐量186.5万标箱，", "186.5万标箱", 1865000, "other", "exact"),  # TEU
        ("中欧班列全年开行超过900列。", "超过900列", 900, "count", "more_than"),  # trains
        ("检查车辆3.6万辆次，", "3.6万辆次", 36000, "count", "exact"),
        ("全县18家乡镇卫生院全部达标。", "18家", 18, "establishment", "exact"),  # 家 + 乡镇
        ("设计时速100公里，双向六车道。", "100公里", 100, "other", "exact"),  # a speed, not km
        ("主桥长1.8公里，主跨960米。", "1.8公里", 1.8, "km", "exact"),  # a length stays km
    ],
)
def test_unseen2_units(text, surface, value, unit, qualifier) -> None:
    f = [x for x in figs(text) if x.surface == surface]
    assert f, figs(text)
    assert math.isclose(f[0].value, value) and f[0].unit == unit and f[0].qualifier == qualifier


@pytest.mark.parametrize(
    "text",
    [
        "落实“四个不摘”要求，",  # N个不+verb slogan
        "严格执行“八个不准”规定。",
        "加快推进江北机场三期扩建等重大项目。",  # a phase, not an event count
        "羽毛球馆已经建成。",
        "该项目已列入省重点工程。",
    ],
)
def test_unseen2_non_figures(text) -> None:
    assert figs(text) == []


def test_long_run_of_numerals_without_a_unit_is_fast() -> None:
    # A run of digits and numerals that is no figure (OCR'd tables, joined
    # lines, long decimals glued together) once backtracked exponentially:
    # minutes for each of these lines.
    import time

    text = (
        "1234567890一二三四五六七八九十百千万亿零" * 3 + "。\n"
        + "100万100万三千200亿零四千230一百点12310.1万-10.1万16.4亿。\n"
        + "11-110.000500050005005" + "0.000500050005005" * 8 + "。"
    )
    t0 = time.process_time()
    extract_figures(repair(text))
    assert time.process_time() - t0 < 1.0
