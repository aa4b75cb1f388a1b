"""One exception tree for bugs and bad configuration.

Bad *input* (an empty file, a dead URL, a non-English page) is not an exception:
it becomes a :class:`flashpoint.model.Skip` with a reason, so a batch never dies
on one bad document. What is raised from here means the run itself cannot go on.
"""

from __future__ import annotations

__all__ = [
    "ConfigError",
    "FlashpointError",
    "ModelNotAvailableError",
    "RuleError",
]


class FlashpointError(Exception):
    """Base class of every exception flashpoint raises on purpose."""


class ConfigError(FlashpointError):
    """A setting, config file or command-line override is invalid."""


class RuleError(ConfigError):
    """A cleaning-rule (or other data) file is malformed."""


class ModelNotAvailableError(ConfigError):
    """The configured spaCy pipeline is not installed (flashpoint never downloads one)."""
