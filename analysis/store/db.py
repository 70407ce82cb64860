"""Opening the database, creating the schema, and writing one build atomically."""

from __future__ import annotations

from collections.abc import Container
from dataclasses import dataclass
from datetime import datetime
from importlib.resources import files
from pathlib import Path

import duckdb
import polars as pl

from .. import settings
from .derived import refresh_derived

SCHEMA_SQL = files("analysis.store").joinpath("schema.sql").read_text(encoding="utf-8")

# Polars takes a dtype class (pl.String) or an instance (pl.List(pl.String)) wherever it takes a dtype.
ColumnType = pl.DataType | type[pl.DataType]
SPAN: dict[str, ColumnType] = {
    "paper_id": pl.String,
    "field": pl.String,
    "start_char": pl.Int32,
    "end_char": pl.Int32,
    "text": pl.String,
}
# Column types of the rows each table takes from a build (build_id is added on write).
TABLE_COLUMNS: dict[str, dict[str, ColumnType]] = {
    "papers": {
        "paper_id": pl.String,
        "title": pl.String,
        "abstract": pl.String,
        "published": pl.Date,
        "url": pl.String,
        "source": pl.String,
        "source_file": pl.String,
        "source_position": pl.Int32,
        "source_id": pl.String,
        "arxiv_id": pl.String,
        "github_repo": pl.String,
        "listed": pl.Date,
        "categories": pl.List(pl.String),
        "authors": pl.List(pl.String),
        "upvotes": pl.Int32,
        "comments": pl.Int32,
        "github_stars": pl.Int32,
        "project_page": pl.String,
        "keywords": pl.List(pl.String),
    },
    "claims": SPAN
    | {
        "value": pl.Float64,
        "kind": pl.String,
        "unit": pl.String,
        "qualifier": pl.String,
        "metric": pl.String,
        "direction": pl.String,
        "better": pl.Boolean,
        "display_text": pl.String,
    },
    "claim_changes": SPAN
    | {
        "from_start_char": pl.Int32,
        "from_end_char": pl.Int32,
        "to_start_char": pl.Int32,
        "to_end_char": pl.Int32,
        "from_value": pl.Float64,
        "to_value": pl.Float64,
        "kind": pl.String,
        "unit": pl.String,
        "metric": pl.String,
        "difference": pl.Float64,
        "relative_percent": pl.Float64,
        "direction": pl.String,
        "better": pl.Boolean,
        "display_text": pl.String,
    },
    "entities": SPAN
    | {
        "label": pl.String,
        "canonical": pl.String,
        "introduced": pl.Boolean,
        "family": pl.String,
        "mention_label": pl.String,
        "label_source": pl.String,
    },
    "links": SPAN | {"url": pl.String, "host": pl.String, "repo": pl.String},
    "buzzword_mentions": SPAN | {"buzzword": pl.String},
    "code_promises": dict(SPAN),
    "results": SPAN
    | {
        "value": pl.Float64,
        "unit": pl.String,
        "metric": pl.String,
        "metric_text": pl.String,
        "benchmark": pl.String,
        "model": pl.String,
        "own": pl.Boolean,
        "comparison": pl.String,
    },
    "terms": {"paper_id": pl.String, "term": pl.String, "mentions": pl.Int32},
}
PER_PAPER_TABLES = (
    "claims",
    "claim_changes",
    "entities",
    "links",
    "buzzword_mentions",
    "code_promises",
    "results",
    "terms",
    "papers",
)
# The per-paper tables a runner extracts (papers rows come from the listing, not from extraction).
EXTRACTION_TABLES = PER_PAPER_TABLES[:-1]
REJECT_COLUMNS: dict[str, ColumnType] = {
    "source_file": pl.String,
    "position": pl.Int32,
    "reason": pl.String,
    "raw": pl.String,
}
SIGHTING_COLUMNS = {
    "paper_id": pl.String,
    "source": pl.String,
    "source_file": pl.String,
    "position": pl.Int32,
    "listed": pl.Date,
    "published": pl.Date,
}
FILE_COLUMNS = {
    "source_file": pl.String,
    "size": pl.Int64,
    "modified": pl.Datetime("us"),
    "records_seen": pl.Int32,
    "mapping": pl.String,
}
# Papers whose sightings a build dropped because it reads their files again (a temporary table of the build's
# connection): the ones no file shows any more once the build has read everything leave the database.
FORGOTTEN_PAPERS = "forgotten_papers"


