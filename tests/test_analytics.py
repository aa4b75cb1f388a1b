"""Analytics on hand-made stores: dyad series, tension, alerts, networks and triads."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import replace
from pathlib import Path

import networkx as nx
import pytest

from flashpoint.analytics import (
    alerts,
    dyad_series,
    network,
    tension,
    to_graphml,
    to_json,
    triad,
)
from flashpoint.errors import ConfigError
from flashpoint.model import Event
from flashpoint.store import Store, open_store
from tests.test_store import event, item, write

MONDAY = dt.date(2025, 11, 3)


def on(week: int, weekday: int = 0) -> str:
    return (MONDAY + dt.timedelta(weeks=week, days=weekday)).isoformat()


def store_of(*events: Event) -> Store:
    """A store with each event in its own article, so nothing depends on in-article order."""
    store = open_store(":memory:")
    homed = [replace(e, doc_id=f"doc{i}", id=f"{e.id}@doc{i}") for i, e in enumerate(events)]
    write(store, [item(e.doc_id, e) for e in homed])
    return store


# --- tension --------------------------------------------------------------------------------


def test_tension_is_bounded_and_signed() -> None:
    assert tension(0, 0) == 0
    assert tension(10, 0) == pytest.approx(0.5)  # one attack cannot reach 1
    assert tension(0, 1.9) == pytest.approx(-1.9 / 11.9)
    assert 0 < tension(1000, 0) < 1 and -1 < tension(0, 1000) < 0


# --- dyad series ----------------------------------------------------------------------------


@pytest.fixture
def pair() -> Store:
    return store_of(
        event("x", 1, "CHNGOV", "JPNGOV", "042", on(0, 0)),  # week 0: a visit
        event("x", 2, "JPNGOV", "CHNGOV", "057", on(0, 3)),  # week 0: an agreement
        # week 1: nothing
        event("x", 3, "CHNMIL", "JPNGOV", "190", on(2, 0)),  # week 2: fighting...
        event("x", 4, "CHNGOV", "JPNGOV", "112", on(2, 2)),
        event("x", 5, "JPNGOV", "CHNGOV", "138", on(2, 4)),
        event("x", 6, "CHNGOV", "JPNGOV", "042", on(2, 6)),  # ...and one visit
        event("x", 7, "CHNGOV", "JPNGOV", "190", on(2, 1), modality="negated"),
        event("x", 8, "CHNGOV", "USAGOV", "190", on(1, 0)),  # another dyad
    )


def test_weeks_are_zero_filled_with_quad_counts_and_tension(pair: Store) -> None:
    series = dyad_series(pair, "CHN", "JPN", by="week")
    assert [p.period for p in series] == [MONDAY + dt.timedelta(weeks=w) for w in range(3)]
    calm, empty, tense = series
    assert (calm.quad1, calm.quad2, calm.quad3, calm.quad4, calm.events) == (2, 0, 0, 0, 2)
    assert calm.goldstein_sum == pytest.approx(9.9) and calm.tension < 0
    assert (empty.events, empty.goldstein_sum, empty.goldstein_mean, empty.tension) == (
        0,
        0,
        None,
        0,
    )
    assert (tense.quad1, tense.quad3, tense.quad4, tense.events) == (1, 2, 1, 4)
    assert tense.conflict == pytest.approx(19) and tense.cooperation == pytest.approx(1.9)
    assert tense.tension == pytest.approx((19 - 1.9) / (19 + 1.9 + 10)) and tense.tension > 0
    assert tense.goldstein_mean == pytest.approx((1.9 - 10 - 2 - 7) / 4)


def test_directed_series_keep_one_direction(pair: Store) -> None:
    forward = dyad_series(pair, "CHN", "JPN", by="week", directed=True)
    backward = dyad_series(pair, "JPN", "CHN", by="week", directed=True)
    assert [p.events for p in forward] == [1, 0, 3]
    assert [p.events for p in backward] == [1, 0, 1]
    both = dyad_series(pair, "JPN", "CHN", by="week")
    assert [p.events for p in both] == [2, 0, 4]


def test_days_months_and_a_fixed_span(pair: Store) -> None:
    days = dyad_series(pair, "CHNGOV", "JPN", by="day")
    assert len(days) == 21 and sum(p.events for p in days) == 5  # 3 to 23 November
    (month,) = dyad_series(pair, "CHN", "JPN", by="month")
    assert month.period == dt.date(2025, 11, 1) and month.events == 6
    span = dyad_series(
        pair,
        "CHN",
        "JPN",
        by="week",
        date_from=dt.date(2025, 10, 20),
        date_to=dt.date(2025, 11, 30),
    )
    assert [p.events for p in span] == [0, 0, 2, 0, 4, 0]
    negated = dyad_series(pair, "CHN", "JPN", by="week", modality=("negated",))
    assert [p.events for p in negated] == [1]


def test_no_events_no_series_and_bad_periods(pair: Store) -> None:
    assert dyad_series(pair, "FRA", "DEU") == []
    with pytest.raises(ConfigError, match="unknown period"):
        dyad_series(pair, "CHN", "JPN", by="fortnight")
    with pytest.raises(ConfigError):
        dyad_series(pair, "CHN", "JPN", modality=("rumoured",))


# --- alerts ---------------------------------------------------------------------------------


def calm_then_spike(spike: list[tuple[str, str, int]]) -> list[Event]:
    """Ten calm weeks of one accusation each, then the spike week's events."""
    calm = [event(f"c{w}", 1, "CHNGOV", "JPNGOV", "112", on(w)) for w in range(10)]
    hot = [
        event(f"s{i}", 1, "CHNMIL", "JPNMIL", code, on(10, day))
        for i, (code, _, day) in enumerate(spike)
    ]
    return calm + hot


