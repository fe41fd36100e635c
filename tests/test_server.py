"""``etl serve``: runs handed to a warm server are the same runs, only faster
to start; anything wrong with the server makes the client run the job itself."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import PROJECT

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="etl serve is Linux-only")

ETL = [sys.executable, "-m", "etl.cli"]


def files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


class Server:
    """``etl serve --state STATE`` in a subprocess, ready when it says so."""

    def __init__(self, state: Path, cwd: Path | None = None, env: dict | None = None, *extra: str):
        self.proc = subprocess.Popen(
            [*ETL, "serve", "--state", str(state), *extra], cwd=cwd, env=env, stderr=subprocess.PIPE, text=True
        )
        line = self.proc.stderr.readline()
        assert "serving runs for" in line, line

    def log_line(self, timeout: float = 120) -> str:
        """The server's next line on stderr (its log), waiting at most ``timeout`` s."""
        if not hasattr(self, "_lines"):
            import queue
            import threading

            self._lines: queue.Queue = queue.Queue()
            threading.Thread(target=lambda: [self._lines.put(line) for line in self.proc.stderr], daemon=True).start()
        return self._lines.get(timeout=timeout)

    def stop(self) -> int:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
        return self.proc.wait(timeout=60)


@pytest.fixture
def server(tmp_path):
    servers: list[Server] = []

    def start(state: Path, *extra: str, env: dict | None = None) -> Server:
        servers.append(Server(state, None, env, *extra))
        return servers[-1]

    yield start
    for s in servers:
        s.stop()


def client(*args: str, cwd: Path | None = None, env: dict | None = None, **kw) -> subprocess.CompletedProcess:
    return subprocess.run([*ETL, *args], capture_output=True, cwd=cwd, env=env, timeout=300, **kw)


def served_run(tmp_path: Path, archive: Path, name: str) -> list[str]:
    return ["run", "--sources", str(archive), "--out", str(tmp_path / name), "--state", str(tmp_path / "state")]


def test_a_served_run_publishes_the_same_package_and_speaks_on_the_clients_stderr(tmp_path, archive, server):
    alone = client("run", "--sources", str(archive), "--out", str(tmp_path / "alone"), "--state", str(tmp_path / "s1"))
    assert alone.returncode == 0, alone.stderr
    srv = server(tmp_path / "state")
    served = client(*served_run(tmp_path, archive, "served"))
    assert served.returncode == 0, served.stderr
    assert b"published" in served.stderr  # the run's log line reached the client's stderr
    assert files(tmp_path / "served") == files(tmp_path / "alone")
    assert srv.proc.poll() is None  # still serving


def test_a_served_run_returns_the_runs_exit_code(tmp_path, archive, server):
    (archive / "empty.txt").write_bytes(b"")
    server(tmp_path / "state")
    result = client(*served_run(tmp_path, archive, "dist"), "--report", str(tmp_path / "report.json"))
    assert result.returncode == 3, result.stderr  # published, one page quarantined
    assert b"quarantined empty.txt" in result.stderr
    assert (tmp_path / "report.json").exists()
    missing = client("run", "--sources", str(tmp_path / "nowhere"), "--state", str(tmp_path / "state"), "--out", str(tmp_path / "d2"))
    assert missing.returncode == 1
    assert b"sources folder not found" in missing.stderr


def test_a_server_serves_only_its_own_state_folder(tmp_path, archive, server):
    srv = server(tmp_path / "state")
    other = client("run", "--sources", str(archive), "--out", str(tmp_path / "d"), "--state", str(tmp_path / "other"), "-v")
    assert other.returncode == 0
    assert (tmp_path / "d" / "datapackage.json").exists()
    assert srv.proc.poll() is None


def test_a_second_server_for_the_same_state_is_refused(tmp_path, server):
    server(tmp_path / "state")
    second = client("serve", "--state", str(tmp_path / "state"))
    assert second.returncode == 1
    assert b"already running" in second.stderr


def test_an_idle_server_exits_after_its_timeout(tmp_path, server):
    srv = server(tmp_path / "state", "--idle-timeout", "0.5")
    assert srv.proc.wait(timeout=30) == 0


