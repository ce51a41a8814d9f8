"""How a raw-data release's files are written (issue 11 part B; what they hold is ``reports.releases``).

- ``copy_lines``: a query's rows read with ``COPY ... TO STDOUT`` (text format), each line kept as bytes;
- ``write_dataset``: rows streamed into a CSV and a JSON temporary file at once, hashed as they are
  written, a batch of rows at a time, so memory stays flat however many rows there are;
- ``RowText``: a row's CSV line and JSON object exactly as ``csv.writer`` (through ``text_row``, the one
  formula guard) and ``json`` would make them, the text of each distinct combination of coded values made
  once: with these the release takes about 1.4-1.5 times as long as PostgreSQL's own COPY of the same rows
  (benchmarks/release_vs_copy.py).

A dataset's columns are ``reports.releases.Column``s (or plain names): a column's ``keyed`` says it holds
an anonymized id, and a ``type`` of "boolean" writes booleans as "true"/"false" in the CSV.
"""

import csv
import hashlib
import io
import json
import re
import tempfile
from dataclasses import dataclass

from django.db import connections
from psycopg import ClientCursor

from oversight.csv_cells import text_row

_COPY_ESCAPES = {"b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t", "v": "\v", "\\": "\\"}
_COPY_ESCAPE = re.compile(r"\\(.)")


def copy_lines(queryset, *, leading):
    """The rows of ``queryset`` (a ``values_list``) read with ``COPY ... TO STDOUT`` (text format), each
    as its first ``leading`` fields and the rest of the line, all as bytes (``copy_fields`` decodes a
    rest). The leading fields must be numbers or NULL (``\\N``): nothing in them is escaped. At a million
    allegations COPY reads about as fast as ``.iterator()`` (psycopg reads it a row at a time too) with a
    third of the peak memory; keeping the text as bytes is what saves the time, since the keyed ids
    hash the text of a key anyway. Memory holds one block of the stream at a time."""
    raw, statement = copy_statement(queryset)
    rest = b""
    with raw.cursor() as cursor, cursor.copy(statement) as copy:
        for block in copy:
            data = rest + block if rest else bytes(block)
            lines = data.split(b"\n")
            rest = lines.pop()
            for line in lines:
                yield line.split(b"\t", leading)
    if rest:
        yield rest.split(b"\t", leading)


def copy_statement(queryset, options=""):
    """(the psycopg connection, ``COPY (<queryset's SQL>) TO STDOUT <options>`` with its parameters bound
    on the client): COPY takes no server-side parameters. Also the benchmark's baseline
    (benchmarks/release_vs_copy.py)."""
    sql, params = queryset.query.sql_with_params()
    connection = connections[queryset.db]
    connection.ensure_connection()
    raw = connection.connection
    return raw, ClientCursor(raw).mogrify(f"COPY ({sql}) TO STDOUT {options}".rstrip(), params)


def copy_fields(data):
    """COPY text-format fields (bytes, tab-separated) as text, None for NULL (``\\N``)."""
    return [_copy_field(field) for field in data.decode().split("\t")]


def _copy_field(field):
    # COPY's text format: \N is NULL; a backslash escapes a backslash, tab, newline or carriage return.
    if field == "\\N":
        return None
    if "\\" in field:
        return _COPY_ESCAPE.sub(lambda m: _COPY_ESCAPES.get(m.group(1), m.group(1)), field)
    return field


class HashingWriter:
    """A text sink for csv.writer and json: encodes, hashes and counts as it writes to a binary file."""

    def __init__(self, raw):
        self.raw, self.hash, self.bytes = raw, hashlib.sha256(), 0

    def write(self, text):
        data = text.encode("utf-8")
        self.hash.update(data)
        self.bytes += len(data)
        self.raw.write(data)
        return len(text)


@dataclass
class WrittenFile:
    format: str
    temp: object
    sha256: str
    bytes: int
    rows: int


def _boolean_row(row):
    # Booleans as the dictionary spells them ("true", "false"), the rest as every CSV cell.
    return text_row(["true" if v is True else "false" if v is False else v for v in row])


_json_value = json.JSONEncoder(ensure_ascii=False).encode  # one encoder, not one per call (json.dumps)
BATCH = 200  # rows formatted in memory before a write: one encode and hash per batch, not per row
CODED_LIMIT = 50_000  # distinct coded parts kept formatted (RowText); past it the cache starts again


