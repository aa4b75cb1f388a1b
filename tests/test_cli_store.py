"""The store from the command line, on the bundled demo corpus: ingest, the analyses, exports."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from click.testing import CliRunner

from flashpoint.cli.main import cli

CORPUS = Path(__file__).resolve().parents[1] / "examples" / "crisis"


def _run(*args: str) -> Any:
    result = CliRunner().invoke(cli, list(args))
    assert result.exit_code == 0, result.output + result.stderr
    return result


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    db = str(tmp_path_factory.mktemp("store") / "demo.duckdb")
    first = json.loads(_run("ingest", str(CORPUS), "--db", db, "-f", "json").stdout)[0]
    assert first["articles_new"] == len(list(CORPUS.glob("*.html")))
    assert first["events_merged"] > 0, "outlets that tell the same event must merge"
    return db


def test_ingest_twice_changes_nothing(demo_db: str) -> None:
    before = _run("events", "--db", demo_db, "-f", "jsonl", "--order", "-mentions").stdout
    again = json.loads(_run("ingest", str(CORPUS), "--db", demo_db, "-f", "json").stdout)[0]
    assert again["articles_new"] == again["mentions_new"] == 0
    assert again["articles_present"] == len(list(CORPUS.glob("*.html")))
    assert _run("events", "--db", demo_db, "-f", "jsonl", "--order", "-mentions").stdout == before


def test_tension_rises_after_the_nov_7_remarks(demo_db: str) -> None:
    out = _run(
        "dyad", "CHN", "JPN", "--by", "month", "--from", "2025-10-01", "-f", "json", "--db", demo_db
    ).stdout
    series = {row["period"]: row for row in json.loads(out)}
    assert series["2025-10-01"]["tension"] < 0 < series["2025-11-01"]["tension"]
    assert series["2025-11-01"]["quad3"] + series["2025-11-01"]["quad4"] >= 5


def test_alert_after_nov_7_names_its_events(demo_db: str) -> None:
    found = json.loads(
        _run(
            "alerts", "--dyad", "CHN", "JPN", "--min-events", "5", "-f", "json", "--db", demo_db
        ).stdout
    )
    assert found, "the demo must raise the China-Japan alert"
    first = found[0]
    assert "2025-11-07" <= first["period"] <= "2025-11-30"
    sentences = " ".join(d["sentence"] for d in first["drivers"])
    assert "Senkaku" in sentences or "summon" in sentences


def test_events_filters(demo_db: str) -> None:
    rows = json.loads(
        _run(
            "events",
            "--dyad",
            "CHN",
            "JPN",
            "--cameo",
            "11",
            "--from",
            "2025-11-01",
            "-f",
            "json",
            "--db",
            demo_db,
        ).stdout
    )
    assert rows and all(r["cameo"].startswith("11") for r in rows)
    assert all({r["source_country"], r["target_country"]} == {"CHN", "JPN"} for r in rows)
    assert all(r["date"] >= "2025-11-01" for r in rows)


def test_network_triad_and_exports(demo_db: str, tmp_path: Path) -> None:
    graphml = tmp_path / "net.graphml"
    _run("network", "--graphml", str(graphml), "--db", demo_db)
    assert {"CHN", "JPN", "USA"} <= set(nx.read_graphml(graphml).nodes)
    triad = json.loads(_run("triad", "USA", "CHN", "JPN", "-f", "json", "--db", demo_db).stdout)
    assert triad[0]["nodes"] == ["USA", "CHN", "JPN"]
    gdelt = tmp_path / "events.tsv"
    _run("export", str(gdelt), "--as", "gdelt", "--actor", "JPN", "--db", demo_db)
    with gdelt.open(encoding="utf-8") as handle:
        header = next(csv.reader(handle, delimiter="\t"))
    assert len(header) == 61 and header[0] == "GLOBALEVENTID"


def test_a_store_that_cannot_be_read_is_one_clear_line(tmp_path: Path) -> None:
    bad = tmp_path / "not-a-store.duckdb"
    bad.write_text("this is not a database", "utf-8")
    result = CliRunner().invoke(cli, ["events", "--db", str(bad)])
    assert result.exit_code == 3
    assert result.stderr.startswith("flashpoint: error:") and result.stderr.count("\n") == 1
