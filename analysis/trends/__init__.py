"""Queries over the database for the report and for notebooks. Each function runs one SQL statement,
kept in ``SQL`` (totals) or on the result (time series) so every figure can be traced to its query."""

from .periods import (
    BASES, PERIODS, TrendError, TrendResult, code_availability, default_basis, default_split, movers, papers_per_period,
    period_count, rates,
)
from .queries import SQL, buzzword_counts, claim_kinds, code_status_counts, largest_claims, link_hosts, overview, run, top_entities

__all__ = [
    "BASES", "PERIODS", "SQL", "TrendError", "TrendResult", "buzzword_counts", "claim_kinds", "code_availability",
    "code_status_counts", "default_basis", "default_split", "largest_claims", "link_hosts", "movers", "overview", "papers_per_period",
    "period_count", "rates", "run", "top_entities",
]