def connect(
    path: str | Path,
    read_only: bool = False,
    memory_limit: str | None = None,
    writable_file: str | Path | None = None,
) -> duckdb.DuckDBPyConnection:
    """Opens the database; read-only connections are what the report, ``papertrends sql`` and ``export`` use.
    A read-only connection reads this database and nothing else: no other file is read, written or attached,
    no extension is installed or loaded, and its settings cannot be changed back (SQL typed by a user runs on
    it). ``writable_file`` is the one file it may write (``papertrends export``'s temporary file).
    ``memory_limit`` (e.g. "512MB") caps DuckDB's buffers for this connection."""
    path = Path(path)
    if read_only and not path.exists():
        raise FileNotFoundError(f"{path}: no database; run `papertrends build` first")
    if not read_only:
        path.parent.mkdir(parents=True, exist_ok=True)
    config: dict[str, str | bool | int | float | list[str]] = {"memory_limit": memory_limit} if memory_limit else {}
    con = duckdb.connect(str(path), read_only=read_only, config=config)
    if read_only:
        try:
            # DuckDB keeps one instance per database file in a process, and these settings are the instance's:
            # a second read-only connection in the same process finds them set and locked by the first.
            locked, external = fetch_one(
                con, "SELECT current_setting('lock_configuration'), current_setting('enable_external_access')"
            )
            if locked and not external and writable_file is None:
                return con
            # DuckDB takes allowed_paths only while external access is on, so the order matters; the lock
            # comes last and keeps a query from turning access back on or widening the paths.
            if writable_file is not None:
                con.execute("SET allowed_paths = ?", [[str(writable_file)]])
            con.execute("SET enable_external_access = false")
            con.execute("SET lock_configuration = true")
        except BaseException:
            con.close()
            raise
    return con


def fetch_one(con: duckdb.DuckDBPyConnection, sql: str, parameters: object = None) -> tuple:
    """The one row an aggregate query returns (DuckDB types ``fetchone`` as maybe-None for every query)."""
    row = con.execute(sql, parameters).fetchone()
    if row is None:
        raise LookupError(f"no row from: {sql}")
    return row


def create_schema(con: duckdb.DuckDBPyConnection) -> None:
    """Creates what the database lacks of the schema, and moves a database whose terms were a table (one row
    per paper and term, before term ids) to the paper_terms lists, keeping every row."""
    stored_terms = fetch_one(
        con,
        "SELECT count(*) FROM duckdb_tables() WHERE table_name = 'terms' AND schema_name = 'main' "
        "AND database_name = current_database() AND NOT temporary",
    )[0]
    if not stored_terms:
        con.execute(SCHEMA_SQL)
        return

    def work():
        con.execute("ALTER TABLE terms RENAME TO terms_before_ids")
        con.execute("ALTER TABLE term_vocabulary RENAME TO term_vocabulary_before_ids")
        con.execute(SCHEMA_SQL)
        con.execute(
            "INSERT INTO term_vocabulary BY NAME SELECT CAST(row_number() OVER (ORDER BY build_id, term) AS INTEGER) "
            "AS term_id, term, month, papers, build_id FROM term_vocabulary_before_ids"
        )
        # A term pruned before this move has no rows, and one with rows is in the vocabulary: no row is lost.
        con.execute(
            "INSERT INTO paper_terms BY NAME SELECT t.paper_id, list(v.term_id ORDER BY v.term_id) AS term_ids, "
            "list(t.mentions ORDER BY v.term_id) AS mentions, any_value(t.build_id) AS build_id "
            "FROM terms_before_ids t JOIN term_vocabulary v USING (term) GROUP BY t.paper_id"
        )
        con.execute("DROP TABLE terms_before_ids; DROP TABLE term_vocabulary_before_ids")

    _transaction(con, work)


def _frame(
    rows: list[dict] | dict[str, list], schema: dict[str, ColumnType], build_id: int | None = None
) -> pl.DataFrame:
    """A typed frame of row dicts, or of columns (a dict of equally long lists, as extraction gives terms)."""
    if isinstance(rows, dict):
        frame = pl.DataFrame(rows, schema=schema)
    else:
        frame = pl.DataFrame(rows, schema=schema, orient="row") if rows else pl.DataFrame(schema=schema)
    return frame if build_id is None else _with_build(frame, build_id)


