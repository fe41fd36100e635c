"""Private persons' names: mask them in any text.

``etl.semantic.privacy`` finds the private names of a page (vetted by
``etl.semantic.name_candidates``); this module masks them.  The pipeline calls
:func:`mask` (or :func:`mask_many`, many texts in one pass) on every free-text
value it publishes (figure contexts, titles); the semantic layer masks its own
rows.

Masking (:func:`mask`): every occurrence of a name, OCR spaces or line breaks
inside it included, becomes ``某某``; for a three-character name, the bare
given name standing alone (``“大鹏，过年好``) or as the subject of a
sentence (``“大鹏说``) becomes ``某某`` too, and so does a given name that is
no word of the project's vocabularies after 小/阿/老 (``小子涵``), before
a person's action (``子涵在``, ``子涵平时``) or before the name of a group
named after the person (``子涵爱心小组``, ``子涵志愿服务队``); and the
surname of a found name followed by a form of address (``熊医生``,
``卢老师``, ``邹大娘``) becomes ``某``.  ``某某`` is the placeholder Chinese
papers themselves use for anonymised people, it keeps the sentence readable,
and it cannot be mistaken for a real name.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence

from etl.extract.textrepair import to_simplified
from etl.semantic import name_forms
from etl.semantic.page_index import sorted_positions
from etl.semantic.name_candidates import (
    ADDRESS_FORMS,
    _codebook_words,
    _inside_place_name,
    _is_cjk,
    _place_parts,
    _split_surname,
    _vocab,
)


#: Placeholder for a masked name, and for a masked surname before a title.
PLACEHOLDER = "某某"
SURNAME_PLACEHOLDER = "某"

#: Characters after a bare given name standing at a boundary that make it
#: the subject of a sentence (“大鹏说, ，大鹏笑了): it is masked.
BARE_GIVEN_AFTER = set("说笑问答告也就还又却便")
#: Prefixes of endearment before a bare given name (小子涵, 阿子涵), and
#: prepositions and verbs whose object is a person (和子涵一起, 给子涵带来,
#: 为子涵过生日, 看到子涵开心的样子).
BARE_GIVEN_PREFIXES = set("小阿老" "和给为跟陪帮让对向叫喊到见与替")
#: Prepositions whose object is a person (向子涵介绍, 给子涵讲): after an
#: adverb (…地) or a pause the bare given name, no ordinary word, is the
#: person whatever follows it.
BARE_GIVEN_OBJECT_OF = set("向给为陪跟帮替")
BARE_GIVEN_BEFORE_OBJECT = set("地，,、；;")
#: Characters and words after a bare given name that is no ordinary word
#: which make it a person doing something (子涵在和奶奶说话, 子涵平时由爷爷
#:照顾, 子涵害羞地躲开, 子涵家住…, 子涵的梦想, 子涵很懂事): it is masked.
BARE_GIVEN_ACTION_CHARS = set("在和跟把被对向都已曾正" "家的很真过带")
BARE_GIVEN_ACTION_WORDS = (
    "平时", "每天", "今年", "从小", "一直", "没有", "看上去", "希望", "一家", "的爸爸", "的妈妈",
    "的爷爷", "的奶奶", "的父亲", "的母亲", "的学习", "害羞",
    # (子涵一起…, 子涵高兴地…, 子涵开心…, 子涵懂事…)
    "一起", "高兴", "开心", "懂事", "激动", "感动",
)


@functools.lru_cache(maxsize=256)
def _surnames(names: frozenset[str]) -> frozenset[str]:
    return frozenset(parts[0] for parts in map(_split_surname, names) if parts)


@functools.lru_cache(maxsize=256)
def _bare_names(names: frozenset[str]) -> frozenset[str]:
    """The given names masked on their own: those of three-character names,
    unless they are ordinary words or inside a place name."""
    _, _, _, _, not_names, _ = _vocab()
    out = set()
    for name in names:
        parts = _split_surname(name)
        if not parts:
            continue
        given = parts[1]
        if given in _KINSHIP or not all(_is_cjk(c) for c in name):
            continue  # 徐奶奶: 奶奶 alone is nobody's name
        # (a given name has no line break, so it is in the joined place
        # names exactly when it is inside one of them)
        if len(given) == 2 and given not in not_names and not _inside_place_name(given):
            out.add(given)
    return frozenset(out)


@functools.cache
def _vocabulary_pairs() -> frozenset[str]:
    """The two-character strings inside the words of the project's
    vocabularies (not_names, codebook phrases, role words, name cues, place
    names): a given name among them may be an ordinary word."""
    _, _, _, roles, not_names, _ = _vocab()
    words = set(not_names) | set(_codebook_words()) | set(roles)
    words |= {w for ws in name_forms.cues().values() for w in ws}
    return frozenset(w[i : i + 2] for w in words for i in range(len(w) - 1)) | _place_parts()


@functools.lru_cache(maxsize=256)
def _unworded_bare_names(names: frozenset[str]) -> frozenset[str]:
    """The bare given names that are no word of the project's vocabularies:
    masked after 小/阿/老 and before a person's action too."""
    pairs = _vocabulary_pairs()
    return frozenset(g for g in _bare_names(names) if g not in pairs)


