"""The tension index and every constant the analytics use, defined in one place.

**Weights.** Each deduplicated event counts once, weighted by the Goldstein value of
its CAMEO code: Goldstein, J. S. (1992), "A Conflict-Cooperation Scale for WEIS
Events Data", *Journal of Conflict Resolution* 36(2): 369-385, in the CAMEO mapping
used by Phoenix and GDELT (see the ontology's ``cameo.toml``). We do not weight by
the number of articles: the store has already collapsed repeated reports into one
event, and weighting by coverage would re-import exactly the media-attention bias
dedup removes (dramatic conflict is reported more often than quiet cooperation; see
Hammond, J. and Weidmann, N. B. (2014), "Using machine-coded event data for the
micro-level study of political violence", *Research & Politics* 1(2)).

**Tension.** For one dyad and one period let

* ``C`` = Σ |goldstein| over conflict events (quad classes 3 and 4),
* ``K`` = Σ goldstein over cooperation events (quad classes 1 and 2) with a positive
  value (neutral statements, Goldstein 0, add nothing),

then ``tension = (C − K) / (C + K + s)`` with ``s`` = :data:`TENSION_SMOOTHING`.
It lies in (−1, 1): positive when conflict outweighs cooperation, negative when
cooperation does, 0 for a quiet period. The smoothing keeps one event from swinging
it to ±1: a single attack (Goldstein −10) gives 0.5, a single visit (+1.9) −0.16.
This is the conflict/cooperation balance of the COPDAB tradition (Azar, E. E. (1980),
"The Conflict and Peace Data Bank (COPDAB) Project", *Journal of Conflict
Resolution* 24(1): 143-152) and of the net-cooperation measures built on ICEWS
(O'Brien, S. P. (2010), "Crisis Early Warning and Decision Support: Contemporary
Approaches and Thoughts on Future Research", *International Studies Review* 12(1):
87-104), normalised so that dyads with very different volumes compare.

**Alerts** are on ``C``, the conflict intensity, not on the tension ratio: a ratio
jumps when a quiet dyad has one event, while ``C`` grows with how much conflict there
was. A period alerts when ``C`` exceeds the mean of the previous ``window`` periods by
more than ``threshold`` standard deviations, the standard deviation being at least
:data:`ALERT_SD_FLOOR` so a flat baseline does not alert on one event: with the
default threshold of 3, one event (|goldstein| ≤ 10) moves ``z`` by at most 2. This
is a Shewhart-style control chart on event counts, as in the event-data early-warning
work of Schrodt, P. A. and Gerner, D. J. (2000), "Cluster-Based Early Warning
Indicators for Political Change in the Contemporary Levant", *American Political
Science Review* 94(4): 803-817, and O'Brien (2010). It flags departures from a dyad's
own recent past; it is not a validated forecast of escalation.

**Edge signs** in the network use the balance of positive against negative Goldstein
mass on an edge, ``(P − N) / (P + N)``: +1 above :data:`SIGN_BAND`, −1 below
``-SIGN_BAND``, 0 (mixed or empty) between.
"""

from __future__ import annotations

from typing import Final

__all__ = [
    "ALERT_SD_FLOOR",
    "ALERT_THRESHOLD",
    "ALERT_WINDOW",
    "DRIVERS",
    "SIGN_BAND",
    "TENSION_SMOOTHING",
    "edge_sign",
    "tension",
]

#: ``s`` in the tension formula, in Goldstein points (one strong event's worth).
TENSION_SMOOTHING: Final = 10.0
#: Trailing periods an alert compares against.
ALERT_WINDOW: Final = 8
#: Standard deviations above the trailing mean that make an alert.
ALERT_THRESHOLD: Final = 3.0
#: Smallest standard deviation an alert divides by, in Goldstein points.
ALERT_SD_FLOOR: Final = 5.0
#: How many events an alert names as its drivers.
DRIVERS: Final = 5
#: Balance beyond which an edge counts as cooperative (+1) or hostile (-1).
SIGN_BAND: Final = 0.2

#: The three sums every series computes, over rows with ``quad_class`` and ``goldstein``.
CONFLICT_SQL: Final = "coalesce(sum(abs(goldstein)) FILTER (WHERE quad_class >= 3), 0)"
COOPERATION_SQL: Final = (
    "coalesce(sum(goldstein) FILTER (WHERE quad_class <= 2 AND goldstein > 0), 0)"
)


def tension_sql(conflict: str, cooperation: str) -> str:
    """The tension formula over two SQL expressions (fixed column names, never input)."""
    return (
        f"(({conflict}) - ({cooperation})) / (({conflict}) + ({cooperation}) + {TENSION_SMOOTHING})"
    )


def tension(conflict: float, cooperation: float) -> float:
    """The tension of a period with conflict mass ``C`` and cooperation mass ``K``."""
    return (conflict - cooperation) / (conflict + cooperation + TENSION_SMOOTHING)


def edge_sign(positive: float, negative: float) -> int:
    """+1, -1 or 0 for an edge with positive and negative Goldstein mass (both ≥ 0)."""
    total = positive + negative
    if total == 0:
        return 0
    balance = (positive - negative) / total
    if balance > SIGN_BAND:
        return 1
    if balance < -SIGN_BAND:
        return -1
    return 0
