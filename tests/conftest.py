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


@pytest.fixture(scope="session")
def demo_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo corpus (examples/crisis) coded into a DuckDB file once per test run.

    Tests open it read-only; a test that writes must copy it first.
    """
    from flashpoint.ingest import iter_articles
    from flashpoint.model import Article
    from flashpoint.pipeline import ingest_articles
    from flashpoint.store import open_store

    path = tmp_path_factory.mktemp("demo") / "demo.duckdb"
    settings = Settings()
    items = iter_articles([str(ROOT / "examples" / "crisis")], settings)
    articles = (item for item in items if isinstance(item, Article))
    with open_store(path) as store:
        for _report in ingest_articles(articles, store, settings):
            pass
    return path
