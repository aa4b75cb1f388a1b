"""The public API is small, sorted and importable; the layering holds."""

from __future__ import annotations

import datetime as dt

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


def test_code_and_store_through_the_public_api() -> None:
    text = "Japan summoned the Chinese ambassador on Monday over the remarks of his consul."
    settings = flashpoint.load_settings(overrides=["min_words=1"])
    day = dt.date(2025, 11, 17)
    article = flashpoint.extract(text, format="text", published=day, settings=settings)
    assert isinstance(article, flashpoint.Article)
    (found,) = flashpoint.code_articles([article], settings)
    assert any(isinstance(e, flashpoint.Event) and e.cameo == "114" for e in found.events)
    with flashpoint.open_store(":memory:") as store:
        assert store.con.execute("SELECT count(*) FROM events").fetchall() == [(0,)]
