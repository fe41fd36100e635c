"""Names written as the entries of a form or a roster, not in a sentence:
``etl.semantic.privacy`` calls :func:`find_rosters` once per page, before
the other forms of ``etl.semantic.name_forms`` (which extend the lists that
these names begin).  The cues are ``schemas/vocab/name_cues.csv``.

* **Rosters after a label of people** (``roster_label``: 参加人员：甲某某，乙某，
  丙某某…): three or more items joined by commas, 、 or spaces, every one a
  name, the last possibly running on into the next sentence; an item may
  carry its part in brackets (甲某（队长）).
* **One person after a label of a person** (``person_label``: 带队人：甲某某,
  【联系人】：乙某, 负责人：丙某某，电话…): the name alone up to a pause or
  the line's end; not a surname + a title (联系人：王科长).
* **Names in brackets after a count of people** (实际参加人数：3（甲某，乙某某，
  丙某）, 共3人（甲某、乙某、丙某）) or after a role word (带队志愿者（甲某某）):
  every item of the bracket a name.
* **A signed part of a report** (a line holding only a name and dashes,
  甲某某——, or a full name of three characters and a colon, 甲某某：): the
  writer of the part that follows.
* **Names listed with spaces between them** (团队成员：甲某某 乙某某 丙某 …,
  read in the raw text, where the spaces are): :func:`spaced_name_lists`.
* **A forum's edit note** (本帖最后由 甲某 于 2022-11-20 16:07 编辑): the
  editor's name between 最后由 and 于 + a date.
"""

from __future__ import annotations

import functools
import re

from etl.extract.rules import literal_alternation
from etl.extract.textrepair import to_simplified
from etl.semantic.name_forms import AFTER_NAME, _is_cjk, _not_names, _roles, cues
from etl.semantic.page_index import sorted_positions as positions

_CJK = "\u4e00-\u9fff\u3400-\u4dbf"
#: The fewest names of a roster after a label of people.
MIN_LISTED = 3
#: What separates the names of a roster; what ends it.
_ROSTER_SEPARATORS = re.compile("[，,、 \u3000]+")
_ROSTER_END = re.compile("[。；;\n:：!！?？]")
#: A part in brackets after a roster's name (甲某（队长）, 乙某(组长)).
_ITEM_NOTE = re.compile(f"[（(][{_CJK}]{{1,6}}[）)]$")
#: What ends a title after a surname (联系人：王科长, 负责人：李主任): no name.
TITLE_ENDS = ("长", "书记", "主任", "委员", "干事", "老师", "经理")
#: What may follow a name after a label of a person: a pause or the line's end.
_AFTER_LABELLED = set("，,；;。、（(）)】] \u3000\n\t")


def _name_len_ok(name: str, compound: frozenset[str]) -> bool:
    """Two or three characters, or four with a two-character surname (欧阳明轩)."""
    return 2 <= len(name) <= 3 or (len(name) == 4 and name[:2] in compound)


@functools.cache
def _label_rx(kind: str) -> re.Pattern[str]:
    """A label of ``kind`` (``roster_label``, ``person_label``) ending where
    the search ends (at its colon), in square brackets or not (【联系人】)."""
    return re.compile(f"(?:{literal_alternation(list(cues().get(kind, ())))})[】\\]]?$")


#: The longest label read before a colon (with its closing bracket).
_LABEL_WINDOW = 10


def _after_labels(text: str, kind: str) -> list[int]:
    """Where the text after a label of ``kind``, its colon and any spaces
    starts.  (Read at each colon, looking back: few colons, many positions.)"""
    rx = _label_rx(kind)
    colons = positions(text, ":：")
    return [_skip_spaces(text, c + 1) for c in colons if rx.search(text, max(0, c - _LABEL_WINDOW), c) is not None]


def _skip_spaces(text: str, i: int) -> int:
    while i < len(text) and text[i].isspace():
        i += 1
    return i


