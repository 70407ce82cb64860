"""The headline sentences of the Overview, Claims, Code, Buzzwords and Models pages (analysis.trends.findings),
checked on small databases whose numbers are known: each sentence is true of the papers ("most" only of a
majority), each count of papers links to exactly the papers it counts, and context snippets keep whole words."""

import re
from datetime import date
from itertools import count
from urllib.parse import unquote

import pytest

from analysis import trends
from analysis.store import connect
from analysis.store.db import create_schema
from analysis.trends.findings import share_words

LINK = re.compile(r'\[([^\]]*)\]\((explore\.html#[^ )]*)(?: "([^"]*)")?\)')
_ids = count()


def plain(markdown: str) -> str:
    """A sentence as a reader sees it: each link's text in place of the link, Markdown escapes undone."""
    return re.sub(r"\\(.)", r"\1", LINK.sub(lambda found: found.group(1), markdown))


def linked(markdown: str) -> list[tuple[str, object]]:
    """Each link of a sentence: (its text, the set it opens: a sorted list of ids, or ("field", "value", n) for a
    named set, with its dates ("by", "from", "to", each None when absent) after them when it has any)."""
    found = []
    for text, href, _title in LINK.findall(markdown):
        fragment = href.split("#", 1)[1]
        if fragment.startswith("ids="):
            found.append((text, sorted(unquote(part) for part in fragment[4:].split(","))))
            continue
        parts = dict(part.split("=", 1) for part in fragment.split("&"))
        field, value = (unquote(part) for part in parts.get("set", "all:all").split(":", 1))
        dates = tuple(parts.get(name) for name in ("by", "from", "to"))
        found.append((text, (field, value, int(parts["n"])) + (dates if any(dates) else ())))
    return found


def number(text: str) -> int:
    return int(re.match(r"[\d,]+", text).group().replace(",", ""))


def assert_counts_link_their_sets(lines: list[str]) -> None:
    """Every "N papers" of the sentences (N > 0, not a rate "per 1,000 papers") is a link (a threshold "at least N papers" is not a count), and every link's number
    is the size of the set it opens."""
    for line in lines:
        unlinked = LINK.sub("", line)
        assert not re.search(r"(?<!per )(?<!at least )(?<![\d,])[1-9][\d,]* (dated )?papers?\b", unlinked), line
        for text, opened in linked(line):
            size = len(opened) if isinstance(opened, list) else opened[2]
            if re.match(r"[\d,]+( |$)", text):
                assert number(text) == size, (text, line)


class Fixture:
    """A database built row by row: papers with the claims, names, links and buzzwords a test gives them."""

    def __init__(self, tmp_path):
        self.con = connect(tmp_path / f"findings-{next(_ids)}.duckdb")
        create_schema(self.con)

    def paper(self, day=date(2025, 5, 1), github_repo=None, abstract="An abstract.") -> str:
        paper_id = f"p{next(_ids):03d}"
        self.con.execute(
            "INSERT INTO papers (paper_id, title, abstract, published, github_repo, source, source_file, "
            "source_position, build_id) VALUES (?, 'A title', ?, ?, ?, 'test', 'test.jsonl', 0, 1)",
            [paper_id, abstract, day, github_repo],
        )
        return paper_id

    def claim(self, paper_id, kind, value=1.0, text="1", start=0):
        self.con.execute(
            "INSERT INTO claims (paper_id, field, start_char, end_char, text, value, kind, qualifier, direction, "
            "build_id) VALUES (?, 'abstract', ?, ?, ?, ?, ?, 'none', 'level', 1)",
            [paper_id, start, start + len(text), text, value, kind],
        )

    def name(self, paper_id, label, canonical, family=None, introduced=False):
        self.con.execute(
            "INSERT INTO entities (paper_id, field, start_char, end_char, text, label, canonical, introduced, "
            "build_id, family) VALUES (?, 'abstract', 0, 1, ?, ?, ?, ?, 1, ?)",
            [paper_id, canonical, label, canonical, introduced, family or canonical],
        )

    def link(self, paper_id, host="github", repo="owner/name"):
        self.con.execute(
            "INSERT INTO links (paper_id, field, start_char, end_char, text, url, host, repo, build_id) "
            "VALUES (?, 'abstract', 0, 1, 'x', 'https://x', ?, ?, 1)",
            [paper_id, host, repo],
        )

    def buzzword(self, paper_id, buzzword, times=1):
        for position in range(times):
            self.con.execute(
                "INSERT INTO buzzword_mentions (paper_id, field, start_char, end_char, text, buzzword, build_id) VALUES (?, 'abstract', ?, ?, ?, ?, 1)",
                [paper_id, position, position + 1, buzzword, buzzword],
            )


