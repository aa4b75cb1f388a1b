"""The actor knowledge base: countries, organisations, people and roles, from data files.

The bundled files in ``data/`` are loaded once per process. A user file (``--actors``
or the ``actors`` setting) may add entries or override bundled ones by id, in the same
TOML shapes; PETRARCH/Phoenix dictionaries come in through :mod:`.petrarch`.
"""

from __future__ import annotations

import datetime as dt
import functools
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from flashpoint.errors import ConfigError

__all__ = [
    "Country",
    "KnowledgeBase",
    "Organisation",
    "Person",
    "PersonRole",
    "Region",
    "RoleContext",
    "RoleTerm",
    "bundled_kb",
    "load_kb",
]


@dataclass(frozen=True, slots=True, kw_only=True)
class Country:
    iso3: str
    code: str  # the CAMEO country code (usually the ISO3 code)
    name: str
    names: tuple[str, ...] = ()
    adjectives: tuple[str, ...] = ()
    capitals: tuple[str, ...] = ()
    metonyms: tuple[str, ...] = ()
    ambiguous: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True, kw_only=True)
class Organisation:
    id: str
    code: str
    name: str
    names: tuple[str, ...] = ()
    kind: str = "igo"
    ambiguous: frozenset[str] = frozenset()
    country: str | None = None  # home country of a national group (party, armed group)


@dataclass(frozen=True, slots=True, kw_only=True)
class Region:
    """A province, state, city or territory: where an actor is, and so whose it is."""

    name: str
    names: tuple[str, ...] = ()
    country: str
    kind: str = "region"
    ambiguous: bool = False


@dataclass(frozen=True, slots=True, kw_only=True)
class PersonRole:
    role: str
    title: str
    country: str | None  # ISO3
    org: str | None
    start: dt.date | None
    end: dt.date | None
    source: str
    code: str | None = None  # a full code fixed by a dictionary (e.g. PETRARCH's "IGOUNO")

    def holds_on(self, day: dt.date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day < self.end)


@dataclass(frozen=True, slots=True, kw_only=True)
class Person:
    id: str
    name: str
    aliases: tuple[str, ...] = ()
    gender: str | None = None
    roles: tuple[PersonRole, ...] = ()

    def role_on(self, day: dt.date) -> tuple[PersonRole | None, bool]:
        """The role held on ``day`` (latest start first), else the last one before it.

        The flag is True when the person no longer held any role then (a former official:
        they keep their country and are marked former).
        """
        current = [r for r in self.roles if r.holds_on(day)]
        if current:
            return max(current, key=lambda r: r.start or dt.date.min), False
        past = [r for r in self.roles if r.end is not None and r.end <= day]
        if past:
            return max(past, key=lambda r: r.end or dt.date.min), True
        return None, False


@dataclass(frozen=True, slots=True, kw_only=True)
class RoleTerm:
    role: str
    code: str
    terms: tuple[str, ...]
    leader: bool = False
    # Words that name an actor with no country given, coded "---" + code as CAMEO does.
    alone: tuple[str, ...] = ()
    # Whether "in <place>" says whose the holders are: police in Baghdad are Iraqi, troops
    # or diplomats in Baghdad need not be.
    located: bool = False


@dataclass(frozen=True, slots=True, kw_only=True)
class RoleContext:
    """Words around a role that give its country (see ``roles.toml``)."""

    country_words: frozenset[str] = frozenset()  # "the country's": the country last named
    affiliation: frozenset[str] = frozenset()  # "a spokesman for", "troops from"
    location: frozenset[str] = frozenset()  # "police in Baghdad", for located roles
    reporting: frozenset[str] = frozenset()  # "an official said": a source, not an actor
    definite: frozenset[str] = frozenset()  # "the ministry": the one the article named
    distributive: frozenset[str] = frozenset()  # "each government": several, no one actor

    def merged(self, other: RoleContext) -> RoleContext:
        return RoleContext(
            country_words=self.country_words | other.country_words,
            affiliation=self.affiliation | other.affiliation,
            location=self.location | other.location,
            reporting=self.reporting | other.reporting,
            definite=self.definite | other.definite,
            distributive=self.distributive | other.distributive,
        )


@dataclass(frozen=True, slots=True, kw_only=True)
class KnowledgeBase:
    countries: Mapping[str, Country]  # by ISO3
    organisations: Mapping[str, Organisation]  # by id
    people: Mapping[str, Person]  # by id
    roles: tuple[RoleTerm, ...]
    role_codes: Mapping[str, str] = field(default_factory=dict)  # role name -> agent code
    regions: Mapping[str, Region] = field(default_factory=dict)  # by name
    context: RoleContext = RoleContext()

    def merged(self, other: KnowledgeBase) -> KnowledgeBase:
        """This base with ``other``'s entries added; same ids are replaced by ``other``'s."""
        roles = {r.role: r for r in self.roles} | {r.role: r for r in other.roles}
        return KnowledgeBase(
            countries={**self.countries, **other.countries},
            organisations={**self.organisations, **other.organisations},
            people={**self.people, **other.people},
            roles=tuple(roles.values()),
            role_codes={r.role: r.code for r in roles.values()},
            regions={**self.regions, **other.regions},
            context=self.context.merged(other.context),
        )


def _strings(raw: Mapping[str, Any], key: str, where: str) -> tuple[str, ...]:
    value = raw.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where}: {key!r} must be a list of strings")
    return tuple(value)


def _required(raw: Mapping[str, Any], key: str, where: str) -> str:
    value = raw.get(key)
    if not isinstance(value, str) or not value:
        raise ConfigError(f"{where}: {key!r} must be a non-empty string")
    return value


