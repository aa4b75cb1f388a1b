"""Parquet in and out, with the same columns as the store's tables.

:func:`write_parquet` writes ``articles``, ``actors``, ``event_mentions`` and
``events`` as one Parquet file each, either from a store or straight from records
(then without ``events``: clustering is the store's job). :func:`load_parquet` reads a
directory in that layout, or any layout that keeps each table's files under a folder
of the table's name (``event_mentions/date=2025-11-25/part-0.parquet``, as a batch
engine partitioning by date would write), and writes it through the same ingest as
:func:`~flashpoint.store.writer.write_batch`: the same idempotency, the same
dedup. Ingest order is the files' ``seq`` (or ``ord``) column, then ``doc_id`` and
offset; a loaded store therefore clusters exactly as the store it was written from.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Final

import duckdb
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from flashpoint.errors import ConfigError
from flashpoint.store.base import Store, lent
from flashpoint.store.convert import (
    ACTOR_SCHEMA,
    ARTICLE_SCHEMA,
    MENTION_SCHEMA,
    actor_table,
    article_table,
    mention_table,
)
from flashpoint.store.merge import cameo_table
from flashpoint.store.records import WriteReport
from flashpoint.store.writer import Item, ingest

__all__ = ["TABLES", "load_parquet", "write_parquet"]

#: The tables written, in dependency order, with the order their rows are written in.
TABLES: Final = {
    "articles": "doc_id",
    "actors": 'doc_id, "start", "end"',
    "event_mentions": "seq",
    "events": "first_seq",
}
_GLOB_CHARS = frozenset("*?[")


def write_parquet(source: Store | Sequence[Item], directory: str | Path) -> list[Path]:
    """Write one Parquet file per table into ``directory``; return the files written."""
    target = Path(directory)
    target.mkdir(parents=True, exist_ok=True)
    if isinstance(source, Store):
        written = []
        for table, order in TABLES.items():
            path = target / f"{table}.parquet"
            # Table names and orders come from TABLES, never from a caller.
            copy = f"COPY (SELECT * FROM {table} ORDER BY {order}) TO ? (FORMAT parquet)"  # noqa: S608
            source.con.execute(copy, [str(path)])
            written.append(path)
        return written
    tables = {
        "articles": article_table(article for article, _, _ in source),
        "actors": actor_table((article.id, actors) for article, actors, _ in source),
        "event_mentions": mention_table([e for _, _, events in source for e in events]),
    }
    for table, data in tables.items():
        pq.write_table(data, target / f"{table}.parquet")
    return [target / f"{table}.parquet" for table in tables]


def _directories(spec: str | Path) -> list[Path]:
    path = Path(spec)
    if path.is_dir():
        return [path]
    parts = path.parts
    first = next((i for i, p in enumerate(parts) if _GLOB_CHARS & set(p)), len(parts))
    if first == len(parts):
        raise ConfigError(f"no Parquet directory at {str(spec)!r}")
    base, pattern = Path(*parts[:first]), str(Path(*parts[first:]))
    found = sorted(d for d in base.glob(pattern) if d.is_dir())
    if not found:
        raise ConfigError(f"no directory matches {str(spec)!r}")
    return found


def _files(directories: list[Path], table: str, keep: Callable[[Path], bool]) -> list[str]:
    files: list[Path] = []
    for directory in directories:
        single = directory / f"{table}.parquet"
        files += [single] if single.is_file() else []
        folder = directory / table
        files += sorted(folder.rglob("*.parquet")) if folder.is_dir() else []
    return [str(f) for f in files if keep(f)]


def _quoted(name: str) -> str:
    return f'"{name}"'


_MENTION_EXPRS: Final = {
    "cameo_root": "substr(cameo, 1, 2)",
    "date": (
        "CASE date_precision WHEN 'day' THEN try_cast(date_value AS DATE) "
        "WHEN 'month' THEN try_cast(date_value || '-01' AS DATE) "
        "WHEN 'year' THEN try_cast(date_value || '-01-01' AS DATE) END"
    ),
    "ord": 'row_number() OVER (ORDER BY {order} NULLS LAST, doc_id, "start", mention_id)',
}


#: Columns a file may lack; they are then left empty (``ingested_at``: stamped now).
_OPTIONAL: Final = frozenset({"ingested_at"})
_DESCRIBE = "DESCRIBE SELECT * FROM read_parquet(?, union_by_name = true)"


def _read(
    con: duckdb.DuckDBPyConnection,
    files: list[str],
    schema: pa.Schema,
    exprs: dict[str, str],
    tail: str = "",
) -> pa.Table:
    """The files' rows in ``schema``, with ``exprs`` deriving the columns they may lack."""
    if not files:
        return schema.empty_table()
    names = {r[0] for r in con.execute(_DESCRIBE, [files]).fetchall()}
    exprs = {n: "NULL" for n in _OPTIONAL if n not in names} | exprs
    missing = sorted(set(schema.names) - exprs.keys() - names)
    if missing:
        raise ConfigError(f"the Parquet files starting with {files[0]!r} lack columns {missing}")
    order = next((c for c in ("seq", "ord") if c in names), "NULL")
    columns = ", ".join(
        f"{exprs[n].format(order=order) if n in exprs else _quoted(n)} AS {_quoted(n)}"
        for n in schema.names
    )
    # Column names come from the fixed schemas above; the file list is a parameter.
    query = f"SELECT {columns} FROM read_parquet($files, union_by_name = true) {tail}"  # noqa: S608
    return con.sql(query, params={"files": files}).to_arrow_table().cast(schema)


