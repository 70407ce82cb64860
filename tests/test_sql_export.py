"""`papertrends sql` reads the database and nothing else and prints every type; `papertrends export` writes
the one file named."""

import csv
import io
import json
import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest
from conftest import FIXTURES
from typer.testing import CliRunner

from analysis.build import build
from analysis.cli import app

runner = CliRunner()


@pytest.fixture(scope="module")
def small_db(tmp_path_factory) -> Path:
    """Three Hugging Face daily papers (with authors, dates and upvotes) and twelve plain ones."""
    path = tmp_path_factory.mktemp("small") / "small.duckdb"
    build([FIXTURES / "2025-06-10.json", FIXTURES / "hf_sample.jsonl"], path, progress=False)
    return path


def sql(db: Path, query: str, *options: str):
    return runner.invoke(app, ["sql", "--db", str(db), *options, "--", query])


def export(db: Path, *args: str):
    return runner.invoke(app, ["export", *args, "--db", str(db)])


def assert_one_line_error(result, *fragments: str) -> None:
    assert result.exit_code == 1, result.output
    assert isinstance(result.exception, SystemExit)  # no traceback
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error "), result.output
    for fragment in fragments:
        assert fragment in lines[0]


def files_in(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir())


# --- sql reads the database and nothing else -------------------------------------------------------------

SECRET = "not for papertrends sql"


@pytest.mark.parametrize(
    "query",
    [
        "copy (select 1) to 'x.csv'",
        "copy papers to '{folder}/papers.csv'",
        "copy (select 1) to '{folder}/x.parquet' (format parquet)",
        "export database '{folder}/dump'",
        "select * from read_text('/etc/hostname')",
        "select * from read_text('{folder}/secret.txt')",
        "select * from read_csv('{folder}/secret.txt')",
        "select * from read_blob('{folder}/secret.txt')",
        "select * from '{folder}/secret.txt'",
        "select * from glob('{folder}/*')",
        "attach '{folder}/other.duckdb' as other",
        "install fts",
        "load fts",
        "set enable_external_access = true",
        "set lock_configuration = false",
        "set allowed_paths = ['{folder}']",
    ],
)
def test_sql_reads_only_the_database(small_db, tmp_path, monkeypatch, query):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "secret.txt").write_text(SECRET + "\n")
    before = files_in(tmp_path)
    result = sql(small_db, query.format(folder=tmp_path))
    assert_one_line_error(result)
    assert SECRET not in result.output
    assert files_in(tmp_path) == before


def test_report_pages_read_only_the_database(small_db, tmp_path, monkeypatch):
    from analysis.reports import page

    monkeypatch.setenv("PAPERTRENDS_DB", str(small_db))
    monkeypatch.setenv("PAPERTRENDS_SINCE", "2025-09-14")  # the window still applies on the locked connection
    with duckdb.connect(str(small_db), read_only=True) as con:
        in_window = con.execute(
            "select count(*) from papers where coalesce(listed, published) >= '2025-09-14'"
        ).fetchone()[0]
    from analysis import trends

    with page.open_database() as con:
        assert 0 < con.execute(trends.statement(con, "select count(*) from papers")).fetchone()[0] == in_window
        for statement in (
            "select * from read_text('/etc/hostname')",
            f"copy papers to '{tmp_path}/papers.csv'",
            "set enable_external_access = true",
        ):
            with pytest.raises(duckdb.Error):
                con.execute(statement)
    assert files_in(tmp_path) == []


# --- sql prints every type -------------------------------------------------------------------------------

