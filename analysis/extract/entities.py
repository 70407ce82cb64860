"""MODEL and DATASET entities: names from the lexicons (with version and size parts glued on), plus rules
for names no lexicon knows: the title's "X: ..." prefix, "we propose/introduce/present X", "named/called X",
and mixed-case or digit-bearing coinages (StitchDiffusion, DriveGPT4, T3AL).

Results go to ``doc.spans["papertrends_entities"]`` (label MODEL or DATASET) with ``span._.canonical``
(one name for all spellings) and ``span._.introduced`` (the paper presents it as its own); ``doc.ents``
gets them too where they do not clash with entities already set."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from functools import lru_cache
from itertools import compress
from pathlib import Path
from typing import NamedTuple

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from ..lexicons import (
    DEFAULT_DATASETS,
    DEFAULT_ENTITY_LABELS,
    DEFAULT_FAMILIES,
    DEFAULT_MODELS,
    DEFAULT_NAME_EDGES,
    DEFAULT_NOT_ENTITIES,
    FamilyRule,
    read_entity_cues,
    read_entity_lexicon,
    read_families,
    read_not_entities,
)
from .label_model import LinearModel, label_features, name_is_dataset, read_label_weights
from .links import doc_links, find_links
from .saving import SavesLexicons
from .scoring import ScoredSpanGroup, with_scorer
from .tokens import TokenView, token_view

MODEL, DATASET = "MODEL", "DATASET"
# What a mention's label rests on (entities.label_source).
LEXICON, FAMILY, CONTEXT, DEFAULT = "lexicon", "family", "context", "default"

# Parts glued after a name that belong to it: sizes, versions, variants (Llama-2-7B, ViT-B/16, ActivityNet-v1.3,
# Kimi-K2.5, DeepSeek-R1).
VERSION_PART = re.compile(
    r"^(?:\^\{?\d+\}?|v?\d+(?:\.\d+)*[A-Za-z]?|\d+(?:\.\d+)?[BMKbmk]|[A-Z]{1,2}(?:/\d+)?|[A-Z]/\d+|XL|XXL|Large|Base|Small|"
    r"Tiny|Huge|Mini|Nano|Pro|Plus|Max|Ultra|Flash|Turbo|Instruct|Chat|Coder|Vision|VL|[A-Z]\d+(?:\.\d+)?|A\d+(?:\.\d+)?B)$"
)
# Variant words glued to a name ("Qwen3-8B-Instruct", "gpt-5-mini"), found in any case, with the spelling the
# canonical name gives them.
VARIANT_WORDS = {
    word.lower(): word
    for word in (
        "Pro",
        "Flash",
        "Lite",
        "Ultra",
        "Turbo",
        "Max",
        "Plus",
        "Instruct",
        "it",  # instruction-tuned: "Gemma-2-it-9B"
        "Chat",
        "Base",
        "Thinking",
        "Coder",
        "Sonnet",
        "Opus",
        "Haiku",
        "Scout",
        "Maverick",
        "Omni",
        "Preview",
        "Exp",
        "Large",
        "Small",
        "Medium",
        "Tiny",
        "Huge",
        "Vision",
        "Math",
        "Distill",
        "Verified",
        "Diamond",
        "Hard",
        "Next",
        "Air",
        "Codex",
        "Audio",
        "mini",
        "nano",
        "VL",
        "XL",
        "XXL",
    )
}
# Words that go on a name after a space ("Gemini 3.1 Pro", "SWE-bench Verified"), as written.
SPACED_VARIANTS = {
    "Pro",
    "Flash",
    "Lite",
    "Ultra",
    "Turbo",
    "Max",
    "Plus",
    "Instruct",
    "Chat",
    "Thinking",
    "Coder",
    "Sonnet",
    "Opus",
    "Haiku",
    "Scout",
    "Maverick",
    "Omni",
    "Preview",
    "Verified",
    "Diamond",
    "mini",
    "nano",
    "VL",
    "XL",
    "XXL",
}
# A bare number after a space is a version only after a name a family rule knows: "Gemini 3", "AIME 2026".
SPACED_FAMILY_VERSION = {"MODEL": re.compile(r"^\d{1,2}(?:\.\d+)?$"), "DATASET": re.compile(r"^(?:19|20)\d\d$")}
SIZE_PART = re.compile(r"^(\d+(?:\.\d+)?)([bmkt])$", re.IGNORECASE)
# Characters a name never ends in: a sentence's period or comma left on a token, a dangling hyphen ("FLAN-T5-").
NAME_END_PUNCT = ".,;:-–—_/"
# Venue or metric names with a year after them: "NeurIPS 2025", "ICLR'26".
YEAR_AFTER = re.compile(r"[-' ]?(?:19|20)?\d{2}$")
# A year glued or hyphened to a name ("AIME2024", "HMMT-2025"): the canonical name writes it after a space.
YEAR_SUFFIX = re.compile(r"(?<=[A-Za-z])[-_ ]?((?:19|20)\d\d)$")
# Name shapes for coinages: an upper-case letter after a lower-case one (StitchDiffusion, iTransformer, MiVOLO),
# or letters mixed with digits and capitals (DriveGPT4, T3AL, Diff9D).
CAMEL = re.compile(r"^[A-Za-z][a-z]+[A-Z][A-Za-z0-9]*$|^[A-Z]{2,}[a-z]+[A-Za-z0-9]*$")
LETTER_DIGIT = re.compile(r"^[A-Za-z]*[A-Z][A-Za-z]*\d[A-Za-z0-9]*$|^[A-Z]+\d+[A-Z][A-Za-z0-9]*$")
NUMBER_WORD = re.compile(r"^\d+(?:\.\d+)?%?$")
PARAMETER_COUNT = re.compile(r"^\d+(?:\.\d+)?[BT]$")  # billions or trillions of parameters: "8B", "1T"
VERSION_NUMBER = re.compile(r"^v?\d+(?:\.\d+)+$")
ALL_CAPS = re.compile(r"^[A-Z][A-Z0-9]+(?:-[A-Z0-9]+)*$")
# Shapes that are concepts, not names: plural acronyms (LLMs, VLMs).
PLURAL_ACRONYM = re.compile(r"^[A-Z]+s$")
# Concept and task abbreviations, metrics, companies and general software: never entities by shape alone.
NOT_NAMES = {
    "LLM",
    "VLM",
    "MLLM",
    "LMM",
    "MTL",
    "RL",
    "NER",
    "WSI",
    "ZS-TAL",
    "TAL",
    "AI",
    "AGI",
    "NLP",
    "CV",
    "ML",
    "DL",
    "QA",
    "VQA",
    "RAG",
    "CoT",
    "MoE",
    "ToM",
    "SOTA",
    "SoTA",
    "GPU",
    "GPUs",
    "CPU",
    "TPU",
    "API",
    "APIs",
    "LoRA-style",
    "GitHub",
    "YouTube",
    "OpenAI",
    "DeepMind",
    "PyTorch",
    "TensorFlow",
    "JAX",
    "LaTeX",
    "PhD",
    "arXiv",
    "iPhone",
    "iOS",
    "macOS",
    "JavaScript",
    "TypeScript",
    "HuggingFace",
    "NVIDIA",
    "Nvidia",
    "McDonald",
    "mAP",
    "mIoU",
    "IoU",
    "AUC",
    "AUROC",
    "BLEU",
    "ROUGE",
    "METEOR",
    "CIDEr",
    "FID",
    "FVD",
    "PSNR",
    "SSIM",
    "LPIPS",
    "WER",
    "CER",
    "NDCG",
    "MRR",
    "SPL",
    "RMSE",
    "MSE",
    "MAE",
    "OOD",
    "IID",
    "SFT",
    "NLU",
    "NLG",
    "ASR",
    "TTS",
    "OCR",
    "CNN",
    "CNNs",
    "GAN",
    "GANs",
    "VAE",
    "VAEs",
    "GNN",
    "GNNs",
    "LSTM",
    "RNN",
    "MLP",
    "MLPs",
    "ViTs",
    "URL",
    "HTML",
    "JSON",
    "SQL",
    "CUDA",
    "FLOPs",
    "TFLOPs",
    "GFLOPs",
    "FPS",
    "HD",
    "RGB",
    "RGB-D",
    "LiDAR",
    "IoT",
    "DoF",
    "SE",
    "PDE",
    "PDEs",
    "ODE",
    "ODEs",
    "KL",
    "EM",
    "SGD",
    "USA",
    "UK",
    "EU",
    "US",
    "CoRR",
    "IEEE",
    "ACM",
    "BibTeX",
    "DNA",
    "RNA",
    "MRI",
    "CT",
    "ECG",
    "EEG",
    "COVID-19",
    "SARS-CoV-2",
    "MedQA-style",
    "MiB",
    "GiB",
    "KiB",
    "TiB",
    "GHz",
    "MHz",
    "kHz",
    "PFLOPs",
    "dB",
    "F1",
    "BLEU-4",
    "ROUGE-L",
    "ROUGE-1",
    "ROUGE-2",
    "AUPRC",
    "mAP50",
    "AP50",
    "AP75",
    "iPad",
    "WiFi",
    "Wi-Fi",
    "LoRA-based",
    "e.g",
    "i.e",
    "vs",
    "GitLab",
    "LinkedIn",
    "PubMed",
    "eBay",
    "McKinsey",
    "MoEs",
    "VLA",
    "VLAs",
    "MT",
    "NMT",
    "DNN",
    "DNNs",
    "LVLM",
    "LVLMs",
    "LMMs",
    "VLMs",
    "MLLMs",
    "SLM",
    "SLMs",
    "PLM",
    "PLMs",
    "KG",
    "KGs",
    "GUI",
    "GUIs",
    "AR",
    "VR",
    "XR",
    "IR",
    "CL",
    "FL",
    "SSL",
    "ICL",
    "PEFT",
    "RLVR",
    "MBRL",
    "MindSpore",
    "PaddlePaddle",
    "ServiceNow",
    "Salesforce",
    "Kubernetes",
    "NumPy",
    "SciPy",
    "OpenCV",
    "MATLAB",
    "TF-IDF",
    "JupyterLab",
    "OpenStreetMap",
    "WordPress",
    "PostgreSQL",
    "MySQL",
    "MongoDB",
    "OpenGL",
    "DirectX",
    "T2I",
    "T2V",
    "I2V",
    "VTO",
    "IQA",
    "OVD",
    "SLAM",
    "SfM",
    "MVS",
    "NVS",
    "POS",
    "ORM",
    "PRM",
}
# Shapes that look like names but are not: hardware (RTX4090, A100), number formats (FP8, BF16, INT4), and
# words styled to spell an acronym ("BEfore", "LEarning", "detectiON").
# A size range counts as one size: "Qwen3 0.6B--14B", "LLaMA 7B-65B".
SPACED_VERSION = re.compile(
    r"^(?:[Vv]\d+(?:\.\d+)*|\d+\.\d+|\d+(?:\.\d+)?[BMK](?:(?:--?|–|—|~)\d+(?:\.\d+)?[BMK])?|XXL|XL)$"
)
# The shape of a coined name that a list joins to a DATASET: capitalised, with a second capital or a digit.
COINED_SHAPE = re.compile(r"^[A-Z](?:[^\s]*[A-Z0-9])[^\s]*$")
# A bare spaced number is a version ("Gemini 2.5", "AIME 2024") only after a name with no digit yet: in "GPT-4.1
# 4.220", "Gemini-3-Pro 4.706" the number is the system's score.
BARE_NUMBER = re.compile(r"^\d+(?:\.\d+)?$")
SPACED_BENCH = {"Bench", "Benchmark", "Eval", "Arena", "Suite"}
NOT_NAME_SHAPES = re.compile(
    r"^(?:(?:RTX|GTX)\d+\w*|[ABHLTV]\d{2,3}|FP\d+|BF\d+|INT\d+|UINT\d+|[A-Z]{2}[a-z]{3,}|[a-z]{3,}[A-Z]{2}|"
    r"PowerPoint|VSCode|GitHub\w*|LaTeX\w*|JavaScript|ChatGPT-style)$"
)
# Words after a suffix hyphen that describe a use of the name, not the name: "DiT-based", "GRPO-style".
USE_SUFFIXES = {
    "based",
    "style",
    "like",
    "inspired",
    "driven",
    "only",
    "specific",
    "level",
    "formatted",
    "powered",
    "enhanced",
    "guided",
    "aware",
    "free",
    "centric",
    "compatible",
    "generated",
}
# Cue words are data (data/lexicons/entity_cues.csv, in the version stamp with the other lexicons).
_CUES = read_entity_cues()
DATASET_WORDS = _CUES["dataset_word"]
MODEL_WORDS = _CUES["model_word"]
INTRODUCING_VERBS = _CUES["introducing_verb"]
NAMING_WORDS = _CUES["naming_word"]
# Words after an introducing verb that make the next name one the paper uses: "we build on GRPO", "we present an
# evaluation of OpenClaw", "we design a framework incorporating DINO".
USE_WORDS = _CUES["use_word"]
# "evaluated on X" is a benchmark; "based on X", "research on X" are not.
NOT_DATASET_ON = _CUES["not_dataset_on"]
# "the Synapse dataset": capitalized words or acronyms before one of these name a dataset.
NAME_HEADS = _CUES["name_head"]
# What may stand before such a name: a lower-case word or list punctuation, not a sentence's start (any word is
# capitalized there).
BEFORE_HEADED_NAME = {",", "(", "/", ";"}
LIST_JOINERS = {",", "and", "or", "&"}
DATASET_CUES = ("bench", "dataset", "corpus", "data", "set", "suite", "arena", "gym", "env", "qa", "eval", "instruct")
CONNECTORS = {"of", "for", "and", "from", "with", "the", "a", "an", "in", "on", "to", "via", "-", "by"}
# "Background: ..." opens an abstract's section, not a title's name.
SECTION_WORDS = {
    "background",
    "motivation",
    "purpose",
    "objective",
    "objectives",
    "methods",
    "method",
    "results",
    "result",
    "conclusion",
    "conclusions",
    "code",
    "abstract",
    "summary",
    "introduction",
    "overview",
    "context",
    "aim",
    "aims",
    "goal",
    "goals",
    "significance",
    "problem",
    "findings",
    "limitations",
    "note",
    "update",
    "project",
    "website",
    "demo",
    "data",
    "dataset",
    "paper",
    "highlights",
    "keywords",
    "contributions",
    "availability",
}
LIST_KINDS = {
    "models": MODEL,
    "methods": MODEL,
    "baselines": MODEL,
    "llms": MODEL,
    "approaches": MODEL,
    "architectures": MODEL,
    "datasets": DATASET,
    "benchmarks": DATASET,
    "corpora": DATASET,
    "databases": DATASET,
    "exams": DATASET,  # "examinations like the SAT, LSAT, GRE, and GMAT": tests a model is scored on
    "examinations": DATASET,
}
CLAUSE_STOP = {".", ";", ":", "?", "!"}
# A known name (a lexicon's, or one a family rule covers) is the paper's own only when the authors are the
# subject of the introducing word and nothing but one of these words stands between the word and the name:
# "we introduce DeepSeek-R1", not "we introduce a sliding-window DiT" or "these results establish GRPO".
OWN_NAME_LEAD = _CUES["own_name_lead"]
AUTHOR_WORDS = _CUES["author_word"]
INTRODUCING_CUES = NAMING_WORDS | INTRODUCING_VERBS
ACRONYM_CUES = INTRODUCING_VERBS | NAMING_WORDS | {"our", "contributions", "contribution"}
NEXT_TO_DATASET = DATASET_WORDS | {"task", "tasks", "split", "splits", "test"}
NAMING_PUNCT = {",", ":"} | NAMING_WORDS
METRIC_WORDS = {"metric", "metrics"}
METRIC_CONTEXT = {"metric", "metrics", "measures", "scores"}

# What a token's text can start or take part in, as bits: one look-up per token replaces a scan of every
# token for each rule. COINAGE: the word alone has a coinage's shape and is no lexicon name.
GLUED, INTRO_CUE, LIST_KIND, OPEN_PAREN, COINAGE, FAMILY_VERSION = 1, 2, 4, 8, 16, 32
_WORD_MARKS_LIMIT = 200_000


class TokenMarks(NamedTuple):
    """Positions of the tokens each rule starts from, in order."""

    glued: list[int]
    cues: list[int]
    kinds: list[int]
    parens: list[int]
    coinages: set[int]
    versioned: list[int]


class AcronymPair(NamedTuple):
    """ "long form (ACRONYM)": the long form's first token, the "(" token, the acronym, the long form's text, the
    lexicon entry of either (or None), whether a cue word introduces it, and the sentence's first token."""

    long_start: int
    paren: int
    acronym: str
    long_text: str
    known: tuple[str, str] | None
    introducing: bool
    sentence_start: int


