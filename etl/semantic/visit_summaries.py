"""A first visit that sums up the stops a later paragraph tells.

An article's lead often tells a visit by its party and its recipients' role
or count only (``走进4户困难老党员家中``, ``走访慰问了困难退役军人、烈士遗属``,
``赴某镇开展慰问百岁老人活动``); a later paragraph, whose subject is the same
party (``某某一行``, ``慰问团``) or which opens at a named home (``在…家中``),
then tells the stops.  Those stops are the visits (SPEC.md: a care visit is
one stop): the lead is no visit of its own, and the stops take its day.
Only a dated lead is read so: it is the day the stops lack."""

from __future__ import annotations

import dataclasses
import re
from typing import Any, Sequence

#: A counted group of recipients (4户困难老党员, 两位百岁老人): no stop named.
_COUNTED_RX = re.compile(r"[0-9０-９一二两三四五六七八九十]+(?:户|位|名|个家庭)")

#: A subject that refers back to the party already told (某某一行, 慰问团).
_PARTY_BACK_RX = re.compile(r"^[^，,。、]{0,8}(?:一行|慰问团|慰问组)")

#: Words by which a later visit goes on to another stop after the lead's.
_GOING_ON = ("还", "又", "随后", "接着", "继续", "再")

#: A list of stops (A、B、C or A和B) after a visit verb.
_LIST_RX = re.compile(r"(?:分别|先后|依次)")


def _sentence(clean: str, start: int, sentences: Sequence[tuple[int, int, int]]) -> str:
    end = next((s1 for s0, s1, _ in sentences if s0 == start), start)
    return clean[start:end]


def summarised(clean: str, events: list[Any], sentences: Sequence[tuple[int, int, int]],
               homes_rx: re.Pattern[str]) -> list[Any]:
    """``events`` without a first visit that sums up the stops the next one
    tells (see the module's doc); the stops take its day up to the next dated
    visit."""
    if len(events) < 2:
        return events
    lead, first = events[0], events[1]
    if not lead.dated or first.dated or first.paragraph_start <= lead.paragraph_start:
        return events  # (an undated lead may tell a stop by a name this module cannot see)
    told = _sentence(clean, lead.sentence_start, sentences)
    if homes_rx.search(told) is not None and _COUNTED_RX.search(told) is None:
        return events  # (the lead goes to a home of its own: a stop)
    stop = _sentence(clean, first.sentence_start, sentences)
    if any(w in stop[:12] for w in _GOING_ON):
        return events  # (又来到…: a stop after the lead's)
    if not (first.home or _PARTY_BACK_RX.search(stop) and _LIST_RX.search(stop)):
        return events
    return take_lead_days(lead, events[1:], keep_home=True)


def take_lead_days(lead: Any, events: Sequence[Any], keep_home: bool) -> list[Any]:
    """``events`` after a dropped lead, each undated one given the day of the
    last dated visit before it (the lead's at first).  ``keep_home=False``
    clears the undated ones' ``home`` mark, as the introduced-lead reading
    (visit_events._introduced) has always done."""
    out = []
    for e in events:
        if e.dated:
            out.append(e)
            lead = e
        elif keep_home:
            out.append(dataclasses.replace(e, visit_date=lead.visit_date, dated=True))
        else:
            out.append(dataclasses.replace(e, visit_date=lead.visit_date, dated=True, home=False))
    return out
