"""Where extraction runs. ``local``: in this process, batch by batch. ``dask``: on a Dask cluster
(dask.distributed), one task per partition of papers; each worker writes its rows as Parquet shards
into a folder the build can read, and DuckDB loads the shards. Both give the same rows."""

from __future__ import annotations

import dataclasses
import tempfile
from pathlib import Path

import duckdb
import polars as pl

from .extract import build_pipeline
from .extract.rows import ExtractedRows, extract_rows
from .sources import Paper
from .store import TABLE_COLUMNS, write_extraction
from .store.db import PER_PAPER_TABLES

EXTRACTION_TABLES = PER_PAPER_TABLES[:-1]
# Papers extracted and written together: bounds the memory that extraction rows take in a large build.
EXTRACTION_BATCH = 5_000
DASK_PARTITION = 2_000

# One pipeline per worker process and model, built on first use: building it reads the lexicons.
_worker_pipelines: dict[str | None, object] = {}


class LocalRunner:
    """Extraction in this process, with one pipeline for the whole build."""

    def __init__(self, model: str | None):
        self.model = model
        self.nlp = None

    def __enter__(self) -> LocalRunner:
        return self

    def __exit__(self, *exc) -> None:
        return None

    def extract(self, con: duckdb.DuckDBPyConnection, build_id: int, papers: list[Paper]) -> None:
        if self.nlp is None:
            self.nlp = build_pipeline(self.model)
        extract_local(con, build_id, papers, self.nlp)


class DaskRunner:
    """Extraction on a Dask cluster, with one client (and, without a scheduler address, one local cluster)
    for the whole build."""

    def __init__(self, model: str | None, scheduler: str | None, workers: int, shard_dir: str | None):
        self.model, self.scheduler, self.workers, self.shard_dir = model, scheduler, workers, shard_dir
        self.cluster = self.client = self.scratch = None
        self.shards = 0

    def __enter__(self) -> DaskRunner:
        from dask.distributed import Client, LocalCluster

        if not self.scheduler:
            self.cluster = LocalCluster(n_workers=self.workers, threads_per_worker=1, processes=True, dashboard_address=None)
        self.client = Client(self.scheduler or self.cluster)
        if not self.shard_dir:
            self.scratch = tempfile.TemporaryDirectory(prefix="papertrends-shards-")
        return self

    def __exit__(self, *exc) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()
        if self.scratch is not None:
            self.scratch.cleanup()

    def extract(self, con: duckdb.DuckDBPyConnection, build_id: int, papers: list[Paper]) -> None:
        self.shards = extract_dask(
            con, build_id, papers, self.model, self.client, Path(self.shard_dir or self.scratch.name), self.shards,
        )


def extract_local(con: duckdb.DuckDBPyConnection, build_id: int, papers: list[Paper], nlp) -> None:
    for start in range(0, len(papers), EXTRACTION_BATCH):
        batch = papers[start:start + EXTRACTION_BATCH]
        rows = extract_rows(batch, nlp)
        write_extraction(con, build_id, [paper.paper_id for paper in batch], dataclasses.asdict(rows))


def extract_shard(papers: list[Paper], model: str | None, shard_dir: str, shard: int) -> dict[str, str]:
    """Runs on a Dask worker: extracts one partition and writes one Parquet file per table."""
    nlp = _worker_pipelines.get(model)
    if nlp is None:
        nlp = _worker_pipelines[model] = build_pipeline(model)
    rows: ExtractedRows = extract_rows(papers, nlp)
    paths = {}
    for table in EXTRACTION_TABLES:
        path = Path(shard_dir) / table / f"part-{shard:05d}.parquet"
        path.parent.mkdir(parents=True, exist_ok=True)
        table_rows = getattr(rows, table)
        frame = pl.DataFrame(table_rows, schema=TABLE_COLUMNS[table], orient="row") if table_rows else pl.DataFrame(schema=TABLE_COLUMNS[table])
        frame.write_parquet(path)
        paths[table] = str(path)
    return paths


def extract_dask(
    con: duckdb.DuckDBPyConnection, build_id: int, papers: list[Paper], model: str | None, client, folder: Path,
    first_shard: int = 0,
) -> int:
    """Extracts on the cluster behind ``client`` and loads the shards. ``folder`` must be readable by this
    process and writable by every worker (shared storage on a real cluster). Returns the next shard number."""
    from dask.distributed import as_completed

    partitions = [papers[start:start + DASK_PARTITION] for start in range(0, len(papers), DASK_PARTITION)]
    futures = [
        client.submit(extract_shard, partition, model, str(folder), first_shard + index, pure=False)
        for index, partition in enumerate(partitions)
    ]
    shards: dict[str, list[str]] = {table: [] for table in EXTRACTION_TABLES}
    for future in as_completed(futures):
        for table, path in future.result().items():
            shards[table].append(path)
    load_shards(con, build_id, [paper.paper_id for paper in papers], shards)
    return first_shard + len(partitions)


def load_shards(con: duckdb.DuckDBPyConnection, build_id: int, paper_ids: list[str], shards: dict[str, list[str]]) -> None:
    """Replaces the papers' extraction rows with the rows in the Parquet shards, in one transaction."""
    con.execute("BEGIN TRANSACTION")
    try:
        con.register("incoming_keys", pl.DataFrame({"paper_id": paper_ids}, schema={"paper_id": pl.String}).to_arrow())
        for table, paths in shards.items():
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