class Candidate(NamedTuple):
    """A possible entity before overlaps are resolved: token range, label, canonical name, introduced, and
    what the label rests on (LEXICON, CONTEXT or DEFAULT; FAMILY is set once the family is known)."""

    start: int
    end: int
    label: str
    canonical: str
    introduced: bool
    source: str = "context"


for attr in ("canonical", "introduced", "family", "label_source"):
    if not Span.has_extension(attr):
        Span.set_extension(attr, default=None)
if not Doc.has_extension("entities"):
    Doc.set_extension("entities", default=None)


def entity_record(span: Span) -> dict:
    """The primitive form of an entity span kept in ``doc._.entities``: exactly the ``entities`` columns of one
    mention (str and bool only). The name's exact characters: spaCy's tokenizer can leave a sentence's period
    or a dangling hyphen on a name's last token ("Llama3-70B." is one token, "FLAN-T5-"), which the token-aligned
    span keeps and the name does not (``clean_name``)."""
    text = clean_name(span.text)
    extensions = span._  # one Underscore object for the four reads (each ``span._`` makes one)
    canonical = extensions.canonical
    start = span.start_char
    return {
        "start_char": start,
        "end_char": start + len(text),
        "text": text,
        "label": span.label_,
        "canonical": canonical,
        "introduced": bool(extensions.introduced),
        "family": extensions.family or canonical,
        "label_source": extensions.label_source or DEFAULT,
    }


@lru_cache(maxsize=100_000)
def version_token(word: str) -> bool:
    """True for a token that is version, size or variant parts only: "8B", "VL-8B", "Instruct", "235B."."""
    pieces = [piece for piece in re.split(r"[-_]", word.rstrip(NAME_END_PUNCT)) if piece]
    return bool(pieces) and all(VERSION_PART.match(piece) or piece.lower() in VARIANT_WORDS for piece in pieces)


def versioned_name(base: str, label: str, tail: str) -> str:
    """The canonical name of ``base`` (a lexicon's canonical name) with the version parts written after it:
    sizes upper-cased (7b -> 7B), variant words in one spelling (pro -> Pro), and parts joined by hyphens
    for models (Gemini 3.1 Pro -> Gemini-3.1-Pro), by a space where the lexicon's name has one (Llama 2 7B);
    a dataset keeps the writer's space or hyphen (SWE-bench Verified)."""
    name = base
    for separator, part in re.findall(r"([-_ ]*)([^-_ ]+)", tail.rstrip(NAME_END_PUNCT)):
        size = SIZE_PART.match(part)
        part = f"{size[1]}{size[2].upper()}" if size else VARIANT_WORDS.get(part.lower(), part)
        if not separator:
            name += part
        elif label == DATASET:
            name += (" " if " " in separator else "-") + part
        else:
            name += (" " if " " in base else "-") + part
    return name


def clean_name(text: str) -> str:
    """A name without the punctuation a token can leave on it: "Qwen3-235B." -> "Qwen3-235B"."""
    return text.rstrip(NAME_END_PUNCT) or text


def family_matcher(rules: Sequence[FamilyRule]):
    """A function giving a name's family rule: the first rule one of whose prefixes starts the name at a name
    boundary (not followed by a letter), compared case-insensitively (an all-capitals prefix only in capitals or
    lower case), or whose pattern matches all of it. One
    compiled expression with a group per rule, so a name is looked up in one regex search."""
    groups = []
    for index, rule in enumerate(rules):
        options = [re.escape(prefix) + r"(?![^\W\d_])" for prefix in rule.prefixes]
        if rule.pattern is not None:
            options.append(f"(?:{rule.pattern.pattern})$")
        groups.append(f"(?P<rule{index}>{'|'.join(options)})")
    if not groups:
        return lambda name: None
    compiled = re.compile("|".join(groups), re.IGNORECASE)

    acronyms = {prefix.lower() for rule in rules for prefix in rule.prefixes if prefix.isupper()}
    written_prefixes = {prefix for rule in rules for prefix in rule.prefixes}

    def match(name: str) -> FamilyRule | None:
        found = compiled.match(name)
        if not found or not found.lastgroup:
            return None
        # An acronym's prefix takes its own capitals or all lower case ("gpt-4o"), not a mixed-case coinage:
        # "CoCo" (a new benchmark) is not COCO.
        written = found.group(found.lastgroup)
        # A spelling the lexicon lists itself is the family's ("Flux" for FLUX).
        mixed_case = not (written.isupper() or written.islower())
        if written.lower() in acronyms and mixed_case and written not in written_prefixes:
            return None
        return rules[int(found.lastgroup[4:])]

    return match


