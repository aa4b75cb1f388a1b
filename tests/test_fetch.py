"""fetch() against a local server: every failure is a Skip with a reason, never a raise."""

from __future__ import annotations

import gzip
import logging
import socket
import time
from collections.abc import Iterator

import httpx
import pytest

from flashpoint.__about__ import __version__
from flashpoint.config import Settings
from flashpoint.ingest.fetch import Fetched, decode_http, fetch, is_url
from flashpoint.model import Skip, SkipReason

from .httpserver import LocalServer, Reply, serve

PAGE = "<html><head><title>Port talks</title></head><body><p>Talks resumed.</p></body></html>"


@pytest.fixture
def server() -> Iterator[LocalServer]:
    with serve() as running:
        yield running


def fetched(result: Fetched | Skip) -> Fetched:
    assert isinstance(result, Fetched), result
    return result


def skipped(result: Fetched | Skip) -> Skip:
    assert isinstance(result, Skip), result
    return result


def test_ok_page_has_body_type_charset_and_our_user_agent(server: LocalServer) -> None:
    url = server.page("/story", PAGE)
    result = fetched(fetch(url, Settings()))
    assert result.url == url
    assert result.content == PAGE.encode()
    assert result.content_type == "text/html"
    assert result.charset == "utf-8"
    assert server.requests[-1].user_agent == f"flashpoint/{__version__}"


def test_user_agent_from_settings_overrides_the_clients_own(server: LocalServer) -> None:
    url = server.page("/story", PAGE)
    with httpx.Client(headers={"User-Agent": "someone-else"}) as client:
        fetched(fetch(url, Settings(user_agent="probe/{version} (+tests)"), client=client))
    assert server.requests[-1].user_agent == f"probe/{__version__} (+tests)"


def test_missing_content_type_is_empty_and_charset_none(server: LocalServer) -> None:
    url = server.route("/bare", Reply(body=b"plain words"))
    result = fetched(fetch(url, Settings()))
    assert (result.content_type, result.charset) == ("", None)


def test_404_is_an_http_error_skip(server: LocalServer, caplog: pytest.LogCaptureFixture) -> None:
    url = server.url("/missing")
    with caplog.at_level(logging.WARNING, logger="flashpoint.ingest.fetch"):
        skip = skipped(fetch(url, Settings()))
    assert skip == Skip(source=url, reason=SkipReason.HTTP_ERROR, detail="HTTP 404 Not Found")
    assert [r.levelno for r in caplog.records] == [logging.WARNING]
    assert url in caplog.records[0].getMessage()


def test_server_error_is_an_http_error_skip(server: LocalServer) -> None:
    url = server.route("/boom", Reply(status=500, body=b"oops"))
    assert skipped(fetch(url, Settings())).detail == "HTTP 500 Internal Server Error"


def test_redirect_chain_within_the_limit_is_followed(server: LocalServer) -> None:
    start = server.redirect("/hop0", "/hop1", status=301)
    server.redirect("/hop1", server.url("/hop2"))  # absolute and relative Locations
    server.redirect("/hop2", "/final", status=307)
    final = server.page("/final", PAGE)
    result = fetched(fetch(start, Settings(max_redirects=3)))
    assert result.url == final
    assert result.content == PAGE.encode()


def test_one_redirect_too_many_is_a_skip(server: LocalServer) -> None:
    start = server.redirect("/hop0", "/hop1")
    server.redirect("/hop1", "/hop2")
    server.redirect("/hop2", "/final")
    server.page("/final", PAGE)
    skip = skipped(fetch(start, Settings(max_redirects=2)))
    assert (skip.reason, skip.detail, skip.source) == (
        SkipReason.HTTP_ERROR,
        "more than 2 redirects",
        start,
    )
    assert server.hits("/final") == 0


def test_redirect_loop_stops_after_max_redirects(server: LocalServer) -> None:
    url = server.redirect("/loop", "/loop")
    skip = skipped(fetch(url, Settings()))
    assert (skip.reason, skip.detail) == (SkipReason.HTTP_ERROR, "more than 5 redirects")
    assert server.hits("/loop") == 6  # the request itself, then five redirects


@pytest.mark.parametrize(
    ("location", "shown"),
    [
        ("ftp://files.example.org/story.txt", "ftp://files.example.org/story.txt"),
        # httpx puts the current host into a host-less absolute URL.
        ("file:///etc/passwd", "file://127.0.0.1/etc/passwd"),
    ],
)
def test_redirect_to_another_scheme_is_not_followed(
    server: LocalServer, location: str, shown: str
) -> None:
    url = server.redirect("/away", location)
    skip = skipped(fetch(url, Settings()))
    assert (skip.reason, skip.detail) == (SkipReason.UNSUPPORTED, f"redirected to {shown}")


def test_declared_length_over_the_cap_is_refused_before_reading(server: LocalServer) -> None:
    # The body is short, so reading it would fail as a broken response instead.
    url = server.route("/huge", Reply(body=b"x" * 10, headers={"Content-Length": "50000000"}))
    skip = skipped(fetch(url, Settings(max_bytes=1000)))
    assert skip.reason == SkipReason.TOO_LARGE
    assert skip.detail == "Content-Length 50000000 is over 1000 bytes"


