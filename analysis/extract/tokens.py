"""One read of a Doc's tokens shared by every papertrends component.

Reading ``token.text`` makes a Python ``Token`` object per token, and ``doc.text`` rebuilds the text from all
of them on every access; five components doing that over every token of every abstract cost more than the
tokenizer itself. ``token_view(doc)`` reads the token attributes once, as plain lists, from one
``Doc.to_array`` call, and keeps the result for the components that run after. It is kept beside the Doc
(a weak reference), not in ``doc.user_data``, so ``doc.to_bytes()`` and ``DocBin`` work as before."""

from __future__ import annotations

import weakref
from dataclasses import dataclass

from spacy.attrs import IDX, IS_BRACKET, IS_PUNCT, IS_QUOTE, ORTH, SPACY
from spacy.tokens import Doc
from spacy.vocab import Vocab

_VIEWS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
_ATTRS = [ORTH, SPACY, IDX, IS_PUNCT, IS_QUOTE, IS_BRACKET]


@dataclass(frozen=True, slots=True)
class TokenView:
    """Token attributes of one Doc as lists indexed like the Doc; ``text`` equals ``doc.text``.
    Flags are 0 or 1."""

    text: str
    words: list[str]
    lowers: list[str]
    spaces: list[int]
    starts: list[int]
    is_punct: list[int]
    is_quote: list[int]
    is_bracket: list[int]
    vocab: Vocab

    def __len__(self) -> int:
        return len(self.words)

    def span_text(self, start: int, end: int) -> str:
        """``doc[start:end].text`` without making the span."""
        if start >= end:
            return ""
        return self.text[self.starts[start]:self.starts[end - 1] + len(self.words[end - 1])]

    def end_char(self, index: int) -> int:
        return self.starts[index] + len(self.words[index])

    def is_stop(self, index: int) -> bool:
        """The language's stop-word flag, read for the few tokens that need it."""
        return self.vocab[self.words[index]].is_stop


def token_view(doc: Doc) -> TokenView:
    """The shared view of ``doc``, read on first use. It is read again when the Doc no longer has the
    number of tokens it was read with (a component merged or split tokens in between)."""
    view = _VIEWS.get(doc)
    if view is not None and len(view.words) == len(doc):
        return view
    if len(doc):
        orths, spaces, starts, is_punct, is_quote, is_bracket = doc.to_array(_ATTRS).T.tolist()
    else:
        orths, spaces, starts, is_punct, is_quote, is_bracket = [], [], [], [], [], []
    strings = doc.vocab.strings
    words = [strings[orth] for orth in orths]
    text = "".join([word + " " if space else word for word, space in zip(words, spaces)])
    view = TokenView(text, words, [word.lower() for word in words], spaces, starts, is_punct, is_quote, is_bracket, doc.vocab)
    _VIEWS[doc] = view
    return view
