"""Search at scale: what a reader's browser downloads per query, and what indexing costs.

For each size N it builds a synthetic archive (bench/synthetic.py) with the real
pipeline plus Material's own search plugin switched on (only to measure the index
Material would have made for the same site), then measures:

- Pagefind indexing on its own, in a fresh process: wall time, peak memory of the
  Pagefind binary and of the Python side (records → search documents);
- bytes Chromium transfers for typical queries, from a cold cache: the header box
  (Pagefind's script, entry, wasm, index chunks, fragments for the first results),
  and the search page, which also loads the filter lists;
- Material's search_index.json for the same site (what every reader would download
  before a first result).

Usage: .venv/bin/python bench/bench_search.py [--sizes 1000,10000] [--queries 5]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO / "bench"), str(REPO / "tests")]

from synthetic import write_tree  # noqa: E402

OUT = REPO / "bench/out"
PY = str(REPO / ".venv/bin/python")


def tree(n: int) -> Path:
    path = OUT / f"tree-{n}"
    if not (path / "people").exists():
        write_tree(n, path)
    return path


def build(n: int, content: Path) -> tuple[Path, float, float]:
    """Build the site with Material's search on too; returns (site, seconds, peak RSS MB of the build)."""
    config = REPO / f".mkdocs-bench-{n}.yml"
    text = (REPO / "mkdocs.yml").read_text()
    config.write_text(text.replace("plugins:\n", "plugins:\n  - search\n", 1))
    site = OUT / f"site-{n}"
    start = time.perf_counter()
    try:
        done = subprocess.run([PY, "-m", "generator", "build", "--content", str(content), "--site-dir", str(site),
                               "--config-file", str(config)], cwd=REPO, capture_output=True, text=True,
                              env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": "http://127.0.0.1:8765/archive/"})
    finally:
        config.unlink()
    seconds = time.perf_counter() - start
    if done.returncode:
        sys.exit(f"build of {n} failed:\n{done.stderr[-3000:]}")
    return site, seconds, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


INDEX_ONLY = """
import json, resource, sys, time
from pathlib import Path
from generator.archive import load_or_raise
from generator.config import load_settings
from generator.pages import Site
from generator.search import search_records, write_index
settings = load_settings(Path("site_config/archive.yml"))
site = Site(load_or_raise(Path(sys.argv[1]), settings), settings)
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
start = time.perf_counter()
count = write_index(search_records(site), Path(sys.argv[2]))
print(json.dumps({"records": count, "seconds": time.perf_counter() - start,
                  "pagefind_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
                  "python_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "python_before_mb": before / 1024}))
"""


def index_only(content: Path, site: Path) -> dict:
    """Index again, alone in a fresh process, into the site's own pagefind/ (what the browser loads)."""
    out = site / "pagefind"
    done = subprocess.run([PY, "-c", INDEX_ONLY, str(content), str(out)], cwd=REPO, capture_output=True, text=True)
    if done.returncode:
        sys.exit(done.stderr[-3000:])
    return json.loads(done.stdout.strip().splitlines()[-1])


def queries(site: Path, count: int) -> list[str]:
    """Typical queries: common family names and words from the archive's own text."""
    people = sorted(p for p in (site / "people").iterdir() if p.is_dir())
    names: list[str] = []
    for folder in people[:: max(1, len(people) // (count * 2))]:
        html = (folder / "index.html").read_text(encoding="utf-8")
        if "<h1" not in html or len(names) == count:
            continue  # a redirect page of a renamed record
        title = html.split("<h1", 1)[1].split(">", 1)[1].split("<", 1)[0]
        names.append(title.split()[-1])
    return names


def transfers(site: Path, words: list[str]) -> dict[str, list[int]]:
    from browser import chromium, serve

    out: dict[str, list[int]] = {"header": [], "page": [], "results": []}
    with serve(site, 8765) as base, chromium() as browser:
        for word in words:
            for mode in ("header", "page"):
                context = browser.new_context()
                page = context.new_page()
                sizes: list[int] = []

                def on_response(response, sizes=sizes):
                    if "/pagefind/" in response.url:
                        try:
                            sizes.append(len(response.body()))
                        except Exception:
                            pass

                page.on("response", on_response)
                if mode == "header":
                    page.goto(base)
                    page.fill(".arc-hsearch__input", word)
                    page.wait_for_selector("#arc-hresults li", timeout=60000)
                else:
                    page.goto(f"{base}search/?q={word}")
                    page.wait_for_function("document.querySelector('[data-arc-status]').textContent.includes('for')",
                                           timeout=60000)
                    page.wait_for_selector("[data-arc-filters]:not([hidden])", timeout=60000)
                    out["results"].append(len(page.query_selector_all(".arc-results li")))
                page.wait_for_load_state("networkidle")
                out[mode].append(sum(sizes))
                context.close()
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--queries", type=int, default=5)
    parser.add_argument("--reuse-site", action="store_true",
                        help="reuse bench/out/site-N from an earlier run (no build time); index and query again")
    args = parser.parse_args()
    rows = []
    for n in [int(s) for s in args.sizes.split(",")]:
        content = tree(n)
        if args.reuse_site and (OUT / f"site-{n}/index.html").exists():
            site, build_s, build_mb = OUT / f"site-{n}", float("nan"), float("nan")
        else:
            site, build_s, build_mb = build(n, content)
        indexing = index_only(content, site)
        words = queries(site, args.queries)
        moved = transfers(site, words)
        material = (site / "search/search_index.json").stat().st_size
        rows.append((n, build_s, build_mb, indexing, moved, material, words))
        print(f"N={n}: build {build_s:.0f} s, queries {words}, header bytes {moved['header']}, "
              f"page bytes {moved['page']}", flush=True)
    print()
    print("| records | build s | build peak MB | index s | Pagefind peak MB | Python peak MB "
          "| header query KB (median/max) | search page KB (median/max) | Material index KB | Material ÷ header query |")
    print("|---:|---:|---:|---:|---:|---:|---|---|---:|---:|")
    for n, build_s, build_mb, ix, moved, material, _words in rows:
        header, page = sorted(moved["header"]), sorted(moved["page"])
        med = header[len(header) // 2]
        print(f"| {n:,} | {build_s:.0f} | {build_mb:,.0f} | {ix['seconds']:.1f} | {ix['pagefind_mb']:.0f} | {ix['python_mb']:.0f} "
              f"| {med / 1024:.0f} / {header[-1] / 1024:.0f} | {page[len(page) // 2] / 1024:.0f} / {page[-1] / 1024:.0f} "
              f"| {material / 1024:,.0f} | {material / med:.0f}× |")


if __name__ == "__main__":
    main()
