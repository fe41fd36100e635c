"""The page's region and a figure's region, from the page's place mentions.

This module's one job: resolving which region of the gazetteer a page
(:func:`resolve_page_region`) and each of its figures (:func:`figure_region`)
are about.  The gazetteer itself and the finding of place mentions
(:func:`~etl.semantic.regions.place_mentions`) are in
:mod:`etl.semantic.regions`.

The page's region (:func:`resolve_page_region`): only mentions that read as
places count (:func:`~etl.semantic.regions.place_mentions`); the region is
the deepest consistent one of the chain province ⊃ prefecture ⊃ county ⊃
township they support; the place of a news agency's dateline
(``新华社成都3月1日电``) counts for its province only, on a page naming
no other place.  A figure's region (:func:`figure_region`) is the place its
own clause or sentence names, inside the page's province (a township
counting as its county when the page's regions tell it), or the level of
the page's chain a scope word of its clause names (``全省``, ``全市``,
``全县``: :func:`scope_region`), else the page's.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass

from etl.semantic.regions import (Mention, Region, _ancestors, chain_root, gazetteer, place_mentions,
                                  township_mentions, township_table)


@dataclass(frozen=True)
class PageRegion:
    """The page's region and why (``indicators.region_basis``): ``page_text``
    (the page's own place names), ``page_metadata`` (the metadata's region,
    the text naming nothing finer inside it) or ``none_named`` (no name on
    the page reads as a place and the metadata gives none: ``region`` is
    None)."""

    region: Region | None
    basis: str
    #: (clean offset, level character) of the page's scope words (全省,
    #: 我市, 全县 …: :data:`SCOPE_RX`): a figure whose clause has one is
    #: about that level of the page's chain (:func:`figure_region`).
    scopes: tuple[tuple[int, str], ...] = ()
    #: The clean offsets where the page's paragraphs (lines) start.
    paragraphs: tuple[int, ...] = ()
    #: The (start, end) of the page's groups of places (22个深度贫困县,
    #: 南疆四地州: :data:`GROUP_RX`): a figure whose clause is about one has
    #: no one region.
    groups: tuple[tuple[int, int], ...] = ()
    #: (start, end, county code) of each mention of a town that the page
    #: places in a county of the gazetteer by writing the county's name right
    #: before the town's somewhere (某某区广平镇牟庄村 … 广平镇政府): a figure
    #: whose sentence names the town is about that county (:func:`town_mentions`).
    towns: tuple[tuple[int, int, str], ...] = ()
    #: The (start, end) of the page's joint subjects (两地, 双方: :data:`JOINT_RX`):
    #: a figure whose sentence has one before it, after any place it names, has no one region.
    joints: tuple[tuple[int, int], ...] = ()
    #: The regions the headline names when they lie in two provinces or more
    #: (某市驻某县劳务协作工作站成立: a partnership across provinces): the page is
    #: about each, so a figure whose sentence names one of them is that one's,
    #: though it lies outside the page's province.
    headline_partners: frozenset[str] = frozenset()
    #: (start of its last place, code of the whole) of each list of places of
    #: one province (甲区、乙区、丙区的…标准为950元): the smallest region the
    #: page names that holds them all (:func:`list_wholes`).
    wholes: tuple[tuple[int, str], ...] = ()
    #: Where the page says 分别 (甲县、乙县分别新增…): figures told place by place.
    respectively: tuple[int, ...] = ()
    #: Whether the page names its province (own name, full or short): 全省,
    #: 我省 on a page that names only a city of it is no region the text tells.
    province_named: bool = True


def _within(code: str, root: str) -> bool:
    return code == root or root in _ancestors(code)


def resolve_page_region(text: str, starts: list[int] | None = None, hint_code: str | None = None,
                        found: list[Mention] | None = None) -> PageRegion:
    """The page's region from a consistent chain province ⊃ prefecture ⊃
    county ⊃ township of its place mentions (:func:`place_mentions`, or
    ``found``).

    The province is the one of the places the headline names, else that of
    the outlet signing the lead (``本报讯（某某县融媒体中心 记者…）``: a
    place before a word of :data:`OUTLET_AFTER` before the lead's first full
    stop, whose province the body names too; a local outlet reports its own place's news, while the places its
    people travel to may be named more often), else the one named most (own
    name or a region inside it), not counting the places its people go to
    (``前往浙江、广东等地务工``, ``目的地为…``: :data:`_DESTINATION_RX`) when it
    names others (a page naming only those has no region: ``none_named``);
    then, level by level, the region below wins when its mentions (its own
    and those of the regions inside it, a township of ``townships.csv``
    counting for its county when the page's named regions tell it and the
    page does not name the county: :func:`_township_counties`) outnumber both the current region's
    own mentions and all its siblings' together: a provincial report that
    names a few cities stays the province's, a county's page names its
    county most.  A region of another province than the one the page names
    never wins.  A province not named in full on a page that speaks as a
    city (我市, 本市) and never as a province (全省, 我省) gives way to its
    city named most (else first).  The place of a news agency's dateline (新华社成都3月1日电)
    is where the dispatch was filed: it counts for its province only, and
    only on a page that names no other place.  A place in a furniture line
    (``信息来源：…``, ``来源:… 作者:…``: :data:`_FURNITURE_LINE_RX`) is the
    publisher's and does not count.  ``hint_code`` (a GB/T 2260 code from the page's metadata)
    bounds the search: the text refines it and never contradicts it.  A page
    is about one street when a single street or town of its county accounts
    for all street mentions and is mentioned at least half as often as the
    county."""
    gaz = gazetteer()
    if hint_code is not None and hint_code not in gaz:
        raise ValueError(f"region_code {hint_code!r} is not in the gazetteer (schemas/vocab/regions.csv)")
    if found is None:
        found = place_mentions(text, starts)
    counts: dict[str, int] = {}
    full_counts: dict[str, int] = {}
    first: dict[str, int] = {}
    # 新华社成都3月1日电: where a dispatch was filed, not what it is about;
    # it tells the province only, and only when nothing else is named
    # (新华社北京…电 on a Sichuan page).
    only_dispatch = all(m.dispatch for m in found)
    furniture = _furniture_lines(text)
    for m in found:
        if furniture and _in_spans(furniture, m.start):
            continue  # (信息来源：某某市人民政府办公室: the publisher, not the text)
        if _names_outlet(text, m) and (text[m.start - 1 : m.start] == "据" or (
                not _signs_lead(text, m) and not _DATELINE_RX.match(text, m.end))):
            # (据某某晚报报道, 某某日报社记者, 本文为某某新闻网原创: a publisher
            # quoted or signing, not where the figures are; but 某某新闻网讯
            # opening the lead is the local outlet's dateline: its own place's news)
            continue
        code = m.code
        if m.dispatch:
            if not only_dispatch:
                continue
            code = chain_root(code)
        if hint_code is not None and not _within(code, hint_code):
            continue
        counts[code] = counts.get(code, 0) + 1
        full_counts[code] = full_counts.get(code, 0) + (m.full and code == m.code)
        first.setdefault(code, m.start)
    if not counts and hint_code is None:
        # Region from the parts: townships of one county only (某某洲街道、
        # 某某镇、某某镇 on a page naming no region) name their county.
        county = _county_of_parts(text, furniture)
        if county is not None:
            counts[county] = 1
            first[county] = 0
    if not counts:
        if hint_code is not None:
            named = _township_counties(text, found, {hint_code}, furniture)
            return PageRegion(gaz[hint_code], "page_metadata", scope_words(text), _line_starts(text),
                              group_spans(text), _all_towns(text, found, named),
                              joint_spans(text))
        return PageRegion(None, "none_named")

    def chain(code: str) -> tuple[str, ...]:
        return (*reversed(_ancestors(code)), code)

    def weight(root: str) -> int:
        return sum(n for c, n in counts.items() if _within(c, root))

    def earliest(root: str) -> int:
        return min(p for c, p in first.items() if _within(c, root))

    # The province: the one of the places the headline names (a page about
    # a county's workers in another province names that province's towns
    # more often), else the most mentioned.
    in_title = {chain_root(m.code) for m in found if m.start < _title_end(text) and m.code in counts}
    # Else the province of the outlet that signs the lead (本报讯（某某县融媒体
    # 中心 记者…）, 某某日报讯): a local outlet reports its own place's news, and
    # the places its people travel to (前往浙江务工) are named more often.
    signing = [m for m in found if _signs_lead(text, m)]
    # (only a province the body names too: 某省日报讯 on news of another province is no sign)
    outlet = {chain_root(m.code) for m in signing
              if any(chain_root(o.code) == chain_root(m.code) and o.code in counts for o in found if o not in signing)}
    pool = in_title if len(in_title) == 1 else outlet if len(outlet) == 1 else {chain(c)[0] for c in counts}
    # Where the page's people go (前往浙江、广东等地务工, 目的地为…, 主要输出地为…)
    # is not where the page is: the province is weighed without those places
    # (unless the page names no other).
    dest = destination_spans(text, found)
    if dest and hint_code is None and all(_in_spans(dest, m.start) for m in found
                                          if m.code in counts or (m.dispatch and chain_root(m.code) in counts)):
        # Only where its people go (其中转至某省就业…): the page's own place
        # is unnamed, and a destination is never it.
        return PageRegion(None, "none_named")
    if dest and len(pool) > 1:
        stay: dict[str, int] = {}
        for m in found:
            if m.code in counts and not _in_spans(dest, m.start) and not m.dispatch:
                root = chain_root(m.code)
                stay[root] = stay.get(root, 0) + 1
        if stay:
            pool = {p for p in pool if p in stay}
            weight_of = stay
        else:
            weight_of = None
    else:
        weight_of = None
    if len(pool) > 1:
        # 我州与某省某市开展协作: the writer speaks as a 州 (我县, 我市, 我区,
        # 我州): of the provinces in play, the one alone holding a named
        # region of that level word is the writer's.
        selves = set(_SELF_ANY_RX.findall(text))
        if selves:
            own = {p for p in pool if any(_within(c, p) and gaz[c].name_zh.endswith(tuple(selves)) for c in counts)}
            if len(own) == 1:
                pool = own
    if hint_code is not None:
        current = hint_code
    elif weight_of is not None:
        current = min(pool, key=lambda p: (-weight_of.get(p, 0), earliest(p)))
    else:
        current = min(pool, key=lambda p: (-weight(p), earliest(p)))
    # 来到某某乡 on a page naming its city: a township unambiguous under the
    # regions the page names inside its province is a mention of its county
    # when the page does not name that county (某某区某某镇 … 某某镇: the
    # county's own mentions speak for it, the township only confirms it).
    anchors = {c for c in counts if _within(c, current)} | ({hint_code} if hint_code is not None else set())
    named = _township_counties(text, found, anchors, furniture + dest)
    for s, _, county in named:
        if county not in anchors:
            counts[county] = counts.get(county, 0) + 1
            first[county] = min(first.get(county, s), s)
    # (本市各区, 全市范围内 under a headline naming 某市: the city's page, though
    # the body names one of its districts most, as its officials' or the venue's)
    own_levels = frozenset(m["lvl"] for m in SCOPE_RX.finditer(text))
    headline_codes = {m.code for m in found if m.start < _title_end(text)}
    while True:
        children: dict[str, int] = {}
        for c in counts:
            ch = chain(c)
            if current in ch and ch.index(current) + 1 < len(ch):
                child = ch[ch.index(current) + 1]
                if gaz[child].level != "township":
                    children[child] = weight(child)
        if not children:
            break
        top = min(children, key=lambda c: (-children[c], earliest(c)))
        others = sum(w for c, w in children.items() if c != top)
        # Against the current region's full names only: its short form
        # often stands in the name of a body or project (济南广电, 重庆合长高速).
        if children[top] > others and children[top] >= full_counts.get(current, 0) \
                and not (current in headline_codes and _speaks_as_only(current, top, own_levels)):
            current = top
        elif gaz[current].level == "province" and gaz[top].level == "prefecture" \
                and not gaz[current].name_zh.endswith("市") and full_counts.get(current, 0) == 0 \
                and _SELF_CITY_RX.search(text) and not _SELF_PROVINCE_RX.search(text):
            # 我市 on a page that names no province in full: the writer is a
            # city's, the one of the province's cities named most (else first)
            current = top
        else:
            break
    if gaz[current].level == "county":
        streets = [c for c in counts if gaz[c].level == "township"]
        if len(streets) == 1 and gaz[streets[0]].parent_code == current:
            if counts[streets[0]] * 2 >= counts.get(current, 0):
                current = streets[0]
    if hint_code is None and gaz[current].level == "province" and not gaz[current].name_zh.endswith("市") \
            and not full_counts.get(current, 0) \
            and _SELF_LOCAL_RX.search(text) and not _SELF_PROVINCE_RX.search(text) \
            and not any(m.full for m in found if m.code in counts and _within(m.code, current)):
        # 我县, 我市 on a page naming the province by its short form only
        # (鲁渝协作, 转至山东就业) and nothing in it in full: the writer's
        # county or city is not said to be in it (too weak to file under it;
        # not a municipality, whose 我市 is the province itself).
        return PageRegion(None, "none_named")
    basis = "page_metadata" if hint_code is not None and current == hint_code else "page_text"
    return PageRegion(gaz[current], basis, scope_words(text), _line_starts(text), group_spans(text),
                      _all_towns(text, found, named), joint_spans(text),
                      _headline_partners(text, found, counts), list_wholes(text, found),
                      tuple(m.start() for m in _RESPECTIVELY_RX.finditer(text)),
                      any(m.code == chain_root(current) and not m.dispatch for m in found))


#: 分别 / 各自 after a list of places: each place has its own figure.
_RESPECTIVELY_RX = re.compile(r"分别|各自")


def list_wholes(text: str, found: list[Mention]) -> tuple[tuple[int, str], ...]:
    """(start of the last place, whole's code) of each list of two places
    or more of one province (``临沂市兰山区、罗庄区、河东区``, joined by
    :data:`_LIST_JOINS`): one figure stated for the list is the smallest
    region holding them all that the page names (the parts name the whole;
    fresh7 rule 1).  A list whose whole the page never names gives none."""
    named = {m.code for m in found if not m.dispatch}
    out: list[tuple[int, str]] = []
    for run in _listed_runs(text, found):
        codes = {m.code for m in run}
        if len(codes) < 2 or len({chain_root(c) for c in codes}) != 1:
            continue
        common: list[str] | None = None
        for c in codes:
            up = [c, *_ancestors(c)]
            common = up if common is None else [a for a in common if a in up]
        whole = next((a for a in (common or []) if a in named and a not in codes), None)
        if whole is not None:
            out.append((run[-1].start, whole))
    return tuple(out)


def _headline_partners(text: str, found: list[Mention], counts: dict[str, int]) -> frozenset[str]:
    """The regions the page's headline names in full when they lie in two
    provinces or more (某市驻某县劳务协作工作站成立); else none."""
    head = _title_end(text)
    named = {m.code for m in found if m.start < head and m.full and not m.dispatch and m.code in counts}
    return frozenset(named) if len({chain_root(c) for c in named}) >= 2 else frozenset()


def _speaks_as_only(current: str, child: str, own_levels: frozenset[str]) -> bool:
    """Whether the text speaks as ``current``'s level and never as
    ``child``'s (本市各区, 全市范围内 and no 全区, 本区 on a page that names
    one district of the city most).  ``own_levels``: the level characters
    of its scope words (:data:`SCOPE_RX`)."""
    gaz = gazetteer()
    return (bool(own_levels) and gaz[current].name_zh[-1] in own_levels
            and gaz[child].name_zh[-1] not in own_levels)


def _township_counties(text: str, found: list[Mention], anchors: set[str],
                       skip: list[tuple[int, int]]) -> list[tuple[int, int, str]]:
    """(start, end, county code) of each township ``text`` writes with its
    level word (:func:`~etl.semantic.regions.township_mentions`) whose county
    a careful reader knows from the regions the page names (``anchors``):
    the townships of that name under the deepest named region that has any
    (the county already named, else the city, else the province) are one.
    A name repeated there (城关镇 under a city with two), or found under no
    named region (a township of another province, or of a page naming no
    region), gives no county.  A township overlapping a place mention (a
    street of ``regions.csv``) or standing in ``skip`` (furniture lines,
    destinations) does not count."""
    if not anchors:
        return []
    table = None
    depth = {a: len(_ancestors(a)) for a in anchors}
    starts = [m.start for m in found]
    out: list[tuple[int, int, str]] = []
    for s, e, name in township_mentions(text):
        k = bisect.bisect_left(starts, e)
        if (k and found[k - 1].end > s) or (skip and any(lo <= s < hi for lo, hi in skip)):
            continue
        if table is None:
            table = township_table()
        best, where = -1, set()
        for county in table[name]:
            d = max((depth[a] for a in _ancestors_and_self(county) if a in depth), default=-1)
            if d > best:
                best, where = d, {county}
            elif d == best and d >= 0:
                where.add(county)
        if best >= 0 and len(where) == 1:
            out.append((s, e, where.pop()))
    return out


def _county_of_parts(text: str, skip: list[tuple[int, int]]) -> str | None:
    """The county of a page's townships when the page speaks of a whole
    (全县, 全区, 辖区: :data:`SCOPE_RX`) and they are two or more different
    ones written with their level words (:func:`~etl.semantic.regions.township_mentions`)
    and one county alone has a township of every name (the parts name the
    whole); else None.  Townships in ``skip`` (furniture lines) do not count."""
    if not SCOPE_RX.search(text) and "辖区" not in text:
        return None  # (the page speaks of no whole: 全县, 全区, 辖区)
    table = township_table()
    names = {name for s, _, name in township_mentions(text) if not (skip and _in_spans(skip, s))}
    if len(names) < 2:
        return None
    common: set[str] | None = None
    for name in names:
        common = set(table[name]) if common is None else common & set(table[name])
        if not common:
            return None
    return common.pop() if common is not None and len(common) == 1 else None


#: An outlet's name and 讯 after a place: the dateline of a local outlet's
#: own report (某某新闻网讯, 某某日报讯).
_DATELINE_RX = re.compile(r"(?:日报|晚报|新闻网|融媒体中心|融媒|电视台|广播电视台)\s*[讯訊]")


def _names_outlet(text: str, m: Mention) -> bool:
    """Whether mention ``m`` names a news outlet (it stands right before a
    word of :data:`OUTLET_AFTER` or 报社): the publisher's place, which by
    itself tells nothing of where the text's figures are."""
    return text.startswith(OUTLET_AFTER, m.end) or text.startswith("报社", m.end)


