"""The learned step of the entity component: the label model (weights a data file, trained by a command) and the
title-case long form that a kind word after its acronym makes a name."""

import pytest
import spacy

import analysis.extract  # noqa: F401  (registers the factories)
from analysis.extract import train_labels
from analysis.extract.label_model import read_label_weights
from analysis.lexicons import LexiconError


def spans_of(nlp, text):
    doc = nlp(text)
    return [(s.text, s.label_, s._.label_source) for s in doc.spans["papertrends_entities"]]


def with_weights(tmp_path, rows: str):
    path = tmp_path / "entity_labels.csv"
    path.write_text("feature,weight\n" + rows)
    custom = spacy.blank("en")
    custom.add_pipe("papertrends_entities", config={"labels_path": str(path)})
    return custom


def test_a_name_no_rule_labels_takes_the_label_models_label(tmp_path):
    text = "ZorbLix contains 1,800 sentences. We parse ZorbLix."
    # no weights: the default, MODEL, resting on nothing
    assert spans_of(with_weights(tmp_path, ""), text) == [("ZorbLix", "MODEL", "default")] * 2
    # a weight on the word after the name: every mention of the name is a DATASET, resting on context (it votes)
    custom = with_weights(tmp_path, "(bias),-2\nafter1=contains,4\n")
    assert spans_of(custom, text) == [("ZorbLix", "DATASET", "context")] * 2


def test_all_mentions_of_a_name_vote_together(tmp_path):
    custom = with_weights(tmp_path, "(bias),-1\nafter1=contains,2\nbefore1=beat,-3\n")
    assert spans_of(custom, "ZorbLix contains data.") == [("ZorbLix", "DATASET", "context")]
    # the second mention's evidence outweighs the first's: one label, MODEL, for both
    assert spans_of(custom, "ZorbLix contains data. We beat ZorbLix.") == [("ZorbLix", "MODEL", "default")] * 2


def test_the_label_model_leaves_names_a_lexicon_or_cue_word_labels(tmp_path):
    custom = with_weights(tmp_path, "(bias),5\n")  # says DATASET for everything
    assert spans_of(custom, "We fine-tune GPT-4 with the ZorbLix framework.")[:1] == [("GPT-4", "MODEL", "lexicon")]


def test_the_shipped_weights_read_how_a_dataset_is_written_about(nlp):
    text = "The taggedPBC contains more than 1,800 sentences. We parse the taggedPBC."
    assert spans_of(nlp, text) == [("taggedPBC", "DATASET", "context")] * 2
    assert spans_of(nlp, "ZorbNet outperforms prior methods.") == [("ZorbNet", "MODEL", "default")]


@pytest.mark.parametrize(
    ("rows", "reason"), [("(bias),high\n", "is not a number"), (",1.5\n", "empty feature"), ("x,inf\n", "finite")]
)
def test_a_weights_file_with_a_bad_row_is_refused_by_file_and_row(tmp_path, rows, reason):
    path = tmp_path / "entity_labels.csv"
    path.write_text("feature,weight\n" + rows)
    with pytest.raises(LexiconError, match=rf"entity_labels.csv: row 2: .*{reason}"):
        read_label_weights(path)


def test_the_training_command_writes_weights_the_component_reads(tmp_path, capsys):
    out = tmp_path / "weights.csv"
    assert train_labels.main(["tests/gold/corpora.jsonl", "--out", str(out), "--folds", "0", "--l2", "1"]) == 0
    weights = read_label_weights(out)
    assert "(bias)" in weights and len(weights) > 50
    assert weights["near_dataset_word"] > 0  # "benchmark", "dataset" near a name say DATASET
    custom = spacy.blank("en")
    custom.add_pipe("papertrends_entities", config={"labels_path": str(out)})
    assert spans_of(custom, "We test GPT-4.") == [("GPT-4", "MODEL", "lexicon")]


def test_the_training_command_refuses_the_blind_test_part(tmp_path, capsys):
    blind = tmp_path / "test" / "entities-x.jsonl"
    blind.parent.mkdir()
    blind.write_text("")
    assert train_labels.main([str(blind), "--out", str(tmp_path / "w.csv")]) == 2
    assert "blind test part" in capsys.readouterr().err
    assert not (tmp_path / "w.csv").exists()


def test_a_kind_word_after_an_acronym_makes_its_title_case_long_form_a_name(nlp):
    found = spans_of(nlp, "It adds an Auto-regressive Temporal Guidance (ARTG) module that injects motion cues.")
    assert [(text, label) for text, label, _ in found] == [
        ("Auto-regressive Temporal Guidance", "MODEL"),
        ("ARTG", "MODEL"),
    ]
    # without a kind word after it, a long form no lexicon knows and no cue introduces stays out
    assert spans_of(nlp, "It adds an Auto-regressive Temporal Guidance (ARTG), which injects motion cues.") == []
    # a concept's, metric's or organisation's long form is no name, kind word or not
    assert spans_of(nlp, "It uses a Multi-Task Learning (MTL) framework for the parts.") == []
    assert spans_of(nlp, "It reports a Cognitive Complexity Index (CCI) module for the parts.") == []


def test_users_extend_the_concept_heads_in_name_edges(tmp_path):
    edges = tmp_path / "name_edges.csv"
    edges.write_text("word,kind\nguidance,concept_head\n")
    custom = spacy.blank("en")
    custom.add_pipe("papertrends_entities", config={"name_edges_path": str(edges)})
    assert (
        spans_of(custom, "It adds an Auto-regressive Temporal Guidance (ARTG) module that injects motion cues.") == []
    )
