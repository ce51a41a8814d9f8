"""What a raw-data release contains and how its files are written (R5.3, 35A.050 J; issue 11 part B).

Scope: cases received in the release's period that HAVE a case-handling decision (a case still before
its decision is not yet a fact to release; it appears in the first release after its decision). Cases
with an allegation against the Chief of Police are left out entirely (they go to the Mayor, R1.7, and a
handful of such cases would point at one person).

Row-level files (``complaints``, ``complainants``, ``allegations``, ``discipline``) hold only coded
values: ids are keyed hashes (``anonymized_id``; a filer's of the e-mail address or phone number they
gave, never the address or number), dates are months. No name, narrative, description, contact detail,
incident place, neighbourhood, ZIP or demographic is ever in a row-level file; geography and demographics are
only in the aggregate files, with small-cell suppression (``reports.suppression``).

Every file is written by streaming rows from the database (``.iterator(chunk_size=5000)``; the million
allegations with COPY) into a CSV and a JSON temporary file while hashing them, so memory stays flat
however many rows there are: ``reports.release_writer`` writes them. The storage copy is chunked too.
"""

import hashlib
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache

from django.conf import settings
from django.db import connections, router
from django.db.models import Count, Exists, OuterRef, Q, Subquery
from django.utils import timezone
from django.utils.translation import gettext_noop

from discipline.models import DisciplineDecision, FinalOutcome
from intake.models import Allegation, Case, Complaint, FilerDemographics
from intake.neighbourhoods import NEIGHBOURHOOD_CHOICES
from investigations.models import FindingOutcome

from . import crosswalk
from .facts import allegation_facts, period_bounds
from .release_writer import CODED_LIMIT, copy_fields, copy_lines
from .suppression import suppress_table
from .trends import filer_key

CHUNK = 5000
ID_LENGTH = 16
SHA256_BLOCK = 64  # bytes; HMAC pads the key to the hash's block
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
    """``anonymized_id`` of one kind as a function of the pk (an int, or its text as bytes, as COPY gives
    it), for a whole file. HMAC (RFC 2104) is two SHA-256 streams: the key's inner pad and ``"kind:"``,
    and the key's outer pad, are hashed once; each id copies the two states (C objects, no Python
    wrapper) and hashes only its pk. With ``repeats`` the last 1,024 ids are kept (a file's officers and
    cases repeat; small and bounded, so memory stays flat)."""
    key = settings.RAW_DATA_ID_KEY.encode()
    if len(key) > SHA256_BLOCK:
        key = hashlib.sha256(key).digest()
    key = key.ljust(SHA256_BLOCK, b"\0")
    inner = hashlib.sha256(bytes(b ^ 0x36 for b in key) + f"{kind}:".encode())
    outer = hashlib.sha256(bytes(b ^ 0x5C for b in key))

    def keyed_id(pk):
        if pk is None:
            return ""
        hasher = inner.copy()
        hasher.update(pk if pk.__class__ is bytes else str(pk).encode())
        result = outer.copy()
        result.update(hasher.digest())
        return result.hexdigest()[:ID_LENGTH]

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
    keyed: bool = False  # an anonymized id (``anonymized_ids``): 16 hex digits or empty


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


def complainants_rows(release):
    """One row per complaint of a released case: its filer as a keyed id of the e-mail address, else the
    phone number (``filer_key``), so the same person has the same id across cases and releases; never
    the address or number itself."""
    qs = (
        Complaint.objects.filter(case__in=_cases(release).values("pk"))
        .order_by("pk")
        .values_list("pk", "case_id", "contact_email", "contact_phone", "received_at", "filer_type", "channel")
    )
    complaint_id, case_id = anonymized_ids("complaint"), anonymized_ids("case", repeats=True)
    complainant_id = anonymized_ids("complainant", repeats=True)
    for pk, case, email, phone, received, filer_type, channel in qs.iterator(chunk_size=CHUNK):
        key = filer_key(email, phone)
        yield (
            complaint_id(pk),
            case_id(case),
            complainant_id(key) if key else "",
            month(received),
            filer_type,
            channel,
        )


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
    """Read with COPY (``copy_lines``): each line's three ids are hashed from their text as it comes, and
    the rest of the line (type, decision, findings) is decoded, and its crosswalk looked up, once per
    distinct text: a million allegations have a few thousand."""
    qs = _allegations(release).order_by("pk").values_list(*ALLEGATION_FACTS)
    allegation_id, case_id, officer_id = (
        anonymized_ids("allegation"),
        anonymized_ids("case", repeats=True),
        anonymized_ids("employee", repeats=True),
    )
    tails = {}
    for pk, case, employee, rest in copy_lines(qs, leading=3):
        tail = tails.get(rest)
        if tail is None:
            if len(tails) >= CODED_LIMIT:
                tails.clear()
            tail = tails[rest] = _allegation_tail(rest)
        yield (allegation_id(pk), case_id(case), officer_id(None if employee == b"\\N" else employee), *tail)


def _allegation_tail(rest):
    type_name, decision, inv, board, final = copy_fields(rest)
    peers = tuple(crosswalk.finding_in(peer, final) for peer in crosswalk.PEERS)
    return (type_name, decision, inv or "", board or "", final or "", *peers)


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
            Column(
                "case_id", "string", gettext_noop("The case's anonymized id: the same in every release."), keyed=True
            ),
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
    "complainants": {
        "title": gettext_noop("Complaints filed and their filers"),
        "meaning": gettext_noop(
            "One row per complaint filed about a released case (a case may gather several), with an anonymized "
            "id of the person who filed it."
        ),
        "columns": [
            Column(
                "complaint_id",
                "string",
                gettext_noop("The complaint's anonymized id: the same in every release."),
                keyed=True,
            ),
            Column("case_id", "string", gettext_noop("The case's anonymized id (see complaints)."), keyed=True),
            Column(
                "complainant_id",
                "string or empty",
                gettext_noop(
                    "The filer's anonymized id, the same across complaints and releases: derived from the e-mail "
                    "address, else the phone number, the filer gave (never published). Empty when the filer gave "
                    "neither, so that complaint cannot be linked to others."
                ),
                keyed=True,
            ),
            Column("received_month", "YYYY-MM", gettext_noop("The month the complaint was received (Pacific time).")),
            Column(
                "filer_type",
                "string",
                gettext_noop("Who filed: the person it happened to, a third party, or a PPB employee."),
                _choices(Complaint.FilerType.choices),
            ),
            Column(
                "channel", "string", gettext_noop("How the complaint came in."), _choices(Complaint.Channel.choices)
            ),
        ],
        "rows": complainants_rows,
    },
    "allegations": {
        "title": gettext_noop("Allegations and findings"),
        "meaning": gettext_noop("One row per allegation of a released case, with its findings at each level."),
        "columns": [
            Column(
                "allegation_id",
                "string",
                gettext_noop("The allegation's anonymized id: the same in every release."),
                keyed=True,
            ),
            Column("case_id", "string", gettext_noop("The case's anonymized id (see complaints)."), keyed=True),
            Column(
                "officer_id",
                "string or empty",
                gettext_noop("The officer's anonymized id, the same across cases and releases; empty if unidentified."),
                keyed=True,
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
            Column(
                "allegation_id", "string", gettext_noop("The allegation's anonymized id (see allegations)."), keyed=True
            ),
            Column(
                "officer_id",
                "string or empty",
                gettext_noop("The officer's anonymized id (see allegations)."),
                keyed=True,
            ),
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