def _ancestors_and_self(code: str) -> tuple[str, ...]:
    return (code, *_ancestors(code))


def _all_towns(text: str, found: list[Mention], named: list[tuple[int, int, str]]
               ) -> tuple[tuple[int, int, str], ...]:
    """The page's towns with their counties: those written after their
    county's name (:func:`town_mentions`) and the townships of the table
    whose county the page's regions tell (``named``), in text order."""
    towns = town_mentions(text, found)
    if not named:
        return towns
    taken = [(s, e) for s, e, _ in towns]
    extra = [t for t in named if not any(s < t[1] and t[0] < e for s, e in taken)]
    return tuple(sorted((*towns, *extra)))


#: A town's name right after its county's (某某区广平镇, 某某县城关镇, 某某区
#: 某某街道): a short name and its level word.
_TOWN_AFTER_RX = re.compile(r"[\u4e00-\u9fff]{1,4}?(?:镇|乡|街道)")
#: Words ending in a town's level word that name no town (乡镇, 城镇, 村镇…).
_NOT_TOWNS = ("乡镇", "城镇", "村镇", "集镇", "重镇", "小镇", "城乡", "下乡", "返乡", "家乡", "故乡", "外乡", "本乡",
              "各乡", "全乡", "全镇", "各镇", "本镇", "该镇", "该乡")


