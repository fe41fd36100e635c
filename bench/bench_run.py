"""End-to-end benchmark of ``etl run`` on synthetic seed-like archives.

    .venv/bin/python bench/bench_run.py                 # 1,000 / 10,000 / 50,000 pages
    .venv/bin/python bench/bench_run.py --pages 2000    # one size
    .venv/bin/python bench/bench_run.py --incremental --pages 2000 --pause 2

Every run is ``etl run`` in a fresh process, timed by the wall clock, as a
scheduler runs it.  For each archive size it reports, from a fresh state: pages/s, characters/s,
the run's stage timings (from its JSON report) and the peak memory of the
whole process tree (the job and its workers, sampled every 50 ms as PSS, in
a second run from a fresh state: sampling costs CPU, so the timed run is not
sampled); and the
*floor* measured in the same run: merely reading the same pages and scanning
their numbers with one polars regex (``str.extract_all``), with the ratio of
the job's time to the floor's; and ``page_cpu_ms``, the machine's speed
at the time (one process's CPU per page of ``process_page``: a shared
machine's speed drifts during a day).  ``--incremental`` times a full run, a re-run
with nothing changed, and a run after adding one page (``--pause S``: S
seconds before each, as between scheduled runs).

This is a script, not a test: its numbers depend on the machine.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import polars as pl

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench.synthetic import write_archive  # noqa: E402

ETL = [sys.executable, "-m", "etl.cli"]


def tree_rss(pid: int) -> int:
    """Memory of a process and all its descendants, in bytes: the sum of
    their proportional set sizes (PSS), so pages shared after a fork are
    counted once, not once per worker."""
    import psutil

    try:
        proc = psutil.Process(pid)
        procs = [proc, *proc.children(recursive=True)]
    except psutil.NoSuchProcess:
        return 0
    total = 0
    for p in procs:
        try:
            total += p.memory_full_info().pss
        except psutil.NoSuchProcess:
            pass
    return total


def timed_run(sources: Path, work: Path, *extra: str, measure_memory: bool = True) -> dict:
    """One ``etl run`` in a fresh process: wall-clock seconds, CPU seconds of
    its process tree (user + system, the job and its workers: on a machine
    other work shares, the wall clock grows with that work, the CPU much
    less), peak memory of its process tree (0 unless ``measure_memory``) and
    its JSON report.  Sampling memory reads every process's smaps every
    50 ms: a cost of its own on two cores, paid only when the peak is wanted."""
    report = work / "report.json"
    cmd = [*ETL, "run", "--sources", str(sources), "--out", str(work / "dist"), "--state", str(work / "state"), "--report", str(report), "-q", *extra]
    cpu_before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    proc = subprocess.Popen(cmd)
    peak = 0
    done = threading.Event()

    def sample():
        nonlocal peak
        while not done.is_set():
            peak = max(peak, tree_rss(proc.pid))
            time.sleep(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    if measure_memory:
        sampler.start()
    code = proc.wait()
    seconds = time.perf_counter() - started
    cpu_after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (cpu_after.ru_utime - cpu_before.ru_utime) + (cpu_after.ru_stime - cpu_before.ru_stime)
    done.set()
    if measure_memory:
        sampler.join()
    data = json.loads(report.read_text())
    if code not in (0, 3):
        raise SystemExit(f"etl run failed ({code}): {data.get('error')}")
    return {"seconds": seconds, "cpu_s": cpu, "peak_rss_mib": peak / 2**20, "report": data}


def page_cpu_ms(sources: Path, pages: int = 100, rounds: int = 3) -> float:
    """The machine's speed right now: CPU milliseconds per page of
    ``process_page`` on the archive's first pages, one process, best of
    ``rounds`` (bench/profile_page.py's measure).  A shared machine's speed
    drifts over a day; runs are comparable across sessions only at a like
    page cost."""
    from bench.profile_page import run as cpu_seconds
    from etl.batch.page import warm_up

    warm_up()
    data = [(p.name, p.read_bytes()) for p in sorted(sources.iterdir())[:pages] if p.suffix == ".txt"]
    best = min(cpu_seconds(data) for _ in range(rounds))
    return round(best / len(data) * 1000, 3)


def floor(sources: Path) -> float:
    """Read every page and scan its numbers with one polars regex."""
    started = time.perf_counter()
    texts = [p.read_bytes().decode("utf-8") for p in sorted(sources.iterdir()) if p.suffix == ".txt"]
    found = pl.Series("text", texts).str.extract_all(r"\d+(?:\.\d+)?").list.len().sum()
    assert found > 0
    return time.perf_counter() - started


def bench_size(pages: int, workers: int, pause: float = 0.0) -> dict:
    with tempfile.TemporaryDirectory(prefix="etl-bench-") as tmp:
        tmp = Path(tmp)
        paths = write_archive(tmp / "sources", pages, seed=42)
        chars = sum(len(p.read_text(encoding="utf-8")) for p in paths)
        floor_s = floor(tmp / "sources")
        speed = page_cpu_ms(tmp / "sources")
        # Two runs from a fresh state: one timed, one sampled for memory (the
        # sampler's smaps reads take ~10% of a core: they would slow the
        # timed run on two cores).
        time.sleep(pause)
        run = timed_run(tmp / "sources", tmp, "--workers", str(workers), measure_memory=False)
        shutil.rmtree(tmp / "dist")
        shutil.rmtree(tmp / "state")
        time.sleep(pause)
        sampled = timed_run(tmp / "sources", tmp, "--workers", str(workers))
    r = run["report"]
    return {
        "pages": pages,
        "pause_s": pause,
        "seconds": round(run["seconds"], 2),
        "pages_per_s": round(pages / run["seconds"], 1),
        "cpu_s": round(run["cpu_s"], 2),
        "load_avg_1min": round(os.getloadavg()[0], 2),
        "chars_per_s": round(chars / run["seconds"]),
        "peak_rss_mib": round(sampled["peak_rss_mib"]),
        "seconds_while_sampling_memory": round(sampled["seconds"], 2),
        "stages_s": r["timings_seconds"],
        "rows": r["table_rows"],
        "floor_s": round(floor_s, 3),
        "ratio_to_floor": round(run["seconds"] / floor_s, 1),
        "page_cpu_ms": speed,
    }


def bench_incremental(pages: int, workers: int, pause: float = 0.0) -> dict:
    """Full run, re-run with nothing changed, run after adding one page.
    ``pause``: seconds to wait before each run, as between scheduled runs
    (minutes apart in production): pages on disk for a while (the state
    trusts its recorded hash of a file that had settled, see
    etl.batch.state.SETTLE_NS).  0: the runs back to back."""
    with tempfile.TemporaryDirectory(prefix="etl-bench-") as tmp:
        tmp = Path(tmp)
        write_archive(tmp / "sources", pages, seed=42)
        extra = write_archive(tmp / "extra", 1, seed=43)[0]

        def paced_run() -> dict:
            time.sleep(pause)
            # Timings only: no memory sampling (see timed_run).
            return timed_run(tmp / "sources", tmp, "--workers", str(workers), measure_memory=False)

        full = paced_run()
        unchanged = paced_run()
        extra.rename(tmp / "sources" / extra.name)
        added = paced_run()
    return {
        "pages": pages,
        "pause_s": pause,
        "full_s": round(full["seconds"], 2),
        "rerun_unchanged_s": round(unchanged["seconds"], 2),
        "add_one_page_s": round(added["seconds"], 2),
        "full_cpu_s": round(full["cpu_s"], 2),
        "add_one_page_cpu_s": round(added["cpu_s"], 2),
        "load_avg_1min": round(os.getloadavg()[0], 2),
        "add_one_fraction_of_full": round(added["seconds"] / full["seconds"], 3),
        "add_one_stages_s": added["report"]["timings_seconds"],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, nargs="*", default=[1000, 10000, 50000])
    parser.add_argument("--workers", type=int, default=0)
    parser.add_argument("--incremental", action="store_true")
    parser.add_argument("--pause", type=float, default=0.0, help="seconds to wait before each run, as between scheduled runs (default: 0, back to back)")
    args = parser.parse_args()
    for pages in args.pages:
        if args.incremental:
            result = bench_incremental(pages, args.workers, args.pause)
        else:
            result = bench_size(pages, args.workers, args.pause)
        print(json.dumps(result, ensure_ascii=False), flush=True)


if __name__ == "__main__":
    main()
