"""The event store: schema and migrations, idempotent batches, cross-article dedup."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import duckdb
import pytest

from flashpoint.errors import ConfigError
from flashpoint.model import Actor, Article, Event, Location, Modality, Span, When
from flashpoint.store import (
    SCHEMA_VERSION,
    Store,
    WriteReport,
    get_article,
    open_store,
    query_events,
    write_batch,
)
from flashpoint.store import writer as writer_module
from flashpoint.store.schema import MIGRATIONS, Migration, migrate, schema_version

NOW = dt.datetime(2025, 12, 1, 12, 0)
Item = tuple[Article, Sequence[Actor], Sequence[Event]]

# --- records built by hand -------------------------------------------------------------


def actor(code: str, start: int = 0) -> Actor:
    return Actor(
        span=Span(start=start, end=start + 3),
        text=code.lower(),
        name=f"name of {code}",
        code=code,
        country=None if code.startswith(("IGO", "---")) else code[:3],
        role=code[3:] or None,
        kb_id=None,
        reason="test",
    )


def when(value: str | None) -> When:
    precision = {10: "day", 7: "month", 4: "year"}.get(len(value)) if value else None
    return When(value=value, precision=precision, text=value, reason="test")  # type: ignore[arg-type]


def event(
    doc_id: str,
    n: int,
    source: str | None = "CHNGOV",
    target: str | None = "JPNGOV",
    cameo: str = "042",
    day: str | None = "2025-11-25",
    modality: Modality = "asserted",
    *,
    mentions: int = 1,
    sentence: str | None = None,
    confidence: float = 0.5,
    where: Location | None = None,
) -> Event:
    return Event(
        id=f"{doc_id}-e{n}",
        doc_id=doc_id,
        coder="test-coder 1",
        rule=f"rule-{cameo}",
        source=actor(source, 20 * n) if source else None,
        target=actor(target, 20 * n + 10) if target else None,
        cameo=cameo,
        modality=modality,
        when=when(day),
        where=where,
        sentence=sentence or f"Sentence {n} of {doc_id}.",
        evidence=(Span(start=0, end=12), Span(start=20, end=30)),
        mentions=mentions,
        confidence=confidence,
    )


def article(doc_id: str, text: str | None = None) -> Article:
    return Article(
        id=doc_id,
        source=f"file:{doc_id}",
        text=text or f"The text of article {doc_id}. It is long enough for the spans.",
        blocks=(),
        title=f"Title {doc_id}",
        url=f"https://news.example/{doc_id}",
        published=dt.date(2025, 11, 26),
        language="en",
        site="news.example",
    )


def item(doc_id: str, *events: Event, text: str | None = None) -> Item:
    actors = [a for e in events for a in (e.source, e.target) if a is not None]
    return article(doc_id, text), actors, events


def write(store: Store, items: Sequence[Item]) -> WriteReport:
    return write_batch(store, items, now=NOW)


def dump(store: Store) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, in a fixed order."""
    return {
        table: store.con.execute(f"SELECT * FROM {table} ORDER BY ALL").fetchall()
        for table in ("articles", "actors", "event_mentions", "events")
    }


def clusters(store: Store) -> set[frozenset[str]]:
    rows = store.con.execute(
        "SELECT list(mention_id ORDER BY mention_id) FROM event_mentions GROUP BY event_id"
    ).fetchall()
    return {frozenset(r[0]) for r in rows}


@pytest.fixture
def store() -> Store:
    return open_store(":memory:")


# --- schema and migrations ---------------------------------------------------------------


def test_a_new_store_is_at_the_current_version(store: Store) -> None:
    assert schema_version(store.con) == SCHEMA_VERSION
    tables = {r[0] for r in store.con.execute("SHOW TABLES").fetchall()}
    assert {"articles", "actors", "event_mentions", "events", "schema_version"} <= tables


def test_a_database_flashpoint_never_touched_is_migrated(tmp_path: Path) -> None:
    path = tmp_path / "old.duckdb"
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE notes (x INTEGER)")
    con.execute("INSERT INTO notes VALUES (1)")
    con.close()
    with open_store(path) as store:
        assert schema_version(store.con) == SCHEMA_VERSION
        assert store.con.execute("SELECT * FROM notes").fetchall() == [(1,)]
    with open_store(path) as store:  # reopening applies nothing twice
        assert store.con.execute("SELECT count(*) FROM schema_version").fetchone() == (1,)


def test_a_version_zero_database_is_migrated() -> None:
    con = duckdb.connect(":memory:")
    con.execute(
        "CREATE TABLE schema_version (version INTEGER, description VARCHAR, applied_at TIMESTAMP)"
    )
    con.execute("INSERT INTO schema_version VALUES (0, 'nothing', now())")
    assert migrate(con) == SCHEMA_VERSION
    assert con.execute("SELECT count(*) FROM events").fetchone() == (0,)


def test_missing_steps_are_applied_in_order() -> None:
    con = duckdb.connect(":memory:")
    migrate(con)
    step = Migration(
        version=SCHEMA_VERSION + 1,
        description="a note on events",
        statements=("ALTER TABLE events ADD COLUMN note VARCHAR",),
    )
    assert migrate(con, (*MIGRATIONS, step)) == SCHEMA_VERSION + 1
    columns = {r[0] for r in con.execute("DESCRIBE events").fetchall()}
    assert "note" in columns
    assert schema_version(con) == SCHEMA_VERSION + 1


