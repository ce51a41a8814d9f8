from datetime import datetime

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from intake.models import Case
from intake.public_forms import SurveyForm
from intake.status import survey_summary
from investigations.models import Finding, FindingOutcome, Interview, RecordsRequest
from oversight.calendar.models import Deadline

from .models import ReportDocument

SURVEY_QUESTIONS = ("ease_of_filing", "kept_informed", "treated_fairly", "overall")


def _year_bounds(year):
    tz = timezone.get_default_timezone()
    return datetime(year, 1, 1, tzinfo=tz), datetime(year + 1, 1, 1, tzinfo=tz)


def annual_report_data(*, year):
    """Anonymized counts for the annual report (R5.1): no names, only numbers. Six queries."""
    start, end = _year_bounds(year)
    cases = Case.objects.filter(received_at__gte=start, received_at__lt=end)
    by_decision = dict(cases.values_list("decision").annotate(n=Count("pk")).order_by())
    findings = dict(
        Finding.objects.filter(allegation__case__received_at__gte=start, allegation__case__received_at__lt=end)
        .values_list("outcome")
        .annotate(n=Count("pk"))
        .order_by()
    )
    # Published counts read breached_at as recorded; they never recompute history (DEADLINES.md).
    late = Deadline.objects.filter(breached_at__gte=start, breached_at__lt=end).aggregate(
        investigations=Count("pk", filter=Q(rule=Deadline.Rule.INVESTIGATION_180D)),
        records_requests=Count("pk", filter=Q(rule=Deadline.Rule.RECORDS_5BD)),
    )
    refusals = Interview.objects.filter(status=Interview.Status.REFUSED, held_at__gte=start, held_at__lt=end)
    requests_sent = RecordsRequest.objects.filter(sent_at__gte=start, sent_at__lt=end)
    survey = survey_summary(answered_from=start, answered_to=end)
    return {
        "year": year,
        "investigations_past_180_days": late["investigations"],
        "records_requests_sent": requests_sent.count(),
        "records_requests_overdue": late["records_requests"],
        "refusals_to_cooperate": refusals.count(),
        # R1.10: what filers said when their case closed; the mean of each 1-5 question.
        "survey_answers": survey["count"],
        "survey": [(SurveyForm.base_fields[name].label, survey[name]) for name in SURVEY_QUESTIONS],
        "total_cases": sum(by_decision.values()),
        "by_decision": [(label, by_decision.get(value, 0)) for value, label in Case.Decision.choices]
        + [(_("Not yet decided"), by_decision.get("", 0))],
        "by_finding": [(label, findings.get(value, 0)) for value, label in FindingOutcome.choices],
        "generated_at": timezone.now(),
    }


def report_document_get(*, kind, year):
    return ReportDocument.objects.filter(kind=kind, year=year).first()
