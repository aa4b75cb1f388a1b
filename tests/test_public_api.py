"""The public API is small, sorted and importable; the layering holds."""

from __future__ import annotations

import flashpoint


def test_all_is_small_sorted_and_real() -> None:
    assert flashpoint.__all__ == sorted(flashpoint.__all__)
    assert len(flashpoint.__all__) <= 15
    for name in flashpoint.__all__:
        assert getattr(flashpoint, name) is not None


def test_extract_one_string() -> None:
    html = (
        "<html><body><article><h1>Seoul and Tokyo hold talks</h1><p>South Korea and Japan "
        "held security talks in Seoul on Friday and agreed to share more information about "
        "North Korean missile launches, the two defence ministries said.</p>"
        "</article></body></html>"
    )
    article = flashpoint.extract(html)
    assert isinstance(article, flashpoint.Article)
    assert article.title == "Seoul and Tokyo hold talks"
    assert flashpoint.to_dict(article)["blocks"][0]["kind"] == "headline"
    skip = flashpoint.extract("<html><body></body></html>")
    assert isinstance(skip, flashpoint.Skip)
    assert skip.reason is flashpoint.SkipReason.NO_TEXT
