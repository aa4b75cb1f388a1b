"""Resolve who acts: group the names in each noun phrase and turn them into coded Actors.

A phrase such as "Japan's new prime minister, Sanae Takaichi" holds several clues: a
country ("Japan's"), a role ("prime minister") and a person ("Sanae Takaichi"). The
resolver gathers the clues that hang off one head noun in the dependency parse (and
across an apposition), then decides in a fixed order, each step named in ``reason``:

1. a person in the knowledge base, with the role they held on the article's date;
2. a person seen earlier in the article ("Mr. Xi" after "Xi Jinping");
3. a person the article itself places ("Japan's foreign minister, X");
4. an organisation; 5. a country with a role ("Chinese navy"); 6. a country alone;
7. a role with no country: "the country's foreign ministry" is of the country the
   article named last, "the ministry" of the country whose ministry it named last;
   otherwise, as in CAMEO, the country is unknown and the code is "---" with the role's
   agent code ("insurgents" -> ---REB). Not when the words name several actors ("each
   government") or a news source ("..., an official said").

A role with no country takes the actor of its prepositional phrase ("a spokesman for the
Iraqi government", "troops from Chad", and for roles whose holders belong where they
are, "police in Baghdad").
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy
from spacy.tokens import Doc, Token

from flashpoint.actors.kb import (
    Country,
    KnowledgeBase,
    Organisation,
    Person,
    Region,
    RoleContext,
    RoleTerm,
)
from flashpoint.actors.lexicon import Hit, Lexicon
from flashpoint.model import Actor, Span

__all__ = ["ActorResolver"]

_MODIFIER_DEPS = frozenset({"compound", "amod", "poss", "nmod", "det", "nummod", "case"})
_HONORIFICS = frozenset({"mr", "mr.", "ms", "ms.", "mrs", "mrs.", "dr", "dr.", "madam", "sir"})
_PAIR_WORDS = frozenset({"two", "both"})
_PRONOUNS = {"he": "m", "him": "m", "she": "f", "her": "f"}
_PERSON_REASONS = frozenset(
    {"kb-person", "kb-person-former", "kb-person-out-of-term", "coreference", "article-affiliation"}
)


@dataclass(slots=True)
class _Group:
    """The clues found around one head noun."""

    head: Token
    hits: list[Hit] = field(default_factory=list)
    person_tokens: list[Token] = field(default_factory=list)  # spaCy PERSON tokens
    placed: bool = False  # a role given its actor by a prepositional phrase
    # A role whose phrase names someone else ("rebels loyal to Machar"): no actor of its
    # own, so the event coder takes the named one, as it always did.
    deferred: bool = False

    def first(self, kind: str) -> Hit | None:
        return next((h for h in self.hits if h.kind == kind), None)

    def has_person(self) -> bool:
        return bool(self.person_tokens) or any(h.kind in {"person", "alias"} for h in self.hits)

    def unnamed(self) -> bool:
        """Only roles and people the knowledge base does not know: "its spokesman, X"."""
        return all(h.kind == "role" for h in self.hits)

    def span(self) -> tuple[int, int]:
        """The clues' extent: "China's show of force" is about China, not the show."""
        starts = [h.start for h in self.hits] + [t.i for t in self.person_tokens]
        ends = [h.end for h in self.hits] + [t.i + 1 for t in self.person_tokens]
        return min(starts, default=self.head.i), max(ends, default=self.head.i + 1)


@dataclass(slots=True)
class _Memory:
    """What the article has established so far: people by surname, leaders in order."""

    people: dict[str, Actor] = field(default_factory=dict)
    leaders: list[Actor] = field(default_factory=list)
    country: str | None = None  # of the last actor that had one, for "the country's"
    roles: dict[str, str] = field(default_factory=dict)  # role -> country last seen holding it


def _head(token: Token) -> Token:
    """Climb from a name to the noun its phrase is about ("Chinese" -> "patrols")."""
    while token.dep_ in _MODIFIER_DEPS and token.head is not token:
        token = token.head
    if (
        token.dep_ == "pobj"
        and token.head.lower_ == "of"
        and token.head.head.pos_ in {"NOUN", "PROPN"}
    ):
        return _head(token.head.head)
    return token


