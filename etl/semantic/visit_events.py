"""Which sentences of an article tell a care visit, and the day of each.

Visit stories are written in many shapes across China: a volunteer group's
dated lead (``9 月 28 日，…志愿者…来到…家中``), an official's holiday visit
(``2 月 6 日，县委常委…带领…对困难职工进行走访慰问``), a women's federation
at a school, students at a care home, or a round-up of several visits, each
in its own paragraph (``当天，…社区的社工们…``; ``…社区社工和志愿者为独居
老人送去…``).  The vocabulary is the ``care_visits`` section of
``schemas/codebook.yaml``.  An article's visits:

* **Dated**: a sentence with a day-precise date (a date mention of the day,
  or ``16 日下午``) that neither starts a campaign (``从 2 月 7 日开始``) nor
  says when the news came (``昨天，记者从…获悉``), and that with the next
  sentence of its paragraph names an organiser, a visit (a visit verb, or a
  verb of going with a recipient or a home) and a recipient or a place.
* **Same day**: a sentence opening with ``当天``/``这天`` … that tells a
  visit by other visitors (not ``当天，志愿者们还…``, which goes on with
  the visit before): the day of the visit before.
* **Undated**: a paragraph that opens with its organiser (within
  ``organiser_window`` characters, before the visit verb) and tells a visit
  to a recipient, without counting the households or people visited (a
  count is a summary: an indicator, never a visit).
* **Feature story**: an article with no dated visit whose first sentences
  open with the day (after the byline) and that tells a visit further on:
  that day dates its first visit.
* **Lead**: an article with none of these whose first visit sentence names an
  organiser, a visit and a recipient, without a count: one undated visit.
* **Round-up parts**: a part of a paragraph after a semicolon that opens with
  its own organiser (A局为…送上…；B局入企慰问…) is a visit of its own.
* **Named homes**: after a visit told in the article, a paragraph opening at
  one named home (走进…某某（化名）家，) is one more stop, on the day of the
  visit before (not the homes of a group the lead introduced: 部分困难职工).

Photo captions (图为…), the header before an article's lead (a caption, the
site and day), a visit verb naming a thing (慰问物资, 关爱的…) and a habit
held this time too (每年…都会…，今年也不例外: a visit) are settled in the
``care_visits`` vocabulary.

Undated visit sentences before an article's first dated visit introduce it
(春节将至，社工们忙着走访辖区老人。): they give no row.

A visit is one stop (``sentence_stops``): a list of homes, named persons,
schools, care homes, villages or workplaces after a visit verb or a verb of
going (看望了A、B和C家中; 先后到敬老院和A、B家中; 分别走进X、Y、Z) is one
visit per item (the vocabulary of stops: ``schemas/vocab/visit_stops.csv``);
gifts, the visitors' own names, regions and groups (困难职工和困难群众,
部分困难职工) are no list of stops.

Sentences that tell habits, plans, summaries (``not_event_words``),
meetings, recruitment or service events at a venue (``other_story_words``),
dates of the page's dateline (``dateline_words``), headings, and paragraphs that go on with the visit
before (``随后``, ``活动中``) start no visit; a second visit sentence in the
paragraph of a visit is the same visit.
"""

from __future__ import annotations

import bisect
import csv
import datetime as dt
import functools
import itertools
import re
from dataclasses import dataclass, field

from etl.extract.records import DateMention
from etl.extract.rules import VOCAB_DIR, read_yaml
from etl.extract.textrepair import Repaired
from etl.semantic.codebook import CODEBOOK

SENTENCE_END = "。!！?？;；"
_SENTENCE_END_RX = re.compile("[" + SENTENCE_END + "]")
#: What ends a story's sentences (a header of titles and menus has none).
_FULL_STOPS = "。！"
_FULL_STOPS_RX = re.compile("[" + _FULL_STOPS + "]")
#: A day without its month at a sentence's start (``16 日下午``), or right after
#: the article's dateline (``本报讯（记者 某某）16日上午``): dated.
_BARE_DAY_RX = re.compile(
    r"^[“”\"'\s]*"
    # (after the article's dateline: 本报讯（记者 某某）16日上午，…; 青山讯 16日，…)
    r"(?:[^，,。；;！!？?\n]{0,20}?[讯电]\s*(?:[（(][^）)\n]{0,30}[）)])?\s*)?"
    r"([0-9]{1,2})日"
)
#: A day without its month opening a later clause of the sentence, with its
#: time of day or its own comma (为弘扬…传统，17日当天，志愿者们…): dated too.
_CLAUSE_DAY_RX = re.compile(
    r"^[^。；;！!？?\n]*?[，,]\s*([0-9]{1,2})日(?=当天|当日|上午|下午|晚上|中午|早上|[，,])"
)
#: A count of what was visited (走访慰问…120户, 八个家庭): a summary.
_COUNT_RX = re.compile("[0-9０-９一二三四五六七八九十百千万两几]+[多余]?(?:户|名|位|人次|人|家|个|所|批)")


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

    def __post_init__(self) -> None:
        for name, words in (
            ("event_rx", self.event_verbs), ("motion_rx", self.motion_verbs),
            ("event_or_motion_rx", self.event_verbs + self.motion_verbs),
            ("recipient_or_home_rx", self.recipients + self.homes), ("homes_rx", self.homes),
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
        ):
            object.__setattr__(self, name, _alternation(words))
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
    )


@dataclass(frozen=True)
class VisitEvent:
    sentence_start: int  # clean offset of the sentence that tells the visit
    paragraph_start: int
    date_pos: int  # clean offset of its date (the sentence start when undated)
    visit_date: dt.date | None
    dated: bool  # the text fixes a day (even one that could not be resolved)
    home: bool = False  # a paragraph opening at a named home, after a visit told before


def _end(pos: int, d: DateMention) -> int:
    """The clean end of the date mention ``d`` that starts at ``pos``."""
    return d.clean_end if d.clean_end >= 0 else pos + len(d.surface)


def _first(text: str, words: re.Pattern[str], end: int | None = None) -> int:
    """Position of the first of ``words`` (a vocabulary's ``*_rx``) in
    ``text`` (up to ``end``), or -1."""
    m = words.search(text) if end is None else words.search(text, 0, end)
    return m.start() if m else -1


def _alternation(words: tuple[str, ...]) -> re.Pattern[str]:
    """One regex for a word list (a search finds the leftmost of them at once)."""
    return re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) or "(?!)")


