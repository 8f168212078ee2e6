"""Deterministic synthetic content trees for benchmarks.

Writes a content tree that follows /work/shared/content-model.md (version 1):
one record per file at ``<out>/<folder>/<id>.yaml``, every reference resolving
to a record of the right kind, ``part_of`` chains always pointing at an earlier
event (so there are no cycles), datetimes always carrying a UTC offset.

Usage as a script::

    .venv/bin/python bench/synthetic.py 1000 /tmp/tree            # ~1000 records
    .venv/bin/python bench/synthetic.py 1000 /tmp/tree --seed 7 --force

Usage as a module::

    from bench.synthetic import write_tree      # or: import synthetic
    counts = write_tree(1000, Path("/tmp/tree"), seed=1)

Per 100 records the mix is 45 quotes, 12 articles, 6 updates, 3 corrections,
4 events, 25 people and 5 organizations (about 40% of them outlets).  The
total written is exactly ``n`` for n >= 30 (small trees get a few extra so
every required reference has a target).

Besides plain ``.yaml`` files with LF line ends, a small, fixed share of
records exercise other things the contract allows: ``.yml`` extension, CRLF
line ends, a UTF-8 BOM, ``tags``, ``previous_ids`` and non-ASCII text.  A
``README.md`` (not YAML, must be left alone) sits at the root of the tree.
Pass ``variety=False`` (``--plain``) to get only LF ``.yaml`` files without
a BOM.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
from pathlib import Path

import yaml

__all__ = ["FOLDERS", "MIX", "plan_counts", "generate_records", "write_tree"]

FOLDERS = ("articles", "quotes", "updates", "corrections", "events", "people", "organizations")

# Records per 100.
MIX = {
    "quotes": 45,
    "articles": 12,
    "updates": 6,
    "corrections": 3,
    "events": 4,
    "people": 25,
    "organizations": 5,
}

# Minimum counts so that every required reference can be satisfied.
_MINIMUM = {
    "people": 3,
    "organizations": 2,  # at least one outlet and one other
    "articles": 1,
    "events": 1,
}

_ID_PREFIX = {
    "articles": "article",
    "quotes": "quote",
    "updates": "update",
    "corrections": "correction",
    "events": "event",
    "people": "person",
    "organizations": "org",
}

_START = dt.date(2007, 1, 1)
_END = dt.date(2023, 12, 31)
_SPAN_DAYS = (_END - _START).days

_OFFSETS = [
    dt.timezone(dt.timedelta(hours=h, minutes=m))
    for h, m in [(-5, 0), (-4, 0), (-8, 0), (-7, 0), (0, 0), (1, 0), (2, 0), (3, 0), (3, 30), (4, 30), (5, 30), (9, 0)]
]
# Weights: US-East and UTC dominate, like a real English-language archive.
_OFFSET_WEIGHTS = [30, 20, 5, 3, 15, 8, 5, 5, 4, 2, 2, 1]

# ---------------------------------------------------------------------------
# Word lists (deliberately include non-ASCII, apostrophes, colons, quotes).

_FIRST = [
    "Mark", "Qasem", "Abu", "Javad", "Nancy", "Mike", "Ali", "Hassan", "Ayşe", "José",
    "Zoë", "Søren", "Chloé", "Björn", "Nguyễn", "Fatemeh", "Mohammad", "Kenneth",
    "Lindsey", "Adam", "Ilhan", "Ruth", "Olga", "Dmitri", "Mei", "Hiroshi", "Amara",
    "Kwame", "Lucía", "François", "Ingrid", "Pedro", "Sara", "Tariq", "Leila", "Elif",
    "Rahul", "Priya", "Sean", "Siobhán", "Matthias", "Agnieszka", "Yusuf", "Noor",
    "Daniel", "Rebecca", "Thomas", "Helen", "Omar", "Rania",
]
_LAST = [
    "Esper", "Soleimani", "al-Muhandis", "Zarif", "Pelosi", "Pompeo", "Khamenei",
    "Rouhani", "McKenzie", "Graham", "Schiff", "Omar", "O'Brien", "Müller", "Öztürk",
    "García", "Nørgaard", "Lefèvre", "Kowalczyk", "Nakamura", "Okafor", "Mensah",
    "Fernández", "Dubois", "Haddad", "Rahimi", "Karimi", "Nasser", "Sharma", "Iyer",
    "Ó Súilleabháin", "Petrov", "Ivanova", "Chen", "Wang", "Smith", "Johnson",
    "Williams", "Brown", "Davies", "Evans", "Tanaka", "Suzuki", "Kim", "Park",
    "Lindqvist", "Andersen", "Costa", "Silva", "Yılmaz",
]
_PLACES = [
    "Baghdad", "Tehran", "Washington", "Erbil", "Kirkuk", "Damascus", "Beirut",
    "Doha", "Riyadh", "Ankara", "Brussels", "Geneva", "Vienna", "London", "Paris",
    "Berlin", "Moscow", "Kabul", "Islamabad", "Sana'a", "Muscat", "Abu Dhabi",
    "New York", "Tel Aviv", "Amman", "Cairo", "Tripoli", "Istanbul", "Mosul", "Basra",
]
_OUTLET_WORDS = ["Ledger", "Herald", "Courier", "Dispatch", "Tribune", "Observer", "Gazette", "Post", "Chronicle", "Monitor", "Review", "Times"]
_ORG_TEMPLATES = {
    "news-agency": ["{p} Press Agency", "{p} News Service", "Agence {p}", "{p} Wire"],
    "government": ["Ministry of Foreign Affairs of {p}", "{p} Ministry of Defence", "Office of the Governor of {p}", "{p} City Council"],
    "military": ["{p} Joint Command", "{p} Air Wing", "{p} Brigade", "{p} Naval Group"],
    "legislature": ["{p} National Assembly", "{p} Senate", "{p} Parliament"],
    "armed-group": ["{p} Brigades", "{p} Front", "{p} Resistance Committee"],
    "other": ["{p} Institute for Peace", "{p} Human Rights Watch Group", "{p} Energy Company", "University of {p}"],
}
_ORG_KINDS = ["news-agency", "government", "military", "legislature", "armed-group", "other"]
_ROLE_TITLES = ["Secretary", "Minister", "Spokesperson", "Commander", "Adviser", "Ambassador", "Senator", "Director", "Analyst", "Chair"]
_REPORTER_TITLES = ["Reporter", "Correspondent", "Bureau chief", "Editor", "Staff writer"]
_SECTIONS = ["World", "Politics", "Middle East", "National security", "Opinion", "Business", "Analysis"]

_NOUNS = [
    "strike", "talks", "sanctions", "ceasefire", "resolution", "convoy", "embassy",
    "protest", "drone", "deal", "inquiry", "vote", "deployment", "withdrawal",
    "statement", "briefing", "summit", "investigation", "shipment", "agreement",
]
_VERBS = [
    "weigh", "reject", "confirm", "deny", "condemn", "welcome", "question", "defend",
    "announce", "postpone", "investigate", "dispute", "back", "criticise", "review",
]
_ADJ = [
    "new", "disputed", "early", "late-night", "unexpected", "limited", "broad",
    "fragile", "renewed", "formal", "secret", "public", "“proportionate”", "so-called",
]
_SUBJECTS = [
    "Officials", "Lawmakers", "Diplomats", "Military leaders", "Analysts", "Residents",
    "Negotiators", "Allies", "Critics", "Investigators", "Aid groups", "Ministers",
]
_SENTENCE_STARTS = [
    "We will not", "I can tell you that we", "Nobody expected that we would", "Our position is that we",
    "Let me be clear: we", "The government does not", "At this point we", "Frankly, we",
    "I don't think we", "As of this morning we", "There is no evidence that they",
]
_SENTENCE_ENDS = [
    "accept this outcome.", "rule anything out.", "comment on an ongoing operation.",
    "have seen the intelligence.", "stand by our partners.", "respond in kind.",
    "want a wider war.", "know the full picture yet.", "seek escalation — but we are ready.",
    "have made our intentions clear.", "review every option available to us.",
]


class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]
    """SafeDumper (C-accelerated when available) whose aware datetimes come out
    as plain ISO 8601 with a ``T`` (``2020-01-06T16:09:00-05:00``) rather
    than PyYAML's default space-separated form.  Output is identical to
    ``yaml.safe_dump`` otherwise."""


def _represent_datetime(dumper: yaml.SafeDumper, data: dt.datetime) -> yaml.Node:
    return dumper.represent_scalar("tag:yaml.org,2002:timestamp", data.isoformat())


def _represent_str(dumper: yaml.SafeDumper, data: str) -> yaml.Node:
    # Multi-line Markdown as a literal block, the way editors write it.
    style = "|" if "\n" in data else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", data, style=style)


_Dumper.add_representer(dt.datetime, _represent_datetime)
_Dumper.add_representer(str, _represent_str)


def _dump(record: dict) -> str:
    return yaml.dump(record, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=88)


# ---------------------------------------------------------------------------


def plan_counts(n: int) -> dict[str, int]:
    """Records per folder for a tree of about ``n`` records (exactly ``n`` when
    n >= 30).  Largest-remainder rounding of :data:`MIX`, then minimums."""
    n = max(int(n), 0)
    total_w = sum(MIX.values())
    raw = {k: n * w / total_w for k, w in MIX.items()}
    counts = {k: int(v) for k, v in raw.items()}
    left = n - sum(counts.values())
    for k in sorted(raw, key=lambda k: (-(raw[k] - counts[k]), FOLDERS.index(k)))[:left]:
        counts[k] += 1
    for k, m in _MINIMUM.items():
        if counts[k] < m:
            deficit = m - counts[k]
            counts[k] = m
            # Take the extra from quotes when possible, so the total stays n.
            take = min(deficit, max(counts["quotes"] - 1, 0))
            counts["quotes"] -= take
    return {k: counts[k] for k in FOLDERS}


def _rid(folder: str, i: int) -> str:
    return f"{_ID_PREFIX[folder]}-{i:06d}"


class _Gen:
    def __init__(self, n: int, seed: int, variety: bool) -> None:
        self.rng = random.Random(seed)
        self.counts = plan_counts(n)
        self.variety = variety

    # -- small helpers -----------------------------------------------------
    def tz(self) -> dt.timezone:
        return self.rng.choices(_OFFSETS, weights=_OFFSET_WEIGHTS)[0]

    def day(self, lo: dt.date = _START, hi: dt.date = _END) -> dt.date:
        span = max((hi - lo).days, 0)
        return lo + dt.timedelta(days=self.rng.randint(0, span))

    def moment(self, d: dt.date) -> dt.datetime:
        r = self.rng
        return dt.datetime(d.year, d.month, d.day, r.randint(5, 23), r.randint(0, 59), 0, tzinfo=self.tz())

    def sentence(self) -> str:
        r = self.rng
        return f"{r.choice(_SUBJECTS)} {r.choice(_VERBS)} the {r.choice(_ADJ)} {r.choice(_NOUNS)} in {r.choice(_PLACES)}."

    def quote_text(self) -> str:
        r = self.rng
        parts = [f"{r.choice(_SENTENCE_STARTS)} {r.choice(_SENTENCE_ENDS)}"]
        for _ in range(r.randint(0, 2)):
            parts.append(f"{r.choice(_SENTENCE_STARTS)} {r.choice(_SENTENCE_ENDS)}")
        return " ".join(parts)

    def link(self, rid: str, label: str | None = None) -> str:
        if label is not None and self.rng.random() < 0.5:
            return f"[[{rid}|{label}]]"
        return f"[[{rid}]]"

    def tags(self, rec: dict) -> None:
        if self.variety and self.rng.random() < 0.15:
            rec["tags"] = self.rng.sample(["iran", "iraq", "us-politics", "diplomacy", "military", "sanctions", "oil", "un"], self.rng.randint(1, 3))

    # -- generation --------------------------------------------------------
    def build(self) -> list[tuple[str, str, dict]]:
        r = self.rng
        c = self.counts
        out: list[tuple[str, str, dict]] = []

        # Organizations: about 40% outlets, at least one outlet and one non-outlet.
        org_ids = [_rid("organizations", i + 1) for i in range(c["organizations"])]
        n_outlets = max(1, round(len(org_ids) * 0.4))
        if len(org_ids) > 1:
            n_outlets = min(n_outlets, len(org_ids) - 1)
        outlets = org_ids[:n_outlets]
        others = org_ids[n_outlets:] or org_ids
        for i, oid in enumerate(org_ids):
            place = _PLACES[i % len(_PLACES)]
            if i < n_outlets:
                kind = "outlet"
                name = f"The {place} {_OUTLET_WORDS[(i // len(_PLACES)) % len(_OUTLET_WORDS)]}"
            else:
                kind = _ORG_KINDS[i % len(_ORG_KINDS)]
                tmpl = _ORG_TEMPLATES[kind]
                name = tmpl[(i // len(_ORG_KINDS)) % len(tmpl)].format(p=place)
            if i >= len(_PLACES) * 2:
                name = f"{name} ({i})"
            rec: dict = {"name": name, "kind": kind}
            if r.random() < 0.7:
                rec["url"] = f"https://www.example.org/{oid}"
            article = "an" if kind[0] in "aeiou" else "a"
            rec["summary"] = f"{name} is {article} {kind.replace('-', ' ')} based in {place}."
            if r.random() < 0.5:
                rec["same_as"] = [f"https://www.wikidata.org/wiki/Q{r.randint(1000, 99999999)}"]
            if r.random() < 0.2:
                rec["other_names"] = [name.upper()[:40]]
            self.tags(rec)
            out.append(("organizations", oid, rec))

        # People: ~15% reporters (with roles at outlets), the rest newsmakers.
        person_ids = [_rid("people", i + 1) for i in range(c["people"])]
        n_reporters = max(1, len(person_ids) * 15 // 100)
        reporters = person_ids[:n_reporters]
        newsmakers = person_ids[n_reporters:] or person_ids
        self.person_names: dict[str, str] = {}
        for i, pid in enumerate(person_ids):
            name = f"{r.choice(_FIRST)} {r.choice(_LAST)}"
            self.person_names[pid] = name
            rec = {"name": name}
            is_reporter = i < n_reporters
            if r.random() < 0.6:
                rec["summary"] = (
                    f"{name} is a {'journalist' if is_reporter else 'public figure'} "
                    "who has worked in {} and {}.".format(*r.sample(_PLACES, 2))
                )
            roles = []
            for _ in range(r.randint(0 if not is_reporter else 1, 2)):
                role: dict = {}
                if is_reporter:
                    role["title"] = r.choice(_REPORTER_TITLES)
                    role["organization"] = r.choice(outlets)
                else:
                    role["title"] = f"{r.choice(_ROLE_TITLES)}"
                    if r.random() < 0.8:
                        role["organization"] = r.choice(others)
                if r.random() < 0.7:
                    start = self.day(_START, dt.date(2021, 12, 31))
                    role["start"] = start
                    if r.random() < 0.5:
                        role["end"] = self.day(start, _END)
                roles.append(role)
            if roles:
                rec["roles"] = roles
            if r.random() < 0.4:
                rec["same_as"] = [f"https://www.wikidata.org/wiki/Q{r.randint(1000, 99999999)}"]
            if r.random() < 0.15:
                first, _, last = name.partition(" ")
                rec["other_names"] = [f"{first[0]}. {last}"]
            if self.variety and r.random() < 0.02:
                rec["previous_ids"] = [f"old-{pid}"]
            self.tags(rec)
            out.append(("people", pid, rec))

        # Events, sorted by date; part_of and related only point backwards.
        event_ids = [_rid("events", i + 1) for i in range(c["events"])]
        days = sorted(self.day() for _ in event_ids)
        event_day: dict[str, dt.date] = {}
        for i, (eid, d) in enumerate(zip(event_ids, days, strict=True)):
            event_day[eid] = d
            title = f"{r.choice(_ADJ).capitalize()} {r.choice(_NOUNS)} in {r.choice(_PLACES)}"
            rec = {"title": title}
            if r.random() < 0.8:
                rec["date"] = d
            else:
                rec["start"] = d
                if r.random() < 0.7:
                    rec["end"] = d + dt.timedelta(days=r.randint(0, 30))
            if r.random() < 0.6:
                rec["location"] = r.choice(_PLACES)
            people = r.sample(newsmakers, min(len(newsmakers), r.randint(0, 4)))
            rec["summary"] = self.sentence() + (
                " " + " and ".join(self.link(p, self.person_names[p]) for p in people[:2]) + " were involved."
                if people
                else ""
            )
            if i > 0 and r.random() < 0.3:
                rec["part_of"] = event_ids[r.randrange(max(0, i - 20), i)]
            if i > 0 and r.random() < 0.25:
                targets = sorted({event_ids[r.randrange(max(0, i - 50), i)] for _ in range(r.randint(1, 2))})
                rec["related"] = [
                    {"event": t, "relation": r.choice(["follows", "caused-by", "related"])} for t in targets
                ]
            if people:
                rec["people"] = people
            if r.random() < 0.5:
                rec["organizations"] = r.sample(others, min(len(others), r.randint(1, 2)))
            self.tags(rec)
            out.append(("events", eid, rec))

        # Articles, each hanging off one or more events, published soon after.
        article_ids = [_rid("articles", i + 1) for i in range(c["articles"])]
        ev_order = sorted(r.randrange(len(event_ids)) for _ in article_ids)
        self.article_info: dict[str, tuple[dt.datetime, list[str], list[str], list[str]]] = {}
        for aid, ev_i in zip(article_ids, ev_order, strict=True):
            d = event_day[event_ids[ev_i]] + dt.timedelta(days=r.randint(0, 3))
            when = self.moment(min(d, _END))
            events = sorted({event_ids[ev_i], event_ids[max(0, ev_i - r.randint(0, 2))]})
            people = r.sample(newsmakers, min(len(newsmakers), r.randint(2, 6)))
            authors = r.sample(reporters, min(len(reporters), r.randint(1, 2)))
            orgs = r.sample(others, min(len(others), r.randint(0, 3)))
            headline = f"{r.choice(_SUBJECTS)} {r.choice(_VERBS)} {r.choice(_ADJ)} {r.choice(_NOUNS)} after {r.choice(_NOUNS)} in {r.choice(_PLACES)}"
            rec = {"headline": headline, "outlet": r.choice(outlets)}
            rec["published"] = when if r.random() < 0.85 else when.date()
            if r.random() < 0.8:
                rec["url"] = f"https://news.example.com/{when.year}/{when.month:02d}/{aid}"
            if r.random() < 0.6:
                rec["section"] = r.choice(_SECTIONS)
            rec["authors"] = authors
            rec["summary"] = self.sentence()
            paras = []
            linked = people[: r.randint(2, min(4, len(people)))] if len(people) >= 2 else people
            for p in linked:
                paras.append(f"{self.sentence()} {self.link(p, self.person_names[p])} said the {r.choice(_NOUNS)} was *{r.choice(_ADJ)}*.")
            if r.random() < 0.3:
                paras.append("\n".join(f"- {self.sentence()}" for _ in range(r.randint(2, 4))))
            if r.random() < 0.3:
                paras.append(f"See also {self.link(events[0])}.")
            paras.append(self.sentence())
            rec["body"] = "\n\n".join(paras) + "\n"
            rec["events"] = events
            rec["people"] = people
            if orgs:
                rec["organizations"] = orgs
            if r.random() < 0.2:
                rec["images"] = [{"caption": self.sentence(), "credit": f"{r.choice(_FIRST)} {r.choice(_LAST)} / {r.choice(['AP', 'Reuters', 'AFP', 'Getty Images'])}"}]
            if r.random() < 0.05:
                rec["language"] = r.choice(["fr", "de", "es", "ar"])
            if self.variety and r.random() < 0.02:
                rec["previous_ids"] = [f"old-{aid}"]
            self.tags(rec)
            self.article_info[aid] = (when, events, people, authors)
            out.append(("articles", aid, rec))

        # Quotes, each reported by an article and said by one of its people.
        quote_ids = [_rid("quotes", i + 1) for i in range(c["quotes"])]
        last_by_speaker: dict[str, str] = {}
        quote_article: dict[str, str] = {}
        quotes_of_article: dict[str, list[str]] = {}
        q_articles = sorted(r.randrange(len(article_ids)) for _ in quote_ids)
        for qid, a_i in zip(quote_ids, q_articles, strict=True):
            aid = article_ids[a_i]
            when, events, people, authors = self.article_info[aid]
            if r.random() < 0.05:
                speaker = r.choice(others)
            else:
                speaker = r.choice(people)
            rec = {"text": self.quote_text(), "speaker": speaker, "article": aid}
            said = when - dt.timedelta(hours=r.randint(0, 72))
            rec["said"] = said if r.random() < 0.5 else said.date()
            if r.random() < 0.5:
                rec["context"] = f"Speaking to reporters in {r.choice(_PLACES)} after the {r.choice(_NOUNS)}."
            if r.random() < 0.2:
                rec["via"] = r.choice(authors)
            rec["events"] = events[: r.randint(1, len(events))]
            prev = last_by_speaker.get(speaker)
            if prev is not None and quote_article[prev] != aid and r.random() < 0.1:
                rec["same_as"] = prev
            last_by_speaker[speaker] = qid
            quote_article[qid] = aid
            quotes_of_article.setdefault(aid, []).append(qid)
            self.tags(rec)
            out.append(("quotes", qid, rec))

        # Updates to articles, after publication.
        update_ids = [_rid("updates", i + 1) for i in range(c["updates"])]
        seq: dict[str, int] = {}
        for uid in update_ids:
            aid = r.choice(article_ids)
            when, events, people, _authors = self.article_info[aid]
            seq[aid] = seq.get(aid, 0) + 1
            at = (when + dt.timedelta(hours=r.randint(1, 48) * seq[aid])).astimezone(self.tz())
            rec = {"article": aid, "at": at, "label": f"Update #{seq[aid]}"}
            p = r.choice(people)
            rec["text"] = f"{self.sentence()} {self.link(p, self.person_names[p])} later added that the {r.choice(_NOUNS)} would {r.choice(_VERBS)} the {r.choice(_NOUNS)}."
            if r.random() < 0.6:
                rec["people"] = [p]
            qs = quotes_of_article.get(aid, [])
            if qs and r.random() < 0.4:
                rec["quotes"] = r.sample(qs, min(len(qs), r.randint(1, 2)))
            if r.random() < 0.5:
                rec["events"] = events[:1]
            self.tags(rec)
            out.append(("updates", uid, rec))

        # Corrections targeting articles (70%) or quotes (30%).
        correction_ids = [_rid("corrections", i + 1) for i in range(c["corrections"])]
        for cid in correction_ids:
            if quote_ids and r.random() < 0.3:
                target = r.choice(quote_ids)
                when = self.article_info[quote_article[target]][0]
            else:
                target = r.choice(article_ids)
                when = self.article_info[target][0]
            at = when + dt.timedelta(days=r.randint(1, 30), hours=r.randint(0, 23))
            rec = {"target": target, "at": at if r.random() < 0.7 else at.date()}
            rec["kind"] = r.choices(["correction", "clarification", "retraction", "dispute"], weights=[70, 20, 3, 7])[0]
            rec["text"] = f"An earlier version misstated the {r.choice(_NOUNS)} in {r.choice(_PLACES)}. It was the {r.choice(_NOUNS)} in {r.choice(_PLACES)}."
            if r.random() < 0.4:
                rec["by"] = r.choice(outlets + newsmakers[:50])
            if r.random() < 0.3:
                rec["source"] = f"https://news.example.com/corrections/{cid}"
            out.append(("corrections", cid, rec))

        return out


def generate_records(n: int, seed: int = 1, variety: bool = True) -> list[tuple[str, str, dict]]:
    """All records as ``(folder, id, mapping)`` tuples, without touching disk."""
    return _Gen(n, seed, variety).build()


def write_tree(n: int, out_dir: Path, seed: int = 1, variety: bool = True) -> dict[str, int]:
    """Write a valid content tree of about ``n`` records into ``out_dir``.

    ``out_dir`` must not exist or be empty.  Returns the number of records
    written per folder (all seven folders, in :data:`FOLDERS` order).
    """
    out_dir = Path(out_dir)
    if out_dir.exists() and any(out_dir.iterdir()):
        raise FileExistsError(f"{out_dir} is not empty")
    gen = _Gen(n, seed, variety)
    records = gen.build()
    # A separate RNG for file-format variety, so the records do not depend on it.
    frng = random.Random(seed * 7919 + 17)
    for folder in FOLDERS:
        (out_dir / folder).mkdir(parents=True, exist_ok=True)
    counts = {f: 0 for f in FOLDERS}
    for folder, rid, rec in records:
        text = _dump(rec)
        ext = ".yaml"
        bom = False
        if variety:
            x = frng.random()
            if x < 0.01:
                ext = ".yml"
            elif x < 0.02:
                text = text.replace("\n", "\r\n")
            elif x < 0.03:
                bom = True
        data = text.encode("utf-8")
        if bom:
            data = b"\xef\xbb\xbf" + data
        (out_dir / folder / f"{rid}{ext}").write_bytes(data)
        counts[folder] += 1
    (out_dir / "README.md").write_text(
        f"Synthetic content tree: {sum(counts.values())} records, seed {seed}.\n"
        "Generated by bench/synthetic.py; not YAML, so the generator must ignore this file.\n",
        encoding="utf-8",
    )
    return counts


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("n", type=int, help="about how many records to write")
    ap.add_argument("out_dir", type=Path, help="directory to write the content tree into (must be empty)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--plain", action="store_true", help="only LF .yaml files without BOM, no tags/previous_ids")
    ap.add_argument("--force", action="store_true", help="delete out_dir first if it exists")
    args = ap.parse_args(argv)
    if args.force and args.out_dir.exists():
        import shutil

        shutil.rmtree(args.out_dir)
    try:
        counts = write_tree(args.n, args.out_dir, seed=args.seed, variety=not args.plain)
    except FileExistsError as e:
        print(f"error: {e} (use --force to replace it)", file=sys.stderr)
        return 2
    total = sum(counts.values())
    print(f"wrote {total} records to {args.out_dir}: " + ", ".join(f"{k} {v}" for k, v in counts.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
