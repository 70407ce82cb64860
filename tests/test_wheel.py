"""An installed papertrends, not a checkout: the wheel built from the project, installed (not editable) into a
fresh venv, builds a database and renders a report from a folder outside the checkout. The lexicons and the
report's pages must come from inside the installed package (issue 18, item 2)."""

import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import duckdb
import pytest

from analysis.paths import PROJECT_ROOT

pytestmark = pytest.mark.slow

FIXTURE = PROJECT_ROOT / "tests" / "fixtures" / "hf_sample.jsonl"


def source_tree(target: Path) -> Path:
    """The project's files as a clone has them, plus files not yet committed: the wheel is built from the copy,
    so the build leaves nothing (build/, *.egg-info) in the checkout."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=PROJECT_ROOT,
        capture_output=True,
        check=True,
    ).stdout
    for name in filter(None, listed.decode().split("\0")):
        if (PROJECT_ROOT / name).is_file() and not name.startswith("tests/"):
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(PROJECT_ROOT / name, target / name)
    return target


def fresh_venv(folder: Path) -> Path:
    """A venv without the project: its dependencies come from this environment's site-packages through a .pth
    line (a path only: the editable install's own .pth files there are not run, so ``analysis`` is not found
    through them)."""
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(folder)], check=True)
    python = folder / "bin" / "python"
    purelib = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    (Path(purelib) / "papertrends-deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    return python


def outside_environment(venv: Path) -> dict[str, str]:
    """A shell with the fresh venv first on PATH and no project variable set."""
    env = {key: value for key, value in os.environ.items() if not key.startswith(("PAPERTRENDS_", "QUARTO_"))}
    env.pop("VIRTUAL_ENV", None)
    env["PATH"] = os.pathsep.join([str(venv / "bin"), env.get("PATH", "")])
    return env


def test_the_installed_wheel_builds_and_reports_from_another_folder(tmp_path):
    source = source_tree(tmp_path / "source")
    wheels = tmp_path / "wheels"
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "--wheel-dir", str(wheels), str(source)],
        capture_output=True,
        text=True,
    )
    assert built.returncode == 0, built.stderr[-3000:]
    (wheel,) = wheels.glob("papertrends-*.whl")

    venv = tmp_path / "venv"
    python = fresh_venv(venv)
    installed = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(python),
            "install",
            "--no-deps",
            "--no-index",
            "--quiet",
            str(wheel),
        ],
        capture_output=True,
        text=True,
    )
    assert installed.returncode == 0, installed.stderr[-3000:]
    env = outside_environment(venv)

    work = tmp_path / "elsewhere"
    work.mkdir()
    where = subprocess.run(
        [
            str(python),
            "-c",
            "import analysis, analysis.paths as p; print(analysis.__file__); print(p.LEXICON_DIR); "
            "print(p.packaged('site')); print(p.default_site_project())",
        ],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()
    package = venv.resolve() / "lib"
    # The package, its lexicons and its pages are the installed copies, not the checkout's.
    assert Path(where[0]).resolve().is_relative_to(package), where
    assert Path(where[1]).resolve().is_relative_to(package) and where[1].endswith("_packaged/lexicons"), where
    assert sorted(path.name for path in Path(where[1]).iterdir()) == sorted(
        path.name for path in (PROJECT_ROOT / "data" / "lexicons").iterdir() if path.is_file()
    )
    assert where[2].endswith("_packaged/site") and where[3] == "None", where

    papertrends = str(venv / "bin" / "papertrends")
    build = subprocess.run(
        [papertrends, "build", str(FIXTURE), "--db", "papers.duckdb", "--no-progress"],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
    )
    assert build.returncode == 0, build.stdout + build.stderr
    with duckdb.connect(str(work / "papers.duckdb"), read_only=True) as con:
        papers = con.execute("SELECT count(*) FROM papers").fetchone()[0]
        entities = con.execute("SELECT count(*) FROM entities").fetchone()[0]
    assert papers == sum(1 for line in FIXTURE.read_text(encoding="utf-8").splitlines() if line.strip())
    assert entities > 0  # the shipped lexicons were read: the fixture names models and datasets

    report = subprocess.run(
        [papertrends, "report", "--db", "papers.duckdb", "--out", "site", "--no-quarto"],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
    )
    assert report.returncode == 0, report.stdout + report.stderr
    site = work / "site"
    pages = sorted(path.name for path in (site / "reports").glob("*.html"))
    assert pages == sorted(path.with_suffix(".html").name for path in (PROJECT_ROOT / "reports").glob("*.qmd"))
    assert (site / "index.html").is_file() and (site / "reports" / "style.css").is_file()
    overview = (site / "reports" / "index.html").read_text(encoding="utf-8")
    assert "papers.duckdb" in overview
    # The pages were rendered from a scratch copy: no project files were left in the folder the command ran in.
    assert not any((work / name).exists() for name in ("_quarto.yml", "reports", ".quarto", "analysis", "_site"))
