"""Review: what a change does to the archive, for the pull request that makes it.

    frozen    check --against: what a source printed changes only through a correction
    changes   records, pages and URLs added, changed and removed against a git ref or a published site
    suggest   `suggest`: what editors may add, as text, JSON or GitHub notices, from
    quote_pairs     quotes that look like the same words or the same remarks (same_as, same_remarks_as)
    unlisted_names  people and organizations a record's text names but the record does not list
"""
