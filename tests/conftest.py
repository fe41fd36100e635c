"""Shared fixtures: the project layout, the shared/ material, seed pages."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[1]
SHARED = PROJECT.parent / "shared"
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


def shared_or_skip(*parts: str) -> Path:
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is not available")
    return path