def _goes_elsewhere(text: str, v: VisitVocab) -> bool:
    """Whether ``text`` tells going to a named place or home (赶往市福利院,
    深入到…村给…家送去): a verb of going, then a home word in its clause
    after a few characters that name it."""
    j = _first_motion(text, v)
    if j < 0:
        return False
    clause = text[j : _clause_end(text, j)]
    home = _first(clause, v.homes_rx)
    return home > 2


def _goes_on_to_visit(text: str, v: VisitVocab) -> bool:
    """Whether ``text`` goes on to another place (``further_motion_words``:
    还到, 又来到 …) and visits there (a visit verb after it)."""
    m = v.further_motion_rx.search(text)
    return m is not None and v.event_rx.search(text, m.end()) is not None


def _first_motion(text: str, v: VisitVocab) -> int:
    """Where ``text`` first has a verb of going that goes somewhere (not
    深入开展, 深入推进: a figure of speech), or -1."""
    for m in v.motion_rx.finditer(text):
        if not text.startswith(v.not_motion_after, m.end()):
            return m.start()
    return -1


def _visit_at(text: str, v: VisitVocab) -> int:
    """Where ``text`` first tells a visit (a visit verb, or a verb of going
    with a recipient or a home in the text), or -1."""
    i = -1
    for m in v.event_rx.finditer(text):
        org = v.organisers_rx.match(text, m.start())
        if (org is None or org.end() <= m.end()) and not text.startswith(v.noun_after, m.end()):
            i = m.start()
            break  # (not 慰问组, 慰问团: the visitors' name; not 慰问物资, 关爱的: a thing)
    j = _first_motion(text, v)
    if j >= 0 and _first(text, v.recipient_or_home_rx) >= 0:
        i = j if i < 0 else min(i, j)
    return i


def _tells_visit(text: str, v: VisitVocab) -> bool:
    return (_visit_at(text, v) >= 0 and _first(text, v.organisers_rx) >= 0
            and _first(text, v.recipient_or_home_rx) >= 0)


def _speaks(text: str, v: VisitVocab) -> bool:
    """Whether someone in ``text`` speaks before its visit verb
    (…副会长X表示，…关爱社区老人; 她表示…来看望…: what was said, not a visit)."""
    at = _visit_at(text, v)
    return at > 0 and v.speech_rx.search(text, 0, at) is not None


def _counts_after_visit(text: str, v: VisitVocab) -> bool:
    """Whether ``text`` counts what it visited after its visit verb (走访慰问…
    120户: a summary), unless the visit's clause goes to one institution
    (拜访了…敬老院，给90多位老人…: the people of one place) and the count is
    not of households."""
    i = _visit_at(text, v)
    m = _COUNT_RX.search(text, i) if i >= 0 else None
    if m is None:
        return False
    return m.group().endswith("户") or v.institutions_rx.search(text, i, _clause_end(text, i)) is None


#: What may stand before a sentence's first word (quotes, spaces, a line break).
_OPENING_JUNK = "“”\"' \u3000\n"
#: A sentence opening in the midst of what was told before (走访中，活动中，交流中，…):
#: never an article's lead.
_IN_THE_MIDST_RX = re.compile("[\u4e00-\u9fff]{1,3}中[，,]")
#: Words of a subject that goes on with the visit before (当天，志愿者们还为…).
_GOING_ON = ("还", "又", "也", "再", "继续")
#: Characters that may stand before a subject (an opener's comma, quotes).
_SUBJECT_LEAD = "，,、 \u3000“”\"'"


def _goes_on(subject: str, v: VisitVocab) -> bool:
    """Whether the subject of a same-day sentence (up to its visit verb)
    goes on with the visit before rather than naming other visitors."""
    if any(w in subject for w in _GOING_ON):
        return True
    for w in v.same_day:
        if subject.lstrip(_SUBJECT_LEAD).startswith(w):
            subject = subject.lstrip(_SUBJECT_LEAD)[len(w):]
            break
    return _refers_back(subject.lstrip(_SUBJECT_LEAD), v)


def _refers_back(subject: str, v: VisitVocab) -> bool:
    """Whether ``subject`` opens with a bare plural of an organiser word
    (志愿者们, 队员们…): the visitors already named, not new ones, who are
    named with their organisation (…社区的社工们)."""
    return any(subject.startswith(w + "们") for w in v.organisers)


def _bare_organiser(text: str, org: int) -> bool:
    """Whether the organiser word at ``org`` opens its clause (慰问组领导与…交谈):
    after a visit, the visitors already named, who tell a new visit only by
    going somewhere (在某村，慰问组一行来到…家中); new visitors are named with
    their organisation (市总工会慰问组…)."""
    return org == 0 or text[org - 1] in _SUBJECT_LEAD


#: How many characters of a visitor's name, repeated from the visit before,
#: make the same visitors (县委常委、宣传部长…一行).
SAME_VISITORS_CHARS = 6


def _named_again(text: str, org: int, clean: str, before: VisitEvent,
                 sentences: list[tuple[int, int, int]]) -> bool:
    """Whether the visitors of ``text`` (from its organiser word on) are those
    of the visit ``before``, named again: the paragraph tells that visit on
    (2月7日，县委常委…一行到某乡开展走访慰问…。\n县委常委…一行先后到…家中慰问。)."""
    # (the organiser word with what precedes it in its clause: the name)
    start = max((text.rfind(c, 0, org) + 1 for c in "，,、 "), default=0)
    end = next((s1 for s0, s1, _ in sentences if s0 == before.sentence_start), before.sentence_start)
    lead = clean[before.sentence_start:end]
    who = text[start : org + SAME_VISITORS_CHARS]
    return len(who) >= SAME_VISITORS_CHARS and who in lead


def _clause_end(text: str, at: int) -> int:
    """The end of the clause holding ``text[at]`` (its next comma or the end)."""
    m = _CLAUSE_END_RX.search(text, max(at, 0))
    return m.start() if m else len(text)


_CLAUSE_END_RX = re.compile("[，,；;。!！?？]")


