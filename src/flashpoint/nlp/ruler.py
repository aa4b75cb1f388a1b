"""spaCy's attribute ruler, compiled: the same token attributes, set by table lookups.

In the English pipelines the attribute ruler maps each tag to its part of speech and
morphology and fixes a few lemmas, through about 180 Matcher patterns. Matching them
cost a tenth of the whole parse (benchmarks/RESULTS.md), although almost every pattern
is one token tested for plain equality (``{"TAG": "NN"}``, ``{"LOWER": "ai", "TAG":
"VBP"}``), which a dictionary answers. Those are looked up here; the few others (more
than one token, or ``IN``/``REGEX`` tests) still go through a Matcher. Which patterns
apply to a token, and that later ones win, is exactly spaCy's rule
(``tests/test_nlp_ruler.py`` compares every token of the demo corpus).
"""

from __future__ import annotations

import functools
import itertools
import re
from collections import defaultdict
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

__all__ = ["FACTORY", "CompiledRuler", "register"]

FACTORY = "flashpoint_attribute_ruler"

#: Token attributes a compiled test may read: string attributes compare as hashes.
_STRINGS = ("ORTH", "LOWER", "NORM", "TAG", "DEP")
_FLAGS = ("IS_SPACE", "IS_PUNCT", "IS_ALPHA", "IS_DIGIT")
_KNOWN = frozenset(_STRINGS + _FLAGS)
_OPERATORS = frozenset({"IN", "NOT_IN", "REGEX"})

Groups = tuple[int, ...]
Row = tuple[int, ...]
Spec = Mapping[str, Any]


@dataclass(frozen=True, slots=True, kw_only=True)
class _Test:
    """One single-token pattern: equal values are the table key, the rest checked here."""

    group: int
    excluded: tuple[tuple[str, frozenset[int]], ...] = ()  # NOT_IN
    searched: tuple[tuple[str, re.Pattern[str]], ...] = ()  # REGEX


def _compilable(pattern: Sequence[Spec], index: int) -> bool:
    if len(pattern) != 1 or index not in (0, -1):
        return False
    spec = pattern[0]
    return all(
        key in _KNOWN and (not isinstance(value, dict) or set(value) <= _OPERATORS)
        for key, value in spec.items()
    ) and not any(k in _FLAGS and isinstance(v, dict) for k, v in spec.items())


class CompiledRuler:
    """Sets what ``AttributeRuler`` would, for the same patterns, with lookups."""

    def __init__(self, nlp: Language, patterns: list[dict[str, Any]]) -> None:
        from spacy.matcher import Matcher
        from spacy.pipeline import AttributeRuler

        # spaCy's own ruler normalises the attributes (names to ids, morphology to hashes).
        ruler = AttributeRuler(nlp.vocab)
        ruler.add_patterns(patterns)
        self._attrs: list[dict[int, Any]] = list(ruler.attrs)
        self._strings = nlp.vocab.strings
        self._matcher = Matcher(nlp.vocab)
        self._indices: dict[int, int] = {}
        self._tables: dict[tuple[str, ...], dict[Row, list[_Test]]] = defaultdict(dict)
        for group, entry in enumerate(patterns):
            index = entry.get("index", 0)
            other = [p for p in entry["patterns"] if not _compilable(p, index)]
            for pattern in entry["patterns"]:
                if _compilable(pattern, index):
                    self._add(group, pattern[0])
            if other:
                self._matcher.add(str(group), other)
                self._indices[group] = index
        keys = {k for keyset in self._tables for k in keyset}
        keys |= {k for tests in self._all_tests() for k, _ in tests.excluded + tests.searched}
        self._columns = tuple(sorted(keys))
        # Where each table's key sits in a token's row, worked out once.
        self._keyed = [
            (tuple(self._columns.index(k) for k in keyset), table)
            for keyset, table in self._tables.items()
        ]
        # Rows repeat (the same word, tag and relation): bounded so memory stays flat.
        self._plain_groups = functools.lru_cache(maxsize=65536)(self._lookup)
        self._merged = functools.lru_cache(maxsize=4096)(self._merge)

    def _all_tests(self) -> Iterator[_Test]:
        for table in self._tables.values():
            for tests in table.values():
                yield from tests

    def _hash(self, key: str, value: Any) -> int:
        return int(bool(value)) if key in _FLAGS else int(self._strings.add(str(value)))

    def _add(self, group: int, spec: Spec) -> None:
        equal = {k: v for k, v in spec.items() if not isinstance(v, dict)}
        equal |= {k: v["IN"] for k, v in spec.items() if isinstance(v, dict) and "IN" in v}
        test = _Test(
            group=group,
            excluded=tuple(
                (k, frozenset(self._hash(k, x) for x in v["NOT_IN"]))
                for k, v in spec.items()
                if isinstance(v, dict) and "NOT_IN" in v
            ),
            searched=tuple(
                (k, re.compile(v["REGEX"]))
                for k, v in spec.items()
                if isinstance(v, dict) and "REGEX" in v
            ),
        )
        keys = tuple(sorted(equal))
        choices = [v if isinstance(v, list) else [v] for v in (equal[k] for k in keys)]
        for values in itertools.product(*choices):
            row = tuple(self._hash(k, v) for k, v in zip(keys, values, strict=True))
            self._tables[keys].setdefault(row, []).append(test)

    def _passes(self, test: _Test, row: Row) -> bool:
        value = dict(zip(self._columns, row, strict=True))
        if any(value[k] in hashes for k, hashes in test.excluded):
            return False
        return all(rx.search(self._strings[value[k]]) for k, rx in test.searched)

    def _lookup(self, row: Row) -> Groups:
        found: set[int] = set()
        for positions, table in self._keyed:
            key = tuple(row[i] for i in positions)
            found.update(t.group for t in table.get(key, ()) if self._passes(t, row))
        return tuple(sorted(found))

    def _merge(self, groups: Groups) -> dict[int, Any]:
        merged: dict[int, Any] = {}
        for group in groups:  # ascending: a later pattern overrides an earlier one
            merged.update(self._attrs[group])
        return merged

    def _matched(self, doc: Doc) -> dict[int, set[int]]:
        extra: dict[int, set[int]] = defaultdict(set)
        for match_id, start, end in self._matcher(doc, allow_missing=True):
            group = int(doc.vocab.strings[match_id])
            index = self._indices[group]
            extra[(start if index >= 0 else end) + index].add(group)
        return extra

    def __call__(self, doc: Doc) -> Doc:
        from spacy.tokens._retokenize import set_token_attrs

        width = len(self._columns)
        rows = doc.to_array(list(self._columns)).reshape(len(doc), width).tolist()
        extra = self._matched(doc) if self._indices else {}
        for i, row in enumerate(rows):
            groups = self._plain_groups(tuple(row))
            if i in extra:
                groups = tuple(sorted(set(groups) | extra[i]))
            if groups:
                set_token_attrs(doc[i], self._merged(groups))
        return doc


def register() -> None:
    """Make the compiled ruler available to ``nlp.replace_pipe`` (once per process)."""
    from spacy.language import Language

    if Language.has_factory(FACTORY):
        return

    def make(nlp: Language, name: str, patterns: list[dict[str, Any]]) -> CompiledRuler:
        return CompiledRuler(nlp, patterns)

    Language.factory(FACTORY, func=make)
