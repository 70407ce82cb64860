"""Names that add up and names that are names: versions kept in canonical names, families that group them,
stop lists, trailing punctuation, plurals, one label per name across the database, and introduced only for
the paper's own name."""

import dataclasses
import json

import pytest
import spacy

import analysis.extract  # noqa: F401  (registers the factories)
from analysis import settings, trends
from analysis.build import build
from analysis.lexicons import LexiconError, read_families
from analysis.store import connect


def names(nlp, text):
    doc = nlp(text)
    return [(s.text, s.label_, s._.canonical, s._.family, s._.introduced) for s in doc.spans["papertrends_entities"]]


def labelled(nlp, text):
    return [(written, label) for written, label, *_ in names(nlp, text)]


def canonicals(nlp, text):
    return [canonical for _, _, canonical, _, _ in names(nlp, text)]


def test_canonical_names_keep_the_version_as_written_in_one_spelling(nlp):
    found = canonicals(nlp, "We compare GPT-5.5, Gemini 3.1 Pro, Gemini-3.1-Pro, Qwen3-VL-8B and gpt-5-mini.")
    assert found == ["GPT-5.5", "Gemini-3.1-Pro", "Gemini-3.1-Pro", "Qwen3-VL-8B", "GPT-5-mini"]
    assert canonicals(nlp, "We use Llama 2 7B and LLaMA-2-7B.") == ["Llama 2 7B", "Llama 2 7B"]


def test_a_score_after_a_versioned_name_is_no_version(nlp):
    # A bare number after a name that has its version already is the system's score, not more of its name.
    text = "It scores 4.7 (vs. Gemini-3-Pro 4.706, GPT-4.1 4.220, Kimi-K2.5 4.111), as Gemini 2.5 Pro and AIME 2024."
    found = [written for written, *_ in names(nlp, text)]
    assert found == ["Gemini-3-Pro", "GPT-4.1", "Kimi-K2.5", "Gemini 2.5 Pro", "AIME 2024"]


def test_a_coinage_listed_with_a_dataset_is_a_dataset(nlp):
    # FLAN and Zeb-Skills join PromptSource's list; "Chinese" is no coinage and "Human-50" is part of a longer name.
    text = "We test on PromptSource, FLAN, and Zeb-Skills, on MMLU and Chinese tasks, and on ZebCasa Human-50, LIBERO."
    found = labelled(nlp, text)
    assert ("FLAN", "DATASET") in found and ("Zeb-Skills", "DATASET") in found
    assert not {"Chinese", "Human-50"} & {written for written, _ in found}


def test_names_after_examinations_like_are_datasets(nlp):
    text = "It performs well in professional and academic examinations like the SAT, LSAT, GRE, and GMAT."
    assert labelled(nlp, text) == [
        ("SAT", "DATASET"),
        ("LSAT", "DATASET"),
        ("GRE", "DATASET"),
        ("GMAT", "DATASET"),
    ]


def test_a_lexicon_benchmark_takes_the_year_of_its_edition(nlp):
    # No family rule names HMMT; the year after a benchmark is its edition, and "in 2023" is no part of a name.
    found = [written for written, *_ in names(nlp, "It reaches 94.5% on HMMT 2025 and on ImageNet in 2023.")]
    assert found == ["HMMT 2025", "ImageNet"]


def test_a_letter_version_and_it_for_instruction_tuned_are_parts_of_the_name(nlp):
    found = [written for written, *_ in names(nlp, "We tune Gemma-2-it-9B, Kimi-K2.5 and DeepSeek-R1 too.")]
    assert found == ["Gemma-2-it-9B", "Kimi-K2.5", "DeepSeek-R1"]


def test_a_family_covers_versions_no_lexicon_row_names(nlp):
    found = {
        canonical: family
        for _, _, canonical, family, _ in names(
            nlp, "We evaluate Qwen4-VL-8B, GPT-7.1 and Gemini 9 Pro on SWE-bench Verified and SWE-bench Lite."
        )
    }
    assert found == {
        "Qwen4-VL-8B": "Qwen",
        "GPT-7.1": "GPT",
        "Gemini-9-Pro": "Gemini",
        "SWE-bench Verified": "SWE-bench",
        "SWE-bench Lite": "SWE-bench",
    }