def _date(value: Any, where: str) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise ConfigError(f"{where}: {value!r} is not an ISO date") from None


def _country(raw: Mapping[str, Any], where: str) -> Country:
    iso3 = _required(raw, "iso3", where)
    return Country(
        iso3=iso3,
        code=str(raw.get("cameo") or iso3),
        name=_required(raw, "name", where),
        names=_strings(raw, "names", where),
        adjectives=_strings(raw, "adjectives", where),
        capitals=_strings(raw, "capitals", where),
        metonyms=_strings(raw, "metonyms", where),
        ambiguous=frozenset(_strings(raw, "ambiguous", where)),
    )


def _organisation(raw: Mapping[str, Any], where: str) -> Organisation:
    return Organisation(
        id=_required(raw, "id", where),
        code=_required(raw, "code", where),
        name=_required(raw, "name", where),
        names=_strings(raw, "names", where),
        kind=str(raw.get("kind", "igo")),
        ambiguous=frozenset(_strings(raw, "ambiguous", where)),
        country=raw.get("country") or None,
    )


def _region(raw: Mapping[str, Any], where: str) -> Region:
    return Region(
        name=_required(raw, "name", where),
        names=_strings(raw, "names", where),
        country=_required(raw, "country", where),
        kind=str(raw.get("kind", "region")),
        ambiguous=bool(raw.get("ambiguous", False)),
    )


def _person(raw: Mapping[str, Any], where: str) -> Person:
    roles = tuple(
        PersonRole(
            role=_required(r, "role", where),
            title=str(r.get("title", "")),
            country=r.get("country") or None,
            org=r.get("org") or None,
            start=_date(r.get("start"), where),
            end=_date(r.get("end"), where),
            source=str(r.get("source", "")),
            code=r.get("code") or None,
        )
        for r in raw.get("role", [])
    )
    return Person(
        id=_required(raw, "id", where),
        name=_required(raw, "name", where),
        aliases=_strings(raw, "aliases", where),
        gender=raw.get("gender") or None,
        roles=roles,
    )


def _role(raw: Mapping[str, Any], where: str) -> RoleTerm:
    return RoleTerm(
        role=_required(raw, "role", where),
        code=_required(raw, "code", where),
        terms=_strings(raw, "terms", where),
        leader=bool(raw.get("leader", False)),
        alone=_strings(raw, "alone", where),
        located=bool(raw.get("located", False)),
    )


def _context(doc: Mapping[str, Any], origin: str) -> RoleContext:
    raw = doc.get("context", {})
    if not isinstance(raw, dict):
        raise ConfigError(f"{origin}: [context] must be a table")
    where = f"{origin}, context"
    return RoleContext(
        country_words=frozenset(_strings(raw, "country_words", where)),
        affiliation=frozenset(_strings(raw, "affiliation", where)),
        location=frozenset(_strings(raw, "location", where)),
        reporting=frozenset(_strings(raw, "reporting", where)),
        definite=frozenset(_strings(raw, "definite", where)),
        distributive=frozenset(_strings(raw, "distributive", where)),
    )


def _table(doc: Mapping[str, Any], key: str, origin: str) -> list[Mapping[str, Any]]:
    entries = doc.get(key, [])
    if not isinstance(entries, list):
        raise ConfigError(f"{origin}: [[{key}]] must be an array of tables")
    return entries


def parse_kb(text: str, origin: str) -> KnowledgeBase:
    """A knowledge base from one TOML document holding any of the entry kinds."""
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{origin}: not valid TOML: {exc}") from exc
    if doc.get("version", 1) != 1:
        raise ConfigError(f"{origin}: expected 'version = 1'")

    def each(key: str) -> Iterable[tuple[Mapping[str, Any], str]]:
        return ((raw, f"{origin}, {key} {i + 1}") for i, raw in enumerate(_table(doc, key, origin)))

    roles = tuple(_role(r, w) for r, w in each("role"))
    return KnowledgeBase(
        countries={c.iso3: c for c in (_country(r, w) for r, w in each("country"))},
        organisations={o.id: o for o in (_organisation(r, w) for r, w in each("organisation"))},
        people={p.id: p for p in (_person(r, w) for r, w in each("person"))},
        roles=roles,
        role_codes={r.role: r.code for r in roles},
        regions={g.name: g for g in (_region(r, w) for r, w in each("region"))},
        context=_context(doc, origin),
    )


@functools.cache
def bundled_kb() -> KnowledgeBase:
    """Every TOML file in the package's ``data/`` folder, in name order."""
    base = KnowledgeBase(countries={}, organisations={}, people={}, roles=())
    folder = resources.files("flashpoint.actors").joinpath("data")
    files = sorted((f for f in folder.iterdir() if f.name.endswith(".toml")), key=lambda f: f.name)
    for file in files:
        base = base.merged(parse_kb(file.read_text("utf-8"), file.name))
    return base


@functools.cache
def load_kb(extra: tuple[str, ...] = ()) -> KnowledgeBase:
    """The bundled base plus user files: flashpoint TOML, or PETRARCH ``.txt`` dictionaries."""
    from flashpoint.actors.petrarch import parse_petrarch

    base = bundled_kb()
    for name in extra:
        path = Path(name)
        try:
            text = path.read_text("utf-8")
        except OSError as exc:
            raise ConfigError(f"cannot read actor file {path}: {exc.strerror}") from exc
        user = parse_kb(text, str(path)) if path.suffix == ".toml" else parse_petrarch(text, path)
        base = base.merged(user)
    return base
