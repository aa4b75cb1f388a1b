"""``flashpoint actors``: who acts in each article, resolved to codes."""

from __future__ import annotations

import dataclasses
import datetime as dt
import sys
from collections.abc import Iterator
from typing import Any, TextIO

import click

from flashpoint.cli.context import settings_of
from flashpoint.cli.extract import Tally
from flashpoint.cli.output import Format, input_options, write_records
from flashpoint.ingest import iter_articles
from flashpoint.model import to_dict
from flashpoint.pipeline import article_actors

__all__ = ["actors"]

COLUMNS = ("doc_id", "text", "code", "country", "role", "name", "reason", "start", "end")


def _rows(found: Iterator[Any]) -> Iterator[dict[str, Any]]:
    for item in found:
        for actor in item.actors:
            row = to_dict(actor)
            span = row.pop("span")
            yield {"doc_id": item.article.id, **row, "start": span["start"], "end": span["end"]}


@click.command()
@input_options
@click.option(
    "--actors",
    "actor_files",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False),
    help="Your own actor file (flashpoint TOML or PETRARCH dictionary); repeatable.",
)
@click.pass_context
def actors(
    ctx: click.Context,
    inputs: tuple[str, ...],
    fmt: Format,
    published: dt.datetime | None,
    skips_file: TextIO | None,
    actor_files: tuple[str, ...],
) -> None:
    """Resolve the actors in INPUTS (anything `extract` reads) to CAMEO-style codes.

    Each actor comes with its text and offsets, canonical name, code (e.g. CHNGOV),
    country, role, knowledge-base id and the rule that resolved it.
    """
    settings = settings_of(ctx)
    settings = dataclasses.replace(settings, actors=settings.actors + actor_files)
    tally = Tally(skips_file)
    items = iter_articles(
        inputs, settings, default_published=published.date() if published else None
    )
    found = article_actors(tally.articles_of(items, None), settings)
    write_records(_rows(found), fmt, sys.stdout, columns=COLUMNS)
    ctx.exit(tally.exit_code())
