"""Cutting a batch's inputs into units, and reading each unit back."""

from __future__ import annotations

import datetime as dt
import gzip
import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from flashpoint.config import Settings
from flashpoint.errors import ConfigError
from flashpoint.model import Document, Skip, SkipReason
from flashpoint.scale import plan_units, read_unit


def _jsonl(path: Path, texts: list[str]) -> Path:
    path.write_text(
        "".join(json.dumps({"id": f"d{i}", "text": t}) + "\n" for i, t in enumerate(texts))
    )
    return path


def _read_all(inputs: list[str], size: int) -> list[Document | Skip]:
    plan = plan_units(inputs, size)
    return [item for unit in plan.units for item in read_unit(unit, Settings())]


@settings(max_examples=40, deadline=None)
@given(
    texts=st.lists(st.text(alphabet="abc é\u4e2d", min_size=1, max_size=30), max_size=25),
    size=st.integers(min_value=1, max_value=7),
)
def test_jsonl_units_cover_every_line_once(
    tmp_path_factory: pytest.TempPathFactory, texts: list[str], size: int
) -> None:
    path = _jsonl(tmp_path_factory.mktemp("jsonl") / "docs.jsonl", texts)
    plan = plan_units([str(path)], size)
    assert len(plan.units) == -(-len(texts) // size)
    items = [item for unit in plan.units for item in read_unit(unit, Settings())]
    assert [getattr(i, "id", None) for i in items] == [f"d{i}" for i in range(len(texts))]
    # Sources name the line, as a one-process read would.
    assert [i.source for i in items] == [f"{path}:{n}" for n in range(1, len(texts) + 1)]


def test_small_files_are_grouped_and_big_ones_cut(tmp_path: Path) -> None:
    for n in range(5):
        (tmp_path / f"story-{n}.txt").write_text(f"Story number {n}.")
    _jsonl(tmp_path / "wire.jsonl", ["one", "two", "three"])
    (tmp_path / ".hidden.txt").write_text("not an input")
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8")
    plan = plan_units([str(tmp_path), str(tmp_path / "missing"), "https://example.org/feed"], 2)
    kinds = [(u.kind, len(u.paths), u.seq) for u in plan.units]
    assert kinds == [
        ("files", 2, 0),
        ("files", 2, 1),
        ("files", 1, 2),
        ("jsonl", 1, 3),
        ("jsonl", 1, 4),
    ]
    assert sorted(s.reason for s in plan.skips) == sorted(
        [SkipReason.UNSUPPORTED, SkipReason.NOT_FOUND, SkipReason.UNSUPPORTED]
    )
    assert len({u.id for u in plan.units}) == len(plan.units)


def test_unit_ids_do_not_depend_on_anything_but_the_input(tmp_path: Path) -> None:
    _jsonl(tmp_path / "a.jsonl", ["one", "two", "three"])
    first = [u.id for u in plan_units([str(tmp_path)], 2).units]
    assert first == [u.id for u in plan_units([str(tmp_path)], 2).units]
    _jsonl(tmp_path / "a.jsonl", ["one", "two", "three", "four"])
    assert first != [u.id for u in plan_units([str(tmp_path)], 2).units]


def test_gzipped_jsonl_is_one_unit_and_bad_lines_are_skips(tmp_path: Path) -> None:
    lines = [json.dumps({"text": "fine"}), "{not json", json.dumps({"title": "no text"}), ""]
    path = tmp_path / "wire.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as handle:
        handle.write("\n".join(lines) + "\n")
    plan = plan_units([str(path)], 1)
    assert len(plan.units) == 1
    items = list(read_unit(plan.units[0], Settings()))
    assert isinstance(items[0], Document)
    assert [(i.source, i.reason) for i in items[1:] if isinstance(i, Skip)] == [
        (f"{path}:2", SkipReason.BAD_RECORD),
        (f"{path}:3", SkipReason.BAD_RECORD),
    ]


def test_parquet_of_documents_is_cut_by_rows(tmp_path: Path) -> None:
    table = pa.table(
        {
            "id": [f"p{i}" for i in range(7)],
            "text": [f"Text {i}." for i in range(7)],
            "published": [dt.date(2025, 11, 1 + i) for i in range(7)],
        }
    )
    path = tmp_path / "docs.parquet"
    pq.write_table(table, path, row_group_size=3)
    plan = plan_units([str(path)], 2)
    assert [(u.start, u.stop) for u in plan.units] == [(0, 2), (2, 4), (4, 6), (6, 7)]
    items = [i for u in plan.units for i in read_unit(u, Settings())]
    assert [i.id for i in items if isinstance(i, Document)] == [f"p{i}" for i in range(7)]
    assert items[3].source == f"{path}#3"
    assert isinstance(items[6], Document) and items[6].published == dt.date(2025, 11, 7)


def test_unit_size_must_be_positive() -> None:
    with pytest.raises(ConfigError, match="at least 1"):
        plan_units([], 0)
