"""What every reader yields: a Paper it could read, or a Reject saying why it could not."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import date, datetime
from email.utils import parsedate_to_datetime

# New-style arXiv ids (2403.01234, with an optional version) and old-style ones (hep-th/9901001).
ARXIV_ID = re.compile(r"^(?:arxiv:)?(\d{4}\.\d{4,5}|[a-z\-]+(?:\.[A-Z]{2})?/\d{7})(?:v\d+)?$", re.IGNORECASE)


@dataclass(frozen=True)
class Limits:
    """Size limits per record (bytes of one line of a file) and per field (characters of a title or abstract)."""

    max_record_bytes: int = 10_000_000
    max_field_chars: int = 200_000


# The limits in force; a build sets them for its own reading (``papertrends build --max-record-bytes``).
LIMITS: ContextVar[Limits] = ContextVar("papertrends_limits", default=Limits())  # noqa: B039 (Limits is frozen)


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
    listed: date | None = None
    categories: tuple[str, ...] = ()
    authors: tuple[str, ...] = ()
    upvotes: int | None = None
    comments: int | None = None
    github_stars: int | None = None
    project_page: str | None = None
    keywords: tuple[str, ...] = ()


@dataclass(frozen=True)
class Reject:
    source_file: str
    position: int
    reason: str
    raw: str

    def message(self) -> str:
        """``file:position: reason``; a whole file refused (position 0) is ``file: reason``."""
        where = f"{self.source_file}:{self.position}" if self.position else self.source_file
        return f"{where}: {self.reason}"


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


def paper_id_for(arxiv_id: str | None, title: str) -> str:
    """The arXiv id when known, else the title-derived id: the same paper gets the same id in every source."""
    return arxiv_id or title_paper_id(title)


def day_from_name(path) -> date | None:
    """The listing day written in a file name such as ``2025-03-18.jsonl.gz``, or None."""
    match = re.search(r"(\d{4})-(\d{2})-(\d{2})", str(path).rsplit("/", 1)[-1])
    if not match:
        return None
    try:
        return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return None


def parse_date(value: object, field: str = "published") -> date | None:
    """A date from ISO 8601 (date or date-time, "Z" accepted) or RFC 2822 ("Mon, 2 Apr 2007 19:18:42 GMT"),
    or a date or date-time value as a Parquet date or timestamp column gives it (a date-time's own day, in its
    own time zone, as for text). None and "" give None; anything else that is not a real date raises
    ValueError naming the field."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        raise ValueError(f"{field} is not a string: {value!r}")
    text = value.strip()
    try:
        if re.match(r"^\d{4}-\d{2}-\d{2}$", text):
            return date.fromisoformat(text)
        if re.match(r"^\d{4}-\d{2}-\d{2}[T ]", text):
            return datetime.fromisoformat(text.replace("Z", "+00:00")).date()
        return parsedate_to_datetime(text).date()
    except (ValueError, TypeError, IndexError):
        raise ValueError(f"{field} is not a date: {value!r}") from None


def first_url(value: object) -> str | None:
    """A URL field as stored: the first white-space separated token (two githubRepo values hold a newline)."""
    if not isinstance(value, str) or not value.strip():
        return None
    return value.split()[0]


CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean_text(text: str) -> str:
    """Text as stored: Unicode NFC, control characters (NUL and the like) dropped, runs of white space folded
    to one space, no padding. Offsets of every extracted span refer to this form."""
    return " ".join(CONTROL_CHARACTERS.sub("", unicodedata.normalize("NFC", text)).split())
