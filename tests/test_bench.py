"""`papertrends bench` measures every stage on the same texts and says when a corpus was repeated."""

import json

import pytest
from conftest import FIXTURES
from typer.testing import CliRunner

from analysis.cli import app

pytestmark = pytest.mark.slow  # builds with worker processes, kills builds or times whole jobs


def test_bench_reports_each_stage_and_the_floor(tmp_path):
    out = tmp_path / "bench.json"
    result = CliRunner().invoke(
        app,
        [
            "bench",
            "--corpus",
            str(FIXTURES / "hf_sample.jsonl"),
            "--scale",
            "30",
            "--model-sample",
            "3",
            "--json",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.output
    figures = json.loads(out.read_text())
    assert figures["corpus"] == figures["corpus"] | {"papers": 30, "repeated_to_scale": True}
    stages = figures["stages"]
    assert stages["extract"]["abstracts"] == 30 and stages["extract"]["abstracts_per_second_per_core"] > 0
    assert stages["build_end_to_end"]["papers"] == 30  # repeats carry fresh ids, so none merge
    assert (
        stages["plain_re_floor"]["abstracts_per_second_per_core"] > stages["extract"]["abstracts_per_second_per_core"]
    )
    # The tokenizer alone is part of the extraction: faster than it, and a share of its time below 1.
    tokenizer = stages["spacy_tokenizer_alone"]
    assert tokenizer["abstracts_per_second_per_core"] > stages["extract"]["abstracts_per_second_per_core"]
    assert 0 < tokenizer["share_of_extract"] < 1
    assert set(stages["report_queries"]) >= {"overview", "buzzword_counts", "rates_buzzword"}
    assert figures["ratios"]["plain_re_floor_over_ours"] > 1 and figures["peak_rss_mb"] > 0


def test_bench_build_only_streams_a_scaled_listing_into_a_real_build(tmp_path):
    out, kept = tmp_path / "scale.json", tmp_path / "scaled.duckdb"
    result = CliRunner().invoke(
        app,
        [
            "bench",
            "--corpus",
            str(FIXTURES / "hf_sample.jsonl"),
            "--scale",
            "50",
            "--build-only",
            "--workers",
            "2",
            "--keep",
            str(kept),
            "--json",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.output
    figures = json.loads(out.read_text())
    assert figures["corpus"] | {"listing_written_seconds": 0} == {
        "input": str(FIXTURES / "hf_sample.jsonl"),
        "distinct_papers": 12,
        "papers": 50,
        "repeated_to_scale": True,
        "listing_written_seconds": 0,
    }
    assert figures["build"]["papers"] == figures["build"]["extracted"] == 50
    # The two worker processes count in the memory figure: more than this process alone.
    assert figures["build"]["peak_rss_mb_all_processes"] > 200
    assert set(figures["report_queries"]) >= {"overview", "explore", "rates_MODEL"}
    import duckdb

    with duckdb.connect(str(kept), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM papers WHERE title LIKE '%[repeat 3]'").fetchone()[0] == 12


@pytest.mark.slow  # builds a database or starts a process: in make test, not make test-fast
def test_compare_terms_alternates_builds_with_and_without_terms(tmp_path):
    out = tmp_path / "compare.json"
    result = CliRunner().invoke(
        app,
        [
            "bench",
            "--corpus",
            str(FIXTURES / "hf_sample.jsonl"),
            "--scale",
            "40",
            "--build-only",
            "--compare-terms",
            "1",
            "--json",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.output
    figures = json.loads(out.read_text())
    with_terms, without = figures["runs"]
    assert (with_terms["terms"], without["terms"]) == (True, False)
    assert with_terms["terms_rows"] > 0 and without["terms_rows"] == 0 and without["term_vocabulary"] == 0
    assert with_terms["database_mb"] >= without["database_mb"]
    pair = figures["pairs"][0]
    assert pair["build_seconds"] == round(with_terms["seconds"] / without["seconds"], 3)
    # The CPU of the build and its workers, which a loaded machine stretches much less than the wall time: a
    # build of 40 papers spends at least a second starting Python and spaCy.
    assert without["cpu_seconds_all_processes"] >= 1.0
    assert pair["cpu_seconds_all_processes"] == round(
        with_terms["cpu_seconds_all_processes"] / without["cpu_seconds_all_processes"], 3
    )
    assert figures["median_ratio"]["database_mb"] == pair["database_mb"]
