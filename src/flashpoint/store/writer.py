"""Writing articles and their events: idempotent, batched, one transaction per batch.

A batch is written whole or not at all: every statement runs in one transaction, so a
run interrupted anywhere leaves the store as it was before the batch, and running the
batch again completes it. An article is recognised by its ``doc_id`` and the SHA-256
of its text:

* a new ``doc_id`` is inserted with its actors and mentions;
* the same ``doc_id`` with the same text is left alone (so re-writing is a no-op);
* the same ``doc_id`` with a new text replaces the old article, its actors and its
  mentions, and re-clusters every event family the old or new mentions belong to.

Within one batch a repeated ``doc_id`` keeps its first copy when the text is the
same, and its last copy otherwise (what writing them one by one would leave).

Rows travel as Arrow tables (see :mod:`flashpoint.store.convert`) and enter with one
``INSERT ... SELECT`` per table; mentions are then placed into events by the rule in
:mod:`flashpoint.store.dedup`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import duckdb
import pyarrow as pa

from flashpoint.errors import ConfigError
from flashpoint.model import Actor, Article, Event
from flashpoint.store.base import Store, lent, scalar, transaction
from flashpoint.store.convert import actor_table, article_table, mention_table
from flashpoint.store.dedup import Arrival, Family
from flashpoint.store.merge import place, rebuild_events
from flashpoint.store.records import WriteReport

__all__ = ["MENTION_COLUMNS", "ingest", "write_batch"]

Item = tuple[Article, Sequence[Actor], Sequence[Event]]

#: ``event_mentions`` columns after ``mention_id``, ``event_id``, ``doc_id`` and ``seq``.
MENTION_COLUMNS = (
    "coder, rule, cameo, cameo_root, modality, date, date_value, date_precision, date_text, "
    "date_reason, source_text, source_name, source_code, source_country, source_role, "
    "target_text, target_name, target_code, target_country, target_role, location_name, "
    "location_country, location_lat, location_lon, location_precision, location_reason, "
    'sentence, "start", "end", confidence, mentions_in_article'
)
_INSERT_MENTIONS = f"""
INSERT INTO event_mentions
SELECT m.mention_id, a.event_id, m.doc_id, a.seq,
       {", ".join(f"m.{col.strip()}" for col in MENTION_COLUMNS.split(","))}
FROM _b_mentions m JOIN _b_assigned a ON a.mention_id = m.mention_id
WHERE m.doc_id IN (SELECT doc_id FROM _b_keep)
QUALIFY row_number() OVER (PARTITION BY m.mention_id ORDER BY m.ord) = 1
"""  # noqa: S608 - built once from the fixed column list above
_DELETE_REPLACED = tuple(
    f"DELETE FROM {table} WHERE doc_id IN (SELECT doc_id FROM _b_keep WHERE replaced)"  # noqa: S608
    for table in ("event_mentions", "actors", "articles")
)


def write_batch(
    store: Store, items: Sequence[Item], *, now: dt.datetime | None = None
) -> WriteReport:
    """Write ``(article, actors, events)`` triples as one batch; see the module docstring.

    ``now`` stamps ``ingested_at`` (default: the current UTC time).
    """
    kept, repeats = _collapse(items)
    report = ingest(
        store.con,
        article_table(article for article, _, _ in kept),
        actor_table((article.id, actors) for article, actors, _ in kept),
        mention_table([event for _, _, events in kept for event in events]),
        now=now,
    )
    return report + WriteReport(articles_present=repeats)


def _collapse(items: Sequence[Item]) -> tuple[list[Item], int]:
    """One entry per ``doc_id``, in batch order; how many copies were dropped."""
    chosen: dict[str, Item] = {}
    for item in items:
        article, _, events = item
        stray = next((e for e in events if e.doc_id != article.id), None)
        if stray is not None:
            raise ConfigError(
                f"event {stray.id} belongs to article {stray.doc_id}, "
                f"but was given with article {article.id}"
            )
        earlier = chosen.get(article.id)
        if earlier is not None and earlier[0].text == article.text:
            continue
        chosen.pop(article.id, None)
        chosen[article.id] = item
    return list(chosen.values()), len(items) - len(chosen)


def ingest(
    con: duckdb.DuckDBPyConnection,
    articles: pa.Table,
    actors: pa.Table,
    mentions: pa.Table,
    *,
    now: dt.datetime | None = None,
) -> WriteReport:
    """Write one batch of Arrow tables (the schemas in :mod:`~flashpoint.store.convert`)."""
    stamp = now or dt.datetime.now(dt.UTC).replace(tzinfo=None)
    with (
        transaction(con),
        lent(con, _b_articles=articles, _b_actors=actors, _b_mentions=mentions),
    ):
        fresh, replaced = _classify(con)
        present = articles.num_rows - len(fresh) - len(replaced)
        if not fresh and not replaced:
            return WriteReport(articles_present=present)
        keep = pa.table(
            {
                "doc_id": pa.array(fresh + replaced, pa.string()),
                "replaced": pa.array([False] * len(fresh) + [True] * len(replaced)),
            }
        )
        with lent(con, _b_keep=keep):
            rebuild = _drop_replaced(con) if replaced else set()
            _insert_articles(con, stamp)
            arrivals = _arrivals(con)
            placed = place(con, arrivals, rebuild)
            _write_mentions(con, placed.rows)
            rebuild_events(con, placed.before | {event for _, event, _ in placed.rows})
    after = {event for _, event, _ in placed.rows}
    return WriteReport(
        articles_new=len(fresh),
        articles_present=present,
        articles_replaced=len(replaced),
        mentions_new=len(arrivals),
        events_new=len(after - placed.before),
        events_merged=placed.merged,
    )


def _classify(con: duckdb.DuckDBPyConnection) -> tuple[list[str], list[str]]:
    """The batch's new ``doc_id``s and those whose text changed."""
    rows = con.execute(
        """
        SELECT b.doc_id, a.doc_id IS NOT NULL
        FROM _b_articles b LEFT JOIN articles a ON a.doc_id = b.doc_id
        WHERE a.doc_id IS NULL OR a.sha256 <> sha256(b.text)
        ORDER BY b.doc_id
        """
    ).fetchall()
    return [r[0] for r in rows if not r[1]], [r[0] for r in rows if r[1]]


