"""Run a batch on a Dask cluster: the only module that imports Dask.

The client plans the units, skips those a previous run finished, and hands the rest
to the workers, which load the pipeline once each (:class:`_WarmUp`) and write their
units' files themselves: no coded data travels back through the scheduler, only a
small report per unit. Without a scheduler address a LocalCluster of one process per
core is started; with one, the same code runs on whatever cluster is behind it
(``dask scheduler``/``dask worker``, dask-jobqueue on Slurm, dask-kubernetes).
"""

from __future__ import annotations

import contextlib
import dataclasses
import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from distributed import Client, LocalCluster, as_completed
from distributed.diagnostics.plugin import WorkerPlugin

from flashpoint.config import Settings
from flashpoint.pipeline import processes, warm_up
from flashpoint.scale.units import plan_units
from flashpoint.scale.work import UnitReport, done_units, prepare_output, run_unit, write_skips

__all__ = ["BatchReport", "Progress", "run_batch"]

log = logging.getLogger(__name__)

#: Called after each unit with (units finished, units to run).
Progress = Callable[[int, int], None]


@dataclass(frozen=True, slots=True, kw_only=True)
class BatchReport:
    """What a batch run did. ``failed`` names units whose task raised (rerun to retry)."""

    out: str
    units: int = 0
    units_done_before: int = 0
    units_run: int = 0
    documents: int = 0
    articles: int = 0
    mentions: int = 0
    skips: int = 0
    failed: tuple[tuple[str, str], ...] = ()

    def adding(self, report: UnitReport) -> BatchReport:
        return dataclasses.replace(
            self,
            units_run=self.units_run + 1,
            documents=self.documents + report.documents,
            articles=self.articles + report.articles,
            mentions=self.mentions + report.mentions,
            skips=self.skips + report.skips,
        )


class _WarmUp(WorkerPlugin):
    """Loads the spaCy pipeline, actors, patterns and classifier when a worker starts."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def setup(self, worker: Any) -> None:
        warm_up(self.settings)


@contextlib.contextmanager
def _client(scheduler: str | None, workers: int) -> Iterator[Client]:
    if scheduler:
        with Client(scheduler) as client:
            yield client
        return
    # One single-threaded process per worker: spaCy holds the GIL while it parses.
    with (
        LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            silence_logs=logging.WARNING,
        ) as cluster,
        Client(cluster) as client,
    ):
        yield client


def run_batch(
    inputs: Iterable[str],
    out: str | Path,
    settings: Settings,
    *,
    scheduler: str | None = None,
    workers: int | None = None,
    unit_size: int = 256,
    progress: Progress | None = None,
) -> BatchReport:
    """Code ``inputs`` on a Dask cluster into date-partitioned Parquet under ``out``.

    Resumable: units finished by an earlier run into the same ``out`` are skipped. A
    unit that fails is reported, never fatal; its documents' own failures are skips.
    """
    target = Path(out)
    plan = plan_units(inputs, unit_size)
    prepare_output(target, settings)
    write_skips(target, "plan", plan.skips)
    finished = done_units(target)
    todo = [u for u in plan.units if u.id not in finished]
    report = BatchReport(
        out=str(target),
        units=len(plan.units),
        units_done_before=len(plan.units) - len(todo),
        skips=len(plan.skips),
    )
    if not todo:
        return report
    with _client(scheduler, workers or processes(settings)) as client:
        client.register_plugin(_WarmUp(settings), name="flashpoint-warm-up")
        futures = client.map(
            run_unit, todo, settings=settings, out=str(target), key=[f"unit-{u.id}" for u in todo]
        )
        for done, future in enumerate(as_completed(futures), start=1):
            try:
                report = report.adding(future.result())
            except Exception as exc:  # a unit's task died: report it, keep the others
                log.warning("unit %s failed: %s", future.key, exc)
                report = dataclasses.replace(
                    report, failed=(*report.failed, (str(future.key), f"{exc}"))
                )
            if progress is not None:
                progress(done, len(todo))
    return report
