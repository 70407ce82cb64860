"""What a report page calls to show things. Charts are drawn by the Vega bundle that vl-convert ships, one
copy for the whole site (``reports/vega-bundle.js``, loaded by every page's header), so pages draw with no
network; paper text is always HTML-escaped."""

from __future__ import annotations

import html
import json
import os
import re
from datetime import date
from pathlib import Path
from urllib.parse import quote

import altair as alt
import polars as pl
from IPython.display import Markdown, display

from ..paths import DEFAULT_DB, PROJECT_ROOT
from ..store import connect
from ..trends import restrict_to_window, statement, window_of

_chart_count = 0


def database_path() -> Path:
    """The database the pages read: ``PAPERTRENDS_DB`` when set (``papertrends report --db``), else the default
    database of the Quarto project being rendered (a plain ``quarto render`` runs each page in its own folder,
    under the project's ``_quarto.yml``), else the package's default."""
    if os.environ.get("PAPERTRENDS_DB"):
        return Path(os.environ["PAPERTRENDS_DB"])
    for folder in (Path.cwd(), *Path.cwd().parents):
        if (folder / "_quarto.yml").is_file():
            return folder / "data" / "papertrends.duckdb"
    return DEFAULT_DB


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
    """A read-only connection whose query functions count only the papers of the report's window (each writes
    the window into the SQL it runs, so the SQL shown under a figure is the SQL that made it). A window (or
    database) with no papers says so at the top of the page; the figures below it are then empty."""
    con = connect(database_path(), read_only=True)
    since, until = report_window()
    restrict_to_window(con, since, until)
    if not con.execute(statement(con, "SELECT count(*) FROM papers")).fetchone()[0]:
        if since or until:
            days = f"{since.isoformat() if since else 'the start'} to {until.isoformat() if until else 'the end'}"
            display(
                Markdown(f"**No papers in this window** ({days}): none was listed, or else published, on these days.")
            )
        else:
            display(Markdown("**No papers in the database**: `papertrends build` reads listings into it."))
    return con


def database_name() -> str:
    """The database as the report was given it (``papertrends report --db``), for pages to name."""
    given = os.environ.get("PAPERTRENDS_DB_GIVEN")
    if given:
        return given
    path = database_path().resolve()
    return str(path.relative_to(PROJECT_ROOT)) if path.is_relative_to(PROJECT_ROOT) else str(path)


def window_description(con) -> str:
    """The report's window in words (the whole database when there is none)."""
    return window_of(con).describe()


def _script_json(value) -> str:
    """JSON safe inside a <script> element: no "</script>" or "<!--" can close or open anything."""
    return json.dumps(value).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def show_html(markup: str) -> None:
    """Puts HTML into the page as a raw HTML block of Markdown output. Not as a ``text/html`` output: Quarto
    takes any page with a ``text/html`` output for a Jupyter widget page and adds require.js and jQuery from a
    CDN to it. The fence is longer than any run of backticks in the markup, so nothing inside can close it."""
    longest = max((len(run) for run in re.findall(r"`+", markup)), default=0)
    fence = "`" * max(3, longest + 1)
    display(Markdown(f"{fence}{{=html}}\n{markup}\n{fence}"))


def full_width(chart: alt.TopLevelMixin) -> alt.TopLevelMixin:
    """A single or layered chart without a width of its own takes the page's width (Vega-Lite's "container"
    width follows the chart's <div>, which the stylesheet makes as wide as the text)."""
    if isinstance(chart, (alt.Chart, alt.LayerChart)) and chart.to_dict().get("width") is None:
        return chart.properties(width="container")
    return chart


def chart(chart: alt.TopLevelMixin, description: str, sql: str | None = None) -> None:
    """Shows an Altair chart as a <div> and a vegaEmbed call (the page's header has loaded the site's Vega
    bundle), with a text alternative and, when given, the SQL behind it in a collapsed block."""
    global _chart_count
    _chart_count += 1
    element_id = f"papertrends-chart-{_chart_count}"
    parts = []
    spec = _without_evidence_ids(full_width(chart).to_dict())
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
    show_html("\n".join(parts))


