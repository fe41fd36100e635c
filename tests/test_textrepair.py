"""etl.extract.textrepair: the clean view, its offset map, and the line-break rules."""

from __future__ import annotations

import pytest

from etl.extract.textrepair import RawIndex, Repaired, cut_words, repair


def clean(text: str) -> str:
    return repair(text).clean


def check_offsets(raw: str) -> Repaired:
    """The invariants every repair keeps, whatever the text."""
    r = repair(raw)
    idx = list(r.raw_index)
    assert len(r.raw_index) == len(idx) == len(r.clean) + 1
    assert idx[-1] == len(raw)
    assert idx[:-1] == sorted(set(idx[:-1])), "raw offsets strictly increase"
    for i, c in enumerate(r.clean):
        assert r.raw_index[i] == idx[i]
        if c not in " \n":  # one character for one character
            assert raw[idx[i]].translate(_FW) == c
    assert len(r.display) == len(r.clean)
    return r


_FW = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)}


# ------------------------------------------------------------------ in a line


@pytest.mark.parametrize("raw, expected", [
    ("就 业 率 达 94.5%", "就业率达94.5%"),
    ("1789 人 ，高 校", "1789人,高校"),
    ("１２３４万元，２１．３％", "1234万元,21.3%"),
    ("位\u30001860\u3000个", "位1860个"),
    ("in 2022", "in 2022"),
    ("in   2022", "in 2022"),
    ("PM 2.5", "PM 2.5"),
])
def test_spaces_inside_a_line(raw, expected):
    assert check_offsets(raw).clean == expected


@pytest.mark.parametrize("raw, expected", [
    # defect 1: letter-spaced digits are one number
    ("月均收入 3 2 0 0 元，", "月均收入3200元,"),
    ("就业率达 9 7 . 3 %。", "就业率达97.3%。"),
    ("扶贫车间2 6 家，", "扶贫车间26家,"),
    ("就业1 0 2 人，", "就业102人,"),
    ("不少于 1 0 家", "不少于10家"),
    ("2 0 2 0 年", "2020年"),
    # a group of two or more digits is never joined to its neighbour
    ("共 1 800 人", "共1 800人"),
    ("12 3 人", "12 3人"),
    ("3 2.5 万", "3 2.5万"),
    # two spaces: not letter-spacing
    ("1  2 人", "1 2人"),
])
def test_letter_spaced_digits(raw, expected):
    assert check_offsets(raw).clean == expected


def test_letter_spaced_digits_map_back_to_raw():
    raw = "收入 3 2 0 0 元"
    r = check_offsets(raw)
    s = r.clean.index("3200元")
    assert r.raw_text(s, s + 5) == "3 2 0 0 元"


@pytest.mark.parametrize("raw, expected", [
    # defect 3: a list number at the start of a line stays apart from a number
    ("3. 联系电话\n4. 2023年3月—5月，开展活动。", "3.联系电话\n4. 2023年3月—5月,开展活动。"),
    ("4． 2023年3月", "4. 2023年3月"),
    # not at the start of a line: OCR noise inside a decimal
    ("增长 4. 5%", "增长4.5%"),
])
def test_list_numbers(raw, expected):
    assert check_offsets(raw).clean == expected


# --------------------------------------------------------------- line breaks

LONG = "綦江区人力社保局聚焦结构性就业压力，大力关注重点领域和重点人群，打好稳就业组合拳"


@pytest.mark.parametrize("raw, expected", [
    # a long line wrapped by the layout
    (LONG + "\n全力以赴稳就业。", LONG.replace("，", ",") + "全力以赴稳就业。"),
    # a figure cut by the break
    ("贷款5266万\n元，扶持", "贷款5266万元,扶持"),
    ("增收 5\n\n万余元。", "增收5万余元。"),
    # sentence end: always hard
    ("全区新增就业。\n\n短行", "全区新增就业。\n短行"),
])
def test_basic_breaks(raw, expected):
    assert check_offsets(raw).clean == expected


@pytest.mark.parametrize("raw, expected", [
    # defect 2: short lines (a column beside a photo) cut words and dates
    ("发放创业补贴12.5万\n元，带动就业超\n\n过 600 人。", "发放创业补贴12.5万元,带动就业超过600人。"),
    ("正在缝制手提袋。\n\n“去\n\n年搬下来以后，", "正在缝制手提袋。\n“去年搬下来以后,"),
    ("兑现岗位补贴。\n\n2020 年\n\n6 月，县里还为", "兑现岗位补贴。\n2020年6月,县里还为"),
    ("活动。\n11月\n16日，志愿者", "活动。\n11月16日,志愿者"),
    ("组织6批\n\n次劳务输出", "组织6批次劳务输出"),
    ("人数比去年同期增长了两\n成左右", "人数比去年同期增长了两成左右"),
    # the next line starts with punctuation no line starts with
    ("标题\n，正文", "标题,正文"),
    # a quote or bracket left open
    ("“稳就业\n是头等大事”，他说。", "“稳就业是头等大事”,他说。"),
])
def test_soft_breaks_after_short_lines(raw, expected):
    assert check_offsets(raw).clean == expected


BODY = "距离毕业还有不到一个月的时间，黄延梅还没有拿到工作录用通知，心里很着急。"


