"""Whether a surname and one or two characters read as a name or as words: a dictionary test.

The cues of ``etl.semantic.privacy`` accept a surname + given name next to a
role word, a reporting verb, a kinship term …; each new set of pages brings
contexts no cue covers (staff listed after a colon, a donor's home, a name in
a list).  This module lets the masker accept a candidate on a weak cue (it
stands alone between pauses or list marks) when a word dictionary says it is
no ordinary word: the candidate is not a word of the dictionary and no word
of it crosses the candidate's edges (张大鹏 is a name; 高中生, 康复, 黄金周,
米油 are words).

The dictionary is jieba's (PyPI ``jieba``, pinned in pyproject.toml): its
``dict.txt`` of about 349,000 words with their frequencies, read directly as
a file of the package (no segmenter, no cache file, no download), once, on
first use (about 0.25 s).  Only the look-ups of words of two to four
characters around a candidate are done per page: no page is segmented.
(Its part-of-speech tags are not used for the candidate itself: it tags
康复, 道德 and 拓宽 ``nr``.)
"""

from __future__ import annotations

import functools
import re
from importlib.resources import files

from etl.semantic.name_candidates import ADDRESS_FORMS, _BOUNDARY, _choose_length, _occurrences

_CJK = "\u4e00-\u9fff\u3400-\u4dbf"

#: Longest dictionary word looked up around a candidate (characters).
LONGEST_WORD = 4
#: A one-character given name that is a frequent noun or verb on its own
#: (油, 报, 店, 派: 米油, 华报, 赖店) reads as the word after a character that
#: is also a surname; from this frequency of jieba's dictionary on.
FREQUENT_SINGLE_WORD = 3000
#: A two-character given name that is a frequent noun or place word (天下:
#: 蓝天下) reads as that word; from this frequency on (not 金花 849, 树林 669,
#: which are given names as often).
FREQUENT_GIVEN_WORD = 5000
_WORD_TAGS = frozenset(("n", "v", "s", "ns", "vn", "nz"))


@functools.cache
def dictionary() -> dict[str, tuple[int, str]]:
    """jieba's words of one to LONGEST_WORD characters: word -> (frequency, tag)."""
    out: dict[str, tuple[int, str]] = {}
    with (files("jieba") / "dict.txt").open(encoding="utf-8") as f:
        for line in f:
            word, freq, tag = line.split()
            if len(word) <= LONGEST_WORD:
                out[word] = (int(freq), tag)
    return out


def crossing_word(text: str, start: int, end: int) -> str | None:
    """A dictionary word of two or more characters that holds text[start] and
    a character before it, or text[end - 1] and a character after it: the
    candidate text[start:end] sits inside or across a word (工余早…: 余早红's
    surname in 工余; 凡是)."""
    words = dictionary()
    n = len(text)
    for a in range(max(0, start - LONGEST_WORD + 1), start):
        for b in range(start + 1, min(n, a + LONGEST_WORD) + 1):
            if text[a:b] in words:
                return text[a:b]
    for a in range(start + 1, end):
        for b in range(end + 1, min(n, a + LONGEST_WORD) + 1):
            if text[a:b] in words:
                return text[a:b]
    return None


def reads_as_name(text: str, start: int, end: int, surname_len: int = 1) -> bool:
    """Whether text[start:end] (a surname of ``surname_len`` characters and
    one or two more) is no ordinary word by the dictionary: not a word, not
    inside or across one, its given name not a frequent word on its own."""
    words = dictionary()
    name = text[start:end]
    if name in words or crossing_word(text, start, end) is not None:
        return False
    given = name[surname_len:]
    freq, tag = words.get(given, (0, ""))
    limit = FREQUENT_SINGLE_WORD if len(given) == 1 else FREQUENT_GIVEN_WORD
    return not (tag in _WORD_TAGS and freq >= limit)


