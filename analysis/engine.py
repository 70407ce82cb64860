"""Where extraction runs. ``local``: in this process, batch by batch, or in worker processes on this machine
that send back table rows (never Docs); the build reads and writes while they extract. ``dask``: on a Dask
cluster (dask.distributed), one task per partition of papers; each worker writes its rows as Parquet shards
into a folder the build can read, and DuckDB loads the shards. All give the same rows."""

from __future__ import annotations

import signal
import tempfile
from collections import deque
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb
import polars as pl

from .sources import Paper
from .store import write_extraction
from .store.db import PER_PAPER_TABLES, extraction_frames
from .store.staging import pause_point

if TYPE_CHECKING:  # dask is imported only when a Dask build runs
    from dask.distributed import Client, LocalCluster

EXTRACTION_TABLES = PER_PAPER_TABLES[:-1]
# Papers extracted and written together: bounds the memory that extraction rows take in a large build.
EXTRACTION_BATCH = 5_000
DASK_PARTITION = 2_000
# Papers per task of a local worker process, and tasks a worker runs before it is replaced by a fresh one
# (one at a time): spaCy's vocabulary and tokenizer cache grow with every new word, so a long build recycles them.
WORKER_BATCH = 2_000
WORKER_TASKS = 10

# One pipeline per worker process and model, built on first use: building it reads the lexicons.
_worker_pipelines: dict[str | None, object] = {}
_worker_model: str | None = None  # the model of a local worker process, set when it starts
_worker_busy = False  # this local worker process is extracting a batch
_worker_interrupted = False  # Ctrl-C reached this local worker process


def _no_progress(papers: int) -> None:
    return None


class _Watched:
    """What a runner tells as it goes, for a progress bar: papers handed over to extraction, and papers whose
    rows are written (once a batch)."""

    on_handed_over: Callable[[int], None] = staticmethod(_no_progress)
    on_extracted: Callable[[int], None] = staticmethod(_no_progress)


