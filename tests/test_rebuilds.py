"""Rebuilds follow today's pipeline and today's files: a new pipeline version re-extracts stored papers, a
changed --map reads its files again, and papers no file holds any more leave the database with their rows."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import FIXTURES
from typer.testing import CliRunner

from analysis import lexicons, versions
from analysis.build import Engine, build
from analysis.cli import app
from analysis.paths import LEXICON_DIR
from analysis.store import connect

# Each test builds a database, renders pages or runs the real command in a subprocess: not in make test-fast.
pytestmark = pytest.mark.slow

PROJECT = Path(__file__).parents[1]


def pretend_spacy_is(monkeypatch, version: str) -> None:
    """Another spaCy release seems installed: what upgrading spaCy does to the pipeline version."""
    real = versions.installed_version
    monkeypatch.setattr(versions, "installed_version", lambda package: version if package == "spacy" else real(package))


# -- what the pipeline version follows -----------------------------------------------------------------------


def test_version_changes_when_an_extraction_source_file_changes(tmp_path, monkeypatch):
    copies = []
    for source in versions.EXTRACTION_SOURCES:
        copies.append(tmp_path / source.name)
        shutil.copy(source, copies[-1])
    monkeypatch.setattr(versions, "EXTRACTION_SOURCES", tuple(copies))
    before = versions.pipeline_version()
    claims = tmp_path / "claims.py"
    claims.write_text(claims.read_text(encoding="utf-8").replace('"percent"', '"per cent"', 1), encoding="utf-8")
    assert versions.pipeline_version() != before


def test_every_extraction_module_is_in_the_version():
    extraction_code = {*(PROJECT / "analysis" / "extract").glob("*.py"), PROJECT / "analysis" / "lexicons.py"}
    assert extraction_code <= {path.resolve() for path in versions.EXTRACTION_SOURCES}


def test_version_changes_when_a_lexicon_gets_a_row(tmp_path):
    # The user's folder holds a copy of the buzzword lexicon: the same bytes give the same version.
    buzzwords = tmp_path / "buzzwords.csv"
    shutil.copy(lexicons.DEFAULT_BUZZWORDS, buzzwords)
    before = versions.pipeline_version(lexicons_dir=tmp_path)
    assert before == versions.pipeline_version()
    with buzzwords.open("a", encoding="utf-8") as out:
        out.write("verifiable reward,\n")
    after = versions.pipeline_version(lexicons_dir=tmp_path)
    # Only the buzzword lexicon's own part changes: a build re-matches buzzwords alone.
    assert after != before and versions.without_buzzwords(after) == versions.without_buzzwords(before)
    (tmp_path / "models.csv").write_text("canonical,aliases\nMyModel,\n", encoding="utf-8")
    assert versions.without_buzzwords(versions.pipeline_version(lexicons_dir=tmp_path)) != versions.without_buzzwords(
        after
    )


def test_version_changes_with_the_spacy_version(monkeypatch):
    before = versions.pipeline_version()
    pretend_spacy_is(monkeypatch, "99.0.0")
    assert versions.pipeline_version() != before


def test_version_names_the_base_model_and_its_version(monkeypatch):
    assert "+blank_en+" in versions.pipeline_version()
    monkeypatch.setattr(versions, "installed_version", lambda package: {"en_core_web_sm": "3.8.0"}.get(package, "1.0"))
    assert "+en_core_web_sm-3.8.0+" in versions.pipeline_version("en_core_web_sm")
    monkeypatch.setattr(versions, "installed_version", lambda package: {"en_core_web_sm": "3.9.0"}.get(package, "1.0"))
    assert "+en_core_web_sm-3.9.0+" in versions.pipeline_version("en_core_web_sm")


# -- rebuilds after a version change --------------------------------------------------------------------------


def test_unchanged_inputs_are_re_extracted_after_a_version_change(tmp_path, monkeypatch):
    db = tmp_path / "stamp.duckdb"
    listing = FIXTURES / "hf_sample.jsonl"
    build([listing], db, progress=False)
    pretend_spacy_is(monkeypatch, "99.0.0")
    result = CliRunner().invoke(app, ["build", str(listing), "--db", str(db), "--no-progress"])
    assert result.exit_code == 0, result.output
    assert "1 files (1 unchanged, skipped)" in result.output
    assert "12 papers re-extracted: pipeline changed" in result.output
    with connect(db, read_only=True) as con:
        assert con.execute("SELECT DISTINCT pipeline_version FROM papers").fetchall() == [
            (versions.pipeline_version(),)
        ]
        assert con.execute("SELECT count(*) FROM buzzword_mentions WHERE build_id = 2").fetchone()[0] > 0
    again = build([listing], db, progress=False)
    assert (again.files_skipped, again.extracted, again.reextracted) == (1, 0, 0)


def test_worker_processes_re_extract_stale_papers_to_the_same_rows(tmp_path, monkeypatch, tune):
    tune(chunk_records=5)  # several re-extraction batches, handed over in turn
    db = tmp_path / "workers.duckdb"
    listing = FIXTURES / "hf_sample.jsonl"
    build([listing], db, progress=False)
    with connect(db, read_only=True) as con:
        before = con.execute("SELECT * EXCLUDE (build_id) FROM buzzword_mentions ORDER BY ALL").fetchall()
    pretend_spacy_is(monkeypatch, "99.0.0")
    summary = build([listing], db, progress=False, engine=Engine("local", workers=2))
    assert (summary.files_skipped, summary.reextracted) == (1, 12)
    with connect(db, read_only=True) as con:
        assert con.execute("SELECT * EXCLUDE (build_id) FROM buzzword_mentions ORDER BY ALL").fetchall() == before
        assert con.execute("SELECT DISTINCT build_id FROM buzzword_mentions").fetchall() == [(2,)]


def test_re_read_papers_with_the_same_text_count_as_re_extracted(tmp_path, monkeypatch):
    db = tmp_path / "forced.duckdb"
    build([FIXTURES / "hf_sample.jsonl"], db, progress=False)
    pretend_spacy_is(monkeypatch, "99.0.0")
    forced = build([FIXTURES / "hf_sample.jsonl"], db, progress=False, force=True)
    assert (forced.read, forced.extracted, forced.reextracted) == (12, 12, 12)


def test_a_new_buzzword_row_gives_its_mentions_on_the_same_build(tmp_path):
    home = tmp_path / "home"
    shutil.copytree(LEXICON_DIR, home / "data" / "lexicons")
    db = tmp_path / "buzz.duckdb"
    command = [
        sys.executable,
        "-m",
        "analysis.cli",
        "build",
        str(FIXTURES / "hf_sample.jsonl"),
        "--db",
        str(db),
        "--no-progress",
    ]
    environment = os.environ | {"PAPERTRENDS_HOME": str(home)}

    def mentions():
        with connect(db, read_only=True) as con:
            return con.execute(
                "SELECT count(*) FROM buzzword_mentions WHERE buzzword = 'verifiable reward'"
            ).fetchone()[0]

    subprocess.run(command, env=environment, check=True, capture_output=True, text=True)
    assert mentions() == 0
    with (home / "data" / "lexicons" / "buzzwords.csv").open("a", encoding="utf-8") as out:
        out.write("verifiable reward,\n")
    second = subprocess.run(command, env=environment, check=True, capture_output=True, text=True)
    assert "12 papers' buzzwords matched again: the buzzword lexicon changed" in second.stderr
    assert "re-extracted" not in second.stderr
    assert mentions() == 2


# -- --map --------------------------------------------------------------------------------------------------


def test_a_changed_map_reads_its_files_again(tmp_path):
    table = tmp_path / "mine.csv"
    table.write_text(
        "id,title,summary,notes\n2501.00001,A Study of Things,We reach 91.5% accuracy.,Short note with no numbers.\n",
        encoding="utf-8",
    )
    db = tmp_path / "map.duckdb"
    other = FIXTURES / "2025-03-18.jsonl.gz"  # an arXiv listing: --map does not apply to it
    first = build([table, other], db, progress=False, mapping={"abstract": "summary"})
    same = build([table, other], db, progress=False, mapping={"abstract": "summary"})
    changed = build([table, other], db, progress=False, mapping={"abstract": "notes"})
    assert (first.files_skipped, same.files_skipped, changed.files_skipped) == (0, 2, 1)
    with connect(db, read_only=True) as con:
        assert con.execute("SELECT abstract FROM papers WHERE paper_id = '2501.00001'").fetchone() == (
            "Short note with no numbers.",
        )
        assert con.execute("SELECT count(*) FROM claims WHERE paper_id = '2501.00001'").fetchone() == (0,)
        stored = dict(con.execute("SELECT source_file, mapping FROM files").fetchall())
    assert json.loads(stored[str(table)]) == {"abstract": "notes"} and stored[str(other)] is None


# -- papers that vanish -------------------------------------------------------------------------------------


def write_listing(path: Path, *paper_ids: str) -> Path:
    with path.open("w", encoding="utf-8") as out:
        for paper_id in paper_ids:
            out.write(
                json.dumps(
                    {
                        "id": paper_id,
                        "title": f"Paper {paper_id}: a large language model agent study",
                        "abstract": "Our zero-shot method improves accuracy by 5.2% over GPT-4 on ImageNet. "
                        "Code will be released at https://github.com/example/repo.",
                    }
                )
                + "\n"
            )
    return path


def paper_rows(db: Path, paper_id: str) -> dict[str, int]:
    with connect(db, read_only=True) as con:
        tables = [
            row[0]
            for row in con.execute(
                "SELECT DISTINCT table_name FROM duckdb_columns() WHERE column_name = 'paper_id' AND NOT internal"
            ).fetchall()
        ]
        return {
            table: con.execute(f"SELECT count(*) FROM {table} WHERE paper_id = ?", [paper_id]).fetchone()[0]
            for table in tables
        }


def test_a_paper_no_file_holds_any_more_leaves_with_all_its_rows(tmp_path):
    listing = write_listing(tmp_path / "a.jsonl", "2501.00001", "2501.00002", "2501.00003")
    other = write_listing(tmp_path / "b.jsonl", "2501.00003")
    db = tmp_path / "vanish.duckdb"
    build([listing, other], db, progress=False)
    before = paper_rows(db, "2501.00001")
    assert all(
        before[table] > 0
        for table in (
            "papers",
            "sightings",
            "claims",
            "entities",
            "links",
            "buzzword_mentions",
            "code_promises",
            "code_status",
            "explore_papers",
        )
    ), before
    write_listing(listing, "2501.00002")  # rewritten without 2501.00001 and 2501.00003
    result = CliRunner().invoke(app, ["build", str(listing), str(other), "--db", str(db), "--no-progress"])
    assert result.exit_code == 0, result.output
    assert "1 papers removed: no input file holds them any more" in result.output
    assert set(paper_rows(db, "2501.00001").values()) == {0}
    kept = paper_rows(db, "2501.00003")  # b.jsonl still holds it
    assert kept["papers"] == kept["sightings"] == 1 and kept["claims"] > 0
    with connect(db, read_only=True) as con:
        assert con.execute("SELECT source_file FROM sightings WHERE paper_id = '2501.00003'").fetchall() == [
            (str(other),)
        ]
        assert con.execute("SELECT count(*) FROM papers").fetchone() == (2,)
        assert con.execute("SELECT count(*) FROM explore_papers").fetchone() == (2,)


def test_a_paper_that_moved_to_another_file_read_later_stays(tmp_path):
    listing = write_listing(tmp_path / "a.jsonl", "2501.00001", "2501.00002")
    db = tmp_path / "moved.duckdb"
    build([listing], db, progress=False)
    write_listing(listing, "2501.00002")
    moved = write_listing(tmp_path / "z.jsonl", "2501.00001")
    summary = build([listing, moved], db, progress=False)
    assert (summary.removed, summary.extracted) == (0, 0)  # both papers kept their rows: same text, same pipeline
    assert paper_rows(db, "2501.00001")["claims"] > 0


# -- a file read again: its records as they are now -------------------------------------------------------


def test_a_rewritten_file_gives_its_new_text_even_when_the_record_moved_down(tmp_path):
    listing = tmp_path / "a.jsonl"
    listing.write_text(
        json.dumps({"id": "2501.00001", "title": "T", "abstract": "We reach 90.1% accuracy."}) + "\n", encoding="utf-8"
    )
    db = tmp_path / "moved-down.duckdb"
    build([listing], db, progress=False)
    listing.write_text(
        json.dumps({"id": "2501.00009", "title": "Another paper", "abstract": "No numbers."})
        + "\n"
        + json.dumps({"id": "2501.00001", "title": "T", "abstract": "We reach 95.5% accuracy."})
        + "\n",
        encoding="utf-8",
    )
    build([listing], db, progress=False)
    with connect(db, read_only=True) as con:
        assert con.execute("SELECT abstract, source_position FROM papers WHERE paper_id = '2501.00001'").fetchone() == (
            "We reach 95.5% accuracy.",
            2,
        )
        assert con.execute("SELECT text FROM claims WHERE paper_id = '2501.00001'").fetchall() == [("95.5%",)]


def test_two_records_of_a_paper_in_one_file_merge_the_same_across_chunks(tmp_path, tune):
    listing = tmp_path / "twice.jsonl"
    listing.write_text(
        json.dumps({"id": "2501.00001", "title": "T", "abstract": "First record."})
        + "\n"
        + json.dumps({"id": "2501.00002", "title": "U", "abstract": "Between them."})
        + "\n"
        + json.dumps({"id": "2501.00001", "title": "T", "abstract": "Second record."})
        + "\n",
        encoding="utf-8",
    )
    db = tmp_path / "chunks.duckdb"
    build([listing], db, progress=False)
    tune(chunk_records=1)  # each record merged with what earlier chunks wrote
    build([listing], db, progress=False, force=True)
    with connect(db, read_only=True) as con:
        assert con.execute("SELECT abstract FROM papers WHERE paper_id = '2501.00001'").fetchone() == ("First record.",)


def test_a_paper_whose_text_record_left_takes_its_text_from_the_file_that_still_holds_it(tmp_path):
    first = tmp_path / "a.jsonl"  # "a" sorts first: between records of one source, its record wins the merge
    first.write_text(
        json.dumps({"id": "2501.00001", "title": "T", "abstract": "We reach 90.1% accuracy."})
        + "\n"
        + json.dumps({"id": "2501.00002", "title": "U", "abstract": "No numbers."})
        + "\n",
        encoding="utf-8",
    )
    second = tmp_path / "b.jsonl"
    second.write_text(
        json.dumps({"id": "2501.00001", "title": "T", "abstract": "We reach 95.5% accuracy."}) + "\n", encoding="utf-8"
    )
    db = tmp_path / "text-left.duckdb"
    build([first, second], db, progress=False)
    first.write_text(json.dumps({"id": "2501.00002", "title": "U", "abstract": "No numbers."}) + "\n", encoding="utf-8")
    summary = build([first, second], db, progress=False)
    assert (summary.files_skipped, summary.removed) == (0, 0)  # b.jsonl was read again for the paper's sake
    with connect(db, read_only=True) as con:
        assert con.execute("SELECT abstract, source_file FROM papers WHERE paper_id = '2501.00001'").fetchone() == (
            "We reach 95.5% accuracy.",
            str(second),
        )
        assert con.execute("SELECT text FROM claims WHERE paper_id = '2501.00001'").fetchall() == [("95.5%",)]
        assert con.execute("SELECT source_file FROM sightings WHERE paper_id = '2501.00001'").fetchall() == [
            (str(second),)
        ]
    again = build([first, second], db, progress=False)
    assert (again.files_skipped, again.extracted) == (2, 0)


def test_a_word_list_added_to_the_lexicon_folder_is_part_of_the_version(tmp_path, monkeypatch):
    folder = tmp_path / "lexicons"
    shutil.copytree(LEXICON_DIR, folder)
    monkeypatch.setattr(lexicons, "LEXICON_DIR", folder)
    before = versions.pipeline_version()
    (folder / "venues.csv").write_text("name\nNeurIPS\n", encoding="utf-8")
    assert versions.pipeline_version() != before
    # A list only the user's folder has is part of it too.
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "venues2.csv").write_text("name\nICML\n", encoding="utf-8")
    assert versions.pipeline_version(lexicons_dir=mine) != versions.pipeline_version()
