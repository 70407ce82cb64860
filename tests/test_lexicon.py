"""The living lexicon (issue 16, part 3): ``papertrends lexicon add/list/remove`` write the user's lexicon folder
and never a default file; ``--lexicons DIR`` on build, report and lexicon puts that folder in front of the
default one; a change to the buzzword lexicon re-matches buzzwords from the stored text and nothing else, and
every buzzword row names the lexicon that matched it."""

import json
import os
import subprocess
import sys

import pytest
from conftest import FIXTURES
from typer.testing import CliRunner

from analysis import build as build_module
from analysis.build import build
from analysis.cli import app
from analysis.engine import LocalRunner
from analysis.lexicons import DEFAULT_BUZZWORDS, DEFAULT_MODELS, read_buzzword_lexicon
from analysis.paths import LEXICONS_VARIABLE, default_lexicon_dir
from analysis.store import connect
from analysis.versions import buzzword_fingerprint, pipeline_version

runner = CliRunner()
SAMPLE = FIXTURES / "hf_sample.jsonl"


@pytest.fixture(autouse=True)
def no_user_lexicons(monkeypatch, tmp_path):
    """Commands given --lexicons set PAPERTRENDS_LEXICONS for the processes they start: restored after each
    test. Without --lexicons, the user's folder is an empty one of the test's own."""
    monkeypatch.setenv(LEXICONS_VARIABLE, str(tmp_path / "no-user-lexicons"))


def lexicon(*arguments: str):
    return runner.invoke(app, ["lexicon", *arguments])


def default_bytes() -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in default_lexicon_dir().iterdir() if path.is_file()}


# -- add, list, remove -------------------------------------------------------------------------------------


def test_add_copies_the_default_file_into_the_users_folder_and_edits_the_copy(tmp_path):
    folder = tmp_path / "mine"
    before = default_bytes()
    added = lexicon(
        "add",
        "buzzword",
        "context engineering",
        "--variants",
        "context-engineered prompt|context design",
        "--lexicons",
        str(folder),
    )
    assert added.exit_code == 0, added.output
    assert "added buzzword context engineering" in added.output
    assert default_bytes() == before  # no default file written
    copy = folder / "buzzwords.csv"
    entries = read_buzzword_lexicon(copy)
    assert entries["context engineering"] == ["context engineering", "context-engineered prompt", "context design"]
    # Every default row is in the copy, comments included.
    assert set(read_buzzword_lexicon(DEFAULT_BUZZWORDS)) <= set(entries)
    assert copy.read_text(encoding="utf-8").startswith(DEFAULT_BUZZWORDS.read_text(encoding="utf-8"))
    listed = lexicon("list", "buzzword", "--lexicons", str(folder), "--format", "json")
    rows = [json.loads(line) for line in listed.stdout.splitlines()]
    assert {
        "kind": "buzzword",
        "term": "context engineering",
        "variants": "context-engineered prompt|context design",
        "file": str(copy),
    } in rows
    # The other kinds are still read from the default files.
    everything = [
        json.loads(line) for line in lexicon("list", "--lexicons", str(folder), "--format", "json").stdout.splitlines()
    ]
    assert {row["file"] for row in everything if row["kind"] == "model"} == {str(DEFAULT_MODELS)}
    assert not (folder / "models.csv").exists()


def test_remove_takes_the_row_out_of_the_users_copy_only(tmp_path):
    folder = tmp_path / "mine"
    default_terms = read_buzzword_lexicon(DEFAULT_BUZZWORDS)
    assert "hallucination" in default_terms
    removed = lexicon("remove", "buzzword", "Hallucination", "--lexicons", str(folder))
    assert removed.exit_code == 0, removed.output
    assert "hallucination" not in read_buzzword_lexicon(folder / "buzzwords.csv")
    assert set(read_buzzword_lexicon(folder / "buzzwords.csv")) == set(default_terms) - {"hallucination"}
    assert read_buzzword_lexicon(DEFAULT_BUZZWORDS) == default_terms
    listed = lexicon("list", "buzzword", "--lexicons", str(folder), "--format", "csv").stdout
    assert "hallucination" not in listed and "world model" in listed


def test_models_and_datasets_are_edited_the_same_way(tmp_path):
    folder = tmp_path / "mine"
    assert lexicon("add", "model", "Zorblat-7", "--variants", "Zorblat 7", "--lexicons", str(folder)).exit_code == 0
    assert lexicon("add", "datasets", "FrontierBench", "--lexicons", str(folder)).exit_code == 0
    listed = [
        json.loads(line) for line in lexicon("list", "--lexicons", str(folder), "--format", "json").stdout.splitlines()
    ]
    assert {"kind": "model", "term": "Zorblat-7", "variants": "Zorblat 7", "file": str(folder / "models.csv")} in listed
    assert any(row["kind"] == "dataset" and row["term"] == "FrontierBench" for row in listed)
    # Model names are case-sensitive: another casing is another name; the same one is a duplicate.
    assert lexicon("add", "model", "zorblat-7", "--lexicons", str(folder)).exit_code == 0
    assert lexicon("add", "model", "Zorblat 7", "--lexicons", str(folder)).exit_code == 1
    assert lexicon("remove", "model", "Zorblat-7", "--lexicons", str(folder)).exit_code == 0
    text = (folder / "models.csv").read_text(encoding="utf-8")
    assert "Zorblat-7," not in text and "zorblat-7," in text


