"""Months of missing data inside the covered span (no papers, or most records rejected) are flagged as gaps,
marked on the charts and left out of comparisons, never shown as a real drop (issue 15, item 5)."""

from datetime import date

import pytest

from analysis import trends
from analysis.trends.findings import coverage_sentence
from tests.test_trends import listing_db, spread


def _monthly(con):
    frame = trends.papers_per_period(con, "month", "published").frame
    return {row["period"]: row for row in frame.iter_rows(named=True)}


def test_a_month_without_papers_inside_the_span_is_a_gap_and_not_compared(tmp_path):
    # January to March and May to June 2025 have papers; April has none.
    con = listing_db(
        tmp_path, [*spread(date(2025, 1, 1), date(2025, 3, 31), 30), *spread(date(2025, 5, 1), date(2025, 6, 30), 20)]
    )
    months = _monthly(con)
    assert months[date(2025, 4, 1)]["gap"] and not months[date(2025, 4, 1)]["partial"]
    assert not any(months[date(2025, month, 1)]["gap"] for month in (1, 2, 3, 5, 6))
    # Only the whole months after the gap are compared: June against May, not April-June against January-March.
    assert trends.default_split(con, "published") == (date(2025, 5, 1), date(2025, 6, 1), date(2025, 7, 1))
    assert "1 month without papers (April 2025)" in coverage_sentence(con, "published")


def test_a_month_whose_records_were_mostly_rejected_is_a_gap(tmp_path):
    # Papers every month from January to June 2025, but the April listings were mostly rejected (the Hugging
    # Face files of Dec 2024 and Jan 2025 hold items as Python repr strings): April's low count is missing data.
    con = listing_db(tmp_path, spread(date(2025, 1, 1), date(2025, 6, 30), 60))
    for day in (2, 3):
        for position in range(10):
            con.execute(
                "INSERT INTO rejects VALUES (?, ?, 'item is a string (Python repr text), not a JSON object', 'x', 1)",
                [f"/data/2025-04-{day:02d}.json.gz", position],
            )
    months = _monthly(con)
    assert months[date(2025, 4, 1)]["gap"] and months[date(2025, 4, 1)]["rejected_records"] == 20
    assert not months[date(2025, 3, 1)]["gap"] and months[date(2025, 3, 1)]["rejected_records"] == 0
    assert trends.default_split(con, "published") == (date(2025, 5, 1), date(2025, 6, 1), date(2025, 7, 1))
    assert "April 2025: 20 rejected" in coverage_sentence(con, "published")


@pytest.mark.slow  # builds a database or starts a process: in make test, not make test-fast
def test_a_few_rejects_do_not_make_a_gap(tmp_path):
    con = listing_db(tmp_path, spread(date(2025, 1, 1), date(2025, 6, 30), 600))
    con.execute("INSERT INTO rejects VALUES ('/data/2025-04-02.json.gz', 0, 'bad', 'x', 1)")
    con.execute(
        "INSERT INTO sightings SELECT paper_id, 'test', '/data/2025-04-02.json.gz', row_number() OVER (), NULL, published, 1 "
        "FROM papers WHERE month(published) = 4"
    )
    assert not _monthly(con)[date(2025, 4, 1)]["gap"]
    assert trends.default_split(con, "published") == (date(2025, 1, 1), date(2025, 4, 1), date(2025, 7, 1))


def test_moving_averages_leave_empty_months_empty(tmp_path):
    con = listing_db(
        tmp_path,
        [
            *spread(date(2025, 1, 1), date(2025, 3, 31), 30, "agents"),
            *spread(date(2025, 5, 1), date(2025, 6, 30), 20, "agents"),
        ],
    )
    frame = trends.rates(con, "buzzword", "month", "published", items=["agents"], window=3).frame
    april = frame.filter(frame["period"] == date(2025, 4, 1)).row(0, named=True)
    assert april["papers_per_1000"] is None and april["papers_per_1000_avg"] is None and april["gap"]
    may = frame.filter(frame["period"] == date(2025, 5, 1)).row(0, named=True)
    assert may["periods_averaged"] == 2  # March and May: the empty April is not counted as a rate


def test_weekend_days_before_a_crawls_first_listing_do_not_make_its_month_partial():
    from datetime import date

    from analysis.trends.periods import _over_weekends

    # 1 March 2026 is a Sunday: a crawl from Monday the 2nd has all of March's listings.
    assert _over_weekends(date(2026, 3, 2), date(2026, 4, 30)) == (date(2026, 3, 1), date(2026, 4, 30))
    # From Tuesday the 3rd, Monday's listing is missing: March stays partial.
    assert _over_weekends(date(2026, 3, 3), date(2026, 4, 30))[0] == date(2026, 3, 3)
    # 31 May 2026 is a Sunday: a crawl to Friday the 29th has all of May's listings, one to the 28th does not.
    assert _over_weekends(date(2026, 5, 4), date(2026, 5, 29))[1] == date(2026, 5, 31)
    assert _over_weekends(date(2026, 5, 4), date(2026, 5, 28))[1] == date(2026, 5, 28)
