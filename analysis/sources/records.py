"""What every reader yields: a Paper it could read, or a Reject saying why it could not."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from datetime import date

# New-style arXiv ids (2403.01234, with an optional version) and old-style ones (hep-th/9901001).
ARXIV_ID = re.compile(r"^(?:arxiv:)?(\d{4}\.\d{4,5}|[a-z\-]+(?:\.[A-Z]{2})?/\d{7})(?:v\d+)?$", re.IGNORECASE)


class ListingError(Exception):
    """A whole file cannot be read (not a listing we know, not text, corrupt compression)."""


@dataclass(frozen=True)
class Paper:
    paper_id: str
    title: str
    abstract: str
    source: str
    source_file: str
    position: int
    source_id: str | None = None
    arxiv_id: str | None = None
    published: date | None = None
    url: str | None = None
    github_repo: str | None = None


@dataclass(frozen=True)
class Reject:
    source_file: str
    position: int
    reason: str
    raw: str

    def message(self) -> str:
        return f"{self.source_file}:{self.position}: {self.reason}"


def normalize_title(title: str) -> str:
    """Case-, accent- and punctuation-insensitive form of a title, for ids and deduplication."""
    folded = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode("ascii").lower()
    return " ".join(re.findall(r"[a-z0-9]+", folded))


def title_paper_id(title: str) -> str:
    """Stable id for a paper known only by its title: the same title always gives the same id."""
    digest = hashlib.blake2b(normalize_title(title).encode("utf-8"), digest_size=8).hexdigest()
    return f"title:{digest}"


def arxiv_id_of(value: str | None) -> str | None:
    """The version-less arXiv id in an id or an arxiv.org URL, or None."""
    if not value:
        return None
    candidate = value.strip()
    url_match = re.search(r"arxiv\.org/(?:abs|pdf)/([^\s?#]+?)(?:\.pdf)?$", candidate)
    if url_match:
        candidate = url_match.group(1)
    match = ARXIV_ID.match(candidate)
    return match.group(1) if match else None


def clean_text(text: str) -> str:
    """Text as stored: Unicode NFC, runs of white space folded to one space, no padding.
    Offsets of every extracted span refer to this form."""
    return " ".join(unicodedata.normalize("NFC", text).split())
