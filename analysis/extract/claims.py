"""Numeric claims: numbers written in digits that state a quantity of the work (a result, a gain,
a scale, a size, a cost), following ANNOTATION.md section 1. Results go to ``doc._.claims``
(exact character offsets) and ``doc.spans["papertrends_claims"]`` (token-aligned, label = kind).

"from A to B" (also "A → B", and "A to B" after a verb of change) states two levels, A and B; the
change between them is not written in the text but derived from the two claims, and goes to
``doc._.claim_changes`` (ClaimChange: B − A and (B − A) / |A|). A claim's or a change's ``better`` says
whether the move is an improvement, from the metric's polarity in ``data/lexicons/metric_polarity.csv``.

The parser works on white-space separated chunks of the text: a chunk that is only a number with
its glued sign, qualifier symbol, magnitude suffix and unit symbol is a claim; a chunk where digits
are glued to other letters is a name or a setting (GPT-4, ResNet-50, 3D, top-1) and never a claim.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from ..lexicons import (
    DEFAULT_CHANGE_VERBS,
    DEFAULT_CLAIM_CUES,
    DEFAULT_LEVEL_VERBS,
    DEFAULT_METRIC_POLARITY,
    read_claim_cues,
    read_metric_polarity,
    read_word_list,
)
from .links import doc_links, find_links
from .saving import SavesLexicons
from .scoring import ScoredSpanGroup, with_scorer
from .tokens import token_view

NUMBER = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|\.\d+"
QUALIFIER_SYMBOL = r"~|≈|∼|>=|<=|>|<|≥|≤|\\(?:leq|geq|le|ge|sim|approx)(?![a-z])\s?"
UNIT_SYMBOL = r"\$?\\%\$?|%|\$?\\times\$?|×|times|x|X"
# One number with what may be glued to it. Magnitude: K M B T, and a lower-case k ("211k").
PART = (
    rf"(?P<qual>{QUALIFIER_SYMBOL})?(?P<sign>[+\-−])?(?P<num>{NUMBER})(?:\^\{{?(?P<exp>-?\d{{1,3}})\}}?)?"
    rf"(?P<mag>[KMBT]|k)?(?P<unit>{UNIT_SYMBOL})?"
)
PART_RE = re.compile(rf"^{PART}$")
# Two numbers joined by a range, pair or change separator: "8-12x", "10–20%", "95.4%/92.9%", "1K-8K", "8B/14B", "48.3→58.3%".
PAIR_RE = re.compile(r"^(?P<left>[^\s/–—→-]+?|[+\-−][^\s/–—→-]+?)(?P<sep>[-–—/→])(?P<right>[^\s/–—→]+)$")
# A number glued to a word that belongs to the claim: "8B-parameter", "13-billion", "20-point", "10-fold".
SIZED_WORD_RE = re.compile(rf"^(?P<num>{NUMBER})(?P<mag>[KMBT])?-(?P<word>[a-z]+)$")
GLUED_WORDS = {"billion", "million", "thousand", "trillion", "point", "points", "fold"}

LEADING_STRIP = "([{\"'“‘$"
TRAILING_STRIP = ")]}\"'”’,.;:!?$"

QUALIFIER_SYMBOLS = {
    "~": "approx",
    "∼": "approx",
    "≈": "approx",
    "\\sim": "approx",
    "\\approx": "approx",
    ">": "more_than",
    "<": "less_than",
    ">=": "at_least",
    "≥": "at_least",
    "\\geq": "at_least",
    "\\ge": "at_least",
    "<=": "at_most",
    "≤": "at_most",
    "\\leq": "at_most",
    "\\le": "at_most",
}
# Word qualifiers stand before the number, outside the span; longest first.
QUALIFIER_WORDS = [
    ("more than", "more_than"),
    ("greater than", "more_than"),
    ("less than", "less_than"),
    ("fewer than", "less_than"),
    ("at least", "at_least"),
    ("at most", "at_most"),
    ("up to", "up_to"),
    ("no more than", "at_most"),
    ("approximately", "approx"),
    ("about", "approx"),
    ("around", "approx"),
    ("roughly", "approx"),
    ("nearly", "approx"),
    ("almost", "approx"),
    ("over", "more_than"),
    ("above", "more_than"),
    ("exceeding", "more_than"),
    ("under", "less_than"),
    ("below", "less_than"),
    ("within", "at_most"),
]
MAGNITUDES = {"k": 1e3, "K": 1e3, "M": 1e6, "B": 1e9, "T": 1e12}
MAGNITUDE_WORDS = {"thousand": 1e3, "million": 1e6, "millions": 1e6, "billion": 1e9, "billions": 1e9, "trillion": 1e12}
PARAM_WORDS = {"parameter", "parameters", "params", "param"}
# Nouns after a size that make it a model size: "a 12B model", "the 8B teacher".
MODEL_WORDS = {
    "model",
    "models",
    "llm",
    "llms",
    "teacher",
    "student",
    "variant",
    "variants",
    "version",
    "backbone",
    "scale",
    "size",
    "sized",
    "base",
}
DURATION_WORDS = {
    "ms",
    "millisecond",
    "milliseconds",
    "s",
    "sec",
    "second",
    "seconds",
    "min",
    "mins",
    "minute",
    "minutes",
    "h",
    "hr",
    "hrs",
    "hour",
    "hours",
    "day",
    "days",
    "week",
    "weeks",
    "month",
    "months",
    "year",
    "years",
}
# Words before a number that make it a reference, a list marker or a date, not a quantity.
REFERENCE_WORDS = {
    "section",
    "sec",
    "sections",
    "figure",
    "fig",
    "figures",
    "table",
    "tab",
    "tables",
    "eq",
    "equation",
    "equations",
    "stage",
    "step",
    "phase",
    "appendix",
    "chapter",
    "algorithm",
    "alg",
    "line",
    "lemma",
    "theorem",
    "corollary",
    "definition",
    "proposition",
    "version",
    "apache",
    "gpl",
    "cc",
    "level",
    "part",
    "task",
    "experiment",
    "exp",
    "round",
    "iteration",
    "type",
    "category",
    "case",
    "setting",
    "track",
    "jan",
    "january",
    "feb",
    "february",
    "mar",
    "march",
    "apr",
    "april",
    "may",
    "jun",
    "june",
    "jul",
    "july",
    "aug",
    "august",
    "sep",
    "sept",
    "september",
    "oct",
    "october",
    "nov",
    "november",
    "dec",
    "december",
    "aime",
    "cvpr",
    "iccv",
    "eccv",
    "neurips",
    "icml",
    "iclr",
    "acl",
    "emnlp",
    "naacl",
    "aaai",
    "ijcai",
    "kdd",
    "www",
    "sigir",
    "interspeech",
    "icassp",
    "coling",
    "miccai",
    "wmt",
    "semeval",
    "ijcnlp",
    "colm",
    "corl",
    "rss",
    "icra",
    "iros",
}
# Adjectives skipped when looking for the counted noun ("3.9K annotated videos" -> videos).
ADJECTIVE_SUFFIXES = ("ed", "al", "ive", "ous", "ic", "ful", "able", "ible", "ary", "ar", "ent", "ant", "less", "ing")
ADJECTIVES = {
    "new",
    "diverse",
    "different",
    "unique",
    "distinct",
    "real",
    "high",
    "low",
    "large",
    "small",
    "long",
    "short",
    "more",
    "additional",
    "extra",
    "open",
    "public",
    "human",
    "rich",
    "novel",
    "fine",
    "hard",
    "easy",
    "raw",
    "clean",
    "noisy",
    "key",
    "main",
    "top",
    "full",
    "whole",
    "total",
    "free",
    "expert",
    "synthetic",
    "original",
    "challenging",
    "popular",
    "standard",
    "widely",
    "used",
    "well",
    "known",
    "high-quality",
    "large-scale",
    "real-world",
    "fine-grained",
    "open-source",
    "state-of-the-art",
    "diverse,",
    "unlabeled",
    "labeled",
    "multiple",
    "various",
    "video",
    "image",
    "text",
    "training",
    "test",
    "evaluation",
    "benchmark",
}
STOP_AFTER = {
    "of",
    "to",
    "in",
    "on",
    "at",
    "and",
    "or",
    "with",
    "for",
    "by",
    "from",
    "than",
    "the",
    "a",
    "an",
    "while",
    "compared",
    "vs",
    "versus",
    "over",
    "across",
    "per",
    "respectively",
    "which",
    "that",
    "is",
    "are",
    "was",
    "were",
    "as",
    "into",
    "under",
    "when",
    "we",
    "our",
    "it",
    "its",
    "this",
    "these",
    "those",
    "out",
    "significantly",
    "also",
    "can",
    "will",
    "has",
    "have",
    "be",
}
# Capitalized words that start a sentence or clause before a number and are not names.
NOT_NAMES = {
    "on",
    "in",
    "with",
    "across",
    "for",
    "only",
    "over",
    "all",
    "among",
    "after",
    "before",
    "about",
    "top",
    "just",
    "every",
    "each",
    "using",
}
# Units of measure: the number is a quantity in them, not a count of them ("15 FPS", "10 MiB", "1 W").
MEASURE_UNITS = {
    "fps",
    "hz",
    "khz",
    "mhz",
    "ghz",
    "db",
    "w",
    "kw",
    "mw",
    "gw",
    "wh",
    "kwh",
    "mwh",
    "mah",
    "gb",
    "mb",
    "kb",
    "tb",
    "pb",
    "gib",
    "mib",
    "kib",
    "tib",
    "flops",
    "tflops",
    "gflops",
    "pflops",
    "tops",
    "km",
    "cm",
    "mm",
    "nm",
    "kg",
    "mg",
    "usd",
    "dollars",
    "fp",
    "ppm",
    "bpm",
    "mph",
    "kmh",
}
FACTOR_OF_RE = re.compile(r"\bfactor of\s*$", re.IGNORECASE)
POINT_WORDS = {"points", "point", "pts", "pt"}
# "8x H800 GPUs": a count of hardware written with a multiplication sign.
HARDWARE_AFTER = re.compile(r"\s*(?:[A-Za-z]{0,4}\d{2,4}[A-Za-z]*\s+)(?P<unit>GPUs?|TPUs?|NPUs?|nodes)\b")
# "2-4 times larger": "times" before a comparative is a multiplier.
COMPARATIVES = {
    "larger",
    "faster",
    "more",
    "fewer",
    "less",
    "smaller",
    "higher",
    "lower",
    "better",
    "longer",
    "greater",
    "bigger",
    "cheaper",
    "slower",
    "shorter",
    "deeper",
    "wider",
}
# "2,100 work hours": a duration of someone's work.
WORK_WORDS = {"work", "person", "man", "human", "annotation", "annotator", "expert"}
# Metrics a score may measure, matched in the claim's sentence (lower-cased as the unit).
METRICS = [
    "top-1 accuracy",
    "top-5 accuracy",
    "accuracy",
    "mAP",
    "mIoU",
    "IoU",
    "AP",
    "AUC",
    "AUROC",
    "F1",
    "F1-score",
    "BLEU",
    "ROUGE-L",
    "ROUGE",
    "METEOR",
    "CIDEr",
    "FID",
    "FVD",
    "PSNR",
    "SSIM",
    "LPIPS",
    "CLIP score",
    "CLIPScore",
    "WER",
    "CER",
    "perplexity",
    "success rate",
    "win rate",
    "pass@1",
    "pass@k",
    "exact match",
    "EM",
    "recall",
    "precision",
    "NDCG",
    "MRR",
    "Hits@1",
    "Elo",
    "Dice",
    "HD95",
    "R^2",
    "Kendall's τ",
    "Spearman",
    "Pearson",
    "correlation",
    "MAE",
    "MSE",
    "RMSE",
    "SPL",
    "reward",
    # Measures a change is stated in ("up to 50x improved sample efficiency", "reduces latency by 40%").
    "sample efficiency",
    "data efficiency",
    "latency",
    "throughput",
    "memory usage",
    "memory",
    "inference speed",
    "speed",
    "training time",
    "inference time",
    "runtime",
    "cost",
    "computational cost",
    "compute",
    "FLOPs",
    "performance",
    "error rate",
    "error",
    "success rate",
    "pass rate",
    "hallucination rate",
    "compression ratio",
    "energy",
    "efficiency",
    "quality",
    "agreement",
]


def _metric_pattern(extra_metrics: list[str]) -> re.Pattern:
    """The metric names as one alternation, longest first. The built-in names keep their case (AP, EM and
    Dice are words too in lower case); names only the polarity lexicon has, lower-cased there, match any case."""
    known = {metric.lower() for metric in METRICS}
    alternatives = [(metric, re.escape(metric)) for metric in METRICS]
    alternatives += [(metric, f"(?i:{re.escape(metric)})") for metric in extra_metrics if metric not in known]
    alternatives.sort(key=lambda pair: len(pair[0]), reverse=True)
    return re.compile(r"(?<![\w@-])(" + "|".join(pattern for _, pattern in alternatives) + r")(?![\w@])")


@dataclass(frozen=True)
class MetricLexicon:
    """The claims component's word lists: the metric names looked for near a number, which of them are better
    when lower, the cue words around a number (``claim_cues.csv``: word -> improve, worsen, speed, rise, fall,
    gap) and the verbs of change (``change_verbs.csv``)."""

    pattern: re.Pattern
    lower_is_better: dict[str, bool]
    cues: dict[str, str]
    change_verbs: frozenset[str]

    def lower_is_better_for(self, metric: str | None) -> bool | None:
        """The metric's polarity, else its last word's ("pose estimation error" -> error), else None."""
        if metric is None:
            return None
        polarity = self.lower_is_better.get(metric)
        return self.lower_is_better.get(metric.rsplit(" ", 1)[-1]) if polarity is None else polarity


@cache
def level_verb_lexicon(path: str | Path = DEFAULT_LEVEL_VERBS) -> frozenset[str]:
    """Verbs whose number is a level unless "by" makes it a change (data/lexicons/level_verbs.csv), read once."""
    return read_word_list(path)


@cache
def metric_lexicon(
    path: str | Path = DEFAULT_METRIC_POLARITY,
    cues_path: str | Path = DEFAULT_CLAIM_CUES,
    change_verbs_path: str | Path = DEFAULT_CHANGE_VERBS,
) -> MetricLexicon:
    """The claims lexicons of a polarity file, a cue file and a change-verb file, read once per process and paths."""
    polarity = read_metric_polarity(path)
    return MetricLexicon(
        _metric_pattern(list(polarity)), polarity, read_claim_cues(cues_path), read_word_list(change_verbs_path)
    )


SENTENCE_END = re.compile(r"[.!?;](?=\s+[A-Z(\[]|$)")
# A white-space-delimited chunk that holds a digit: only those can hold a claim. The possessive prefix
# gives up on a word without a digit at once instead of backtracking through it (a third faster).
CHUNK_RE = re.compile(r"(?<!\S)[^\s\d]*+\d\S*")
# "(2024.08-2025.05)": a span of months, as a benchmark's version of its problems states it.
MONTH = r"(?:19|20)\d\d\.(?:0[1-9]|1[0-2])"
MONTH_RANGE_RE = re.compile(rf"(?<![\d.]){MONTH}\s*(?:[-–—~]|--|to)\s*{MONTH}(?![\d.])")
# "1024 × 1024", "256$\\times$ 256", "3x3": a resolution or a kernel's size, whose two numbers are no claims.
DIMENSION_RE = re.compile(r"(?<![\d.,])\d+\s*\$?\s*(?:\\times|×|[xX])\s*\$?\s*\d+(?![\d.,]*\s*%)(?![\d.,]*[A-Za-z])")
WORD_RE = re.compile(r"(?<![\w\-])[A-Za-z][A-Za-z'\-]*")
# "18 to 25%", "48.3 → 58.3%": the first number of a written range or change takes the unit symbol of the second.
RANGE_TAIL_RE = re.compile(
    rf"\s*(?:to|and|-|–|→|->)\s*(?:{QUALIFIER_SYMBOL})?[+\-−]?(?:{NUMBER})[KMBTk]?(?P<unit>{UNIT_SYMBOL})(?![\w])"
)
RANGE_UNIT_WORDS_RE = re.compile(
    rf"\s*(?:to|and|-|–)\s*(?:{NUMBER})\s+(?P<words>percentage points?|percent)\b", re.IGNORECASE
)
RANGE_MAGNITUDE_RE = re.compile(
    rf"\s*(?:to|-|–)\s*(?:{NUMBER})\s+(?P<word>billion|million|thousand|trillion)\b", re.IGNORECASE
)
CUE_CLAUSE_END = re.compile(r"[,;:]|\s(?:and|while|whereas|but)\s")
CLAUSE_END = re.compile(r"[,;:()]|\s(?:and|while|whereas|but)\s")


_DISPLAY_SYMBOLS = {"sim": "~", "approx": "≈", "geq": "≥", "ge": "≥", "leq": "≤", "le": "≤", "pm": "±"}
_DISPLAY_LATEX_RE = re.compile(r"\\(sim|approx|geq|ge|leq|le|pm)(?![a-z])\s*")
_DISPLAY_TIMES_RE = re.compile(r"\\times(?![a-z])|(?<=\d)\s?times\b|(?<=\d)[xX](?![\w])")


def display_text(text: str) -> str:
    """A claim's text as the report shows it: LaTeX and words for the signs replaced by the signs ("400\\%" is
    "400%", "12,000times" and "2.1\\times" are "12,000×" and "2.1×", "\\geq 90" is "≥90"), math dollars dropped.
    The stored span (claims.text) stays as written so that its offsets read back."""
    shown = text.replace("\\%", "%").replace("$", "")
    shown = _DISPLAY_LATEX_RE.sub(lambda match: _DISPLAY_SYMBOLS[match.group(1)], shown)
    return _DISPLAY_TIMES_RE.sub("×", shown)


@dataclass(frozen=True)
class Claim:
    start_char: int
    end_char: int
    text: str
    value: float
    kind: str
    unit: str | None
    qualifier: str
    metric: str | None = None
    direction: str = "level"
    better: bool | None = None


@dataclass(frozen=True)
class ClaimChange:
    """The change from level A to level B of "from A to B": derived from the two claims, not stated in the text."""

    start_char: int  # A's first character
    end_char: int  # one past B's last character
    text: str  # the text from A to B ("48.3% to 58.3%")
    from_claim: Claim
    to_claim: Claim
    difference: float  # B - A in the claims' unit: percentage points for two percents
    relative_percent: float | None  # (B - A) / |A| x 100; None when A is 0
    kind: str
    unit: str | None
    metric: str | None
    direction: str  # rose, fell or unchanged
    better: (
        bool | None
    )  # True for an improvement, False for a worsening, None when neither the verb nor the polarity says


@dataclass(frozen=True)
class _Number:
    """One parsed number part: where it is and what is glued to it."""

    start: int
    end: int
    value: float
    qualifier: str
    magnitude: str | None
    unit_symbol: str | None
    integer: bool


def _parse_part(text: str, offset: int) -> _Number | None:
    match = PART_RE.match(text)
    if not match:
        return None
    number = match.group("num")
    value = float(number.replace(",", ""))
    if match.group("exp"):
        value = value ** int(match.group("exp"))  # "10^{17}"
    if match.group("sign") in ("-", "−"):
        value = -value
    magnitude = match.group("mag")
    if magnitude:
        value *= MAGNITUDES[magnitude]
    qual = (match.group("qual") or "").strip()
    unit = match.group("unit")
    if unit:
        unit = "%" if "%" in unit else "x"
    return _Number(
        start=offset,
        end=offset + len(text),
        value=value,
        qualifier=QUALIFIER_SYMBOLS.get(qual, "none"),
        magnitude=magnitude,
        unit_symbol=unit,
        integer="." not in number,
    )


# A LaTeX wrapper around a number ("\\textbf{96.9\\%}"): the number is the claim, the markup is not.
LATEX_WRAPPER_RE = re.compile(r"\\(?:textbf|textit|emph|mathbf|underline|textrm|text)\{")
# A bracket closed and a word glued after it ("(0-5.36%)-even"): the number ends at the bracket.
GLUED_AFTER_BRACKET_RE = re.compile(r"[)\]][-–—][A-Za-z]+$")


def _strip_chunk(chunk: str, start: int) -> tuple[str, int]:
    left = len(chunk) - len(chunk.lstrip(LEADING_STRIP))
    wrapper = LATEX_WRAPPER_RE.match(chunk, left)
    if wrapper:
        left = wrapper.end()
    core = chunk[left:]
    glued = GLUED_AFTER_BRACKET_RE.search(core)
    if glued:
        core = core[: glued.start()]
    core = core.rstrip(TRAILING_STRIP)
    if "^{" in core and chunk[left:].startswith(core + "}"):
        core += "}"  # "10^{17}" keeps the brace that closes its exponent
    # "45.2." at a sentence end: the period left; "1.5" keeps its decimals.
    return core, start + left


def _numbers_in_chunk(core: str, start: int) -> list[_Number]:
    """The claim-shaped numbers of one chunk, or [] when the chunk is a name, a setting or prose."""
    single = _parse_part(core, start)
    if single is not None:
        return [single]
    pair = PAIR_RE.match(core)
    if pair:
        left = _parse_part(pair.group("left"), start)
        right = _parse_part(pair.group("right"), start + pair.start("right"))
        if left is not None and right is not None:
            return [left, right]
    sized = SIZED_WORD_RE.match(core)
    if sized and (
        sized.group("word") in GLUED_WORDS or (sized.group("mag") and sized.group("word") in PARAM_WORDS | MODEL_WORDS)
    ):
        number = _parse_part(sized.group("num") + (sized.group("mag") or ""), start)
        return [number] if number else []
    return []


def _words_after(text: str, end: int, limit: int = 4) -> list[str]:
    """The next few words after a position, lower-cased, stopping at sentence punctuation."""
    tail = text[end : end + 80]
    stop = re.search(r"[.,;:!?()\[\]]", tail)
    if stop:
        tail = tail[: stop.start()]
    return [word.lower() for word in WORD_RE.findall(tail)[:limit]]


def _words_before(text: str, start: int, limit: int) -> list[str]:
    return [word.lower() for word in WORD_RE.findall(text[max(0, start - 80) : start])][-limit:]


def _word_before(text: str, start: int) -> str:
    words = WORD_RE.findall(text[max(0, start - 30) : start])
    return words[-1].lower() if words else ""


def _word_qualifier(text: str, start: int) -> str | None:
    before = text[max(0, start - 40) : start].lower().rstrip()
    before = _SPACES.sub(" ", before)
    symbol = _SYMBOL_AT_END.search(before)
    if symbol:  # "(~ 10^{17})": the symbol stands apart from the number
        return QUALIFIER_SYMBOLS.get(symbol.group(1).strip(), "none")
    before = _FACTOR_OF_AT_END.sub("", before)  # "up to a factor of 10"
    for phrase, qualifier in QUALIFIER_WORDS:
        # The phrase ends the text before the number and starts a word there.
        if before.endswith(phrase) and not _WORD_CHAR.match(before[-len(phrase) - 1 : -len(phrase)] or " "):
            return qualifier
    return None


_WORD_CHAR = re.compile(r"\w")
_SPACES = re.compile(r"\s+")
_SYMBOL_AT_END = re.compile(rf"({QUALIFIER_SYMBOL})$")
_FACTOR_OF_AT_END = re.compile(r"\s*(?:by\s+)?(?:a\s+)?factor of$")


def _sentence(text: str, start: int, end: int) -> tuple[int, int]:
    # Look back a bounded stretch: this runs for every number, and abstracts are long.
    sentence_start = max(0, start - 1000)
    for match in SENTENCE_END.finditer(text, sentence_start, start):
        sentence_start = match.end()
    following = SENTENCE_END.search(text, end)
    return sentence_start, following.end() if following else len(text)


def _clause(text: str, start: int, end: int, boundary: re.Pattern = CLAUSE_END) -> tuple[int, int]:
    sentence_start, sentence_end = _sentence(text, start, end)
    clause_start = sentence_start
    for match in boundary.finditer(text, sentence_start, start):
        clause_start = match.end()
    following = boundary.search(text, end, sentence_end)
    return clause_start, following.start() if following else sentence_end


def _metric_near(text: str, start: int, end: int, metric_re: re.Pattern) -> str | None:
    """The metric named nearest to the number, in its clause if any, else in its sentence; lower-cased."""
    for scope_start, scope_end in (_clause(text, start, end), _sentence(text, start, end)):
        metric = _nearest_metric(text, start, end, scope_start, scope_end, metric_re)
        if metric:
            return metric
    return None


def _nearest_metric(
    text: str,
    start: int,
    end: int,
    scope_start: int,
    scope_end: int,
    metric_re: re.Pattern,
) -> str | None:
    best, best_distance = None, None
    for match in metric_re.finditer(text, scope_start, scope_end):
        distance = match.start() - end if match.start() >= end else start - match.end()
        if best_distance is None or distance < best_distance:
            best, best_distance = match.group(1), distance
    return best.lower() if best else None


def _is_plural(word: str) -> bool:
    return len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is", "ous"))


def _counted_noun(words: list[str]) -> str | None:
    """The counted noun in the words after a number: the first plural before a function word, skipping
    adjectives and noun modifiers ("970k real-world robot demonstrations" -> demonstrations). A singular
    noun measures something rather than being counted ("8K input length"), so it gives None."""
    for word in words[:4]:
        if word in STOP_AFTER:
            return None
        if _is_plural(word) or word in POINT_WORDS:
            return word
    return None


def _is_year(number: _Number, core: str, words_after: list[str]) -> bool:
    if not (number.integer and number.magnitude is None and number.unit_symbol is None):
        return False
    if not 1900 <= abs(number.value) <= 2100 or len(core) != 4:
        return False
    # "2000 images" counts; "in 2023" and "2023)" do not.
    return not (words_after and words_after[0].endswith("s") and words_after[0] not in {"was", "is"})


def _classify(
    text: str, number: _Number, next_words: list[str], metric_re: re.Pattern
) -> tuple[str, float, str | None]:
    """(kind, value, unit) for a number, from its glued unit and the words after it."""
    value = number.value
    factor = next_words[:1] == ["fold"] or FACTOR_OF_RE.search(text[max(0, number.start - 30) : number.start])
    if factor and number.unit_symbol != "%":  # "a factor of 77%" still reads as a percent
        return "multiplier", value, "x"
    words = list(next_words)
    if words and words[0] in MAGNITUDE_WORDS:
        value *= MAGNITUDE_WORDS[words[0]]
        words = words[1:]
        magnitude_word = True
    else:
        magnitude_word = False
    if number.unit_symbol == "%":
        return "percent", value, "%"
    if number.unit_symbol == "x":
        hardware = HARDWARE_AFTER.match(text, number.end)
        if hardware:
            return "count", value, hardware.group("unit").lower()  # "8x H800 GPUs": eight of them, not eight times
        return "multiplier", value, "x"
    first = words[0] if words else None
    if words[:2] in (["percentage", "points"], ["percentage", "point"]) or first in {"pp", "p.p"}:
        return "percent", value, "pp"
    if first == "percent":
        return "percent", value, "%"  # "1.42 percent of the parameters"
    if first == "times" and len(words) >= 2 and (words[1] in COMPARATIVES or words[1] == "as"):
        return "multiplier", value, "x"  # "2-4 times larger", "three times as fast"
    if words[:2] == ["data", "points"]:
        return "count", value, "data points"  # not a score's points
    if len(words) >= 2 and first in WORK_WORDS and words[1] in DURATION_WORDS and not magnitude_word:
        return "duration", value, words[1]  # "2,100 work hours"
    if first in PARAM_WORDS:
        return "params", value, first
    if (
        magnitude_word
        and (first is None or first in STOP_AFTER)
        and "parameters" in _words_before(text, number.start, 6)
    ):
        return "params", value, None  # "parameters ranging from 7 to 70 billion"
    if first in MEASURE_UNITS:
        return "other", value, first
    if number.magnitude in ("M", "B", "T") and (first is None or first in MODEL_WORDS or first in STOP_AFTER):
        return "params", value, None
    if first in DURATION_WORDS and not magnitude_word:
        return "duration", value, first
    if len(words) >= 3 and words[0] in {"gpu", "cpu", "tpu"} and words[1] in DURATION_WORDS:
        return "duration", value, f"{words[0]} {words[1]}"
    noun = _counted_noun(words)
    if noun and (number.integer or number.magnitude or magnitude_word) and noun not in POINT_WORDS:
        return "count", value, noun
    if not number.integer or noun in POINT_WORDS:
        return "score", value, _metric_near(text, number.start, number.end, metric_re)
    return "count", value, None


def _is_name_version(text: str, number: _Number, chunk_start: int, words_after: list[str]) -> bool:
    """ "Llama 2", "Orca 2": a small integer after a capitalized name is the name's version."""
    if number.magnitude or number.unit_symbol or abs(number.value) >= 10 or number.value != round(number.value, 2):
        return False
    match = re.search(r"([A-Za-z][\w\-]*) $", text[max(0, chunk_start - 40) : chunk_start])
    return match is not None and match.group(1)[0].isupper() and match.group(1).lower() not in STOP_AFTER | NOT_NAMES


