"""Renders the report site: ``quarto render`` where Quarto is installed, else the fallback that
reads each ``.qmd`` with jupytext, executes it with nbclient and converts it with pandoc
(from pypandoc-binary). Both give self-contained pages under ``_site/reports/`` whose charts
draw with no network, and ``_site/index.html`` pointing to the overview."""

from __future__ import annotations

import html
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import jupytext
import nbformat
import pypandoc
import yaml
from jupyter_client import KernelManager
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError
from rich.text import Text

from ..paths import LEXICONS_VARIABLE, SITE_DIR, default_site_project, packaged
from ..store import connect
from .site_index import SITE_MARKER, site_entries, write_site_assets, write_site_marker


class RenderError(RuntimeError):
    """A page failed to execute or convert; the message names the page and the failing cell."""


@dataclass(frozen=True)
class PageSpec:
    source: Path
    text: str


def site_pages(project_dir: Path) -> list[PageSpec]:
    """The pages and their navigation labels, in navbar order, from ``_quarto.yml``."""
    config = yaml.safe_load((project_dir / "_quarto.yml").read_text(encoding="utf-8"))
    navbar = config.get("website", {}).get("navbar", {}).get("left", [])
    pages = [PageSpec((project_dir / item["href"]).resolve(), item.get("text", item["href"])) for item in navbar]
    for spec in pages:
        # A page path from the config decides where its HTML is written: it must stay inside the project.
        if not spec.source.is_relative_to(project_dir.resolve()) or spec.source.suffix != ".qmd":
            raise RenderError(f"_quarto.yml: page {spec.source} is not a .qmd file inside {project_dir}")
    return pages


def render_site(
    db_path: str | Path,
    out_dir: str | Path | None = None,
    project_dir: str | Path | None = None,
    use_quarto: bool | None = None,
    timeout: int = 600,
    title: str | None = None,
    since: date | None = None,
    until: date | None = None,
    lexicons: str | Path | None = None,
) -> Path:
    """Renders every page against ``db_path`` into ``out_dir`` (default ``_site`` in the project), for the
        papers between ``since`` and ``until``. ``use_quarto=None`` picks Quarto when it is on PATH. The pages get
        their parameters through the environment (PAPERTRENDS_DB, _TITLE, _SINCE, _UNTIL), in both render paths.
        Both paths render into a staging folder beside ``out_dir`` and swap it in whole (see ``replacing_site``).
        ``project_dir`` is the Quarto project of the pages, by default the checkout's, else a scratch copy of the
        pages the package ships (see ``site_project``); ``out_dir`` defaults to ``_site`` in the given project, else
        to ``SITE_DIR``. ``lexicons`` is the user's lexicon folder the pages read in front of the default one
    (PAPERTRENDS_LEXICONS, see paths.user_lexicon_dir). Returns the site's ``index.html``."""
    if out_dir is None:
        out_dir = Path(project_dir) / "_site" if project_dir is not None else SITE_DIR
    out_dir = Path(out_dir).resolve()
    check_database(Path(db_path))
    settings = {
        "PAPERTRENDS_DB": str(Path(db_path).resolve()),
        # The pages name the database as it was given (the Method page, every "SQL behind this figure").
        "PAPERTRENDS_DB_GIVEN": str(db_path),
        "PAPERTRENDS_TITLE": title or "",
        "PAPERTRENDS_SINCE": since.isoformat() if since else "",
        "PAPERTRENDS_UNTIL": until.isoformat() if until else "",
        # Quarto runs the pages with this Python (the one papertrends runs in, so the pages import it), wherever
        # the command is run from; the project's _environment names .venv only for a plain `quarto render`.
        "QUARTO_PYTHON": sys.executable,
    }
    if lexicons is not None:
        settings[LEXICONS_VARIABLE] = str(Path(lexicons).resolve())
    quarto = shutil.which("quarto")
    if use_quarto is None:
        use_quarto = quarto is not None
    if use_quarto and quarto is None:
        raise RenderError("quarto is not on PATH")
    try:
        with site_project(project_dir) as project, replacing_site(out_dir) as site:
            if use_quarto:
                assert quarto is not None  # checked above: asked-for Quarto that is not on PATH is an error
                render_quarto(quarto, project, site, settings)
            else:
                render_fallback(settings, site, project, timeout, title or "papertrends")
    except OSError as error:
        # A folder that cannot be written, a full disk, a missing pandoc: one line naming the file, not a traceback.
        raise RenderError(f"{error.filename or out_dir}: {error.strerror or error} (no report written)") from error
    return out_dir / "index.html"


