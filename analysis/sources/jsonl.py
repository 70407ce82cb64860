"""Generic JSON lines: one object per line with ``title``, ``abstract`` and optional ``id``, ``published``
(ISO date or date-time), ``url`` and ``github_repo``. A record without an arXiv id (in ``id`` or ``url``)
gets the title-derived id."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path

from .files import LineProblem, numbered_lines
from .records import ListingError, Paper, Reject, arxiv_id_of, clean_text, parse_date, title_paper_id

FORMAT = "jsonl"
REQUIRED = ("title", "abstract")
# Words in the column names people give our required fields, for the ``--map`` a refused file suggests.
LIKELY_COLUMNS = {"title": ("title", "name", "headline"), "abstract": ("abstract", "summary", "description", "text")}


def _likely_column(field: str, columns: list[str], taken: set[str]) -> str | None:
    for word in LIKELY_COLUMNS.get(field, (field,)):
        for column in columns:
            if word in column.lower() and column not in taken:
                return column
    return None


def check_columns(
    path: Path, columns: list[str], mapping: dict[str, str], mapped: tuple[str, ...] | None = None
) -> None:
    """Refuses the whole file, with one message naming the columns found and the ``--map`` to try, when its
    columns cannot give a title and an abstract, or when ``--map`` names a column it does not have (only the
    fields in ``mapped`` are checked, when given: a JSON record may leave out a field it has no value for)."""
    found = ", ".join(columns) or "none"
    absent = [
        f"{field}={column}"
        for field, column in mapping.items()
        if column not in columns and (mapped is None or field in mapped)
    ]
    if absent:
        raise ListingError(f"{path}: --map {','.join(absent)}: no such column; columns found: {found}")
    unmapped = [field for field in REQUIRED if field not in mapping and field not in columns]
    if unmapped:
        suggestion = dict(mapping)
        for field in unmapped:
            # A column is suggested once, and never one already read by its name as one of our fields.
            suggestion[field] = _likely_column(field, columns, set(suggestion.values()) | set(REQUIRED)) or "COLUMN"
        raise ListingError(
            f"{path}: no column {' or '.join(repr(field) for field in unmapped)}; columns found: {found}; "
            f"try --map {','.join(f'{field}={column}' for field, column in suggestion.items())}"
        )


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
    source_id = str(record["id"]).strip() if record.get("id") is not None else None
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
        source_id=source_id or None,
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
    """Generic records; ``mapping`` renames fields as for tables. The first object's keys are the file's
    columns: without a title and an abstract among them (or mapped), the file is refused whole."""
    checked = False

    def to_paper(record: object, path: Path, position: int) -> Paper:
        nonlocal checked
        if isinstance(record, dict):
            if not checked:
                check_columns(path, list(record), mapping or {}, mapped=REQUIRED)
                checked = True
            if mapping:
                record = record | {field: record.get(column) for field, column in mapping.items()}
        return paper_from_record(record, path, position)

    return read_json_lines(path, to_paper)
