"""Claimed results per benchmark (the results table): the most-claimed benchmarks, every claimed point on one
benchmark with the sentence that states it, and the best value claimed per month and metric.

These are what the papers' abstracts state about their own (and others') systems, not runs anyone verified.
Every figure is SQL over the results and papers tables, run through ``window.statement`` (the report's window
written in), so the SQL shown under a chart is the SQL that made it."""

from __future__ import annotations

import re

import duckdb
import polars as pl

from ..lexicons import DEFAULT_METRIC_POLARITY, read_metric_polarity
from ..store.db import fetch_one
from .window import statement

RESULTS_SQL: dict[str, str] = {
    # A benchmark's rank: the papers that claim a result on it, then the results.
    "top_benchmarks": """
        SELECT benchmark, count(DISTINCT paper_id) AS papers, count(*) AS results,
               count(DISTINCT metric) AS metrics, list(DISTINCT paper_id ORDER BY paper_id) AS paper_ids
        FROM results
        GROUP BY benchmark
        ORDER BY papers DESC, results DESC, benchmark
        LIMIT $limit
    """,
    # Every result on one benchmark (case-folded) with its paper's day and the text it is in.
    "benchmark_points": """
        SELECT r.paper_id, p.title, coalesce(p.listed, p.published) AS day,
               date_trunc('month', coalesce(p.listed, p.published)) AS month,
               r.benchmark, coalesce(r.metric, '(no metric named)') AS metric, r.value, r.unit, r.text, r.model,
               r.own, r.comparison, r.field, r.start_char, r.end_char,
               CASE r.field WHEN 'title' THEN p.title ELSE p.abstract END AS field_text
        FROM results r JOIN papers p USING (paper_id)
        WHERE lower(r.benchmark) = lower($benchmark)
          AND ($metric IS NULL OR coalesce(r.metric, '(no metric named)') = $metric)
        ORDER BY day NULLS LAST, r.paper_id, r.field, r.start_char
    """,
    # The absolute values claimed on one benchmark in one metric and unit ('' for none): a chart's points.
    "metric_points": """
        SELECT coalesce(p.listed, p.published) AS day, r.value, r.paper_id, p.title, r.model, r.text AS claim
        FROM results r JOIN papers p USING (paper_id)
        WHERE lower(r.benchmark) = lower($benchmark) AND r.comparison = 'absolute' AND r.metric = $metric
          AND coalesce(r.unit, '') = $unit AND coalesce(p.listed, p.published) IS NOT NULL
        ORDER BY day, r.paper_id, r.start_char
    """,
    # The best absolute value claimed each month for each metric of one benchmark: the highest, or the lowest for a
    # metric that is better when lower ($lower_is_better, from data/lexicons/metric_polarity.csv). Gains and gaps
    # are differences, not levels: they are not compared with scores. A percent and a bare score of one metric are
    # kept apart (unit).
    "best_per_month": """
        WITH points AS (
            SELECT r.paper_id, date_trunc('month', coalesce(p.listed, p.published)) AS month, r.metric,
                   coalesce(r.unit, '') AS unit, r.value
            FROM results r JOIN papers p USING (paper_id)
            WHERE lower(r.benchmark) = lower($benchmark) AND r.comparison = 'absolute' AND r.metric IS NOT NULL
              AND coalesce(p.listed, p.published) IS NOT NULL
              AND ($metric IS NULL OR r.metric = $metric)
        ),
        ranked AS (
            SELECT *, row_number() OVER (
                PARTITION BY month, metric, unit
                ORDER BY CASE WHEN list_contains($lower_is_better, metric) THEN value ELSE -value END, paper_id
            ) AS rank,
            count(*) OVER (PARTITION BY month, metric, unit) AS claims
            FROM points
        )
        SELECT month, metric, unit, value AS best, paper_id, claims,
               list_contains($lower_is_better, metric) AS lower_is_better
        FROM ranked WHERE rank = 1
        ORDER BY metric, unit, month
    """,
}

NO_METRIC = "(no metric named)"
CAVEAT = (
    "These are the papers' own claims, as their abstracts state them, not verified runs: no one here reran "
    "anything, settings differ from paper to paper (shots, splits, prompts, subsets), and a higher number in a "
    "later month need not mean a better system. Reading results out of sentences is new here and often wrong on "
    "papers it was not tuned on (a wrong metric, a number tied to the wrong benchmark, results missed; the figures "
    "are in the README): read the sentence behind a point before you quote it."
)


def results_sql(con: duckdb.DuckDBPyConnection, name: str, **params) -> str:
    """The exact text ``run_results(con, name, **params)`` runs, with the report's window written in."""
    return statement(con, RESULTS_SQL[name], params)


def run_results(con: duckdb.DuckDBPyConnection, name: str, **params) -> pl.DataFrame:
    return con.execute(results_sql(con, name, **params)).pl()


def has_results(con: duckdb.DuckDBPyConnection) -> bool:
    """False for a database built before the results table existed."""
    return bool(fetch_one(con, "SELECT count(*) FROM duckdb_tables() WHERE table_name = 'results'")[0])


