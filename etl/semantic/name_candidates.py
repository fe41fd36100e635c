"""Whether a string a cue found may be a private person's name, and how long it is.

``etl.semantic.privacy`` finds candidate names on a page from the way Chinese
news introduces people; this module vets them.  It holds the vocabularies of
names (the surname table ``schemas/vocab/surnames.csv``, the role words of
``roles.csv``, ``not_names.csv``, the place names of ``etl.semantic.regions``
and the codebook phrases), the guards against ordinary words and the choice
between a two- and a three-character name.  (Masking the names found is
``etl.semantic.name_masking``; both import this module, which imports neither.)

* Whether a name has two or three characters: the third character is dropped
  when it is a word that typically follows a name (说, 是, 家 …; but not when
  the three characters stand before a pause somewhere, ``贫困户袁某正，``),
  when it begins a word of manner or action at each of the name's
  occurrences (``王某动情地说``: 王某), or when the two-character form occurs
  more often on the page than the three-character one (``熊某家中`` /
  ``熊某说`` → two characters; not when the two characters never stand as a
  name but begin three-character names read whole: ``辅导员田某姮`` /
  ``田某恒老师``).
* Guards against masking ordinary words: candidates must not contain a place
  name of the gazetteer (``綦江``), a role word, a codebook phrase, nor a
  character that never ends a given name (的, 们, 量 …), must not be followed
  by a place or organisation suffix anywhere on the page (``X街道``,
  ``X中学``), and must not be listed in ``schemas/vocab/not_names.csv``
  (``高新``, ``江中``, ``尤其`` …).
"""

from __future__ import annotations

import csv
import functools
import re
from itertools import chain

from etl.extract.rules import VOCAB_DIR
from etl.semantic import name_forms


#: Forms of address after a surname (``熊医生``): the surname is masked.
ADDRESS_FORMS = (
    "老师", "医生", "大娘", "大爷", "阿姨", "师傅", "叔叔", "大姐", "大哥", "奶奶", "爷爷",
    "婆婆", "同学", "先生", "女士", "书记", "主任", "队长", "村长", "老人",
)

#: A character right after a two-character name that is not part of it (王某接到…: 接到, 接过).
POST_NAME_CHARS = set("说是家的也就在和与等今曾立已送为对向被把从连笑表告介称还又都着了正坐带同所一跟给让将来去到接(（，。、；：！？")
#: Characters that never end (or stand inside) a given name.
NON_NAME_CHARS = set(
    "的了们等和与及在是为对把被从也都就还又不没很更最该这那此每各个月日"
    "区县市镇乡村街路省量些吗呢吧啊着过到说里外前后左右几第"
    "地"  # (an adverb's ending: 居民高兴地说)
    "员"  # (a word for a member or a post: 通讯员, 代表委员)
)
#: Characters of NON_NAME_CHARS that may start a two-character given name
#: (月华, 日升: a date word ends with them; the words they start, 月底, 日前,
#: are in not_names.csv).
NAME_START_CHARS = set("月日")
#: Function words that also start given names (为民, 在林): a three-character
#: candidate with one second is read whole only where the page shows it before
#: a pause or a list mark (对窦某林、…, 名字叫沈某琴(音)): see ``_static_ok``.
FUNCTION_NAME_STARTS = set("为在")
#: How the names of villages end (王庄, 李家屯, 张家寨 …): a candidate found by
#: a weak cue whose given name ends with one is a place, not a person.
VILLAGE_ENDS = set("庄屯寨坝湾沟堡坪垸圩洼岗峪")
#: A name is never directly followed by these (place and organisation names).
PLACE_SUFFIXES = (
    "街道", "社区", "小区", "中学", "小学", "大学", "学院", "医院", "公司", "集团", "人社",
    "中心", "区", "县", "市", "镇", "乡", "村", "路", "省",
)
_PLACE_SUFFIX_RX = "(?:" + "|".join(sorted(PLACE_SUFFIXES, key=len, reverse=True)) + ")"
#: ``\s`` spelled out: the characters for which ``str.isspace()`` is true
#: (tests/test_privacy.py checks it against the running Python).  ``re``
#: tests ``\s`` in a character class by a Unicode lookup for every character
#: it skips; an explicit set is one table lookup, and the boundary class is
#: what the scan for weak cues skips through (a quarter of its time).
WHITESPACE = "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
_BOUNDARY = "\n，。、；：！？,.;:!?“”\"'「」『』《》()（）—…" + WHITESPACE


