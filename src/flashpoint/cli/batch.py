"""``flashpoint batch``: code an archive on a Dask cluster into date-partitioned Parquet."""

from __future__ import annotations

import dataclasses
import logging
import sys
from pathlib import Path

import click
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

from flashpoint.cli.context import settings_of, show_progress
from flashpoint.cli.exits import Exit
from flashpoint.cli.output import Format, format_option, write_records
from flashpoint.errors import ConfigError

__all__ = ["batch"]


@click.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option(
    "--out",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Directory for the Parquet output; rerun with the same one to resume.",
)
@click.option(
    "--scheduler",
    metavar="ADDRESS",
    help="Dask scheduler to use (tcp://host:8786); default: a local cluster.",
)
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    help="Worker processes of the local cluster (default: the `processes` setting).",
)
@click.option(
    "--unit-size",
    default=256,
    show_default=True,
    type=click.IntRange(min=1),
    help="Documents per unit of work (a JSONL.gz file is always one unit).",
)
@format_option()
@click.pass_context
def batch(
    ctx: click.Context,
    inputs: tuple[str, ...],
    out: Path,
    scheduler: str | None,
    workers: int | None,
    unit_size: int,
    fmt: Format,
) -> None:
    """Code INPUTS (folders, files, JSONL and JSONL.gz, Parquet of documents) on Dask.

    Writes the store's tables as Parquet under --out, partitioned by publication
    day; `flashpoint ingest OUT` loads them. Finished units are skipped on a rerun;
    skipped documents are listed in OUT/skips/.
    """
    try:
        from flashpoint.scale.cluster import run_batch
    except ImportError as exc:
        raise ConfigError(
            f"batch needs Dask ({exc.name} is missing): pip install 'flashpoint[dask]'"
        ) from None
    if not ctx.find_root().meta.get("verbose"):
        # Dask logs every worker start and stop at INFO; the summary says what matters.
        logging.getLogger("distributed").setLevel(logging.WARNING)
    with Progress(
        BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(), disable=not show_progress(ctx)
    ) as bar:
        task = bar.add_task("units", total=None)
        report = run_batch(
            inputs,
            out,
            settings_of(ctx),
            scheduler=scheduler,
            workers=workers,
            unit_size=unit_size,
            progress=lambda done, total: bar.update(task, completed=done, total=total),
        )
    for unit, error in report.failed:
        click.echo(f"flashpoint: unit {unit} failed: {error}", err=True)
    summary = {**dataclasses.asdict(report), "failed": len(report.failed)}
    write_records([summary], fmt, sys.stdout, columns=list(summary))
    ctx.exit(Exit.PARTIAL if report.skips or report.failed else Exit.OK)
