"""Nothing the user owns is touched: what --out and --state may be, what a
refused or failed run leaves behind (nothing), and recovery after a crash
removing only what the job made."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from etl.batch import outguard
from etl.batch.pipeline import EXIT_FAILED, EXIT_OK, EXIT_USAGE, RunOptions, run
from etl.package import publish
from etl.package.validate import check_package

ETL = [sys.executable, "-m", "etl.cli"]


def snapshot(path: Path) -> dict:
    """Every file, folder and link under ``path`` (or the file itself), byte for byte."""
    if path.is_symlink():
        return {".": ("link", os.readlink(path))}
    if path.is_file():
        return {".": ("file", path.read_bytes())}
    if not path.exists():
        return {}
    found = {".": ("dir",)}
    for p in sorted(path.rglob("*")):
        rel = p.relative_to(path).as_posix()
        if p.is_symlink():
            found[rel] = ("link", os.readlink(p))
        elif p.is_file():
            found[rel] = ("file", p.read_bytes(), p.stat().st_mtime_ns)
        else:
            found[rel] = ("dir",)
    return found


def opts(sources: Path, out: Path, state: Path, **kw) -> RunOptions:
    return RunOptions(sources_dir=sources, out=out, state_dir=state, workers=1, **kw)


def refused(result, *words: str) -> None:
    assert result.exit_code == EXIT_USAGE, result.error
    for word in words:
        assert word in result.error, result.error


@pytest.fixture
def work(tmp_path: Path, archive: Path) -> Path:
    """tmp_path holding sources/ (the seed) and a user's folder of their own."""
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "analysis.ipynb").write_text('{"cells": []}\n', encoding="utf-8")
    (mine / "figures.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    return tmp_path


def _nothing_created(tmp_path: Path, before: dict) -> None:
    after = snapshot(tmp_path)
    assert after == before, sorted(set(after) ^ set(before))


# --- --out -----------------------------------------------------------------


def test_out_holding_a_notebook_is_refused_and_untouched(work):
    before = snapshot(work)
    result = run(opts(work / "sources", work / "mine", work / "state"))
    refused(result, "--out", "mine", "analysis.ipynb", "did not publish")
    _nothing_created(work, before)  # no lock, no state folder, no staging


def test_out_that_is_a_file_is_refused_and_untouched(work):
    target = work / "mine" / "figures.csv"
    before = snapshot(work)
    result = run(opts(work / "sources", target, work / "state"))
    refused(result, "is a file")
    _nothing_created(work, before)


def test_out_that_is_the_sources_folder_is_refused_and_untouched(work):
    before = snapshot(work)
    refused(run(opts(work / "sources", work / "sources", work / "state")), "is the sources folder")
    refused(run(opts(work / "sources", work / "sources" / "dist", work / "state")), "inside the sources folder")
    _nothing_created(work, before)


def test_out_above_the_sources_folder_is_refused_and_untouched(work):
    before = snapshot(work)
    refused(run(opts(work / "sources", work, work / "state")), "holds the sources folder")
    _nothing_created(work, before)


def test_out_that_is_or_holds_the_state_folder_is_refused(work):
    first = run(opts(work / "sources", work / "dist", work / "state"))
    assert first.exit_code == EXIT_OK, first.error
    before = snapshot(work)
    refused(run(opts(work / "sources", work / "state", work / "state")), "is the state folder")
    refused(run(opts(work / "sources", work / "dist", work / "dist" / "state")), "--out", "holds the state folder")
    _nothing_created(work, before)


def test_out_that_is_the_current_folder_or_above_is_refused(work, monkeypatch):
    (work / "here").mkdir()
    (work / "here" / "notes.txt").write_text("mine\n", encoding="utf-8")
    monkeypatch.chdir(work / "here")
    before = snapshot(work)
    refused(run(opts(work / "sources", Path("."), work / "state")), "the current folder")
    refused(run(opts(work / "sources", Path(".."), work / "state")), "above the current folder")
    _nothing_created(work, before)


def test_out_that_is_the_filesystem_root_is_refused_before_anything(work):
    # Refusal comes before anything is created or moved: safe to ask.
    before = snapshot(work)
    refused(run(opts(work / "sources", Path("/"), work / "state")), "filesystem root")
    _nothing_created(work, before)


def test_out_that_is_a_symbolic_link_is_refused(work):
    os.symlink(work / "mine", work / "link")
    before = snapshot(work)
    refused(run(opts(work / "sources", work / "link", work / "state")), "symbolic link")
    _nothing_created(work, before)


def test_a_package_with_a_file_of_the_user_s_in_it_is_refused(work):
    assert run(opts(work / "sources", work / "dist", work / "state")).exit_code == EXIT_OK
    (work / "dist" / "my-notes.md").write_text("keep me\n", encoding="utf-8")
    before = snapshot(work)
    refused(run(opts(work / "sources", work / "dist", work / "state")), "not part of the package", "my-notes.md")
    _nothing_created(work, before)


def test_an_unmarked_package_is_refused_with_a_hint(work):
    assert run(opts(work / "sources", work / "dist", work / "state")).exit_code == EXIT_OK
    (work / "dist" / outguard.PACKAGE_MARKER).unlink()
    refused(run(opts(work / "sources", work / "dist", work / "state2")), "looks like a package", "earlier version")


def test_absent_empty_or_published_out_is_replaced(work):
    (work / "empty").mkdir()
    assert run(opts(work / "sources", work / "empty", work / "state")).exit_code == EXIT_OK
    check_package(work / "empty")
    marker = json.loads((work / "empty" / outguard.PACKAGE_MARKER).read_text())
    assert marker == {"job": outguard.JOB, "kind": "package", "format": outguard.FORMAT_VERSION}
    # A package this job published, again with the same state, then with another one.
    (work / "sources" / "new.txt").write_text("2022年，新增就业100人。", encoding="utf-8")
    assert run(opts(work / "sources", work / "empty", work / "state")).exit_code == EXIT_OK
    (work / "sources" / "newer.txt").write_text("2021年，新增就业200人。", encoding="utf-8")
    other = run(opts(work / "sources", work / "empty", work / "other-state"))
    assert other.exit_code == EXIT_OK, other.error
    check_package(work / "empty")
    assert "newer" in (work / "empty" / "data" / "sources.csv").read_text()
    # absent, in a folder that does not exist yet
    assert run(opts(work / "sources", work / "a" / "b" / "dist", work / "st3")).exit_code == EXIT_OK


def test_the_published_marker_is_deterministic(work):
    assert run(opts(work / "sources", work / "d1", work / "s1")).exit_code == EXIT_OK
    assert run(opts(work / "sources", work / "d2", work / "s2")).exit_code == EXIT_OK
    assert snapshot(work / "d1")[outguard.PACKAGE_MARKER][1] == snapshot(work / "d2")[outguard.PACKAGE_MARKER][1]


# --- --state ----------------------------------------------------------------


def test_state_with_foreign_files_or_a_file_is_refused_and_untouched(work):
    before = snapshot(work)
    refused(run(opts(work / "sources", work / "dist", work / "mine")), "--state", "analysis.ipynb")
    refused(run(opts(work / "sources", work / "dist", work / "mine" / "figures.csv")), "--state", "is a file")
    _nothing_created(work, before)


def test_state_at_sources_cwd_or_root_is_refused(work, monkeypatch):
    before = snapshot(work)
    refused(run(opts(work / "sources", work / "dist", work / "sources")), "--state", "is the sources folder")
    refused(run(opts(work / "sources", work / "dist", work / "sources" / ".state")), "--state", "inside the sources folder")
    elsewhere = work.parent / f"{work.name}-dist"  # (refused: never created)
    refused(run(opts(work / "sources", elsewhere, work)), "--state", "holds the sources folder")
    refused(run(opts(work / "sources", work / "dist", Path("/"))), "--state", "filesystem root")
    monkeypatch.chdir(work / "mine")
    refused(run(opts(work / "sources", work / "dist", Path("."))), "--state", "current folder")
    _nothing_created(work, before)


def test_a_state_folder_is_marked_and_reused(work):
    assert run(opts(work / "sources", work / "dist", work / "state")).exit_code == EXIT_OK
    assert (work / "state" / outguard.STATE_MARKER).is_file()
    assert run(opts(work / "sources", work / "dist", work / "state")).exit_code == EXIT_OK
    # A state folder of an earlier version (its files, no marker) is adopted.
    (work / "state" / outguard.STATE_MARKER).unlink()
    assert run(opts(work / "sources", work / "dist", work / "state")).exit_code == EXIT_OK


# --- failing before the start leaves nothing --------------------------------


def test_missing_sources_leave_no_lock_and_no_state(tmp_path):
    before = snapshot(tmp_path)
    result = run(opts(tmp_path / "nope", tmp_path / "out" / "dist", tmp_path / "state"))
    assert result.exit_code == EXIT_FAILED and "sources folder not found" in result.error
    _nothing_created(tmp_path, before)


@pytest.mark.parametrize(
    "args, message",
    [
        (["--sources", "nope"], b"sources folder not found"),
        (["--out", "mine"], b"did not publish"),
        (["--max-bytes", "0"], b"--max-bytes must be positive"),
        (["--pattern", "a/*.txt"], b"--pattern"),
        (["--no-such-option"], b"unrecognized arguments"),
    ],
)
def test_a_command_that_fails_before_it_starts_leaves_nothing(work, args, message):
    before = snapshot(work)
    result = subprocess.run([*ETL, "run", *args], capture_output=True, cwd=work, timeout=300)
    assert result.returncode in (1, 2), result.stderr
    assert message in result.stderr
    assert b"Traceback" not in result.stderr
    _nothing_created(work, before)


def test_the_command_refuses_with_exit_2_and_one_line(work):
    result = subprocess.run([*ETL, "run", "--out", str(work / "mine")], capture_output=True, cwd=work, timeout=300)
    assert result.returncode == 2
    assert result.stderr.decode().strip().splitlines()[-1].startswith(f"etl: error: --out {work / 'mine'}: holds files")


# --- the swap and recovery --------------------------------------------------


def test_a_crash_mid_swap_is_recovered_by_the_next_run(work, monkeypatch, caplog):
    """The swap without renameat2 (two renames) killed between them: the old
    package is left under .dist.old, out is missing; the next run puts it
    back first, then publishes."""
    first = run(opts(work / "sources", work / "dist", work / "state"))
    assert first.exit_code == EXIT_OK
    old = snapshot(work / "dist")
    monkeypatch.setattr(publish, "_exchange", lambda a, b: False)
    real_rename = Path.rename

    def crash_on_second_rename(self, target):
        if self.name.startswith(".dist.tmp-"):
            raise RuntimeError("killed between the two renames")
        return real_rename(self, target)

    monkeypatch.setattr(Path, "rename", crash_on_second_rename)
    (work / "sources" / "new.txt").write_text("2022年，新增就业100人。", encoding="utf-8")
    crashed = run(opts(work / "sources", work / "dist", work / "state"))
    assert crashed.exit_code == EXIT_FAILED
    assert not (work / "dist").exists() and snapshot(work / ".dist.old") == old
    monkeypatch.setattr(Path, "rename", real_rename)

    caplog.set_level("INFO", logger="etl")
    again = run(opts(work / "sources", work / "dist", work / "state"))
    assert again.exit_code == EXIT_OK, again.error
    check_package(work / "dist")
    assert "new" in (work / "dist" / "data" / "sources.csv").read_text()
    recovered = [r.getMessage() for r in caplog.records if "recovered" in r.getMessage()]
    assert recovered == ["recovered from an interrupted run: restored " + str(work / "dist") + " from .dist.old"]
    assert not (work / ".dist.old").exists()


def test_recovery_leaves_folders_it_did_not_make(work, caplog):
    """Folders of the user's under the job's scratch names are not removed,
    and the log says nothing about them."""
    assert run(opts(work / "sources", work / "dist", work / "state")).exit_code == EXIT_OK
    for name in (".dist.old", ".dist.tmp-1", ".dist.spill-2", ".dist.rows-3"):
        (work / name).mkdir()
        (work / name / "analysis.ipynb").write_text("{}\n", encoding="utf-8")
    (work / ".dist.spill-4").mkdir()  # one the job made: marked
    (work / ".dist.spill-4" / outguard.SCRATCH_MARKER).write_text(outguard.marker_text("scratch"))
    (work / ".dist.spill-4" / "figures-000000.arrow").write_bytes(b"x")
    mine = {name: snapshot(work / name) for name in (".dist.old", ".dist.tmp-1", ".dist.spill-2", ".dist.rows-3")}
    caplog.set_level("INFO", logger="etl")
    (work / "sources" / "new.txt").write_text("2022年，新增就业100人。", encoding="utf-8")
    assert run(opts(work / "sources", work / "dist", work / "state")).exit_code == EXIT_OK
    assert {name: snapshot(work / name) for name in mine} == mine
    assert not (work / ".dist.spill-4").exists()
    said = [r.getMessage() for r in caplog.records if "recovered" in r.getMessage()]
    assert said == ["recovered from an interrupted run: removed .dist.spill-4"]


@pytest.mark.parametrize("cut", [0, 10])
def test_a_spill_folder_whose_marker_was_cut_short_by_a_kill_is_removed(work, cut):
    """A run killed between creating its spill folder and finishing its marker
    leaves the marker empty or cut short: recovery knows it for the job's."""
    assert run(opts(work / "sources", work / "dist", work / "state")).exit_code == EXIT_OK
    (work / ".dist.spill-5").mkdir()
    (work / ".dist.spill-5" / outguard.SCRATCH_MARKER).write_text(outguard.marker_text("scratch")[:cut])
    (work / ".dist.spill-6").mkdir()  # the user's file under the marker's name: not a start of it
    (work / ".dist.spill-6" / outguard.SCRATCH_MARKER).write_text("my notes\n")
    (work / "sources" / "new.txt").write_text("2022年，新增就业100人。", encoding="utf-8")
    assert run(opts(work / "sources", work / "dist", work / "state")).exit_code == EXIT_OK
    assert not (work / ".dist.spill-5").exists()
    assert (work / ".dist.spill-6" / outguard.SCRATCH_MARKER).read_text() == "my notes\n"


# --- help ---------------------------------------------------------------------


@pytest.mark.parametrize("command", [[], ["run"], ["extract"], ["validate"]])
def test_each_command_s_help_states_its_exit_codes_and_no_doubled_percent(command):
    result = subprocess.run([*ETL, *command, "--help"], capture_output=True, timeout=300)
    assert result.returncode == 0
    assert b"exit codes" in result.stdout
    assert b"%%" not in result.stdout


def test_run_help_says_what_out_and_state_may_be():
    text = subprocess.run([*ETL, "run", "--help"], capture_output=True, timeout=300).stdout.decode()
    assert "--out may be absent, an empty folder, or a package etl run published" in text
    assert "--state may be absent" in text and "--pattern" in text
    for code in ("0  all pages published", "3  published", "1  failed", "2  usage error"):
        assert code in text


def test_a_mistyped_option_of_run_prints_run_s_usage():
    result = subprocess.run([*ETL, "run", "--ot", "x"], capture_output=True, timeout=300)
    assert result.returncode == 2
    assert result.stderr.startswith(b"usage: etl run ")
    assert b"etl: error: unrecognized arguments: --ot x" in result.stderr
