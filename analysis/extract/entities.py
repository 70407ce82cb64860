"""MODEL and DATASET entities: names from the lexicons (with version and size parts glued on), plus rules
for names no lexicon knows: the title's "X: ..." prefix, "we propose/introduce/present X", "named/called X",
and mixed-case or digit-bearing coinages (StitchDiffusion, DriveGPT4, T3AL).

Results go to ``doc.spans["papertrends_entities"]`` (label MODEL or DATASET) with ``span._.canonical``
(one name for all spellings) and ``span._.introduced`` (the paper presents it as its own); ``doc.ents``
gets them too where they do not clash with entities already set."""

from __future__ import annotations

import re
from pathlib import Path
from typing import NamedTuple

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from .lexicons import DEFAULT_DATASETS, DEFAULT_MODELS, read_entity_lexicon

MODEL, DATASET = "MODEL", "DATASET"

# Parts glued after a name that belong to it: sizes, versions, variants (Llama-2-7B, ViT-B/16, ActivityNet-v1.3).
VERSION_PART = re.compile(
    r"^(?:v?\d+(?:\.\d+)*[A-Za-z]?|\d+(?:\.\d+)?[BMKbmk]|[A-Z]{1,2}(?:/\d+)?|[A-Z]/\d+|XL|XXL|Large|Base|Small|"
    r"Tiny|Huge|Mini|Nano|Pro|Plus|Max|Ultra|Flash|Turbo|Instruct|Chat|Coder|Vision|VL|R1|V\d+)$"
)
# Name shapes for coinages: an upper-case letter after a lower-case one (StitchDiffusion, iTransformer, MiVOLO),
# or letters mixed with digits and capitals (DriveGPT4, T3AL, Diff9D).
CAMEL = re.compile(r"^[A-Za-z][a-z]+[A-Z][A-Za-z0-9]*$|^[A-Z]{2,}[a-z]+[A-Za-z0-9]*$")
LETTER_DIGIT = re.compile(r"^[A-Za-z]*[A-Z][A-Za-z]*\d[A-Za-z0-9]*$|^[A-Z]+\d+[A-Z][A-Za-z0-9]*$")
ALL_CAPS = re.compile(r"^[A-Z][A-Z0-9]+(?:-[A-Z0-9]+)*$")
# Shapes that are concepts, not names: plural acronyms (LLMs, VLMs).
PLURAL_ACRONYM = re.compile(r"^[A-Z]+s$")
# Concept and task abbreviations, metrics, companies and general software: never entities by shape alone.
NOT_NAMES = {
    "LLM", "VLM", "MLLM", "LMM", "MTL", "RL", "NER", "WSI", "ZS-TAL", "TAL", "AI", "AGI", "NLP", "CV", "ML", "DL",
    "QA", "VQA", "RAG", "CoT", "MoE", "ToM", "SOTA", "SoTA", "GPU", "GPUs", "CPU", "TPU", "API", "APIs", "LoRA-style",
    "GitHub", "YouTube", "OpenAI", "DeepMind", "PyTorch", "TensorFlow", "JAX", "LaTeX", "PhD", "arXiv", "iPhone",
    "iOS", "macOS", "JavaScript", "TypeScript", "HuggingFace", "NVIDIA", "Nvidia", "McDonald", "mAP", "mIoU",
    "IoU", "AUC", "AUROC", "BLEU", "ROUGE", "METEOR", "CIDEr", "FID", "FVD", "PSNR", "SSIM", "LPIPS", "WER",
    "CER", "NDCG", "MRR", "SPL", "RMSE", "MSE", "MAE", "OOD", "IID", "SFT", "NLU", "NLG", "ASR", "TTS", "OCR",
    "CNN", "CNNs", "GAN", "GANs", "VAE", "VAEs", "GNN", "GNNs", "LSTM", "RNN", "MLP", "MLPs", "ViTs", "URL",
    "HTML", "JSON", "SQL", "CUDA", "FLOPs", "TFLOPs", "GFLOPs", "FPS", "HD", "RGB", "RGB-D", "LiDAR", "IoT",
    "DoF", "SE", "PDE", "PDEs", "ODE", "ODEs", "KL", "EM", "SGD", "USA", "UK", "EU", "US", "CoRR", "IEEE",
    "ACM", "BibTeX", "DNA", "RNA", "MRI", "CT", "ECG", "EEG", "COVID-19", "SARS-CoV-2", "MedQA-style",
}
DATASET_CUES = ("bench", "dataset", "corpus", "data", "set", "suite", "arena", "gym", "qa", "eval", "instruct")
DATASET_WORDS = {"dataset", "datasets", "benchmark", "benchmarks", "corpus", "corpora", "suite", "testbed", "collection", "leaderboard"}
INTRODUCING_VERBS = {
    "propose", "proposes", "introduce", "introduces", "present", "presents", "develop", "develops", "release",
    "releases", "build", "construct", "design", "designed", "curate", "create", "contribute", "establish",
}
NAMING_WORDS = {"named", "called", "termed", "dubbed", "namely", "coined"}
CLAUSE_STOP = {".", ";", ":", "?", "!"}

