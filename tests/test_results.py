"""Claimed results (issue 19): the component's rules, the metric and cue lexicons, the results table, the
scorer on gold "results", the trends queries and sentences behind the Benchmarks page, and the CLI."""

import json
from datetime import date

import duckdb
import pytest
from typer.testing import CliRunner

from analysis.build import build
from analysis.cli import app
from analysis.evaluate import GoldError, evaluate, load_gold
from analysis.extract import build_pipeline
from analysis.extract.results import read_result_cues, result_cues
from analysis.lexicons import LexiconError
from analysis.trends import results as claimed


@pytest.fixture(scope="module")
def nlp():
    return build_pipeline()


def found(nlp, text):
    return [
        (r["text"], r["value"], r["metric"], r["benchmark"], r["model"], r["own"], r["comparison"])
        for r in nlp(text)._.results
    ]


def test_a_score_on_a_benchmark_with_its_metric_normalised(nlp):
    assert found(nlp, "Our detector achieves 45.2 mAP on COCO, a new record.") == [
        ("45.2", 45.2, "map", "COCO", None, True, "absolute")
    ]
    doc = nlp("Our detector achieves 45.2 mAP on COCO, a new record.")
    span = doc.spans["papertrends_results"][0]
    assert span.label_ == "COCO" and span._.result["metric_text"] == "mAP"


def test_a_gain_by_points_over_a_named_baseline(nlp):
    # The baseline after "over" is not the system the number is for.
    assert found(nlp, "It improves accuracy on MMLU by 3.1 points over Qwen2.5-7B.") == [
        ("3.1", 3.1, "accuracy", "MMLU", None, True, "gain")
    ]


def test_a_metric_written_as_a_verb_is_normalised_by_the_aliases(nlp):
    assert found(nlp, "Our agent resolves 62.4% of SWE-bench Verified, more than any open model.") == [
        ("62.4%", 62.4, "resolve rate", "SWE-bench Verified", None, True, "absolute")
    ]


def test_from_a_to_b_gives_the_baseline_level_and_the_own_level(nlp):
    assert found(nlp, "Our method improves accuracy from 48.3% to 58.3% on GSM8K and beyond.") == [
        ("48.3%", 48.3, "accuracy", "GSM8K", None, False, "absolute"),
        ("58.3%", 58.3, "accuracy", "GSM8K", None, True, "absolute"),
    ]


def test_a_gap_to_another_system(nlp):
    assert [r[-1] for r in found(nlp, "It trails GPT-4 by only 2 points on HumanEval, at a tenth of the cost.")] == [
        "gap"
    ]


def test_respectively_pairs_numbers_and_benchmarks_in_order(nlp):
    got = found(nlp, "We reach 45.2%, 50.1% and 61.0% on MMLU, GSM8K and HumanEval, respectively.")
    assert [(r[0], r[3]) for r in got] == [("45.2%", "MMLU"), ("50.1%", "GSM8K"), ("61.0%", "HumanEval")]


def test_each_number_takes_the_benchmark_after_it_before_the_next_number(nlp):
    got = found(nlp, "Our model scores 45.2% on MMLU and 50.1% on HumanEval with greedy decoding.")
    assert [(r[0], r[3]) for r in got] == [("45.2%", "MMLU"), ("50.1%", "HumanEval")]


def test_a_comma_after_a_benchmark_does_not_tie_the_next_number_to_it(nlp):
    text = "We achieve absolute gains of 2.0% on GSM8K, 4.3% on MMLU, and 6.6% on HumanEval."
    assert [(r[0], r[3]) for r in found(nlp, text)] == [("2.0%", "GSM8K"), ("4.3%", "MMLU"), ("6.6%", "HumanEval")]


def test_a_benchmark_right_before_the_number(nlp):
    got = found(nlp, "Results are strong (MMLU: 71.3, HumanEval (64.0%)) for a 7B model.")
    assert [(r[0], r[3]) for r in got] == [("71.3", "MMLU"), ("64.0%", "HumanEval")]


def test_the_one_benchmark_named_before_the_number(nlp):
    assert [r[3] for r in found(nlp, "On ImageNet, our model reaches 80.1% top-1 accuracy with no extra data.")] == [
        "ImageNet"
    ]


