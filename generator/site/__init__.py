"""Site: the questions pages ask of the archive, answered once per build from its indexes.

    questions  `Site`: every quote by a person, an event's timeline, who corrected what …
    storyline  story order, an event's days, notices, correction titles, wordings
    index_pages  the site's index pages, stated once (template, title, nav label, list folder)
    search_filters  the search page's filters, stated once
    paging     long lists over pages at URLs that stay put
    lists      the site's long lists (archive by month, tags, people A–Z …)
    citations  how to cite an article, a quote or an update (CSL-JSON, BibTeX, RIS)
"""
