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

With --index-only it skips the MkDocs build: it makes the search documents from the
synthetic tree, runs Pagefind, and serves that index inside a small site built once
(the theme, search.js and the search page are the real ones), so 100k records take
minutes, not the ~15 of a whole build.

Usage: .venv/bin/python bench/bench_search.py [--sizes 1000,10000] [--queries 5] [--index-only]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
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


def build(n: int, content: Path, with_material: bool = True) -> tuple[Path, float, float]:
    """Build the site with Material's search on too; returns (site, seconds, peak RSS MB of the build)."""
    config = REPO / f".mkdocs-bench-{n}.yml"
    text = (REPO / "mkdocs.yml").read_text()
    config.write_text(text.replace("plugins:\n", "plugins:\n  - search\n", 1) if with_material else text)
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
from generator.core.archive import load_or_raise
from generator.core.settings import load_settings
from generator.render.pages import Site
from generator.outputs.search import search_records
from generator.outputs.search_index import write_index
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


def queries(content: Path, count: int) -> list[str]:
    """Typical queries: family names of people spread through the archive."""
    import yaml

    people = sorted((content / "people").glob("*.y*ml"))
    names: list[str] = []
    for path in people[:: max(1, len(people) // count)][:count]:
        name = yaml.safe_load(path.read_text(encoding="utf-8-sig"))["name"]
        names.append(name.split()[-1])
    return names


def browse_filters(content: Path) -> dict[str, str]:
    """Filter browses with no query: a wide one (every quote) and a narrow one (one outlet)."""
    import yaml

    outlets = sorted((content / "organizations").glob("*.y*ml"))
    for path in outlets:
        record = yaml.safe_load(path.read_text(encoding="utf-8-sig"))
        if record.get("kind") == "outlet":
            from urllib.parse import quote
            return {"kind": "kind=Quote&sort=date:desc", "outlet": "outlet=" + quote(record["name"])}
    return {"kind": "kind=Quote&sort=date:desc"}


def shell_site() -> Path:
    """A small built site (real theme, pages and search.js) to serve an index made on its own."""
    site = OUT / "shell-site"
    if not (site / "search/index.html").exists():
        site, _, _ = build(200, tree(200), with_material=False)
        site.rename(OUT / "shell-site")
        site = OUT / "shell-site"
    return site


def index_site(n: int, content: Path) -> tuple[Path, dict]:
    """The shell site with a fresh Pagefind index of tree-N as its pagefind/."""
    site = OUT / f"site-index-{n}"
    shutil.rmtree(site, ignore_errors=True)
    shutil.copytree(shell_site(), site, ignore=shutil.ignore_patterns("pagefind"))
    return site, index_only(content, site)


def transfers(site: Path, words: list[str], browses: dict[str, str]) -> dict[str, list[int]]:
    from browser import chromium, serve

    out: dict[str, list[int]] = {"header": [], "page": [], "results": [], **{f"browse-{k}": [] for k in browses}}
    with serve(site, 8765) as base, chromium() as browser:
        for word in [*words, *browses]:
            for mode in (("header", "page") if word in words else (f"browse-{word}",)):
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
                    page.wait_for_selector("#arc-hresults > *", timeout=60000)
                else:
                    page.goto(f"{base}search/?" + (f"q={word}" if mode == "page" else browses[word]))
                    page.wait_for_function("document.querySelector('[data-arc-status]').textContent.includes('for')",
                                           timeout=60000)
                    page.wait_for_selector("[data-arc-filters]:not([hidden])", timeout=60000)
                page.wait_for_load_state("networkidle")
                if mode == "page":
                    out["results"].append(len(page.query_selector_all(".arc-results li")))
                out[mode].append(sum(sizes))
                context.close()
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--queries", type=int, default=5)
    parser.add_argument("--reuse-site", action="store_true",
                        help="reuse bench/out/site-N from an earlier run (no build time); index and query again")
    parser.add_argument("--index-only", action="store_true",
                        help="no MkDocs build: index tree-N alone and serve it in a small site built once")
    args = parser.parse_args()
    rows = []
    for n in [int(s) for s in args.sizes.split(",")]:
        content = tree(n)
        build_s = build_mb = float("nan")
        if args.index_only:
            site, indexing = index_site(n, content)
        else:
            if args.reuse_site and (OUT / f"site-{n}/index.html").exists():
                site = OUT / f"site-{n}"
            else:
                site, build_s, build_mb = build(n, content)
            indexing = index_only(content, site)
        words, browses = queries(content, args.queries), browse_filters(content)
        moved = transfers(site, words, browses)
        material = (site / "search/search_index.json")
        material_kb = material.stat().st_size / 1024 if material.exists() else float("nan")
        shards = json.loads((site / "pagefind/search.json").read_text(encoding="utf-8"))["shards"]
        rows.append((n, build_s, build_mb, indexing, moved, material_kb, len(shards)))
        print(f"N={n}: build {build_s:.0f} s, {len(shards)} shards, queries {words}, {moved}", flush=True)
    print()
    print("| records | shards | build s | build peak MB | index s | Pagefind peak MB | Python peak MB "
          "| header query KB (median/max) | search page KB (median/max) | browse: every quote KB "
          "| browse: one outlet KB | Material index KB |")
    print("|---:|---:|---:|---:|---:|---:|---:|---|---|---:|---:|---:|")
    for n, build_s, build_mb, ix, moved, material_kb, shards in rows:
        def kb(key, moved=moved):
            values = sorted(moved[key]) or [float("nan")]
            return f"{values[len(values) // 2] / 1024:.0f} / {values[-1] / 1024:.0f}"
        browse = {k: (moved[k][0] / 1024 if moved.get(k) else float("nan")) for k in ("browse-kind", "browse-outlet")}
        print(f"| {n:,} | {shards} | {build_s:.0f} | {build_mb:,.0f} | {ix['seconds']:.1f} | {ix['pagefind_mb']:.0f} "
              f"| {ix['python_mb']:.0f} | {kb('header')} | {kb('page')} | {browse['browse-kind']:.0f} "
              f"| {browse['browse-outlet']:.0f} | {material_kb:,.0f} |")


if __name__ == "__main__":
    main()
