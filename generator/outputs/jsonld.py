"""Linked data (schema.org JSON-LD) for every page: one connected graph with stable @ids.

Each record is one node whose @id is its page's absolute address with its kind
as the fragment (`https://…/people/mark-esper/#person`), so the graphs of all
pages join into one graph of the archive. A page's graph holds the web page, the
page's record in full, its updates and corrections in full, and a small node
(type, name, url) for every other record it names. Each fact is said once: the
archive (an Organization with its corrections policy) and the web site are
described on the home page and named by their @id on every other page, and a
record's page names and describes its record, not the web page as well.

    article     NewsArticle (+ LiveBlogPosting with liveBlogUpdate when it has updates)
    quote       Quotation: creator/spokenByCharacter, isBasedOn the reporting article; each of its
                ratings a ClaimReview (reviewRating, itemReviewed → a Claim whose appearance is the quote)
    update      BlogPosting, isPartOf its article
    correction  CorrectionComment: about its target, with its date and text
    event       Event: startDate/endDate, location, superEvent/subEvent
    person      Person: alternateName, sameAs (its same_as addresses and its Wikidata item)
    organization NewsMediaOrganization (outlets, news agencies) or Organization

Every node's `url` is its page in this archive; addresses elsewhere (Wikipedia,
the outlet's own copy of an article, an organization's site) are `sameAs`.
Record text is data here, never HTML: `script_json` escapes <, > and & so no
text can end the <script> element it is printed in.
"""

from __future__ import annotations

import json
from typing import Any

from markupsafe import Markup

from generator.core.addresses import page_url
from generator.core.fields import WIKIDATA_ITEM
from generator.core.issuers import in_own_words
from generator.core.kinds import CREATIVE_WORKS, KIND
from generator.core.licences import Licence, licence_url
from generator.core.models import Article, Correction, Event, Organization, Person, Quote, Rating, Record, Update
from generator.core.richtext import plain_text
from generator.outputs import downloads
from generator.outputs.dataset_files import date_modified, licence_words, temporal_coverage
from generator.outputs.publication import Published
from generator.render.pages import Page

CONTEXT = "https://schema.org"
NEWS_MEDIA = ("outlet", "news-agency")
DATA_PAGE = "about-data.md"

Node = dict[str, Any]


def script_json(data: Any) -> Markup:
    """JSON safe inside <script type="application/ld+json">: <, > and & as \\u escapes."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(text)


def page_graph(pub: Published, page: Page | None, record: Record | None, url: str = "",
               title: str | None = None) -> dict:
    """The JSON-LD document of one page: a record's page, an index page, or (page None) another page
    of the site (its URL and, when known, its title)."""
    graph = _Graph(pub)
    page_address = pub.url(page.url if page else url)
    # each fact once: the archive and the web site are described on the home page, named by @id elsewhere
    nodes: list[Node] = [archive_node(pub), website_node(pub)] if page_address == pub.url("") else []
    webpage: Node = {"@id": f"{page_address}#webpage", "@type": _page_type(page, record), "url": page_address,
                     "isPartOf": {"@id": pub.url("", "website")}, "publisher": {"@id": pub.archive_id}}
    if title and page is None:
        webpage["name"] = title
    if page is not None and record is None:  # a record's page: its record (mainEntity) has the name and text
        webpage["name"] = page.title
        if page.description:
            webpage["description"] = page.description
    if page is not None:
        # the page changed with the newest thing it shows, or when its record last changed (git history)
        changed = [page.updated] if page.updated else []
        if record is not None and pub.site.history(record):
            changed.append(pub.site.history(record)[-1].day.isoformat())
        if changed:
            webpage["dateModified"] = max(changed)
    webpage["inLanguage"] = pub.site.settings.language
    nodes.append(webpage)
    if record is not None:
        webpage["mainEntity"] = {"@id": pub.node_id(record)}
        nodes += graph.full(record)
    elif page is not None and page.uri == DATA_PAGE:
        dataset = dataset_node(pub, page_address)
        webpage["mainEntity"] = {"@id": dataset["@id"]}
        nodes.append(dataset)
    return {"@context": CONTEXT, "@graph": nodes + graph.stub_nodes()}


def archive_node(pub: Published) -> Node:
    settings = pub.site.settings
    node: Node = {"@id": pub.archive_id, "@type": "Organization", "name": settings.title, "url": pub.url(""),
                  "correctionsPolicy": pub.url(page_url("corrections.md"))}
    if settings.description:
        node["description"] = settings.description
    return node


def website_node(pub: Published) -> Node:
    node = {"@id": pub.url("", "website"), "@type": "WebSite", "name": pub.site.settings.title, "url": pub.url(""),
            "publisher": {"@id": pub.archive_id}}
    licence = licence_value(pub.site.settings.licence)  # of the pages; none stated: no license at all
    return {**node, "license": licence} if licence else node


def licence_value(licence: Licence | None) -> str | Node | None:
    """schema.org `license`: the licence text's address, or, for an expression of several licences
    ('CC-BY-4.0 OR MIT'), a CreativeWork named by the expression, each licence's text a `url`."""
    if licence is None:
        return None
    if licence.url:
        return licence.url
    return {"@type": "CreativeWork", "name": licence.expression, "url": [licence_url(i) for i in licence.ids]}


