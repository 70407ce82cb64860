"""The ``papertrends`` command: build the database, render the report, query with SQL."""

from __future__ import annotations

import json
import os
import sys
from datetime import datetime
from enum import Enum
from pathlib import Path

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from .paths import DEFAULT_DB, RAW_DIR, SITE_DIR

# Polars allocates through its own jemalloc, which keeps freed pages for ten seconds by default. A build hands
# frames from its workers to DuckDB every second or so, and the kept pages added 60 to 80 MB to the building
# process (measured on 300,000 papers). Set before Polars loads (the commands import it lazily); the worker
# processes inherit it.
os.environ.setdefault("_RJEM_MALLOC_CONF", "dirty_decay_ms:0,muzzy_decay_ms:0")

app = typer.Typer(help="Turn listings of machine-learning papers into trend reports.", no_args_is_help=True)
console = Console(stderr=True, soft_wrap=True)


class OutputFormat(str, Enum):
    table = "table"
    csv = "csv"
    json = "json"


def parse_map(text: str | None) -> dict[str, str]:
    """``abstract=summary,published=date`` -> ``{"abstract": "summary", "published": "date"}``."""
    from .sources import ListingError
    from .sources.tabular import FIELDS

    mapping = {}
    for pair in (text or "").split(","):
        if not pair.strip():
            continue
        field, _, column = pair.partition("=")
        if field.strip() not in FIELDS or not column.strip():
            raise ListingError(f"--map {pair!r}: write FIELD=COLUMN with FIELD one of {', '.join(FIELDS)}")
        mapping[field.strip()] = column.strip()
    return mapping


def use_lexicons(folder: Path | None) -> None:
    """A command's ``--lexicons``, for this process and the processes it starts (build workers, the report's
    pages): the rest of the command reads the user's lexicons from there (paths.user_lexicon_dir)."""
    from .paths import LEXICONS_VARIABLE

    if folder is not None:
        os.environ[LEXICONS_VARIABLE] = str(folder.resolve())


