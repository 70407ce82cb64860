"""One paper, many sightings: how records of the same paper from several files and sources become one.

The rule (documented in README.md):
- the paper's title and abstract come from the record of the most authoritative source, in the order
  arXiv snapshot, arXiv API, arXiv listing, Hugging Face daily papers, your own files, Hugging Face page;
  between records of one source, the earliest listed (then the first read) wins;
- every other field is taken from the first record in that same order that has it;
- ``listed`` is the earliest day any listing showed the paper; upvotes, comments and stars the largest seen;
- a file read again gives its records as they are now: the stored merge of an earlier build whose best
  record came from that file ranks behind every record read, so it only fills fields they leave empty; when
  the file no longer holds the paper at all, the build also reads again the skipped input files that still
  show it, so its text comes from a record that exists.

And the rule for papers that vanish: a file that is read again replaces all its sightings, so a paper it no
longer holds loses that sighting; once a build has read all its files, a paper left with no sighting at all
leaves the database with every row about it (extraction rows, code status, derived tables), so every count
and rate is over the papers the inputs hold (``store.drop_unsighted_papers``).
"""

from __future__ import annotations

from dataclasses import fields, replace
from datetime import date
from typing import Any

from .records import Paper

SOURCE_PRIORITY = {
    "arxiv_snapshot": 0,
    "arxiv_atom": 1,
    "arxiv_listing": 2,
    "hf_daily_papers": 3,
    "jsonl": 4,
    "csv": 4,
    "parquet": 4,
    "hf_papers_page": 5,
}
KEPT_FROM_BEST = {"paper_id", "title", "abstract", "source", "source_file", "position", "source_id"}
LARGEST = {"upvotes", "comments", "github_stars"}


def rank(record: Paper) -> tuple:
    return (SOURCE_PRIORITY.get(record.source, 9), record.listed or date.max, record.source_file, record.position)


def merge_records(records: list[Paper], behind: Paper | None = None) -> Paper:
    """The merged paper for records that share a paper_id. ``behind`` is an earlier merge of the paper whose
    best record is gone (its file was read again without it, or with it changed): it ranks after every record,
    so its text never wins over theirs and its other fields only fill what they leave empty."""
    if len(records) == 1 and behind is None:
        return records[0]  # the rule below leaves a single record as it is
    ordered = sorted(records, key=rank) + ([behind] if behind is not None else [])
    best = ordered[0]
    changes: dict[str, Any] = {}
    for field in fields(Paper):
        name = field.name
        if name in KEPT_FROM_BEST:
            continue
        values = [getattr(record, name) for record in ordered if getattr(record, name) not in (None, ())]
        if name == "listed":
            changes[name] = min(values, default=None)
        elif name in LARGEST:
            changes[name] = max(values, default=None)
        else:
            changes[name] = values[0] if values else getattr(best, name)
    return replace(best, **changes)
