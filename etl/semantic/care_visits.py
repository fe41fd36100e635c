"""Community-care visits: one row per care visit told on a page.

Visit stories follow patterns of local news, and the rules follow the
patterns, never the names of a page (the vocabulary is the ``care_visits``
section of ``schemas/codebook.yaml`` and ``schemas/vocab/roles.csv``):

* **Articles** start at a lead such as ``本报讯（记者 …）``; an article runs to
  the next lead (the text before the first lead is an article too).
* **Visits**: the sentences of an article that tell a visit
  (``etl.semantic.visit_events``: dated leads, same-day and undated
  paragraphs of a round-up, a feature story's dated opening, an undated
  lead); summaries, habits, meetings and recruitment tell none.  A visit's
  story runs from its article's start (the first visit) or its own paragraph
  to the next visit's paragraph.  ``visit_date`` is the day its sentence
  gives, as resolved by the dates extractor (empty when the text fixes no
  day or it could not be resolved).
* **Stops**: a care visit is one stop.  A visit whose story lists its stops
  (看望了A、B和C家中; 先后到敬老院和A、B家中; 在A、B、C的家中 after a visit
  that named them as a group) is one row per stop, in text order, with the
  same story, organiser, date and gifts; ``visit_id`` gets ``/2``, ``/3`` …
  after the first stop's; ``recipient_role`` is the stop's own where its item
  gives one (困难党员蒋林 -> 困难党员).  A story that goes from home to home,
  one clause each (先来到A家中…，随后又到B家中…。还分别来到其他老人家中), is
  one row per clause's home (a list inside a clause names the people met at
  that home; a home of a counted group, 来到6户老人家中, is the summary the
  stops tell).  A story that numbers its households (第一户…第二户), goes
  to one home and then profiles one more person (首先来到A家…。特困职工B，
  年仅18岁…), goes on to further homes (还深入农户), or quotes a person first
  named thanking the visitors for coming (“…今天又来看我！”某某说道) has one
  stop more for each (``etl.semantic.visit_stops``).  A stop that a later
  visit names only as the area around its own stop (诸由 in 来到诸由观镇某村
  某某家中) stays a stop.  See ``_stops``.
* **volunteer_group**: the first quoted name ending with a group word
  (“…帮帮团”, “…志愿服务队”) or followed by one (“红马甲”志愿服务队) in the
  article, else in the editor's note, else an unquoted group in the lead
  (the dated sentence and the next: 南阳路社区志愿服务队, …组织青年志愿者).
* **campaign**: a quoted activity name with its description (“主播陪你过大年”
  …公益活动) in the article, else in the page's editor's note (编者按) when
  that note speaks of the same volunteer group.  The quotes become a space.
* **recipient**: the private person named most often in the article.  Their
  role is, in this order, what the text says they are (``X是…医生``), an
  honour they were given (``授予“…道德模范”``), or the role word before the
  name (``…中学教师X``); a deed from the vocabulary (抗疫一线, 森林防火,
  照顾…婆婆) is added in brackets.  With no named recipient: the role word
  right after a visit verb in the lead (看望慰问孤寡老人 -> 孤寡老人).  ``recipient_role_en`` is composed from
  ``schemas/vocab/roles.csv`` (qualifiers such as 医院 → hospital, then the
  role word).  Names are masked in every column.
* **place / street**: in the dated sentence and the next one, a place ending
  in 小区/社区/村 … and a street or town (gazetteer first, then …街道/镇/乡).
* **gifts**: the objects of 送来/送去/带着/提着 … split at 、和及与等, kept
  when they contain a gift noun, cut before a number (棉被300余床 -> 棉被),
  in text order, ";"-joined.
"""

from __future__ import annotations

import bisect
import csv
import datetime as dt
import functools
import re
from dataclasses import dataclass
from typing import Any

from etl.semantic import (name_bylines, name_masking, regions, visit_days, visit_events, visit_headers, visit_stops,
                          visit_vocab)
from etl.semantic.codebook import CODEBOOK
from etl.semantic.indicators import clean_span
from etl.extract.records import DateMention
from etl.extract.rules import VOCAB_DIR, read_yaml
from etl.extract.textrepair import Repaired

_CJK = "\u4e00-\u9fff"
CLAUSE_END = ",，;；:：!！?？。\n"
SENTENCE_END = ";；!！?？。\n"

_SENTENCE_RX = re.compile("[" + re.escape(SENTENCE_END) + "]")
_ITEM_SPLIT_RX = re.compile("[、和及与等]")
_ITEM_PREFIX_RX = re.compile("^(?:了|满满的|一份份|一份|一些|一批|一袋袋|一箱箱)")
#: "X是…" : what the text says a person is.
_DESC_WORD = "是"
_DESC_RX = re.compile(_DESC_WORD + "([^" + CLAUSE_END + "]{2,30})")
_HONOUR_RX = re.compile("“([^“”\n]{2,30})”荣誉称号|授予“([^“”\n]{2,30})”")
_HONOUR_PREFIX_RX = re.compile(r"^[0-9０-９—\-–~～至年度\s]+")
_QUANT_RX = re.compile("^(?:一名|一位|一个|一户|位|名)")
_NUMBER_RX = re.compile(r"[0-9０-９]")