@app.command()
def build(
    inputs: list[Path] = typer.Argument(None, help="Listing files or folders (plain or .gz). Default: data/raw/."),
    db: Path = typer.Option(DEFAULT_DB, "--db", help="DuckDB database to create or update."),
    model: str = typer.Option(
        None, "--model", help="Installed spaCy pipeline to start from (e.g. en_core_web_sm) instead of blank English."
    ),
    progress: bool = typer.Option(True, "--progress/--no-progress", help="Show a progress bar."),
    force: bool = typer.Option(False, "--force", help="Read files again even when unchanged since the last build."),
    show_rejects: int = typer.Option(
        20, "--show-rejects", help="How many rejects to print one by one (all are in the rejects table)."
    ),
    max_record_bytes: int = typer.Option(
        10_000_000, "--max-record-bytes", help="Longest record (line) read; longer ones are rejected."
    ),
    max_field_chars: int = typer.Option(
        200_000, "--max-field-chars", help="Longest title or abstract kept; longer ones are rejected."
    ),
    engine: str = typer.Option("local", "--engine", help="Where extraction runs: local, or dask (a Dask cluster)."),
    scheduler: str = typer.Option(
        None, "--scheduler", help="Dask scheduler address (tcp://host:8786); without it, a local cluster."
    ),
    workers: int = typer.Option(
        None,
        "--workers",
        help="Extraction processes on this machine: local engine 1 (this process) by default, a local Dask cluster 2.",
    ),
    shards: Path = typer.Option(
        None, "--shards", help="Folder for the Parquet shards, shared by the workers and this process."
    ),
    wait: float = typer.Option(0.0, "--wait", help="Seconds to wait for another build of the same database to finish."),
    column_map: str = typer.Option(
        None,
        "--map",
        help="Your column names for our fields, e.g. abstract=summary,published=date (JSON lines, CSV, Parquet).",
    ),
    lexicons: Path = typer.Option(
        None,
        "--lexicons",
        help="Your lexicon folder, read in front of the default lexicons (default: $PAPERTRENDS_LEXICONS, else the project's lexicons/).",
    ),
) -> None:
    """Read listings, extract claims, entities, links and buzzwords, and store them in DuckDB."""
    use_lexicons(lexicons)  # before the lexicons module loads: it reads the folder for the files no setting names
    from .build import Engine
    from .build import build as run_build
    from .lexicons import LexiconError
    from .sources import ListingError, expand_inputs
    from .sources.records import Limits
    from .store.staging import BuildLocked

    if engine not in ("local", "dask"):
        console.print(f"[red]error[/red] --engine must be local or dask, not {engine!r}", highlight=False)
        raise typer.Exit(1)
    try:
        mapping = parse_map(column_map)
        files = expand_inputs(inputs or [RAW_DIR])
        if not files:
            raise ListingError(f"{', '.join(str(path) for path in inputs or [RAW_DIR])}: no files to read")
        summary = run_build(
            files,
            db,
            model=model,
            progress=progress and sys.stderr.isatty(),
            force=force,
            mapping=mapping,
            wait_seconds=wait,
            limits=Limits(max_record_bytes, max_field_chars),
            engine=Engine(
                engine, scheduler, workers or (2 if engine == "dask" else 1), str(shards) if shards else None
            ),
            lexicons=lexicons,
        )
    except (ListingError, BuildLocked, LexiconError) as error:
        console.print(f"[red]error[/red] {error}", highlight=False)
        raise typer.Exit(1) from error
    except (KeyboardInterrupt, RuntimeError) as error:
        if isinstance(error, RuntimeError) and str(error) != "Query interrupted":  # DuckDB's word for a Ctrl-C
            raise
        # A build writes a private copy and swaps it in only when complete (store.staging): stopped, it changed nothing.
        console.print("interrupted: database unchanged", highlight=False)
        raise typer.Exit(130) from None
    for reject in summary.rejects[:show_rejects]:
        console.print(f"[yellow]rejected[/yellow] {reject.message()}", highlight=False)
    if len(summary.rejects) > show_rejects:
        console.print(
            f"... and {len(summary.rejects) - show_rejects} more rejects (see the rejects table)", highlight=False
        )
    for failure in summary.failed[:show_rejects]:
        console.print(f"[red]not extracted[/red] {failure.message()}", highlight=False)
    if len(summary.failed) > show_rejects:
        console.print(
            f"... and {len(summary.failed) - show_rejects} more papers not extracted (see the rejects table)",
            highlight=False,
        )
    console.print(
        f"build {summary.build_id}: {summary.files} files ({summary.files_skipped} unchanged, skipped), "
        f"{summary.seen} records seen, {summary.read} papers read, {summary.rejected} rejected; "
        f"{summary.papers} papers updated, {summary.extracted} extracted -> {db}",
        highlight=False,
    )
    if summary.reextracted:
        console.print(f"{summary.reextracted} papers re-extracted: pipeline changed", highlight=False)
    if summary.rematched:
        console.print(
            f"{summary.rematched} papers' buzzwords matched again: the buzzword lexicon changed", highlight=False
        )
    if summary.removed:
        console.print(f"{summary.removed} papers removed: no input file holds them any more", highlight=False)
    files_read = summary.files - summary.files_skipped
    if files_read and not summary.read:
        reason = f"{summary.seen:,} records seen, every one rejected" if summary.seen else "the files hold no records"
        console.print(f"[red]error[/red] no papers read: {reason}", highlight=False)
        raise typer.Exit(1)