def test_a_conflict_spike_alerts_and_names_its_drivers() -> None:
    spike = [("190", "fight", 0), ("19", "fight", 2), ("138", "threat", 4), ("042", "visit", 5)]
    store = store_of(*calm_then_spike(spike))
    found = alerts(store, by="week", window=8, threshold=3.0, min_events=5)
    assert len(found) == 1
    (alert,) = found
    assert (alert.a, alert.b, alert.period) == ("CHN", "JPN", MONDAY + dt.timedelta(weeks=10))
    assert alert.value == pytest.approx(27) and alert.baseline == pytest.approx(2)
    assert alert.sd == pytest.approx(5) and alert.z == pytest.approx(5)
    assert alert.events == 4 and alert.tension > 0
    assert [d.cameo for d in alert.drivers] == ["190", "19", "138"]  # conflict only, by weight
    assert alert.drivers[0].sentence == "Sentence 1 of s0." and alert.drivers[0].goldstein == -10
    assert alerts(store, by="week", window=8, threshold=3.0, min_events=5) == found


def test_a_flat_series_and_a_single_event_do_not_alert() -> None:
    flat = store_of(*calm_then_spike([]))
    assert alerts(flat, window=8, min_events=5) == []
    one = store_of(*calm_then_spike([("190", "fight", 0)]))  # z = (10 - 2) / 5 < 3
    assert alerts(one, window=8, min_events=5) == []


def test_alerts_respect_dyads_and_min_events() -> None:
    spike = [("190", "fight", 0), ("19", "fight", 2), ("138", "threat", 4)]
    store = store_of(*calm_then_spike(spike))
    assert alerts(store, window=8, min_events=5, dyads=[("JPN", "CHN")])
    assert alerts(store, window=8, min_events=5, dyads=[("USA", "CHN")]) == []
    assert alerts(store, window=8, min_events=50) == []
    with pytest.raises(ConfigError):
        alerts(store, window=1)


# --- network and triads --------------------------------------------------------------------