class ActorResolver:
    """Resolves actors in parsed articles against one knowledge base (build once, reuse)."""

    def __init__(self, kb: KnowledgeBase, lexicon: Lexicon, *, exclude: Iterable[str] = ()) -> None:
        self._kb = kb
        self._lexicon = lexicon
        self._exclude = frozenset(e.lower() for e in exclude)

    def resolve(self, doc: Doc, *, day: dt.date, exclude: Iterable[str] = ()) -> list[Actor]:
        """Actors in ``doc`` in text order; ``exclude`` adds names never to treat as actors."""
        skip = self._exclude | {e.lower() for e in exclude}
        memory = _Memory()
        actors: list[Actor] = []
        for group in self._groups(doc):
            text = doc[slice(*group.span())].text
            if text.lower() in skip or any(s and s in text.lower() for s in skip):
                continue
            actors.extend(self._decide(doc, group, day, memory))
        actors += self._pronouns(doc, actors)
        return sorted(actors, key=lambda a: (a.span.start, a.span.end))

    def _pronouns(self, doc: Doc, actors: list[Actor]) -> list[Actor]:
        """ "she told Parliament": he or she is the last person named, if the gender fits."""
        people = [a for a in actors if a.reason in _PERSON_REASONS]
        found = []
        # Only the pronouns' tokens are built: making a Token for every word of an
        # article was a tenth of the time spent resolving it.
        wanted = [doc.vocab.strings.add(p) for p in _PRONOUNS]
        for i in numpy.flatnonzero(numpy.isin(doc.to_array("LOWER"), wanted)):
            token = doc[int(i)]
            gender = _PRONOUNS[token.lower_]
            if token.dep_ == "poss":
                continue
            before = [a for a in people if a.span.end <= token.idx and self._fits(a, gender)]
            if before:
                last = before[-1]
                found.append(
                    dataclasses.replace(
                        last,
                        span=Span(start=token.idx, end=token.idx + len(token)),
                        text=token.text,
                        reason="pronoun",
                    )
                )
        return found

    def _fits(self, actor: Actor, gender: str) -> bool:
        person = self._kb.people.get(actor.kb_id or "")
        return person is None or person.gender in {None, gender}

    def _groups(self, doc: Doc) -> list[_Group]:
        groups: dict[int, _Group] = {}
        taken: set[int] = set()
        for hit in self._lexicon.hits(doc):
            # A word inside a longer name ("Korea" in "South Korea", "bank" in "West
            # Bank") is no clue of its own; other readings of the very same words still count.
            overlaps = any(i in taken for i in range(hit.start, hit.end))
            same = any(
                h.start == hit.start and h.end == hit.end for g in groups.values() for h in g.hits
            )
            if (overlaps and not same) or _inside_longer_person(doc, hit):
                continue
            head = _head(doc[hit.start : hit.end].root)
            groups.setdefault(head.i, _Group(head)).hits.append(hit)
            if hit.kind != "role":
                taken.update(range(hit.start, hit.end))
        for ent in doc.ents:
            if ent.label_ == "PERSON" and not any(i in taken for i in range(ent.start, ent.end)):
                head = _head(ent.root)
                groups.setdefault(head.i, _Group(head)).person_tokens.extend(ent)
        ordered = _merge_appositions(sorted(groups.values(), key=lambda g: g.span()))
        return _defer_roles(_merge_affiliations(ordered, self._kb.context))

    def _decide(self, doc: Doc, group: _Group, day: dt.date, memory: _Memory) -> list[Actor]:
        pair = self._pair(doc, group, memory)
        if pair:
            return pair
        actor = (
            self._known_person(doc, group, day, full_name=True)
            or self._remembered_person(doc, group, memory)
            or self._known_person(doc, group, day, full_name=False)
            or self._placed_person(doc, group)
            or self._organisation(doc, group)
            or self._country(doc, group)
            or self._role_only(doc, group, memory)
        )
        if actor is None:
            return []
        _remember(actor, group, memory, self._kb)
        return [actor]

    @staticmethod
    def _again(actor: Actor, doc: Doc, group: _Group, reason: str) -> Actor:
        """An actor already resolved, now named again by the words of ``group``."""
        start, end = group.span()
        words = doc[start:end]
        span = Span(start=words.start_char, end=words.end_char)
        return dataclasses.replace(actor, span=span, text=words.text, reason=reason)

    def _actor(self, doc: Doc, group: _Group, **fields: object) -> Actor:
        start, end = group.span()
        span = doc[start:end]
        return Actor(
            span=Span(start=span.start_char, end=span.end_char),
            text=span.text,
            **fields,  # type: ignore[arg-type]
        )

    def _known_person(
        self, doc: Doc, group: _Group, day: dt.date, *, full_name: bool
    ) -> Actor | None:
        hit = group.first("person") if full_name else self._titled_alias(doc, group, day)
        if hit is None:
            return None
        person = hit.target
        assert isinstance(person, Person)
        held, former = person.role_on(day)
        if held is None:
            return self._out_of_term(doc, group, person)
        country = held.country
        # CAMEO codes people out of office as elites (ELI), not as the government.
        agent = "ELI" if former else self._kb.role_codes.get(held.role, "GOV")
        code = held.code or f"{self._country_code(country)}{agent}"
        if held.org:
            org = self._kb.organisations.get(held.org)
            code = org.code if org else code
        reason = "kb-person-former" if former else "kb-person"
        return self._actor(
            doc,
            group,
            name=person.name,
            code=code,
            country=country,
            role=held.role,
            kb_id=person.id,
            reason=reason,
            former=former,
        )

    def _out_of_term(self, doc: Doc, group: _Group, person: Person) -> Actor | None:
        """Named before any office we know of: still of their country, with no role."""
        first = min(person.roles, key=lambda r: r.start or dt.date.min, default=None)
        if first is None or first.country is None:
            return None
        return self._actor(
            doc,
            group,
            name=person.name,
            code=self._country_code(first.country),
            country=first.country,
            role=None,
            kb_id=person.id,
            reason="kb-person-out-of-term",
        )

    def _titled_alias(self, doc: Doc, group: _Group, day: dt.date) -> Hit | None:
        """A bare surname: with the title of the office held that day, or with one holder."""
        aliases = [h for h in group.hits if h.kind == "alias" and isinstance(h.target, Person)]
        if not aliases:
            return None
        before = doc[aliases[0].start - 1].lower_ if aliases[0].start > 0 else ""
        for hit in aliases:
            assert isinstance(hit.target, Person)
            held, former = hit.target.role_on(day)
            if held is not None and not former and before in held.title.lower().split():
                return hit
        if doc[aliases[0].start].ent_type_ != "PERSON":
            return None
        holders = [h for h in aliases if isinstance(h.target, Person) and h.target.role_on(day)[0]]
        if len(holders) == 1:
            return holders[0]
        return aliases[0] if not holders and len(aliases) == 1 else None

    def _remembered_person(self, doc: Doc, group: _Group, memory: _Memory) -> Actor | None:
        tokens = group.person_tokens or [doc[h.start] for h in group.hits if h.kind == "alias"]
        if not tokens:
            return None
        seen = memory.people.get(tokens[-1].lower_)
        if seen is None:
            return None
        return self._again(seen, doc, group, "coreference")

    def _place(self, group: _Group) -> tuple[Country, str] | None:
        """The country a group names, directly or through a capital or a region in it."""
        for kind in ("country", "capital", "region"):
            hit = group.first(kind)
            if hit is None:
                continue
            target = hit.target
            if isinstance(target, Region):
                country = self._kb.countries.get(target.country)
                if country is not None:
                    return country, "region"
                continue
            assert isinstance(target, Country)
            return target, kind
        return None

    def _placed_person(self, doc: Doc, group: _Group) -> Actor | None:
        place = self._place(group) if group.person_tokens else None
        if place is None:
            return None
        name = " ".join(t.text for t in group.person_tokens if t.lower_ not in _HONORIFICS)
        role = group.first("role")
        return self._coded(doc, group, place[0], role, name=name, reason="article-affiliation")

    def _organisation(self, doc: Doc, group: _Group) -> Actor | None:
        hit = group.first("organisation")
        if hit is None or self._head_is_place(group):
            return None
        org = hit.target
        assert isinstance(org, Organisation)
        return self._actor(
            doc,
            group,
            name=org.name,
            code=org.code,
            country=org.country,
            role=org.kind,
            kb_id=org.id,
            reason="kb-organisation",
        )

    @staticmethod
    def _head_is_place(group: _Group) -> bool:
        """ "NATO-member Norway" is Norway: the phrase's head noun names the country."""
        return any(
            h.start <= group.head.i < h.end
            for h in group.hits
            if h.kind in {"country", "capital", "region"}
        )

    def _country(self, doc: Doc, group: _Group) -> Actor | None:
        place = self._place(group)
        if place is None:
            return None
        country, kind = place
        role = group.first("role")
        if role is None and kind == "capital":
            # A capital or seat of power standing alone means the government.
            government = next((r for r in self._kb.roles if r.role == "government"), None)
            role = Hit(0, 0, "role", government) if government else None
            reason = "capital-metonym"
        elif group.placed:
            reason = "affiliated-role"
        else:
            reason = ("region" if kind == "region" else "country") + ("-role" if role else "")
        return self._coded(doc, group, country, role, name=country.name, reason=reason)

    def _role_only(self, doc: Doc, group: _Group, memory: _Memory) -> Actor | None:
        """A role that no name in its phrase places: "the country's ministry", "rebels"."""
        hit = _owning_role(group)
        if hit is None or doc[hit.start : hit.end].root.dep_ == "amod" or self._nobody(group):
            return None
        role = hit.target
        assert isinstance(role, RoleTerm)
        known, reason = self._context_country(group, hit, memory)
        country = self._kb.countries.get(known or "")
        if country is not None:
            return self._coded(doc, group, country, hit, name=country.name, reason=reason)
        if not self._stands_alone(doc, group, hit):
            return None
        named = " ".join(t.text for t in group.person_tokens if t.lower_ not in _HONORIFICS)
        return self._actor(
            doc,
            group,
            name=named or doc[hit.start : hit.end].text.lower(),
            code=f"---{role.code}",
            country=None,
            role=role.role,
            kb_id=None,
            reason="role-alone",
        )

    def _context_country(self, group: _Group, hit: Hit, memory: _Memory) -> tuple[str | None, str]:
        """The country the article gave this role: "the country's ministry", "the ministry"."""
        context = self._kb.context
        before = [c.lower_ for c in group.head.children if c.i < group.head.i]
        if any(c.dep_ == "poss" and c.lower_ in context.country_words for c in group.head.children):
            return memory.country, "anaphor-role"
        if hit.alone and any(word in context.definite for word in before):
            assert isinstance(hit.target, RoleTerm)
            return memory.roles.get(hit.target.role), "role-coreference"
        return None, ""

    def _nobody(self, group: _Group) -> bool:
        """ "each government", "..., the ministry said": several actors, or a news source."""
        head, context = group.head, self._kb.context
        many = any(t.lower_ in context.distributive for t in head.doc[head.left_edge.i : head.i])
        return many or (head.dep_ == "nsubj" and head.head.lemma_ in context.reporting)

    @staticmethod
    def _stands_alone(doc: Doc, group: _Group, hit: Hit) -> bool:
        """Whether a role with no country still names someone who acts (see roles.toml)."""
        return (
            hit.alone
            and not group.deferred
            and _headed_by_role(group)
            and not _describes_other(doc, hit)
        )

    def _coded(
        self,
        doc: Doc,
        group: _Group,
        country: Country,
        role_hit: Hit | None,
        *,
        name: str,
        reason: str,
    ) -> Actor:
        role = role_hit.target if role_hit else None
        assert role is None or isinstance(role, RoleTerm)
        return self._actor(
            doc,
            group,
            name=name,
            code=country.code + (role.code if role else ""),
            country=country.iso3,
            role=role.role if role else None,
            kb_id=f"country:{country.iso3}",
            reason=reason,
        )

    def _pair(self, doc: Doc, group: _Group, memory: _Memory) -> list[Actor]:
        """'the two leaders' / 'both leaders': the last two leaders the article named."""
        role = group.first("role")
        if role is None or not isinstance(role.target, RoleTerm) or not role.target.leader:
            return []
        if not any(c.lower_ in _PAIR_WORDS for c in group.head.children) or len(memory.leaders) < 2:
            return []
        return [self._again(a, doc, group, "pair") for a in memory.leaders[-2:]]

    def _country_code(self, iso3: str | None) -> str:
        country = self._kb.countries.get(iso3 or "")
        return country.code if country else (iso3 or "---")


