"""Content model 1.1, provenance: times as printed, who issued a correction, excerpts of the same remarks.

Each rule gets its exact message on an inline content tree; records without the new fields stay valid.
"""

from __future__ import annotations

from generator.core.schemas import schema_for
from generator.scaffold.new_record import skeleton

from conftest import MINIMAL, check, run

# MINIMAL plus an update, a quote with an article, a quote without one, and a second speaker
TREE = MINIMAL + """
--- people/mark-milley.yaml
name: Mark Milley
--- organizations/cnn.yaml
name: CNN
kind: outlet
--- updates/dc-update.yaml
article: dc-letter
at: 2020-01-06T16:09:00-05:00
text: Esper spoke.
--- quotes/esper-no-decision.yaml
text: There's been no decision to leave Iraq. Period.
speaker: mark-esper
article: dc-letter
said: 2020-01-06
--- quotes/esper-unsourced.yaml
text: no decision whatsoever
speaker: mark-esper
"""
RECORDS = 9


def problems() -> list[str]:
    """The problem lines of `check` (without the summary line)."""
    return check()[1][:-1]


def test_old_records_without_the_new_fields_stay_valid(content):
    content(TREE + """
--- corrections/legacy-dispute.yaml
target: the-letter
at: 2020-01-06T16:09:00-05:00
kind: dispute
by: mark-esper
text: Esper disputed it.
""")
    assert check() == (0, [f"{RECORDS + 1} records checked, no problems."])


def test_every_new_field_used_well_is_clean(content, tmp_path):
    content(TREE + """
--- updates/unstated.yaml
article: dc-letter
at: 2020-01-06T16:34
time_as_printed: "4:34 P.M."
time_zone: unstated
text: Milley spoke.
--- articles/stated.yaml
headline: H
outlet: cnn
published: 2020-01-06T17:00:00-05:00
time_as_printed: "5 p.m. ET"
time_zone: stated
--- quotes/assumed.yaml
text: a draft
speaker: mark-milley
said: 2020-01-06T16:00:00-05:00
time_as_printed: "4:00"
time_zone: assumed
--- quotes/milley-mistake.yaml
text: mistake
speaker: mark-milley
said: 2020-01-06
same_remarks_as: assumed
--- corrections/by-the-outlet.yaml
target: esper-no-decision
at: 2020-01-07
issuer: outlet
by: daily-caller
text: The quote was cut short.
--- corrections/editors-note.yaml
target: dc-update
at: 2026-11-24
kind: clarification
issuer: archive
text: The update gives no source.
--- corrections/disputed-by-esper.yaml
target: the-letter
at: 2020-01-06
kind: dispute
issuer: third-party
by: mark-esper
reported_in: [dc-letter, dc-update]
text: Esper disputed it.
--- corrections/disputed-elsewhere.yaml
target: the-letter
at: 2020-01-06
kind: dispute
issuer: third-party
by: mark-milley
source: https://example.org/transcript
text: Milley disputed it.
""")
    (tmp_path / "settings.yml").write_text("title: T\ntimezone: America/New_York\n")
    result = run("check", "--config", "settings.yml")
    assert (result.exit_code, result.output) == (0, f"{RECORDS + 8} records checked, no problems.\n")


# --- times as printed ---------------------------------------------------------


def test_time_as_printed_needs_time_zone(content):
    content(TREE + """
--- updates/u.yaml
article: dc-letter
at: 2020-01-06T16:09:00-05:00
time_as_printed: "4:09 P.M."
text: t
""")
    assert problems() == [
        "content/updates/u.yaml:3:18: time_as_printed: say whether the source stated a time zone: add "
        "'time_zone: stated', 'time_zone: unstated' or 'time_zone: assumed'"]


def test_unstated_and_assumed_zones_need_the_printed_time(content):
    content(TREE + """
--- updates/u.yaml
article: dc-letter
at: 2020-01-06T16:09:00-05:00
time_zone: unstated
text: t
--- corrections/c.yaml
target: dc-letter
at: 2020-01-07T09:00:00-05:00
time_zone: assumed
text: t
""")
    assert problems() == [
        "content/corrections/c.yaml:3:12: time_zone: 'assumed' means the source printed a time without a zone: "
        "add time_as_printed with the time exactly as printed, e.g. '4:09 P.M.'",
        "content/updates/u.yaml:3:12: time_zone: 'unstated' means the source printed a time without a zone: "
        "add time_as_printed with the time exactly as printed, e.g. '4:09 P.M.'"]


