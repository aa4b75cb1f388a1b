"""The REST API over an event store (``flashpoint serve``): see :func:`create_api`.

Routes live in ``routes_*`` modules, one subject each; :mod:`~flashpoint.api.errors`
gives every failure one JSON shape, :mod:`~flashpoint.api.limits` caps request bodies
and :mod:`~flashpoint.api.fetch` is the only way the API reaches the network.
"""

from __future__ import annotations

from flashpoint.api.app import create_api

__all__ = ["create_api"]
