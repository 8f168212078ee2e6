"""Scaffold: new archives (`generator init`) and new records (`generator new`).

    new_archive  an empty archive that builds with `make site`
    new_record   a record's skeleton: required fields to fill, optional ones commented
"""
