"""Exports: every format writes a file a standard reader accepts, in the promised shape."""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from flashpoint.analytics import GDELT_COLUMNS, export_events
from flashpoint.errors import ConfigError
from flashpoint.model import Location
from flashpoint.store import EventFilter, Store, open_store
from tests.test_store import event, item, write

# The GDELT 2.0 event table, as its codebook lists it.
GDELT_2 = [
    "GLOBALEVENTID",
    "SQLDATE",
    "MonthYear",
    "Year",
    "FractionDate",
    "Actor1Code",
    "Actor1Name",
    "Actor1CountryCode",
    "Actor1KnownGroupCode",
    "Actor1EthnicCode",
    "Actor1Religion1Code",
    "Actor1Religion2Code",
    "Actor1Type1Code",
    "Actor1Type2Code",
    "Actor1Type3Code",
    "Actor2Code",
    "Actor2Name",
    "Actor2CountryCode",
    "Actor2KnownGroupCode",
    "Actor2EthnicCode",
    "Actor2Religion1Code",
    "Actor2Religion2Code",
    "Actor2Type1Code",
    "Actor2Type2Code",
    "Actor2Type3Code",
    "IsRootEvent",
    "EventCode",
    "EventBaseCode",
    "EventRootCode",
    "QuadClass",
    "GoldsteinScale",
    "NumMentions",
    "NumSources",
    "NumArticles",
    "AvgTone",
    "Actor1Geo_Type",
    "Actor1Geo_FullName",
    "Actor1Geo_CountryCode",
    "Actor1Geo_ADM1Code",
    "Actor1Geo_ADM2Code",
    "Actor1Geo_Lat",
    "Actor1Geo_Long",
    "Actor1Geo_FeatureID",
    "Actor2Geo_Type",
    "Actor2Geo_FullName",
    "Actor2Geo_CountryCode",
    "Actor2Geo_ADM1Code",
    "Actor2Geo_ADM2Code",
    "Actor2Geo_Lat",
    "Actor2Geo_Long",
    "Actor2Geo_FeatureID",
    "ActionGeo_Type",
    "ActionGeo_FullName",
    "ActionGeo_CountryCode",
    "ActionGeo_ADM1Code",
    "ActionGeo_ADM2Code",
    "ActionGeo_Lat",
    "ActionGeo_Long",
    "ActionGeo_FeatureID",
    "DATEADDED",
    "SOURCEURL",
]

TOKYO = Location(
    name="Tokyo", country="JPN", lat=35.68, lon=139.69, precision="city", reason="test"
)


@pytest.fixture
def store() -> Store:
    opened = open_store(":memory:")
    write(
        opened,
        [
            item(
                "a",
                event("a", 1, "CHNGOV", "JPNGOV", "190", "2025-11-25", where=TOKYO, mentions=2),
                event("a", 2, "JPNGOV", None, "010", "2025-11-25"),
                event("a", 3, "USA", "CHNGOV", "057", "2025-11", sentence="A\ttabbed\nline."),
            ),
            item("b", event("b", 1, "CHNGOV", "JPNGOV", "19", "2025-11-26")),
        ],
    )
    return opened


def test_gdelt_has_the_61_columns_in_order(store: Store, tmp_path: Path) -> None:
    assert len(GDELT_2) == 61 and tuple(GDELT_2) == GDELT_COLUMNS
    path = export_events(store, EventFilter(cameo="19"), tmp_path / "events.tsv", "gdelt")
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0].split("\t") == GDELT_2
    (row,) = [dict(zip(GDELT_2, line.split("\t"), strict=True)) for line in lines[1:]]
    assert (row["SQLDATE"], row["MonthYear"], row["Year"]) == ("20251125", "202511", "2025")
    assert (row["Actor1Code"], row["Actor1CountryCode"], row["Actor1Type1Code"]) == (
        "CHNGOV",
        "CHN",
        "GOV",
    )
    assert (row["EventCode"], row["EventBaseCode"], row["EventRootCode"]) == ("190", "190", "19")
    assert (row["QuadClass"], row["GoldsteinScale"]) == ("4", "-10.0")
    assert (row["NumMentions"], row["NumSources"], row["NumArticles"]) == ("3", "1", "2")
    assert row["AvgTone"] == "" and row["IsRootEvent"] == "" and row["Actor1Geo_Lat"] == ""
    assert (row["ActionGeo_Type"], row["ActionGeo_FullName"], row["ActionGeo_Lat"]) == (
        "4",
        "Tokyo",
        "35.68",
    )
    assert row["DATEADDED"] == "20251201120000"
    assert row["SOURCEURL"] == "https://news.example/a"
    assert int(row["GLOBALEVENTID"]) > 0


