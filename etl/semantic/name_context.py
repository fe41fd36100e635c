"""Names read from the people around them: lists of people counted after
them, a title in a private organisation after a surname, and a foreigner's
name after a nationality and a role (``etl.semantic.privacy`` calls these
with its surname pattern and adds what they find).

* **A counted list of people** (:func:`counted_lists`): names joined by 、
  or 和 before a count of people (两名, 4位, 等5名) and a word for people
  within the same clause (X、Y两名志愿者; A、B、C、D4位90岁以上的高龄老人;
  志愿者的X、Y和Z等5名队员).  The list starts after a pause, 的 or 了.  A
  careful reader takes every name of such a list as a person's, also one
  whose surname is an everyday word (…和成某等5名队员), when another name of
  the list is a full name of three characters with a surname that is no
  everyday word.
* **A surname + a title right after a private organisation**
  (:func:`org_surname_titles`): 福利院王院长, 某某公司李经理 (``private_org``
  + a surname + ``org_title`` in name_cues.csv): the head of a private body
  addressed by surname and title is a private person (a title of a state
  body is no cue).  Not 原/副/前/老 … + title (敬老院原院长: a former head).
* **A full name + a title only a private body gives**
  (:func:`private_title_names`): X行长, X董事长, X副总经理 (``private_title`` in
  name_cues.csv: a bank's, a company's or an association's title; SPEC: their
  staff and officers are private persons), when the dictionary reads the name
  as no word (``name_lexicon``) and no state bank (``state_bank``: 人民银行)
  stands in its clause.
* **The people someone leads** (:func:`led_lists`): 带领 + names joined by
  、 or 和 + a verb of visiting or going (X带领Y、Z走访了…, 带领Y和Z来到…):
  weak (the guards of a weak cue apply).
* **The staff of a count of private persons** (:func:`staff_lists`): a
  count of people and a role word (``roles.csv``: 医生, 志愿者, 队员 …), then
  分别是 or 分别为 and a list of title + name (派出了3名医生，分别是院长X、主治
  医师Y以及后勤保障人员Z): each name after its title (a title ends in one of
  ``STAFF_TITLE_ENDS``) is one of those private persons, unless its title
  names a state body (``state_mark`` in name_cues.csv: 副县长X is an official).
* **老 + a surname + 头** (:func:`lao_tou`): 老王头, the familiar name of an
  old man, before what follows a name; only surnames that are no everyday
  word (老山头 is a hilltop).
* **A person met** (:func:`met_persons`): a verb of meeting a person
  (``meet_person``) + name + 时 (见到X时, weak), strong when a personal
  pronoun takes it up (见到X时，她…).
* **An elder addressed as surname + 老 after a visit**
  (:func:`elder_honorifics`): 看望某某村王老时, 拜访李老， (a verb of visiting a
  person, ``visit_person``, and the elder's village; only surnames that are
  no everyday word: 敬老, 养老 stay words).
* **A foreigner's name after a nationality and a role**
  (:func:`foreign_after_nationality`): a country (``country`` in
  name_cues.csv) or a word for a foreigner (``foreign_role``) + a role word
  + three or four transliteration characters that end before any other
  character (加拿大学生某某卡和…, 委内瑞拉留学生某某特学书法).
* **A full name with its age in brackets after a role word**
  (:func:`aged_full_names`): 百岁老人陈某村(103岁): read whole, though its
  last character ends villages or words (村, 外): no village and no word
  is followed by a person's age; only surnames that are no everyday word.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from etl.extract.rules import literal_alternation
from etl.semantic import name_lexicon
from etl.semantic.name_forms import _ends_with_role, _not_names, _roles, _translit_chars, cues
from etl.semantic.page_index import sorted_positions

_CJK = "\u4e00-\u9fff\u3400-\u4dbf"

#: The characters of a count before 名/位/个 (两名, 3位).
COUNT_CHARS = set("两二三四五六七八九十0123456789０１２３４５６７８９")
#: What a counted list of names starts after: a pause, the text's start,
#: 的 (街道的X、Y) or 了 (看望了X、Y).
LIST_START_BREAKS = "，,。；;：:！!？?\n“”（）()"
LIST_START_WORDS = "的了"
#: The most names of a counted list.
LIST_MAX = 6
#: How far after 名/位 the word for people may stand (4位90岁以上的高龄老人),
#: within the clause.
COUNT_ROLE_WINDOW = 12
_CLAUSE_BREAK = set("，,。；;！!？?\n“”：:")


@functools.cache
def _list_rx(sur: str) -> re.Pattern[str]:
    return re.compile(f"({sur})([{_CJK}]{{1,2}}?)(?:[、和]{sur}[{_CJK}]{{1,2}}?){{1,{LIST_MAX}}}")


@functools.cache
def _role_rx() -> re.Pattern[str]:
    return re.compile(literal_alternation(list(_roles())))


def _role_follows(text: str, at: int, classifier: str) -> bool:
    """Whether a word for people follows the classifier at ``at``: right
    after it, or (名/位, counters of people only) within the clause."""
    rx = _role_rx()
    if rx.match(text, at + 1):
        return True
    if classifier == "个":
        return False
    end = at + 1
    while end < len(text) and end - at <= COUNT_ROLE_WINDOW and text[end] not in _CLAUSE_BREAK:
        end += 1
    return rx.search(text, at + 1, end) is not None


def split_list(piece: str) -> list[str]:
    """The names of a list joined by 、 and a last 和 (X、Y和Z)."""
    items = piece.split("、")
    last = items[-1]
    if len(last) >= 4 and "和" in last[1:-1]:
        k = last.index("和", 1)
        items[-1:] = [last[:k], last[k + 1 :]]
    return items


def counted_lists(text: str, sur: str) -> Iterator[list[str]]:
    """The names of each counted list of people (see the module docstring)."""
    rx = _list_rx(sur)
    for at in sorted_positions(text, "名位个"):
        k = at
        while k > 0 and text[k - 1] in COUNT_CHARS and at - k < 2:
            k -= 1
        if k == at or not _role_follows(text, at, text[at]):
            continue
        if k > 0 and text[k - 1] == "等":
            k -= 1
        lo = max(0, k - 4 * (LIST_MAX + 1))
        brk = max(text.rfind(c, lo, k) for c in LIST_START_BREAKS)
        if brk < 0 and lo > 0:
            brk = lo - 1
        starts = [brk + 1] + [i + 1 for i in range(brk + 1, k) if text[i] in LIST_START_WORDS]
        for s in starts:
            m = rx.fullmatch(text, s, k)
            if m:
                yield split_list(m.group(0))
                break


@functools.cache
def _org_title_rx(sur: str) -> re.Pattern[str]:
    c = cues()
    orgs = literal_alternation(list(c.get("private_org", ())))
    titles = literal_alternation(list(c.get("org_title", ())))
    first = "".join(sorted({w[0] for w in c.get("private_org", ())}))
    return re.compile(f"(?=[{first}])(?:{orgs})(?!{TITLE_PREFIXES})({sur})(?=({titles}))")


#: What stands before a title without being a surname (原院长, 副经理, 老会长).
TITLE_PREFIXES = "[原副前老新总代常名]"


def org_surname_titles(text: str, sur: str) -> set[str]:
    """Surname + title right after a private organisation (福利院王院长)."""
    if not any(t in text for t in ("长", "理", "任", "席", "人", "管", "监")):
        return set()
    return {m.group(1) + m.group(2) for m in _org_title_rx(sur).finditer(text)}


@functools.cache
def _nationality_role_rx() -> re.Pattern[str]:
    c = cues()
    countries = literal_alternation(list(c.get("country", ())))
    foreign = literal_alternation(list(c.get("foreign_role", ())))
    roles = literal_alternation(list(_roles()))
    chars = "".join(sorted(_translit_chars()))
    # (the first characters checked first: the alternation is tried only where one stands)
    first = "".join(sorted({w[0] for w in _nationality_words()}))
    return re.compile(f"(?=[{first}])(?:(?:{countries})(?:籍)?(?:{roles})|{foreign})([{chars}]{{3,5}})")


def foreign_after_nationality(text: str) -> set[str]:
    """A transliterated name after a nationality and a role (see the module docstring)."""
    out: set[str] = set()
    for m in _nationality_role_rx().finditer(text):
        name = m.group(1)
        if m.end() < len(text) and text[m.end()] in _translit_chars():
            continue  # (a longer run: where the name ends is not clear)
        if len(name) > 4 or name in _not_names() or any(r.endswith(name) or name.startswith(r) for r in _roles()):
            continue
        out.add(name)
    return out


#: What follows the people someone leads (带领Y、Z走访了…).
LED_AFTER = ("走访", "看望", "慰问", "探望", "来到", "前往", "深入", "一起", "一同", "共同", "到")


@functools.cache
def _led_rx(sur: str) -> re.Pattern[str]:
    return re.compile(f"带领((?:{sur})[{_CJK}]{{1,2}}?(?:[、和](?:{sur})[{_CJK}]{{1,2}}?){{1,{LIST_MAX}}})"
                      f"(?={literal_alternation(list(LED_AFTER))})")


def led_lists(text: str, sur: str) -> list[str]:
    """The names after 带领 (see the module docstring)."""
    if "带领" not in text:
        return []
    return [n for m in _led_rx(sur).finditer(text) for n in split_list(m.group(1))]


#: What may follow 老X头 (a pause, a reporting verb, what follows a name).
LAO_TOU_AFTER = "说是的家也就在和与等每都又还正已笑，,。、！!；;"


@functools.cache
def _lao_tou_rx(plain_class: str) -> re.Pattern[str]:
    return re.compile(f"老{plain_class}头(?=[{LAO_TOU_AFTER}])")


def lao_tou(text: str, plain_class: str) -> set[str]:
    """老 + a surname that is no everyday word + 头 (老王头说)."""
    if "头" not in text:
        return set()
    return {m.group(0) for m in _lao_tou_rx(plain_class).finditer(text)}


@functools.cache
def _nationality_words() -> tuple[str, ...]:
    c = cues()
    return tuple(c.get("country", ())) + tuple(c.get("foreign_role", ()))



#: The words that end a person's title or job in a list of staff (院长X,
#: 主治医师X, 护士长X, 后勤保障人员X, 护士X): the name starts after one of them.
STAFF_TITLE_ENDS = "长师员士生者任工手"
#: The end of the list after 分别是 (the sentence).
_STAFF_LIST_END = "。；;！!？?\n"


@functools.cache
def _staff_list_rx() -> re.Pattern[str]:
    roles = literal_alternation(list(_roles()))
    count = "".join(sorted(COUNT_CHARS))
    return re.compile(f"[{count}]{{1,3}}[名位](?:{roles})[，,：: ]?分别(?:是|为)[：:]?([^{_STAFF_LIST_END}]{{2,120}})")


@functools.cache
def _staff_item_rx(sur: str) -> re.Pattern[str]:
    return re.compile(f"(?:^|(?<=[{STAFF_TITLE_ENDS}]))({sur})([{_CJK}]{{1,2}})$")


@functools.cache
def _state_marks_rx() -> re.Pattern[str]:
    return re.compile(literal_alternation(list(cues().get("state_mark", ()))))


def staff_lists(text: str, sur: str) -> set[str]:
    """The names of a list of the people of a count of private persons
    (see the module docstring): 派出了3名医生，分别是院长X、主治医师Y以及护士Z."""
    if "分别" not in text:
        return set()
    out: set[str] = set()
    item_rx = _staff_item_rx(sur)
    for m in _staff_list_rx().finditer(text):
        for item in re.split("[、，,]|以及|及|和", m.group(1)):
            item = item.strip()
            found = item_rx.search(item)
            if found is None:
                continue
            title = item[: found.start()]
            if title and _state_marks_rx().search(title):
                continue  # (a state body's office: an official)
            out.add(found.group(1) + found.group(2))
    return out


#: What follows an elder addressed as surname + 老 after a visit (看望X老时).
ELDER_AFTER = "时家，,。；;并"


@functools.cache
def _elder_rx(plain_class: str) -> re.Pattern[str]:
    c = cues()
    visit = literal_alternation(list(c.get("visit_person", ())))
    place = f"[{_CJK}]{{1,3}}?[{re.escape(''.join(c.get('home_place', ())))}]"
    return re.compile(f"(?:{visit})了?(?:{place})?({plain_class}老)(?=[{ELDER_AFTER}])")


def elder_honorifics(text: str, plain_class: str) -> set[str]:
    """A surname that is no everyday word + 老, the respectful address of an
    elder, right after a verb of visiting a person (and the elder's village)
    and before a pause, 时 or 家 (看望某某村王老时, 拜访李老，)."""
    if "老" not in text:
        return set()
    return {m.group(1) for m in _elder_rx(plain_class).finditer(text)}


#: 时 (or 的时候) and a personal pronoun after a name met (见到X时，她…).
_PRONOUN_AFTER_RX = re.compile("(?:时|的时候)[，,]?[他她]")


@functools.cache
def _meet_rx(sur: str) -> re.Pattern[str]:
    meet = literal_alternation(list(cues().get("meet_person", ())))
    return re.compile(f"(?:{meet})了?({sur})([{_CJK}]{{1,2}}?)(?=时|的时候)")


def met_persons(text: str, sur: str) -> list[tuple[str, bool]]:
    """A verb of meeting a person + name + 时 (``meet_person``: 见到X时, 采访X
    的时候): (name, strong), strong when a personal pronoun takes the name up
    (见到X时，她…: a person, even when the given name is also a place's)."""
    return [(m.group(1) + m.group(2), _PRONOUN_AFTER_RX.match(text, m.end(2)) is not None)
            for m in _meet_rx(sur).finditer(text)]


#: What may stand between a name and its private title (X副行长, X常务副总经理).
PRIVATE_TITLE_PREFIX = "(?:常务)?[副总]?"


@functools.cache
def _private_title_rx(sur: str) -> re.Pattern[str]:
    titles = literal_alternation(list(cues().get("private_title", ())))
    return re.compile(f"({sur})([{_CJK}]{{1,2}}?)(?={PRIVATE_TITLE_PREFIX}(?:{titles}))")


@functools.cache
def _state_bank_rx() -> re.Pattern[str]:
    return re.compile(literal_alternation(list(cues().get("state_bank", ()))))


def private_title_names(text: str, sur: str, ambiguous: frozenset[str] | set[str]) -> set[str]:
    """Full names before a title only a private body gives (see the module
    docstring): 陪同的某某行长, 某某董事长讲话.  A surname that is an everyday word
    needs a three-character name that no word of the dictionary touches
    (``name_lexicon.reads_as_full_name``)."""
    if not any(t in text for t in cues().get("private_title", ())):
        return set()
    out: set[str] = set()
    for m in _private_title_rx(sur).finditer(text):
        surname, given = m.group(1, 2)
        name = surname + given
        if surname in ambiguous:
            if not name_lexicon.reads_as_full_name(text, m.start(), name, surname):
                continue
        elif not name_lexicon.reads_as_name(text, m.start(), m.end(), len(surname)):
            continue
        clause = max((text.rfind(c, 0, m.start()) for c in _CLAUSE_BREAK), default=-1) + 1
        if _state_bank_rx().search(text, clause, m.start()):
            continue
        out.add(name)
    return out


#: A person's age in brackets (（103岁）, (75岁)).
_BRACKET_AGE_RX = re.compile("[（(][0-9０-９]{1,3}岁[）)]")


def aged_full_names(text: str, plain_class: str) -> set[str]:
    """The full names of three characters, their surname no everyday word
    (``plain_class``), between a role word and their age in brackets (see the
    module docstring); not an ordinary word or a place."""
    out: set[str] = set()
    plain = re.compile(plain_class)
    for m in _BRACKET_AGE_RX.finditer(text):
        start = m.start() - 3
        name = text[start : m.start()]
        if start < 1 or not plain.fullmatch(name[0]) or not all("\u4e00" <= c <= "\u9fff" for c in name[1:]):
            continue
        if name in _not_names() or name[1:] in _not_names() or not _ends_with_role(text, start):
            continue
        out.add(name)
    return out
