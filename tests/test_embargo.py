"""Embargoes: a record with embargo_until is checked like any other and published nowhere before then."""

from __future__ import annotations

import gzip
import shutil
import zlib
from pathlib import Path

import pytest

from conftest import MINIMAL, REPO, check, run

BEFORE, AT = "2026-12-07T08:59:59Z", "2026-12-07T09:00:00Z"
# words and ids found nowhere else in the seed, to look for in every file of a built site
EMBARGOED = {
    "articles/embargoed-scoop.yaml": """headline: Qzxv embargoed scoop headline
outlet: daily-caller
published: 2020-01-07
embargo_until: 2026-12-07T10:00:00+01:00
people: [mark-esper]
summary: Wqyz the scoop's own summary.
""",
    "quotes/embargoed-scoop-quote.yaml": """text: Jkvw words from the scoop
speaker: mark-esper
article: embargoed-scoop
embargo_until: 2026-12-07T09:00:00Z
""",
}
MARKERS = ["embargoed-scoop", "Qzxv", "Wqyz", "Jkvw"]


def test_an_embargo_needs_its_utc_offset(content):
    content(MINIMAL + """
--- quotes/q.yaml
text: words
speaker: mark-esper
embargo_until: 2026-12-07T09:00
""")
    assert check() == (1, [
        "content/quotes/q.yaml:3:16: embargo_until: '2026-12-07T09:00' has no UTC offset: this field names one "
        "instant, write it with its offset, e.g. '2026-12-07T09:00+00:00' or '2026-12-07T09:00Z'",
        "1 problem in 1 file (5 records checked).",
    ])


def test_a_record_lifting_earlier_cannot_name_an_embargoed_one(content):
    content(MINIMAL + """
--- articles/scoop.yaml
headline: Scoop
outlet: daily-caller
published: 2020-01-07
embargo_until: 2026-12-07T09:00:00Z
--- quotes/q.yaml
text: words
speaker: mark-esper
article: scoop
--- quotes/early.yaml
text: other words
speaker: mark-esper
context: "As [[scoop]] reported."
embargo_until: 2026-12-07T08:00:00Z
--- quotes/same-time.yaml
text: more words
speaker: mark-esper
article: scoop
embargo_until: 2026-12-07T10:00:00+01:00
--- quotes/draft.yaml
text: draft words
speaker: mark-esper
article: scoop
status: draft
""")
    assert check("--now", "2020-01-01T00:00:00Z") == (1, [
        "content/quotes/early.yaml:3:13: context: [[scoop]] is under embargo until 2026-12-07T09:00:00Z, and this "
        "record's lifts earlier (2026-12-07T08:00:00Z): its page would name a record not yet published; give this "
        "record embargo_until: 2026-12-07T09:00:00Z (or later), or leave the reference out until the embargo lifts",
        "content/quotes/q.yaml:3:10: article: 'scoop' is under embargo until 2026-12-07T09:00:00Z, and this record "
        "is not under embargo: its page would name a record not yet published; give this record embargo_until: "
        "2026-12-07T09:00:00Z (or later), or leave the reference out until the embargo lifts",
        "2 problems in 2 files (9 records checked).",
    ])
    # the rule does not depend on "now": after the embargo lifts the same content gets the same answer
    assert check("--now", "2030-01-01T00:00:00Z")[1][-1] == "2 problems in 2 files (9 records checked)."


def test_now_must_be_an_instant(content):
    content(MINIMAL)
    result = run("check", "--now", "2026-12-07")
    assert result.exit_code == 2
    assert ("Invalid value for '--now': '2026-12-07' is a day, but 'now' needs a time and a UTC offset, e.g. "
            "'2026-12-07T09:00:00+00:00'") in result.output


def _texts(site: Path):
    """Every file's path and text, gzip and zlib streams (the sitemap, Pagefind's files) opened."""
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        data = path.read_bytes()
        for opener in (gzip.decompress, zlib.decompress):
            try:
                data = opener(data)
                break
            except (OSError, zlib.error, EOFError):
                continue
        yield path.relative_to(site).as_posix(), data.decode("utf-8", "replace")


