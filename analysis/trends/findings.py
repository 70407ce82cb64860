"""The sentences at the top of the Trends page, computed here so each can be tested against the data it
states: how many dated papers over which months (and which months are partial), the buzzword that rose and
the one that fell most significantly between the last whole months and the ones before them (or a plain
"no buzzword rose significantly"), and how often the listing and the abstract agree on code."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, timedelta

import duckdb
import polars as pl

from ..store.db import fetch_one
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


def _mean(column: pl.Series) -> float:
    mean = column.mean()
    return float(mean) if isinstance(mean, int | float) else math.nan


def _month_name(value: object) -> str:
    assert isinstance(value, date)  # a period column holds dates (Polars types its min as any literal)
    return f"{value:%B %Y}"


def coverage_sentence(con: duckdb.DuckDBPyConnection, basis: str) -> str:
    """How many dated papers over which months, naming a partial first or last month and its days."""
    counts = papers_per_period(con, "month", basis).frame
    first_day, last_day = coverage(con, basis)
    dated = int(counts["papers"].sum())
    sentence = (
        f"**{_range_link(con, basis, dated, None, None, noun='dated papers')}** over {counts.height} months "
        f"({_month_name(counts['period'].min())} to {_month_name(counts['period'].max())}), placed by their {basis} date."
    )
    partial = []
    first, last = counts.row(0, named=True), counts.row(-1, named=True)
    if first["partial"] and first_day is not None:
        partial.append(f"{first['period']:%B %Y} has data only from the {first_day:%-d}{_ordinal(first_day.day)}")
    if last["partial"] and last_day is not None:
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


def range_ids(
    con: duckdb.DuckDBPyConnection,
    basis: str,
    start: date | None,
    end: date | None,
    kind: str | None = None,
    item: str | None = None,
) -> list[str] | None:
    """The ids of the papers dated in ``[start, end)`` by ``basis`` (any date when both are None), only those
    with ``item`` of ``kind`` when given (see periods.KINDS); None when they are more than
    queries.EVIDENCE_IDS (a link would not carry them)."""
    from .periods import KINDS, _check
    from .queries import EVIDENCE_IDS
    from .window import statement

    _check("month", basis)
    conditions = [f"{basis} IS NOT NULL"]
    params: dict = {}
    if start is not None:
        conditions.append(f"{basis} >= $start")
        params["start"] = start
    if end is not None:
        conditions.append(f"{basis} < $end")
        params["end"] = end
    if kind is not None:
        table, column, condition = KINDS[kind]
        conditions.append(f"paper_id IN (SELECT paper_id FROM {table} WHERE {condition} AND {column} = $item)")
        params["item"] = item
    sql = f"SELECT count(*), list(paper_id ORDER BY paper_id) FROM papers WHERE {' AND '.join(conditions)}"
    count, ids = fetch_one(con, statement(con, sql, params))
    return None if count > EVIDENCE_IDS else list(ids or [])


def _range_link(con, basis, count, start, end, kind=None, item=None, noun="papers") -> str:
    """``count`` as a link to the papers it counts (see range_ids); plain when they are too many to carry and
    are not all the papers."""
    ids = range_ids(con, basis, start, end, kind, item)
    named, dates = None, None
    if ids is None:
        # Too many to carry by id: Explore selects them by the same date field and, for a kind it has a column
        # for, by the item (a family has none: that count stays plain).
        dates = (basis, start, end) if start is not None or end is not None else None
        if kind is not None:
            field = EXPLORE_KIND_FIELDS.get(kind)
            named = (field, item) if field else None
            dates = dates if field else None
        elif dates is None:
            from .queries import overview

            if overview(con)["papers"] == count:
                named = ("all", "all")
    if not noun:
        return _links().explore_link(f"{count:,}", ids or [], count, named, dates)
    return _links().count_link(count, noun, ids or [], named, dates)


# The Explore column holding each kind of item of periods.KINDS (families have none).
EXPLORE_KIND_FIELDS = {"buzzword": "buzzwords", "MODEL": "models", "DATASET": "datasets"}


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
            f"Too few papers to say what rose or fell ({window}: {_range_link(con, basis, n_after, split[1], split[2])} "
            f"against {_range_link(con, basis, n_before, split[0], split[1], noun='')}; a "
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
            f"{_capitalize(direction)} most ({window}): **{_escape(top['item'])}**, in "
            f"{_range_link(con, basis, top['papers_after'], split[1], split[2], kind, top['item'], noun='')} of "
            f"{_range_link(con, basis, top['n_after'], split[1], split[2])} against "
            f"{_range_link(con, basis, top['papers_before'], split[0], split[1], kind, top['item'], noun='')} of "
            f"{_range_link(con, basis, top['n_before'], split[0], split[1])} before "
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
        f"a paper has code for {_mean(agreement['agreement_percent']):.0f}% of papers (mean over {agreement.height} "
        f"months); the listing names a repository for {_mean(agreement['listing_repo_percent']):.0f}%, the abstract "
        f"links one for {_mean(code['text_repo_percent']):.0f}% of all papers."
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


# ---------------------------------------------------------------------------------------------------------------
# The headline sentences (and headline chart titles) of the Overview, Models, Claims, Code and Buzzwords pages.
# Every count of papers in a sentence is a link to exactly those papers (reports.page.count_link: their ids, or
# the Explore field that names the set); a sentence says "most" only of a majority, else "the largest group".


def _links():
    # Imported here for the same reason as _escape.
    from ..reports import page

    return page


def _percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:.0f}%" if whole else "0%"


def share_words(part: int, whole: int, runner_up: int | None = None) -> str:
    """How a leading group stands in its whole, in words that are true of it: "most" for a majority, "half"
    for exactly half, "the largest group" for a plurality, "tied for the largest group" when the runner-up has
    as many."""
    if whole and 2 * part > whole:
        return "most"
    if whole and 2 * part == whole:
        return "half"
    if runner_up is not None and runner_up == part:
        return "tied for the largest group"
    return "the largest group"


def _leading(frame, count: str):
    """The first row of ``frame`` and the runner-up's ``count`` (None when there is no second row)."""
    top = frame.row(0, named=True)
    runner_up = frame.row(1, named=True)[count] if frame.height > 1 else None
    return top, runner_up


