"""The memoised helpers of ``etl.care_visits`` (gift items per object, the
English of a role) must give what the plain computation gives, on random
texts made of the vocabulary."""

from __future__ import annotations

import random

from etl import care_visits
from etl.care_visits import _ITEM_PREFIX_RX, _ITEM_SPLIT_RX, _NUMBER_RX, vocab


def plain_gifts(text: str) -> list[str]:
    v = vocab()
    out: list[str] = []
    for m in v.gift_rx.finditer(text):
        for item in _ITEM_SPLIT_RX.split(m.group(1)):
            item = _ITEM_PREFIX_RX.sub("", item).strip()
            item = _NUMBER_RX.split(item, 1)[0]
            if item and len(item) <= 12 and v.gift_noun_rx.search(item) and item not in out:
                out.append(item)
    return out


def _random_text(rng: random.Random, words: list[str], n: int) -> str:
    return "".join(rng.choice(words) for _ in range(rng.randint(0, n)))


def test_memoised_gifts_equal_the_plain_computation():
    v = vocab()
    words = [*v.gift_nouns, "送来", "送去", "带着", "捐赠", "、", "和", "等", "了", "一些", "，", "。", "300", "床", " ", "老人"]
    rng = random.Random(7)
    for _ in range(5000):
        text = _random_text(rng, words, 25)
        assert care_visits._gifts(text) == plain_gifts(text)
        assert care_visits._gifts(text) == plain_gifts(text)  # (from the memo)


def test_memoised_role_en_equals_the_plain_computation():
    v = vocab()
    words = [*v.roles, *v.qualifiers, "的", "区", "老", "X", "，"]
    rng = random.Random(8)
    for _ in range(5000):
        role = _random_text(rng, words, 6)
        assert care_visits._role_en(role) == care_visits._role_en.__wrapped__(role)