@contextmanager
def site_project(project_dir: str | Path | None = None) -> Iterator[Path]:
    """The folder of the Quarto project to render: ``project_dir`` when given, else the checkout's (read in
    place, so plain ``quarto render`` and ``papertrends report`` render the same pages), else a scratch copy of
    the project the wheel ships in ``analysis/_packaged/site/``: Quarto writes into the project it renders, and
    site-packages may be read-only and is shared. The copy is removed when the block ends."""
    if project_dir is None:
        project_dir = default_site_project()
    if project_dir is not None:
        yield Path(project_dir).resolve()
        return
    shipped = packaged("site")
    if shipped is None:
        raise RenderError("no report pages: this papertrends has neither a checkout's reports/ nor packaged pages")
    with tempfile.TemporaryDirectory(prefix="papertrends-pages-") as scratch:
        project = Path(scratch) / "project"
        shutil.copytree(shipped, project)
        yield project.resolve()


def check_database(db_path: Path) -> None:
    """Opens the database once before any page runs, so a wrong --db is one line, not a failed page."""
    import duckdb

    if not db_path.is_file():
        raise RenderError(f"{db_path}: no database; run `papertrends build` first")
    try:
        with connect(db_path, read_only=True) as con:
            con.execute("SELECT count(*) FROM papers").fetchone()
    except duckdb.Error as error:
        reason = str(error).strip().splitlines()[0]
        raise RenderError(f"{db_path}: not a papertrends database ({reason})") from error


def check_replaceable(out_dir: Path) -> None:
    """Refuses an ``out_dir`` that holds anything papertrends did not write: a file, a user's folder, or a
    site of ours with files added to it. A new or empty folder is fine."""
    if not out_dir.exists():
        return
    if not out_dir.is_dir():
        raise RenderError(
            f"{out_dir}: is a file, not a folder; give --out a new folder, an empty one or an earlier report's"
        )
    marker = out_dir / SITE_MARKER
    if not marker.is_file():
        first = next(iter(sorted(out_dir.iterdir())), None)
        if first is not None:
            raise RenderError(
                f"{out_dir}: not replaced: the folder holds files papertrends did not write (such as {first.name}); "
                "give --out a new folder, an empty one or an earlier report's"
            )
        return
    written = set(marker.read_text(encoding="utf-8").splitlines())
    strangers = [entry for entry in site_entries(out_dir) if entry not in written]
    if strangers:
        raise RenderError(
            f"{out_dir}: not replaced: {strangers[0]} was not written by papertrends report "
            f"({SITE_MARKER} does not list it); move it out of the folder first"
        )


def make_readable(site: Path) -> None:
    """Folders 0755 and files 0644, so a web server (another user) can serve the site: mkdtemp makes 0700."""
    for root, _folders, files in os.walk(site):
        os.chmod(root, 0o755)
        for name in files:
            path = os.path.join(root, name)
            if not os.path.islink(path):
                os.chmod(path, 0o644)


@contextmanager
def replacing_site(out_dir: Path) -> Iterator[Path]:
    """A fresh folder to render into, beside ``out_dir``; when the block ends without an error the folder is
    marked, made readable and swapped in for ``out_dir`` (two renames on one file system). On any error or
    Ctrl-C the earlier site stays as it was and the staging folder is removed."""
    check_replaceable(out_dir)
    blocking = next((folder for folder in out_dir.parents if folder.exists()), None)
    if blocking is not None and not blocking.is_dir():
        raise RenderError(f"{out_dir}: cannot be a folder: {blocking} is a file")
    try:
        out_dir.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=".papertrends-staging-", dir=out_dir.parent))
    except OSError as error:
        raise RenderError(f"{out_dir}: cannot write the site there: {error.strerror or error}") from error
    try:
        site = staging / "site"
        site.mkdir()
        yield site
        write_site_marker(site)
        make_readable(site)
        check_replaceable(out_dir)  # again: a user may have put a file there while the pages rendered
        previous = staging / "previous"
        try:
            if out_dir.exists():
                os.rename(out_dir, previous)
            os.rename(site, out_dir)
        except BaseException:
            if previous.exists() and not out_dir.exists():
                os.rename(previous, out_dir)  # the earlier site goes back
            raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)


# How much of Quarto's output a failed render shows: enough for its error and the page it was on.
QUARTO_TAIL_LINES = 15
QUARTO_PAGE_LINE = re.compile(r"^\s*\[\s*\d+/\d+\]\s+(\S.*)$")