def test_a_version_glued_to_a_family_name_is_found_without_a_lexicon_row(nlp):
    found = {
        canonical: family
        for _, _, canonical, family, _ in names(
            nlp, "Skills evolved by Qwen3.5-35B improved a Qwen3.5 agent; GLM-5 and Gemini3 Pro trail."
        )
    }
    assert found == {"Qwen3.5-35B": "Qwen", "Qwen3.5": "Qwen", "GLM-5": "GLM", "Gemini3-Pro": "Gemini"}


def test_a_family_prefix_stops_at_a_name_boundary(nlp):
    found = {
        canonical: family
        for _, _, canonical, family, _ in names(nlp, "We quantize with GPTQ and compare with QwenOFT.")
    }
    assert found["GPTQ"] == "GPTQ"
    assert found["QwenOFT"] == "QwenOFT"


def test_users_extend_the_families_lexicon(tmp_path):
    families = tmp_path / "families.csv"
    families.write_text("family,label,prefixes,pattern\nFoo,MODEL,FooLM,\nBar suite,DATASET,,Bar-?Bench(?:-\\w+)?\n")
    nlp = spacy.blank("en")
    nlp.add_pipe("papertrends_entities", config={"families_path": str(families)})
    doc = nlp("FooLM-3 is tested on BarBench-Hard.")
    assert [(s._.canonical, s._.family, s.label_) for s in doc.spans["papertrends_entities"]] == [
        ("FooLM-3", "Foo", "MODEL"),
        ("BarBench-Hard", "Bar suite", "DATASET"),
    ]


def test_a_families_file_with_a_wrong_label_is_refused_by_file_and_row(tmp_path):
    families = tmp_path / "families.csv"
    families.write_text("family,label,prefixes,pattern\nQwen,MODEL,Qwen,\nFoo,MODELS,Foo,\n")
    with pytest.raises(LexiconError, match=r"families\.csv: row 3: label must be MODEL or DATASET"):
        read_families(families)


def test_a_canonical_name_never_ends_in_punctuation_or_a_dangling_hyphen(nlp):
    found = canonicals(nlp, "Larger models such as DeepSeek-R1 and Qwen3-235B. We also try FLAN-T5- based variants.")
    assert "Qwen3-235B" in found
    assert all(not name.endswith((".", "-", ",")) for name in found)


def test_plurals_count_as_the_name(nlp):
    assert canonicals(nlp, "A router over specialized LoRAs, with no LoRA dominating.") == ["LoRA", "LoRA"]


def test_venues_metrics_losses_and_generic_acronyms_are_never_entities(nlp):
    assert (
        names(
            nlp,
            "Accepted at NeurIPS 2025 and ICLR. We train with an L1 loss and L2 penalty, report BLEU "
            "and FID, and compare E2E RL on the GPU through an API.",
        )
        == []
    )


def test_introduced_is_not_given_to_a_known_name_inside_a_longer_one(nlp):
    found = names(nlp, "X-GRPO: Better Policy Optimization. We propose Multi-View GRPO, a method for flow models.")
    assert ("X-GRPO", "MODEL", "X-GRPO", "X-GRPO", True) in found
    assert ("Multi-View GRPO", "MODEL", "Multi-View GRPO", "Multi-View GRPO", True) in found
    assert not any(canonical == "GRPO" and introduced for _, _, canonical, _, introduced in found)


def test_introduced_is_not_given_after_a_word_of_use(nlp):
    found = names(nlp, "We build on GRPO. We demonstrate gains on ImageNet. We design a framework incorporating DINO.")
    assert [(text, introduced) for text, _, _, _, introduced in found] == [
        ("GRPO", False),
        ("ImageNet", False),
        ("DINO", False),
    ]


