"""The report's figures as SQL over the DuckDB tables, returned as Polars frames."""

from __future__ import annotations

import duckdb
import polars as pl

SQL: dict[str, str] = {
    "overview": """
        SELECT
            (SELECT count(*) FROM papers) AS papers,
            (SELECT count(*) FROM code_status WHERE status = 'released') AS papers_with_code,
            (SELECT count(*) FROM code_status WHERE status = 'released') / nullif((SELECT count(*) FROM papers), 0) AS share_with_code,
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
        SELECT c.kind, c.text, c.value, c.unit, c.qualifier, p.title, c.paper_id,
               substr(CASE c.field WHEN 'title' THEN p.title ELSE p.abstract END,
                      greatest(c.start_char - 80, 0) + 1, 200) AS context
        FROM claims c JOIN papers p USING (paper_id)
        WHERE c.kind = $kind
        ORDER BY c.value DESC, c.paper_id, c.start_char
        LIMIT $limit
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
