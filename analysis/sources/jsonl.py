"""Generic JSON lines: one object per line with ``id``, ``title``, ``abstract`` and optional
``published`` (ISO date or date-time), ``url`` and ``github_repo``."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path

from .files import LineProblem, numbered_lines
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


def text_list(value: object) -> tuple[str, ...]:
    """A list field: a JSON list, or text separated by ";" (how a spreadsheet holds a list)."""
    if value is None:
        return ()
    if isinstance(value, str):
        return tuple(item.strip() for item in value.split(";") if item.strip())
    if isinstance(value, (list, tuple)):
        return tuple(str(item) for item in value if item is not None)
    raise ValueError(f"not a list: {value!r}")


def paper_from_record(record: object, path: Path, position: int, source: str = FORMAT) -> Paper:
    """One record (a JSON value, or a table row as a dict) to a Paper, or ValueError with the reason."""
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
        source=source,
        source_file=str(path),
        position=position,
        source_id=source_id,
        arxiv_id=arxiv_id,
        published=parse_date(record.get("published")),
        url=url,
        github_repo=optional_text(record, "github_repo"),
        listed=parse_date(record.get("listed"), "listed"),
        categories=text_list(record.get("categories")),
        authors=text_list(record.get("authors")),
    )


def read_json_lines(path: Path, to_paper: Callable[[object, Path, int], Paper]) -> Iterator[Paper | Reject]:
    """One JSON value per line, each made a Paper by ``to_paper`` or rejected with the reason.
    Position is the line number; blank lines are skipped."""
    for number, line in numbered_lines(path):
        if isinstance(line, LineProblem):
            yield Reject(str(path), number, line.reason, line.raw)
            continue
        if not line.strip():
            continue
        try:
            yield to_paper(json.loads(line), path, number)
        except json.JSONDecodeError as error:
            yield Reject(str(path), number, f"not JSON: {error.msg} at column {error.colno}", line[:500])
        except RecursionError:
            yield Reject(str(path), number, "JSON nested too deeply", line[:500])
        except ValueError as error:
            yield Reject(str(path), number, str(error), line[:500])


def read_jsonl(path: Path, mapping: dict[str, str] | None = None) -> Iterator[Paper | Reject]:
    """Generic records; ``mapping`` renames fields as for tables."""

    def to_paper(record: object, path: Path, position: int) -> Paper:
        if mapping and isinstance(record, dict):
            record = record | {field: record.get(column) for field, column in mapping.items()}
        return paper_from_record(record, path, position)

    return read_json_lines(path, to_paper)
