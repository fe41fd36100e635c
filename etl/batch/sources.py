"""Sources stage: find the pages, read their metadata, decode their bytes.

Pages are the files matching a pattern (default ``*.txt``) anywhere in the
tree under the sources folder (``walk``); a page at the top keeps the file
name without its extension as its ``source_id``, a nested page's id is
prefixed by its folders (``source_id_of``).  Metadata rows are matched by
that id, so by the page's path relative to the sources folder.

Decoding follows what Chinese publishers actually produce, detected rather than
assumed, in this order:

1. a byte-order mark: UTF-8 (``utf-8-sig``) or UTF-16 (``utf-16``);
2. strict UTF-8;
3. strict GB18030 (a superset of GBK and GB2312).

Anything that cannot be a page raises ``PageError`` with the reason, and the
pipeline quarantines that page: an empty file, a binary file (NUL or other
control bytes), bytes that decode in no supported encoding, a file truncated in
the middle of a multi-byte character, a file over the size limit.
"""

from __future__ import annotations

import codecs
import csv
import fnmatch
import datetime as dt
import os
import re
from dataclasses import dataclass
from pathlib import Path

#: The metadata file inside the sources folder (one row per page).
METADATA_FILE = "metadata.csv"

#: Metadata columns, in file order.  Only ``file_name`` is required.
METADATA_COLUMNS = (
    "file_name",
    "title",
    "publisher",
    "language",
    "rights",
    "origin",
    "issue_date",
    "issue_date_evidence",
)

#: Default size limit of one page (bytes); a newspaper page is ~15 KB of text.
DEFAULT_MAX_BYTES = 5 * 1024 * 1024

#: Control characters that never occur in a text page (all C0 but tab, LF, VT,
#: FF, CR; plus DEL).  Their presence means a binary file.
_BINARY_BYTES = re.compile(rb"[\x00-\x08\x0e-\x1f\x7f]")
_BINARY_CHARS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


#: What Python's codecs say when the input ends inside a character.
_TRUNCATION_REASONS = {"unexpected end of data", "incomplete multibyte sequence", "truncated data"}


class PageError(Exception):
    """A file that cannot be a page; ``reason`` is a short machine-usable code."""

    def __init__(self, file: str, reason: str, detail: str):
        super().__init__(f"{file}: {detail}")
        self.file = file
        self.reason = reason
        self.detail = detail


class MetadataError(Exception):
    """The metadata file itself is unreadable or malformed."""


#: The forms of an issue date, most precise first (compiled once: every
#: page's metadata is parsed, and ``re``'s own cache of patterns compiled on
#: the fly is shared with code that compiles one per page).
_ISSUE_DATE_FORMS = (
    (re.compile(r"(\d{4})-(\d{2})-(\d{2})"), "day"),
    (re.compile(r"(\d{4})-(\d{2})"), "month"),
    (re.compile(r"(\d{4})"), "year"),
)


@dataclass(frozen=True)
class IssueDate:
    """A page's issue date with its precision (``day``, ``month`` or ``year``).

    ``date`` is the first day of the period when the precision is coarser
    than a day.
    """

    date: dt.date
    precision: str

    @classmethod
    def parse(cls, text: str) -> IssueDate:
        """Parse ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``."""
        text = text.strip()
        for pattern, precision in _ISSUE_DATE_FORMS:
            m = pattern.fullmatch(text)
            if m:
                parts = [int(p) for p in m.groups()] + [1] * (3 - len(m.groups()))
                return cls(dt.date(*parts), precision)
        raise ValueError(f"issue_date {text!r} is not YYYY, YYYY-MM or YYYY-MM-DD")


def decode(data: bytes, file: str = "<page>") -> tuple[str, str]:
    """Decode a page's bytes; return ``(text, encoding)`` or raise PageError."""
    if not data.strip():
        raise PageError(file, "empty", "empty file (no text)")
    if data.startswith(codecs.BOM_UTF8):
        return _decode_as(data[len(codecs.BOM_UTF8) :], "utf-8", file), "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _decode_as(data, "utf-16", file), "utf-16"
    if _BINARY_BYTES.search(data):
        raise PageError(file, "binary", "binary file: contains control bytes that no text page has")
    # In UTF-8 and GB18030 a control character is its own byte (no multi-byte
    # sequence holds a byte below 0x40 but GB18030's digits, nor decodes to
    # a control character): the bytes had none, so the text has none.
    try:
        return _decode_as(data, "utf-8", file, check_chars=False), "utf-8"
    except PageError as utf8_error:
        if utf8_error.reason == "truncated":
            raise
    try:
        return _decode_as(data, "gb18030", file, check_chars=False), "gb18030"
    except PageError as gb_error:
        if gb_error.reason == "truncated":
            raise
        raise PageError(file, "undecodable", "not valid UTF-8, UTF-16 (with BOM) or GB18030") from None


def _decode_as(data: bytes, encoding: str, file: str, check_chars: bool = True) -> str:
    """``data`` decoded; ``check_chars``: look for control characters in the
    text (not needed when the bytes were looked at, see ``decode``)."""
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as e:
        # Everything decodes up to a multi-byte character cut by the end of
        # the file: the file was truncated, not written in another encoding.
        if e.end >= len(data) and e.start >= len(data) - 4 and e.reason in _TRUNCATION_REASONS:
            raise PageError(
                file, "truncated", f"truncated in the middle of a {encoding} character at byte {e.start}"
            ) from None
        raise PageError(file, "undecodable", f"invalid {encoding} at byte {e.start}: {e.reason}") from None
    if check_chars and _BINARY_CHARS.search(text):
        raise PageError(file, "binary", f"binary content after decoding as {encoding}")
    if not text.strip():
        raise PageError(file, "empty", "empty file (only whitespace)")
    return text


