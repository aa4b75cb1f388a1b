"""What every request shares: the store connection, the settings and two locks.

DuckDB connections must not be used by two threads at once, and FastAPI runs plain
``def`` routes on a thread pool, so each request reads through its own cursor of the
one shared connection (:func:`read_store`), closed when the request ends. A cursor of
a read-only connection is read-only too.
"""

from __future__ import annotations

import threading
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Annotated

from fastapi import Depends, Request

from flashpoint.config import Settings
from flashpoint.store import Store

__all__ = ["ApiState", "State", "StoreReader", "api_state", "read_store"]


@dataclass(frozen=True, slots=True, kw_only=True)
class ApiState:
    store: Store
    settings: Settings
    writable: bool
    # spaCy pipelines are not documented as safe across threads: code one text at a time.
    coding: threading.Lock = field(default_factory=threading.Lock)
    # One writer at a time, as DuckDB wants within a process too.
    writing: threading.Lock = field(default_factory=threading.Lock)


def api_state(request: Request) -> ApiState:
    state: ApiState = request.app.state.flashpoint
    return state


async def read_store(request: Request) -> AsyncIterator[Store]:
    """A store handle on a cursor of its own, for one request.

    ``async`` only so that FastAPI runs it on the event loop instead of sending it to the
    thread pool twice (open and close); making a cursor does not block.
    """
    shared = api_state(request).store
    cursor = shared.con.cursor()
    try:
        yield Store(cursor, shared.path)
    finally:
        cursor.close()


State = Annotated[ApiState, Depends(api_state)]
StoreReader = Annotated[Store, Depends(read_store)]