def _tie_note(frame, name: str = "canonical", count: str = "papers") -> str:
    """ " (tied with X)" when the runner-up has as many papers as the leader, else ""; the names are ranked by
    papers, so "in the most papers" is what the leader can be said to have."""
    top, runner_up = _leading(frame, count)
    if runner_up is None or runner_up != top[count]:
        return ""
    return f" (tied with {_escape(frame.row(1, named=True)[name])})"


def leader_title(frame, noun: str, plural: str, name: str = "canonical", count: str = "papers") -> str:
    """A chart title naming the leader of a ranking by papers, true of ties and of an empty ranking."""
    if not frame.height:
        return f"No {plural} found"
    top, runner_up = _leading(frame, count)
    if runner_up is not None and runner_up == top[count]:
        return f"{top[name]} and {frame.row(1, named=True)[name]} are each named in {top[count]:,} papers, more than any other {noun}"
    return f"{top[name]} is named in more papers ({top[count]:,}) than any other {noun}"


def papers_link(count: int, ids, named=None, noun: str = "papers") -> str:
    return _links().count_link(count, noun, ids, named)


def _all_papers(summary: dict, noun: str = "papers") -> str:
    return papers_link(summary["papers"], [], ("all", "all"), noun)


def _claim_papers(summary: dict, noun: str = "papers") -> str:
    return papers_link(summary["papers_with_claims"], summary["papers_with_claims_ids"], ("claims", "any"), noun)


