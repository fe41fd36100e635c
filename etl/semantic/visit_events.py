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

Undated visit sentences before an article's first dated visit introduce it
(春节将至，社工们忙着走访辖区老人。): they give no row.

Sentences that tell habits, plans, summaries (``not_event_words``),
meetings, recruitment or service events at a venue (``other_story_words``),
dates of the page's dateline (``dateline_words``), headings, and paragraphs that go on with the visit
before (``随后``, ``活动中``) start no visit; a second visit sentence in the
paragraph of a visit is the same visit.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import re
from dataclasses import dataclass

from etl.extract.records import DateMention
from etl.extract.rules import read_yaml
from etl.extract.textrepair import Repaired
from etl.semantic.codebook import CODEBOOK

SENTENCE_END = "。!！?？;；"
#: A day without its month at a sentence's start (``16 日下午``): dated, the day unknown.
_BARE_DAY_RX = re.compile(r"^[“”\"'\s]*[0-9]{1,2}日")
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
    )


@dataclass(frozen=True)
class VisitEvent:
    sentence_start: int  # clean offset of the sentence that tells the visit
    paragraph_start: int
    date_pos: int  # clean offset of its date (the sentence start when undated)
    visit_date: dt.date | None
    dated: bool  # the text fixes a day (even one that could not be resolved)


def _first(text: str, words: tuple[str, ...]) -> int:
    """Position of the first of ``words`` in ``text``, or -1."""
    m = _alternation(words).search(text)
    return m.start() if m else -1


@functools.lru_cache(maxsize=64)
def _alternation(words: tuple[str, ...]) -> re.Pattern[str]:
    """One regex for a word list (a search finds the leftmost of them at once)."""
    return re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) or "(?!)")


def _visit_at(text: str, v: VisitVocab) -> int:
    """Where ``text`` first tells a visit (a visit verb, or a verb of going
    with a recipient or a home in the text), or -1."""
    i = _first(text, v.event_verbs)
    j = _first(text, v.motion_verbs)
    if j >= 0 and _first(text, v.recipients + v.homes) >= 0:
        i = j if i < 0 else min(i, j)
    return i


def _tells_visit(text: str, v: VisitVocab) -> bool:
    return (_visit_at(text, v) >= 0 and _first(text, v.organisers) >= 0
            and _first(text, v.recipients + v.homes) >= 0)


def _counts_after_visit(text: str, v: VisitVocab) -> bool:
    i = _visit_at(text, v)
    return i >= 0 and _COUNT_RX.search(text, i) is not None


#: Words of a subject that goes on with the visit before (当天，志愿者们还为…).
_GOING_ON = ("还", "又", "也", "再", "继续")


def _goes_on(subject: str, v: VisitVocab) -> bool:
    """Whether the subject of a same-day sentence (up to its visit verb)
    goes on with the visit before rather than naming other visitors."""
    return any(w in subject for w in _GOING_ON)


#: The longest heading (characters).
HEADING_MAX = 40
_SENTENCE_PUNCT_RX = re.compile("[。，,;；!！?？]")


def _is_heading(line: str) -> bool:
    s = line.strip()
    return len(s) <= HEADING_MAX and _SENTENCE_PUNCT_RX.search(s) is None


def structure(repaired: Repaired) -> str:
    """The clean text with its headings (short unpunctuated lines between
    blank lines, before a long paragraph: titles, captions, datelines of a
    web page) turned
    into line breaks, offsets unchanged: the text repair joins such lines
    to the paragraph after them, where they would read as its opening."""
    raw, clean = repaired.raw, repaired.clean
    lines = raw.split("\n")
    spans: list[tuple[int, int]] = []
    pos = 0
    last = len(lines) - 1
    next_long = False  # (from the end: whether the next non-blank line is a paragraph of a web page)
    long_after = [False] * len(lines)
    for k in range(last, -1, -1):
        long_after[k] = next_long
        body = lines[k].strip()
        if body:
            next_long = len(body) > HEADING_MAX
    for k, line in enumerate(lines):
        start, pos = pos, pos + len(line) + 1
        # Isolated by blank lines and followed by a long paragraph: in an
        # OCR'd page every line is short, and a short line is part of a
        # paragraph the repair rightly joins.
        if not long_after[k] or (k and lines[k - 1].strip()) or (k < last and lines[k + 1].strip()):
            continue
        body = line.strip()
        if not body or not _is_heading(line) or any(c in body for c in "()（）") \
                or body[-1] in "0123456789年月日":
            continue  # (its byline, a date cut by a blank line)
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
            for k, ch in enumerate(line):
                if ch in SENTENCE_END:
                    out.append((s, pos + k + 1, pos))
                    s = pos + k + 1
            if clean[s:end].strip():
                out.append((s, end, pos))
        pos = end + 1
    return out


