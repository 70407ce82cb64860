"""Claimed results: a numeric claim tied, by its own sentence, to a named benchmark ("achieves 45.2 mAP on COCO",
"improves accuracy on MMLU by 3.1 points over Qwen2.5-7B", "resolves 62.4% of SWE-bench Verified").

The component runs after the claims and entities components and reads what they found: the claims
(``doc._.claims``, ``doc._.claim_changes``) and the DATASET and MODEL spans. For each score or percent claim it
looks, in the claim's sentence only, for the benchmark the sentence ties it to:

1. "... 45.2%, 50.1% and 61.0% on A, B and C, respectively": the i-th number goes with the i-th benchmark;
2. a benchmark right before the number ("MMLU: 45.2", "GSM8K (50.1%)", "on MMLU by 3.1", "MMLU accuracy of 45.2");
3. the first benchmark after the number, before the next number ("45.2 mAP on COCO");
4. the one benchmark the sentence names before the number ("On ImageNet, our model reaches 80.1%").

A sentence that names several benchmarks before a number and none next to it ties the number to none of them.
The metric is the one the sentence names nearest to the number (its clause first), written as in the text and
normalised by the aliases of ``data/lexicons/metric_polarity.csv``; the cue words are in
``data/lexicons/result_cues.csv``. Results go to ``doc._.results`` (Result) and to a span group (label = the
benchmark) whose spans carry the attributes as ``span._.result``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..lexicons import (
    DEFAULT_DATASETS,
    DEFAULT_METRIC_POLARITY,
    DEFAULT_MODELS,
    DEFAULT_NOT_ENTITIES,
    read_cue_lexicon,
    read_entity_lexicon,
    read_lexicon_csv,
    read_metric_aliases,
    read_not_entities,
)
from ..paths import LEXICON_DIR
from .claims import METRICS, Claim, changes_from_records, claim_from_record
from .entities import clean_name
from .saving import SavesLexicons
from .scoring import ScoredSpanGroup, with_scorer
from .tokens import token_view

DEFAULT_RESULT_CUES = LEXICON_DIR / "result_cues.csv"
CUE_KINDS = (
    "gain",
    "gap",
    "baseline",
    "not_result",
    "not_metric",
    "benchmark_noun",
    "not_benchmark",
    "score",
    "system_verb",
    "metric",
    "refers_back",
    "data_verb",
    "not_result_after",
    "word_prefix",
    "others",
)
COMPARISONS = ("absolute", "gain", "gap")
# The metrics a duration ("0.1 seconds", "7 s") can measure; one named elsewhere is a latency.
TIME_METRICS = ("latency", "speed")
# Words that may stand between "by" and its number ("by up to 3.1", "by an average of 2.0").
QUALIFIER_WORDS = {
    "up",
    "to",
    "more",
    "than",
    "over",
    "about",
    "around",
    "nearly",
    "almost",
    "roughly",
    "least",
    "at",
    "a",
    "an",
    "average",
    "of",
    "approximately",
    "only",
    "just",
    "additional",
    "absolute",
}


@dataclass(frozen=True)
class Result:
    start_char: int  # the claim's span
    end_char: int
    text: str
    value: float
    unit: str | None
    metric: str | None  # normalised ("map", "pass@1"); None when the sentence names none
    metric_text: str | None  # as written ("mAP")
    benchmark: str  # canonical name of the DATASET
    benchmark_start: int
    model: str | None  # canonical name of the system the number is for, when the sentence names it
    own: bool  # the paper's own system
    comparison: str  # absolute, gain or gap
    # Whether ``own`` says only whether ``model`` was introduced in this text (not a from/to end): the paper-level
    # step (paper.settle_paper) makes it own when the paper introduces the name in its other field ("ReSim: ...").
    own_by_name: bool = False


# A metric's acronym in the plural: "SPLs", "FIDs", "AUCs".
PLURAL_ACRONYM = re.compile(r"[A-Z][A-Z0-9@\-]+s")


@dataclass(frozen=True)
class ResultCues:
    """The cue words (word -> cue) and the metric names to look for with their normalised names."""

    cues: dict[str, str]
    metric_re: re.Pattern
    aliases: dict[str, str]
    # For the benchmark names the entities component missed: the dataset lexicon's ways of writing a name
    # (-> canonical) and the names that are never entities (venues, metrics, generic acronyms).
    dataset_names: dict[str, str]
    not_names: frozenset[str]
    # The model lexicon's ways of writing a name: a MODEL the lexicon lists stays a model whatever the sentence says.
    model_names: frozenset[str] = frozenset()

    def normalise(self, written: str) -> str | None:
        """The metric's name, or None for a word the claims component reads as a metric but that names no
        measure of a result (performance, quality: cue not_metric)."""
        lowered = " ".join(written.split()).lower()
        key = re.sub(r"@\d+", "@k", lowered)
        if self.cues.get(lowered) == "not_metric":
            return None
        if lowered in self.aliases:
            return self.aliases[lowered]
        if key in self.aliases:
            return self.aliases[key]
        if PLURAL_ACRONYM.fullmatch(written.strip()):
            # "SPLs of 28.4% and 26.3%": the metric SPL, twice (a plural the aliases list, GFLOPs, is theirs).
            return self.aliases.get(lowered[:-1], lowered[:-1])
        return lowered if key == lowered else key


def read_result_cues(path: str | Path) -> dict[str, str]:
    """``{word: cue}`` from the results' cue lexicon: the cues of CUE_KINDS (lexicons.read_cue_lexicon)."""
    return read_cue_lexicon(path, CUE_KINDS)


def _alias_pattern(alias: str) -> str:
    return re.escape(alias).replace("@k", r"@\d+")


def name_key(name: str) -> str:
    """A name folded for lookup: case, white space, hyphens, underscores and apostrophes dropped, with a
    marker so a folded key never equals a name as written."""
    return "\0" + re.sub(r"[\s\-_'’]", "", name.casefold())


def canonical_benchmark(name: str, lexicon: ResultCues) -> str:
    """The dataset lexicon's name for ``name``: as written, else by its folded key, else ``name``."""
    return lexicon.dataset_names.get(name) or lexicon.dataset_names.get(name_key(name)) or name


def _short_acronyms(path: Path) -> dict[str, str]:
    """``{lower-cased: as written}`` for the aliases of the polarity lexicon written as an acronym of at most
    three capitals (IS, SR, EM): they are matched in that case only."""
    frame = read_lexicon_csv(path, "metric", "lower_is_better", optional=("aliases",))
    return {
        alias.strip().lower(): alias.strip()
        for _, _, written in frame.iter_rows()
        for alias in (written or "").split("|")
        if re.fullmatch(r"[A-Z]{2,3}", alias.strip())
    }


@cache
def result_cues(
    cues_path: str | Path = DEFAULT_RESULT_CUES,
    metrics_path: str | Path = DEFAULT_METRIC_POLARITY,
    datasets_path: str | Path = DEFAULT_DATASETS,
    not_entities_path: str | Path = DEFAULT_NOT_ENTITIES,
    models_path: str | Path = DEFAULT_MODELS,
) -> ResultCues:
    """The cue and metric lexicons, read once per process and paths. The metric names are the claims
    component's (METRICS, case kept: AP, EM, Dice are words in lower case) and every name and alias of the
    polarity lexicon (any case)."""
    aliases = read_metric_aliases(metrics_path)
    cues = read_result_cues(cues_path)
    # "a GenEval score of 0.625", "an overall score of 65.3": the benchmark's own score, for the results only (the
    # claims component does not read these words as metrics).
    aliases.update({word: "score" for word, cue in cues.items() if cue == "score" and word not in aliases})
    aliases.update({word: word for word, cue in cues.items() if cue == "metric" and word not in aliases})
    # A lower-case name matches in any case ("Error Rate"); an acronym keeps its case (AP, EM).
    # "@k" stands for any number here too: the claims component's "pass@k" matches "PASS@100".
    alternatives = [(m, _alias_pattern(m) if m != m.lower() else f"(?i:{_alias_pattern(m)})") for m in METRICS]
    known = {metric.lower() for metric in METRICS}
    # A short acronym written in capitals in the file keeps its case ("IS" is the Inception Score, "is" a verb).
    acronyms = _short_acronyms(Path(metrics_path))
    alternatives += [
        (alias, _alias_pattern(acronyms[alias]) if alias in acronyms else f"(?i:{_alias_pattern(alias)})")
        for alias in aliases
        if alias not in known
    ]
    alternatives.sort(key=lambda pair: len(pair[0]), reverse=True)
    # "strict Eco-Accuracy": a name may follow a hyphenated qualifier.
    pattern = re.compile(r"(?<![\w@])(" + "|".join(p for _, p in alternatives) + r")(?![\w@])")
    dataset_names = {
        written: canonical for canonical, ways in read_entity_lexicon(datasets_path).items() for written in ways
    }
    # "SWE-Bench-Verified", "Aime 2024": a way of writing that differs from the lexicon's in case, spaces,
    # hyphens and apostrophes only is the lexicon's name, when one name has that key.
    keyed: dict[str, set[str]] = {}
    for written, canonical in dataset_names.items():
        keyed.setdefault(name_key(written), set()).add(canonical)
    dataset_names.update(
        {key: next(iter(canonicals)) for key, canonicals in keyed.items() if len(canonicals) == 1 and key}
    )
    model_names = frozenset(
        written for canonical, ways in read_entity_lexicon(models_path).items() for written in [canonical, *ways]
    )
    return ResultCues(
        cues, pattern, aliases, dataset_names, frozenset(read_not_entities(not_entities_path)), model_names
    )


@dataclass(frozen=True)
class _Name:
    start: int
    end: int
    canonical: str
    introduced: bool