def _not_event(text: str, v: VisitVocab, dated: bool = False) -> bool:
    """Whether ``text`` (a sentence) tells no single visit: a story of
    another kind anywhere in it, or a habit, plan or summary word.  In a
    sentence dated to the day only such words up to the end of the clause
    that tells the visit count: the day makes it one event, and what follows
    (慰问品共计10000元) says what it brought, not that it was many."""
    if _first(text, v.other_story_rx) >= 0:
        return True
    at = _visit_at(text, v)
    end = _clause_end(text, at) if dated and at >= 0 else len(text)
    return _summary_word(text, v, end) is not None


def _summary_word(text: str, v: VisitVocab, end: int | None = None) -> re.Match[str] | None:
    """The first habit, plan or summary word (``not_event_words``) of
    ``text`` (up to ``end``), or None.  分别 (先后, …) before a verb of going
    and a list of named places (分别走进X小学、Y小学) is one party's several
    stops, not a round-up of many parties' visits (分别到各乡镇)."""
    this_time = v.this_time_rx.search(text) is not None
    for m in v.not_event_rx.finditer(text, 0, len(text) if end is None else end):
        if this_time and m.group() in v.habit:
            continue  # (每年春节前夕…都会来看望…，今年也不例外: this year's visit)
        if not _goes_to_places(text, m.start()):
            return m
    return None


def _unquoted(text: str) -> str:
    """``text`` with what is quoted (“…”) blanked out, offsets kept: a visit
    verb in someone's words (“有了这些孩子们的看望…”) tells no visit.  The
    name of an activity (a quote ending with 活动 or followed by it: “…走进
    社区之端午敬老公益活动”) is no one's words: it stays."""
    return _QUOTE_RX.sub(lambda m: m.group() if _names_activity(text, m) else " " * len(m.group()), text)


_ACTIVITY_WORD = "活动"


def _names_activity(text: str, m: re.Match[str]) -> bool:
    quoted = m.group().rstrip("”")
    if quoted.endswith(_ACTIVITY_WORD):
        return True
    after = text[m.end() : m.end() + 8]
    return _ACTIVITY_WORD in after and not any(c in after[: after.find(_ACTIVITY_WORD)] for c in "，,。；;！!？?")


_QUOTE_RX = re.compile("“[^“”]*(?:”|$)")  # (a quote still open where the sentence ends too)


def _is_dateline(clean: str, end: int, v: VisitVocab) -> bool:
    """Whether the date mention ending at ``end`` is a dateline: an agency's
    (8月2日电, 1月27日讯) or a timestamp (2013-09-10 10:31)."""
    after = clean[end : end + 8]
    return after.startswith(v.dateline_after) or _TIMESTAMP_RX.match(after) is not None


_TIMESTAMP_RX = re.compile(r"\s*[0-9]{1,2}[:：][0-9]{2}")


def resolve_bare_day(day: int, reference: dt.date | None) -> dt.date | None:
    """The date of a day of the month told without its month (23日上午):
    that day of the reference's month, or of the month before when the day
    is after the reference's; None without a reference or for a day that
    month does not have."""
    if reference is None:
        return None
    year, month = reference.year, reference.month
    if day > reference.day:
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def relative_day_mentions(clean: str, reference: dt.date | None) -> list[tuple[int, int, dt.date]]:
    """(start, end, date) of the days named relative to the article's date
    (昨日, 今天) in ``clean``; none without a day-precise reference."""
    if reference is None:
        return []
    v = vocab()
    offsets = dict(v.relative_days)
    rx = v.relative_days_rx
    # (opening a sentence or a clause, outside quotes: “今天我很开心” is no date)
    return [(m.start(), m.end(), reference - dt.timedelta(days=offsets[m.group()])) for m in rx.finditer(clean)
            if m.start() == 0 or clean[m.start() - 1] in _RELATIVE_DAY_BEFORE]


#: A day whose 年 and 月 the stored text lost (124日 for 1月24日, 201958日 for
#: 2019年5月8日): digits right before 日 (not 日元), none before them.
_LOST_MONTH_RX = re.compile(
    r"(?<![0-9.期续共近约第时满了计])(?:((?:19|20)[0-9]{2})([0-9]{2,4})|([0-9]{3,4}))日(?![元内左以之])"
)  # (not a count of days: 为期120日, 连续120日, 120日内)
#: How many days before the article's date such a day may be (the one
#: reading of its digits in that window is taken; none when two fit).
LOST_MONTH_WINDOW_DAYS = 31


def lost_month_mentions(clean: str, reference: dt.date | None) -> list[tuple[int, int, dt.date]]:
    """(start, end, date) of the days written without their 月 (and 年) in
    ``clean`` (124日, 201958日: characters the stored text lost), read
    against the article's day: the one reading of the digits as month and
    day within ``LOST_MONTH_WINDOW_DAYS`` before it (and in the year given,
    if any); none without a day-precise reference."""
    if reference is None or "日" not in clean:
        return []
    out = []
    for m in _LOST_MONTH_RX.finditer(clean):
        year, digits = m.group(1), m.group(2) or m.group(3)
        fits = set()
        for cut in (1, 2):
            if not 1 <= len(digits) - cut <= 2:
                continue
            month, day = int(digits[:cut]), int(digits[cut:])
            if not 1 <= month <= 12:
                continue
            for y in ((int(year),) if year else (reference.year, reference.year - 1)):
                try:
                    d = dt.date(y, month, day)
                except ValueError:
                    continue
                if 0 <= (reference - d).days <= LOST_MONTH_WINDOW_DAYS:
                    fits.add(d)
        if len(fits) == 1:
            out.append((m.start(), m.end(), fits.pop()))
    return out


#: Characters before a relative day that opens a sentence or a clause.
_RELATIVE_DAY_BEFORE = "\n，,。；;！!？?”）) \u3000"



#: The longest heading (characters).
HEADING_MAX = 40
#: The most lines of a header block (a title, its subtitle, dateline and source).
HEADER_BLOCK_LINES = 4
_SENTENCE_PUNCT_RX = re.compile("[。，,;；!！?？]")


def _is_heading(line: str) -> bool:
    s = line.strip()
    return len(s) <= HEADING_MAX and _SENTENCE_PUNCT_RX.search(s) is None


def is_header(text: str) -> bool:
    """Whether ``text`` (what stands before an article's lead, 本报讯…) is a
    header: a few short lines (a title, a photo's caption, the dateline's
    place and day), none of them a paragraph."""
    lines = [line for line in text.split("\n") if line.strip()]
    # (one sentence at most: a caption; a short story of its own has more)
    return len(lines) <= HEADER_BLOCK_LINES and all(len(line.strip()) <= HEADING_MAX for line in lines) \
        and len(_SENTENCE_STOP_RX.findall(text)) <= 1


