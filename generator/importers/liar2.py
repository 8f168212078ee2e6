"""Import LIAR2 (PolitiFact fact-checks) CSV files as a content tree.

Each CSV row becomes a `quote` (the statement, its speaker, the day it was
said, where it was said and its subjects as tags). Each distinct speaker
becomes a `person`, or an `organization` (kind `other`) when the name is
plainly not a person ("facebook posts", "viral image", a PAC, a website…).
PolitiFact's rating of each statement, all six of the Truth-O-Meter (Pants on
Fire, False, Mostly False — LIAR2's "barely-true" —, Half True, Mostly True,
True), is kept as data in the quote's `ratings`, by the organization
`politifact`, on its stated scale, with an excerpt of its reasoning. It has no
date: LIAR2 does not say when PolitiFact rated a statement, and the day the
statement was made is not that day.

    python -m generator.importers.liar2 OUT_DIR CSV [CSV …]

writes OUT_DIR/<folder>/<id>.yaml (OUT_DIR must be new or empty) and prints
the number of records of each kind. The CSV files are read with the csv
module (RFC 4180 quoting, fields spanning lines); records are written with
yaml.safe_dump, never formatted by hand.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from generator.core.dates import MONTHS
from generator.core.sources import FOLDER_OF, ID_MAX

COLUMNS = ("id", "label", "statement", "date", "subject", "speaker", "speaker_description", "context",
           "justification")

POLITIFACT = "politifact"
# PolitiFact's Truth-O-Meter names for LIAR2's labels 0–5 (LIAR2 calls 2 "barely-true",
# the rating PolitiFact now names "Mostly False").
LABELS = {0: "Pants on Fire", 1: "False", 2: "Mostly False", 3: "Half True", 4: "Mostly True", 5: "True"}
SCALE = [LABELS[n] for n in sorted(LABELS)]  # worst first, as a rating's `scale` lists it
SCALE_NAME = "Truth-O-Meter"
EXCERPT_MAX = 300

# Speakers that are sources or crowds, not people.
NOT_PERSONS = {"facebook posts", "viral image", "instagram posts", "bloggers", "tweets", "chain email",
               "multiple sources", "social media", "viral media reports", "liberal blogger", "tiktok posts",
               "viral video", "various websites", "websites", "blog posting", "email"}
# Whole words that mark a speaker as an organization rather than a person.
_ORG_WORDS = re.compile(
    r"\b(posts|committee|pac|party|association|foundation|institute|council|coalition|fund|league|union|"
    r"club|alliance|society|caucus|chamber|federation|conference|department|bureau|county|democrats|"
    r"republicans|inc|network|news|report|reports|project|action|america|americans|citizens|campaign|"
    r"government|group|organization|corporation|company|university|gazette|tribune|center|initiative|"
    r"services|commerce|conservatives|progressives|floridians|texans|georgians|students|doctors|usa|"
    r"daily|times|post|schools|against|majority|board|transit|bank|program|aclu|aarp|afscme|afl-cio|msnbc)\b"
    r"|^the |.\b(of|for|to|and|on)\b|&")  # "Stand for Children": a particle inside a name
_WEBSITE = re.compile(r"^[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,}$")

# Words kept in capitals or in lower case when a lower-case name is title-cased.
_ACRONYMS = {"pac", "gop", "usa", "us", "aclu", "naacp", "naral", "nra", "seiu", "dnc", "rnc", "nrcc",
             "dccc", "cq", "tv", "yg", "afl-cio", "aarp", "afscme", "msnbc", "nh", "ri", "ii", "iii", "iv"}
_SMALL = {"a", "an", "and", "at", "by", "for", "in", "of", "on", "or", "the", "to"}


@dataclass
class _Speaker:
    id: str
    name: str  # as first given in the CSV (spaces normalised)
    description: str = ""


@dataclass
class _Tree:
    records: dict[str, tuple[str, dict[str, Any]]] = field(default_factory=dict)  # id → (kind, data)
    speakers: dict[str, _Speaker] = field(default_factory=dict)  # _speaker_key(speaker) → speaker

    def add(self, kind: str, record_id: str, data: dict[str, Any]) -> None:
        assert record_id not in self.records, record_id
        self.records[record_id] = (kind, data)


def slugify(text: str, limit: int = ID_MAX) -> str:
    """An id from any text: ASCII lower case, digits and single hyphens, at most `limit` characters."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    if len(slug) > limit:
        cut = slug[:limit]
        slug = (cut.rsplit("-", 1)[0] if "-" in cut and slug[limit] != "-" else cut).strip("-")
    return slug


