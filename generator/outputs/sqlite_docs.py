"""What each table, view and column of the SQLite download holds, in words: Datasette shows these
(data/metadata.json) and the datapackage describes the download with them."""

from __future__ import annotations

from generator.core.kinds import KIND
from generator.core.models import MODELS, FieldInfo
from generator.outputs.sqlite_download import VIEWS, join_columns, join_table, kind_columns, list_fields

AS_WRITTEN = "as the editors wrote it"
# a field's meaning wherever it appears; (kind, field) where it means something else in that kind
FIELDS = {
    "id": "the record's id (its file name, and the last part of its page's address)",
    "page_url": "the address of the record's page in the archive",
    "tags": "free-text tags, as a JSON list (one row each in record_tags)",
    "status": "always 'published': drafts are not in the download",
    "previous_ids": "ids the record had before a rename, as a JSON list (one row each in renames)",
    "text_format": "'plain': the Markdown fields hold text exactly as printed; 'markdown' otherwise",
    "name": "the name, as written", "other_names": "other spellings and forms of the name (JSON list)",
    "sort_name": "how the name files in people A–Z (family name first), when it is not the last word",
    "summary": "the archive's summary (Markdown, [[id]] links to records)",
    "same_as": "addresses of the same entity elsewhere (JSON list), e.g. Wikidata",
    "roles": "roles held, as a JSON list (one row each in people_roles)",
    "url": "the address of its own site, or of the article on the outlet's site",
    "title": "the title, as written", "date": "the day it happened (ISO 8601)",
    "start": "the first day (ISO 8601), when it spans several",
    "end": "the last day (ISO 8601), when the records give one",
    "location": "where it happened, as written", "part_of": "the event it is part of (id)",
    "related": "related events and how, as a JSON list (one row each in events_related)",
    "people": "people it names (JSON list of ids; one row each in the join table)",
    "organizations": "organizations it names (JSON list of ids; one row each in the join table)",
    "events": "events it is about (JSON list of ids; one row each in the join table)",
    "headline": "the headline as printed", "outlet": "the organization that published it (id)",
    "published": "when it was published, as written: a day, or a date-time (see time_zone)",
    "section": "the section it appeared in, as printed", "byline": "the byline as printed",
    "authors": "its authors (JSON list of person ids)", "body": "the text of the article (Markdown)",
    "images": "its images' captions and credits, as a JSON list (one row each in articles_images)",
    "language": "the language of the article (BCP 47 tag)",
    "time_as_printed": "the time exactly as the source printed it",
    "time_zone": "'stated': the source gave the zone; 'unstated': it gave none (the time only orders records); "
                 "'assumed': the editors assumed the zone written",
    "speaker": "who said it: a person or an organization (id; see records)",
    "said": "when it was said, as written; empty when the sources do not say",
    "context": "where and how it was said, and what the sources leave open (Markdown)",
    "via": "the person or organization that relayed it (id; see records)",
    "same_remarks_as": "another excerpt of the same remarks (quote id)",
    "at": "when, as written: a day, or a date-time (see time_zone)", "label": "its label as printed, e.g. 'Update #1'",
    "quotes": "quotes it carries (JSON list of ids; one row each in updates_quotes)",
    "target": "the record it corrects or disputes (id; see records)",
    "by": "the person or organization that issued or raised it (id; see records)",
    "source": "the address where its words were published", "issuer": "'outlet', 'archive' or 'third-party'",
    "reported_in": "articles and updates that reported a third party's words (JSON list of ids)",
    "previous": "for an archive's correction of a printed field: the field's published value, as a JSON object",
}
BY_KIND = {
    ("quote", "text"): "the words exactly as the outlet printed them",
    ("quote", "article"): "the article that reported it (id)",
    ("quote", "same_as"): "the same statement as printed elsewhere (quote id)",
    ("update", "text"): "the text of the update (Markdown)", ("update", "article"): "the article it updates (id)",
    ("correction", "text"): "what was wrong and what is right (Markdown)",
    ("correction", "kind"): "'correction', 'clarification', 'retraction' or 'dispute'",
    ("organization", "kind"): "'outlet', 'news-agency', 'government', 'military', 'legislature', 'armed-group' "
                              "or 'other'",
    ("person", "name"): "the person's name", ("organization", "name"): "the organization's name",
}
JOINED = {"position": "the entry's place in the list, from 0, in the order written",
          "key": "the field's name", "value": "the entry, as written"}
