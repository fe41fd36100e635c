"""What a figure measures (``figures.quantity``): a count of people, of
households, money, an age, a duration, a share, a rate, an area …

The unit decides it first: ``schemas/vocab/units.csv`` gives each unit its
``quantity`` (人 counts people, 岁 is an age, 年 a duration, 亩 an area).
Where the unit alone cannot tell, the words before the figure in its clause
do:

* a number of years is an **age** when the clause speaks of one (年龄, 年满,
  享年 … right before it: 年满60年 is an age, 工作30年 a duration);
* a percentage is a **share** of a whole (占, 比重, 比例 …), a **change**
  (增长, 下降, 同比 …) or otherwise a **rate** (就业率 13%); of a share word
  and a change word, the one nearer the figure decides (占比提高2% is a
  change, 同比增长的企业占30% a share).

The word lists are data below, not per page; nothing here knows a page.
"""

from __future__ import annotations

import functools
import re

from etl.extract import rules
from etl.extract.records import Figure

#: Words that make a number of years an age (the nearest before the figure,
#: in its clause).
AGE_WORDS = ("年龄", "年纪", "年满", "享年", "岁数", "年届", "年逾", "年过", "高龄", "年近")
#: Words that make a percentage a share of a whole.
SHARE_WORDS = ("占", "比重", "比例", "份额", "其中")
#: Words that make a percentage (or a number of percentage points) a change.
CHANGE_WORDS = (
    "增长", "增加", "增幅", "下降", "减少", "降幅", "降低", "提高", "提升", "上升", "回落", "上涨", "下跌",
    "同比", "环比", "比上年", "比去年", "较上年", "较去年",
)

#: Quantities a percentage may have (the unit vocabulary gives ``rate``).
_PERCENT_QUANTITIES = frozenset({"rate", "share", "change"})

#: Where a clause ends (the words that refine a quantity stand in the
#: figure's own clause).
_CLAUSE_BREAK = re.compile(r"[，,。；;！!？?：:\n]")


@functools.cache
def _unit_quantities() -> tuple[dict[tuple[str, str], str], dict[str, str]]:
    """(unit_raw, unit) -> quantity, and unit -> the quantity of its first
    rule that has one (for a figure whose written unit has no rule of its
    own, e.g. a merged 元角分 amount)."""
    by_rule: dict[tuple[str, str], str] = {}
    by_unit: dict[str, str] = {}
    for rule in rules.units():
        if not rule.quantity:
            continue
        by_rule.setdefault((rule.unit_raw, rule.unit), rule.quantity)
        by_unit.setdefault(rule.unit, rule.quantity)
    return by_rule, by_unit


def unit_quantity(unit_raw: str, unit: str) -> str:
    """The quantity the unit vocabulary gives a figure's unit (``other``
    when it gives none)."""
    by_rule, by_unit = _unit_quantities()
    return by_rule.get((unit_raw, unit)) or by_unit.get(unit) or "other"


def _nearest(words: tuple[str, ...], text: str) -> int:
    """End of the last occurrence of any of ``words`` in ``text``, -1 if none."""
    return max((text.rfind(w) + len(w) if w in text else -1 for w in words), default=-1)


def _words_decide(quantity: str, unit: str) -> bool:
    """Whether the words before a figure can change the quantity its unit
    gives (a number of years, a percentage): for any other figure they are
    not looked at."""
    return (quantity == "duration" and unit == "year") or (
        quantity in _PERCENT_QUANTITIES and unit != "percentage_point")


def quantity_of(unit_raw: str, unit: str, before: str) -> str:
    """What a figure with this unit measures, ``before`` being the words
    before it in its clause."""
    quantity = unit_quantity(unit_raw, unit)
    if not _words_decide(quantity, unit):
        return quantity
    if quantity == "duration" and _nearest(AGE_WORDS, before) >= 0:
        return "age"
    if quantity in _PERCENT_QUANTITIES:
        share, change = _nearest(SHARE_WORDS, before), _nearest(CHANGE_WORDS, before)
        if share > change:
            return "share"
        if change > share:
            return "change"
    return quantity


def figure_quantity(f: Figure, clean: str) -> str:
    """What ``f`` measures; ``clean`` is the repaired page text its
    ``clean_start`` indexes (without it, the unit alone decides)."""
    quantity = unit_quantity(f.unit_raw, f.unit)
    if not _words_decide(quantity, f.unit):
        return quantity  # (most figures: their clause is not looked at)
    before = ""
    if 0 <= f.clean_start <= len(clean):
        head = clean[max(0, f.clean_start - 60) : f.clean_start]
        breaks = [m.end() for m in _CLAUSE_BREAK.finditer(head)]
        before = head[breaks[-1] :] if breaks else head
    return quantity_of(f.unit_raw, f.unit, before)
