"""Render: each page's HTML body, once, from the templates in site_config/templates.

    pages      page values (uri, title, body, headings) for every record and index page
"""
