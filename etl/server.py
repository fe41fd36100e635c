"""``etl serve``: keep the job's imports warm so scheduled runs start at once.

Every ``etl run`` that publishes pays about 0.5 s besides its work: starting
Python, importing polars, pandera and frictionless, and frictionless' first
descriptor check (about 1 s where the dependencies' bytecode is not written).  On a scheduled incremental run that adds a few pages,
that fixed cost is most of the run.  ``etl serve`` pays it once and then stays idle; an ``etl run`` (from
cron, CI or a shell) that finds a server for its state folder hands its
command line to it instead of starting the job itself.

How a run is served (the fork-server pattern of ``multiprocessing``'s
forkserver and of Android's zygote):

1. The client (``etl run``, ``etl/client.py``) connects to the server's
   socket and sends its arguments, working directory and environment, and
   its standard input, output and error as file descriptors (``SCM_RIGHTS``).
   The server parses the arguments with the command line's own parser and
   refuses anything but an ``etl run`` for its state folder (the client finds
   the server from a quick pre-parse of its arguments, a hint only).
2. The server forks.  The child takes the client's descriptors as its own
   0/1/2, its directory and environment, and runs exactly the code path of an
   in-process ``etl run`` (``etl.cli.main``): same locks, same crash safety,
   same output, same progress bar on the client's terminal.
3. The child sends the exit code back; the client exits with it.

A server serves only the state folder it was started for, only clients of
the same user (``SO_PEERCRED``), the same Python and the same ``etl``
package, and only while ``etl/`` and ``schemas/`` on disk are the code it
loaded (and no compiled extractor has been built since it loaded the Python
one): when they change it answers "stale" and exits, and the client runs
the job itself.  Any failure to reach a server is silent: the client runs
the job in-process, so a server is an accelerator, never a dependency.

If the client stops sending (Ctrl-C: it half-closes the connection and
waits for the exit code) or dies (SIGKILL), the child sees it and
interrupts itself as Ctrl-C would: the run stops, nothing is published.

The socket is in Linux's abstract namespace (no file to go stale; it
vanishes with the server), named after the state folder's real path.
"""

from __future__ import annotations

import contextlib
import functools
import io
import json
import logging
import os
import signal
import socket
import struct
import sys
import threading
import time
from pathlib import Path

from etl.client import ACCEPTED, CONNECT_TIMEOUT, EXIT_CODE, identity, socket_name

#: Bytes of the request header's length prefix.
_LENGTH = struct.Struct("!I")
_MAX_REQUEST = 1 << 20

log = logging.getLogger("etl.serve")


class ServeError(Exception):
    """``etl serve`` cannot start (another server, unsupported platform)."""


def serve(state_dir: Path, idle_timeout: float = 0.0, ready=None) -> int:
    """Serve runs for ``state_dir`` until SIGTERM/SIGINT, until the code on
    disk changes, or after ``idle_timeout`` seconds without a run (0: never).
    ``ready`` (a callable) is called once the socket listens."""
    if not sys.platform.startswith("linux"):
        raise ServeError("etl serve needs Linux (abstract Unix sockets, SCM_RIGHTS)")
    _warm_up()
    from etl import native
    from etl.state import extractor_fingerprint

    loaded = (extractor_fingerprint(), native.status() == "compiled")
    state_real = os.path.realpath(state_dir)
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        listener.bind(socket_name(state_dir))
    except OSError:
        listener.close()
        raise ServeError(f"a server for {state_dir} is already running") from None
    listener.listen(16)
    listener.settimeout(0.2)  # wake up to reap children, ready a standby and check the idle time
    stop = threading.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: stop.set())
    if ready:
        ready()
    last_run = time.monotonic()
    children: set[int] = set()
    standby: _Standby | None = None
    try:
        while not stop.is_set():
            _reap(children)
            if idle_timeout and not children and time.monotonic() - last_run > idle_timeout:
                break
            if standby is None and not children and STANDBY:
                standby = _Standby.start(listener)
            elif standby is not None:
                standby.ready()  # (logs it once it is)
            try:
                conn, _ = listener.accept()
            except (TimeoutError, InterruptedError):
                continue
            last_run = time.monotonic()
            with conn:
                verdict = _admit(conn, loaded, state_real)
                if verdict is None:
                    continue
                request, fds = verdict
                if request.get("stale"):
                    conn.sendall(b'{"status": "stale"}\n')
                    break  # the code changed under us: the next server must load it
                pid = standby.hand_over(conn, request, fds) if standby is not None else None
                if pid is not None:
                    log.info("run served by the standby child (pid %d)", pid)
                else:  # no standby ready: fork a child for this run
                    if standby is not None:
                        standby.discard()
                    pid = _fork(listener, lambda: _serve_one(conn, request, fds))
                    log.info("run served by a new child (pid %d)", pid)
                standby = None
                children.add(pid)
                for fd in fds:
                    os.close(fd)
    finally:
        if standby is not None:
            standby.discard()
        listener.close()
        for pid in children:  # let running runs finish: they hold their own locks
            try:
                os.waitpid(pid, 0)
            except ChildProcessError:
                pass
    return 0


