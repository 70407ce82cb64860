"""Candidate terms of a text: the word n-grams (one to four words) a paper uses, for term discovery.

Rules, applied to the Doc's tokens (analysis/extract/tokens.py's shared view):

- A term is made of words: tokens of letters only. Punctuation, numbers and any token holding a digit end a run
  of words, so no term crosses them ("scaling, which" gives no "scaling which"; "GPT-4" gives only "gpt").
- A hyphen glued to the words on both sides ("test-time") joins them like a space: "test-time scaling" and
  "Test Time Scaling" are one term. After a prefix of data/lexicons/term_prefixes.csv it glues them into one
  word instead: "pre-training" and "pretraining" are one term, `pretraining`.
- A term neither starts nor ends with a stop word (data/lexicons/term_stopwords.csv); inside it may hold them
  ("chain of thought").
- Words are lower-cased and spelled as spaCy's English lexeme norms say (British to American); the last word,
  when it ends in "s", takes its spacy-lookups-data lemma ("language models" -> "language model"). Only the
  last word: a phrase's head carries its number, and the lemma of other words would change the phrase
  ("reinforcement learning" is not "reinforcement learn").
- An acronym the text defines, "Retrieval-Augmented Generation (RAG)", is tied to its expansion: the words
  before the bracket whose initials spell it. Each later "RAG" (or "RAGs") of the paper counts as a mention of
  "retrieval augmented generation", not of the word "rag". Tying happens per paper (rows.py), so a title's
  acronym defined in the abstract counts too.

Results: ``doc._.term_counts`` (term -> mentions), ``doc._.acronym_counts`` (acronym -> uses outside its
definition) and ``doc._.acronym_expansions`` (acronym -> term)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from itertools import repeat
from pathlib import Path
from typing import NamedTuple

from spacy.language import Language
from spacy.lookups import load_lookups
from spacy.tokens import Doc

from ..lexicons import DEFAULT_TERM_PREFIXES, DEFAULT_TERM_STOPWORDS, read_word_list
from .tokens import token_view

MAX_WORDS = 4

for _name in ("term_counts", "acronym_counts", "acronym_expansions"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


class WordKeys(NamedTuple):
    """What a word adds to a term. The spellings carry their leading space: an n-gram is then built by
    concatenation alone."""

    inner: str  # " " + its spelling inside a term
    last: str  # " " + its spelling as a term's last word
    stop: bool
    acronym: str | None  # the acronym it spells, if any
    word: str


# A token that is not a word has None for keys: it ends a run of words. UNSEEN stands for a token not in the
# cache yet (no word's keys have an empty spelling).
UNSEEN = WordKeys("", "", True, None, "")


class TermKeys:
    """A word's spellings in a term, worked out once per word and cached: what it adds to a term inside it and
    as its last word (lower case, then the lexeme norm; a last word ending in "s" takes its lemma), whether it
    is a stop word, the acronym it spells and the word itself (a ``WordKeys``). A token that is not a word
    (punctuation, a number, anything with a digit) has None: it ends a run of words."""

    def __init__(self, stopwords: frozenset[str] = frozenset()) -> None:
        lookups = load_lookups("en", ["lemma_lookup", "lexeme_norm"])
        self.lemmas = lookups.get_table("lemma_lookup")
        self.norms = lookups.get_table("lexeme_norm")
        self.stopwords = stopwords
        self.cache: dict[str, WordKeys | None] = {}

    def __call__(self, word: str) -> WordKeys:
        """The keys of a word."""
        lowered = word.lower()
        normed = self.norms.get(lowered, lowered)
        last = self.lemmas.get(normed, normed) if normed.endswith("s") else normed
        return WordKeys(" " + normed, " " + last, lowered in self.stopwords, _is_acronym(word), word)

    def term(self, words: Sequence[str]) -> str:
        """The term a list of words spells: "Language", "Models" -> "language model"."""
        *inner, last = [self(word) for word in words]
        return "".join([keys.inner for keys in inner] + [last.last])[1:]

    def of_tokens(self, words: Sequence[str]) -> list[WordKeys | None]:
        """Each token's keys, None for a token that is not a word. One dict lookup per token, in C, for the
        tokens seen before."""
        cache = self.cache
        found = list(map(cache.get, words, repeat(UNSEEN)))
        if UNSEEN in found:
            if len(cache) > 200_000:  # a long build's memory stays flat
                cache.clear()
            for i, keys in enumerate(found):
                if keys is UNSEEN:
                    word = words[i]
                    found[i] = cache[word] = self(word) if word.isalpha() else None
        return found


def _is_acronym(word: str) -> str | None:
    """The acronym a word spells ("RAG", "LLMs" -> "LLM"), or None: two to eight capitals, an optional "s"."""
    core = word[:-1] if word.endswith("s") else word
    if 2 <= len(core) <= 8 and core.isalpha() and core.isupper():
        return core
    return None


@Language.factory("papertrends_terms", default_config={"stopwords_path": None, "prefixes_path": None})
def make_terms_component(nlp: Language, name: str, stopwords_path: str | None, prefixes_path: str | None):
    return TermComponent(stopwords_path or DEFAULT_TERM_STOPWORDS, prefixes_path or DEFAULT_TERM_PREFIXES)


class TermComponent:
    """Its word lists are read when first needed, so a pipeline saved with ``nlp.to_disk`` (which writes the
    lists into the component's folder) loads and runs with those lists even when the files it was made from
    are gone or changed: ``from_disk`` sets the lists before any file is read."""

    # The files to_disk writes into the component's folder, and the column each holds.
    LISTS = {"stopwords": ("stopwords.csv", "word"), "prefixes": ("prefixes.csv", "prefix")}

    def __init__(self, stopwords_path: str | Path, prefixes_path: str | Path = DEFAULT_TERM_PREFIXES):
        self.paths = {"stopwords": Path(stopwords_path), "prefixes": Path(prefixes_path)}
        self._lists: dict[str, frozenset[str]] = {}
        self._keys: TermKeys | None = None

    def _list(self, name: str) -> frozenset[str]:
        words = self._lists.get(name)
        if words is None:
            words = self._lists[name] = read_word_list(self.paths[name], self.LISTS[name][1])
        return words

    @property
    def stopwords(self) -> frozenset[str]:
        return self._list("stopwords")

    @property
    def prefixes(self) -> frozenset[str]:
        return self._list("prefixes")

    @property
    def keys(self) -> TermKeys:
        if self._keys is None:
            self._keys = TermKeys(self.stopwords)
        return self._keys

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        """Writes the stop words and prefixes in force as one-column CSVs into ``path`` (``nlp.to_disk``)."""
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        for name, (file_name, column) in self.LISTS.items():
            lines = [column, *sorted(self._list(name))]
            (path / file_name).write_text("\n".join(lines) + "\n", encoding="utf-8")

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> TermComponent:
        """Reads the lists ``to_disk`` wrote (``spacy.load``); a list missing from ``path`` stays the config's."""
        path = Path(path)
        for name, (file_name, column) in self.LISTS.items():
            if (path / file_name).is_file():
                self._lists[name] = read_word_list(path / file_name, column)
        self._keys = None
        return self

    def runs(self, doc: Doc) -> list[tuple[list[WordKeys], int]]:
        """Runs of words not broken by punctuation or numbers: each word's keys and the token index of the
        run's last word. A glued hyphen does not break a run; after a prefix it glues the two words into one."""
        view = token_view(doc)
        words, spaces = view.words, view.spaces
        tokens = self.keys.of_tokens(words)
        last_token = len(words) - 1
        runs: list[tuple[list[WordKeys], int]] = []
        current: list[WordKeys] = []
        glue = False  # the word before was a prefix and a glued hyphen: this word joins it
        for i, keys in enumerate(tokens):
            if keys:
                if glue:
                    current[-1] = self.keys(current[-1].word + keys.word)
                    glue = False
                else:
                    current.append(keys)
                continue
            # A hyphen glued to words on both sides; the token before it, a word, is the run's last.
            if (
                current
                and words[i] == "-"
                and i < last_token
                and tokens[i - 1]
                and tokens[i + 1]
                and not spaces[i - 1]
                and not spaces[i]
            ):
                glue = current[-1].word.lower() in self.prefixes
                continue
            if current:
                # A run only ever holds words and the glued hyphens between them: the token before is its last.
                runs.append((current, i - 1))
                current = []
        if current:
            runs.append((current, last_token))
        return runs

    def term_of(self, words: list[str]) -> str | None:
        lowered = [word.lower() for word in words]
        if lowered[0] in self.stopwords or lowered[-1] in self.stopwords:
            return None
        return self.keys.term(words)

    def __call__(self, doc: Doc) -> Doc:
        # Every n-gram goes into one list, counted at the end by Counter's C loop: a dict update per n-gram in
        # Python cost a third of the component. Counter keeps first-seen order, as the rows do.
        found: list[str] = []
        add = found.append
        acronyms: Counter[str] = Counter()
        expansions: dict[str, str] = {}
        words = token_view(doc).words
        last_word = len(words) - 1
        # Token indices of acronyms in brackets, "(RAG)": a definition, not a use.
        definitions = (
            {
                i + 1
                for i, word in enumerate(words)
                if word == "(" and i + 1 < last_word and words[i + 2] == ")" and _is_acronym(words[i + 1])
            }
            if "(" in words
            else set()
        )
        for run, last_index in self.runs(doc):
            # The n-grams starting at each non-stop word, built word by word: the spellings carry their
            # leading space, so each n-gram is one concatenation (a term_of call per n-gram cost as much as
            # the rest of the pipeline).
            # A definition's acronym is a run of its own (brackets end runs): that run is no use of it.
            is_definition = last_index in definitions
            for start, first in enumerate(run):
                if first.acronym and not is_definition:
                    acronyms[first.acronym] += 1
                if first.stop:
                    continue
                add(first.last[1:])
                inner = first.inner[1:]
                for keys in run[start + 1 : start + MAX_WORDS]:
                    if not keys.stop:
                        add(inner + keys.last)
                    inner += keys.inner
            # The words just before "(ACRONYM)" whose initials spell it.
            if last_index + 2 in definitions and words[last_index + 1] == "(":
                acronym = _is_acronym(words[last_index + 2])
                letters = len(acronym) if acronym else 0
                if acronym and 1 < letters <= MAX_WORDS and len(run) >= letters:
                    tail = [keys.word for keys in run[-letters:]]
                    if "".join(word[0] for word in tail).upper() == acronym:
                        expansion = self.term_of(tail)
                        if expansion:
                            expansions[acronym] = expansion
        counts = Counter(found)
        extensions = doc._  # one Underscore object for the three (each ``doc._`` makes one)
        extensions.term_counts = counts
        extensions.acronym_counts = acronyms
        extensions.acronym_expansions = expansions
        return doc


def paper_terms(docs: list[Doc]) -> Counter[str]:
    """One paper's terms over its fields' Docs, with acronyms the paper defines counted as their expansions."""
    acronyms: Counter[str] = Counter()
    expansions: dict[str, str] = {}
    extensions = [doc._ for doc in docs]  # one Underscore object per Doc (each ``doc._`` makes one)
    field_counts = [found.term_counts or {} for found in extensions]
    # A copy of the field with the most terms (the abstract), in C; then Counter.update's Python loop over the
    # few terms of the others (the title). The Doc's own counts stay as they are.
    largest = max(field_counts, key=len, default={})
    counts = Counter(largest)
    for other in field_counts:
        if other is not largest:
            counts.update(other)
    for found in extensions:
        acronyms.update(found.acronym_counts or {})
        expansions.update(found.acronym_expansions or {})
    for acronym, term in expansions.items():
        uses = acronyms.get(acronym, 0)
        if uses:
            counts[term] += uses
        # The acronym's own word counts go to the expansion: "rag" (and the "(RAG)" of the definition) leave.
        counts.pop(acronym.lower(), None)
        counts.pop(acronym.lower() + "s", None)
    return counts  # every count is positive: no term is ever counted down
