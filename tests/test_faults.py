"""Fault injection with real processes: SIGKILL mid-run, concurrent runs."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from bench.synthetic import write_archive
from etl.package.validate import check_files, check_package

ETL = [sys.executable, "-m", "etl.cli"]


def etl_run(tmp_path: Path, sources: Path, *extra: str) -> subprocess.Popen:
    cmd = [*ETL, "run", "--sources", str(sources), "--out", str(tmp_path / "dist"), "--state", str(tmp_path / "state"), "-q", *extra]
    return subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=tmp_path)


def assert_whole(package: Path) -> dict:
    descriptor = json.loads((package / "datapackage.json").read_text(encoding="utf-8"))
    assert check_files(package, descriptor) == []
    return descriptor


def rows_of(package: Path) -> int:
    descriptor = json.loads((package / "datapackage.json").read_text(encoding="utf-8"))
    return next(r["x-rows"] for r in descriptor["resources"] if r["name"] == "sources")


def test_sigkill_at_any_moment_leaves_the_old_package_whole(tmp_path):
    sources = tmp_path / "src"
    write_archive(sources, 30, seed=3)
    first = etl_run(tmp_path, sources)
    assert first.wait(120) == 0, first.stderr.read().decode()
    assert rows_of(tmp_path / "dist") == 30

    # Each round adds pages (a new package to publish) and kills the run at a
    # different moment of its life, from start-up to the swap.
    started = time.perf_counter()
    timing = etl_run(tmp_path, sources)
    timing.wait(120)
    duration = time.perf_counter() - started
    counts_seen = set()
    for i, fraction in enumerate([0.1, 0.3, 0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95, 1.0]):
        write_archive(tmp_path / f"more{i}", 2, seed=100 + i)
        for p in (tmp_path / f"more{i}").iterdir():
            p.rename(sources / p.name)
        proc = etl_run(tmp_path, sources)
        time.sleep(duration * fraction)
        proc.send_signal(signal.SIGKILL)
        proc.wait(60)
        assert_whole(tmp_path / "dist")
        counts_seen.add(rows_of(tmp_path / "dist"))

    # The next run recovers without manual clean-up and publishes everything.
    final = etl_run(tmp_path, sources)
    assert final.wait(120) == 0, final.stderr.read().decode()
    check_package(tmp_path / "dist")
    assert rows_of(tmp_path / "dist") == 30 + 2 * 10
    leftovers = [p.name for p in tmp_path.iterdir() if p.name.startswith(".dist.") and not p.name.endswith(".lock")]
    assert leftovers == []


def test_two_concurrent_runs_never_interleave(tmp_path):
    sources = tmp_path / "src"
    write_archive(sources, 40, seed=4)
    a = etl_run(tmp_path, sources)
    b = etl_run(tmp_path, sources)
    results = sorted((p.wait(120), p.stderr.read().decode()) for p in (a, b))
    # Whichever got the lock first publishes; the other exits 1 at once.
    (code_ok, err_ok), (code_busy, err_busy) = results
    assert code_ok == 0, err_ok
    assert code_busy == 1 and "another run holds" in err_busy
    check_package(tmp_path / "dist")


def test_a_concurrent_run_that_waits_gets_its_turn(tmp_path):
    sources = tmp_path / "src"
    write_archive(sources, 20, seed=5)
    a = etl_run(tmp_path, sources, "--wait", "120")
    b = etl_run(tmp_path, sources, "--wait", "120")
    assert a.wait(180) == 0, a.stderr.read().decode()
    assert b.wait(180) == 0, b.stderr.read().decode()
    check_package(tmp_path / "dist")


def test_sigterm_is_not_needed_for_clean_state(tmp_path):
    """A killed run leaves only a lock file (unlocked) and a staging folder
    that the next run removes: nothing a person has to clean by hand."""
    sources = tmp_path / "src"
    write_archive(sources, 5, seed=6)
    proc = etl_run(tmp_path, sources)
    time.sleep(1.0)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(30)
    again = etl_run(tmp_path, sources)
    assert again.wait(120) == 0, again.stderr.read().decode()
    check_package(tmp_path / "dist")
