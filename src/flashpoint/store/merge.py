"""Applying the dedup rule to the database: placing new mentions and rebuilding events.

New mentions are appended in ingest order, and the rule in
:mod:`flashpoint.store.dedup` never revisits a placed mention, so placing them only
needs the stored events they could join: those of the same family whose anchor fits
the window. A replaced article is different, because removing its mentions can
remove an event's anchor; every family it touched is re-clustered from scratch, over
all of that family's mentions in ingest order, exactly as if the old text had never
been written.

An ``events`` row is a pure function of its mentions (see
:class:`~flashpoint.store.records.StoredEvent`), so after any change the touched events
are deleted and re-aggregated from ``event_mentions`` in one statement.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import duckdb
import pyarrow as pa

from flashpoint.ontology import ontology
from flashpoint.store.base import lent
from flashpoint.store.dedup import DAY_WINDOW, Anchor, Arrival, Clusters, Family

__all__ = ["Placement", "cameo_table", "place", "rebuild_events"]

_FAMILY_SCHEMA = pa.schema(
    [("s", pa.string()), ("t", pa.string()), ("root", pa.string()), ("modality", pa.string())]
)


@functools.cache
def cameo_table() -> pa.Table:
    """The CAMEO codebook as a table, so events can be labelled in SQL."""
    kinds = [ontology().get(code) for code in ontology().codes()]
    return pa.table(
        {
            "code": [k.code for k in kinds],
            "name": [k.name for k in kinds],
            "goldstein": pa.array([k.goldstein for k in kinds], pa.float64()),
            "quad_class": pa.array([k.quad_class for k in kinds], pa.int32()),
            "plover": [k.plover for k in kinds],
            "plover_mode": [k.plover_mode for k in kinds],
        }
    )


@dataclass(slots=True, kw_only=True)
class Placement:
    """Where each mention went: rows for ``event_mentions`` and what the write changed."""

    rows: list[tuple[str, str, int]] = field(default_factory=list)  # mention, event, seq
    before: set[str] = field(default_factory=set)  # events that existed and were touched
    merged: int = 0  # new mentions that joined one


def _arrival(row: Sequence[object], seq: int) -> Arrival:
    mention_id, s, t, root, modality, day, value, precision = row[:8]
    assert isinstance(day, dt.date | None)
    return Arrival(
        mention_id=str(mention_id),
        seq=seq,
        family=(str(s), str(t), str(root), str(modality)),
        day=day,
        value=None if value is None else str(value),
        precision=None if precision is None else str(precision),
    )


def families_table(families: Iterable[Family]) -> pa.Table:
    return pa.Table.from_pylist(
        [dict(zip(_FAMILY_SCHEMA.names, f, strict=True)) for f in sorted(set(families))],
        schema=_FAMILY_SCHEMA,
    )


def _candidates(con: duckdb.DuckDBPyConnection, arrivals: Sequence[Arrival]) -> list[Anchor]:
    """Stored events that any of ``arrivals`` could join."""
    probe = pa.table(
        {
            **{
                name: pa.array([a.family[i] for a in arrivals], pa.string())
                for i, name in enumerate(_FAMILY_SCHEMA.names)
            },
            "day": pa.array([a.day for a in arrivals], pa.date32()),
            "value": pa.array([a.value for a in arrivals], pa.string()),
            "precision": pa.array([a.precision for a in arrivals], pa.string()),
        }
    )
    with lent(con, _b_probe=probe):
        rows = con.execute(
            """
            SELECT DISTINCT e.event_id, coalesce(e.source_code, ''), coalesce(e.target_code, ''),
                   e.cameo_root, e.modality, e.date, e.date_value, e.date_precision, e.first_seq
            FROM events e JOIN _b_probe p
              ON coalesce(e.source_code, '') = p.s AND coalesce(e.target_code, '') = p.t
             AND e.cameo_root = p.root AND e.modality = p.modality
            WHERE (p.precision = 'day' AND e.date_precision = 'day'
                   AND e.date BETWEEN p.day - CAST($window AS INTEGER)
                                  AND p.day + CAST($window AS INTEGER))
               OR (p.precision IN ('month', 'year') AND e.date_value = p.value)
            """,
            {"window": DAY_WINDOW},
        ).fetchall()
    return [
        Anchor(
            event_id=r[0],
            family=(r[1], r[2], r[3], r[4]),
            day=r[5],
            value=r[6],
            precision=r[7],
            first_seq=r[8],
        )
        for r in rows
    ]


def _stored_family_members(
    con: duckdb.DuckDBPyConnection, families: set[Family]
) -> tuple[list[Arrival], set[str]]:
    """Every stored mention of ``families`` in ingest order, and those families' events."""
    with lent(con, _b_families=families_table(families)):
        rows = con.execute(
            """
            SELECT m.mention_id, f.s, f.t, f.root, f.modality, m.date, m.date_value,
                   m.date_precision, m.seq
            FROM event_mentions m JOIN _b_families f
              ON coalesce(m.source_code, '') = f.s AND coalesce(m.target_code, '') = f.t
             AND m.cameo_root = f.root AND m.modality = f.modality
            ORDER BY m.seq
            """
        ).fetchall()
        stale = con.execute(
            """
            SELECT e.event_id FROM events e JOIN _b_families f
              ON coalesce(e.source_code, '') = f.s AND coalesce(e.target_code, '') = f.t
             AND e.cameo_root = f.root AND e.modality = f.modality
            """
        ).fetchall()
    return [_arrival(r, int(r[8])) for r in rows], {r[0] for r in stale}


