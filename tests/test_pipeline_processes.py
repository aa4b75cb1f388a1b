"""Parsing in several processes changes how fast, never what is coded."""

from __future__ import annotations

import pytest

from flashpoint.config import Settings, load_settings
from flashpoint.errors import ConfigError
from flashpoint.ingest import iter_articles
from flashpoint.model import Article
from flashpoint.pipeline import PARALLEL_FROM, code_articles, processes
from tests.conftest import ROOT


def test_two_processes_code_exactly_what_one_does() -> None:
    items = iter_articles([str(ROOT / "examples" / "crisis")], Settings())
    articles = [a for a in items if isinstance(a, Article)][: PARALLEL_FROM + 3]
    assert len(articles) > PARALLEL_FROM, "enough articles to start processes"
    one = [(f.article, f.events) for f in code_articles(articles, Settings(processes=1))]
    two = [(f.article, f.events) for f in code_articles(articles, Settings(processes=2))]
    assert [a.id for a, _ in two] == [a.id for a in articles]
    assert two == one


def test_process_count_comes_from_the_setting_or_the_cores() -> None:
    assert processes(Settings(processes=3)) == 3
    assert 1 <= processes(Settings()) <= 4


@pytest.mark.parametrize(
    ("name", "value"), [("processes", -1), ("max_bytes", 0), ("fetch_timeout", 0.0)]
)
def test_numeric_settings_below_their_floor_are_config_errors(name: str, value: float) -> None:
    with pytest.raises(ConfigError, match=name):
        load_settings(overrides=[f"{name}={value}"])
