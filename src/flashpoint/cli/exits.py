"""Exit codes of the ``flashpoint`` command, documented in the README."""

from __future__ import annotations

from enum import IntEnum

__all__ = ["Exit"]


class Exit(IntEnum):
    OK = 0  # every input was used
    PARTIAL = 1  # finished, but some inputs were skipped (each one reported on stderr)
    USAGE = 2  # bad command line (unknown option, missing argument)
    CONFIG = 3  # bad setting or config file, missing spaCy model, bad rule file
    NO_INPUT = 4  # nothing usable: every input was skipped
    INTERRUPTED = 130  # Ctrl-C
