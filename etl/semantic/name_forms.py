"""Forms of private persons' names besides "role word + full name" (which
``etl.semantic.privacy`` finds): the cues are ``schemas/vocab/name_cues.csv``.

* **Surname + form of address** (``kinship`` cues): 王阿姨, 李大爷, 张奶奶,
  徐老师: the whole form is the name.  A surname that is an everyday word
  (``ambiguous`` in the surname table) counts only after a boundary.
* **老/小 + surname** (``familiar_prefix``): 老王, 小李, after a boundary, a
  pronoun or a verb of calling (唤她小张) and before a boundary or a word
  that follows a name (小陆来了).  Never an ambiguous surname, never an
  ordinary word of ``not_names.csv`` (小康, 小区, 老年).
* **Full name + form of address**: 魏某某婆婆 (the name is the part before
  the form of address).
* **Lists**: a name found on the page followed by 、/和/及 and another
  surname + given name gives that name too (困难职工甲某、乙某某和丙某),
  and so does the name listed before it (走访了甲某某、乙某某等五户).
* **Naming words** (``naming``): 名叫/叫 + full name before 的 or a boundary;
  ``surname_only``: 姓 + surname (一位姓刘的志愿者: 姓刘).
* **Latin letters**: a Latin word right after a Chinese name (陈某某Jacob),
  a word after a title (Mr. Smith), and, once found, the same word anywhere.
* **Transliterated foreign names**: CJK runs joined by a middle dot
  (约翰·史密斯) when their characters are transliteration characters
  (``transliteration``: not 济南广电·天下泉城), and a foreign given name after
  a role word or title introduced with a bracket (留学生娜娜（加纳）).
* **After a role word**: 老/小 + surname (大学生小刘所学…), a Latin name
  (留学生Nancy说), a full name before a form of address (辅导员殷某老师);
  also a full name + form of address after a preposition (跟姜某某老师学).
* **老/小 + the surname of a name found** on the page (娄某某 … “小娄理发…”).
* **Lists of three or more names** joined by 、 with none found before
  (获奖者有甲某、乙某某、丙某等; a roster after a colon), ending with 等 and a
  count too (丙某等七位“妈妈”); a name whose surname is an everyday word
  (高某某, 常某某) belongs to a list with three others.  A name listed after
  another stops before a form of address (乙某老师) or an ordinary word of
  ``not_names.csv`` (丙某下午…, 乙某一起…).
* **Pseudonyms**: the name before （化名） or （均为化名）, a full name
  with its given name (the writer calls the child by it: 小然然) or a given
  name alone (婷婷（化名）).
* **Reduplicated given names** (叠字) right after an age (12岁的婷婷), not a
  kinship word (奶奶) nor an ordinary one (宝宝).
* **Nicknames** 大/小 + one character after a role word or a title, before
  a reporting verb (负责人大飞告诉记者).
* **Latin names before a reporting verb** (Tobias表示).
* **Pet names**: 阿/小 + one character after a boundary, before a reporting
  verb or an age (``pet_prefix``, ``pet_after``: 阿芳说, 小芳今年8岁), and 阿 +
  one character after a role word or a title (经理阿辉), not an ordinary word
  (小孩, 小编) nor a form of address (阿姨).
* **Where a form of address stands**: also after a preposition (在李老师的带
  领下) or a household word (失独家庭王阿姨); an everyday-word surname after
  的 too (德高望重的兰姨); a full name + form of address after 了 (来到了
  甲某某奶奶家).
* **Surname + 总** (``address_pause``): a company's head (王总), only before
  a pause or a word of what the person does (捐, 说, 的 …): 总工会, 党总支,
  总是 stay.
* (Rosters and forms: ``etl.semantic.name_rosters``.)
* **小 + a two-character given name introduced by an age** (8岁的小子涵。,
  小子涵，12岁，), not an ordinary word for a child (小朋友, 小伙伴, 小学生).
"""

from __future__ import annotations

import csv
import functools
import re
from collections.abc import Iterator
from itertools import chain

from etl.extract.rules import VOCAB_DIR, literal_alternation
from etl.semantic.page_index import char_positions