NESTED = {"title": "the role's title", "organization": "the organization (id)", "start": "the first day (ISO 8601)",
          "end": "the last day (ISO 8601)", "event": "the related event (id)",
          "relation": "'precedes', 'follows', 'causes', 'caused-by' or 'related'", "caption": "the caption as printed",
          "credit": "the credit as printed", "photographer": "the person who took it (id)"}

TABLES = {
    "records": ("Every published record: id, kind, title, the address of its page and of its JSON. Every reference "
                "in the other tables is an id of this table."),
    "record_tags": "One row per tag of a record, in the order written.",
    "record_references": "Who names whom: one row per record named in a field or linked ([[id]]) in a text.",
    "renames": "Ids that records had before a rename, and where their old pages redirect.",
}
COLUMNS = {
    "records": {"id": FIELDS["id"], "kind": "article, quote, update, correction, event, person or organization",
                "title": "the title its page shows", "url": "the address of its page",
                "json_url": "the address of its JSON (fields, references, history)"},
    "record_tags": {"record_id": "the record (id)", "position": JOINED["position"], "tag": "the tag, as written"},
    "record_references": {"source_id": "the record that names (id)", "source_kind": "its kind",
                          "field": "the field it names the other in (dotted when nested: roles.0.organization)",
                          "target_id": "the record named (id)", "target_kind": "its kind",
                          "in_text": "1 when the name is a [[link]] inside a text, 0 when it is a field"},
    "renames": {"old_id": "the id before the rename", "id": "the record's id now", "kind": "its kind",
                "old_url": "the old page's address (it redirects)", "url": "the page's address now"},
}
VIEW_DOCS = {
    "quotes_with_speaker_and_outlet": ("Every quote with its speaker and each place that printed it: the article "
                                       "that reported it, and each update that carries it (printed_in 'update'), "
                                       "with the outlet. A quote printed nowhere has one row with no outlet."),
    "corrections_with_targets": ("Every correction, clarification, retraction and dispute with what it corrects "
                                 "(its kind and title) and, for printed matter, the article and outlet."),
    "references_with_titles": "record_references with the titles and addresses of both records.",
}


def field_doc(kind: str, info: FieldInfo) -> str:
    model_field = MODELS[kind].model_fields[info.attr]
    return (BY_KIND.get((kind, info.name)) or FIELDS.get(info.name) or model_field.description
            or f"the record's {info.name}, {AS_WRITTEN}")


def tables() -> dict[str, dict]:
    """Every table's description and its columns' descriptions, for Datasette's metadata."""
    out = {name: {"description": text, "columns": COLUMNS[name]} for name, text in TABLES.items()}
    for kind in KIND:
        folder = KIND[kind].folder
        out[folder] = {"description": f"Every published {kind}, a column per field {AS_WRITTEN} (lists as JSON "
                                      f"text; join tables {folder}_<field> hold their entries).",
                       "columns": {c.name: field_doc(kind, c.field) if c.field else FIELDS[c.name]
                                   for c in kind_columns(kind)}}
        for info in list_fields(kind):
            columns = {}
            for column in join_columns(kind, info):
                if column.name == f"{kind}_id":
                    columns[column.name] = f"the {kind} (id)"
                elif column.field is not None and info.nested is not None:
                    columns[column.name] = (NESTED.get(column.name)
                                            or info.nested.model_fields[column.field.attr].description
                                            or f"the entry's {column.name}, {AS_WRITTEN}")
                else:
                    named = " or ".join(column.field.ref.kinds) if column.field and column.field.ref else "a record"
                    columns[column.name] = JOINED.get(column.name) or f"the entry: the id of {named}"
            out[join_table(kind, info)] = {"description": f"One row per entry of a {kind}'s {info.name}: "
                                                          f"{field_doc(kind, info)}.", "columns": columns}
    for name in VIEWS:
        out[name] = {"description": VIEW_DOCS[name]}
    return out


__all__ = ["tables"]
