"""Cross-article dedup: which reports merge, which never do, and order independence."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from flashpoint.model import Event, Modality
from flashpoint.store import EventFilter, Store, evidence, open_store, query_events
from flashpoint.store.dedup import DAY_WINDOW, cluster_id
from tests.test_store import Item, clusters, dump, event, item, write

ALL = EventFilter(modality=("asserted", "negated", "hypothetical", "future"))


def only_event(store: Store) -> Any:
    (found,) = query_events(store, ALL)
    return found


# --- the rule on hand-made cases ----------------------------------------------------------


def test_reports_a_day_apart_merge_and_are_counted() -> None:
    with open_store(":memory:") as store:
        write(
            store,
            [
                item("a", event("a", 1, cameo="04", day="2025-11-25", mentions=2, confidence=0.4)),
                item("b", event("b", 1, cameo="042", day="2025-11-26", mentions=3, confidence=0.9)),
                item("c", event("c", 1, cameo="043", day="2025-11-24", mentions=1)),
            ],
        )
        found = only_event(store)
        assert (found.mentions, found.sources, found.confidence) == (6, 3, 0.9)
        # The most specific code wins; the first of equally specific ones.
        assert (found.cameo, found.cameo_label, found.goldstein) == ("042", "Make a visit", 1.9)
        assert (found.date, found.first_mention) == (dt.date(2025, 11, 25), "a-e1")
        assert [m.doc_id for m in evidence(store, found.event_id)] == ["a", "b", "c"]


def test_reports_two_days_from_the_anchor_do_not_merge() -> None:
    with open_store(":memory:") as store:
        write(store, [item("a", event("a", 1, day="2025-11-25"))])
        write(store, [item("b", event("b", 1, day="2025-11-27"))])
        assert len(query_events(store)) == 2


def test_different_dyads_roots_and_modalities_never_merge() -> None:
    variants = [
        event("b", 1, source="JPNGOV", target="CHNGOV"),  # the other direction
        event("c", 1, source="CHNMIL"),  # another source actor
        event("d", 1, target=None),  # a one-sided event
        event("e", 1, cameo="190"),  # another family
        event("f", 1, modality="negated"),
        event("g", 1, day="2025-11"),  # a coarser date is not a day
    ]
    with open_store(":memory:") as store:
        write(store, [item("a", event("a", 1)), *(item(e.doc_id, e) for e in variants)])
        assert len(query_events(store, ALL)) == 7


def test_coarse_dates_merge_only_when_identical() -> None:
    with open_store(":memory:") as store:
        write(
            store,
            [
                item("a", event("a", 1, day="2025-11")),
                item("b", event("b", 1, day="2025-11")),
                item("c", event("c", 1, day="2025-12")),
                item("d", event("d", 1, day="2025")),
                item("e", event("e", 1, day="2025")),
            ],
        )
        assert clusters(store) == {
            frozenset({"a-e1", "b-e1"}),
            frozenset({"c-e1"}),
            frozenset({"d-e1", "e-e1"}),
        }
        dates = sorted((e.date, e.date_precision) for e in query_events(store))
        assert dates == [
            (dt.date(2025, 1, 1), "year"),
            (dt.date(2025, 11, 1), "month"),
            (dt.date(2025, 12, 1), "month"),
        ]


def test_undated_reports_never_merge() -> None:
    with open_store(":memory:") as store:
        write(store, [item("a", event("a", 1, day=None)), item("b", event("b", 1, day=None))])
        assert len(query_events(store)) == 2


def test_a_mention_joins_the_nearest_event() -> None:
    # Events anchored on the 24th and 26th; a report of the 25th could join either and
    # joins the earlier-started one; a report of the 27th can only join the 26th's.
    with open_store(":memory:") as store:
        write(store, [item("a", event("a", 1, day="2025-11-24"))])
        write(store, [item("b", event("b", 1, day="2025-11-26"))])
        write(store, [item("c", event("c", 1, day="2025-11-25"))])
        write(store, [item("d", event("d", 1, day="2025-11-27"))])
        assert clusters(store) == {frozenset({"a-e1", "c-e1"}), frozenset({"b-e1", "d-e1"})}


def test_the_window_is_one_day() -> None:
    assert DAY_WINDOW == 1


def test_event_ids_are_deterministic() -> None:
    with open_store(":memory:") as store:
        write(store, [item("a", event("a", 1))])
        found = only_event(store)
    assert found.event_id == cluster_id(("CHNGOV", "JPNGOV", "04", "asserted"), "a-e1")
    assert len(found.event_id) == 16


# --- properties ---------------------------------------------------------------------------

SOURCES = (None, "CHNGOV", "JPNGOV")
FAMILY_CAMEOS = ("04", "042", "043", "190", "19")
DAYS = ("2025-11-20", "2025-11-21", "2025-11-22", "2025-11-23", "2025-11", "2025", None)
MODES: tuple[Modality, ...] = ("asserted", "negated")


@st.composite
def stories(draw: st.DrawFn) -> list[Item]:
    """Several articles reporting a few events of a small family space, so many merge."""
    count = draw(st.integers(1, 8))
    items = []
    for i in range(count):
        doc = f"doc{i}"
        events = [
            event(
                doc,
                n,
                source=draw(st.sampled_from(SOURCES)),
                target="USAGOV",
                cameo=draw(st.sampled_from(FAMILY_CAMEOS)),
                day=draw(st.sampled_from(DAYS)),
                modality=draw(st.sampled_from(MODES)),
                mentions=draw(st.integers(1, 4)),
                confidence=draw(st.sampled_from((0.2, 0.5, 0.8))),
            )
            for n in range(draw(st.integers(1, 4)))
        ]
        items.append(item(doc, *events))
    return items


def reference(events: Sequence[Event]) -> set[frozenset[str]]:
    """The dedup rule written out naively: scan every event so far for each report."""
    found: list[tuple[tuple[str, ...], Event, list[str]]] = []
    for e in events:
        family = (
            e.source.code if e.source else "",
            e.target.code if e.target else "",
            e.cameo[:2],
            e.modality,
        )
        fits = []
        for i, (fam, anchor, members) in enumerate(found):
            if fam != family or e.when.value is None or anchor.when.value is None:
                continue
            if e.when.precision == "day" and anchor.when.precision == "day":
                day = dt.date.fromisoformat(e.when.value)
                gap = abs((day - dt.date.fromisoformat(anchor.when.value)).days)
                if gap <= 1:  # the documented window: one day either side
                    fits.append((gap, i, members))
            elif e.when.precision != "day" and e.when.value == anchor.when.value:
                fits.append((0, i, members))
        if fits:
            min(fits, key=lambda f: f[:2])[2].append(e.id)
        else:
            found.append((family, e, [e.id]))
    return {frozenset(members) for _, _, members in found}


def _events(items: Sequence[Item]) -> list[Event]:
    return [e for _, _, events in items for e in events]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(stories())
def test_clusters_follow_the_rule(items: list[Item]) -> None:
    with open_store(":memory:") as store:
        write(store, items)
        assert clusters(store) == reference(_events(items))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(stories(), st.integers(1, 4))
def test_batch_boundaries_do_not_matter(items: list[Item], size: int) -> None:
    with open_store(":memory:") as whole, open_store(":memory:") as pieces:
        write(whole, items)
        for start in range(0, len(items), size):
            write(pieces, items[start : start + size])
        assert dump(pieces) == dump(whole)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(stories())
def test_an_event_only_holds_one_family_in_its_window(items: list[Item]) -> None:
    with open_store(":memory:") as store:
        write(store, items)
        for found in query_events(store, ALL):
            members = evidence(store, found.event_id)
            families = {(m.source_code, m.target_code, m.cameo_root, m.modality) for m in members}
            assert families == {
                (found.source_code, found.target_code, found.cameo_root, found.modality)
            }
            for m in members:
                if found.date_precision == "day":
                    assert m.date_precision == "day" and m.date and found.date
                    assert abs((m.date - found.date).days) <= 1
                else:
                    assert m.date_value == found.date_value
            assert found.mentions == sum(m.mentions_in_article for m in members)
            assert found.sources == len({m.doc_id for m in members})
            assert found.confidence == max(m.confidence for m in members)
            assert len(found.cameo) == max(len(m.cameo) for m in members)
