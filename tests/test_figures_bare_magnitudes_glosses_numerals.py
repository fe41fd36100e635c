"""Round-3 figure rules, each tested on invented text (invented places and
names); each test's oracle is the rule as a plain statement."""

from __future__ import annotations

import pytest

from etl.extract import extract_text


def figs(text: str):
    return [(f.surface, f.value, f.unit, f.unit_raw, f.qualifier) for f in extract_text(text).figures]


# Rule: a number ending in 万/亿 without a measure word, followed (after at
# most three modifier characters) by a counted noun, is a figure of the
# noun's unit; the surface is the number, unit_raw the noun.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("青禾县去年组织2.4万新生代农民工参加培训", ("2.4万", 24000, "person", "农民工", "exact")),
        ("目前已有12万农民在县城安家", ("12万", 120000, "person", "农民", "exact")),
        ("惠及近3万余群众", ("近3万余", 30000, "person", "群众", "approx")),
        ("全镇三万五千居民参与", ("三万五千", 35000, "person", "居民", "exact")),
        ("帮助1.5万农户增收", ("1.5万", 15000, "household", "农户", "exact")),
        ("带动2.6万脱贫户增收", ("2.6万", 26000, "household", "脱贫户", "exact")),
    ],
)
def test_bare_wan_number_counts_the_noun_after_it(text, expected) -> None:
    assert figs(text) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "千万农民工的心愿",  # 千万 (a bare magnitude) is a word, not a number
        "万一老人摔倒怎么办",
        "上万群众自发前来",  # vague, and no number
        "他写下5万字的老人回忆录",  # the number counts 字 (a function word between)
        "看望163特困老人",  # a small bare number before a noun stays no figure
        "这是百万农民的期盼",
    ],
)
def test_bare_wan_rule_leaves_words_and_small_numbers(text) -> None:
    assert figs(text) == []


def test_bare_wan_number_with_a_measure_word_keeps_the_usual_reading() -> None:
    assert figs("培训3万名农民工") == [("3万名", 30000, "person", "名", "exact")]
    assert figs("发放补贴10万元农民工受益") == [("10万元", 100000, "CNY", "元", "exact")]


# Rule: 家 followed by 用 is 家用 (家用电器), no measure word, unless 用
# starts 用人单位/用工单位/用工企业 (the employers counted with 家).
def test_jia_before_yongren_danwei_counts_employers() -> None:
    assert figs("松林区共有85家用人单位参会") == [("85家", 85, "establishment", "家", "exact")]
    assert figs("全区46家用工企业") == [("46家", 46, "establishment", "家", "exact")]


def test_jiayong_appliance_is_no_measure_word() -> None:
    assert figs("赠送3家用电器") == []


# Rule: a financial numeral (壹贰叁肆伍…) counts only in a run of them or
# before a money unit; the 伍 ending 队伍/入伍/退伍 is no number.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("组建志愿服务队伍120支", [("120支", 120, "count", "支", "exact")]),
        ("全镇退伍1.5万人", [("1.5万人", 15000, "person", "人", "exact")]),
        ("他入伍三年", [("三年", 3, "year", "年", "exact")]),
        ("统一5人参加", [("5人", 5, "person", "人", "exact")]),
        ("这支队伍人员精干", []),
        ("为退伍人员送去慰问", []),
        ("队伍次第展开", []),
        ("捐款人民币伍仟元", [("伍仟元", 5000, "CNY", "元", "exact")]),
        ("人民币伍元整", [("伍元整", 5, "CNY", "元整", "exact")]),
        ("壹佰贰拾人", [("壹佰贰拾人", 120, "person", "人", "exact")]),
    ],
)
def test_financial_numeral_counts_only_in_a_numeral_run(text, expected) -> None:
    assert figs(text) == expected


# Rule: after a Latin letter a figure may start with an ordinary Chinese
# numeral (a name in Latin letters, then the count); a digit there is part
# of a code (G20, H7N9).
def test_chinese_numeral_after_a_latin_name_is_a_figure() -> None:
    assert figs("Lucas五位同学来到敬老院") == [("五位", 5, "person", "位", "exact")]


@pytest.mark.parametrize("text", ["G20峰会召开", "H7N9病毒", "A5纸打印"])
def test_digits_after_a_latin_letter_stay_a_code(text) -> None:
    assert figs(text) == []


# Rule (text repair): a pinyin gloss, a tone-marked syllable in round
# brackets right after a Han character (就業(yè)), is dropped from the clean
# text; offsets still map to the raw page.  (a), (1), (GDP) are no glosses.
def test_pinyin_gloss_is_dropped_from_the_clean_text_with_offsets_kept() -> None:
    from etl.extract.textrepair import repair

    raw = "青禾縣城鎮(zhèn)新增就業(yè) 3210人,穩定(dìng)崗(gǎng)位"
    r = repair(raw)
    assert r.clean == "青禾县城镇新增就业3210人,稳定岗位"
    assert r.display == "青禾縣城鎮新增就業3210人,穩定崗位"
    i = r.clean.index("新")
    assert raw[r.raw_index[i]] == "新"
    (f,) = extract_text(raw).figures
    assert (f.surface, f.value) == ("3210人", 3210)
    assert raw[f.char_start : f.char_end] == f.surface


def test_dates_read_through_a_pinyin_gloss() -> None:
    ex = extract_text("2023年(nián)5月(yuè)，青禾镇新增就业120人")
    assert [(d.start.isoformat(), d.granularity) for d in ex.dates] == [("2023-05-01", "month")]


@pytest.mark.parametrize("text", ["新增(a)就业(1)岗位(GDP)", "就业(ye)岗位", "(zhèn)开头"])
def test_brackets_without_a_tone_mark_or_a_han_before_are_kept(text) -> None:
    from etl.extract.textrepair import repair

    assert repair(text).clean == text


# Rule: a 万/亿 number alone in round brackets takes the unit of the figure
# before it in its sentence when that one is a count written with 万/亿 too
# (the unit just given is left out); with none, it stays no figure.
def test_bracketed_wan_number_takes_the_unit_given_before_it() -> None:
    text = "青禾县转移就业8.6万人,完成年度计划(9万)的95.6%"
    assert figs(text) == [
        ("8.6万人", 86000, "person", "人", "exact"),
        ("9万", 90000, "person", "人", "exact"),
        ("95.6%", 95.6, "percent", "%", "exact"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "青禾县新增就业完成年度计划(9万)的95.6%",  # no unit given before
        "青禾县转移就业8.6万人。年度计划(9万)",  # another sentence
        "青禾县就业率95%(9万)",  # a percentage gives no count's unit
    ],
)
def test_bracketed_wan_number_without_a_unit_before_is_no_figure(text) -> None:
    assert "9万" not in [f[0] for f in figs(text)]
