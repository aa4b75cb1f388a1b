"""Event dates resolved against the publication date, table-driven."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from flashpoint.dates import resolve_when

TUESDAY = dt.date(2025, 11, 25)


@pytest.mark.parametrize(
    ("text", "value", "precision"),
    [
        ("on Monday", "2025-11-24", "day"),
        ("Monday", "2025-11-24", "day"),
        ("on Tuesday", "2025-11-25", "day"),  # the publication day itself
        ("Sunday", "2025-11-23", "day"),
        ("Nov. 7", "2025-11-07", "day"),
        ("in October", "2025-10", "month"),
        ("late October", "2025-10", "month"),
        ("yesterday", "2025-11-24", "day"),
        ("last week", "2025-11", "month"),
        ("earlier this month", "2025-11", "month"),
        ("Nov. 7, 2024", "2024-11-07", "day"),
        ("2024", "2024", "year"),
        ("Wednesday night", "2025-11-19", "day"),
    ],
)
def test_past_expressions(text: str, value: str, precision: str) -> None:
    when = resolve_when(text, TUESDAY)
    assert (when.value, when.precision) == (value, precision)
    assert when.text == text and when.reason


@pytest.mark.parametrize(
    ("text", "value"),
    [("in April", "2026-04"), ("on Friday", "2025-11-28"), ("next month", "2025-12")],
)
def test_future_events_look_forward(text: str, value: str) -> None:
    assert resolve_when(text, TUESDAY, direction="future").value == value


def test_no_expression_takes_the_publication_date() -> None:
    when = resolve_when(None, TUESDAY)
    assert (when.value, when.precision) == ("2025-11-25", "day")
    assert "publication date" in when.reason


def test_unresolvable_and_undated() -> None:
    assert resolve_when("the past decade", TUESDAY).value is None
    assert resolve_when("on Monday", None).value is None


@given(
    st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2040, 12, 31)),
    st.sampled_from(["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]),
)
def test_a_weekday_is_within_the_week_before_publication(published: dt.date, name: str) -> None:
    when = resolve_when(f"on {name.title()}", published)
    assert when.value is not None
    day = dt.date.fromisoformat(when.value)
    assert 0 <= (published - day).days < 7
    assert day.strftime("%A").lower() == name
