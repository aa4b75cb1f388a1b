"""Read PETRARCH/Phoenix actor and agent dictionaries, so PETRARCH users can migrate.

Actor dictionaries list a name, ``+`` synonyms, and codes in brackets, each optionally
bounded in time (``[USAGOV >20170120]``, ``[KORGOVBUS 040117-061201]``). Agent
dictionaries map words to agent codes (``FARMER [~AGR]``), with ``!MACRO! = A, B``
substitutions. Underscores stand for spaces. The format is read from its documentation
in the PETRARCH manual; this is flashpoint's own reader.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from flashpoint.actors.kb import KnowledgeBase, Person, PersonRole, RoleTerm
from flashpoint.errors import ConfigError

__all__ = ["parse_petrarch"]

_CODE = re.compile(r"\[([^\]]+)\]")
_MACRO = re.compile(r"^(![A-Z]+!)\s*=\s*(.+)$")
_RESTRICTION = re.compile(r"^([<>])?\s*(\d{6}|\d{8})(?:\s*-\s*(\d{6}|\d{8}))?$")
_CENTURY_PIVOT = 30  # two-digit years up to this are 20xx; PETRARCH files reach back to the 1930s


def _phrase(raw: str) -> str:
    return " ".join(raw.replace("_", " ").split()).lower()


def _day(text: str) -> dt.date:
    if len(text) == 6:
        year = int(text[:2])
        text = f"{2000 + year if year <= _CENTURY_PIVOT else 1900 + year}{text[2:]}"
    return dt.date(int(text[:4]), int(text[4:6]), int(text[6:8]))


def _role_of(code_text: str, where: str) -> PersonRole:
    code, _, restriction = code_text.strip().partition(" ")
    start = end = None
    restriction = restriction.strip()
    if restriction:
        found = _RESTRICTION.match(restriction)
        if found is None:
            raise ConfigError(f"{where}: cannot read date restriction {restriction!r}")
        try:
            if found[1] == ">":
                start = _day(found[2])
            elif found[1] == "<":
                end = _day(found[2])
            else:
                start, end = _day(found[2]), _day(found[3]) if found[3] else None
        except ValueError:
            raise ConfigError(f"{where}: bad date in {restriction!r}") from None
    country = None if code.startswith("IGO") or code.startswith("---") else code[:3]
    return PersonRole(
        role="dictionary",
        title="",
        country=country,
        org=None,
        start=start,
        end=end,
        source=where,
        code=code,
    )


def _actors(lines: list[tuple[int, str]], origin: str) -> dict[str, Person]:
    people: dict[str, Person] = {}
    names: list[str] = []
    roles: list[PersonRole] = []

    def flush() -> None:
        if names and roles:
            key = f"petrarch:{names[0]}"
            people[key] = Person(
                id=key, name=names[0].title(), aliases=tuple(names), roles=tuple(roles)
            )
        names.clear()
        roles.clear()

    for number, line in lines:
        where = f"{origin}:{number}"
        body = _CODE.sub("", line).strip()
        codes = _CODE.findall(line)
        if body and not body.startswith("+"):
            flush()
        if body:
            names.append(_phrase(body.lstrip("+")))
        roles.extend(_role_of(code, where) for code in codes if not code.startswith("~"))
    flush()
    return people


def _agents(lines: list[tuple[int, str]]) -> tuple[RoleTerm, ...]:
    macros: dict[str, list[str]] = {}
    by_code: dict[str, list[str]] = {}
    for _, line in lines:
        macro = _MACRO.match(line)
        if macro:
            macros[macro[1]] = [w.strip() for w in macro[2].split(",") if w.strip()]
            continue
        codes = _CODE.findall(line)
        term = _CODE.sub("", line).strip()
        if not codes or not term:
            continue
        code = codes[0].strip().strip("~").split()[0]
        variants = [term]
        for name, words in macros.items():
            if name in term:
                variants = [v.replace(name, w) for v in variants for w in words]
        by_code.setdefault(code, []).extend(_phrase(v) for v in variants)
    # PETRARCH codes an agent named without a country as "---" + its code.
    return tuple(
        RoleTerm(
            role=f"petrarch-{code.lower()}",
            code=code,
            terms=tuple(sorted(set(terms))),
            alone=tuple(sorted(set(terms))),
        )
        for code, terms in by_code.items()
    )


def parse_petrarch(text: str, path: Path) -> KnowledgeBase:
    """A knowledge base from a PETRARCH actor or agent dictionary (told apart by ``~`` codes)."""
    lines = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.split("#", 1)[0].rstrip()
        # Some files carry XML-style comment lines ("<!-- DATE RESTRICTIONS [DATE records] -->").
        if line.strip() and not line.lstrip().startswith("<!"):
            lines.append((number, line))
    is_agents = sum("[~" in line for _, line in lines) > len(lines) // 2
    if is_agents:
        roles = _agents(lines)
        return KnowledgeBase(
            countries={},
            organisations={},
            people={},
            roles=roles,
            role_codes={r.role: r.code for r in roles},
        )
    return KnowledgeBase(countries={}, organisations={}, people=_actors(lines, str(path)), roles=())