def parse_date(text: str) -> str | None:
    """'April 16, 2008' (or 'Apr 16, 2008', or ISO 2008-04-16) → '2008-04-16'; None if unreadable."""
    text = " ".join(text.split())
    match = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", text)
    if match:
        year, month, day = (int(g) for g in match.groups())
    else:
        match = re.fullmatch(r"([A-Za-z]+)\.? (\d{1,2}),? (\d{4})", text)
        if not match:
            return None
        name = match.group(1).lower()
        months = [m.lower() for m in MONTHS]
        found = [i for i, m in enumerate(months) if m == name or (len(name) >= 3 and m.startswith(name))]
        if not found:
            return None
        month, day, year = found[0] + 1, int(match.group(2)), int(match.group(3))
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def is_person(speaker: str) -> bool:
    """False for speakers that are plainly not a person; a simple, conservative guess."""
    name = speaker.lower()
    return not (name in NOT_PERSONS or _WEBSITE.match(name) or _ORG_WORDS.search(name))


def display_name(speaker: str) -> str:
    """The speaker's name as shown: title-cased when the source gives it all in lower case."""
    speaker = " ".join(speaker.split())
    if speaker != speaker.lower() or _WEBSITE.match(speaker) or speaker.startswith("@"):
        return speaker  # already cased by the source, or a web address / handle kept as written
    words = []
    for i, word in enumerate(speaker.split(" ")):
        bare = word.strip("()\"“”,:")
        if bare in _ACRONYMS:
            words.append(word.replace(bare, bare.upper()))
        elif i > 0 and word in _SMALL:
            words.append(word)
        else:
            words.append(_capitalize(word))
    return " ".join(words)


def _capitalize(word: str) -> str:
    chars = list(word)
    upper_next = True
    for i, char in enumerate(chars):
        if char.isalpha():
            if upper_next:
                chars[i] = char.upper()
            upper_next = False
        elif char in "-.(\"“/":
            upper_next = True
        elif char.isdigit():  # 21st, not 21St
            upper_next = False
        elif char in "'’" and i == 1 and len(word) > 3:  # O'Rourke, D'Souza (but not Children's)
            upper_next = True
    result = "".join(chars)
    if re.match(r"Mc[a-z]{2,}", result):  # McCain, McAuliffe
        result = "Mc" + result[2].upper() + result[3:]
    return result