def _read_csv(name: str) -> list[dict[str, str]]:
    with (VOCAB_DIR / name).open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


@functools.cache
def _vocab():
    surnames = _read_csv("surnames.csv")
    single = {r["surname"] for r in surnames if len(r["surname"]) == 1}
    compound = {r["surname"] for r in surnames if len(r["surname"]) == 2}
    ambiguous = {r["surname"] for r in surnames if r["ambiguous"] == "1"}
    roles = list(name_forms._roles())
    not_names = {r["word"] for r in _read_csv("not_names.csv")}
    # Place names and codebook phrases are never names.
    from etl.semantic import regions  # local import: regions imports nothing from here

    places = frozenset(regions.all_names())
    return single, compound, ambiguous, roles, frozenset(not_names), places


def _codebook_words() -> frozenset[str]:
    try:
        from etl.semantic.codebook import codebook_words
    except ImportError:  # pragma: no cover - while the codebook is being written
        return frozenset()
    return codebook_words()


def _split_surname(name: str) -> tuple[str, str] | None:
    single, compound, *_ = _vocab()
    if len(name) >= 3 and name[:2] in compound:
        return name[:2], name[2:]
    if name[:1] in single:
        return name[:1], name[1:]
    return None


def _substrings(name: str) -> set[str]:
    return {name[i:j] for i in range(len(name)) for j in range(i + 2, len(name) + 1)}


@functools.lru_cache(maxsize=65536)
def _static_ok(name: str, strong: bool, standing_alone: bool = False) -> bool:
    """The page-independent guards (vocabulary look-ups), cached.
    ``standing_alone``: the page shows the name before a pause (see
    ``FUNCTION_NAME_STARTS``)."""
    _, _, ambiguous, _, not_names, places = _vocab()
    parts = _split_surname(name)
    if parts is None or not 2 <= len(name) <= 4:
        return False
    surname, given = parts
    if not 1 <= len(given) <= 2 or any(c in NON_NAME_CHARS for c in given[len(given) - 1 :]):
        return False
    if len(given) == 2 and given[0] in NON_NAME_CHARS and given[0] not in NAME_START_CHARS and not (
            standing_alone and given[0] in FUNCTION_NAME_STARTS):
        return False
    if surname in ambiguous and not strong:
        return False
    if not strong and given[-1] in VILLAGE_ENDS:
        return False  # (见到了王庄，: a village on a weak cue)
    subs = _substrings(name)
    vetoes = subs & not_names
    # An ordinary word that is also a given name (``given_word`` in
    # name_cues.csv: 文明, 建国) after a surname is the given name (志愿者陈文明,
    # 陈文明说), not a word that vetoes it.
    if vetoes and not (vetoes == {given} and given in _given_words()):
        return False
    if subs & _codebook_words() or subs & _role_set():
        return False
    # A place name inside the candidate vetoes it only on weak evidence: with
    # a strong cue (a role word before it, an age, 说 after it) 张和平 is a
    # person even though 和平 is also a district.  The page-level check in
    # ``_plausible`` still rejects a place followed by 街道/区/县 ….
    if name in places or (not strong and (subs & places or _inside_place_name(name))):
        return False
    return True


@functools.cache
def _given_words() -> frozenset[str]:
    return frozenset(r["cue"] for r in _read_csv("name_cues.csv") if r["kind"] == "given_word")


@functools.cache
def _role_set() -> frozenset[str]:
    return frozenset(_vocab()[3])


@functools.cache
def _places_text() -> str:
    return "\n".join(sorted(_vocab()[5]))


@functools.cache
def _place_parts() -> frozenset[str]:
    """The strings of two to four characters (a name's lengths) inside a place name."""
    return frozenset(p[i : i + k] for p in _vocab()[5] for k in (2, 3, 4) for i in range(len(p) - k + 1))