def test_a_new_name_in_parentheses_after_an_introducing_verb_is_introduced(nlp):
    found = names(nlp, "We propose a variation of Proximal Policy Optimization (DO-HJ-PPO), which solves it.")
    assert ("DO-HJ-PPO", True) in [(text, introduced) for text, _, _, _, introduced in found]
    assert ("Proximal Policy Optimization", False) in [(text, introduced) for text, _, _, _, introduced in found]


def test_a_known_name_with_the_writers_modifiers_is_not_introduced(nlp):
    found = names(
        nlp,
        "We introduce a sliding-window DiT that restricts the field. We present hard sample DPO to strengthen it. "
        "We propose a temporal-aligned RoPE (TA-RoPE) strategy. These results establish GRPO as a strategy.",
    )
    assert [(text, introduced) for text, _, _, _, introduced in found] == [
        ("DiT", False),
        ("DPO", False),
        ("RoPE", False),
        ("TA-RoPE", True),
        ("GRPO", False),
    ]


def test_a_known_name_that_modifies_the_writers_own_thing_is_not_introduced(nlp):
    found = names(
        nlp,
        "We introduce a Group Relative Policy Optimization (GRPO)-based method. We introduce a RoPE alignment "
        "strategy. This paper introduces 3DGS into 3DOD.",
    )
    assert found and not any(introduced for *_, introduced in found)


def test_a_known_name_the_authors_introduce_is_introduced(nlp):
    found = names(nlp, "In this work, we introduce DeepSeek-R1, a reasoning model. We publicly release Llama 3.")
    assert [(text, introduced) for text, _, _, _, introduced in found] == [("DeepSeek-R1", True), ("Llama 3", True)]


def test_a_known_name_after_a_naming_word_is_introduced_only_by_the_authors(nlp):
    used = names(nlp, "Self-training is augmented by a preference learning algorithm called DPO.")
    assert [(text, introduced) for text, _, _, _, introduced in used] == [("DPO", False)]
    own = names(nlp, "This paper presents a new set of foundation models, called Llama 3.")
    assert [(text, introduced) for text, _, _, _, introduced in own] == [("Llama 3", True)]


def test_a_new_name_built_on_a_known_one_is_that_name_in_every_mention(nlp):
    found = names(nlp, "We introduce iterative length-regularized DPO (iLR-DPO) to penalize length. iLR-DPO beats DPO.")
    assert [(text, canonical, introduced) for text, _, canonical, _, introduced in found] == [
        ("DPO", "DPO", False),
        ("iLR-DPO", "iLR-DPO", True),
        ("iLR-DPO", "iLR-DPO", True),
        ("DPO", "DPO", False),
    ]


def test_a_name_never_holds_a_parenthesis_it_does_not_close(nlp):
    found = canonicals(nlp, "We propose an embedding approach, named TMRoPE(Time-aligned Multimodal RoPE).")
    assert all("(" not in name for name in found)


def test_metric_names_are_never_entities(nlp):
    assert names(nlp, "Our method improves the F1-score and the Macro-F1 over the baseline.") == []


def test_a_year_after_a_name_has_one_spelling(nlp):
    found = canonicals(nlp, "Accuracy on AIME2024, AIME-2024 and AIME 2024, on HMMT2025 and HMMT-2025, and ICDAR2015.")
    assert found == ["AIME 2024", "AIME 2024", "AIME 2024", "HMMT 2025", "HMMT 2025", "ICDAR2015"]


def test_names_joined_by_and_are_two_names(nlp):
    found = names(nlp, "We make two contributions: a new dataset and model, called OCTAV and OMCAT respectively.")
    assert [text for text, *_ in found] == ["OCTAV", "OMCAT"]
    assert canonicals(nlp, "Benchmarks, namely AIME and MATH500, as well as puzzles.") == ["AIME", "MATH-500"]
    assert canonicals(nlp, "We test on Tanks and Temples.") == ["Tanks and Temples"]


def test_a_name_holding_a_known_model_is_not_a_dataset_by_family(nlp):
    found = names(nlp, "Math-LLaVA improves over its base. Scores on MATH-500 rise.")
    assert [(text, label) for text, label, *_ in found] == [("Math-LLaVA", "MODEL"), ("MATH-500", "DATASET")]