def _with_build(frame: pl.DataFrame, build_id: int) -> pl.DataFrame:
    return frame.with_columns(pl.lit(build_id, dtype=pl.Int32).alias("build_id"))


def next_build_id(con: duckdb.DuckDBPyConnection) -> int:
    return fetch_one(con, "SELECT coalesce(max(build_id), 0) + 1 FROM builds")[0]


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
    """Drops the sightings, rejects and file records of files about to be read again. The papers those
    sightings showed are kept in the temporary table FORGOTTEN_PAPERS for ``drop_unsighted_papers``."""

    def work():
        con.execute(f"CREATE TEMP TABLE IF NOT EXISTS {FORGOTTEN_PAPERS} (paper_id VARCHAR)")
        if files:
            con.register(
                "forgotten_files", pl.DataFrame({"source_file": files}, schema={"source_file": pl.String}).to_arrow()
            )
            con.execute(
                f"INSERT INTO {FORGOTTEN_PAPERS} SELECT paper_id FROM sightings "
                "WHERE source_file IN (SELECT source_file FROM forgotten_files)"
            )
            con.unregister("forgotten_files")
        for table in ("sightings", "rejects", "files"):
            _replace_rows(con, table, "source_file", files, pl.DataFrame())

    _transaction(con, work)


def files_showing_papers_whose_text_left(con: duckdb.DuckDBPyConnection, build_id: int, files: list[str]) -> set[str]:
    """Files that show papers whose stored text came from one of ``files`` (read again by build ``build_id``)
    although no record read by that build showed them: the record their text came from is gone."""
    if not files:
        return set()
    con.register("reread_files", pl.DataFrame({"source_file": files}, schema={"source_file": pl.String}).to_arrow())
    rows = con.execute(
        "SELECT DISTINCT s.source_file FROM papers p JOIN sightings s USING (paper_id) "
        "WHERE p.source_file IN (SELECT source_file FROM reread_files) AND p.build_id <> ?",
        [build_id],
    ).fetchall()
    con.unregister("reread_files")
    return {row[0] for row in rows}


def paper_tables(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Every table of the database that holds rows of papers (a paper_id column), sightings aside: the papers
    table, the extraction tables and the derived ones (views such as code_status follow them)."""
    return [
        row[0]
        for row in con.execute(
            "SELECT table_name FROM duckdb_columns() c JOIN duckdb_tables() t USING (database_name, schema_name, table_name) "
            "WHERE c.column_name = 'paper_id' AND NOT t.temporary AND t.database_name = current_database() "
            "AND t.schema_name = 'main' AND table_name <> 'sightings' ORDER BY table_name"
        ).fetchall()
    ]


def drop_unsighted_papers(con: duckdb.DuckDBPyConnection) -> int:
    """Deletes every paper of FORGOTTEN_PAPERS that no sighting shows any more, with all its rows in every
    table (the rule beside the merge rule, sources/merge.py), and returns how many. Call it once a build has
    read all its files: a paper that moved to a file read later is still sighted."""
    removed = 0

    def work():
        nonlocal removed
        con.execute(
            f"CREATE OR REPLACE TEMP TABLE unsighted_papers AS SELECT DISTINCT paper_id FROM {FORGOTTEN_PAPERS} f "
            "WHERE NOT EXISTS (SELECT 1 FROM sightings s WHERE s.paper_id = f.paper_id) "
            "AND EXISTS (SELECT 1 FROM papers p WHERE p.paper_id = f.paper_id)"
        )
        removed = con.execute("SELECT count(*) FROM unsighted_papers").fetchone()[0]
        if removed:
            for table in paper_tables(con):
                con.execute(f"DELETE FROM {table} WHERE paper_id IN (SELECT paper_id FROM unsighted_papers)")
        con.execute(f"DROP TABLE unsighted_papers; DROP TABLE IF EXISTS {FORGOTTEN_PAPERS}")

    _transaction(con, work)
    return removed


@dataclass(frozen=True)
class ExtractedBatch:
    """The rows extracted for one batch of papers, for the build to write (``write_extracted``):
    typed frames in memory, or (from a cluster) Parquet shards, one list of files per table. ``replaced`` are
    the batch's papers that may have rows already (only those are deleted first: deleting scans a table, and
    most papers of a build are new)."""

    papers: int
    replaced: list[str]
    frames: dict[str, pl.DataFrame] | None = None
    shards: dict[str, list[str]] | None = None

    def failures(self) -> pl.DataFrame:
        """The batch's papers a component failed on, as rejects rows (without build_id)."""
        if self.frames is not None and FAILED_TABLE in self.frames:
            return self.frames[FAILED_TABLE]
        if self.shards is not None and self.shards.get(FAILED_TABLE):
            return pl.read_parquet(sorted(self.shards[FAILED_TABLE]))
        return failure_frame([])


