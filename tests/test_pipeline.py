"""The job end to end: publishing, determinism, incremental runs, bad pages."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import polars as pl
import pytest

from bench.synthetic import write_archive
from etl.batch import pipeline, state
from etl.package import schema, transform
from etl.batch.pipeline import EXIT_FAILED, EXIT_OK, EXIT_QUARANTINED, RunOptions, run
from etl.package.validate import check_package, sha256_file

from conftest import PROJECT


def files_of(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def options(tmp_path: Path, sources: Path, **kw) -> RunOptions:
    return RunOptions(sources_dir=sources, out=tmp_path / "dist", state_dir=tmp_path / "state", **kw)


def test_the_seed_publishes_a_valid_package(tmp_path, archive):
    result = run(options(tmp_path, archive, report_path=tmp_path / "report.json"))
    assert result.exit_code == EXIT_OK, result.error
    check_package(tmp_path / "dist")
    report = json.loads((tmp_path / "report.json").read_text())
    assert report["pages"] == [{"file": "000_e1c532de56ee5a29.txt", "source_id": "000_e1c532de56ee5a29", "status": "published"}]
    assert report["table_rows"]["sources"] == 1
    assert set(report["timings_seconds"]) >= {"read", "extract", "transform", "validate", "publish_write", "publish_validate", "publish_swap"}
    assert {"etl", "extractor", "polars", "pandera", "frictionless"} <= set(report["versions"])


def test_two_runs_give_byte_identical_packages(tmp_path, archive):
    first = run(options(tmp_path / "a", archive))
    second = run(options(tmp_path / "b", archive))
    assert first.exit_code == second.exit_code == EXIT_OK
    assert files_of(tmp_path / "a" / "dist") == files_of(tmp_path / "b" / "dist")


def test_committed_dist_equals_a_fresh_rebuild(tmp_path):
    result = run(options(tmp_path, PROJECT / "sources"))
    assert result.exit_code == EXIT_OK, result.error
    assert files_of(tmp_path / "dist") == files_of(PROJECT / "dist"), "dist/ is stale: run `etl run` and commit it"


def test_incremental_runs_process_only_what_changed(tmp_path):
    sources = tmp_path / "src"
    write_archive(sources, 6, seed=1)
    opts = options(tmp_path, sources, workers=1)
    assert run(opts).exit_code == EXIT_OK
    again = run(opts)
    assert {p["status"] for p in again.pages} == {"unchanged"}

    added = write_archive(tmp_path / "more", 1, seed=2)[0]
    shutil.copy(added, sources / added.name)
    (sources / "synthetic_001_000000.txt").unlink()
    incremental = run(opts)
    statuses = {p["file"]: p["status"] for p in incremental.pages}
    assert statuses.pop(added.name) == "published"
    assert statuses.pop("synthetic_001_000000.txt") == "removed"
    assert set(statuses.values()) == {"unchanged"}

    scratch = run(options(tmp_path / "scratch", sources, workers=1))
    assert files_of(tmp_path / "dist") == files_of(tmp_path / "scratch" / "dist")
    published = (tmp_path / "dist" / "data" / "sources.csv").read_text()
    assert "synthetic_001_000000" not in published and added.stem in published
    assert scratch.exit_code == EXIT_OK


def _count_page_reads(monkeypatch, folder: Path) -> list[str]:
    """Record the names of the files of ``folder`` read through Path.read_bytes."""
    reads: list[str] = []
    real_read_bytes = Path.read_bytes

    def counting(self):
        if self.parent == folder:
            reads.append(self.name)
        return real_read_bytes(self)

    monkeypatch.setattr(Path, "read_bytes", counting)
    return reads


def test_an_upgraded_job_republishes_unchanged_pages_and_an_unchanged_one_keeps_the_package(tmp_path, monkeypatch):
    """The package depends on the job's code and schemas, not only on the
    pages' rows (its README, descriptor and landing page are written by
    etl/package): with the same pages, the same job keeps the published
    package as it is, and a changed job publishes it again (from the cached
    rows: no page is processed again)."""
    sources = tmp_path / "src"
    write_archive(sources, 3, seed=1)
    opts = options(tmp_path, sources, workers=1)
    assert run(opts).exit_code == EXIT_OK
    first = (tmp_path / "dist").stat().st_ino
    assert run(opts).exit_code == EXIT_OK
    assert (tmp_path / "dist").stat().st_ino == first, "same job, same pages: the package is kept"
    monkeypatch.setattr(pipeline, "publisher_fingerprint", lambda: "an upgraded job")
    upgraded = run(opts)
    assert upgraded.exit_code == EXIT_OK
    assert {p["status"] for p in upgraded.pages} == {"unchanged"}, "no page is processed again"
    assert (tmp_path / "dist").stat().st_ino != first, "the package is published again"
    check_package(tmp_path / "dist")


def test_unchanged_pages_are_not_read_again(tmp_path, monkeypatch):
    """A page whose size, times and inode are those recorded when it was
    hashed is not read again (its hash comes from the state)."""
    sources = tmp_path / "src"
    write_archive(sources, 4, seed=1)
    monkeypatch.setattr(state, "SETTLE_NS", 0)  # the pages were written just now
    opts = options(tmp_path, sources, workers=1)
    assert run(opts).exit_code == EXIT_OK
    reads = _count_page_reads(monkeypatch, sources)
    again = run(opts)
    assert {p["status"] for p in again.pages} == {"unchanged"}
    assert reads == []


def test_a_rewritten_page_is_read_again_even_with_its_times_restored(tmp_path, monkeypatch):
    """Same size, modification time put back (as a copy tool would): the
    change time still differs, so the page is hashed and processed again."""
    sources = tmp_path / "src"
    write_archive(sources, 3, seed=1)
    # No settling rule at all (even a change after hashing would pass it):
    # the recorded size, times and inode alone must catch the rewrite.
    monkeypatch.setattr(state, "SETTLE_NS", -(10**18))
    opts = options(tmp_path, sources, workers=1)
    assert run(opts).exit_code == EXIT_OK
    page = sorted(sources.glob("*.txt"))[1]
    before = page.stat()
    text = page.read_text(encoding="utf-8")
    changed = text.replace("2022", "2021", 1)
    assert changed != text and len(changed.encode()) == before.st_size
    page.write_text(changed, encoding="utf-8")
    os.utime(page, ns=(before.st_atime_ns, before.st_mtime_ns))
    reads = _count_page_reads(monkeypatch, sources)
    result = run(opts)
    assert {p["file"]: p["status"] for p in result.pages}[page.name] == "published"
    assert page.name in reads
    scratch = run(options(tmp_path / "scratch", sources, workers=1))
    assert files_of(tmp_path / "dist") == files_of(tmp_path / "scratch" / "dist")
    assert scratch.exit_code == EXIT_OK


def test_a_page_hashed_right_after_it_changed_is_hashed_again(tmp_path, monkeypatch):
    """Timestamps have a granularity: a page changed just before it was
    hashed could change again and keep its times, so its recorded hash is
    not trusted until it had settled (state.SETTLE_NS) before hashing."""
    sources = tmp_path / "src"
    write_archive(sources, 2, seed=1)
    opts = options(tmp_path, sources, workers=1)
    assert run(opts).exit_code == EXIT_OK  # hashed within SETTLE_NS of being written
    reads = _count_page_reads(monkeypatch, sources)
    assert {p["status"] for p in run(opts).pages} == {"unchanged"}
    assert sorted(reads) == sorted(p.name for p in sources.glob("*.txt"))


def test_rows_are_schema_checked_once_unless_a_run_fails(tmp_path, monkeypatch):
    """Rows of a page an earlier run checked and published are not checked
    again; after a failed run, its pages' rows are checked the next time."""
    from etl.package import validate

    checked: dict[str, int] = {}
    real_check = validate.check_table

    def counting(table, df):
        checked[table] = checked.get(table, 0) + df.height
        return real_check(table, df)

    monkeypatch.setattr(validate, "check_table", counting)
    sources = tmp_path / "src"
    write_archive(sources, 3, seed=1)
    opts = options(tmp_path, sources, workers=1)
    first = run(opts)
    assert first.exit_code == EXIT_OK and checked == first.counts  # every row of every table

    checked.clear()
    added = write_archive(tmp_path / "more", 1, seed=2)[0]
    shutil.copy(added, sources / added.name)
    second = run(opts)
    assert second.exit_code == EXIT_OK
    codebook_tables = {t for t in schema.TABLES if "source_id" not in schema.field_names(t)}
    page_rows = {t: n - first.counts[t] for t, n in second.counts.items() if t not in codebook_tables}
    # (The codebook, made by the same code, was checked by the first run.)
    assert page_rows["sources"] == 1 and page_rows["figures"] >= 1
    assert {t: n for t, n in checked.items() if n} == {t: n for t, n in page_rows.items() if n}

    # A run that fails after checking (here: while publishing) validates nothing ...
    checked.clear()
    more = write_archive(tmp_path / "more2", 1, seed=3)[0]
    shutil.copy(more, sources / more.name)
    real_write = pipeline.publish.write_package
    monkeypatch.setattr(pipeline.publish, "write_package", lambda *a, **k: (_ for _ in ()).throw(OSError("disk full")))
    assert run(opts).exit_code == EXIT_FAILED
    monkeypatch.setattr(pipeline.publish, "write_package", real_write)
    # ... so the next run checks the new page's rows again (it is cached, not re-processed).
    checked.clear()
    third = run(opts)
    assert third.exit_code == EXIT_OK
    assert {p["file"]: p["status"] for p in third.pages}[more.name] == "published"
    assert checked["sources"] == 1 and checked["figures"] == third.counts["figures"] - second.counts["figures"]
    assert "codebook" not in checked
    assert files_of(tmp_path / "dist") == files_of(_scratch(tmp_path, sources))

    # Other code, schemas or pandera (another fingerprint): the codebook is checked again.
    checked.clear()
    monkeypatch.setattr(pipeline, "extractor_fingerprint", lambda: "other code")
    (sources / more.name).unlink()
    assert run(opts).exit_code == EXIT_OK
    assert {t: n for t, n in checked.items() if n} == {t: first.counts[t] for t in codebook_tables}