def town_mentions(text: str, found: list[Mention]) -> tuple[tuple[int, int, str], ...]:
    """(start, end, county code) of every mention of a town that ``text``
    names right after a county's full name of ``found`` (某某区广平镇): the
    town is that county's wherever the page names it again."""
    gaz = gazetteer()
    where: dict[str, str] = {}
    for m in found:
        if m.full and gaz[m.code].level == "county":
            t = _TOWN_AFTER_RX.match(text, m.end)
            if t and t.group(0) not in _NOT_TOWNS and not t.group(0).endswith(_NOT_TOWNS):
                where.setdefault(t.group(0), m.code)
    if not where:
        return ()
    rx = re.compile("|".join(map(re.escape, sorted(where, key=len, reverse=True))))
    return tuple((t.start(), t.end(), where[t.group(0)]) for t in rx.finditer(text))


#: A page's furniture line: its source, author or editor (``信息来源：…``,
#: ``来源:… 更新时间:… 作者:…``, ``责任编辑：…``), or the site's owner in its
#: footer (``主办：某市人民政府办公室 承办：…``; a short line: a page run
#: together into one line is no furniture).  A place named there is
#: the publisher's, not one the text tells of.  (Not a closing attribution in
#: brackets, ``（某某县民政局 张三）``: the writer's office, read as the text's
#: place by the older sets.)
_FURNITURE_LINE_RX = re.compile(
    r"(?m)^[ \t\u3000]*[^\n]{0,30}?(?:来源|作者|责任编辑|编辑|发布时间|更新时间|浏览次数|主办|承办|主管|版权所有)"
    r"\s*[:：][^\n]{0,80}$")


