"""Sources stage: decoding what publishers produce, refusing what is no page."""

from __future__ import annotations

import codecs
import datetime as dt

import pytest

from etl.batch.page import process_page
from etl.batch.sources import DEFAULT_MAX_BYTES, IssueDate, MetadataError, PageError, decode, discover, read_metadata

TEXT = "2022年，全区城镇新增就业10805人，完成目标任务的113.74%。\n"

ENCODINGS = {
    "utf-8": TEXT.encode("utf-8"),
    "utf-8-sig": codecs.BOM_UTF8 + TEXT.encode("utf-8"),
    "utf-16": TEXT.encode("utf-16"),  # with BOM (little-endian here)
    "utf-16-be": codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"),
    "gb18030": TEXT.encode("gb18030"),
    "gbk": TEXT.encode("gbk"),
}


@pytest.mark.parametrize("name", sorted(ENCODINGS))
def test_every_publisher_encoding_decodes_to_the_same_text(name):
    text, encoding = decode(ENCODINGS[name], "page.txt")
    assert text == TEXT
    expected = {"gbk": "gb18030", "utf-16-be": "utf-16"}.get(name, name)
    assert encoding == expected


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "gb18030"])
def test_the_seed_in_any_encoding_gives_the_same_rows(seed_text, encoding):
    reference = process_page("p.txt", seed_text.encode("utf-8"), None, DEFAULT_MAX_BYTES)
    outcome = process_page("p.txt", seed_text.encode(encoding), None, DEFAULT_MAX_BYTES)
    assert outcome.status == "ok"
    assert outcome.tables["sources"][0]["encoding"] == encoding
    for table in ("figures", "dates", "indicators", "care_visits", "checks"):
        assert outcome.tables[table] == reference.tables[table], table


@pytest.mark.parametrize(
    "data, reason",
    [
        (b"", "empty"),
        (b"  \n\r\n\t ", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        (b"text with a NUL\x00 inside", "binary"),
        (TEXT.strip().encode("utf-8")[:-1], "truncated"),
        ("就业数".encode("gb18030")[:-1], "truncated"),
        ("就业".encode("utf-16")[:-1], "truncated"),
        (b"abc \x80\x80\xff\xff def", "undecodable"),
    ],
)
def test_what_cannot_be_a_page_is_refused_with_a_reason(data, reason):
    with pytest.raises(PageError) as excinfo:
        decode(data, "bad.txt")
    assert excinfo.value.reason == reason
    assert str(excinfo.value).startswith("bad.txt: ")


@pytest.mark.parametrize("name", sorted(ENCODINGS))
@pytest.mark.parametrize("control", ["\x00", "\x01", "\x1b", "\x7f"])
def test_a_control_character_makes_a_binary_page_in_every_encoding(name, control):
    """A text with a control character no page holds is binary, whatever
    its encoding (the bytes are looked at, or the decoded text)."""
    text = TEXT.replace("，", control, 1)
    codec = {"utf-8-sig": "utf-8", "utf-16-be": "utf-16-be"}.get(name, name)
    prefix = {"utf-8-sig": codecs.BOM_UTF8, "utf-16-be": codecs.BOM_UTF16_BE}.get(name, b"")
    with pytest.raises(PageError) as excinfo:
        decode(prefix + text.encode(codec), "bad.txt")
    assert excinfo.value.reason == "binary"


def test_a_page_over_the_size_limit_is_quarantined():
    outcome = process_page("big.txt", TEXT.encode() * 10, None, max_bytes=100)
    assert outcome.status == "quarantined" and outcome.reason == "too_large"
    assert "over the limit of 100" in outcome.detail


def test_issue_date_precision():
    assert IssueDate.parse("2023-01") == IssueDate(dt.date(2023, 1, 1), "month")
    assert IssueDate.parse("2023-01-18") == IssueDate(dt.date(2023, 1, 18), "day")
    assert IssueDate.parse("2023") == IssueDate(dt.date(2023, 1, 1), "year")
    with pytest.raises(ValueError):
        IssueDate.parse("Jan 2023")


def test_metadata_is_keyed_by_source_id(archive):
    meta = read_metadata(archive)
    assert list(meta) == ["000_e1c532de56ee5a29"]
    assert meta["000_e1c532de56ee5a29"]["issue_date"] == "2023-01"


def test_no_metadata_file_means_no_metadata(tmp_path):
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    assert read_metadata(tmp_path) == {}
    assert [p.name for p in discover(tmp_path)] == ["a.txt"]


def test_malformed_metadata_names_the_file(tmp_path):
    (tmp_path / "metadata.csv").write_text("file_name,colour\na.txt,red\n", encoding="utf-8")
    with pytest.raises(MetadataError, match="metadata.csv: unknown columns"):
        read_metadata(tmp_path)


def test_a_page_without_metadata_runs_with_unknown_fields_empty(seed_text):
    outcome = process_page("x.txt", seed_text.encode(), None, DEFAULT_MAX_BYTES)
    source = outcome.tables["sources"][0]
    assert source["source_id"] == "x"
    assert source["issue_date"] is None and source["title"] is None and source["publisher"] is None
    assert source["characters"] == len(seed_text)


def test_bad_issue_date_in_metadata_quarantines_the_page(seed_text):
    outcome = process_page("x.txt", seed_text.encode(), {"issue_date": "yesterday"}, DEFAULT_MAX_BYTES)
    assert outcome.status == "quarantined" and outcome.reason == "bad_metadata"
