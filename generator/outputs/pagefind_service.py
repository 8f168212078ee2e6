"""Pagefind bundles made from documents in memory, each with its URL, through Pagefind's service.

Pagefind's CLI takes each page's URL from its path, so indexing through it took a folder per
search document that mirrors the site (about 20,000 folders made, filled and removed at 10,000
records), and the order of pages in an index was the scratch disk's directory order (ext4's
name-hash order, tmpfs's another: the same content gave different bytes on another disk). Its
service mode (`pagefind --service`, driven by the `pagefind` package pinned with its binary)
takes each document with its URL, in the order given: no folders, and the same bundle for the
same documents and order on any machine. Given the CLI's page order it writes the CLI's bytes
(tests/test_search_documents.py).

Where `_Service` departs from the package's client, and why:
- it reads replies as they arrive (the package waits 0.1 s before reading each: 1,000 s for
  10,000 documents), and a service that exits fails every request still waiting, with what it printed;
- a bundle's files come back in one reply (up to REPLY_MAX; the package allows 2 MiB) and are
  written here: the service's own write_files answers before its last writes reach the disk
  (tokio writes files in the background), and a reader of the bundle found empty files;
- it ends the service by closing its input, not by a signal (see _stop).
"""

from __future__ import annotations

import asyncio
import base64
import json
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from pagefind.service import PagefindService

WINDOW = 256  # documents in flight to one service
# The longest reply: a bundle's files, base64 in JSON in base64 (about 15 MB for 8,000 documents)
REPLY_MAX = 1 << 30


class SearchIndexError(Exception):
    """Pagefind could not index the site; the message carries its output."""


class _Service(PagefindService):
    """The package's service client, with replies read as soon as Pagefind writes them."""

    _failure: SearchIndexError | None = None

    @property
    def _input(self) -> asyncio.StreamWriter:
        assert self._backend.stdin is not None  # launched with a pipe to each
        return self._backend.stdin

    @property
    def _output(self) -> asyncio.StreamReader:
        assert self._backend.stdout is not None
        return self._backend.stdout

    async def launch(self) -> _Service:
        """The package's launch, with room for a reply that holds a whole bundle (its limit is 2 MiB)."""
        self._backend = await asyncio.create_subprocess_exec(
            self._bin, "--service", stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.STDOUT, limit=REPLY_MAX)
        self._poll_task = self._loop.create_task(self._wait_for_responses())
        return self

    async def send(self, payload):
        if self._failure:  # the service is gone: nothing would ever answer
            raise self._failure
        return await super().send(payload)

    async def _wait_for_responses(self) -> None:
        try:
            while True:
                chunk = await self._output.readuntil(b",")
                try:
                    reply = json.loads(base64.b64decode(chunk[:-1], validate=True))
                    waiting, payload = self._responses.pop(reply.get("message_id"), None), reply["payload"]
                except (ValueError, KeyError, TypeError, AttributeError):  # not a reply: Pagefind printed an error
                    self._input.close()  # the service exits at the end of its input
                    said = chunk + await self._output.read()
                    break
                if waiting is None:  # a message Pagefind could not read names no request
                    continue
                if payload["type"] == "Error":
                    waiting.set_exception(SearchIndexError(payload["message"]))
                else:
                    waiting.set_result(payload)
        except asyncio.IncompleteReadError as error:  # it exited: what it printed last says why
            said = error.partial
        code = await self._backend.wait()
        self._failure = SearchIndexError(f"exited ({code}): {said.decode(errors='replace').strip()}")
        for waiting in self._responses.values():  # nothing will answer them now
            if not waiting.done():
                waiting.set_exception(self._failure)
        self._responses.clear()


Documents = Callable[[], Sequence[tuple[str, str]]]  # a bundle's (url, HTML) pairs, in page order


def write_bundles(bundles: Sequence[tuple[str, Documents]], out_dir: Path, workers: int = 2) -> None:
    """Write each bundle (name, its documents) into out_dir/name, `workers` services at a time.

    A bundle's documents are read only when its turn comes, so one bundle's texts at a time per
    service are in memory. Raises SearchIndexError naming the bundle Pagefind failed on."""
    # in a thread of its own: the caller's may be running an event loop (a server's, a browser driver's)
    with ThreadPoolExecutor(max_workers=1) as thread:
        thread.submit(lambda: asyncio.run(_write_all(list(bundles), out_dir, workers))).result()


async def _write_all(bundles: list[tuple[str, Documents]], out_dir: Path, workers: int) -> None:
    queue = list(reversed(bundles))
    failures: list[SearchIndexError] = []

    async def worker() -> None:
        try:
            service = _Service()
            await service.launch()
        except OSError as error:
            failures.append(SearchIndexError(f"Pagefind could not start: {error}"))
            return
        try:
            while queue and not failures:  # after a failure, the others finish what they index and stop
                name, documents = queue.pop()
                texts = documents()
                try:
                    await _write_one(service, texts, out_dir / name)
                except (SearchIndexError, OSError) as error:
                    if isinstance(error, OSError):  # its input closed: it exited, and the reader says why
                        await asyncio.wait([service._poll_task], timeout=5)
                    failures.append(SearchIndexError(f"Pagefind failed on {name}: {service._failure or error}"))
        finally:
            await _stop(service)

    await asyncio.gather(*(worker() for _ in range(min(workers, len(bundles)))))
    if failures:
        raise failures[0]


async def _write_one(service: _Service, documents: Sequence[tuple[str, str]], out: Path) -> None:
    index = await service.create_index()
    # sent WINDOW at a time: the service adds them in the order they arrive, one by one, and never
    # waits long for the next; all at once would queue every encoded document in the pipe's buffer
    for start in range(0, len(documents), WINDOW):
        await asyncio.gather(*(index.add_html_file(content=html, url=url)
                               for url, html in documents[start:start + WINDOW]))
    # the files come back in one reply and are written here: the service's own write_files
    # answers before its last writes reach the disk (tokio writes files in the background)
    for file in await index.get_files():
        target = out / file["path"]
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(file["content"])
    await index.delete_index()  # its pages leave the service's memory


async def _stop(service: _Service) -> None:
    """End the service: at the end of its input it exits. (Not the package's close(), which
    signals the process after polling it, and so can reap it before asyncio's watcher does.)"""
    if not service._input.is_closing():
        service._input.close()
    await service._backend.wait()
    service._poll_task.cancel()
