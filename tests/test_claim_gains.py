"""Gains are gains: a number is a change only when its sentence says it is one (issue 15, item 4)."""

import pytest

from analysis.extract.claims import display_text, find_claims


def _direction(text: str, span: str) -> str:
    (claim,) = [claim for claim in find_claims(text) if claim.text == span]
    return claim.direction


@pytest.mark.parametrize(
    "text,span",
    [
        ("Evaluation of 17 models reveals limitations: no model exceeds 66% overall.", "66%"),
        ("Our model is the first open-source MLLM to surpass 70% on the MMMU benchmark.", "70%"),
        ("It scores 80% on MATH, surpassing GPT-4o (76.6%) and Claude 3.5 (71.1%).", "76.6%"),
        ("The base model achieves 86% accuracy, and GRPO fine-tuning boosts accuracy to 93%.", "93%"),
        ("No model exceeds 1% accuracy when both constraints are imposed.", "1%"),
        ("Training on <20% of tokens surpasses full-token training.", "<20%"),
    ],
)
def test_a_level_after_a_verb_of_comparison_or_to_is_no_gain(text, span):
    assert _direction(text, span) == "level"


@pytest.mark.parametrize(
    "text,span",
    [
        ("Our method outperforms the best baseline by 8.69% on TruthfulQA.", "8.69%"),
        ("It exceeds o1-preview on competition math by up to 27%.", "27%"),
        ("The agent achieves average gains of 3.6% to 3.9% on in-distribution benchmarks.", "3.6%"),
        ("The agent achieves average gains of 3.6% to 3.9% on in-distribution benchmarks.", "3.9%"),
        ("It improves accuracy by 5% over the baseline.", "5%"),
        ("Our sampler uses marginally higher (<4%) inference times.", "<4%"),
        ("The model delivers a 17.1% absolute improvement on AndroidWorld.", "17.1%"),
        ("Fine-tuning yields +9.7% on ALFWorld.", "+9.7%"),
    ],
)
def test_a_change_the_sentence_states_is_a_gain(text, span):
    assert _direction(text, span) == "gain"


@pytest.mark.parametrize(
    "raw,shown",
    [
        ("400\\%", "400%"),
        ("$12.5\\%$", "12.5%"),
        ("12,000times", "12,000×"),
        ("3.5 times", "3.5×"),
        ("$\\times$4", "×4"),
        ("2.1\\times", "2.1×"),
        ("50x", "50×"),
        ("\\sim 3\\%", "~3%"),
        ("\\geq 90\\%", "≥90%"),
        ("48.3% to 58.3%", "48.3% to 58.3%"),
    ],
)
def test_display_text_shows_percent_and_times_signs(raw, shown):
    assert display_text(raw) == shown


@pytest.mark.parametrize(
    "text,span",
    [
        ("The agent shows performance gains exceeding 5% on many key subtasks.", "5%"),
        ("It delivers user experience gains ranging from 17% to 28% on all tasks.", "17%"),
        ("It delivers user experience gains ranging from 17% to 28% on all tasks.", "28%"),
        ("It achieves improvements of upto 24% on difficult benchmarks.", "24%"),
    ],
)
def test_a_change_named_before_a_level_verb_or_a_range_stays_a_gain(text, span):
    assert _direction(text, span) == "gain"
