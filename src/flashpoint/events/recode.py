"""Promised, refused and demanded events: CAMEO codes the clause, not the predicate.

"Hamas agreed to release the hostages" is not a future release (0841) but an asserted
intent to release (0353); "Israel will not lift the blockade" is not a denied lifting
but an asserted refusal (1244); "X threatened to attack" is a threat (1384), "X is
considering sanctions" a policy option weighed (014); "X said Y must withdraw" is X's
demand on Y (10). The code tables and the words that signal each reading are in
``data/recode.toml``.
"""

from __future__ import annotations

import functools
import tomllib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from importlib import resources
from typing import Any

from spacy.tokens import Token

from flashpoint.errors import RuleError
from flashpoint.events.patterns import Cues
from flashpoint.model import Modality
from flashpoint.ontology import ontology

__all__ = ["Recoding", "demanded_clause", "load_recoding", "recoded"]

# How far up a chain of infinitives and coordinated verbs the voicing word may sit:
# "agreed to begin to withdraw and to release".
_MAX_STEPS = 4


@dataclass(frozen=True, slots=True, kw_only=True)
class Recoding:
    intent_words: frozenset[str]
    refusal_words: frozenset[str]
    refusal_aux: frozenset[str]
    demand_aux: frozenset[str]
    intent_aux: frozenset[str]
    threat_words: frozenset[str]
    consider_words: frozenset[str]
    consider: str
    responsibility_words: frozenset[str]
    responsibility: str
    intent: Mapping[str, str]
    refusal: Mapping[str, str]
    threat: Mapping[str, str]
    demand: Mapping[str, str]


def _words(doc: Mapping[str, Any], key: str) -> frozenset[str]:
    value = doc.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise RuleError(f"recode.toml: {key!r} must be a list of strings")
    return frozenset(v.lower() for v in value)


def _table(doc: Mapping[str, Any], key: str) -> Mapping[str, str]:
    table = doc.get(key, {})
    known = ontology()
    for prefix, code in table.items():
        if code not in known or not prefix.isdigit():
            raise RuleError(f"recode.toml: [{key}] {prefix!r} = {code!r} is not a CAMEO mapping")
    return dict(table)


@functools.cache
def load_recoding() -> Recoding:
    """The bundled recoding tables, read once."""
    text = resources.files("flashpoint.events").joinpath("data", "recode.toml").read_text("utf-8")
    doc = tomllib.loads(text)
    if doc.get("version") != 1:
        raise RuleError("recode.toml: expected 'version = 1'")
    for key in ("consider", "responsibility"):
        if doc.get(key) not in ontology():
            raise RuleError(f"recode.toml: {key} = {doc.get(key)!r} is not a CAMEO code")
    return Recoding(
        intent_words=_words(doc, "intent_words"),
        refusal_words=_words(doc, "refusal_words"),
        refusal_aux=_words(doc, "refusal_aux"),
        demand_aux=_words(doc, "demand_aux"),
        intent_aux=_words(doc, "intent_aux"),
        threat_words=_words(doc, "threat_words"),
        consider_words=_words(doc, "consider_words"),
        consider=str(doc["consider"]),
        responsibility_words=_words(doc, "responsibility_words"),
        responsibility=str(doc["responsibility"]),
        intent=_table(doc, "intent"),
        refusal=_table(doc, "refusal"),
        threat=_table(doc, "threat"),
        demand=_table(doc, "demand"),
    )


def _lookup(table: Mapping[str, str], cameo: str) -> str | None:
    for end in range(len(cameo), 1, -1):
        if cameo[:end] in table:
            return table[cameo[:end]]
    return None


def _chain(token: Token) -> Iterator[Token]:
    """The predicate, then the verbs it is an infinitive of or coordinated with.

    A noun predicate starts from the verb it is the object of: in "agreed to hold talks"
    the intent is voiced over "hold", not over "talks"."""
    if token.pos_ in {"NOUN", "PROPN"} and token.dep_ == "dobj":
        token = token.head
    for _ in range(_MAX_STEPS):
        yield token
        if token.dep_ not in {"xcomp", "conj"} or token.head is token:
            return
        token = token.head


