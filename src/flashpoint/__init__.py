"""flashpoint: read the news and turn it into political event data.

The public API is what ``__all__`` lists; everything else may change between releases.

>>> import flashpoint
>>> article = flashpoint.extract(html, url="https://example.org/story")
>>> for item in flashpoint.iter_articles(["news/"], flashpoint.load_settings()): ...
"""

from flashpoint.__about__ import __version__
from flashpoint.config import Settings, load_settings
from flashpoint.errors import ConfigError, FlashpointError
from flashpoint.ingest import extract, iter_articles
from flashpoint.model import Article, Document, Skip, SkipReason, to_dict

__all__ = [
    "Article",
    "ConfigError",
    "Document",
    "FlashpointError",
    "Settings",
    "Skip",
    "SkipReason",
    "__version__",
    "extract",
    "iter_articles",
    "load_settings",
    "to_dict",
]
