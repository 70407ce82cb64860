"""Real listing formats, read from small copies of the shared corpora in tests/fixtures/."""

import gzip
import json
from datetime import UTC

import pytest
from conftest import FIXTURES

from analysis.build import build, read_inputs
from analysis.sources import ListingError, Paper, Reject, detect_format, read_listing
from analysis.store import connect


def test_hf_daily_papers_response():
    records = list(read_listing(FIXTURES / "2025-06-10.json"))
    assert detect_format(FIXTURES / "2025-06-10.json") == "hf_daily_papers"
    assert len(records) == 3 and all(isinstance(r, Paper) for r in records)
    first = records[0]
    assert (first.paper_id, first.arxiv_id) == ("2506.08007", "2506.08007")
    assert first.title == "Reinforcement Pre-Training"
    assert first.published.isoformat() == "2025-06-09"
    assert first.listed.isoformat() == "2025-06-10"  # the featured day, from the file name
    raw = json.loads((FIXTURES / "2025-06-10.json").read_text(encoding="utf-8"))[0]["paper"]
    assert first.upvotes == raw["upvotes"] > 0 and first.authors[0] == raw["authors"][0]["name"]
    assert list(first.keywords) == raw["ai_keywords"]


def test_hf_response_wrapped_in_data_and_repr_items_are_rejected():
    records = list(read_listing(FIXTURES / "2025-01-10.json.gz"))
    assert [type(r).__name__ for r in records] == ["Reject", "Reject"]
    assert records[0].position == 1
    assert records[0].reason == "item is a string (Python repr text), not a JSON object"
    assert records[0].raw.startswith("{'paper': {'id': '2501.")


def test_arxiv_listing_takes_the_day_from_the_file_name():
    records = list(read_listing(FIXTURES / "2025-03-18.jsonl.gz"))
    assert detect_format(FIXTURES / "2025-03-18.jsonl.gz") == "arxiv_listing"
    assert len(records) == 3
    assert records[0].paper_id == "2503.11731"
    assert records[0].listed.isoformat() == "2025-03-18"
    assert records[0].categories == ("cs.CV", "cs.RO")
    assert records[0].published is None


def test_arxiv_snapshot_dates_and_categories():
    records = list(read_listing(FIXTURES / "arxiv-snapshot-head3.jsonl"))
    assert detect_format(FIXTURES / "arxiv-snapshot-head3.jsonl") == "arxiv_snapshot"
    first = records[0]
    assert first.paper_id == "0704.0001"
    assert first.published.isoformat() == "2007-04-02"  # versions[0].created, an RFC 2822 date
    assert first.categories == ("hep-ph",)
    assert "\n" not in first.abstract and not first.title.endswith(" ")


