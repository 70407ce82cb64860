"""Writes the files a rendered site needs besides its pages: ``index.html`` at the top, sending readers to the
overview page, and the one copy of the Vega bundle that every page loads (``reports/vega-bundle.js``).

Quarto's post-render step runs this module with the project's Python (``python -m analysis.reports.site_index
OUTPUT_DIR``, see quarto_hooks); the fallback renderer calls ``write_site_assets`` directly."""

from __future__ import annotations

import os
import sys
from pathlib import Path

REDIRECT = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>papertrends report</title>
<meta http-equiv="refresh" content="0; url=reports/index.html"></head>
<body><p><a href="reports/index.html">Open the papertrends report</a></p></body></html>
"""

# The file that marks a folder as a site papertrends rendered. It lists every file and folder of the site:
# a later report replaces the folder only when it holds nothing else, so nothing a user put there is lost.
SITE_MARKER = ".papertrends-site"
MARKER_HEADER = (
    "# Written by `papertrends report`, which replaces this folder only while it holds just these entries.\n"
)

# Where the pages find Vega, relative to the site; the pages' header names it relative to themselves.
VEGA_BUNDLE = Path("reports") / "vega-bundle.js"


def write_site_index(site_dir: str | Path) -> Path:
    path = Path(site_dir) / "index.html"
    path.write_text(REDIRECT, encoding="utf-8")
    return path


def vega_bundle_text() -> str:
    """Vega, Vega-Lite and vega-embed as vl-convert ships them: the same versions Altair's specs are made for.
    Wrapped in a function so the bundle's own top-level names stay out of the page's global scope (it sets
    ``window.vegaEmbed`` itself)."""
    import vl_convert

    # vl-convert's stub marks ``snippet`` required; called without it, the bundle assigns the globals.
    return "(function(){\n" + vl_convert.javascript_bundle() + "\n})();\n"  # type: ignore[call-arg]


def write_vega_bundle(site_dir: str | Path) -> Path:
    path = Path(site_dir) / VEGA_BUNDLE
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(vega_bundle_text(), encoding="utf-8")
    return path


def site_entries(site: Path) -> list[str]:
    """Every file and folder under ``site`` (folders end in /), relative, except the marker."""
    entries = []
    for root, folders, files in os.walk(site):
        base = Path(root).relative_to(site)
        entries += [(base / name).as_posix() + "/" for name in folders]
        entries += [(base / name).as_posix() for name in files]
    return sorted(entry for entry in entries if entry != SITE_MARKER)


def write_site_marker(site: str | Path) -> Path:
    """Marks ``site`` as rendered by papertrends, listing what it holds now."""
    path = Path(site) / SITE_MARKER
    path.write_text(MARKER_HEADER + "".join(entry + "\n" for entry in site_entries(Path(site))), encoding="utf-8")
    return path


def write_site_assets(site_dir: str | Path) -> Path:
    """The site's index page and its Vega bundle; returns the index page."""
    write_vega_bundle(site_dir)
    return write_site_index(site_dir)


if __name__ == "__main__":
    # After a plain `quarto render`, which renders the whole site anew into its output folder: the folder is
    # this project's report, so it is marked as papertrends' and a later `papertrends report` may replace it.
    site = sys.argv[1] if len(sys.argv) > 1 else os.environ.get("QUARTO_PROJECT_OUTPUT_DIR", "_site")
    write_site_assets(site)
    write_site_marker(site)
