"""The scorer, on a small gold set whose right answers are known, and the project's gold set against its bars."""

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from analysis.cli import app
from analysis.evaluate import GoldError, evaluate, load_gold

GOLD_DIR = Path(__file__).parent / "gold"
TITLE = "ToyNet: Fast Toy Models"
ABSTRACT = (
    "We propose ToyNet, which is 3x faster on ImageNet and reaches 45.2 mAP. Code: https://github.com/toy/toynet."
)


def toy_gold(**changes):
    paper = {
        "paper_id": "2401.00001",
        "source": "test",
        "title": TITLE,
        "abstract": ABSTRACT,
        "github_repo": None,
        "claims": [
            {
                "field": "abstract",
                "start": 28,
                "end": 30,
                "text": "3x",
                "value": 3,
                "kind": "multiplier",
                "unit": "x",
                "qualifier": "none",
                "metric": None,
                "direction": "gain",
            },
            {
                "field": "abstract",
                "start": 62,
                "end": 66,
                "text": "45.2",
                "value": 45.2,
                "kind": "score",
                "unit": "map",
                "qualifier": "none",
                "metric": "map",
                "direction": "level",
            },
        ],
        "entities": [
            {
                "field": "title",
                "start": 0,
                "end": 6,
                "text": "ToyNet",
                "label": "MODEL",
                "canonical": "ToyNet",
                "introduced": True,
            },
            {
                "field": "abstract",
                "start": 11,
                "end": 17,
                "text": "ToyNet",
                "label": "MODEL",
                "canonical": "ToyNet",
                "introduced": True,
            },
            {
                "field": "abstract",
                "start": 41,
                "end": 49,
                "text": "ImageNet",
                "label": "DATASET",
                "canonical": "ImageNet",
                "introduced": False,
            },
        ],
        "links": [
            {
                "field": "abstract",
                "start": 78,
                "end": 107,
                "url": "https://github.com/toy/toynet",
                "host": "github",
                "repo": "toy/toynet",
            }
        ],
        "code_status": "released",
    }
    return paper | changes


def write_gold(tmp_path, papers):
    path = tmp_path / "gold.jsonl"
    path.write_text("".join(json.dumps(paper) + "\n" for paper in papers))
    return path


def test_a_perfect_extraction_scores_one(tmp_path):
    result = evaluate([write_gold(tmp_path, [toy_gold()])])
    assert {name: (s.tp, s.fp, s.fn) for name, s in result.scores.items()} == {
        "claims": (2, 0, 0),
        "MODEL": (2, 0, 0),
        "DATASET": (1, 0, 0),
        "links": (1, 0, 0),
    }
    assert result.accuracies["claims value+kind"].value == 1.0
    assert result.accuracies["code status"].value == 1.0
    assert result.failures() == []


def test_misses_and_false_hits_are_counted_and_listed(tmp_path):
    paper = toy_gold()
    paper["claims"] = paper["claims"][:1]  # the gold lacks 45.2: the extractor's 45.2 is a false hit
    paper["entities"].append(
        {
            "field": "abstract",
            "start": 0,
            "end": 2,
            "text": "We",
            "label": "MODEL",
            "canonical": "We",
            "introduced": False,
        }
    )  # a gold name the extractor cannot find: a miss
    result = evaluate([write_gold(tmp_path, [paper])])
    assert (result.scores["claims"].tp, result.scores["claims"].fp) == (1, 1)
    assert result.scores["claims"].precision == 0.5
    assert (result.scores["MODEL"].tp, result.scores["MODEL"].fn) == (2, 1)
    assert any("[45.2]" in hit for hit in result.false_hits)
    assert any("[We]" in miss for miss in result.misses)
    assert "MODEL F1 0.800 < 0.85" in result.failures()


def test_gold_spans_must_read_back(tmp_path):
    paper = toy_gold()
    paper["claims"][0]["end"] = 31
    with pytest.raises(GoldError, match="gold.jsonl:1: claims span 28-31 reads '3x ', not '3x'"):
        load_gold([write_gold(tmp_path, [paper])])


@pytest.fixture(scope="module")
def project_gold():
    files = sorted(GOLD_DIR.glob("*.jsonl"))
    assert files, "tests/gold/*.jsonl is missing"
    return files


