"""arXiv formats: the daily listings as JSON lines (listing day from the file name) and the metadata
snapshot (``arxiv-metadata-oai-snapshot.json``: one object per line, first-version date from
``versions[0].created``). Both stream line by line, so a 4 GB snapshot is never held whole."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from .jsonl import read_json_lines
from .records import Paper, Reject, arxiv_id_of, clean_text, day_from_name, paper_id_for, parse_date

LISTING = "arxiv_listing"
SNAPSHOT = "arxiv_snapshot"


def _required_text(record: dict, field: str) -> str:
    value = record.get(field)
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"missing field {field!r}")
    return clean_text(value)


def listing_paper(record: object, path: Path, position: int) -> Paper:
    if not isinstance(record, dict):
        raise ValueError(f"record is a JSON {type(record).__name__}, not an object")
    title, abstract = _required_text(record, "title"), _required_text(record, "summary")
    arxiv_id = arxiv_id_of(str(record.get("id") or "")) or arxiv_id_of(record.get("abs"))
    categories = record.get("categories") or []
    return Paper(
        paper_id=paper_id_for(arxiv_id, title),
        title=title,
        abstract=abstract,
        source=LISTING,
        source_file=str(path),
        position=position,
        source_id=str(record.get("id")) if record.get("id") else None,
        arxiv_id=arxiv_id,
        url=record.get("abs") if isinstance(record.get("abs"), str) else None,
        listed=day_from_name(path),
        categories=tuple(c for c in categories if isinstance(c, str)),
        authors=tuple(a for a in record.get("authors") or [] if isinstance(a, str)),
    )


def snapshot_paper(record: object, path: Path, position: int) -> Paper:
    if not isinstance(record, dict):
        raise ValueError(f"record is a JSON {type(record).__name__}, not an object")
    title, abstract = _required_text(record, "title"), _required_text(record, "abstract")
    arxiv_id = arxiv_id_of(str(record.get("id") or ""))
    versions = record.get("versions") or []
    first = versions[0].get("created") if versions and isinstance(versions[0], dict) else None
    authors = record.get("authors")
    authors = authors if isinstance(authors, str) else ""
    return Paper(
        paper_id=paper_id_for(arxiv_id, title),
        title=title,
        abstract=abstract,
        source=SNAPSHOT,
        source_file=str(path),
        position=position,
        source_id=str(record.get("id")) if record.get("id") else None,
        arxiv_id=arxiv_id,
        published=parse_date(first, "versions[0].created"),
        url=f"https://arxiv.org/abs/{arxiv_id}" if arxiv_id else None,
        categories=tuple(str(record.get("categories") or "").split()),
        authors=tuple(name.strip() for name in clean_text(authors).replace(" and ", ", ").split(",") if name.strip()),
    )


def read_arxiv_listing(path: Path) -> Iterator[Paper | Reject]:
    return read_json_lines(path, listing_paper)


def read_arxiv_snapshot(path: Path) -> Iterator[Paper | Reject]:
    return read_json_lines(path, snapshot_paper)
