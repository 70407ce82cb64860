"""Rates per period with stated denominators, movers between periods, and code availability over time."""

import math
from datetime import date

import pytest

from analysis import trends
from analysis.build import build
from analysis.store import connect
from conftest import FIXTURES


@pytest.fixture(scope="module")
def dated_con(tmp_path_factory):
    db = tmp_path_factory.mktemp("trends") / "trends.duckdb"
    # 12 papers published in June and September 2025 (hf_sample), plus the same June papers seen again on HF.
    build([FIXTURES / "hf_sample.jsonl", FIXTURES / "2025-06-10.json"], db, progress=False)
    with connect(db, read_only=True) as con:
        yield con


def test_every_month_between_first_and_last_is_present(dated_con):
    frame = trends.papers_per_period(dated_con, "month", "published").frame
    assert [str(day) for day in frame["period"]] == ["2025-06-01", "2025-07-01", "2025-08-01", "2025-09-01"]
    assert frame["papers"].to_list() == [6, 0, 0, 6]
    assert trends.period_count(dated_con, "quarter", "published") == 2


def test_rates_state_their_denominator(dated_con):
    result = trends.rates(dated_con, "buzzword", "month", "published", items=["large language model"])
    june = result.frame.filter(result.frame["period"] == date(2025, 6, 1)).row(0, named=True)
    assert june["period_papers"] == 6
    assert june["papers_per_1000"] == round(1000 * june["papers"] / 6, 2)
    empty = result.frame.filter(result.frame["period"] == date(2025, 7, 1)).row(0, named=True)
    assert (empty["papers"], empty["period_papers"], empty["papers_per_1000"]) == (0, 0, None)
    assert "date_trunc('month', published)" in result.sql


def test_moving_average_window(dated_con):
    raw = trends.rates(dated_con, "buzzword", "month", "published", items=["fine-tuning"]).frame
    smooth = trends.rates(dated_con, "buzzword", "month", "published", window=2, items=["fine-tuning"]).frame
    values = raw["papers_per_1000"].to_list()
    assert smooth["papers_per_1000_avg"].to_list()[0] == values[0]
    assert smooth["papers_per_1000_avg"].to_list()[3] == values[3]  # the month before has no rate


def test_movers_are_ranked_by_signed_log_likelihood(dated_con):
    result = trends.movers(
        dated_con, "buzzword", "published", (date(2025, 6, 1), date(2025, 7, 1)), (date(2025, 9, 1), date(2025, 10, 1)),
        min_support=2,
    ).frame
    assert result.height > 0
    for row in result.iter_rows(named=True):
        a, b, n_a, n_b = row["papers_after"], row["papers_before"], row["n_after"], row["n_before"]
        expected_a, expected_b = n_a * (a + b) / (n_a + n_b), n_b * (a + b) / (n_a + n_b)
        g2 = 2 * sum(x * math.log(x / e) for x, e in ((a, expected_a), (b, expected_b)) if x)
        assert row["llr"] == pytest.approx(math.copysign(g2, a * n_b - b * n_a) if g2 else 0.0, abs=0.01)
        assert a + b >= 2
    assert list(result["llr"].abs()) == sorted(result["llr"].abs(), reverse=True)


def test_code_availability_compares_text_and_listing(dated_con):
    frame = trends.code_availability(dated_con, "month", "published").frame
    june = frame.row(0, named=True)
    assert june["papers"] == 6 and june["listing_repo"] >= 1 and 0 <= june["agreement_percent"] <= 100
    assert frame.row(1, named=True)["agreement_percent"] is None  # July has no papers


def test_unknown_period_or_basis_is_a_clear_error(dated_con):
    with pytest.raises(trends.TrendError, match="period must be one of week, month, quarter"):
        trends.rates(dated_con, period="year")
    with pytest.raises(trends.TrendError, match="basis must be one of published, listed"):
        trends.papers_per_period(dated_con, basis="updated")


def test_undated_listing_has_no_periods(seed_con):
    assert trends.period_count(seed_con, "month", "published") == 0
    assert trends.default_split(seed_con, "published") is None


def test_monthly_view_matches_the_rates_function(dated_con):
    from_view = dated_con.execute(
        "SELECT papers, month_papers, papers_per_1000 FROM monthly_buzzword_rates "
        "WHERE basis = 'published' AND month = DATE '2025-06-01' AND buzzword = 'large language model'"
    ).fetchone()
    frame = trends.rates(dated_con, "buzzword", "month", "published", items=["large language model"]).frame
    june = frame.filter(frame["period"] == date(2025, 6, 1)).row(0, named=True)
    assert from_view == (june["papers"], june["period_papers"], june["papers_per_1000"])


def test_shown_sql_has_its_parameters_bound_and_runs_on_a_plain_connection(dated_con, tmp_path):
    text = trends.sql_for(dated_con, "top_entities", label="it's", limit=3)
    assert "$" not in text and "'it''s'" in text and "LIMIT 3" in text
    db = dated_con.execute("SELECT path FROM duckdb_databases() WHERE database_name = current_database()").fetchone()[0]
    with connect(db, read_only=True) as plain:
        assert plain.execute(text).fetchall() == []
    with pytest.raises(trends.WindowError, match="no value for parameter"):
        trends.sql_for(dated_con, "top_entities", label="MODEL")
    with pytest.raises(trends.WindowError, match="takes no parameter"):
        trends.sql_for(dated_con, "claim_kinds", limit=3)


def test_a_window_is_written_into_the_sql_that_runs(dated_con):
    db = dated_con.execute("SELECT path FROM duckdb_databases() WHERE database_name = current_database()").fetchone()[0]
    with connect(db, read_only=True) as con:
        whole = trends.overview(con)["papers"]
        trends.restrict_to_window(con, since=date(2025, 9, 1), until=date(2025, 9, 30))
        in_window = con.execute(
            "SELECT count(*) FROM papers WHERE coalesce(listed, published) BETWEEN DATE '2025-09-01' AND DATE '2025-09-30'"
        ).fetchone()[0]
        assert 0 < trends.overview(con)["papers"] == in_window < whole
        shown = trends.sql_for(con, "buzzword_counts", limit=5)
        counts = trends.buzzword_counts(con, limit=5)
        result = trends.papers_per_period(con, "month", "published")
        assert "WHERE coalesce(listed, published)" in shown and "'2025-09-01'::DATE" in result.sql
    # The text alone gives the window's numbers, on a connection where no window was set.
    with connect(db, read_only=True) as plain:
        assert plain.execute(shown).pl().equals(counts)
        assert not counts.equals(trends.buzzword_counts(plain, limit=5))
        assert plain.execute(result.sql).pl()["papers"].sum() == in_window
        assert plain.execute("SELECT count(*) FROM papers").fetchone()[0] == whole


def test_a_figures_paper_ids_come_with_its_number(dated_con):
    for row in trends.buzzword_counts(dated_con, limit=5).iter_rows(named=True):
        assert len(row["paper_ids"]) == row["papers"] == len(set(row["paper_ids"]))
    summary = trends.overview(dated_con)
    assert len(summary["papers_with_code_ids"]) == summary["papers_with_code"]
    assert len(summary["papers_with_claims_ids"]) == summary["papers_with_claims"]
