"""Hostile and broken pages: a page's cost is linear in its length, a
figure's context is bounded, a page over a budget is quarantined and the run
goes on.  (bench/hostile_run.py measures the full-size batch.)"""

from __future__ import annotations

import gc
import json
import resource
import subprocess
import sys
import threading
import time

import pytest

from bench.hostile import WORST_CASES
from etl.batch.page import PageLimits, process_page, warm_up
from etl.extract.figures import MAX_CONTEXT_CHARS

from conftest import PROJECT

ORDINARY = PROJECT / "sources" / "000_e1c532de56ee5a29.txt"
NO_BUDGET = PageLimits(max_bytes=1 << 30, max_rows=10**9, seconds=0)


def _seconds(text: str) -> float:
    """Best of three (the machine may be shared), without the cyclic
    garbage collector, whose passes cost in proportion to everything the
    test session holds, not to the page."""
    data = text.encode()
    best = float("inf")
    gc.collect()
    gc.disable()
    try:
        for _ in range(3):
            t0 = time.perf_counter()
            process_page("page.txt", data, None, NO_BUDGET)
            best = min(best, time.perf_counter() - t0)
    finally:
        gc.enable()
    return best


@pytest.mark.parametrize("kind", sorted(WORST_CASES))
def test_a_worst_case_page_costs_time_linear_in_its_length(kind):
    """Eight times the length takes about eight times as long, never the
    64 times of a step quadratic in a run (slack for timing noise and for
    caches: at most 20 times)."""
    warm_up()
    small, large = _seconds(WORST_CASES[kind](4_000)), _seconds(WORST_CASES[kind](32_000))
    assert large < 20 * small + 0.05, f"{kind}: {small:.3f} s at 4k characters, {large:.3f} s at 32k"


@pytest.mark.parametrize("kind", sorted(WORST_CASES))
def test_a_figures_context_is_bounded_on_a_run_on_page(kind):
    outcome = process_page("page.txt", WORST_CASES[kind](30_000).encode(), None, NO_BUDGET)
    assert outcome.status == "ok"
    assert all(len(f["context"]) <= MAX_CONTEXT_CHARS for f in outcome.tables["figures"])


def test_an_ordinary_sentence_is_the_whole_context():
    text = "2022年，全区城镇新增就业1200人，同比增长5.3%。"
    figures = process_page("page.txt", text.encode(), None, NO_BUDGET).tables["figures"]
    assert [f["context"] for f in figures] == [text, text]


def test_a_page_over_the_row_budget_is_quarantined_with_the_reason():
    data = WORST_CASES["count_run_on"](3_000).encode()  # 1,000 figures
    over = process_page("page.txt", data, None, PageLimits(max_rows=500))
    assert (over.status, over.reason, over.tables) == ("quarantined", "too_many_rows", {})
    assert "500 rows" in over.detail
    within = process_page("page.txt", data, None, PageLimits(max_rows=5_000))
    assert within.status == "ok" and 500 < sum(map(len, within.tables.values())) <= 5_000


def test_a_page_over_the_time_budget_is_quarantined_with_the_reason():
    data = WORST_CASES["count_run_on"](60_000).encode()
    assert _seconds(data.decode()) > 0.05
    over = process_page("page.txt", data, None, PageLimits(max_rows=10**9, seconds=0.01))
    assert (over.status, over.reason) == ("quarantined", "over_time")


def test_the_time_budget_holds_in_a_worker_thread_too():
    """Where no timer can interrupt a page (a Dask worker runs pages in
    threads), the budget is checked between the page's stages."""
    data = WORST_CASES["count_run_on"](60_000).encode()
    got = []
    worker = threading.Thread(target=lambda: got.append(process_page("page.txt", data, None, PageLimits(max_rows=10**9, seconds=0.01))))
    worker.start()
    worker.join()
    assert (got[0].status, got[0].reason) == ("quarantined", "over_time")


def test_a_batch_of_worst_case_pages_beside_an_ordinary_one(tmp_path):
    """Every worst-case page beside an ordinary page, through ``etl run``:
    the run ends, within bounded time and memory, with a package of bounded
    size (linear in the pages) that holds the ordinary page; each other page
    is published or quarantined for a budget, never the run's end."""
    src = tmp_path / "sources"
    src.mkdir()
    (src / "ordinary.txt").write_bytes(ORDINARY.read_bytes())
    page_bytes = 60_000
    for kind, page in WORST_CASES.items():
        (src / f"{kind}.txt").write_bytes(page(page_bytes).encode()[:page_bytes].decode("utf-8", "ignore").encode())
    report = tmp_path / "report.json"
    cmd = [sys.executable, "-m", "etl.cli", "run", "--sources", str(src), "--out", str(tmp_path / "dist"),
           "--state", str(tmp_path / "state"), "--report", str(report), "--workers", "2",
           "--max-rows-per-page", "5000", "-q"]
    t0 = time.perf_counter()
    done = subprocess.run(cmd, cwd=tmp_path, capture_output=True, text=True, timeout=120)
    seconds = time.perf_counter() - t0
    peak_mib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    assert done.returncode in (0, 3), done.stderr
    pages = {p["file"]: p for p in json.loads(report.read_text())["pages"]}
    assert pages["ordinary.txt"]["status"] == "published"
    assert all(p["status"] == "published" or p["reason"] in ("too_many_rows", "over_time") for p in pages.values())
    sources_csv = (tmp_path / "dist" / "data" / "sources.csv").read_text()
    assert "ordinary.txt" in sources_csv
    package_bytes = sum(f.stat().st_size for f in (tmp_path / "dist").rglob("*") if f.is_file())
    input_bytes = sum(f.stat().st_size for f in src.iterdir())
    assert package_bytes < 40 * input_bytes, (package_bytes, input_bytes)
    assert seconds < 60, seconds
    assert peak_mib < 1024, peak_mib
