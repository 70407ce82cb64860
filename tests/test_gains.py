"""The Claims page's gains chart: stated and derived percent gains, no levels, and a headline that is true."""

import json
import re

import pytest

from analysis import trends
from analysis.build import build
from analysis.store import connect

ABSTRACTS = [
    "Our prompts improve accuracy from 48.3% to 58.3% on MMLU.",  # two levels, one derived gain of 20.7%
    "The adapter improves accuracy by 3.1% over LoRA.",  # a stated gain
    "Distillation boosts the F1 score by 12%. It also improves recall by 30%.",  # two stated gains
    "Pruning half the heads gives +294.1% perplexity.",  # a rise that is worse: no gain
    "Caching cuts latency by 40%.",  # a fall: not drawn
    "It reaches 95.2% accuracy.",  # a level
]
GAINS = {"stated": [3.1, 12.0, 30.0], "derived": [100 * (58.3 - 48.3) / 48.3]}


@pytest.fixture(scope="module")
def gains_con(tmp_path_factory):
    folder = tmp_path_factory.mktemp("gains")
    listing = folder / "papers.jsonl"
    with listing.open("w", encoding="utf-8") as out:
        for number, abstract in enumerate(ABSTRACTS, start=1):
            out.write(json.dumps({"id": f"2501.{number:05d}", "title": f"Paper {number}", "abstract": abstract}) + "\n")
    build([listing], folder / "gains.duckdb", progress=False)
    with connect(folder / "gains.duckdb", read_only=True) as con:
        yield con


def test_the_chart_counts_stated_and_derived_gains_and_no_levels(gains_con):
    values = trends.run(gains_con, "percent_gain_values")
    for source, gains in GAINS.items():
        assert sorted(values.filter(values["source"] == source)["gain"].to_list()) == pytest.approx(gains)
    # The chart's bins of 5 points: 3.1 in 0-5, 12 in 10-15, 20.7 (derived) in 20-25, 30 in 30-35.
    binned = trends.percent_gains(gains_con)
    assert binned.select("source", "gain_from", "gains").rows() == [
        ("stated", 0.0, 1),
        ("stated", 10.0, 1),
        ("derived", 20.0, 1),
        ("stated", 30.0, 1),
    ]


def test_the_headline_is_true_of_the_gains_it_counts_and_keeps_stated_and_derived_apart(gains_con):
    summary = trends.percent_gains_summary(gains_con)
    headline = summary.headline
    stated = float(re.search(r"half of the 3 stated gains are ([\d.]+)% or less", headline).group(1))
    assert sum(gain <= stated for gain in GAINS["stated"]) >= len(GAINS["stated"]) / 2
    assert stated == 12.0  # 3.1, 12, 30: the lower median of the stated gains alone
    derived = float(
        re.search(r"half of the 1 gains derived from “from A to B” are ([\d.]+)% or less relative", headline).group(1)
    )
    assert derived == 20.8  # 20.70...% rounded up
    assert "half rose by 10.0 points or less" in headline  # 48.3% to 58.3%: 10.0 points


def test_the_headline_rounds_the_median_up_so_it_stays_true():
    # 21.24 printed as 21.2 would make "half are 21.2% or less" false for the gains equal to 21.24.
    summary = trends.GainsSummary(gains=3, stated=3, derived=0, stated_median=21.24)
    assert "are 21.3% or less" in summary.headline
    assert trends.GainsSummary(gains=1, stated=1, derived=0, stated_median=12.0).stated_median_rounded_up == 12.0


def test_no_gains_says_so():
    assert (
        trends.GainsSummary(gains=0, stated=0, derived=0, stated_median=None).headline
        == "No percent gains claimed in these papers"
    )


def test_the_gain_values_carry_their_shown_text_and_points(gains_con):
    values = trends.run(gains_con, "percent_gain_values")
    derived = values.filter(values["source"] == "derived").row(0, named=True)
    assert derived["text"] == "48.3% to 58.3%" and derived["points"] == pytest.approx(10.0)
    assert derived["direction"] == "rose" and values.filter(values["source"] == "stated")["points"].is_null().all()