def _fork(listener: socket.socket, child) -> int:
    """Fork; the child closes the listener and runs ``child()``, which never returns."""
    sys.stdout.flush()  # nothing buffered may be written twice
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:
        listener.close()
        child()
        os._exit(1)  # (not reached)
    return pid


#: Ready a standby child between runs (see _Standby).
STANDBY = True


class _Standby:
    """A child forked while the server is idle, which rehearses a run and
    then waits for the next request.

    A forked child pays for its first touches of the server's memory (page
    faults copying what it writes: reference counts, caches, polars' and
    SQLite's first use): ~40 ms of a run that adds one page to 400.  The
    standby pays them before the request comes, by running the job on a
    one-page archive in a temporary folder (``_rehearse``).  It is forked
    only when no run is in progress, so it never competes with one.  A
    request that comes before it is ready does not wait: the standby is
    killed and the run forked as without it.  Runs minutes apart (a
    scheduler's) find it ready; runs back to back, none."""

    def __init__(self, pid: int, channel: socket.socket, folder: str):
        self.pid, self.channel, self.folder = pid, channel, folder
        self._ready = False

    @classmethod
    def start(cls, listener: socket.socket) -> _Standby:
        import tempfile

        folder = tempfile.mkdtemp(prefix="etl-standby-")
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
        pid = _fork(listener, lambda: (ours.close(), _standby_main(theirs, Path(folder))))
        theirs.close()
        return cls(pid, ours, folder)

    def ready(self) -> bool:
        """Whether the rehearsal is over (the child says so with one byte)."""
        if not self._ready:
            try:
                self._ready = self.channel.recv(1, socket.MSG_DONTWAIT) == b"R"
            except (BlockingIOError, OSError):
                pass
            if self._ready:
                log.info("standby child ready (pid %d)", self.pid)
        return self._ready

    def hand_over(self, conn: socket.socket, request: dict, fds: list[int]) -> int | None:
        """Give the request (and the client's connection) to the standby;
        its pid, or None when it is not ready (or gone)."""
        if not self.ready():
            return None
        payload = json.dumps(request, ensure_ascii=False).encode()
        try:
            socket.send_fds(self.channel, [_LENGTH.pack(len(payload)) + payload], [*fds, conn.fileno()])
        except OSError:
            self.discard()
            return None
        self.channel.close()
        return self.pid

    def discard(self) -> None:
        """Stop the standby (mid-rehearsal or waiting) and clean up after it."""
        import shutil

        try:
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
        except (ProcessLookupError, ChildProcessError):
            pass
        self.channel.close()
        shutil.rmtree(self.folder, ignore_errors=True)


