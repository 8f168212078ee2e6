"""Each article's, quote's and update's citation as files beside its page, for reference managers:

    <kind plural>/<id>/cite.bib    BibTeX
    <kind plural>/<id>/cite.ris    RIS
    <kind plural>/<id>/cite.json   CSL-JSON (a list of one item)

The same citation the page's "Cite this record" box shows (generator/site/citations.py), with
the same permanent address (the site's site_url + the page's URL).
"""

from __future__ import annotations

from pathlib import Path

from generator.outputs.publication import Published
from generator.site.citations import FILES, citation


def write_citations(pub: Published, site_dir: Path) -> int:
    """Write the three files of every cited record; returns how many records have them."""
    count = 0
    for record in pub.site.public.values():
        cited = citation(pub.site, record, pub.base)
        if cited is None:  # not a kind that is cited (CITED_KINDS)
            continue
        folder = site_dir / pub.page_of(record)
        folder.mkdir(parents=True, exist_ok=True)
        for text, name in ((cited.bibtex, FILES["bibtex"]), (cited.ris, FILES["ris"]),
                           (cited.csl_json, FILES["csl"])):
            (folder / name).write_text(text, encoding="utf-8", newline="\n")
        count += 1
    return count


__all__ = ["write_citations"]
