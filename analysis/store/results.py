"""SQL results as ``papertrends sql`` prints them and as the files ``papertrends export`` writes.

DuckDB renders every value itself (dates, intervals, blobs, decimals, nested types), so each type reads the
way DuckDB writes it and no value goes through a Python conversion that could lose it (an interval's months,
a decimal's digits) or fail on it."""

from __future__ import annotations

import csv
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import duckdb

from .db import connect

FORMATS = ("csv", "parquet", "json")
# Types whose value is a structure: CSV gets them as JSON text, which any reader can parse back.
NESTED_TYPES = {"list", "array", "struct", "map", "union"}
# JSON has no NaN or infinity: such floats are written as the strings DuckDB prints for them ("nan", "inf").
FLOAT_TYPES = {"float", "double"}
BATCH_ROWS = 10_000
ROW_ALIAS = "papertrends_row"
READS_ONLY_HINT = " (papertrends sql reads the database and no other file; `papertrends export` writes one)"


class QueryError(Exception):
    """A query or an export that cannot run; the message is one line for the user."""


def one_line(error: BaseException) -> str:
    """DuckDB's message without the echoed query and caret below it: the paragraph before the first blank
    line, its lines joined (a Catalog Error's "Did you mean ..." hint stays)."""
    paragraph = str(error).strip().split("\n\n")[0]
    return " ".join(line.strip() for line in paragraph.splitlines() if line.strip() and not line.startswith("LINE "))


def one_statement(con: duckdb.DuckDBPyConnection, text: str) -> duckdb.Statement:
    """The one SQL statement in ``text``; an empty text, a syntax error or several statements are refused."""
    try:
        statements = con.extract_statements(text)
    except duckdb.Error as error:
        raise QueryError(one_line(error)) from error
    if not statements:
        raise QueryError("empty query: give one SQL statement")
    if len(statements) > 1:
        raise QueryError(f"{len(statements)} statements in the query: give one at a time")
    return statements[0]


def run_query(con: duckdb.DuckDBPyConnection, text: str) -> duckdb.DuckDBPyRelation | None:
    """The result of the one statement in ``text`` (None for a statement that returns no rows)."""
    one_statement(con, text)
    try:
        return con.sql(text)
    except duckdb.PermissionException as error:
        raise QueryError(one_line(error) + READS_ONLY_HINT) from error
    except duckdb.Error as error:
        raise QueryError(one_line(error)) from error


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _project(result: duckdb.DuckDBPyRelation, expression, names: list[str] | None = None) -> duckdb.DuckDBPyRelation:
    """``result`` with each column replaced by ``expression(position, type_id)``, under its own name or
    ``names``. Columns are referred to by position: a result may have two columns of the same name."""
    return result.project(
        ", ".join(
            f"{expression(f'#{position + 1}', kind.id)} AS {_quoted(name)}"
            for position, (name, kind) in enumerate(zip(names or result.columns, result.types, strict=False))
        )
    )


def _csv_value(column: str, type_id: str) -> str:
    return f"to_json({column})" if type_id in NESTED_TYPES else column


def _json_value(column: str, type_id: str) -> str:
    if type_id in FLOAT_TYPES:
        return f"CASE WHEN isfinite({column}) THEN to_json({column}) ELSE to_json(CAST({column} AS VARCHAR)) END"
    return column


def _batches(relation: duckdb.DuckDBPyRelation):
    """The rows in Arrow batches: a large result is never in memory whole."""
    yield from relation.to_arrow_reader(BATCH_ROWS)


def text_rows(result: duckdb.DuckDBPyRelation) -> Iterator[tuple[str | None, ...]]:
    """Every value as the text DuckDB prints for it (None for NULL)."""
    for batch in _batches(_project(result, lambda column, _: f"CAST({column} AS VARCHAR)")):
        yield from zip(*(column.to_pylist() for column in batch.columns), strict=False)


def json_rows(result: duckdb.DuckDBPyRelation) -> Iterator[str]:
    """Each row as one JSON object (DuckDB's to_json), keyed by column name; a repeated name gets a suffix
    (``a``, ``a_1``)."""
    safe = _project(result, _json_value).set_alias(ROW_ALIAS)
    for batch in _batches(safe.project(f"CAST(to_json({ROW_ALIAS}) AS VARCHAR)")):
        yield from batch.column(0).to_pylist()


