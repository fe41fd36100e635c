"""The stops of a care visit: a visit is one stop, and a list of homes,
named persons, schools, care homes, villages or workplaces after a visit verb
or a verb of going (看望了A、B和C家中; 先后到敬老院和A、B家中; 分别走进X、Y、Z)
is one visit per item (``sentence_stops``; the vocabulary of stops:
``schemas/vocab/visit_stops.csv``); gifts, the visitors' own names, regions
and groups (困难职工和困难群众, 部分困难职工) are no list of stops; a count
closing a list counts its items (A、B和C 3个村子: three); a vague group at a
named place (某社区多名独居老人) is that place's stop.  A story that goes from
home to home, one clause each (先来到A家中…，随后又到B家中; 首先来到某村看望
某大伯), is one stop per clause (``sequence_stops``).

Round 7: a list whose closing count equals its items (A、B、C、D 4位…老人;
A、B和C三处镇区) is that many stops, each item one, whatever it is; places
before the possessive that opens a list of persons (A、B街道的甲、乙) are where
they live, no stops; visitors that split into groups (``split`` words of the
vocabulary: 分成5组, 兵分三路) make a stop of each named area they go to
(分别来到A街道、B镇), not of every one of a kind (各乡镇: ``every``).  A story
that numbers its stops (第一户…第二户: ``ordinal_stops``), a sentence whose
visitors go on to further homes (爱心人士还深入农户: ``further_motion_stop``),
a person first named thanking the visitors for coming (“…今天又来看我！”某某说
道: ``speaker_stops``) and the entries of a numbered list alike to those
naming persons (``numbered_stops``) are stops too.

Split out of ``etl.semantic.visit_events`` (which sentences tell a visit, and
the day of each; it asks ``_goes_to_places`` whether 分别 before a list of
places is one party's stops, and keeps ``further_group``, a sentence that goes
on to visit a group).  The visit vocabulary is ``etl.semantic.visit_vocab``.
"""

from __future__ import annotations

import csv
import functools
import re
from dataclasses import dataclass

from etl.extract.rules import VOCAB_DIR, read_yaml
from etl.semantic.codebook import CODEBOOK
from etl.semantic.visit_vocab import _COUNT_RX, VisitVocab, _alternation, vocab, word_alternation


# ---------------------------------------------------------------------------
# Stops: a care visit is one stop (tests/data/realpages/SPEC.md).  Each home,
# named person, school, care home, village, community or workplace the text
# says the visitors went to is one visit: 看望了A、B和C家中 are three visits,
# 先后到敬老院和A、B家中 three, 分别走进X、Y、Z three.  The vocabulary of
# stops is ``schemas/vocab/visit_stops.csv``.

#: A count opening a list item (60多家企业, 423户困难职工): a group, no place.
_LEADING_COUNT_RX = re.compile("^" + _COUNT_RX.pattern + "的?")
#: A count closing a list, of its items (A、B和C 3个村子, A和B两所学校): the list's head.
_TOTAL_AFTER_LIST_RX = re.compile("[0-9０-９一二三四五六七八九十两]+(?:个|所|户|家|位|名)[\u4e00-\u9fff]{1,4}$")
#: A count after the last item of a list (莫义秀4位90岁以上; 高新区三处镇区): see ``_count_of_items``.
_ITEM_COUNT_RX = re.compile("([0-9]{1,2}|[一二三四五六七八九十两]{1,3})(?:位|名|户|个|家|所|处)")
_CN_DIGITS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}


def _count_of_items(last: str, n: int) -> int | None:
    """Where a count of ``n`` (the list's number of items) starts in the list's
    last item ``last`` after its own words (莫义秀4位…: 3), or None."""
    m = _ITEM_COUNT_RX.search(last, 1)
    if m is None:
        return None
    return m.start() if _numeral(m.group(1)) == n else None


def _numeral(digits: str) -> int:
    """The value of a small number written in digits or Chinese (3, 三, 十二)."""
    if digits.isdigit():
        return int(digits)
    if len(digits) == 1:
        return _CN_DIGITS[digits]
    if digits[0] == "十":
        return 10 + _CN_DIGITS.get(digits[1:], 0)
    return _CN_DIGITS[digits[0]] * 10 + (_CN_DIGITS.get(digits[2:], 0) if len(digits) > 2 else 0)


#: Places that open a list before a possessive (A、B街道的甲、乙: up to the 的).
_WHERE_BEFORE_LIST_RX = re.compile("([^的，,。；;]{2,30}?)的")

#: What joins the stops of a list (以及 before 及).
_STOP_SPLIT_RX = re.compile("以及|、|和|及|与")
#: Where a list of stops ends: its clause's end.
_STOP_CLAUSE_END = "，,。；;：:！!？?\n（(“\""
_STOP_CLAUSE_END_RX = re.compile("[%s]" % re.escape(_STOP_CLAUSE_END))
#: Words that end a list of stops before its clause does (what is done there,
#: for whom: 先后到A村、B村走访慰问; 到A、B开展活动; 到A、B，对…进行慰问).
_STOP_LIST_STOPPERS = ("开展", "进行", "举办", "举行", "对", "为", "给", "向", "送", "带去", "看望", "慰问",
                       "走访", "探望", "拜访", "探访", "了解", "参加", "调研")
