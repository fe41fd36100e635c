"""No private person's name is published (issue 4)."""

from __future__ import annotations

import csv
import datetime as dt
import random
import re
import sys

import pytest

from etl import semantic
from etl.extract import extract_text
from etl.extract.textrepair import repair
from etl.semantic import name_candidates, name_masking, privacy

from conftest import SEED, data_file  # tests/ is on sys.path
from test_indicators import SID, gold_page

JOURNALISTS = ["吴荣凯", "邓大伟", "尹向宁", "李竹君", "吴正垣", "张静", "刘彤", "谢鹏飞", "刘垚", "封飞扬",
               "杨圣龙", "古峨", "成蓉", "綦长伟", "贺娜", "姚兰"]
OTHERS = ["黄延梅", "刘桂群", "卢华炳"]  # private people of the employment story


def gold_names() -> set[str]:
    with data_file("gold", "seed_care_visits.csv").open(encoding="utf-8") as f:
        return {n for row in csv.DictReader(f) for n in row["private_names_in_text"].split(";")}


@pytest.fixture(scope="module")
def seed_names():
    return privacy.find_private_names(repair(SEED.read_text(encoding="utf-8")))


def test_seed_names_found(seed_names):
    assert gold_names() <= seed_names
    assert set(JOURNALISTS) <= seed_names
    assert set(OTHERS) <= seed_names


def test_common_words_are_not_names(seed_names):
    for word in ("高新", "江中", "綦江", "文龙", "三江", "新盛", "綦媒", "大白", "道德"):
        assert word not in seed_names
    masked = name_masking.mask(repair(SEED.read_text(encoding="utf-8")).clean, seed_names)
    for kept in ("綦江中学", "高新杯", "綦江区", "文龙街道", "三江街道", "綦媒帮帮团"):
        assert kept in masked


def test_masked_seed_text_has_no_name(seed_names):
    clean = repair(SEED.read_text(encoding="utf-8")).clean
    masked = name_masking.mask(clean, seed_names)
    for name in gold_names() | set(JOURNALISTS) | set(OTHERS) | {"大鹏"}:
        assert name not in masked, name
    assert "某某" in masked


def test_no_name_in_rows_or_masked_contexts():
    for page in (gold_page(), extract_text(SEED.read_text(encoding="utf-8"), dt.date(2023, 1, 18))):
        res = semantic.derive(SID, page)
        published = [str(v) for rows in (res.indicators, res.checks, res.care_visits) for r in rows for v in r.values()]
        published += [name_masking.mask(f.context, res.private_names) for f in page.figures]
        for name in gold_names() | set(JOURNALISTS) | set(OTHERS):
            assert not any(name in text for text in published), name


NEW_PAGE = """就业暖人心

本报讯（记者 司马晓川 通讯员 欧阳雯）“要不是就业服务站帮忙，我现在还在家里发愁。”居民龚振海说。
龚振海今年 45 岁，去年所在企业关停后失业。社区工作人员裴雪芹了解情况后，为他推荐了岗位。
“龚师傅干活踏实。”企业负责人表示。龚振海的妻子苟玉兰也在社区公益岗位上班。
据介绍，今年以来，高新区共帮助失业人员再就业 320 人。
记者 司马晓川 摄
"""


def test_new_names_are_never_published():
    page = extract_text(NEW_PAGE, dt.date(2024, 5, 1))
    res = semantic.derive("new", page)
    invented = {"司马晓川", "欧阳雯", "龚振海", "裴雪芹", "苟玉兰"}
    assert invented <= res.private_names
    published = [str(v) for rows in (res.indicators, res.checks, res.care_visits) for r in rows for v in r.values()]
    published += [name_masking.mask(f.context, res.private_names) for f in page.figures]
    published.append(name_masking.mask(repair(NEW_PAGE).clean, res.private_names))
    for name in invented:
        assert not any(name in text for text in published), name
    assert "某师傅" in published[-1]  # 龚师傅: the surname before a form of address
    assert "高新区" in published[-1]


def test_mask_edge_cases():
    assert name_masking.mask(None, {"张三丰"}) is None
    assert name_masking.mask("", {"张三丰"}) == ""
    assert name_masking.mask("没有名字", frozenset()) == "没有名字"
    # OCR spaces and line breaks inside a name
    assert name_masking.mask("居民张 三\n丰说", {"张三丰"}) == "居民某某说"
    # a bare given name standing alone, not inside a word
    assert name_masking.mask("“三丰，过年好", {"张三丰"}) == "“某某，过年好"
    assert name_masking.mask("三丰路", {"张三丰"}) == "三丰路"


@pytest.mark.parametrize("name", ["吴永年", "王建华", "李秀英", "刘天河", "陈光明"])
def test_a_given_name_that_is_also_a_place_is_still_masked_with_a_strong_cue(name):
    # 永年, 建华, 天河, 光明 … are districts or counties too: with a role word
    # before the name, an age and 说 after it, the person wins.
    text = f"3月8日，志愿者看望了退休教师{name}。{name}今年78岁。“谢谢你们！”{name}说。"
    names = privacy.find_private_names(repair(text))
    assert name not in name_masking.mask(text, names)


def test_whitespace_is_what_re_calls_whitespace():
    # name_candidates.WHITESPACE stands for \s in a character class (a faster scan).
    spelled = re.compile(f"[{name_candidates.WHITESPACE}]")
    space = re.compile(r"\s")
    for c in map(chr, range(sys.maxunicode + 1)):
        assert bool(spelled.match(c)) == bool(space.match(c)) == c.isspace(), hex(ord(c))


def test_mask_many_masks_each_text_as_mask_does():
    names = frozenset({"张三丰", "熊健", "李四"})
    # names, bare given names and surnames + forms of address right at the
    # texts' edges, spaced names, None and empty texts
    pieces = ["张三丰", "三丰", "张", "三", "熊", "医生", "熊医生", "张 三", "丰", "李四", "四", "\n", "，", "说", "路", ""]
    rng = random.Random(7)
    for _ in range(3000):
        texts = [None if rng.random() < 0.1 else "".join(rng.choice(pieces) for _ in range(rng.randrange(0, 4)))
                 for _ in range(rng.randrange(1, 7))]
        assert name_masking.mask_many(texts, names) == [name_masking.mask(t, names) for t in texts], texts
    assert name_masking.mask_many(["熊\x00医生", "熊健"], names) == ["熊\x00医生", "某某"]