# Columns a runner's batch carries beyond its table's own: a terms row's paper month, which the corpus-level
# filter of write_extracted reads (the papers of a batch may not be written yet when its rows come back).
BATCH_ONLY_COLUMNS = {"terms": {"month": pl.Date}}
# Extraction tables stored under another name: terms are lists of ids per paper (paper_terms; schema.sql says
# why), read back one row per paper and term through the terms view.
STORED_AS = {"terms": "paper_terms"}


# A batch's papers a component failed on, beside its tables: rows of the rejects table (write_extracted).
FAILED_TABLE = "extraction_failures"


def failure_frame(failures: list[dict]) -> pl.DataFrame:
    return _frame(failures, REJECT_COLUMNS)


def extraction_frames(extraction: dict[str, list[dict] | dict[str, list]]) -> dict[str, pl.DataFrame]:
    """Extraction rows as one typed frame per table (no build_id yet): what worker processes send back."""
    return {
        table: _frame(extraction.get(table, []), TABLE_COLUMNS[table] | BATCH_ONLY_COLUMNS.get(table, {}))
        for table in EXTRACTION_TABLES
    }


def _insert_terms(con: duckdb.DuckDBPyConnection, build_id: int, frame: pl.DataFrame) -> None:
    """The corpus-level filter of discovered terms, applied to each batch before anything is written. In each
    month of the batch (the month its papers were published; undated papers form one group), the
    ``Tuning.term_vocabulary`` terms most papers use, if at least ``Tuning.term_min_papers`` papers do, join
    the vocabulary (table term_vocabulary) with the next free ids; only the batch's rows of vocabulary terms
    are stored, as one paper_terms row per paper. A month's own top terms get in however rare they are
    elsewhere, so the new terms of a late month survive, and the vocabulary grows by at most that many terms
    per month of a batch whatever the corpus: rows per paper stay bounded by the paper's terms that are common
    somewhere. Known limit: a term joins when a batch has it among its month's top terms; its earlier papers
    (earlier batches, earlier builds) keep no row of it.
    The ranking runs in Polars on the batch's frame (DuckDB's GROUP BY and window over the ~240 candidate rows
    a paper cost 2.5 s per 2,000 papers, about a fifth of their extraction)."""
    tuning = settings.tuning()
    vocabulary = con.execute("SELECT term, term_id FROM term_vocabulary").pl()
    next_id = int(vocabulary.select(pl.col("term_id").max().fill_null(0)).item()) + 1
    counts = frame.group_by("term", "month").agg(pl.len().alias("papers"))
    joining = (
        # Terms under the minimum rank below every term above it, so leaving them out first changes no rank of
        # the others, and the sort has a twentieth of the rows (most n-grams are in one paper of a batch).
        counts.filter(pl.col("papers") >= tuning.term_min_papers)
        .sort(["papers", "term"], descending=[True, False])
        .with_columns((pl.int_range(pl.len()).over("month") + 1).alias("rank"))
        .filter((pl.col("rank") <= tuning.term_vocabulary) & ~pl.col("term").is_in(vocabulary["term"].implode()))
        .sort(["papers", "month"], descending=[True, False], nulls_last=True)
        .unique("term", keep="first", maintain_order=True)
        .with_columns((pl.int_range(pl.len(), dtype=pl.Int32) + next_id).alias("term_id"))
        .select(
            "term_id",
            "term",
            "month",
            pl.col("papers").cast(pl.Int32),
            pl.lit(build_id, dtype=pl.Int32).alias("build_id"),
        )
    )
    _insert(con, "term_vocabulary", joining)
    ids = pl.concat([vocabulary.select("term", pl.col("term_id").cast(pl.Int32)), joining.select("term", "term_id")])
    kept = (
        frame.join(ids, on="term", how="inner")
        .group_by("paper_id", maintain_order=True)
        .agg(pl.col("term_id").sort().alias("term_ids"), pl.col("mentions").sort_by("term_id"))
    )
    _insert(con, "paper_terms", _with_build(kept, build_id))


