"""The data's own rules, checked over a published package (``etl validate``).

Beyond the files (hashes, Parquet equal to CSV, keys: ``etl.package.validate``)
the rows must keep every rule the job's data has:

* each column's constraints as the descriptor declares them (required, enum,
  pattern, minimum, maximum, minLength, maxLength, unique), generically, for
  whatever fields and constraints the schemas hold;
* the rules no Table Schema can declare (``_RULES``): units in the unit
  vocabulary, an indicator's unit among its codebook units and equal to its
  figure's, an indicator equal to its figure, ids made of their source and
  offsets, offsets within the page's length, counts in ``sources`` equal to
  the rows, ranges (value <= value_max, period and date start <= end), the
  codebook's range checks, regions in the gazetteer.

A failure is one line naming the table, the first row's key (in key order),
the column and the rule, with the count of the other rows that break the same
rule: never one line per row.  The tables are read from the Parquet
resources (held equal to the CSV ones by the file checks, which run first),
a few columns at a time.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import polars as pl

from etl.extract import rules as vocab
from etl.package import schema
from etl.package.descriptor import declared_foreign_keys
from etl.semantic.codebook import load_codebook
from etl.semantic.regions import gazetteer

Tables = dict[str, pl.LazyFrame]


def parquet_tables(package_dir: Path, descriptor: dict) -> tuple[Tables, dict[str, dict]]:
    """Each table's Parquet resource, lazily, and each table's schema as the
    descriptor declares it (its CSV resource's)."""
    tables: Tables = {}
    schemas: dict[str, dict] = {}
    for resource in descriptor["resources"]:
        table = resource.get("x-table", resource["name"])
        paths = resource["path"] if isinstance(resource["path"], list) else [resource["path"]]
        if resource["format"] == "parquet":
            tables[table] = pl.scan_parquet([package_dir / p for p in paths])
        elif resource["format"] == "csv":
            schemas[table] = resource.get("schema", {})
    return tables, schemas


def primary_key(table: str, schemas: dict[str, dict]) -> list[str]:
    key = schemas.get(table, {}).get("primaryKey") or schema.load(table).get("primaryKey") or []
    return [key] if isinstance(key, str) else list(key)


def report(table: str, key: list[str], bad: pl.LazyFrame, column: str, rule: str) -> list[str]:
    """One line for the rows of ``bad`` (rows of ``table`` breaking ``rule``
    in ``column``): the first one's key and value, and how many more."""
    shown = list(dict.fromkeys([*key, column])) if column in bad.collect_schema() else key
    found = bad.select(shown).sort(key, nulls_last=True).collect()
    if found.height == 0:
        return []
    first = found.row(0, named=True)
    where = ", ".join(f"{k}={first[k]}" for k in key)
    value = f" (value {first[column]!r})" if column in first and column not in key else ""
    more = f" (and {found.height - 1} more rows)" if found.height > 1 else ""
    return [f"{table}: row {where}: column {column}: {rule}{value}{more}"]


# --- declared column constraints -------------------------------------------


def _constraint_checks(field: dict) -> list[tuple[str, pl.Expr]]:
    """(rule, expression true for a row that breaks it) for each constraint
    of a Table Schema field."""
    name, kind = field["name"], field.get("type")
    col = pl.col(name)
    out: list[tuple[str, pl.Expr]] = []
    c = field.get("constraints", {})
    if c.get("required"):
        out.append(("required: must not be empty", col.is_null()))
    if "enum" in c:
        out.append((f"must be one of the declared values {c['enum']}", col.is_not_null() & ~col.is_in(c["enum"])))
    if "pattern" in c and kind == "string":
        out.append((f"must match the declared pattern {c['pattern']}", col.is_not_null() & ~col.str.contains(f"^(?:{c['pattern']})$")))
    if kind in ("integer", "number"):
        if "minimum" in c:
            out.append((f"must be at least the declared minimum {c['minimum']}", col < c["minimum"]))
        if "maximum" in c:
            out.append((f"must be at most the declared maximum {c['maximum']}", col > c["maximum"]))
    if kind == "string":
        if "minLength" in c:
            out.append((f"must be at least {c['minLength']} characters long", col.str.len_chars() < c["minLength"]))
        if "maxLength" in c:
            out.append((f"must be at most {c['maxLength']} characters long", col.str.len_chars() > c["maxLength"]))
    if c.get("unique"):
        out.append(("must be unique: the value occurs in more than one row", col.is_not_null() & col.is_duplicated()))
    return out


def check_declared_constraints(tables: Tables, schemas: dict[str, dict]) -> list[str]:
    problems = []
    for table, lf in tables.items():
        key = primary_key(table, schemas)
        names = set(lf.collect_schema())
        for field in schemas.get(table, {}).get("fields", []):
            if field["name"] not in names:
                problems.append(f"{table}: column {field['name']}: declared but missing from the data")
                continue
            for rule, broken in _constraint_checks(field):
                problems += report(table, key, lf.filter(broken), field["name"], rule)
    return problems


# --- rules no schema can declare -------------------------------------------


def _has(tables: Tables, table: str, *columns: str) -> bool:
    return table in tables and set(columns) <= set(tables[table].collect_schema())


def _units_in_vocabulary(tables: Tables, schemas: dict[str, dict]) -> list[str]:
    units = sorted(vocab.unit_codes())
    rule = "must be a unit of the unit vocabulary (schemas/vocab/units.csv)"
    problems = []
    for table, lf in tables.items():
        if "unit" in lf.collect_schema():
            problems += report(table, primary_key(table, schemas), lf.filter(~pl.col("unit").is_in(units)), "unit", rule)
    units_terms = _terms(tables, "unit")
    if units_terms is not None:
        bad = units_terms.explode("_terms").filter(~pl.col("_terms").is_in(units))
        problems += report("codebook", ["indicator_id"], bad.rename({"_terms": "unit term"}), "unit term", "every unit of an entry must be in the unit vocabulary (schemas/vocab/units.csv)")
        if _has(tables, "codebook", "indicator_id", "unit"):
            first = tables["codebook"].join(units_terms, on="indicator_id", how="inner").filter(pl.col("unit") != pl.col("_terms").list.first())
            problems += report("codebook", primary_key("codebook", schemas), first, "unit", "must be the first of the entry's units")
    return problems


def _terms(tables: Tables, kind: str) -> pl.LazyFrame | None:
    """(indicator_id, _terms: the codebook entry's terms of ``kind`` in
    order): from the ``codebook_terms`` table, or a ';'-joined column of
    ``codebook`` named after the kind's plural (an older data model)."""
    if _has(tables, "codebook_terms", "indicator_id", "kind", "position", "term"):
        return (
            tables["codebook_terms"].filter(pl.col("kind") == kind).sort("indicator_id", "position")
            .group_by("indicator_id", maintain_order=True).agg(pl.col("term").alias("_terms"))
        )
    if _has(tables, "codebook", "indicator_id", f"{kind}s"):
        return tables["codebook"].select("indicator_id", pl.col(f"{kind}s").str.split(";").alias("_terms"))
    return None


def _indicator_matches_codebook(tables: Tables, schemas: dict[str, dict]) -> list[str]:
    if not (_has(tables, "indicators", "indicator_id") and _has(tables, "codebook", "indicator_id")):
        return []
    key = primary_key("indicators", schemas)
    indicators = tables["indicators"]
    problems = report("indicators", key, indicators.join(tables["codebook"], on="indicator_id", how="anti"), "indicator_id", "must be an indicator of the codebook")
    # (each term kind an indicator column takes its value from)
    for column, kind, rule in (("unit", "unit", "must be one of its codebook entry's units"),
                               ("measure", "measure", "must be one of its codebook entry's measures")):
        terms = _terms(tables, kind)
        if terms is None or column not in indicators.collect_schema():
            continue
        joined = indicators.join(terms, on="indicator_id", how="inner")
        problems += report("indicators", key, joined.filter(~pl.col("_terms").list.contains(pl.col(column))), column, rule)
    book = tables["codebook"].select([pl.col(c).alias(f"codebook_{c}") for c in tables["codebook"].collect_schema()])
    known = indicators.join(book, left_on="indicator_id", right_on="codebook_indicator_id", how="inner")
    for column in ("label_zh", "label_en", "topic"):
        if column in indicators.collect_schema() and f"codebook_{column}" in known.collect_schema():
            problems += report("indicators", key, known.filter(pl.col(column) != pl.col(f"codebook_{column}")), column, f"must equal its codebook entry's {column}")
    return problems


#: Columns an indicator copies from its figure (an indicator is a figure read
#: as a named measure; its source_id: ``_same_source_as_referenced_row``).
_FROM_FIGURE = ("char_start", "char_end", "value", "value_max", "unit", "qualifier")


def _indicator_matches_figure(tables: Tables, schemas: dict[str, dict]) -> list[str]:
    if not (_has(tables, "indicators", "figure_id") and _has(tables, "figures", "figure_id")):
        return []
    key = primary_key("indicators", schemas)
    shared = [c for c in _FROM_FIGURE if _has(tables, "indicators", c) and _has(tables, "figures", c)]
    figures = tables["figures"].select("figure_id", *[pl.col(c).alias(f"figure_{c}") for c in shared])
    joined = tables["indicators"].join(figures, on="figure_id", how="inner")  # (a missing figure: the foreign key's line)
    return [
        problem
        for c in shared
        for problem in report("indicators", key, joined.filter(pl.col(c).ne_missing(pl.col(f"figure_{c}"))), c, f"must equal its figure's {c}")
    ]


#: (table, id column, start column, end column or None): the id is the
#: source id, ':', the start and, when given, '-' and the end.
_IDS = (
    ("figures", "figure_id", "char_start", "char_end"),
    ("dates", "date_id", "char_start", "char_end"),
    ("care_visits", "visit_id", "article_char_start", None),
)

#: Tables whose id may end with a stop ordinal (/2, /3 …: schemas/care_visits.json).
_STOP_IDS = ("care_visits",)

#: (table, start column, end column): a span of the page's text.
_SPANS = (
    ("figures", "char_start", "char_end"),
    ("dates", "char_start", "char_end"),
    ("indicators", "char_start", "char_end"),
    ("care_visits", "article_char_start", "article_char_end"),
)


def _ids_and_offsets(tables: Tables, schemas: dict[str, dict]) -> list[str]:
    problems = []
    for table, id_col, start, end in _IDS:
        if not _has(tables, table, id_col, "source_id", start, *([end] if end else [])):
            continue
        made = pl.format("{}:{}-{}", "source_id", start, end) if end else pl.format("{}:{}", "source_id", start)
        rule = f"must be source_id:{start}" + (f"-{end}" if end else "")
        ids = pl.col(id_col)
        if table in _STOP_IDS:  # (a visit's second, third … stop: source_id:start/2, /3 …)
            ids, rule = ids.str.replace(r"/[0-9]+$", ""), rule + " (then /2, /3 … for a visit's later stops)"
        problems += report(table, primary_key(table, schemas), tables[table].filter(ids != made), id_col, rule)
    if _has(tables, "checks", "check_id", "source_id"):
        bad = tables["checks"].filter(~pl.col("check_id").str.starts_with(pl.col("source_id") + ":"))
        problems += report("checks", primary_key("checks", schemas), bad, "check_id", "must start with its source_id and ':'")
    if not _has(tables, "sources", "source_id", "characters"):
        return problems
    lengths = tables["sources"].select("source_id", pl.col("characters").alias("source_characters"))
    for table, start, end in _SPANS:
        if not _has(tables, table, "source_id", start, end):
            continue
        key = primary_key(table, schemas)
        lf = tables[table].join(lengths, on="source_id", how="inner")
        problems += report(table, key, lf.filter(pl.col(start) == pl.col(end)), start, f"must be before {end} (the span is empty)")
        problems += report(table, key, lf.filter(pl.col(start) > pl.col(end)), start, f"must be before {end} (the span is reversed)")
        problems += report(table, key, lf.filter(pl.col(end) > pl.col("source_characters")), end, "must lie within the page (sources.characters)")
    return problems


def _source_counts(tables: Tables, schemas: dict[str, dict]) -> list[str]:
    problems = []
    for column, table in (("figure_count", "figures"), ("date_count", "dates")):
        if not (_has(tables, "sources", "source_id", column) and _has(tables, table, "source_id")):
            continue
        counts = tables[table].group_by("source_id").agg(pl.len().alias("_rows"))
        joined = tables["sources"].join(counts, on="source_id", how="left").with_columns(pl.col("_rows").fill_null(0))
        problems += report("sources", primary_key("sources", schemas), joined.filter(pl.col(column) != pl.col("_rows")), column, f"must equal the source's rows in {table}")
    return problems


def _ranges(tables: Tables, schemas: dict[str, dict]) -> list[str]:
    problems = []
    for table, lf in tables.items():
        key = primary_key(table, schemas)
        if _has(tables, table, "value", "value_max"):
            problems += report(table, key, lf.filter(pl.col("value_max") < pl.col("value")), "value_max", "must not be below value")
            if _has(tables, table, "qualifier"):
                mismatch = (pl.col("qualifier") == "range") != pl.col("value_max").is_not_null()
                problems += report(table, key, lf.filter(mismatch), "value_max", "must be given exactly when the qualifier is range")
        for start, end in (("period_start", "period_end"), ("start", "end")):
            if _has(tables, table, start, end):
                problems += report(table, key, lf.filter(pl.col(start) > pl.col(end)), start, f"must not be after {end}")
    return problems


def _range_checks(tables: Tables, schemas: dict[str, dict]) -> list[str]:
    """A check row of a codebook check has the codebook's kind; a range
    check passed exactly when its observed value lies in the codebook's
    [minimum, maximum]."""
    if not _has(tables, "checks", "check_name", "kind"):
        return []
    key = primary_key("checks", schemas)
    declared = load_codebook().checks
    problems = []
    kinds = pl.DataFrame({"check_name": [c["id"] for c in declared], "_kind": [c["kind"] for c in declared]}).lazy()
    joined = tables["checks"].join(kinds, on="check_name", how="left")
    problems += report("checks", key, joined.filter(pl.col("kind").ne_missing(pl.col("_kind"))), "kind", "must be the kind the codebook gives the check")
    if not _has(tables, "checks", "observed", "passed"):
        return problems
    for check in declared:
        if check["kind"] != "range":
            continue
        inside = pl.col("observed").is_between(check["minimum"], check["maximum"])
        bad = tables["checks"].filter((pl.col("check_name") == check["id"]) & (pl.col("passed") != inside.fill_null(False)))
        rule = f"must say whether observed lies in the codebook's [{check['minimum']}, {check['maximum']}] ({check['id']})"
        problems += report("checks", key, bad, "passed", rule)
    return problems


def _regions(tables: Tables, schemas: dict[str, dict]) -> list[str]:
    places = gazetteer()
    problems = []
    for table, lf in tables.items():
        if "region_code" not in lf.collect_schema():
            continue
        key = primary_key(table, schemas)
        known = pl.DataFrame({"region_code": list(places), "_zh": [r.name_zh for r in places.values()], "_en": [r.name_en for r in places.values()]}).lazy()
        joined = lf.filter(pl.col("region_code").is_not_null()).join(known, on="region_code", how="left")
        problems += report(table, key, joined.filter(pl.col("_zh").is_null()), "region_code", "must be a region of the gazetteer (schemas/vocab/regions.csv)")
        for column, name in (("region_name_zh", "_zh"), ("region_name_en", "_en")):
            if column in lf.collect_schema():
                bad = joined.filter(pl.col("_zh").is_not_null() & pl.col(column).ne_missing(pl.col(name)))
                problems += report(table, key, bad, column, "must be the gazetteer's name of region_code")
    return problems


_RULES: tuple[Callable[[Tables, dict[str, dict]], list[str]], ...] = (
    _units_in_vocabulary,
    _indicator_matches_codebook,
    _indicator_matches_figure,
    _ids_and_offsets,
    _source_counts,
    _ranges,
    _range_checks,
    _regions,
)


def _same_source_as_referenced_row(tables: Tables, schemas: dict[str, dict], descriptor: dict) -> list[str]:
    """A row that refers to another row of the package (a declared foreign
    key other than source_id itself) comes from the same page as that row:
    both tables' source_id agree (an indicator and its figure, a flag and
    its figure, a check's figure and the check)."""
    problems = []
    for table, fields, target, ref in declared_foreign_keys(descriptor):
        if fields == ["source_id"] or not (_has(tables, table, "source_id", *fields) and _has(tables, target, "source_id", *ref)):
            continue
        parent = tables[target].select(*[pl.col(r).alias(f) for r, f in zip(ref, fields)], pl.col("source_id").alias("_parent_source")).unique(subset=fields)
        joined = tables[table].join(parent, on=fields, how="inner")
        rule = f"must equal the source_id of the {target} row its {', '.join(fields)} refers to"
        problems += report(table, primary_key(table, schemas), joined.filter(pl.col("source_id") != pl.col("_parent_source")), "source_id", rule)
    return problems


def check_rules(package_dir: Path, descriptor: dict) -> list[str]:
    """Every declared column constraint and every rule of ``_RULES`` over the
    package's tables: one line per rule broken (see ``report``)."""
    tables, schemas = parquet_tables(package_dir, descriptor)
    problems = check_declared_constraints(tables, schemas)
    for rule in _RULES:
        problems += rule(tables, schemas)
    return problems + _same_source_as_referenced_row(tables, schemas, descriptor)