@dataclass(frozen=True)
class CodeMeasures:
    """Papers with code by each kind of evidence (ids each), from trends.queries ``code_evidence``."""

    papers: int
    text: int
    listing: int
    either: int
    both: int
    listing_era: int
    listing_since: date | None
    ids: dict

    @classmethod
    def of(cls, con: duckdb.DuckDBPyConnection) -> CodeMeasures:
        from .queries import code_evidence

        frame = code_evidence(con)
        counts = dict(zip(frame["measure"], frame["papers"], strict=True))
        ids = dict(zip(frame["measure"], frame["paper_ids"], strict=True))
        since = frame["listing_since"][0] if frame.height else None
        return cls(
            counts["all"],
            counts["text"],
            counts["listing"],
            counts["either"],
            counts["both"],
            counts["listing_era"],
            since,
            ids,
        )

    def link(self, measure: str, noun: str = "papers") -> str:
        count = getattr(self, measure) if measure != "all" else self.papers
        named = {
            "either": ("status", "released"),
            "all": ("all", "all"),
            "text": ("code", "text"),
            "listing": ("code", "listing"),
        }.get(measure)
        # The listing era is the papers dated (listing day, else publication date) from the field's first day.
        dates = ("day", self.listing_since, None) if measure == "listing_era" and self.listing_since else None
        ids = self.ids.get(measure)
        return _links().count_link(count, noun, [] if ids is None else list(ids), named, dates)

    @property
    def headline_measure(self) -> str:
        return "the text links a repository or the listing names one"


TEXT_MEASURE = "repository linked in the text"
LISTING_MEASURE = "repository named by the listing"


def code_measure_sentences(code: CodeMeasures) -> list[str]:
    """The headline measure of code (text or listing) and its two parts side by side, named for their source."""
    lines = [
        f"**{code.link('either')} ({_percent(code.either, code.papers)}) have code** by this page's measure: "
        f"{code.headline_measure} (code status *released*)."
    ]
    text = (
        f"The two kinds of evidence: a **{TEXT_MEASURE}** for {code.link('text')} of {code.link('all')} "
        f"({_percent(code.text, code.papers)})"
    )
    if code.listing:
        text += (
            f"; a **{LISTING_MEASURE}** (its repository field) for {code.link('listing')} "
            f"({_percent(code.listing, code.papers)} of all papers, {_percent(code.listing, code.listing_era)} of the "
            f"{code.link('listing_era')} dated from {code.listing_since:%-d %B %Y}, the first day a listing names one); "
            f"both for {code.link('both')}."
        )
    else:
        text += "; no listing of these papers names a repository."
    lines.append(text)
    return lines


@dataclass(frozen=True)
class PageFindings:
    """A page's headline sentences (Markdown, counts linked), its value boxes and its charts' headline titles."""

    lines: list[str]
    titles: dict
    boxes: list | None = None


def _listing_field_span(since: date | None, first_day: date | None) -> str:
    """When this database's listings start naming repositories: from its first month on, the field is simply
    there (saying "filled from March 2026" of a database that starts in March 2026 reads as a fact about the
    listing)."""
    if since is None or first_day is None or (since.year, since.month) == (first_day.year, first_day.month):
        return "the field is filled from the first month of these papers"
    return f"the field is filled from {since:%B %Y}, not before"


