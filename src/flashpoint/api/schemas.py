"""The API's request and response bodies: pydantic at the boundary, library records inside.

Responses wrap the library's own frozen dataclasses (:class:`~flashpoint.store.StoredEvent`,
:class:`~flashpoint.analytics.DyadPoint`, ...) rather than copying their fields, so a
record's JSON is its dataclass fields and the OpenAPI document follows the library. The
one exception is a freshly coded event, whose public shape is
:func:`flashpoint.records.event_record` (what ``flashpoint code`` prints); its model
here lists the same fields, and a test keeps the two equal.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal, Self

from pydantic import BaseModel, ConfigDict, Field, model_validator

from flashpoint.analytics import (
    ActorCount,
    Alert,
    DyadPoint,
    TenseDyad,
    TimelinePoint,
)
from flashpoint.store import StoredEvent, StoredMention, WriteReport

__all__ = [
    "ActorList",
    "AlertList",
    "CodeRequest",
    "CodeResponse",
    "CodedActor",
    "CodedEvent",
    "DyadSeries",
    "ErrorBody",
    "EventDetail",
    "EventPage",
    "Health",
    "SkipInfo",
    "Timeline",
    "TopDyadList",
]

Period = Literal["day", "week", "month"]


class Health(BaseModel):
    status: Literal["ok"]
    version: str
    store: str = Field(description="File name of the event store.")
    events: int = Field(description="Events stored, every modality.")


class EventPage(BaseModel):
    total: int = Field(description="Events the filters select, ignoring limit and offset.")
    limit: int
    offset: int
    items: list[StoredEvent]


class EventDetail(BaseModel):
    event: StoredEvent
    mentions: list[StoredMention] = Field(description="Every report of the event, in order.")


class DyadSeries(BaseModel):
    a: str
    b: str
    by: Period
    directed: bool
    date_from: dt.date | None = Field(description="Start of the series (given or defaulted).")
    date_to: dt.date | None
    points: list[DyadPoint]


class AlertList(BaseModel):
    items: list[Alert] = Field(description="Newest period first; within one, largest z first.")


class ActorList(BaseModel):
    items: list[ActorCount] = Field(description="Most events first.")


class TopDyadList(BaseModel):
    by: Period
    periods: int
    date_from: dt.date | None = Field(description="First day of the recent window.")
    date_to: dt.date | None = Field(description="Last day of the recent window.")
    items: list[TenseDyad] = Field(description="Most tense first.")


class Timeline(BaseModel):
    by: Period
    date_from: dt.date | None
    date_to: dt.date | None
    points: list[TimelinePoint]


class CodeRequest(BaseModel):
    """One document to code: exactly one of ``text``, ``html`` and ``url``."""

    model_config = ConfigDict(extra="forbid")

    text: str | None = Field(default=None, description="Plain text of a news report.")
    html: str | None = Field(default=None, description="An HTML page.")
    url: str | None = Field(
        default=None, description="Fetched only if its host is in the fetch_allow setting."
    )
    title: str | None = Field(default=None, max_length=1000)
    published: dt.date | None = Field(default=None, description="Publication day, YYYY-MM-DD.")
    store: bool = Field(default=False, description="Also store it (server started writable).")

    @model_validator(mode="after")
    def _one_source(self) -> Self:
        given = [name for name in ("text", "html", "url") if getattr(self, name) is not None]
        if len(given) != 1:
            raise ValueError(f"give exactly one of text, html and url (got {len(given)})")
        return self


class SkipInfo(BaseModel):
    reason: str = Field(description="Stable code, e.g. 'no-text', 'language', 'http-error'.")
    detail: str


class CodedActor(BaseModel):
    text: str
    name: str
    code: str
    country: str | None
    role: str | None
    kb_id: str | None
    reason: str
    former: bool
    start: int = Field(description="Offset into the article text (Python string index).")
    end: int


class ActorRef(BaseModel):
    text: str
    name: str
    code: str
    country: str | None
    role: str | None


class Place(BaseModel):
    name: str
    country: str | None
    lat: float | None
    lon: float | None
    precision: str


class CodedEvent(BaseModel):
    """One coded event, as ``flashpoint code --format json`` prints it."""

    event_id: str
    doc_id: str
    coder: str
    rule: str
    date: str | None = Field(description="YYYY-MM-DD, YYYY-MM or YYYY, per date_precision.")
    date_precision: str | None
    date_reason: str
    source: ActorRef | None
    target: ActorRef | None
    cameo: str
    cameo_root: str
    cameo_label: str
    goldstein: float
    quad_class: int
    plover: str | None
    plover_mode: str | None
    modality: str
    location: Place | None
    sentence: str
    offsets: tuple[int, int] = Field(description="[start, end) of the sentence in the text.")
    mentions: int
    confidence: float


class CodeResponse(BaseModel):
    doc_id: str | None = Field(description="The article's id; null when it was skipped.")
    skip: SkipInfo | None
    title: str | None = None
    published: dt.date | None = None
    text: str | None = Field(default=None, description="The clean text the offsets index.")
    actors: list[CodedActor]
    events: list[CodedEvent] = Field(description="Every modality; see each event's modality.")
    stored: WriteReport | None = Field(default=None, description="What storing changed.")


class ErrorDetail(BaseModel):
    status: int
    code: str
    message: str
    details: list[dict[str, object]]


class ErrorBody(BaseModel):
    """The shape of every error response."""

    error: ErrorDetail
