"""Score the job on an annotated set of real pages (tests/data/realpages/<set>/).

    .venv/bin/python bench/eval_realpages.py dev            # the table, per page
    .venv/bin/python bench/eval_realpages.py heldout -v     # plus every miss
    .venv/bin/python bench/eval_realpages.py dev --json out.json

Each page goes through the job's own page step (``etl.batch.page.process_page``)
with the issue date of ``pages.csv`` as its metadata, exactly as ``etl run``
would publish it.  The annotation (``SPEC.md`` beside the sets) was written
from the text before the job ran on the pages.  Measured per page:

* indicators: a gold row is found when a published indicator row has its
  ``indicator_id`` and its figure lies where the gold surface stands (inside
  the anchor), or else (a statistic stated twice is one row) a published row
  of its indicator and value stands elsewhere on the page; gold rows of the
  same indicator, value, unit, region and period count once; precision is
  the share of published indicator rows that match a gold row (every
  statistic of the codebook's kinds on a page is annotated);
* region and period: of the found rows, the share whose ``region_code`` /
  ``period_start`` and ``period_end`` equal the gold ones (an empty gold value
  is right only when the published one is empty too); ``foreign`` counts the
  rows published with a region outside the page's province;
* measure: of the found rows, the share whose ``measure`` (outcome, target,
  annual_average, cumulative) equals the gold one;
* visits: a gold visit is found when a published visit's article holds its
  anchor (one published visit per gold visit), dated right when
  ``visit_date`` is equal; ``invented``: published visits that hold no gold visit;
* recipient right: of the found visits, those whose published
  ``recipient_role_zh`` or ``place`` names the annotated ``recipient_role``
  (``recipient_matches``; the rule is in SPEC.md, "Scoring the recipient");
* names: private names of ``names.csv`` found anywhere in the page's published rows.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT))

from etl.batch.page import process_page  # noqa: E402
from etl.batch.sources import DEFAULT_MAX_BYTES  # noqa: E402
from etl.extract.textrepair import to_simplified  # noqa: E402

SETS = PROJECT / "tests" / "data" / "realpages"


def read_csv(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


@dataclass
class PageScore:
    page_id: str
    gold_indicators: int = 0
    found: int = 0
    published: int = 0
    matched_published: int = 0
    region_right: int = 0
    period_right: int = 0
    measure_right: int = 0
    foreign_region: int = 0
    gold_visits: int = 0
    visits_found: int = 0
    visits_dated_right: int = 0
    visits_recipient_right: int = 0
    visits_published: int = 0
    visits_invented: int = 0
    names_gold: int = 0
    names_published: list[str] = field(default_factory=list)
    misses: list[str] = field(default_factory=list)


def _iso(value) -> str:
    """A published date (a ``datetime.date``) as the annotation writes it."""
    return "" if value is None else str(value)


def _span_of(text: str, anchor: str, surface: str) -> tuple[int, int] | None:
    a = text.find(anchor)
    if a < 0:
        return None
    # The surface as a number of its own: "4%" is not the end of "3.34%".
    s = anchor.find(surface)
    while s > 0 and surface[:1].isdigit() and (anchor[s - 1].isdigit() or anchor[s - 1] in ".．"):
        s = anchor.find(surface, s + 1)
    return (a + s, a + s + len(surface)) if s >= 0 else (a, a + len(anchor))


def _same_value(published, gold: str) -> bool:
    try:
        return published is not None and abs(float(published) - float(gold)) < 1e-9 * max(1.0, abs(float(gold)))
    except ValueError:
        return False


#: Where the annotated role is cut into parts: lists (、和及与等), alternatives
#: (/ or), brackets (a qualifier or the stop's place), spaces.
_ROLE_PART_SPLIT = re.compile(r"[、，,和及与等/\s()（）]|或")
#: A place a role may be told by (敬老院老人, 福利院儿童, 养老服务中心老人): the
#: place word is a part of its own, to be matched by the published place.
_PLACE_KIND = re.compile(r"[\u4e00-\u9fff]{0,4}?(?:院|公寓|中心|小学|中学|学校|社区|小区|村)")


#: A household word after the role (留守儿童家庭, 捐献者家属, 老人夫妇): the
#: person the role names is the recipient too.
_HOUSEHOLD_END = re.compile(r"(?:家庭|家属|家人|夫妇|遗孀)$")


def _role_parts(gold_role: str) -> list[str]:
    """The parts of an annotated recipient role that each name the recipient
    (see ``recipient_matches``): its list items, bracketed notes and place
    words, a short item before a longer one borrowing that one's head noun
    (困难、留守儿童 = 困难儿童、留守儿童), an item ending in a household word
    also without it."""
    items = [w for w in _ROLE_PART_SPLIT.split(to_simplified(gold_role)) if w and w != "其"]
    items += [_HOUSEHOLD_END.sub("", w) for w in items if _HOUSEHOLD_END.search(w)]
    items = [w[1:] if w.startswith("其") else w for w in items]
    parts = []
    for k, w in enumerate(items):
        longer = next((x for x in items[k + 1:] if len(x) > 2), None)
        parts.append(w + longer[-2:] if len(w) <= 2 and longer and not w.endswith(longer[-1]) else w)
        parts += [m.group(0) for m in _PLACE_KIND.finditer(w) if m.group(0) != w]
    return [w for w in parts if len(w) >= 2]


def _shares_head(published: str, part: str) -> bool:
    """``published`` holds the last character of ``part`` (the head noun's
    end: 户, 人, 童, 工, 院, 村) and, before it, another character of ``part``."""
    end = published.rfind(part[-1])
    return end > 0 and any(c in published[:end] for c in part[:-1])


def recipient_matches(gold_role: str, published_role: str | None, published_place: str | None) -> bool:
    """A published visit names the annotated recipient when its role or its
    place shares the head of one part of the annotated role (SPEC.md,
    "Scoring the recipient"): 困难户 ~ 贫困户, 老人 ~ 敬老院老人, place 中心敬老院 ~
    敬老院老人, place 山口村 ~ 贫困户(慈口乡山口村); 军人 !~ 烈属."""
    published = [p for p in (published_role, published_place) if p]
    return any(_shares_head(p, part) for p in published for part in _role_parts(gold_role))


def one_row_per_statistic(gold: list[dict]) -> list[dict]:
    """A statistic the page states twice is one row (SPEC.md): gold rows of
    the same indicator, value, unit, region and period collapse to the first."""
    seen: set[tuple] = set()
    out = []
    for g in gold:
        key = (g["indicator_id"], g["value"], g["unit"], g["region_code"], g["period_start"], g["period_end"])
        if key not in seen:
            seen.add(key)
            out.append(g)
    return out


def score_page(set_dir: Path, page: dict, gold: list[dict], visits: list[dict], names: list[dict]) -> PageScore:
    path = set_dir / "pages" / f"{page['page_id']}.txt"
    data = path.read_bytes()
    text = data.decode("utf-8")
    meta = {"issue_date": page["issue_date"]} if page.get("issue_date") else {}
    outcome = process_page(path.name, data, meta, DEFAULT_MAX_BYTES)
    sc = PageScore(page["page_id"])
    if outcome.status != "ok":
        sc.misses.append(f"quarantined: {outcome.reason} {outcome.detail}")
        return sc
    rows = outcome.tables["indicators"]
    sc.published = len(rows)
    provinces = {g["region_code"][:2] for g in gold if g["region_code"]}
    used: set[int] = set()
    gold = one_row_per_statistic(gold)
    sc.gold_indicators = len(gold)
    spans = {}
    for k, g in enumerate(gold):
        spans[k] = _span_of(text, g["anchor"], g["surface"])
        if spans[k] is None:
            sc.misses.append(f"bad anchor: {g['anchor']}")
    # Where the gold figure stands first; then (a statistic stated twice is
    # one row, SPEC.md) the same indicator and value published elsewhere.
    hits: dict[int, int] = {}
    for k, g in enumerate(gold):
        span = spans[k]
        hit = None if span is None else next(
            (i for i, r in enumerate(rows)
             if i not in used and r["indicator_id"] == g["indicator_id"]
             and r["char_start"] < span[1] and r["char_end"] > span[0]),
            None,
        )
        if hit is not None:
            used.add(hit)
            hits[k] = hit
    for k, g in enumerate(gold):
        if k in hits or spans[k] is None:
            continue
        hit = next(
            (i for i, r in enumerate(rows)
             if i not in used and r["indicator_id"] == g["indicator_id"] and _same_value(r["value"], g["value"])),
            None,
        )
        if hit is not None:
            used.add(hit)
            hits[k] = hit
    for k, g in enumerate(gold):
        span = spans[k]
        if span is None:
            continue
        hit = hits.get(k)
        if hit is None:
            near = [r["indicator_id"] for r in rows if r["char_start"] < span[1] and r["char_end"] > span[0]]
            sc.misses.append(f"missed {g['indicator_id']} {g['surface']!r} in {g['anchor']!r}" + (f" (published as {near})" if near else ""))
            continue
        r = rows[hit]
        sc.found += 1
        if (r["region_code"] or "") == g["region_code"]:
            sc.region_right += 1
        else:
            sc.misses.append(f"region {g['surface']!r}: {r['region_code']} {r['region_name_zh']} != {g['region_code']} {g['region_name_zh']}")
        if _iso(r["period_start"]) == g["period_start"] and _iso(r["period_end"]) == g["period_end"]:
            sc.period_right += 1
        else:
            sc.misses.append(f"period {g['surface']!r}: {r['period_start']}..{r['period_end']} ({r.get('period_basis')}) != {g['period_start']}..{g['period_end']}")
        if (r.get("measure") or "") == g["measure"]:
            sc.measure_right += 1
        else:
            sc.misses.append(f"measure {g['surface']!r}: {r.get('measure')} != {g['measure']}")
    sc.matched_published = len(used)
    for i, r in enumerate(rows):
        if r["region_code"] and provinces and r["region_code"][:2] not in provinces:
            sc.foreign_region += 1
        if i not in used:
            sc.misses.append(f"extra {r['indicator_id']} {text[r['char_start']:r['char_end']]!r} ({r['signal_phrase']})")
    published_visits = outcome.tables["care_visits"]
    sc.visits_published = len(published_visits)
    sc.gold_visits = len(visits)
    taken: set[int] = set()
    for v in visits:
        at = text.find(v["anchor"])
        hit = next(
            (i for i, p in enumerate(published_visits)
             if i not in taken and p["article_char_start"] <= at < p["article_char_end"]),
            None,
        )
        if hit is None:
            sc.misses.append(f"visit missed: {v['anchor']!r} ({v['visit_date']})")
            continue
        taken.add(hit)
        sc.visits_found += 1
        if _iso(published_visits[hit]["visit_date"]) == v["visit_date"]:
            sc.visits_dated_right += 1
        else:
            sc.misses.append(f"visit date {v['anchor']!r}: {published_visits[hit]['visit_date']} != {v['visit_date']}")
        p = published_visits[hit]
        if recipient_matches(v["recipient_role"], p["recipient_role_zh"], p["place"]):
            sc.visits_recipient_right += 1
        else:
            sc.misses.append(f"visit recipient {v['anchor']!r}: {p['recipient_role_zh']} (place {p['place']}) != {v['recipient_role']}")
    sc.visits_invented = len(published_visits) - len(taken)
    for i, p in enumerate(published_visits):
        if i not in taken:
            told = text[p["article_char_start"] : p["article_char_end"]].strip()
            sc.misses.append(f"visit invented ({p['visit_date']}): {told[:60]!r}")
    published_text = json.dumps(
        {t: rs for t, rs in outcome.tables.items() if t != "sources"}, ensure_ascii=False, default=str
    )
    sc.names_gold = len(names)
    for n in names:
        if n["name"] in published_text:
            sc.names_published.append(n["name"])
            sc.misses.append(f"name published: {n['name']} ({n['form']})")
    return sc


def score_set(name: str) -> list[PageScore]:
    set_dir = SETS / name
    pages = read_csv(set_dir / "pages.csv")
    by_page: dict[str, dict[str, list[dict]]] = defaultdict(lambda: defaultdict(list))
    for kind in ("indicators", "visits", "names"):
        for row in read_csv(set_dir / f"{kind}.csv"):
            by_page[row["page_id"]][kind].append(row)
    return [
        score_page(set_dir, p, by_page[p["page_id"]]["indicators"], by_page[p["page_id"]]["visits"], by_page[p["page_id"]]["names"])
        for p in pages
    ]


def _ratio(a: int, b: int) -> str:
    return f"{a}/{b} {a / b:.2f}" if b else f"{a}/{b}  -  "


def totals(scores: list[PageScore]) -> dict:
    s = lambda attr: sum(getattr(x, attr) for x in scores)  # noqa: E731
    return {
        "pages": len(scores),
        "indicator_recall": s("found") / max(1, s("gold_indicators")),
        "indicator_precision": s("matched_published") / max(1, s("published")),
        "region_accuracy": s("region_right") / max(1, s("found")),
        "period_accuracy": s("period_right") / max(1, s("found")),
        "measure_accuracy": s("measure_right") / max(1, s("found")),
        "foreign_region_rows": s("foreign_region"),
        "visits_found": s("visits_found"), "visits_gold": s("gold_visits"),
        "visits_dated_right": s("visits_dated_right"), "visits_invented": s("visits_invented"),
        "visits_recipient_right": s("visits_recipient_right"),
        "names_published": sum(len(x.names_published) for x in scores), "names_gold": s("names_gold"),
    }


def print_table(scores: list[PageScore], verbose: bool) -> None:
    print(f"{'page':46} {'ind recall':>11} {'ind prec':>11} {'region':>11} {'period':>11} {'visits':>7} {'dated':>6} {'inv':>3} {'names':>5} {'recip':>5}")
    for x in scores:
        print(
            f"{x.page_id[:46]:46} {_ratio(x.found, x.gold_indicators):>11} {_ratio(x.matched_published, x.published):>11} "
            f"{_ratio(x.region_right, x.found):>11} {_ratio(x.period_right, x.found):>11} "
            f"{x.visits_found}/{x.gold_visits:<5} {x.visits_dated_right:>6} {x.visits_invented:>3} {len(x.names_published):>5} {x.visits_recipient_right:>5}"
        )
        if verbose:
            for m in x.misses:
                print(f"    - {m}")
    t = totals(scores)
    print(
        f"TOTAL indicators recall {t['indicator_recall']:.2f} precision {t['indicator_precision']:.2f}; "
        f"region {t['region_accuracy']:.2f} (foreign {t['foreign_region_rows']}); period {t['period_accuracy']:.2f}; "
        f"visits {t['visits_found']}/{t['visits_gold']} (dated right {t['visits_dated_right']}, invented {t['visits_invented']}); "
        f"names published {t['names_published']}/{t['names_gold']}; measure {t['measure_accuracy']:.2f}; "
        f"recipient right {t['visits_recipient_right']}/{t['visits_found']}"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("set", choices=sorted(p.name for p in SETS.iterdir() if p.is_dir()))
    ap.add_argument("-v", "--verbose", action="store_true", help="print every miss")
    ap.add_argument("--json", type=Path, help="write the scores as JSON")
    args = ap.parse_args()
    scores = score_set(args.set)
    print_table(scores, args.verbose)
    if args.json:
        args.json.write_text(json.dumps({"totals": totals(scores), "pages": [x.__dict__ for x in scores]}, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
