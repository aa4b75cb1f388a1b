"""HTML to main text and metadata, with trafilatura doing the heavy lifting.

trafilatura finds the article body, title, author, site and date (through htmldate).
It drops figure captions, which can carry news ("…after a telephone call with the
president on Tuesday"), so they are read from ``<figcaption>`` separately and come
back as caption blocks for the cleaning rules to strip of their credits.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

import lxml.etree
import lxml.html
import trafilatura

from flashpoint.ingest.blocks import normalise_text

__all__ = ["HtmlText", "extract_html"]

log = logging.getLogger(__name__)

_MAX_CAPTION_CHARS = 600  # longer "captions" are galleries or mis-tagged body text
_OWN_CAPTIONS = ".//figcaption[not(ancestor::a) and not(ancestor::aside)]"


@dataclass(frozen=True, slots=True, kw_only=True)
class HtmlText:
    lines: tuple[str, ...]
    captions: tuple[str, ...]
    title: str | None
    author: str | None
    site: str | None
    published: dt.date | None


def _captions(html: str, body: str) -> tuple[str, ...]:
    """Captions of the story's own figures.

    Pages reuse <figcaption> for related-story cards and promos, so only captions inside
    the <article> (or <main>) element count, and none inside a link or an aside.
    """
    try:
        tree = lxml.html.fromstring(html)
    except (lxml.etree.ParserError, ValueError):
        return ()
    scope = tree.xpath("//article") or tree.xpath("//main")
    nodes = scope[0].xpath(_OWN_CAPTIONS) if scope else []
    found: list[str] = []
    for node in nodes:
        text = normalise_text(" ".join(node.itertext())).replace("\n", " ").strip()
        if text and len(text) <= _MAX_CAPTION_CHARS and text not in body and text not in found:
            found.append(text)
    return tuple(found)


def _date(value: object) -> dt.date | None:
    if not isinstance(value, str):
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def extract_html(html: str, url: str | None = None) -> HtmlText | None:
    """The page's main text as lines, its captions and metadata; None if it has no text."""
    try:
        doc = trafilatura.bare_extraction(
            html, url=url, with_metadata=True, include_comments=False, include_tables=False
        )
    except (ValueError, TypeError, lxml.etree.LxmlError) as exc:
        # trafilatura raises on pages lxml cannot make a tree of at all.
        log.debug("trafilatura failed on %s: %s", url or "input", exc)
        return None
    if doc is None or isinstance(doc, dict) or not (doc.text or "").strip():
        return None
    body = normalise_text(doc.text or "")
    return HtmlText(
        lines=tuple(line for line in body.split("\n") if line),
        captions=_captions(html, body),
        title=doc.title or None,
        author=doc.author or None,
        site=doc.sitename or None,
        published=_date(doc.date),
    )
