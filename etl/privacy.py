"""Private persons' names: find them on a page, mask them in any text.

Nothing the package publishes may carry a private person's name (residents,
patients, their families, workers, and the journalists of the bylines).  The
pipeline calls :func:`find_private_names` once per page (through
``etl.semantic.derive``) and :func:`mask` on every free-text value it publishes
(figure contexts, titles); the semantic layer masks its own rows.

How names are found: from the way Chinese news introduces people, with a
surname table (``schemas/vocab/surnames.csv``: the 百家姓 with its two-character
surnames, plus a few common modern ones), never from a list of names.

* **Bylines and photo credits**: ``（记者 吴某某 邓某某 实习生 李某某）``,
  ``文/贺某 姚某``, ``记者 张某 摄``.  The run of characters after a byline
  word is split into names (surname + one or two characters) by a small
  dynamic programme that prefers cuts where the raw OCR text had a space and
  names confirmed elsewhere on the page; a run that does not split completely
  into names is not a byline (``记者还对…进行报道``).
* **Role or relation word + name** (strong cue): ``居民熊某``, ``教师周某某``,
  ``工作人员张某某``, ``儿子罗某某`` (role words: ``schemas/vocab/roles.csv``).
* **Name + reporting verb or introduction** (weak cue) right after a sentence
  boundary: ``，黄某某说``, ``“刘某某是``, ``卢某某曾是``, ``周某某一家``,
  and photo captions ``张某某（右）``.  Weak cues are not enough for surnames
  that are everyday words (``ambiguous`` in the surname table: 高, 江, 万,
  尤, 曾 …).
* Whether a name has two or three characters: the third character is dropped
  when it is a word that typically follows a name (说, 是, 家 …) or when the
  two-character form occurs more often on the page than the three-character
  one (``熊某家中`` / ``熊某说`` → two characters).
* Guards against masking ordinary words: candidates must not contain a place
  name of the gazetteer (``綦江``), a role word, a codebook phrase, nor a
  character that never ends a given name (的, 们, 量 …), must not be followed
  by a place or organisation suffix anywhere on the page (``X街道``,
  ``X中学``), and must not be listed in ``schemas/vocab/not_names.csv``
  (``高新``, ``江中``, ``尤其`` …).

Masking (:func:`mask`): every occurrence of a name, OCR spaces or line breaks
inside it included, becomes ``某某``; for a three-character name, the bare
given name standing alone (``“大鹏，过年好``) becomes ``某某`` too; and the
surname of a found name followed by a form of address (``熊医生``,
``卢老师``, ``邹大娘``) becomes ``某``.  ``某某`` is the placeholder Chinese
papers themselves use for anonymised people, it keeps the sentence readable,
and it cannot be mistaken for a real name.

Why rules and not ``jieba``: measured on the seed page repeated to 15,000
characters, ``jieba.posseg`` (HMM on, the only mode that tags unknown names
``nr``) takes about 200 ms per page on one core (5 pages/s against the
project's target of 500 pages/s on two cores), and on the seed it still
missed 周朝喜, 罗睿燊, 张大鹏 and 李竹君 while tagging 拓宽, 道德, 施策
and 康复 as names.  These rules take about 1 ms per page and find every
private name of the seed.  jieba is therefore not a dependency.
"""

from __future__ import annotations

import csv
import functools
import re
from collections.abc import Iterable
from pathlib import Path

from etl.textrepair import Repaired

VOCAB = Path(__file__).resolve().parent.parent / "schemas" / "vocab"

#: Placeholder for a masked name, and for a masked surname before a title.
PLACEHOLDER = "某某"
SURNAME_PLACEHOLDER = "某"

_CJK = "\u4e00-\u9fff\u3400-\u4dbf"

#: Words that introduce the authors of an article or a photo.
BYLINE_WORDS = (
    "本报记者", "见习记者", "特约记者", "首席记者", "记者", "实习生", "特约通讯员",
    "通讯员", "责任编辑", "编辑", "责编", "校对", "摄影", "撰稿", "文图/", "文/图",
    "文/", "图/",
)
#: Words that close a byline run (``记者 张某 摄``).
BYLINE_END = ("摄影", "摄", "报道", "整理", "供图", "制图")

