"""The ``flashpoint`` command line."""

from flashpoint.cli.main import main

__all__ = ["main"]