@app.command()
def report(
    db: Path = typer.Option(DEFAULT_DB, "--db", help="Database the pages read (opened read-only)."),
    out: Path = typer.Option(SITE_DIR, "--out", help="Folder of the rendered site."),
    quarto: bool = typer.Option(
        None, "--quarto/--no-quarto", help="Force or forbid `quarto render`; default: use it when on PATH."
    ),
    title: str = typer.Option(None, "--title", help="Title shown on every page."),
    since: datetime = typer.Option(
        None, "--since", formats=["%Y-%m-%d"], help="Only papers listed (else published) on or after this day."
    ),
    until: datetime = typer.Option(
        None, "--until", formats=["%Y-%m-%d"], help="Only papers listed (else published) on or before this day."
    ),
    lexicons: Path = typer.Option(
        None,
        "--lexicons",
        help="Your lexicon folder, read in front of the default lexicons (default: $PAPERTRENDS_LEXICONS, else the project's lexicons/).",
    ),
) -> None:
    """Render the report site (quarto render, or the built-in fallback when Quarto is not installed)."""
    from .reports.render import RenderError, render_site

    use_lexicons(lexicons)
    try:
        index = render_site(
            db,
            out,
            use_quarto=quarto,
            title=title,
            since=since.date() if since else None,
            until=until.date() if until else None,
            lexicons=lexicons,
        )
    except RenderError as error:
        # Escaped: Quarto's output and file names may hold [brackets] that Rich would read as markup.
        console.print("[red]error[/red] " + escape(str(error)), highlight=False)
        raise typer.Exit(1) from error
    except KeyboardInterrupt:
        console.print(f"interrupted: {escape(str(out))} is as it was", highlight=False)
        raise typer.Exit(130) from None
    console.print(f"report written: {index}", highlight=False)


@app.command()
def sql(
    query: str = typer.Argument(..., help="One SQL statement to run against the database (read-only)."),
    db: Path = typer.Option(DEFAULT_DB, "--db", help="Database to query."),
    output_format: OutputFormat = typer.Option(OutputFormat.table, "--format", help="table, csv or json."),
) -> None:
    """Run one read-only SQL statement and print its result. It reads the database and no other file
    (use `papertrends export` to write one)."""
    import duckdb
    from rich.markup import escape

    from .store import connect
    from .store.results import QueryError, one_line, run_query, text_rows, write_csv, write_json

    try:
        with connect(db, read_only=True) as con:
            result = run_query(con, query)
            if result is None:
                return
            if output_format is OutputFormat.csv:
                write_csv(result, sys.stdout)
            elif output_format is OutputFormat.json:
                write_json(result, sys.stdout)
            else:
                print_table(result.columns, text_rows(result))
            sys.stdout.flush()
    except (duckdb.Error, QueryError, FileNotFoundError) as error:
        # The message quotes the user's SQL and names: printed as text, not read as Rich markup.
        console.print(f"[red]error[/red] {escape(one_line(error))}", highlight=False)
        raise typer.Exit(1) from error


def print_table(columns: list[str], rows) -> None:
    """A Rich table on stdout: fitted to a terminal, or at its full width when stdout is a pipe or a file,
    so no row is wrapped or cut. Values are shown as text, never read as Rich markup."""
    from rich.text import Text

    table = Table(show_lines=False)
    for name in columns:
        table.add_column(Text(name))

    def cell(value: str | None) -> Text:
        text = Text("" if value is None else value)
        text.expand_tabs()  # before the columns are measured, else a cell with a tab is wrapped
        return text

    for row in rows:
        table.add_row(*map(cell, row))
    # No width is too wide for a pipe: the table takes the width its longest rows need.
    Console(highlight=False, width=None if sys.stdout.isatty() else 1_000_000).print(table)


@app.command()
def results(
    benchmark: str = typer.Option(
        ..., "--benchmark", help="Benchmark whose claimed results to list (case-insensitive)."
    ),
    metric: str = typer.Option(
        None, "--metric", help="Only results of this metric (as in results.metric: accuracy, map, pass@1)."
    ),
    db: Path = typer.Option(DEFAULT_DB, "--db", help="Database to read (opened read-only)."),
    output_format: OutputFormat = typer.Option(OutputFormat.table, "--format", help="table, csv or json."),
) -> None:
    """List the results the papers claim on one benchmark, oldest first, each with the sentence that states it.
    They are the papers' own claims, not verified runs."""
    import duckdb

    from .store import connect
    from .store.results import one_line
    from .trends.results import CAVEAT, benchmark_points, has_results

    try:
        with connect(db, read_only=True) as con:
            if not has_results(con):
                console.print(
                    f"[red]error[/red] {escape(str(db))}: built before claimed results existed; run papertrends build --force",
                    highlight=False,
                )
                raise typer.Exit(1)
            points = benchmark_points(con, benchmark, metric)
    except (duckdb.Error, FileNotFoundError) as error:
        console.print(f"[red]error[/red] {escape(one_line(error))}", highlight=False)
        raise typer.Exit(1) from error
    columns = ["day", "paper_id", "benchmark", "metric", "value", "unit", "comparison", "model", "own", "sentence"]
    points = points.select(columns)
    if output_format is OutputFormat.csv:
        sys.stdout.write(points.write_csv())
    elif output_format is OutputFormat.json:
        sys.stdout.write(points.write_ndjson())
    else:
        print_table(columns, [["" if v is None else str(v) for v in row] for row in points.iter_rows()])
        label = f"{benchmark}" + (f", metric {metric}" if metric else "")
        console.print(f"{points.height} claimed results on {escape(label)}. {CAVEAT}", highlight=False)
    sys.stdout.flush()


