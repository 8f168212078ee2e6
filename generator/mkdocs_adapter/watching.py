"""The preview notices a saved file from the system's file events, not by polling.

MkDocs' live-reload server looks at every watched file twice a second (watchdog's polling
observer): over an archive of 10,000 records an edit waited up to half a second, plus the time to
look at every file, before the rebuild began. The system's own notifications (inotify on Linux,
FSEvents on macOS, ReadDirectoryChangesW on Windows; watchdog's `Observer` picks one) report a save
at once. Where they cannot be used (a file system without them, too few inotify watches), polling
stays.
"""

from __future__ import annotations

import logging

from watchdog.events import (
    DirCreatedEvent,
    DirDeletedEvent,
    DirMovedEvent,
    FileClosedEvent,
    FileCreatedEvent,
    FileDeletedEvent,
    FileModifiedEvent,
    FileMovedEvent,
)
from watchdog.observers import Observer

log = logging.getLogger("mkdocs.plugins.archive")

# What a save, an addition, a removal or a rename sends. Not opening or reading a file: MkDocs
# rebuilds on any event it is sent, and every build reads the watched files, so an observer that
# reports reads (inotify does) would rebuild for ever.
CHANGES: list = [FileCreatedEvent, FileModifiedEvent, FileDeletedEvent, FileMovedEvent, FileClosedEvent,
                 DirCreatedEvent, DirDeletedEvent, DirMovedEvent]


class _ChangesOnly(Observer):  # type: ignore[misc,valid-type]  # Observer is the platform's class, chosen at import
    """The system's observer, sending only what changes a file (MkDocs' server schedules its watches)."""

    def schedule(self, event_handler, path, *, recursive=False, event_filter=None, follow_symlink=False):
        return super().schedule(event_handler, path, recursive=recursive, event_filter=event_filter or CHANGES,
                                follow_symlink=follow_symlink)


def watch_natively(server) -> None:
    """Move the paths MkDocs' server watches so far onto the system's file events (called from
    on_serve, before the server starts watching; `watch:` entries of mkdocs.yml come after and join it)."""
    watched = dict(server._watched_paths)  # path → how many asked to watch it (MkDocs counts them)
    polling, refs = server.observer, dict(server._watch_refs)
    server.observer = _ChangesOnly()
    server._watched_paths.clear()
    server._watch_refs.clear()
    try:
        for path, count in watched.items():
            for _ in range(count):
                server.watch(path)
        log.info("preview: the system's file events (%s) tell of each save", _ChangesOnly.__bases__[0].__name__)
    except OSError as error:  # no events here: MkDocs' polling, as it was
        log.info("preview: file events unavailable (%s); polling for changes", error)
        server.observer = polling
        server._watched_paths.clear()
        server._watched_paths.update(watched)
        server._watch_refs.clear()
        server._watch_refs.update(refs)
