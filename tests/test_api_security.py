"""The API's guards: body size, read-only store, writes only when writable, no SSRF."""

from __future__ import annotations

import asyncio
import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest
from fastapi.testclient import TestClient
from starlette.types import Message

from flashpoint.api import create_api
from flashpoint.api.fetch import FetchForbiddenError, check_url
from flashpoint.config import Settings
from flashpoint.store import open_store

from .httpserver import LocalServer, serve
from .test_api import error

# Self-written report, long enough to pass the min_words check.
REPORT = (
    "Norway and Finland signed an agreement on Tuesday to share coast guard patrols in the "
    "Barents Sea, the two foreign ministries said in a joint statement. Russia criticised "
    "the accord and accused Oslo of provoking tension in the region."
)
PAGE = f"<html><head><title>Barents patrol accord</title></head><body><p>{REPORT}</p></body></html>"


@pytest.fixture
def server() -> Iterator[LocalServer]:
    with serve() as running:
        yield running


def client_for(store: Path, *, writable: bool = False, **settings: object) -> TestClient:
    return TestClient(create_api(store, Settings(**settings), writable=writable))  # type: ignore[arg-type]


@pytest.fixture
def small(demo_store: Path) -> Iterator[TestClient]:
    with client_for(demo_store, max_request_bytes=1000) as running:
        yield running


def test_a_declared_oversized_body_is_413_unread(small: TestClient) -> None:
    response = small.post("/api/code", json={"text": "x" * 2000})
    inner = error(response, 413, "payload_too_large")
    assert "1000 bytes" in inner["message"]


def test_a_chunked_body_is_counted_as_it_arrives(small: TestClient) -> None:
    def chunks() -> Iterator[bytes]:
        for _ in range(50):
            yield b'{"text": "' + b"y" * 200

    response = small.post(
        "/api/code", content=chunks(), headers={"Content-Type": "application/json"}
    )
    assert "content-length" not in {k.lower() for k in response.request.headers}
    error(response, 413, "payload_too_large")


def test_reading_stops_once_the_limit_is_passed(demo_store: Path) -> None:
    """Driven as ASGI directly: the test client reads a streamed body whole before sending."""
    app = create_api(demo_store, Settings(max_request_bytes=1000))
    pulled = 0
    sent: list[Message] = []

    async def receive() -> Message:
        nonlocal pulled
        pulled += 1
        return {"type": "http.request", "body": b"y" * 200, "more_body": pulled < 50}

    async def send(message: Message) -> None:
        sent.append(message)

    headers = [(b"content-type", b"application/json"), (b"transfer-encoding", b"chunked")]
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "http",
        "path": "/api/code",
        "raw_path": b"/api/code",
        "query_string": b"",
        "root_path": "",
        "headers": headers,
        "client": ("127.0.0.1", 50000),
        "server": ("127.0.0.1", 8000),
    }
    asyncio.run(app(scope, receive, send))
    assert sent[0]["status"] == 413
    assert pulled == 6  # five chunks make exactly 1000 bytes; the sixth passes the limit
    body = json.loads(b"".join(m.get("body", b"") for m in sent[1:]))
    assert body["error"]["code"] == "payload_too_large"


def test_a_body_under_the_limit_is_read(small: TestClient) -> None:
    response = small.post("/api/code", json={"text": "A short note."})
    assert response.status_code == 200, response.text
    assert response.json()["skip"]["reason"] == "no-text"


def test_the_store_is_read_only(demo_store: Path) -> None:
    with client_for(demo_store) as running:
        shared = running.app.state.flashpoint.store  # type: ignore[attr-defined]
        with pytest.raises(duckdb.Error, match="read-only"):
            shared.con.execute("CREATE TABLE intruder (x INTEGER)")
        cursor = shared.con.cursor()
        with pytest.raises(duckdb.Error, match="read-only"):
            cursor.execute("DELETE FROM events")
        cursor.close()
        assert running.get("/api/health").json()["events"] > 0


def test_storing_needs_a_writable_server(demo_store: Path) -> None:
    with client_for(demo_store) as running:
        response = running.post("/api/code", json={"text": REPORT, "store": True})
    error(response, 403, "store_forbidden")


