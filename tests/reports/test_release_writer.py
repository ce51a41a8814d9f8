"""The release writer (reports.release_writer.write_dataset, RowText) writes exactly what ``csv.writer`` (cells
through ``text_row``) and ``json`` would: it only caches the text of the coded part of each row."""

import csv
import hashlib
import hmac
import io
import json

import pytest

from oversight.csv_cells import text_row
from reports import release_writer, releases
from reports.release_writer import RowText, write_dataset
from reports.releases import AGGREGATE_COLUMNS, DATASETS, Column

TEXTS = ["", "plain", "=SUM(A1)", "-3", "+1", "@x", 'say "hi", then', "two\nlines", "tab\there", "ünïcode", None]


def _rows(columns, n):
    """Rows cycling through awkward values: every text above, ids hex or empty, numbers, booleans."""
    rows = []
    for i in range(n):
        row = []
        for j, column in enumerate(columns):
            if column.keyed:
                row.append("" if (i + j) % 5 == 0 else f"{(i * 7919 + j) % 16**16:016x}")
            elif column.type == "boolean":
                row.append((i + j) % 2 == 0)
            elif column.type.startswith("integer"):
                row.append([0, 4, None, 12][(i + j) % 4])
            else:
                row.append(TEXTS[(i * 3 + j) % len(TEXTS)])
        rows.append(tuple(row))
    return rows


def _expected(columns, rows):
    names = [c.name for c in columns]
    cells = release_writer._boolean_row if any(c.type == "boolean" for c in columns) else text_row
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(names)
    writer.writerows(map(cells, rows))
    return buffer.getvalue(), [dict(zip(names, row, strict=True)) for row in rows]


@pytest.mark.parametrize("dataset", sorted(DATASETS))
def test_each_dataset_is_written_as_csv_writer_and_json_would(dataset):
    columns = DATASETS[dataset]["columns"]
    rows = _rows(columns, 450)  # more than two batches
    csv_file, json_file = write_dataset(columns, iter(rows))
    expected_csv, expected_json = _expected(columns, rows)
    assert csv_file.temp.read().decode() == expected_csv
    assert json.loads(json_file.temp.read()) == expected_json
    assert csv_file.rows == json_file.rows == 450


def test_a_row_is_right_after_the_cache_of_coded_texts_starts_again(monkeypatch):
    monkeypatch.setattr(release_writer, "CODED_LIMIT", 2)
    columns = DATASETS["allegations"]["columns"]
    rows = _rows(columns, 60)
    csv_file, json_file = write_dataset(columns, iter(rows))
    expected_csv, expected_json = _expected(columns, rows)
    assert csv_file.temp.read().decode() == expected_csv
    assert json.loads(json_file.temp.read()) == expected_json


def test_an_empty_dataset_is_a_header_and_an_empty_array():
    csv_file, json_file = write_dataset(AGGREGATE_COLUMNS, iter(()))
    assert csv_file.temp.read().decode() == "dimension,year,category,count,suppressed\n"
    assert json.loads(json_file.temp.read()) == []
    assert csv_file.rows == 0


def test_plain_names_are_columns_without_ids():
    csv_file, json_file = write_dataset(["a", "b"], iter([("=x", 1), ("y", None)]))
    assert csv_file.temp.read().decode() == "a,b\n'=x,1\ny,\n"
    assert json.loads(json_file.temp.read()) == [{"a": "=x", "b": 1}, {"a": "y", "b": None}]


def test_id_columns_must_come_first():
    with pytest.raises(ValueError, match="first"):
        RowText([Column("type", "string", "t"), Column("case_id", "string", "c", keyed=True)])


@pytest.mark.parametrize(
    "key", ["short", "k" * 64, "a key longer than SHA-256's block of sixty-four bytes, hashed first"]
)
def test_ids_are_hmac_sha256_for_any_key_length_and_the_same_from_a_number_or_its_copy_text(settings, key):
    settings.RAW_DATA_ID_KEY = key
    expected = hmac.new(key.encode(), b"employee:98765", hashlib.sha256).hexdigest()[:16]
    officer_id = releases.anonymized_ids("employee", repeats=True)
    assert officer_id(98765) == officer_id(b"98765") == expected
    assert releases.anonymized_ids("case")(98765) != expected


def test_one_empty_coded_cell_after_an_id_is_written_as_csv_writer_writes_it():
    columns = [Column("case_id", "string", "c", keyed=True), Column("note", "string or empty", "n")]
    rows = [("0123456789abcdef", ""), ("", None), ("0123456789abcdef", "x")]
    csv_file, json_file = write_dataset(columns, iter(rows))
    expected_csv, expected_json = _expected(columns, rows)
    assert csv_file.temp.read().decode() == expected_csv == "case_id,note\n0123456789abcdef,\n,\n0123456789abcdef,x\n"
    assert json.loads(json_file.temp.read()) == expected_json


def test_true_and_one_in_the_same_column_are_not_confused():
    columns = [Column("value", "integer or boolean", "v"), Column("flag", "boolean", "f")]
    rows = [(1, True), (True, True), (1, 1)]
    csv_file, json_file = write_dataset(columns, iter(rows))
    expected_csv, _expected_json = _expected(columns, rows)
    assert csv_file.temp.read().decode() == expected_csv == "value,flag\n1,true\ntrue,true\n1,1\n"
    # json.loads(...) == [...] cannot tell True from 1: compare the text.
    text = json_file.temp.read().decode()
    assert '{"value": 1, "flag": true}' in text and '{"value": true, "flag": true}' in text
    assert '{"value": 1, "flag": 1}' in text