def test_a_number_stated_for_a_list_of_benchmarks_is_one_result_per_benchmark(nlp):
    got = found(
        nlp, "Experiments on the KITTI and COCO datasets show that our method brings a 2% gain with one student."
    )
    assert [(r[0], r[3]) for r in got] == [("2%", "KITTI"), ("2%", "COCO")]


def test_an_average_over_a_list_of_benchmarks_is_no_result(nlp):
    assert found(nlp, "On MMLU, GSM8K and HumanEval, our method improves accuracy by 2.1% on average.") == []


def test_numbers_go_round_a_list_of_benchmarks_in_order(nlp):
    got = found(nlp, "Experiments on MMLU and HumanEval show gains (7.8% and 2.0% for A, 8.7% and 4.7% for B).")
    assert [(r[0], r[3]) for r in got] == [
        ("7.8%", "MMLU"),
        ("2.0%", "HumanEval"),
        ("8.7%", "MMLU"),
        ("4.7%", "HumanEval"),
    ]


def test_no_benchmark_in_the_sentence_no_result(nlp):
    # MMLU is in the sentence before: no guessing across sentences.
    assert found(nlp, "We evaluate on MMLU with care. Our method improves accuracy by 5% over the baseline.") == []


def test_sizes_and_shares_are_not_results(nlp):
    assert found(nlp, "We collect 10K questions from MMLU and train a 7B model on them.") == []
    assert found(nlp, "It trains on 2.5% of the parameters of GSM8K models, keeping accuracy.") == []
    # An efficiency number tied to a benchmark is a result.
    assert found(nlp, "It uses 30% fewer tokens on GSM8K than chain-of-thought prompting.") == [
        ("30%", 30.0, "tokens", "GSM8K", None, True, "gain")
    ]


def test_the_named_system_is_the_subject_before_the_number(nlp):
    got = found(nlp, "With our recipe, Qwen2.5-7B achieves 61.2% on MATH, outperforming GPT-4o.")
    assert [(r[3], r[4], r[5]) for r in got] == [("MATH", "Qwen2.5-7B", False)]


def test_metric_aliases_and_numbered_forms(tmp_path):
    lexicon = result_cues()
    assert lexicon.normalise("F1-score") == "f1"
    assert lexicon.normalise("nDCG@10") == "ndcg"
    assert lexicon.normalise("Pass@1") == "pass@1"
    assert lexicon.normalise("pass@10") == "pass@k"
    assert lexicon.metric_re.search("an nDCG@10 of 0.51").group(1) == "nDCG@10"


def test_a_bad_cue_file_names_file_row_and_reason(tmp_path):
    path = tmp_path / "cues.csv"
    path.write_text("word,cue\nimproves,gain\ntrails,sometimes\n", encoding="utf-8")
    with pytest.raises(LexiconError, match=r"cues.csv: data row 2 \(trails\): cue must be one of"):
        read_result_cues(path)


def test_a_user_cue_file_changes_what_the_component_reads(tmp_path, nlp):
    path = tmp_path / "cues.csv"
    path.write_text("word,cue\nsaves,not_result\nbehind,gap\n", encoding="utf-8")
    text = "Our model is 3.5 points behind GPT-4o on MMLU, a small gap."
    assert [r[-1] for r in found(nlp, text)] == ["gap"]
    custom = build_pipeline()
    custom.replace_pipe("papertrends_results", "papertrends_results", config={"cues_path": str(path)})
    assert [r[-1] for r in found(custom, "It improves MMLU accuracy by 3.1 points.")] == ["absolute"]


PAPERS = [
    {
        "id": "2501.00001",
        "title": "A detector",
        "abstract": "Our detector achieves 45.2 mAP on COCO, a new record. It runs at 30 FPS.",
        "published": "2025-01-10",
    },
    {
        "id": "2502.00002",
        "title": "Another detector",
        "abstract": "Our detector achieves 47.9 mAP on COCO, better than before. On COCO it also reaches an FID of 3.1 with our decoder.",
        "published": "2025-02-11",
    },
    {
        "id": "2502.00003",
        "title": "A third detector",
        "abstract": "Our detector achieves 46.0 mAP on COCO, with fewer parameters. It reaches an FID of 2.5 on COCO in sampling.",
        "published": "2025-02-20",
    },
    {
        "id": "2502.00004",
        "title": "A language model",
        "abstract": "Our model scores 71.3% accuracy on MMLU, beating larger models.",
        "published": "2025-02-21",
    },
]