def _is_title(s: str) -> bool:
    """Whether the stripped line ``s`` is a heading, or a title with a comma
    in it (冬日送温暖,…志愿者关爱…): short, no sentence inside, not ending as
    a clause does."""
    return len(s) <= HEADING_MAX and (
        _SENTENCE_PUNCT_RX.search(s) is None or (_SENTENCE_STOP_RX.search(s) is None and s[-1] not in "，,、")
    )


_SENTENCE_STOP_RX = re.compile("[。;；!！?？]")


def structure(repaired: Repaired) -> str:
    """The clean text with its headings (blocks of a few short unpunctuated
    lines between blank lines, before a paragraph or another such block:
    titles, menus, captions, datelines of a web page) turned
    into line breaks, offsets unchanged: the text repair joins such lines
    to the paragraph after them, where they would read as its opening."""
    raw, clean = repaired.raw, repaired.clean
    lines = raw.split("\n")
    stripped = [line.strip() for line in lines]
    spans: list[tuple[int, int]] = []
    last = len(lines) - 1
    # The blocks of consecutive non-blank lines, between blank lines.
    blocks: list[tuple[int, int]] = []
    k = 0
    while k <= last:
        if not stripped[k]:
            k += 1
            continue
        j = k
        while j + 1 <= last and stripped[j + 1]:
            j += 1
        blocks.append((k, j))
        k = j + 1
    # A header block: at most HEADER_BLOCK_LINES short title lines (a title,
    # then its dateline and source: 2021-09-14 13:47 来源:…; a menu line),
    # followed by a paragraph of a web page (a long line) or
    # by another header block.  In an OCR'd page every line is short and a
    # paragraph is many lines without blank lines between them: the repair
    # rightly joins them.
    header_lines: list[int] = []
    text_follows = False  # (from the end: whether the next block is text or a header)
    for k, j in reversed(blocks):
        # (whether it is a header matters only before text or a header)
        header = text_follows and j - k < HEADER_BLOCK_LINES and all(_is_title(stripped[i]) for i in range(k, j + 1))
        if header:
            header_lines.extend(range(k, j + 1))
        # (a long line: an OCR'd page's short lines end with full stops too)
        paragraph = max(map(len, stripped[k : j + 1])) > HEADING_MAX
        text_follows = paragraph or header
    if not header_lines:
        return clean
    header_lines.sort()
    # (the lengths of the lines before, plus one line break each)
    lengths = [0, *itertools.accumulate(map(len, lines))]
    for k in header_lines:
        # Isolated by blank lines (alone or in a header block) and followed
        # by a long paragraph: in an OCR'd page every line is short, and a
        # short line is part of a paragraph the repair rightly joins.
        # (a line of a header block is a title)
        line, body = lines[k], stripped[k]
        if any(c in body for c in "()（）") or body[-1] in "0123456789年月日":
            continue  # (its byline, a date cut by a blank line)
        start = lengths[k] + k
        lead = len(line) - len(line.lstrip())
        cs = repaired.clean_pos(start + lead)
        ce = min(repaired.clean_pos(start + lead + len(body) - 1) + 1, len(clean))
        if cs < ce:
            spans.append((cs, ce))
    if not spans:
        return clean
    pieces = []
    done = 0
    for cs, ce in spans:
        pieces.append(clean[done:cs])
        pieces.append("\n" * (ce - cs))
        done = ce
    pieces.append(clean[done:])
    return "".join(pieces)


def _sentences(clean: str, a: int, b: int) -> list[tuple[int, int, int]]:
    """(start, end, paragraph start) of the sentences of ``clean[a:b]``,
    headings left out."""
    out = []
    pos = a
    while pos < b:
        nl = clean.find("\n", pos, b)
        end = b if nl < 0 else nl
        line = clean[pos:end]
        if line.strip() and not _is_heading(line):
            s = pos
            for m in _SENTENCE_END_RX.finditer(clean, pos, end):
                out.append((s, m.end(), pos))
                s = m.end()
            if clean[s:end].strip():
                out.append((s, end, pos))
        pos = end + 1
    return out


#: A paragraph opening at a home (在某村某某家，; 走进…留守儿童某某（化名）家，): the
#: visitors of the story before, at one more home.
_HOME_OPENING_RX = re.compile(r"(?:在|走进|来到|走入|进入)([^，,。；;！!？?“”\n]{4,30}?)家[中里]?[，,]")


def _visit_told(clean: str, sentences: list[tuple[int, int, int]], v: VisitVocab) -> bool:
    """Whether one of ``sentences`` tells a visit as an event (an organiser,
    a visit, a recipient; no summary or habit)."""
    return any(_tells_visit(clean[t0:t1], v) and not _not_event(clean[t0:t1], v) for t0, t1, _ in sentences)


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


def _named_home_opening(text: str, v: VisitVocab) -> bool:
    """Whether ``text`` opens at one named home (在某某家，): not the homes of
    a group the story told before (在困难群众家中，: its people, no new stop)."""
    m = _HOME_OPENING_RX.match(text)
    if m is None:
        return False
    return _named_owner(m.group(1), v)


def _introduces(clean: str, event: VisitEvent, sentences: list[tuple[int, int, int]], v: VisitVocab) -> bool:
    """Whether the sentence of ``event`` names its recipients as a vague part
    of a whole (走访慰问部分困难职工): the homes told after it are its stops
    (SPEC.md: 对部分困难职工…。在困难职工A、B、C的家中: three), no visit apart."""
    end = next((s1 for s0, s1, _ in sentences if s0 == event.sentence_start), event.sentence_start)
    return v.introduction_rx.search(clean, event.sentence_start, end) is not None


def _after_semicolon(clean: str, s0: int, p0: int) -> bool:
    """Whether the sentence at ``s0`` follows a semicolon in its paragraph: in
    a round-up (A局为…送上…；B局入企慰问…) each such part opening with its
    own organiser tells a visit of its own, as a paragraph would."""
    return s0 > p0 and clean[s0 - 1] in "；;"


#: The fewest characters of an organisation that opens a paragraph again.
SAME_ORGANISATION_CHARS = 3


