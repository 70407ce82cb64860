"""Bad input, one case at a time: each gives a one-line message naming file, position and reason, a row in
rejects, no crash, and read + rejected = seen."""

import gzip
import json

import pytest
from spacy.language import Language
from typer.testing import CliRunner

from analysis.build import build
from analysis.cli import app
from analysis.store import connect

# Each case builds a database from a crafted file: in make test, not in make test-fast.
pytestmark = pytest.mark.slow

GOOD = {"id": "2401.00001", "title": "A Good Paper", "abstract": "We gain 5% on GSM8K."}


def jsonl(*records):
    return "".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in records).encode()


CASES = {
    "empty file": (b"", "empty file"),
    "binary garbage": (bytes(range(256)) * 4, "binary content"),
    "truncated gzip": (
        gzip.compress(
            jsonl(*(GOOD | {"id": f"2401.{i:05d}", "abstract": f"We test {i * 7919} things."} for i in range(3000)))
        )[:20_000],
        "cannot decompress",
    ),
    "latin-1 line": (
        jsonl(GOOD) + '{"id": "x", "title": "Caf\u00e9", "abstract": "R\u00e9sum\u00e9."}\n'.encode("latin-1"),
        "not UTF-8: byte 0xe9",
    ),
    "cp-1252 line": (
        jsonl(GOOD) + '{"id": "x", "title": "\u201cQuoted\u201d", "abstract": "Text."}\n'.encode("cp1252"),
        "not UTF-8: byte 0x93",
    ),
    "nul bytes": (jsonl(GOOD) + b'{"id": "x",\x00 "title": "T", "abstract": "A."}\n', "not JSON"),
    "deep nesting": (jsonl(GOOD) + b'{"id": ' + b"[" * 100_000 + b"]" * 100_000 + b"}\n", "nested too deeply"),
    "not an object": (jsonl(GOOD, [1, 2, 3]), "not an object"),
    "null field": (jsonl(GOOD, {"id": "x", "title": None, "abstract": "A."}), "missing field 'title'"),
    "impossible date": (
        jsonl(GOOD, {"id": "x", "title": "T", "abstract": "A.", "published": "2024-02-30"}),
        "published is not a date",
    ),
    "abstract of 1 MB": (
        jsonl(GOOD, {"id": "x", "title": "T", "abstract": "word " * 200_000}),
        "abstract of 999,999 characters is over the limit of 200,000",
    ),
    "abstract of 10 MB": (
        jsonl(GOOD, {"id": "x", "title": "T", "abstract": "word " * 2_000_000}),
        "is over the limit of 10,000,000 bytes",
    ),
    "line of 100 MB": (
        jsonl(GOOD) + b'{"id": "x", "pad": "' + b"z" * 100_000_000 + b'"}\n',
        "record of 100,000,023 bytes is over the limit of 10,000,000 bytes",
    ),
}


@pytest.mark.parametrize("case", CASES)
def test_each_bad_input_is_rejected_with_file_position_and_reason(tmp_path, case):
    content, reason = CASES[case]
    path = tmp_path / ("input.jsonl.gz" if case == "truncated gzip" else "input.jsonl")
    path.write_bytes(content)
    db = tmp_path / "bad.duckdb"
    summary = build([path], db, progress=False)  # the default limits: 10 MB a record, 200,000 characters a field
    assert any(reason in r.reason for r in summary.rejects), [r.reason for r in summary.rejects]
    assert summary.read + summary.rejected == summary.seen
    with connect(db, read_only=True) as con:
        stored = con.execute("SELECT source_file, position, reason FROM rejects").fetchall()
    assert any(file == str(path) and reason in text for file, _, text in stored)
    message = next(r.message() for r in summary.rejects if reason in r.reason)
    assert message.startswith(f"{path}:") and "\n" not in message


def test_utf8_bom_is_not_a_problem(tmp_path):
    path = tmp_path / "bom.jsonl"
    path.write_bytes(b"\xef\xbb\xbf" + jsonl(GOOD))
    summary = build([path], tmp_path / "bom.duckdb", progress=False)
    assert (summary.read, summary.rejected) == (1, 0)


def test_markup_in_titles_is_kept_as_text(tmp_path):
    path = tmp_path / "markup.jsonl"
    title = "\\textsc{Bold} <i>HTML</i> **Markdown** Title"
    path.write_bytes(jsonl(GOOD | {"title": title}))
    db = tmp_path / "markup.duckdb"
    build([path], db, progress=False)
    with connect(db, read_only=True) as con:
        assert con.execute("SELECT title FROM papers").fetchone() == (title,)


