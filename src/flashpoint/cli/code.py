"""``flashpoint code``: who did what to whom, when and where, from any input."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Iterable, Iterator
from typing import Any, TextIO

import click

from flashpoint.cli.context import settings_of
from flashpoint.cli.extract import Tally
from flashpoint.cli.output import Format, input_options, write_records
from flashpoint.ingest import iter_articles
from flashpoint.pipeline import ArticleEvents, code_articles
from flashpoint.records import EVENT_FIELDS, event_record

__all__ = ["code"]

TABLE_COLUMNS = (
    "date",
    "source",
    "cameo",
    "cameo_label",
    "target",
    "modality",
    "location",
    "mentions",
)


def _for_table(record: dict[str, Any]) -> dict[str, Any]:
    row = dict(record)
    for side in ("source", "target"):
        actor = record[side]
        row[side] = f"{actor['code']} ({actor['text']})" if actor else ""
    row["location"] = record["location"]["name"] if record["location"] else ""
    return row


def _records(found: Iterable[ArticleEvents], everything: bool) -> Iterator[dict[str, Any]]:
    for item in found:
        for event in item.events:
            if everything or event.modality == "asserted":
                yield event_record(event)


@click.command()
@input_options
@click.option(
    "--all", "everything", is_flag=True, help="Also print negated, hypothetical and future events."
)
@click.pass_context
def code(
    ctx: click.Context,
    inputs: tuple[str, ...],
    fmt: Format,
    published: dt.datetime | None,
    skips_file: TextIO | None,
    everything: bool,
) -> None:
    """Code the events in INPUTS (anything `extract` reads) in CAMEO and PLOVER.

    One record per event, mentions of the same event in an article merged. Only
    asserted events are printed unless --all is given.
    """
    settings = settings_of(ctx)
    tally = Tally(skips_file)
    items = iter_articles(
        inputs, settings, default_published=published.date() if published else None
    )
    records = _records(code_articles(tally.articles_of(items, None), settings), everything)
    if fmt == "table":
        write_records((_for_table(r) for r in records), fmt, sys.stdout, columns=TABLE_COLUMNS)
    else:
        write_records(records, fmt, sys.stdout, columns=EVENT_FIELDS)
    ctx.exit(tally.exit_code())
