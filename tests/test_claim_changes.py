"""Levels and the changes derived from them ("from A to B"), and whether a move is better (metric polarity)."""

import json

import pytest

from analysis.build import build
from analysis.extract import build_pipeline
from analysis.extract.claims import find_claims, find_claims_and_changes, metric_lexicon
from analysis.lexicons import LexiconError, read_metric_polarity
from analysis.store import connect


def test_from_a_to_b_is_two_levels_and_one_derived_change():
    text = "Accuracy rises from 48.3% to 58.3%."
    claims, changes = find_claims_and_changes(text)
    assert [(c.text, c.direction, c.better) for c in claims] == [("48.3%", "level", None), ("58.3%", "level", None)]
    [change] = changes
    assert round(change.difference, 1) == 10.0  # points
    assert round(change.relative_percent, 1) == 20.7  # (58.3 - 48.3) / 48.3
    assert change.direction == "rose"
    # The change keeps both claims' spans.
    assert (change.from_claim, change.to_claim) == tuple(claims)
    assert text[change.start_char : change.end_char] == change.text == "48.3% to 58.3%"


def test_a_fall_of_a_lower_is_better_metric_is_better():
    [change] = find_claims_and_changes("The new tokenizer reduces perplexity from 12.1 to 9.8.")[1]
    assert (change.direction, change.better, change.metric) == ("fell", True, "perplexity")
    assert round(change.difference, 1) == -2.3


def test_a_rise_of_a_lower_is_better_metric_is_a_gain_that_is_not_better():
    [claim] = find_claims("Pruning half the heads gives +294.1% perplexity.")
    assert (claim.direction, claim.metric, claim.better) == ("gain", "perplexity", False)


def test_a_stated_gain_stays_a_stated_gain():
    claims, changes = find_claims_and_changes("Our method improves accuracy by 3.1%.")
    assert [(c.text, c.direction, c.metric, c.better) for c in claims] == [("3.1%", "gain", "accuracy", True)]
    assert changes == []


def test_an_improvement_of_a_lower_is_better_metric_is_a_drop_that_is_better():
    # Gold 2503.24026: the direction follows the quantity named (FID fell); the text calls it an improvement.
    [claim] = find_claims("together contribute to a significant improvement in FID by 62.4%, along with")
    assert (claim.direction, claim.better) == ("drop", True)


@pytest.mark.parametrize(
    "text",
    [
        "accuracy 48.3% → 58.3% with our prompts",
        "accuracy 48.3%→58.3% with our prompts",
        "it improves accuracy 48.3% to 58.3% on MMLU",
    ],
)
def test_arrows_and_verbs_of_change_make_a_change_too(text):
    claims, [change] = find_claims_and_changes(text)
    assert [c.direction for c in claims] == ["level", "level"]
    assert (round(change.relative_percent, 1), change.direction, change.better) == (20.7, "rose", True)


@pytest.mark.parametrize(
    "text",
    [
        "it improves accuracy by 3 to 5% on all tasks",  # a range of gains
        "three models with parameters ranging from 7 to 70 billion",  # a range of sizes
        "on 8 benchmarks and 12 to 20 tasks",  # a range of counts
    ],
)
def test_ranges_are_not_changes(text):
    assert find_claims_and_changes(text)[1] == []


def test_gold_sentences():
    # Gold title:7bb1c43c2260c8df: two changes in one sentence, four levels.
    text = (
        "raising the action prediction accuracies (e.g., from 49.5% to 93.5% for GPT-4o) and judgment accuracies "
        "(e.g., from 15.3% to 94.7% in GPT-4o). While this shows"
    )
    claims, changes = find_claims_and_changes(text)
    assert [c.direction for c in claims] == ["level"] * 4
    assert [(c.text, round(c.difference, 1), c.direction) for c in changes] == [
        ("49.5% to 93.5%", 44.0, "rose"),
        ("15.3% to 94.7%", 79.4, "rose"),
    ]
    # Gold 2512.23709: a unit word before "to" and a qualifier after "from".
    text = "for diffusion-based VSR, reducing initial delay from over 4600 seconds to 0.328 seconds, thereby making"
    claims, [change] = find_claims_and_changes(text)
    assert [(c.text, c.qualifier, c.direction) for c in claims] == [
        ("4600", "more_than", "level"),
        ("0.328", "none", "level"),
    ]
    assert (change.kind, change.unit, change.direction) == ("duration", "seconds", "fell")


