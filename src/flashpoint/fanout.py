"""An ordered map over chunks of a stream, in worker processes, with bounded memory.

``multiprocessing.Pool.imap`` reads its whole input ahead of the workers, so a long
stream would sit in memory; here at most two chunks per worker are in flight.
"""

from __future__ import annotations

import collections
import itertools
import multiprocessing
from collections.abc import Callable, Generator, Iterable
from multiprocessing.pool import ApplyResult
from typing import TypeVar

__all__ = ["ordered_map"]

T = TypeVar("T")
R = TypeVar("R")

#: Chunks queued per worker: one running, one waiting, so no worker idles between chunks.
AHEAD = 2


def ordered_map(
    work: Callable[[list[T]], R],
    items: Iterable[T],
    *,
    workers: int,
    chunk: int,
    initializer: Callable[..., object] | None = None,
    initargs: tuple[object, ...] = (),
) -> Generator[tuple[list[T], R], None, None]:
    """Each chunk of ``items`` with ``work(chunk)``, computed by ``workers`` processes.

    Results come in input order, whatever order the workers finish in. ``work`` and
    ``initializer`` must be picklable (module-level functions or partials of them). An
    exception in ``work`` is raised here, and closing the iterator stops the workers.
    """
    pending = iter(items)
    window: collections.deque[tuple[list[T], ApplyResult[R]]] = collections.deque()
    # The platform's default start method, as spaCy's own n_process uses.
    with multiprocessing.get_context().Pool(workers, initializer, initargs) as pool:
        while True:
            while len(window) < AHEAD * workers:
                part = list(itertools.islice(pending, chunk))
                if not part:
                    break
                window.append((part, pool.apply_async(work, (part,))))
            if not window:
                return
            part, result = window.popleft()
            yield part, result.get()