def write_extracted(
    con: duckdb.DuckDBPyConnection,
    build_id: int,
    batch: ExtractedBatch,
    constants: dict[str, dict[str, str]] | None = None,
    tables: tuple[str, ...] = EXTRACTION_TABLES,
) -> None:
    """Replaces the extraction rows of the batch's ``replaced`` papers with the batch's rows, in one
    transaction: the one place a build writes extraction rows, whether a runner sent frames or shards. A build
    calls it once per batch on its private copy of the database, so the rows of a large build never sit in
    memory all at once; the copy only replaces the real database when the whole build is done (store.staging).
    A new per-paper table is a column list in TABLE_COLUMNS and a name in PER_PAPER_TABLES; nothing here.
    ``constants`` are columns whose value is the same for every row of a table (buzzword_mentions.lexicon);
    ``tables`` are the tables whose rows the batch replaces (the buzzword re-match: buzzword_mentions only)."""
    constants = constants or {}

    def work():
        if batch.replaced:
            con.register(
                "replaced_ids", pl.DataFrame({"paper_id": batch.replaced}, schema={"paper_id": pl.String}).to_arrow()
            )
        for table in tables:
            if batch.replaced:
                stored = STORED_AS.get(table, table)
                con.execute(f"DELETE FROM {stored} WHERE paper_id IN (SELECT paper_id FROM replaced_ids)")
            values = constants.get(table, {})
            if table == "terms":
                if batch.frames is not None and batch.frames[table].height:
                    _insert_terms(con, build_id, batch.frames[table])
                elif batch.shards is not None and batch.shards.get(table):
                    _insert_terms(con, build_id, pl.read_parquet(sorted(batch.shards[table])))
            elif batch.frames is not None:
                frame = _with_build(batch.frames[table], build_id)
                _insert(con, table, frame.with_columns(pl.lit(v, pl.String).alias(c) for c, v in values.items()))
            elif batch.shards is not None and batch.shards.get(table):
                extra = "".join(f", CAST(? AS VARCHAR) AS {column}" for column in values)
                con.execute(
                    f"INSERT INTO {table} BY NAME SELECT *, CAST(? AS INTEGER) AS build_id{extra} FROM read_parquet(?)",
                    [build_id, *values.values(), sorted(batch.shards[table])],
                )
        if batch.replaced:
            con.unregister("replaced_ids")
        failed = batch.failures()
        if failed.height:
            _insert(con, "rejects", _with_build(failed, build_id))

    _transaction(con, work)


def write_chunk(
    con: duckdb.DuckDBPyConnection,
    build_id: int,
    papers: list[dict],
    sightings: list[dict],
    rejects: list[dict],
    stored: Container[str],
) -> None:
    """One chunk of a build's records: merged papers replaced, their sightings and the chunk's rejects added.
    ``stored`` holds the ids that are in the papers table already: only those are deleted first."""

    def work():
        frame = _frame(papers, TABLE_COLUMNS["papers"] | {"pipeline_version": pl.String}, build_id)
        _replace_rows(
            con, "papers", "paper_id", [row["paper_id"] for row in papers if row["paper_id"] in stored], frame
        )
        _insert(con, "sightings", _frame(sightings, SIGHTING_COLUMNS, build_id))
        _insert(con, "rejects", _frame(rejects, REJECT_COLUMNS, build_id))

    _transaction(con, work)


def finish_build(
    con: duckdb.DuckDBPyConnection,
    build_id: int,
    files: list[dict],
    counts: dict,
    inputs: list[str],
    pipeline_version: str,
    started_at: datetime,
    on_written=None,
    refresh: bool = True,
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
            [
                build_id,
                started_at,
                datetime.now(),
                pipeline_version,
                inputs,
                counts["seen"],
                counts["read"],
                counts["rejected"],
                counts["extracted"],
                counts["files_skipped"],
            ],
        )
        if on_written:
            on_written()  # everything written, the last transaction not committed yet

    _transaction(con, work)