@functools.lru_cache(maxsize=256)
def _mask_table(names: frozenset[str]) -> dict[str, tuple[tuple[int, str], ...]]:
    """What may be masked, by its first character, in the order a single
    pattern would try it: the names (kind 0; longest first; OCR spaces and
    line breaks allowed inside), the bare given names of three-character
    names (kind 1: only when standing alone), the surnames (kind 2: only
    before a form of address; longest first)."""
    table: dict[str, list[tuple[int, str]]] = {}
    for name in sorted(names, key=len, reverse=True):
        table.setdefault(name[0], []).append((0, name))
    for given in sorted(_bare_names(names)):
        table.setdefault(given[0], []).append((1, given))
    for sur in sorted(_surnames(names), key=len, reverse=True):
        table.setdefault(sur[0], []).append((2, sur))
    return {c: tuple(v) for c, v in table.items()}


_KINSHIP = frozenset(name_forms.cues().get("kinship", ()))


def _is_ascii_letter(ch: str) -> bool:
    return ch.isascii() and ch.isalpha()


_WHITESPACE = re.compile(r"\s")


def _match_spaced(text: str, pos: int, word: str) -> int:
    """End of ``word`` at ``pos`` in ``text``, whitespace allowed between
    its characters (``熊 健``), or -1."""
    if text.startswith(word, pos):
        return pos + len(word)
    if _WHITESPACE.search(text, pos + 1, pos + len(word)) is None:
        return -1  # no whitespace where it could be inside the word
    n = len(text)
    j = pos
    for k, c in enumerate(word):
        if k:
            while j < n and text[j].isspace():
                j += 1
        if j >= n or text[j] != c:
            return -1
        j += 1
    return j


def _bare_given_stands(text: str, p: int, end: int, word: str, names: frozenset[str]) -> bool:
    """Whether the bare given name ``word`` at ``text[p:end]`` is the person:
    standing alone (no CJK character on either side) or as the subject of a
    sentence (“大鹏说); when it is no ordinary word, also after 小/阿/老
    (小子涵) or before a person's action (子涵在, 子涵平时)."""
    n = len(text)
    before_ok = p == 0 or not _is_cjk(text[p - 1])
    after_ok = end >= n or not _is_cjk(text[end]) or text[end] in BARE_GIVEN_AFTER
    if before_ok and after_ok:
        return True
    if word not in _unworded_bare_names(names):
        return False
    if text.startswith(name_forms._relations(), end):
        return True  # the person's relative (子涵妈妈, 子涵祖父)
    if text.startswith(_group_words(), end):
        return True  # a group named after the person (某某志愿服务队, 某某爱心小组)
    if text[p - 1] in BARE_GIVEN_OBJECT_OF and p >= 2 and text[p - 2] in BARE_GIVEN_BEFORE_OBJECT:
        return True  # (热情地向爱伦介绍…: the object of a preposition after an adverb)
    before_ok = before_ok or text[p - 1] in BARE_GIVEN_PREFIXES
    after_ok = after_ok or text[end] in BARE_GIVEN_ACTION_CHARS or text.startswith(BARE_GIVEN_ACTION_WORDS, end)
    return before_ok and after_ok


