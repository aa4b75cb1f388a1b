"""``flashpoint eval``: measure flashpoint against public gold data."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from flashpoint.cli.context import settings_of

__all__ = ["evaluate"]

DEFAULT_DATA = Path("..") / "shared" / "eval"


@click.group(name="eval")
def evaluate() -> None:
    """Score flashpoint on gold sets (default folder: ../shared/eval)."""


_F = TypeVar("_F", bound=Callable[..., Any])


def _data_option(holding: str) -> Callable[[_F], _F]:
    return click.option(
        "--data",
        type=click.Path(file_okay=False, path_type=Path),
        default=DEFAULT_DATA,
        show_default=True,
        help=f"Folder holding {holding}.",
    )


@evaluate.command()
@_data_option("scrapinghub-aeb/ and trafilatura-eval/")
@click.pass_context
def extraction(ctx: click.Context, data: Path) -> None:
    """Extraction quality next to plain trafilatura, on the same pages."""
    from flashpoint.evaluation.extraction import run_all

    click.echo(run_all(data, settings_of(ctx)))


@evaluate.command()
@_data_option("plover-gsr/ and universalpetrarch-gsr/")
@click.pass_context
def actors(ctx: click.Context, data: Path) -> None:
    """Actor country and full-code accuracy on the PLOVER and PETRARCH-2 gold sets."""
    from flashpoint.evaluation.actors import petrarch_gold, plover_gold, score_actors, to_markdown

    settings = settings_of(ctx)
    reports = [
        score_actors("PLOVER GSR (ISO3 + sector)", plover_gold(data), settings),
        score_actors("PETRARCH-2 GSR (Phoenix codes)", petrarch_gold(data), settings),
    ]
    click.echo(to_markdown(reports))


@evaluate.command()
@_data_option("universalpetrarch-gsr/, petrarch2-unittest/, plover-gsr/ and conflibert-cameo/")
@click.option("--confusion", is_flag=True, help="Also print the PLOVER confusion table.")
@click.pass_context
def events(ctx: click.Context, data: Path, confusion: bool) -> None:
    """Event coding on PETRARCH-2 GSR and unit tests (triples), PLOVER GSR and ConfliBERT."""
    from flashpoint.evaluation import events as ev

    settings = settings_of(ctx)
    petrarch = ev.score_triples("PETRARCH-2 GSR", ev.petrarch_sentences(data), settings)
    units = ev.score_triples(
        "PETRARCH-2 unit tests (tuning)",
        ev.unit_test_sentences(data),
        ev.unit_test_settings(data, settings),
    )
    plover = ev.score_classes(
        "PLOVER GSR (type)", ev.plover_sentences(data), settings, scheme="plover"
    )
    confli = ev.score_classes(
        "ConfliBERT test (5 classes)", ev.confli_gold(data), settings, scheme="penta"
    )
    tuning = ev.score_classes(
        "ConfliBERT train (5 classes; tuning split)",
        ev.confli_gold(data, "train"),
        settings,
        scheme="penta",
    )
    click.echo(ev.triples_markdown([petrarch, units]))
    click.echo()
    click.echo(ev.classes_markdown([plover, confli, tuning]))
    if confusion:
        click.echo()
        click.echo(ev.confusion_markdown(plover))
