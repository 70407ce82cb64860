"""The report's figures as SQL over the DuckDB tables, returned as Polars frames."""

from __future__ import annotations

import math
from dataclasses import dataclass

import duckdb
import polars as pl

from ..store.db import fetch_one
from ..store.derived import EXPLORE_LIMIT, explore_sql, word_window  # noqa: F401  (EXPLORE_LIMIT: the pages read it here)
from .window import statement, window_of

# Percent gains, one row each, in two kinds that are never pooled: ``stated`` gains are percents the text states
# as a change ("+3.1%", "improves accuracy by 3.1%", "gains of 3.1%"; the text does not say whether they are
# relative or percentage points), ``derived`` gains are the relative change (B - A) / |A| of "from A to B" between
# two percents or scores (``points``: B - A, percentage points for two percents). Levels are not gains ("exceeds
# 66%", both ends of "from A to B"), and neither is a rise of a metric that is better when lower (+294.1%
# perplexity: better is false). ``direction`` is how the quantity moved, ``better`` whether that is an improvement.
PERCENT_GAIN_VALUES = """
        SELECT 'stated' AS source, paper_id, value AS gain, CAST(NULL AS DOUBLE) AS points,
               coalesce(display_text, text) AS text, metric, 'rose' AS direction, better
        FROM claims
        WHERE kind = 'percent' AND unit = '%' AND direction = 'gain' AND better IS DISTINCT FROM false AND value > 0
        UNION ALL
        SELECT 'derived' AS source, paper_id, relative_percent AS gain, difference AS points,
               coalesce(display_text, text) AS text, metric, direction, better
        FROM claim_changes
        WHERE kind IN ('percent', 'score') AND direction = 'rose' AND better IS DISTINCT FROM false
          AND relative_percent > 0 AND paper_id IN (SELECT paper_id FROM papers)
"""

# A count's paper ids (``paper_ids``) come with it when it counts at most this many papers, else NULL: a larger
# set is linked by what defines it (a buzzword, a name, a code status) and the Explore page selects its papers.
# The ids are listed for those counts only: listing every group's ids made buzzword_counts six times slower
# on 3 million mentions.
EVIDENCE_IDS = 1000

