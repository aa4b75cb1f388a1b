"""``flashpoint settings`` and ``flashpoint rules``: what this run is configured to do."""

from __future__ import annotations

import sys
from typing import Any

import click

from flashpoint.cli.context import settings_of
from flashpoint.cli.output import Format, format_option, write_records
from flashpoint.config import table
from flashpoint.ingest import load_rules

__all__ = ["rules", "settings", "settings_markdown"]


def _show(value: Any) -> str:
    if isinstance(value, tuple):
        return ",".join(value) or "(none)"
    return str(value) if value != "" else '""'


def settings_markdown() -> str:
    """The settings table as Markdown, exactly as the README carries it."""
    lines = ["| setting | default | what it does |", "|---|---|---|"]
    lines += [f"| `{s.name}` | `{_show(s.default)}` | {s.help} |" for s in table()]
    return "\n".join(lines)


@click.command()
@format_option()
@click.option("--markdown", is_flag=True, help="Print the defaults as the README's Markdown table.")
@click.pass_context
def settings(ctx: click.Context, fmt: Format, markdown: bool) -> None:
    """Show every setting: its value in this run, its default and what it does.

    Set them in a TOML file (--config), as FLASHPOINT_<NAME> environment variables, or
    with --set NAME=VALUE; later sources win in that order.
    """
    if markdown:
        click.echo(settings_markdown())
        return
    current = settings_of(ctx)
    rows = [
        {
            "name": s.name,
            "value": _show(getattr(current, s.name)),
            "default": _show(s.default),
            "help": s.help,
        }
        for s in table()
    ]
    write_records(rows, fmt, sys.stdout, columns=("name", "value", "default", "help"))


@click.command()
@format_option()
@click.pass_context
def rules(ctx: click.Context, fmt: Format) -> None:
    """List the cleaning rules in the order they run (bundled first, then your own)."""
    rows = [
        {
            "name": rule.name,
            "action": rule.action,
            "max_words": rule.max_words,
            "patterns": len(rule.patterns),
            "origin": rule.origin,
            "help": rule.help,
        }
        for rule in load_rules(settings_of(ctx).cleaning_rules)
    ]
    columns = ("name", "action", "max_words", "patterns", "origin", "help")
    write_records(rows, fmt, sys.stdout, columns=columns)
