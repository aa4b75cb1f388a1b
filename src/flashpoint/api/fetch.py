"""Fetching a URL for ``POST /api/code``: only from hosts the operator listed.

A server that fetches whatever URL a client names can be made to read its own
loopback services, the cloud metadata address or the private network (server-side
request forgery). So the API fetches nothing unless the ``fetch_allow`` setting names
host names, and then only from exactly those names. The check is on the name in the
URL of the request itself and of every redirect hop, before the request is sent:
flashpoint's own fetcher (:func:`flashpoint.ingest.fetch.fetch`) follows redirects one
hop at a time, and each hop passes through the client's request hook below.

Names, not addresses: resolving a name and checking its address is racy (DNS can
answer differently a moment later), and which addresses are "internal" depends on the
network. A name on the list is a site the operator chose to trust; an address literal
such as ``127.0.0.1`` in a URL is refused unless that literal itself is listed.
"""

from __future__ import annotations

from collections.abc import Collection

import httpx

from flashpoint.api.errors import ApiError
from flashpoint.config import Settings
from flashpoint.ingest.fetch import Fetched, fetch
from flashpoint.model import Skip

__all__ = ["FetchForbiddenError", "allowed_fetch", "check_url"]

_SCHEMES = frozenset({"http", "https"})


class FetchForbiddenError(ApiError):
    def __init__(self, message: str) -> None:
        super().__init__(403, message, code="fetch_forbidden")


def check_url(url: httpx.URL | str, allow: Collection[str]) -> None:
    """Raise :class:`FetchForbiddenError` unless ``url`` may be fetched under ``allow``."""
    if not allow:
        raise FetchForbiddenError("this server fetches no URLs (the fetch_allow setting is empty)")
    try:
        parsed = url if isinstance(url, httpx.URL) else httpx.URL(url)
    except httpx.InvalidURL as exc:
        raise FetchForbiddenError(f"not a valid URL: {exc}") from None
    if parsed.scheme not in _SCHEMES:
        raise FetchForbiddenError("only http and https URLs are fetched")
    # "http://allowed.example@evil.example/" names evil.example; refuse the form outright.
    if parsed.userinfo:
        raise FetchForbiddenError("URLs with a user name or password are not fetched")
    host = parsed.host.lower().rstrip(".")
    if host not in allow:
        raise FetchForbiddenError(f"host {host!r} is not in the fetch_allow setting")


def allowed_fetch(url: str, settings: Settings) -> Fetched | Skip:
    """GET ``url`` with flashpoint's fetcher, every hop checked against ``fetch_allow``."""
    allow = frozenset(name.lower().rstrip(".") for name in settings.fetch_allow)
    check_url(url, allow)

    def hop(request: httpx.Request) -> None:
        check_url(request.url, allow)

    # trust_env=False: a proxy from the environment would make the real peer another host.
    with httpx.Client(trust_env=False, event_hooks={"request": [hop]}) as client:
        return fetch(url, settings, client=client)
