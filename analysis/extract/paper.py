"""The paper-level step: what an entity is where it takes the title and the abstract together.

spaCy runs a pipeline over one text at a time, and a paper is two (title, abstract). Three things about a name
need both: a name the paper introduces anywhere is ``introduced`` in both fields, including mentions no rule
caught on their own (the abstract repeating the title's "X: ..."); all mentions of the paper's own name take
one label by the votes of its introducing mentions (and the title's "X: a Benchmark for ..." decides); and every
whole-word occurrence of the name is a mention. ``settle_paper`` does it on the two Docs the components gave,
and is the one function both the build (``rows.extract_rows``) and a user of the components call, so that
``paper_docs(nlp, title, abstract)`` gives what the database stores for the paper::

    docs = paper_docs(nlp, paper.title, paper.abstract)
    docs["abstract"]._.entities     # the rows of table entities for the abstract (without paper_id and field)
    docs["abstract"].spans["papertrends_entities"]   # the same mentions, token-aligned

``doc._.entities`` holds records of primitives with exact character offsets (``entities.entity_record``); the
span group holds the same mentions widened to whole tokens ("Llama3-70B." is one token), with the records'
label and span attributes (canonical, introduced, family, label_source).
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import filter_spans

from .tokens import make_doc, token_view

FIELDS = ("title", "abstract")
ENTITIES_KEY = "papertrends_entities"
RESULTS_KEY = "papertrends_results"


def paper_docs(nlp: Language, title: str, abstract: str, spans_key: str = ENTITIES_KEY) -> dict[str, Doc]:
    """The pipeline's Docs of a paper's title and abstract, settled together (``settle_paper``)."""
    docs = {field_name: nlp(make_doc(nlp, text)) for field_name, text in zip(FIELDS, (title, abstract), strict=True)}
    settle_paper(docs, spans_key=spans_key)
    return docs


def settle_paper(
    docs: Mapping[str, Doc],
    spans_key: str = ENTITIES_KEY,
    set_ents: bool = True,
    span_group: bool = True,
    results_key: str = RESULTS_KEY,
) -> None:
    """Settles the entities of one paper's Docs (field name -> Doc, title first) in place: ``doc._.entities``,
    the span group ``spans_key`` and, with ``set_ents``, ``doc.ents`` then hold the paper's mentions as the
    database stores them. Docs without the entities component's records are left as they are.
    ``span_group=False`` (with ``set_ents=False``) settles the records only: the build, which reads nothing
    else and drops the Docs, saves rebuilding the spans (a third of this step)."""
    rows: list[dict] = []
    texts: dict[str, str] = {}
    links: list[dict] = []
    for field_name, doc in docs.items():
        extensions = doc._  # each ``doc._`` makes an Underscore object: read it once
        entities = extensions.entities
        if entities is None:
            continue
        texts[field_name] = token_view(doc).text
        rows.extend(record | {"field": field_name} for record in entities)
        links.extend(
            {"field": field_name, "start_char": link["start_char"], "end_char": link["end_char"]}
            for link in extensions.links or ()
        )
    settled = settle_entities(rows, texts, links)
    if settled is rows:
        return  # the paper introduces no name: nothing changes
    _settle_results(docs, {row["canonical"] for row in settled if row["introduced"]}, results_key)
    for field_name, doc in docs.items():
        if field_name not in texts:
            continue
        records = [{key: value for key, value in row.items() if key != "field"} for row in settled]
        records = [record for record, row in zip(records, settled, strict=True) if row["field"] == field_name]
        doc._.entities = records
        if span_group or set_ents:
            _write_back(doc, records, spans_key, set_ents)


def _settle_results(docs: Mapping[str, Doc], introduced: set[str], results_key: str) -> None:
    """A result whose system the paper introduces is the paper's own, whichever field introduces it: the
    results component sees one field, and "ReSim: ..." in the title makes the abstract's "ReSim improves ... by
    2%" the paper's own gain. Only results whose ``own`` stood for the name alone (``own_by_name``) change;
    a from/to end keeps what the sentence says."""
    for doc in docs.values():
        records = list(doc._.results or ())
        if results_key in doc.spans:
            records += [span._.result for span in doc.spans[results_key] if span._.result is not None]
        for record in records:
            if record.get("own_by_name") and not record["own"] and record["model"] in introduced:
                record["own"] = True


def _write_back(doc: Doc, records: list[dict], spans_key: str, set_ents: bool) -> None:
    """The span group and ``doc.ents`` rebuilt from ``records`` (``doc._.entities``), each record widened to
    the tokens it falls in."""
    spans = {}
    for record in records:
        span = doc.char_span(record["start_char"], record["end_char"], label=record["label"], alignment_mode="expand")
        if span is None or (span.start, span.end) in spans:
            continue
        extensions = span._  # one Underscore object for the four (each ``span._`` makes one)
        extensions.canonical = record["canonical"]
        extensions.introduced = record["introduced"]
        extensions.family = record["family"]
        extensions.label_source = record["label_source"]
        spans[(span.start, span.end)] = span
    group = sorted(spans.values(), key=lambda span: span.start)
    old = {(span.start, span.end) for span in doc.spans[spans_key]} if spans_key in doc.spans else set()
    doc.spans[spans_key] = group
    if set_ents:
        # Ours replace the entities' old spans; a model's own entities stay where ours do not overlap them.
        others = [ent for ent in doc.ents if (ent.start, ent.end) not in old]
        doc.ents = filter_spans(group + others)


def settle_entities(entities: list[dict], texts: dict[str, str], links: list[dict]) -> list[dict]:
    """Every mention of a name the paper introduces is ``introduced``, in the title and abstract alike,
    including mentions no rule caught on their own (the abstract repeating the title's "X: ..."), and all
    mentions of a name take one label: DATASET when any mention of it was labelled so where it was introduced.
    ``entities`` are entity records with their ``field``; ``links`` the links' fields and offsets (no name is
    found inside a URL). Returns ``entities`` itself when the paper introduces no name."""
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
                    {
                        "start_char": start,
                        "end_char": start + len(name),
                        "text": name,
                        "label": label,
                        "canonical": first["canonical"],
                        "introduced": True,
                        "family": first["family"],
                        "label_source": source,
                        "field": field_name,
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
