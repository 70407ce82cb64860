"""From papers to table rows: runs the pipeline over titles and abstracts and flattens what the
components found into one list of row dicts per table (column names as in the DuckDB schema)."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, fields
from itertools import repeat

from spacy.language import Language
from spacy.tokens import Doc

from ..sources import Paper
from .paper import FIELDS, settle_paper
from .terms import paper_terms
from .tokens import make_doc

# A terms row's columns (store.db's TABLE_COLUMNS and BATCH_ONLY_COLUMNS).
TERM_COLUMNS = ("paper_id", "term", "mentions", "month")


@dataclass
class ExtractedRows:
    claims: list[dict] = field(default_factory=list)
    claim_changes: list[dict] = field(default_factory=list)
    entities: list[dict] = field(default_factory=list)
    links: list[dict] = field(default_factory=list)
    buzzword_mentions: list[dict] = field(default_factory=list)
    code_promises: list[dict] = field(default_factory=list)
    # Columns, not rows: about 240 rows a paper, where a row object each cost as much as the terms component.
    terms: dict[str, list] = field(default_factory=lambda: {column: [] for column in TERM_COLUMNS})
    results: list[dict] = field(default_factory=list)
    # Papers a component raised on, as rejects rows (source_file, position, reason, raw): not a table of their
    # own, the build writes them to the rejects table; the paper keeps no extraction rows.
    failures: list[dict] = field(default_factory=list, metadata={"table": False})

    def lengths(self) -> dict[str, int]:
        """How many rows each table has: what ``truncate`` goes back to."""
        return {name: len(self.terms["paper_id"]) if name == "terms" else len(getattr(self, name)) for name in TABLES}

    def truncate(self, lengths: dict[str, int]) -> None:
        """Drops the rows added after ``lengths`` was taken (a paper that failed half-way)."""
        for name, length in lengths.items():
            if name == "terms":
                for column in self.terms.values():
                    del column[length:]
            else:
                del getattr(self, name)[length:]

    def tables(self) -> dict[str, list[dict] | dict[str, list]]:
        """The row lists by table name, not copied (``dataclasses.asdict`` would copy every row)."""
        return {name: getattr(self, name) for name in TABLES}


# One field per table: the store's EXTRACTION_TABLES name the same tables (a test checks the two agree).
TABLES = tuple(row_list.name for row_list in fields(ExtractedRows) if row_list.metadata.get("table", True))


_SPAN_COLUMNS = ("start_char", "end_char", "text")
_CLAIM_COLUMNS = (
    *_SPAN_COLUMNS,
    "value",
    "kind",
    "unit",
    "qualifier",
    "metric",
    "direction",
    "better",
    "display_text",
)
_LINK_COLUMNS = ("start_char", "end_char", "url", "host", "repo")
_RESULT_COLUMNS = (*_SPAN_COLUMNS, "value", "unit", "metric", "metric_text", "benchmark", "model", "own", "comparison")
_CHANGE_COLUMNS = (
    *_SPAN_COLUMNS,
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
    "display_text",
)


def _span_row(paper_id: str, field_name: str, start: int, end: int, text: str) -> dict:
    return {"paper_id": paper_id, "field": field_name, "start_char": start, "end_char": end, "text": text}


def _add_doc_rows(rows: ExtractedRows, paper_id: str, field_name: str, doc: Doc) -> None:
    """Copies what the components left on ``doc`` into rows: every decision is theirs (and ``paper.settle_paper``'s
    for entities); a row is a record with the paper and field added."""
    where = {"paper_id": paper_id, "field": field_name}
    extensions = doc._  # each ``doc._`` makes an Underscore object: one for the five reads
    # The components' records carry the columns by name (claims.claim_record, claims.change_record,
    # entities.entity_record, links.link_record, results).
    rows.claims.extend(where | {key: claim[key] for key in _CLAIM_COLUMNS} for claim in extensions.claims)
    rows.claim_changes.extend(
        where | {key: change[key] for key in _CHANGE_COLUMNS} for change in extensions.claim_changes
    )
    # Each mention keeps the label the paper gave it (mention_label); the build's last step gives all mentions of
    # a name the one label the whole database votes for (store.derived).
    rows.entities.extend(where | entity | {"mention_label": entity["label"]} for entity in extensions.entities)
    rows.links.extend(
        where | {key: link[key] for key in _LINK_COLUMNS} | {"text": link["url"]} for link in extensions.links
    )
    for span in doc.spans["papertrends_buzzwords"]:
        rows.buzzword_mentions.append(
            _span_row(paper_id, field_name, span.start_char, span.end_char, span.text) | {"buzzword": span.label_}
        )
    for span in doc.spans["papertrends_code_promises"]:
        rows.code_promises.append(_span_row(paper_id, field_name, span.start_char, span.end_char, span.text))
    rows.results.extend(where | {key: result[key] for key in _RESULT_COLUMNS} for result in extensions.results or ())


def extract_rows(
    papers: Iterable[Paper],
    nlp: Language,
    batch_size: int = 64,
    on_paper: Callable[[], None] | None = None,
) -> ExtractedRows:
    """Runs ``nlp`` over every title and abstract, settles each paper's two Docs (``paper.settle_paper``) and
    returns the rows of all extraction tables. A paper a component (or the settling) raises on keeps no rows
    and is listed in ``failures`` with the component, the field and the error; the papers after it go on:
    one text a rule cannot handle must not stop a build of a million papers."""
    rows = ExtractedRows()
    papers = list(papers)
    with_terms = "papertrends_terms" in nlp.pipe_names
    done = 0
    while done < len(papers):
        kept = rows.lengths()
        try:
            for paper, paper_docs in _piped_papers(nlp, papers[done:], batch_size):
                _add_paper_rows(rows, paper, paper_docs, with_terms)
                done += 1
                kept = rows.lengths()
                if on_paper:
                    on_paper()
        except Exception:  # noqa: BLE001 - the paper that raised is rejected with the reason; the build goes on
            rows.truncate(kept)
            # Components that work in batches (a model's) fail a whole batch: its papers go one at a time.
            for paper in papers[done : done + batch_size]:
                kept = rows.lengths()
                try:
                    for _, paper_docs in _piped_papers(nlp, [paper], 1):
                        _add_paper_rows(rows, paper, paper_docs, with_terms)
                except Exception as error:  # noqa: BLE001 - as above
                    rows.truncate(kept)
                    rows.failures.append(_failure_row(paper, _failure_reason(nlp, paper, error)))
                done += 1
                if on_paper:
                    on_paper()
    return rows


def _piped_papers(nlp: Language, papers: list[Paper], batch_size: int) -> Iterator[tuple[Paper, dict[str, Doc]]]:
    """Each paper with its fields' Docs, through the pipeline."""
    docs = (
        (make_doc(nlp, getattr(paper, field_name)), (paper, field_name)) for paper in papers for field_name in FIELDS
    )
    paper_docs: dict[str, Doc] = {}
    for doc, (paper, field_name) in _run_pipeline(nlp, docs, batch_size):
        paper_docs[field_name] = doc
        if field_name == FIELDS[-1]:
            # Rows come from the records alone and the Docs are dropped after: no span group or doc.ents to
            # rebuild.
            settle_paper(paper_docs, set_ents=False, span_group=False)
            yield paper, paper_docs
            paper_docs = {}


