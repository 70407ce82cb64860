"""The claims component's cue words and verbs of change are data (issue 18 item 2): ``claim_cues.csv`` and
``change_verbs.csv`` in data/lexicons/, replaceable through the component's config, checked row by row, saved
with a pipeline, and part of the version stamp."""

from __future__ import annotations

import re

import pytest
import spacy

from analysis import versions
from analysis.extract import pipeline_version
from analysis.lexicons import DEFAULT_CHANGE_VERBS, DEFAULT_CLAIM_CUES, LexiconError, read_claim_cues

CUE_TEXT = "Our method trounces the baseline by 12%."
VERB_TEXT = "The tweak bumps accuracy 48.3% to 58.3%."


def claims_pipeline(**config):
    nlp = spacy.blank("en")
    nlp.add_pipe("papertrends_links")
    nlp.add_pipe("papertrends_claims", config=config)
    return nlp


@pytest.fixture()
def extended(tmp_path):
    """The package's two lists with one word more each."""
    cues = tmp_path / "cues.csv"
    cues.write_text(DEFAULT_CLAIM_CUES.read_text(encoding="utf-8") + "trounces,improve\n", encoding="utf-8")
    verbs = tmp_path / "verbs.csv"
    verbs.write_text(DEFAULT_CHANGE_VERBS.read_text(encoding="utf-8") + "bumps\n", encoding="utf-8")
    return cues, verbs


def directions(doc) -> list[tuple[str, str, bool | None]]:
    return [(claim["text"], claim["direction"], claim["better"]) for claim in doc._.claims]


def test_the_package_lists_hold_the_cue_words():
    cues = read_claim_cues(DEFAULT_CLAIM_CUES)
    assert (cues["outperforms"], cues["faster"], cues["reduces"], cues["degrades"], cues["lags"]) == (
        "improve",
        "speed",
        "fall",
        "worsen",
        "gap",
    )
    nlp = claims_pipeline()
    assert directions(nlp("It outperforms the baseline by 12%.")) == [("12%", "gain", True)]
    assert nlp("Training rises from 10% to 20%.")._.claim_changes  # "from": a change without a verb
    assert directions(nlp(CUE_TEXT)) == [("12%", "level", None)]
    assert nlp(VERB_TEXT)._.claim_changes == []


def test_a_cue_word_added_through_the_config_gives_a_direction(extended):
    cues, _ = extended
    assert directions(claims_pipeline(claim_cues_path=str(cues))(CUE_TEXT)) == [("12%", "gain", True)]


def test_a_change_verb_added_through_the_config_makes_a_change(extended):
    _, verbs = extended
    [change] = claims_pipeline(change_verbs_path=str(verbs))(VERB_TEXT)._.claim_changes
    assert (change["from_value"], change["to_value"], change["direction"]) == (48.3, 58.3, "rose")


def test_a_saved_claims_component_keeps_its_cue_words(extended):
    cues, verbs = extended
    data = claims_pipeline(claim_cues_path=str(cues), change_verbs_path=str(verbs)).to_bytes()
    loaded = claims_pipeline().from_bytes(data)
    assert directions(loaded(CUE_TEXT)) == [("12%", "gain", True)]
    assert len(loaded(VERB_TEXT)._.claim_changes) == 1


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ("gains,improve\ngains,fall\n", "data row 2 (gains): listed already as improve"),
        ("gains,better\n", "data row 1 (gains): cue must be one of improve, worsen, speed, rise, fall, gap"),
        (",improve\n", "data row 1: empty word"),
    ],
)
def test_a_bad_cue_row_is_named(tmp_path, rows, message):
    path = tmp_path / "bad_cues.csv"
    path.write_text("word,cue\n" + rows, encoding="utf-8")
    with pytest.raises(LexiconError, match=re.escape(f"{path}: {message}")):
        claims_pipeline(claim_cues_path=str(path))


def test_the_version_stamp_covers_the_claim_lists(monkeypatch, tmp_path):
    assert {DEFAULT_CLAIM_CUES, DEFAULT_CHANGE_VERBS} <= set(versions.lexicon_files())
    before = pipeline_version()
    changed = tmp_path / "claim_cues.csv"
    changed.write_text(DEFAULT_CLAIM_CUES.read_text(encoding="utf-8") + "trounces,improve\n", encoding="utf-8")
    # A user's lexicon folder holding its own claim_cues.csv (--lexicons): a different pipeline version.
    assert changed in versions.lexicon_files(tmp_path)
    assert pipeline_version(None, tmp_path) != before
    assert pipeline_version(None, tmp_path / "empty") == before