@functools.cache
def _before_bracket_rx() -> re.Pattern[str]:
    """What stands right before a bracket of names: a count of people (3人,
    人数】：3) or a role word (searched in a window ending at the bracket)."""
    roles = literal_alternation(list(_roles()))
    count = "[0-9０-９一二三四五六七八九十两]{1,3}"
    return re.compile(f"(?:(?:{count}\\s*(?:人|名|位))|(?:人数[】\\]]?[:：]?\\s*{count})|(?:{roles}))\\s*$")


@functools.cache
def _before_bracket_last() -> frozenset[str]:
    """The characters that end what _before_bracket_rx reads."""
    return frozenset(r[-1] for r in _roles()) | frozenset("人名位0123456789０１２３４５６７８９一二三四五六七八九十两 \u3000")


#: The longest text before a bracket that _before_bracket_rx reads.
_BEFORE_BRACKET_WINDOW = 16
#: A bracket's content (甲某，乙某某，丙某).
_BRACKET_RX = re.compile("[（(]([^（）()\\n]{2,60})[）)]")


def find_rosters(text: str, ambiguous: frozenset[str], compound: frozenset[str], ok, raw: str = "") -> set[str]:
    """The names of the forms above on a page (``ok(name, strong)``: the
    guards of ``etl.semantic.name_candidates``; ``raw``: the page's text
    before repair, whose lines the signed parts are read from)."""
    out: set[str] = set()
    if raw:
        out |= _signed_parts(raw, compound, ok)
    if ":" in text or "：" in text:
        out |= _labelled_rosters(text, ambiguous, compound, ok)
        out |= _labelled_persons(text, compound, ok)
        # (the raw text keeps the spaces and line breaks after a labelled
        # name that the repair joins: 联系人：X  电话…, 负责人：X⏎记录人：Y)
        if raw:
            out |= {to_simplified(n) for n in _labelled_persons(raw, compound, lambda n, s: ok(to_simplified(n), s))}
    if "(" in text or "（" in text:
        out |= _bracketed_lists(text, ambiguous, compound, ok)
    if "最后由" in text:
        out |= _edit_notes(text, compound, ok)
    return out


def _labelled_rosters(text: str, ambiguous: frozenset[str], compound: frozenset[str], ok) -> set[str]:
    """The names of a roster after a label of people and a colon
    (参加人员：甲某某，乙某，丙某某；队员：…): three or more items joined by
    commas, 、 or spaces, each a name passing the guards (the last may run on
    into the next sentence: its first three or two characters; an item's
    part in brackets is left out); a roster with an item that is no name is
    no roster (成员：社区、学校、医院).  Each item passes the guards of a strong
    cue (志愿者陈文明: an ordinary word as a given name), all but one those of
    a weak one."""
    out: set[str] = set()
    for start in _after_labels(text, "roster_label"):
        end = _ROSTER_END.search(text, start)
        run = text[start : end.start() if end else len(text)]
        items = [_ITEM_NOTE.sub("", x) for x in _ROSTER_SEPARATORS.split(run) if x]
        if len(items) < MIN_LISTED:
            continue
        names: list[str] = []
        for k, item in enumerate(items):
            long = 4 if item[:2] in compound else 3
            if k == len(items) - 1 and len(item) > long and item[long - 1 : long + 1] in _not_names():
                cands = [item[: long - 1]]  # (…，丙某下午到达: a word after the name)
            elif k == len(items) - 1 and len(item) > long:
                cands = [c for c in (item[:long], item[: long - 1]) if c[-1] not in AFTER_NAME][:1] \
                    if item[long - 1] not in AFTER_NAME else [item[: long - 1]]
            else:
                cands = [item]
            name = next((c for c in cands if _name_len_ok(c, compound) and ok(c, True)), None)
            if name is None:
                names = []
                break
            names.append(name)
        # (each item passes the guards of a strong cue, as the label makes
        # it one; most of them those of a weak one too: 成员：高度、…)
        if len(names) >= MIN_LISTED and sum(ok(n, False) for n in names) >= MIN_LISTED - 1:
            out.update(names)
    return out


