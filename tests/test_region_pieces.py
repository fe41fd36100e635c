"""``etl.regions`` finds the mentions in a piece of a text (a visit's lead in
its page) from the form starts of the whole text: it must find what a scan
of the piece cut out finds, and on a whole text what the plain scan finds."""

from __future__ import annotations

import random

from etl import regions


def plain_matches(text: str) -> list[tuple[int, str]]:
    """Leftmost-longest, non-overlapping mentions: at each position, the
    longest form starting there (the computation before any prefilter)."""
    forms = regions._forms()
    longest = max(map(len, forms))
    out = []
    i = 0
    while i < len(text):
        for n in range(min(longest, len(text) - i), 1, -1):
            if text[i : i + n] in forms:
                out.append((i, text[i : i + n]))
                i += n
                break
        else:
            i += 1
    return out


def _random_text(rng: random.Random, forms: list[str]) -> str:
    parts = []
    for _ in range(rng.randint(0, 30)):
        r = rng.random()
        if r < 0.4:
            f = rng.choice(forms)
            parts.append(f if rng.random() < 0.7 else f[: rng.randint(1, len(f))] if rng.random() < 0.5 else f[rng.randint(0, len(f) - 1) :])
        elif r < 0.6:
            parts.append(rng.choice("，。；\n 的在区市县镇街道乡村"))
        else:
            parts.append(chr(rng.randint(0x4E00, 0x4FFF)))
    return "".join(parts)


def test_pieces_and_whole_texts_give_the_plain_mentions():
    forms = sorted(regions._forms())
    rng = random.Random(2026)
    for _ in range(4000):
        text = _random_text(rng, forms)
        starts = regions.form_starts(text)
        assert regions._matches(text) == plain_matches(text)
        for _ in range(4):
            lo = rng.randint(0, len(text))
            hi = rng.randint(lo, len(text))
            piece = text[lo:hi]
            assert regions._matches(text, lo, hi, starts) == [(p + lo, f) for p, f in plain_matches(piece)]
            assert regions.find_street(text, lo, hi, starts) == [
                (s + lo, e + lo, r) for s, e, r in regions.find_street(piece)
            ]
            assert regions._matches(text, lo, hi) == regions._matches(text, lo, hi, starts)
        assert regions.page_region(text, starts) == regions.page_region(text)