def overview_findings(con: duckdb.DuckDBPyConnection) -> PageFindings:
    """The Overview's boxes, findings and chart titles. Models and datasets are counted by the same rule: by
    family (entities.family: Qwen for Qwen3-VL-8B, SWE-bench for SWE-bench Verified), with the family's leading
    name beside it."""
    from .queries import buzzword_counts, date_range, family_versions, overview, top_entities

    summary = overview(con)
    dates = date_range(con)
    buzzwords = buzzword_counts(con, limit=10)
    code = CodeMeasures.of(con)
    period = f"{dates['first_day']:%b %Y} – {dates['last_day']:%b %Y}" if dates["first_day"] else "undated"
    boxes = [
        ("Papers", f"{summary['papers']:,}", _links().report_title()),
        ("Period", period, f"{dates['dated_papers']:,} papers with a date"),
        (
            "Code: text or listing",
            _percent(code.either, code.papers),
            f"{_links().papers_phrase(code.either)}; text links: {_percent(code.text, code.papers)}, "
            f"listing field: {_percent(code.listing, code.papers)}",
        ),
    ]
    lines = [
        f"**{_all_papers(summary)}** are in the report; {_claim_papers(summary, 'of them')} state at least one "
        "number in their title or abstract.",
        f"**{_percent(code.either, code.papers)} have code** ({code.link('either')}: {code.headline_measure}); "
        f"the text alone links one for {code.link('text')} ({_percent(code.text, code.papers)})"
        + (
            f", the listing's repository field names one for {code.link('listing')} "
            f"({_percent(code.listing, code.papers)}; {_listing_field_span(code.listing_since, dates['first_day'])})."
            if code.listing
            else "; no listing names a repository."
        ),
    ]
    titles = {
        "code": f"{_percent(code.either, code.papers)} of papers have code (the text links a repository or the listing names one)",
        "buzzwords": "No buzzword",
        "datasets": "No benchmark",
    }
    if buzzwords.height:
        top = buzzwords.row(0, named=True)
        boxes.append(("Top buzzword", top["buzzword"], f"in {top['papers']:,} papers"))
        lines.append(
            f"The leading buzzword is **{_escape(top['buzzword'])}**: {top['mentions']:,} mentions in "
            f"{papers_link(top['papers'], top['paper_ids'], ('buzzwords', top['buzzword']))} "
            f"({top['papers_per_1000']:,.0f} per 1,000 papers)."
        )
        titles["buzzwords"] = f"{top['buzzword']} leads the buzzwords"
    else:
        boxes.append(("Top buzzword", "–", ""))
    for label, noun, box in (
        ("MODEL", "model or method", "Most-used model family"),
        ("DATASET", "dataset or benchmark", "Most-used dataset family"),
    ):
        families = top_entities(con, label, limit=10, by="family")
        if not families.height:
            boxes.append((box, "–", ""))
            continue
        top = families.row(0, named=True)
        leading = family_versions(con, label, limit=1, per_family=1)
        name = leading.row(0, named=True) if leading.height else None
        boxes.append(
            (box, top["canonical"], f"in {top['papers']:,} papers" + (f"; most: {name['canonical']}" if name else ""))
        )
        field = "models" if label == "MODEL" else "datasets"
        sentence = (
            f"The {noun} family named in the most papers is **{_escape(top['canonical'])}**{_tie_note(families)}, in "
            f"{papers_link(top['papers'], top['paper_ids'])} under {top['versions']:,} "
            f"name{'s' if top['versions'] != 1 else ''}"
        )
        if name and top["versions"] > 1:
            sentence += (
                f"; its leading name, {_escape(name['canonical'])}, is in "
                f"{papers_link(name['papers'], name['paper_ids'], (field, name['canonical']))}"
            )
        lines.append(sentence + ".")
        if label == "DATASET":
            titles["datasets"] = f"{top['canonical']} is the most-used benchmark family"
    lines.append(
        "Models and datasets are counted by family: every version of a name counts in its family "
        "(Qwen3-VL-8B in Qwen, SWE-bench Verified in SWE-bench; the rules are data/lexicons/families.csv), a paper "
        "once per family."
    )
    return PageFindings(lines, titles, boxes)


