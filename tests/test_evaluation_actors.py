"""Actor evaluation: gold readers on small hand-made files, and accuracy gates on ../shared."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from flashpoint.config import Settings
from flashpoint.evaluation.actors import (
    GoldActor,
    _matches,
    petrarch_gold,
    plover_gold,
    score_actors,
)
from flashpoint.model import Actor, Span

# Measured on 2026-11-24 (benchmarks/RESULTS.md), rounded down: the gates refuse drops.
PLOVER_COUNTRY_FLOOR = 0.867
PLOVER_CODE_FLOOR = 0.643
PETRARCH_COUNTRY_FLOOR = 0.960
PETRARCH_CODE_FLOOR = 0.82


def _write_plover(root: Path) -> None:
    (root / "plover-gsr").mkdir(parents=True)
    records = [
        {"id": "header", "event": "DOCUMENT"},
        {
            "id": "t1",
            "date": "2000-01-01",
            "text": "Japanese  officials protested to Beijing on Monday.",
            "source": [{"actorText": "Japanese officials", "code": "JAP", "sector": "GOV"}],
            "target": [{"actorText": "Beijing", "code": "CHN"}, {"code": "***"}],
        },
    ]
    (root / "plover-gsr" / "PLOVER_GSR_CAMEO.txt").write_text(json.dumps(records))


def _write_petrarch(root: Path) -> None:
    (root / "universalpetrarch-gsr").mkdir(parents=True)
    (root / "universalpetrarch-gsr" / "PETR2_GSR_validation.xml").write_text(
        "<Validation>\n# banner text that is not XML\n<Sentences>\n"
        '<Sentence category="T" date="251124" id="T1" evaluate="true"/>\n'
        '<EventCoding eventcode="036" sourcecode="CHNGOVPTY" targetcode="---REB" />\n'
        "<Text>\nChina's government offered\ntalks to the rebels.\n</Text>\n"
        '<!-- <Sentence id="hidden"/> -->\n'
        "</Sentences>\n</Validation>\n"
    )


def test_plover_reader_fixes_typos_and_skips_unknowns(tmp_path: Path) -> None:
    _write_plover(tmp_path)
    gold = list(plover_gold(tmp_path))
    assert [(g.country, g.code, g.words) for g in gold] == [
        ("JPN", "JPNGOV", "Japanese officials"),
        ("CHN", "CHN", "Beijing"),
    ]
    assert gold[0].text == "Japanese officials protested to Beijing on Monday."


def test_petrarch_reader_handles_its_not_quite_xml(tmp_path: Path) -> None:
    _write_petrarch(tmp_path)
    (gold,) = list(petrarch_gold(tmp_path))
    assert (gold.country, gold.code, gold.day) == ("CHN", "CHNGOV", dt.date(2025, 11, 24))
    assert gold.text == "China's government offered talks to the rebels."


def test_marked_words_in_pieces_match_either_piece() -> None:
    text = "U.S. and allied negotiators met."
    gold = GoldActor(
        text=text, day=dt.date(2000, 1, 1), country="USA", code="USA", words="U.S. ... negotiators"
    )
    near = Actor(
        span=Span(start=0, end=4),
        text="U.S.",
        name="United States",
        code="USA",
        country="USA",
        role=None,
        kb_id=None,
        reason="country",
    )
    far = Actor(
        span=Span(start=28, end=32),
        text="met.",
        name="x",
        code="X",
        country=None,
        role=None,
        kb_id=None,
        reason="x",
    )
    assert _matches(gold, [near, far]) == [near]


def test_scores_on_hand_made_gold(tmp_path: Path) -> None:
    _write_plover(tmp_path)
    report = score_actors("tiny", plover_gold(tmp_path), Settings())
    assert (report.actors, report.country_correct, report.code_correct) == (2, 2, 1)


@pytest.mark.shared
def test_actor_accuracy_gates(shared: Path) -> None:
    data = shared / "eval"
    plover = score_actors("plover", plover_gold(data), Settings())
    petrarch = score_actors("petrarch", petrarch_gold(data), Settings())
    assert plover.actors == 650 and petrarch.actors == 150
    assert plover.country_accuracy >= PLOVER_COUNTRY_FLOOR
    assert plover.code_accuracy >= PLOVER_CODE_FLOOR
    assert petrarch.country_accuracy >= PETRARCH_COUNTRY_FLOOR
    assert petrarch.code_accuracy >= PETRARCH_CODE_FLOOR
