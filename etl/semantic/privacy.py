"""Private persons' names: find them on a page.

Nothing the package publishes may carry a private person's name (residents,
patients, their families, workers, and the journalists of the bylines).  This
module finds them: the pipeline calls :func:`find_private_names` once per page
(through ``etl.semantic.derive``).  Masking them in every free-text value the
pipeline publishes is ``etl.semantic.name_masking``; the vocabularies of names,
the guards against ordinary words and the choice of a name's length, which
both use, are ``etl.semantic.name_candidates``.

How names are found: from the way Chinese news introduces people, with a
surname table (``schemas/vocab/surnames.csv``: the 百家姓 with its two-character
surnames, plus a few common modern ones), never from a list of names.

* **Bylines and photo credits** (``（记者 吴某某 邓某某 实习生 李某某）``,
  ``记者 张某 摄``): ``etl.semantic.name_bylines``.
* **Role or relation word + name** (strong cue): ``居民熊某``, ``教师周某某``,
  ``工作人员张某某``, ``儿子罗某某`` (role words: ``schemas/vocab/roles.csv``),
  and an age introduction ``83岁的朱某某`` (``INTRO_BEFORE``).
* **Name + reporting verb or introduction** (weak cue) right after a sentence
  boundary: ``，黄某某说``, ``“刘某某是``, ``卢某某曾是``, ``周某某一家``,
  and photo captions ``张某某（右）``.  Weak cues are not enough for surnames
  that are everyday words (``ambiguous`` in the surname table: 高, 江, 万,
  尤, 曾 …).
* **Title in a private organisation + name** (strong): 电商协会副秘书长X,
  第五慈善小组组长X、副组长Y (``org_title`` after a ``private_org`` of the
  same clause in ``name_cues.csv``; a title of a state body is no cue).
* **的 + name + reporting verb** (weak): 在某厂务工的X说, 在外经商的X回乡;
  **据 + name + reporting verb** (weak): 据X介绍, unless the name follows a
  title on the page (an official); **a verb of visiting + name + home**
  (weak): 来到X家中, 看望了X老人, 看望了X等10余户贫困户, 看望了X、Y两位老人;
  **村/组 + full name + home** (weak): 在某村X家里; **a role word + 的 + name
  + a comma and an introduction** (strong): 预备党员的X，是…; an age or
  school year before a name (83岁的X, 95岁高龄的X, 年逾七旬的X, 三年级的X);
  a profile after a name (X，男，65岁; X，58岁，) and a photo's row (X（右一）);
  **a visited list whose names follow their villages** (weak): 走访了甲村X和乙
  村Y两位百岁老人; **the captain of a team the page calls volunteers**
  (weak): 某某队的X队长 with 某某队的志愿者 on the page.
* **The people of a count of private persons listed after 分别是** (strong):
  3名医生，分别是院长X、主治医师Y以及护士Z (``name_context.staff_lists``).
* **A verb of visiting a person + name + a pause or 并** (weak): 看望了X，
  为她送去…, 上门探望X并… (``visit_person``); **a full name + 的 + a family member** (weak): 搀着X的老伴;
  **a verb of meeting a person + name + 时** (weak): 见到X时, 采访X时
  (``meet_person``), strong when a personal pronoun takes it up (见到X时，她…); **a village + full name + what a
  person does** (weak): 某某村X就出门…, 某某村X今年… (``place_person_after``);
  **a name + what only a person does** (weak, after a boundary): X买了…, X倍感
  珍惜, X和老伴…, X动情地说, “X，我们来…
* **A full name + a title only a private body gives** (X行长, X董事长; not
  after 人民银行): ``name_context.private_title_names``.
* A three-character name with an everyday-word surname after an age or a
  naming verb (56岁的于某某正…) is confirmed when no dictionary word touches
  it (``name_lexicon.reads_as_full_name``; 和困难 stays words).
* A name with an everyday-word surname after an age is confirmed by 老人
  after it (106岁的金某某老人), unless the surname is a function word
  (孤寡老人和贫困老人); by an age after it too (退役军人关某某今年90岁).  A
  full name of three characters with such a surname found by a weak cue
  counts when the cue is a visit to it (看望了金某某，) or an age follows it
  (``_person_only_cue``; not 高中生说, 高温下老人: words).
* Rosters and the entries of forms (参加人员：…, 带队人：X, 3（X，Y，Z）, 本帖
  最后由 X 于 …): ``etl.semantic.name_rosters``; names without a Chinese
  surname (牧民巴某某说, Tom Miller, Lucy和Jack): ``etl.semantic.name_foreign``.
* A figure after a private name is the person's own (see
  ``etl.semantic.indicators``) unless a verb of giving stands between them
  (某总捐赠了300元): a gift to others.
* A name whose surname is an everyday word found by a role word only needs a
  pause, 说, 是 or 家 after it (毕业生年末就业率, 老人和孩子送去 stay), a word
  only a person does (相依为命), or a second cue elsewhere.
* Whether a name has two or three characters, and the guards against
  masking ordinary words: see ``etl.semantic.name_candidates``.

* A surname + given name standing alone between pauses or list marks
  (孙某某、祁某某也来了) that jieba's word dictionary reads as no word (weak):
  ``etl.semantic.name_lexicon``.  (jieba's segmenter is not run: its HMM,
  the only mode that tags unknown names, takes ~200 ms a page and tags
  康复 or 道德 as names; the dictionary look-ups take ~0.1 ms.)
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from itertools import chain

from etl.extract.rules import literal_alternation
from etl.extract.textrepair import Repaired
from etl.semantic import name_bylines, name_context, name_foreign, name_forms, name_lexicon, name_rosters
from etl.semantic.name_candidates import (
    ADDRESS_FORMS,
    FUNCTION_NAME_STARTS,
    POST_NAME_CHARS,
    _BOUNDARY,
    _before_place_suffix,
    _before_suffix_rx,
    _choose_length,
    _inside_place_name,
    _occurrences,
    _place_parts,
    _stands_alone,
    _static_ok,
    _substrings,
    _vocab,
)


_CJK = "\u4e00-\u9fff\u3400-\u4dbf"

#: Weak cues: a name followed by one of these, right after a sentence boundary.
WEAK_AFTER = (
    "说", "表示", "介绍", "告诉", "坦言", "回忆", "说道", "笑着说", "感慨", "是", "今年",
    "曾是", "曾经", "家中", "家里", "一家", "的儿子", "的女儿", "的丈夫", "的妻子",
    "的母亲", "的父亲", "连连", "夫妇", "母子", "父子", "老人", "已", "立马", "就",
    # an age after a pause (，王某某，今年83岁), a subject's everyday actions
    "，今年", ",今年", "，现年", ",现年", "现年", "笑着", "拉着", "握着", "每天", "平时", "从小",
    "激动地", "高兴地", "感动地", "连忙",
    # a profile (X，男，65岁; X（女，72岁）), an illness, an interview
    "，男，", "，女，", ",男,", ",女,", "（男，", "（女，", "(男,", "(女,", "(男，", "(女，",
    "患有", "身患", "独自", "接受采访", "在接受采访", "正在",
    # what only a person does or has (X买了棉裤, X倍感珍惜, X和老伴…, X动情地说)
    "买了", "倍感", "亲自", "带领", "动情地", "深情地", "和老伴", "和儿子", "和女儿", "和妻子", "和丈夫", "和孩子",
    "在家门口", "家的", "的家在", "老两口",
    # a person addressed at the start of a quote (“X，我们来看您了)
    "，我们来", ",我们来", "，您", ",您", "，你们", ",你们",
)
#: A profile after a name: a pause, an age, a pause (走访第一户：X，58岁，家庭…),
#: or an age in brackets (X（75岁）).
AGE_PROFILE_AFTER = "[，,][0-9０-９]{1,3}岁[，,]|[（(][0-9０-９]{1,3}岁[）)]"
#: Strong cues before a name besides role words: an age introduction
#: (``今年83岁的朱某某``, ``52岁的聂某某``) or a naming verb (``名叫李某``).
INTRO_BEFORE = ("岁的", "名叫", "名字叫", "叫做", "化名", "年级的", "年级",
                # an age said in words (95岁高龄的X, 年逾七旬的X)
                "高龄的", "六旬的", "七旬的", "八旬的", "九旬的")
#: Strong cues after a name (photo captions).
STRONG_AFTER = ("(右)", "(左)", "(中)", "(前)", "(后)", "（右）", "（左）", "（中）", "（前）", "（后）") + tuple(
    # (右一), （左二）: a place in a photo's row
    f"{o}{side}{n}{c}" for o, c in (("(", ")"), ("（", "）")) for side in "左右" for n in "一二三四五")

#: What may follow a name found by a role word only whose surname is a
#: function or time word (``function_surname`` in name_cues.csv: 年, 从, 和 …):
#: a pause, a reporting verb, 家 or 是.  Others read as the word (毕业生年末
#: 就业率, 老人和孩子送去) unless a second cue elsewhere confirms the name.
#: (Other everyday-word surnames, 高, 江 …, need one of POST_NAME_CHARS.)
AMBIGUOUS_CONFIRMING_AFTER = set("，。、；：！？,.;:!?说是家等") | set(" \u3000\n")
#: Words after such a name that only a person does (她和奶奶白某某相依为命):
#: they confirm it as the characters above do.
AMBIGUOUS_CONFIRMING_WORDS = ("相依为命", "独自", "患有", "身患")
#: An age after such a name (退役军人关某某今年90岁, 老人于某某83岁): it
#: confirms it too.
_AGE_AFTER_RX = re.compile("(?:今年|现年)?[0-9０-９一二三四五六七八九十百]{1,3}(?:周)?岁")
#: A word that calls such a name a person (106岁的金某某老人): it confirms
#: it too, unless the surname is a function word (孤寡老人和贫困老人).
AMBIGUOUS_CONFIRMING_PERSON = ("老人",)


@functools.cache
def _function_surnames() -> frozenset[str]:
    return frozenset("".join(name_forms.cues().get("function_surname", ())))


def _confirms_ambiguous(surname: str, after: str) -> bool:
    """Whether ``after``, the characters after a name with an everyday-word
    surname found by a role word, confirm it (see AMBIGUOUS_CONFIRMING_AFTER
    and AMBIGUOUS_CONFIRMING_WORDS)."""
    if not after:
        return True
    if after.startswith(AMBIGUOUS_CONFIRMING_WORDS) or _AGE_AFTER_RX.match(after):
        return True
    if after.startswith(AMBIGUOUS_CONFIRMING_PERSON) and surname not in _function_surnames():
        return True
    after = after[:1]
    if surname in _function_surnames():
        return after in AMBIGUOUS_CONFIRMING_AFTER
    return after in POST_NAME_CHARS or after in AMBIGUOUS_CONFIRMING_AFTER


@functools.cache
def _patterns():
    single, compound, ambiguous, roles, _, _ = _vocab()
    # (the place names' strings and the place suffix pattern built with the
    # patterns: once, by the pipeline's warm-up, before worker processes
    # fork, though its page has no name to need them)
    _place_parts()
    _before_suffix_rx()
    sur = "(?:" + literal_alternation(list(compound)) + "|[" + "".join(sorted(single)) + "])"
    role_alt = literal_alternation(list(roles) + list(INTRO_BEFORE))
    sur_first = "".join(sorted({c[0] for c in compound} | single))
    # (The first character of a surname checked before the surnames one by
    # one: the same matches, found sooner after the many role words that
    # are not followed by a name.)
    left = re.compile(f"(?:{role_alt})(?=[{sur_first}])(?=({sur})([{_CJK}]{{1,2}}))")
    weak_alt = literal_alternation(list(WEAK_AFTER + STRONG_AFTER))
    # After a boundary character (consumed, so that ``re`` can skip to the
    # candidates; it is never part of a name, so the matches are those of a
    # lookbehind), or at the start of the text (``_right_at_start``).
    # (and a profile with an age after a pause: X，58岁，)
    right = re.compile(
        f"[{_BOUNDARY}](?=[{sur_first}])({sur})([{_CJK}]{{1,2}}?)(?=({weak_alt}|{AGE_PROFILE_AFTER}|{VISITED_COUNT_AFTER}))"
    )
    return sur, left, right


#: 等 + a count of people or households after a visited name (看望了X等10余户
#: 贫困户, 慰问了X等人; not 走访了X等5个村: X is a place).
VISITED_COUNT_AFTER = "等(?:人|[0-9０-９一二三四五六七八九十百两几数]+[余多]?(?:户|人|名|位))"

#: The most names after the first of a visited list (看望了X、Y两位老人) read
#: before its home or count (a bound on the pattern's backtracking).
VISITED_LIST_MAX = 5

#: The village before a name of a visited list (甲村X: X).
_PLACE_PREFIX_RX = re.compile(f"^[{_CJK}]{{1,3}}?[村组屯](?=.{{2,3}}$)")

#: How far before a title a private organisation may be named (characters
#: of one clause: 第三慈善小组组长X、副组长Y).
ORG_TITLE_WINDOW = 16
_CLAUSE_BREAK_RX = re.compile("[，,。；;！!？?\n“”]")


@functools.cache
def _cue_patterns() -> dict[str, re.Pattern[str]]:
    """The cues of ``name_cues.csv`` read by this module (strong unless said):

    * ``org_title``: a title (会长, 组长, 经理 …) followed by a name, when a
      private organisation (``private_org``: 协会, 公司, 慈善, 敬老院 …) is
      named before it in the same clause (电商协会副秘书长X);
    * ``de_report`` (weak): 的 + name + a reporting verb (在某厂务工的X说), and
      据 + name + a reporting verb (据X介绍);
    * ``apposition``: a role word + 的 + name + a comma and an introduction
      (刚成为预备党员的X，是…; 独居老人的X，今年…);
    * ``visit_home`` (weak): a verb of visiting + name + a home or 老人
      (``visit_before``, ``home_after``: 来到X家中, 看望了X老人), or + 等 and a
      count or a role of those visited (看望了X等10余户贫困户, 慰问了X等人,
      看望了X等困难群众, 慰问了X、Y等困难老党员), or + a list of names that one of those follows
      (看望了X、Y两位老人);
    * counted lists of people (X、Y两名志愿者): ``etl.semantic.name_context``;
    * ``visit_person`` (weak): a verb of visiting a person + name + a pause
      or 并 (看望了X，为她送去…; 上门探望X并…);
    * ``family_of`` (weak): a full name of three characters + 的 + a family
      member (搀着X的老伴, X的儿子说);
    * ``place_home`` (weak): where a home is (``home_place``: 村, 组 …) + a
      full name of three characters + its home (在某某村X家里) or what a
      person does (``place_person_after``: 某某村X就出门…, 某某村X今年…).
    """
    cues = name_forms.cues()
    sur = _patterns()[0]
    _, _, _, roles, _, _ = _vocab()
    titles = literal_alternation(list(cues.get("org_title", ())))
    report = literal_alternation(list(cues.get("de_report", ())))
    intro = literal_alternation(list(cues.get("apposition", ())))
    visit = literal_alternation(list(cues.get("visit_before", ())))
    home = literal_alternation(list(cues.get("home_after", ())))
    place = f"[{_CJK}]{{1,3}}?[{re.escape(''.join(cues.get('home_place', ())))}]"

    def alt(kind: str) -> str:
        return literal_alternation(list(cues.get(kind, ())))

    return {
        # (where a comma and an introduction follow: apposition's anchor)
        "apposition_comma": re.compile(f"[，,](?=(?:{intro}))"),
        # (the name may open a list that the home or the count follows:
        # 看望了X、Y两位老人, 慰问了X和Y夫妇, 走访了X、Y等困难群众)
        "visit_home": re.compile(
            f"(?:{visit})了?({sur})([{_CJK}]{{1,2}}?)"
            f"(?=(?:[、和]{sur}[{_CJK}]{{1,2}}?){{0,{VISITED_LIST_MAX}}}(?:(?:{home})|{VISITED_COUNT_AFTER}|[两二三四五六七八九十]位"
            f"|等[{_CJK}]{{0,4}}?(?:{literal_alternation(roles)})))"
        ),
        # a verb of visiting a person + name + a pause or 并 (看望了X，送去…;
        # 上门探望X并…): ``visit_person``
        "visit_person": re.compile(
            f"(?:{literal_alternation(list(cues.get('visit_person', ())))})了?({sur})([{_CJK}]{{1,2}}?)"
            f"(?=[，,。；;！!]|并)"
        ),
        # a full name + 的 + a family member (搀着X的老伴, X的儿子说): ``relation`` in roles.csv
        "family_of": re.compile(f"的(?:{literal_alternation(list(name_forms._relations()))})"),
        "family_name": re.compile(f"({sur})([{_CJK}]{{2}})"),
        # (a visited list whose names each follow their village: 走访了甲村X和
        # 乙村Y两位百岁老人; the list is split by visited_places)
        "visit_places": re.compile(
            f"(?:{visit})了?((?:{place}{sur}[{_CJK}]{{1,2}}?[、和]){{1,{VISITED_LIST_MAX}}}{place}{sur}[{_CJK}]{{1,2}}?)"
            f"(?=[两二三四五六七八九十]位|{VISITED_COUNT_AFTER})"
        ),
        # a team + 的 + name + its captain (某某队的X队长): see _volunteer_captains
        "team_captain": re.compile(f"([{_CJK}]{{2,6}}队)的({sur})([{_CJK}]{{1,2}}?)(?=副?队长)"),
        "place_home": re.compile(
            f"[{re.escape(''.join(cues.get('home_place', ())))}]({sur})([{_CJK}]{{2}})"
            f"(?=家中|家里|{literal_alternation(list(cues.get('place_person_after', ())))})"
        ),
        "org": re.compile(literal_alternation(list(cues.get("private_org", ())))),
        "title": re.compile(f"(?:{titles})(?=({sur})([{_CJK}]{{1,2}}))"),
        "de_report": re.compile(f"的({sur})([{_CJK}]{{1,2}}?)(?=(?:{report}))"),
        # 据 + name + a reporting verb (据X介绍): not a title (据王主任介绍)
        "according_to": re.compile(f"据({sur})([{_CJK}]{{1,2}}?)(?=(?:{report}))"),
        # whom others are like (像X这样的返乡创业者)
        "like": re.compile(f"像({sur})([{_CJK}]{{1,2}}?)(?=这样的)"),
        # who leads (活动由X带队), under whose help (在X的帮助下), for or with
        # whom a volunteer does something (给X送去…, 陪X聊天): see _according_to
        "led_by": re.compile(f"由({sur})([{_CJK}]{{1,2}}?)(?=(?:{alt('led_by_after')}))"),
        "under": re.compile(f"在({sur})([{_CJK}]{{1,2}}?)(?=的(?:{alt('under_after')}))"),
        "prep_person": re.compile(
            f"[{''.join(cues.get('prep_person', ()))}](?=[{_sur_first()}])({sur})([{_CJK}]{{2}})"
            f"(?=(?:{alt('prep_person_after')}))"
        ),
        # a role word + 的 + name + its home (空巢老人的X家里): a visited person
        "role_home": re.compile(f"(?:{literal_alternation(roles)})的({sur})([{_CJK}]{{1,2}}?)(?=家中|家里)"),
        "apposition": re.compile(
            f"(?:{literal_alternation(roles)})的({sur})([{_CJK}]{{1,2}}?)(?=[，,](?:{intro}))"
        ),
    }


def _family_of(text: str) -> Iterable[re.Match[str]]:
    """A full name of three characters before 的 + a family member (搀着X的
    老伴): the scan skips to the family member, then reads the name before it."""
    cue = _cue_patterns()
    for m in cue["family_of"].finditer(text):
        name = cue["family_name"].fullmatch(text, max(0, m.start() - 3), m.start())
        if name:
            yield name


@functools.cache
def _apposition_window() -> tuple[int, int]:
    """(before, after) of ``apposition`` around the comma after its name
    (``name_forms.finditer_near``): a role word, 的, a surname (one or two
    characters) and one or two characters before it; the introduction after it."""
    roles = _vocab()[3]
    return max(map(len, roles)) + 1 + 2 + 2, 1 + max(map(len, name_forms.cues().get("apposition", ("",))))


#: How titles end (局长, 书记, 主任 …): a name found after one of them on the
#: page is no private person for the cue 据X介绍 (据李某介绍 after 副厅长李某: an
#: official named in office; a private organisation's head is found by its
#: own cue, ``org_title``).
TITLE_ENDS = ("长", "书记", "主任", "主席", "委员", "干事")


def _according_to(text: str) -> Iterable[re.Match[str]]:
    """据 + name + a reporting verb (据X介绍), 像 + name + 这样的 (像X这样的
    返乡创业者), 由 + name + 带队/负责 … (``led_by_after``: 活动由X带队), 在 + name
    + 的帮助/带领 … (``under_after``: 在X的帮助下) and a preposition + a full name
    of three characters + a volunteer's deed (``prep_person``,
    ``prep_person_after``: 给X送去…, 陪X聊天); not a surname + a title or a
    form of address (据王主任介绍: an official, or no name), nor a name that
    follows a title elsewhere on the page (TITLE_ENDS)."""
    titles = _titles()
    p = _cue_patterns()
    for m in chain(*(p[k].finditer(text) for k in ("according_to", "like", "led_by", "under", "prep_person"))):
        name = m.group(1) + m.group(2)
        if m.group(2) in titles or name.endswith(TITLE_ENDS):
            continue  # (据王主任介绍, 由王局长带队: a surname and a title)
        if any(text.endswith(TITLE_ENDS, 0, i) for i in _occurrences(text, name)):
            continue
        yield m


@functools.cache
def _sur_first() -> str:
    """The first characters of the surnames (a regex class's content)."""
    single, compound, *_ = _vocab()
    return "".join(sorted({c[0] for c in compound} | single))


@functools.cache
def _titles() -> frozenset[str]:
    return frozenset(ADDRESS_FORMS) | frozenset(name_forms.cues().get("org_title", ())) | frozenset(
        name_forms.cues().get("kinship", ()))


def _org_title_names(text: str) -> list[tuple[str, str, int]]:
    """(surname, given, start) after a title of a private organisation named
    earlier in its clause (see :func:`_cue_patterns`)."""
    p = _cue_patterns()
    out = []
    for m in p["title"].finditer(text):
        lo = max(0, m.start() - ORG_TITLE_WINDOW)
        brk = None
        for brk in _CLAUSE_BREAK_RX.finditer(text, lo, m.start()):
            pass
        if brk is not None:
            lo = brk.end()
        if p["org"].search(text, lo, m.start()):
            out.append((m.group(1), m.group(2), m.start(1)))
    return out


#: The last characters of counts, dates and places (万余户, 全村人, 每年,
#: 安置房): no given name after an everyday-word surname found by a weak
#: cue ends with one of them.
COUNT_ENDS = set("户人名位个次元万亿岁年月日" "房点站所院场厂馆室楼屋校处部局队组")


def _person_only_cue(text: str, name: str, end: int, visited: bool) -> bool:
    """Whether a weak cue found a full name of three characters whose
    surname is an everyday word (金某某, 万某某; not a function word: 慰问和
    祝福，) with evidence of a person: a visit to it (看望了金某某，) or an
    age after it (金某某今年83岁); its last character no count's or place's
    (万余户, 安置房).  (What a person does after it is no evidence: 高中生说,
    高温下老人 are words.)"""
    if len(name) != 3 or name[0] not in _vocab()[2] or name[0] in _function_surnames() or name[-1] in COUNT_ENDS:
        return False
    return visited or _AGE_AFTER_RX.match(text[end : end + 8].lstrip("，,")) is not None


@functools.cache
def _visit_res() -> tuple[re.Pattern[str], ...]:
    return (_cue_patterns()["visit_home"], _cue_patterns()["visit_person"])


@functools.cache
def _right_at_start() -> re.Pattern[str]:
    """The ``right`` pattern of :func:`_patterns` for the start of a text."""
    sur = _patterns()[0]
    weak_alt = literal_alternation(list(WEAK_AFTER + STRONG_AFTER))
    return re.compile(f"({sur})([{_CJK}]{{1,2}}?)(?=({weak_alt}|{AGE_PROFILE_AFTER}|{VISITED_COUNT_AFTER}))")


# --- helpers -----------------------------------------------------------------


#: The forms of address (``name_forms.find_forms`` looks them up).
_ADDRESS_SET = frozenset(ADDRESS_FORMS)


# --- public API --------------------------------------------------------------


_HOME_RX = re.compile("家[中里]")


def find_private_names(repaired: Repaired) -> frozenset[str]:
    """The private persons' names on a page (see the module docstring)."""
    text = repaired.clean
    _, left, right = _patterns()
    ambiguous = _vocab()[2]
    cands: dict[str, bool] = {}  # candidate -> seen with a strong cue

    # Bylines and photo credits (``etl.semantic.name_bylines``).
    for name in name_bylines.byline_names(repaired):
        cands[name] = True

    # Role or relation word + name.  (A name often follows its role word
    # several times: its length, which counts it on the whole page, once.)
    lengths_chosen: dict[tuple[str, str], str] = {}
    # Names with an everyday-word surname whose strong cue is not followed by
    # a character that follows names (8岁的高某某戴着): a second, weak cue for
    # the same string elsewhere on the page confirms them (“高某某是…).
    unconfirmed: set[str] = set()
    for m in left.finditer(text):
        surname, given = m.group(1, 2)
        chosen = lengths_chosen.get((surname, given))
        if chosen is None:
            chosen = lengths_chosen[surname, given] = _choose_length(text, surname, given)
        if surname in ambiguous:
            start = m.start(1)
            after = text[start + len(chosen) : start + len(chosen) + 6]
            if not _confirms_ambiguous(surname, after) and not (
                    m.group() in INTRO_BEFORE and name_lexicon.reads_as_full_name(text, start, chosen, surname)):
                unconfirmed.add(chosen)
                continue
        cands[chosen] = True

    # A title in a private organisation + name (电商协会副秘书长X).
    cue = _cue_patterns()
    for surname, given, start in _org_title_names(text):
        chosen = _choose_length(text, surname, given)
        if surname in ambiguous:
            after = text[start + len(chosen) : start + len(chosen) + 6]
            if not _confirms_ambiguous(surname, after):
                unconfirmed.add(chosen)
                continue
        cands[chosen] = True
    # A role word + 的 + name + a comma and an introduction (党员的X，是…).
    # (tried only before a comma that an introduction follows)
    commas = [m.start() for m in cue["apposition_comma"].finditer(text)]
    for m in name_forms.finditer_near(cue["apposition"], text, commas, *_apposition_window()):
        cands[m.group(1) + m.group(2)] = True
    # A role word + 的 + name + its home (空巢老人的X家里): weak (tried only
    # before a home, as apposition before its comma).
    homes = [m.start() for m in _HOME_RX.finditer(text)]
    for m in name_forms.finditer_near(cue["role_home"], text, homes, *_apposition_window()):
        name = m.group(1) + m.group(2)
        cands[name] = cands.get(name, False) or name in unconfirmed
    # 的 + name + a reporting verb (在某厂务工的X说), a visit to a name's
    # home (来到X家中, 在某村X家里): weak.
    # (a full name whose surname is an everyday word, on a cue of a person
    # only: see _person_only_cue)
    medium: set[str] = set()
    for m in chain(cue["de_report"].finditer(text), cue["visit_home"].finditer(text), cue["visit_person"].finditer(text),
                   _family_of(text),
                   cue["place_home"].finditer(text), _according_to(text)):
        name = m.group(1) + m.group(2)
        cands[name] = cands.get(name, False) or name in unconfirmed
        if _person_only_cue(text, name, m.end(2), m.re in _visit_res()):
            medium.add(name)

    # A person met (见到X时; strong when a pronoun takes it up: 见到X时，她…).
    for name, strong in name_context.met_persons(text, _patterns()[0]):
        cands[name] = cands.get(name, False) or strong or name in unconfirmed

    # Names listed before a count of people (X、Y两名志愿者): all of them, an
    # everyday-word surname too when a plain full name stands in the list.
    for names in name_context.counted_lists(text, _patterns()[0]):
        plain = any(len(n) == 3 and n[0] not in ambiguous for n in names)
        for name in names:
            cands[name] = cands.get(name, False) or name in unconfirmed or plain
    for name in name_context.led_lists(text, _patterns()[0]):
        cands[name] = cands.get(name, False) or name in unconfirmed
    # The people of a count of private persons listed after 分别是 (3名医生，
    # 分别是院长X、医师Y和护士Z): strong, as a role word before each.
    for name in name_context.staff_lists(text, _patterns()[0]):
        cands[name] = True
    # The captain of a team of volunteers (萤火虫队的X队长, the page calling
    # the team's members 志愿者): a private person, as its volunteers are.
    if "队长" in text:
        for m in cue["team_captain"].finditer(text):
            # (the team's name: a tail of the characters before 队, 当某某队)
            teams = [m.group(1)[k:] for k in range(len(m.group(1)) - 2)]
            if any(t + "的志愿者" in text or t[:-1] + "志愿者" in text for t in teams):
                name = m.group(2) + m.group(3)
                cands[name] = cands.get(name, False)

    # A visited list whose names each follow their village (weak).
    for m in cue["visit_places"].finditer(text):
        for item in re.split("[、和]", m.group(1)):
            name = _PLACE_PREFIX_RX.sub("", item, count=1)
            cands[name] = cands.get(name, False) or name in unconfirmed

    # Name + introduction or reporting verb, after a sentence boundary.
    m0 = _right_at_start().match(text)
    right_matches = right.finditer(text, m0.end()) if m0 else right.finditer(text)
    for m in chain([m0] if m0 else (), right_matches):
        name = m.group(1) + m.group(2)
        cands[name] = cands.get(name, False) or m.group(3) in STRONG_AFTER or name in unconfirmed
        if _person_only_cue(text, name, m.end(2), False):
            medium.add(name)

    # A surname + given name standing alone that the dictionary reads as no word (weak).
    for name in name_lexicon.standalone_names(text, _patterns()[0], ambiguous):
        cands[name] = cands.get(name, False) or name in unconfirmed

    # (_plausible, with the page's strings before a place suffix found once)
    found = {name for name, strong in cands.items() if _static_ok(name, strong)}
    # (a given name opening with 为/在, read whole where it stands before a pause)
    found |= {name for name, strong in cands.items() if len(name) == 3 and name[1] in FUNCTION_NAME_STARTS
              and _static_ok(name, strong, True) and _stands_alone(text, name)}
    found |= {name for name in medium if _static_ok(name, True) and not _inside_place_name(name)
              and not _substrings(name) & _vocab()[5]}
    before_suffix: set[str] | None = None
    if found:
        before_suffix = _before_place_suffix(text)
        found = {name for name in found if name not in before_suffix}

    # A shorter candidate that is the prefix of a longer one found on the page
    # is the same person read too short (张大 / 张大鹏): keep the longer one.
    # (Only two-character names are dropped, so the longer ones stay put.)
    longer_by_prefix: dict[str, list[str]] = {}
    for name in found:
        if len(name) > 2:
            longer_by_prefix.setdefault(name[:2], []).append(name)
    for name in [n for n in found if len(n) == 2 and n in longer_by_prefix]:
        if text.count(name) == sum(text.count(o) for o in longer_by_prefix[name]):
            found.discard(name)
    # The other forms (王阿姨, 小李, name lists, Latin and transliterated names).
    # (the page's strings before a place suffix: those found above, if any)
    before_suffix_all = before_suffix

    def ok(name: str, strong: bool) -> bool:
        nonlocal before_suffix_all
        if not _static_ok(name, strong):
            return False
        if before_suffix_all is None:
            before_suffix_all = _before_place_suffix(text)
        return name not in before_suffix_all

    # Names listed with spaces between them (团队成员：甲某某 乙某某 丙某 …).
    found |= name_rosters.spaced_name_lists(repaired.raw, _vocab()[2], ok)
    surnames, ambiguous_set, plain_class = _form_vocab()
    # Rosters and the entries of forms (参加人员：…, 带队人：X, 3（X，Y，Z）).
    found |= name_rosters.find_rosters(text, ambiguous_set, _compound_surnames(), ok, repaired.raw)
    found |= name_forms.find_forms(text, frozenset(found), _patterns()[0], surnames, ambiguous_set, plain_class, ok,
                                   _ADDRESS_SET)
    # Names without a Chinese surname (牧民巴某某说, Tom Miller, Lucy和Jack,
    # 加拿大学生某某卡); a surname and a private body's title (福利院王院长).
    found |= name_foreign.find_foreign(text, found) | name_context.foreign_after_nationality(text)
    found |= name_context.org_surname_titles(text, _patterns()[0]) | name_context.lao_tou(text, plain_class)
    found |= name_context.elder_honorifics(text, plain_class)
    found |= {n for n in name_context.aged_full_names(text, plain_class) if n not in _vocab()[5]}
    # A full name before a title only a private body gives (X行长, X董事长).
    found |= {n for n in name_context.private_title_names(text, _patterns()[0], ambiguous) if ok(n, True)}
    return frozenset(found)


@functools.cache
def _compound_surnames() -> frozenset[str]:
    return frozenset(_vocab()[1])


@functools.cache
def _form_vocab() -> tuple[frozenset[str], frozenset[str], str]:
    """What ``name_forms.find_forms`` needs of the surnames, built once:
    (all surnames, the everyday-word ones, a regex class of the others)."""
    single, compound, ambiguous, *_ = _vocab()
    plain = "".join(sorted(s for s in single if s not in ambiguous))
    return frozenset(single | compound), frozenset(ambiguous), f"[{plain}]"
