"""Lexicon files in ``data/lexicons/``: plain CSV that users extend without code.

- ``models.csv``, ``datasets.csv``: ``canonical,aliases``; aliases separated by ``|``; matched case-sensitively.
- ``buzzwords.csv``: ``buzzword,variants``; variants separated by ``|``; matched case-insensitively on lemmas.
- ``metric_polarity.csv``: ``metric,lower_is_better``; whether a fall of the metric is an improvement.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl

from .paths import LEXICON_DIR

DEFAULT_MODELS = LEXICON_DIR / "models.csv"
DEFAULT_DATASETS = LEXICON_DIR / "datasets.csv"
DEFAULT_BUZZWORDS = LEXICON_DIR / "buzzwords.csv"
DEFAULT_METRIC_POLARITY = LEXICON_DIR / "metric_polarity.csv"


class LexiconError(ValueError):
    """A lexicon file that cannot be used, with the file and row named."""


def read_name_lists(path: str | Path, key: str, names: str) -> dict[str, list[str]]:
    """``{canonical: [canonical, alias, ...]}`` from a two-column CSV lexicon."""
    path = Path(path)
    try:
        frame = pl.read_csv(path, schema={key: pl.String, names: pl.String}, comment_prefix="#")
    except (pl.exceptions.PolarsError, OSError) as error:
        raise LexiconError(f"{path}: cannot read lexicon: {error}") from error
    entries: dict[str, list[str]] = {}
    for row_number, (canonical, aliases) in enumerate(frame.iter_rows(), start=2):
        canonical = (canonical or "").strip()
        if not canonical:
            raise LexiconError(f"{path}: row {row_number}: empty {key}")
        variants = [canonical] + [alias.strip() for alias in (aliases or "").split("|") if alias.strip()]
        entries.setdefault(canonical, [])
        entries[canonical].extend(variant for variant in variants if variant not in entries[canonical])
    return entries


def read_entity_lexicon(path: str | Path) -> dict[str, list[str]]:
    return read_name_lists(path, "canonical", "aliases")


def read_buzzword_lexicon(path: str | Path) -> dict[str, list[str]]:
    return read_name_lists(path, "buzzword", "variants")


def read_metric_polarity(path: str | Path) -> dict[str, bool]:
    """``{metric: lower_is_better}`` from the polarity lexicon, metric names lower-cased."""
    path = Path(path)
    try:
        frame = pl.read_csv(path, schema={"metric": pl.String, "lower_is_better": pl.String}, comment_prefix="#")
    except (pl.exceptions.PolarsError, OSError) as error:
        raise LexiconError(f"{path}: cannot read lexicon: {error}") from error
    polarity: dict[str, bool] = {}
    # Rows are counted after the header and without comment lines, so the message names the metric too.
    for row_number, (metric, lower_is_better) in enumerate(frame.iter_rows(), start=1):
        metric = " ".join((metric or "").split()).lower()
        if not metric:
            raise LexiconError(f"{path}: data row {row_number}: empty metric")
        flag = (lower_is_better or "").strip().lower()
        if flag not in ("true", "false"):
            raise LexiconError(
                f"{path}: data row {row_number} ({metric}): lower_is_better must be true or false, not {lower_is_better!r}"
            )
        polarity[metric] = flag == "true"
    return polarity

