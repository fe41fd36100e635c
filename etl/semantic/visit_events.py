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
  visit before (not the homes of a group the lead introduced: 部分困难职工);
  so is the next stop of a sequence (第一站来到…家里，; 接着来到…家里，; 紧接
  着，前往了…几位老人的家里，: named or not).
* **Named places**: likewise a paragraph opening at a named place (在某村，;
  在某村敬老院，; 在某工程现场，) that tells a visit with the next sentence
  (分别 there goes around that one place: 分别到宿舍、食堂, no round-up).
* **The round's next stop**: an undated visit told with a sequence word
  between its visitors and its verb (…一行最后来到…家中) after a dated visit
  takes that day; ``当天`` with no dated visit before it takes the day the
  article told in a sentence before (3月3日，在某敬老院内…。当天上午，…).
* **Announcing leads**: a first visit whose sentence goes to no home or
  place (今天继续走访贫困家庭和孤寡老人; 开展走访慰问全镇百岁老人活动),
  followed in a paragraph of its own by the first stop of a sequence (首先…)
  or a paragraph opening at a named place, announces them: no row of its
  own.  A dated lead announcing an activity (…一行到某村开展走访慰问) followed
  by a list of stops (…一行分别到A、B、C等村委会) likewise: the stops are the
  visits, on its day.
* **Round-ups in one paragraph**: a later sentence of a visit's paragraph
  that tells a visit on a day of its own (1月26日，A社区…。27日，B社区的志愿者
  …) or by other visitors on the same day (同一天，C社区工作人员…; not the
  visitors of a dated scene that named none: …一位百岁老人…。这天，某公司的
  志愿者…) is a visit of its own, its story starting at its sentence.
* **Who visits**: an article's dateline and byline (本报讯（记者 …）) open no
  one's words (the organiser window starts after them); those who guide the
  subject (在工作人员的指引下，务工人员…前往…) are not visitors; a same-day
  sentence going on (当天，某镇还…) from a story that told no visit tells
  none; a lead visiting the people of a whole region or of every place
  (走访慰问了全区90岁以上高龄老人) tells a campaign, a summary.
* **Which day**: a date the sentence says is a festival (10月9日是重阳节)
  dates only a visit its own sentence tells, never the next sentence's; a
  lead visit told later in a paragraph that opens with a day (8月8日上午，
  …服务队再一次行动了起来。…随后志愿者们来到…家中) took place that day.
* **Other days**: days named relative to the article (昨天), days without
  their month and weekdays of an activity report are
  ``etl.semantic.visit_days``; a page's headings, set apart so that a
  paragraph after them opens where it does, ``etl.semantic.visit_headers``;
where a paragraph opens (a named place or home), ``etl.semantic.visit_openings``.

Photo captions (图为…), the header before an article's lead (a caption, the
site and day), a visit verb naming a thing (慰问物资, 关爱的…) and a habit
held this time too (每年…都会…，今年也不例外: a visit) are settled in the
``care_visits`` vocabulary.

Undated visit sentences before an article's first dated visit introduce it
(春节将至，社工们忙着走访辖区老人。): they give no row.

A visit is one stop: the stops a visit sentence lists (``sentence_stops``)
are in ``etl.semantic.visit_stops``; the ``care_visits`` vocabulary, read
once, is ``etl.semantic.visit_vocab``.  This module keeps the sentence
shapes and ``further_group`` (a sentence going on to visit a group).

