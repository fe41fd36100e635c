"""The ``etl`` command's front door, and the client half of ``etl serve``.

Whatever a served run does before it reaches the server's socket is paid by
every scheduled run: the ``etl`` command starts here (``main``), and this
module imports only what connecting needs, not even argparse (``etl/cli.py``
with argparse, logging and pathlib took ~25 ms more to reach the socket).
It reads the state folder from the command line with a pre-parse that
understands plain command lines only and gives up on anything else
(argparse then reads it, and may still call a server).  The server parses
the command line with the real parser and refuses anything but a run for
its own state folder, so the pre-parse only picks which server to ask, never
what a server runs.

The protocol (the server's side is ``etl/server.py``): the client sends a
4-byte big-endian length and a JSON request (argv, cwd, environment and
identity) with its standard input, output and error as ``SCM_RIGHTS``
descriptors; the server answers one JSON line (accepted, stale or refused)
and, once the run is done, its exit code as a second line.
"""

from __future__ import annotations

import os
import sys

# C modules instead of their Python wrappers, to keep start-up short (CPython
# 3.11, python -X importtime): socket.py costs ~2.5 ms (its enums, selectors),
# json ~5 ms (it imports re), hashlib ~3.5 ms (it loads OpenSSL); these three
# ~0.5 ms together.
import _socket
from _json import encode_basestring_ascii as _json_string

try:
    from _sha256 import sha256  # CPython 3.11
except ImportError:  # 3.12 renamed it _sha2; hashlib finds either
    from hashlib import sha256

#: The server's first reply line when it takes the run.
ACCEPTED = b'{"status": "accepted"}\n'
#: Its last line: the run's exit code.
EXIT_CODE = b'{"exit_code": %d}\n'
#: How long a client waits for a server to accept its run before running it itself.
CONNECT_TIMEOUT = 2.0
#: ``etl run``'s default --state (etl/cli.py).
DEFAULT_STATE = ".state"
#: The long options of ``etl run`` (etl/cli.py; a test keeps them equal).
RUN_OPTIONS = frozenset(
    {"--sources", "--out", "--state", "--report", "--max-bytes", "--workers", "--engine",
     "--scheduler", "--wait", "--frictionless", "--quiet", "--verbose"}
)  # fmt: skip

PACKAGE_DIR = os.path.dirname(os.path.realpath(__file__))


def socket_name(state_dir: str | os.PathLike) -> bytes:
    """Abstract socket name for a state folder (one server per state)."""
    real = os.path.realpath(state_dir)
    return b"\0etl-serve-" + sha256(real.encode()).hexdigest()[:24].encode()


def identity() -> dict:
    """What client and server must share for a served run to be the same run."""
    return {"python": sys.executable or "", "package": PACKAGE_DIR}


def main(argv: list[str] | None = None) -> int:
    """The ``etl`` command (pyproject.toml, ``python -m etl.cli``): a plain
    ``etl run`` goes straight to its server; anything else, and a run that
    no server takes, to the full command line (etl/cli.py)."""
    argv = sys.argv[1:] if argv is None else list(argv)
    hint = state_hint(argv)
    if hint is not None:
        code = run_via_server(argv, hint)
        if code is not None:  # a warm server ran it
            return code
    from etl import cli

    return cli.main(argv, asked=hint)


def command() -> None:
    """The ``etl`` command as a process (the console script, ``python -m
    etl.cli``): ``main``, then the process ends without tearing down the
    interpreter.  That teardown only frees memory the process is about to
    give back, and its last garbage collection walks every object the
    libraries left (~0.2 s after a run that imported polars, pandera and
    frictionless).  What an exit must do is still done, in Python's order:
    the ``atexit`` handlers (libraries' clean-ups), then the flush of
    standard output and error.  Every thread the job starts has been joined
    by then (executors in ``with`` blocks, ``pipeline._remove_in_background``).
    An exception or ``SystemExit`` (argparse's usage errors and --help)
    leaves the ordinary way; Ctrl-C ends with exit code 1 and one line, never
    a traceback (an in-process run reports it itself: etl/cli.py)."""
    try:
        code = main()
    except KeyboardInterrupt:  # before a server took the run, or a second Ctrl-C while it stopped
        from etl.exitcodes import EXIT_FAILED

        print("etl: interrupted", file=sys.stderr)
        code = EXIT_FAILED
    import atexit

    run_exit_handlers = getattr(atexit, "_run_exitfuncs", None)  # (CPython's)
    if run_exit_handlers is None:  # elsewhere: the ordinary exit
        sys.exit(code)
    run_exit_handlers()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (BrokenPipeError, ValueError):  # a reader gone, a closed stream: nothing left to write to
            pass
    os._exit(code)


