"""Builds are all or nothing: killed with SIGKILL at several moments, a build leaves the database exactly as
it was, the next build completes, a reader during a build sees the last complete database, and a second
build at the same time fails with a clear message."""

import os
import shutil
import signal
import subprocess
import sys
import time

import pytest
from conftest import FIXTURES

from analysis.build import build
from analysis.store import connect
from analysis.store.staging import BuildLocked

pytestmark = pytest.mark.slow  # builds with worker processes, kills builds or times whole jobs

TABLES = ("papers", "claims", "entities", "links", "buzzword_mentions", "sightings", "builds", "files")


def snapshot(db):
    with connect(db, read_only=True) as con:
        return {table: con.execute(f"SELECT count(*) FROM {table}").fetchone()[0] for table in TABLES}


def start_paused_build(db, stage, listing=FIXTURES / "hf_sample.jsonl", options=()):
    """A real `papertrends build` process, stopped at a named point of the build. It leads its own process
    group, as a command run from a terminal does (Ctrl-C there signals the whole group)."""
    process = subprocess.Popen(
        [sys.executable, "-m", "analysis.cli", "build", str(listing), "--db", str(db), "--no-progress", *options],
        env=os.environ | {"PAPERTRENDS_PAUSE_AT": stage},
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    deadline = time.monotonic() + 120
    line = ""
    while time.monotonic() < deadline:
        line = process.stderr.readline()
        if f"paused at {stage}" in line or process.poll() is not None:
            break
    assert f"paused at {stage}" in line, f"build did not reach {stage}: {line!r}"
    return process


@pytest.fixture()
def built_db(tmp_path, seed_db):
    db = tmp_path / "crash.duckdb"
    shutil.copy(seed_db, db)
    return db


@pytest.mark.parametrize("stage", ["read", "extracted", "written", "before-rename"])
def test_kill_9_leaves_the_database_as_before_and_the_next_build_completes(built_db, stage):
    before = snapshot(built_db)
    process = start_paused_build(built_db, stage)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL
    assert snapshot(built_db) == before
    summary = build([FIXTURES / "hf_sample.jsonl"], built_db, progress=False)
    after = snapshot(built_db)
    assert after["papers"] == before["papers"] + 12 and after["builds"] == before["builds"] + 1
    assert summary.read == 12
    assert not list(built_db.parent.glob(f".{built_db.name}.building-*"))  # the killed build's copy is gone


def assert_interrupted_cleanly(process, db, before):
    """Exit status 130, the one-line message, no traceback, the database as it was and no copy left."""
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 130, stderr
    assert stderr.strip().splitlines()[-1] == "interrupted: database unchanged"
    assert "Traceback" not in stderr
    assert snapshot(db) == before
    assert not list(db.parent.glob(f".{db.name}.building-*"))


@pytest.mark.parametrize("stage", ["read", "extracted", "written", "before-rename"])
def test_ctrl_c_stops_the_build_with_status_130_and_the_database_unchanged(built_db, stage):
    before = snapshot(built_db)
    process = start_paused_build(built_db, stage)
    os.killpg(process.pid, signal.SIGINT)
    assert_interrupted_cleanly(process, built_db, before)


def test_ctrl_c_while_worker_processes_extract(built_db):
    """The terminal's Ctrl-C reaches the workers too: the one extracting stops its batch, none prints a traceback."""
    before = snapshot(built_db)
    process = start_paused_build(built_db, "extracting", options=("--workers", "2"))
    os.killpg(process.pid, signal.SIGINT)
    assert_interrupted_cleanly(process, built_db, before)


def test_a_reader_during_a_build_sees_the_last_complete_database(built_db):
    before = snapshot(built_db)
    process = start_paused_build(built_db, "written")
    try:
        assert snapshot(built_db) == before  # opens read-only while the build holds its copy
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)


def test_a_second_build_at_the_same_time_fails_clearly(built_db):
    process = start_paused_build(built_db, "read")
    try:
        with pytest.raises(BuildLocked, match="another build is writing this database"):
            build([FIXTURES / "2025-03-18.jsonl.gz"], built_db, progress=False)
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
    # Once the first build is gone, the second one runs.
    assert build([FIXTURES / "2025-03-18.jsonl.gz"], built_db, progress=False).read == 3


def test_a_worker_lets_ctrl_c_pass_when_idle_and_extracts_nothing_after_it(monkeypatch):
    """An idle worker raising KeyboardInterrupt would only print a traceback; batches already queued for it are
    not extracted once Ctrl-C came."""
    from analysis import engine

    monkeypatch.setattr(engine, "_worker_interrupted", False)
    engine._interrupt_worker(signal.SIGINT, None)
    with pytest.raises(KeyboardInterrupt):
        engine.extract_batch([])
    monkeypatch.setattr(engine, "_worker_busy", True)
    with pytest.raises(KeyboardInterrupt):  # a busy worker stops its batch
        engine._interrupt_worker(signal.SIGINT, None)
