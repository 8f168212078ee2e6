"""Every data output, timed on its own, against a floor measured in the same run.

For each size N: a synthetic archive of N records (bench/synthetic.py, in a temporary folder) is
loaded once (untimed); then, timed one after the other in one process, as a serial build runs them:

- the **floor**: every record's JSON document written as JSON Lines (what every download starts from);
- record JSON: each record's `index.json` beside its page (and `moved_to` files for previous ids);
- JSON Lines: `data/archive.jsonl.gz`;
- SQLite: `data/archive.sqlite.gz` as published (generator/outputs/sqlite_download.py: tables, foreign
  keys, join tables, FTS5, views), and for comparison a plain SQLite file with one table of the same
  documents (what a minimal SQLite export costs);
- dataset files: the JSON Schemas, metadata.json and datapackage.json (which hashes every download);
- feeds (Atom, with RFC 5005 archives), calendars (iCalendar), citations (BibTeX, RIS, CSL-JSON files);
- search documents: the HTML Pagefind reads for each record (Pagefind's own time is not included).

Pages are not rendered: a feed entry's summary is what `Published.description` gives without them.
Prints a Markdown table per size: wall seconds, this process's user and system CPU seconds (creating
some 35,000 files and folders at 10,000 records is system time, which other processes writing to the
same disk make vary twofold), and the ratio of the wall time to the floor; then the sizes of the
downloads. Compare ratios within one run. `--tmp /dev/shm` writes to memory (tmpfs), leaving the
disk out.

    .venv/bin/python bench/bench_data.py --sizes 2000,10000
    .venv/bin/python bench/bench_data.py --sizes 2000,10000 --tmp /dev/shm
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import write_tree  # noqa: E402

from generator.core.archive import load_or_raise  # noqa: E402
from generator.core.settings import Settings  # noqa: E402
from generator.outputs.calendars import write_calendars  # noqa: E402
from generator.outputs.citation_files import write_citations  # noqa: E402
from generator.outputs.feeds import write_feeds  # noqa: E402
from generator.outputs.opendata import DATA_DIR, OpenData, _json_line  # noqa: E402
from generator.outputs.publication import Published  # noqa: E402
from generator.outputs.search import search_document, search_records  # noqa: E402
from generator.site.questions import Site  # noqa: E402


def timed(action: Callable[[], object]) -> tuple[float, float, float]:
    """(wall, user CPU, system CPU) seconds of one call in this process."""
    start, before = time.perf_counter(), os.times()
    action()
    after = os.times()
    return time.perf_counter() - start, after.user - before.user, after.system - before.system


def measure(n: int, work: Path) -> tuple[int, list[tuple[str, float, float, float]], dict[str, int]]:
    write_tree(n, work / "content")
    settings = Settings(title="Bench", description="A synthetic archive")
    site = Site(load_or_raise(work / "content", settings), settings)
    floor_data = OpenData(Published(site, "https://example.org/archive/"))  # nothing it computes helps the rest
    pub = Published(site, "https://example.org/archive/")
    data = OpenData(pub)
    out = work / "site"
    (out / DATA_DIR).mkdir(parents=True)
    documents: list[str] = []
    lines: list[str] = []
    rows: list[tuple[str, float, float, float]] = []

    def plain() -> None:
        with sqlite3.connect(work / "plain.sqlite") as db:
            db.execute("CREATE TABLE records (line TEXT)")
            db.executemany("INSERT INTO records VALUES (?)", ((d,) for d in documents))

    def search() -> None:
        with open(work / "search.html", "w", encoding="utf-8") as f:
            f.writelines(search_document(r) for r in search_records(site))

    steps: list[tuple[str, Callable[[], object]]] = [
        ("floor: JSON Lines", lambda: (documents.extend(_json_line(floor_data.document(r)) for r in floor_data.records),
                                       (work / "floor.jsonl").write_text("".join(documents), encoding="utf-8"))),
        ("record JSON", lambda: lines.extend(data.write_records(out))),
        ("JSON Lines (.gz)", lambda: data.write_jsonl(out, lines)),
        ("SQLite (.gz)", lambda: data.write_sqlite(out)),
        ("one-table SQLite", plain),
        ("dataset files", lambda: data.write_descriptions(out)),
        ("feeds", lambda: write_feeds(pub, out)),
        ("calendars", lambda: write_calendars(pub, out)),
        ("citations", lambda: write_citations(pub, out)),
        ("search documents", search),
    ]
    for name, step in steps:
        rows.append((name, *timed(step)))
    sizes = {"jsonl.gz": (out / DATA_DIR / "archive.jsonl.gz").stat().st_size,
             "sqlite.gz": (out / DATA_DIR / "archive.sqlite.gz").stat().st_size,
             "one-table sqlite": (work / "plain.sqlite").stat().st_size}
    return len(data.records), rows, sizes


def table(records: int, rows: list[tuple[str, float, float, float]]) -> list[str]:
    floor = rows[0][1]
    out = [f"\n{records:,} records\n", "| output | wall s | user s | system s | ratio to floor |",
           "|---|---:|---:|---:|---:|"]
    out += [f"| {name} | {wall:.2f} | {user:.2f} | {system:.2f} | {wall / floor:.1f} |"
            for name, wall, user, system in rows]
    # the one-table SQLite is a comparison, not an output
    ours = [row[1:] for row in rows[1:] if row[0] != "one-table SQLite"]
    wall, user, system = (sum(row[i] for row in ours) for i in range(3))
    out.append(f"| **all outputs** | **{wall:.2f}** | **{user:.2f}** | **{system:.2f}** | **{wall / floor:.1f}** |")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Time each data output against JSON Lines in the same run.")
    parser.add_argument("--sizes", default="2000,10000", help="comma-separated record counts (at most 10000 here)")
    parser.add_argument("--tmp", default=None, help="where the temporary archives go (e.g. /dev/shm: in memory)")
    args = parser.parse_args(argv)
    for n in [int(s) for s in args.sizes.split(",")]:
        with tempfile.TemporaryDirectory(prefix="bench-data-", dir=args.tmp) as work:
            records, rows, files = measure(n, Path(work))
            print("\n".join(table(records, rows)), flush=True)
            print("\n" + ", ".join(f"{name} {size / 1e6:.1f} MB" for name, size in files.items()), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