def _furniture_lines(text: str) -> list[tuple[int, int]]:
    """The (start, end) of the page's furniture lines (:data:`_FURNITURE_LINE_RX`)."""
    return [m.span() for m in _FURNITURE_LINE_RX.finditer(text)]


def _in_spans(spans: list[tuple[int, int]], pos: int) -> bool:
    k = bisect.bisect_right(spans, (pos, 1 << 62)) - 1
    return k >= 0 and spans[k][0] <= pos < spans[k][1]


#: Where a page's people go (前往浙江、广东等地务工, 目的地为某某省某某市,
#: 主要输出地为新疆、西藏…): the places up to the clause's end are destinations.
_DESTINATION_RX = re.compile(r"(?:前往|输往|輸往|目的地为|目的地是|目的地為|输出地为|輸出地為|输出到|轉移到|转移到|转移至|轉移至|转至|轉至)"
                             r"[^，,。；;：:\n]{0,30}")


#: Places a clause names as the object of its subject's dealings, not as its
#: subject: a partner (与某某市开展劳务合作, 同某县签订协作协议: the places
#: between 与/同/跟 and the verb of a clause about 合作, 协作, 结对, 对接),
#: where people are sent (向某省输送劳动力, 赴某市务工) and where people come
#: from (来自某省的音乐人).  Like destinations, they are neither the page's
#: place nor its figures'.
_PARTNER_RX = re.compile(r"(?<![参给])[与同跟](?=[^，,。；;：:\n]{0,40}?(?:合作|协作|结对|对接))"
                         r"[^，,。；;：:\n]{1,30}?(?=开展|建立|签订|签署|达成|深化|加强|自结对|结对|合作|协作|对接)")