def test_truncated_gzip_keeps_what_was_read_and_rejects_the_rest(tmp_path):
    whole = gzip.compress(
        b"".join(
            f'{{"id": "2401.{i:05d}", "title": "Paper {i}", "abstract": "We test {i} things."}}\n'.encode()
            for i in range(2000)
        )
    )
    truncated = tmp_path / "cut.jsonl.gz"
    truncated.write_bytes(whole[: len(whole) // 2])
    records = read_inputs([truncated])
    assert 0 < records.read < 2000
    assert len(records.rejects) == 1 and "cannot decompress" in records.rejects[0].reason
    assert records.read + len(records.rejects) == records.seen_per_file[str(truncated)]


def test_one_paper_seen_in_two_sources_is_one_row_with_two_sightings(tmp_path):
    hf = tmp_path / "2025-03-19.json"
    hf.write_text(
        '[{"paper": {"id": "2503.11731", "title": "Shared Paper", "summary": "Seen on HF.", '
        '"upvotes": 7, "githubRepo": "https://github.com/a/b", "publishedAt": "2025-03-14T10:00:00Z"}}]'
    )
    db = tmp_path / "both.duckdb"
    summary = build([FIXTURES / "2025-03-18.jsonl.gz", hf], db, progress=False)
    assert (summary.read, summary.papers) == (4, 3)
    with connect(db, read_only=True) as con:
        paper = con.execute(
            "SELECT source, abstract, upvotes, github_repo, listed, published FROM papers WHERE paper_id = '2503.11731'"
        ).fetchone()
        sightings = con.execute("SELECT source FROM sightings WHERE paper_id = '2503.11731' ORDER BY source").fetchall()
    # The arXiv listing's text wins; the HF record adds upvotes, repository and publication date.
    assert paper[0] == "arxiv_listing" and paper[1] != "Seen on HF."
    assert paper[2:4] == (7, "https://github.com/a/b")
    assert (paper[4].isoformat(), paper[5].isoformat()) == ("2025-03-18", "2025-03-14")
    assert sightings == [("arxiv_listing",), ("hf_daily_papers",)]


@pytest.mark.slow  # builds a database or starts a process: in make test, not make test-fast
def test_rebuilding_skips_unchanged_files_and_extracts_only_new_papers(tmp_path):
    db = tmp_path / "inc.duckdb"
    first = build([FIXTURES / "2025-03-18.jsonl.gz"], db, progress=False)
    assert (first.files_skipped, first.extracted) == (0, 3)
    again = build([FIXTURES / "2025-03-18.jsonl.gz"], db, progress=False)
    assert (again.files_skipped, again.seen, again.extracted) == (1, 0, 0)
    more = build([FIXTURES / "2025-03-18.jsonl.gz", FIXTURES / "2025-06-10.json"], db, progress=False)
    assert (more.files_skipped, more.extracted) == (1, 3)
    with connect(db, read_only=True) as con:
        assert con.execute("SELECT count(*) FROM papers").fetchone() == (6,)
        assert con.execute("SELECT count(DISTINCT pipeline_version) FROM papers").fetchone() == (1,)
    forced = build([FIXTURES / "2025-03-18.jsonl.gz"], db, progress=False, force=True)
    assert (forced.files_skipped, forced.read, forced.extracted) == (0, 3, 0)  # same text, same pipeline


@pytest.mark.parametrize("bad_date", ["2024-13-45", "yesterday", "Mon, 45 Foo 2007 99:00:00 GMT"])
def test_bad_dates_are_rejected(tmp_path, bad_date):
    listing = tmp_path / "dates.jsonl"
    listing.write_text(f'{{"id": "x", "title": "T", "abstract": "A.", "published": "{bad_date}"}}\n')
    (record,) = read_listing(listing)
    assert isinstance(record, Reject) and "published is not a date" in record.reason


def test_arxiv_api_atom_response():
    path = FIXTURES / "arxiv_api_query.xml"
    assert detect_format(path) == "arxiv_atom"
    paper, reject = list(read_listing(path))
    assert (paper.paper_id, paper.published.isoformat()) == ("2506.08007", "2025-06-09")
    assert paper.categories == ("cs.CL", "cs.AI")  # primary category first
    assert paper.authors == ("Qingxiu Dong", "Li Dong")
    assert paper.abstract.startswith(
        "In this work, we introduce Reinforcement Pre-Training (RPT) as a new scaling paradigm"
    )
    assert (reject.position, reject.reason) == (2, "missing field 'summary' (the abstract)")


def test_csv_and_parquet_with_a_column_map(tmp_path):
    import polars as pl

    table = pl.DataFrame(
        {
            "arxiv": ["2401.00001", "2401.00002", "2401.00003"],
            "name": ["First Paper", "Second Paper", "Third Paper"],
            "summary": ["We gain 5% on GSM8K.", "Code: https://github.com/a/b.", None],
            "date": ["2024-01-02", "2024-01-03", "2024-01-04"],
        }
    )
    mapping = {"id": "arxiv", "title": "name", "abstract": "summary", "published": "date"}
    csv_path, parquet_path = tmp_path / "mine.csv", tmp_path / "mine.parquet"
    table.write_csv(csv_path)
    table.write_parquet(parquet_path)
    for path, fmt, first_position in ((csv_path, "csv", 2), (parquet_path, "parquet", 1)):
        assert detect_format(path) == fmt
        records = list(read_listing(path, mapping))
        assert [type(r).__name__ for r in records] == ["Paper", "Paper", "Reject"]
        assert records[0].paper_id == "2401.00001" and records[0].published.isoformat() == "2024-01-02"
        assert records[0].position == first_position
        assert records[2].reason == "missing field 'abstract'"


def test_cli_map_option(tmp_path):
    from typer.testing import CliRunner

    from analysis.cli import app

    listing = tmp_path / "mine.csv"
    listing.write_text("key,headline,text\np1,A Paper,We use 3 datasets.\n")
    db = tmp_path / "map.duckdb"
    result = CliRunner().invoke(
        app, ["build", str(listing), "--db", str(db), "--no-progress", "--map", "id=key,title=headline,abstract=text"]
    )
    assert result.exit_code == 0, result.output
    assert "1 papers read, 0 rejected" in result.output
    bad = CliRunner().invoke(app, ["build", str(listing), "--db", str(db), "--map", "summary"])
    assert bad.exit_code == 1 and "write FIELD=COLUMN" in bad.output


@pytest.mark.slow  # builds a database or starts a process: in make test, not make test-fast
def test_a_build_read_in_small_chunks_gives_the_same_database(tmp_path, tune):
    """Builds stream their records in chunks; papers seen again in a later chunk merge with what is stored."""

    inputs = [FIXTURES / "hf_sample.jsonl", FIXTURES / "2025-03-18.jsonl.gz", FIXTURES / "2025-06-10.json"]
    whole, chunked = tmp_path / "whole.duckdb", tmp_path / "chunked.duckdb"
    build(inputs, whole, progress=False)
    tune(chunk_records=7)
    summary = build(inputs, chunked, progress=False)
    assert (summary.read, summary.papers) == (18, 15)

    def table(db, name):
        with connect(db, read_only=True) as con:
            columns = [c for c in con.execute(f"SELECT * FROM {name} LIMIT 0").pl().columns if c != "build_id"]
            return sorted(con.execute(f"SELECT {', '.join(columns)} FROM {name}").fetchall(), key=repr)

    for name in ("papers", "sightings", "claims", "entities", "links", "buzzword_mentions"):
        assert table(whole, name) == table(chunked, name), name


def write_table(path, columns: dict[str, list]):
    """A user's own file with these columns, written as CSV, JSON lines or Parquet by its suffix."""
    import polars as pl

    frame = pl.DataFrame(columns)
    {".csv": frame.write_csv, ".jsonl": frame.write_ndjson, ".parquet": frame.write_parquet}[path.suffix](path)
    return path


@pytest.mark.parametrize("suffix", [".csv", ".jsonl", ".parquet"])
def test_own_files_need_no_id_a_paper_without_one_gets_the_title_derived_id(tmp_path, suffix):
    from analysis.sources import title_paper_id

    path = write_table(
        tmp_path / f"mine{suffix}",
        {
            "title": ["A Paper Without An Id", "One With Only A Link"],
            "abstract": ["We gain 5% on GSM8K.", "We use ImageNet."],
            "url": [None, "https://arxiv.org/abs/2401.00007v2"],
        },
    )
    first, second = read_listing(path)
    assert (first.paper_id, first.source_id) == (title_paper_id("A Paper Without An Id"), None)
    assert first.paper_id.startswith("title:")
    assert second.paper_id == "2401.00007"  # the arXiv id of the url, as for any record


def test_a_csv_of_your_own_loads_with_a_column_map(tmp_path):
    """The acceptance check of issue 13: columns paper_title,summary,date and no id."""
    from typer.testing import CliRunner

    from analysis.cli import app

    listing = tmp_path / "mine.csv"
    listing.write_text("paper_title,summary,date\nMy Own Paper,We gain 5% on GSM8K.,2024-03-01\n")
    db = tmp_path / "mine.duckdb"
    result = CliRunner().invoke(
        app,
        [
            "build",
            str(listing),
            "--db",
            str(db),
            "--no-progress",
            "--map",
            "title=paper_title,abstract=summary,published=date",
        ],
    )
    assert result.exit_code == 0, result.output
    assert "1 papers read, 0 rejected" in result.output
    with connect(db, read_only=True) as con:
        assert con.execute("SELECT title, published::VARCHAR FROM papers").fetchone() == ("My Own Paper", "2024-03-01")


@pytest.mark.parametrize("suffix", [".csv", ".jsonl", ".parquet"])
def test_columns_that_do_not_fit_are_one_message_with_the_columns_found_and_the_map_to_try(tmp_path, suffix):
    from typer.testing import CliRunner

    from analysis.cli import app

    path = write_table(
        tmp_path / f"mine{suffix}",
        {
            "paper_title": [f"Paper {i}" for i in range(3)],
            "summary": ["We gain 5%."] * 3,
            "date": ["2024-03-01"] * 3,
        },
    )
    result = CliRunner().invoke(app, ["build", str(path), "--db", str(tmp_path / "fit.duckdb"), "--no-progress"])
    assert result.exit_code == 1, result.output
    rejected = [line for line in result.output.splitlines() if line.startswith("rejected")]
    assert rejected == [
        f"rejected {path}: no column 'title' or 'abstract'; columns found: paper_title, summary, date; "
        "try --map title=paper_title,abstract=summary"
    ]
    assert "no papers read" in result.output


@pytest.mark.parametrize("suffix", [".csv", ".jsonl", ".parquet"])
def test_a_map_to_a_column_the_file_does_not_have_is_an_error_naming_it(tmp_path, suffix):
    path = write_table(tmp_path / f"mine{suffix}", {"paper_title": ["A Paper"], "summary": ["We gain 5%."]})
    with pytest.raises(ListingError) as refused:
        list(read_listing(path, {"title": "paper_title", "abstract": "sumary"}))
    assert str(refused.value) == f"{path}: --map abstract=sumary: no such column; columns found: paper_title, summary"


def test_parquet_date_and_timestamp_columns_are_read_as_dates(tmp_path):
    from datetime import date, datetime

    path = write_table(
        tmp_path / "dates.parquet",
        {
            "title": ["Dated Paper"],
            "abstract": ["We gain 5%."],
            "published": [date(2024, 3, 1)],
            "listed": [datetime(2024, 3, 2, 23, 30, tzinfo=UTC)],
        },
    )
    (paper,) = read_listing(path)
    assert (paper.published, paper.listed) == (date(2024, 3, 1), date(2024, 3, 2))


def test_a_naive_parquet_timestamp_is_read_as_its_day(tmp_path):
    from datetime import date, datetime

    path = write_table(
        tmp_path / "naive.parquet", {"title": ["T"], "abstract": ["A."], "published": [datetime(2024, 3, 1, 8)]}
    )
    (paper,) = read_listing(path)
    assert paper.published == date(2024, 3, 1)


def test_iso_dates_in_csv_are_read_as_the_file_writes_them(tmp_path):
    """An ISO date-time keeps its own day, as in JSON lines (pyarrow alone would convert it to UTC first)."""
    from datetime import date

    listing = tmp_path / "dates.csv"
    listing.write_text("title,abstract,published\nLate Paper,We gain 5%.,2024-03-02T00:30:00+02:00\n")
    (paper,) = read_listing(listing)
    assert paper.published == date(2024, 3, 2)


@pytest.mark.slow  # builds a database or starts a process: in make test, not make test-fast
def test_a_csv_column_is_not_typed_by_its_first_rows(tmp_path):
    """A date column whose first megabytes are dates and a later row is not: that row is rejected, the rest read."""
    rows = [f"Paper {i},We test {i} things.,2024-03-01" for i in range(120_000)] + ["Odd Paper,We test more.,soon"]
    listing = tmp_path / "big.csv"
    listing.write_text("title,abstract,published\n" + "\n".join(rows) + "\n")
    assert listing.stat().st_size > 4 << 20  # more than pyarrow's first block
    records = list(read_listing(listing))
    assert sum(isinstance(r, Paper) for r in records) == 120_000
    assert [(r.position, r.reason) for r in records if isinstance(r, Reject)] == [
        (120_002, "published is not a date: 'soon'")
    ]


def test_a_latin1_csv_gets_the_iconv_hint(tmp_path):
    listing = tmp_path / "latin1.csv"
    rows = [f"Étude {i} des réseaux,Résumé très détaillé de l'étude {i} à Genève." for i in range(30)]
    listing.write_bytes(("title,abstract\n" + "\n".join(rows) + "\n").encode("latin-1"))
    build_summary = build([listing], tmp_path / "latin1.duckdb", progress=False)
    (reject,) = build_summary.rejects
    assert reject.message() == (
        f"{listing}: not UTF-8 in column 'title'; the file looks like Latin-1 or CP-1252 text: "
        "convert it to UTF-8 (iconv -f cp1252 -t utf-8)"
    )


def test_json_lines_may_leave_out_a_mapped_field_the_record_has_no_value_for(tmp_path):
    from datetime import date

    listing = tmp_path / "mine.jsonl"
    listing.write_text(
        '{"title": "Undated", "abstract": "We gain 5%."}\n{"title": "Dated", "abstract": "We gain 6%.", "day": "2024-03-01"}\n'
    )
    undated, dated = read_listing(listing, {"published": "day"})
    assert (undated.published, dated.published) == (None, date(2024, 3, 1))


def test_the_map_to_try_names_each_column_once_and_keeps_the_map_given(tmp_path):
    path = write_table(tmp_path / "mine.csv", {"title_text": ["A Paper"], "body": ["We gain 5%."]})
    with pytest.raises(ListingError, match=r"try --map title=title_text,abstract=COLUMN$"):
        list(read_listing(path))
    with pytest.raises(ListingError, match=r"no column 'abstract'; .* try --map title=title_text,abstract=COLUMN$"):
        list(read_listing(path, {"title": "title_text"}))