def _skipped_by_context(text: str, number: _Number, chunk_start: int, words_after: list[str]) -> bool:
    before = _word_before(text, chunk_start)
    # "Table 3", "Fig. 2", "AIME 2024", but not "84.3 on AIME, 72.2 on AIME2025": the word must be right before.
    if before in REFERENCE_WORDS and re.search(r"[A-Za-z][\s.~]*$", text[max(0, chunk_start - 30) : chunk_start]):
        return True
    if _is_name_version(text, number, chunk_start, words_after):
        return True
    if words_after[:2] == ["et", "al"]:
        return True
    # Citations "[12]" / "[3, 4]" and list markers "(1)" / "1)".
    if number.integer and number.unit_symbol is None and number.magnitude is None:
        raw_after = text[number.end : number.end + 1]
        raw_before = text[chunk_start - 1 : chunk_start] if chunk_start else ""
        if raw_before == "[" and raw_after in ("]", ","):
            return True
        if raw_after == ")" and (raw_before in ("(", "") or raw_before.isspace()) and abs(number.value) < 30:
            # "(1)" or "1)" as a list marker, but "(8B)" carries a magnitude and is not here.
            return True
        preceding = text[max(0, chunk_start - 80) : chunk_start].rstrip()
        if preceding.endswith((",", "[")) and re.search(r"\[[\d,\s]*$", preceding):
            return True
    return False


