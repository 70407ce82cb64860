"""Tables derived from the others, refreshed in each build's last transaction: report queries that would
otherwise read a large share of the database on every render. At a million papers the Explore query reads
every abstract (about a second); its table is read in milliseconds."""

from __future__ import annotations

import re

import duckdb
import polars as pl

from .. import settings

# Papers an Explore page carries: the newest ones when there are more (the page holds its data; SQL has the rest).
EXPLORE_LIMIT = 20_000


def word_window(text: str, start: str, length: str) -> str:
    """SQL for ``substr(text, start + 1, length)`` (``start`` 0-based) cut back to whole words: a window that
    begins inside a word drops that word's part, and so does one that ends inside a word. ``text``, ``start``
    and ``length`` are SQL expressions (each written in more than once)."""
    window = f"substr({text}, ({start}) + 1, {length})"
    # The characters just before and just after the window ('' at the ends of the text).
    before = f"substr({text}, greatest({start}, 1), least({start}, 1))"
    after = f"substr({text}, ({start}) + ({length}) + 1, 1)"
    leading = (
        f"CASE WHEN regexp_matches({before}, '\\S') THEN regexp_replace({window}, '^\\S*\\s*', '') ELSE {window} END"
    )
    return (
        f"CASE WHEN regexp_matches({after}, '\\S') THEN regexp_replace({leading}, '\\s*\\S*$', '') ELSE {leading} END"
    )


# The newest papers (by listing day, else publication date) with what was extracted from them; {limit} is an
# integer. Evidence: up to five passages of 60 characters either side of a claim, from the field it is in, cut back to whole words.
EXPLORE_SQL = """
        WITH shown AS (
            SELECT paper_id FROM papers ORDER BY coalesce(listed, published) DESC NULLS LAST, title LIMIT {limit}
        ),
        claim_lists AS (
            SELECT paper_id, list(coalesce(display_text, text) ORDER BY field DESC, start_char) AS claims,
                   list({evidence_window} ORDER BY field DESC, start_char)[1:5] AS evidence
            FROM claims JOIN papers p USING (paper_id)
            WHERE paper_id IN (SELECT paper_id FROM shown) GROUP BY paper_id
        ),
        entity_lists AS (
            SELECT paper_id,
                   list(DISTINCT canonical) FILTER (WHERE label = 'MODEL') AS models,
                   list(DISTINCT canonical) FILTER (WHERE label = 'DATASET') AS datasets
            FROM entities WHERE paper_id IN (SELECT paper_id FROM shown) GROUP BY paper_id
        ),
        buzzword_lists AS (
            SELECT paper_id, list(DISTINCT buzzword) AS buzzwords FROM buzzword_mentions
            WHERE paper_id IN (SELECT paper_id FROM shown) GROUP BY paper_id
        ),
        text_repos AS (
            SELECT DISTINCT paper_id FROM links WHERE repo IS NOT NULL AND paper_id IN (SELECT paper_id FROM shown)
        )
        SELECT p.paper_id, p.title, CAST(coalesce(p.listed, p.published) AS VARCHAR) AS day,
               CAST(p.published AS VARCHAR) AS published, CAST(p.listed AS VARCHAR) AS listed, s.status,
               list_concat(CASE WHEN t.paper_id IS NOT NULL THEN ['text'] ELSE [] END,
                           CASE WHEN p.github_repo IS NOT NULL THEN ['listing'] ELSE [] END) AS code,
               coalesce(c.claims, []) AS claims, coalesce(c.evidence, []) AS evidence,
               coalesce(e.models, []) AS models, coalesce(e.datasets, []) AS datasets,
               coalesce(b.buzzwords, []) AS buzzwords
        FROM shown JOIN papers p USING (paper_id) JOIN code_status s USING (paper_id)
        LEFT JOIN claim_lists c USING (paper_id) LEFT JOIN entity_lists e USING (paper_id)
        LEFT JOIN buzzword_lists b USING (paper_id) LEFT JOIN text_repos t USING (paper_id)
        ORDER BY day DESC NULLS LAST, p.title
"""


