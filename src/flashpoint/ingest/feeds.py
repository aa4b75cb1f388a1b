"""RSS and Atom feeds: each item becomes the Document of the page it links to.

A feed's own summary is rarely the story, so each item's link is fetched; a dead link
costs that one item (a Skip), never the feed. When the link fails but the feed carries
the full story (``content:encoded`` or Atom ``content``), that is used instead.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import html
import io
import logging
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any
from xml.sax import SAXParseException

import feedparser
import httpx

from flashpoint.config import Settings
from flashpoint.ingest.fetch import Fetched, decode_http, fetch, is_url
from flashpoint.model import Document, DocumentFormat, Skip, SkipReason

__all__ = ["FeedItem", "feed_documents", "looks_like_feed", "parse_feed"]

log = logging.getLogger(__name__)

_SNIFF = 2048
# Below this many words the feed's content is a teaser, not a substitute for the page.
_MIN_CONTENT_WORDS = 50
_COMMENT = re.compile(r"<!--.*?(?:-->|$)", re.S)
# The first real element: not a declaration (<?xml, <!DOCTYPE) or a processing instruction.
_ROOT = re.compile(r"<([A-Za-z_][\w.:-]*)([^>]*)")
_ATOM_NAMESPACES = ("http://www.w3.org/2005/Atom", "http://purl.org/atom/ns#")
_RSS1_NAMESPACE = "http://purl.org/rss/1.0/"
_TAG = re.compile(r"<[^>]*>")
_PAGE_FORMATS: Mapping[str, DocumentFormat] = {
    "": "html",
    "text/html": "html",
    "application/xhtml+xml": "html",
    "text/plain": "text",
}


@dataclass(frozen=True, slots=True, kw_only=True)
class FeedItem:
    """One feed entry, reduced to what finding and dating its story needs."""

    link: str | None
    title: str | None
    published: dt.date | None
    html: str | None  # the item's full content (content:encoded / atom content) or None


def _sniff_text(content: bytes) -> str:
    head = content[: _SNIFF * 2]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return head.decode("utf-16", errors="replace")[:_SNIFF]
    return head[:_SNIFF].decode("utf-8", errors="replace")


def looks_like_feed(content: bytes) -> bool:
    """True if the document's root element is an RSS, RSS 1.0 (RDF) or Atom root.

    Only the root counts, so an HTML page that mentions or links to RSS is not a feed.
    """
    head = _COMMENT.sub("", _sniff_text(content))
    root = _ROOT.search(head)
    if root is None:
        return False
    local = root.group(1).rpartition(":")[2]
    attributes = root.group(2)
    if local == "rss":
        return True
    if local == "feed":
        return any(namespace in attributes for namespace in _ATOM_NAMESPACES)
    return local == "RDF" and _RSS1_NAMESPACE in attributes


def _content_html(entry: Mapping[str, Any]) -> str | None:
    """The entry's full content as HTML; a plain-text body is escaped into paragraphs."""
    contents = [c for c in entry.get("content") or [] if (c.get("value") or "").strip()]
    if not contents:
        return None
    best = next((c for c in contents if "html" in (c.get("type") or "")), contents[0])
    value: str = best["value"]
    if "html" in (best.get("type") or "text/html"):
        return value
    paragraphs = (p.strip() for p in value.split("\n\n") if p.strip())
    return "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)


def _entry_date(entry: Mapping[str, Any]) -> dt.date | None:
    """The date as the feed states it, in the publisher's own time zone.

    feedparser's ``*_parsed`` values are converted to UTC, which moves a story filed
    late in the evening in the Americas to the next day; the raw string does not.
    """
    for key in ("published", "updated"):
        raw = entry.get(key)
        if not isinstance(raw, str) or not raw.strip():
            continue
        try:
            return email.utils.parsedate_to_datetime(raw).date()
        except (TypeError, ValueError, IndexError):
            pass
        try:
            return dt.datetime.fromisoformat(raw.strip()).date()
        except ValueError:
            pass
        parsed = entry.get(f"{key}_parsed")
        if parsed is not None:
            try:
                return dt.date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday)
            except (AttributeError, ValueError):
                pass
    return None


def _entry_link(entry: Mapping[str, Any]) -> str | None:
    # feedparser falls back to the guid or Atom id for a missing link; an id such as
    # "urn:uuid:..." or "tag:..." is not a page, and neither is a relative link left
    # unresolved because the feed came from a file.
    link = (entry.get("link") or "").strip()
    return link if is_url(link) else None


