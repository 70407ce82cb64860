"""The schema contract: tables, comments, offsets, idempotent builds, rejects and atomic writes."""

import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest
from conftest import FIXTURES

import analysis.extract.rows as rows_module
from analysis.build import build
from analysis.store import connect

SPAN_TABLES = ("claims", "entities", "links", "buzzword_mentions", "code_promises", "claim_changes")
REQUIRED_COLUMNS = {
    "papers": {"paper_id", "title", "abstract", "published", "url", "source"},
    "claims": {"paper_id", "field", "start_char", "end_char", "text", "value", "kind", "unit", "qualifier"},
    "claim_changes": {
        "paper_id",
        "field",
        "start_char",
        "end_char",
        "text",
        "from_start_char",
        "from_end_char",
        "to_start_char",
        "to_end_char",
        "difference",
        "relative_percent",
        "direction",
        "better",
    },
    "entities": {"paper_id", "field", "start_char", "end_char", "text", "label", "canonical", "introduced"},
    "links": {"paper_id", "field", "start_char", "end_char", "url", "host", "repo"},
    "code_status": {"paper_id", "status"},
    "buzzword_mentions": {"paper_id", "field", "start_char", "end_char", "text", "buzzword"},
    "rejects": {"source_file", "position", "reason"},
}


def table_rows(con, table):
    columns = [c for c in con.execute(f"SELECT * FROM {table} LIMIT 0").pl().columns if c != "build_id"]
    return sorted(con.execute(f"SELECT {', '.join(columns)} FROM {table}").fetchall(), key=repr)


def test_required_tables_and_columns(seed_con):
    for table, columns in REQUIRED_COLUMNS.items():
        present = set(seed_con.execute(f"SELECT * FROM {table} LIMIT 0").pl().columns)
        assert columns <= present, (table, columns - present)


def test_every_table_and_column_has_a_comment(seed_con):
    uncommented_tables = seed_con.execute(
        "SELECT table_name FROM duckdb_tables() WHERE comment IS NULL "
        "UNION ALL SELECT view_name FROM duckdb_views() WHERE NOT internal AND comment IS NULL"
    ).fetchall()
    uncommented_columns = seed_con.execute(
        "SELECT table_name, column_name FROM duckdb_columns() WHERE NOT internal AND comment IS NULL"
    ).fetchall()
    assert uncommented_tables == [] and uncommented_columns == []


@pytest.mark.parametrize("table", SPAN_TABLES)
def test_offsets_give_the_text_back_on_every_row(seed_con, table):
    total, mismatched = seed_con.execute(
        f"""SELECT count(*), count(*) FILTER (WHERE substr(CASE x.field WHEN 'title' THEN p.title ELSE p.abstract END,
                                                   x.start_char + 1, x.end_char - x.start_char) <> x.text)
            FROM {table} x JOIN papers p USING (paper_id)"""
    ).fetchone()
    assert total > 0
    assert mismatched == 0


def test_default_build_counts(seed_con):
    assert seed_con.execute("SELECT count(*) FROM papers").fetchone() == (161,)
    assert seed_con.execute("SELECT count(*) FROM rejects").fetchone() == (0,)
    assert seed_con.execute("SELECT records_seen, papers_read, records_rejected FROM builds").fetchall() == [
        (161, 161, 0)
    ]


def test_building_twice_gives_the_same_rows(tmp_path, seed_db):
    db = tmp_path / "twice.duckdb"
    shutil.copy(seed_db, db)
    with connect(db, read_only=True) as con:
        before = {table: table_rows(con, table) for table in ("papers", *SPAN_TABLES)}
    build([FIXTURES.parent.parent / "data" / "raw"], db, progress=False)
    with connect(db, read_only=True) as con:
        after = {table: table_rows(con, table) for table in ("papers", *SPAN_TABLES)}
        assert con.execute("SELECT count(*) FROM builds").fetchone() == (2,)
    assert before == after


def test_unseen_jsonl_listing_fills_the_tables(tmp_path):
    db = tmp_path / "hf.duckdb"
    summary = build([FIXTURES / "hf_sample.jsonl"], db, progress=False)
    assert (summary.seen, summary.read, summary.rejected) == (12, 12, 0)
    with connect(db, read_only=True) as con:
        counts = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("papers", *SPAN_TABLES[:4])}
        released = con.execute("SELECT count(*) FROM code_status WHERE status = 'released'").fetchone()[0]
    assert counts["papers"] == 12
    assert all(counts[t] > 0 for t in ("claims", "entities", "buzzword_mentions")), counts
    assert released >= 9  # nine records carry a github_repo field


