"""Where the project's data lives. The package is installed editable from the project folder,
so ``data/`` sits next to ``analysis/``; ``PAPERTRENDS_HOME`` points elsewhere when it does not."""

import os
from pathlib import Path

PROJECT_ROOT = Path(os.environ.get("PAPERTRENDS_HOME", Path(__file__).resolve().parents[1]))
DATA_DIR = PROJECT_ROOT / "data"
RAW_DIR = DATA_DIR / "raw"
LEXICON_DIR = DATA_DIR / "lexicons"
DEFAULT_DB = DATA_DIR / "papertrends.duckdb"
REPORTS_DIR = PROJECT_ROOT / "reports"
SITE_DIR = PROJECT_ROOT / "_site"