# (SQL value, table cell, CSV field, JSON value)
TYPES = [
    ("42", "42", "42", 42),
    ("12345678901234567890123::HUGEINT", "12345678901234567890123", "12345678901234567890123", 12345678901234567890123),
    (
        "12345678901234567890.12345678::DECIMAL(38,8)",
        "12345678901234567890.12345678",
        "12345678901234567890.12345678",
        Decimal("12345678901234567890.12345678"),
    ),
    ("1.50::DECIMAL(5,2)", "1.50", "1.50", Decimal("1.5")),
    ("0.1::DOUBLE", "0.1", "0.1", Decimal("0.1")),
    ("'nan'::DOUBLE", "nan", "nan", "nan"),
    ("'-inf'::DOUBLE", "-inf", "-inf", "-inf"),
    ("true", "true", "true", True),
    ("NULL", "", "", None),
    # A table shows a tab as spaces to the next tab stop.
    ("'tab\t\"quoted\", comma'", "tab" + " " * 5 + '"quoted", comma', 'tab\t"quoted", comma', 'tab\t"quoted", comma'),
    (
        "'[red]not markup[/red] [/]'",
        "[red]not markup[/red] [/]",
        "[red]not markup[/red] [/]",
        "[red]not markup[/red] [/]",
    ),
    ("DATE '2025-06-10'", "2025-06-10", "2025-06-10", "2025-06-10"),
    ("TIMESTAMP '2025-06-10 08:30:00.5'", "2025-06-10 08:30:00.5", "2025-06-10 08:30:00.5", "2025-06-10 08:30:00.5"),
    ("TIME '08:30:00'", "08:30:00", "08:30:00", "08:30:00"),
    (
        "INTERVAL '1 month 2 days 3 hours'",
        "1 month 2 days 03:00:00",
        "1 month 2 days 03:00:00",
        "1 month 2 days 03:00:00",
    ),
    ("'\\xAA\\x00ab'::BLOB", "\\xAA\\x00ab", "\\xAA\\x00ab", "\\xAA\\x00ab"),
    (
        "UUID '12345678-1234-5678-1234-567812345678'",
        "12345678-1234-5678-1234-567812345678",
        "12345678-1234-5678-1234-567812345678",
        "12345678-1234-5678-1234-567812345678",
    ),
    ("'b'::ENUM('a', 'b')", "b", "b", "b"),
    ("[1, 2, NULL]", "[1, 2, NULL]", "[1,2,null]", [1, 2, None]),
    ("['a', 'b']::VARCHAR[2]", "[a, b]", '["a","b"]', ["a", "b"]),
    (
        "{'name': 'BERT', 'tags': ['nlp'], 'day': DATE '2025-06-10'}",
        "{'name': BERT, 'tags': [nlp], 'day': 2025-06-10}",
        '{"name":"BERT","tags":["nlp"],"day":"2025-06-10"}',
        {"name": "BERT", "tags": ["nlp"], "day": "2025-06-10"},
    ),
    ("MAP {'k': 1}", "{k=1}", '{"k":1}', {"k": 1}),
    ("[INTERVAL 1 DAY]", "[1 day]", '["1 day"]', ["1 day"]),
    ("union_value(votes := 3)", "3", '{"votes":3}', {"votes": 3}),
]


@pytest.mark.parametrize(("value", "cell", "field", "parsed"), TYPES, ids=[row[0] for row in TYPES])
def test_sql_prints_every_type(small_db, value, cell, field, parsed):
    query = f"select {value} as v, 'end' as after"
    as_table = sql(small_db, query)
    assert as_table.exit_code == 0, as_table.output
    assert f"│ {cell} " in as_table.stdout
    as_csv = sql(small_db, query, "--format", "csv")
    assert as_csv.exit_code == 0, as_csv.output
    assert list(csv.reader(io.StringIO(as_csv.stdout))) == [["v", "after"], [field, "end"]]
    as_json = sql(small_db, query, "--format", "json")
    assert as_json.exit_code == 0, as_json.output
    # Strict JSON (no NaN), numbers read exactly.
    rows = json.loads(as_json.stdout, parse_float=Decimal, parse_constant=lambda name: pytest.fail(f"not JSON: {name}"))
    assert rows == [{"v": parsed, "after": "end"}]


def test_sql_json_keeps_both_of_two_columns_of_one_name(small_db):
    result = sql(small_db, "select 1 as n, 2 as n", "--format", "json")
    assert json.loads(result.stdout) == [{"n": 1, "n_1": 2}]


