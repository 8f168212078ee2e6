"""Search indexes made from documents sent with their URLs (Pagefind's service, no folder per page).

They are the indexes Pagefind's CLI made from a folder that mirrored the site's URLs (the way
before, kept here as `cli_bundle`), byte for byte, once given the same order of pages: the CLI's
order was the scratch disk's directory order, the service's is the shard's, newest first. A
record's URL reaches the index exactly as written, whatever characters it holds.
"""

from __future__ import annotations

import gzip
import json
import subprocess
from pathlib import Path

import cbor2
import pytest
import yaml
from pagefind_bin import get_executable

from generator.core.archive import load_or_raise
from generator.core.settings import load_settings
from generator.outputs.pagefind_service import SearchIndexError, write_bundles
from generator.outputs.search import SearchRecord, search_document, search_records
from generator.outputs.search_index import UNUSED, make_deterministic, write_index
from generator.site.questions import Site

from browser import CHROMIUM, PREFIX, chromium
from conftest import REPO, hostile_tree, run

SETTINGS = load_settings(REPO / "site_config/archive.yml")


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.skip("Chromium is not installed (make browser)")
    with chromium() as b:
        yield b


def _read(path: Path):
    return cbor2.loads(gzip.decompress(path.read_bytes())[len(b"pagefind_dcd"):])


def _finish(bundle: Path) -> None:  # what write_index does to every bundle
    make_deterministic(bundle)
    for unused in UNUSED:
        (bundle / unused).unlink(missing_ok=True)


def cli_bundle(documents: list[tuple[str, str]], site: Path, out: Path) -> None:
    """The way before: each document at <site>/<url>/index.html, Pagefind's CLI on that folder."""
    for url, text in documents:
        target = site / url.strip("/") / "index.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    done = subprocess.run([str(get_executable()), "--site", str(site), "--output-path", str(out)],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    _finish(out)


def pages(bundle: Path) -> list[str]:
    """The URLs of a bundle's pages, in the order of its page numbers."""
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    (language,) = entry["languages"].values()
    meta = _read(bundle / f"pagefind.{language['hash']}.pf_meta")
    return [json.loads(gzip.decompress((bundle / "fragment" / f"{page}.pf_fragment").read_bytes())[12:])["url"]
            for page, _words in meta[1]]


def files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _records(content: Path) -> list[SearchRecord]:
    return list(search_records(Site(load_or_raise(content, SETTINGS), SETTINGS)))


def _hostile_multilingual(root: Path) -> Path:
    """The hostile archive (line breaks, bidi and private-use characters, markup, `..` in every
    text), with articles in Hungarian and Brazilian Portuguese beside the English ones."""
    content = hostile_tree(root)
    for name, language in (("article-1", "hu"), ("article-2", "pt-BR")):
        path = content / "articles" / f"{name}.yaml"
        record = yaml.safe_load(path.read_text(encoding="utf-8")) | {"language": language}
        path.write_text(yaml.safe_dump(record, allow_unicode=True), encoding="utf-8")
    return content


@pytest.mark.parametrize("tree", ["seed", "hostile"])
def test_each_index_is_the_clis_byte_for_byte_but_for_the_order_of_its_pages(tree, tmp_path):
    records = _records(REPO / "content" if tree == "seed" else _hostile_multilingual(tmp_path / "content"))
    write_index(records, tmp_path / "new")
    html = {record.url: search_document(record) for record in records}
    shards = json.loads((tmp_path / "new/search.json").read_text(encoding="utf-8"))["shards"]
    names = [folder.rstrip("/") for shard in shards for folder in shard["indexes"].values()]
    assert len(names) == (1 if tree == "seed" else 3)  # the hostile archive: en, hu and pt-BR
    for name in names:
        new, cli, again = tmp_path / "new" / name, tmp_path / "cli" / name, tmp_path / "again"
        cli_bundle([(url, html[url]) for url in pages(new)], tmp_path / "site" / name, cli)
        # every page's words, title, meta, filters and URL, stored under the same names
        assert files(new / "fragment") == files(cli / "fragment")
        assert sorted(pages(new)) == sorted(pages(cli))
        # given the CLI's order of pages, the service writes the CLI's bytes, every file
        write_bundles([(name, lambda cli=cli: [(url, html[url]) for url in pages(cli)])], again)
        _finish(again / name)
        assert files(again / name) == files(cli)


def test_pages_are_in_the_shards_order_newest_first(tmp_path):
    records = [SearchRecord(f"/quotes/q{n}/", f"words {n}", "en", day, {"title": f"Quote {n}"})
               for n, day in enumerate(["2020-01-02", None, "2021-05-01", "2020-01-02", "2019-12-31"])]
    write_index(records, tmp_path)
    assert pages(tmp_path / "s0-en") == ["/quotes/q2/", "/quotes/q0/", "/quotes/q3/", "/quotes/q4/"]
    assert pages(tmp_path / "s1-en") == ["/quotes/q1/"]  # no day: a shard of its own, last


