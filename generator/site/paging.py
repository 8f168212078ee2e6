"""Long lists split over pages of at most `page_size` entries, at URLs that stay put.

A `Listing` is one ordered list (a month of the archive, a tag, the corrections
log, everything on a person's page…) cut into pages: page 1 at `base`, page n
at `<more><n>/`. No two lists can share a URL:

- record pages: `people/<id>/`, then `people/<id>/2/` (ids never contain '/');
- pages of the archive and of tags live in folders no record uses:
  `archive/2020-01/`, `archive/undated/`, `tags/<anchor>/`, each continued at `…/2/`;
- the index pages that share a kind's folder with its records (corrections log,
  people A–Z, events, organizations) continue in folders of their own:
  `corrections-log/2/`, `people-a-z/<letter>/`, `events-by-year/<year>/`,
  `organizations-by-kind/<kind>/` — any name in `people/` could be a record id.

Page 1 says how many entries the list holds in all and links every page; pages
2, 3, … say which entries they hold (so an entry added at the end changes only
the first and the last pages; see `Listing.affected`).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property

from generator.core.models import Record
from generator.site.index_pages import LIST_FOLDERS


@dataclass(frozen=True)
class Entry:
    """One line of a list: the record, and where it files on its page."""

    record: Record
    section: str = ""  # key of its h2 section ('statements', 'named', …), '' on index pages
    group: str = ""  # its h3 group heading inside the section ('2020', an event's title), '' for none
    group_record: Record | None = None  # the record the group is about (an event), linked from the heading
    depth: int = 0  # nesting in a tree (events)


@dataclass
class Listing:
    base: str  # uri of page 1, e.g. 'corrections.md'
    more: str  # folder of pages 2, 3, …, e.g. 'corrections-log/'
    entries: list[Entry]
    size: int
    sections: dict[str, str] = field(default_factory=dict)  # section key → heading, in order

    @property
    def count(self) -> int:
        """How many pages: at least one, so an empty list still has its page."""
        return max(1, -(-len(self.entries) // self.size))

    def uri(self, number: int) -> str:
        return self.base if number == 1 else f"{self.more}{number}.md"

    def part(self, number: int) -> Part:
        if not 1 <= number <= self.count:
            raise KeyError(f"{self.base} has no page {number}")
        return Part(self, number)

    @cached_property
    def _positions(self) -> dict[str, int]:
        first: dict[str, int] = {}
        for index, entry in enumerate(self.entries):
            first.setdefault(entry.record.id, index)
        return first

    def page_of(self, record_id: str) -> int | None:
        index = self._positions.get(record_id)
        return None if index is None else index // self.size + 1

    def affected(self, record_id: str, batch: int = 1) -> list[int]:
        """The pages to render again when this record is added, changed or removed (ask the site
        that holds it: the new one after an addition, the old one after a removal, both after an
        edit): page 1 (it shows the total), every page from the record's on (entries shift), and
        all pages when the change may alter the number of pages (every pager lists them all).
        `batch` is how many records change at once: adding or removing up to that many entries
        changes the number of pages only when the list's last page holds at most that many."""
        page = self.page_of(record_id)
        if page is None:
            return []
        if 1 <= len(self.entries) % self.size <= batch or self.size <= batch:
            return list(range(1, self.count + 1))
        return sorted({1, *range(page, self.count + 1)})

    def section_pages(self) -> list[tuple[str, str, int, int]]:
        """(key, heading, entries, page it starts on) of each non-empty section, for page 1's contents."""
        counts: dict[str, int] = defaultdict(int)
        starts: dict[str, int] = {}
        for index, entry in enumerate(self.entries):
            counts[entry.section] += 1
            starts.setdefault(entry.section, index // self.size + 1)
        return [(key, heading, counts[key], starts[key]) for key, heading in self.sections.items() if counts[key]]


@dataclass(frozen=True)
class Block:
    """A run of entries of one page under the same section and group headings."""

    section: str
    heading: str  # the section's heading ('' on index pages)
    group: str
    group_record: Record | None
    records: list[Record]
    depths: list[int]
    new_section: bool  # the first block of its section on this page (prints the h2)
    section_continued: bool  # its section began on an earlier page
    group_continued: bool  # its group began on an earlier page


@dataclass(frozen=True)
class Part:
    """One page of a listing."""

    listing: Listing
    number: int

    @property
    def count(self) -> int:
        return self.listing.count

    @property
    def first(self) -> int:  # 1-based positions of the page's first and last entries
        return (self.number - 1) * self.listing.size + 1

    @property
    def last(self) -> int:
        return min(self.number * self.listing.size, len(self.listing.entries))

    @property
    def total(self) -> int:
        return len(self.listing.entries)

    @property
    def entries(self) -> list[Entry]:
        return self.listing.entries[self.first - 1: self.last]

    @property
    def numbers(self) -> range:
        return range(1, self.count + 1)

    def uri(self, number: int) -> str:
        return self.listing.uri(number)

    def blocks(self) -> list[Block]:
        """The page's entries cut where the section or group changes; a block whose section or
        group began on the previous page says so ('continued')."""
        entries = self.listing.entries
        out: list[Block] = []
        for offset, entry in enumerate(self.entries):
            index = self.first - 1 + offset
            last = out[-1] if out else None
            if last and (last.section, last.group) == (entry.section, entry.group):
                last.records.append(entry.record)
                last.depths.append(entry.depth)
                continue
            before = entries[index - 1] if index > 0 and offset == 0 else None
            same_section = before is not None and before.section == entry.section
            out.append(Block(entry.section, self.listing.sections.get(entry.section, ""), entry.group,
                             entry.group_record, [entry.record], [entry.depth],
                             last is None or last.section != entry.section, same_section,
                             same_section and before.group == entry.group))  # type: ignore[union-attr]  # same_section: before is set
        return out


@dataclass(frozen=True)
class Group:
    """A list of the index pages split by a key: a month, a tag, a letter, a year, a kind."""

    key: str  # in the URL
    label: str
    listing: Listing

    @property
    def total(self) -> int:
        return len(self.listing.entries)


@dataclass(frozen=True)
class IndexPage:
    template: str
    title: str
    listing: Listing | None = None
    group: Group | None = None




def is_list_page(url: str) -> bool:
    """Whether a site URL ('/tags/iraq/', '/people/x/2/') is a page of a list rather than a record's
    or a fixed index page: its entries come and go with the content, so it may (the manifest)."""
    parts = url.strip("/").split("/")
    if parts[0] in LIST_FOLDERS:
        return len(parts) > 1
    return len(parts) == 3 and parts[2].isdigit()  # page n of a record: people/<id>/<n>/


__all__ = ["LIST_FOLDERS", "Block", "Entry", "Group", "IndexPage", "Listing", "Part", "is_list_page"]