#: Weak cues: a name followed by one of these, right after a sentence boundary.
WEAK_AFTER = (
    "说", "表示", "介绍", "告诉", "坦言", "回忆", "说道", "笑着说", "感慨", "是", "今年",
    "曾是", "曾经", "家中", "家里", "一家", "的儿子", "的女儿", "的丈夫", "的妻子",
    "的母亲", "的父亲", "连连", "夫妇", "母子", "父子", "老人", "已", "立马", "就",
)
#: Strong cues after a name (photo captions).
STRONG_AFTER = ("(右)", "(左)", "(中)", "(前)", "(后)", "（右）", "（左）", "（中）", "（前）", "（后）")

#: Forms of address after a surname (``熊医生``): the surname is masked.
ADDRESS_FORMS = (
    "老师", "医生", "大娘", "大爷", "阿姨", "师傅", "叔叔", "大姐", "大哥", "奶奶", "爷爷",
    "婆婆", "同学", "先生", "女士", "书记", "主任", "队长", "村长", "老人",
)

#: A character right after a two-character name that is not part of it.
POST_NAME_CHARS = set("说是家的也就在和与等今曾立已送为对向被把从连笑表告介称还又都着了正坐带同所一跟给让将来去到(（，。、；：！？")
#: Characters that never end (or stand inside) a given name.
NON_NAME_CHARS = set(
    "的了们等和与及在是为对把被从也都就还又不没很更最该这那此每各个月日"
    "区县市镇乡村街路省量些吗呢吧啊着过到说里外前后左右几第"
)
#: A name is never directly followed by these (place and organisation names).
PLACE_SUFFIXES = (
    "街道", "社区", "小区", "中学", "小学", "大学", "学院", "医院", "公司", "集团", "人社",
    "中心", "区", "县", "市", "镇", "乡", "村", "路", "省",
)
_PLACE_SUFFIX_RX = "(?:" + "|".join(sorted(PLACE_SUFFIXES, key=len, reverse=True)) + ")"
_BYLINE_END_RX = re.compile("|".join(sorted(BYLINE_END, key=len, reverse=True)))
_BOUNDARY = "\n，。、；：！？,.;:!?“”\"'「」『』《》()（）—…\\s"


def _read_csv(name: str) -> list[dict[str, str]]:
    with (VOCAB / name).open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


@functools.cache
def _vocab():
    surnames = _read_csv("surnames.csv")
    single = {r["surname"] for r in surnames if len(r["surname"]) == 1}
    compound = {r["surname"] for r in surnames if len(r["surname"]) == 2}
    ambiguous = {r["surname"] for r in surnames if r["ambiguous"] == "1"}
    roles = [r["zh"] for r in _read_csv("roles.csv") if r["kind"] in ("role", "relation") and "…" not in r["zh"]]
    not_names = {r["word"] for r in _read_csv("not_names.csv")}
    # Place names and codebook phrases are never names.
    from etl import regions  # local import: regions imports nothing from here

    places = frozenset(regions.all_names())
    return single, compound, ambiguous, roles, frozenset(not_names), places


def _codebook_words() -> frozenset[str]:
    try:
        from etl.indicators import codebook_words
    except ImportError:  # pragma: no cover - while the codebook is being written
        return frozenset()
    return codebook_words()


@functools.cache
def _patterns():
    single, compound, ambiguous, roles, _, _ = _vocab()
    sur = "(?:" + "|".join(sorted(compound, key=len, reverse=True)) + "|[" + "".join(sorted(single)) + "])"
    role_alt = "|".join(re.escape(r) for r in sorted(roles, key=len, reverse=True))
    left = re.compile(f"(?:{role_alt})(?=({sur})([{_CJK}]{{1,2}}))")
    weak_alt = "|".join(re.escape(w) for w in sorted(WEAK_AFTER + STRONG_AFTER, key=len, reverse=True))
    right = re.compile(f"(?:(?<=[{_BOUNDARY}])|^)({sur})([{_CJK}]{{1,2}}?)(?=({weak_alt}))", re.M)
    byline_alt = "|".join(re.escape(w) for w in sorted(BYLINE_WORDS, key=len, reverse=True))
    byline = re.compile(f"(?:{byline_alt})[{_CJK}/]+")
    byline_split = re.compile(f"(?:{byline_alt})")
    return sur, left, right, byline, byline_split