def test_research_on_a_name_casts_no_dataset_vote(nlp):
    doc = nlp("Existing research on MeanFlow focuses on images. We report accuracy on FooBench2.")
    found = [(s.text, s.label_, s._.label_source) for s in doc.spans["papertrends_entities"]]
    assert found == [("MeanFlow", "MODEL", "default"), ("FooBench2", "DATASET", "context")]


@pytest.fixture(scope="module")
def voted_con(tmp_path_factory):
    """Four papers naming FooComp: two say it is a benchmark, one says nothing, one calls it a model only by default."""
    folder = tmp_path_factory.mktemp("votes")
    records = [
        {"id": "p1", "title": "Agents on the web", "abstract": "Our agent reaches 40% on FooComp and beats others."},
        {"id": "p2", "title": "Search agents", "abstract": "We report accuracy on FooComp for three agents."},
        {"id": "p3", "title": "A survey", "abstract": "FooComp and BarNet are discussed at length here."},
        {
            "id": "p4",
            "title": "Agents that learn",
            "abstract": "We fine-tune Qwen3-8B and Qwen3-VL-8B and compare with GPT-5.5.",
            "published": "2026-03-02",
        },
    ]
    listing = folder / "papers.jsonl"
    listing.write_text("".join(json.dumps(record) + "\n" for record in records))
    db = folder / "votes.duckdb"
    build([listing], db, progress=False)
    with connect(db, read_only=True) as con:
        yield con


def test_one_label_per_name_decided_by_the_votes_of_all_papers(voted_con):
    labels = voted_con.execute(
        "SELECT label, mention_label, label_source FROM entities WHERE canonical = 'FooComp' ORDER BY paper_id"
    ).fetchall()
    assert {label for label, _, _ in labels} == {"DATASET"}
    assert ("DATASET", "MODEL", "default") in labels  # p3's mention said nothing; the vote decided
    decided = voted_con.execute(
        "SELECT label, decided_by, model_votes, dataset_votes, papers FROM entity_labels WHERE canonical = 'FooComp'"
    ).fetchone()
    assert decided == ("DATASET", "votes", 0, 2, 3)


def test_queries_count_by_family_or_by_name(voted_con):
    families = trends.top_entities(voted_con, "MODEL", by="family")
    qwen = families.filter(families["canonical"] == "Qwen").row(0, named=True)
    assert (qwen["papers"], qwen["mentions"], qwen["versions"]) == (1, 2, 2)
    by_name = trends.top_entities(voted_con, "MODEL")["canonical"].to_list()
    assert {"Qwen3-8B", "Qwen3-VL-8B", "GPT-5.5"} <= set(by_name)
    versions = trends.family_versions(voted_con, "MODEL", limit=10, per_family=5)
    assert sorted(versions.filter(versions["family"] == "Qwen")["canonical"]) == ["Qwen3-8B", "Qwen3-VL-8B"]
    assert versions.filter(versions["family"] == "GPT")["canonical"].to_list() == ["GPT-5.5"]
    with pytest.raises(ValueError, match="by must be one of canonical, family"):
        trends.top_entities(voted_con, "MODEL", by="vendor")


def test_trend_rates_count_families(voted_con):
    result = trends.rates(voted_con, "MODEL_FAMILY", "month", "published", items=["Qwen"])
    assert "family" in result.sql
    assert result.frame["item"].unique().to_list() == ["Qwen"]


# -- issue 18 item 3: the misses seen on papers nobody tuned on -------------------------------------------------


def spans_of(nlp, text):
    return [(text_, label) for text_, label, _, _, _ in names(nlp, text)]


def test_a_spaced_size_range_belongs_to_the_name(nlp):
    found = names(nlp, "We train Qwen3 0.6B--14B models and compare with Qwen3 0.6B–14B and LLaMA 7B-65B models.")
    assert [(text, canonical) for text, _, canonical, _, _ in found] == [
        ("Qwen3 0.6B--14B", "Qwen3-0.6B-14B"),
        ("Qwen3 0.6B–14B", "Qwen3-0.6B–14B"),
        ("LLaMA 7B-65B", "LLaMA-7B-65B"),
    ]


