from __future__ import annotations

import pytest

from flashpoint.geo import locate


@pytest.mark.parametrize(
    ("text", "country", "precision"),
    [
        ("Busan", "KOR", "city"),
        ("Tokyo", "JPN", "city"),
        ("Osaka", "JPN", "city"),
        ("Mexico", "MEX", "country"),
        ("the Philippines", "PHL", "country"),
        ("Texas", "USA", "admin"),
        ("Pusan", "KOR", "city"),
    ],
)
def test_places(text: str, country: str, precision: str) -> None:
    place = locate(text)
    assert place is not None
    assert (place.country, place.precision) == (country, precision)
    if precision == "city":
        assert place.lat is not None and place.lon is not None


def test_unknown_place() -> None:
    assert locate("Narnia") is None
    assert locate("") is None