class Candidate(NamedTuple):
    """A possible entity before overlaps are resolved: token range, label, canonical name, introduced."""

    start: int
    end: int
    label: str
    canonical: str
    introduced: bool


for attr in ("canonical", "introduced"):
    if not Span.has_extension(attr):
        Span.set_extension(attr, default=None)


def name_shaped(text: str) -> bool:
    """True for coinage shapes that name a model or dataset, false for words, acronyms and concepts."""
    if text in NOT_NAMES or PLURAL_ACRONYM.match(text) or not text[:1].isalpha():
        return False
    parts = [part for part in re.split(r"[-_/]", text) if part]
    return any(CAMEL.match(part) or LETTER_DIGIT.match(part) for part in parts) or (
        len(parts) > 1 and all(ALL_CAPS.match(part) for part in parts) and text not in NOT_NAMES
    )


def introducible(text: str) -> bool:
    """Shapes a name may take when the text says it is the paper's own: coinages, all-caps names, Capitalized words."""
    return bool(text) and text not in NOT_NAMES and not PLURAL_ACRONYM.match(text) and (
        name_shaped(text) or ALL_CAPS.match(text) is not None or (text[0].isupper() and len(text) > 2)
    )


def glued_runs(doc: Doc) -> list[tuple[int, int]]:
    """Token ranges written without white space between them ("Meta", "-", "DT"), trimmed of edge punctuation."""
    runs, start = [], 0
    for index, token in enumerate(doc):
        if token.whitespace_ or index == len(doc) - 1:
            runs.append((start, index + 1))
            start = index + 1
    trimmed = []
    for start, end in runs:
        while start < end and (doc[start].is_punct or doc[start].is_quote or doc[start].is_bracket):
            start += 1
        while end > start and (doc[end - 1].is_punct or doc[end - 1].is_quote or doc[end - 1].text in ("'s", "’s")):
            end -= 1
        if start < end:
            trimmed.append((start, end))
    return trimmed


def guess_label(doc: Doc, start: int, end: int) -> str:
    """DATASET when the name or the words around it say dataset or benchmark, else MODEL."""
    name = doc[start:end].text.lower()
    if name.endswith(DATASET_CUES) or "bench" in name:
        return DATASET
    window = {token.lower_ for token in doc[max(0, start - 4):min(len(doc), end + 4)]}
    return DATASET if window & DATASET_WORDS else MODEL


@Language.factory(
    "papertrends_entities",
    default_config={
        "models_path": None,
        "datasets_path": None,
        "spans_key": "papertrends_entities",
        "find_coinages": True,
        "set_ents": True,
    },
)
def make_entities_component(nlp, name, models_path, datasets_path, spans_key, find_coinages, set_ents):
    return EntityComponent(nlp, models_path or DEFAULT_MODELS, datasets_path or DEFAULT_DATASETS, spans_key, find_coinages, set_ents)


