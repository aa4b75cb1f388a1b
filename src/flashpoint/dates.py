"""Dates of events: a date expression in the sentence, resolved against the publication date.

spaCy finds the expression ("on Monday", "Nov. 7", "in October", "last week"); it is
resolved here, never by searching whole sentences, which turns "Nov. 7" into the
publication date and reads "Sun Weidong" as a Sunday. dateparser resolves the span
relative to the publication date, except for two cases news needs handled its own way:
a bare weekday means the most recent such day *including* the publication day ("on
Tuesday" in Tuesday's paper is that day), and events still to come look forward
("will visit in April" is next April).
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from typing import Literal

from dateparser.date import DateDataParser

from flashpoint.model import When

__all__ = ["Direction", "resolve_when"]

Direction = Literal["past", "future"]

_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY = re.compile(r"^(?:on |last |this |next )?(" + "|".join(_WEEKDAYS) + r")\b", re.I)
# Words that narrow a period without moving it: "late October" is in October.
_QUALIFIERS = re.compile(r"\b(?:early|mid|late|earlier|later|the end of|the start of)\b[- ]?", re.I)
_THIS_MONTH = re.compile(r"^(?:earlier |later )?this month$", re.I)
_PRECISION = {"day": "day", "part_of_day": "day", "time": "day", "month": "month", "year": "year"}


# Bounded: an archive spans thousands of publication days.
@functools.lru_cache(maxsize=64)
def _parser(base: dt.date, direction: Direction) -> DateDataParser:
    return DateDataParser(
        languages=["en"],
        settings={
            "RELATIVE_BASE": dt.datetime.combine(base, dt.time(12)),
            "PREFER_DATES_FROM": direction,
            "RETURN_TIME_AS_PERIOD": True,
        },
    )


def _weekday(text: str, published: dt.date, direction: Direction) -> dt.date | None:
    found = _WEEKDAY.match(text.strip())
    if found is None:
        return None
    offset = (published.weekday() - _WEEKDAYS.index(found[1].lower())) % 7
    if direction == "future":
        return published + dt.timedelta(days=(7 - offset) % 7)
    return published - dt.timedelta(days=offset)


def _as_when(day: dt.date, precision: str, text: str, reason: str) -> When:
    if precision == "year":
        return When(value=f"{day.year:04d}", precision="year", text=text, reason=reason)
    if precision == "month":
        return When(value=day.strftime("%Y-%m"), precision="month", text=text, reason=reason)
    return When(value=day.isoformat(), precision="day", text=text, reason=reason)


def resolve_when(
    text: str | None, published: dt.date | None, *, direction: Direction = "past"
) -> When:
    """The date an event happened (or will), from its date expression and the article date."""
    if published is None:
        return When(value=None, precision=None, text=text, reason="no publication date")
    if not text:
        return _as_when(published, "day", "", "publication date (no date expression)")
    day = _weekday(text, published, direction)
    if day is not None:
        return _as_when(day, "day", text, "weekday relative to publication date")
    if _THIS_MONTH.match(text.strip()):
        return _as_when(published, "month", text, "this month")
    return _parsed(text, published, direction)


# dateparser costs about a millisecond a call and news repeats its date phrases.
@functools.lru_cache(maxsize=4096)
def _parsed(text: str, published: dt.date, direction: Direction) -> When:
    cleaned = re.sub(r"^(?:on|in|at|by|since|during)\s+", "", text.strip(), flags=re.I)
    data = _parser(published, direction).get_date_data(_QUALIFIERS.sub("", cleaned))
    if data.date_obj is None:
        # "the past decade", "recent years": a date, but not one to put a day on.
        return When(value=None, precision=None, text=text, reason="date expression not resolvable")
    period = data.period or "day"
    day = data.date_obj.date()
    if period == "week":
        # The contract has no week precision, and a day would be invented: say the month.
        return _as_when(day, "month", text, "week relative to publication date")
    return _as_when(day, _PRECISION.get(period, "day"), text, "relative to publication date")
