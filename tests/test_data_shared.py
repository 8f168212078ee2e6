"""What the data outputs make once and share (a record's feed entry, its JSON summary and address,
the archive's day in calendars) writes the very bytes each output writes on its own."""

from __future__ import annotations

import sys

import pytest

from generator.core.archive import load_or_raise
from generator.core.settings import Settings
from generator.outputs.calendars import calendar, write_calendars
from generator.outputs.feeds import LIMIT, all_entries, all_feeds, archive_path, archives, atom, write_feeds
from generator.outputs.opendata import OpenData, _json_line
from generator.outputs.publication import Published
from generator.site.questions import Site

from conftest import REPO

sys.path.insert(0, str(REPO / "bench"))
import synthetic  # noqa: E402


@pytest.fixture(scope="module")
def published(tmp_path_factory) -> Published:
    # enough records that the archive's feed and the busiest people's feeds have archive documents
    root = tmp_path_factory.mktemp("shared")
    synthetic.write_tree(400, root / "content")
    settings = Settings(title="Shared <entries> & \"co\"", description="Line\u2028break")
    return Published(Site(load_or_raise(root / "content", settings), settings), "https://example.org/a b/")


def fresh(published: Published) -> Published:
    """The same site, published with nothing computed yet."""
    return Published(published.site, published.base, published.pages)


def test_every_feed_and_archive_document_is_what_it_is_written_alone(published, tmp_path):
    write_feeds(published, tmp_path)
    feeds = all_feeds(published)
    assert len(all_entries(published, feeds[0])) > 2 * LIMIT  # the archive's feed has archive documents
    for feed in feeds:
        alone = fresh(published)  # no entry made for an earlier feed
        every = all_entries(alone, feed)
        runs = archives(every)
        assert (tmp_path / feed.path).read_bytes() == atom(alone, feed, every[:LIMIT], len(runs))
        for number, run in enumerate(runs, start=1):
            assert (tmp_path / archive_path(feed, number)).read_bytes() == atom(alone, feed, run, len(runs), number)


def test_each_event_calendar_is_what_it_is_written_alone(published, tmp_path):
    assert write_calendars(published, tmp_path) > 0
    site = published.site
    for event in site.events:
        written = (tmp_path / published.page_of(event) / "event.ics").read_bytes()
        assert written == calendar(fresh(published), [event], f"{site.title(event)} – {site.settings.title}")


def test_record_json_and_sqlite_rows_come_from_one_document_per_record(published, tmp_path):
    shared = OpenData(published)
    shared.write_records(tmp_path)
    for record in shared.records:
        alone = OpenData(fresh(published)).document(record)
        assert (tmp_path / published.json_path(record)).read_text(encoding="utf-8") == _json_line(alone)
        assert shared.references(record) == alone["references"]
