"""What a report page calls to show things. Charts are drawn by the Vega bundle that vl-convert ships,
put into the page once, so pages draw with no network; paper text is always HTML-escaped."""

from __future__ import annotations

import html
import json
import os
from pathlib import Path

import altair as alt
import polars as pl
from IPython.display import HTML, Markdown, display

from ..paths import DEFAULT_DB
from ..store import connect

_bundle_loaded = False
_chart_count = 0


def database_path() -> Path:
    """The database the pages read: ``PAPERTRENDS_DB`` when set (``papertrends report --db``), else the default."""
    return Path(os.environ.get("PAPERTRENDS_DB", DEFAULT_DB))


def open_database():
    return connect(database_path(), read_only=True)


def _script_json(value) -> str:
    """JSON safe inside a <script> element: no "</script>" or "<!--" can close or open anything."""
    return json.dumps(value).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _vega_bundle() -> str:
    import vl_convert

    # Wrapped in a function so the bundle's top-level names stay out of the page's global scope.
    return "(function(){\n" + vl_convert.javascript_bundle() + "\n})();"


def chart(chart: alt.TopLevelMixin, description: str, sql: str | None = None) -> None:
    """Shows an Altair chart as a <div> and a vegaEmbed call (the Vega bundle is added before the first
    chart of a page), with a text alternative and, when given, the SQL behind it in a collapsed block."""
    global _bundle_loaded, _chart_count
    _chart_count += 1
    element_id = f"papertrends-chart-{_chart_count}"
    parts = []
    if not _bundle_loaded:
        parts.append(f"<script>{_vega_bundle()}</script>")
        _bundle_loaded = True
    spec = chart.to_dict()
    parts.append(
        f'<figure class="papertrends-chart"><div id="{element_id}" role="img" aria-label="{html.escape(description)}"></div>'
        f"<figcaption>{html.escape(description)}</figcaption></figure>"
    )
    parts.append(
        f"<script>vegaEmbed({_script_json('#' + element_id)}, {_script_json(spec)}, "
        '{"renderer": "svg", "actions": false}).catch(function (error) { console.error(error); });</script>'
    )
    if sql:
        parts.append(sql_block(sql))
    display(HTML("\n".join(parts)))


def sql_block(sql: str) -> str:
    lines = [line for line in sql.strip("\n").splitlines()]
    indent = min((len(line) - len(line.lstrip()) for line in lines if line.strip()), default=0)
    body = "\n".join(line[indent:] for line in lines)
    return f"<details class=\"papertrends-sql\"><summary>SQL behind this figure</summary><pre><code>{html.escape(body)}</code></pre></details>"


def table(frame: pl.DataFrame, caption: str | None = None, max_rows: int = 50) -> None:
    """Shows a frame as an HTML table; every cell is escaped, so paper text never runs as markup."""
    head = "".join(f"<th>{html.escape(str(column))}</th>" for column in frame.columns)
    body = []
    for row in frame.head(max_rows).iter_rows():
        cells = "".join(f"<td>{html.escape('' if value is None else _format(value))}</td>" for value in row)
        body.append(f"<tr>{cells}</tr>")
    caption_html = f"<caption>{html.escape(caption)}</caption>" if caption else ""
    display(HTML(f'<table class="papertrends-table">{caption_html}<thead><tr>{head}</tr></thead><tbody>{"".join(body)}</tbody></table>'))


def _format(value) -> str:
    if isinstance(value, float):
        return f"{value:,.6g}" if abs(value) < 1e6 else f"{value:,.0f}"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


def findings(lines: list[str]) -> None:
    """Shows the page's opening findings as a Markdown list. Callers escape text that comes from papers."""
    display(Markdown("\n".join(f"- {line}" for line in lines)))


def escape_markdown(text: str) -> str:
    """Paper text inside Markdown: HTML-escaped and with Markdown's active characters backslashed."""
    escaped = html.escape(text)
    return "".join("\\" + ch if ch in "\\`*_[]{}()#+-!|~>" else ch for ch in escaped)
