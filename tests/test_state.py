"""The run state: page outcomes cached in SQLite, written in batches."""

from __future__ import annotations

import sqlite3

from etl.batch import state as state_mod
from etl.batch.page import process_page
from etl.batch.state import State, dump_outcome, load_outcome

PAGE = "2022年，全区城镇新增就业1.2万人，完成目标任务的113.74%。".encode()


def test_an_outcome_round_trips_as_columns():
    outcome = process_page("p.txt", PAGE, None, 1 << 20)
    loaded = load_outcome(dump_outcome(outcome))
    assert loaded.tables == {} and set(loaded.columns) == set(outcome.tables)
    figures = loaded.columns["figures"]
    assert figures["surface"] == [row["surface"] for row in outcome.tables["figures"]]
    assert (loaded.file_name, loaded.sha256, loaded.status) == (outcome.file_name, outcome.sha256, outcome.status)


def test_puts_are_batched_but_always_visible_and_written_on_close(tmp_path, monkeypatch):
    monkeypatch.setattr(state_mod, "PUT_BATCH", 3)
    blob = dump_outcome(process_page("p.txt", PAGE, None, 1 << 20))
    st = State(tmp_path)
    for i in range(4):
        st.put(f"k{i}", blob)

    def on_disk() -> int:
        with sqlite3.connect(tmp_path / "pages.sqlite") as db:
            return db.execute("SELECT count(*) FROM outcomes").fetchone()[0]

    assert on_disk() == 3  # one batch written, one entry pending
    assert st.lookup("k3") == (True, False)  # a pending entry is seen (written first)
    st.put("k4", blob)
    st.close()
    assert on_disk() == 5
    again = State(tmp_path)
    assert again.get("k4").status == "ok"


def test_validated_marks_and_pruning(tmp_path):
    blob = dump_outcome(process_page("p.txt", PAGE, None, 1 << 20))
    st = State(tmp_path)
    for key in ("a", "b", "c"):
        st.put(key, blob)
    st.mark_validated(["a", "c"])
    assert [st.lookup(k) for k in ("a", "b", "c", "d")] == [(True, True), (True, False), (True, True), (False, False)]
    assert st.prune({"a", "b"}) == 1
    assert st.lookup("c") == (False, False)
    st.put("a", blob)  # a new outcome for a marked key: not checked yet
    assert st.lookup("a") == (True, False)
    st.close()
    with sqlite3.connect(tmp_path / "pages.sqlite") as db:  # marks of pruned entries went with them
        assert sorted(k for (k,) in db.execute("SELECT key FROM validated")) == []


def test_a_state_of_the_former_layout_is_rebuilt_not_misread(tmp_path):
    """States written before the marks had their own table kept the mark in
    a column of ``outcomes``: their entries are dropped (a cache: the pages
    are processed again), and the state works as new."""
    blob = dump_outcome(process_page("p.txt", PAGE, None, 1 << 20))
    with sqlite3.connect(tmp_path / "pages.sqlite") as db:
        db.execute("CREATE TABLE outcomes (key TEXT PRIMARY KEY, outcome BLOB NOT NULL, validated INTEGER NOT NULL DEFAULT 0)")
        db.execute("INSERT INTO outcomes VALUES ('a', ?, 1)", (blob,))
    st = State(tmp_path)
    assert st.lookup("a") == (False, False)
    st.put("a", blob)
    st.mark_validated(["a"])
    assert st.lookup("a") == (True, True) and st.get("a").status == "ok"
    st.close()


def test_recorded_file_hashes_are_pruned_to_the_archive(tmp_path, monkeypatch):
    import os

    monkeypatch.setattr(state_mod, "SETTLE_NS", 0)
    pages = [tmp_path / name for name in ("a.txt", "b.txt")]
    for page in pages:
        page.write_text("x", encoding="utf-8")
    st = State(tmp_path / "state")
    st.record_files([(str(page), os.stat(page), "h" + page.stem, False, os.stat(page).st_ctime_ns + 1) for page in pages])
    assert [st.known_file(str(page), os.stat(page)) for page in pages] == [("ha", False), ("hb", False)]
    assert st.prune_files([str(pages[0])]) == 1
    assert [st.known_file(str(page), os.stat(page)) for page in pages] == [("ha", False), None]
    assert st.prune({"nothing"}) == 0  # the outcomes' pruning does not touch the files' table
    assert st.known_file(str(pages[0]), os.stat(pages[0])) == ("ha", False)
    st.close()


def test_a_state_of_the_old_layout_is_replaced(tmp_path):
    with sqlite3.connect(tmp_path / "pages.sqlite") as db:
        db.execute("CREATE TABLE pages (key TEXT PRIMARY KEY, outcome BLOB NOT NULL)")
        db.execute("INSERT INTO pages VALUES ('a', x'00')")
    st = State(tmp_path)
    assert st.lookup("a") == (False, False)
    st.put("a", dump_outcome(process_page("p.txt", PAGE, None, 1 << 20)))
    assert st.get("a").status == "ok"
    st.close()


def test_the_fingerprint_covers_the_versions_of_polars_and_pandera(monkeypatch):
    import importlib.metadata

    before = state_mod.extractor_fingerprint()
    real_version = importlib.metadata.version
    state_mod.extractor_fingerprint.cache_clear()
    monkeypatch.setattr(importlib.metadata, "version", lambda d: "0.0.0" if d == "polars" else real_version(d))
    try:
        assert state_mod.extractor_fingerprint() != before
    finally:
        state_mod.extractor_fingerprint.cache_clear()
    monkeypatch.undo()
    assert state_mod.extractor_fingerprint() == before