def claims_findings(con: duckdb.DuckDBPyConnection) -> PageFindings:
    """The Claims page's findings and chart titles: the commonest kind of claim and multiplier range, said as
    "most" only when they are a majority."""
    from .queries import claim_kinds, largest_claims, overview, run

    summary = overview(con)
    kinds = claim_kinds(con)
    total = int(kinds["claims"].sum()) if kinds.height else 0
    lines = [
        f"**{total:,} claims** in {_claim_papers(summary)} of {_all_papers(summary)} "
        f"({_percent(summary['papers_with_claims'], summary['papers'])} state at least one number)."
    ]
    titles = {"kinds": "No claims", "multipliers": "No multipliers"}
    if kinds.height:
        top, runner_up = _leading(kinds, "claims")
        words = share_words(top["claims"], total, runner_up)
        share = _percent(top["claims"], total)
        if words == "most":
            lines.append(
                f"Most claims are **{top['kind']}** claims: {top['claims']:,} of {total:,} ({share}), in "
                f"{papers_link(top['papers'], top['paper_ids'])}."
            )
            titles["kinds"] = f"Most numbers in abstracts are {top['kind']} claims ({share})"
        else:
            lines.append(
                f"**{top['kind'].capitalize()}** claims are {words}, not a majority: {top['claims']:,} of {total:,} "
                f"claims ({share}), in {papers_link(top['papers'], top['paper_ids'])}."
            )
            titles["kinds"] = f"{top['kind'].capitalize()} claims are {words} of the numbers ({share})"
    multipliers = largest_claims(con, "multiplier", limit=1)
    if multipliers.height:
        big = multipliers.row(0, named=True)
        qualifier = "" if big["qualifier"] == "none" else f" ({big['qualifier'].replace('_', ' ')})"
        lines.append(
            f"The largest multiplier claimed is **{_links().explore_link(big['text'], [big['paper_id']], 1)}**{qualifier}."
        )
    ranges = run(con, "multipliers")
    if ranges.height:
        ordered = ranges.sort(["claims", "power_of_two"], descending=[True, False])
        top, runner_up = _leading(ordered, "claims")
        all_claims = int(ranges["claims"].sum())
        low, high = 2 ** top["power_of_two"], 2 ** (top["power_of_two"] + 1)
        words = share_words(top["claims"], all_claims, runner_up)
        share = _percent(top["claims"], all_claims)
        if words == "most":
            claim = f"Most claimed multipliers are {low}–{high}x"
        else:
            claim = f"Multipliers of {low}–{high}x are {words} of the claimed multipliers"
        lines.append(
            f"{claim}: {top['claims']:,} of {all_claims:,} ({share}), in {papers_link(top['papers'], top['paper_ids'])}."
        )
        titles["multipliers"] = f"{claim} ({share})"
    return PageFindings(lines, titles)


def code_findings(con: duckdb.DuckDBPyConnection) -> PageFindings:
    """The Code page's findings: its headline measure (text or listing) and the two side by side, then the
    papers with a project page only, a promise only, or nothing."""
    from .queries import code_status_counts, link_hosts

    code = CodeMeasures.of(con)
    status = code_status_counts(con)
    counts = dict(zip(status["status"], status["papers"], strict=True))
    ids = dict(zip(status["status"], status["paper_ids"], strict=True))

    def papers(code_status: str, noun: str = "papers") -> str:
        return papers_link(counts.get(code_status, 0), ids.get(code_status), ("status", code_status), noun)

    total = code.papers
    lines = code_measure_sentences(code) + [
        f"{papers('project_page')} ({_percent(counts.get('project_page', 0), total)}) link only a project page or "
        f"other web page, and {papers('promised')} ({_percent(counts.get('promised', 0), total)}) promise code "
        "without a link.",
        f"{papers('none')} ({_percent(counts.get('none', 0), total)}) mention no code at all.",
    ]
    hosts = link_hosts(con)
    titles = {
        "status": f"{_percent(code.either, total)} of papers have code (text or listing); "
        f"{_percent(counts.get('none', 0), total)} mention none",
        "measures": f"The text links a repository for {_percent(code.text, total)} of papers, the listing names one "
        f"for {_percent(code.listing, total)}",
        "hosts": f"{hosts.row(0, named=True)['host']} hosts most links in abstracts" if hosts.height else "No links",
    }
    if hosts.height:
        top, runner_up = _leading(hosts, "links")
        words = share_words(top["links"], int(hosts["links"].sum()), runner_up)
        titles["hosts"] = (
            f"{top['host']} hosts most links in abstracts ({_percent(top['links'], int(hosts['links'].sum()))})"
            if words == "most"
            else f"{top['host']} hosts {words} of the links in abstracts ({_percent(top['links'], int(hosts['links'].sum()))})"
        )
    return PageFindings(lines, titles)


