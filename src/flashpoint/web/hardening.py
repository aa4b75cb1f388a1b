"""Response headers every reply carries, and the Host check against DNS rebinding.

The policy lets a page load scripts, styles, images and data only from this server:
the dashboard works offline, and text from an article that ever slipped into a page
could not pull in a script from anywhere. Inline styles stay allowed because
plotly.js inserts its own style sheet and styles at run time (without them Chromium
refuses every chart's styling); inline, evaluated and remote *scripts* are refused.
"""

from __future__ import annotations

import ipaddress
import json
from collections.abc import Sequence
from typing import Final

from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

__all__ = ["CONTENT_SECURITY_POLICY", "Hardening", "is_loopback", "loopback_hosts"]

CONTENT_SECURITY_POLICY: Final = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    )
)
_HEADERS: Final = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
}


def is_loopback(host: str) -> bool:
    """Whether binding to ``host`` keeps the server on this machine."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:  # a host name other than localhost may resolve anywhere
        return False


def loopback_hosts(host: str) -> tuple[str, ...] | None:
    """The ``Host`` names to accept when serving on ``host``; None accepts any.

    Only a loopback server is limited: one bound to a public address is reached under
    names this process cannot know.
    """
    if not is_loopback(host):
        return None
    return tuple(dict.fromkeys((host.strip("[]").lower(), "127.0.0.1", "localhost", "::1")))


class Hardening:
    """ASGI middleware: refuse unknown ``Host`` headers, add the security headers.

    A header a route set itself (say, its own Content-Security-Policy) is kept.
    """

    def __init__(self, app: ASGIApp, *, allowed_hosts: Sequence[str] | None = None) -> None:
        self.app = app
        self.allowed = None if allowed_hosts is None else {h.lower() for h in allowed_hosts}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if self.allowed is not None and _host(scope) not in self.allowed:
            await _refuse(send)
            return

        async def send_hardened(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in _HEADERS.items():
                    headers.setdefault(name, value)
            await send(message)

        await self.app(scope, receive, send_hardened)


def _host(scope: Scope) -> str:
    value = Headers(scope=scope).get("host", "").lower()
    if value.startswith("["):  # [::1]:8000
        return value[1:].partition("]")[0]
    return value.rpartition(":")[0] if value.count(":") == 1 else value


async def _refuse(send: Send) -> None:
    error = {
        "status": 400,
        "code": "bad_host",
        "message": "this server only answers requests addressed to its loopback name",
        "details": [],
    }
    body = json.dumps({"error": error}).encode()
    headers = [
        (b"content-type", b"application/json"),
        (b"content-length", str(len(body)).encode()),
        *((k.lower().encode(), v.encode()) for k, v in _HEADERS.items()),
    ]
    await send({"type": "http.response.start", "status": 400, "headers": headers})
    await send({"type": "http.response.body", "body": body})
