"""Trends over time: rates per period with stated denominators, movers between two periods, and code
availability per month. Every function builds one SQL statement (kept on the result as ``sql``), so any
figure can be re-run in the DuckDB shell.

- ``period`` is ``week``, ``month`` or ``quarter`` (weeks start on Monday);
- ``basis`` is the date that places a paper in a period: ``published`` (the paper's date) or ``listed``
  (the day a listing showed it);
- rates are per 1,000 papers of the same period and basis; periods with no paper are present, with zero papers
  and no rate (NULL);
- a period is ``partial`` when the data cover only some of its days: it starts before the first day of the
  basis in the database or ends after the last (a listing crawled to the 21st leaves its month partial; so
  does one whose last listing is a Friday before the month's closing weekend: nothing says that weekend had
  no listing). Charts mark partial periods; comparisons between periods (``default_split``, ``movers``) use
  whole months only;
- a period is a ``gap`` when it has no paper inside the covered span, or when at least ``GAP_REJECTED_SHARE``
  of the records of the files whose papers fall in it were rejected (``rejected_records``; a file none of whose
  records was read takes the day in its name): charts mark it like a partial period and comparisons
  (``default_split``) use only the whole months after the last gap, so missing data is never shown as a drop;
- ``movers`` tests each item's change with the 2x2 log-likelihood G² and its p-value (``significance``);
- ``window`` > 0 adds a trailing moving average over that many periods (0 = raw): the mean of the rates of
  the periods in the window that have papers; a period with no paper has no average (NULL), so no value is
  carried into an empty period. ``periods_averaged`` says how many periods each average used.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import duckdb
import polars as pl

from ..store.db import fetch_one
from . import significance
from .window import literal, restrict_to_window, statement, window_of  # noqa: F401  (restrict_to_window: imported from here before)

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


# A period inside the covered span is a gap when it has no paper or when at least this share (most) of the
# records of its files was rejected (the Hugging Face listings of Dec 2024 and Jan 2025 hold
# items as Python repr strings): its low count is missing data, not a drop.
GAP_REJECTED_SHARE = 0.5


def _check(period: str, basis: str, kind: str | None = None) -> None:
    if period not in PERIODS:
        raise TrendError(f"period must be one of {', '.join(PERIODS)}, not {period!r}")
    if basis not in BASES:
        raise TrendError(f"basis must be one of {', '.join(BASES)}, not {basis!r}")
    if kind is not None and kind not in KINDS:
        raise TrendError(f"kind must be one of {', '.join(KINDS)}, not {kind!r}")


def coverage(con: duckdb.DuckDBPyConnection, basis: str) -> tuple[date | None, date | None]:
    """The days the data of ``basis`` cover: from the database's first day of that basis to its last, cut by the
    report's window. A period is whole when these cover all its days, so a window opening on the 1st covers its
    month even when no listing came out on the 1st (a Sunday), while a crawl stopped on the 21st does not."""
    # The whole database, not the window: the window cuts the coverage below, by its own days.
    first, last = fetch_one(con, f"SELECT min({basis}), max({basis}) FROM papers")
    if basis == "listed":
        first, last = _over_weekends(first, last)
    window = window_of(con)
    if first is not None and window.since is not None:
        first = max(first, window.since)
    if last is not None and window.until is not None:
        last = min(last, window.until)
    if first is None or last is None or first > last:
        return None, None
    return first, last


def _over_weekends(first: date | None, last: date | None) -> tuple[date | None, date | None]:
    """Listings come out on weekdays: a crawl whose first listing is Monday the 2nd (the 1st a Sunday) has every
    listing of its month, and so does one whose last is Friday the 29th of a month ending on a Sunday. Only
    Saturdays and Sundays are bridged, to the start or end of the month; any weekday missing leaves it partial."""
    if first is not None:
        start = first.replace(day=1)
        if all((start + timedelta(days=k)).weekday() >= 5 for k in range((first - start).days)):
            first = start
    if last is not None:
        end = (last.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
        if all((last + timedelta(days=k)).weekday() >= 5 for k in range(1, (end - last).days + 1)):
            last = end
    return first, last


def _periods_sql(con: duckdb.DuckDBPyConnection, period: str, basis: str) -> str:
    """CTEs ``dated`` (paper, period) and ``totals`` (every period the data cover, with its papers and whether
    the data cover all its days: see ``coverage``, written into the SQL as two dates)."""
    first, last = coverage(con, basis)
    return rf"""
        dated AS (
            SELECT paper_id, CAST(date_trunc('{period}', {basis}) AS DATE) AS period
            FROM papers WHERE {basis} IS NOT NULL
        ),
        bounds AS (
            SELECT {literal(first) if first else "NULL::DATE"} AS first_day, {literal(last) if last else "NULL::DATE"} AS last_day
        ),
        all_periods AS (
            SELECT period,
                   period < first_day OR CAST(period + INTERVAL '{PERIODS[period]}' AS DATE) > last_day + 1 AS partial
            FROM (
                SELECT CAST(unnest(generate_series(date_trunc('{period}', first_day), date_trunc('{period}', last_day),
                                                   INTERVAL '{PERIODS[period]}')) AS DATE) AS period, first_day, last_day
                FROM bounds WHERE first_day IS NOT NULL
            )
        ),
        file_periods AS (
            SELECT source_file, CAST(date_trunc('{period}', min({basis})) AS DATE) AS period, count(*) AS read
            FROM sightings WHERE {basis} IS NOT NULL GROUP BY source_file
        ),
        -- A file none of whose records was read has its period from the day in its name (2024-12-11.json.gz).
        period_rejects AS (
            SELECT coalesce(f.period, CAST(date_trunc('{period}',
                       try_strptime(regexp_extract(r.source_file, '([0-9]{{4}}-[0-9]{{2}}-[0-9]{{2}})', 1), '%Y-%m-%d')) AS DATE))
                       AS period,
                   sum(coalesce(f.read, 0)) AS read, sum(r.rejected) AS rejected
            FROM (SELECT source_file, count(*) AS rejected FROM rejects GROUP BY source_file) r
                LEFT JOIN file_periods f USING (source_file)
            GROUP BY ALL
        ),
        counted_periods AS (
            SELECT a.period, a.partial AS cut, count(d.paper_id) AS period_papers,
                   CAST(coalesce(any_value(r.rejected), 0) AS BIGINT) AS rejected_records,
                   CAST(coalesce(any_value(r.read), 0) AS BIGINT) AS read_records
            FROM all_periods a LEFT JOIN dated d USING (period) LEFT JOIN period_rejects r USING (period)
            GROUP BY a.period, a.partial
        ),
        totals AS (
            SELECT period, cut AS partial, period_papers, rejected_records,
                   period_papers = 0 OR (rejected_records > 0
                       AND rejected_records >= {GAP_REJECTED_SHARE} * (rejected_records + read_records)) AS gap
            FROM counted_periods
        )"""


def default_basis(con: duckdb.DuckDBPyConnection) -> str:
    """``listed`` when at least as many papers carry a listing day as a publication date (the day a reader
    saw the paper is what a newsletter's trend follows), else ``published``."""
    listed, published = fetch_one(con, statement(con, "SELECT count(listed), count(published) FROM papers"))
    return "listed" if listed and listed >= published else "published"


def period_count(con: duckdb.DuckDBPyConnection, period: str = "month", basis: str = "published") -> int:
    """How many periods the dated papers span (0 when no paper has a date of that basis)."""
    _check(period, basis)
    sql = statement(con, f"WITH {_periods_sql(con, period, basis)} SELECT count(*) FROM totals")
    return fetch_one(con, sql)[0]


def papers_per_period(con: duckdb.DuckDBPyConnection, period: str = "month", basis: str = "published") -> TrendResult:
    _check(period, basis)
    sql = statement(
        con,
        f"WITH {_periods_sql(con, period, basis)} SELECT period, period_papers AS papers, partial, gap, rejected_records FROM totals ORDER BY period",
    )
    return TrendResult(con.execute(sql).pl(), sql, period, basis)


def rates(
    con: duckdb.DuckDBPyConnection,
    kind: str = "buzzword",
    period: str = "month",
    basis: str = "published",
    window: int = 0,
    top: int = 8,
    items: list[str] | None = None,
) -> TrendResult:
    """Mentions and papers per 1,000 papers of each period, for the ``top`` items by papers (or ``items``);
    with ``window`` > 0, their moving averages over the periods of the window that have papers."""
    _check(period, basis, kind)
    table, column, condition = KINDS[kind]
    # One pass over the mentions gives the counts per period of every item; the top items are read off those
    # counts (a paper sits in one period per basis, so its periods' paper counts add up to its total).
    given = f" AND m.{column} IN (SELECT unnest($items))" if items is not None else ""
    smooth = window_clause = ""
    if window > 0:
        # avg and count skip the NULL rates of empty periods; an empty period itself gets no average.
        smooth = """,
            CASE WHEN period_papers > 0 THEN round(avg(papers_per_1000) OVER recent, 2) END AS papers_per_1000_avg,
            CASE WHEN period_papers > 0 THEN round(avg(mentions_per_1000) OVER recent, 2) END AS mentions_per_1000_avg,
            CASE WHEN period_papers > 0 THEN count(papers_per_1000) OVER recent END AS periods_averaged"""
        window_clause = (
            f" WINDOW recent AS (PARTITION BY item ORDER BY period "
            f"ROWS BETWEEN {int(window) - 1} PRECEDING AND CURRENT ROW)"
        )
    chosen = (
        "SELECT unnest($items) AS item"
        if items is not None
        else f"""
        SELECT item FROM counted GROUP BY item ORDER BY sum(papers) DESC, item LIMIT {int(top)}"""
    )
    sql = f"""
        WITH {_periods_sql(con, period, basis)},
        counted AS (
            SELECT d.period, m.{column} AS item, count(*) AS mentions, count(DISTINCT m.paper_id) AS papers
            FROM {table} m JOIN dated d USING (paper_id)
            WHERE {condition}{given}
            GROUP BY ALL
        ),
        items AS ({chosen}),
        filled AS (
            SELECT t.period, i.item, coalesce(c.mentions, 0) AS mentions, coalesce(c.papers, 0) AS papers,
                   t.period_papers, t.partial, t.gap,
                   round(1000.0 * coalesce(c.papers, 0) / nullif(t.period_papers, 0), 2) AS papers_per_1000,
                   round(1000.0 * coalesce(c.mentions, 0) / nullif(t.period_papers, 0), 2) AS mentions_per_1000
            FROM totals t CROSS JOIN items i LEFT JOIN counted c ON c.period = t.period AND c.item = i.item
        )
        SELECT *{smooth} FROM filled{window_clause} ORDER BY item, period"""
    sql = statement(con, sql, {"items": items} if items is not None else None)
    return TrendResult(con.execute(sql).pl(), sql, period, basis)


def default_split(
    con: duckdb.DuckDBPyConnection, basis: str = "published", months: int = 3
) -> tuple[date, date, date] | None:
    """(start of before, start of after, end of after) for the last ``months`` whole months against the
    ``months`` before them; None when the data cover fewer than two whole months. A month is whole when the
    data of that basis start on or before its first day and end on or after its last: a partial first or last
    month is left out, so a month crawled to the 21st is not compared as if complete."""
    _check("month", basis)
    covered_from, covered_to = coverage(con, basis)
    if covered_from is None or covered_to is None:
        return None
    # The first whole month starts on the first covered day if that is a 1st, else the month after; the whole
    # months end where the month of the day after the last covered day starts.
    first = (
        covered_from.replace(day=1)
        if covered_from.day == 1
        else (covered_from.replace(day=28) + timedelta(days=4)).replace(day=1)
    )
    end = (covered_to + timedelta(days=1)).replace(day=1)
    if first is None:
        return None
    span = (end.year - first.year) * 12 + end.month - first.month
    if span < 2:
        return None
    months = min(months, span // 2)

    def shift(day: date, count: int) -> date:
        index = day.year * 12 + day.month - 1 + count
        return date(index // 12, index % 12 + 1, 1)

    # A gap month (no papers, or most records rejected) inside the whole months ends the span there: the
    # comparison uses the whole months after the last gap only.
    gaps = [
        period
        for period, gap in papers_per_period(con, "month", basis).frame.select("period", "gap").iter_rows()
        if gap and first <= period < end
    ]
    if gaps:
        first = shift(max(gaps), 1)
        span = (end.year - first.year) * 12 + end.month - first.month
        if span < 2:
            return None
        months = min(months, span // 2)
    after_start = shift(end, -months)
    return shift(after_start, -months), after_start, end


MOVERS_SCHEMA = {
    "item": pl.String,
    "papers_before": pl.Int64,
    "papers_after": pl.Int64,
    "n_before": pl.Int64,
    "n_after": pl.Int64,
    "per_1000_before": pl.Float64,
    "per_1000_after": pl.Float64,
    "g2": pl.Float64,
    "p_value": pl.Float64,
    "log_ratio": pl.Float64,
    "direction": pl.String,
}


def movers(
    con: duckdb.DuckDBPyConnection,
    kind: str = "buzzword",
    basis: str = "published",
    before: tuple[date, date] | None = None,
    after: tuple[date, date] | None = None,
    min_support: int = significance.MIN_TERM_PAPERS,
    limit: int = 10,
    min_period_papers: int = significance.MIN_PERIOD_PAPERS,
    significant_only: bool = False,
) -> TrendResult:
    """Items whose share of papers changed between two date ranges ``[start, end)`` (by default the last
    whole months against as many before them, see ``default_split``), among items in at least
    ``min_support`` papers of the two ranges together, ranked by the 2x2 log-likelihood G² (signed: positive
    when the share rose). Each row has the p-value, the log ratio and a ``direction`` that says rising or
    falling only when the change is significant (p < ``significance.SIGNIFICANCE_LEVEL``) and each range holds
    at least ``min_period_papers`` papers; ``significant_only`` keeps just those rows. The result's ``sql``
    gives the counts; G², p and log ratio are computed from them by ``analysis.trends.significance``."""
    _check("month", basis, kind)
    if before is None or after is None:
        split = default_split(con, basis)
        if split is None:
            raise TrendError("the papers cover fewer than two whole months: there are no two periods to compare")
        before, after = (split[0], split[1]), (split[1], split[2])
    table, column, condition = KINDS[kind]
    sql = f"""
        WITH {sides_sql(basis)},
        counted AS (
            SELECT m.{column} AS item,
                   count(DISTINCT m.paper_id) FILTER (WHERE d.side = 'before') AS papers_before,
                   count(DISTINCT m.paper_id) FILTER (WHERE d.side = 'after') AS papers_after
            FROM {table} m JOIN dated d USING (paper_id)
            WHERE {condition} AND d.side IS NOT NULL
            GROUP BY m.{column}
            HAVING count(DISTINCT m.paper_id) >= $min_support
        )
        SELECT c.item, c.papers_before, c.papers_after, t.n_before, t.n_after
        FROM counted c, totals t
        WHERE t.n_before > 0 AND t.n_after > 0
        ORDER BY c.item"""
    params = {
        "before_start": before[0],
        "before_end": before[1],
        "after_start": after[0],
        "after_end": after[1],
        "min_support": min_support,
    }
    sql = statement(con, sql, params)
    rows = []
    for item, term_before, term_after, n_before, n_after in con.execute(sql).fetchall():
        change = significance.compare(term_before, n_before, term_after, n_after, min_support, min_period_papers)
        if significant_only and change.direction == significance.NO_CHANGE:
            continue
        rows.append(
            (
                item,
                term_before,
                term_after,
                n_before,
                n_after,
                round(1000.0 * term_before / n_before, 2),
                round(1000.0 * term_after / n_after, 2),
                round(change.g2, 2),
                change.p_value,
                round(change.log_ratio, 2),
                change.direction,
            )
        )
    rows.sort(key=lambda row: (-abs(row[7]), row[0]))
    frame = pl.DataFrame(rows[: int(limit)], schema=MOVERS_SCHEMA, orient="row")
    return TrendResult(frame, sql, "range", basis)


def papers_between(con: duckdb.DuckDBPyConnection, basis: str, start: date, end: date) -> int:
    """Papers whose date of ``basis`` lies in ``[start, end)``: the denominator of one side of ``movers``."""
    _check("month", basis)
    return fetch_one(
        con,
        statement(
            con, f"SELECT count(*) FROM papers WHERE {basis} >= $start AND {basis} < $end", {"start": start, "end": end}
        ),
    )[0]


def code_availability(con: duckdb.DuckDBPyConnection, period: str = "month", basis: str = "published") -> TrendResult:
    """Per period: share of papers whose text links a repository; and, among papers from a listing that has a
    repository field (Hugging Face daily papers), the share whose listing names one and how often text and
    listing agree. The listing figures are NULL in periods where no paper's listing names a repository
    (the field was not in use then)."""
    _check(period, basis)
    sql = f"""
        WITH {_periods_sql(con, period, basis)},
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
        SELECT t.period, t.period_papers AS papers, t.partial, t.gap,
               coalesce(p.text_repo, 0) AS text_repo,
               round(100.0 * coalesce(p.text_repo, 0) / nullif(t.period_papers, 0), 1) AS text_repo_percent,
               CASE WHEN p.listing_repo > 0 THEN p.listing_papers END AS listing_papers,
               CASE WHEN p.listing_repo > 0 THEN p.listing_repo END AS listing_repo,
               CASE WHEN p.listing_repo > 0 THEN round(100.0 * p.listing_repo / p.listing_papers, 1) END AS listing_repo_percent,
               CASE WHEN p.listing_repo > 0 THEN round(100.0 * p.agree / p.listing_papers, 1) END AS agreement_percent
        FROM totals t LEFT JOIN per_period p USING (period)
        ORDER BY t.period"""
    sql = statement(con, sql)
    return TrendResult(con.execute(sql).pl(), sql, period, basis)


def sides_sql(basis: str) -> str:
    """The CTEs ``dated`` (each paper's side: 'before', 'after' or NULL, by ``basis`` and the $before_start ..
    $after_end parameters) and ``totals`` (n_before, n_after) that a two-period comparison starts from: the
    movers here, the rising terms in trends.terms."""
    return f"""
        dated AS (
            SELECT paper_id,
                   CASE WHEN {basis} >= $before_start AND {basis} < $before_end THEN 'before'
                        WHEN {basis} >= $after_start AND {basis} < $after_end THEN 'after' END AS side
            FROM papers
        ),
        totals AS (
            SELECT count(*) FILTER (WHERE side = 'before') AS n_before, count(*) FILTER (WHERE side = 'after') AS n_after
            FROM dated
        )"""
