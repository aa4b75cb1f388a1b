"""The ``flashpoint`` command group: global options, settings and error reporting."""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import Any

import click
from rich.logging import RichHandler

from flashpoint.__about__ import __version__
from flashpoint.cli import (
    actors,
    analyse,
    batch,
    code,
    evaluate,
    extract,
    ingest,
    serve,
    settings,
)
from flashpoint.cli.exits import Exit
from flashpoint.config import load_settings
from flashpoint.errors import FlashpointError

__all__ = ["cli", "main"]


class _Group(click.Group):
    """Turns flashpoint's own exceptions into one clear line and an exit code."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except FlashpointError as exc:
            click.echo(f"flashpoint: error: {exc}", err=True)
            raise SystemExit(Exit.CONFIG) from None
        except KeyboardInterrupt:
            click.echo("flashpoint: interrupted", err=True)
            raise SystemExit(Exit.INTERRUPTED) from None


def _setup_logging(verbose: int, quiet: bool) -> None:
    # Skips are already reported one line each by the commands, so the library's own
    # warnings about them are shown only on request.
    level = (
        logging.ERROR if quiet else (logging.ERROR, logging.INFO, logging.DEBUG)[min(verbose, 2)]
    )
    handler = RichHandler(show_time=False, show_path=False, markup=False, rich_tracebacks=False)
    handler.setFormatter(logging.Formatter("%(message)s"))
    root = logging.getLogger("flashpoint")
    root.handlers[:] = [handler]
    root.setLevel(level)
    root.propagate = False


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="flashpoint")
@click.option(
    "--config",
    "config_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="TOML settings file (default: ./flashpoint.toml, then ~/.config/flashpoint/config.toml).",
)
@click.option(
    "--set",
    "overrides",
    multiple=True,
    metavar="NAME=VALUE",
    help="Override one setting for this run (repeatable); see `flashpoint settings`.",
)
@click.option("-v", "--verbose", count=True, help="More log detail (-vv for debug).")
@click.option("-q", "--quiet", is_flag=True, help="Only errors on stderr; no progress bars.")
@click.pass_context
def cli(
    ctx: click.Context,
    config_file: Path | None,
    overrides: tuple[str, ...],
    verbose: int,
    quiet: bool,
) -> None:
    """Read the news and turn it into political event data.

    Exit codes: 0 all inputs used; 1 some inputs skipped; 2 usage error;
    3 configuration error; 4 every input skipped; 130 interrupted.
    """
    _setup_logging(verbose, quiet)
    ctx.obj = load_settings(config_file=config_file, overrides=overrides)
    ctx.meta["quiet"] = quiet
    ctx.meta["verbose"] = verbose


cli.add_command(extract.extract)
cli.add_command(actors.actors)
cli.add_command(code.code)
cli.add_command(settings.settings)
cli.add_command(settings.rules)
cli.add_command(evaluate.evaluate)
cli.add_command(ingest.ingest)
cli.add_command(batch.batch)
cli.add_command(analyse.events)
cli.add_command(analyse.dyad)
cli.add_command(analyse.alerts_command)
cli.add_command(analyse.network_command)
cli.add_command(analyse.triad_command)
cli.add_command(analyse.export)
cli.add_command(serve.serve)


def main() -> None:
    cli.main(prog_name="flashpoint", standalone_mode=True)
    sys.exit(Exit.OK)
