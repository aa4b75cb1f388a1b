"""The store's tables and the migrations that build them.

A store records its schema version in ``schema_version``, one row per applied
migration. :data:`MIGRATIONS` is an ordered list of steps, each a version number and
the SQL that brings a store from the previous version to it; version 1 is the initial
schema. Opening a store applies the steps it is missing, all in one transaction, so a
store is always at one known version. A store written by a newer flashpoint (a
version this code does not know) is refused rather than guessed at.

Tables (version 1):

``articles``
    One row per article: its metadata, text and the SHA-256 of the text, which is how
    a re-ingested article is recognised as unchanged.
``actors``
    Every resolved actor of every article, keyed by its character span.
``event_mentions``
    One row per coded event of one article (``Event.id``), with the cluster it was
    assigned to (``event_id``) and ``seq``, its position in ingest order, which is what
    makes the cross-article clustering reproducible.
``events``
    One row per real-world event: a cluster of mentions across articles, with its
    codes looked up in the CAMEO ontology and its counts over all mentions.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Final

import duckdb

from flashpoint.errors import ConfigError
from flashpoint.store.base import Store, path_text, scalar, transaction

__all__ = ["MIGRATIONS", "SCHEMA_VERSION", "Migration", "migrate", "open_store", "schema_version"]


@dataclass(frozen=True, slots=True, kw_only=True)
class Migration:
    """One step of the schema's history: the version it reaches and the SQL to get there."""

    version: int
    description: str
    statements: tuple[str, ...]


_ARTICLES = """
CREATE TABLE articles (
    doc_id VARCHAR PRIMARY KEY,
    source VARCHAR NOT NULL,
    url VARCHAR,
    title VARCHAR,
    site VARCHAR,
    author VARCHAR,
    published DATE,
    language VARCHAR,
    text VARCHAR NOT NULL,
    sha256 VARCHAR NOT NULL,
    ingested_at TIMESTAMP NOT NULL
)
"""

_ACTORS = """
CREATE TABLE actors (
    doc_id VARCHAR NOT NULL,
    "start" INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text VARCHAR NOT NULL,
    name VARCHAR NOT NULL,
    code VARCHAR NOT NULL,
    country VARCHAR,
    role VARCHAR,
    kb_id VARCHAR,
    reason VARCHAR NOT NULL,
    former BOOLEAN NOT NULL,
    PRIMARY KEY (doc_id, "start", "end")
)
"""

_MENTIONS = """
CREATE TABLE event_mentions (
    mention_id VARCHAR PRIMARY KEY,
    event_id VARCHAR NOT NULL,
    doc_id VARCHAR NOT NULL,
    seq BIGINT NOT NULL,
    coder VARCHAR NOT NULL,
    rule VARCHAR NOT NULL,
    cameo VARCHAR NOT NULL,
    cameo_root VARCHAR NOT NULL,
    modality VARCHAR NOT NULL,
    date DATE,
    date_value VARCHAR,
    date_precision VARCHAR,
    date_text VARCHAR,
    date_reason VARCHAR NOT NULL,
    source_text VARCHAR,
    source_name VARCHAR,
    source_code VARCHAR,
    source_country VARCHAR,
    source_role VARCHAR,
    target_text VARCHAR,
    target_name VARCHAR,
    target_code VARCHAR,
    target_country VARCHAR,
    target_role VARCHAR,
    location_name VARCHAR,
    location_country VARCHAR,
    location_lat DOUBLE,
    location_lon DOUBLE,
    location_precision VARCHAR,
    location_reason VARCHAR,
    sentence VARCHAR NOT NULL,
    "start" INTEGER,
    "end" INTEGER,
    confidence DOUBLE NOT NULL,
    mentions_in_article INTEGER NOT NULL
)
"""

_EVENTS = """
CREATE TABLE events (
    event_id VARCHAR PRIMARY KEY,
    source_code VARCHAR,
    source_name VARCHAR,
    source_country VARCHAR,
    source_role VARCHAR,
    target_code VARCHAR,
    target_name VARCHAR,
    target_country VARCHAR,
    target_role VARCHAR,
    cameo VARCHAR NOT NULL,
    cameo_root VARCHAR NOT NULL,
    cameo_label VARCHAR NOT NULL,
    goldstein DOUBLE NOT NULL,
    quad_class INTEGER NOT NULL,
    plover VARCHAR,
    plover_mode VARCHAR,
    modality VARCHAR NOT NULL,
    date DATE,
    date_value VARCHAR,
    date_precision VARCHAR,
    location_name VARCHAR,
    location_country VARCHAR,
    location_lat DOUBLE,
    location_lon DOUBLE,
    location_precision VARCHAR,
    mentions INTEGER NOT NULL,
    sources INTEGER NOT NULL,
    confidence DOUBLE NOT NULL,
    coder VARCHAR NOT NULL,
    rule VARCHAR NOT NULL,
    first_mention VARCHAR NOT NULL,
    first_seq BIGINT NOT NULL,
    first_seen TIMESTAMP NOT NULL
)
"""

