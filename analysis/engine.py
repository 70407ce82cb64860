"""Where extraction runs. ``local``: in this process, batch by batch, or in worker processes on this machine
that send back table rows (never Docs); the build reads and writes while they extract. ``dask``: on a Dask
cluster (dask.distributed), one task per partition of papers; each worker writes its rows as Parquet shards
into a folder the build can read, and DuckDB loads the shards. All give the same rows. Runners only extract: the build writes what they yield (analysis.store)."""

from __future__ import annotations

import signal
import tempfile
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

import polars as pl

from . import settings
from .settings import Tuning
from .sources import Paper
from .store.db import FAILED_TABLE, PER_PAPER_TABLES, ExtractedBatch, extraction_frames, failure_frame
from .store.staging import pause_point

if TYPE_CHECKING:  # dask is imported only when a Dask build runs
    from dask.distributed import Client, LocalCluster

EXTRACTION_TABLES = PER_PAPER_TABLES[:-1]
# What a Dask task writes a Parquet shard of: every extraction table, and the papers a component failed on.
SHARD_TABLES = (*EXTRACTION_TABLES, FAILED_TABLE)

# One pipeline per worker process, model and user lexicon folder, built on first use: building it reads the lexicons.
_worker_pipelines: dict[tuple[str | None, str | None], object] = {}
_worker_model: tuple[str | None, str | None] = (None, None)  # a local worker's model and lexicons, set when it starts
_worker_busy = False  # this local worker process is extracting a batch
_worker_interrupted = False  # Ctrl-C reached this local worker process


def _no_progress(papers: int) -> None:
    return None


class Runner(Protocol):
    """Where extraction runs. A runner extracts and never writes: ``extract`` hands papers over and yields the
    batches whose rows are ready (of this call or earlier ones: a runner with workers keeps some in flight),
    ``finish`` yields the rest. The build writes every batch it is given, in the order given; a generator not
    consumed extracts nothing."""

    on_handed_over: Callable[[int], None]  # papers handed over to extraction, for a progress bar

    def __enter__(self) -> Runner: ...

    def __exit__(self, *exc: object) -> None: ...

    def extract(self, papers: list[Paper], stored: set[str]) -> Iterator[ExtractedBatch]: ...

    def finish(self) -> Iterator[ExtractedBatch]: ...


def _replaced(papers: list[Paper], stored: set[str]) -> list[str]:
    return [paper.paper_id for paper in papers if paper.paper_id in stored]


