"""Reading the store: ``events``, ``dyad``, ``alerts``, ``network``, ``triad``, ``export``.

Every command opens the store read-only, so any number of them can run while no
``ingest`` is writing (DuckDB allows one writing process at a time).
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar

import click

from flashpoint.analytics import (
    FORMATS,
    alerts,
    dyad_series,
    export_events,
    network,
    to_graphml,
    to_json,
    triad,
)
from flashpoint.cli.context import settings_of
from flashpoint.cli.ingest import db_option
from flashpoint.cli.output import Format, format_option, write_records
from flashpoint.model import to_dict
from flashpoint.store import ORDERS, EventFilter, Store, open_store, query_events
from flashpoint.store.records import MODALITIES

__all__ = ["alerts_command", "dyad", "events", "export", "network_command", "triad_command"]

_F = TypeVar("_F", bound=Callable[..., Any])
_DATE = click.DateTime(formats=["%Y-%m-%d"])
_FROM = click.option("--from", "date_from", type=_DATE, help="First day (YYYY-MM-DD).")
_TO = click.option("--to", "date_to", type=_DATE, help="Last day (YYYY-MM-DD).")
EVENT_COLUMNS = (
    "date_value",
    "source_code",
    "cameo",
    "cameo_label",
    "target_code",
    "goldstein",
    "mentions",
    "sources",
    "sentence",
)


def _day(value: dt.datetime | None) -> dt.date | None:
    return value.date() if value else None


def _store(ctx: click.Context, db: str | None) -> Store:
    return open_store(db or settings_of(ctx).db, read_only=True)


def filter_options(func: _F) -> _F:
    """The event filters shared by ``events`` and ``export``."""
    options = [
        click.option("--actor", help="Actor code prefix on either side (CHN, CHNGOV)."),
        click.option("--dyad", nargs=2, help="Two actor code prefixes, either direction."),
        click.option("--directed", is_flag=True, help="--dyad only from the first to the second."),
        click.option("--cameo", help="CAMEO code prefix (04, 041)."),
        click.option("--plover", help="PLOVER event type (CONSULT, ACCUSE, ...)."),
        click.option("--quad", "quad_class", type=click.IntRange(1, 4), help="Quad class 1-4."),
        _FROM,
        _TO,
        click.option(
            "--modality",
            multiple=True,
            type=click.Choice(MODALITIES),
            help="Repeatable; default asserted only.",
        ),
        click.option("--text", help="Words in the evidence sentence (case-insensitive)."),
        click.option("--limit", type=int, help="At most this many events."),
        click.option("--order", type=click.Choice(ORDERS), default="date", show_default=True),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def _filter(options: dict[str, Any]) -> EventFilter:
    return EventFilter(
        actor=options["actor"],
        dyad=(options["dyad"][0], options["dyad"][1]) if options["dyad"] else None,
        directed=options["directed"],
        cameo=options["cameo"],
        plover=options["plover"].upper() if options["plover"] else None,
        quad_class=options["quad_class"],
        date_from=_day(options["date_from"]),
        date_to=_day(options["date_to"]),
        modality=tuple(options["modality"]) or ("asserted",),
        text=options["text"],
        limit=options["limit"],
        order=options["order"],
    )


@click.command()
@filter_options
@db_option
@format_option()
@click.pass_context
def events(ctx: click.Context, /, db: str | None, fmt: Format, **options: Any) -> None:
    """Stored events (deduplicated across articles), filtered."""
    with _store(ctx, db) as store:
        found = query_events(store, _filter(options))
    columns = EVENT_COLUMNS if fmt == "table" else tuple(to_dict(found[0])) if found else ()
    write_records((to_dict(e) for e in found), fmt, sys.stdout, columns=columns)


def _by_option(default: str, choices: Iterable[str]) -> Callable[[_F], _F]:
    return click.option(
        "--by", type=click.Choice(list(choices)), default=default, show_default=True
    )


@click.command()
@click.argument("a")
@click.argument("b")
@_by_option("week", ("day", "week", "month"))
@_FROM
@_TO
@click.option("--directed", is_flag=True, help="Only events from A to B.")
@db_option
@format_option()
@click.pass_context
def dyad(
    ctx: click.Context,
    a: str,
    b: str,
    by: str,
    date_from: dt.datetime | None,
    date_to: dt.datetime | None,
    directed: bool,
    db: str | None,
    fmt: Format,
) -> None:
    """Events between A and B per period: quad classes, Goldstein and the tension index.

    Without --from the series starts a year before the pair's latest event: articles
    mention events decades back, and an honest zero-filled series would start there.
    """
    with _store(ctx, db) as store:
        start = _day(date_from) or _year_before_last(store, a, b)
        points = dyad_series(
            store, a, b, by, date_from=start, date_to=_day(date_to), directed=directed
        )
    rows = [to_dict(p) for p in points]
    write_records(rows, fmt, sys.stdout, columns=tuple(rows[0]) if rows else ())


def _year_before_last(store: Store, a: str, b: str) -> dt.date | None:
    latest = query_events(store, EventFilter(dyad=(a, b), order="-date", limit=1))
    last = latest[0].date if latest else None
    return last - dt.timedelta(days=365) if last else None


def _alert_rows(found: Iterable[Any], fmt: Format) -> Iterable[dict[str, Any]]:
    for alert in found:
        row = to_dict(alert)
        if fmt == "table":
            top = alert.drivers[0] if alert.drivers else None
            row["drivers"] = len(alert.drivers)
            row["top driver"] = f"{top.cameo_label}: {top.sentence}" if top else ""
        yield row


@click.command("alerts")
@_by_option("week", ("day", "week"))
@click.option("--window", type=int, default=8, show_default=True, help="Trailing periods.")
@click.option("--threshold", type=float, default=3.0, show_default=True, help="z above this.")
@click.option("--min-events", type=int, default=10, show_default=True, help="Per dyad.")
@click.option("--dyad", "pair", nargs=2, help="Only this pair of countries.")
@db_option
@format_option()
@click.pass_context
def alerts_command(
    ctx: click.Context,
    by: str,
    window: int,
    threshold: float,
    min_events: int,
    pair: tuple[str, str] | None,
    db: str | None,
    fmt: Format,
) -> None:
    """Escalation: periods whose conflict is far above the dyad's trailing baseline."""
    with _store(ctx, db) as store:
        found = alerts(
            store,
            by,
            window=window,
            threshold=threshold,
            min_events=min_events,
            dyads=[pair] if pair else None,
        )
    columns: tuple[str, ...] = ("a", "b", "period", "value", "baseline", "z", "events")
    columns += ("tension", "drivers", "top driver") if fmt == "table" else ("tension",)
    write_records(_alert_rows(found, fmt), fmt, sys.stdout, columns=columns)