_TOWARD_RX = re.compile(r"向[^，,。；;：:\n]{1,20}?(?=输送|輸送|输出|輸出)|赴[^，,。；;：:\n]{1,20}?(?=务工|務工|就业|就業|打工)"
                        r"|来自[^，,。；;：:\n]{1,20}?(?=的)|來自[^，,。；;：:\n]{1,20}?(?=的)")


def _destination_spans(text: str) -> list[tuple[int, int]]:
    spans = sorted([m.span() for rx in (_DESTINATION_RX, _PARTNER_RX, _TOWARD_RX) for m in rx.finditer(text)])
    out: list[tuple[int, int]] = []
    for s, e in spans:  # (merged: _in_spans looks at the last span starting before a position)
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


def destination_spans(text: str, found: list[Mention] | None = None) -> list[tuple[int, int]]:
    """(start, end) of the places a text's people go to (其中转至某省就业,
    前往某地务工): see :data:`_DESTINATION_RX`; with the text's place
    mentions ``found``, also its lists of places of several provinces
    (:func:`province_list_spans`)."""
    return _merged(_destination_spans(text) + province_list_spans(text, found or []))


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for s, e in sorted(spans):  # (merged: _in_spans looks at the last span starting before a position)
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


#: What joins the items of a list of places (北京、天津和山东).
_LIST_JOINS = frozenset(("、", "和", "及", "与", "以及", "、和"))
#: What may close a list of places (北京、天津等省市, 山东、河北等地).
_LIST_TAIL_RX = re.compile(r"等(?:省市区|省区市|省市|省区|省份|城市|地区|省|市|地)?")