def _owning_role(group: _Group) -> Hit | None:
    """The role whose holders the phrase names: "the commander of the rebels" is a rebel."""
    roles = [h for h in group.hits if h.kind == "role"]
    for hit in roles:
        root = group.head.doc[hit.start : hit.end].root
        if root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head == group.head:
            return hit
    return roles[0] if roles else None


def _headed_by_role(group: _Group) -> bool:
    """ "the rebels", not "military sources" or "a police checkpoint": a role word modifying
    another noun names no one who acts."""
    head = group.head.i
    return any(h.start <= head < h.end for h in group.hits if h.kind == "role")


def _describes_other(doc: Doc, hit: Hit) -> bool:
    """ "rebel-held", "army-run", a title before a name: the role word is not the actor."""
    if hit.end >= len(doc):
        return False
    after = doc[hit.end]
    hyphen = after.text == "-" and not doc[hit.end - 1].whitespace_
    return hyphen or after.ent_type_ == "PERSON"


def _defer_roles(groups: list[_Group]) -> list[_Group]:
    """Mark roles whose phrase names a known actor: "---" would hide the better clue."""
    named = [g for g in groups if not g.unnamed()]
    for group in groups:
        if group.unnamed():
            head = group.head
            inside = range(head.left_edge.i, head.right_edge.i + 1)
            group.deferred = any(g is not group and g.head.i in inside for g in named)
    return groups