@click.command("network")
@_FROM
@_TO
@click.option("--level", type=click.Choice(["country", "actor"]), default="country")
@click.option("--min-events", type=int, default=1, show_default=True, help="Per edge.")
@click.option("--graphml", type=click.Path(dir_okay=False, path_type=Path), help="Also write.")
@db_option
@format_option()
@click.pass_context
def network_command(
    ctx: click.Context,
    date_from: dt.datetime | None,
    date_to: dt.datetime | None,
    level: str,
    min_events: int,
    graphml: Path | None,
    db: str | None,
    fmt: Format,
) -> None:
    """The actor network: edges weighted by events, signed by cooperation or conflict."""
    with _store(ctx, db) as store:
        net = network(store, _day(date_from), _day(date_to), level, min_events)
    if graphml is not None:
        to_graphml(net, graphml)
    if fmt == "json":
        click.echo(json.dumps(to_json(net), ensure_ascii=False, indent=2))
        return
    rows = [to_dict(e) for e in net.edges]
    columns = ("a", "b", "events", "goldstein_sum", "goldstein_mean", "sign")
    write_records(rows, fmt, sys.stdout, columns=(*columns, "cooperation", "conflict"))


@click.command("triad")
@click.argument("a")
@click.argument("b")
@click.argument("c")
@_FROM
@_TO
@db_option
@format_option()
@click.pass_context
def triad_command(
    ctx: click.Context,
    a: str,
    b: str,
    c: str,
    date_from: dt.datetime | None,
    date_to: dt.datetime | None,
    db: str | None,
    fmt: Format,
) -> None:
    """Balance of the A-B-C triad (Heider) and who is in the middle."""
    with _store(ctx, db) as store:
        found = triad(store, a, b, c, date_from=_day(date_from), date_to=_day(date_to))
    if fmt != "table":
        write_records([to_dict(found)], fmt, sys.stdout, columns=("nodes", "edges", "balanced"))
        return
    rows = [{**to_dict(e), "tie": f"{e.a}-{e.b}"} for e in found.edges]
    write_records(rows, fmt, sys.stdout, columns=("tie", "events", "goldstein_mean", "sign"))
    verdict = "balanced" if found.balanced else "unbalanced"
    click.echo(f"{verdict}; middle: {found.middle or 'none'}. {found.explanation}")


@click.command()
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--as",
    "kind",
    type=click.Choice(FORMATS),
    default="csv",
    show_default=True,
    help="gdelt: a GDELT 2.0 event table; plover: PLOVER JSON lines.",
)
@filter_options
@db_option
@click.pass_context
def export(ctx: click.Context, /, path: Path, kind: str, db: str | None, **options: Any) -> None:
    """Write the stored events the filters select to PATH."""
    with _store(ctx, db) as store:
        written = export_events(store, _filter(options), path, kind)
    click.echo(f"wrote {written}", err=True)
