"""Query parameters the routes share, checked before anything reaches the library.

Codes, dates, limits and choices are validated here, by FastAPI, into 422 errors that
name the parameter; what passes is handed to the same library calls the CLI makes.
Series that fill every period (dyad, timeline) are capped at :data:`MAX_POINTS`
periods, so one request cannot ask DuckDB for a million empty days.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Final, Literal

from fastapi import Query
from pydantic import BaseModel, ConfigDict, Field

from flashpoint.api.errors import ApiError
from flashpoint.model import Modality
from flashpoint.store import EventFilter, Store
from flashpoint.store.base import scalar
from flashpoint.store.reader import filter_sql

__all__ = [
    "CODE",
    "DYAD",
    "MAX_POINTS",
    "DateFrom",
    "DateTo",
    "EventQuery",
    "Order",
    "check_span",
    "codes",
    "default_start",
    "latest_date",
]

#: An actor code or code prefix (CHN, CHNGOV, IGOUNO).
CODE: Final = r"^[A-Za-z0-9_-]{1,40}$"
#: Two code prefixes separated by a comma: ``CHN,JPN``.
DYAD: Final = r"^[A-Za-z0-9_-]{1,40},[A-Za-z0-9_-]{1,40}$"
#: Most periods a zero-filled series may have.
MAX_POINTS: Final = 5000
_MAX_OFFSET: Final = 1_000_000_000
_DAYS_PER: Final = {"day": 1, "week": 7, "month": 28}

# The same values as flashpoint.store.ORDERS (a test keeps them equal), spelled out so
# that the OpenAPI document lists the choices.
Order = Literal[
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
]

DateFrom = Annotated[dt.date | None, Query(alias="from", description="First day, YYYY-MM-DD.")]
DateTo = Annotated[dt.date | None, Query(alias="to", description="Last day, YYYY-MM-DD.")]


def codes(value: str) -> tuple[str, str]:
    """``"chn,JPN"`` → ``("CHN", "JPN")``; the pattern has already checked the form."""
    a, _, b = value.upper().partition(",")
    return a, b


class EventQuery(BaseModel):
    """The filters, order and page of ``GET /api/events``."""

    model_config = ConfigDict(extra="forbid")

    actor: str | None = Field(default=None, pattern=CODE, description="Code prefix, either side.")
    dyad: str | None = Field(default=None, pattern=DYAD, description="'CHN,JPN': either way.")
    directed: bool = Field(default=False, description="dyad only from the first to the second.")
    cameo: str | None = Field(default=None, pattern=r"^[0-9]{1,4}$", description="Code prefix.")
    root: str | None = Field(default=None, pattern=r"^[0-9]{2}$", description="CAMEO root.")
    plover: str | None = Field(default=None, pattern=r"^[A-Za-z_]{1,40}$")
    quad: int | None = Field(default=None, ge=1, le=4, description="Quad class.")
    date_from: dt.date | None = Field(default=None, alias="from")
    date_to: dt.date | None = Field(default=None, alias="to")
    modality: list[Modality] = Field(default=["asserted"], max_length=4)
    q: str | None = Field(default=None, min_length=1, max_length=200, description="Words.")
    order: Order = "-date"
    limit: int = Field(default=50, ge=0, le=500)
    offset: int = Field(default=0, ge=0, le=_MAX_OFFSET)

    def to_filter(self) -> EventFilter:
        return EventFilter(
            actor=self.actor.upper() if self.actor else None,
            dyad=codes(self.dyad) if self.dyad else None,
            directed=self.directed,
            cameo=self.cameo,
            root=self.root,
            plover=self.plover.upper() if self.plover else None,
            quad_class=self.quad,
            date_from=self.date_from,
            date_to=self.date_to,
            modality=tuple(dict.fromkeys(self.modality)),
            text=self.q,
            limit=self.limit,
            offset=self.offset,
            order=self.order,
        )


def latest_date(store: Store, f: EventFilter) -> dt.date | None:
    """The date of the latest event ``f`` selects (its limit and order aside)."""
    where, params = filter_sql(f)
    sql = f"SELECT max(e.date) FROM events e WHERE {where}"  # noqa: S608
    latest: dt.date | None = scalar(store.con, sql, params)
    return latest


def default_start(latest: dt.date | None) -> dt.date | None:
    """Where a series starts without ``from``: a year before the latest event, as in the CLI.

    Articles mention events decades back; a zero-filled series from the oldest would
    be mostly empty.
    """
    return latest - dt.timedelta(days=365) if latest else None


def check_span(by: str, date_from: dt.date | None, date_to: dt.date | None) -> None:
    """Refuse a window that ends before it starts or has over :data:`MAX_POINTS` periods."""
    if date_from is None or date_to is None:
        return
    if date_to < date_from:
        raise ApiError(422, f"from {date_from} is after to {date_to}", code="invalid_parameter")
    periods = (date_to - date_from).days // _DAYS_PER[by] + 1
    if periods > MAX_POINTS:
        raise ApiError(
            422,
            f"{periods} {by}s from {date_from} to {date_to}: at most {MAX_POINTS}; "
            "narrow the dates or choose a longer period",
            code="span_too_long",
        )
