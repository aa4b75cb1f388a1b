"""flashpoint: read the news and turn it into political event data."""

from flashpoint.__about__ import __version__

__all__ = ["__version__"]
