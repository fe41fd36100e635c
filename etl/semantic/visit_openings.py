"""Where a paragraph of a visit story opens: at a named place (在某村，; 在某村
敬老院，; 在某工程现场，) or at a named home (在某某家，; 走进…某某家，), or, in a
dated sentence, at a home after the date's clause (2月4日立春这天，空巢老人某某的
家里，…).  Such a paragraph, after a visit told, is one more stop of the
visitors named there (``etl.semantic.visit_events``).  A site named by an
activity (在家访现场，) is the scene of the visit told, no place of its own; a
paragraph that opens with a quote and then a place (“…。”在某村，…) opens at
that place.

Split out of ``etl.semantic.visit_events`` (which sentences tell a visit).
"""

from __future__ import annotations

import re

from etl.semantic.visit_vocab import VisitVocab

_CLAUSE_END_RX = re.compile("[，,；;。!！?？]")

#: A paragraph opening at a home (在某村某某家，; 走进…留守儿童某某（化名）家，): the
#: visitors of the story before, at one more home.
#: (after a word of a sequence of stops: 第一站来到…家里，; 接着来到…家里，; 随后来到…的家里，)
_HOME_OPENING_RX = re.compile(
    r"((?:第[一二三四五六七八九十]站|首先|接着|紧接着|随后|然后|之后|最后一站|最后)[，,]?"
    r"(?:我们|大家|一行人|一行|志愿者们|志愿者)?(?:还|又|再)?)?"
    r"(?:在|走进|来到|走入|进入|前往|去了|到了)了?([^，,。；;！!？?“”\n]{4,30}?)家[中里]?[，,]")



#: A clause at a home (空巢老人某某的家里，; 在某某家，) after a date's clause.
_HOME_CLAUSE_RX = re.compile(r"(?:在|走进|来到|走入|进入)?([^，,。；;！!？?“”\n]{2,30}?)家[中里]?[，,]")


def _home_after_date(text: str, v: VisitVocab) -> int:
    """Where the clause at one named home ends when ``text`` (from a date on)
    goes on with one after the date's clause (2月4日立春这天，空巢老人某某的
    家里，…), else 0."""
    c = _CLAUSE_END_RX.search(text)
    if c is None or text[c.start()] not in "，,":
        return 0
    m = _HOME_CLAUSE_RX.match(text, c.end())
    return m.end() if m is not None and _named_owner(m.group(1), v) else 0


def _named_owner(owner: str, v: VisitVocab) -> bool:
    """Whether the words before a home word name its owner (某某, A、B和C等…
    老人), not a group (困难群众, 老人)."""
    owner = owner[: owner.find("等")] if "等" in owner else owner.removesuffix("的")  # (A、B和C等…老人家里)
    return bool(owner) and not any(owner.endswith(w) for w in v.recipients)


#: A paragraph opening at a named place (在某村，; 在某村敬老院，; 在某工程现场，).
_PLACE_OPENING_RX = re.compile(r"在([^，,。；;！!？?“”\n]{2,24}?)(?:内|里)?[，,]")


def _after_opening_quote(clean: str, s0: int, p0: int) -> bool:
    """Whether the sentence at ``s0`` opens right after the quote its paragraph
    opens with (“这是给你的新衣服。”在某村，…: what a visitor said, then where
    the paragraph's visit is): the paragraph's opening, as far as its place goes."""
    before = clean[p0:s0].lstrip(" \u3000")
    return before.startswith("“") and "”" not in before and clean[s0:s0 + 1] == "”"


def _place_opening(text: str, v: VisitVocab) -> bool:
    """Whether ``text`` opens at a named place: a village, community, care
    home, school, site … (``home_places`` and ``institution_places``, or
    现场, 工地), named by words before its place word (在中村敬老院，; not
    在社区，, 在活动中，)."""
    m = _PLACE_OPENING_RX.match(text)
    if m is None:
        return False
    place = m.group(1)
    if place.endswith(_SITE_WORDS) and (v.event_rx.search(place) or any(w in place for w in _SCENE_WORDS)):
        return False  # (在家访现场，; 在慰问现场，: the scene of the visit told, no place of its own)
    for w in v.homes + v.institutions + _SITE_WORDS:
        if place.endswith(w) and len(place) > len(w) and w not in ("家中", "家里", "家门", "家走"):
            return True
    return False


#: Workplaces a paragraph may open at (在某工程现场，).
_SITE_WORDS = ("现场", "工地", "项目部")
#: Words of an activity that name a site as its scene (在家访现场，在活动现场，): the
#: place of the visit already told, not a place of its own.
_SCENE_WORDS = ("家访", "活动", "服务")


def _named_home_opening(text: str, v: VisitVocab) -> bool:
    """Whether ``text`` opens at one named home (在某某家，): not the homes of
    a group the story told before (在困难群众家中，: its people, no new stop)."""
    m = _HOME_OPENING_RX.match(text)
    if m is None:
        return False
    if m.group(1) and "户" not in m.group(2):
        return True  # (紧接着，前往了…几位高龄老人的家里: the next stop of a sequence, named or not)
    return _named_owner(m.group(2), v)