def _stated_claims(text: str, links: list | None, metric_re: re.Pattern) -> list[Claim]:
    """The claims of ``text`` with their value, kind, unit and qualifier (direction and metric come later)."""
    url_spans = [(link.start_char, link.end_char) for link in (find_links(text) if links is None else links)]
    dimensions = [match.span() for pattern in (DIMENSION_RE, MONTH_RANGE_RE) for match in pattern.finditer(text)]
    claims: list[Claim] = []
    for chunk_match in CHUNK_RE.finditer(text):
        if any(start < chunk_match.end() and chunk_match.start() < end for start, end in url_spans):
            continue
        core, core_start = _strip_chunk(chunk_match.group(), chunk_match.start())
        numbers = _numbers_in_chunk(core, core_start)
        if text[max(0, chunk_match.start() - 8) : chunk_match.start()].rstrip().endswith(("±", "\\pm")):
            continue  # a spread around a result, not a claim of its own
        core_end = core_start + len(core)
        for number in numbers:
            # "8B-parameter": the glued word is the first word after the number.
            glued_word = (
                text[number.end : number.end + 1] == "-"
                and number.end < core_end
                and text[number.end + 1 : core_end].isalpha()
            )
            words_after = _words_after(text, number.end + 1 if glued_word else core_end)
            if number is not numbers[-1] and number.unit_symbol is None:
                number = replace(number, unit_symbol=numbers[-1].unit_symbol)
            elif number.unit_symbol is None:
                # "3 to 5%": the first end takes the unit of the second. Not a size ("11.0% for 2B and 17.4% for
                # 7B"): a number with a magnitude suffix counts something, it is no percent of anything.
                tail = RANGE_TAIL_RE.match(text, number.end) if number.magnitude is None else None
                if tail:
                    unit = tail.group("unit")
                    number = replace(number, unit_symbol="%" if "%" in unit else "x")
                magnitude_tail = RANGE_MAGNITUDE_RE.match(text, number.end)
                if magnitude_tail:  # "from 7 to 70 billion": the first end is in billions too
                    words_after = [magnitude_tail.group("word").lower()] + _words_after(text, magnitude_tail.end())
                unit_words = RANGE_UNIT_WORDS_RE.match(text, number.end) if number.magnitude is None else None
                if unit_words:  # "over 5.3 and 9.7 percentage points": both ends are in points
                    words_after = unit_words.group("words").lower().split() + _words_after(text, unit_words.end())
            if _is_year(number, text[number.start : number.end], words_after):
                continue
            if any(start <= number.start < end for start, end in dimensions):
                continue
            if _skipped_by_context(text, number, core_start, words_after):
                continue
            kind, value, unit = _classify(text, number, words_after, metric_re)
            qualifier = number.qualifier
            if qualifier == "none" and number.start == numbers[0].start:
                qualifier = _word_qualifier(text, number.start) or "none"
            claims.append(
                Claim(number.start, number.end, text[number.start : number.end], value, kind, unit, qualifier)
            )
    return claims


