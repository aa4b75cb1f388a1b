"""Analyses over the store: a dyad's series, alerts, the network, a triad.

Defaults are the CLI's (``flashpoint dyad``, ``alerts``, ``network``, ``triad``), so
the same question gets the same answer from either.
"""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query

from flashpoint.analytics import Network, Triad, alerts, dyad_series, network, triad
from flashpoint.analytics.tension import ALERT_THRESHOLD, ALERT_WINDOW
from flashpoint.api.params import (
    CODE,
    DYAD,
    DateFrom,
    DateTo,
    check_span,
    codes,
    default_start,
    latest_date,
)
from flashpoint.api.schemas import AlertList, DyadSeries, Period
from flashpoint.api.state import StoreReader
from flashpoint.store import EventFilter

__all__ = ["router"]

router = APIRouter(tags=["analytics"])

Code = Annotated[str, Query(pattern=CODE, description="Actor code prefix (CHN, CHNGOV).")]


@router.get("/dyad", summary="Events between two actors per period, with tension")
def dyad(
    *,
    store: StoreReader,
    a: Code,
    b: Code,
    by: Period = "week",
    date_from: DateFrom = None,
    date_to: DateTo = None,
    directed: Annotated[bool, Query(description="Only events from a to b.")] = False,
) -> DyadSeries:
    """Without ``from`` the series starts a year before the pair's latest event."""
    a, b = a.upper(), b.upper()
    pair = EventFilter(dyad=(a, b), date_to=date_to)
    # Needed only to default the start or to bound the span.
    latest = None if date_from and date_to else latest_date(store, pair)
    start = date_from or default_start(latest)
    check_span(by, start, date_to or latest)
    points = dyad_series(store, a, b, by, date_from=start, date_to=date_to, directed=directed)
    return DyadSeries(
        a=a, b=b, by=by, directed=directed, date_from=start, date_to=date_to, points=points
    )


@router.get("/alerts", summary="Periods whose conflict is far above the dyad's own past")
def alert_list(
    *,
    store: StoreReader,
    dyad: Annotated[
        str | None, Query(pattern=DYAD, description="Only this country pair: 'CHN,JPN'.")
    ] = None,
    by: Literal["day", "week"] = "week",
    window: Annotated[int, Query(ge=2, le=520, description="Trailing periods.")] = ALERT_WINDOW,
    threshold: Annotated[float, Query(gt=0, le=100, description="z above this.")] = (
        ALERT_THRESHOLD
    ),
    min_events: Annotated[int, Query(ge=1, le=1_000_000, description="Per dyad.")] = 10,
    date_from: DateFrom = None,
    date_to: DateTo = None,
    limit: Annotated[int, Query(ge=0, le=500)] = 50,
) -> AlertList:
    found = alerts(
        store,
        by,
        window=window,
        threshold=threshold,
        min_events=min_events,
        dyads=[codes(dyad)] if dyad else None,
        date_from=date_from,
        date_to=date_to,
    )
    # The library lists oldest first; the API shows the latest news first.
    found.sort(key=lambda x: (-x.period.toordinal(), -x.z, x.a, x.b))
    return AlertList(items=found[:limit])


@router.get("/network", summary="The signed network of who does what to whom")
def network_graph(
    *,
    store: StoreReader,
    date_from: DateFrom = None,
    date_to: DateTo = None,
    level: Literal["country", "actor"] = "country",
    directed: bool = False,
    min_events: Annotated[int, Query(ge=1, le=1_000_000, description="Per edge.")] = 1,
) -> Network:
    return network(store, date_from, date_to, level, min_events, directed=directed)


@router.get("/triad", summary="Balance of a triad and who is in the middle")
def triad_balance(
    *,
    store: StoreReader,
    a: Code,
    b: Code,
    c: Code,
    date_from: DateFrom = None,
    date_to: DateTo = None,
) -> Triad:
    return triad(store, a.upper(), b.upper(), c.upper(), date_from=date_from, date_to=date_to)