class LocalRunner:
    """Extraction on this machine: in this process with one pipeline for the whole build (``workers=1``),
    or in ``workers`` processes. With processes, ``extract`` hands batches over and yields those already done;
    the rest are yielded, in the order they were handed over, by later calls and by ``finish``."""

    def __init__(self, model: str | None, workers: int = 1, tuning: Tuning | None = None, lexicons: str | None = None):
        self.model = model
        self.lexicons = lexicons
        self.workers = workers
        self.tuning = tuning or settings.tuning()
        self.on_handed_over: Callable[[int], None] = _no_progress
        self.nlp = None
        # One single-process pool per worker, so a worker can be replaced while the others go on extracting.
        self.pools: list[ProcessPoolExecutor] = []
        self.batches_left: list[int] = []
        self.pending: deque[tuple[list[str], Future, int, int]] = deque()

    def __enter__(self) -> LocalRunner:
        if self.workers > 1:
            self.pools = [self._new_pool() for _ in range(self.workers)]
            # Staggered first rounds: the workers are never replaced at the same moment.
            tasks = self.tuning.worker_tasks
            self.batches_left = [tasks * (k + 1) // self.workers for k in range(self.workers)]
        return self

    def _new_pool(self) -> ProcessPoolExecutor:
        # Python 3.11's own max_tasks_per_child can hang a pool when a worker leaves (CPython gh-115634),
        # so a worker is replaced, with its pool, after ``worker_tasks`` batches.
        return ProcessPoolExecutor(
            1, mp_context=get_context("spawn"), initializer=_start_worker, initargs=(self.model, self.lexicons)
        )

    def __exit__(self, *exc: object) -> None:
        for pool in self.pools:
            pool.shutdown(wait=True, cancel_futures=True)

    def extract(self, papers: list[Paper], stored: set[str]) -> Iterator[ExtractedBatch]:
        self.on_handed_over(len(papers))
        if not self.pools:
            if self.nlp is None:
                self.nlp = _new_pipeline(self.model, self.lexicons)
            size = self.tuning.extraction_batch
            for start in range(0, len(papers), size):
                batch = papers[start : start + size]
                yield ExtractedBatch(len(batch), _replaced(batch, stored), frames=_extracted_frames(batch, self.nlp))
            return
        size = self.tuning.worker_batch
        for start in range(0, len(papers), size):
            batch = papers[start : start + size]
            # At most three batches per worker in flight: enough to keep them busy while the build reads the
            # next chunk, and memory stays bounded.
            yield from self._done(keep=3 * self.workers)
            worker = self._least_busy()
            if self.batches_left[worker] == 0:
                self.pools[worker].shutdown(wait=True)  # its batches finish first; their rows wait in their futures
                self.pools[worker] = self._new_pool()
                self.batches_left[worker] = self.tuning.worker_tasks
            self.batches_left[worker] -= 1
            future = self.pools[worker].submit(extract_batch, batch)
            self.pending.append((_replaced(batch, stored), future, worker, len(batch)))

    def _least_busy(self) -> int:
        busy = [0] * self.workers
        for _, future, worker, _ in self.pending:
            busy[worker] += not future.done()
        return busy.index(min(busy))

    def finish(self) -> Iterator[ExtractedBatch]:
        """Waits for every batch handed over and yields its rows, then stops the workers: the build's last
        transaction (the derived tables, the final checkpoint) is its largest, and idle workers would only
        add their memory to it."""
        yield from self._done(keep=0)
        for pool in self.pools:
            pool.shutdown(wait=True)

    def _done(self, keep: int) -> Iterator[ExtractedBatch]:
        while len(self.pending) > keep:
            replaced, future, _, papers = self.pending.popleft()
            yield ExtractedBatch(papers, replaced, frames=future.result())


def _new_pipeline(model: str | None, lexicons: str | None = None):
    # spaCy is imported here, where a pipeline is built, and not at the top of this module: the building
    # process of a build whose workers extract never loads it (about 60 MB it would not use).
    from .extract import build_pipeline

    return build_pipeline(model, lexicons)


def _extracted_frames(papers: list[Paper], nlp) -> dict[str, pl.DataFrame]:
    """The batch's rows per extraction table, and its papers a component failed on (FAILED_TABLE)."""
    from .extract.rows import extract_rows

    rows = extract_rows(papers, nlp)
    return extraction_frames(rows.tables()) | {FAILED_TABLE: failure_frame(rows.failures)}


def _worker_pipeline(model: str | None, lexicons: str | None = None):
    """This worker process's pipeline for ``model`` and the user's lexicon folder, built on first use."""
    nlp = _worker_pipelines.get((model, lexicons))
    if nlp is None:
        nlp = _worker_pipelines[(model, lexicons)] = _new_pipeline(model, lexicons)
    return nlp


def _interrupt_worker(signum, frame) -> None:
    """Ctrl-C in a terminal reaches every process of the build. A worker stops the batch it is extracting and
    the batches queued for it, and sends the interruption back to the building process, which stops the build;
    an idle worker lets it pass (a KeyboardInterrupt there would only print a traceback)."""
    global _worker_interrupted
    _worker_interrupted = True
    if _worker_busy:
        raise KeyboardInterrupt


def _start_worker(model: str | None, lexicons: str | None = None) -> None:
    global _worker_model
    signal.signal(signal.SIGINT, _interrupt_worker)
    _worker_model = (model, lexicons)
    _worker_pipeline(model, lexicons)


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


class DaskRunner:
    """Extraction on a Dask cluster, with one client (and, without a scheduler address, one local cluster)
    for the whole build. Each ``extract`` call runs its partitions and yields one batch of Parquet shards."""

    def __init__(
        self,
        model: str | None,
        scheduler: str | None,
        workers: int,
        shard_dir: str | None,
        tuning: Tuning | None = None,
        lexicons: str | None = None,
    ):
        self.model, self.scheduler, self.workers, self.shard_dir = model, scheduler, workers, shard_dir
        self.lexicons = lexicons
        self.tuning = tuning or settings.tuning()
        self.on_handed_over: Callable[[int], None] = _no_progress
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

    def __exit__(self, *exc: object) -> None:
        if self.client is not None:
            self.client.close()
        if self.cluster is not None:
            self.cluster.close()
        if self.scratch is not None:
            self.scratch.cleanup()

    def finish(self) -> Iterator[ExtractedBatch]:
        yield from ()  # each extract call yields its shards before it returns

    def extract(self, papers: list[Paper], stored: set[str]) -> Iterator[ExtractedBatch]:
        """Extracts on the cluster; the shard folder must be readable by this process and writable by every
        worker (shared storage on a real cluster)."""
        from dask.distributed import as_completed

        if self.client is None:
            raise RuntimeError("DaskRunner.extract called outside its `with` block")
        folder = self.shard_dir or (self.scratch.name if self.scratch is not None else None)
        assert folder is not None  # __enter__ makes a scratch folder when no shard_dir is given
        self.on_handed_over(len(papers))
        size = self.tuning.dask_partition
        partitions = [papers[start : start + size] for start in range(0, len(papers), size)]
        futures = [
            self.client.submit(
                extract_shard, partition, self.model, folder, self.shards + index, self.lexicons, pure=False
            )
            for index, partition in enumerate(partitions)
        ]
        self.shards += len(partitions)
        shards: dict[str, list[str]] = {table: [] for table in SHARD_TABLES}
        for future in as_completed(futures):
            for table, path in future.result().items():
                shards[table].append(path)
        yield ExtractedBatch(len(papers), _replaced(papers, stored), shards=shards)


def extract_shard(
    papers: list[Paper], model: str | None, shard_dir: str, shard: int, lexicons: str | None = None
) -> dict[str, str]:
    """Runs on a Dask worker: extracts one partition and writes one Parquet file per table (the user's lexicon
    folder must be readable there, as the shard folder is)."""
    frames = _extracted_frames(papers, _worker_pipeline(model, lexicons))
    paths = {}
    for table in SHARD_TABLES:
        path = Path(shard_dir) / table / f"part-{shard:05d}.parquet"
        path.parent.mkdir(parents=True, exist_ok=True)
        frames[table].write_parquet(path)
        paths[table] = str(path)
    return paths
