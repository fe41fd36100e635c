"""``etl release``: versioned deterministic zips, SHA256SUMS, the bump."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from release_helpers import PROJECT, copy_dist, drop_field, edit_figures

from etl.package import metadata
from etl.release import archive

NAME = "cn-local-news-figures"


@pytest.fixture
def project(tmp_path):
    """A package, and copies of the files a release updates."""
    shutil.copy(PROJECT / "schemas" / "package.json", tmp_path / "package.json")
    shutil.copy(PROJECT / "CITATION.cff", tmp_path / "CITATION.cff")
    (tmp_path / "CHANGELOG.md").write_text("# Changelog of the data\n", encoding="utf-8")
    copy_dist(tmp_path / "dist")
    return tmp_path


def release(project: Path, out: str = "releases", package: str = "dist"):
    return archive.release(
        project / package, project / out, metadata_file=project / "package.json",
        changelog=project / "CHANGELOG.md", citation=project / "CITATION.cff", date="2027-01-02",
    )


def sha256sum_check(folder: Path) -> None:
    subprocess.run(["sha256sum", "-c", "--strict", "SHA256SUMS"], cwd=folder, check=True, capture_output=True)


def test_the_seed_package_is_data_version_1_0_0():
    assert metadata.version() == "1.0.0"
    assert json.loads((PROJECT / "dist" / "datapackage.json").read_text(encoding="utf-8"))["version"] == "1.0.0"
    assert "example." not in json.dumps(metadata.load())  # no placeholder: an unknown homepage is left out


def test_first_release_writes_the_stated_version_and_verifiable_sums(project):
    outcome = release(project)
    assert (outcome.version, outcome.bump) == ("1.0.0", "first")
    out = project / "releases"
    assert sorted(p.name for p in out.iterdir()) == ["SHA256SUMS", f"{NAME}-1.0.0.zip"]
    sha256sum_check(out)
    with zipfile.ZipFile(out / f"{NAME}-1.0.0.zip") as zf:
        names = zf.namelist()
        assert names == sorted(names)
        assert f"{NAME}-1.0.0/datapackage.json" in names and f"{NAME}-1.0.0/data/figures.parquet" in names
        assert {i.date_time for i in zf.infolist()} == {archive.ZIP_DATE}
    changelog = (project / "CHANGELOG.md").read_text(encoding="utf-8")
    assert "## 1.0.0 — 2027-01-02\n\nFirst release." in changelog
    assert 'date-released: "2027-01-02"' in (project / "CITATION.cff").read_text(encoding="utf-8")


def test_releases_are_deterministic(project):
    first, second = release(project, "a"), release(project, "b")
    assert first.zip_path.read_bytes() == second.zip_path.read_bytes()
    assert (project / "a" / "SHA256SUMS").read_bytes() == (project / "b" / "SHA256SUMS").read_bytes()


def test_nothing_changed_nothing_written(project):
    release(project)
    before = sorted(p.name for p in (project / "releases").iterdir())
    outcome = release(project)
    assert outcome.version is None and outcome.bump == "none" and "no change" in outcome.message
    assert sorted(p.name for p in (project / "releases").iterdir()) == before
    assert metadata.version(project / "package.json") == "1.0.0"


def test_changed_rows_make_a_minor_release(project):
    release(project)
    edit_figures(project / "dist")
    outcome = release(project)
    assert (outcome.version, outcome.bump) == ("1.1.0", "minor")
    out = project / "releases"
    assert sorted(p.name for p in out.glob("*.zip")) == [f"{NAME}-1.0.0.zip", f"{NAME}-1.1.0.zip"]
    sha256sum_check(out)
    # The version is written everywhere it is stated.
    assert json.loads((project / "dist" / "datapackage.json").read_text(encoding="utf-8"))["version"] == "1.1.0"
    assert "Data version 1.1.0." in (project / "dist" / "README.md").read_text(encoding="utf-8")
    assert metadata.version(project / "package.json") == "1.1.0"
    assert 'version: "1.1.0"' in (project / "CITATION.cff").read_text(encoding="utf-8")
    changelog = (project / "CHANGELOG.md").read_text(encoding="utf-8")
    assert changelog.index("## 1.1.0") < changelog.index("## 1.0.0")
    assert "`figures`: +1 −1 ~1 rows; changed: unit 1" in changelog
    with zipfile.ZipFile(out / f"{NAME}-1.1.0.zip") as zf:
        assert json.loads(zf.read(f"{NAME}-1.1.0/datapackage.json"))["version"] == "1.1.0"


def test_a_removed_field_makes_a_major_release(project):
    release(project)
    drop_field(project / "dist", "dates", "surface")
    assert release(project).version == "2.0.0"


def test_documentation_only_makes_a_patch_release(project):
    release(project)
    readme = project / "dist" / "README.md"
    readme.write_text(readme.read_text(encoding="utf-8") + "\nA clarification.\n", encoding="utf-8")
    assert release(project).version == "1.0.1"


def test_bumps():
    assert [metadata.bump("1.2.3", k) for k in ("major", "minor", "patch", "none")] == ["2.0.0", "1.3.0", "1.2.4", "1.2.3"]


def test_the_command(project):
    args = [
        sys.executable, "-m", "etl.cli", "release", str(project / "dist"), "--out", str(project / "rel"),
        "--metadata", str(project / "package.json"), "--changelog", str(project / "CHANGELOG.md"),
        "--citation", str(project / "CITATION.cff"),
    ]
    first = subprocess.run(args, capture_output=True, timeout=300)
    assert first.returncode == 0, first.stderr
    assert f"{NAME} 1.0.0 (first)".encode() in first.stdout
    again = subprocess.run(args, capture_output=True, timeout=300)
    assert again.returncode == 0 and b"no change since release 1.0.0" in again.stdout


def _etl_in(project_copy: Path, *args: str) -> subprocess.CompletedProcess:
    import os

    env = {**os.environ, "ETL_NATIVE": "0"}
    result = subprocess.run([sys.executable, "-m", "etl.cli", *args], cwd=project_copy, env=env, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    return result


def test_a_release_of_more_pages_and_the_job_agree_on_the_new_version(tmp_path):
    """End to end, in a copy of the project: release the seed package (1.0.0),
    add pages, run and release again (a minor release, 1.1.0); then the job,
    run from the updated metadata, publishes exactly the released package,
    so the committed dist/ is never stale after a release (CI checks it)."""
    from bench.synthetic import write_archive

    copy = tmp_path / "project"
    ignore = shutil.ignore_patterns("__pycache__", "*.so")
    for folder in ("etl", "schemas", "sources", "dist"):
        shutil.copytree(PROJECT / folder, copy / folder, ignore=ignore)
    for name in ("CHANGELOG.md", "CITATION.cff"):
        shutil.copy(PROJECT / name, copy / name)
    first = _etl_in(copy, "release", "--out", "releases")
    assert f"{NAME} 1.0.0 (first)" in first.stdout
    assert (copy / "CHANGELOG.md").read_text(encoding="utf-8") == (PROJECT / "CHANGELOG.md").read_text(encoding="utf-8")

    write_archive(copy / "sources", 3, seed=7)
    _etl_in(copy, "run", "-q")
    diff = json.loads(_etl_in(copy, "diff", "--json", str(PROJECT / "dist"), "dist").stdout)
    assert diff["tables"]["sources"]["added"] == 3 and diff["bump"] == "minor"
    second = _etl_in(copy, "release", "--out", "releases")
    assert f"{NAME} 1.1.0 (minor)" in second.stdout
    subprocess.run(["sha256sum", "-c", "SHA256SUMS"], cwd=copy / "releases", check=True, capture_output=True)
    assert metadata.version(copy / "schemas" / "package.json") == "1.1.0"

    released = {p.relative_to(copy / "dist").as_posix(): p.read_bytes() for p in sorted((copy / "dist").rglob("*")) if p.is_file()}
    _etl_in(copy, "run", "-q", "--out", "rerun", "--state", ".state-rerun")
    rerun = {p.relative_to(copy / "rerun").as_posix(): p.read_bytes() for p in sorted((copy / "rerun").rglob("*")) if p.is_file()}
    assert rerun == released
    with zipfile.ZipFile(copy / "releases" / f"{NAME}-1.1.0.zip") as zf:
        zipped = {n.split("/", 1)[1]: zf.read(n) for n in zf.namelist()}
    assert zipped == released