def find_claims(text: str, links: list | None = None, metrics: MetricLexicon | None = None) -> list[Claim]:
    """Claims in ``text``; ``links`` are its links when already found (else they are found here)."""
    return find_claims_and_changes(text, links, metrics)[0]


def find_claims_and_changes(
    text: str,
    links: list | None = None,
    metrics: MetricLexicon | None = None,
) -> tuple[list[Claim], list[ClaimChange]]:
    """The claims of ``text`` and the changes derived from its "from A to B" pairs. ``metrics`` is the
    metric lexicon (names and polarity), the default file's when None."""
    metrics = metrics or metric_lexicon()
    claims = _stated_claims(text, links, metrics.pattern)
    pairs = _change_pairs(text, claims, metrics.change_verbs)
    levels = {index for pair in pairs for index in pair}
    claims = [
        _with_direction_and_metric(text, claim, metrics, is_level=index in levels) for index, claim in enumerate(claims)
    ]
    changes = [change for first, second in pairs if (change := _change(text, claims[first], claims[second], metrics))]
    return claims, changes


# What the two ends of a change are joined by: "to" or an arrow, with the first end's unit word before it
# ("from 4600 seconds to 0.328 seconds") or a parenthesis ("from 1% (for standard training) to more than 92%").
CHANGE_JOINT_RE = re.compile(
    r"\s*(?:[a-z]+\s+){0,2}?(?:\([^()]{0,80}\)\s*)?(?P<joint>to|→|->|⟶)\s*"
    r"(?:(?:more|less|fewer|greater)\s+than\s+|(?:over|under|about|around|nearly|almost|roughly|approximately|just|only)\s+)?"
)
# "from" right before the first end, or before a word qualifier of it ("from over 4600 seconds").
FROM_BEFORE_RE = re.compile(
    r"\bfrom\s+(?:(?:more|less|fewer)\s+than\s+|(?:over|under|about|around|nearly|almost|roughly|approximately|just|only)\s+)?$",
    re.IGNORECASE,
)
# "ranging from 7 to 70 billion" names a span of sizes, not a change.
RANGING_RE = re.compile(r"\b(?:rang\w*|vary\w*|varies|spann\w*)\s+from\b", re.IGNORECASE)
# Words between a verb and "A to B" that make the pair a range of the change instead ("improves by 3 to 5%").
RANGE_OF_CHANGE_WORDS = {
    "by",
    "of",
    "between",
    "with",
    "for",
    "in",
    "on",
    "at",
    "across",
    "than",
    "and",
    "or",
    "per",
    "up",
}