def _scratch(tmp_path: Path, sources: Path) -> Path:
    """The package of a from-scratch run on ``sources``."""
    assert run(options(tmp_path / "scratch", sources, workers=1)).exit_code == EXIT_OK
    return tmp_path / "scratch" / "dist"


def _run_in_a_fresh_interpreter(opts: RunOptions) -> list[str]:
    """Run the job in a new Python process: its exit code, the pages'
    statuses, and whether pandera and pandas were imported, as printed."""
    import subprocess
    import sys

    code = (
        "import sys; from pathlib import Path; from etl.batch.pipeline import RunOptions, run; "
        "r = run(RunOptions(sources_dir=Path(sys.argv[1]), out=Path(sys.argv[2]), state_dir=Path(sys.argv[3]))); "
        "print(r.exit_code, [p['status'] for p in r.pages], 'pandera' in sys.modules, 'pandas' in sys.modules)"
    )
    argv = [sys.executable, "-c", code, str(opts.sources_dir), str(opts.out), str(opts.state_dir)]
    done = subprocess.run(argv, capture_output=True, text=True, cwd=PROJECT, check=True)
    return done.stdout.split() or [done.stderr]


def test_a_run_with_nothing_new_does_not_import_pandera(tmp_path, archive):
    """pandera costs ~0.3 s to import (and pandas ~0.8 s); a scheduled run
    that finds nothing new must not pay it."""
    opts = options(tmp_path, archive)
    assert run(opts).exit_code == EXIT_OK
    assert _run_in_a_fresh_interpreter(opts) == ["0", "['unchanged']", "False", "False"]


