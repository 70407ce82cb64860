"""The papertrends command as a user runs it."""

import csv
import io
import json
import os
import shutil
import subprocess
import sys

import pytest
from conftest import FIXTURES
from typer.testing import CliRunner

from analysis.cli import app
from analysis.store import connect

runner = CliRunner()


def test_build_reports_counts_and_rejects(tmp_path):
    listing = tmp_path / "papers.jsonl"
    listing.write_text((FIXTURES / "hf_sample.jsonl").read_text() + '{"id": "bad", "title": "No abstract"}\n')
    db = tmp_path / "cli.duckdb"
    result = runner.invoke(app, ["build", str(listing), "--db", str(db), "--no-progress"])
    assert result.exit_code == 0, result.output
    assert f"rejected {listing}:13: missing field 'abstract'" in result.output
    assert "13 records seen, 12 papers read, 1 rejected; 12 papers updated, 12 extracted" in result.output


def test_build_reads_folders_and_gzip(tmp_path):
    folder = tmp_path / "listings"
    folder.mkdir()
    shutil.copy(FIXTURES / "hf_sample.jsonl", folder / "day1.jsonl")
    import gzip

    (folder / "day2.jsonl.gz").write_bytes(
        gzip.compress(b'{"id": "2401.00001", "title": "Gz Paper", "abstract": "We gain 5%."}\n')
    )
    db = tmp_path / "folder.duckdb"
    result = runner.invoke(app, ["build", str(folder), "--db", str(db), "--no-progress"])
    assert result.exit_code == 0, result.output
    assert "2 files (0 unchanged, skipped), 13 records seen, 13 papers read, 0 rejected" in result.output


def test_sql_formats(seed_db):
    query = "select status, count(*) as papers from code_status group by status order by status"
    as_csv = runner.invoke(app, ["sql", query, "--db", str(seed_db), "--format", "csv"])
    assert as_csv.exit_code == 0, as_csv.output
    with connect(seed_db, read_only=True) as con:
        expected = con.execute(query).fetchall()
    assert len(expected) >= 2  # several statuses, so order and pairing are checked
    rows = list(csv.DictReader(io.StringIO(as_csv.stdout)))
    assert [(row["status"], int(row["papers"])) for row in rows] == expected
    as_json = runner.invoke(app, ["sql", query, "--db", str(seed_db), "--format", "json"])
    assert [(row["status"], row["papers"]) for row in json.loads(as_json.stdout)] == expected
    as_table = runner.invoke(app, ["sql", "select count(*) as papers from papers", "--db", str(seed_db)])
    assert "161" in as_table.stdout


def test_sql_is_read_only(seed_db):
    result = runner.invoke(app, ["sql", "delete from papers", "--db", str(seed_db)])
    assert result.exit_code == 1
    assert "read-only" in result.output


def test_missing_database_is_a_clear_error(tmp_path):
    missing = tmp_path / "nope.duckdb"
    for args in (
        ["sql", "select 1", "--db", str(missing)],
        ["report", "--db", str(missing), "--out", str(tmp_path / "site")],
    ):
        result = runner.invoke(app, args)
        assert result.exit_code == 1
        assert "run `papertrends build` first" in result.output


def test_a_build_with_no_file_to_read_fails_and_writes_nothing(tmp_path):
    empty = tmp_path / "listings"
    empty.mkdir()
    db = tmp_path / "none.duckdb"
    result = runner.invoke(app, ["build", str(empty), "--db", str(db), "--no-progress"])
    assert result.exit_code == 1
    assert result.output == f"error {empty}: no files to read\n"
    assert not db.exists()


def test_a_build_that_rejects_every_record_fails_and_says_so(tmp_path):
    listing = tmp_path / "bad.jsonl"
    listing.write_text('{"title": "No abstract", "abstract": null}\n{"title": "Nor here", "abstract": ""}\n')
    result = runner.invoke(app, ["build", str(listing), "--db", str(tmp_path / "bad.duckdb"), "--no-progress"])
    assert result.exit_code == 1
    assert f"rejected {listing}:1: missing field 'abstract'" in result.output
    assert result.output.endswith("error no papers read: 2 records seen, every one rejected\n")


def test_a_build_of_files_without_records_fails(tmp_path):
    listing = tmp_path / "header_only.csv"
    listing.write_text("title,abstract\n")
    result = runner.invoke(app, ["build", str(listing), "--db", str(tmp_path / "h.duckdb"), "--no-progress"])
    assert result.exit_code == 1
    assert result.output.endswith("error no papers read: the files hold no records\n")


@pytest.mark.slow  # builds a database or starts a process: in make test, not make test-fast
def test_a_build_that_rejects_some_records_succeeds_and_counts_them(tmp_path):
    listing = tmp_path / "some.jsonl"
    listing.write_text('{"title": "A Paper", "abstract": "We gain 5%."}\n{"title": "No abstract"}\n')
    db = tmp_path / "some.duckdb"
    result = runner.invoke(app, ["build", str(listing), "--db", str(db), "--no-progress"])
    assert result.exit_code == 0, result.output
    assert "2 records seen, 1 papers read, 1 rejected" in result.output
    # Nothing new the next time: a success too (the files were read before), so a daily script can rerun it.
    again = runner.invoke(app, ["build", str(listing), "--db", str(db), "--no-progress"])
    assert again.exit_code == 0 and "1 files (1 unchanged, skipped), 0 records seen" in again.output


def test_a_ctrl_c_duckdb_reports_as_a_query_error_is_an_interruption(tmp_path, monkeypatch):
    """DuckDB turns a Ctrl-C that arrives while it runs a query into RuntimeError("Query interrupted")."""
    import analysis.build

    def interrupted_build(*args, **kwargs):
        raise RuntimeError("Query interrupted")

    monkeypatch.setattr(analysis.build, "build", interrupted_build)
    result = runner.invoke(
        app, ["build", str(FIXTURES / "hf_sample.jsonl"), "--db", str(tmp_path / "i.duckdb"), "--no-progress"]
    )
    assert (result.exit_code, result.output) == (130, "interrupted: database unchanged\n")


@pytest.mark.slow  # builds a database or starts a process: in make test, not make test-fast
def test_a_bad_lexicon_row_is_one_line_naming_the_file(tmp_path, monkeypatch):
    import shutil

    from analysis.paths import LEXICON_DIR

    home = tmp_path / "home"
    shutil.copytree(LEXICON_DIR, home / "data" / "lexicons")
    with (home / "data" / "lexicons" / "metric_polarity.csv").open("a", encoding="utf-8") as out:
        out.write("perplexity,sometimes\n")
    listing = tmp_path / "papers.jsonl"
    listing.write_text('{"id": "2401.00001", "title": "A", "abstract": "Perplexity falls from 12.1 to 9.8."}\n')
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "analysis.cli",
            "build",
            str(listing),
            "--db",
            str(tmp_path / "x.duckdb"),
            "--no-progress",
        ],
        capture_output=True,
        text=True,
        env=os.environ | {"PAPERTRENDS_HOME": str(home)},
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and "metric_polarity.csv" in result.stderr and "sometimes" in result.stderr
