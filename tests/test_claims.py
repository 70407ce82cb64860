"""The claim parser against the examples and decided cases of ANNOTATION.md section 1."""

import pytest

from analysis.extract.claims import find_claims


def claims_of(text):
    return [(c.text, c.value, c.kind, c.unit, c.qualifier) for c in find_claims(text)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("a significant performance gap (>13%) between", [(">13%", 13, "percent", "%", "more_than")]),
        ("it consists of 3.9K annotated videos", [("3.9K", 3900, "count", "videos", "none")]),
        ("up to 50x improved sample efficiency", [("50x", 50, "multiplier", "x", "up_to")]),
        ("using 285,153,903 patches", [("285,153,903", 285153903, "count", "patches", "none")]),
        ("LLaMA with 175B parameters", [("175B", 175e9, "params", "parameters", "none")]),
        ("a drop of -36.6% overall", [("-36.6%", -36.6, "percent", "%", "none")]),
        ("a drop of −2.5% overall", [("−2.5%", -2.5, "percent", "%", "none")]),
        ("an mAP of 45.2 on COCO", [("45.2", 45.2, "score", "map", "none")]),
        ("trained in 2.5 hours", [("2.5", 2.5, "duration", "hours", "none")]),
        ("about 4% better", [("4%", 4, "percent", "%", "approx")]),
        ("a ~4% gain", [("~4%", 4, "percent", "%", "approx")]),
        ("at least 20 tasks", [("20", 20, "count", "tasks", "at_least")]),
        ("9.7 million pages", [("9.7", 9.7e6, "count", "pages", "none")]),
        ("211k samples", [("211k", 211000, "count", "samples", "none")]),
        ("57.29\\% accuracy", [("57.29\\%", 57.29, "percent", "%", "none")]),
        ("9.36times faster", [("9.36times", 9.36, "multiplier", "x", "none")]),
        ("\\leq6.9B parameters", [("\\leq6.9B", 6.9e9, "params", "parameters", "at_most")]),
        ("a 12B model", [("12B", 12e9, "params", None, "none")]),
        ("an 8B-parameter model", [("8B", 8e9, "params", "parameter", "none")]),
        ("over 1000 hours of audio", [("1000", 1000, "duration", "hours", "more_than")]),
        ("improves by +2.3 percentage points", [("+2.3", 2.3, "percent", "pp", "none")]),
    ],
)
def test_guide_examples(text, expected):
    assert claims_of(text) == expected


@pytest.mark.parametrize(
    "text, spans",
    [
        ("from 18 to 25%", ["18", "25%"]),
        ("10-20% fewer errors", ["10", "20%"]),
        ("8-12x faster", ["8", "12x"]),
        ("from 75.4% to 78.5%", ["75.4%", "78.5%"]),
        ("95.4%/92.9% on the two splits", ["95.4%", "92.9%"]),
        ("8B/14B models", ["8B", "14B"]),
        ("1K-8K memory budgets", ["1K", "8K"]),
    ],
)
def test_ranges_and_pairs_are_two_claims(text, spans):
    assert [c.text for c in find_claims(text)] == spans


def test_first_number_of_a_range_takes_the_unit_of_the_second():
    assert [c.kind for c in find_claims("from 18 to 25%")] == ["percent", "percent"]
    assert [c.kind for c in find_claims("8-12x faster")] == ["multiplier", "multiplier"]


def test_a_model_size_beside_a_percent_stays_a_size():
    # "(11.0% for 2B and 17.4% for 7B)": 2B is a model size, not a percent like the number after it.
    claims = find_claims("notable gains (11.0% for 2B and 17.4% for 7B) over GPT-4V")
    assert [(c.text, c.kind, c.unit) for c in claims] == [
        ("11.0%", "percent", "%"),
        ("2B", "params", None),
        ("17.4%", "percent", "%"),
        ("7B", "params", None),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "GPT-4, Llama-2-7B, ResNet-50, ViT-B/16, ActivityNet-v1.3, THUMOS14, T3AL, Gen-3Diffusion, COCO-2017, v2",
        "2D and 3D scenes, 360-degree video, 9-DoF and 6-DoF poses, 4D, 1080p",
        "in 2023, on Mar 11, as Lee et al., 2023 found [12]",
        "1) first (2) second Section 3 Figure 2 Table 1 Eq. 3 Stage 3",
        "top-1, top-5, 1-shot, 5-shot, pass@1, n-gram, 8-bit, Recall@1",
        "see https://github.com/org/repo2024/tree/v1.5 for code",
        "three dimensions and six datasets",
        "O(N) time under Apache 2.0 on AIME 2024",
        "from Llama 1 to Llama 2, and Orca 2 improves",
        "1024 × 1024 pixels, ImageNet 256$\\times$ 256, a 3x3 kernel, 64\\times64 patches",
        "on LiveCodeBench-v6 (2024.08-2025.05)",
    ],
)
def test_never_a_claim(text):
    assert find_claims(text) == []