def explore_sql(limit: int = EXPLORE_LIMIT) -> str:
    evidence = word_window(
        "CASE field WHEN 'title' THEN p.title ELSE p.abstract END",
        "greatest(start_char - 60, 0)",
        "end_char - greatest(start_char - 60, 0) + 60",
    )
    return EXPLORE_SQL.format(limit=int(limit), evidence_window=evidence)


# A plural whose singular is a name of the database counts as that name (GFlowNets: GFlowNet). Lexicon names are
# folded when extracted; this catches names no lexicon knows.
FOLD_PLURALS_SQL = """
        UPDATE entities SET canonical = singular.canonical, family = singular.family
        FROM (SELECT canonical, label, any_value(family) AS family FROM entities GROUP BY canonical, label) AS singular
        WHERE entities.canonical = singular.canonical || 's' AND entities.label = singular.label
          AND length(singular.canonical) >= 3 AND NOT singular.canonical LIKE '%s'
"""

# One canonical for spellings that differ only by hyphens and spaces (GPQA-Diamond, GPQA Diamond): the one more
# papers write (on a tie, the first in sort order). Lexicon names are folded when extracted; this catches the rest.
FOLD_SPELLINGS_SQL = """
        WITH spellings AS (
            SELECT canonical, regexp_replace(canonical, '[- ]+', ' ', 'g') AS spelling,
                   count(DISTINCT paper_id) AS papers, any_value(family) AS family
            FROM entities GROUP BY canonical
        ),
        chosen AS (
            SELECT spelling, arg_max(canonical, (papers, -length(canonical), canonical)) AS canonical
            FROM spellings GROUP BY spelling HAVING count(*) > 1
        )
        UPDATE entities SET canonical = chosen.canonical,
               family = CASE WHEN entities.family = entities.canonical THEN chosen.canonical ELSE entities.family END
        FROM chosen
        WHERE regexp_replace(entities.canonical, '[- ]+', ' ', 'g') = chosen.spelling
          AND entities.canonical <> chosen.canonical
"""

# One label per canonical name, voted over every paper: a lexicon's label first, then a family rule's, then the
# label more papers' surrounding words give it ("on X", "the X benchmark"); a mention whose words said nothing
# (label_source = default) casts no vote. Databases from before the vote (NULL label_source) count as context.
ENTITY_LABELS_SQL = """
        WITH mentions AS (
            SELECT canonical, paper_id, coalesce(mention_label, label) AS said, coalesce(label_source, 'context') AS source
            FROM entities
        ),
        votes AS (
            SELECT canonical,
                   count(DISTINCT paper_id) FILTER (WHERE source = 'context' AND said = 'MODEL') AS model_votes,
                   count(DISTINCT paper_id) FILTER (WHERE source = 'context' AND said = 'DATASET') AS dataset_votes,
                   mode(said) FILTER (WHERE source = 'lexicon') AS lexicon_label,
                   mode(said) FILTER (WHERE source = 'family') AS family_label,
                   count(*) AS mentions, count(DISTINCT paper_id) AS papers
            FROM mentions GROUP BY canonical
        )
        SELECT canonical,
               CASE WHEN lexicon_label IS NOT NULL THEN lexicon_label
                    WHEN family_label IS NOT NULL THEN family_label
                    WHEN dataset_votes > model_votes THEN 'DATASET' ELSE 'MODEL' END AS label,
               CASE WHEN lexicon_label IS NOT NULL THEN 'lexicon'
                    WHEN family_label IS NOT NULL THEN 'family'
                    WHEN dataset_votes <> model_votes THEN 'votes'
                    WHEN model_votes > 0 THEN 'tie' ELSE 'default' END AS decided_by,
               model_votes, dataset_votes, mentions, papers
        FROM votes
"""


