"""What a raw-data release contains and how its files are written (R5.3, 35A.050 J; issue 11 part B).

Scope: cases received in the release's period that HAVE a case-handling decision (a case still before
its decision is not yet a fact to release; it appears in the first release after its decision). Cases
with an allegation against the Chief of Police are left out entirely (they go to the Mayor, R1.7, and a
handful of such cases would point at one person).

Row-level files (``complaints``, ``allegations``, ``discipline``) hold only coded values: ids are keyed
hashes (``anonymized_id``), dates are months. No name, narrative, description, contact detail, incident
place, neighbourhood, ZIP or demographic is ever in a row-level file; geography and demographics are
only in the aggregate files, with small-cell suppression (``reports.suppression``).

Every file is written by streaming rows from the database (``.iterator(chunk_size=5000)``) into a
temporary file while hashing it, so memory stays flat however many rows there are; the storage copy is
chunked too.
"""

import csv
import hashlib
import hmac
import io
import json
import re
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache

from django.conf import settings
from django.db import connections, router
from django.db.models import Count, Exists, OuterRef, Q, Subquery
from django.utils import timezone
from django.utils.translation import gettext_noop
from psycopg import ClientCursor

from discipline.models import DisciplineDecision, FinalOutcome
from intake.models import Allegation, Case, Complaint, FilerDemographics
from intake.neighbourhoods import NEIGHBOURHOOD_CHOICES
from investigations.models import FindingOutcome
from oversight.csv_cells import text_row

from . import crosswalk
from .facts import allegation_facts, period_bounds
from .suppression import suppress_table

CHUNK = 5000
ID_LENGTH = 16
SUPPRESSION_RULE = gettext_noop(
    "Counts from 1 to %(minimum)s are withheld (empty in CSV, null in JSON) so no one can be recognised; "
    "where one withheld cell could be worked out from the totals, another cell is withheld too. "
    "Zeros are published."
)


def anonymized_id(kind, pk):
    """A stable id for a row of ``kind``: the first 16 hex characters of HMAC-SHA256 under
    ``settings.RAW_DATA_ID_KEY`` (which never leaves the server) of ``"kind:pk"``. The same case,
    allegation or officer has the same id in every release; without the key the id cannot be tied back
    to our records."""
    return anonymized_ids(kind)(pk)


def anonymized_ids(kind, *, repeats=False):
    """``anonymized_id`` of one kind as a function of the pk, for a whole file: HMAC is a stream, so the
    key and ``"kind:"`` are hashed once and each id only hashes its pk. With ``repeats`` the last 1,024
    ids are kept (a file's officers and cases repeat; small and bounded, so memory stays flat)."""
    base = hmac.new(settings.RAW_DATA_ID_KEY.encode(), f"{kind}:".encode(), hashlib.sha256)

    def keyed_id(pk):
        if pk is None:
            return ""
        hasher = base.copy()
        hasher.update(str(pk).encode())
        return hasher.hexdigest()[:ID_LENGTH]

    return lru_cache(maxsize=1024)(keyed_id) if repeats else keyed_id


@contextmanager
def whole_result_plans():
    """Plans the release's queries for reading every row, not the first few: a server-side cursor
    (``.iterator()``) makes PostgreSQL favour a fast start (``cursor_tuple_fraction`` 0.1), which for
    these joins and subqueries is ten times slower over the whole result."""
    connection = connections[router.db_for_read(Case)]
    with connection.cursor() as cursor:
        cursor.execute("SET cursor_tuple_fraction TO 1")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("RESET cursor_tuple_fraction")


def month(value):
    return timezone.localtime(value).strftime("%Y-%m") if value else ""


@dataclass
class Column:
    name: str
    type: str
    meaning: str
    allowed: list = field(default_factory=list)


def _choices(choices):
    return [value for value, _label in choices]


FINDINGS = _choices(FindingOutcome.choices)
LEVELS = _choices(DisciplineDecision.Action.choices)


CROSSWALK_MEANINGS = {
    ("final_finding", "ccrb"): gettext_noop("The final finding in the terms of NYC's CCRB; see the crosswalk."),
    ("final_finding", "copa"): gettext_noop("The final finding in the terms of Chicago's COPA; see the crosswalk."),
    ("final_finding", "cpdb"): gettext_noop("The final finding in the terms of the CPDB; see the crosswalk."),
    ("final_level", "ccrb"): gettext_noop("The final discipline in the terms of NYC's CCRB; see the crosswalk."),
    ("final_level", "copa"): gettext_noop("The final discipline in the terms of Chicago's COPA; see the crosswalk."),
    ("final_level", "cpdb"): gettext_noop("The final discipline in the terms of the CPDB; see the crosswalk."),
}