def _change_pairs(text: str, claims: list[Claim], change_verbs: frozenset[str]) -> list[tuple[int, int]]:
    """Indices of the claims that are the two ends of a change: "from A to B", "A → B", "<verb> A to B"."""
    pairs = []
    index = 0
    while index + 1 < len(claims):
        first, second = claims[index], claims[index + 1]
        joint = CHANGE_JOINT_RE.fullmatch(text, first.end_char, second.start_char)
        if joint and _opens_change(text, first, joint.group("joint"), change_verbs):
            pairs.append((index, index + 1))
            index += 2  # "from A to B to C": B ends one change, it does not start another
        else:
            index += 1
    return pairs


def _opens_change(text: str, first: Claim, joint: str, change_verbs: frozenset[str]) -> bool:
    if joint != "to":
        return True  # an arrow is a change on its own
    before = text[max(0, first.start_char - 40) : first.start_char]
    if FROM_BEFORE_RE.search(before):
        return not RANGING_RE.search(before)
    words, _ = _clause_words(text, first.start_char, first.end_char)
    for word in reversed(words[-5:]):
        if word in change_verbs:
            return True
        if word in RANGE_OF_CHANGE_WORDS:
            return False
    return False


def _change(text: str, first: Claim, second: Claim, metrics: MetricLexicon) -> ClaimChange | None:
    """The change from ``first`` to ``second``, or None when they are not one quantity (other kinds or units)."""
    if first.kind != second.kind:
        return None
    if first.kind != "score" and first.unit and second.unit and first.unit != second.unit:
        return None  # "from 3 days to 2 hours": a difference would mix units
    difference = second.value - first.value
    relative = 100 * difference / abs(first.value) if first.value else None
    metric = second.metric or first.metric
    if metric is None and first.kind not in ("count", "params"):
        metric = _metric_near(text, first.start_char, second.end_char, metrics.pattern)
    direction = "rose" if difference > 0 else "fell" if difference < 0 else "unchanged"
    before, _ = _clause_words(text, first.start_char, first.end_char)
    cue = _cue(reversed(before[-10:]), metrics.cues)
    if direction == "unchanged":
        better = None
    elif cue in ("improve", "speed"):
        better = True  # "improves FID from 30 to 20": the text says it is better, whichever way it moved
    elif cue == "worsen":
        better = False
    else:
        clause_metric = _clause_metric(text, first.start_char, second.end_char, metrics.pattern)
        better = _is_better(direction == "rose", metrics.lower_is_better_for(clause_metric))
    return ClaimChange(
        first.start_char,
        second.end_char,
        text[first.start_char : second.end_char],
        first,
        second,
        difference,
        relative,
        first.kind,
        first.unit or second.unit,
        metric,
        direction,
        better,
    )