_CJK = "\u4e00-\u9fff\u3400-\u4dbf"
#: Characters around a name that are not part of a word with it.
BOUNDARY = "\n，。、；：！？,.;:!?“”\"'「」『』《》()（）—… \u3000"
#: Words that follow a name (小陆来了, 老王说).
AFTER_NAME = "说来了的也就在和是家一啊呀不都又还正已笑告对给让把被跟同与感觉"
#: Characters before 老/小 + surname that introduce an address (唤她小张).
BEFORE_FAMILIAR = "她他我你叫唤喊称是"
#: Characters before a surname + form of address that do not make it part of a
#: longer word (看望了独居的王奶奶, 一位李大爷).
AFTER_WORD_BEFORE_ADDRESS = "的位名个老叫是和与、到望访问为给向对帮陪见找在" + "栋号楼室组村屯巷户里庭"
#: (the last ones: where a neighbour lives, 4栋雷奶奶, 3号楼王大爷, 5组李大爷,
#: or the household, 空巢家庭王阿姨; 在 a preposition, 在李老师的带领下)
#: Words of thanks before a surname + form of address (谢谢王阿姨, 感谢李大爷).
THANKS_BEFORE_ADDRESS = ("谢谢", "感谢", "多谢")
#: Characters before a full name + form of address besides those above and
#: BOUNDARY: a verb's aspect (来到了王某某奶奶家).
BEFORE_FULL_NAME_ADDRESS = "了"
#: A surname + one of these forms (``address_pause`` in name_cues.csv: 王总)
#: is a form of address only before a pause or one of these characters: the
#: form also begins ordinary words (总工会, 总支, 总是).
AFTER_PAUSED_ADDRESS = "的说捐带讲告介表和与及为向给送亲也"
#: A short note in brackets after a listed name (its place in a photo, its
#: household: 甲某（左）与乙某（右）, 甲某（低保户）、乙某（五保户）).
_NAME_NOTE_RX = re.compile("[（(][^（）()\n]{1,6}[）)]")
#: Characters that join a list of names.
LIST_JOINERS = ("、", "和", "及", "与")
_JOINER_SET = frozenset(LIST_JOINERS)
#: Prepositions before a full name + form of address (跟某某某老师学书法,
#: 向某某某阿姨问好, 在某某某老师的带领下): the name starts after them.
PREPOSITIONS_BEFORE_ADDRESS = "跟向和与对给为陪帮找见同替在"
#: Middle dots between the parts of a transliterated name (约翰·史密斯).
_DOTS = "·•・"
#: Verbs after a Latin name (留学生Nancy说).
LATIN_REPORT = ("说", "表示", "介绍", "告诉", "笑着说", "坦言")


@functools.cache
def cues() -> dict[str, tuple[str, ...]]:
    """The cues of ``name_cues.csv`` by kind."""
    path = VOCAB_DIR / "name_cues.csv"
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    out: dict[str, list[str]] = {}
    for r in rows:
        if not r.get("cue") or not r.get("kind"):
            raise ValueError(f"{path}: a row without cue or kind: {r}")
        out.setdefault(r["kind"], []).append(r["cue"])
    return {k: tuple(v) for k, v in out.items()}


@functools.cache
def _patterns(sur: str, unambiguous: str) -> dict[str, re.Pattern[str]]:
    c = cues()
    b = re.escape(BOUNDARY)
    kin = literal_alternation(list(c.get("kinship", ())))
    familiar = "".join(c.get("familiar_prefix", ()))
    naming = literal_alternation(list(c.get("naming", ())))
    titles = literal_alternation(list(c.get("latin_title", ())))
    _role_end_rx()  # (compiled here too: by the pipeline's warm-up, before workers fork)
    return {
        # a form of address (王阿姨, 魏某某婆婆: the name stands before it)
        "kinship": re.compile(kin),
        # (the prefix first, so that the scan skips to it; what stands before
        # it is checked in find_forms)
        "familiar": re.compile(f"([{re.escape(familiar)}]{unambiguous})(?=[{b}{AFTER_NAME}]|$)"),
        # (a title or a role word may stand before the next name: 组长甲某、副组长乙某;
        # 困难户甲某、五保户乙某)
        "list": re.compile(
            f"(?:{'|'.join(map(re.escape, LIST_JOINERS))})"
            f"(?:副?(?:{literal_alternation(list(c.get('org_title', ())))})|{literal_alternation(list(_roles()))})?"
            f"({sur})([{_CJK}]{{1,2}})"
        ),
        # a Latin name after a role word or before a reporting verb (留学生Nancy说)
        "latin_after_role": re.compile(f"(?:{literal_alternation(list(_roles()))})([A-Z][a-z]{{1,14}})(?![A-Za-z])"),
        "latin_report": re.compile(f"(?<![A-Za-z])([A-Z][a-z]{{1,14}})(?=(?:{literal_alternation(list(LATIN_REPORT))}))"),
        "naming": re.compile(f"(?:{naming})({sur})([{_CJK}]{{1,2}}?)(?=[{b}的]|$)"),
        "surname_only": re.compile(f"(?:{literal_alternation(list(c.get('surname_only', ('姓',))))})({sur})(?=[的{b}])"),
        "latin_after_cjk": re.compile(f"(?<=[{_CJK}])([A-Z][a-z]{{1,14}})(?![A-Za-z])"),
        # (the text repair drops the space after "Mr.")
        "latin_title": re.compile(f"\\b(?:{titles})\\.?\\s*([A-Z][a-z]{{1,14}})(?![A-Za-z])"),
        # a Chinese name written with a Latin one (柏某某Kevin): a person
        # (the capital first, looking back over it: the scan skips to capitals)
        "cjk_latin": re.compile(f"[A-Z](?<=[{_CJK}][A-Z])[a-z]{{1,14}}(?![A-Za-z])"),
        # 阿/小 + one character before a reporting verb or an age (阿芳说, 小芳今年8岁)
        "pet": re.compile(
            f"([{re.escape(''.join(c.get('pet_prefix', ())))}][{_CJK}])"
            f"(?=(?:{literal_alternation(list(c.get('pet_after', ())))}))"
        ),
        "pet_after_role": re.compile(
            f"(?:{literal_alternation(list(_roles()) + list(c.get('org_title', ())))})(阿[{_CJK}])"
        ),
        # a foreign given name after a role word or a title, introduced with
        # a bracket (留学生娜娜（加纳）, 志愿者安娜（右）)
        "foreign_bracketed": re.compile(
            f"(?:{literal_alternation(list(_roles()) + ['副' + t for t in c.get('org_title', ())] + list(c.get('org_title', ())))})"
            f"([{re.escape(''.join(sorted(_translit_chars())))}]{{2,4}})(?=[（(])"
        ),
    }


