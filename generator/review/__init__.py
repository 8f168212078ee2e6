"""Review: what a change does to the archive, for the pull request that makes it.

    frozen    check --against: what a source printed changes only through a correction
    changes   records, pages and URLs added, changed and removed against a git ref or a published site
    suggest   `suggest`: what editors may add, as text, JSON or GitHub notices, from
    quote_pairs     quotes that look like the same words or the same remarks (same_as, same_remarks_as)
    unlisted_names  people and organizations a record's text names but the record does not list
    links     `links`: every source URL fetched, dead, moved and changed ones reported with file and line
    link_state  what the previous `links` run saw (a page's text hash), to tell a changed page
    wayback   Save Page Now: captures of sources with no archived copy, appended to their records
"""
