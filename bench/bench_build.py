"""Benchmark the whole build against its floor: plain MkDocs + Material building the same pages.

For each size N (default 1000, 10000, 100000 records) this:

1. generates (or reuses) a synthetic content tree with bench/synthetic.py (bench_check.prepare_tree);
2. times `generator check` alone;
3. times `generator build` with every core and, unless --no-serial, with `--workers 1`;
   our phases (load, graph, pages, head, search, data) come from the build's ARCHIVE_TIMINGS file;
4. writes the same pages with `generator pages --out` (untimed) and times the **floor**: plain
   `mkdocs build` with mkdocs-material on those Markdown pages, no plugin, one process;
5. reports pages, the largest HTML file, peak RSS (largest process, from os.wait4) and the ratios.

With --serve N it also measures the preview: `mkdocs serve --dirty` on an N-record archive,
one record edited, seconds until the served page shows the edit. With --shards K it also builds
the archive as K shards one after the other (`generator build --shard k/K`, every core each, as K
runners of this kind would) and merges them (`generator merge`): the slowest shard plus the merge
is the time from push to site when the shards run side by side; the merged site must equal the
unsplit build file for file.

    .venv/bin/python bench/bench_build.py                          # 1000,10000,100000
    .venv/bin/python bench/bench_build.py --sizes 1000,10000 --serve 10000
    .venv/bin/python bench/bench_build.py --sizes 10000 --no-serial --shards 2
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
OUT = BENCH / "out"
SITES = OUT  # where built sites go (--sites): the trees and the floor's Markdown stay in OUT
sys.path.insert(0, str(BENCH))
import bench_check  # noqa: E402
import goals  # noqa: E402

sys.path.insert(0, str(BENCH.parent / "tests"))
import browser  # noqa: E402  (the preview served and polled as tests/test_preview_serve.py does)

sys.path.insert(0, str(ROOT))
from generator.build import site_size  # noqa: E402

PY = sys.executable
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def run_timed(cmd: list[str], cwd: Path = ROOT, env: dict | None = None) -> tuple[float, float, str]:
    """Run a command; return (wall seconds, peak RSS MB of its largest process, output). Fails loudly."""
    with tempfile.TemporaryFile() as out:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, env=env or ENV, stdin=subprocess.DEVNULL, stdout=out,
                                stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        text = out.read().decode("utf-8", "replace")
    if proc.returncode != 0:
        sys.exit(f"{' '.join(cmd)} failed ({proc.returncode}):\n{text[-3000:]}")
    return wall, usage.ru_maxrss / 1024, text


def build(tree: Path, site: Path, workers: int | None, shard: str | None = None) -> dict:
    timings = OUT / "timings.json"
    cmd = [PY, "-m", "generator", "build", "--content", str(tree), "--site-dir", str(site)]
    if workers:
        cmd += ["--workers", str(workers)]
    if shard:
        cmd += ["--shard", shard]
    wall, rss, _ = run_timed(cmd, env={**ENV, "ARCHIVE_TIMINGS": str(timings)})
    data = json.loads(timings.read_text())
    return {"wall": wall, "rss": rss, "phases": data["phases"]}


def floor(tree: Path, n: int) -> dict:
    """Plain MkDocs + Material, one process, building the pages `generator pages --out` wrote."""
    work = OUT / f"floor-{n}"
    shutil.rmtree(work, ignore_errors=True)
    docs = work / "docs"
    run_timed([PY, "-m", "generator", "pages", "--content", str(tree), "--out", str(docs)])
    shutil.copytree(ROOT / "site_config/docs", docs, dirs_exist_ok=True)
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text().replace("!ENV", ""))
    site = SITES / f"floor-{n}-site"
    shutil.rmtree(site, ignore_errors=True)
    config.update(docs_dir="docs", site_dir=str(site), plugins=[], site_url="http://127.0.0.1:8000/", watch=[])
    config["theme"]["custom_dir"] = str(ROOT / "site_config/overrides")
    config["site_name"] = yaml.safe_load((ROOT / "site_config/archive.yml").read_text())["title"]
    (work / "mkdocs.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    wall, rss, _ = run_timed([PY, "-m", "mkdocs", "build", "--quiet"], cwd=work)
    return {"wall": wall, "rss": rss, "site": site}


def sharded(tree: Path, n: int, count: int, whole: Path) -> dict:
    """The archive built as `count` shards one after the other, then merged; the merge must equal `whole`."""
    parts = [SITES / f"shard-{n}-{k}" for k in range(1, count + 1)]
    for part in parts:
        shutil.rmtree(part, ignore_errors=True)
    shards = [build(tree, part, None, f"{k}/{count}") for k, part in enumerate(parts, start=1)]
    merged = SITES / f"site-{n}-merged"
    wall, rss, _ = run_timed([PY, "-m", "generator", "merge", *map(str, parts), "--site-dir", str(merged)])
    differing = _differences(whole, merged)
    if differing:
        sys.exit(f"the merged shards differ from the unsplit build: {differing[:5]}")
    return {"shards": shards, "merge": wall, "rss": max([rss] + [s["rss"] for s in shards])}


def _differences(one: Path, other: Path) -> list[str]:
    names = {p.relative_to(one) for p in one.rglob("*") if p.is_file()}
    if names != {p.relative_to(other) for p in other.rglob("*") if p.is_file()}:
        return ["(the files differ)"]
    return [str(name) for name in sorted(names) if (one / name).read_bytes() != (other / name).read_bytes()]


def largest_html(site: Path) -> tuple[int, str, int]:
    sizes = [(p.stat().st_size, str(p.relative_to(site))) for p in site.rglob("*.html")]
    biggest = max(sizes)
    return biggest[0], biggest[1], len(sizes)


def serve_reload(tree: Path, n: int) -> dict:
    """Seconds from saving one edited quote to `mkdocs serve --dirty` serving the edit."""
    work = OUT / f"serve-{n}"
    shutil.rmtree(work, ignore_errors=True)
    shutil.copytree(tree, work / "content")
    quotes = sorted((work / "content/quotes").glob("*.yaml"))
    quote = quotes[len(quotes) // 2]
    with browser.preview_of(work / "content", work / "serve.log", f"bench-serve-{n}", ENV) as base:
        url = f"{base}quotes/{quote.stem}/"
        start = time.perf_counter()
        _wait_for(url, None, 3600)
        first_build = time.perf_counter() - start
        results = []
        for attempt in range(3):
            marker = f"edited-{attempt}-{time.time_ns()}"
            source = quote.read_text(encoding="utf-8")
            start = time.perf_counter()
            # inside the quotes of a quoted text: before them, a text holding ': ' is no longer YAML
            quote.write_text(re.sub(r"^text: (['\"]?)", rf"text: \g<1>{marker} ", source, count=1,
                                    flags=re.M), encoding="utf-8")
            _wait_for(url, marker, 600)
            results.append(time.perf_counter() - start)
            time.sleep(2)
        return {"first": first_build, "reloads": results}


def _wait_for(url: str, text: str | None, timeout: float) -> None:
    if browser.page_showing(url, text, timeout) is None:
        sys.exit(f"{url} did not show {text!r} within {timeout:g} s")


def row(cells) -> str:
    return "| " + " | ".join(str(c) for c in cells) + " |"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--no-serial", action="store_true", help="skip the --workers 1 build")
    parser.add_argument("--serve", type=int, default=0, help="also measure the preview at this size")
    parser.add_argument("--shards", type=int, default=0,
                        help="also build each size as this many shards, one after the other, and merge them")
    parser.add_argument("--sites", metavar="DIR",
                        help="write the built sites (ours and the floor's) here, e.g. /dev/shm: on a disk whose "
                             "file creation varies, memory leaves the disk out of the ratios (default bench/out)")
    parser.add_argument("--sizes-only", action="store_true",
                        help="one parallel build per size and its bytes by output kind: no check, floor or serial build")
    args = parser.parse_args()
    OUT.mkdir(exist_ok=True)
    global SITES
    SITES = Path(args.sites) if args.sites else OUT
    SITES.mkdir(parents=True, exist_ok=True)
    rows, phase_rows, size_rows, shard_rows = [], [], [], []
    runs: list[goals.Run] = []
    for n in (int(s) for s in args.sizes.split(",") if s):
        tree, _ = bench_check.prepare_tree(n, 1, None)
        records = sum(bench_check.folder_counts(tree).values())
        run = goals.Run(records)
        runs.append(run)
        if args.sizes_only:
            build(tree, SITES / f"site-{n}", None)
            size_rows += size_table(SITES / f"site-{n}", run)
            continue
        check_s = run_timed([PY, "-m", "generator", "check", str(tree)])[0]
        low = floor(tree, n)
        ours = build(tree, SITES / f"site-{n}", None)
        size_rows += size_table(SITES / f"site-{n}", run)
        serial = None if args.no_serial else build(tree, SITES / f"site-{n}-serial", 1)
        run.floor, run.parallel, run.peak_mb, run.phases = low["wall"], ours["wall"], ours["rss"], ours["phases"]
        run.serial, run.serial_phases = (serial["wall"], serial["phases"]) if serial else (None, {})
        big, big_name, pages = largest_html(SITES / f"site-{n}")
        rows.append(row([f"{records:,}", f"{pages:,}", f"{check_s:.1f}", f"{low['wall']:.1f}",
                         f"{serial['wall']:.1f}" if serial else "–",
                         f"{serial['wall'] / low['wall']:.2f}×" if serial else "–",
                         f"{ours['wall']:.1f}", f"{ours['wall'] / low['wall']:.2f}×",
                         f"{low['rss']:,.0f}", f"{ours['rss']:,.0f}", f"{big / 1024:,.0f} KB ({big_name})"]))
        for name, data in (("serial", serial), ("parallel", ours)):
            if data:
                phases = data["phases"]
                phase_rows.append(row([f"{records:,}", name] + [f"{phases.get(k, 0):.1f}" for k in PHASES]))
        print(rows[-1], flush=True)
        if args.shards > 1:
            split = sharded(tree, n, args.shards, SITES / f"site-{n}")
            walls = [s["wall"] for s in split["shards"]]
            shard_rows.append(row([f"{records:,}", args.shards, f"{low['wall']:.1f}", f"{ours['wall']:.1f}",
                                   " / ".join(f"{w:.1f}" for w in walls), f"{split['merge']:.1f}",
                                   f"{max(walls) + split['merge']:.1f}",
                                   f"{(max(walls) + split['merge']) / low['wall']:.2f}×",
                                   f"{sum(walls) / ours['wall']:.2f}×", f"{split['rss']:,.0f}"]))
            print(shard_rows[-1], flush=True)
    print_sizes(size_rows)
    if args.sizes_only:
        print_goals(runs, None)
        return
    print("\n" + row(["records", "pages", "check s", "floor s", "serial s", "serial ÷ floor", "parallel s",
                      "parallel ÷ floor", "floor peak MB", "ours peak MB", "largest HTML"]))
    print(row(["---:"] * 10 + ["---"]))
    print("\n".join(rows))
    print("\nTime in our code, seconds (the rest of a serial build is MkDocs and the theme):\n")
    print(row(["records", "build"] + PHASES))
    print(row(["---:", "---"] + ["---:"] * len(PHASES)))
    print("\n".join(phase_rows))
    if shard_rows:
        print("\nShards built one after the other (each with every core), then merged; the merged site equals "
              "the unsplit build file for file:\n")
        print(row(["records", "shards", "floor s", "unsplit s", "each shard s", "merge s",
                   "slowest shard + merge s", "÷ floor", "shards together ÷ unsplit", "peak MB"]))
        print(row(["---:"] * 10))
        print("\n".join(shard_rows))
    preview = None
    if args.serve:
        tree, _ = bench_check.prepare_tree(args.serve, 1, None)
        result = serve_reload(tree, args.serve)
        preview = (args.serve, result["reloads"])
        print(f"\nPreview at {args.serve:,} records (`mkdocs serve --dirty`): first build "
              f"{result['first']:.1f} s; one record edited → page served with the edit in "
              + ", ".join(f"{s:.2f}" for s in result["reloads"]) + " s")
    print_goals(runs, preview)


def print_goals(runs: list[goals.Run], preview: tuple[int, list[float]] | None) -> None:
    rows = goals.verdicts(runs, preview)
    if not rows:
        return
    print("\nIssue 19's goals, at the sizes they name (bench/goals.py):\n")
    print(row(["goal", "records", "measured", "verdict", "why (this run)"]))
    print(row(["---", "---:", "---", "---", "---"]))
    print("\n".join(row(cells) for cells in rows))


def size_table(site: Path, run: goals.Run) -> list[str]:
    """Rows of the size table for one built site: each output kind's files, bytes and bytes per record,
    then the whole site against GitHub Pages' 1 GB and what the same mix would make at 100,000 records."""
    records = run.records
    sizes = site_size.sizes_by_kind(site)
    run.kb_by_kind = {kind: size / records / 1000 for kind, (_, size) in sizes.items()}
    total = sum(size for _, size in sizes.values())
    rows = [row([f"{records:,}", kind, f"{files:,}", f"{size / 1e6:,.1f}", f"{size / records / 1000:,.2f}",
                 f"{size / total:.0%}"]) for kind, (files, size) in sizes.items()]
    rows.append(row([f"{records:,}", "**site**", f"{sum(f for f, _ in sizes.values()):,}", f"{total / 1e6:,.1f}",
                     f"**{total / records / 1000:,.2f}**", f"{total / site_size.PAGES_LIMIT:.1%} of 1 GB; "
                     f"100,000 records ≈ {total / records * 100_000 / 1e9:,.2f} GB"]))
    print("\n".join(rows), flush=True)
    return rows


def print_sizes(rows: list[str]) -> None:
    print("\nThe site by output kind (budget: 10 KB per record, GitHub Pages publishes at most 1 GB):\n")
    print(row(["records", "output", "files", "MB", "KB per record", "share"]))
    print(row(["---:", "---", "---:", "---:", "---:", "---:"]))
    print("\n".join(rows))


PHASES = ["load", "graph", "pages", "head", "frames", "search", "data"]

if __name__ == "__main__":
    main()
