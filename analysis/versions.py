"""Which code and data produced a row: the version string every build stores with its papers and itself.

It lives outside ``analysis.extract`` so that a build whose worker processes do the extracting can stamp its
rows without loading spaCy into the building process (about 60 MB it would never use)."""

from __future__ import annotations

from . import __version__
from .lexicons import DEFAULT_BUZZWORDS, DEFAULT_DATASETS, DEFAULT_MODELS, lexicon_fingerprint


def pipeline_version(model: str | None = None) -> str:
    """Package version, base model and lexicon fingerprint: stored with every build so rows can be traced."""
    lexicons = lexicon_fingerprint(DEFAULT_MODELS, DEFAULT_DATASETS, DEFAULT_BUZZWORDS)
    return f"papertrends-{__version__}+{model or 'blank_en'}+lex-{lexicons}"
