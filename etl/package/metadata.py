"""The package metadata file: name, title, licence, contributors, data version.

``schemas/package.json`` is the one place these live; the descriptor
(``datapackage.json``) and ``dist/README.md`` are built from it, and
``etl release`` writes the new data version back into it.  The data version
is the data's own (semantic versioning of what is published), not the code's
(``etl.__version__``).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import etl

PROJECT_DIR = Path(etl.PROJECT_DIR)
METADATA_FILE = PROJECT_DIR / "schemas" / "package.json"
CHANGELOG_FILE = PROJECT_DIR / "CHANGELOG.md"
CITATION_FILE = PROJECT_DIR / "CITATION.cff"

VERSION_RE = re.compile(r"^(\d+)\.(\d+)\.(\d+)$")


def load(path: Path = METADATA_FILE) -> dict:
    return json.loads(Path(path).read_text(encoding="utf-8"))


def version(path: Path = METADATA_FILE) -> str:
    """The data version as it stands in the metadata file."""
    return load(path)["version"]


def parse_version(text: str) -> tuple[int, int, int]:
    m = VERSION_RE.match(text)
    if not m:
        raise ValueError(f"not a MAJOR.MINOR.PATCH version: {text!r}")
    return int(m[1]), int(m[2]), int(m[3])


def bump(text: str, kind: str) -> str:
    """``text`` bumped by ``kind`` (major, minor, patch or none)."""
    major, minor, patch = parse_version(text)
    if kind == "major":
        return f"{major + 1}.0.0"
    if kind == "minor":
        return f"{major}.{minor + 1}.0"
    if kind == "patch":
        return f"{major}.{minor}.{patch + 1}"
    if kind == "none":
        return text
    raise ValueError(f"unknown bump: {kind!r}")


def set_version(new: str, path: Path = METADATA_FILE) -> None:
    """Write ``new`` as the data version, leaving the file's layout alone."""
    parse_version(new)
    text = Path(path).read_text(encoding="utf-8")
    updated, n = re.subn(r'("version"\s*:\s*)"[^"]*"', lambda m: f'{m[1]}"{new}"', text, count=1)
    if n != 1:
        raise ValueError(f"{path}: no \"version\" to update")
    Path(path).write_text(updated, encoding="utf-8")


def set_citation_version(new: str, date: str, path: Path = CITATION_FILE) -> bool:
    """Write the released version and its date into CITATION.cff (``version``
    and ``date-released``); False when there is no such file."""
    path = Path(path)
    if not path.exists():
        return False
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"(?m)^version: .*$", f'version: "{new}"', text)
    text = re.sub(r"(?m)^date-released: .*$", f'date-released: "{date}"', text)
    path.write_text(text, encoding="utf-8")
    return True


def authors(meta: dict) -> list[str]:
    return [c["title"] for c in meta.get("contributors", []) if c.get("role") == "author"]


def citation(meta: dict, data_version: str | None = None) -> str:
    """How to cite one version of the package, in one line of Markdown."""
    v = data_version or meta["version"]
    text = f"{'; '.join(authors(meta)) or meta['title']}. *{meta['title']}*, data version {v} [data set]"
    publishers = [
        c["title"] for c in meta.get("contributors", [])
        if c.get("role") == "publisher" and c["title"] not in authors(meta)
    ]
    if publishers:
        text += f". {'; '.join(publishers)}"
    if meta.get("homepage"):
        text += f". {meta['homepage']}"
    licences = meta.get("licenses") or []
    if licences:
        text += f". Licence: {licences[0]['name']}"
    return text + "."
