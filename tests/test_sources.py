"""Reading inputs: every kind of file yields Documents, every bad one a Skip with a reason."""

from __future__ import annotations

import dataclasses
import datetime as dt
import gzip
import io
import json
from pathlib import Path

import pytest

from flashpoint.config import Settings
from flashpoint.ingest import iter_articles, read_inputs
from flashpoint.model import Article, Document, Skip, SkipReason

STORY = (
    "Japan's foreign minister met her Chinese counterpart in Kuala Lumpur on Thursday and "
    "asked Beijing to lift its ban on seafood imports, officials in Tokyo said afterwards."
)
PAGE = f"<html><body><article><h1>Ministers meet</h1><p>{STORY}</p></article></body></html>"


def _read(*inputs: str, settings: Settings | None = None) -> list[Document | Skip]:
    return list(read_inputs(inputs, settings or Settings()))


def _reasons(items: list[Document | Skip]) -> list[str]:
    return [i.reason.value if isinstance(i, Skip) else "doc" for i in items]


def test_file_kinds(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_text(PAGE)
    (tmp_path / "b.txt").write_text(STORY)
    (tmp_path / "c.md").write_text(f"# Ministers meet\n\n{STORY}")
    with gzip.open(tmp_path / "d.html.gz", "wt") as handle:
        handle.write(PAGE)
    docs = _read(*(str(tmp_path / n) for n in ("a.html", "b.txt", "c.md", "d.html.gz")))
    assert [d.format for d in docs if isinstance(d, Document)] == ["html", "text", "text", "html"]
    assert isinstance(docs[2], Document) and docs[2].content.startswith("Ministers meet")


def test_jsonl_records_and_bad_lines(tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": "1", "text": STORY, "published": "2025-11-20", "title": "T"}),
        json.dumps({"id": "2", "html": PAGE, "url": "https://example.org/2"}),
        json.dumps({"id": "3"}),
        "{not json",
        json.dumps({"id": "5", "text": STORY, "published": "last week"}),
        json.dumps(["a list"]),
        "",
    ]
    (tmp_path / "batch.jsonl").write_text("\n".join(lines))
    items = _read(str(tmp_path / "batch.jsonl"))
    assert _reasons(items) == ["doc", "doc", "bad-record", "bad-record", "bad-record", "bad-record"]
    first = items[0]
    assert isinstance(first, Document)
    assert (first.id, first.published, first.title) == ("1", dt.date(2025, 11, 20), "T")
    assert [i.source for i in items][2:4] == [
        f"{tmp_path}/batch.jsonl:3",
        f"{tmp_path}/batch.jsonl:4",
    ]


def test_json_file_with_list_and_object(tmp_path: Path) -> None:
    (tmp_path / "list.json").write_text(json.dumps([{"text": STORY}, {"html": PAGE}]))
    (tmp_path / "one.json").write_text(json.dumps({"text": STORY}))
    (tmp_path / "bad.json").write_text("[{")
    assert _reasons(_read(*(str(tmp_path / n) for n in ("list.json", "one.json", "bad.json")))) == [
        "doc",
        "doc",
        "doc",
        "malformed",
    ]


def test_bad_files_become_skips(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("  \n")
    (tmp_path / "image.html").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(100))
    (tmp_path / "big.txt").write_text("word " * 100)
    (tmp_path / "broken.gz").write_bytes(b"not gzip at all")
    small = dataclasses.replace(Settings(), max_bytes=200)
    names = ("empty.txt", "image.html", "big.txt", "broken.gz", "absent.txt")
    items = _read(*(str(tmp_path / n) for n in names), settings=small)
    assert _reasons(items) == ["empty", "binary", "too-large", "malformed", "not-found"]
    assert all(isinstance(i, Skip) and i.detail for i in items)


def test_gzip_bomb_is_capped_not_inflated(tmp_path: Path) -> None:
    with gzip.open(tmp_path / "bomb.txt.gz", "wb") as handle:
        handle.write(b"a" * 5_000_000)
    small = dataclasses.replace(Settings(), max_bytes=10_000)
    assert _reasons(_read(str(tmp_path / "bomb.txt.gz"), settings=small)) == ["too-large"]


def test_undecodable_text(tmp_path: Path) -> None:
    # Every high byte, including those Windows-1252 leaves undefined: no charset fits.
    (tmp_path / "odd.txt").write_bytes(bytes(range(128, 256)) * 3)
    (item,) = _read(str(tmp_path / "odd.txt"))
    assert isinstance(item, Skip)
    assert item.reason is SkipReason.UNDECODABLE


def test_latin1_text_is_decoded(tmp_path: Path) -> None:
    (tmp_path / "latin.txt").write_bytes(("Café crème à Zürich. " * 30).encode("latin-1"))
    (item,) = _read(str(tmp_path / "latin.txt"))
    assert isinstance(item, Document) and "Café crème à Zürich." in item.content


def test_folder_is_recursive_and_reports_unsupported(tmp_path: Path) -> None:
    (tmp_path / "sub" / "deeper").mkdir(parents=True)
    (tmp_path / "sub" / "deeper" / "story.txt").write_text(STORY)
    (tmp_path / "top.html").write_text(PAGE)
    (tmp_path / "photo.png").write_bytes(b"\x89PNG")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "x.txt").write_text(STORY)
    items = _read(str(tmp_path))
    assert [Path(i.source).name for i in items] == ["photo.png", "story.txt", "top.html"]
    assert _reasons(items) == ["unsupported", "doc", "doc"]


def test_stdin() -> None:
    items = list(read_inputs(["-"], Settings(), stdin=io.BytesIO(PAGE.encode())))
    assert len(items) == 1 and isinstance(items[0], Document)
    assert (items[0].source, items[0].format) == ("stdin", "html")


def test_batch_goes_on_past_bad_documents(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(STORY)
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "german.txt").write_text(
        "Die Außenministerin traf am Donnerstag ihren chinesischen Amtskollegen und forderte "
        "Peking auf, das Einfuhrverbot für Meeresfrüchte aufzuheben, sagten Beamte in Tokio."
    )
    results = list(iter_articles([str(tmp_path)], Settings()))
    assert [type(r).__name__ for r in results] == ["Skip", "Skip", "Article"]
    skips = {Path(r.source).name: r.reason for r in results if isinstance(r, Skip)}
    assert skips == {"empty.txt": SkipReason.EMPTY, "german.txt": SkipReason.LANGUAGE}


@pytest.mark.parametrize("source", ["input", "default"])
def test_published_precedence(tmp_path: Path, source: str) -> None:
    record = {"text": STORY}
    if source == "input":
        record["published"] = "2025-11-20T23:00:00Z"
    (tmp_path / "one.jsonl").write_text(json.dumps(record))
    (article,) = iter_articles(
        [str(tmp_path / "one.jsonl")], Settings(), default_published=dt.date(2025, 1, 1)
    )
    assert isinstance(article, Article)
    assert article.published_source == source
    expected = dt.date(2025, 11, 20) if source == "input" else dt.date(2025, 1, 1)
    assert article.published == expected