def test_duplicate_ids_with_different_text_follow_the_merge_rule(tmp_path):
    first, second = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    first.write_bytes(jsonl(GOOD))
    second.write_bytes(jsonl(GOOD | {"abstract": "A different abstract of the same paper."}))
    db = tmp_path / "dup.duckdb"
    summary = build([first, second], db, progress=False)
    assert (summary.read, summary.papers, summary.rejected) == (2, 1, 0)
    with connect(db, read_only=True) as con:
        # Same source kind, no listing day: the first read wins; both sightings are kept.
        assert con.execute("SELECT abstract, source_file FROM papers").fetchone() == (GOOD["abstract"], str(first))
        assert con.execute("SELECT count(*) FROM sightings").fetchone() == (2,)


def test_limits_are_options_of_the_command(tmp_path):
    path = tmp_path / "long.jsonl"
    path.write_bytes(jsonl(GOOD | {"abstract": "x" * 5000}, GOOD | {"id": "2401.00002"}))
    result = CliRunner().invoke(
        app, ["build", str(path), "--db", str(tmp_path / "l.duckdb"), "--no-progress", "--max-field-chars", "1000"]
    )
    assert result.exit_code == 0
    assert (
        f"rejected {path}:1: abstract of 5,000 characters is over the limit of 1,000 (--max-field-chars)"
        in result.output
    )


@Language.component("test_fails_on_explode")
def _fails_on_explode(doc):
    """A component with a bug that only one paper's text reaches."""
    if "EXPLODE" in doc.text:
        raise ValueError("cannot read this sentence")
    return doc


def test_a_paper_a_component_fails_on_is_rejected_and_the_build_goes_on(tmp_path, monkeypatch):
    """A bug one paper's text reaches in a component does not stop the build: the paper is stored without
    extraction rows, a rejects row names its file, position, the component and the error, and the build says
    so; every other paper is extracted."""
    from analysis.extract import pipeline

    monkeypatch.setattr(pipeline, "COMPONENTS", (*pipeline.COMPONENTS, "test_fails_on_explode"))
    listing = tmp_path / "papers.jsonl"
    bad = GOOD | {"id": "2401.00002", "title": "Second", "abstract": "We EXPLODE by 7% on MMLU."}
    listing.write_bytes(jsonl(GOOD, bad))
    result = CliRunner().invoke(app, ["build", str(listing), "--db", str(tmp_path / "db.duckdb"), "--no-progress"])
    assert result.exit_code == 0, result.output
    assert f"not extracted {listing}:2: extraction failed, paper 2401.00002" in " ".join(result.output.split())
    with connect(tmp_path / "db.duckdb", read_only=True) as con:
        assert con.execute("SELECT count(*) FROM papers").fetchone()[0] == 2
        reason, raw = con.execute("SELECT reason, raw FROM rejects WHERE position = 2").fetchone()
        claims = dict(con.execute("SELECT paper_id, count(*) FROM claims GROUP BY ALL").fetchall())
    assert "test_fails_on_explode on the abstract: ValueError: cannot read this sentence" in reason
    assert json.loads(raw)["id"] == "2401.00002"
    assert claims == {"2401.00001": 1}  # the good paper's "5%"; none of the failed one's


class _BatchFailsOnExplode:
    """A component that works in batches, as a model's do: one bad text fails its whole batch."""

    def __call__(self, doc):
        return next(self.pipe([doc]))

    def pipe(self, docs, batch_size=64):
        docs = list(docs)
        if any("EXPLODE" in doc.text for doc in docs):
            raise ValueError("cannot read this batch")
        yield from docs


@Language.factory("test_batch_fails_on_explode")
def _make_batch_fails_on_explode(nlp, name):
    return _BatchFailsOnExplode()


def test_a_batch_a_batching_component_fails_on_loses_only_the_bad_paper():
    from analysis.extract import build_pipeline
    from analysis.extract.rows import extract_rows
    from analysis.sources import Paper

    nlp = build_pipeline()
    nlp.add_pipe("test_batch_fails_on_explode")
    papers = [
        Paper(f"p{i}", f"Paper {i}", f"We gain {i + 1}% on GSM8K." + (" EXPLODE" if i == 3 else ""), "test", "t", i)
        for i in range(6)
    ]
    rows = extract_rows(papers, nlp, batch_size=4)
    assert [failure["position"] for failure in rows.failures] == [3]
    assert "test_batch_fails_on_explode on the abstract: ValueError" in rows.failures[0]["reason"]
    assert sorted({claim["paper_id"] for claim in rows.claims}) == ["p0", "p1", "p2", "p4", "p5"]
