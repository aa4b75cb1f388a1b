"""Throughput benchmark: bare spaCy against extract-only and the full pipeline, and Dask.

    .venv/bin/python benchmarks/throughput.py [--docs 300] [--profile]

On the same texts, each stage in a fresh process (so peak RSS is its own): spaCy's
``nlp.pipe`` alone (the model as installed) with one and two processes (the practical
limit), ``extract`` alone, the full pipeline (extract, parse, actors, events) with one
and two processes, and ``flashpoint batch`` on a warm Dask LocalCluster with one and two
workers (peak RSS: the largest worker's).
The texts are the demo corpus's reports joined three at a time (about 700 words
each). Prints a Markdown table for ``benchmarks/RESULTS.md``; ``--profile`` prints
pyinstrument's view of the full pipeline in one process instead.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from flashpoint.config import Settings
from flashpoint.ingest import extract_document, iter_articles
from flashpoint.model import Article, Document

ROOT = Path(__file__).resolve().parents[1]
CRISIS = ROOT / "examples" / "crisis"
WARM = 4  # documents parsed before the clock starts: model loading is not throughput
STAGES = ("bare-1", "bare-2", "extract", "full-1", "full-2", "dask-1", "dask-2")


def documents(count: int) -> list[Document]:
    """``count`` text documents of about 700 words, from the demo corpus (deterministic)."""
    settings = Settings()
    reports = [a for a in iter_articles([str(CRISIS)], settings) if isinstance(a, Article)]
    found = []
    for i in range(count):
        parts = [reports[(i + k) % len(reports)] for k in range(3)]
        found.append(
            Document(
                source=f"bench-{i}",
                content="\n\n".join(p.text for p in parts),
                format="text",
                id=f"bench-{i}",
                title=parts[0].title,
                published=parts[0].published,
            )
        )
    return found


def _peak_mib() -> float:
    # Linux reports KiB; children covers spaCy's and Dask's worker processes.
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children) / 1024


@functools.cache
def _stock() -> Any:
    # spaCy as installed, not flashpoint's loading of it (which compiles the attribute
    # ruler): the practical limit the issue measures against.
    import spacy

    return spacy.load(Settings().model)


def _bare(docs: list[Document], workers: int) -> None:
    for _ in _stock().pipe((d.content for d in docs), batch_size=16, n_process=workers):
        pass


def _extract(docs: list[Document]) -> None:
    settings = Settings()
    for doc in docs:
        extract_document(doc, settings)


def _full(docs: list[Document], workers: int) -> None:
    from flashpoint.pipeline import code_articles

    settings = Settings(processes=workers)
    articles = (extract_document(d, settings) for d in docs)
    for _ in code_articles((a for a in articles if isinstance(a, Article)), settings):
        pass


def _jsonl(docs: list[Document], path: Path) -> str:
    lines = [
        json.dumps({"id": d.id, "text": d.content, "published": str(d.published)}) for d in docs
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return str(path)


def _worker_peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _dask(docs: list[Document], workers: int) -> tuple[float, float]:
    """Seconds for the batch on a warm cluster (its start-up is not throughput), peak MiB."""
    from distributed import Client, LocalCluster

    from flashpoint.scale.cluster import run_batch

    with (
        tempfile.TemporaryDirectory() as tmp,
        LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        Client(cluster) as client,
    ):
        where, address = Path(tmp), cluster.scheduler_address
        # One-document units, so every worker has loaded the pipeline before the clock.
        warm = _jsonl(docs[:WARM], where / "warm.jsonl")
        run_batch([warm], where / "warm", Settings(), scheduler=address, unit_size=1)
        source = _jsonl(docs[WARM:], where / "docs.jsonl")
        started = time.perf_counter()
        run_batch([source], where / "out", Settings(), scheduler=address, unit_size=16)
        seconds = time.perf_counter() - started
        peak = max(client.run(_worker_peak_mib).values())
    return seconds, peak


def _runner(stage: str, docs: list[Document]) -> Callable[[], None]:
    kind, _, n = stage.partition("-")
    workers = int(n or 1)
    return {
        "bare": lambda: _bare(docs, workers),
        "extract": lambda: _extract(docs),
        "full": lambda: _full(docs, workers),
    }[kind]


def measure(stage: str, count: int) -> dict[str, Any]:
    """Run one stage in this process and return its numbers."""
    docs = documents(count + WARM)
    timed = docs[WARM:]
    kind, _, n = stage.partition("-")
    if kind == "dask":
        seconds, peak = _dask(docs, int(n))
    else:
        if kind != "extract":
            # Load the model (and warm its caches) before timing, as a long run would have.
            _runner(f"{kind}-1", docs[:WARM])()
        started = time.perf_counter()
        _runner(stage, timed)()
        seconds, peak = time.perf_counter() - started, _peak_mib()
    words = sum(len(d.content.split()) for d in timed)
    return {
        "stage": stage,
        "docs": len(timed),
        "seconds": round(seconds, 2),
        "docs_per_s": round(len(timed) / seconds, 2),
        "words_per_s": round(words / seconds),
        "peak_rss_mib": round(peak),
    }


def _in_child(stage: str, count: int) -> dict[str, Any]:
    command = [sys.executable, __file__, "--stage", stage, "--docs", str(count)]
    done = subprocess.run(command, check=True, capture_output=True, text=True)
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def _table(rows: list[dict[str, Any]]) -> str:
    best_bare = max(r["docs_per_s"] for r in rows if r["stage"].startswith("bare"))
    lines = [
        "| stage | docs | s | docs/s | words/s | peak RSS MiB | of best bare |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        ratio = r["docs_per_s"] / best_bare
        lines.append(
            f"| {r['stage']} | {r['docs']} | {r['seconds']} | {r['docs_per_s']} | "
            f"{r['words_per_s']:,} | {r['peak_rss_mib']} | {ratio:.2f} |"
        )
    by = {r["stage"]: r["docs_per_s"] for r in rows}
    lines.append("")
    lines.append(f"Dask, 2 workers / 1 worker: {by['dask-2'] / by['dask-1']:.2f}x  ")
    lines.append(
        f"Dask, 2 workers / full pipeline in 2 processes: {by['dask-2'] / by['full-2']:.2f}"
    )
    return "\n".join(lines)


def _profile(count: int) -> None:
    from pyinstrument import Profiler

    docs = documents(count + WARM)
    _full(docs[:WARM], 1)
    profiler = Profiler()
    with profiler:
        _full(docs[WARM:], 1)
    print(profiler.output_text(unicode=False, color=False, show_all=False))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=300, help="documents per stage")
    parser.add_argument("--stage", choices=STAGES, help="run one stage here (internal)")
    parser.add_argument("--profile", action="store_true", help="profile the full pipeline")
    args = parser.parse_args()
    if args.stage:
        print(json.dumps(measure(args.stage, args.docs)))
        return
    if args.profile:
        _profile(args.docs)
        return
    rows = []
    for stage in STAGES:
        rows.append(_in_child(stage, args.docs))
        print(f"{stage}: {rows[-1]}", file=sys.stderr)
    machine = platform.processor() or platform.machine()
    cores = len(os.sched_getaffinity(0))
    print(f"{machine}, {cores} cores, Python {platform.python_version()}")
    print(_table(rows))


if __name__ == "__main__":
    main()
