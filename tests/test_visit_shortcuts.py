"""The shortcuts of ``etl.care_visits`` (memoised gift items per object and
English of a role, article leads found with ``str.find``, the recipient
description looked for only where 是 follows the name, names counted only
in a body containing their first character, the suffix test
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


def plain_recipient_role(body: str, name: str | None) -> str | None:
    """``_recipient_role`` looking for 是 after every occurrence of the name."""
    v = vocab()
    if name:
        # 1. "X是…医生。"
        # (the non-overlapping matches of name + care_visits._DESC_RX)
        n = len(name)
        i = body.find(name)
        while i >= 0:
            m = care_visits._DESC_RX.match(body, i + n)
            if m is None:
                i = body.find(name, i + 1)
                continue
            i = body.find(name, m.end())
            desc = m.group(1)
            r = list(v.role_rx.finditer(desc))
            if r:
                end = r[-1].end()
                desc = care_visits._QUANT_RX.sub("", desc[:end])
                start = r[-1].start()
                if start > 0 and desc[start - 1] == "的":
                    desc = desc[: start - 1] + desc[start:]
                return desc
    # 2. An honour: 授予“…道德模范”(荣誉称号)
    for m in care_visits._HONOUR_RX.finditer(body):
        title = m.group(1) or m.group(2)
        title = care_visits._HONOUR_PREFIX_RX.sub("", title)
        if v.role_rx.search(title):
            return title
    if name:
        # 3. "…中学教师X"
        n = len(name)
        i = body.find(name)
        while i >= 0:  # the non-overlapping occurrences of name
            start, i = i, body.find(name, i + n)
            before = body[max(0, start - 16) : start]
            r = list(v.role_rx.finditer(before))
            if r and r[-1].end() == len(before):
                head = before[: r[-1].start()]
                for ch in care_visits.CLAUSE_END + "“”‘’——":
                    head = head.rsplit(ch, 1)[-1]
                head = care_visits._strip_prefix(head)
                for verb in v.visit_verbs:  # 看望独居老人X -> 独居老人
                    head = head.rsplit(verb, 1)[-1]
                return head.removesuffix("的") + r[-1].group()
    return None


def test_recipient_role_equals_the_plain_computation():
    v = vocab()
    names = ["熊健", "熊", "健熊", "王某"]
    words = [*names, *list(v.roles)[:30], "是", "是一名", "的", "，", "。", "授予“", "道德模范”", "荣誉称号", "中学", "看望", "老"]
    rng = random.Random(12)
    role = next(iter(v.roles))
    # A description cut at 30 characters, with another "name是" inside it:
    # the matches do not overlap, the inner one is not looked at.
    body = "熊健是" + "老" * 10 + "熊健是" + "老" * 17 + role + "。"
    assert care_visits._recipient_role(body, "熊健") == plain_recipient_role(body, "熊健")
    unpunctuated = [w for w in words if w not in "，。"] + ["老人", "工作", "人员"] * 3  # long descriptions
    for k in range(20000):
        body = _random_text(rng, words if k % 2 else unpunctuated, 14 if k % 2 else 40)
        name = rng.choice([*names, None])
        assert care_visits._recipient_role(body, name) == plain_recipient_role(body, name)


def test_most_named_equals_the_plain_computation():
    """(Names looked for only in a body containing their first character.)"""
    pool = ["熊健", "熊", "熊健康", "王某", "王", "某王", "李四", "四", "张三丰", "张三"]
    words = [*pool, "是", "的", "，", "老人", "健"]
    rng = random.Random(13)
    for _ in range(20000):
        names = frozenset(rng.sample(pool, rng.randint(0, len(pool))))
        body = _random_text(rng, words, 20)
        counts = sorted(((body.count(n), -body.find(n), n) for n in names if n in body), reverse=True)
        expected = counts[0][2] if counts else None
        assert care_visits._most_named(body, care_visits._by_first_character(names)) == expected
