"""Shared fixtures: the project layout, the test data in tests/data/, seed pages."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[1]
DATA = PROJECT / "tests" / "data"
SEED = PROJECT / "sources" / "000_e1c532de56ee5a29.txt"


@pytest.fixture
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    """A copy of the project's sources/ folder (seed page + metadata)."""
    folder = tmp_path / "sources"
    shutil.copytree(PROJECT / "sources", folder)
    return folder


@pytest.fixture(scope="session")
def package(tmp_path_factory) -> Path:
    """The package ``etl run`` publishes from the project's sources/, once per
    test session (read-only: a test that edits a package edits a copy)."""
    from etl.batch.pipeline import EXIT_OK, RunOptions, run

    tmp = tmp_path_factory.mktemp("seed_package")
    shutil.copytree(PROJECT / "sources", tmp / "sources")
    result = run(RunOptions(sources_dir=tmp / "sources", out=tmp / "dist", state_dir=tmp / "state"))
    assert result.exit_code == EXIT_OK, result.error
    return tmp / "dist"


def data_file(*parts: str) -> Path:
    """A file of the repository's test data (tests/data/...).

    The data is part of the repository, so a missing file is an error of the
    checkout, never a reason to skip: the test that needs it fails, naming it.
    """
    path = DATA.joinpath(*parts)
    if not path.is_file():
        raise FileNotFoundError(f"test data missing from the repository: {path}")
    return path