def test_a_spaced_variant_word_belongs_to_a_new_name_too(nlp):
    found = spans_of(nlp, "We report results on Physics-IQ Verified and on SWE-bench Verified.")
    assert [text for text, _ in found] == ["Physics-IQ Verified", "SWE-bench Verified"]


def test_a_lower_case_name_of_a_known_family_or_lexicon_is_found(nlp):
    found = spans_of(nlp, "We evaluate deepseek-v4-flash and qwen3-coder-30b with mini-swe-agent on the tasks.")
    assert found == [("deepseek-v4-flash", "MODEL"), ("qwen3-coder-30b", "MODEL"), ("mini-swe-agent", "MODEL")]
    # a lower-case run without a family or lexicon name is no name
    assert spans_of(nlp, "We use a state-of-the-art long-context setting.") == []


def test_a_capitalized_word_before_a_name_mid_sentence_is_part_of_it(nlp):
    found = spans_of(nlp, "We compare Gated DeltaNet with Mamba2 and report how Kimi Delta Attention scales.")
    assert [text for text, _ in found] == ["Gated DeltaNet", "Mamba2", "Kimi Delta Attention"]
    # at the start of a sentence the capital is the sentence's, not the name's
    # an organization's name (a not_lead word of name_edges.csv) is not the name's first word
    assert [text for text, _ in spans_of(nlp, "We prompt the Google Gemini-2.5-Pro model.")] == ["Gemini-2.5-Pro"]
    assert [text for text, _ in spans_of(nlp, "Moreover DeltaNet is fast. Unlike DeltaNet, ours is slow.")] == [
        "DeltaNet",
        "DeltaNet",
    ]


def test_a_sentence_opening_word_joins_a_name_only_where_the_text_writes_them_together_mid_sentence(nlp):
    found = spans_of(nlp, "Gated DeltaNet is a linear model. We compare Gated DeltaNet with Mamba2.")
    assert [text for text, _ in found] == ["Gated DeltaNet", "Gated DeltaNet", "Mamba2"]
    # "Existing" opens the sentence and is never written with the name elsewhere
    found = spans_of(nlp, "Existing DeltaNet is slow. We compare Gated DeltaNet with Mamba2.")
    assert [text for text, _ in found] == ["DeltaNet", "Gated DeltaNet", "Mamba2"]


def test_a_capitalized_word_after_a_comma_mid_sentence_is_part_of_the_name(nlp):
    found = spans_of(nlp, "We compare Mamba2, Gated DeltaNet and RWKV-7.")
    assert [text for text, _ in found] == ["Mamba2", "Gated DeltaNet", "RWKV-7"]
    assert [text for text, _ in spans_of(nlp, "Moreover, DeltaNet is fast.")] == ["DeltaNet"]


def test_a_title_case_long_form_with_its_acronym_is_a_name_and_its_acronym(nlp):
    found = names(nlp, "Recent systems use Target Context Routing (TCR) to save memory; TCR is cheap.")
    assert [(text, canonical) for text, _, canonical, _, _ in found] == [
        ("Target Context Routing", "TCR"),
        ("TCR", "TCR"),
        ("TCR", "TCR"),
    ]
    # a concept acronym of common words is not a name
    assert names(nlp, "Models trained with Reinforcement Learning (RL) and Large Language Models (LLMs) help.") == []
    # nor is a title-case concept whose last word is no head word of name_edges.csv
    assert names(nlp, "As shown by the Lottery Ticket Hypothesis (LTH), sparse nets train well.") == []


