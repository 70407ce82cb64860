"""A learned step for an entity's label (issue 18 item 3): MODEL or DATASET where no rule decided it.

The rules label a name from a lexicon, a family rule or cue words right next to it; a name none of them
covers was a MODEL by default, and a new benchmark named like a system ("ChildPlay", "taggedPBC") came out a
MODEL. This module gives such a name the label a logistic model reads from the words around it and the
name's shape. Its features are strings (``label_features``): the words just before and after the name by
position, the content words of its clause, its shape (capitals, digits, a size, hyphens, word count, last
letters) and whether the sentence says dataset/benchmark or model/method words. The model's weights are a data
file, ``data/lexicons/entity_labels.csv`` (``feature,weight``; the row ``(bias)`` is the intercept), written by
``python -m analysis.extract.train_labels`` from the tuning gold, so that a user can retrain it on their own
annotations. Inference is a sum of the weights of the features present: a few dictionary look-ups per name.

The name's own words are not features: the model learns how names of each kind are written about, not which
names are which (that is what the lexicons are for), so it carries over to names nobody annotated.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from ..lexicons import LexiconError, read_lexicon_csv
from .tokens import TokenView

BIAS = "(bias)"
SIZE = re.compile(r"\d(?:\.\d+)?[BbMmKkTt]$")
DIGIT = re.compile(r"\d")
CLAUSE_ENDS = {".", ";", "?", "!", ":"}
WINDOW = 6  # words of the clause on each side read as bag-of-words features


def label_features(
    view: TokenView,
    start: int,
    end: int,
    dataset_words: frozenset[str] | set[str] = frozenset(),
    model_words: frozenset[str] | set[str] = frozenset(),
    not_dataset_on: frozenset[str] | set[str] = frozenset(),
) -> list[str]:
    """The feature strings of the name at tokens ``[start, end)`` of ``view``. An "on" after one of
    ``not_dataset_on`` ("based on X", "research on X") is its own feature, not the "on" of "accuracy on X"."""
    words, lowers, size = view.words, view.lowers, len(view)
    text = view.span_text(start, end)
    features = []
    # Shape of the name.
    parts = text.split()
    features.append(f"n_words={min(len(parts), 3)}")
    letters = [c for c in text if c.isalpha()]
    if letters and all(c.isupper() for c in letters):
        features.append("shape=caps")
    elif letters and letters[0].islower():
        features.append("shape=lower_start")
    elif any(c.isupper() for c in letters[1:]):
        features.append("shape=inner_caps")
    else:
        features.append("shape=title")
    if DIGIT.search(text):
        features.append("has_digit")
    if SIZE.search(text.split("-")[-1]) or any(SIZE.fullmatch(part) for part in re.split(r"[- ]", text)):
        features.append("has_size")
    if "-" in text:
        features.append("has_hyphen")
    last = re.sub(r"[^a-z0-9]", "", parts[-1].lower()) if parts else ""
    if len(last) >= 4:
        features.append(f"suffix={last[-3:]}")
    # The words right before and after, by position (punctuation included: "(", ",", ":").
    use_on = start >= 2 and lowers[start - 1] == "on" and lowers[start - 2] in not_dataset_on
    for offset in (1, 2):
        i = start - offset
        word = lowers[i] if i >= 0 else "<s>"
        features.append(f"before{offset}={word}(use)" if use_on and offset == 1 else f"before{offset}={word}")
        j = end + offset - 1
        features.append(f"after{offset}={lowers[j] if j < size else '</s>'}")
    # The clause's words around the name, as a bag; and what kinds of word the clause holds.
    near: set[str] = set()
    i = start - 1
    while i >= 0 and start - i <= WINDOW and words[i] not in CLAUSE_ENDS:
        if lowers[i].isalpha() and not (use_on and i == start - 1):
            near.add(lowers[i])
        i -= 1
    j = end
    while j < size and j - end < WINDOW and words[j] not in CLAUSE_ENDS:
        if lowers[j].isalpha():
            near.add(lowers[j])
        j += 1
    features.extend(f"near={word}" for word in sorted(near))
    if not near.isdisjoint(dataset_words):
        features.append("near_dataset_word")
    if not near.isdisjoint(model_words):
        features.append("near_model_word")
    return features


class LinearModel:
    """Logistic weights over feature strings: ``score`` is the log-odds of DATASET; ``threshold`` the probability
    from which a name is one (``name_is_dataset``)."""

    def __init__(self, weights: Mapping[str, float], threshold: float = 0.5):
        self.weights = dict(weights)
        self.bias = self.weights.pop(BIAS, 0.0)
        self.threshold = threshold

    def score(self, features: Iterable[str]) -> float:
        weights = self.weights
        return self.bias + sum(weights.get(feature, 0.0) for feature in features)


def name_is_dataset(model: LinearModel, mentions: Sequence[Iterable[str]]) -> bool:
    """The label model's decision for one name from the features of all its mentions in a text: the logistic of
    the bias plus the weights of every mention's features (each mention a vote, weighed by its evidence)."""
    if not model.weights:
        return False
    z = model.bias + sum(model.score(features) - model.bias for features in mentions)
    return z >= math.log(model.threshold / (1.0 - model.threshold))


def read_label_weights(path: str | Path) -> dict[str, float]:
    """``{feature: weight}`` from a ``feature,weight`` file; a LexiconError naming the file and row for an empty
    feature or a weight that is not a number."""
    path = Path(path)
    frame = read_lexicon_csv(path, "feature", "weight")
    weights: dict[str, float] = {}
    for row_number, (feature, weight) in enumerate(frame.iter_rows(), start=2):
        feature = (feature or "").strip()
        if not feature:
            raise LexiconError(f"{path}: row {row_number}: empty feature")
        try:
            weights[feature] = float(weight)
        except (TypeError, ValueError):
            raise LexiconError(f"{path}: row {row_number}: weight {weight!r} is not a number") from None
        if not math.isfinite(weights[feature]):
            raise LexiconError(f"{path}: row {row_number}: weight {weight!r} is not a finite number")
    return weights


def write_label_weights(path: str | Path, weights: Mapping[str, float], header: Sequence[str] = ()) -> None:
    """Writes ``weights`` as ``feature,weight`` rows, the bias first, then by weight; ``header`` lines become
    ``#`` comments at the top."""
    rows = sorted(weights.items(), key=lambda item: (item[0] != BIAS, -abs(item[1]), item[0]))
    with Path(path).open("w", encoding="utf-8") as out:
        for line in header:
            out.write(f"# {line}\n")
        out.write("feature,weight\n")
        for feature, weight in rows:
            quoted = '"' + feature.replace('"', '""') + '"' if any(c in feature for c in ',"') else feature
            out.write(f"{quoted},{weight:.4f}\n")
