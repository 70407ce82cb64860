"""`quarto render` run as a user runs it: in the project root of a clone, with nothing activated and no
environment variable set. Quarto must find the project's Python through `_environment`, build the default
database in its pre-render step, and write the site's index page and Vega bundle in its post-render step."""

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from analysis.paths import PROJECT_ROOT

pytestmark = pytest.mark.slow


def quarto() -> str:
    path = shutil.which("quarto")
    if path is None:
        if os.environ.get("CI") == "true":
            pytest.fail("CI=true but quarto is not on PATH: .ci/run must install it from ../shared/tools/quarto/")
        pytest.skip("no Quarto on this machine")
    return path


def clone_of_the_project(target: Path) -> Path:
    """The tracked files of the project, with its .venv beside them (as after `make install`)."""
    files = subprocess.run(["git", "ls-files", "-z"], cwd=PROJECT_ROOT, capture_output=True, check=True).stdout
    for name in filter(None, files.decode().split("\0")):
        if (PROJECT_ROOT / name).is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(PROJECT_ROOT / name, target / name)
    (target / ".venv").symlink_to(PROJECT_ROOT / ".venv")
    return target


def user_environment() -> dict[str, str]:
    """The environment of a shell where nothing is activated: no project variables, PATH without the venv."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("PAPERTRENDS_", "QUARTO_", "VIRTUAL_ENV"))
    }
    venv_bin = str(PROJECT_ROOT / ".venv" / "bin")
    env["PATH"] = os.pathsep.join(part for part in env.get("PATH", "").split(os.pathsep) if part != venv_bin)
    return env


def test_plain_quarto_render_builds_the_database_and_renders_every_page(tmp_path):
    project = clone_of_the_project(tmp_path / "clone")
    assert not (project / "data" / "papertrends.duckdb").exists()
    result = subprocess.run([quarto(), "render"], cwd=project, env=user_environment(), capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    # The pre-render step built the default database from data/raw/.
    assert (project / "data" / "papertrends.duckdb").is_file()
    assert "161 papers read" in result.stdout + result.stderr
    site = project / "_site"
    pages = sorted(path.name for path in (site / "reports").glob("*.html"))
    assert pages == sorted(path.with_suffix(".html").name for path in (project / "reports").glob("*.qmd"))
    assert (site / "index.html").is_file() and (site / "reports" / "vega-bundle.js").is_file()
    overview = (site / "reports" / "index.html").read_text(encoding="utf-8")
    assert "161 papers" in overview and "require.min.js" not in overview and "jquery" not in overview.lower()
