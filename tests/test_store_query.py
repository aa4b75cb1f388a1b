"""Reading the store: filters, orders, evidence, article pages, and Parquet in and out."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from flashpoint.errors import ConfigError
from flashpoint.store import (
    EventFilter,
    Store,
    count_events,
    evidence,
    get_article,
    load_parquet,
    open_store,
    query_events,
    write_parquet,
)
from tests.test_store import clusters, dump, event, item, write

ITEMS = [
    item(
        "a",
        event("a", 1, "CHNGOV", "JPNGOV", "042", "2025-11-01", mentions=2),
        event("a", 2, "JPNGOV", "CHNGOV", "112", "2025-11-03", sentence="Tokyo ACCUSED Beijing."),
    ),
    item(
        "b",
        event("b", 1, "USAGOV", "CHNGOV", "190", "2025-11-10", mentions=5),
        event("b", 2, "CHNMIL", "JPNGOV", "190", "2025-11-12", modality="negated"),
    ),
    item("c", event("c", 1, "USAGOV", "JPNGOV", "057", "2025-11-20", confidence=0.9)),
    item("d", event("d", 1, "CHNGOV", "JPNGOV", "042", "2025-11-02", mentions=1)),
]


@pytest.fixture
def store() -> Store:
    opened = open_store(":memory:")
    write(opened, ITEMS)
    return opened


def codes(store: Store, f: EventFilter) -> list[tuple[str | None, str | None, str]]:
    return [(e.source_code, e.target_code, e.cameo) for e in query_events(store, f)]


def test_default_is_every_asserted_event_by_date(store: Store) -> None:
    assert codes(store, EventFilter()) == [
        ("CHNGOV", "JPNGOV", "042"),
        ("JPNGOV", "CHNGOV", "112"),
        ("USAGOV", "CHNGOV", "190"),
        ("USAGOV", "JPNGOV", "057"),
    ]
    assert count_events(store) == 4
    merged = query_events(store, EventFilter(cameo="042"))[0]
    assert (merged.mentions, merged.sources) == (3, 2)


def test_actor_and_dyad_filters(store: Store) -> None:
    assert len(query_events(store, EventFilter(actor="USA"))) == 2
    assert len(query_events(store, EventFilter(actor="CHNGOV"))) == 3
    assert codes(store, EventFilter(dyad=("JPN", "CHN"))) == [
        ("CHNGOV", "JPNGOV", "042"),
        ("JPNGOV", "CHNGOV", "112"),
    ]
    assert codes(store, EventFilter(dyad=("JPN", "CHN"), directed=True)) == [
        ("JPNGOV", "CHNGOV", "112")
    ]


def test_code_filters(store: Store) -> None:
    assert codes(store, EventFilter(cameo="19")) == [("USAGOV", "CHNGOV", "190")]
    assert codes(store, EventFilter(root="11")) == [("JPNGOV", "CHNGOV", "112")]
    assert codes(store, EventFilter(plover="ASSAULT")) == [("USAGOV", "CHNGOV", "190")]
    assert [e.cameo for e in query_events(store, EventFilter(quad_class=1))] == ["042", "057"]


def test_dates_modality_and_text(store: Store) -> None:
    window = EventFilter(date_from=dt.date(2025, 11, 3), date_to=dt.date(2025, 11, 10))
    assert [e.cameo for e in query_events(store, window)] == ["112", "190"]
    assert codes(store, EventFilter(modality=("negated",))) == [("CHNMIL", "JPNGOV", "190")]
    assert count_events(store, EventFilter(modality=("asserted", "negated"))) == 5
    assert codes(store, EventFilter(text="tokyo accused")) == [("JPNGOV", "CHNGOV", "112")]
    assert codes(store, EventFilter(text="100%_")) == []


def test_orders_and_paging(store: Store) -> None:
    assert [e.cameo for e in query_events(store, EventFilter(order="-mentions"))][:2] == [
        "190",
        "042",
    ]
    assert [e.goldstein for e in query_events(store, EventFilter(order="goldstein"))] == [
        -10.0,
        -2.0,
        1.9,
        8.0,
    ]
    assert [
        e.cameo for e in query_events(store, EventFilter(order="-date", limit=2, offset=1))
    ] == [
        "190",
        "112",
    ]
    assert count_events(store, EventFilter(limit=1)) == 4


@pytest.mark.parametrize(
    "bad",
    [
        {"order": "date; DROP TABLE events"},
        {"modality": ("asserted", "rumoured")},
        {"modality": "asserted"},
        {"quad_class": 5},
        {"root": "4"},
        {"cameo": "04%"},
        {"dyad": ("CHN", "")},
        {"limit": -1},
        {"date_from": dt.date(2025, 2, 1), "date_to": dt.date(2025, 1, 1)},
    ],
)
def test_bad_filters_are_config_errors(bad: dict[str, object]) -> None:
    with pytest.raises(ConfigError):
        EventFilter(**bad)  # type: ignore[arg-type]


def test_evidence_and_article_page(store: Store) -> None:
    (merged,) = query_events(store, EventFilter(cameo="042"))
    mentions = evidence(store, merged.event_id)
    assert [(m.doc_id, m.title, m.url) for m in mentions] == [
        ("a", "Title a", "https://news.example/a"),
        ("d", "Title d", "https://news.example/d"),
    ]
    assert (mentions[0].start, mentions[0].end) == (0, 12)
    page = get_article(store, "b")
    assert page is not None
    assert [m.mention_id for m in page.mentions] == ["b-e1", "b-e2"]
    assert {a.code for a in page.actors} == {"USAGOV", "CHNGOV", "CHNMIL", "JPNGOV"}
    assert get_article(store, "nope") is None
    assert evidence(store, "nope") == []


def test_parquet_round_trip_gives_the_same_store(store: Store, tmp_path: Path) -> None:
    written = write_parquet(store, tmp_path / "out")
    assert sorted(p.name for p in written) == [
        "actors.parquet",
        "articles.parquet",
        "event_mentions.parquet",
        "events.parquet",
    ]
    with open_store(":memory:") as loaded:
        report = load_parquet(loaded, tmp_path / "out", batch_size=1)
        assert report.articles_new == 4 and report.mentions_new == 6
        assert dump(loaded) == dump(store)
        again = load_parquet(loaded, tmp_path / "out")
        assert again.articles_present == 4 and again.mentions_new == 0


def test_records_written_as_parquet_load_like_a_direct_write(tmp_path: Path) -> None:
    write_parquet(ITEMS, tmp_path / "records")
    with open_store(":memory:") as direct, open_store(":memory:") as loaded:
        write(direct, ITEMS)
        load_parquet(loaded, tmp_path / "records", now=dt.datetime(2025, 12, 1, 12, 0))
        assert dump(loaded) == dump(direct)


def test_partitioned_parquet_from_a_glob(tmp_path: Path) -> None:
    write_parquet(ITEMS[:2], tmp_path / "run-1")
    write_parquet(ITEMS[2:], tmp_path / "run-2")
    # A batch engine partitioning mentions by date: move them under event_mentions/.
    for run in ("run-1", "run-2"):
        table = pq.read_table(tmp_path / run / "event_mentions.parquet")
        (tmp_path / run / "event_mentions.parquet").unlink()
        folder = tmp_path / run / "event_mentions" / "date=2025-11"
        folder.mkdir(parents=True)
        pq.write_table(table.drop_columns(["date", "cameo_root"]), folder / "part-0.parquet")
    with open_store(":memory:") as loaded:
        report = load_parquet(loaded, tmp_path / "run-*")
        assert report.articles_new == 4 and report.mentions_new == 6
        assert {frozenset({"a-e1", "d-e1"})} <= clusters(loaded)


def test_bad_parquet_is_refused(tmp_path: Path) -> None:
    write_parquet([item("a", event("a", 1))], tmp_path / "bad")
    table = pq.read_table(tmp_path / "bad" / "event_mentions.parquet")
    pq.write_table(
        table.set_column(table.schema.get_field_index("cameo"), "cameo", [["999"]]),
        tmp_path / "bad" / "event_mentions.parquet",
    )
    with open_store(":memory:") as store, pytest.raises(ConfigError, match="unknown CAMEO"):
        load_parquet(store, tmp_path / "bad")
    with open_store(":memory:") as store, pytest.raises(ConfigError, match="no Parquet"):
        load_parquet(store, tmp_path / "missing")