class EntityComponent:
    def __init__(self, nlp: Language, models_path: str | Path, datasets_path: str | Path, spans_key: str,
                 find_coinages: bool, set_ents: bool):
        self.spans_key = spans_key
        self.find_coinages = find_coinages
        self.set_ents = set_ents
        self.matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        # Names that are one token, for tokens that carry a glued suffix ("ResNet-50" is one token).
        self.single_token: dict[str, tuple[str, str]] = {}
        self.known: dict[str, tuple[str, str]] = {}
        for label, path in ((MODEL, models_path), (DATASET, datasets_path)):
            for canonical, variants in read_entity_lexicon(path).items():
                key = f"{label}\t{canonical}"
                patterns = [nlp.make_doc(variant) for variant in variants]
                self.matcher.add(key, patterns)
                for variant, pattern in zip(variants, patterns):
                    self.known[variant] = (label, canonical)
                    if len(pattern) == 1:
                        self.single_token[variant] = (label, canonical)

    # -- spans ---------------------------------------------------------------------------------------
    def extend_version(self, doc: Doc, end: int) -> int:
        """Grows a name over glued version and size parts: "Llama-2" + "-7B", "ViT" + "-B/16"."""
        while end < len(doc) and not doc[end - 1].whitespace_:
            token = doc[end]
            if token.text in ("-", "_") and end + 1 < len(doc) and not token.whitespace_ and VERSION_PART.match(doc[end + 1].text):
                end += 2
            elif VERSION_PART.match(token.text) and not token.is_punct:
                end += 1
            else:
                break
        return end

    def lexicon_candidates(self, doc: Doc) -> list[Candidate]:
        found = []
        for match_id, start, end in self.matcher(doc):
            label, canonical = doc.vocab.strings[match_id].split("\t")
            found.append(Candidate(start, self.extend_version(doc, end), label, canonical, False))
        for token in doc:
            if token.text in self.known:
                continue
            for cut in (match.start() for match in re.finditer(r"[-_/]", token.text)):
                entry = self.single_token.get(token.text[:cut])
                if entry and re.match(r"^v?\d", token.text[cut + 1:]):
                    found.append(Candidate(token.i, self.extend_version(doc, token.i + 1), entry[0], entry[1], False))
                    break
        return found

    def introduced_candidates(self, doc: Doc) -> list[Candidate]:
        """Names the text presents as its own: "X: ..." at the start, "we propose X", "named X"."""
        runs = glued_runs(doc)
        found = []
        # "X: title" — the first run, directly followed by a colon.
        if runs and runs[0][0] == 0:
            start, end = runs[0]
            if end < len(doc) and doc[end].text == ":" and introducible(doc[start:end].text):
                found.append((start, end))
            elif len(runs) > 1 and runs[1][1] < len(doc) and doc[runs[1][1]].text == ":":
                # Two-word names before the colon ("Orca 2:") when both words are name-like.
                first, second = doc[runs[0][0]:runs[0][1]].text, doc[runs[1][0]:runs[1][1]].text
                if introducible(first) and (second.isdigit() or introducible(second)):
                    found.append((runs[0][0], runs[1][1]))
        run_ends = dict(runs)
        for token in doc:
            lower = token.lower_
            if lower in NAMING_WORDS:
                window = range(token.i + 1, min(len(doc), token.i + 3))
            elif lower in INTRODUCING_VERBS:
                window = range(token.i + 1, min(len(doc), token.i + 10))
            else:
                continue
            for index in window:
                if doc[index].text in CLAUSE_STOP:
                    break
                end = run_ends.get(index)
                if end is None:
                    continue
                text = doc[index:end].text
                if name_shaped(text) or text in self.known or (lower in NAMING_WORDS and introducible(text)) or (
                    ALL_CAPS.match(text) and len(text) >= 3 and text not in NOT_NAMES
                ):
                    found.append((index, end))
                    break
        candidates = []
        for start, end in found:
            text = doc[start:end].text
            label, canonical = self.known.get(text, (guess_label(doc, start, end), text))
            candidates.append(Candidate(start, end, label, canonical, True))
        return candidates

    def coinage_candidates(self, doc: Doc) -> list[Candidate]:
        found = []
        for start, end in glued_runs(doc):
            text = doc[start:end].text
            if text in self.known or not name_shaped(text) or "://" in text or "." in text.strip("."):
                continue
            found.append(Candidate(start, end, guess_label(doc, start, end), text, False))
        return found

    def __call__(self, doc: Doc) -> Doc:
        candidates = self.lexicon_candidates(doc)
        if self.find_coinages:
            candidates = self.introduced_candidates(doc) + candidates + self.coinage_candidates(doc)
        # Longest span wins; between equal spans the first listed: introduced, then lexicon, then coinage.
        by_span = {}
        for candidate in candidates:
            by_span.setdefault((candidate.start, candidate.end), candidate)
        chosen = filter_spans([Span(doc, c.start, c.end, label=c.label) for c in by_span.values()])
        introduced = {c.canonical for c in candidates if c.introduced} | {
            doc[c.start:c.end].text for c in candidates if c.introduced
        }
        for span in chosen:
            candidate = by_span[(span.start, span.end)]
            span._.canonical = candidate.canonical
            span._.introduced = candidate.introduced or candidate.canonical in introduced or span.text in introduced
        doc.spans[self.spans_key] = sorted(chosen, key=lambda span: span.start)
        if self.set_ents:
            doc.ents = filter_spans(list(doc.ents) + list(chosen))
        return doc
