"""``indicators.match_figure`` and ``population_group`` skip figures without
a phrase in reach and memoise per-phrase candidates: they must give what the
plain computation (kept here as written before those shortcuts) gives, on
every figure of the test pages, with their neighbours' real and random
bounds."""

from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
import random
from pathlib import Path

import pytest

from etl import indicators
from etl.extract import extract_text
from etl.indicators import _FIRST, _OF_LINKS, Match, _phrase_info, load_codebook
from etl.sources import decode

ROOT = Path(__file__).resolve().parent.parent
PAGES = sorted(
    [*ROOT.glob("sources/*.txt"), *ROOT.glob("tests/unseen*/*.txt")], key=lambda p: str(p)
)


def plain_match_figure(idx, fig, cs, ce, prev_end, next_start):
    cb = load_codebook()
    clean = idx.clean
    clause_start = max(idx.back(cs, idx.clause_breaks), prev_end)
    if clause_start == prev_end and clean[prev_end:cs] in _OF_LINKS:
        clause_start = idx.back(cs, idx.clause_breaks)
    clause_end = min(idx.forward(ce, idx.clause_breaks_list), next_start)
    unit = fig.unit
    texts = []
    cands = []

    def consider(phrase, side, distance):
        is_group, wild, inds = _phrase_info(cb, phrase)
        for ind in inds:
            if unit not in ind.units:
                continue
            if ind.requires:
                if not texts:
                    texts.append(clean[idx.back(cs, idx.sentence_breaks) : cs])
                    texts.append(clean[ce:clause_end])
                sentence, after = texts
                if not any(w in sentence or w in after for w in ind.requires):
                    continue
            key = (side == "after" and is_group, distance, wild, -len(phrase), 0 if ind.requires else 1, ind.order)
            cands.append((key, ind, phrase, side, distance))

    signals = idx.signals
    ends = idx.signal_ends
    for k in range(bisect.bisect_left(ends, clause_start), bisect.bisect_right(ends, cs)):
        start, end, phrase = signals[k]
        if start >= clause_start:
            consider(phrase, "before", cs - end)
    for k in range(bisect.bisect_left(ends, ce), bisect.bisect_right(ends, clause_end)):
        start, end, phrase = signals[k]
        if start >= ce:
            consider(phrase, "after", start - ce)
    if not cands:
        return []
    if cs > 0 and clean[cs - 1] == "各":
        cands.sort(key=_FIRST)
        out = {}
        for _, ind, phrase, side, distance in cands:
            if side == "before" and ind.id not in out:
                out[ind.id] = Match(ind, phrase, side, distance)
        return list(out.values())
    _, ind, phrase, side, distance = min(cands, key=_FIRST)
    return [Match(ind, phrase, side, distance)]


def plain_population_group(idx, cs, ce, prev_end, next_start, default, after_only=False):
    owner = load_codebook().group_owner
    clause_start = max(idx.back(cs, idx.clause_breaks), prev_end)
    clause_end = min(idx.forward(ce, idx.clause_breaks), next_start)
    if not after_only:
        before = [(cs - e, s - e, owner[p]) for s, e, p in idx.groups if clause_start <= s and e <= cs]
        if before:
            return min(before)[2]
    after = [(s - ce, s - e, owner[p]) for s, e, p in idx.groups if s >= ce and e <= clause_end]
    return min(after)[2] if after else default