class LocalRunner(_Watched):
    """Extraction on this machine: in this process with one pipeline for the whole build (``workers=1``),
    or in ``workers`` processes. With processes, ``extract`` hands batches over and returns at once; their
    rows are written, in the order they were handed over, as later batches are handed over and at ``finish``."""

    def __init__(self, model: str | None, workers: int = 1):
        self.model = model
        self.workers = workers
        self.nlp = None
        # One single-process pool per worker, so a worker can be replaced while the others go on extracting.
        self.pools: list[ProcessPoolExecutor] = []
        self.batches_left: list[int] = []
        self.pending: deque[tuple[list[str], Future, int, int]] = deque()

    def __enter__(self) -> LocalRunner:
        if self.workers > 1:
            self.pools = [self._new_pool() for _ in range(self.workers)]
            # Staggered first rounds: the workers are never replaced at the same moment.
            self.batches_left = [WORKER_TASKS * (k + 1) // self.workers for k in range(self.workers)]
        return self

    def _new_pool(self) -> ProcessPoolExecutor:
        # Python 3.11's own max_tasks_per_child can hang a pool when a worker leaves (CPython gh-115634),
        # so a worker is replaced, with its pool, after WORKER_TASKS batches.
        return ProcessPoolExecutor(
            1, mp_context=get_context("spawn"), initializer=_start_worker, initargs=(self.model,)
        )

    def __exit__(self, *exc) -> None:
        for pool in self.pools:
            pool.shutdown(wait=True, cancel_futures=True)

    def extract(self, con: duckdb.DuckDBPyConnection, build_id: int, papers: list[Paper], stored: set[str]) -> None:
        """Extracts ``papers`` and writes their rows; ``stored`` are the ids among them that may have rows
        already (only those are deleted first: deleting scans a table, and most papers of a build are new)."""
        self.on_handed_over(len(papers))
        if not self.pools:
            if self.nlp is None:
                self.nlp = _new_pipeline(self.model)
            extract_local(con, build_id, papers, self.nlp, stored, self.on_extracted)
            return
        for start in range(0, len(papers), WORKER_BATCH):
            batch = papers[start : start + WORKER_BATCH]
            # At most three batches per worker in flight: enough to keep them busy while this process reads
            # the next chunk, and memory stays bounded.
            self._write_done(con, build_id, keep=3 * self.workers)
            worker = self._least_busy()
            if self.batches_left[worker] == 0:
                self.pools[worker].shutdown(wait=True)  # its batches finish first; their rows wait in their futures
                self.pools[worker] = self._new_pool()
                self.batches_left[worker] = WORKER_TASKS
            self.batches_left[worker] -= 1
            replaced = [paper.paper_id for paper in batch if paper.paper_id in stored]
            self.pending.append((replaced, self.pools[worker].submit(extract_batch, batch), worker, len(batch)))

    def _least_busy(self) -> int:
        busy = [0] * self.workers
        for _, future, worker, _ in self.pending:
            busy[worker] += not future.done()
        return busy.index(min(busy))

    def finish(self, con: duckdb.DuckDBPyConnection, build_id: int) -> None:
        """Waits for every batch handed over, writes its rows and stops the workers: the build's last
        transaction (the derived tables, the final checkpoint) is its largest, and idle workers would only
        add their memory to it."""
        self._write_done(con, build_id, keep=0)
        for pool in self.pools:
            pool.shutdown(wait=True)

    def _write_done(self, con: duckdb.DuckDBPyConnection, build_id: int, keep: int) -> None:
        while len(self.pending) > keep:
            replaced, future, _, papers = self.pending.popleft()
            write_extraction(con, build_id, replaced, future.result())
            self.on_extracted(papers)


def _new_pipeline(model: str | None):
    # spaCy is imported here, where a pipeline is built, and not at the top of this module: the building
    # process of a build whose workers extract never loads it (about 60 MB it would not use).
    from .extract import build_pipeline

    return build_pipeline(model)


def _extracted_frames(papers: list[Paper], nlp) -> dict[str, pl.DataFrame]:
    from .extract.rows import extract_rows

    return extraction_frames(extract_rows(papers, nlp).tables())


def _worker_pipeline(model: str | None):
    """This worker process's pipeline for ``model``, built on first use."""
    nlp = _worker_pipelines.get(model)
    if nlp is None:
        nlp = _worker_pipelines[model] = _new_pipeline(model)
    return nlp


def _interrupt_worker(signum, frame) -> None:
    """Ctrl-C in a terminal reaches every process of the build. A worker stops the batch it is extracting and
    the batches queued for it, and sends the interruption back to the building process, which stops the build;
    an idle worker lets it pass (a KeyboardInterrupt there would only print a traceback)."""
    global _worker_interrupted
    _worker_interrupted = True
    if _worker_busy:
        raise KeyboardInterrupt


def _start_worker(model: str | None) -> None:
    global _worker_model
    signal.signal(signal.SIGINT, _interrupt_worker)
    _worker_model = model
    _worker_pipeline(model)


def extract_batch(papers: list[Paper]) -> dict[str, pl.DataFrame]:
    """Runs in a local worker process: one batch's rows as typed frames, cheap to send back."""
    global _worker_busy
    if _worker_interrupted:
        raise KeyboardInterrupt
    _worker_busy = True
    try:
        pause_point("extracting")
        return _extracted_frames(papers, _worker_pipelines[_worker_model])
    finally:
        _worker_busy = False


class DaskRunner(_Watched):
    """Extraction on a Dask cluster, with one client (and, without a scheduler address, one local cluster)
    for the whole build."""

    def __init__(self, model: str | None, scheduler: str | None, workers: int, shard_dir: str | None):
        self.model, self.scheduler, self.workers, self.shard_dir = model, scheduler, workers, shard_dir
        self.cluster: LocalCluster | None = None
        self.client: Client | None = None
        self.scratch: tempfile.TemporaryDirectory[str] | None = None
        self.shards = 0

    def __enter__(self) -> DaskRunner:
        from dask.distributed import Client, LocalCluster

        if not self.scheduler:
            self.cluster = LocalCluster(
                n_workers=self.workers, threads_per_worker=1, processes=True, dashboard_address=None
            )
        self.client = Client(self.scheduler or self.cluster)
        if not self.shard_dir:
            self.scratch = tempfile.TemporaryDirectory(prefix="papertrends-shards-")
        return self

    def __exit__(self, *exc) -> None:
        if self.client is not None:
            self.client.close()
        if self.cluster is not None:
            self.cluster.close()
        if self.scratch is not None:
            self.scratch.cleanup()

    def finish(self, con: duckdb.DuckDBPyConnection, build_id: int) -> None:
        return None  # each extract call loads its shards before it returns

    def extract(self, con: duckdb.DuckDBPyConnection, build_id: int, papers: list[Paper], stored: set[str]) -> None:
        if self.client is None:
            raise RuntimeError("DaskRunner.extract called outside its `with` block")
        shard_dir = self.shard_dir or (self.scratch.name if self.scratch is not None else None)
        assert shard_dir is not None  # __enter__ makes a scratch folder when no shard_dir is given
        self.on_handed_over(len(papers))
        self.shards = extract_dask(
            con,
            build_id,
            papers,
            self.model,
            self.client,
            Path(shard_dir),
            self.shards,
            stored,
        )
        self.on_extracted(len(papers))


def extract_local(
    con: duckdb.DuckDBPyConnection,
    build_id: int,
    papers: list[Paper],
    nlp,
    stored: set[str],
    on_extracted: Callable[[int], None] = _no_progress,
) -> None:
    for start in range(0, len(papers), EXTRACTION_BATCH):
        batch = papers[start : start + EXTRACTION_BATCH]
        write_extraction(
            con,
            build_id,
            [paper.paper_id for paper in batch if paper.paper_id in stored],
            _extracted_frames(batch, nlp),
        )
        on_extracted(len(batch))


def extract_shard(papers: list[Paper], model: str | None, shard_dir: str, shard: int) -> dict[str, str]:
    """Runs on a Dask worker: extracts one partition and writes one Parquet file per table."""
    frames = _extracted_frames(papers, _worker_pipeline(model))
    paths = {}
    for table in EXTRACTION_TABLES:
        path = Path(shard_dir) / table / f"part-{shard:05d}.parquet"
        path.parent.mkdir(parents=True, exist_ok=True)
        frames[table].write_parquet(path)
        paths[table] = str(path)
    return paths


def extract_dask(
    con: duckdb.DuckDBPyConnection,
    build_id: int,
    papers: list[Paper],
    model: str | None,
    client,
    folder: Path,
    first_shard: int = 0,
    stored: set[str] | None = None,
) -> int:
    """Extracts on the cluster behind ``client`` and loads the shards. ``folder`` must be readable by this
    process and writable by every worker (shared storage on a real cluster). Returns the next shard number."""
    from dask.distributed import as_completed

    partitions = [papers[start : start + DASK_PARTITION] for start in range(0, len(papers), DASK_PARTITION)]
    futures = [
        client.submit(extract_shard, partition, model, str(folder), first_shard + index, pure=False)
        for index, partition in enumerate(partitions)
    ]
    shards: dict[str, list[str]] = {table: [] for table in EXTRACTION_TABLES}
    for future in as_completed(futures):
        for table, path in future.result().items():
            shards[table].append(path)
    replaced = [paper.paper_id for paper in papers if stored is None or paper.paper_id in stored]
    load_shards(con, build_id, replaced, shards)
    return first_shard + len(partitions)


def load_shards(
    con: duckdb.DuckDBPyConnection, build_id: int, paper_ids: list[str], shards: dict[str, list[str]]
) -> None:
    """Replaces the papers' extraction rows with the rows in the Parquet shards, in one transaction."""
    con.execute("BEGIN TRANSACTION")
    try:
        con.register("incoming_keys", pl.DataFrame({"paper_id": paper_ids}, schema={"paper_id": pl.String}).to_arrow())
        for table, paths in shards.items():
            if paper_ids:
                con.execute(f"DELETE FROM {table} WHERE paper_id IN (SELECT paper_id FROM incoming_keys)")
            if paths:
                con.execute(
                    f"INSERT INTO {table} BY NAME SELECT *, CAST(? AS INTEGER) AS build_id FROM read_parquet(?)",
                    [build_id, sorted(paths)],
                )
        con.unregister("incoming_keys")
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
