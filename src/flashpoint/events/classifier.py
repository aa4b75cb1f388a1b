"""The shipped event-type classifier: CAMEO-root probabilities for a sentence.

A small spaCy text classifier (hashed word and word-pair features) trained by
``make train`` on the developers' own labelled sentences, stored inside the package
(``events/model``), so nothing is downloaded. :mod:`flashpoint.events.combine` says how
its scores and the patterns' events are put together.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Mapping, Sequence
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from flashpoint.errors import ModelNotAvailableError

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Span

__all__ = ["BUILTIN", "OFF", "EventClassifier", "features", "load_classifier"]

BUILTIN = "builtin"
OFF = "off"
# Names, dates and numbers say who and when, not what happened: each becomes its label,
# so "Japan" and "Ruritania" teach the same thing (this lifted held-out accuracy by 0.02).
_MASKED = frozenset({"GPE", "NORP", "PERSON", "ORG", "DATE", "LOC", "CARDINAL", "TIME", "FAC"})


def features(sentence: Span) -> str:
    """The text the classifier reads: lower-cased words, names replaced by their type."""
    words: list[str] = []
    for token in sentence:
        if token.ent_type_ in _MASKED:
            if token.ent_iob_ == "B" or token.i == sentence.start:
                words.append(token.ent_type_)
        else:
            words.append(token.lower_)
    return " ".join(words)


class EventClassifier:
    """Scores sentences; ``name`` says which trained model (its data digest) it is."""

    def __init__(self, nlp: Language, name: str) -> None:
        self._nlp = nlp
        self.name = name

    def scores(self, sentences: Sequence[Span]) -> list[Mapping[str, float]]:
        """For each parsed sentence, the probability of every CAMEO root ("00": no event)."""
        texts = (features(sentence) for sentence in sentences)
        return [doc.cats for doc in self._nlp.pipe(texts, batch_size=64)]


def _builtin_path() -> Path:
    return Path(str(resources.files("flashpoint.events") / "model"))


@functools.cache
def load_classifier(where: str) -> EventClassifier | None:
    """The classifier ``where`` names ("builtin", a directory, or "off" for none)."""
    if where == OFF:
        return None
    import spacy

    path = _builtin_path() if where == BUILTIN else Path(where)
    if not (path / "meta.json").is_file():
        raise ModelNotAvailableError(f"no event classifier at {path} (run `make train`)")
    meta = json.loads((path / "meta.json").read_text("utf-8"))
    digest = str(meta.get("flashpoint", {}).get("data_sha256", "unknown"))
    return EventClassifier(spacy.load(path), f"textcat-{digest[:8]}")
