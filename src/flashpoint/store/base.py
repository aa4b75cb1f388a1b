"""The store handle, transactions, and Arrow tables lent to DuckDB for one statement.

A :class:`Store` is one DuckDB connection to one database file (or ``":memory:"``).
Everything that changes the store runs inside :func:`transaction`, so a failure half
way through a batch rolls the whole batch back. Data reaches DuckDB as Arrow tables
registered under a temporary name (:func:`lent`) and copied with ``INSERT ... SELECT``:
one vectorised statement per table instead of one round trip per row.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from types import TracebackType
from typing import Any

import duckdb

__all__ = ["Store", "lent", "scalar", "transaction"]


class Store:
    """An open event store. Use it as a context manager, or call :meth:`close`."""

    __slots__ = ("con", "path")

    def __init__(self, con: duckdb.DuckDBPyConnection, path: str) -> None:
        self.con = con
        self.path = path

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Store({self.path!r})"


def path_text(path: str | Path) -> str:
    return path if isinstance(path, str) else str(path)


@contextmanager
def transaction(con: duckdb.DuckDBPyConnection) -> Iterator[None]:
    """Commit what the block did, or roll all of it back if the block raises."""
    con.begin()
    try:
        yield
    except BaseException:
        con.rollback()
        raise
    con.commit()


@contextmanager
def lent(con: duckdb.DuckDBPyConnection, **tables: Any) -> Iterator[None]:
    """Make Arrow tables visible to SQL under the given names for the block's duration."""
    for name, table in tables.items():
        con.register(name, table)
    try:
        yield
    except BaseException:
        # An aborted transaction refuses even an unregister until it is rolled back;
        # the original error matters more, and the next registration replaces the view.
        with suppress(duckdb.Error):
            for name in tables:
                con.unregister(name)
        raise
    for name in tables:
        con.unregister(name)


def scalar(con: duckdb.DuckDBPyConnection, sql: str, params: list[Any] | None = None) -> Any:
    """The single value a query returns.

    The result is read to its end: DuckDB refuses other work on a connection (such as
    registering a table) while a result is only partly fetched.
    """
    rows = con.execute(sql, params or []).fetchall()
    return rows[0][0] if rows else None