def _standby_main(channel: socket.socket, folder: Path) -> None:
    """In the standby child: rehearse, say so, wait for a request, serve it."""
    try:
        _rehearse(folder)
    except Exception:  # a failed rehearsal only leaves the standby colder
        pass
    try:
        channel.sendall(b"R")
        data, fds, _, _ = socket.recv_fds(channel, 65536, 4)
        if not data or len(fds) != 4:  # the server has gone, or discards us
            os._exit(0)
        body = _message_body(channel, data)  # (cut off: ValueError, exit 1 below)
        channel.close()
        conn = socket.socket(fileno=fds[3])
        _serve_one(conn, json.loads(body), fds[:3])  # (never returns)
    except BaseException:
        pass
    os._exit(1)


def _rehearse(folder: Path) -> None:
    """Run the job on one page in ``folder`` (its own sources, package and
    state), output discarded, then remove what it wrote."""
    import shutil

    from etl import cli

    sources = folder / "sources"
    sources.mkdir()
    (sources / "rehearsal.txt").write_text(
        "2022年1月-11月，全区城镇新增就业1.2万人，完成目标任务的113.74%；高校毕业生就业率92.5%。\n", encoding="utf-8"
    )
    argv = ["run", "--sources", str(sources), "--out", str(folder / "dist"), "--state", str(folder / "state"), "-q"]
    devnull = os.open(os.devnull, os.O_WRONLY)
    saved = os.dup(2)
    os.dup2(devnull, 2)  # -q prints only errors; not even those reach the server's stderr
    try:
        cli.main(argv, use_server=False)
    finally:
        sys.stderr.flush()  # what the rehearsal wrote goes to /dev/null, not later to the server's stderr
        os.dup2(saved, 2)
        os.close(saved)
        os.close(devnull)
        shutil.rmtree(folder, ignore_errors=True)


def _warm_up() -> None:
    """Import everything a run imports, and load the rules, before forking.

    Nothing here may start polars' thread pool: threads do not survive a
    fork, so polars must first compute in the child."""
    import etl.engines  # noqa: F401
    import etl.pipeline  # noqa: F401
    import etl.validate  # noqa: F401
    import frictionless  # noqa: F401
    from etl import validate
    from etl.page import warm_up

    _run_parser()  # etl.cli and argparse, for the runs and for checking requests
    warm_up()
    # pandera's schemas built, frictionless' descriptor machinery warm: paid
    # here once rather than in every run.
    problems = validate.warm_up_checks()
    if problems:  # the schemas themselves are broken: runs will say so; serving is still fine
        print(f"etl serve: warm-up descriptor check: {problems[0]}", file=sys.stderr)


def _code_on_disk() -> tuple[str, bool]:
    """The code a run started now would load: the fingerprint of ``etl/``
    and ``schemas/``, and whether a compiled build of it is there to load
    (etl/native.py).  A server whose children would run other code, or the
    Python extractor when a compiled one has been built since, is stale."""
    from etl import native
    from etl.state import extractor_fingerprint

    extractor_fingerprint.cache_clear()
    return extractor_fingerprint(), native.enabled() and native.Finder().folder() is not None


def _admit(conn: socket.socket, loaded: tuple[str, bool], state_real: str) -> tuple[dict, list[int]] | None:
    """Read and check one request; None when it is refused."""
    conn.settimeout(CONNECT_TIMEOUT)
    fds: list[int] = []
    try:
        _pid, uid, _gid = struct.unpack("3i", conn.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED, 12))
        data, fds, _, _ = socket.recv_fds(conn, 65536, 3)
        if uid != os.getuid():
            raise ValueError(f"client uid {uid} is not the server's")
        request = json.loads(_message_body(conn, data, _MAX_REQUEST))
        if len(fds) != 3:
            raise ValueError("expected stdin, stdout and stderr")
        if not isinstance(request, dict) or {k: request.get(k) for k in identity()} != identity():
            raise ValueError("another Python or etl package")
        request["stale"] = _code_on_disk() != loaded
        if not request["stale"]:  # (a stale server must step aside, whatever the request)
            _check_run(request, state_real)
    except (OSError, ValueError) as e:
        for fd in fds:
            os.close(fd)
        try:
            conn.sendall(json.dumps({"status": "refused", "reason": str(e)}).encode() + b"\n")
        except OSError:
            pass
        return None
    if request["stale"]:
        for fd in fds:
            os.close(fd)
    return request, fds


