"""The token view every component reads says what spaCy's own tokens say, for words the vocabulary has
never seen as well as for common ones."""

import spacy

from analysis.extract.tokens import make_doc, token_view

TEXT = "Our \"Zyxquorbeta-7B\" (a new model) beats GPT-4o's scores by +13%; see Qwrtlmnop's repo."


def test_the_view_reads_each_token_as_spacy_does():
    nlp = spacy.blank("en")
    doc = make_doc(nlp, TEXT)
    view = token_view(doc)
    assert view.text == doc.text == TEXT
    assert list(view.words) == [token.text for token in doc]
    assert list(view.lowers) == [token.lower_ for token in doc]
    assert list(view.starts) == [token.idx for token in doc]
    assert list(view.spaces) == [int(bool(token.whitespace_)) for token in doc]
    assert list(view.is_punct) == [int(token.is_punct) for token in doc]
    assert list(view.edge_before) == [int(token.is_punct or token.is_quote or token.is_bracket) for token in doc]
    assert list(view.edge_after) == [
        int(token.is_punct or token.is_quote or token.text in ("'s", "’s")) for token in doc
    ]
    # Words never seen before get their flags too: the made-up name, its possessive, the quote marks.
    assert view.lowers[view.words.index("Zyxquorbeta-7B")] == "zyxquorbeta-7b"
    assert view.edge_after[view.words.index("'s")] == 1
    assert view.edge_before[view.words.index('"')] == 1


def test_a_doc_made_without_make_doc_gets_its_text_from_the_tokens():
    nlp = spacy.blank("en")
    doc = nlp("Scores rise by 3.9K videos .")
    view = token_view(doc)
    assert view.text == doc.text
    assert all(
        view.span_text(start, end) == doc[start:end].text
        for start in range(len(doc))
        for end in range(start, len(doc) + 1)
    )
