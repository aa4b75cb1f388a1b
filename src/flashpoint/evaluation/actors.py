"""Actor resolution scored on public gold: PLOVER GSR (ISO3 + sector) and PETRARCH-2 GSR.

For every actor the gold names, the question is whether flashpoint resolves it:
*country accuracy* counts a gold actor as right when an actor flashpoint found at the
same place (PLOVER, which marks the actor's words) or in the same sentence (PETRARCH,
which gives only codes) has the gold country; *code accuracy* asks for the whole code
(country and sector). International organisations count by their ``IGO`` prefix, as
both gold sets code them. Neither set was used to write the knowledge base.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from flashpoint.actors import resolver_for
from flashpoint.config import Settings
from flashpoint.errors import ConfigError
from flashpoint.evaluation.petrarch_file import petrarch_records
from flashpoint.model import Actor
from flashpoint.nlp import load_pipeline

__all__ = [
    "ActorReport",
    "GoldActor",
    "petrarch_gold",
    "plover_gold",
    "score_actors",
    "to_markdown",
]

_GAP = re.compile(r"\s*\.{2,}\s*")
# Country codes in the PLOVER gold that are typos for ISO codes (its SOURCE.md notes JAP).
_GOLD_TYPOS = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM"}


@dataclass(frozen=True, slots=True, kw_only=True)
class GoldActor:
    text: str  # the sentence
    day: dt.date
    country: str  # ISO3 / CAMEO country, or "IGO"
    code: str  # country + sector, as the gold writes it
    words: str | None  # the actor's words in the sentence, when the gold marks them


@dataclass(frozen=True, slots=True, kw_only=True)
class ActorReport:
    dataset: str
    actors: int
    country_correct: int
    code_correct: int

    @property
    def country_accuracy(self) -> float:
        return self.country_correct / self.actors if self.actors else 0.0

    @property
    def code_accuracy(self) -> float:
        return self.code_correct / self.actors if self.actors else 0.0


def _need(path: Path) -> Path:
    if not path.exists():
        raise ConfigError(f"gold data not found: {path}")
    return path


def plover_gold(root: Path) -> Iterator[GoldActor]:
    """Gold actors of ``plover-gsr/PLOVER_GSR_CAMEO.txt`` (the header record is skipped)."""
    records = json.loads(_need(root / "plover-gsr" / "PLOVER_GSR_CAMEO.txt").read_text("utf-8"))
    for record in records:
        if "text" not in record:
            continue
        for side in ("source", "target"):
            for actor in record.get(side) or []:
                if isinstance(actor, dict) and actor.get("code") and actor.get("code") != "***":
                    yield _plover_actor(record, actor)


def _plover_actor(record: dict[str, Any], actor: dict[str, Any]) -> GoldActor:
    code = _GOLD_TYPOS.get(str(actor["code"]), str(actor["code"]))
    sector = str(actor.get("sector") or "")
    return GoldActor(
        text=" ".join(record["text"].split()),
        day=dt.date.fromisoformat(record.get("date", "2000-01-01")),
        country=code,
        code=code + ("" if code == "IGO" or sector in {"", "***"} else sector[:3].upper()),
        words=actor.get("actorText"),
    )


def petrarch_gold(root: Path) -> Iterator[GoldActor]:
    """Gold actor codes of PETRARCH-2's validation file; unknown actors (---) left out."""
    for record in petrarch_records(root):
        for coding in record.codings:
            for key in ("sourcecode", "targetcode"):
                code = coding.get(key, "")
                if code and not code.startswith("---"):
                    yield GoldActor(
                        text=record.text,
                        day=record.day,
                        country=code[:3],
                        code=code[:6],
                        words=None,
                    )


def _segments(gold: GoldActor) -> list[tuple[int, int]]:
    """Where the gold's actor words are; "U.S. ... negotiators" marks two pieces."""
    assert gold.words is not None
    spans = []
    for piece in _GAP.split(" ".join(gold.words.split())):
        start = gold.text.find(piece) if piece else -1
        if start >= 0:
            spans.append((start, start + len(piece)))
    return spans


def _matches(gold: GoldActor, found: list[Actor]) -> list[Actor]:
    if gold.words is None:
        return found
    return [
        a
        for a in found
        for start, end in _segments(gold)
        if a.span.start < end and start < a.span.end
    ]


def _country_of(actor: Actor) -> str:
    return "IGO" if actor.code.startswith("IGO") else (actor.code[:3] if actor.code else "")


def _same_code(actor: Actor, gold: GoldActor) -> bool:
    # Gold codes stop at the first agent (six letters); IGOs are coded "IGO" alone.
    if gold.code == "IGO":
        return _country_of(actor) == "IGO"
    return actor.code[:6] == gold.code


def score_actors(dataset: str, gold: Iterable[GoldActor], settings: Settings) -> ActorReport:
    """Resolve each gold sentence once and score every gold actor in it."""
    nlp = load_pipeline(settings.model)
    resolver = resolver_for(nlp, settings.actors)
    cache: dict[tuple[str, dt.date], list[Actor]] = {}
    total = country = code = 0
    for item in gold:
        key = (item.text, item.day)
        if key not in cache:
            cache[key] = resolver.resolve(nlp(item.text), day=item.day)
        candidates = _matches(item, cache[key])
        total += 1
        country += any(_country_of(a) == item.country for a in candidates)
        code += any(_same_code(a, item) for a in candidates)
    return ActorReport(dataset=dataset, actors=total, country_correct=country, code_correct=code)


def to_markdown(reports: Iterable[ActorReport]) -> str:
    lines = [
        "| gold set | actors | country accuracy | full-code accuracy |",
        "|---|---:|---:|---:|",
    ]
    lines += [
        f"| {r.dataset} | {r.actors} | {r.country_accuracy:.3f} | {r.code_accuracy:.3f} |"
        for r in reports
    ]
    return "\n".join(lines)
