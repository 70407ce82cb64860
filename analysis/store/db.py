"""Opening the database, creating the schema, and writing one build atomically."""

from __future__ import annotations

from collections.abc import Container
from datetime import datetime
from importlib.resources import files
from pathlib import Path

import duckdb
import polars as pl

from .derived import refresh_derived

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
    "entities": SPAN | {
        "label": pl.String, "canonical": pl.String, "introduced": pl.Boolean, "family": pl.String,
        "mention_label": pl.String, "label_source": pl.String,
    },
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


def connect(path: str | Path, read_only: bool = False, memory_limit: str | None = None) -> duckdb.DuckDBPyConnection:
    """Opens the database; read-only connections are what the report and ``papertrends sql`` use.
    ``memory_limit`` (e.g. "512MB") caps DuckDB's buffers for this connection."""
    path = Path(path)
    if read_only and not path.exists():
        raise FileNotFoundError(f"{path}: no database; run `papertrends build` first")
    if not read_only:
        path.parent.mkdir(parents=True, exist_ok=True)
    config = {"memory_limit": memory_limit} if memory_limit else {}
    return duckdb.connect(str(path), read_only=read_only, config=config)


def create_schema(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(SCHEMA_SQL)


def _frame(rows: list[dict], schema: dict[str, pl.DataType], build_id: int | None = None) -> pl.DataFrame:
    frame = pl.DataFrame(rows, schema=schema, orient="row") if rows else pl.DataFrame(schema=schema)
    return frame if build_id is None else _with_build(frame, build_id)


def _with_build(frame: pl.DataFrame, build_id: int) -> pl.DataFrame:
    return frame.with_columns(pl.lit(build_id, dtype=pl.Int32).alias("build_id"))


def next_build_id(con: duckdb.DuckDBPyConnection) -> int:
    return con.execute("SELECT coalesce(max(build_id), 0) + 1 FROM builds").fetchone()[0]


def _replace_rows(con: duckdb.DuckDBPyConnection, table: str, key: str, keys: list[str], frame: pl.DataFrame) -> None:
    if not keys:
        _insert(con, table, frame)
        return
    con.register("incoming_keys", pl.DataFrame({key: keys}, schema={key: pl.String}).to_arrow())
    con.execute(f"DELETE FROM {table} WHERE {key} IN (SELECT {key} FROM incoming_keys)")
    con.unregister("incoming_keys")
    _insert(con, table, frame)


def _insert(con: duckdb.DuckDBPyConnection, table: str, frame: pl.DataFrame) -> None:
    if frame.height:
        con.register("incoming_rows", frame.to_arrow())
        con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM incoming_rows")
        con.unregister("incoming_rows")


def _transaction(con: duckdb.DuckDBPyConnection, work) -> None:
    con.execute("BEGIN TRANSACTION")
    try:
        work()
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise


def forget_files(con: duckdb.DuckDBPyConnection, files: list[str]) -> None:
    """Drops the sightings, rejects and file records of files about to be read again."""
    def work():
        for table in ("sightings", "rejects", "files"):
            _replace_rows(con, table, "source_file", files, pl.DataFrame())
    _transaction(con, work)


def extraction_frames(extraction: dict[str, list[dict]]) -> dict[str, pl.DataFrame]:
    """Extraction rows as one typed frame per table (no build_id yet): what worker processes send back."""
    return {table: _frame(extraction.get(table, []), TABLE_COLUMNS[table]) for table in PER_PAPER_TABLES[:-1]}


def write_extraction(
    con: duckdb.DuckDBPyConnection, build_id: int, paper_ids: list[str], frames: dict[str, pl.DataFrame],
) -> None:
    """Replaces the extraction rows of the papers ``paper_ids`` (those that may have rows already) with
    ``frames`` (from ``extraction_frames``), in one transaction. A build calls it once per batch on
    its private copy of the database, so the rows of a large build never sit in memory all at once; the copy
    only replaces the real database when the whole build is done (store.staging)."""
    def work():
        for table in PER_PAPER_TABLES[:-1]:
            _replace_rows(con, table, "paper_id", paper_ids, _with_build(frames[table], build_id))
    _transaction(con, work)


def write_chunk(
    con: duckdb.DuckDBPyConnection, build_id: int, papers: list[dict], sightings: list[dict], rejects: list[dict],
    stored: Container[str],
) -> None:
    """One chunk of a build's records: merged papers replaced, their sightings and the chunk's rejects added.
    ``stored`` holds the ids that are in the papers table already: only those are deleted first."""
    def work():
        frame = _frame(papers, TABLE_COLUMNS["papers"] | {"pipeline_version": pl.String}, build_id)
        _replace_rows(con, "papers", "paper_id", [row["paper_id"] for row in papers if row["paper_id"] in stored], frame)
        _insert(con, "sightings", _frame(sightings, SIGHTING_COLUMNS, build_id))
        _insert(con, "rejects", _frame(rejects, REJECT_COLUMNS, build_id))
    _transaction(con, work)


def finish_build(
    con: duckdb.DuckDBPyConnection, build_id: int, files: list[dict], counts: dict, inputs: list[str],
    pipeline_version: str, started_at: datetime, on_written=None, refresh: bool = True,
) -> None:
    """The build's last transaction: the files it read, its ``builds`` row and, when ``refresh`` (the build
    changed rows, or the derived tables are still empty), the derived tables."""
    def work():
        if refresh or not con.execute("SELECT count(*) FROM explore_papers").fetchone()[0]:
            refresh_derived(con)
        _insert(con, "files", _frame(files, FILE_COLUMNS, build_id))
        con.execute(
            "INSERT INTO builds BY NAME SELECT ? AS build_id, ? AS started_at, ? AS finished_at, ? AS pipeline_version, "
            "? AS inputs, ? AS records_seen, ? AS papers_read, ? AS records_rejected, ? AS papers_extracted, ? AS files_skipped",
            [build_id, started_at, datetime.now(), pipeline_version, inputs, counts["seen"], counts["read"],
             counts["rejected"], counts["extracted"], counts["files_skipped"]],
        )
        if on_written:
            on_written()  # everything written, the last transaction not committed yet
    _transaction(con, work)


def known_files(con: duckdb.DuckDBPyConnection) -> dict[str, tuple[int, datetime]]:
    """Files earlier builds read, with the size and modification time they had then. A build's first call:
    it creates or upgrades the schema, which the build's later writes rely on."""
    create_schema(con)
    return {row[0]: (row[1], row[2]) for row in con.execute("SELECT source_file, size, modified FROM files").fetchall()}


def stored_papers(con: duckdb.DuckDBPyConnection, paper_ids: list[str]) -> dict[str, dict]:
    """The stored rows of these papers (with their pipeline_version), by paper_id."""
    if not paper_ids:
        return {}
    con.register("wanted_ids", pl.DataFrame({"paper_id": paper_ids}, schema={"paper_id": pl.String}).to_arrow())
    # Which of them are stored reads one column; whole rows are read only when some are (most of a large
    # first build is new, and reading every column of a growing table per chunk is what slows it down).
    found = con.execute("SELECT count(*) FROM papers WHERE paper_id IN (SELECT paper_id FROM wanted_ids)").fetchone()[0]
    rows = con.execute(
        "SELECT * EXCLUDE (build_id) FROM papers WHERE paper_id IN (SELECT paper_id FROM wanted_ids)"
    ).pl() if found else pl.DataFrame()
    con.unregister("wanted_ids")
    return {row["paper_id"]: row for row in rows.to_dicts()}
