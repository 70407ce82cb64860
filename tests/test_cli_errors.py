"""Every way a user can get the CLI wrong, run as a user runs it (a subprocess of the real command): a short
message naming the file or option and the reason, a non-zero exit, and never a Python traceback."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

# Each test builds a database, renders pages or runs the real command in a subprocess: not in make test-fast.
pytestmark = pytest.mark.slow

GOLD = Path(__file__).parent / "gold" / "seed.jsonl"

# A stand-in for Quarto that fails the way Quarto does: progress lines naming pages, chatter, then an error.
FAILING_QUARTO = """#!/bin/sh
echo "[1/8] reports/index.qmd"
echo "[2/8] reports/buzzwords.qmd"
i=1
while [ $i -le 30 ]; do echo "quarto chatter line $i"; i=$((i+1)); done
echo "ERROR: [/reports] the page could not be rendered" >&2
exit 1
"""

# name: (arguments, exit status, text the message must hold, lines the message may have, a check of what was
# written). The arguments name the files below: {text} a text file, {csv} a CSV file, {db} the seed database,
# {tmp} the folder holding them, {out} a new folder.
CASES = {
    "eval of a missing gold file": (
        ["eval", "{tmp}/missing.jsonl"],
        1,
        "missing.jsonl: cannot read the gold file: No such file or directory",
        1,
    ),
    "eval of a folder": (["eval", "{tmp}"], 1, "cannot read the gold file: Is a directory", 1),
    "eval --db a text file": (["eval", str(GOLD), "--db", "{text}"], 1, "notes.txt: already exists", 1),
    "eval --db a CSV file": (["eval", str(GOLD), "--db", "{csv}"], 1, "table.csv: already exists", 1),
    "report --db a text file": (
        ["report", "--db", "{text}", "--out", "{out}", "--no-quarto"],
        1,
        "notes.txt: not a papertrends database",
        1,
    ),
    "report --db a CSV file": (
        ["report", "--db", "{csv}", "--out", "{out}", "--no-quarto"],
        1,
        "table.csv: not a papertrends database",
        1,
    ),
    "report --db a missing file": (
        ["report", "--db", "{tmp}/nope.duckdb", "--out", "{out}"],
        1,
        "run `papertrends build` first",
        1,
    ),
    "sql --db a text file": (["sql", "select 1", "--db", "{text}"], 1, "notes.txt", 1),
    # The message does not name the file yet (the sql command's owner has the fix); it is one line, no traceback.
    "sql --db a CSV file": (["sql", "select 1", "--db", "{csv}"], 1, "error", 1),
    "report --out a user's folder": (
        ["report", "--db", "{db}", "--out", "{tmp}", "--no-quarto"],
        1,
        "papertrends did not write (such as notes.txt)",
        1,
    ),
    "report --out a file": (
        ["report", "--db", "{db}", "--out", "{text}", "--no-quarto"],
        1,
        "notes.txt: is a file, not a folder",
        1,
    ),
    "report --out under a file": (
        ["report", "--db", "{db}", "--out", "{text}/site", "--no-quarto"],
        1,
        "notes.txt is a file",
        1,
    ),
    # /sys takes no new folders, not even from root (whom a read-only mode would not stop).
    "report --out a folder that cannot be written": (
        ["report", "--db", "{db}", "--out", "/sys/papertrends-site", "--no-quarto"],
        1,
        "/sys/papertrends-site: cannot write the site there",
        1,
    ),
    "report --quarto without Quarto": (
        ["report", "--db", "{db}", "--out", "{out}", "--quarto"],
        1,
        "quarto is not on PATH",
        1,
    ),
    "report when Quarto fails": (
        ["report", "--db", "{db}", "--out", "{out}", "--quarto"],
        1,
        "quarto render failed on reports/buzzwords.qmd (exit status 1)",
        16,
        lambda result, out: quarto_tail(result, out),
    ),
    "report over a window with no papers": (
        ["report", "--db", "{db}", "--out", "{out}", "--no-quarto", "--since", "1990-01-01", "--until", "1990-12-31"],
        0,
        "report written:",
        1,
        lambda result, out: every_page_says_it_is_empty(out),
    ),
}


@pytest.fixture(scope="module")
def files(tmp_path_factory, seed_db) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("user-files")
    (folder / "notes.txt").write_text("my notes\n")
    (folder / "table.csv").write_text("a,b\n1,2\n")
    return {"text": folder / "notes.txt", "csv": folder / "table.csv", "db": seed_db, "tmp": folder}


def run_cli(args: list[str], env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "analysis.cli", *args], capture_output=True, text=True, env=env, timeout=600
    )


def quarto_tail(result, out):
    """Quarto's last 15 lines follow the message; its earlier ones are left out, and no site is written."""
    assert [line.strip() for line in result.stderr.splitlines()[1:]] == [
        f"quarto chatter line {n}" for n in range(17, 31)
    ] + ["ERROR: [/reports] the page could not be rendered"]
    assert not out.exists()


def every_page_says_it_is_empty(out):
    pages = sorted((out / "reports").glob("*.html"))
    assert len(pages) == 9
    for page in pages:
        assert "No papers in this window" in page.read_text(encoding="utf-8"), page.name
    assert "1990-01-01 to 1990-12-31" in (out / "reports" / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("case", CASES)
def test_a_mistake_is_one_message_and_a_failing_exit(case, files, tmp_path):
    template, status, expected, message_lines, *check = CASES[case]
    user_files = {path: path.read_bytes() for path in files["tmp"].iterdir()}
    env = dict(os.environ)
    if case == "report when Quarto fails":
        (tmp_path / "quarto").write_text(FAILING_QUARTO)
        (tmp_path / "quarto").chmod(0o755)
        env["PATH"] = f"{tmp_path}{os.pathsep}{env['PATH']}"
    elif case == "report --quarto without Quarto":
        env["PATH"] = str(tmp_path)
    out = tmp_path / "site"
    result = run_cli([part.format(out=out, **files) for part in template], env)
    output = result.stdout + result.stderr
    assert result.returncode == status, output
    assert "Traceback" not in output
    assert expected in result.stderr, result.stderr
    assert len(result.stderr.strip().splitlines()) == message_lines, result.stderr
    # Whatever the mistake, the user's files are as they were.
    assert {path: path.read_bytes() for path in files["tmp"].iterdir()} == user_files
    for then in check:
        then(result, out)
