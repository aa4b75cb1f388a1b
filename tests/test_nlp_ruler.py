"""The compiled attribute ruler sets exactly what spaCy's own ruler sets, token for token."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from flashpoint.config import Settings
from flashpoint.ingest import iter_articles
from flashpoint.model import Article
from flashpoint.nlp import load_pipeline
from flashpoint.nlp.ruler import CompiledRuler
from tests.conftest import ROOT

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

# Our own text, written to reach the patterns a dictionary cannot answer alone: word
# lists (IN), exclusions (NOT_IN), regular expressions and two-token patterns.
TRICKY = (
    "I ain't sure they're gonna come, y'all. Nothin' changed and nuthin' will. "
    "Let's wait; c'mon, we gotta go. There is a delay and there are two ships. "
    "She gave it to me and I gave you it. Do you have it? I did, and he does too. "
    "If talks fail, whether or not they resume, the ministers will meet unless it rains. "
    "That is what this was: which one did he pick? Those were mine. "
    "We've been told you'd have had it, and I'm not sure it's n't true. "
    "The ships, which sailed  \n\n  north, were seen."
)
WORDS = [
    "ai",
    "n't",
    "not",
    "nt",
    "is",
    "'s",
    "are",
    "'re",
    "am",
    "'m",
    "have",
    "'ve",
    "be",
    "do",
    "does",
    "did",
    "'d",
    "had",
    "has",
    "gon",
    "na",
    "got",
    "ta",
    "let",
    "c'm",
    "on",
    "y'",
    "y",
    "all",
    "there",
    "it",
    "you",
    "i",
    "that",
    "if",
    "because",
    "while",
    "so",
    "this",
    "those",
    "which",
    "what",
    "nothin'",
    "minister",
    "said",
    "ships",
    "\n\n",
    ",",
    ".",
    "?",
]


@functools.cache
def _stock() -> Language:
    import spacy

    load_pipeline(Settings().model)  # registers the block boundary component
    stock = spacy.load(Settings().model, exclude=["senter"])
    stock.add_pipe("flashpoint_block_boundaries", before="parser")
    return stock


def _attributes(doc: Doc) -> list[tuple[str, ...]]:
    return [(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_) for t in doc]


def _same(text: str) -> None:
    ours = load_pipeline(Settings().model)
    assert _attributes(ours(text)) == _attributes(_stock()(text))


def test_the_pipeline_uses_the_compiled_ruler() -> None:
    assert isinstance(load_pipeline(Settings().model).get_pipe("attribute_ruler"), CompiledRuler)


@pytest.mark.parametrize("text", ["", " ", "\n\n"])
def test_empty_and_blank_texts_pass_through(text: str) -> None:
    _same(text)


def test_tricky_text_gets_spacys_attributes() -> None:
    doc = load_pipeline(Settings().model)(TRICKY)
    lemmas = {t.lower_: t.lemma_ for t in doc}
    assert lemmas["ai"] == "be" and lemmas["nothin'"] == "nothing"
    _same(TRICKY)


def test_demo_corpus_gets_spacys_attributes() -> None:
    items = iter_articles([str(ROOT / "examples" / "crisis")], Settings())
    articles = [a for a in items if isinstance(a, Article)]
    assert len(articles) > 40
    ours = load_pipeline(Settings().model)
    texts = [a.text for a in articles]
    for mine, theirs in zip(ours.pipe(texts), _stock().pipe(texts), strict=True):
        assert _attributes(mine) == _attributes(theirs)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=14))
def test_any_sequence_of_tricky_words_gets_spacys_attributes(words: list[str]) -> None:
    _same(" ".join(words))