@app.command()
def terms(
    since: datetime = typer.Option(
        None, "--since", formats=["%Y-%m-%d"], help="Only papers listed (else published) on or after this day."
    ),
    until: datetime = typer.Option(
        None, "--until", formats=["%Y-%m-%d"], help="Only papers listed (else published) on or before this day."
    ),
    limit: int = typer.Option(30, "--limit", min=1, help="How many rising terms to list."),
    months: int = typer.Option(
        3, "--months", min=1, help="Compare the last N whole months of the papers with the N months before them."
    ),
    min_words: int = typer.Option(2, "--min-words", min=1, max=4, help="Rank only terms of at least this many words."),
    term: str = typer.Option(
        None, "--term", help="Instead: the most upvoted papers (Hugging Face upvotes) that use this term."
    ),
    db: Path = typer.Option(DEFAULT_DB, "--db", help="Database to read (opened read-only)."),
    output_format: OutputFormat = typer.Option(OutputFormat.table, "--format", help="table, csv or json."),
) -> None:
    """List the discovered terms that rose most between the last whole months and as many months before them,
    by the report's significance test; generic phrases and buzzwords the lexicon tracks are left out."""
    import duckdb

    from .store import connect
    from .store.results import one_line
    from .trends import TrendError, default_basis, default_split, restrict_to_window
    from .trends.findings import window_label
    from .trends.terms import rising_terms, spell, top_upvoted

    try:
        with connect(db, read_only=True) as con:
            restrict_to_window(con, since.date() if since else None, until.date() if until else None)
            if term is not None:
                spelled = spell(term)
                frame = top_upvoted(con, [spelled], per_term=limit).frame
                columns = ["day", "upvotes", "github_stars", "paper_id", "title"]
                note = f"{frame.height} most upvoted papers using the term {spelled!r}."
            else:
                basis = default_basis(con)
                split = default_split(con, basis, months)
                if split is None:
                    raise TrendError(
                        "the papers cover fewer than two whole months: there are no two periods to compare"
                    )
                found = rising_terms(
                    con, basis, (split[0], split[1]), (split[1], split[2]), limit=limit, min_words=min_words
                )
                frame = found.frame
                columns = [
                    "term",
                    "kind",
                    "papers",
                    "papers_before",
                    "per_1000_before",
                    "per_1000_after",
                    "g2",
                    "p_value",
                    "log_ratio",
                    "covers",
                ]
                note = (
                    f"{frame.height} rising terms, {window_label(split)} ({basis} date; {found.periods.after[0]} to "
                    f"{found.periods.after[1]} against {found.periods.before[0]} to {found.periods.before[1]}, ends "
                    f"excluded); left out: {len(found.generic_left_out)} generic, {len(found.tracked_left_out)} tracked buzzwords."
                )
    except (duckdb.Error, FileNotFoundError, TrendError) as error:
        console.print(f"[red]error[/red] {escape(one_line(error))}", highlight=False)
        raise typer.Exit(1) from error
    frame = frame.select(columns)
    if output_format is OutputFormat.csv:
        sys.stdout.write(frame.write_csv())
    elif output_format is OutputFormat.json:
        sys.stdout.write(frame.write_ndjson())
    else:
        print_table(
            columns,
            [
                ["" if v is None else (f"{v:.2g}" if isinstance(v, float) and v < 0.01 else str(v)) for v in row]
                for row in frame.iter_rows()
            ],
        )
        console.print(escape(note), highlight=False)
    sys.stdout.flush()