#: What may open a list after its verb (了, 先后…, a possessive of the page's place).
_STOP_LIST_LEAD = ("了", "我县", "我市", "我区", "我镇", "该县", "该市", "该区", "该镇", "该乡", "本县", "本市", "本镇")


@dataclass(frozen=True)
class Stop:
    """One stop of a visit: the item of the list as written (``item``: never
    published, it may hold a name), the role it gives the person(s) visited
    there (the words before the name: 困难党员蒋林 -> 困难党员; empty when
    it gives none) and its position in the sentence (clean offset)."""

    item: str
    role: str
    pos: int


@dataclass(frozen=True)
class StopVocab:
    list_verbs_rx: re.Pattern[str]  # a verb before a list of stops
    home_verbs: tuple[str, ...]  # 在…家中
    homes: tuple[str, ...]  # longest first
    places: tuple[str, ...]  # longest first
    alone: frozenset[str]  # places that are a stop without a name (敬老院, 城区)
    regions: tuple[str, ...]  # longest first
    place_rx: re.Pattern[str]
    every: tuple[str, ...]  # 各, 全, 所有: every one of its kind, no named stop
    generic: tuple[str, ...]  # 农村, 乡村: a kind of place, no named one
    split_rx: re.Pattern[str]  # 分成5组, 兵分三路: the visitors split into groups
    ordinal_rx: re.Pattern[str]  # 第一户, 第二站: a numbered stop


#: What may stand before a list's verb (先后到…, 分别走进…).
_LIST_VERB_ADVERBS = ("先后", "分别", "还", "又", "再", "也")


def _list_verbs_rx(verbs: tuple[str, ...]) -> re.Pattern[str]:
    """``(?:先后|分别|…)?(?:verb|…)了?``, written as one alternative per
    adverb and then the bare verbs, each opening with a literal (the same
    alternatives in the same order), so the regex engine skips ahead to a
    possible first character instead of trying every position."""
    alts = word_alternation(verbs)
    return re.compile("|".join(
        [re.escape(a) + "(?:" + alts + ")了?" for a in _LIST_VERB_ADVERBS]
        + [re.escape(w) + "了?" for w in sorted(verbs, key=len, reverse=True)]))


@functools.cache
def stop_vocab() -> StopVocab:
    with (VOCAB_DIR / "visit_stops.csv").open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))

    def kind(k: str) -> tuple[str, ...]:
        return tuple(sorted((r["word"] for r in rows if r["kind"] == k), key=len, reverse=True))

    v = vocab()
    cb = read_yaml(CODEBOOK)["care_visits"]
    gift_verbs = set(cb.get("gift_verbs") or ())
    # (the visit verbs that go to someone, not the gift verbs: 送去米、面、油 lists gifts)
    verbs = tuple(w for w in v.event_verbs + v.motion_verbs if w not in gift_verbs) + kind("list_verb")
    return StopVocab(
        list_verbs_rx=_list_verbs_rx(verbs),
        home_verbs=kind("home_verb"), homes=kind("home"), places=kind("place") + kind("place_alone"),
        alone=frozenset(kind("place_alone")), regions=kind("region"),
        place_rx=_alternation(kind("place") + kind("place_alone")),
        every=kind("every"), generic=kind("generic_place"),
        split_rx=re.compile(f"(?:{_alternation(kind('split')).pattern})[0-9一二三四五六七八九十两]{{1,3}}个?"
                            f"(?:{_alternation(kind('split_unit')).pattern})"),
        ordinal_rx=re.compile(f"第([一二三四五六七八九十]{{1,3}}|[0-9]{{1,2}})(?:{_alternation(kind('ordinal_unit')).pattern})"),
    )


@functools.cache
def whole_region_rx() -> re.Pattern[str]:
    """The people of every place of a kind or of a whole region (全区, 各乡镇, 所有村):
    a campaign's, told as a summary, never one visit's stop."""
    sv = stop_vocab()
    return re.compile(f"(?:{'|'.join(map(re.escape, sv.every))})(?:{'|'.join(map(re.escape, sv.regions + ('村',)))})")


#: A pseudonym's note (小雨（化名）): the words before it name a person.
_PSEUDONYM_RX = re.compile("[（(]化名[）)]")
#: What stands for the note in a list of stops (same length, no clause end).
PSEUDONYM_MARK = "\u3006"


