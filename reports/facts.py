"""The one reading of an allegation's path through the system, for every report, release and chart
(issue 11): the case-handling decision, the finding at three levels (the investigator's, the Board's,
the final one after appeals and proceedings) and the discipline at three levels (proposed by the
disciplinary panel before Loudermill, decided by the Board, final after grievance, Civil Service Board
or arbitration).

``FinalOutcome`` (discipline/outcomes.py) already keeps the Board's and the final values per allegation,
derived from their sources; this module only joins. Nothing here reads a name, a narrative or contact
details: what it returns may be counted or released.
"""

from datetime import datetime

from django.db.models import F, OuterRef, Q, Subquery
from django.utils import timezone

from intake.models import Allegation, Case, Complaint

# The three levels a finding and a discipline level are read at, in the order they happen.
LEVELS = ("investigator", "board", "final")
FINDING_FIELDS = {"investigator": "investigator_finding", "board": "board_finding", "final": "final_finding"}
DISCIPLINE_FIELDS = {"proposed": "discipline_proposed", "board": "discipline_board", "final": "discipline_final"}


def period_bounds(start, end):
    """Aware datetimes for [start, end) given as dates (Pacific), for ``received_at`` filters."""
    tz = timezone.get_default_timezone()
    return datetime(start.year, start.month, start.day, tzinfo=tz), datetime(end.year, end.month, end.day, tzinfo=tz)


def first_complaint(field):
    """A subquery: ``field`` of the case's first complaint (neighbourhood and ZIP are asked per complaint)."""
    return Subquery(Complaint.objects.filter(case=OuterRef("case_id")).order_by("received_at", "pk").values(field)[:1])


def allegation_facts(*, received_from=None, received_to=None, case_filter=None):
    """Allegations with their case's facts and their findings and discipline at every level, as plain
    annotated columns (use ``.values(*FACT_COLUMNS)``). ``received_*`` are aware datetimes, [from, to)."""
    qs = Allegation.objects.filter(is_against_chief=False)
    if received_from is not None:
        qs = qs.filter(case__received_at__gte=received_from)
    if received_to is not None:
        qs = qs.filter(case__received_at__lt=received_to)
    if case_filter is not None:
        qs = qs.filter(case_filter)
    return qs.annotate(
        case_number=F("case__number"),
        case_origin=F("case__origin"),
        case_received_at=F("case__received_at"),
        case_closed_at=F("case__closed_at"),
        case_status=F("case__status"),
        decision=F("case__decision"),
        mandatory_category=F("case__mandatory_category"),
        type_name=F("allegation_type__name"),
        investigator_finding=F("finding__outcome"),
        board_finding=F("final_outcome__board_finding"),
        final_finding=F("final_outcome__final_finding"),
        discipline_proposed=F("discipline__action"),
        discipline_board=F("final_outcome__board_level"),
        discipline_final=F("final_outcome__final_level"),
        discipline_set_by=F("final_outcome__set_by"),
        neighbourhood=first_complaint("neighbourhood"),
        zip_code=first_complaint("zip_code"),
    )


FACT_COLUMNS = (
    "pk",
    "case_id",
    "employee_id",
    "case_number",
    "case_origin",
    "case_received_at",
    "case_closed_at",
    "case_status",
    "decision",
    "mandatory_category",
    "allegation_type_id",
    "type_name",
    "investigator_finding",
    "board_finding",
    "final_finding",
    "discipline_proposed",
    "discipline_board",
    "discipline_final",
    "discipline_set_by",
    "neighbourhood",
    "zip_code",
)


def case_facts(*, received_from=None, received_to=None):
    """Cases received in [from, to), with the first complaint's neighbourhood and ZIP; no names."""
    qs = Case.objects.all()
    if received_from is not None:
        qs = qs.filter(received_at__gte=received_from)
    if received_to is not None:
        qs = qs.filter(received_at__lt=received_to)
    first = Subquery(
        Complaint.objects.filter(case=OuterRef("pk")).order_by("received_at", "pk").values("neighbourhood")[:1]
    )
    first_zip = Subquery(
        Complaint.objects.filter(case=OuterRef("pk")).order_by("received_at", "pk").values("zip_code")[:1]
    )
    return qs.annotate(neighbourhood=first, zip_code=first_zip)


def sustained(level="final"):
    """Q for an allegation found Out of Policy at ``level`` (investigator, board or final)."""
    return Q(**{FINDING_FIELDS[level]: "out_of_policy"})
