"""The report's figures as SQL over the DuckDB tables, returned as Polars frames."""

from __future__ import annotations

import duckdb
import polars as pl

from ..store.derived import EXPLORE_LIMIT, explore_sql  # noqa: F401  (EXPLORE_LIMIT: the pages read it here)

SQL: dict[str, str] = {
    "date_range": """
        SELECT min(coalesce(listed, published)) AS first_day, max(coalesce(listed, published)) AS last_day,
               count(coalesce(listed, published)) AS dated_papers
        FROM papers
    """,
    "buzzword_cooccurrence": """
        WITH top AS (
            SELECT buzzword FROM buzzword_mentions GROUP BY buzzword
            ORDER BY count(DISTINCT paper_id) DESC, buzzword LIMIT $limit
        ),
        present AS (
            SELECT DISTINCT paper_id, buzzword FROM buzzword_mentions WHERE buzzword IN (SELECT buzzword FROM top)
        )
        SELECT a.buzzword AS buzzword, b.buzzword AS with_buzzword, count(*) AS papers
        FROM present a JOIN present b USING (paper_id)
        GROUP BY ALL
        ORDER BY buzzword, with_buzzword
    """,
    "model_dataset_pairs": """
        WITH models AS (
            SELECT canonical FROM entities WHERE label = 'MODEL' GROUP BY canonical
            ORDER BY count(DISTINCT paper_id) DESC, canonical LIMIT $limit
        ),
        datasets AS (
            SELECT canonical FROM entities WHERE label = 'DATASET' GROUP BY canonical
            ORDER BY count(DISTINCT paper_id) DESC, canonical LIMIT $limit
        ),
        m AS (SELECT DISTINCT paper_id, canonical FROM entities WHERE label = 'MODEL' AND canonical IN (SELECT canonical FROM models)),
        d AS (SELECT DISTINCT paper_id, canonical FROM entities WHERE label = 'DATASET' AND canonical IN (SELECT canonical FROM datasets))
        SELECT m.canonical AS model, d.canonical AS dataset, count(*) AS papers
        FROM m JOIN d USING (paper_id)
        GROUP BY ALL
        ORDER BY papers DESC, model, dataset
    """,
    "percent_gains": """
        SELECT least(floor(value / 5) * 5, 100) AS gain_from, count(*) AS claims, count(DISTINCT paper_id) AS papers
        FROM claims
        WHERE kind = 'percent' AND direction = 'gain' AND value > 0
        GROUP BY ALL ORDER BY gain_from
    """,
    "multipliers": """
        SELECT CAST(floor(log2(value)) AS INTEGER) AS power_of_two, count(*) AS claims,
               count(DISTINCT paper_id) AS papers, min(value) AS smallest, max(value) AS largest
        FROM claims
        WHERE kind = 'multiplier' AND value >= 1
        GROUP BY ALL ORDER BY power_of_two
    """,
    # The Explore page's rows come from a table the build refreshes (store.derived): at a million papers the
    # query that makes them reads every abstract and takes about a second; the table takes milliseconds.
    "explore": """
        SELECT * FROM explore_papers ORDER BY day DESC NULLS LAST, title
    """,
    "sources": """
        SELECT source, count(DISTINCT source_file) AS files, count(*) AS records, count(DISTINCT paper_id) AS papers
        FROM sightings GROUP BY source ORDER BY records DESC
    """,
    "reject_reasons": """
        SELECT regexp_replace(reason, '[0-9]+', 'N', 'g') AS reason, count(*) AS records, count(DISTINCT source_file) AS files
        FROM rejects GROUP BY ALL ORDER BY records DESC LIMIT 20
    """,
    "builds": """
        SELECT build_id, CAST(finished_at AS VARCHAR) AS finished, pipeline_version, len(inputs) AS inputs,
               records_seen, papers_read, records_rejected, papers_extracted, files_skipped
        FROM builds ORDER BY build_id DESC LIMIT 20
    """,
    "overview": """
        WITH released AS (SELECT count(*) AS papers FROM code_status WHERE status = 'released')
        SELECT
            (SELECT count(*) FROM papers) AS papers,
            (SELECT papers FROM released) AS papers_with_code,
            coalesce((SELECT papers FROM released) / nullif((SELECT count(*) FROM papers), 0), 0) AS share_with_code,
            (SELECT count(DISTINCT paper_id) FROM claims) AS papers_with_claims,
            (SELECT min(published) FROM papers) AS first_published,
            (SELECT max(published) FROM papers) AS last_published,
            (SELECT max(pipeline_version) FILTER (WHERE build_id = (SELECT max(build_id) FROM builds)) FROM builds) AS pipeline_version
    """,
    "buzzword_counts": """
        SELECT
            buzzword,
            count(*) AS mentions,
            count(DISTINCT paper_id) AS papers,
            round(1000.0 * count(DISTINCT paper_id) / (SELECT count(*) FROM papers), 1) AS papers_per_1000,
            round(1000.0 * count(*) / (SELECT count(*) FROM papers), 1) AS mentions_per_1000
        FROM buzzword_mentions
        GROUP BY buzzword
        ORDER BY papers DESC, mentions DESC, buzzword
        LIMIT $limit
    """,
    "claim_kinds": """
        SELECT kind, count(*) AS claims, count(DISTINCT paper_id) AS papers
        FROM claims
        GROUP BY kind
        ORDER BY claims DESC, kind
    """,
    "largest_claims": """
        WITH largest AS (
            SELECT * FROM claims WHERE kind = $kind ORDER BY value DESC, paper_id, start_char LIMIT $limit
        )
        SELECT c.kind, c.text, c.value, c.unit, c.qualifier, p.title, c.paper_id,
               substr(CASE c.field WHEN 'title' THEN p.title ELSE p.abstract END,
                      greatest(c.start_char - 80, 0) + 1, 200) AS context
        FROM largest c JOIN papers p USING (paper_id)
        ORDER BY c.value DESC, c.paper_id, c.start_char
    """,
    "top_entities": """
        SELECT canonical,
               count(*) AS mentions,
               count(DISTINCT paper_id) AS papers,
               count(DISTINCT paper_id) FILTER (WHERE introduced) AS papers_introducing,
               count(DISTINCT paper_id) FILTER (WHERE NOT introduced) AS papers_using
        FROM entities
        WHERE label = $label
        GROUP BY canonical
        ORDER BY papers DESC, mentions DESC, canonical
        LIMIT $limit
    """,
    "code_status_counts": """
        SELECT status, count(*) AS papers, round(100.0 * count(*) / sum(count(*)) OVER (), 1) AS percent
        FROM code_status
        GROUP BY status
        ORDER BY array_position(['released', 'project_page', 'promised', 'none'], status)
    """,
    "link_hosts": """
        SELECT host, count(*) AS links, count(DISTINCT paper_id) AS papers
        FROM links
        GROUP BY host
        ORDER BY links DESC, host
    """,
}


