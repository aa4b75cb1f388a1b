"""What every command gets from the group: the run's settings and whether to be quiet."""

from __future__ import annotations

import sys

import click

from flashpoint.config import Settings

__all__ = ["settings_of", "show_progress"]


def settings_of(ctx: click.Context) -> Settings:
    settings = ctx.find_root().obj
    if not isinstance(settings, Settings):  # only when a command is invoked outside the group
        settings = Settings()
    return settings


def show_progress(ctx: click.Context) -> bool:
    """Progress bars only for a person watching a terminal, never in pipes or logs."""
    return not ctx.find_root().meta.get("quiet", False) and sys.stderr.isatty()