@pytest.fixture(scope="module")
def corpus_con(tmp_path_factory):
    """A name one paper introduces, written without any cue in another; an acronym introduced in one paper
    and written with another meaning in the next."""
    folder = tmp_path_factory.mktemp("corpus")
    records = [
        {
            "id": "c1",
            "title": "A benchmark",
            "abstract": "We introduce MathVision, a benchmark of visual math problems.",
        },
        {"id": "c2", "title": "Five models", "abstract": "Scores on MathVision are reported for five models."},
        {
            "id": "c3",
            "title": "Errors",
            "abstract": "We propose stochastic error ascent (SEA), a framework for finding errors.",
        },
        {"id": "c4", "title": "Languages", "abstract": "Languages of SEA are diverse."},
    ]
    listing = folder / "papers.jsonl"
    listing.write_text("".join(json.dumps(record) + "\n" for record in records))
    db = folder / "corpus.duckdb"
    # The corpus step is off by default (settings.Tuning.corpus_names): these tests build with it on.
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(settings, "TUNING", dataclasses.replace(settings.TUNING, corpus_names=True))
        build([listing], db, progress=False)
    with connect(db, read_only=True) as con:
        yield con


def test_the_corpus_step_is_off_by_default(tmp_path):
    listing = tmp_path / "papers.jsonl"
    listing.write_text(
        json.dumps({"id": "c1", "title": "A benchmark", "abstract": "We introduce MathVision, a benchmark."})
        + "\n"
        + json.dumps({"id": "c2", "title": "Five models", "abstract": "Scores on MathVision are reported."})
        + "\n"
    )
    build([listing], tmp_path / "db.duckdb", progress=False)
    with connect(tmp_path / "db.duckdb", read_only=True) as con:
        assert con.execute("SELECT count(*) FROM entities WHERE from_corpus").fetchone()[0] == 0


def test_a_name_with_evidence_in_one_paper_is_found_in_every_paper_that_writes_it(corpus_con):
    rows = corpus_con.execute(
        "SELECT p.source_id, e.text, e.label, e.introduced, e.from_corpus, substr(p.abstract, e.start_char + 1, "
        "e.end_char - e.start_char) FROM entities e JOIN papers p USING (paper_id) "
        "WHERE e.canonical = 'MathVision' ORDER BY p.source_id"
    ).fetchall()
    assert rows == [
        ("c1", "MathVision", "DATASET", True, False, "MathVision"),
        ("c2", "MathVision", "DATASET", False, True, "MathVision"),  # traceable: its span reads back
    ]
    labels = corpus_con.execute("SELECT label, papers FROM entity_labels WHERE canonical = 'MathVision'").fetchall()
    assert labels == [("DATASET", 2)]


def test_an_acronym_is_a_name_only_where_its_own_paper_says_so(corpus_con):
    papers = corpus_con.execute(
        "SELECT source_id FROM entities JOIN papers USING (paper_id) WHERE text = 'SEA' ORDER BY source_id"
    ).fetchall()
    assert papers == [("c3",)]


def test_the_corpus_step_rewrites_its_rows_in_every_build(tmp_path, tune):
    from analysis.store.derived import spread_names

    tune(corpus_names=True)

    listing = tmp_path / "papers.jsonl"
    records = [
        {
            "id": "c1",
            "title": "A benchmark",
            "abstract": "We introduce MathVision, a benchmark of visual math problems.",
        },
        {"id": "c2", "title": "Five models", "abstract": "Scores on MathVision are reported for five models."},
    ]
    listing.write_text("".join(json.dumps(record) + "\n" for record in records))
    build([listing], tmp_path / "db.duckdb", progress=False)
    with connect(tmp_path / "db.duckdb") as con:
        assert spread_names(con) == 1  # c2's mention again, not a second one beside the first
        assert spread_names(con) == 1
        assert con.execute("SELECT count(*) FROM entities WHERE from_corpus").fetchone()[0] == 1


def test_names_in_one_list_are_one_kind(nlp):
    found = spans_of(nlp, "We test on GSM8K, MMLU and TriFlow.")
    assert found[-1] == ("TriFlow", "DATASET")
    # a list of models keeps a name nothing labelled a MODEL
    assert spans_of(nlp, "We compare GPT-4, Llama 3 and TriFlow.")[-1] == ("TriFlow", "MODEL")
    # a list that holds a model and a dataset says nothing
    assert spans_of(nlp, "We compare GPT-4, GSM8K and TriFlow.")[-1] == ("TriFlow", "MODEL")
    # a name outside the list is not touched
    assert spans_of(nlp, "We test on GSM8K. TriFlow is fast.")[-1] == ("TriFlow", "MODEL")


