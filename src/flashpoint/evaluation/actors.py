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

_SENTENCE = re.compile(r"<Sentence\s([^>]*)>(.*?)(?=<Sentence\s|</Sentences>)", re.DOTALL)
_ATTR = re.compile(r'(\w+)="([^"]*)"')
_TEXT = re.compile(r"<Text>(.*?)</Text>", re.DOTALL)
_CODING = re.compile(r"<EventCoding\s([^>]*)/>")
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
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
    """Gold actor codes of PETRARCH-2's validation file (not well-formed XML: read by regex)."""
    raw = _need(root / "universalpetrarch-gsr" / "PETR2_GSR_validation.xml").read_text("utf-8")
    for attrs, body in _SENTENCE.findall(_COMMENT.sub("", raw)):
        meta = dict(_ATTR.findall(attrs))
        text = _TEXT.search(body)
        if text is None:
            continue
        day = _gold_day(meta.get("date", "20000101"))
        for coding in _CODING.findall(body):
            fields = dict(_ATTR.findall(coding))
            for key in ("sourcecode", "targetcode"):
                code = fields.get(key, "")
                if code and not code.startswith("---"):
                    yield GoldActor(
                        text=" ".join(text.group(1).split()),
                        day=day,
                        country=code[:3],
                        code=code[:6],
                        words=None,
                    )


def _gold_day(text: str) -> dt.date:
    # Most records are dated YYYYMMDD; a few use PETRARCH's two-digit-year YYMMDD.
    if len(text) == 6:
        text = f"20{text}" if int(text[:2]) <= 30 else f"19{text}"
    return dt.datetime.strptime(text, "%Y%m%d").date()


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
