"""One app for the API and the dashboard, so one process serves both."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from fastapi import FastAPI

from flashpoint.api import create_api
from flashpoint.config import Settings
from flashpoint.web.assets import add_assets
from flashpoint.web.hardening import Hardening
from flashpoint.web.pages import add_pages

__all__ = ["create_app"]


def create_app(
    store_path: str | Path,
    settings: Settings,
    *,
    writable: bool = False,
    allowed_hosts: Sequence[str] | None = None,
) -> FastAPI:
    """The REST API of ``store_path`` plus the dashboard's pages and files.

    ``writable`` is passed to the API (it lets ``POST /api/code`` store what it codes).
    ``allowed_hosts`` limits the ``Host`` header requests may carry; ``flashpoint
    serve`` sets it to the loopback names when it binds to loopback, so a web page
    whose domain an attacker re-points at 127.0.0.1 cannot read the store.
    """
    app = create_api(store_path, settings, writable=writable)
    add_pages(app)
    add_assets(app)
    app.add_middleware(Hardening, allowed_hosts=allowed_hosts)
    return app