def buzzwords_findings(con: duckdb.DuckDBPyConnection, limit: int = 25) -> PageFindings:
    """The Buzzwords page's findings: the three buzzwords in most papers, and of the ``limit`` shown the one
    with the most mentions."""
    from .queries import buzzword_counts, overview

    summary = overview(con)
    buzzwords = buzzword_counts(con, limit=limit)
    lines = []
    for row in buzzwords.head(3).iter_rows(named=True):
        lines.append(
            f"**{_escape(row['buzzword'])}**: {row['mentions']:,} mentions in "
            f"{papers_link(row['papers'], row['paper_ids'], ('buzzwords', row['buzzword']))} of {_all_papers(summary)} "
            f"({row['papers_per_1000']:,.0f} per 1,000 papers)."
        )
    titles = {"papers": "No buzzword found", "mentions": "No buzzword found"}
    if buzzwords.height:
        top = buzzwords.row(0, named=True)
        titles["papers"] = f"{top['buzzword']} is in {top['papers_per_1000']:,.0f} of every 1,000 papers"
        most = buzzwords.sort(["mentions", "buzzword"], descending=[True, False]).row(0, named=True)
        lines.append(
            f"Of the {buzzwords.height} buzzwords in most papers, **{_escape(most['buzzword'])}** has the most "
            f"mentions: {most['mentions']:,}, {most['mentions'] / most['papers']:.1f} per paper that uses it "
            f"({papers_link(most['papers'], most['paper_ids'], ('buzzwords', most['buzzword']))})."
        )
        titles["mentions"] = (
            f"{most['buzzword']} has the most mentions: {most['mentions_per_1000']:,.0f} per 1,000 papers"
        )
    return PageFindings(lines or ["No buzzword of the lexicon occurs in these papers."], titles)


def models_findings(con: duckdb.DuckDBPyConnection) -> PageFindings:
    """The Models page's findings: the leading family of models and of datasets with its leading names, the
    leading single names, and how many of the leading names a paper of this set introduces."""
    from .queries import family_versions, top_entities

    lines = []
    for label, noun, field in (("MODEL", "model or method", "models"), ("DATASET", "dataset or benchmark", "datasets")):
        families = top_entities(con, label, limit=15, by="family")
        if not families.height:
            continue
        top = families.row(0, named=True)
        versions = family_versions(con, label, limit=10, per_family=3)
        names = ", ".join(
            f"{_escape(row['canonical'])} ({papers_link(row['papers'], row['paper_ids'], (field, row['canonical']))})"
            for row in versions.filter(versions["family"] == top["canonical"]).iter_rows(named=True)
        )
        lines.append(
            f"The {noun} family named in the most papers: **{_escape(top['canonical'])}**{_tie_note(families)}, in "
            f"{papers_link(top['papers'], top['paper_ids'])} "
            + (
                f"under {top['versions']:,} names; the leading ones: {names}."
                if top["versions"] != 1
                else f"under one name: {names}."
            )
        )
    for label, noun, field in (("MODEL", "model or method", "models"), ("DATASET", "dataset or benchmark", "datasets")):
        frame = top_entities(con, label, limit=20)
        if not frame.height:
            continue
        top = frame.row(0, named=True)
        lines.append(
            f"The single {noun} name in the most papers: **{_escape(top['canonical'])}**{_tie_note(frame)}, in "
            f"{papers_link(top['papers'], top['paper_ids'], (field, top['canonical']))} ({top['mentions']:,} mentions)."
        )
        introduced = frame.filter(frame["papers_introducing"] > 0).height
        lines.append(
            f"{introduced} of the {frame.height} {noun} names in the most papers {'is' if introduced == 1 else 'are'} "
            "introduced by a paper of this set; "
            + (
                "the other one is only used."
                if frame.height - introduced == 1
                else f"the other {frame.height - introduced} are only used."
            )
        )
    return PageFindings(lines or ["No model or dataset names were found."], {})


