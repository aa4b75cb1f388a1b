"""Event-coding accuracy gates on ../shared gold sets (held out), at their recorded floors."""

from __future__ import annotations

from pathlib import Path

import pytest

from flashpoint.config import Settings
from flashpoint.evaluation import events as ev

# Measured on 2026-11-25 (benchmarks/RESULTS.md), rounded down: the gates refuse drops.
PETRARCH_ROOT_F1_FLOOR = 0.246
PLOVER_ACCURACY_FLOOR = 0.580
CONFLI_ACCURACY_FLOOR = 0.640


def test_penta_classes() -> None:
    assert [ev.penta_class(c) for c in ("010", "020", "036", "061", "112", "138", "190")] == [
        "0",
        "0",
        "1",
        "2",
        "3",
        "3",
        "4",
    ]


@pytest.mark.shared
def test_event_accuracy_gates(shared: Path) -> None:
    data, settings = shared / "eval", Settings()
    petrarch = ev.score_triples("petrarch", ev.petrarch_sentences(data), settings)
    plover = ev.score_classes("plover", ev.plover_sentences(data), settings, scheme="plover")
    confli = ev.score_classes("confli", ev.confli_gold(data), settings, scheme="penta")
    assert (petrarch.sentences, plover.sentences, confli.sentences) == (78, 322, 451)
    assert petrarch.root_f1 >= PETRARCH_ROOT_F1_FLOOR
    assert plover.accuracy >= PLOVER_ACCURACY_FLOOR
    assert confli.accuracy >= CONFLI_ACCURACY_FLOOR
