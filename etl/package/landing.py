"""The package's landing page: ``dist/index.html``, generated with the package.

One self-contained HTML file a researcher opens from the download (no
network, no script): what the package is, its data version, licence and how
to cite it; every table with its row count, its columns (from the schemas)
and its first rows; the codebook; and two charts, drawn with pygal as static
SVG embedded in the page: the indicators reported for the latest period, by
topic, and the figures per newspaper over the issue months.

It is built from small inputs only (the row counts, each table's first rows,
the codebook, the ``sources`` table and one aggregate of ``indicators``), so
adding a page to a large archive does not make it costly.  Its bytes depend
only on the package: pygal's random chart id and dated comment are replaced
by fixed ones, and its (unused) script is left out.  The version appears as
``version X`` only, as in the README, so ``etl release`` can stamp it.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable

import polars as pl

from etl.package import metadata, schema

#: Rows shown per table.
PREVIEW_ROWS = 5
#: Characters shown of a long cell in a preview.
PREVIEW_CHARS = 60
#: Newspapers drawn as their own series in the figures-over-time chart; the
#: others are summed as "other publishers".
MAX_PUBLISHERS = 8

STYLE = """
body{font-family:"Noto Sans CJK SC","Noto Sans SC","Source Han Sans SC","PingFang SC","Microsoft YaHei",
 system-ui,sans-serif;margin:2em auto;max-width:72em;padding:0 1em;color:#1a1a1a;line-height:1.45}
h1{font-size:1.6em}h2{margin-top:1.6em;border-bottom:1px solid #ccc}h3{margin-bottom:.3em}
table{border-collapse:collapse;font-size:.85em;margin:.4em 0 1em}
th,td{border:1px solid #ddd;padding:.2em .45em;text-align:left;vertical-align:top}
th{background:#f3f3f3}code{background:#f6f6f6;padding:0 .2em}
.chart svg{max-width:100%;height:auto}.muted{color:#666}.cite{background:#f6f6f6;padding:.6em}
nav a{margin-right:.8em}
"""


def _e(value: object) -> str:
    return html.escape("" if value is None else str(value))


def _inline(text: str) -> str:
    """Escaped text with the metadata's Markdown marks (`code`, *emphasis*) as HTML."""
    out = _e(text)
    out = re.sub(r"`([^`]+)`", r"<code>\1</code>", out)
    return re.sub(r"\*([^*]+)\*", r"<em>\1</em>", out)


def _cell(value: object) -> str:
    text = "" if value is None else str(value)
    return _e(text if len(text) <= PREVIEW_CHARS else text[:PREVIEW_CHARS] + "…")


def _svg(chart, chart_id: str) -> str:
    """A pygal chart as SVG markup of fixed bytes (see the module's doc)."""
    chart.uuid = chart_id  # pygal draws a random one otherwise
    svg = chart.render(is_unicode=True)
    svg = re.sub(r"<!--Generated with pygal.*?-->", "", svg)
    svg = re.sub(r"<script\b.*?</script>", "", svg, flags=re.S)
    # Coordinates to two decimals: a smaller page, the same drawing.
    return _LONG_DECIMAL.sub(lambda m: f"{float(m[0]):.2f}", svg)


_LONG_DECIMAL = re.compile(r"(?<![\w.])\d+\.\d{3,}(?![\w.])")


def _pygal_config(**kw):
    import pygal  # (here: only publishing draws charts)
    from pygal.style import Style

    style = Style(
        font_family='"Noto Sans CJK SC", "Noto Sans SC", sans-serif', background="white",
        plot_background="white", title_font_size=15, label_font_size=11, major_label_font_size=11,
        legend_font_size=11, value_font_size=11,
        colors=("#3366aa", "#dd7733", "#339966", "#aa3377", "#66aacc", "#998833", "#cc3333", "#777777", "#55aa55"),
    )
    return pygal, dict(js=[], disable_xml_declaration=True, style=style, explicit_size=False, **kw)


def _count_ticks(largest: int) -> list[int]:
    """Whole-number axis ticks from 0 to at least ``largest`` (counts have no fractions)."""
    step = max(1, -(-largest // 8))
    return list(range(0, largest + step, step))


def latest_period_chart(latest: pl.DataFrame, period: str) -> str:
    """Horizontal bars: figures per indicator in the latest period, one
    series per topic.  ``latest``: indicator_id, label_en, topic, figures."""
    pygal, config = _pygal_config(width=820, height=max(220, 60 + 24 * latest.height), show_legend=True,
                                  legend_at_bottom=True, print_values=True)
    chart = pygal.HorizontalBar(**config)
    chart.title = f"Indicator figures for the latest period ({period}), by topic"
    rows = latest.sort(["topic", "figures", "indicator_id"], descending=[False, False, True]).to_dicts()
    chart.x_labels = [f"{r['label_en']}" for r in rows]
    chart.y_labels = _count_ticks(max(r["figures"] for r in rows))
    for topic in sorted({r["topic"] for r in rows}):
        chart.add(topic, [r["figures"] if r["topic"] == topic else None for r in rows])
    return _svg(chart, "latest-indicators")


def figures_over_time_chart(by_month: pl.DataFrame) -> str:
    """Stacked bars: figures per issue month, one series per newspaper
    (``by_month``: month, publisher, figures)."""
    pygal, config = _pygal_config(width=820, height=360, show_legend=True, legend_at_bottom=True,
                                  x_label_rotation=30)
    chart = pygal.StackedBar(**config)
    chart.title = "Figures per newspaper, by issue month"
    months = sorted(by_month["month"].unique().to_list())
    chart.x_labels = months
    monthly = by_month.group_by("month").agg(pl.col("figures").sum())["figures"].to_list()
    chart.y_labels = _count_ticks(int(max(monthly)))
    totals = by_month.group_by("publisher").agg(pl.col("figures").sum()).sort(["figures", "publisher"], descending=[True, False])
    for publisher in totals["publisher"].to_list():
        counts = dict(by_month.filter(pl.col("publisher") == publisher).select("month", "figures").iter_rows())
        chart.add(publisher, [counts.get(m) for m in months])
    return _svg(chart, "figures-over-time")


def figures_by_month(sources: pl.DataFrame) -> pl.DataFrame:
    """(month, publisher, figures) from the ``sources`` table: pages of an
    unknown issue date under "unknown date", the smaller newspapers summed."""
    df = sources.select(
        pl.col("issue_date").dt.strftime("%Y-%m").fill_null("unknown date").alias("month"),
        pl.col("publisher").fill_null("unknown publisher"),
        pl.col("figure_count").alias("figures"),
    )
    top = (
        df.group_by("publisher").agg(pl.col("figures").sum())
        .sort(["figures", "publisher"], descending=[True, False]).head(MAX_PUBLISHERS)["publisher"].to_list()
    )
    df = df.with_columns(
        pl.when(pl.col("publisher").is_in(top)).then(pl.col("publisher")).otherwise(pl.lit("other publishers"))
    )
    return df.group_by("month", "publisher").agg(pl.col("figures").sum()).sort("month", "publisher")


def latest_indicators(indicators: pl.LazyFrame) -> tuple[pl.DataFrame, str]:
    """Figures per indicator whose period ends last (the latest period end
    among the indicators that have one), and that period as text."""
    dated = indicators.filter(pl.col("period_end").is_not_null())
    last = dated.select(pl.col("period_end").max()).collect().item()
    if last is None:
        return pl.DataFrame(schema={"indicator_id": pl.String, "label_en": pl.String, "topic": pl.String,
                                    "figures": pl.UInt32}), "none"
    rows = (
        dated.filter(pl.col("period_end") == last)
        .group_by("indicator_id", "label_en", "topic").agg(pl.len().alias("figures"))
        .sort("indicator_id").collect()
    )
    starts = dated.filter(pl.col("period_end") == last).select(pl.col("period_start").min()).collect().item()
    return rows, f"{starts.isoformat()} to {last.isoformat()}" if starts else f"to {last.isoformat()}"


def _table_html(table: str, rows: int, preview: pl.DataFrame) -> str:
    meta = schema.load(table)
    out = [f'<h3 id="table-{table}"><code>{table}</code> — {rows} rows</h3>',
           f"<p>{_e(meta.get('description', ''))}</p>",
           f"<p class=muted>Files: <code>data/{table}.csv</code>, <code>data/{table}.parquet</code>. "
           f"Primary key: <code>{_e(', '.join(meta['primaryKey']))}</code>."]
    for fk in meta.get("foreignKeys", []):
        ref = fk["reference"]
        out.append(f" Foreign key <code>{_e(', '.join(fk['fields']))}</code> → "
                   f"<a href=\"#table-{ref['resource']}\"><code>{ref['resource']}.{_e(', '.join(ref['fields']))}</code></a>.")
    out.append("</p><details><summary>Columns</summary><table><tr><th>column</th><th>type</th><th>description</th></tr>")
    for f in meta["fields"]:
        out.append(f"<tr><td><code>{_e(f['name'])}</code></td><td>{_e(f['type'])}</td><td>{_e(f.get('description', ''))}</td></tr>")
    out.append("</table></details>")
    if preview.height:
        out.append(f"<p class=muted>First {preview.height} rows:</p><div style=\"overflow-x:auto\"><table><tr>")
        out.extend(f"<th>{_e(c)}</th>" for c in preview.columns)
        out.append("</tr>")
        for row in preview.iter_rows():
            out.append("<tr>" + "".join(f"<td>{_cell(v)}</td>" for v in row) + "</tr>")
        out.append("</table></div>")
    return "".join(out)


def landing_page(
    rows: dict[str, int],
    preview: Callable[[str, int], pl.DataFrame],
    codebook: pl.DataFrame,
    sources: pl.DataFrame,
    indicators: pl.LazyFrame,
) -> str:
    """The page's HTML: ``rows`` per table, ``preview(table, n)`` its first
    ``n`` rows, the ``codebook`` and ``sources`` tables and a lazy scan of
    ``indicators`` (only aggregated)."""
    meta = metadata.load()
    licence = meta["licenses"][0]
    latest, period = latest_indicators(indicators)
    parts = [
        "<!DOCTYPE html>\n<html lang=en><head><meta charset=utf-8>",
        '<meta name=viewport content="width=device-width, initial-scale=1">',
        f"<title>{_e(meta['title'])}</title><style>{STYLE}</style></head><body>",
        f"<h1>{_e(meta['title'])}</h1>",
        f"<p>{_e(meta['description'])}</p>",
        f"<p><strong>Data version {_e(meta['version'])}</strong> · Licence: "
        f"<a href=\"{_e(licence.get('path', ''))}\">{_e(licence['name'])}</a> — {_inline(licence.get('title', ''))}</p>",
        "<nav><a href=\"#cite\">How to cite</a><a href=\"#charts\">Charts</a><a href=\"#tables\">Tables</a>"
        "<a href=\"#codebook\">Codebook</a></nav>",
        "<h2 id=cite>How to cite</h2>",
        f"<p class=cite>{_inline(metadata.citation(meta))}</p>",
        "<p>Cite the data version you used; cite the newspapers named in <code>sources</code> too. "
        "The descriptor is <a href=\"datapackage.json\"><code>datapackage.json</code></a>; the documentation "
        "<a href=\"README.md\"><code>README.md</code></a>.</p>",
        "<h2 id=charts>Charts</h2>",
    ]
    if latest.height:
        parts.append(f'<div class=chart id="chart-latest-indicators">{latest_period_chart(latest, period)}</div>')
    else:
        parts.append("<p>No indicator has a known period.</p>")
    by_month = figures_by_month(sources)
    if by_month.height:
        parts.append(f'<div class=chart id="chart-figures-over-time">{figures_over_time_chart(by_month)}</div>')
    parts.append("<h2 id=tables>Tables</h2><p>Every table as CSV and Parquet; lists are link tables "
                 "(e.g. <code>check_figures</code>), and every reference is a declared foreign key.</p>")
    parts.append("<table><tr><th>table</th><th>rows</th><th>title</th></tr>")
    for table in schema.TABLES:
        parts.append(f"<tr><td><a href=\"#table-{table}\"><code>{table}</code></a></td><td>{rows[table]}</td>"
                     f"<td>{_e(schema.load(table).get('title', ''))}</td></tr>")
    parts.append("</table>")
    for table in schema.TABLES:
        parts.append(_table_html(table, rows[table], preview(table, PREVIEW_ROWS)))
    parts.append("<h2 id=codebook>Codebook</h2><table><tr><th>indicator_id</th><th>label (zh)</th>"
                 "<th>label (en)</th><th>unit</th><th>topic</th><th>definition</th></tr>")
    for r in codebook.iter_rows(named=True):
        parts.append(f"<tr><td><code>{_e(r['indicator_id'])}</code></td><td>{_e(r['label_zh'])}</td>"
                     f"<td>{_e(r['label_en'])}</td><td>{_e(r['unit'])}</td><td>{_e(r['topic'])}</td>"
                     f"<td>{_e(r['definition'])}</td></tr>")
    parts.append("</table></body></html>\n")
    return "\n".join(parts)