@dataclass(frozen=True)
class Vocab:
    leads: re.Pattern[str]
    lead_words: tuple[str, ...]  # the article leads, longest first (leads' order)
    volunteer_words: tuple[str, ...]
    visit_verbs: tuple[str, ...]
    group_rx: re.Pattern[str]
    campaign_rx: re.Pattern[str]
    editor_note: tuple[str, ...]
    gift_rx: re.Pattern[str]
    gift_nouns: tuple[str, ...]
    gift_noun_rx: re.Pattern[str]  # finds any of gift_nouns
    place_rx: re.Pattern[str]
    street_rx: re.Pattern[str]
    prefix_rx: re.Pattern[str]
    roles: dict[str, str]  # zh -> en (roles)
    qualifiers: dict[str, str]
    deeds: tuple[tuple[re.Pattern[str], str, str], ...]  # (regex, zh pattern, en)
    role_rx: re.Pattern[str]
    qualifiers_by_length: tuple[str, ...]  # qualifiers, longest first
    group_split_rx: re.Pattern[str]  # “红马甲”志愿服务队
    lead_group_rx: re.Pattern[str]  # unquoted group in the lead sentence
    group_prefix_rx: re.Pattern[str]
    place_suffixes: tuple[str, ...]  # every place_rx match contains one
    street_suffixes: tuple[str, ...]  # every street_rx match contains one


@functools.cache
def vocab() -> Vocab:
    cv = read_yaml(CODEBOOK)["care_visits"]
    with (VOCAB_DIR / "roles.csv").open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    roles = {r["zh"]: r["en"] for r in rows if r["kind"] == "role"}
    qualifiers = {r["zh"]: r["en"] for r in rows if r["kind"] == "qualifier"}
    deeds = tuple(
        (re.compile("[^，,。;；!！?？\n]{0,8}?".join(re.escape(p) for p in r["zh"].split("…"))), r["zh"], r["en"])
        for r in rows
        if r["kind"] == "deed"
    )
    quote = "[“‘\"「]"
    unquote = "[”’\"」]"
    return Vocab(
        leads=re.compile(visit_vocab.word_alternation(cv["article_leads"])),
        lead_words=tuple(w for w in sorted(cv["article_leads"], key=len, reverse=True) if w),
        volunteer_words=tuple(cv["volunteer_words"]),
        visit_verbs=tuple(cv["visit_verbs"]),
        group_rx=re.compile(f"{quote}([^“”‘’\"「」\n]{{0,15}}?(?:{visit_vocab.word_alternation(cv['group_suffixes'])})){unquote}"),
        campaign_rx=re.compile(
            f"“([^“”\n]{{2,20}})”([{_CJK}0-9]{{0,30}}?(?:{visit_vocab.word_alternation(cv['campaign_suffixes'])}))"
        ),
        editor_note=tuple(cv["editor_note"]),
        gift_rx=re.compile(f"(?:{visit_vocab.word_alternation(cv['gift_verbs'])})([^{CLAUSE_END}]{{1,40}})"),
        gift_nouns=tuple(cv["gift_nouns"]),
        gift_noun_rx=re.compile(visit_vocab.word_alternation(cv["gift_nouns"])),
        place_rx=re.compile(f"([{_CJK}]{{2,10}}?)(?:{visit_vocab.word_alternation(cv['place_suffixes'])})"),
        street_rx=re.compile(f"([{_CJK}]{{2,8}}?)(?:{visit_vocab.word_alternation(cv['street_suffixes'])})"),
        prefix_rx=re.compile(f"(?:{visit_vocab.word_alternation(cv['place_prefix_words'] + cv['street_suffixes'])})"),
        roles=roles,
        qualifiers=qualifiers,
        deeds=deeds,
        role_rx=re.compile(visit_vocab.word_alternation(roles)),
        qualifiers_by_length=tuple(sorted(qualifiers, key=len, reverse=True)),
        group_split_rx=re.compile(f"{quote}([^“”‘’\"「」\n]{{1,15}}?){unquote}({visit_vocab.word_alternation(cv['group_suffixes'])})"),
        lead_group_rx=re.compile(
            f"[{_CJK}]{{0,14}}?(?:{visit_vocab.word_alternation(cv['group_suffixes'] + cv.get('lead_group_suffixes', []))})"
        ),
        group_prefix_rx=re.compile(visit_vocab.word_alternation(cv.get("group_prefix_words") or ["的"])),
        place_suffixes=tuple(cv["place_suffixes"]),
        street_suffixes=tuple(cv["street_suffixes"]),
    )


