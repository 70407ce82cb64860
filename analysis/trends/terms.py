"""Discovered terms over time: which terms of the ``terms`` table rose between two periods, which are new, and
how the listing's own keywords (Hugging Face ``ai_keywords``) and upvotes compare with them.

- The test is the one the report uses for buzzwords and entities (``significance.compare``: the 2x2
  log-likelihood G², p < ``SIGNIFICANCE_LEVEL``, at least ``MIN_TERM_PAPERS`` papers in the two periods
  together, at least ``MIN_PERIOD_PAPERS`` papers in each period); only terms called ``rising`` are kept.
- A rising term is ``new`` when the earlier period had fewer than the minimum support of papers with it (none
  included): alone it could not have been counted there.
- Never ranked: the generic academic words and boilerplate of ``data/lexicons/generic_terms.csv``, and every
  term the buzzword lexicon already tracks (the buzzword and each variant, spelled as the terms table spells
  terms: lower case, hyphens as spaces, British spelling folded, last word lemmatized), so what is left is
  what the user does not track yet.
- A rising term inside a longer rising term ("test time" in "test time scaling") whose later-period papers
  nearly all (``NEAR_SHARE``) use the longer term too is shown once, as the longer term, with the shorter one
  in its ``covers`` column: the shorter term then occurs almost only as part of the longer phrase, and the
  longer phrase is what a reader would quote. A shorter term with many papers of its own stays a row.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

import duckdb
import polars as pl

from ..lexicons import DEFAULT_BUZZWORDS, DEFAULT_GENERIC_TERMS, read_buzzword_lexicon, read_word_list
from . import significance
from .periods import TrendError, TrendResult, _check, default_split, sides_sql
from .window import statement

# A shorter rising term is folded into a longer rising term that contains it when at least this share of the
# shorter term's later-period papers also have the longer one.
NEAR_SHARE = 0.8
NEW, RISING = "new", "rising"
# Terms of fewer words are not ranked by default: single words that rise are mostly common English that follows
# the mix of topics ("bottleneck", "degrade", "partial" on the Hugging Face listing of early 2026); the phrases
# are what a newsletter quotes. ``min_words=1`` ranks single words too.
MIN_WORDS = 2

RISING_SCHEMA: dict[str, pl.DataType | type[pl.DataType]] = {
    "term": pl.String,
    "kind": pl.String,
    "papers": pl.Int64,
    "papers_before": pl.Int64,
    "n_after": pl.Int64,
    "n_before": pl.Int64,
    "per_1000_before": pl.Float64,
    "per_1000_after": pl.Float64,
    "g2": pl.Float64,
    "p_value": pl.Float64,
    "log_ratio": pl.Float64,
    "covers": pl.String,
    "paper_ids": pl.List(pl.String),
    "before_ids": pl.List(pl.String),
}


@lru_cache(maxsize=1)
def _keys():
    # Imported here: spaCy's lookups load only when terms are spelled.
    from ..extract.terms import TermKeys

    return TermKeys()


def spell(phrase: str) -> str:
    """``phrase`` spelled as the terms table spells a term: words split at spaces and hyphens, lower case,
    British spelling folded, the last word lemmatized ("Test-Time Scaling Laws" -> "test time scaling law")."""
    words = phrase.replace("-", " ").split()
    if not words:
        return ""
    return _keys().term(words)


@dataclass(frozen=True)
class GenericTerms:
    """The terms never ranked (``data/lexicons/generic_terms.csv``): whole terms ("proposed method"), and, for
    rows with a ``*``, every term of two words or more that starts ("existing *") or ends ("* remain") with a
    word: a phrase that opens on "existing" or closes on a verb ("agents remain", "benchmark comprise") is a
    piece of a sentence, not a term a reader would quote."""

    terms: frozenset[str]
    first_words: frozenset[str] = frozenset()
    last_words: frozenset[str] = frozenset()

    def __contains__(self, term: object) -> bool:
        if not isinstance(term, str):
            return False
        if term in self.terms:
            return True
        words = term.split()
        return len(words) > 1 and (words[0] in self.first_words or words[-1] in self.last_words)


def generic_terms(path: str | Path = DEFAULT_GENERIC_TERMS) -> GenericTerms:
    """The terms never ranked: the generic list, spelled as terms (a first word as a term's inner word, a last
    word as its last: "* remains" leaves out "agents remain")."""
    terms, first_words, last_words = set(), set(), set()
    for row in read_word_list(path, "term"):
        words = row.split()
        if len(words) == 2 and words[1] == "*":
            first_words.add(_keys()(words[0]).inner.strip())
        elif len(words) == 2 and words[0] == "*":
            last_words.add(_keys()(words[1]).last.strip())
        else:
            terms.add(spell(row))
    return GenericTerms(frozenset(terms), frozenset(first_words), frozenset(last_words))


def tracked_terms(path: str | Path = DEFAULT_BUZZWORDS) -> frozenset[str]:
    """Every buzzword of the lexicon and each of its variants, spelled as terms."""
    return frozenset(spell(variant) for variants in read_buzzword_lexicon(path).values() for variant in variants)


@dataclass(frozen=True)
class Periods:
    """The two date ranges ``[start, end)`` compared: ``before`` and ``after``."""

    before: tuple[date, date]
    after: tuple[date, date]

    @classmethod
    def of(
        cls,
        con: duckdb.DuckDBPyConnection,
        basis: str,
        before: tuple[date, date] | None = None,
        after: tuple[date, date] | None = None,
    ) -> Periods:
        if before is not None and after is not None:
            return cls(before, after)
        split = default_split(con, basis)
        if split is None:
            raise TrendError("the papers cover fewer than two whole months: there are no two periods to compare")
        return cls((split[0], split[1]), (split[1], split[2]))

    def params(self) -> dict:
        return {
            "before_start": self.before[0],
            "before_end": self.before[1],
            "after_start": self.after[0],
            "after_end": self.after[1],
        }


def _contains(longer: str, shorter: str) -> bool:
    """Whether the words of ``shorter`` appear together, in order, inside ``longer``."""
    return f" {shorter} " in f" {longer} " and longer != shorter


@dataclass(frozen=True)
class RisingTerms:
    """The rising terms (``frame``: one row per term shown, best first by G²), the SQL that counted them, and
    what was left out: generic terms and tracked buzzwords that rose significantly, shorter terms folded."""

    frame: pl.DataFrame
    sql: str
    basis: str
    periods: Periods
    generic_left_out: list[str]
    tracked_left_out: list[str]
    folded: dict[str, str]
    # Whether ``frame`` holds every rising term (the limit cut none).
    complete: bool = True


def rising_terms(
    con: duckdb.DuckDBPyConnection,
    basis: str = "published",
    before: tuple[date, date] | None = None,
    after: tuple[date, date] | None = None,
    limit: int = 30,
    generic_path: str | Path = DEFAULT_GENERIC_TERMS,
    buzzwords_path: str | Path = DEFAULT_BUZZWORDS,
    min_support: int = significance.MIN_TERM_PAPERS,
    min_period_papers: int = significance.MIN_PERIOD_PAPERS,
    min_words: int = MIN_WORDS,
) -> RisingTerms:
    """Terms whose share of papers rose significantly between ``before`` and ``after`` (by default the last
    whole months against as many before them, ``default_split``), generic and tracked terms left out and
    shorter terms folded into longer ones (see the module's text), ranked by G²; ``kind`` says ``new`` or
    ``rising``. ``paper_ids`` (``before_ids``) are the later (earlier) period's papers with the term, for
    evidence links; None when they are more than queries.EVIDENCE_IDS. Only terms of at least ``min_words``
    words are ranked. The result's ``sql`` gives the counts and ids."""
    from .queries import EVIDENCE_IDS

    _check("month", basis)
    periods = Periods.of(con, basis, before, after)
    sql = f"""
        WITH {sides_sql(basis)},
        counted AS (
            SELECT t.term,
                   count(DISTINCT t.paper_id) FILTER (WHERE d.side = 'before') AS papers_before,
                   count(DISTINCT t.paper_id) FILTER (WHERE d.side = 'after') AS papers_after,
                   list(DISTINCT t.paper_id ORDER BY t.paper_id) FILTER (WHERE d.side = 'after') AS after_ids,
                   list(DISTINCT t.paper_id ORDER BY t.paper_id) FILTER (WHERE d.side = 'before') AS before_ids
            FROM terms t JOIN dated d USING (paper_id)
            WHERE d.side IS NOT NULL AND len(string_split(t.term, ' ')) >= $min_words
            GROUP BY t.term
            HAVING count(DISTINCT t.paper_id) >= $min_support
               AND count(DISTINCT t.paper_id) FILTER (WHERE d.side = 'after') > 0
        )
        SELECT c.term, c.papers_before, c.papers_after, t.n_before, t.n_after, c.after_ids, c.before_ids
        FROM counted c, totals t
        WHERE t.n_before > 0 AND t.n_after > 0
        ORDER BY c.term"""
    sql = statement(con, sql, {**periods.params(), "min_support": min_support, "min_words": min_words})
    generic, tracked = generic_terms(generic_path), tracked_terms(buzzwords_path)
    rising: list[dict] = []
    generic_out: list[str] = []
    tracked_out: list[str] = []
    for term, term_before, term_after, n_before, n_after, ids, before_ids in con.execute(sql).fetchall():
        change = significance.compare(term_before, n_before, term_after, n_after, min_support, min_period_papers)
        if change.direction != significance.RISING:
            continue
        if term in generic:
            generic_out.append(term)
            continue
        if term in tracked:
            tracked_out.append(term)
            continue
        rising.append(
            {
                "term": term,
                "kind": NEW if term_before < min_support else RISING,
                "papers": term_after,
                "papers_before": term_before,
                "n_after": n_after,
                "n_before": n_before,
                "per_1000_before": round(1000.0 * term_before / n_before, 2),
                "per_1000_after": round(1000.0 * term_after / n_after, 2),
                "g2": round(change.g2, 2),
                "p_value": change.p_value,
                "log_ratio": round(change.log_ratio, 2),
                "ids": set(ids or []),
                "before_ids": sorted(before_ids or []),
            }
        )
    folded = fold_contained(rising)
    kept = [row for row in rising if row["term"] not in folded]
    kept.sort(key=lambda row: (-row["g2"], row["term"]))
    covers = defaultdict(list)
    for shorter, longer in folded.items():
        covers[longer].append(shorter)
    rows = []
    for row in kept[: int(limit)]:
        ids = sorted(row.pop("ids"))
        earlier = row.pop("before_ids")
        rows.append(
            {
                **row,
                "covers": ", ".join(sorted(covers.get(row["term"], []))) or None,
                "paper_ids": ids if len(ids) <= EVIDENCE_IDS else None,
                "before_ids": earlier if len(earlier) <= EVIDENCE_IDS else None,
            }
        )
    frame = pl.DataFrame(rows, schema=RISING_SCHEMA, orient="row") if rows else pl.DataFrame(schema=RISING_SCHEMA)
    return RisingTerms(
        frame, sql, basis, periods, sorted(generic_out), sorted(tracked_out), folded, len(kept) <= int(limit)
    )


def fold_contained(rows: list[dict]) -> dict[str, str]:
    """{shorter term: the longer rising term it is shown under}: a shorter term is folded when a longer rising
    term contains it and holds at least ``NEAR_SHARE`` of its later-period papers (``ids``). The longest such
    term wins (a term folded into a longer one still takes shorter ones with it)."""
    by_length = sorted(rows, key=lambda row: (-len(row["term"].split()), row["term"]))
    folded: dict[str, str] = {}
    for index, shorter in enumerate(by_length):
        best = None
        for longer in by_length[:index]:
            if len(longer["term"].split()) <= len(shorter["term"].split()):
                break
            if not _contains(longer["term"], shorter["term"]):
                continue
            shared = len(shorter["ids"] & longer["ids"])
            if shared >= NEAR_SHARE * len(shorter["ids"]):
                best = longer["term"]
                break
        if best is not None:
            # Shown under the row the longer term is shown as.
            folded[shorter["term"]] = folded.get(best, best)
    return folded


TOP_PAPERS_SCHEMA = {
    "term": pl.String,
    "title": pl.String,
    "day": pl.Date,
    "upvotes": pl.Int64,
    "github_stars": pl.Int64,
    "paper_id": pl.String,
}


def top_upvoted(
    con: duckdb.DuckDBPyConnection,
    terms: list[str],
    per_term: int = 3,
    since: date | None = None,
    until: date | None = None,
) -> TrendResult:
    """The ``per_term`` most upvoted papers (Hugging Face upvotes; papers without upvotes left out) that use
    each of ``terms``, dated (listing day, else publication date) in ``[since, until)`` when given."""
    conditions = ["p.upvotes IS NOT NULL", "t.term IN (SELECT unnest($terms))"]
    params: dict = {"terms": list(terms), "per_term": per_term}
    if since is not None:
        conditions.append("coalesce(p.listed, p.published) >= $since")
        params["since"] = since
    if until is not None:
        conditions.append("coalesce(p.listed, p.published) < $until")
        params["until"] = until
    sql = f"""
        SELECT term, title, day, upvotes, github_stars, paper_id FROM (
            SELECT t.term, p.title, coalesce(p.listed, p.published) AS day, p.upvotes, p.github_stars, p.paper_id,
                   row_number() OVER (PARTITION BY t.term ORDER BY p.upvotes DESC, p.paper_id) AS rank
            FROM terms t JOIN papers p USING (paper_id)
            WHERE {" AND ".join(conditions)}
        )
        WHERE rank <= $per_term
        ORDER BY list_position($terms, term), upvotes DESC, paper_id"""
    sql = statement(con, sql, params)
    frame = con.execute(sql).pl()
    frame = (
        frame.cast({"upvotes": pl.Int64, "github_stars": pl.Int64})
        if frame.height
        else pl.DataFrame(schema=TOP_PAPERS_SCHEMA)
    )
    return TrendResult(frame, sql, "range", "listed")


@dataclass(frozen=True)
class KeywordComparison:
    """The listing's keywords against the discovered terms over the same papers.

    ``top_keywords`` and ``top_terms``: the ``top`` most used of each (papers, spelled as terms; generic and
    tracked terms left out of both) in the later period; ``shared_top``: the terms on both lists.
    ``rising_keywords``: keywords (spelled as terms) that rose significantly by the same test;
    ``rising_terms_set``: the rising terms (before folding); ``shared_rising``: those on both.
    ``keyword_papers``: the later period's papers that carry any keyword, of ``n_after``."""

    top_keywords: pl.DataFrame
    top_terms: pl.DataFrame
    shared_top: list[str]
    rising_keywords: list[str]
    rising_terms_set: list[str]
    shared_rising: list[str]
    keyword_papers: int
    keyword_paper_ids: list[str] | None
    n_after: int
    sql: str


def _count_by_side(rows) -> dict[str, list[set[str]]]:
    """{item: [papers before, papers after]} from (paper, side, item) rows."""
    counts: dict[str, list[set[str]]] = defaultdict(lambda: [set(), set()])
    for paper_id, side, item in rows:
        counts[item][0 if side == "before" else 1].add(paper_id)
    return counts


def keyword_comparison(
    con: duckdb.DuckDBPyConnection,
    basis: str = "published",
    before: tuple[date, date] | None = None,
    after: tuple[date, date] | None = None,
    top: int = 30,
    generic_path: str | Path = DEFAULT_GENERIC_TERMS,
    buzzwords_path: str | Path = DEFAULT_BUZZWORDS,
    min_words: int = MIN_WORDS,
    found: RisingTerms | None = None,
) -> KeywordComparison:
    """How the listing's keywords compare with the discovered terms (see KeywordComparison). Keywords are
    spelled as terms ("Diffusion Large Language Models" -> "diffusion large language model") so a keyword
    and a term that say the same words are one item. Both sides keep only items of at least ``min_words``
    words, as the ranking does. ``found``: the rising terms of the same periods, computed with no limit, when
    the caller has them."""
    from .queries import EVIDENCE_IDS

    _check("month", basis)
    periods = Periods.of(con, basis, before, after)
    sql = f"""
        WITH {sides_sql(basis)}
        SELECT p.paper_id, d.side, unnest(p.keywords) AS keyword, t.n_before, t.n_after
        FROM papers p JOIN dated d USING (paper_id), totals t
        WHERE d.side IS NOT NULL
        ORDER BY p.paper_id"""
    sql = statement(con, sql, periods.params())
    fetched = con.execute(sql).fetchall()
    generic, tracked = generic_terms(generic_path), tracked_terms(buzzwords_path)
    keyword_rows = [(paper_id, side, spell(keyword)) for paper_id, side, keyword, _, _ in fetched]
    keyword_counts = _count_by_side(
        row
        for row in keyword_rows
        if row[2] and row[2] not in generic and row[2] not in tracked and len(row[2].split()) >= min_words
    )
    n_before, n_after = _period_sizes(con, basis, periods)
    with_keywords = sorted({paper_id for paper_id, side, _ in keyword_rows if side == "after"})
    keyword_papers = len(with_keywords)
    rising_keywords = sorted(
        item
        for item, (earlier, later) in keyword_counts.items()
        if significance.compare(len(earlier), n_before, len(later), n_after).direction == significance.RISING
    )
    top_keywords = _top_frame(keyword_counts, top, "keyword")
    # The rising terms of the same periods when the caller has them already (they take seconds on 10k papers).
    same = found is not None and found.periods == periods and found.basis == basis and found.complete
    terms_found = (
        found
        if same and found is not None
        else rising_terms(
            con,
            basis,
            periods.before,
            periods.after,
            limit=1_000_000,
            generic_path=generic_path,
            buzzwords_path=buzzwords_path,
            min_words=min_words,
        )
    )
    rising_set = sorted(set(terms_found.frame["term"].to_list()) | set(terms_found.folded))
    top_terms = _top_terms(con, basis, periods, top, generic, tracked, min_words)
    shared_top = sorted(set(top_keywords["keyword"].to_list()) & set(top_terms["term"].to_list()))
    return KeywordComparison(
        top_keywords,
        top_terms,
        shared_top,
        rising_keywords,
        rising_set,
        sorted(set(rising_keywords) & set(rising_set)),
        keyword_papers,
        with_keywords if keyword_papers <= EVIDENCE_IDS else None,
        n_after,
        sql,
    )


def _period_sizes(con, basis: str, periods: Periods) -> tuple[int, int]:
    sql = statement(con, f"WITH {sides_sql(basis)} SELECT n_before, n_after FROM totals", periods.params())
    n_before, n_after = con.execute(sql).fetchone() or (0, 0)
    return int(n_before), int(n_after)


def _top_frame(counts: dict[str, list[set[str]]], top: int, column: str) -> pl.DataFrame:
    ranked = sorted(((item, len(sides[1])) for item, sides in counts.items() if sides[1]), key=lambda x: (-x[1], x[0]))
    return pl.DataFrame(ranked[:top], schema={column: pl.String, "papers": pl.Int64}, orient="row")


def _top_terms(
    con, basis: str, periods: Periods, top: int, generic: GenericTerms, tracked: frozenset[str], min_words: int
) -> pl.DataFrame:
    """The ``top`` terms of at least ``min_words`` words in most papers of the later period, generic and tracked
    terms left out (the generic list's "existing *" and "* remain" rows by the term's first and last word)."""
    sql = f"""
        WITH {sides_sql(basis)}
        SELECT t.term, count(DISTINCT t.paper_id) AS papers
        FROM terms t JOIN dated d USING (paper_id)
        WHERE d.side = 'after' AND t.term NOT IN (SELECT unnest($skip)) AND len(string_split(t.term, ' ')) >= $min_words
          AND NOT (len(string_split(t.term, ' ')) > 1
                   AND (string_split(t.term, ' ')[1] IN (SELECT unnest($first_words))
                        OR string_split(t.term, ' ')[-1] IN (SELECT unnest($last_words))))
        GROUP BY t.term
        ORDER BY papers DESC, t.term
        LIMIT $top"""
    params = {
        **periods.params(),
        "skip": sorted(generic.terms | tracked),
        "first_words": sorted(generic.first_words) or [""],
        "last_words": sorted(generic.last_words) or [""],
        "top": top,
        "min_words": min_words,
    }
    sql = statement(con, sql, params)
    return con.execute(sql).pl().cast({"papers": pl.Int64})