def top_benchmarks(con: duckdb.DuckDBPyConnection, limit: int = 5) -> pl.DataFrame:
    """The benchmarks with claimed results in most papers."""
    if not has_results(con):
        return pl.DataFrame(
            schema={
                "benchmark": pl.String,
                "papers": pl.Int64,
                "results": pl.Int64,
                "metrics": pl.Int64,
                "paper_ids": pl.List(pl.String),
            }
        )
    return run_results(con, "top_benchmarks", limit=limit)


def _sentence_around(text: str, start: int, end: int) -> str:
    """The sentence of ``text`` that holds ``text[start:end]``, with the number marked ⟦like this⟧."""
    sentence_start = 0
    for match in _SENTENCE_END.finditer(text, 0, start):
        sentence_start = match.end()
    following = _SENTENCE_END.search(text, end)
    sentence_end = following.end() if following else len(text)
    return (text[sentence_start:start] + "⟦" + text[start:end] + "⟧" + text[end:sentence_end]).strip()


_SENTENCE_END = re.compile(r"[.!?;](?=\s+[A-Z(\[]|$)")


def benchmark_points(con: duckdb.DuckDBPyConnection, benchmark: str, metric: str | None = None) -> pl.DataFrame:
    """Every result claimed on ``benchmark`` (case-insensitive), optionally of one ``metric`` (``NO_METRIC`` for
    those that name none), with its paper, day and the sentence it is stated in (``sentence``, the number in ⟦ ⟧)."""
    frame = run_results(con, "benchmark_points", benchmark=benchmark, metric=metric)
    sentences = [
        _sentence_around(row["field_text"], row["start_char"], row["end_char"])
        for row in frame.select("field_text", "start_char", "end_char").iter_rows(named=True)
    ]
    return frame.with_columns(pl.Series("sentence", sentences, dtype=pl.String)).drop("field_text")


def metric_points(con: duckdb.DuckDBPyConnection, benchmark: str, metric: str, unit: str | None) -> pl.DataFrame:
    """The dated absolute values claimed on ``benchmark`` in ``metric`` and ``unit`` (None: a bare score)."""
    return run_results(con, "metric_points", benchmark=benchmark, metric=metric, unit=unit or "")


def lower_is_better_metrics(path=DEFAULT_METRIC_POLARITY) -> list[str]:
    return sorted(metric for metric, lower in read_metric_polarity(path).items() if lower)


def best_per_month(con: duckdb.DuckDBPyConnection, benchmark: str, metric: str | None = None) -> pl.DataFrame:
    """The best absolute value claimed on ``benchmark`` each month, per metric and unit, with the paper that
    claims it (the first by id on a tie) and how many absolute claims that month had."""
    return run_results(
        con, "best_per_month", benchmark=benchmark, metric=metric, lower_is_better=lower_is_better_metrics()
    )


def best_per_month_sql(con: duckdb.DuckDBPyConnection, benchmark: str, metric: str | None = None) -> str:
    return results_sql(
        con, "best_per_month", benchmark=benchmark, metric=metric, lower_is_better=lower_is_better_metrics()
    )


def _number(value: float) -> str:
    return f"{value:g}"


def top_benchmarks_sentence(top: pl.DataFrame) -> str:
    """The opening finding: which benchmarks the papers claim most results on."""
    if not top.height:
        return "No paper in these papers states a result on a named benchmark."
    first = top.row(0, named=True)
    text = (
        f"The most-claimed benchmark is **{first['benchmark']}**: {first['results']:,} claimed result"
        f"{'' if first['results'] == 1 else 's'} in {first['papers']:,} paper{'' if first['papers'] == 1 else 's'}"
    )
    if top.height > 1:
        others = ", ".join(f"{row['benchmark']} ({row['papers']:,})" for row in top.slice(1).iter_rows(named=True))
        text += f"; then, by papers, {others}"
    return text + "."


def best_sentence(best: pl.DataFrame, benchmark: str) -> str | None:
    """What the best claimed value of the benchmark's commonest metric did: its first and latest month and the
    best of all; None when no month has an absolute claim with a metric."""
    if not best.height:
        return None
    counts = (
        best.group_by("metric", "unit").agg(pl.col("claims").sum()).sort(["claims", "metric"], descending=[True, False])
    )
    metric, unit, _ = counts.row(0)
    rows = best.filter((pl.col("metric") == metric) & (pl.col("unit") == unit)).sort("month")
    unit_text = "%" if unit == "%" else ""
    first, last = rows.row(0, named=True), rows.row(-1, named=True)
    lower = bool(first["lower_is_better"])
    overall = rows.sort("best", descending=not lower).row(0, named=True)
    word = "lowest" if lower else "highest"
    if rows.height == 1:
        return (
            f"On {benchmark}, the {word} {metric} claimed is {_number(first['best'])}{unit_text}, "
            f"in {first['month']:%B %Y} ({first['claims']} claim{'' if first['claims'] == 1 else 's'} that month)."
        )
    return (
        f"On {benchmark}, the best {metric} claimed in a month went from {_number(first['best'])}{unit_text} "
        f"({first['month']:%B %Y}) to {_number(last['best'])}{unit_text} ({last['month']:%B %Y}); the {word} of all "
        f"is {_number(overall['best'])}{unit_text} ({overall['month']:%B %Y}), over {rows.height} months with a claim."
    )
