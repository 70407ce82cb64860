"""The Dask engine builds the same rows as the local engine (a LocalCluster of 2 worker processes)."""

import pytest
from conftest import FIXTURES, SEED

from analysis.build import Engine, build
from analysis.store import connect

pytestmark = pytest.mark.slow  # builds with worker processes, kills builds or times whole jobs

TABLES = ("papers", "claims", "entities", "links", "buzzword_mentions", "code_promises", "sightings")
INPUTS = [SEED, FIXTURES / "hf_sample.jsonl", FIXTURES / "2025-03-18.jsonl.gz"]


def rows(db, table):
    with connect(db, read_only=True) as con:
        columns = [c for c in con.execute(f"SELECT * FROM {table} LIMIT 0").pl().columns if c not in ("build_id",)]
        return sorted(con.execute(f"SELECT {', '.join(columns)} FROM {table}").fetchall(), key=repr)


def test_dask_engine_gives_the_same_rows_as_the_local_engine(tmp_path, tune):

    tune(dask_partition=40)  # several partitions for 2 workers
    local, distributed = tmp_path / "local.duckdb", tmp_path / "dask.duckdb"
    build(INPUTS, local, progress=False)
    summary = build(
        INPUTS, distributed, progress=False, engine=Engine("dask", workers=2, shard_dir=str(tmp_path / "shards"))
    )
    assert summary.extracted == len(rows(local, "papers")) > 0  # every distinct paper of the inputs, once
    for table in TABLES:
        assert rows(local, table) == rows(distributed, table), table
    assert len(list((tmp_path / "shards" / "claims").glob("part-*.parquet"))) == 5


def test_engine_options_of_the_command(tmp_path):
    from typer.testing import CliRunner

    from analysis.cli import app

    db = tmp_path / "cli.duckdb"
    result = CliRunner().invoke(
        app,
        [
            "build",
            str(FIXTURES / "hf_sample.jsonl"),
            "--db",
            str(db),
            "--no-progress",
            "--engine",
            "dask",
            "--workers",
            "1",
        ],
    )
    assert result.exit_code == 0, result.output
    assert "12 papers updated, 12 extracted" in result.output
    bad = CliRunner().invoke(app, ["build", str(FIXTURES / "hf_sample.jsonl"), "--db", str(db), "--engine", "spark"])
    assert bad.exit_code == 1 and "--engine must be local or dask" in bad.output


def test_local_worker_processes_give_the_same_rows_as_one_process(tmp_path, tune):

    tune(worker_batch=30)  # several batches in flight for 2 workers
    tune(worker_tasks=2)  # and workers replaced during the build
    one, many = tmp_path / "one.duckdb", tmp_path / "many.duckdb"
    build(INPUTS, one, progress=False)
    summary = build(INPUTS, many, progress=False, engine=Engine("local", workers=2))
    assert summary.extracted == len(rows(one, "papers")) > 0  # every distinct paper of the inputs, once
    for table in TABLES:
        assert rows(one, table) == rows(many, table), table


def test_workers_stop_once_their_rows_are_written(tmp_path):
    # The build's last transaction is its largest: the worker processes must be gone before it, not after.
    import psutil

    from analysis.build import Extraction, read_inputs
    from analysis.engine import LocalRunner
    from analysis.store import create_schema

    papers = [sightings[0] for sightings in read_inputs([FIXTURES / "hf_sample.jsonl"]).sightings.values()]
    me = psutil.Process()
    before = {child.pid for child in me.children(recursive=True)}
    with connect(tmp_path / "db.duckdb") as con, LocalRunner(None, workers=2) as runner:
        create_schema(con)
        extraction = Extraction(con, 1, runner, written=lambda papers: None)
        extraction.extract(papers, stored=set())
        # New children: the worker that took the batch, and perhaps spawn's resource tracker (it stays).
        workers = [
            child
            for child in me.children(recursive=True)
            if child.pid not in before and "resource_tracker" not in " ".join(child.cmdline())
        ]
        extraction.finish()
        assert workers
        assert not [child for child in workers if child.is_running() and child.status() != psutil.STATUS_ZOMBIE]
        assert con.execute("SELECT count(DISTINCT paper_id) FROM claims").fetchone()[0] > 0


def test_the_building_process_leaves_spacy_to_its_workers(tmp_path):
    # With worker processes, the building process only reads, merges and writes: it must not load spaCy
    # (about 60 MB of its memory at the build's largest moment). Run apart, since this process has spaCy.
    import subprocess
    import sys

    script = tmp_path / "build_with_workers.py"
    script.write_text(
        "import sys\n"
        "from pathlib import Path\n"
        "from analysis.build import Engine, build\n"
        "if __name__ == '__main__':\n"
        f"    summary = build([Path({str(FIXTURES / 'hf_sample.jsonl')!r})], Path({str(tmp_path / 'w.duckdb')!r}),\n"
        "                    progress=False, engine=Engine('local', workers=2))\n"
        "    print(summary.extracted, 'spacy' in sys.modules)\n"
    )
    result = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, check=True)
    assert result.stdout.split() == ["12", "False"]


def test_a_runner_only_extracts_and_the_build_writes_what_it_yields(tune):
    # A runner needs no database: it yields batches of rows, sized by the tuning in force, and the build
    # (analysis.build.Extraction) writes them with store.write_extracted.
    from analysis.build import read_inputs
    from analysis.engine import LocalRunner

    tune(extraction_batch=7)
    papers = [sightings[0] for sightings in read_inputs([FIXTURES / "hf_sample.jsonl"]).sightings.values()]
    stored = {papers[0].paper_id}
    with LocalRunner(None) as runner:
        batches = list(runner.extract(papers, stored)) + list(runner.finish())
    assert [batch.papers for batch in batches] == [len(papers[i : i + 7]) for i in range(0, len(papers), 7)]
    assert [batch.replaced for batch in batches][0] == [papers[0].paper_id] and not any(
        batch.replaced for batch in batches[1:]
    )
    extracted = {row for batch in batches for row in batch.frames["claims"]["paper_id"]}
    assert extracted and extracted <= {paper.paper_id for paper in papers}
