from datetime import datetime

from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from intake.models import Case
from investigations.models import Finding, FindingOutcome, Interview
from oversight.calendar.models import Deadline

from .models import ReportDocument


def _year_bounds(year):
    tz = timezone.get_default_timezone()
    return datetime(year, 1, 1, tzinfo=tz), datetime(year + 1, 1, 1, tzinfo=tz)


def annual_report_data(*, year):
    """Anonymized counts for the annual report (R5.1): no names, only numbers. Five queries."""
    start, end = _year_bounds(year)
    cases = Case.objects.filter(received_at__gte=start, received_at__lt=end)
    by_decision = dict(cases.values_list("decision").annotate(n=Count("pk")).order_by())
    findings = dict(
        Finding.objects.filter(allegation__case__received_at__gte=start, allegation__case__received_at__lt=end)
        .values_list("outcome")
        .annotate(n=Count("pk"))
        .order_by()
    )
    late = Deadline.objects.filter(rule=Deadline.Rule.INVESTIGATION_180D, breached_at__gte=start, breached_at__lt=end)
    refusals = Interview.objects.filter(status=Interview.Status.REFUSED, held_at__gte=start, held_at__lt=end)
    return {
        "year": year,
        # Published counts read breached_at as recorded; they never recompute history (DEADLINES.md).
        "investigations_past_180_days": late.count(),
        "refusals_to_cooperate": refusals.count(),
        "total_cases": cases.count(),
        "by_decision": [(label, by_decision.get(value, 0)) for value, label in Case.Decision.choices]
        + [(_("Not yet decided"), by_decision.get("", 0))],
        "by_finding": [(label, findings.get(value, 0)) for value, label in FindingOutcome.choices],
        "generated_at": timezone.now(),
    }


def report_document_get(*, kind, year):
    return ReportDocument.objects.filter(kind=kind, year=year).first()
