"""Print the tables data/lexicons/buzzwords.csv was chosen from (see docs/buzzwords.md).

    python -m analysis.buzzword_candidates DB [--early 2025] [--late 2026] [--limit 60] [--lexicon CSV]

DB is a papertrends database built with the ``papertrends_terms`` component. A paper's year is its arXiv
publication date, or its listing date when the listing has none (arXiv daily listings). Three tables:

1. ``used``: the discovered terms in most papers of the two years together;
2. ``rising``: the terms whose share of papers rose from the early to the late year, ranked by signed G²
   (analysis.trends.significance, the report's own test, threshold and minimum support), with the log ratio;
3. ``rows``: each row of the buzzword lexicon, matched by the build's own buzzword component over the stored
   titles and abstracts: papers and mentions in each year.

Terms in ``data/lexicons/generic_terms.csv`` (its whole terms and its "word *" and "* word" rows), terms of fewer than ``--min-words`` words (default 2) and single
words shorter than four letters are left out of 1 and 2.
"""

from __future__ import annotations

import argparse
from collections import Counter
from collections.abc import Container
from pathlib import Path

import duckdb
import spacy

from analysis.extract import buzzwords  # noqa: F401  (registers the papertrends_buzzwords factory)
from analysis.lexicons import DEFAULT_BUZZWORDS, DEFAULT_GENERIC_TERMS, read_buzzword_lexicon
from analysis.trends import significance
from analysis.trends.terms import generic_terms

YEAR = "year(coalesce(p.published, p.listed))"


def period_sizes(con: duckdb.DuckDBPyConnection, early: int, late: int) -> tuple[int, int]:
    sizes = dict(con.execute(f"SELECT {YEAR}, count(*) FROM papers p GROUP BY ALL").fetchall())
    return sizes.get(early, 0), sizes.get(late, 0)


def term_table(con: duckdb.DuckDBPyConnection, early: int, late: int) -> list[tuple[str, int, int, int]]:
    """``(term, papers early, papers late, mentions)`` for every stored term."""
    return con.execute(
        f"""
        SELECT t.term,
               count(DISTINCT t.paper_id) FILTER (WHERE {YEAR} = ?) AS early,
               count(DISTINCT t.paper_id) FILTER (WHERE {YEAR} = ?) AS late,
               sum(t.mentions) FILTER (WHERE {YEAR} IN (?, ?)) AS mentions
        FROM terms t JOIN papers p USING (paper_id)
        GROUP BY t.term
        """,
        [early, late, early, late],
    ).fetchall()


def kept(term: str, generic: Container[str], min_words: int) -> bool:
    return term not in generic and len(term.split()) >= min_words and (" " in term or len(term) >= 4)


def row_counts(con: duckdb.DuckDBPyConnection, lexicon: Path, early: int, late: int) -> list[tuple]:
    """``(buzzword, papers early, papers late, mentions early, mentions late)`` for each lexicon row."""
    nlp = spacy.blank("en")
    nlp.add_pipe("papertrends_buzzwords", config={"lexicon_path": str(lexicon)})
    rows = con.execute(
        f"SELECT {YEAR}, title, abstract FROM papers p WHERE {YEAR} IN (?, ?) ORDER BY paper_id", [early, late]
    ).fetchall()
    papers: Counter = Counter()
    mentions: Counter = Counter()
    texts = ((text, year) for year, title, abstract in rows for text in (title, abstract))
    seen: dict[tuple[int, str], set[int]] = {}
    for index, (doc, year) in enumerate(nlp.pipe(texts, as_tuples=True, batch_size=256)):
        for span in doc.spans["papertrends_buzzwords"]:
            mentions[(span.label_, year)] += 1
            seen.setdefault((year, span.label_), set()).add(index // 2)
    for (year, label), ids in seen.items():
        papers[(label, year)] = len(ids)
    labels = list(read_buzzword_lexicon(lexicon))
    return sorted(
        (
            (label, papers[(label, early)], papers[(label, late)], mentions[(label, early)], mentions[(label, late)])
            for label in labels
        ),
        key=lambda row: -(row[1] + row[2]),
    )


def per_1000(count: int, total: int) -> str:
    return f"{1000 * count / total:.1f}" if total else "-"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("db", type=Path)
    parser.add_argument("--early", type=int, default=2025)
    parser.add_argument("--late", type=int, default=2026)
    parser.add_argument("--limit", type=int, default=60)
    parser.add_argument("--lexicon", type=Path, default=DEFAULT_BUZZWORDS)
    parser.add_argument("--min-words", type=int, default=2, help="shortest term in words (1 shows single words)")
    parser.add_argument("--tables", default="used,rising,rows", help="comma-separated: used, rising, rows")
    args = parser.parse_args()
    con = duckdb.connect(str(args.db), read_only=True)
    early_total, late_total = period_sizes(con, args.early, args.late)
    if (early_total == 0 or late_total == 0) and args.tables != "rows":
        parser.error(
            f"{args.db} needs papers in both {args.early} and {args.late} to compare them (--tables rows counts one)"
        )
    print(f"# {args.db}: {early_total} papers in {args.early}, {late_total} in {args.late}")
    tables = args.tables.split(",")
    generic = generic_terms(DEFAULT_GENERIC_TERMS)
    terms = (
        [row for row in term_table(con, args.early, args.late) if kept(row[0], generic, args.min_words)]
        if tables != ["rows"]
        else []
    )
    header = f"{'term':40} {args.early:>6} {args.late:>6} {'/1k ' + str(args.early):>9} {'/1k ' + str(args.late):>9} {'G2':>8} {'log2r':>6}"

    def line(term: str, early: int, late: int) -> str:
        change = significance.compare(early, early_total, late, late_total)
        return (
            f"{term:40} {early:6} {late:6} {per_1000(early, early_total):>9} {per_1000(late, late_total):>9} "
            f"{change.g2:8.1f} {change.log_ratio:6.2f} {change.direction}"
        )

    if "used" in tables:
        print(f"\n## used: terms in most papers, {args.early}-{args.late}\n{header}")
        for term, early, late, _ in sorted(terms, key=lambda row: -(row[1] + row[2]))[: args.limit]:
            print(line(term, early, late))
    if "rising" in tables:
        print(f"\n## rising: share of papers rose from {args.early} to {args.late} (signed G2)\n{header}")
        changes = [(significance.compare(a, early_total, b, late_total).g2, t, a, b) for t, a, b, _ in terms]
        for _, term, early, late in sorted(changes, reverse=True)[: args.limit]:
            print(line(term, early, late))
    if "rows" in tables:
        print(
            f"\n## rows of {args.lexicon}: papers and mentions per year\n"
            f"{'buzzword':40} papers {args.early}/{args.late}  mentions {args.early}/{args.late}  per 1k papers, direction"
        )
        for label, papers_early, papers_late, mentions_early, mentions_late in row_counts(
            con, args.lexicon, args.early, args.late
        ):
            both = early_total and late_total
            change = significance.compare(papers_early, early_total, papers_late, late_total) if both else None
            print(
                f"{label:40} {papers_early:6}/{papers_late:<6}  {mentions_early:6}/{mentions_late:<6}  "
                f"{per_1000(papers_early, early_total)} -> {per_1000(papers_late, late_total)}, {change.direction if change else '-'}"
            )


if __name__ == "__main__":
    main()
