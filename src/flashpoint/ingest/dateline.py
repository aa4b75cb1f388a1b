"""Read the calendar date out of a publication stamp such as 'Nov. 25, 2025, 6:39 a.m. ET'.

Only full dates (day, month and year) count: a stamp without a year says too little
to anchor "on Monday" to. The time of day and zone are ignored on purpose; events are
dated to the day, and the zone would move the date only for stamps near midnight.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

__all__ = ["parse_dateline", "pick_published"]

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>[A-Za-z]{3,9})\.?"
_MDY = re.compile(_MONTH + r"\s+(?P<day>\d{1,2}),?\s+(?P<year>\d{4})\b")
_DMY = re.compile(r"\b(?P<day>\d{1,2})\s+" + _MONTH + r",?\s+(?P<year>\d{4})\b")
_ISO = re.compile(r"\b(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})(?!\d)")
_UPDATED = re.compile(r"(?i)^\s*(?:last )?updated\b")


def _build(year: str, month: str, day: str) -> dt.date | None:
    number = int(month) if month.isdigit() else _MONTHS.get(month.lower())
    if number is None:
        return None
    try:
        return dt.date(int(year), number, int(day))
    except ValueError:
        return None


def parse_dateline(text: str) -> dt.date | None:
    """The first full calendar date in ``text``, or None."""
    for pattern in (_MDY, _DMY, _ISO):
        for found in pattern.finditer(text):
            date = _build(found["year"], found["month"], found["day"])
            if date is not None:
                return date
    return None


def pick_published(datelines: Iterable[str]) -> dt.date | None:
    """The publication date among stamps: the first that is not an 'Updated' stamp.

    An update stamp is used only when there is nothing else, since an article's events
    are anchored to when it was first written.
    """
    first_updated: dt.date | None = None
    for line in datelines:
        date = parse_dateline(line)
        if date is None:
            continue
        if not _UPDATED.match(line):
            return date
        first_updated = first_updated or date
    return first_updated
