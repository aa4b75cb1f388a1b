from __future__ import annotations

import datetime as dt

import pytest

from flashpoint.ingest.dateline import parse_dateline, pick_published


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Nov. 25, 2025, 6:39 a.m. ET", dt.date(2025, 11, 25)),
        ("November 7, 2025", dt.date(2025, 11, 7)),
        ("Sept. 3, 2024", dt.date(2024, 9, 3)),
        ("Published 25 November 2025", dt.date(2025, 11, 25)),
        ("Updated: 2025-12-01T10:00:00Z", dt.date(2025, 12, 1)),
        ("Feb. 30, 2025", None),  # not a real day
        ("Nov. 25", None),  # no year: too little to anchor relative dates
        ("Mayor 12, 2025", None),
    ],
)
def test_parse_dateline(text: str, expected: dt.date | None) -> None:
    assert parse_dateline(text) == expected


def test_first_published_stamp_wins_over_updates() -> None:
    lines = ["Updated Nov. 26, 2025", "Nov. 25, 2025, 6:39 a.m. ET"]
    assert pick_published(lines) == dt.date(2025, 11, 25)
    assert pick_published(["Updated Nov. 26, 2025"]) == dt.date(2025, 11, 26)
    assert pick_published([]) is None
