"""The store at a glance: who appears most, which country pairs are tense now, and when.

Three summaries for an overview page, each one DuckDB query (the recent-tension window
takes one more to find "now"):

* :func:`actor_counts`: actor codes by the number of events they take part in, with
  the name, country and role they most often appear under;
* :func:`top_dyads`: country pairs by tension (see :mod:`flashpoint.analytics.tension`)
  over the last ``periods`` periods;
* :func:`timeline`: events per period and quad class, every period present (zeros
  where nothing happened), like :func:`flashpoint.analytics.dyad_series`.

"Now" for :func:`top_dyads` is the latest event date, but never later than the newest
article: an event dated after every report that mentions it is a date resolved wrongly
(or a plan, which the default modality leaves out), and must not move the window.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import duckdb

from flashpoint.analytics.dyad import ZERO_FILL, modality_marks, period_sql
from flashpoint.analytics.tension import CONFLICT_SQL, COOPERATION_SQL, tension_sql
from flashpoint.errors import ConfigError
from flashpoint.store import Store

__all__ = [
    "ActorCount",
    "TenseDyad",
    "TimelinePoint",
    "TopDyads",
    "actor_counts",
    "timeline",
    "top_dyads",
]


@dataclass(frozen=True, slots=True, kw_only=True)
class ActorCount:
    """An actor code and the events it is the source or target of (each event once)."""

    code: str
    name: str | None  # the name, country and role the code most often has
    country: str | None
    role: str | None
    events: int


@dataclass(frozen=True, slots=True, kw_only=True)
class TenseDyad:
    """A country pair (``a < b``) over a recent window: its conflict, cooperation, tension."""

    a: str
    b: str
    events: int
    conflict: float
    cooperation: float
    tension: float


@dataclass(frozen=True, slots=True, kw_only=True)
class TopDyads:
    """The most tense pairs in ``[date_from, date_to]``; both ``None`` for an empty store."""

    by: str
    periods: int
    date_from: dt.date | None
    date_to: dt.date | None
    dyads: tuple[TenseDyad, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class TimelinePoint:
    """Events in one period (its first day; weeks start Monday), by quad class."""

    period: dt.date
    events: int
    quad1: int
    quad2: int
    quad3: int
    quad4: int


def _rows(cursor: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    names = [d[0] for d in cursor.description or ()]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


# An event whose two sides share a code counts once for it: its target side is left out.
_ACTORS = """
WITH sides AS (
    SELECT source_code AS code, source_name AS name, source_country AS country,
           source_role AS role
    FROM events WHERE source_code IS NOT NULL AND modality IN ({marks})
    UNION ALL
    SELECT target_code, target_name, target_country, target_role
    FROM events
    WHERE target_code IS NOT NULL AND target_code IS DISTINCT FROM source_code
      AND modality IN ({marks})
),
variants AS (SELECT code, name, country, role, count(*) AS n FROM sides GROUP BY ALL),
ranked AS (
    SELECT *, sum(n) OVER (PARTITION BY code) AS events,
           row_number() OVER (PARTITION BY code ORDER BY n DESC, name NULLS LAST,
                              country NULLS LAST, role NULLS LAST) AS rank
    FROM variants
)
SELECT code, name, country, role, CAST(events AS BIGINT) AS events
FROM ranked
WHERE rank = 1 AND (
    CAST(? AS VARCHAR) IS NULL
    OR code IN (SELECT code FROM variants
                WHERE starts_with(code, upper(?)) OR contains(lower(name), lower(?))))
