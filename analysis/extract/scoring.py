"""Scorers of the papertrends components: ``nlp.evaluate(examples)`` gives precision, recall and F for each
component's span group (spaCy's ``Scorer.score_spans``: exact start, end and label; spans may overlap)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from spacy.scorer import Scorer
from spacy.training import Example
from spacy.util import registry

SPAN_GROUP_SCORER = "papertrends.span_group_scorer.v1"


def score_span_group(examples: Iterable[Example], *, spans_key: str, **kwargs: Any) -> dict[str, Any]:
    """``spans_<key>_p``, ``_r``, ``_f`` and ``_per_type`` for the group ``spans_key``; a reference Doc
    without that group is not annotated for it and is left out."""
    return Scorer.score_spans(
        examples,
        f"spans_{spans_key}",
        getter=lambda doc, _attr: doc.spans.get(spans_key, []),
        has_annotation=lambda doc: spans_key in doc.spans,
        labeled=True,
        allow_overlap=True,
        **kwargs,
    )


@registry.scorers(SPAN_GROUP_SCORER)
def make_span_group_scorer() -> Callable[..., dict[str, Any]]:
    return score_span_group


class ScoredSpanGroup:
    """A component whose result is the span group ``self.spans_key``, scored by ``self.scorer``."""

    spans_key: str
    scorer: Callable[..., dict[str, Any]] | None = None

    def score(self, examples: Iterable[Example], **kwargs: Any) -> dict[str, Any]:
        scorer = self.scorer or score_span_group
        return scorer(examples, spans_key=self.spans_key, **kwargs)


def with_scorer(component: ScoredSpanGroup, scorer: Callable[..., dict[str, Any]] | None) -> ScoredSpanGroup:
    component.scorer = scorer
    return component
