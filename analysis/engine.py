"""Where extraction runs. ``local``: in this process, batch by batch. ``dask``: on a Dask cluster
(dask.distributed), one task per partition of papers; each worker writes its rows as Parquet shards
into a folder the build can read, and DuckDB loads the shards. Both give the same rows."""

from __future__ import annotations

import dataclasses
import tempfile
from collections.abc import Callable
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


def extract_local(
    con: duckdb.DuckDBPyConnection, build_id: int, papers: list[Paper], model: str | None,
    on_paper: Callable[[], None] | None = None,
) -> None:
    nlp = build_pipeline(model)
    for start in range(0, len(papers), EXTRACTION_BATCH):
        batch = papers[start:start + EXTRACTION_BATCH]
        rows = extract_rows(batch, nlp, on_paper=on_paper)
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
    con: duckdb.DuckDBPyConnection, build_id: int, papers: list[Paper], model: str | None,
    scheduler: str | None = None, workers: int = 2, shard_dir: str | Path | None = None,
    on_partition: Callable[[int], None] | None = None,
) -> None:
    """Extracts on the cluster at ``scheduler`` (or on a local cluster of ``workers`` processes) and loads the
    shards. ``shard_dir`` must be readable by this process and writable by every worker (shared storage on a
    real cluster); by default a temporary folder, which is enough for a local cluster."""
    from dask.distributed import Client, LocalCluster, as_completed

    cluster = None if scheduler else LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None)
    client = Client(scheduler or cluster)
    scratch = None if shard_dir else tempfile.TemporaryDirectory(prefix="papertrends-shards-")
    folder = Path(shard_dir or scratch.name)
    try:
        partitions = [papers[start:start + DASK_PARTITION] for start in range(0, len(papers), DASK_PARTITION)]
        futures = [
            client.submit(extract_shard, partition, model, str(folder), index, pure=False)
            for index, partition in enumerate(partitions)
        ]
        shards: dict[str, list[str]] = {table: [] for table in EXTRACTION_TABLES}
        for future in as_completed(futures):
            for table, path in future.result().items():
                shards[table].append(path)
            if on_partition:
                on_partition(DASK_PARTITION)
        load_shards(con, build_id, [paper.paper_id for paper in papers], shards)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
        if scratch is not None:
            scratch.cleanup()


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