def split_articles(clean: str) -> list[tuple[int, int]]:
    """Clean (start, end) of each article: the page cut at every lead."""
    starts = _lead_starts(clean, vocab().lead_words)
    bounds = [0] + [s for s in starts if s > 0]
    out = []
    for a, b in zip(bounds, bounds[1:] + [len(clean)]):
        while b > a and clean[b - 1] in " \n":
            b -= 1
        if b > a:
            out.append((a, b))
    return out


def _lead_starts(text: str, words: tuple[str, ...]) -> list[int]:
    """The starts of the matches of the alternation of ``words`` (longest
    first) that ``re.finditer`` gives: leftmost first, the longest word at a
    position, none inside the previous match.  Found with ``str.find`` (a
    few leads a page: cheaper than the regex scan)."""
    found = []
    for rank, w in enumerate(words):
        i = text.find(w)
        while i >= 0:
            found.append((i, rank, len(w)))
            i = text.find(w, i + 1)
    found.sort()
    out: list[int] = []
    end = 0
    for i, _, n in found:
        if i >= end:
            out.append(i)
            end = i + n
    return out


def _sentence_bounds(text: str, pos: int, breaks: list[int] | None = None) -> tuple[int, int]:
    """(start, end) of the sentence around ``pos``, its closing character
    included; ``breaks`` are the positions of the sentence ends of ``text``
    (found when not given)."""
    if breaks is None:
        breaks = [m.start() for m in _SENTENCE_RX.finditer(text)]
    k = bisect.bisect_left(breaks, pos)
    a = breaks[k - 1] + 1 if k else 0
    b = breaks[k] if k < len(breaks) else len(text)
    return a, min(b + 1, len(text))


def _strip_prefix(s: str) -> str:
    """Drop words before a place name (送到, 家住, …街道)."""
    last = None
    for m in vocab().prefix_rx.finditer(s):
        last = m
    return s[last.end() :] if last else s


def _place_and_street(clean: str, lo: int, hi: int, region_starts: list[int] | None = None
                      ) -> tuple[str | None, str | None, str | None]:
    """Place and street named in the lead ``clean[lo:hi]`` (``region_starts``:
    the clean text's ``regions.form_starts``, when the caller has them)."""
    v = vocab()
    lead = clean[lo:hi]
    street = street_code = None
    towns = regions.find_street(clean, lo, hi, region_starts)
    if towns:
        street, street_code = towns[0][2].name_zh, towns[0][2].code
    elif any(w in lead for w in v.street_suffixes):  # (no match without one: a cheap test first)
        m = v.street_rx.search(lead)
        if m:
            name = _strip_prefix(m.group(1))
            if len(name) >= 2:
                street = name + lead[m.end(1) : m.end()]
    place = None
    places = v.place_rx.finditer(lead) if any(w in lead for w in v.place_suffixes) else ()
    for m in places:
        name = _strip_prefix(m.group(1))
        if len(name) >= 2:
            place = name + lead[m.end(1) : m.end()]
            break
    return place, street, street_code


def _gifts(text: str) -> list[str]:
    out: list[str] = []
    for m in vocab().gift_rx.finditer(text):
        for item in _gift_items(m.group(1)):
            if item not in out:
                out.append(item)
    return out


@functools.lru_cache(maxsize=4096)
def _gift_items(obj: str) -> tuple[str, ...]:
    """The gifts named in the object of one gift verb, in text order
    (memoised: the same objects recur across pages, the vocabulary is fixed)."""
    v = vocab()
    out = []
    for item in _ITEM_SPLIT_RX.split(obj):
        item = _ITEM_PREFIX_RX.sub("", item).strip()
        item = _NUMBER_RX.split(item, 1)[0]
        if item and len(item) <= 12 and v.gift_noun_rx.search(item):
            out.append(item)
    return tuple(out)


@functools.lru_cache(maxsize=4096)
def _role_en(role_zh: str) -> str | None:
    """English role from the vocabulary: qualifiers in text order, then the
    last role word (区人民医院…医生 -> hospital doctor).  Memoised: roles
    recur across pages and the vocabulary is fixed."""
    v = vocab()
    roles = list(v.role_rx.finditer(role_zh))
    if not roles:
        return None
    main = roles[-1]
    head = role_zh[: main.start()]
    quals: list[tuple[int, str]] = []
    taken: list[tuple[int, int]] = []
    for q in v.qualifiers_by_length:
        n = len(q)
        i = head.find(q)
        while i >= 0:  # the non-overlapping occurrences of q
            if not any(i < b and a < i + n for a, b in taken):
                taken.append((i, i + n))
                quals.append((i, v.qualifiers[q]))
            i = head.find(q, i + n)
    words = [en for _, en in sorted(quals)] + [v.roles[main.group()]]
    return " ".join(words)