def _same_organisation(clean: str, event: VisitEvent, lead: str, v: VisitVocab) -> bool:
    """Whether the paragraph of ``event`` opens with an organisation named in
    ``lead`` (县妇联…来到…家里 after 9月6日，县妇联开展…行动)."""
    text = clean[event.sentence_start : event.sentence_start + 40]
    m = v.organisers_rx.search(text)
    if m is None or m.start() > v.organiser_window:
        return False
    who = text[: m.end()]
    return len(who) >= SAME_ORGANISATION_CHARS and not any(c in who for c in "，,、") and who in lead


def _introduced(clean: str, events: list[VisitEvent], sentences: list[tuple[int, int, int]],
                v: VisitVocab) -> list[VisitEvent]:
    """``events`` (the first dated) without a dated lead that introduces the
    undated visits after it: a lead whose visit clause names its recipients
    as a vague part of a whole (``introduction_words``: 走访慰问我市部分困难
    职工家庭), or that announces an activity (``activity_lead_words``: 县妇联
    开展…行动) whose organisation opens the next paragraph (县妇联…来到…家里),
    and that the article follows with undated visits.  Those take its day,
    up to the next dated visit."""
    lead = events[0]
    if len(events) < 2 or events[1].dated:
        return events
    end = next((s1 for s0, s1, _ in sentences if s0 == lead.sentence_start), None)
    if end is None:
        return events
    text = clean[lead.date_pos:end]
    at = _visit_at(text, v)
    if at < 0:
        return events
    vague = v.introduction_rx.search(text, at, _clause_end(text, at)) is not None
    if not vague and not (v.activity_rx.search(text, 0, at) and _same_organisation(clean, events[1], text, v)):
        return events
    out = []
    for e in events[1:]:
        if e.dated:
            out.append(e)
            lead = e
        else:
            out.append(VisitEvent(e.sentence_start, e.paragraph_start, e.date_pos, lead.visit_date, True))
    return out


def find_events(clean: str, a: int, b: int, day_dates: list[tuple[int, DateMention]],
                reference: dt.date | None = None) -> list[VisitEvent]:
    """The visits told in the article ``clean[a:b]``; ``day_dates``: the
    page's day-precise date mentions (clean start, mention), sorted;
    ``reference``: the article's date when known to the day (it dates a
    day told without its month, 23日上午)."""
    v = vocab()
    if v.event_or_motion_rx.search(clean, a, b) is None:
        return []  # (most articles of a page: no visit is told)
    if _FULL_STOPS_RX.search(clean, a, b) is None:
        return []  # a page's header (titles, menus, a timestamp): no story
    starts = [p for p, _ in day_dates]
    sentences = _sentences(clean, a, b)
    events: list[VisitEvent] = []
    campaigns: set[int] = set()  # sentences that start a campaign on a day (2月4日起，…)
    for k, (s0, s1, p0) in enumerate(sentences):
        nxt = sentences[k + 1] if k + 1 < len(sentences) and sentences[k + 1][2] == p0 else None
        lo, hi = bisect.bisect_left(starts, s0), bisect.bisect_left(starts, s1)
        if lo == hi and v.event_or_motion_rx.search(clean, s0, nxt[1] if nxt else s1) is None \
                and not (s0 == p0 and _named_home_opening(clean[s0:s1], v)):
            continue  # (every visit below needs a day or a verb in it or the next sentence)
        text = clean[s0:s1]
        if text.lstrip(_OPENING_JUNK).startswith(v.captions):
            continue  # (图为志愿者为老人送上慰问品。: a photo's caption, no story)
        # (_not_event of a dated sentence, its visit found once: another story
        # anywhere, or a habit, plan or summary word up to the end of the
        # visit's clause; an undated sentence has no such word at all)
        if _first(text, v.other_story_rx) >= 0:
            continue
        visit_at = _visit_at(text, v)
        word = _summary_word(text, v)
        undated_ok = word is None
        if word is not None:
            end = _clause_end(text, visit_at) if visit_at >= 0 else len(text)
            if visit_at < 0 and lo < hi and s0 == p0:
                # (a dated scene at a home: its words up to the home's clause count)
                home = _home_after_date(clean[day_dates[lo][0]:s1], v)
                end = day_dates[lo][0] - s0 + home if home else end
            if word.end() <= end or _summary_word(text, v, end):
                continue
        window = text + (clean[nxt[0]:nxt[1]] if nxt else "")
        event = None
        # A date mention of the day in the sentence, before its visit verb.
        for pos, d in day_dates[lo:hi]:
            if _first(clean[max(s0, pos - 8) : pos], v.dateline_rx) >= 0 or _is_dateline(clean, _end(pos, d), v):
                continue  # the page's dateline
            after = clean[pos : min(pos + 14, s1)]
            if _first(after, v.reporting_rx) >= 0:
                continue  # when the news came, not when the visit was
            if _first(clean[pos : min(pos + 12, s1)], v.campaign_start_rx) >= 0:
                campaigns.add(s0)
                break  # a campaign's start: no single visit
            if _tells_visit(window[pos - s0 :], v):  # told after the date
                event = VisitEvent(s0, p0, pos, d.start, True)
            elif s0 == p0 and _home_after_date(clean[pos:s1], v) and _visit_told(clean, sentences[:k], v):
                # (2月4日立春这天，空巢老人某某的家里，…: the story's next stop, on its day)
                event = VisitEvent(s0, p0, pos, d.start, True, True)
            break
        else:
            opening = text.lstrip("“”\"' \u3000")
            bare = _BARE_DAY_RX.match(text) or _CLAUSE_DAY_RX.match(text)
            if not undated_ok:
                pass
            elif bare and _tells_visit(window, v):
                event = VisitEvent(s0, p0, s0, resolve_bare_day(int(bare.group(1)), reference), True)
            elif events and opening.startswith(v.further_openers) and (
                    _goes_elsewhere(text, v) or _goes_on_to_visit(text, v)):
                # (随后，慰问人员赶往市福利院…: the visitors go on to another place, a
                # visit of its own, on the day of the one before; its story starts here)
                last = events[-1]
                event = VisitEvent(s0, s0, s0, last.visit_date, last.dated)
            elif opening.startswith(v.same_day):
                if _tells_visit(text, v) and not (events and _goes_on(text[: max(visit_at, 0)], v)):
                    before = [e for e in events if e.dated]
                    event = VisitEvent(s0, p0, s0, before[-1].visit_date if before else None, bool(before))
            elif s0 == p0 and _named_home_opening(opening, v) and _visit_told(clean, sentences[:k], v) and not (
                    events and _introduces(clean, events[-1], sentences, v)):
                # (走进某村留守儿童某某家，…: a paragraph opening at a home, after a
                # visit told before: one more stop of the visitors named there, on
                # the day of the visit before, if the text fixed it)
                before = [e for e in events if e.dated]
                event = VisitEvent(s0, p0, s0, before[-1].visit_date if before else None, bool(before), True)
            elif (s0 == p0 or _after_semicolon(clean, s0, p0)) and not opening.startswith(v.continuation) \
                    and _tells_visit(_unquoted(text), v) and not _counts_after_visit(text, v):
                org = _first(text, v.organisers_rx)
                # (志愿者们… after a visit: the visitors named before, going on)
                if 0 <= org <= v.organiser_window and org < _visit_at(_unquoted(text), v) \
                        and not _speaks(_unquoted(text), v) and not (events and _refers_back(text[org:], v)) \
                        and not (events and _bare_organiser(text, org) and _first_motion(text, v) < 0) \
                        and not (events and _named_again(text, org, clean, events[-1], sentences)):
                    # (a round-up's clause after a semicolon: a story of its own)
                    event = VisitEvent(s0, s0 if s0 != p0 else p0, s0, None, False)
        if event is None:
            continue
        if events and events[-1].paragraph_start == p0 and not (event.paragraph_start == s0 != p0 and not event.dated
                                                                and _after_semicolon(clean, s0, p0)):
            continue  # the same visit, told on (not a round-up's part after a semicolon)
        events.append(event)
    if events and all(e.home for e in events):
        # (homes after a lead the loop does not take, 社区志愿者…主动来到老人家里: the
        # lead's visit, then the homes)
        lead = _lead_visit(clean, sentences, campaigns, starts, day_dates, v)
        if lead and lead[0].paragraph_start < events[0].paragraph_start:
            return lead + events
    dated = [e for e in events if e.dated]
    if dated:
        # Undated visit sentences before the first dated visit introduce the
        # story (春节将至，社工们忙着走访辖区老人。): the visits follow.
        events = [e for e in events if e.dated or e.sentence_start > dated[0].sentence_start]
        return _introduced(clean, events, sentences, v)
    # A feature story: its first sentence opens with the day (after the
    # byline), and the article tells a visit further on (it dates the first
    # undated visit sentence, which tells that visit).
    body = clean[a:b]
    if _tells_visit(body, v) and _first(body, v.other_story_rx) < 0:
        for s0, s1, p0 in sentences[:3]:
            if events and s0 > events[0].sentence_start:
                break
            bare = _BARE_DAY_RX.match(clean[s0:s1])
            if bare and reference is not None and not _not_event(clean[s0:s1], v):
                # (1日，在…老年公寓，…志愿者们正忙碌着。: a day of the issue month)
                day = resolve_bare_day(int(bare.group(1)), reference)
                if day is not None:
                    return [VisitEvent(s0, p0, s0, day, True)] + events[1:]
            lo, hi = bisect.bisect_left(starts, s0), bisect.bisect_left(starts, s1)
            for pos, d in day_dates[lo:hi]:
                opening = clean[s0:pos].strip("“”\"' \u3000\n")
                if opening and not opening.endswith((")", "）")) or _not_event(clean[s0:s1], v) \
                        or _is_dateline(clean, _end(pos, d), v):
                    continue
                if _first(clean[pos : min(pos + 14, s1)], v.reporting_or_campaign_rx) >= 0:
                    continue
                return [VisitEvent(s0, p0, pos, d.start, True)] + events[1:]
    if events:
        return events
    return _lead_visit(clean, sentences, campaigns, starts, day_dates, v)


