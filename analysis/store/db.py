"""Opening the database, creating the schema, and writing one build atomically."""

from __future__ import annotations

from dataclasses import dataclass
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
        "arxiv_id": pl.String, "github_repo": pl.String, "listed": pl.Date, "categories": pl.List(pl.String),
        "authors": pl.List(pl.String), "upvotes": pl.Int32, "comments": pl.Int32, "github_stars": pl.Int32,
        "project_page": pl.String, "keywords": pl.List(pl.String),
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
SIGHTING_COLUMNS = {
    "paper_id": pl.String, "source": pl.String, "source_file": pl.String, "position": pl.Int32, "listed": pl.Date,
    "published": pl.Date,
}
FILE_COLUMNS = {"source_file": pl.String, "size": pl.Int64, "modified": pl.Datetime("us"), "records_seen": pl.Int32}


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


@dataclass
class BuildWrite:
    """What one build writes besides its extraction rows (``write_extraction``, batch by batch), applied in a
    single transaction by ``write_build``."""

    build_id: int
    papers: list[dict]
    papers_extracted: int
    sightings: list[dict]
    rejects: list[dict]
    files: list[dict]
    inputs: list[str]
    pipeline_version: str
    started_at: datetime
    files_skipped: int = 0


def _replace_rows(con: duckdb.DuckDBPyConnection, table: str, key: str, keys: list[str], frame: pl.DataFrame) -> None:
    con.register("incoming_keys", pl.DataFrame({key: keys}, schema={key: pl.String}).to_arrow())
    con.execute(f"DELETE FROM {table} WHERE {key} IN (SELECT {key} FROM incoming_keys)")
    con.unregister("incoming_keys")
    if frame.height:
        con.register("incoming_rows", frame.to_arrow())
        con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM incoming_rows")
        con.unregister("incoming_rows")


def next_build_id(con: duckdb.DuckDBPyConnection) -> int:
    create_schema(con)
    return con.execute("SELECT coalesce(max(build_id), 0) + 1 FROM builds").fetchone()[0]


def write_extraction(con: duckdb.DuckDBPyConnection, build_id: int, paper_ids: list[str], extraction: dict[str, list[dict]]) -> None:
    """Replaces the extraction rows of these papers, in one transaction. A build calls it once per batch on
    its private copy of the database, so the rows of a large build never sit in memory all at once; the copy
    only replaces the real database when the whole build is done (store.staging)."""
    con.execute("BEGIN TRANSACTION")
    try:
        for table in PER_PAPER_TABLES[:-1]:
            frame = _frame(extraction.get(table, []), TABLE_COLUMNS[table], build_id)
            _replace_rows(con, table, "paper_id", paper_ids, frame)
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise


def write_build(con: duckdb.DuckDBPyConnection, write: BuildWrite, on_written=None) -> int:
    """Writes the rest of a build in a single transaction: merged papers replaced, sightings, rejects and
    file records of the files read replaced, and a ``builds`` row added. Returns the build id."""
    create_schema(con)
    con.execute("BEGIN TRANSACTION")
    try:
        build_id = write.build_id
        papers = _frame(write.papers, TABLE_COLUMNS["papers"] | {"pipeline_version": pl.String}, build_id)
        _replace_rows(con, "papers", "paper_id", papers["paper_id"].to_list(), papers)
        read_files = [f["source_file"] for f in write.files]
        _replace_rows(con, "sightings", "source_file", read_files, _frame(write.sightings, SIGHTING_COLUMNS, build_id))
        _replace_rows(con, "rejects", "source_file", read_files, _frame(write.rejects, REJECT_COLUMNS, build_id))
        _replace_rows(con, "files", "source_file", read_files, _frame(write.files, FILE_COLUMNS, build_id))
        read = len(write.sightings)
        con.execute(
            "INSERT INTO builds BY NAME SELECT ? AS build_id, ? AS started_at, ? AS finished_at, ? AS pipeline_version, "
            "? AS inputs, ? AS records_seen, ? AS papers_read, ? AS records_rejected, ? AS papers_extracted, ? AS files_skipped",
            [build_id, write.started_at, datetime.now(), write.pipeline_version, write.inputs, read + len(write.rejects),
             read, len(write.rejects), write.papers_extracted, write.files_skipped],
        )
        if on_written:
            on_written()  # everything written, nothing committed yet
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return build_id


def known_files(con: duckdb.DuckDBPyConnection) -> dict[str, tuple[int, datetime]]:
    """Files earlier builds read, with the size and modification time they had then."""
    create_schema(con)
    return {row[0]: (row[1], row[2]) for row in con.execute("SELECT source_file, size, modified FROM files").fetchall()}


def stored_papers(con: duckdb.DuckDBPyConnection, paper_ids: list[str]) -> dict[str, dict]:
    """The stored rows of these papers (with their pipeline_version), by paper_id."""
    create_schema(con)
    if not paper_ids:
        return {}
    con.register("wanted_ids", pl.DataFrame({"paper_id": paper_ids}, schema={"paper_id": pl.String}).to_arrow())
    rows = con.execute("SELECT * EXCLUDE (build_id) FROM papers WHERE paper_id IN (SELECT paper_id FROM wanted_ids)").pl()
    con.unregister("wanted_ids")
    return {row["paper_id"]: row for row in rows.to_dicts()}
