"""Split plain text into blocks, and join clean blocks back into article text.

Scraped text puts one page element per line (headline, caption, byline, paragraph),
while hand-written or e-mailed text wraps paragraphs at a fixed width. Each line is a
block unless it is visibly a wrapped continuation of the line before it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Sequence

from flashpoint.ingest.rules import CleanBlock
from flashpoint.model import Block, Span

__all__ = ["BLOCK_SEPARATOR", "assemble", "normalise_text", "split_blocks", "strip_markdown"]

BLOCK_SEPARATOR = "\n\n"
_SENTENCE_END = re.compile(r"[.!?:;\"”’)\]]$")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+")
_MD_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_MD_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+", re.MULTILINE)
_MD_EMPHASIS = re.compile(r"(\*\*|__|\*|_)(?=\S)(.+?)(?<=\S)\1")
_WRAP_MIN = 50  # a line this long that stops mid-sentence was wrapped, not ended


def normalise_text(text: str) -> str:
    """NFC, unified line endings and spaces; the text every offset is counted in."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u00ad", "").replace("\ufeff", "")
    return "\n".join(_SPACES.sub(" ", line).strip() for line in text.split("\n"))


def strip_markdown(text: str) -> str:
    """Reduce Markdown to its words: images go, links keep their text, marks go."""
    text = _MD_IMAGE.sub("", text)
    text = _MD_LINK.sub(r"\1", text)
    text = _MD_HEADING.sub("", text)
    return _MD_EMPHASIS.sub(r"\2", text)


def _is_wrapped(previous: str, line: str) -> bool:
    return (
        len(previous) >= _WRAP_MIN
        and not _SENTENCE_END.search(previous)
        and (line[:1].islower() or line[:1].isdigit() or len(line) >= _WRAP_MIN)
    )


def _paragraph_lines(paragraph: str) -> Iterator[str]:
    current = ""
    for line in paragraph.split("\n"):
        if not line:
            continue
        if current and _is_wrapped(current, line):
            current = f"{current} {line}"
            continue
        if current:
            yield current
        current = line
    if current:
        yield current


def split_blocks(text: str) -> list[CleanBlock]:
    """Blocks of normalised plain text, all starting as paragraphs."""
    return [
        CleanBlock(text=line, kind="paragraph")
        for paragraph in normalise_text(text).split("\n\n")
        for line in _paragraph_lines(paragraph)
    ]


def assemble(blocks: Sequence[CleanBlock]) -> tuple[str, tuple[Block, ...]]:
    """Join blocks into the article text, recording where each one sits in it."""
    parts: list[str] = []
    spans: list[Block] = []
    offset = 0
    for block in blocks:
        if parts:
            offset += len(BLOCK_SEPARATOR)
        parts.append(block.text)
        spans.append(Block(kind=block.kind, span=Span(start=offset, end=offset + len(block.text))))
        offset += len(block.text)
    return BLOCK_SEPARATOR.join(parts), tuple(spans)
