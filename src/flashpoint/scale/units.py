"""Work units: the inputs of a batch cut into pieces that a worker codes on its own.

Units are fixed by the inputs alone, never by the number of workers, so a batch
writes the same files on a laptop or on a hundred machines, and a rerun can tell
which units are done. Small files are grouped; a JSONL file is cut at line
boundaries by byte offset (a worker seeks, it never rereads what comes before); a
Parquet file of documents is cut by rows; a gzipped JSONL file cannot be entered in
the middle and is one unit.
"""

from __future__ import annotations

import gzip
import hashlib
import itertools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import pyarrow.parquet as pq

from flashpoint.config import Settings
from flashpoint.errors import ConfigError
from flashpoint.ingest import SUFFIXES, file_kind, jsonl_record, read_inputs, record_document, skip
from flashpoint.model import Document, Skip, SkipReason

__all__ = ["Plan", "Unit", "plan_units", "read_unit"]

UnitKind = Literal["files", "jsonl", "parquet"]
Item = Document | Skip

#: The columns a Parquet file of documents may have; ``text`` or ``html`` is required.
DOCUMENT_COLUMNS = ("id", "text", "html", "url", "title", "published")


@dataclass(frozen=True, slots=True, kw_only=True)
class Unit:
    """One piece of work: files, or a range of one JSONL or Parquet file.

    ``start``/``stop`` are byte offsets for JSONL (``stop`` -1: to the end) and row
    numbers for Parquet; ``line`` is the line number at ``start``, for skip sources.
    ``seq`` is the unit's place in input order, which orders the output for ingest.
    """

    seq: int
    kind: UnitKind
    paths: tuple[str, ...]
    sizes: tuple[int, ...]
    start: int = 0
    stop: int = -1
    line: int = 1

    @property
    def id(self) -> str:
        """Stable name of the unit: its files, their sizes and its range."""
        parts = (self.kind, *self.paths, *map(str, self.sizes), str(self.start), str(self.stop))
        return hashlib.sha256("\0".join(parts).encode()).hexdigest()[:16]


@dataclass(frozen=True, slots=True, kw_only=True)
class Plan:
    units: tuple[Unit, ...]
    skips: tuple[Skip, ...]


def _files(given: str) -> Iterator[Path | Skip]:
    path = Path(given)
    if "://" in given:
        yield skip(given, SkipReason.UNSUPPORTED, "batch reads files; fetch URLs with ingest")
    elif path.is_dir():
        # Hidden files and folders (.git, .DS_Store) are not inputs anyone means to give.
        for found in sorted(path.rglob("*")):
            hidden = any(part.startswith(".") for part in found.relative_to(path).parts)
            if found.is_file() and not hidden:
                yield found
    elif path.is_file():
        yield path
    else:
        yield skip(given, SkipReason.NOT_FOUND, "no such file or folder")


def _kind(path: Path) -> UnitKind | None:
    kind = file_kind(path)
    if kind == ".parquet":
        return "parquet"
    if kind == ".jsonl":
        return "jsonl"
    return "files" if kind in SUFFIXES else None


def _line_starts(path: Path, every: int) -> Iterator[tuple[int, int]]:
    """(byte offset, line number) of line 1 and of every ``every``-th line after it."""
    offset = 0
    with path.open("rb") as handle:
        for number, line in enumerate(handle, start=1):
            if (number - 1) % every == 0:
                yield offset, number
            offset += len(line)


def _split(path: Path, kind: UnitKind, size: int) -> Iterator[dict[str, Any]]:
    if kind == "parquet":
        rows = pq.ParquetFile(path).metadata.num_rows
        for start in range(0, rows, size):
            yield {"start": start, "stop": min(start + size, rows)}
    elif path.suffix.lower() == ".gz":
        yield {}
    else:
        starts = list(_line_starts(path, size))
        stops = [offset for offset, _ in starts[1:]] + [-1] * bool(starts)
        for (start, line), stop in zip(starts, stops, strict=True):
            yield {"start": start, "stop": stop, "line": line}


class _Planner:
    def __init__(self, size: int) -> None:
        self.size = size
        self.units: list[Unit] = []
        self.skips: list[Skip] = []
        self.group: list[Path] = []

    def add(self, kind: UnitKind, paths: list[Path], **bounds: Any) -> None:
        sizes = tuple(p.stat().st_size for p in paths)
        names = tuple(str(p) for p in paths)
        self.units.append(Unit(seq=len(self.units), kind=kind, paths=names, sizes=sizes, **bounds))

    def flush(self) -> None:
        if self.group:
            self.add("files", self.group)
            self.group = []

    def take(self, path: Path) -> None:
        kind = _kind(path)
        if kind is None:
            self.skips.append(skip(str(path), SkipReason.UNSUPPORTED, "not a supported file type"))
        elif kind == "files":
            self.group.append(path)
            if len(self.group) == self.size:
                self.flush()
        else:
            # Flushing first keeps input order, which is the order events cluster in.
            self.flush()
            for bounds in _split(path, kind, self.size):
                self.add(kind, [path], **bounds)


def plan_units(inputs: Iterable[str], size: int) -> Plan:
    """Cut ``inputs`` (files and folders) into units of about ``size`` documents."""
    if size < 1:
        raise ConfigError(f"unit size must be at least 1, not {size}")
    planner = _Planner(size)
    for found in itertools.chain.from_iterable(_files(given) for given in inputs):
        if isinstance(found, Skip):
            planner.skips.append(found)
        else:
            planner.take(found)
    planner.flush()
    return Plan(units=tuple(planner.units), skips=tuple(planner.skips))


def _jsonl_lines(unit: Unit) -> Iterator[tuple[int, bytes]]:
    path = Path(unit.paths[0])
    opener = gzip.open if path.suffix.lower() == ".gz" else Path.open
    with opener(path, "rb") as handle:
        handle.seek(unit.start)
        offset = unit.start
        for number, line in enumerate(handle, start=unit.line):
            if unit.stop != -1 and offset >= unit.stop:
                return
            offset += len(line)
            yield number, line


def _jsonl(unit: Unit, settings: Settings) -> Iterator[Item]:
    for number, raw in _jsonl_lines(unit):
        where = f"{unit.paths[0]}:{number}"
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError:
            yield skip(where, SkipReason.UNDECODABLE, "line is not UTF-8")
            continue
        if line.strip():
            yield jsonl_record(line, where, settings)


def _parquet(unit: Unit) -> Iterator[Item]:
    source = pq.ParquetFile(unit.paths[0])
    names = [c for c in DOCUMENT_COLUMNS if c in source.schema_arrow.names]
    first = 0
    for group in range(source.num_row_groups):
        rows = source.metadata.row_group(group).num_rows
        lo, hi = max(unit.start, first), min(unit.stop, first + rows)
        if lo < hi:
            table = source.read_row_group(group, columns=names).slice(lo - first, hi - lo)
            for number, record in enumerate(table.to_pylist(), start=lo):
                yield record_document(record, f"{unit.paths[0]}#{number}")
        first += rows


def read_unit(unit: Unit, settings: Settings) -> Iterator[Item]:
    """The unit's documents (or skips), in order."""
    if unit.kind == "jsonl":
        yield from _jsonl(unit, settings)
    elif unit.kind == "parquet":
        yield from _parquet(unit)
    else:
        yield from read_inputs(unit.paths, settings)
