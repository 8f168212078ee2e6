"""How to cite a record: an article, a quote or an update as CSL-JSON, BibTeX and RIS.

A citation says only what the records say:
- the title: an article's headline, a quote's words (in full), an update's label;
- the container: the outlet that printed it (an update's and a quote's is their article's);
- the authors: an article's `authors`, a quote's speaker; never the outlet, and none for an
  update (its record names nobody); a name is split into family and given names only where
  the person's `sort_name` does so ("Esper, Mark"), else it stays whole (a literal name);
- the date: the day the record states (an article's `published`, a quote's `said`, an update's
  `at`), never a time the record does not give, and no date at all for an undated quote;
- the archive's permanent address of the record's page, only when the site has an absolute
  address (`site_url`); no access or archival date (no record states one).

The page shows the citation as one line of text (`Citation.line`: who, “title”, outlet, day, the
archive and the address), which a reader selects and copies, and links the three files.

Writers are libraries: bibtexparser (LaTeX specials escaped, text otherwise kept in UTF-8),
rispy, json. BibTeX and RIS are line-based, so a line break in a quote becomes a space there;
CSL-JSON keeps the text exactly.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from functools import cached_property, lru_cache

import bibtexparser
import rispy
from bibtexparser.middlewares import default_unparse_stack
from bibtexparser.model import Entry, Field
from bibtexparser.writer import BibtexFormat
from pylatexenc.latexencode import RULE_DICT, RULE_REGEX, UnicodeToLatexConversionRule, UnicodeToLatexEncoder

from generator.core.addresses import Addresses
from generator.core.dates import When
from generator.core.models import Article, Person, Quote, Record, Update
from generator.site.storyline import day_text

CITED_KINDS = ("article", "quote", "update")
FILES = {"bibtex": "cite.bib", "ris": "cite.ris", "csl": "cite.json"}  # beside the record's page

# Only what TeX reads as markup is escaped; every other character stays as written (UTF-8, as
# biblatex and bibtexparser read it), so names in any script keep their letters.
# (a brace as \textbraceleft{}, not \{: BibTeX counts every brace, escaped or not, so a lone \{ would
# leave the entry unbalanced)
_TEX_SPECIALS = {ord("\\"): r"\textbackslash{}", ord("{"): r"\textbraceleft{}", ord("}"): r"\textbraceright{}",
                 ord("$"): r"\$",
                 ord("&"): r"\&", ord("%"): r"\%", ord("#"): r"\#", ord("_"): r"\_",
                 ord("~"): r"\textasciitilde{}", ord("^"): r"\textasciicircum{}"}
# and TeX's ligatures are broken, so that what was typed stays as typed: -- (a dash), `` and '' (curly
# quotes), !` and ?` (inverted marks)
_LIGATURES = [(re.compile(r"-(?=-)|`(?=`)|'(?=')|[!?](?=`)"), r"\g<0>{}")]
_ENCODER = UnicodeToLatexEncoder(conversion_rules=[UnicodeToLatexConversionRule(RULE_REGEX, _LIGATURES),
                                                   UnicodeToLatexConversionRule(RULE_DICT, _TEX_SPECIALS)],
                                 unknown_char_policy="keep", unknown_char_warning=False,
                                 replacement_latex_protection="none")
# what the encoder replaces (a special, or the start of a ligature); text with none of it comes out
# of unicode_to_latex as its NFC form, so _tex returns that without walking it character by character
_TEX_MARKUP = re.compile("[" + re.escape("".join(map(chr, _TEX_SPECIALS))) + "]|" + _LIGATURES[0][0].pattern)
# each entry's library is made for one write: bibtexparser's in-place stack skips its deep copy
_UNPARSE_STACK = default_unparse_stack(allow_inplace_modification=True)
_BIBTEX_FORMAT = BibtexFormat()
_BIBTEX_FORMAT.indent = "  "  # spaces: a Markdown builder turns the tabs of a page's text box into spaces
_LINE_BREAKS = re.compile(r"\s*[\n\r\u2028\u2029\u0085]\s*")


@dataclass(frozen=True)
class Name:
    literal: str = ""  # a whole name (an organization, or a person with no family name stated)
    family: str = ""
    given: str = ""

    @property
    def inverted(self) -> str:
        return f"{self.family}, {self.given}" if self.family else self.literal


@dataclass(frozen=True)
class Citation:
    """One record's bibliographic facts, and those facts in each format."""

    id: str
    kind: str  # CSL's type
    title: str
    authors: tuple[Name, ...] = ()
    container: str | None = None  # the outlet
    issued: When | None = None
    url: str | None = None
    archive: str | None = None  # this archive's name
    language: str | None = None

    @cached_property
    def csl(self) -> dict:
        item: dict = {"id": self.id, "type": self.kind, "title": self.title}
        if self.authors:
            item["author"] = [{"literal": n.literal} if n.literal else {"family": n.family, "given": n.given}
                              for n in self.authors]
        if self.container:
            item["container-title"] = self.container
        if self.issued is not None:
            day = self.issued.day
            item["issued"] = {"date-parts": [[day.year, day.month, day.day]]}
        if self.url:
            item["URL"] = self.url
        if self.archive:
            item["archive"] = self.archive
        if self.language:
            item["language"] = self.language
        return item

    @property
    def line(self) -> str:
        """The citation as a reader copies it from the page, each part only when the record states it:
        `Mark Esper, “There’s been no decision …”, The Daily Caller, 6 January 2020. The Coalition Letter
        Archive, https://…/quotes/…/` (the title exactly as written, on one line)."""
        names = ", ".join(n.literal or f"{n.given} {n.family}".strip() for n in self.authors)
        what = [names, f"“{self.title}”", self.container or "", day_text(self.issued.day) if self.issued else ""]
        where = [self.archive or "", self.url or ""]
        text = ", ".join(p for p in what if p) + ". " + ", ".join(p for p in where if p)
        return _one_line(text.rstrip(". ") + ("" if self.url else "."))

    @property
    def csl_json(self) -> str:
        return json.dumps([self.csl], ensure_ascii=False, separators=(",", ":")) + "\n"  # machine-read: no indentation

    @property
    def bibtex(self) -> str:
        fields = [("title", self.title)]
        if self.authors:
            # a whole name in braces is one name to BibTeX (never split at "and" or a comma)
            fields.append(("author", " and ".join(n.inverted if n.family else "{" + n.literal + "}"
                                                  for n in self.authors)))
        if self.container:
            fields.append(("journal", self.container))
        if self.issued is not None:
            day = self.issued.day
            fields += [("date", day.isoformat()), ("year", str(day.year)), ("month", str(day.month))]
        if self.url:
            fields.append(("url", self.url))
        if self.language:
            fields.append(("langid", self.language))
        entry = Entry("article" if self.container else "misc", self.id,
                      [Field(key, _one_line(value)) for key, value in fields])
        for field in entry.fields:
            if field.key not in ("author", "url"):
                field.value = _tex(field.value)
            elif field.key == "author":  # the braces around a whole name are BibTeX's, not text
                field.value = _tex_names(self.authors)
        library = bibtexparser.Library([entry])
        return bibtexparser.write_string(library, unparse_stack=_UNPARSE_STACK, bibtex_format=_BIBTEX_FORMAT)

    @property
    def ris(self) -> str:
        entry: dict = {"type_of_reference": "NEWS" if self.container else "GEN", "id": self.id,
                       "title": _one_line(self.title)}
        if self.authors:
            entry["authors"] = [_one_line(n.inverted) for n in self.authors]
        if self.container:
            entry["secondary_title"] = _one_line(self.container)
        if self.issued is not None:
            day = self.issued.day
            entry["year"] = str(day.year)
            entry["date"] = f"{day.year:04d}/{day.month:02d}/{day.day:02d}/"
        if self.url:
            entry["urls"] = [self.url]
        if self.archive:
            entry["name_of_database"] = _one_line(self.archive)
        if self.language:
            entry["language"] = self.language
        return rispy.dumps([entry], implementation=_RisRecord)