WORD_RE = re.compile(r"[A-Za-z][A-Za-z\-]*")
# What may stand between a benchmark and its number for the number to be the benchmark's (rule 2), once metric
# names are taken out: "MMLU: 45.2", "GSM8K (50.1%)", "MMLU by 3.1", "MMLU of 45.2", "HumanEval, 81.0",
# "AIME2025 accuracy from 86.5%".
TIGHT_BEFORE = re.compile(
    r"[\s:=(]*(?:(?:of|by|at|with|is|was|to|from|reaching|achieving|scores?|reaches|achieves)\s+)?"
    r"(?:(?:up\s+to|over|about|nearly|around|only|just|an?\s+average\s+of)\s+)?[\s:=(]*",
    re.IGNORECASE,
)
# A count right before the words it counts ("10 billion tokens"); a number ending a list item ("FID 5.6, R@1") is
# none: its digits end the number, not a comma.
COUNTED = re.compile(
    r"(?<![\w.])(?!(?:19|20)\d\d\s)\d(?:[\d.,]*\d)?\s*(?:[KMBT]|billion|million|thousand|trillion)?\s+$"
)
# "while" starts another clause, but not in "while using 2.3x fewer tokens" (the same subject goes on).
CLAUSE_BREAK = re.compile(r"\bwhile\b(?!\s+[a-z]+ing\b)|\bwhereas\b|\bbut\b")
# ", and on AIME25, tokens decrease ...": a new clause with its own benchmark.
NEW_CLAUSE = re.compile(r"[,;]\s*(?:and\s+|while\s+|but\s+|whereas\s+)?(?:on|in|for|across|at)\s")
STRICT_CLAUSE_BREAK = re.compile(r"\bwhile\b|\bwhereas\b|\bbut\b")
# ", and boosts planning ... on NAVSIM", ", and to raise ... by 7.81%": a coordinated verb opens a clause of its own.
VERB_CLAUSE = re.compile(r"[,;]\s*(?:and\s+)?(to\s+)?(?:also\s+|further\s+|significantly\s+)?([a-z]+)\b")
# Between two numbers of one list: "62.4% and 66.0%", "+14.6% / +17.2%", "+6.23% (7B) / +7.61% (14B)", "44.35 (+5.94)".
NUMBER_JOINT = re.compile(r"\s*(?:\([^()]{0,12}\))?\s*(?:,|/|\band\b|\bor\b|&)?\s*(?:\band\s+)?\(?\s*")
RANGE_JOINT = re.compile(r"\s*(?:[-–—]|to|vs\.?|versus)\s*")


# The guide's sentences: a period, "?" or "!" before a space and a capital (a semicolon, colon or parenthesis
# ends none), not after an abbreviation.
RESULT_SENTENCE_END = re.compile(r"(?<!\be\.g)(?<!\bi\.e)(?<!\bal)(?<!\bvs)(?<!\bFig)[.!?](?=\s+[A-Z(\[]|$)")


def _sentences(text: str) -> list[tuple[int, int]]:
    bounds, start = [], 0
    for match in RESULT_SENTENCE_END.finditer(text):
        bounds.append((start, match.end()))
        start = match.end()
    if start < len(text):
        bounds.append((start, len(text)))
    return bounds


# A word that may be (part of) a benchmark's name: capitalised, with hyphens, digits, apostrophes ("GSM8K",
# "T2I-CompBench", "MARIO-10M", "AIME'24"); a period is part of it only inside ("GSM8K." is "GSM8K").
# A coinage may start with a few lower-case letters before a capital ("gRefCOCO", "nuScenes", "iNaturalist") or
# before a version and a capitalised part ("tau2-Bench").
NAME_WORD = re.compile(
    r"(?<![\w\-])(?:[A-Z]|[a-z]{1,4}(?=[A-Z])|[a-z]{1,5}(?=\d[\w.]*-[A-Z]))[A-Za-z0-9]*(?:[-'.&][A-Za-z0-9]+)*(?![\w\-&])"
)
# The shape of a coinage: two capitals ("CDD", "WebArena"), or a letter and a digit ("GSM8K").
STRONG_NAME = re.compile(r"[A-Z].*[A-Z]|[A-Za-z].*\d|\d.*[A-Za-z]")
STAGE_NAME = re.compile(r"(?i:phase|stage|step|round|track|task|subtask|level|part|split|setting)[-_ ]?\d+[A-Za-z]?")
DESCRIPTOR_TAIL = re.compile(r"-(?:based|like|style|driven|level|free|aware|guided|specific|oriented|centric)$")
# "e.g." also as written in haste (".e.g,", "e.g,").
SUCH_AS = re.compile(r"\s*,?\s*(?:such\s+as|including|like|namely|\.?e\.g\.?,?|\.?i\.e\.?,?|:|\()\s*")
# "ARC-AGI 1", "ARC-AGI 2": a one-digit version after the name, before punctuation or "and".
VERSION_TAIL = re.compile(r" (?:\d|v\d+(?:\.\d+)?)(?=[,.;:)]|\s+(?:and|or|benchmarks?|datasets?)\b|$)")
YEAR_NAME = re.compile(r" (?:19|20)\d\d [A-Z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)+(?![\w\-])")


METRIC_ORDER = re.compile(r"(?:-\d+|@\d+)$")


def benchmark_names(
    text: str, datasets: list[_Name], models: list[_Name], lexicon: ResultCues, is_stop=None
) -> tuple[list[_Name], list[_Name]]:
    """The DATASET names with the benchmarks the sentence's structure names though the entities component
    missed them or read them as a MODEL: a name beside a benchmark noun ("the Dolphins benchmark", "the image
    set CDD", "benchmark datasets, such as MARIO-10M"), a name in one list with a benchmark ("on CMM and
    AVHBench", "on WebArena-Lite and GoBrowse"), a coinage right after "on" ("0.62 on WISE", "on GSM8K.").
    A DATASET followed by a year and a coined name is that longer name ("VLSP 2025 MLQA-TSR").
    Returns (datasets, models): a MODEL taken as a benchmark leaves the models."""
    cues = lexicon.cues
    taken = [(n.start, n.end) for n in datasets + models]

    def free(start: int, end: int) -> bool:
        return not any(a < end and start < b for a, b in taken)

    def nameable(word: str, strong: bool) -> bool:
        if word in lexicon.not_names or cues.get(word.lower()) in ("not_benchmark", "benchmark_noun"):
            return False
        # A metric, also with its order or cut-off ("BLEU-4", "ROUGE-2", "Recall@10"), is no benchmark.
        for form in {word, METRIC_ORDER.sub("", word)}:
            if lexicon.metric_re.fullmatch(form) or lexicon.aliases.get(form.lower()):
                return False
        if SYSTEM_TAIL.search(word) and word not in lexicon.dataset_names:
            return False  # "on LlamaGen-XXL": a system
        if DESCRIPTOR_TAIL.search(word):
            return False  # "a GAN-based benchmark", "a game-like dataset": a description, not a name
        if STAGE_NAME.fullmatch(word):
            return False  # "on Phase-1 (clean data)", "Track-2": a stage or split of the evaluation, not a benchmark
        if strong:
            return bool(STRONG_NAME.search(word))
        return len(word) > 2 and not (is_stop and is_stop(word.lower()))

    def name(start: int, end: int) -> _Name:
        written = text[start:end]
        return _Name(start, end, lexicon.dataset_names.get(written, written), False)

    # "BiPS boosts Qwen2.5-VL-7B by 8.2%", "VideoAuto-R1 achieves ...": a name that is the subject of what a system
    # does is the system, not a benchmark (a DATASET label the entities component gave it by its shape).
    datasets = [d for d in datasets if not _subject(text, d, cues) and not _system_shaped(text, d, lexicon)]
    extended = []
    for d in datasets:
        tail = YEAR_NAME.match(text, d.end) or VERSION_TAIL.match(text, d.end)
        if tail and not any(o.start < tail.end() and d.end < o.end for o in datasets):
            extended.append(_Name(d.start, tail.end(), text[d.start : tail.end()], d.introduced))
            models = [m for m in models if not (m.start < tail.end() and d.end < m.end)]
        else:
            extended.append(d)
    datasets = extended
    taken = [(n.start, n.end) for n in datasets + models]
    words = [(m.start(), m.end()) for m in NAME_WORD.finditer(text)]
    promoted: set[tuple[int, int]] = set()
    found: list[_Name] = []

    def noun_at(start: int, backwards: bool = False) -> bool:
        if backwards:
            before = re.search(r"([A-Za-z]+)\s*$", text[max(0, start - 30) : start])
            return before is not None and cues.get(before.group(1).lower()) == "benchmark_noun"
        after = re.match(r"\s+([A-Za-z]+)(\s+[A-Z])?", text[start : start + 30])
        if after is None or cues.get(after.group(1).lower()) != "benchmark_noun":
            return False
        # "an Optimal Dataset Scale (ODS) F-score": a capitalised noun inside a longer title-case phrase is no noun.
        return not (after.group(1)[0].isupper() and after.group(2))

    def at_sentence_start(start: int) -> bool:
        return not text[:start].strip() or bool(re.search(r"[.!?]\s*$", text[:start]))

    def opens_on(start: int) -> bool:
        """The name comes right after "On" or "Across" opening the sentence."""
        on = re.search(r"\b(?:On|Across)\s+(?:the\s+)?$", text[max(0, start - 12) : start])
        return on is not None and at_sentence_start(start - 12 + on.start() if start >= 12 else on.start())

    for start, end in words:
        word = text[start:end]
        model = next((m for m in models if m.start <= start and end <= m.end), None)
        if model is not None:
            # "the VersatileGait database", "the benchmark GoBrowse": the sentence says it is a benchmark.
            if (noun_at(model.end) or noun_at(model.start, backwards=True)) and nameable(word, strong=False):
                promoted.add((model.start, model.end))
            elif start == model.start and _measured_on(text, model, lexicon) and nameable(word, strong=True):
                promoted.add((model.start, model.end))
            elif (
                start == model.start
                and _parallel_change(text, model, datasets)
                and _unlisted_model(text, model, lexicon)
            ):
                # "improves AIME2025 accuracy from 86.5% to 93.3% and BeyondAIME from 64.9% to 73.8%".
                if nameable(word, strong=True):
                    promoted.add((model.start, model.end))
            elif start == model.start and opens_on(start) and _unlisted_model(text, model, lexicon):
                # "On MICC-F220, CoMoFoD, and COVERAGE, the same pipeline attains ...": what a sentence opens on.
                if nameable(word, strong=True):
                    promoted.add((model.start, model.end))
            continue
        if not free(start, end):
            continue
        before_on = re.search(r"\b(?:on|On)\s+(?:the\s+)?$", text[max(0, start - 10) : start])
        after = text[end : end + 12]
        if noun_at(end) and nameable(word, strong=False) and not at_sentence_start(start):
            listed = re.search(r"(?:,|\band|\bor|&)\s*$", text[max(0, start - 6) : start])
            if not _plural_noun_after(text, end) or listed:
                found.append(name(start, end))  # "TSF benchmarks": a kind of benchmark, not one
        elif noun_at(start, backwards=True) and nameable(word, strong=True):
            found.append(name(start, end))
        elif before_on and nameable(word, strong=True) and re.match(r"\s*(?:[,.;:)(]|and\b|or\b|$)", after):
            found.append(name(start, end))
    # "the Reddit Suicide Watch and Mental Health Collection dataset (SWMH)": the short name after the noun.
    for match in re.finditer(r"\b([A-Za-z]+)\s*\(([A-Z][A-Za-z0-9\-]*)\)", text):
        start, end = match.span(2)
        if cues.get(match.group(1).lower()) == "benchmark_noun" and free(start, end) and nameable(match.group(2), True):
            if not any(f.start < end and start < f.end for f in found):
                # The long form's last word before the noun ("Collection dataset (SWMH)") is no name of its own.
                found = [f for f in found if not 0 <= match.start(1) - f.end <= 2]
                found.append(name(start, end))
    # "SWE bench Lite": words that are, folded, a name of the dataset lexicon with several words.
    for index, (start, _) in enumerate(words):
        for size in (4, 3, 2):
            if index + size > len(words):
                continue
            end = words[index + size - 1][1]
            written = text[start:end]
            canonical = lexicon.dataset_names.get(name_key(written))
            if (
                canonical
                and " " in written
                and free(start, end)
                and not any(f.start < end and start < f.end for f in found)
            ):
                found.append(_Name(start, end, canonical, False))
                break
    found.sort(key=lambda n: n.start)
    # "the OU-ISIR Large-Population dataset": a name right before the one found is part of it.
    for index, n in enumerate(found):
        head = next((m for m in models if m.end + 1 == n.start and text[m.end] == " "), None)
        if head is not None:
            promoted.add((head.start, head.end))
            found[index] = name(head.start, n.end)
    models_left = [m for m in models if (m.start, m.end) not in promoted]
    names = sorted(
        datasets
        + found
        + [
            replace_label(m, lexicon)
            for m in models
            if (m.start, m.end) in promoted and not any(n.start <= m.start < n.end for n in found)
        ],
        key=lambda n: n.start,
    )
    # A name in one list with a benchmark ("on CMM and AVHBench"), or after "benchmarks such as", or in brackets
    # right after a number as a benchmark is elsewhere in the text ("0.755 (BDD-X) and 0.778 (MSVD)").
    bracketed = {match.span(1) for match in NUMBER_THEN_NAME.finditer(text)}
    for _ in range(len(words)):  # each round adds the next name of a list; it stops when none is added
        known = {(n.start, n.end) for n in names}
        added = []
        for start, end in words:
            if (start, end) in known or any(n.start <= start < n.end for n in names):
                continue
            word = text[start:end]
            model = next((m for m in models_left if m.start == start), None)
            if model is None and (not free(start, end) or not nameable(word, strong=True)):
                continue
            span = (model.start, model.end) if model else (start, end)
            beside = any(
                (n.end < span[0] and _list_between(text[n.end : span[0]]))
                or (span[1] < n.start and _list_between(text[span[1] : n.start]))
                for n in names
            ) or (span in bracketed and any((n.start, n.end) in bracketed for n in names))
            such_as = bool(re.search(r"(?i)(?:benchmarks?|datasets?)" + SUCH_AS.pattern + r"$", text[: span[0]]))
            if beside or such_as:
                if model is not None:
                    models_left.remove(model)
                    added.append(replace_label(model, lexicon))
                else:
                    added.append(name(start, end))
        if not added:
            break
        names = sorted(names + added, key=lambda n: n.start)
    names = [n for n in names if not _subject(text, n, cues)]
    # "the NTU-Fi HAR dataset": a coined word right before a benchmark named before its noun is part of its name.
    headed = []
    for n in names:
        coined = re.search(r"(?<![\w\-])([A-Z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)+) $", text[max(0, n.start - 30) : n.start])
        if (
            coined is not None
            and noun_at(n.end)
            and STRONG_NAME.search(coined.group(1))
            and free(n.start - len(coined.group(0)), n.start)
        ):
            first = n.start - len(coined.group(0))
            headed.append(_Name(first, n.end, text[first : n.end], n.introduced))
        else:
            headed.append(n)
    names = [
        _Name(n.start, n.end, _sized(text[n.start : n.end], canonical_benchmark(n.canonical, lexicon)), n.introduced)
        for n in headed
    ]
    # "OU-ISIR Large-Population dataset": names one space apart are one name.
    merged: list[_Name] = []
    for n in names:
        last = merged[-1] if merged else None
        if last and last.end < n.start and text[last.end : n.start] == " " and n.canonical == text[n.start : n.end]:
            written = text[last.start : n.end]
            merged[-1] = _Name(last.start, n.end, canonical_benchmark(written, lexicon), last.introduced)
        else:
            merged.append(n)
    return _with_other_years(text, _with_glued_prefix(text, merged, lexicon), lexicon), models_left


