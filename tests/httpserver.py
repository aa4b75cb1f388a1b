"""A local HTTP server for tests: real sockets on 127.0.0.1, never the network.

Tests register canned replies by path, then point flashpoint at ``server.url(path)``.
Use it through a fixture in the test module::

    @pytest.fixture
    def server() -> Iterator[LocalServer]:
        with serve() as running:
            yield running
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, cast

__all__ = ["LocalServer", "Reply", "Request", "serve"]


@dataclass(frozen=True, kw_only=True)
class Reply:
    """A canned response. ``headers`` may set Content-Length itself, to lie about it."""

    status: int = 200
    body: bytes = b""
    headers: Mapping[str, str] = field(default_factory=dict)
    repeat: int = 1  # send ``body`` this many times: a huge body without holding it in memory
    send_length: bool = True  # False: no Content-Length, the body ends when the socket closes
    delay: float = 0.0  # seconds to wait before answering


@dataclass(frozen=True, kw_only=True)
class Request:
    path: str
    user_agent: str | None


@dataclass(kw_only=True)
class LocalServer:
    port: int = 0
    routes: dict[str, Reply] = field(default_factory=dict)
    requests: list[Request] = field(default_factory=list)
    # (path, whole body sent) per answered request, to see whether a client hung up early.
    finished: queue.Queue[tuple[str, bool]] = field(default_factory=queue.Queue)
    stopping: threading.Event = field(default_factory=threading.Event)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def route(self, path: str, reply: Reply) -> str:
        """Serve ``reply`` at ``path``; returns the full URL."""
        self.routes[path] = reply
        return self.url(path)

    def page(self, path: str, html: str, content_type: str = "text/html; charset=utf-8") -> str:
        return self.route(
            path, Reply(body=html.encode("utf-8"), headers={"Content-Type": content_type})
        )

    def redirect(self, path: str, location: str, status: int = 302) -> str:
        return self.route(path, Reply(status=status, headers={"Location": location}))

    def hits(self, path: str) -> int:
        return sum(1 for request in self.requests if request.path == path)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False

    def __init__(self, local: LocalServer) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.local = local


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        local = cast(_Server, self.server).local
        local.requests.append(Request(path=self.path, user_agent=self.headers.get("User-Agent")))
        reply = local.routes.get(self.path, Reply(status=404, body=b"no such page"))
        if reply.delay and local.stopping.wait(reply.delay):
            return
        self.send_response(reply.status)
        for name, value in reply.headers.items():
            self.send_header(name, value)
        has_length = any(name.lower() == "content-length" for name in reply.headers)
        if reply.send_length and not has_length:
            self.send_header("Content-Length", str(len(reply.body) * reply.repeat))
        self.end_headers()
        try:
            for _ in range(reply.repeat):
                self.wfile.write(reply.body)
        except OSError:  # the client hung up, which some tests want
            local.finished.put((self.path, False))
            return
        local.finished.put((self.path, True))

    def log_message(self, format: str, *args: Any) -> None:
        """Keep the test output clean."""


@contextmanager
def serve() -> Iterator[LocalServer]:
    """Run a server in a background thread for the duration of the block."""
    local = LocalServer()
    httpd = _Server(local)
    local.port = httpd.server_port
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05})
    thread.daemon = True
    thread.start()
    try:
        yield local
    finally:
        local.stopping.set()  # wakes any handler still sleeping in ``delay``
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)
