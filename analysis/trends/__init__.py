"""Queries over the database for the report and for notebooks. Each function runs one SQL statement,
kept in ``SQL`` under the function's name so every figure can be traced to its query."""

from .queries import SQL, buzzword_counts, claim_kinds, code_status_counts, largest_claims, link_hosts, overview, run, top_entities

__all__ = [
    "SQL", "buzzword_counts", "claim_kinds", "code_status_counts", "largest_claims", "link_hosts", "overview",
    "run", "top_entities",
]
