"""Packages to compare and release: copies of dist/ with known changes."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
DIST = PROJECT / "dist"


def copy_dist(dest: Path) -> Path:
    shutil.copytree(DIST, dest)
    return dest


def read_csv(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.reader(f))


def write_csv(path: Path, rows: list[list[str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)


def edit_figures(package: Path) -> None:
    """One figure's unit changed, one figure added, one removed."""
    path = package / "data" / "figures.csv"
    rows = read_csv(path)
    header = rows[0]
    rows[1][header.index("unit")] = "changed-unit"
    added = list(rows[2])
    added[header.index("figure_id")] += "-new"
    del rows[3]
    rows.append(added)
    write_csv(path, rows)


def _csv_resource(descriptor: dict, table: str) -> dict:
    return next(r for r in descriptor["resources"] if r.get("x-table") == table and r["format"] == "csv")


def drop_field(package: Path, table: str, field: str) -> None:
    """A field removed from a table (descriptor and CSV)."""
    descriptor = json.loads((package / "datapackage.json").read_text(encoding="utf-8"))
    res = _csv_resource(descriptor, table)
    res["schema"]["fields"] = [f for f in res["schema"]["fields"] if f["name"] != field]
    (package / "datapackage.json").write_text(json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    path = package / res["path"]
    rows = read_csv(path)
    i = rows[0].index(field)
    write_csv(path, [r[:i] + r[i + 1:] for r in rows])


def add_field(package: Path, table: str, field: str) -> None:
    """A string field added to a table (descriptor and CSV, empty cells)."""
    descriptor = json.loads((package / "datapackage.json").read_text(encoding="utf-8"))
    res = _csv_resource(descriptor, table)
    res["schema"]["fields"].append({"name": field, "type": "string"})
    (package / "datapackage.json").write_text(json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    path = package / res["path"]
    rows = read_csv(path)
    write_csv(path, [rows[0] + [field]] + [r + [""] for r in rows[1:]])


def retype_field(package: Path, table: str, field: str, new_type: str) -> None:
    descriptor = json.loads((package / "datapackage.json").read_text(encoding="utf-8"))
    res = _csv_resource(descriptor, table)
    for f in res["schema"]["fields"]:
        if f["name"] == field:
            f["type"] = new_type
    (package / "datapackage.json").write_text(json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
