"""Readers: listing files in, ``Paper`` and ``Reject`` records out. The format is chosen by content."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from .files import expand_inputs, read_head
from .hf_page import read_hf_page, looks_like_page
from .jsonl import read_jsonl
from .records import ListingError, Paper, Reject, normalize_title, title_paper_id

__all__ = [
    "ListingError", "Paper", "Reject", "detect_format", "expand_inputs", "normalize_title",
    "read_listing", "title_paper_id",
]

READERS = {"jsonl": read_jsonl, "hf_papers_page": read_hf_page}


def detect_format(path: Path) -> str:
    """``jsonl`` when the content starts with a JSON object, ``hf_papers_page`` when it starts with
    the page chrome of a Hugging Face Papers page; anything else is a ListingError."""
    head = read_head(path)
    if b"\x00" in head:
        raise ListingError(f"{path}: binary content, not a listing")
    text = head.decode("utf-8-sig", errors="replace").lstrip()
    if not text:
        raise ListingError(f"{path}: empty file")
    if text.startswith("{"):
        return "jsonl"
    if text.startswith("["):
        raise ListingError(f"{path}: a JSON array; this version reads JSON lines (one object per line)")
    if looks_like_page(text):
        return "hf_papers_page"
    raise ListingError(f"{path}: unknown format: neither JSON lines nor a Hugging Face Papers page")


def read_listing(path: str | Path) -> Iterator[Paper | Reject]:
    """Every record of one listing file, as Paper or Reject, in file order."""
    path = Path(path)
    return READERS[detect_format(path)](path)
