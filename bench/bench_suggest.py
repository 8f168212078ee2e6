"""How fast is `generator suggest`, against `generator check` on the same tree?

    .venv/bin/python bench/bench_suggest.py                    # 1000 and 10000 records
    .venv/bin/python bench/bench_suggest.py --sizes 100000     # only if it finishes in under 2 minutes

For each size N it makes (or reuses) the synthetic tree bench/out/tree-N (bench_check.py's trees),
then times, as subprocesses from the repository root, the **baseline** `python -m generator check
TREE` and `python -m generator suggest TREE --format json` (wall time, start-up included; peak RSS
from os.wait4). `suggest` checks the archive first, so the ratio suggest/check says what the
suggestions cost on top. In-process, it then loads the archive once (untimed) and times the two
finders alone: quote pairs (review/quote_pairs.py) and names not listed (review/unlisted_names.py),
with how many suggestions each made. Prints a Markdown table.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(BENCH))
sys.path.insert(0, str(ROOT))
from bench_check import prepare_tree, record_files, warm  # noqa: E402


def timed(python: str, *args: str) -> tuple[int, float, float, str]:
    """Run `python -m generator ARGS` from the root; (exit code, wall seconds, peak RSS MB, stdout)."""
    with tempfile.TemporaryFile() as out:
        start = time.perf_counter()
        proc = subprocess.Popen([python, "-m", "generator", *args], cwd=ROOT, stdin=subprocess.DEVNULL,
                                stdout=out, stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)  # reaped by wait4
        out.seek(0)
        return proc.returncode, wall, usage.ru_maxrss / 1024, out.read().decode("utf-8", "replace")


def finders(tree: Path) -> tuple[float, int, float, int]:
    """(seconds, suggestions) of each finder, on the archive loaded once beforehand."""
    from generator.core.archive import load
    from generator.core.settings import load_settings
    from generator.review.quote_pairs import quote_pairs
    from generator.review.unlisted_names import unlisted_names

    archive, _, _ = load(tree, load_settings(ROOT / "site_config/archive.yml"))
    start = time.perf_counter()
    pairs = quote_pairs(archive)
    middle = time.perf_counter()
    names = unlisted_names(archive)
    return middle - start, len(pairs), time.perf_counter() - middle, len(names)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000", help="comma-separated record counts (default 1000,10000)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--python", default=str(ROOT / ".venv/bin/python"))
    args = parser.parse_args(argv)
    print("| records | check s (baseline) | suggest s | suggest/check | peak RSS MB | quote pairs s | pairs "
          "| names s | names |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for size in (int(s) for s in args.sizes.split(",")):
        tree, _ = prepare_tree(size, args.seed, None)
        warm(record_files(tree))
        check_code, check_s, _, _ = timed(args.python, "check", str(tree))
        code, suggest_s, rss, output = timed(args.python, "suggest", str(tree), "--format", "json")
        if check_code != 0 or code != 0:
            print(f"check exited {check_code}, suggest {code}: the synthetic tree should check", file=sys.stderr)
            return 1
        total = len(json.loads(output)["suggestions"])
        pairs_s, pairs, names_s, names = finders(tree)
        assert pairs + names == total
        print(f"| {size:,} | {check_s:.2f} | {suggest_s:.2f} | {suggest_s / check_s:.2f} | {rss:.0f} | "
              f"{pairs_s:.2f} | {pairs:,} | {names_s:.2f} | {names:,} |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