def _aux(token: Token) -> set[str]:
    return {c.lower_ for c in token.children if c.dep_ in {"aux", "auxpass"}}


def _voiced_by(token: Token, words: frozenset[str], deps: frozenset[str]) -> bool:
    """Is ``token`` the complement of one of ``words``: "agreed to X", "committed to Xing"?"""
    head = token.head
    if token.dep_ in deps and head.lemma_.lower() in words:
        return True
    return token.dep_ == "pcomp" and head.dep_ == "prep" and head.head.lemma_.lower() in words


_XCOMP = frozenset({"xcomp"})


def _voicing(token: Token, cues: Cues, recoding: Recoding) -> tuple[Mapping[str, str], ...]:
    """The tables that recode an act its actor voices: intent, threat, both or none."""
    for link in _chain(token):
        # Not a noun's complement: "a plan to fund Ukraine" is nobody's stated intent yet.
        threat = _voiced_by(link, recoding.threat_words, _XCOMP)
        intent = _voiced_by(link, recoding.intent_words, _XCOMP)
        if threat or intent:
            return (recoding.intent,) * intent + (recoding.threat,) * threat
        # "X said it will/would release": the speaker's own intent, voiced by the speaker.
        if link.dep_ == "ccomp" and link.head.lemma_.lower() in cues.report_verbs:
            return (recoding.intent, recoding.threat) if _aux(link) & recoding.intent_aux else ()
    return ()


def _considered(token: Token, recoding: Recoding) -> bool:
    # "weighing sanctions": the noun is the object; "considering sending aid": the gerund.
    if token.dep_ == "dobj" and token.head.lemma_.lower() in recoding.consider_words:
        return True
    deps = frozenset({"xcomp", "ccomp"})
    return any(_voiced_by(link, recoding.consider_words, deps) for link in _chain(token))


_VIOLENT_ROOTS = frozenset(f"{root}" for root in range(14, 21))
_OWN_PRONOUNS = frozenset({"they", "it", "we", "he", "she", "i"})


def _claimed(token: Token, cameo: str, recoding: Recoding) -> bool:
    """Does the speaker claim the act as its own, as in "X claimed that they had attacked"?"""
    if cameo[:2] not in _VIOLENT_ROOTS or token.dep_ != "ccomp":
        return False
    subjects = [c for c in token.children if c.dep_ == "nsubj"]
    return token.head.lemma_.lower() in recoding.responsibility_words and any(
        s.lower_ in _OWN_PRONOUNS for s in subjects
    )


def _refused(token: Token, recoding: Recoding) -> bool:
    # "will not withdraw" refuses; "cannot be seen to withdraw" only comments on it.
    verb = next(_chain(token))
    negated = any(child.dep_ == "neg" for child in verb.children)
    if negated and _aux(verb) & recoding.refusal_aux:
        return True
    deps = frozenset({"xcomp", "acl"})
    return any(_voiced_by(link, recoding.refusal_words, deps) for link in _chain(token))


def recoded(token: Token, cameo: str, mood: Modality, cues: Cues) -> tuple[str, Modality]:
    """The code and mood of the clause whose predicate ``token`` has code ``cameo``."""
    recoding = load_recoding()
    if _considered(token, recoding):
        return recoding.consider, "asserted"
    if _claimed(token, cameo, recoding):
        return recoding.responsibility, "asserted"
    tables: tuple[Mapping[str, str], ...]
    if mood == "negated":
        tables = (recoding.refusal,) if _refused(token, recoding) else ()
    else:
        tables = _voicing(token, cues, recoding)
    code = next((found for t in tables if (found := _lookup(t, cameo))), None)
    return (code, "asserted") if code else (cameo, mood)


def demanded_clause(statement: Token, cameo: str) -> tuple[Token, str] | None:
    """The clause a statement says another must carry out, and the statement's new code."""
    recoding = load_recoding()
    code = _lookup(recoding.demand, cameo)
    if code is None:
        return None
    clauses = [c for c in statement.children if c.dep_ == "ccomp"]
    return next(((c, code) for c in clauses if _aux(c) & recoding.demand_aux), None)