def _synthetic(folder: Path, names: list[str], seed: int) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, path in zip(names, write_archive(folder / ".gen", len(names), seed=seed)):
        path.rename(folder / name)
    (folder / ".gen").rmdir()


def test_unchanged_pages_rows_come_from_the_published_package(tmp_path, monkeypatch):
    """An incremental run takes unchanged pages' rows from the package it
    published (never loading them from the state) and publishes exactly
    what a run from scratch would: pages added between others, changed,
    removed; and when that package was tampered with it loads them from
    the state instead."""
    sources = tmp_path / "src"
    _synthetic(sources, ["a1.txt", "a3.txt", "a5.txt", "a7.txt"], seed=1)
    opts = options(tmp_path, sources, workers=1)
    assert run(opts).exit_code == EXIT_OK

    loaded: list[str] = []
    real_get = state.State.get
    monkeypatch.setattr(state.State, "get", lambda self, key: loaded.append(key) or real_get(self, key))
    _synthetic(sources, ["a0.txt", "a4.txt", "a9.txt"], seed=2)  # before, between and after
    (sources / "a5.txt").write_bytes((sources / "a5.txt").read_bytes().replace("万".encode(), "千".encode()))  # changed
    (sources / "a7.txt").unlink()  # removed
    result = run(opts)
    assert result.exit_code == EXIT_OK and loaded == []
    statuses = {p["file"]: p["status"] for p in result.pages}
    assert statuses == {"a0.txt": "published", "a1.txt": "unchanged", "a3.txt": "unchanged", "a4.txt": "published",
                        "a5.txt": "published", "a7.txt": "removed", "a9.txt": "published"}
    assert files_of(tmp_path / "dist") == files_of(_scratch(tmp_path / "s1", sources))

    # A published file that no longer matches its hash: nothing is taken from it.
    figures = tmp_path / "dist" / "data" / "figures.parquet"
    figures.write_bytes(figures.read_bytes()[:-1] + b"\0")
    _synthetic(sources, ["a2.txt"], seed=3)
    result = run(opts)
    assert result.exit_code == EXIT_OK and len(loaded) == 6  # the unchanged pages, from the state
    assert files_of(tmp_path / "dist") == files_of(_scratch(tmp_path / "s2", sources))