def find_forms(text: str, found: frozenset[str] | set[str], sur: str, surnames: frozenset[str],
               ambiguous: frozenset[str], unambiguous_class: str, ok,
               address_forms: frozenset[str] | None = None) -> set[str]:
    """The names of the forms above on a page whose other names are ``found``.
    ``sur``: the surname alternation (``surnames``: the surnames, one- and
    two-character); ``unambiguous_class``: a regex of one surname that is
    not an everyday word; ``ok(name, strong)``: the guards of
    ``name_candidates`` for a full-name candidate; ``address_forms``: the forms
    after which ``name_masking`` masks the surname of a name found (熊医生 -> 某医生), left
    to it (all of them when not given)."""
    p = _patterns(sur, unambiguous_class)
    out: set[str] = set()
    # (the surname of a full name found is masked before a form of address
    # by ``name_masking.mask`` already: 熊医生 -> 某医生)
    known_surnames = {n[:1] for n in found} | {n[:2] for n in found if len(n) >= 3}
    for m in p["kinship"].finditer(text):
        at, form = m.start(), m.group()
        # Surname + form of address (王阿姨).
        for n in (2, 1):
            surname = text[at - n : at] if at >= n else ""
            if surname not in surnames:
                continue
            before = text[at - n - 1] if at > n else "\n"
            if surname in known_surnames and (address_forms is None or form in address_forms):
                break
            # (an everyday-word surname only after a pause, 的 or a preposition:
            # 德高望重的兰姨, 在金老师的带领下; not a function word there: 在和奶奶说话)
            if surname in ambiguous and before not in BOUNDARY and before != "的" \
                    and (before not in PREPOSITIONS_BEFORE_ADDRESS or surname in _function_words()) \
                    or surname + form in _not_names():
                break
            if before in BOUNDARY or not _is_cjk(before) or before in AFTER_WORD_BEFORE_ADDRESS \
                    or _ends_with_role(text, at - n) or text.endswith(THANKS_BEFORE_ADDRESS, 0, at - n):
                out.add(surname + form)  # (独居老人黄阿姨 too)
            break  # (inside a word otherwise: 爷爷奶奶)
        # A full name before the form of address, after a boundary or 的
        # (魏某某婆婆), a preposition (跟姜某某老师) or a role word (辅导员殷某老师).
        for n in (2, 3, 4):
            start = at - n
            if start < 0:
                break
            before = text[start - 1] if start else "\n"
            name = text[start:at]
            if (before in BOUNDARY or before == "的" or before in PREPOSITIONS_BEFORE_ADDRESS
                    or before in BEFORE_FULL_NAME_ADDRESS or _ends_with_role(text, start)) and ok(name, False):
                out.add(name)
                break
    out |= _paused_addresses(text, surnames, ambiguous, known_surnames, address_forms)
    out |= _child_pet_names(text)
    for m in p["familiar"].finditer(text):
        at = m.start()
        if (at == 0 or text[at - 1] in BOUNDARY or text[at - 1] in BEFORE_FAMILIAR) \
                and m.group(1) not in _not_names():
            out.add(m.group(1))
    # 老/小 + surname after a role word (大学生小刘所学…, 志愿者小李笑着), or
    # + the surname of a name found on the page (娄某某 … “小娄理发很细心”).
    familiar = "".join(cues().get("familiar_prefix", ()))
    for prefix in familiar:
        i = text.find(prefix)
        while i >= 0:
            form = text[i : i + 2]
            if len(form) == 2 and form[1] in surnames and form[1] not in ambiguous and form not in out \
                    and (form[1] in known_surnames or _ends_with_role(text, i)) \
                    and not any(text.startswith(w, i) for w in _not_names_by_first().get(form, ())):
                out.add(form)
            i = text.find(prefix, i + 1)
    for m in p["naming"].finditer(text):
        name = m.group(1) + m.group(2)
        if ok(name, True):
            out.add(name)
    for m in p["surname_only"].finditer(text):
        out.add(text[m.start() : m.end(1)])
    # A list of three or more names, none found yet (获奖者：甲某、乙某某、丙某).
    out |= _name_lists(text, ambiguous, ok)
    # Lists after a name found anywhere (one pass per name, few names a page).
    list_rx = p["list"]
    queue = [n for n in found | out if len(n) >= 2]
    seen = set(queue)
    while queue:
        name = queue.pop()
        i = text.find(name)
        while i >= 0:
            j = i + len(name)
            while j < len(text) and text[j].isascii() and text[j].isalpha():
                j += 1  # 陈某某Jacob、…
            if text[j : j + 1] in ("（", "("):
                note = _NAME_NOTE_RX.match(text, j)  # 甲某（左）与乙某, 甲某（低保户）、乙某
                j = note.end() if note else j
            # (the pattern starts with a joiner: tried only at one)
            listed = list_rx.match(text, j) if text[j : j + 1] in _JOINER_SET else None
            if listed:
                surname, given = listed.group(1, 2)
                cand = surname + given
                if len(given) == 2 and (not ok(cand, True) or text.startswith(_long_address_forms(), listed.end(2) - 1)
                                        or text[listed.end(2) - 1 : listed.end(2) + 1] in _not_names()
                                        or given[1] in AFTER_NAME and not _before_pause(text, cand)):
                    # (甲某、乙某老师, 甲某、乙某下午…, 甲某和儿子乙某给…: 乙某)
                    cand = surname + given[:1]
                if ok(cand, True) and cand not in seen:
                    seen.add(cand)
                    out.add(cand)
                    queue.append(cand)
            listed_before = _listed_before(text, i, ok)
            if listed_before and listed_before not in seen:
                seen.add(listed_before)
                out.add(listed_before)
                queue.append(listed_before)
            i = text.find(name, i + 1)
    # The Latin patterns below all need a capital followed by a small letter:
    # where one stands (a Chinese page has few or none), they are tried
    # around it only (see finditer_near).
    capitals = [m.start() for m in _CAPITAL_RX.finditer(text)]
    w = _windows()
    # Latin words right after a Chinese name (曾某某Chine): a name found that
    # ends where a Latin word starts.
    names = found | out
    for j in capitals:
        latin = p["latin_after_cjk"].match(text, j)
        if latin and any(len(name) <= j and text.startswith(name, j - len(name)) for name in names):
            out.add(latin.group(1))
    # titles (Mr. Smith)
    if capitals:
        for m in p["latin_title"].finditer(text):
            out.add(m.group(1))
    for key in ("latin_after_role", "latin_report"):
        for m in finditer_near(p[key], text, capitals, *w[key]):
            out.add(m.group(1))
    for m in finditer_near(p["cjk_latin"], text, capitals, *w["cjk_latin"]):
        # a Chinese name right before the Latin one, after a boundary or 和/与/及
        at = m.start()
        for n in (2, 3, 4):
            start = at - n
            before = text[start - 1] if start > 0 else "\n"
            if start >= 0 and (before in BOUNDARY or before in "和与及") and ok(text[start:at], True):
                out.add(text[start:at])
                out.add(m.group())
                break
    for m in p["pet"].finditer(text):
        at = m.start()
        form = m.group(1)
        if (at == 0 or text[at - 1] in BOUNDARY) and form not in _not_names() and form[1] not in AFTER_NAME \
                and form[1:] not in _KINSHIP_CHARS:
            out.add(form)
    # 阿 + one character after a role word or a title (经理阿辉的带领下), 大/小 +
    # one character there before a reporting verb (负责人大飞告诉记者)
    # (the anchors of the windowed patterns: 阿, the brackets, the middle dots)
    marks = char_positions(text, "阿（(" + _DOTS)
    pets = (m.group(1) for m in finditer_near(p["pet_after_role"], text, marks.get("阿", []), *w["pet_after_role"]))
    for form in chain(pets, _nicknames_after_role(text)):
        if form not in _not_names() and form[1] not in AFTER_NAME and form[1:] not in _KINSHIP_CHARS:
            out.add(form)
    out |= _pseudonyms(text, surnames, ok)
    out |= _reduplicated_after_age(text)
    brackets = sorted(marks.get("（", []) + marks.get("(", []))
    for m in finditer_near(p["foreign_bracketed"], text, brackets, *w["foreign_bracketed"]):
        out.add(m.group(1))
    dotted = {f for f in (_transliterated(text, dot) for dot in sorted(chain.from_iterable(
        marks.get(c, []) for c in _DOTS))) if f}
    # a reading with a character more than another of the page is the same
    # name read with a neighbour (人员艾某·阿某孜, 艾某·阿某孜禁不住): the shorter
    out |= {f for f in dotted if not any(len(o) + 1 == len(f) and o in f for o in dotted)}
    out |= _compound_familiar(text, surnames)
    return out


