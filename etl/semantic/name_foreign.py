"""Names without a Chinese surname that ``etl.semantic.name_forms`` does not
read (``etl.semantic.privacy`` calls :func:`find_foreign` after it, with the
names found so far):

* **A name of transliteration characters between a role word and a
  reporting verb or an age** (牧民巴某某说, 群众次某某某告诉记者): the names of
  many minority nationalities and foreign given names have no Chinese
  surname (``transliteration`` in name_cues.csv); a name of two such
  characters after a word for a foreigner only (``foreign_role``: 外教约某说).
* **A name of transliteration characters that opens a sentence or follows
  its village, followed by 和/与 and a family member** (某某某某和妈妈在…,
  某某村某某某某和妈妈…, a caption): a
  person with their mother, father, child … (``relation`` in roles.csv).
* **Latin words after a Latin name found**: its surname (Tom Miller) or the
  next name of a list (Lucy和Jack, Lucy and Jack).
"""

from __future__ import annotations

import functools
import re

from etl.extract.rules import literal_alternation
from etl.semantic.name_forms import _ends_with_role, _not_names, _relations, _roles, _translit_chars, cues, is_latin
from etl.semantic.page_index import sorted_positions as positions


def find_foreign(text: str, found: set[str] | frozenset[str]) -> set[str]:
    """The names of the forms above on a page whose other names are ``found``."""
    return _names_without_surname(text) | _latin_companions(text, set(found)) | _names_with_family(text)


#: Verbs after a name written without a surname (牧民巴某某说).
_UNSURNAMED_REPORT = ("说", "告诉", "表示", "介绍", "今年", "笑着")


def _names_without_surname(text: str) -> set[str]:
    """A name of three or four transliteration characters (``transliteration``
    in name_cues.csv: the names of many minority nationalities and foreign
    given names have no Chinese surname) between a role word and a reporting
    verb or an age (牧民巴某某说, 群众次某某某告诉记者); not an ordinary word."""
    out: set[str] = set()
    chars = _translit_chars()
    for a in positions(text, "说告表介今笑"):
        if not text.startswith(_UNSURNAMED_REPORT, a):
            continue
        if a < 2 or text[a - 1] not in chars or text[a - 2] not in chars:
            continue  # (most verbs: no transliteration characters before them)
        for n in (4, 3, 2):
            cand = text[a - n : a] if a >= n else ""
            if not cand or not all(c in chars for c in cand) or cand in _not_names() \
                    or any(r.endswith(cand) for r in _roles()):
                continue
            # (two characters only after a word for a foreigner: 外教约某说)
            if _ends_with_role(text, a - n) if n > 2 else _foreign_role_rx().search(text, max(0, a - 10), a - n):
                out.add(cand)
                break
    return out


@functools.cache
def _foreign_role_rx() -> re.Pattern[str]:
    return re.compile(f"(?:{literal_alternation(list(cues().get('foreign_role', ())))})$")


#: A Latin word after a Latin name: its surname (Tom Miller) or the next
#: name of a list (Lucy和Jack, Lucy and Jack).
_LATIN_NEXT_RX = re.compile(r"(?:[ \t]+|[ \t]*(?:[和、及与&]|and)[ \t]*)([A-Z][a-z]{1,14})(?![A-Za-z])")


_CAPITAL_RX = re.compile("[A-Z]")


def _latin_companions(text: str, names: set[str]) -> set[str]:
    """The Latin words that follow a Latin name found (see _LATIN_NEXT_RX),
    one after another."""
    out: set[str] = set()
    if _CAPITAL_RX.search(text) is None:
        return out
    queue = [n for n in names if is_latin(n)]
    while queue:
        name = queue.pop()
        for m in re.finditer(rf"(?<![A-Za-z]){re.escape(name)}(?![A-Za-z])", text):
            nxt = _LATIN_NEXT_RX.match(text, m.end())
            if nxt and nxt.group(1) not in out and nxt.group(1) not in names:
                out.add(nxt.group(1))
                queue.append(nxt.group(1))
    return out


@functools.cache
def _family_rx() -> re.Pattern[str]:
    return re.compile(f"[和与跟同](?:{literal_alternation(list(_relations()))})")


#: What a name of transliteration characters with a family member starts
#: after: a pause, or where a home is (某某村X和妈妈).
_FAMILY_NAME_AFTER = "\n，,。；;：:！!？?“”"


def _names_with_family(text: str) -> set[str]:
    """A name of transliteration characters at a sentence's start or after
    its village (``home_place``) + 和/与 + a family member (see the module
    docstring); not an ordinary word.  (The scan skips to the family member,
    then reads the name before it.)"""
    out: set[str] = set()
    chars = _translit_chars()
    starts = _FAMILY_NAME_AFTER + "".join(cues().get("home_place", ()))
    for m in _family_rx().finditer(text):
        k = m.start()
        while k > 0 and m.start() - k < 6 and text[k - 1] in chars:
            k -= 1
        name = text[k : m.start()]
        if not 3 <= len(name) <= 5 or (k > 0 and text[k - 1] not in starts):
            continue
        if name not in _not_names() and not any(r.endswith(name) for r in _roles()):
            out.add(name)
    return out
