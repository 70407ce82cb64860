"""The default pipeline: spaCy's blank English tokenizer plus our rule components. No model download."""

from __future__ import annotations

import os

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
# papertrends_terms (term discovery, issue 16) is last: it writes no span group, only doc._.term_counts and the
# acronym extensions, which rows.py turns into the terms table.


# A benchmark's switch, not a user setting: component names (comma-separated) left out of every pipeline this
# process and its worker processes build. ``papertrends bench --compare-terms`` sets it to papertrends_terms
# for its builds without terms (docs/benchmarks.md).
SKIP_VARIABLE = "PAPERTRENDS_BENCH_SKIP_COMPONENTS"


def build_pipeline(model: str | None = None) -> Language:
    """``spacy.blank("en")`` with the papertrends components, or an installed spaCy model
    (e.g. ``en_core_web_sm``) with them added after its own components."""
    nlp = spacy.load(model) if model else spacy.blank("en")
    skipped = set(filter(None, os.environ.get(SKIP_VARIABLE, "").split(",")))
    for name in COMPONENTS:
        if name not in skipped:
            nlp.add_pipe(name)
    return nlp