def test_a_stated_zone_needs_no_printed_time(content):
    content(TREE + """
--- updates/u.yaml
article: dc-letter
at: 2020-01-06T16:09:00-05:00
time_zone: stated
text: t
""")
    assert check() == (0, [f"{RECORDS + 1} records checked, no problems."])


def test_time_fields_on_a_day_or_without_a_time(content):
    content(TREE + """
--- articles/a.yaml
headline: H
outlet: daily-caller
published: 2020-01-06
time_as_printed: "4:09 P.M."
time_zone: unstated
--- quotes/q.yaml
text: words
speaker: mark-esper
time_zone: stated
""")
    assert problems() == [
        "content/articles/a.yaml:4:18: time_as_printed: published '2020-01-06' is a day without a time; write "
        "the time too (e.g. '2020-01-06T16:09'), or remove time_as_printed",
        "content/quotes/q.yaml:3:12: time_zone: this quote has no 'said'; give 'said' with the time, or remove "
        "time_zone"]


def test_printed_time_must_match_the_clock_time(content):
    content(TREE + """
--- updates/u.yaml
article: dc-letter
at: 2020-01-06T16:09:00-05:00
time_as_printed: "4:19 P.M."
time_zone: unstated
text: t
--- updates/v.yaml
article: dc-letter
at: 2020-01-06T04:09:00-05:00
time_as_printed: "4:09 P.M."
time_zone: unstated
text: t
--- updates/w.yaml
article: dc-letter
at: 2020-01-06T16:09:00-05:00
time_as_printed: "4.09"
time_zone: unstated
text: "24-hour and a.m./p.m.-less times match either half of the day"
""")
    assert problems() == [
        "content/updates/u.yaml:3:18: time_as_printed: '4:19 P.M.' reads 16:19, but at '2020-01-06T16:09:00-05:00' "
        "is 16:09; make them agree",
        "content/updates/v.yaml:3:18: time_as_printed: '4:09 P.M.' reads 16:09, but at '2020-01-06T04:09:00-05:00' "
        "is 04:09; make them agree"]


def test_an_unstated_zone_cannot_be_printed(content):
    content(TREE + """
--- updates/u.yaml
article: dc-letter
at: 2020-01-06T16:09:00-05:00
time_as_printed: "4:09 P.M. ET"
time_zone: unstated
text: t
""")
    assert problems() == [
        "content/updates/u.yaml:4:12: time_zone: 'unstated', but time_as_printed '4:09 P.M. ET' names a time zone "
        "(ET): use 'time_zone: stated' and write that zone's UTC offset in 'at'"]


def test_time_zone_choices(content):
    content(TREE + """
--- updates/u.yaml
article: dc-letter
at: 2020-01-06T16:09:00-05:00
time_as_printed: "4:09 P.M."
time_zone: America/New_York
text: t
""")
    assert problems() == [
        "content/updates/u.yaml:4:12: time_zone: 'America/New_York' is not one of stated, unstated, assumed"]


# --- who issued a correction ----------------------------------------------------


def test_third_party_needs_by_and_where_it_was_reported(content):
    content(TREE + """
--- corrections/c.yaml
target: the-letter
at: 2020-01-06
kind: dispute
issuer: third-party
text: t
""")
    assert problems() == [
        "content/corrections/c.yaml:4:9: by: required when issuer is 'third-party': name the person or "
        "organization who raised it",
        "content/corrections/c.yaml:4:9: reported_in: say where the third party's words were reported (article "
        "or update ids), or give their 'source' URL"]


