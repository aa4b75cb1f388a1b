"""What the store gives back, and the filter that selects events.

The records are flat: each field is one column of the store's tables (see
:mod:`flashpoint.store.schema`), so a reader builds them straight from a row and an
exporter can name the same columns. :class:`EventFilter` checks itself when built, so
a bad order, modality or quad class is a :class:`~flashpoint.errors.ConfigError` at
the call site, never SQL assembled from a user's string.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Final, get_args

from flashpoint.errors import ConfigError
from flashpoint.model import Modality

__all__ = [
    "MODALITIES",
    "ORDERS",
    "EventFilter",
    "StoredActor",
    "StoredArticle",
    "StoredEvent",
    "StoredMention",
    "WriteReport",
]

#: The orders :class:`EventFilter` accepts; a leading ``-`` means descending.
ORDERS: Final = (
    "date",
    "-date",
    "goldstein",
    "-goldstein",
    "mentions",
    "-mentions",
    "sources",
    "-sources",
    "confidence",
    "-confidence",
)
MODALITIES: Final[tuple[str, ...]] = get_args(Modality)
_ROOT = re.compile(r"[0-9]{2}")
_CAMEO_PREFIX = re.compile(r"[0-9]{1,4}")


@dataclass(frozen=True, slots=True, kw_only=True)
class StoredEvent:
    """One real-world event: a cluster of mentions from one or more articles.

    Actor, date, coder and rule come from the cluster's first mention in ingest order;
    ``cameo`` is the most specific code any mention gave, and the ontology fields
    follow from it. ``mentions`` counts every mention in every article, ``sources``
    the distinct articles. ``sentence`` and ``doc_id`` are the first mention's.
    """

    event_id: str
    source_code: str | None
    source_name: str | None
    source_country: str | None
    source_role: str | None
    target_code: str | None
    target_name: str | None
    target_country: str | None
    target_role: str | None
    cameo: str
    cameo_root: str
    cameo_label: str
    goldstein: float
    quad_class: int
    plover: str | None
    plover_mode: str | None
    modality: str
    date: dt.date | None
    date_value: str | None
    date_precision: str | None
    location_name: str | None
    location_country: str | None
    location_lat: float | None
    location_lon: float | None
    location_precision: str | None
    mentions: int
    sources: int
    confidence: float
    coder: str
    rule: str
    first_mention: str
    first_seen: dt.datetime
    doc_id: str
    sentence: str


@dataclass(frozen=True, slots=True, kw_only=True)
class StoredMention:
    """One coded event of one article, with the article's title, URL and date."""

    mention_id: str
    event_id: str
    doc_id: str
    seq: int
    coder: str
    rule: str
    cameo: str
    cameo_root: str
    modality: str
    date: dt.date | None
    date_value: str | None
    date_precision: str | None
    date_text: str | None
    date_reason: str
    source_text: str | None
    source_name: str | None
    source_code: str | None
    source_country: str | None
    source_role: str | None
    target_text: str | None
    target_name: str | None
    target_code: str | None
    target_country: str | None
    target_role: str | None
    location_name: str | None
    location_country: str | None
    location_lat: float | None
    location_lon: float | None
    location_precision: str | None
    location_reason: str | None
    sentence: str
    start: int | None
    end: int | None
    confidence: float
    mentions_in_article: int
    title: str | None
    url: str | None
    published: dt.date | None


@dataclass(frozen=True, slots=True, kw_only=True)
class StoredActor:
    doc_id: str
    start: int
    end: int
    text: str
    name: str
    code: str
    country: str | None
    role: str | None
    kb_id: str | None
    reason: str
    former: bool


