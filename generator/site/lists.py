"""The site's long lists, each a `paging.Listing`: the archive by month, tags, the corrections
log, people A–Z, events by year, organizations by kind, and everything a person's or an
organization's page lists. Computed once per build, each family only when first asked; and,
for incremental builds, which of them show a given record."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from functools import cached_property

from generator.core.dates import MONTHS
from generator.core.kinds import KIND
from generator.core.models import Organization, Person, Record
from generator.core.sources import FOLDER_OF
from generator.site.paging import Entry, Group, IndexPage, Listing
from generator.site.questions import _COLLATOR, Anchors, Site, _letter, slug

GROUP_BY_YEAR_FROM = 20  # a section of a record page longer than this is grouped by year
ARCHIVE_KINDS = ("article", "update", "quote", "correction", "event")
UNDATED = "undated"


class Paging:
    """Every paginated list of a site, computed once per build and only when first asked."""

    def __init__(self, site: Site):
        self.site = site
        self.size = site.settings.page_size
        self._records: dict[str, Listing | None] = {}

    def _listing(self, base: str, more: str, entries: Iterable[Entry], sections: dict[str, str] | None = None):
        return Listing(base, more, list(entries), self.size, sections or {})

    def _groups(self, folder: str, keyed: list[tuple[str, str, list[Entry]]]) -> dict[str, Group]:
        return {key: Group(key, label, self._listing(f"{folder}/{key}.md", f"{folder}/{key}/", entries))
                for key, label, entries in keyed}

    # --- the archive by date -----------------------------------------------

    @cached_property
    def months(self) -> dict[str, Group]:
        """'2020-01' → that month's records in time order; then the records with no date."""
        months: dict[tuple[int, int], list[Record]] = defaultdict(list)
        undated: list[Record] = []
        for record in self.site.public.values():
            if record.kind in ARCHIVE_KINDS:
                when = self.site.when(record)
                (months[(when.year, when.day.month)] if when else undated).append(record)
        keyed = [(f"{y:04d}-{m:02d}", f"{MONTHS[m - 1]} {y}", _plain(self.site.sorted(months[(y, m)])))
                 for y, m in sorted(months)]
        if undated:
            keyed.append((UNDATED, "No date", _plain(self.site.sorted(undated))))
        return self._groups("archive", keyed)

    def years(self) -> list[tuple[int, int, list[Group]]]:
        """(year, records, its months) for the archive's index, oldest first."""
        years: dict[int, list[Group]] = defaultdict(list)
        for key, group in self.months.items():
            if key != UNDATED:
                years[int(key[:4])].append(group)
        return [(year, sum(g.total for g in groups), groups) for year, groups in sorted(years.items())]

    # --- tags --------------------------------------------------------------

    @cached_property
    def tags(self) -> dict[str, Group]:
        """Tag → what carries it, in time order and grouped by year; in collation order of the tags."""
        anchors = self.site.tag_anchors
        keyed = []
        for tag, records in sorted(self.site.tags(), key=lambda pair: (_COLLATOR.sort_key(pair[0]), pair[0])):
            keyed.append((anchors[tag], tag, [Entry(r, group=_year(self.site, r)) for r in records]))
        groups = self._groups("tags", keyed)
        return {tag: groups[anchors[tag]] for _, tag, _ in keyed}

    def tags_az(self) -> list[tuple[str, list[tuple[str, Group]]]]:
        """(letter, [(tag, its group)]) in collation order, tags with no letter last (under '#')."""
        letters: dict[str, list[tuple[str, Group]]] = defaultdict(list)
        for tag, group in self.tags.items():
            letters[_letter(tag)].append((tag, group))
        order = sorted(letters, key=lambda letter: (letter == "#", _COLLATOR.sort_key(letter)))
        return [(letter, letters[letter]) for letter in order]

    # --- corrections log ---------------------------------------------------

    @cached_property
    def corrections(self) -> Listing:
        return self._listing("corrections.md", "corrections-log/", _plain(self.site.corrections_log()))

    # --- people, events, organizations -------------------------------------

    @cached_property
    def letters(self) -> dict[str, Group]:
        taken = Anchors({"other"})  # '#': names that start with no letter
        keyed = [("other" if letter == "#" else slug(letter, taken), letter, _plain(people))
                 for letter, people in self.site.people_az()]
        return self._groups("people-a-z", keyed)

    @cached_property
    def event_years(self) -> dict[str, Group]:
        """Events by the year each began; a part stays under its whole when both began in the same
        year, and stands at the top of its own year when not (an event of 2019 with no end does not
        carry its parts of 2020 into 2019)."""
        years: dict[str, list[Entry]] = defaultdict(list)
        placed: list[tuple[str, int]] = []  # (year, depth shown) of each ancestor of the current event
        for event, depth in self.site.events_tree():
            when = self.site.when(event)
            year = str(when.year) if when else UNDATED
            del placed[depth:]
            shown = placed[-1][1] + 1 if placed and placed[-1][0] == year else 0
            placed.append((year, shown))
            years[year].append(Entry(event, depth=shown))
        order = sorted(years, key=lambda y: (y == UNDATED, y))
        return self._groups("events-by-year", [(y, "No date" if y == UNDATED else y, years[y]) for y in order])

    @cached_property
    def org_kinds(self) -> dict[str, Group]:
        taken = Anchors()
        keyed = [(slug(label, taken), label, _plain(orgs)) for label, orgs in self.site.organizations_by_kind()]
        return self._groups("organizations-by-kind", keyed)

    def latest_events(self, count: int = 12) -> list[Record]:
        """The newest events, for the home page once the events no longer fit on it."""
        events = [g.record for group in self.event_years.values() for g in group.listing.entries]
        return self.site.sorted(events, newest_first=True)[:count]

    def everything_fits(self, groups: dict[str, Group]) -> bool:
        """Whether an index can show all its groups' entries itself (as small archives' do)."""
        return sum(g.total for g in groups.values()) <= self.size

    # --- every index page --------------------------------------------------

    @cached_property
    def indexes(self) -> dict[str, IndexPage]:
        """Index pages (besides the fixed ones of pages.INDEX_PAGES) by the uri of their first page."""
        pages: dict[str, IndexPage] = {}
        for template, title, family in (("archive-month.html.j2", "{}", self.months),
                                        ("tag.html.j2", "Tag: {}", self.tags),
                                        ("people-letter.html.j2", "People: {}", self.letters),
                                        ("events-year.html.j2", "Events: {}", self.event_years),
                                        ("organizations-kind.html.j2", "{}", self.org_kinds)):
            for group in family.values():
                pages[group.listing.base] = IndexPage(template, title.format(group.label), group.listing, group)
        return pages

    def listing_of(self, uri: str) -> Listing | None:
        """The list an index page shows (None for pages that show no paginated list)."""
        if uri == "corrections.md":
            return self.corrections
        page = self.indexes.get(uri)
        return page.listing if page else None

    # --- record pages ------------------------------------------------------

    def record_listing(self, record: Record) -> Listing | None:
        """Everything a person's or organization's page lists, in page order (None for other kinds)."""
        if record.id not in self._records:
            self._records[record.id] = self._record_listing(record)
        return self._records[record.id]

    def _record_listing(self, record: Record) -> Listing | None:
        site = self.site
        base = f"{_folder(record)}/{record.id}.md"
        more = base[: -len(".md")] + "/"
        if isinstance(record, Person):
            sections = {"statements": "Statements", "articles": f"Articles by {record.name}",
                        "relayed": "Statements relayed", "named": "Named in"}
            entries = [Entry(q, "statements", e.title if e else "Other statements", e)
                       for e, quotes in site.quotes_by_event(record) for q in quotes]
            entries += self._by_year("articles", site.referrers(record, "article", "authors"))
            entries += self._by_year("relayed", site.referrers(record, "quote", "via"))
            exclude = ("quote.speaker", "article.authors", "quote.via")
        elif isinstance(record, Organization):
            sections = {"published": "Published", "statements": "Statements", "people": "People",
                        "named": "Named in"}
            entries = self._by_year("published", site.referrers(record, "article", "outlet"))
            entries += self._by_year("statements", site.referrers(record, "quote", "speaker"))
            entries += [Entry(p, "people") for p in site.referrers(record, "person", "roles")]
            exclude = ("article.outlet", "quote.speaker", "person.roles")
        else:
            return None
        for kind, records in site.named_in(record, exclude).items():
            label = KIND[kind].plural
            entries += [Entry(r, "named", label) for r in records]
        return self._listing(base, more, entries, sections)

    def _by_year(self, section: str, records: list[Record]) -> list[Entry]:
        """A section's entries, under a heading per year when the section is long."""
        if len(records) <= GROUP_BY_YEAR_FROM:
            return [Entry(r, section) for r in records]
        return [Entry(r, section, _year(self.site, r)) for r in records]

    # --- what shows a record ----------------------------------------------

    @cached_property
    def _targets(self) -> dict[str, set[str]]:
        """Record id → the ids it names (the archive keeps only the other direction)."""
        out: dict[str, set[str]] = defaultdict(set)
        for ref in self.site.archive.references:
            out[ref.source].add(ref.target)
        return out

    def listings_showing(self, record: Record) -> list[tuple[Listing, Record | None]]:
        """Each paginated list holding an entry for `record`, with the record whose page it is (None
        for index pages)."""
        found: list[tuple[Listing, Record | None]] = []
        month = next((g for g in self.months.values() if g.listing.page_of(record.id)), None) \
            if record.kind in ARCHIVE_KINDS else None
        if month:
            found.append((month.listing, None))
        found += [(self.tags[t].listing, None) for t in dict.fromkeys(record.tags) if t in self.tags]
        families = {"correction": [self.corrections], "person": [g.listing for g in self.letters.values()],
                    "event": [g.listing for g in self.event_years.values()],
                    "organization": [g.listing for g in self.org_kinds.values()]}
        found += [(listing, None) for listing in families.get(record.kind, []) if listing.page_of(record.id)]
        for target in sorted(self._targets.get(record.id, ())):
            owner = self.site.get(target)
            listing = self.record_listing(owner) if owner is not None else None
            if listing is not None and listing.page_of(record.id):
                found.append((listing, owner))
        return found


def _plain(records: Iterable[Record]) -> list[Entry]:
    return [Entry(r) for r in records]


def _year(site: Site, record: Record) -> str:
    when = site.when(record)
    return str(when.year) if when else "No date"


def _folder(record: Record) -> str:
    return FOLDER_OF[record.kind]


__all__ = ["ARCHIVE_KINDS", "GROUP_BY_YEAR_FROM", "Paging", "UNDATED"]