def _inside_longer_person(doc: Doc, hit: Hit) -> bool:
    """ "Michel" in "Michel Aoun" is a first name, not Charles Michel: a surname ends a name."""
    if hit.kind != "alias" or doc[hit.start].ent_type_ != "PERSON":
        return False
    end = hit.end
    while end < len(doc) and doc[end].ent_iob_ == "I" and doc[end].ent_type_ == "PERSON":
        end += 1
    return end > hit.end


def _remember(actor: Actor, group: _Group, memory: _Memory, kb: KnowledgeBase) -> None:
    memory.country = actor.country or memory.country
    if actor.country and actor.role:
        memory.roles[actor.role] = actor.country
    if actor.kb_id is None or (actor.kb_id.startswith("country:") and not group.person_tokens):
        return
    surname = actor.name.split()[-1].lower() if actor.name else ""
    person = kb.people.get(actor.kb_id)
    keys = {surname} | ({a.lower() for a in person.aliases} if person else set())
    for key in keys:
        memory.people[key] = actor
    leader_roles = {r.role for r in kb.roles if r.leader}
    if actor.role in leader_roles and all(a.kb_id != actor.kb_id for a in memory.leaders[-1:]):
        memory.leaders = [a for a in memory.leaders if a.kb_id != actor.kb_id] + [actor]