GLUED_PREFIX = re.compile(r"(?<![\w\-])([a-z]{1,4})-$")


def _with_glued_prefix(text: str, names: list[_Name], lexicon: ResultCues) -> list[_Name]:
    """ "mu-MATH", "m-ARC": a short lower-case prefix glued to a name makes another name (not an English
    prefix: "non-COCO", "pre-ImageNet", cue word_prefix)."""
    glued = []
    for n in names:
        prefix = GLUED_PREFIX.search(text, max(0, n.start - 6), n.start)
        if prefix and lexicon.cues.get(prefix.group(1)) != "word_prefix":
            written = text[prefix.start() : n.end]
            glued.append(_Name(prefix.start(), n.end, canonical_benchmark(written, lexicon), n.introduced))
        else:
            glued.append(n)
    return glued


NAME_YEAR = re.compile(r"^(.*\S)\s+(?:19|20)\d\d$")
MORE_YEARS = re.compile(r"(?:\s*(?:,|/|&|\band\b|,\s*and\b)\s*)((?:19|20)\d\d)\b(?!\.\d|\s*%)")


def _with_other_years(text: str, names: list[_Name], lexicon: ResultCues) -> list[_Name]:
    """ "AIME 2024 and 2025", "AIME 2024/2025": a benchmark with a year followed by other years names each
    year's edition."""
    editions = []
    for n in names:
        base = NAME_YEAR.match(n.canonical)
        position = n.end
        while base and (year := MORE_YEARS.match(text, position)):
            written = f"{base.group(1)} {year.group(1)}"
            editions.append(_Name(year.start(1), year.end(1), canonical_benchmark(written, lexicon), n.introduced))
            position = year.end()
    return sorted(names + editions, key=lambda n: n.start) if editions else names


def _sized(written: str, canonical: str) -> str:
    """The guide keeps a benchmark's size ("ImageNet-1K", "MARIO-10M") though the lexicon folds it into the
    family's name (ImageNet-1K -> ImageNet)."""
    if written != canonical and re.fullmatch(re.escape(canonical) + r"[-\s]?\d+[KkM]", written):
        return written
    return canonical


# "51.1 in MeViS", "37.1% success on ALFWorld", "73.3 in the zero-shot Ref-DAVIS17": a number, at most three
# words (its metric), then "on" or "in" and the name.
MEASURED_ON = re.compile(
    r"\d(?:[\d.,]*\d)?\s*(?:%|\\%|points?|pp)?\)?\s+(?:[A-Za-z@&\-]+\s+){0,3}?(?:on|in)\s+(?:the\s+)?"
    r"(?:(?:zero|few|one)[\s-]shot\s+)?$"
)
# A system's size in its name: "Qwen2.5-7B", "LlamaGen-XXL", "ViT-L/14", "T5-Base".
MODEL_SHAPE = re.compile(r"\d+(?:\.\d+)?[BbMm]\b|-(?:XX?L|[SMLH]|Base|Large|Small|Tiny|Huge)\b|/\d+\b")


# A system's size or variant at the end of a name ("LlamaGen-XXL", "Qwen2.5-7B", "Llama-3-8B-Instruct").
SYSTEM_TAIL = re.compile(r"(?:\d+(?:\.\d+)?B|-(?:XXL|Base|Large|Instruct|Chat))$")


def _system_shaped(text: str, name: _Name, lexicon: ResultCues) -> bool:
    """A DATASET the dataset lexicon does not list whose name ends as a system's does: a model, not a benchmark."""
    written = text[name.start : name.end]
    if written in lexicon.dataset_names or name_key(written) in lexicon.dataset_names:
        return False
    return bool(SYSTEM_TAIL.search(written))


# "AIME2025 accuracy from 86.5% to 93.3% and ": a benchmark's change, then "and" and the next name.
CHANGE_THEN_AND = re.compile(r"\s+(?:[a-z\-]+\s+){0,2}from\s+[-+]?[\d.]+\s*%?\s+to\s+[-+]?[\d.]+\s*%?\s*,?\s+and\s+")
FROM_AFTER = re.compile(r"\s+(?:[a-z\-]+\s+){0,2}from\s+[-+]?\d")


def _parallel_change(text: str, model: _Name, datasets: list[_Name]) -> bool:
    """The name's "from A to B" follows, after "and", a benchmark's own "from A to B": the name is one too."""
    if not FROM_AFTER.match(text, model.end):
        return False
    return any(
        d.end < model.start and (m := CHANGE_THEN_AND.match(text, d.end)) is not None and m.end() == model.start
        for d in datasets
    )


def _unlisted_model(text: str, model: _Name, lexicon: ResultCues) -> bool:
    """A MODEL name the model lexicon does not list, not shaped as a system ("Qwen2.5-7B", "LlamaGen-XXL")."""
    written = text[model.start : model.end]
    return not (written in lexicon.model_names or model.canonical in lexicon.model_names or MODEL_SHAPE.search(written))


