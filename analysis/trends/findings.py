"""The sentences at the top of the Trends page, computed here so each can be tested against the data it
states: how many dated papers over which months (and which months are partial), the buzzword that rose and
the one that fell most significantly between the last whole months and the ones before them (or a plain
"no buzzword rose significantly"), and how often the listing and the abstract agree on code."""

from __future__ import annotations

from datetime import date, timedelta

import duckdb

from . import significance
from .periods import code_availability, coverage, default_split, movers, papers_between, papers_per_period, period_count

KIND_NOUNS = {"buzzword": "buzzword", "MODEL": "model or method", "DATASET": "dataset or benchmark"}


def _escape(text: str) -> str:
    # Imported here: the report module imports this package, so a top-level import would be circular.
    from ..reports.page import escape_markdown

    return escape_markdown(text)


def _p_text(p_value: float) -> str:
    return "p < 0.0001" if p_value < 0.0001 else f"p = {p_value:.4f}"


def significance_rule() -> str:
    """The rule that decides what is called rising or falling, as the page states it."""
    return (
        f"p < {significance.SIGNIFICANCE_LEVEL} in the 2x2 log-likelihood test, G² ≥ {significance.G2_CRITICAL} with "
        f"1 degree of freedom, for items in at least {significance.MIN_TERM_PAPERS} papers of the two periods "
        f"together and periods of at least {significance.MIN_PERIOD_PAPERS} papers each"
    )


def window_label(split: tuple[date, date, date]) -> str:
    """'Mar–May 2025 against Dec 2024–Feb 2025' for the ranges of ``default_split``."""

    def months(start: date, end: date) -> str:
        last = end - timedelta(days=1)
        if (start.year, start.month) == (last.year, last.month):
            return f"{start:%b %Y}"
        return f"{start:%b %Y}–{last:%b %Y}"

    return f"{months(split[1], split[2])} against {months(split[0], split[1])}"


def coverage_sentence(con: duckdb.DuckDBPyConnection, basis: str) -> str:
    """How many dated papers over which months, naming a partial first or last month and its days."""
    counts = papers_per_period(con, "month", basis).frame
    first_day, last_day = coverage(con, basis)
    sentence = (
        f"**{int(counts['papers'].sum()):,} dated papers** over {counts.height} months "
        f"({counts['period'].min():%B %Y} to {counts['period'].max():%B %Y}), placed by their {basis} date."
    )
    partial = []
    first, last = counts.row(0, named=True), counts.row(-1, named=True)
    if first["partial"]:
        partial.append(f"{first['period']:%B %Y} has data only from the {first_day:%-d}{_ordinal(first_day.day)}")
    if last["partial"]:
        partial.append(f"{last['period']:%B %Y} only to the {last_day:%-d}{_ordinal(last_day.day)}")
    if partial:
        sentence += (
            f" {_capitalize('; '.join(partial))}: partial months are faded on the charts and left out of comparisons."
        )
    return sentence + _gap_sentence(counts)


def _gap_sentence(counts) -> str:
    """The months inside the covered span whose data are missing: none at all, or most records rejected."""
    if "gap" not in counts.columns:
        return ""
    empty = [row["period"] for row in counts.iter_rows(named=True) if row["gap"] and not row["papers"]]
    rejected = [row for row in counts.iter_rows(named=True) if row["gap"] and row["papers"]]
    parts = []
    if empty:
        parts.append(f"{len(empty)} month{'s' if len(empty) > 1 else ''} without papers ({_month_list(empty)})")
    if rejected:
        parts.append(
            "months where most records were rejected ("
            + ", ".join(f"{row['period']:%B %Y}: {row['rejected_records']:,} rejected" for row in rejected)
            + ")"
        )
    if not parts:
        return ""
    return (
        f" Missing data, not a drop: {' and '.join(parts)}; these months are faded on the charts and left out of "
        "comparisons."
    )


def _month_list(months: list) -> str:
    """Months as text, runs of consecutive months as one range (March 2025 to March 2026)."""
    runs: list[list] = []
    for month in months:
        if runs and (runs[-1][-1].year * 12 + runs[-1][-1].month + 1) == month.year * 12 + month.month:
            runs[-1].append(month)
        else:
            runs.append([month])
    return ", ".join(f"{run[0]:%B %Y}" + (f" to {run[-1]:%B %Y}" if len(run) > 1 else "") for run in runs)


