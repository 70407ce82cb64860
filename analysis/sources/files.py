"""Finding input files and opening them as text, plain or gzipped."""

from __future__ import annotations

import gzip
import zlib
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, cast

from .records import LIMITS, ListingError

GZIP_MAGIC = b"\x1f\x8b"
UTF8_BOM = b"\xef\xbb\xbf"
# What every reader says about a file that is not UTF-8 (the usual other encodings of a spreadsheet export).
NOT_UTF8_HINT = "the file looks like Latin-1 or CP-1252 text: convert it to UTF-8 (iconv -f cp1252 -t utf-8)"


class ReadPosition:
    """How far a build has read its input, in bytes of the files as stored (compressed bytes of a gzipped
    file). ``read_listing`` says which file starts and readers say how to ask where they are in it; the build
    asks once a chunk, for its progress bar, so reading pays nothing per record."""

    def __init__(self) -> None:
        self.bytes_before = 0  # the files read completely
        self.size = 0  # the current file's
        self._tell: Callable[[], int] | None = None

    def start_file(self, size: int) -> None:
        self.bytes_before += self.size
        self.size, self._tell = size, None

    def reading(self, tell: Callable[[], int]) -> None:
        self._tell = tell

    def bytes_read(self) -> int:
        try:
            # No reader said where it is: the file was refused whole (not a listing), which is reading it too.
            current = self._tell() if self._tell else self.size
        except ValueError:  # the file is closed: read to its end
            current = self.size
        return self.bytes_before + min(current, self.size)


# Set by a build around its reading (like LIMITS); None when nobody is watching.
READ_POSITION: ContextVar[ReadPosition | None] = ContextVar("papertrends_read_position", default=None)


@contextmanager
def watched_reading() -> Iterator[ReadPosition]:
    """Watches how far the listings read inside the ``with`` are (see ReadPosition)."""
    position = ReadPosition()
    token = READ_POSITION.set(position)
    try:
        yield position
    finally:
        READ_POSITION.reset(token)


def report_position(tell: Callable[[], int]) -> None:
    """Readers call this when they open the file of a listing, with how to ask where they are in it."""
    position = READ_POSITION.get()
    if position is not None:
        position.reading(tell)


def expand_inputs(inputs: Iterable[str | Path]) -> list[Path]:
    """Files named directly, every visible file inside named folders (recursively), and files matching
    glob patterns, each folder's files sorted."""
    files: list[Path] = []
    for item in inputs:
        path = Path(item)
        if path.is_dir():
            # Every visible file counts: one that is not a listing becomes a reject, never a silent skip.
            files.extend(
                sorted(
                    p
                    for p in path.rglob("*")
                    if p.is_file() and not any(part.startswith(".") for part in p.relative_to(path).parts)
                )
            )
        elif path.is_file():
            files.append(path)
        elif any(ch in str(item) for ch in "*?["):
            matches = (
                sorted(p for p in Path().glob(str(item)) if p.is_file())
                if not path.is_absolute()
                else sorted(p for p in Path(path.anchor).glob(str(path.relative_to(path.anchor))) if p.is_file())
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


@dataclass(frozen=True)
class LineProblem:
    """A line that cannot be a record: too long, or not UTF-8. Readers turn it into a Reject."""

    reason: str
    raw: str


@contextmanager
def open_listing(path: Path) -> Iterator[BinaryIO]:
    """The file's content as a binary stream, decompressed when gzipped (by magic bytes). Where reading is in
    the file as stored is reported to a watching build (``READ_POSITION``)."""
    with path.open("rb") as raw:
        gzipped = raw.read(2) == GZIP_MAGIC
        raw.seek(0)
        report_position(raw.tell)
        if gzipped:
            with gzip.GzipFile(fileobj=raw, mode="rb") as unzipped:
                yield cast(BinaryIO, unzipped)  # a GzipFile is a binary stream; typeshed types it apart
        else:
            yield raw


def numbered_lines(path: Path) -> Iterator[tuple[int, str | LineProblem]]:
    """(line number, text) for every line, without line ends; gzip by magic bytes, a UTF-8 BOM dropped.
    A line over the record size limit, or one that is not UTF-8, comes as a LineProblem instead of text,
    and is skipped without being held whole. Streams: a large file is never held whole."""
    limit = LIMITS.get().max_record_bytes
    number = 0
    try:
        with open_listing(path) as stream:
            while True:
                chunk = stream.readline(limit + 1)
                if not chunk:
                    return
                number += 1
                if len(chunk) > limit and not chunk.endswith(b"\n"):
                    size = len(chunk)
                    while True:
                        rest = stream.readline(1 << 20)
                        size += len(rest)
                        if not rest or rest.endswith(b"\n"):
                            break
                    reason = f"record of {size:,} bytes is over the limit of {limit:,} bytes (--max-record-bytes)"
                    yield number, LineProblem(reason, chunk[:200].decode("utf-8", "replace"))
                    continue
                if number == 1 and chunk.startswith(UTF8_BOM):
                    chunk = chunk[len(UTF8_BOM) :]
                try:
                    text = chunk.decode("utf-8")
                except UnicodeDecodeError as error:
                    reason = f"not UTF-8: byte 0x{chunk[error.start]:02x} at column {error.start + 1}; {NOT_UTF8_HINT}"
                    yield number, LineProblem(reason, chunk[:500].decode("cp1252", "replace"))
                    continue
                yield number, text.rstrip("\r\n")
    except (OSError, EOFError, zlib.error) as error:
        raise ListingError(f"{path}: cannot decompress: {error}") from error


def iter_lines(path: Path) -> Iterator[str]:
    """The lines of a file that is read as one document (a JSON response): any bad line fails the file."""
    for number, line in numbered_lines(path):
        if isinstance(line, LineProblem):
            raise ListingError(f"{path}: line {number}: {line.reason}")
        yield line
