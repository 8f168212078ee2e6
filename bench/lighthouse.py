"""Lighthouse on every page type of the seed archive, served as GitHub Pages serves it.

    make lighthouse                                  # = .venv/bin/python bench/lighthouse.py
    .venv/bin/python bench/lighthouse.py --site site --json-dir bench/out/lighthouse
    .venv/bin/python bench/lighthouse.py --check 98  # exit 1 when a score is below 98

Builds the seed content (or takes `--site`, built for the same address), serves it under
/archive/ from a small Python server that gzips text responses like GitHub Pages, and runs the
pinned Lighthouse (bench/lighthouse/, `npm ci` there) in Debian's Chromium (CHROME_PATH) with
its default mobile settings (a mid-range phone on a slow 4G link, simulated). Prints a Markdown
table: the four category scores, the bytes transferred and the bytes of render-blocking
resources, first and largest contentful paint. Scores move by a few points between runs on a
busy machine (the CPU time Lighthouse observes is scaled up 4×): `--runs 3` keeps the median.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import gzip
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
LIGHTHOUSE = REPO / "bench/lighthouse/node_modules/.bin/lighthouse"
CHROME = os.environ.get("CHROME_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
PREFIX = "/archive/"
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
PAGE_TYPES = {  # one page of each type in the seed content (tests/test_axe_pages.py checks these too)
    "home": "",
    "article": "articles/daily-caller-military-tells-iraq-preparing-to-move-out/",
    "quote": "quotes/seely-letter-opening-daily-caller/",
    "update": "updates/breitbart-update-1/",
    "correction": "corrections/daily-caller-quads-force-misspelling/",
    "event": "events/coalition-repositioning-letter/",
    "person": "people/mark-esper/",
    "organization": "organizations/breitbart-news/",
    "archive": "archive/",
    "people": "people/",
    "events": "events/",
    "organizations": "organizations/",
    "corrections": "corrections/",
    "tags": "tags/",
    "search": "search/?q=Esper",
    "about": "about/",
    "about-data": "about-data/",
}
COMPRESSED = ("text/", "application/javascript", "application/json", "application/xml", "image/svg+xml")


class GzipHandler(SimpleHTTPRequestHandler):
    """The site under PREFIX only; text gzipped when the browser accepts it, and cached for
    10 minutes, as GitHub Pages does."""

    protocol_version = "HTTP/1.1"  # keep-alive, as any real host (GitHub Pages speaks HTTP/2)

    def log_message(self, *args) -> None:
        pass

    def translate_path(self, path: str) -> str:
        if not path.startswith(PREFIX):
            return str(Path(self.directory) / "__missing__")
        return super().translate_path("/" + path[len(PREFIX):])

    def send_head(self):
        path = Path(self.translate_path(self.path.split("?")[0].split("#")[0]))
        if path.is_dir() and self.path.split("?")[0].endswith("/"):
            path = path / "index.html"
        kind = self.guess_type(str(path))
        wants = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (path.is_file() and wants and kind.startswith(COMPRESSED)):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=6)
        self.send_response(200)
        self.send_header("Content-Type", kind if "charset" in kind or not kind.startswith("text/") else kind + "; charset=utf-8")
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")
        self.end_headers()
        return io.BytesIO(body)


@contextlib.contextmanager
def serve(site: Path, port: int):
    server = ThreadingHTTPServer(("127.0.0.1", port), functools.partial(GzipHandler, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{port}{PREFIX}"
    finally:
        server.shutdown()
        server.server_close()


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def build(site: Path, port: int) -> None:
    env = {**os.environ, "SITE_URL": f"http://127.0.0.1:{port}{PREFIX}", "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run([sys.executable, "-m", "generator", "build", "--site-dir", str(site)],
                   cwd=REPO, env=env, check=True, stdout=subprocess.DEVNULL)


def lighthouse(url: str, out: Path) -> dict:
    flags = "--headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking " \
            "--disable-component-update --disable-sync"
    subprocess.run([str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={out}",
                    f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={flags}"],
                   env={**os.environ, "CHROME_PATH": CHROME}, check=True)
    return json.loads(out.read_text(encoding="utf-8"))


def row(kind: str, report: dict) -> dict:
    audits = report["audits"]
    # Chrome's own render-blocking flag per request (the older render-blocking-resources audit
    # lists a resource or not depending on the run's timing)
    blocking = audits["render-blocking-insight"].get("details", {}).get("items", [])
    # the weighted audits a page did not fully pass, per category (why a score is below 100)
    failed = {name: [ref["id"] for ref in report["categories"][name]["auditRefs"]
                     if ref.get("weight") and audits[ref["id"]].get("score") is not None
                     and audits[ref["id"]]["score"] < 1]
              for name in CATEGORIES}
    return {
        "page": kind,
        **{name: round(report["categories"][name]["score"] * 100) for name in CATEGORIES},
        "bytes": audits["total-byte-weight"]["numericValue"],
        "blocking": sum(item.get("totalBytes", 0) for item in blocking),
        "fcp": audits["first-contentful-paint"]["numericValue"],
        "lcp": audits["largest-contentful-paint"]["numericValue"],
        "failed": failed,
    }


def table(rows: list[dict]) -> str:
    lines = ["| page type | performance | accessibility | best practices | SEO | transferred KB "
             "| render-blocking KB | FCP s | LCP s |",
             "|---|--:|--:|--:|--:|--:|--:|--:|--:|"]
    for r in rows:
        lines.append(f"| {r['page']} | {r['performance']} | {r['accessibility']} | {r['best-practices']} | {r['seo']} "
                     f"| {r['bytes'] / 1024:.0f} | {r['blocking'] / 1024:.0f} | {r['fcp'] / 1000:.1f} "
                     f"| {r['lcp'] / 1000:.1f} |")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, help="a site built for --port (default: build the seed content)")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--pages", help="page types, comma-separated (default: all)")
    parser.add_argument("--json-dir", type=Path, help="keep each Lighthouse report here")
    parser.add_argument("--check", type=int, help="exit 1 when any score is below this")
    parser.add_argument("--runs", type=int, default=1,
                        help="run each page this many times and keep the run with the median performance score")
    args = parser.parse_args()
    if not LIGHTHOUSE.exists():
        print(f"error: {LIGHTHOUSE.relative_to(REPO)} is missing: run `npm ci` in bench/lighthouse", file=sys.stderr)
        return 2
    if not Path(CHROME).exists():
        print(f"error: Chromium is missing ({CHROME}): run .ci/install-test-tools", file=sys.stderr)
        return 2
    kinds = args.pages.split(",") if args.pages else list(PAGE_TYPES)
    port = args.port or free_port()
    with tempfile.TemporaryDirectory() as tmp:
        site = args.site
        if site is None:
            site = Path(tmp) / "site"
            build(site, port)
        out = args.json_dir or Path(tmp)
        out.mkdir(parents=True, exist_ok=True)
        rows = []
        with serve(site, port) as base:
            for kind in kinds:
                runs = sorted((row(kind, lighthouse(base + PAGE_TYPES[kind], out / f"{kind}-{i}.json"))
                               for i in range(args.runs)), key=lambda r: r["performance"])
                rows.append(runs[len(runs) // 2])
                r = rows[-1]
                print(f"{kind}: " + ", ".join(f"{c} {r[c]}" + (f" ({', '.join(r['failed'][c])})" if r[c] < 100 else "")
                                             for c in CATEGORIES), file=sys.stderr)
    print(table(rows))
    below = [(r["page"], c, r[c], r["failed"][c]) for r in rows for c in CATEGORIES
             if args.check is not None and r[c] < args.check]
    for page, category, score, audits in below:
        print(f"{page}: {category} {score} < {args.check} (audits not passed: {', '.join(audits)})", file=sys.stderr)
    return 1 if below else 0


if __name__ == "__main__":
    sys.exit(main())
