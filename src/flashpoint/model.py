"""The records that flow between flashpoint's stages.

Every record is a frozen, slotted, keyword-only dataclass built from the standard
library alone, so any stage can depend on this module and on nothing else. Offsets
are always character offsets into ``Article.text`` (Python string indices, end
exclusive), which makes ``article.text[span.start:span.end]`` the evidence itself.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Literal

__all__ = [
    "Actor",
    "Article",
    "Block",
    "BlockKind",
    "Document",
    "DocumentFormat",
    "Event",
    "Location",
    "Mention",
    "Modality",
    "Removal",
    "Sentence",
    "Skip",
    "SkipReason",
    "Span",
    "When",
    "to_dict",
]

BlockKind = Literal["headline", "paragraph", "caption"]
DocumentFormat = Literal["html", "text"]
Modality = Literal["asserted", "negated", "hypothetical", "future"]


class SkipReason(StrEnum):
    """Why an input produced no article. The value is the stable, machine-readable code."""

    EMPTY = "empty"
    BINARY = "binary"
    TOO_LARGE = "too-large"
    UNDECODABLE = "undecodable"
    MALFORMED = "malformed"
    UNSUPPORTED = "unsupported"
    NOT_FOUND = "not-found"
    UNREACHABLE = "unreachable"
    HTTP_ERROR = "http-error"
    BAD_RECORD = "bad-record"
    FEED_ITEM = "feed-item"
    NO_TEXT = "no-text"
    LANGUAGE = "language"
    FAILED = "failed"  # coding raised; the detail names the error, the batch goes on


@dataclass(frozen=True, slots=True, kw_only=True)
class Span:
    """A half-open character range ``[start, end)`` into an article's text."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"bad span [{self.start}, {self.end})")

    def text_of(self, text: str) -> str:
        return text[self.start : self.end]


@dataclass(frozen=True, slots=True, kw_only=True)
class Document:
    """One raw input before extraction: what a source yielded, nothing interpreted yet."""

    source: str  # where it came from: a path, a URL, "stdin", or "path:line" for JSONL
    content: str
    format: DocumentFormat
    id: str | None = None  # the caller's own id (JSONL ``id``), kept beside ours
    url: str | None = None
    title: str | None = None
    published: dt.date | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Block:
    """A kept piece of the article text (headline, paragraph or caption)."""

    kind: BlockKind
    span: Span


@dataclass(frozen=True, slots=True, kw_only=True)
class Removal:
    """Text taken out by a cleaning rule, kept so nothing disappears without a reason."""

    rule: str
    text: str
    whole_block: bool  # False when only part of a block went (e.g. a glued photo credit)


@dataclass(frozen=True, slots=True, kw_only=True)
class Article:
    """Clean article text with its metadata and a record of everything removed."""

    id: str  # hash of the normalised text: the same story text always gets the same id
    source: str
    text: str
    blocks: tuple[Block, ...]
    removed: tuple[Removal, ...] = ()
    title: str | None = None
    url: str | None = None
    published: dt.date | None = None
    published_source: str | None = None  # "input", "html-metadata", "text-dateline", "default"
    language: str | None = None
    author: str | None = None
    site: str | None = None
    input_id: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Skip:
    """An input that produced no article, and why; batches record these and go on."""

    source: str
    reason: SkipReason
    detail: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Sentence:
    span: Span
    block: int  # index into Article.blocks


@dataclass(frozen=True, slots=True, kw_only=True)
class Mention:
    """A named-entity or dictionary match in the text, before it is resolved to an actor."""

    span: Span
    text: str
    label: str  # spaCy entity label or dictionary category


@dataclass(frozen=True, slots=True, kw_only=True)
class Actor:
    span: Span
    text: str
    name: str
    code: str  # CAMEO-style composite code, e.g. "CHNGOV"
    country: str | None  # ISO3, or None for international organisations
    role: str | None
    kb_id: str | None
    reason: str  # the rule that resolved it
    former: bool = False


@dataclass(frozen=True, slots=True, kw_only=True)
class When:
    value: str | None  # "YYYY-MM-DD", "YYYY-MM" or "YYYY"
    precision: Literal["day", "month", "year"] | None
    text: str | None
    reason: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Location:
    name: str
    country: str | None
    lat: float | None
    lon: float | None
    precision: Literal["city", "admin", "country"]
    reason: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Event:
    """Who did what to whom, when and where, with the evidence and the rule that said so."""

    id: str  # deterministic: the same article, evidence and code give the same id
    doc_id: str
    coder: str  # name and version of the rule set
    rule: str  # the pattern that produced it
    source: Actor | None
    target: Actor | None
    cameo: str
    modality: Modality
    when: When
    where: Location | None
    sentence: str
    evidence: tuple[Span, ...]  # the sentence of every mention; the first is the main one
    mentions: int
    confidence: float


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, StrEnum):
        return value.value
    return value


def to_dict(record: object) -> dict[str, Any]:
    """Turn a record into JSON-ready builtins (dates as ISO strings, enums as codes)."""
    if not dataclasses.is_dataclass(record) or isinstance(record, type):
        raise TypeError(f"not a flashpoint record: {type(record).__name__}")
    result: dict[str, Any] = _plain(record)
    return result
