"""What a run may replace or write into: the checks on ``--out`` and ``--state``.

A run replaces ``--out`` whole (the swap in ``etl.package.publish``) and writes its
cache into ``--state``, so before anything is created, locked or moved,
``check_run_paths`` makes sure neither can destroy anything the user owns:

* ``--out`` may be absent, an empty folder, or a package this job
  published: a folder holding the package marker ``PACKAGE_MARKER`` (written
  into every package the job publishes, whichever state folder published
  it) and nothing but the files a package has (``datapackage.json``,
  ``README.md``, ``index.html``, ``data/<table>.csv|.parquet``);
* ``--state`` may be absent, an empty folder, or a state folder of this job:
  nothing in it but the state's own files (``STATE_FILES``; a state folder
  carries ``STATE_MARKER``, written when the run creates or adopts it);
* neither may be a file, a symbolic link, the filesystem root, the current
  folder or a folder above it, the sources folder, the other one, or any
  folder inside or above those.

Anything else is refused (``Refused``: a usage error, exit 2) naming the
problem, and nothing is touched.  A missing sources folder fails the same
way before anything is created (``SourcesMissing``, exit 1).

The run's own scratch folders beside ``--out`` (staging, spill) carry a
marker from the moment they are created (``make_job_dir``), so that
``recover`` after a killed run removes only folders the job made.
"""

from __future__ import annotations

import json
import logging
import os
import re
import shutil
from pathlib import Path

from etl.package import publish

log = logging.getLogger("etl")

#: In every package the job publishes (deterministic: no run, time or state in it).
PACKAGE_MARKER = ".etl-package"
#: In every state folder the job uses.
STATE_MARKER = ".etl-state"
#: In the run's spill folder (the staging folder carries PACKAGE_MARKER).
SCRATCH_MARKER = ".etl-scratch"

#: The marker's content: the job and the layout of what it marks.
JOB = "cn-news-figures-etl"
FORMAT_VERSION = 1

#: Files of a state folder (etl.batch.state; the lock is etl.batch.pipeline's).
STATE_FILES = frozenset(
    {STATE_MARKER, "pages.sqlite", "pages.sqlite-wal", "pages.sqlite-shm", "pages.sqlite-journal", "run.lock"}
)

#: Files of a published package besides the marker (etl.package.publish).
PACKAGE_FILES = frozenset({"datapackage.json", "README.md", "index.html"})
_DATA_FILE = re.compile(r"[a-z0-9_]+(-\d{3})?\.(csv|parquet)")


class Refused(Exception):
    """``--out`` or ``--state`` may not be used: a usage error, nothing touched."""


class SourcesMissing(Exception):
    """The sources folder does not exist: the run fails before it starts."""


def marker_text(kind: str) -> str:
    return json.dumps({"job": JOB, "kind": kind, "format": FORMAT_VERSION}, sort_keys=True) + "\n"


def _has_marker(folder: Path, name: str, kind: str) -> bool:
    path = folder / name
    try:
        if path.is_symlink() or not path.is_file() or path.stat().st_size > 4096:
            return False
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(data, dict) and data.get("job") == JOB and data.get("kind") == kind


def write_marker(folder: Path, name: str, kind: str) -> None:
    (folder / name).write_text(marker_text(kind), encoding="utf-8")


def make_job_dir(folder: Path, kind: str = "scratch") -> None:
    """Create a folder of the run's own (staging: ``kind='package'``, whose
    marker becomes the published package's; spill: ``scratch``), marked
    from the start so that ``recover`` knows it for the job's."""
    folder.mkdir(parents=True, exist_ok=False)
    write_marker(folder, PACKAGE_MARKER if kind == "package" else SCRATCH_MARKER, kind)


_SPILL_FILE = re.compile(r"[a-z0-9_]+-(\d{6}(\.unchecked)?|merged)\.arrow")


def is_job_dir(folder: Path) -> bool:
    """A real folder the job made: one with its marker (a package, staging
    or spill folder), or one holding nothing but files named as the job
    names them (a package's files, or spilled chunks: folders left by
    versions that wrote no marker)."""
    if folder.is_symlink() or not folder.is_dir():
        return False
    if _has_marker(folder, PACKAGE_MARKER, "package") or _has_marker(folder, SCRATCH_MARKER, "scratch"):
        return True
    try:
        entries = os.listdir(folder)
        if entries and all(_is_cut_marker(folder, e) for e in entries):
            return True
        if entries and not _foreign_package_entries(folder):
            return True
    except OSError:
        return False
    return bool(entries) and all(_SPILL_FILE.fullmatch(e) and (folder / e).is_file() and not (folder / e).is_symlink() for e in entries)