def test_a_writable_server_stores_when_asked(demo_store: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy.duckdb"
    shutil.copy(demo_store, copy)
    with client_for(copy, writable=True) as running:
        before = running.get("/api/health").json()["events"]
        looked = running.post("/api/code", json={"text": REPORT})
        assert running.get("/api/health").json()["events"] == before  # not stored unasked
        stored = running.post("/api/code", json={"text": REPORT, "store": True}).json()
        assert stored["stored"]["articles_new"] == 1
        assert stored["doc_id"] == looked.json()["doc_id"]
        article = running.get(f"/api/articles/{stored['doc_id']}").json()
        assert article["text"] == REPORT
        assert running.get("/api/health").json()["events"] > before
    with open_store(demo_store, read_only=True) as original:
        count = original.con.execute("SELECT count(*) FROM articles").fetchall()[0][0]
        assert count == 55  # the copy changed, the demo store did not


def test_urls_are_refused_without_an_allow_list(demo_store: Path, server: LocalServer) -> None:
    url = server.page("/page", PAGE)
    with client_for(demo_store) as running:
        response = running.post("/api/code", json={"url": url})
    assert "fetch_allow" in error(response, 403, "fetch_forbidden")["message"]
    assert server.hits("/page") == 0


def test_an_allowed_host_is_fetched_and_coded(demo_store: Path, server: LocalServer) -> None:
    server.page("/page", PAGE)
    url = f"http://localhost:{server.port}/page"
    with client_for(demo_store, fetch_allow=("localhost",)) as running:
        body = running.post("/api/code", json={"url": url}).json()
    assert server.hits("/page") == 1
    assert body["skip"] is None
    assert body["title"] == "Barents patrol accord"
    assert body["events"]
    for event in body["events"]:
        start, end = event["offsets"]
        assert body["text"][start:end] == event["sentence"]


@pytest.mark.parametrize(
    "target",
    [
        "http://127.0.0.1:{port}/page",  # the address behind an allowed name is not allowed
        "http://localhost.evil.example:{port}/page",
        "http://localhost@127.0.0.1:{port}/page",  # userinfo names a different host
        "http://user:pw@localhost:{port}/page",
        "file:///etc/passwd",
        "ftp://localhost/page",
        "http://[::1]:{port}/page",
        "not a url",
    ],
)
def test_hosts_off_the_list_are_refused_before_any_request(
    demo_store: Path, server: LocalServer, target: str
) -> None:
    server.page("/page", PAGE)
    with client_for(demo_store, fetch_allow=("localhost",)) as running:
        response = running.post("/api/code", json={"url": target.format(port=server.port)})
    error(response, 403, "fetch_forbidden")
    assert server.hits("/page") == 0


def test_a_redirect_off_the_list_is_not_followed(demo_store: Path, server: LocalServer) -> None:
    server.page("/inside", PAGE)
    server.redirect("/hop", server.url("/inside"))  # to 127.0.0.1, which is not listed
    start = f"http://localhost:{server.port}/hop"
    with client_for(demo_store, fetch_allow=("localhost",)) as running:
        response = running.post("/api/code", json={"url": start})
    assert "127.0.0.1" in error(response, 403, "fetch_forbidden")["message"]
    assert server.hits("/hop") == 1
    assert server.hits("/inside") == 0


def test_a_redirect_on_the_list_is_followed(demo_store: Path, server: LocalServer) -> None:
    server.page("/inside", PAGE)
    server.redirect("/hop", f"http://localhost:{server.port}/inside")
    with client_for(demo_store, fetch_allow=("localhost",)) as running:
        body = running.post(
            "/api/code", json={"url": server.url("/hop").replace("127.0.0.1", "localhost")}
        ).json()
    assert body["skip"] is None
    assert server.hits("/inside") == 1


def test_a_failed_fetch_is_a_skip(demo_store: Path, server: LocalServer) -> None:
    with client_for(demo_store, fetch_allow=("localhost",)) as running:
        body = running.post("/api/code", json={"url": f"http://localhost:{server.port}/gone"})
    assert body.status_code == 200
    assert body.json()["skip"]["reason"] == "http-error"


@pytest.mark.parametrize(
    ("url", "allowed"),
    [
        ("https://news.example/a", True),
        ("https://NEWS.example./a", True),
        ("https://news.example.evil/a", False),
        ("https://evil.example/?u=https://news.example/", False),
        ("javascript:alert(1)", False),
    ],
)
def test_check_url_matches_whole_host_names(url: str, allowed: bool) -> None:
    if allowed:
        check_url(url, {"news.example"})
    else:
        with pytest.raises(FetchForbiddenError):
            check_url(url, {"news.example"})
