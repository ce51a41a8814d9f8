"""Arranging PPB data standards and periods for the tests of issue 10 part F, with the real services."""

from datetime import date

from django.core.files.uploadedfile import SimpleUploadedFile

from oversight.governance.submissions import data_period_create_due, data_standard_record

COLUMNS = [
    {"name": "month", "kind": "date", "is_required": True},
    {"name": "precinct", "kind": "choice", "allowed_values": ["north", "central", "east"]},
    {"name": "count", "kind": "integer"},
    {"name": "rate", "kind": "decimal", "is_required": False},
    {"name": "note", "kind": "text", "is_required": False},
]
HEADER = "month,precinct,count,rate,note\n"


def standard_record(director, *, name="Use of force, aggregates", frequency="monthly", in_force_on=None, **extra):
    """A standard the three-member Board adopted unanimously."""
    kwargs = {
        "actor": director,
        "name": name,
        "description": "Monthly counts by precinct",
        "frequency": frequency,
        "grace_days": 15,
        "in_force_on": in_force_on or date(2026, 1, 1),
        "columns": COLUMNS,
        "vote_on": date(2025, 12, 10),
        "votes_yes": 3,
        "votes_no": 0,
        "votes_abstain": 0,
        "reason": "Board meeting of 10 December 2025, item 4",
    }
    return data_standard_record(**(kwargs | extra))


def periods_for(director, now=None):
    """A standard and its ended periods (as of now)."""
    version = standard_record(director)
    return version, data_period_create_due(now=now)


def csv_file(body, *, header=HEADER, name="uof.csv", bom=False):
    data = (header + body).encode("utf-8")
    return SimpleUploadedFile(name, (b"\xef\xbb\xbf" if bom else b"") + data, content_type="text/csv")


GOOD_ROWS = "2026-01-01,north,12,0.5,\n2026-01-01,central,7,,quiet month\n2026-01-01,east,0,0,\n"
