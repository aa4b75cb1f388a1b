"""Analytics over the event store: dyad series, tension, alerts, networks, overviews, exports.

Everything here reads a :class:`flashpoint.store.Store` with SQL that DuckDB runs
whole; nothing loops over events in Python. The tension index, the alert rule and
their constants are defined, with their sources, in
:mod:`flashpoint.analytics.tension`.
"""

from __future__ import annotations

from flashpoint.analytics.alerts import Alert, Driver, alerts
from flashpoint.analytics.dyad import DyadPoint, dyad_series
from flashpoint.analytics.export import FORMATS, GDELT_COLUMNS, export_events
from flashpoint.analytics.network import (
    Edge,
    Network,
    Node,
    Triad,
    network,
    to_graphml,
    to_json,
    triad,
)
from flashpoint.analytics.overview import (
    ActorCount,
    TenseDyad,
    TimelinePoint,
    TopDyads,
    actor_counts,
    timeline,
    top_dyads,
)
from flashpoint.analytics.tension import tension

__all__ = [
    "FORMATS",
    "GDELT_COLUMNS",
    "ActorCount",
    "Alert",
    "Driver",
    "DyadPoint",
    "Edge",
    "Network",
    "Node",
    "TenseDyad",
    "TimelinePoint",
    "TopDyads",
    "Triad",
    "actor_counts",
    "alerts",
    "dyad_series",
    "export_events",
    "network",
    "tension",
    "timeline",
    "to_graphml",
    "to_json",
    "top_dyads",
    "triad",
]
