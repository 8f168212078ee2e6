"""Work spread over the machine's cores by forking: children start with the parent's memory.

The archive, its Site and the templates are built once in the parent; a forked
child sees them without pickling anything, and only its results travel back.
Results always come back in the items' order, so a parallel build writes exactly
what a serial one writes (tested).
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import signal
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from functools import partial
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")

# Below this many items one process is faster than starting workers.
PARALLEL_FROM = 500

def cores() -> int:
    """The cores this process may use (the scheduler's affinity, not the machine's count)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def workers_wanted(setting: int | None) -> int:
    """A `workers` setting: 0 or None means every core; 1 is a serial build."""
    return max(1, setting or cores())


def fork_map(function: Callable[[T], R], items: Sequence[T], workers: int, at_least: int | None = None) -> list[R]:
    """[function(item) for item in items], over `workers` processes from `at_least` items
    (default PARALLEL_FROM; below it one process is faster than forking).

    This process takes one share itself and forks a child for each other share (every
    `workers`-th item, so shares cost about the same); only the children's results are
    pickled back."""
    at_least = PARALLEL_FROM if at_least is None else at_least
    if workers < 2 or len(items) < at_least or "fork" not in multiprocessing.get_all_start_methods():
        with _frozen():
            return _map(function, items)
    shares = [items[start::workers] for start in range(workers)]
    children = [Forked(partial(_map, function, share)) for share in shares[1:]]
    with _frozen():  # after the forks: Forked unfreezes when it has forked
        mine = _map(function, shares[0])
    done = [mine] + [child.result() for child in children]
    results: list[R] = [None] * len(items)  # type: ignore[list-item]  # every slot is filled below
    for start, share in enumerate(done):
        results[start::workers] = share
    return results


@contextmanager
def _frozen() -> Iterator[None]:
    """The objects alive now (the archive, its site, the pages made so far: millions at 10,000
    records) left out of garbage collection while a map makes many small objects: the collector
    walked them all again and again (about 7 % of the page bodies' time at 10,000 records). They
    are collected as before afterwards."""
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def _map(function: Callable[[T], R], share: Sequence[T]) -> list[R]:
    return [function(item) for item in share]


class Forked:
    """`function()` run in a forked child while this process goes on; `result()` waits for it.

    The child's exception, if any, is raised again here; a child that dies without a
    word (killed, out of memory) raises ChildFailed."""

    def __init__(self, function: Callable[[], R]):
        # objects alive now are never collected in the child: its garbage collector then does not
        # write to (and so copy) every page of memory it shares with this process
        gc.freeze()
        context = multiprocessing.get_context("fork")
        self._receive, send = context.Pipe(duplex=False)
        self._process = context.Process(target=_report, args=(function, send), daemon=True)
        self._process.start()
        gc.unfreeze()  # this process goes on collecting as before
        send.close()

    def result(self):
        try:
            ok, value = self._receive.recv()
        except EOFError:
            ok, value = False, ChildFailed(f"a build process ended with status {self._process.exitcode}")
        finally:
            self._process.join()
            self._receive.close()
        if not ok:
            raise value
        return value

    def cancel(self) -> None:
        """Stop the child if it still runs (a failed build does not wait for it), and whatever it
        started (Pagefind): the child leads a process group of its own."""
        if self._process.is_alive() and self._process.pid is not None:  # alive, so started: it has a pid
            try:
                os.killpg(self._process.pid, signal.SIGTERM)
            except ProcessLookupError:  # it ended meanwhile
                pass
        self._process.join()


def _report(function: Callable, send) -> None:
    os.setpgid(0, 0)  # a group of its own, so that cancel() also stops the programs it runs
    try:
        outcome = (True, function())
    except BaseException as error:  # sent to the parent, which raises it
        outcome = (False, error if _picklable(error) else ChildFailed(f"{type(error).__name__}: {error}"))
    send.send(outcome)
    send.close()


def _picklable(error: BaseException) -> bool:
    import pickle

    try:
        pickle.loads(pickle.dumps(error))
    except Exception:
        return False
    return True


class ChildFailed(Exception):
    """A forked build process failed without an exception to show."""
__all__ = ["ChildFailed", "Forked", "PARALLEL_FROM", "cores", "fork_map", "workers_wanted"]
