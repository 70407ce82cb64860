"""The papertrends command as a user runs it."""

import csv
import io
import json
import shutil

from typer.testing import CliRunner

from analysis.cli import app
from conftest import FIXTURES

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

    (folder / "day2.jsonl.gz").write_bytes(gzip.compress(b'{"id": "2401.00001", "title": "Gz Paper", "abstract": "We gain 5%."}\n'))
    db = tmp_path / "folder.duckdb"
    result = runner.invoke(app, ["build", str(folder), "--db", str(db), "--no-progress"])
    assert result.exit_code == 0, result.output
    assert "2 files (0 unchanged, skipped), 13 records seen, 13 papers read, 0 rejected" in result.output


def test_sql_formats(seed_db):
    query = "select status, count(*) as papers from code_status group by status order by status"
    as_csv = runner.invoke(app, ["sql", query, "--db", str(seed_db), "--format", "csv"])
    assert as_csv.exit_code == 0, as_csv.output
    rows = list(csv.DictReader(io.StringIO(as_csv.stdout)))
    assert {row["status"]: int(row["papers"]) for row in rows}["released"] == 37
    as_json = runner.invoke(app, ["sql", query, "--db", str(seed_db), "--format", "json"])
    assert {row["status"]: row["papers"] for row in json.loads(as_json.stdout)}["project_page"] == 15
    as_table = runner.invoke(app, ["sql", "select count(*) as papers from papers", "--db", str(seed_db)])
    assert "161" in as_table.stdout


def test_sql_is_read_only(seed_db):
    result = runner.invoke(app, ["sql", "delete from papers", "--db", str(seed_db)])
    assert result.exit_code == 1
    assert "read-only" in result.output


def test_missing_database_is_a_clear_error(tmp_path):
    missing = tmp_path / "nope.duckdb"
    for args in (["sql", "select 1", "--db", str(missing)], ["report", "--db", str(missing), "--out", str(tmp_path / "site")]):
        result = runner.invoke(app, args)
        assert result.exit_code == 1
        assert "run `papertrends build` first" in result.output
