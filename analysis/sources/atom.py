"""arXiv API responses (Atom XML): one ``<entry>`` per paper, read as a stream with ElementTree.iterparse."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

from .files import open_listing
from .records import ListingError, Paper, Reject, arxiv_id_of, clean_text, paper_id_for, parse_date

FORMAT = "arxiv_atom"
ATOM = "{http://www.w3.org/2005/Atom}"
ARXIV = "{http://arxiv.org/schemas/atom}"


def _text(entry: ET.Element, tag: str) -> str:
    element = entry.find(tag)
    return clean_text(element.text or "") if element is not None and element.text else ""


def paper_from_entry(entry: ET.Element, path: Path, position: int) -> Paper:
    title, abstract = _text(entry, f"{ATOM}title"), _text(entry, f"{ATOM}summary")
    if not title:
        raise ValueError("missing field 'title'")
    if not abstract:
        raise ValueError("missing field 'summary' (the abstract)")
    entry_id = _text(entry, f"{ATOM}id")
    arxiv_id = arxiv_id_of(entry_id)
    link = next(
        (element.get("href") for element in entry.findall(f"{ATOM}link") if element.get("rel") == "alternate"), None
    )
    categories = [c.get("term") or "" for c in entry.findall(f"{ATOM}category") if c.get("term")]
    primary = entry.find(f"{ARXIV}primary_category")
    primary_term = primary.get("term") if primary is not None else None
    if primary_term in categories:
        categories.remove(primary_term)
        categories.insert(0, primary_term)
    return Paper(
        paper_id=paper_id_for(arxiv_id, title),
        title=title,
        abstract=abstract,
        source=FORMAT,
        source_file=str(path),
        position=position,
        source_id=entry_id or None,
        arxiv_id=arxiv_id,
        published=parse_date(_text(entry, f"{ATOM}published") or None, "published"),
        url=link or (f"https://arxiv.org/abs/{arxiv_id}" if arxiv_id else None),
        categories=tuple(categories),
        authors=tuple(_text(a, f"{ATOM}name") for a in entry.findall(f"{ATOM}author") if _text(a, f"{ATOM}name")),
    )


def read_arxiv_atom(path: Path) -> Iterator[Paper | Reject]:
    position = 0
    try:
        with open_listing(path) as stream:
            for _, element in ET.iterparse(stream, events=("end",)):
                if element.tag != f"{ATOM}entry":
                    continue
                position += 1
                try:
                    yield paper_from_entry(element, path, position)
                except ValueError as error:
                    yield Reject(str(path), position, str(error), ET.tostring(element, encoding="unicode")[:500])
                element.clear()  # keep memory flat on long responses
    except ET.ParseError as error:
        raise ListingError(f"{path}: broken XML after entry {position}: {error}") from error
    except (OSError, EOFError) as error:
        raise ListingError(f"{path}: cannot decompress: {error}") from error
