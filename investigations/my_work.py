"""The investigations' parts of the staff home (issue 12.1): the investigator's cases, tasks,
records requests and interviews; the Director's late clocks and cases waiting to be opened.
Registered in apps.py; each part runs a few queries, whatever the number of cases."""

from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Exists, F, OuterRef, Q, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from intake.models import Case
from intake.sections import case_section_url
from oversight.accounts.my_work import ROWS_SHOWN, part, row
from oversight.calendar.models import Deadline

from .models import ChiefNotice, Interview, Investigation, InvestigationTask, RecordsRequest

# Tasks due within this many days show on the home, with the late ones first.
TASKS_AHEAD = timedelta(days=7)


def _case_url(case_id, section=None):
    return case_section_url(case_id, section)


def _day(moment):
    return timezone.localtime(moment).date().isoformat()


def _open_clock(model, rule):
    """The due time of the open clock of ``rule`` on each row, as a subquery."""
    clocks = Deadline.objects.filter(
        about_type=ContentType.objects.get_for_model(model), about_id=OuterRef("pk"), rule=rule, met_at__isnull=True
    )
    return Subquery(clocks.values("due_at")[:1])


def _listed(title, queryset, to_row, *, late_filter=None, **extra):
    """A part of the first ROWS_SHOWN rows of an ordered queryset, with its count and late count:
    two queries."""
    counts = queryset.order_by().aggregate(n=Count("pk"), late=Count("pk", filter=late_filter or Q(pk__isnull=True)))
    if not counts["n"]:
        return None
    rows = [to_row(item) for item in queryset[:ROWS_SHOWN]]
    return part(title, rows, count=counts["n"], late=counts["late"], **extra)


def investigator_cases_part(*, user, now):
    """My open investigations with the 180-day clock's due date, the nearest (or passed) first."""
    investigations = (
        Investigation.objects.filter(investigator=user, status=Investigation.Status.OPEN)
        .annotate(due_at=_open_clock(Investigation, Deadline.Rule.INVESTIGATION_180D))
        .select_related("case")
        .only("pk", "case__id", "case__number", "commenced_at")
        .order_by(F("due_at").asc(nulls_last=True), "pk")
    )

    def to_row(investigation):
        detail = _("Due %(day)s (180 days)") % {"day": _day(investigation.due_at)} if investigation.due_at else ""
        late = bool(investigation.due_at and investigation.due_at < now)
        return row(investigation.case.number, _case_url(investigation.case_id), detail, is_late=late)

    return _listed(
        _("My investigations, by next deadline"),
        investigations,
        to_row,
        late_filter=Q(due_at__lt=now),
        more_url=reverse("investigations:investigation-list"),
        more_label=_("Investigations and their clocks"),
    )


def investigator_tasks_part(*, user, now):
    """My open tasks due within TASKS_AHEAD, or overdue, the earliest first."""
    today = timezone.localdate(now)
    mine = Q(assigned_to=user) | Q(assigned_to__isnull=True, investigation__investigator=user)
    tasks = (
        InvestigationTask.objects.filter(mine, done_at__isnull=True, due_on__lte=today + TASKS_AHEAD)
        .filter(investigation__status=Investigation.Status.OPEN)
        .select_related("investigation__case")
        .only("pk", "title", "due_on", "investigation__case__id", "investigation__case__number")
        .order_by("due_on", "pk")
    )

    def to_row(task):
        label = f"{task.investigation.case.number}: {task.title}"
        detail = _("Due %(day)s") % {"day": task.due_on.isoformat()}
        return row(label, _case_url(task.investigation.case_id, "investigation"), detail, is_late=task.due_on < today)

    return _listed(_("My tasks due"), tasks, to_row, late_filter=Q(due_on__lt=today))


