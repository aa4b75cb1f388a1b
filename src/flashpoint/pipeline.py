"""The stages in order: an Article is parsed once, then each stage reads what it needs.

Stages never import each other; this module is where they meet. It holds no state of
its own beyond what the stages cache per process (the spaCy pipeline, the actor
lexicon, the patterns), so batches can call it again and again.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import hashlib
import itertools
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from flashpoint.__about__ import __version__
from flashpoint.actors import resolver_for
from flashpoint.config import Settings
from flashpoint.dates import Direction, resolve_when
from flashpoint.events import Coded, code_doc, load_classifier, load_cues, load_patterns
from flashpoint.fanout import ordered_map
from flashpoint.geo import locate
from flashpoint.model import Actor, Article, Event, Span
from flashpoint.nlp import load_pipeline
from flashpoint.store import Store, WriteReport, stored_digests, write_batch

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = [
    "BATCH",
    "CHUNK",
    "CODER",
    "PARALLEL_FROM",
    "ArticleActors",
    "ArticleEvents",
    "article_actors",
    "code_articles",
    "ingest_articles",
    "parse_texts",
    "processes",
    "warm_up",
]

CODER = f"flashpoint-patterns/{__version__}"
#: Articles per spaCy batch: on 2 cores spaCy's default of 256 was no faster than 16,
#: and 16 keeps memory flat (benchmarks/RESULTS.md).
BATCH = 16
#: Fewer articles than this are parsed in the calling process.
PARALLEL_FROM = 2 * BATCH
#: Articles per task of a worker process: small tasks keep every worker busy to the
#: end of a run and measured faster than 16 (benchmarks/RESULTS.md).
CHUNK = 4

#: An article with its resolved actors and coded events.
Coding = tuple[Article, tuple[Actor, ...], tuple[Event, ...]]


@dataclass(frozen=True, slots=True, kw_only=True)
class ArticleActors:
    article: Article
    actors: tuple[Actor, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class ArticleEvents:
    article: Article
    actors: tuple[Actor, ...]
    events: tuple[Event, ...]


def parse_texts(texts: Iterable[str], settings: Settings) -> Iterator[Doc]:
    """spaCy Docs for texts, streamed in small batches, in this process."""
    yield from load_pipeline(settings.model).pipe(texts, batch_size=BATCH)


def _day(article: Article) -> dt.date:
    # Without a publication date, roles are checked against today: the best guess for news.
    return article.published or dt.date.today()


def processes(settings: Settings) -> int:
    """How many processes parse: the setting, or one per usable core (at most 4)."""
    if settings.processes:
        return settings.processes
    # Each process holds its own copy of the model (~0.5 GB with the coder's tables).
    return max(1, min(_usable_cores(), 4))


def _usable_cores() -> int:
    # The cores this process may run on (a container's or taskset's share), where the
    # platform can say; macOS and Windows cannot.
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def _event_id(article: Article, coded: Coded) -> str:
    parts = (
        article.id,
        *map(str, coded.predicate),
        coded.cameo,
        coded.source.code if coded.source else "",
        coded.target.code if coded.target else "",
    )
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:16]


def _event(article: Article, coded: Coded) -> Event:
    direction: Direction = "future" if coded.modality == "future" else "past"
    start, end = coded.sentence
    # spaCy's sentence keeps the blank line after a paragraph; the evidence does not.
    end = start + len(article.text[start:end].rstrip())
    return Event(
        id=_event_id(article, coded),
        doc_id=article.id,
        coder=CODER,
        rule=coded.rule,
        source=coded.source,
        target=coded.target,
        cameo=coded.cameo,
        modality=coded.modality,
        when=resolve_when(coded.date_text, article.published, direction=direction),
        where=locate(coded.place_text) if coded.place_text else None,
        sentence=article.text[start:end],
        evidence=(Span(start=start, end=end),),
        mentions=1,
        confidence=coded.confidence,
    )


def _key(event: Event) -> tuple[str, str, str, str, str]:
    # The same who, whom, kind of event (CAMEO root), day and mood is one event told twice.
    code = (event.source.code if event.source else "", event.target.code if event.target else "")
    return (*code, event.cameo[:2], event.when.value or "", event.modality)


def merge_mentions(events: Iterable[Event]) -> list[Event]:
    """One event per key: every evidence span kept, the most specific code, the best confidence."""
    merged: dict[tuple[str, str, str, str, str], Event] = {}
    for event in events:
        key = _key(event)
        seen = merged.get(key)
        if seen is None:
            merged[key] = event
            continue
        best = event if len(event.cameo) > len(seen.cameo) else seen
        evidence = seen.evidence + tuple(s for s in event.evidence if s not in seen.evidence)
        merged[key] = dataclasses.replace(
            best,
            id=seen.id if best is seen else event.id,
            evidence=evidence,
            sentence=seen.sentence,
            mentions=seen.mentions + event.mentions,
            confidence=max(seen.confidence, event.confidence),
        )
    return list(merged.values())


def _parsed(
    articles: Iterable[Article], settings: Settings
) -> Iterator[tuple[Article, Doc, list[Actor]]]:
    nlp = load_pipeline(settings.model)
    resolver = resolver_for(nlp, settings.actors)
    stream = ((a.text, a) for a in articles)
    for doc, article in nlp.pipe(stream, as_tuples=True, batch_size=BATCH):
        exclude = tuple(x for x in (article.site, article.author) if x)
        yield article, doc, resolver.resolve(doc, day=_day(article), exclude=exclude)


def _coded(articles: Iterable[Article], settings: Settings, *, events: bool) -> Iterator[Coding]:
    patterns, cues = load_patterns(settings.patterns), load_cues(settings.modality_cues)
    classifier = load_classifier(settings.event_model) if events else None
    for article, doc, actors in _parsed(articles, settings):
        found = code_doc(doc, actors, patterns, cues, classifier) if events else []
        coded = merge_mentions(_event(article, c) for c in found)
        yield article, tuple(actors), tuple(coded)


def _code_chunk(
    settings: Settings, events: bool, articles: list[Article]
) -> list[tuple[tuple[Actor, ...], tuple[Event, ...]]]:
    # The parent holds the articles already: only what coding added travels back.
    return [(actors, found) for _, actors, found in _coded(articles, settings, events=events)]


def _fanned(articles: Iterable[Article], settings: Settings, *, events: bool) -> Iterator[Coding]:
    """Each article with its actors and events, in input order, in several processes if it pays.

    Each worker parses *and* codes a chunk and sends back only the records: shipping
    spaCy Docs to a parent that codes them cost about 15% of a two-process run.
    """
    pending = iter(articles)
    head = list(itertools.islice(pending, PARALLEL_FROM))
    stream = itertools.chain(head, pending)
    workers = processes(settings)
    # Starting processes costs more than a few articles take to parse.
    if len(head) < PARALLEL_FROM or workers == 1:
        yield from _coded(stream, settings, events=events)
        return
    work = functools.partial(_code_chunk, settings, events)
    chunks = ordered_map(
        work, stream, workers=workers, chunk=CHUNK, initializer=warm_up, initargs=(settings,)
    )
    for part, results in chunks:
        for article, (actors, found) in zip(part, results, strict=True):
            yield article, actors, found


def warm_up(settings: Settings) -> None:
    """Load everything coding needs, so a worker pays for it once, before its first article."""
    resolver_for(load_pipeline(settings.model), settings.actors)
    load_patterns(settings.patterns)
    load_cues(settings.modality_cues)
    load_classifier(settings.event_model)


def article_actors(articles: Iterable[Article], settings: Settings) -> Iterator[ArticleActors]:
    """Every resolved actor of every article; bylines and the outlet are never actors."""
    for article, actors, _ in _fanned(articles, settings, events=False):
        yield ArticleActors(article=article, actors=actors)


def code_articles(articles: Iterable[Article], settings: Settings) -> Iterator[ArticleEvents]:
    """Actors and events of every article, mentions of one event merged within the article."""
    for article, actors, events in _fanned(articles, settings, events=True):
        yield ArticleEvents(article=article, actors=actors, events=events)


def _unstored(articles: list[Article], store: Store) -> list[Article]:
    stored = stored_digests(store, [a.id for a in articles])
    return [
        a
        for a in articles
        if stored.get(a.id) != hashlib.sha256(a.text.encode("utf-8")).hexdigest()
    ]


def ingest_articles(
    articles: Iterable[Article], store: Store, settings: Settings, *, batch_size: int = 64
) -> Iterator[WriteReport]:
    """Code and store articles, one transaction per batch; yields each batch's report.

    An article already stored with the same text is not coded again, so a rerun after an
    interruption only does the work that is missing. One stream feeds the parser, so
    its processes start once, not once a batch.
    """
    present = WriteReport()

    def fresh() -> Iterator[Article]:
        nonlocal present
        pending = iter(articles)
        while batch := list(itertools.islice(pending, batch_size)):
            todo = _unstored(batch, store)
            present += WriteReport(articles_present=len(batch) - len(todo))
            yield from todo

    coded = ((f.article, f.actors, f.events) for f in code_articles(fresh(), settings))
    while group := list(itertools.islice(coded, batch_size)):
        report, present = write_batch(store, group) + present, WriteReport()
        yield report
    if present != WriteReport():
        yield present
