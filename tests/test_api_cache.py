"""Replayed answers: only successful GETs, the same bytes, bounded, headers never doubled."""

from __future__ import annotations

import asyncio
from pathlib import Path

from fastapi.testclient import TestClient
from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from flashpoint.api import create_api
from flashpoint.api.cache import ResponseCache
from flashpoint.config import Settings

from .test_api import error


def test_a_repeated_get_is_answered_without_the_store(demo_store: Path) -> None:
    with TestClient(create_api(demo_store, Settings()), raise_server_exceptions=False) as client:
        first = client.get("/api/events?dyad=CHN,JPN&limit=5")
        missing = client.get("/api/events/0000000000000000")
        client.app.state.flashpoint.store.con.close()  # type: ignore[attr-defined]
        again = client.get("/api/events?dyad=CHN,JPN&limit=5")
        assert again.status_code == 200
        assert again.content == first.content
        assert again.headers["content-type"] == "application/json"
        # Anything not answered before needs the store, which is gone now.
        error(client.get("/api/events?dyad=CHN,JPN&limit=6"), 500, "internal_error")
        assert missing.status_code == 404
        error(client.get("/api/events/0000000000000000"), 500, "internal_error")


class _Stamp:
    """Adds a header in place, as security-header middleware does."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        async def stamped(message: Message) -> None:
            if message["type"] == "http.response.start":
                MutableHeaders(scope=message).append("X-Stamp", "1")
            await send(message)

        await self.app(scope, receive, stamped)


def test_outer_headers_are_not_repeated(demo_store: Path) -> None:
    app = create_api(demo_store, Settings())
    app.add_middleware(_Stamp)
    with TestClient(app) as client:
        for _ in range(3):
            response = client.get("/api/health")
            assert response.headers.get_list("x-stamp") == ["1"]


def test_oldest_answers_are_dropped_first() -> None:
    calls: list[str] = []

    async def app(scope: Scope, receive: Receive, send: Send) -> None:
        calls.append(scope["path"])
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": scope["path"].encode()})

    cache = ResponseCache(app, entries=2)

    async def get(path: str) -> bytes:
        sent: list[Message] = []

        async def receive() -> Message:
            return {"type": "http.request", "body": b""}

        async def send(message: Message) -> None:
            sent.append(message)

        scope = {"type": "http", "method": "GET", "path": path, "query_string": b""}
        await cache(scope, receive, send)
        return b"".join(m.get("body", b"") for m in sent)

    async def run() -> None:
        for path in ("/api/a", "/api/b", "/api/a", "/api/c", "/api/b", "/api/a"):
            assert await get(path) == path.encode()
        assert await get("/elsewhere") == b"/elsewhere"
        assert await get("/elsewhere") == b"/elsewhere"

    asyncio.run(run())
    # a, b computed; a replayed; c pushes out b (a was used more recently); b pushes out a.
    assert calls == ["/api/a", "/api/b", "/api/c", "/api/b", "/api/a", "/elsewhere", "/elsewhere"]


def test_identical_requests_in_flight_wait_for_the_first() -> None:
    calls: list[str] = []
    release = asyncio.Event()

    async def app(scope: Scope, receive: Receive, send: Send) -> None:
        calls.append(scope["path"])
        await release.wait()  # every request is in flight before the first is answered
        status = 200 if scope["path"] == "/api/ok" else 404
        await send({"type": "http.response.start", "status": status, "headers": []})
        await send({"type": "http.response.body", "body": scope["path"].encode()})

    cache = ResponseCache(app)

    async def get(path: str) -> bytes:
        sent: list[Message] = []

        async def receive() -> Message:
            return {"type": "http.request", "body": b""}

        async def send(message: Message) -> None:
            sent.append(message)

        scope = {"type": "http", "method": "GET", "path": path, "query_string": b""}
        await cache(scope, receive, send)
        return b"".join(m.get("body", b"") for m in sent)

    async def run() -> list[bytes]:
        tasks = [asyncio.create_task(get(p)) for p in ["/api/ok"] * 5 + ["/api/missing"] * 3]
        for _ in range(5):
            await asyncio.sleep(0)
        release.set()
        return await asyncio.gather(*tasks)

    bodies = asyncio.run(run())
    assert bodies == [b"/api/ok"] * 5 + [b"/api/missing"] * 3
    # One computation of the good answer; a 404 is never kept, so each waiter asks again.
    assert calls.count("/api/ok") == 1
    assert calls.count("/api/missing") == 3
