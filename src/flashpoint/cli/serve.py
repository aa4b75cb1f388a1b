"""``flashpoint serve``: the REST API and the dashboard over one event store."""

from __future__ import annotations

import logging

import click

from flashpoint.cli.context import settings_of
from flashpoint.cli.ingest import db_option
from flashpoint.errors import ConfigError

__all__ = ["serve"]

# What `pip install 'flashpoint[serve]'` adds; a missing one is a set-up problem.
_SERVE_PACKAGES = frozenset({"fastapi", "starlette", "uvicorn", "plotly", "pydantic"})


@click.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option(
    "--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="TCP port."
)
@click.option(
    "--writable",
    is_flag=True,
    help="Open the store for writing, so POST /api/code may store what it codes.",
)
@click.pass_context
def serve(ctx: click.Context, db: str | None, host: str, port: int, writable: bool) -> None:
    """Serve the REST API (/api) and the dashboard (/) until interrupted.

    Listens on loopback unless --host says otherwise: the API has no authentication,
    so anyone who can reach the port can read the store.
    """
    try:
        import uvicorn

        from flashpoint.web import create_app, loopback_hosts
    except ModuleNotFoundError as exc:
        if (exc.name or "").partition(".")[0] not in _SERVE_PACKAGES:
            raise
        raise ConfigError(
            f"`flashpoint serve` needs {exc.name}, which is not installed: "
            "pip install 'flashpoint[serve]'"
        ) from exc
    settings = settings_of(ctx)
    hosts = loopback_hosts(host)
    app = create_app(db or settings.db, settings, writable=writable, allowed_hosts=hosts)
    quiet = ctx.find_root().meta.get("quiet", False)
    config = uvicorn.Config(app, host=host, port=port, log_level="error" if quiet else "info")
    if hosts is None:
        # uvicorn's logger, not flashpoint's: it is the one a person running the server
        # watches, and flashpoint's own warnings only show with -v.
        logging.getLogger("uvicorn.error").warning(
            "serving on %s, which other machines may reach; the API has no authentication",
            host,
        )
    uvicorn.Server(config).run()
