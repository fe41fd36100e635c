"""Indicator matching on the phrasings real pages use (issue 16, round 3).
Every text here is invented (invented places, people and figures); each test
is named by the rule it checks and its oracle states that rule."""

from __future__ import annotations

import datetime as dt

from etl import semantic
from etl.extract import extract_text

ISSUE = dt.date(2024, 12, 20)


def _rows(text: str) -> list[dict]:
    return semantic.derive("t", extract_text(text, ISSUE)).indicators


def _indicators(text: str) -> set[tuple[str, float]]:
    return {(r["indicator_id"], r["value"]) for r in _rows(text)}


def test_pinyin_glosses_do_not_break_the_phrases():
    # Rule: a pinyin gloss printed after a character (就業(yè)) is a reading
    # aid, not part of the words: the phrases match as if it were absent.
    glossed = "今年,青禾縣新增城鎮(zhèn)就業(yè)3210人,城鎮(zhèn)調(diào)查失業(yè)率控制在5.1%。"
    assert _indicators(glossed) == {("urban_new_jobs", 3210), ("unemployment_rate_surveyed", 5.1)}


def test_a_bracketed_list_label_is_no_gloss():
    # Rule: only a syllable with a tone mark is a gloss; "(a)" is a label.
    assert _indicators("今年新增(a)就业3210人。") == set()
