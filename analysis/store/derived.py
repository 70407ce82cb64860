"""Tables derived from the others, refreshed in each build's last transaction: report queries that would
otherwise read a large share of the database on every render. At a million papers the Explore query reads
every abstract (about a second); its table is read in milliseconds."""

from __future__ import annotations

import duckdb

from .. import settings

# Papers an Explore page carries: the newest ones when there are more (the page holds its data; SQL has the rest).
EXPLORE_LIMIT = 20_000


def word_window(text: str, start: str, length: str) -> str:
    """SQL for ``substr(text, start + 1, length)`` (``start`` 0-based) cut back to whole words: a window that
    begins inside a word drops that word's part, and so does one that ends inside a word. ``text``, ``start``
    and ``length`` are SQL expressions (each written in more than once)."""
    window = f"substr({text}, ({start}) + 1, {length})"
    # The characters just before and just after the window ('' at the ends of the text).
    before = f"substr({text}, greatest({start}, 1), least({start}, 1))"
    after = f"substr({text}, ({start}) + ({length}) + 1, 1)"
    leading = (
        f"CASE WHEN regexp_matches({before}, '\\S') THEN regexp_replace({window}, '^\\S*\\s*', '') ELSE {window} END"
    )
    return (
        f"CASE WHEN regexp_matches({after}, '\\S') THEN regexp_replace({leading}, '\\s*\\S*$', '') ELSE {leading} END"
    )


# The newest papers (by listing day, else publication date) with what was extracted from them; {limit} is an
# integer. Evidence: up to five passages of 60 characters either side of a claim, from the field it is in, cut back to whole words.
EXPLORE_SQL = """
        WITH shown AS (
            SELECT paper_id FROM papers ORDER BY coalesce(listed, published) DESC NULLS LAST, title LIMIT {limit}
        ),
        claim_lists AS (
            SELECT paper_id, list(coalesce(display_text, text) ORDER BY field DESC, start_char) AS claims,
                   list({evidence_window} ORDER BY field DESC, start_char)[1:5] AS evidence
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
        ),
        text_repos AS (
            SELECT DISTINCT paper_id FROM links WHERE repo IS NOT NULL AND paper_id IN (SELECT paper_id FROM shown)
        )
        SELECT p.paper_id, p.title, CAST(coalesce(p.listed, p.published) AS VARCHAR) AS day,
               CAST(p.published AS VARCHAR) AS published, CAST(p.listed AS VARCHAR) AS listed, s.status,
               list_concat(CASE WHEN t.paper_id IS NOT NULL THEN ['text'] ELSE [] END,
                           CASE WHEN p.github_repo IS NOT NULL THEN ['listing'] ELSE [] END) AS code,
               coalesce(c.claims, []) AS claims, coalesce(c.evidence, []) AS evidence,
               coalesce(e.models, []) AS models, coalesce(e.datasets, []) AS datasets,
               coalesce(b.buzzwords, []) AS buzzwords
        FROM shown JOIN papers p USING (paper_id) JOIN code_status s USING (paper_id)
        LEFT JOIN claim_lists c USING (paper_id) LEFT JOIN entity_lists e USING (paper_id)
        LEFT JOIN buzzword_lists b USING (paper_id) LEFT JOIN text_repos t USING (paper_id)
        ORDER BY day DESC NULLS LAST, p.title
"""


def explore_sql(limit: int = EXPLORE_LIMIT) -> str:
    evidence = word_window(
        "CASE field WHEN 'title' THEN p.title ELSE p.abstract END",
        "greatest(start_char - 60, 0)",
        "end_char - greatest(start_char - 60, 0) + 60",
    )
    return EXPLORE_SQL.format(limit=int(limit), evidence_window=evidence)


# A plural whose singular is a name of the database counts as that name (GFlowNets: GFlowNet). Lexicon names are
# folded when extracted; this catches names no lexicon knows.
FOLD_PLURALS_SQL = """
        UPDATE entities SET canonical = singular.canonical, family = singular.family
        FROM (SELECT canonical, label, any_value(family) AS family FROM entities GROUP BY canonical, label) AS singular
        WHERE entities.canonical = singular.canonical || 's' AND entities.label = singular.label
          AND length(singular.canonical) >= 3 AND NOT singular.canonical LIKE '%s'
"""

# One label per canonical name, voted over every paper: a lexicon's label first, then a family rule's, then the
# label more papers' surrounding words give it ("on X", "the X benchmark"); a mention whose words said nothing
# (label_source = default) casts no vote. Databases from before the vote (NULL label_source) count as context.
ENTITY_LABELS_SQL = """
        WITH mentions AS (
            SELECT canonical, paper_id, coalesce(mention_label, label) AS said, coalesce(label_source, 'context') AS source
            FROM entities
        ),
        votes AS (
            SELECT canonical,
                   count(DISTINCT paper_id) FILTER (WHERE source = 'context' AND said = 'MODEL') AS model_votes,
                   count(DISTINCT paper_id) FILTER (WHERE source = 'context' AND said = 'DATASET') AS dataset_votes,
                   mode(said) FILTER (WHERE source = 'lexicon') AS lexicon_label,
                   mode(said) FILTER (WHERE source = 'family') AS family_label,
                   count(*) AS mentions, count(DISTINCT paper_id) AS papers
            FROM mentions GROUP BY canonical
        )
        SELECT canonical,
               CASE WHEN lexicon_label IS NOT NULL THEN lexicon_label
                    WHEN family_label IS NOT NULL THEN family_label
                    WHEN dataset_votes > model_votes THEN 'DATASET' ELSE 'MODEL' END AS label,
               CASE WHEN lexicon_label IS NOT NULL THEN 'lexicon'
                    WHEN family_label IS NOT NULL THEN 'family'
                    WHEN dataset_votes <> model_votes THEN 'votes'
                    WHEN model_votes > 0 THEN 'tie' ELSE 'default' END AS decided_by,
               model_votes, dataset_votes, mentions, papers
        FROM votes
"""


def refresh_entity_labels(con: duckdb.DuckDBPyConnection) -> None:
    """Folds plurals, votes each canonical name's label over the whole database into ``entity_labels`` and
    gives every mention that label. It runs here, after all papers are stored, because a name's evidence is
    spread over papers of many builds (an incremental build re-extracts only its own papers) and because the
    report then reads one settled label instead of voting on every query."""
    con.execute(FOLD_PLURALS_SQL)
    con.execute("DELETE FROM entity_labels")
    con.execute(f"INSERT INTO entity_labels BY NAME {ENTITY_LABELS_SQL}")
    con.execute(
        "UPDATE entities SET label = decided.label FROM entity_labels AS decided "
        "WHERE entities.canonical = decided.canonical AND entities.label <> decided.label"
    )


def prune_terms(con: duckdb.DuckDBPyConnection, min_papers: int) -> None:
    """The corpus-level filter of discovered terms: rows of a term fewer than ``min_papers`` papers use leave.
    A term that grows common later is counted from the papers extracted after it did (a paper's own rows are
    pruned once, when the build that extracted it ends)."""
    con.execute(
        "DELETE FROM terms WHERE term IN (SELECT term FROM terms GROUP BY term HAVING count(*) < ?)",
        [int(min_papers)],
    )


def refresh_derived(con: duckdb.DuckDBPyConnection) -> None:
    """Rewrites the derived tables from the current rows (inside the caller's transaction)."""
    prune_terms(con, settings.tuning().term_min_papers)
    refresh_entity_labels(con)
    con.execute("DELETE FROM explore_papers")
    con.execute(f"INSERT INTO explore_papers BY NAME {explore_sql()}")
