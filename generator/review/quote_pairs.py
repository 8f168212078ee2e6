"""Quotes that look like the same words or the same remarks: candidates for same_as / same_remarks_as.

The method, and why each number is what it is, is in README.md ("For editors", *Suggestions*):

1. A quote's text becomes words: Unicode NFKC, case-folded, curly apostrophes made straight,
   punctuation dropped ("There’s been no decision to leave Iraq. Period." → there's been no
   decision to leave iraq period).
2. An index maps (speaker, two consecutive words) to the quotes that print them. Only quotes
   sharing an entry are compared, so the work grows with the quotes, not with their pairs; an
   entry held by more than MAX_SHARING quotes ("we will", "of the" in a prolific speaker's
   words) proposes no pair, since it says nothing about which of them match.
3. A pair is judged on its words: the runs of two or more consecutive words both print, in the
   same order (difflib's matching blocks), and the normalised edit distance between the shorter
   quote and the best-matching stretch of the longer (rapidfuzz's partial_ratio over words).
4. Same speaker (the index key) and nearby days are conditions, not weights: both links say one
   speaker's statement, and check refuses same_remarks_as across speakers or days.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from difflib import SequenceMatcher
from itertools import combinations

from rapidfuzz import fuzz

from generator.core.archive import Archive
from generator.core.models import Quote

RUN = 2  # words in an index entry: the Esper wordings share no run of three
MAX_SHARING = 40  # quotes of one speaker an index entry may hold and still propose pairs
MIN_WORDS = 3  # a shorter quote of one or two words ("Period.") matches too much to suggest anything
SAME_WORDS = 0.75  # partial similarity at least this: at most a quarter of the words edited
MAX_UNSHARED = 0.25  # the shorter quote's words outside shared runs: at most this share (or one word)
REMARKS_RUN = 4  # overlapping excerpts share a run of at least this many words
MAX_DAYS = 3  # days between the quotes' dates (said, else their article's day)

_WORD_RE = re.compile(r"\w+(?:'\w+)*")
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u2032": "'"})


def words(text: str) -> tuple[str, ...]:
    """The words of a quotation, as compared: case, punctuation and apostrophe shapes left out."""
    return tuple(_WORD_RE.findall(unicodedata.normalize("NFKC", text).casefold().translate(_APOSTROPHES)))


@dataclass(frozen=True)
class Pair:
    """Two quotes that look alike: `holder` gets the line `link: other.id`."""

    holder: Quote
    other: Quote
    link: str  # "same_as" or "same_remarks_as"
    score: int  # 0-100: how closely the shorter quote's words match the longer's best stretch
    chain_of: Quote | None = None  # when both quotes hold a link already: the one whose chain ends at holder


def quote_pairs(archive: Archive) -> list[Pair]:
    """Every pair of quotes not yet linked nor marked as checked (not_same_as) that looks alike, best first."""
    quotes = {r.id: r for r in sorted(archive.of_kind("quote", public_only=False), key=lambda r: r.id)
              if isinstance(r, Quote)}  # all are: the filter tells the type checker
    said = {i: words(q.text) for i, q in quotes.items()}
    group = _linked_groups(quotes)
    checked = {frozenset((q.id, other)) for q in quotes.values() for other in q.not_same_as}
    found = []
    for a, b in sorted(_candidates(quotes, said)):
        first, second = quotes[a], quotes[b]
        if group[a] == group[b] or frozenset((a, b)) in checked or not _near(archive, first, second):
            continue
        judged = _judge(said[a], said[b])
        if judged is None:
            continue
        link, score = judged
        if link == "same_remarks_as" and not _same_said_day(first, second):
            continue  # check refuses excerpts of the same remarks said on different days
        holder, other, chain_of = _holder(quotes, first, second, link)
        found.append(Pair(holder, other, link, score, chain_of))
    return sorted(found, key=lambda p: (-p.score, p.holder.id, p.other.id))


def _candidates(quotes: dict[str, Quote], said: dict[str, tuple[str, ...]]) -> set[tuple[str, str]]:
    """Pairs of the same speaker's quotes that print a run of RUN words in common (ids in order)."""
    index: dict[tuple[str, tuple[str, ...]], list[str]] = defaultdict(list)
    for quote_id, quote in quotes.items():  # in id order, so every list is sorted
        runs = {said[quote_id][i:i + RUN] for i in range(len(said[quote_id]) - RUN + 1)}
        for run in runs:
            index[(quote.speaker, run)].append(quote_id)
    pairs: set[tuple[str, str]] = set()
    for ids in index.values():
        if 1 < len(ids) <= MAX_SHARING:
            pairs.update(combinations(ids, 2))
    return pairs


def _judge(one: tuple[str, ...], two: tuple[str, ...]) -> tuple[str, int] | None:
    """('same_as' | 'same_remarks_as', score) when two quotations look alike, else None."""
    short, long = (one, two) if len(one) <= len(two) else (two, one)
    if len(short) < MIN_WORDS:
        return None
    blocks = SequenceMatcher(None, short, long, autojunk=False).get_matching_blocks()
    runs = [block.size for block in blocks if block.size >= RUN]
    similarity = fuzz.partial_ratio(short, long) / 100
    score = round(similarity * 100)
    unshared = len(short) - sum(runs)
    if similarity >= SAME_WORDS and unshared <= max(1, int(MAX_UNSHARED * len(short))):
        return "same_as", score
    if max(runs, default=0) >= REMARKS_RUN:
        return "same_remarks_as", score
    return None


def _day(archive: Archive, quote: Quote) -> date | None:
    """The day a quote was said, else the day its article reported it (it was said by then)."""
    if quote.said is not None:
        return quote.said.day
    article = archive.records.get(quote.article) if quote.article else None
    return article.when.day if article is not None and article.when is not None else None


def _near(archive: Archive, one: Quote, two: Quote) -> bool:
    first, second = _day(archive, one), _day(archive, two)
    return first is None or second is None or abs((first - second).days) <= MAX_DAYS


def _same_said_day(one: Quote, two: Quote) -> bool:
    return one.said is None or two.said is None or one.said.day == two.said.day


def _linked_groups(quotes: dict[str, Quote]) -> dict[str, str]:
    """Each quote's group: quotes joined by same_as or same_remarks_as, either way, however far."""
    parent = {quote_id: quote_id for quote_id in quotes}

    def root(quote_id: str) -> str:
        while parent[quote_id] != quote_id:
            parent[quote_id] = parent[parent[quote_id]]
            quote_id = parent[quote_id]
        return quote_id

    for quote in quotes.values():
        for target in (quote.same_as, quote.same_remarks_as):
            if target in parent:
                parent[root(quote.id)] = root(target)
    return {quote_id: root(quote_id) for quote_id in quotes}


def _holder(quotes: dict[str, Quote], one: Quote, two: Quote, link: str) -> tuple[Quote, Quote, Quote | None]:
    """Which quote gets the line, and the one it names. A draft may name a published quote but not
    the reverse (check), so a draft holds it; else the later one (the later wording points back at
    the earlier, as the content model describes). `link` takes one id: when both already hold one,
    the line goes to the end of the later one's chain, which links the two groups."""
    later, earlier = sorted((one, two), key=lambda q: (not q.is_public, q.said.sort_key if q.said else (), q.id),
                            reverse=True)
    for holder, other in ((later, earlier), (earlier, later)):
        if getattr(holder, link) is None and (holder.is_public <= other.is_public):
            return holder, other, None
    seen, end = set(), later
    while getattr(end, link) in quotes and end.id not in seen:
        seen.add(end.id)
        end = quotes[getattr(end, link)]
    return end, earlier, later