def _measured_on(text: str, model: _Name, lexicon: ResultCues) -> bool:
    """A MODEL name right after "N on" or "N in" that the model lexicon does not list and whose shape is not a
    system's ("Qwen2.5-7B", "LlamaGen-XXL") is what the number was measured on: a benchmark."""
    written = text[model.start : model.end]
    if not _unlisted_model(text, model, lexicon):
        return False
    if "-to-" in written.lower() or re.match(r"\s+metrics?\b", text[model.end : model.end + 10]):
        return False  # "in Text-to-SQL": a task; "in AU-PR metric": a metric
    return bool(MEASURED_ON.search(text[max(0, model.start - 60) : model.start]))


def _plural_noun_after(text: str, end: int) -> bool:
    after = re.match(r"\s+([A-Za-z]+)", text[end : end + 30])
    return after is not None and after.group(1).lower().endswith("s") and after.group(1).lower() != "corpus"


def _subject(text: str, name: _Name, cues: dict[str, str]) -> bool:
    """The name is right before a verb of what a system does ("X achieves", "X boosts", "X outperforms"), and
    not after "on", "in" or "of"."""
    after = re.match(
        r"\s+(?:also\s+|further\s+|consistently\s+|significantly\s+)?([a-z]+s)\b", text[name.end : name.end + 40]
    )
    if not after or cues.get(after.group(1)) not in ("system_verb", "gain"):
        return False
    return not re.search(
        r"\b(?:on|in|of|from|with|across|to)\s+(?:the\s+)?$", text[max(0, name.start - 12) : name.start]
    )


# A name's score in brackets right after it, in a list of names each with its score: "ArguAna (55.24), NFCorpus".
SCORE_BRACKET = re.compile(r"\s*\(\s*[-+]?\d[\d.,]*\s*%?\s*\)")
# A name in brackets right after a number: "0.755 (BDD-X) and 0.778 (MSVD)".
NUMBER_THEN_NAME = re.compile(r"\d(?:[\d.,]*\d)?\s*%?\s*\(\s*([A-Z][A-Za-z0-9\-]*)\s*\)")


def _list_between(between: str) -> bool:
    """Two names of one list, at most 8 characters apart once a score in brackets after the first is left out."""
    without_score = SCORE_BRACKET.sub("", between, count=1) if SCORE_BRACKET.match(between) else between
    return len(without_score) <= 8 and _joined(without_score)


def _joined(between: str) -> bool:
    """Two names of one list: a comma, "and", "or" or "&" between them, not white space alone."""
    return bool(LIST_JOINT.fullmatch(between)) and bool(between.strip())


def replace_label(model: _Name, lexicon: ResultCues) -> _Name:
    """A MODEL name read as a benchmark, canonical by the dataset lexicon when it lists it."""
    return _Name(model.start, model.end, lexicon.dataset_names.get(model.canonical, model.canonical), False)


def find_results(
    text: str, claims: list[Claim], changes: list, datasets: list[_Name], models: list[_Name], lexicon: ResultCues
) -> list[Result]:
    """The results of ``text``: its claims tied to the benchmarks (``datasets``) of their sentences."""
    from_ends = {change.from_claim.start_char for change in changes}
    own_ends = {change.to_claim.start_char for change in changes}
    from_of = {change.to_claim.start_char: change.from_claim.start_char for change in changes}
    names = sorted(datasets + models, key=lambda n: n.start)
    results: list[Result] = []
    for sentence_start, sentence_end in _sentences(text):
        in_sentence = [d for d in datasets if sentence_start <= d.start and d.end <= sentence_end]
        if not in_sentence:
            continue
        candidates = [
            c for c in claims if sentence_start <= c.start_char < sentence_end and _eligible(text, c, names, lexicon)
        ]
        if not candidates:
            continue
        respectively = _respectively(text, sentence_start, sentence_end, candidates, in_sentence)
        tied: dict[int, list[_Name]] = {}  # each candidate's benchmarks, by its index
        elaborating: set[int] = set()  # the candidates in a bracket that spells out the number before it
        versus: dict[int, int] = {}  # the candidates in a "(vs. ...)" bracket, with where it opens
        for index, claim in enumerate(candidates):
            following = candidates[index + 1].start_char if index + 1 < len(candidates) else sentence_end
            if claim.start_char in from_ends or (
                index + 1 < len(candidates) and RANGE_JOINT.fullmatch(_between(text, claim.end_char, following))
            ):
                # "from A to B on X", "(0-5.36%) on X", "0.08 vs 0.21": A is X's too, and measures what B measures.
                following = next((c.start_char for c in candidates[index + 2 :]), sentence_end)
            else:
                # "62.4% and 66.0% on SWE-bench Verified": a list of numbers shares the benchmark after it.
                last = index
                while last + 1 < len(candidates) and _list_joint(
                    text, candidates[last].end_char, candidates[last + 1].start_char, names, lexicon
                ):
                    last += 1
                if last > index:
                    following = next((c.start_char for c in candidates[last + 1 :]), sentence_end)
            paired = respectively.get(claim.start_char)
            start_of_change = next(
                (i for i, c in enumerate(candidates[:index]) if c.start_char == from_of.get(claim.start_char)), None
            )
            if paired:
                benchmarks = [paired]
            elif start_of_change in tied:
                # "improves AIME2025 accuracy from 86.5% to 93.3% and BeyondAIME from ...": where a change ends is
                # the benchmark where it starts.
                benchmarks = tied[start_of_change]
            elif index - 1 in tied and _elaborates(text, candidates, index, elaborating):
                # "POPE accuracy by 4.1 percent (from 80.2 percent to 84.3 percent)": the bracket spells out the
                # number before it, on its benchmark.
                benchmarks = tied[index - 1]
                elaborating.add(index)
            elif index - 1 in tied and (opened := _versus_bracket(text, claim)) is not None:
                # "reaches 4.712 on Eval-400 (vs. Gemini-3-Pro 4.706, GPT-4.1 4.220)": the systems compared
                # against, each with its score on the same benchmark.
                benchmarks = tied[index - 1]
                versus[index] = opened
            else:
                benchmarks = _benchmarks(text, claim, in_sentence, sentence_start, following, lexicon, models)
            if not benchmarks:
                continue
            tied[index] = benchmarks
            metric_text = _metric(text, claim, sentence_start, sentence_end, lexicon, candidates, in_sentence)
            metric = lexicon.normalise(metric_text) if metric_text else None
            if claim.kind == "duration" and metric not in TIME_METRICS:
                metric, metric_text = TIME_METRICS[0], claim.unit  # a time taken is a latency (the guide's R3)
            comparison = _comparison(text, claim, sentence_start, lexicon)
            if comparison == "absolute":
                comparison = _list_comparison(text, candidates, index, sentence_start, lexicon, names)
            model = _model(text, claim, models, sentence_start, lexicon)
            own_by_name = False
            if index in versus:
                model = next((m for m in reversed(models) if versus[index] < m.start < claim.start_char), None)
            if claim.start_char in from_ends or claim.start_char in own_ends:
                # "LogicDiff improves LLaDA-8B-Instruct accuracy from 22.0% to 60.7%": the level it starts
                # from is the improved system's; the level reached is the subject's, else the improved system's.
                improved = _improved_system(text, claim, models, sentence_start)
                if improved and (claim.start_char in from_ends or model is None):
                    model = improved
            if index in versus:
                own = False  # a system compared against, named or not ("vs. 4.52 for the best baseline")
            elif (
                comparison == "absolute" and claim.start_char not in own_ends and _baseline_number(text, claim, lexicon)
            ):
                own = False  # "a 2.85x improvement over the 16.67% of the baseline": the baseline's level
                if model is not None and model.end <= claim.start_char and model.introduced:
                    model = None  # the paper's system named earlier is not whose this number is
            elif claim.start_char in from_ends:
                own, comparison = False, "absolute"
            elif claim.start_char in own_ends:
                own, comparison = True, "absolute"
            else:
                own = model.introduced if model else not _others_subject(text, claim, sentence_start, lexicon)
                own_by_name = model is not None
            results.extend(
                Result(
                    claim.start_char,
                    claim.end_char,
                    claim.text,
                    claim.value,
                    _unit(text, claim),
                    metric,
                    metric_text if metric else None,
                    benchmark.canonical,
                    benchmark.start,
                    model.canonical if model else None,
                    own,
                    comparison,
                    own_by_name,
                )
                for benchmark in benchmarks
            )
    return results


# Between a number and a bracket that spells it out: "4.1 percent (from", "+3.1 (i.e.,"; and between the two ends
# of a range inside such a bracket: "80.2 percent to".
ELABORATION = re.compile(r"\s*(?:percent(?:age points)?|points?|pp|pts)?\s*\(\s*(?:from\s+|i\.e\.,?\s*|e\.g\.,?\s*)?")
RANGE_WITH_UNIT = re.compile(r"\s*(?:percent|points?|pp|pts)?\s*(?:[-–—]|to|vs\.?|versus)\s*")


VERSUS_OPEN = re.compile(r"\(\s*(?:vs\.?|versus|compared\s+(?:to|with)|against)\s", re.IGNORECASE)


def _versus_bracket(text: str, claim: Claim) -> int | None:
    """Where the bracket that holds the number opens, when it opens on "vs." or "compared to"."""
    opened = text.rfind("(", max(0, claim.start_char - 120), claim.start_char)
    if opened < 0 or ")" in text[opened : claim.start_char]:
        return None
    return opened if VERSUS_OPEN.match(text, opened) else None


def _elaborates(text: str, candidates: list[Claim], index: int, elaborating: set[int]) -> bool:
    """The candidate opens a bracket right after the number before it, or is the other end of a range that
    such a bracket opened."""
    between = _between(text, candidates[index - 1].end_char, candidates[index].start_char)
    if ELABORATION.fullmatch(between):
        return True
    return index - 1 in elaborating and bool(RANGE_WITH_UNIT.fullmatch(between))


def _list_joint(text: str, end: int, start: int, names: list[_Name], lexicon: ResultCues) -> bool:
    """Whether the text between two numbers joins them into one list: "62.4% and 66.0%", or a list whose numbers
    each name their metric ("+1.0% mAP, +0.8% NDS, and +1.3% average recall on nuScenes", "93.0% Image-AUROC and
    92.2% Pixel-AUROC on MVTec AD"), which shares the benchmark after it as well."""
    between = _between(text, end, start)
    if NUMBER_JOINT.fullmatch(between):
        return True
    metric = lexicon.metric_re.search(between)
    if not metric:
        return False
    # "45.2% MMLU and 50.1%": a benchmark between them, not a metric (a metric the entities read as a name counts).
    metric_start, metric_end = end + metric.start(), end + metric.end()
    if any(end <= name.start < start and not (name.start < metric_end and metric_start < name.end) for name in names):
        return False
    return bool(
        re.fullmatch(r"\s*(?:[A-Za-z]+-)?", between[: metric.start()])
        and re.search(r",|\band\b|/", between[metric.end() :])
        and NUMBER_JOINT.fullmatch(between[metric.end() :])
    )


