"""The report's date window and the SQL text that runs: parameters bound as DuckDB literals and the window
written into the statement, so the SQL a page shows under a figure is the SQL that made it and runs as shown
in the DuckDB shell or ``papertrends sql`` on the same database.

The window is kept on the connection as two DuckDB session variables (``restrict_to_window``); every query
function reads them back and writes them into its statement as a ``WITH`` preamble whose ``WHERE`` clauses
keep the papers of the window and the rows that hang off them. The database is not changed."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import date

import duckdb

from ..store.db import EXTRACTION_TABLES, fetch_one

# A paper's day for the window: the day a listing showed it, else its publication date.
PAPER_DAY = "coalesce(listed, published)"
# Tables (and the code_status view) whose rows belong to a paper: inside a window they keep the window's papers.
PAPER_TABLES = (*EXTRACTION_TABLES, "sightings", "code_status")
_VARIABLES = {"since": "papertrends_window_since", "until": "papertrends_window_until"}
_PARAMETER = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")


class WindowError(ValueError):
    """A window end that is not a date, or a parameter the statement does not take."""


@dataclass(frozen=True)
class Window:
    since: date | None = None
    until: date | None = None

    def __post_init__(self):
        for value in (self.since, self.until):
            if value is not None and not isinstance(value, date):
                raise WindowError(f"not a date: {value!r}")

    @property
    def whole(self) -> bool:
        return self.since is None and self.until is None

    def condition(self) -> str:
        """The ``WHERE`` condition on ``papers`` that keeps the window's papers (``TRUE`` for no window)."""
        if self.whole:
            return "TRUE"
        parts = [f"{PAPER_DAY} IS NOT NULL"]
        if self.since is not None:
            parts.append(f"{PAPER_DAY} >= {literal(self.since)}")
        if self.until is not None:
            parts.append(f"{PAPER_DAY} <= {literal(self.until)}")
        return " AND ".join(parts)

    def describe(self) -> str:
        """The window in words, for pages."""
        if self.whole:
            return "every paper in the database"
        if self.since and self.until:
            return f"papers listed (else published) from {self.since.isoformat()} to {self.until.isoformat()}"
        if self.since:
            return f"papers listed (else published) on or after {self.since.isoformat()}"
        assert self.until is not None  # a window that is not whole has an end
        return f"papers listed (else published) on or before {self.until.isoformat()}"


def literal(value) -> str:
    """``value`` as a DuckDB literal (strings quoted by DuckDB, dates typed, lists of literals)."""
    if isinstance(value, float) and not math.isfinite(value):
        raise WindowError(f"no SQL literal for {value!r}")
    return str(duckdb.ConstantExpression(value))


def bind(sql: str, params: dict | None = None) -> str:
    """``sql`` with each ``$name`` replaced by the literal of ``params[name]``; a parameter without a value and
    a value the statement does not take are errors (the shown SQL must run as shown)."""
    params = params or {}
    used = set(_PARAMETER.findall(sql))
    if used - params.keys():
        raise WindowError(f"no value for parameter(s) {', '.join(sorted(used - params.keys()))}")
    if params.keys() - used:
        raise WindowError(f"the statement takes no parameter(s) {', '.join(sorted(params.keys() - used))}")
    return _PARAMETER.sub(lambda match: literal(params[match.group(1)]), sql)


def restrict_to_window(con: duckdb.DuckDBPyConnection, since: date | None = None, until: date | None = None) -> None:
    """Makes every later query function on ``con`` count only papers whose day (listing day, else publication
    date) lies in ``[since, until]``: the window is kept in the connection's session and written into each
    statement's text. Works on read-only connections; the database is not changed."""
    window = Window(since, until)
    for end, value in (("since", window.since), ("until", window.until)):
        con.execute(f"SET VARIABLE {_VARIABLES[end]} = {literal(value)}")


def window_of(con: duckdb.DuckDBPyConnection) -> Window:
    """The window ``restrict_to_window`` set on ``con`` (the whole database when none was set)."""
    since, until = fetch_one(
        con,
        f"SELECT TRY_CAST(getvariable('{_VARIABLES['since']}') AS DATE), TRY_CAST(getvariable('{_VARIABLES['until']}') AS DATE)",
    )
    return Window(since, until)


def windowed(sql: str, window: Window) -> str:
    """``sql`` reading only the window's rows: a ``WITH`` preamble names ``papers`` (and each table of
    PAPER_TABLES the statement reads) after the window's rows, so the statement's own text stays as it was."""
    text = _dedent(sql)
    if window.whole:
        return text
    read = [table for table in PAPER_TABLES if re.search(rf"\b{table}\b", text)]
    if not read and not re.search(r"\bpapers\b", text):
        return text
    lines = [
        f"-- The report's window: {window.describe()}.",
        f"WITH papers AS (SELECT * FROM main.papers WHERE {window.condition()}),",
    ]
    lines += [
        f"{table} AS (SELECT * FROM main.{table} WHERE paper_id IN (SELECT paper_id FROM papers))," for table in read
    ]
    lines[-1] = lines[-1].rstrip(",")
    body = re.sub(r"^\s*WITH\s+", "", text, count=1, flags=re.IGNORECASE)
    if body != text:  # the statement has CTEs of its own: they follow the window's
        return "\n".join(lines[:-1] + [lines[-1] + ","]) + "\n" + body
    return "\n".join(lines) + "\n" + text


def statement(con: duckdb.DuckDBPyConnection, sql: str, params: dict | None = None) -> str:
    """The exact text to run on ``con``: parameters bound, the connection's window written in."""
    return windowed(bind(sql, params), window_of(con))


def _dedent(sql: str) -> str:
    lines = sql.strip("\n").splitlines()
    indent = min((len(line) - len(line.lstrip()) for line in lines if line.strip()), default=0)
    return "\n".join(line[indent:].rstrip() for line in lines).strip("\n")
