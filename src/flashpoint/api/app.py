"""The FastAPI application: routes under ``/api`` over one event store.

:func:`create_api` opens the store once (read-only unless ``writable``) and closes it
when the server shuts down; requests read through cursors of that connection (see
:mod:`flashpoint.api.state`), and a read-only server replays answers to repeated GETs
(:mod:`flashpoint.api.cache`). The dashboard adds its own routes to the same app.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any, Final

from fastapi import FastAPI

from flashpoint.__about__ import __version__
from flashpoint.api import docs, routes_analytics, routes_code, routes_events, routes_overview
from flashpoint.api.cache import ResponseCache
from flashpoint.api.errors import install_error_handlers
from flashpoint.api.limits import BodyLimit
from flashpoint.api.schemas import ErrorBody
from flashpoint.api.state import ApiState
from flashpoint.config import Settings
from flashpoint.store import Store, open_store

__all__ = ["create_api"]

_ERRORS: Final[dict[int | str, dict[str, Any]]] = {
    status: {"model": ErrorBody, "description": text}
    for status, text in (
        (403, "Refused: fetching or storing is not enabled on this server"),
        (404, "No such path, event or article"),
        (413, "Request body over max_request_bytes"),
        (422, "A parameter or the body is invalid"),
        (500, "Unexpected server error (details only in the server log)"),
    )
}


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    try:
        yield
    finally:
        state: ApiState = app.state.flashpoint
        state.store.close()


def _tune(store: Store) -> None:
    """Settings of the API's connection that change how fast it answers, never what.

    DuckDB's compressed materialization packs strings before sorts and joins to save
    memory on large ones; on the API's pages it doubled the CPU time of an events query
    (its planning included) and changed nothing measurable on a million events, see
    benchmarks/RESULTS.md. Older DuckDB releases without it are left as they are. The
    setting belongs to the database, so other connections to the same file in this
    process get it too; their results do not change either.
    """
    known = {row[0] for row in store.con.execute("SELECT name FROM duckdb_optimizers()").fetchall()}
    if "compressed_materialization" in known:
        store.con.execute("SET disabled_optimizers = 'compressed_materialization'")


def create_api(store_path: str | Path, settings: Settings, *, writable: bool = False) -> FastAPI:
    """The API over the store at ``store_path``; a bad path raises ConfigError here, at once.

    Without ``writable`` the store is opened read-only, so no request can change it and
    ``POST /api/code`` refuses ``store: true``.
    """
    store = open_store(store_path, read_only=not writable)
    _tune(store)
    app = FastAPI(
        title="flashpoint",
        version=__version__,
        description="Political events coded from news, over a flashpoint event store.",
        openapi_url="/api/openapi.json",
        docs_url=None,
        redoc_url=None,
        lifespan=_lifespan,
    )
    app.state.flashpoint = ApiState(store=store, settings=settings, writable=writable)
    install_error_handlers(app)
    app.add_middleware(BodyLimit, limit=settings.max_request_bytes)
    if not writable:
        app.add_middleware(ResponseCache)
    for module in (routes_overview, routes_events, routes_analytics, routes_code):
        app.include_router(module.router, prefix="/api", responses=_ERRORS)
    app.include_router(docs.router)
    return app
