"""Event coding scored on public gold: PETRARCH-2 GSR, PLOVER GSR and ConfliBERT's CAMEO set.

- PETRARCH-2: precision, recall and F1 of (source country, target country, CAMEO root)
  triples and of full codes, over sentences; plus asserted events flashpoint codes on
  the sentences the gold says have none.
- PETRARCH-2's unit-test suite, scored the same way: a TUNING set for the coder's
  mechanics (coordination, passives, agents, negation, several events per sentence),
  coded with the suite's toy actor and agent dictionaries as extra actor files. Its
  verb dictionary is PETRARCH's own and is not loaded: its codes are the suite's
  inventions ("welcomed" is 041), so the unit tests' root F1 stays low by design and
  the dyad F1 (source and target right, any code) is what measures the mechanics.
  Which records are left out, and why: ``evaluation/petrarch_file.py``.
- PLOVER: the PLOVER type of flashpoint's main event in each sentence against the gold
  type (older PLOVER names read as their current ones): accuracy and macro-F1, with a
  confusion table.
- ConfliBERT: the five-way class (statements and appeals, verbal cooperation, material
  cooperation, verbal conflict, material conflict) of the main event.

A sentence's "main event" is the event CAMEO would code, as the gold does: asserted or
future ("will supply arms" is 072; "threatened to impose" is a threat), never a negated or
hypothetical event while the sentence has one CAMEO would code; among those, the most
confident, then the most specific code. A sentence whose events are all negated or
hypothetical keeps the most confident of them: the gold gives every sentence a class,
and what a sentence says did not or might happen is still what it is about. The first three
sets are held out: no pattern or training sentence was written from them. Only
ConfliBERT's train split was used, to choose the classifier's settings and the policy
that combines it with the patterns (``events/combine.py``).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from flashpoint.config import Settings
from flashpoint.errors import ConfigError
from flashpoint.evaluation.petrarch_file import (
    PetrarchRecord,
    petrarch_records,
    unit_test_records,
)
from flashpoint.model import Article, Block, Event, Span
from flashpoint.ontology import ontology
from flashpoint.pipeline import code_articles

__all__ = [
    "ClassReport",
    "GoldSentence",
    "TripleReport",
    "classes_markdown",
    "confli_gold",
    "confusion_markdown",
    "penta_class",
    "petrarch_sentences",
    "plover_sentences",
    "score_classes",
    "score_triples",
    "triples_markdown",
    "unit_test_sentences",
    "unit_test_settings",
]

# The gold predates PLOVER's 16 types: FIGHT became ASSAULT, DISAPPROVE became ACCUSE,
# and the 2021 codebook folds demands into REQUEST and investigations into ACCUSE.
_PLOVER_RENAMES = {
    "FIGHT": "ASSAULT",
    "DISAPPROVE": "ACCUSE",
    "DEMAND": "REQUEST",
    "INVESTIGATE": "ACCUSE",
}
_DAY = dt.date(2000, 1, 1)
# CAMEO gold codes what actors say they will do ("will supply arms" is 072); it has no
# place for what did not or might happen.
_CODED_BY_CAMEO = frozenset({"asserted", "future"})
_UNIT_TEST_ACTORS = ("PETR.Validate.actors.txt", "PETR.Validate.agents.txt")


@dataclass(frozen=True, slots=True, kw_only=True)
class GoldSentence:
    text: str
    day: dt.date
    triples: tuple[tuple[str, str, str], ...] = ()  # (source, target, CAMEO code)
    label: str | None = None  # PLOVER type or penta class


@dataclass(frozen=True, slots=True, kw_only=True)
class TripleReport:
    dataset: str
    sentences: int
    root_precision: float
    root_recall: float
    root_f1: float
    code_f1: float
    dyad_f1: float  # (source, target) right whatever the code
    false_on_no_event: int
    no_event_sentences: int


@dataclass(frozen=True, slots=True, kw_only=True)
class ClassReport:
    dataset: str
    sentences: int
    accuracy: float
    macro_f1: float
    confusion: dict[tuple[str, str], int]


def _need(path: Path) -> Path:
    if not path.exists():
        raise ConfigError(f"gold data not found: {path}")
    return path


def _gold_sentence(record: PetrarchRecord) -> GoldSentence:
    return GoldSentence(
        text=record.text,
        day=record.day,
        # The gold marks a sentence with no event by one empty coding.
        triples=tuple(
            (c.get("sourcecode", ""), c.get("targetcode", ""), c["eventcode"])
            for c in record.codings
            if c.get("eventcode")
        ),
    )


def petrarch_sentences(root: Path) -> Iterator[GoldSentence]:
    return (_gold_sentence(record) for record in petrarch_records(root))


def unit_test_sentences(root: Path) -> Iterator[GoldSentence]:
    """PETRARCH-2's unit tests (a tuning set); code them with :func:`unit_test_settings`."""
    return (_gold_sentence(record) for record in unit_test_records(root))


