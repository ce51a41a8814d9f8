"""Reading PPB's CSV files against a standard's columns, and writing stored rows back out (R4.7).

A file is read whole before anything is stored: every error is collected (up to a cap, with the
total), each naming its row (the header is row 1, as a spreadsheet numbers it) and its column.
Values are stored typed in JSON: whole numbers as numbers, decimals as text (exact), dates as ISO
text, blanks as null.
"""

import csv
import io
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from oversight.csv_cells import csv_lines as shared_csv_lines

from .models import DataStandardColumn

Kind = DataStandardColumn.Kind
TEXT_MAX_CHARS = 2000


@dataclass
class ParsedFile:
    rows: list = field(default_factory=list)  # [(row number, {column: value})]
    # The first `cap` problems as {"where": "file", "header" or "row_<n>", "message": ...}.
    errors: list = field(default_factory=list)
    error_count: int = 0
    cap: int = 100

    def error(self, message, where="file"):
        self.error_count += 1
        if len(self.errors) < self.cap:
            self.errors.append({"where": where, "message": message})


def _whole(raw):
    if not raw.lstrip("+-").isdigit():
        raise ValueError(_("is not a whole number"))
    return int(raw)


def _decimal(raw):
    try:
        value = Decimal(raw)
    except InvalidOperation:
        value = None
    if value is None or not value.is_finite():
        raise ValueError(_("is not a number"))
    return str(value)


def _date(raw):
    try:
        if len(raw) != 10:
            raise ValueError
        return date.fromisoformat(raw).isoformat()
    except ValueError:
        raise ValueError(_("is not a date written YYYY-MM-DD")) from None


def _text(raw):
    if len(raw) > TEXT_MAX_CHARS:
        raise ValueError(_("is longer than %(n)s characters") % {"n": TEXT_MAX_CHARS})
    return raw


PARSERS = {Kind.INTEGER: _whole, Kind.DECIMAL: _decimal, Kind.DATE: _date, Kind.TEXT: _text}


def parse_value(column, raw):
    """The typed value of one cell, or ValueError saying what is wrong with it."""
    raw = raw.strip()
    if raw == "":
        if column.is_required:
            raise ValueError(_("is required"))
        return None
    if column.kind == Kind.CHOICE:
        if raw not in column.allowed_values:
            raise ValueError(_("is not one of: %(values)s") % {"values": ", ".join(column.allowed_values)})
        return raw
    return PARSERS[column.kind](raw)


def _decode(data, parsed):
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        parsed.error(
            _("The file is not UTF-8 text (the first bad byte is at position %(at)s). Save it as CSV UTF-8.")
            % {"at": exc.start + 1}
        )
        return None


def _check_header(header, columns, parsed):
    names = [name.strip() for name in header]
    expected = [column.name for column in columns]
    missing = [name for name in expected if name not in names]
    unknown = [name for name in names if name not in expected]
    repeated = sorted({name for name in names if names.count(name) > 1})
    quoted = ", ".join
    if missing:
        parsed.error(_("Missing column(s): %(names)s.") % {"names": quoted(f"'{n}'" for n in missing)}, "header")
    if unknown:
        parsed.error(_("Unknown column(s): %(names)s.") % {"names": quoted(f"'{n}'" for n in unknown)}, "header")
    if repeated:
        parsed.error(_("Column(s) named twice: %(names)s.") % {"names": quoted(f"'{n}'" for n in repeated)}, "header")
    return None if (missing or unknown or repeated) else names


def _check_row(number, cells, names, by_name, parsed):
    if len(cells) != len(names):
        parsed.error(
            _("Row %(row)s has %(found)s values; the header has %(expected)s columns.")
            % {"row": number, "found": len(cells), "expected": len(names)},
            f"row_{number}",
        )
        return None
    values, ok = {}, True
    for name, raw in zip(names, cells, strict=True):
        try:
            values[name] = parse_value(by_name[name], raw)
        except ValueError as problem:
            ok = False
            shown = raw.strip()
            shown = f"{shown[:40]}..." if len(shown) > 40 else shown
            parsed.error(
                _("Row %(row)s, column '%(column)s': '%(value)s' %(problem)s.")
                % {"row": number, "column": name, "value": shown, "problem": problem},
                f"row_{number}",
            )
    return values if ok else None


def parse_submission(data, columns, *, max_errors, max_rows):
    """ParsedFile of ``data`` (bytes) read against ``columns``: its typed rows when it has no error."""
    parsed = ParsedFile(cap=max_errors)
    text = _decode(data, parsed)
    if text is None:
        return parsed
    try:
        reader = csv.reader(io.StringIO(text, newline=""))
        header = next(reader, None)
        if header is None:
            parsed.error(_("The file is empty."))
            return parsed
        names = _check_header(header, columns, parsed)
        if names is None:
            return parsed
        by_name = {column.name: column for column in columns}
        number = 1
        for cells in reader:
            number += 1
            if not any(cell.strip() for cell in cells):
                continue  # a blank line
            if len(parsed.rows) >= max_rows:
                parsed.error(_("The file has more than %(n)s rows.") % {"n": max_rows})
                break
            values = _check_row(number, cells, names, by_name, parsed)
            if values is not None:
                parsed.rows.append((number, values))
    except csv.Error as exc:
        parsed.error(_("The file cannot be read as CSV: %(error)s") % {"error": exc})
    if not parsed.error_count and not parsed.rows:
        parsed.error(_("The file has a header but no rows."))
    return parsed


def csv_lines(column_names, rows):
    """The lines of a CSV file (header, then each row's values), for a streaming response."""
    return shared_csv_lines(column_names, ([values.get(name) for name in column_names] for values in rows), bom=True)
