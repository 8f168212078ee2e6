"""The kinds of record, stated once: every module, template and test reads them from here.

Adding a kind of record is an edit here (its row) and in models.py (its fields), plus a
template, site_config/templates/<kind>.html.j2, for its page.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Kind:
    name: str  # as records and code say it: "article"
    folder: str  # content/<folder>/<id>.yaml, and the first segment of its pages' URLs
    label: str  # a badge, a feed category, a search filter: "Article"
    plural: str  # a heading over several: "Articles"
    with_article: str  # in a sentence: "an article"
    own_time: bool  # it happened at a time of its own: a timeline entry, a feed entry
    story_rank: int  # at the same moment a story reads in this order (never alphabetically)
    schema_type: str  # schema.org type of the record (jsonld.py refines articles and organizations)
    og_type: str  # Open Graph type of its page
    section: str  # the index page its pages sit under (breadcrumbs): a uri of site/index_pages.py
    printed: tuple[str, ...] = ()  # fields that hold what a source printed, not the archive's own words
    # the fields whose text describes its page (meta description, a feed entry's summary): the first it has
    described_by: tuple[str, ...] = ()


KINDS: tuple[Kind, ...] = (
    Kind("article", "articles", "Article", "Articles", "an article", True, 1, "NewsArticle", "article", "archive.md",
         ("headline", "byline", "outlet", "published", "time_as_printed"), described_by=("summary", "body")),
    Kind("quote", "quotes", "Quote", "Quotes", "a quote", True, 2, "Quotation", "article", "archive.md",
         ("text", "speaker", "said", "time_as_printed"), described_by=("text",)),
    Kind("update", "updates", "Update", "Updates", "an update", True, 3, "BlogPosting", "article", "archive.md",
         ("text", "label", "at", "time_as_printed"), described_by=("text",)),
    Kind("correction", "corrections", "Correction", "Corrections", "a correction", True, 4, "CorrectionComment",
         "article", "corrections.md", ("text", "target", "issuer"), described_by=("text",)),
    Kind("event", "events", "Event", "Events", "an event", True, 0, "Event", "website", "events.md",
         described_by=("summary",)),
    Kind("person", "people", "Person", "People", "a person", False, 5, "Person", "profile", "people.md",
         described_by=("summary",)),
    Kind("organization", "organizations", "Organization", "Organizations", "an organization", False, 6,
         "Organization", "website", "organizations.md", described_by=("summary",)),
)
KIND = {kind.name: kind for kind in KINDS}
ALL_KINDS = tuple(KIND)  # the names, in the order above
FOLDERS = {kind.folder: kind.name for kind in KINDS}  # content/<folder>/ → kind
FOLDER_OF = {kind.name: kind.folder for kind in KINDS}
OWN_TIME = tuple(kind.name for kind in KINDS if kind.own_time)
CREATIVE_WORKS = tuple(kind.name for kind in KINDS if kind.og_type == "article")  # what outlets print