def _lead_visit(clean: str, sentences: list[tuple[int, int, int]], campaigns: set[int], starts: list[int],
                day_dates: list[tuple[int, DateMention]], v: VisitVocab) -> list[VisitEvent]:
    """The one visit of an article's lead: its first sentence that names an
    organiser, a visit and a recipient, without a count (dated by its own
    day, if any), or none."""
    for s0, s1, p0 in sentences:  # a lead telling one visit
        text = clean[s0:s1]
        if s0 not in campaigns and not text.lstrip(_OPENING_JUNK).startswith(v.captions) and not _not_event(text, v) and _tells_visit(_unquoted(text), v) \
                and not _counts_after_visit(text, v) and not _speaks(_unquoted(text), v) \
                and not _IN_THE_MIDST_RX.match(text.lstrip("“”\"' \u3000")):  # (走访中，…: no lead)
            # (…主办的“…走进社区…活动”，今天在…举办: the lead's own day dates it)
            lo, hi = bisect.bisect_left(starts, s0), bisect.bisect_left(starts, s1)
            for pos, d in day_dates[lo:hi]:
                if _first(clean[max(s0, pos - 8) : pos], v.dateline_rx) < 0 and not _is_dateline(clean, _end(pos, d), v) \
                        and _first(clean[pos : min(pos + 14, s1)], v.reporting_or_campaign_rx) < 0:
                    return [VisitEvent(s0, p0, pos, d.start, True)]
            return [VisitEvent(s0, p0, s0, None, False)]
    return []


# ---------------------------------------------------------------------------
# Stops: a care visit is one stop (tests/data/realpages/SPEC.md).  Each home,
# named person, school, care home, village, community or workplace the text
# says the visitors went to is one visit: 看望了A、B和C家中 are three visits,
# 先后到敬老院和A、B家中 three, 分别走进X、Y、Z three.  The vocabulary of
# stops is ``schemas/vocab/visit_stops.csv``.

#: A count opening a list item (60多家企业, 423户困难职工): a group, no place.
_LEADING_COUNT_RX = re.compile("^" + _COUNT_RX.pattern + "的?")
#: What joins the stops of a list (以及 before 及).
_STOP_SPLIT_RX = re.compile("以及|、|和|及|与")
#: Where a list of stops ends: its clause's end.
_STOP_CLAUSE_END = "，,。；;：:！!？?\n（(“\""
_STOP_CLAUSE_END_RX = re.compile("[%s]" % re.escape(_STOP_CLAUSE_END))
#: Words that end a list of stops before its clause does (what is done there,
#: for whom: 先后到A村、B村走访慰问; 到A、B开展活动; 到A、B，对…进行慰问).
_STOP_LIST_STOPPERS = ("开展", "进行", "举办", "举行", "对", "为", "给", "向", "送", "带去", "看望", "慰问",
                       "走访", "探望", "拜访", "探访", "了解", "参加", "调研")