def test_an_editors_note_has_no_by_and_is_no_dispute(content):
    content(TREE + """
--- corrections/c.yaml
target: dc-letter
at: 2026-11-24
kind: dispute
issuer: archive
by: mark-esper
text: t
""")
    assert problems() == [
        "content/corrections/c.yaml:3:7: kind: an editor's note (issuer: archive) cannot be a 'dispute': the "
        "archive does not dispute its sources; record who disputes them with 'issuer: third-party' and 'by'",
        "content/corrections/c.yaml:5:5: by: an editor's note (issuer: archive) is by this archive's editors; "
        "remove by (pages name the archive from the site's title)"]


def test_only_the_outlet_retracts(content):
    content(TREE + """
--- corrections/c.yaml
target: dc-letter
at: 2020-01-07
kind: retraction
issuer: third-party
by: mark-esper
reported_in: [dc-letter]
text: t
""")
    assert problems() == [
        "content/corrections/c.yaml:3:7: kind: a 'retraction' is made by the outlet that published the target: "
        "use 'issuer: outlet'",
        "content/corrections/c.yaml:6:15: reported_in[0]: 'dc-letter' (2020-01-06) is before at '2020-01-07'; "
        "words are said on or before the day they are reported"]


def test_an_outlet_corrects_only_what_an_outlet_published(content):
    content(TREE + """
--- corrections/on-event.yaml
target: the-letter
at: 2020-01-07
issuer: outlet
text: t
--- corrections/on-quote.yaml
target: esper-unsourced
at: 2020-01-07
issuer: outlet
text: t
--- corrections/on-update.yaml
target: dc-update
at: 2020-01-07
issuer: outlet
text: t
""")
    assert problems() == [
        "content/corrections/on-event.yaml:3:9: issuer: 'outlet' needs a target that an outlet published (an "
        "article, an update, or a quote with an article), but 'the-letter' is an event",
        "content/corrections/on-quote.yaml:3:9: issuer: 'outlet' needs a target that an outlet published (an "
        "article, an update, or a quote with an article), but 'esper-unsourced' is a quote with no article"]


def test_an_outlets_correction_is_by_that_outlet(content):
    content(TREE + """
--- corrections/c.yaml
target: esper-no-decision
at: 2020-01-07
issuer: outlet
by: cnn
text: t
""")
    assert problems() == [
        "content/corrections/c.yaml:4:5: by: 'cnn' did not publish 'esper-no-decision' ('daily-caller' did); an "
        "outlet's own correction is by 'daily-caller': name it or leave by out"]


def test_reported_in_only_with_a_third_party(content):
    content(TREE + """
--- corrections/c.yaml
target: dc-letter
at: 2026-11-24
issuer: archive
reported_in: [dc-update]
text: t
--- corrections/d.yaml
target: dc-letter
at: 2026-11-24
reported_in: [dc-update]
text: t
""")
    assert problems() == [
        "content/corrections/c.yaml:4:14: reported_in: only a third party's words are reported elsewhere; use it "
        "with 'issuer: third-party'",
        "content/corrections/d.yaml:3:14: reported_in: only a third party's words are reported elsewhere; use it "
        "with 'issuer: third-party'"]


def test_a_correction_cannot_come_before_what_it_corrects(content):
    content(TREE + """
--- corrections/c.yaml
target: dc-update
at: 2020-01-05
issuer: archive
text: t
""")
    assert problems() == [
        "content/corrections/c.yaml:2:5: at: '2020-01-05' is before 'dc-update' (2020-01-06T16:09:00-05:00); a "
        "correction cannot come before what it corrects"]


def test_reported_in_and_issuer_are_checked_like_other_references(content):
    content(TREE + """
--- corrections/c.yaml
target: the-letter
at: 2020-01-06
kind: dispute
issuer: third party
by: mark-esper
reported_in: [the-letter, dc-updat]
text: t
""")
    assert problems() == [
        "content/corrections/c.yaml:4:9: issuer: 'third party' is not one of outlet, archive, third-party "
        "(did you mean 'third-party'?)",
        "content/corrections/c.yaml:6:15: reported_in[0]: 'the-letter' is an event, but this field needs an "
        "article or an update",
        "content/corrections/c.yaml:6:27: reported_in[1]: unknown article or update 'dc-updat' (did you mean "
        "'dc-update'?)"]


# --- the same remarks -------------------------------------------------------------