def known_files(con: duckdb.DuckDBPyConnection) -> dict[str, tuple[int, datetime, str | None]]:
    """Files earlier builds read, with the size, modification time and mapping they were read with. A build's
    first call: it creates or upgrades the schema, which the build's later writes rely on."""
    create_schema(con)
    rows = con.execute("SELECT source_file, size, modified, mapping FROM files").fetchall()
    return {row[0]: (row[1], row[2], row[3]) for row in rows}


def stale_papers(con: duckdb.DuckDBPyConnection, version: str, limit: int) -> list[dict]:
    """Up to ``limit`` stored papers whose rows another pipeline version made (their whole rows): what a
    build re-extracts from the stored text, ``limit`` at a time, restamping each batch so the next call
    returns the next ones. Reads one column of every paper when none is stale (a no-op build's cost)."""
    return (
        con.execute(
            "SELECT * EXCLUDE (build_id) FROM papers WHERE pipeline_version IS DISTINCT FROM ? LIMIT ?",
            [version, limit],
        )
        .pl()
        .to_dicts()
    )


def restamp_papers(con: duckdb.DuckDBPyConnection, build_id: int, paper_ids: list[str], version: str) -> None:
    """Marks papers as extracted by ``version`` in build ``build_id`` (their rows are being replaced)."""
    con.register("restamped_ids", pl.DataFrame({"paper_id": paper_ids}, schema={"paper_id": pl.String}).to_arrow())
    con.execute(
        "UPDATE papers SET pipeline_version = ?, build_id = ? WHERE paper_id IN (SELECT paper_id FROM restamped_ids)",
        [version, build_id],
    )
    con.unregister("restamped_ids")


def stored_papers(con: duckdb.DuckDBPyConnection, paper_ids: list[str]) -> dict[str, dict]:
    """The stored rows of these papers (with their pipeline_version and build_id), by paper_id."""
    if not paper_ids:
        return {}
    con.register("wanted_ids", pl.DataFrame({"paper_id": paper_ids}, schema={"paper_id": pl.String}).to_arrow())
    # Which of them are stored reads one column; whole rows are read only when some are (most of a large
    # first build is new, and reading every column of a growing table per chunk is what slows it down).
    found = fetch_one(con, "SELECT count(*) FROM papers WHERE paper_id IN (SELECT paper_id FROM wanted_ids)")[0]
    rows = (
        con.execute("SELECT * FROM papers WHERE paper_id IN (SELECT paper_id FROM wanted_ids)").pl()
        if found
        else pl.DataFrame()
    )
    con.unregister("wanted_ids")
    return {row["paper_id"]: row for row in rows.to_dicts()}


def buzzword_stale_papers(con: duckdb.DuckDBPyConnection, version: str, base: str, limit: int) -> list[dict]:
    """Up to ``limit`` stored papers whose rows a pipeline made that differs from ``version`` in the buzzword
    lexicon alone (``base`` is ``version`` without its ``+buzz-`` part): their paper_id, title and abstract,
    which the buzzword re-match reads. Restamping a batch (``restamp_versions``) moves the next call on."""
    return (
        con.execute(
            "SELECT paper_id, title, abstract FROM papers WHERE pipeline_version <> ? "
            "AND contains(pipeline_version, '+buzz-') AND regexp_replace(pipeline_version, '\\+buzz-[^+]*$', '') = ? "
            "LIMIT ?",
            [version, base, limit],
        )
        .pl()
        .to_dicts()
    )


def restamp_versions(con: duckdb.DuckDBPyConnection, paper_ids: list[str], version: str) -> None:
    """Sets the papers' pipeline_version and nothing else: their rows but the buzzword ones stay those of the
    build that wrote them (their build_id unchanged)."""
    con.register("restamped_ids", pl.DataFrame({"paper_id": paper_ids}, schema={"paper_id": pl.String}).to_arrow())
    con.execute(
        "UPDATE papers SET pipeline_version = ? WHERE paper_id IN (SELECT paper_id FROM restamped_ids)", [version]
    )
    con.unregister("restamped_ids")