@pytest.fixture
def triangle() -> Store:
    return store_of(
        event("t", 1, "USAGOV", "JPNGOV", "057", on(0, 0)),  # USA-JPN: cooperative
        event("t", 2, "JPNGOV", "USAGOV", "042", on(0, 3)),
        event("t", 3, "CHNMIL", "JPNGOV", "190", on(0, 0)),  # CHN-JPN: hostile
        event("t", 4, "JPNGOV", "CHNGOV", "112", on(0, 3)),
        event("t", 5, "USA", "CHNGOV", "057", on(0, 0)),  # USA-CHN: +8 and -7, mixed
        event("t", 6, "CHNGOV", "USAGOV", "17", on(0, 3)),
        event("t", 7, "CHNGOV", "CHNGOV", "173", on(0, 5)),  # domestic: no edge
        event("t", 8, "---REB", "JPNGOV", "190", on(0, 5)),  # rebels of no country: no node
    )


def test_network_edges_signs_and_nodes(triangle: Store) -> None:
    net = network(triangle)
    edges = {(e.a, e.b): e for e in net.edges}
    assert set(edges) == {("JPN", "USA"), ("CHN", "JPN"), ("CHN", "USA")}
    assert [edges[k].sign for k in [("JPN", "USA"), ("CHN", "JPN"), ("CHN", "USA")]] == [1, -1, 0]
    usa_chn = edges["CHN", "USA"]
    assert (usa_chn.events, usa_chn.cooperation, usa_chn.conflict) == (2, 1, 1)
    assert usa_chn.goldstein_sum == pytest.approx(1) and usa_chn.goldstein_mean == pytest.approx(
        0.5
    )
    nodes = {n.code: n for n in net.nodes}
    assert nodes["USA"].label == "name of USA" and nodes["CHN"].label == "CHN"
    assert nodes["JPN"].events == 4
    actors = network(triangle, level="actor")
    assert {"CHNMIL", "JPNGOV"} <= {n.code for n in actors.nodes}
    assert not any(n.code.startswith("---") for n in actors.nodes)
    assert len(network(triangle, min_events=3).edges) == 0
    directed = network(triangle, directed=True)
    assert ("USA", "JPN") in {(e.a, e.b) for e in directed.edges}


def test_a_triad_with_a_mixed_tie_and_a_middle(triangle: Store) -> None:
    found = triad(triangle, "USA", "CHN", "JPN")
    assert [e.sign for e in found.edges] == [0, 1, -1]  # USA-CHN, USA-JPN, CHN-JPN
    assert found.product == 0 and not found.balanced
    assert found.middle == "USA"
    assert "CHN" in found.explanation and "JPN" in found.explanation


def test_a_balanced_triad() -> None:
    store = store_of(
        event("t", 1, "USAGOV", "JPNGOV", "057", on(0)),
        event("t", 2, "CHNMIL", "JPNGOV", "190", on(0)),
        event("t", 3, "USAGOV", "CHNGOV", "163", on(0)),
    )
    found = triad(store, "USA", "CHN", "JPN")
    assert [e.sign for e in found.edges] == [-1, 1, -1]
    assert found.product == 1 and found.balanced
    lonely = triad(store, "USA", "CHN", "FRA")
    assert lonely.product == 0 and not lonely.balanced
    with pytest.raises(ConfigError):
        triad(store, "USA", "USA", "JPN")


def test_graphml_and_json(triangle: Store, tmp_path: Path) -> None:
    net = network(triangle)
    path = to_graphml(net, tmp_path / "net.graphml")
    graph = nx.read_graphml(path)
    assert set(graph.nodes) == {"USA", "CHN", "JPN"}
    assert graph.edges["CHN", "JPN"]["sign"] == -1
    assert graph.nodes["USA"]["label"] == "name of USA"
    data = json.loads(json.dumps(to_json(net)))
    assert {e["sign"] for e in data["edges"]} == {1, 0, -1}
    assert len(data["nodes"]) == 3
