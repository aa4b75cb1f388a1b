"""One Document in, one clean Article (or a Skip saying why not) out."""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import re
import unicodedata
from dataclasses import dataclass

import py3langid

from flashpoint.config import Settings
from flashpoint.ingest.blocks import assemble, split_blocks
from flashpoint.ingest.dateline import pick_published
from flashpoint.ingest.html import extract_html
from flashpoint.ingest.rules import CleanBlock, apply_rules, load_rules
from flashpoint.model import Article, Document, Removal, Skip, SkipReason

__all__ = ["article_id", "extract_document"]

log = logging.getLogger(__name__)

_HEADLINE_MAX_WORDS = 25
_LANGUAGE_SAMPLE = 4000
_WORD = re.compile(r"\w+")


def article_id(text: str) -> str:
    """A stable id: the same words in the same order give the same id, whatever the markup."""
    words = _WORD.findall(unicodedata.normalize("NFKC", text).casefold())
    return hashlib.sha256(" ".join(words).encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True, slots=True, kw_only=True)
class _Parsed:
    blocks: list[CleanBlock]
    title: str | None
    author: str | None = None
    site: str | None = None
    published: dt.date | None = None


def _parse(doc: Document) -> _Parsed | None:
    if doc.format == "text":
        return _Parsed(blocks=split_blocks(doc.content), title=doc.title)
    page = extract_html(doc.content, doc.url)
    if page is None:
        return None
    blocks = [CleanBlock(text=line, kind="paragraph") for line in page.lines]
    blocks += [CleanBlock(text=line, kind="caption") for line in page.captions]
    return _Parsed(
        blocks=blocks,
        title=doc.title or page.title,
        author=page.author,
        site=page.site,
        published=page.published,
    )


def _same_words(a: str, b: str) -> bool:
    return _WORD.findall(a.casefold()) == _WORD.findall(b.casefold())


def _with_headline(blocks: list[CleanBlock], title: str | None) -> tuple[list[CleanBlock], str]:
    """Put the headline first, as a headline block: it often states the main event."""
    if title and blocks and _same_words(blocks[0].text, title):
        return [CleanBlock(text=blocks[0].text, kind="headline"), *blocks[1:]], title
    if title:
        return [CleanBlock(text=title, kind="headline"), *blocks], title
    first = blocks[0].text if blocks else ""
    # A scraped page's first line is its headline when it is short and not a sentence.
    if first and len(first.split()) <= _HEADLINE_MAX_WORDS and not first.endswith("."):
        return [CleanBlock(text=first, kind="headline"), *blocks[1:]], first
    return blocks, ""


def _published(
    doc: Document, parsed: _Parsed, datelines: list[str], default: dt.date | None
) -> tuple[dt.date | None, str | None]:
    from_text = pick_published(datelines)
    for value, origin in (
        (doc.published, "input"),
        (parsed.published, "html-metadata"),
        (from_text, "text-dateline"),
        (default, "default"),
    ):
        if value is not None:
            return value, origin
    return None, None


def _language(text: str) -> str:
    language, _score = py3langid.classify(text[:_LANGUAGE_SAMPLE])
    return str(language)


def _skip(doc: Document, reason: SkipReason, detail: str) -> Skip:
    log.warning("skipped %s: %s (%s)", doc.source, detail, reason.value)
    return Skip(source=doc.source, reason=reason, detail=detail)


def extract_document(
    doc: Document, settings: Settings, *, default_published: dt.date | None = None
) -> Article | Skip:
    """Clean a document into an Article, or say in a Skip why it has no usable text."""
    parsed = _parse(doc)
    if parsed is None:
        return _skip(doc, SkipReason.NO_TEXT, "no article text found in the HTML")
    kept, removed, datelines = apply_rules(parsed.blocks, load_rules(settings.cleaning_rules))
    kept, title = _with_headline(kept, parsed.title)
    text, blocks = assemble(kept)
    words = len(text.split())
    if words < settings.min_words:
        return _skip(
            doc,
            SkipReason.NO_TEXT,
            f"{words} words after cleaning (min_words is {settings.min_words})",
        )
    language = _language(text)
    if settings.languages and language not in settings.languages:
        wanted = ", ".join(settings.languages)
        return _skip(doc, SkipReason.LANGUAGE, f"language is {language!r}, not one of {wanted}")
    published, published_source = _published(doc, parsed, datelines, default_published)
    return Article(
        id=article_id(text),
        source=doc.source,
        text=text,
        blocks=blocks,
        removed=tuple(_log_removed(doc, removed)),
        title=title or None,
        url=doc.url,
        published=published,
        published_source=published_source,
        language=language,
        author=parsed.author,
        site=parsed.site,
        input_id=doc.id,
    )


def _log_removed(doc: Document, removed: list[Removal]) -> list[Removal]:
    for item in removed:
        log.debug("%s: rule %s removed %r", doc.source, item.rule, item.text[:80])
    return removed
