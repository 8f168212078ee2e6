"""The search index made two ways on the same records, in one run: a folder per page for Pagefind's
CLI (before) against documents sent with their URLs to Pagefind's service (now).

The way before is search_index.py as it was at --before (the commit this change started from),
read from git into a module of its own, so both ways run the same planning, facets and
deterministic rewrite. Each run is a fresh process that loads the archive and lists its search
records (untimed), then times write_index alone: wall seconds, CPU seconds (the process and its
Pagefind children), the largest Pagefind process and the Python process (peak RSS). Runs alternate
before / now, --repeat times; the table has medians and the ratio now ÷ before. Each pair is also
compared: the same search.json, facets and script, and in every index the same fragments (each
page's words, title, meta, filters and URL; only the order of pages differs).

Usage: .venv/bin/python bench/bench_search_documents.py [--sizes 2000,10000] [--repeat 3] [--trees DIR]
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "bench"))
OUT = REPO / "bench/out"
PY = str(REPO / ".venv/bin/python")
BEFORE = "0de799f"  # main when the search documents stopped needing a folder per page

RUN = """
import importlib.util, json, os, resource, sys, time
from pathlib import Path
from generator.core.archive import load_or_raise
from generator.core.settings import load_settings
from generator.outputs.search import search_records
from generator.site.questions import Site
way, content, out = sys.argv[1:4]
if way == "now":
    from generator.outputs import search_index as module
else:
    spec = importlib.util.spec_from_file_location("search_index_before", way)
    module = sys.modules[spec.name] = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
settings = load_settings(Path("site_config/archive.yml"))
records = list(search_records(Site(load_or_raise(Path(content), settings), settings)))
start, cpu = time.perf_counter(), os.times()
count = module.write_index(records, Path(out), settings.language)
wall, end = time.perf_counter() - start, os.times()
print(json.dumps({"records": count, "seconds": wall,
                  "cpu": sum(end[:4]) - sum(cpu[:4]),
                  "pagefind_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
                  "python_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def tree(n: int, trees: Path | None) -> Path:
    if trees is not None:
        return trees / f"tree-{n}"
    from bench_check import prepare_tree

    return prepare_tree(n, 1, None)[0]


def index_once(way: str, content: Path, out: Path) -> dict:
    shutil.rmtree(out, ignore_errors=True)
    done = subprocess.run([PY, "-c", RUN, way, str(content), str(out)], cwd=REPO, capture_output=True, text=True)
    if done.returncode:
        sys.exit(done.stderr[-3000:])
    return json.loads(done.stdout.strip().splitlines()[-1])


def same_for_readers(before: Path, now: Path) -> bool:
    """The same files beside the indexes, and in each index the same fragments."""
    def files(folder: Path) -> dict[str, bytes]:
        return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}

    shared = [p.name for p in before.iterdir() if p.is_file()]
    if sorted(shared) != sorted(p.name for p in now.iterdir() if p.is_file()):
        return False
    if any((before / name).read_bytes() != (now / name).read_bytes() for name in shared):
        return False
    bundles = [p.name for p in before.iterdir() if p.is_dir()]
    return all(files(before / b / "fragment") == files(now / b / "fragment") for b in bundles)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="2000,10000")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--before", default=BEFORE, help="the commit whose search_index.py is the way before")
    parser.add_argument("--trees", type=Path, help="a folder holding tree-N (default: bench/out, made if missing)")
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    old = OUT / "search_index_before.py"
    old.write_text(subprocess.run(["git", "show", f"{args.before}:generator/outputs/search_index.py"], cwd=REPO,
                                  capture_output=True, text=True, check=True).stdout, encoding="utf-8")
    rows = []
    for n in [int(s) for s in args.sizes.split(",")]:
        content = tree(n, args.trees)
        runs: dict[str, list[dict]] = {"before": [], "now": []}
        same = True
        for _ in range(args.repeat):
            runs["before"].append(index_once(str(old), content, OUT / "search-before"))
            runs["now"].append(index_once("now", content, OUT / "search-now"))
            same = same and same_for_readers(OUT / "search-before", OUT / "search-now")
        rows.append((n, runs, same))
        print(f"N={n}: {json.dumps(runs)}", flush=True)
    print()
    print("| records | runs | before s | now s | now ÷ before | before CPU s | now CPU s | now ÷ before (CPU) "
          "| Pagefind peak MB before / now | Python peak MB before / now | same for readers |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---|---|---|")
    for n, runs, same in rows:
        def median(way: str, key: str, runs=runs) -> float:
            return statistics.median(r[key] for r in runs[way])
        print(f"| {n:,} | {len(runs['now'])} | {median('before', 'seconds'):.2f} | {median('now', 'seconds'):.2f} "
              f"| {median('now', 'seconds') / median('before', 'seconds'):.2f}× "
              f"| {median('before', 'cpu'):.2f} | {median('now', 'cpu'):.2f} "
              f"| {median('now', 'cpu') / median('before', 'cpu'):.2f}× "
              f"| {median('before', 'pagefind_mb'):.0f} / {median('now', 'pagefind_mb'):.0f} "
              f"| {median('before', 'python_mb'):.0f} / {median('now', 'python_mb'):.0f} | {'yes' if same else 'NO'} |")


if __name__ == "__main__":
    main()
