"""Reading events back: filtered queries, the evidence behind an event, an article page.

Every filter value reaches DuckDB as a bound parameter. The only SQL text built at
run time comes from fixed tables in this module (column lists, the orders in
:data:`~flashpoint.store.records.ORDERS`) and from placeholder counts, so no string a
user typed is ever part of a statement.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import Any, Final

import duckdb

from flashpoint.store.base import Store, scalar
from flashpoint.store.records import (
    EventFilter,
    StoredActor,
    StoredArticle,
    StoredEvent,
    StoredMention,
)

__all__ = [
    "count_events",
    "event_select",
    "evidence",
    "filter_sql",
    "get_article",
    "query_events",
    "stored_digests",
]

_FROM_FIRST_MENTION = {"doc_id", "sentence"}
_ARTICLE_FIELDS = {"title", "url", "published"}


def _quoted(name: str) -> str:
    return f'"{name}"'


#: Columns of :class:`StoredEvent`, read from ``events e`` joined to its first mention ``m``.
EVENT_COLUMNS: Final = ", ".join(
    f"{'m' if f.name in _FROM_FIRST_MENTION else 'e'}.{_quoted(f.name)}"
    for f in dataclasses.fields(StoredEvent)
)
_EVENT_JOINS = (
    "JOIN event_mentions m ON m.mention_id = e.first_mention "
    "LEFT JOIN articles a ON a.doc_id = m.doc_id"
)
_MENTION_COLUMNS: Final = ", ".join(
    f"{'a' if f.name in _ARTICLE_FIELDS else 'm'}.{_quoted(f.name)}"
    for f in dataclasses.fields(StoredMention)
)
_MENTION_FROM = "event_mentions m LEFT JOIN articles a ON a.doc_id = m.doc_id"
_ACTOR_COLUMNS: Final = ", ".join(_quoted(f.name) for f in dataclasses.fields(StoredActor))
_ARTICLE_COLUMNS: Final = ", ".join(
    _quoted(f.name)
    for f in dataclasses.fields(StoredArticle)
    if f.name not in {"mentions", "actors"}
)

_BY_EVENT: Final = (
    f"SELECT {_MENTION_COLUMNS} FROM {_MENTION_FROM} WHERE m.event_id = ? ORDER BY m.seq"  # noqa: S608
)
_BY_DOC: Final = f"SELECT {_MENTION_COLUMNS} FROM {_MENTION_FROM} WHERE m.doc_id = ? ORDER BY m.seq"  # noqa: S608
_ARTICLE: Final = f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE doc_id = ?"  # noqa: S608
_ACTORS: Final = f'SELECT {_ACTOR_COLUMNS} FROM actors WHERE doc_id = ? ORDER BY "start", "end"'  # noqa: S608

_ORDER_SQL: Final = {
    "date": "e.date ASC NULLS LAST",
    "-date": "e.date DESC NULLS LAST",
    "goldstein": "e.goldstein ASC",
    "-goldstein": "e.goldstein DESC",
    "mentions": "e.mentions ASC",
    "-mentions": "e.mentions DESC",
    "sources": "e.sources ASC",
    "-sources": "e.sources DESC",
    "confidence": "e.confidence ASC",
    "-confidence": "e.confidence DESC",
}


def _pair(a: str, b: str) -> str:
    return f"(starts_with(e.source_code, {a}) AND starts_with(e.target_code, {b}))"


def filter_sql(f: EventFilter) -> tuple[str, list[Any]]:
    """A ``WHERE`` condition over ``events e`` for ``f``, and its parameters."""
    marks = ", ".join("?" for _ in f.modality)
    clauses: list[str] = [f"e.modality IN ({marks})"]
    params: list[Any] = list(f.modality)
    if f.actor is not None:
        clauses.append("(starts_with(e.source_code, ?) OR starts_with(e.target_code, ?))")
        params += [f.actor, f.actor]
    if f.dyad is not None:
        a, b = f.dyad
        if f.directed:
            clauses.append(_pair("?", "?"))
            params += [a, b]
        else:
            clauses.append(f"({_pair('?', '?')} OR {_pair('?', '?')})")
            params += [a, b, b, a]
    simple = (
        ("starts_with(e.cameo, ?)", f.cameo),
        ("e.cameo_root = ?", f.root),
        ("e.plover = ?", f.plover),
        ("e.quad_class = ?", f.quad_class),
        ("e.date >= ?", f.date_from),
        ("e.date <= ?", f.date_to),
    )
    for clause, value in simple:
        if value is not None:
            clauses.append(clause)
            params.append(value)
    if f.text is not None:
        clauses.append(
            "EXISTS (SELECT 1 FROM event_mentions t WHERE t.event_id = e.event_id "
            "AND contains(lower(t.sentence), lower(?)))"
        )
        params.append(f.text)
    return " AND ".join(clauses), params


def event_select(
    f: EventFilter, columns: str = EVENT_COLUMNS, also: str | None = None
) -> tuple[str, list[Any]]:
    """The full ``SELECT`` of the events ``f`` picks, in its order, with its paging.

    ``columns`` may use ``e`` (events), ``m`` (the first mention) and ``a`` (its
    article); ``also`` is one more fixed condition (an exporter's, never user text).
    """
    where, params = filter_sql(f)
    if also:
        where = f"{where} AND {also}"
    order = f"{_ORDER_SQL[f.order]}, e.event_id"
    # Page the events table first, then join: the joins then touch one page of rows.
    page = f"SELECT * FROM events e WHERE {where} ORDER BY {order}"  # noqa: S608
    if f.limit is not None:
        page += " LIMIT ?"
        params.append(f.limit)
    if f.offset:
        page += " OFFSET ?"
        params.append(f.offset)
    sql = f"SELECT {columns} FROM ({page}) e {_EVENT_JOINS} ORDER BY {order}"  # noqa: S608
    return sql, params


def _records(cursor: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    names = [d[0] for d in cursor.description or ()]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def query_events(store: Store, f: EventFilter | None = None) -> list[StoredEvent]:
    """The events ``f`` selects (default: every asserted event, by date)."""
    sql, params = event_select(f or EventFilter())
    return [StoredEvent(**r) for r in _records(store.con.execute(sql, params))]


def count_events(store: Store, f: EventFilter | None = None) -> int:
    """How many events ``f`` selects, ignoring its limit and offset."""
    where, params = filter_sql(f or EventFilter())
    sql = f"SELECT count(*) FROM events e WHERE {where}"  # noqa: S608
    return int(scalar(store.con, sql, params))


def evidence(store: Store, event_id: str) -> list[StoredMention]:
    """Every mention of one event, in ingest order, with its article's title and URL."""
    return [StoredMention(**r) for r in _records(store.con.execute(_BY_EVENT, [event_id]))]


def get_article(store: Store, doc_id: str) -> StoredArticle | None:
    """One article with its text, its mentions and its actors; ``None`` if not stored."""
    con = store.con
    found = _records(con.execute(_ARTICLE, [doc_id]))
    if not found:
        return None
    mentions = _records(con.execute(_BY_DOC, [doc_id]))
    actors = _records(con.execute(_ACTORS, [doc_id]))
    return StoredArticle(
        **found[0],
        mentions=tuple(StoredMention(**m) for m in mentions),
        actors=tuple(StoredActor(**a) for a in actors),
    )


def stored_digests(store: Store, doc_ids: Sequence[str]) -> dict[str, str]:
    """The SHA-256 of each stored article among ``doc_ids``: what need not be coded again."""
    if not doc_ids:
        return {}
    rows = store.con.execute(
        "SELECT doc_id, sha256 FROM articles WHERE list_contains(?, doc_id)", [list(doc_ids)]
    ).fetchall()
    return {str(doc_id): str(digest) for doc_id, digest in rows}