def test_offsets_point_at_the_span():
    text = "We reach 45.2 mAP (+3.1%) with 7B parameters."
    for claim in find_claims(text):
        assert text[claim.start_char : claim.end_char] == claim.text


def test_component_sets_doc_extension_and_span_group(nlp):
    doc = nlp("It is up to 50x faster and uses 3.9K annotated videos.")
    assert [claim["text"] for claim in doc._.claims] == ["50x", "3.9K"]
    assert [(span.text, span.label_) for span in doc.spans["papertrends_claims"]] == [
        ("50x", "multiplier"),
        ("3.9K", "count"),
    ]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("a 13-billion parameter model", [("13", 13e9, "params")]),
        ("yields a 20-point improvement", [("20", 20, "score")]),
        ("a huge number of queries (~ 10^{17})", [("10^{17}", 1e17, "count")]),
        ("real-time inference at 15 FPS", [("15", 15, "other")]),
        ("faster by up to a factor of 10", [("10", 10, "multiplier")]),
        ("a 10-fold speedup", [("10", 10, "multiplier")]),
        ("models ranging from 7 to 70 billion parameters", [("7", 7e9, "params"), ("70", 70e9, "params")]),
        ("the Crazyflie 2.1 drone", []),
    ],
)
def test_decided_cases(text, expected):
    assert [(c.text, c.value, c.kind) for c in find_claims(text)] == expected


@pytest.mark.parametrize(
    "text, direction, metric",
    [
        ("a significant performance gap (>13%) between models and humans", "gap", "performance"),
        ("up to 50x improved sample efficiency", "gain", "sample efficiency"),
        ("it reduces memory by 40%", "drop", "memory"),
        ("it outperforms prior methods by 3.1% in accuracy", "gain", "accuracy"),
        ("an mAP of 45.2 on COCO", "level", "map"),
        ("2x lower latency", "drop", "latency"),
    ],
)
def test_direction_and_metric(text, direction, metric):
    claim = find_claims(text)[0]
    assert (claim.direction, claim.metric) == (direction, metric)


def test_a_reference_word_skips_only_the_number_right_after_it():
    # "AIME 2024" and "Table 2" are no claims, but a comma between the word and the number ends the reference.
    assert [c.text for c in find_claims("84.3 on AIME, 72.2 on AIME2025, and Table 2")] == ["84.3", "72.2"]


@pytest.mark.parametrize(
    "text, expected",
    [
        # A unit spelled out: "percent", "percentage points" after the second of two numbers, "times" before a
        # comparative.
        ("only 1.42 percent of the weights", [("1.42", 1.42, "percent", "%", "none")]),
        (
            "over 5.3 and 9.7 percentage points",
            [("5.3", 5.3, "percent", "pp", "more_than"), ("9.7", 9.7, "percent", "pp", "none")],
        ),
        ("problems 2-4 times larger", [("2", 2, "multiplier", "x", "none"), ("4", 4, "multiplier", "x", "none")]),
        # Counts and durations that look like something else.
        ("up to 100 billion data points", [("100", 1e11, "count", "data points", "up_to")]),
        ("about 2,100 work hours", [("2,100", 2100, "duration", "hours", "approx")]),
        ("28 minutes on 8x H800 GPUs", [("28", 28, "duration", "minutes", "none"), ("8x", 8, "count", "gpus", "none")]),
    ],
)
def test_units_written_as_words_and_counts_written_as_multipliers(text, expected):
    assert claims_of(text) == expected
