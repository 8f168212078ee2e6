"""Review: what a change does to the archive, for the pull request that makes it.

    changes   records, pages and URLs added, changed and removed against a git ref or a published site
"""