def test_two_units_make_no_change():
    claims, changes = find_claims_and_changes("training time goes from 3 days to 20 hours")
    assert [c.direction for c in claims] == ["level", "level"]
    assert changes == []


def test_users_extend_the_polarity_lexicon(tmp_path):
    lexicon = tmp_path / "polarity.csv"
    lexicon.write_text("# toxicity: lower is better\nmetric,lower_is_better\ntoxicity,true\n", encoding="utf-8")
    text = "Our filter lowers toxicity by 35%."
    assert find_claims(text)[0].better is None  # the default lexicon does not know toxicity
    [claim] = find_claims(text, metrics=metric_lexicon(str(lexicon)))
    assert (claim.metric, claim.direction, claim.better) == ("toxicity", "drop", True)
    # The component takes the file through its config, like the other lexicons.
    nlp = build_pipeline()
    nlp.replace_pipe("papertrends_claims", "papertrends_claims", config={"metric_polarity_path": str(lexicon)})
    assert [(c["metric"], c["better"]) for c in nlp(text)._.claims] == [("toxicity", True)]


def test_a_bad_polarity_row_names_the_file_the_row_and_the_reason(tmp_path):
    lexicon = tmp_path / "polarity.csv"
    lexicon.write_text("metric,lower_is_better\nloss,true\nbleu,higher\n", encoding="utf-8")
    with pytest.raises(
        LexiconError, match=r"polarity\.csv: data row 2 \(bleu\): lower_is_better must be true or false"
    ):
        read_metric_polarity(lexicon)


def test_derived_changes_are_stored_with_both_claims_spans(tmp_path):
    listing = tmp_path / "papers.jsonl"
    listing.write_text(
        json.dumps(
            {
                "id": "2501.00001",
                "title": "Better prompts",
                "abstract": "Our prompts raise accuracy from 48.3% to 58.3% and reduce perplexity from 12.1 to 9.8.",
            }
        )
        + "\n",
        encoding="utf-8",
    )
    build([listing], tmp_path / "db.duckdb", progress=False)
    with connect(tmp_path / "db.duckdb", read_only=True) as con:
        changes = con.execute(
            """SELECT d.text, round(d.difference, 1), round(d.relative_percent, 1), d.direction, d.better,
                      a.text, a.direction, b.text, b.direction
               FROM claim_changes d
               JOIN claims a ON a.paper_id = d.paper_id AND a.field = d.field AND a.start_char = d.from_start_char
                            AND a.end_char = d.from_end_char
               JOIN claims b ON b.paper_id = d.paper_id AND b.field = d.field AND b.start_char = d.to_start_char
                            AND b.end_char = d.to_end_char
               ORDER BY d.start_char"""
        ).fetchall()
    assert changes == [
        ("48.3% to 58.3%", 10.0, 20.7, "rose", True, "48.3%", "level", "58.3%", "level"),
        ("12.1 to 9.8", -2.3, -19.0, "fell", True, "12.1", "level", "9.8", "level"),
    ]


def test_a_sign_says_which_way_and_the_verb_whether_it_is_better():
    # Gold 2512.23709: LPIPS is better when lower, but the text calls its +0.095 a boost.
    claims = find_claims("it boosts perceptual quality (LPIPS +0.095) while reducing latency by over 130x.")
    assert [(c.text, c.direction, c.better) for c in claims] == [("+0.095", "gain", True), ("130x", "drop", True)]


def test_a_metric_in_another_clause_does_not_decide_better():
    text = "It reaches a 60% success rate across 29 tasks, with 7x fewer parameters."
    assert [(c.text, c.direction, c.better) for c in find_claims(text)] == [
        ("60%", "level", None),
        ("29", "level", None),
        ("7x", "drop", None),
    ]
