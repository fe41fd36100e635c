"""The dataset's own documentation: ``dist/README.md``, generated with the package.

Everything in it comes from the schemas, the package metadata and the tables
being published, so it can never drift from the data.  It carries no run
timestamp (the package must be byte-identical for identical input).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import polars as pl

from etl.extract import rules
from etl.package import schema
from etl.package import metadata
from etl.package.metadata import citation
from etl.semantic.codebook import codebook_term_rows


LOADING = """\
```python
# frictionless (validates as it reads)
from frictionless import Package
package = Package("datapackage.json")
figures = package.get_resource("figures").to_pandas()

# polars (Parquet keeps the types)
import polars as pl
figures = pl.read_parquet("data/figures.parquet")

# pandas
import pandas as pd
figures = pd.read_parquet("data/figures.parquet")
```

```sql
-- DuckDB
SELECT unit, count(*) FROM 'data/figures.parquet' GROUP BY unit;
```

```r
# R
library(arrow)
figures <- read_parquet("data/figures.parquet")
# or, with the frictionless package: frictionless::read_package("datapackage.json")
```
"""

LIMITATIONS = """\
- Figures are found by general rules of Chinese news writing, not by people: a figure
  phrased in an unusual way can be missed, and every published row can be traced to its
  `surface` and `context` to check it.
- Relative dates (去年, 今年) and year-less dates resolve against the page's issue date;
  when that is unknown they stay empty with `resolution` = `unresolved`. An issue date
  known only to the month (`issue_date_precision` = `month`) is stored as the first day
  of that month.
- Indicators cover the phrases in the codebook; a figure that matches none stays in
  `figures` without an indicator. Consistency checks are published in `checks`, never
  used to drop rows.
- `figures.quantity` is decided by rules from the unit and the words before the figure:
  a percentage with none of the share or change words is called a rate, and a number of
  years is a duration unless an age word precedes it.
- Private persons are masked (`某某`) in every free-text column; detection is rule-based
  and errs on the side of masking.
- In the Parquet resources' descriptor schemas, optional integer fields are declared
  `number` and optional number fields carry no range constraints, because frictionless
  reads Parquet through pandas (nulls become NaN). The CSV resources carry the full
  constraints; the Parquet files hold exactly the same rows with the schema's types.
