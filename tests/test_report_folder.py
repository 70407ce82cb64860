"""`papertrends report --out DIR` replaces only a site it rendered itself, swaps it in whole, leaves nothing
behind when it fails or is interrupted, and writes a site other users (a web server) can read."""

import errno
import os
import shutil
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest
from typer.testing import CliRunner

from analysis.cli import app
from analysis.paths import PROJECT_ROOT
from analysis.reports import render
from analysis.reports.render import SITE_MARKER, RenderError, render_site, site_entries

# Each test builds a database, renders pages or runs the real command in a subprocess: not in make test-fast.
pytestmark = pytest.mark.slow

runner = CliRunner()


@pytest.fixture(scope="module")
def site(seed_db, tmp_path_factory) -> Path:
    """One fallback rendering of the seed report, by a user whose umask keeps new files private; tests that
    change a site work on a copy of it."""
    out = tmp_path_factory.mktemp("rendered") / "site"
    umask = os.umask(0o077)
    try:
        render_site(seed_db, out, use_quarto=False, title="First report")
    finally:
        os.umask(umask)
    return out


@pytest.fixture()
def earlier_site(site, tmp_path) -> Path:
    copy = tmp_path / "site"
    shutil.copytree(site, copy)
    return copy


def contents(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in folder.rglob("*") if path.is_file()}


def staging_left(parent: Path) -> list[Path]:
    return sorted(parent.glob(".papertrends-staging-*"))


def test_the_site_is_readable_by_other_users(site):
    for path in [site, *site.rglob("*")]:
        mode = stat.S_IMODE(path.stat().st_mode)
        assert mode == (0o755 if path.is_dir() else 0o644), (path, oct(mode))


def test_the_marker_lists_everything_the_site_holds(site):
    listed = [
        line for line in (site / SITE_MARKER).read_text(encoding="utf-8").splitlines() if not line.startswith("#")
    ]
    assert listed == site_entries(site)
    assert {"index.html", "reports/", "reports/index.html", "reports/explore.html"} <= set(listed)


def test_a_second_report_replaces_its_own_site(seed_db, earlier_site):
    # As if an earlier version had written a page this one no longer writes: the new site does not keep it.
    (earlier_site / "reports" / "retired.html").write_text("old page")
    with (earlier_site / SITE_MARKER).open("a", encoding="utf-8") as marker:
        marker.write("reports/retired.html\n")
    render_site(
        seed_db,
        earlier_site,
        project_dir=one_page_project(earlier_site.parent, "print('hello')"),
        use_quarto=False,
        title="Second report",
    )
    # The new site whole, nothing of the old one: not its retired page, not the pages this project lacks.
    assert site_entries(earlier_site) == ["index.html", "reports/", "reports/page.html", "reports/vega-bundle.js"]
    assert "Second report" in (earlier_site / "reports" / "page.html").read_text(encoding="utf-8")
    assert staging_left(earlier_site.parent) == []
    assert stat.S_IMODE(earlier_site.stat().st_mode) == 0o755


@pytest.mark.parametrize("out", ["folder", "."])
def test_report_refuses_a_folder_holding_a_users_file(seed_db, tmp_path, monkeypatch, out):
    folder = tmp_path / "folder"
    folder.mkdir()
    (folder / "thesis.tex").write_text("years of work")
    monkeypatch.chdir(tmp_path if out == "folder" else folder)
    result = runner.invoke(app, ["report", "--db", str(seed_db), "--out", out, "--no-quarto"])
    assert result.exit_code == 1
    assert "not replaced: the folder holds files papertrends did not write (such as thesis.tex)" in result.output
    assert contents(folder) == {"thesis.tex": b"years of work"}
    assert staging_left(tmp_path) == [] and staging_left(folder) == []


def test_a_file_added_to_an_earlier_site_stops_the_next_report(seed_db, earlier_site):
    (earlier_site / "reports" / "my-notes.md").write_text("keep me")
    before = contents(earlier_site)
    with pytest.raises(RenderError, match="reports/my-notes.md was not written by papertrends report"):
        render_site(seed_db, earlier_site, use_quarto=False)
    assert contents(earlier_site) == before


def test_an_empty_folder_is_used(seed_db, tmp_path):
    (tmp_path / "empty").mkdir()
    index = render_site(
        seed_db, tmp_path / "empty", project_dir=one_page_project(tmp_path, 'print("hello")'), use_quarto=False
    )
    assert index == tmp_path / "empty" / "index.html" and index.is_file()
    assert (tmp_path / "empty" / "reports" / "page.html").is_file()


def one_page_project(tmp_path: Path, code: str) -> Path:
    """A project of one page that runs ``code``."""
    project = tmp_path / "project"
    (project / "reports").mkdir(parents=True, exist_ok=True)
    (project / "_quarto.yml").write_text(
        "website:\n  navbar:\n    left:\n      - href: reports/page.qmd\n        text: Page\n"
    )
    (project / "reports" / "page.qmd").write_text(f'---\ntitle: "Page"\n---\n\n```{{python}}\n{code}\n```\n')
    return project