@pytest.fixture(scope="module")
def database(tmp_path_factory):
    folder = tmp_path_factory.mktemp("results")
    listing = folder / "papers.jsonl"
    listing.write_text("".join(json.dumps(p) + "\n" for p in PAPERS), encoding="utf-8")
    db = folder / "results.duckdb"
    build([listing], db, progress=False)
    return db


def test_the_build_writes_results_rows_with_every_column_commented(database):
    con = duckdb.connect(str(database), read_only=True)
    rows = con.execute(
        "SELECT r.text, r.value, r.metric, r.benchmark, r.comparison, r.own, r.unit FROM results r "
        "JOIN papers USING (paper_id) WHERE source_id = '2501.00001'"
    ).fetchall()
    assert rows == [("45.2", 45.2, "map", "COCO", "absolute", True, None)]
    uncommented = con.execute(
        "SELECT column_name FROM duckdb_columns() WHERE table_name = 'results' AND comment IS NULL"
    ).fetchall()
    assert uncommented == []
    assert con.execute("SELECT comment FROM duckdb_tables() WHERE table_name = 'results'").fetchone()[0]


def test_top_benchmarks_and_their_sentence(database):
    con = duckdb.connect(str(database), read_only=True)
    top = claimed.top_benchmarks(con, limit=5)
    assert top.select("benchmark", "papers", "results").rows() == [("COCO", 3, 5), ("MMLU", 1, 1)]
    assert claimed.top_benchmarks_sentence(top) == (
        "The most-claimed benchmark is **COCO**: 5 claimed results in 3 papers; then, by papers, MMLU (1)."
    )


def test_points_carry_the_sentence_with_the_number_marked(database):
    con = duckdb.connect(str(database), read_only=True)
    points = claimed.benchmark_points(con, "coco", "fid")
    assert points.select("value", "sentence").rows() == [
        (3.1, "On COCO it also reaches an FID of ⟦3.1⟧ with our decoder."),
        (2.5, "It reaches an FID of ⟦2.5⟧ on COCO in sampling."),
    ]


def test_best_per_month_is_the_highest_or_for_lower_is_better_the_lowest(database):
    con = duckdb.connect(str(database), read_only=True)
    best = claimed.best_per_month(con, "COCO")
    rows = {(row["metric"], row["month"].date()): row["best"] for row in best.iter_rows(named=True)}
    assert rows == {
        ("map", date(2025, 1, 1)): 45.2,
        ("map", date(2025, 2, 1)): 47.9,  # the higher of 47.9 and 46.0
        ("fid", date(2025, 2, 1)): 2.5,  # FID is better lower
    }
    assert claimed.best_sentence(best, "COCO") == (
        "On COCO, the best map claimed in a month went from 45.2 (January 2025) to 47.9 (February 2025); "
        "the highest of all is 47.9 (February 2025), over 2 months with a claim."
    )
    points = claimed.metric_points(con, "coco", "map", None)
    assert points["value"].to_list() == [45.2, 47.9, 46.0]
    # The SQL shown runs as shown.
    assert con.execute(claimed.best_per_month_sql(con, "COCO")).fetchall() == best.rows()


def test_the_results_command_lists_a_benchmark(database):
    output = CliRunner().invoke(
        app, ["results", "--benchmark", "coco", "--metric", "map", "--db", str(database), "--format", "csv"]
    )
    assert output.exit_code == 0, output.output
    lines = output.stdout.strip().splitlines()
    assert lines[0].startswith("day,paper_id,benchmark,metric,value")
    assert [line.split(",")[4] for line in lines[1:]] == ["45.2", "47.9", "46.0"]