def _failure_reason(nlp: Language, paper: Paper, error: Exception) -> str:
    """Which component raised on which field, found by running them one by one; else the settling."""
    for field_name in FIELDS:
        doc = make_doc(nlp, getattr(paper, field_name))
        for name, component in nlp.pipeline:
            try:
                doc = component(doc)
            except Exception as own_error:  # noqa: BLE001 - named in the reason
                return f"{name} on the {field_name}: {type(own_error).__name__}: {own_error}"
    return f"settling title and abstract: {type(error).__name__}: {error}"


def _failure_row(paper: Paper, reason: str) -> dict:
    return {
        "source_file": paper.source_file,
        "position": paper.position,
        "reason": f"extraction failed, paper {paper.paper_id} kept without extracted rows: {reason}",
        "raw": json.dumps({"id": paper.paper_id, "title": paper.title, "abstract": paper.abstract})[:500],
    }


def _add_paper_rows(rows: ExtractedRows, paper: Paper, paper_docs: dict[str, Doc], with_terms: bool) -> None:
    """A paper's rows, once its Docs have been through the pipeline and settled."""
    for name, field_doc in paper_docs.items():
        _add_doc_rows(rows, paper.paper_id, name, field_doc)
    if with_terms:
        # The month goes with the batch only (store.db.BATCH_ONLY_COLUMNS): the vocabulary is per month.
        month = paper.published.replace(day=1) if paper.published else None
        counts = paper_terms(list(paper_docs.values()))
        columns = rows.terms
        columns["paper_id"].extend(repeat(paper.paper_id, len(counts)))
        columns["term"].extend(counts.keys())
        columns["mentions"].extend(counts.values())
        columns["month"].extend(repeat(month, len(counts)))


def _run_pipeline(
    nlp: Language, docs: Iterable[tuple[Doc, tuple[Paper, str]]], batch_size: int
) -> Iterable[tuple[Doc, tuple[Paper, str]]]:
    """``nlp.pipe(docs, as_tuples=True)``; when no component works in batches (the blank pipeline's do not), each
    Doc goes through the components by plain calls, without spaCy's generator per component and Doc (see
    docs/notes/speed.md). A model's components with a ``pipe`` method (en_core_web_sm's) keep spaCy's batching."""
    components = [component for _, component in nlp.pipeline]
    if any(hasattr(component, "pipe") for component in components):
        yield from nlp.pipe(docs, as_tuples=True, batch_size=batch_size)
        return
    for doc, context in docs:
        for component in components:
            doc = component(doc)
        yield doc, context