def test_a_changed_extractor_reprocesses_everything(tmp_path, archive, monkeypatch):
    import etl.batch.state

    opts = options(tmp_path, archive)
    assert run(opts).exit_code == EXIT_OK
    assert {p["status"] for p in run(opts).pages} == {"unchanged"}
    monkeypatch.setattr(etl.batch.state, "extractor_fingerprint", lambda: "a-new-extractor")
    assert {p["status"] for p in run(opts).pages} == {"published"}


BAD_PAGES = {
    "empty.txt": (b"", "empty"),
    "image.txt": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary"),
    "cut.txt": ("就业人数".encode("utf-8")[:-1], "truncated"),
    "garbage.txt": (b"abc \x80\x80\xff\xff def", "undecodable"),
}


def test_bad_pages_are_quarantined_and_the_good_ones_published(tmp_path, archive):
    for name, (data, _) in BAD_PAGES.items():
        (archive / name).write_bytes(data)
    shutil.copy(archive / "000_e1c532de56ee5a29.txt", archive / "copy_of_seed.txt")
    big = archive / "zz_big.txt"
    big.write_text("就业" * 5000, encoding="utf-8")
    result = run(options(tmp_path, archive, max_bytes=20_000, report_path=tmp_path / "r.json"))
    assert result.exit_code == EXIT_QUARANTINED, result.error
    by_file = {p["file"]: p for p in result.pages}
    for name, (_, reason) in BAD_PAGES.items():
        assert by_file[name]["status"] == "quarantined" and by_file[name]["reason"] == reason
    assert by_file["copy_of_seed.txt"]["reason"] == "duplicate"
    assert "000_e1c532de56ee5a29.txt" in by_file["copy_of_seed.txt"]["detail"]
    assert by_file["zz_big.txt"]["reason"] == "too_large"
    assert by_file["000_e1c532de56ee5a29.txt"]["status"] == "published"
    published = (tmp_path / "dist" / "data" / "sources.csv").read_text()
    assert "000_e1c532de56ee5a29" in published
    for name in [*BAD_PAGES, "copy_of_seed.txt", "zz_big.txt"]:
        assert Path(name).stem not in published
    check_package(tmp_path / "dist")


