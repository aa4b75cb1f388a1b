"""Time series of one dyad: counts per quad class, Goldstein sums and tension per period.

A dyad is two actors given as code prefixes ("CHN" matches "CHNGOV"), matched in
either direction unless ``directed``. Each deduplicated event counts once (see
:mod:`flashpoint.analytics.tension`). Every period between the first and the last is
present, with zeros where nothing happened, so a chart of the series never hides a
quiet week by joining its neighbours; when ``date_from``/``date_to`` are given they
fix the span instead. The whole series is one DuckDB query.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from flashpoint.analytics.tension import CONFLICT_SQL, COOPERATION_SQL, tension_sql
from flashpoint.errors import ConfigError
from flashpoint.store import Store
from flashpoint.store.records import MODALITIES

__all__ = ["PERIODS", "ZERO_FILL", "DyadPoint", "dyad_series", "modality_marks", "period_sql"]

#: Period name → (``date_trunc`` unit, step between periods).
PERIODS: Final = {
    "day": ("day", "INTERVAL 1 DAY"),
    "week": ("week", "INTERVAL 7 DAY"),
    "month": ("month", "INTERVAL 1 MONTH"),
}


@dataclass(frozen=True, slots=True, kw_only=True)
class DyadPoint:
    """One period of a dyad's series; ``period`` is its first day (weeks start Monday)."""

    period: dt.date
    quad1: int
    quad2: int
    quad3: int
    quad4: int
    events: int
    goldstein_sum: float
    goldstein_mean: float | None  # None when the period has no events
    conflict: float  # C: Σ|goldstein| of quad 3-4 events
    cooperation: float  # K: Σ goldstein of quad 1-2 events with goldstein > 0
    tension: float


def period_sql(by: str) -> tuple[str, str]:
    """The ``date_trunc`` unit and step for ``by``; :class:`ConfigError` if unknown."""
    try:
        return PERIODS[by]
    except KeyError:
        raise ConfigError(f"unknown period {by!r}: choose from {', '.join(PERIODS)}") from None


def modality_marks(modality: Sequence[str]) -> str:
    """Placeholders for a modality list, after checking each value."""
    if isinstance(modality, str) or not modality or set(modality) - set(MODALITIES):
        raise ConfigError(f"modality must be a non-empty tuple of {', '.join(MODALITIES)}")
    return ", ".join("?" for _ in modality)


_PAIR = "(starts_with(source_code, ?) AND starts_with(target_code, ?))"

#: CTEs ``span`` and ``periods``: every period from the window's start (or the first
#: hit) to its end (or the last), so a series has a row for each period, events or
#: not. Needs a ``hits`` CTE with a ``period`` column, and two date parameters.
ZERO_FILL: Final = """
span AS (
    SELECT coalesce(CAST(date_trunc('{unit}', CAST(? AS DATE)) AS DATE), min(period)) AS lo,
           coalesce(CAST(date_trunc('{unit}', CAST(? AS DATE)) AS DATE), max(period)) AS hi
    FROM hits
),
periods AS (
    SELECT CAST(unnest(generate_series(lo, hi, {step})) AS DATE) AS period
    FROM span WHERE lo IS NOT NULL AND hi IS NOT NULL
)
"""

_SERIES = """
WITH hits AS (
    SELECT CAST(date_trunc('{unit}', date) AS DATE) AS period, quad_class, goldstein
    FROM events
    WHERE date IS NOT NULL AND modality IN ({marks}) AND ({dyad})
      AND (CAST(? AS DATE) IS NULL OR date >= ?) AND (CAST(? AS DATE) IS NULL OR date <= ?)
),
{zero_fill},
sums AS (
    SELECT p.period,
           count(h.quad_class) FILTER (WHERE h.quad_class = 1) AS quad1,
           count(h.quad_class) FILTER (WHERE h.quad_class = 2) AS quad2,
           count(h.quad_class) FILTER (WHERE h.quad_class = 3) AS quad3,
           count(h.quad_class) FILTER (WHERE h.quad_class = 4) AS quad4,
           count(h.quad_class) AS events,
           coalesce(sum(h.goldstein), 0) AS goldstein_sum,
           avg(h.goldstein) AS goldstein_mean,
           {conflict} AS conflict,
           {cooperation} AS cooperation
    FROM periods p LEFT JOIN hits h ON h.period = p.period
    GROUP BY p.period
)
SELECT *, {tension} AS tension FROM sums ORDER BY period
"""


def dyad_series(
    store: Store,
    a: str,
    b: str,
    by: str = "day",
    *,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    directed: bool = False,
    modality: Sequence[str] = ("asserted",),
) -> list[DyadPoint]:
    """The series of events between ``a`` and ``b`` (see the module docstring)."""
    unit, step = period_sql(by)
    if not a or not b:
        raise ConfigError("a dyad needs two non-empty actor code prefixes, e.g. 'CHN', 'JPN'")
    dyad = _PAIR if directed else f"{_PAIR} OR {_PAIR}"
    # Only whitelisted fragments are formatted in; every value is a parameter.
    sql = _SERIES.format(
        zero_fill=ZERO_FILL.format(unit=unit, step=step),
        unit=unit,
        marks=modality_marks(modality),
        dyad=dyad,
        conflict=CONFLICT_SQL,
        cooperation=COOPERATION_SQL,
        tension=tension_sql("conflict", "cooperation"),
    )
    pairs = [a, b] if directed else [a, b, b, a]
    params = [*modality, *pairs, date_from, date_from, date_to, date_to, date_from, date_to]
    cursor = store.con.execute(sql, params)
    names = [d[0] for d in cursor.description or ()]
    return [DyadPoint(**dict(zip(names, row, strict=True))) for row in cursor.fetchall()]
