"""Campaigns told as one story: visits by several unnamed teams.

A township or an office that sends out several teams (``各慰问组``,
``各工作组``, ``各小分队``) over days and names no home or place they went to
tells a campaign: its figures are indicators (600余名困难群众,
care_people_visited), and it has no visit row (SPEC.md, the fresh7 review:
"连日来…各慰问组" is a campaign summary with no stop named).  A lead that
names its own stop (a home, a listed village) stays a visit.
"""

from __future__ import annotations

import functools
import re

from etl.semantic.visit_stops import sentence_stops
from etl.semantic.visit_vocab import VisitVocab, word_alternation

#: Words of a team that is one of several sent out (各慰问组; 各工作组 besides the organiser words).
_TEAM_WORDS = ("工作组", "小组", "走访组")
#: Every one of several (各慰问组, 各个工作组).
_EVERY = "各个?"
#: (any role: a list of named places needs none)
_ANY_ROLE_RX = re.compile("(?!)")


@functools.cache
def _teams_rx(organisers: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(f"{_EVERY}(?:{word_alternation(organisers + _TEAM_WORDS)})")


def several_teams(article: str, v: VisitVocab) -> bool:
    """Whether ``article`` sends out several unnamed teams (各慰问组, 各工作组)."""
    return _teams_rx(v.organisers).search(article) is not None


def campaign_lead(article: str, lead: str, v: VisitVocab) -> bool:
    """Whether the undated ``lead`` of ``article`` tells a campaign of several
    teams (see above): the article names its visitors as every one of several
    teams, and the lead goes to no home and lists no stop."""
    return several_teams(article, v) and v.homes_rx.search(lead) is None \
        and sentence_stops(lead, frozenset(), _ANY_ROLE_RX) is None


#: A sentence telling what a party did at each stop of its round (每到一处，慰问组都…):
#: the stops are not named, the round is one visit for the group (SPEC.md: fresh6 danxia).
_EACH_STOP_RX = re.compile("^(?:每到一处|每到一户|每到一家|每到一地|所到之处|每到一个村)[，,]")
#: How far after the opening its visitors must be named (characters).
ROUND_ORGANISER_WINDOW = 6


def round_of_unnamed_stops(sentence: str, v: VisitVocab) -> bool:
    """Whether ``sentence`` tells a party's round of stops it does not name
    (每到一处，慰问组都与慰问对象亲切交谈…): one visit, though the lead before it
    speaks of a campaign (我县各级各部门开展集中走访慰问活动)."""
    m = _EACH_STOP_RX.match(sentence.lstrip(" \u3000\n“”"))
    return m is not None and v.organisers_rx.search(sentence.lstrip(" \u3000\n“”"), m.end(),
                                                     m.end() + ROUND_ORGANISER_WINDOW) is not None
