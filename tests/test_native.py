"""The components are spaCy components in spaCy's sense (issue 18 item 1): what they leave on a Doc survives
``doc.to_bytes()``, ``DocBin(store_user_data=True)`` and ``nlp.pipe(n_process=2)``, and a pipeline saved with
``nlp.to_disk()`` loads with ``spacy.load()`` in a fresh process through the ``spacy_factories`` entry points.

The summary of a Doc is a piece of source run both here and in the fresh process, which must not import
papertrends itself: spaCy has to find the components on its own."""

from __future__ import annotations

import json
import subprocess
import sys
from importlib.metadata import entry_points

import pytest
import spacy
from spacy.tokens import Doc, DocBin

from analysis.extract.pipeline import COMPONENTS

SUMMARY_SOURCE = '''
def summary(doc):
    """Everything the papertrends components leave on a Doc, as plain JSON values."""
    from spacy.tokens import Span

    attrs = [a for a in ("canonical", "introduced", "family", "label_source") if Span.has_extension(a)]
    groups = {
        key: [[s.start_char, s.end_char, s.label_, [s._.get(a) for a in attrs]] for s in group]
        for key, group in sorted(doc.spans.items())
    }
    return {
        "text": doc.text,
        "spans": groups,
        "ents": [[e.start_char, e.end_char, e.label_] for e in doc.ents],
        # DocBin reads lists back as tuples (srsly's msgpack): the same records.
        "claims": [dict(record) for record in doc._.claims],
        "claim_changes": [dict(record) for record in doc._.claim_changes],
        "links": [dict(record) for record in doc._.links],
        "results": [dict(record) for record in doc._.results],
        "terms": dict(doc._.term_counts or {}),
        "acronyms": [dict(doc._.acronym_counts or {}), dict(doc._.acronym_expansions or {})],
    }
'''
exec(SUMMARY_SOURCE)

TEXTS = [
    "StitchDiffusion: we reach 45.2 mAP on COCO with GPT-4, up to 50x faster. Code: https://github.com/a/b.",
    "Accuracy rises from 48.3% to 58.3% on ImageNet-1K; the code will be released at https://x.github.io.",
    "We propose FlowNet-XL, a world model trained on 3.9K annotated videos, and outperform Llama-3 8B.",
    "A title with no numbers and no names at all",
]
# Each default component writes the span group named after it, except term discovery (doc._.term_counts).
GROUPS = tuple(name for name in COMPONENTS if name != "papertrends_terms")


def _expected(nlp):
    return [summary(doc) for doc in nlp.pipe(TEXTS)]  # noqa: F821 (defined by exec above)


def test_summaries_are_not_empty(nlp):
    """The round trips below compare something: every kind of result occurs in the texts."""
    found = _expected(nlp)
    assert all(any(s["spans"][key] for s in found) for key in GROUPS)
    assert all(any(s[key] for s in found) for key in ("claims", "claim_changes", "links", "ents", "terms"))
    json.dumps(found)  # primitives only


def test_doc_to_bytes_round_trip(nlp):
    for text, expected in zip(TEXTS, _expected(nlp), strict=True):
        restored = Doc(nlp.vocab).from_bytes(nlp(text).to_bytes())
        assert summary(restored) == expected  # noqa: F821


def test_docbin_with_user_data_round_trip(nlp):
    docbin = DocBin(store_user_data=True)
    for doc in nlp.pipe(TEXTS):
        docbin.add(doc)
    restored = DocBin().from_bytes(docbin.to_bytes())
    assert [summary(doc) for doc in restored.get_docs(nlp.vocab)] == _expected(nlp)  # noqa: F821


def test_pipe_with_two_processes_gives_what_one_gives(nlp):
    parallel = [summary(doc) for doc in nlp.pipe(TEXTS, n_process=2, batch_size=1)]  # noqa: F821
    assert parallel == _expected(nlp)


@pytest.mark.slow  # builds a database or starts a process: in make test, not make test-fast
def test_saved_pipeline_loads_in_a_fresh_process(nlp, tmp_path):
    nlp.to_disk(tmp_path / "pipeline")
    script = (
        SUMMARY_SOURCE
        + f"""
import json, sys
import spacy
assert "analysis.extract" not in sys.modules
nlp = spacy.load({str(tmp_path / "pipeline")!r})
print(json.dumps({{"pipes": nlp.pipe_names, "docs": [summary(doc) for doc in nlp.pipe({TEXTS!r})]}}))
"""
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    loaded = json.loads(done.stdout)
    assert loaded["pipes"] == nlp.pipe_names
    assert loaded["docs"] == _expected(nlp)


@pytest.mark.parametrize("name", GROUPS)
def test_every_factory_has_an_entry_point(name):
    """spaCy finds each factory without papertrends imported first (what ``spacy.load`` relies on)."""
    found = {entry.name for entry in entry_points(group="spacy_factories")}
    assert name in found
    assert spacy.language.Language.has_factory(name)


def _example(nlp, text, groups):
    from spacy.training import Example

    return Example.from_dict(nlp.make_doc(text), {"spans": groups})


def test_evaluate_gives_precision_recall_and_f_per_component(nlp):
    """Two hand-made Examples: each annotates some components' groups; a group a reference Doc lacks is not
    scored on it (the claims are scored on the first text only, the entities on the second only)."""
    first = "It is up to 50x faster and uses 3.9K annotated videos."
    second = "We propose FlowNet-XL and beat GPT-4 on COCO. Code will be released at https://github.com/a/b."
    examples = [
        # 50x found with its kind; 3.9K found as a count where the reference says params: one hit, one of each miss.
        _example(nlp, first, {"papertrends_claims": [(12, 15, "multiplier"), (32, 36, "params")]}),
        # The three names found; "Code" (a made-up reference name) is not: recall 3/4.
        _example(
            nlp,
            second,
            {
                "papertrends_entities": [(11, 21, "MODEL"), (31, 36, "MODEL"), (40, 44, "DATASET"), (46, 50, "MODEL")],
                "papertrends_code_promises": [(51, 67, "CODE_PROMISE")],
                # The link found, but its host class is given wrong: labelled scoring counts it a miss.
                "papertrends_links": [(71, 93, "project_page")],
            },
        ),
    ]
    scores = nlp.evaluate(examples)
    claims = [scores[f"spans_papertrends_claims_{m}"] for m in "prf"]
    assert claims == pytest.approx([0.5, 0.5, 0.5])
    assert scores["spans_papertrends_claims_per_type"]["multiplier"] == pytest.approx({"p": 1.0, "r": 1.0, "f": 1.0})
    assert scores["spans_papertrends_claims_per_type"]["params"]["r"] == 0.0
    entities = [scores[f"spans_papertrends_entities_{m}"] for m in "prf"]
    assert entities == pytest.approx([1.0, 0.75, 6 / 7])
    assert scores["spans_papertrends_entities_per_type"]["DATASET"]["f"] == pytest.approx(1.0)
    assert scores["spans_papertrends_code_promises_f"] == pytest.approx(1.0)
    assert scores["spans_papertrends_links_f"] == 0.0
    # The results component scores its group the same way; no reference here annotates it.
    assert "spans_papertrends_results_f" in scores
    # No reference annotates buzzwords: nothing to score, as spaCy reports an unannotated group.
    assert scores["spans_papertrends_buzzwords_f"] is None