def _compound_familiar(text: str, surnames: frozenset[str]) -> set[str]:
    """老/小 + a two-character surname (小欧阳, 老司马) after a pause and
    before a pause or a word that follows a name."""
    out: set[str] = set()
    for prefix in "".join(cues().get("familiar_prefix", ())):
        i = text.find(prefix)
        while i >= 0:
            sur = text[i + 1 : i + 3]
            after = text[i + 3 : i + 4]
            if len(sur) == 2 and sur in surnames and (i == 0 or text[i - 1] in BOUNDARY) \
                    and (not after or after in BOUNDARY or after in AFTER_NAME):
                out.add(prefix + sur)
            i = text.find(prefix, i + 1)
    return out


#: Where a Latin word of the patterns above starts: a capital before a small letter.
_CAPITAL_RX = re.compile("[A-Z](?=[a-z])")


@functools.cache
def _windows() -> dict[str, tuple[int, int]]:
    """For the patterns of :func:`_patterns` run with :func:`finditer_near`:
    (before, after) such that every match, its lookarounds included, lies
    within ``[a - before, a + after)`` of a position ``a`` of its anchor:

    * ``latin_after_role``: a role word (before the capital ``a``), then
      ``[A-Z][a-z]{1,14}`` and the letter test after it (15 + 1);
    * ``latin_report``: the Latin word, then a reporting verb (lookahead);
    * ``cjk_latin``: the Latin word and the letter test (its lookbehind
      reads before the window: ``re`` looks behind the start position);
    * ``pet_after_role``: a role word or a title, then 阿 (``a``) + one character;
    * ``foreign_bracketed``: a role word or (副 +) a title, 2-4
      transliteration characters, then the bracket ``a`` (lookahead).
    """
    c = cues()
    roles = max(map(len, _roles()))
    titles = max(map(len, c.get("org_title", ("",))))
    latin = 1 + 14
    return {
        "latin_after_role": (roles, latin + 1),
        "latin_report": (0, latin + max(map(len, LATIN_REPORT))),
        "cjk_latin": (0, latin + 1),
        "pet_after_role": (max(roles, titles), 2),
        "foreign_bracketed": (max(roles, 1 + titles) + 4, 1),
    }


