"""Your own tables: CSV (plain or gzipped) and Parquet, read in batches with pyarrow, with the same fields
as the JSON lines format. ``mapping`` renames columns: ``{"abstract": "summary", "published": "date"}``
reads the abstract from a column named summary. A table whose columns cannot give a title and an abstract
is refused whole, with the columns it has and the ``--map`` to try."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pyarrow as pa
import pyarrow.csv as pa_csv
import pyarrow.parquet as pq

from .files import NOT_UTF8_HINT, open_listing, report_position
from .jsonl import check_columns, paper_from_record
from .records import ListingError, Paper, Reject

FIELDS = ("id", "title", "abstract", "published", "url", "github_repo", "listed", "categories", "authors")
CSV_BLOCK_BYTES = 1 << 22
PARQUET_BATCH_ROWS = 10_000


def renamed(record: dict, mapping: dict[str, str]) -> dict:
    """The record with its columns under our field names."""
    return record | {field: record.get(column) for field, column in mapping.items()}


def _batches_to_papers(
    batches, path: Path, source: str, mapping: dict[str, str], first_position: int
) -> Iterator[Paper | Reject]:
    position = first_position
    for batch in batches:
        for record in batch.to_pylist():
            try:
                yield paper_from_record(renamed(record, mapping), path, position, source=source)
            except ValueError as error:
                yield Reject(str(path), position, str(error), str(record)[:500])
            position += 1


def _open_csv(stream, column_types: dict[str, pa.DataType] | None = None) -> pa_csv.CSVStreamingReader:
    return pa_csv.open_csv(
        stream,
        read_options=pa_csv.ReadOptions(block_size=CSV_BLOCK_BYTES),
        convert_options=pa_csv.ConvertOptions(
            column_types=column_types, strings_can_be_null=True, auto_dict_encode=False
        ),
        parse_options=pa_csv.ParseOptions(newlines_in_values=True),
    )


def read_csv(path: Path, mapping: dict[str, str] | None = None) -> Iterator[Paper | Reject]:
    """Position is the line number (the header is line 1). Every column is read as text, so a column is
    never typed by its first rows (an ISO date is read as the file writes it, with its own time zone)."""
    mapping, columns = mapping or {}, []
    try:
        with open_listing(path) as stream:
            columns = _open_csv(stream).schema.names  # the header: reads only the first block
        check_columns(path, columns, mapping)
        with open_listing(path) as stream:
            reader = _open_csv(stream, dict.fromkeys(columns, pa.string()))
            yield from _batches_to_papers(reader, path, "csv", mapping, first_position=2)
    except UnicodeDecodeError as error:
        raise ListingError(f"{path}: not UTF-8 in the header line; {NOT_UTF8_HINT}") from error
    except pa.ArrowInvalid as error:
        bad_text = re.search(r"column #(\d+): .*invalid UTF8", str(error))
        if bad_text:
            column = columns[int(bad_text.group(1))]  # pyarrow counts columns from 0
            raise ListingError(f"{path}: not UTF-8 in column {column!r}; {NOT_UTF8_HINT}") from error
        raise ListingError(f"{path}: not readable as CSV: {error}") from error
    except (OSError, EOFError) as error:
        raise ListingError(f"{path}: not readable as CSV: {error}") from error


def read_parquet(path: Path, mapping: dict[str, str] | None = None) -> Iterator[Paper | Reject]:
    """Position is the row number, from 1. Date and timestamp columns are read as dates."""
    mapping = mapping or {}
    try:
        table = pq.ParquetFile(path)
        check_columns(path, table.schema_arrow.names, mapping)
        size, rows, rows_read = path.stat().st_size, max(table.metadata.num_rows, 1), 0
        # pyarrow reads the file itself: how far it is, is the share of rows handed over so far.
        report_position(lambda: size * rows_read // rows)

        def counted(batches):
            nonlocal rows_read
            for batch in batches:
                yield batch
                rows_read += batch.num_rows

        yield from _batches_to_papers(
            counted(table.iter_batches(batch_size=PARQUET_BATCH_ROWS)), path, "parquet", mapping, first_position=1
        )
    except (pa.ArrowInvalid, OSError) as error:
        raise ListingError(f"{path}: not readable as Parquet: {error}") from error
