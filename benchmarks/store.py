"""Store benchmark: ingest rate and query latency over synthetic events.

    .venv/bin/python benchmarks/store.py [--events 1000000] [--db PATH]

Writes ``--events`` synthetic event mentions (ten per article, 60 countries, three
years, CAMEO codes drawn from the ontology) through the real write path
(``write_batch``: Arrow inserts, cross-article dedup), then times the analyses the CLI
and the API call. Prints a Markdown table for ``benchmarks/RESULTS.md``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import platform
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from flashpoint.analytics import alerts, dyad_series, network
from flashpoint.model import Actor, Article, Block, Event, Span, When
from flashpoint.ontology import ontology
from flashpoint.store import EventFilter, open_store, query_events, write_batch

COUNTRIES = [
    "CHN", "JPN", "USA", "RUS", "KOR", "PRK", "TWN", "IND", "PAK", "IRN", "ISR", "PSE",
    "UKR", "DEU", "FRA", "GBR", "TUR", "SYR", "IRQ", "SAU", "EGY", "NGA", "ZAF", "BRA",
    "MEX", "CAN", "AUS", "IDN", "PHL", "VNM", "THA", "MMR", "AFG", "YEM", "LBN", "JOR",
    "ETH", "SDN", "SOM", "KEN", "COD", "MLI", "NER", "LBY", "DZA", "MAR", "TUN", "ARG",
    "COL", "VEN", "CUB", "POL", "ITA", "ESP", "SWE", "NOR", "FIN", "GRC", "SRB", "BLR",
]  # fmt: skip
ROLES = ["", "GOV", "MIL", "COP", "OPP", "BUS"]
START = dt.date(2023, 1, 1)
DAYS = 3 * 365
PER_ARTICLE = 10
PAGE = EventFilter(dyad=("CHN", "JPN"), order="-date", limit=100)


def _actor(rng: random.Random, at: int) -> Actor:
    country = rng.choice(COUNTRIES)
    code = country + rng.choice(ROLES)
    return Actor(
        span=Span(start=at, end=at + 3),
        text=country,
        name=country,
        code=code,
        country=country,
        role=None,
        kb_id=None,
        reason="benchmark",
    )


def _items(n_articles: int, seed: int) -> Iterator[tuple[Article, list[Actor], list[Event]]]:
    rng = random.Random(seed)
    codes = [c for c in ontology().codes() if len(c) == 3]
    text = "Synthetic sentence for the store benchmark. " * PER_ARTICLE
    for i in range(n_articles):
        day = START + dt.timedelta(days=rng.randrange(DAYS))
        article = Article(
            id=f"bench-{i}",
            source="benchmark",
            text=text,
            blocks=(Block(kind="paragraph", span=Span(start=0, end=len(text))),),
            published=day,
            language="en",
        )
        events = []
        for j in range(PER_ARTICLE):
            source, target = _actor(rng, j * 45), _actor(rng, j * 45 + 10)
            when = day - dt.timedelta(days=rng.randrange(3))
            events.append(
                Event(
                    id=f"{i}-{j}",
                    doc_id=article.id,
                    coder="benchmark",
                    rule="benchmark",
                    source=source,
                    target=target,
                    cameo=rng.choice(codes),
                    modality="asserted" if rng.random() < 0.9 else "future",
                    when=When(
                        value=when.isoformat(), precision="day", text=None, reason="benchmark"
                    ),
                    where=None,
                    sentence="Synthetic sentence for the store benchmark.",
                    evidence=(Span(start=j * 45, end=j * 45 + 44),),
                    mentions=1,
                    confidence=0.8,
                )
            )
        yield article, [e.source for e in events if e.source], events


def _median_ms(call: Callable[[], object], runs: int) -> float:
    call()  # warm the caches once, as a running server would have them
    times = []
    for _ in range(runs):
        begin = time.perf_counter()
        call()
        times.append((time.perf_counter() - begin) * 1000)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--db", type=Path, default=None)
    args = parser.parse_args()
    db = args.db or Path(tempfile.mkdtemp()) / "bench.duckdb"
    n_articles = args.events // PER_ARTICLE
    with open_store(db) as store:
        begin, batch = time.perf_counter(), []
        for item in _items(n_articles, seed=0):
            batch.append(item)
            if len(batch) == 1000:
                write_batch(store, batch)
                batch = []
        if batch:
            write_batch(store, batch)
        seconds = time.perf_counter() - begin
        stored = store.con.execute("SELECT count(*) FROM events").fetchall()[0][0]
        rows = [
            ("ingest (write_batch, 1,000 articles per transaction)",
             f"{args.events / seconds:,.0f} mentions/s ({seconds:.0f} s; {stored:,} events)"),
            ("dyad series CHN–JPN by week",
             f"{_median_ms(lambda: dyad_series(store, 'CHN', 'JPN', 'week'), 20):.1f} ms"),
            ("dyad series CHN–JPN by day",
             f"{_median_ms(lambda: dyad_series(store, 'CHN', 'JPN', 'day'), 20):.1f} ms"),
            ("events page (dyad filter, newest 100)",
             f"{_median_ms(lambda: query_events(store, PAGE), 20):.1f} ms"),
            ("network (country level, all dates)",
             f"{_median_ms(lambda: network(store), 5):.1f} ms"),
            ("alerts (every country pair, by week)",
             f"{_median_ms(lambda: alerts(store, 'week'), 3):.1f} ms"),
        ]  # fmt: skip
    sys.stdout.write(
        f"{args.events:,} synthetic mentions; {platform.processor() or platform.machine()}, "
        f"{dt.date.today().isoformat()}\n\n| operation | result |\n|---|---:|\n"
    )
    sys.stdout.writelines(f"| {name} | {value} |\n" for name, value in rows)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