def test_sql_json_and_csv_of_stored_rows(small_db):
    query = "select paper_id, published, authors from papers where listed is not null order by paper_id"
    rows = json.loads(sql(small_db, query, "--format", "json").stdout)
    assert [row["paper_id"] for row in rows] == ["2506.07044", "2506.07900", "2506.08007"]
    assert rows[2]["published"] == "2025-06-09" and rows[2]["authors"][:2] == ["Qingxiu Dong", "Li Dong"]
    table = list(csv.DictReader(io.StringIO(sql(small_db, query, "--format", "csv").stdout)))
    assert [json.loads(row["authors"]) for row in table] == [row["authors"] for row in rows]


def test_piped_table_rows_are_whole(small_db):
    long_value = "word " * 100
    result = sql(small_db, f"select paper_id, '{long_value}' as note, 'last column' as tail from papers limit 3")
    assert result.exit_code == 0, result.output
    lines = [line for line in result.stdout.splitlines() if "last column" in line]
    assert len(lines) == 3
    assert all(long_value.strip() in line for line in lines)
    assert "…" not in result.stdout  # no header or cell cut short


def test_statements_that_return_no_rows_print_nothing(small_db):
    result = sql(small_db, "create temp view recent as select * from papers")
    assert result.exit_code == 0 and result.stdout == ""


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("", "empty query"),
        ("  ;  ", "empty query"),
        ("-- only a comment", "empty query"),
        ("selec paper_id from papers", 'syntax error at or near "selec"'),
        ("select 1; select 2", "2 statements"),
        ("select 1; delete from papers", "2 statements"),
        ("select * from paper", 'Did you mean "papers"?'),
        ("select 'x'::int", "Could not convert string 'x'"),
        ('select * from "[/bold] not markup"', "name [/bold] not markup does not exist"),
    ],
)
def test_bad_queries_give_one_line(small_db, query, message):
    assert_one_line_error(sql(small_db, query), message)


def test_a_closed_pipe_ends_the_output_quietly(small_db):
    command = [
        str(Path(sys.executable).parent / "papertrends"),
        "sql",
        "select * from range(200000)",
        "--db",
        str(small_db),
        "--format",
        "csv",
    ]
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE) as process:
        assert process.stdout.readline() == b"range\n"
        process.stdout.close()
        error_output = process.stderr.read().decode()
        process.wait()
    assert "Traceback" not in error_output and "Exception" not in error_output, error_output


# --- export ----------------------------------------------------------------------------------------------

DAILY = "select paper_id, published, authors, upvotes from papers where listed is not null"


def stored(db: Path) -> list[tuple]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(DAILY + " order by paper_id").fetchall()


def read_back(path: Path, file_format: str) -> list[tuple]:
    """The exported rows of DAILY's columns (the papers with authors), as Python values: CSV fields parsed,
    dates read as dates."""
    from datetime import date

    if file_format == "parquet":
        with duckdb.connect() as con:
            return con.execute(
                f"select paper_id, published, authors, upvotes from read_parquet('{path}') "
                "where len(authors) > 0 order by paper_id"
            ).fetchall()
    if file_format == "csv":
        rows = list(csv.DictReader(path.open(encoding="utf-8")))
        rows = [
            row | {"authors": json.loads(row["authors"]), "upvotes": int(row["upvotes"]) if row["upvotes"] else None}
            for row in rows
        ]
    else:
        rows = json.loads(path.read_text(encoding="utf-8"))
    return sorted(
        (row["paper_id"], date.fromisoformat(row["published"]), row["authors"], row["upvotes"])
        for row in rows
        if row["authors"]
    )


@pytest.mark.parametrize("file_format", ["csv", "parquet", "json"])
@pytest.mark.parametrize("source", [["papers"], ["--query", DAILY]], ids=["table", "query"])
def test_export_writes_the_rows(small_db, tmp_path, file_format, source):
    out = tmp_path / f"daily.{file_format}"
    result = export(small_db, *source, "--format", file_format, "--out", str(out))
    assert result.exit_code == 0, result.output
    assert read_back(out, file_format) == stored(small_db)
    assert files_in(tmp_path) == [out.name]


