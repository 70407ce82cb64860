"""`papertrends bench` measures every stage on the same texts and says when a corpus was repeated."""

import json

from typer.testing import CliRunner

from analysis.cli import app
from conftest import FIXTURES


def test_bench_reports_each_stage_and_the_floor(tmp_path):
    out = tmp_path / "bench.json"
    result = CliRunner().invoke(
        app, ["bench", "--corpus", str(FIXTURES / "hf_sample.jsonl"), "--scale", "30", "--model-sample", "3", "--json", str(out)]
    )
    assert result.exit_code == 0, result.output
    figures = json.loads(out.read_text())
    assert figures["corpus"] == figures["corpus"] | {"papers": 30, "repeated_to_scale": True}
    stages = figures["stages"]
    assert stages["extract"]["abstracts"] == 30 and stages["extract"]["abstracts_per_second_per_core"] > 0
    assert stages["build_end_to_end"]["papers"] == 30  # repeats carry fresh ids, so none merge
    assert stages["plain_re_floor"]["abstracts_per_second_per_core"] > stages["extract"]["abstracts_per_second_per_core"]
    assert set(stages["report_queries"]) >= {"overview", "buzzword_counts", "rates_buzzword"}
    assert figures["ratios"]["plain_re_floor_over_ours"] > 1 and figures["peak_rss_mb"] > 0
