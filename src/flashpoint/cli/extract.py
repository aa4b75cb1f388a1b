"""``flashpoint extract``: clean article text and metadata out of any input."""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Iterable, Iterator
from typing import Any, TextIO

import click
from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.text import Text

from flashpoint.cli.context import settings_of, show_progress
from flashpoint.cli.exits import Exit
from flashpoint.cli.output import Format, input_options, write_records
from flashpoint.ingest import iter_articles
from flashpoint.model import Article, Skip, to_dict

__all__ = ["Tally", "article_record", "extract"]

COLUMNS = ("id", "title", "published", "from", "words", "removed", "source")
FIELDS = (
    "id",
    "source",
    "input_id",
    "url",
    "title",
    "author",
    "site",
    "published",
    "published_source",
    "language",
    "words",
    "text",
)


def article_record(article: Article) -> dict[str, Any]:
    """The public JSON shape of an article (fields documented in the README)."""
    record = to_dict(article)
    record["words"] = len(article.text.split())
    record["blocks"] = [
        {"kind": b.kind, "start": b.span.start, "end": b.span.end} for b in article.blocks
    ]
    return record


class Tally:
    """Counts articles and skips while passing articles through, reporting each skip once."""

    def __init__(self, skips_out: TextIO | None) -> None:
        self.articles = 0
        self.skips: list[Skip] = []
        self._skips_out = skips_out

    def articles_of(
        self, items: Iterable[Article | Skip], progress: Progress | None
    ) -> Iterator[Article]:
        task = progress.add_task("extracting", total=None) if progress else None
        for item in items:
            if progress is not None and task is not None:
                progress.advance(task)
            if isinstance(item, Skip):
                self._record(item)
                continue
            self.articles += 1
            yield item

    def _record(self, skip: Skip) -> None:
        self.skips.append(skip)
        click.echo(
            f"flashpoint: skipped {skip.source}: {skip.detail} [{skip.reason.value}]", err=True
        )
        if self._skips_out is not None:
            self._skips_out.write(json.dumps(to_dict(skip), ensure_ascii=False) + "\n")

    def exit_code(self) -> Exit:
        if not self.skips:
            return Exit.OK
        return Exit.PARTIAL if self.articles else Exit.NO_INPUT


def _show_article(article: Article, out: TextIO) -> None:
    """A single article, for a person: metadata, the text by block, and what was removed."""
    console = Console(file=out, highlight=False)
    published = (
        f"{article.published} ({article.published_source})" if article.published else "unknown"
    )
    console.print(Text(article.title or "(no title)", style="bold"))
    console.print(Text(f"id {article.id} · published {published} · language {article.language}"))
    for block in article.blocks:
        line = Text("\n")
        if block.kind != "paragraph":
            line.append(f"[{block.kind}] ", style="dim")
        console.print(line.append(block.span.text_of(article.text)))
    if article.removed:
        console.print(Text("\nRemoved", style="bold"))
        for removal in article.removed:
            console.print(Text(f"  {removal.rule:<20} ", style="dim").append(removal.text[:100]))


def _summary(article: Article) -> dict[str, Any]:
    return {
        "id": article.id,
        "title": article.title,
        "published": article.published,
        "from": article.published_source,
        "words": len(article.text.split()),
        "removed": len(article.removed),
        "source": article.source,
    }


@click.command()
@input_options
@click.pass_context
def extract(
    ctx: click.Context,
    inputs: tuple[str, ...],
    fmt: Format,
    published: dt.datetime | None,
    skips_file: TextIO | None,
) -> None:
    """Clean article text and metadata out of INPUTS.

    INPUTS are files (.html .htm .txt .md .json .jsonl .xml/.rss/.atom feeds, optionally
    .gz), folders (read recursively), http(s) URLs of pages or feeds, or - for stdin.
    One table row per article; with a single article the table shows its text too.
    """
    settings = settings_of(ctx)
    default = published.date() if published else None
    tally = Tally(skips_file)
    out = sys.stdout
    items = iter_articles(inputs, settings, default_published=default)
    with Progress(
        SpinnerColumn(),
        TextColumn("{task.completed} documents"),
        TimeElapsedColumn(),
        transient=True,
        disable=not show_progress(ctx),
    ) as progress:
        articles = tally.articles_of(items, progress)
        if fmt == "table":
            collected = list(articles)
            if len(collected) == 1:
                _show_article(collected[0], out)
            elif collected:
                write_records((_summary(a) for a in collected), fmt, out, columns=COLUMNS)
        else:
            write_records((article_record(a) for a in articles), fmt, out, columns=FIELDS)
    ctx.exit(tally.exit_code())