def _clause_metric(text: str, start: int, end: int, metric_re: re.Pattern) -> str | None:
    """The metric named nearest to ``text[start:end]`` in its clause, lower-cased; None when the clause names none."""
    return _nearest_metric(text, start, end, *_clause(text, start, end), metric_re)


def _is_better(rose: bool, lower_is_better: bool | None) -> bool | None:
    return None if lower_is_better is None else rose != lower_is_better


def _clause_words(text: str, start: int, end: int) -> tuple[list[str], list[str]]:
    """Lower-cased words of the number's clause before it (nearest last) and after it."""
    # Parentheses do not end the clause here: "a gap (>13%) between" keeps "gap" next to the number.
    clause_start, clause_end = _clause(text, start, end, CUE_CLAUSE_END)
    before = [w.lower() for w in re.findall(r"[A-Za-z][A-Za-z\-]*", text[clause_start:start])]
    after = [w.lower() for w in re.findall(r"[A-Za-z][A-Za-z\-]*", text[end:clause_end])]
    return before, after


def _cue(words, cues: dict[str, str]) -> str | None:
    """The cue of the first cue word among ``words``."""
    for word in words:
        cue = cues.get(word)
        if cue:
            return cue
    return None


def _sign_cue(claim: Claim) -> str | None:
    """rise for a number written with +, fall for one written with - or −."""
    unsigned = claim.text.lstrip("~≈><≥≤\\")
    return "rise" if unsigned.startswith("+") else "fall" if unsigned.startswith(("-", "−")) else None


