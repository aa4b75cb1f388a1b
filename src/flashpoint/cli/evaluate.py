"""``flashpoint eval``: measure flashpoint against public gold data."""

from __future__ import annotations

from pathlib import Path

import click

from flashpoint.cli.context import settings_of

__all__ = ["evaluate"]

DEFAULT_DATA = Path("..") / "shared" / "eval"


@click.group(name="eval")
def evaluate() -> None:
    """Score flashpoint on gold sets (default folder: ../shared/eval)."""


@evaluate.command()
@click.option(
    "--data",
    type=click.Path(file_okay=False, path_type=Path),
    default=DEFAULT_DATA,
    show_default=True,
    help="Folder holding scrapinghub-aeb/ and trafilatura-eval/.",
)
@click.pass_context
def extraction(ctx: click.Context, data: Path) -> None:
    """Extraction quality next to plain trafilatura, on the same pages."""
    from flashpoint.evaluation.extraction import run_all

    click.echo(run_all(data, settings_of(ctx)))
