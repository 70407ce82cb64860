"""The user's lexicon folder, as ``papertrends lexicon`` edits it: add, list and remove buzzwords, models and
datasets. The default lexicons (``paths.default_lexicon_dir``) are never written: the first edit of a kind
copies the default file into the user's folder (``paths.user_lexicon_dir``), and every edit after changes that
copy. A build reads the user's copy in front of the default file (``paths.lexicon_file``)."""

from __future__ import annotations

import csv
import functools
import io
import shutil
from dataclasses import dataclass
from pathlib import Path

from .lexicons import LexiconError, read_name_lists
from .paths import default_lexicon_dir, lexicon_file, user_lexicon_dir


@dataclass(frozen=True)
class Kind:
    """One kind of lexicon ``papertrends lexicon`` edits: its file, header and how its names are compared."""

    name: str
    file: str
    key: str
    variants: str
    case_sensitive: bool  # models and datasets are matched case-sensitively, buzzwords on lower-cased lemmas


KINDS = {
    "buzzword": Kind("buzzword", "buzzwords.csv", "buzzword", "variants", False),
    "model": Kind("model", "models.csv", "canonical", "aliases", True),
    "dataset": Kind("dataset", "datasets.csv", "canonical", "aliases", True),
}


def kind_of(name: str) -> Kind:
    """The kind named ``buzzword``, ``model`` or ``dataset`` (a plural too); a LexiconError for any other."""
    kind = KINDS.get(name.strip().lower().removesuffix("s"))
    if kind is None:
        raise LexiconError(f"unknown lexicon kind {name!r}: write one of {', '.join(KINDS)}")
    return kind


@dataclass(frozen=True)
class Entry:
    kind: str
    term: str
    variants: tuple[str, ...]
    file: Path


def _clean(text: str, what: str) -> str:
    cleaned = " ".join(text.split())
    if not cleaned:
        raise LexiconError(f"empty {what}")
    if "|" in cleaned:
        raise LexiconError(f"{what} {cleaned!r}: '|' separates variants and cannot be part of one")
    return cleaned


def _same(kind: Kind, a: str, b: str) -> bool:
    """Whether two ways of writing are one term: the same text for models and datasets; for buzzwords the
    same matching keys word by word (lower case, British spellings and plurals folded, as the matcher does)."""
    if kind.case_sensitive:
        return a == b
    return _keys(a) == _keys(b)


def _keys(text: str) -> tuple[str, ...]:
    keys = _lemma_keys()
    return tuple(keys(word) for word in text.replace("-", " - ").split())


@functools.cache
def _lemma_keys():
    """The buzzword matcher's keys (spaCy's lookup tables), loaded on first use: about a second."""
    from .extract.buzzwords import LemmaKeys

    return LemmaKeys()


def entries(kind: Kind, folder: str | Path | None = None) -> list[Entry]:
    """The kind's terms as a build reads them (the user's copy when there is one, else the default file)."""
    path = lexicon_file(kind.file, folder)
    return [
        Entry(kind.name, term, tuple(variants[1:]), path)
        for term, variants in read_name_lists(path, kind.key, kind.variants).items()
    ]


def _own_copy(kind: Kind, folder: str | Path | None) -> Path:
    """The user's copy of the kind's file, made from the default file on the first edit."""
    mine = user_lexicon_dir(folder) / kind.file
    if mine.is_file():
        return mine
    default = default_lexicon_dir() / kind.file
    try:
        mine.parent.mkdir(parents=True, exist_ok=True)
        if default.is_file():
            shutil.copyfile(default, mine)
        else:
            mine.write_text(f"{kind.key},{kind.variants}\n", encoding="utf-8")
    except OSError as error:
        raise LexiconError(f"{mine}: cannot create the lexicon copy: {error.strerror or error}") from error
    return mine


def _row(term: str, variants: list[str]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow([term, "|".join(variants)])
    return buffer.getvalue()


def add(kind_name: str, term: str, variants: list[str], folder: str | Path | None = None) -> Entry:
    """Adds ``term`` with its ``variants`` to the user's copy of the kind's lexicon. A LexiconError when the
    term or a variant is already a term or variant of the lexicon (in the same case for models and datasets,
    in any case for buzzwords)."""
    kind = kind_of(kind_name)
    term = _clean(term, kind.key)
    variants = [_clean(v, "variant") for v in variants if v.strip()]
    variants = [v for i, v in enumerate(variants) if not _same(kind, v, term) and v not in variants[:i]]
    current = entries(kind, folder)
    for written in [term, *variants]:
        for entry in current:
            for known in (entry.term, *entry.variants):
                if _same(kind, written, known):
                    where = "" if known == entry.term else f" (a variant of {entry.term!r})"
                    raise LexiconError(f"{entry.file}: {kind.name} {written!r} is already there as {known!r}{where}")
    path = _own_copy(kind, folder)
    text = path.read_text(encoding="utf-8")
    path.write_text(text + ("" if not text or text.endswith("\n") else "\n") + _row(term, variants), encoding="utf-8")
    return Entry(kind.name, term, tuple(variants), path)


def remove(kind_name: str, term: str, folder: str | Path | None = None) -> Entry:
    """Removes the row of ``term`` (a term, not a variant) from the user's copy of the kind's lexicon."""
    kind = kind_of(kind_name)
    term = _clean(term, kind.key)
    current = entries(kind, folder)
    found = next((entry for entry in current if _same(kind, entry.term, term)), None)
    if found is None:
        owner = next((e for e in current if any(_same(kind, v, term) for v in e.variants)), None)
        hint = f": it is a variant of {owner.term!r}" if owner else ""
        raise LexiconError(f"{lexicon_file(kind.file, folder)}: no {kind.name} {term!r}{hint}")
    path = _own_copy(kind, folder)
    kept, header_seen = [], False
    for line in path.read_text(encoding="utf-8").splitlines(keepends=True):
        if line.lstrip().startswith("#") or not line.strip():
            kept.append(line)
            continue
        if not header_seen:  # the header row
            header_seen = True
            kept.append(line)
            continue
        cells = next(csv.reader([line]), [""])
        if not _same(kind, " ".join((cells[0] if cells else "").split()), found.term):
            kept.append(line)
    path.write_text("".join(kept), encoding="utf-8")
    return Entry(kind.name, found.term, found.variants, path)