LATEX_WRAPPER = re.compile(r"\\[A-Za-z]+\{|\}|\$")


def _between(text: str, start: int, end: int) -> str:
    """The text between two numbers without LaTeX wrappers ("\\textbf{57.58} and \\textbf{63.05}" -> " and ")."""
    return LATEX_WRAPPER.sub("", text[start:end])


def _unit(text: str, claim: Claim) -> str | None:
    """%, pp or points as written; None for a bare score (a score claim's unit is its metric, not a unit)."""
    if claim.kind == "percent":
        return claim.unit
    after = _words_after(text, claim.end_char, 1)
    return "points" if after and after[0] in ("points", "point", "pts", "pt") else None


def _words_after(text: str, end: int, limit: int = 2) -> list[str]:
    tail = text[end : end + 40]
    stop = re.search(r"[.,;:()]", tail)
    return [w.lower() for w in WORD_RE.findall(tail[: stop.start()] if stop else tail)[:limit]]


INTERVAL = re.compile(r"\bCI\b|confidence interval", re.IGNORECASE)


def _parenthetical(text: str, claim: Claim) -> str:
    """The parentheses the claim stands in, or ""."""
    opening = text.rfind("(", max(0, claim.start_char - 60), claim.start_char)
    if opening < 0 or ")" in text[opening : claim.start_char]:
        return ""
    closing = text.find(")", claim.end_char, claim.end_char + 60)
    return text[opening : closing + 1] if closing >= 0 else ""


FIRST_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")


# What may stand between a name and its version: a space, or its short name in brackets ("Stable Diffusion (SD) 2.1").
BEFORE_VERSION = re.compile(r"(?:\s*\([A-Z][A-Za-z0-9\-]*\))?\s$")
AFTER_VERSION = re.compile(r"\s*(?:[,;)]|and\b|or\b)")


def _version_of_name(text: str, claim: Claim, names: list[_Name]) -> bool:
    """A bare number right after a name, closing a list item ("Stable Diffusion (SD) 2.1, SFT_Chosen and MaPO"):
    the name's version, which the entities left outside the name."""
    if claim.kind != "score" or claim.unit is not None or not re.fullmatch(r"\d(?:\.\d)?", claim.text):
        return False
    if not AFTER_VERSION.match(text, claim.end_char):
        return False
    for name in names:
        if name.end <= claim.start_char and claim.start_char - name.end <= 8:
            if BEFORE_VERSION.fullmatch(text, name.end, claim.start_char):
                return True
    return False


# "N% of <things> include / contain / have ...": what share of the data has something.
SHARE_OF_DATA = re.compile(
    r"\$?\s*of\s+(?:the\s+|all\s+)?(?:[a-z\-]+\s+){1,3}?(?:include|contain|comprise|lack|have|feature)\b"
)


def _eligible(text: str, claim: Claim, names: list[_Name], lexicon: ResultCues) -> bool:
    """A score or percent (or a bare number with a metric in its clause) that is no share of something used
    ("10% fewer tokens", "3x faster") and not inside a name."""
    if any(n.start <= claim.start_char < n.end for n in names):
        return False
    if re.search(r"\d\s?[KMBT]$", claim.text):
        return False  # "671B DeepSeek-R1", "2.11M English entities": a size, not a score
    if _version_of_name(text, claim, names):
        return False  # "outperforming Stable Diffusion (SD) 2.1, SFT_Chosen and MaPO": a version, not a score
    if SHARE_OF_DATA.match(text, claim.end_char):
        return False  # "only about 8.56% of hospital visits include progress notes": a statistic of the data
    if INTERVAL.search(_parenthetical(text, claim)):
        return False  # "88.7% (95% CI: 87.5-89.9)": a confidence interval qualifies a result, it is none itself
    written = FIRST_NUMBER.search(claim.text)
    if written and abs(claim.value) > 1.5 * abs(float(written.group().replace(",", ""))):
        return False  # "(9.71 million)": the value scaled by a word after the number is a size, not a score
    if claim.kind == "count":
        if claim.unit is not None:
            return False
        start = max(0, claim.start_char - 30)
        named = [
            m
            for m in lexicon.metric_re.finditer(text, start, claim.end_char + 30)
            if not COUNTED.search(text, max(0, m.start() - 25), m.start()) and lexicon.normalise(m.group(1))
        ]
        if not named:
            return False  # "from roughly 4,000 to over 10,000 tokens": a length, not a score
    elif claim.kind == "duration":
        # "processing each sample in under 0.1 seconds": a time measured; not "25 minutes of tuning", "for 3 hours".
        previous = WORD_RE.findall(text[max(0, claim.start_char - 20) : claim.start_char])
        if _words_after(text, claim.end_char, 2)[1:2] == ["of"] or (
            previous and previous[-1].lower() in ("for", "after")
        ):
            return False
    elif claim.kind not in ("percent", "score", "multiplier"):
        return False
    if claim.kind == "multiplier" and WORD_RE.findall(text[max(0, claim.start_char - 12) : claim.start_char])[-1:] == [
        "with"
    ]:
        following = _words_after(text, claim.end_char, 1)
        if not following or lexicon.cues.get(following[0].lower()) not in ("gain", "gap"):
            return False  # "with 16x compute budget": a setting; "with 2.3x fewer tokens" is a result
    # "updating only 4% of the parameters", "with 15% labeled data", "reducing the parameter count by 98.7%".
    before = [w.lower() for w in WORD_RE.findall(text[max(0, claim.start_char - 40) : claim.start_char])]
    while before and (before[-1] in QUALIFIER_WORDS or before[-1] in ("by", "factor")):
        before.pop()  # "correlation coefficients of at least 0.27", "parameters by a factor of 15.6"
    before = before[-3:]
    after = _words_after(text, claim.end_char, 4)
    if any(lexicon.cues.get(word) == "not_result_after" for word in after):
        return False  # "with only 1% ImageNet-1K data", not "... robotic data, X-WAM achieves 79.2%"
    return not any(lexicon.cues.get(word) == "not_result" for word in after + before)


LIST_JOINT = re.compile(r"[\s,]*(?:\band\b|\bor\b|&)?\s*(?:the\s+)?")


def _groups(text: str, datasets: list[_Name]) -> list[list[_Name]]:
    """The sentence's benchmarks in coordinated lists: "on KITTI and COCO" is one group, each name once."""
    groups: list[list[_Name]] = []
    for name in datasets:
        if groups and LIST_JOINT.fullmatch(text[groups[-1][-1].end : name.start]):
            if name.canonical not in [n.canonical for n in groups[-1]]:
                groups[-1].append(name)
        else:
            groups.append([name])
    return groups


def _respectively(text, sentence_start, sentence_end, claims, datasets) -> dict[int, _Name]:
    """The i-th number with the i-th benchmark of one list: with "respectively", or when the list and the
    numbers are in the same order ("mIoU of 50.6% and 74.9% on FoodSeg103 and UECFoodPix"; "on CMM and
    AVHBench ... (7.8% and 2.0% for X, 8.7% and 4.7% for Y)": the numbers go round the list)."""
    lists = [group for group in _groups(text, datasets) if len(group) > 1]
    respectively = "respectively" in text[sentence_start:sentence_end]
    if len(lists) != 1 and respectively:
        # "19.34% and 25% ... on the DataBench dataset and the Fact Checking task of TableBench, respectively":
        # the sentence's benchmarks, not one list, in the order of the numbers.
        names = [d for i, d in enumerate(datasets) if d.canonical not in [e.canonical for e in datasets[:i]]]
        # Only as many numbers as benchmarks ("98.0% and 97.6% on A, and 93.3% and 98.3% on B, respectively" pairs
        # the numbers with something else: image and pixel level).
        if len(names) == len(claims):
            return {claim.start_char: name for claim, name in zip(claims, names, strict=True)}
        return {}
    if len(lists) != 1 or len(lists[0]) < 2:
        return {}
    names = lists[0]
    if respectively:
        if len(claims) == len(names):
            return {claim.start_char: name for claim, name in zip(claims, names, strict=True)}
        # "68.6% and 72.9% pass@1 on VerilogEval v2 and RTLLM v1.1, respectively, surpassing ... by 12~20%":
        # the run of numbers as long as the list, the one nearest to it.
        runs: list[list[Claim]] = []
        for claim in claims:
            if runs and LIST_JOINT.fullmatch(_between(text, runs[-1][-1].end_char, claim.start_char)):
                runs[-1].append(claim)
            else:
                runs.append([claim])
        fitting = [run for run in runs if len(run) == len(names)]
        if fitting:

            def distance(run):
                return min(abs(run[0].start_char - names[-1].end), abs(names[0].start - run[-1].end_char))

            run = min(fitting, key=distance)
            return {claim.start_char: name for claim, name in zip(run, names, strict=True)}
    if len(claims) % len(names):
        return {}
    numbers_first = claims[-1].end_char <= names[0].start and names[0].start - claims[-1].end_char <= 40
    list_first = names[-1].end <= claims[0].start_char
    if len(claims) == len(names) and numbers_first or (list_first and _numbers_listed(text, claims, len(names))):
        return {claim.start_char: names[i % len(names)] for i, claim in enumerate(claims)}
    return {}


def _numbers_listed(text: str, claims: list[Claim], size: int) -> bool:
    """The numbers come in runs of ``size`` joined by "and" or commas ("7.8% and 2.0%")."""
    for start in range(0, len(claims), size):
        run = claims[start : start + size]
        if not all(
            LIST_JOINT.fullmatch(_between(text, a.end_char, b.start_char)) for a, b in zip(run, run[1:], strict=False)
        ):
            return False
    return True


AVERAGE_RE = re.compile(r"\b(?:on\s+)?average\b|\baveraged?\s+(?:over|across)\b", re.IGNORECASE)


