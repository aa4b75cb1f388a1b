"""Event patterns and modality cues: data files loaded once, validated, indexed by lemma.

``data/patterns.toml`` maps verbs ("meet", "call for", "open" + fire + on) and nouns
("phone call", "talks", "sanctions") to CAMEO codes, with where in the parse the
source and target are. ``data/modality.toml`` lists the words that make an event
negated, hypothetical or future. Users extend both with files of the same shape.
"""

from __future__ import annotations

import functools
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from flashpoint.errors import RuleError
from flashpoint.ontology import ontology

__all__ = ["Cues", "NounPattern", "PatternSet", "VerbPattern", "load_cues", "load_patterns"]


@dataclass(frozen=True, slots=True, kw_only=True)
class VerbPattern:
    id: str
    lemma: str  # the verb's lemma
    extras: tuple[str, ...]  # particles or prepositions that must hang off the verb
    cameo: str
    target: tuple[str, ...]  # "dobj", "dative" or prepositions, in order of preference
    objects: frozenset[str]  # lemmas the direct object must have, if any
    unless: frozenset[str]  # lemmas of direct objects that rule the reading out
    symmetric: bool
    official: str | None  # the code when the source speaks for a state
    example: str

    @property
    def specificity(self) -> int:
        """More conditions met means a more specific reading ("open fire on" > "open")."""
        return len(self.extras) * 2 + (2 if self.objects else 0) + len(self.cameo)


@dataclass(frozen=True, slots=True, kw_only=True)
class NounPattern:
    id: str
    lemma: str
    modifiers: frozenset[str]
    cameo: str
    source: tuple[str, ...]
    target: tuple[str, ...]
    pair: tuple[str, ...]
    light_verbs: frozenset[str]
    symmetric: bool
    official: str | None
    example: str

    @property
    def specificity(self) -> int:
        return (2 if self.modifiers else 0) + len(self.cameo)


@dataclass(frozen=True, slots=True, kw_only=True)
class PatternSet:
    verbs: Mapping[str, tuple[VerbPattern, ...]]
    nouns: Mapping[str, tuple[NounPattern, ...]]
    origin: str
    official_roles: frozenset[str] = frozenset()  # actor roles that speak for a state
    quantities: frozenset[str] = frozenset()  # "dozens of", "a group of": look through them

    @property
    def light_verbs(self) -> frozenset[str]:
        return frozenset(v for ps in self.nouns.values() for p in ps for v in p.light_verbs)


@dataclass(frozen=True, slots=True, kw_only=True)
class Cues:
    negation: frozenset[str]
    future_aux: frozenset[str]
    future_verbs: frozenset[str]
    hypothetical_aux: frozenset[str]
    conditional_marks: frozenset[str]
    hypothetical_nouns: frozenset[str]
    report_verbs: frozenset[str]
    negative_verbs: frozenset[str]
    negative_nouns: frozenset[str]
    request_verbs: frozenset[str]


def _strings(raw: Mapping[str, Any], key: str, where: str) -> tuple[str, ...]:
    value = raw.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise RuleError(f"{where}: {key!r} must be a list of strings")
    return tuple(v.lower() for v in value)


def _code(raw: Mapping[str, Any], where: str) -> str:
    code = str(raw.get("cameo", ""))
    if code not in ontology():
        raise RuleError(f"{where}: {code!r} is not a CAMEO code")
    return code


def _official(raw: Mapping[str, Any], where: str) -> str | None:
    return _code({"cameo": raw["official"]}, where) if "official" in raw else None


def _verb(raw: Mapping[str, Any], where: str) -> VerbPattern:
    words = str(raw.get("lemma", "")).lower().split()
    if not words:
        raise RuleError(f"{where}: 'lemma' is required")
    return VerbPattern(
        id=str(raw.get("id") or f"verb.{'-'.join(words)}"),
        lemma=words[0],
        extras=tuple(words[1:]),
        cameo=_code(raw, where),
        target=_strings(raw, "target", where),
        objects=frozenset(_strings(raw, "object", where)),
        unless=frozenset(_strings(raw, "unless", where)),
        symmetric=bool(raw.get("symmetric", False)),
        official=_official(raw, where),
        example=str(raw.get("example", "")),
    )


