"""``flashpoint ingest``: code news and keep the events in the DuckDB store."""

from __future__ import annotations

import dataclasses
import datetime as dt
import sys
from collections.abc import Callable
from typing import Any, TextIO, TypeVar

import click

from flashpoint.cli.context import settings_of
from flashpoint.cli.exits import Exit
from flashpoint.cli.extract import Tally
from flashpoint.cli.output import Format, input_options, write_records
from flashpoint.store import Store, WriteReport, open_store

__all__ = ["db_option", "ingest"]

_F = TypeVar("_F", bound=Callable[..., Any])


def db_option(func: _F) -> _F:
    option = click.option(
        "--db",
        "db",
        metavar="PATH",
        help="Event store (default: the `db` setting, flashpoint.duckdb).",
    )
    return option(func)


@click.command()
@input_options
@db_option
@click.option("--batch", default=64, show_default=True, help="Articles per transaction.", type=int)
@click.pass_context
def ingest(
    ctx: click.Context,
    inputs: tuple[str, ...],
    fmt: Format,
    published: dt.datetime | None,
    skips_file: TextIO | None,
    db: str | None,
    batch: int,
) -> None:
    """Code INPUTS (anything `extract` reads) and store their events in DuckDB.

    An input that is the --out directory of `flashpoint batch` is loaded as it is:
    its finished units, already coded. Idempotent: an article already stored with
    the same text is not coded again, and each batch is written in one transaction,
    so an interrupted run can be rerun.
    """
    from flashpoint.ingest import iter_articles
    from flashpoint.pipeline import ingest_articles
    from flashpoint.scale import is_batch

    settings = settings_of(ctx)
    tally = Tally(skips_file)
    batches = [given for given in inputs if is_batch(given)]
    rest = [given for given in inputs if given not in batches]
    items = iter_articles(rest, settings, default_published=published.date() if published else None)
    total, unfinished = WriteReport(), 0
    with open_store(db or settings.db) as store:
        for given in batches:
            report, missing = _load(store, given)
            total, unfinished = total + report, unfinished + missing
        articles = tally.articles_of(items, None) if rest else ()
        for report in ingest_articles(articles, store, settings, batch_size=batch):
            total += report
        summary = {"store": store.path, **dataclasses.asdict(total), "skipped": len(tally.skips)}
    write_records([summary], fmt, sys.stdout, columns=list(summary))
    code = tally.exit_code()
    # A batch directory is input too: it was used, if only in part.
    if (batches and code == Exit.NO_INPUT) or (unfinished and code == Exit.OK):
        code = Exit.PARTIAL
    ctx.exit(code)


def _load(store: Store, given: str) -> tuple[WriteReport, int]:
    from flashpoint.scale import load_batch

    loaded = load_batch(store, given)
    if loaded.units_unfinished:
        click.echo(
            f"flashpoint: skipped {loaded.units_unfinished} unfinished units of {given}: "
            "rerun `flashpoint batch` with the same --out to finish them [unfinished]",
            err=True,
        )
    return loaded.written, loaded.units_unfinished