@pytest.mark.parametrize(
    ("part", "whole", "runner_up", "words"),
    [(3, 5, 1, "most"), (2, 4, 1, "half"), (2, 5, 1, "the largest group"), (2, 6, 2, "tied for the largest group")],
)
def test_share_words_say_most_only_of_a_majority(part, whole, runner_up, words):
    assert share_words(part, whole, runner_up) == words


def claims_db(tmp_path, kinds: list[str], multipliers: list[float]):
    db = Fixture(tmp_path)
    for kind in kinds:
        db.claim(db.paper(), kind)
    for value in multipliers:
        db.claim(db.paper(), "multiplier", value, f"{value:g}x")
    db.paper()  # a paper with no claim
    return db


def test_a_plurality_of_claims_is_called_the_largest_group_not_most(tmp_path):
    # 6 count claims of 18 (33%): the largest group; multipliers 2 of 5 in 2-4x (40%).
    db = claims_db(tmp_path, ["count"] * 6 + ["percent"] * 4 + ["score"] * 3, [2.5, 3, 5, 9, 17])
    found = trends.claims_findings(db.con)
    lines = [plain(line) for line in found.lines]
    assert lines[0] == "**18 claims** in 18 papers of 19 papers (95% state at least one number)."
    assert lines[1] == "**Count** claims are the largest group, not a majority: 6 of 18 claims (33%), in 6 papers."
    assert (
        lines[3] == "Multipliers of 2–4x are the largest group of the claimed multipliers: 2 of 5 (40%), in 2 papers."
    )
    assert not any(line.startswith("Most") for line in lines)
    assert found.titles["kinds"] == "Count claims are the largest group of the numbers (33%)"
    assert found.titles["multipliers"] == "Multipliers of 2–4x are the largest group of the claimed multipliers (40%)"
    assert_counts_link_their_sets(found.lines)
    # The link of "3 papers" opens exactly the papers with a count claim.
    count_papers = sorted(
        row[0] for row in db.con.execute("SELECT DISTINCT paper_id FROM claims WHERE kind = 'count'").fetchall()
    )
    assert linked(found.lines[1])[0][1] == count_papers


def test_a_majority_of_claims_is_called_most(tmp_path):
    db = claims_db(tmp_path, ["count"] * 4 + ["percent"], [2.5, 3, 3.5])
    found = trends.claims_findings(db.con)
    assert plain(found.lines[1]) == "**Count** claims are half, not a majority: 4 of 8 claims (50%), in 4 papers."
    assert plain(found.lines[3]) == "Most claimed multipliers are 2–4x: 3 of 3 (100%), in 3 papers."
    db = claims_db(tmp_path, ["count"] * 5 + ["percent"], [])
    assert plain(trends.claims_findings(db.con).lines[1]) == (
        "Most claims are **count** claims: 5 of 6 (83%), in 5 papers."
    )


def code_db(tmp_path):
    db = Fixture(tmp_path)
    both = db.paper(date(2025, 3, 10), github_repo="a/both")
    db.link(both, repo="a/both")
    db.paper(date(2025, 3, 12), github_repo="a/listing")  # the listing names one, the text links none
    text_only = db.paper(date(2025, 2, 1))  # before any listing names a repository
    db.link(text_only, repo="a/text")
    page_only = db.paper(date(2025, 3, 20))
    db.link(page_only, host="project_page", repo=None)
    db.paper(date(2025, 1, 5))
    db.paper(date(2025, 3, 25))
    return db, {"both": [both], "text": sorted([both, text_only])}


def test_code_findings_name_their_measure_and_show_text_and_listing_apart(tmp_path):
    db, ids = code_db(tmp_path)
    found = trends.code_findings(db.con)
    lines = [plain(line) for line in found.lines]
    assert lines[0] == (
        "**3 papers (50%) have code** by this page's measure: the text links a repository or the listing names one "
        "(code status *released*)."
    )
    assert lines[1] == (
        "The two kinds of evidence: a **repository linked in the text** for 2 papers of 6 papers (33%); a "
        "**repository named by the listing** (its repository field) for 2 papers (33% of all papers, 50% of the "
        "4 papers dated from 10 March 2025, the first day a listing names one); both for 1 paper."
    )
    assert lines[2].startswith("1 paper (17%) link only a project page")
    assert_counts_link_their_sets(found.lines)
    links = linked(found.lines[1])
    assert links[0][1] == ids["text"] and links[-1][1] == ids["both"]
    assert found.titles["measures"] == "The text links a repository for 33% of papers, the listing names one for 33%"