def _recipient_role(body: str, name: str | None) -> str | None:
    """What the text says the recipient is (see the module docstring)."""
    v = vocab()
    if name:
        # 1. "X是…医生。"
        # (the non-overlapping matches of name + _DESC_RX; it can only
        # match where the name is followed by 是: those are looked for)
        n = len(name)
        name_is = name + _DESC_WORD
        i = body.find(name_is)
        while i >= 0:
            m = _DESC_RX.match(body, i + n)
            if m is None:
                i = body.find(name_is, i + 1)
                continue
            i = body.find(name_is, m.end())
            desc = m.group(1)
            r = list(v.role_rx.finditer(desc))
            if r:
                end = r[-1].end()
                desc = _QUANT_RX.sub("", desc[:end])
                start = r[-1].start()
                if start > 0 and desc[start - 1] == "的":
                    desc = desc[: start - 1] + desc[start:]
                return desc
    # 2. An honour: 授予“…道德模范”(荣誉称号)
    for m in _HONOUR_RX.finditer(body):
        title = m.group(1) or m.group(2)
        title = _HONOUR_PREFIX_RX.sub("", title)
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
                for ch in CLAUSE_END + "“”‘’——、":
                    head = head.rsplit(ch, 1)[-1]
                head = _strip_prefix(head)
                for verb in v.visit_verbs:  # 看望独居老人X -> 独居老人
                    head = head.rsplit(verb, 1)[-1]
                head = head.removeprefix("了")  # (走访慰问了…职工X)
                return head.removesuffix("的") + r[-1].group()
    return None


def _object_role(lead: str) -> str | None:
    """The role word right after a visit verb in the lead, for a recipient who
    is not named (看望慰问孤寡老人 -> 孤寡老人; 为环卫工人送上 -> 环卫工人)."""
    v = vocab()
    best = None
    for verb in v.visit_verbs + ("为", "给"):
        i = lead.find(verb)
        while i >= 0:
            j = i + len(verb)
            m = v.role_rx.search(lead, j, j + 12)
            if m and not any(c in CLAUSE_END for c in lead[j : m.start()]):
                if best is None or m.start() < best[0]:
                    best = (m.start(), m.group())
                break
            i = lead.find(verb, j)
    return best[1] if best else None


def _deed(body: str) -> tuple[str, str] | None:
    best = None
    for rx, zh, en in vocab().deeds:
        m = rx.search(body)
        if m and (best is None or len(zh) > len(best[0]) or (len(zh) == len(best[0]) and m.start() < best[3])):
            best = (zh, m.group(), en, m.start())
    return (best[1], best[2]) if best else None


def _groups(text: str) -> list[str]:
    """Quoted volunteer groups in text order: “…帮帮团” and “红马甲”志愿服务队
    (the latter without its quotes)."""
    v = vocab()
    found = [(m.start(), m.group(1)) for m in v.group_rx.finditer(text)]
    found += [(m.start(), m.group(1) + m.group(2)) for m in v.group_split_rx.finditer(text)]
    return [g for _, g in sorted(found)]


def _lead_group(sentence: str) -> str | None:
    """An unquoted volunteer group in the lead sentence (南阳路社区志愿服务队,
    团县委组织青年志愿者 -> 青年志愿者)."""
    v = vocab()
    m = v.lead_group_rx.search(sentence)
    if m is None:
        return None
    name = m.group()
    last = None
    for p in v.group_prefix_rx.finditer(name):
        last = p
    if last is not None:
        name = name[last.end() :]
    return name if len(name) >= 3 else None


def _campaign(text: str, groups: set[str]) -> str | None:
    for m in vocab().campaign_rx.finditer(text):
        quoted = m.group(1)
        if quoted in groups or vocab().group_rx.fullmatch(f"“{quoted}”"):
            continue
        return f"{quoted} {m.group(2)}"
    return None


def _editor_note(clean: str) -> str:
    v = vocab()
    for word in v.editor_note:
        i = clean.find(word)
        if i >= 0:
            j = clean.find("\n", i)
            return clean[i : j if j >= 0 else len(clean)]
    return ""


def _by_first_character(names: frozenset[str]) -> dict[str, list[str]]:
    """The names grouped by their first character."""
    out: dict[str, list[str]] = {}
    for n in names:
        out.setdefault(n[:1], []).append(n)
    return out


