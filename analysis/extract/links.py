"""Links: every URL in a text, its host class and code repository, as ``doc._.links`` (a list of dicts of
primitives, so the Doc serializes) and the span group ``doc.spans["papertrends_links"]`` (label: the host class)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from spacy.language import Language
from spacy.tokens import Doc

from .scoring import ScoredSpanGroup, with_scorer
from .tokens import may_contain, token_view

# A URL starts with a scheme or "www.", or is a bare code-host address; it runs to white space.
# Brackets and braces end it too: LaTeX leftovers such as "child-play{ChildPlay" are not part of it.
URL_PATTERN = re.compile(
    r"(?:https?://|www\.|(?<![\w@./-])(?:github\.com|gitlab\.com|huggingface\.co|bitbucket\.org)/)[^\s<>\"'{}\[\]]+",
    re.IGNORECASE,
)
# Every URL_PATTERN match holds one of these.
URL_NEEDLES = ("http", "www.", "github.com/", "gitlab.com/", "huggingface.co/", "bitbucket.org/")
TRAILING_PUNCTUATION = ".,;:!?)}]'\"`*"
CODE_HOSTS = {
    "github.com": "github",
    "gitlab.com": "gitlab",
    "huggingface.co": "huggingface",
    "bitbucket.org": "bitbucket",
}
# Hosts that are neither code nor a project's own page: short links, archives, video and social sites.
OTHER_HOSTS = {
    "aka.ms",
    "bit.ly",
    "t.co",
    "tinyurl.com",
    "goo.gl",
    "arxiv.org",
    "doi.org",
    "dx.doi.org",
    "youtube.com",
    "youtu.be",
    "twitter.com",
    "x.com",
    "openreview.net",
    "drive.google.com",
    "zenodo.org",
    "kaggle.com",
}
# Path segments under github.com that are not repositories.
GITHUB_NON_REPO = {"orgs", "users", "topics", "sponsors", "features", "marketplace", "settings", "about"}


@dataclass(frozen=True)
class Link:
    start_char: int
    end_char: int
    url: str
    host: str
    repo: str | None


def trim_url(raw: str) -> str:
    """Drops sentence punctuation after a URL and a trailing ``.git``; keeps a ")" that closes a "(" inside it."""
    url = raw
    while url:
        last = url[-1]
        if last == ")" and url.count("(") >= url.count(")"):
            break
        if last in TRAILING_PUNCTUATION:
            url = url[:-1]
        elif url.lower().endswith(".git"):
            url = url[:-4]
        else:
            break
    return url


def classify_url(url: str) -> tuple[str, str | None]:
    """(host class, lower-cased owner/name for a code host or None)."""
    parts = urlsplit(url if "://" in url else f"https://{url}")
    hostname = (parts.hostname or "").lower()
    if hostname.startswith("www."):
        hostname = hostname[4:]
    segments = [segment for segment in parts.path.split("/") if segment]
    host = CODE_HOSTS.get(hostname)
    if host is not None:
        if hostname == "huggingface.co" and segments[:1] in (["datasets"], ["spaces"], ["models"]):
            segments = segments[1:]
        if len(segments) >= 2 and not (host == "github" and segments[0].lower() in GITHUB_NON_REPO):
            return host, f"{segments[0]}/{segments[1]}".lower()
        return host, None
    if hostname.endswith((".github.io", ".gitlab.io")):
        return "project_page", None
    if hostname in OTHER_HOSTS or any(hostname.endswith("." + other) for other in OTHER_HOSTS):
        return "other", None
    return "project_page", None


def find_links(text: str) -> list[Link]:
    if not may_contain(text, URL_NEEDLES):
        return []
    links = []
    for match in URL_PATTERN.finditer(text):
        url = trim_url(match.group())
        if "." not in url.split("//")[-1]:
            continue
        host, repo = classify_url(url)
        links.append(Link(match.start(), match.start() + len(url), url, host, repo))
    return links


def link_record(link: Link) -> dict:
    """The primitive form of a Link kept in ``doc._.links``: what ``doc.to_bytes()`` and ``DocBin`` can store."""
    return {
        "start_char": link.start_char,
        "end_char": link.end_char,
        "url": link.url,
        "host": link.host,
        "repo": link.repo,
    }


def link_from_record(record: dict) -> Link:
    return Link(record["start_char"], record["end_char"], record["url"], record["host"], record["repo"])


def doc_links(doc: Doc) -> list[Link] | None:
    """The Links the links component left on ``doc``, or None when it did not run."""
    if not Doc.has_extension("links"):
        return None
    records = doc._.links  # each ``doc._`` makes an Underscore object: read it once
    if records is None:
        return None
    return [link_from_record(record) for record in records]


LINKS_SPANS_KEY = "papertrends_links"


if not Doc.has_extension("links"):
    Doc.set_extension("links", default=None)


@Language.factory(
    "papertrends_links",
    default_config={"spans_key": LINKS_SPANS_KEY, "scorer": {"@scorers": "papertrends.span_group_scorer.v1"}},
)
def make_links_component(nlp: Language, name: str, spans_key: str, scorer=None):
    return with_scorer(LinksComponent(spans_key), scorer)


class LinksComponent(ScoredSpanGroup):
    """Sets ``doc._.links``: a list of dicts (start_char, end_char, url, host, repo) with character offsets into
    ``doc.text``, and the span group of the links' tokens (label: the host class)."""

    def __init__(self, spans_key: str = LINKS_SPANS_KEY):
        self.spans_key = spans_key

    def __call__(self, doc: Doc) -> Doc:
        links = find_links(token_view(doc).text)
        doc._.links = [link_record(link) for link in links]
        spans = []
        for link in links:
            span = doc.char_span(link.start_char, link.end_char, label=link.host, alignment_mode="expand")
            if span is not None:
                spans.append(span)
        doc.spans[self.spans_key] = spans
        return doc