@lru_cache(maxsize=200_000)
def name_shaped(text: str) -> bool:
    """True for coinage shapes that name a model or dataset, false for words, acronyms and concepts."""
    if text in NOT_NAMES or PLURAL_ACRONYM.match(text) or not text[:1].isalpha() or NOT_NAME_SHAPES.match(text):
        return False
    if re.search(r"[A-Za-z]\.[A-Za-z]", text):  # e.g., domain names
        return False
    parts = [part for part in re.split(r"[-_/]", text) if part]
    if text[0].islower() and not any(ch.isupper() for ch in parts[0]):
        return False  # "human-LLMs": an English word first
    return (
        any(CAMEL.match(part) or LETTER_DIGIT.match(part) for part in parts)
        or (len(parts) > 1 and all(ALL_CAPS.match(part) for part in parts) and text not in NOT_NAMES)
        or (
            # "Apertus-8B-2509", "Ling-1T": a capitalized word with a parameter count; "Ling-mini-2.0": with a
            # variant word and a version number.
            len(parts) > 1
            and parts[0][0].isupper()
            and parts[0].isalpha()
            and (
                any(PARAMETER_COUNT.match(part) for part in parts[1:])
                or (
                    len(parts) > 2
                    and VERSION_NUMBER.match(parts[-1]) is not None
                    and any(part.lower() in VARIANT_WORDS for part in parts[1:-1])
                )
            )
        )
        or (
            # "DSO-Net", "GUI-Thinker", "VQ-Diffusion": an acronym joined to a capitalized word.
            len(parts) > 1
            and any(ALL_CAPS.match(p) and len(p) >= 2 for p in parts)
            and any(p[0].isupper() and p[1:].islower() and len(p) > 2 for p in parts)
        )
    )


@lru_cache(maxsize=200_000)
def introducible(text: str) -> bool:
    """Shapes a name may take when the text says it is the paper's own: coinages, all-caps names, Capitalized words."""
    return (
        bool(text)
        and text not in NOT_NAMES
        and not PLURAL_ACRONYM.match(text)
        and (name_shaped(text) or ALL_CAPS.match(text) is not None or (text[0].isupper() and len(text) > 2))
    )


def _capitalized_word(word: str) -> bool:
    """A word of a title-case name: letters (and hyphens), its first letter a capital ("Auto-regressive",
    "Cache-Resetting", "RoPE")."""
    parts = word.split("-")
    return word[:1].isupper() and all(part.isalpha() for part in parts)


def spells(letters: str, parts: list[str]) -> bool:
    """True when ``letters`` are the first letter of ``parts[0]`` followed, in order, by letters that start
    later parts or are capitals inside them (MaPLe from Multi, modal, Prompt, Learning)."""
    if not parts or parts[0][0].lower() != letters[0]:
        return False
    position = 1
    starts = []
    for index, part in enumerate(parts):
        for offset, ch in enumerate(part):
            if (offset == 0 or ch.isupper()) and (index, offset) != (0, 0):
                starts.append(ch.lower())
    # Every remaining acronym letter matches a later part start or capital, in order.
    remaining = letters[1:]
    for ch in starts:
        if position - 1 < len(remaining) and ch == remaining[position - 1]:
            position += 1
    return position - 1 == len(remaining)