@pytest.mark.parametrize(
    "arguments, message",
    [
        (["add", "buzzword", "World Models"], "buzzword 'World Models' is already there as"),
        (
            ["add", "buzzword", "context engineering", "--variants", "CoTs|context design"],
            "'CoTs' is already there as 'CoT'",
        ),
        (
            ["add", "widget", "context engineering"],
            "unknown lexicon kind 'widget': write one of buzzword, model, dataset",
        ),
        (["add", "buzzword", "  "], "empty buzzword"),
        (["remove", "buzzword", "context engineering"], "no buzzword 'context engineering'"),
        (["remove", "buzzword", "CoT"], "no buzzword 'CoT': it is a variant of 'chain-of-thought'"),
        (["list", "gadgets"], "unknown lexicon kind 'gadgets'"),
    ],
)
def test_bad_edits_are_one_clear_line_and_change_nothing(tmp_path, arguments, message):
    folder = tmp_path / "mine"
    result = lexicon(*arguments, "--lexicons", str(folder))
    assert result.exit_code == 1
    assert message in " ".join(result.output.split())
    assert "Traceback" not in result.output and isinstance(result.exception, SystemExit)
    assert not (folder / "buzzwords.csv").exists()


def test_without_lexicons_the_commands_write_papertrends_lexicons(tmp_path, monkeypatch):
    folder = tmp_path / "from-the-environment"
    monkeypatch.setenv(LEXICONS_VARIABLE, str(folder))
    assert lexicon("add", "buzzword", "neural operator").exit_code == 0
    assert "neural operator" in read_buzzword_lexicon(folder / "buzzwords.csv")


# -- --lexicons on build and report ---------------------------------------------------------------------------


def buzzwords_of(db) -> dict[str, int]:
    with connect(db, read_only=True) as con:
        return dict(con.execute("SELECT buzzword, count(*) FROM buzzword_mentions GROUP BY ALL").fetchall())


def entities_of(db) -> list:
    with connect(db, read_only=True) as con:
        return con.execute("SELECT paper_id, text, canonical FROM entities ORDER BY ALL").fetchall()


@pytest.mark.slow  # builds databases
def test_build_reads_the_users_files_in_front_of_the_default_ones(tmp_path):
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "buzzwords.csv").write_text("buzzword,variants\ntraining objective,\n", encoding="utf-8")
    mine, default = tmp_path / "mine.duckdb", tmp_path / "default.duckdb"
    build([SAMPLE], default, progress=False)
    built = runner.invoke(app, ["build", str(SAMPLE), "--db", str(mine), "--no-progress", "--lexicons", str(folder)])
    assert built.exit_code == 0, built.output
    assert buzzwords_of(mine) == {"training objective": 2}
    assert "training objective" not in buzzwords_of(default) and len(buzzwords_of(default)) > 5
    # The folder has no models.csv: the entities come from the default lexicons, as without --lexicons.
    assert entities_of(mine) == entities_of(default) != []
    with connect(mine, read_only=True) as con:
        assert con.execute("SELECT DISTINCT pipeline_version FROM papers").fetchall() == [
            (pipeline_version(None, folder),)
        ]
    # The same from Python, with no PAPERTRENDS_LEXICONS set by a command.
    from_python = tmp_path / "python.duckdb"
    os.environ[LEXICONS_VARIABLE] = str(tmp_path / "no-user-lexicons")
    build([SAMPLE], from_python, progress=False, lexicons=folder)
    assert buzzwords_of(from_python) == {"training objective": 2}


def test_report_hands_its_lexicons_to_the_pages(tmp_path, monkeypatch):
    from analysis.reports import render

    seen = {}

    def fake_fallback(settings, site, project, timeout, title):
        seen.update(settings)
        (site / "index.html").write_text("<html></html>", encoding="utf-8")

    db = tmp_path / "empty.duckdb"
    with connect(db) as con:
        from analysis.store import create_schema

        create_schema(con)
    monkeypatch.setattr(render, "render_fallback", fake_fallback)
    folder = tmp_path / "mine"
    folder.mkdir()
    result = runner.invoke(
        app, ["report", "--db", str(db), "--out", str(tmp_path / "site"), "--no-quarto", "--lexicons", str(folder)]
    )
    assert result.exit_code == 0, result.output
    assert seen[LEXICONS_VARIABLE] == str(folder.resolve())


