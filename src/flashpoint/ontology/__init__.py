"""The event ontology: CAMEO codes with Goldstein values and their PLOVER mapping."""

from __future__ import annotations

from flashpoint.ontology.cameo import PLOVER_TYPES, EventType, Ontology, ontology, quad_class

__all__ = ["PLOVER_TYPES", "EventType", "Ontology", "ontology", "quad_class"]
