"""How a sentence's candidate events settle into the events it tells.

- One event per act: an event missing an actor gives way to the event of the same root
  and mood that names both ("insurgents shelled Aleppo, killing eight" is one attack on
  Syria, not also one on nobody), and the event that stays takes the more specific code.
- Background behind foreground: an event told inside a noun phrase of another event's
  clause ("condolences to the families of those killed", "claimed responsibility for the
  bombing") keeps its code and actors but loses :data:`BACKGROUND_PENALTY` of its pattern
  score, so the clause's own event leads the sentence. Chosen on ConfliBERT's train split
  (0.1, 0.3 and 0.6 tried; 0.3 best there).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from spacy.tokens import Token

from flashpoint.model import Actor, Modality

__all__ = ["BACKGROUND_PENALTY", "Coded", "backgrounded", "subsumed"]

# A pattern score lost by an event told inside another's noun phrase (README, confidence).
BACKGROUND_PENALTY = 0.3


@dataclass(frozen=True, slots=True, kw_only=True)
class Coded:
    """An event as the coder sees it, before dates, places and ontology are attached."""

    rule: str
    cameo: str
    source: Actor | None
    target: Actor | None
    modality: Modality
    predicate: tuple[int, int]  # character span of the predicate word(s)
    sentence: tuple[int, int]  # character span of the sentence
    date_text: str | None
    place_text: str | None
    confidence: float


def _specificity(cameo: str) -> tuple[int, bool]:
    return len(cameo), not cameo.endswith("0")


def _covers(whole: Coded, partial: Coded) -> bool:
    """Does ``whole``, with both actors, name the act ``partial`` codes with one missing?"""
    if whole.source is None or whole.target is None or whole is partial:
        return False
    return (
        whole.cameo[:2] == partial.cameo[:2]
        and whole.modality == partial.modality
        and (partial.source is None or partial.source.code == whole.source.code)
        and (partial.target is None or partial.target.code == whole.target.code)
    )


def subsumed(found: Sequence[Coded]) -> list[Coded]:
    """One event per act: an event missing an actor is dropped where another event of the
    sentence, of the same root and mood, names both ("insurgents shelled Aleppo, killing
    eight" is one attack on Syria, not also one on nobody). The event that stays takes
    the more specific of the two codes."""
    kept = list(found)
    for partial in found:
        if partial.source is not None and partial.target is not None:
            continue
        whole = next((e for e in kept if _covers(e, partial)), None)
        if whole is None:
            continue
        if _specificity(partial.cameo) > _specificity(whole.cameo):
            at = kept.index(whole)
            kept[at] = dataclasses.replace(whole, cameo=partial.cameo, rule=partial.rule)
        kept.remove(partial)
    return kept


def _inside_phrase(token: Token, predicate: Token) -> bool:
    """Is ``token`` inside a noun phrase of ``predicate``'s clause: "condolences to the
    families of those killed", "claimed responsibility for the bombing"?"""
    path: list[Token] = []
    for head in token.ancestors:
        if head.i == predicate.i:
            return any(p.pos_ in {"NOUN", "PROPN", "PRON"} for p in path)
        path.append(head)
    return False


def backgrounded(found: Sequence[Coded], words: Mapping[int, Token]) -> list[Coded]:
    """Events told inside another event's noun phrases are its background: they keep
    their code and actors, but lose :data:`BACKGROUND_PENALTY` of their pattern score so
    that the event of the clause leads the sentence."""
    predicates = [words[e.predicate[0]] for e in found]
    return [
        dataclasses.replace(e, confidence=round(e.confidence - BACKGROUND_PENALTY, 2))
        if any(_inside_phrase(token, other) for other in predicates if other.i != token.i)
        else e
        for e, token in zip(found, predicates, strict=True)
    ]