@functools.cache
def _group_words() -> tuple[str, ...]:
    """How the name of a group starts after the name it is named after
    (``group_after`` in name_cues.csv: 志愿, 爱心, 服务队 …)."""
    return tuple(name_forms.cues().get("group_after", ()))


#: Joins the texts that :func:`mask_many` masks in one pass: no name,
#: address form or whitespace contains it, and it is not CJK, so a match
#: never crosses it and it bounds a text as the text's start or end would.
_TEXT_SEPARATOR = "\x00"


def mask_many(texts: Sequence[str | None], names: Iterable[str]) -> list[str | None]:
    """``[mask(t, names) for t in texts]``, in one pass over the texts joined
    by :data:`_TEXT_SEPARATOR` (one call's overhead instead of one per text:
    a care-visit row has six short texts)."""
    if any(t and _TEXT_SEPARATOR in t for t in texts):
        return [mask(t, names) for t in texts]
    masked = (mask(_TEXT_SEPARATOR.join(t or "" for t in texts), names) or "").split(_TEXT_SEPARATOR)
    # mask() gives None and "" back unchanged
    return [m if t else t for t, m in zip(texts, masked)]


def mask(text: str | None, names: Iterable[str]) -> str | None:
    """``text`` with every private name replaced by ``某某`` (see the module
    docstring); ``None`` and empty text come back unchanged.

    The result is that of one regular expression made of the alternatives
    of :func:`_mask_table` (``\\s*`` between the characters of names, the
    checks as lookarounds) applied with ``re.sub``: leftmost match first,
    and at one position the first alternative that matches.  Done by hand
    from a table of first characters, it needs no pattern compiled per page
    (that compilation, CJK character classes included, would cost more than
    all of a page's masking)."""
    if not text:
        return text
    names = names if isinstance(names, frozenset) else frozenset(names)
    if not names:
        return text
    # Names are found in the clean text, in simplified characters; a text
    # quoted as written (葉秀) is matched in its simplified form (叶秀: one
    # character for one, so the offsets are the text's own).
    original = text
    text = to_simplified(text)
    table = _mask_table(names)
    present = [c for c in table if c in text]
    if not present:
        return original
    n = len(text)
    # Where a match may start: every occurrence of a first character.
    candidates = sorted_positions(text, "".join(present))
    out: list[str] = []
    done = 0  # text[:done] is in out
    for p in candidates:
        if p < done:
            continue
        for kind, word in table[text[p]]:
            if kind == 2:  # a surname before a form of address (熊医生)
                end = p + len(word)
                if text.startswith(word, p) and text.startswith(ADDRESS_FORMS, end):
                    placeholder = SURNAME_PLACEHOLDER
                    break
                continue
            end = _match_spaced(text, p, word)
            if end < 0:
                continue
            if kind == 1 and not _bare_given_stands(text, p, end, word, names):
                continue  # a bare given name inside a longer word (not “大鹏说: a subject)
            if _is_ascii_letter(word[0]) and (
                (p > 0 and _is_ascii_letter(text[p - 1])) or (end < n and _is_ascii_letter(text[end]))
            ):
                continue  # a Latin name is a whole word (Chine is not in Chinese)
            placeholder = PLACEHOLDER
            break
        else:
            continue
        out.append(original[done:p])
        out.append(placeholder)
        done = end
    if not out:
        return original
    out.append(original[done:])
    return "".join(out)