ODD_URLS = ["/quotes/ünïcödé-ǆ-日本/", "/quotes/a b%20c/?x=1&y=<z>\"'/", "/quotes/../../outside/",
            "/quotes/line\nbreak/", "/quotes/\u202eevil\u202c/", "/quotes/index.html", "/"]
WORDS = ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf"]  # one a record


@pytest.fixture(scope="module")
def odd_index(tmp_path_factory) -> Path:
    """A site folder whose pagefind/ indexes one record at each odd URL."""
    site = tmp_path_factory.mktemp("odd")
    records = [SearchRecord(url, f"{word} words", "en", "2020-01-01", {"title": f"Odd {word}"})
               for url, word in zip(ODD_URLS, WORDS, strict=True)]
    write_index(records, site / "pagefind")
    (site / "index.html").write_text("<!doctype html><title>odd</title>", encoding="utf-8")
    return site


def test_a_record_whose_url_holds_odd_characters_keeps_that_url(odd_index):
    assert sorted(pages(odd_index / "pagefind/s0-en")) == sorted(ODD_URLS)
    assert sorted(p.name for p in odd_index.iterdir()) == ["index.html", "pagefind"]  # nothing beside it ("..")


def test_a_record_whose_url_holds_odd_characters_is_found_at_that_url(odd_index, browser):
    from browser import serve

    with serve(odd_index) as base:
        page = browser.new_page()
        page.goto(base + "index.html")
        urls = page.evaluate("""async ([script, words]) => {
            const pagefind = await import(script);
            const found = [];
            for (const word of words) {
              const search = await pagefind.search(word);
              found.push(await Promise.all(search.results.map(async (result) => (await result.data()).url)));
            }
            return found;
        }""", [base + "pagefind/s0-en/pagefind.js", WORDS])
    # Pagefind puts the site's base path (where its script is served from) before each URL
    assert urls == [[PREFIX.rstrip("/") + url] for url in ODD_URLS]


# A service that answers every request with an error, as Pagefind does for a request it cannot serve
REFUSING = """#!{python}
import base64, json, sys
buffer = b""
while chunk := sys.stdin.buffer.read1(65536):
    buffer += chunk
    *messages, buffer = buffer.split(b",")
    for message in messages:
        sent = json.loads(base64.b64decode(message))
        reply = {{"message_id": sent["message_id"], "payload": {{"type": "Error", "message": "no <html> in \u202e"}}}}
        sys.stdout.buffer.write(base64.b64encode(json.dumps(reply).encode()) + b",")
        sys.stdout.flush()
"""


@pytest.mark.parametrize(("script", "message"), [
    ("#!/bin/sh\necho 'error: the index is on fire, twice' >&2\nexit 3\n",
     "exited (3): error: the index is on fire, twice"),
    ("#!/bin/sh\nprintf 'thread main panicked at src/lib.rs:1:2,\\nindex out of bounds' >&2\nexit 101\n",
     "exited (101): thread main panicked at src/lib.rs:1:2,\nindex out of bounds"),
    (REFUSING, "no <html> in \u202e"),
])
def test_a_failing_pagefind_is_reported_with_what_it_printed(script, message, tmp_path, monkeypatch):
    import sys

    fake = tmp_path / "pagefind"
    fake.write_text(script.format(python=sys.executable) if script is REFUSING else script, encoding="utf-8")
    fake.chmod(0o755)
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(fake))
    records = [SearchRecord("/quotes/q/", "words", "en", "2020-01-01", {"title": "Q"})]
    with pytest.raises(SearchIndexError) as error:
        write_index(records, tmp_path / "out")
    assert str(error.value) == f"Pagefind failed on s0-en: {message}"


def test_pagefind_missing_is_reported(tmp_path, monkeypatch):
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(tmp_path / "no-such-pagefind"))
    records = [SearchRecord("/quotes/q/", "words", "en", "2020-01-01", {"title": "Q"})]
    with pytest.raises(SearchIndexError, match="^Pagefind could not start: .*no-such-pagefind"):
        write_index(records, tmp_path / "out")


def test_a_build_whose_search_index_fails_says_why_and_leaves_the_site(tmp_path, monkeypatch, caplog):
    fake = tmp_path / "bin" / "pagefind"
    fake.parent.mkdir()
    fake.write_text("#!/bin/sh\necho 'error: out of \\u202eink <script>' >&2\nexit 3\n", encoding="utf-8")
    fake.chmod(0o755)
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(fake))
    site_dir = tmp_path / "site"
    site_dir.mkdir()
    (site_dir / "index.html").write_text("previous")
    monkeypatch.chdir(REPO)
    result = run("build", "--site-dir", str(site_dir))
    assert result.exit_code == 1
    assert "Pagefind failed on s0-en: exited (3): error: out of \\u202eink <script>" in caplog.messages
    assert (site_dir / "index.html").read_text() == "previous"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bin", "site"]  # no staging or search folder left
