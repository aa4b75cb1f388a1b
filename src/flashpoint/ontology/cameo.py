"""The CAMEO event codebook, loaded from the bundled ``data/cameo.toml``.

Each code carries a short label, its Goldstein value and its PLOVER event type and
mode. The quad class is not stored: it follows from the two-digit root.
"""

from __future__ import annotations

import functools
import math
import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from importlib.resources import files
from typing import Any, ClassVar, Final

from flashpoint.errors import ConfigError, RuleError

__all__ = ["PLOVER_TYPES", "EventType", "Ontology", "ontology", "parse_ontology", "quad_class"]

#: The 16 PLOVER event types, sorted.
PLOVER_TYPES: Final[tuple[str, ...]] = (
    "ACCUSE",
    "AGREE",
    "AID",
    "ASSAULT",
    "COERCE",
    "CONCEDE",
    "CONSULT",
    "COOPERATE",
    "MOBILIZE",
    "PROTEST",
    "REJECT",
    "REQUEST",
    "RETREAT",
    "SANCTION",
    "SUPPORT",
    "THREATEN",
)

_CODE = re.compile(r"[0-9]{2,4}")
_DATA_FILE = "cameo.toml"
_ROOTS: Final = range(1, 21)
# Last root of each quad class: 01-05 verbal cooperation, 06-08 material cooperation,
# 09-13 verbal conflict, 14-20 material conflict.
_QUAD_ENDS: Final = (5, 8, 13, 20)


def quad_class(code: str) -> int:
    """The quad class (1-4) of a CAMEO code, from its two-digit root."""
    if not isinstance(code, str) or not _CODE.fullmatch(code):
        raise ConfigError(f"not a CAMEO event code: {code!r} (expected 2-4 digits, e.g. '041')")
    root = int(code[:2])
    if root not in _ROOTS:
        raise ConfigError(f"not a CAMEO event code: {code!r} (roots run from 01 to 20)")
    return next(quad for quad, end in enumerate(_QUAD_ENDS, start=1) if root <= end)


@dataclass(frozen=True, slots=True, kw_only=True)
class EventType:
    """One CAMEO event code."""

    code: str
    name: str
    goldstein: float
    plover: str | None
    plover_mode: str | None

    @property
    def root(self) -> str:
        """The two-digit root category, e.g. ``"04"`` for ``"041"``."""
        return self.code[:2]

    @property
    def quad_class(self) -> int:
        """1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict."""
        return quad_class(self.code)


class Ontology:
    """All CAMEO event codes, looked up by code."""

    PLOVER_TYPES: ClassVar[tuple[str, ...]] = PLOVER_TYPES

    __slots__ = ("_events",)

    def __init__(self, events: Iterable[EventType]) -> None:
        self._events: dict[str, EventType] = {}
        for event in events:
            if event.code in self._events:
                raise RuleError(f"CAMEO code {event.code!r} is defined twice")
            self._events[event.code] = event
        for event in self._events.values():
            if event.root not in self._events:
                raise RuleError(f"CAMEO code {event.code!r} has no root {event.root!r}")

    def get(self, code: str) -> EventType:
        """The event type for ``code``; :class:`ConfigError` if there is none."""
        try:
            return self._events[code]
        except (KeyError, TypeError):
            raise ConfigError(
                f"unknown CAMEO event code {code!r}: codes are strings of 2-4 digits "
                f"such as '04', '041' or '1041' ({len(self._events)} are defined)"
            ) from None

    def __contains__(self, code: object) -> bool:
        return isinstance(code, str) and code in self._events

    def __len__(self) -> int:
        return len(self._events)

    def codes(self) -> tuple[str, ...]:
        """Every code, in codebook order."""
        return tuple(self._events)

    def root_label(self, code: str) -> str:
        """The label of the root category ``code`` belongs to, e.g. ``"Consult"`` for 041."""
        return self._events[self.get(code).root].name


def _text(raw: Mapping[str, Any], key: str, where: str) -> str:
    value = raw.get(key)
    if not isinstance(value, str):
        raise RuleError(f"{where}: {key!r} must be a string")
    return value


def _event(raw: object, where: str) -> EventType:
    if not isinstance(raw, Mapping):
        raise RuleError(f"{where}: expected a [[code]] table")
    code = _text(raw, "code", where)
    where = f"{where} (code {code!r})"
    if not _CODE.fullmatch(code) or int(code[:2]) not in _ROOTS:
        raise RuleError(f"{where}: a code is 2-4 digits with a root from 01 to 20")
    name = _text(raw, "name", where).strip()
    if not name:
        raise RuleError(f"{where}: 'name' is empty")
    goldstein = raw.get("goldstein")
    if isinstance(goldstein, bool) or not isinstance(goldstein, int | float):
        raise RuleError(f"{where}: 'goldstein' must be a number")
    if not (math.isfinite(goldstein) and -10.0 <= goldstein <= 10.0):
        raise RuleError(f"{where}: 'goldstein' must lie in [-10, 10], not {goldstein}")
    plover = _text(raw, "plover", where)
    if plover and plover not in PLOVER_TYPES:
        raise RuleError(f"{where}: 'plover' must be one of {', '.join(PLOVER_TYPES)} or ''")
    mode = _text(raw, "plover_mode", where)
    return EventType(
        code=code,
        name=name,
        goldstein=float(goldstein),
        plover=plover or None,
        plover_mode=mode or None,
    )


def parse_ontology(text: str, origin: str) -> Ontology:
    """An :class:`Ontology` from a TOML document of ``[[code]]`` tables."""
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise RuleError(f"{origin}: not valid TOML: {exc}") from exc
    entries = doc.get("code")
    if not isinstance(entries, list) or not entries:
        raise RuleError(f"{origin}: expected a non-empty array of [[code]] tables")
    return Ontology(_event(raw, f"{origin}, [[code]] {i + 1}") for i, raw in enumerate(entries))


@functools.cache
def ontology() -> Ontology:
    """The bundled CAMEO codebook (read once)."""
    resource = files("flashpoint.ontology").joinpath("data").joinpath(_DATA_FILE)
    text = resource.read_text(encoding="utf-8")
    return parse_ontology(text, _DATA_FILE)
