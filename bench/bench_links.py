"""How much bounded concurrency buys `links`: fetching N source URLs from slow local sites.

Serves pages that answer after --delay seconds from four loopback addresses (127.0.0.1-4, one
"site" each, so the limit of 2 requests per host shows), then times the fetch of every URL with
--jobs 1 (the baseline, measured in the same run) and with more jobs. Nothing leaves the machine.

    .venv/bin/python bench/bench_links.py --urls 200 --delay 0.05
"""

from __future__ import annotations

import argparse
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from generator.review.links import fetch_all  # noqa: E402

HOSTS = ["127.0.0.1", "127.0.0.2", "127.0.0.3", "127.0.0.4"]


def serve(host: str, delay: float) -> ThreadingHTTPServer:
    class Slow(BaseHTTPRequestHandler):
        def log_message(self, *args) -> None:
            pass

        def do_GET(self) -> None:
            time.sleep(delay)
            body = f"<p>page {self.path}</p>".encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    server = ThreadingHTTPServer((host, 0), Slow)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--urls", type=int, default=200)
    parser.add_argument("--delay", type=float, default=0.05, help="seconds each page takes to answer")
    parser.add_argument("--jobs", default="1,2,4,8,16", help="the first is the baseline")
    args = parser.parse_args()
    servers = [serve(host, args.delay) for host in HOSTS]
    urls = [f"http://{s.server_address[0]}:{s.server_address[1]}/page-{i}"
            for i in range(args.urls) for s in [servers[i % len(servers)]]]
    print(f"{args.urls} URLs on {len(HOSTS)} hosts, each answering after {args.delay:g} s "
          f"(one at a time: at least {args.urls * args.delay:.1f} s)\n")
    print(f"| jobs | seconds | URLs/s | speed-up vs --jobs {args.jobs.split(',')[0]} |")
    print("|---:|---:|---:|---:|")
    baseline = None
    for jobs in (int(j) for j in args.jobs.split(",")):
        start = time.perf_counter()
        answers = fetch_all(urls, jobs, timeout=30)
        seconds = time.perf_counter() - start
        assert all(a.status == 200 for a in answers.values()), "a page did not answer"
        baseline = baseline or seconds
        print(f"| {jobs} | {seconds:.2f} | {args.urls / seconds:.0f} | {baseline / seconds:.1f}× |")
    for server in servers:
        server.shutdown()


if __name__ == "__main__":
    main()