def _stop_kind(item: str, names: frozenset[str] | set[str], role_rx: re.Pattern[str], sv: StopVocab
               ) -> tuple[str, str] | None:
    """What a list item is: ("person", role) when it names a person of the
    page (the role: the words before the name that end with a role word),
    ("place", role) when it names a place (ends with a place word, or a place
    word then the role of the people there: 敬老院孤寡老人), ("group", "")
    for role words only (困难职工: the people of no named place), else None
    (a region, gifts, anything else: not a list of stops)."""
    if not item:
        return None
    if item.endswith(PSEUDONYM_MARK) and len(item.rstrip(PSEUDONYM_MARK)) >= 1:
        # (留守儿童小雨（化名）: a person; the role the words before the name give)
        r = [m for m in role_rx.finditer(item.rstrip(PSEUDONYM_MARK)) if m.end() < len(item.rstrip(PSEUDONYM_MARK))]
        return ("person", item[: r[-1].end()] if r and _COUNT_RX.search(item[: r[-1].end()]) is None else "")
    at = min((i for n in names if (i := item.find(n)) >= 0), default=-1)
    if at >= 0:
        head = item[:at]
        r = list(role_rx.finditer(head))
        role = head if r and r[-1].end() == len(head) and _COUNT_RX.search(head) is None else ""
        return ("person", role)
    m = None
    for m in sv.place_rx.finditer(item):
        pass
    if m is not None:
        rest = item[m.end():]
        # (县中心敬老院; 敬老院, 城区; not 社区 alone, nor 农村 or 某县农村: a kind of place)
        named = (m.start() > 0 and not _generic_place(item[: m.end()], sv)) or m.group() in sv.alone
        if not rest and named:
            return ("place", "")
        rest = _LEADING_COUNT_RX.sub("", rest)
        if rest and named and role_rx.search(rest) and not rest.endswith(sv.regions):
            return ("place", rest)  # (敬老院孤寡老人; 东坪村60户贫困户)
    if any(item.endswith(w) for w in sv.regions):
        return None
    if role_rx.search(item) and len(item) <= 12:
        return ("group", "")
    return None


def _generic_place(stem: str, sv: StopVocab) -> bool:
    """Whether ``stem`` (a list item up to its place word) is a kind of place
    (农村, 乡村), alone or after the region it lies in (某县农村): no named stop."""
    return any(stem == g or stem.endswith(g) and stem[: -len(g)].endswith(sv.regions) for g in sv.generic)


def _list_of_stops(text: str, at: int, end: int, names: frozenset[str] | set[str], role_rx: re.Pattern[str],
                   sv: StopVocab, v: VisitVocab, homes_only: bool = False, split: bool = False
                   ) -> tuple[list[Stop], str] | None:
    """The stops of the list ``text[at:end]`` (after a verb of visiting or
    going) and what follows its 等 (the list's head: 等五户贫困学生), or None
    when it is no list of stops: fewer than two items, an item that is none
    (a region, a gift), none that names a place or a person (困难职工和困难
    群众: one group), a count in an item (走访60多家企业和423户职工: a
    summary), or a vague part of a whole (部分困难职工、特困户).

    A list the text counts (A、B、C、D 4位老人; A、B和C三处镇区) names as
    many stops as its count: each item is one, whatever it is (a person the
    page's names miss, a town).  Places before a possessive that opens the
    list (A、B街道的甲、乙、丙: where the persons live) are no stops of their
    own.  ``split``: the visitors split into groups before the list (分成5组
    分别来到A街道、B镇): each named area is one group's stop."""
    chunk = text[at:end]
    for w in _STOP_LIST_LEAD:
        if chunk.startswith(w):
            chunk, at = chunk[len(w):], at + len(w)
    where = _WHERE_BEFORE_LIST_RX.match(chunk) if "的" in chunk else None
    if where is not None and _STOP_SPLIT_RX.search(chunk, where.end()) \
            and where.group(1).endswith(sv.regions + sv.places):
        # (A、B街道的甲、乙、丙: the list of persons after the places they live in)
        chunk, at = chunk[where.end():], at + where.end()
    head = ""
    k = chunk.find("等")
    if k >= 0:
        chunk, head = chunk[:k], chunk[k + 1:]
    parts: list[tuple[int, str]] = []
    pos = 0
    for m in _STOP_SPLIT_RX.finditer(chunk):
        parts.append((at + pos, chunk[pos:m.start()]))
        pos = m.end()
    parts.append((at + pos, chunk[pos:]))
    if len(parts) < 2:
        return None
    p, last = parts[-1]
    counted = _count_of_items(last, len(parts))
    if counted is not None and not head:
        # (A、B、C、D 4位90岁以上的高龄老人: the count of the list's items; what follows, its head)
        head, last = last[counted:], last[:counted]
        home = False
    else:
        counted = None
        # The last item may carry what its list shares: A、B的家中, A、B的两名儿童.
        home = False
        for w in sv.homes:
            if last.endswith(w) and len(last) > len(w) and not last.endswith(sv.places):  # (not 留守儿童之家)
                last, home = last[: -len(w)], True
                break
        d = last.rfind("的")
        if d > 0:
            head = last[d + 1:] + head
            last = last[:d]
        total = _TOTAL_AFTER_LIST_RX.search(last)
        if total is not None and total.start() >= 2 and not head:
            # (A、B和C 3个村子: the count of the list's items, its head)
            head, last = last[total.start():], last[: total.start()]
    parts[-1] = (p, last)
    if homes_only and not (home or head.startswith(sv.homes) or head.endswith(sv.homes)):
        return None
    # 等…工作现场, 等14个村委会: the items are places of the head's kind.
    head_place = head.rstrip().endswith(sv.places)
    stops = []
    named = False
    for p, item in parts:
        item = item.strip()
        verb = sv.list_verbs_rx.match(item)
        if verb is not None and verb.end() < len(item):
            # (走访特困供养户A、慰问老党员B: an item with a visit verb of its own)
            p, item = p + verb.end(), item[verb.end():]
        for w in sv.homes:  # (A家、B家; not 留守儿童之家, a place)
            if item.endswith(w) and len(item) > len(w) + 1 and not item.endswith(sv.places):
                item = item[: -len(w)]
                break
        # (a count opens a group: 60多家企业 names no place, 423户困难职工 is a group)
        item = _LEADING_COUNT_RX.sub("", item)
        kind = _stop_kind(item, names, role_rx, sv)
        if kind is None and head_place and len(item) >= 2:
            kind = ("of_head", "")
        if kind is None and len(item) >= 2 and not item.startswith(sv.every) and (
                counted is not None or (split and item.endswith(sv.regions) and len(item) > 2)):
            # (a counted item; a named area one group of a split party went to; not 各乡镇: every one)
            kind = ("place", "")
        if kind is None:
            return None
        vague = v.introduction_rx.search(item)
        if vague and not (kind[0] == "place" and vague.start() >= len(item) - len(kind[1])):
            return None  # (部分困难职工: a vague part of a whole; not 某社区多名独居老人, at a named place)
        # (a list the text counts, A、B、C 3个村: each item is one stop, whatever it is)
        named = named or kind[0] in ("place", "person") or counted is not None
        stops.append(Stop(item, kind[1], p))
    # (等…工作现场 makes workplaces of items named with a place word of their own
    # beside them: 灯管所、燃气公司等…现场; not of a list of trades: 环卫、交通等…现场)
    if not named or len({s.item for s in stops}) < len(stops):
        return None
    return stops, head


