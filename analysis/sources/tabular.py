"""Your own tables: CSV (plain or gzipped) and Parquet, read in batches with pyarrow, with the same fields
as the JSON lines format. ``mapping`` renames columns: ``{"abstract": "summary", "published": "date"}``
reads the abstract from a column named summary."""

from __future__ import annotations

import gzip
from collections.abc import Iterator
from pathlib import Path

import pyarrow as pa
import pyarrow.csv as pa_csv
import pyarrow.parquet as pq

from .files import GZIP_MAGIC
from .jsonl import paper_from_record
from .records import ListingError, Paper, Reject

FIELDS = ("id", "title", "abstract", "published", "url", "github_repo", "listed", "categories", "authors")


def renamed(record: dict, mapping: dict[str, str]) -> dict:
    """The record with its columns under our field names."""
    return record | {field: record.get(column) for field, column in mapping.items()}


def _batches_to_papers(batches, path: Path, source: str, mapping: dict[str, str], first_position: int) -> Iterator[Paper | Reject]:
    position = first_position
    for batch in batches:
        for record in batch.to_pylist():
            try:
                yield paper_from_record(renamed(record, mapping), path, position, source=source)
            except ValueError as error:
                yield Reject(str(path), position, str(error), str(record)[:500])
            position += 1


def read_csv(path: Path, mapping: dict[str, str] | None = None) -> Iterator[Paper | Reject]:
    """Position is the line number (the header is line 1). Every column is read as text."""
    with path.open("rb") as raw:
        gzipped = raw.read(2) == GZIP_MAGIC
    stream = gzip.open(path, "rb") if gzipped else path.open("rb")
    try:
        with stream:
            reader = pa_csv.open_csv(
                stream,
                read_options=pa_csv.ReadOptions(block_size=1 << 22),
                convert_options=pa_csv.ConvertOptions(column_types=None, strings_can_be_null=True, auto_dict_encode=False),
                parse_options=pa_csv.ParseOptions(newlines_in_values=True),
            )
            as_text = pa.schema([(name, pa.string()) for name in reader.schema.names])
            batches = (batch.cast(as_text) for batch in reader)
            yield from _batches_to_papers(batches, path, "csv", mapping or {}, first_position=2)
    except (pa.ArrowInvalid, OSError, EOFError) as error:
        raise ListingError(f"{path}: not readable as CSV: {error}") from error


def read_parquet(path: Path, mapping: dict[str, str] | None = None) -> Iterator[Paper | Reject]:
    """Position is the row number, from 1."""
    try:
        batches = pq.ParquetFile(path).iter_batches(batch_size=10_000)
        yield from _batches_to_papers(batches, path, "parquet", mapping or {}, first_position=1)
    except (pa.ArrowInvalid, OSError) as error:
        raise ListingError(f"{path}: not readable as Parquet: {error}") from error