def province_list_spans(text: str, found: list[Mention]) -> list[tuple[int, int]]:
    """(start, end) of each list of places that spans two provinces or more
    (``在北京、天津、山东、河北等省市建立劳务基地``, ``销往甲省、乙省``): such a list is
    where the page's dealings reach, never the one place the page or a
    figure is about (a page's own place lies in one province)."""
    out: list[tuple[int, int]] = []
    for run in _listed_runs(text, found):
        if len(run) >= 2 and len({chain_root(m.code) for m in run}) >= 2:
            tail = _LIST_TAIL_RX.match(text, run[-1].end)
            out.append((run[0].start, tail.end() if tail else run[-1].end))
    return out


def _listed_runs(text: str, found: list[Mention]) -> Iterator[list[Mention]]:
    """Runs of place mentions (dispatch places left out) that stand one
    after another joined by :data:`_LIST_JOINS` (北京、天津和山东); a place
    standing alone is a run of one."""
    run: list[Mention] = []
    for m in found:
        if m.dispatch:
            continue
        if run and text[run[-1].end : m.start] in _LIST_JOINS:
            run.append(m)
            continue
        if run:
            yield run
        run = [m]
    if run:
        yield run


#: Words after a place that make it the name of a news outlet (某某日报,
#: 某某县融媒体中心, 某某新闻网).
OUTLET_AFTER = ("日报", "晚报", "新闻网", "融媒", "电视台", "广播电视")


def _signs_lead(text: str, m: Mention) -> bool:
    """Whether mention ``m`` names the outlet that signs the page's lead: it
    stands before a word of :data:`OUTLET_AFTER`, after the headline and
    before the lead's first full stop."""
    if not text.startswith(OUTLET_AFTER, m.end):
        return False
    head = _title_end(text)
    stop = text.find("。", head)
    return head <= m.start and (stop < 0 or m.start < stop)


def _line_starts(text: str) -> tuple[int, ...]:
    out = [0]
    i = text.find("\n")
    while i >= 0:
        out.append(i + 1)
        i = text.find("\n", i + 1)
    return tuple(out)


#: A text speaking as a city (我市, 本市), or as a province (全省, 我省, 本省).
_SELF_CITY_RX = re.compile(r"[我本]市(?![场民])")
_SELF_PROVINCE_RX = re.compile(r"[全我本]省")
#: The level word of a text speaking as its region (我县, 我市, 我州, 我区, 我省)
#: or of its subject (该县, 该市: the region the story follows, told again).
_SELF_ANY_RX = re.compile(r"(?<=[我本该])([省市县区州旗盟])(?![场民域])")
#: A text speaking as a county or city (我县, 本县, 我市, 本市).
_SELF_LOCAL_RX = re.compile(r"[我本](?:县|市(?![场民]))")


#: How far into its paragraph a place may stand to open it (某某镇：…, 在某某县，…).
_PARAGRAPH_OPENER = 8


#: Words by which a text names the whole of its own province, city, county
#: or district (全省城镇新增就业…, 我市, 本县): group ``lvl`` is the level's character.
SCOPE_RX = re.compile(r"(?:全|我|本)(?P<lvl>[省市县区])(?![场域])")  # (not 全市场, 全区域)


#: A group of several counties or prefectures counted (22个深度贫困县,
#: 南疆四地州, 3个县区): what the group did is no one region's figure.
#: (Not 乡镇: the towns of the page's county make up the county; a Chinese
#: number needs 个 unless the group word follows it: 四川省某某县, 2023年某某县 are no groups.)
#: (Written ``(?<![全我本该0-9.])(?:[0-9]{1,3}|[两…十]{1,3})…``, but opening with
#: the number's first character, the lookbehind on the character before it
#: after it, and the rest of the number of the same kind: the regex engine
#: skips ahead to a digit or numeral instead of trying every position.)
GROUP_RX = re.compile(
    r"[0-9两二三四五六七八九十](?<![全我本该0-9.][\s\S])"
    r"(?:(?<=[0-9])[0-9]{0,2}|(?<=[两二三四五六七八九十])[两二三四五六七八九十]{0,2})(?:个[\u4e00-\u9fff]{0,6}?)?"
    r"(?:县区|县市|区县|市县|地州|地市|市州|盟市|县(?![城委政长级域里镇乡]))")


