"""Actors: who acts, resolved to country and role codes against a knowledge base."""

from __future__ import annotations

import datetime as dt
import functools
from typing import TYPE_CHECKING

from flashpoint.actors.kb import KnowledgeBase, bundled_kb, load_kb
from flashpoint.actors.lexicon import Lexicon
from flashpoint.actors.resolve import ActorResolver

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    from flashpoint.model import Actor

__all__ = [
    "ActorResolver",
    "KnowledgeBase",
    "bundled_kb",
    "load_kb",
    "resolve_actors",
    "resolver_for",
]


@functools.cache
def resolver_for(nlp: Language, extra: tuple[str, ...] = ()) -> ActorResolver:
    """One resolver per pipeline and actor files: compiling the names takes a second."""
    kb = load_kb(extra)
    return ActorResolver(kb, Lexicon(kb, nlp))


def resolve_actors(
    doc: Doc,
    nlp: Language,
    *,
    day: dt.date,
    extra: tuple[str, ...] = (),
    exclude: tuple[str, ...] = (),
) -> list[Actor]:
    """Actors in a parsed text, with roles checked against ``day`` (the article's date)."""
    return resolver_for(nlp, extra).resolve(doc, day=day, exclude=exclude)