def _crosswalk_columns(prefix, mapping):
    return [
        Column(
            f"{prefix}_{peer}",
            "string or empty",
            CROSSWALK_MEANINGS[(prefix, peer)],
            sorted({r[peer] for r in mapping.values()}),
        )
        for peer in crosswalk.PEERS
    ]


# Scope of every dataset: cases with a decision, none with an allegation against the Chief.
def _cases(release):
    start, end = period_bounds(release.period_start, release.period_end)
    chief = Allegation.objects.filter(case=OuterRef("pk"), is_against_chief=True)
    return Case.objects.filter(received_at__gte=start, received_at__lt=end, decision__gt="").exclude(Exists(chief))


def _allegations(release):
    start, end = period_bounds(release.period_start, release.period_end)
    chief = Allegation.objects.filter(case=OuterRef("case_id"), is_against_chief=True)
    return allegation_facts(received_from=start, received_to=end, case_filter=Q(case__decision__gt="")).exclude(
        Exists(chief)
    )


# Row-level datasets: columns and a generator of rows (tuples in column order).


def complaints_rows(release):
    qs = (
        _cases(release)
        .annotate(n=Count("allegations", filter=Q(allegations__is_against_chief=False)))
        .order_by("pk")
        .values_list("pk", "received_at", "origin", "decision", "mandatory_category", "status", "closed_at", "n")
    )
    case_id = anonymized_ids("case")
    for pk, received, origin, decision, category, status, closed, n in qs.iterator(chunk_size=CHUNK):
        yield (case_id(pk), month(received), origin, decision, category, status, month(closed), n)


# The facts the allegations file is made of, in order (benchmarks/release_vs_copy.py COPYs the same).
ALLEGATION_FACTS = (
    "pk",
    "case_id",
    "employee_id",
    "type_name",
    "decision",
    "investigator_finding",
    "board_finding",
    "final_finding",
)


def allegations_rows(release):
    qs = _allegations(release).order_by("pk").values_list(*ALLEGATION_FACTS)
    peers = {}  # the crosswalk of each final finding, looked up once per value
    allegation_id, case_id, officer_id = (
        anonymized_ids("allegation"),
        anonymized_ids("case", repeats=True),
        anonymized_ids("employee", repeats=True),
    )
    for pk, case, employee, type_name, decision, inv, board, final in copy_rows(qs):
        if final not in peers:
            peers[final] = tuple(crosswalk.finding_in(peer, final) for peer in crosswalk.PEERS)
        yield (
            allegation_id(pk),
            case_id(case),
            officer_id(employee),
            type_name,
            decision,
            inv or "",
            board or "",
            final or "",
            *peers[final],
        )


_COPY_ESCAPES = {"b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t", "v": "\v", "\\": "\\"}
_COPY_ESCAPE = re.compile(r"\\(.)")


def copy_rows(queryset):
    """The rows of ``queryset`` (a ``values_list``) as lists of text, None for NULL, read with
    ``COPY ... TO STDOUT``: the keyed ids hash the text of a key anyway (``str(pk)``). At a million
    allegations it takes about as long as ``.iterator()`` (psycopg reads COPY a row at a time too) with a
    third of the peak memory (1.3 MiB against 4.2 MiB). Memory holds one block of the stream at a time."""
    raw, statement = copy_statement(queryset)
    rest = b""
    with raw.cursor() as cursor, cursor.copy(statement) as copy:
        for block in copy:
            lines = (rest + bytes(block)).split(b"\n")
            rest = lines.pop()
            for line in lines:
                yield _copy_line(line)
    if rest:
        yield _copy_line(rest)


def copy_statement(queryset, options=""):
    """(the psycopg connection, ``COPY (<queryset's SQL>) TO STDOUT <options>`` with its parameters bound
    on the client): COPY takes no server-side parameters. Also the benchmark's baseline
    (benchmarks/release_vs_copy.py)."""
    sql, params = queryset.query.sql_with_params()
    connection = connections[queryset.db]
    connection.ensure_connection()
    raw = connection.connection
    return raw, ClientCursor(raw).mogrify(f"COPY ({sql}) TO STDOUT {options}".rstrip(), params)


