"""The questions page templates ask of the archive, answered from its indexes.

`Site` is computed once per build: "every quote by this person", "this event's
timeline", "the people A–Z". No page scans the whole archive; each question
reads the back-references the archive built once. Walks over the record graph
are iterative, so a `part_of` chain thousands deep cannot exhaust the stack.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from functools import cached_property
from typing import TypeVar

import pyuca
from markdown.extensions.toc import slugify_unicode, unique
from markupsafe import Markup, escape

from generator.core import issuers
from generator.core.archive import Archive
from generator.core.dates import MONTHS, NO_DATE_SORT_KEY, When
from generator.core.history import Change
from generator.core.models import Article, Correction, Event, Organization, Person, Quote, Record
from generator.core.settings import Settings
from generator.core.validate import RESERVED_IDS
from generator.site.storyline import STORY_ORDER, correction_titles

INVERSE = {"precedes": "follows", "follows": "precedes", "causes": "caused-by", "caused-by": "causes",
           "related": "related"}
R = TypeVar("R", bound=Record)  # a kind of record: sorted() gives back what it was given
ORG_KINDS = {"outlet": "Outlets", "news-agency": "News agencies", "government": "Government",
             "military": "Military", "legislature": "Legislatures", "armed-group": "Armed groups",
             "other": "Other", None: "Other"}


class Anchors(set):
    """Anchors already taken on a page or in a list, and where each base's numbering stands, so that
    the thousandth tag that reads 'iraq' costs one step, not a thousand (Python-Markdown's `unique`
    tries every number from 1 again)."""

    def __init__(self, *args):
        super().__init__(*args)
        self.resume: dict[str, str] = {}


_NUMBERED = re.compile(r"^(.*)_([0-9]+)$")


@functools.lru_cache(maxsize=1 << 14)  # pages share their headings' words ("Named in", "Cite this record")
def _slugified(text: str) -> str:
    return slugify_unicode(text, "-")


def slug(text: str, taken: set[str]) -> str:
    """A Unicode-aware anchor for `text`, unique among `taken` (which it joins): 'iraq', then 'iraq_1',
    'iraq_2' …, as Python-Markdown numbers its headings."""
    base = _slugified(text) or "section"
    if not isinstance(taken, Anchors):
        return unique(base, taken)
    candidate = taken.resume.get(base, base)
    while candidate in taken:
        numbered = _NUMBERED.match(candidate)
        candidate = f"{numbered.group(1)}_{int(numbered.group(2)) + 1}" if numbered else f"{candidate}_1"
    taken.resume[base] = candidate
    taken.add(candidate)
    return candidate


class Site:
    """Everything the templates need, computed once per build."""

    def __init__(self, archive: Archive, settings: Settings):
        self.archive = archive
        self.settings = settings
        self.public = {i: r for i, r in archive.records.items() if r.is_public}
        self._wordings = self._groups("same_as")
        self._remarks = self._groups("same_remarks_as")
        self.tag_anchors = self._tag_anchors()
        self._record_times: dict[str, Markup] = {}

    # --- formatting --------------------------------------------------------

    def time_html(self, when: When | None) -> Markup:
        if when is None:
            return Markup("")
        return Markup(f'<time datetime="{escape(when.iso)}">{escape(self.display(when))}</time>')

    def record_time(self, record: Record) -> Markup:
        """A record's own time (or its article's) as the source printed it.

        With `time_zone: unstated` the page shows the time as printed and says no zone
        was stated, never an offset; `assumed` labels the zone as the archive's guess."""
        # every list showing the record prints it: made once (Babel's formatting is slow)
        shown = self._record_times.get(record.id)
        if shown is None:
            shown = self._record_times[record.id] = self._record_time(record)
        return shown

    def _record_time(self, record: Record) -> Markup:
        when = self.when(record)
        if when is None:
            return Markup("")
        if record.when is None:  # a quote with no date of its own: say so, and when it was reported
            article = self.get(getattr(record, "article", None))
            return Markup('<span class="arc-undated">undated</span> (reported {})').format(
                self.record_time(article))  # type: ignore[arg-type]  # not None: self.when found its date there
        owner = record
        status, printed = getattr(owner, "time_zone", None), getattr(owner, "time_as_printed", None)
        if status == "unstated" and printed and not when.is_day:
            wall = when.moment.replace(tzinfo=None).isoformat(timespec="minutes")
            day = When(when.text, when.day).display
            if not _names_a_day(printed):  # the source printed a time, no date: the day is the archive's
                return Markup('<time datetime="{}">{}</time> <span class="arc-zone">(no date or time zone printed; '
                              'the archive dates it {})</span>').format(wall, printed, day)
            return Markup('<time datetime="{}">{}, {}</time> <span class="arc-zone">(time zone not stated)</span>'
                          ).format(wall, day, printed)
        shown = self.time_html(when)
        if status == "assumed" and not when.is_day:
            shown += Markup(' <span class="arc-zone">(time zone assumed by the archive)</span>')
        if printed and status in ("assumed", "stated"):
            shown += Markup(' <span class="arc-printed">(printed: {})</span>').format(printed)
        return shown

    def display(self, when: When) -> str:
        """The date as the source gave it; a named zone when the site's zone matches the offset."""
        zone = self.settings.timezone
        if not when.is_day and zone is not None:
            moment = when.moment
            local = moment.astimezone(zone)
            if local.utcoffset() == moment.utcoffset():
                return When(when.text, local).display
        return when.display

    # --- records -----------------------------------------------------------

    def title(self, record: Record) -> str:
        """A record's title where it stands alone: a correction says who issued it, when, and what it
        concerns (storyline.correction_titles)."""
        if isinstance(record, Correction):
            return self._correction_titles[record.id]
        return record.title

    @cached_property
    def _correction_titles(self) -> dict[str, str]:
        return correction_titles(self)

    def issuer(self, correction: Correction) -> Record | None:
        """Who issued a correction: the target's outlet, a named third party, or no record (the archive)."""
        if correction.issuer == "outlet":
            return self.outlet(self.archive.records[correction.target])
        return self.get(correction.by)

    def issued_by(self, correction: Correction) -> str:
        """'Correction by The Daily Caller', 'Editor's note', 'Disputed by Mark Esper'."""
        who = self.issuer(correction)
        return issuers.heading(correction, who.title if who is not None else None)

    def get(self, record_id: str | None) -> Record | None:
        return self.public.get(record_id) if record_id else None

    def many(self, ids: Iterable[str]) -> list[Record]:
        return [r for r in (self.public.get(i) for i in ids) if r is not None]

    def referrers(self, target: Record, kind: str | None = None, field: str | None = None) -> list[Record]:
        return self.sorted(self.archive.referrers(target.id, kind, field))

    def when(self, record: Record) -> When | None:
        """The date a record sorts by; a quote without its own date takes its article's."""
        if record.when is not None:
            return record.when
        article = self.get(getattr(record, "article", None))
        return article.when if article else None

    def sort_key(self, record: Record) -> tuple:
        when = self.when(record)
        return (when.sort_key if when else NO_DATE_SORT_KEY, STORY_ORDER[record.kind], record.id)

    def sorted(self, records: Iterable[R], newest_first: bool = False) -> list[R]:
        return sorted(records, key=self.sort_key, reverse=newest_first)

    def latest_day(self, record: Record) -> str | None:
        """The day of the newest thing a record's page shows (its own time, its updates and
        corrections, what names it): the page's honest 'last modified'."""
        times = [w for w in (self.when(r) for r in [record, *self.archive.referrers(record.id)]) if w]
        return max(times, key=lambda w: w.sort_key).day.isoformat() if times else None

    def outlet(self, record: Record) -> Organization | None:
        """Where a record was published: an article's outlet, or the outlet of its article."""
        if isinstance(record, Article):
            return self.get(record.outlet)  # type: ignore[return-value]  # checked: an outlet is an organization
        article = self.get(getattr(record, "article", None))
        return self.outlet(article) if article else None

    def corrections_of(self, record: Record) -> list[Record]:
        return self.referrers(record, "correction", "target")

    def same_remarks(self, quote: Quote) -> list[Quote]:
        """Other published excerpts of the same remarks (same_remarks_as, either direction)."""
        group = [self.public[i] for i in self._remarks.get(quote.id, ()) if i in self.public and i != quote.id]
        return self.sorted(group)  # type: ignore[arg-type]  # same_remarks_as names quotes only

    def wordings(self, quote: Quote) -> list[Quote]:
        """All published wordings of the same statement, this one first."""
        group = [self.public[i] for i in self._wordings.get(quote.id, ()) if i in self.public]
        return [quote] + [q for q in self.sorted(group) if q.id != quote.id]  # type: ignore[misc]  # quotes only

    def quotes_by_event(self, speaker: Record) -> list[tuple[Event | None, list[Quote]]]:
        """A speaker's quotes grouped by the first event each names, newest events and quotes first."""
        groups: dict[str | None, list[Quote]] = defaultdict(list)
        for quote in self.referrers(speaker, "quote", "speaker"):
            event = next((e for e in quote.events if e in self.public), None)  # type: ignore[attr-defined]  # a quote
            groups[event].append(quote)  # type: ignore[arg-type]  # a quote (referrers of kind "quote")
        events = self.sorted(self.many(e for e in groups if e), newest_first=True)
        ordered: list[tuple[Record | None, list[Quote]]] = [(e, self.sorted(groups[e.id], newest_first=True))
                                                             for e in events]
        if None in groups:
            ordered.append((None, self.sorted(groups[None], newest_first=True)))
        return ordered  # type: ignore[return-value]  # a quote's events are events

    def timeline(self, event: Event) -> list[Record]:
        """What the records say about an event, across outlets, in time order: the articles,
        updates, quotes and corrections that name it themselves (in a field or a [[link]]).
        An update of an article, or a note on a record, that does not name the event is not
        about it, even when its article is (it is on that article's page)."""
        return self.sorted(r for r in self.archive.referrers(event.id) if r.kind in
                           ("article", "update", "quote", "correction"))

    def children(self, event: Event) -> list[Event]:
        return [e for e in self.referrers(event, "event", "part_of") if isinstance(e, Event)]  # all are

    def related(self, event: Event) -> list[tuple[str, Record]]:
        """Related events from both sides, each relation read from this event."""
        pairs: list[tuple[str, Record | None]] = [(r.relation, self.get(r.event)) for r in event.related]
        for other in self.referrers(event, "event", "related"):
            for r in other.related:  # type: ignore[attr-defined]  # an event (referrers of kind "event")
                if r.event == event.id:
                    pairs.append((INVERSE[r.relation], other))
        seen: set[tuple[str, str]] = set()
        out: list[tuple[str, Record]] = []
        for relation, related in pairs:
            if related is not None and (relation, related.id) not in seen:
                seen.add((relation, related.id))
                out.append((relation, related))
        return out

    def named_in(self, record: Record, exclude: tuple[str, ...] = ()) -> dict[str, list[Record]]:
        """Records naming this one, by kind, leaving out the fields listed by `exclude`."""
        grouped: dict[str, dict[str, Record]] = defaultdict(dict)
        for ref in self.archive.back.get(record.id, ()):
            other = self.public.get(ref.source)
            if other is not None and f"{other.kind}.{ref.field}" not in exclude:
                grouped[other.kind][other.id] = other
        return {kind: self.sorted(grouped[kind].values())  # in time order, like a timeline
                for kind in ("article", "quote", "update", "event", "correction", "person", "organization")
                if grouped.get(kind)}

    def history(self, record: Record) -> list[Change]:
        """When the record was first published and each later change, from git (oldest first)."""
        return self.archive.history.of(record.id)

    # --- index pages -------------------------------------------------------

    def latest(self, count: int = 12) -> list[Record]:
        dated = [r for r in self.public.values() if r.kind in ("article", "update", "correction")]
        return self.sorted(dated, newest_first=True)[:count]

    def people_az(self) -> list[tuple[str, list[Person]]]:
        """People by the letter their family name files under, in Unicode collation order
        (accented letters within their letter: Á with A, Ö with O), names without a letter last."""
        letters: dict[str, list[Person]] = defaultdict(list)
        for person in self.public.values():
            if isinstance(person, Person):
                letters[_letter(_sort_name(person))].append(person)
        order = sorted(letters, key=lambda letter: (letter == "#", _COLLATOR.sort_key(letter)))
        return [(letter, sorted(letters[letter], key=lambda p: (_COLLATOR.sort_key(_sort_name(p)),
                                                                 _COLLATOR.sort_key(p.name), p.id)))
                for letter in order]

    def events_tree(self) -> list[tuple[Event, int]]:
        """Events in time order, each child right after its parent, with its depth."""
        events = self.sorted(r for r in self.public.values() if isinstance(r, Event))
        out: list[tuple[Event, int]] = []
        stack = [(e, 0) for e in reversed(events)
                 if not e.part_of or e.part_of not in self.public]
        while stack:
            event, depth = stack.pop()
            out.append((event, depth))
            stack += [(child, depth + 1) for child in reversed(self.children(event))]
        return out

    @cached_property
    def events(self) -> list[Event]:
        """Published events in time order (what the calendar holds)."""
        return self.sorted(r for r in self.public.values() if isinstance(r, Event))

    def organizations_by_kind(self) -> list[tuple[str, list[Organization]]]:
        groups: dict[str, list[Organization]] = defaultdict(list)
        for org in self.public.values():
            if isinstance(org, Organization):
                groups[ORG_KINDS[org.org_kind]].append(org)
        order = list(dict.fromkeys(ORG_KINDS.values()))
        return [(label, sorted(groups[label], key=lambda o: o.name.lower())) for label in order if groups[label]]

    def corrections_log(self) -> list[Correction]:
        return self.sorted((r for r in self.public.values() if isinstance(r, Correction)), newest_first=True)

    def tags(self) -> list[tuple[str, list[Record]]]:
        tagged: dict[str, list[Record]] = defaultdict(list)
        for record in self.public.values():
            for tag in dict.fromkeys(record.tags):
                tagged[tag].append(record)
        return [(tag, self.sorted(tagged[tag])) for tag in sorted(tagged, key=lambda t: (t.lower(), t))]

    def _tag_anchors(self) -> dict[str, str]:
        """Each tag's anchor on the tags page: Unicode-aware and unique (日本 ≠ 中国, Iraq ≠ iraq)."""
        taken = Anchors(RESERVED_IDS)  # tags/index/ would take tags/; device names are no files on Windows
        tags = sorted({t for r in self.public.values() for t in r.tags}, key=lambda t: (t.lower(), t))
        return {tag: slug(_folder_safe(tag), taken) for tag in tags}

    def _groups(self, field: str) -> dict[str, tuple[str, ...]]:
        """Quotes joined by `field` (either direction) into groups: one statement, or one set of remarks."""
        parent: dict[str, str] = {}

        def root(x: str) -> str:
            while parent.get(x, x) != x:
                x = parent[x]
            return x

        for record in self.archive.records.values():
            other = getattr(record, field, None) if isinstance(record, Quote) else None
            if other:
                a, b = root(record.id), root(other)
                if a != b:
                    parent[a] = b
                parent.setdefault(b, b)
        groups: dict[str, list[str]] = defaultdict(list)
        for quote_id in parent:
            groups[root(quote_id)].append(quote_id)
        return {member: tuple(members) for members in groups.values() for member in members}