def _benchmarks(text, claim, datasets, sentence_start, following, lexicon, models=()) -> list[_Name]:
    """The benchmarks the sentence ties the number to; a number stated for a list of them jointly ("improves on
    A and B by 9.1%") is one result per benchmark, but an average over them is none."""
    groups = _groups(text, datasets)
    before = [g for g in groups if g[-1].end <= claim.start_char]
    after = [g for g in groups if claim.end_char <= g[0].start < following]
    chosen = None
    if before:
        between = lexicon.metric_re.sub(" ", text[before[-1][-1].end : claim.start_char])
        if TIGHT_BEFORE.fullmatch(between):
            chosen = before[-1][-1:] if len(before[-1]) > 1 and between.strip() == "" else before[-1]
    if chosen is None and after:
        between = text[claim.end_char : after[0][0].start]
        # "reducing memory by 33% while maintaining perplexity on OpenWebText": the benchmark is the other clause's.
        if (
            len(between) <= 100
            and not STRICT_CLAUSE_BREAK.search(between)
            and not NEW_CLAUSE.search(between)
            and not _new_verb_clause(between, lexicon)
        ):
            chosen = after[0]
    # "On A, B, and C, ... respectively; on B it also reaches 0.833": the one benchmark of the number's clause.
    clause_start = text.rfind(";", sentence_start, claim.start_char) + 1
    in_clause = [g for g in before if g[0].start >= clause_start] or before
    # "the Multi-Session Chat (MSC) dataset": a name and its acronym are one benchmark.
    one_benchmark = len({frozenset(n.canonical for n in g) for g in in_clause}) == 1
    if chosen is None and one_benchmark and not after and not any(g[0].start >= claim.end_char for g in groups):
        between = text[in_clause[-1][-1].end : claim.start_char]
        if not CLAUSE_BREAK.search(between) and not _new_verb_clause(between, lexicon):
            chosen = in_clause[-1]
    if chosen and len(chosen) > 1 and AVERAGE_RE.search(text[sentence_start:following]):
        return []
    near = (max(sentence_start, claim.start_char - 80), following)
    if chosen and AVERAGE_RE.search(text, *near) and UNNAMED_SET.search(text, *near):
        return []  # "an average relative gain of 40% in F1 across benchmark datasets": an average over a set, not X
    if (
        chosen
        and not any(claim.end_char <= n.start for n in chosen)
        and _on_something_else(text, claim, [*datasets, *models], lexicon)
    ):
        return []  # "92.4% accuracy on AG News and 92.3% on 10-class Reuters 21578": 92.3% is not AG News's
    if (
        chosen
        and not any(claim.end_char <= n.start for n in chosen)
        and _bracket_on_other_name(text, claim, [*datasets, *models])
    ):
        return []  # "on BBH and shows competitive performance (4 pts gap) in exams like the SAT": the SAT's
    if chosen and any(n.end <= claim.start_char and _describes(text, n, claim, lexicon) for n in chosen):
        return []  # "NCTB-QA maintains a balanced distribution of answerable (57.25%) ...": the data's statistic
    return chosen or []


def _new_verb_clause(between: str, lexicon: ResultCues) -> bool:
    """Between a number and a benchmark stands a comma and a verb of its own ("44% higher fidelity, improves
    controllability ... by over 50%, and boosts planning ... on NAVSIM"): the number and the benchmark are in two
    clauses. The verb is an infinitive after "to", or a result verb of the cues (gain, system_verb) in a finite
    form; "gains of", "improvements" are nouns, not verbs."""
    for match in VERB_CLAUSE.finditer(between):
        word = match.group(2)
        if match.group(1):
            return True
        if lexicon.cues.get(word) in ("gain", "system_verb") and word.endswith(("s", "ed")):
            if not word.endswith(("ments", "ions", "ains", "ins")):
                return True
    return False


def _describes(text: str, name: _Name, claim: Claim, lexicon: ResultCues) -> bool:
    """The benchmark is the subject of a verb that describes data ("X contains", "X maintains"), in the number's
    clause: the number is a statistic of the data, not a result on it."""
    verb = re.match(r"\s+(?:also\s+|still\s+)?([a-z]+)\b", text[name.end : name.end + 30])
    if not verb or lexicon.cues.get(verb.group(1)) != "data_verb":
        return False
    return not re.search(r"[;]|\b(?:while|whereas|but|and\s+(?:on|in))\b", text[name.end : claim.start_char])


# "across benchmark datasets", "over all tasks", "on the six benchmarks": a set the sentence does not name.
UNNAMED_SET = re.compile(
    r"\b(?:across|over|on)\s+(?:all\s+|the\s+|these\s+|\w+\s+){0,2}(?:benchmarks|datasets|tasks)\b"
)
AFTER_NUMBER_ON = re.compile(r"[\s)]*((?:[A-Za-z@&\-]+\s+){0,3}?)on\s+(?:the\s+)?([^,.;:()]*)")


def _on_something_else(text: str, claim: Claim, datasets, lexicon: ResultCues) -> bool:
    """The number is followed by "on ..." (its metric words between) naming something that is no benchmark of
    the sentence (nor a MODEL: "a 2% gain on a GFL ResNet-50 student") and no word that refers back to one ("on average", "on both", "on the test set"): the number is
    measured on that, not on the benchmark named before it."""
    match = AFTER_NUMBER_ON.match(text, claim.end_char)
    if not match:
        return False
    between = lexicon.metric_re.sub(" ", match.group(1))
    if any(
        lexicon.cues.get(word.lower()) not in ("gain", "gap") and word.lower() not in UNIT_WORDS
        for word in WORD_RE.findall(between)
    ):
        return False  # "45% while relying on ...": a verb between, not the number's metric
    phrase_start, phrase_end = match.start(2), match.end(2)
    if any(phrase_start <= d.start < phrase_end for d in datasets):
        return False
    words = WORD_RE.findall(match.group(2))
    return bool(words) and lexicon.cues.get(words[0].lower()) != "refers_back"


# A number in brackets, then the bracket's end and "in" or "on" with what follows up to the next punctuation.
BRACKET_THEN_ON = re.compile(r"[^()]{0,80}\)\s*(?:in|on)\s+([^,.;:()]*)")
CAPITALISED = re.compile(r"\b[A-Z][A-Za-z0-9\-]*")


def _bracket_on_other_name(text: str, claim: Claim, names) -> bool:
    """The number stands in brackets whose close is followed by "in ..." or "on ..." naming something by a
    capitalised name that is none of the sentence's benchmarks or systems ("(4 pts gap with optimized system
    message) in professional and academic examinations like the SAT, LSAT"): it is measured on that, not on a
    benchmark named before the brackets. Without a name there ("(45.2 mAP) in all settings") the earlier
    benchmark stands."""
    opened = text.rfind("(", max(0, claim.start_char - 40), claim.start_char)
    if opened < 0 or ")" in text[opened : claim.start_char]:
        return False
    match = BRACKET_THEN_ON.match(text, claim.end_char)
    if not match:
        return False
    start, end = match.start(1), match.end(1)
    if any(start <= n.start < end for n in names):
        return False
    return bool(CAPITALISED.search(match.group(1)))


UNIT_WORDS = {"points", "point", "pp", "percent", "percentage", "pts", "absolute", "relative"}


def _coordinated(text: str, start: int, end: int, claims) -> bool:
    """No number between ``start`` and ``end``, or only numbers of one range or list with the number before
    ``start`` ("16X, 25X, and 47X less memory"), and the words of the metric after the last."""
    inside = [c for c in claims if start <= c.start_char < end]
    if not inside:
        return True
    position = start
    for c in inside:
        if not (
            RANGE_JOINT.fullmatch(text[position : c.start_char])
            or NUMBER_JOINT.fullmatch(text[position : c.start_char])
        ):
            return False
        position = c.end_char
    return True


def _listed(text: str, start: int, end: int, claims) -> bool:
    """Only a list of numbers stands between ``start`` and the metric words at ``end`` ("16X, 25X, and 47X less
    memory")."""
    inside = [c for c in claims if start <= c.start_char < end]
    return bool(inside) and _coordinated(text, start, end, claims) and len(text[inside[-1].end_char : end]) <= 12


def _metric_after(text: str, end: int, lexicon: ResultCues) -> re.Match | None:
    """The metric written right after a number ("45.2 mAP", "Top-1 accuracy"), also after a hyphenated
    qualifier ("93.0% Image-AUROC")."""
    space = end + len(text[end:]) - len(text[end:].lstrip())
    qualifier = re.match(r"[A-Za-z]+-", text[space : space + 30])
    return lexicon.metric_re.match(text, space) or (
        lexicon.metric_re.match(text, space + qualifier.end()) if qualifier else None
    )


def _parallel_metric(text: str, claim: Claim, lexicon: ResultCues, claims, datasets) -> str | None:
    """ "79.36% Top-1 accuracy on ImageNet-1K and 78.29% on CIFAR-100": the second number of two parallel
    phrases measures what the first one names."""
    previous = [c for c in claims if c.end_char <= claim.start_char]
    if not previous:
        return None
    first = previous[-1]
    metric = _metric_after(text, first.end_char, lexicon)
    if not metric:
        return None
    on = re.match(r"\s+(?:on|in)\s+(?:the\s+)?", text[metric.end() : claim.start_char])
    benchmark = on and next((d for d in datasets if d.start == metric.end() + on.end()), None)
    if benchmark and re.fullmatch(r"\s*,?\s*(?:and\s+|while\s+)?", text[benchmark.end : claim.start_char]):
        return metric.group(1)  # (a metric right after the second number is read before this is asked)
    return None


WITH_SETTING = re.compile(r"\bwith\s+(?:only\s+|just\s+)?(?:\d[\d.,]*\S*|more)\s+$")