def test_gold_set_size(project_gold):
    papers = load_gold(project_gold)
    test_part = load_gold(sorted((GOLD_DIR / "test").glob("*.jsonl")))
    annotated = [paper for paper in papers + test_part if "entities" in paper]  # results-only papers apart
    assert len(annotated) >= 250  # issue 18: at least 250 fully annotated papers, tuning and test parts
    results = sum(len(paper.get("results") or []) for paper in papers + test_part)
    assert results >= 150  # issue 19: at least 150 annotated results
    assert not {paper["paper_id"] for paper in papers} & {paper["paper_id"] for paper in test_part}
    assert len(papers) >= 80
    assert sum(paper["source"].startswith("seeds/") for paper in papers) >= 40
    assert sum(not paper["source"].startswith("seeds/") for paper in papers) >= 40


@pytest.mark.slow  # builds a database or starts a process: in make test, not make test-fast
def test_extraction_reaches_its_bars_on_the_gold_set(project_gold):
    result = evaluate(project_gold)
    assert result.failures() == [], "\n".join(result.failures())


# Floors, not targets: the blind test part's F1 as last measured (DATASET 0.786, MODEL 0.812 on branch names), less
# 0.02 for the noise of a rule change, rounded down.
# They catch a change that helps the tuning part at the test part's expense; the targets (issue 18: MODEL and
# DATASET F1 >= 0.88, within 0.03 of the tuning part) are still ahead.
# results (issue 19): 0.586 on the test part's 134 results in session 14, 0.601 in session 15 (branch results2),
# 0.593 after its merge and in session 16, 0.616 in session 18, 0.626 in session 19, 0.624 in session 20; floor
# 0.60; its target is 0.80. DATASET 0.794 in session 19, 0.798 in session 20; MODEL 0.817 in session 20.
TEST_PART_FLOORS = {"claims": 0.93, "MODEL": 0.79, "DATASET": 0.77, "links": 0.95, "results": 0.60}
# The results' F1 on the tuning parts: results-tuning and -b (64 results) 0.946 in session 14, 0.962 in session 15;
# with results-tuning-c (73 results, session 16; 0.680 blind, before rules were tuned on it) 0.918.
RESULTS_TUNING_BAR = 0.90
# results-tuning-d (52 results, session 18): 0.602 blind, before rules were tuned on it, 0.822 after its rules;
# its floor is 0.80, that less 0.02, until its rules catch up with the older parts' bar. Part d is 0.849 since the
# scorer matches benchmarks by their lexicon name (session 19).
RESULTS_TUNING_D_FLOOR = 0.80
# results-tuning-e (74 results, session 19): 0.642 blind, before rules were tuned on it, 0.814 after its rules.
RESULTS_TUNING_E_FLOOR = 0.78


@pytest.mark.slow  # builds a database or starts a process: in make test, not make test-fast
def test_results_reach_their_bar_on_the_tuning_parts():
    older = [GOLD_DIR / f"results-tuning{part}.jsonl" for part in ("", "-b", "-c")]
    result = evaluate(older)
    assert result.scores["results"].tp >= 125  # the three older tuning parts are read
    assert result.scores["results"].f1 >= RESULTS_TUNING_BAR, round(result.scores["results"].f1, 3)
    for part, floor, least in (("d", RESULTS_TUNING_D_FLOOR, 30), ("e", RESULTS_TUNING_E_FLOOR, 45)):
        newest = evaluate([GOLD_DIR / f"results-tuning-{part}.jsonl"])
        assert newest.scores["results"].tp >= least, part
        assert newest.scores["results"].f1 >= floor, (part, round(newest.scores["results"].f1, 3))


@pytest.mark.slow  # builds a database or starts a process: in make test, not make test-fast
def test_the_blind_test_part_keeps_its_figures():
    result = evaluate(sorted((GOLD_DIR / "test").glob("*.jsonl")))
    below = {
        kind: round(result.scores[kind].f1, 3)
        for kind, floor in TEST_PART_FLOORS.items()
        if result.scores[kind].f1 < floor
    }
    assert not below, f"F1 on the test part fell below its floor: {below}"


def test_eval_command_prints_the_figures(tmp_path):
    gold = write_gold(tmp_path, [toy_gold()])
    output = CliRunner().invoke(app, ["eval", str(gold), "--summary"])
    assert output.exit_code == 0, output.output
    assert "claims" in output.stdout and "F1 >= 0.95: ok" in output.stdout


