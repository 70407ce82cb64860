"""Discovered terms (analysis/extract/terms.py): each candidate rule on a small text, and the stored table."""

import pytest

from analysis.extract import COMPONENTS
from analysis.extract.terms import paper_terms
from analysis.extract.tokens import make_doc
from analysis.settings import tuning


@pytest.fixture()
def terms_con(seed_con):
    """The seed listing's default build: term discovery is in the default pipeline."""
    return seed_con


def terms_of(nlp, *texts: str) -> dict[str, int]:
    return dict(paper_terms([nlp(make_doc(nlp, text)) for text in texts]))


def test_the_default_build_fills_the_terms_table(seed_con):
    assert "papertrends_terms" in COMPONENTS
    papers = seed_con.execute("SELECT count(*) FROM papers").fetchone()[0]
    with_terms = seed_con.execute("SELECT count(DISTINCT paper_id) FROM terms").fetchone()[0]
    assert with_terms > 0.9 * papers


def test_terms_never_start_or_end_with_a_stop_word(nlp):
    found = terms_of(nlp, "We train the reward model of the agent.")
    assert "reward model" in found and "reward model of the agent" not in found  # five words: over the limit
    assert "model of the agent" in found  # stop words inside a term stay
    assert not any(term.split()[0] in {"the", "of", "we"} or term.split()[-1] in {"the", "of"} for term in found)


def test_terms_do_not_cross_punctuation(nlp):
    found = terms_of(nlp, "We study scaling, reasoning; agents (planning) too.")
    assert {"scaling", "reasoning", "agent", "planning"} <= set(found)
    assert not any(" " in term for term in found if term != "study scaling")
    assert "scaling reasoning" not in found and "agent planning" not in found


def test_numbers_and_words_with_digits_are_not_terms(nlp):
    found = terms_of(nlp, "Reward models reach 45.2 accuracy on 3 benchmarks with GPT-4o and Qwen2.5 models")
    assert not any(any(ch.isdigit() for ch in term) for term in found)
    assert "reward model" in found
    assert "accuracy on" not in found and "benchmark with" not in found
    assert "reach accuracy" not in found  # the number between them ends the run


def test_hyphen_case_and_spelling_variants_fold_into_one_term(nlp):
    found = terms_of(
        nlp,
        "Test-time scaling helps. Test Time Scaling helps. test time scaling helps.",
        "Generalisation abilities and generalization ability of Language Models.",
    )
    assert found["test time scaling"] == 3
    assert found["generalization ability"] == 2
    assert found["language model"] == 1
    assert "test-time scaling" not in found and "generalisation ability" not in found


def test_a_hyphen_after_a_prefix_glues_the_words(nlp):
    """data/lexicons/term_prefixes.csv: "pre-training" is "pretraining"; other hyphens join like a space."""
    found = terms_of(nlp, "Pre-training and pretraining help multi-agent and multiagent test-time systems.")
    assert found["pretraining"] == 2 and found["multiagent"] == 2
    assert "pre training" not in found and "pre" not in found and "multi agent" not in found
    assert found["multiagent test time system"] == 1 and found["test time"] == 1


def test_an_acronym_counts_as_its_expansion(nlp):
    found = terms_of(
        nlp,
        "RAG for agents",  # the title uses the acronym the abstract defines
        "Retrieval-Augmented Generation (RAG) helps. RAG and RAGs improve recall.",
    )
    assert found["retrieval augmented generation"] == 4
    assert "rag" not in found and "rags" not in found


def test_an_acronym_whose_initials_do_not_match_stays_a_word(nlp):
    found = terms_of(nlp, "Our new trick (RAG) helps. RAG works.")
    assert "new trick" in found and found["rag"] == 2


@pytest.mark.slow  # builds a database or starts a process: in make test, not make test-fast
def test_terms_table_keeps_terms_enough_papers_use(terms_con):
    min_papers = tuning().term_min_papers
    rarest = terms_con.execute("SELECT min(n) FROM (SELECT count(*) AS n FROM terms GROUP BY term)").fetchone()[0]
    assert rarest >= min_papers
    duplicates = terms_con.execute(
        "SELECT count(*) FROM (SELECT paper_id, term FROM terms GROUP BY ALL HAVING count(*) > 1)"
    ).fetchone()[0]
    assert duplicates == 0
    # The seed listing's design example: every paper the buzzword matcher finds "generalization ability" in
    # (any case, British spelling, plural; not the "capability" variants) has the term, with as many mentions.
    by_term = terms_con.execute(
        "SELECT paper_id, mentions FROM terms WHERE term = 'generalization ability' ORDER BY ALL"
    ).fetchall()
    by_matcher = terms_con.execute(
        "SELECT paper_id, count(*) FROM buzzword_mentions WHERE buzzword = 'generalization ability' "
        "AND lower(text) SIMILAR TO 'generali[sz]ation abilit(y|ies)' GROUP BY paper_id ORDER BY ALL"
    ).fetchall()
    assert by_term == by_matcher and len(by_term) > 50


def _write_listing(path, papers):
    import json

    with path.open("w", encoding="utf-8") as out:
        for number, (published, abstract) in enumerate(papers):
            title = f"Paper {'abcdefghijklmnopqrstuvwxyz'[number % 26]}{'abcdefghijklmnopqrstuvwxyz'[number // 26]}"
            out.write(json.dumps({"id": f"p{number}", "title": title, "abstract": abstract, "published": published}))
            out.write("\n")