def _metric(text, claim, sentence_start, sentence_end, lexicon, claims=(), datasets=()) -> str | None:
    """The metric named nearest to the number, in its clause first, else in its sentence; as written. A metric
    after the number with another number in between is that number's ("9.1% ... while using 2.3x fewer
    tokens"); one before it may be shared ("EX accuracy of 85.7% on Spider and 59.8% on BIRD")."""
    clause_start = sentence_start
    for match in re.finditer(r"[,;:()]|\s(?:and|while|whereas|but)\s", text[sentence_start : claim.start_char]):
        clause_start = sentence_start + match.end()
    following = re.search(r"[,;()]|\s(?:while|whereas|but)\s", text[claim.end_char : sentence_end])
    clause_end = claim.end_char + following.start() if following else sentence_end
    adjacent = _metric_after(text, claim.end_char, lexicon)
    if adjacent and adjacent.end() <= sentence_end:
        return adjacent.group(1)  # "93.0% Image-AUROC", "45.2 mAP": the metric written right after the number
    parallel = _parallel_metric(text, claim, lexicon, claims, datasets)
    if parallel:
        return parallel
    for start, end in ((clause_start, clause_end), (sentence_start, sentence_end)):
        best, distance = None, None
        for match in lexicon.metric_re.finditer(text, start, end):
            if match.start() < claim.end_char and match.end() > claim.start_char:
                continue
            if match.start() >= claim.end_char and (start, end) == (sentence_start, sentence_end):
                if re.search(
                    r"[,;]\s*(?:and|while|but|whereas)\b|;|\bwhile\b", text[claim.end_char : match.start()]
                ) and not _listed(text, claim.end_char, match.start(), claims):
                    continue  # "(94.0% to 94.8%), and on AIME25, tokens decrease": another clause's metric
            if match.start() >= claim.end_char and any(
                claim.end_char <= d.start and d.end < match.start() - 2 for d in datasets
            ):
                continue  # "from 55.2% to 73.3% on AIME2025 as the compute budget scales": past the benchmark
            if WITH_SETTING.search(text[max(0, match.start() - 30) : match.start()]):
                continue  # "from 54.2% to 70.0% with 16x compute budget": the setting's word, not the number's
            if match.start() >= claim.end_char and not _coordinated(text, claim.end_char, match.start(), claims):
                continue  # a range's other end or a list ("4.5%-30.1% accuracy", "16X, 25X and 47X less memory") is no other number
            if match.end() <= claim.start_char and any(
                c.end_char <= match.start() and not text[c.end_char : match.start()].strip() for c in claims
            ):
                continue  # "~2x speedup on A100 and 80% on MMLU": the metric right after another number is that one's
            if not 0 <= match.start() - claim.end_char <= 2 and COUNTED.search(
                text, max(0, match.start() - 25), match.start()
            ):
                continue  # "10 billion tokens": what a count counts, not what the number measures
            d = match.start() - claim.end_char if match.start() >= claim.end_char else claim.start_char - match.end()
            if distance is None or d < distance:
                best, distance = match.group(1), d
        if best:
            return best
        if (start, end) == (clause_start, clause_end):
            written = _named_metric(text, _run_head(text, claim, claims), sentence_start, datasets, lexicon)
            if written:
                return written
        if (start, end) == (clause_start, clause_end) and any(
            lexicon.cues.get(w.lower()) == "not_metric" for w in WORD_RE.findall(text[start:end])
        ):
            return None  # "a 4.89% improvement in overall metrics (e.g., Accuracy, ...)": named vaguely, no metric
    return None


# A metric the lexicons do not list, named by where it stands: an acronym or a capitalised coinage ("cIoU", "PCK",
# "J&F"), or words ending in "rate" ("ship detection rate"), right before "of N", "= N" or ": N", or after
# "improving ... by N"; or an acronym right after the number and before "on" ("45.2 PCK on X").
UNLISTED = r"(?:[a-z]*[A-Z][A-Za-z0-9&@\-]*|[a-z]+\s+rate)"
UNLISTED_BEFORE = re.compile(
    r"(?<![\w\-&])(" + UNLISTED + r")\s*(?:of|=|:)\s*(?:(?:up\s+to|about|over|nearly|around)\s+)?$"
    r"|\b(?:improv|boost|increas|rais|enhanc)\w*\s+(?:the\s+|its\s+)?("
    + UNLISTED
    + r")\s+by\s+(?:(?:up\s+to|about|over)\s+)?$"
)
UNLISTED_AFTER = re.compile(
    r"\s*([A-Z][A-Za-z0-9&@\-]*[A-Z][A-Za-z0-9&@\-]*)\s+(?:on|in|across|for)\s"
    # "..., 21.77 PSNR, and 0.026 NMAE, outperforming": an acronym of capitals ending a clause
    r"|\s*([A-Z]{3,}[0-9]*)(?=\s*[,;.]|$)"
)
METRIC_QUALIFIERS = re.compile(r"^(?:(?:mean|average|overall|strict|an?|the)\s+)+", re.IGNORECASE)


def _run_head(text: str, claim: Claim, claims) -> Claim:
    """The first number of the list the claim is in ("by 6.0%, 6.2%, and 4.1%" -> 6.0%), else the claim."""
    claims = list(claims)
    if claim not in claims:
        return claim
    index = claims.index(claim)
    while index > 0 and NUMBER_JOINT.fullmatch(text[claims[index - 1].end_char : claims[index].start_char]):
        index -= 1
    return claims[index]


def _named_metric(text: str, claim: Claim, sentence_start: int, datasets, lexicon: ResultCues) -> str | None:
    """A metric no lexicon lists, named right beside the number (UNLISTED_BEFORE, UNLISTED_AFTER); not a name of
    a benchmark or a word the cue lexicon marks as no metric, benchmark noun or no benchmark."""
    before = text[max(sentence_start, claim.start_char - 60) : claim.start_char]
    after = UNLISTED_AFTER.match(text, claim.end_char)
    match = UNLISTED_BEFORE.search(before)
    if match:
        written, start = (match.group(1), match.start(1)) if match.group(1) else (match.group(2), match.start(2))
        start += claim.start_char - len(before)
    elif after:
        group = 1 if after.group(1) else 2
        written, start = after.group(group), after.start(group)
    else:
        return None
    if any(
        m.start() <= start < m.end() or start <= m.start() < start + len(written)
        for m in lexicon.metric_re.finditer(text, max(0, start - 40), start + len(written))
    ):
        return None  # "Character Error Rate: 0.08": part of a listed metric, found by the lexicon
    written = METRIC_QUALIFIERS.sub("", written.strip())
    words = written.lower().split()
    if not words or any(d.start <= start < d.end for d in datasets) or written in lexicon.not_names:
        return None
    if written in lexicon.dataset_names or name_key(written) in lexicon.dataset_names or written in lexicon.model_names:
        return None
    if any(
        lexicon.cues.get(word) in ("not_metric", "benchmark_noun", "not_benchmark", "gain", "gap") for word in words
    ):
        return None
    return written


# "improves the previous best by a significant margin, i.e., 4.6%": the number restates the margin "by" gives.
BY_A_MARGIN = re.compile(
    r"\bby\s+(?:an?\s+)?(?:[a-z]+\s+){0,2}margins?\s*(?:,\s*)?(?:\(|i\.e\.,?|e\.g\.,?|namely,?|of)\s*"
    r"(?:(?:up\s+to|about|over|nearly|around|more\s+than)\s+)?$"
)


def _comparison(text: str, claim: Claim, sentence_start: int, lexicon: ResultCues) -> str:
    before = [w.lower() for w in WORD_RE.findall(text[sentence_start : claim.start_char])]
    after = _words_after(text, claim.end_char, 3)
    near = before[-4:] + after  # "trails GPT-4 by only 2": the cue can sit four words before
    if claim.direction == "gap" or any(lexicon.cues.get(w) == "gap" for w in near):
        return "gap"
    if claim.direction == "drop" and claim.better is False:
        return "gap"  # "reduces accuracy on ImageNet by 99.8%": a degradation, not a gain
    if claim.text.lstrip("~≈<>≥≤").startswith(("+", "-", "−")):
        return "gain"
    if any(lexicon.cues.get(w) == "gain" for w in after[:2]):
        return "gain"  # "3.1% higher", "2.0 points improvement"
    margin = BY_A_MARGIN.search(text, sentence_start, claim.start_char)
    if margin:
        before = before[: len(before) - len(WORD_RE.findall(margin.group(0))) + 1]  # "by a large margin, i.e.," -> "by"
    if _stated_gain(before, lexicon):
        return "gain"  # "improves accuracy on MMLU by 3.1 points", "an improvement of 3.1", "gains of 6.2%"
    return "absolute"


# Words that make the subject of a clause the paper's own system, whatever else it says.
OWN_WORDS = {"our", "ours", "we", "proposed"}


BASELINE_OF = re.compile(r"\s*(?:[a-z\-]+\s+)?(?:of|for|by)\s+(?:the|a|an)\s+(?:[\w\-]+\s+){0,3}?baselines?\b")


def _baseline_number(text: str, claim: Claim, lexicon: ResultCues) -> bool:
    """The number is the baseline's: right after a baseline word ("an improvement over the 16.67%", "than the
    reported 40.1%", "the baseline's 12.07%") or followed by whose it is ("the 23.86% of the standard CLIP
    baseline")."""
    before = [w.lower() for w in WORD_RE.findall(text[max(0, claim.start_char - 30) : claim.start_char])]
    article = False
    while before and before[-1] in ("the", "a", "an", "reported", "s"):
        article = article or before[-1] != "s"
        before.pop()
    if before and before[-1] in ("baseline", "baselines"):  # "the baseline's 12.07%" (the "s" is popped)
        return True
    # "over 50%", "than 40%" are a bound, not a baseline: "over the 16.67%" is.
    if (
        before
        and lexicon.cues.get(before[-1]) == "baseline"
        and (article or before[-1] not in ("over", "than", "beyond"))
    ):
        return True
    return bool(BASELINE_OF.match(text, claim.end_char))


def _others_subject(text: str, claim: Claim, sentence_start: int, lexicon: ResultCues) -> bool:
    """The clause before a number that names no system speaks of other systems ("leading VLMs achieve near-zero
    accuracy", "human subjects achieve 96.9%"): its first cue word is an ``others`` word, before any gain, gap
    or baseline word, and no word of it is the paper's ("our", "we")."""
    clause_start = sentence_start
    for match in re.finditer(r"[,;:]|\s(?:while|whereas|but)\s", text[sentence_start : claim.start_char]):
        clause_start = sentence_start + match.end()
    words = [w.lower() for w in WORD_RE.findall(text[clause_start : claim.start_char])]
    if OWN_WORDS.intersection(words):
        return False
    cues = [lexicon.cues.get(w) for w in words]
    first = next((cue for cue in cues if cue in ("others", "gain", "gap", "baseline")), None)
    return first == "others"


