"""The one CSV rule for every download (oversight/csv_cells.py): text a spreadsheet would run as a
formula is written as text; numbers, dates and empty cells are written as they are."""

import csv
import io
from datetime import date
from decimal import Decimal

import pytest
from django.utils.translation import gettext_lazy

from oversight.csv_cells import csv_lines, text_cell


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_text_that_starts_like_a_formula_gets_a_leading_quote(start):
    assert text_cell(f"{start}SUM(A1:A9)") == f"'{start}SUM(A1:A9)"


def test_numbers_dates_and_plain_text_are_written_as_they_are():
    assert [text_cell(v) for v in (-3, 2.5, Decimal("-1.50"), date(2026, 1, 2), "Lents", "a=b", "")] == [
        -3,
        2.5,
        Decimal("-1.50"),
        date(2026, 1, 2),
        "Lents",
        "a=b",
        "",
    ]
    assert text_cell(None) == ""


def test_a_lazy_translation_is_guarded_like_text():
    assert text_cell(gettext_lazy("=1+1")) == "'=1+1"


def test_the_lines_read_back_as_the_rows_with_formulas_disarmed_and_the_header_guarded_too():
    lines = list(csv_lines(["name", "@count"], [["=cmd|' /C calc'!A0", 3], [None, -1]]))
    assert len(lines) == 3  # one line per row: a streaming response sends them one at a time
    rows = list(csv.reader(io.StringIO("".join(lines))))
    assert rows == [["name", "'@count"], ["'=cmd|' /C calc'!A0", "3"], ["", "-1"]]


def test_a_bom_starts_the_file_only_when_asked():
    assert next(csv_lines(["a"], [], bom=True)) == "\ufeffa\r\n"
    assert next(csv_lines(["a"], [])) == "a\r\n"