def test_code_counts_too_large_for_their_ids_are_linked_by_their_evidence_and_dates(tmp_path):
    """Over trends.queries.EVIDENCE_IDS papers, a count's link cannot carry ids: Explore selects the papers whose
    text links a repository by its code column, and the listing era by date (listing day, else published)."""
    db = Fixture(tmp_path)
    db.con.execute(
        "INSERT INTO papers (paper_id, title, abstract, published, github_repo, source, source_file, source_position, "
        "build_id) SELECT 'q' || i, 'A title', 'An abstract.', DATE '2025-01-01' + CAST(i // 100 AS INTEGER), "
        "CASE WHEN i >= 300 THEN 'a/listed' END, 'test', 'test.jsonl', i, 1 FROM range(1500) t(i)"
    )
    db.con.execute(
        "INSERT INTO links (paper_id, field, start_char, end_char, text, url, host, repo, build_id) "
        "SELECT 'q' || i, 'abstract', 0, 1, 'x', 'https://x', 'github', 'a/b', 1 FROM range(1100) t(i)"
    )
    lines = trends.code_findings(db.con).lines
    assert_counts_link_their_sets(lines)
    # "a repository linked in the text for 1,100 papers of 1,500 papers; ... named by the listing for 1,200 papers
    # (..., 100% of the 1,200 papers dated from 4 January 2025, ...); both for 800 papers."
    text, papers, listing, listing_era, both = (opened for _, opened in linked(lines[1]))
    assert text == ("code", "text", 1100) and papers == ("all", "all", 1500)
    assert listing == ("code", "listing", 1200)
    # The listing names a repository from paper q300 on, dated 1 January + 3 days.
    assert listing_era == ("all", "all", 1200, "day", "2025-01-04", None)
    assert len(both) == 800


def test_overview_counts_models_and_datasets_by_one_rule_the_family(tmp_path):
    db = Fixture(tmp_path)
    # ImageNet is the single dataset name in most papers (3), but SWE-bench's two names are in 4 papers.
    for _ in range(3):
        db.name(db.paper(), "DATASET", "ImageNet")
    papers = [db.paper() for _ in range(4)]
    for paper_id in papers[:2]:
        db.name(paper_id, "DATASET", "SWE-bench Verified", "SWE-bench")
    for paper_id in papers[1:]:
        db.name(paper_id, "DATASET", "SWE-bench Lite", "SWE-bench")
    for paper_id in papers[:3]:
        db.name(paper_id, "MODEL", "Qwen3-8B", "Qwen")
    db.name(papers[3], "MODEL", "GPT-4o", "GPT")
    db.con.execute("UPDATE papers SET github_repo = 'a/b' WHERE paper_id = ?", [papers[0]])
    found = trends.overview_findings(db.con)
    lines = [plain(line) for line in found.lines]
    assert (
        "The dataset or benchmark family named in the most papers is **SWE-bench**, in 4 papers under 2 names; its leading name, SWE-bench Lite, is in 3 papers."
        in lines
    )
    assert "The model or method family named in the most papers is **Qwen**, in 3 papers under 1 name." in lines
    assert any(line.startswith("Models and datasets are counted by family") for line in lines)
    boxes = {label: (value, note) for label, value, note in found.boxes}
    assert boxes["Most-used dataset family"] == ("SWE-bench", "in 4 papers; most: SWE-bench Lite")
    assert boxes["Code: text or listing"] == ("14%", "1 paper; text links: 0%, listing field: 14%")
    assert lines[1].startswith("**14% have code** (1 paper: the text links a repository or the listing names one)")
    assert_counts_link_their_sets(found.lines)


def test_buzzwords_findings_name_the_one_with_most_mentions(tmp_path):
    db = Fixture(tmp_path)
    papers = [db.paper() for _ in range(4)]
    for paper_id in papers:
        db.buzzword(paper_id, "large language model")
    db.buzzword(papers[0], "scalability", times=6)
    found = trends.buzzwords_findings(db.con)
    lines = [plain(line) for line in found.lines]
    assert lines[0] == "**large language model**: 4 mentions in 4 papers of 4 papers (1,000 per 1,000 papers)."
    assert lines[-1] == (
        "Of the 2 buzzwords in most papers, **scalability** has the most mentions: 6, 6.0 per paper that uses it (1 paper)."
    )
    assert found.titles["mentions"] == "scalability has the most mentions: 1,500 per 1,000 papers"
    assert_counts_link_their_sets(found.lines)


