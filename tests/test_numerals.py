"""etl.extract.numerals: cn2an's own test tables, plus a cross-check against cn2an.

cn2an is a dev dependency used here only as an oracle; the runtime never
imports it.
"""

from __future__ import annotations

import json
import math
import random
import re
from pathlib import Path

import pytest

from etl.extract.numerals import parse_direct, parse_number

from conftest import data_file  # tests/ is on sys.path

CASES = data_file("peer-specs", "cn2an", "cases.jsonl")
LADDER = {"strict": ("strict", "normal", "smart"), "normal": ("normal", "smart"), "smart": ("smart",)}


def _cases() -> list[dict]:
    return [json.loads(x) for x in CASES.read_text(encoding="utf-8").splitlines() if x.strip()]


_ALL = [c for c in _cases() if c["func"] == "cn2an"]


@pytest.mark.parametrize(
    "case", [c for c in _ALL if "expected" in c and c["mode"] != "direct"], ids=lambda c: c["input"]
)
def test_cn2an_value_cases(case: dict) -> None:
    for mode in LADDER[case["mode"]]:
        got = parse_number(case["input"], mode)
        assert math.isclose(got, case["expected"], rel_tol=1e-12, abs_tol=1e-18), mode


@pytest.mark.parametrize(
    "case", [c for c in _ALL if "expected_error" in c], ids=lambda c: c["input"] or "<empty>"
)
def test_cn2an_error_cases_raise_in_strict(case: dict) -> None:
    with pytest.raises(ValueError):
        parse_number(case["input"], "strict")


@pytest.mark.parametrize("case", [c for c in _ALL if c["mode"] == "direct"], ids=lambda c: c["input"])
def test_cn2an_direct_cases(case: dict) -> None:
    assert parse_direct(case["input"]) == case["expected"]


@pytest.mark.parametrize(
    "text,mode",
    [("", "smart"), ("元整", "normal"), ("负", "smart"), ("零点", "normal"), ("点零", "smart"),
     ("零点点", "smart"), ("零点零大", "smart"), ("10..1万", "smart"), ("10.1万零100", "smart"),
     ("百十一", "normal"), ("十一十二", "normal"), ("五六万", "normal"), ("万", "smart"),
     ("一千零一百", "normal"), ("一一", "strict"), ("两千", "strict"), ("〇", "strict")],
)
def test_malformed_raise(text: str, mode: str) -> None:
    with pytest.raises(ValueError):
        parse_number(text, mode)


@pytest.mark.parametrize(
    "text,value",
    [
        ("一万零八百零五", 10805), ("两千三百", 2300), ("三十", 30), ("〇", 0), ("两", 2),
        ("壹仟贰佰叁拾肆", 1234), ("1.2万", 12000), ("3千", 3000), ("46.23万", 462300),
        ("36.57亿", 3657000000), ("三千五百", 3500), ("１２３４", 1234), ("２１．３", 21.3),
        ("兩千六", 2600), ("一萬", 10000), ("十二點五", 12.5), ("廿二", 22), ("卅", 30),
        ("1万亿", 10**12), ("四十九兆九千五百九十二亿", 49959200000000), ("一百二十万三", 1203000),
        ("十三万五", 135000), ("一亿五", 150000000), ("零点五", 0.5), ("负3.9", -3.9),
        ("拾万零五十六点叁叁", 100056.33), ("七十五万", 750000),
    ],
)
def test_smart_values(text: str, value: float) -> None:
    assert math.isclose(parse_number(text), value, rel_tol=1e-12)


def test_money_forms() -> None:
    assert parse_number("壹拾壹元壹角壹分", "strict") == 11.11
    assert parse_number("五元", "normal") == 5
    with pytest.raises(ValueError):
        parse_number("五元", "strict")


def test_cross_check_with_cn2an() -> None:
    cn2an = pytest.importorskip("cn2an")
    rng = random.Random(20230115)
    for _ in range(3000):
        n = rng.choice([rng.randint(0, 99), rng.randint(0, 99_999), rng.randint(0, 10**12), rng.randint(0, 2**53)])
        for style in ("low", "up"):
            text = cn2an.an2cn(n, style)
            for mode in ("strict", "normal", "smart"):
                assert parse_number(text, mode) == n, (text, mode)
    for _ in range(500):
        x = round(rng.uniform(0, 10**6), rng.randint(1, 4))
        text = cn2an.an2cn(x)
        for mode in ("strict", "normal", "smart"):
            try:
                want = cn2an.cn2an(text, mode)
            except ValueError:
                with pytest.raises(ValueError):
                    parse_number(text, mode)
                continue
            assert math.isclose(parse_number(text, mode), want, rel_tol=1e-12), (text, mode)


def test_runtime_does_not_import_cn2an() -> None:
    for path in (Path(__file__).resolve().parents[1] / "etl").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"^\s*(?:import|from)\s+cn2an\b", text, re.M), path