def state_hint(argv: list[str]) -> str | None:
    """The --state of a plain ``etl run`` command line, read without argparse.

    None for anything else: another command, help, ``--``, options it does
    not know by their full name (argparse accepts abbreviations: ``--stat``
    is --state), a --state value that starts with "-", --state twice.  It
    need not catch every usage error: a server refuses a command line that
    argparse rejects, and the client then runs the full path."""
    if not argv or argv[0] != "run":
        return None
    state = None
    rest = iter(argv[1:])
    for arg in rest:
        if not arg.startswith("-") or arg in ("-q", "-v"):
            continue  # an option's value, or a flag that leaves --state alone
        name, has_value, value = arg.partition("=")
        if name not in RUN_OPTIONS:
            return None
        if name == "--state":
            if state is not None:
                return None
            if not has_value:
                value = next(rest, "")
            if not value or value.startswith("-"):
                return None
            state = value
    return DEFAULT_STATE if state is None else state


def run_via_server(argv: list[str], state_dir: str | os.PathLike) -> int | None:
    """Hand ``etl run`` to a server for ``state_dir``; its exit code, or None
    when no usable server answers (the caller then runs the job itself)."""
    if not sys.platform.startswith("linux") or os.environ.get("ETL_NO_SERVER"):
        return None
    sock = _socket.socket(_socket.AF_UNIX, _socket.SOCK_STREAM)
    try:
        sock.settimeout(CONNECT_TIMEOUT)
        sock.connect(socket_name(state_dir))
        request = _request(argv)
        message = len(request).to_bytes(4, "big") + request
        # SCM_RIGHTS carries an array of C ints (4 bytes on Linux).
        fds = b"".join(fd.to_bytes(4, sys.byteorder) for fd in (0, 1, 2))
        sent = sock.sendmsg([message], [(_socket.SOL_SOCKET, _socket.SCM_RIGHTS, fds)])
        sock.sendall(message[sent:])
        replies = _Replies(sock)
        if replies.line() != ACCEPTED:
            return None  # stale or refused: run in-process
        sock.settimeout(None)  # a run takes as long as it takes
        try:
            final = replies.line()
        except KeyboardInterrupt:
            # Ctrl-C reaches this process only (the run's process belongs
            # to the server).  Tell the run to stop: it interrupts itself
            # when the client stops sending (server._interrupt_when_client_leaves),
            # says so on our stderr as an in-process run would, and sends
            # its exit code, which we wait for.  A second Ctrl-C leaves at once.
            sock.shutdown(_socket.SHUT_WR)
            final = replies.line()
        prefix, suffix = EXIT_CODE.split(b"%d")
        if not (final.startswith(prefix) and final.endswith(suffix)):
            raise ValueError(f"unexpected reply {final!r}")
        return int(final[len(prefix) : -len(suffix)])
    except (OSError, ValueError):
        return None
    finally:
        sock.close()


def _request(argv: list[str]) -> bytes:
    """The request as ``json.dumps`` writes it (a server started from an
    older ``etl`` still reads it, finds the code changed and steps aside),
    written with json's C string encoder: non-ASCII and undecodable
    (surrogate-escaped) characters become escapes that ``json.loads`` turns
    back into the same strings."""
    env = ", ".join(f"{_json_string(k)}: {_json_string(v)}" for k, v in os.environ.items())
    fields = [
        f'"argv": [{", ".join(map(_json_string, argv))}]',
        f'"cwd": {_json_string(os.getcwd())}',
        f'"env": {{{env}}}',
        *(f'"{k}": {_json_string(v)}' for k, v in identity().items()),
    ]
    return ("{" + ", ".join(fields) + "}").encode("ascii")


class _Replies:
    """The server's reply lines, newline included, one per ``line()``: both
    may arrive in one read when the run ends before the client has read the
    first.  (A class, not a generator: reading goes on after a Ctrl-C
    interrupted a read.)"""

    def __init__(self, sock):
        self.sock = sock
        self.buffer = b""

    def line(self) -> bytes:
        while b"\n" not in self.buffer:
            chunk = self.sock.recv(4096)
            if not chunk:
                raise ValueError("server closed the connection")
            self.buffer += chunk
        line, self.buffer = self.buffer.split(b"\n", 1)
        return line + b"\n"
