"""The store at a glance: health, the busiest actors, the tensest dyads, the timeline."""

from __future__ import annotations

from pathlib import PurePath
from typing import Annotated

from fastapi import APIRouter, Query

from flashpoint.__about__ import __version__
from flashpoint.analytics import actor_counts, timeline, top_dyads
from flashpoint.api.params import DateFrom, DateTo, check_span, default_start, latest_date
from flashpoint.api.schemas import ActorList, Health, Period, Timeline, TopDyadList
from flashpoint.api.state import StoreReader
from flashpoint.store import EventFilter, count_events
from flashpoint.store.records import MODALITIES

__all__ = ["router"]

router = APIRouter(tags=["overview"])


@router.get("/health", summary="Is the server up, and what does it serve")
def health(store: StoreReader) -> Health:
    # The file name only: the server's directory layout is none of the client's business.
    return Health(
        status="ok",
        version=__version__,
        store=PurePath(store.path).name,
        events=count_events(store, EventFilter(modality=MODALITIES)),
    )


@router.get("/actors", summary="Actors by the number of events they take part in")
def actors(
    *,
    store: StoreReader,
    q: Annotated[
        str | None,
        Query(min_length=1, max_length=100, description="Code prefix or part of a name."),
    ] = None,
    limit: Annotated[int, Query(ge=0, le=500)] = 50,
) -> ActorList:
    return ActorList(items=actor_counts(store, query=q, limit=limit))


@router.get("/dyads/top", summary="The most tense country pairs over the latest periods")
def tense_dyads(
    *,
    store: StoreReader,
    limit: Annotated[int, Query(ge=0, le=100)] = 10,
    by: Period = "week",
    periods: Annotated[int, Query(ge=1, le=520, description="How many periods back.")] = 8,
    min_events: Annotated[int, Query(ge=1, le=1_000_000, description="Per dyad.")] = 1,
) -> TopDyadList:
    """The window ends with the period of the latest event (never after the newest article)."""
    found = top_dyads(store, by, periods=periods, limit=limit, min_events=min_events)
    return TopDyadList(
        by=by,
        periods=periods,
        date_from=found.date_from,
        date_to=found.date_to,
        items=list(found.dyads),
    )


@router.get("/timeline", summary="Events per period, by quad class")
def events_over_time(
    *,
    store: StoreReader,
    by: Period = "week",
    date_from: DateFrom = None,
    date_to: DateTo = None,
) -> Timeline:
    """Without ``from`` the timeline starts a year before the latest event."""
    # Needed only to default the start or to bound the span.
    latest = None if date_from and date_to else latest_date(store, EventFilter(date_to=date_to))
    start = date_from or default_start(latest)
    check_span(by, start, date_to or latest)
    points = timeline(store, by, date_from=start, date_to=date_to)
    return Timeline(by=by, date_from=start, date_to=date_to, points=points)