def _copy_line(line):
    # Most lines hold no backslash (no NULL, no escape) or only NULLs (\N): the fast paths.
    text = line.decode()
    if "\\" not in text:
        return text.split("\t")
    fields = text.split("\t")
    if text.count("\\") == text.count("\\N") == fields.count("\\N"):
        return [None if field == "\\N" else field for field in fields]
    return [_copy_field(field) for field in fields]


def _copy_field(field):
    # COPY's text format: \N is NULL; a backslash escapes a backslash, tab, newline or carriage return.
    if field == "\\N":
        return None
    if "\\" in field:
        return _COPY_ESCAPE.sub(lambda m: _COPY_ESCAPES.get(m.group(1), m.group(1)), field)
    return field


def discipline_rows(release):
    qs = (
        _allegations(release)
        .filter(Q(discipline_proposed__gt="") | Q(discipline_board__gt="") | Q(discipline_final__gt=""))
        .order_by("pk")
        .values_list(
            "pk", "employee_id", "discipline_proposed", "discipline_board", "discipline_final", "discipline_set_by"
        )
    )
    allegation_id, officer_id = anonymized_ids("allegation"), anonymized_ids("employee", repeats=True)
    for pk, employee, proposed, board, final, set_by in qs.iterator(chunk_size=CHUNK):
        yield (
            allegation_id(pk),
            officer_id(employee),
            proposed or "",
            board or "",
            final or "",
            set_by or "",
            *(crosswalk.discipline_in(peer, final) for peer in crosswalk.PEERS),
        )


# Aggregate datasets: (dimension, year, category, count or None, suppressed).


def _aggregate_rows(dimension, table):
    """``{year: {category: n}}`` -> rows with two-way suppression across years and categories."""
    published = suppress_table(table)
    for year in sorted(published):
        for category in sorted(published[year]):
            value = published[year][category]
            yield (dimension, year, category, value, value is None)


def _year_counts(pairs):
    table = {}
    for year, category in pairs:
        row = table.setdefault(year, {})
        row[category] = row.get(category, 0) + 1
    return table


def demographics_rows(release):
    """One count per filer's answer (a complaint), by year the case was received; race may have several
    answers per filer, so the race counts add up to more than the filers."""
    cases = _cases(release)
    qs = FilerDemographics.objects.filter(complaint__case__in=cases).values_list(
        "complaint__case__received_at", "race_ethnicity", "gender", "age_range"
    )
    race, gender, age = {}, {}, {}
    for received, races, g, a in qs.iterator(chunk_size=CHUNK):
        year = timezone.localtime(received).year
        for value in races or ["not_answered"]:
            race.setdefault(year, {}).setdefault(value, 0)
            race[year][value] += 1
        gender.setdefault(year, {}).setdefault(g or "not_answered", 0)
        gender[year][g or "not_answered"] += 1
        age.setdefault(year, {}).setdefault(a or "not_answered", 0)
        age[year][a or "not_answered"] += 1
    for dimension, table in (("race_ethnicity", race), ("gender", gender), ("age_range", age)):
        yield from _aggregate_rows(dimension, table)


def geography_rows(release):
    """Cases by year received and the first complaint's neighbourhood, and by year and ZIP."""
    first = Complaint.objects.filter(case=OuterRef("pk")).order_by("received_at", "pk")
    qs = (
        _cases(release)
        .annotate(
            neighbourhood=Subquery(first.values("neighbourhood")[:1]), zip_code=Subquery(first.values("zip_code")[:1])
        )
        .values_list("received_at", "neighbourhood", "zip_code")
    )
    by_place, by_zip = {}, {}
    for received, place, zip_code in qs.iterator(chunk_size=CHUNK):
        year = timezone.localtime(received).year
        by_place.setdefault(year, {}).setdefault(place or "not_recorded", 0)
        by_place[year][place or "not_recorded"] += 1
        by_zip.setdefault(year, {}).setdefault(zip_code or "not_recorded", 0)
        by_zip[year][zip_code or "not_recorded"] += 1
    yield from _aggregate_rows("neighbourhood", by_place)
    yield from _aggregate_rows("zip_code", by_zip)