def excerpt(text: str, limit: int = EXCERPT_MAX) -> str:
    """The text on one line, cut on a word boundary to at most about `limit` characters."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit]
    if " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:-–—") + " …"


def _rows(csv_paths: Iterable[Path]) -> Iterable[dict[str, str]]:
    for path in csv_paths:
        with open(path, newline="", encoding="utf-8-sig") as handle:
            reader = csv.DictReader(handle)
            missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
            if missing:
                raise ValueError(f"{path}: not a LIAR2 file, missing column(s) {', '.join(missing)}")
            for row in reader:
                # line ends inside a cell are CSV's encoding, not the text's: one line break each,
                # as YAML reads a file's line ends (check refuses a bare carriage return)
                yield {k: _lf(v or "") for k, v in row.items() if k is not None}


def _lf(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _unique(base: str, used: set[str], prefix: str = "") -> str:
    """`base`, or `prefix-base`, or `…-2`, `…-3`: the first that is not in `used`."""
    candidate = base
    if candidate in used and prefix:
        candidate = slugify(f"{prefix}-{base}")
    number = 2
    stem = candidate
    while candidate in used:
        suffix = f"-{number}"
        candidate = slugify(stem, ID_MAX - len(suffix)) + suffix
        number += 1
    used.add(candidate)
    return candidate


def build(csv_paths: Iterable[Path]) -> tuple[_Tree, dict[str, int]]:
    """Read the CSV files into records (id → kind, data) without writing anything."""
    tree = _Tree()
    skipped = duplicates = 0
    kept: list[tuple[str, dict[str, str]]] = []
    used: set[str] = {POLITIFACT}
    for row in _rows(csv_paths):
        statement, speaker = row["statement"], row["speaker"].strip()
        quote_id = slugify(f"liar2-{row['id'].strip()}")
        if not statement.strip() or not speaker or quote_id == "liar2":
            skipped += 1
            continue
        if quote_id in used:  # the same row id again (in this file or another): keep the first
            duplicates += 1
            continue
        used.add(quote_id)
        kept.append((quote_id, row))
    # all quote ids are taken first, so a speaker can never take one
    for _, row in kept:
        speaker = _speaker_key(row["speaker"])
        if speaker not in tree.speakers:
            name = " ".join(row["speaker"].split())
            tree.speakers[speaker] = _Speaker(_unique(slugify(name) or "speaker", used, "speaker"), name)
        if not tree.speakers[speaker].description:
            tree.speakers[speaker].description = row["speaker_description"].strip()

    tree.add("organization", POLITIFACT, {
        "name": "PolitiFact", "kind": "outlet", "url": "https://www.politifact.com/",
        "summary": "Fact-checking website of the Poynter Institute. Its ratings of statements come from "
                   "the LIAR2 data set (Apache-2.0).",
    })
    for who in tree.speakers.values():
        data: dict[str, Any] = {"name": display_name(who.name)}
        kind = "person" if is_person(who.name) else "organization"
        if kind == "organization":
            data["kind"] = "other"
        if who.description:  # as LIAR2 has it: plain text, never read as Markdown
            data["summary"] = who.description
            data["text_format"] = "plain"
        tree.add(kind, who.id, data)
    for quote_id, row in kept:
        said = parse_date(row["date"])
        speaker_id = tree.speakers[_speaker_key(row["speaker"])].id
        quote: dict[str, Any] = {"text": row["statement"], "speaker": speaker_id}
        if said:
            quote["said"] = said
        context = " ".join(row["context"].split())
        if context:  # as LIAR2 has it: plain text, never read as Markdown
            quote["context"] = f"Said in: {context}"
            quote["text_format"] = "plain"
        tags = list(dict.fromkeys(t.strip() for t in row["subject"].split(";") if t.strip()))
        if tags:
            quote["tags"] = tags
        rating = _rating(row)
        if rating:
            quote["ratings"] = [rating]
        tree.add("quote", quote_id, quote)
    counts = {kind: 0 for kind in ("quote", "person", "organization")}
    for kind, _ in tree.records.values():
        counts[kind] += 1
    counts["skipped"] = skipped
    counts["duplicates"] = duplicates
    return tree, counts


def _rating(row: dict[str, str]) -> dict[str, Any] | None:
    """PolitiFact's rating as data, with no date (LIAR2 gives none; the statement's is not the rating's)."""
    label = _label(row["label"])
    if label not in LABELS:
        return None
    rating: dict[str, Any] = {"by": POLITIFACT, "rating": LABELS[label], "scale_name": SCALE_NAME,
                              "scale": SCALE}
    reasoning = excerpt(row["justification"])
    if reasoning:
        rating["reasoning"] = reasoning
    return rating


def _speaker_key(speaker: str) -> str:
    """Speakers are the same when they differ only in case and spacing."""
    return " ".join(speaker.split()).casefold()


def _label(value: str) -> int | None:
    try:
        return int(value.strip())
    except ValueError:
        return None


def convert(csv_paths: list[Path], out_dir: Path) -> dict[str, int]:
    """Write one YAML file per record to out_dir/<folder>/<id>.yaml; return the counts per kind.

    The counts also give 'skipped' (rows without a statement or a speaker) and
    'duplicates' (rows whose id was already imported). out_dir must be new or empty,
    so no stale record of an earlier run survives.
    """
    out_dir = Path(out_dir)
    if out_dir.exists() and any(out_dir.iterdir()):
        raise FileExistsError(f"{out_dir} is not empty: give a new or empty folder")
    tree, counts = build(Path(p) for p in csv_paths)
    for folder in {FOLDER_OF[kind] for kind, _ in tree.records.values()}:
        (out_dir / folder).mkdir(parents=True, exist_ok=True)
    for record_id, (kind, data) in tree.records.items():
        text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
        (out_dir / FOLDER_OF[kind] / f"{record_id}.yaml").write_text(text, encoding="utf-8", newline="\n")
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m generator.importers.liar2",
                                     description="Convert LIAR2 CSV files into a content tree of records.")
    parser.add_argument("out_dir", type=Path, metavar="OUT_DIR", help="new or empty folder to write")
    parser.add_argument("csv_paths", type=Path, nargs="+", metavar="CSV", help="LIAR2 CSV file(s)")
    args = parser.parse_args(argv)
    try:
        counts = convert(args.csv_paths, args.out_dir)
    except (OSError, ValueError, csv.Error) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    for name, number in counts.items():
        print(f"{name}: {number:,}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
