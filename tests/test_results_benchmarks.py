"""Claimed results (issue 19), session 14: benchmarks the sentence names though the entities component missed
them, numbers that share a benchmark or a metric, metric aliases from the lexicons, and what is not a result."""

import pytest

from analysis.extract import build_pipeline
from analysis.extract.results import _Name, benchmark_names, result_cues


@pytest.fixture(scope="module")
def nlp():
    return build_pipeline()


def found(nlp, text):
    return [(r["text"], r["benchmark"], r["metric"]) for r in nlp(text)._.results]


# Benchmarks from the sentence's structure.


def test_a_name_before_a_benchmark_noun_is_a_benchmark(nlp):
    text = "Evaluated on the Dolphins benchmark, our NutVLM yields a 4.89% improvement in robustness."
    assert found(nlp, text) == [("4.89%", "Dolphins", None)]


def test_a_kind_of_benchmark_in_the_plural_is_none(nlp):
    # "TSF benchmarks" are time-series forecasting benchmarks, not one named benchmark.
    assert found(nlp, "On 12 TSF benchmarks, our model beats TSFMs by 6% in MSE reduction.") == []


def test_a_name_in_one_list_with_a_benchmark_is_one_too(nlp):
    text = "Experiments across CMM and AVHBench show gains (7.8% and 2.0% for VideoLLaMA2-AV)."
    assert found(nlp, text) == [("7.8%", "CMM", None), ("2.0%", "AVHBench", None)]


def test_a_coinage_after_on_at_the_sentence_end(nlp):
    # "GSM8K." is one token, so the entities component finds no name; the results component reads the text.
    assert found(nlp, "Our model reaches 81.2% accuracy on GSM8K. It is small.") == [("81.2%", "GSM8K", "accuracy")]
    assert found(nlp, "Our model reaches 0.71 on ZQ-Eval.") == [("0.71", "ZQ-Eval", None)]


def test_hardware_after_on_is_no_benchmark(nlp):
    assert found(nlp, "It runs with a 2.4x speedup on A100.") == []


def test_a_system_verb_after_a_name_makes_it_the_system():
    lexicon = result_cues()
    text = "Across eight benchmarks, BiPS boosts Qwen2.5-VL-7B by 8.2% on average."
    datasets, _ = benchmark_names(text, [_Name(25, 29, "BiPS", False)], [], lexicon)
    assert datasets == []
    text = "On MMLU, BiPS scores 71.0%."
    datasets, _ = benchmark_names(text, [_Name(3, 7, "MMLU", False)], [], lexicon)
    assert [d.canonical for d in datasets] == ["MMLU"]


def test_a_year_and_a_coined_name_after_a_benchmark_are_its_name():
    lexicon = result_cues()
    text = "The best results on VLSP 2025 MLQA-TSR are an F2 score of 64.55%."
    datasets, models = benchmark_names(
        text, [_Name(20, 24, "VLSP", False)], [_Name(30, 38, "MLQA-TSR", False)], lexicon
    )
    assert [d.canonical for d in datasets] == ["VLSP 2025 MLQA-TSR"] and models == []


def test_a_model_name_before_a_benchmark_noun_is_taken_as_the_benchmark():
    lexicon = result_cues()
    text = "On the VersatileGait database, networks reach 96% accuracy."
    datasets, models = benchmark_names(text, [], [_Name(7, 20, "VersatileGait", False)], lexicon)
    assert [d.canonical for d in datasets] == ["VersatileGait"] and models == []


def test_a_one_digit_version_is_part_of_the_name_not_a_result(nlp):
    text = "Our approach achieves 53.8% pass@1 on ARC-AGI 1 and 16.0% pass@1 on ARC-AGI 2."
    assert found(nlp, text) == [("53.8%", "ARC-AGI 1", "pass@1"), ("16.0%", "ARC-AGI-2", "pass@1")]


def test_benchmark_names_fold_to_the_lexicons_name(nlp):
    assert found(nlp, "HyperAgent attains 31.40% on SWE-Bench-Verified.") == [("31.40%", "SWE-bench Verified", None)]
    assert found(nlp, "It scores 41.2% on AIME-24.") == [("41.2%", "AIME 2024", None)]


def test_a_benchmarks_size_stays_in_its_name(nlp):
    text = "Our method achieves an FPR95 of 27.57% on the challenging ImageNet-1K benchmark."
    assert found(nlp, text) == [("27.57%", "ImageNet-1K", "fpr95")]


# Numbers that share a benchmark or a metric.


def test_a_list_of_numbers_shares_the_benchmark_after_it(nlp):
    text = "OpenSWE-32B and OpenSWE-72B achieve 62.4% and 66.0% on SWE-bench Verified."
    assert found(nlp, text) == [("62.4%", "SWE-bench Verified", None), ("66.0%", "SWE-bench Verified", None)]
    text = "RL enhances distilled models (e.g., +14.6% / +17.2% on AIME 2025 for the 7B / 14B models)."
    assert found(nlp, text) == [("+14.6%", "AIME 2025", None), ("+17.2%", "AIME 2025", None)]


