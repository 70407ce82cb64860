"""Which code and data produced a row: the version string every build stores with its papers and itself.

The version changes whenever extraction can give other rows: it holds a hash of the extraction code, a hash of
the lexicons it reads, the versions of spaCy and of spacy-lookups-data (the lemma and spelling tables the
buzzword matcher reads, and spaCy's own English tokenizer rules), and the base model with its version. A build
re-extracts every stored paper whose version differs from the one it computes, unless only the buzzword
lexicon's own fingerprint (the ``+buzz-`` part) differs: then it re-matches the paper's buzzwords alone.

It lives outside ``analysis.extract`` so that a build whose worker processes do the extracting can stamp its
rows without loading spaCy into the building process (about 60 MB it would never use): package versions come
from the installed packages' metadata, not from importing them."""

from __future__ import annotations

import functools
import hashlib
import json
from importlib import metadata
from pathlib import Path

from . import __version__, lexicons

PACKAGE_DIR = Path(__file__).resolve().parent
# The code that decides rows: the spaCy components and their row flattening (analysis/extract/), how lexicon
# files are parsed, and the engine, which builds the pipeline for the base model and turns rows into frames.
EXTRACTION_SOURCES: tuple[Path, ...] = (
    *sorted((PACKAGE_DIR / "extract").glob("*.py")),
    PACKAGE_DIR / "lexicons.py",
    PACKAGE_DIR / "engine.py",
)
# Packages whose data extraction reads: spaCy's tokenizer rules and lexeme norms, spacy-lookups-data's tables.
EXTRACTION_PACKAGES = ("spacy", "spacy-lookups-data")


def lexicon_files(folder: str | Path | None = None) -> tuple[Path, ...]:
    """The word lists extraction reads, the buzzword lexicon aside: every file of the default lexicon folder
    (``paths.default_lexicon_dir``: the checkout's data/lexicons/, the copy an installed wheel ships, or
    PAPERTRENDS_HOME's) or the user's copy of it in ``folder`` (``paths.user_lexicon_dir``), and the files only
    the user's folder has, so a list added there later is part of the version without naming it here."""
    files = lexicons.lexicon_files(folder)
    return tuple(path for name, path in files.items() if name != lexicons.BUZZWORDS_FILE)


def buzzword_fingerprint(folder: str | Path | None = None) -> str:
    """The buzzword lexicon's own fingerprint: a change to it re-matches buzzwords only (analysis.build), and
    every buzzword_mentions row names the fingerprint of the lexicon that matched it."""
    return files_fingerprint((lexicons.lexicon_file(lexicons.BUZZWORDS_FILE, folder),))


BUZZWORD_PART = "+buzz-"


def without_buzzwords(version: str | None) -> str | None:
    """The version with its buzzword fingerprint left out: two versions equal so differ in the buzzword
    lexicon alone."""
    return version.rsplit(BUZZWORD_PART, 1)[0] if version and BUZZWORD_PART in version else None


def files_fingerprint(paths: tuple[Path, ...]) -> str:
    """Short hash of the files' names and bytes (a few hundred kilobytes: well under a millisecond)."""
    digest = hashlib.blake2b(digest_size=6)
    for path in paths:
        digest.update(path.name.encode() + b"\0")
        try:
            digest.update(path.read_bytes())
        except OSError:
            digest.update(b"missing")  # the build itself names the unreadable lexicon when it loads it
        digest.update(b"\0")
    return digest.hexdigest()


@functools.cache
def installed_version(package: str) -> str | None:
    """The installed distribution's version, None when it is not installed. Cached: reading package metadata
    walks sys.path, and packages do not change under a running build."""
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return None


def model_label(model: str | None) -> str:
    """The base model's name and version: ``blank_en``, ``en_core_web_sm-3.8.0``, or for a model folder the
    name and version in its meta.json."""
    if not model:
        return "blank_en"
    meta_path = Path(model) / "meta.json"
    if meta_path.is_file():
        try:
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
            return f"{meta.get('lang', '')}_{meta.get('name', Path(model).name)}-{meta.get('version', '?')}"
        except (OSError, ValueError, AttributeError):
            return f"{Path(model).name}-?"
    return f"{model}-{installed_version(model) or '?'}"


def pipeline_version(model: str | None = None, lexicons_dir: str | Path | None = None) -> str:
    """``papertrends-<package>+<model>+spacy-<v>+lookups-<v>+code-<hash>+lex-<hash>+buzz-<hash>``: stored with
    every build and every paper, so rows can be traced and a build knows which papers today's pipeline would
    extract differently. ``lex`` is the fingerprint of every lexicon but the buzzword one, which has its own
    (``buzz``, last): a build that finds only that part changed re-matches buzzwords and nothing else.
    ``lexicons_dir`` is the user's lexicon folder (``--lexicons``). A build computes it once (about a
    millisecond after the first call)."""
    spacy_version, lookups_version = (installed_version(package) or "none" for package in EXTRACTION_PACKAGES)
    return (
        f"papertrends-{__version__}+{model_label(model)}+spacy-{spacy_version}+lookups-{lookups_version}"
        f"+code-{files_fingerprint(EXTRACTION_SOURCES)}+lex-{files_fingerprint(lexicon_files(lexicons_dir))}"
        f"{BUZZWORD_PART}{buzzword_fingerprint(lexicons_dir)}"
    )