@pytest.mark.parametrize("raw, expected", [
    # headings, bylines and captions stay on their own line
    ("阵地前移\n拓宽高校毕业生就业渠道\n\n" + BODY, "阵地前移\n拓宽高校毕业生就业渠道\n"),
    ("稳就业，保民生\n" + BODY, "稳就业,保民生\n"),
    ("文/贺娜 姚兰\n\n" + BODY, "文/贺娜姚兰\n"),
    ("“线上+线下”\n" + BODY, "“线上+线下”\n"),
    ("【展望2023年】\n" + BODY, "【展望2023年】\n"),
    # a list item on the next line is never glued to the line before
    ("主要安排以下内容\n1.服务时间" + BODY, "主要安排以下内容\n1.服务时间"),
    ("工作安排\n二、" + BODY, "工作安排\n二、"),
])
def test_hard_breaks(raw, expected):
    # on a page of body lines (the typical line length is the median's)
    page = raw + "\n" + (BODY + "\n") * 4
    assert check_offsets(page).clean.startswith(expected)


def test_comma_line_inside_a_paragraph_is_soft():
    # a short line with a comma that continues a paragraph (the break before
    # it was soft) is a clause cut by the layout, not a heading
    raw = LONG + "\n元，带动就业\n人员增收。"
    assert clean(raw).endswith("元,带动就业人员增收。")


def test_long_line_before_a_list_item_is_hard():
    raw = LONG + "\n4. 2023年3月—5月，开展活动。"
    assert "\n4. 2023年3月" in clean(raw)


def test_cut_words_come_from_the_vocabularies():
    words = cut_words()
    assert {"超过", "不少于", "左右", "以上", "去年", "今年", "上半年", "人次", "批次",
            "个百分点"} <= set(words)
    assert all(len(w) >= 2 for w in words)


# --------------------------------------------------------- offsets and views


def test_crlf_and_ideographic_spaces():
    raw = "第一行，\r\n\r\n\u3000\u3000第二行。\r\n标题\r\n"
    r = check_offsets(raw)
    assert r.clean == "第一行,第二行。\n标题"
    nl = r.clean.index("\n")
    assert raw[r.raw_index[nl]] == "\r"


def test_display_keeps_the_page_characters():
    raw = "就 业 率 达\n９４．５％，（全区）"
    r = check_offsets(raw)
    assert r.clean == "就业率达94.5%,(全区)"
    assert r.display == "就业率达９４．５％，（全区）"
    assert r.display_text(4, 9) == "９４．５％"


def test_clean_pos_and_raw_span_round_trip():
    raw = "  已就业\n1789 人 ，高 校 毕 业 生\n\n的 就 业 率 达 94.36%， "
    r = check_offsets(raw)
    for i in range(len(r.clean)):
        assert r.clean_pos(r.raw_index[i]) == i
        s, e = r.raw_span(i, i + 1)
        assert (s, e) == (r.raw_index[i], r.raw_index[i] + 1)
    # a raw position inside dropped whitespace maps to the next clean character
    assert r.clean_pos(0) == 0
    assert r.clean_pos(len(raw)) == len(r.clean)
    gap = raw.index(" 人")
    assert r.clean[r.clean_pos(gap)] == "人"


def test_raw_index_is_a_sequence():
    r = repair("ab  c\n\nd")
    assert r.clean == "ab cd"
    ri = r.raw_index
    assert isinstance(ri, RawIndex)
    assert tuple(ri) == tuple(ri[i] for i in range(len(ri)))
    assert ri[-1] == len(r.raw) and ri[1:3] == tuple(ri)[1:3]
    assert ri == tuple(ri)
    with pytest.raises(IndexError):
        ri[len(ri)]
    # a Repaired built by hand from a plain tuple gets a RawIndex too
    built = Repaired("a b", "ab", (0, 2, 3))
    assert isinstance(built.raw_index, RawIndex) and list(built.raw_index) == [0, 2, 3]
    assert built.display == "ab"


@pytest.mark.parametrize("raw", ["", "   ", "\n\n", "\r\n \u3000\r\n", "a", "。"])
def test_degenerate_texts(raw):
    r = check_offsets(raw)
    assert r.clean == raw.strip(" \n\r\u3000").replace("。", "。")


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("首批投保1O5人。", "首批投保105人。"),  # OCR letter O for a zero
        ("月挣2OOO元都难", "月挣2000元都难"),
        ("每场有3O家左右企业", "每场有30家左右企业"),
        ("沿G5O高速前行", "沿G5O高速前行"),  # a road code: letter before the digit
        ("网速10OK", "网速10OK"),  # followed by a letter: not a number
        ("OPPO手机", "OPPO手机"),
    ],
)
def test_letter_o_read_for_zero(raw, expected):
    r = repair(raw)
    assert r.clean == expected
    # one character for one character: offsets map straight back to the raw O
    assert list(r.raw_index)[:-1] == list(range(len(raw)))


def test_traditional_characters_read_as_simplified_offsets_kept():
    # the vocabulary is simplified: 城鎮新增就業 must read as 城镇新增就业,
    # one character for one, so every offset still points into the raw text
    raw = "我縣城鎮新增就業2842人，完成年計劃的61.78%。"
    r = repair(raw)
    assert r.clean == "我县城镇新增就业2842人,完成年计划的61.78%。"
    assert len(r.clean) == len(raw)
    assert [raw[r.raw_index[i]] for i in range(len(r.clean)) if r.clean[i] == "2"] == ["2", "2"]
