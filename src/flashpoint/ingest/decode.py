"""Bytes to text, telling binary and undecodable input apart from text."""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

__all__ = ["decode_bytes", "looks_binary"]

_SNIFF = 8192
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Text may hold tabs, newlines and form feeds; other C0 controls mean a binary file.
_CONTROL = frozenset(range(32)) - {9, 10, 12, 13}
_MAX_CONTROL_SHARE = 0.01
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.I)


def _bom_encoding(data: bytes) -> str | None:
    return next((name for bom, name in _BOMS if data.startswith(bom)), None)


def looks_binary(data: bytes) -> bool:
    """True for images, archives, PDFs and the like (NUL bytes or many control bytes)."""
    head = data[:_SNIFF]
    if not head or _bom_encoding(head) in {"utf-16", "utf-32"}:
        return False
    if b"\x00" in head:
        return True
    controls = sum(1 for byte in head if byte in _CONTROL)
    return controls / len(head) > _MAX_CONTROL_SHARE


def decode_bytes(data: bytes, declared: str | None = None) -> str | None:
    """Decode text: BOM, UTF-8, the declared (or ``<meta>``) charset, Windows-1252, detection.

    Windows-1252 comes before detection because flashpoint codes English, and English
    text that is not UTF-8 is almost always Windows-1252 or Latin-1 (which detection
    tends to mistake for Central European code pages). Returns None when nothing
    decodes it; callers turn that into a skip rather than guess.
    """
    if declared is None:
        # An HTML page names its own charset; a saved GB2312 page is not Windows-1252.
        meta = _META_CHARSET.search(data[:_SNIFF])
        declared = meta.group(1).decode("ascii") if meta else None
    candidates = [_bom_encoding(data), "utf-8", declared, "cp1252"]
    for encoding in candidates:
        if encoding is None:
            continue
        try:
            return data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
    best = from_bytes(data[:1_000_000]).best()
    if best is None or best.encoding is None:
        return None
    try:
        return data.decode(best.encoding)
    except (UnicodeDecodeError, LookupError):
        return None
