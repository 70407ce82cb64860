"""The default pipeline: spaCy's blank English tokenizer plus our rule components. No model download."""

from __future__ import annotations

import spacy
from spacy.language import Language

COMPONENTS = (
    "papertrends_links",
    "papertrends_claims",
    "papertrends_entities",
    "papertrends_buzzwords",
    "papertrends_code_promises",
    "papertrends_results",
    "papertrends_terms",
)


def build_pipeline(model: str | None = None) -> Language:
    """``spacy.blank("en")`` with the papertrends components, or an installed spaCy model
    (e.g. ``en_core_web_sm``) with them added after its own components."""
    nlp = spacy.load(model) if model else spacy.blank("en")
    for name in COMPONENTS:
        nlp.add_pipe(name)
    return nlp
