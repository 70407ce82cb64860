"""Readers: listing files in, ``Paper`` and ``Reject`` records out. The format is chosen by content."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path

from .arxiv import read_arxiv_listing, read_arxiv_snapshot
from .atom import read_arxiv_atom
from .files import READ_POSITION, expand_inputs, read_head
from .hf_daily import read_hf_daily
from .hf_page import looks_like_page, read_hf_page
from .jsonl import read_jsonl
from .records import ListingError, Paper, Reject, normalize_title, title_paper_id
from .tabular import read_csv, read_parquet

__all__ = [
    "ListingError",
    "Paper",
    "Reject",
    "detect_format",
    "expand_inputs",
    "normalize_title",
    "read_listing",
    "title_paper_id",
]

# Each reader takes the file's path (and, for MAPPABLE formats, the column mapping) and yields records.
READERS: dict[str, Callable[..., Iterator[Paper | Reject]]] = {
    "jsonl": read_jsonl,
    "hf_papers_page": read_hf_page,
    "hf_daily_papers": read_hf_daily,
    "arxiv_listing": read_arxiv_listing,
    "arxiv_snapshot": read_arxiv_snapshot,
    "arxiv_atom": read_arxiv_atom,
    "csv": read_csv,
    "parquet": read_parquet,
}
# Formats whose column names are the user's own, so ``--map`` applies.
MAPPABLE = {"jsonl", "csv", "parquet"}


def _looks_like_text(head: bytes) -> bool:
    """Mostly printable once decoded (a stray NUL or a Latin-1 byte is a record's problem, not the file's).
    Text that is not UTF-8 is judged as CP-1252, so a Latin-1 file full of accents is text to its reader
    (which says how to convert it), not binary."""
    try:
        text = head.decode("utf-8")
    except UnicodeDecodeError as error:
        # A head cut inside a UTF-8 character is still UTF-8.
        text = (
            head.decode("utf-8", errors="replace")
            if error.start >= len(head) - 3
            else head.decode("cp1252", errors="replace")
        )
    unreadable = sum(1 for ch in text if ch == "\ufffd" or (ord(ch) < 32 and ch not in "\r\n\t"))
    return unreadable <= max(2, len(text) // 20)


def _json_lines_format(first_line: str, complete: bool = True) -> str | None:
    """Which JSON-lines format a first record belongs to, by its keys; None when it is not one object.
    A first line longer than the sniffed head is judged by the keys it shows."""
    try:
        record = json.loads(first_line)
    except (json.JSONDecodeError, RecursionError):
        if complete or not first_line.startswith('{"'):
            return None
        keys = set(re.findall(r'"(\w+)"\s*:', first_line))
        record = dict.fromkeys(keys)
    if not isinstance(record, dict):
        return None
    keys = set(record)
    if "versions" in keys and "abstract" in keys:
        return "arxiv_snapshot"
    if "summary" in keys and keys & {"abs", "pdf"}:
        return "arxiv_listing"
    return "jsonl"


def detect_format(path: Path) -> str:
    """The listing format, from the content: JSON lines (arXiv listings, the arXiv snapshot, or generic records,
    told apart by their keys), a Hugging Face daily papers response (a JSON array of ``paper`` items), or a
    Hugging Face Papers page saved as text. Anything else is a ListingError."""
    head = read_head(path)
    if head.startswith(b"PAR1"):
        return "parquet"
    if head.count(b"\x00") > max(2, len(head) // 200) or not _looks_like_text(head):
        raise ListingError(f"{path}: binary content, not a listing")
    text = head.decode("utf-8-sig", errors="replace").lstrip()
    if not text:
        raise ListingError(f"{path}: empty file")
    if text.startswith("{"):
        lines = text.splitlines()
        detected = _json_lines_format(lines[0], complete=len(lines) > 1)
        if detected:
            return detected
        if '"data"' in text or '"paper"' in text:
            return "hf_daily_papers"  # a response wrapped as {"status", "date", "count", "data": [...]}
        raise ListingError(f"{path}: JSON that is neither JSON lines nor a daily papers response")
    if text.startswith("["):
        if '"paper"' in text or "'paper'" in text:
            return "hf_daily_papers"
        raise ListingError(f"{path}: a JSON array that is not a Hugging Face daily papers response")
    if text.startswith("<"):
        if "<feed" in text and "http://www.w3.org/2005/Atom" in text:
            return "arxiv_atom"
        raise ListingError(f"{path}: XML that is not an Atom feed")
    if looks_like_page(text):
        return "hf_papers_page"
    columns = text.splitlines()[0].split(",")
    if len(columns) >= 2 and all(re.fullmatch(r"\s*\"?[\w .-]{1,40}\"?\s*", column) for column in columns):
        return "csv"  # a header line of column names
    raise ListingError(f"{path}: unknown format: neither JSON lines nor a Hugging Face Papers page")


def read_listing(path: str | Path, mapping: dict[str, str] | None = None) -> Iterator[Paper | Reject]:
    """Every record of one listing file, as Paper or Reject, in file order. ``mapping`` (our field to the
    file's column) applies to the formats whose columns are the user's own: JSON lines, CSV, Parquet."""
    path = Path(path)
    position = READ_POSITION.get()
    if position is not None:
        position.start_file(path.stat().st_size)
    fmt = detect_format(path)
    if fmt in MAPPABLE:
        return READERS[fmt](path, mapping)
    return READERS[fmt](path)