def finditer_near(rx: re.Pattern[str], text: str, anchors: list[int], before: int, after: int):
    """``rx.finditer(text)`` for a pattern that can match only by reading
    (lookarounds included) characters within ``[a - before, a + after)`` of
    some position ``a`` of ``anchors`` (ascending): the same matches, with
    the pattern run over those windows only (merged where they meet).  A
    start position outside every window has no match; one inside a window
    has, within it, the match it has in the whole text (each way to match
    reads inside the window, and ``re`` looks behind the start of a window;
    a way cut by the window's end is one that fails in the whole text too);
    and no match crosses from one window to the next."""
    lo = hi = 0
    for a in anchors:
        start, end = max(0, a - before), a + after
        if start <= hi and hi > lo:
            hi = max(hi, end)
            continue
        if hi > lo:
            yield from rx.finditer(text, lo, hi)
        lo, hi = start, end
    if hi > lo:
        yield from rx.finditer(text, lo, hi)


#: The first character of a nickname found after a role word or a title.
NICKNAME_PREFIXES = "大小"


def _nicknames_after_role(text: str) -> Iterator[str]:
    """大/小 + one character after a role word or a title, before a reporting
    verb (``pet_after``: 负责人大飞告诉记者, 志愿者小芳说).  (The page is
    searched for 大 and 小, not for the role words.)"""
    after = tuple(cues().get("pet_after", ()))
    for prefix in NICKNAME_PREFIXES:
        i = text.find(prefix)
        while i >= 0:
            if i + 2 < len(text) and _is_cjk(text[i + 1]) and text.startswith(after, i + 2) \
                    and _role_or_title_end_rx().search(text, max(0, i - _MAX_ROLE), i):
                yield text[i : i + 2]
            i = text.find(prefix, i + 1)


@functools.cache
def _role_or_title_end_rx() -> re.Pattern[str]:
    return re.compile(f"(?:{literal_alternation(list(_roles()) + list(cues().get('org_title', ())))})$")


@functools.cache
def _long_address_forms() -> tuple[str, ...]:
    """The forms of address (``kinship`` cues) of two characters or more
    (老师, 阿姨): a listed name stops before one (甲某、乙某老师)."""
    return tuple(k for k in cues().get("kinship", ()) if len(k) >= 2)


#: What a bracket that marks a pseudonym holds before 化名 (甲某某（化名）,
#: 乙某（均为化名）): the name before it is masked like a name.
PSEUDONYM_BEFORE = ("", "均为", "均系", "系", "为")


def _pseudonyms(text: str, surnames: frozenset[str], ok) -> set[str]:
    """The names before （化名）: a full name of three characters after a
    boundary, a role word or a word that ends before names (的, 村, 组 …),
    with its given name (the writer calls the child by it: 小然然); else the
    two characters before the mark, a full name or a given name (婷婷（化名）)."""
    out: set[str] = set()
    i = text.find("化名")
    while i >= 0:
        end = next((i - len(w) - 1 for w in PSEUDONYM_BEFORE if text.startswith(w, i - len(w))
                    and text[i - len(w) - 1 : i - len(w)] in ("（", "(")), -1)
        if end >= 2 and text[i + 2 : i + 3] in ("）", ")"):
            three, two = text[end - 3 : end] if end >= 3 else "", text[end - 2 : end]
            if three and _starts_a_name(text, end - 3) and ok(three, True):
                out.add(three)
                given = three[2:] if three[:2] in surnames else three[1:]
                if len(given) == 2 and given not in _not_names():
                    out.add(given)
            elif _starts_a_name(text, end - 2) and all(map(_is_cjk, two)) and two not in _long_address_forms() \
                    and two not in _roles() \
                    and (ok(two, True) or not any(c in _NOT_IN_GIVEN for c in two) and two not in _not_names()):
                out.add(two)
        i = text.find("化名", i + 2)
    return out