def _without_evidence_ids(spec: dict) -> dict:
    """The chart's data without the ``paper_ids`` lists its query returns for evidence links: a chart draws
    none of them, and they would weigh on the page."""
    for values in spec.get("datasets", {}).values():
        for row in values:
            if isinstance(row, dict):
                row.pop("paper_ids", None)
    return spec


def sql_block(sql: str) -> str:
    """The SQL that made a figure, collapsed. It is the text that ran (parameters and the report's window
    written in: trends.sql_for, TrendResult.sql), so it runs as shown on the database the report names."""
    lines = [line for line in sql.strip("\n").splitlines()]
    indent = min((len(line) - len(line.lstrip()) for line in lines if line.strip()), default=0)
    body = "\n".join(line[indent:] for line in lines)
    database = html.escape(database_name())
    return (
        '<details class="papertrends-sql"><summary>SQL behind this figure</summary>'
        f"<p>Runs as shown on <code>{database}</code> (<code>duckdb -readonly {database}</code>, or "
        f"<code>papertrends sql --db {database}</code>).</p>"
        f"<pre><code>{html.escape(body)}</code></pre></details>"
    )


def table(
    frame: pl.DataFrame,
    caption: str | None = None,
    max_rows: int = 50,
    evidence: str | None = None,
    named: tuple[str, str] | None = None,
) -> None:
    """Shows a frame as an HTML table; every cell is escaped, so paper text never runs as markup. The cells of
    the ``evidence`` column link to the Explore page opened on exactly the papers behind the row: its
    ``paper_ids`` (or its one ``paper_id``), counted by its ``papers`` column when it has one. ``named`` is
    (Explore field, column of its value) for a row whose ids did not all come with it (see explore_href).
    The id columns are not shown."""
    hidden = {"paper_ids"} | ({"paper_id"} if evidence else set())
    shown = [column for column in frame.columns if column not in hidden]
    head = "".join(f"<th>{html.escape(str(column))}</th>" for column in shown)
    body = []
    for row in frame.head(max_rows).iter_rows(named=True):
        cells = []
        for column in shown:
            value = row[column]
            text = html.escape("" if value is None else _format(value))
            if column == evidence and value is not None:
                # A count over trends.queries.EVIDENCE_IDS papers comes without its ids (NULL): it is linked by
                # its named set, or not at all.
                ids = row["paper_ids"] if "paper_ids" in row else [row["paper_id"]]
                count = row["papers"] if row.get("papers") is not None else len(ids or [])
                href = explore_href(ids, count, (named[0], row[named[1]]) if named else None)
                if href:
                    text = f'<a href="{html.escape(href)}" title="{papers_phrase(count)}">{text}</a>'
            cells.append(f"<td>{text}</td>")
        body.append(f"<tr>{''.join(cells)}</tr>")
    caption_html = f"<caption>{html.escape(caption)}</caption>" if caption else ""
    show_html(
        f'<table class="papertrends-table">{caption_html}<thead><tr>{head}</tr></thead><tbody>{"".join(body)}</tbody></table>'
    )


def _format(value) -> str:
    if isinstance(value, float):
        return f"{value:,.6g}" if abs(value) < 1e6 else f"{value:,.0f}"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


def findings(lines: list[str]) -> None:
    """Shows the page's opening findings as a Markdown list. Callers escape text that comes from papers."""
    display(Markdown("\n".join(f"- {line}" for line in lines)))


def inline_code(text: str) -> str:
    """``text`` (a path, a command) as inline code inside Markdown, shown exactly: HTML-escaped and with
    Markdown's active characters backslashed (a Markdown code span would show the backslashes)."""
    return f"<code>{escape_markdown(text)}</code>"


def escape_markdown(text: str) -> str:
    """Paper text inside Markdown: HTML-escaped and with Markdown's active characters backslashed."""
    escaped = html.escape(text)
    return "".join("\\" + ch if ch in "\\`*_[]{}()#+-!|~>" else ch for ch in escaped)


NON_BREAKING_HYPHEN = "\u2011"


