"""ordered_map: input order whatever the workers' speed, bounded read-ahead, errors raised."""

from __future__ import annotations

import itertools
import time
from collections.abc import Iterator

import pytest

from flashpoint.fanout import AHEAD, ordered_map


def _squares_slowly(chunk: list[int]) -> list[int]:
    # Early chunks take longest, so a worker finishing later chunks first is likely.
    time.sleep(0.05 if chunk[0] < 8 else 0.0)
    return [x * x for x in chunk]


def _fail_on_seven(chunk: list[int]) -> list[int]:
    if 7 in chunk:
        raise ValueError("seven")
    return chunk


def test_results_come_in_input_order() -> None:
    found = list(ordered_map(_squares_slowly, range(30), workers=2, chunk=4))
    assert [part for part, _ in found] == [list(range(i, min(i + 4, 30))) for i in range(0, 30, 4)]
    assert [x for _, squares in found for x in squares] == [x * x for x in range(30)]


def test_the_input_is_read_only_a_bounded_way_ahead() -> None:
    read = 0

    def endless() -> Iterator[int]:
        nonlocal read
        for n in itertools.count():
            read = n + 1
            yield n

    results = ordered_map(_squares_slowly, endless(), workers=2, chunk=3)
    first = [next(results) for _ in range(5)]
    results.close()
    assert [part for part, _ in first][-1] == [12, 13, 14]
    # The five chunks taken, plus at most a full window queued behind them.
    assert read <= 3 * (5 + AHEAD * 2)


def test_an_error_in_a_worker_is_raised_to_the_caller() -> None:
    with pytest.raises(ValueError, match="seven"):
        list(ordered_map(_fail_on_seven, range(20), workers=2, chunk=2))


def test_empty_input_gives_nothing() -> None:
    assert list(ordered_map(_squares_slowly, [], workers=2, chunk=4)) == []
