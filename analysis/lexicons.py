"""Lexicon files in ``data/lexicons/``: plain CSV that users extend without code. A user's own folder
(``--lexicons DIR``, ``PAPERTRENDS_LEXICONS`` or the project's ``lexicons/``, see ``paths.lexicon_file``) goes in
front: a file there replaces the default file of the same name, and ``papertrends lexicon`` writes there.

- ``models.csv``, ``datasets.csv``: ``canonical,aliases``; aliases separated by ``|``; matched case-sensitively.
- ``buzzwords.csv``: ``buzzword,variants``; variants separated by ``|``; matched case-insensitively on lemmas.
- ``metric_polarity.csv``: ``metric,lower_is_better[,aliases]``; whether a fall of the metric is an improvement,
  and other ways it is written (``|``-separated; the results component normalises them to the metric).
- ``families.csv``: ``family,label,prefixes,pattern``; a name belongs to the first family one of whose prefixes
  starts it at a name boundary (Qwen: Qwen3-VL-8B, not QwenOFT) or whose pattern matches it in full.
- ``not_entities.csv``: ``word,kind``; venues, metrics, losses and generic acronyms that are never entities.
- ``name_edges.csv``: ``word,kind``; capitalized words at a name's edges: ``head`` ends a method's name
  ("Kimi Delta Attention"), ``not_lead`` is never the first word of the name after it ("Google Gemini"),
  ``joiner`` joins the names of one list, ``concept_head`` ends a concept's long form ("Multi-Task Learning").
- ``entity_labels.csv``: ``feature,weight``; the entity label model's weights (``extract/label_model.py``), written
  by ``python -m analysis.extract.train_labels`` from annotated papers.
- ``entity_cues.csv``: ``word,kind``; the cue words of the entity rules by kind (``dataset_word``,
  ``introducing_verb``, ``own_name_lead``, ...: the file's header lists them); a word may have several kinds.
- ``level_verbs.csv``: ``word``; verbs of comparison or attainment ("exceeds", "surpasses", "reaches") whose
  number is a level unless "by" marks it as the amount of a change ("exceeds 66%" is a level, "exceeds X by 3%"
  a gain).
- ``claim_cues.csv``: ``word,cue``; words in a number's clause and what they say of it (improve, worsen, speed,
  rise, fall, gap): the claim's direction and whether it is better.
- ``change_verbs.csv``: ``word``; verbs of change that make "A to B" a change without "from" ("improves accuracy
  48.3% to 58.3%").
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import NamedTuple

import polars as pl

from .paths import LEXICON_DIR, lexicon_file, user_lexicon_dir

DEFAULT_MODELS = lexicon_file("models.csv")
DEFAULT_DATASETS = lexicon_file("datasets.csv")
DEFAULT_BUZZWORDS = lexicon_file("buzzwords.csv")
DEFAULT_METRIC_POLARITY = lexicon_file("metric_polarity.csv")
DEFAULT_LEVEL_VERBS = lexicon_file("level_verbs.csv")
DEFAULT_CLAIM_CUES = lexicon_file("claim_cues.csv")
DEFAULT_CHANGE_VERBS = lexicon_file("change_verbs.csv")
CLAIM_CUE_KINDS = ("improve", "worsen", "speed", "rise", "fall", "gap")


# The files the default pipeline's components read, by the component setting that names each (build_pipeline
# passes them, so a build reads the folder it is given, not the one this module was imported with).
COMPONENT_FILES: dict[str, dict[str, str]] = {
    "papertrends_claims": {
        "metric_polarity_path": "metric_polarity.csv",
        "claim_cues_path": "claim_cues.csv",
        "change_verbs_path": "change_verbs.csv",
    },
    "papertrends_entities": {
        "models_path": "models.csv",
        "datasets_path": "datasets.csv",
        "families_path": "families.csv",
        "not_entities_path": "not_entities.csv",
        "name_edges_path": "name_edges.csv",
        "labels_path": "entity_labels.csv",
    },
    "papertrends_buzzwords": {"lexicon_path": "buzzwords.csv"},
    "papertrends_results": {"cues_path": "result_cues.csv", "metric_polarity_path": "metric_polarity.csv"},
    "papertrends_terms": {"stopwords_path": "term_stopwords.csv", "prefixes_path": "term_prefixes.csv"},
}
BUZZWORDS_FILE = "buzzwords.csv"


def lexicon_files(folder: str | Path | None = None) -> dict[str, Path]:
    """Every lexicon file a build with the user's folder ``folder`` reads, by file name: each file of the
    default folder, or the user's copy of it, and the files only the user's folder has."""
    names = {path.name for path in LEXICON_DIR.iterdir() if path.is_file() and not path.name.startswith(".")}
    mine = user_lexicon_dir(folder)
    if mine.is_dir():
        names |= {path.name for path in mine.iterdir() if path.is_file() and not path.name.startswith(".")}
    return {name: mine / name if (mine / name).is_file() else LEXICON_DIR / name for name in sorted(names)}


def component_config(folder: str | Path | None = None) -> dict[str, dict[str, str]]:
    """``{component: {setting: path}}``: the lexicon settings of the default components for ``folder``."""
    return {
        component: {setting: str(lexicon_file(name, folder)) for setting, name in settings.items()}
        for component, settings in COMPONENT_FILES.items()
    }


class LexiconError(ValueError):
    """A lexicon file that cannot be used, with the file and row named."""


def read_lexicon_csv(path: Path, *columns: str, optional: tuple[str, ...] = ()) -> pl.DataFrame:
    """A lexicon file as text columns (``#`` lines are comments); one LexiconError naming the file if it cannot
    be read. ``optional`` columns may be missing from the file (they read as empty)."""
    try:
        if not optional:
            return pl.read_csv(path, schema=dict.fromkeys(columns, pl.String), comment_prefix="#")
        frame = pl.read_csv(path, infer_schema=False, comment_prefix="#")
    except (pl.exceptions.PolarsError, OSError) as error:
        raise LexiconError(f"{path}: cannot read lexicon: {error}") from error
    missing = [column for column in columns if column not in frame.columns]
    if missing:
        raise LexiconError(f"{path}: cannot read lexicon: no column {missing[0]!r} in the header")
    frame = frame.with_columns(pl.lit(None, pl.String).alias(c) for c in optional if c not in frame.columns)
    return frame.select(*columns, *optional)


def read_name_lists(path: str | Path, key: str, names: str) -> dict[str, list[str]]:
    """``{canonical: [canonical, alias, ...]}`` from a two-column CSV lexicon."""
    path = Path(path)
    frame = read_lexicon_csv(path, key, names)
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
    frame = read_lexicon_csv(path, "metric", "lower_is_better", optional=("aliases",)).select(
        "metric", "lower_is_better"
    )
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


DEFAULT_FAMILIES = lexicon_file("families.csv")
DEFAULT_NOT_ENTITIES = lexicon_file("not_entities.csv")
DEFAULT_NAME_EDGES = lexicon_file("name_edges.csv")
DEFAULT_ENTITY_LABELS = lexicon_file("entity_labels.csv")
LABELS = ("MODEL", "DATASET")


class FamilyRule(NamedTuple):
    """One row of ``families.csv``: names that start with one of ``prefixes`` at a name boundary, or that
    ``pattern`` matches in full, belong to ``family`` and carry ``label``."""

    family: str
    label: str
    prefixes: tuple[str, ...]
    pattern: re.Pattern | None


def read_families(path: str | Path) -> list[FamilyRule]:
    """The rules of a families lexicon (``family,label,prefixes,pattern``), in file order: the first rule
    that matches a name decides its family."""
    path = Path(path)
    frame = read_lexicon_csv(path, "family", "label", "prefixes", "pattern")
    rules = []
    for row_number, (family, label, prefixes, pattern) in enumerate(frame.iter_rows(), start=2):
        family, label = (family or "").strip(), (label or "").strip()
        if not family:
            raise LexiconError(f"{path}: row {row_number}: empty family")
        if label not in LABELS:
            raise LexiconError(f"{path}: row {row_number}: label must be MODEL or DATASET, not {label!r}")
        starts = tuple(part.strip() for part in (prefixes or "").split("|") if part.strip())
        compiled = None
        if pattern and pattern.strip():
            try:
                compiled = re.compile(pattern.strip(), re.IGNORECASE)
            except re.error as error:
                raise LexiconError(f"{path}: row {row_number}: pattern {pattern!r}: {error}") from error
        if not starts and compiled is None:
            raise LexiconError(f"{path}: row {row_number}: family {family!r} has neither prefixes nor a pattern")
        rules.append(FamilyRule(family, label, starts, compiled))
    return rules


def read_not_entities(path: str | Path) -> dict[str, str]:
    """``{word: kind}`` from ``not_entities.csv`` (``word,kind``): venues, metrics, losses and generic
    acronyms that are never a MODEL or DATASET, matched case-sensitively on the whole name."""
    path = Path(path)
    frame = read_lexicon_csv(path, "word", "kind")
    words = {}
    for row_number, (word, kind) in enumerate(frame.iter_rows(), start=2):
        word = (word or "").strip()
        if not word:
            raise LexiconError(f"{path}: row {row_number}: empty word")
        words[word] = (kind or "").strip()
    return words


DEFAULT_ENTITY_CUES = lexicon_file("entity_cues.csv")
ENTITY_CUE_KINDS = (
    "dataset_word",
    "model_word",
    "introducing_verb",
    "naming_word",
    "use_word",
    "own_name_lead",
    "author_word",
    "not_dataset_on",
    "name_head",
)


def read_entity_cues(path: str | Path = DEFAULT_ENTITY_CUES) -> dict[str, frozenset[str]]:
    """``{kind: words}`` from ``entity_cues.csv`` (``word,kind``), words lower-cased, every kind of
    ENTITY_CUE_KINDS present (empty when the file has no row of it); a LexiconError naming the file and row
    for an empty word or a kind the rules do not know."""
    path = Path(path)
    frame = read_lexicon_csv(path, "word", "kind")
    cues: dict[str, set[str]] = {kind: set() for kind in ENTITY_CUE_KINDS}
    for row_number, (word, kind) in enumerate(frame.iter_rows(), start=2):
        word, kind = (word or "").strip().lower(), (kind or "").strip()
        if not word:
            raise LexiconError(f"{path}: row {row_number}: empty word")
        if kind not in cues:
            raise LexiconError(
                f"{path}: row {row_number}: unknown kind {kind!r} (one of {', '.join(ENTITY_CUE_KINDS)})"
            )
        cues[kind].add(word)
    return {kind: frozenset(words) for kind, words in cues.items()}


DEFAULT_TERM_STOPWORDS = lexicon_file("term_stopwords.csv")
DEFAULT_TERM_PREFIXES = lexicon_file("term_prefixes.csv")
DEFAULT_GENERIC_TERMS = lexicon_file("generic_terms.csv")


def read_word_list(path: str | Path, column: str = "word") -> frozenset[str]:
    """The lower-cased entries of a one-column lexicon (``level_verbs.csv``, ``term_stopwords.csv``,
    ``generic_terms.csv``), white space folded; a LexiconError naming the file and row for an empty one."""
    path = Path(path)
    frame = read_lexicon_csv(path, column)
    words = set()
    for row_number, (word,) in enumerate(frame.iter_rows(), start=1):
        word = " ".join((word or "").split()).lower()
        if not word:
            raise LexiconError(f"{path}: data row {row_number}: empty {column}")
        words.add(word)
    return frozenset(words)


def read_metric_aliases(path: str | Path) -> dict[str, str]:
    """``{way of writing, lower-cased: metric}`` from the polarity lexicon's optional ``aliases`` column; every
    metric also names itself."""
    path = Path(path)
    frame = read_lexicon_csv(path, "metric", "lower_is_better", optional=("aliases",))
    aliases: dict[str, str] = {}
    for metric, _, written in frame.iter_rows():
        metric = " ".join((metric or "").split()).lower()
        if not metric:
            continue  # read_metric_polarity names the row
        aliases.setdefault(metric, metric)
        for alias in (written or "").split("|"):
            alias = " ".join(alias.split()).lower()
            if alias:
                aliases[alias] = metric
    return aliases


def read_cue_lexicon(path: str | Path, kinds: tuple[str, ...]) -> dict[str, str]:
    """``{word: cue}`` from a cue lexicon (``word,cue``: claim_cues.csv, result_cues.csv), words lower-cased with
    their spaces folded; a LexiconError names the file and row of an empty word, a cue not in ``kinds`` or a word
    listed with two cues."""
    path = Path(path)
    cues: dict[str, str] = {}
    for row_number, (word, cue) in enumerate(read_lexicon_csv(path, "word", "cue").iter_rows(), start=1):
        word, cue = " ".join((word or "").split()).lower(), (cue or "").strip().lower()
        if not word:
            raise LexiconError(f"{path}: data row {row_number}: empty word")
        if cue not in kinds:
            raise LexiconError(
                f"{path}: data row {row_number} ({word}): cue must be one of {', '.join(kinds)}, not {cue!r}"
            )
        if cues.get(word, cue) != cue:
            raise LexiconError(
                f"{path}: data row {row_number} ({word}): listed already as {cues[word]}; one cue a word"
            )
        cues[word] = cue
    return cues


def read_claim_cues(path: str | Path) -> dict[str, str]:
    """``{word: cue}`` from ``claim_cues.csv``: the cues of CLAIM_CUE_KINDS (read_cue_lexicon)."""
    return read_cue_lexicon(path, CLAIM_CUE_KINDS)
