"""From papers to table rows: runs the pipeline over titles and abstracts and flattens what the
components found into one list of row dicts per table (column names as in the DuckDB schema)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, fields

from spacy.language import Language
from spacy.tokens import Doc

from ..sources import Paper
from .paper import FIELDS, settle_paper
from .terms import paper_terms
from .tokens import make_doc


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
    returns the rows of all extraction tables."""
    rows = ExtractedRows()
    papers = list(papers)
    docs = (
        (make_doc(nlp, getattr(paper, field_name)), (paper, field_name)) for paper in papers for field_name in FIELDS
    )
    with_terms = "papertrends_terms" in nlp.pipe_names
    paper_docs: dict[str, Doc] = {}
    for doc, (paper, field_name) in _run_pipeline(nlp, docs, batch_size):
        paper_docs[field_name] = doc
        if field_name != FIELDS[-1]:
            continue
        # Rows come from the records alone and the Docs are dropped after: no span group or doc.ents to rebuild.
        settle_paper(paper_docs, set_ents=False, span_group=False)
        for name, field_doc in paper_docs.items():
            _add_doc_rows(rows, paper.paper_id, name, field_doc)
        if with_terms:
            # The month goes with the batch only (store.db.BATCH_ONLY_COLUMNS): the vocabulary is per month.
            month = paper.published.replace(day=1) if paper.published else None
            paper_id = paper.paper_id
            rows.terms.extend(
                # Tuples in the frame's column order (store.db TABLE_COLUMNS, BATCH_ONLY_COLUMNS): 240 rows
                # a paper, where a dict each cost as much as the component.
                (paper_id, term, mentions, month)
                for term, mentions in paper_terms(list(paper_docs.values())).items()
            )
        paper_docs = {}
        if on_paper:
            on_paper()
    return rows


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
