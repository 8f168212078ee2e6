"""Review: what a change does to the archive, for the pull request that makes it.

    frozen    check --against: what a source printed changes only through a correction
    changes   records, pages and URLs added, changed and removed against a git ref or a published site
"""