def _not_recipients(body: str, names_by_first: dict[str, list[str]], lead_start: int, lead_end: int) -> set[str]:
    """Names of ``body`` that are no recipient: a byline's (记者 X, 作者：X,
    wherever the name stands) and the visitors', named in the lead sentence
    ``body[lead_start:lead_end]`` before its visit verb and a word of leading
    (在辅导员X老师的带领下，赴…敬老院)."""
    v = visit_vocab.vocab()
    at = visit_events._visit_at(body[lead_start:lead_end], v) if lead_start < lead_end else -1
    at = lead_start + at if at >= 0 else -1
    out = set()
    for first, group in names_by_first.items():
        if first not in body:
            continue
        for n in group:
            i = body.find(n)
            if i < 0:
                continue
            if lead_start <= i < at and _LEADING_RX.search(body, i + len(n), at):
                out.add(n)
                continue
            bylined = True
            while i >= 0 and bylined:
                bylined = _BYLINE_BEFORE_RX.search(body, max(0, i - 8), i) is not None
                i = body.find(n, i + len(n))
            if bylined:
                out.add(n)
    return out


#: Words after a visitor's name and before the visit verb (X带领…, 在X的带领下, X一行).
_LEADING_RX = re.compile("带领|带队|陪同|一行|率领|率队|组织")
_BYLINE_BEFORE_RX = re.compile(
    "(?:" + "|".join(map(re.escape, sorted(name_bylines.BYLINE_WORDS + ("作者",), key=len, reverse=True)))
    + r")[:：\s　]*$"
)


def _most_named(body: str, names_by_first: dict[str, list[str]], exclude: set[str] | frozenset[str] = frozenset()
                ) -> str | None:
    """The recipient: the private person named most often in ``body`` (ties:
    the first named, then the greater name).  ``names_by_first``: see
    :func:`_by_first_character` (a body without a first character names
    none of its names, and a one-character search is several times cheaper
    than a name's)."""
    counts = [
        (c, -body.find(n), n)
        for first, group in names_by_first.items()
        if first in body
        for n in group
        if n not in exclude and (c := body.count(n))
    ]
    return max(counts)[2] if counts else None


@dataclass(frozen=True)
class _Page:
    """What every visit row of a page reads."""

    repaired: Repaired
    note: str  # the editor's note
    note_groups: set[str]
    note_campaign: str | None
    names_by_first: dict[str, list[str]]
    sentence_breaks: list[int]
    region_starts: list[int] | None


def _visit_row(source_id: str, page: _Page, event: visit_events.VisitEvent, a: int, b: int) -> dict[str, Any]:
    """The row of one visit whose story is ``clean[a:b]``."""
    clean = page.repaired.clean
    art = clean[a:b]
    lead_pos, visit_date = event.date_pos, event.visit_date
    # The body: after the byline's closing bracket, if any.
    body_start = lead_pos - a
    close = max(art.rfind(")", 0, body_start), art.rfind("）", 0, body_start))
    body = art[close + 1 :] if close >= 0 else art
    groups = _groups(art)
    group = groups[0] if groups else (next(iter(sorted(page.note_groups)), None))
    campaign = _campaign(art, set(groups))
    if campaign is None and page.note and (not page.note_groups or group in page.note_groups):
        campaign = page.note_campaign
    body_at = b - len(body)  # (the clean offset of the body)
    lead_a, lead_b = _sentence_bounds(clean, lead_pos, page.sentence_breaks)
    lead_a = max(lead_a, event.sentence_start, body_at)
    recipient = _most_named(body, page.names_by_first,
                            _not_recipients(body, page.names_by_first, lead_a - body_at, lead_b - body_at))
    role_zh = _recipient_role(body, recipient)
    role_en = _role_en(role_zh) if role_zh else None
    deed = _deed(body)
    if deed and role_zh:
        role_zh = f"{role_zh}（{deed[0]}）"
        role_en = f"{role_en}, {deed[1]}" if role_en else deed[1]
    s1a, s1b = _sentence_bounds(clean, lead_pos, page.sentence_breaks)
    s1a = max(s1a, event.sentence_start)  # (not the headings before it, which the clean text joins to it)
    _, s2b = _sentence_bounds(clean, min(s1b, len(clean) - 1), page.sentence_breaks)
    place, street, street_code = _place_and_street(clean, s1a, s2b, page.region_starts)
    if group is None:
        group = _lead_group(clean[s1a:s2b])
    if role_zh is None:
        role_zh = _object_role(clean[s1a:s2b])
        role_en = _role_en(role_zh) if role_zh else None
    gifts = _gifts(body)
    raw_start, raw_end = page.repaired.raw_span(a, b)
    return {
        "visit_id": f"{source_id}:{raw_start}",
        "source_id": source_id,
        "visit_date": visit_date,
        "volunteer_group": group,
        "campaign": campaign,
        "recipient_role_zh": role_zh,
        "recipient_role_en": role_en,
        "place": place,
        "street": street,
        "street_code": street_code,
        "_gifts": gifts,
        "article_char_start": raw_start,
        "article_char_end": raw_end,
    }


