"""Hugging Face ``api/daily_papers`` responses: a JSON array of items ``{"paper": {...}, "numComments", ...}``
(one file per featured day), or the same array wrapped as ``{"status", "date", "count", "data": [...]}``.
Position is the item's number in the array; items stored as Python ``repr`` strings are rejected."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from .files import iter_lines
from .records import (
    ListingError,
    Paper,
    Reject,
    arxiv_id_of,
    clean_text,
    day_from_name,
    first_url,
    paper_id_for,
    parse_date,
)

FORMAT = "hf_daily_papers"


def _int(value: object) -> int | None:
    if not isinstance(value, int | float | str) or value == "":
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def paper_from_item(item: object, path: Path, position: int) -> Paper:
    if isinstance(item, str):
        raise ValueError("item is a string (Python repr text), not a JSON object")
    if not isinstance(item, dict) or not isinstance(item.get("paper"), dict):
        raise ValueError(f"item is a JSON {type(item).__name__} without a 'paper' object")
    paper = item["paper"]
    title = clean_text(str(paper.get("title") or item.get("title") or ""))
    abstract = clean_text(str(paper.get("summary") or item.get("summary") or ""))
    if not title:
        raise ValueError("missing field 'title'")
    if not abstract:
        raise ValueError("missing field 'summary' (the abstract)")
    arxiv_id = arxiv_id_of(str(paper.get("id") or ""))
    listed = day_from_name(path) or parse_date(paper.get("submittedOnDailyAt"), "submittedOnDailyAt")
    authors = tuple(a["name"] for a in paper.get("authors") or [] if isinstance(a, dict) and a.get("name"))
    keywords = tuple(k for k in paper.get("ai_keywords") or [] if isinstance(k, str))
    return Paper(
        paper_id=paper_id_for(arxiv_id, title),
        title=title,
        abstract=abstract,
        source=FORMAT,
        source_file=str(path),
        position=position,
        source_id=str(paper.get("id")) if paper.get("id") else None,
        arxiv_id=arxiv_id,
        published=parse_date(paper.get("publishedAt"), "publishedAt"),
        url=f"https://arxiv.org/abs/{arxiv_id}" if arxiv_id else None,
        github_repo=first_url(paper.get("githubRepo")),
        listed=listed,
        authors=authors,
        upvotes=_int(paper.get("upvotes")),
        comments=_int(item.get("numComments")),
        github_stars=_int(paper.get("githubStars")),
        project_page=first_url(paper.get("projectPage")),
        keywords=keywords,
    )


def read_hf_daily(path: Path) -> Iterator[Paper | Reject]:
    # One response is one day's papers: small enough to parse whole.
    text = "\n".join(iter_lines(path))
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise ListingError(f"{path}: not JSON: {error.msg} at line {error.lineno}") from error
    except RecursionError:
        raise ListingError(f"{path}: JSON nested too deeply") from None
    if isinstance(data, dict) and isinstance(data.get("data"), list):
        data = data["data"]
    if not isinstance(data, list):
        raise ListingError(f"{path}: a JSON {type(data).__name__}, not a list of daily papers")
    for position, item in enumerate(data, start=1):
        try:
            yield paper_from_item(item, path, position)
        except ValueError as error:
            raw = item if isinstance(item, str) else json.dumps(item, ensure_ascii=False)
            yield Reject(str(path), position, str(error), raw[:500])
