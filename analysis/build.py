"""The main job: read listings, extract with spaCy, store in DuckDB. One call, one transaction."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from .extract import build_pipeline, pipeline_version
from .extract.rows import extract_rows
from .sources import ListingError, Paper, Reject, expand_inputs, read_listing
from .store import connect, write_build


@dataclass(frozen=True)
class BuildSummary:
    build_id: int
    files: int
    seen: int
    read: int
    rejected: int
    rejects: list[Reject]


def read_inputs(files: Iterable[Path]) -> tuple[list[Paper], list[Reject]]:
    """Papers and rejects from all files. A file that cannot be read at all is one reject at position 0;
    a paper id met twice keeps its first record, and the later one is rejected as a duplicate."""
    papers: dict[str, Paper] = {}
    rejects: list[Reject] = []
    for path in files:
        try:
            for record in read_listing(path):
                if isinstance(record, Reject):
                    rejects.append(record)
                elif record.paper_id in papers:
                    first = papers[record.paper_id]
                    rejects.append(Reject(
                        record.source_file, record.position,
                        f"duplicate of paper {record.paper_id} first read at {first.source_file}:{first.position}",
                        record.title[:500],
                    ))
                else:
                    papers[record.paper_id] = record
        except ListingError as error:
            rejects.append(Reject(str(path), 0, str(error).removeprefix(f"{path}: "), ""))
    return list(papers.values()), rejects


def build(inputs: Iterable[str | Path], db_path: str | Path, model: str | None = None, progress: bool = True) -> BuildSummary:
    """Builds ``db_path`` from listing files and folders; rows of papers already there are replaced."""
    started_at = datetime.now()
    files = expand_inputs(inputs)
    papers, rejects = read_inputs(files)
    nlp = build_pipeline(model)
    with Progress(
        TextColumn("extracting"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), disable=not progress,
    ) as bar:
        task = bar.add_task("extract", total=len(papers))
        rows = extract_rows(papers, nlp, on_paper=lambda: bar.advance(task))
    paper_rows = [
        {field.name: getattr(paper, field.name) for field in dataclasses.fields(Paper) if field.name != "position"}
        | {"source_position": paper.position}
        for paper in papers
    ]
    tables = {"papers": paper_rows} | dataclasses.asdict(rows)
    reject_rows = [dataclasses.asdict(reject) for reject in rejects]
    with connect(db_path) as con:
        build_id = write_build(con, tables, reject_rows, [str(f) for f in files], pipeline_version(model), started_at)
    return BuildSummary(build_id, len(files), len(papers) + len(rejects), len(papers), len(rejects), rejects)