# ---------------------------------------------------------------------------------------------------------------
# The Buzzwords page's "Rising terms you do not track yet": sentences about analysis.trends.terms.


def _term_list(terms: list[str], most: int = 8) -> str:
    shown = ", ".join(f"*{_escape(term)}*" for term in terms[:most])
    return shown + (f" and {len(terms) - most} more" if len(terms) > most else "")


def rising_terms_findings(con: duckdb.DuckDBPyConnection, basis: str, months: int = 3, found=None) -> list[str]:
    """Sentences on the discovered terms that rose between the last ``months`` whole months and as many before:
    how many rose (and how many are new), what was left out and why, the one that rose most, the newest, and
    how the listing's own keywords compare. Every count of papers links to those papers. ``found``: the
    result of ``terms.rising_terms`` for the same periods with no limit, when the caller has it."""
    from .terms import NEW, rising_terms

    split = default_split(con, basis, months)
    if split is None:
        return ["The data cover fewer than two whole months, so no period is compared with another and no term rises."]
    window = window_label(split)
    n_before = papers_between(con, basis, split[0], split[1])
    n_after = papers_between(con, basis, split[1], split[2])
    if min(n_before, n_after) < significance.MIN_PERIOD_PAPERS:
        return [
            f"Too few papers to say which terms rose ({window}: {_range_link(con, basis, n_after, split[1], split[2])} "
            f"against {_range_link(con, basis, n_before, split[0], split[1], noun='')}; a comparison needs at least "
            f"{significance.MIN_PERIOD_PAPERS} in each)."
        ]
    before, after = (split[0], split[1]), (split[1], split[2])
    if found is None or not found.complete or found.periods.before != before or found.periods.after != after:
        found = rising_terms(con, basis, before, after, limit=1_000_000)
    frame = found.frame
    after_link = _range_link(con, basis, n_after, split[1], split[2])
    before_link = _range_link(con, basis, n_before, split[0], split[1])
    if frame.height == 0:
        lines = [
            f"No term the buzzword lexicon does not track rose significantly ({window}; significant means {significance_rule()})."
        ]
    else:
        new = frame.filter(frame["kind"] == NEW)
        minimum = f"under the {significance.MIN_TERM_PAPERS}-paper minimum before"
        if frame.height == 1:
            status = f"not tracked by the buzzword lexicon; it is {'new: ' + minimum if new.height else 'not new'}"
        else:
            are = "them are" if new.height != 1 else "them is"
            status = f"none of them tracked by the buzzword lexicon; {new.height:,} of {are} new: {minimum}"
        lines = [
            f"**{frame.height:,} term{'s' if frame.height != 1 else ''}** of two to four words rose significantly "
            f"({window}: {after_link} against {before_link}; significant means {significance_rule()}), {status}."
        ]
        top = frame.row(0, named=True)
        lines.append(
            f"Rising most{_ties(frame, top)}: **{_escape(top['term'])}**, in "
            f"{_ids_link(top['papers'], top['paper_ids'])} of {after_link} against "
            f"{_ids_link(top['papers_before'], top['before_ids'])} of "
            f"{before_link} before ({top['per_1000_before']:,.1f} to {top['per_1000_after']:,.1f} per 1,000 papers; "
            f"G² = {top['g2']:,.1f}, {_p_text(top['p_value'])}, log ratio {top['log_ratio']:+.2f})."
        )
        others = new.filter(new["term"] != top["term"])
        if others.height:
            first = others.row(0, named=True)
            after_it = " after it" if top["kind"] == NEW else ""
            lines.append(
                f"The new term that rose most{after_it}{_ties(others, first)}: **{_escape(first['term'])}**, in "
                f"{_ids_link(first['papers'], first['paper_ids'])} of {after_link}, "
                f"against {_ids_link(first['papers_before'], first['before_ids'])} before "
                f"(G² = {first['g2']:,.1f}, {_p_text(first['p_value'])})."
            )
    left_out = []
    if found.generic_left_out:
        left_out.append(
            f"{len(found.generic_left_out)} generic phrase{'s' if len(found.generic_left_out) != 1 else ''} of "
            f"data/lexicons/generic\\_terms.csv ({_term_list(found.generic_left_out, 5)})"
        )
    if found.tracked_left_out:
        left_out.append(
            f"{len(found.tracked_left_out)} term{'s' if len(found.tracked_left_out) != 1 else ''} the buzzword lexicon "
            f"already tracks ({_term_list(found.tracked_left_out, 5)})"
        )
    if left_out:
        lines.append(f"Also rose significantly but left out: {' and '.join(left_out)}.")
    if found.folded:
        pairs = sorted(found.folded.items())
        lines.append(
            f"{len(pairs)} shorter term{'s are' if len(pairs) != 1 else ' is'} shown under a longer rising term that "
            f"at least {100 * _near_share():.0f}% of {'their' if len(pairs) != 1 else 'its'} papers of the later period "
            "use, since the shorter one occurs almost only inside the longer phrase: "
            + ", ".join(f"*{_escape(short)}* under *{_escape(long)}*" for short, long in pairs[:6])
            + (f" and {len(pairs) - 6} more" if len(pairs) > 6 else "")
            + "."
        )
    keyword = keyword_sentence(con, basis, split, found=found)
    if keyword:
        lines.append(keyword)
    return lines