SQL: dict[str, str] = {  # $name: a parameter, bound as a literal into the text that runs
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
    "percent_gain_values": PERCENT_GAIN_VALUES,
    "percent_gains": f"""
        SELECT source, least(floor(gain / 5) * 5, 100) AS gain_from, count(*) AS gains, count(DISTINCT paper_id) AS papers
        FROM ({PERCENT_GAIN_VALUES})
        GROUP BY ALL ORDER BY gain_from, source
    """,
    # The lower medians (a gain that occurs), one per source: stated and derived gains are different measures.
    "percent_gains_summary": f"""
        SELECT count(*) AS gains, count(*) FILTER (WHERE source = 'stated') AS stated,
               count(*) FILTER (WHERE source = 'derived') AS derived,
               quantile_disc(gain, 0.5) FILTER (WHERE source = 'stated') AS stated_median,
               quantile_disc(gain, 0.5) FILTER (WHERE source = 'derived') AS derived_median,
               quantile_disc(points, 0.5) FILTER (WHERE source = 'derived') AS derived_points_median
        FROM ({PERCENT_GAIN_VALUES})
    """,
    "multipliers": """
        SELECT CAST(floor(log2(value)) AS INTEGER) AS power_of_two, count(*) AS claims,
               count(DISTINCT paper_id) AS papers, min(value) AS smallest, max(value) AS largest,
               CASE WHEN count(DISTINCT paper_id) <= {evidence_ids}
                    THEN list(DISTINCT paper_id ORDER BY paper_id) END AS paper_ids
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
        WITH released AS (SELECT count(*) AS papers FROM code_status WHERE status = 'released'),
        claimed AS (SELECT count(DISTINCT paper_id) AS papers FROM claims)
        SELECT
            (SELECT count(*) FROM papers) AS papers,
            (SELECT papers FROM released) AS papers_with_code,
            (SELECT list(paper_id ORDER BY paper_id) FROM code_status
             WHERE status = 'released' AND (SELECT papers FROM released) <= {evidence_ids}) AS papers_with_code_ids,
            coalesce((SELECT papers FROM released) / nullif((SELECT count(*) FROM papers), 0), 0) AS share_with_code,
            (SELECT papers FROM claimed) AS papers_with_claims,
            (SELECT list(DISTINCT paper_id ORDER BY paper_id) FROM claims
             WHERE (SELECT papers FROM claimed) <= {evidence_ids}) AS papers_with_claims_ids,
            (SELECT min(published) FROM papers) AS first_published,
            (SELECT max(published) FROM papers) AS last_published,
            (SELECT max(pipeline_version) FILTER (WHERE build_id = (SELECT max(build_id) FROM builds)) FROM builds) AS pipeline_version
    """,
    "buzzword_counts": """
        WITH counted AS (
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
        ),
        evidence AS (
            SELECT buzzword, list(DISTINCT paper_id ORDER BY paper_id) AS paper_ids FROM buzzword_mentions
            WHERE buzzword IN (SELECT buzzword FROM counted WHERE papers <= {evidence_ids}) GROUP BY buzzword
        )
        SELECT counted.*, evidence.paper_ids FROM counted LEFT JOIN evidence USING (buzzword)
        ORDER BY papers DESC, mentions DESC, buzzword
    """,
    "claim_kinds": """
        WITH counted AS (SELECT kind, count(*) AS claims, count(DISTINCT paper_id) AS papers FROM claims GROUP BY kind),
        evidence AS (
            SELECT kind, list(DISTINCT paper_id ORDER BY paper_id) AS paper_ids FROM claims
            WHERE kind IN (SELECT kind FROM counted WHERE papers <= {evidence_ids}) GROUP BY kind
        )
        SELECT counted.*, evidence.paper_ids FROM counted LEFT JOIN evidence USING (kind)
        ORDER BY claims DESC, kind
    """,
    "largest_claims": """
        WITH largest AS (
            SELECT * FROM claims WHERE kind = $kind ORDER BY value DESC, paper_id, start_char LIMIT $limit
        )
        SELECT c.kind, coalesce(c.display_text, c.text) AS text, c.text AS span_text, c.value, c.unit, c.qualifier,
               p.title, c.paper_id, {context_window} AS context
        FROM largest c JOIN papers p USING (paper_id)
        ORDER BY c.value DESC, c.paper_id, c.start_char
    """,
    "top_entities": """
        WITH counted AS (
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
        ),
        evidence AS (
            SELECT canonical, list(DISTINCT paper_id ORDER BY paper_id) AS paper_ids FROM entities
            WHERE label = $label AND canonical IN (SELECT canonical FROM counted WHERE papers <= {evidence_ids})
            GROUP BY canonical
        )
        SELECT counted.*, evidence.paper_ids FROM counted LEFT JOIN evidence USING (canonical)
        ORDER BY papers DESC, mentions DESC, canonical
    """,
    # The same counts by family (entities.family: Qwen for Qwen3-VL-8B); the column is still named canonical so
    # that charts and tables take either. versions: how many canonical names the family's mentions have.
    "top_families": """
        WITH counted AS (
            SELECT coalesce(family, canonical) AS canonical,
                   count(*) AS mentions,
                   count(DISTINCT paper_id) AS papers,
                   count(DISTINCT paper_id) FILTER (WHERE introduced) AS papers_introducing,
                   count(DISTINCT paper_id) FILTER (WHERE NOT introduced) AS papers_using,
                   count(DISTINCT canonical) AS versions
            FROM entities
            WHERE label = $label
            GROUP BY ALL
            ORDER BY papers DESC, mentions DESC, canonical
            LIMIT $limit
        ),
        evidence AS (
            SELECT coalesce(family, canonical) AS canonical, list(DISTINCT paper_id ORDER BY paper_id) AS paper_ids
            FROM entities
            WHERE label = $label AND coalesce(family, canonical) IN (SELECT canonical FROM counted WHERE papers <= {evidence_ids})
            GROUP BY ALL
        )
        SELECT counted.*, evidence.paper_ids FROM counted LEFT JOIN evidence USING (canonical)
        ORDER BY papers DESC, mentions DESC, canonical
    """,
    # The leading families and, in each, its names by papers: the top $per_family of each of the top $limit.
    "family_versions": """
        WITH families AS (
            SELECT coalesce(family, canonical) AS family, count(DISTINCT paper_id) AS family_papers
            FROM entities WHERE label = $label GROUP BY ALL
            ORDER BY family_papers DESC, family LIMIT $limit
        ),
        versions AS (
            SELECT coalesce(e.family, e.canonical) AS family, e.canonical, count(DISTINCT e.paper_id) AS papers,
                   count(*) AS mentions,
                   CASE WHEN count(DISTINCT e.paper_id) <= {evidence_ids}
                        THEN list(DISTINCT e.paper_id ORDER BY e.paper_id) END AS paper_ids
            FROM entities e WHERE e.label = $label AND coalesce(e.family, e.canonical) IN (SELECT family FROM families)
            GROUP BY ALL
        )
        SELECT f.family, f.family_papers, v.canonical, v.papers, v.mentions, v.paper_ids
        FROM families f JOIN versions v USING (family)
        QUALIFY row_number() OVER (PARTITION BY f.family ORDER BY v.papers DESC, v.mentions DESC, v.canonical) <= $per_family
        ORDER BY f.family_papers DESC, f.family, v.papers DESC, v.mentions DESC, v.canonical
    """,
    "code_status_counts": """
        WITH counted AS (
            SELECT status, count(*) AS papers, round(100.0 * count(*) / sum(count(*)) OVER (), 1) AS percent
            FROM code_status GROUP BY status
        ),
        evidence AS (
            SELECT status, list(paper_id ORDER BY paper_id) AS paper_ids FROM code_status
            WHERE status IN (SELECT status FROM counted WHERE papers <= {evidence_ids}) GROUP BY status
        )
        SELECT counted.*, evidence.paper_ids FROM counted LEFT JOIN evidence USING (status)
        ORDER BY array_position(['released', 'project_page', 'promised', 'none'], status)
    """,
    # The two kinds of evidence a paper has code, side by side: the text links a repository (links.repo), the
    # listing names one (papers.github_repo, Hugging Face's githubRepo); status 'released' is either. The listing
    # field counts from the first day a listing names a repository (the field was not in use before):
    # listing_since is that day, measure listing_era the papers from then on.
    "code_evidence": """
        WITH flags AS (
            SELECT p.paper_id, coalesce(p.listed, p.published) AS day,
                   EXISTS (SELECT 1 FROM links l WHERE l.paper_id = p.paper_id AND l.repo IS NOT NULL) AS text_repo,
                   p.github_repo IS NOT NULL AS listing_repo
            FROM papers p
        ),
        since AS (SELECT min(day) FILTER (WHERE listing_repo) AS day FROM flags),
        measures AS (
            SELECT 'text' AS measure, paper_id FROM flags WHERE text_repo
            UNION ALL SELECT 'listing', paper_id FROM flags WHERE listing_repo
            UNION ALL SELECT 'either', paper_id FROM flags WHERE text_repo OR listing_repo
            UNION ALL SELECT 'both', paper_id FROM flags WHERE text_repo AND listing_repo
            UNION ALL SELECT 'listing_era', paper_id FROM flags WHERE day >= (SELECT day FROM since)
            UNION ALL SELECT 'all', paper_id FROM flags
        ),
        names(measure, position) AS (
            VALUES ('text', 1), ('listing', 2), ('either', 3), ('both', 4), ('listing_era', 5), ('all', 6)
        )
        SELECT n.measure, count(m.paper_id) AS papers,
               CASE WHEN count(m.paper_id) <= {evidence_ids} THEN list(m.paper_id ORDER BY m.paper_id) END AS paper_ids,
               (SELECT day FROM since) AS listing_since
        FROM names n LEFT JOIN measures m USING (measure)
        GROUP BY n.measure, n.position ORDER BY n.position
    """,
    "link_hosts": """
        SELECT host, count(*) AS links, count(DISTINCT paper_id) AS papers
        FROM links
        GROUP BY host
        ORDER BY links DESC, host
    """,
}
# A claim's context: 80 characters before it and 200 in all, cut back to whole words.
CONTEXT_WINDOW = word_window(
    "CASE c.field WHEN 'title' THEN p.title ELSE p.abstract END", "greatest(c.start_char - 80, 0)", "200"
)
SQL = {
    name: text.replace("{evidence_ids}", str(EVIDENCE_IDS)).replace("{context_window}", CONTEXT_WINDOW)
    for name, text in SQL.items()
}


