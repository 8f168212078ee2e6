"""The search page's filters, stated once: the search documents carry them (outputs/search.py),
the index lists their values (outputs/search_index.py), the search template draws one fieldset
each and search.js reads them from those fieldsets."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SearchFilter:
    name: str  # Pagefind's filter name and the search page's URL parameter
    legend: str  # the fieldset's legend on the search page
    picker: bool = False  # many values: picked by name, its values loaded when the picker opens


SEARCH_FILTERS: tuple[SearchFilter, ...] = (
    SearchFilter("kind", "Kind"),
    SearchFilter("language", "Language"),
    SearchFilter("outlet", "Outlet"),
    SearchFilter("year", "Year"),
    SearchFilter("person", "Person", picker=True),
    SearchFilter("speaker", "Speaker (person or organization)", picker=True),
    SearchFilter("event", "Event", picker=True),
)
