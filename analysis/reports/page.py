"""What a report page calls to show things. Charts are drawn by the Vega bundle that vl-convert ships,
put into the page once, so pages draw with no network; paper text is always HTML-escaped."""

from __future__ import annotations

import html
import json
import os
from datetime import date
from urllib.parse import quote
from pathlib import Path

import altair as alt
import polars as pl
from IPython.display import HTML, Markdown, display

from ..paths import DEFAULT_DB
from ..store import connect
from ..trends import restrict_to_window

_bundle_loaded = False
_chart_count = 0


def database_path() -> Path:
    """The database the pages read: ``PAPERTRENDS_DB`` when set (``papertrends report --db``), else the default."""
    return Path(os.environ.get("PAPERTRENDS_DB", DEFAULT_DB))


def report_title() -> str:
    """The report's title: ``PAPERTRENDS_TITLE`` when set (``papertrends report --title``)."""
    return os.environ.get("PAPERTRENDS_TITLE") or "papertrends"


def report_window() -> tuple[date | None, date | None]:
    """The date window of the report (``papertrends report --since/--until``), each end optional."""
    def day(name: str) -> date | None:
        value = os.environ.get(name)
        return date.fromisoformat(value) if value else None

    return day("PAPERTRENDS_SINCE"), day("PAPERTRENDS_UNTIL")


def open_database():
    """A read-only connection that sees only the papers of the report's window. A window (or database) with no
    papers says so at the top of the page; the figures below it are then empty."""
    con = connect(database_path(), read_only=True)
    since, until = report_window()
    restrict_to_window(con, since, until)
    if not con.execute("SELECT count(*) FROM papers").fetchone()[0]:
        if since or until:
            days = f"{since.isoformat() if since else 'the start'} to {until.isoformat() if until else 'the end'}"
            display(Markdown(f"**No papers in this window** ({days}): none was listed, or else published, on these days."))
        else:
            display(Markdown("**No papers in the database**: `papertrends build` reads listings into it."))
    return con


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


def table(frame: pl.DataFrame, caption: str | None = None, max_rows: int = 50, evidence: str | None = None) -> None:
    """Shows a frame as an HTML table; every cell is escaped, so paper text never runs as markup. The cells of
    the ``evidence`` column link to the Explore page, filtered to the papers behind them."""
    head = "".join(f"<th>{html.escape(str(column))}</th>" for column in frame.columns)
    body = []
    for row in frame.head(max_rows).iter_rows(named=True):
        cells = []
        for column, value in row.items():
            text = html.escape("" if value is None else _format(value))
            if column == evidence and value is not None:
                text = f'<a href="explore.html#q={html.escape(quote(str(value)))}">{text}</a>'
            cells.append(f"<td>{text}</td>")
        body.append(f"<tr>{''.join(cells)}</tr>")
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


def value_boxes(boxes: list[tuple[str, str, str]]) -> None:
    """The overview's headline numbers: (label, value, note) boxes; every part escaped."""
    cells = "".join(
        f'<div class="papertrends-box"><div class="papertrends-box-label">{html.escape(label)}</div>'
        f'<div class="papertrends-box-value">{html.escape(value)}</div>'
        f'<div class="papertrends-box-note">{html.escape(note)}</div></div>'
        for label, value, note in boxes
    )
    display(HTML(f'<div class="papertrends-boxes">{cells}</div>'))


def explore_link(query: str, text: str) -> str:
    """Markdown link to the Explore page with its search box filled in: the evidence behind a number."""
    return f"[{escape_markdown(text)}](explore.html#q={quote(query)})"


# The Explore page's table: data as JSON in the page, drawn with textContent only (paper text never
# becomes markup), filtered by the search box and sorted by clicking a column head. Works from file://.
EXPLORE_SCRIPT = r"""
(function () {
  var data = JSON.parse(document.getElementById('papertrends-explore-data').textContent);
  var columns = [['title', 'Paper'], ['day', 'Date'], ['status', 'Code'], ['claims', 'Numeric claims'],
                 ['models', 'Models'], ['datasets', 'Datasets'], ['buzzwords', 'Buzzwords']];
  var input = document.getElementById('papertrends-explore-search');
  var count = document.getElementById('papertrends-explore-count');
  var table = document.getElementById('papertrends-explore-table');
  var sortKey = null, sortDown = false, limit = 200;
  data.forEach(function (row) {
    row._text = columns.map(function (c) { return [].concat(row[c[0]] || []).join(' '); })
                       .concat(row.evidence || []).join(' ').toLowerCase();
  });
  function cell(row, key) {
    var value = row[key];
    return Array.isArray(value) ? value.join(', ') : (value === null || value === undefined ? '' : String(value));
  }
  function draw() {
    var terms = input.value.toLowerCase().split(/\s+/).filter(Boolean);
    var rows = data.filter(function (row) { return terms.every(function (t) { return row._text.indexOf(t) >= 0; }); });
    if (sortKey) {
      rows.sort(function (a, b) {
        var x = cell(a, sortKey), y = cell(b, sortKey);
        if (sortKey === 'claims') { x = (a.claims || []).length; y = (b.claims || []).length; }
        return (x < y ? -1 : x > y ? 1 : 0) * (sortDown ? -1 : 1);
      });
    }
    count.textContent = rows.length + ' of ' + data.length + ' papers' + (rows.length > limit ? ' (first ' + limit + ' shown)' : '');
    var body = document.createElement('tbody');
    rows.slice(0, limit).forEach(function (row) {
      var tr = document.createElement('tr');
      tr.id = 'paper-' + row.paper_id;
      columns.forEach(function (c) {
        var td = document.createElement('td');
        td.textContent = cell(row, c[0]);
        if (c[0] === 'claims' && (row.evidence || []).length) {
          var details = document.createElement('details');
          var summary = document.createElement('summary');
          summary.textContent = 'sentences';
          details.appendChild(summary);
          row.evidence.forEach(function (text) {
            var p = document.createElement('p');
            p.textContent = '\u2026' + text + '\u2026';
            details.appendChild(p);
          });
          td.appendChild(details);
        }
        tr.appendChild(td);
      });
      body.appendChild(tr);
    });
    table.replaceChild(body, table.tBodies[0]);
  }
  var head = document.createElement('tr');
  columns.forEach(function (c) {
    var th = document.createElement('th');
    th.textContent = c[1];
    th.tabIndex = 0;
    th.addEventListener('click', function () { sortDown = sortKey === c[0] ? !sortDown : false; sortKey = c[0]; draw(); });
    head.appendChild(th);
  });
  table.tHead.appendChild(head);
  function fromHash() {
    var query = /[#&]q=([^&]*)/.exec(location.hash);
    if (query) { input.value = decodeURIComponent(query[1]); }
    draw();
  }
  input.addEventListener('input', draw);
  window.addEventListener('hashchange', fromHash);
  fromHash();
})();
"""


def explore_table(frame: pl.DataFrame) -> None:
    """Every paper with its extractions, searchable and sortable in the page, offline."""
    rows = frame.to_dicts()
    display(HTML(
        '<div class="papertrends-explore">'
        '<label for="papertrends-explore-search">Search titles and extractions</label> '
        '<input id="papertrends-explore-search" type="search" placeholder="e.g. GPT-4 released" size="40"> '
        '<span id="papertrends-explore-count" role="status"></span>'
        '<table id="papertrends-explore-table" class="papertrends-table"><thead></thead><tbody></tbody></table>'
        f'<script type="application/json" id="papertrends-explore-data">{_script_json(rows)}</script>'
        f"<script>{EXPLORE_SCRIPT}</script></div>"
    ))