def _labelled_persons(text: str, compound: frozenset[str], ok) -> set[str]:
    """The name after a label of a person and a colon (带队人：甲某某), the
    longest that a pause or the line's end follows; an everyday-word surname
    (高, 常) too, as the label leaves no other reading; not a surname and a
    title (联系人：王科长).  Names written after it with spaces between them
    are its people too (指导老师：甲某某 乙某某)."""
    out: set[str] = set()
    for start in _after_labels(text, "person_label"):
        while True:
            name = _labelled_name(text, start, compound, ok)
            if name is None:
                break
            out.add(name)
            nxt = _NEXT_SPACED_RX.match(text, start + len(name))
            if nxt is None:
                break
            start = nxt.end()
    return out


#: The spaces before the next name of a label's people (甲某某 乙某某).
_NEXT_SPACED_RX = re.compile(f"[ \u3000]+(?=[{_CJK}])")


def _labelled_name(text: str, start: int, compound: frozenset[str], ok) -> str | None:
    """The name at ``start`` after a label (see _labelled_persons), or None."""
    for k in (4, 3, 2):
        name = text[start : start + k]
        after = text[start + k : start + k + 1]
        if len(name) == k and all(_CJK_RX.match(c) for c in name) and (not after or after in _AFTER_LABELLED) \
                and _name_len_ok(name, compound):
            return name if not name.endswith(TITLE_ENDS) and ok(name, True) else None
    return None


_CJK_RX = re.compile(f"[{_CJK}]")


def _bracketed_lists(text: str, ambiguous: frozenset[str], compound: frozenset[str], ok) -> set[str]:
    """The names in brackets after a count of people or a role word
    (人数：3（甲某，乙某某，丙某）, 带队志愿者（甲某某）): every item a name; an
    item with an everyday-word surname (高某某) only when the bracket holds as
    many names as the count says.  (Read at each bracket, looking back.)"""
    out: set[str] = set()
    before_rx = _before_bracket_rx()
    last = _before_bracket_last()
    for at in positions(text, "（("):
        if at == 0 or text[at - 1] not in last:
            continue  # (no count nor role word ends before it)
        before = before_rx.search(text, max(0, at - _BEFORE_BRACKET_WINDOW), at)
        if before is None:
            continue
        b = _BRACKET_RX.match(text, at)
        if b is None:
            continue
        items = [x for x in _ROSTER_SEPARATORS.split(b.group(1)) if x]
        count = re.search("[0-9０-９]+", before.group())
        counted = count is not None and int(count.group()) == len(items)
        if items and all(_name_len_ok(x, compound) and ok(x, counted) for x in items):
            out.update(items)
    return out


#: A forum's edit note: 最后由 + the editor + 于 + a date.
_EDIT_NOTE_RX = re.compile(f"最后由\\s*([{_CJK}]{{2,4}}?)\\s*于\\s*[0-9０-９]")


def _edit_notes(text: str, compound: frozenset[str], ok) -> set[str]:
    """The editor's name of a forum's edit note (本帖最后由 甲某 于 2022-… 编辑)."""
    return {m.group(1) for m in _EDIT_NOTE_RX.finditer(text) if _name_len_ok(m.group(1), compound)
            and ok(m.group(1), True)}


#: A line holding only a name and dashes (甲某某——, 甲某--) or a full name of
#: three characters (four with a two-character surname) and a colon (甲某某：).
_SIGNED_RX = re.compile(
    f"[ \\t\\u3000]*(?:([{_CJK}]{{2,4}})[ \\t\\u3000]*(?:-{{2,}}|[—－]{{1,2}})"
    f"|([{_CJK}]{{3,4}})[ \\t\\u3000]*[:：])[ \\t\\u3000]*"
)
#: The longest signed line (a name, spaces, the dashes).
_SIGNED_LINE_MAX = 16
#: The marks that end a signed line (read at each of them).
_SIGN_MARKS = "-—－:："