def test_export_takes_the_format_from_the_suffix(small_db, tmp_path):
    result = export(small_db, "--query", "select 1 as one", "--out", str(tmp_path / "one.parquet"))
    assert result.exit_code == 0, result.output
    with duckdb.connect() as con:
        assert con.execute(f"select * from read_parquet('{tmp_path / 'one.parquet'}')").fetchall() == [(1,)]
    assert_one_line_error(export(small_db, "papers", "--out", str(tmp_path / "papers.txt")), "--format")


def test_export_keeps_an_existing_file_unless_forced(small_db, tmp_path):
    mine = tmp_path / "mine.csv"
    mine.write_text("my own notes\n")
    assert_one_line_error(export(small_db, "papers", "--out", str(mine)), str(mine), "--force")
    assert mine.read_text() == "my own notes\n"
    result = export(small_db, "--query", "select 7 as n", "--out", str(mine), "--force")
    assert result.exit_code == 0, result.output
    assert mine.read_text() == "n\n7\n"
    assert files_in(tmp_path) == ["mine.csv"]


def test_a_failed_export_leaves_nothing(small_db, tmp_path):
    # The error comes while rows are being written, after the file has been started.
    failing = "select paper_id, case when paper_id = '2509.12203' then error('stop here') end as x from papers"
    for file_format in ("csv", "parquet", "json"):
        result = export(small_db, "--query", failing, "--out", str(tmp_path / f"out.{file_format}"))
        assert_one_line_error(result, "stop here")
    assert files_in(tmp_path) == []


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["nope"], "no table or view named 'nope'"),
        (['papers" ; drop table papers; --'], "no table or view named"),
        ([], "give a TABLE"),
        (["papers", "--query", "select 1"], "not both"),
        (["--query", "select 1; select 2"], "2 statements"),
        (["--query", "create temp table t as select 1"], "give one SELECT"),
        (["--query", "select * from read_text('/etc/hostname')"], "Permission Error"),
        (["--query", "selec 1"], "syntax error"),
        (["[/x] not markup"], "no table or view named '[/x] not markup'"),
    ],
)
def test_export_refusals_are_one_line(small_db, tmp_path, args, message):
    assert_one_line_error(export(small_db, *args, "--out", str(tmp_path / "out.csv")), message)
    assert files_in(tmp_path) == []


def test_export_out_must_name_a_file_in_a_folder(small_db, tmp_path):
    assert_one_line_error(export(small_db, "papers", "--out", str(tmp_path)), "is a folder")
    assert_one_line_error(export(small_db, "papers", "--out", str(tmp_path / "missing" / "p.csv")), "does not exist")
    missing_db = runner.invoke(
        app, ["export", "papers", "--out", str(tmp_path / "p.csv"), "--db", str(tmp_path / "none.duckdb")]
    )
    assert_one_line_error(missing_db, "no database")
    assert files_in(tmp_path) == []


def test_export_names_with_quotes_are_written_as_named(small_db, tmp_path):
    out = tmp_path / "it's [bold]here.csv"
    result = export(small_db, "--query", "select 1 as n", "--out", str(out))
    assert result.exit_code == 0, result.output
    assert f"exported -> {out}" in result.output
    assert out.read_text() == "n\n1\n"
    assert os.listdir(tmp_path) == [out.name]


def test_a_file_that_appears_while_exporting_is_kept(small_db, tmp_path, monkeypatch):
    from analysis.store import results

    out = tmp_path / "race.csv"
    real_connect = results.connect

    def connect_while_another_program_writes_out(*args, **kwargs):
        out.write_text("written meanwhile\n")  # after the export checked that there was no such file
        return real_connect(*args, **kwargs)

    monkeypatch.setattr(results, "connect", connect_while_another_program_writes_out)
    with pytest.raises(results.QueryError, match="file exists"):
        results.export(small_db, out, "csv", table="papers")
    assert out.read_text() == "written meanwhile\n"
    assert files_in(tmp_path) == ["race.csv"]
