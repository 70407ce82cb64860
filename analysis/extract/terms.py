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
from collections.abc import Iterable
from pathlib import Path

from spacy.language import Language
from spacy.lookups import load_lookups
from spacy.tokens import Doc

from ..lexicons import DEFAULT_TERM_PREFIXES, DEFAULT_TERM_STOPWORDS, read_word_list
from .tokens import token_view

MAX_WORDS = 4

for _name in ("term_counts", "acronym_counts", "acronym_expansions"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


class TermKeys:
    """A word's spelling in a term: lower case, then the lexeme norm; for a last word ending in "s", its lemma;
    and whether it is a stop word."""

    def __init__(self, stopwords: frozenset[str] = frozenset()) -> None:
        lookups = load_lookups("en", ["lemma_lookup", "lexeme_norm"])
        self.lemmas = lookups.get_table("lemma_lookup")
        self.norms = lookups.get_table("lexeme_norm")
        self.stopwords = stopwords
        self.cache: dict[str, tuple[str, str, bool]] = {}

    def __call__(self, word: str) -> tuple[str, str, bool]:
        """(spelling inside a term, spelling as a term's last word, stop word)."""
        keys = self.cache.get(word)
        if keys is None:
            lowered = word.lower()
            normed = self.norms.get(lowered, lowered)
            last = self.lemmas.get(normed, normed) if normed.endswith("s") else normed
            keys = self.cache[word] = (normed, last, lowered in self.stopwords)
            if len(self.cache) > 200_000:
                self.cache.clear()
        return keys


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

    def runs(self, doc: Doc) -> list[list[tuple[int, str]]]:
        """Runs of words not broken by punctuation or numbers: (token index, word) each; glued hyphens skipped."""
        view = token_view(doc)
        words, spaces = view.words, view.spaces
        runs: list[list[tuple[int, str]]] = []
        current: list[tuple[int, str]] = []
        glue = False  # the word before was a prefix and a glued hyphen: this word joins it
        for i, word in enumerate(words):
            if word.isalpha():
                if glue:  # the glued word takes its last token's index, as the hyphen tests above read it
                    current[-1] = (i, current[-1][1] + word)
                    glue = False
                else:
                    current.append((i, word))
                continue
            glued_hyphen = (
                word == "-"
                and current
                and current[-1][0] == i - 1
                and not spaces[i - 1]
                and not spaces[i]
                and i + 1 < len(words)
                and words[i + 1].isalpha()
            )
            if glued_hyphen:
                glue = current[-1][1].lower() in self.prefixes
                continue
            if current:
                runs.append(current)
            current = []
        if current:
            runs.append(current)
        return runs

    def term_of(self, words: list[str]) -> str | None:
        lowered = [word.lower() for word in words]
        if lowered[0] in self.stopwords or lowered[-1] in self.stopwords:
            return None
        *inner, last = words
        return " ".join([self.keys(word)[0] for word in inner] + [self.keys(last)[1]])

    def __call__(self, doc: Doc) -> Doc:
        # Every n-gram goes into one list, counted at the end by Counter's C loop: a dict update per n-gram in
        # Python cost a third of the component. Counter keeps first-seen order, as the rows do.
        found: list[str] = []
        add = found.append
        acronyms: Counter[str] = Counter()
        expansions: dict[str, str] = {}
        words = token_view(doc).words
        last_word = len(words) - 1
        definitions = {
            i + 1
            for i, word in enumerate(words)
            if word == "(" and i + 1 < last_word and words[i + 2] == ")" and _is_acronym(words[i + 1])
        }
        keys = self.keys
        for run in self.runs(doc):
            texts = [word for _, word in run]
            # Each word's spellings and stop flag once (cached per word); then the n-grams starting at each
            # non-stop word, built word by word (a term_of call per n-gram cost as much as the rest of the
            # pipeline).
            spelled = [keys(word) for word in texts]
            length = len(run)
            if length == 1:
                if not spelled[0][2]:
                    add(spelled[0][1])
            else:
                for start, first in enumerate(spelled):
                    if first[2]:
                        continue
                    add(first[1])
                    inner = first[0]
                    for word_keys in spelled[start + 1 : start + MAX_WORDS]:
                        if not word_keys[2]:
                            add(inner + " " + word_keys[1])
                        inner += " " + word_keys[0]
            for index, word in run:
                # Most words are not acronyms: two capitals first is a cheap test before _is_acronym.
                if word[:2].isupper():
                    acronym = _is_acronym(word)
                    if acronym and index not in definitions:
                        acronyms[acronym] += 1
            # The words just before "(ACRONYM)" whose initials spell it.
            last_index = run[-1][0]
            if last_index + 2 in definitions and words[last_index + 1] == "(":
                acronym = _is_acronym(words[last_index + 2])
                letters = len(acronym) if acronym else 0
                if acronym and 1 < letters <= MAX_WORDS and len(run) >= letters:
                    tail = texts[-letters:]
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
    counts: Counter[str] = Counter()
    acronyms: Counter[str] = Counter()
    expansions: dict[str, str] = {}
    for doc in docs:
        extensions = doc._
        if not counts:
            counts = Counter(extensions.term_counts or {})  # a copy: the Doc's own counts stay as they are
        else:
            counts.update(extensions.term_counts or {})
        acronyms.update(extensions.acronym_counts or {})
        expansions.update(extensions.acronym_expansions or {})
    for acronym, term in expansions.items():
        uses = acronyms.get(acronym, 0)
        if uses:
            counts[term] += uses
        # The acronym's own word counts go to the expansion: "rag" (and the "(RAG)" of the definition) leave.
        counts.pop(acronym.lower(), None)
        counts.pop(acronym.lower() + "s", None)
    return counts  # every count is positive: no term is ever counted down