def unit_test_settings(root: Path, settings: Settings) -> Settings:
    """``settings`` plus the unit tests' toy actor and agent dictionaries."""
    folder = root / "petrarch2-unittest"
    extra = tuple(str(_need(folder / name)) for name in _UNIT_TEST_ACTORS)
    return dataclasses.replace(settings, actors=settings.actors + extra)


def plover_sentences(root: Path) -> Iterator[GoldSentence]:
    records = json.loads(_need(root / "plover-gsr" / "PLOVER_GSR_CAMEO.txt").read_text("utf-8"))
    for record in records:
        if "text" in record and record.get("event"):
            label = _PLOVER_RENAMES.get(record["event"], record["event"])
            yield GoldSentence(text=" ".join(record["text"].split()), day=_DAY, label=label)


def confli_gold(root: Path, split: str = "test") -> Iterator[GoldSentence]:
    """ConfliBERT's CAMEO sentences: "test" is held out, "train" is where policy is tuned."""
    path = _need(root / "conflibert-cameo" / "cameo_class" / f"{split}.tsv")
    for line in path.read_text("utf-8").splitlines():
        text, _, label = line.rstrip("\r").rpartition("\t")
        if text:
            yield GoldSentence(text=" ".join(text.split()), day=_DAY, label=label.strip())


def penta_class(cameo: str) -> str:
    """ConfliBERT's five classes from a CAMEO root.

    The data set's own convention, read off its train split, puts root 16 (reduce
    relations: sanctions, expulsions, broken-off talks) with verbal conflict: 70 of the
    78 train sentences whose main event flashpoint codes 16 carry that label, one the
    material-conflict label. Roots 14, 15 and 17-20 are material conflict there.
    """
    root = int(cameo[:2])
    if root == 16:
        return "3"
    bounds = ((2, "0"), (5, "1"), (8, "2"), (13, "3"))
    return next((label for top, label in bounds if root <= top), "4")


def _coded(gold: Sequence[GoldSentence], settings: Settings) -> list[list[Event]]:
    """Events per gold sentence, each coded as a one-paragraph article of the gold's day.

    The sentences go in as they are, not through extraction: a gold sentence beginning
    "By ..." must not be taken for a byline.
    """
    articles = [
        Article(
            id=f"gold-{i}",
            source="gold",
            text=item.text,
            blocks=(Block(kind="paragraph", span=Span(start=0, end=len(item.text))),),
            published=item.day,
            language="en",
        )
        for i, item in enumerate(gold)
    ]
    return [list(found.events) for found in code_articles(articles, settings)]


def _main_event(events: Sequence[Event]) -> Event | None:
    return max(
        events,
        key=lambda e: (e.modality in _CODED_BY_CAMEO, e.confidence, len(e.cameo)),
        default=None,
    )


def _prf(hits: int, predicted: int, gold: int) -> tuple[float, float, float]:
    precision = hits / predicted if predicted else 0.0
    recall = hits / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


# How much of the code a triple keeps: all of it, its root, or none (the dyad alone).
_CODE_KEPT = {"full": 4, "root": 2, "dyad": 0}