def render_quarto(quarto: str, project_dir: Path, site: Path, settings: dict[str, str]) -> None:
    """``quarto render`` into ``site``, its output captured: on failure a RenderError carries Quarto's last lines
    and the page it was rendering."""
    command = [quarto, "render", str(project_dir), "--output-dir", str(site)]
    try:
        finished = subprocess.run(
            command,
            env=os.environ | settings,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            errors="replace",
        )
    except OSError as error:
        raise RenderError(f"{quarto}: cannot run quarto: {error.strerror or error}") from error
    if finished.returncode != 0:
        lines = [Text.from_ansi(line).plain.rstrip() for line in finished.stdout.splitlines()]
        lines = [line for line in lines if line.strip()]
        pages = [match.group(1) for match in map(QUARTO_PAGE_LINE.match, lines) if match]
        where = f" on {pages[-1]}" if pages else ""
        tail = lines[-QUARTO_TAIL_LINES:]
        raise RenderError(
            f"quarto render failed{where} (exit status {finished.returncode}); its last {len(tail)} lines of output:\n"
            + "\n".join("    " + line for line in tail)
        )
    # The project's post-render step has written the index page, the Vega bundle and the marker.


def render_fallback(
    settings: dict[str, str], site: Path, project_dir: Path, timeout: int = 600, title: str = "papertrends"
) -> None:
    """Renders every page with nbclient and pandoc into ``site``, an empty folder."""
    pages = site_pages(project_dir)
    previous = {name: os.environ.get(name) for name in settings}
    os.environ.update(settings)  # the kernel inherits the environment
    try:
        for spec in pages:
            target = site / spec.source.relative_to(project_dir).with_suffix(".html")
            target.parent.mkdir(parents=True, exist_ok=True)
            render_page(spec, pages, target, project_dir, timeout, title)
        write_site_assets(site)
        copy_stylesheet(project_dir, site)
    finally:
        for name, value in previous.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def copy_stylesheet(project_dir: Path, site_dir: Path) -> None:
    """The stylesheet of ``_quarto.yml`` at the same place in the site as Quarto puts it."""
    css = (
        yaml.safe_load((project_dir / "_quarto.yml").read_text(encoding="utf-8"))
        .get("format", {})
        .get("html", {})
        .get("css")
    )
    if css:
        (site_dir / css).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(project_dir / css, site_dir / css)


def execute_page(source: Path, timeout: int) -> nbformat.NotebookNode:
    notebook = jupytext.reads(source.read_text(encoding="utf-8"), fmt="Rmd")
    # The kernel talks over local sockets in a private folder, not over TCP.
    with tempfile.TemporaryDirectory(prefix="papertrends-kernel-") as sockets:
        kernel = KernelManager(kernel_name="python3", transport="ipc", ip=str(Path(sockets) / "kernel"))
        client = NotebookClient(
            notebook, km=kernel, timeout=timeout, resources={"metadata": {"path": str(source.parent)}}
        )
        try:
            # Cell errors come back as messages; the kernel's own stderr only carries shutdown chatter.
            client.execute(stderr=subprocess.DEVNULL)
        except CellExecutionError as error:
            # The error's name and message, not the cell's traceback: no traceback reaches a user.
            raise RenderError(f"{source}: a cell failed: {error.ename}: {error.evalue}") from error
        except Exception as error:
            if getattr(client, "_async_cleanup_kernel_future", None) is not None:
                # nbclient answers Ctrl-C by shutting the kernel down, then trips over the missing kernel.
                raise KeyboardInterrupt from None
            reason = (str(error).strip().splitlines() or [""])[0]
            raise RenderError(f"{source}: the page did not finish: {type(error).__name__} {reason}".rstrip()) from error
        finally:
            # nbclient leaves a kernel it did not start running: each page's would live until papertrends exits.
            if kernel.has_kernel:
                kernel.shutdown_kernel(now=True)
    return notebook


def front_matter(notebook: nbformat.NotebookNode) -> dict:
    for cell in notebook.cells:
        if cell.cell_type == "raw" and cell.source.startswith("---"):
            return yaml.safe_load(cell.source.strip().strip("-")) or {}
    return {}


# Raw HTML blocks larger than this go around pandoc: a placeholder goes in, the block is put back into
# pandoc's output. Pandoc needs many times a document's size in memory; the Explore page of 65,000 papers
# carries about 30 MB of data.
LARGE_BLOCK = 256 * 1024