#: The stop ordinal of a visit's id: ``source_id:article_char_start`` for its
#: first stop, then ``/2``, ``/3`` … (schemas/care_visits.json).
STOP_SEPARATOR = "/"
_LEADING_COUNT_RX = re.compile("^[0-9０-９一二三四五六七八九十百千万两几]+[多余]?(?:户|名|位|人次|人|家|个|所|批)")


def _stops(text: str, start: int, end: int, told: int, later: str, names: frozenset[str],
           breaks: list[int]) -> list[tuple[visit_stops.Stop | None, str]]:
    """The stops of the visit whose story is ``text[start:end]``, each with
    the head of its list (see :func:`visit_stops.sentence_stops`); ``None``
    stands for the one stop a story tells without a list.

    The first sentence of the story that lists stops gives them (看望了A、B和C
    家中: three; …走访慰问部分困难职工。在困难职工A、B、C的家中…: three).
    A later list adds its stops (先后到A村、B村…。还到C公司、D公司…), and so
    does a list that goes further after a visit told without one
    (``further_visit_openers``: 来到X小学…。随后…分别到A村、B村、C村: four)
    after the visit's own sentence (at ``told``).  Summaries,
    habits and plans (``not_event_words``) list none; a stop that a later visit
    of the article tells in its own sentence (随后，…赶往市福利院) is that
    visit's (not a place named there only around another: 中村 in 在中村敬老院).
    A story that goes from home to home (``visit_stops.sequence_stops``: two
    or more clauses going to a home) is one stop per clause, when every list
    it has stands inside one of those clauses."""
    v = visit_vocab.vocab()
    rx = vocab().role_rx
    sentences = []
    pos = start
    while pos < end:
        _, s1 = _sentence_bounds(text, pos, breaks)
        s1 = min(max(s1, pos + 1), end)
        sentences.append((pos, text[pos:s1]))
        pos = s1
    stops: list[tuple[visit_stops.Stop | None, str]] = [(None, "")]
    listed = False
    listed_at: list[int] = []  # (where each listed stop stands in the text)
    sequence: list[tuple[visit_stops.Stop, int, int]] = []  # (stop, its clause's start and end)
    # (one scan of the story from the visit's own sentence: its clauses never
    # cross a sentence's end; a sentence of another kind gives none)
    told_at = next((s0 for s0, sentence in sentences if s0 + len(sentence) > told), end)
    for stop, e in visit_stops.sequence_stops(text[told_at:end]):
        k = bisect.bisect_right(sentences, told_at + stop.pos, key=lambda t: t[0]) - 1
        if not v.other_story_rx.search(sentences[k][1]):
            sequence.append((stop, told_at + stop.pos, told_at + e))
    for s0, sentence in sentences:
        more = visit_stops.sentence_stops(sentence, names, rx)
        if more is None and s0 > told:
            more = visit_events.further_group(sentence, rx)
        if more is None or v.other_story_rx.search(sentence):
            continue
        # (a habit, plan or summary word before the list: 据统计，…; not the
        # 分别 of its verb, 随后…分别到X、Y、Z)
        opening = visit_stops.before_list(sentence, more[0][0].pos)
        if v.not_event_rx.search(opening):
            continue
        further = s0 > told and (sentence.lstrip(" \u3000\n“”").startswith(v.further_openers)
                                 or v.further_motion_rx.search(sentence) is not None)
        new: list[tuple[visit_stops.Stop | None, str]] = [
            (s, more[1]) for s in more[0] if all(o is None or o.item != s.item for o, _ in stops)]
        listed_at += [s0 + s.pos for s in more[0]]
        stops = new if not listed and not further else stops + new
        listed = True
    if len(sequence) >= 2 and all(any(a <= p < b for _, a, b in sequence) for p in listed_at):
        # (a story that goes from home to home, one clause each: 先来到A家中…，随后又到B家中;
        # a list inside one of its clauses names the people met at that home)
        stops = []
        for s, _, _ in sequence:
            if all(o is None or o.item != s.item for o, _ in stops):
                stops.append((s, ""))
    numbered = visit_stops.numbered_stops(text[told_at:end], names) or (
        visit_stops.ordinal_stops(text[start:end]) if "第" in text[start:end] else [])
    if numbered:
        # (1、… 陈先生\n…\n2、… 邱先生\n…: one stop per numbered person; 我们探访的第一户…。
        # 我们探访的第二户…: one stop per numbered household)
        return [(s, "") for s in numbered]
    # (a profile of one more person met, after the visit's own sentence: 小鑫宇，12岁，…;
    # not a member of the counted group the visit's sentence went to: 给四户贫困老人送上…)
    own = next((t for s0, t in sentences if s0 <= told < s0 + len(t)), "")
    counted = any(v.recipient_or_home_rx.search(own, m.end(), m.end() + 6) and not v.organisers_rx.search(
        own, m.end(), m.end() + 8) for m in visit_vocab._COUNT_RX.finditer(own))  # (四户贫困老人; not 6名志愿者)
    by_first = _by_first_character(names) if not counted else {}
    profiles: list[tuple[visit_stops.Stop | None, str]] = []
    for s0, sentence in sentences:
        if s0 <= told or counted:
            continue
        profile = visit_stops.profile_stop(sentence, by_first, text, s0)
        if profile is not None and not any(o is not None and profile.item in o.item for o, _ in stops):
            profiles.append((profile, ""))
    if not counted and "“" in text[start:end]:
        # (“谢谢你们，今天又来看我！”某某说道: a person the story visited, other than its own)
        profiles += [(s, "") for s in visit_stops.speaker_stops(text, by_first, start, end)
                     if s.item not in own and not any(o is not None and s.item in o.item for o, _ in stops + profiles)]
    for s0, sentence in sentences if not counted and v.further_motion_rx.search(text, told, end) else ():
        gone_on = visit_stops.further_motion_stop(sentence) if s0 > told else None
        if gone_on is not None and not v.other_story_rx.search(sentence) \
                and not any(o is not None and (o.item in gone_on.item or gone_on.item in o.item) for o, _ in stops):
            # (…来到某小学开展活动。…爱心人士还深入农户，…: one more stop, the homes gone on to)
            stops.append((gone_on, ""))
    if profiles and len(sequence) == 1 and stops == [(None, "")] \
            and text[sequence[0][1]:sequence[0][2]].endswith(_HOME_ENDS):
        # (首先来到A家…。特困职工B，年仅18岁…: the home the story went to, then one more person;
        # not the people met at a care home the story went to: one stop)
        stops = [(sequence[0][0], "")]
    for s0, sentence in sentences if not counted else ():
        opened = visit_stops.place_opening_stop(sentence) if s0 > told else None
        if opened is not None and not v.other_story_rx.search(sentence) \
                and not any(o is not None and (o.item in opened.item or opened.item in o.item) for o, _ in stops):
            # (…看望某村某老时…。在某村，志愿者们分头行动…: one more stop, the place the sentence opens at)
            stops.append((opened, ""))
    # (one more person, when the story already has a named stop: its list, its
    # sequence, or a person its own sentence names, not as the visitors' leader
    # (在某某行长的组织下…来到敬老院: one of the visitors); a lone profile after a
    # visit to an unnamed recipient, 看望孤寡老人。某某今年85岁…, is that recipient)
    if profiles and (len(profiles) >= 2 or any(o is not None for o, _ in stops)
                     or visit_stops.names_a_visited_person(own, names)):
        stops += profiles
    return [(s, h) for s, h in stops if s is None or not _told_later(s.item, later)] or [(None, "")]


