"""One unit of a batch: read, clean and code its documents, write its Parquet files.

A batch directory holds the store's own tables as Parquet, partitioned by the
article's publication day, one file per unit and day::

    _batch.json                                    what wrote it: version, coder, settings
    articles/day=2025-11-24/part-<unit>.parquet    columns as the store's tables
    actors/day=2025-11-24/part-<unit>.parquet
    event_mentions/day=2025-11-24/part-<unit>.parquet
    skips/part-<unit>.jsonl                        inputs that gave no article, and why
    _units/<unit>.json                             written last: the unit is done

Mentions are partitioned by their article's day, not the event's, so a day loads
with its articles. ``ord`` numbers mentions by unit, then within the unit, which is
the order a single process would have stored them in: loading a batch clusters
events exactly as ingesting the same inputs would. Nothing here imports Dask; the
cluster only schedules :func:`run_unit`.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from flashpoint.__about__ import __version__
from flashpoint.config import Settings
from flashpoint.errors import ConfigError
from flashpoint.ingest import extract_document, skip
from flashpoint.model import Actor, Article, Document, Event, Skip, SkipReason
from flashpoint.pipeline import CODER, code_articles
from flashpoint.scale.units import Unit, read_unit
from flashpoint.store import (
    SCHEMA_VERSION,
    Store,
    WriteReport,
    actor_table,
    article_table,
    load_parquet,
    mention_table,
)

__all__ = [
    "TABLES",
    "BatchLoad",
    "UnitReport",
    "done_units",
    "is_batch",
    "load_batch",
    "prepare_output",
    "run_unit",
    "write_skips",
]

log = logging.getLogger(__name__)

TABLES: Final = ("articles", "actors", "event_mentions")
MANIFEST: Final = "_batch.json"
DONE: Final = "_units"
#: Settings that change what is coded; the others (where the store is, how many
#: processes) may differ between the runs that fill one batch directory.
_CODING: Final = (
    "model",
    "languages",
    "max_bytes",
    "min_words",
    "actors",
    "patterns",
    "modality_cues",
    "event_model",
    "cleaning_rules",
)

Coded = tuple[Article, Sequence[Actor], Sequence[Event]]


@dataclass(frozen=True, slots=True, kw_only=True)
class UnitReport:
    unit: str
    seq: int
    documents: int
    articles: int
    mentions: int
    skips: int


def _atomic_write(path: Path, data: bytes) -> None:
    # A unit interrupted half-way must never leave a truncated file that looks whole.
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.{os.getpid()}.partial")
    partial.write_bytes(data)
    partial.replace(path)


def _manifest(settings: Settings) -> dict[str, Any]:
    return {
        "flashpoint": __version__,
        "coder": CODER,
        "schema": SCHEMA_VERSION,
        "settings": {name: getattr(settings, name) for name in _CODING},
    }


def prepare_output(out: Path, settings: Settings) -> None:
    """Claim ``out`` for a batch, or check that it holds one coded the same way."""
    wanted = json.loads(json.dumps(_manifest(settings)))
    path = out / MANIFEST
    if path.is_file():
        found = json.loads(path.read_text(encoding="utf-8"))
        if found != wanted:
            recorded = found.get("settings", {})
            changed = [k for k in wanted if k != "settings" and found.get(k) != wanted[k]]
            changed += [k for k in _CODING if recorded.get(k) != wanted["settings"][k]]
            raise ConfigError(
                f"{out} holds a batch coded with other {', '.join(changed)}; "
                "resume it with the same version and settings, or use a new --out"
            )
        return
    if out.exists() and any(out.iterdir()):
        raise ConfigError(f"{out} is not empty and holds no batch; use a new --out")
    _atomic_write(path, json.dumps(wanted, indent=2).encode())


def done_units(out: Path) -> set[str]:
    """Ids of the units whose files are all written."""
    return {p.stem for p in (out / DONE).glob("*.json")}


def write_skips(out: Path, name: str, skips: Iterable[Skip]) -> None:
    lines = [
        json.dumps({"source": s.source, "reason": s.reason.value, "detail": s.detail})
        for s in skips
    ]
    if lines:
        _atomic_write(out / "skips" / f"part-{name}.jsonl", "\n".join(lines).encode() + b"\n")


def _extracted(document: Document, settings: Settings) -> Article | Skip:
    try:
        return extract_document(document, settings)
    except Exception as exc:  # a bug, but one document must not sink the batch
        log.exception("extracting %s failed", document.source)
        return skip(document.source, SkipReason.FAILED, f"{type(exc).__name__}: {exc}")


def _code(articles: list[Article], settings: Settings) -> tuple[list[Coded], list[Skip]]:
    try:
        return [(f.article, f.actors, f.events) for f in code_articles(articles, settings)], []
    except Exception:
        log.exception("coding a unit failed; coding its articles one by one")
    coded: list[Coded] = []
    failed: list[Skip] = []
    for article in articles:
        try:
            coded += [(f.article, f.actors, f.events) for f in code_articles([article], settings)]
        except Exception as exc:  # the same bug: record the article, code the rest
            failed.append(skip(article.source, SkipReason.FAILED, f"{type(exc).__name__}: {exc}"))
    return coded, failed


def _day(article: Article) -> str:
    return article.published.isoformat() if article.published else "unknown"


def _tables(unit: Unit, coded: list[Coded]) -> dict[str, pa.Table]:
    mentions = mention_table([event for _, _, events in coded for event in events])
    ordinal = pc.add(mentions["ord"], pa.scalar(unit.seq << 32, pa.int64()))
    return {
        "articles": article_table(article for article, _, _ in coded),
        "actors": actor_table((article.id, actors) for article, actors, _ in coded),
        "event_mentions": mentions.set_column(
            mentions.schema.get_field_index("ord"), "ord", ordinal
        ),
    }


def _write_tables(out: Path, unit: Unit, coded: list[Coded]) -> None:
    days: dict[str, list[str]] = {}
    for article, _, _ in coded:
        days.setdefault(_day(article), []).append(article.id)
    for name, table in _tables(unit, coded).items():
        for day, doc_ids in sorted(days.items()):
            rows = table.filter(pc.is_in(table["doc_id"], value_set=pa.array(doc_ids)))
            if rows.num_rows:
                sink = pa.BufferOutputStream()
                pq.write_table(rows, sink)
                path = out / name / f"day={day}" / f"part-{unit.id}.parquet"
                _atomic_write(path, sink.getvalue().to_pybytes())


def run_unit(unit: Unit, settings: Settings, out: str | Path) -> UnitReport:
    """Code one unit into ``out``; every document ends up coded or recorded as a skip."""
    # A worker is one process already (and a daemon, which may not start others).
    settings = dataclasses.replace(settings, processes=1)
    target = Path(out)
    articles: list[Article] = []
    skips: list[Skip] = []
    documents = 0
    for item in read_unit(unit, settings):
        documents += isinstance(item, Document)
        result = item if isinstance(item, Skip) else _extracted(item, settings)
        if isinstance(result, Skip):
            skips.append(result)
        else:
            articles.append(result)
    coded, failed = _code(articles, settings)
    _write_tables(target, unit, coded)
    write_skips(target, unit.id, skips + failed)
    report = UnitReport(
        unit=unit.id,
        seq=unit.seq,
        documents=documents,
        articles=len(coded),
        mentions=sum(len(events) for _, _, events in coded),
        skips=len(skips) + len(failed),
    )
    _atomic_write(
        target / DONE / f"{unit.id}.json", json.dumps(dataclasses.asdict(report)).encode()
    )
    return report


@dataclass(frozen=True, slots=True, kw_only=True)
class BatchLoad:
    """What loading a batch directory stored, and the units it left out as unfinished."""

    written: WriteReport
    units_loaded: int
    units_unfinished: int


def is_batch(path: str | Path) -> bool:
    """Whether ``path`` is a directory a batch writes (it has the batch's manifest)."""
    return (Path(path) / MANIFEST).is_file()


def load_batch(store: Store, out: str | Path) -> BatchLoad:
    """Store the finished units of the batch in ``out`` (the store's usual ingest and dedup).

    Parts of a unit that has no done-marker yet (still running, or interrupted) are
    left out and counted, so a half-written unit never reaches the store.
    """
    target = Path(out)
    finished = done_units(target)
    parts = {p.stem.removeprefix("part-") for t in TABLES for p in (target / t).rglob("*.parquet")}
    written = load_parquet(store, target, keep=lambda p: p.stem.removeprefix("part-") in finished)
    return BatchLoad(
        written=written,
        units_loaded=len(parts & finished),
        units_unfinished=len(parts - finished),
    )
