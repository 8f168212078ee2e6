"""How a story reads on its pages: records in story order, an event's days, the notice above a
record, correction titles that say who corrected what and when, and the wordings of a statement.

Functions of a `Site` (passed in, never imported here, so questions.py can use this module's order);
templates call them as `story.days(site, records)`;
each reads the indexes the Site built once.
"""

from __future__ import annotations

import difflib
from collections import Counter, defaultdict
from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING

from markupsafe import Markup, escape

from generator.core import issuers
from generator.core.dates import MONTHS, When
from generator.core.kinds import KINDS
from generator.core.models import Correction, Quote, Record, Update
from generator.core.richtext import plain_text

if TYPE_CHECKING:
    from generator.site.questions import Site

# At the same moment a story reads in this order: the event, the article, the words it quotes, its
# update, then a correction of any of them (never alphabetically by kind).
STORY_ORDER = {kind.name: kind.story_rank for kind in KINDS}
TARGET_WORDS = 60  # a correction's title quotes this much of what it corrects
EXCERPT_WORDS = 90  # and, when two titles would read the same, this much of its own text
_TIMES = {1: "once", 2: "twice"}


def day_text(day: date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def days(site: Site, records: Iterable[Record]) -> list[tuple[date | None, list[Record]]]:
    """Records in story order, grouped by the day the source gave (undated ones last)."""
    groups: dict[date | None, list[Record]] = defaultdict(list)
    for record in site.sorted(records):
        when = site.when(record)
        groups[when.day if when else None].append(record)
    return list(groups.items())  # dicts keep insertion order, which is the story order


# --- the notice at the top of a record: its updates and corrections ---------------------------

def notice_items(site: Site, record: Record) -> list[Record]:
    """An article's updates and the corrections of a record, in story order."""
    updates = site.referrers(record, "update", "article") if record.kind == "article" else []
    return site.sorted([*updates, *site.corrections_of(record)])


def notice_summary(site: Site, items: list[Record]) -> str:
    """One line: 'Updated twice, disputed by Mark Esper, 1 editor's note — latest 7 January 2020'."""
    updates = sum(1 for r in items if r.kind == "update")
    verbs: dict[str, int] = defaultdict(int)
    disputers: dict[str, list[str]] = defaultdict(list)
    notes = 0
    for c in (r for r in items if isinstance(r, Correction)):
        who = site.issuer(c)
        if c.issuer == "archive":
            notes += 1
        elif c.issuer == "third-party" and who is not None:
            names = disputers[issuers.DONE[c.correction_kind]]
            if who.title not in names:
                names.append(who.title)
        else:
            verbs[issuers.DONE[c.correction_kind]] += 1
    parts = [f"updated {_times(updates)}"] if updates else []
    parts += [f"{verb} {_times(n)}" for verb, n in verbs.items()]
    parts += [f"{verb} by {_and(names)}" for verb, names in disputers.items()]
    if notes:
        parts.append(issuers.editors_notes(notes))
    latest = max((w for w in (site.when(r) for r in items) if w), key=lambda w: w.sort_key, default=None)
    line = ", ".join(parts)
    line = line[:1].upper() + line[1:]
    return f"{line} — latest {day_text(latest.day)}" if latest else line


def _times(n: int) -> str:
    return _TIMES.get(n, f"{n} times")


def _and(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


# --- correction titles -----------------------------------------------------------------------

def correction_titles(site: Site) -> dict[str, str]:
    """Every correction's title: who issued it, when, and what it concerns, e.g.
    'Disputed by Mark Esper, 6 January 2020: Coalition's repositioning letter to Iraq comes to light'
    (an event's title is the archive's words: no quotation marks).
    Titles that would still read the same add the start of their own text."""
    corrections = {c.id: c for c in site.archive.records.values() if isinstance(c, Correction)}
    base = {c_id: _base_title(site, c) for c_id, c in corrections.items()}
    count: dict[str, int] = defaultdict(int)
    for c_id, title in base.items():
        if c_id in site.public:
            count[title] += 1
    return {c_id: f"{title} — {_excerpt(site, corrections[c_id])}" if count[title] > 1 else title
            for c_id, title in base.items()}


def _base_title(site: Site, c: Correction) -> str:
    who = issuers.heading(c, _title(site.issuer(c)), with_kind=True)
    target = site.archive.records.get(c.target)
    return f"{who}, {day_text(c.at.day)}: {_named(site, target)}" if target else f"{who}, {day_text(c.at.day)}"


def _title(record: Record | None) -> str | None:
    return record.title if record is not None else None


def _named(site: Site, target: Record) -> str:
    """What a correction concerns, as its title names it: printed words (a headline, a quotation)
    in quotation marks, the archive's own words (an event's title, a name) without."""
    if isinstance(target, Correction):
        return f"{site.issued_by(target)} of {day_text(target.at.day)}"
    if target.kind in ("person", "organization") or isinstance(target, Quote):
        return target.title
    title = shorten(target.title, TARGET_WORDS)
    if target.kind == "event":
        return title
    if isinstance(target, Update):
        article = site.archive.records.get(target.article)
        return f"{title} to “{shorten(article.title, TARGET_WORDS)}”" if article else title
    return f"“{title}”"


def _excerpt(site: Site, c: Correction) -> str:
    def resolve(record_id: str) -> tuple[str, str]:
        record = site.archive.records.get(record_id)
        name = site.issued_by(record) if isinstance(record, Correction) else record.title if record else record_id
        return "#", name

    text = " ".join(plain_text(c.text, resolve, c.text_format == "plain").split())
    sentence = text.split(". ", 1)[0].rstrip(".")
    return shorten(sentence, EXCERPT_WORDS)


def shorten(text: str, limit: int = 60) -> str:
    """The text, cut at a word before `limit` characters with ' …' (breadcrumbs, titles)."""
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + " …"


# --- the wordings of one statement -----------------------------------------------------------

def wording_columns(site: Site, quote: Quote) -> list[tuple[Quote, Markup]]:
    """Each wording of a statement as its outlet printed it, this page's first; highlighted in
    each column are only words that column printed: in another outlet's, the words this page's
    wording lacks; in this page's, the words some other wording lacks. Nothing is struck through:
    no column shows words its outlet did not print."""
    wordings = site.wordings(quote)
    base = quote.text.split()
    base_changed: set[int] = set()
    columns: list[tuple[Quote, Markup]] = []
    for other in wordings[1:]:
        words = other.text.split()
        mine, theirs = word_changes(base, words)
        base_changed |= mine
        columns.append((other, _marked(words, theirs)))
    return [(quote, _marked(base, base_changed)), *columns]


# The exact word diff (difflib) costs about the product of the two lengths, and far more on texts
# that share little: it runs on the part between the common start and end only while that part is
# at most this many word pairs; past it, a word is marked when the other wording lacks it (linear).
EXACT_DIFF_PAIRS = 250_000  # e.g. 500 × 500 words


def word_changes(a: list[str], b: list[str]) -> tuple[set[int], set[int]]:
    """The positions of the words of `a` and of `b` that the other wording does not share."""
    start = 0
    while start < min(len(a), len(b)) and a[start] == b[start]:
        start += 1
    end = 0
    while end < min(len(a), len(b)) - start and a[len(a) - 1 - end] == b[len(b) - 1 - end]:
        end += 1
    a_mid, b_mid = a[start:len(a) - end], b[start:len(b) - end]
    in_a: set[int] = set()
    in_b: set[int] = set()
    if len(a_mid) * len(b_mid) <= EXACT_DIFF_PAIRS:
        matcher = difflib.SequenceMatcher(None, a_mid, b_mid, autojunk=False)
        for op, i1, i2, j1, j2 in matcher.get_opcodes():
            if op != "equal":
                in_a.update(range(start + i1, start + i2))
                in_b.update(range(start + j1, start + j2))
        return in_a, in_b
    left, right = Counter(a_mid), Counter(b_mid)  # linear: words one wording has more often than the other
    for offset, word in enumerate(a_mid):
        if left[word] > right[word]:
            in_a.add(start + offset)
    for offset, word in enumerate(b_mid):
        if right[word] > left[word]:
            in_b.add(start + offset)
    return in_a, in_b


def previous_wording(site: Site, correction: Correction) -> list[tuple[str, Markup, Markup]]:
    """(field, as published, as it reads now) for each field an archive's correction changed
    (`previous:`), the words that differ marked in each."""
    target = site.get(correction.target)
    out = []
    for name, before in correction.previous.items():
        now = getattr(target, _ATTRS.get(name, name), None) if target is not None else None
        after = now.text if isinstance(now, When) else "" if now is None else str(now)
        old_words, new_words = before.split(), after.split()
        old_changed, new_changed = word_changes(old_words, new_words)
        out.append((name, _marked(old_words, old_changed), _marked(new_words, new_changed)))
    return out


_ATTRS = {"published": "published_at"}  # YAML names the models store under another name


def _marked(words: list[str], changed: set[int]) -> Markup:
    """Words joined by spaces, each run of changed words in one <mark>."""
    out: list[Markup] = []
    run: list[str] = []
    for i, word in enumerate(words):
        if i in changed:
            run.append(word)
            continue
        if run:
            out.append(Markup('<mark class="arc-diff">{}</mark>').format(" ".join(run)))
            run = []
        out.append(escape(word))
    if run:
        out.append(Markup('<mark class="arc-diff">{}</mark>').format(" ".join(run)))
    return Markup(" ").join(out)
