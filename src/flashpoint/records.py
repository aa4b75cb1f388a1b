"""The public JSON shape of an event: what `flashpoint code` prints, as the README documents."""

from __future__ import annotations

from typing import Any

from flashpoint.model import Actor, Event
from flashpoint.ontology import ontology

__all__ = ["EVENT_FIELDS", "event_record"]

EVENT_FIELDS = (
    "event_id",
    "doc_id",
    "coder",
    "rule",
    "date",
    "date_precision",
    "date_reason",
    "source",
    "target",
    "cameo",
    "cameo_root",
    "cameo_label",
    "goldstein",
    "quad_class",
    "plover",
    "plover_mode",
    "modality",
    "location",
    "sentence",
    "offsets",
    "mentions",
    "confidence",
)


def _actor(actor: Actor | None) -> dict[str, Any] | None:
    if actor is None:
        return None
    return {
        "text": actor.text,
        "name": actor.name,
        "code": actor.code,
        "country": actor.country,
        "role": actor.role,
    }


def event_record(event: Event) -> dict[str, Any]:
    """One event as a flat JSON object (every key always present, null when unknown)."""
    kind = ontology().get(event.cameo)
    where = event.where
    main = event.evidence[0]
    return {
        "event_id": event.id,
        "doc_id": event.doc_id,
        "coder": event.coder,
        "rule": event.rule,
        "date": event.when.value,
        "date_precision": event.when.precision,
        "date_reason": event.when.reason,
        "source": _actor(event.source),
        "target": _actor(event.target),
        "cameo": event.cameo,
        "cameo_root": kind.root,
        "cameo_label": kind.name,
        "goldstein": kind.goldstein,
        "quad_class": kind.quad_class,
        "plover": kind.plover,
        "plover_mode": kind.plover_mode,
        "modality": event.modality,
        "location": None
        if where is None
        else {
            "name": where.name,
            "country": where.country,
            "lat": where.lat,
            "lon": where.lon,
            "precision": where.precision,
        },
        "sentence": event.sentence,
        "offsets": [main.start, main.end],
        "mentions": event.mentions,
        "confidence": event.confidence,
    }
