"""Trends over time: rates per period with stated denominators, movers between two periods, and code
availability per month. Every function builds one SQL statement (kept on the result as ``sql``), so any
figure can be re-run in the DuckDB shell.

- ``period`` is ``week``, ``month`` or ``quarter`` (weeks start on Monday);
- ``basis`` is the date that places a paper in a period: ``published`` (the paper's date) or ``listed``
  (the day a listing showed it);
- rates are per 1,000 papers of the same period and basis; periods with no paper are present, with zero papers;
- ``window`` > 0 adds a trailing moving average over that many periods (0 = raw).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import duckdb
import polars as pl

from ..store.derived import explore_sql

PERIODS = {"week": "1 week", "month": "1 month", "quarter": "3 months"}
BASES = ("published", "listed")
# What can be counted per period: the mention table, the column naming the item, and a filter.
KINDS = {
    "buzzword": ("buzzword_mentions", "buzzword", "TRUE"),
    "MODEL": ("entities", "canonical", "label = 'MODEL'"),
    "DATASET": ("entities", "canonical", "label = 'DATASET'"),
    # The same mentions counted by family (Qwen for Qwen3-VL-8B): a trend chart shows either.
    "MODEL_FAMILY": ("entities", "family", "label = 'MODEL'"),
    "DATASET_FAMILY": ("entities", "family", "label = 'DATASET'"),
}


class TrendError(ValueError):
    """A period, basis or kind that does not exist."""


@dataclass(frozen=True)
class TrendResult:
    frame: pl.DataFrame
    sql: str
    period: str
    basis: str


def _check(period: str, basis: str, kind: str | None = None) -> None:
    if period not in PERIODS:
        raise TrendError(f"period must be one of {', '.join(PERIODS)}, not {period!r}")
    if basis not in BASES:
        raise TrendError(f"basis must be one of {', '.join(BASES)}, not {basis!r}")
    if kind is not None and kind not in KINDS:
        raise TrendError(f"kind must be one of {', '.join(KINDS)}, not {kind!r}")


def _periods_sql(period: str, basis: str) -> str:
    """CTEs ``dated`` (paper, period) and ``totals`` (every period from first to last, with its papers)."""
    return f"""
        dated AS (
            SELECT paper_id, CAST(date_trunc('{period}', {basis}) AS DATE) AS period
            FROM papers WHERE {basis} IS NOT NULL
        ),
        all_periods AS (
            SELECT CAST(unnest(generate_series(min(period), max(period), INTERVAL '{PERIODS[period]}')) AS DATE) AS period
            FROM dated
        ),
        totals AS (
            SELECT a.period, count(d.paper_id) AS period_papers
            FROM all_periods a LEFT JOIN dated d USING (period)
            GROUP BY a.period
        )"""


def default_basis(con: duckdb.DuckDBPyConnection) -> str:
    """``listed`` when at least as many papers carry a listing day as a publication date (the day a reader
    saw the paper is what a newsletter's trend follows), else ``published``."""
    listed, published = con.execute("SELECT count(listed), count(published) FROM papers").fetchone()
    return "listed" if listed and listed >= published else "published"


def period_count(con: duckdb.DuckDBPyConnection, period: str = "month", basis: str = "published") -> int:
    """How many periods the dated papers span (0 when no paper has a date of that basis)."""
    _check(period, basis)
    sql = f"WITH {_periods_sql(period, basis)} SELECT count(*) FROM totals"
    return con.execute(sql).fetchone()[0]


def papers_per_period(con: duckdb.DuckDBPyConnection, period: str = "month", basis: str = "published") -> TrendResult:
    _check(period, basis)
    sql = f"WITH {_periods_sql(period, basis)} SELECT period, period_papers AS papers FROM totals ORDER BY period"
    return TrendResult(con.execute(sql).pl(), sql, period, basis)


def rates(
    con: duckdb.DuckDBPyConnection, kind: str = "buzzword", period: str = "month", basis: str = "published",
    window: int = 0, top: int = 8, items: list[str] | None = None,
) -> TrendResult:
    """Mentions and papers per 1,000 papers of each period, for the ``top`` items by papers (or ``items``)."""
    _check(period, basis, kind)
    table, column, condition = KINDS[kind]
    # One pass over the mentions gives the counts per period of every item; the top items are read off those
    # counts (a paper sits in one period per basis, so its periods' paper counts add up to its total).
    given = " AND m.{column} IN (SELECT unnest($items))".format(column=column) if items is not None else ""
    smooth = ""
    if window > 0:
        frame = f"PARTITION BY item ORDER BY period ROWS BETWEEN {int(window) - 1} PRECEDING AND CURRENT ROW"
        smooth = (f", avg(papers_per_1000) OVER ({frame}) AS papers_per_1000_avg, "
                  f"avg(mentions_per_1000) OVER ({frame}) AS mentions_per_1000_avg")
    chosen = (
        "SELECT unnest($items) AS item" if items is not None else f"""
        SELECT item FROM counted GROUP BY item ORDER BY sum(papers) DESC, item LIMIT {int(top)}"""
    )
    sql = f"""
        WITH {_periods_sql(period, basis)},
        counted AS (
            SELECT d.period, m.{column} AS item, count(*) AS mentions, count(DISTINCT m.paper_id) AS papers
            FROM {table} m JOIN dated d USING (paper_id)
            WHERE {condition}{given}
            GROUP BY ALL
        ),
        items AS ({chosen}),
        filled AS (
            SELECT t.period, i.item, coalesce(c.mentions, 0) AS mentions, coalesce(c.papers, 0) AS papers,
                   t.period_papers,
                   round(1000.0 * coalesce(c.papers, 0) / nullif(t.period_papers, 0), 2) AS papers_per_1000,
                   round(1000.0 * coalesce(c.mentions, 0) / nullif(t.period_papers, 0), 2) AS mentions_per_1000
            FROM totals t CROSS JOIN items i LEFT JOIN counted c ON c.period = t.period AND c.item = i.item
        )
        SELECT *{smooth} FROM filled ORDER BY item, period"""
    frame = con.execute(sql, {"items": items} if items is not None else None).pl()
    return TrendResult(frame, sql, period, basis)


def default_split(con: duckdb.DuckDBPyConnection, basis: str = "published", months: int = 3) -> tuple[date, date, date] | None:
    """(start of before, start of after, end of after) for the last ``months`` months against the ``months``
    before them; None when the papers span fewer than two such windows."""
    _check("month", basis)
    first, last = con.execute(
        f"SELECT CAST(date_trunc('month', min({basis})) AS DATE), CAST(date_trunc('month', max({basis})) AS DATE) FROM papers"
    ).fetchone()
    if first is None:
        return None
    span = (last.year - first.year) * 12 + last.month - first.month + 1
    if span < 2:
        return None
    months = min(months, span // 2)

    def shift(day: date, count: int) -> date:
        index = day.year * 12 + day.month - 1 + count
        return date(index // 12, index % 12 + 1, 1)

    after_start = shift(last, 1 - months)
    return shift(after_start, -months), after_start, shift(last, 1)


def movers(
    con: duckdb.DuckDBPyConnection, kind: str = "buzzword", basis: str = "published",
    before: tuple[date, date] | None = None, after: tuple[date, date] | None = None,
    min_support: int = 5, limit: int = 10,
) -> TrendResult:
    """Items whose share of papers rose or fell most between two date ranges ``[start, end)``, ranked by
    Dunning's log-likelihood ratio G² (signed: positive when the share rose), among items in at least
    ``min_support`` papers of the two ranges together."""
    _check("month", basis, kind)
    if before is None or after is None:
        split = default_split(con, basis)
        if split is None:
            raise TrendError("the papers span a single month: there are no two periods to compare")
        before, after = (split[0], split[1]), (split[1], split[2])
    table, column, condition = KINDS[kind]
    sql = f"""
        WITH dated AS (
            SELECT paper_id,
                   CASE WHEN {basis} >= $before_start AND {basis} < $before_end THEN 'before'
                        WHEN {basis} >= $after_start AND {basis} < $after_end THEN 'after' END AS side
            FROM papers
        ),
        totals AS (
            SELECT count(*) FILTER (WHERE side = 'before') AS n_before, count(*) FILTER (WHERE side = 'after') AS n_after
            FROM dated
        ),
        counted AS (
            SELECT m.{column} AS item,
                   count(DISTINCT m.paper_id) FILTER (WHERE d.side = 'before') AS papers_before,
                   count(DISTINCT m.paper_id) FILTER (WHERE d.side = 'after') AS papers_after
            FROM {table} m JOIN dated d USING (paper_id)
            WHERE {condition} AND d.side IS NOT NULL
            GROUP BY m.{column}
            HAVING count(DISTINCT m.paper_id) >= $min_support
        ),
        scored AS (
            SELECT c.*, t.n_before, t.n_after,
                   t.n_after * (papers_before + papers_after) / (t.n_before + t.n_after) AS expected_after,
                   t.n_before * (papers_before + papers_after) / (t.n_before + t.n_after) AS expected_before
            FROM counted c, totals t
            WHERE t.n_before > 0 AND t.n_after > 0
        )
        SELECT item, papers_before, papers_after, n_before, n_after,
               round(1000.0 * papers_before / n_before, 2) AS per_1000_before,
               round(1000.0 * papers_after / n_after, 2) AS per_1000_after,
               round(sign(papers_after * n_before - papers_before * n_after) * 2 * (
                   CASE WHEN papers_after > 0 THEN papers_after * ln(papers_after / expected_after) ELSE 0 END +
                   CASE WHEN papers_before > 0 THEN papers_before * ln(papers_before / expected_before) ELSE 0 END
               ), 2) AS llr
        FROM scored
        ORDER BY abs(llr) DESC, item
        LIMIT {int(limit)}"""
    params = {"before_start": before[0], "before_end": before[1], "after_start": after[0], "after_end": after[1],
              "min_support": min_support}
    return TrendResult(con.execute(sql, params).pl(), sql, "range", basis)


def code_availability(con: duckdb.DuckDBPyConnection, period: str = "month", basis: str = "published") -> TrendResult:
    """Per period: share of papers whose text links a repository; and, among papers from a listing that has a
    repository field (Hugging Face daily papers), the share whose listing names one and how often text and
    listing agree. The listing figures are NULL in periods where no paper's listing names a repository
    (the field was not in use then)."""
    _check(period, basis)
    sql = f"""
        WITH {_periods_sql(period, basis)},
        flags AS (
            SELECT d.period, d.paper_id,
                   EXISTS (SELECT 1 FROM links l WHERE l.paper_id = d.paper_id AND l.repo IS NOT NULL) AS text_repo,
                   p.github_repo IS NOT NULL AS listing_repo,
                   EXISTS (SELECT 1 FROM sightings s WHERE s.paper_id = d.paper_id AND s.source = 'hf_daily_papers')
                       OR p.github_repo IS NOT NULL AS listing_has_field
            FROM dated d JOIN papers p USING (paper_id)
        ),
        per_period AS (
            SELECT period,
                   count(*) FILTER (WHERE text_repo) AS text_repo,
                   count(*) FILTER (WHERE listing_has_field) AS listing_papers,
                   count(*) FILTER (WHERE listing_repo) AS listing_repo,
                   count(*) FILTER (WHERE listing_has_field AND text_repo = listing_repo) AS agree
            FROM flags GROUP BY period
        )
        SELECT t.period, t.period_papers AS papers,
               coalesce(p.text_repo, 0) AS text_repo,
               round(100.0 * coalesce(p.text_repo, 0) / nullif(t.period_papers, 0), 1) AS text_repo_percent,
               CASE WHEN p.listing_repo > 0 THEN p.listing_papers END AS listing_papers,
               CASE WHEN p.listing_repo > 0 THEN p.listing_repo END AS listing_repo,
               CASE WHEN p.listing_repo > 0 THEN round(100.0 * p.listing_repo / p.listing_papers, 1) END AS listing_repo_percent,
               CASE WHEN p.listing_repo > 0 THEN round(100.0 * p.agree / p.listing_papers, 1) END AS agreement_percent
        FROM totals t LEFT JOIN per_period p USING (period)
        ORDER BY t.period"""
    return TrendResult(con.execute(sql).pl(), sql, period, basis)


WINDOWED_TABLES = ("claims", "entities", "links", "buzzword_mentions", "code_promises", "sightings")


def restrict_to_window(con: duckdb.DuckDBPyConnection, since: date | None = None, until: date | None = None) -> None:
    """Makes every later query on ``con`` see only papers whose date (the day a listing showed them, else their
    publication date) lies in ``[since, until]``: temporary views shadow ``papers`` and the tables that hang off
    it, so the report's SQL stays the same. Works on read-only connections; the database is not changed."""
    if since is None and until is None:
        return
    catalog = con.execute("SELECT current_database()").fetchone()[0].replace('"', '""')
    # Views take no parameters: the ends are checked to be dates and written as DATE literals.
    conditions = ["coalesce(listed, published) IS NOT NULL"]
    for value, operator in ((since, ">="), (until, "<=")):
        if value is None:
            continue
        if not isinstance(value, date):
            raise TrendError(f"not a date: {value!r}")
        conditions.append(f"coalesce(listed, published) {operator} DATE '{value.isoformat()}'")
    literal = " AND ".join(conditions)
    con.execute(f'CREATE OR REPLACE TEMP VIEW papers AS SELECT * FROM "{catalog}".main.papers WHERE {literal}')
    for table in WINDOWED_TABLES:
        con.execute(
            f'CREATE OR REPLACE TEMP VIEW {table} AS SELECT * FROM "{catalog}".main.{table} '
            f"WHERE paper_id IN (SELECT paper_id FROM papers)"
        )
    # The derived table holds the newest papers of the whole database: the window's are computed instead.
    con.execute(f"CREATE OR REPLACE TEMP VIEW explore_papers AS {explore_sql()}")
