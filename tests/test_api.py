"""The REST API's read endpoints on the demo store: the library's answers, one error shape."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any, get_args

import pytest
from fastapi.testclient import TestClient
from hypothesis import given, settings
from hypothesis import strategies as st

from flashpoint.analytics import alerts, dyad_series, network, tension
from flashpoint.api import create_api
from flashpoint.api.params import MAX_POINTS, Order
from flashpoint.api.schemas import CodedEvent
from flashpoint.config import Settings
from flashpoint.model import to_dict
from flashpoint.records import EVENT_FIELDS
from flashpoint.store import ORDERS, EventFilter, Store, count_events, open_store, query_events
from flashpoint.store.records import MODALITIES


@pytest.fixture(scope="module")
def client(demo_store: Path) -> Iterator[TestClient]:
    with TestClient(create_api(demo_store, Settings())) as running:
        yield running


@pytest.fixture(scope="module")
def store(demo_store: Path) -> Iterator[Store]:
    with open_store(demo_store, read_only=True) as opened:
        yield opened


def ok(client: TestClient, url: str) -> Any:
    response = client.get(url)
    assert response.status_code == 200, response.text
    return response.json()


def error(response: Any, status: int, code: str) -> dict[str, Any]:
    """Check the one error shape and return its inner object."""
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error"}
    inner: dict[str, Any] = body["error"]
    assert set(inner) == {"status", "code", "message", "details"}
    assert inner["status"] == status
    assert inner["code"] == code
    assert inner["message"]
    assert isinstance(inner["details"], list)
    return inner


def test_health_counts_every_stored_event(client: TestClient, store: Store) -> None:
    body = ok(client, "/api/health")
    every = count_events(store, EventFilter(modality=MODALITIES))
    assert body["status"] == "ok"
    assert body["events"] == every > 0
    assert body["store"] == "demo.duckdb"  # the file name, not the server's directories
    assert body["version"]


FILTERS: list[tuple[str, EventFilter]] = [
    ("", EventFilter()),
    ("dyad=CHN,JPN", EventFilter(dyad=("CHN", "JPN"))),
    ("dyad=chn,jpn&directed=true", EventFilter(dyad=("CHN", "JPN"), directed=True)),
    ("actor=USA", EventFilter(actor="USA")),
    ("cameo=11", EventFilter(cameo="11")),
    ("root=19", EventFilter(root="19")),
    ("plover=consult", EventFilter(plover="CONSULT")),
    ("quad=4", EventFilter(quad_class=4)),
    (
        "from=2025-11-07&to=2025-11-23",
        EventFilter(date_from=dt.date(2025, 11, 7), date_to=dt.date(2025, 11, 23)),
    ),
    ("modality=negated&modality=future", EventFilter(modality=("negated", "future"))),
    ("q=ambassador", EventFilter(text="ambassador")),
    (
        "dyad=CHN,JPN&quad=3&from=2025-11-01",
        EventFilter(dyad=("CHN", "JPN"), quad_class=3, date_from=dt.date(2025, 11, 1)),
    ),
]


@pytest.mark.parametrize(("query", "chosen"), FILTERS, ids=[q or "default" for q, _ in FILTERS])
def test_events_match_the_library(
    client: TestClient, store: Store, query: str, chosen: EventFilter
) -> None:
    body = ok(client, f"/api/events?{query}&limit=500")
    expected = query_events(store, dataclasses.replace(chosen, order="-date", limit=500))
    assert body["total"] == count_events(store, chosen)
    assert [e["event_id"] for e in body["items"]] == [e.event_id for e in expected]
    assert body["items"][:3] == [to_dict(e) for e in expected[:3]]


def test_filters_narrow_as_documented(client: TestClient) -> None:
    pairs = ok(client, "/api/events?dyad=CHN,JPN&directed=true&limit=500")["items"]
    assert pairs
    assert all(e["source_code"].startswith("CHN") for e in pairs)
    assert all(e["target_code"].startswith("JPN") for e in pairs)
    hostile = ok(client, "/api/events?quad=4&cameo=1&limit=500")["items"]
    assert hostile
    assert all(e["quad_class"] == 4 and e["cameo"].startswith("1") for e in hostile)
    window = ok(client, "/api/events?from=2025-11-07&to=2025-11-09&limit=500")["items"]
    assert window
    assert all("2025-11-07" <= e["date"] <= "2025-11-09" for e in window)


def test_default_page_is_newest_first(client: TestClient) -> None:
    body = ok(client, "/api/events")
    assert body["limit"] == 50
    assert body["offset"] == 0
    assert len(body["items"]) == 50 < body["total"]
    dates = [e["date"] for e in body["items"] if e["date"]]
    assert dates == sorted(dates, reverse=True)


def test_total_is_counted_past_the_end_and_without_items(client: TestClient, store: Store) -> None:
    every = count_events(store, EventFilter())
    past = ok(client, f"/api/events?offset={every + 10}")
    assert (past["total"], past["items"]) == (every, [])
    assert ok(client, "/api/events?limit=0")["total"] == every
    last = ok(client, f"/api/events?offset={every - 3}")
    assert (last["total"], len(last["items"])) == (every, 3)


@pytest.mark.parametrize("order", ORDERS)
def test_every_order_sorts(client: TestClient, order: str) -> None:
    items = ok(client, f"/api/events?order={order}&limit=500")["items"]
    key = order.lstrip("-")
    values = [e[key] for e in items if e[key] is not None]
    assert values == sorted(values, reverse=order.startswith("-"))


def test_order_choices_are_the_stores() -> None:
    assert get_args(Order) == ORDERS


@settings(max_examples=25, deadline=None)
@given(
    limit=st.integers(min_value=1, max_value=120),
    order=st.sampled_from(ORDERS),
    query=st.sampled_from([q for q, _ in FILTERS]),
)
def test_pages_cover_the_total_exactly_once(
    client: TestClient, limit: int, order: str, query: str
) -> None:
    seen: list[str] = []
    total = None
    offset = 0
    while total is None or offset < total:
        body = ok(client, f"/api/events?{query}&order={order}&limit={limit}&offset={offset}")
        total = body["total"]
        assert len(body["items"]) == min(limit, total - offset)
        seen += [e["event_id"] for e in body["items"]]
        offset += limit
    assert len(seen) == len(set(seen)) == total


@pytest.mark.parametrize(
    ("query", "where"),
    [
        ("limit=501", "limit"),
        ("limit=-1", "limit"),
        ("offset=-5", "offset"),
        ("quad=5", "quad"),
        ("order=newest", "order"),
        ("from=2025-02-30", "from"),
        ("dyad=CHN", "dyad"),
        ("dyad=CHN,JPN,USA", "dyad"),
        ("actor=CHN;DROP", "actor"),
        ("cameo=abc", "cameo"),
        ("root=1", "root"),
        ("modality=maybe", "modality"),
        ("q=" + "x" * 201, "q"),
        ("colour=red", "colour"),
    ],
)
def test_bad_query_parameters_are_422(client: TestClient, query: str, where: str) -> None:
    inner = error(client.get(f"/api/events?{query}"), 422, "validation_error")
    assert any(where in map(str, d["loc"]) for d in inner["details"])
    assert all(set(d) == {"loc", "message", "type"} for d in inner["details"])


def test_library_refusals_are_422_with_its_message(client: TestClient) -> None:
    inner = error(client.get("/api/events?from=2025-12-01&to=2025-11-01"), 422, "invalid_parameter")
    assert "after" in inner["message"]
    error(client.get("/api/triad?a=CHN&b=CHN&c=JPN"), 422, "invalid_parameter")


def test_one_event_with_its_evidence(client: TestClient, store: Store) -> None:
    busiest = query_events(store, EventFilter(order="-mentions", limit=1))[0]
    body = ok(client, f"/api/events/{busiest.event_id}")
    assert body["event"] == to_dict(busiest)
    # ``mentions`` counts repeats within an article too; each row is one article's.
    assert sum(m["mentions_in_article"] for m in body["mentions"]) == busiest.mentions > 1
    assert {m["event_id"] for m in body["mentions"]} == {busiest.event_id}
    assert all(
        {"doc_id", "title", "url", "sentence", "start", "end"} <= set(m) for m in body["mentions"]
    )
    negated = query_events(store, EventFilter(modality=("negated",), limit=1))[0]
    assert ok(client, f"/api/events/{negated.event_id}")["event"]["modality"] == "negated"


def test_one_article_with_offsets_that_slice_its_text(client: TestClient, store: Store) -> None:
    doc_id = query_events(store, EventFilter(limit=1))[0].doc_id
    body = ok(client, f"/api/articles/{doc_id}")
    text = body["text"]
    assert body["doc_id"] == doc_id
    assert body["mentions"]
    assert body["actors"]
    for mention in body["mentions"]:
        assert text[mention["start"] : mention["end"]] == mention["sentence"]
    for actor in body["actors"]:
        assert text[actor["start"] : actor["end"]] == actor["text"]


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("/api/events/0000000000000000", "no event"),
        ("/api/articles/0000000000000000", "no article"),
        ("/api/nothing-here", "no such endpoint"),
        ("/api/articles/..%2F..%2Fetc%2Fpasswd", "no such endpoint"),
        ("/api/../../etc/passwd", "no such endpoint"),
    ],
)
def test_missing_things_are_404(client: TestClient, url: str, message: str) -> None:
    assert message in error(client.get(url), 404, "not_found")["message"]


def test_wrong_method_is_405_with_allow(client: TestClient) -> None:
    response = client.delete("/api/events")
    error(response, 405, "method_not_allowed")
    assert response.headers["allow"] == "GET"


def test_dyad_series_is_the_librarys(client: TestClient, store: Store) -> None:
    body = ok(client, "/api/dyad?a=CHN&b=JPN&by=week&from=2025-10-01&to=2025-12-31")
    expected = dyad_series(
        store, "CHN", "JPN", "week", date_from=dt.date(2025, 10, 1), date_to=dt.date(2025, 12, 31)
    )
    assert (body["a"], body["b"], body["by"], body["directed"]) == ("CHN", "JPN", "week", False)
    assert body["points"] == [to_dict(p) for p in expected]
    assert sum(p["events"] for p in body["points"]) > 0


def test_dyad_starts_a_year_before_the_latest_event_by_default(
    client: TestClient, store: Store
) -> None:
    latest = query_events(store, EventFilter(dyad=("CHN", "JPN"), order="-date", limit=1))[0]
    assert latest.date is not None
    body = ok(client, "/api/dyad?a=CHN&b=JPN&by=month&directed=true")
    assert body["date_from"] == (latest.date - dt.timedelta(days=365)).isoformat()
    assert body["points"][0]["period"] <= body["date_from"]


def test_series_spans_are_capped(client: TestClient) -> None:
    inner = error(
        client.get("/api/dyad?a=CHN&b=JPN&by=day&from=1900-01-01&to=2025-01-01"),
        422,
        "span_too_long",
    )
    assert str(MAX_POINTS) in inner["message"]
    error(client.get("/api/timeline?by=day&from=1900-01-01"), 422, "span_too_long")
    error(
        client.get("/api/dyad?a=CHN&b=JPN&from=2025-02-01&to=2025-01-01"), 422, "invalid_parameter"
    )
    error(client.get("/api/dyad?a=CHN&by=year"), 422, "validation_error")


def test_alerts_newest_first_and_as_the_library_finds_them(
    client: TestClient, store: Store
) -> None:
    items = ok(client, "/api/alerts?dyad=CHN,JPN&min_events=5")["items"]
    expected = alerts(store, "week", min_events=5, dyads=[("CHN", "JPN")])
    assert items
    assert sorted((a["period"], a["z"]) for a in items) == sorted(
        (a.period.isoformat(), a.z) for a in expected
    )
    periods = [a["period"] for a in items]
    assert periods == sorted(periods, reverse=True)
    assert all(a["drivers"] and {"event_id", "sentence"} <= set(a["drivers"][0]) for a in items)
    assert len(ok(client, "/api/alerts?dyad=CHN,JPN&min_events=5&limit=1")["items"]) == 1


def test_network_is_the_librarys(client: TestClient, store: Store) -> None:
    body = ok(client, "/api/network?level=actor&min_events=2&from=2025-11-01")
    expected = network(store, dt.date(2025, 11, 1), None, "actor", 2)
    assert body == to_dict(expected)
    assert body["nodes"]
    assert body["edges"]
    error(client.get("/api/network?min_events=0"), 422, "validation_error")
    error(client.get("/api/network?level=region"), 422, "validation_error")


def test_triad_has_its_fields(client: TestClient) -> None:
    body = ok(client, "/api/triad?a=USA&b=CHN&c=JPN")
    assert body["nodes"] == ["USA", "CHN", "JPN"]
    assert len(body["edges"]) == 3
    assert isinstance(body["balanced"], bool)
    assert body["explanation"]


def test_actors_most_events_first_and_searchable(client: TestClient, store: Store) -> None:
    items = ok(client, "/api/actors?limit=10")["items"]
    assert len(items) == 10
    counts = [a["events"] for a in items]
    assert counts == sorted(counts, reverse=True)
    assert set(items[0]) == {"code", "name", "country", "role", "events"}
    exact = store.con.execute(
        "SELECT count(*) FROM events WHERE modality = 'asserted' "
        "AND (source_code = ? OR target_code = ?)",
        [items[0]["code"], items[0]["code"]],
    ).fetchall()[0][0]
    assert items[0]["events"] == exact
    found = ok(client, "/api/actors?q=takaichi")["items"]
    assert [a["code"] for a in found] == ["JPNGOV"]
    assert all(a["code"].startswith("CHN") for a in ok(client, "/api/actors?q=chn")["items"])


def test_top_dyads_most_tense_first_in_a_recent_window(client: TestClient) -> None:
    body = ok(client, "/api/dyads/top?limit=5&by=week&periods=8")
    items = body["items"]
    assert 0 < len(items) <= 5
    tensions = [d["tension"] for d in items]
    assert tensions == sorted(tensions, reverse=True)
    assert all(d["a"] < d["b"] for d in items)
    for dyad in items:
        assert dyad["tension"] == pytest.approx(tension(dyad["conflict"], dyad["cooperation"]))
    start = dt.date.fromisoformat(body["date_from"])
    end = dt.date.fromisoformat(body["date_to"])
    assert (end - start).days == 8 * 7 - 1
    assert start.weekday() == 0


def test_timeline_counts_each_dated_event_once(client: TestClient, store: Store) -> None:
    body = ok(client, "/api/timeline?by=month&from=2025-10-01&to=2026-01-31")
    window = EventFilter(date_from=dt.date(2025, 10, 1), date_to=dt.date(2026, 1, 31))
    assert [p["period"] for p in body["points"]] == [
        "2025-10-01",
        "2025-11-01",
        "2025-12-01",
        "2026-01-01",
    ]
    assert sum(p["events"] for p in body["points"]) == count_events(store, window)
    assert all(p["events"] == sum(p[f"quad{q}"] for q in range(1, 5)) for p in body["points"])
    assert ok(client, "/api/timeline")["points"]


def test_openapi_and_offline_docs(client: TestClient) -> None:
    paths = set(ok(client, "/api/openapi.json")["paths"])
    assert paths >= {
        "/api/health",
        "/api/events",
        "/api/events/{event_id}",
        "/api/dyad",
        "/api/alerts",
        "/api/network",
        "/api/triad",
        "/api/actors",
        "/api/dyads/top",
        "/api/timeline",
        "/api/articles/{doc_id}",
        "/api/code",
    }
    page = client.get("/api/docs")
    assert page.status_code == 200
    assert "/api/dyads/top" in page.text
    assert "<script" not in page.text
    assert "http://" not in page.text and "https://" not in page.text
    assert "default-src 'none'" in page.headers["content-security-policy"]


def test_unexpected_errors_are_500_without_a_traceback(demo_store: Path) -> None:
    app = create_api(demo_store, Settings())

    @app.get("/api/broken")
    def broken() -> None:
        raise RuntimeError("secret internals at /srv/flashpoint")

    with TestClient(app, raise_server_exceptions=False) as running:
        response = running.get("/api/broken")
    inner = error(response, 500, "internal_error")
    assert "secret" not in response.text
    assert "Traceback" not in response.text
    assert inner["message"] == "internal server error"


def test_coded_event_model_has_the_records_fields() -> None:
    assert tuple(CodedEvent.model_fields) == EVENT_FIELDS
