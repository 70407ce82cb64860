"""Rates per period with stated denominators, movers between periods tested for significance, partial
months, and the Trends page's findings sentences checked against small listings whose numbers are known."""

import json
import math
from datetime import date, timedelta
from itertools import count

import pytest
from conftest import FIXTURES
from test_findings import assert_counts_link_their_sets, linked, plain

from analysis import trends
from analysis.build import build
from analysis.store import connect
from analysis.store.db import create_schema
from analysis.trends import periods as trends_periods
from analysis.trends import significance
from analysis.trends.findings import mover_sentences, trends_findings

_ids = count()


def papers(day: date, how_many: int, *buzzwords: str) -> list[tuple[date, tuple[str, ...]]]:
    """``how_many`` papers published on ``day``, each mentioning ``buzzwords``."""
    return [(day, buzzwords)] * how_many


def listing_db(tmp_path, rows: list[tuple[date, tuple[str, ...]]]):
    """A database holding just these papers (dated by publication) and their buzzword mentions."""
    con = connect(tmp_path / "listing.duckdb")
    create_schema(con)
    for day, buzzwords in rows:
        paper_id = f"p{next(_ids)}"
        con.execute(
            "INSERT INTO papers (paper_id, title, abstract, published, source, source_file, source_position, build_id) "
            "VALUES (?, 'A title', 'An abstract.', ?, 'test', 'test.jsonl', 0, 1)",
            [paper_id, day],
        )
        for buzzword in buzzwords:
            con.execute(
                "INSERT INTO buzzword_mentions (paper_id, field, start_char, end_char, text, buzzword, build_id) VALUES (?, 'abstract', 0, 1, ?, ?, 1)",
                [paper_id, buzzword, buzzword],
            )
    return con