#: How a clause going to a home ends (来到某某家中).
_HOME_ENDS = ("家", "家中", "家里")


def _told_later(item: str, later: str) -> bool:
    """Whether ``later`` (the sentences of the article's later visits) names
    the stop ``item`` itself, not a place within it (中村 in 在中村敬老院，: the
    care home is a stop of its own; the area 诸由 in 来到诸由观镇战村某某家中: a
    home in that area, named further on in the clause)."""
    sv = visit_stops.stop_vocab()
    i = later.find(item)
    while i >= 0:
        rest = later[i + len(item) : i + len(item) + _AROUND_WINDOW]
        rest = rest[: next((k for k, c in enumerate(rest) if c in _ITEM_END), len(rest))]
        own_home = rest.removeprefix("的").startswith(sv.homes)  # (某某（的）家中: the stop's home)
        if not later.startswith(sv.places, i + len(item)) and (own_home or not any(
                rest.find(w, 1) > 0 for w in sv.places + sv.homes)):
            return True
        i = later.find(item, i + 1)
    return False


#: What ends the item of a list or its clause (郭家村、王家村: the next item is no place within the first).
_ITEM_END = CLAUSE_END + "、和及与"
#: How far after a stop's name a later sentence may name a finer place within
#: it (诸由观镇战村…家中 after the area 诸由: a home in that area, not the area).
_AROUND_WINDOW = 20


def _stop_role(stop: visit_stops.Stop, head: str) -> str | None:
    """The role of the people visited at ``stop``: the words its item gives
    before the name (困难党员蒋林 -> 困难党员), else its list's head (A、B
    等五户贫困妇女 -> 贫困妇女), else None (the visit's role)."""
    if stop.role:
        return stop.role
    head = _LEADING_COUNT_RX.sub("", head.strip())
    r = list(vocab().role_rx.finditer(head))
    return head[: r[-1].end()] if r else None


