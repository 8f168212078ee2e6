"""Outputs: what a build publishes besides the page bodies, each from the records.

    publication  absolute URLs and records' times shared by every data output
    page_head    what a page's <head> says (JSON-LD, feeds, Open Graph)
    jsonld, feeds, calendars, opendata   linked data, Atom, iCalendar, JSON/JSON Lines/SQLite
    sqlite_download, sqlite_docs         the SQLite download (keys, join tables, FTS5, views) and its words
    dataset_files, record_schemas        licence, coverage, metadata.json, datapackage.json; schemas with $id
    downloads                            the whole-archive downloads gzipped, and read back
    search, search_index                 Pagefind documents and sharded indexes
    pagefind_service                     Pagefind bundles from documents in memory, with their URLs
    urls_kept                            urls.txt and redirects: URLs that never break
    sitemaps                             a sitemap index when the theme's sitemap passes 50,000 URLs
    citation_files                       cite.bib, cite.ris and cite.json beside each cited record's page
"""