# --- helpers -----------------------------------------------------------------


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
def _static_ok(name: str, strong: bool) -> bool:
    """The page-independent guards (vocabulary look-ups), cached."""
    _, _, ambiguous, roles, not_names, places = _vocab()
    parts = _split_surname(name)
    if parts is None or not 2 <= len(name) <= 4:
        return False
    surname, given = parts
    if not 1 <= len(given) <= 2 or any(c in NON_NAME_CHARS for c in given):
        return False
    if surname in ambiguous and not strong:
        return False
    subs = _substrings(name)
    if subs & not_names or subs & places or subs & _codebook_words() or subs & set(roles):
        return False
    if name in _places_text():  # part of a place name (文龙 in 文龙街道)
        return False
    return True


@functools.cache
def _places_text() -> str:
    return "\n".join(sorted(_vocab()[5]))


def _plausible(name: str, text: str, *, strong: bool) -> bool:
    """Whether ``name`` may be a person's name on this page (see the guards in
    the module docstring)."""
    if not _static_ok(name, strong):
        return False
    return re.search(re.escape(name) + _PLACE_SUFFIX_RX, text) is None


def _choose_length(text: str, surname: str, given: str) -> str:
    """Two- or three-character name (see the module docstring)."""
    short = surname + given[:1]
    if len(given) == 1:
        return short
    long = surname + given
    if given[1] in POST_NAME_CHARS or given[1] in NON_NAME_CHARS:
        return short
    if text.count(short) > text.count(long):
        return short
    return long


def _gaps(repaired: Repaired, start: int, end: int) -> list[str]:
    """For each gap between clean characters start..end-1 and their successor:
    what the raw text had there ('space', 'newline' or 'none')."""
    out = []
    for i in range(start, end - 1):
        a, b = repaired.raw_index[i], repaired.raw_index[i + 1]
        if b - a <= 1:
            out.append("none")
        else:
            out.append("newline" if "\n" in repaired.raw[a + 1 : b] else "space")
    return out


def _segment_names(group: str, gaps: list[str], known: set[str]) -> list[str] | None:
    """Split a byline run into names, or None when it does not split."""
    single, compound, *_ = _vocab()
    n = len(group)
    uniform = len(set(gaps)) <= 1
    best: list[tuple[float, list[str]] | None] = [None] * (n + 1)
    best[0] = (0.0, [])
    for i in range(n):
        if best[i] is None:
            continue
        score_i, names_i = best[i]
        for sl in (2, 1):
            s = group[i : i + sl]
            if len(s) < sl or (sl == 2 and s not in compound) or (sl == 1 and s not in single):
                continue
            for gl in (1, 2):
                j = i + sl + gl
                if j > n:
                    continue
                name = group[i:j]
                if any(c in NON_NAME_CHARS for c in name[sl:]):
                    continue
                score = score_i + 1.0 + (0.5 if len(name) == 3 else 0.0) + (2.0 if name in known else 0.0)
                if not uniform:
                    inner = gaps[i : j - 1]
                    score -= sum(1.0 for g in inner if g == "space")
                    if j < n:
                        score += {"space": 1.0, "newline": 0.0, "none": -1.5}[gaps[j - 1]]
                if best[j] is None or score > best[j][0]:
                    best[j] = (score, names_i + [name])
    return best[n][1] if best[n] is not None else None


def _byline_names(repaired: Repaired, known: set[str]) -> tuple[set[str], set[str]]:
    """Names in bylines and photo credits: (all, confident)."""
    text = repaired.clean
    _, _, _, byline, byline_split = _patterns()
    found: set[str] = set()
    confident: set[str] = set()
    for m in byline.finditer(text):
        run_start = m.start()
        run = m.group()
        # Split the run at byline words; each piece is a group of names.
        pos = 0
        pieces: list[tuple[int, int]] = []
        for w in byline_split.finditer(run):
            if w.start() > pos:
                pieces.append((pos, w.start()))
            pos = w.end()
        if pos < len(run):
            pieces.append((pos, len(run)))
        for a, b in pieces:
            piece = run[a:b].replace("/", "")
            if not piece:
                continue
            # A credit ends at 摄/报道/…, even when the next line runs on.
            piece = _BYLINE_END_RX.split(piece, maxsplit=1)[0]
            if len(piece) > 40 or len(piece) < 2:
                continue
            gaps = _gaps(repaired, run_start + a, run_start + a + len(piece))
            names = _segment_names(piece, gaps, known)
            if not names:
                continue
            for i, name in enumerate(names):
                found.add(name)
            # Confident: the raw text separated every name by a space.
            cuts = []
            k = 0
            for name in names[:-1]:
                k += len(name)
                cuts.append(gaps[k - 1])
            if cuts and all(c == "space" for c in cuts) and not all(g == "space" for g in gaps):
                confident.update(names)
            elif len(names) == 1:
                confident.update(names)
    return found, confident