def test_rejects_are_stored_and_counted(tmp_path):
    listing = tmp_path / "bad.jsonl"
    listing.write_text('{"id": "x1", "title": "Fine", "abstract": "We use 3 datasets."}\n{"id": "x2"}\n[1, 2]\n')
    empty = tmp_path / "empty.jsonl"
    empty.write_text("")
    db = tmp_path / "r.duckdb"
    summary = build([listing, empty], db, progress=False)
    assert (summary.seen, summary.read, summary.rejected) == (4, 1, 3)
    with connect(db, read_only=True) as con:
        rejects = con.execute(
            "SELECT source_file, position, reason FROM rejects ORDER BY source_file, position"
        ).fetchall()
        seen, read, rejected = con.execute("SELECT records_seen, papers_read, records_rejected FROM builds").fetchone()
    assert read + rejected == seen == 4
    assert (str(empty), 0, "empty file") in rejects
    assert (str(listing), 2, "missing field 'title'") in rejects


def test_a_failed_write_leaves_the_database_as_it_was(tmp_path, seed_db, monkeypatch):
    db = tmp_path / "atomic.duckdb"
    shutil.copy(seed_db, db)
    with connect(db, read_only=True) as con:
        before = {table: table_rows(con, table) for table in ("papers", *SPAN_TABLES)}

    real_extract_rows = rows_module.extract_rows

    def extract_with_a_bad_row(*args, **kwargs):
        rows = real_extract_rows(*args, **kwargs)
        # Violates a CHECK constraint, so the write fails after papers, claims, entities and links
        # were already deleted and re-inserted inside the transaction.
        rows.buzzword_mentions.append(rows.buzzword_mentions[0] | {"start_char": 5, "end_char": 1})
        return rows

    monkeypatch.setattr(rows_module, "extract_rows", extract_with_a_bad_row)
    with pytest.raises(duckdb.ConstraintException):
        build([FIXTURES / "hf_sample.jsonl", FIXTURES.parent.parent / "data" / "raw"], db, progress=False)
    with connect(db, read_only=True) as con:
        after = {table: table_rows(con, table) for table in ("papers", *SPAN_TABLES)}
        assert con.execute("SELECT count(*) FROM builds").fetchone() == (1,)
    assert after == before


def test_duckdb_shell_opens_the_database(tmp_path, seed_db):
    shell = Path(sys.executable).parent / "duckdb"
    assert shell.exists(), "the duckdb-cli package installs the duckdb shell next to python"
    db = tmp_path / "shell.duckdb"
    shutil.copy(seed_db, db)
    result = subprocess.run(
        [str(shell), str(db), "-csv", "-c", "select * from claims limit 5"], capture_output=True, text=True, check=True
    )
    lines = result.stdout.strip().splitlines()
    assert lines[0].startswith("paper_id,field,start_char,end_char,text,value,kind")
    assert len(lines) == 6


def explore_rows(con, sql):
    """Rows of an Explore query with list columns sorted (list(DISTINCT ...) keeps no order)."""
    frame = con.execute(sql).pl()
    return sorted(
        tuple(
            tuple(sorted(value))
            if isinstance(value, list) and column in ("models", "datasets", "buzzwords")
            else tuple(value)
            if isinstance(value, list)
            else value
            for column, value in zip(frame.columns, row, strict=False)
        )
        for row in frame.iter_rows()
    )


@pytest.mark.slow  # builds a database or starts a process: in make test, not make test-fast
def test_explore_table_holds_the_newest_papers_and_follows_each_build(tmp_path):
    from analysis import trends
    from analysis.store.derived import explore_sql

    db = tmp_path / "explore.duckdb"
    build([FIXTURES / "hf_sample.jsonl"], db, progress=False)
    with connect(db, read_only=True) as con:
        assert explore_rows(con, "SELECT * FROM explore_papers") == explore_rows(con, explore_sql())
        assert con.execute("SELECT count(*) FROM explore_papers").fetchone()[0] == 12
    # A second listing: the table is rewritten from all papers, and the newest come first.
    build([FIXTURES / "hf_sample.jsonl", FIXTURES / "2025-03-18.jsonl.gz"], db, progress=False)
    with connect(db, read_only=True) as con:
        papers = con.execute("SELECT count(*) FROM papers").fetchone()[0]
        assert explore_rows(con, "SELECT * FROM explore_papers") == explore_rows(con, explore_sql())
        assert len(trends.explore(con)) == papers > 12
        newest = con.execute("SELECT max(coalesce(listed, published)) FROM papers").fetchone()[0]
        assert trends.explore(con)["day"][0] == newest.isoformat()
        # A report window sees the window's papers, not the whole database's table.
        trends.restrict_to_window(con, since=newest, until=newest)
        in_window = con.execute(trends.statement(con, "SELECT count(*) FROM papers")).fetchone()[0]
        assert 0 < len(trends.explore(con)) == in_window < papers
        assert set(trends.explore(con)["day"]) == {newest.isoformat()}


def test_extraction_rows_and_the_stored_tables_name_the_same_tables():
    # ExtractedRows has one list per table; the store writes exactly those (a new table is added in both).
    from analysis.extract.rows import TABLES
    from analysis.store.db import EXTRACTION_TABLES

    assert set(TABLES) == set(EXTRACTION_TABLES)