def test_users_extend_the_list_words_in_name_edges(tmp_path):
    edges = tmp_path / "name_edges.csv"
    edges.write_text("word,kind\nor,joiner\n")
    no_weights = tmp_path / "entity_labels.csv"  # the label model off: this is the list rule alone
    no_weights.write_text("feature,weight\n")
    custom = spacy.blank("en")
    custom.add_pipe("papertrends_entities", config={"name_edges_path": str(edges), "labels_path": str(no_weights)})
    assert spans_of(custom, "We test on GSM8K, MMLU and TriFlow.")[-1] == ("TriFlow", "MODEL")  # "and" no joiner
    edges.write_text('word,kind\n",",joiner\nand,joiner\n')
    custom = spacy.blank("en")
    custom.add_pipe("papertrends_entities", config={"name_edges_path": str(edges), "labels_path": str(no_weights)})
    assert spans_of(custom, "We test on GSM8K, MMLU and TriFlow.")[-1] == ("TriFlow", "DATASET")


def test_spellings_that_differ_by_hyphens_and_spaces_are_one_canonical():
    import duckdb

    from analysis.store.derived import FOLD_SPELLINGS_SQL

    con = duckdb.connect()
    con.execute("CREATE TABLE entities (paper_id VARCHAR, canonical VARCHAR, family VARCHAR)")
    con.execute(
        "INSERT INTO entities VALUES ('a', 'Foo-Bench Hard', 'Foo-Bench Hard'), ('b', 'Foo Bench Hard', 'Foo Bench Hard'), "
        "('c', 'Foo Bench Hard', 'Foo Bench Hard'), ('d', 'Foo-Bench-Hard', 'Foo'), ('e', 'FooBench Hard', 'FooBench Hard')"
    )
    con.execute(FOLD_SPELLINGS_SQL)
    rows = con.execute("SELECT paper_id, canonical, family FROM entities ORDER BY paper_id").fetchall()
    assert rows == [
        ("a", "Foo Bench Hard", "Foo Bench Hard"),  # the spelling more papers write
        ("b", "Foo Bench Hard", "Foo Bench Hard"),
        ("c", "Foo Bench Hard", "Foo Bench Hard"),
        ("d", "Foo Bench Hard", "Foo"),  # a family rule's family stays
        ("e", "FooBench Hard", "FooBench Hard"),  # written without the break: another name
    ]


def test_a_mixed_case_coinage_is_not_in_an_acronyms_family(nlp):
    doc = nlp("We release CoCo, a new benchmark for code, and report results on MS-COCO and gpt-4o.")
    found = [(span.text, span._.family) for span in doc.spans["papertrends_entities"]]
    assert found == [("CoCo", "CoCo"), ("MS-COCO", "COCO"), ("gpt-4o", "GPT")]


def test_every_family_prefix_of_the_lexicon_has_its_family(nlp):
    """A prefix families.csv lists in mixed case beside an all-capitals one ("FLUX|Flux") is the family's own
    spelling, not a coinage: a glued name with it ("Flux-2") is found, where any glued word after it
    ("Flux-Kontext") once stopped the build on a real arXiv paper (the prefix had no family rule)."""
    entities = nlp.get_pipe("papertrends_entities")
    assert [prefix for prefix in entities._family_prefixes if entities.family(prefix) is None] == []
    doc = nlp("We edit images with Flux-Kontext, then compare Flux-2 with FLUX.1 on our benchmark.")
    found = [(span.text, span._.family) for span in doc.spans["papertrends_entities"]]
    assert ("Flux-2", "FLUX") in found


def test_the_entity_rules_cue_words_are_read_from_the_lexicon_file():
    from analysis.extract import entities
    from analysis.lexicons import DEFAULT_ENTITY_CUES, read_entity_cues

    cues = read_entity_cues(DEFAULT_ENTITY_CUES)
    assert entities.DATASET_WORDS == cues["dataset_word"] and "benchmark" in entities.DATASET_WORDS
    assert entities.OWN_NAME_LEAD == cues["own_name_lead"] and entities.AUTHOR_WORDS == cues["author_word"]
    assert entities.NOT_DATASET_ON == cues["not_dataset_on"] and "based" in entities.NOT_DATASET_ON


