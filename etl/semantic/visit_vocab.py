"""The vocabulary of care-visit sentences: the ``care_visits`` section of
``schemas/codebook.yaml`` read once (``vocab``), its word lists as one regex
each, and the count of what was visited (a summary, never a visit).

Split out of ``etl.semantic.visit_events`` (which sentences tell a visit, and
the day of each); the stops a visit sentence lists are in
``etl.semantic.visit_stops``.  Both read this vocabulary.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from etl.extract.rules import read_yaml
from etl.semantic.codebook import CODEBOOK


#: A count of what was visited (走访慰问…120户, 八个家庭): a summary.
_COUNT_RX = re.compile("[0-9０-９一二三四五六七八九十百千万两几]+[多余]?(?:户|名|位|人次|人|家|个|所|批)")


def word_alternation(words) -> str:
    """``a|b|…`` of the literal ``words``, longest first (a regex tries the
    alternatives in order: the longest word wins where several start), or
    ``(?!)``, which matches nothing, for no words."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) or "(?!)"


def _alternation(words: tuple[str, ...]) -> re.Pattern[str]:
    """One regex for a word list (a search finds the leftmost of them at once)."""
    return re.compile(word_alternation(words))


@dataclass(frozen=True)
class VisitVocab:
    event_verbs: tuple[str, ...]
    motion_verbs: tuple[str, ...]
    recipients: tuple[str, ...]
    homes: tuple[str, ...]
    organisers: tuple[str, ...]
    same_day: tuple[str, ...]
    campaign_start: tuple[str, ...]
    reporting: tuple[str, ...]
    not_event: tuple[str, ...]
    other_story: tuple[str, ...]
    dateline: tuple[str, ...]
    continuation: tuple[str, ...]
    organiser_window: int
    dateline_after: tuple[str, ...]
    not_motion_after: tuple[str, ...]
    further_openers: tuple[str, ...]
    relative_days: tuple[tuple[str, int], ...]
    introduction: tuple[str, ...] = ()
    further_motion: tuple[str, ...] = ()
    speech: tuple[str, ...] = ()
    institutions: tuple[str, ...] = ()
    activity: tuple[str, ...] = ()
    noun_after: tuple[str, ...] = ()
    other_story_not_after: tuple[str, ...] = ()
    habit: tuple[str, ...] = ()
    this_time: tuple[str, ...] = ()
    captions: tuple[str, ...] = ()
    activity_time: tuple[str, ...] = ()
    festival_day: tuple[str, ...] = ()
    guides: tuple[str, ...] = ()
    came: tuple[str, ...] = ()
    entry_addresses: tuple[str, ...] = ()
    bodies: tuple[str, ...] = ()
    # The word lists as one regex each, built once (a search finds the leftmost word at once).
    event_rx: re.Pattern[str] = field(init=False, repr=False, compare=False)
    motion_rx: re.Pattern[str] = field(init=False, repr=False, compare=False)
    event_or_motion_rx: re.Pattern[str] = field(init=False, repr=False, compare=False)
    recipient_or_home_rx: re.Pattern[str] = field(init=False, repr=False, compare=False)
    homes_rx: re.Pattern[str] = field(init=False, repr=False, compare=False)
    organisers_rx: re.Pattern[str] = field(init=False, repr=False, compare=False)
    other_story_rx: re.Pattern[str] = field(init=False, repr=False, compare=False)
    not_event_rx: re.Pattern[str] = field(init=False, repr=False, compare=False)
    dateline_rx: re.Pattern[str] = field(init=False, repr=False, compare=False)
    reporting_rx: re.Pattern[str] = field(init=False, repr=False, compare=False)
    campaign_start_rx: re.Pattern[str] = field(init=False, repr=False, compare=False)
    reporting_or_campaign_rx: re.Pattern[str] = field(init=False, repr=False, compare=False)
    relative_days_rx: re.Pattern[str] = field(init=False, repr=False, compare=False)
    introduction_rx: re.Pattern[str] = field(init=False, repr=False, compare=False)
    further_motion_rx: re.Pattern[str] = field(init=False, repr=False, compare=False)
    speech_rx: re.Pattern[str] = field(init=False, repr=False, compare=False)
    institutions_rx: re.Pattern[str] = field(init=False, repr=False, compare=False)
    activity_rx: re.Pattern[str] = field(init=False, repr=False, compare=False)
    this_time_rx: re.Pattern[str] = field(init=False, repr=False, compare=False)
    activity_time_rx: re.Pattern[str] = field(init=False, repr=False, compare=False)
    came_rx: re.Pattern[str] = field(init=False, repr=False, compare=False)
    guided_rx: re.Pattern[str] = field(init=False, repr=False, compare=False)
    entry_address_rx: re.Pattern[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        for name, words in (
            ("event_rx", self.event_verbs), ("motion_rx", self.motion_verbs),
            ("event_or_motion_rx", self.event_verbs + self.motion_verbs),
            ("homes_rx", self.homes),
            ("organisers_rx", self.organisers),
            ("dateline_rx", self.dateline),
            ("reporting_rx", self.reporting), ("campaign_start_rx", self.campaign_start),
            ("reporting_or_campaign_rx", self.reporting + self.campaign_start),
            ("relative_days_rx", tuple(w for w, _ in self.relative_days)),
            ("introduction_rx", self.introduction),
            ("further_motion_rx", self.further_motion),
            ("speech_rx", self.speech),
            ("institutions_rx", self.institutions),
            ("activity_rx", self.activity),
            ("this_time_rx", self.this_time),
            ("activity_time_rx", self.activity_time),
            ("came_rx", self.came),
        ):
            object.__setattr__(self, name, _alternation(words))
        # (在…的指引下: those who guide the subject; a heading ending with an address word)
        guides = word_alternation(self.guides)
        object.__setattr__(self, "guided_rx", re.compile(f"在[^，,。；;！!？?]{{1,20}}?(?:{guides})下"))
        addresses = word_alternation(self.entry_addresses)
        object.__setattr__(self, "entry_address_rx", re.compile(f"(?:{addresses})$"))
        # (农民工服务中心, 老年协会: a recipient word naming a body that serves them is none)
        object.__setattr__(self, "recipient_or_home_rx", re.compile(
            f"(?:{word_alternation(self.recipients)})(?!{word_alternation(self.bodies)})|{word_alternation(self.homes)}"))
        # (坚守岗位: the people visited at work, no recruitment story.  Each
        # word carries the lookbehinds after it, ``w(?<!坚守w)``: the same
        # test of what stands before the word, but every alternative opens
        # with a literal, so the regex engine skips ahead to a word's first
        # character instead of trying the lookbehinds at every position.)
        for name, words in (("other_story_rx", self.other_story), ("not_event_rx", self.not_event)):
            object.__setattr__(self, name, re.compile("|".join(
                re.escape(w) + "".join(f"(?<!{re.escape(na + w)})" for na in self.other_story_not_after)
                for w in sorted(words, key=len, reverse=True)) or "(?!)"))


@functools.cache
def vocab() -> VisitVocab:
    cv = read_yaml(CODEBOOK)["care_visits"]

    def words(key: str) -> tuple[str, ...]:
        if key not in cv:
            raise ValueError(f"{CODEBOOK}: care_visits: missing {key!r}")
        return tuple(cv[key])

    return VisitVocab(
        event_verbs=words("event_verbs"), motion_verbs=words("motion_verbs"),
        recipients=words("recipient_words"), homes=words("home_places"),
        organisers=words("organiser_words"), same_day=words("same_day_words"),
        campaign_start=words("campaign_start_words"), reporting=words("reporting_words"),
        not_event=words("not_event_words") + words("other_story_words"),
        other_story=words("other_story_words"), dateline=words("dateline_words"),
        continuation=words("continuation_openers"),
        organiser_window=int(cv.get("organiser_window", 16)),
        dateline_after=words("dateline_after_words"),
        not_motion_after=words("not_motion_after"),
        further_openers=words("further_visit_openers"),
        relative_days=tuple((str(w), int(n)) for w, n in dict(cv.get("relative_days") or {}).items()),
        introduction=tuple(cv.get("introduction_words") or ()),
        further_motion=tuple(cv.get("further_motion_words") or ()),
        speech=tuple(cv.get("speech_words") or ()),
        institutions=tuple(cv.get("institution_places") or ()),
        activity=tuple(cv.get("activity_lead_words") or ()),
        noun_after=tuple(cv.get("verb_as_noun_after") or ()),
        other_story_not_after=tuple(cv.get("other_story_not_after") or ()),
        habit=tuple(cv.get("habit_words") or ()),
        this_time=tuple(cv.get("this_time_words") or ()),
        captions=tuple(cv.get("caption_openers") or ()),
        activity_time=tuple(cv.get("activity_time_words") or ()),
        festival_day=tuple(cv.get("festival_day_words") or ()),
        guides=tuple(cv.get("guide_words") or ()),
        came=tuple(cv.get("came_words") or ()),
        entry_addresses=tuple(cv.get("entry_address_words") or ()),
        bodies=tuple(cv.get("visitor_body_words") or ()),
    )
