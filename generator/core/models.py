"""The content model: one pydantic model per kind of record, made of the field types in
fields.py. The JSON Schemas editors see are generated from these classes (schemas.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Annotated, Any, ClassVar, Literal, get_args, get_origin

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    ValidationInfo,
)
from pydantic_core import PydanticCustomError

from generator.core import archived as copies
from generator.core import issuers
from generator.core.dates import When
from generator.core.fields import (
    MARKDOWN,
    AnyRecordId,
    ArchivedUrl,
    ArticleId,
    ArticleOrUpdateId,
    Day,
    EventId,
    Id,
    Instant,
    Language,
    Lines,
    Markdown,
    Moment,
    OrganizationId,
    PersonId,
    PersonOrOrganizationId,
    QuoteId,
    Ref,
    Text,
    Title,
    Url,
    WikidataId,
)
from generator.core.problems import did_you_mean


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, arbitrary_types_allowed=True)


class Record(_Strict):
    """Fields every record has. The id and kind come from the file's place."""

    kind: ClassVar[str]
    tags: list[Text] = Field(default=[], description="free-text tags")
    status: Literal["published", "draft"] = Field(
        default="published", description="drafts are validated but never published")
    previous_ids: list[Id] = Field(default=[], description="ids this record had before a rename; "
                                                           "their URLs redirect here")
    text_format: Literal["markdown", "plain"] = Field(
        default="markdown", description="'plain': this record's Markdown fields hold text as printed "
        "(imported or verbatim texts), shown exactly as written with line breaks kept, never read as Markdown")
    embargo_until: Instant | None = Field(default=None, description=(
        "optional: publish this record nowhere before this instant (a datetime with its UTC offset, e.g. "
        "2026-12-07T09:00:00+00:00); it is checked like any other record meanwhile"))
    _id: str = PrivateAttr(default="")
    _path: str = PrivateAttr(default="")

    @property
    def id(self) -> str:
        # read straight from pydantic's private slot: `self._id` goes through __getattr__, and
        # pages ask a record's id hundreds of thousands of times in a large build (the slot is typed
        # Optional: it is None only for a model without private attributes)
        return self.__pydantic_private__["_id"]  # type: ignore[index]

    @property
    def path(self) -> str:
        return self.__pydantic_private__["_path"]  # type: ignore[index]  # as for id

    @property
    def is_public(self) -> bool:
        return self.status == "published"

    @property
    def title(self) -> str:
        raise NotImplementedError

    @property
    def when(self) -> When | None:
        """The date a timeline sorts this record by, if it has one."""
        return None


class Role(_Strict):
    title: Text
    organization: OrganizationId | None = None
    start: Day | None = None
    end: Day | None = None


class Person(Record):
    kind: ClassVar[str] = "person"
    name: Title
    sort_name: Text | None = Field(default=None, description=(
        "optional: how the name files in people A–Z, family name first, e.g. 'Orbán Viktor' or 'Esper, Mark' "
        "(default: the last word of the name)"))
    summary: Markdown | None = None
    roles: list[Role] = []
    same_as: list[Url] = Field(default=[], description="URLs of the same person elsewhere, e.g. Wikidata")
    other_names: list[Text] = Field(default=[], description="other spellings and forms of the name")
    wikidata: WikidataId | None = None

    @property
    def title(self) -> str:
        return self.name


class Organization(Record):
    kind: ClassVar[str] = "organization"
    name: Title
    # `kind` is taken by the record kind, so the field is stored as org_kind
    org_kind: Literal["outlet", "news-agency", "government", "military", "legislature", "armed-group",
                      "other"] | None = Field(default=None, alias="kind")
    url: Url | None = None
    summary: Markdown | None = None
    same_as: list[Url] = []
    other_names: list[Text] = []
    wikidata: WikidataId | None = None

    @property
    def title(self) -> str:
        return self.name


class Related(_Strict):
    event: EventId
    relation: Literal["precedes", "follows", "causes", "caused-by", "related"]


class Event(Record):
    kind: ClassVar[str] = "event"
    title_: Title = Field(alias="title")
    date: Day | None = Field(default=None, description="the day it happened (or use start/end)")
    start: Day | None = None
    end: Day | None = None
    location: Text | None = None
    summary: Markdown | None = None
    part_of: EventId | None = None
    related: list[Related] = []
    people: list[PersonId] = []
    organizations: list[OrganizationId] = []

    @property
    def title(self) -> str:
        return self.title_

    @property
    def when(self) -> When | None:
        return self.date or self.start


# --- provenance (content model 1.1): times as printed, who issued a correction ---