_PROBLEMS: Final = (
    (
        "SELECT DISTINCT cameo FROM _p_mentions WHERE cameo NOT IN (SELECT code FROM _cameo) "
        "ORDER BY 1 LIMIT 5",
        "unknown CAMEO codes",
    ),
    (
        "SELECT DISTINCT date_value FROM _p_mentions "
        "WHERE date_value IS NOT NULL AND date IS NULL ORDER BY 1 LIMIT 5",
        "dates that do not fit their precision",
    ),
    (
        "SELECT DISTINCT doc_id FROM _p_mentions "
        "WHERE doc_id NOT IN (SELECT doc_id FROM _p_articles) ORDER BY 1 LIMIT 5",
        "mentions of articles that are not in the files",
    ),
)


def _check(con: duckdb.DuckDBPyConnection) -> None:
    """Refuse input the ingest could only store wrongly."""
    for sql, what in _PROBLEMS:
        rows = con.execute(sql).fetchall()
        if rows:
            raise ConfigError(f"Parquet input has {what}: {', '.join(str(r[0]) for r in rows)}")


def _article_order(con: duckdb.DuckDBPyConnection) -> list[str]:
    rows = con.execute(
        "SELECT a.doc_id FROM _p_articles a LEFT JOIN "
        "(SELECT doc_id, min(ord) AS first FROM _p_mentions GROUP BY doc_id) m "
        "ON m.doc_id = a.doc_id ORDER BY m.first NULLS LAST, a.doc_id"
    ).fetchall()
    return [r[0] for r in rows]


def _only(table: pa.Table, doc_ids: list[str]) -> pa.Table:
    return table.filter(pc.is_in(table["doc_id"], value_set=pa.array(doc_ids, pa.string())))


def load_parquet(
    store: Store,
    path: str | Path,
    *,
    batch_size: int = 10_000,
    now: dt.datetime | None = None,
    keep: Callable[[Path], bool] = lambda _: True,
) -> WriteReport:
    """Ingest Parquet written by :func:`write_parquet` or a batch engine (module docstring).

    ``path`` is a directory or a glob of directories; ``keep`` chooses among its files
    (a batch loads only the parts of finished units). Articles go in batches of
    ``batch_size``, each its own transaction, in ingest order.
    """
    if batch_size < 1:
        raise ConfigError(f"batch_size must be at least 1, not {batch_size}")
    con, dirs = store.con, _directories(path)
    articles = _read(
        con,
        _files(dirs, "articles", keep),
        ARTICLE_SCHEMA,
        {},
        "QUALIFY row_number() OVER (PARTITION BY doc_id ORDER BY text) = 1",
    )
    actors = _read(con, _files(dirs, "actors", keep), ACTOR_SCHEMA, {})
    mentions = _read(con, _files(dirs, "event_mentions", keep), MENTION_SCHEMA, _MENTION_EXPRS)
    with lent(con, _p_articles=articles, _p_mentions=mentions, _cameo=cameo_table()):
        _check(con)
        order = _article_order(con)
    report = WriteReport()
    for start in range(0, len(order), batch_size):
        chunk = order[start : start + batch_size]
        report += ingest(
            con, _only(articles, chunk), _only(actors, chunk), _only(mentions, chunk), now=now
        )
    return report
