"""The dashboard: HTML pages, their scripts and styles, served by the REST API's app.

:func:`create_app` builds the API with :func:`flashpoint.api.create_api` and adds the
pages (``/``, ``/dyad``, ``/network``, ``/article/{doc_id}``, ``/code``), the files
under ``/static`` and plotly.js from the installed ``plotly`` package. The pages are
fixed HTML; their scripts read everything from the API, so nothing a store holds is
ever spliced into HTML on the server.
"""

from __future__ import annotations

from flashpoint.web.app import create_app
from flashpoint.web.hardening import CONTENT_SECURITY_POLICY, loopback_hosts

__all__ = ["CONTENT_SECURITY_POLICY", "create_app", "loopback_hosts"]