def _capitalize(text: str) -> str:
    return text[:1].upper() + text[1:]


def _ordinal(day: int) -> str:
    if 10 <= day % 100 <= 20:
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")


def mover_sentences(
    con: duckdb.DuckDBPyConnection,
    basis: str,
    split: tuple[date, date, date],
    kind: str = "buzzword",
) -> list[str]:
    """The item that rose and the one that fell most significantly between the two ranges of ``split``, or
    sentences saying that none did, or that the ranges hold too few papers to tell."""
    noun = KIND_NOUNS[kind]
    window = window_label(split)
    n_before = papers_between(con, basis, split[0], split[1])
    n_after = papers_between(con, basis, split[1], split[2])
    if min(n_before, n_after) < significance.MIN_PERIOD_PAPERS:
        return [
            f"Too few papers to say what rose or fell ({window}: {n_after:,} papers against {n_before:,}; a "
            f"comparison needs at least {significance.MIN_PERIOD_PAPERS} in each)."
        ]
    # Every item is scored; only the direction (set when the change is significant) decides what is named.
    found = movers(con, kind, basis, (split[0], split[1]), (split[1], split[2]), limit=1_000_000).frame
    lines = []
    for direction, verb in ((significance.RISING, "rose"), (significance.FALLING, "fell")):
        chosen = found.filter(found["direction"] == direction)
        if chosen.height == 0:
            lines.append(f"No {noun} {verb} significantly ({window}; significant means {significance_rule()}).")
            continue
        top = chosen.row(0, named=True)
        lines.append(
            f"{_capitalize(direction)} most ({window}): **{_escape(top['item'])}**, in {top['papers_after']:,} of "
            f"{top['n_after']:,} papers against {top['papers_before']:,} of {top['n_before']:,} before "
            f"({top['per_1000_before']:,.1f} to {top['per_1000_after']:,.1f} per 1,000 papers; "
            f"G² = {abs(top['g2']):,.1f}, {_p_text(top['p_value'])}, log ratio {top['log_ratio']:+.2f})."
        )
    return lines


def code_sentence(con: duckdb.DuckDBPyConnection, basis: str) -> str | None:
    """How often the listing's repository field and the abstract's links agree, when a listing has the field."""
    code = code_availability(con, "month", basis).frame
    agreement = code.drop_nulls("agreement_percent")
    if agreement.height == 0:
        return None
    return (
        f"For papers from a listing with a repository field, the listing and the abstract's links agree on whether "
        f"a paper has code for {agreement['agreement_percent'].mean():.0f}% of papers (mean over {agreement.height} "
        f"months); the listing names a repository for {agreement['listing_repo_percent'].mean():.0f}%, the abstract "
        f"links one for {code['text_repo_percent'].mean():.0f}% of all papers."
    )


def trends_findings(con: duckdb.DuckDBPyConnection, basis: str) -> list[str]:
    """Every sentence of the Trends page's findings, in order."""
    if period_count(con, "month", basis) < 2:
        return [
            "The papers in this database span a single month (or carry no dates), so there is no trend to show. "
            "Build listings with dates, such as Hugging Face daily papers or arXiv listings, to see one."
        ]
    lines = [coverage_sentence(con, basis)]
    split = default_split(con, basis)
    if split is None:
        lines.append(
            "The data cover fewer than two whole months (after the last month of missing data), "
            "so no period is compared with another."
        )
    else:
        lines.extend(mover_sentences(con, basis, split))
    code = code_sentence(con, basis)
    if code:
        lines.append(code)
    return lines


def movers_caption(label: str, split: tuple[date, date, date]) -> str:
    """Caption of a Rising and falling table: what is compared and what counts as a change."""
    return (
        f"{label}: significant changes in papers per 1,000, {window_label(split)} (signed G², positive = rising; "
        f"log ratio = log2 of the ratio of shares; significant means {significance_rule()})"
    )


def no_movers_sentence(kind: str, split: tuple[date, date, date]) -> str:
    """What a Rising and falling section says when nothing changed significantly."""
    return f"No {KIND_NOUNS[kind]} rose or fell significantly ({window_label(split)}; significant means {significance_rule()})."