#: Characters that are in no given name read without a surname (a pseudonym's).
_NOT_IN_GIVEN = set(AFTER_NAME) | set("们某等")


def _starts_a_name(text: str, at: int) -> bool:
    """Whether a name may start at ``at``: after a boundary or a non-CJK
    character, a word that ends before names (的, 村, 组 …) or a role word."""
    before = text[at - 1] if at > 0 else "\n"
    return before in BOUNDARY or not _is_cjk(before) or before in AFTER_WORD_BEFORE_ADDRESS \
        or _ends_with_role(text, at)


#: An age before a child's name (12岁的婷婷, 三岁半的然然).
AGE_BEFORE_NAME = ("岁的", "岁半的")


def _reduplicated_after_age(text: str) -> set[str]:
    """A reduplicated given name (叠字: 婷婷, 然然) right after an age: a
    child's name.  Not a kinship word (奶奶, 舅舅) nor an ordinary word of
    ``not_names.csv`` (宝宝, 娃娃)."""
    out: set[str] = set()
    i = text.find("岁")
    while i >= 0:
        for intro in AGE_BEFORE_NAME:
            if text.startswith(intro, i):
                k = i + len(intro)
                form = text[k : k + 2]
                if len(form) == 2 and form[0] == form[1] and _is_cjk(form[0]) and form[0] not in _KINSHIP_CHARS \
                        and form[0] not in _NOT_IN_GIVEN and form not in _not_names() and text[k + 2 : k + 3] != form[0]:
                    out.add(form)
                break
        i = text.find("岁", i + 1)
    return out


def _paused_addresses(text: str, surnames: frozenset[str], ambiguous: frozenset[str], known_surnames: set[str],
                      address_forms: frozenset[str] | None) -> set[str]:
    """Surname + a form of address that also begins ordinary words (王总,
    ``address_pause`` in name_cues.csv): before a pause or a character of
    AFTER_PAUSED_ADDRESS (王总捐赠, 王总的), the surname being no everyday
    word nor the end of a longer word (中华总工会, 党总支: no pause after)."""
    out: set[str] = set()
    for form in cues().get("address_pause", ()):
        i = text.find(form, 1)
        while i >= 0:
            after = text[i + len(form) : i + len(form) + 1]
            for n in (2, 1):
                surname = text[i - n : i] if i >= n else ""
                if surname not in surnames:
                    continue
                if surname not in ambiguous and (not after or after in BOUNDARY or after in AFTER_PAUSED_ADDRESS) \
                        and surname + form not in _not_names() \
                        and not (surname in known_surnames and address_forms is not None and form in address_forms):
                    out.add(surname + form)
                break
            i = text.find(form, i + 1)
    return out


#: 小 + a given name of two characters, after an age (8岁的小子涵。) or before
#: one (小子涵，12岁，): a child's name.  Its characters are none of these,
#: which begin or end ordinary words for a child (小朋友, 小女孩, 小伙子,
#: 小伙伴, 小学生, 小男孩, 小姑娘, 小宝贝).
CHILD_WORD_STARTS = frozenset("伙朋女男学孩姑宝娃")
CHILD_WORD_ENDS = frozenset("孩子友娘伙伴生儿女妹弟宝孙口哥姐们家时")
_AGE_RX = "[0-9０-９一二三四五六七八九十两]{1,3}(?:周)?岁"


@functools.cache
def _child_pet_rx() -> re.Pattern[str]:
    b = re.escape(BOUNDARY)
    return re.compile(
        f"(?:{_AGE_RX}(?:半)?的(小[{_CJK}]{{2}})(?=[{b}]|$))"
        f"|(?:(?:^|(?<=[{b}]))(小[{_CJK}]{{2}})[，,]{_AGE_RX})"
    )


def _child_pet_names(text: str) -> set[str]:
    """小 + a two-character given name introduced by an age (see _child_pet_rx)."""
    out: set[str] = set()
    if "小" not in text:
        return out
    for m in _child_pet_rx().finditer(text):
        form = m.group(1) or m.group(2)
        if form[2] in CHILD_WORD_ENDS or form[1] in CHILD_WORD_STARTS or form[1] in _KINSHIP_CHARS or form in _not_names() \
                or form[1:] in _not_names() or form[1] in AFTER_NAME:
            continue
        out.add(form)
    return out


