"""Cross-article deduplication: which mentions are reports of the same real-world event.

Articles arrive already merged within themselves; this module merges across them.
Two mentions can only be the same event when they share the *event family*:

* the same source actor code and the same target actor code (a missing actor is its
  own value, so a one-sided event never joins a two-sided one), in the same
  direction;
* the same CAMEO root (the two-digit category: "042 make a visit" and "043 host a
  visit" are one family, "04 consult"; "19 fight" never joins "04");
* the same modality (a denied attack is not an attack).

Within a family a mention joins an event when its date fits the event's *anchor*, the
date of the event's first mention:

* day precision: the anchor is a day and the mention's day is within
  :data:`DAY_WINDOW` (one) day of it, either side, because reports of one event often
  disagree by a day across time zones and publication delays;
* month or year precision: only an identical value ("2025-11" joins "2025-11", never
  a day in November, never "2025");
* no date: never joins, since nothing says two undated reports are one event.

When several events fit, the mention joins the one whose anchor is nearest, then the
earliest started, then the smallest id. Otherwise it starts a new event whose id is
the first 16 hex digits of the SHA-256 of the family and the mention's id.

The anchor never moves, so the result is a function of ingest order alone: writing
articles one by one or all at once gives the same events. A different order can give
different clusters, because the anchor is whichever report came first: reports dated
1, 2 and 3 May, ingested in that order, make two events ({1, 2} and {3}); ingested 2,
1, 3 they make one. Families, and so the totals any analysis sums over them, do not
depend on order; only where the event boundaries fall within a family does.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Final

__all__ = ["DAY_WINDOW", "Anchor", "Arrival", "Clusters", "Family", "cluster_id"]

#: How many days either side of an event's anchor a day-precision mention may fall.
DAY_WINDOW: Final = 1

#: Source code, target code, CAMEO root, modality; "" stands for a missing actor.
Family = tuple[str, str, str, str]


@dataclass(frozen=True, slots=True, kw_only=True)
class Anchor:
    """An event as the dedup sees it: its family, its anchor date and when it started."""

    event_id: str
    family: Family
    day: dt.date | None
    value: str | None
    precision: str | None
    first_seq: int


@dataclass(frozen=True, slots=True, kw_only=True)
class Arrival:
    """A mention to place, in ingest order (``seq``)."""

    mention_id: str
    seq: int
    family: Family
    day: dt.date | None
    value: str | None
    precision: str | None


def cluster_id(family: Family, mention_id: str) -> str:
    """The id of the event a mention starts: stable across runs and machines."""
    digest = hashlib.sha256("\x1f".join((*family, mention_id)).encode("utf-8"))
    return digest.hexdigest()[:16]


class Clusters:
    """The events known so far, indexed by family and anchor for the window lookup."""

    __slots__ = ("_by_day", "_by_value")

    def __init__(self, anchors: Iterable[Anchor] = ()) -> None:
        self._by_day: defaultdict[tuple[Family, int], list[Anchor]] = defaultdict(list)
        self._by_value: defaultdict[tuple[Family, str], list[Anchor]] = defaultdict(list)
        for anchor in anchors:
            self._add(anchor)

    def _add(self, anchor: Anchor) -> None:
        if anchor.precision == "day" and anchor.day is not None:
            self._by_day[anchor.family, anchor.day.toordinal()].append(anchor)
        elif anchor.precision in {"month", "year"} and anchor.value is not None:
            self._by_value[anchor.family, anchor.value].append(anchor)

    def _match(self, mention: Arrival) -> Anchor | None:
        if mention.precision == "day" and mention.day is not None:
            day = mention.day.toordinal()
            near = [
                (abs(offset), anchor.first_seq, anchor.event_id, anchor)
                for offset in range(-DAY_WINDOW, DAY_WINDOW + 1)
                for anchor in self._by_day.get((mention.family, day + offset), ())
            ]
            return min(near, key=lambda n: n[:3])[3] if near else None
        if mention.precision in {"month", "year"} and mention.value is not None:
            same = self._by_value.get((mention.family, mention.value), ())
            return min(same, key=lambda a: (a.first_seq, a.event_id), default=None)
        return None

    def place(self, mention: Arrival) -> tuple[str, bool]:
        """The event the mention belongs to, and whether the mention started it."""
        found = self._match(mention)
        if found is not None:
            return found.event_id, False
        anchor = Anchor(
            event_id=cluster_id(mention.family, mention.mention_id),
            family=mention.family,
            day=mention.day,
            value=mention.value,
            precision=mention.precision,
            first_seq=mention.seq,
        )
        self._add(anchor)
        return anchor.event_id, True