def sql_for(con: duckdb.DuckDBPyConnection, name: str, **params) -> str:
    """The exact text ``run(con, name, **params)`` runs: parameters bound as literals, the report's window
    written in. It runs as shown on the same database (DuckDB shell, ``papertrends sql``)."""
    return statement(con, SQL[name], params)


def run(con: duckdb.DuckDBPyConnection, name: str, **params) -> pl.DataFrame:
    """Runs ``SQL[name]`` with named parameters (bound into its text) and returns a Polars frame."""
    return con.execute(sql_for(con, name, **params)).pl()


def _rounded_up(value: float | None) -> float | None:
    """Rounded up to one decimal, so that "half are X% or less" stays true when X is printed."""
    return None if value is None else math.ceil(round(value * 10, 6)) / 10


@dataclass(frozen=True)
class GainsSummary:
    """How many percent gains there are, stated and derived, and the median of each (never of both together:
    a stated gain and a derived relative change are different measures)."""

    gains: int
    stated: int
    derived: int
    stated_median: float | None
    derived_median: float | None = None
    derived_points_median: float | None = None
    built_before_changes: bool = False

    @property
    def stated_median_rounded_up(self) -> float | None:
        return _rounded_up(self.stated_median)

    @property
    def derived_median_rounded_up(self) -> float | None:
        return _rounded_up(self.derived_median)

    @property
    def headline(self) -> str:
        if self.built_before_changes:
            return "Percent gains: this database predates derived gains; run papertrends build again"
        if not self.gains:
            return "No percent gains claimed in these papers"
        parts = []
        if self.stated:
            parts.append(f"half of the {self.stated:,} stated gains are {self.stated_median_rounded_up:.1f}% or less")
        if self.derived:
            points = (
                ""
                if self.derived_points_median is None
                else f", half rose by {_rounded_up(self.derived_points_median):.1f} points or less"
            )
            parts.append(
                f"half of the {self.derived:,} gains derived from “from A to B” are "
                f"{self.derived_median_rounded_up:.1f}% or less relative{points}"
            )
        return "Percent gains: " + "; ".join(parts)