def test_a_process_started_with_papertrends_lexicons_reads_the_users_copy(tmp_path):
    """What the report's pages and a build's workers are: processes that import the lexicons afresh."""
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "metric_polarity.csv").write_text("metric,lower_is_better\nperplexity,true\n", encoding="utf-8")
    code = "from analysis import lexicons; print(lexicons.DEFAULT_METRIC_POLARITY); print(lexicons.DEFAULT_MODELS)"
    printed = subprocess.run(
        [sys.executable, "-c", code],
        env=os.environ | {LEXICONS_VARIABLE: str(folder)},
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()
    assert printed == [str(folder / "metric_polarity.csv"), str(DEFAULT_MODELS)]


# -- a buzzword change re-matches buzzwords only ----------------------------------------------------------------


class NoExtraction(LocalRunner):
    def extract(self, papers, stored):
        raise AssertionError(f"the extraction runner was given {len(papers)} papers")


def rows_of(db, table: str, columns: str = "*") -> list:
    with connect(db, read_only=True) as con:
        return con.execute(f"SELECT {columns} FROM {table} ORDER BY ALL").fetchall()


@pytest.mark.slow  # builds databases
def test_a_buzzword_change_rematches_buzzwords_and_extracts_nothing_else(tmp_path, monkeypatch):
    folder, db = tmp_path / "mine", tmp_path / "buzz.duckdb"
    first = build([SAMPLE], db, progress=False, lexicons=folder)
    assert first.extracted == 12
    others = {table: rows_of(db, table) for table in ("claims", "entities", "links", "results", "code_promises")}
    assert others["claims"] and {row[-1] for row in rows_of(db, "claims", "build_id")} == {1}
    assert lexicon("add", "buzzword", "training objective", "--lexicons", str(folder)).exit_code == 0

    monkeypatch.setattr(build_module, "LocalRunner", NoExtraction)
    second = build([SAMPLE], db, progress=False, lexicons=folder)
    assert (second.extracted, second.reextracted, second.rematched) == (0, 0, 12)
    # Every other row is the first build's, unchanged; the buzzword rows are the second build's.
    assert {table: rows_of(db, table) for table in others} == others
    assert buzzwords_of(db)["training objective"] == 2
    assert {row[0] for row in rows_of(db, "buzzword_mentions", "build_id")} == {2}
    assert {row[0] for row in rows_of(db, "papers", "pipeline_version")} == {pipeline_version(None, folder)}
    # The same rows as a whole build with that lexicon gives.
    monkeypatch.setattr(build_module, "LocalRunner", LocalRunner)
    fresh = tmp_path / "fresh.duckdb"
    build([SAMPLE], fresh, progress=False, lexicons=folder)
    columns = "paper_id, field, start_char, end_char, text, buzzword, lexicon"
    assert rows_of(db, "buzzword_mentions", columns) == rows_of(fresh, "buzzword_mentions", columns)
    # Nothing changed since: the next build matches nothing again.
    monkeypatch.setattr(build_module, "LocalRunner", NoExtraction)
    assert build([SAMPLE], db, progress=False, lexicons=folder).rematched == 0
    # Files read again (--force) with their papers' text unchanged: the same, buzzwords alone.
    assert lexicon("remove", "buzzword", "training objective", "--lexicons", str(folder)).exit_code == 0
    forced = build([SAMPLE], db, progress=False, lexicons=folder, force=True)
    assert (forced.read, forced.extracted, forced.rematched) == (12, 0, 12)
    assert "training objective" not in buzzwords_of(db)
    assert {table: rows_of(db, table) for table in others} == others


@pytest.mark.slow  # builds databases
def test_another_lexicon_change_still_extracts_everything_again(tmp_path):
    folder, db = tmp_path / "mine", tmp_path / "models.duckdb"
    build([SAMPLE], db, progress=False, lexicons=folder)
    assert lexicon("add", "model", "MadeUpNet", "--lexicons", str(folder)).exit_code == 0
    again = build([SAMPLE], db, progress=False, lexicons=folder)
    assert (again.reextracted, again.rematched) == (12, 0)


@pytest.mark.slow  # builds a database
def test_buzzword_rows_name_the_lexicon_that_matched_them(tmp_path):
    folder, db = tmp_path / "mine", tmp_path / "named.duckdb"
    build([SAMPLE], db, progress=False, lexicons=folder)
    default_print = buzzword_fingerprint(folder)
    assert default_print == buzzword_fingerprint()  # no copy yet: the default lexicon's
    assert {row[0] for row in rows_of(db, "buzzword_mentions", "lexicon")} == {default_print}
    lexicon("add", "buzzword", "training objective", "--lexicons", str(folder))
    build([SAMPLE], db, progress=False, lexicons=folder)
    assert {row[0] for row in rows_of(db, "buzzword_mentions", "lexicon")} == {buzzword_fingerprint(folder)}
    assert buzzword_fingerprint(folder) != default_print
    with connect(db, read_only=True) as con:
        assert (
            con.execute(
                "SELECT comment FROM duckdb_columns() WHERE table_name = 'buzzword_mentions' AND column_name = 'lexicon'"
            )
            .fetchone()[0]
            .startswith("Fingerprint of the buzzword lexicon")
        )