def gold_paper(**changes):
    abstract = "Our detector achieves 45.2 mAP on COCO, a new record. It gains 3.1 points on LVIS over DETR."
    paper = {
        "paper_id": "g1",
        "source": "toy",
        "title": "A detector",
        "abstract": abstract,
        "github_repo": None,
        "results": [
            {
                "field": "abstract",
                "start": 22,
                "end": 26,
                "text": "45.2",
                "value": 45.2,
                "metric": "map",
                "metric_text": "mAP",
                "benchmark": "coco",
                "model": None,
                "own": True,
                "comparison": "absolute",
            },
            {
                "field": "abstract",
                "start": 63,
                "end": 66,
                "text": "3.1",
                "value": 3.1,
                "metric": None,
                "metric_text": None,
                "benchmark": "LVIS",
                "model": None,
                "own": True,
                "comparison": "gain",
            },
        ],
        "notes": "",
    }
    return paper | changes


def test_eval_scores_results_on_benchmark_metric_value(tmp_path):
    path = tmp_path / "results.jsonl"
    paper = gold_paper()
    paper["results"].append(
        {
            "field": "abstract",
            "start": 22,
            "end": 26,
            "text": "45.2",
            "value": 45.2,
            "metric": "ap",
            "metric_text": None,
            "benchmark": "COCO",
            "model": None,
            "own": True,
            "comparison": "absolute",
        }
    )
    path.write_text(json.dumps(paper) + "\n", encoding="utf-8")
    result = evaluate([path])
    score = result.scores["results"]
    # 45.2/map/COCO matches (benchmark case-folded); the gold's 45.2/ap is missed; the rest as found.
    assert (score.tp, score.fn) == (2, 1), result.misses + result.false_hits
    assert any("45.2" in miss and "/ap/" in miss for miss in result.misses)
    # A paper without "entities" is not scored for entities, claims, links or code.
    assert result.scores["claims"].tp + result.scores["claims"].fn == 0
    assert result.accuracies["code status"].total == 0


def test_a_gold_result_span_must_read_back(tmp_path):
    paper = gold_paper()
    paper["results"][0]["end"] = 25
    path = tmp_path / "bad.jsonl"
    path.write_text(json.dumps(paper) + "\n", encoding="utf-8")
    with pytest.raises(GoldError, match="bad.jsonl:1: results span 22-25 reads '45.', not '45.2'"):
        load_gold([path])


def test_a_vague_word_is_no_metric_and_a_counted_noun_is_none_either(nlp):
    # "performance" is a metric to the claims component, not to a result (cue not_metric); "tokens" after a
    # count is what the count counts.
    assert [r[2] for r in found(nlp, "Our model improves performance on MMLU by 3.1%.")] == [None]
    # "GSM8K accuracy": the digits of a name are no count.
    assert [r[2] for r in found(nlp, "It keeps 83.85% GSM8K accuracy at 2 bits (vs. 90.83% at 16 bits).")] == [
        "accuracy",
        "accuracy",
    ]
    # A year in a benchmark's name is no count either.
    assert [r[2] for r in found(nlp, "It raises AIME 2024 Pass@1 from 50.0% to 58.0% with one sample.")] == [
        "pass@1",
        "pass@1",
    ]
    assert found(nlp, "It grows the chain-of-thought from 4,000 to over 10,000 tokens on AIME 2024 problems.") == []
    text = "Trained on 10 billion tokens from FineWeb-Edu, our model yields an 8.4% improvement on HellaSwag."
    assert [(r[2], r[3], r[-1]) for r in found(nlp, text)] == [(None, "HellaSwag", "gain")]


def test_a_semicolon_does_not_end_the_sentence(nlp):
    text = "On T2I-CompBench it is best (CER: 0.08 vs 0.21 for the prior best; WER: 0.15 vs 0.25) of all."
    assert [(r[0], r[2], r[3]) for r in found(nlp, text)] == [
        ("0.08", "cer", "T2I-CompBench"),
        ("0.21", "cer", "T2I-CompBench"),
        ("0.15", "wer", "T2I-CompBench"),
        ("0.25", "wer", "T2I-CompBench"),
    ]


def test_a_word_with_two_cues_is_an_error(tmp_path):
    path = tmp_path / "cues.csv"
    path.write_text("word,cue\nimprovement,gain\nimprovement,not_metric\n", encoding="utf-8")
    with pytest.raises(LexiconError, match=r"data row 2 \(improvement\): listed already as gain"):
        read_result_cues(path)


