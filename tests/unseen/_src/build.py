"""Build the held-out pages and their gold CSVs from hand-marked sources.

Each ``<name>.marked.txt`` here is a page written by hand with its gold
annotations inline:

* a figure:  ``⟦surface|value|unit|qualifier⟧`` (``|opt`` appended for an
  optional figure: a narrative age or duration, which may be published or not)
* a date:    ``⦃surface|granularity|start|end⦄``

The markers are stripped and the offsets of every annotation are computed
from the stripped text, so they are exact. ``pages.csv`` here says, per
page, the encoding and line ending of the output file. Run from anywhere:

    .venv/bin/python tests/unseen/_src/build.py

Outputs (one level up): ``<name>.txt`` (the raw page bytes),
``<name>.figures.csv``, ``<name>.dates.csv`` and ``pages.csv``.
"""

from __future__ import annotations

import csv
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE.parent

FIG = re.compile(r"⟦(.*?)⟧", re.S)
DATE = re.compile(r"⦃(.*?)⦄", re.S)
MARK = re.compile(r"⟦(.*?)⟧|⦃(.*?)⦄", re.S)


def escape(s: str) -> str:
    return s.replace("\r", "\\r").replace("\n", "\\n")


def strip_markers(marked: str):
    out: list[str] = []
    figures, dates = [], []
    pos = 0
    length = 0
    for m in MARK.finditer(marked):
        before = marked[pos : m.start()]
        out.append(before)
        length += len(before)
        body = m.group(1) if m.group(1) is not None else m.group(2)
        parts = body.split("|")
        surface = parts[0]
        start, end = length, length + len(surface)
        out.append(surface)
        length = end
        if m.group(1) is not None:
            if len(parts) not in (4, 5):
                sys.exit(f"bad figure marker: {body!r}")
            _, value, unit, qual, *rest = parts
            tier = "optional" if rest and rest[0] == "opt" else "core"
            float(value)
            figures.append((start, end, surface, value, unit, qual, tier))
        else:
            if len(parts) != 4:
                sys.exit(f"bad date marker: {body!r}")
            _, gran, ds, de = parts
            dates.append((start, end, surface, gran, ds, de))
        pos = m.end()
    out.append(marked[pos:])
    text = "".join(out)
    for ch in "⟦⟧⦃⦄|":
        if ch in text:
            sys.exit(f"stray marker character {ch!r} left in the text")
    return text, figures, dates


UNITS = {
    "person", "person_time", "household", "CNY", "USD", "EUR", "JPY", "HKD", "GBP", "percent",
    "percentage_point", "permille", "establishment", "event", "count", "year", "month", "day",
    "hour", "m2", "km2", "mu", "km", "m", "tonne", "kg", "other",
}
QUALS = {"exact", "more_than", "at_least", "less_than", "approx", "range"}


def main(HERE: Path = HERE, OUT: Path = OUT) -> None:
    with open(HERE / "pages.csv", encoding="utf-8", newline="") as f:
        pages = list(csv.DictReader(f))
    listing = []
    for page in pages:
        name = page["name"]
        marked = (HERE / f"{name}.marked.txt").read_text(encoding="utf-8")
        if page["newline"] == "crlf":
            marked = marked.replace("\r\n", "\n").replace("\n", "\r\n")
        text, figures, dates = strip_markers(marked)
        for fig in figures:
            assert fig[4] in UNITS, fig
            assert fig[5] in QUALS, fig
            assert text[fig[0] : fig[1]] == fig[2]
        for d in dates:
            assert text[d[0] : d[1]] == d[2]
        data = text.encode(page["encoding"])
        (OUT / f"{name}.txt").write_bytes(data)
        with open(OUT / f"{name}.figures.csv", "w", encoding="utf-8", newline="") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(["char_start", "char_end", "surface", "value", "unit", "qualifier", "tier"])
            for s, e, surf, value, unit, qual, tier in figures:
                w.writerow([s, e, escape(surf), value, unit, qual, tier])
        with open(OUT / f"{name}.dates.csv", "w", encoding="utf-8", newline="") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(["char_start", "char_end", "surface", "granularity", "start", "end"])
            for s, e, surf, gran, ds, de in dates:
                w.writerow([s, e, escape(surf), gran, ds, de])
        listing.append([f"{name}.txt", page["encoding"], page["issue_date"], page["description"]])
        print(f"{name}: {len(text)} chars, {len(figures)} figures "
              f"({sum(f[6] == 'core' for f in figures)} core), {len(dates)} dates")
    with open(OUT / "pages.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["file", "encoding", "issue_date", "description"])
        w.writerows(listing)


if __name__ == "__main__":
    main()