AGGREGATE_COLUMNS = [
    Column(
        "dimension",
        "string",
        gettext_noop("What is counted by: the answer asked, or the place."),
        ["race_ethnicity", "gender", "age_range", "neighbourhood", "zip_code"],
    ),
    Column("year", "integer", gettext_noop("The year the case was received (Pacific time).")),
    Column("category", "string", gettext_noop("The answer or the place; not_answered or not_recorded when blank.")),
    Column("count", "integer or empty", gettext_noop("How many; empty (null) when withheld by the suppression rule.")),
    Column("suppressed", "boolean", gettext_noop("True when the count is withheld."), ["true", "false"]),
]

DATASETS = {
    "complaints": {
        "title": gettext_noop("Complaints and cases"),
        "meaning": gettext_noop("One row per case with a case-handling decision, received in the release's period."),
        "columns": [
            Column("case_id", "string", gettext_noop("The case's anonymized id: the same in every release.")),
            Column("received_month", "YYYY-MM", gettext_noop("The month the case was received (Pacific time).")),
            Column("origin", "string", gettext_noop("How the case began."), _choices(Case.Origin.choices)),
            Column("decision", "string", gettext_noop("The case-handling decision."), _choices(Case.Decision.choices)),
            Column(
                "mandatory_category",
                "string",
                gettext_noop("For incidents the Office must investigate: which kind; else empty."),
                _choices(Case.mandatory_category.field.choices),
            ),
            Column(
                "status",
                "string",
                gettext_noop("The case's status when the release was built."),
                _choices(Case.Status.choices),
            ),
            Column("closed_month", "YYYY-MM or empty", gettext_noop("The month the case was closed; empty if open.")),
            Column("allegations", "integer", gettext_noop("How many allegations the case has.")),
        ],
        "rows": complaints_rows,
    },
    "allegations": {
        "title": gettext_noop("Allegations and findings"),
        "meaning": gettext_noop("One row per allegation of a released case, with its findings at each level."),
        "columns": [
            Column(
                "allegation_id", "string", gettext_noop("The allegation's anonymized id: the same in every release.")
            ),
            Column("case_id", "string", gettext_noop("The case's anonymized id (see complaints).")),
            Column(
                "officer_id",
                "string or empty",
                gettext_noop("The officer's anonymized id, the same across cases and releases; empty if unidentified."),
            ),
            Column("type", "string", gettext_noop("The kind of misconduct alleged.")),
            Column("decision", "string", gettext_noop("The case-handling decision."), _choices(Case.Decision.choices)),
            Column(
                "investigator_finding",
                "string or empty",
                gettext_noop("The investigator's recommended finding."),
                FINDINGS,
            ),
            Column("board_finding", "string or empty", gettext_noop("The Board's finding."), FINDINGS),
            Column(
                "final_finding", "string or empty", gettext_noop("The finding after appeals and proceedings."), FINDINGS
            ),
            *_crosswalk_columns("final_finding", crosswalk.FINDINGS),
        ],
        "rows": allegations_rows,
    },
    "discipline": {
        "title": gettext_noop("Discipline"),
        "meaning": gettext_noop("One row per allegation with discipline proposed, decided or final."),
        "columns": [
            Column("allegation_id", "string", gettext_noop("The allegation's anonymized id (see allegations).")),
            Column("officer_id", "string or empty", gettext_noop("The officer's anonymized id (see allegations).")),
            Column("proposed_level", "string or empty", gettext_noop("The discipline the panel proposed."), LEVELS),
            Column(
                "board_level",
                "string or empty",
                gettext_noop("The discipline the Board decided, after Loudermill."),
                LEVELS,
            ),
            Column(
                "final_level",
                "string or empty",
                gettext_noop("The discipline after grievance, appeal or arbitration."),
                LEVELS,
            ),
            Column("set_by", "string", gettext_noop("Who set the final level."), _choices(FinalOutcome.SetBy.choices)),
            *_crosswalk_columns("final_level", crosswalk.DISCIPLINE),
        ],
        "rows": discipline_rows,
    },
    "demographics": {
        "title": gettext_noop("Filers' demographics (aggregate)"),
        "meaning": gettext_noop(
            "Counts of filers' voluntary answers by year, race or ethnicity, gender and age range; suppressed."
        ),
        "columns": AGGREGATE_COLUMNS,
        "rows": demographics_rows,
        "allowed": {
            "race_ethnicity": _choices(FilerDemographics.Race.choices),
            "gender": _choices(FilerDemographics.Gender.choices),
            "age_range": _choices(FilerDemographics.AgeRange.choices),
        },
    },
    "geography": {
        "title": gettext_noop("Cases by place (aggregate)"),
        "meaning": gettext_noop("Counts of cases by year and neighbourhood, and by year and ZIP code; suppressed."),
        "columns": AGGREGATE_COLUMNS,
        "rows": geography_rows,
        "allowed": {"neighbourhood": [value for value, _label in NEIGHBOURHOOD_CHOICES]},
    },
}
FORMATS = ("csv", "json")