RANGE_BEFORE_RE = re.compile(r"\d\S*\s+(?:to|-)\s+\S{0,3}$")


def _word_cue(text: str, claim: Claim, cues: dict[str, str], signed: bool = False) -> str | None:
    """The cue of the words around the number (``cues``: claim_cues.csv), or None. ``signed``: the number's sign already says it
    is a change, and the words only say whether it is better, so any cue word among the four before counts
    ("boosts perceptual quality (LPIPS +0.095)")."""
    before, after = _clause_words(text, claim.start_char, claim.end_char)
    if claim.kind in ("percent", "multiplier", "score", "count"):
        # "50x faster", "40% fewer", "13% gap", "295 more projects" name the direction right after the number.
        cue = _cue(after[:2], cues)
        if cue:
            return cue
    # Qualifier words sit between "by" and the number ("by more than 100%"): look past them.
    qualifier_words = {
        "up",
        "upto",
        "to",
        "more",
        "than",
        "over",
        "about",
        "around",
        "approximately",
        "nearly",
        "almost",
        "roughly",
        "least",
        "at",
        "most",
        "a",
        "factor",
        "of",
        "an",
        "average",
        "additional",
    }
    nearest_before = list(reversed(before))
    level_verbs = level_verb_lexicon()
    # "boosts accuracy to 93%", "from 48%": where the quantity is, not how much it moved ("up to" qualifies).
    # "gains of 3.6% to 3.9%" is a range of gains: a number before "to" makes it one.
    ends_at = (
        nearest_before[:1] in (["to"], ["from"])
        and nearest_before[1:2] != ["up"]
        and not RANGE_BEFORE_RE.search(text, 0, claim.start_char)
        and not RANGING_RE.search(text, max(0, claim.start_char - 40), claim.start_char)  # "gains ranging from"
    )
    # "gains ranging from 17% to 28%", "gains between 3% and 5%": the range's words stand between cue and number.
    skipped = qualifier_words if ends_at else qualifier_words | {"from", "ranging", "range", "ranges", "between", "and"}
    while nearest_before and nearest_before[0] in skipped and len(nearest_before) > 1:
        nearest_before = nearest_before[1:]
    if signed:
        cue = _cue(nearest_before[:4], cues)
        if cue:
            return cue
    elif not ends_at and nearest_before[:1] == ["by"]:
        # "improves accuracy by 5%" and "outperforms X by 3.1 points" put the verb further back.
        cue = _cue(nearest_before[:10], cues)
        if cue:
            return cue
    elif not ends_at and nearest_before and nearest_before[0] not in level_verbs:
        # Without "by" the cue word must be the number's neighbour ("gains of 5%", "reduces 40%", "higher (<4%)"):
        # a verb of comparison there makes a level ("exceeds 66%", "surpassing GPT-4o (50.2%)").
        cue = cues.get(nearest_before[0])
        if cue:
            return cue
    elif not ends_at and nearest_before[1:2] and cues.get(nearest_before[1]) in ("improve", "speed", "gap"):
        # A change named right before the verb makes the number its amount: "gains exceeding 5%", "speedups
        # reaching 175%", "gaps exceeding 29%" (not "models exceed 66%").
        if nearest_before[1] not in level_verbs:
            return cues[nearest_before[1]]
    if claim.kind in ("percent", "multiplier"):
        return _cue((word for word in after[:4] if word not in level_verbs), cues)
    return None


def _direction_and_better(cue: str | None, lower_is_better: bool | None) -> tuple[str, bool | None]:
    """The claim's direction (whether its quantity rose or fell) and whether that is better."""
    if cue is None:
        return "level", None
    if cue == "gap":
        return "gap", None
    if cue == "speed":
        return "gain", True
    if cue == "improve":
        return ("drop" if lower_is_better else "gain"), True
    if cue == "worsen":
        return ("gain" if lower_is_better else "drop"), False
    rose = cue == "rise"
    return ("gain" if rose else "drop"), _is_better(rose, lower_is_better)


