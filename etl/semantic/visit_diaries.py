"""Diaries: dated entries in which the writer goes to the homes they care for.

A diary or work log (a village cadre's 扶贫日记, a volunteer's log) opens
each entry with a line that holds only its day (``2018年3月28日 晴``, perhaps
a weekday or the weather).  The writer is the visitor and is seldom named
(我, or no subject at all), so the organiser-first shapes of
``etl.semantic.visit_events`` find no visit.  In such an entry, the first
sentence whose clause goes (来到, 赶到, 走进 …) to someone's home (…的家里,
他们家) tells one visit on the entry's day; an entry telling a habit or a
plan (以后我得经常过来看看) or only what someone said tells none.
"""

from __future__ import annotations

import datetime as dt
import re

from etl.extract.records import DateMention
from etl.semantic.visit_days import date_end
from etl.semantic.visit_vocab import VisitVocab

#: What may stand on an entry's date line besides the day (weather, weekday, spaces).
_ENTRY_LINE_REST_RX = re.compile(r"^[\s\u3000]*(?:(?:星期|周)[一二三四五六日天])?[\s\u3000]*"
                                 r"[晴阴雨雪多云转小中大雷阵]{0,6}[\s\u3000]*$")
#: A verb of going, then within its clause a home (刘叔家, 他们家, 帮扶户…的家里).
_TO_A_HOME_RX = re.compile("[^，,。；;！!？?\n]{0,16}?家(?:中|里)?")


def _entry_days(clean: str, a: int, b: int, day_dates: list[tuple[int, DateMention]]
                ) -> list[tuple[int, dt.date | None]]:
    """(line end, day) of the lines of ``clean[a:b]`` that hold only a day."""
    out = []
    for pos, d in day_dates:
        if not a <= pos < b:
            continue
        line_start = clean.rfind("\n", 0, pos) + 1
        line_end = clean.find("\n", pos)
        line_end = len(clean) if line_end < 0 else line_end
        end = date_end(pos, d)
        if line_start >= a and clean[line_start:pos].strip() == "" \
                and _ENTRY_LINE_REST_RX.match(clean[end:line_end]):
            out.append((line_end, d.start))
    return out


def diary_visits(clean: str, a: int, b: int, day_dates: list[tuple[int, DateMention]],
                 v: VisitVocab) -> list[tuple[int, int, dt.date | None]]:
    """(sentence start, paragraph start, day) of the visits of a diary in
    ``clean[a:b]`` (see above): none unless the article has two or more
    entry lines and is written in the first person."""
    entries = _entry_days(clean, a, b, day_dates)
    if len(entries) < 2 or "我" not in clean[a:b]:
        return []
    out = []
    for k, (start, day) in enumerate(entries):
        end = entries[k + 1][0] if k + 1 < len(entries) else b
        for m in v.motion_rx.finditer(clean, start, end):
            if clean.startswith(v.not_motion_after, m.end()) or not _TO_A_HOME_RX.match(clean, m.end()):
                continue
            s0 = max(clean.rfind(c, start, m.start()) for c in "。！!？?；;\n") + 1
            if v.not_event_rx.search(clean, s0, m.start()):
                continue  # (以后我得经常过来看看: a plan, a habit)
            out.append((s0, clean.rfind("\n", 0, s0) + 1, day))
            break
    return out