def test_changed_code_makes_the_server_step_aside(tmp_path, archive):
    """A server must never run code that is no longer on disk: after a
    change to etl/ or schemas/ the client runs the job itself and the
    server exits."""
    project = tmp_path / "project"
    shutil.copytree(PROJECT / "etl", project / "etl", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(PROJECT / "schemas", project / "schemas")
    env = {**os.environ, "PYTHONPATH": str(project)}
    srv = Server(tmp_path / "state", project, env)
    try:
        args = ["run", "--sources", str(archive), "--state", str(tmp_path / "state"), "--out", str(tmp_path / "dist")]
        assert client(*args, cwd=project, env=env).returncode == 0
        assert srv.proc.poll() is None
        readme = project / "schemas" / "vocab" / "README.md"
        readme.write_text(readme.read_text(encoding="utf-8") + "\n", encoding="utf-8")
        codebook = project / "schemas" / "codebook.yaml"
        codebook.write_text(codebook.read_text(encoding="utf-8") + "\n# changed\n", encoding="utf-8")
        again = client(*args, cwd=project, env=env)
        assert again.returncode == 0, again.stderr  # ran in-process
        assert srv.proc.wait(timeout=30) == 0  # and the stale server left
    finally:
        srv.stop()


def test_killing_the_client_stops_the_served_run_and_keeps_the_package_whole(tmp_path, server):
    import filelock

    from bench.synthetic import write_archive
    from etl.validate import check_files

    archive = tmp_path / "sources"
    write_archive(archive, 50, seed=7)
    server(tmp_path / "state")
    first = client(*served_run(tmp_path, archive, "dist"))
    assert first.returncode == 0, first.stderr
    before = files(tmp_path / "dist")
    write_archive(tmp_path / "more", 800, seed=8)  # seconds of work: the kill lands mid-run
    for page in (tmp_path / "more").glob("*.txt"):
        page.rename(archive / f"more_{page.name}")
    victim = subprocess.Popen([*ETL, *served_run(tmp_path, archive, "dist")], stderr=subprocess.DEVNULL)
    time.sleep(0.5)
    victim.send_signal(signal.SIGKILL)
    victim.wait()
    # The served run notices that its client has gone and stops as Ctrl-C
    # would: once it lets go of the output lock, the old package is in place.
    with filelock.FileLock(str(tmp_path / ".dist.lock"), timeout=60):
        assert files(tmp_path / "dist") == before
    descriptor = json.loads((tmp_path / "dist" / "datapackage.json").read_text(encoding="utf-8"))
    assert check_files(tmp_path / "dist", descriptor) == []
    final = client(*served_run(tmp_path, archive, "dist"), "--report", str(tmp_path / "r.json"))
    assert final.returncode == 0, final.stderr
    report = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert report["table_rows"]["sources"] == 850


def test_the_warm_up_starts_no_polars_threads_so_forking_after_it_is_safe():
    """The server forks a child per run after warming up: polars' thread
    pool must not exist yet (a forked child would inherit a pool without its
    threads and hang at its first parallel query).  Run in a fresh
    interpreter; the pool's threads are named polars-N."""
    code = (
        "import os, polars as pl\n"
        "from etl import server\n"
        "server._warm_up()\n"
        "names = [open(f'/proc/self/task/{t}/comm').read().strip() for t in os.listdir('/proc/self/task')]\n"
        "print(sum(n.startswith('polars-') and n[7:].isdigit() for n in names))\n"
        "pl.Series(['2023-01-01']).str.to_date()  # a query: the pool starts\n"
        "names = [open(f'/proc/self/task/{t}/comm').read().strip() for t in os.listdir('/proc/self/task')]\n"
        "print(sum(n.startswith('polars-') and n[7:].isdigit() for n in names))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=PROJECT, capture_output=True, text=True, check=True).stdout.split()
    assert out[0] == "0", "the warm-up started polars' thread pool"
    assert int(out[1]) > 0  # the probe does see the pool once a query has run


def test_a_standby_child_readied_between_runs_serves_the_next_run(tmp_path, archive, server):
    """Between runs the server readies a standby child (forked, and warmed
    by a rehearsal run in a temporary folder): the next run is served by it,
    publishes the same package, and the rehearsal leaves nothing behind."""
    import re

    temp = tmp_path / "tmp"
    temp.mkdir()
    srv = server(tmp_path / "state", env={**os.environ, "TMPDIR": str(temp)})
    first = srv.log_line()
    assert "standby child ready" in first, first
    standby = int(re.search(r"pid (\d+)", first).group(1))
    assert list(temp.iterdir()) == []  # the rehearsal removed what it wrote

    result = client(*served_run(tmp_path, archive, "served"))
    assert result.returncode == 0, result.stderr
    assert srv.log_line().strip().endswith(f"run served by the standby child (pid {standby})")
    lines = result.stderr.decode().splitlines()  # the run's own log line, none of the rehearsal's
    assert len(lines) == 1 and lines[0].startswith(f"etl: INFO: published {tmp_path / 'served'}:"), lines
    alone = client("run", "--sources", str(archive), "--out", str(tmp_path / "alone"), "--state", str(tmp_path / "s1"))
    assert alone.returncode == 0
    assert files(tmp_path / "served") == files(tmp_path / "alone")

    # Once the run is over, the next standby; stopping the server stops it too.
    nxt = srv.log_line()
    assert "standby child ready" in nxt, nxt
    standby = int(re.search(r"pid (\d+)", nxt).group(1))
    assert srv.stop() == 0
    with pytest.raises(ProcessLookupError):
        os.kill(standby, 0)
    assert list(temp.iterdir()) == []
