"""Ingestion: whatever the user has (files, folders, URLs, feeds, JSONL) to clean Articles."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from typing import BinaryIO

from flashpoint.config import Settings
from flashpoint.ingest.articles import article_id, extract_document
from flashpoint.ingest.rules import Rule, load_rules
from flashpoint.ingest.sources import (
    SUFFIXES,
    file_kind,
    jsonl_record,
    read_inputs,
    record_document,
    skip,
)
from flashpoint.model import Article, Document, DocumentFormat, Skip

__all__ = [
    "SUFFIXES",
    "Rule",
    "article_id",
    "extract",
    "extract_document",
    "file_kind",
    "iter_articles",
    "jsonl_record",
    "load_rules",
    "read_inputs",
    "record_document",
    "skip",
]


def extract(
    content: str,
    *,
    format: DocumentFormat = "html",
    url: str | None = None,
    title: str | None = None,
    published: dt.date | None = None,
    settings: Settings | None = None,
) -> Article | Skip:
    """Clean one HTML page or plain text into an Article (or a Skip saying why not)."""
    doc = Document(
        source=url or "<string>",
        content=content,
        format=format,
        url=url,
        title=title,
        published=published,
    )
    return extract_document(doc, settings or Settings())


def iter_articles(
    inputs: Iterable[str],
    settings: Settings,
    *,
    default_published: dt.date | None = None,
    stdin: BinaryIO | None = None,
) -> Iterator[Article | Skip]:
    """Articles and Skips from every input, lazily, in input order."""
    for item in read_inputs(inputs, settings, stdin=stdin):
        if isinstance(item, Skip):
            yield item
        else:
            yield extract_document(item, settings, default_published=default_published)
