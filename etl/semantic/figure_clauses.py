"""The clause and the sentence before (and the clause after) a figure, as
the period and measure rules read them: windows of a page's clean text cut
at clause and sentence ends, without pinyin glosses, and one regex for a word list.

Split from :mod:`etl.semantic.periods` (the period a figure covers) and used
by it and by :mod:`etl.semantic.measures` (what kind of number it is).
"""

from __future__ import annotations

import re

from etl.extract.rules import literal_alternation


#: Characters that end a clause (for the measure's words).
_CLAUSE_END = ",，;；:：!！?？。\n"
_SENTENCE_END = ";；!！?？。\n"


#: Everything up to and including the last clause (sentence) end of a window.
_THROUGH_LAST_CLAUSE_END_RX = re.compile("(?s:.*)[" + re.escape(_CLAUSE_END) + "]")
_THROUGH_LAST_SENTENCE_END_RX = re.compile("(?s:.*)[" + re.escape(_SENTENCE_END) + "]")


def _after_last(through_last: re.Pattern[str], clean: str, cs: int, floor: int = 0) -> int:
    """The offset right after the last end character (``through_last``
    matches through it) before clean offset ``cs`` and after ``floor``, else
    ``floor``.  The regex looks
    back over growing windows, so the cost is linear in the distance to that
    end, not in the page's length (this runs for every figure)."""
    hi, width = cs, 64
    while hi > floor:
        lo = max(floor, hi - width)
        m = through_last.match(clean, lo, hi)
        if m:
            return m.end()
        hi, width = lo, width * 4
    return floor


def _clause_before(clean: str, cs: int) -> str:
    return clean[_after_last(_THROUGH_LAST_CLAUSE_END_RX, clean, cs) : cs]


def _words(text: str) -> str:
    """``text`` without pinyin glosses (预(yù)期目标(biāo) reads 预期目标)."""
    return _GLOSS_RX.sub("", text) if "(" in text else text


def up_to_now_text(text: str) -> str:
    """``text`` to search for up-to-now words (至今, 目前): 至今 in 截至今年6月底
    is 截至 + 今年 (a cut-off this year), not 至今 (up to now)."""
    return text.replace("至今年", "至 今年") if "至今年" in text else text


#: (as etl.semantic.page_index.PINYIN_GLOSS_RX)
_GLOSS_RX = re.compile("(?<=[\u4e00-\u9fff])\\([a-zü]{0,5}[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zü]{0,5}\\)")


_CLAUSE_REST_RX = re.compile("[^" + re.escape(_CLAUSE_END) + "]{0,40}")


def _clause_from(clean: str, cs: int) -> str:
    """The figure's clause from the figure on (at most 40 characters)."""
    m = _CLAUSE_REST_RX.match(clean, cs)
    return m.group(0) if m else ""


_FULL_SENTENCE_END = "!！?？。\n"
_THROUGH_LAST_FULL_STOP_RX = re.compile("(?s:.*)[" + re.escape(_FULL_SENTENCE_END) + "]")


def _full_sentence_before(clean: str, cs: int) -> str:
    """The figure's sentence up to it, across semicolons (主要预期目标是：A；B；C。:
    a lead before a colon governs every item of its list)."""
    return clean[_after_last(_THROUGH_LAST_FULL_STOP_RX, clean, cs, max(0, cs - MAX_SENTENCE)) : cs]


#: How far back a sentence is read (a page whose lines were run together
#: may have no sentence end for thousands of characters: no sentence is
#: that long, and reading back to the page's start for every figure would
#: cost the square of the page's length).
MAX_SENTENCE = 600


def _sentence_before(clean: str, cs: int) -> str:
    return clean[_after_last(_THROUGH_LAST_SENTENCE_END_RX, clean, cs, max(0, cs - MAX_SENTENCE)) : cs]


def _any_word_rx(words: tuple[str, ...]) -> re.Pattern[str]:
    """One regex for a word list: ``rx.search(text)`` finds one of the words
    exactly when ``any(w in text for w in words)`` is true (one scan, not
    one per word)."""
    return re.compile(literal_alternation(list(words)))
