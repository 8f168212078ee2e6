"""The field types records are made of, with the checks each value passes on its own.

One line of text (`Text`), a title (`Title`, at most TITLE_MAX characters), text over lines
(`Lines`), Markdown (`Markdown`), ids and references to other records (`Id`, `PersonId`, `EventId`…),
web addresses as a browser reads them (`Url`), BCP 47 languages (`Language`), Wikidata ids,
days, moments and instants (`Day`, `Moment`, `Instant`) and archived copies' addresses.
Field metadata says what a field means to the rest of the generator: `Ref(...)` marks an id
that must name a record of those kinds, `MARKDOWN` marks text rendered as Markdown (and
scanned for [[id]] links). models.py makes the records of these.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Annotated, Any
from urllib.parse import quote, urlsplit

import ada_url
from pydantic import (
    AfterValidator,
    Field,
    PlainValidator,
    StringConstraints,
    ValidationInfo,
    WithJsonSchema,
)
from pydantic_core import PydanticCustomError

from generator.core import archived as copies
from generator.core.dates import DateError, When, parse_instant, parse_when
from generator.core.kinds import ALL_KINDS
from generator.core.sources import ID_MAX, ID_PATTERN


@dataclass(frozen=True)
class Ref:
    """Marks a field whose value is the id of a record of one of `kinds`."""

    kinds: tuple[str, ...]


class _Markdown:
    """Marks a Markdown text field."""


MARKDOWN = _Markdown()

def one_line_problem(value: str) -> str | None:
    """Why `value` is not one line of text (a line break, a control character), or None."""
    for char in value:
        if char in "\r\n\u2028\u2029\u0085":
            return "a line break is not allowed here: write it on one line"
        if unicodedata.category(char) == "Cc":
            return f"the character U+{ord(char):04X} is a control character, not allowed in text"
    return None


def _one_line(value: str) -> str:
    """A name, title, label or tag: one line of text, no control characters (they would break the
    calendar, feed and terminal lines every such value reaches)."""
    problem = one_line_problem(value)
    if problem:
        raise PydanticCustomError("one_line", problem)
    return value


def _no_controls(value: str) -> str:
    """A text that may span lines (Markdown, a quotation): line breaks and tabs, no other control character."""
    for char in value:
        if unicodedata.category(char) == "Cc" and char not in "\n\t":
            shown = "a carriage return (\\r)" if char == "\r" else f"the character U+{ord(char):04X}"
            raise PydanticCustomError("control", "{char} is a control character, not allowed in text",
                                      {"char": shown})
    return value


TITLE_MAX = 300  # characters; README "Sizes": a page is at most its links times a title


def _short(value: str) -> str:
    """A title is printed by every link to its record: a long one would make a page that links it a
    thousand times a thousand times larger."""
    if len(value) > TITLE_MAX:
        raise PydanticCustomError("title_length", "{length} characters; a title has at most {most} (it is printed "
                                  "wherever the record is linked): shorten it and put the rest in the record's text",
                                  {"length": f"{len(value):,}", "most": TITLE_MAX})
    return value


Text = Annotated[str, StringConstraints(min_length=1), AfterValidator(_one_line)]
Title = Annotated[Text, AfterValidator(_short)]  # a record's name, headline, title or label
Lines = Annotated[str, StringConstraints(min_length=1), AfterValidator(_no_controls)]
Id = Annotated[str, StringConstraints(pattern=ID_PATTERN, max_length=ID_MAX)]
Markdown = Annotated[str, MARKDOWN, AfterValidator(_no_controls),
                     Field(description="Markdown; [[id]] or [[id|label]] links to a record")]


# References, one type per set of kinds a field may name. Each is written out (not made by a
# function) so that a type checker reads it as a type; Ref says the kinds, the description is
# what the JSON Schemas tell editors.
ArticleId = Annotated[Id, Ref(("article",)), Field(description="id of article")]
EventId = Annotated[Id, Ref(("event",)), Field(description="id of event")]
OrganizationId = Annotated[Id, Ref(("organization",)), Field(description="id of organization")]
PersonId = Annotated[Id, Ref(("person",)), Field(description="id of person")]
QuoteId = Annotated[Id, Ref(("quote",)), Field(description="id of quote")]
ArticleOrUpdateId = Annotated[Id, Ref(("article", "update")), Field(description="id of article or update")]
PersonOrOrganizationId = Annotated[Id, Ref(("person", "organization")),
                                   Field(description="id of person or organization")]
AnyRecordId = Annotated[Id, Ref(ALL_KINDS), Field(description="id of any record")]


_FULL_URL = "use a full http(s) URL such as 'https://example.org/page'"
_NOT_IN_URLS = "'\"<>`"  # besides whitespace and control characters: they could end a link early
_WHITESPACE_NAMES = {" ": "a space", "\t": "a tab", "\n": "a line break", "\r": "a line break"}


def _http_url(value: str) -> str:
    """A web address, kept exactly as written: http(s), a host, nothing that could break out of a link."""
    problem = url_problem(value)
    if problem:
        shown = value if value.isprintable() else value.encode("unicode_escape").decode("ascii")
        raise PydanticCustomError("url", "'{value}' is not a web address: {problem}",
                                  {"value": shown, "problem": problem})
    return value


def url_problem(value: str) -> str | None:
    try:
        parts = urlsplit(value)
    except ValueError as error:  # e.g. an unclosed '[' of an IPv6 host
        return f"it cannot be read ({error}); {_FULL_URL}"
    if parts.scheme not in ("http", "https"):
        return _FULL_URL
    for char in value:
        if char.isspace() or char in _NOT_IN_URLS or not char.isprintable():
            return f"{_char_name(char)} is not allowed in a URL; write it percent-encoded ({quote(char, safe='')})"
    if not parts.hostname:
        return f"it has no host name; {_FULL_URL}"
    try:
        parts.port  # noqa: B018 - urlsplit reads the port only when asked
    except ValueError:
        port = parts.netloc.rpartition("@")[2].rpartition("]")[2].partition(":")[2]
        return f"the port '{port}' is not a number from 0 to 65535"
    return _browser_problem(value, parts.hostname)


def _browser_problem(value: str, host: str) -> str | None:
    """What a browser would read otherwise than written (the WHATWG URL standard, ada-url): the
    host `check` names must be the host a reader goes to."""
    if "\\" in value:
        return ("a browser reads the backslash '\\' as '/' (so the host may not be the one written); "
                "write '/' or, in a path, %5C")
    if "@" in value.split("//", 1)[-1].split("/", 1)[0]:
        return (f"it names a user before its host ('…@{host}'), which only serves to make a link look like "
                f"another site's; write the address without it")
    try:
        url = ada_url.URL(value)
    except ValueError:
        return f"a browser cannot read it as a web address; {_FULL_URL}"
    if url.hostname != _ascii_host(host):
        return (f"a browser would go to the host '{url.hostname}', not '{host}'; write the address as the "
                f"browser reads it: '{url.href}'")
    return None


def _ascii_host(host: str) -> str | None:
    """A host as DNS knows it (IDNA, via the WHATWG rules), or None if it is not one."""
    try:
        return ada_url.URL(f"https://{host}/").hostname if not host.startswith("[") and ":" not in host \
            else ada_url.URL(f"https://[{host}]/").hostname
    except ValueError:
        return None


def _char_name(char: str) -> str:
    if char in _WHITESPACE_NAMES:
        return _WHITESPACE_NAMES[char]
    if char.isspace() or not char.isprintable():
        return f"the character U+{ord(char):04X}"
    return f"the character {char!r}"


# A BCP 47 tag as the site writes it: language, optional script, region, variants. A record's
# language names a folder of the search index, so nothing else may pass (no '/', '.', spaces),
# and each tag has one spelling (en-US, never en-us) so two spellings never share a folder.
_LANGUAGE_RE = re.compile(r"(?P<language>[a-z]{2,3})(?:-(?P<script>[A-Za-z]{4}))?(?:-(?P<region>[A-Za-z]{2}|\d{3}))?"
                          r"(?P<variants>(?:-(?:[A-Za-z\d]{5,8}|\d[A-Za-z\d]{3}))*)", re.IGNORECASE)


def canonical_language(value: str) -> str | None:
    """'PT-br' → 'pt-BR' (BCP 47's case conventions); None when it is not such a tag."""
    match = _LANGUAGE_RE.fullmatch(value)
    if not match:
        return None
    parts = [match["language"].lower()]
    if match["script"]:
        parts.append(match["script"].title())
    if match["region"]:
        parts.append(match["region"].upper())
    parts += [variant.lower() for variant in match["variants"].split("-") if variant]
    return "-".join(parts)


def _language(value: str) -> str:
    canonical = canonical_language(value)
    if canonical is None:
        shown = value if value.isprintable() else value.encode("unicode_escape").decode("ascii")
        raise PydanticCustomError("language", "'{value}' is not a BCP 47 language tag such as 'en', 'hu', "
                                  "'pt-BR' or 'zh-Hant-TW'", {"value": shown})
    if canonical != value:
        raise PydanticCustomError("language", "write '{value}' as '{canonical}' (BCP 47's spelling: language "
                                  "in lowercase, Script in title case, REGION in capitals)",
                                  {"value": value, "canonical": canonical})
    return value


Language = Annotated[str, AfterValidator(_language),
                     WithJsonSchema({"type": "string", "pattern": "^[a-z]{2,3}(-[A-Za-z0-9]{1,8})*$",
                                     "description": "BCP 47 language tag, e.g. en, hu, pt-BR"})]

_WIKIDATA_RE = re.compile(r"Q[1-9][0-9]*")


def _wikidata(value: str) -> str:
    if not _WIKIDATA_RE.fullmatch(value):
        shown = value if value.isprintable() else value.encode("unicode_escape").decode("ascii")
        raise PydanticCustomError("wikidata", "'{value}' is not a Wikidata item id: write Q and its number, "
                                  "e.g. 'Q42' (from the address https://www.wikidata.org/wiki/Q42)",
                                  {"value": shown})
    return value


WikidataId = Annotated[str, AfterValidator(_wikidata),
                       WithJsonSchema({"type": "string", "pattern": "^Q[1-9][0-9]*$",
                                       "description": "optional: the Wikidata item id, e.g. Q42 "
                                                      "(https://www.wikidata.org/wiki/Q42)"})]
WIKIDATA_ITEM = "https://www.wikidata.org/wiki/"  # + the id: the item's page (schema.org sameAs)

Url = Annotated[str, AfterValidator(_http_url),
                WithJsonSchema({"type": "string", "format": "uri", "pattern": "^https?://"})]

_WHEN_SCHEMA = {"type": "string",
                "pattern": r"^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$",
                "description": "a day (2020-01-06) or a datetime with its UTC offset (2020-01-06T16:09:00-05:00)"}


def _when_validator(day_allowed: bool):
    def validate(value: Any, info: ValidationInfo) -> When:
        if isinstance(value, When):
            return value
        if not isinstance(value, str):
            raise PydanticCustomError("date_type", "expected {what}, got {got}",
                                      {"what": "a date" if day_allowed else "a datetime", "got": describe(value)})
        zone = (info.context or {}).get("timezone")
        try:
            return parse_when(value, zone, day_allowed)
        except DateError as error:
            raise PydanticCustomError("date", str(error)) from None

    return validate


Day = Annotated[When, PlainValidator(_when_validator(True)), WithJsonSchema(_WHEN_SCHEMA)]
Moment = Annotated[When, PlainValidator(_when_validator(False)),
                   WithJsonSchema({**_WHEN_SCHEMA, "description": "a datetime with its UTC offset, "
                                                                  "e.g. 2020-01-06T16:09:00-05:00"})]


def _instant(value: Any) -> When:
    """An instant with its UTC offset written (never read in the site's zone)."""
    if isinstance(value, When):
        return value
    if not isinstance(value, str):
        raise PydanticCustomError("date_type", "expected a datetime with its UTC offset, got {got}",
                                  {"got": describe(value)})
    try:
        return parse_instant(value, "this field")
    except DateError as error:
        raise PydanticCustomError("date", str(error)) from None


Instant = Annotated[When, PlainValidator(_instant), WithJsonSchema({
    "type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$",
    "description": "a datetime with its UTC offset, e.g. 2020-01-07T09:00:00+00:00"})]


def _archived_url(value: str) -> str:
    problem = copies.copy_problem(value)
    if problem:
        raise PydanticCustomError("url", "'{value}': {problem}", {"value": value, "problem": problem})
    return value


ArchivedUrl = Annotated[str, AfterValidator(_http_url), AfterValidator(_archived_url),
                        WithJsonSchema({"type": "string", "format": "uri", "pattern": copies.PATTERN})]


def describe(value: Any) -> str:
    """How a wrong value is named in a message."""
    if value is None:
        return "nothing (an empty value)"
    if isinstance(value, bool):
        return f"true/false ({str(value).lower()})"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        return f"the text '{value[:60]}'"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__
