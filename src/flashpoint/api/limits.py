"""The request body size limit, enforced on the bytes as they arrive.

A declared ``Content-Length`` over the limit is refused before the body is read. A
body without one (chunked transfer) or with a false one is counted message by
message, and reading stops with a 413 as soon as the count passes the limit, so a
client cannot make the server buffer more than ``max_request_bytes`` of anything.
"""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from flashpoint.api.errors import ApiError, error_response

__all__ = ["BodyLimit", "BodyTooLargeError"]


class BodyTooLargeError(ApiError):
    def __init__(self, limit: int) -> None:
        message = f"request body is over {limit} bytes (the max_request_bytes setting)"
        super().__init__(413, message)


def _declared_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", ()):
        if name.lower() == b"content-length" and value.isdigit():
            return int(value)
    return None


class _Counter:
    """A ``receive`` that counts body bytes, and a ``send`` that notes a started response."""

    def __init__(self, receive: Receive, send: Send, limit: int) -> None:
        self._receive = receive
        self._send = send
        self._limit = limit
        self.size = 0
        self.started = False

    async def receive(self) -> Message:
        message = await self._receive()
        if message["type"] == "http.request":
            self.size += len(message.get("body", b""))
            if self.size > self._limit:
                raise BodyTooLargeError(self._limit)
        return message

    async def send(self, message: Message) -> None:
        if message["type"] == "http.response.start":
            self.started = True
        await self._send(message)


class BodyLimit:
    """ASGI middleware: at most ``limit`` bytes of request body, else 413 in the error shape."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = _declared_length(scope)
        if declared is not None and declared > self.limit:
            await self._refuse(scope, receive, send, BodyTooLargeError(self.limit))
            return
        counter = _Counter(receive, send, self.limit)
        try:
            await self.app(scope, counter.receive, counter.send)
        except BodyTooLargeError as exc:
            # Routes let the API's handlers answer; this catches readers that do not.
            if counter.started:
                raise
            await self._refuse(scope, receive, send, exc)

    @staticmethod
    async def _refuse(scope: Scope, receive: Receive, send: Send, exc: BodyTooLargeError) -> None:
        response = error_response(413, str(exc.detail), headers={"Connection": "close"})
        await response(scope, receive, send)
