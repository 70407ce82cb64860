"""The default pipeline: spaCy's blank English tokenizer plus our rule components. No model download."""

from __future__ import annotations

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
)
# Term discovery (papertrends_terms) is a registered component, not yet in the default pipeline: with it a
# build took about 3x as long (mostly storing and pruning the candidate rows), over issue 16's budget of +20%.
# ``nlp.add_pipe("papertrends_terms")`` adds it to a pipeline of your own; rows.py then fills the terms table.


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
    # COMPONENTS is read when called, not when defined: a test or a user may extend it (papertrends_terms).
    for name in COMPONENTS if components is None else components:
        nlp.add_pipe(name, config=config.get(name, {}))
    return nlp
