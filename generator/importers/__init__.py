"""Importers that turn outside data sets into content trees of records.

    liar2   PolitiFact statements from the LIAR2 data set (python -m generator.importers.liar2)
"""