def test_removing_every_page_publishes_an_empty_valid_package(tmp_path, archive):
    """An empty archive is a package with empty tables (and the codebook),
    not an error: foreign keys over no rows resolve."""
    opts = options(tmp_path, archive)
    assert run(opts).exit_code == EXIT_OK
    for page in archive.glob("*.txt"):
        page.unlink()
    result = run(opts)
    assert result.exit_code == EXIT_OK, result.error
    assert {p["status"] for p in result.pages} == {"removed"}
    # Only the tables that do not come from pages (the codebook's) have rows.
    codebook_tables = {t for t in schema.TABLES if "source_id" not in schema.field_names(t)}
    assert {t for t, n in result.counts.items() if n} == codebook_tables
    check_package(tmp_path / "dist")


def _count_descriptor_checks(monkeypatch) -> list[int]:
    calls: list[int] = []
    real = pipeline.validate.check_with_frictionless

    def counting(package_dir, descriptor, mode):
        if mode != "none":  # (the file checks pass "none")
            calls.append(1)
        return real(package_dir, descriptor, mode)

    monkeypatch.setattr(pipeline.validate, "check_with_frictionless", counting)
    return calls


def test_frictionless_checks_a_descriptor_structure_once(tmp_path, monkeypatch):
    """Adding pages changes hashes, sizes and row counts, not the
    descriptor's structure: frictionless validated that structure when it
    was published, so the run does not call it again; a new structure (a new
    publisher among the sources) and --frictionless full always call it."""
    sources = tmp_path / "src"
    write_archive(sources, 2, seed=1)
    opts = options(tmp_path, sources, workers=1)
    calls = _count_descriptor_checks(monkeypatch)
    assert run(opts).exit_code == EXIT_OK and len(calls) == 1

    shutil.copy(write_archive(tmp_path / "more", 1, seed=2)[0], sources / "added.txt")
    assert run(opts).exit_code == EXIT_OK and len(calls) == 1  # same structure: not called

    (sources / "metadata.csv").write_text(
        "file_name,title,publisher,language,rights,origin,issue_date,issue_date_evidence\n"
        "added.txt,A page,Another Media Center,zh,,,2023-01,\n",
        encoding="utf-8",
    )
    assert run(opts).exit_code == EXIT_OK and len(calls) == 2  # a new publisher: new structure
    assert "Another Media Center" in (tmp_path / "dist" / "datapackage.json").read_text(encoding="utf-8")

    shutil.copy(write_archive(tmp_path / "more2", 1, seed=3)[0], sources / "added2.txt")
    assert run(opts).exit_code == EXIT_OK and len(calls) == 2  # that structure again: not called
    shutil.copy(write_archive(tmp_path / "more3", 1, seed=4)[0], sources / "added3.txt")
    assert run(options(tmp_path, sources, workers=1, frictionless_check="full")).exit_code == EXIT_OK
    assert len(calls) == 3
    check_package(tmp_path / "dist")  # and the package is valid, rows and all, by full frictionless


