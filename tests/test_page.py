"""What report pages call to link a number to its papers."""

from datetime import date

import pytest

from analysis.reports import page


def test_a_link_carries_every_id_url_encoded():
    href = page.explore_href(["2401.00001", "hep-th/9901001", "title:a,b"], 3)
    assert href == "explore.html#ids=2401.00001,hep-th%2F9901001,title%3Aa%2Cb"


def test_a_set_whose_ids_did_not_all_come_is_linked_by_name():
    # The query gave the first ids of 1,500 only: the set is named by the Explore field that defines it.
    href = page.explore_href(["a", "b"], 1500, ("buzzwords", "large language model"))
    assert href == "explore.html#set=buzzwords:large%20language%20model&n=1500"
    assert page.explore_href(["a", "b"], 1500) is None
    # A count over trends.queries.EVIDENCE_IDS papers comes with no ids (NULL) at all.
    assert page.explore_href(None, 1500, ("status", "released")) == "explore.html#set=status:released&n=1500"
    assert page.explore_link("1,500 papers", ["a", "b"], 1500) == "1,500 papers"
    with pytest.raises(ValueError, match="no field"):
        page.explore_href(["a"], 5, ("title", "x"))


def test_a_set_too_large_for_its_ids_is_linked_by_its_dates_and_item():
    # A trend period's 1,500 papers: Explore selects them by the date the trend counts by ("to" is the day after
    # the last); with an item, by both.
    since, until = date(2026, 3, 1), date(2026, 4, 1)
    href = page.explore_href(None, 1500, dates=("published", since, until))
    assert href == "explore.html#by=published&from=2026-03-01&to=2026-04-01&n=1500"
    href = page.explore_href(None, 1200, ("buzzwords", "agentic"), ("listed", since, None))
    assert href == "explore.html#set=buzzwords:agentic&by=listed&from=2026-03-01&n=1200"
    assert page.explore_href(None, 1500, ("code", "text")) == "explore.html#set=code:text&n=1500"
    with pytest.raises(ValueError, match="no date field"):
        page.explore_href(None, 5, dates=("title", since, None))


def test_no_papers_no_link():
    assert page.explore_href([], 0, ("status", "promised")) is None
    assert page.count_link(0, "papers", [], ("status", "promised")) == "0 papers"


def test_a_count_link_says_what_it_opens():
    assert page.count_link(1, "papers", ["2401.00001"]) == '[1 paper](explore.html#ids=2401.00001 "1 paper")'


def test_a_table_row_over_the_evidence_limit_links_by_name(monkeypatch):
    # "large language model" in 3,430 papers: the query gives no ids (NULL), the row is linked by its named set.
    import polars as pl

    shown = []
    monkeypatch.setattr(page, "show_html", shown.append)
    frame = pl.DataFrame(
        {"buzzword": ["large language model", "agent"], "papers": [3430, 2], "paper_ids": [None, ["p1", "p2"]]},
        schema={"buzzword": pl.String, "papers": pl.Int64, "paper_ids": pl.List(pl.String)},
    )
    page.table(frame, evidence="papers", named=("buzzwords", "buzzword"))
    assert "explore.html#set=buzzwords:large%20language%20model&amp;n=3430" in shown[0]
    assert "explore.html#ids=p1,p2" in shown[0]
    page.table(frame, evidence="papers")  # no named set: the big count is shown without a link
    assert "3,430</td>" in shown[1] and "explore.html#ids=p1,p2" in shown[1]