Sentences that tell habits, plans, summaries (``not_event_words``),
meetings, recruitment or service events at a venue (``other_story_words``),
dates of the page's dateline (``dateline_words``), headings, and paragraphs that go on with the visit
before (``随后``, ``活动中``) start no visit; a second visit sentence in the
paragraph of a visit is the same visit.
"""

from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
import re
from dataclasses import dataclass

from etl.extract.records import DateMention
from etl.semantic.visit_days import byline_end, date_end as _end, names_the_day as _names_the_day, paragraph_day, \
    resolve_bare_day
from etl.semantic.visit_campaigns import campaign_lead, round_of_unnamed_stops
from etl.semantic.visit_days import is_dateline
from etl.semantic.visit_diaries import diary_visits
from etl.semantic.visit_headers import _is_heading
from etl.semantic.visit_openings import _after_opening_quote, _home_after_date, _named_home_opening, \
    _place_opening
from etl.semantic.visit_stops import Stop, _goes_to_places, sentence_stops, whole_region_rx
from etl.semantic.visit_vocab import _COUNT_RX, VisitVocab, vocab
from etl.semantic import visit_summaries

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


@dataclass(frozen=True)
class VisitEvent:
    sentence_start: int  # clean offset of the sentence that tells the visit
    paragraph_start: int
    date_pos: int  # clean offset of its date (the sentence start when undated)
    visit_date: dt.date | None
    dated: bool  # the text fixes a day (even one that could not be resolved)
    home: bool = False  # a paragraph opening at a named home, after a visit told before


def _first(text: str, words: re.Pattern[str], end: int | None = None) -> int:
    """Position of the first of ``words`` (a vocabulary's ``*_rx``) in
    ``text`` (up to ``end``), or -1."""
    m = words.search(text) if end is None else words.search(text, 0, end)
    return m.start() if m else -1


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
    深入开展, 深入推进: a figure of speech; not in a clause of time, 到达某院后，:
    the scene of a visit told), or -1."""
    for m in v.motion_rx.finditer(text):
        if text.startswith(v.not_motion_after, m.end()):
            continue
        if text[: _clause_end(text, m.end())].endswith("后"):
            continue  # (志愿者们到达某养老院后，就开始布置现场: when, the scene of the visit told)
        return m.start()
    return -1


def _visit_at(text: str, v: VisitVocab) -> int:
    """Where ``text`` first tells a visit (a visit verb, or a verb of going
    with a recipient or a home in the text), or -1."""
    i = -1
    for m in v.event_rx.finditer(text):
        org = v.organisers_rx.match(text, m.start())
        rest = m.end()
        while (more := v.event_rx.match(text, rest)) is not None:
            rest = more.end()  # (走访慰问工作: the noun after the run of visit verbs)
        if (org is None or org.end() <= m.end()) and not text.startswith(v.noun_after, rest):
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
    not of households, or the sentence lists the named stops it counts the
    people of (分别走访了A、B和C三处镇区的16户老人: a visit to each)."""
    i = _visit_at(text, v)
    m = _COUNT_RX.search(text, i) if i >= 0 else None
    if m is None:
        return False
    if sentence_stops(text, frozenset(), _ANY_ROLE_RX) is not None:
        return False  # (分别走访了A、B和C三处镇区的16户老人: the stops it names are visits)
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


def _other_visitors(clean: str, text: str, before: VisitEvent, sentences: list[tuple[int, int, int]],
                    v: VisitVocab) -> bool:
    """Whether the same-day sentence ``text`` names visitors other than those
    of the visit ``before``, which named its own (27日，A社区的志愿者…。同一天，B
    社区工作人员…: another visit; not 11月15日下午，某老年公寓一位百岁老人…。这天，
    某公司的志愿者…: the visitors of that scene)."""
    end = next((s1 for s0, s1, _ in sentences if s0 == before.sentence_start), before.sentence_start)
    if v.organisers_rx.search(clean, before.sentence_start, end) is None:
        return False
    org = _first(text, v.organisers_rx)
    return org >= 0 and not _named_again(text, org, clean, before, sentences)


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


def _visit_told(clean: str, sentences: list[tuple[int, int, int]], v: VisitVocab) -> bool:
    """Whether one of ``sentences`` tells a visit as an event (an organiser,
    a visit, a recipient; no summary or habit)."""
    return any(_tells_visit(clean[t0:t1], v) and not _not_event(clean[t0:t1], v) for t0, t1, _ in sentences)


#: Words of a sequence of stops between the visitors and their verb (…一行最后来到, 首先来到, 接着).
_SEQUENCE_WORD_RX = re.compile("首先|接着|然后|随后|最后|之后|紧接着")

#: Words of a round-up (``not_event_words``) that, in a paragraph opening at
#: one named place, go around that place (在某敬老院，慰问组分别到宿舍、食堂).
_AROUND_ONE_PLACE = ("分别",)


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
    if not vague and not (v.activity_rx.search(text, 0, at) and (
            _same_organisation(clean, events[1], text, v) or _lists_stops(clean, events[1], sentences))):
        return events
    return visit_summaries.take_lead_days(lead, events[1:], keep_home=False)


#: Words opening the first stop of a sequence (首先我们…来到…家里; 第一站来到…).
_FIRST_STOP_RX = re.compile("(?:首先|第一站|先是)")


def _announced(clean: str, events: list[VisitEvent], sentences: list[tuple[int, int, int]],
               v: VisitVocab) -> list[VisitEvent]:
    """``events`` without a first visit that announces the stops told after
    it: its sentence goes to no home or place after its visit verb (今天继续
    走访贫困家庭和孤寡老人; 开展走访慰问全镇百岁老人活动) and the next visit, in
    a paragraph of its own, opens the sequence of stops (首先我们…来到了某某
    奶奶家里) or opens at a named place (在某村，…).  The stops take its day
    when they have none."""
    if len(events) < 2 or events[0].paragraph_start == events[1].paragraph_start:
        return events
    lead, first = events[0], events[1]
    first_end = next((s1 for s0, s1, _ in sentences if s0 == first.sentence_start), first.sentence_start)
    opening = clean[first.sentence_start : first.sentence_start + 8].lstrip(_OPENING_JUNK)
    end = next((s1 for s0, s1, _ in sentences if s0 == lead.sentence_start), lead.sentence_start)
    text = _unquoted(clean[lead.sentence_start:end])
    # (开展慰问“五老”活动，给老党员…送去关怀。…在老党员某某家中，…: an activity the
    # lead announces, whose first stop is a paragraph opening at a named home)
    announces_activity = v.activity_rx.search(text, 0, max(_visit_at(text, v), 0)) is not None
    if not announces_activity:
        # (…深入辖区开展“八一”走访慰问活动。工作人员…走访慰问了困难退役军人、烈士遗属等…: the
        # activity announced by the sentence before, in the lead's paragraph)
        before = next((clean[s0:s1] for s0, s1, p0 in sentences
                       if s1 == lead.sentence_start and p0 == lead.paragraph_start), "")
        announces_activity = v.activity_rx.search(before) is not None and _visit_at(before, v) >= 0
    # (1月26日，某工会一行到我市慰问劳模和困难职工。\n在困难劳模某某家中，…: a dated lead that goes
    # to no home or place, then paragraphs opening at the named homes: the homes are its stops)
    if _FIRST_STOP_RX.match(opening) is None and not (first.home and (
            _place_opening(opening, v) or (announces_activity or lead.dated)
            and _named_home_opening(clean[first.sentence_start : first_end].lstrip(_OPENING_JUNK), v))):
        return events
    if _visit_at(text, v) < 0 or v.homes_rx.search(text) is not None \
            or sentence_stops(text, frozenset(), _ANY_ROLE_RX) is not None:
        return events  # (the lead goes to a home or a place of its own: a stop)
    if first.dated or not lead.dated:
        return events[1:]
    return [VisitEvent(first.sentence_start, first.paragraph_start, first.date_pos, lead.visit_date, True,
                       first.home)] + events[2:]


def _day_told_before(clean: str, a: int, s0: int, day_dates: list[tuple[int, DateMention]],
                     v: VisitVocab) -> dt.date | None:
    """The day of the last date mention of the article (from ``a``) before
    ``s0`` that is neither a dateline nor when the news came, or None."""
    for pos, d in reversed(day_dates):
        if pos >= s0:
            continue
        if pos < a:
            break
        if _first(clean[max(a, pos - 8) : pos], v.dateline_rx) >= 0 or is_dateline(clean, _end(pos, d)) \
                or _first(clean[pos : pos + 14], v.reporting_or_campaign_rx) >= 0:
            continue
        return d.start
    return None


def _lists_stops(clean: str, event: VisitEvent, sentences: list[tuple[int, int, int]]) -> bool:
    """Whether the sentence of ``event`` lists the stops of a visit
    (…一行分别到A、B、C等村委会): after a lead that announces an activity
    (…一行到某村开展走访慰问), the stops are the visits."""
    end = next((s1 for s0, s1, _ in sentences if s0 == event.sentence_start), event.sentence_start)
    return sentence_stops(clean[event.sentence_start:end], frozenset(), _ANY_ROLE_RX) is not None


#: (any role: a list of places needs none)
_ANY_ROLE_RX = re.compile("(?!)")


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
        if word is not None and s0 == p0 and word.group() in _AROUND_ONE_PLACE \
                and _place_opening(text.lstrip(_OPENING_JUNK), v) and _summary_word(text[word.end():], v) is None:
            word = None  # (在某村敬老院，慰问组分别到宿舍、食堂…: around the one place it opens at)
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
        other_visitors = False  # (a same-day sentence naming visitors of its own)
        # A date mention of the day in the sentence, before its visit verb.
        for pos, d in day_dates[lo:hi]:
            if _first(clean[max(s0, pos - 8) : pos], v.dateline_rx) >= 0 or is_dateline(clean, _end(pos, d)):
                continue  # the page's dateline
            after = clean[pos : min(pos + 14, s1)]
            if _first(after, v.reporting_rx) >= 0:
                continue  # when the news came, not when the visit was
            # (the words right after the date, however long it is written: 2018年1月30日全面结束)
            if _first(clean[pos : min(max(pos + 12, _end(pos, d) + 6), s1)], v.campaign_start_rx) >= 0:
                campaigns.add(s0)
                break  # a campaign's start: no single visit
            if _tells_visit((text if _names_the_day(clean, _end(pos, d)) else window)[pos - s0 :], v):
                # (told after the date; a day the sentence says is a festival, 10月9日是重阳节，
                # dates only a visit the sentence itself tells, not the next sentence's)
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
                # (当天，志愿者们还…: the visitors before, going on; with no visit told before,
                # 当天，某镇还举办了欢送会…: what the article told, which was no visit, goes on)
                if _tells_visit(text, v) and not _goes_on(text[: max(visit_at, 0)], v):
                    before = [e for e in events if e.dated]
                    if before:
                        event = VisitEvent(s0, p0, s0, before[-1].visit_date, True)
                        other_visitors = _other_visitors(clean, text, events[-1], sentences, v)
                    else:
                        # (3月3日，在某敬老院内一片欢声笑语…。当天上午，…到某敬老院开展…: the day
                        # the article told before it, in a sentence of its own)
                        day = _day_told_before(clean, a, s0, day_dates, v)
                        event = VisitEvent(s0, p0, s0, day, day is not None)
            elif s0 == p0 and _named_home_opening(opening, v) and _visit_told(clean, sentences[:k], v) and not (
                    events and _introduces(clean, events[-1], sentences, v)):
                # (走进某村留守儿童某某家，…: a paragraph opening at a home, after a
                # visit told before: one more stop of the visitors named there, on
                # the day of the visit before, if the text fixed it)
                before = [e for e in events if e.dated]
                event = VisitEvent(s0, p0, s0, before[-1].visit_date if before else None, bool(before), True)
            elif (s0 == p0 or _after_opening_quote(clean, s0, p0)) and _place_opening(opening, v) \
                    and v.event_or_motion_rx.search(window) \
                    and _visit_told(clean, sentences[:k], v):
                # (在某村敬老院，慰问组…; 在某工程现场，…一行为…送上: a paragraph opening
                # at a named place, after a visit told before: one more stop, on the
                # day of the visit before, if the text fixed it)
                before = [e for e in events if e.dated]
                event = VisitEvent(s0, p0, s0, before[-1].visit_date if before else None, bool(before), True)
            elif (s0 == p0 or _after_semicolon(clean, s0, p0)) and not opening.startswith(v.continuation) \
                    and _tells_visit(_subject_text(text), v) and not _counts_after_visit(text, v):
                org = _first(_subject_text(text), v.organisers_rx)
                # (志愿者们… after a visit: the visitors named before, going on)
                if 0 <= org - byline_end(text) <= v.organiser_window and org < _visit_at(_unquoted(text), v) \
                        and not _speaks(_unquoted(text), v) and not (events and _refers_back(text[org:], v)) \
                        and not (events and _bare_organiser(text, org) and _first_motion(text, v) < 0) \
                        and not (events and _named_again(text, org, clean, events[-1], sentences)):
                    # (a round-up's clause after a semicolon: a story of its own)
                    event = VisitEvent(s0, s0 if s0 != p0 else p0, s0, None, False)
                    before = [e for e in events if e.dated]
                    if before and _SEQUENCE_WORD_RX.search(text, org, max(_visit_at(_unquoted(text), v), org)):
                        # (…一行最后来到了…家中: the next stop of the round told before, on its day)
                        event = VisitEvent(s0, s0 if s0 != p0 else p0, s0, before[-1].visit_date, True)
        if event is None:
            continue
        if events and events[-1].paragraph_start == p0 and s0 != p0 and (other_visitors or (
                event.dated and events[-1].dated and event.visit_date != events[-1].visit_date)):
            # (1月26日，A社区…。27日，B社区的志愿者…。同一天，C社区工作人员…: a round-up in one
            # paragraph, each visit on a day of its own or by other visitors: its story starts here)
            event = dataclasses.replace(event, paragraph_start=s0)
        elif events and events[-1].paragraph_start == p0 and not (
                event.paragraph_start == s0 != p0 and not event.dated and _after_semicolon(clean, s0, p0)):
            continue  # the same visit, told on (not a round-up's part after a semicolon)
        if events and p0 <= events[-1].sentence_start and event.paragraph_start < events[-1].paragraph_start:
            # (a visit after one whose story starts at its own sentence in this
            # paragraph, 随后…走进B家。当天，…: its story starts at its own
            # sentence too, never before the story of the visit it follows)
            event = dataclasses.replace(event, paragraph_start=s0)
        events.append(event)
    if events and all(e.home for e in events):
        # (homes after a lead the loop does not take, 社区志愿者…主动来到老人家里: the
        # lead's visit, then the homes)
        lead = _lead_visit(clean, sentences, campaigns, starts, day_dates, v)
        if lead and lead[0].paragraph_start < events[0].paragraph_start:
            return _announced(clean, lead + events, sentences, v)
    events = _announced(clean, events, sentences, v)
    dated = [e for e in events if e.dated]
    if dated:
        # Undated visit sentences before the first dated visit introduce the
        # story (春节将至，社工们忙着走访辖区老人。): the visits follow.
        events = [e for e in events if e.dated or e.sentence_start > dated[0].sentence_start]
        return visit_summaries.summarised(clean, _introduced(clean, events, sentences, v), sentences, v.homes_rx)
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
                        or is_dateline(clean, _end(pos, d)):
                    continue
                if _first(clean[pos : min(pos + 14, s1)], v.reporting_or_campaign_rx) >= 0:
                    continue
                return [VisitEvent(s0, p0, pos, d.start, True)] + events[1:]
    if events:
        return visit_summaries.summarised(clean, events, sentences, v.homes_rx)
    diary = diary_visits(clean, a, b, day_dates, v)
    if diary:  # (2018年3月28日 晴\n…我第一次来到了我的帮扶户某某的家里: the writer's visit on the entry's day)
        return [VisitEvent(s0, p0, s0, day, True) for s0, p0, day in diary]
    lead = _lead_visit(clean, sentences, campaigns, starts, day_dates, v)
    end = next((s1 for s0, s1, _ in sentences if lead and s0 == lead[0].sentence_start), b)
    if lead and campaign_lead(clean[a:b], clean[lead[0].sentence_start:end], v):
        return []  # (连日来，某镇开展走访慰问…。…各慰问组…: a campaign of several teams, no stop named)
    # (我县各级各部门开展集中走访慰问活动。…每到一处，慰问组都…: one party's round of unnamed stops)
    return lead or [VisitEvent(s0, p0, s0, None, False) for s0, s1, p0 in sentences
                    if round_of_unnamed_stops(clean[s0:s1], v)][:1]


def _lead_visit(clean: str, sentences: list[tuple[int, int, int]], campaigns: set[int], starts: list[int],
                day_dates: list[tuple[int, DateMention]], v: VisitVocab) -> list[VisitEvent]:
    """The one visit of an article's lead: its first sentence that names an
    organiser, a visit and a recipient, without a count (dated by its own
    day, if any), or none.  Those who guide the sentence's subject (在工作人员
    的指引下，务工人员…前往…) are not its visitors."""
    for s0, s1, p0 in sentences:  # a lead telling one visit
        text = clean[s0:s1]
        opening = text.lstrip(_OPENING_JUNK)
        if opening.startswith(v.same_day) and _goes_on(text[: max(_visit_at(text, v), 0)], v):
            continue  # (当天，某镇还…: the story told before goes on; no lead)
        if s0 not in campaigns and not opening.startswith(v.captions) and not _not_event(text, v) \
                and _tells_visit(_subject_text(text), v) \
                and not _counts_after_visit(text, v) and not _speaks(_unquoted(text), v) \
                and not _IN_THE_MIDST_RX.match(text.lstrip("“”\"' \u3000")):  # (走访中，…: no lead)
            at = _visit_at(text, v)
            if whole_region_rx().search(text, at, _clause_end(text, at)):
                continue  # (…走访慰问了全区90岁以上高龄老人: a campaign over a whole region, a summary)
            # (…主办的“…走进社区…活动”，今天在…举办: the lead's own day dates it)
            lo, hi = bisect.bisect_left(starts, s0), bisect.bisect_left(starts, s1)
            for pos, d in day_dates[lo:hi]:
                if _first(clean[max(s0, pos - 8) : pos], v.dateline_rx) < 0 and not is_dateline(clean, _end(pos, d)) \
                        and _first(clean[pos : min(pos + 14, s1)], v.reporting_or_campaign_rx) < 0:
                    return [VisitEvent(s0, p0, pos, d.start, True)]
            day = paragraph_day(clean, p0, s0, day_dates)
            return [VisitEvent(s0, p0, s0, day, day is not None)]
    return []


def _blank(m: re.Match[str]) -> str:
    return " " * len(m.group())


def _subject_text(text: str) -> str:
    """``text`` without what is quoted (``_unquoted``) and without those who
    guide its subject (在工作人员的指引下): what tells who visits; offsets kept."""
    text = _unquoted(text)
    return vocab().guided_rx.sub(_blank, text) if "下" in text else text




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