def _signed_parts(raw: str, compound: frozenset[str], ok) -> set[str]:
    """The writers of the signed parts of a report (see the module docstring):
    the name passing the guards of a weak cue (a heading such as 程序说明：
    is no name).  (Read at each mark, on its line.)"""
    out: set[str] = set()
    line_end = -1
    for at in positions(raw, _SIGN_MARKS):
        if at < line_end:
            continue  # (a line already read)
        start = raw.rfind("\n", 0, at) + 1
        end = raw.find("\n", at)
        line_end = end = len(raw) if end < 0 else end
        if end - start > _SIGNED_LINE_MAX:
            continue  # (a line of text, no signature)
        m = _SIGNED_RX.fullmatch(raw, start, end)
        if m is None:
            continue
        name = to_simplified(m.group(1) or m.group(2))  # (the raw text may be traditional)
        if _name_len_ok(name, compound) and (m.group(1) or len(name) == 3 or name[:2] in compound) \
                and ok(name, False):
            out.add(name)
    return out


#: The fewest names of a list written with spaces between them.
MIN_SPACED_NAMES = 3
_SPACED_TOKEN_RX = re.compile(r"[^\s]+")
#: Where ``str.splitlines`` breaks lines.
_LINE_BREAKS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
_LINE_BREAK_RX = re.compile(f"[{_LINE_BREAKS}]")
#: The whitespace inside a line (``str.isspace`` and no line break).
_LINE_SPACE = "".join(c for c in map(chr, range(0x3001)) if c.isspace() and c not in _LINE_BREAKS)
#: Three tokens (or more) in a line, the last two of two or three CJK
#: characters, the first ending with two (see _spaced_name_lists).  (The
#: match starts at the space after the first: ``re`` skips to spaces.)
_SPACED_RUN_RX = re.compile(
    f"[{_LINE_SPACE}](?<=[{_CJK}][{_CJK}][{_LINE_SPACE}])[{_LINE_SPACE}]*"
    f"[{_CJK}]{{2,3}}(?:[{_LINE_SPACE}]+[{_CJK}]{{2,3}}){{{MIN_SPACED_NAMES - 2}}}(?!\\S)"
)


def spaced_name_lists(raw: str, ambiguous: frozenset[str] | set[str], ok) -> set[str]:
    """The names of runs of three or more tokens separated by spaces in the
    raw text (团队成员：甲某某 乙某某 丙某 …), each two or three characters, a
    surname first, each passing the guards (a label ending with a colon
    before the first is left out); three of them at least with a surname that
    is no everyday word (a name with one, 高某某, passes the strong guards).
    OCR spaces between the characters of words give one-character tokens: no
    run."""
    if " " not in raw and "\u3000" not in raw:
        return set()
    out: set[str] = set()
    # Only the lines where three tokens follow each other, the last two of two
    # or three CJK characters and the first ending with two (a name after the
    # token's start or a colon), can hold a run: they are found with one scan.
    line_end = -1
    for m in _SPACED_RUN_RX.finditer(raw):
        if m.start() < line_end:
            continue  # (a line already read)
        line_start = max(raw.rfind(c, 0, m.start()) for c in _LINE_BREAKS) + 1
        brk = _LINE_BREAK_RX.search(raw, m.end())
        line_end = brk.start() if brk else len(raw)
        line = raw[line_start:line_end]
        if line.count(" ") + line.count("\u3000") < MIN_SPACED_NAMES - 1:
            continue
        run: list[str] = []
        for tok in _SPACED_TOKEN_RX.findall(line) + [""]:
            label, colon, name = tok.rpartition("：") if "：" in tok else tok.rpartition(":")
            is_name = 2 <= len(name) <= 3 and all(map(_is_cjk, name)) and ok(name, name[0] in ambiguous)
            if is_name and not colon:
                run.append(name)
                continue
            # (a token that is no name, or a new label, ends the run: 团队成员：甲某某 …)
            if sum(n[0] not in ambiguous for n in run) >= MIN_SPACED_NAMES:
                out.update(run)
            run = [name] if is_name else []
    return out
