"""The default pipeline: spaCy's blank English tokenizer plus our rule components. No model download."""

from __future__ import annotations

import spacy
from spacy.language import Language

from .. import __version__
from .lexicons import DEFAULT_BUZZWORDS, DEFAULT_DATASETS, DEFAULT_MODELS, lexicon_fingerprint

COMPONENTS = (
    "papertrends_links",
    "papertrends_claims",
    "papertrends_entities",
    "papertrends_buzzwords",
    "papertrends_code_promises",
)


def build_pipeline(model: str | None = None) -> Language:
    """``spacy.blank("en")`` with the papertrends components, or an installed spaCy model
    (e.g. ``en_core_web_sm``) with them added after its own components."""
    nlp = spacy.load(model) if model else spacy.blank("en")
    for name in COMPONENTS:
        nlp.add_pipe(name)
    return nlp


def pipeline_version(model: str | None = None) -> str:
    """Package version, base model and lexicon fingerprint: stored with every build so rows can be traced."""
    lexicons = lexicon_fingerprint(DEFAULT_MODELS, DEFAULT_DATASETS, DEFAULT_BUZZWORDS)
    return f"papertrends-{__version__}+{model or 'blank_en'}+lex-{lexicons}"
