"""News archive generator: YAML records in, a cross-linked static archive out.

Packages follow the pipeline; each may import only the ones above it in this list
(tests/test_layout.py enforces it, and that there is no import circle):

    core/      content/<kind>/<id>.yaml -> sources -> records -> archive -> checks
    site/      the questions pages ask, answered from the archive's indexes
    render/    each page's HTML body, from the templates in site_config/
    outputs/   JSON-LD, feeds, calendars, open data, search, kept URLs
    build/     a build's jobs, the incremental preview, progress
    review/    what a change does to the site, for a pull request's reviewer; editors' suggestions
    scaffold/  `init` and `new` (use core only);  importers/ (use core only)
    mkdocs_adapter  the only package using MkDocs (imported in mkdocs_api.py): MkDocs events -> pipeline calls
    cli             the `python -m generator` commands
"""