def _inside_place_name(s: str) -> bool:
    """``s in _places_text()``: for two to four characters without a line
    break (which no joined place name has: such a string is inside the
    joined text exactly when it is inside one name), a set look-up instead
    of a search of the ~22,000 characters."""
    if 2 <= len(s) <= 4 and "\n" not in s:
        return s in _place_parts()
    return s in _places_text()


def _plausible(name: str, text: str, *, strong: bool, before_suffix: set[str] | None = None) -> bool:
    """Whether ``name`` may be a person's name on this page (see the guards in
    the module docstring).  ``before_suffix`` is ``_before_place_suffix(text)``
    when the caller has it."""
    if not _static_ok(name, strong):
        return False
    # Not followed by a place or organisation suffix anywhere on the page.
    if before_suffix is None:
        before_suffix = _before_place_suffix(text)
    return name not in before_suffix


@functools.cache
def _before_suffix_rx() -> re.Pattern[str]:
    """Matches the first character of a place suffix (a suffix consumes only
    that character, so suffixes starting inside another one are found too:
    社区 and its 区) and captures the four, three and two characters before it."""
    rests: dict[str, list[str]] = {}
    for suffix in PLACE_SUFFIXES:
        rests.setdefault(suffix[0], []).append(suffix[1:])
    alternatives = [
        re.escape(first) if "" in tails
        else re.escape(first) + "(?=" + "|".join(map(re.escape, tails)) + ")"
        for first, tails in rests.items()
    ]
    return re.compile("(?:" + "|".join(alternatives) + ")(?<=(?s:(.(.(..))).))")


#: Four characters that are in no name, put before the text so that a suffix
#: near its start has four characters before it too.
_PAD = "\n" * 4


def _before_place_suffix(text: str) -> set[str]:
    """Every 2- to 4-character string of ``text`` (a name's length) directly
    followed by a place or organisation suffix (with some shorter strings and
    strings with line breaks, which are never names).  One scan of the page
    in C, where looking for each candidate name would scan it once per name."""
    return set(chain.from_iterable(_before_suffix_rx().findall(_PAD + text)))


def _choose_length(text: str, surname: str, given: str) -> str:
    """Two- or three-character name (see the module docstring)."""
    short = surname + given[:1]
    if len(given) == 1:
        return short
    long = surname + given
    if given[1] in NON_NAME_CHARS:
        return short
    if given[1] in POST_NAME_CHARS and not (given[1] not in CLAUSE_END_AFTER_NAME and _stands_alone(text, long)):
        return short  # (贫困户袁某正，: a name whose last character may follow names, read whole at a pause)
    if all(text.startswith(AFTER_NAME_WORDS, i + len(short)) for i in _occurrences(text, long)):
        return short  # a person's manner or action after the name (王某动情地说: 王某, not 王某动)
    if any(text.startswith(form, i + len(short)) for form in _ADDRESS_BY_FIRST.get(given[1], ())
           for i in _occurrences(text, short)):
        return short  # a name before a form of address (辅导员殷某老师: 殷某, not 殷某老)
    if _occurs_more_often(text, short, long) and not _prefix_of_whole_names(text, short) \
            and not _only_siblings(text, short, long):
        return short
    return long


def _only_siblings(text: str, short: str, long: str) -> bool:
    """Whether every occurrence of ``short`` that does not go on as ``long``
    goes on as another three-character name ending at a name's end somewhere
    on the page (甲乙丙家… and 甲乙丁今年83岁: two persons sharing a surname
    and a first given character, as brothers often do; neither is 甲乙)."""
    k = len(short)
    siblings: dict[str, bool] = {}
    for i in _occurrences(text, short):
        if text.startswith(long, i):
            continue
        c = text[i + k] if i + k < len(text) else ""
        if not _is_cjk(c) or c in NON_NAME_CHARS or c in POST_NAME_CHARS:
            return False
        other = short + c
        if other not in siblings:
            siblings[other] = any(_ends_name_at(text, j + k + 1) for j in _occurrences(text, other))
        if not siblings[other]:
            return False
    return True