TimeZoneStatus = Literal["stated", "unstated", "assumed"]
Issuer = Literal[issuers.NAMES]  # type: ignore[valid-type]  # core/issuers.py states them


def _time_as_printed(field: str) -> Any:
    return Field(default=None, description=f"optional: the time of '{field}' exactly as the source printed it, "
                 "e.g. '4:09 P.M.'; pages show it as printed (needs time_zone)")


def _time_zone(field: str) -> Any:
    return Field(default=None, description=(
        f"optional: did the source state the time zone of '{field}'? 'stated': yes, and the offset written "
        f"in '{field}' is the source's; 'unstated': no, pages show time_as_printed with '(time zone not "
        f"stated)' and the offset of '{field}' (or the site's zone when none is written) only orders "
        f"records; 'assumed': no, the editor assumed the zone written in '{field}' and pages label it "
        "as assumed"))


class ArchivedCopy(_Strict):
    url: ArchivedUrl = Field(description="the copy's address: a Wayback Machine capture "
                             "(https://web.archive.org/web/<14-digit UTC time>/<the page>) or an archive.today copy")
    captured: Instant = Field(description="when the copy was captured, with its UTC offset (a Wayback address "
                              "carries it: 20200106210900 is 2020-01-06T21:09:00Z)")

    @property
    def service(self) -> str:
        """The archive that holds it: 'Wayback Machine' or 'archive.today'."""
        return copies.service(self.url) or ""


def _archived(field: str) -> Any:
    return Field(default=[], description=f"optional: archived copies of the page at '{field}' "
                 "(Wayback Machine or archive.today), each {url, captured}; pages link them beside it")


class Image(_Strict):
    caption: Text | None = None
    credit: Text | None = None
    photographer: PersonId | None = Field(default=None, description="optional: the person who took it")


class Article(Record):
    kind: ClassVar[str] = "article"
    headline: Title
    outlet: OrganizationId
    published_at: Day = Field(alias="published")
    url: Url | None = None
    archived: list[ArchivedCopy] = _archived("url")
    section: Text | None = None
    byline: Text | None = Field(default=None, description="optional: the byline as printed")
    authors: list[PersonId] = []
    summary: Markdown | None = None
    body: Markdown | None = None
    events: list[EventId] = []
    people: list[PersonId] = []
    organizations: list[OrganizationId] = []
    images: list[Image] = []
    language: Language = "en"
    time_as_printed: Text | None = _time_as_printed("published")
    time_zone: TimeZoneStatus | None = _time_zone("published")

    @property
    def title(self) -> str:
        return self.headline

    @property
    def when(self) -> When | None:
        return self.published_at


def _in_scale(value: str, info: ValidationInfo) -> str:
    """A rating on a stated scale is one of its ratings, spelled as the scale spells it."""
    scale = info.data.get("scale") or []
    if scale and value not in scale:
        raise PydanticCustomError("rating", "'{value}' is not on the scale given in 'scale' ({scale}){hint}",
                                  {"value": value, "scale": ", ".join(scale),
                                   "hint": did_you_mean(value, scale, cutoff=0.6)})
    return value


def _unique(values: list[str]) -> list[str]:
    repeated = [v for i, v in enumerate(values) if v in values[:i]]
    if repeated:
        raise PydanticCustomError("scale", "'{value}' is on the scale twice; list each rating once, worst first",
                                  {"value": repeated[0]})
    return values


class Rating(_Strict):
    """A verdict on a quote (a fact-checker's rating), as the rater printed it. Its date is optional:
    the rating is never dated by the statement (pages say "date of rating not given")."""

    by: PersonOrOrganizationId = Field(description="who rated it (a person or organization id)")
    # before `rating`, which is checked against it
    scale: Annotated[list[Text], AfterValidator(_unique)] = Field(default=[], description=(
        "optional: every rating of the rater's scale as printed, worst first, e.g. [Pants on Fire, False, "
        "Mostly False, Half True, Mostly True, True]; gives the rating its place on the scale (schema.org "
        "worstRating/bestRating)"))
    scale_name: Text | None = Field(default=None, description="optional: the scale's name, e.g. Truth-O-Meter")
    rating: Annotated[Text, AfterValidator(_in_scale)] = Field(description=(
        "the rating exactly as the rater printed it, e.g. 'Mostly False'"))
    rated: Day | None = Field(default=None, description=(
        "optional: when it was rated, only if the source says; pages otherwise say 'date of rating not given'"))
    source: Url | None = Field(default=None, description="optional: the address of the rating")
    reasoning: Lines | None = Field(default=None, description=(
        "optional: the rater's reasoning (or an excerpt) as printed, plain text"))


