"""Where the project's data lives.

Two ways to have papertrends: a checkout installed editable (``make install``), where ``data/`` and ``reports/``
sit next to ``analysis/`` and are read in place; and a wheel (``pip install papertrends-*.whl``), which carries
the default lexicons and the report's pages inside the package (``analysis/_packaged/``, copied there by
setup.py) and finds them through ``importlib.resources``. An installed papertrends that is not in a checkout
takes the current folder as its project: the default database is ``data/papertrends.duckdb`` and the default
site ``_site/`` under it. ``PAPERTRENDS_HOME`` names another project folder (its ``data/lexicons/`` is then the
default lexicon folder, its ``_quarto.yml`` and ``reports/`` the site to render).

Lexicons come from two folders: the user's (``--lexicons DIR``, else ``PAPERTRENDS_LEXICONS``, else the project's
``lexicons/``), which ``papertrends lexicon`` writes, in front of the default one (``default_lexicon_dir``), which
papertrends never writes. A file the user's folder lacks is read from the default folder (``lexicon_file``)."""

import os
from importlib import resources
from pathlib import Path

# The folder above the package: a checkout when it holds the project's _quarto.yml and pyproject.toml,
# site-packages (or the like) when the package was installed from a wheel.
CHECKOUT = Path(__file__).resolve().parents[1]
IN_CHECKOUT = (CHECKOUT / "_quarto.yml").is_file() and (CHECKOUT / "pyproject.toml").is_file()

PROJECT_ROOT = Path(os.environ.get("PAPERTRENDS_HOME") or (CHECKOUT if IN_CHECKOUT else Path.cwd()))
DATA_DIR = PROJECT_ROOT / "data"
RAW_DIR = DATA_DIR / "raw"
DEFAULT_DB = DATA_DIR / "papertrends.duckdb"
REPORTS_DIR = PROJECT_ROOT / "reports"
SITE_DIR = PROJECT_ROOT / "_site"


def packaged(name: str) -> Path | None:
    """A folder the wheel carries in ``analysis/_packaged/`` (``lexicons``, ``site``); None in a checkout's
    editable install, which has no such folder."""
    folder = resources.files(__package__).joinpath("_packaged", name)
    if not folder.is_dir():
        return None
    if not isinstance(folder, Path):
        # A zipped install (zipimport) has no folder on disk to hand out; pip always unpacks wheels.
        raise RuntimeError(f"{folder}: papertrends must be installed unpacked, not run from a zip file")
    return folder


def default_lexicon_dir() -> Path:
    """The folder of the default lexicons: ``PAPERTRENDS_HOME``'s ``data/lexicons/`` when that is set, else the
    checkout's ``data/lexicons/`` (read in place, so a user's edits there take effect), else the copy the wheel
    ships."""
    if os.environ.get("PAPERTRENDS_HOME"):
        return Path(os.environ["PAPERTRENDS_HOME"]) / "data" / "lexicons"
    if IN_CHECKOUT and (CHECKOUT / "data" / "lexicons").is_dir():
        return CHECKOUT / "data" / "lexicons"
    # Neither (a broken install): the checkout's path, which the lexicon loader names as missing.
    return packaged("lexicons") or CHECKOUT / "data" / "lexicons"


def default_site_project() -> Path | None:
    """The Quarto project whose pages a report renders: the checkout (or ``PAPERTRENDS_HOME``) when it holds a
    ``_quarto.yml``, else None: the pages the wheel ships (``packaged("site")``), which ``papertrends report``
    copies into a scratch folder to render."""
    home = os.environ.get("PAPERTRENDS_HOME")
    if home and (Path(home) / "_quarto.yml").is_file() and (Path(home) / "reports").is_dir():
        return Path(home)
    return CHECKOUT if IN_CHECKOUT and (CHECKOUT / "reports").is_dir() else None


LEXICON_DIR = default_lexicon_dir()
LEXICONS_VARIABLE = "PAPERTRENDS_LEXICONS"


def user_lexicon_dir(folder: str | Path | None = None) -> Path:
    """The user's lexicon folder: ``folder`` (a command's ``--lexicons``), else ``PAPERTRENDS_LEXICONS``, else
    the project's ``lexicons/``. It may not exist: ``papertrends lexicon`` creates it on its first write."""
    if folder:
        return Path(folder)
    if os.environ.get(LEXICONS_VARIABLE):
        return Path(os.environ[LEXICONS_VARIABLE])
    return PROJECT_ROOT / "lexicons"


def lexicon_file(name: str, folder: str | Path | None = None) -> Path:
    """The lexicon file ``name`` (``buzzwords.csv``) as a build reads it: the user's copy when the user's folder
    holds one, else the default folder's."""
    mine = user_lexicon_dir(folder) / name
    return mine if mine.is_file() else default_lexicon_dir() / name
