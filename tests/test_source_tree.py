"""Pages in the whole tree under --sources: ids, order, what is skipped, the fence."""

from __future__ import annotations

import json
import os
from pathlib import Path

import polars as pl
import pytest

from etl.batch.pipeline import EXIT_OK, EXIT_QUARANTINED, RunOptions, run
from etl.batch.sources import read_metadata, source_id_of, walk
from etl.package.validate import check_package

PAGE = "2022年，全市城镇新增就业{n}人，同比增长3.5%。"


def page(path: Path, n: int) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(PAGE.format(n=n), encoding="utf-8")
    return path


def options(tmp_path: Path, sources: Path, **kw) -> RunOptions:
    return RunOptions(sources_dir=sources, out=tmp_path / "dist", state_dir=tmp_path / "state", report_path=tmp_path / "report.json", workers=1, **kw)


@pytest.fixture
def nested(tmp_path: Path) -> Path:
    """An archive in folders: two page.txt in different folders, a README,
    an image, the metadata file, a link to a file inside, links outside."""
    src = tmp_path / "archive"
    page(src / "top.txt", 1)
    page(src / "2023" / "01" / "page.txt", 2)
    page(src / "2023" / "02" / "page.txt", 3)
    (src / "README.md").write_text("# my archive\n", encoding="utf-8")
    (src / "2023" / "scan.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    (src / "notes").mkdir()
    (src / "notes" / "kept.dat").write_text(PAGE.format(n=4), encoding="utf-8")
    os.symlink(src / "notes" / "kept.dat", src / "linked.txt")  # inside: a page
    secret = tmp_path / "secret.txt"
    secret.write_text("机密：2022年，新增就业999999人。", encoding="utf-8")
    os.symlink(secret, src / "outside.txt")  # outside: never read
    (tmp_path / "elsewhere").mkdir()
    page(tmp_path / "elsewhere" / "far.txt", 5)
    os.symlink(tmp_path / "elsewhere", src / "2023" / "far")  # a folder outside
    (src / "metadata.csv").write_text(
        "file_name,title,issue_date\ntop.txt,Top page,2022-05-01\n2023/01/page.txt,January page,2023-01-15\n",
        encoding="utf-8",
    )
    return src


def test_source_ids_top_level_unchanged_nested_prefixed_by_their_folders():
    assert source_id_of(Path("000_e1c532de56ee5a29.txt")) == "000_e1c532de56ee5a29"
    assert source_id_of(Path("page")) == "page"
    assert source_id_of(Path("2023/01/page.txt")) == "2023__01__page"
    assert source_id_of(Path("a/b.tar.txt")) == "a__b.tar"


def test_walk_finds_the_tree_in_a_stable_order_and_names_what_it_skips(nested):
    found = walk(nested)
    assert [p.as_posix() for p in found.pages] == ["linked.txt", "top.txt", "2023/01/page.txt", "2023/02/page.txt"]
    skipped = dict(found.skipped)
    assert set(skipped) == {"README.md", "outside.txt", "2023/scan.png", "2023/far", "notes/kept.dat"}
    assert "outside the sources folder" in skipped["outside.txt"]
    assert "outside the sources folder" in skipped["2023/far"]
    assert "does not match *.txt" in skipped["README.md"]
    assert walk(nested) == found  # stable


def test_a_nested_archive_publishes_every_page_once_and_reads_nothing_outside(tmp_path, nested):
    result = run(options(tmp_path, nested))
    assert result.exit_code == EXIT_OK, result.error
    check_package(tmp_path / "dist")
    report = json.loads((tmp_path / "report.json").read_text())
    assert {p["file"]: p["source_id"] for p in report["pages"]} == {
        "top.txt": "top",
        "linked.txt": "linked",
        "2023/01/page.txt": "2023__01__page",
        "2023/02/page.txt": "2023__02__page",
    }
    assert report["skipped_count"] == 5
    assert {s["file"] for s in report["skipped"]} == {"README.md", "outside.txt", "2023/scan.png", "2023/far", "notes/kept.dat"}
    sources = pl.read_csv(tmp_path / "dist" / "data" / "sources.csv", infer_schema_length=0)
    assert sources["source_id"].to_list() == ["2023__01__page", "2023__02__page", "linked", "top"]
    rows = {r["source_id"]: r for r in sources.iter_rows(named=True)}
    # metadata rows matched by the path relative to the sources folder
    assert rows["2023__01__page"]["title"] == "January page" and rows["2023__01__page"]["issue_date"] == "2023-01-15"
    assert rows["top"]["title"] == "Top page"
    assert rows["2023__02__page"]["title"] is None
    assert rows["2023__01__page"]["file_name"] == "2023/01/page.txt"
    published = b"".join(p.read_bytes() for p in (tmp_path / "dist").rglob("*") if p.is_file())
    assert "999999".encode() not in published and "机密".encode() not in published
    assert b"README" not in (tmp_path / "dist" / "data" / "sources.csv").read_bytes()


def test_the_skipped_files_are_named_in_the_log(tmp_path, nested, caplog):
    caplog.set_level("INFO", logger="etl")
    run(options(tmp_path, nested))
    line = next(r.getMessage() for r in caplog.records if "not pages" in r.getMessage())
    assert line.startswith("skipped 5 files of ")
    for name in ("README.md", "outside.txt", "2023/scan.png", "2023/far", "notes/kept.dat"):
        assert name in line


def test_a_nested_id_never_takes_a_top_level_one(tmp_path):
    src = tmp_path / "archive"
    page(src / "2023__01__page.txt", 1)
    page(src / "2023" / "01" / "page.txt", 2)
    result = run(options(tmp_path, src))
    assert result.exit_code == EXIT_QUARANTINED
    by_file = {p["file"]: p for p in result.pages}
    assert by_file["2023__01__page.txt"]["status"] == "published"
    clash = by_file["2023/01/page.txt"]
    assert clash["status"] == "quarantined" and clash["reason"] == "duplicate_id"
    assert "already used by 2023__01__page.txt" in clash["detail"]


def test_the_pattern_chooses_the_pages(tmp_path, nested):
    found = walk(nested, "*.dat")
    assert [p.as_posix() for p in found.pages] == ["notes/kept.dat"]
    result = run(options(tmp_path, nested, pattern="*.dat"))
    assert result.exit_code == EXIT_OK, result.error
    assert [p["source_id"] for p in result.pages] == ["notes__kept"]


def test_metadata_of_a_nested_page_is_keyed_by_its_relative_path(tmp_path):
    (tmp_path / "metadata.csv").write_text("file_name,title\na/b/c.txt,C\nd.txt,D\n", encoding="utf-8")
    assert set(read_metadata(tmp_path)) == {"a__b__c", "d"}


def test_a_re_run_of_a_nested_archive_is_unchanged(tmp_path, nested):
    assert run(options(tmp_path, nested)).exit_code == EXIT_OK
    again = run(options(tmp_path, nested))
    assert again.exit_code == EXIT_OK
    assert {p["status"] for p in again.pages} == {"unchanged"}


def test_a_page_without_an_issue_date_says_its_relative_dates_stay_unresolved(tmp_path, caplog):
    src = tmp_path / "archive"
    src.mkdir()
    (src / "dated.txt").write_text("去年，全市新增就业100人。", encoding="utf-8")
    (src / "undated.txt").write_text("去年，全市新增就业200人；今年3月，又新增50人。", encoding="utf-8")
    (src / "metadata.csv").write_text("file_name,issue_date\ndated.txt,2023-01\n", encoding="utf-8")
    caplog.set_level("INFO", logger="etl")
    result = run(options(tmp_path, src))
    assert result.exit_code == EXIT_OK, result.error
    report = {p["file"]: p for p in json.loads((tmp_path / "report.json").read_text())["pages"]}
    assert "unresolved_dates" not in report["dated.txt"]
    assert report["undated.txt"]["unresolved_dates"] >= 1
    assert "no issue date" in report["undated.txt"]["note"]
    lines = [r.getMessage() for r in caplog.records if "no issue date" in r.getMessage()]
    assert len(lines) == 1 and lines[0].startswith("1 pages have no issue date") and "undated" in lines[0]
    # An unchanged re-run says it again (the package still has them).
    caplog.clear()
    again = run(options(tmp_path, src))
    assert [p.get("unresolved_dates") for p in again.pages if p["file"] == "undated.txt"] == [report["undated.txt"]["unresolved_dates"]]
    assert len([r for r in caplog.records if "no issue date" in r.getMessage()]) == 1
