"""The main job: read listings, merge sightings of the same paper, extract with spaCy what is new, store in
DuckDB in one transaction. Files unchanged since an earlier build (same size, modification time and ``--map``)
are skipped; papers whose text and pipeline version are unchanged keep their extraction rows, stored papers
that another pipeline version extracted are extracted again from their stored text, and papers no file shows
any more leave the database. Papers whose pipeline version differs in the buzzword lexicon alone keep every row
but their buzzword mentions, which are matched again from the stored text (``_rematch_buzzwords``)."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import polars as pl
from rich.console import Console
from rich.progress import (
    BarColumn,
    DownloadColumn,
    Progress,
    ProgressColumn,
    Task,
    TextColumn,
    TimeRemainingColumn,
    TransferSpeedColumn,
)
from rich.text import Text

from . import settings
from .engine import DaskRunner, LocalRunner, Runner
from .sources import MAPPABLE, ListingError, Paper, Reject, detect_format, expand_inputs, read_listing
from .sources.files import watched_reading
from .sources.merge import merge_records
from .sources.records import LIMITS, Limits
from .store import (
    buzzword_stale_papers,
    connect,
    drop_unsighted_papers,
    files_showing_papers_whose_text_left,
    finish_build,
    forget_files,
    known_files,
    next_build_id,
    restamp_papers,
    restamp_versions,
    stale_papers,
    stored_papers,
    write_chunk,
    write_extracted,
)
from .store.db import ExtractedBatch, fetch_one
from .store.staging import build_lock, pause_point, staged_copy
from .versions import buzzword_fingerprint, pipeline_version, without_buzzwords

PAPER_FIELDS = [field.name for field in dataclasses.fields(Paper)]
ROW_FIELDS = [name for name in PAPER_FIELDS if name != "position"]


class Extraction:
    """A runner's batches, written as they come: the build's one write path for extraction rows (the runner
    extracts, ``store.write_extracted`` writes, ``written`` is told how many papers' rows are in)."""

    def __init__(
        self, con, build_id: int, runner: Runner, written: Callable[[int], None], buzzword_lexicon: str | None = None
    ):
        self.con, self.build_id, self.runner, self.written = con, build_id, runner, written
        # Papers a component failed on (in the rejects table too): the build's summary names them.
        self.failures: list[Reject] = []
        # Every buzzword row names the lexicon that matched it (buzzword_mentions.lexicon).
        self.constants = {"buzzword_mentions": {"lexicon": buzzword_lexicon}} if buzzword_lexicon else {}

    def extract(self, papers: list[Paper], stored: set[str]) -> None:
        for batch in self.runner.extract(papers, stored):
            self._write(batch)

    def finish(self) -> None:
        for batch in self.runner.finish():
            self._write(batch)

    def _write(self, batch: ExtractedBatch) -> None:
        write_extracted(self.con, self.build_id, batch, self.constants)
        self.failures += [Reject(**row) for row in batch.failures().iter_rows(named=True)]
        self.written(batch.papers)


@dataclass(frozen=True)
class Engine:
    """Where extraction runs: ``local`` (this process when ``workers`` is 1, else that many worker processes
    on this machine) or ``dask`` (a cluster at ``scheduler``, or a local cluster of ``workers`` processes when
    no address is given; shards go to ``shard_dir``)."""

    name: str = "local"
    scheduler: str | None = None
    workers: int = 1
    shard_dir: str | None = None


class _AmountColumn(ProgressColumn):
    """``12.3/45.6 MB`` for the bytes read, ``1,234/5,000 papers`` for the papers extracted."""

    def render(self, task: Task) -> Text:
        if task.fields.get("unit") == "bytes":
            return DownloadColumn().render(task)
        return Text(f"{int(task.completed):,}/{int(task.total or 0):,} papers", style="progress.download")


class _RateColumn(ProgressColumn):
    """``4.2 MB/s`` for reading, ``650 papers/s`` for extraction."""

    def render(self, task: Task) -> Text:
        if task.fields.get("unit") == "bytes":
            return TransferSpeedColumn().render(task)
        return Text(f"{task.speed:,.0f} papers/s" if task.speed else "", style="progress.data.speed")


class BuildProgress:
    """The build's progress bar: bytes read of the size of the files to read, and papers extracted of the
    papers to extract (a total that grows as the chunks read hand papers over), each with its rate and the
    time left. Updated once a chunk and once an extraction batch, never per paper."""

    def __init__(self, show: bool, console: Console | None = None):
        self.bar = Progress(
            TextColumn("{task.description:<10}"),
            BarColumn(),
            _AmountColumn(),
            _RateColumn(),
            TimeRemainingColumn(),
            console=console or Console(stderr=True),
            disable=not show,
        )
        self.reading = self.bar.add_task("reading", total=0, unit="bytes")
        self.extracting = self.bar.add_task("extracting", total=0, unit="papers")
        self.papers_to_extract = 0

    def __enter__(self) -> BuildProgress:
        self.bar.__enter__()
        return self

    def __exit__(self, *exc) -> None:
        self.bar.__exit__(*exc)

    def start_reading(self, input_bytes: int) -> None:
        self.bar.update(self.reading, total=input_bytes)

    def read_to(self, bytes_read: int) -> None:
        self.bar.update(self.reading, completed=bytes_read)

    def to_extract(self, papers: int) -> None:
        """More papers handed over to extraction (the runner says so)."""
        self.papers_to_extract += papers
        self.bar.update(self.extracting, total=self.papers_to_extract)

    def extracted(self, papers: int) -> None:
        """Papers whose rows are written (the runner says so, once a batch)."""
        self.bar.advance(self.extracting, papers)


@dataclass(frozen=True)
class BuildSummary:
    build_id: int
    files: int
    files_skipped: int
    seen: int
    read: int
    rejected: int
    papers: int
    extracted: int
    rejects: list[Reject]
    reextracted: int = 0  # of ``extracted``: stored papers with unchanged text whose pipeline version changed
    rematched: int = 0  # stored papers whose buzzwords alone were matched again: the buzzword lexicon changed
    removed: int = 0  # papers that left the database: no file shows them any more
    failed: list[Reject] = dataclasses.field(default_factory=list)  # papers a component failed on: kept, without rows


@dataclass
class InputRecords:
    """What the files held: every record that is a paper (grouped by paper_id), and every reject."""

    sightings: dict[str, list[Paper]]
    rejects: list[Reject]
    seen_per_file: dict[str, int]

    @property
    def read(self) -> int:
        return sum(len(records) for records in self.sightings.values())


def iter_records(
    files: Iterable[Path], mapping: dict[str, str] | None, seen_per_file: dict[str, int]
) -> Iterator[Paper | Reject]:
    """Every record of every file, in order, as a stream. A file that cannot be read at all is one reject at
    position 0; a file that breaks part way (a truncated gzip) keeps the records before the break and adds one
    reject after them. ``seen_per_file`` is filled in as files end."""
    for path in files:
        seen, last_position = 0, 0
        try:
            for record in read_listing(path, mapping):
                seen += 1
                last_position = record.position
                yield within_field_limits(record) if isinstance(record, Paper) else record
        except ListingError as error:
            seen += 1
            position = last_position + 1 if last_position else 0
            yield Reject(str(path), position, str(error).removeprefix(f"{path}: "), "")
        seen_per_file[str(path)] = seen


def read_inputs(files: Iterable[Path], mapping: dict[str, str] | None = None) -> InputRecords:
    """All records of the files at once (for small inputs, tests and the benchmark; builds stream)."""
    result = InputRecords({}, [], {})
    for record in iter_records(files, mapping, result.seen_per_file):
        if isinstance(record, Reject):
            result.rejects.append(record)
        else:
            result.sightings.setdefault(record.paper_id, []).append(record)
    return result


def within_field_limits(paper: Paper) -> Paper | Reject:
    """The paper, or a Reject when its title or abstract is longer than the field limit."""
    limit = LIMITS.get().max_field_chars
    for field in ("title", "abstract"):
        size = len(getattr(paper, field))
        if size > limit:
            reason = f"{field} of {size:,} characters is over the limit of {limit:,} (--max-field-chars)"
            return Reject(paper.source_file, paper.position, reason, paper.title[:500])
    return paper


def file_state(path: Path) -> tuple[int, datetime]:
    stat = path.stat()
    return stat.st_size, datetime.fromtimestamp(stat.st_mtime_ns // 1000 / 1e6)


def applied_mapping(path: Path, mapping: dict[str, str] | None) -> str | None:
    """The ``--map`` the file is read with, as the files table records it: JSON, or None when there is none
    or the file's format takes none (reading its head tells, so only when a mapping is given)."""
    if not mapping:
        return None
    try:
        if detect_format(path) not in MAPPABLE:
            return None
    except (ListingError, OSError):
        return None  # a file that cannot be read is rejected when it is read
    return json.dumps(mapping, sort_keys=True)


def is_unchanged(path: Path, known: tuple | None, state: tuple[int, datetime], mapping: dict[str, str] | None) -> bool:
    """Whether the file is as an earlier build read it: same size and modification time, same mapping."""
    if known is None or tuple(known[:2]) != state:
        return False
    stored_mapping = known[2]
    if stored_mapping == (json.dumps(mapping, sort_keys=True) if mapping else None):
        return True
    return stored_mapping == applied_mapping(path, mapping)


def paper_row(paper: Paper, version: str | None) -> dict:
    row = {name: getattr(paper, name) for name in ROW_FIELDS}
    for name in ("categories", "authors", "keywords"):
        if isinstance(row[name], tuple):
            row[name] = list(row[name])
    row["source_position"], row["pipeline_version"] = paper.position, version
    return row


def paper_from_row(row: dict) -> Paper:
    values: dict[str, Any] = {name: row.get(name) for name in PAPER_FIELDS if name != "position"}
    values = {name: tuple(value) if isinstance(value, list) else value for name, value in values.items()}
    for name in ("categories", "authors", "keywords"):
        values[name] = values[name] or ()
    return Paper(position=row["source_position"], **values)


def build(
    inputs: Iterable[str | Path],
    db_path: str | Path,
    model: str | None = None,
    progress: bool = True,
    force: bool = False,
    mapping: dict[str, str] | None = None,
    wait_seconds: float = 0.0,
    limits: Limits | None = None,
    engine: Engine = Engine(),
    lexicons: str | Path | None = None,
) -> BuildSummary:
    """Builds ``db_path`` from listing files, folders and globs (see README: one paper, many sightings).
    All or nothing: the build writes a private copy and swaps it in when complete (see store.staging).
    ``lexicons`` is the user's lexicon folder, read in front of the default one (paths.lexicon_file)."""
    db_path = Path(db_path)
    files = expand_inputs(inputs)
    token = LIMITS.set(limits or Limits())
    try:
        with build_lock(db_path, wait_seconds), staged_copy(db_path) as staged:
            return _build(files, staged, model, progress, force, mapping, engine, str(lexicons) if lexicons else None)
    finally:
        LIMITS.reset(token)


def _build(
    files: list[Path],
    db_path: Path,
    model: str | None,
    progress: bool,
    force: bool,
    mapping: dict[str, str] | None,
    engine: Engine,
    lexicons: str | None = None,
) -> BuildSummary:
    """Reads the files as a stream, a chunk of records at a time: each chunk's papers are merged with what
    the database already holds (earlier builds and earlier chunks), extracted when new or changed, and written.
    Memory stays bounded by the chunk, whatever the corpus."""
    started_at = datetime.now()
    version = pipeline_version(model, lexicons)
    counts = {"read": 0, "rejected": 0, "extracted": 0, "reextracted": 0, "rematched": 0}
    rejects: list[Reject] = []
    seen_per_file: dict[str, int] = {}
    tuning = settings.tuning()
    runner: Runner = (
        DaskRunner(model, engine.scheduler, engine.workers, engine.shard_dir, tuning, lexicons)
        if engine.name == "dask"
        else LocalRunner(model, engine.workers, tuning, lexicons)
    )
    with (
        connect(db_path, memory_limit=tuning.build_memory_limit) as con,
        runner,
        BuildProgress(progress) as bar,
        watched_reading() as read_position,
    ):
        runner.on_handed_over = bar.to_extract
        known = known_files(con)
        # Size, time and mapping as read: what a later build compares against to skip unchanged files.
        states = {path: file_state(path) for path in files}
        to_read = [
            path for path in files if force or not is_unchanged(path, known.get(str(path)), states[path], mapping)
        ]
        mappings = {path: applied_mapping(path, mapping) for path in to_read}
        input_bytes = sum(states[path][0] for path in to_read)
        bar.start_reading(input_bytes)
        build_id = next_build_id(con)
        extraction = Extraction(
            con, build_id, runner, written=bar.extracted, buzzword_lexicon=buzzword_fingerprint(lexicons)
        )
        reread = {str(path) for path in to_read}
        forget_files(con, list(reread))
        chunk: list[Paper | Reject] = []
        first = True
        for record in iter_records(to_read, mapping, seen_per_file):
            chunk.append(record)
            if len(chunk) >= tuning.chunk_records:
                if first:
                    pause_point("read")
                    first = False
                _build_chunk(con, build_id, chunk, version, extraction, counts, rejects, reread)
                bar.read_to(read_position.bytes_read())
                chunk = []
        if first:
            pause_point("read")
        _build_chunk(con, build_id, chunk, version, extraction, counts, rejects, reread)
        bar.read_to(read_position.bytes_read())
        # Papers whose text came from a record that is gone, still shown by input files that were skipped: those
        # files are read again too, so the papers take their text from records that exist.
        showing = files_showing_papers_whose_text_left(con, build_id, list(reread))
        again = [path for path in files if str(path) in showing and str(path) not in reread]
        if again:
            to_read += again
            mappings |= {path: applied_mapping(path, mapping) for path in again}
            reread |= {str(path) for path in again}
            forget_files(con, [str(path) for path in again])
            bar.start_reading(input_bytes + sum(states[path][0] for path in again))
            for chunk in _chunks(iter_records(again, mapping, seen_per_file)):
                _build_chunk(con, build_id, chunk, version, extraction, counts, rejects, reread)
                bar.read_to(read_position.bytes_read())
        removed = drop_unsighted_papers(con)
        _rematch_buzzwords(con, build_id, version, model, lexicons, counts)
        _reextract_stale(con, build_id, version, extraction, counts)
        extraction.finish()
        pause_point("extracted")
        finish_build(
            con,
            build_id,
            files=[
                {
                    "source_file": str(path),
                    "size": states[path][0],
                    "modified": states[path][1],
                    "records_seen": seen_per_file.get(str(path), 0),
                    "mapping": mappings[path],
                }
                for path in to_read
            ],
            counts=counts | {"seen": counts["read"] + counts["rejected"], "files_skipped": len(files) - len(to_read)},
            inputs=[str(path) for path in files],
            pipeline_version=version,
            started_at=started_at,
            on_written=lambda: pause_point("written"),
            refresh=bool(counts["read"] or counts["rejected"] or counts["extracted"] or counts["rematched"] or removed),
        )
        papers = fetch_one(con, "SELECT count(*) FROM papers WHERE build_id = ?", [build_id])[0]
    return BuildSummary(
        build_id,
        len(files),
        len(files) - len(to_read),
        counts["read"] + counts["rejected"],
        counts["read"],
        counts["rejected"],
        papers,
        counts["extracted"],
        rejects,
        reextracted=counts["reextracted"],
        rematched=counts["rematched"],
        removed=removed,
        failed=extraction.failures,
    )


def _chunks(records: Iterable[Paper | Reject]) -> Iterator[list[Paper | Reject]]:
    """The records a chunk at a time; the last chunk may be empty."""
    chunk: list[Paper | Reject] = []
    for record in records:
        chunk.append(record)
        if len(chunk) >= settings.tuning().chunk_records:
            yield chunk
            chunk = []
    yield chunk


def _rematch_buzzwords(con, build_id: int, version: str, model: str | None, lexicons: str | None, counts: dict) -> None:
    """Matches buzzwords again, from the stored titles and abstracts, in the stored papers whose version differs
    from ``version`` in the buzzword lexicon alone, and replaces their buzzword rows (and nothing else: their
    claims, entities and other rows keep the build that wrote them). Runs the buzzword component alone, in this
    process, a chunk at a time; each chunk is restamped with ``version`` as it is written."""
    base = without_buzzwords(version)
    if base is None or not (papers := buzzword_stale_papers(con, version, base, settings.tuning().chunk_records)):
        return
    from .extract import build_pipeline
    from .extract.buzzwords import buzzword_rows
    from .store import TABLE_COLUMNS

    nlp = build_pipeline(model, lexicons, ("papertrends_buzzwords",))
    constants = {"buzzword_mentions": {"lexicon": buzzword_fingerprint(lexicons)}}
    while papers:
        paper_ids = [paper["paper_id"] for paper in papers]
        rows = buzzword_rows([SimpleNamespace(**paper) for paper in papers], nlp)
        frame = pl.DataFrame(rows, schema=TABLE_COLUMNS["buzzword_mentions"], orient="row")
        batch = ExtractedBatch(len(papers), paper_ids, frames={"buzzword_mentions": frame})
        write_extracted(con, build_id, batch, constants, tables=("buzzword_mentions",))
        restamp_versions(con, paper_ids, version)
        counts["rematched"] += len(papers)
        papers = buzzword_stale_papers(con, version, base, settings.tuning().chunk_records)


def _reextract_stale(con, build_id: int, version: str, extraction: Extraction, counts: dict) -> None:
    """Extracts again, from their stored text, the stored papers another pipeline version extracted (the files
    that hold them may all be unchanged): a chunk at a time, each batch restamped as it is handed over."""
    while papers := [paper_from_row(row) for row in stale_papers(con, version, settings.tuning().chunk_records)]:
        paper_ids = [paper.paper_id for paper in papers]
        extraction.extract(papers, set(paper_ids))
        restamp_papers(con, build_id, paper_ids, version)
        counts["extracted"] += len(papers)
        counts["reextracted"] += len(papers)


def _build_chunk(
    con,
    build_id: int,
    chunk: list[Paper | Reject],
    version: str,
    extraction: Extraction,
    counts: dict,
    rejects: list[Reject],
    reread: set[str],
) -> None:
    """Merges the chunk's papers with their stored rows, extracts what is new or changed, writes them. A stored
    row an earlier build merged from a record of a file read again now is merged behind the chunk's records:
    that record is gone or read again, so its text must not win."""
    sightings: dict[str, list[Paper]] = {}
    chunk_rejects = []
    for record in chunk:
        if isinstance(record, Reject):
            chunk_rejects.append(record)
        else:
            sightings.setdefault(record.paper_id, []).append(record)
    stored = stored_papers(con, list(sightings))
    merged, to_extract = [], []
    keep_version: dict[str, str] = {}
    for paper_id, records in sightings.items():
        previous = stored.get(paper_id)
        if previous is None:
            paper = merge_records(records)
        elif previous["build_id"] != build_id and previous["source_file"] in reread:
            paper = merge_records(records, behind=paper_from_row(previous))
        else:
            paper = merge_records(records + [paper_from_row(previous)])
        merged.append(paper)
        unchanged = previous is not None and (paper.title, paper.abstract) == (previous["title"], previous["abstract"])
        if unchanged and previous is not None and previous["pipeline_version"] != version:
            if without_buzzwords(previous["pipeline_version"]) == without_buzzwords(version):
                # Only the buzzword lexicon changed: the paper keeps its rows and version here, and
                # _rematch_buzzwords matches its buzzwords again once every file is read.
                keep_version[paper_id] = previous["pipeline_version"]
                continue
        if not (unchanged and previous is not None and previous["pipeline_version"] == version):
            to_extract.append(paper)
            counts["reextracted"] += unchanged
    if to_extract:
        extraction.extract(to_extract, {paper.paper_id for paper in to_extract if paper.paper_id in stored})
    write_chunk(
        con,
        build_id,
        papers=[paper_row(paper, keep_version.get(paper.paper_id, version)) for paper in merged],
        sightings=[
            {
                "paper_id": r.paper_id,
                "source": r.source,
                "source_file": r.source_file,
                "position": r.position,
                "listed": r.listed,
                "published": r.published,
            }
            for records in sightings.values()
            for r in records
        ],
        rejects=[dataclasses.asdict(reject) for reject in chunk_rejects],
        stored=stored,
    )
    counts["read"] += sum(len(records) for records in sightings.values())
    counts["rejected"] += len(chunk_rejects)
    counts["extracted"] += len(to_extract)
    rejects.extend(chunk_rejects[: max(0, settings.tuning().kept_rejects - len(rejects))])
