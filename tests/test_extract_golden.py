"""Golden files: each example keeps its story, loses its furniture, and says why."""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from typing import Any

import pytest

from flashpoint.config import Settings
from flashpoint.ingest import iter_articles, load_rules
from flashpoint.model import Article

from .conftest import ROOT

CASES: list[dict[str, Any]] = tomllib.loads((ROOT / "tests/golden/extraction.toml").read_text())[
    "case"
]


def _article(path: str) -> Article:
    (item,) = list(iter_articles([str(ROOT / path)], Settings()))
    assert isinstance(item, Article), item
    return item


@pytest.mark.parametrize("case", CASES, ids=[c["input"] for c in CASES])
def test_golden(case: dict[str, Any]) -> None:
    article = _article(case["input"])
    assert article.title == case["title"]
    assert article.published == dt.date.fromisoformat(case["published"])
    assert article.published_source == case["published_source"]
    for snippet in case["must"]:
        assert snippet in article.text, f"lost: {snippet!r}"
    for snippet in case["must_not"]:
        assert snippet not in article.text, f"kept: {snippet!r}"
    captions = [b.span.text_of(article.text) for b in article.blocks if b.kind == "caption"]
    assert captions == case["captions"]
    if "removed_rules" in case:
        assert [r.rule for r in article.removed] == case["removed_rules"]


def test_seed_article(shared: Any) -> None:
    """The paywalled seed scrape: overlays, credits, byline and spam go; captions stay."""
    (article,) = list(iter_articles([str(shared / "samples/china-japan-showdown.txt")], Settings()))
    assert isinstance(article, Article)
    assert article.published == dt.date(2025, 11, 25)
    assert article.published_source == "text-dateline"
    assert article.blocks[0].kind == "headline"
    overlays = (
        r"preview view|verify access|Already a subscriber|Subscribe\.|Read Entire|Credit\.\.\."
    )
    assert not re.search(overlays, article.text)
    assert not re.search(r"\|\s*\|", article.text)
    assert not re.search(r"^\d+ hours ago", article.text, re.MULTILINE)
    captions = [b.span.text_of(article.text) for b in article.blocks if b.kind == "caption"]
    assert len(captions) == 2
    assert all("Monday" in c or "Tuesday" in c for c in captions)  # captions carry dated news
    rules = {r.rule for r in article.removed}
    assert {"paywall-overlay", "photo-credit", "byline", "dateline", "spam-footer"} <= rules


def test_cleaning_is_idempotent_on_examples() -> None:
    """No kept block of a cleaned example would still be touched by a rule."""
    rules = load_rules()
    for case in CASES:
        article = _article(case["input"])
        for block in article.blocks:
            text = block.span.text_of(article.text)
            assert not [r.name for r in rules if r.match(text)], text