def value_boxes(boxes: list[tuple[str, str, str]]) -> None:
    """The overview's headline numbers: (label, value, note) boxes; every part escaped. A value's hyphens do not
    break ("state-of-the-art" stays one word); its spaces may."""
    cells = "".join(
        f'<div class="papertrends-box"><div class="papertrends-box-label">{html.escape(label)}</div>'
        f'<div class="papertrends-box-value">{html.escape(value).replace("-", NON_BREAKING_HYPHEN)}</div>'
        f'<div class="papertrends-box-note">{html.escape(note)}</div></div>'
        for label, value, note in boxes
    )
    show_html(f'<div class="papertrends-boxes">{cells}</div>')


# Explore's fields a large set can be named by (the page selects the rows whose field holds the value):
# buzzwords, models, datasets (lists), status (a value), claims ("any": papers with a claim), all ("all").
NAMED_FIELDS = ("buzzwords", "models", "datasets", "status", "code", "claims", "all")
# The dates Explore can select papers by (explore_papers' columns): a period of a trend is counted by published
# or listed date; "day" is the listing day, else the publication date (the Code page's listing era).
DATE_FIELDS = ("published", "listed", "day")
Dates = tuple[str, date | None, date | None]


def explore_href(
    paper_ids: list[str], count: int, named: tuple[str, str] | None = None, dates: Dates | None = None
) -> str | None:
    """The Explore page's address opened on exactly the ``count`` papers behind a number. When the query gave
    every id (``len(paper_ids) == count``: up to trends.queries.EVIDENCE_IDS), the ids are in the address,
    each URL-encoded; else the set is ``named`` by an Explore field and value and/or by ``dates`` (a date field
    of DATE_FIELDS, first day, day after the last; None leaves that end open), and ``n`` says how many it holds.
    None for no papers, or when neither is possible (then the number is shown without a link)."""
    paper_ids = [] if paper_ids is None else list(paper_ids)
    if not count:
        return None  # no papers: nothing to open
    if len(paper_ids) == count:
        return "explore.html#ids=" + ",".join(quote(paper_id, safe="") for paper_id in paper_ids)
    if named is None and dates is None:
        return None
    parts = []
    if named is not None:
        field, value = named
        if field not in NAMED_FIELDS:
            raise ValueError(f"Explore has no field {field!r} to name a set by")
        parts.append(f"set={quote(field, safe='')}:{quote(str(value), safe='')}")
    if dates is not None:
        by, start, end = dates
        if by not in DATE_FIELDS:
            raise ValueError(f"Explore has no date field {by!r} to select papers by")
        parts.append(f"by={by}")
        parts += [f"{name}={day.isoformat()}" for name, day in (("from", start), ("to", end)) if day is not None]
    return "explore.html#" + "&".join(parts + [f"n={int(count)}"])


def explore_link(
    text: str, paper_ids: list[str], count: int, named: tuple[str, str] | None = None, dates: Dates | None = None
) -> str:
    """Markdown link that opens Explore on the ``count`` papers behind a number (see explore_href); the
    text alone when there is no way to name the set."""
    href = explore_href(paper_ids, count, named, dates)
    if href is None:
        return escape_markdown(text)
    return f'[{escape_markdown(text)}]({href} "{papers_phrase(count)}")'


def papers_phrase(count: int) -> str:
    return f"{count:,} paper" + ("" if count == 1 else "s")


def count_link(
    count: int, noun: str, paper_ids: list[str], named: tuple[str, str] | None = None, dates: Dates | None = None
) -> str:
    """``"1,234 papers"`` as a link to those papers in Explore: a finding's number and its evidence."""
    text = papers_phrase(count) if noun == "papers" else f"{count:,} {noun}"
    return explore_link(text, paper_ids, count, named, dates)


