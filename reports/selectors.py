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


# Report editions (issue 11 part A2). The public sees published and superseded editions only; drafts are
# the Director's and the administrator's.

PUBLIC_STATUSES = ("published", "superseded")


def _editions():
    from .models import ReportEdition

    return ReportEdition.objects.defer("snapshot")


def edition_current(*, kind, year, quarter=None):
    """The period's published edition (the latest version), with its snapshot, or None."""
    from .models import ReportEdition

    return ReportEdition.objects.filter(kind=kind, year=year, quarter=quarter, status="published").first()


def edition_version(*, kind, year, quarter=None, version):
    """One public version of a period's report (published or superseded), or None; never a draft."""
    from .models import ReportEdition

    return ReportEdition.objects.filter(
        kind=kind, year=year, quarter=quarter, version=version, status__in=PUBLIC_STATUSES
    ).first()


def edition_newer(edition):
    """For a superseded edition: the period's published version that replaced it."""
    if edition.status != "superseded":
        return None
    return (
        _editions()
        .filter(kind=edition.kind, year=edition.year, quarter=edition.quarter, status="published")
        .only("pk", "kind", "year", "quarter", "version", "published_at")
        .first()
    )


def edition_versions(edition):
    """Every public version of the edition's period, newest first (a small list: one per correction)."""
    return list(
        _editions()
        .filter(kind=edition.kind, year=edition.year, quarter=edition.quarter, status__in=PUBLIC_STATUSES)
        .only("pk", "kind", "year", "quarter", "version", "status", "published_at")
        .order_by("-version")
    )


def edition_index():
    """The published reports, by year and kind, for the public index: one query, no snapshots."""
    return list(
        _editions()
        .filter(status="published")
        .only("pk", "kind", "year", "quarter", "version", "published_at", "pdf")
        .order_by("-year", "kind", "-quarter")
    )


def edition_list_visible_to(*, user):
    """Every edition for the Director and the administrator; nothing for anyone else."""
    from .editions import can_manage_editions

    if not can_manage_editions(user):
        return _editions().none()
    return _editions().select_related("published_by")


def edition_with_cases_for(*, user, pk):
    """An edition with its snapshot: any published or superseded one; a draft only for those who manage
    editions; 404 otherwise (a draft's numbers are not public)."""
    from django.http import Http404

    from .editions import can_manage_editions
    from .models import ReportEdition

    edition = ReportEdition.objects.filter(pk=pk).first()
    if edition is None or (edition.status not in PUBLIC_STATUSES and not can_manage_editions(user)):
        raise Http404
    return edition


def edition_get_for(*, user, pk):
    """One edition, with its snapshot, for the Director or the administrator; 404 otherwise."""
    from django.http import Http404

    from .editions import can_manage_editions
    from .models import ReportEdition

    edition = ReportEdition.objects.select_related("published_by").filter(pk=pk).first()
    if edition is None or not can_manage_editions(user):
        raise Http404
    return edition


def edition_public_url(edition):
    from django.urls import reverse

    if edition.kind == "annual":
        return reverse("reports:annual-version", kwargs={"year": edition.year, "version": edition.version})
    return reverse(
        "reports:quarterly-version",
        kwargs={"year": edition.year, "quarter": edition.quarter, "version": edition.version},
    )


def edition_public_pdf_url(edition):
    """The public download of a published or superseded edition's PDF, or "" (a draft's is staff-only)."""
    from django.urls import reverse

    if edition.status not in PUBLIC_STATUSES:
        return ""
    kwargs = {"year": edition.year, "version": edition.version}
    if edition.kind == "annual":
        return reverse("reports:annual-version-pdf", kwargs=kwargs)
    return reverse("reports:quarterly-version-pdf", kwargs=kwargs | {"quarter": edition.quarter})
