"""Quarto's pre- and post-render steps for the project (named in ``_quarto.yml``).

Quarto runs a project script with whatever ``python3`` it finds first, which on a machine where nothing is
activated is not the project's. So these steps use only the standard library and run the real work with the
project's Python: ``QUARTO_PYTHON`` (``_environment`` sets it to ``.venv/bin/python``, relative to the
project), else the project's ``.venv``, else the Python running this file.

- Before rendering: bring the default database up to date with ``data/raw/`` by the incremental build, so a
  fresh clone renders without a separate build command. It reads only files that changed since the last build
  (a second of work when none did). ``papertrends report`` renders a database of its own choosing and sets
  PAPERTRENDS_DB: then nothing is built.
- After rendering: write the site's index page and its one copy of the Vega bundle."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def project_dir() -> Path:
    return Path(os.environ.get("QUARTO_PROJECT_DIR") or Path(__file__).resolve().parents[2])


def project_python(project: Path) -> str:
    named = os.environ.get("QUARTO_PYTHON")
    if named:
        return str(project / named) if not os.path.isabs(named) else named
    venv_python = project / ".venv" / "bin" / "python"
    return str(venv_python) if venv_python.exists() else sys.executable


def run_module(module: str, *args: str) -> int:
    project = project_dir()
    return subprocess.run([project_python(project), "-m", module, *args], cwd=project).returncode


def pre_render() -> int:
    if os.environ.get("PAPERTRENDS_DB"):
        return 0
    project = project_dir()
    return run_module(
        "analysis.cli",
        "build",
        str(project / "data" / "raw"),
        "--db",
        str(project / "data" / "papertrends.duckdb"),
        "--no-progress",
    )


def post_render() -> int:
    output = os.environ.get("QUARTO_PROJECT_OUTPUT_DIR") or str(project_dir() / "_site")
    return run_module("analysis.reports.site_index", str(Path(output).resolve()))