def before_list(sentence: str, pos: int) -> str:
    """What ``sentence`` says before the verb of the list that starts at ``pos``."""
    prefix = sentence[:pos]
    last = None
    for m in stop_vocab().list_verbs_rx.finditer(prefix):
        last = m
    return prefix[: last.start()] if last is not None else prefix


def _list_end(text: str, at: int) -> int:
    """Where the list that starts at ``at`` ends: its clause's end, or a word
    that tells what was done there (开展, 对…, 为…)."""
    e = _STOP_CLAUSE_END_RX.search(text, at)
    end = e.start() if e is not None else len(text)
    m = _STOPPERS_RX.search(text, at, end)  # (not a verb opening an item of the list: 走访A、慰问B)
    return m.start() if m is not None else end


#: The first of ``_STOP_LIST_STOPPERS`` not right after a list's 、.
_STOPPERS_RX = re.compile("(?<!、)(?:" + "|".join(map(re.escape, sorted(_STOP_LIST_STOPPERS, key=len, reverse=True))) + ")")


_NO_ROLE_RX = re.compile("(?!)")


def _goes_to_places(text: str, at: int) -> bool:
    """Whether a verb of going at ``at`` (with its 先后, 分别 …) is followed by
    a list of two or more named places (no roles or names needed)."""
    sv = stop_vocab()
    m = sv.list_verbs_rx.match(text, at)
    return m is not None and _list_of_stops(
        text, m.end(), _list_end(text, m.end()), frozenset(), _NO_ROLE_RX, sv, vocab(),
        split=sv.split_rx.search(text, 0, at) is not None) is not None


