"""Buzzword mentions: phrases from a lexicon, matched case-insensitively on lemmas with British spellings
folded ("Generalisation Abilities" -> "generalization ability"). Results go to
``doc.spans["papertrends_buzzwords"]``, one span per mention, labelled with the canonical buzzword.

Matching happens on the Doc's own lower-case forms: each phrase is expanded, once when the component is
made, into every spelling whose words have the same keys ("generalisation abilities", "generalizations
ability", ...), so a text is matched without rewriting its tokens into keys."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from itertools import product
from pathlib import Path

from spacy.language import Language
from spacy.lookups import load_lookups
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import load_language_data, registry

from ..lexicons import DEFAULT_BUZZWORDS, read_buzzword_lexicon
from .saving import SavesLexicons
from .scoring import ScoredSpanGroup, with_scorer


class LemmaKeys:
    """Maps a token's text to its matching key: lower case, then spaCy's English lexeme norm (British to
    American spelling), then the lookup lemma from spacy-lookups-data. Shipped tables, no download."""

    def __init__(self) -> None:
        lookups = load_lookups("en", ["lemma_lookup", "lexeme_norm"])
        self.lemmas = lookups.get_table("lemma_lookup")
        self.norms = lookups.get_table("lexeme_norm")
        self.cache: dict[str, str] = {}

    def __call__(self, text: str) -> str:
        key = self.cache.get(text)
        if key is None:
            lowered = text.lower()
            normed = self.norms.get(lowered, lowered)
            key = self.lemmas.get(normed, normed)
            self.cache[text] = key
        return key

    def surface_forms(self) -> dict[str, set[str]]:
        """Every lower-case word the shipped tables know, grouped by its key: the words a key stands for.
        A word no table knows is its own key, and only its own."""
        paths = registry.lookups.get("en")
        words: set[str] = set()
        for table in ("lemma_lookup", "lexeme_norm"):
            words.update(word for word in load_language_data(paths[table]) if word == word.lower())
        forms: dict[str, set[str]] = defaultdict(set)
        for word in words:
            forms[self(word)].add(word)
        return forms


@Language.factory(
    "papertrends_buzzwords",
    default_config={
        "lexicon_path": None,
        "spans_key": "papertrends_buzzwords",
        "scorer": {"@scorers": "papertrends.span_group_scorer.v1"},
    },
)
def make_buzzwords_component(nlp: Language, name: str, lexicon_path: str | None, spans_key: str, scorer=None):
    return with_scorer(BuzzwordComponent(nlp, lexicon_path or DEFAULT_BUZZWORDS, spans_key), scorer)


class BuzzwordComponent(SavesLexicons, ScoredSpanGroup):
    def __init__(self, nlp: Language, lexicon_path: str | Path, spans_key: str):
        self.spans_key = spans_key
        self.nlp = nlp
        self.use_lexicons({"lexicon_path": lexicon_path})

    def read_lexicons(self, paths: Mapping[str, Path]) -> None:
        """Builds the phrase matcher from the buzzword lexicon (``SavesLexicons``)."""
        nlp, lexicon_path = self.nlp, paths["lexicon_path"]
        keys = LemmaKeys()
        forms = keys.surface_forms()

        def spellings(word: str) -> list[str]:
            key = keys(word)
            return sorted(forms.get(key, set()) | ({key} if keys(key) == key else set()))

        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        for buzzword, variants in read_buzzword_lexicon(lexicon_path).items():
            phrases = {
                phrase
                for variant in variants
                for phrase in product(*(spellings(token.text) for token in nlp.make_doc(variant)))
            }
            self.matcher.add(buzzword, [Doc(nlp.vocab, words=list(phrase)) for phrase in sorted(phrases)])

    def __call__(self, doc: Doc) -> Doc:
        # Overlapping phrases of different buzzwords all count; one phrase matched twice counts once.
        matches = sorted(set(self.matcher(doc)), key=lambda m: (m[1], m[2], m[0]))
        doc.spans[self.spans_key] = [Span(doc, start, end, label=match_id) for match_id, start, end in matches]
        return doc


def buzzword_rows(papers: Iterable, nlp: Language, batch_size: int = 256) -> list[dict]:
    """The buzzword_mentions rows of the papers' titles and abstracts (objects with ``paper_id``, ``title`` and
    ``abstract``), as the whole pipeline gives them
    (rows.py), from a pipeline that holds the buzzword component alone (``build_pipeline(model, lexicons,
    ("papertrends_buzzwords",))``): what a build runs when only the buzzword lexicon changed. No other
    component changes a Doc's tokens, so the matches are the same."""
    from .rows import FIELDS
    from .tokens import make_doc

    component = nlp.get_pipe("papertrends_buzzwords")
    key = component.spans_key if isinstance(component, BuzzwordComponent) else "papertrends_buzzwords"
    docs = (
        (make_doc(nlp, getattr(paper, field) or ""), (paper.paper_id, field)) for paper in papers for field in FIELDS
    )
    rows = []
    for doc, (paper_id, field) in nlp.pipe(docs, as_tuples=True, batch_size=batch_size):
        for span in doc.spans[key]:
            rows.append(
                {
                    "paper_id": paper_id,
                    "field": field,
                    "start_char": span.start_char,
                    "end_char": span.end_char,
                    "text": span.text,
                    "buzzword": span.label_,
                }
            )
    return rows
