"""``etl serve``: runs handed to a warm server are the same runs, only faster
to start; anything wrong with the server makes the client run the job itself."""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
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


#: ``etl`` as the console script runs it, telling on stderr which servers it
#: asked (state, exit code or None) and whether argparse or the modules of
#: the full command line were loaded by then.  ``HINT``, when given, replaces
#: the pre-parse's answer.
SPY = """
import sys
from etl import client

asked = []
real = client.run_via_server

def spy(argv, state):
    loaded = sorted({"argparse", "json", "socket", "hashlib", "logging", "etl.cli", "etl.server"} & set(sys.modules))
    code = real(argv, state)
    asked.append([str(state), code, loaded])
    return code

client.run_via_server = spy
if HINT:
    client.state_hint = lambda argv: HINT
try:
    sys.exit(client.main(sys.argv[1:]))
finally:  # also after argparse's SystemExit
    import json
    print("asked:", json.dumps(asked), file=sys.stderr)
"""


def spied(*args: str, hint: str | None = None, env: dict | None = None) -> tuple[subprocess.CompletedProcess, list]:
    code = f"HINT = {hint!r}\n{SPY}"
    result = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, env=env, cwd=PROJECT, timeout=300, text=True)
    *output, last = result.stderr.rstrip("\n").split("\n")
    assert last.startswith("asked: "), result.stderr
    result.stderr = "\n".join(output) + "\n" if output else ""
    return result, json.loads(last.removeprefix("asked: "))


@pytest.mark.parametrize("state_option", [["--state", "{}"], ["--state={}"], ["--stat", "{}"]])
def test_a_plain_run_reaches_its_server_before_argparse_is_loaded(tmp_path, archive, server, state_option):
    server(tmp_path / "state")
    state = str(tmp_path / "state")
    args = ["run", "--sources", str(archive), "--out", str(tmp_path / "dist"), *(o.format(state) for o in state_option)]
    result, asked = spied(*args)
    assert result.returncode == 0, result.stderr
    [(asked_state, code, loaded)] = asked  # one server asked, and it ran the job
    assert (asked_state, code) == (state, 0)
    if state_option[0] == "--stat":  # an abbreviation: the pre-parse gives up, argparse finds the server
        assert "argparse" in loaded
    else:
        assert loaded == []
    assert (tmp_path / "dist" / "datapackage.json").exists()


def test_a_request_for_another_state_is_refused_and_runs_in_process(tmp_path, archive, server):
    """The pre-parse only picks the server to ask: a server refuses a command
    line whose --state, as argparse reads it, is not its own, and the client
    then runs the job itself with the state argparse read."""
    srv = server(tmp_path / "served")
    args = ["run", "--sources", str(archive), "--out", str(tmp_path / "dist"), "--state", str(tmp_path / "other")]
    result, asked = spied(*args, hint=str(tmp_path / "served"))  # a wrong hint
    assert result.returncode == 0, result.stderr
    # Refused by the hinted server; no server for the state argparse read: in-process.
    assert [(state, code) for state, code, _ in asked] == [(str(tmp_path / "served"), None), (str(tmp_path / "other"), None)]
    assert (tmp_path / "dist" / "datapackage.json").exists()
    assert any((tmp_path / "other").iterdir())
    assert not (tmp_path / "served").exists()
    assert srv.proc.poll() is None


@pytest.mark.parametrize(
    "argv",
    [
        ["run", "--state", "{state}", "--workers", "many"],  # a usage error
        ["run", "--state", "{state}", "--help"],
        ["run", "--state", "{state}", "--state", "{other}"],  # argparse keeps the last
        ["run", "--state", "{other}"],
        ["serve", "--state", "{state}"],
        ["extract", "-"],
    ],
)
def test_a_server_refuses_what_argparse_does_not_read_as_a_run_for_its_state(tmp_path, server, argv):
    from etl import client

    srv = server(tmp_path / "state")
    argv = [a.format(state=tmp_path / "state", other=tmp_path / "other") for a in argv]
    assert client.run_via_server(argv, tmp_path / "state") is None
    assert srv.proc.poll() is None
    assert not (tmp_path / "other").exists()


def test_a_usage_error_prints_argparses_usage_and_exits_2_whether_a_server_runs_or_not(tmp_path, server):
    args = ["run", "--state", str(tmp_path / "state"), "--workers", "many"]
    alone, asked_alone = spied(*args)
    server(tmp_path / "state")
    served, asked_served = spied(*args)
    assert alone.returncode == served.returncode == 2
    assert alone.stderr == served.stderr
    assert "usage: etl" in served.stderr
    assert "etl: error: argument --workers: invalid int value: 'many'" in served.stderr
    assert [code for _, code, _ in asked_served] == [None]  # refused by the server, then argparse's error