# --- public API --------------------------------------------------------------


def find_private_names(repaired: Repaired) -> frozenset[str]:
    """The private persons' names on a page (see the module docstring)."""
    text = repaired.clean
    _, left, right, _, _ = _patterns()
    single, compound, ambiguous, *_ = _vocab()
    cands: dict[str, bool] = {}  # candidate -> seen with a strong cue

    def add(name: str, strong: bool) -> None:
        cands[name] = cands.get(name, False) or strong

    # Bylines: two passes, the second preferring names confirmed by the first.
    _, confident = _byline_names(repaired, set())
    byline_found, _ = _byline_names(repaired, confident)
    for name in byline_found:
        add(name, True)

    # Role or relation word + name.
    for m in left.finditer(text):
        surname, given = m.group(1), m.group(2)
        name = _choose_length(text, surname, given)
        after = text[m.start(1) + len(name) : m.start(1) + len(name) + 1]
        if surname in ambiguous and after and after not in POST_NAME_CHARS:
            continue
        add(name, True)

    # Name + introduction or reporting verb, after a sentence boundary.
    for m in right.finditer(text):
        add(m.group(1) + m.group(2), m.group(3) in STRONG_AFTER)

    names = {name for name, strong in cands.items() if _plausible(name, text, strong=strong)}

    # A shorter candidate that is the prefix of a longer one found on the page
    # is the same person read too short (张大 / 张大鹏): keep the longer one.
    for name in list(names):
        if len(name) == 2 and any(o != name and o.startswith(name) for o in names):
            if text.count(name) == sum(text.count(o) for o in names if o != name and o.startswith(name)):
                names.discard(name)
    return frozenset(names)


@functools.lru_cache(maxsize=256)
def _mask_regex(names: frozenset[str]) -> re.Pattern[str] | None:
    if not names:
        return None
    _, _, _, _, not_names, places = _vocab()
    alts: list[str] = []
    ws = r"[\s\u3000]*"
    for name in sorted(names, key=len, reverse=True):
        alts.append(ws.join(re.escape(c) for c in name))
    bare: list[str] = []
    surnames: set[str] = set()
    for name in names:
        parts = _split_surname(name)
        if not parts:
            continue
        surname, given = parts
        surnames.add(surname)
        if len(given) == 2 and given not in not_names and not any(given in p for p in places):
            bare.append(ws.join(re.escape(c) for c in given))
    pattern = "|".join(alts)
    if bare:
        # A bare given name only when it does not stand inside a longer word.
        # A bare given name only when it stands alone (``“大鹏，过年好``).
        pattern += f"|(?<![{_CJK}])(?:" + "|".join(sorted(bare, key=len, reverse=True)) + f")(?![{_CJK}])"
    if surnames:
        addr = "|".join(ADDRESS_FORMS)
        pattern += f"|(?P<sur>{'|'.join(sorted(map(re.escape, surnames), key=len, reverse=True))})(?=(?:{addr}))"
    return re.compile(pattern)


def _replace(m: re.Match[str]) -> str:
    return SURNAME_PLACEHOLDER if m.groupdict().get("sur") else PLACEHOLDER


def mask(text: str | None, names: Iterable[str]) -> str | None:
    """``text`` with every private name replaced by ``某某`` (see the module
    docstring); ``None`` and empty text come back unchanged."""
    if not text:
        return text
    names = names if isinstance(names, frozenset) else frozenset(names)
    rx = _mask_regex(names)
    if rx is None:
        return text
    return rx.sub(_replace, text)