def discover(sources_dir: Path) -> list[Path]:
    """The page files of ``sources_dir``, sorted by name."""
    # scandir: file types come with the listing (no stat per page), and names
    # sort faster than Paths (the same order: one folder).
    with os.scandir(sources_dir) as entries:
        names = sorted(e.name for e in entries if e.is_file() and not e.name.startswith(".") and e.name != METADATA_FILE)
    return [sources_dir / name for name in names]


def source_id_of(path: Path) -> str:
    """A page's ``source_id`` from its path relative to the sources folder
    (see ``walk``): the file name without its extension, preceded for a page
    in a subfolder by its folders, each followed by ``NESTED_SEPARATOR``
    (``2023/01/page.txt`` -> ``2023__01__page``)."""
    stem = path.stem if path.suffix else path.name
    return NESTED_SEPARATOR.join([*path.parts[:-1], stem])


# --- the tree of pages --------------------------------------------------------

#: Pages are the files whose name matches this pattern (``etl run --pattern``).
DEFAULT_PATTERN = "*.txt"

#: Joins a nested page's folders and file name into its source_id.
NESTED_SEPARATOR = "__"


@dataclass
class Found:
    """What ``walk`` found: the pages (paths relative to the sources folder,
    in run order) and the files it skipped, each with why."""

    pages: list[Path]
    skipped: list[tuple[str, str]]  # (path relative to the sources folder, reason)


def _order(rel: Path) -> tuple:
    """Run order: the pages at the top of the sources folder first (their
    ids are those of earlier versions and win any clash), then the nested
    ones, each group by its path's components."""
    return (len(rel.parts) > 1, rel.parts)


def walk(sources_dir: Path, pattern: str = DEFAULT_PATTERN) -> Found:
    """The pages in the whole tree under ``sources_dir``: the files whose
    name matches ``pattern`` (``fnmatch``, case-sensitive).  Skipped, and
    reported: other files (``metadata.csv`` at the top is not a page and
    not reported), hidden files and folders (names starting with a dot,
    reported once per folder), symbolic links whose target lies outside
    the sources folder (nothing outside it is ever read) or is a folder
    (its pages are read where they lie), broken links, anything that is
    not a regular file, folders that cannot be listed.  A link to a file
    inside the sources folder is a page like any other.  Nothing is read
    but folder listings."""
    root = os.path.realpath(sources_dir)
    pages: list[Path] = []
    skipped: list[tuple[str, str]] = []
    folders = [""]  # relative posix paths still to list
    while folders:
        rel_dir = folders.pop()
        try:
            with os.scandir(os.path.join(root, rel_dir) if rel_dir else root) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as e:
            skipped.append((rel_dir + "/", f"folder cannot be listed: {e.strerror}"))
            continue
        for entry in entries:
            rel = f"{rel_dir}/{entry.name}" if rel_dir else entry.name
            if not rel_dir and entry.name == METADATA_FILE:
                continue
            if entry.name.startswith("."):
                skipped.append((rel + ("/" if entry.is_dir(follow_symlinks=False) else ""), "hidden"))
                continue
            try:
                if entry.is_symlink():
                    target = os.path.realpath(entry.path)
                    if target != root and not target.startswith(root + os.sep):
                        skipped.append((rel, "symbolic link to outside the sources folder"))
                        continue
                    if os.path.isdir(target):
                        skipped.append((rel, "symbolic link to a folder (its pages are read where they lie)"))
                        continue
                    if not os.path.exists(target):
                        skipped.append((rel, "broken symbolic link"))
                        continue
                if entry.is_dir(follow_symlinks=False):
                    folders.append(rel)
                    continue
                is_file = entry.is_file()  # (a link: its target inside the folder)
            except OSError as e:
                skipped.append((rel, f"cannot be examined: {e.strerror}"))
                continue
            if not is_file:
                skipped.append((rel, "not a regular file"))
            elif not fnmatch.fnmatchcase(entry.name, pattern):
                skipped.append((rel, f"not a page (does not match {pattern})"))
            else:
                pages.append(Path(rel))
    pages.sort(key=_order)
    skipped.sort(key=lambda s: _order(Path(s[0])))
    return Found(pages, skipped)


def read_metadata(sources_dir: Path) -> dict[str, dict[str, str]]:
    """Metadata rows keyed by source_id; an absent file means no metadata."""
    path = sources_dir / METADATA_FILE
    if not path.exists():
        return {}
    try:
        with path.open(encoding="utf-8-sig", newline="") as f:
            reader = csv.DictReader(f)
            if not reader.fieldnames or "file_name" not in reader.fieldnames:
                raise MetadataError(f"{path}: no 'file_name' column")
            unknown = set(reader.fieldnames) - set(METADATA_COLUMNS)
            if unknown:
                raise MetadataError(f"{path}: unknown columns {sorted(unknown)}; expected {list(METADATA_COLUMNS)}")
            rows: dict[str, dict[str, str]] = {}
            for line, row in enumerate(reader, start=2):
                name = (row.get("file_name") or "").strip()
                if not name:
                    raise MetadataError(f"{path}:{line}: empty file_name")
                sid = source_id_of(Path(name))
                if sid in rows:
                    raise MetadataError(f"{path}:{line}: {name} is described twice")
                rows[sid] = {k: (v or "").strip() for k, v in row.items() if k in METADATA_COLUMNS}
            return rows
    except (OSError, UnicodeDecodeError, csv.Error) as e:
        raise MetadataError(f"{path}: {e}") from None