def test_the_request_is_what_json_dumps_writes(monkeypatch):
    """A server started from an older etl reads the request with json.loads
    (and then sees that the code changed and steps aside)."""
    from etl import client

    monkeypatch.setenv("ETL_TEST_VALUE", "日本 \"q\" \\ \t\udcff")
    argv = ["run", "--state", "状态/\udce9", "--out", 'a"b']
    expected = json.dumps({"argv": argv, "cwd": os.getcwd(), "env": dict(os.environ), **client.identity()})
    assert client._request(argv) == expected.encode()
    assert json.loads(client._request(argv))["env"]["ETL_TEST_VALUE"] == os.environ["ETL_TEST_VALUE"]


def test_the_exit_code_is_read_when_both_replies_arrive_at_once(tmp_path):
    """A run can end before the client has read "accepted": both lines then
    arrive in one read, and the client must still take the exit code rather
    than run the job a second time."""
    from etl import client

    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(client.socket_name(tmp_path / "state"))
    listener.listen(1)

    def serve_one():
        conn, _ = listener.accept()
        with conn:
            _, fds, _, _ = socket.recv_fds(conn, 1 << 20, 3)
            for fd in fds:
                os.close(fd)
            conn.sendall(client.ACCEPTED + client.EXIT_CODE % 3)
            conn.recv(1)  # until the client has gone

    fake = threading.Thread(target=serve_one)
    fake.start()
    try:
        assert client.run_via_server(["run"], tmp_path / "state") == 3
    finally:
        fake.join(timeout=10)
        listener.close()


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


def test_a_compiled_extractor_built_since_the_server_started_makes_it_stale(monkeypatch):
    """What a server compares before each run (etl.server._code_on_disk):
    the code's fingerprint and whether a compiled build of it is there.  A
    server that loaded the Python extractor steps aside once one is built,
    so that the service manager's restart loads it."""
    from etl import native, server

    monkeypatch.setenv(native.DISABLE_VARIABLE, "1")
    monkeypatch.setattr(native.Finder, "folder", lambda self: None)
    before = server._code_on_disk()
    monkeypatch.setattr(native.Finder, "folder", lambda self: "/a/build")
    after = server._code_on_disk()
    assert before[0] == after[0] and (before[1], after[1]) == (False, True)
    monkeypatch.setenv(native.DISABLE_VARIABLE, "0")  # turned off: a build changes nothing
    assert server._code_on_disk() == before


def published_then_grown(tmp_path: Path, srv: Server) -> tuple[Path, dict[str, bytes]]:
    """A 50-page archive published by a run that ``srv`` served, then 800
    more pages added: the next run has seconds of work, so a signal sent to
    its client lands mid-run.  The archive and the published files."""
    from bench.synthetic import write_archive

    archive = tmp_path / "sources"
    write_archive(archive, 50, seed=7)
    first = client(*served_run(tmp_path, archive, "dist"))
    assert first.returncode == 0, first.stderr
    before = files(tmp_path / "dist")
    write_archive(tmp_path / "more", 800, seed=8)
    for page in (tmp_path / "more").glob("*.txt"):
        page.rename(archive / f"more_{page.name}")
    return archive, before


def test_killing_the_client_stops_the_served_run_and_keeps_the_package_whole(tmp_path, server):
    import filelock

    from etl.validate import check_files

    archive, before = published_then_grown(tmp_path, server(tmp_path / "state"))
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


def test_ctrl_c_in_the_client_stops_the_served_run_as_it_stops_one_in_process(tmp_path, server):
    """Ctrl-C reaches the client only (the run's process is the server's
    child): the client tells the run to stop and waits for it, so the user
    sees what an in-process run prints, exit code 1, no traceback."""
    import filelock

    srv = server(tmp_path / "state")
    archive, before = published_then_grown(tmp_path, srv)
    interrupted = subprocess.Popen([*ETL, *served_run(tmp_path, archive, "dist")], stderr=subprocess.PIPE)
    while "served by" not in srv.log_line():  # the server has handed the run to a child
        pass
    time.sleep(0.5)
    interrupted.send_signal(signal.SIGINT)
    _, stderr = interrupted.communicate(timeout=60)
    assert interrupted.returncode == 1
    assert b"etl: interrupted; the published package is unchanged" in stderr  # the run's own words
    assert b"Traceback" not in stderr
    with filelock.FileLock(str(tmp_path / ".dist.lock"), timeout=60):
        assert files(tmp_path / "dist") == before


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
    lines = [  # the run's own log line, none of the rehearsal's (and not the note that the
        # extractor is not the compiled one, when etl/ was edited since it was built)
        line for line in result.stderr.decode().splitlines() if not line.startswith("etl: INFO: extractor:")
    ]
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