def test_excerpts_of_the_same_remarks_share_speaker_and_day(content):
    content(TREE + """
--- quotes/milley-draft.yaml
text: draft
speaker: mark-milley
said: 2020-01-05
same_remarks_as: esper-no-decision
--- quotes/esper-again.yaml
text: no decision
speaker: mark-esper
same_as: esper-no-decision
same_remarks_as: esper-no-decision
--- quotes/esper-elsewhere.yaml
text: Period.
speaker: mark-esper
same_remarks_as: esper-nodecision
""")
    assert problems() == [
        "content/quotes/esper-again.yaml:4:18: same_remarks_as: 'esper-no-decision' is also this quote's "
        "same_as; a quote is either the same words printed differently (same_as) or another excerpt of the "
        "same remarks (same_remarks_as), not both",
        "content/quotes/esper-elsewhere.yaml:3:18: same_remarks_as: unknown quote 'esper-nodecision' (did you "
        "mean 'esper-no-decision'?)",
        "content/quotes/milley-draft.yaml:4:18: same_remarks_as: 'esper-no-decision' is spoken by 'mark-esper', "
        "this quote by 'mark-milley'; excerpts of the same remarks have the same speaker",
        "content/quotes/milley-draft.yaml:4:18: same_remarks_as: 'esper-no-decision' was said on 2020-01-06, this "
        "quote on 2020-01-05; excerpts of the same remarks were said on the same day"]


# --- editors' tools: schema and skeletons -------------------------------------------------


def test_schemas_describe_the_new_fields():
    correction = schema_for("correction")["properties"]
    assert correction["issuer"]["anyOf"][0]["enum"] == ["outlet", "archive", "third-party"]
    assert "editor's note" in correction["issuer"]["description"]
    assert correction["reported_in"]["items"]["description"] == "id of article or update"
    for kind, field in [("update", "at"), ("correction", "at"), ("article", "published"), ("quote", "said")]:
        properties = schema_for(kind)["properties"]
        assert properties["time_zone"]["anyOf"][0]["enum"] == ["stated", "unstated", "assumed"]
        assert f"'{field}'" in properties["time_zone"]["description"]
        assert f"the time of '{field}' exactly as the source printed it" in properties["time_as_printed"]["description"]
    assert "same remarks" in schema_for("quote")["properties"]["same_remarks_as"]["description"]


def test_skeletons_hint_at_the_new_fields():
    correction = skeleton("correction", "c")
    assert "# issuer: archive  # outlet (it corrected itself) | archive (editor's note, dated when added, no by) | " \
           "third-party (by, dated when said, with reported_in or source)\n" in correction
    assert "# reported_in: [article-id]  #" in correction
    update = skeleton("update", "u")
    assert '# time_as_printed: "4:09 P.M."  # the time exactly as the source printed it; needs time_zone\n' in update
    assert "# time_zone: unstated  # stated | unstated (no zone printed: the offset only orders records) | " \
           "assumed\n" in update
    assert "# same_remarks_as: quote-id  #" in skeleton("quote", "q")


def test_a_filled_in_skeleton_is_valid(content, tmp_path):
    content(TREE)
    assert run("new", "correction", "note").exit_code == 0
    path = tmp_path / "content/corrections/note.yaml"
    text = path.read_text().replace('"record-id"', "dc-letter").replace("# issuer: archive", "issuer: archive")
    path.write_text(text)
    assert check() == (0, [f"{RECORDS + 1} records checked, no problems."])


def test_events_are_listed_under_the_year_they_began(seed_pages):
    """The crisis began on 31 December 2019 and has no end: it is listed under 2019 with the embassy
    attack (which began that day too), and its parts of 2020 stand under 2020, not under 2019."""
    from generator.site.lists import Paging

    site, _ = seed_pages
    years = {key: [(e.record.id, e.depth) for e in group.listing.entries]
             for key, group in Paging(site).event_years.items()}
    assert years == {
        "2019": [("us-iraq-troop-crisis", 0), ("baghdad-embassy-attack", 1)],
        "2020": [("soleimani-airstrike", 0), ("iraqi-parliament-troop-vote", 0),
                 ("coalition-repositioning-letter", 0), ("esper-milley-deny-letter", 0)],
    }