# Names a paper gives evidence for: it introduces them, or its words say what they are ("on X", "the X
# benchmark"). Lexicon and family names are not listed: the extractor finds those in every paper already.
EVIDENCED_NAMES_SQL = """
        SELECT text, mode(canonical) AS canonical, mode(label) AS label, mode(family) AS family
        FROM entities WHERE NOT from_corpus AND (introduced OR label_source = 'context')
        GROUP BY text
"""

# A word of a name as the corpus step reads text: letters and digits with the joiners names use inside.
_NAME_WORD = re.compile(r"\w[\w.+'^/-]*")
_GLUE = re.compile(r"[\w-]")
# Punctuation that never is inside a name, read as a space; a period only before a space or at the end.
_NOT_IN_NAMES = str.maketrans(dict.fromkeys(',;:!?()[]{}"', " "))


def _words(text: str) -> list[str]:
    """The words of ``text`` as the corpus step compares them, with C string methods only (a Python loop over
    every word of a million abstracts costs minutes)."""
    return text.replace(". ", " ").rstrip(".").translate(_NOT_IN_NAMES).split()


# Papers whose text the corpus step holds at once.
_SPREAD_BATCH = 20_000


def _spreadable(text: str) -> bool:
    """A name read the same way in any paper: a coinage's shape (DeltaNet, Qwen3-VL, LongVideoBench), or
    several words one of which has it. Acronyms alone (SEA: a method in one paper, Southeast Asia in the
    next) and capitalized words (a title's "Language") are names only where their own paper says so."""
    # Imported here: the store runs in the building process, which leaves spaCy (imported by the extract
    # package) to the extraction workers.
    from ..extract.entities import name_shaped

    words = _NAME_WORD.findall(text)
    return bool(words) and any(name_shaped(word.rstrip(".")) for word in words)


def _occurrences(name: str, text: str, start: int) -> int | None:
    """``start`` when ``name`` is written at ``text[start:]`` as a whole name (no word character or hyphen
    glued on either side), else None."""
    end = start + len(name)
    if not text.startswith(name, start):
        return None
    if (start and _GLUE.match(text[start - 1])) or (end < len(text) and _GLUE.match(text[end])):
        return None
    return start


def _places(text: str, hits: set[str], by_first: dict[str, list[tuple]]) -> list[tuple]:
    """(start, end, name, label, canonical, family) of every name written in ``text`` whose first word is one
    of ``hits``; where two overlap, the one that starts first, then the longer, wins."""
    places = []
    for first in hits:
        position = text.find(first)
        while position >= 0:
            for name, canonical, label, family in by_first[first]:  # longest first
                if _occurrences(name, text, position) is not None:
                    places.append((position, position + len(name), name, label, canonical, family))
                    break
            position = text.find(first, position + 1)
    places.sort(key=lambda place: (place[0], -place[1]))
    kept, free = [], 0
    for place in places:
        if place[0] >= free:
            kept.append(place)
            free = place[1]
    return kept


