"""HTTP(S) fetching that turns every failure into a Skip, never an exception.

A batch of URLs must survive dead hosts, error pages, redirect loops and endless
bodies, so each of those becomes a :class:`Skip` with a short reason a person can act
on. Redirects are followed by hand rather than by httpx so the limit comes from
:class:`Settings` even when the caller supplies a client, and so a redirect can be
checked before it is followed (an ``http`` page may not send us to ``file:``).
"""

from __future__ import annotations

import codecs
import logging
import socket
from dataclasses import dataclass
from urllib.parse import urlsplit

import httpx

from flashpoint.__about__ import __version__
from flashpoint.config import Settings
from flashpoint.ingest.decode import decode_bytes
from flashpoint.model import Skip, SkipReason

__all__ = ["Fetched", "decode_http", "fetch", "is_url"]

log = logging.getLogger(__name__)

_SCHEMES = frozenset({"http", "https"})
_BOMS = (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


@dataclass(frozen=True, slots=True, kw_only=True)
class Fetched:
    """A successful response body, with what the server said about its type."""

    url: str  # final URL after redirects
    content: bytes
    content_type: str  # media type lower-cased without parameters, "" if none
    charset: str | None  # from the Content-Type header, if any


def is_url(text: str) -> bool:
    """True for an http(s) URL with a host; other schemes are never fetched."""
    try:
        parts = urlsplit(text)
    except ValueError:
        return False
    return parts.scheme.lower() in _SCHEMES and bool(parts.netloc)


def _skip(url: str, reason: SkipReason, detail: str) -> Skip:
    log.warning("skipped %s: %s (%s)", url, detail, reason.value)
    return Skip(source=url, reason=reason, detail=detail)


def fetch(url: str, settings: Settings, *, client: httpx.Client | None = None) -> Fetched | Skip:
    """GET ``url`` within the size, time and redirect limits in ``settings``.

    Pass a ``client`` to reuse connections across many URLs (a feed's items); the
    limits and User-Agent are applied per request, so any client will do.
    """
    if not is_url(url):
        return _skip(url, SkipReason.UNSUPPORTED, "not an http(s) URL")
    try:
        if client is not None:
            return _follow(client, url, settings)
        with httpx.Client() as own:
            return _follow(own, url, settings)
    except (httpx.HTTPError, httpx.InvalidURL) as exc:
        reason, detail = _describe(exc, settings)
        return _skip(url, reason, detail)


def _follow(client: httpx.Client, url: str, settings: Settings) -> Fetched | Skip:
    user_agent = settings.user_agent.replace("{version}", __version__)
    request = client.build_request(
        "GET", url, headers={"User-Agent": user_agent}, timeout=settings.fetch_timeout
    )
    for _ in range(settings.max_redirects + 1):
        response = client.send(request, stream=True, follow_redirects=False)
        try:
            if response.next_request is None:
                return _read(response, url, settings)
        finally:
            response.close()
        request = response.next_request
        if not is_url(str(request.url)):
            return _skip(url, SkipReason.UNSUPPORTED, f"redirected to {request.url}")
    return _skip(url, SkipReason.HTTP_ERROR, f"more than {settings.max_redirects} redirects")


def _read(response: httpx.Response, url: str, settings: Settings) -> Fetched | Skip:
    """The body, read only while it stays under ``max_bytes``."""
    if response.status_code >= 400:
        phrase = response.reason_phrase or httpx.codes.get_reason_phrase(response.status_code)
        return _skip(url, SkipReason.HTTP_ERROR, f"HTTP {response.status_code} {phrase}".strip())
    limit = settings.max_bytes
    declared = response.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > limit:
        return _skip(url, SkipReason.TOO_LARGE, f"Content-Length {declared} is over {limit} bytes")
    # Count decoded bytes, not the header: a gzip body or a lying server can exceed it.
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > limit:
            return _skip(url, SkipReason.TOO_LARGE, f"body is over {limit} bytes")
        chunks.append(chunk)
    media_type = response.headers.get("Content-Type", "").partition(";")[0]
    return Fetched(
        url=str(response.url),
        content=b"".join(chunks),
        content_type=media_type.strip().lower(),
        charset=response.charset_encoding,
    )


def _describe(exc: Exception, settings: Settings) -> tuple[SkipReason, str]:
    """A short reason for a failed request; httpx's own messages are often errno soup."""
    if isinstance(exc, httpx.TimeoutException):
        return SkipReason.UNREACHABLE, f"timed out after {settings.fetch_timeout:g}s"
    if isinstance(exc, httpx.ConnectError):
        return SkipReason.UNREACHABLE, _connect_detail(exc)
    message = str(exc) or type(exc).__name__
    if isinstance(exc, httpx.NetworkError):
        return SkipReason.UNREACHABLE, f"connection failed: {message}"
    if isinstance(exc, httpx.InvalidURL):
        return SkipReason.UNSUPPORTED, f"invalid URL: {message}"
    if isinstance(exc, httpx.ProtocolError | httpx.DecodingError):
        return SkipReason.HTTP_ERROR, f"broken response: {message}"
    return SkipReason.HTTP_ERROR, f"request failed: {message}"


def _connect_detail(exc: BaseException) -> str:
    # httpx wraps httpcore's error, which wraps the OSError that says what went wrong.
    cause: BaseException | None = exc
    while cause is not None:
        if isinstance(cause, ConnectionRefusedError):
            return "connection refused"
        if isinstance(cause, socket.gaierror):
            return "host name not found"
        cause = cause.__cause__ or cause.__context__
    return f"cannot connect: {exc}"


def decode_http(fetched: Fetched) -> str:
    """The body as text: BOM, then the header charset, then the page's own, then a guess.

    A byte-order mark beats the header, as browsers do. Undecodable bytes end up as
    U+FFFD rather than a Skip, since the server did call this text.
    """
    data = fetched.content
    if fetched.charset and not data.startswith(_BOMS):
        try:
            return data.decode(fetched.charset)
        except (LookupError, UnicodeDecodeError):
            pass
    text = decode_bytes(data)
    return text if text is not None else data.decode("utf-8", errors="replace")