def write_dataset(columns, rows):
    """Streams ``rows`` into a CSV and a JSON temporary file at once; returns the two ``WrittenFile``s
    (their temp files rewound, deleted when closed). Memory holds one batch of rows at a time. The JSON
    file is one array, an object to a line."""
    csv_tmp = tempfile.TemporaryFile()
    json_tmp = tempfile.TemporaryFile()
    csv_out, json_out = HashingWriter(csv_tmp), HashingWriter(json_tmp)
    text = RowText(columns)
    csv_out.write(text.header)
    json_out.write("[")
    count = 0
    batch_csv, batch_json = [], []
    for row in rows:
        line, obj = text(row)
        batch_csv.append(line)
        batch_json.append(obj)
        if len(batch_csv) == BATCH:
            csv_out.write("".join(batch_csv))
            json_out.write(("," if count else "") + "\n" + ",\n".join(batch_json))
            count += BATCH
            batch_csv.clear()
            batch_json.clear()
    if batch_csv:
        csv_out.write("".join(batch_csv))
        json_out.write(("," if count else "") + "\n" + ",\n".join(batch_json))
        count += len(batch_csv)
    json_out.write("\n]\n")
    files = []
    for fmt, tmp, hashing in (("csv", csv_tmp, csv_out), ("json", json_tmp, json_out)):
        tmp.flush()
        tmp.seek(0)
        files.append(WrittenFile(fmt, tmp, hashing.hash.hexdigest(), hashing.bytes, count))
    return files


class RowText:
    """A row's CSV line and JSON object, made as ``csv.writer`` (cells through ``text_row``, booleans as
    "true"/"false") and ``json`` would make them, but fast enough for a million rows.

    A row is its leading ``keyed`` columns (anonymized ids: 16 hex digits or empty, so nothing to quote,
    escape or guard) and the rest, coded values (a type, a decision, findings, a month, a count) with few
    distinct combinations. The text of the coded part is made once per distinct combination and then
    looked up; past ``CODED_LIMIT`` combinations the lookup starts again, so memory stays bounded. A
    dataset with a boolean column is not cached (``True == 1`` would share a key; such files are small)."""

    def __init__(self, columns):
        names = [getattr(c, "name", c) for c in columns]
        keyed = [getattr(c, "keyed", False) for c in columns]
        self.keyed = keyed.index(False) if False in keyed else len(keyed)
        if any(keyed[self.keyed :]):
            raise ValueError("keyed (id) columns come first in a dataset")
        self.names = names
        booleans = any(getattr(c, "type", "") == "boolean" for c in columns)
        self.cells = _boolean_row if booleans else text_row
        self.cached = not booleans
        self.header = self._csv(names)
        ids = names[: self.keyed]
        # '{"case_id": "%s", ...' then the coded part's "name": value pairs, as json.dumps separates them.
        self.csv_ids = ",".join(["%s"] * len(ids))
        self.json_ids = ", ".join(f'{_json_value(n)}: "%s"' for n in ids)
        self.coded = {}

    def _csv(self, cells):
        buffer = io.StringIO()
        csv.writer(buffer, lineterminator="\n").writerow(self.cells(cells))
        return buffer.getvalue()

    def _coded_text(self, coded):
        names = self.names[self.keyed :]
        if not self.keyed:
            csv_text = self._csv(coded)
        else:
            # The coded cells as they end a longer row ("x," then them): csv.writer writes a row of one
            # empty cell as '""', which it does not when that cell follows others.
            csv_text = self._csv(("x", *coded))[2:] if coded else "\n"
        json_text = ", ".join(f"{_json_value(n)}: {_json_value(v)}" for n, v in zip(names, coded, strict=True))
        if self.cached:
            if len(self.coded) >= CODED_LIMIT:
                self.coded.clear()
            self.coded[coded] = csv_text, json_text
        return csv_text, json_text

    def __call__(self, row):
        k = self.keyed
        if not k:
            coded = tuple(row)
            csv_text, json_text = self.coded.get(coded) or self._coded_text(coded)
            return csv_text, "{" + json_text + "}"
        ids, coded = tuple(row[:k]), tuple(row[k:])
        csv_text, json_text = self.coded.get(coded) or self._coded_text(coded)
        if not coded:
            return (self.csv_ids % ids) + "\n", "{" + (self.json_ids % ids) + "}"
        return (
            (self.csv_ids % ids) + "," + csv_text,
            "{" + (self.json_ids % ids) + ", " + json_text + "}",
        )