def _stop_rows(row: dict[str, Any], stops: list[tuple[visit_stops.Stop | None, str]]) -> list[dict[str, Any]]:
    """One row per stop of the visit ``row`` (the row itself for one stop):
    the same story, organiser, date and gifts; the stop's own role where its
    list gives one; ids ``…/2``, ``…/3`` after the first."""
    if len(stops) < 2:
        return [row]
    out = []
    for k, (stop, head) in enumerate(stops, start=1):
        r = dict(row, _gifts=list(row["_gifts"]))
        if k > 1:
            r["visit_id"] = f"{row['visit_id']}{STOP_SEPARATOR}{k}"
        role = _stop_role(stop, head) if stop is not None else None
        if role:
            r["recipient_role_zh"], r["recipient_role_en"] = role, _role_en(role)
        out.append(r)
    return out


def derive_visits(source_id: str, repaired: Repaired, dates: list[DateMention], names: frozenset[str],
                  sentence_breaks: list[int] | None = None, region_starts: list[int] | None = None,
                  issue_day: dt.date | None = None) -> list[dict]:
    """The care-visit rows of one page (masked).  ``sentence_breaks``: the
    offsets of the clean text's sentence ends, when the caller has them
    (``etl.semantic.page_index.PageIndex.sentence_breaks``); ``region_starts``: the
    clean text's ``regions.form_starts``, likewise (the street is looked up
    in the lead); ``issue_day``: the page's issue date when known to the day
    (it dates 昨日 and a day told without its month, 23日上午)."""
    v = vocab()
    clean = repaired.clean
    note = _editor_note(clean)
    note_groups = {m.group(1) for m in v.group_rx.finditer(note)}
    # (the clean text with its headings set apart, offsets unchanged: a day
    # named relative to the article's (昨天下午，…) opens its paragraph there)
    text = visit_headers.structure(repaired)
    day_dates = sorted(
        [(clean_span(repaired, d)[0], d) for d in dates if d.granularity == "day"
         and not (d.resolution == "relative" and visit_days.glossed(clean, clean_span(repaired, d)[1]))]
        + [(start, DateMention(-1, -1, clean[start:end], "day", day, day, "relative", start, end))
           for start, end, day in visit_days.relative_day_mentions(text, issue_day)
           + visit_days.lost_month_mentions(clean, issue_day)],
        key=lambda t: t[0],
    )
    weekdays = visit_days.weekday_mentions(text, day_dates)
    if weekdays:
        day_dates = sorted(day_dates + [(start, DateMention(-1, -1, clean[start:end], "day", day, day, "relative",
                                                           start, end)) for start, end, day in weekdays],
                           key=lambda t: t[0])
    names_by_first = _by_first_character(names)
    if sentence_breaks is None:
        sentence_breaks = [m.start() for m in _SENTENCE_RX.finditer(clean)]
    page = _Page(repaired, note, note_groups, _campaign(note, note_groups) if note else None, names_by_first,
                 sentence_breaks, region_starts)
    rows: list[dict[str, Any]] = []
    articles = split_articles(clean)
    for k, (a, b) in enumerate(articles):
        if k + 1 < len(articles) and visit_headers.is_header(clean[a:b]):
            continue  # (the title, captions and dateline before an article's lead: no story)
        events = visit_events.find_events(text, a, b, day_dates, issue_day)
        for n, event in enumerate(events):
            # A visit's story: from the article's start (its first visit) or
            # its own paragraph, to the next visit's paragraph.
            end = events[n + 1].paragraph_start if n + 1 < len(events) else b
            row = _visit_row(source_id, page, event, a if n == 0 else event.paragraph_start, end)
            later = "".join(text[e.sentence_start : _sentence_bounds(text, e.sentence_start, sentence_breaks)[1]]
                            for e in events[n + 1 :])
            rows += _stop_rows(row, _stops(text, a if n == 0 else event.paragraph_start, end, event.sentence_start,
                                           later, names, sentence_breaks))
    # Names masked in the free texts of all the rows at once (one pass
    # instead of one per row); empty texts become None.
    # The gifts (a list per visit) are masked in the same pass.
    masked = iter(name_masking.mask_many(
        [row[key] for row in rows for key in _MASKED] + [gift for row in rows for gift in row["_gifts"]], names
    ))
    for row in rows:
        for key in _MASKED:
            row[key] = next(masked) or None
    for row in rows:
        row["_gifts"] = [next(masked) for _ in row["_gifts"]]
    return rows


def visit_gift_rows(visits: list[dict]) -> list[dict]:
    """The ``visit_gifts`` rows of a page's visit rows (one per gift, in
    text order: ``position`` from 1), taking the private key ``_gifts`` out
    of each visit row."""
    return [
        {"visit_id": row["visit_id"], "position": position, "gift": gift, "source_id": row["source_id"]}
        for row in visits
        for position, gift in enumerate(row.pop("_gifts"), start=1)
    ]


#: The columns of a visit row that may contain a name (the gifts too).
_MASKED = ("volunteer_group", "campaign", "recipient_role_zh", "place", "street")