#: Two or three places named together as one subject (黔东南、某市两地举办…,
#: 甲乙两地, 双方): their joint figures are no one region's (not 两地分居:
#: the word after says it is no subject; nor 经双方协商: the parties to an
#: agreement, a job seeker and an employer, are no places).
JOINT_RX = re.compile(r"(?:[两三]地|(?<!经)双方)(?![分区方税产])")


def group_spans(text: str) -> tuple[tuple[int, int], ...]:
    """The (start, end) of the groups of places of ``text`` (:data:`GROUP_RX`)."""
    return tuple(m.span() for m in GROUP_RX.finditer(text))


def joint_spans(text: str) -> tuple[tuple[int, int], ...]:
    """The (start, end) of the joint subjects of ``text`` (:data:`JOINT_RX`)."""
    return tuple(m.span() for m in JOINT_RX.finditer(text))


def scope_words(text: str) -> tuple[tuple[int, str], ...]:
    """The (offset, level character) of the scope words of ``text``."""
    return tuple((m.start(), m["lvl"]) for m in SCOPE_RX.finditer(text))


def scope_region(page: Region, level: str) -> Region | None:
    """The region of the page's chain a scope word of ``level`` (省, 市,
    县, 区) names: the province for 省; for 市, the page's own region or the
    county above a town when its name ends in 市 (a county-level city), else
    its prefecture, else a municipality; for 县/区, the county of the chain
    whose name ends in it.  None when the chain has no such region (全市 on a
    province's page)."""
    gaz = gazetteer()
    chain = [page, *(gaz[c] for c in _ancestors(page.code))]  # the page's region first, up to its province
    if level == "省":
        root = chain[-1]
        return root if root.name_zh.endswith("省") else None
    if level == "市":
        for r in chain:
            if r.level in ("county", "prefecture") and r.name_zh.endswith("市"):
                return r
        root = chain[-1]
        return root if root.name_zh.endswith("市") else None  # (全市 on a 重庆市 district's page)
    if level == "区" and chain[-1].name_zh.endswith("自治区"):
        return None  # (全区 in Guangxi: the autonomous region or a district)
    for r in chain:
        if r.level == "county" and r.name_zh.endswith(level):
            return r
    return None


#: The longest first line that reads as a headline (no sentence ends in it).
_TITLE_MAX = 40


def _title_end(text: str) -> int:
    """The end of the page's headline: its first non-empty line when that
    is short and holds no full stop; 0 when the page has none."""
    lead = len(text) - len(text.lstrip())
    end = text.find("\n", lead)
    end = len(text) if end < 0 else end
    line = text[lead:end]
    if len(line.strip()) > _TITLE_MAX or any(ch in line for ch in "。!?！？"):
        return 0
    return end


def page_region(text: str, starts: list[int] | None = None) -> Region | None:
    """The page's main region (see :func:`resolve_page_region`), or None."""
    return resolve_page_region(text, starts).region


