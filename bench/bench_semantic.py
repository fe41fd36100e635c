"""Speed of the semantic layer on seed-like pages (a script, not a test).

Extraction (``etl.extract.extract_text``) runs once per page, untimed; then
``etl.semantic.derive`` and its parts are timed over many repetitions:

* ``names``      ``privacy.find_private_names``
* ``region``     ``region_resolution.resolve_page_region`` (the page's region chain)
* ``indicators`` ``indicators.derive_indicators`` (indicators and checks)
* ``visits``     ``care_visits.derive_visits``
* ``masking``    ``name_masking.mask`` on every figure context and check message
                 (what the pipeline masks besides ``derive``'s own rows)
* ``derive``     the whole of ``semantic.derive``
* ``page``       ``derive`` and ``masking``: the semantic layer's share of a page
* ``cold``       ``page`` with the per-name caches emptied first (``re``'s
                 pattern cache and the name-keyed caches of ``etl.semantic.name_*``):
                 what a page whose names were not seen before costs, as in a
                 real archive (the other columns reuse the caches)

Pages: the seed, synthetic seed-like pages (``bench.synthetic.write_archive``)
and long pages made of varied copies of the seed (``bench.synthetic.vary``)
cut to ``--chars`` characters.

    .venv/bin/python bench/bench_semantic.py [--reps 200] [--chars 15000] [--pages 20]
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import re
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.synthetic import SEED, vary, write_archive  # noqa: E402
from etl.semantic import name_candidates, name_masking, privacy, region_resolution  # noqa: E402
from etl import semantic
from etl.semantic.care_visits import derive_visits  # noqa: E402
from etl.extract import PageExtraction, extract_text  # noqa: E402
from etl.semantic.indicators import derive_indicators  # noqa: E402

ISSUE = dt.date(2022, 12, 1)


def long_page(chars: int, seed: int) -> str:
    base = SEED.read_text(encoding="utf-8")
    rng = random.Random(seed)
    parts, size = [], 0
    while size < chars:
        part = vary(base, rng)
        parts.append(part)
        size += len(part)
    return "\n".join(parts)[:chars]


def components(page: PageExtraction):
    """name -> zero-argument callable timing one part on this page."""
    rep = page.repaired
    names = privacy.find_private_names(rep)
    region = region_resolution.resolve_page_region(rep.clean)
    _, checks = derive_indicators("bench", rep, page.figures, page.dates, region)
    texts = [f.context for f in page.figures] + [c["message"] for c in checks]

    def whole():
        res = semantic.derive("bench", page)
        return [name_masking.mask(f.context, res.private_names) for f in page.figures]

    return {
        "names": lambda: privacy.find_private_names(rep),
        "region": lambda: region_resolution.resolve_page_region(rep.clean),
        "indicators": lambda: derive_indicators("bench", rep, page.figures, page.dates, region),
        "visits": lambda: derive_visits("bench", rep, page.dates, names),
        "masking": lambda: [name_masking.mask(t, names) for t in texts],
        "derive": lambda: semantic.derive("bench", page),
        "page": whole,
        "cold": lambda: (_forget(), whole()),
    }


def _forget() -> None:
    """Empty the caches that a page with new names would miss."""
    re.purge()
    for module, name in PER_NAME_CACHES:
        fn = getattr(module, name, None)
        if fn is not None:
            fn.cache_clear()


#: Caches of the name modules keyed by names (or sets of names).
PER_NAME_CACHES = (
    (name_candidates, "_static_ok"),
    (name_masking, "_surnames"), (name_masking, "_bare_names"), (name_masking, "_mask_table"),
)


def time_pages(pages: list[PageExtraction], reps: int) -> dict[str, float]:
    """ms per page of each component (best of 3 rounds of ``reps`` passes)."""
    comps = [components(p) for p in pages]
    out: dict[str, float] = {}
    for name in comps[0]:
        best = float("inf")
        for _ in range(3):
            t0 = time.perf_counter()
            for _ in range(reps):
                for c in comps:
                    c[name]()
            best = min(best, time.perf_counter() - t0)
        out[name] = 1000 * best / (reps * len(pages))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--reps", type=int, default=200, help="passes over each page set")
    ap.add_argument("--chars", type=int, default=15000, help="size of the long synthetic page")
    ap.add_argument("--pages", type=int, default=20, help="synthetic seed-like pages")
    args = ap.parse_args()

    sets: list[tuple[str, list[PageExtraction]]] = []
    seed = extract_text(SEED.read_text(encoding="utf-8"), ISSUE)
    sets.append((f"seed ({len(seed.repaired.raw)} chars)", [seed]))
    with tempfile.TemporaryDirectory() as d:
        synth = [extract_text(p.read_text(encoding="utf-8"), ISSUE) for p in write_archive(Path(d), args.pages, seed=5)]
    sets.append((f"{args.pages} synthetic seed-like pages", synth))
    big = extract_text(long_page(args.chars, 7), ISSUE)
    sets.append((f"long synthetic page ({len(big.repaired.raw)} chars)", [big]))

    for _, pages in sets:  # warm up: compile regexes, load vocabularies
        for p in pages:
            semantic.derive("warm", p)

    header = ["names", "region", "indicators", "visits", "masking", "derive", "page", "cold"]
    print(f"{'ms/page (one core)':<42}" + "".join(f"{h:>11}" for h in header))
    for label, pages in sets:
        reps = max(1, args.reps // len(pages))
        res = time_pages(pages, reps)
        print(f"{label:<42}" + "".join(f"{res[h]:>11.3f}" for h in header))


if __name__ == "__main__":
    main()