def write_csv(result: duckdb.DuckDBPyRelation, out) -> None:
    """The header, then the rows as text, with lists, structs, maps and unions as JSON text. An empty
    string is written as "" and NULL as nothing."""
    import polars as pl

    csv.writer(out, lineterminator="\n").writerow(result.columns)
    # Polars frames take no repeated column name: the columns are numbered for it.
    numbered = [f"column_{position}" for position in range(len(result.columns))]
    text = _project(result, lambda column, type_id: f"CAST({_csv_value(column, type_id)} AS VARCHAR)", numbered)
    for batch in _batches(text):
        frame = pl.from_arrow(batch)
        assert isinstance(frame, pl.DataFrame)  # a record batch converts to a frame, never a Series
        out.write(frame.write_csv(include_header=False))


def write_json(result: duckdb.DuckDBPyRelation, out) -> None:
    """A JSON array of the rows, one row a line."""
    out.write("[")
    separator = "\n"
    for row in json_rows(result):
        out.write(separator + row)
        separator = ",\n"
    out.write("\n]\n")


def table_names(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """The database's tables and views, by lower-cased name (SQL names are not case-sensitive)."""
    rows = con.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_catalog = current_database() "
        "AND table_schema = 'main' ORDER BY table_name"
    ).fetchall()
    return {name.lower(): name for (name,) in rows}


def export(
    db: str | Path,
    out: str | Path,
    file_format: str | None = None,
    table: str | None = None,
    query: str | None = None,
    force: bool = False,
) -> None:
    """Writes the rows of ``table`` or of ``query`` to the one file ``out``, as ``file_format`` (default:
    ``out``'s suffix). The file is written beside ``out`` under a temporary name and renamed when complete,
    so an interrupted export leaves nothing; an existing ``out`` is replaced only with ``force``."""
    out = Path(out)
    if table is not None and query is not None:
        raise QueryError("give a TABLE or --query, not both")
    if table is None and query is None:
        raise QueryError("give a TABLE to export, or --query SQL")
    if out.is_dir():
        raise QueryError(f"--out {out}: is a folder; name the file to write")
    if not out.parent.is_dir():
        raise QueryError(f"--out {out}: folder {out.parent} does not exist")
    if out.exists() and not force:
        raise QueryError(f"--out {out}: file exists; add --force to replace it")
    file_format = file_format or out.suffix.lstrip(".").lower()
    if file_format not in FORMATS:
        raise QueryError(
            f"--out {out}: give --format {', '.join(FORMATS[:-1])} or {FORMATS[-1]} (the suffix does not say)"
        )
    try:
        scratch = tempfile.TemporaryDirectory(dir=out.parent, prefix=".papertrends-export-")
    except OSError as error:
        raise QueryError(f"--out {out}: cannot write in {out.parent} ({error.strerror})") from error
    with scratch:
        partial = Path(scratch.name) / out.name
        with connect(db, read_only=True, writable_file=partial) as con:
            if table is not None:
                name = table_names(con).get(table.lower())
                if name is None:
                    raise QueryError(
                        f"no table or view named {table!r}; there are {', '.join(table_names(con).values())}"
                    )
                query = f"SELECT * FROM {_quoted(name)}"
            assert query is not None  # a TABLE or a query was required above
            statement = one_statement(con, query)
            if statement.type != duckdb.StatementType.SELECT:
                raise QueryError("--query: give one SELECT (or FROM, WITH ...) statement")
            try:
                result = con.sql(query)
                if file_format == "csv":
                    result = _project(result, _csv_value)
                elif file_format == "json":
                    result = _project(result, _json_value)
                options = {"csv": "FORMAT csv, HEADER", "parquet": "FORMAT parquet", "json": "FORMAT json, ARRAY true"}
                literal = "'" + str(partial).replace("'", "''") + "'"
                result.query(ROW_ALIAS, f"COPY {ROW_ALIAS} TO {literal} ({options[file_format]})")
            except duckdb.Error as error:
                raise QueryError(one_line(error)) from error
        try:
            _publish(partial, out, force)
        except OSError as error:
            raise QueryError(f"--out {out}: cannot write it ({error.strerror})") from error


def _publish(partial: Path, out: Path, force: bool) -> None:
    """Moves the finished file to ``out``. Without ``force`` a hard link puts it there only if no file has
    appeared under that name meanwhile (the check before the export is not enough on its own)."""
    if force:
        os.replace(partial, out)
        return
    try:
        os.link(partial, out)
    except FileExistsError as error:
        raise QueryError(f"--out {out}: file exists; add --force to replace it") from error
    except OSError:
        # A file system without hard links: the earlier check is what stands.
        if out.exists():
            raise QueryError(f"--out {out}: file exists; add --force to replace it") from None
        os.replace(partial, out)
