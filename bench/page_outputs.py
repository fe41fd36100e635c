"""Fingerprint ``process_page`` outputs on a varied page set (a script, not a test).

Writes one JSON line per page (the ``PageOutcome`` as the run stores it, its
rows column by column, minus its timing) for the seed, every page of the
held-out corpora (``tests/unseen*``), the real pages (``tests/data/realpages/*``,
with their issue dates), the peer conformance inputs (each as a one-line
page) and synthetic seed-like pages of several RNG seeds and encodings.  Two runs of different code give identical
files exactly when every table of every page is unchanged, so an optimisation
can be checked with ``cmp``:

    .venv/bin/python bench/page_outputs.py /tmp/before.jsonl
    ... change the code ...
    .venv/bin/python bench/page_outputs.py /tmp/after.jsonl && cmp /tmp/before.jsonl /tmp/after.jsonl
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.synthetic import write_archive  # noqa: E402
from etl.batch.page import process_page  # noqa: E402
from etl.batch.state import dump_outcome, load_outcome  # noqa: E402

PEER_SPECS = ROOT / "tests" / "data" / "peer-specs"


def _issue_dates(folder: Path) -> dict[str, str]:
    """file -> issue_date of a corpus folder's pages.csv (if any)."""
    index = folder / "pages.csv"
    if not index.is_file():
        return {}
    with index.open(encoding="utf-8") as f:
        return {row["file"]: row.get("issue_date") or "" for row in csv.DictReader(f)}


def page_set(tmp: Path) -> list[tuple[str, bytes, dict | None]]:
    """(file name, bytes, metadata) of every page to fingerprint."""
    pages: list[tuple[str, bytes, dict | None]] = []
    with (ROOT / "sources" / "metadata.csv").open(encoding="utf-8") as f:
        meta = {row["file_name"]: row for row in csv.DictReader(f)}
    for p in sorted((ROOT / "sources").glob("*.txt")):
        pages.append((p.name, p.read_bytes(), meta.get(p.name)))
        pages.append((p.name, p.read_bytes(), None))  # no issue date: relative dates unresolved
    for folder in sorted(ROOT.glob("tests/unseen*")):
        issue = _issue_dates(folder)
        for p in sorted(folder.glob("*.txt")):
            md = {"issue_date": issue[p.name][:7]} if issue.get(p.name) else None
            pages.append((f"{folder.name}_{p.name}", p.read_bytes(), md))
            pages.append((f"{folder.name}_nodate_{p.name}", p.read_bytes(), None))
    for folder in sorted(ROOT.glob("tests/data/realpages/*/")):
        if not (folder / "pages.csv").is_file():
            continue
        with (folder / "pages.csv").open(encoding="utf-8") as f:
            issue = {row["page_id"]: row.get("issue_date") or "" for row in csv.DictReader(f)}
        for p in sorted((folder / "pages").glob("*.txt")):
            md = {"issue_date": issue[p.stem]} if issue.get(p.stem) else None
            pages.append((f"real_{folder.name}_{p.name}", p.read_bytes(), md))
    for spec in sorted(PEER_SPECS.glob("*/*.jsonl")):
        lines = [json.loads(line)["input"] for line in spec.read_text(encoding="utf-8").splitlines() if line.strip()]
        # Pages of 10 inputs, one a sentence.  (Joined by bare line breaks,
        # the line repair glues some of them into long runs of numerals on
        # which the figures regex backtracks for minutes.)
        for i in range(0, len(lines), 10):
            text = "。\n".join(str(x) for x in lines[i : i + 10])
            pages.append((f"peer_{spec.parent.name}_{spec.stem}_{i:04d}.txt", text.encode(), {"issue_date": "2023-01"}))
    for seed, n, enc in ((1, 120, "utf-8"), (2, 60, "gb18030"), (3, 60, "utf-8"), (4, 60, "utf-16")):
        for p in write_archive(tmp / f"s{seed}", n, seed=seed, encoding=enc):
            md = {"issue_date": "2023-01"} if seed != 3 else {"issue_date": "2022-12-15"}
            pages.append((p.name, p.read_bytes(), md))
    return pages


def fingerprint(outcome) -> str:
    """The outcome as the run stores it (``state.dump_outcome``: the rows as
    the table builders receive them, column by column), minus its timing."""
    stored = load_outcome(dump_outcome(outcome))
    d = {k: v for k, v in vars(stored).items() if k != "seconds"}
    return json.dumps(d, ensure_ascii=False, sort_keys=False, default=repr)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as d:
        pages = page_set(Path(d))
    with args.out.open("w", encoding="utf-8") as f:
        for name, data, md in pages:
            f.write(fingerprint(process_page(name, data, md, 1 << 24)) + "\n")
    print(f"{len(pages)} pages -> {args.out}")


if __name__ == "__main__":
    main()
