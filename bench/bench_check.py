"""Benchmark ``python -m generator check`` against a YAML-parsing floor.

For each size N (default 1000, 10000, 100000 records) this:

1. generates a valid synthetic content tree with ``bench/synthetic.py`` into
   ``bench/out/tree-N/`` (reused on later runs when its per-folder counts
   match and it was made by the current ``synthetic.py``), or into a
   throwaway temporary directory with ``--tmp``;
2. reads every file once, untimed, so both measurements start from a warm
   page cache;
3. times the *baseline*: reading and parsing every record file with
   ``yaml.load(data, Loader=yaml.CSafeLoader)`` in this process -- the floor
   any YAML-based checker pays;
4. times ``python -m generator check <tree>`` run as a subprocess with
   cwd=/work/main (wall time including interpreter start-up and imports; peak
   RSS of that child from ``os.wait4``).

Prints a Markdown table.  Exits 1 if ``check`` reports problems on a synthetic
tree (the tree is valid by construction, so that is a bug somewhere; the
first 20 lines of check's output are printed), 2 if the check command is
missing or cannot run.

    .venv/bin/python bench/bench_check.py                      # 1000,10000,100000
    .venv/bin/python bench/bench_check.py --sizes 1000,10000
    .venv/bin/python bench/bench_check.py --sizes 1000 --repeat 3 --tmp
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
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

sys.path.insert(0, str(BENCH))
import synthetic  # noqa: E402

YAML_SUFFIXES = (".yaml", ".yml")


def record_files(tree: Path) -> list[Path]:
    files = []
    for folder in synthetic.FOLDERS:
        d = tree / folder
        if d.is_dir():
            with os.scandir(d) as it:
                files.extend(Path(e.path) for e in it if e.name.endswith(YAML_SUFFIXES) and e.is_file())
    files.sort()
    return files


def folder_counts(tree: Path) -> dict[str, int]:
    counts = {}
    for folder in synthetic.FOLDERS:
        d = tree / folder
        counts[folder] = sum(1 for e in os.scandir(d) if e.name.endswith(YAML_SUFFIXES)) if d.is_dir() else 0
    return counts


def synthetic_digest() -> str:
    return hashlib.sha256((BENCH / "synthetic.py").read_bytes()).hexdigest()


def prepare_tree(n: int, seed: int, tmp_root: Path | None) -> tuple[Path, float | None]:
    """Return (tree dir, seconds spent generating or None when reused)."""
    expected = synthetic.plan_counts(n)
    if tmp_root is not None:
        tree = tmp_root / f"tree-{n}"
    else:
        tree = OUT / f"tree-{n}"
        manifest = OUT / f"tree-{n}.json"
        if tree.is_dir() and folder_counts(tree) == expected:
            meta = None
            if manifest.is_file():
                try:
                    meta = json.loads(manifest.read_text(encoding="utf-8"))
                except ValueError:
                    meta = {}
            if meta is None or (meta.get("synthetic_sha256") == synthetic_digest() and meta.get("seed") == seed):
                return tree, None
        if tree.exists():
            shutil.rmtree(tree)
    t0 = time.perf_counter()
    counts = synthetic.write_tree(n, tree, seed=seed)
    elapsed = time.perf_counter() - t0
    if tmp_root is None:
        (OUT / f"tree-{n}.json").write_text(
            json.dumps({"n": n, "seed": seed, "counts": counts, "synthetic_sha256": synthetic_digest()}, indent=2) + "\n",
            encoding="utf-8",
        )
    return tree, elapsed


def warm(files: list[Path]) -> int:
    total = 0
    for f in files:
        total += len(f.read_bytes())
    return total


def baseline(files: list[Path]) -> float:
    loader = yaml.CSafeLoader
    t0 = time.perf_counter()
    for f in files:
        with open(f, "rb") as fh:
            yaml.load(fh.read(), Loader=loader)
    return time.perf_counter() - t0


def run_check(python: str, tree: Path, timeout: float | None) -> tuple[int, float, float, str]:
    """Run the check; return (exit code, wall seconds, peak RSS MB, output)."""
    with tempfile.TemporaryFile() as out:
        t0 = time.perf_counter()
        proc = subprocess.Popen(
            [python, "-m", "generator", "check", str(tree)],
            cwd=ROOT,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
        deadline = None if timeout is None else t0 + timeout
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG if deadline else 0)
            if pid:
                break
            if time.perf_counter() > deadline:
                proc.kill()
                pid, status, usage = os.wait4(proc.pid, 0)
                break
            time.sleep(0.005)
        wall = time.perf_counter() - t0
        code = os.waitstatus_to_exitcode(status)
        proc.returncode = code  # reaped by wait4; keep Popen from waiting again
        out.seek(0)
        text = out.read().decode("utf-8", "replace")
    if deadline and wall > timeout:
        text = f"(killed after {timeout:g} s timeout)\n" + text
    # ru_maxrss is in KiB on Linux, bytes on macOS.
    rss = usage.ru_maxrss / (1024 * 1024 if sys.platform == "darwin" else 1024)
    return code, wall, rss, text


def fmt_row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Time `python -m generator check` on synthetic trees.")
    ap.add_argument("--sizes", default="1000,10000,100000", help="comma-separated record counts (default 1000,10000,100000)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--repeat", type=int, default=1, help="runs per size; the best time is reported (default 1)")
    ap.add_argument("--tmp", action="store_true", help="generate into a temporary directory instead of reusing bench/out/tree-N")
    ap.add_argument("--python", default=None, help="interpreter for the check (default: .venv/bin/python, else this one)")
    ap.add_argument("--timeout", type=float, default=None, help="kill check after this many seconds")
    args = ap.parse_args(argv)

    try:
        sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    except ValueError:
        ap.error(f"--sizes must be comma-separated integers, got {args.sizes!r}")
    if not sizes or any(s <= 0 for s in sizes):
        ap.error("--sizes needs at least one positive integer")
    if not getattr(yaml, "__with_libyaml__", False):
        print("error: PyYAML was built without libyaml; the CSafeLoader baseline is unavailable", file=sys.stderr)
        return 2

    python = args.python
    if python is None:
        venv = ROOT / ".venv" / "bin" / "python"
        python = str(venv) if venv.exists() else sys.executable
    have_check = (ROOT / "generator" / "__main__.py").exists()
    if not have_check:
        print("warning: generator/__main__.py not found; timing the baseline only", file=sys.stderr)

    tmp = tempfile.TemporaryDirectory(prefix="bench-check-") if args.tmp else None
    tmp_root = Path(tmp.name) if tmp else None
    if tmp_root is None:
        OUT.mkdir(parents=True, exist_ok=True)

    header = ["records", "baseline s", "check s", "check records/s", "ratio check/baseline", "peak RSS MB"]
    rows: list[list[str]] = []
    status = 0
    try:
        for n in sizes:
            tree, gen_s = prepare_tree(n, args.seed, tmp_root)
            files = record_files(tree)
            nbytes = warm(files)
            how = "reused" if gen_s is None else f"generated in {gen_s:.1f} s"
            print(f"[N={n}] {len(files)} files, {nbytes / 1e6:.1f} MB, {how}: {tree}", file=sys.stderr)

            base = min(baseline(files) for _ in range(max(1, args.repeat)))
            print(f"[N={n}] baseline {base:.3f} s", file=sys.stderr)
            if not have_check:
                rows.append([str(len(files)), f"{base:.3f}", "n/a", "n/a", "n/a", "n/a"])
                continue

            best = None
            peak = 0.0
            for _ in range(max(1, args.repeat)):
                code, wall, rss, output = run_check(python, tree, args.timeout)
                peak = max(peak, rss)
                if code != 0:
                    lines = output.splitlines()
                    print(
                        f"\n`python -m generator check {tree}` exited {code} on a valid synthetic tree "
                        f"({len(lines)} lines of output); first 20 lines:\n",
                        file=sys.stderr,
                    )
                    print("\n".join(lines[:20]), file=sys.stderr)
                    if "Traceback (most recent call last)" in output and len(lines) > 20:
                        # A crash: the useful part is at the end.
                        print("...\nlast 8 lines:\n" + "\n".join(lines[-8:]), file=sys.stderr)
                    status = 1 if code > 0 else 2
                    break
                best = wall if best is None else min(best, wall)
            if status:
                rows.append([str(len(files)), f"{base:.3f}", "FAILED", "", "", f"{peak:.0f}"])
                break
            print(f"[N={n}] check {best:.3f} s, peak RSS {peak:.0f} MB", file=sys.stderr)
            rows.append(
                [
                    str(len(files)),
                    f"{base:.3f}",
                    f"{best:.3f}",
                    f"{len(files) / best:,.0f}",
                    f"{best / base:.1f}×" if base > 0 else "n/a",
                    f"{peak:.0f}",
                ]
            )
    finally:
        if tmp:
            tmp.cleanup()

    print()
    print(fmt_row(header))
    print(fmt_row(["---:"] * len(header)))
    for row in rows:
        print(fmt_row(row))
    if not have_check and status == 0:
        status = 2
    return status


if __name__ == "__main__":
    sys.exit(main())
