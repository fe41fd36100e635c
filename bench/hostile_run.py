"""Hostile pages, measured (a script, not a test).

``pages``: each worst-case page of ``bench.hostile`` at growing sizes,
processed alone (``process_page``) in a fresh process: wall seconds, peak
memory above the warmed-up process, rows and the characters of the
figures' contexts.  A step quadratic in a run shows as 4x per doubling.

``run``: the issue's batch: seven worst-case pages of 200 KB beside an
ordinary page, ``etl run --workers 2``: wall seconds, peak memory of the
whole process tree (sampled every 50 ms), the package's size, each page's
status.

    .venv/bin/python bench/hostile_run.py pages [--sizes 25000,50000,100000,200000] [--code DIR]
    .venv/bin/python bench/hostile_run.py run [--copies 3] [--engine dask]

``--code DIR``: measure another checkout of the job (e.g. an older commit
unpacked with ``git archive``), with this one's pages.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.hostile import WORST_CASES  # noqa: E402

ORDINARY = ROOT / "sources" / "000_e1c532de56ee5a29.txt"
BATCH = ["digit_run", "grouped_digit_run", "percent_run_on", "range_run_on", "numeral_run", "numeral_figures", "date_run_on"]

_ONE_PAGE = r"""
import json, resource, sys, time
sys.path.insert(0, sys.argv[1])
from etl.batch.page import process_page, warm_up
warm_up()
data = open(sys.argv[2], "rb").read()
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
t0 = time.perf_counter()
try:
    o = process_page("page.txt", data, None, 1 << 24)
    status = o.status + (":" + o.reason if o.reason else "")
    rows = sum(len(v) for v in o.tables.values())
    ctx = sum(len(f["context"] or "") for f in o.tables.get("figures", []))
except Exception as e:
    status, rows, ctx = "crashed:" + type(e).__name__, 0, 0
dt = time.perf_counter() - t0
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"seconds": dt, "peak_mib": (peak - base) / 1024, "status": status, "rows": rows, "context_chars": ctx}))
"""


def page_bytes(kind: str, size: int) -> bytes:
    """A worst-case page of at most ``size`` bytes (UTF-8)."""
    return WORST_CASES[kind](size).encode()[:size].decode("utf-8", "ignore").encode()


def bench_pages(sizes: list[int], code: Path, timeout: float, kinds: list[str]) -> None:
    print(f"{'page':20} {'bytes':>8} {'seconds':>8} {'peak MiB':>9} {'rows':>7} {'context chars':>14}  status")
    with tempfile.TemporaryDirectory() as d:
        for kind in kinds:
            for size in sizes:
                path = Path(d) / "page.txt"
                path.write_bytes(page_bytes(kind, size))
                try:
                    out = subprocess.run([sys.executable, "-c", _ONE_PAGE, str(code), str(path)],
                                         capture_output=True, text=True, timeout=timeout, check=True)
                    r = json.loads(out.stdout)
                    print(f"{kind:20} {size:8} {r['seconds']:8.2f} {r['peak_mib']:9.0f} {r['rows']:7} {r['context_chars']:14}  {r['status']}", flush=True)
                except subprocess.TimeoutExpired:
                    print(f"{kind:20} {size:8} {'>' + str(int(timeout)):>8}", flush=True)
                    break  # larger sizes take longer still


def bench_run(size: int, workers: int, copies: int, engine: str) -> None:
    import psutil

    with tempfile.TemporaryDirectory() as d:
        src = Path(d) / "sources"
        src.mkdir()
        (src / "ordinary.txt").write_bytes(ORDINARY.read_bytes())
        for kind in BATCH:
            for copy in range(copies):  # (copies differ in their last bytes: no duplicates)
                name = kind if copy == 0 else f"{kind}_{copy}"
                (src / f"{name}.txt").write_bytes(page_bytes(kind, size - 4) + (f"\n{copy}" if copy else "").encode())
        out, state, report = Path(d) / "dist", Path(d) / "state", Path(d) / "report.json"
        cmd = [str(ROOT / ".venv" / "bin" / "etl"), "run", "--sources", str(src), "--out", str(out),
               "--state", str(state), "--report", str(report), "--workers", str(workers), "--engine", engine, "-q"]
        t0 = time.perf_counter()
        proc = psutil.Popen(cmd, cwd=d)
        peak = 0
        while proc.poll() is None:
            try:
                tree = [proc] + proc.children(recursive=True)
                peak = max(peak, sum(p.memory_info().rss for p in tree if p.is_running()))
            except psutil.Error:
                pass
            time.sleep(0.05)
        seconds = time.perf_counter() - t0
        size_mib = sum(f.stat().st_size for f in out.rglob("*") if f.is_file()) / 2**20 if out.exists() else 0.0
        print(f"exit code {proc.returncode}; {seconds:.1f} s wall; peak memory of the process tree {peak / 2**20:.0f} MiB; package {size_mib:.1f} MiB")
        if report.exists():
            for page in json.loads(report.read_text())["pages"]:
                print(f"  {page['file']:24} {page['status']:12} {page.get('reason', '')} {page.get('detail', '')}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("what", choices=("pages", "run"))
    ap.add_argument("--sizes", default="25000,50000,100000,200000")
    ap.add_argument("--kinds", default=",".join(WORST_CASES), help="the worst cases to measure (pages)")
    ap.add_argument("--code", type=Path, default=ROOT, help="the checkout whose process_page is measured (pages)")
    ap.add_argument("--timeout", type=float, default=60.0, help="seconds per page before giving up (pages)")
    ap.add_argument("--size", type=int, default=200_000, help="bytes per worst-case page (run)")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--copies", type=int, default=1, help="of each worst-case page (run; 3 or more: the worker pool, which starts at 16 pages)")
    ap.add_argument("--engine", choices=("local", "dask"), default="local", help="(run)")
    args = ap.parse_args()
    if args.what == "pages":
        bench_pages([int(s) for s in args.sizes.split(",")], args.code.resolve(), args.timeout, args.kinds.split(","))
    else:
        bench_run(args.size, args.workers, args.copies, args.engine)


if __name__ == "__main__":
    main()
