"""Where a build spends its time: named phases, progress lines on long builds.

Each phase of our code (load, graph, pages, search, data outputs) is timed here so a
build can say how long it took beside the time inside the builder; `ARCHIVE_TIMINGS`
names a JSON file to write them to (the benchmark reads it).
"""

from __future__ import annotations

import json
import logging
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager

log = logging.getLogger("mkdocs.plugins.archive")

# A build with at least this many pages logs its progress.
PROGRESS_FROM = 5000


class Phases:
    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self.counts: dict[str, int] = {}

    @contextmanager
    def timed(self, name: str, count: int | None = None) -> Iterator[None]:
        start = time.perf_counter()
        try:
            yield
        finally:
            took = time.perf_counter() - start
            self.seconds[name] = self.seconds.get(name, 0.0) + took
            if count is not None:
                self.counts[name] = count
                if count >= PROGRESS_FROM:
                    log.info("%s: %d records in %.1f s", name, count, took)

    @property
    def ours(self) -> float:
        return sum(self.seconds.values())

    def write(self, total: float) -> None:
        """Write the phases to the file `ARCHIVE_TIMINGS` names, if any."""
        path = os.environ.get("ARCHIVE_TIMINGS")
        if path:
            data = {"total": total, "ours": self.ours, "builder": max(total - self.ours, 0.0),
                    "phases": self.seconds, "counts": self.counts}
            with open(path, "w", encoding="utf-8") as out:
                json.dump(data, out, indent=1)


__all__ = ["Phases", "PROGRESS_FROM"]
