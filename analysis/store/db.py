"""Opening the database, creating the schema, and writing one build atomically."""

from __future__ import annotations

from datetime import datetime
from importlib.resources import files
from pathlib import Path

import duckdb
import polars as pl

SCHEMA_SQL = files("analysis.store").joinpath("schema.sql").read_text(encoding="utf-8")

SPAN = {"paper_id": pl.String, "field": pl.String, "start_char": pl.Int32, "end_char": pl.Int32, "text": pl.String}
# Column types of the rows each table takes from a build (build_id is added on write).
TABLE_COLUMNS: dict[str, dict[str, pl.DataType]] = {
    "papers": {
        "paper_id": pl.String, "title": pl.String, "abstract": pl.String, "published": pl.Date, "url": pl.String,
        "source": pl.String, "source_file": pl.String, "source_position": pl.Int32, "source_id": pl.String,
        "arxiv_id": pl.String, "github_repo": pl.String,
    },
    "claims": SPAN | {
        "value": pl.Float64, "kind": pl.String, "unit": pl.String, "qualifier": pl.String, "metric": pl.String,
        "direction": pl.String,
    },
    "entities": SPAN | {"label": pl.String, "canonical": pl.String, "introduced": pl.Boolean},
    "links": SPAN | {"url": pl.String, "host": pl.String, "repo": pl.String},
    "buzzword_mentions": SPAN | {"buzzword": pl.String},
    "code_promises": dict(SPAN),
}
PER_PAPER_TABLES = ("claims", "entities", "links", "buzzword_mentions", "code_promises", "papers")
REJECT_COLUMNS = {"source_file": pl.String, "position": pl.Int32, "reason": pl.String, "raw": pl.String}


def connect(path: str | Path, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Opens the database; read-only connections are what the report and ``papertrends sql`` use."""
    path = Path(path)
    if read_only and not path.exists():
        raise FileNotFoundError(f"{path}: no database; run `papertrends build` first")
    if not read_only:
        path.parent.mkdir(parents=True, exist_ok=True)
    return duckdb.connect(str(path), read_only=read_only)


def create_schema(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(SCHEMA_SQL)


def _frame(rows: list[dict], schema: dict[str, pl.DataType], build_id: int) -> pl.DataFrame:
    frame = pl.DataFrame(rows, schema=schema, orient="row") if rows else pl.DataFrame(schema=schema)
    return frame.with_columns(pl.lit(build_id, dtype=pl.Int32).alias("build_id"))


def write_build(
    con: duckdb.DuckDBPyConnection,
    tables: dict[str, list[dict]],
    rejects: list[dict],
    inputs: list[str],
    pipeline_version: str,
    started_at: datetime,
) -> int:
    """Writes one build in a single transaction: the papers' old rows are deleted and the new ones
    inserted, rejects of the same input files replaced, and a ``builds`` row added. Either all of it
    lands or none of it. Returns the build id."""
    create_schema(con)
    con.execute("BEGIN TRANSACTION")
    try:
        build_id = con.execute("SELECT coalesce(max(build_id), 0) + 1 FROM builds").fetchone()[0]
        frames = {name: _frame(tables.get(name, []), columns, build_id) for name, columns in TABLE_COLUMNS.items()}
        paper_ids = frames["papers"].select("paper_id")
        con.register("incoming_paper_ids", paper_ids.to_arrow())
        for table in PER_PAPER_TABLES:
            con.execute(f"DELETE FROM {table} WHERE paper_id IN (SELECT paper_id FROM incoming_paper_ids)")
        for table in ("papers", *PER_PAPER_TABLES[:-1]):
            con.register("incoming_rows", frames[table].to_arrow())
            con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM incoming_rows")
            con.unregister("incoming_rows")
        con.unregister("incoming_paper_ids")
        reject_frame = _frame(rejects, REJECT_COLUMNS, build_id)
        con.register("incoming_inputs", pl.DataFrame({"source_file": inputs}, schema={"source_file": pl.String}).to_arrow())
        con.execute("DELETE FROM rejects WHERE source_file IN (SELECT source_file FROM incoming_inputs)")
        con.unregister("incoming_inputs")
        con.register("incoming_rows", reject_frame.to_arrow())
        con.execute("INSERT INTO rejects BY NAME SELECT * FROM incoming_rows")
        con.unregister("incoming_rows")
        con.execute(
            "INSERT INTO builds VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [build_id, started_at, datetime.now(), pipeline_version, inputs,
             len(tables.get("papers", [])) + len(rejects), len(tables.get("papers", [])), len(rejects)],
        )
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return build_id
