"""Buzzword mentions: phrases from a lexicon, matched case-insensitively on lemmas with British spellings
folded ("Generalisation Abilities" -> "generalization ability"). Results go to
``doc.spans["papertrends_buzzwords"]``, one span per mention, labelled with the canonical buzzword."""

from __future__ import annotations

from pathlib import Path

from spacy.language import Language
from spacy.lookups import load_lookups
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from .lexicons import DEFAULT_BUZZWORDS, read_buzzword_lexicon
from .tokens import token_view


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

    def keyed_doc(self, doc: Doc) -> Doc:
        """A Doc of keys with one token per token of ``doc``, so match offsets carry over unchanged."""
        view = token_view(doc)
        return Doc(doc.vocab, words=[self(word) for word in view.words], spaces=[bool(space) for space in view.spaces])


@Language.factory(
    "papertrends_buzzwords",
    default_config={"lexicon_path": None, "spans_key": "papertrends_buzzwords"},
)
def make_buzzwords_component(nlp: Language, name: str, lexicon_path: str | None, spans_key: str):
    return BuzzwordComponent(nlp, lexicon_path or DEFAULT_BUZZWORDS, spans_key)


class BuzzwordComponent:
    def __init__(self, nlp: Language, lexicon_path: str | Path, spans_key: str):
        self.spans_key = spans_key
        self.keys = LemmaKeys()
        self.matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        for buzzword, variants in read_buzzword_lexicon(lexicon_path).items():
            patterns = [self.keys.keyed_doc(nlp.make_doc(variant)) for variant in variants]
            self.matcher.add(buzzword, patterns)

    def __call__(self, doc: Doc) -> Doc:
        # Overlapping phrases of different buzzwords all count; one phrase matched twice counts once.
        matches = sorted(set(self.matcher(self.keys.keyed_doc(doc))), key=lambda m: (m[1], m[2], m[0]))
        doc.spans[self.spans_key] = [Span(doc, start, end, label=match_id) for match_id, start, end in matches]
        return doc
