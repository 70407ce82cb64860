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
        ("We release nothing of note here.", False),
        ("We release MCLM, a multilingual benchmark.", True),
        ("We propose and release our benchmark.", True),
        ("The model generalizes well.", False),
    ],
)
def test_promises(nlp, text, promised):
    doc = nlp(text)
    assert bool(len(doc.spans["papertrends_code_promises"])) is promised


def test_code_status_view_link_beats_promise(tmp_path):
    listing = tmp_path / "papers.jsonl"
    listing.write_text(
        "\n".join(
            [
                '{"id": "p1", "title": "Repo Paper", "abstract": "Code will be released at https://github.com/a/b."}',
                '{"id": "p2", "title": "Page Paper", "abstract": "See https://a.github.io/page for videos."}',
                '{"id": "p3", "title": "Promise Paper", "abstract": "Our code will be made publicly available."}',
                '{"id": "p4", "title": "Quiet Paper", "abstract": "We study things."}',
                '{"id": "p5", "title": "Listed Repo", "abstract": "No link here.", "github_repo": "https://github.com/c/d"}',
            ]
        )
        + "\n"
    )
    db = tmp_path / "t.duckdb"
    build([listing], db, progress=False)
    with connect(db, read_only=True) as con:
        status = dict(
            con.execute("SELECT p.title, s.status FROM code_status s JOIN papers p USING (paper_id)").fetchall()
        )
    assert status == {
        "Repo Paper": "released",
        "Page Paper": "project_page",
        "Promise Paper": "promised",
        "Quiet Paper": "none",
        "Listed Repo": "released",
    }


def test_seed_listing_code_status_follows_the_precedence_rule(seed_con):
    """Every paper of the seed has exactly one status, decided in the order repository link, other link,
    promise, nothing (ANNOTATION.md section 3), recounted here from the rows themselves."""
    counts = dict(seed_con.execute("SELECT status, count(*) FROM code_status GROUP BY status").fetchall())
    repo, page, promise, papers = seed_con.execute("""
        SELECT
            count(*) FILTER (WHERE p.github_repo IS NOT NULL OR paper_id IN (SELECT paper_id FROM links WHERE repo IS NOT NULL)),
            count(*) FILTER (WHERE p.github_repo IS NULL AND paper_id IN (SELECT paper_id FROM links)
                             AND paper_id NOT IN (SELECT paper_id FROM links WHERE repo IS NOT NULL)),
            count(*) FILTER (WHERE p.github_repo IS NULL AND paper_id NOT IN (SELECT paper_id FROM links)
                             AND paper_id IN (SELECT paper_id FROM code_promises)),
            count(*)
        FROM papers p
    """).fetchone()
    assert counts == {
        "released": repo,
        "project_page": page,
        "promised": promise,
        "none": papers - repo - page - promise,
    }
    # The seed is a real listing: each status occurs, so each branch of the rule is exercised.
    assert min(counts.values()) > 0