#: Kinship words of one character (阿姨's 姨 …): 阿/小 + one of them is no pet name.
_KINSHIP_CHARS = frozenset("姨婆公伯叔嫂妹哥爸妈姐弟爷奶" "娘婶舅姑夫儿")

#: Characters that end a list of names (its clause).
_LIST_END = set("，,。；;：:！!？?\n（(“”")
_LIST_END_RX = re.compile("[" + re.escape("".join(sorted(_LIST_END))) + "]")
#: Words after the last name of a list.
_LIST_TAIL = ("等同志", "等人", "等")
#: The fewest names in a list read without a name found before.
MIN_LISTED = 3


def _name_lists(text: str, ambiguous: frozenset[str], ok) -> set[str]:
    """The names of lists of three or more names joined by 、 (甲某、乙某某、
    丙某等): every item two or three characters, a surname that is no
    everyday word first, each passing the guards; the first item may follow
    a word (获奖者有甲某…: its last two or three characters)."""
    out: set[str] = set()
    i = text.find("、")
    if i < 0:
        return out
    n = len(text)
    backwards = text[::-1]  # (the clause's start: the first end found backwards)
    while i >= 0:
        # the run of 、-joined items around i, within one clause
        end = _LIST_END_RX.search(backwards, n - i)
        a = n - end.start() if end else 0
        end = _LIST_END_RX.search(text, i)
        b = end.start() if end else n
        items = text[a:b].split("、")
        i = text.find("、", b)
        last = items[-1]
        for tail in _LIST_TAIL:
            if last.endswith(tail):
                items[-1] = last = last[: -len(tail)]
                break
        else:
            # 等 + a count after the last name (丙某等七位“妈妈”, 丙某等10人)
            k = last.find("等")
            if 2 <= k <= 3:
                items[-1] = last = last[:k]
        # (the last two may be joined by 和/及/与: 甲某、乙某和丙某)
        for joiner in "和及与":
            k = last.find(joiner, 2)
            if 2 <= k <= 3 and len(last) - k - 1 >= 2:
                items[-1:] = [last[:k], last[k + 1 :]]
                break
        if len(items) < MIN_LISTED:
            continue
        names: list[str] = []
        for k, item in enumerate(items):
            if k == 0:
                cands = [item[-3:], item[-2:]]  # (after a word: 老阿姨甲某某)
            elif k == len(items) - 1 and len(item) > 3 and item[2:4] in _not_names():
                cands = [item[:2]]  # (…、丙某下午到达: a word after the name)
            elif k == len(items) - 1 and len(item) > 3:
                # (before the predicate: …、丙某某组了个…)
                cands = [c for c in (item[:3], item[:2]) if c[-1] not in AFTER_NAME][:1] if item[2] not in AFTER_NAME \
                    else [item[:2]]
            else:
                cands = [item]
            # (an everyday-word surname, 高 or 常, needs the strong guards
            # and other names around it: 甲某、高某某、乙某某、丙某)
            name = next((c for c in cands if 2 <= len(c) <= 3
                         and (ok(c, True) if c[0] in ambiguous else ok(c, False))), None)
            if name is None:
                names = []
                break
            names.append(name)
        if sum(n[0] not in ambiguous for n in names) >= MIN_LISTED:
            out.update(names)
    return out


def _before_pause(text: str, name: str) -> bool:
    """Whether ``name`` stands before a pause somewhere on the page."""
    i = text.find(name)
    while i >= 0:
        if text[i + len(name) : i + len(name) + 1] in BOUNDARY:
            return True
        i = text.find(name, i + 1)
    return False


def _listed_before(text: str, at: int, ok) -> str | None:
    """The name listed right before the name at ``at`` (甲某某、乙某某: a list
    ends with a name found as often as it starts with one), or None.  After
    、 the name before it may follow any word (走访了我县甲某某、乙某某); after
    和/及/与 it must itself follow a list mark or a boundary (甲某、乙某和丙某),
    as a word before 和 is mostly no name.  Three characters are tried
    first, as most full names have them."""
    joiner = text[at - 1] if at > 0 else ""
    if joiner not in LIST_JOINERS:
        return None
    end = at - 1
    cands = [text[end - n : end] for n in (3, 2) if end - n >= 0]
    for cand in cands:
        start = end - len(cand)
        before = text[start - 1] if start > 0 else "\n"
        if (before in BOUNDARY or before in LIST_JOINERS) and ok(cand, True):
            return cand
    if joiner != "、":
        return None
    return next((c for c in cands if ok(c, True)), None)


#: Characters that end the part of a transliterated name before its dot
#: (来自英国的志愿者彼得·沃森, 最让彼得·沃森感动的: the name starts after 的, 者, 让 …).
_BEFORE_FOREIGN_NAME = set("的了是和与及、在为向对给让使被把请")


#: Quotes and title marks around a slogan or a title.
_TITLE_OPEN = ("“", "《", "\"", "「", "『")
_TITLE_CLOSE = ("”", "》", "\"", "」", "』")


