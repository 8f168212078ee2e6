"""Screenshots of every page type, as readers see them (desktop, phone, dark): docs/screenshots/.

Run: make screenshots  (builds the seed archive, serves it under /archive/, shoots it in Chromium)
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from browser import chromium, free_port, serve  # noqa: E402
from conftest import REPO  # noqa: E402
from site_helpers import build  # noqa: E402

OUT = REPO / "docs/screenshots"
SHOTS = [  # (file name, page, width, colour scheme)
    ("home", "", 1280, "light"),
    ("person-esper", "people/mark-esper/", 1280, "light"),
    ("person-esper-phone", "people/mark-esper/", 360, "light"),
    ("event-letter", "events/coalition-repositioning-letter/", 1280, "light"),
    ("article-breitbart", "articles/breitbart-letter-coalition-to-withdraw-from-iraq/", 1280, "light"),
    ("quote-wordings-phone", "quotes/seely-letter-opening-daily-caller/", 360, "light"),
    ("quote-wordings-dark", "quotes/seely-letter-opening-breitbart/", 1280, "dark"),
    ("organization-breitbart", "organizations/breitbart-news/", 1280, "light"),
    ("update", "updates/breitbart-update-2/", 360, "dark"),
    ("correction", "corrections/daily-caller-quads-force-misspelling/", 1280, "light"),
    ("corrections-log", "corrections/", 1280, "light"),
    ("people-az", "people/", 360, "light"),
    ("not-found", "no/such/page/", 1280, "light"),
    ("search-dropdown", "people/mark-esper/", 1280, "light"),
    ("search-dropdown-phone-dark", "", 360, "dark"),
    ("search-page-filters", "search/?kind=Quote&person=Mark+Esper", 1280, "light"),
]
TYPE = {"search-dropdown": "Esper", "search-dropdown-phone-dark": "Qasem"}  # typed into the header box


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    port = free_port()
    os.environ["SITE_URL"] = f"http://127.0.0.1:{port}/archive/"
    with tempfile.TemporaryDirectory() as tmp:
        build(REPO / "content", Path(tmp) / "site")
        with serve(Path(tmp) / "site", port) as base, chromium() as browser:
            for name, url, width, scheme in SHOTS:
                page = browser.new_page(viewport={"width": width, "height": 900}, color_scheme=scheme)
                page.goto(base + url)
                if name in TYPE:
                    page.keyboard.press("/")
                    page.keyboard.type(TYPE[name])
                    page.wait_for_selector("#arc-hresults li")
                elif "search" in name:
                    page.wait_for_selector(".arc-results li")
                page.screenshot(path=str(OUT / f"{name}.png"), full_page=width > 400 or name == "people-az")
                page.close()
                print(f"wrote docs/screenshots/{name}.png")


if __name__ == "__main__":
    main()
