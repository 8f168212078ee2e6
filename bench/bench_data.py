"""The data downloads against a floor measured in the same run.

For each size N: a synthetic archive of N records (bench/synthetic.py, in a temporary folder) is
loaded once; then, timed one after the other, the **floor** (every record's JSON document written
as JSON Lines, which every download starts from), the SQLite download as published
(generator/outputs/sqlite_download.py: tables, foreign keys, join tables, FTS5, views), a plain
SQLite file with one table of the same documents (what a minimal SQLite export costs), and
metadata.json + datapackage.json (which hash every download). Prints a Markdown table: seconds,
ratio to the floor, file sizes.

    .venv/bin/python bench/bench_data.py --sizes 1000,10000
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import write_tree  # noqa: E402

from generator.core.archive import load_or_raise  # noqa: E402
from generator.core.settings import Settings  # noqa: E402
from generator.outputs.dataset_files import write_dataset_files  # noqa: E402
from generator.outputs.opendata import OpenData, _json_line  # noqa: E402
from generator.outputs.publication import Published  # noqa: E402
from generator.outputs.record_schemas import published_schemas  # noqa: E402
from generator.outputs.sqlite_download import write_sqlite  # noqa: E402
from generator.site.questions import Site  # noqa: E402


def timed(action) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def measure(n: int, work: Path) -> list[str]:
    write_tree(n, work / "content")
    settings = Settings(title="Bench")
    site = Site(load_or_raise(work / "content", settings), settings)
    data = OpenData(Published(site, "https://example.org/"))
    out = work / "data"
    (out / "schema").mkdir(parents=True)
    documents: list[str] = []
    floor = timed(lambda: documents.extend(_json_line(data.document(r)) for r in data.records))
    (out / "archive.jsonl").write_text("".join(documents), encoding="utf-8")
    ours = timed(lambda: write_sqlite(data, out / "archive.sqlite"))

    def plain() -> None:
        with sqlite3.connect(work / "plain.sqlite") as db:
            db.execute("CREATE TABLE records (line TEXT)")
            db.executemany("INSERT INTO records VALUES (?)", ((d,) for d in documents))

    minimal = timed(plain)
    schemas = published_schemas(data.pub.url)
    for name, text in schemas.items():
        (out / "schema" / name).write_text(text, encoding="utf-8")
    described = timed(lambda: write_dataset_files(data.pub, out, list(schemas)))
    mb = lambda p: f"{p.stat().st_size / 1e6:.1f}"  # noqa: E731
    return [f"{len(data.records):,}", f"{floor:.2f}", f"{ours:.2f}", f"{ours / floor:.1f}", f"{minimal:.2f}",
            f"{described:.2f}", mb(out / "archive.jsonl"), mb(out / "archive.sqlite"), mb(work / "plain.sqlite")]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Time the data downloads against JSON Lines in the same run.")
    parser.add_argument("--sizes", default="1000,10000", help="comma-separated record counts (at most 10000 here)")
    sizes = [int(s) for s in parser.parse_args(argv).sizes.split(",")]
    header = ["records", "floor: JSON Lines s", "SQLite download s", "ratio to floor", "one-table SQLite s",
              "metadata + datapackage s", "jsonl MB", "sqlite MB", "one-table MB"]
    print("| " + " | ".join(header) + " |\n|" + "---|" * len(header))
    for n in sizes:
        with tempfile.TemporaryDirectory(prefix="bench-data-") as work:
            print("| " + " | ".join(measure(n, Path(work))) + " |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
