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

from ..paths import PROJECT_ROOT
from .site_index import write_site_assets


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
    project_dir: str | Path = PROJECT_ROOT,
    use_quarto: bool | None = None,
    timeout: int = 600,
    title: str | None = None,
    since: date | None = None,
    until: date | None = None,
) -> Path:
    """Renders every page against ``db_path`` into ``out_dir`` (default ``_site`` in the project), for the
    papers between ``since`` and ``until``. ``use_quarto=None`` picks Quarto when it is on PATH. The pages get
    their parameters through the environment (PAPERTRENDS_DB, _TITLE, _SINCE, _UNTIL), in both render paths.
    Returns the site's ``index.html``."""
    project_dir = Path(project_dir).resolve()
    out_dir = Path(out_dir or project_dir / "_site").resolve()
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
    quarto = shutil.which("quarto")
    if use_quarto is None:
        use_quarto = quarto is not None
    if use_quarto:
        if quarto is None:
            raise RenderError("quarto is not on PATH")
        command = [quarto, "render", str(project_dir), "--output-dir", str(out_dir)]
        subprocess.run(command, check=True, env=os.environ | settings)
        # The project's post-render script has written the index page and the Vega bundle.
        return out_dir / "index.html"
    return render_fallback(settings, out_dir, project_dir, timeout, title or "papertrends")


def render_fallback(settings: dict[str, str], out_dir: Path, project_dir: Path, timeout: int = 600, title: str = "papertrends") -> Path:
    pages = site_pages(project_dir)
    staging = Path(tempfile.mkdtemp(prefix=".papertrends-site-", dir=out_dir.parent))
    previous = {name: os.environ.get(name) for name in settings}
    os.environ.update(settings)  # the kernel inherits the environment
    try:
        for spec in pages:
            target = staging / spec.source.relative_to(project_dir).with_suffix(".html")
            target.parent.mkdir(parents=True, exist_ok=True)
            render_page(spec, pages, target, project_dir, timeout, title)
        write_site_assets(staging)
        copy_stylesheet(project_dir, staging)
        # Swap the finished site in whole, so a failed render never leaves half a site behind.
        if out_dir.exists():
            shutil.rmtree(out_dir)
        staging.rename(out_dir)
    finally:
        for name, value in previous.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
        if staging.exists():
            shutil.rmtree(staging)
    return out_dir / "index.html"


def copy_stylesheet(project_dir: Path, site_dir: Path) -> None:
    """The stylesheet of ``_quarto.yml`` at the same place in the site as Quarto puts it."""
    css = yaml.safe_load((project_dir / "_quarto.yml").read_text(encoding="utf-8")).get("format", {}).get("html", {}).get("css")
    if css:
        (site_dir / css).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(project_dir / css, site_dir / css)


def execute_page(source: Path, timeout: int) -> nbformat.NotebookNode:
    notebook = jupytext.reads(source.read_text(encoding="utf-8"), fmt="Rmd")
    # The kernel talks over local sockets in a private folder, not over TCP.
    with tempfile.TemporaryDirectory(prefix="papertrends-kernel-") as sockets:
        kernel = KernelManager(kernel_name="python3", transport="ipc", ip=str(Path(sockets) / "kernel"))
        client = NotebookClient(notebook, km=kernel, timeout=timeout, resources={"metadata": {"path": str(source.parent)}})
        try:
            # Cell errors come back as messages; the kernel's own stderr only carries shutdown chatter.
            client.execute(stderr=subprocess.DEVNULL)
        except CellExecutionError as error:
            raise RenderError(f"{source}: a cell failed:\n{error}") from error
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
        href = os.path.relpath(project_dir / spec.source.relative_to(project_dir).with_suffix(".html"), project_dir / target_dir)
        current_attr = ' aria-current="page"' if spec == current else ""
        links.append(f'<a href="{html.escape(href)}"{current_attr}>{html.escape(spec.text)}</a>')
    return f'<nav class="papertrends-nav"><strong>{html.escape(title)}</strong> ' + " ".join(links) + "</nav>\n"


def render_page(spec: PageSpec, pages: list[PageSpec], target: Path, project_dir: Path, timeout: int, title: str) -> None:
    notebook = execute_page(spec.source, timeout)
    meta = front_matter(notebook)
    html_format = yaml.safe_load((project_dir / "_quarto.yml").read_text(encoding="utf-8")).get("format", {}).get("html", {})
    with tempfile.TemporaryDirectory() as scratch:
        nav_file = Path(scratch) / "nav.html"
        nav_file.write_text(navigation(pages, spec, spec.source.parent.relative_to(project_dir), project_dir, title), encoding="utf-8")
        # The same page shape as Quarto's site: the stylesheet and the Vega bundle are files of the site that
        # every page links to, not copies inside each page.
        header_file = Path(scratch) / "header.html"
        header_file.write_text(html_format.get("include-in-header", {}).get("text", ""), encoding="utf-8")
        args = [
            "--standalone", "--toc",
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
                notebook_markdown(notebook, set_aside), "html5", format="markdown", extra_args=args, outputfile=str(target)
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
