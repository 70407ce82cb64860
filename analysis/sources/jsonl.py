"""Generic JSON lines: one object per line with ``id``, ``title``, ``abstract`` and optional
``published`` (ISO date or date-time), ``url`` and ``github_repo``."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from .files import iter_lines
from .records import Paper, Reject, arxiv_id_of, clean_text, parse_date, title_paper_id

FORMAT = "jsonl"
REQUIRED = ("id", "title", "abstract")


def optional_text(record: dict, field: str) -> str | None:
    value = record.get(field)
    if value is None:
        return None
    if not isinstance(value, str):
        raise ValueError(f"{field} is not a string: {value!r}")
    return clean_text(value) or None


def paper_from_record(record: object, path: Path, position: int) -> Paper:
    """One JSON value to a Paper, or ValueError with the reason."""
    if not isinstance(record, dict):
        raise ValueError(f"record is a JSON {type(record).__name__}, not an object")
    for field in REQUIRED:
        value = record.get(field)
        if value is None or (isinstance(value, str) and not value.strip()):
            raise ValueError(f"missing field {field!r}")
    source_id = str(record["id"]).strip()
    title = optional_text(record, "title") or ""
    abstract = optional_text(record, "abstract") or ""
    url = optional_text(record, "url")
    arxiv_id = arxiv_id_of(source_id) or arxiv_id_of(url)
    return Paper(
        paper_id=arxiv_id or title_paper_id(title),
        title=title,
        abstract=abstract,
        source=FORMAT,
        source_file=str(path),
        position=position,
        source_id=source_id,
        arxiv_id=arxiv_id,
        published=parse_date(record.get("published")),
        url=url,
        github_repo=optional_text(record, "github_repo"),
    )


def read_jsonl(path: Path) -> Iterator[Paper | Reject]:
    """Position is the line number; blank lines are skipped."""
    for number, line in enumerate(iter_lines(path), start=1):
        if not line.strip():
            continue
        try:
            yield paper_from_record(json.loads(line), path, number)
        except json.JSONDecodeError as error:
            yield Reject(str(path), number, f"not JSON: {error.msg} at column {error.colno}", line[:500])
        except ValueError as error:
            yield Reject(str(path), number, str(error), line[:500])
