"""Screenshots of every page type as readers see them: phone (360 px) and desktop (1280 px),
light and dark, each clipped to the first screen, into docs/screenshots/ (shown in the README).

Run: make screenshots  (builds the seed archive, serves it under /archive/, shoots it in Chromium)
     .venv/bin/python tests/screenshots.py --out DIR article quote   (some of them, elsewhere)
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from browser import chromium, free_port, serve  # noqa: E402
from conftest import REPO  # noqa: E402
from site_helpers import build  # noqa: E402

OUT = REPO / "docs/screenshots"
# (name, page): one of each page type of the seed archive
PAGES = [
    ("home", ""),
    ("article", "articles/daily-caller-military-tells-iraq-preparing-to-move-out/"),
    ("quote", "quotes/seely-letter-opening-daily-caller/"),
    ("update", "updates/breitbart-update-1/"),
    ("correction", "corrections/coalition-letter-disputed-by-esper/"),
    ("event", "events/coalition-repositioning-letter/"),
    ("person", "people/mark-esper/"),
    ("organization", "organizations/breitbart-news/"),
    ("archive", "archive/"),
    ("search", "search/?q=Esper"),
    ("corrections-log", "corrections/"),
]
# a phone's and a laptop's first screen; the shot is that screen, not the whole page (small files)
SCREENS = {"phone": (360, 740), "desktop": (1280, 800)}
SCHEMES = ("light", "dark")
EXTRA = [  # (name, page, screen, scheme, text typed into the header search box)
    ("search-dropdown-desktop-light", "people/mark-esper/", "desktop", "light", "Esper"),
    ("search-dropdown-phone-dark", "", "phone", "dark", "Qasem"),
    ("not-found-desktop-light", "no/such/page/", "desktop", "light", None),
]


def shots() -> list[tuple[str, str, str, str, str | None]]:
    """Every screenshot: each page type on each screen in each scheme, then the extras."""
    every = [(f"{name}-{screen}-{scheme}", url, screen, scheme, None)
             for name, url in PAGES for screen in SCREENS for scheme in SCHEMES]
    return every + EXTRA


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT, help="folder for the PNG files")
    parser.add_argument("names", nargs="*", help="only the shots whose names start with these")
    args = parser.parse_args()
    out = args.out
    out.mkdir(parents=True, exist_ok=True)
    port = free_port()
    os.environ["SITE_URL"] = f"http://127.0.0.1:{port}/archive/"
    with tempfile.TemporaryDirectory() as tmp:
        build(REPO / "content", Path(tmp) / "site")
        with serve(Path(tmp) / "site", port) as base, chromium() as browser:
            for name, url, screen, scheme, typed in shots():
                if args.names and not name.startswith(tuple(args.names)):
                    continue
                width, height = SCREENS[screen]
                context = browser.new_context(viewport={"width": width, "height": height}, color_scheme=scheme,
                                              is_mobile=screen == "phone", has_touch=screen == "phone")
                page = context.new_page()
                page.goto(base + url)
                page.wait_for_load_state("networkidle")
                if typed:
                    page.keyboard.press("/")
                    page.keyboard.type(typed)
                    page.wait_for_selector("#arc-hresults > [role=option]")
                elif url.startswith("search/"):
                    page.wait_for_selector(".arc-results li")
                page.screenshot(path=str(out / f"{name}.png"))
                context.close()
                print(f"wrote {out / name}.png")


if __name__ == "__main__":
    main()