def _triples(events: Iterable[Event], *, kept: int) -> Counter[tuple[str, str, str]]:
    return Counter(
        (
            (e.source.code if e.source else "")[:3],
            (e.target.code if e.target else "")[:3],
            e.cameo[:kept],
        )
        for e in events
        if e.modality in _CODED_BY_CAMEO
    )


def score_triples(dataset: str, gold: Iterable[GoldSentence], settings: Settings) -> TripleReport:
    items = list(gold)
    coded = _coded(items, settings)
    counts = {level: [0, 0, 0] for level in _CODE_KEPT}  # hits, predicted, gold
    false_alarms = no_event = 0
    for item, events in zip(items, coded, strict=True):
        if not item.triples:
            no_event += 1
            false_alarms += sum(e.modality == "asserted" for e in events)
            continue
        for level, kept in _CODE_KEPT.items():
            want = Counter((s[:3], t[:3], c[:kept]) for s, t, c in item.triples)
            got = _triples(events, kept=kept)
            counts[level][0] += sum((want & got).values())
            counts[level][1] += sum(got.values())
            counts[level][2] += sum(want.values())
    root = _prf(*counts["root"])
    return TripleReport(
        dataset=dataset,
        sentences=len(items),
        root_precision=root[0],
        root_recall=root[1],
        root_f1=root[2],
        code_f1=_prf(*counts["full"])[2],
        dyad_f1=_prf(*counts["dyad"])[2],
        false_on_no_event=false_alarms,
        no_event_sentences=no_event,
    )


def _label(event: Event | None, scheme: str) -> str:
    if event is None:
        return "none" if scheme == "plover" else "0"
    if scheme == "penta":
        return penta_class(event.cameo)
    return ontology().get(event.cameo).plover or "none"


def score_classes(
    dataset: str, gold: Iterable[GoldSentence], settings: Settings, *, scheme: str
) -> ClassReport:
    """Accuracy and macro-F1 of the main event's class (``scheme``: "plover" or "penta")."""
    items = list(gold)
    pairs = [
        (item.label or "", _label(_main_event(events), scheme))
        for item, events in zip(items, _coded(items, settings), strict=True)
    ]
    confusion = Counter(pairs)
    labels = sorted({g for g, _ in pairs})
    f1s = [
        _prf(
            confusion[(label, label)],
            sum(p == label for _, p in pairs),
            sum(g == label for g, _ in pairs),
        )[2]
        for label in labels
    ]
    return ClassReport(
        dataset=dataset,
        sentences=len(pairs),
        accuracy=sum(g == p for g, p in pairs) / len(pairs) if pairs else 0.0,
        macro_f1=sum(f1s) / len(f1s) if f1s else 0.0,
        confusion=dict(confusion),
    )


def triples_markdown(reports: Iterable[TripleReport]) -> str:
    lines = [
        "| gold set | sentences | root P | root R | root F1 | full-code F1 | dyad F1 "
        "| asserted events on no-event sentences |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    lines += [
        f"| {r.dataset} | {r.sentences} | {r.root_precision:.3f} | {r.root_recall:.3f} | "
        f"{r.root_f1:.3f} | {r.code_f1:.3f} | {r.dyad_f1:.3f} "
        f"| {r.false_on_no_event} on {r.no_event_sentences} |"
        for r in reports
    ]
    return "\n".join(lines)


def classes_markdown(reports: Iterable[ClassReport]) -> str:
    lines = ["| gold set | sentences | accuracy | macro-F1 |", "|---|---:|---:|---:|"]
    lines += [
        f"| {r.dataset} | {r.sentences} | {r.accuracy:.3f} | {r.macro_f1:.3f} |" for r in reports
    ]
    return "\n".join(lines)


def confusion_markdown(report: ClassReport) -> str:
    """Gold classes down, predicted across."""
    gold = sorted({g for g, _ in report.confusion})
    predicted = sorted({p for _, p in report.confusion})
    lines = [
        "| gold \\ predicted | " + " | ".join(predicted) + " |",
        "|---" * (len(predicted) + 1) + "|",
    ]
    for g in gold:
        cells = [str(report.confusion.get((g, p), 0)) for p in predicted]
        lines.append(f"| {g} | " + " | ".join(cells) + " |")
    return "\n".join(lines)