class ExportFormat(str, Enum):
    csv = "csv"
    parquet = "parquet"
    json = "json"


@app.command()
def export(
    table: str = typer.Argument(None, help="Table or view to write (or give --query)."),
    query: str = typer.Option(None, "--query", help="One SELECT whose rows to write, instead of a TABLE."),
    output_format: ExportFormat = typer.Option(None, "--format", help="csv, parquet or json; default: --out's suffix."),
    out: Path = typer.Option(..., "--out", help="File to write; an existing file is kept unless --force."),
    db: Path = typer.Option(DEFAULT_DB, "--db", help="Database to read (opened read-only)."),
    force: bool = typer.Option(False, "--force", help="Replace --out if it exists."),
) -> None:
    """Write a table, a view or a query's rows to one CSV, Parquet or JSON file."""
    import duckdb
    from rich.markup import escape

    from .store.results import QueryError, one_line
    from .store.results import export as run_export

    try:
        run_export(db, out, output_format.value if output_format else None, table=table, query=query, force=force)
    except (duckdb.Error, QueryError, FileNotFoundError) as error:
        # The message quotes the user's SQL and names: printed as text, not read as Rich markup.
        console.print(f"[red]error[/red] {escape(one_line(error))}", highlight=False)
        raise typer.Exit(1) from error
    console.print(f"exported -> {escape(str(out))}", highlight=False)


@app.command()
def bench(
    corpus: Path = typer.Option(None, "--corpus", help="Listing file or folder to measure on (default: data/raw/)."),
    scale: int = typer.Option(
        0, "--scale", help="Number of abstracts; the corpus is repeated with fresh ids to reach it."
    ),
    model_sample: int = typer.Option(
        100, "--model-sample", help="Abstracts given to en_core_web_sm and quantulum3 (they are slow)."
    ),
    json_path: Path = typer.Option(None, "--json", help="Also write the figures as JSON here."),
    build_only: bool = typer.Option(
        False,
        "--build-only",
        help="Only the end-to-end build of --scale papers (streamed from disk) and the report queries on it.",
    ),
    workers: int = typer.Option(1, "--workers", help="Extraction processes of the --build-only build."),
    keep: Path = typer.Option(None, "--keep", help="Keep the --build-only database here."),
    compare_terms: int = typer.Option(
        0,
        "--compare-terms",
        help="With --build-only: this many pairs of builds, each with term discovery then without, and the ratios.",
    ),
) -> None:
    """Measure each stage (read, extract, store, report queries) and the baselines, in one run; or, with
    --build-only, a build of --scale papers as a user runs it."""
    from .bench import compare_terms as run_compare_terms
    from .bench import run_bench, run_scale_build

    if build_only and compare_terms:
        figures = run_compare_terms(corpus, scale, workers, pairs=compare_terms)
    elif build_only:
        figures = run_scale_build(corpus, scale, workers, keep)
    else:
        figures = run_bench(corpus, scale, model_sample=model_sample)
    text = json.dumps(figures, indent=2, ensure_ascii=False)
    if json_path:
        json_path.write_text(text + "\n", encoding="utf-8")
    print(text)


@app.command("eval")
def evaluate_gold(
    gold: list[Path] = typer.Argument(..., help="Gold files (JSON lines, format in tests/gold/README.md)."),
    db: Path = typer.Option(None, "--db", help="Keep the scratch database of the gold papers here."),
    model: str = typer.Option(None, "--model", help="Installed spaCy pipeline to start from."),
    details: bool = typer.Option(True, "--details/--summary", help="List every miss, false hit and wrong attribute."),
) -> None:
    """Score the extraction against a gold set: P/R/F1 per kind, accuracies, misses and false hits, and the results
    missed or wrong counted by reason (also with --summary, so a test part's errors can be located unread)."""
    from .evaluate import GoldError, evaluate, format_report

    if db is not None and (db.exists() or db.is_symlink()):
        # The gold papers would be built into it: a user's database gains them, any other file is not one.
        console.print(
            f"[red]error[/red] --db {escape(str(db))}: already exists; eval writes its database only to a new file",
            highlight=False,
        )
        raise typer.Exit(1)
    try:
        result = evaluate(gold, db_path=db, model=model)
    except GoldError as error:
        console.print("[red]error[/red] " + escape(str(error)), highlight=False)
        raise typer.Exit(1) from error
    except OSError as error:
        where = f"{error.filename}: " if error.filename else ""
        console.print(f"[red]error[/red] {escape(where + (error.strerror or str(error)))}", highlight=False)
        raise typer.Exit(1) from error
    print(format_report(result, details=details))
    failures = result.failures()
    if failures:
        console.print("[red]below the bar:[/red] " + "; ".join(failures), highlight=False)
        raise typer.Exit(2)


