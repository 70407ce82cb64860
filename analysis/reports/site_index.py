"""Writes ``index.html`` at the top of the rendered site, sending readers to the overview page.

Quarto runs this file as the project's post-render script (it sets QUARTO_PROJECT_OUTPUT_DIR);
the fallback renderer calls ``write_site_index`` directly."""

from __future__ import annotations

import os
import sys
from pathlib import Path

REDIRECT = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>papertrends report</title>
<meta http-equiv="refresh" content="0; url=reports/index.html"></head>
<body><p><a href="reports/index.html">Open the papertrends report</a></p></body></html>
"""


def write_site_index(site_dir: str | Path) -> Path:
    path = Path(site_dir) / "index.html"
    path.write_text(REDIRECT, encoding="utf-8")
    return path


if __name__ == "__main__":
    write_site_index(os.environ.get("QUARTO_PROJECT_OUTPUT_DIR") or (sys.argv[1] if len(sys.argv) > 1 else "_site"))
