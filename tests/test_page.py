"""What report pages call to link a number to its papers."""

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


def test_no_papers_no_link():
    assert page.explore_href([], 0, ("status", "promised")) is None
    assert page.count_link(0, "papers", [], ("status", "promised")) == "0 papers"


def test_a_count_link_says_what_it_opens():
    assert page.count_link(1, "papers", ["2401.00001"]) == '[1 paper](explore.html#ids=2401.00001 "1 paper")'
