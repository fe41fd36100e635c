"""Run state: what each page produced, so a re-run only processes what changed.

A page's entry is keyed by everything its rows depend on: the raw bytes, its
file name (ids embed the source_id), its metadata row (the issue date resolves
relative dates), the size limit, and the extractor fingerprint (a hash of the
job's code and rule files, so any change to the extractor re-processes every
page).  Entries live in SQLite (see ``State``); an unreadable entry is treated
as a miss and recomputed.

The state also remembers each source file's content hash with the file's
size, modification and change times and inode (``State.known_file``), so an
unchanged page is not read again just to learn that it is unchanged (git's
index and rsync's quick check work the same way).
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import importlib.metadata
import json
import os
import pickle
import sqlite3
from collections.abc import Iterable
from pathlib import Path

import etl
from etl.batch.page import PageLimits, PageOutcome
from etl.package.metadata import METADATA_FILE
from etl.package.transform import to_columns

PROJECT_DIR = Path(etl.PROJECT_DIR)


#: Packages whose versions shape what a cached page stands for: polars
#: writes the published bytes (the Parquet footer records its version) and
#: pandera's checks vouch for the cached rows.
FINGERPRINTED_PACKAGES = ("polars", "pandera")


#: What a page's outcome depends on, besides its bytes and metadata: the
#: extraction and semantic code, the code that turns a page into rows
#: (reading and decoding, the page step, plausibility flags, typed columns),
#: and the rules (``schemas/``: table schemas, codebook, vocabularies; not
#: the package's metadata file, whose data version a release bumps).
#: Editing anything else (the command line, publishing, the package checks)
#: does not re-process the archive.
FINGERPRINTED_PATHS = (
    "etl/extract", "etl/semantic", "etl/batch/sources.py", "etl/batch/page.py",
    "etl/package/flags.py", "etl/package/schema.py", "etl/package/transform.py", "schemas",
)


def _fingerprint(paths: tuple[str, ...], suffixes: frozenset[str], packages: tuple[str, ...], skip: frozenset[Path]) -> str:
    """Hash of the files under ``paths`` (relative to the project) with one
    of ``suffixes``, except ``skip``, and of the versions of ``packages``."""
    h = hashlib.sha256()
    for rel in paths:
        top = PROJECT_DIR / rel
        for path in sorted(top.rglob("*")) if top.is_dir() else [top]:
            if path.is_file() and path.suffix in suffixes and path not in skip:
                h.update(path.relative_to(PROJECT_DIR).as_posix().encode())
                h.update(path.read_bytes())
    for dist in packages:
        try:
            h.update(f"{dist}=={importlib.metadata.version(dist)}".encode())
        except importlib.metadata.PackageNotFoundError:
            h.update(f"{dist} absent".encode())
    return h.hexdigest()[:16]


_RULE_SUFFIXES = frozenset({".py", ".json", ".csv", ".yaml", ".yml"})


@functools.cache
def extractor_fingerprint() -> str:
    """Hash of ``FINGERPRINTED_PATHS`` and the versions of
    ``FINGERPRINTED_PACKAGES``."""
    return _fingerprint(FINGERPRINTED_PATHS, _RULE_SUFFIXES, FINGERPRINTED_PACKAGES, frozenset({METADATA_FILE}))


#: What the published package depends on besides the pages' rows: all of
#: the job's code (the descriptor, the documentation and the landing page
#: are written by etl/package) and schemas/ including the package's metadata
#: file.  A run whose pages are all unchanged keeps the published package
#: only when this is unchanged too: an upgraded job re-publishes (from the
#: cached rows, without re-processing a page).
PUBLISHER_PATHS = ("etl", "schemas")
PUBLISHER_PACKAGES = ("polars", "pandera", "frictionless", "pyarrow", "pygal")


@functools.cache
def publisher_fingerprint() -> str:
    """Hash of ``PUBLISHER_PATHS`` and the versions of ``PUBLISHER_PACKAGES``."""
    return _fingerprint(PUBLISHER_PATHS, _RULE_SUFFIXES | {".html", ".css", ".md"}, PUBLISHER_PACKAGES, frozenset())


def page_key(file_name: str, sha256: str, metadata: dict | None, limits: PageLimits) -> str:
    """The state's key of a page's outcome: what shapes it (the code, the
    page, its metadata, the page budgets, which may quarantine it)."""
    h = hashlib.sha256()
    payload = [
        extractor_fingerprint(), file_name, sha256, sorted((metadata or {}).items()),
        limits.max_bytes, limits.max_rows, limits.seconds,
    ]
    h.update(json.dumps(payload, ensure_ascii=False).encode())
    return h.hexdigest()


def dump_outcome(outcome: PageOutcome) -> bytes:
    """A page's outcome as stored in the state, its rows as columns.

    Workers pickle it once, so the pipeline stores the very bytes it
    receives instead of pickling the rows a second time.  Columns rather
    than row dicts: they unpickle in about half the time and build polars
    frames without a conversion, and the main process, which loads every
    page, is the serial part of a run."""
    fields = dict(outcome.__dict__)
    fields["columns"] = {t: to_columns(t, rows) for t, rows in fields.pop("tables").items()}
    return pickle.dumps(fields, protocol=pickle.HIGHEST_PROTOCOL)


def load_outcome(blob: bytes) -> PageOutcome:
    """A stored outcome, its rows in ``columns`` (``tables`` is empty)."""
    return PageOutcome(**pickle.loads(blob))


#: Entries written per SQLite transaction (see ``State.put``).
PUT_BATCH = 256

#: A file's recorded hash is trusted only if the file had last changed this
#: long before it was hashed (see ``State.known_file``): more than the
#: coarsest timestamp granularity in use (FAT: 2 s) and clock skew between
#: this machine and a network file server.
SETTLE_NS = 3_000_000_000


class State:
    """The page cache: one SQLite database, ``<directory>/pages.sqlite``.

    SQLite (standard library) gives atomic, crash-safe writes and cheap
    look-ups for archives of millions of pages, where a file per page would
    cost an ``open`` each.  Outcomes are stored pickled: the state is a local
    cache written only by this job (never published, never shared), and
    pickle round-trips dates and None exactly and fast.  A corrupt or
    unreadable database is discarded and rebuilt: it is only a cache.
    """

    def __init__(self, directory: Path):
        self.directory = directory
        directory.mkdir(parents=True, exist_ok=True)
        self.db_path = directory / "pages.sqlite"
        self._pending: list[tuple[str, bytes]] = []  # entries put but not yet written
        try:
            self.db = self._open()
        except sqlite3.DatabaseError:
            self.db_path.unlink(missing_ok=True)
            self.db = self._open()

    def _open(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.db_path, isolation_level=None)
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=NORMAL")
        columns = [row[1] for row in db.execute("PRAGMA table_info(outcomes)")]
        if "validated" in columns:  # the layout with the mark in each entry: its entries are discarded once
            db.execute("DROP TABLE outcomes")
        db.execute("DROP TABLE IF EXISTS pages")  # an older layout still (entries are stale anyway)
        db.execute("CREATE TABLE IF NOT EXISTS outcomes (key TEXT PRIMARY KEY, outcome BLOB NOT NULL)")
        # The entries whose rows passed the schema checks of a run that
        # published them (the key covers the schemas, via the fingerprint).
        # A table of its own: marking a column of ``outcomes`` would make
        # SQLite rewrite each entry's whole outcome (measured: 38 ms for
        # 2,000 entries of 18 KB, against 2 ms here).
        db.execute("CREATE TABLE IF NOT EXISTS validated (key TEXT PRIMARY KEY)")
        db.execute("CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT NOT NULL)")
        db.execute(
            "CREATE TABLE IF NOT EXISTS files (path TEXT PRIMARY KEY, size INTEGER NOT NULL, mtime_ns INTEGER NOT NULL,"
            " ctime_ns INTEGER NOT NULL, ino INTEGER NOT NULL, sha256 TEXT NOT NULL, blank INTEGER NOT NULL,"
            " hashed_at_ns INTEGER NOT NULL)"
        )
        return db

    def known_file(self, path: str, st: os.stat_result) -> tuple[str, bool] | None:
        """(sha256, blank) recorded for the file at ``path`` (absolute), if it
        is provably the file that was hashed, unchanged: same size,
        modification time, change time and inode, and it had last changed at
        least ``SETTLE_NS`` before it was hashed.  (A file changed again
        within its timestamps' granularity of a change just before it was
        hashed could keep its times: such a file is hashed again, as git
        does with "racily clean" files.)  The change time cannot be set by
        tools that copy or restore files, so rewriting a page always shows.
        None: read and hash the file (and ``record_files``)."""
        row = self.db.execute(
            "SELECT size, mtime_ns, ctime_ns, ino, sha256, blank, hashed_at_ns FROM files WHERE path = ?", (path,)
        ).fetchone()
        if row is None or tuple(row[:4]) != (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino):
            return None
        if max(st.st_mtime_ns, st.st_ctime_ns) + SETTLE_NS > row[6]:
            return None
        return row[4], bool(row[5])

    def record_files(self, rows: list[tuple[str, os.stat_result, str, bool, int]]) -> None:
        """Remember (path, stat taken before reading, sha256, blank, when it
        was hashed in ns) for files just hashed; one transaction."""
        if not rows:
            return
        with self._transaction():
            self.db.executemany(
                "INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                ((path, st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino, sha, int(blank), at) for path, st, sha, blank, at in rows),
            )

    def lookup(self, key: str) -> tuple[bool, bool]:
        """(whether the state holds an entry for ``key``, whether its rows
        were validated), without loading it."""
        self.flush()
        row = self.db.execute(
            "SELECT EXISTS (SELECT 1 FROM validated WHERE key = ?) FROM outcomes WHERE key = ?", (key, key)
        ).fetchone()
        return (False, False) if row is None else (True, bool(row[0]))

    def mark_validated(self, keys: list[str]) -> None:
        """Record that these entries' rows passed the schema checks and were
        published: later runs need not check them again."""
        self.flush()
        with self._transaction():
            self.db.executemany("INSERT OR IGNORE INTO validated (key) VALUES (?)", ((k,) for k in keys))

    def get(self, key: str) -> PageOutcome | None:
        """One page's outcome, unpickled on demand: the pipeline loads cached
        pages one at a time, in output order, never all at once."""
        self.flush()
        row = self.db.execute("SELECT outcome FROM outcomes WHERE key = ?", (key,)).fetchone()
        if row is None:
            return None
        try:
            return load_outcome(row[0])
        except Exception:  # a damaged entry is a miss: the page is processed again
            return None

    def put(self, key: str, blob: bytes) -> None:
        """Store a page's outcome, as pickled by ``dump_outcome``.

        Writes are grouped: ``PUT_BATCH`` of them per transaction (a commit
        per page cost ~0.2 ms each, in the serial part of a run).  Entries
        still pending are written by ``flush`` (and ``close``); a crash
        loses at most them, and the pages are processed again next time."""
        self._pending.append((key, blob))
        if len(self._pending) >= PUT_BATCH:
            self.flush()

    def flush(self) -> None:
        """Write the pending entries in one transaction."""
        if self._pending:
            with self._transaction():
                self.db.executemany("INSERT OR REPLACE INTO outcomes (key, outcome) VALUES (?, ?)", self._pending)
                # A new outcome has not passed the checks yet.
                self.db.executemany("DELETE FROM validated WHERE key = ?", ((key,) for key, _ in self._pending))
            self._pending = []

    def prune(self, keep: Iterable[str]) -> int:
        """Delete entries of pages no longer in the archive; return how many."""
        self.flush()
        return self._delete_all_but(("outcomes", "validated"), "key", keep)

    def forget_file(self, path: str) -> None:
        """Drop a file's recorded hash (it was found wrong): hash it next time."""
        self.db.execute("DELETE FROM files WHERE path = ?", (path,))

    def prune_files(self, keep: Iterable[str]) -> int:
        """Forget the recorded hashes of files not in ``keep`` (absolute paths); return how many."""
        return self._delete_all_but(("files",), "path", keep)

    def _delete_all_but(self, tables: tuple[str, ...], column: str, keep: Iterable[str]) -> int:
        """Delete the rows of ``tables`` whose ``column`` is not in ``keep``,
        in one transaction (``keep`` goes through a temporary table: archives
        have millions of pages); return how many rows of the first table."""
        self.db.execute("CREATE TEMP TABLE IF NOT EXISTS keep (value TEXT PRIMARY KEY)")
        with self._transaction():
            self.db.execute("DELETE FROM keep")
            self.db.executemany("INSERT OR IGNORE INTO keep (value) VALUES (?)", ((k,) for k in keep))
            removed = [
                self.db.execute(f"DELETE FROM {table} WHERE {column} NOT IN (SELECT value FROM keep)").rowcount
                for table in tables
            ]
        return removed[0]

    @contextlib.contextmanager
    def _transaction(self):
        """One transaction (the connection is in autocommit mode, where each
        statement would be its own): committed, or rolled back if the block
        raises."""
        self.db.execute("BEGIN")
        try:
            yield
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    def read_manifest(self) -> dict:
        row = self.db.execute("SELECT value FROM meta WHERE name = 'manifest'").fetchone()
        try:
            return json.loads(row[0]) if row else {}
        except ValueError:
            return {}

    def write_manifest(self, manifest: dict) -> None:
        value = json.dumps(manifest, ensure_ascii=False, sort_keys=True)
        self.db.execute("INSERT OR REPLACE INTO meta (name, value) VALUES ('manifest', ?)", (value,))

    def close(self) -> None:
        self.flush()
        self.db.close()