#: What may open a list after its verb (了, 先后…, a possessive of the page's place).
_STOP_LIST_LEAD = ("了", "我县", "我市", "我区", "我镇", "该县", "该市", "该区", "该镇", "该乡", "本县", "本市", "本镇")


@dataclass(frozen=True)
class Stop:
    """One stop of a visit: the item of the list as written (``item``: never
    published, it may hold a name), the role it gives the person(s) visited
    there (the words before the name: 困难党员蒋林 -> 困难党员; empty when
    it gives none) and its position in the sentence (clean offset)."""

    item: str
    role: str
    pos: int


@dataclass(frozen=True)
class StopVocab:
    list_verbs_rx: re.Pattern[str]  # a verb before a list of stops
    home_verbs: tuple[str, ...]  # 在…家中
    homes: tuple[str, ...]  # longest first
    places: tuple[str, ...]  # longest first
    alone: frozenset[str]  # places that are a stop without a name (敬老院, 城区)
    regions: tuple[str, ...]  # longest first
    place_rx: re.Pattern[str]


#: What may stand before a list's verb (先后到…, 分别走进…).
_LIST_VERB_ADVERBS = ("先后", "分别", "还", "又", "再", "也")


def _list_verbs_rx(verbs: tuple[str, ...]) -> re.Pattern[str]:
    """``(?:先后|分别|…)?(?:verb|…)了?``, written as one alternative per
    adverb and then the bare verbs, each opening with a literal (the same
    alternatives in the same order), so the regex engine skips ahead to a
    possible first character instead of trying every position."""
    alts = "|".join(re.escape(w) for w in sorted(verbs, key=len, reverse=True))
    return re.compile("|".join(
        [re.escape(a) + "(?:" + alts + ")了?" for a in _LIST_VERB_ADVERBS]
        + [re.escape(w) + "了?" for w in sorted(verbs, key=len, reverse=True)]))


@functools.cache
def stop_vocab() -> StopVocab:
    with (VOCAB_DIR / "visit_stops.csv").open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))

    def kind(k: str) -> tuple[str, ...]:
        return tuple(sorted((r["word"] for r in rows if r["kind"] == k), key=len, reverse=True))

    v = vocab()
    cb = read_yaml(CODEBOOK)["care_visits"]
    gift_verbs = set(cb.get("gift_verbs") or ())
    # (the visit verbs that go to someone, not the gift verbs: 送去米、面、油 lists gifts)
    verbs = tuple(w for w in v.event_verbs + v.motion_verbs if w not in gift_verbs) + kind("list_verb")
    return StopVocab(
        list_verbs_rx=_list_verbs_rx(verbs),
        home_verbs=kind("home_verb"), homes=kind("home"), places=kind("place") + kind("place_alone"),
        alone=frozenset(kind("place_alone")), regions=kind("region"),
        place_rx=_alternation(kind("place") + kind("place_alone")),
    )


#: A pseudonym's note (小雨（化名）): the words before it name a person.
_PSEUDONYM_RX = re.compile("[（(]化名[）)]")
#: What stands for the note in a list of stops (same length, no clause end).
PSEUDONYM_MARK = "\u3006"


def _stop_kind(item: str, names: frozenset[str] | set[str], role_rx: re.Pattern[str], sv: StopVocab
               ) -> tuple[str, str] | None:
    """What a list item is: ("person", role) when it names a person of the
    page (the role: the words before the name that end with a role word),
    ("place", role) when it names a place (ends with a place word, or a place
    word then the role of the people there: 敬老院孤寡老人), ("group", "")
    for role words only (困难职工: the people of no named place), else None
    (a region, gifts, anything else: not a list of stops)."""
    if not item:
        return None
    if item.endswith(PSEUDONYM_MARK) and len(item.rstrip(PSEUDONYM_MARK)) >= 1:
        # (留守儿童小雨（化名）: a person; the role the words before the name give)
        r = [m for m in role_rx.finditer(item.rstrip(PSEUDONYM_MARK)) if m.end() < len(item.rstrip(PSEUDONYM_MARK))]
        return ("person", item[: r[-1].end()] if r and _COUNT_RX.search(item[: r[-1].end()]) is None else "")
    at = min((i for n in names if (i := item.find(n)) >= 0), default=-1)
    if at >= 0:
        head = item[:at]
        r = list(role_rx.finditer(head))
        role = head if r and r[-1].end() == len(head) and _COUNT_RX.search(head) is None else ""
        return ("person", role)
    m = None
    for m in sv.place_rx.finditer(item):
        pass
    if m is not None:
        rest = item[m.end():]
        named = m.start() > 0 or m.group() in sv.alone  # (县中心敬老院; 敬老院, 城区; not 社区 alone)
        if not rest and named:
            return ("place", "")
        rest = _LEADING_COUNT_RX.sub("", rest)
        if rest and named and role_rx.search(rest) and not rest.endswith(sv.regions):
            return ("place", rest)  # (敬老院孤寡老人; 东坪村60户贫困户)
    if any(item.endswith(w) for w in sv.regions):
        return None
    if role_rx.search(item) and len(item) <= 12:
        return ("group", "")
    return None