def _message_body(sock: socket.socket, data: bytes, limit: int | None = None) -> bytes:
    """The body of a length-prefixed message (``_LENGTH``, then the body)
    whose first bytes ``data`` came with its descriptors (``recv_fds``): the
    rest is read from ``sock``.  ValueError when it is short, over ``limit``
    or cut off."""
    if len(data) < _LENGTH.size:
        raise ValueError("short request")
    (length,) = _LENGTH.unpack_from(data)
    if limit is not None and length > limit:
        raise ValueError("request too large")
    body = data[_LENGTH.size :]
    while len(body) < length:
        chunk = sock.recv(min(65536, length - len(body)))
        if not chunk:
            raise ValueError("truncated request")
        body += chunk
    return body


@functools.cache
def _run_parser():
    from etl.cli import _parser

    return _parser()


def _check_run(request: dict, state_real: str) -> None:
    """Raise ValueError unless the request is an ``etl run`` that argparse
    accepts, for this server's state folder.  The client chose this server
    from a pre-parse of its command line (etl/client.py); argparse has the
    last word.  A refused client runs the full path itself, which prints
    argparse's usage errors and help where they belong: on its own terminal."""
    argv, cwd = request.get("argv"), request.get("cwd")
    if not (isinstance(argv, list) and all(isinstance(a, str) for a in argv) and isinstance(cwd, str)):
        raise ValueError("malformed request")
    try:
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            args = _run_parser().parse_args(argv)
    except SystemExit:  # a usage error, --help, --version
        raise ValueError("not a command line to serve") from None
    if args.command != "run":
        raise ValueError(f"not an etl run: {args.command}")
    if os.path.realpath(os.path.join(cwd, args.state)) != state_real:
        raise ValueError(f"a run for another state folder: {args.state}")


def _reap(children: set[int]) -> None:
    for pid in list(children):
        done, _ = os.waitpid(pid, os.WNOHANG)
        if done:
            children.discard(pid)


def _serve_one(conn: socket.socket, request: dict, fds: list[int]) -> None:
    """In the forked child: become the client's ``etl run`` and exit."""
    code = 1
    try:
        for sig in (signal.SIGTERM, signal.SIGINT):
            signal.signal(sig, signal.default_int_handler if sig == signal.SIGINT else signal.SIG_DFL)
        for target, fd in enumerate(fds):
            os.dup2(fd, target)
            os.close(fd)
        os.chdir(request["cwd"])
        os.environ.clear()
        os.environ.update(request["env"])
        import logging

        logging.root.handlers.clear()  # the run configures logging for its own stderr
        conn.settimeout(None)
        conn.sendall(ACCEPTED)
        threading.Thread(target=_interrupt_when_client_leaves, args=(conn,), daemon=True).start()
        from etl import cli

        try:
            code = cli.main(request["argv"], use_server=False)
        except SystemExit as e:  # argparse usage errors
            code = e.code if isinstance(e.code, int) else 1
        sys.stdout.flush()
        sys.stderr.flush()
        conn.sendall(EXIT_CODE % code)
    except BaseException:
        code = 1
    finally:
        os._exit(code)


def _interrupt_when_client_leaves(conn: socket.socket) -> None:
    """The client sends nothing after its request: a read returning means it
    has gone (Ctrl-C, killed), so stop the run as Ctrl-C would."""
    try:
        conn.recv(1)
    except OSError:
        pass
    os.kill(os.getpid(), signal.SIGINT)
