"""The LIAR2 importer turns real fact-check data into a content tree the generator accepts."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from generator.core.archive import load
from generator.core.models import Organization, Person, Quote
from generator.core.settings import Settings
from generator.importers.liar2 import LABELS, convert, display_name, excerpt, is_person, main, parse_date, slugify

DATA = Path(__file__).resolve().parents[2] / "shared/data/liar2"
CSVS = [DATA / "valid.csv", DATA / "test.csv"]

needs_data = pytest.mark.skipif(not all(p.is_file() for p in CSVS),
                                reason=f"LIAR2 data not found in {DATA} (valid.csv and test.csv)")


def _rows() -> dict[str, dict[str, str]]:
    """The rows the import should keep, by row id: the first of each id, with a statement and a speaker."""
    kept: dict[str, dict[str, str]] = {}
    for path in CSVS:
        with open(path, newline="", encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                if row["statement"].strip() and row["speaker"].strip():
                    kept.setdefault(row["id"].strip(), row)
    return kept


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    tree = tmp_path_factory.mktemp("liar2") / "content"
    counts = convert(CSVS, tree)
    archive, problems, file_count = load(tree, Settings())
    return tree, counts, archive, problems, file_count


@needs_data
def test_converted_tree_has_no_problems(imported):
    tree, counts, archive, problems, file_count = imported
    assert not problems, f"{len(problems)} problems, the first 20:\n" + "\n".join(map(str, problems[:20]))
    records = sum(v for k, v in counts.items() if k not in ("skipped", "duplicates"))
    assert file_count == records == len(archive.records)


@needs_data
def test_one_quote_per_row_and_one_record_per_speaker(imported):
    _, counts, archive, _, _ = imported
    rows = _rows()
    quotes = archive.of_kind("quote")
    assert len(quotes) == counts["quote"] == len(rows)
    speakers = {" ".join(row["speaker"].split()).lower() for row in rows.values()}
    people = archive.of_kind("person")
    organizations = [o for o in archive.of_kind("organization") if o.id != "politifact"]
    assert len(people) + len(organizations) == len(speakers)
    assert len({q.speaker for q in quotes}) == len(speakers)
    # every statement survives the YAML round trip exactly, line breaks and odd spaces included (a CSV
    # cell's line ends, \r\n or \r, are one line break each)
    for row_id, row in rows.items():
        expected = row["statement"].replace("\r\n", "\n").replace("\r", "\n")
        assert archive.records[slugify(f"liar2-{row_id}")].text == expected
    # PolitiFact's rating of every statement, all six labels, as data on the quote and never dated
    # (LIAR2 does not say when PolitiFact rated it); no rating becomes a correction
    for row_id, row in rows.items():
        (rating,) = archive.records[slugify(f"liar2-{row_id}")].ratings
        assert (rating.by, rating.rating, rating.rated) == ("politifact", LABELS[int(row["label"])], None)
        assert rating.scale == ["Pants on Fire", "False", "Mostly False", "Half True", "Mostly True", "True"]
    labels = {q.ratings[0].rating for q in quotes}
    assert labels == set(LABELS.values()) and len(labels) == 6
    assert archive.of_kind("correction") == [] and "correction" not in counts


@needs_data
def test_spot_checks(imported):
    tree, _, archive, _, _ = imported
    quote = archive.records["liar2-419"]  # valid.csv, row 1
    assert isinstance(quote, Quote)
    assert quote.text == ('Barack Obama is "the only candidate who doesn\'t take a dime from oil company PACs '
                          'or lobbyists.')
    assert quote.speaker == "barack-obama"
    assert quote.said.text == "2008-04-16"
    assert quote.context == "Said in: a television ad"
    assert quote.tags == ["energy"]
    assert (tree / "quotes" / "liar2-419.yaml").is_file()
    (rating,) = quote.ratings  # label 4: Mostly True is kept too
    assert (rating.rating, rating.scale_name, rating.rated) == ("Mostly True", "Truth-O-Meter", None)
    assert rating.reasoning.startswith("It's worth noting, however, that Obama's total lags")

    obama = archive.records["barack-obama"]
    assert isinstance(obama, Person) and obama.name == "Barack Obama"
    assert obama.summary.startswith("Barack Obama is the former president of the United States.")

    quote = archive.records["liar2-13113"]  # valid.csv: a statement over three lines
    assert quote.text == ("Cost of iPhone: $399\n- Cost of healthcare for 1 year: $10,345\n- "
                          "Hearing\xa0@jasoninthehouse compare the 2 as if they are the same: priceless")
    assert quote.speaker == "gavin-newsom" and quote.said.text == "2017-03-07"

    (rating,) = archive.records["liar2-6396"].ratings  # valid.csv: label 0, Pants on Fire
    assert (rating.by, rating.rating, rating.rated) == ("politifact", "Pants on Fire", None)
    assert rating.reasoning.startswith("Workers’ Voice says")
    assert archive.records["liar2-6396"].speaker == "workers-voice"

    for speaker in ("facebook-posts", "viral-image", "bloggers"):
        assert isinstance(archive.records[speaker], Organization)
        assert archive.records[speaker].org_kind == "other"
    politifact = archive.records["politifact"]
    assert isinstance(politifact, Organization) and politifact.url == "https://www.politifact.com/"


def test_helpers():
    assert parse_date("April 16, 2008") == "2008-04-16"
    assert parse_date("Sept. 3, 2019") == "2019-09-03"
    assert parse_date(" March  7, 2017 ") == "2017-03-07"
    assert parse_date("February 30, 2020") is None
    assert parse_date("sometime in 2008") is None
    assert parse_date("") is None
    assert display_name("barack obama") == "Barack Obama"
    assert display_name("beto o'rourke") == "Beto O'Rourke"
    assert display_name("john mccain") == "John McCain"
    assert display_name("j.d. vance") == "J.D. Vance"
    assert display_name("committee for our children's future") == "Committee for Our Children's Future"
    assert display_name("moveon.org") == "moveon.org"
    assert display_name("Already Cased") == "Already Cased"
    assert not is_person("facebook posts") and not is_person("senate majority pac")
    assert not is_person("naturalnews.com") and is_person("donald trump jr.")
    assert slugify("José Oliva") == "jose-oliva"
    assert len(slugify("word " * 60)) <= 120 and not slugify("word " * 60).endswith("-")
    long = "word " * 100
    assert len(excerpt(long)) <= 302 and excerpt(long).endswith("word …")
    assert excerpt("short  text\n") == "short text"


def test_small_file_edge_cases(tmp_path, capsys):
    data = tmp_path / "rows.csv"
    with open(data, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "label", "statement", "date", "subject", "speaker", "speaker_description",
                         "state_info", "context", "justification"])
        writer.writerow(["1", "0", "Line one\nline two [[not-a-link]] <b>", "someday", " a ; ;b ", "Politifact",
                         "", "", "", ""])
        writer.writerow(["1", "5", "a repeated id", "May 1, 2020", "", "x", "", "", "", ""])
        writer.writerow(["2", "1", "  ", "May 1, 2020", "", "x", "", "", "", ""])
        writer.writerow(["3", "1", "no speaker", "May 1, 2020", "", " ", "", "", "", ""])
        writer.writerow(["4", "2", "dated", "May 1, 2020", "", "politifact", "", "", "tv [[x]] *ad*", "why " * 200])
    out = tmp_path / "out"
    assert main([str(out), str(data)]) == 0
    printed = capsys.readouterr().out
    assert "quote: 2" in printed and "skipped: 2" in printed and "duplicates: 1" in printed
    archive, problems, _ = load(out, Settings())
    assert not problems, "\n".join(map(str, problems))
    first = archive.records["liar2-1"]
    assert first.text == "Line one\nline two [[not-a-link]] <b>"
    assert first.said is None and first.tags == ["a", "b"]
    assert [r.rating for r in first.ratings] == ["Pants on Fire"]  # rated though undated
    assert first.speaker == "speaker-politifact"  # 'politifact' is the fact-checker's own record
    assert archive.records[first.speaker].name == "Politifact"
    assert archive.records["liar2-4"].speaker == first.speaker  # the same speaker in another case
    (rating,) = archive.records["liar2-4"].ratings
    assert rating.rating == "Mostly False" and rating.rated is None and len(rating.reasoning) < 310
    assert main([str(out), str(data)]) == 1  # refuses to write into a folder that is not empty