def test_body_without_length_stops_as_soon_as_it_passes_the_cap(server: LocalServer) -> None:
    chunk = b"y" * 65536
    url = server.route("/endless", Reply(body=chunk, repeat=3000, send_length=False))  # ~200 MB
    skip = skipped(fetch(url, Settings(max_bytes=100_000)))
    assert (skip.reason, skip.detail) == (SkipReason.TOO_LARGE, "body is over 100000 bytes")
    assert server.finished.get(timeout=10) == ("/endless", False)  # we hung up mid-body


def test_body_exactly_at_the_cap_is_accepted(server: LocalServer) -> None:
    url = server.route("/exact", Reply(body=b"z" * 1000, send_length=False))
    assert len(fetched(fetch(url, Settings(max_bytes=1000))).content) == 1000


def test_gzip_body_counts_decompressed_bytes_not_the_header(server: LocalServer) -> None:
    packed = gzip.compress(b"a" * 2_000_000)
    assert len(packed) < 100_000  # so the Content-Length check alone would let it through
    url = server.route("/bomb", Reply(body=packed, headers={"Content-Encoding": "gzip"}))
    skip = skipped(fetch(url, Settings(max_bytes=100_000)))
    assert (skip.reason, skip.detail) == (SkipReason.TOO_LARGE, "body is over 100000 bytes")


def test_body_shorter_than_its_content_length_is_a_broken_response(server: LocalServer) -> None:
    url = server.route("/short", Reply(body=b"only ten b", headers={"Content-Length": "1000"}))
    skip = skipped(fetch(url, Settings()))
    assert skip.reason == SkipReason.HTTP_ERROR
    assert skip.detail.startswith("broken response:")
    assert "expected 1000" in skip.detail


def test_body_longer_than_its_content_length_is_cut_at_the_declared_length(
    server: LocalServer,
) -> None:
    url = server.route("/long", Reply(body=b"hello world", headers={"Content-Length": "5"}))
    assert fetched(fetch(url, Settings(max_bytes=8))).content == b"hello"


def test_connection_refused() -> None:
    # Bound but not listening: nothing else can take the port while the test runs.
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        url = f"http://127.0.0.1:{closed.getsockname()[1]}/"
        skip = skipped(fetch(url, Settings()))
    assert skip == Skip(source=url, reason=SkipReason.UNREACHABLE, detail="connection refused")


def test_unknown_host(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_such_host(*args: object, **kwargs: object) -> list[object]:
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", no_such_host)
    skip = skipped(fetch("https://news.example.invalid/story", Settings()))
    assert (skip.reason, skip.detail) == (SkipReason.UNREACHABLE, "host name not found")


def test_slow_server_times_out(server: LocalServer) -> None:
    url = server.route("/slow", Reply(body=b"late", delay=5))
    started = time.monotonic()
    skip = skipped(fetch(url, Settings(fetch_timeout=0.2)))
    assert time.monotonic() - started < 3
    assert skip == Skip(source=url, reason=SkipReason.UNREACHABLE, detail="timed out after 0.2s")


@pytest.mark.parametrize(
    "url", ["ftp://example.org/story.html", "file:///etc/hostname", "story.html", "http://"]
)
def test_non_http_inputs_are_unsupported(url: str) -> None:
    skip = skipped(fetch(url, Settings()))
    assert (skip.source, skip.reason) == (url, SkipReason.UNSUPPORTED)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("http://example.org", True),
        ("HTTPS://Example.org/world/story?id=7", True),
        ("https://127.0.0.1:8080/", True),
        ("ftp://example.org/x", False),
        ("file:///tmp/page.html", False),
        ("example.org/story", False),
        ("http://", False),
        ("notes/http://example.org", False),
        ("http://[::1", False),
    ],
)
def test_is_url(text: str, expected: bool) -> None:
    assert is_url(text) is expected


def test_header_charset_decodes_the_page(server: LocalServer) -> None:
    text = "<p>Café talks – a naïve hope</p>"
    url = server.route(
        "/cp1252",
        Reply(
            body=text.encode("cp1252"),
            headers={"Content-Type": 'text/html; charset="Windows-1252"'},
        ),
    )
    result = fetched(fetch(url, Settings()))
    assert result.charset == "windows-1252"
    assert decode_http(result) == text


def page(content: bytes, charset: str | None = None) -> Fetched:
    return Fetched(url="http://x.test/", content=content, content_type="text/html", charset=charset)


def test_decode_uses_the_pages_meta_charset_when_the_header_has_none() -> None:
    html = '<html><head><meta charset="windows-1252"></head><body>Déjà – vu</body></html>'
    assert decode_http(page(html.encode("cp1252"))) == html


def test_decode_falls_back_when_the_header_charset_is_unknown_or_wrong() -> None:
    assert decode_http(page("Zürich".encode(), charset="x-no-such-charset")) == "Zürich"
    assert decode_http(page("Zürich".encode(), charset="ascii")) == "Zürich"


def test_byte_order_mark_beats_the_header() -> None:
    assert decode_http(page("\ufeffcafé".encode(), charset="iso-8859-1")) == "café"
