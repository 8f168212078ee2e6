"""Importers that turn outside data sets into content trees of records."""