def test_a_failing_step_leaves_the_database_as_it_was() -> None:
    con = duckdb.connect(":memory:")
    migrate(con)
    step = Migration(
        version=SCHEMA_VERSION + 1,
        description="broken",
        statements=("CREATE TABLE half_done (x INTEGER)", "ALTER TABLE no_such_table ADD y INT"),
    )
    with pytest.raises(duckdb.Error):
        migrate(con, (*MIGRATIONS, step))
    assert schema_version(con) == SCHEMA_VERSION
    tables = {r[0] for r in con.execute("SHOW TABLES").fetchall()}
    assert "half_done" not in tables


def test_a_newer_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "future.duckdb"
    open_store(path).close()
    con = duckdb.connect(str(path))
    con.execute(
        "INSERT INTO schema_version VALUES (?, 'from the future', now())", [SCHEMA_VERSION + 1]
    )
    con.close()
    with pytest.raises(ConfigError, match="newer flashpoint"):
        open_store(path)


def test_a_read_only_store_must_be_current(tmp_path: Path) -> None:
    path = tmp_path / "empty.duckdb"
    duckdb.connect(str(path)).close()
    with pytest.raises(ConfigError, match="without read-only"):
        open_store(path, read_only=True)
    open_store(path).close()
    with open_store(path, read_only=True) as store:
        assert schema_version(store.con) == SCHEMA_VERSION


def test_migrations_must_be_numbered_in_order() -> None:
    twice = (MIGRATIONS[0], MIGRATIONS[0])
    with pytest.raises(ConfigError, match="numbered"):
        migrate(duckdb.connect(":memory:"), twice)


# --- writing -----------------------------------------------------------------------------


def test_a_batch_is_written_and_reported(store: Store) -> None:
    report = write(
        store,
        [
            item("a", event("a", 1), event("a", 2, cameo="190", day="2025-11-20")),
            item("b", event("b", 1, cameo="043", day="2025-11-26", mentions=3)),
        ],
    )
    assert report == WriteReport(articles_new=2, mentions_new=3, events_new=2, events_merged=1)
    stored = get_article(store, "a")
    assert stored is not None
    assert stored.sha256 and stored.ingested_at == NOW
    assert [a.code for a in stored.actors] == ["CHNGOV", "JPNGOV", "CHNGOV", "JPNGOV"]


def test_writing_the_same_batch_twice_changes_nothing(store: Store) -> None:
    batch = [item("a", event("a", 1)), item("b", event("b", 1, day="2025-11-26"))]
    write(store, batch)
    before = dump(store)
    report = write_batch(store, batch, now=NOW + dt.timedelta(days=1))
    assert report == WriteReport(articles_present=2)
    assert dump(store) == before


def test_an_article_repeated_within_a_batch_is_written_once(store: Store) -> None:
    report = write(store, [item("a", event("a", 1)), item("a", event("a", 1))])
    assert report.articles_new == 1 and report.articles_present == 1
    assert store.con.execute("SELECT count(*) FROM event_mentions").fetchone() == (1,)


def test_a_new_text_replaces_the_article_and_reclusters(store: Store) -> None:
    write(store, [item("a", event("a", 1, day="2025-11-25"))])
    write(store, [item("b", event("b", 1, day="2025-11-26"))])
    write(store, [item("c", event("c", 1, day="2025-11-27"))])
    # a's report anchored the event at the 25th, so c (the 27th) started its own.
    assert clusters(store) == {frozenset({"a-e1", "b-e1"}), frozenset({"c-e1"})}
    report = write(store, [item("a", event("a", 9, cameo="190"), text="A corrected story.")])
    assert report.articles_replaced == 1 and report.mentions_new == 1
    # Without a's report, b (the 26th) anchors the event and c joins it.
    assert clusters(store) == {frozenset({"b-e1", "c-e1"}), frozenset({"a-e9"})}
    assert store.con.execute("SELECT text FROM articles WHERE doc_id = 'a'").fetchone() == (
        "A corrected story.",
    )
    events = query_events(store)
    assert sorted((e.first_mention, e.mentions, e.sources) for e in events) == [
        ("a-e9", 1, 1),
        ("b-e1", 2, 2),
    ]


def test_events_must_belong_to_their_article(store: Store) -> None:
    with pytest.raises(ConfigError, match="belongs to article b"):
        write(store, [(article("a"), [], [event("b", 1)])])


def test_an_unknown_cameo_code_is_refused_before_anything_is_written(store: Store) -> None:
    with pytest.raises(ConfigError, match="unknown CAMEO"):
        write(store, [item("a", event("a", 1, cameo="999"))])
    assert dump(store)["articles"] == []


def test_a_crash_mid_batch_leaves_the_store_as_before(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = [item("a", event("a", 1))]
    second = [item("b", event("b", 1, day="2025-11-26")), item("c", event("c", 1, cameo="190"))]
    write(store, first)
    before = dump(store)

    def crash(*_: object) -> None:
        raise RuntimeError("power cut")

    monkeypatch.setattr(writer_module, "rebuild_events", crash)
    with pytest.raises(RuntimeError, match="power cut"):
        write(store, second)
    assert dump(store) == before
    monkeypatch.undo()
    report = write(store, second)
    assert report.articles_new == 2 and report.mentions_new == 2
    clean = open_store(":memory:")
    write(clean, first)
    write(clean, second)
    assert dump(store) == dump(clean)


def test_a_date_that_does_not_fit_its_precision_is_refused(store: Store) -> None:
    bad = replace(
        event("a", 1), when=When(value="2025-13-01", precision="day", text=None, reason="x")
    )
    with pytest.raises(ConfigError, match="does not fit its precision"):
        write(store, [item("a", bad)])