def test_a_range_shares_its_benchmark_and_metric(nlp):
    text = "Leading VLMs achieve near-zero accuracy (0-5.36%)-even with prompting on HC-Bench."
    assert found(nlp, text) == [("0", "HC-Bench", "accuracy"), ("5.36%", "HC-Bench", "accuracy")]


def test_respectively_pairs_the_run_of_numbers_as_long_as_the_list(nlp):
    text = (
        "CodeV-R1-7B achieves 68.6% and 72.9% pass@1 on VerilogEval v2 and RTLLM v1.1, respectively, "
        "surpassing prior state-of-the-art by 12.0%."
    )
    # Both keep their version (the guide's R4): RTLLM is a DATASET by its list with VerilogEval v2.
    assert found(nlp, text)[:2] == [("68.6%", "VerilogEval v2", "pass@1"), ("72.9%", "RTLLM v1.1", "pass@1")]


def test_a_list_of_numbers_shares_the_metric_after_it(nlp):
    text = "Models trained on C4 need 16X, 25X, and 47X less memory for attention, respectively."
    assert found(nlp, text) == [("16X", "C4", "memory"), ("25X", "C4", "memory"), ("47X", "C4", "memory")]


def test_a_metric_right_after_another_number_is_that_numbers(nlp):
    assert found(nlp, "It reaches ~2x speedup on A100 and 80% on MMLU.") == [("80%", "MMLU", None)]


def test_the_metric_after_the_next_number_is_the_next_numbers(nlp):
    text = "CATTS improves on WebArena-Lite by up to 9.1% over React while using 2.3x fewer tokens."
    assert found(nlp, text) == [("9.1%", "WebArena-Lite", None), ("2.3x", "WebArena-Lite", "tokens")]
    text = "On WebArena-Lite it gains 9.1% with 2.3x fewer tokens."
    assert found(nlp, text) == [("9.1%", "WebArena-Lite", None), ("2.3x", "WebArena-Lite", "tokens")]


def test_a_vaguely_named_metric_is_none_though_the_sentence_names_one(nlp):
    text = "On the Dolphins benchmark, NutVLM yields a 4.89% improvement in overall metrics (e.g., Accuracy)."
    assert found(nlp, text) == [("4.89%", "Dolphins", None)]


def test_a_metric_past_the_numbers_benchmark_is_another_phrases(nlp):
    text = "It raises the accuracy of X-32B from 55.2% to 73.3% on AIME2025 as the compute budget scales."
    assert found(nlp, text) == [("55.2%", "AIME 2025", "accuracy"), ("73.3%", "AIME 2025", "accuracy")]


# Metric aliases (data/lexicons/metric_polarity.csv, result_cues.csv).


@pytest.mark.parametrize(
    ("text", "metric"),
    [
        ("Our kernel doubles throughput to 3.1x on LongBench.", "speed"),
        # a duration tied to a benchmark is a latency result (guide R7); session 14 read none here
        ("It cuts inference time to 0.8 s per sample on MVBench.", "latency"),
        ("We reach an AU-ROC of 98.9% on MVTec AD.", "auc"),
        ("It reaches an IS of 316.9 on ImageNet.", "inception score"),
        ("Show-o Turbo displays a GenEval score of 0.625 at 4 steps.", "score"),
        ("It lowers gFID to 1.86 on ImageNet.", "fid"),
        ("It needs 36% fewer MACs on ImageNet.", "flops"),
    ],
)
def test_metric_aliases(nlp, text, metric):
    results = nlp(text)._.results
    if metric is None:
        assert all(r["metric"] != "latency" or r["unit"] for r in results)
    else:
        assert [r["metric"] for r in results] == [metric]


def test_a_short_capital_alias_keeps_its_case():
    lexicon = result_cues()
    assert lexicon.metric_re.search("its IS is 316.9").group(1) == "IS"
    assert lexicon.metric_re.search("the model is good") is None


# Not results.


def test_a_size_with_a_magnitude_is_no_result(nlp):
    text = "It achieves 80% accuracy on MMLU, exceeding the accuracy of 671B DeepSeek-R1."
    assert found(nlp, text) == [("80%", "MMLU", "accuracy")]


def test_a_parameter_reduction_by_a_factor_is_no_result(nlp):
    text = "It reaches 80.1% on ImageNet, while reducing model parameters by a factor of 15.6."
    assert found(nlp, text) == [("80.1%", "ImageNet", None)]


def test_a_correlation_coefficient_is_no_result(nlp):
    text = "On the OU-ISIR dataset, age correlates with gait, with correlation coefficients of at least 0.27."
    assert found(nlp, text) == []


# Claims the results need (analysis/extract/claims.py).


def test_a_number_in_latex_bold_is_a_claim(nlp):
    doc = nlp("Humans reach near-ceiling accuracy on EcoG-Bench (\\textbf{96.9\\%} strict Eco-Accuracy).")
    assert [c["text"] for c in doc._.claims] == ["96.9\\%"]
    assert [(r["benchmark"], r["metric"]) for r in doc._.results] == [("EcoG-Bench", "accuracy")]
