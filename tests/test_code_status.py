import pytest

from analysis.build import build
from analysis.store import connect


@pytest.mark.parametrize(
    "text, promised",
    [
        ("Our code and models will be made publicly available.", True),
        ("The code will be released.", True),
        ("Code is coming soon.", True),
        ("All the details and codes will be open-sourced.", True),
        ("The dataset is released under the Apache 2.0 license.", True),
        ("Results will be available in the appendix.", False),
        ("We release nothing of note here.", True),
        ("The model generalizes well.", False),
    ],
)
def test_promises(nlp, text, promised):
    doc = nlp(text)
    assert bool(len(doc.spans["papertrends_code_promises"])) is promised


def test_code_status_view_link_beats_promise(tmp_path):
    listing = tmp_path / "papers.jsonl"
    listing.write_text(
        "\n".join([
            '{"id": "p1", "title": "Repo Paper", "abstract": "Code will be released at https://github.com/a/b."}',
            '{"id": "p2", "title": "Page Paper", "abstract": "See https://a.github.io/page for videos."}',
            '{"id": "p3", "title": "Promise Paper", "abstract": "Our code will be made publicly available."}',
            '{"id": "p4", "title": "Quiet Paper", "abstract": "We study things."}',
            '{"id": "p5", "title": "Listed Repo", "abstract": "No link here.", "github_repo": "https://github.com/c/d"}',
        ]) + "\n"
    )
    db = tmp_path / "t.duckdb"
    build([listing], db, progress=False)
    with connect(db, read_only=True) as con:
        status = dict(con.execute(
            "SELECT p.title, s.status FROM code_status s JOIN papers p USING (paper_id)"
        ).fetchall())
    assert status == {
        "Repo Paper": "released", "Page Paper": "project_page", "Promise Paper": "promised",
        "Quiet Paper": "none", "Listed Repo": "released",
    }


def test_seed_listing_code_status(seed_con):
    counts = dict(seed_con.execute("SELECT status, count(*) FROM code_status GROUP BY status").fetchall())
    assert counts["released"] == 37
    assert counts["project_page"] == 15
    assert sum(counts.values()) == 161