def _merge_appositions(groups: list[_Group]) -> list[_Group]:
    """Join "Japan's prime minister, Sanae Takaichi" (and its mirror) into one group."""
    by_head = {g.head.i: g for g in groups}
    merged: list[_Group] = []
    absorbed: set[int] = set()
    for group in groups:
        if group.head.i in absorbed:
            continue
        for child in group.head.children:
            other = by_head.get(child.i)
            if (
                child.dep_ in {"appos", "conj"}
                and other is not None
                and _joins(group, other, child.dep_)
            ):
                group.hits.extend(other.hits)
                group.person_tokens.extend(other.person_tokens)
                absorbed.add(child.i)
        merged.append(group)
    return [g for g in merged if g.head.i not in absorbed]


def _joins(group: _Group, other: _Group, dep: str) -> bool:
    if dep == "appos":
        # One side names a person, the other places them; two people stay apart.
        return not (group.has_person() and other.has_person())
    # "Chinese air and naval patrols": a role-only conjunct shares the country before it.
    return not other.has_person() and other.first("country") is None and not group.has_person()


def _prepositional_objects(head: Token, preps: frozenset[str]) -> list[Token]:
    """ "for the ministry": the objects of ``head``'s prepositions; "diplomats from Japan
    and China" are two countries', so a coordinated object is none."""
    return [
        obj
        for prep in head.children
        if prep.dep_ == "prep" and prep.lower_ in preps
        for obj in prep.children
        if obj.dep_ == "pobj" and not obj.conjuncts
    ]


def _merge_affiliations(groups: list[_Group], context: RoleContext) -> list[_Group]:
    """Join a role to the actor of its prepositional phrase: "a spokesman for the ministry".

    Only a role that nothing else places takes the phrase's clues, ahead of its own ("a
    spokesman for the rebels" speaks for rebels); "in" joins only roles whose holders
    belong where they are ("police in Baghdad"). The phrase is then no actor of its own.
    """
    by_head = {g.head.i: g for g in groups}
    absorbed: set[int] = set()
    for group in groups:
        role = group.first("role")
        if role is None or not group.unnamed() or group.head.i in absorbed:
            continue
        assert isinstance(role.target, RoleTerm)
        preps = context.affiliation | (context.location if role.target.located else frozenset())
        for obj in _prepositional_objects(group.head, preps):
            other = by_head.get(obj.i)
            if other is not None and other.head.i not in absorbed:
                group.hits[:0] = other.hits
                group.person_tokens.extend(other.person_tokens)
                group.placed = True
                absorbed.add(obj.i)
    return [g for g in groups if g.head.i not in absorbed]
