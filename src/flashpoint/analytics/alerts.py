"""Early-warning alerts: dyad-periods whose conflict departs from the dyad's own past.

For every unordered pair of countries (both sides known and different; events inside
one country are not a dyad) with at least ``min_events`` events, the conflict mass
``C`` of each period is compared with the previous ``window`` periods: the period
alerts when ``z = (C − mean) / max(sd, floor) > threshold``. Periods with no events
count as zeros, over the span of the whole selection, so a pair that was quiet for
months and then fights alerts. The first ``window`` periods never alert: there is no
baseline yet. The definition, its constants and its sources are in
:mod:`flashpoint.analytics.tension`.

Each alert names its *drivers*: the period's conflict events between the pair, the
largest |goldstein| × mentions first. Alerts come by period, then by ``z``
(largest first), then by pair, so the same store always gives the same list.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import duckdb
import pyarrow as pa

from flashpoint.analytics.dyad import modality_marks, period_sql
from flashpoint.analytics.tension import (
    ALERT_SD_FLOOR,
    ALERT_THRESHOLD,
    ALERT_WINDOW,
    CONFLICT_SQL,
    COOPERATION_SQL,
    DRIVERS,
    tension_sql,
)
from flashpoint.errors import ConfigError
from flashpoint.store import Store
from flashpoint.store.base import lent

__all__ = ["Alert", "Driver", "alerts"]


@dataclass(frozen=True, slots=True, kw_only=True)
class Driver:
    """A conflict event behind an alert."""

    event_id: str
    date: dt.date
    source_code: str | None
    target_code: str | None
    cameo: str
    cameo_label: str
    goldstein: float
    mentions: int
    sentence: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Alert:
    """A dyad-period whose conflict mass ``value`` is ``z`` deviations above ``baseline``."""

    a: str  # the pair's countries, a < b
    b: str
    period: dt.date
    value: float  # C for the period
    baseline: float  # mean C over the trailing window
    sd: float  # the standard deviation used (at least the floor)
    z: float
    events: int
    tension: float
    drivers: tuple[Driver, ...]


_SCORES = """
WITH hits AS (
    SELECT least(source_country, target_country) AS a,
           greatest(source_country, target_country) AS b,
           CAST(date_trunc('{unit}', date) AS DATE) AS period, quad_class, goldstein
    FROM events
    WHERE date IS NOT NULL AND source_country IS NOT NULL AND target_country IS NOT NULL
      AND source_country <> target_country AND modality IN ({marks})
      AND (CAST(? AS DATE) IS NULL OR date >= ?) AND (CAST(? AS DATE) IS NULL OR date <= ?)
),
pairs AS (
    SELECT a, b FROM hits
    WHERE NOT ? OR EXISTS (SELECT 1 FROM _a_wanted w WHERE w.a = hits.a AND w.b = hits.b)
    GROUP BY a, b HAVING count(*) >= ?
),
span AS (SELECT min(period) AS lo, max(period) AS hi FROM hits),
periods AS (
    SELECT CAST(unnest(generate_series(lo, hi, {step})) AS DATE) AS period
    FROM span WHERE lo IS NOT NULL
),
series AS (
    SELECT d.a, d.b, p.period, count(h.quad_class) AS events,
           {conflict} AS conflict, {cooperation} AS cooperation
    FROM pairs d CROSS JOIN periods p
    LEFT JOIN hits h ON h.a = d.a AND h.b = d.b AND h.period = p.period
    GROUP BY d.a, d.b, p.period
),
scored AS (
    SELECT *, avg(conflict) OVER w AS baseline,
           greatest(coalesce(stddev_pop(conflict) OVER w, 0), {floor}) AS sd,
           count(*) OVER w AS n
    FROM series
    WINDOW w AS (PARTITION BY a, b ORDER BY period
                 ROWS BETWEEN {window} PRECEDING AND 1 PRECEDING)
)
SELECT a, b, period, conflict AS value, baseline, sd, (conflict - baseline) / sd AS z,
       events, {tension} AS tension
