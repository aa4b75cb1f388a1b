"""Shared fixtures: paths to the repository, the examples and the public gold data."""

from __future__ import annotations

from pathlib import Path

import pytest

from flashpoint.config import Settings

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


@pytest.fixture
def settings() -> Settings:
    return Settings()


@pytest.fixture
def shared() -> Path:
    """../shared beside the repository; tests that need it skip cleanly without it."""
    if not SHARED.is_dir():
        pytest.skip("../shared (seed article and gold sets) is not present")
    return SHARED
