"""Batch coding: one unit's files, failures as skips, resuming, and the Dask cluster."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from flashpoint.cli.main import cli
from flashpoint.config import Settings
from flashpoint.errors import ConfigError
from flashpoint.ingest import iter_articles
from flashpoint.model import Article, SkipReason
from flashpoint.pipeline import code_articles, ingest_articles
from flashpoint.scale import done_units, load_batch, plan_units, run_unit
from flashpoint.scale.work import prepare_output
from flashpoint.store import EventFilter, open_store, query_events
from tests.conftest import ROOT

CRISIS = ROOT / "examples" / "crisis"
EVERY_MOOD = ("asserted", "negated", "hypothetical", "future")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Twelve reports of the demo corpus: enough to cluster across articles."""
    folder = tmp_path_factory.mktemp("corpus")
    for path in sorted(CRISIS.glob("*.html"))[20:32]:
        shutil.copy(path, folder / path.name)
    return folder


def _events(db: str | Path) -> list[tuple[str, int, int, str]]:
    with open_store(db, read_only=True) as store:
        found = query_events(store, EventFilter(modality=EVERY_MOOD, order="date"))
        return sorted((e.event_id, e.mentions, e.sources, e.cameo) for e in found)


@pytest.fixture(scope="module")
def direct(
    corpus: Path, tmp_path_factory: pytest.TempPathFactory
) -> list[tuple[str, int, int, str]]:
    """The corpus ingested the ordinary way, in one process: what a batch must equal."""
    db = tmp_path_factory.mktemp("direct") / "direct.duckdb"
    settings = Settings(processes=1)
    items = iter_articles([str(corpus)], settings)
    with open_store(db) as store:
        for _ in ingest_articles((i for i in items if isinstance(i, Article)), store, settings):
            pass
    return _events(db)


def _parts(out: Path) -> dict[str, bytes]:
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*.parquet"))}


def test_a_unit_writes_partitions_then_its_marker(corpus: Path, tmp_path: Path) -> None:
    unit = plan_units([str(corpus)], 3).units[1]
    prepare_output(tmp_path, Settings())
    report = run_unit(unit, Settings(), tmp_path)
    assert (report.documents, report.articles, report.skips) == (3, 3, 0)
    assert report.mentions > 0
    assert done_units(tmp_path) == {unit.id}
    days = {p.parent.name for p in (tmp_path / "articles").rglob("*.parquet")}
    assert days and all(d.startswith("day=2025-") for d in days)
    assert all(p.name == f"part-{unit.id}.parquet" for p in tmp_path.rglob("*.parquet"))


def test_an_article_that_breaks_the_coder_is_a_skip(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    unit = plan_units([str(corpus)], 4).units[0]
    victim = sorted(corpus.glob("*.html"))[1].name

    def flaky(articles: list[Article], settings: Settings):  # type: ignore[no-untyped-def]
        if any(victim in a.source for a in articles):
            raise RuntimeError("boom")
        return code_articles(articles, settings)

    monkeypatch.setattr("flashpoint.scale.work.code_articles", flaky)
    report = run_unit(unit, Settings(), tmp_path)
    assert (report.articles, report.skips) == (3, 1)
    skipped = [
        json.loads(line)
        for line in (tmp_path / "skips").glob("*.jsonl").__next__().read_text().splitlines()
    ]
    assert skipped == [
        {
            "source": str(corpus / victim),
            "reason": SkipReason.FAILED.value,
            "detail": "RuntimeError: boom",
        }
    ]


def test_a_batch_directory_refuses_other_settings(tmp_path: Path) -> None:
    prepare_output(tmp_path / "out", Settings())
    prepare_output(tmp_path / "out", Settings(processes=3))  # how, not what: fine
    with pytest.raises(ConfigError, match="min_words"):
        prepare_output(tmp_path / "out", Settings(min_words=5))
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "notes.txt").write_text("mine")
    with pytest.raises(ConfigError, match="not empty"):
        prepare_output(tmp_path / "other", Settings())


def test_loading_leaves_out_unfinished_units(corpus: Path, tmp_path: Path) -> None:
    units = plan_units([str(corpus)], 6).units
    prepare_output(tmp_path, Settings())
    for unit in units:
        run_unit(unit, Settings(), tmp_path)
    (tmp_path / "_units" / f"{units[1].id}.json").unlink()
    with open_store(":memory:") as store:
        loaded = load_batch(store, tmp_path)
    assert (loaded.units_loaded, loaded.units_unfinished) == (1, 1)
    assert loaded.written.articles_new == 6


def test_dask_batch_equals_one_process_whatever_the_workers(
    corpus: Path, direct: list[tuple[str, int, int, str]], tmp_path: Path
) -> None:
    pytest.importorskip("distributed")
    from flashpoint.scale.cluster import run_batch

    runner = CliRunner()
    two = tmp_path / "two"
    result = runner.invoke(
        cli,
        [
            "batch",
            str(corpus),
            "--out",
            str(two),
            "--workers",
            "2",
            "--unit-size",
            "5",
            "-f",
            "json",
        ],
    )
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)[0]
    assert (summary["units"], summary["units_run"], summary["articles"]) == (3, 3, 12)

    one = run_batch([str(corpus)], tmp_path / "one", Settings(), workers=1, unit_size=5)
    assert one.units_run == 3
    assert _parts(tmp_path / "one") == _parts(two), "output must not depend on the workers"

    again = run_batch([str(corpus)], two, Settings(), workers=1, unit_size=5)
    assert (again.units_done_before, again.units_run) == (3, 0)

    db = tmp_path / "batch.duckdb"
    loaded = runner.invoke(cli, ["ingest", str(two), "--db", str(db), "-f", "json"])
    assert loaded.exit_code == 0, loaded.output
    assert _events(db) == direct