def test_a_drop_in_a_higher_is_better_metric_is_a_gap_not_a_gain(nlp):
    # A degradation is a distance, not an improvement; a fall in error stays a gain.
    assert [r[-1] for r in found(nlp, "Flipping two bits in ResNet-50 on ImageNet reduces accuracy by 99.8%.")] == [
        "gap"
    ]
    assert [r[-1] for r in found(nlp, "Our method reduces the error rate on ImageNet by 12.5%.")] == ["gain"]


def test_the_subject_of_a_comparison_verb_owns_the_number_not_the_system_it_beats(nlp):
    # "Orca surpasses ... Vicuna-13B by more than 100%": Orca's gain over Vicuna-13B, not Vicuna-13B's number.
    text = (
        "We develop Orca, a 13-billion parameter model. Orca surpasses instruction-tuned models such as Vicuna-13B "
        "by more than 100% on Big-Bench Hard (BBH)."
    )
    assert [(r[0], r[3], r[4], r[5], r[6]) for r in found(nlp, text)] == [
        ("100%", "BIG-Bench Hard", "Orca", True, "gain")
    ]
    # After a clause break the earlier name's verb no longer governs: the later name is the subject.
    later = "Orca surpasses Vicuna-13B on MMLU, while Vicuna-13B reaches 40.2% on GSM8K."
    assert [(r[0], r[4]) for r in found(nlp, later) if r[0] == "40.2%"] == [("40.2%", "Vicuna-13B")]


def test_a_list_of_numbers_takes_the_comparison_its_cue_states_for_the_whole_list(nlp):
    # "by" before the first number, or "gains" after the last, makes every number of the list a gain.
    by = "ReSim improves policy selection performance on NAVSIM by 2% and 25%, respectively."
    assert [(r[0], r[6]) for r in found(nlp, by)] == [("2%", "gain"), ("25%", "gain")]
    after = "RefCritic shows advantages, with 6.8% and 7.2% gains on AIME25."
    assert [(r[0], r[6]) for r in found(nlp, after)] == [("6.8%", "gain"), ("7.2%", "gain")]
    # A level and its signed gain in brackets stay what each is.
    level = "Our detector reaches 45.2 (+2.3) mAP on COCO."
    assert [(r[0], r[6]) for r in found(nlp, level)] == [("45.2", "absolute"), ("+2.3", "gain")]


def test_a_bracketed_number_measured_on_a_name_after_the_bracket_is_not_the_earlier_benchmarks(nlp):
    # The seed listing's Orca abstract: the "4 pts gap" is on the SAT, LSAT, GRE and GMAT jointly (one result
    # each, the guide's R4), not on BBH.
    exams = (
        "Orca reaches parity with ChatGPT on the BBH benchmark and shows competitive performance (4 pts gap with "
        "optimized system message) in professional and academic examinations like the SAT, LSAT, GRE, and GMAT."
    )
    assert [(r[0], r[3]) for r in found(nlp, exams)] == [("4", exam) for exam in ("SAT", "LSAT", "GRE", "GMAT")]
    # Orca's gap, not ChatGPT's: "parity with ChatGPT" names the system compared against.
    assert {row["model"] for row in nlp(exams)._.results} == {"Orca"}
    # Without a name after the bracket, the benchmark before it is still the number's.
    settings = "On COCO our model reaches a new best (45.2 mAP) in all settings."
    assert [(r[0], r[3]) for r in found(nlp, settings)] == [("45.2", "COCO")]


def test_eval_scores_who_a_matched_result_is_for_as_accuracies(tmp_path):
    path = tmp_path / "results.jsonl"
    paper = gold_paper()
    # The gold says the first result is a baseline's; the extractor says it is the paper's own.
    paper["results"][0] |= {"model": "Qwen2.5-7B", "own": False}
    path.write_text(json.dumps(paper) + "\n", encoding="utf-8")
    result = evaluate([path])
    matched = result.scores["results"].tp
    assert matched >= 1
    assert result.accuracies["results model"].total == matched
    assert result.accuracies["results own"].correct == matched - 1
    assert any(line.startswith("result ") and "(model, own)" in line for line in result.wrong_attributes)