def _with_direction_and_metric(text: str, claim: Claim, metrics: MetricLexicon, is_level: bool = False) -> Claim:
    """The claim with its metric, direction and ``better``; ``is_level`` for an end of a "from A to B" change.
    A sign says which way the quantity moved; the words around it may still say whether that is better."""
    sign = None if is_level else _sign_cue(claim)
    word = None if is_level else _word_cue(text, claim, metrics.cues, signed=sign is not None)
    cue = sign or word
    if claim.kind == "score":
        metric = claim.unit
    elif claim.kind in ("percent", "multiplier") or cue not in (None, "gap"):
        metric = _metric_near(text, claim.start_char, claim.end_char, metrics.pattern)
    else:
        metric = None
    polarity = None
    if cue in ("rise", "fall") and claim.kind not in ("count", "params"):
        # A count or size is not its sentence's metric ("7x fewer parameters ... success rate"), and a metric
        # outside the number's clause may measure something else: neither decides whether the move is better.
        polarity = metrics.lower_is_better_for(_clause_metric(text, claim.start_char, claim.end_char, metrics.pattern))
    elif cue in ("improve", "worsen"):
        polarity = metrics.lower_is_better_for(metric)
    direction, better = _direction_and_better(cue, polarity)
    if sign and word in ("improve", "speed", "worsen"):
        better = word != "worsen"  # "boosts perceptual quality (LPIPS +0.095)": the text calls it better
    return replace(claim, direction=direction, metric=metric, better=better)


def claim_record(claim: Claim) -> dict:
    """The primitive form of a Claim kept in ``doc._.claims`` (str, float, bool and None only), so that
    ``doc.to_bytes()``, ``DocBin(store_user_data=True)`` and ``nlp.pipe(n_process=...)`` can carry it."""
    return {
        "start_char": claim.start_char,
        "end_char": claim.end_char,
        "text": claim.text,
        "value": claim.value,
        "kind": claim.kind,
        "unit": claim.unit,
        "qualifier": claim.qualifier,
        "metric": claim.metric,
        "direction": claim.direction,
        "better": claim.better,
        "display_text": display_text(claim.text),
    }


def change_record(change: ClaimChange) -> dict:
    """The primitive form of a ClaimChange kept in ``doc._.claim_changes``: its two claims by their offsets
    and values (the claims themselves are in ``doc._.claims``)."""
    first, second = change.from_claim, change.to_claim
    return {
        "start_char": change.start_char,
        "end_char": change.end_char,
        "text": change.text,
        "from_start_char": first.start_char,
        "from_end_char": first.end_char,
        "to_start_char": second.start_char,
        "to_end_char": second.end_char,
        "from_value": first.value,
        "to_value": second.value,
        "kind": change.kind,
        "unit": change.unit,
        "metric": change.metric,
        "difference": change.difference,
        "relative_percent": change.relative_percent,
        "direction": change.direction,
        "better": change.better,
        "display_text": display_text(change.text),
    }


def claim_from_record(record: dict) -> Claim:
    """The Claim of a ``doc._.claims`` record (the inverse of ``claim_record``)."""
    return Claim(**{key: record[key] for key in CLAIM_FIELDS})


def changes_from_records(records: list[dict], claims: list[Claim]) -> list[ClaimChange]:
    """The ClaimChanges of ``doc._.claim_changes`` records, their two claims taken from ``claims`` by offsets."""
    by_span = {(claim.start_char, claim.end_char): claim for claim in claims}
    changes = []
    for record in records:
        first = by_span[(record["from_start_char"], record["from_end_char"])]
        second = by_span[(record["to_start_char"], record["to_end_char"])]
        changes.append(
            ClaimChange(
                record["start_char"],
                record["end_char"],
                record["text"],
                first,
                second,
                record["difference"],
                record["relative_percent"],
                record["kind"],
                record["unit"],
                record["metric"],
                record["direction"],
                record["better"],
            )
        )
    return changes


CLAIM_FIELDS = (
    "start_char",
    "end_char",
    "text",
    "value",
    "kind",
    "unit",
    "qualifier",
    "metric",
    "direction",
    "better",
)


if not Doc.has_extension("claims"):
    Doc.set_extension("claims", default=None)
if not Doc.has_extension("claim_changes"):
    Doc.set_extension("claim_changes", default=None)


@Language.factory(
    "papertrends_claims",
    default_config={
        "spans_key": "papertrends_claims",
        "metric_polarity_path": None,
        "claim_cues_path": None,
        "change_verbs_path": None,
        "scorer": {"@scorers": "papertrends.span_group_scorer.v1"},
    },
)
def make_claims_component(
    nlp: Language,
    name: str,
    spans_key: str,
    metric_polarity_path: str | None,
    claim_cues_path: str | None = None,
    change_verbs_path: str | None = None,
    scorer=None,
):
    component = ClaimsComponent(
        spans_key,
        metric_polarity_path=metric_polarity_path or DEFAULT_METRIC_POLARITY,
        claim_cues_path=claim_cues_path or DEFAULT_CLAIM_CUES,
        change_verbs_path=change_verbs_path or DEFAULT_CHANGE_VERBS,
    )
    return with_scorer(component, scorer)


class ClaimsComponent(SavesLexicons, ScoredSpanGroup):
    """Sets ``doc._.claims`` (Claims as dicts, ``claim_record``), ``doc._.claim_changes`` (ClaimChanges as dicts,
    ``change_record``) and a span group
    of token-aligned claim spans."""

    def __init__(
        self,
        spans_key: str,
        metric_polarity_path: str | Path = DEFAULT_METRIC_POLARITY,
        claim_cues_path: str | Path = DEFAULT_CLAIM_CUES,
        change_verbs_path: str | Path = DEFAULT_CHANGE_VERBS,
    ):
        self.spans_key = spans_key
        self.use_lexicons(
            {
                "metric_polarity_path": metric_polarity_path,
                "claim_cues_path": claim_cues_path,
                "change_verbs_path": change_verbs_path,
            }
        )

    def read_lexicons(self, paths: Mapping[str, Path]) -> None:
        """The metric lexicon of the polarity file (``SavesLexicons``)."""
        self.metrics = metric_lexicon(
            paths["metric_polarity_path"], paths["claim_cues_path"], paths["change_verbs_path"]
        )

    def __call__(self, doc: Doc) -> Doc:
        # Reuse the links component's result when it ran first; work alone otherwise.
        claims, changes = find_claims_and_changes(token_view(doc).text, doc_links(doc), self.metrics)
        extensions = doc._  # one Underscore object for both (each ``doc._`` makes one)
        extensions.claims = [claim_record(claim) for claim in claims]
        extensions.claim_changes = [change_record(change) for change in changes]
        spans = []
        for claim in claims:
            span = doc.char_span(claim.start_char, claim.end_char, label=claim.kind, alignment_mode="expand")
            if span is not None:
                spans.append(span)
        doc.spans[self.spans_key] = spans
        return doc