def sentence_stops(text: str, names: frozenset[str] | set[str], role_rx: re.Pattern[str]
                   ) -> tuple[list[Stop], str] | None:
    """The stops a sentence lists after a verb of visiting or going
    (看望了A、B和C家中; 先后到敬老院和A、B家中; 分别走进X、Y、Z; 在A、B的家中),
    with the list's head (what follows its 等), or None when it lists none
    (one stop, or a group).  Several lists: their stops in text order."""
    sv, v = stop_vocab(), vocab()
    found: list[Stop] = []
    head = ""
    if "化名" in text:  # (小雨（化名）、乐乐（化名）: persons, the bracket no clause end)
        text = _PSEUDONYM_RX.sub(PSEUDONYM_MARK * 4, text)
    split_at = -1
    lists: list[list[Stop]] = []  # (each list verb's stops)
    for m in sv.list_verbs_rx.finditer(text):
        org = v.organisers_rx.match(text, m.start())
        if org is not None and org.end() > m.end():
            continue  # (慰问组, 慰问团: the visitors' name)
        if split_at < 0:
            found_split = sv.split_rx.search(text)  # (once a sentence: where its visitors split, if they do)
            split_at = found_split.end() if found_split is not None else len(text) + 1
        got = _list_of_stops(text, m.end(), _list_end(text, m.end()), names, role_rx, sv, v,
                             split=split_at <= m.start())
        if got:
            if lists and _people_of_the_places(text, lists[-1], got[0]):
                # (分别来到A村、B村慰问C及D两位老人: one person at each place, two stops; the
                # people's head, 两位老人, is the recipients')
                head = head or got[1]
                continue
            lists.append(got[0])
            found += got[0]
            head = head or got[1]
    for w in sv.home_verbs:  # 在A、B、C的家中
        i = text.find(w)
        while i >= 0:
            e = _STOP_CLAUSE_END_RX.search(text, i + 1)
            end = e.start() if e is not None else len(text)
            got = _list_of_stops(text, i + len(w), end, names, role_rx, sv, v, homes_only=True)
            if got:
                found += got[0]
                head = head or got[1]
            i = text.find(w, end)
    if not found:
        return None
    out: list[Stop] = []
    for s in sorted(found, key=lambda s: s.pos):
        if all(s.item != o.item for o in out):
            out.append(s)
    return out, head


#: A count of people right after a list (C及D两位百岁老人).
_PEOPLE_COUNT_RX = re.compile("([0-9一二两三四五六七八九十]+)(?:位|名)")

_SMALL_NUMBERS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}


def _people_of_the_places(text: str, places: list[Stop], people: list[Stop]) -> bool:
    """Whether ``people``, a list after a list of ``places`` in one sentence,
    counts as many people as there are places (分别来到A村、B村慰问C及D两位老人): the
    people met one at each place, not stops of their own."""
    if len(people) != len(places) or len(places) < 2:
        return False
    last = people[-1]
    at = text.find(last.item, last.pos) + len(last.item)
    m = _PEOPLE_COUNT_RX.match(text, at)
    if m is None:
        return False
    n = m.group(1)
    return (int(n) if n.isdigit() else _SMALL_NUMBERS.get(n)) == len(people)


# ---------------------------------------------------------------------------
# A sequence of stops: a story that goes from home to home, one clause each
# (先来到A家中…，随后又到B家中…。还分别来到其他老人家中; 首先…来到了A奶奶家里…。
# 接着我们来到了B奶奶家…。最后…去了C家).  Each clause that goes (来到, 又到,
# 去了 …) to a home is one stop; a home of a counted group (来到6户老人家中:
# the lead's announcement of the homes told after it) is none.

#: A verb of going, then what it goes to, up to a home word, in one clause.
_SEQUENCE_STOP_RX = re.compile(
    "(?:来到|走进|走入|前往|去了|到了|又到|再到|还到|先到|后到|赶到|赶往)了?"
    "([^，,。；;！!？?：:\n“”]{1,24}?)(?:的家中|的家里|的家|家中|家里|家)(?![庭人属长乡园属电门族])"
)


#: A count of households (6户老人家中, 十余个家庭): the homes of a summary, no stop.
_HOUSEHOLDS_RX = re.compile("[0-9０-９一二三四五六七八九十百千两几多]+[多余]?(?:户|个家庭)")


#: …or to a named place, to visit someone there (首先来到某村看望某大伯; not 走进山村探访…).
_SEQUENCE_PLACE_RX = re.compile(
    "(?:来到|走进|走入|前往|去了|到了|又到|再到|还到|先到|后到|赶到|赶往)了?"
    "([^，,。；;！!？?：:\\n“”]{2,12}?(?:村|社区|小区|敬老院|养老院|福利院|学校|小学|中学))"
    "(?:看望|探望|慰问|拜访|探访)了?([^，,。；;！!？?：:\\n“”]{1,12})"
)


def sequence_stops(sentence: str) -> list[tuple[Stop, int]]:
    """The stops of a story (or one of its sentences) that goes from home to home (see
    above), in text order, each with where its clause ends: one per clause
    that goes to a home named by its owner or by a group with no count of
    households (其他老人家中: the group's one stop; A与B两位老人家里: the
    people met at one home); the item is what the clause names before the
    home word."""
    v = vocab()
    out: list[tuple[Stop, int]] = []
    found = sorted([(m.start(1), m.end(), m.group(1)) for m in _SEQUENCE_STOP_RX.finditer(sentence)]
                   + [(m.start(1), m.end(), m.group(1) + m.group(2)) for m in _SEQUENCE_PLACE_RX.finditer(sentence)])
    for start, end, item in found:
        item = item.strip()
        if _HOUSEHOLDS_RX.search(item) or v.introduction_rx.search(item) or item.endswith(("我们", "我", "你")):
            continue  # (6户老人家中: a summary; 部分老人家中: a vague part of a whole)
        if all(start >= e or end <= o.pos for o, e in out):  # (one stop a clause)
            out.append((Stop(item, "", start), end))
    return out