def test_the_descriptor_structure_key_ignores_only_the_values_the_file_checks_verify():
    from etl.package.validate import descriptor_structure_key

    descriptor = json.loads((PROJECT / "dist" / "datapackage.json").read_text(encoding="utf-8"))
    key = descriptor_structure_key(descriptor)
    other_values = json.loads(json.dumps(descriptor))
    for r in other_values["resources"]:
        r["hash"] = "sha256:" + "0" * 64
        r["x-rows"] = r["x-rows"] + 7
        if "bytes" in r:
            r["bytes"] += 1
    assert descriptor_structure_key(other_values) == key
    bad_hash = json.loads(json.dumps(descriptor))
    bad_hash["resources"][0]["hash"] = "md5:" + "0" * 32
    renamed = json.loads(json.dumps(descriptor))
    renamed["resources"][1]["schema"]["fields"][0]["name"] += "_x"
    not_a_number = json.loads(json.dumps(descriptor))
    not_a_number["resources"][0]["x-rows"] = "many"
    for changed in (bad_hash, renamed, not_a_number):
        assert descriptor_structure_key(changed) != key


def test_a_schema_violation_publishes_nothing(tmp_path, archive, monkeypatch):
    opts = options(tmp_path, archive)
    assert run(opts).exit_code == EXIT_OK
    before = files_of(tmp_path / "dist")

    real_to_columns = transform.to_columns

    def corrupt(table, rows):
        columns = real_to_columns(table, rows)
        if table == "sources":
            columns["encoding"] = ["latin-9" for _ in columns["encoding"]]
        return columns

    monkeypatch.setattr(state, "to_columns", corrupt)  # how the new page's rows are stored
    (archive / "new.txt").write_text("2022年，新增就业100人。", encoding="utf-8")
    result = run(opts)
    assert result.exit_code == EXIT_FAILED
    assert "sources" in result.error and "encoding" in result.error
    assert files_of(tmp_path / "dist") == before
    assert not list(tmp_path.glob(".dist.tmp-*")) and not list(tmp_path.glob(".dist.spill-*"))


def test_an_internal_error_publishes_nothing(tmp_path, archive, monkeypatch):
    opts = options(tmp_path, archive)
    assert run(opts).exit_code == EXIT_OK
    before = files_of(tmp_path / "dist")

    def boom(*a, **k):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(pipeline.publish, "fsync_tree", boom)
    (archive / "new.txt").write_text("2022年，新增就业100人。", encoding="utf-8")
    result = run(opts)
    assert result.exit_code == EXIT_FAILED and "disk on fire" in result.error
    assert files_of(tmp_path / "dist") == before


def test_a_second_run_on_the_same_output_exits_with_a_clear_message(tmp_path, archive):
    import filelock

    opts = options(tmp_path, archive)
    (tmp_path).mkdir(exist_ok=True)
    with filelock.FileLock(str(tmp_path / ".dist.lock")):
        result = run(opts)
    assert result.exit_code == EXIT_FAILED
    assert "another run holds" in result.error
    assert not (tmp_path / "dist").exists()


def test_missing_sources_folder_fails_cleanly(tmp_path):
    result = run(options(tmp_path, tmp_path / "nope"))
    assert result.exit_code == EXIT_FAILED and "nope: sources folder not found" in result.error


def test_published_hashes_match_the_files(tmp_path, archive):
    assert run(options(tmp_path, archive)).exit_code == EXIT_OK
    descriptor = json.loads((tmp_path / "dist" / "datapackage.json").read_text())
    for resource in descriptor["resources"]:
        path = tmp_path / "dist" / resource["path"]
        assert resource["hash"] == "sha256:" + sha256_file(path), resource["name"]


def test_an_unchanged_rerun_keeps_the_package_and_a_damaged_one_is_republished(tmp_path, archive):
    opts = options(tmp_path, archive)
    assert run(opts).exit_code == EXIT_OK
    descriptor = tmp_path / "dist" / "datapackage.json"
    stamp = descriptor.stat().st_mtime_ns
    again = run(opts)
    assert again.exit_code == EXIT_OK and {p["status"] for p in again.pages} == {"unchanged"}
    assert descriptor.stat().st_mtime_ns == stamp  # not rewritten
    assert again.counts["sources"] == 1 and "publish_write" not in again.timings

    before = files_of(tmp_path / "dist")
    damaged = tmp_path / "dist" / "data" / "dates.csv"
    damaged.write_text("tampered\n")
    repaired = run(opts)
    assert repaired.exit_code == EXIT_OK and "publish_write" in repaired.timings
    assert files_of(tmp_path / "dist") == before