def test_pass_at_any_k_is_the_pass_at_k_metric_before_the_number_too(nlp):
    # The seed listing's "we improve PASS@100 from 35.5% to 44.5% for GSM8K": the metric is named before "from".
    text = (
        "Experiments on two math reasoning datasets show that we improve PASS@100 from 35.5% to 44.5% for GSM8K, "
        "and 27.6% to 36.2% PASS@80 for MathQA."
    )
    assert [(r[0], r[2], r[3]) for r in found(nlp, text)] == [
        ("35.5%", "pass@k", "GSM8K"),
        ("44.5%", "pass@k", "GSM8K"),
        ("27.6%", "pass@k", "MathQA"),
        ("36.2%", "pass@k", "MathQA"),
    ]


def test_a_system_the_title_introduces_owns_the_abstracts_results(nlp):
    # The results component sees one field; the paper-level step knows "ReSim: ..." in the title is the paper's.
    from analysis.extract.paper import paper_docs

    abstract = "ReSim improves policy selection performance on NAVSIM by 2%."
    assert [(r["model"], r["own"]) for r in nlp(abstract)._.results] == [("ReSim", False)]
    docs = paper_docs(nlp, "ReSim: Reliable World Simulation for Autonomous Driving", abstract)
    assert [(r["model"], r["own"]) for r in docs["abstract"]._.results] == [("ReSim", True)]
    assert [span._.result["own"] for span in docs["abstract"].spans["papertrends_results"]] == [True]
    # A from/to end keeps what its sentence says: the baseline level is not the paper's own.
    change = "ReSim improves accuracy from 48.3% to 58.3% on GSM8K."
    docs = paper_docs(nlp, "ReSim: Reliable World Simulation", change)
    assert [r["own"] for r in docs["abstract"]._.results] == [False, True]


def test_an_unnamed_subject_of_other_systems_is_not_the_papers_own(nlp):
    others = "Leading VLMs achieve near-zero accuracy (5.36%) on HC-Bench."
    assert [(r[0], r[4], r[5]) for r in found(nlp, others)] == [("5.36%", None, False)]
    humans = "Human subjects achieve 96.9% accuracy on EcoG-Bench."
    assert [r[5] for r in found(nlp, humans)] == [False]
    # Other systems as the object of the paper's comparison: the gain is still the paper's.
    ours = "It outperforms existing methods by 4.5% accuracy on CDD."
    assert [r[5] for r in found(nlp, ours)] == [True]


def test_a_number_restating_a_margin_is_a_gain_and_categories_are_a_split(nlp):
    # "by a significant margin, i.e., 4.6%": the number is the margin "by" gives (the seed listing's MOREC).
    margin = "It improves the previous best by a significant margin, i.e., 4.6% on D4RL tasks."
    assert [(r[0], r[6]) for r in found(nlp, margin)] == [("4.6%", "gain")]
    bracket = "It outperforms all baselines by a large margin (12.3%) on MMLU."
    assert [(r[0], r[6]) for r in found(nlp, bracket)] == [("12.3%", "gain")]
    # "on base categories" and "on novel categories" are parts of the benchmark named before, like a split.
    split = (
        "On the AVSBench-OV dataset, it achieves 55.43% mIoU on base categories and 29.14% mIoU on novel categories."
    )
    assert [(r[0], r[3]) for r in found(nlp, split)] == [("55.43%", "AVSBench-OV"), ("29.14%", "AVSBench-OV")]


def test_a_bracket_that_spells_out_a_number_is_on_that_numbers_benchmark(nlp):
    # The bracket's levels are POPE's, not those of MS-COCO, named in the next clause.
    text = (
        "Prompt-in-Image improves Qwen2.5-VL's performance, increasing POPE accuracy by 4.1 percent (from 80.2 "
        "percent to 84.3 percent) and also reducing hallucination rates on MS-COCO."
    )
    assert [(r[0], r[3], r[5], r[6]) for r in found(nlp, text)] == [
        ("4.1", "POPE", True, "gain"),
        ("80.2", "POPE", False, "absolute"),
        ("84.3", "POPE", True, "absolute"),
    ]


