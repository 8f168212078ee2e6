"""Cite this record: every article, quote and update page offers its citation as BibTeX, RIS and
CSL-JSON (files beside the page) and as a line of text to copy, read back here with bibtexparser, rispy and a
CSL processor (citeproc-py); hostile text comes back exactly, or escaped where a format cannot hold it."""

from __future__ import annotations

import json
import re
from pathlib import Path

import bibtexparser
import rispy
from bibtexparser.middlewares import LatexDecodingMiddleware
from bibtexparser.middlewares.names import split_multiple_persons_names
from bs4 import BeautifulSoup
from citeproc import Citation as CslCitation
from citeproc import CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source.json import CiteProcJSON
from hypothesis import given, settings
from hypothesis import strategies as st
from pylatexenc.latex2text import LatexNodes2Text, MacroTextSpec, get_default_latex_context_db

from generator.core.archive import load_or_raise
from generator.core.dates import MONTHS, parse_when
from generator.core.settings import load_settings
from generator.site.citations import _ENCODER, Citation, Name, _tex

from conftest import REPO
from site_helpers import BuiltSite

CITED = ("articles", "quotes", "updates")
PIECES = ["{", "}", "\\", "$", "&", "%", "#", "_", "~", "<script>", "</textarea>", '"', "'", "''", "``", "--", "!`",
          "@", ",", " and ", "=", "é", "日本", "\u202e", "\u00a0", "\n", "x", "Esper", "..", " "]
TEXT = st.lists(st.sampled_from(PIECES), min_size=1, max_size=12).map("".join).filter(lambda s: s.strip() == s != "")
LINE = TEXT.filter(lambda s: "\n" not in s)


def _one_line(text: str) -> str:
    return re.sub(r"\s*\n\s*", " ", text)


def _decoder() -> LatexNodes2Text:
    """pylatexenc's TeX → text, knowing LaTeX's \\textbraceleft and \\textbraceright."""
    context = get_default_latex_context_db().filter_context()  # a copy
    context.add_context_category("braces", prepend=True, macros=[MacroTextSpec("textbraceleft", "{"),
                                                                  MacroTextSpec("textbraceright", "}")])
    return LatexNodes2Text(latex_context=context)


DECODER = _decoder()


def _bibtex(text: str) -> dict:
    """The entry's fields as a BibTeX reader sees them: TeX decoded, the authors split into names."""
    raw = bibtexparser.parse_string(text)
    assert raw.failed_blocks == [] and len(raw.entries) == 1
    library = bibtexparser.parse_string(text, append_middleware=[LatexDecodingMiddleware(decoder=DECODER)])
    fields = {f.key: f.value for f in library.entries[0].fields}
    if "author" in fields:
        names = split_multiple_persons_names(raw.entries[0].fields_dict["author"].value)
        fields["author"] = [DECODER.latex_to_text(name) for name in names]
    return fields | {"ENTRYTYPE": library.entries[0].entry_type, "ID": library.entries[0].key}


def _csl_bibliography(items: list[dict]) -> str:
    """The items formatted by a CSL processor (the Harvard style citeproc-py ships)."""
    style = CitationStylesStyle("harvard-cite-them-right", validate=False)
    bibliography = CitationStylesBibliography(style, CiteProcJSON(items), formatter.plain)
    for item in items:
        bibliography.register(CslCitation([CitationItem(item["id"])]))
    return "\n".join(str(entry) for entry in bibliography.bibliography())


@settings(max_examples=60, deadline=None)
@given(title=TEXT, outlet=LINE, family=LINE, given_name=LINE, literal=LINE)
def test_hostile_text_comes_back_from_bibtex_ris_and_csl_json(title, outlet, family, given_name, literal):
    cited = Citation(id="a-record", kind="article-newspaper", title=title, container=outlet,
                     authors=(Name(family=family, given=given_name), Name(literal=literal)),
                     issued=parse_when("2020-01-06", None, True), url="https://archive.example/quotes/a-record/",
                     archive="The Archive")
    bib = _bibtex(cited.bibtex)
    # BibTeX and RIS are line-based: a line break is a space there; everything else as written
    assert (bib["title"], bib["journal"], bib["date"]) == (_one_line(title), outlet, "2020-01-06")
    assert bib["author"] == [f"{family}, {given_name}", literal]
    assert bib["url"] == "https://archive.example/quotes/a-record/"
    (ris,) = rispy.loads(cited.ris)
    assert (ris["title"], ris["secondary_title"], ris["authors"]) == (
        _one_line(title), outlet, [f"{family}, {given_name}", literal])
    (csl,) = json.loads(cited.csl_json)
    assert (csl["title"], csl["container-title"]) == (title, outlet)  # JSON holds the text exactly
    assert csl["author"] == [{"family": family, "given": given_name}, {"literal": literal}]
    # the page's line: names as they are said, the title exactly (on one line), as text (the page escapes it)
    assert cited.line == (f"{given_name} {family}, {literal}, “{_one_line(title)}”, {outlet}, 6 January 2020. "
                          "The Archive, https://archive.example/quotes/a-record/")


def test_tex_specials_and_ligatures_are_escaped_in_bibtex():
    cited = Citation(id="q", kind="speech", title="^ ~ -- `` '' $x$ \\emph{no}")
    assert ("title = {\\textasciicircum{} \\textasciitilde{} -{}- `{}` '{}' \\$x\\$ "
            "\\textbackslash{}emph\\textbraceleft{}no\\textbraceright{}}") in cited.bibtex