class _Collator(pyuca.Collator):
    """The Unicode Collation Algorithm with the default table (DUCET), each key computed once
    per process: names are sorted on every build, and on every rebuild of a preview."""

    @functools.cache  # noqa: B019 - one collator per process, kept for its whole life on purpose
    def sort_key(self, text: str) -> tuple:
        return super().sort_key(text)


_COLLATOR = _Collator()


def _sort_name(person: Person) -> str:
    """The editor's sort_name, else the last word of the name ('Mark Esper' → 'Esper Mark')."""
    if person.sort_name:
        return person.sort_name
    parts = person.name.split()
    return " ".join(parts[-1:] + parts[:-1]) if parts else person.name


def _letter(name: str) -> str:
    """The section a name files under: its first letter without accents, or '#'."""
    for char in unicodedata.normalize("NFD", name):
        if char.isalpha():
            return char.upper()
        if not unicodedata.combining(char) and not char.isspace() and char not in "'\"‘’“”(«":
            return "#"
    return "#"


_DAY_WORDS = re.compile(r"\b(\d{4}|" + "|".join(m[:3] for m in MONTHS) + r")", re.IGNORECASE)


def _names_a_day(printed: str) -> bool:
    """Whether a time as printed names its day too ('Jan. 6, 2020, 4:09 P.M.'), not only a clock time."""
    return bool(_DAY_WORDS.search(printed))


TAG_FOLDER_MAX = 60  # characters of a tag's folder name: 255 bytes allowed, a letter takes up to 4, "_N" follows


def _folder_safe(tag: str) -> str:
    """A tag as its folder name starts from: one form of each letter (NFC, case-folded, so that two
    tags never share a folder on macOS or Windows by accident), at most TAG_FOLDER_MAX characters."""
    return unicodedata.normalize("NFC", tag).casefold()[:TAG_FOLDER_MAX]