@pytest.mark.slow  # builds a database or starts a process: in make test, not make test-fast
def test_the_vocabulary_keeps_each_months_top_terms(tmp_path, tune):
    """The corpus-level filter (store.db._insert_terms): in each month only the ``term_vocabulary`` terms most
    papers use are kept. January's 18 n-grams of its shared sentence (20 papers each) fill its 10 places, so
    "rare orchid" (4 papers) is out; February's "glimmer lattice" (3 papers) is new and is in, though fewer
    papers use it than "rare orchid"."""
    from analysis.build import build
    from analysis.store import connect

    tune(term_vocabulary=10, term_min_papers=3)
    january = [("2025-01-10", "Alpha beta gamma delta epsilon zeta.")] * 16
    january += [("2025-01-11", "Alpha beta gamma delta epsilon zeta. Rare orchid.")] * 4
    february = [("2025-02-10", "Glimmer lattice works.")] * 3
    listing = tmp_path / "listing.jsonl"
    _write_listing(listing, january + february)
    build([listing], tmp_path / "db.duckdb", progress=False)
    with connect(tmp_path / "db.duckdb", read_only=True) as con:
        stored = dict(con.execute("SELECT term, count(*) FROM terms GROUP BY term").fetchall())
        per_month = dict(con.execute("SELECT month, count(*) FROM term_vocabulary GROUP BY month").fetchall())
        outside = con.execute("SELECT count(*) FROM terms WHERE term NOT IN (SELECT term FROM term_vocabulary)")
        assert outside.fetchone()[0] == 0
    assert stored["glimmer lattice"] == 3 and stored["alpha beta"] == 20
    assert "rare orchid" not in stored and "orchid" not in stored
    assert max(per_month.values()) <= 10 and len(per_month) == 2


@pytest.mark.slow  # builds a database or starts a process: in make test, not make test-fast
def test_a_saved_pipeline_keeps_its_stop_words_and_prefixes(tmp_path):
    """nlp.to_disk writes the component's lists; spacy.load reads them back, not the files it was made from."""
    import spacy

    from analysis.extract import build_pipeline

    stopwords, prefixes = tmp_path / "stop.csv", tmp_path / "prefixes.csv"
    stopwords.write_text("word\nzebra\n", encoding="utf-8")
    prefixes.write_text("prefix\nquasi\n", encoding="utf-8")
    nlp = build_pipeline()
    nlp.replace_pipe(
        "papertrends_terms",
        "papertrends_terms",
        config={"stopwords_path": str(stopwords), "prefixes_path": str(prefixes)},
    )
    text = "Zebra quasi-linear models of the zebra"
    expected = terms_of(nlp, text)
    assert "quasilinear model" in expected and "zebra" not in expected and "models of the" in expected
    nlp.to_disk(tmp_path / "pipeline")
    stopwords.unlink()
    prefixes.write_text("prefix\nother\n", encoding="utf-8")
    loaded = spacy.load(tmp_path / "pipeline")
    assert terms_of(loaded, text) == expected


def test_a_database_whose_terms_were_a_table_keeps_every_row(tmp_path):
    """Before term ids, terms was a table of one row per paper and term. Opening such a database for a build
    moves its rows into paper_terms, and the terms view gives back the same rows."""
    from analysis.store import connect
    from analysis.store.db import create_schema

    old_rows = [("p1", "reward model", 2, 1), ("p1", "agent", 1, 1), ("p2", "agent", 3, 1)]
    with connect(tmp_path / "old.duckdb") as con:
        create_schema(con)
        con.execute("DROP VIEW terms; DROP TABLE paper_terms; DROP TABLE term_vocabulary")
        con.execute("CREATE TABLE terms (paper_id VARCHAR, term VARCHAR, mentions INTEGER, build_id INTEGER)")
        con.execute("CREATE TABLE term_vocabulary (term VARCHAR, month DATE, papers INTEGER, build_id INTEGER)")
        con.executemany("INSERT INTO terms VALUES (?, ?, ?, ?)", old_rows)
        con.execute("INSERT INTO term_vocabulary VALUES ('agent', NULL, 2, 1), ('reward model', NULL, 1, 1)")
        create_schema(con)
        assert sorted(con.execute("SELECT * FROM terms").fetchall()) == sorted(old_rows)
        kinds = dict(con.execute("SELECT table_name, table_type FROM information_schema.tables").fetchall())
        assert kinds["terms"] == "VIEW" and kinds["paper_terms"] == "BASE TABLE"
        assert con.execute("SELECT count(*) FROM paper_terms").fetchone()[0] == 2  # one row per paper


def test_every_run_gives_each_of_its_ngrams_once_per_position_in_first_seen_order(nlp):
    """The component's counting (one Counter over all n-grams, analysis/extract/terms.py) against the rule
    written out: every n-gram of one to four words of a run, not starting or ending with a stop word, counted
    once per position, keys in the order the text first uses them (the terms rows keep that order)."""
    text = "Sparse graph neural network layers. Graph neural network layers of sparse attention. Sparse graph"
    doc = nlp(make_doc(nlp, text))
    counts = doc._.term_counts
    runs = [["sparse", "graph", "neural", "network", "layers"], ["graph", "neural", "network", "layers", "of",
            "sparse", "attention"], ["sparse", "graph"]]  # fmt: skip
    expected: dict[str, int] = {}
    for run in runs:
        for start in range(len(run)):
            for end in range(start + 1, min(start + 4, len(run)) + 1):
                words = run[start:end]
                if words[0] == "of" or words[-1] == "of":
                    continue
                term = " ".join([*words[:-1], "layer" if words[-1] == "layers" else words[-1]])
                expected[term] = expected.get(term, 0) + 1
    assert dict(counts) == expected
    assert list(counts) == list(expected)
    assert counts["sparse graph"] == 2 and counts["graph neural network layer"] == 2