def test_an_entity_cues_file_with_an_unknown_kind_is_refused_by_file_and_row(tmp_path):
    from analysis.lexicons import read_entity_cues

    path = tmp_path / "entity_cues.csv"
    path.write_text("word,kind\nbenchmark,dataset_word\nsystem,modle_word\n")
    with pytest.raises(LexiconError, match=r"entity_cues.csv: row 3: unknown kind 'modle_word'"):
        read_entity_cues(path)
    path.write_text("word,kind\n,dataset_word\n")
    with pytest.raises(LexiconError, match=r"entity_cues.csv: row 2: empty word"):
        read_entity_cues(path)


def test_one_capitalized_word_before_dataset_names_a_dataset_everywhere_in_the_text(nlp):
    text = "We evaluate on the Synapse dataset and the ACDC benchmark. On Synapse, Dice rises by 2%."
    assert labelled(nlp, text) == [
        ("Synapse", "DATASET"),
        ("ACDC", "DATASET"),
        ("Synapse", "DATASET"),
    ]


def test_title_case_words_and_an_edition_year_before_benchmark_are_one_dataset(nlp):
    text = "Evaluated on the AI City Challenge 2025 benchmark and the Fair Disease Diagnosis benchmark."
    assert labelled(nlp, text) == [
        ("AI City Challenge 2025", "DATASET"),
        ("Fair Disease Diagnosis", "DATASET"),
    ]


def test_a_word_before_dataset_that_is_a_language_a_use_or_a_concept_names_nothing(nlp):
    # Languages are in not_entities.csv; "-based" is a use; OD is spelled out as a concept; a plural after one
    # word is a kind of data, after a list the list's.
    assert names(nlp, "We build the English dataset and a GAN-based benchmark.") == []
    assert names(nlp, "It is the first Video dataset with Medical benchmarks.") == []  # generic words
    assert names(nlp, "For object detection (OD) we train on a nano-drone OD dataset.") == []
    assert names(nlp, "Errors grow on low-density ULS datasets.") == []
    listed = names(nlp, "We test on the Potsdam and Vaihingen datasets.")
    assert [written for written, *_ in listed] == ["Potsdam", "Vaihingen"]  # the list takes the first too


def test_a_capitalized_word_with_a_parameter_count_or_a_variant_version_is_a_model(nlp):
    text = "It surpasses Apertus-8B-2509 and Zephyr-70B, and we release Ling-mini-2.0 and Ling-flash-2.0."
    assert labelled(nlp, text) == [
        ("Apertus-8B-2509", "MODEL"),
        ("Zephyr-70B", "MODEL"),
        ("Ling-mini-2.0", "MODEL"),
        ("Ling-flash-2.0", "MODEL"),
    ]


def test_names_listed_after_a_kind_word_and_a_comma_take_its_label(nlp):
    text = "We test on tracking benchmarks, including LasHeR, RGBT234 and VisEvent."
    assert labelled(nlp, text) == [
        ("LasHeR", "DATASET"),
        ("RGBT234", "DATASET"),
        ("VisEvent", "DATASET"),
    ]


def test_a_score_in_a_name_or_an_environment_makes_it_a_benchmark(nlp):
    text = "It reaches a success rate of 61.0 in RoboTwin2 and 40% in ManiSkill3."
    assert labelled(nlp, text) == [
        ("RoboTwin2", "DATASET"),
        ("ManiSkill3", "DATASET"),
    ]
    assert labelled(nlp, "We train agents in SimplerEnv.") == [("SimplerEnv", "DATASET")]


def test_a_title_name_with_a_size_before_the_colon_is_introduced(nlp):
    found = names(nlp, "Kuwain 1.5B: An Arabic SLM via Language Injection")
    assert [(written, label, introduced) for written, label, _, _, introduced in found] == [
        ("Kuwain 1.5B", "MODEL", True)
    ]