def test_tables_stream_through_small_chunks_to_the_same_bytes(tmp_path, monkeypatch):
    """Chunk size and part boundaries never change the output: the Parquet
    row groups are explicit and chunks are whole pages in output order."""
    from etl.package import publish

    sources = tmp_path / "src"
    write_archive(sources, 12, seed=21)
    # Names whose order differs from their source_ids' ("a-b.txt" < "a.txt"
    # but "a" < "a-b"): the pages are still handed over in source_id order.
    shutil.copy(sources / "synthetic_021_000003.txt", sources / "a-b.txt")
    shutil.copy(sources / "synthetic_021_000007.txt", sources / "a.txt")
    (sources / "synthetic_021_000003.txt").write_text("2021年，新增就业7人。", encoding="utf-8")
    (sources / "synthetic_021_000007.txt").write_text("2020年，新增就业8人。", encoding="utf-8")
    assert run(options(tmp_path / "one", sources, workers=2)).exit_code == EXIT_OK
    whole = files_of(tmp_path / "one" / "dist")

    monkeypatch.setattr(transform, "CHUNK_ROWS", 5)
    monkeypatch.setattr(publish, "PARQUET_ROW_GROUP", 100_000)
    assert run(options(tmp_path / "many", sources, workers=2)).exit_code == EXIT_OK
    assert files_of(tmp_path / "many" / "dist") == whole
    assert not list(tmp_path.glob("*/.dist.spill-*"))  # the chunk files are gone

    import polars as pl

    from etl.package import schema

    for table in schema.TABLES:  # each table is sorted as a whole
        df = pl.read_parquet(tmp_path / "one" / "dist" / "data" / f"{table}.parquet")
        assert df.equals(df.sort(schema.sort_columns(table), nulls_last=True, maintain_order=True)), table


def test_pages_arriving_out_of_order_are_a_loud_error(tmp_path):
    builder = transform.TableBuilder("sources", tmp_path)
    row = dict.fromkeys(transform.schema.field_names("sources"))
    later = {**row, "source_id": "b", "file_name": "b.txt", "sha256": "0" * 64, "bytes": 1, "characters": 1, "encoding": "utf-8", "figure_count": 0, "date_count": 0}
    builder.add([later])
    with pytest.raises(RuntimeError, match="out of order"):  # caught page by page, within a chunk too
        builder.add([{**later, "source_id": "a", "file_name": "a.txt"}])
    builder._flush()
    with pytest.raises(RuntimeError, match="out of order"):  # and across chunks
        builder.add([{**later, "source_id": "a", "file_name": "a.txt"}])


def test_a_page_s_rows_are_tidied_where_it_is_processed():
    rows = [
        {"date_id": "p:9-10", "source_id": "p", "char_start": 9, "char_end": 10, "surface": "x", "granularity": "day", "resolution": ""},
        {"date_id": "p:2-4", "source_id": "p", "char_start": 2, "char_end": 4, "surface": "", "granularity": "day", "resolution": "absolute"},
        {"date_id": "p:2-3", "source_id": "p", "char_start": 2, "char_end": 3, "surface": "y", "granularity": "day", "resolution": "absolute"},
    ]
    columns = transform.to_columns("dates", rows)
    assert list(columns) == transform.schema.field_names("dates")  # every column, in schema order
    assert columns["date_id"] == ["p:2-3", "p:2-4", "p:9-10"]  # the table's order
    assert columns["surface"] == ["y", None, "x"] and columns["resolution"] == ["absolute", "absolute", None]  # "" is null
    assert columns["start"] == [None, None, None]  # left out: null
    with pytest.raises(ValueError, match="not in schemas/dates.json"):
        transform.to_columns("dates", [{**rows[0], "name": "x"}])