def _has_claim_changes(con: duckdb.DuckDBPyConnection) -> bool:
    return bool(fetch_one(con, "SELECT count(*) FROM duckdb_tables() WHERE table_name = 'claim_changes'")[0])


def percent_gains(con: duckdb.DuckDBPyConnection) -> pl.DataFrame:
    """Percent gains in bins of 5 (100 = 100% or more) by source (stated, derived); empty for a database built
    before claim_changes existed."""
    if not _has_claim_changes(con):
        return pl.DataFrame(
            schema={"source": pl.String, "gain_from": pl.Float64, "gains": pl.Int64, "papers": pl.Int64}
        )
    return run(con, "percent_gains")


def percent_gains_summary(con: duckdb.DuckDBPyConnection) -> GainsSummary:
    """The figures behind the gains chart's headline ("half are X% or less")."""
    if not _has_claim_changes(con):
        return GainsSummary(0, 0, 0, None, built_before_changes=True)
    return GainsSummary(**run(con, "percent_gains_summary").row(0, named=True))


def overview(con: duckdb.DuckDBPyConnection) -> dict:
    return run(con, "overview").row(0, named=True)


def buzzword_counts(con: duckdb.DuckDBPyConnection, limit: int = 25) -> pl.DataFrame:
    return run(con, "buzzword_counts", limit=limit)