def reads_as_full_name(text: str, start: int, name: str, surname: str) -> bool:
    """Stricter, for a surname that is an everyday word (于, 和, 金): a name of
    three characters that reads as a name (:func:`reads_as_name`) and whose
    given name, and surname + its first character, are no words of the
    dictionary at all (和困难, 都能以 … stay words: 困难 is one, 和爱上 has 爱上 …)."""
    words = dictionary()
    n = len(surname)
    return (len(name) == n + 2 and name[n:] not in words and name[: n + 1] not in words
            and reads_as_name(text, start, start + len(name), n))


#: Where a name may stand alone: after a pause, a list mark or a word that
#: takes a person (给X, 陪X, X和Y) …
SLOT_BEFORE = set(_BOUNDARY) | set("、和与给为帮陪让叫向同跟及")
#: … and before a pause, a list mark, 的, 家 or a word that follows a person.
SLOT_AFTER = set(_BOUNDARY) | set("的家和与、等说是也就在都")
#: A name right before these is named in an office (X书记, X县长, X同志):
#: an official keeps the name.
OFFICE_AFTER = ("书记", "县长", "市长", "镇长", "乡长", "区长", "局长", "主任", "部长", "厅长", "省长",
                "委员", "主席", "处长", "科长", "所长", "站长", "院长", "校长", "同志", "副")
#: A name right after these is named in an office (副县长X, 县领导X).
OFFICE_BEFORE = ("长", "书记", "主任", "主席", "委员", "干事", "领导", "干部", "常委", "代表")


@functools.cache
def _slot_rx(sur: str) -> re.Pattern[str]:
    before = re.escape("".join(sorted(SLOT_BEFORE)))
    return re.compile(f"(?:^|(?<=[{before}]))(?=({sur})([{_CJK}]{{1,2}}))")


_LIST_MARK_RX = re.compile("[、和]")


def _listed_after_title(text: str, i: int) -> bool:
    """Whether the name at ``i`` closes a list whose first name follows a
    title (副主席X、Y、Z: Z too is named in an office)."""
    if i == 0 or text[i - 1] not in "、和":
        return False
    parts = _LIST_MARK_RX.split(text[max(0, i - 20) : i])
    for k in range(len(parts) - 2, -1, -1):
        head = parts[k]
        if any(head[: len(head) - n].endswith(OFFICE_BEFORE) for n in (2, 3)):
            return True
        if len(head) > 4:
            return False
    return False


def _in_office(text: str, name: str) -> bool:
    """Whether ``name`` follows or precedes a title of an office somewhere on
    the page, or closes a list that follows one."""
    return any(text.endswith(OFFICE_BEFORE, 0, i) or text.startswith(OFFICE_AFTER, i + len(name))
               or _listed_after_title(text, i) for i in _occurrences(text, name))


def standalone_names(text: str, sur: str, ambiguous: frozenset[str] | set[str]) -> set[str]:
    """Surname + one or two characters standing alone between a pause or a
    list mark and what follows a person (SLOT_BEFORE, SLOT_AFTER) that the
    dictionary reads as a name (:func:`reads_as_name`): weak candidates
    (the masker's guards of a weak cue apply).  Not a surname that is an
    everyday word, nor a name in an office anywhere on the page."""
    out: set[str] = set()
    n = len(text)
    for m in _slot_rx(sur).finditer(text):
        surname, given = m.group(1, 2)
        if surname in ambiguous:
            continue
        name = _choose_length(text, surname, given)
        end = m.start() + len(name)
        if end < n and text[end] not in SLOT_AFTER:
            continue
        if name[len(surname):].endswith(ADDRESS_FORMS + OFFICE_AFTER + OFFICE_BEFORE):
            continue  # (邹大娘, 石书记: a surname and a form of address or a title)
        if name in out or not reads_as_name(text, m.start(), end, len(surname)):
            continue
        if not _in_office(text, name):
            out.add(name)
    return out