@dataclass(frozen=True, slots=True, kw_only=True)
class StoredArticle:
    """An article as stored, with its mentions (ingest order) and actors (text order)."""

    doc_id: str
    source: str
    url: str | None
    title: str | None
    site: str | None
    author: str | None
    published: dt.date | None
    language: str | None
    text: str
    sha256: str
    ingested_at: dt.datetime
    mentions: tuple[StoredMention, ...]
    actors: tuple[StoredActor, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class WriteReport:
    """What one write changed.

    ``events_merged`` counts new mentions that joined an existing event (one stored
    before, or one an earlier mention of the same write started) instead of starting
    their own; so ``mentions_new == events_new + events_merged`` unless an article was
    replaced, which re-clusters its events' families from scratch.
    """

    articles_new: int = 0
    articles_present: int = 0
    articles_replaced: int = 0
    mentions_new: int = 0
    events_new: int = 0
    events_merged: int = 0

    def __add__(self, other: WriteReport) -> WriteReport:
        return WriteReport(
            articles_new=self.articles_new + other.articles_new,
            articles_present=self.articles_present + other.articles_present,
            articles_replaced=self.articles_replaced + other.articles_replaced,
            mentions_new=self.mentions_new + other.mentions_new,
            events_new=self.events_new + other.events_new,
            events_merged=self.events_merged + other.events_merged,
        )


@dataclass(frozen=True, slots=True, kw_only=True)
class EventFilter:
    """Which events to read. Every field narrows; the defaults select asserted events.

    ``actor`` and the two sides of ``dyad`` are code prefixes ("CHN" matches "CHNGOV");
    ``dyad`` matches either direction unless ``directed``. ``cameo`` is a code prefix,
    ``root`` an exact two-digit root. ``text`` is a case-insensitive substring of any
    of the event's sentences. ``limit=None`` means no limit.
    """

    actor: str | None = None
    dyad: tuple[str, str] | None = None
    directed: bool = False
    cameo: str | None = None
    root: str | None = None
    plover: str | None = None
    quad_class: int | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    modality: tuple[str, ...] = ("asserted",)
    text: str | None = None
    limit: int | None = None
    offset: int = 0
    order: str = "date"

    def __post_init__(self) -> None:
        _check_codes(self)
        _check_window(self)
        if isinstance(self.modality, str) or not self.modality:
            raise ConfigError("modality must be a non-empty tuple, e.g. ('asserted',)")
        unknown = sorted(set(self.modality) - set(MODALITIES))
        if unknown:
            raise ConfigError(f"unknown modality {unknown}: choose from {', '.join(MODALITIES)}")
        if self.order not in ORDERS:
            raise ConfigError(f"unknown order {self.order!r}: choose from {', '.join(ORDERS)}")


def _check_codes(f: EventFilter) -> None:
    if f.actor is not None and not f.actor:
        raise ConfigError("actor must be a non-empty code prefix such as 'CHN'")
    if f.dyad is not None and (len(f.dyad) != 2 or not all(f.dyad)):
        raise ConfigError("dyad must be two non-empty code prefixes, e.g. ('CHN', 'JPN')")
    if f.cameo is not None and not _CAMEO_PREFIX.fullmatch(f.cameo):
        raise ConfigError(f"cameo must be a prefix of a CAMEO code (1-4 digits), not {f.cameo!r}")
    if f.root is not None and not _ROOT.fullmatch(f.root):
        raise ConfigError(f"root must be a two-digit CAMEO root such as '19', not {f.root!r}")
    if f.quad_class is not None and f.quad_class not in {1, 2, 3, 4}:
        raise ConfigError(f"quad_class must be 1, 2, 3 or 4, not {f.quad_class!r}")


def _check_window(f: EventFilter) -> None:
    if f.date_from and f.date_to and f.date_from > f.date_to:
        raise ConfigError(f"date_from {f.date_from} is after date_to {f.date_to}")
    if f.limit is not None and f.limit < 0:
        raise ConfigError(f"limit must be at least 0, not {f.limit}")
    if f.offset < 0:
        raise ConfigError(f"offset must be at least 0, not {f.offset}")
