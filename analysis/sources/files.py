"""Finding input files and opening them as text, plain or gzipped."""

from __future__ import annotations

import gzip
import io
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path

from .records import ListingError

GZIP_MAGIC = b"\x1f\x8b"
LISTING_SUFFIXES = {".txt", ".jsonl", ".json", ".ndjson", ".gz"}


def expand_inputs(inputs: Iterable[str | Path]) -> list[Path]:
    """Files named directly, plus the listing files inside named folders (recursively), sorted."""
    files: list[Path] = []
    for item in inputs:
        path = Path(item)
        if path.is_dir():
            files.extend(
                sorted(p for p in path.rglob("*") if p.is_file() and p.suffix in LISTING_SUFFIXES and not p.name.startswith("."))
            )
        elif path.is_file():
            files.append(path)
        elif any(ch in str(item) for ch in "*?["):
            matches = sorted(p for p in Path().glob(str(item)) if p.is_file()) if not path.is_absolute() else sorted(
                p for p in Path(path.anchor).glob(str(path.relative_to(path.anchor))) if p.is_file()
            )
            if not matches:
                raise ListingError(f"{item}: no file matches")
            files.extend(matches)
        else:
            raise ListingError(f"{path}: no such file or folder")
    return files


def read_head(path: Path, size: int = 4096) -> bytes:
    """The first bytes of the file's content (decompressed when gzipped), for sniffing its format."""
    with path.open("rb") as raw:
        magic = raw.read(2)
        raw.seek(0)
        if magic != GZIP_MAGIC:
            return raw.read(size)
        try:
            with gzip.GzipFile(fileobj=raw) as unzipped:
                return unzipped.read(size)
        except (OSError, EOFError, zlib.error) as error:
            raise ListingError(f"{path}: cannot decompress: {error}") from error


def iter_lines(path: Path) -> Iterator[str]:
    """Lines of the file as text, without line ends. UTF-8 (a BOM is dropped); gzip by magic bytes,
    whatever the name. Streams: a large file is never held whole."""
    with path.open("rb") as raw:
        gzipped = raw.read(2) == GZIP_MAGIC
    binary = gzip.open(path, "rb") if gzipped else path.open("rb")
    try:
        with io.TextIOWrapper(binary, encoding="utf-8-sig", newline=None) as text:
            for line in text:
                yield line.rstrip("\n")
    except UnicodeDecodeError as error:
        raise ListingError(f"{path}: not UTF-8 text ({error.reason} at byte {error.start})") from error
    except (OSError, EOFError, zlib.error) as error:
        raise ListingError(f"{path}: cannot decompress: {error}") from error
