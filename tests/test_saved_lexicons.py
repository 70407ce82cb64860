"""A saved pipeline carries its components' lexicons (issue 18 item 1), tested the way spaCy tests the
serialization of its own EntityRuler and SpanRuler: a component's ``to_bytes``/``from_bytes`` and
``to_disk``/``from_disk`` round trips, the whole pipeline's, a changed lexicon surviving them, and
``spacy.load()`` of a saved folder in a fresh process using the saved files, not the checkout's."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
import spacy

from analysis.extract.pipeline import COMPONENTS
from analysis.extract.saving import SavesLexicons
from analysis.lexicons import DEFAULT_MODELS

# Names no lexicon of the package holds and that no rule finds on its own (lower case, no digits).
TEXT = "We compare zorblax and quendril on the new benchmark, with flurbish reasoning throughout."


def names(doc) -> set[tuple[str, str]]:
    return {(span.text, span.label_) for span in doc.spans["papertrends_entities"]}


def buzzwords(doc) -> set[str]:
    return {span.label_ for span in doc.spans["papertrends_buzzwords"]}


@pytest.fixture(scope="module")
def lexicons(tmp_path_factory):
    """A models lexicon (the package's plus "zorblax") and a buzzwords lexicon ("flurbish reasoning")."""
    tmp_path = tmp_path_factory.mktemp("lexicons")
    models = tmp_path / "my_models.csv"
    models.write_text(DEFAULT_MODELS.read_text(encoding="utf-8") + "Zorblax,zorblax\n", encoding="utf-8")
    words = tmp_path / "my_buzzwords.csv"
    words.write_text("buzzword,variants\nflurbish reasoning,\n", encoding="utf-8")
    return models, words


def custom_pipeline(models, words):
    nlp = spacy.blank("en")
    for name in COMPONENTS:
        config = {}
        if name == "papertrends_entities":
            config = {"models_path": str(models)}
        elif name == "papertrends_buzzwords":
            config = {"lexicon_path": str(words)}
        nlp.add_pipe(name, config=config)
    return nlp


def default_pipeline():
    nlp = spacy.blank("en")
    for name in COMPONENTS:
        nlp.add_pipe(name)
    return nlp


@pytest.fixture(scope="module")
def custom(lexicons):
    return custom_pipeline(*lexicons)


@pytest.fixture(scope="module")
def saved(custom, lexicons, tmp_path_factory):
    """The custom pipeline saved, then its lexicon files changed: a saved pipeline keeps what it was saved with."""
    folder = tmp_path_factory.mktemp("saved") / "custom"
    custom.to_disk(folder)
    models, words = lexicons
    models.write_text("canonical,aliases\nQuendril,quendril\n", encoding="utf-8")
    words.write_text("buzzword,variants\nnew benchmark,\n", encoding="utf-8")
    return folder


def test_the_lexicons_change_what_is_found(custom):
    # Guard: the round trips below would prove nothing if the default pipeline found the same.
    custom, default = custom(TEXT), default_pipeline()(TEXT)
    assert ("zorblax", "MODEL") in names(custom) and ("zorblax", "MODEL") not in names(default)
    assert buzzwords(custom) == {"flurbish reasoning"} and buzzwords(default) == set()


def test_a_component_round_trips_its_lexicons_through_bytes(custom):
    data = custom.get_pipe("papertrends_entities").to_bytes()
    fresh = default_pipeline()
    fresh.get_pipe("papertrends_entities").from_bytes(data)
    assert ("zorblax", "MODEL") in names(fresh(TEXT))
    # What it reads back it saves again: bytes to bytes is stable.
    assert fresh.get_pipe("papertrends_entities").to_bytes() == data


def test_a_pipeline_round_trips_its_lexicons_through_bytes(custom):
    data = custom.to_bytes()
    fresh = default_pipeline().from_bytes(data)
    doc = fresh(TEXT)
    assert ("zorblax", "MODEL") in names(doc) and buzzwords(doc) == {"flurbish reasoning"}


def test_a_pipeline_round_trips_its_lexicons_through_disk(custom, saved):
    # Every component that reads lexicons saved the very bytes it read.
    for name in custom.pipe_names:
        component = custom.get_pipe(name)
        if isinstance(component, SavesLexicons):
            for file_name, data in component.lexicon_files.values():
                assert (saved / name / file_name).read_bytes() == data
    assert b"Zorblax,zorblax" in (saved / "papertrends_entities" / "models.csv").read_bytes()
    assert (saved / "papertrends_buzzwords" / "lexicon.csv").read_text() == "buzzword,variants\nflurbish reasoning,\n"
    # The lexicon files changed after saving (fixture saved): the saved pipeline keeps what it was saved with.
    doc = default_pipeline().from_disk(saved)(TEXT)
    assert ("zorblax", "MODEL") in names(doc) and ("quendril", "MODEL") not in names(doc)
    assert buzzwords(doc) == {"flurbish reasoning"}


def load_in_fresh_process(folder) -> dict:
    """Loads ``folder`` with spacy.load() in a new interpreter that has not imported papertrends."""
    script = f"""
import json, sys, spacy
nlp = spacy.load({str(folder)!r})
doc = nlp({TEXT!r})
print(json.dumps({{
    "names": sorted([s.text, s.label_] for s in doc.spans["papertrends_entities"]),
    "buzzwords": sorted(s.label_ for s in doc.spans["papertrends_buzzwords"]),
}}))
"""
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_spacy_load_in_a_fresh_process_uses_the_saved_lexicons(saved):
    loaded = load_in_fresh_process(saved)
    assert ["zorblax", "MODEL"] in loaded["names"] and ["quendril", "MODEL"] not in loaded["names"]
    assert loaded["buzzwords"] == ["flurbish reasoning"]


def test_a_saved_default_pipeline_reads_its_own_copy_not_the_checkouts(tmp_path):
    saved = tmp_path / "default"
    default_pipeline().to_disk(saved)
    # Edit the saved copy only: the checkout's data/lexicons/ still lacks the name.
    copy = saved / "papertrends_entities" / "models.csv"
    copy.write_text(copy.read_text(encoding="utf-8") + "Quendril,quendril\n", encoding="utf-8")
    loaded = load_in_fresh_process(saved)
    assert ["quendril", "MODEL"] in loaded["names"]
    assert ["quendril", "MODEL"] not in [
        [s.text, s.label_] for s in default_pipeline()(TEXT).spans["papertrends_entities"]
    ]