FAILING_QUARTO = '#!/bin/sh\necho "[1/1] reports/page.qmd"\necho "ERROR: it broke"\nexit 1\n'


@pytest.mark.parametrize("renderer", ["fallback", "quarto"])
def test_a_failed_render_keeps_the_earlier_site_and_leaves_no_staging(
    seed_db, earlier_site, tmp_path, monkeypatch, renderer
):
    before = contents(earlier_site)
    if renderer == "quarto":
        (tmp_path / "bin").mkdir()
        (tmp_path / "bin" / "quarto").write_text(FAILING_QUARTO)
        (tmp_path / "bin" / "quarto").chmod(0o755)
        monkeypatch.setenv("PATH", f"{tmp_path / 'bin'}{os.pathsep}{os.environ['PATH']}")
        expected = "quarto render failed on reports/page.qmd"
    else:
        expected = "page.qmd: a cell failed: ValueError: this page is broken"
    with pytest.raises(RenderError, match=expected):
        render_site(
            seed_db,
            earlier_site,
            project_dir=one_page_project(tmp_path, 'raise ValueError("this page is broken")'),
            use_quarto=renderer == "quarto",
        )
    assert contents(earlier_site) == before
    assert staging_left(earlier_site.parent) == []


def test_a_write_error_is_one_line_and_leaves_no_staging(seed_db, tmp_path, monkeypatch):
    def disk_full(site):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(site / "index.html"))

    monkeypatch.setattr(render, "write_site_assets", disk_full)
    with pytest.raises(RenderError, match=r"site/index.html: No space left on device \(no report written\)$"):
        render_site(
            seed_db, tmp_path / "out", project_dir=one_page_project(tmp_path, "print('hello')"), use_quarto=False
        )
    assert not (tmp_path / "out").exists() and staging_left(tmp_path) == []


def test_each_page_kernel_ends_with_its_page(seed_db, tmp_path):
    # Kept until papertrends exits, the eight kernels of the seed report took 2.6 GB together.
    render_site(seed_db, tmp_path / "out", project_dir=one_page_project(tmp_path, "print('hello')"), use_quarto=False)
    assert page_kernels(os.getpid()) == []


def page_kernels(pid: int) -> list[psutil.Process]:
    try:
        return [child for child in psutil.Process(pid).children() if "ipykernel_launcher" in " ".join(child.cmdline())]
    except psutil.Error:  # a child that ended while being looked at
        return []


def test_ctrl_c_keeps_the_earlier_site_and_leaves_no_staging(seed_db, earlier_site):
    before = contents(earlier_site)
    command = [
        sys.executable,
        "-m",
        "analysis.cli",
        "report",
        "--db",
        str(seed_db),
        "--out",
        str(earlier_site),
        "--no-quarto",
    ]
    # A session of its own, so Ctrl-C reaches papertrends and its page kernel as a terminal sends it.
    report = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True
    )
    try:
        # Interrupt while the second page runs in its kernel: once the first page is written and a kernel is up.
        while report.poll() is None and not (
            list(earlier_site.parent.glob(".papertrends-staging-*/site/reports/index.html"))
            and page_kernels(report.pid)
        ):
            time.sleep(0.1)
        assert report.poll() is None, report.communicate()[0]
        os.killpg(report.pid, signal.SIGINT)
        output, _ = report.communicate(timeout=120)
    finally:
        if report.poll() is None:
            report.kill()
    assert report.returncode == 130, output
    assert "Traceback" not in output
    assert f"interrupted: {earlier_site} is as it was" in output
    assert contents(earlier_site) == before
    assert staging_left(earlier_site.parent) == []


@pytest.mark.slow
def test_quarto_renders_the_default_site_inside_the_project(seed_db, tmp_path, monkeypatch):
    """Quarto's own output folder is the project's _site; the site is rendered beside it, then swapped in."""
    if shutil.which("quarto") is None:
        pytest.skip("Quarto is not installed")
    project = tmp_path / "project"
    shutil.copytree(PROJECT_ROOT / "reports", project / "reports")
    (project / "analysis" / "reports").mkdir(parents=True)
    for script in ("site_index.py", "quarto_hooks.py", "quarto_pre_render.py", "quarto_post_render.py"):
        shutil.copy(PROJECT_ROOT / "analysis" / "reports" / script, project / "analysis" / "reports")
    for name in ("_quarto.yml", "_environment"):
        if (PROJECT_ROOT / name).exists():
            shutil.copy(PROJECT_ROOT / name, project / name)
    # Quarto runs the pages with the first python3 on PATH: this environment's.
    monkeypatch.setenv("PATH", f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}")
    index = render_site(seed_db, project_dir=project, use_quarto=True)
    assert index == project / "_site" / "index.html"
    listed = (project / "_site" / SITE_MARKER).read_text(encoding="utf-8").splitlines()[1:]
    assert listed == site_entries(project / "_site") and "reports/index.html" in listed
    assert staging_left(project) == []
    assert sorted(path.name for path in (project / "reports").glob("*.html")) == []
