"""From papers to table rows: runs the pipeline over titles and abstracts and flattens what the
components found into one list of row dicts per table (column names as in the DuckDB schema)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, fields

from spacy.language import Language
from spacy.tokens import Doc

from ..sources import Paper
from .claims import display_text
from .entities import clean_name
from .terms import paper_terms
from .tokens import make_doc

FIELDS = ("title", "abstract")


@dataclass
class ExtractedRows:
    claims: list[dict] = field(default_factory=list)
    claim_changes: list[dict] = field(default_factory=list)
    entities: list[dict] = field(default_factory=list)
    links: list[dict] = field(default_factory=list)
    buzzword_mentions: list[dict] = field(default_factory=list)
    code_promises: list[dict] = field(default_factory=list)
    terms: list[tuple] = field(default_factory=list)  # (paper_id, term, mentions, month): store.db's column order
    results: list[dict] = field(default_factory=list)

    def tables(self) -> dict[str, list[dict]]:
        """The row lists by table name, not copied (``dataclasses.asdict`` would copy every row)."""
        return {name: getattr(self, name) for name in TABLES}


# One field per table: the store's EXTRACTION_TABLES name the same tables (a test checks the two agree).
TABLES = tuple(row_list.name for row_list in fields(ExtractedRows))


_RESULT_COLUMNS = ("value", "unit", "metric", "metric_text", "benchmark", "model", "own", "comparison")
_CHANGE_COLUMNS = (
    "from_start_char",
    "from_end_char",
    "to_start_char",
    "to_end_char",
    "from_value",
    "to_value",
    "kind",
    "unit",
    "metric",
    "difference",
    "relative_percent",
    "direction",
    "better",
)


def _span_row(paper_id: str, field_name: str, start: int, end: int, text: str) -> dict:
    return {"paper_id": paper_id, "field": field_name, "start_char": start, "end_char": end, "text": text}


def _add_doc_rows(rows: ExtractedRows, paper_id: str, field_name: str, doc: Doc) -> None:
    # The components' records carry the columns by name (claims.claim_record, claims.change_record).
    for claim in doc._.claims:
        rows.claims.append(
            _span_row(paper_id, field_name, claim["start_char"], claim["end_char"], claim["text"])
            | {
                "value": claim["value"],
                "kind": claim["kind"],
                "unit": claim["unit"],
                "qualifier": claim["qualifier"],
                "metric": claim["metric"],
                "direction": claim["direction"],
                "better": claim["better"],
                "display_text": display_text(claim["text"]),
            }
        )
    for change in doc._.claim_changes:
        rows.claim_changes.append(
            _span_row(paper_id, field_name, change["start_char"], change["end_char"], change["text"])
            | {key: change[key] for key in _CHANGE_COLUMNS}
            | {"display_text": display_text(change["text"])}
        )
    for span in doc.spans["papertrends_entities"]:
        # The tokenizer can leave a sentence's period or a dangling hyphen on a name token ("ImageNet-1K.",
        # "FLAN-T5-"): not part of the name.
        text = clean_name(span.text)
        rows.entities.append(
            _span_row(paper_id, field_name, span.start_char, span.start_char + len(text), text)
            | {
                "label": span.label_,
                "canonical": span._.canonical,
                "introduced": bool(span._.introduced),
                "family": span._.family or span._.canonical,
                "label_source": span._.label_source or "default",
            }
        )
    for link in doc._.links:
        rows.links.append(
            _span_row(paper_id, field_name, link["start_char"], link["end_char"], link["url"])
            | {"url": link["url"], "host": link["host"], "repo": link["repo"]}
        )
    for span in doc.spans["papertrends_buzzwords"]:
        rows.buzzword_mentions.append(
            _span_row(paper_id, field_name, span.start_char, span.end_char, span.text) | {"buzzword": span.label_}
        )
    for span in doc.spans["papertrends_code_promises"]:
        rows.code_promises.append(_span_row(paper_id, field_name, span.start_char, span.end_char, span.text))
    for result in doc._.results or []:
        rows.results.append(
            _span_row(paper_id, field_name, result["start_char"], result["end_char"], result["text"])
            | {key: result[key] for key in _RESULT_COLUMNS}
        )


def _propagate_introduced(entities: list[dict], texts: dict[str, str], links: list[dict]) -> list[dict]:
    """Every mention of a name the paper introduces is ``introduced``, in the title and abstract alike,
    including mentions no rule caught on their own (the abstract repeating the title's "X: ..."), and all
    mentions of a name take one label: DATASET when any mention of it was labelled so where it was introduced."""
    own = [row for row in entities if row["introduced"]]
    if not own:
        return entities
    own_canonicals = {row["canonical"] for row in own}
    votes: dict[str, list[str]] = {}
    for row in own:
        votes.setdefault(row["canonical"], []).append(row["label"])
    # "World of Workflows: a Benchmark for ...": the title says what the paper's own name is.
    title = texts.get("title", "").lstrip()
    for row in own:
        subtitle = _subtitle_after(title, row["text"])
        if subtitle is not None and _DATASET_WORD.search(subtitle):
            votes[row["canonical"]] = ["DATASET"]  # the title's word decides
    # The label most of the introducing mentions carry; on a tie, the first one's.
    dataset_canonicals = {
        canonical
        for canonical, labels in votes.items()
        if labels.count("DATASET") > labels.count("MODEL")
        or (labels.count("DATASET") == labels.count("MODEL") and labels[0] == "DATASET")
    }
    # A DATASET decided here rests on words that said so (a DATASET mention or the title's word): context.
    result = [
        (
            row | {"introduced": True, "label": "DATASET", "label_source": _context_unless_named(row["label_source"])}
            if row["canonical"] in dataset_canonicals
            else row | {"introduced": True}
        )
        if row["canonical"] in own_canonicals
        else row
        for row in entities
    ]
    taken = {(row["field"], i) for row in entities for i in range(row["start_char"], row["end_char"])}
    taken |= {(link["field"], i) for link in links for i in range(link["start_char"], link["end_char"])}
    for name, first in {row["text"]: row for row in own}.items():
        label = "DATASET" if first["canonical"] in dataset_canonicals else first["label"]
        source = _context_unless_named(first["label_source"]) if label == "DATASET" else first["label_source"]
        for field_name, text in texts.items():
            for start in _whole_word_occurrences(name, text):
                if any((field_name, i) in taken for i in range(start, start + len(name))):
                    continue
                result.append(
                    _span_row(first["paper_id"], field_name, start, start + len(name), name)
                    | {
                        "label": label,
                        "canonical": first["canonical"],
                        "introduced": True,
                        "family": first["family"],
                        "label_source": source,
                    }
                )
    return result


def _context_unless_named(source: str) -> str:
    """A label the paper's words decided rests on context, unless a lexicon or family rule named it already."""
    return source if source in ("lexicon", "family") else "context"


_DATASET_WORD = re.compile(r"\b(?:benchmark|dataset|corpus|suite)\b", re.IGNORECASE)


def _subtitle_after(title: str, name: str) -> str | None:
    """The first 60 characters of the line after "NAME:" when ``title`` (stripped on the left) opens with
    them, else None. A string comparison: a pattern compiled per name cost more than the whole entity rule."""
    if not title.startswith(name):
        return None
    rest = title[len(name) :].lstrip()
    if not rest.startswith(":"):
        return None
    return rest[1:].split("\n", 1)[0][:60]


def _whole_word_occurrences(name: str, text: str) -> list[int]:
    r"""Starts of ``name`` in ``text`` not glued to a word character or hyphen on either side: the regular
    expression ``(?<![\w-])NAME(?![\w-])``, without compiling one pattern per name of every paper."""
    found = []
    position = text.find(name)
    while position >= 0:
        end = position + len(name)
        before = text[position - 1] if position else " "
        after = text[end] if end < len(text) else " "
        if _WORD_CHAR.match(before) or _WORD_CHAR.match(after):
            position = text.find(name, position + 1)
            continue
        found.append(position)
        position = text.find(name, end)
    return found


_WORD_CHAR = re.compile(r"[\w-]")


def extract_rows(
    papers: Iterable[Paper],
    nlp: Language,
    batch_size: int = 64,
    on_paper: Callable[[], None] | None = None,
) -> ExtractedRows:
    """Runs ``nlp`` over every title and abstract and returns the rows of all extraction tables."""
    rows = ExtractedRows()
    papers = list(papers)
    docs = (
        (make_doc(nlp, getattr(paper, field_name)), (paper, field_name)) for paper in papers for field_name in FIELDS
    )
    pending: list[dict] = []
    links_before = 0
    with_terms = "papertrends_terms" in nlp.pipe_names
    paper_docs: list[Doc] = []
    for doc, (paper, field_name) in nlp.pipe(docs, as_tuples=True, batch_size=batch_size):
        before = len(rows.entities)
        _add_doc_rows(rows, paper.paper_id, field_name, doc)
        if with_terms:
            paper_docs.append(doc)
        pending.extend(rows.entities[before:])
        del rows.entities[before:]
        if field_name == FIELDS[-1]:
            paper_links = rows.links[links_before:]
            links_before = len(rows.links)
            # Each mention keeps the label the paper gave it (mention_label); the build's last step gives all
            # mentions of a name the one label the whole database votes for (store.derived).
            rows.entities.extend(
                row | {"mention_label": row["label"]}
                for row in _propagate_introduced(pending, {f: getattr(paper, f) for f in FIELDS}, paper_links)
            )
            pending = []
            if with_terms:
                # The month goes with the batch only (store.db.BATCH_ONLY_COLUMNS): the vocabulary is per month.
                month = paper.published.replace(day=1) if paper.published else None
                paper_id = paper.paper_id
                rows.terms.extend(
                    # Tuples in the frame's column order (store.db TABLE_COLUMNS, BATCH_ONLY_COLUMNS): 240 rows
                    # a paper, where a dict each cost as much as the component.
                    (paper_id, term, mentions, month)
                    for term, mentions in paper_terms(paper_docs).items()
                )
                paper_docs = []
            if on_paper:
                on_paper()
    return rows
