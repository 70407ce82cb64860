"""The default pipeline: spaCy's blank English tokenizer plus our rule components. No model download."""

from __future__ import annotations

import os
from pathlib import Path

import spacy
from spacy.language import Language

from ..lexicons import component_config

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


def build_pipeline(
    model: str | None = None, lexicons: str | Path | None = None, components: tuple[str, ...] | None = None
) -> Language:
    """``spacy.blank("en")`` with the papertrends components, or an installed spaCy model
    (e.g. ``en_core_web_sm``) with them added after its own components. Each component reads its lexicons
    from the user's folder ``lexicons`` where it has them, else from the default folder (paths.lexicon_file).
    ``components`` picks some of them (the buzzword re-match runs ``("papertrends_buzzwords",)`` alone, on
    the model's tokenizer without the model's own components)."""
    nlp = spacy.load(model) if model else spacy.blank("en")
    if components is not None:
        for name in list(nlp.pipe_names):
            nlp.remove_pipe(name)
    config = component_config(lexicons)
    skipped = set(filter(None, os.environ.get(SKIP_VARIABLE, "").split(",")))
    # COMPONENTS is read when called, not when defined: a test or a user may extend it.
    for name in COMPONENTS if components is None else components:
        if name not in skipped:
            nlp.add_pipe(name, config=config.get(name, {}))
    return nlp