def test_models_findings_link_each_leading_name(tmp_path):
    db = Fixture(tmp_path)
    papers = [db.paper() for _ in range(3)]
    for paper_id in papers:
        db.name(paper_id, "MODEL", "Qwen3-8B", "Qwen")
    db.name(papers[0], "MODEL", "Qwen2.5", "Qwen", introduced=True)
    found = trends.models_findings(db.con)
    lines = [plain(line) for line in found.lines]
    assert lines[0] == (
        "The model or method family named in the most papers: **Qwen**, in 3 papers under 2 names; the leading ones: "
        "Qwen3-8B (3 papers), Qwen2.5 (1 paper)."
    )
    assert (
        lines[2]
        == "1 of the 2 model or method names in the most papers is introduced by a paper of this set; the other one is only used."
    )
    assert_counts_link_their_sets(found.lines)


def test_a_leader_by_papers_is_said_to_lead_by_papers_and_a_tie_is_a_tie(tmp_path):
    """Names are ranked by papers, so the leader is 'in the most papers', not 'most mentioned': here GPT-4o has
    more mentions in fewer papers. When two names share the most papers, neither is said to lead alone."""
    db = Fixture(tmp_path)
    papers = [db.paper() for _ in range(3)]
    for paper_id in papers:
        db.name(paper_id, "MODEL", "Qwen3-8B", "Qwen")
    for _ in range(5):
        db.name(papers[0], "MODEL", "GPT-4o", "GPT")
    frame = trends.top_entities(db.con, "MODEL")
    assert trends.leader_title(frame, "model", "models") == "Qwen3-8B is named in more papers (3) than any other model"
    single = plain(trends.models_findings(db.con).lines[1])
    assert single.startswith("The single model or method name in the most papers: **Qwen3-8B**, in 3 papers")
    for paper_id in papers[1:]:
        db.name(paper_id, "MODEL", "GPT-4o", "GPT")
    frame = trends.top_entities(db.con, "MODEL")
    assert trends.leader_title(frame, "model", "models") in {
        f"{a} and {b} are each named in 3 papers, more than any other model"
        for a, b in (("Qwen3-8B", "GPT-4o"), ("GPT-4o", "Qwen3-8B"))
    }
    assert "(tied with " in trends.models_findings(db.con).lines[0]
    assert trends.leader_title(frame.clear(), "model", "models") == "No models found"


def test_claim_context_keeps_whole_words(tmp_path):
    db = Fixture(tmp_path)
    words = " ".join(f"word{index:02d}" for index in range(60))  # 7 characters a word, 420 in all
    start = words.index("word30")
    paper_id = db.paper(abstract=words)
    db.claim(paper_id, "percent", 5.0, "word30", start)
    context = trends.largest_claims(db.con, "percent").row(0, named=True)["context"]
    assert "word30" in context
    pieces = context.split(" ")
    assert all(re.fullmatch(r"word\d\d", piece) for piece in pieces), context
    assert len(context) <= 200


def test_the_listing_field_is_dated_only_when_it_starts_after_the_papers():
    from datetime import date

    from analysis.trends.findings import _listing_field_span

    # The Hugging Face field starts in March 2025: a database from May 2024 says so...
    assert _listing_field_span(date(2025, 3, 4), date(2024, 5, 27)) == "the field is filled from March 2025, not before"
    # ...one that starts in March 2026 must not make it sound as if the field started then.
    assert (
        _listing_field_span(date(2026, 3, 1), date(2026, 3, 1))
        == "the field is filled from the first month of these papers"
    )


def test_a_family_of_one_name_is_said_so(tmp_path):
    db = Fixture(tmp_path)
    for paper_id in [db.paper() for _ in range(2)]:
        db.name(paper_id, "DATASET", "GSM8K", "GSM8K")
    lines = [plain(line) for line in trends.models_findings(db.con).lines]
    assert (
        lines[0]
        == "The dataset or benchmark family named in the most papers: **GSM8K**, in 2 papers under one name: GSM8K (2 papers)."
    )