def _transliterated(text: str, dot: int) -> str | None:
    """The transliterated name around the middle dot at ``dot`` (彼得·沃森),
    or None: up to four characters before it, after any role word or
    function character, and the characters after it up to a word that
    follows a name."""
    before = dot
    while before > 0 and dot - before < 10 and _is_cjk(text[before - 1]):
        before -= 1
    head = text[before:dot]
    cut = max((head.rfind(r) + len(r) for r in _roles() if r in head), default=0)
    cut = max(cut, max((i + 1 for i, c in enumerate(head) if c in _BEFORE_FOREIGN_NAME), default=0))
    head = head[cut:][-4:]
    after = dot + 1
    while after < len(text) and after - dot <= 8 and _is_cjk(text[after]) and text[after] not in AFTER_NAME:
        after += 1
    tail = text[dot + 1 : after]
    if not head or not tail:
        return None
    letters = head + tail
    if sum(c in _translit_chars() for c in letters) < TRANSLITERATED_SHARE * len(letters):
        # the words after the name read with it (艾某·阿某孜今年78岁): the tail
        # up to its first character of no transliteration, when two are left
        short = next((k for k, c in enumerate(tail) if c not in _translit_chars()), len(tail))
        tail = tail[:short]
        letters = head + tail
        if len(tail) < 2 or sum(c in _translit_chars() for c in letters) < TRANSLITERATED_SHARE * len(letters):
            return None  # (济南广电·天下泉城, 通知•发文字号: words joined by a dot, no name)
        after = dot + 1 + short
    # a slogan or a title in quotes (“迎新春·送温暖”, 《…·…》) is no name
    # (the whole quote: no role word or function character cut off its start)
    if cut == 0 and text[before - 1 : before] in _TITLE_OPEN and text[after : after + 1] in _TITLE_CLOSE:
        return None
    # a second dot: 约翰·菲茨杰拉德·肯尼迪
    if after < len(text) and text[after] in "·•・":
        rest = _transliterated(text, after)
        if rest:
            return head + text[dot] + rest
    return head + text[dot] + tail


#: The share of a dotted run's characters that must be transliteration
#: characters (``transliteration`` in name_cues.csv) for it to be a name.
TRANSLITERATED_SHARE = 0.8


@functools.cache
def _translit_chars() -> frozenset[str]:
    return frozenset("".join(cues().get("transliteration", ())))


@functools.cache
def _function_words() -> frozenset[str]:
    """Surnames that are also function or time words (``function_surname``: 和, 从)."""
    return frozenset("".join(cues().get("function_surname", ())))


@functools.cache
def _not_names() -> frozenset[str]:
    """Ordinary words that read like a form of a name (小康, 小区): ``not_names.csv``."""
    with (VOCAB_DIR / "not_names.csv").open(encoding="utf-8", newline="") as f:
        return frozenset(r["word"] for r in csv.DictReader(f))


#: The kinds of ``roles.csv`` rows that introduce a person's name: roles
#: (also read by ``etl.semantic.care_visits`` as recipients), relations, and
#: ``name_role``: words that stand before a private name (监测户, 同学) but
#: are no recipient role of a care visit.
NAME_ROLE_KINDS = ("role", "relation", "name_role")


@functools.cache
def _roles() -> tuple[str, ...]:
    """The words of ``NAME_ROLE_KINDS`` rows (志愿者, 妈妈, 监测户 …), in the file's order."""
    with (VOCAB_DIR / "roles.csv").open(encoding="utf-8", newline="") as f:
        return tuple(r["zh"] for r in csv.DictReader(f) if r["kind"] in NAME_ROLE_KINDS and "…" not in r["zh"])


@functools.cache
def _relations() -> tuple[str, ...]:
    """The family members of roles.csv (``relation``: 妈妈, 儿子, 老伴 …)."""
    with (VOCAB_DIR / "roles.csv").open(encoding="utf-8", newline="") as f:
        return tuple(r["zh"] for r in csv.DictReader(f) if r["kind"] == "relation" and "…" not in r["zh"])


def _ends_with_role(text: str, at: int) -> bool:
    """Whether a role word (志愿者, 大学生 …) ends right before ``at``."""
    return _role_end_rx().search(text, max(0, at - _MAX_ROLE), at) is not None


_MAX_ROLE = 8


@functools.cache
def _role_end_rx() -> re.Pattern[str]:
    return re.compile(f"(?:{literal_alternation(list(_roles()))})$")


@functools.cache
def _not_names_by_first() -> dict[str, tuple[str, ...]]:
    """The ordinary words of ``not_names.csv`` by their first two characters
    (小区, 小康村: 老/小 + a surname character that starts a word)."""
    out: dict[str, tuple[str, ...]] = {}
    for w in _not_names():
        if len(w) >= 2:
            out[w[:2]] = out.get(w[:2], ()) + (w,)
    return out


def _is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf"


_LATIN_RX = re.compile("[A-Za-z]+")


def is_latin(name: str) -> bool:
    """Whether ``name`` is written in Latin letters (masked as a whole word only)."""
    return _LATIN_RX.fullmatch(name) is not None
