"""Answers to repeated GETs, kept while the store cannot change.

A server started read-only holds a shared lock on the store file, and DuckDB will not
let any process open it for writing while that lock is held; so for the server's whole
life every ``GET /api/...`` has one right answer, and a second identical request can
get the first one's bytes. That is this cache: successful GET responses, keyed by path
and query string, least recently used dropped first, bounded in count and in bytes.
A writable server does not use it (its own writes would make answers stale).

Most of a request's cost is DuckDB planning a query (several milliseconds even on the
demo store); a dashboard asks the same few questions again and again.
"""

from __future__ import annotations

import asyncio
from collections import OrderedDict
from dataclasses import dataclass

from starlette.types import ASGIApp, Message, Receive, Scope, Send

__all__ = ["ResponseCache"]


@dataclass(frozen=True, slots=True, kw_only=True)
class _Answer:
    start: Message
    body: bytes


class _Recorder:
    """A ``send`` that passes messages on and keeps a copy of a small 200 response."""

    def __init__(self, send: Send, limit: int) -> None:
        self._send = send
        self._limit = limit
        self.start: Message | None = None
        self.chunks: list[bytes] = []
        self.size = 0
        self.keep = True

    async def __call__(self, message: Message) -> None:
        if message["type"] == "http.response.start":
            # A copy: middleware further out may add headers to the message in place.
            self.start = {**message, "headers": list(message.get("headers", ()))}
            self.keep = message["status"] == 200
        elif message["type"] == "http.response.body" and self.keep:
            self.chunks.append(message.get("body", b""))
            self.size += len(self.chunks[-1])
            self.keep = self.size <= self._limit
        await self._send(message)

    def answer(self) -> _Answer | None:
        if self.start is None or not self.keep:
            return None
        return _Answer(start=self.start, body=b"".join(self.chunks))


class ResponseCache:
    """ASGI middleware: replay successful ``GET /api/`` responses (see the module docstring).

    Identical requests that arrive while the first is still being answered wait for it
    instead of running the same queries again: a dashboard opening with a dozen users
    would otherwise compute each of its first answers a dozen times at once.
    """

    def __init__(
        self,
        app: ASGIApp,
        *,
        entries: int = 512,
        total_bytes: int = 64_000_000,
        entry_bytes: int = 2_000_000,
    ) -> None:
        self.app = app
        self.entries = entries
        self.total_bytes = total_bytes
        self.entry_bytes = entry_bytes
        self._answers: OrderedDict[tuple[str, bytes], _Answer] = OrderedDict()
        self._pending: dict[tuple[str, bytes], asyncio.Event] = {}
        self._size = 0

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        cacheable = (
            scope["type"] == "http"
            and scope["method"] == "GET"
            and scope["path"].startswith("/api/")
        )
        if not cacheable:
            await self.app(scope, receive, send)
            return
        key = (scope["path"], scope.get("query_string", b""))
        first = self._pending.get(key)
        if first is not None:
            await first.wait()
        if await self._replay(key, send):
            return
        # Requests take turns on the event loop between awaits, so no lock is needed.
        ours = first is None
        if ours:
            self._pending[key] = asyncio.Event()
        try:
            recorder = _Recorder(send, self.entry_bytes)
            await self.app(scope, receive, recorder)
            answer = recorder.answer()
            if answer is not None:
                self._keep(key, answer)
        finally:
            if ours:
                self._pending.pop(key).set()

    async def _replay(self, key: tuple[str, bytes], send: Send) -> bool:
        known = self._answers.get(key)
        if known is None:
            return False
        self._answers.move_to_end(key)
        await send({**known.start, "headers": list(known.start["headers"])})
        await send({"type": "http.response.body", "body": known.body})
        return True

    def _keep(self, key: tuple[str, bytes], answer: _Answer) -> None:
        old = self._answers.pop(key, None)
        if old is not None:
            self._size -= len(old.body)
        self._answers[key] = answer
        self._size += len(answer.body)
        while self._answers and (
            len(self._answers) > self.entries or self._size > self.total_bytes
        ):
            _, dropped = self._answers.popitem(last=False)
            self._size -= len(dropped.body)