def _noun(raw: Mapping[str, Any], where: str) -> NounPattern:
    lemma = str(raw.get("lemma", "")).lower().strip()
    if not lemma:
        raise RuleError(f"{where}: 'lemma' is required")
    return NounPattern(
        id=str(raw.get("id") or f"noun.{lemma}"),
        lemma=lemma,
        modifiers=frozenset(_strings(raw, "modifiers", where)),
        cameo=_code(raw, where),
        source=_strings(raw, "source", where) or ("poss", "amod", "compound", "nmod", "by", "from"),
        target=_strings(raw, "target", where),
        pair=_strings(raw, "pair", where),
        light_verbs=frozenset(_strings(raw, "light_verbs", where)),
        symmetric=bool(raw.get("symmetric", False)),
        official=_official(raw, where),
        example=str(raw.get("example", "")),
    )


def _toml(text: str, origin: str) -> dict[str, Any]:
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise RuleError(f"{origin}: not valid TOML: {exc}") from exc
    if doc.get("version") != 1:
        raise RuleError(f"{origin}: expected 'version = 1'")
    return doc


def parse_patterns(text: str, origin: str) -> PatternSet:
    doc = _toml(text, origin)
    verbs: dict[str, list[VerbPattern]] = {}
    nouns: dict[str, list[NounPattern]] = {}
    for i, raw in enumerate(doc.get("verb", [])):
        verb = _verb(raw, f"{origin}, verb {i + 1}")
        verbs.setdefault(verb.lemma, []).append(verb)
    for i, raw in enumerate(doc.get("noun", [])):
        noun = _noun(raw, f"{origin}, noun {i + 1}")
        nouns.setdefault(noun.lemma, []).append(noun)
    return PatternSet(
        verbs={k: tuple(v) for k, v in verbs.items()},
        nouns={k: tuple(v) for k, v in nouns.items()},
        origin=origin,
        official_roles=frozenset(_strings(doc, "official_roles", origin)),
        quantities=frozenset(_strings(doc, "quantities", origin)),
    )


def _merge(base: PatternSet, extra: PatternSet) -> PatternSet:
    """User patterns come first for their lemmas, so they win ties of specificity."""
    verbs = {k: extra.verbs.get(k, ()) + base.verbs.get(k, ()) for k in {*base.verbs, *extra.verbs}}
    nouns = {k: extra.nouns.get(k, ()) + base.nouns.get(k, ()) for k in {*base.nouns, *extra.nouns}}
    return PatternSet(
        verbs=verbs,
        nouns=nouns,
        origin=f"{base.origin}+{extra.origin}",
        official_roles=base.official_roles | extra.official_roles,
        quantities=base.quantities | extra.quantities,
    )


def _bundled(name: str) -> str:
    return resources.files("flashpoint.events").joinpath("data", name).read_text("utf-8")


@functools.cache
def load_patterns(extra: tuple[str, ...] = ()) -> PatternSet:
    """The bundled patterns, then each user file in turn."""
    patterns = parse_patterns(_bundled("patterns.toml"), "patterns.toml")
    for name in extra:
        try:
            text = Path(name).read_text("utf-8")
        except OSError as exc:
            raise RuleError(f"cannot read pattern file {name}: {exc.strerror}") from exc
        patterns = _merge(patterns, parse_patterns(text, name))
    return patterns


_CUE_LISTS = (
    "negation",
    "future_aux",
    "future_verbs",
    "hypothetical_aux",
    "conditional_marks",
    "hypothetical_nouns",
    "report_verbs",
    "negative_verbs",
    "negative_nouns",
    "request_verbs",
)


@functools.cache
def load_cues(extra: tuple[str, ...] = ()) -> Cues:
    """The bundled modality cues, each list extended by the same list in each user file."""
    docs = [("modality.toml", _toml(_bundled("modality.toml"), "modality.toml"))]
    for name in extra:
        try:
            docs.append((name, _toml(Path(name).read_text("utf-8"), name)))
        except OSError as exc:
            raise RuleError(f"cannot read modality file {name}: {exc.strerror}") from exc
    lists = {
        key: frozenset(word for origin, doc in docs for word in _strings(doc, key, origin))
        for key in _CUE_LISTS
    }
    return Cues(**lists)