# The Explore page's table: data as JSON in the page, drawn with textContent only (paper text never
# becomes markup), filtered by the search box and sorted by clicking a column head. Works from file://.
# The address can open it on a set of papers (explore_href): "#ids=a,b,c" (each id URL-encoded) or
# "#set=field:value&n=count", "#by=published&from=2026-03-01&to=2026-04-01&n=count" (a date field, first day,
# day after the last; either end may be open), or both together; the search box then searches within the set.
# "#q=words" fills the search box.
EXPLORE_SCRIPT = r"""
(function () {
  var data = JSON.parse(document.getElementById('papertrends-explore-data').textContent);
  var columns = [['title', 'Paper'], ['day', 'Date'], ['status', 'Code'], ['claims', 'Numeric claims'],
                 ['models', 'Models'], ['datasets', 'Datasets'], ['buzzwords', 'Buzzwords']];
  var input = document.getElementById('papertrends-explore-search');
  var count = document.getElementById('papertrends-explore-count');
  var table = document.getElementById('papertrends-explore-table');
  var setNote = document.getElementById('papertrends-explore-set');
  var sortKey = null, sortDown = false, limit = 200, selection = null;
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
    var pool = selection ? data.filter(selection.has) : data;
    var rows = pool.filter(function (row) { return terms.every(function (t) { return row._text.indexOf(t) >= 0; }); });
    if (sortKey) {
      rows.sort(function (a, b) {
        var x = cell(a, sortKey), y = cell(b, sortKey);
        if (sortKey === 'claims') { x = (a.claims || []).length; y = (b.claims || []).length; }
        return (x < y ? -1 : x > y ? 1 : 0) * (sortDown ? -1 : 1);
      });
    }
    var shown = rows.length > limit ? ' (first ' + limit + ' shown)' : '';
    if (selection) {
      count.textContent = (terms.length ? rows.length + ' of ' : '') + selection.size + ' papers behind the number you followed' + shown;
      setNote.hidden = false;
      setNote.firstChild.textContent = selection.size > pool.length
        ? (selection.size - pool.length) + ' of them are not among the ' + data.length + ' papers this page carries (papertrends sql reaches every paper). '
        : '';
    } else {
      count.textContent = rows.length + ' of ' + data.length + ' papers' + shown;
      setNote.hidden = true;
    }
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
  function part(name) {
    var found = new RegExp('[#&]' + name + '=([^&]*)').exec(location.hash);
    return found ? found[1] : null;
  }
  function selectionFromHash() {
    var ids = part('ids'), named = part('set');
    if (ids !== null) {
      var wanted = {};
      ids.split(',').filter(Boolean).forEach(function (id) { wanted[decodeURIComponent(id)] = true; });
      return {size: Object.keys(wanted).length, has: function (row) { return wanted[row.paper_id] === true; }};
    }
    var by = part('by'), from = part('from'), to = part('to');
    if (named !== null || by !== null) {
      var colon = named === null ? -1 : named.indexOf(':');
      var field = named === null ? 'all' : decodeURIComponent(colon < 0 ? named : named.slice(0, colon));
      var value = colon < 0 ? '' : decodeURIComponent(named.slice(colon + 1));
      var inSet = function (row) {
        if (field === 'all') { return true; }
        if (field === 'claims') { return (row.claims || []).length > 0; }
        var held = row[field];
        return Array.isArray(held) ? held.indexOf(value) >= 0 : held === value;
      };
      // Dates are YYYY-MM-DD strings, so they compare as text; "to" is the day after the last.
      var inDates = function (row) {
        if (by === null) { return true; }
        var day = row[by];
        return Boolean(day) && (from === null || day >= from) && (to === null || day < to);
      };
      var has = function (row) { return inSet(row) && inDates(row); };
      var carried = data.filter(has).length, stated = parseInt(part('n'), 10);
      return {size: isNaN(stated) ? carried : Math.max(stated, carried), has: has};
    }
    return null;
  }
  function fromHash() {
    var query = part('q');
    input.value = query !== null ? decodeURIComponent(query) : '';
    selection = selectionFromHash();
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
    show_html(
        '<div class="papertrends-explore">'
        '<label for="papertrends-explore-search">Search titles and extractions</label> '
        '<input id="papertrends-explore-search" type="search" placeholder="e.g. GPT-4 released" size="40"> '
        '<span id="papertrends-explore-count" role="status"></span>'
        '<p id="papertrends-explore-set" hidden><span></span><a href="#">Show every paper</a></p>'
        '<table id="papertrends-explore-table" class="papertrends-table"><thead></thead><tbody></tbody></table>'
        f'<script type="application/json" id="papertrends-explore-data">{_script_json(rows)}</script>'
        f"<script>{EXPLORE_SCRIPT}</script></div>"
    )
