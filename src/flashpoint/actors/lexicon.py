"""Find knowledge-base names in a parsed text: countries, organisations, people, roles.

Names are matched case-insensitively and then checked against the text's own case, so
"US" is the United States and "us" is not, "Turkey" is a country and "turkey" is food.
Names a data file marks ambiguous (Georgia, Jordan, Chad) count only when spaCy's
entity recogniser also calls them a place, nationality or organisation.
"""

from __future__ import annotations

import difflib
import functools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Literal

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from flashpoint.actors.kb import Country, KnowledgeBase, Organisation, Person, Region, RoleTerm

__all__ = ["Hit", "Lexicon"]

HitKind = Literal["country", "capital", "region", "organisation", "person", "alias", "role"]
_PLACE_KINDS = frozenset({"country", "capital", "region"})
_FUZZY_CUTOFF = 0.88  # one slip in a name of eight or more letters
_FUZZY_MIN = 6
_PLACE_LABELS = frozenset({"GPE", "NORP", "LOC", "ORG", "FAC"})


@dataclass(frozen=True, slots=True)
class Hit:
    """One name found in the text and what it may refer to."""

    start: int  # token indices, end exclusive
    end: int
    kind: HitKind
    target: Country | Organisation | Person | Region | RoleTerm
    alone: bool = False  # a role word that names an actor without a country ("rebels")


@dataclass(frozen=True, slots=True)
class _Entry:
    kind: HitKind
    target: Country | Organisation | Person | Region | RoleTerm
    written: str  # the name as the data file writes it, for the case check
    ambiguous: bool
    alone: bool = False


def _case_ok(written: str, seen: str) -> bool:
    if written.islower():
        return True
    if any(c.isupper() for c in written):
        return seen in {written, written.upper(), written.title()} or (
            seen[:1].isupper() and seen.lower() == written.lower() and not written.isupper()
        )
    return True


def _demonyms(adjectives: Iterable[str]) -> tuple[str, ...]:
    """Plural nouns for a people ("Palestinians", "Iraqis"); "Chinese" and "Swiss" have none."""
    return tuple(
        f"{a}s" for a in adjectives if a[-1:] in {"n", "i"} and not a.endswith(("ese", "ian's"))
    )


def _plurals(term: str) -> tuple[str, ...]:
    """The term and its regular plural, so role lists need only the singular."""
    if term.endswith("s"):
        return (term,)
    if term.endswith("y") and term[-2:-1] not in set("aeiou"):
        return (term, term[:-1] + "ies")
    if term.endswith("man"):
        return (term, term[:-3] + "men")
    return (term, term + "s")


_Names = tuple[
    HitKind,
    "Country | Organisation | Person | Region | RoleTerm",
    tuple[str, ...],
    frozenset[str],
    bool,
]


def _names(kb: KnowledgeBase) -> Iterator[_Names]:
    """Every name in the base with its kind, its ambiguous names, and whether it stands alone.

    Aliases alone are always ambiguous.
    """
    for country in kb.countries.values():
        own = (country.name, *country.names, *country.adjectives, *_demonyms(country.adjectives))
        ambiguous = country.ambiguous | frozenset(_demonyms(country.ambiguous))
        yield "country", country, own, ambiguous, False
        yield "capital", country, (*country.capitals, *country.metonyms), country.ambiguous, False
    for org in kb.organisations.values():
        yield "organisation", org, (org.name, *org.names), org.ambiguous, False
    for region in kb.regions.values():
        names = (region.name, *region.names)
        unsure = frozenset(names) if region.ambiguous else frozenset()
        yield "region", region, names, unsure, False
    for person in kb.people.values():
        yield "person", person, (person.name,), frozenset(), False
        yield "alias", person, person.aliases, frozenset(person.aliases), False
    for role in kb.roles:
        alone = tuple(dict.fromkeys(form for term in role.alone for form in _plurals(term)))
        forms = (form for term in role.terms for form in _plurals(term))
        yield (
            "role",
            role,
            tuple(f for f in dict.fromkeys(forms) if f not in alone),
            frozenset(),
            False,
        )
        yield "role", role, alone, frozenset(), True