def run(con: duckdb.DuckDBPyConnection, name: str, **params) -> pl.DataFrame:
    """Runs ``SQL[name]`` with named parameters and returns a Polars frame."""
    return con.execute(SQL[name], params or None).pl()


def overview(con: duckdb.DuckDBPyConnection) -> dict:
    return run(con, "overview").row(0, named=True)


def buzzword_counts(con: duckdb.DuckDBPyConnection, limit: int = 25) -> pl.DataFrame:
    return run(con, "buzzword_counts", limit=limit)


def claim_kinds(con: duckdb.DuckDBPyConnection) -> pl.DataFrame:
    return run(con, "claim_kinds")


def largest_claims(con: duckdb.DuckDBPyConnection, kind: str, limit: int = 10) -> pl.DataFrame:
    return run(con, "largest_claims", kind=kind, limit=limit)


def top_entities(con: duckdb.DuckDBPyConnection, label: str, limit: int = 20) -> pl.DataFrame:
    return run(con, "top_entities", label=label, limit=limit)


def code_status_counts(con: duckdb.DuckDBPyConnection) -> pl.DataFrame:
    return run(con, "code_status_counts")


def link_hosts(con: duckdb.DuckDBPyConnection) -> pl.DataFrame:
    return run(con, "link_hosts")


def date_range(con: duckdb.DuckDBPyConnection) -> dict:
    return run(con, "date_range").row(0, named=True)


def buzzword_cooccurrence(con: duckdb.DuckDBPyConnection, limit: int = 12) -> pl.DataFrame:
    return run(con, "buzzword_cooccurrence", limit=limit)


def model_dataset_pairs(con: duckdb.DuckDBPyConnection, limit: int = 10) -> pl.DataFrame:
    return run(con, "model_dataset_pairs", limit=limit)


def explore(con: duckdb.DuckDBPyConnection) -> pl.DataFrame:
    """The newest EXPLORE_LIMIT papers with their claims, evidence, names, buzzwords and code status."""
    if not con.execute("SELECT count(*) FROM duckdb_tables() WHERE table_name = 'explore_papers'").fetchone()[0]:
        # A database from before the table existed (its next build makes it): the same rows, made now.
        return con.execute(f"SELECT * FROM ({explore_sql()}) ORDER BY day DESC NULLS LAST, title").pl()
    return run(con, "explore")