FROM scored
WHERE n = {window} AND (conflict - baseline) / sd > ?
ORDER BY period, z DESC, a, b
"""

_DRIVERS = """
SELECT w.a, w.b, w.period, e.event_id, e.date, e.source_code, e.target_code, e.cameo,
       e.cameo_label, e.goldstein, e.mentions, m.sentence
FROM _a_alerts w
JOIN events e
  ON least(e.source_country, e.target_country) = w.a
 AND greatest(e.source_country, e.target_country) = w.b
 AND CAST(date_trunc('{unit}', e.date) AS DATE) = w.period
JOIN event_mentions m ON m.mention_id = e.first_mention
WHERE e.quad_class >= 3 AND e.modality IN ({marks}) AND e.source_country <> e.target_country
QUALIFY row_number() OVER (
    PARTITION BY w.a, w.b, w.period
    ORDER BY abs(e.goldstein) * e.mentions DESC, e.date, e.event_id) <= ?
ORDER BY w.a, w.b, w.period, abs(e.goldstein) * e.mentions DESC, e.date, e.event_id
"""


def _check(window: int, threshold: float, min_events: int, drivers: int) -> None:
    if window < 2:
        raise ConfigError(f"window must be at least 2 periods, not {window}")
    if threshold <= 0:
        raise ConfigError(f"threshold must be positive, not {threshold}")
    if min_events < 1 or drivers < 0:
        raise ConfigError("min_events must be at least 1 and drivers at least 0")


def _pairs_table(dyads: Sequence[tuple[str, str]] | None) -> pa.Table:
    pairs = sorted({(min(x, y), max(x, y)) for x, y in dyads or ()})
    return pa.table(
        {
            "a": pa.array([p[0] for p in pairs], pa.string()),
            "b": pa.array([p[1] for p in pairs], pa.string()),
        }
    )


def alerts(
    store: Store,
    by: str = "week",
    *,
    window: int = ALERT_WINDOW,
    threshold: float = ALERT_THRESHOLD,
    min_events: int = 10,
    dyads: Sequence[tuple[str, str]] | None = None,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    modality: Sequence[str] = ("asserted",),
    drivers: int = DRIVERS,
) -> list[Alert]:
    """Alerts over every country pair, or only ``dyads`` (ISO3 pairs, either order)."""
    _check(window, threshold, min_events, drivers)
    unit, step = period_sql(by)
    marks = modality_marks(modality)
    # Only whitelisted fragments and checked integers are formatted in.
    sql = _SCORES.format(
        unit=unit,
        step=step,
        marks=marks,
        window=int(window),
        floor=float(ALERT_SD_FLOOR),
        conflict=CONFLICT_SQL,
        cooperation=COOPERATION_SQL,
        tension=tension_sql("conflict", "cooperation"),
    )
    dates = [date_from, date_from, date_to, date_to]
    params = [*modality, *dates, dyads is not None, min_events, threshold]
    with lent(store.con, _a_wanted=_pairs_table(dyads)):
        rows = _rows(store.con.execute(sql, params))
    drivers_sql = _DRIVERS.format(unit=unit, marks=marks)
    found = _drivers(store.con, rows, drivers_sql, [*modality, drivers])
    return [Alert(**r, drivers=tuple(found[r["a"], r["b"], r["period"]])) for r in rows]


def _rows(cursor: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    names = [d[0] for d in cursor.description or ()]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def _drivers(
    con: duckdb.DuckDBPyConnection,
    rows: list[dict[str, Any]],
    sql: str,
    params: list[Any],
) -> defaultdict[tuple[str, str, dt.date], list[Driver]]:
    found: defaultdict[tuple[str, str, dt.date], list[Driver]] = defaultdict(list)
    if not rows or not params[-1]:
        return found
    flagged = pa.table(
        {
            "a": pa.array([r["a"] for r in rows], pa.string()),
            "b": pa.array([r["b"] for r in rows], pa.string()),
            "period": pa.array([r["period"] for r in rows], pa.date32()),
        }
    )
    with lent(con, _a_alerts=flagged):
        cursor = con.execute(sql, params)
        for row in _rows(cursor):
            key = (row.pop("a"), row.pop("b"), row.pop("period"))
            found[key].append(Driver(**row))
    return found