def glued_runs(view: TokenView, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Token ranges of ``view[start:end]`` written without white space between them ("Meta", "-", "DT"),
    trimmed of edge punctuation. Indices are relative to ``start``."""
    end = len(view) if end is None else end
    if start >= end:
        return []
    run_ends = [index + 1 for index in compress(range(start, end), view.spaces[start:end])]
    if not run_ends or run_ends[-1] != end:
        run_ends.append(end)
    runs = zip([start, *run_ends[:-1]], run_ends, strict=False)
    edge_before, edge_after = view.edge_before, view.edge_after
    # Most runs are one token (a word and its space): kept whole unless the token is punctuation.
    trimmed = [
        run if run[1] - run[0] == 1 else _trim_edges(run, edge_before, edge_after)
        for run in runs
        if run[1] - run[0] > 1 or not (edge_before[run[0]] or edge_after[run[0]])
    ]
    if start:
        return [(first - start, last - start) for first, last in trimmed if first < last]
    return [run for run in trimmed if run[0] < run[1]]


def _trim_edges(run: tuple[int, int], edge_before: Sequence[int], edge_after: Sequence[int]) -> tuple[int, int]:
    first, last = run
    while first < last and edge_before[first]:
        first += 1
    while last > first and edge_after[last - 1]:
        last -= 1
    return first, last


def _positions(words: Sequence[str], word: str) -> list[int]:
    """Indices of ``word`` in ``words`` (``tuple.index`` searches in C)."""
    found: list[int] = []
    index = -1
    while True:
        try:
            index = words.index(word, index + 1)
        except ValueError:
            return found
        found.append(index)


def guess_label_evidence(view: TokenView, start: int, end: int) -> tuple[str, str]:
    """DATASET when the name, the words right around it, an appositive ("X, a math benchmark") or the
    title after "X:" say dataset or benchmark; MODEL when an appositive says model or method; else MODEL by
    default. With the label, what it rests on: ``context`` (words said it) or ``default`` (nothing did); the
    database-wide label vote counts only the first kind."""
    words, lowers, size = view.words, view.lowers, len(view)
    name = view.span_text(start, end).lower()
    if name.endswith(DATASET_CUES) or "bench" in name:
        return DATASET, CONTEXT
    if not NEXT_TO_DATASET.isdisjoint(lowers[end : end + 2]):
        return DATASET, CONTEXT
    if end + 1 < size and words[end] == "(":
        close = next((i for i in range(end, min(size, end + 15)) if words[i] == ")"), None)
        if close is not None:
            end = close + 1  # "FIT (Fit-Inclusive Try-on), a large-scale VTO dataset"
            if end < size and lowers[end] in NEXT_TO_DATASET:
                return DATASET, CONTEXT  # "EchoNet-Dynamic (left ventricle tracking) datasets"
    if end < size and lowers[end] in (",", "(", ":", "-", "—", "–", "is", "as"):
        for i in range(end + 1, min(size, end + 12)):
            if words[i] in (".", ";", ")", "?", "!") or lowers[i] in ("while", "which", "that"):
                break
            if (
                lowers[i] in ("and", "or")
                and i + 1 < size
                and (lowers[i + 1] in ("a", "an", "the", "we", "our", "it") or words[i + 1].istitle())
            ):
                break
            if lowers[i] in DATASET_WORDS:
                return DATASET, CONTEXT
            if lowers[i] in MODEL_WORDS:
                return MODEL, CONTEXT
    # "a new dataset, SimpleToM", "the benchmark called X"
    if start >= 2 and lowers[start - 1] in NAMING_PUNCT and lowers[start - 2] in DATASET_WORDS:
        return DATASET, CONTEXT
    # "a success rate of 61.0 in X": a score in a name is a score on a benchmark.
    if start >= 2 and lowers[start - 1] == "in" and NUMBER_WORD.match(words[start - 2 - (words[start - 2] == "%")]):
        return DATASET, CONTEXT
    # "evaluated on X", "accuracy on X": a benchmark; "based on X", "built on X": a model.
    if (
        start >= 1
        and lowers[start - 1] == "on"
        and not re.search(r"\d(?:\.\d+)?[BMK]$", name.upper())
        and (start < 2 or lowers[start - 2] not in NOT_DATASET_ON)
    ):
        return DATASET, CONTEXT
    return MODEL, DEFAULT


@Language.factory(
    "papertrends_entities",
    default_config={
        "models_path": None,
        "datasets_path": None,
        "families_path": None,
        "not_entities_path": None,
        "name_edges_path": None,
        "labels_path": None,
        "spans_key": "papertrends_entities",
        "find_coinages": True,
        "set_ents": True,
        "scorer": {"@scorers": "papertrends.span_group_scorer.v1"},
    },
)
def make_entities_component(
    nlp,
    name,
    models_path,
    datasets_path,
    families_path,
    not_entities_path,
    spans_key,
    find_coinages,
    set_ents,
    name_edges_path=None,
    scorer=None,
    labels_path=None,
):
    component = EntityComponent(
        nlp,
        models_path or DEFAULT_MODELS,
        datasets_path or DEFAULT_DATASETS,
        spans_key,
        find_coinages,
        set_ents,
        families_path or DEFAULT_FAMILIES,
        not_entities_path or DEFAULT_NOT_ENTITIES,
        name_edges_path or DEFAULT_NAME_EDGES,
        labels_path or DEFAULT_ENTITY_LABELS,
    )
    return with_scorer(component, scorer)


class EntityComponent(SavesLexicons, ScoredSpanGroup):
    def __init__(
        self,
        nlp: Language,
        models_path: str | Path,
        datasets_path: str | Path,
        spans_key: str,
        find_coinages: bool,
        set_ents: bool,
        families_path: str | Path = DEFAULT_FAMILIES,
        not_entities_path: str | Path = DEFAULT_NOT_ENTITIES,
        name_edges_path: str | Path = DEFAULT_NAME_EDGES,
        labels_path: str | Path = DEFAULT_ENTITY_LABELS,
    ):
        self.spans_key = spans_key
        self.find_coinages = find_coinages
        self.set_ents = set_ents
        self.nlp = nlp
        self.use_lexicons(
            {
                "models_path": models_path,
                "datasets_path": datasets_path,
                "families_path": families_path,
                "not_entities_path": not_entities_path,
                "name_edges_path": name_edges_path,
                "labels_path": labels_path,
            }
        )

    def read_lexicons(self, paths: Mapping[str, Path]) -> None:
        """Builds the matcher and word sets from the lexicon files (``SavesLexicons``)."""
        nlp = self.nlp
        families_path, not_entities_path, name_edges_path = (
            paths["families_path"],
            paths["not_entities_path"],
            paths["name_edges_path"],
        )
        models_path, datasets_path = paths["models_path"], paths["datasets_path"]
        self.families = read_families(families_path)
        self.not_entities = read_not_entities(not_entities_path)
        edges = read_not_entities(name_edges_path)  # the same word,kind layout
        self.name_heads = {word for word, kind in edges.items() if kind == "head"}
        self.not_leads = {word for word, kind in edges.items() if kind == "not_lead"}
        self.list_joiners = {word for word, kind in edges.items() if kind == "joiner"}
        self.concept_heads = {word.lower() for word, kind in edges.items() if kind == "concept_head"}
        self.label_model = LinearModel(read_label_weights(paths["labels_path"]))
        self._families_by_name: dict[str, FamilyRule | None] = {}
        self._family_match = family_matcher(self.families)
        # A family prefix with digits glued on ("Qwen3.5-122B", "Gemini3"): a version no lexicon row names.
        self._family_prefixes = {prefix for rule in self.families for prefix in rule.prefixes}
        prefixes = sorted({prefix for prefix in self._family_prefixes if prefix[-1:].isalpha()}, key=len, reverse=True)
        self._family_version = (
            re.compile("^(?:" + "|".join(map(re.escape, prefixes)) + r")(?=\d)") if prefixes else None
        )
        self.matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        self._word_marks: dict[str, int] = {}  # word_marks by word, emptied past _WORD_MARKS_LIMIT
        self.known: dict[str, tuple[str, str]] = {}
        # Match ids to (label, canonical), so a match does not look its key up in the string store.
        self.match_keys: dict[int, tuple[str, str]] = {}
        for label, path in ((MODEL, models_path), (DATASET, datasets_path)):
            for canonical, variants in read_entity_lexicon(path).items():
                key = f"{label}\t{canonical}"
                patterns = [nlp.make_doc(variant) for variant in variants]
                self.matcher.add(key, patterns)
                self.match_keys[nlp.vocab.strings[key]] = (label, canonical)
                for variant in variants:
                    self.known[variant] = (label, canonical)
        # Lower-case spellings: hyphenated lexicon names ("swe-agent") and family prefixes ("deepseek-v4").
        self._known_lower = {variant.lower(): entry for variant, entry in self.known.items() if "-" in variant}
        lower_prefixes = sorted({prefix.lower() for prefix in self._family_prefixes}, key=len, reverse=True)
        self._lower_family_prefix = (
            re.compile("^(?:" + "|".join(map(re.escape, lower_prefixes)) + r")(?=[-\d])") if lower_prefixes else None
        )
        # Lexicon names ending in a year, by their spelling with the year after a space.
        self._year_spellings = {YEAR_SUFFIX.sub(r" \1", canonical): canonical for _, canonical in self.known.values()}

    def lookup(self, text: str) -> tuple[str, str] | None:
        """The lexicon's (label, canonical) for a spelling, or for the name a plural is of (LoRAs -> LoRA)."""
        known = self.known.get(text)
        if known is None and len(text) > 3 and text.endswith("s") and not text.endswith("ss"):
            known = self.known.get(text[:-1])
        return known

    def family(self, name: str) -> FamilyRule | None:
        """The family rule of a canonical name, looked up once per name."""
        try:
            return self._families_by_name[name]
        except KeyError:
            if len(self._families_by_name) > _WORD_MARKS_LIMIT:
                self._families_by_name.clear()
            rule = self._families_by_name[name] = self._family_match(name)
            return rule

    def is_not_entity(self, text: str) -> bool:
        """Venues, metrics, losses and generic acronyms (not_entities.csv), also with a year after them."""
        return text in self.not_entities or YEAR_AFTER.sub("", text) in self.not_entities

    # -- spans ---------------------------------------------------------------------------------------
    def word_marks(self, word: str) -> int:
        """The TokenMarks bits of a token's text, read once per distinct word."""
        lower = word.lower()
        return (
            (GLUED if ("-" in word or "_" in word or "/" in word) and len(word) >= 3 else 0)
            | (INTRO_CUE if lower in INTRODUCING_CUES else 0)
            | (LIST_KIND if lower in LIST_KINDS else 0)
            | (OPEN_PAREN if word == "(" else 0)
            | (COINAGE if word not in self.known and name_shaped(word) and "://" not in word else 0)
            | (
                FAMILY_VERSION
                if self._family_version is not None and word not in self.known and self._family_version.match(word)
                else 0
            )
        )

    def token_marks(self, view: TokenView) -> TokenMarks:
        """Where in ``view`` each rule has something to look at."""
        marks = self._word_marks
        try:
            flags = list(map(marks.__getitem__, view.words))
        except KeyError:  # words not seen before
            if len(marks) > _WORD_MARKS_LIMIT:
                marks.clear()
            for word in set(view.words).difference(marks):
                marks[word] = self.word_marks(word)
            flags = list(map(marks.__getitem__, view.words))
        marked = [(i, flags[i]) for i in compress(range(len(flags)), flags)]
        return TokenMarks(
            [i for i, bits in marked if bits & GLUED],
            [i for i, bits in marked if bits & INTRO_CUE],
            [i for i, bits in marked if bits & LIST_KIND],
            [i for i, bits in marked if bits & OPEN_PAREN],
            {i for i, bits in marked if bits & COINAGE},
            [i for i, bits in marked if bits & FAMILY_VERSION],
        )

    @staticmethod
    def name_runs(view: TokenView, runs: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """Glued runs cut where a use suffix starts ("DiT-based" -> "DiT") and split at "/" between names
        ("Mamba2/GDN" -> "Mamba2", "GDN")."""
        multi_token = [k for k, run in enumerate(runs) if run[1] - run[0] > 1]
        pieces, copied = [], 0
        for k in multi_token:  # one-token runs have nothing to cut
            pieces.extend(runs[copied:k])
            pieces.extend(EntityComponent._cut_run(view, *runs[k]))
            copied = k + 1
        pieces.extend(runs[copied:])
        return pieces

    @staticmethod
    def _cut_run(view: TokenView, start: int, end: int) -> list[tuple[int, int]]:
        words, lowers = view.words, view.lowers
        pieces = []
        piece_start = start
        for index in range(start, end):
            word = words[index]
            if word == "-" and index + 1 < end and lowers[index + 1] in USE_SUFFIXES:
                end = index
                break
            if word == "/" and index + 1 < end and words[index + 1][:1].isupper() and len(words[index + 1]) > 1:
                pieces.append((piece_start, index))
                piece_start = index + 1
        if piece_start < end:
            pieces.append((piece_start, end))
        return [(s, e) for s, e in pieces if s < e]

    def extend_version(self, view: TokenView, end: int, canonical: str | None = None, label: str = MODEL) -> int:
        """Grows a name over glued version and size parts ("Llama-2" + "-7B", "ViT" + "-B/16", "Qwen3" +
        "-VL-8B-Instruct") and over spaced ones ("Gemini" + "3.1 Pro", "LLaMA" + "7B"); a bare spaced number
        only after a name a family rule knows (``canonical``)."""
        words, spaces, size = view.words, view.spaces, len(view)
        spaced_number = None
        has_digit = any(ch.isdigit() for ch in words[end - 1])
        while end < size:
            word = words[end]
            if spaces[end - 1] and has_digit and BARE_NUMBER.match(word):
                break
            if not spaces[end - 1]:
                if word in ("-", "_") and end + 1 < size and not spaces[end] and version_token(words[end + 1]):
                    has_digit = has_digit or any(ch.isdigit() for ch in words[end + 1])
                    end += 2
                elif not view.is_punct[end] and version_token(word):
                    has_digit = has_digit or any(ch.isdigit() for ch in word)
                    end += 1
                else:
                    break
                continue
            if SPACED_VERSION.match(word) or word in SPACED_VARIANTS:
                has_digit = has_digit or any(ch.isdigit() for ch in word)
                end += 1
                continue
            if canonical is not None and word[:1].isdigit():
                if spaced_number is None:
                    # A lexicon's benchmark takes its edition's year whatever its family ("HMMT 2025", "COCO 2017").
                    rule = self.family(canonical)
                    known = label == DATASET or (rule is not None and rule.label == label)
                    spaced_number = SPACED_FAMILY_VERSION[label] if known else False
                if isinstance(spaced_number, re.Pattern) and spaced_number.match(word):
                    has_digit = True
                    end += 1
                    continue
            break
        return end

    def _versioned(self, view: TokenView, base_end_char: int, end: int, label: str, canonical: str) -> str:
        """``canonical`` with the parts written between ``base_end_char`` and the end of token ``end - 1``."""
        return versioned_name(canonical, label, view.text[base_end_char : view.end_char(end - 1)])

    def lexicon_candidates(self, doc: Doc, view: TokenView, marks: TokenMarks) -> list[Candidate]:
        words, spaces, size = view.words, view.spaces, len(view)
        found = []
        # The longest lexicon name first: "Llama 2" + "7B" and "Llama" + "2 7B" cover the same tokens, and the
        # first candidate of a span is kept.
        for match_id, start, end in sorted(self.matcher(doc), key=lambda match: (match[1], match[1] - match[2])):
            label, canonical = self.match_keys[match_id]
            base_end = view.end_char(end - 1)
            # "Qwen3-VL-8B", "DeepSeek V3.2", "LLaMA 7B": version and size parts belong to the name.
            end = self.extend_version(view, end, canonical, label)
            if end < size and spaces[end - 1] and words[end] in SPACED_BENCH:
                # "OPT-IML Bench": a benchmark named after a model
                found.append(Candidate(start, end + 1, DATASET, clean_name(view.span_text(start, end + 1)), False))
                continue
            found.append(
                Candidate(start, end, label, self._versioned(view, base_end, end, label, canonical), False, LEXICON)
            )
        for i in marks.glued:
            text = words[i]
            if text in self.known:
                continue
            # "GPT-5.5", "Qwen3-VL-8B": one token, a lexicon name and its version parts; the longest name first.
            for cut in sorted((match.start() for match in re.finditer(r"[-_/]", text)), reverse=True):
                entry, source = self.known.get(text[:cut]), LEXICON
                if entry is None and text[:cut] in self._family_prefixes:
                    prefix_rule = self.family(text[:cut])
                    assert prefix_rule is not None  # a family prefix has its rule
                    entry, source = (prefix_rule.label, text[:cut]), FAMILY  # "GLM-5": a family's name
                if entry and version_token(text[cut + 1 :]) and text[cut] != "/":
                    label, canonical = entry
                    end = self.extend_version(view, i + 1, canonical, label)
                    found.append(
                        Candidate(
                            i,
                            end,
                            label,
                            self._versioned(view, view.starts[i] + cut, end, label, canonical),
                            False,
                            source,
                        )
                    )
                    break
        for i in marks.versioned:
            text = words[i]
            version_match = self._family_version.match(text) if self._family_version else None
            assert version_match is not None  # marks.versioned holds only the words this pattern matched
            prefix = version_match.group()
            if not version_token(text[len(prefix) :]):
                continue  # "GPT4All": not a version
            known, rule = self.known.get(prefix), self.family(prefix)
            if known:
                label, canonical, source = known[0], known[1], LEXICON
            else:
                assert rule is not None  # a versioned word starts with a lexicon name or a family's
                label, canonical, source = rule.label, prefix, FAMILY
            end = self.extend_version(view, i + 1, canonical, label)
            found.append(
                Candidate(
                    i,
                    end,
                    label,
                    self._versioned(view, view.starts[i] + len(prefix), end, label, canonical),
                    False,
                    source,
                )
            )
        return found

    def introduced_candidates(
        self, view: TokenView, runs: list[tuple[int, int]], marks: TokenMarks, known: dict[int, int] | None = None
    ) -> list[Candidate]:
        """Names the text presents as its own: "X: ..." at the start, "we propose X", "named X". ``known``:
        the token ranges of lexicon names by their start ("we release Llama 3")."""
        known = known or {}
        words, lowers, spaces, size = view.words, view.lowers, view.spaces, len(view)
        found = []
        # "X: title" — the first run, directly followed by a colon.
        if runs and runs[0][0] == 0:
            start, end = runs[0]
            first_run = view.span_text(start, end)
            if end < size and words[end] == ":" and introducible(first_run) and first_run.lower() not in SECTION_WORDS:
                found.append((start, end))
            elif len(runs) > 1 and runs[1][1] < size and words[runs[1][1]] == ":":
                # Two-word names before the colon ("Orca 2:") when one word has a name's shape.
                first, second = view.span_text(*runs[0]), view.span_text(*runs[1])
                # "Kuwain 1.5B:", a size, as well.
                if introducible(first) and (
                    second.isdigit() or SIZE_PART.match(second) or name_shaped(first) or name_shaped(second)
                ):
                    found.append((runs[0][0], runs[1][1]))
        if found and found[0][0] == 0:
            # "MaPLe: Multi-modal Prompt Learning": the title spells out its own name.
            name_end = found[0][1]
            letters = re.sub(r"[^A-Z]", "", view.span_text(0, name_end)).lower()
            stop = next((i for i in range(name_end + 1, size) if view.is_punct[i] and words[i] != "-"), size)
            title_runs = [
                (a, b) for a, b in glued_runs(view, name_end + 1, stop) if lowers[name_end + 1 + a] not in CONNECTORS
            ]
            title_words = [view.span_text(name_end + 1 + a, name_end + 1 + b) for a, b in title_runs]
            # Only an exact spelling counts: the capitals are the initials of the words that follow.
            for count in range(2, len(title_words) + 1):
                if "".join(w[0] for w in title_words[:count]).lower() == letters and len(letters) >= 2:
                    found.append((name_end + 1, name_end + 1 + title_runs[count - 1][1]))
                    break
        run_ends = dict(runs)
        for position in marks.cues:
            if lowers[position] in NAMING_WORDS:
                found.extend(
                    (start, end)
                    for start, end in self._named_after(view, position + 1, run_ends)
                    if self._own_when_named(view, position, start, end)
                )
                continue
            used = False
            for index in range(position + 1, min(size, position + 10)):
                if words[index] in CLAUSE_STOP:
                    break
                if words[index] == "(":
                    # "a variation of Proximal Policy Optimization (DO-HJ-PPO)": a new name in parentheses is the
                    # paper's own; a known one ("Diffusion Transformer (DiT)") is not.
                    end = run_ends.get(index + 1, -1)
                    if 0 <= end < size and words[end] == ")":
                        text = view.span_text(index + 1, end)
                        if (
                            self.lookup(text) is None
                            and not self.is_not_entity(text)
                            and (
                                name_shaped(text)
                                or (ALL_CAPS.match(text) and len(text) >= 3 and text not in NOT_NAMES)
                                or self.variant_of_known(text)
                            )
                        ):
                            found.append((index + 1, end))
                    break
                if lowers[index] in USE_WORDS:
                    used = True  # "we build on GRPO", "we design ... with a CLIP encoder": a name used, not introduced
                    continue
                if used:
                    continue
                if index in known and known[index] >= run_ends.get(index, 0):  # not "Llama" of "Llama-GENBA"
                    name_start = self._capitalized_before(view, runs, position, index)
                    if name_start < index or self._own_after_cue(view, position, index, known[index]):
                        # "we publicly release Llama 3"; "we propose Multi-View GRPO": the paper's longer name
                        found.append((name_start, known[index]))
                        break
                    continue
                end = run_ends.get(index, -1)
                if end < 0:
                    continue
                text = view.span_text(index, end)
                if text[:1].isupper() and end < size and spaces[end - 1] and SPACED_VERSION.match(words[end]):
                    if self._own_after_cue(view, position, index, end + 1):
                        found.append((index, end + 1))  # "we introduce Ling 2.0"
                    break
                if (
                    index == position + 1
                    and introducible(text)
                    and end + 1 < size
                    and words[end] == ","
                    and lowers[end + 1] in ("a", "an", "the")
                ):
                    if self._own_after_cue(view, position, index, end):
                        found.append((index, end))  # "we propose Hum, a large-scale ... dataset"
                    break
                if name_shaped(text) or (ALL_CAPS.match(text) and len(text) >= 3 and text not in NOT_NAMES):
                    # "a novel IQA approach" uses a concept as a modifier: not a name being introduced.
                    if end < size and words[end].islower() and words[end].isalpha() and not view.is_stop(end):
                        break
                    while (
                        ALL_CAPS.match(text) and end in run_ends and ALL_CAPS.match(view.span_text(end, run_ends[end]))
                    ):
                        end = run_ends[end]  # "NATURAL INSTRUCTIONS"
                        text = view.span_text(index, end)
                    # "we propose Multi-View GRPO": the capitalized words before GRPO are part of the paper's name.
                    name_start = self._capitalized_before(view, runs, position, index)
                    if name_start == index and not self._own_after_cue(view, position, name_start, end):
                        continue  # "we propose self-hint aligned GRPO (SAGE)": a known name used; read on
                    found.append((name_start, end))
                    break
        return [self._candidate(view, start, end, introduced=True) for start, end in found]

    @staticmethod
    def _capitalized_before(view: TokenView, runs: list[tuple[int, int]], cue: int, index: int) -> int:
        """Where a name at ``index`` starts when the capitalized runs between it and the word at ``cue`` are
        part of it ("we propose Multi-View GRPO" -> Multi-View GRPO)."""
        run_starts = {end: start for start, end in runs}
        first = index
        while first - 1 > cue and first in run_starts and run_starts[first] > cue:
            before = view.span_text(run_starts[first], first)
            if not before[:1].isupper() or view.lowers[run_starts[first]] in CONNECTORS:
                break
            first = run_starts[first]
        return first

    def variant_of_known(self, text: str) -> bool:
        """True for a name made of a known name and parts of the writer's own joined by hyphens ("iLR-DPO",
        "TA-RoPE"): a new name built on a known one, when the text gives it as a name of its own."""
        parts = [part for part in re.split(r"[-_]", text) if part]
        return (
            len(parts) > 1
            and text[:1].isalpha()
            and any(self.lookup(part) is not None for part in parts)
            and not all(self.lookup(part) is not None or version_token(part) for part in parts)
        )

    def known_name(self, text: str) -> bool:
        """True for a name the lexicons know (or the plural of one) or a family rule covers."""
        return self.lookup(text) is not None or self.family(text) is not None

    def _own_when_named(self, view: TokenView, cue: int, start: int, end: int) -> bool:
        """Whether a name after a naming word ("called X") is the paper's own: a known one only when the
        sentence before the word has the authors and an introducing verb ("This paper presents ... models,
        called Llama 3"), not in "augmented by a preference learning algorithm called DPO"."""
        if not self.known_name(clean_name(view.span_text(start, end))):
            return True
        words, lowers = view.words, view.lowers
        sentence = next((i + 1 for i in range(cue - 1, -1, -1) if words[i] in CLAUSE_STOP), 0)
        before = lowers[sentence:cue]
        return not AUTHOR_WORDS.isdisjoint(before) and not INTRODUCING_VERBS.isdisjoint(before)

    def _own_after_cue(self, view: TokenView, cue: int, start: int, end: int) -> bool:
        """Whether a name found after the introducing word at ``cue`` is the paper's own. A name no lexicon
        knows is; a known one only when the authors introduce it ("we", "this paper" just before the word)
        and nothing but a determiner stands between the word and the name (OWN_NAME_LEAD): "we release Llama
        3" introduces it, "we present hard sample DPO" and "results establish GRPO as" do not."""
        if not self.known_name(clean_name(view.span_text(start, end))):
            return True
        lowers, words = view.lowers, view.words
        if not all(lowers[i] in OWN_NAME_LEAD for i in range(cue + 1, start)):
            return False
        # "we introduce a RoPE alignment strategy", "a GRPO-based method", "introduces 3DGS into 3DOD": the name
        # modifies the writer's own thing or is carried into it.
        after = end
        if after + 1 < len(view) and words[after] == "(":  # "Group Relative Policy Optimization (GRPO)-based"
            tail = words[after + 1].partition(")")[2]  # the tokenizer keeps "GRPO)-based" whole
            if tail[:1] == "-" and tail[1:].lower() in USE_SUFFIXES:
                return False
            after = next((i + 1 for i in range(after, min(len(view), after + 6)) if words[i] == ")"), after)
        elif after < len(view) and words[after] == ")":
            after += 1
        if after < len(view):
            if words[after] == "-" and after + 1 < len(view) and lowers[after + 1] in USE_SUFFIXES:
                return False
            if lowers[after] in ("into", "to") or (
                words[after].islower() and words[after].isalpha() and not view.is_stop(after)
            ):
                return False
        return not AUTHOR_WORDS.isdisjoint(lowers[max(0, cue - 3) : cue])

    def listed_candidates(self, view: TokenView, named: list[tuple[int, int]], marks: TokenMarks) -> list[Candidate]:
        """Names listed with their kind: "models such as VQ-Diffusion, Paella, and RoBERTa", "two benchmarks:
        X and Y", "databases (WALS, Grambank, Autotyp)", and "on Travel, Adult Income, and Diabetes datasets"."""
        lowers, size = view.lowers, len(view)
        runs = dict(named)
        found = []
        for position in marks.kinds:
            label = LIST_KINDS[lowers[position]]
            index = position + 1
            following = view.span_text(index, min(size, index + 3)).lower()
            if following.startswith(", such as"):
                index += 3  # "tracking benchmarks, such as LasHeR, RGBT234, ..."
            elif following.startswith((", including", ", namely")):
                index += 2
            elif following.startswith("such as"):
                index += 2
            elif following.startswith(("like the", "including the")):
                index += 2
            elif index < size and lowers[index] in ("including", "like", "(", ":"):
                index += 1
            else:
                found.extend(self._listed_before(view, position, label, runs))
                continue
            for start, end in self._list_items(view, index, runs):
                found.append(self._listed(view, start, end, label))
        return found

    @staticmethod
    def _list_items(view: TokenView, index: int, runs: dict[int, int]) -> list[tuple[int, int]]:
        """Items of "A, B-C, Long Name and D": capitalized (or digit-led) name runs, up to four runs each."""
        items = []
        while index in runs:
            end = index
            while end in runs and end - index < 8:
                text = view.span_text(end, runs[end])
                if (
                    not (text[:1].isupper() or (text[:1].isdigit() and any(c.isupper() for c in text)))
                    or text in NOT_NAMES
                ):
                    break
                end = runs[end]
                if text.endswith("."):
                    break  # "Qwen3-235B. We": the token keeps the sentence's period; the list ends there
            if end == index or PLURAL_ACRONYM.match(view.span_text(index, end)):
                break
            items.append((index, end))
            index = end
            while index < len(view) and view.lowers[index] in (",", "and", "or"):
                index += 1
        return items

    def _listed_before(self, view: TokenView, kind: int, label: str, runs: dict[int, int]) -> list[Candidate]:
        """ "on Travel, Adult Income, and Diabetes datasets": a list that ends in its kind word."""
        words = view.words
        if kind < 3 or words[kind - 1][:1].islower() or view.is_punct[kind - 1]:
            return []
        starts = sorted(start for start, end in runs.items() if end <= kind)
        items, index = [], kind
        while True:
            ends = [s for s in starts if runs[s] == index]
            if not ends:
                break
            start = ends[0]
            while (
                start - 1 >= 0 and words[start - 1][:1].isupper() and (start - 1) in runs and runs[start - 1] == start
            ):
                start -= 1  # two-word names: "Adult Income"
            if not words[start][:1].isupper():
                break
            items.append((start, index))
            index = start
            while index > 0 and view.lowers[index - 1] in (",", "and", "or"):
                index -= 1
            if index == start:
                break
        if len(items) < 2:
            return []
        return [self._listed(view, start, end, label) for start, end in items]

    def _listed(self, view: TokenView, start: int, end: int, label: str) -> Candidate:
        text = clean_name(view.span_text(start, end))
        known = self.lookup(text)
        if known:
            return Candidate(start, end, known[0], known[1], False, LEXICON)
        return Candidate(start, end, label, text, False, CONTEXT)  # the list's kind word says the label

    @staticmethod
    def _named_after(view: TokenView, index: int, run_ends: dict[int, int]) -> list[tuple[int, int]]:
        """ "called Binary Diffusion", "named T3AL": the capitalized words right after a naming word."""
        size = len(view)
        if index < size and view.lowers[index] in ("the", "a", "an"):
            index += 1
        start = end = index
        while end in run_ends and end - start < 8:
            text = view.span_text(end, run_ends[end])
            if (
                end > start
                and text in ("with", "of", "for", "and", "to", "via")
                and run_ends.get(end + 1)
                and introducible(view.span_text(end + 1, run_ends[end + 1]))
            ):
                end += 1  # "Aligning TeacheR with StudenT PreferencEs"
                continue
            if not (introducible(text) or (end > start and text.isdigit())):
                break
            end = run_ends[end]
            if not view.spaces[end - 1] and end < size and view.is_punct[end]:
                break
        return [(start, end)] if end > start else []

    def _candidate(self, view: TokenView, start: int, end: int, introduced: bool) -> Candidate:
        text = clean_name(view.span_text(start, end))
        known = self.lookup(text)
        if known:
            return Candidate(start, end, known[0], known[1], introduced, LEXICON)
        label, source = guess_label_evidence(view, start, end)
        return Candidate(start, end, label, text, introduced, source)

    def acronym_candidates(self, view: TokenView, introduced_names: set[str], marks: TokenMarks) -> list[Candidate]:
        """ "Reinforcement Learning from Human Feedback (RLHF)": the long form and the acronym, when the
        acronym is a known name or the paper introduces it; concept acronyms (Multi-Task Learning (MTL)) stay out."""
        found = []
        for pair in self.acronym_pairs(view, marks):
            known, long_start, paren, acronym, long_text = (
                pair.known,
                pair.long_start,
                pair.paren,
                pair.acronym,
                pair.long_text,
            )
            is_own = pair.introducing or acronym in introduced_names or long_text in introduced_names
            if not (
                known
                or is_own
                or self._title_case_long_form(view, long_start, paren, acronym)
                or self._named_long_form(view, pair)
            ):
                continue
            label, source = (known[0], LEXICON) if known else guess_label_evidence(view, long_start, paren)
            canonical = known[1] if known else acronym
            found.append(Candidate(long_start, paren, label, canonical, bool(is_own and not known), source))
            found.append(Candidate(paren + 1, paren + 2, label, canonical, bool(is_own and not known), source))
        found.extend(self._expansions_after(view, introduced_names))
        return found

    def acronym_pairs(self, view: TokenView, marks: TokenMarks) -> list[AcronymPair]:
        """Every "long form (ACRONYM)" of the text whose words spell the acronym, leaving out acronyms that are
        never names (not_entities, plurals) and those of a metric's sentence."""
        words, lowers, size = view.words, view.lowers, len(view)
        found = []
        for paren in marks.parens:
            if paren + 2 >= size or words[paren + 2] != ")":
                continue
            acronym = words[paren + 1]
            letters = re.sub(r"[^A-Za-z]", "", acronym)
            if len(letters) < 2 or sum(ch.isupper() for ch in letters) < 2:
                continue
            capitals = re.sub(r"[^A-Z]", "", acronym).lower()
            long_start = self._long_form_start(view, paren, letters.lower())
            if long_start is None and len(capitals) >= 2 and capitals != letters.lower():
                long_start = self._long_form_start(view, paren, capitals)  # "MaPLe" by its capitals
            if long_start is None:
                continue
            long_text = view.span_text(long_start, paren)
            if (
                paren - long_start == 1
                and long_text != acronym
                and long_text in self.known
                and acronym not in self.known
            ):
                # "Gaussian GRPO (G^2RPO)": the letters spell a known name that is only part of the long form;
                # the acronym is a name of its own, not a spelling of GRPO.
                continue
            known = self.known.get(acronym) or self.known.get(long_text)
            sentence_start = max((i for i in range(long_start) if words[i] in (".", "?", "!")), default=-1) + 1
            introducing = not ACRONYM_CUES.isdisjoint(lowers[max(sentence_start, long_start - 6) : long_start])
            if (
                acronym in NOT_NAMES
                or PLURAL_ACRONYM.match(acronym)
                or not METRIC_WORDS.isdisjoint(lowers[sentence_start:long_start])
            ):
                continue
            found.append(AcronymPair(long_start, paren, acronym, long_text, known, introducing, sentence_start))
        return found

    def _title_case_long_form(self, view: TokenView, start: int, paren: int, acronym: str) -> bool:
        """ "use Target Context Routing (TCR)": a name of three or more capitalized words, mid-sentence, with an
        all-capitals acronym of its initials, ending in a head word of name_edges.csv, is a method's name even where
        the paper does not introduce it."""
        words = [view.words[i] for i in range(start, paren) if view.lowers[i] not in CONNECTORS]
        return (
            start >= 1
            and view.words[start - 1].islower()
            and len(words) >= 3
            and acronym.isupper()
            and acronym.isalpha()
            and len(acronym) == len(words)
            and all(word[:1].isupper() and word[1:].islower() and word.isalpha() for word in words)
            and words[-1] in self.name_heads  # "Routing", "Attention": not "Lottery Ticket Hypothesis (LTH)"
            and not self.is_not_entity(acronym)
        )

    def _named_long_form(self, view: TokenView, pair: AcronymPair) -> bool:
        """ "an Auto-regressive Temporal Guidance (ARTG) module": two or more capitalized words (hyphen parts after
        the first may be lower case) with an all-capitals acronym they spell, followed by a kind word (model_word or
        dataset_word of entity_cues.csv: module, framework, benchmark ...), name a method or dataset, unless the
        last word makes them a concept, field, metric or organisation (a ``concept_head`` of name_edges.csv:
        "Multi-Task Learning (MTL)", "Cognitive Complexity Index (CCI)"), or the word after the acronym does
        ("Hamilton-Jacobi (HJ) equations")."""
        start, paren, acronym = pair.long_start, pair.paren, pair.acronym
        words = [word for word in view.span_text(start, paren).split() if word.lower() not in CONNECTORS]
        letters = [ch for ch in acronym if ch.isalpha()]
        after = view.lowers[paren + 3] if paren + 3 < len(view) else ""
        # A kind word after the acronym says it is a name ("an Auto-regressive Temporal Guidance (ARTG) module").
        # The authors' voice in the sentence was tried too: on arXiv abstracts half the pairs it let in were
        # concepts, fields, organisations (Earth Observation (EO), Tel Aviv University (TAU)).
        return (
            (after in MODEL_WORDS or after in DATASET_WORDS)
            and len(words) >= 2
            and len(letters) >= 2
            and all(ch.isupper() for ch in letters)
            and all(ch.isalnum() or ch == "-" for ch in acronym)
            and all(_capitalized_word(word) for word in words)
            and words[-1].split("-")[-1].lower() not in self.concept_heads
            and after not in self.concept_heads  # "Hamilton-Jacobi (HJ) equations"
            and not self.is_not_entity(acronym)
        )

    def _expansions_after(self, view: TokenView, introduced_names: set[str]) -> list[Candidate]:
        """ "LEGION (LEarning to Ground and explain for Synthetic Image detectiON)": a name the paper
        introduces, followed by the words its letters come from."""
        words, size = view.words, len(view)
        found = []
        for name in introduced_names:
            for i in _positions(words, name):
                if i + 2 >= size or words[i + 1] != "(":
                    continue
                close = next((j for j in range(i + 2, min(size, i + 20)) if words[j] == ")"), None)
                if close is None or close - i < 3:
                    continue
                inside = [words[j] for j in range(i + 2, close) if view.lowers[j] not in CONNECTORS]
                letters = re.sub(r"[^a-z]", "", name.lower())
                capitals = "".join(ch for w in inside for ch in w if ch.isupper()).lower()
                initials = "".join(w[0] for w in inside).lower()
                if letters and letters in (capitals, initials):
                    known = self.known.get(name)
                    if known:
                        label, canonical, source = known[0], known[1], LEXICON
                    else:
                        (label, source), canonical = guess_label_evidence(view, i, i + 1), name
                    found.append(Candidate(i + 2, close, label, canonical, True, source))
        return found

    @staticmethod
    def _long_form_start(view: TokenView, paren: int, letters: str) -> int | None:
        """Where the words before "(" spell the acronym: the shortest run of words whose first word starts
        with the acronym's first letter and whose characters contain the acronym's letters in order, each
        letter after the first at the start of a word or hyphen part (Multi-modal Prompt Learning -> MaPLe
        by M, P, L; Dual-stage Mixed Fine-tuning -> DMT)."""
        words, lowers = view.words, view.lowers
        for start in range(paren - 1, max(-1, paren - 12), -1):
            word = words[start]
            if view.is_punct[start] and word != "-":
                return None
            if lowers[start] in CONNECTORS or not word[:1].isalpha():
                continue
            if word[0].lower() != letters[0] or not word[0].isupper():
                continue
            if start >= 2 and words[start - 1] == "-" and not view.spaces[start - 2]:
                continue  # "Multi-modal": the name starts at "Multi", not at "modal"
            parts = [
                part
                for i in range(start, paren)
                for part in words[i].split("-")
                if part and lowers[i] not in CONNECTORS
            ]
            if spells(letters, parts):
                return start
        return None

    def coinage_candidates(self, view: TokenView, named: list[tuple[int, int]], marks: TokenMarks) -> list[Candidate]:
        words, spaces, size = view.words, view.spaces, len(view)
        found = []
        # Most runs are plain lower-case words: no name has that shape.
        coinages = marks.coinages
        for start, end in [run for run in named if run[1] - run[0] > 1 or run[0] in coinages]:
            text = clean_name(view.span_text(start, end))
            if view.span_text(start, end) in self.known or "://" in text:
                continue
            if not name_shaped(text):
                lower_case = self._lower_case_name(text)
                if lower_case is not None:
                    found.append(Candidate(start, end, lower_case[0], text, False, lower_case[1]))
                continue
            plural_of = self.lookup(text)
            if plural_of:  # "LoRAs": the lexicon's name; "FLAN-T5-": the lexicon's name with a dangling hyphen
                found.append(Candidate(start, end, plural_of[0], plural_of[1], False, LEXICON))
                continue
            if not METRIC_CONTEXT.isdisjoint(view.lowers[max(0, start - 15) : start]):
                continue  # stylized metric names ("IGnorance (IG)") are not models
            name_end = end
            while (
                end < size and spaces[end - 1] and (SPACED_VERSION.match(words[end]) or words[end] in SPACED_VARIANTS)
            ):
                end += 1  # "DeepSeek V3.2", "Physics-IQ Verified"
            label, source = guess_label_evidence(view, start, end)
            canonical = (
                versioned_name(text, label, view.text[view.end_char(name_end - 1) : view.end_char(end - 1)])
                if end > name_end
                else text
            )
            found.append(Candidate(start, end, label, canonical, False, source))
        return found

    def headed_candidates(
        self, view: TokenView, runs: list[tuple[int, int]], found: list[Candidate]
    ) -> list[Candidate]:
        """ "the Synapse dataset", "on the ACDC benchmark", "the Fair Disease Diagnosis benchmark": up to five
        words no other rule takes for a name (plain capitalized words, acronyms, an edition's year), written
        mid-sentence right before a lower-case ``name_head`` of entity_cues.csv, are a DATASET; so is every other mention of a one-word name
        in the text ("... on Synapse, ..."). Venues, metrics, languages and generic acronyms (not_entities.csv)
        are not ("the English dataset", "the first Video dataset"), nor an acronym the text spells out in
        lower-case words, a concept ("object detection (OD) ... the drones OD dataset")."""
        words, lowers, size = view.words, view.lowers, len(view)
        taken = {(c.start, c.end) for c in found} | {(c.start, c.start + 1) for c in found}
        covered = {i for c in found for i in range(c.start, c.end)}
        start_of = {end: start for start, end in runs}
        names, headed = set(), []
        for start, end in runs:
            # The head in lower case: "an Optimal Dataset Scale (ODS) F-score" is a title-case phrase.
            if end >= size or words[end] not in NAME_HEADS or not start or (start, end) in taken:
                continue
            first = start
            # "the Fair Disease Diagnosis benchmark", "the AI City Challenge 2025 benchmark": capitalized words
            # before the name (or before an edition's year) are part of it.
            while (
                first in start_of
                and end - start_of[first] <= 5
                and (words[start_of[first]].istitle() or ALL_CAPS.match(words[start_of[first]]))
                and words[start_of[first]].isalpha()
                and not covered.intersection(range(start_of[first], first))
            ):
                first = start_of[first]
            if not first:
                continue
            before = words[first - 1]
            if not (before.islower() or before in BEFORE_HEADED_NAME):
                continue
            # "the Reddit Watch and Mental Health Collection dataset (RWMH)": a longer name, or one the text
            # abbreviates, is the acronym rules' to find.
            if (end + 1 < size and words[end + 1] == "(") or (
                lowers[first - 1] in CONNECTORS and first >= 2 and words[first - 2][:1].isupper()
            ):
                continue
            # A plural head after one name is a kind of data ("low-density ULS datasets", "OOD TSF benchmarks");
            # after a list it is the list's ("the KITTI and Waymo datasets").
            if lowers[end].endswith("s") and lowers[first - 1] not in LIST_JOINERS:
                continue
            text = view.span_text(first, end)
            if (
                text[:1].isupper()
                and text.rsplit("-", 1)[-1] not in USE_SUFFIXES  # "a GAN-based benchmark"
                and any(ch.isalpha() for ch in text)
                and not PLURAL_ACRONYM.match(text)
                and text not in NOT_NAMES
                and not self.is_not_entity(text)
                and not self.known_name(text)
            ):
                if first == start:
                    names.add(text)
                else:
                    headed.append(Candidate(first, end, DATASET, text, False))
        if names:
            names -= {
                words[i]
                for i in range(2, size - 1)
                if words[i - 1] == "(" and words[i + 1] == ")" and words[i - 2].islower() and words[i] in names
            }
        return headed + [
            Candidate(start, end, DATASET, text, False)
            for start, end in runs
            if names and (start, end) not in taken and (text := view.span_text(start, end)) in names
        ]

    @staticmethod
    def _title_word(word: str) -> bool:
        return len(word) >= 3 and word.isalpha() and word[0].isupper() and word[1:].islower()

    def _grow_edges(self, view: TokenView, candidate: Candidate, grown: frozenset[str] = frozenset()) -> Candidate:
        """A MODEL name with the capitalized word before it when that word follows a lower-case word or a comma
        mid-sentence ("we compare Gated DeltaNet"; not "Moreover DeltaNet", not a title's "Towards Efficient
        DeltaNet"), or opens a sentence and the text writes the same words as a name mid-sentence too (``grown``:
        "Gated DeltaNet is ..." after "we compare Gated DeltaNet"), and
        with up to two capitalized words after it ending in a head word of name_edges.csv ("Kimi Delta
        Attention"). A grown name is its own canonical."""
        words, spaces, size = view.words, view.spaces, len(view)
        start, end = candidate.start, candidate.end
        before = start - 1
        title_case = end < size and spaces[end - 1] and words[end][:1].isupper()  # "of Finetuned ImageNet Pre-trained"
        if (
            candidate.label == MODEL
            and not title_case
            and before >= 0
            and spaces[before]
            and self._title_word(words[before])
            and words[before] not in self.not_leads
            and not view.is_stop(before)
            and (
                (before == 0 or words[before - 1] in CLAUSE_STOP)
                and view.span_text(before, end) in grown
                or before >= 1
                and (
                    (spaces[before - 1] and words[before - 1].isalpha() and words[before - 1].islower())
                    or words[before - 1] == ","  # "Mamba, Gated DeltaNet and RWKV"
                )
            )
            and self.lookup(words[before]) is None
        ):
            start = before
        for width in (1, 2):
            last = end + width - 1
            if (
                last < size
                and all(spaces[i - 1] and self._title_word(words[i]) for i in range(end, last + 1))
                and words[last] in self.name_heads
            ):
                end = last + 1
                break
        if (start, end) == (candidate.start, candidate.end):
            return candidate
        text = clean_name(view.span_text(start, end))
        known = self.lookup(text)
        if known:
            return Candidate(start, end, known[0], known[1], candidate.introduced, LEXICON)
        label = candidate.label if candidate.source != FAMILY else MODEL
        return Candidate(
            start, end, label, text, candidate.introduced, DEFAULT if candidate.source == LEXICON else candidate.source
        )

    def _lower_case_name(self, text: str) -> tuple[str, str] | None:
        """(label, source) of a name written in lower case: a known family's prefix with a version
        ("deepseek-v4-flash", "qwen3-coder-30b"), or ending in a hyphenated lexicon name ("mini-swe-agent")."""
        if text != text.lower() or "-" not in text or " " in text:
            return None
        if any(ch.isdigit() for ch in text):
            match = self._lower_family_prefix.match(text) if self._lower_family_prefix else None
            if match is not None:
                rule = self.family(match.group())
                if rule is not None:
                    return rule.label, FAMILY
        parts = text.split("-")
        for cut in range(1, len(parts) - 1):
            known = self._known_lower.get("-".join(parts[cut:]))
            if known is not None:
                return known[0], LEXICON
        return None

    def _split_coordination(self, view: TokenView, candidate: Candidate) -> list[Candidate]:
        """ "AIME and MATH500", "OCTAV and OMCAT": two names joined by "and"/"or" are two candidates when
        each side is one word with a name's shape or a known name; "Tanks and Temples" stays whole."""
        start, end = candidate.start, candidate.end
        if candidate.source == LEXICON or end - start < 3:
            return [candidate]
        for joint in range(start + 1, end - 1):
            if view.lowers[joint] not in ("and", "or"):
                continue
            sides = [(start, joint), (joint + 1, end)]
            if all(self._one_name(view, a, b) for a, b in sides):
                return [self._candidate(view, a, b, candidate.introduced) for a, b in sides]
        return [candidate]

    def _one_name(self, view: TokenView, start: int, end: int) -> bool:
        text = clean_name(view.span_text(start, end))
        return (
            " " not in text
            and not self.is_not_entity(text)
            and (self.known_name(text) or name_shaped(text) or ALL_CAPS.match(text) is not None)
        )

    def _names_other_kind(self, name: str, label: str) -> bool:
        """True when a part of ``name`` after its first is a known name of the other label: "Math-LLaVA" holds
        the MODEL LLaVA, so the DATASET family MATH (prefix "Math") does not make it a dataset."""
        parts = [part for part in re.split(r"[-_ ]", name) if part][1:]
        return any((known := self.lookup(part)) is not None and known[0] != label for part in parts)

    def _settle(self, view: TokenView, candidate: Candidate) -> Candidate | None:
        """A candidate as it is kept: without punctuation tokens at its end ("FLAN-T5" of "FLAN-T5 -"), dropped
        when it is a venue, metric or generic acronym, and labelled by its family rule when no lexicon names it
        (BrowseComp-Plus is a DATASET because BrowseComp's family is)."""
        start, end = candidate.start, candidate.end
        canonical = candidate.canonical
        # A name stops at a parenthesis it does not close: "X (Y" is X; "TMRoPE(Time-aligned Multimodal RoPE"
        # (the tokenizer keeps "TMRoPE(Time" whole) is no name.
        text = view.span_text(start, end)
        if "(" in text and ")" not in text[text.index("(") :]:
            words = view.words
            opening = next((i for i in range(start + 1, end) if words[i] == "("), None)
            if opening is None:
                return None
            if canonical in (text, clean_name(text)):
                canonical = view.span_text(start, opening)
            end = opening
        while end - start > 1 and view.is_punct[end - 1]:
            end -= 1
        canonical = clean_name(canonical)
        # "AIME2024", "AIME-2024", "AIME 2024": a year after a name is written after one space.
        if YEAR_SUFFIX.search(canonical):
            folded = YEAR_SUFFIX.sub(r" \1", canonical)
            canonical = self._year_spellings.get(folded, folded)  # the lexicon's spelling: ICDAR2015
        if candidate.source != LEXICON and canonical in self.known:
            label, canonical = self.known[canonical]
            candidate = candidate._replace(label=label, source=LEXICON)
        if self.is_not_entity(canonical) or self.is_not_entity(clean_name(view.span_text(start, end))):
            return None
        label, source = candidate.label, candidate.source
        if source != LEXICON:
            rule = self.family(canonical)
            if rule is not None and not self._names_other_kind(canonical, rule.label):
                label, source = rule.label, FAMILY
        if (start, end, label, canonical, source) == (
            candidate.start,
            candidate.end,
            candidate.label,
            candidate.canonical,
            candidate.source,
        ):
            return candidate
        return Candidate(start, end, label, canonical, candidate.introduced, source)

    def _label_lists(self, view: TokenView, chosen: list[Span], by_span: dict[tuple[int, int], Candidate]) -> None:
        """Names in one list are one kind: a name nothing labelled (DEFAULT) in a list whose labelled names are
        all DATASETs is a DATASET ("on MMLU, GSM8K and FooQA"), its label resting on context. A list is names
        joined only by ``joiner`` words of name_edges.csv (commas, "and", "or")."""
        spans = sorted(chosen, key=lambda span: span.start)
        groups: list[list[Span]] = []
        for span in spans:
            if groups and all(word in self.list_joiners for word in view.lowers[groups[-1][-1].end : span.start]):
                groups[-1].append(span)
            else:
                groups.append([span])
        for group in groups:
            if len(group) < 2:
                continue
            members = [by_span[(span.start, span.end)] for span in group]
            said = {member.label for member in members if member.source != DEFAULT}
            if said != {DATASET}:
                continue
            for span, member in zip(group, members, strict=True):
                if member.source == DEFAULT:
                    by_span[(span.start, span.end)] = member._replace(label=DATASET, source=CONTEXT)
                    span.label_ = DATASET

    def _grow_dataset_lists(
        self, doc: Doc, view: TokenView, chosen: list[Span], by_span: dict[tuple[int, int], Candidate]
    ) -> list[Span]:
        """A coined name joined to a DATASET by list words only (commas, "and", "or") is a DATASET too, found
        where no rule found it ("PromptSource, FLAN, Super-NaturalInstructions" finds FLAN). Only names shaped as
        coinages (a capital, then another capital or a digit) join, so "MMLU and Chinese" stays one."""
        datasets = [span for span in chosen if span.label_ == DATASET]
        if not datasets:
            return chosen
        runs = {start: end for start, end in glued_runs(view)}
        run_ends = {end: start for start, end in runs.items()}
        covered = {i for span in chosen for i in range(span.start, span.end)}
        added: list[Span] = []

        def add(start: int, end: int) -> Span | None:
            text = view.span_text(start, end)
            if any(i in covered for i in range(start, end)) or not COINED_SHAPE.match(text):
                return None
            if any(0 <= i < len(view) and view.words[i][:1].isupper() for i in (start - 1, end)):
                return None  # "RoboCasa Human-50": part of a longer name, which the list does not say
            settled = self._settle(view, Candidate(start, end, DATASET, clean_name(text), False, CONTEXT))
            if settled is None or settled.label != DATASET or (settled.start, settled.end) != (start, end):
                return None
            by_span[(start, end)] = settled
            covered.update(range(start, end))
            span = Span(doc, start, end, label=DATASET)
            added.append(span)
            return span

        for span in datasets:
            edge: Span | None = span
            while edge is not None:  # rightwards: ", B, and C"
                index = edge.end
                while index < len(view) and view.lowers[index] in self.list_joiners and index - edge.end < 3:
                    index += 1
                edge = add(index, runs[index]) if index > edge.end and index in runs else None
            edge = span
            while edge is not None:  # leftwards: "A, B, and" before the DATASET
                index = edge.start
                while index > 0 and view.lowers[index - 1] in self.list_joiners and edge.start - index < 3:
                    index -= 1
                edge = add(run_ends[index], index) if index < edge.start and index in run_ends else None
        return sorted(chosen + added, key=lambda span: span.start) if added else chosen

    def _learned_labels(self, view: TokenView, chosen: list[Span], by_span: dict[tuple[int, int], Candidate]) -> None:
        """A name nothing labelled (DEFAULT) takes the label model's label (label_model.py, weights in
        entity_labels.csv) from the words around all its mentions in the text; a DATASET so decided rests on
        context (it votes)."""
        model = self.label_model
        if not model.weights:
            return
        left: dict[str, list[Span]] = {}
        for span in chosen:
            if by_span[(span.start, span.end)].source == DEFAULT:
                left.setdefault(view.span_text(span.start, span.end), []).append(span)
        for spans in left.values():
            mentions = [label_features(view, s.start, s.end, DATASET_WORDS, MODEL_WORDS, NOT_DATASET_ON) for s in spans]
            if not name_is_dataset(model, mentions):
                continue
            for span in spans:
                key = (span.start, span.end)
                by_span[key] = by_span[key]._replace(label=DATASET, source=CONTEXT)
                span.label_ = DATASET

    def family_name(self, canonical: str, label: str) -> str:
        """The family a canonical name counts in: its family rule's (of the same label), else the name itself."""
        rule = self.family(canonical)
        return rule.family if rule is not None and rule.label == label else canonical

    def __call__(self, doc: Doc) -> Doc:
        view = token_view(doc)
        marks = self.token_marks(view)
        candidates = self.lexicon_candidates(doc, view, marks)
        if self.find_coinages:
            runs = glued_runs(view)
            named = self.name_runs(view, runs)
            known: dict[int, int] = {}  # start token of a known name: its furthest end
            for c in candidates:
                known[c.start] = max(known.get(c.start, c.end), c.end)
            introduced = self.introduced_candidates(view, runs, marks, known)
            names = {view.span_text(c.start, c.end) for c in introduced}
            # Every other mention of a name the paper introduces is that name, also where a shorter known name
            # sits inside it ("iLR-DPO" later in the text is iLR-DPO, not DPO).
            starts = {c.start for c in introduced}
            if names:  # most papers introduce none: no run to read
                introduced += [
                    self._candidate(view, start, end, introduced=True)
                    for start, end in runs
                    if start not in starts
                    and view.span_text(start, end) in names
                    and not self.known_name(view.span_text(start, end))
                ]
            acronyms = self.acronym_candidates(view, names, marks)
            # Every later mention of an acronym given with its long form is that name ("... (TCR); TCR is cheap").
            spelled = {c.canonical: c for c in acronyms if c.end - c.start == 1 and view.words[c.start] == c.canonical}
            if spelled:
                taken = {c.start for c in acronyms}
                acronyms += [
                    spelled[view.words[start]]._replace(start=start, end=end)
                    for start, end in runs
                    if end - start == 1 and start not in taken and view.words[start] in spelled
                ]
            candidates = (
                introduced
                + acronyms
                + candidates
                + self.listed_candidates(view, named, marks)
                + self.coinage_candidates(view, named, marks)
            )
            candidates += self.headed_candidates(view, runs, candidates)
        # Names inside URLs are not entities (github.com/leezythu/FocusLLM).
        found_links = doc_links(doc)
        if found_links is None:
            found_links = find_links(view.text)
        if found_links:
            links = [(link.start_char, link.end_char) for link in found_links]
            candidates = [
                c
                for c in candidates
                if not any(view.starts[c.start] < end and start < view.end_char(c.end - 1) for start, end in links)
            ]
        # "Gated DeltaNet", "Kimi Delta Attention": capitalized words at a name's edges are part of it.
        candidates = [self._grow_edges(view, c) for c in candidates]
        # A sentence's first word is capitalized whatever it is: it joins a name only where the text writes
        # the two together as a name mid-sentence as well.
        grown = frozenset(
            view.span_text(c.start, c.end) for c in candidates if c.start and view.words[c.start - 1] not in CLAUSE_STOP
        )
        if grown:
            candidates = [self._grow_edges(view, c, grown) for c in candidates]
        # Longest span wins; between equal spans the first listed: introduced, then lexicon, then coinage.
        by_span: dict[tuple[int, int], Candidate] = {}
        for found in candidates:
            for part in self._split_coordination(view, found):
                settled = self._settle(view, part)
                if settled is not None:
                    by_span.setdefault((settled.start, settled.end), settled)
        chosen = filter_spans([Span(doc, c.start, c.end, label=c.label) for c in by_span.values()])
        if self.find_coinages:
            chosen = self._grow_dataset_lists(doc, view, chosen, by_span)
        self._label_lists(view, chosen, by_span)
        self._learned_labels(view, chosen, by_span)
        introduced_names = {c.canonical for c in candidates if c.introduced} | {
            view.span_text(c.start, c.end) for c in candidates if c.introduced
        }
        for span in chosen:
            candidate = by_span[(span.start, span.end)]
            extensions = span._  # one Underscore object for the four (each ``span._`` makes one)
            extensions.canonical = candidate.canonical
            extensions.family = self.family_name(candidate.canonical, candidate.label)
            extensions.label_source = candidate.source
            extensions.introduced = (
                candidate.introduced
                or candidate.canonical in introduced_names
                or view.span_text(span.start, span.end) in introduced_names
                or any(
                    candidate.canonical.startswith(own) and candidate.canonical[len(own) : len(own) + 1] in ("-", " ")
                    for own in introduced_names
                )
            )  # "OPT-IML 30B": a version of the paper's own OPT-IML
        doc.spans[self.spans_key] = sorted(chosen, key=lambda span: span.start)
        doc._.entities = [entity_record(span) for span in doc.spans[self.spans_key]]
        if self.set_ents:
            doc.ents = filter_spans(list(chosen) + list(doc.ents))  # ours win over a model's equal spans
        return doc