# ---------------------------------------------------------------------------
# A profile of one more person visited: after the visit's own sentence, a
# sentence that opens with a private person the page has not named before
# (小鑫宇，12岁，…; 自由村裘爷爷是一位80多岁的独臂老人; 现年已106岁高龄的某某老人…)
# tells one more stop of the story: the person met there.

#: How far into a sentence a profile's person may be named (characters).
PROFILE_WINDOW = 16
#: What follows a profile's name: a comma, 是, an age, a role of the elderly or a child.
_PROFILE_AFTER_RX = re.compile("[，,（(]|(?:一直|也|就|已经|今年)?是|[0-9０-９]|老人|奶奶|爷爷|大爷|大娘|阿姨|妈妈|大伯|同学|小朋友")
#: The visitors going to the home of the person the sentence opens with (某某不久前住院，当慰问组来到她家中).
_THEIR_HOME_RX = re.compile("(?:来到|走进|走入|前往|赶到|到)(?:她|他)(?:的)?家")
#: What may not stand before a profile's name (a verb or speech: the name is in a clause of its own).
_PROFILE_NOT_BEFORE = ("说", "表示", "讲", "问", "告诉", "和", "与", "跟", "为", "给", "向", "帮", "让", "带", "陪",
                       # (我每周都会去某某老人家中: the speaker's own doings toward the person)
                       "我",
                       # (a clause before the name: 干完活后，大家…; the sentence opens with no person)
                       "，", ",")


def _inside_quote(page: str, at: int) -> bool:
    """Whether ``page[at]`` stands inside a quote opened earlier in its
    paragraph (“节日快乐！某叔，我们来看看您”: someone's words address the person
    the visitors are with, no other person met).  (A paragraph may be joined
    to the one before: the quote closed before ``at`` is closed.)"""
    para = page.rfind("\n", 0, at) + 1
    return page.rfind("“", para, at) > page.rfind("”", para, at)


def profile_stop(sentence: str, names_by_first: dict[str, list[str]], page: str, at: int) -> Stop | None:
    """The person a sentence (at ``at`` in ``page``) opens with, as one more
    stop (see above), or None: the name stands within ``PROFILE_WINDOW``
    characters of the sentence's start, after no visit verb, verb of going,
    organiser word or speech, and is followed by a comma, 是, an age or a
    role word; and the page before the sentence does not name it.
    ``names_by_first``: the page's private names by their first character."""
    v = vocab()
    opening = sentence.lstrip(" \u3000\n“”\"'")
    skip = len(sentence) - len(opening)
    head = opening[:PROFILE_WINDOW]
    best = None
    for k, c in enumerate(head):
        for n in names_by_first.get(c, ()):
            if head.startswith(n, k) and (best is None or len(n) > len(best[1])):
                best = (k, n)  # (the longest name there)
        if best is not None:
            break
    if best is None:
        return None
    i, n = best
    before = opening[:i]
    if v.event_or_motion_rx.search(before) or v.organisers_rx.search(before) or any(w in before for w in _PROFILE_NOT_BEFORE) \
            or v.not_event_rx.search(before) \
            or _inside_quote(page, at + len(sentence) - len(sentence.lstrip(" \u3000\n”\"'"))):
        return None
    if _PROFILE_AFTER_RX.match(opening, i + len(n)) is None and _THEIR_HOME_RX.search(opening, i + len(n)) is None \
            or page.find(n, 0, at) >= 0:
        return None
    return Stop(opening[: i + len(n)], "", skip + i)


# ---------------------------------------------------------------------------
# Numbered entries: a report that numbers the persons visited, one entry each
# (1、… 陈先生 \n 老人生病住院… \n 2、… 邱先生 \n …), tells one stop per entry.

#: A numbered entry's line: its number, then its heading (a code, a name).
_ENTRY_RX = re.compile("(?m)^[ \u3000]*(?:[0-9]{1,2}|[一二三四五六七八九十]{1,3})[、.．]([^\n，,。；;：:！!？?]{1,30})")


#: The longest heading of a numbered entry that may stand for a person (characters).
ENTRY_HEADING_CHARS = 20
#: What a heading's shape keeps: its code's letters and signs (LYCTZL-), not its digits or words.
_ENTRY_SHAPE_RX = re.compile(r"[0-9０-９\s]+")


def _entry_shape(heading: str) -> tuple[str, str]:
    """A numbered entry's heading as a shape: its code without digits (the
    letters and signs before the person) and its address word (先生/女士 …)."""
    h = _ENTRY_SHAPE_RX.sub("", heading)
    m = vocab().entry_address_rx.search(h)
    code = re.match(r"[A-Za-z\-_/#]*", h)
    return (code.group() if code else "", m.group() if m else "")


