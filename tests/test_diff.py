"""``etl diff``: rows by primary key, schema changes, totals, exit 0."""

from __future__ import annotations

import json
import subprocess
import sys

from release_helpers import DIST, add_field, copy_dist, drop_field, edit_figures, retype_field

from etl.release.diff import diff_packages, summary


def test_identical_packages_differ_in_nothing():
    d = diff_packages(DIST, DIST)
    assert set(d["totals"].values()) == {0}
    assert all(t["status"] == "same" and t["changed_columns"] == {} for t in d["tables"].values())
    assert d["bump"] == "none" and not d["documentation_changed"]
    assert summary(d) == "No changes."


def test_a_row_changed_added_and_removed(tmp_path):
    new = copy_dist(tmp_path / "new")
    edit_figures(new)
    d = diff_packages(DIST, new)
    figures = d["tables"]["figures"]
    assert (figures["added"], figures["removed"], figures["changed"]) == (1, 1, 1)
    assert figures["changed_columns"] == {"unit": 1}
    assert figures["rows_old"] == figures["rows_new"]
    assert all(t["status"] == "same" for name, t in d["tables"].items() if name != "figures")
    assert d["totals"] == {**d["totals"], "added": 1, "removed": 1, "changed": 1, "fields_removed": 0}
    assert d["bump"] == "minor"
    assert "`figures`: +1 −1 ~1 rows; changed: unit 1" in summary(d)


def test_schema_changes(tmp_path):
    new = copy_dist(tmp_path / "new")
    drop_field(new, "dates", "surface")
    add_field(new, "checks", "note")
    retype_field(new, "figures", "unit", "any")
    d = diff_packages(DIST, new)
    assert d["tables"]["dates"]["schema"]["fields_removed"] == ["surface"]
    assert d["tables"]["dates"]["changed"] == 0  # a removed column changes no row
    assert d["tables"]["checks"]["schema"]["fields_added"] == ["note"]
    assert d["tables"]["figures"]["schema"]["types_changed"] == {"unit": ["string", "any"]}
    t = d["totals"]
    assert (t["fields_added"], t["fields_removed"], t["types_changed"]) == (1, 1, 1)
    assert d["bump"] == "major"


def test_tables_added_and_removed(tmp_path):
    new = copy_dist(tmp_path / "new")
    descriptor = json.loads((new / "datapackage.json").read_text(encoding="utf-8"))
    descriptor["resources"] = [r for r in descriptor["resources"] if r.get("x-table") != "checks"]
    (new / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    d = diff_packages(DIST, new)
    assert d["tables_removed"] == ["checks"] and d["totals"]["tables_removed"] == 1
    assert d["tables"]["checks"]["status"] == "removed" and d["tables"]["checks"]["removed"] == 4
    assert d["bump"] == "major"
    back = diff_packages(new, DIST)
    assert back["tables_added"] == ["checks"] and back["totals"]["added"] == 4 and back["bump"] == "minor"


def test_documentation_only_is_a_patch(tmp_path):
    new = copy_dist(tmp_path / "new")
    readme = new / "README.md"
    readme.write_text(readme.read_text(encoding="utf-8") + "\nA new note.\n", encoding="utf-8")
    d = diff_packages(DIST, new)
    assert d["documentation_changed"] and d["bump"] == "patch"
    assert set(d["totals"].values()) == {0}


def test_the_command_prints_json_only_and_exits_0(tmp_path):
    new = copy_dist(tmp_path / "new")
    edit_figures(new)
    for old in (DIST, new):
        result = subprocess.run(
            [sys.executable, "-m", "etl.cli", "diff", str(old), str(new), "--json"],
            capture_output=True, timeout=300,
        )
        assert result.returncode == 0, result.stderr
        assert json.loads(result.stdout)["totals"]["changed"] == (1 if old == DIST else 0)
    human = subprocess.run([sys.executable, "-m", "etl.cli", "diff", str(DIST), str(new)], capture_output=True, timeout=300)
    assert human.returncode == 0
    assert len(human.stdout.decode().splitlines()) <= 5


def test_help_on_diff_and_release():
    for command in ("diff", "release"):
        result = subprocess.run([sys.executable, "-m", "etl.cli", command, "--help"], capture_output=True, timeout=300)
        assert result.returncode == 0 and b"usage: etl" in result.stdout