# decomposed letters (NFC composes them), TeX's specials and ligature halves, and anything at all
@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES + ["e\u0301", "\u0301", "!", "?", "-", "`", "'", "\x00", "\r"]) | st.text(),
                max_size=12).map("".join))
def test_the_fast_path_writes_what_the_encoder_writes(text):
    # _tex skips pylatexenc for text it would not change (the common case, and a build's hot loop)
    assert _tex(text) == _ENCODER.unicode_to_latex(text)


def test_a_csl_processor_formats_the_citation():
    cited = Citation(id="q", kind="article-newspaper", title="There's been no decision <script>",
                     authors=(Name(literal="Mark Esper"),), container="The Daily Caller",
                     issued=parse_when("2020-01-06T16:09", load_settings(REPO / "site_config/archive.yml").timezone,
                                       True),
                     url="https://archive.example/quotes/q/")
    text = _csl_bibliography(json.loads(cited.csl_json))
    assert "Mark Esper" in text and "(2020)" in text and "There's been no decision <script>" in text
    assert "The Daily Caller" in text and "https://archive.example/quotes/q/" in text
    assert "16:09" not in text  # a day, never a time the citation formats cannot state honestly


def _seed_records():
    settings_ = load_settings(REPO / "site_config/archive.yml")
    return load_or_raise(REPO / "content", settings_)


def test_every_cited_page_has_its_three_files_and_a_line_that_matches_them(seed_site):
    site = BuiltSite(seed_site)
    archive = _seed_records()
    cited = [r for r in archive.records.values() if r.is_public and r.kind in ("article", "quote", "update")]
    assert len(cited) >= 17
    items = []
    for record in cited:
        folder = f"{ {'article': 'articles', 'quote': 'quotes', 'update': 'updates'}[record.kind] }/{record.id}/"
        soup = site.soup(folder)
        canonical = soup.select_one('link[rel="canonical"]')["href"]
        line = soup.select_one(".arc-cite p.arc-cite__line").get_text()
        assert {a["href"] for a in soup.select(".arc-cite a")} == {"./cite.bib", "./cite.ris", "./cite.json"}
        bib = _bibtex((seed_site / folder / "cite.bib").read_text("utf-8"))
        (ris,) = rispy.loads((seed_site / folder / "cite.ris").read_text("utf-8"))
        (csl,) = json.loads((seed_site / folder / "cite.json").read_text("utf-8"))
        assert bib["url"] == ris["urls"][0] == csl["URL"] == canonical  # the archive's permanent address
        # the line says what the files say: who, the title, the outlet, the day, the archive, the address
        names = ", ".join(a.get("literal") or f"{a['given']} {a['family']}" for a in csl.get("author", []))
        day = csl.get("issued", {}).get("date-parts", [[]])[0]
        said = f"{day[2]} {MONTHS[day[1] - 1]} {day[0]}" if day else ""
        parts = [names, f"“{_one_line(csl['title'])}”", csl["container-title"], said]
        assert line == ", ".join(p for p in parts if p) + f". {csl['archive']}, {canonical}"
        assert bib["ID"] == csl["id"] == record.id
        items.append(csl)
    text = _csl_bibliography(items)
    assert text.count("The Daily Caller") >= 3 and "Breitbart News" in text


def test_authors_dates_and_outlets_say_only_what_the_records_say(seed_site):
    def csl(folder: str) -> dict:
        return json.loads((seed_site / folder / "cite.json").read_text("utf-8"))[0]

    article = csl("articles/daily-caller-military-tells-iraq-preparing-to-move-out/")
    assert article["author"] == [{"literal": "William Davis"}]  # its authors, not the outlet
    assert article["container-title"] == "The Daily Caller" and article["issued"] == {"date-parts": [[2020, 1, 6]]}
    assert "accessed" not in article  # no record states when anyone accessed it
    no_author = csl("articles/breitbart-letter-coalition-to-withdraw-from-iraq/")
    assert "author" not in no_author and no_author["container-title"] == "Breitbart News"
    update = csl("updates/breitbart-update-1/")  # printed "4:09 P.M." with no zone: the day only
    assert update["issued"] == {"date-parts": [[2020, 1, 6]]} and "author" not in update
    assert (update["title"], update["container-title"]) == ("Update # 1", "Breitbart News")
    undated = csl("quotes/seely-letter-opening-breitbart/")  # a quote without `said`: no date invented
    assert "issued" not in undated and undated["author"] == [{"literal": "William H. Seely"}]
    bib = _bibtex((seed_site / "quotes/seely-letter-opening-breitbart/cite.bib").read_text("utf-8"))
    assert "year" not in bib and "date" not in bib and bib["journal"] == "Breitbart News"


def test_pages_without_a_site_address_cite_no_url(seed_pages):
    _, pages = seed_pages  # rendered by the core alone, with no site_url
    page = pages["quotes/seely-letter-opening-breitbart.md"]
    line = BeautifulSoup(page.html, "html5lib").select_one(".arc-cite__line").get_text()
    assert line == ("William H. Seely, “Sir, in deference to the sovereignty of the Republic of Iraq, and as "
                    "requested by the Iraqi Parliament and the Prime Minister, CJTF-OIR will be repositioning forces "
                    "over the course of the coming days and weeks to prepare for onward movement”, Breitbart News. "
                    "The Coalition Letter Archive.")  # no date (the record states none) and no address
    assert Path(REPO / "content/quotes/seely-letter-opening-breitbart.yaml").is_file()
