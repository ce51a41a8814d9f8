"""Reading PPB's CSV files against a standard's columns (issue 10 part F, R4.7): every type, the
header, and every error listed with its row and column."""

import pytest

from oversight.governance.models import DataStandardColumn
from oversight.governance.submissions_csv import parse_submission, parse_value
from tests.governance.arrange_submissions import COLUMNS, GOOD_ROWS, HEADER


def _columns():
    return [
        DataStandardColumn(
            name=c["name"],
            kind=c["kind"],
            is_required=c.get("is_required", True),
            allowed_values=c.get("allowed_values", []),
            order=n,
        )
        for n, c in enumerate(COLUMNS, start=1)
    ]


def _parse(text, *, max_errors=100, max_rows=1000, raw=None):
    data = raw if raw is not None else text.encode("utf-8")
    return parse_submission(data, _columns(), max_errors=max_errors, max_rows=max_rows)


def _column(kind, **extra):
    return DataStandardColumn(name="c", kind=kind, order=1, **extra)


@pytest.mark.parametrize(
    ("kind", "raw", "value"),
    [
        ("integer", "12", 12),
        ("integer", "-3", -3),
        ("integer", " 7 ", 7),
        ("decimal", "0.50", "0.50"),
        ("decimal", "12", "12"),
        ("date", "2026-01-31", "2026-01-31"),
        ("text", "anything, even commas", "anything, even commas"),
    ],
)
def test_a_good_value_of_each_type_is_stored_typed(kind, raw, value):
    assert parse_value(_column(kind), raw) == value


@pytest.mark.parametrize(
    ("kind", "raw", "problem"),
    [
        ("integer", "abc", "is not a whole number"),
        ("integer", "1.5", "is not a whole number"),
        ("decimal", "1,5", "is not a number"),
        ("decimal", "NaN", "is not a number"),
        ("date", "31/01/2026", "is not a date written YYYY-MM-DD"),
        ("date", "2026-02-30", "is not a date written YYYY-MM-DD"),
        ("text", "x" * 2001, "is longer than 2000 characters"),
    ],
)
def test_a_bad_value_of_each_type_is_named(kind, raw, problem):
    with pytest.raises(ValueError, match=problem):
        parse_value(_column(kind), raw)


def test_a_choice_must_be_one_of_the_allowed_values():
    column = _column("choice", allowed_values=["north", "east"])
    assert parse_value(column, "east") == "east"
    with pytest.raises(ValueError, match="is not one of: north, east"):
        parse_value(column, "West")


def test_a_blank_required_value_is_refused_and_a_blank_optional_one_is_null():
    with pytest.raises(ValueError, match="is required"):
        parse_value(_column("integer", is_required=True), "  ")
    assert parse_value(_column("integer", is_required=False), "") is None


def test_a_good_file_gives_its_rows_numbered_as_a_spreadsheet_does():
    parsed = _parse(HEADER + GOOD_ROWS)
    assert parsed.error_count == 0
    assert [number for number, _values in parsed.rows] == [2, 3, 4]
    assert parsed.rows[1][1] == {
        "month": "2026-01-01",
        "precinct": "central",
        "count": 7,
        "rate": None,
        "note": "quiet month",
    }


def test_a_byte_order_mark_is_tolerated():
    parsed = _parse("", raw=b"\xef\xbb\xbf" + (HEADER + GOOD_ROWS).encode())
    assert (parsed.error_count, len(parsed.rows)) == (0, 3)


def test_missing_and_unknown_columns_are_named():
    parsed = _parse("month,precinct,total,rate,note,officer\n2026-01-01,north,1,,,x\n")
    assert [e["message"] for e in parsed.errors] == [
        "Missing column(s): 'count'.",
        "Unknown column(s): 'total', 'officer'.",
    ]
    assert {e["where"] for e in parsed.errors} == {"header"}


def test_every_bad_row_is_listed_with_its_row_and_column():
    body = "2026-01-01,north,12,,\n2026-01-01,west,abc,,\n2026-13-01,east,1,x,\n"
    parsed = _parse(HEADER + body)
    assert [e["message"] for e in parsed.errors] == [
        "Row 3, column 'precinct': 'west' is not one of: north, central, east.",
        "Row 3, column 'count': 'abc' is not a whole number.",
        "Row 4, column 'month': '2026-13-01' is not a date written YYYY-MM-DD.",
        "Row 4, column 'rate': 'x' is not a number.",
    ]
    assert [e["where"] for e in parsed.errors] == ["row_3", "row_3", "row_4", "row_4"]


def test_a_row_with_too_few_values_is_named():
    parsed = _parse(HEADER + "2026-01-01,north\n")
    assert parsed.errors[0]["message"] == "Row 2 has 2 values; the header has 5 columns."


def test_errors_past_the_cap_are_counted_but_not_listed():
    body = "".join("2026-01-01,north,abc,,\n" for _ in range(30))
    parsed = _parse(HEADER + body, max_errors=10)
    assert (len(parsed.errors), parsed.error_count) == (10, 30)


def test_a_file_that_is_not_utf8_is_refused_with_a_plain_message():
    parsed = _parse("", raw=(HEADER + "2026-01-01,north,1,,caf\xe9\n").encode("latin-1"))
    assert parsed.error_count == 1
    assert "not UTF-8" in parsed.errors[0]["message"]


def test_a_header_without_rows_is_refused():
    parsed = _parse(HEADER)
    assert [e["message"] for e in parsed.errors] == ["The file has a header but no rows."]


def test_blank_lines_are_skipped_and_keep_the_numbering():
    parsed = _parse(HEADER + "\n2026-01-01,north,1,,\n")
    assert [number for number, _values in parsed.rows] == [3]