def figure_region(found: list[Mention], page: PageRegion, clause_start: int, sentence_start: int,
                  pos: int, found_starts: list[int] | None = None,
                  destinations: list[tuple[int, int]] | None = None,
                  scope_start: int | None = None) -> tuple[Region | None, str]:
    """The region a figure at ``pos`` is about, and the basis: the place its
    own clause names last before it (``figure_text``) or a place inside the
    page's region its sentence names before it (a town of the county) or
    that opens its paragraph; a scope word of its sentence after those, the
    figure's clause or an earlier one (全省, 全市, 全县: the region of the
    page's chain it names, :func:`scope_region`; 全市返乡创业A，带动就业C);
    none for a group of counties or prefectures in its clause after those
    (``22个深度贫困县``, ``南疆四地州``: :data:`GROUP_RX`); otherwise the page's.
    Never a region outside the page's province.
    ``found_starts``: the starts of ``found`` (when the caller has them);
    ``destinations``: :func:`destination_spans` of the text, places where the
    page's people go (其中转至某省就业 300 人), which are never the figure's;
    ``scope_start``: where the figure's full sentence starts (past any
    ；: 全省月标准为A元；小时标准为B元 — a scope word governs up to the full
    stop), by default ``sentence_start``."""
    gaz = gazetteer()
    page_code = page.region.code if page.region else None
    province = chain_root(page_code) if page_code else None
    if found_starts is None:
        found_starts = [m.start for m in found]
    lo = bisect.bisect_left(found_starts, sentence_start)
    best: Mention | None = None
    foreign = -1  # where the sentence last names a place of another province before the figure
    for m in found[lo:]:
        if m.end > pos:
            break
        if destinations and _in_spans(destinations, m.start):
            continue  # (其中转至浙江就业 300 人: where the people went)
        if m.body and best is not None:
            # 两当县…招聘会，某市某某公司等4家企业响应号召: a place opening a
            # body's name says whose the body is; the place its sentence
            # already named is where the figure is.
            continue
        partner = m.code in page.headline_partners and province is not None and chain_root(m.code) != province
        if m.dispatch or (province is not None and chain_root(m.code) != province and not partner):
            if not m.dispatch:
                foreign = m.start
            continue  # (where a dispatch was filed is not where its figures are)
        if partner:
            # 两当县同步组织开展了招聘会… on a page headed 某市驻两当县工作站: the
            # sentence's place of another province is one the headline names
            best = m
            continue
        if page_code is not None and m.code in _ancestors(page_code) and not m.before_time \
                and (not m.full or m.body):
            # 重庆合长高速 on a 合川区 page: a short form above the page's
            # region names a body or project (not 某市今年计划…: the subject);
            # so does a place opening a body's name (某市义工服务中心的义工11人
            # 来到某县…: whose the volunteers are, not where the figure is)
            continue
        if m.start >= clause_start or (page_code is not None and _within(m.code, page_code)):
            best = m
    if best is None and page_code is not None and page.paragraphs:
        # A place inside the page's region that opens the figure's paragraph
        # (某某镇：…。共走访慰问…60户) frames its figures; not one opening a
        # body's name (某区某产业集群党委成员单位交流了…: whose the members are).
        para = page.paragraphs[bisect.bisect_right(page.paragraphs, pos) - 1]
        k = bisect.bisect_left(found_starts, para)
        j = bisect.bisect_left(found_starts, sentence_start)
        if k < j and found[k].start - para <= _PARAGRAPH_OPENER and found[k].end <= sentence_start \
                and not found[k].dispatch and found[k].code != page_code and _within(found[k].code, page_code) \
                and not found[k].body \
                and all(m.code == found[k].code for m in found[k:j]):  # (甲县、乙县等地…: no one place)
            best = found[k]
    if page.groups:
        # 南疆四地州城镇新增就业10.11万人: a group of places in the figure's
        # clause, after any place it names, is what the figure is about (not
        # 全市7个县区共…, a scope word of its clause before it: the city's total).
        k = bisect.bisect_left(page.groups, (pos,)) - 1
        if k >= 0 and page.groups[k][0] >= clause_start and page.groups[k][1] <= pos \
                and (best is None or best.start < page.groups[k][0]) \
                and not any(clause_start <= o < page.groups[k][0] for o, _ in page.scopes):
            return None, "figure_text"
    if page.joints:
        # 甲乙两地举办招聘会500余场，服务求职群众30万人次: the figures of a
        # joint subject of the sentence, after any place it names, are no one region's.
        k = bisect.bisect_left(page.joints, (pos,)) - 1
        if k >= 0 and page.joints[k][0] >= sentence_start and (best is None or best.start < page.joints[k][0]):
            return None, "figure_text"
    if page.region is not None and page.scopes:
        # A scope word of the figure's clause after any place it names
        # (今年四川全省城镇新增就业85万人 on a page that is 成都市's).
        k = bisect.bisect_left(page.scopes, (pos,)) - 1
        if k >= 0 and page.scopes[k][0] >= (sentence_start if scope_start is None else scope_start) \
                and (best is None or best.start < page.scopes[k][0]):
            if page.scopes[k][1] == "省" and not page.province_named and page.region.level != "province":
                # 全省月最低工资标准为1100元 on a page about a city of the province
                # that never names the province: the text tells no province
                # (the region comes from the text; a page about the province,
                # its parts naming it, keeps it)
                return None, "figure_text"
            if best is None or best.start < foreign:
                if sentence_start <= foreign < page.scopes[k][0]:
                    # 某省甲市征集全市17家企业 on a page of another province:
                    # the scope word is the place's named before it, which is
                    # not the page's: the figure is the page's (never the foreign place's).
                    return page.region, page.basis
            scoped = scope_region(page.region, page.scopes[k][1])
            if scoped is not None and scoped.code != page_code:
                return scoped, "figure_text"
            if scoped is not None:
                return page.region, page.basis
    if page.towns and page_code is not None:
        # 记者从广平镇政府获悉，该镇今年已安置…202名 on a city's page that
        # wrote 某某区广平镇 before: the town's county, after any place its
        # sentence names before the town.
        k = bisect.bisect_left(page.towns, (pos,)) - 1
        if k >= 0 and page.towns[k][0] >= sentence_start and page.towns[k][1] <= pos \
                and (best is None or best.start < page.towns[k][0]) \
                and _within(page.towns[k][2], province or page_code) and page.towns[k][2] != page_code:
            return gaz[page.towns[k][2]], "figure_text"
    if best is not None and page.wholes:
        # 临沂市兰山区、罗庄区、河东区的月最低工资标准为950元: the figure of a list
        # is its whole's, unless the places have theirs each (分别).
        k = bisect.bisect_left(page.wholes, (best.start,))
        if k < len(page.wholes) and page.wholes[k][0] == best.start \
                and not any(best.end <= r < pos for r in page.respectively):
            whole = page.wholes[k][1]
            return (page.region, page.basis) if whole == page_code else (gaz[whole], "figure_text")
    if best is not None and best.code != page_code:
        return gaz[best.code], "figure_text"
    return page.region, page.basis