class Quote(Record):
    kind: ClassVar[str] = "quote"
    text: Lines  # as printed, which may run over several lines
    speaker: PersonOrOrganizationId
    article: ArticleId | None = None
    said: Day | None = None
    context: Markdown | None = None
    via: PersonOrOrganizationId | None = None
    events: list[EventId] = []
    same_as: QuoteId | None = Field(default=None, description="a quote that is the same statement "
                                                                  "reported elsewhere")
    same_remarks_as: QuoteId | None = Field(default=None, description=(
        "optional: a quote that is another excerpt of the same remarks (same speaker, same occasion, other "
        "words); same_as is for the same words printed differently"))
    not_same_as: list[QuoteId] = Field(default=[], description=(
        "optional: quotes an editor compared with this one and does not link (not the same words nor the same "
        "remarks, or the sources do not say): `generator suggest` no longer proposes the pair; pages show "
        "nothing of it"))
    time_as_printed: Text | None = _time_as_printed("said")
    time_zone: TimeZoneStatus | None = _time_zone("said")
    ratings: list[Rating] = Field(default=[], description=(
        "optional: verdicts on the statement, e.g. a fact-checker's: {by, rating, scale, scale_name, rated, "
        "source, reasoning}"))

    @property
    def title(self) -> str:
        words = self.text if len(self.text) <= 80 else self.text[:77].rsplit(" ", 1)[0] + " …"
        return f"“{words}”"

    @property
    def when(self) -> When | None:
        return self.said


class Update(Record):
    kind: ClassVar[str] = "update"
    article: ArticleId
    at: Moment
    label: Title | None = None
    text: Markdown
    people: list[PersonId] = []
    quotes: list[QuoteId] = []
    events: list[EventId] = []
    time_as_printed: Text | None = _time_as_printed("at")
    time_zone: TimeZoneStatus | None = _time_zone("at")

    @property
    def title(self) -> str:
        return self.label or f"Update of {self.at.display}"

    @property
    def when(self) -> When | None:
        return self.at


class Correction(Record):
    kind: ClassVar[str] = "correction"
    target: AnyRecordId
    at: Day
    correction_kind: Literal["correction", "clarification", "retraction", "dispute"] = Field(
        default="correction", alias="kind")
    text: Markdown
    by: PersonOrOrganizationId | None = None
    source: Url | None = None
    archived: list[ArchivedCopy] = _archived("source")
    issuer: Issuer | None = Field(default=None, description=issuers.description())
    reported_in: list[ArticleOrUpdateId] = Field(default=[], description=(
        "optional, with issuer: third-party: the articles or updates that reported the third party's words"))
    previous: dict[str, str] = Field(default={}, description=(
        "optional, on an archive's correction of a published record: the fields it changes as they were "
        "published, e.g. previous: {text: 'no decision whatsoever to leave'} (check --against compares them "
        "with the published site)"))
    time_as_printed: Text | None = _time_as_printed("at")
    time_zone: TimeZoneStatus | None = _time_zone("at")

    @property
    def title(self) -> str:
        return f"{self.correction_kind.capitalize()} of {self.at.display}"

    @property
    def when(self) -> When | None:
        return self.at


MODELS: dict[str, type[Record]] = {
    m.kind: m for m in (Article, Quote, Update, Correction, Event, Person, Organization)
}


# --- what the rest of the generator needs to know about fields -------------


@dataclass(frozen=True)
class FieldInfo:
    name: str  # as written in YAML
    attr: str  # as read on the model
    ref: Ref | None
    markdown: bool
    many: bool  # a list of values
    nested: type[BaseModel] | None  # items are models with fields of their own


def _unwrap(annotation: Any) -> tuple[Any, bool]:
    """list[X] | None → (X, True); X | None → (X, False)."""
    many = False
    while True:
        origin = get_origin(annotation)
        if origin is list:
            annotation, many = get_args(annotation)[0], True
        elif origin is not None and type(None) in get_args(annotation):
            annotation = next(a for a in get_args(annotation) if a is not type(None))
        else:
            return annotation, many


@cache
def fields_of(model: type[BaseModel]) -> tuple[FieldInfo, ...]:
    infos = []
    for attr, info in model.model_fields.items():
        inner, many = _unwrap(info.annotation)
        metadata = list(info.metadata)
        if get_origin(inner) is Annotated:
            metadata += list(inner.__metadata__)
            inner = get_args(inner)[0]
        refs = [m for m in metadata if isinstance(m, Ref)]
        nested = inner if isinstance(inner, type) and issubclass(inner, BaseModel) else None
        infos.append(FieldInfo(info.alias or attr, attr, refs[0] if refs else None,
                               MARKDOWN in metadata, many, nested))
    return tuple(infos)