MIGRATIONS: Final[tuple[Migration, ...]] = (
    Migration(
        version=1,
        description="initial schema: articles, actors, event_mentions, events",
        statements=(
            _ARTICLES,
            _ACTORS,
            _MENTIONS,
            _EVENTS,
            "CREATE INDEX event_mentions_event ON event_mentions (event_id)",
            "CREATE INDEX event_mentions_doc ON event_mentions (doc_id)",
            # Dyad and time-series queries filter on these; the family index serves the
            # cross-article dedup's lookup of candidate clusters.
            "CREATE INDEX events_dyad ON events (source_country, target_country, date)",
            "CREATE INDEX events_date ON events (date)",
            "CREATE INDEX events_family ON events (source_code, target_code, cameo_root, modality)",
        ),
    ),
)

#: The schema version this code writes and reads.
SCHEMA_VERSION: Final = MIGRATIONS[-1].version

_VERSION_TABLE = """
CREATE TABLE IF NOT EXISTS schema_version (
    version INTEGER NOT NULL,
    description VARCHAR NOT NULL,
    applied_at TIMESTAMP NOT NULL
)
"""


def open_store(path: str | Path, *, read_only: bool = False) -> Store:
    """Open (creating if need be) the store at ``path``, migrated to :data:`SCHEMA_VERSION`.

    ``":memory:"`` gives a throw-away store. A read-only store must already be at the
    current version, since bringing it there would mean writing to it.
    """
    where = path_text(path)
    try:
        con = duckdb.connect(where, read_only=read_only)
    except duckdb.Error as exc:
        raise ConfigError(f"cannot open the event store {where!r}: {exc}") from exc
    try:
        if read_only:
            _check_current(con, where)
        else:
            migrate(con, where=where)
    except BaseException:
        con.close()
        raise
    return Store(con, where)


def _check_current(con: duckdb.DuckDBPyConnection, where: str) -> None:
    current = schema_version(con)
    if current != SCHEMA_VERSION:
        raise ConfigError(
            f"{where} has schema version {current}, this flashpoint uses {SCHEMA_VERSION}: "
            "open it once without read-only to migrate it"
            if current < SCHEMA_VERSION
            else f"{where} has schema version {current}, newer than this flashpoint knows "
            f"({SCHEMA_VERSION}); upgrade to open it"
        )


def schema_version(con: duckdb.DuckDBPyConnection) -> int:
    """The version a database is at: 0 for a database flashpoint never touched."""
    has_table = scalar(
        con,
        "SELECT count(*) FROM information_schema.tables "
        "WHERE table_name = 'schema_version' AND table_schema = current_schema()",
    )
    if not has_table:
        return 0
    return int(scalar(con, "SELECT coalesce(max(version), 0) FROM schema_version"))


def migrate(
    con: duckdb.DuckDBPyConnection,
    migrations: Sequence[Migration] = MIGRATIONS,
    *,
    where: str = "store",
) -> int:
    """Bring the database up to the last of ``migrations``; return the version reached."""
    _check_order(migrations)
    latest = migrations[-1].version
    current = schema_version(con)
    if current > latest:
        raise ConfigError(
            f"{where} has schema version {current}, but this flashpoint only knows versions "
            f"up to {latest}: it was written by a newer flashpoint; upgrade to open it"
        )
    pending = [m for m in migrations if m.version > current]
    if pending:
        now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
        with transaction(con):
            con.execute(_VERSION_TABLE)
            for step in pending:
                for statement in step.statements:
                    con.execute(statement)
                con.execute(
                    "INSERT INTO schema_version VALUES (?, ?, ?)",
                    [step.version, step.description, now],
                )
    return latest


def _check_order(migrations: Sequence[Migration]) -> None:
    versions = [m.version for m in migrations]
    if not versions or versions != list(range(1, len(versions) + 1)):
        raise ConfigError(f"migrations must be numbered 1, 2, 3, ... in order, not {versions}")