def place(
    con: duckdb.DuckDBPyConnection, arrivals: Sequence[Arrival], rebuild: set[Family]
) -> Placement:
    """Assign ``arrivals`` (new mentions, in ingest order) to events.

    Families in ``rebuild`` are re-clustered over all their stored mentions too.
    """
    appended = [a for a in arrivals if a.family not in rebuild]
    anchors = _candidates(con, appended) if appended else []
    result = Placement(before={a.event_id for a in anchors})
    clusters = Clusters(anchors)
    if rebuild:
        stored, stale = _stored_family_members(con, rebuild)
        result.before |= stale
        for mention in stored:
            event_id, _ = clusters.place(mention)
            result.rows.append((mention.mention_id, event_id, mention.seq))
    for mention in arrivals:
        event_id, started = clusters.place(mention)
        result.rows.append((mention.mention_id, event_id, mention.seq))
        result.merged += not started
    return result


_REBUILD = """
INSERT INTO events
WITH m AS (
    SELECT * FROM event_mentions WHERE event_id IN (SELECT event_id FROM _b_affected)
),
agg AS (
    SELECT event_id,
           arg_min(mention_id, seq) AS first_mention,
           min(seq) AS first_seq,
           first(cameo ORDER BY length(cameo) DESC, seq) AS cameo,
           sum(mentions_in_article) AS mentions,
           count(DISTINCT doc_id) AS sources,
           max(confidence) AS confidence,
           arg_min(struct_pack(name := location_name, country := location_country,
                               lat := location_lat, lon := location_lon,
                               precision := location_precision), seq)
               FILTER (WHERE location_name IS NOT NULL) AS loc
    FROM m GROUP BY event_id
)
SELECT agg.event_id,
       f.source_code, f.source_name, f.source_country, f.source_role,
       f.target_code, f.target_name, f.target_country, f.target_role,
       agg.cameo, f.cameo_root, c.name, c.goldstein, c.quad_class, c.plover, c.plover_mode,
       f.modality, f.date, f.date_value, f.date_precision,
       struct_extract(agg.loc, 'name'), struct_extract(agg.loc, 'country'),
       struct_extract(agg.loc, 'lat'), struct_extract(agg.loc, 'lon'),
       struct_extract(agg.loc, 'precision'),
       agg.mentions, agg.sources, agg.confidence, f.coder, f.rule,
       agg.first_mention, agg.first_seq, a.ingested_at
FROM agg
JOIN m AS f ON f.mention_id = agg.first_mention
JOIN articles a ON a.doc_id = f.doc_id
JOIN _cameo c ON c.code = agg.cameo
"""


def rebuild_events(con: duckdb.DuckDBPyConnection, event_ids: Iterable[str]) -> None:
    """Recompute the ``events`` rows of ``event_ids`` from their mentions (or drop them)."""
    affected = pa.table({"event_id": pa.array(sorted(set(event_ids)), pa.string())})
    with lent(con, _b_affected=affected, _cameo=cameo_table()):
        con.execute("DELETE FROM events WHERE event_id IN (SELECT event_id FROM _b_affected)")
        con.execute(_REBUILD)
