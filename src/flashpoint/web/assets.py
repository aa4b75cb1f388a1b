"""Files under ``/static``: the dashboard's own, and plotly.js from the plotly package.

plotly ships its browser bundle as package data, so charts need neither a CDN nor an
npm build. Starlette's StaticFiles resolves each path and refuses any that leaves
the static folder (``..``, encoded or not, and absolute paths).
"""

from __future__ import annotations

from importlib import resources
from typing import Final

from fastapi import FastAPI, Response
from fastapi.staticfiles import StaticFiles

from flashpoint.errors import ConfigError

__all__ = ["PLOTLY_PATH", "add_assets", "plotly_bundle"]

PLOTLY_PATH: Final = "/static/plotly.min.js"
# A day: the bundle changes only when the plotly package is upgraded.
_CACHE: Final = {"Cache-Control": "public, max-age=86400"}


def plotly_bundle() -> bytes:
    """plotly.js as the installed plotly package ships it."""
    try:
        bundle = resources.files("plotly").joinpath("package_data", "plotly.min.js")
        return bundle.read_bytes()
    except (ModuleNotFoundError, FileNotFoundError) as exc:
        raise ConfigError(
            "the dashboard needs plotly.js from the plotly package: pip install 'flashpoint[serve]'"
        ) from exc


def add_assets(app: FastAPI) -> None:
    """Serve plotly.js and the package's static folder.

    The plotly route is added first so that it, not the static folder, answers its path.
    """
    bundle = plotly_bundle()

    async def plotly_js() -> Response:
        return Response(bundle, media_type="text/javascript", headers=_CACHE)

    app.add_api_route(PLOTLY_PATH, plotly_js, methods=["GET"], include_in_schema=False)
    app.mount("/static", StaticFiles(packages=[("flashpoint.web", "static")]), name="static")
