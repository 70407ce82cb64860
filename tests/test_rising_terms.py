"""Rising terms (issue 16, parts 2 and 5): discovered terms ranked between two periods by the report's G²
test, generic and tracked terms left out, shorter terms shown under longer ones, the listing's keywords
compared, the most upvoted papers of a term, the findings sentences and `papertrends terms`; on a small
database whose every count, and the G² of each term, is worked out by hand below."""

import json
import math
from datetime import date, timedelta
from pathlib import Path

import pytest
from test_findings import assert_counts_link_their_sets, linked, plain
from typer.testing import CliRunner

from analysis.cli import app
from analysis.store import connect
from analysis.store.db import create_schema
from analysis.trends import significance
from analysis.trends import terms as rising
from analysis.trends.findings import rising_terms_findings

BEFORE, AFTER = (date(2025, 1, 1), date(2025, 4, 1)), (date(2025, 4, 1), date(2025, 7, 1))


def days(start: date, end: date, how_many: int) -> list[date]:
    span = (end - start).days
    return [start + timedelta(days=span * i // (how_many - 1)) for i in range(how_many)]


def paper_rows():
    """(id, day, terms, keywords, upvotes) of 100 papers in Jan–Mar 2025 and 100 in Apr–Jun 2025."""
    rows = []
    for i, day in enumerate(days(date(2025, 1, 1), date(2025, 3, 31), 100)):
        terms, keywords = [], []
        if i < 6:
            terms, keywords = ["prompt cache reuse", "prompt cache"], ["Prompt-Cache Reuse"]
        elif i < 11:
            terms = ["code is available"]
        elif i < 16:
            terms = ["chain of thought"]
        elif i < 36:
            terms, keywords = ["graph transformer"], ["Graph Transformers"]
        elif i < 39:
            terms = ["reward hacking"]
        elif i < 44:
            terms = ["graph neural network"]
        rows.append((f"b{i:03}", day, terms, keywords, None))
    for i, day in enumerate(days(date(2025, 4, 1), date(2025, 6, 30), 100)):
        terms, keywords, upvotes = [], [], None
        if i < 20:
            terms, keywords = ["prompt cache reuse", "prompt cache"], ["Prompt-Cache Reuse"]
        elif i == 20:
            terms = ["prompt cache"]
        elif i < 41:
            terms = ["code is available"]
        elif i < 61:
            terms = ["chain of thought"]
        elif i < 81:
            terms, keywords = ["graph transformer"], ["Graph Transformers"]
        elif i < 89:
            terms, upvotes = ["skill library"], 10 * (i - 80)
        elif i < 95:
            terms = ["token cost"]
        if i < 15:
            terms = [*terms, "diffusion"]
        if 21 <= i < 31 or i >= 95:
            terms = [*terms, "reward hacking"]
        if 31 <= i < 35 or i >= 95:
            terms = [*terms, "graph neural network"]
        rows.append((f"a{i:03}", day, terms, keywords, upvotes))
    return rows


@pytest.fixture(scope="module")
def terms_db(tmp_path_factory):
    db = tmp_path_factory.mktemp("rising") / "terms.duckdb"
    with connect(db) as con:
        create_schema(con)
        for paper_id, day, terms, keywords, upvotes in paper_rows():
            con.execute(
                "INSERT INTO papers (paper_id, title, abstract, published, source, source_file, source_position,"
                " build_id, keywords, upvotes) VALUES (?, ?, 'An abstract.', ?, 'test', 'test.jsonl', 0, 1, ?, ?)",
                [paper_id, f"Paper {paper_id}", day, keywords, upvotes],
            )
            # Stored as a build stores them: each term once in the vocabulary, each paper's terms as id lists.
            for term in terms:
                con.execute(
                    "INSERT INTO term_vocabulary (term_id, term, papers, build_id) SELECT "
                    "(SELECT coalesce(max(term_id), 0) + 1 FROM term_vocabulary), ?, 1, 1 "
                    "WHERE ? NOT IN (SELECT term FROM term_vocabulary)",
                    [term, term],
                )
            if terms:
                con.execute(
                    "INSERT INTO paper_terms SELECT ?, list(term_id), list(1), 1 FROM term_vocabulary "
                    "WHERE list_contains(?, term)",
                    [paper_id, terms],
                )
    return db


@pytest.fixture
def con(terms_db):
    with connect(terms_db, read_only=True) as con:
        yield con


def g2_by_hand(a: int, n1: int, b: int, n2: int) -> float:
    """The 2x2 log-likelihood written out cell by cell: 2 Σ O ln(O/E), E = row total x column total / N."""
    total, with_term = n1 + n2, a + b
    cells = [
        (a, with_term * n1 / total),
        (n1 - a, (total - with_term) * n1 / total),
        (b, with_term * n2 / total),
        (n2 - b, (total - with_term) * n2 / total),
    ]
    return 2 * sum(o * math.log(o / e) for o, e in cells if o)


def test_the_hand_computed_g2_of_the_fixture():
    # prompt cache reuse, 6 of 100 before and 20 of 100 after: E = 13, 87, 13, 87;
    # 2(6 ln 6/13 + 94 ln 94/87 + 20 ln 20/13 + 80 ln 80/87) = 9.0806.
    assert g2_by_hand(6, 100, 20, 100) == pytest.approx(9.0806, abs=1e-3)
    # skill library, 0 then 8: E = 4, 96, 4, 96; 2(100 ln 100/96 + 8 ln 2 + 92 ln 92/96) = 11.4237.
    assert g2_by_hand(0, 100, 8, 100) == pytest.approx(11.4237, abs=1e-3)
    # reward hacking, 3 then 15: E = 9, 91, 9, 91; 2(3 ln 3/9 + 97 ln 97/91 + 15 ln 15/9 + 85 ln 85/91) = 9.5250.
    assert g2_by_hand(3, 100, 15, 100) == pytest.approx(9.5250, abs=1e-3)
    # token cost, 0 then 6: 2(100 ln 100/97 + 6 ln 2 + 94 ln 94/97) = 8.5030.
    assert g2_by_hand(0, 100, 6, 100) == pytest.approx(8.5030, abs=1e-3)


def test_rising_terms_are_ranked_by_the_reports_g2(con):
    found = rising.rising_terms(con, "published", BEFORE, AFTER)
    frame = found.frame
    assert frame["term"].to_list() == ["skill library", "reward hacking", "prompt cache reuse", "token cost"]
    # New: in fewer papers before than the minimum support (5): reward hacking had 3, prompt cache reuse 6.
    assert frame["kind"].to_list() == ["new", "new", "rising", "new"]
    assert frame["g2"].to_list() == [
        round(g2_by_hand(0, 100, 8, 100), 2),
        round(g2_by_hand(3, 100, 15, 100), 2),
        round(g2_by_hand(6, 100, 20, 100), 2),
        round(g2_by_hand(0, 100, 6, 100), 2),
    ]
    # graph neural network rose from 5 to 9 papers, but G² (1.2) is far from significant: not listed.
    assert 0 < g2_by_hand(5, 100, 9, 100) < significance.G2_CRITICAL
    assert "graph neural network" not in frame["term"].to_list()
    top = frame.row(2, named=True)
    assert (top["papers"], top["papers_before"], top["n_after"], top["n_before"]) == (20, 6, 100, 100)
    assert top["p_value"] == pytest.approx(math.erfc(math.sqrt(g2_by_hand(6, 100, 20, 100) / 2)))
    assert top["log_ratio"] == round(math.log2(20 / 6), 2)
    assert top["paper_ids"] == [f"a{i:03}" for i in range(20)] and top["before_ids"] == [f"b{i:03}" for i in range(6)]
    # Not rising: graph transformer (20 and 20). Below the test's threshold: a term 0 then 4 (G² 5.6) is not listed.
    assert "graph transformer" not in frame["term"].to_list()
    assert significance.compare(0, 100, 4, 100).direction == significance.NO_CHANGE


def test_the_default_periods_are_the_last_whole_months(con):
    assert rising.rising_terms(con, "published").periods == rising.Periods(BEFORE, AFTER)


def test_generic_words_are_never_ranked(con, tmp_path):
    found = rising.rising_terms(con, "published", BEFORE, AFTER)
    # "code is available" (5 then 20, G² above the others) is boilerplate listed in generic_terms.csv.
    assert "code is available" in rising.generic_terms()
    assert found.generic_left_out == ["code is available"]
    assert "code is available" not in found.frame["term"].to_list()
    # The list is data: a user's list that adds "Token costs" (spelled as a term: "token cost") drops it too.
    generic = tmp_path / "generic.csv"
    generic.write_text("term\nToken costs\ncode is available\n")
    mine = rising.rising_terms(con, "published", BEFORE, AFTER, generic_path=generic)
    assert mine.frame["term"].to_list() == ["skill library", "reward hacking", "prompt cache reuse"]
    assert mine.generic_left_out == ["code is available", "token cost"]


def test_a_generic_first_or_last_word_leaves_out_every_term_it_starts_or_ends(con, tmp_path):
    # "skill *" and "* costs" (the last word spelled as a term's last word: "cost") leave out "skill library"
    # and "token cost"; a one-word term is never a piece of a sentence, so "skill" alone would stay.
    generic = tmp_path / "generic.csv"
    generic.write_text("term\ncode is available\nskill *\n* costs\n")
    listed = rising.generic_terms(generic)
    assert "skill library" in listed and "token cost" in listed and "skill" not in listed
    mine = rising.rising_terms(con, "published", BEFORE, AFTER, generic_path=generic)
    assert mine.frame["term"].to_list() == ["reward hacking", "prompt cache reuse"]
    assert mine.generic_left_out == ["code is available", "skill library", "token cost"]
    # The keyword comparison's top terms, counted in SQL, leave them out the same way.
    compared = rising.keyword_comparison(con, "published", BEFORE, AFTER, generic_path=generic)
    assert "skill library" not in compared.top_terms["term"].to_list()
    assert "token cost" not in compared.top_terms["term"].to_list()
    assert "reward hacking" in compared.top_terms["term"].to_list()
    # The default list's rows of this kind: phrases that open on "existing" or close on a verb.
    default = rising.generic_terms()
    assert "existing framework" in default and "agents remain" in default and "agentic coding" not in default


def test_tracked_buzzwords_are_left_out_by_any_variant(con, tmp_path):
    # chain of thought (5 then 20) is the variant "chain of thought" of the lexicon's "chain-of-thought".
    found = rising.rising_terms(con, "published", BEFORE, AFTER)
    assert found.tracked_left_out == ["chain of thought"]
    lexicon = tmp_path / "buzzwords.csv"
    lexicon.write_text("buzzword,variants\nskill libraries,Skill-Libraries|skill library set\n")
    mine = rising.rising_terms(con, "published", BEFORE, AFTER, buzzwords_path=lexicon)
    # Now the variant "Skill-Libraries" (spelled "skill library") is tracked, and chain of thought no longer is.
    assert mine.tracked_left_out == ["skill library"]
    assert "chain of thought" in mine.frame["term"].to_list()


def test_a_shorter_term_with_nearly_the_same_papers_is_shown_under_the_longer(con):
    found = rising.rising_terms(con, "published", BEFORE, AFTER)
    # "prompt cache" (21 papers after) rises too; 20 of its 21 (95%) are papers of "prompt cache reuse".
    assert significance.compare(6, 100, 21, 100).direction == significance.RISING
    assert found.folded == {"prompt cache": "prompt cache reuse"}
    assert found.frame.filter(found.frame["term"] == "prompt cache reuse")["covers"].to_list() == ["prompt cache"]
    rows = [
        {"term": "prompt cache", "ids": {f"x{i}" for i in range(13)}},
        {"term": "prompt cache reuse", "ids": {f"x{i}" for i in range(10)}},
    ]
    # 10 of 13 (77%) is under NEAR_SHARE (80%): the shorter term has papers of its own and stays a row.
    assert rising.fold_contained(rows) == {}


def test_single_words_are_ranked_only_when_asked(con):
    assert "diffusion" not in rising.rising_terms(con, "published", BEFORE, AFTER).frame["term"].to_list()
    words = rising.rising_terms(con, "published", BEFORE, AFTER, min_words=1).frame
    assert words.row(0, named=True)["term"] == "diffusion"
    assert words.row(0, named=True)["g2"] == round(g2_by_hand(0, 100, 15, 100), 2)


def test_terms_are_spelled_as_the_terms_table_spells_them():
    assert rising.spell("Prompt-Cache Reuse Laws") == "prompt cache reuse law"
    assert rising.spell("Generalisation Abilities") == "generalization ability"


def test_keywords_are_compared_with_the_terms(con):
    compared = rising.keyword_comparison(con, "published", BEFORE, AFTER)
    assert compared.top_keywords.rows() == [("graph transformer", 20), ("prompt cache reuse", 20)]
    # Single words ("diffusion", 15 papers) are not compared, as they are not ranked.
    assert compared.top_terms["term"].to_list() == [
        "prompt cache",
        "graph transformer",
        "prompt cache reuse",
        "reward hacking",
        "graph neural network",
        "skill library",
        "token cost",
    ]
    assert compared.shared_top == ["graph transformer", "prompt cache reuse"]
    assert compared.rising_keywords == ["prompt cache reuse"]
    assert compared.shared_rising == ["prompt cache reuse"]
    assert (compared.keyword_papers, compared.n_after) == (40, 100)


def test_the_most_upvoted_papers_of_a_term(con):
    top = rising.top_upvoted(con, ["skill library", "graph transformer"], per_term=3).frame
    # Upvotes 10..80 on the eight skill-library papers a081..a088; the graph-transformer papers have none.
    assert top.select("term", "paper_id", "upvotes").rows() == [
        ("skill library", "a088", 80),
        ("skill library", "a087", 70),
        ("skill library", "a086", 60),
    ]


def test_each_sentence_is_true_of_the_papers(con):
    lines = rising_terms_findings(con, "published")
    assert_counts_link_their_sets(lines)
    text = [plain(line) for line in lines]
    assert text[0].startswith(
        "**4 terms** of two to four words rose significantly (Apr 2025–Jun 2025 against Jan 2025–Mar 2025: "
        "100 papers against 100 papers; significant means p < 0.01"
    )
    assert text[0].endswith(
        "none of them tracked by the buzzword lexicon; 3 of them are new: under the 5-paper minimum before."
    )
    assert text[1] == (
        "Rising most: **skill library**, in 8 of 100 papers against 0 of 100 papers before (0.0 to 80.0 per 1,000 "
        f"papers; G² = {g2_by_hand(0, 100, 8, 100):.1f}, p = 0.0007, log ratio +4.00)."
    )
    # The 8 opens exactly the skill-library papers.
    assert linked(lines[1])[0][1] == [f"a{i:03}" for i in range(81, 89)]
    assert (
        text[2]
        == "The new term that rose most after it: **reward hacking**, in 15 of 100 papers, against 3 before (G² = 9.5, p = 0.0020)."
    )
    assert text[3] == (
        "Also rose significantly but left out: 1 generic phrase of data/lexicons/generic_terms.csv (*code is available*) "
        "and 1 term the buzzword lexicon already tracks (*chain of thought*)."
    )
    assert text[4].startswith("1 shorter term is shown under a longer rising term that at least 80% of its papers")
    assert text[4].endswith("*prompt cache* under *prompt cache reuse*.")
    assert text[5] == (
        "The listing's own keywords (Hugging Face ai_keywords, given for 40 of the 100 papers of Apr 2025–Jun 2025): "
        "2 of its 2 most used keywords are also among the 7 discovered terms in most papers (*graph transformer*, "
        "*prompt cache reuse*); 1 keyword rose significantly by the same test (*prompt cache reuse*), and it also rose as a "
        "discovered term."
    )
    # The 40 opens the papers of the later period that carry a keyword.
    assert linked(lines[5])[0][1] == [f"a{i:03}" for i in range(20)] + [f"a{i:03}" for i in range(61, 81)]
    assert math.isclose(significance.chi2_1df_p_value(g2_by_hand(0, 100, 8, 100)), 0.0007, abs_tol=5e-5)


def test_the_terms_command(terms_db):
    db = terms_db
    runner = CliRunner()
    result = runner.invoke(app, ["terms", "--db", str(db), "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [row["term"] for row in rows] == ["skill library", "reward hacking", "prompt cache reuse", "token cost"]
    assert rows[2]["covers"] == "prompt cache"
    limited = runner.invoke(app, ["terms", "--db", str(db), "--limit", "1", "--min-words", "1"])
    assert limited.exit_code == 0 and "diffusion" in limited.stdout and "skill library" not in limited.stdout
    # A window that ends before the last quarter leaves one whole month: nothing to compare, said plainly.
    short = runner.invoke(app, ["terms", "--db", str(db), "--until", "2025-02-15"])
    assert short.exit_code == 1 and "fewer than two whole months" in short.output and "Traceback" not in short.output
    upvoted = runner.invoke(
        app, ["terms", "--db", str(db), "--term", "Skill Libraries", "--limit", "2", "--format", "csv"]
    )
    assert upvoted.exit_code == 0
    day = {paper_id: day for paper_id, day, *_ in paper_rows()}
    assert upvoted.stdout.splitlines()[1:] == [
        f"{day['a088']},80,,a088,Paper a088",
        f"{day['a087']},70,,a087,Paper a087",
    ]


def test_the_buzzwords_page_has_the_section_and_draws_only_analysis_results():
    page = (Path(__file__).parent.parent / "reports" / "buzzwords.qmd").read_text()
    section = page[page.index("## Rising terms you do not track yet") :]
    for call in (
        "rising_terms_findings(con, basis, found=_all)",
        "_terms.rising_terms(",
        "_terms.top_upvoted(",
        "_terms.keyword_comparison(",
    ):
        assert call in section, call
    # Counts link to their papers (the table's evidence column), and the SQL behind each table is shown.
    assert 'evidence="papers"' in section and section.count("page.sql_block(") == 3


def test_a_term_tied_on_g2_is_not_called_the_one_that_rose_most():
    import polars as pl

    from analysis.trends.findings import _ties

    frame = pl.DataFrame(
        {"term": ["intermediate representation", "offline and online", "token cost"], "g2": [9.58, 9.58, 8.52]}
    )
    assert (
        _ties(frame, frame.row(0, named=True))
        == " (tied on G² with *offline and online*; ties are listed alphabetically)"
    )
    assert _ties(frame, frame.row(2, named=True)) == ""


def test_sentences_are_the_same_from_rising_terms_computed_once(con):
    found = rising.rising_terms(con, "published", BEFORE, AFTER, limit=1_000_000)
    assert rising_terms_findings(con, "published", found=found) == rising_terms_findings(con, "published")
    # A limited result does not hold every rising term: it is not used in place of the full one.
    cut = rising.rising_terms(con, "published", BEFORE, AFTER, limit=1)
    assert not cut.complete and found.complete
    assert rising_terms_findings(con, "published", found=cut) == rising_terms_findings(con, "published")


def test_one_rising_term_is_counted_in_the_singular(con):
    import dataclasses

    found = rising.rising_terms(con, "published", BEFORE, AFTER, limit=1_000_000)
    # Only the top term (skill library, new): as if it were the one term that rose.
    one = dataclasses.replace(found, frame=found.frame.head(1))
    first = plain(rising_terms_findings(con, "published", found=one)[0])
    assert first.startswith("**1 term** of two to four words rose significantly")
    assert first.endswith("not tracked by the buzzword lexicon; it is new: under the 5-paper minimum before.")
