"""The ``etl`` command line, run as a user would run it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import SEED

ETL = [sys.executable, "-m", "etl.cli"]


def etl(*args: str, stdin: bytes | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([*ETL, *args], input=stdin, capture_output=True, cwd=cwd, timeout=300)


@pytest.mark.parametrize("command", [[], ["run"], ["extract"], ["validate"]])
def test_help_on_each_command(command):
    result = etl(*command, "--help")
    assert result.returncode == 0
    assert b"usage: etl" in result.stdout


def test_usage_errors_exit_2_with_one_line():
    result = etl("run", "--no-such-flag")
    assert result.returncode == 2
    assert b"etl: error: unrecognized arguments: --no-such-flag" in result.stderr
    assert b"Traceback" not in result.stderr


def test_extract_prints_json_lines_from_a_file_or_stdin():
    from_file = etl("extract", str(SEED))
    from_stdin = etl("extract", "-", stdin=SEED.read_bytes())
    assert from_file.returncode == from_stdin.returncode == 0
    assert from_file.stdout == from_stdin.stdout
    rows = [json.loads(line) for line in from_file.stdout.decode().splitlines()]
    text = SEED.read_text(encoding="utf-8")
    for row in rows:
        assert {"char_start", "char_end", "surface", "value", "unit", "qualifier"} <= set(row)
        assert text[row["char_start"] : row["char_end"]] == row["surface"]


def test_extract_dates_resolves_with_an_issue_date():
    text = "去年11月16日，全区新增就业100人。".encode()
    unknown = [json.loads(x) for x in etl("extract", "--dates", "-", stdin=text).stdout.decode().splitlines()]
    known = [json.loads(x) for x in etl("extract", "--dates", "--issue-date", "2023-01", "-", stdin=text).stdout.decode().splitlines()]
    assert len(unknown) == len(known) >= 1
    assert known[0]["start"] == "2022-11-16"
    assert unknown[0]["start"] is None and unknown[0]["resolution"] == "unresolved"


def test_extract_names_a_bad_file(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01\x02binary")
    result = etl("extract", str(bad))
    assert result.returncode == 1
    assert result.stderr.decode().strip() == f"etl: error: {bad}: binary file: contains control bytes that no text page has"
    missing = etl("extract", str(tmp_path / "missing.txt"))
    assert missing.returncode == 1 and b"missing.txt: cannot read" in missing.stderr


def test_run_then_validate_then_tamper(tmp_path, archive):
    run = etl("run", "--sources", str(archive), "--out", str(tmp_path / "out"), "--state", str(tmp_path / "st"), "--report", str(tmp_path / "r.json"))
    assert run.returncode == 0, run.stderr.decode()
    assert json.loads((tmp_path / "r.json").read_text())["exit_code"] == 0
    assert etl("validate", str(tmp_path / "out")).returncode == 0

    csv = tmp_path / "out" / "data" / "figures.csv"
    csv.write_bytes(csv.read_bytes() + b"\n")
    result = etl("validate", str(tmp_path / "out"))
    assert result.returncode == 1
    assert b"data/figures.csv: sha256 does not match the descriptor" in result.stderr


def test_run_exit_code_3_when_a_page_is_quarantined(tmp_path, archive):
    (archive / "empty.txt").write_bytes(b"")
    result = etl("run", "--sources", str(archive), "--out", str(tmp_path / "out"), "--state", str(tmp_path / "st"))
    assert result.returncode == 3
    assert b"quarantined empty.txt: empty file" in result.stderr


def test_run_failure_is_one_clear_line(tmp_path):
    result = etl("run", "--sources", str(tmp_path / "none"), "--out", str(tmp_path / "out"), "--state", str(tmp_path / "st"))
    assert result.returncode == 1
    assert result.stderr.decode().strip().splitlines()[-1] == f"etl: error: {tmp_path / 'none'}: sources folder not found"


def test_extract_masks_private_names_in_contexts():
    text = "本报讯（记者 欧阳晓岚）3月8日，志愿者看望退休教师单于静怡。单于静怡今年78岁，独自生活已有20多年。".encode()
    out = etl("extract", "-", stdin=text).stdout.decode()
    assert "20多年" in out
    assert "单于静怡" not in out and "欧阳晓岚" not in out


# A library that sets its own logger's level (as dask's distributed does at
# INFO) must not speak on the job's stderr unless asked (-v); -q leaves errors only.
_LOGGING_PROBE = """
import logging, sys
from etl import cli

cli._configure_logging(quiet="-q" in sys.argv, verbose="-v" in sys.argv)
library = logging.getLogger("distributed.scheduler")
library.setLevel(logging.INFO)
library.info("library info")
library.warning("library warning")
logging.getLogger("etl").info("job info")
logging.getLogger("etl.batch").info("stage info")
logging.getLogger("etl").error("job error")
"""


@pytest.mark.parametrize(
    "flags, expected",
    [
        ([], ["WARNING: library warning", "INFO: job info", "INFO: stage info", "ERROR: job error"]),
        (["-q"], ["ERROR: job error"]),
        (["-v"], ["INFO: library info", "WARNING: library warning", "INFO: job info", "INFO: stage info", "ERROR: job error"]),
    ],
)
def test_log_lines_keep_to_the_asked_level_whatever_libraries_set(flags, expected):
    result = subprocess.run([sys.executable, "-c", _LOGGING_PROBE, *flags], capture_output=True, timeout=60, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines() == [f"etl: {line}" for line in expected]
