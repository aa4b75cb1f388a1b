"""The DuckDB event store: articles, actors, event mentions and deduplicated events.

Open a store with :func:`open_store`, write ``(article, actors, events)`` batches with
:func:`write_batch`, read with :func:`query_events`, :func:`evidence` and
:func:`get_article`. See :mod:`flashpoint.store.schema` for the tables and
:mod:`flashpoint.store.dedup` for when two articles report the same event.
"""

from __future__ import annotations

from flashpoint.store.base import Store
from flashpoint.store.convert import actor_table, article_table, mention_table
from flashpoint.store.dedup import DAY_WINDOW
from flashpoint.store.parquet import load_parquet, write_parquet
from flashpoint.store.reader import (
    count_events,
    evidence,
    get_article,
    query_events,
    stored_digests,
)
from flashpoint.store.records import (
    ORDERS,
    EventFilter,
    StoredActor,
    StoredArticle,
    StoredEvent,
    StoredMention,
    WriteReport,
)
from flashpoint.store.schema import SCHEMA_VERSION, open_store
from flashpoint.store.writer import write_batch

__all__ = [
    "DAY_WINDOW",
    "ORDERS",
    "SCHEMA_VERSION",
    "EventFilter",
    "Store",
    "StoredActor",
    "StoredArticle",
    "StoredEvent",
    "StoredMention",
    "WriteReport",
    "actor_table",
    "article_table",
    "count_events",
    "evidence",
    "get_article",
    "load_parquet",
    "mention_table",
    "open_store",
    "query_events",
    "stored_digests",
    "write_batch",
    "write_parquet",
]