def _ends_name_at(text: str, i: int) -> bool:
    """Whether a name may end before ``text[i]``: the text's end, a pause, a
    character that follows names (说, 是, 在 …) or a form of address."""
    return i >= len(text) or text[i] in _BOUNDARY or text[i] in POST_NAME_CHARS or text.startswith(ADDRESS_FORMS, i)


#: The forms of address that are titles (老师, 医生 …): not 老人, which
#: also stands after a verb (帮老人).
_TITLE_ADDRESS_FORMS = tuple(f for f in ADDRESS_FORMS if f != "老人")


def _prefix_of_whole_names(text: str, short: str) -> bool:
    """Whether the two characters ``short`` never end a name on the page
    but begin a three-character name read whole somewhere (辅导员甲乙丙组织…,
    甲乙丁老师, before a pause or a title: 甲乙 is more frequent than 甲乙丙 only as the start of two
    written forms of one three-character name, which is not cut short)."""
    k = len(short)
    whole = False
    for i in _occurrences(text, short):
        if _ends_name_at(text, i + k):
            return False  # the two characters stand as a name somewhere
        c = text[i + k]
        j = i + k + 1
        if _is_cjk(c) and c not in NON_NAME_CHARS and c not in POST_NAME_CHARS and (
            j >= len(text) or text[j] in _BOUNDARY or text.startswith(_TITLE_ADDRESS_FORMS, j)
        ):
            whole = True  # (before a pause or a title: 甲乙丁，/ 甲乙丁老师; not 甲乙帮老人)
    return whole


#: Characters that may follow a name and end a clause (王某说，王某笑。):
#: a candidate ending in one of them before a pause is a shorter name.
CLAUSE_END_AFTER_NAME = set("说笑问答家的了着等来去到哭走")
#: Words that follow a name as its person's manner or action (王某动情地说,
#: 李某高兴地说): a candidate's third character that begins one of them
#: at each of the candidate's occurrences is not part of the name.
AFTER_NAME_WORDS = (
    "动情", "深情", "激动", "感动", "动容", "高兴", "开心", "兴奋", "欣慰", "自豪", "感慨", "感叹",
    "表示", "介绍", "告诉", "坦言", "回忆", "说道", "笑着", "微笑", "认真", "耐心", "热情", "哽咽",
    "点头", "指着", "拉着", "握着", "望着", "看着", "摸着", "拿着", "对记者", "向记者", "害羞",
)


def _stands_alone(text: str, name: str) -> bool:
    """Whether ``name`` occurs somewhere on the page before a pause (a
    punctuation mark, a space, a line break or the text's end): read there
    as a whole name, its last character is not a word after it."""
    n = len(text)
    return any(i + len(name) >= n or text[i + len(name)] in _BOUNDARY for i in _occurrences(text, name))


#: The forms of address by their first character.
_ADDRESS_BY_FIRST: dict[str, tuple[str, ...]] = {}
for _form in ADDRESS_FORMS:
    _ADDRESS_BY_FIRST[_form[0]] = _ADDRESS_BY_FIRST.get(_form[0], ()) + (_form,)


def _occurrences(text: str, word: str) -> list[int]:
    out = []
    i = text.find(word)
    while i >= 0:
        out.append(i)
        i = text.find(word, i + 1)
    return out


def _overlaps_itself(word: str) -> bool:
    """Whether two occurrences of ``word`` can overlap (``aa``, ``aba``)."""
    return any(word[:k] == word[-k:] for k in range(1, len(word)))


def _occurs_more_often(text: str, short: str, long: str) -> bool:
    """``text.count(short) > text.count(long)`` for ``long`` = ``short`` + one
    character, in one scan instead of two: when neither overlaps itself,
    each counts all of its occurrences, so ``short`` occurs more often
    exactly when one of its occurrences does not go on as ``long``."""
    if _overlaps_itself(short) or _overlaps_itself(long):
        return text.count(short) > text.count(long)
    i = text.find(short)
    while i >= 0:
        if not text.startswith(long, i):
            return True
        i = text.find(short, i + len(short))
    return False


def _is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf"