def _build(content_dir: Path, site: Path, now: str | None, caplog) -> str:
    from generator.core.embargo import now_from
    from generator.mkdocs_adapter import build_site

    caplog.clear()
    build_site(REPO / "mkdocs.yml", site, content_dir, 1, now_from(now) if now else None)
    return "\n".join(r.getMessage() for r in caplog.records if r.getMessage().startswith("embargo"))


@pytest.fixture(scope="module")
def embargoed_content(tmp_path_factory) -> tuple[Path, Path]:
    """The seed with an embargoed article and its quote, and the same without the embargo fields."""
    root = tmp_path_factory.mktemp("embargo")
    embargoed, plain = root / "embargoed", root / "plain"
    for folder in (embargoed, plain):
        shutil.copytree(REPO / "content", folder)
    for name, text in EMBARGOED.items():
        (embargoed / name).write_text(text, encoding="utf-8")
        (plain / name).write_text("".join(line + "\n" for line in text.splitlines()
                                          if not line.startswith("embargo_until")), encoding="utf-8")
    return embargoed, plain


def test_an_embargoed_record_is_in_no_output_before_its_instant_and_in_all_of_them_at_it(
        embargoed_content, tmp_path, caplog):
    embargoed, plain = embargoed_content
    caplog.set_level("INFO")
    said = _build(embargoed, tmp_path / "before", BEFORE, caplog)
    assert said == ("embargo: 2 records under embargo, not published; the next lifts at 2026-12-07T09:00:00Z "
                    "(embargoed-scoop, embargoed-scoop-quote): build again then to publish it")
    leaks = [(path, marker) for path, text in _texts(tmp_path / "before") for marker in MARKERS
             if marker in path or marker in text]
    assert leaks == []
    assert _build(embargoed, tmp_path / "at", AT, caplog) == ""
    assert _build(plain, tmp_path / "never", None, caplog) == ""
    at, never = dict(_texts(tmp_path / "at")), dict(_texts(tmp_path / "never"))
    assert "articles/embargoed-scoop/index.html" in at
    assert "Jkvw words from the scoop" in at["people/mark-esper/index.html"]
    # at the instant the site is the one without any embargo, but for the records' own fields
    differ = sorted(path for path in at.keys() | never.keys() if at.get(path) != never.get(path))
    # (datapackage.json holds the downloads' sizes and hashes)
    assert differ == ["articles/embargoed-scoop/index.json", "data/archive.jsonl.gz", "data/archive.sqlite.gz",
                      "data/datapackage.json", "quotes/embargoed-scoop-quote/index.json"]
    assert '"embargo_until":"2026-12-07T10:00:00+01:00"' in at["articles/embargoed-scoop/index.json"]


def test_archive_now_that_is_not_an_instant_stops_the_build_in_one_line(embargoed_content, tmp_path, monkeypatch):
    from generator.mkdocs_adapter import BuildFailed, build_site

    monkeypatch.setenv("ARCHIVE_NOW", "tomorrow")
    with pytest.raises(BuildFailed) as failed:
        build_site(REPO / "mkdocs.yml", tmp_path / "site", embargoed_content[0], 1)
    assert str(failed.value) == ("ARCHIVE_NOW: 'tomorrow' is not an ISO 8601 date; expected a date like 2020-01-06 "
                                 "or a datetime with its UTC offset like 2020-01-06T16:09:00-05:00")
    assert not (tmp_path / "site").exists()


def test_build_now_on_the_command_line(embargoed_content, tmp_path):
    result = run("build", "--content", str(embargoed_content[0]), "--site-dir", str(tmp_path / "site"),
                 "--now", "2026-12-07T10:00:00+01:00", "--workers", "1")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "site/quotes/embargoed-scoop-quote/index.html").exists()
