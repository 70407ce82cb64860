"""The Hugging Face Papers page saved as text: some lines of page chrome, then one title line and one
abstract line per paper, separated by blank lines. The page has no ids, dates or links."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from .files import LineProblem, numbered_lines
from .records import Paper, Reject, clean_text, title_paper_id

FORMAT = "hf_papers_page"

# Lines the page shows around the list: navigation, the newsletter box, the day heading ("Mar 11").
CHROME_LINES = [
    re.compile(r"^(new|subscribe|daily papers|papers|trending|submit|search)$", re.IGNORECASE),
    re.compile(r"^get trending papers in your email inbox!?$", re.IGNORECASE),
    re.compile(r"^by\s*ak and the research community$", re.IGNORECASE),
    re.compile(r"^(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]* \d{1,2}(, \d{4})?$", re.IGNORECASE),
    re.compile(r"^(previous|next)( day| week| month)?$", re.IGNORECASE),
]
# A title is one line of modest length; an abstract is prose, longer than its title.
MAX_TITLE_CHARS = 400


def is_chrome(line: str) -> bool:
    return any(pattern.match(line) for pattern in CHROME_LINES)


def looks_like_page(head: str) -> bool:
    """True when the first non-empty lines are page chrome followed by text, not JSON."""
    lines = [line.strip() for line in head.splitlines() if line.strip()]
    return bool(lines) and not lines[0].startswith(("{", "[")) and any(is_chrome(line) for line in lines[:8])


def read_hf_page(path: Path) -> Iterator[Paper | Reject]:
    """Pairs each title line with the abstract line after it. Position is the title's line number."""
    blocks: list[tuple[int, str]] = []
    for number, line in numbered_lines(path):
        if isinstance(line, LineProblem):
            yield Reject(str(path), number, line.reason, line.raw)
        elif line.strip():
            blocks.append((number, line))
    start = 0
    while start < len(blocks) and is_chrome(blocks[start][1].strip()):
        start += 1
    body = blocks[start:]
    for index in range(0, len(body), 2):
        line_number, title_line = body[index]
        if index + 1 >= len(body):
            yield Reject(str(path), line_number, "title line without an abstract line after it", title_line[:500])
            continue
        title, abstract = clean_text(title_line), clean_text(body[index + 1][1])
        if len(title) > MAX_TITLE_CHARS:
            yield Reject(
                str(path),
                line_number,
                f"title line longer than {MAX_TITLE_CHARS} characters: titles and abstracts are out of step",
                title[:500],
            )
            continue
        if len(abstract) < len(title):
            yield Reject(
                str(path),
                line_number,
                "abstract line shorter than its title: titles and abstracts are out of step",
                abstract[:500],
            )
            continue
        yield Paper(
            paper_id=title_paper_id(title),
            title=title,
            abstract=abstract,
            source=FORMAT,
            source_file=str(path),
            position=line_number,
        )