def _ties(frame: pl.DataFrame, row: dict) -> str:
    """ " (tied with ...)" naming the other rows of ``frame`` with the same G² as ``row``, or nothing."""
    tied = [term for term, g2 in frame.select("term", "g2").iter_rows() if g2 == row["g2"] and term != row["term"]]
    if not tied:
        return ""
    return f" (tied on G² with {_term_list(tied, 3)}; ties are listed alphabetically)"


def _ids_link(count: int, ids: list[str] | None) -> str:
    """``count`` as a link to exactly those papers (plain when they are more than a link carries)."""
    return _links().explore_link(f"{count:,}", ids or [], count)


def _near_share() -> float:
    from .terms import NEAR_SHARE

    return NEAR_SHARE


def keyword_sentence(
    con: duckdb.DuckDBPyConnection, basis: str, split: tuple[date, date, date], top: int = 30, found=None
) -> str | None:
    """How the listing's keywords (Hugging Face ai_keywords) compare with the discovered terms in the later
    period: overlap of the ``top`` of each, and of the keywords and terms that rose. None when no paper of the
    later period carries a keyword."""
    from .terms import keyword_comparison

    compared = keyword_comparison(con, basis, (split[0], split[1]), (split[1], split[2]), top=top, found=found)
    if compared.keyword_papers == 0:
        return None
    shared = compared.shared_top
    after_link = _range_link(con, basis, compared.n_after, split[1], split[2])
    sentence = (
        f"The listing's own keywords (Hugging Face ai\\_keywords, given for "
        f"{_ids_link(compared.keyword_papers, compared.keyword_paper_ids)} of the {after_link} of "
        f"{window_label(split).split(' against ')[0]}): {len(shared)} of its {compared.top_keywords.height} most used "
        f"keywords are also among the {compared.top_terms.height} discovered terms in most papers"
        + (f" ({_term_list(shared, 6)})" if shared else "")
        + "; "
    )
    rising, both = compared.rising_keywords, compared.shared_rising
    if not rising:
        return sentence + "no keyword rose significantly by the same test."
    if len(rising) == 1:
        return sentence + (
            f"1 keyword rose significantly by the same test ({_term_list(rising)}), and it "
            + ("also rose as a discovered term." if both else "did not rise as a discovered term.")
        )
    return sentence + (
        f"{len(rising)} keywords rose significantly by the same test ({_term_list(rising, 6)}), {len(both)} of them "
        "also as discovered terms" + (f" ({_term_list(both, 6)})" if both else "") + "."
    )