def numbered_stops(text: str, names: frozenset[str] | set[str]) -> list[Stop]:
    """The stops of a story told as numbered entries (see above), one per
    entry whose heading (its line up to a clause's end) names a private
    person before any organiser word or verb of visiting (not 1、志愿者某某
    带领…), in text order; none unless two or more do.  Then every other
    entry of the same shape (its code and its address word: LYCTZL-002 某先生
    beside LYCTZL-001 陈先生) is one too, though the page's names miss it."""
    v = vocab()
    out = []
    others = []  # (entries alike that name no person the page's names know: LYCTZL-002 某先生)
    for m in _ENTRY_RX.finditer(text):
        heading = m.group(1)
        at = min((i for n in names if (i := heading.find(n)) >= 0), default=-1)
        if at >= 0 and not v.organisers_rx.search(heading, 0, at) and not v.event_or_motion_rx.search(heading, 0, at):
            out.append(Stop(heading[: at + max(len(n) for n in names if heading.startswith(n, at))], "", m.start(1)))
        elif at < 0 and len(heading) <= ENTRY_HEADING_CHARS and not v.organisers_rx.search(heading) \
                and not v.event_or_motion_rx.search(heading) and _ENTRY_SHAPE_RX.sub("", heading):
            others.append((Stop(heading, "", m.start(1)), _ENTRY_SHAPE_RX.sub("", heading)))
    if len(out) < 2:
        return []
    # (the entries of one list are alike: another entry whose heading has the shape
    # of the named ones, a code and a person, is one more stop)
    shapes = {shape for s in out if (shape := _entry_shape(s.item))[1]}  # (with an address word: a person)
    out += [s for s, _ in others if _entry_shape(s.item) in shapes]
    return sorted(out, key=lambda s: s.pos)


# ---------------------------------------------------------------------------
# Numbered stops: a story that counts its stops (我们探访的第一户老人叫某某…。
# 我们探访的第二户老人叫某某; 第一站…，第二站…) tells one stop per number.



#: The most stops a story's ordinals may leave unnumbered (第三户 alone: two; not 第二十户: a
#: household's rank in a list, no count of stops told).
MOST_UNNUMBERED_STOPS = 4


def ordinal_stops(text: str) -> list[Stop]:
    """The stops a story numbers (see above): one per distinct ordinal in a
    sentence with a verb of visiting or going, in text order; none unless
    two or more are numbered.  A story that numbers a stop k (走访的第三户
    after 先后走访了A等三名困难群众) told k stops: those it does not number
    (the first, the second) are stops too, before it (SPEC.md: a home the
    text counts but does not name is one visit)."""
    v = vocab()
    out: list[Stop] = []
    seen: set[int] = set()
    for m in stop_vocab().ordinal_rx.finditer(text):
        a = max((text.rfind(c, 0, m.start()) for c in "。！!？?；;\n"), default=-1) + 1
        e = min((i for c in "。！!？?；;\n" if (i := text.find(c, m.end())) >= 0), default=len(text))
        n = _numeral(m.group(1))
        if n not in seen and v.event_or_motion_rx.search(text, a, e) is not None:
            seen.add(n)
            out.append(Stop(m.group(), "", m.start()))
    if out and max(seen) <= MOST_UNNUMBERED_STOPS + len(seen):
        first = min(s.pos for s in out)
        unit = min(out, key=lambda s: s.pos).item[-1]
        out = [Stop(f"第{k}{unit}", "", first) for k in range(1, max(seen) + 1) if k not in seen] + out
    return out if len(out) >= 2 else []


# ---------------------------------------------------------------------------
# A further stop: after the visit's own sentence, a sentence in which the
# visitors go on to other homes or another place (爱心人士还深入农户，…; 志愿者们
# 又来到村里的困难户家中) tells one more stop of the story (a group's homes the
# text does not name: one stop).

#: How far after the verb of going its recipients or homes may be named (characters).
FURTHER_WINDOW = 10


def further_motion_stop(sentence: str) -> Stop | None:
    """The stop of a sentence whose visitors go on (``further_motion_words``:
    还深入, 又来到 …) to recipients or homes named within ``FURTHER_WINDOW``
    characters in that clause, with an organiser before the verb and no
    habit, plan or summary word up to that clause's end; else None."""
    v = vocab()
    m = v.further_motion_rx.search(sentence)
    if m is None:
        return None
    end = min((i for c in _STOP_CLAUSE_END if (i := sentence.find(c, m.end())) >= 0), default=len(sentence))
    if v.not_event_rx.search(sentence, 0, end) is not None:
        return None  # (a habit, plan or summary word up to the clause that goes on)
    clause = sentence[m.end() : min(end, m.end() + FURTHER_WINDOW)]
    if v.recipient_or_home_rx.search(clause) is None or v.organisers_rx.search(sentence, 0, m.start()) is None:
        return None
    return Stop(sentence[m.start():end], "", m.start())


# ---------------------------------------------------------------------------
# A speaker visited: a private person, first named as the speaker of a quote
# that thanks the visitors for coming (“谢谢你们，今天又来看我！”某街道某某说道),
# is a person the story visited: one more stop.

