"""Run state: what each page produced, so a re-run only processes what changed.

A page's entry is keyed by everything its rows depend on: the raw bytes, its
file name (ids embed the source_id), its metadata row (the issue date resolves
relative dates), the size limit, and the extractor fingerprint (a hash of the
job's code and rule files, so any change to the extractor re-processes every
page).  Entries are JSON files written atomically (write to a temporary file,
then rename); an unreadable entry is treated as a miss and recomputed.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
import os
from pathlib import Path

from etl.page import PageOutcome

PROJECT_DIR = Path(__file__).resolve().parent.parent


@functools.cache
def extractor_fingerprint() -> str:
    """Hash of the job's code (``etl/``) and rules (``schemas/``)."""
    h = hashlib.sha256()
    for folder in ("etl", "schemas"):
        for path in sorted((PROJECT_DIR / folder).rglob("*")):
            if path.is_file() and path.suffix in {".py", ".json", ".csv", ".yaml", ".yml"}:
                h.update(path.relative_to(PROJECT_DIR).as_posix().encode())
                h.update(path.read_bytes())
    return h.hexdigest()[:16]


def page_key(file_name: str, sha256: str, metadata: dict | None, max_bytes: int) -> str:
    h = hashlib.sha256()
    payload = [extractor_fingerprint(), file_name, sha256, sorted((metadata or {}).items()), max_bytes]
    h.update(json.dumps(payload, ensure_ascii=False).encode())
    return h.hexdigest()


def _encode(value):
    if isinstance(value, dt.date):
        return {"$date": value.isoformat()}
    raise TypeError(type(value))


def _decode(obj: dict):
    if "$date" in obj and len(obj) == 1:
        return dt.date.fromisoformat(obj["$date"])
    return obj


class State:
    """The page cache in ``directory``: ``pages/<key>.json``, one per page."""

    def __init__(self, directory: Path):
        self.directory = directory
        self.pages = directory / "pages"
        self.pages.mkdir(parents=True, exist_ok=True)

    def get(self, key: str) -> PageOutcome | None:
        path = self.pages / f"{key}.json"
        try:
            data = json.loads(path.read_text(encoding="utf-8"), object_hook=_decode)
        except (OSError, ValueError):
            return None
        return PageOutcome(**data)

    def put(self, key: str, outcome: PageOutcome) -> None:
        path = self.pages / f"{key}.json"
        tmp = path.with_suffix(f".tmp-{os.getpid()}")
        data = dict(outcome.__dict__)
        tmp.write_text(json.dumps(data, ensure_ascii=False, default=_encode), encoding="utf-8")
        os.replace(tmp, path)

    def prune(self, keep: set[str]) -> int:
        """Delete entries of pages no longer in the archive; return how many."""
        removed = 0
        for path in self.pages.glob("*"):
            if path.stem not in keep:
                path.unlink(missing_ok=True)
                removed += 1
        return removed

    def read_manifest(self) -> dict:
        try:
            return json.loads((self.directory / "manifest.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}

    def write_manifest(self, manifest: dict) -> None:
        path = self.directory / "manifest.json"
        tmp = path.with_suffix(f".tmp-{os.getpid()}")
        tmp.write_text(json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True), encoding="utf-8")
        os.replace(tmp, path)