def _list_of_stops(text: str, at: int, end: int, names: frozenset[str] | set[str], role_rx: re.Pattern[str],
                   sv: StopVocab, v: VisitVocab, homes_only: bool = False) -> tuple[list[Stop], str] | None:
    """The stops of the list ``text[at:end]`` (after a verb of visiting or
    going) and what follows its 等 (the list's head: 等五户贫困学生), or None
    when it is no list of stops: fewer than two items, an item that is none
    (a region, a gift), none that names a place or a person (困难职工和困难
    群众: one group), a count in an item (走访60多家企业和423户职工: a
    summary), or a vague part of a whole (部分困难职工、特困户)."""
    chunk = text[at:end]
    for w in _STOP_LIST_LEAD:
        if chunk.startswith(w):
            chunk, at = chunk[len(w):], at + len(w)
    head = ""
    k = chunk.find("等")
    if k >= 0:
        chunk, head = chunk[:k], chunk[k + 1:]
    if v.introduction_rx.search(chunk):
        return None
    parts: list[tuple[int, str]] = []
    pos = 0
    for m in _STOP_SPLIT_RX.finditer(chunk):
        parts.append((at + pos, chunk[pos:m.start()]))
        pos = m.end()
    parts.append((at + pos, chunk[pos:]))
    if len(parts) < 2:
        return None
    # The last item may carry what its list shares: A、B的家中, A、B的两名儿童.
    p, last = parts[-1]
    home = False
    for w in sv.homes:
        if last.endswith(w) and len(last) > len(w) and not last.endswith(sv.places):  # (not 留守儿童之家)
            last, home = last[: -len(w)], True
            break
    d = last.rfind("的")
    if d > 0:
        head = last[d + 1:] + head
        last = last[:d]
    parts[-1] = (p, last)
    if homes_only and not (home or head.startswith(sv.homes) or head.endswith(sv.homes)):
        return None
    # 等…工作现场, 等14个村委会: the items are places of the head's kind.
    head_place = head.rstrip().endswith(sv.places)
    stops = []
    named = False
    for p, item in parts:
        item = item.strip()
        for w in sv.homes:  # (A家、B家; not 留守儿童之家, a place)
            if item.endswith(w) and len(item) > len(w) + 1 and not item.endswith(sv.places):
                item = item[: -len(w)]
                break
        # (a count opens a group: 60多家企业 names no place, 423户困难职工 is a group)
        item = _LEADING_COUNT_RX.sub("", item)
        kind = _stop_kind(item, names, role_rx, sv)
        if kind is None and head_place and len(item) >= 2:
            kind = ("of_head", "")
        if kind is None:
            return None
        named = named or kind[0] in ("place", "person")
        stops.append(Stop(item, kind[1], p))
    # (等…工作现场 makes workplaces of items named with a place word of their own
    # beside them: 灯管所、燃气公司等…现场; not of a list of trades: 环卫、交通等…现场)
    if not named or len({s.item for s in stops}) < len(stops):
        return None
    return stops, head


def before_list(sentence: str, pos: int) -> str:
    """What ``sentence`` says before the verb of the list that starts at ``pos``."""
    prefix = sentence[:pos]
    last = None
    for m in stop_vocab().list_verbs_rx.finditer(prefix):
        last = m
    return prefix[: last.start()] if last is not None else prefix


def _list_end(text: str, at: int) -> int:
    """Where the list that starts at ``at`` ends: its clause's end, or a word
    that tells what was done there (开展, 对…, 为…)."""
    e = _STOP_CLAUSE_END_RX.search(text, at)
    end = e.start() if e is not None else len(text)
    return min((i for w in _STOP_LIST_STOPPERS if (i := text.find(w, at, end)) >= 0), default=end)


_NO_ROLE_RX = re.compile("(?!)")


def _goes_to_places(text: str, at: int) -> bool:
    """Whether a verb of going at ``at`` (with its 先后, 分别 …) is followed by
    a list of two or more named places (no roles or names needed)."""
    sv = stop_vocab()
    m = sv.list_verbs_rx.match(text, at)
    return m is not None and _list_of_stops(
        text, m.end(), _list_end(text, m.end()), frozenset(), _NO_ROLE_RX, sv, vocab()) is not None


#: A further visit's subject going on (随后志愿者们又相继看望了…): 又, 还, 再, 相继.
_FURTHER_RX = re.compile("又|还|再|相继")


def further_group(sentence: str, role_rx: re.Pattern[str]) -> tuple[list[Stop], str] | None:
    """The one stop of a sentence that goes on to visit a group after the
    visit told before (随后志愿者们又相继看望了X等10余户贫困户: the group is
    one stop, SPEC.md), with the group as the list's head; None unless the
    sentence opens with a further opener (随后, 之后 …), goes on (又, 还,
    相继) before its visit verb and names a recipient's role after it in
    its clause, and has no habit, plan or summary word."""
    v = vocab()
    opening = sentence.lstrip(" \u3000\n“”")
    if not opening.startswith(v.further_openers) or _summary_word(sentence, v) is not None:
        return None
    at = _visit_at(sentence, v)
    m = v.event_rx.match(sentence, at) if at >= 0 else None
    if m is None or not _FURTHER_RX.search(sentence, 0, at):
        return None
    clause = sentence[m.end() : _clause_end(sentence, m.end())]
    if role_rx.search(clause) is None:
        return None
    k = clause.find("等")
    return [Stop(clause, "", m.end())], (clause[k + 1 :] if k >= 0 else "")


def sentence_stops(text: str, names: frozenset[str] | set[str], role_rx: re.Pattern[str]
                   ) -> tuple[list[Stop], str] | None:
    """The stops a sentence lists after a verb of visiting or going
    (看望了A、B和C家中; 先后到敬老院和A、B家中; 分别走进X、Y、Z; 在A、B的家中),
    with the list's head (what follows its 等), or None when it lists none
    (one stop, or a group).  Several lists: their stops in text order."""
    sv, v = stop_vocab(), vocab()
    found: list[Stop] = []
    head = ""
    if "化名" in text:  # (小雨（化名）、乐乐（化名）: persons, the bracket no clause end)
        text = _PSEUDONYM_RX.sub(PSEUDONYM_MARK * 4, text)
    for m in sv.list_verbs_rx.finditer(text):
        org = v.organisers_rx.match(text, m.start())
        if org is not None and org.end() > m.end():
            continue  # (慰问组, 慰问团: the visitors' name)
        got = _list_of_stops(text, m.end(), _list_end(text, m.end()), names, role_rx, sv, v)
        if got:
            found += got[0]
            head = head or got[1]
    for w in sv.home_verbs:  # 在A、B、C的家中
        i = text.find(w)
        while i >= 0:
            e = _STOP_CLAUSE_END_RX.search(text, i + 1)
            end = e.start() if e is not None else len(text)
            got = _list_of_stops(text, i + len(w), end, names, role_rx, sv, v, homes_only=True)
            if got:
                found += got[0]
                head = head or got[1]
            i = text.find(w, end)
    if not found:
        return None
    out: list[Stop] = []
    for s in sorted(found, key=lambda s: s.pos):
        if all(s.item != o.item for o in out):
            out.append(s)
    return out, head