def _problem(exc: object) -> str:
    if exc is None:
        return "no RSS or Atom items"
    # SAX messages start with "<unknown>:line:col", positions in feedparser's rewrite.
    message = exc.getMessage() if isinstance(exc, SAXParseException) else str(exc)
    return f"not a readable RSS or Atom feed: {message}"


def parse_feed(content: bytes, source: str) -> list[FeedItem | Skip]:
    """The feed's items in order; item ``n`` (from 1) that is unusable is ``source#itemn``."""
    # A stream, not bytes: feedparser treats a bytes or str argument as a possible
    # file name or URL and would read or fetch it. Any response headers at all need a
    # content type, or the feed is flagged bozo; application/xml lets the XML
    # declaration name the encoding. The location resolves relative item links.
    headers = {"content-type": "application/xml"}
    if is_url(source):
        headers["content-location"] = source
    parsed = feedparser.parse(io.BytesIO(content), response_headers=headers)
    entries = parsed.get("entries") or []
    if not entries and (parsed.get("bozo") or not parsed.get("version")):
        detail = _problem(parsed.get("bozo_exception"))
        log.warning("skipped %s: %s (%s)", source, detail, SkipReason.MALFORMED.value)
        return [Skip(source=source, reason=SkipReason.MALFORMED, detail=detail)]
    items: list[FeedItem | Skip] = []
    for number, entry in enumerate(entries, start=1):
        link = _entry_link(entry)
        body = _content_html(entry)
        if link is None and body is None:
            where = f"{source}#item{number}"
            detail = "item has neither an http(s) link nor content"
            log.warning("skipped %s: %s (%s)", where, detail, SkipReason.FEED_ITEM.value)
            items.append(Skip(source=where, reason=SkipReason.FEED_ITEM, detail=detail))
            continue
        title = (entry.get("title") or "").strip() or None
        items.append(FeedItem(link=link, title=title, published=_entry_date(entry), html=body))
    return items


def _word_count(markup: str) -> int:
    return len(html.unescape(_TAG.sub(" ", markup)).split())


def _page_document(item: FeedItem, link: str, fetched: Fetched) -> Document | Skip:
    page_format = _PAGE_FORMATS.get(fetched.content_type)
    if page_format is None:
        detail = f"link is not a web page ({fetched.content_type})"
        log.warning("skipped %s: %s (%s)", link, detail, SkipReason.UNSUPPORTED.value)
        return Skip(source=link, reason=SkipReason.UNSUPPORTED, detail=detail)
    return Document(
        source=link,
        content=decode_http(fetched),
        format=page_format,
        url=fetched.url,
        title=item.title,
        published=item.published,
    )


def _content_document(item: FeedItem, where: str) -> Document | Skip:
    if item.html is None:
        detail = "item has neither a working link nor content"
        log.warning("skipped %s: %s (%s)", where, detail, SkipReason.FEED_ITEM.value)
        return Skip(source=where, reason=SkipReason.FEED_ITEM, detail=detail)
    return Document(
        source=item.link or where,
        content=item.html,
        format="html",
        url=item.link,
        title=item.title,
        published=item.published,
    )


def _item_document(
    item: FeedItem, where: str, settings: Settings, client: httpx.Client
) -> Document | Skip:
    if item.link is None:
        return _content_document(item, where)
    fetched = fetch(item.link, settings, client=client)
    page = fetched if isinstance(fetched, Skip) else _page_document(item, item.link, fetched)
    if isinstance(page, Skip) and item.html and _word_count(item.html) >= _MIN_CONTENT_WORDS:
        log.info("using the feed's own content for %s", item.link)
        return _content_document(item, where)
    return page


def feed_documents(
    content: bytes, source: str, settings: Settings, *, client: httpx.Client | None = None
) -> Iterator[Document | Skip]:
    """A Document (the linked page, else the item's own content) or a Skip per item."""
    items = parse_feed(content, source)
    if client is None:
        with httpx.Client() as own:
            yield from _documents(items, source, settings, own)
    else:
        yield from _documents(items, source, settings, client)


def _documents(
    items: list[FeedItem | Skip], source: str, settings: Settings, client: httpx.Client
) -> Iterator[Document | Skip]:
    for number, item in enumerate(items, start=1):
        if isinstance(item, Skip):
            yield item
        else:
            yield _item_document(item, f"{source}#item{number}", settings, client)