def test_recovery_removes_the_spill_folder_of_a_killed_run(tmp_path, archive):
    (tmp_path / ".dist.spill-99999").mkdir()
    (tmp_path / ".dist.spill-99999" / "figures-000000.arrow").write_bytes(b"x")
    assert run(options(tmp_path, archive)).exit_code == EXIT_OK
    assert not (tmp_path / ".dist.spill-99999").exists()


def test_the_gate_reads_each_written_table_back_and_publishes_nothing_wrong(tmp_path, monkeypatch):
    """The run's gate checks each table's files as soon as they are written
    (validate.check_written_table): a Parquet file that is not its CSV's
    twin fails the run and the published package stays as it was."""
    from etl.package import publish

    sources = tmp_path / "src"
    write_archive(sources, 3, seed=21)
    opts = options(tmp_path, sources, workers=1)
    assert run(opts).exit_code == EXIT_OK
    before = files_of(tmp_path / "dist")

    write_archive(sources, 1, seed=22)
    real = publish.write_parquet

    def off_by_one(lf, path):  # figures' values nudged in the Parquet file only
        if path.name == "figures.parquet":
            lf = lf.with_columns(pl.col("value") + 1)
        real(lf, path)

    monkeypatch.setattr(publish, "write_parquet", off_by_one)
    failed = run(opts)
    assert failed.exit_code == EXIT_FAILED
    assert "figures-parquet: Parquet rows 0.." in failed.error and "differ from data/figures.csv" in failed.error
    assert files_of(tmp_path / "dist") == before
    monkeypatch.setattr(publish, "write_parquet", real)
    assert run(opts).exit_code == EXIT_OK


@pytest.mark.parametrize("workers", [1, 2])
def test_a_page_that_vanishes_after_planning_fails_the_run_clearly(tmp_path, monkeypatch, workers):
    """Pages are read again where they are processed (a pool worker reads
    its own pages): one gone by then fails the run, naming it, and nothing
    is published."""
    sources = tmp_path / "src"
    pages = write_archive(sources, 20, seed=31)
    real_plan = pipeline._plan

    def plan_then_delete(*args, **kwargs):
        planned = real_plan(*args, **kwargs)
        pages[7].unlink()
        return planned

    monkeypatch.setattr(pipeline, "_plan", plan_then_delete)
    result = run(options(tmp_path, sources, workers=workers))
    assert result.exit_code == EXIT_FAILED
    assert result.error == f"{pages[7]}: cannot read it any more (No such file or directory); was the archive changed during the run?"
    assert not (tmp_path / "dist").exists()


def test_a_row_that_breaks_a_data_rule_publishes_nothing(tmp_path, archive, monkeypatch):
    """The run checks the rules no schema can declare before the swap, as
    `etl validate` does: a care visit whose article span is empty fails
    the run, naming the table and the rule, and the last package stays."""
    opts = options(tmp_path, archive)
    assert run(opts).exit_code == EXIT_OK
    before = files_of(tmp_path / "dist")

    real_to_columns = transform.to_columns

    def empty_spans(table, rows):
        columns = real_to_columns(table, rows)
        if table == "care_visits":
            # empty spans (a span starting at 0 is left: its end would break
            # the schema's own minimum, which pandera checks first)
            columns["article_char_end"] = [
                start if start > 0 else end
                for start, end in zip(columns["article_char_start"], columns["article_char_end"])
            ]
        return columns

    monkeypatch.setattr(state, "to_columns", empty_spans)
    (archive / "new.txt").write_text(
        "社区新闻\n\n本报讯 近日，某区开展了多项为民服务活动。\n\n"
        "2023年1月10日，志愿者来到某村困难户家中走访慰问，送上慰问品。\n", encoding="utf-8"
    )
    result = run(opts)
    assert result.exit_code == EXIT_FAILED
    assert "care_visits" in result.error and "article_char_end" in result.error
    assert files_of(tmp_path / "dist") == before
