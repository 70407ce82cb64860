"""Promises of code, models or data ("will be released", "will be made publicly available", "coming soon")
as ``doc.spans["papertrends_code_promises"]``. A paper's code status combines these with its links
(see the ``code_status`` view): a link beats a promise."""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import Any

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from .scoring import ScoredSpanGroup, with_scorer
from .tokens import TokenView, may_contain, token_view

# What a promise is about: it must be named in the few tokens before the promise.
ARTIFACT_WORDS = {
    "code",
    "codes",
    "model",
    "models",
    "data",
    "dataset",
    "datasets",
    "weights",
    "checkpoints",
    "checkpoint",
    "implementation",
    "implementations",
    "benchmark",
    "toolkit",
    "library",
    "resources",
    "demo",
    "source",
    "codebase",
    "repository",
    "software",
    "tools",
    "framework",
    "annotations",
    "corpus",
    "corpora",
    "materials",
    "all",
    "benchmarks",
    "github",
}
# Every promise pattern contains one of these words; a text without any cannot match.
PROMISE_STEMS = ("availab", "releas", "accessib", "public", "shared", "publish", "open", "coming")
PROMISE_WORDS = re.compile(rf"\b(?:{'|'.join(PROMISE_STEMS)})", re.IGNORECASE)
# "We release nothing ...": what a release of nothing begins with.
NOTHING_WORDS = {"nothing", "no", "none", "neither"}
OWN_WORDS = {"our", "code", "codes", "source", "codebase", "implementation"}
ADVERBS = ["publicly", "freely", "openly", "fully", "soon", "also", "all"]
AVAILABLE = ["available", "released", "accessible", "public", "shared", "open-sourced", "opensourced", "published"]


def promise_patterns() -> list[list[dict]]:
    # A Matcher pattern is a list of token specs, each a dict of attribute tests.
    adverb: dict[str, Any] = {"LOWER": {"IN": ADVERBS}, "OP": "*"}
    open_sourced: list[dict[str, Any]] = [
        {"LOWER": "open"},
        {"ORTH": "-", "OP": "?"},
        {"LOWER": {"IN": ["sourced", "source"]}},
    ]
    future: list[dict[str, Any]] = [
        {"LOWER": {"IN": ["will", "would", "shall"]}},
        adverb,
        {"LOWER": "be"},
        adverb,
        {"LOWER": "made", "OP": "?"},
        adverb,
    ]
    present: list[dict[str, Any]] = [
        {"LOWER": {"IN": ["is", "are"]}},
        adverb,
        {"LOWER": {"IN": ["released", "open-sourced", "opensourced"]}},
    ]
    return [
        future + [{"LOWER": {"IN": AVAILABLE}}],
        future + open_sourced,
        [
            {"LOWER": {"IN": ["will", "plan"]}},
            {"LOWER": "to", "OP": "?"},
            {"LOWER": {"IN": ["release", "open-source", "publish"]}},
        ],
        [
            {"LOWER": {"IN": ["will", "plan"]}},
            {"LOWER": "to", "OP": "?"},
            {"LOWER": "open"},
            {"ORTH": "-", "OP": "?"},
            {"LOWER": "source"},
        ],
        [{"LOWER": "coming"}, {"LOWER": "soon"}],
        present,
        [{"LOWER": {"IN": ["is", "are"]}}, adverb, *open_sourced],
        # "We release MCLM", "we propose and release": a release stated now, with no link, is a promise.
        [
            {"LOWER": "we"},
            {"IS_ALPHA": True, "OP": "?"},
            {"LOWER": "and", "OP": "?"},
            {"LOWER": {"IN": ["release", "open-source", "publicly"]}},
        ],
        # "Our code is publicly available.", "made available ... via GitHub" (no link in the text).
        [{"LOWER": {"IN": ["is", "are", "made"]}}, adverb, {"LOWER": {"IN": ["available", "accessible"]}}],
        [
            {"LOWER": {"IN": ["released", "available"]}},
            {"LOWER": "under"},
            {"LOWER": "the", "OP": "?"},
            {"IS_TITLE": True},
        ],
    ]


@Language.factory(
    "papertrends_code_promises",
    default_config={
        "spans_key": "papertrends_code_promises",
        "window": 10,
        "scorer": {"@scorers": "papertrends.span_group_scorer.v1"},
    },
)
def make_code_promises_component(nlp: Language, name: str, spans_key: str, window: int, scorer=None):
    return with_scorer(CodePromiseComponent(nlp, spans_key, window), scorer)


class CodePromiseComponent(ScoredSpanGroup):
    def __init__(self, nlp: Language, spans_key: str, window: int):
        self.spans_key = spans_key
        self.window = window
        self.matcher = Matcher(nlp.vocab)
        self.matcher.add("CODE_PROMISE", promise_patterns())

    def about_artifacts(self, doc: Doc, start: int, end: int) -> bool:
        """The promise names code, models or data within its clause ("Our code will be released"),
        or is the authors' own statement ("We release ...", "coming soon")."""
        if doc[start].lower_ == "coming":
            return True
        if doc[start].lower_ == "we":
            return self.releases_something(doc, end)
        before = doc[max(0, start - self.window) : end]
        if doc[end - 1].lower_ in ("available", "accessible") and doc[start].lower_ in ("is", "are"):
            # Present tense: "our code is publicly available" promises; "datasets that are publicly
            # available" only describes others' data.
            return any(t.lower_ in OWN_WORDS for t in before[: start - before.start])
        for token in reversed(list(before)):
            if token.text in (".", ";", "!", "?") and token.i < start:
                return False
            if token.lower_ in ARTIFACT_WORDS:
                return True
        return False

    def releases_something(self, doc: Doc, end: int) -> bool:
        """ "We release ..." promises when what follows in the clause is code, models or data, or a name
        ("We release MCLM", "we release our benchmark"), not when it is nothing ("We release nothing of note")."""
        for token in doc[end : end + self.window]:
            if token.text in (".", ";", "!", "?", ","):
                return False
            if token.lower_ in NOTHING_WORDS:
                return False
            if (
                token.lower_ in ARTIFACT_WORDS
                or (token.is_alpha and not token.is_lower)
                or any(ch.isdigit() for ch in token.text)
            ):
                return True
        return False

    def __call__(self, doc: Doc) -> Doc:
        view = token_view(doc)
        spans: list[Span] = []
        # The token matcher runs only around the words every promise contains ("available", "release",
        # "coming", ...): most tokens of most abstracts are far from one, and matching them all is slow.
        for start, end in self.windows(view):
            spans.extend(
                Span(doc, start + match_start, start + match_end, label="CODE_PROMISE")
                for _, match_start, match_end in self.matcher(doc[start:end])
                if self.about_artifacts(doc, start + match_start, start + match_end)
            )
        doc.spans[self.spans_key] = filter_spans(spans)
        return doc

    @staticmethod
    def windows(view: TokenView) -> list[tuple[int, int]]:
        """Token ranges from 16 tokens before to 6 after each promise word, overlapping ranges merged:
        wider than any promise phrase ("will also be made publicly available", "released under the MIT")."""
        merged: list[tuple[int, int]] = []
        if not may_contain(view.text, PROMISE_STEMS):
            return merged
        for match in PROMISE_WORDS.finditer(view.text):
            token = bisect_right(view.starts, match.start()) - 1
            start, end = max(0, token - 16), min(len(view), token + 6)
            if merged and start <= merged[-1][1]:
                merged[-1] = (merged[-1][0], end)
            else:
                merged.append((start, end))
        return merged