#: A quote, then its speaker within a few characters (“…”某街道某某激动地说道).
_QUOTE_RX = re.compile("“([^“”]{2,200})”")
#: How far after a quote its speaker may be named, and the speech verb after the name (characters).
SPEAKER_WINDOW = 10
#: The speaker is the one visited: a visit verb with the first person as its
#: object within a few characters (看望我, 关心我们, 来看我).
_FIRST_PERSON = "我"
_OBJECT_WINDOW = 3
SPEECH_WINDOW = 6


def speaker_stops(text: str, names_by_first: dict[str, list[str]], start: int, end: int) -> list[Stop]:
    """The persons of ``text[start:end]`` named first as the speaker of a quote
    that tells the visitors came (see above): the name within
    ``SPEAKER_WINDOW`` characters after the closing quote, a speech verb
    within ``SPEECH_WINDOW`` after it, and the page before the quote never
    names them."""
    v = vocab()
    out: list[Stop] = []
    for m in _QUOTE_RX.finditer(text, start, end):
        said = m.group(1)
        if v.came_rx.search(said) is None and not any(
                _FIRST_PERSON in said[e.end() : e.end() + _OBJECT_WINDOW] for e in v.event_rx.finditer(said)):
            continue  # (the quote's visit is not to the speaker: 关爱留守儿童 said by a giver)
        after = text[m.end() : m.end() + SPEAKER_WINDOW]
        best = None
        for k, c in enumerate(after):
            for n in names_by_first.get(c, ()):
                if after.startswith(n, k) and (best is None or len(n) > len(best[1])):
                    best = (k, n)
            if best is not None:
                break
        if best is None:
            continue
        k, n = best
        at = m.end() + k + len(n)
        if v.speech_rx.search(text, at, at + SPEECH_WINDOW) is None or text.find(n, 0, m.start()) >= 0:
            continue
        if all(o.item != n for o in out):
            out.append(Stop(n, "", m.end() + k))
    return out


# ---------------------------------------------------------------------------
# A place that opens a sentence: after the visit's own sentence, a sentence
# that opens at a named place and has the visitors act there (在某村，志愿者们
# 分头行动…; “…”在辖区养老服务中心，民警正…给老人们上课) tells one more stop of
# the story: that place.

#: What may stand before the 在 that opens the sentence (quotes, spaces, a sequence word).
_PLACE_OPENING_LEAD_RX = re.compile("[“”\"' \u3000\n]*(?:(?:随后|接着|然后|之后|最后|同时|而)[，,]?)?")
#: Words that make the place no named one (该村, 本社区, 各村, 每个村, 全村).
_UNNAMED_PLACE_START = ("该", "本", "此", "这", "那", "各", "每", "全", "其", "所在")
#: How far after the place's comma the visitors must be named (characters).
PLACE_OPENING_WINDOW = 8


@functools.cache
def _place_opening_rx() -> re.Pattern[str]:
    places = stop_vocab().places
    return re.compile(f"在([^，,。；;！!？?：:\\n“”、和与及]{{1,10}}?(?:{word_alternation(places)}))[，,]")


def place_opening_stop(sentence: str) -> Stop | None:
    """The stop of a sentence that opens (after quotes or a sequence word) at
    a named place, 在X村， / 在X养老服务中心，(not a continuation opener of
    the vocabulary, 在活动现场，), with an organiser within
    ``PLACE_OPENING_WINDOW`` characters after it and no habit, plan or summary
    word in the sentence: that place; else None."""
    v = vocab()
    lead = _PLACE_OPENING_LEAD_RX.match(sentence)
    at = lead.end() if lead else 0
    m = _place_opening_rx().match(sentence, at)
    if m is None or m.group(1).startswith(_UNNAMED_PLACE_START) or sentence.startswith(v.continuation, at):
        # (an unnamed place; the scene of the visit itself, 在家访现场， 在活动现场：
        # ``continuation_openers``, the same visit going on)
        return None
    if v.organisers_rx.search(sentence, m.end(), m.end() + PLACE_OPENING_WINDOW) is None \
            or v.not_event_rx.search(sentence) is not None:
        return None
    return Stop(m.group(1), "", m.start(1))


#: What follows a person who leads the visitors (在某某行长的组织下, 某某带队): a
#: title of up to four characters may stand between the name and these.
_LEADER_AFTER_RX = re.compile("[^，,。；;]{0,4}?(?:的(?:组织|带领|率领)下|带队|带领|率领)")


def names_a_visited_person(sentence: str, names: frozenset[str]) -> bool:
    """Whether ``sentence`` names a private person other than as the leader of
    the visitors (在某某行长的组织下…来到敬老院: the leader is a visitor)."""
    return any(not _LEADER_AFTER_RX.match(sentence, i + len(n))
               for n in names for i in _occurrences_in(sentence, n))


def _occurrences_in(text: str, word: str) -> list[int]:
    out, i = [], text.find(word)
    while i >= 0:
        out.append(i)
        i = text.find(word, i + 1)
    return out