def spread_names(con: duckdb.DuckDBPyConnection) -> int:
    """One name, one entity across the corpus: a name that one paper gives evidence for (it introduces it, or
    its words say what it is) is found in every paper that writes it, as a mention with its own span
    (``from_corpus``), where no rule of that paper found it. The mention casts no label vote of its own
    (label_source default); the vote after this step gives it its name's label. Returns the rows added.

    Cost: one pass over the stored titles and abstracts, in batches of ``_SPREAD_BATCH`` papers; per paper,
    its white-space words met with the set of names' first words (a split and a set intersection), and
    ``str.find`` only for the first words that meet. Rows found earlier by this step are rewritten each build,
    because the names with evidence change with every paper added."""
    con.execute("DELETE FROM entities WHERE from_corpus")
    by_first: dict[str, list[tuple]] = {}
    for text, canonical, label, family in con.execute(EVIDENCED_NAMES_SQL).fetchall():
        if _spreadable(text):
            by_first.setdefault(_words(text)[0], []).append((text, canonical, label, family))
    if not by_first:
        return 0
    for names in by_first.values():
        names.sort(key=lambda name: -len(name[0]))  # the longest name written at a place wins
    firsts = set(by_first)
    found = []
    papers = con.execute("SELECT paper_id, title, abstract FROM papers")
    while batch := papers.fetchmany(_SPREAD_BATCH):
        for paper_id, *texts in batch:
            for field_name, text in zip(("title", "abstract"), texts, strict=True):
                hits = firsts.intersection(_words(text))
                if hits:
                    found += [(paper_id, field_name, *place) for place in _places(text, hits, by_first)]
    if not found:
        return 0
    frame = {
        column: [row[i] for row in found]
        for i, column in enumerate(
            ("paper_id", "field", "start_char", "end_char", "text", "label", "canonical", "family")
        )
    }
    con.register("spread_rows", pl.DataFrame(frame).to_arrow())
    # Where a rule of the paper found a name (or a link) over any of these characters, its row stands.
    added = con.execute(
        """
        INSERT INTO entities BY NAME
        SELECT s.*, false AS introduced, (SELECT coalesce(max(build_id), 0) FROM builds) + 1 AS build_id,
               s.label AS mention_label, 'default' AS label_source, true AS from_corpus
        FROM spread_rows s
        WHERE NOT EXISTS (SELECT 1 FROM entities e WHERE e.paper_id = s.paper_id AND e.field = s.field
                          AND e.start_char < s.end_char AND s.start_char < e.end_char)
          AND NOT EXISTS (SELECT 1 FROM links l WHERE l.paper_id = s.paper_id AND l.field = s.field
                          AND l.start_char < s.end_char AND s.start_char < l.end_char)
        """
    ).fetchone()
    con.unregister("spread_rows")
    return added[0] if added else 0


def refresh_entity_labels(con: duckdb.DuckDBPyConnection) -> None:
    """Folds plurals and hyphen/space spellings, votes each canonical name's label over the whole database into ``entity_labels`` and
    gives every mention that label. It runs here, after all papers are stored, because a name's evidence is
    spread over papers of many builds (an incremental build re-extracts only its own papers) and because the
    report then reads one settled label instead of voting on every query."""
    con.execute(FOLD_PLURALS_SQL)
    con.execute(FOLD_SPELLINGS_SQL)
    con.execute("DELETE FROM entity_labels")
    con.execute(f"INSERT INTO entity_labels BY NAME {ENTITY_LABELS_SQL}")
    con.execute(
        "UPDATE entities SET label = decided.label FROM entity_labels AS decided "
        "WHERE entities.canonical = decided.canonical AND entities.label <> decided.label"
    )


def hide_rare_terms(con: duckdb.DuckDBPyConnection, min_papers: int) -> None:
    """The corpus-level filter of discovered terms: a term fewer than ``min_papers`` papers of the database
    use is left out of the terms view (term_vocabulary.kept); its rows stay, so a term that grows common in
    later builds is counted over all its papers."""
    con.execute(
        "UPDATE term_vocabulary SET kept = term_id IN (SELECT term_id FROM "
        "(SELECT unnest(term_ids) AS term_id FROM paper_terms) GROUP BY term_id HAVING count(*) >= ?)",
        [int(min_papers)],
    )


def refresh_derived(con: duckdb.DuckDBPyConnection) -> None:
    """Rewrites the derived tables from the current rows (inside the caller's transaction)."""
    hide_rare_terms(con, settings.tuning().term_min_papers)
    if settings.tuning().corpus_names:
        spread_names(con)
    refresh_entity_labels(con)
    con.execute("DELETE FROM explore_papers")
    con.execute(f"INSERT INTO explore_papers BY NAME {explore_sql()}")
