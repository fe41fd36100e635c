"""The shortcuts of ``etl.care_visits`` (memoised gift items per object and
English of a role, article leads found with ``str.find``, the suffix test
before the place and street patterns) must give what the plain computation
gives, on random texts made of the vocabulary."""

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


def test_lead_starts_equal_the_regex_scan():
    v = vocab()
    words = [*v.lead_words, *(w[:k] for w in v.lead_words for k in range(1, len(w))), "（", "记者", "。", "\n", "讯"]
    rng = random.Random(9)
    for _ in range(20000):
        text = _random_text(rng, words, 12)
        assert care_visits._lead_starts(text, v.lead_words) == sorted({m.start() for m in v.leads.finditer(text)})


def plain_place_and_street(lead: str):
    """``_place_and_street`` without the suffix test before the regexes."""
    v = vocab()
    street = street_code = None
    towns = care_visits.regions.find_street(lead)
    if towns:
        street, street_code = towns[0][2].name_zh, towns[0][2].code
    else:
        m = v.street_rx.search(lead)
        if m:
            name = care_visits._strip_prefix(m.group(1))
            if len(name) >= 2:
                street = name + lead[m.end(1) : m.end()]
    place = None
    for m in v.place_rx.finditer(lead):
        name = care_visits._strip_prefix(m.group(1))
        if len(name) >= 2:
            place = name + lead[m.end(1) : m.end()]
            break
    return place, street, street_code


def test_place_and_street_equal_the_plain_computation():
    v = vocab()
    words = [*v.place_suffixes, *v.street_suffixes, "家住", "来到", "的", "区", "南阳路", "綦江", "古南", "，", "。", "老人", "志愿者"]
    rng = random.Random(10)
    for _ in range(5000):
        text = _random_text(rng, words, 10)
        lo = rng.randint(0, len(text))
        hi = rng.randint(lo, len(text))
        starts = care_visits.regions.form_starts(text)
        assert care_visits._place_and_street(text, lo, hi, starts) == plain_place_and_street(text[lo:hi])
        assert care_visits._place_and_street(text, lo, hi) == plain_place_and_street(text[lo:hi])
