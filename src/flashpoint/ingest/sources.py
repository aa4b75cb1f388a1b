"""Inputs to Documents: files, folders, stdin, JSON/JSONL batches, URLs and feeds.

Every input yields Documents or Skips, never an exception: a batch of ten thousand
files must not die on one unreadable one, and each file that yields nothing says why.
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
import logging
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, BinaryIO, Protocol

import httpx

from flashpoint.config import Settings
from flashpoint.ingest.blocks import strip_markdown
from flashpoint.ingest.decode import decode_bytes, looks_binary
from flashpoint.ingest.feeds import feed_documents, looks_like_feed
from flashpoint.ingest.fetch import fetch, is_url
from flashpoint.model import Document, DocumentFormat, Skip, SkipReason

__all__ = ["SUFFIXES", "file_kind", "jsonl_record", "read_inputs", "record_document", "skip"]

log = logging.getLogger(__name__)

SUFFIXES = frozenset({".html", ".htm", ".txt", ".md", ".json", ".jsonl", ".xml", ".rss", ".atom"})
_HTML_START = (b"<!doctype html", b"<html", b"<head", b"<body", b"<article", b"<div", b"<p>")

Item = Document | Skip


def skip(source: str, reason: SkipReason, detail: str) -> Skip:
    """A Skip for ``source``, logged once as a warning where it is made."""
    log.warning("skipped %s: %s (%s)", source, detail, reason.value)
    return Skip(source=source, reason=reason, detail=detail)


class _Readable(Protocol):
    def read(self, size: int = ..., /) -> bytes: ...


def _read_capped(handle: _Readable, limit: int) -> bytes | None:
    """At most ``limit`` bytes, or None if there is more (so a huge .gz is never inflated)."""
    data = handle.read(limit + 1)
    return None if len(data) > limit else data


def file_kind(path: Path) -> str:
    """The suffix that says what a file holds, ignoring ``.gz`` (``a.jsonl.gz`` → ``.jsonl``)."""
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes.pop()
    return suffixes[-1] if suffixes else ""


def _sniff_format(data: bytes) -> DocumentFormat:
    head = data[:512].lstrip().lower()
    return "html" if head.startswith(_HTML_START) else "text"


def _parse_date(value: Any) -> dt.date:
    # Parquet and other typed inputs hand over dates and timestamps, not strings.
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        raise ValueError(f"'published' must be an ISO 8601 string, got {value!r}")
    text = value.strip().replace("Z", "+00:00")
    try:
        return dt.datetime.fromisoformat(text).date()
    except ValueError:
        raise ValueError(f"'published' is not an ISO 8601 date: {value!r}") from None


def _optional_str(record: dict[str, Any], key: str) -> str | None:
    value = record.get(key)
    if value is None:
        return None
    if not isinstance(value, str | int):
        raise ValueError(f"{key!r} must be a string")
    return str(value)


def record_document(record: Any, source: str) -> Item:
    """One JSON object (``id``, ``text`` or ``html``, ``url``, ``published``, ``title``)."""
    if not isinstance(record, dict):
        return skip(source, SkipReason.BAD_RECORD, "record is not a JSON object")
    try:
        html, text = _optional_str(record, "html"), _optional_str(record, "text")
        if not (html or text):
            raise ValueError("record needs a non-empty 'text' or 'html'")
        published = record.get("published")
        return Document(
            source=source,
            content=html or text or "",
            format="html" if html else "text",
            id=_optional_str(record, "id"),
            url=_optional_str(record, "url"),
            title=_optional_str(record, "title"),
            published=_parse_date(published) if published else None,
        )
    except ValueError as exc:
        return skip(source, SkipReason.BAD_RECORD, str(exc))


def jsonl_record(line: str, where: str, settings: Settings) -> Item:
    """The Document of one JSONL line (not blank), or a Skip saying what is wrong with it."""
    if len(line.encode("utf-8")) > settings.max_bytes:
        return skip(where, SkipReason.TOO_LARGE, f"record over {settings.max_bytes} bytes")
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        return skip(where, SkipReason.BAD_RECORD, f"invalid JSON: {exc.msg}")
    return record_document(record, where)


def _jsonl(text: str, source: str, settings: Settings) -> Iterator[Item]:
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip():
            yield jsonl_record(line, f"{source}:{number}", settings)


def _json(text: str, source: str) -> Iterator[Item]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        yield skip(source, SkipReason.MALFORMED, f"invalid JSON: {exc.msg} (line {exc.lineno})")
        return
    records = data if isinstance(data, list) else [data]
    for number, record in enumerate(records):
        yield record_document(record, f"{source}[{number}]" if isinstance(data, list) else source)


def documents_from_bytes(
    data: bytes,
    source: str,
    settings: Settings,
    *,
    kind: str = "",
    url: str | None = None,
    charset: str | None = None,
    client: httpx.Client | None = None,
) -> Iterator[Item]:
    """Documents in ``data``; ``kind`` is a file suffix or a media type, if known."""
    if not data.strip():
        yield skip(source, SkipReason.EMPTY, "empty input")
        return
    if looks_binary(data):
        yield skip(source, SkipReason.BINARY, "binary data, not text or HTML")
        return
    if kind in {".xml", ".rss", ".atom"} or looks_like_feed(data):
        yield from feed_documents(data, source, settings, client=client)
        return
    text = decode_bytes(data, charset)
    if text is None:
        yield skip(source, SkipReason.UNDECODABLE, "cannot decode the text")
        return
    if kind == ".jsonl":
        yield from _jsonl(text, source, settings)
    elif kind == ".json":
        yield from _json(text, source)
    else:
        is_html = kind in {".html", ".htm", "text/html"} or (
            kind not in {".txt", ".md"} and _sniff_format(data) == "html"
        )
        content = strip_markdown(text) if kind == ".md" else text
        yield Document(
            source=source, content=content, format="html" if is_html else "text", url=url
        )


def _file(path: Path, settings: Settings) -> Iterator[Item]:
    source = str(path)
    try:
        opener = gzip.open if path.suffix.lower() == ".gz" else Path.open
        with opener(path, "rb") as handle:
            data = _read_capped(handle, settings.max_bytes)
    except FileNotFoundError:
        yield skip(source, SkipReason.NOT_FOUND, "no such file or folder")
        return
    except (OSError, EOFError) as exc:
        yield skip(source, SkipReason.MALFORMED, f"cannot read: {exc}")
        return
    if data is None:
        yield skip(source, SkipReason.TOO_LARGE, f"over {settings.max_bytes} bytes (max_bytes)")
        return
    yield from documents_from_bytes(data, source, settings, kind=file_kind(path))


def _folder(folder: Path, settings: Settings) -> Iterator[Item]:
    # Hidden files and folders (.git, .DS_Store) are not inputs anyone means to give.
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder)
        if any(part.startswith(".") for part in relative.parts) or not path.is_file():
            continue
        if file_kind(path) in SUFFIXES:
            yield from _file(path, settings)
        else:
            yield skip(
                str(path), SkipReason.UNSUPPORTED, f"not a supported file type ({path.name})"
            )


def _url(url: str, settings: Settings, client: httpx.Client | None) -> Iterator[Item]:
    fetched = fetch(url, settings, client=client)
    if isinstance(fetched, Skip):
        yield fetched
        return
    yield from documents_from_bytes(
        fetched.content,
        url,
        settings,
        kind=fetched.content_type,
        url=fetched.url,
        charset=fetched.charset,
        client=client,
    )


def read_inputs(
    inputs: Iterable[str],
    settings: Settings,
    *,
    stdin: BinaryIO | None = None,
    client: httpx.Client | None = None,
) -> Iterator[Item]:
    """Documents (or Skips) from each input in turn: a path, a folder, a URL or ``-``."""
    for given in inputs:
        if given == "-":
            handle = stdin if stdin is not None else sys.stdin.buffer
            data = _read_capped(handle, settings.max_bytes)
            if data is None:
                yield skip("stdin", SkipReason.TOO_LARGE, f"over {settings.max_bytes} bytes")
            else:
                yield from documents_from_bytes(data, "stdin", settings)
        elif is_url(given):
            yield from _url(given, settings, client)
        elif Path(given).is_dir():
            yield from _folder(Path(given), settings)
        else:
            yield from _file(Path(given), settings)