@pytest.mark.parametrize("path", PAGES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_fast_matching_equals_the_plain_computation(path):
    text, _ = decode(path.read_bytes(), str(path))
    page = extract_text(text, dt.date(2023, 1, 15))
    clean = page.repaired.clean
    figs = sorted(((*indicators.clean_span(page.repaired, f), f) for f in page.figures), key=lambda t: t[:2])
    rng = random.Random(path.name)
    # (and a unit no indicator counts in: Figure.unit is a str, checked at
    # run time when the extractor is compiled)
    units = sorted({f.unit for _, _, f in figs}) + ["no_such_unit"]
    # The whole page's index and the near-figures one (what derive uses).
    for idx in (indicators.index_page(clean), indicators.index_page(clean, [(cs, ce) for cs, ce, _ in figs])):
        for k, (cs, ce, f) in enumerate(figs):
            real = (figs[k - 1][1] if k else 0, figs[k + 1][0] if k + 1 < len(figs) else len(clean))
            randoms = [(rng.randint(0, cs), rng.randint(ce, len(clean))) for _ in range(3)]
            for prev_end, next_start in [real, (0, len(clean)), *randoms]:
                for fig in (f, dataclasses.replace(f, unit=rng.choice(units))):
                    assert indicators.match_figure(idx, fig, cs, ce, prev_end, next_start) == \
                        plain_match_figure(idx, fig, cs, ce, prev_end, next_start)
                for default in (None, "youth"):
                    for after_only in (False, True):
                        args = (idx, cs, ce, prev_end, next_start, default, after_only)
                        assert indicators.population_group(*args) == plain_population_group(*args)


def _random_page(rng: random.Random) -> tuple[str, list[tuple[int, int]]]:
    """Text made of codebook phrases (and pieces of them), punctuation, 的/各
    and figures; the figures' clean spans."""
    cb = load_codebook()
    phrases = sorted(cb.phrase_owner) + sorted(cb.group_owner) + [p.replace("…", "工作") for _, p, _ in cb.wild]
    parts: list[str] = []
    spans: list[tuple[int, int]] = []
    size = 0
    for _ in range(rng.randint(1, 60)):
        r = rng.random()
        if r < 0.35:
            p = rng.choice(phrases)
            part = p if rng.random() < 0.8 else p[rng.randint(0, len(p) - 1) :]
        elif r < 0.55:
            part = rng.choice(",，;；:：!！?？。\n、")
        elif r < 0.65:
            part = rng.choice(["的", "各", " 的 ", "人", "达到", "其中", "占"])
        else:
            part = str(rng.randint(0, 99999))
            if not spans or spans[-1][1] < size:
                spans.append((size, size + len(part)))
        parts.append(part)
        size += len(part)
    text = "".join(parts)
    if rng.random() < 0.5:
        # Figures over any text (a unit, a phrase's head or tail inside the span).
        cuts = sorted(rng.sample(range(len(text) + 1), min(len(text) + 1, 2 * rng.randint(1, 8))))
        spans = [(a, b) for a, b in zip(cuts[::2], cuts[1::2]) if a < b]
    return text, spans


def test_fast_matching_equals_the_plain_computation_on_random_text():
    rng = random.Random(20261126)
    base = extract_text(decode(PAGES[0].read_bytes(), str(PAGES[0]))[0], dt.date(2023, 1, 15)).figures[0]
    units = sorted({u for ind in load_codebook().indicators.values() for u in ind.units}) + ["other"]
    for _ in range(3000):
        text, spans = _random_page(rng)
        for idx in (indicators.index_page(text), indicators.index_page(text, spans)):
            for k, (cs, ce) in enumerate(spans):
                prev_end = spans[k - 1][1] if k else 0
                next_start = spans[k + 1][0] if k + 1 < len(spans) else len(text)
                fig = dataclasses.replace(base, unit=rng.choice(units))
                assert indicators.match_figure(idx, fig, cs, ce, prev_end, next_start) == \
                    plain_match_figure(idx, fig, cs, ce, prev_end, next_start)
                args = (idx, cs, ce, prev_end, next_start, rng.choice([None, "youth"]), rng.random() < 0.3)
                assert indicators.population_group(*args) == plain_population_group(*args)


def plain_clause_windows(spans, clause_breaks, n):
    windows = []
    for cs, ce in sorted(spans):
        i = bisect.bisect_left(clause_breaks, cs)
        lo = clause_breaks[i - 1] + 1 if i else 0
        j = bisect.bisect_left(clause_breaks, ce)
        hi = (clause_breaks[j] if j < len(clause_breaks) else n) + 1
        if windows and lo <= windows[-1][1]:
            windows[-1] = (windows[-1][0], max(hi, windows[-1][1]))
        else:
            windows.append((lo, hi))
    return windows


def test_clause_windows_equal_the_plain_computation():
    """(A span inside the last window's clauses is skipped.)"""
    rng = random.Random(11)
    for _ in range(20000):
        n = rng.randint(0, 60)
        breaks = sorted(rng.sample(range(n), rng.randint(0, n)))
        spans = []
        for _ in range(rng.randint(0, 8)):
            cs = rng.randint(0, n)
            spans.append((cs, rng.randint(max(0, cs - 2), n)))  # (a few malformed: ce < cs)
        assert indicators._clause_windows(spans, breaks, n) == plain_clause_windows(spans, breaks, n)