def test_numbers_of_one_phrase_each_on_its_benchmark_share_the_phrases_gain(nlp):
    by = "It outperforms prior methods by 5% on the Celeb-DF dataset and 7% on the DFDC dataset."
    assert [(r[0], r[3], r[6]) for r in found(nlp, by)] == [("5%", "Celeb-DF", "gain"), ("7%", "DFDC", "gain")]
    ranges = "It achieves gains of 6.22%-7.66% on GSM8K and 3.16%-14.84% on ARC-C."
    assert {r[6] for r in found(nlp, ranges)} == {"gain"} and len(found(nlp, ranges)) == 4
    # A number that another verb states is not part of the phrase.
    other = "It improves accuracy by 5% on MMLU and achieves 60.1% on GSM8K."
    assert [(r[0], r[6]) for r in found(nlp, other)] == [("5%", "gain"), ("60.1%", "absolute")]


def test_a_plural_metric_acronym_is_the_metric(nlp):
    text = "The navigation task attains SPLs of 28.4% and 26.3% on HM3D and MP3D benchmarks, respectively."
    assert [(r[0], r[2]) for r in found(nlp, text)] == [("28.4%", "spl"), ("26.3%", "spl")]
    # A plural the aliases list keeps their metric: GFLOPs are flops.
    assert result_cues().normalise("GFLOPs") == "flops"


def test_the_level_an_improved_system_starts_from_is_that_systems(nlp):
    text = "On WebArena, Best-of-Q is effective, improving a Qwen2.5-VL-7B agent from 38.8% to 55.7% on WebArena."
    assert [(r[0], r[4], r[5]) for r in found(nlp, text)] == [
        ("38.8%", "Qwen2.5-VL-7B", False),
        ("55.7%", "Qwen2.5-VL-7B", True),
    ]
    # A second object of the improving verb owns its own levels.
    second = "Best-of-Q is effective, improving Qwen2.5-VL-7B and a proprietary GPT-4.1 agent from 82.4% to 88.8% on WebArena."
    assert [(r[0], r[4]) for r in found(nlp, second)] == [("82.4%", "GPT-4.1"), ("88.8%", "GPT-4.1")]


def test_a_number_ending_a_list_item_is_no_count_of_the_next_metric(nlp):
    # "FID 5.6, R@1 0.86": R@1 is 0.86's metric; "5.6," does not count R@1s as "10 billion tokens" counts tokens.
    text = "On MotionMillion, it also surpasses strong baselines (FID 5.6, R@1 0.86)."
    assert [(r[0], r[2]) for r in found(nlp, text) if r[0] == "0.86"] == [("0.86", "recall@k")]


def test_names_in_a_list_each_with_its_score_are_benchmarks_of_the_list(nlp):
    # One known benchmark (ArguAna) makes the others of its list benchmarks, each score in brackets after its name.
    text = (
        "MedEIR achieves top scores on ArguAna (55.24), NFCorpus (38.44), MedicalQARetrieval (74.25), "
        "SciFact (72.04), and TRECCOVID (79.56)."
    )
    assert [(r[0], r[3]) for r in found(nlp, text)] == [
        ("55.24", "ArguAna"),
        ("38.44", "NFCorpus"),
        ("74.25", "MedicalQARetrieval"),
        ("72.04", "SciFact"),
        ("79.56", "TRECCOVID"),
    ]


def test_a_name_in_brackets_after_a_number_is_a_benchmark_as_its_neighbours_are(nlp):
    text = "It reaches BLEU-4 scores of 0.755 (BDD-X) and 0.778 (MSVD), and CIDEr scores of 1.235 (BDD-X)."
    assert [(r[0], r[2], r[3]) for r in found(nlp, text)] == [
        ("0.755", "bleu", "BDD-X"),
        ("0.778", "bleu", "MSVD"),
        ("1.235", "cider", "BDD-X"),
    ]


def test_a_version_number_after_a_name_is_no_result(nlp):
    # The shared Hugging Face corpus's DCPO abstract: "2.1" is Stable Diffusion's version, not a GenEval score.
    text = "DCPO outperforms Stable Diffusion (SD) 2.1, SFT_Chosen and MaPO on metrics including GenEval."
    assert found(nlp, text) == []
