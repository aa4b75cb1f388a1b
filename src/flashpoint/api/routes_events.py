"""Stored events and articles: a filtered, sorted page; one event's evidence; one article."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query

from flashpoint.api.errors import ApiError
from flashpoint.api.params import EventQuery
from flashpoint.api.schemas import EventDetail, EventPage
from flashpoint.api.state import StoreReader
from flashpoint.store import (
    EventFilter,
    Store,
    StoredArticle,
    StoredEvent,
    count_events,
    evidence,
    get_article,
    query_events,
)
from flashpoint.store.reader import event_select
from flashpoint.store.records import MODALITIES

__all__ = ["router"]

router = APIRouter(tags=["events"])

EventId = Annotated[str, Path(min_length=1, max_length=128)]
DocId = Annotated[str, Path(min_length=1, max_length=128)]


@router.get("/events", summary="Stored events, filtered, sorted and paged")
def list_events(*, store: StoreReader, query: Annotated[EventQuery, Query()]) -> EventPage:
    """``total`` counts every event the filters select; ``items`` is one page of them."""
    chosen = query.to_filter()
    items = query_events(store, chosen)
    # A page that is not full is the selection's last, so it gives the total without a
    # second query; a full or an empty page (past the end) does not.
    last = len(items) < query.limit and (bool(items) or query.offset == 0)
    total = query.offset + len(items) if last else count_events(store, chosen)
    return EventPage(total=total, limit=query.limit, offset=query.offset, items=items)


def _one_event(store: Store, event_id: str) -> StoredEvent | None:
    # Every modality: an id names one event, whatever its mood.
    sql, params = event_select(EventFilter(modality=MODALITIES), also="e.event_id = ?")
    # Without a limit or an offset the id's placeholder is the statement's last one.
    cursor = store.con.execute(sql, [*params, event_id])
    names = [d[0] for d in cursor.description or ()]
    rows: list[dict[str, Any]] = [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
    return StoredEvent(**rows[0]) if rows else None


@router.get("/events/{event_id}", summary="One event with every mention that reports it")
def get_event(*, store: StoreReader, event_id: EventId) -> EventDetail:
    found = _one_event(store, event_id)
    if found is None:
        raise ApiError(404, f"no event {event_id!r} in the store")
    return EventDetail(event=found, mentions=evidence(store, event_id))


@router.get("/articles/{doc_id}", summary="One article: text, coded mentions and actors")
def article(*, store: StoreReader, doc_id: DocId) -> StoredArticle:
    """Mentions and actors carry ``start``/``end`` offsets into ``text``."""
    found = get_article(store, doc_id)
    if found is None:
        raise ApiError(404, f"no article {doc_id!r} in the store")
    return found
