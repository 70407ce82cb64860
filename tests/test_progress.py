"""The build's progress bar: bytes read of the input's size and papers extracted of the papers to extract,
updated once a chunk and once a batch; no bar with --no-progress or when stderr is not a terminal."""

import io
import os
import pty
import select
import subprocess
import sys

import pytest
from conftest import FIXTURES
from rich.console import Console

import analysis.build
from analysis.build import BuildProgress, build

# Each test builds a database, renders pages or runs the real command in a subprocess: not in make test-fast.
pytestmark = pytest.mark.slow


class WatchedProgress(BuildProgress):
    """The build's own progress bar, drawn into a string, keeping every byte count the build reported."""

    made: list["WatchedProgress"] = []

    def __init__(self, show: bool):
        self.screen = io.StringIO()
        super().__init__(show=True, console=Console(file=self.screen, force_terminal=True, width=120))
        self.reads: list[int] = []
        WatchedProgress.made.append(self)

    def read_to(self, bytes_read: int) -> None:
        self.reads.append(bytes_read)
        super().read_to(bytes_read)

    def task(self, task_id):
        return next(task for task in self.bar.tasks if task.id == task_id)


@pytest.fixture()
def watched(monkeypatch, tune):
    WatchedProgress.made = []
    monkeypatch.setattr(analysis.build, "BuildProgress", WatchedProgress)
    tune(chunk_records=5)  # several chunks from small files
    return WatchedProgress.made


@pytest.mark.parametrize("workers", [1, 2])
def test_the_bar_counts_bytes_of_the_input_and_papers_of_those_to_extract(tmp_path, watched, workers):
    import polars as pl

    table = tmp_path / "mine.parquet"
    pl.DataFrame(
        {"title": [f"Paper {i}" for i in range(12)], "abstract": [f"We test {i} things." for i in range(12)]}
    ).write_parquet(table)
    inputs = [FIXTURES / "hf_sample.jsonl", FIXTURES / "2025-03-18.jsonl.gz", table]
    summary = build(inputs, tmp_path / "bar.duckdb", engine=analysis.build.Engine(workers=workers))
    (progress,) = watched
    reading, extracting = progress.task(progress.reading), progress.task(progress.extracting)
    input_bytes = sum(path.stat().st_size for path in inputs)
    assert (reading.total, reading.completed) == (input_bytes, input_bytes)
    assert (extracting.total, extracting.completed) == (summary.extracted, summary.extracted) == (27, 27)
    # Read in chunks of 5 records: the count grows chunk by chunk, short of the whole until the last.
    assert len(progress.reads) == 6 and progress.reads == sorted(progress.reads)
    assert 0 < progress.reads[0] < input_bytes and progress.reads[-1] == input_bytes
    screen = progress.screen.getvalue()
    assert "reading" in screen and "27/27 papers" in screen


def test_an_unchanged_rebuild_has_nothing_to_read_or_extract(tmp_path, watched):
    db = tmp_path / "again.duckdb"
    build([FIXTURES / "hf_sample.jsonl"], db)
    build([FIXTURES / "hf_sample.jsonl"], db)
    progress = watched[-1]
    assert progress.task(progress.reading).total == 0 and progress.task(progress.extracting).total == 0


def run_build(tmp_path, options=(), terminal=True) -> str:
    """`papertrends build` as a user runs it, with stderr a terminal (a pseudo-terminal) or a pipe; its stderr."""
    command = [
        sys.executable,
        "-m",
        "analysis.cli",
        "build",
        str(FIXTURES / "hf_sample.jsonl"),
        "--db",
        str(tmp_path / f"run{len(list(tmp_path.iterdir()))}.duckdb"),
        *options,
    ]
    if not terminal:
        return subprocess.run(command, stderr=subprocess.PIPE, text=True, check=True, timeout=300).stderr
    leader, follower = pty.openpty()
    process = subprocess.Popen(command, stderr=follower, stdout=subprocess.DEVNULL)
    os.close(follower)
    output = b""
    while True:
        ready, _, _ = select.select([leader], [], [], 1)
        if ready:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # the build closed the terminal
                break
            if not chunk:
                break
            output += chunk
        elif process.poll() is not None:
            break
    os.close(leader)
    assert process.wait(timeout=300) == 0
    return output.decode("utf-8", "replace")


def test_a_terminal_shows_the_bar_and_no_progress_or_a_pipe_do_not(tmp_path):
    shown = run_build(tmp_path)
    assert "reading" in shown and "12/12 papers" in shown
    for hidden in (run_build(tmp_path, ["--no-progress"]), run_build(tmp_path, terminal=False)):
        assert "reading" not in hidden and "papers/s" not in hidden
        assert "12 papers read, 0 rejected" in hidden


def test_a_file_refused_whole_counts_as_read(tmp_path, watched):
    refused = tmp_path / "notes.bin"
    refused.write_bytes(bytes(range(256)) * 4)
    build([FIXTURES / "hf_sample.jsonl", refused], tmp_path / "refused.duckdb")  # the last file read
    (progress,) = watched
    reading = progress.task(progress.reading)
    assert reading.completed == reading.total == refused.stat().st_size + (FIXTURES / "hf_sample.jsonl").stat().st_size
