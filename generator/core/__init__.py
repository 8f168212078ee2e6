"""Core: from YAML files to a checked archive; nothing here knows about pages or MkDocs.

    kinds      the kinds of record, stated once (folder, labels, time, schema.org type …)
    licences   SPDX licence expressions (the `licence` settings), checked against the SPDX list
    issuers    who issues a correction, stated once: meaning, whose words, headings ("Editor's note")
    sources    read files, parse YAML safely, keep a line map for messages
    fields     the field types records are made of: text, titles, ids, references, URLs, days
    models     the content model: one pydantic model per kind (dates: When, days and instants)
    validate   typed records from parsed sources, pydantic's errors as editors' messages
    archive    every record with its references and back-references, built once
    checks     cross-record rules (references, cycles, dates, provenance)
    archived   archived copies of a source (Wayback Machine, archive.today): addresses read by pattern
    embargo    records published nowhere before an instant: withheld once, where the archive is assembled
    history    each record's public history, from git (three processes for any size)
    problems   what a bad input gets: file, line, column, message
    settings   site_config/archive.yml, and where the archive's root is
    schemas    the JSON Schemas editors read, generated from the models
    shipped    where the generator's own theme files are (checkout or installed)
    addresses  every page's uri, url and absolute address (percent-encoded once), and links between them
    richtext   Markdown fields to sanitised HTML and plain text (every layer above uses it)
    parallel   work spread over cores by forking
"""