def _drop_replaced(con: duckdb.DuckDBPyConnection) -> set[Family]:
    """Delete what replaced articles had stored; return the families to re-cluster."""
    rows = con.execute(
        """
        SELECT DISTINCT coalesce(source_code, ''), coalesce(target_code, ''), cameo_root,
               modality
        FROM event_mentions WHERE doc_id IN (SELECT doc_id FROM _b_keep WHERE replaced)
        UNION
        SELECT DISTINCT coalesce(source_code, ''), coalesce(target_code, ''), cameo_root,
               modality
        FROM _b_mentions WHERE doc_id IN (SELECT doc_id FROM _b_keep WHERE replaced)
        """
    ).fetchall()
    for statement in _DELETE_REPLACED:
        con.execute(statement)
    return {(r[0], r[1], r[2], r[3]) for r in rows}


def _insert_articles(con: duckdb.DuckDBPyConnection, stamp: dt.datetime) -> None:
    con.execute(
        "INSERT INTO articles SELECT doc_id, source, url, title, site, author, published, "
        "language, text, sha256(text), coalesce(ingested_at, ?) FROM _b_articles "
        "WHERE doc_id IN (SELECT doc_id FROM _b_keep)",
        [stamp],
    )
    con.execute(
        """
        INSERT INTO actors
        SELECT DISTINCT ON (doc_id, "start", "end")
               doc_id, "start", "end", text, name, code, country, role, kb_id, reason, former
        FROM _b_actors WHERE doc_id IN (SELECT doc_id FROM _b_keep)
        ORDER BY doc_id, "start", "end", name, code
        """
    )


def _arrivals(con: duckdb.DuckDBPyConnection) -> list[Arrival]:
    """The batch's mentions to write, in ingest order, numbered after the stored ones."""
    base = int(scalar(con, "SELECT coalesce(max(seq), 0) FROM event_mentions"))
    rows = con.execute(
        """
        SELECT mention_id, coalesce(source_code, ''), coalesce(target_code, ''), cameo_root,
               modality, date, date_value, date_precision
        FROM _b_mentions WHERE doc_id IN (SELECT doc_id FROM _b_keep)
        QUALIFY row_number() OVER (PARTITION BY mention_id ORDER BY ord) = 1
        ORDER BY ord
        """
    ).fetchall()
    return [
        Arrival(
            mention_id=r[0],
            seq=base + i,
            family=(r[1], r[2], r[3], r[4]),
            day=r[5],
            value=r[6],
            precision=r[7],
        )
        for i, r in enumerate(rows, start=1)
    ]


def _write_mentions(con: duckdb.DuckDBPyConnection, rows: list[tuple[str, str, int]]) -> None:
    assigned = pa.table(
        {
            "mention_id": pa.array([r[0] for r in rows], pa.string()),
            "event_id": pa.array([r[1] for r in rows], pa.string()),
            "seq": pa.array([r[2] for r in rows], pa.int64()),
        }
    )
    with lent(con, _b_assigned=assigned):
        # Only re-clustered families move stored mentions; the rest is appended.
        con.execute(
            "UPDATE event_mentions SET event_id = a.event_id FROM _b_assigned a "
            "WHERE event_mentions.mention_id = a.mention_id "
            "AND event_mentions.event_id <> a.event_id"
        )
        con.execute(_INSERT_MENTIONS)
