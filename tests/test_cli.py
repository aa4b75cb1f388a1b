"""The command line: formats, exit codes and one clear line per problem."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from click.testing import CliRunner

from flashpoint.__about__ import __version__
from flashpoint.cli.main import cli

from .conftest import ROOT
from .httpserver import Reply, serve

EXAMPLES = ROOT / "examples" / "articles"


def _run(*args: str, stdin: str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), input=stdin)
    return result.exit_code, result.stdout, result.stderr


def test_version_and_help_everywhere() -> None:
    code, out, _ = _run("--version")
    assert code == 0 and __version__ in out
    for command in (["extract"], ["settings"], ["rules"], ["eval"], ["eval", "extraction"]):
        code, out, _ = _run(*command, "--help")
        assert code == 0 and "Usage:" in out, command


def test_extract_jsonl_contract() -> None:
    code, out, err = _run("extract", str(EXAMPLES / "seafood-ban.txt"), "--format", "jsonl")
    assert code == 0, err
    (record,) = [json.loads(line) for line in out.splitlines()]
    assert record["published"] == "2025-11-19"
    assert record["published_source"] == "text-dateline"
    for block in record["blocks"]:
        assert record["text"][block["start"] : block["end"]]
    assert {r["rule"] for r in record["removed"]} >= {"paywall-overlay", "byline"}


def test_batch_with_bad_records_reports_each_and_exits_partial() -> None:
    code, out, err = _run("extract", str(EXAMPLES / "batch.jsonl"), "--format", "json")
    assert code == 1
    assert [r["input_id"] for r in json.loads(out)] == ["wire-001", "wire-002"]
    lines = err.strip().splitlines()
    assert len(lines) == 3 and all(line.startswith("flashpoint: skipped ") for line in lines)
    assert "[language]" in lines[1] and "[bad-record]" in lines[2]


def test_csv_and_table(tmp_path: Path) -> None:
    code, out, _ = _run("extract", str(EXAMPLES / "harbour-standoff.html"), "-f", "csv")
    assert code == 0
    (row,) = list(csv.DictReader(io.StringIO(out)))
    assert row["published"] == "2025-11-17" and row["site"] == "The Harbour Ledger"
    code, out, _ = _run("extract", str(EXAMPLES / "harbour-standoff.html"))
    assert code == 0 and "[caption]" in out and "photo-credit" in out


def test_nothing_usable_exits_4_with_one_line(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    code, out, err = _run("extract", str(empty))
    assert code == 4 and out == ""
    assert err == f"flashpoint: skipped {empty}: empty input [empty]\n"


def test_stdin_and_skips_file(tmp_path: Path) -> None:
    skips = tmp_path / "skips.jsonl"
    text = (EXAMPLES / "seafood-ban.txt").read_text()
    code, out, _ = _run("extract", "-", "--skips", str(skips), "-f", "jsonl", stdin=text)
    assert code == 0 and json.loads(out)["source"] == "stdin"
    assert skips.read_text() == ""
    code, _, _ = _run("extract", str(tmp_path / "absent.txt"), "--skips", str(skips))
    assert code == 4
    assert json.loads(skips.read_text())["reason"] == "not-found"


def test_published_fallback_flag(tmp_path: Path) -> None:
    story = tmp_path / "story.txt"
    story.write_text(
        "South Korea and Japan agreed on Friday to resume regular security talks after a "
        "gap of several years, officials from both governments said in Seoul."
    )
    code, out, _ = _run("extract", str(story), "--published", "2025-12-05", "-f", "json")
    assert code == 0
    assert json.loads(out)[0]["published"] == "2025-12-05"
    assert json.loads(out)[0]["published_source"] == "default"


def test_config_errors_are_one_line_exit_3(tmp_path: Path) -> None:
    code, _, err = _run("--set", "min_words=lots", "settings")
    assert code == 3 and err == "flashpoint: error: setting 'min_words' expects int, got 'lots'\n"
    bad_rules = tmp_path / "rules.toml"
    bad_rules.write_text("version = 7\n")
    code, _, err = _run("--set", f"cleaning_rules={bad_rules}", "rules")
    assert code == 3 and "expected 'version = 1'" in err


def test_settings_show_overrides() -> None:
    code, out, _ = _run("--set", "min_words=3", "settings", "-f", "json")
    assert code == 0
    rows = {r["name"]: r for r in json.loads(out)}
    assert rows["min_words"]["value"] == "3" and rows["min_words"]["default"] == "20"


def test_usage_error_exit_2() -> None:
    code, _, _ = _run("extract")
    assert code == 2


def test_extract_urls_and_feeds_from_a_local_server() -> None:
    page = (EXAMPLES / "harbour-standoff.html").read_text()
    with serve() as server:
        story = server.page("/world/standoff", page)
        dead = server.route("/world/gone", Reply(status=404, body=b"gone"))
        feed = (
            '<?xml version="1.0"?><rss version="2.0"><channel><title>Ledger</title>'
            f"<item><title>Standoff</title><link>{story}</link></item>"
            f"<item><title>Gone</title><link>{dead}</link></item>"
            "</channel></rss>"
        )
        feed_url = server.route(
            "/feed.xml", Reply(body=feed.encode(), headers={"Content-Type": "application/rss+xml"})
        )
        code, out, err = _run("extract", story, feed_url, "-f", "jsonl")
    records = [json.loads(line) for line in out.splitlines()]
    assert code == 1
    assert [r["url"] for r in records] == [story, story]
    assert records[1]["title"] == "Standoff"
    assert err == f"flashpoint: skipped {dead}: HTTP 404 Not Found [http-error]\n"


def test_unreachable_url_is_one_line() -> None:
    with serve() as server:
        closed = server.url("/nothing").replace(str(server.port), "1")
    code, out, err = _run("extract", closed)
    assert code == 4 and out == ""
    assert err.startswith(f"flashpoint: skipped {closed}: ") and err.endswith("[unreachable]\n")


def test_actors_command_with_user_dictionary(tmp_path: Path) -> None:
    mine = tmp_path / "mine.toml"
    mine.write_text(
        'version = 1\n[[person]]\nid = "ana-ledger"\nname = "Ana Ledgerwood"\n'
        'aliases = ["Ledgerwood"]\n'
        '[[person.role]]\ncountry = "NZL"\nrole = "foreign-minister"\ntitle = "Foreign Minister"\n'
        'start = "2025-01-01"\nsource = "test fixture"\n'
    )
    story = tmp_path / "story.txt"
    story.write_text(
        "Foreign Minister Ana Ledgerwood met Chinese diplomats in Wellington on Friday to discuss "
        "fishing rights, and said New Zealand wanted calm talks."
    )
    code, out, err = _run(
        "actors", str(story), "--actors", str(mine), "--published", "2025-11-21", "-f", "json"
    )
    assert code == 0, err
    rows = json.loads(out)
    assert rows[0]["code"] == "NZLGOV" and rows[0]["kb_id"] == "ana-ledger"
    text = story.read_text()
    assert all(text[r["start"] : r["end"]] == r["text"] for r in rows)
    assert ("Chinese diplomats", "CHNGOV") in [(r["text"], r["code"]) for r in rows]