def test_result_errors_say_why_each_result_was_missed():
    """The scorer's reasons, from a paper's gold results and what a build found for it: every unmatched gold
    result and every false hit is counted once, under the first reason that explains it."""
    from analysis.evaluate import RESULT_ERRORS, Evaluation, Score, _score_results

    def gold(start, benchmark, metric, value):
        return {
            "field": "abstract",
            "start": start,
            "end": start + 4,
            "benchmark": benchmark,
            "metric": metric,
            "value": value,
        }

    def row(start, benchmark, metric, value):  # a results row as a build stores it: the gold's span, renamed
        found = gold(start, benchmark, metric, value)
        return {"start_char": found.pop("start"), "end_char": found.pop("end"), **found}

    def span(start, **attributes):
        return {"field": "abstract", "start_char": start, "end_char": start + 4, **attributes}

    paper = {
        "paper_id": "p",
        "abstract": "x" * 80,
        "results": [
            gold(0, "COCO", "map", 45.2),  # found with its metric and benchmark
            gold(10, "COCO", "map", 50.0),  # found at its span with another metric
            gold(20, "COCO", "map", 51.0),  # found at its span on another benchmark
            gold(30, "Foo", None, 1.0),  # no claim at its span
            gold(40, "Foo", None, 2.0),  # claim and DATASET found, no result
            gold(50, "Bar", None, 3.0),  # Bar found, as a MODEL
            gold(60, "Baz", None, 4.0),  # Baz not found at all
        ],
    }
    got = {
        "results": [
            row(0, "coco", "map", 45.2),
            row(10, "COCO", "accuracy", 50.0),
            row(20, "LVIS", "map", 51.0),
            row(70, "COCO", None, 9.0),
        ],
        "claims": [span(start) for start in (0, 10, 20, 40, 50, 60, 70)],
        "entities": [
            span(2, label="DATASET", canonical="Foo", text="Foo"),
            span(6, label="MODEL", canonical="Bar", text="bar"),
            span(8, label="DATASET", canonical="COCO", text="COCO"),
        ],
    }
    evaluation = Evaluation(papers=1, results_papers=1, scores={"results": Score()})
    _score_results(evaluation, paper, got)
    score = evaluation.scores["results"]
    assert (score.tp, score.fp, score.fn) == (1, 3, 6)
    assert evaluation.result_errors == {
        "wrong metric": 1,
        "wrong benchmark": 1,
        "missed: the number is not read as a claim": 1,
        "missed: claim and benchmark found, not tied": 1,
        "missed: the benchmark is found as a MODEL": 1,
        "missed: the benchmark is not found as a DATASET": 1,
        "false hit: the gold has no result there": 1,
    }
    assert set(evaluation.result_errors) <= set(RESULT_ERRORS)


def test_a_gold_benchmark_is_matched_by_its_lexicon_name():
    """The guide's R4 asks for the dataset lexicon's canonical name, which an annotator without the lexicon writes
    as the paper does: gold "ImageNet-1K", "Aime 2024" and "ZebTS2023" are the found ImageNet, AIME 2024 and
    "ZebTS 2023"."""
    from analysis.evaluate import Evaluation, Score, _score_results

    def result(start, benchmark):
        return {"field": "abstract", "start": start, "end": start + 4, "benchmark": benchmark, "metric": None}

    paper = {"paper_id": "p", "abstract": "x" * 40, "results": [result(0, "ImageNet-1K") | {"value": 81.0}]}
    paper["results"].append(result(10, "Aime 2024") | {"value": 40.0})
    paper["results"].append(result(20, "ZebTS2023") | {"value": 90.2})
    found = [result(0, "ImageNet") | {"value": 81.0}, result(10, "AIME 2024") | {"value": 40.0}]
    found.append(result(20, "ZebTS 2023") | {"value": 90.2})
    got = {"results": [{"start_char": r.pop("start"), "end_char": r.pop("end"), **r} for r in found]}
    evaluation = Evaluation(papers=1, results_papers=1, scores={"results": Score()})
    _score_results(evaluation, paper, got)
    assert (evaluation.scores["results"].tp, evaluation.scores["results"].fn) == (3, 0)


def test_a_matched_results_system_is_compared_folded():
    from analysis.evaluate import RESULT_ATTRIBUTES

    same = RESULT_ATTRIBUTES["results model"]
    assert same({"model": "Gemma-2-it-9B"}, {"model": "Gemma 2 it 9B"})
    assert not same({"model": "Gemma-2-it-9B"}, {"model": "Gemma 2 9B"})
    assert same({"model": None}, {"model": None})
