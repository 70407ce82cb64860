"""The build's tuning knobs, in one place. None of them changes what a build writes, only how it gets
there (memory, batching, worker lifetime), so none is part of the version stamp. Tests and benchmarks swap
the module's ``TUNING`` for one made with ``dataclasses.replace``."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Tuning:
    # Records read, merged, extracted and written together: a build's memory is bounded by this, not by the
    # corpus.
    chunk_records: int = 10_000
    # DuckDB's own memory while a build writes: without a limit it keeps up to 80% of the machine's memory of
    # the growing database in its buffers; with one it writes pages out and reads them back when needed.
    build_memory_limit: str = "256MB"
    # Rejects kept in the build summary to print (all of them are in the rejects table).
    kept_rejects: int = 1_000
    # Papers extracted in this process and written together: bounds the memory of extraction rows.
    extraction_batch: int = 5_000
    # Papers per task of a local worker process, and tasks a worker runs before a fresh one replaces it (one
    # at a time): spaCy's vocabulary and tokenizer cache grow with every new word, so a long build recycles them.
    worker_batch: int = 2_000
    worker_tasks: int = 10
    # Papers per Dask task (one Parquet shard per table each).
    dask_partition: int = 2_000
    # Discovered terms (terms table): in each month of each extraction batch, the ``term_vocabulary`` terms
    # most papers use join the vocabulary if at least ``term_min_papers`` papers of that batch and month use
    # them; only rows of vocabulary terms are stored (store.db._insert_terms), and at the build's end a term
    # fewer than ``term_min_papers`` papers of the database use leaves the terms view. Most n-grams occur in one paper;
    # keeping them all would double the database and the build time. Larger: more rare terms, a larger database.
    term_min_papers: int = 3
    # The corpus step (store.derived.spread_names): a name one paper gives evidence for is found in every paper
    # that writes it. Off by default: it rescans every stored paper in each build (about 5.6 min per million
    # papers on one core, even when a build adds a few papers) and moved neither gold part's F1.
    corpus_names: bool = False
    # 5,000, not 1,000: on the 7,575 Hugging Face papers, 1,000 a month kept 2,303 terms and let 1 term rise in
    # the last quarter where every candidate gave 22; 5,000 kept 9,740 and 17 (109 rows a paper against 87).
    term_vocabulary: int = 5_000


TUNING = Tuning()


def tuning() -> Tuning:
    """The tuning in force (read at use, so a replaced ``TUNING`` applies)."""
    return TUNING