class Lexicon:
    """All names of a knowledge base, compiled once into spaCy phrase matchers."""

    def __init__(self, kb: KnowledgeBase, nlp: Language) -> None:
        self._entries: dict[str, list[_Entry]] = {}
        for kind, target, names, ambiguous, alone in _names(kb):
            for name in names:
                self._add(name, kind, target, name in ambiguous, alone)
        self._matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        # Tokenizer exceptions are case-sensitive ("U.S." is one token, "u.s." is not), so
        # each name is tokenised as written; the LOWER attribute then ignores its case.
        keys = list(self._entries)
        self._place_keys = [
            k
            for k in keys
            if len(k) >= _FUZZY_MIN
            and self._entries[k][0].kind in _PLACE_KINDS
            and not self._entries[k][0].ambiguous
        ]
        # difflib scans every place name, the slowest step of resolving an article until
        # cached; news repeats its place names. Bounded, so memory stays flat on archives.
        self._closest = functools.lru_cache(maxsize=8192)(self._find_close)
        written = [self._entries[key][0].written for key in keys]
        for key, pattern in zip(keys, nlp.tokenizer.pipe(written), strict=True):  # type: ignore[union-attr]
            self._matcher.add(key, [pattern])

    def _add(self, name: str, kind: HitKind, target: object, ambiguous: bool, alone: bool) -> None:
        key = name.lower().strip()
        if not key:
            return
        entry = _Entry(kind, target, name, ambiguous, alone)  # type: ignore[arg-type]
        self._entries.setdefault(key, []).append(entry)

    def hits(self, doc: Doc) -> Iterator[Hit]:
        """Every acceptable reading of every matched name, longest matches first."""
        strings = doc.vocab.strings
        found: list[Hit] = []
        for match_id, start, end in self._matcher(doc):
            span = doc[start:end]
            for entry in self._entries.get(strings[match_id], []):
                if self._accept(entry, span):
                    found.append(Hit(start, end, entry.kind, entry.target, entry.alone))
        found += self._misspelt(doc, {i for h in found for i in range(h.start, h.end)})
        yield from sorted(found, key=lambda h: (h.start, -(h.end - h.start)))

    def _misspelt(self, doc: Doc, covered: set[int]) -> list[Hit]:
        """Places and peoples spelt one letter off ("Ethopia", "Quatar", "Ghanians").

        Only for spaCy place and nationality entities that matched no name, and only
        against country and region names, so a typo never turns into a person.
        """
        hits = []
        for ent in doc.ents:
            if ent.label_ not in {"GPE", "NORP"} or any(t.i in covered for t in ent):
                continue
            key = ent.text.lower()
            close = self._closest(key) if len(key) >= _FUZZY_MIN else None
            if close is not None:
                entry = self._entries[close][0]
                hits.append(Hit(ent.start, ent.end, entry.kind, entry.target))
        return hits

    def _find_close(self, key: str) -> str | None:
        close = difflib.get_close_matches(key, self._place_keys, n=1, cutoff=_FUZZY_CUTOFF)
        return close[0] if close else None

    @staticmethod
    def _accept(entry: _Entry, span: Span) -> bool:
        if not _case_ok(entry.written, span.text):
            return False
        if entry.kind == "role":
            return span.root.pos_ in {"NOUN", "PROPN", "ADJ"}
        if entry.ambiguous and entry.kind != "alias":
            return _place_in_context(span)
        return True


def _place_in_context(span: Span) -> bool:
    """Georgia the country, not "Atlanta, Georgia": named as a place, not after "City,"."""
    doc, start = span.doc, span.start
    after_city = start >= 2 and doc[start - 1].text == "," and doc[start - 2].pos_ == "PROPN"
    return not after_city and any(t.ent_type_ in _PLACE_LABELS for t in span)
