"""The shipped event-type classifier: CAMEO-root probabilities for a sentence.

A small spaCy text classifier (hashed bag of words plus the main verbs and their
dependents) trained by ``make train`` on the developers' own labelled sentences and
templates, stored inside the package (``events/model``), so nothing is downloaded.
:mod:`flashpoint.events.combine` says how its scores and the patterns' events are put
together.
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
    from spacy.tokens import Span, Token

__all__ = ["BUILTIN", "OFF", "EventClassifier", "features", "load_classifier"]

BUILTIN = "builtin"
OFF = "off"
# Names, dates and numbers say who and when, not what happened: each becomes its label,
# so "Japan" and "Ruritania" teach the same thing (this lifted held-out accuracy by 0.02).
_MASKED = frozenset({"GPE", "NORP", "PERSON", "ORG", "DATE", "LOC", "CARDINAL", "TIME", "FAC"})


# The main verb's own dependents say most about the event ("lift" + "ban", "agree" +
# "withdraw"); each becomes a "verb_word" feature next to the bag of words.
_HEAD_DEPS = frozenset({"dobj", "prep", "xcomp", "ccomp", "attr", "acomp", "prt", "agent"})
_EVENT_VERBS = frozenset({"xcomp", "conj"})


def _words(sentence: Span) -> list[str]:
    words: list[str] = []
    for token in sentence:
        if token.ent_type_ in _MASKED:
            if token.ent_iob_ == "B" or token.i == sentence.start:
                words.append(token.ent_type_)
        elif not token.is_punct:
            words.append(token.lower_)
    return words


def _verb_features(verb: Token) -> list[str]:
    lemma = verb.lemma_.lower()
    # "did not lift" must not read as "lift": negation marks the verb itself.
    negated = any(child.dep_ == "neg" for child in verb.children)
    found = [f"v_not_{lemma}" if negated else f"v_{lemma}"]
    for child in verb.children:
        if child.dep_ not in _HEAD_DEPS or child.ent_type_ in _MASKED:
            continue
        word = child.lemma_.lower()
        found.append(f"{lemma}_{word}")
        if child.dep_ == "prep":
            found += [
                f"{lemma}_{word}_{g.lemma_.lower()}"
                for g in child.children
                if g.dep_ == "pobj" and g.ent_type_ not in _MASKED
            ]
    return found


def features(sentence: Span) -> str:
    """The text the classifier reads: lower-cased words with names replaced by their type,
    then the main verbs (the root and the verbs it governs) with their dependents."""
    # A training text may hold two sentences, so every root counts, not ``sentence.root``.
    roots = [token for token in sentence if token.dep_ == "ROOT"]
    verbs = roots + [
        c for root in roots for c in root.children if c.dep_ in _EVENT_VERBS and c.pos_ == "VERB"
    ]
    return " ".join(_words(sentence) + [f for verb in verbs for f in _verb_features(verb)])


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
