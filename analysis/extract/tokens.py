"""One read of a Doc's tokens shared by every papertrends component.

Reading ``token.text`` makes a Python ``Token`` object per token, and ``doc.text`` rebuilds the text from all
of them on every access; five components doing that over every token of every abstract cost more than the
tokenizer itself. ``token_view(doc)`` reads the token attributes once, as plain lists, from one
``Doc.to_array`` call, and keeps the result for the components that run after. It is kept beside the Doc
(a weak reference), not in ``doc.user_data``, so ``doc.to_bytes()`` and ``DocBin`` work as before."""

from __future__ import annotations

import weakref
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.attrs import IDX, ORTH, SPACY
from spacy.language import Language
from spacy.tokens import Doc
from spacy.vocab import Vocab

_VIEWS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
_TEXTS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()  # the text each Doc from make_doc was made of
_ATTRS = [ORTH, SPACY, IDX]
# A token's text, lower case and flags by its ORTH id (a hash of the text), read from its lexeme once.
# The flags come from spaCy's shared lexical attributes, the same in every language; the cache is emptied
# when it grows past its limit so a long build's memory stays flat.
_LEXEMES: dict[int, tuple[str, str, int, int, int]] = {}
POSSESSIVES = ("'s", "’s")
_LEXEMES_LIMIT = 100_000


@dataclass(frozen=True, slots=True)
class TokenView:
    """Token attributes of one Doc as lists indexed like the Doc; ``text`` equals ``doc.text``.
    Flags are 0 or 1."""

    text: str
    words: Sequence[str]
    lowers: Sequence[str]
    spaces: Sequence[int]
    starts: Sequence[int]
    is_punct: Sequence[int]
    # Tokens a name never starts with (punctuation, quotes, brackets) or ends with (punctuation, quotes, "'s").
    edge_before: Sequence[int]
    edge_after: Sequence[int]
    vocab: Vocab

    def __len__(self) -> int:
        return len(self.words)

    def span_text(self, start: int, end: int) -> str:
        """``doc[start:end].text`` without making the span."""
        if start >= end:
            return ""
        return self.text[self.starts[start] : self.starts[end - 1] + len(self.words[end - 1])]

    def end_char(self, index: int) -> int:
        return self.starts[index] + len(self.words[index])

    def is_stop(self, index: int) -> bool:
        """The language's stop-word flag, read for the few tokens that need it."""
        return self.vocab[self.words[index]].is_stop


def make_doc(nlp: Language, text: str) -> Doc:
    """``nlp.make_doc(text)``, remembering ``text`` for the Doc's view: spaCy's tokenizer never changes the
    text, and joining it back from the tokens costs about a tenth of a blank pipeline's tokenizing."""
    doc = nlp.make_doc(text)
    _TEXTS[doc] = text
    return doc


def token_view(doc: Doc) -> TokenView:
    """The shared view of ``doc``, read on first use. It is read again when the Doc no longer has the
    number of tokens it was read with (a component merged or split tokens in between)."""
    view = _VIEWS.get(doc)
    if view is not None and len(view.words) == len(doc):
        return view
    orths, spaces, starts = doc.to_array(_ATTRS).T.tolist() if len(doc) else ([], [], [])
    lexemes = _LEXEMES
    try:
        attributes = list(map(lexemes.__getitem__, orths))
    except KeyError:  # a token not seen before: read the new lexemes, then look up again
        if len(lexemes) > _LEXEMES_LIMIT:
            lexemes.clear()
        for orth in set(orths).difference(lexemes):
            lexeme = doc.vocab[orth]
            punct, quote = lexeme.is_punct, lexeme.is_quote
            lexemes[orth] = (
                lexeme.orth_,
                lexeme.lower_,
                int(punct),
                int(punct or quote or lexeme.is_bracket),
                int(punct or quote or lexeme.orth_ in POSSESSIVES),
            )
        attributes = list(map(lexemes.__getitem__, orths))
    words, lowers, is_punct, edge_before, edge_after = zip(*attributes, strict=False) if orths else ((),) * 5
    text = _TEXTS.pop(doc, None)
    if text is None:
        text = "".join([word + " " if space else word for word, space in zip(words, spaces, strict=False)])
    view = TokenView(text, words, lowers, spaces, starts, is_punct, edge_before, edge_after, doc.vocab)
    _VIEWS[doc] = view
    return view


def may_contain(text: str, needles: tuple[str, ...]) -> bool:
    """False only when a case-insensitive pattern built on ``needles`` (lower-case ASCII) cannot match
    ``text``: the text is ASCII and holds none of them in any case. Checking costs a few microseconds; most
    abstracts hold no URL and no promise word, and scanning them with the pattern costs ten times more.
    Non-ASCII texts always say True: a few non-ASCII letters match ASCII ones when case is ignored."""
    if not text.isascii():
        return True
    lower = text.lower()
    return any(needle in lower for needle in needles)