def dataset_node(pub: Published, page_address: str) -> Node:
    """The archive's downloads as a schema.org Dataset (described on the "About the data" page)."""
    settings = pub.site.settings
    description = (f"Every published record of {settings.title} (articles, quotes, updates, corrections, "
                   "events, people and organizations) with its references, as JSON Lines and SQLite. "
                   f"Data licence: {licence_words(settings.data_licence)}.")
    # dates from the records and their git history, never the build's; a licence only when the settings state one
    facts = {"license": licence_value(settings.data_licence), "dateModified": date_modified(pub.site),
             "temporalCoverage": temporal_coverage(pub.site)}
    return {"@id": f"{page_address}#dataset", "@type": "Dataset", "name": f"{settings.title}: the records",
            "description": description, "url": page_address, "creator": {"@id": pub.archive_id},
            "publisher": {"@id": pub.archive_id}, "isAccessibleForFree": True,
            **{key: value for key, value in facts.items() if value is not None},
            "distribution": [  # gzipped files (downloads.py): the format of what gunzip gives, then gzip's
                {"@type": "DataDownload", "encodingFormat": ["application/jsonl", "application/gzip"],
                 "contentUrl": pub.url(downloads.JSONL)},
                {"@type": "DataDownload", "encodingFormat": ["application/vnd.sqlite3", "application/gzip"],
                 "contentUrl": pub.url(downloads.SQLITE)}]}


def types_of(pub: Published, record: Record) -> str | list[str]:
    if isinstance(record, Article):
        return ["NewsArticle", "LiveBlogPosting"] if _updates(pub, record) else "NewsArticle"
    if isinstance(record, Organization):
        return "NewsMediaOrganization" if record.org_kind in NEWS_MEDIA else "Organization"
    return KIND[record.kind].schema_type


def _page_type(page: Page | None, record: Record | None) -> str:
    if record is not None:
        return "ProfilePage" if isinstance(record, Person) else "WebPage"
    if page is None or page.uri in ("index.md", DATA_PAGE):
        return "WebPage"
    return "SearchResultsPage" if page.uri == "search.md" else "CollectionPage"  # the lists


def _updates(pub: Published, article: Article) -> list[Record]:
    return pub.site.referrers(article, "update", "article")


