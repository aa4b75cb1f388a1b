"""Records to Arrow tables: the one shape every write path feeds the store.

``write_batch`` turns :class:`~flashpoint.model.Article`, actor and event records into
three Arrow tables with the schemas below; ``load_parquet`` reads the same columns from
Parquet. Both hand them to the same ingest, so a batch engine writing Parquet gets the
same idempotency and the same cross-article clustering as a direct write.

Derived values are worked out here, where a bad one can be named: an event's day (the
first day of its month or year for coarser dates), its CAMEO root (an unknown code is
a :class:`~flashpoint.errors.ConfigError`) and its main evidence offsets.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any, Final

import pyarrow as pa

from flashpoint.errors import ConfigError
from flashpoint.model import Actor, Article, Event
from flashpoint.ontology import ontology

__all__ = [
    "ACTOR_SCHEMA",
    "ARTICLE_SCHEMA",
    "MENTION_SCHEMA",
    "actor_table",
    "article_table",
    "event_day",
    "mention_table",
]

_TEXT = pa.string()

ARTICLE_SCHEMA: Final = pa.schema(
    [
        ("doc_id", _TEXT),
        ("source", _TEXT),
        ("url", _TEXT),
        ("title", _TEXT),
        ("site", _TEXT),
        ("author", _TEXT),
        ("published", pa.date32()),
        ("language", _TEXT),
        ("text", _TEXT),
        ("ingested_at", pa.timestamp("us")),  # None: stamped when written
    ]
)

ACTOR_SCHEMA: Final = pa.schema(
    [
        ("doc_id", _TEXT),
        ("start", pa.int32()),
        ("end", pa.int32()),
        ("text", _TEXT),
        ("name", _TEXT),
        ("code", _TEXT),
        ("country", _TEXT),
        ("role", _TEXT),
        ("kb_id", _TEXT),
        ("reason", _TEXT),
        ("former", pa.bool_()),
    ]
)

_SIDE: Final = ("text", "name", "code", "country", "role")

#: The ``event_mentions`` columns a writer supplies (the store adds ``event_id`` and
#: ``seq``), plus ``ord``: the mention's position in the batch, i.e. ingest order.
MENTION_SCHEMA: Final = pa.schema(
    [
        ("mention_id", _TEXT),
        ("doc_id", _TEXT),
        ("coder", _TEXT),
        ("rule", _TEXT),
        ("cameo", _TEXT),
        ("cameo_root", _TEXT),
        ("modality", _TEXT),
        ("date", pa.date32()),
        ("date_value", _TEXT),
        ("date_precision", _TEXT),
        ("date_text", _TEXT),
        ("date_reason", _TEXT),
        *((f"source_{col}", _TEXT) for col in _SIDE),
        *((f"target_{col}", _TEXT) for col in _SIDE),
        ("location_name", _TEXT),
        ("location_country", _TEXT),
        ("location_lat", pa.float64()),
        ("location_lon", pa.float64()),
        ("location_precision", _TEXT),
        ("location_reason", _TEXT),
        ("sentence", _TEXT),
        ("start", pa.int32()),
        ("end", pa.int32()),
        ("confidence", pa.float64()),
        ("mentions_in_article", pa.int32()),
        ("ord", pa.int64()),
    ]
)


def event_day(value: str | None, precision: str | None) -> dt.date | None:
    """The day an event is filed under: the date, or the first day of its month or year."""
    if value is None:
        return None
    try:
        if precision == "day":
            return dt.date.fromisoformat(value)
        if precision == "month":
            year, month = value.split("-")
            return dt.date(int(year), int(month), 1)
        if precision == "year":
            return dt.date(int(value), 1, 1)
    except ValueError:
        pass
    raise ConfigError(f"event date {value!r} does not fit its precision {precision!r}")


def _table(schema: pa.Schema, rows: Iterable[dict[str, Any]]) -> pa.Table:
    return pa.Table.from_pylist(list(rows), schema=schema)


def article_table(articles: Iterable[Article]) -> pa.Table:
    return _table(
        ARTICLE_SCHEMA,
        (
            {
                "doc_id": a.id,
                "source": a.source,
                "url": a.url,
                "title": a.title,
                "site": a.site,
                "author": a.author,
                "published": a.published,
                "language": a.language,
                "text": a.text,
                "ingested_at": None,
            }
            for a in articles
        ),
    )


def actor_table(items: Iterable[tuple[str, Sequence[Actor]]]) -> pa.Table:
    """The actors of every article, given as ``(doc_id, actors)`` pairs."""
    return _table(
        ACTOR_SCHEMA,
        (
            {
                "doc_id": doc_id,
                "start": a.span.start,
                "end": a.span.end,
                "text": a.text,
                "name": a.name,
                "code": a.code,
                "country": a.country,
                "role": a.role,
                "kb_id": a.kb_id,
                "reason": a.reason,
                "former": a.former,
            }
            for doc_id, actors in items
            for a in actors
        ),
    )


def _side(prefix: str, actor: Actor | None) -> dict[str, Any]:
    if actor is None:
        return {f"{prefix}_{col}": None for col in _SIDE}
    return {
        f"{prefix}_text": actor.text,
        f"{prefix}_name": actor.name,
        f"{prefix}_code": actor.code,
        f"{prefix}_country": actor.country,
        f"{prefix}_role": actor.role,
    }


def _mention(event: Event, ord_: int) -> dict[str, Any]:
    where = event.where
    main = event.evidence[0] if event.evidence else None
    return {
        "mention_id": event.id,
        "doc_id": event.doc_id,
        "coder": event.coder,
        "rule": event.rule,
        "cameo": event.cameo,
        "cameo_root": ontology().get(event.cameo).root,
        "modality": event.modality,
        "date": event_day(event.when.value, event.when.precision),
        "date_value": event.when.value,
        "date_precision": event.when.precision,
        "date_text": event.when.text,
        "date_reason": event.when.reason,
        **_side("source", event.source),
        **_side("target", event.target),
        "location_name": where.name if where else None,
        "location_country": where.country if where else None,
        "location_lat": where.lat if where else None,
        "location_lon": where.lon if where else None,
        "location_precision": where.precision if where else None,
        "location_reason": where.reason if where else None,
        "sentence": event.sentence,
        "start": main.start if main else None,
        "end": main.end if main else None,
        "confidence": event.confidence,
        "mentions_in_article": event.mentions,
        "ord": ord_,
    }


def mention_table(events: Sequence[Event]) -> pa.Table:
    """The batch's events in ingest order; ``ord`` records that order."""
    return _table(MENTION_SCHEMA, (_mention(e, i) for i, e in enumerate(events)))
