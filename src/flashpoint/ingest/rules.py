"""Cleaning rules: loaded from TOML data files, applied block by block.

The bundled rules live in ``rules/cleaning.toml`` beside this module; users append
their own with the ``cleaning_rules`` setting. Loading validates every field and
compiles every pattern once, so a typo in a rule file fails at start-up with the
file and rule named, never half-way through a batch.
"""

from __future__ import annotations

import functools
import re
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any, Literal, cast

from flashpoint.errors import RuleError
from flashpoint.model import BlockKind, Removal

__all__ = ["CleanBlock", "Rule", "apply_rules", "bundled_rules", "load_rules"]

Action = Literal["drop", "strip", "dateline"]
_ACTIONS: frozenset[str] = frozenset({"drop", "strip", "dateline"})
_KINDS: frozenset[str] = frozenset({"headline", "paragraph", "caption"})
_FIELDS = frozenset({"name", "action", "patterns", "max_words", "kind", "help"})


@dataclass(frozen=True, slots=True, kw_only=True)
class Rule:
    name: str
    action: Action
    patterns: tuple[re.Pattern[str], ...]
    max_words: int | None
    kind: BlockKind | None
    help: str
    origin: str  # the file it came from, for error messages and `flashpoint rules`

    def match(self, text: str) -> re.Match[str] | None:
        if self.max_words is not None and len(text.split()) > self.max_words:
            return None
        for pattern in self.patterns:
            found = pattern.search(text)
            if found is not None:
                return found
        return None


@dataclass(frozen=True, slots=True, kw_only=True)
class CleanBlock:
    """A block on its way through the rules: its text and kind may change, or it may go."""

    text: str
    kind: BlockKind


def _compile(raw: dict[str, Any], origin: str, index: int) -> Rule:
    where = f"{origin}, rule {index + 1} ({raw.get('name', '?')})"
    unknown = set(raw) - _FIELDS
    if unknown:
        raise RuleError(f"{where}: unknown field(s) {', '.join(sorted(unknown))}")
    name, action, patterns = raw.get("name"), raw.get("action"), raw.get("patterns")
    if not isinstance(name, str) or not name:
        raise RuleError(f"{where}: 'name' must be a non-empty string")
    if action not in _ACTIONS:
        raise RuleError(f"{where}: 'action' must be one of {sorted(_ACTIONS)}")
    if not isinstance(patterns, list) or not patterns:
        raise RuleError(f"{where}: 'patterns' must be a non-empty list of regexes")
    kind = raw.get("kind")
    if kind is not None and kind not in _KINDS:
        raise RuleError(f"{where}: 'kind' must be one of {sorted(_KINDS)}")
    max_words = raw.get("max_words")
    if max_words is not None and (not isinstance(max_words, int) or max_words < 1):
        raise RuleError(f"{where}: 'max_words' must be a positive integer")
    try:
        compiled = tuple(re.compile(p) for p in patterns)
    except (re.error, TypeError) as exc:
        raise RuleError(f"{where}: bad pattern: {exc}") from exc
    return Rule(
        name=name,
        action=cast(Action, action),
        patterns=compiled,
        max_words=max_words,
        kind=cast(BlockKind | None, kind),
        help=str(raw.get("help", "")),
        origin=origin,
    )


def _parse(data: bytes, origin: str) -> tuple[Rule, ...]:
    try:
        doc = tomllib.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise RuleError(f"{origin}: not a valid TOML rule file: {exc}") from exc
    if doc.get("version") != 1:
        raise RuleError(f"{origin}: expected 'version = 1'")
    rules = doc.get("rule", [])
    if not isinstance(rules, list):
        raise RuleError(f"{origin}: rules must be [[rule]] tables")
    return tuple(_compile(raw, origin, i) for i, raw in enumerate(rules))


@functools.cache
def bundled_rules() -> tuple[Rule, ...]:
    data = resources.files("flashpoint.ingest").joinpath("rules/cleaning.toml").read_bytes()
    return _parse(data, "bundled cleaning.toml")


@functools.cache
def load_rules(extra_file: str = "") -> tuple[Rule, ...]:
    """The bundled rules followed by the user's (``extra_file``, empty for none)."""
    if not extra_file:
        return bundled_rules()
    path = Path(extra_file)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise RuleError(f"cannot read cleaning rules {path}: {exc.strerror}") from exc
    return bundled_rules() + _parse(data, str(path))


def _apply_one(
    rule: Rule, block: CleanBlock, removed: list[Removal], datelines: list[str]
) -> CleanBlock | None:
    found = rule.match(block.text)
    if found is None:
        return block
    if rule.action != "strip":
        if rule.action == "dateline":
            datelines.append(block.text)
        removed.append(Removal(rule=rule.name, text=block.text, whole_block=True))
        return None
    rest = (block.text[: found.start()] + block.text[found.end() :]).strip()
    removed.append(Removal(rule=rule.name, text=found.group(0).strip(), whole_block=not rest))
    if not rest:
        return None
    return CleanBlock(text=rest, kind=rule.kind or block.kind)


def apply_rules(
    blocks: Sequence[CleanBlock], rules: Sequence[Rule]
) -> tuple[list[CleanBlock], list[Removal], list[str]]:
    """Run every rule over every block, in rule-file order.

    Returns the kept blocks, what was removed (in document order, with the rule), and
    the text of dateline blocks for publication-date detection.
    """
    kept: list[CleanBlock] = []
    removed: list[Removal] = []
    datelines: list[str] = []
    for block in blocks:
        current: CleanBlock | None = block
        for rule in rules:
            if current is None:
                break
            current = _apply_one(rule, current, removed, datelines)
        if current is not None:
            kept.append(current)
    return kept, removed, datelines