def _list_comparison(text, candidates, index, sentence_start, lexicon, names) -> str:
    """A number in a list of numbers takes the list's comparison when a cue states it for the whole list: "by"
    after a gain word before its first number ("improves ... by 2% and 25%, respectively") or a gain word
    right after its last ("6.8% and 7.2% gains on AIME25", "7.8% and 2.0% improvements")."""

    def joined(left: int, right: int) -> bool:
        end, start = candidates[left].end_char, candidates[right].start_char
        return (
            bool(RANGE_JOINT.fullmatch(_between(text, end, start)))
            or _list_joint(text, end, start, names, lexicon)
            or _parallel_on(text, end, start, names)
        )

    first = index
    while first > 0 and joined(first - 1, first):
        first -= 1
    last = index
    while last + 1 < len(candidates) and joined(last, last + 1):
        last += 1
    if first == last:
        return "absolute"
    if any(lexicon.cues.get(w) == "gain" for w in _words_after(text, candidates[last].end_char, 3)[:2]):
        return "gain"
    before = [w.lower() for w in WORD_RE.findall(text[sentence_start : candidates[first].start_char])]
    return "gain" if _stated_gain(before, lexicon) else "absolute"


# "5% on the Celeb-DF dataset and 7%": a number, "on" a name, then the next number of the same phrase.
ON_THE = re.compile(r"\s*(?:on|in|for)\s+(?:the\s+)?")
AFTER_NAME = re.compile(r"\s*(?:(?:dataset|benchmark|set|split)s?\s*)?,?\s*(?:and\s+)?")


def _parallel_on(text: str, end: int, start: int, names: list[_Name]) -> bool:
    """Two numbers of one phrase, each with the name it is measured on: "by 5% on the Celeb-DF dataset and 7%
    on the DFDC dataset"."""
    on = ON_THE.match(text, end, start)
    if not on:
        return False
    name = next((n for n in names if n.start == on.end() and n.end <= start), None)
    return name is not None and bool(AFTER_NAME.fullmatch(text, name.end, start))


# Words between "by" and its number that say how large the margin is, not what it is ("by a significant 1.5%").
MARGIN_WORDS = {"significant", "substantial", "notable", "remarkable", "considerable", "impressive", "large", "clear"}


def _nearest_words(before: list[str], keep: frozenset[str]) -> list[str]:
    """The words before a number, nearest first, its qualifiers ("up to", "more than", "a significant")
    skipped up to a word of ``keep``."""
    nearest = list(reversed(before))
    while nearest and nearest[0] in (QUALIFIER_WORDS | MARGIN_WORDS) - keep:
        nearest = nearest[1:]
    return nearest


def _stated_gain(before: list[str], lexicon: ResultCues) -> bool:
    """The number comes right after "by", itself after a gain word ("improves accuracy on MMLU by 3.1"), or
    right after "of" after a gain word ("an improvement of 3.1", "gains of 6.22%")."""
    nearest = _nearest_words(before, frozenset({"by"}))
    if nearest[:1] == ["by"] and any(lexicon.cues.get(w) == "gain" for w in nearest[1:12]):
        return True
    nearest = _nearest_words(before, frozenset({"by", "of"}))
    return nearest[:1] == ["of"] and lexicon.cues.get(nearest[1] if len(nearest) > 1 else "") == "gain"


def _model(text, claim, models, sentence_start, lexicon) -> _Name | None:
    """The system the number is for: the nearest MODEL before it in the sentence that is not the baseline
    ("over Qwen2.5-7B", "than GPT-4"), nor the object of an earlier name's comparison verb: in "AgenTracer-8B
    outperforms LLMs like Gemini-2.5-Pro and Claude-4-Sonnet by up to 18.18%" the number is AgenTracer-8B's."""
    before = [m for m in models if sentence_start <= m.start and m.end <= claim.start_char]
    for position in range(len(before) - 1, -1, -1):
        model = before[position]
        words = [w.lower() for w in WORD_RE.findall(text[max(sentence_start, model.start - 30) : model.start])]
        if any(lexicon.cues.get(w) in ("baseline", "gain", "gap") for w in words[-2:]):
            continue
        metric = lexicon.metric_re.search(text, model.start, model.end)
        if metric and metric.end() == model.end:
            continue  # "92.2% Pixel-AUROC": a metric the entities read as a name is no system
        between = text[model.end : claim.start_char]
        if between.count(")") > between.count("("):
            continue  # "(vs. Gemini-3-Pro 4.706, Kimi-K2.5 4.111) and 4.588": a bracket closed before the number
        if any(_compared_by(text, subject, claim, lexicon) for subject in before[:position]):
            continue
        return model
    return None


# Verbs whose object is the system made better, not a competitor: "improves LLaDA-8B", "boosting a Qwen agent".
IMPROVE_VERB = re.compile(r"\b(?:improv|boost|rais|enhanc|increas|lift|elevat)[a-z]*\s+(?:the\s+|an?\s+|its\s+)?$")


FROM_AFTER_NAME = re.compile(r"(?:'s)?\s+(?:[a-z\-]+\s+){0,2}?(?:accuracy\s+|performance\s+|score\s+)?from\s+")
IMPROVE_VERB_ANYWHERE = re.compile(r"\b(?:improv|boost|rais|enhanc|increas|lift|elevat)[a-z]*\b")


def _improved_system(text: str, claim: Claim, models, sentence_start: int) -> _Name | None:
    """The nearest MODEL before the number that is the object of an improving verb ("improving a Qwen2.5-VL-7B
    agent from 38.8% to 55.7%"), in the number's clause."""
    before = [m for m in models if sentence_start <= m.start and m.end <= claim.start_char]
    if not before:
        return None
    # "... and a proprietary GPT-4.1 agent from 82.4% to 88.8%": the name right before "from" after an improving
    # verb earlier in the sentence, a second object of it.
    if FROM_AFTER_NAME.fullmatch(text, before[-1].end, claim.start_char) and IMPROVE_VERB_ANYWHERE.search(
        text, sentence_start, before[-1].start
    ):
        return before[-1]
    for model in reversed(before):
        if IMPROVE_VERB.search(text, max(sentence_start, model.start - 30), model.start):
            if not re.search(r"[;]|\bwhile\b|\bbut\b", text[model.end : claim.start_char]):
                return model
    return None


# The verb right after a name, past an adverb: "Orca surpasses", "X consistently outperforms".
VERB_AFTER_NAME = re.compile(r"\s+(?:also\s+|further\s+|consistently\s+|significantly\s+)?([a-z]+)\b")


def _compared_by(text: str, subject: _Name, claim: Claim, lexicon: ResultCues) -> bool:
    """``subject`` is right before a comparison verb ("Orca surpasses", "X outperforms") and the number follows
    in the same clause: a name between them is in the verb's object, what the subject is compared with."""
    verb = VERB_AFTER_NAME.match(text, subject.end)
    if not verb or lexicon.cues.get(verb.group(1)) != "gain":
        return False
    return not (CLAUSE_BREAK.search(text, subject.end, claim.start_char) or ";" in text[subject.end : claim.start_char])


if not Doc.has_extension("results"):
    Doc.set_extension("results", default=None)
if not Span.has_extension("result"):
    Span.set_extension("result", default=None)


@Language.factory(
    "papertrends_results",
    default_config={
        "spans_key": "papertrends_results",
        "entities_key": "papertrends_entities",
        "cues_path": None,
        "metric_polarity_path": None,
        "scorer": {"@scorers": "papertrends.span_group_scorer.v1"},
    },
    requires=["doc._.claims", "doc.spans"],
)
def make_results_component(
    nlp: Language,
    name: str,
    spans_key: str,
    entities_key: str,
    cues_path: str | None,
    metric_polarity_path: str | None,
    scorer=None,
):
    component = ResultsComponent(
        spans_key,
        entities_key,
        cues_path=cues_path or DEFAULT_RESULT_CUES,
        metric_polarity_path=metric_polarity_path or DEFAULT_METRIC_POLARITY,
    )
    return with_scorer(component, scorer)


class ResultsComponent(SavesLexicons, ScoredSpanGroup):
    """Sets ``doc._.results`` (Results as dicts of primitives) and a span group of the results' claim spans,
    label = benchmark, ``span._.result`` = the Result's dict. Needs the claims and entities components before it."""

    def __init__(
        self,
        spans_key: str,
        entities_key: str,
        cues_path: str | Path = DEFAULT_RESULT_CUES,
        metric_polarity_path: str | Path = DEFAULT_METRIC_POLARITY,
    ):
        self.spans_key = spans_key
        self.entities_key = entities_key
        self.use_lexicons({"cues_path": cues_path, "metric_polarity_path": metric_polarity_path})

    def read_lexicons(self, paths: Mapping[str, Path]) -> None:
        """The cue and metric lexicons (``SavesLexicons``)."""
        self.lexicon = result_cues(paths["cues_path"], paths["metric_polarity_path"])

    def __call__(self, doc: Doc) -> Doc:
        text = token_view(doc).text
        # The claims component keeps its results as records of primitives (so the Doc serializes).
        claims = [claim_from_record(record) for record in doc._.claims or []]
        changes = changes_from_records(doc._.claim_changes or [], claims)
        entity_spans = doc.spans[self.entities_key] if self.entities_key in doc.spans else []
        names: dict[str, list[_Name]] = {"DATASET": [], "MODEL": []}
        for span in entity_spans:
            if span.label_ in names:
                name = clean_name(span.text)
                names[span.label_].append(
                    _Name(
                        span.start_char, span.start_char + len(name), span._.canonical or name, bool(span._.introduced)
                    )
                )
        vocab = doc.vocab
        datasets, models = benchmark_names(
            text, names["DATASET"], names["MODEL"], self.lexicon, lambda word: vocab[word].is_stop
        )
        results = find_results(text, claims, changes, datasets, models, self.lexicon)
        doc._.results = [dict(result.__dict__) for result in results]  # records of primitives, field by field
        spans = []
        for result, record in zip(results, doc._.results, strict=True):
            span = doc.char_span(result.start_char, result.end_char, label=result.benchmark, alignment_mode="expand")
            if span is not None:
                span._.result = record
                spans.append(span)
        doc.spans[self.spans_key] = spans
        return doc