def dictionary_data():
    """The dictionary as data (msgids untranslated): every dataset's columns, the suppression rule,
    the crosswalk."""
    return {
        "datasets": {
            name: {
                "title": spec["title"],
                "meaning": spec["meaning"],
                "columns": [
                    {"name": c.name, "type": c.type, "meaning": c.meaning, "allowed": list(c.allowed)}
                    for c in spec["columns"]
                ],
                "allowed_categories": spec.get("allowed", {}),
            }
            for name, spec in DATASETS.items()
        },
        "suppression_rule": SUPPRESSION_RULE % {"minimum": settings.SMALL_CELL_MIN - 1},
        "crosswalk": crosswalk_table(),
        "peers": dict(crosswalk.PEER_NAMES),
    }


def crosswalk_table():
    return [{**row, "label": str(row["label"])} for row in crosswalk.crosswalk_rows()]


DICTIONARY_COLUMNS = ["dataset", "column", "type", "meaning", "allowed_values"]


def dictionary_rows():
    data = dictionary_data()
    for name, spec in data["datasets"].items():
        for column in spec["columns"]:
            yield (name, column["name"], column["type"], column["meaning"], "|".join(column["allowed"]))
    yield ("*", "*", "rule", data["suppression_rule"], "")
    for row in data["crosswalk"]:
        yield (
            "crosswalk",
            f"{row['kind']}:{row['value']}",
            "mapping",
            row["note"],
            f"ccrb={row['ccrb']}|copa={row['copa']}|cpdb={row['cpdb']}",
        )


# Writing.


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


_json_rows = json.JSONEncoder(ensure_ascii=False).encode  # one encoder, not one per call (json.dumps)
BATCH = 200  # rows formatted in memory before a write: one encode and hash per batch, not per row


def write_dataset(columns, rows):
    """Streams ``rows`` into a CSV and a JSON temporary file at once; returns the two ``WrittenFile``s
    (their temp files rewound, deleted when closed). Memory holds one batch of rows at a time."""
    names = [c.name if isinstance(c, Column) else c for c in columns]
    csv_tmp = tempfile.TemporaryFile()
    json_tmp = tempfile.TemporaryFile()
    out = _BatchWriter(names, columns, HashingWriter(csv_tmp), HashingWriter(json_tmp))
    batch = []
    for row in rows:
        batch.append(row)
        if len(batch) == BATCH:
            out.write(batch)
            batch.clear()
    out.write(batch)
    out.json_out.write("\n]\n")
    files = []
    for fmt, tmp, hashing in (("csv", csv_tmp, out.csv_out), ("json", json_tmp, out.json_out)):
        tmp.flush()
        tmp.seek(0)
        files.append(WrittenFile(fmt, tmp, hashing.hash.hexdigest(), hashing.bytes, out.count))
    return files


class _BatchWriter:
    """Formats a batch of rows with one call per format (``writerows``; one JSON encoding of the batch's
    objects), then encodes, hashes and writes each format's text once."""

    def __init__(self, names, columns, csv_out, json_out):
        self.names, self.csv_out, self.json_out, self.count = names, csv_out, json_out, 0
        self.cells = _boolean_row if any(isinstance(c, Column) and c.type == "boolean" for c in columns) else text_row
        self.buffer = io.StringIO()
        self.writer = csv.writer(self.buffer, lineterminator="\n")
        self.writer.writerow(names)
        self.json_out.write("[")

    def write(self, batch):
        if batch:
            self.writer.writerows(map(self.cells, batch))
            names = self.names
            objects = _json_rows([dict(zip(names, row, strict=True)) for row in batch])
            # "[{...}, {...}]" without its brackets: the file is one array, a batch to a line.
            self.json_out.write(("," if self.count else "") + "\n" + objects[1:-1])
            self.count += len(batch)
        self.csv_out.write(self.buffer.getvalue())
        self.buffer.seek(0)
        self.buffer.truncate()
