"""POST /api/code: text or HTML in, events with offsets into the text out, nothing stored."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from flashpoint.api import create_api
from flashpoint.config import Settings
from flashpoint.records import EVENT_FIELDS

from .test_api import error

# Self-written report about an invented meeting.
TEXT = (
    "Japan summoned the Chinese ambassador on Monday over remarks by a consul in Osaka. "
    "China's foreign ministry accused Tokyo of interfering in its internal affairs and "
    "said it would not accept the protest. The two governments agreed to hold talks in "
    "Beijing next week."
)


@pytest.fixture(scope="module")
def client(demo_store: Path) -> Iterator[TestClient]:
    with TestClient(create_api(demo_store, Settings())) as running:
        yield running


def test_text_gives_events_whose_offsets_slice_it(client: TestClient) -> None:
    response = client.post("/api/code", json={"text": TEXT, "published": "2025-11-17"})
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["skip"] is None
    assert body["text"] == TEXT
    assert body["published"] == "2025-11-17"
    assert {e["cameo"] for e in body["events"]} >= {"114"}  # the summons
    for event in body["events"]:
        assert tuple(event) == EVENT_FIELDS
        assert event["doc_id"] == body["doc_id"]
        start, end = event["offsets"]
        assert TEXT[start:end] == event["sentence"]
    assert body["actors"]
    for actor in body["actors"]:
        assert TEXT[actor["start"] : actor["end"]] == actor["text"]
    assert body["stored"] is None
    assert client.get(f"/api/articles/{body['doc_id']}").status_code == 404


def test_html_is_cleaned_first(client: TestClient) -> None:
    page = (
        "<html><head><title>Envoy summoned</title></head><body><nav>Home | World</nav>"
        f"<article><h1>Envoy summoned</h1><p>{TEXT}</p></article></body></html>"
    )
    body = client.post("/api/code", json={"html": page}).json()
    assert body["title"] == "Envoy summoned"
    assert "Home | World" not in body["text"]
    assert body["events"]
    for event in body["events"]:
        start, end = event["offsets"]
        assert body["text"][start:end] == event["sentence"]


def test_too_little_text_is_a_skip_not_an_error(client: TestClient) -> None:
    body = client.post("/api/code", json={"text": "Talks went on."}).json()
    assert body["doc_id"] is None
    assert body["skip"]["reason"] == "no-text"
    assert body["events"] == []


@pytest.mark.parametrize(
    "payload",
    [
        {},
        {"text": TEXT, "html": "<p>x</p>"},
        {"title": "no body"},
        {"text": TEXT, "colour": "red"},
        {"text": TEXT, "published": "last week"},
        {"text": 12},
        {"text": TEXT, "store": "perhaps"},
    ],
)
def test_bad_bodies_are_422(client: TestClient, payload: dict[str, object]) -> None:
    inner = error(client.post("/api/code", json=payload), 422, "validation_error")
    assert inner["details"]
    assert all(d["loc"][0] == "body" for d in inner["details"])


def test_broken_json_is_422(client: TestClient) -> None:
    response = client.post(
        "/api/code", content=b'{"text": ', headers={"Content-Type": "application/json"}
    )
    error(response, 422, "validation_error")