def test_gdelt_types_of_an_actor_without_country(tmp_path: Path) -> None:
    store = open_store(":memory:")
    write(store, [item("c", event("c", 1, "---REB", "JPNMIL", "183", "2025-11-27"))])
    path = export_events(store, None, tmp_path / "events.tsv", "gdelt")
    (line,) = path.read_text(encoding="utf-8").splitlines()[1:]
    row = dict(zip(GDELT_2, line.split("\t"), strict=True))
    assert (row["Actor1Code"], row["Actor1CountryCode"], row["Actor1Type1Code"]) == (
        "---REB",
        "",
        "REB",
    )


def test_gdelt_rows_stay_one_line(store: Store, tmp_path: Path) -> None:
    path = export_events(store, None, tmp_path / "all.tsv", "gdelt")
    lines = path.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 4 and all(len(line.split("\t")) == 61 for line in lines)


def test_plover_lines(store: Store, tmp_path: Path) -> None:
    path = export_events(store, None, tmp_path / "events.jsonl", "plover")
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    # The 010 statement has no PLOVER type and is left out.
    assert sorted(r["event_type"] for r in records) == ["ASSAULT", "SUPPORT"]
    fight = next(r for r in records if r["event_type"] == "ASSAULT")
    assert fight["event"] == ["ASSAULT"] and fight["date"] == "2025-11-25"
    assert fight["source"] == [
        {
            "code": "CHN",
            "sector": "GOV",
            "actor_text": "chngov",
            "identifier_text": "name of CHNGOV",
            "country": "CHN",
        }
    ]
    assert fight["recipient"][0]["code"] == "JPN" and fight["quad_code"] == 4
    assert fight["event_loc"]["name"] == "Tokyo" and fight["event_loc"]["cc3"] == "JPN"
    assert fight["flashpoint"]["cameo"] == "190" and fight["flashpoint"]["sources"] == 2
    assert fight["cite_info"]["url"] == "https://news.example/a"
    deal = next(r for r in records if r["event_type"] == "SUPPORT")
    assert deal["source"][0]["sector"] is None and deal["event_text"] == ["A\ttabbed\nline."]
    assert deal["flashpoint"]["date_precision"] == "month"


def test_csv_jsonl_and_parquet(store: Store, tmp_path: Path) -> None:
    rows = list(csv.DictReader(export_events(store, None, tmp_path / "e.csv").open()))
    assert len(rows) == 3 and {"event_id", "cameo", "url", "sentence"} <= set(rows[0])
    jsonl = export_events(store, None, tmp_path / "e.jsonl", "jsonl").read_text().splitlines()
    assert {json.loads(line)["cameo"] for line in jsonl} == {"190", "010", "057"}
    table = pq.read_table(export_events(store, None, tmp_path / "e.parquet", "parquet"))
    assert table.num_rows == 3 and table.column("date").to_pylist()[0] == dt.date(2025, 11, 1)


def test_exports_follow_the_filter(store: Store, tmp_path: Path) -> None:
    path = export_events(store, EventFilter(actor="USA"), tmp_path / "usa.csv", "csv")
    assert [r["cameo"] for r in csv.DictReader(path.open())] == ["057"]
    with pytest.raises(ConfigError, match="unknown export format"):
        export_events(store, None, tmp_path / "x", "xml")
