"""News archive generator: YAML records in, a cross-linked static archive out.

The pipeline (each module holds one step):

    sources  -> read files, parse YAML safely, keep a line map
    records  -> typed models per kind (models.py), shape errors as problems
    archive  -> all records with indexes and back-references, built once
    checks   -> cross-record rules (references, ids, cycles, dates)
    pages    -> page models and Markdown, rendered from templates in site_config/
    mkdocs_adapter -> the only module that imports MkDocs
"""
