"""Shared fixtures: the default pipeline, and the seed listing built once into a scratch database."""

from pathlib import Path

import pytest

from analysis.build import build
from analysis.extract import build_pipeline
from analysis.paths import RAW_DIR
from analysis.store import connect

FIXTURES = Path(__file__).parent / "fixtures"
SEED = RAW_DIR / "000_9964d31bbc2f217b.txt"


@pytest.fixture(scope="session")
def nlp():
    return build_pipeline()


@pytest.fixture(scope="session")
def seed_db(tmp_path_factory) -> Path:
    """The embedded default listing, built the way `make report` builds it."""
    path = tmp_path_factory.mktemp("seed") / "papertrends.duckdb"
    build([RAW_DIR], path, progress=False)
    return path


@pytest.fixture()
def seed_con(seed_db):
    with connect(seed_db, read_only=True) as con:
        yield con


@pytest.fixture
def tune(monkeypatch):
    """Sets build tuning knobs (analysis.settings.Tuning) for one test: ``tune(chunk_records=5)``."""
    import dataclasses

    from analysis import settings

    def apply(**changes):
        monkeypatch.setattr(settings, "TUNING", dataclasses.replace(settings.TUNING, **changes))

    return apply
