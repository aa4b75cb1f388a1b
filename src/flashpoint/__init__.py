"""flashpoint: read the news and turn it into political event data.

The public API is what ``__all__`` lists; everything else may change between releases.

>>> import flashpoint
>>> article = flashpoint.extract(html, url="https://example.org/story")
>>> for item in flashpoint.iter_articles(["news/"], flashpoint.load_settings()): ...
>>> for found in flashpoint.code_articles(articles, settings): found.events
"""

import importlib
from typing import TYPE_CHECKING, Any

from flashpoint.__about__ import __version__
from flashpoint.config import Settings, load_settings
from flashpoint.errors import ConfigError, FlashpointError
from flashpoint.ingest import extract, iter_articles
from flashpoint.model import Article, Document, Event, Skip, SkipReason, to_dict

if TYPE_CHECKING:
    from flashpoint.pipeline import code_articles
    from flashpoint.store import open_store

__all__ = [
    "Article",
    "ConfigError",
    "Document",
    "Event",
    "FlashpointError",
    "Settings",
    "Skip",
    "SkipReason",
    "__version__",
    "code_articles",
    "extract",
    "iter_articles",
    "load_settings",
    "open_store",
    "to_dict",
]

# Coding loads spaCy and the store loads DuckDB: only pay for them when they are used.
_LAZY = {"code_articles": "flashpoint.pipeline", "open_store": "flashpoint.store"}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'flashpoint' has no attribute {name!r}")
