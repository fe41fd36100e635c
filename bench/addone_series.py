"""Add-one-page runs, repeated: the median of many runs that each add one
page to an archive (a script, not a test).

    .venv/bin/python bench/addone_series.py [--pages 2000] [--runs 10] [--pause 2]

Runs the full archive once, then ``--runs`` times: adds one page, waits
``--pause`` seconds (as between scheduled runs), and times the run.  Every
run is ``etl run`` in a fresh process, timed by the wall clock.  Prints the full run's time and the add-one
times (median, min, max) and their ratio to the full run.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench.bench_run import timed_run  # noqa: E402
from bench.synthetic import write_archive  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--pause", type=float, default=2.0)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="etl-bench-") as tmp:
        tmp = Path(tmp)
        write_archive(tmp / "sources", args.pages, seed=42)
        extras = [write_archive(tmp / f"extra{i}", 1, seed=1000 + i)[0] for i in range(args.runs)]
        time.sleep(args.pause)
        full_run = timed_run(tmp / "sources", tmp, measure_memory=False)
        full = full_run["seconds"]
        added, added_cpu = [], []
        for extra in extras:
            extra.rename(tmp / "sources" / extra.name)
            time.sleep(args.pause)
            run = timed_run(tmp / "sources", tmp, measure_memory=False)
            added.append(run["seconds"])
            added_cpu.append(run["cpu_s"])
    median = statistics.median(added)
    print(json.dumps({
        "pages": args.pages, "pause_s": args.pause, "full_s": round(full, 3),
        "add_one_median_s": round(median, 3), "add_one_min_s": round(min(added), 3), "add_one_max_s": round(max(added), 3),
        "add_one_fraction_of_full": round(median / full, 3),
        "full_cpu_s": round(full_run["cpu_s"], 2), "add_one_median_cpu_s": round(statistics.median(added_cpu), 2),
        "load_avg_1min": round(os.getloadavg()[0], 2),
    }))


if __name__ == "__main__":
    main()