def claim_kinds(con: duckdb.DuckDBPyConnection) -> pl.DataFrame:
    return run(con, "claim_kinds")


def largest_claims(con: duckdb.DuckDBPyConnection, kind: str, limit: int = 10) -> pl.DataFrame:
    return run(con, "largest_claims", kind=kind, limit=limit)


ENTITY_GROUPINGS = ("canonical", "family")


def top_entities(con: duckdb.DuckDBPyConnection, label: str, limit: int = 20, by: str = "canonical") -> pl.DataFrame:
    """The names of ``label`` in most papers; ``by="family"`` counts families (Qwen, GPT, SWE-bench) instead of
    canonical names (Qwen3-VL-8B, GPT-5.5, SWE-bench Verified). The name column is ``canonical`` either way."""
    if by not in ENTITY_GROUPINGS:
        raise ValueError(f"by must be one of {', '.join(ENTITY_GROUPINGS)}, not {by!r}")
    return run(con, "top_entities" if by == "canonical" else "top_families", label=label, limit=limit)


def family_versions(con: duckdb.DuckDBPyConnection, label: str, limit: int = 10, per_family: int = 3) -> pl.DataFrame:
    """The ``limit`` families of ``label`` in most papers, each with its ``per_family`` names in most papers."""
    return run(con, "family_versions", label=label, limit=limit, per_family=per_family)


def code_status_counts(con: duckdb.DuckDBPyConnection) -> pl.DataFrame:
    return run(con, "code_status_counts")


def code_evidence(con: duckdb.DuckDBPyConnection) -> pl.DataFrame:
    """Papers whose text links a repository, whose listing names one, either (code status released), both, and
    the papers from the first day a listing names one (the field's era), each with its ids."""
    return run(con, "code_evidence")


def link_hosts(con: duckdb.DuckDBPyConnection) -> pl.DataFrame:
    return run(con, "link_hosts")


def date_range(con: duckdb.DuckDBPyConnection) -> dict:
    return run(con, "date_range").row(0, named=True)


def buzzword_cooccurrence(con: duckdb.DuckDBPyConnection, limit: int = 12) -> pl.DataFrame:
    return run(con, "buzzword_cooccurrence", limit=limit)


def model_dataset_pairs(con: duckdb.DuckDBPyConnection, limit: int = 10) -> pl.DataFrame:
    return run(con, "model_dataset_pairs", limit=limit)


def explore(con: duckdb.DuckDBPyConnection) -> pl.DataFrame:
    """The newest EXPLORE_LIMIT papers (of the report's window) with their claims, evidence, names, buzzwords
    and code status."""
    derived = fetch_one(con, "SELECT count(*) FROM duckdb_tables() WHERE table_name = 'explore_papers'")[0]
    if not derived or not window_of(con).whole:
        # A database from before the table existed (its next build makes it), or a window (the table holds the
        # newest papers of the whole database): the same rows, made now from the window's papers.
        return con.execute(statement(con, f"SELECT * FROM ({explore_sql()}) ORDER BY day DESC NULLS LAST, title")).pl()
    return run(con, "explore")