def _is_cut_marker(folder: Path, entry: str) -> bool:
    """``entry`` is a marker the job began to write and was killed writing
    (``make_job_dir`` creates the folder, then the marker: a run killed in
    between leaves it empty or cut short); its text is a start of the job's."""
    kinds = {PACKAGE_MARKER: "package", SCRATCH_MARKER: "scratch"}
    path = folder / entry
    if entry not in kinds or path.is_symlink() or not path.is_file() or path.stat().st_size > 4096:
        return False
    try:
        return marker_text(kinds[entry]).startswith(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False


def _real(path: Path) -> Path:
    return Path(os.path.realpath(path))


def _inside(a: Path, b: Path) -> bool:
    """``a`` is ``b`` or inside it (both real, absolute)."""
    return a == b or b in a.parents


def _foreign_package_entries(folder: Path) -> list[str]:
    """Entries of ``folder`` that are not files of a published package."""
    foreign = []
    for entry in sorted(os.listdir(folder)):
        path = folder / entry
        if entry == PACKAGE_MARKER or entry in PACKAGE_FILES:
            if path.is_symlink() or not path.is_file():
                foreign.append(entry)
        elif entry == "data" and path.is_dir() and not path.is_symlink():
            for name in sorted(os.listdir(path)):
                p = path / name
                if not _DATA_FILE.fullmatch(name) or p.is_symlink() or not p.is_file():
                    foreign.append(f"data/{name}")
        else:
            foreign.append(entry)
    return foreign


def _foreign_state_entries(folder: Path) -> list[str]:
    return [e for e in sorted(os.listdir(folder)) if e not in STATE_FILES or not (folder / e).is_file() or (folder / e).is_symlink()]


def _named(entries: list[str]) -> str:
    shown = ", ".join(entries[:5])
    return shown + (f" and {len(entries) - 5} more" if len(entries) > 5 else "")


def _check_place(option: str, path: Path, real: Path) -> None:
    """The checks common to ``--out`` and ``--state``: what the path is."""
    if path.is_symlink():
        raise Refused(f"{option} {path}: is a symbolic link; give the folder itself")
    if real == Path(real.anchor):
        raise Refused(f"{option} {path}: is the filesystem root")
    cwd = _real(Path.cwd())
    if _inside(cwd, real):
        what = "the current folder" if cwd == real else f"a folder above the current folder ({cwd})"
        raise Refused(f"{option} {path}: is {what}")
    if path.exists() and not path.is_dir():
        raise Refused(f"{option} {path}: is a file, not a folder")


def _check_apart(option: str, path: Path, real: Path, others: dict[str, Path]) -> None:
    """``--out`` or ``--state`` apart from the other folders of the run."""
    for name, other in others.items():
        if real == other:
            raise Refused(f"{option} {path}: is the {name} folder")
        if _inside(real, other):
            raise Refused(f"{option} {path}: is inside the {name} folder {other}")
        if _inside(other, real):
            raise Refused(f"{option} {path}: holds the {name} folder {other}")


def check_run_paths(sources: Path, out: Path, state: Path) -> None:
    """Refuse (``Refused``) an ``out`` or ``state`` the run may not replace
    or write into, and fail (``SourcesMissing``) without sources; creates,
    locks and moves nothing."""
    if not sources.is_dir():
        raise SourcesMissing(f"{sources}: sources folder not found")
    src, real_out, real_state = _real(sources), _real(out), _real(state)
    _check_place("--out", out, real_out)
    _check_place("--state", state, real_state)
    _check_apart("--out", out, real_out, {"sources": src, "state": real_state})
    _check_apart("--state", state, real_state, {"sources": src, "output": real_out})
    if out.is_dir():
        try:
            entries = os.listdir(out)
        except OSError as e:
            raise Refused(f"--out {out}: cannot be read: {e.strerror}") from None
        if entries:
            if not _has_marker(out, PACKAGE_MARKER, "package"):
                if not _foreign_package_entries(out):
                    raise Refused(
                        f"--out {out}: looks like a package but has no {PACKAGE_MARKER} marker (published by an"
                        " earlier version, or by hand?); remove it or choose another --out"
                    )
                raise Refused(
                    f"--out {out}: holds files this job did not publish ({_named(sorted(entries))});"
                    " --out must be absent, empty, or a package published by etl run"
                )
            foreign = _foreign_package_entries(out)
            if foreign:
                raise Refused(f"--out {out}: holds files that are not part of the package ({_named(foreign)})")
    if state.is_dir():
        try:
            foreign = _foreign_state_entries(state)
        except OSError as e:
            raise Refused(f"--state {state}: cannot be read: {e.strerror}") from None
        if foreign:
            raise Refused(
                f"--state {state}: holds files that are not this job's state ({_named(foreign)});"
                " --state must be absent, empty, or a state folder of etl run"
            )


def prepare_state(state: Path) -> None:
    """Create the state folder (checked by ``check_run_paths``) with its marker."""
    state.mkdir(parents=True, exist_ok=True)
    if not _has_marker(state, STATE_MARKER, "state"):
        write_marker(state, STATE_MARKER, "state")


def recover(out: Path) -> list[str]:
    """Undo what a killed run left beside ``out``; return what was done.

    Only folders the job made are touched (``is_job_dir``, or empty): the
    backup ``.<out>.old`` of a swap cut short (put back if ``out`` is
    missing, else removed) and the staging and spill folders of killed
    runs (``.<out>.tmp-*``, ``.<out>.spill-*``; ``.rows-*`` of older
    versions).  Anything else under those names is left as it is."""
    done = []
    backup = publish.backup_dir(out)
    if not backup.is_symlink() and backup.is_dir() and (is_job_dir(backup) or not os.listdir(backup)):
        if not out.exists() and not out.is_symlink():
            backup.rename(out)
            done.append(f"restored {out} from {backup.name}")
        elif remove_job_dir(backup):
            done.append(f"removed {backup.name}")
    stale_globs = (f".{out.name}.tmp-*", f".{out.name}.spill-*", f".{out.name}.rows-*")
    for stale in [p for pattern in stale_globs for p in sorted(out.parent.glob(pattern))]:
        if remove_job_dir(stale):
            done.append(f"removed {stale.name}")
        else:
            log.debug("left %s: not a folder this job made", stale)
    return done


def remove_job_dir(folder: Path) -> bool:
    """Remove ``folder`` if the job made it (its marker) or it is empty; whether it did."""
    if folder.is_symlink() or not folder.is_dir():
        return False
    if is_job_dir(folder):
        shutil.rmtree(folder)
        return True
    try:
        folder.rmdir()  # an empty folder: nothing of anyone's in it
        return True
    except OSError:
        return False