lexicon_app = typer.Typer(
    help="Add, list and remove the buzzwords, models and datasets of your lexicon folder.", no_args_is_help=True
)
app.add_typer(lexicon_app, name="lexicon")
LEXICONS_HELP = "Your lexicon folder (default: $PAPERTRENDS_LEXICONS, else the project's lexicons/)."


def _lexicon_error(error: Exception) -> typer.Exit:
    console.print("[red]error[/red] " + escape(str(error)), highlight=False)
    return typer.Exit(1)


@lexicon_app.command("add")
def lexicon_add(
    kind: str = typer.Argument(..., help="buzzword, model or dataset."),
    term: str = typer.Argument(..., help="The term as the report names it (a buzzword, a canonical name)."),
    variants: str = typer.Option("", "--variants", help="Other ways it is written, separated by |."),
    lexicons: Path = typer.Option(None, "--lexicons", help=LEXICONS_HELP),
) -> None:
    """Add a term to your lexicon folder (the first edit copies the default file there). The next build
    counts it; a buzzword change re-matches buzzwords only."""
    from .lexicons import LexiconError
    from .user_lexicons import add

    try:
        entry = add(kind, term, variants.split("|"), lexicons)
    except LexiconError as error:
        raise _lexicon_error(error) from None
    shown = f" ({' | '.join(entry.variants)})" if entry.variants else ""
    console.print(
        f"added {entry.kind} {escape(entry.term)}{escape(shown)} -> {escape(str(entry.file))}", highlight=False
    )


@lexicon_app.command("remove")
def lexicon_remove(
    kind: str = typer.Argument(..., help="buzzword, model or dataset."),
    term: str = typer.Argument(..., help="The term to remove, with all its variants."),
    lexicons: Path = typer.Option(None, "--lexicons", help=LEXICONS_HELP),
) -> None:
    """Remove a term from your lexicon folder (the first edit copies the default file there)."""
    from .lexicons import LexiconError
    from .user_lexicons import remove

    try:
        entry = remove(kind, term, lexicons)
    except LexiconError as error:
        raise _lexicon_error(error) from None
    console.print(f"removed {entry.kind} {escape(entry.term)} from {escape(str(entry.file))}", highlight=False)


@lexicon_app.command("list")
def lexicon_list(
    kind: str = typer.Argument(None, help="buzzword, model or dataset; default: all three."),
    lexicons: Path = typer.Option(None, "--lexicons", help=LEXICONS_HELP),
    output_format: OutputFormat = typer.Option(OutputFormat.table, "--format", help="table, csv or json."),
) -> None:
    """List the terms a build reads: your copy of each lexicon, else the default file."""
    import csv

    from .lexicons import LexiconError
    from .user_lexicons import KINDS, entries, kind_of

    try:
        kinds = [kind_of(kind)] if kind else list(KINDS.values())
        rows = [
            [entry.kind, entry.term, "|".join(entry.variants), str(entry.file)]
            for chosen in kinds
            for entry in entries(chosen, lexicons)
        ]
    except LexiconError as error:
        raise _lexicon_error(error) from None
    columns = ["kind", "term", "variants", "file"]
    if output_format is OutputFormat.csv:
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerows([columns, *rows])
    elif output_format is OutputFormat.json:
        for row in rows:
            sys.stdout.write(json.dumps(dict(zip(columns, row, strict=True)), ensure_ascii=False) + "\n")
    else:
        print_table(columns, rows)
    sys.stdout.flush()


if __name__ == "__main__":
    app()