def spread(start: date, end: date, how_many: int, *buzzwords: str) -> list[tuple[date, tuple[str, ...]]]:
    """``how_many`` papers over the days ``start`` to ``end`` (both included), the first on ``start`` and the
    last on ``end``, each mentioning ``buzzwords``."""
    days = (end - start).days
    return [(start + timedelta(days=days * i // max(how_many - 1, 1)), buzzwords) for i in range(how_many)]


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
    result = trends.rates(dated_con, "buzzword", "month", "published", items=["reinforcement learning"])
    june = result.frame.filter(result.frame["period"] == date(2025, 6, 1)).row(0, named=True)
    assert june["period_papers"] == 6
    assert june["papers"] > 0  # a row the fixture uses, so the rate below is not 0 / 6
    assert june["papers_per_1000"] == round(1000 * june["papers"] / 6, 2)
    empty = result.frame.filter(result.frame["period"] == date(2025, 7, 1)).row(0, named=True)
    assert (empty["papers"], empty["period_papers"], empty["papers_per_1000"]) == (0, 0, None)
    assert "date_trunc('month', published)" in result.sql


def test_months_the_data_cover_in_part_are_marked_partial(dated_con):
    # The papers run from 6 June to 15 September 2025: June and September are partial, July and August whole.
    frame = trends.papers_per_period(dated_con, "month", "published").frame
    assert frame["partial"].to_list() == [True, False, False, True]
    rates = trends.rates(dated_con, "buzzword", "month", "published", items=["reinforcement learning"]).frame
    assert rates["partial"].to_list() == [True, False, False, True]
    assert trends.code_availability(dated_con, "month", "published").frame["partial"].to_list() == [
        True,
        False,
        False,
        True,
    ]
    # Quarters: Q2 starts on 1 April, before the data; Q3 ends on 30 September, after them.
    assert trends.papers_per_period(dated_con, "quarter", "published").frame["partial"].to_list() == [True, True]


def test_comparisons_leave_out_a_partial_last_month(tmp_path):
    # Data from 1 January to 21 July 2025: January to June are whole, July is not.
    con = listing_db(
        tmp_path, [*spread(date(2025, 1, 1), date(2025, 6, 30), 60), *spread(date(2025, 7, 1), date(2025, 7, 21), 5)]
    )
    assert trends.papers_per_period(con, "month", "published").frame["partial"].to_list() == [False] * 6 + [True]
    assert trends.default_split(con, "published") == (date(2025, 1, 1), date(2025, 4, 1), date(2025, 7, 1))
    findings = trends_findings(con, "published")
    assert "July 2025 only to the 21st" in findings[0] and "left out of comparisons" in findings[0]


def test_comparisons_leave_out_a_partial_first_month(tmp_path):
    # Data from 10 January to 30 April 2025: February to April are whole, so the last whole month (April) is
    # compared with the one before it.
    con = listing_db(tmp_path, spread(date(2025, 1, 10), date(2025, 4, 30), 40))
    assert trends.default_split(con, "published") == (date(2025, 3, 1), date(2025, 4, 1), date(2025, 5, 1))
    findings = trends_findings(con, "published")
    assert "January 2025 has data only from the 10th" in findings[0]
    assert findings[1].startswith("Too few papers to say what rose or fell (Apr 2025 against Mar 2025: ")


def test_two_whole_months_are_needed_for_a_comparison(tmp_path):
    # 15 January to 10 March: February is the only whole month.
    con = listing_db(tmp_path, spread(date(2025, 1, 15), date(2025, 3, 10), 30))
    assert trends.default_split(con, "published") is None
    assert "fewer than two whole months" in trends_findings(con, "published")[1]
    with pytest.raises(trends.TrendError, match="fewer than two whole months"):
        trends.movers(con)


def test_two_by_two_log_likelihood_computed_by_hand():
    # 10 of 100 papers earlier, 30 of 100 later. Expected cells: 20 term and 80 other papers per period.
    # G² = 2 (10 ln(10/20) + 90 ln(90/80) + 30 ln(30/20) + 70 ln(70/80))
    #    = 2 (-6.93147 + 10.60047 + 12.16395 - 9.34720) = 12.9715; chi-square (1 df) tail at 12.9715 = 0.000316.
    assert significance.log_likelihood_g2(10, 100, 30, 100) == pytest.approx(12.9715, abs=1e-4)
    assert significance.chi2_1df_p_value(12.9715) == pytest.approx(0.000316, abs=1e-6)
    change = significance.compare(10, 100, 30, 100)
    assert (round(change.g2, 4), change.direction) == (12.9715, significance.RISING)
    assert change.log_ratio == pytest.approx(math.log2(3))
    # The same table read the other way round falls by as much.
    assert significance.compare(30, 100, 10, 100).g2 == pytest.approx(-12.9715, abs=1e-4)


def test_p_values_match_the_chi_square_table():
    # Critical values of chi-square with 1 degree of freedom, from any statistics table.
    for critical, p_value in ((3.841, 0.05), (6.635, 0.01), (10.828, 0.001)):
        assert significance.chi2_1df_p_value(critical) == pytest.approx(p_value, rel=1e-3)
    assert significance.chi2_1df_p_value(significance.G2_CRITICAL) < significance.SIGNIFICANCE_LEVEL
    assert significance.chi2_1df_p_value(0.0) == 1.0


def test_log_ratio_counts_a_missing_term_as_half_a_paper():
    assert significance.log_ratio(5, 100, 10, 100) == pytest.approx(1.0)
    assert significance.log_ratio(8, 200, 2, 100) == pytest.approx(-1.0)
    # 0 of 100 before is taken as 0.5 of 100: log2(4 / 0.5) = 3.
    assert significance.log_ratio(0, 100, 4, 100) == pytest.approx(3.0)


def test_fourteen_papers_against_one_is_not_always_a_fall():
    # 14 of 100 papers, then 1 of 20: the share falls from 14% to 5%, but G² = 1.49 (p = 0.22).
    change = significance.compare(14, 100, 1, 20)
    assert change.direction == significance.NO_CHANGE and change.g2 < 0 and change.p_value > 0.2
    # 14 of 40, then 1 of 20: G² = 7.74, p = 0.005 < 0.01, a significant fall.
    assert significance.compare(14, 40, 1, 20).direction == significance.FALLING
    # A significant difference between periods of fewer than MIN_PERIOD_PAPERS papers is not called a fall.
    assert significance.compare(14, 15, 0, 15).p_value < 0.0001
    assert significance.compare(14, 15, 0, 15).direction == significance.NO_CHANGE
    # Nor is one of a term with fewer than MIN_TERM_PAPERS papers.
    assert significance.compare(4, 1000, 0, 10).direction == significance.NO_CHANGE


def test_findings_name_no_term_when_nothing_changed_significantly(tmp_path):
    # January to March: 14 of 100 papers say few-shot; April to June: 1 of 20.
    con = listing_db(
        tmp_path,
        [
            *spread(date(2025, 1, 1), date(2025, 3, 31), 14, "few-shot"),
            *spread(date(2025, 1, 2), date(2025, 3, 30), 86),
            *spread(date(2025, 4, 1), date(2025, 6, 30), 1, "few-shot"),
            *spread(date(2025, 4, 2), date(2025, 6, 30), 19),
        ],
    )
    split = trends.default_split(con, "published")
    assert split == (date(2025, 1, 1), date(2025, 4, 1), date(2025, 7, 1))
    lines = mover_sentences(con, "published", split)
    assert lines[0].startswith("No buzzword rose significantly (Apr 2025–Jun 2025 against Jan 2025–Mar 2025;")
    assert lines[1].startswith("No buzzword fell significantly (Apr 2025–Jun 2025 against Jan 2025–Mar 2025;")
    assert "p < 0.01" in lines[1] and "at least 5 papers" in lines[1] and "at least 20 papers" in lines[1]
    assert not any("few" in line for line in lines)
    assert trends.movers(con, significant_only=True).frame.height == 0
    assert trends.no_movers_sentence("buzzword", split).startswith(
        "No buzzword rose or fell significantly (Apr 2025–Jun 2025 against Jan 2025–Mar 2025; significant means p < 0.01"
    )


def test_findings_state_a_significant_rise_with_its_figures(tmp_path):
    # January to March: 10 of 100 papers say few-shot; April to June: 30 of 100 (the hand-computed table).
    con = listing_db(
        tmp_path,
        [
            *spread(date(2025, 1, 1), date(2025, 3, 31), 10, "few-shot"),
            *spread(date(2025, 1, 2), date(2025, 3, 30), 90),
            *spread(date(2025, 4, 1), date(2025, 6, 30), 30, "few-shot"),
            *spread(date(2025, 4, 2), date(2025, 6, 29), 70),
        ],
    )
    linked_findings = trends_findings(con, "published")
    findings = [plain(line) for line in linked_findings]
    assert (
        findings[0] == "**200 dated papers** over 6 months (January 2025 to June 2025), placed by their published date."
    )
    assert_counts_link_their_sets(linked_findings)
    # "in 30 of 100 papers against 10 of 100": each number opens its papers.
    after = sorted(
        row[0]
        for row in con.execute(
            "SELECT DISTINCT paper_id FROM buzzword_mentions JOIN papers USING (paper_id) "
            "WHERE buzzword = 'few-shot' AND published >= DATE '2025-04-01'"
        ).fetchall()
    )
    assert [len(opened) for _, opened in linked(linked_findings[1])] == [30, 100, 10, 100]
    assert linked(linked_findings[1])[0][1] == after
    assert findings[1] == (
        "Rising most (Apr 2025–Jun 2025 against Jan 2025–Mar 2025): **few-shot**, in 30 of 100 papers against "
        "10 of 100 papers before (100.0 to 300.0 per 1,000 papers; G² = 13.0, p = 0.0003, log ratio +1.58)."
    )
    assert findings[2].startswith("No buzzword fell significantly")
    table = trends.movers(con, significant_only=True).frame
    assert table.select("item", "direction").rows() == [("few-shot", significance.RISING)]


def test_findings_say_when_the_periods_are_too_small(tmp_path):
    con = listing_db(
        tmp_path,
        [
            *spread(date(2025, 1, 1), date(2025, 3, 31), 10, "few-shot"),
            *spread(date(2025, 4, 1), date(2025, 6, 30), 10),
        ],
    )
    assert plain(trends_findings(con, "published")[1]) == (
        "Too few papers to say what rose or fell (Apr 2025–Jun 2025 against Jan 2025–Mar 2025: 10 papers against 10; "
        "a comparison needs at least 20 in each)."
    )


def test_a_period_too_large_for_its_ids_links_its_papers_by_date(tmp_path, monkeypatch):
    # With links carrying at most 50 ids, the periods' 100 papers are opened by the trend's own date field and
    # period; the 30 few-shot papers still come by id.
    monkeypatch.setattr("analysis.trends.queries.EVIDENCE_IDS", 50)
    con = listing_db(
        tmp_path,
        [
            *spread(date(2025, 1, 1), date(2025, 3, 31), 10, "few-shot"),
            *spread(date(2025, 1, 2), date(2025, 3, 30), 90),
            *spread(date(2025, 4, 1), date(2025, 6, 30), 30, "few-shot"),
            *spread(date(2025, 4, 2), date(2025, 6, 29), 70),
        ],
    )
    rising = trends_findings(con, "published")[1]
    assert_counts_link_their_sets([rising])
    opened = [opened for _, opened in linked(rising)]
    assert len(opened[0]) == 30 and len(opened[2]) == 10
    assert opened[1] == ("all", "all", 100, "published", "2025-04-01", "2025-07-01")
    assert opened[3] == ("all", "all", 100, "published", "2025-01-01", "2025-04-01")


def test_movers_score_the_two_by_two_table(dated_con):
    result = trends.movers(
        dated_con,
        "buzzword",
        "published",
        (date(2025, 6, 1), date(2025, 7, 1)),
        (date(2025, 9, 1), date(2025, 10, 1)),
        min_support=2,
    ).frame
    diffusion = result.filter(result["item"] == "diffusion model").row(0, named=True)
    # The table's cells, counted straight from the mentions: 0 of 6 June papers, 2 of 6 September papers.
    counted = dated_con.execute(
        "SELECT month(published), count(DISTINCT paper_id) FROM buzzword_mentions JOIN papers USING (paper_id) "
        "WHERE buzzword = 'diffusion model' GROUP BY ALL ORDER BY ALL"
    ).fetchall()
    assert counted == [(9, 2)]
    assert (diffusion["papers_before"], diffusion["n_before"], diffusion["papers_after"], diffusion["n_after"]) == (
        0,
        6,
        2,
        6,
    )
    # Expected cells: 1 term and 5 other papers per month;
    # G² = 2 (6 ln(6/5) + 2 ln(2/1) + 4 ln(4/5)) = 3.175 (3.18 as the table rounds it), positive because the
    # share rose; p = erfc(sqrt(G²/2)) = 0.0748.
    assert diffusion["g2"] == pytest.approx(3.175, abs=0.01)
    assert diffusion["p_value"] == pytest.approx(0.0748, abs=0.0001)
    # Months of six papers are below the minimum a comparison needs: nothing is called falling.
    assert set(result["direction"]) == {significance.NO_CHANGE}
    assert list(result["g2"].abs()) == sorted(result["g2"].abs(), reverse=True)
    assert min(result["papers_before"] + result["papers_after"]) >= 2


def test_moving_average_never_fills_an_empty_month(tmp_path):
    # January 5 of 10 papers (500 per 1,000), February 1 of 10 (100), March no paper at all, April 3 of 10 (300).
    con = listing_db(
        tmp_path,
        [
            *papers(date(2025, 1, 1), 5, "diffusion"),
            *papers(date(2025, 1, 31), 5),
            *papers(date(2025, 2, 3), 1, "diffusion"),
            *papers(date(2025, 2, 28), 9),
            *papers(date(2025, 4, 1), 3, "diffusion"),
            *papers(date(2025, 4, 30), 7),
        ],
    )

    def averages(window):
        return trends.rates(con, "buzzword", "month", "published", window=window, items=["diffusion"]).frame

    assert averages(0)["papers_per_1000"].to_list() == [500.0, 100.0, None, 300.0]
    assert averages(1)["papers_per_1000_avg"].to_list() == [500.0, 100.0, None, 300.0]
    # Window 2: April's window is March (no papers) and April, so only April's rate counts.
    assert averages(2)["papers_per_1000_avg"].to_list() == [500.0, 300.0, None, 300.0]
    # Window 3: April averages February and April, the months of its window that have papers.
    assert averages(3)["papers_per_1000_avg"].to_list() == [500.0, 300.0, None, 200.0]
    assert averages(3)["periods_averaged"].to_list() == [1, 2, None, 2]


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
        "WHERE basis = 'published' AND month = DATE '2025-06-01' AND buzzword = 'reinforcement learning'"
    ).fetchone()
    frame = trends.rates(dated_con, "buzzword", "month", "published", items=["reinforcement learning"]).frame
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


def test_a_window_opening_on_the_1st_covers_its_month_even_without_a_listing_that_day(tmp_path):
    """The last two months of a listing: 1 March is a Sunday with no listing, yet March is whole in a window
    from 1 March, so the two months are compared; a database that itself starts on the 2nd is partial there."""
    from analysis.build import build

    listing = tmp_path / "papers.jsonl"
    rows = []
    for month, days in ((1, range(2, 32)), (2, range(1, 29)), (3, range(2, 32)), (4, range(1, 31))):
        for day in days:
            rows.append(
                json.dumps(
                    {
                        "id": f"2026.{month:02d}{day:03d}",
                        "title": f"Paper {month} {day}",
                        "abstract": "We study agents.",
                        "published": f"2026-{month:02d}-{day:02d}",
                    }
                )
            )
    listing.write_text("\n".join(rows) + "\n")
    db = tmp_path / "t.duckdb"
    build([listing], db, progress=False)
    with connect(db, read_only=True) as con:
        trends.restrict_to_window(con, since=date(2026, 3, 1), until=date(2026, 4, 30))
        assert trends_periods.coverage(con, "published") == (date(2026, 3, 1), date(2026, 4, 30))
        assert trends.papers_per_period(con, "month", "published").frame["partial"].to_list() == [False, False]
        assert trends.default_split(con, "published") == (date(2026, 3, 1), date(2026, 4, 1), date(2026, 5, 1))
    with connect(db, read_only=True) as con:  # the whole database starts on 2 January: January is partial
        assert trends.papers_per_period(con, "month", "published").frame["partial"].to_list() == [
            True,
            False,
            False,
            False,
        ]
