import gzip
import json

import pytest
from conftest import FIXTURES, SEED

from analysis.sources import ListingError, Paper, Reject, detect_format, read_listing, title_paper_id


def test_hf_page_skips_chrome_and_pairs_titles_with_abstracts():
    records = list(read_listing(SEED))
    assert len(records) == 161
    assert all(isinstance(record, Paper) for record in records)
    first = records[0]
    assert first.title == "ACQUIRED: A Dataset for Answering Counterfactual Questions In Real-Life Videos"
    assert first.abstract.startswith("Multimodal counterfactual reasoning is a vital yet challenging ability")
    assert first.position == 11  # the title's line number, after five lines of page chrome
    assert first.source == "hf_papers_page"


def test_paper_id_from_title_is_stable_and_ignores_case_and_punctuation():
    assert title_paper_id("ACQUIRED: A Dataset") == title_paper_id("acquired -- a  dataset")
    assert title_paper_id("ACQUIRED: A Dataset") != title_paper_id("ACQUIRED: A Benchmark")
    assert list(read_listing(SEED))[0].paper_id == title_paper_id(
        "ACQUIRED: A Dataset for Answering Counterfactual Questions In Real-Life Videos"
    )


def test_format_is_chosen_by_content_not_by_name(tmp_path):
    disguised = tmp_path / "listing.txt"
    disguised.write_text((FIXTURES / "hf_sample.jsonl").read_text(encoding="utf-8"), encoding="utf-8")
    assert detect_format(disguised) == "jsonl"
    page_as_gz = tmp_path / "page.data"
    page_as_gz.write_bytes(gzip.compress(SEED.read_bytes()))
    assert detect_format(page_as_gz) == "hf_papers_page"
    assert len(list(read_listing(page_as_gz))) == 161


def test_jsonl_reads_fields_and_uses_arxiv_ids():
    papers = list(read_listing(FIXTURES / "hf_sample.jsonl"))
    assert len(papers) == 12
    first = papers[0]
    assert first.paper_id == first.arxiv_id == "2506.08007"
    assert first.published.isoformat() == "2025-06-09"
    assert "\n" not in first.abstract  # hard line breaks folded: offsets refer to the stored form
    assert sum(paper.github_repo is not None for paper in papers) == 9


def test_jsonl_rejects_bad_records_with_position_and_reason(tmp_path):
    listing = tmp_path / "mixed.jsonl"
    lines = [
        {"id": "a1", "title": "A Good Paper", "abstract": "We show 3 things."},
        "not json at all",
        ["a list"],
        {"id": "a2", "title": "No Abstract"},
        {"id": "a3", "title": "Bad Date", "abstract": "Text.", "published": "2024-13-45"},
    ]
    listing.write_text("\n".join(line if isinstance(line, str) else json.dumps(line) for line in lines) + "\n")
    records = list(read_listing(listing))
    assert [type(record).__name__ for record in records] == ["Paper", "Reject", "Reject", "Reject", "Reject"]
    rejects = [record for record in records if isinstance(record, Reject)]
    assert [reject.position for reject in rejects] == [2, 3, 4, 5]
    assert "not JSON" in rejects[0].reason
    assert "not an object" in rejects[1].reason
    assert "missing field 'abstract'" in rejects[2].reason
    assert "published is not a date" in rejects[3].reason
    assert rejects[2].message().startswith(f"{listing}:4: ")
    # A record without an arXiv id gets the title-derived id.
    assert records[0].paper_id == title_paper_id("A Good Paper")


def test_unreadable_files_raise_listing_error_naming_the_file(tmp_path):
    empty = tmp_path / "empty.jsonl"
    empty.write_text("")
    binary = tmp_path / "garbage.bin"
    binary.write_bytes(bytes(range(256)))
    prose = tmp_path / "notes.txt"
    prose.write_text("Just some notes\nwith no listing in them\n")
    for path, reason in ((empty, "empty file"), (binary, "binary"), (prose, "unknown format")):
        with pytest.raises(ListingError, match=reason) as raised:
            list(read_listing(path))
        assert str(path) in str(raised.value)
