"""Tables derived from the others, refreshed in each build's last transaction: report queries that would
otherwise read a large share of the database on every render. At a million papers the Explore query reads
every abstract (about a second); its table is read in milliseconds."""

from __future__ import annotations

import duckdb

# Papers an Explore page carries: the newest ones when there are more (the page holds its data; SQL has the rest).
EXPLORE_LIMIT = 20_000

# The newest papers (by listing day, else publication date) with what was extracted from them; {limit} is an
# integer. Evidence: up to five passages of 60 characters either side of a claim, from the field it is in.
EXPLORE_SQL = """
        WITH shown AS (
            SELECT paper_id FROM papers ORDER BY coalesce(listed, published) DESC NULLS LAST, title LIMIT {limit}
        ),
        claim_lists AS (
            SELECT paper_id, list(text ORDER BY field DESC, start_char) AS claims,
                   list(substr(CASE field WHEN 'title' THEN p.title ELSE p.abstract END,
                               greatest(start_char - 60, 0) + 1, end_char - greatest(start_char - 60, 0) + 60)
                        ORDER BY field DESC, start_char)[1:5] AS evidence
            FROM claims JOIN papers p USING (paper_id)
            WHERE paper_id IN (SELECT paper_id FROM shown) GROUP BY paper_id
        ),
        entity_lists AS (
            SELECT paper_id,
                   list(DISTINCT canonical) FILTER (WHERE label = 'MODEL') AS models,
                   list(DISTINCT canonical) FILTER (WHERE label = 'DATASET') AS datasets
            FROM entities WHERE paper_id IN (SELECT paper_id FROM shown) GROUP BY paper_id
        ),
        buzzword_lists AS (
            SELECT paper_id, list(DISTINCT buzzword) AS buzzwords FROM buzzword_mentions
            WHERE paper_id IN (SELECT paper_id FROM shown) GROUP BY paper_id
        )
        SELECT p.paper_id, p.title, CAST(coalesce(p.listed, p.published) AS VARCHAR) AS day, s.status,
               coalesce(c.claims, []) AS claims, coalesce(c.evidence, []) AS evidence,
               coalesce(e.models, []) AS models, coalesce(e.datasets, []) AS datasets,
               coalesce(b.buzzwords, []) AS buzzwords
        FROM shown JOIN papers p USING (paper_id) JOIN code_status s USING (paper_id)
        LEFT JOIN claim_lists c USING (paper_id) LEFT JOIN entity_lists e USING (paper_id)
        LEFT JOIN buzzword_lists b USING (paper_id)
        ORDER BY day DESC NULLS LAST, p.title
"""


def explore_sql(limit: int = EXPLORE_LIMIT) -> str:
    return EXPLORE_SQL.format(limit=int(limit))


def refresh_derived(con: duckdb.DuckDBPyConnection) -> None:
    """Rewrites the derived tables from the current rows (inside the caller's transaction)."""
    con.execute("DELETE FROM explore_papers")
    con.execute(f"INSERT INTO explore_papers BY NAME {explore_sql()}")