"""


#: How indicators get their region and period (kept short: the schemas'
#: column descriptions above give every value).
WHERE_AND_WHEN = """\
- **Region** (`region_code`, `region_name_zh`, `region_basis`): a name counts only where it
  reads as a place: written with its level suffix (綦江区, 山东省), or as a short form (綦江) the
  page establishes (its full name, its province, 在/来到 before it, 县/市 after it). Forms that are
  also ordinary words (资源, 全州, 城区 …) are listed with a reason in the repository's
  `schemas/vocab/ambiguous_regions.csv` and need more. The page's region is the deepest
  consistent one of province ⊃ prefecture ⊃ county ⊃ township its names support: a provincial or
  city report keeps the province's or city's own code; a county of another province than the one
  the page names never wins; the city of a news agency's dateline (新华社成都3月1日电) is only
  where the dispatch was filed. A figure whose own clause names another place of the same province
  (a town, a partner county), or whose paragraph opens with one, takes that place; 全省, 全市 or
  全县 in its clause take that level of the page's region; a town the page places in a county
  (某某区某某镇) gives a figure whose sentence names it that county, and so does a township written
  with its level word (某某镇, 某某乡, 某某街道) that is the only one of its name under the city,
  province or county the page names (never across China, never an ordinary word such as 城镇 or
  乡镇; the row then carries the county's code and name), which also counts for that county in the
  page's region when the page does not name the county; a city opening a body's name
  (某市义工服务中心的义工) says whose the people are, not where the figure is; a region's stem heading
  the page (巫山…) counts when the text speaks as its level (我县). The page's metadata `region_code`, when
  given, bounds the search. When nothing resolves the region is empty and `region_basis` is
  `none_named`.
- **Period** (`period_start`, `period_end`, `period_basis`): the date framing the figure: the
  nearest date before it in its paragraph (never a comparison base such as 比2019年), the first
  date under a heading, a year or period opening an earlier paragraph of its section, the year a
  bulletin's title names, or the day of the event told before it; never a publication date
  (1月27日讯, a page's timestamp). Relative dates resolve against the issue date at its precision
  (a year-only issue date never gives an end finer than that year), or against the year a
  reprinted article fixes itself (a 2022 year-to-date report inside a 2023 page: its 今年以来 is
  2022). 今年以来, 截至目前 and 目前 run to the article's date (from 1 January unless the text
  says since when; 目前 under 截至9月底 ends there); a running total (累计已达) with no date of its
  own has no start. 过去一年 and 一年来 are the report's year, 五年来 and 近N年来 the years ending
  with it, "十四五"时期 2021-2025. A year naming an event (举办2024年某省“…”招聘会) gives way to
  the event's day told before it; a bare day after a full date of its month (1月14日…14日上午) is a
  day of that month; the span of a report's lead (现将…1~10月…通报如下：) or headline frames the
  report under it; 即日起至3月31日 runs from the day told to that date. A year's target (年目标任务)
  covers the whole year, a plan with no date on its page (力争…) the year the page is written in; a
  figure counted over a holiday span (“两节”期间) has no period.
- **Measure** (`measure`): outcome, target (目标, 计划, 力争, 确保, 预期, 将/要 + a verb of doing,
  年底前, 下一步, a rate capped 控制在…以内/左右, a quoted target 提出“…”, the lines under a
  heading 预期目标/主要目标/民生实事 (of the heading's year), or a period after the article's
  date; a target beside part of a year covers the whole year), annual_average (年均, 每年: the
  period is the whole span) or cumulative (累计, 目前/至今 in the figure's own clause, and
  stocks: 现有, 拥有, 活跃着, 共建立, 年末共有, 目前…已建成 -- counted at a date, no start unless the
  sentence says since when, 从去年成立至今; 常年保持在… has no period; an insurance's enrolment,
  参保人数, keeps the period its text gives); a flow of the year so far (截至目前, 今年以来, 截至6月底,
  今年以来…累计) is an outcome from 1 January; `codebook_terms` (kind `measure`) lists the kinds each
  indicator may take (a rate is never cumulative).
"""


def _table_section(table: str, rows: int) -> str:
    meta = schema.load(table)
    lines = [f"### `{table}` ({rows} rows)", "", meta.get("description", ""), ""]
    lines.append(f"Files: `data/{table}.csv`, `data/{table}.parquet`. Primary key: `{', '.join(meta['primaryKey'])}`.")
    for fk in meta.get("foreignKeys", []):
        lines.append(
            f"Foreign key: `{', '.join(fk['fields'])}` → `{fk['reference']['resource']}.{', '.join(fk['reference']['fields'])}`."
        )
    lines += ["", "| column | type | required | description |", "| --- | --- | --- | --- |"]
    for f in meta["fields"]:
        required = "yes" if f.get("constraints", {}).get("required") else ""
        desc = f.get("description", "").replace("|", "\\|")
        enum = f.get("constraints", {}).get("enum")
        if enum:
            desc += " Values: " + ", ".join(f"`{v}`" for v in enum) + "."
        lines.append(f"| `{f['name']}` | {f['type']} | {required} | {desc} |")
    return "\n".join(lines) + "\n"


CODEBOOK_NOTES = """\
How a figure becomes an indicator (the rules are data, in `schemas/codebook.yaml`): a signal
phrase of the indicator stands in the figure's clause before the number or in the noun phrase
right after it (the closest phrase wins), the figure's unit is one of the indicator's units,
one of its `requires` words (if any) is in the sentence, and none of its `excludes` words is in
the clause before the number: a policy's ceiling (最高可贷, 不超过), a per-head amount
(每户…400 元) or one person's own figure is not a total. A figure quoted from, or told of, a
private person is never a statistic of the region.
A figure that fits no indicator stays in `figures`.

- Unemployment rates: a rate named 登记失业率 is `unemployment_rate_registered`, one named
  调查失业率 `unemployment_rate_surveyed`; `unemployment_rate` is a rate the text does not
  qualify.
- Care visits: households visited (户, 家庭) are `care_households_visited`, people visited
  (人, 人次) `care_people_visited`, visits made (次, 场) `care_visits_made`. A summary such as
  走访慰问困难群众 120 户 is an indicator, never a row of `care_visits`, which holds one row per
  visit a story tells, a visit being one stop: each home, named person, school, care home,
  village or workplace visited (看望了A、B和C家中 gives three rows), with its day when the text
  fixes one.
- Signal phrases include older and regional names of a programme (扶贫车间 for 就业帮扶车间,
  转移农村劳动力, 输转, 转移到省外 and 劳务输出 for 转移就业, 小额担保贷款 and 贷免扶补 for
  创业担保贷款, 新农保 for 城乡居民养老保险, 指标任务 for 目标任务) and traditional characters.
- Parts: a figure after 其中 (each item of a list after it) is a part of the total before it and
  a row of its own, named by its own words or, when they name nothing, by the total's
  (…创业担保贷款 3850 万元，其中个体工商户 26 户 310 万元: 310 万元 loans issued, 26 户 their
  borrowers). Figures in brackets after a total are its breakdown: no row. A clause that is
  only a noun and its count after a verb's object (慰问困难职工 183 人，大病职工 107 人) is the
  verb's next object.
- Restatements: a statistic a page states twice is one row, the first in the body; a headline
  that states a body figure in round numbers (转移就业超 26 万人 over 26.2 万人) is the same
  statistic.
- Loans: 发放贷款 is `key_group_loans` where the sentence names the key groups (重点群体),
  else a start-up guarantee loan where it speaks of business starts; an ordinary bank loan is
  no indicator. Money is money: the value of goods given (价值 1 万元的书包) is no `care_funds`,
  and a transfer rate (转移就业率) no `employment_rate`.
- Counts of people: a count followed by a list of kinds (60 名残疾人、留守儿童等) counts them
  all (the verb after the list names it, not one kind); N 名 X 为… counts who acted, 为 N 名 X…
  whom they served.
"""


DATA_MODEL = """\
Every cell holds one value: a list is a link table, one row per item, never a joined
string. `check_figures` links each check to the figures it compares, with the figure's
role (numerator, denominator, rate; whole, part, share; achieved, target, rate; value);
`figure_flags` holds the plausibility flags of figures, `visit_gifts` what each care
visit brought (in text order), `codebook_terms` each indicator's units, signal phrases,
required words and measures. Every reference is a declared foreign key, checked by
`frictionless validate` and `etl validate`: every page table → `sources`,
`indicators` → `figures` and `codebook`, `check_figures` → `checks` and `figures`,
`figure_flags` → `figures`, `visit_gifts` → `care_visits`, `codebook_terms` → `codebook`.
A failed check, for example, with its figures:

```sql
-- DuckDB
SELECT c.check_name, c.message, l.role, f.surface, f.context
FROM 'data/checks.parquet' c
JOIN 'data/check_figures.parquet' l USING (check_id)
JOIN 'data/figures.parquet' f USING (figure_id)
WHERE NOT c.passed ORDER BY c.check_id, l.role;
```
"""


#: How a quantity no unit gives comes about.
_NO_UNIT = {
    "share": "(a percentage after a share word)",
    "other": "(a figure whose unit the vocabulary gives no quantity)",
}


def _quantity_section() -> str:
    """What ``figures.quantity`` means, with the units that give each value
    (from schemas/vocab/units.csv)."""
    units: dict[str, list[str]] = {q: [] for q in rules.QUANTITIES}
    for rule in rules.units():
        if rule.quantity and rule.unit_raw not in units[rule.quantity]:
            units[rule.quantity].append(rule.unit_raw)
    lines = [
        "`figures.quantity` says what a number measures, so that figures of one unit can be told apart "
        "(59岁 is an age, 30年 a duration; 33.3% after 占 is a share, 12% after 增长 a change). "
        "It comes from the unit (the `quantity` column of the project's unit vocabulary) and, where the unit "
        "alone cannot tell, from the words before the figure in its clause: years after 年龄, 年满, 享年 … are "
        "an age; a percentage after 占, 比重, 比例 … is a share, after 增长, 下降, 同比 … a change (the nearer "
        "word decides), otherwise a rate. Percentage points are always a change.",
        "",
        "| quantity | units that give it |",
        "| --- | --- |",
    ]
    for quantity, written in units.items():
        shown = ", ".join(written[:12]) + (" …" if len(written) > 12 else "")
        lines.append(f"| `{quantity}` | {shown or _NO_UNIT.get(quantity, '')} |")
    return "\n".join(lines) + "\n"


def _codebook_section(codebook: pl.DataFrame) -> str:
    if codebook.is_empty():
        return "The codebook is empty.\n"
    terms: dict[tuple[str, str], list[str]] = {}
    for t in codebook_term_rows():
        terms.setdefault((t["indicator_id"], t["kind"]), []).append(t["term"])
    lines = [
        "| indicator_id | label (zh) | label (en) | units | topic | population group | measures | definition | signal phrases |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for row in codebook.iter_rows(named=True):
        iid = str(row.get("indicator_id"))
        cells = [
            f"`{iid}`", row.get("label_zh"), row.get("label_en"),
            ", ".join(terms.get((iid, "unit"), [row.get("unit") or ""])), row.get("topic"),
            row.get("population_group") or "", ", ".join(terms.get((iid, "measure"), [])),
            row.get("definition") or "", "、".join(terms.get((iid, "signal_phrase"), [])),
        ]
        lines.append("| " + " | ".join(str(c or "").replace("|", "\\|") for c in cells) + " |")
    return "\n".join(lines) + "\n\n" + CODEBOOK_NOTES


def package_readme(rows: dict[str, int], codebook: pl.DataFrame, sources: Iterable[dict]) -> Iterator[str]:
    """The README's text, piece by piece: ``rows`` per table, the codebook
    table, and the ``sources`` rows in order (one provenance line per page,
    so the text is streamed to the file, never built whole)."""
    first = True
    for part in _readme_parts(rows, codebook, sources):
        if not first:
            yield "\n"
        yield part
        first = False


def _readme_parts(rows: dict[str, int], codebook: pl.DataFrame, sources: Iterable[dict]) -> Iterator[str]:
    meta = metadata.load()
    yield from [
        f"# {meta['title']}",
        "",
        meta["description"],
        "",
        f"Data version {meta['version']}. Licence: {meta['licenses'][0]['name']} — {meta['licenses'][0]['title']}",
        "",
        "## Contents",
        "",
        "Every table is published twice, as CSV (`data/<table>.csv`, UTF-8, empty cell = missing) "
        "and as Parquet (`data/<table>.parquet`, typed), described by `datapackage.json` "
        "(Frictionless Data Package, with sha256 hashes of every file). `index.html` is a landing page "
        "to open in a browser: the tables with their first rows, the codebook and charts.",
        "",
    ]
    yield from ["## Data model", "", DATA_MODEL]
    for table in schema.TABLES:
        yield _table_section(table, rows[table])
    yield from ["## What a figure measures", "", _quantity_section()]
    yield from ["## Codebook", "", _codebook_section(codebook)]
    yield from ["## Where and when: regions and periods", "", WHERE_AND_WHEN]
    yield from ["## Provenance", ""]
    for row in sources:
        issue = row["issue_date"].isoformat() if row["issue_date"] else "unknown"
        yield (
            f"- `{row['source_id']}`: {row['title'] or '(untitled)'}; publisher: {row['publisher'] or 'unknown'}; "
            f"issue date {issue} (precision: {row['issue_date_precision'] or 'unknown'}); "
            f"sha256 `{row['sha256']}`, {row['bytes']} bytes, {row['encoding']}."
        )
    yield from [
        "",
        "## How to cite",
        "",
        citation(meta),
        "",
        "Cite the data version you used (`version` in `datapackage.json`; the repository's "
        "`CITATION.cff` has it in machine-readable form). The figures were first published by "
        "the newspapers listed under Provenance: cite them too. What changed between two versions "
        "is in the repository's `CHANGELOG.md`, and `etl diff OLD NEW` compares any two packages.",
        "",
        "## How to load",
        "",
        LOADING,
        "## Known limitations",
        "",
        LIMITATIONS,
    ]