class _RisRecord(rispy.RisWriter):
    """One RIS record, starting at its TY line (rispy numbers each record of a file by default)."""

    def set_header(self, count: int) -> str:
        return ""


def _tex_names(names: tuple[Name, ...]) -> str:
    def part(text: str) -> str:
        tex = _tex(_one_line(text))
        # a comma or a word "and" would split the name, and name splitters stumble on escapes ("\\$"):
        # braces keep such a part whole
        return "{" + tex + "}" if _SPLITS_NAMES.search(tex) else tex

    def one(name: Name) -> str:
        if name.family:
            return f"{part(name.family)}, {part(name.given)}"
        return "{" + _tex(_one_line(name.literal)) + "}"  # one name, never split

    return " and ".join(one(n) for n in names)


@lru_cache(maxsize=4096)  # outlets, names and the archive's title recur in thousands of entries
def _tex(text: str) -> str:
    """`text` in BibTeX, as the encoder (pylatexenc) writes it."""
    text = unicodedata.normalize("NFC", text)  # as unicode_to_latex does first
    return _ENCODER.unicode_to_latex(text) if _TEX_MARKUP.search(text) else text


_SPLITS_NAMES = re.compile(r",|\\|\band\b", re.IGNORECASE)


def _one_line(text: str) -> str:
    return _LINE_BREAKS.sub(" ", text)


def name_of(record: Record | None) -> Name | None:
    """A person's or an organization's name for a citation: split only where sort_name says how."""
    if record is None:
        return None
    if isinstance(record, Person) and record.sort_name and ", " in record.sort_name:
        family, given = record.sort_name.split(", ", 1)
        return Name(family=family, given=given)
    return Name(literal=record.title)


def citation(site, record: Record, base: str = "") -> Citation | None:
    """The citation of an article, a quote or an update (None for other kinds). `base`: the site's
    absolute address; without one the citation has no URL (a path is no permanent address)."""
    if record.kind not in CITED_KINDS:
        return None
    outlet = site.outlet(record)
    url = Addresses(base).of(record) if base.startswith(("http://", "https://")) else None
    common = {"id": record.id, "container": outlet.title if outlet else None, "url": url,
              "archive": site.settings.title}
    if isinstance(record, Article):
        authors = tuple(n for n in (name_of(site.get(a)) for a in record.authors) if n)
        return Citation(kind="article-newspaper", title=record.headline, authors=authors, issued=record.published_at,
                        language=record.language, **common)
    if isinstance(record, Quote):
        speaker = name_of(site.get(record.speaker))
        return Citation(kind="article-newspaper" if outlet else "speech", title=record.text,
                        authors=(speaker,) if speaker else (), issued=record.said, **common)
    assert isinstance(record, Update)
    return Citation(kind="article-newspaper", title=site.title(record), issued=record.at, **common)


__all__ = ["CITED_KINDS", "FILES", "Citation", "Name", "citation", "name_of"]
