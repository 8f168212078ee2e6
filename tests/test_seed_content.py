"""The seed story is in content/ as records, complete and valid."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from generator.core.archive import load
from generator.core.settings import load_settings

from conftest import REPO, SHARED, run


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


def _seed(headline: str) -> str:
    """The text of the seed article with this headline (../shared/seeds, the only source of the seed story)."""
    texts = [p.read_text(encoding="utf-8") for p in sorted((SHARED / "seeds").glob("*.txt"))]
    [text] = [t for t in texts if headline in t.split("\n\n")[:2]]
    return text


BREITBART_SEED = "Letter: U.S.-Led Coalition to Withdraw from Iraq"
CALLER_SEED = "U.S. Military Tells Iraq They Are Preparing To Move Out; Letter Immediately Contradicted By Secretary Of Defense"


def test_the_two_timestamped_updates(archive):
    updates = sorted((r for r in archive.records.values() if r.kind == "update"), key=lambda u: u.at.sort_key)
    assert [(u.label, u.time_as_printed, u.time_zone, u.at.text) for u in updates] == [
        ("Update # 1", "4:09 P.M.", "unstated", "2020-01-06T16:09"),
        ("Update # 2", "4:34 P.M.", "unstated", "2020-01-06T16:34")]


def test_update_texts_are_exactly_as_printed_in_the_seed(archive):
    printed = re.findall(r"^(Update # \d) — (\d{1,2}:\d{2} [AP]\.M\.):\s(.+?)\s*$", _seed(BREITBART_SEED), re.M)
    assert len(printed) == 2
    updates = {r.label: r for r in archive.records.values() if r.kind == "update"}
    for label, time, text in printed:
        assert (updates[label].time_as_printed, updates[label].text) == (time, text)


def test_no_time_zone_is_invented_for_breitbarts_update_times():
    text = "\n".join(p.read_text(encoding="utf-8") for p in (REPO / "content").rglob("*.yaml"))
    assert "Eastern" not in text and "16:09:00-05:00" not in text and "16:34:00-05:00" not in text


def test_no_signed_anywhere_the_sources_say_wrote():
    for path in (REPO / "content").rglob("*"):
        if path.is_file():
            assert "signed" not in path.read_text(encoding="utf-8").lower(), path
    assert "signed" not in _seed(BREITBART_SEED) + _seed(CALLER_SEED)
    assert "wrote U.S. Marine Corps Brigadier General William H. Seely" in _seed(BREITBART_SEED)
    assert "U.S. Marine Corps General William H. Seely wrote" in _seed(CALLER_SEED)


def test_every_correction_says_who_issued_it(archive):
    corrections = {r.id: r for r in archive.records.values() if r.kind == "correction"}
    assert all(c.issuer for c in corrections.values())
    notes = {i for i, c in corrections.items() if c.issuer == "archive"}
    assert notes == {"breitbart-reposit-typo", "daily-caller-esper-title-wording", "daily-caller-milley-title",
                     "daily-caller-quads-force-misspelling", "daily-caller-seely-rank",
                     "daily-caller-soleimani-deaths-claim", "coalition-letter-origin-sources-differ"}
    for note in notes:  # dated when the archive added them, never on the day of the story
        assert corrections[note].at.day.year >= 2026 and corrections[note].by is None


def test_the_disputes_are_dated_when_said_and_reported_where_printed(archive):
    esper = archive.records["coalition-letter-disputed-by-esper"]
    milley = archive.records["coalition-letter-disputed-by-milley"]
    caller = "daily-caller-military-tells-iraq-preparing-to-move-out"
    assert (esper.issuer, esper.by, esper.target, esper.at.text, esper.reported_in) == (
        "third-party", "mark-esper", "coalition-repositioning-letter", "2020-01-06", ["breitbart-update-1", caller])
    assert (milley.issuer, milley.by, milley.target, milley.at.text, milley.reported_in) == (
        "third-party", "mark-milley", "coalition-repositioning-letter", "2020-01-06", ["breitbart-update-2", caller])


def test_no_dispute_targets_an_accurate_quotation(archive):
    for record in archive.records.values():
        if record.kind == "correction" and record.correction_kind == "dispute":
            assert archive.records[record.target].kind != "quote", record.id
    # the two old disputes of the letter's opening sentence redirect to Esper's dispute of the letter
    assert archive.records["coalition-letter-disputed-by-esper"].previous_ids == [
        "seely-letter-opening-breitbart-disputed", "seely-letter-opening-daily-caller-disputed"]


def test_the_unsourced_soleimani_claim_is_the_outlets(archive):
    claim = "was responsible for the deaths of hundreds of American civilians and military personnel"
    assert claim in _seed(CALLER_SEED) and "responsible" not in _seed(BREITBART_SEED)
    note = archive.records["daily-caller-soleimani-deaths-claim"]
    assert (note.issuer, note.correction_kind, note.target) == (
        "archive", "clarification", "daily-caller-military-tells-iraq-preparing-to-move-out")
    assert f'"{claim}"' in " ".join(note.text.split()) and "no source" in note.text


def test_the_letters_origin_is_told_differently_and_the_archive_says_so(archive):
    caller, breitbart = _seed(CALLER_SEED), _seed(BREITBART_SEED)
    note = archive.records["coalition-letter-origin-sources-differ"]
    text = " ".join(note.text.split())
    assert note.target == "coalition-repositioning-letter" and note.issuer == "archive"
    for words in ("a letter released Monday from the Department of Defense", "a letter examined by Reuters on Monday",
                  "Reuters said it independently confirmed the letter with an Iraqi military source"):
        assert words in caller + breitbart and f"{words}" in text


def test_esper_wordings_are_not_marked_the_same_statement_and_the_records_say_why(archive):
    caller = archive.records["esper-no-decision-to-leave-iraq-period"]
    breitbart = archive.records["esper-no-decision-whatsoever-to-leave"]
    assert caller.same_as is None and breitbart.same_as is None
    for quote, other in [(caller, breitbart), (breitbart, caller)]:
        context = " ".join(quote.context.split())
        assert f"[[{other.id}]]" in context
        assert "The sources do not say whether the two are one statement" in context
    assert caller.via == "paul-mcleary" and breitbart.via is None


def test_milleys_words_are_grouped_only_where_one_source_prints_them_together(archive):
    def group(quote_id):
        quote = archive.records[quote_id]
        return group(quote.same_remarks_as) if quote.same_remarks_as else quote_id

    # one sentence of Breitbart's Update # 2, and one sentence of The Daily Caller (via CNN): the
    # sources never say that the two outlets report the same remarks, so neither is linked to the other
    assert {i: group(i) for i in ["milley-letter-mistake", "milley-letter-poorly-worded", "milley-letter-draft",
                                  "milley-not-whats-happening"]} == {
        "milley-letter-mistake": "milley-letter-mistake", "milley-letter-poorly-worded": "milley-letter-mistake",
        "milley-letter-draft": "milley-letter-draft", "milley-not-whats-happening": "milley-letter-draft"}
    assert all(archive.records[i].same_as is None for i in ["milley-letter-mistake", "milley-letter-draft"])
    assert archive.records["milley-letter-draft"].via == "jake-tapper"
    for quote_id in ("milley-letter-mistake", "milley-letter-draft"):
        context = " ".join(archive.records[quote_id].context.split())
        assert "the sources do not say whether the two outlets report the same remarks" in context.lower()


def test_almost_immediately_is_said_only_of_esper(archive):
    caller = _seed(CALLER_SEED)
    assert "almost immediately contradicted by Secretary of Defense Mark Esper" in caller
    assert caller.count("almost immediately") == 1
    for record in archive.records.values():
        for field in ("summary", "body", "context", "text"):
            text = " ".join((getattr(record, field, None) or "").split())
            for sentence in re.split(r"(?<=[.;])\s", text):
                if "almost immediately" in sentence and "milley" in sentence.lower():
                    assert "Esper \"almost immediately\"" in sentence, (record.id, sentence)


def test_seelys_rank_and_command_are_each_sources(archive):
    seely = archive.records["william-seely"]
    assert [(r.title, r.organization) for r in seely.roles] == [("General", "us-marine-corps")]
    summary = " ".join(seely.summary.split())
    assert 'Breitbart News calls him "Brigadier General" and says he "leads up the Task Force Iraq"' in summary
    assert 'The Daily Caller calls him "General"' in summary
    note = " ".join(archive.records["daily-caller-seely-rank"].text.split())
    assert "The archive does not settle the difference" in note


def test_the_letter_is_dated_by_when_it_came_to_light_and_its_opening_is_each_outlets(archive):
    letter = archive.records["coalition-repositioning-letter"]
    summary = " ".join(letter.summary.split())
    assert letter.title == "Coalition's repositioning letter to Iraq comes to light"
    assert "The outlets do not print the letter's date" in summary
    assert '"Sir, in deference to the sovereignty of the Republic of Iraq" (Breitbart News' in summary
    assert '"In due deference to the sovereignty of the Republic of Iraq" (The Daily Caller' in summary
    text = "\n".join(p.read_text(encoding="utf-8") for p in (REPO / "content").rglob("*.yaml"))
    assert "letter of 2020-01-06" not in text


def test_no_gloss_the_sources_do_not_give():
    text = " ".join("\n".join(p.read_text(encoding="utf-8") for p in (REPO / "content").rglob("*.yaml")).split())
    assert "International Zone" not in text and 'does not say what "IZ" stands for' in text


def test_breitbarts_caption_is_kept_as_printed_with_its_cut(archive):
    caption = _seed(BREITBART_SEED).split("\n\n")[1].split("\n")[0]
    assert caption.endswith("MOHAMED EL-SHAHED/AFP via …")
    [image] = archive.records["breitbart-letter-coalition-to-withdraw-from-iraq"].images
    assert image.caption == caption


def test_the_daily_callers_related_line_is_recorded(archive):
    related = "(RELATED: Iraqis Celebrate In Streets, Praise Trump After Soleimani Death)"
    assert related in _seed(CALLER_SEED)
    body = " ".join(archive.records["daily-caller-military-tells-iraq-preparing-to-move-out"].body.split())
    assert f'the line "{related}"' in body


def test_denial_event_attributes_each_wording_to_its_outlet_and_reporter(archive):
    summary = " ".join(archive.records["esper-milley-deny-letter"].summary.split())
    breitbart_part, caller_part = summary.split("**The Daily Caller**")
    assert "no decision whatsoever to leave" in breitbart_part and "mistake" in breitbart_part
    assert "paul-mcleary" not in breitbart_part and "jake-tapper" not in breitbart_part
    assert "There’s been no decision to leave Iraq. Period." in caller_part and "paul-mcleary" in caller_part
    assert "“draft”" in caller_part and "jake-tapper" in caller_part
    assert "whatsoever" not in caller_part and "mistake" not in caller_part


def test_quotes_are_as_printed_in_the_seeds(archive):
    seeds = _seed(BREITBART_SEED) + _seed(CALLER_SEED)
    for record in archive.records.values():
        if record.kind == "quote":
            assert record.text in seeds, record.id


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
    assert {d.by for d in disputes} == {"mark-esper", "mark-milley"}


def test_no_page_chrome_in_content():
    text = "\n".join(p.read_text(encoding="utf-8") for p in Path(REPO / "content").rglob("*.yaml"))
    for chrome in ("Font Size", "issues with commenting"):
        assert chrome not in text