def find_events(clean: str, a: int, b: int, day_dates: list[tuple[int, DateMention]]) -> list[VisitEvent]:
    """The visits told in the article ``clean[a:b]``; ``day_dates``: the
    page's day-precise date mentions (clean start, mention), sorted."""
    v = vocab()
    if _first(clean[a:b], v.event_verbs + v.motion_verbs) < 0:
        return []  # (most articles of a page: no visit is told)
    starts = [p for p, _ in day_dates]
    sentences = _sentences(clean, a, b)
    events: list[VisitEvent] = []
    for k, (s0, s1, p0) in enumerate(sentences):
        text = clean[s0:s1]
        if _first(text, v.not_event) >= 0:
            continue
        nxt = sentences[k + 1] if k + 1 < len(sentences) and sentences[k + 1][2] == p0 else None
        window = text + (clean[nxt[0]:nxt[1]] if nxt else "")
        event = None
        # A date mention of the day in the sentence, before its visit verb.
        lo, hi = bisect.bisect_left(starts, s0), bisect.bisect_left(starts, s1)
        visit_at = _visit_at(text, v)
        for pos, d in day_dates[lo:hi]:
            if _first(clean[max(s0, pos - 8) : pos], v.dateline) >= 0:
                continue  # the page's dateline
            after = clean[pos : min(pos + 14, s1)]
            if _first(after, v.reporting) >= 0:
                continue  # when the news came, not when the visit was
            if _first(clean[pos : min(pos + 12, s1)], v.campaign_start) >= 0:
                break  # a campaign's start: no single visit
            if _tells_visit(window[pos - s0 :], v):  # told after the date
                event = VisitEvent(s0, p0, pos, d.start, True)
            break
        else:
            opening = text.lstrip("“”\"' \u3000")
            if _BARE_DAY_RX.match(text) and _tells_visit(window, v):
                event = VisitEvent(s0, p0, s0, None, True)
            elif opening.startswith(v.same_day):
                if _tells_visit(text, v) and not (events and _goes_on(text[: max(visit_at, 0)], v)):
                    before = [e for e in events if e.dated]
                    event = VisitEvent(s0, p0, s0, before[-1].visit_date if before else None, bool(before))
            elif s0 == p0 and not opening.startswith(v.continuation) and _tells_visit(text, v) \
                    and not _counts_after_visit(text, v):
                org = _first(text, v.organisers)
                if 0 <= org <= v.organiser_window and org < visit_at:
                    event = VisitEvent(s0, p0, s0, None, False)
        if event is None:
            continue
        if events and events[-1].paragraph_start == p0:
            continue  # the same visit, told on
        events.append(event)
    dated = [e for e in events if e.dated]
    if dated:
        # Undated visit sentences before the first dated visit introduce the
        # story (春节将至，社工们忙着走访辖区老人。): the visits follow.
        return [e for e in events if e.dated or e.sentence_start > dated[0].sentence_start]
    # A feature story: its first sentence opens with the day (after the
    # byline), and the article tells a visit further on (it dates the first
    # undated visit sentence, which tells that visit).
    body = clean[a:b]
    if _tells_visit(body, v) and _first(body, v.other_story) < 0:
        for s0, s1, p0 in sentences[:3]:
            if events and s0 > events[0].sentence_start:
                break
            lo, hi = bisect.bisect_left(starts, s0), bisect.bisect_left(starts, s1)
            for pos, d in day_dates[lo:hi]:
                opening = clean[s0:pos].strip("“”\"' \u3000\n")
                if opening and not opening.endswith((")", "）")) or _first(clean[s0:s1], v.not_event) >= 0:
                    continue
                if _first(clean[pos : min(pos + 14, s1)], v.reporting + v.campaign_start) >= 0:
                    continue
                return [VisitEvent(s0, p0, pos, d.start, True)] + events[1:]
    if events:
        return events
    for s0, s1, p0 in sentences:  # a lead telling one undated visit
        text = clean[s0:s1]
        if _first(text, v.not_event) < 0 and _tells_visit(text, v) and not _counts_after_visit(text, v):
            return [VisitEvent(s0, p0, s0, None, False)]
    return []
