"""Output formats shared by every command: a table for people, JSON/JSONL/CSV for machines."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterable, Sequence
from typing import Any, Literal, TextIO, TypeVar

import click
from rich.console import Console
from rich.table import Table

__all__ = ["FORMATS", "Format", "format_option", "input_options", "write_records"]

Format = Literal["table", "json", "jsonl", "csv"]
FORMATS: tuple[Format, ...] = ("table", "json", "jsonl", "csv")


_F = TypeVar("_F", bound=Callable[..., Any])
_PIPE_WIDTH = 160
_WRAPPING = frozenset(
    {"title", "help", "text", "detail", "source", "origin", "sentence", "top driver"}
)


def format_option(default: Format = "table") -> Callable[[_F], _F]:
    return click.option(
        "--format",
        "-f",
        "fmt",
        type=click.Choice(FORMATS),
        default=default,
        show_default=True,
        help="table for people; json, jsonl or csv for machines.",
    )


def input_options(func: _F) -> _F:
    """INPUTS, --format, --published and --skips: what every command that reads news takes."""
    decorators = [
        click.argument("inputs", nargs=-1, required=True),
        format_option(),
        click.option(
            "--published",
            type=click.DateTime(formats=["%Y-%m-%d"]),
            help="Publication date (YYYY-MM-DD) for inputs whose metadata and text give none.",
        ),
        click.option(
            "--skips",
            "skips_file",
            type=click.File("w", lazy=False),
            help="Also write every skipped input as JSONL to this file.",
        ),
    ]
    for decorator in reversed(decorators):
        func = decorator(func)
    return func


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def _table(rows: Sequence[dict[str, Any]], columns: Sequence[str], out: TextIO) -> None:
    table = Table(show_lines=False, header_style="bold")
    for column in columns:
        # Only prose columns wrap; ids, dates and numbers must stay whole to be copied.
        wraps = column in _WRAPPING
        table.add_column(column, no_wrap=not wraps, overflow="fold")
    for row in rows:
        table.add_row(*(_cell(row.get(c)) for c in columns))
    # A pipe or file has no width; rich would assume 80 columns and wrap every word.
    width = None if out.isatty() else _PIPE_WIDTH
    Console(file=out, width=width).print(table)


def write_records(
    records: Iterable[dict[str, Any]],
    fmt: Format,
    out: TextIO,
    *,
    columns: Sequence[str],
) -> int:
    """Write records in ``fmt``; jsonl streams, the others collect first. Returns the count."""
    if fmt == "jsonl":
        count = 0
        for count, record in enumerate(records, start=1):  # noqa: B007 - the count is the result
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
            out.flush()
        return count
    rows = list(records)
    if fmt == "json":
        json.dump(rows, out, ensure_ascii=False, indent=2)
        out.write("\n")
    elif fmt == "csv":
        writer = csv.DictWriter(out, fieldnames=list(columns), extrasaction="ignore")
        writer.writeheader()
        writer.writerows({c: _cell(row.get(c)) for c in columns} for row in rows)
    else:
        _table(rows, columns, out)
    return len(rows)