ORDER BY events DESC, code
LIMIT ?
"""


def actor_counts(
    store: Store,
    *,
    query: str | None = None,
    limit: int = 50,
    modality: Sequence[str] = ("asserted",),
) -> list[ActorCount]:
    """Actors by events, most first; ``query`` keeps codes starting with it or names containing it.

    A code matches when any of the names it was given contains ``query``, so "takaichi"
    finds JPNGOV even where "Japan" is its usual name.
    """
    if limit < 0:
        raise ConfigError(f"limit must be at least 0, not {limit}")
    sql = _ACTORS.format(marks=modality_marks(modality))
    params = [*modality, *modality, query, query, query, limit]
    return [ActorCount(**r) for r in _rows(store.con.execute(sql, params))]


_WINDOW = """
SELECT CAST(hi - (? - 1) * {step} AS DATE) AS lo, CAST(hi + {step} AS DATE) - 1 AS last
FROM (
    SELECT CAST(date_trunc('{unit}', least(max(e.date), coalesce(
               (SELECT max(published) FROM articles), max(e.date)))) AS DATE) AS hi
    FROM events e
    WHERE e.date IS NOT NULL AND e.modality IN ({marks})
)
WHERE hi IS NOT NULL
"""

_TENSE = """
WITH hits AS (
    SELECT least(source_country, target_country) AS a,
           greatest(source_country, target_country) AS b, quad_class, goldstein
    FROM events
    WHERE date BETWEEN ? AND ?
      AND source_country IS NOT NULL AND target_country IS NOT NULL
      AND source_country <> target_country AND modality IN ({marks})
)
SELECT a, b, count(*) AS events, {conflict} AS conflict, {cooperation} AS cooperation
FROM hits GROUP BY a, b HAVING count(*) >= ?
"""


def top_dyads(
    store: Store,
    by: str = "week",
    *,
    periods: int = 8,
    limit: int = 10,
    min_events: int = 1,
    modality: Sequence[str] = ("asserted",),
) -> TopDyads:
    """Country pairs by tension over the last ``periods`` periods, most tense first.

    Ties go to the pair with more events, then by code, so the list is stable.
    """
    unit, step = period_sql(by)
    if periods < 1 or limit < 0 or min_events < 1:
        raise ConfigError("periods and min_events must be at least 1, limit at least 0")
    marks = modality_marks(modality)
    window = _WINDOW.format(unit=unit, step=step, marks=marks)
    span = store.con.execute(window, [periods, *modality]).fetchall()
    if not span:
        return TopDyads(by=by, periods=periods, date_from=None, date_to=None, dyads=())
    lo, last = span[0]
    # Only whitelisted fragments are formatted in; every value is a parameter.
    sql = _TENSE.format(marks=marks, conflict=CONFLICT_SQL, cooperation=COOPERATION_SQL)
    tension = tension_sql("conflict", "cooperation")
    ranked = (
        f"SELECT *, {tension} AS tension FROM ({sql}) "  # noqa: S608
        "ORDER BY tension DESC, events DESC, a, b LIMIT ?"
    )
    params = [lo, last, *modality, min_events, limit]
    found = tuple(TenseDyad(**r) for r in _rows(store.con.execute(ranked, params)))
    return TopDyads(by=by, periods=periods, date_from=lo, date_to=last, dyads=found)


_TIMELINE = """
WITH hits AS (
    SELECT CAST(date_trunc('{unit}', date) AS DATE) AS period, quad_class
    FROM events
    WHERE date IS NOT NULL AND modality IN ({marks})
      AND (CAST(? AS DATE) IS NULL OR date >= ?) AND (CAST(? AS DATE) IS NULL OR date <= ?)
),
{zero_fill}
SELECT p.period, count(h.quad_class) AS events,
       count(h.quad_class) FILTER (WHERE h.quad_class = 1) AS quad1,
       count(h.quad_class) FILTER (WHERE h.quad_class = 2) AS quad2,
       count(h.quad_class) FILTER (WHERE h.quad_class = 3) AS quad3,
       count(h.quad_class) FILTER (WHERE h.quad_class = 4) AS quad4
FROM periods p LEFT JOIN hits h ON h.period = p.period
GROUP BY p.period ORDER BY p.period
"""


def timeline(
    store: Store,
    by: str = "week",
    *,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    modality: Sequence[str] = ("asserted",),
) -> list[TimelinePoint]:
    """Events per period; the span is ``date_from``..``date_to``, else first to last event."""
    unit, step = period_sql(by)
    if date_from and date_to and date_from > date_to:
        raise ConfigError(f"date_from {date_from} is after date_to {date_to}")
    zero_fill = ZERO_FILL.format(unit=unit, step=step)
    sql = _TIMELINE.format(zero_fill=zero_fill, unit=unit, marks=modality_marks(modality))
    params = [*modality, date_from, date_from, date_to, date_to, date_from, date_to]
    return [TimelinePoint(**r) for r in _rows(store.con.execute(sql, params))]
