"""A release of the package: ``etl release [PACKAGE] --out DIR``.

A release is ``DIR/<name>-<version>.zip`` (the whole package folder, under
one ``<name>-<version>/`` folder) and ``DIR/SHA256SUMS`` (every release zip
in DIR, as ``sha256sum -c`` reads it, run from DIR).  The zip is
deterministic: entries sorted by path, fixed timestamps (1980-01-01),
permissions and compression, so the same package always gives the same bytes.

The version: the first release in DIR (no ``<name>-*.zip`` there) is the
version the package states (``schemas/package.json``: 1.0.0).  After that,
the package is compared with the latest release in DIR (``diff``) and the
version bumped by what changed (``diff.bump_kind``); when nothing changed,
nothing is written.  The new version is then written into the package
itself (its descriptor and every file outside ``data/`` that says
``version X``: exactly what ``etl run`` writes from the updated metadata),
the metadata file, ``CITATION.cff`` (version and date) and ``CHANGELOG.md``
(the version, its date and the diff's summary).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

from etl.package import metadata
from etl.release import diff

ZIP_DATE = (1980, 1, 1, 0, 0, 0)
SUMS = "SHA256SUMS"


@dataclass
class Outcome:
    version: str | None  # None: nothing released
    bump: str  # first, major, minor, patch or none
    message: str
    zip_path: Path | None = None
    summary: str = ""


def releases(out: Path, name: str) -> list[tuple[tuple[int, int, int], Path]]:
    """The releases of package ``name`` in ``out``, oldest first."""
    found = []
    pattern = re.compile(rf"^{re.escape(name)}-(\d+\.\d+\.\d+)\.zip$")
    for path in Path(out).glob(f"{name}-*.zip") if Path(out).is_dir() else []:
        m = pattern.match(path.name)
        if m:
            found.append((metadata.parse_version(m[1]), path))
    return sorted(found)


def write_zip(package: Path, zip_path: Path, prefix: str) -> None:
    """The package folder as a deterministic zip, under ``prefix/``."""
    files = sorted((p for p in Path(package).rglob("*") if p.is_file()), key=lambda p: p.relative_to(package).as_posix())
    tmp = zip_path.with_name(f".{zip_path.name}.tmp")
    with zipfile.ZipFile(tmp, "w") as zf:
        for path in files:
            info = zipfile.ZipInfo(f"{prefix}/{path.relative_to(package).as_posix()}", date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3  # Unix, whatever the machine
            info.external_attr = 0o100644 << 16
            zf.writestr(info, path.read_bytes(), compress_type=zipfile.ZIP_DEFLATED, compresslevel=9)
    tmp.replace(zip_path)


def write_sums(out: Path) -> Path:
    """``SHA256SUMS`` for every zip in ``out``, sorted by name."""
    lines = []
    for path in sorted(Path(out).glob("*.zip")):
        lines.append(f"{hashlib.sha256(path.read_bytes()).hexdigest()}  {path.name}\n")
    sums = Path(out) / SUMS
    sums.write_text("".join(lines), encoding="utf-8")
    return sums


def stamp_version(package: Path, old: str, new: str) -> None:
    """Write version ``new`` into a package that says ``old``: the
    descriptor's ``version`` and each ``version <old>`` of the files outside
    ``data/`` (the README), byte for byte as ``etl run`` would."""
    descriptor_path = Path(package) / "datapackage.json"
    text = descriptor_path.read_text(encoding="utf-8")
    text, n = re.subn(rf'("version"\s*:\s*)"{re.escape(old)}"', lambda m: f'{m[1]}"{new}"', text, count=1)
    if n != 1 or json.loads(text).get("version") != new:
        raise ValueError(f"{descriptor_path}: cannot set its version {old} to {new}")
    descriptor_path.write_text(text, encoding="utf-8")
    for path in sorted(Path(package).rglob("*")):
        rel = path.relative_to(package).as_posix()
        if path.is_file() and not rel.startswith("data/") and rel != "datapackage.json":
            data = path.read_bytes()
            stamped = data.replace(f"version {old}".encode(), f"version {new}".encode())
            if stamped != data:
                path.write_bytes(stamped)


def changelog_entry(version: str, date: str, summary: str, first: bool) -> str:
    head = f"## {version} — {date}\n\n"
    return head + ("First release.\n\n" if first else "") + summary.strip() + "\n"


def add_to_changelog(path: Path, entry: str, version: str) -> bool:
    """Put ``entry`` at the top of the changelog's versions (newest first);
    False when the version is already there."""
    path = Path(path)
    text = path.read_text(encoding="utf-8") if path.exists() else "# Changelog of the data\n"
    if re.search(rf"(?m)^## {re.escape(version)}( |$)", text):
        return False
    m = re.search(r"(?m)^## ", text)
    text = (text[: m.start()] + entry + "\n" + text[m.start():]) if m else text.rstrip("\n") + "\n\n" + entry
    path.write_text(text, encoding="utf-8")
    return True


def release(
    package: Path,
    out: Path,
    metadata_file: Path = metadata.METADATA_FILE,
    changelog: Path = metadata.CHANGELOG_FILE,
    citation: Path = metadata.CITATION_FILE,
    date: str | None = None,
) -> Outcome:
    date = date or dt.datetime.now(dt.timezone.utc).date().isoformat()
    descriptor = diff.load_descriptor(package)
    name, stated = descriptor["name"], descriptor["version"]
    previous = releases(out, name)
    if not previous:
        version, kind = stated, "first"
        d = diff.diff_packages(None, package)
    else:
        last_tuple, last_zip = previous[-1]
        last = ".".join(map(str, last_tuple))
        with tempfile.TemporaryDirectory(prefix="etl-release-") as tmp:
            with zipfile.ZipFile(last_zip) as zf:
                zf.extractall(tmp)
            d = diff.diff_packages(Path(tmp) / f"{name}-{last}", package)
        kind = d["bump"]
        if kind == "none":
            return Outcome(None, "none", f"{name}: no change since release {last}; nothing written")
        version = metadata.bump(last, kind)
        if stated not in (last, version):
            raise ValueError(
                f"{package} says version {stated}; after release {last} this {kind} change makes {version}"
            )
        if stated != version:
            stamp_version(package, stated, version)
    Path(out).mkdir(parents=True, exist_ok=True)
    zip_path = Path(out) / f"{name}-{version}.zip"
    write_zip(package, zip_path, f"{name}-{version}")
    write_sums(out)
    if Path(metadata_file).exists() and metadata.version(metadata_file) != version:
        metadata.set_version(version, metadata_file)
    metadata.set_citation_version(version, date, citation)
    summary = diff.summary(d)
    add_to_changelog(changelog, changelog_entry(version, date, summary, kind == "first"), version)
    return Outcome(version, kind, f"{name} {version} ({kind}): {zip_path}", zip_path, summary)
