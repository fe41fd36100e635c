"""CPU cost of ``etl.batch.page.process_page`` per page, per stage (a script, not a test).

Runs ``process_page`` over synthetic seed-like pages (``bench.synthetic``)
and reports CPU milliseconds per page (``time.process_time``: the machine
may be shared, wall time is noisy) of the whole page and of its stages:
extract (``extract_text``), semantic (``semantic.derive``) and the rest
(decoding, masking, row building).  ``--profile N`` also prints the N
functions with the most cumulative time under cProfile.

``--real``: the real pages of ``tests/data/realpages`` (with their issue
dates) instead, and also the CPU of the *first* pass over them (``first``):
every page's private names unseen before, as in a real archive (the
synthetic pages all carry the seed's names, so after the first page every
name-keyed cache and ``re``'s pattern cache hit; the best-of-rounds figures
measure that warm case).

    .venv/bin/python bench/profile_page.py [--pages 200] [--rounds 3] [--profile 30] [--real]
"""

from __future__ import annotations

import argparse
import cProfile
import csv
import pstats
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.synthetic import write_archive  # noqa: E402
from etl.batch import page as page_mod  # noqa: E402
from etl import semantic  # noqa: E402
from etl.batch.page import process_page, warm_up  # noqa: E402

META = {"issue_date": "2023-01", "title": "t"}


def load(n: int) -> list[tuple[str, bytes]]:
    with tempfile.TemporaryDirectory() as d:
        return [(p.name, p.read_bytes()) for p in write_archive(Path(d), n, seed=11)]


def load_real() -> list[tuple[str, bytes, dict | None]]:
    """(file name, bytes, metadata) of every page of ``tests/data/realpages``."""
    pages: list[tuple[str, bytes, dict | None]] = []
    for folder in sorted((ROOT / "tests" / "data" / "realpages").glob("*/")):
        index = folder / "pages.csv"
        if not index.is_file():
            continue
        with index.open(encoding="utf-8") as f:
            issue = {row["page_id"]: row.get("issue_date") or "" for row in csv.DictReader(f)}
        for p in sorted((folder / "pages").glob("*.txt")):
            pages.append((p.name, p.read_bytes(), {"issue_date": issue[p.stem]} if issue.get(p.stem) else None))
    return pages


def run(pages: list) -> float:
    """CPU seconds of ``process_page`` over (name, bytes) or (name, bytes, metadata) pages."""
    t0 = time.process_time()
    for page in pages:
        process_page(page[0], page[1], page[2] if len(page) > 2 else META, 1 << 24)
    return time.process_time() - t0


def stages(pages: list[tuple[str, bytes]]) -> dict[str, float]:
    """CPU seconds in extract and semantic, by wrapping them for one pass."""
    spent = {"extract": 0.0, "semantic": 0.0}
    orig_extract, orig_derive = page_mod.extract_text, semantic.derive

    def timed(key, fn):
        def wrapper(*a, **k):
            t0 = time.process_time()
            try:
                return fn(*a, **k)
            finally:
                spent[key] += time.process_time() - t0
        return wrapper

    page_mod.extract_text = timed("extract", orig_extract)
    semantic.derive = timed("semantic", orig_derive)
    try:
        total = run(pages)
    finally:
        page_mod.extract_text, semantic.derive = orig_extract, orig_derive
    spent["rows"] = total - spent["extract"] - spent["semantic"]
    spent["total"] = total
    return spent


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", type=int, default=200)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--profile", type=int, default=0, help="print the top N functions (cProfile)")
    ap.add_argument("--real", action="store_true", help="the real pages of tests/data/realpages, and their first pass")
    args = ap.parse_args()
    pages = load_real() if args.real else load(args.pages)
    warm_up()
    first = run(pages)  # (every name of a real page unseen so far)
    best: dict[str, float] = {}
    for _ in range(args.rounds):
        for k, v in stages(pages).items():
            best[k] = min(best.get(k, v), v)
    n = len(pages)
    print(f"{n} {'real' if args.real else 'synthetic'} pages, CPU ms/page (best of {args.rounds}): "
          + "  ".join(f"{k} {1000 * v / n:.3f}" for k, v in best.items())
          + f"  (first pass: {1000 * first / n:.3f})")
    if args.profile:
        prof = cProfile.Profile()
        prof.enable()
        run(pages)
        prof.disable()
        pstats.Stats(prof).sort_stats("cumulative").print_stats(args.profile)
        pstats.Stats(prof).sort_stats("tottime").print_stats(args.profile)


if __name__ == "__main__":
    main()