class _Graph:
    """Builds full nodes and remembers every other record they name, for its small node."""

    def __init__(self, pub: Published):
        self.pub = pub
        self.site = pub.site
        self.named: dict[str, Record] = {}
        self.done: set[str] = set()

    # references -------------------------------------------------------------

    def ref(self, record: Record | None) -> Node | None:
        if record is None:
            return None
        self.named.setdefault(record.id, record)
        return {"@id": self.pub.node_id(record)}

    def refs(self, ids) -> list[Node]:
        return [self.ref(r) for r in self.site.many(dict.fromkeys(ids))]  # type: ignore[misc]  # of a record: a node

    def stub_nodes(self) -> list[Node]:
        return [self.stub(r) for i, r in self.named.items() if i not in self.done]

    def stub(self, record: Record) -> Node:
        return {"@id": self.pub.node_id(record), "@type": types_of(self.pub, record),
                "name": self.site.title(record), "url": self.pub.record_url(record)}

    # full nodes -------------------------------------------------------------

    def full(self, record: Record) -> list[Node]:
        """The record's node, then its updates' and corrections' nodes."""
        node = self.node(record)
        extra: list[Record] = []
        if isinstance(record, Article):
            updates = _updates(self.pub, record)
            if updates:
                if record.when is not None and not record.when.is_day:  # a date-time, never a day
                    node["coverageStartTime"] = self.pub.machine_time(record)
                node["liveBlogUpdate"] = [self.ref(u) for u in updates]
                extra += updates
        corrections = self.site.corrections_of(record)
        if corrections and record.kind in CREATIVE_WORKS:
            node["correction"] = [self.ref(c) for c in corrections]
        extra += corrections
        nodes = [node]
        if isinstance(record, Quote):
            nodes += [self.claim_review(record, n, r) for n, r in enumerate(record.ratings, 1)]
        for other in extra:
            if other.id not in self.done:
                nodes.append(self.node(other))
        return nodes

    def claim_review(self, q: Quote, number: int, r: Rating) -> Node:
        """A rating of a quote as a ClaimReview of the claim the quote makes, saying only what the rating
        states: the rating as printed (alternateName); its place on the scale only when the scale is stated;
        no date unless the rating has one (never the statement's)."""
        if r.scale:
            rating: Node = {"@type": "Rating", "ratingValue": r.scale.index(r.rating) + 1, "worstRating": 1,
                            "bestRating": len(r.scale), "alternateName": r.rating}
        else:
            rating = {"@type": "Rating", "ratingValue": r.rating, "alternateName": r.rating}
        if r.scale_name:
            rating["name"] = r.scale_name
        claim = {"@type": "Claim", "author": self.ref(self.site.get(q.speaker)),
                 "datePublished": self.pub.machine_time(q), "appearance": {"@id": self.pub.node_id(q)}}
        node: Node = {"@id": f"{self.pub.record_url(q)}#rating-{number}", "@type": "ClaimReview",
                      "claimReviewed": q.text, "reviewRating": rating,
                      "itemReviewed": {k: v for k, v in claim.items() if v is not None},
                      "author": self.ref(self.site.get(r.by)), "datePublished": r.rated.iso if r.rated else None,
                      "url": r.source, "reviewBody": r.reasoning}
        return {k: v for k, v in node.items() if v is not None}

    def node(self, record: Record) -> Node:
        self.done.add(record.id)
        node: Node = {"@id": self.pub.node_id(record), "@type": types_of(self.pub, record),
                      "name": self.site.title(record), "url": self.pub.record_url(record)}
        builder = getattr(self, f"_{record.kind}")
        builder(record, node)
        return {k: v for k, v in node.items() if v not in (None, [], "")}

    def _text(self, record: Record, field: str) -> str | None:
        text = getattr(record, field, None)
        if not text:
            return None
        resolve = lambda i: ("#", self.site.title(named) if (named := self.site.get(i)) else i)  # noqa: E731
        return plain_text(text, resolve, record.text_format == "plain")

    def _article(self, a: Article, node: Node) -> None:
        outlet = self.site.get(a.outlet)
        # the author is whoever wrote the text: its authors, never the outlet (the publisher)
        node.update(headline=a.headline, datePublished=self.pub.machine_time(a),
                    dateModified=self.pub.machine_time(self.pub.latest_revision(a)),
                    publisher=self.ref(outlet), author=self.refs(a.authors), creditText=a.byline,
                    articleSection=a.section, inLanguage=a.language, description=self._text(a, "summary"),
                    sameAs=a.url, archivedAt=[copy.url for copy in a.archived], about=self.refs(a.events),
                    mentions=self.refs([*a.people, *a.organizations]))

    def _quote(self, q: Quote, node: Node) -> None:
        speaker = self.site.get(q.speaker)
        node.update(text=q.text, creator=self.ref(speaker),
                    spokenByCharacter=self.ref(speaker) if isinstance(speaker, Person) else None,
                    isBasedOn=self.ref(self.site.get(q.article)), contributor=self.ref(self.site.get(q.via)),
                    dateCreated=self.pub.machine_time(q), about=self.refs(q.events),
                    description=self._text(q, "context"))

    def _update(self, u: Update, node: Node) -> None:
        node.update(headline=self.site.title(u), datePublished=self.pub.machine_time(u),
                    articleBody=self._text(u, "text"),
                    isPartOf=self.ref(self.site.get(u.article)), about=self.refs(u.events),
                    mentions=self.refs([*u.people, *u.quotes]))

    def _correction(self, c: Correction, node: Node) -> None:
        target = self.site.get(c.target)
        # the record's text is the outlet's own notice, or else the archive's words (a third party's
        # dispute is told by the archive: the disputer is who it mentions, not its author)
        author = self.ref(self.site.issuer(c)) if in_own_words(c) else {"@id": self.pub.archive_id}
        node.update(text=self._text(c, "text"), datePublished=self.pub.machine_time(c), genre=c.correction_kind,
                    about=self.ref(target), author=author, sameAs=c.source,
                    archivedAt=[copy.url for copy in c.archived],
                    mentions=self.ref(self.site.get(c.by)) if not in_own_words(c) else None,
                    parentItem=self.ref(target) if target is not None and target.kind in CREATIVE_WORKS else None,
                    citation=self.refs(c.reported_in))

    def _event(self, e: Event, node: Node) -> None:
        start = e.date or e.start
        node.update(startDate=start.iso if start else None, endDate=e.end.iso if e.end else None,
                    location={"@type": "Place", "name": e.location} if e.location else None,
                    superEvent=self.ref(self.site.get(e.part_of)),
                    subEvent=[self.ref(c) for c in self.site.children(e)],
                    about=self.refs([*e.people, *e.organizations]), description=self._text(e, "summary"))

    def _person(self, p: Person, node: Node) -> None:
        node.update(alternateName=p.other_names, sameAs=_same_as(p.same_as, p.wikidata),
                    description=self._text(p, "summary"),
                    jobTitle=list(dict.fromkeys(r.title for r in p.roles)),
                    affiliation=self.refs(r.organization for r in p.roles if r.organization))

    def _organization(self, o: Organization, node: Node) -> None:
        node.update(alternateName=o.other_names, sameAs=_same_as([*([o.url] if o.url else []), *o.same_as],
                                                                 o.wikidata),
                    description=self._text(o, "summary"))


def _same_as(urls: list[str], wikidata: str | None) -> list[str]:
    """The record's addresses elsewhere, its Wikidata item's among them (once)."""
    return list(dict.fromkeys([*urls, *([WIKIDATA_ITEM + wikidata] if wikidata else [])]))


__all__ = ["page_graph", "script_json", "types_of"]