def investigator_records_part(*, user, now):
    """My records requests still waiting for PPB, by their five-business-day due date."""
    requests = (
        RecordsRequest.objects.filter(
            investigation__investigator=user, status__in=(RecordsRequest.Status.SENT, RecordsRequest.Status.PARTIAL)
        )
        .annotate(due_at=_open_clock(RecordsRequest, Deadline.Rule.RECORDS_5BD))
        .select_related("investigation__case")
        .only("pk", "status", "investigation__case__id", "investigation__case__number")
        .order_by(F("due_at").asc(nulls_last=True), "pk")
    )

    def to_row(request):
        label = _("Request %(n)s on %(number)s") % {"n": request.pk, "number": request.investigation.case.number}
        detail = _("PPB's answer due %(day)s") % {"day": _day(request.due_at)} if request.due_at else ""
        late = bool(request.due_at and request.due_at < now)
        return row(label, reverse("investigations:records-request-detail", args=[request.pk]), detail, is_late=late)

    return _listed(_("Records requests awaiting PPB"), requests, to_row, late_filter=Q(due_at__lt=now))


def investigator_interviews_part(*, user, now):
    """My scheduled interviews, the earliest first; one whose time has passed unrecorded is late."""
    interviews = (
        Interview.objects.filter(investigation__investigator=user, status=Interview.Status.SCHEDULED)
        .select_related("investigation__case", "employee")
        .order_by("scheduled_at", "pk")
    )

    def to_row(interview):
        label = f"{interview.investigation.case.number}: {interview.employee}"
        when = timezone.localtime(interview.scheduled_at).strftime("%Y-%m-%d %H:%M")
        url = _case_url(interview.investigation.case_id, "interviews")
        return row(label, url, _("Scheduled %(when)s") % {"when": when}, is_late=interview.scheduled_at < now)

    return _listed(_("Interviews scheduled"), interviews, to_row, late_filter=Q(scheduled_at__lt=now))


def director_late_part(*, user, now):
    """Every clock of the law past its due time and not met, the longest overdue first: three
    queries (the clocks, then their investigations and their records requests)."""
    late = Deadline.objects.filter(met_at__isnull=True, due_at__lt=now)
    count = late.count()
    if not count:
        return None
    clocks = list(late.order_by("due_at", "pk")[:ROWS_SHOWN])
    wanted = {rule: [c.about_id for c in clocks if c.rule == rule] for rule in Deadline.Rule.values}
    investigations = Investigation.objects.select_related("case").in_bulk(wanted[Deadline.Rule.INVESTIGATION_180D])
    requests = RecordsRequest.objects.select_related("investigation__case").in_bulk(wanted[Deadline.Rule.RECORDS_5BD])
    rows = [_late_row(clock, investigations, requests) for clock in clocks]
    return part(_("Late: deadlines passed"), [r for r in rows if r], count=count, late=count)


def _late_row(clock, investigations, requests):
    due = _("Due %(day)s") % {"day": _day(clock.due_at)}
    if clock.rule == Deadline.Rule.INVESTIGATION_180D and clock.about_id in investigations:
        case = investigations[clock.about_id].case
        label = _("Investigation of %(number)s: 180 days") % {"number": case.number}
        return row(label, _case_url(case.pk, "investigation"), due, is_late=True)
    if clock.rule == Deadline.Rule.RECORDS_5BD and clock.about_id in requests:
        request = requests[clock.about_id]
        label = _("Request %(n)s on %(number)s: PPB's five business days") % {
            "n": request.pk,
            "number": request.investigation.case.number,
        }
        url = reverse("investigations:records-request-detail", args=[request.pk])
        return row(label, url, due, is_late=True)
    return None


def director_awaiting_investigation_part(*, user, now):
    """Cases routed to investigation that wait for the Chief's notice or an investigator, oldest first."""
    cases = (
        Case.objects.filter(status=Case.Status.AWAITING_INVESTIGATION)
        .annotate(noticed=Exists(ChiefNotice.objects.filter(case=OuterRef("pk"))))
        .only("pk", "number", "decided_at")
        .order_by(F("decided_at").asc(nulls_last=True), "pk")
    )

    def to_row(case):
        detail = _("Assign an investigator") if case.noticed else _("Send the notice to the Chief")
        return row(case.number, _case_url(case.pk, "investigation"), detail)

    return _listed(_("Waiting for the Chief's notice or an investigator"), cases, to_row)
