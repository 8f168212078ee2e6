"""Outputs: what a build publishes besides the page bodies, each from the records.

    publication  absolute URLs and records' times shared by every data output
    page_head    what a page's <head> says (JSON-LD, feeds, Open Graph)
    jsonld, feeds, calendars, opendata   linked data, Atom, iCalendar, JSON/JSON Lines/SQLite
    downloads                            the whole-archive downloads gzipped, and read back
    search, search_index                 Pagefind documents and sharded indexes
    urls_kept                            urls.txt and redirects: URLs that never break
"""
