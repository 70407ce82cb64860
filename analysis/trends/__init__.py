"""Queries over the database for the report and for notebooks. Each function runs one SQL statement,
kept in ``SQL`` (totals) or on the result (time series) so every figure can be traced to its query."""

from . import significance
from .findings import movers_caption, no_movers_sentence, trends_findings
from .periods import (
    BASES,
    PERIODS,
    TrendError,
    TrendResult,
    code_availability,
    default_basis,
    default_split,
    movers,
    papers_between,
    papers_per_period,
    period_count,
    rates,
)
from .queries import (
    SQL,
    GainsSummary,
    buzzword_cooccurrence,
    buzzword_counts,
    claim_kinds,
    code_status_counts,
    date_range,
    explore,
    family_versions,
    largest_claims,
    link_hosts,
    model_dataset_pairs,
    overview,
    percent_gains,
    percent_gains_summary,
    run,
    sql_for,
    top_entities,
)
from .window import Window, WindowError, restrict_to_window, statement, window_of

__all__ = [
    "BASES", "PERIODS", "SQL", "buzzword_cooccurrence", "date_range", "explore", "model_dataset_pairs", "TrendError", "TrendResult", "buzzword_counts", "claim_kinds", "code_availability",
    "code_status_counts", "default_basis", "default_split", "family_versions", "largest_claims", "link_hosts", "movers", "overview", "papers_per_period",
    "period_count", "rates", "restrict_to_window", "run", "top_entities",
    "significance", "trends_findings", "movers_caption", "no_movers_sentence", "papers_between",
    "GainsSummary", "percent_gains", "percent_gains_summary",
    "sql_for", "statement", "window_of", "Window", "WindowError",
]
