"""The seed story is in content/ as records, complete and valid."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from conftest import REPO, run
from generator.archive import load
from generator.config import load_settings


@pytest.fixture(scope="module")
def archive():
    archive, problems, _ = load(REPO / "content", load_settings(REPO / "site_config/archive.yml"))
    assert problems == []
    return archive


def test_check_is_clean_on_content(monkeypatch):
    monkeypatch.chdir(REPO)
    result = run("check")
    assert result.exit_code == 0, result.output
    assert result.output == "62 records checked, no problems.\n"


def test_counts_of_each_kind(archive):
    assert Counter(r.kind for r in archive.records.values()) == {
        "article": 2, "update": 2, "quote": 13, "event": 6, "person": 9, "organization": 21, "correction": 9}


def test_both_articles_with_outlets_and_headlines(archive):
    breitbart = archive.records["breitbart-letter-coalition-to-withdraw-from-iraq"]
    caller = archive.records["daily-caller-military-tells-iraq-preparing-to-move-out"]
    assert (breitbart.outlet, breitbart.headline) == ("breitbart-news", "Letter: U.S.-Led Coalition to Withdraw from Iraq")
    assert (caller.outlet, caller.section, caller.authors) == ("daily-caller", "Politics", ["william-davis"])
    assert caller.headline.startswith("U.S. Military Tells Iraq They Are Preparing To Move Out")
    assert [i.credit for i in breitbart.images] == ["Mohamed El-Shahed/AFP/Getty Images"]


def test_the_two_timestamped_updates(archive):
    updates = sorted((r for r in archive.records.values() if r.kind == "update"), key=lambda u: u.at.sort_key)
    assert [(u.label, u.at.iso) for u in updates] == [
        ("Update #1", "2020-01-06T16:09:00-05:00"), ("Update #2", "2020-01-06T16:34:00-05:00")]


def test_letter_opening_in_two_wordings_linked_by_same_as(archive):
    caller = archive.records["seely-letter-opening-daily-caller"]
    breitbart = archive.records[caller.same_as]
    assert caller.text.startswith("In due deference to the sovereignty")
    assert breitbart.text.startswith("Sir, in deference to the sovereignty")
    assert caller.speaker == breitbart.speaker == "william-seely"


def test_the_required_events_people_and_corrections(archive):
    ids = set(archive.records)
    assert {"baghdad-embassy-attack", "soleimani-airstrike", "iraqi-parliament-troop-vote",
            "coalition-repositioning-letter", "esper-milley-deny-letter"} <= ids
    assert {"mark-esper", "mark-milley", "william-seely", "qassem-soleimani", "william-davis",
            "mohamed-el-shahed", "ahmad-al-rubaye", "paul-mcleary", "jake-tapper"} <= ids
    assert "Qasem Soleimani" in archive.records["qassem-soleimani"].other_names
    quads = archive.records["daily-caller-quads-force-misspelling"]
    assert "Quds Force" in quads.text and quads.target == "daily-caller-military-tells-iraq-preparing-to-move-out"
    disputes = [r for r in archive.records.values() if r.kind == "correction" and r.correction_kind == "dispute"]
    assert {d.by for d in disputes} >= {"mark-esper", "mark-milley"}


def test_no_page_chrome_in_content():
    text = "\n".join(p.read_text(encoding="utf-8") for p in Path(REPO / "content").rglob("*.yaml"))
    for chrome in ("Font Size", "issues with commenting", "RELATED:"):
        assert chrome not in text
