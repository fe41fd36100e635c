"""Extraction speed on seed-like pages (a script, not a test).

Pages are built from the seed page: its Arabic numbers are replaced by
random numbers of the same length (seeded RNG), and the varied text is
repeated up to ~15k characters, the size of a full newspaper page.
Reports chars/s and pages/s for ``etl.extract.extract_text`` (the whole
extract stage), then the time per page of each of its steps: ``repair``,
``extract_dates`` and ``extract_figures`` (on pre-repaired text, with the
dates' spans excluded as in ``extract_text``).  One core; a run on N cores
does about N times the pages.

    .venv/bin/python bench/bench_extract.py [--pages 300] [--chars 15000] [--seed 7]

``--chars 5000`` gives pages the size of the seed page.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from etl.extract.dates import extract_dates  # noqa: E402
from etl.extract import extract_text  # noqa: E402
from etl.extract.figures import extract_figures  # noqa: E402
from etl.extract.textrepair import repair  # noqa: E402


ISSUE = dt.date(2023, 1, 1)


def _seed_text() -> str:
    files = sorted((ROOT / "sources").glob("*.txt"))
    if not files:
        raise SystemExit(f"no seed page (*.txt) in {ROOT / 'sources'}")
    return files[0].read_text(encoding="utf-8")


def make_pages(n: int, chars: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    base = _seed_text()

    def vary(m: re.Match[str]) -> str:
        s = m.group()
        if len(s) == 4 and s.startswith("20"):  # keep years years
            return s
        first = str(rng.randint(1, 9))
        return first + "".join(str(rng.randint(0, 9)) for _ in range(len(s) - 1))

    pages = []
    for _ in range(n):
        parts, size = [], 0
        while size < chars:
            part = re.sub(r"\d+", vary, base)
            parts.append(part)
            size += len(part)
        pages.append("".join(parts)[:chars])
    return pages


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", type=int, default=300)
    ap.add_argument("--chars", type=int, default=15000)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    pages = make_pages(args.pages, args.chars, args.seed)
    total_chars = sum(len(p) for p in pages)
    extract_text(pages[0], ISSUE)  # warm up: compile regexes, load vocab

    t0 = time.perf_counter()
    n_figs = sum(len(extract_text(p, ISSUE).figures) for p in pages)
    t_all = time.perf_counter() - t0

    t0 = time.perf_counter()
    repaired = [repair(p) for p in pages]
    t_repair = time.perf_counter() - t0

    t0 = time.perf_counter()
    dates = [extract_dates(r, ISSUE) for r in repaired]
    t_dates = time.perf_counter() - t0

    spans = [[(d.clean_start, d.clean_end) for d in ds] for ds in dates]
    t0 = time.perf_counter()
    for r, s in zip(repaired, spans):
        extract_figures(r, exclude_spans=s)
    t_fig = time.perf_counter() - t0

    n = len(pages)
    print(f"pages={n} chars/page={total_chars // n} figures/page={n_figs / n:.1f}")
    print(f"extract_text   : {total_chars / t_all:,.0f} chars/s  {n / t_all:,.1f} pages/s  "
          f"({1000 * t_all / n:.2f} ms/page, one core)")
    for name, t in (("repair", t_repair), ("extract_dates", t_dates), ("extract_figures", t_fig)):
        print(f"  {name:<16}: {1000 * t / n:.2f} ms/page  ({total_chars / t:,.0f} chars/s)")


if __name__ == "__main__":
    main()
