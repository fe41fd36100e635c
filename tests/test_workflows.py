"""The GitHub workflows validate against the GitHub workflow schema."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

PROJECT = Path(__file__).resolve().parents[1]
WORKFLOWS = sorted((PROJECT / ".github" / "workflows").glob("*.yml"))


def _check_jsonschema() -> str:
    beside = Path(sys.executable).with_name("check-jsonschema")
    found = str(beside) if beside.exists() else shutil.which("check-jsonschema")
    if not found:
        pytest.skip("check-jsonschema is not installed (dev dependency group)")
    return found


def test_there_are_ci_and_nightly_workflows():
    assert {p.name for p in WORKFLOWS} == {"ci.yml", "nightly.yml"}


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda p: p.name)
def test_workflow_validates(workflow):
    result = subprocess.run(
        [_check_jsonschema(), "--builtin-schema", "vendor.github-workflows", str(workflow)],
        capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_ci_runs_what_ci_run_runs():
    ci = yaml.safe_load((PROJECT / ".github" / "workflows" / "ci.yml").read_text(encoding="utf-8"))
    assert {"push", "pull_request"} <= set(ci[True])  # YAML 1.1 reads the key "on" as True
    script = "\n".join(step.get("run", "") for step in ci["jobs"]["ci"]["steps"])
    for command in ("tools/setup.sh && .venv/bin/etl run", "git diff --exit-code --stat -- dist",
                    ".venv/bin/frictionless validate dist/datapackage.json", ".venv/bin/mypy etl",
                    ".venv/bin/pytest"):
        assert command in script
        assert command in (PROJECT / ".ci" / "run").read_text(encoding="utf-8")


def test_nightly_runs_validates_keeps_the_report_and_releases():
    nightly = yaml.safe_load((PROJECT / ".github" / "workflows" / "nightly.yml").read_text(encoding="utf-8"))
    assert "schedule" in nightly[True]
    steps = nightly["jobs"]["nightly"]["steps"]
    script = "\n".join(step.get("run", "") for step in steps)
    assert "etl run --report run-report.json" in script
    assert "frictionless validate dist/datapackage.json" in script
    assert "etl release dist --out releases" in script
    assert any(step.get("uses", "").startswith("actions/upload-artifact") and step["with"]["path"] == "run-report.json" for step in steps)