def notebook_markdown(notebook: nbformat.NotebookNode, set_aside: dict[str, str] | None = None) -> str:
    """Markdown for pandoc: text cells as written, code hidden (echo: false), outputs as raw HTML or Markdown.
    Large HTML outputs are replaced by placeholders and kept in ``set_aside``."""
    parts = []
    for cell in notebook.cells:
        if cell.cell_type == "markdown":
            parts.append(cell.source)
        elif cell.cell_type == "code":
            for output in cell.get("outputs", []):
                parts.extend(output_markdown(output, set_aside))
    return "\n\n".join(parts) + "\n"


# A raw HTML block as page.show_html writes it: a fence of three or more backticks with {=html}.
RAW_HTML = re.compile(r"(?P<fence>`{3,})\{=html\}\n(?P<html>.*)\n(?P=fence)", re.DOTALL)


def raw_html_block(markup: str, set_aside: dict[str, str] | None) -> str:
    """HTML for pandoc to pass through; a large block is replaced by a placeholder kept in ``set_aside``."""
    if set_aside is not None and len(markup) > LARGE_BLOCK:
        key = f"<!--papertrends-block-{len(set_aside)}-->"
        set_aside[key] = markup
        markup = key
    longest = max((len(run) for run in re.findall(r"`+", markup)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}{{=html}}\n{markup}\n{fence}"


def output_markdown(output: nbformat.NotebookNode, set_aside: dict[str, str] | None = None) -> list[str]:
    if output.output_type in ("display_data", "execute_result"):
        data = output.get("data", {})
        if "text/html" in data:
            return [raw_html_block(data["text/html"], set_aside)]
        if "text/markdown" in data:
            text = data["text/markdown"]
            raw = RAW_HTML.fullmatch(text)
            if raw:
                return [raw_html_block(raw.group("html"), set_aside)]
            return [text]
        if "text/plain" in data:
            return ["```\n" + data["text/plain"] + "\n```"]
    if output.output_type == "stream" and output.get("name") == "stdout":
        return ["```\n" + output.get("text", "") + "\n```"]
    return []


def navigation(pages: list[PageSpec], current: PageSpec, target_dir: Path, project_dir: Path, title: str) -> str:
    links = []
    for spec in pages:
        href = os.path.relpath(
            project_dir / spec.source.relative_to(project_dir).with_suffix(".html"), project_dir / target_dir
        )
        current_attr = ' aria-current="page"' if spec == current else ""
        links.append(f'<a href="{html.escape(href)}"{current_attr}>{html.escape(spec.text)}</a>')
    return f'<nav class="papertrends-nav"><strong>{html.escape(title)}</strong> ' + " ".join(links) + "</nav>\n"


def render_page(
    spec: PageSpec, pages: list[PageSpec], target: Path, project_dir: Path, timeout: int, title: str
) -> None:
    notebook = execute_page(spec.source, timeout)
    meta = front_matter(notebook)
    html_format = (
        yaml.safe_load((project_dir / "_quarto.yml").read_text(encoding="utf-8")).get("format", {}).get("html", {})
    )
    with tempfile.TemporaryDirectory() as scratch:
        nav_file = Path(scratch) / "nav.html"
        nav_file.write_text(
            navigation(pages, spec, spec.source.parent.relative_to(project_dir), project_dir, title), encoding="utf-8"
        )
        # The same page shape as Quarto's site: the stylesheet and the Vega bundle are files of the site that
        # every page links to, not copies inside each page.
        header_file = Path(scratch) / "header.html"
        header_file.write_text(html_format.get("include-in-header", {}).get("text", ""), encoding="utf-8")
        args = [
            "--standalone",
            "--toc",
            f"--include-in-header={header_file}",
            f"--include-before-body={nav_file}",
            f"--metadata=title:{meta.get('title', spec.text)}",
            f"--metadata=pagetitle:{meta.get('title', spec.text)} · {title}",
            "--metadata=lang:en",
        ]
        css = html_format.get("css")
        if css:
            args.append(f"--css={os.path.relpath(project_dir / css, spec.source.parent)}")
        set_aside: dict[str, str] = {}
        try:
            pypandoc.convert_text(
                notebook_markdown(notebook, set_aside),
                "html5",
                format="markdown",
                extra_args=args,
                outputfile=str(target),
            )
        except RuntimeError as error:
            raise RenderError(f"{spec.source}: pandoc failed: {error}") from error
        if set_aside:
            page = target.read_text(encoding="utf-8")
            for key, block in set_aside.items():
                if key not in page:
                    raise RenderError(f"{spec.source}: pandoc dropped a large block")
                page = page.replace(key, block, 1)
            target.write_text(page, encoding="utf-8")
