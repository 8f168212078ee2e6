"""Render: each page's HTML body, once, from the templates in site_config/templates.

    pages      page values (uri, title, body, headings) for every record and index page
    fragments  a record's link, kind badge and list line, made once and finished by each page
"""
