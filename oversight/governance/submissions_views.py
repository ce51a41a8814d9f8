"""Pages of PPB's data submissions (R4.7): the standards, periods and files for the Board and the
Director; the periods owed and the upload page for PPB's liaisons; the my-work parts."""

import django_filters
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from oversight.accounts.my_work import ROWS_SHOWN, part, row
from oversight.accounts.roles import Role, role_required
from oversight.lists import Sort, is_filtered, list_page
from oversight.uploads.limits import UploadProfile, takes_uploads

from .models import DataStandard, DataStandardVersion, DataSubmission, DataSubmissionPeriod
from .submissions import (
    DataFileRefused,
    PeriodStatus,
    can_record_data_standard,
    data_period_list_visible_to,
    data_standard_list,
    data_standard_record,
    data_submission_list_visible_to,
    data_submission_submit,
    data_version_in_force,
)
from .submissions_csv import csv_lines
from .submissions_forms import DataStandardForm, DataUploadForm, columns_to_text

DATA_FILE = UploadProfile("DATA_SUBMISSION_MAX_BYTES", "DATA_SUBMISSION_MAX_BYTES", "STAFF_UPLOAD_BYTES_PER_HOUR")
READERS = (Role.BOARD, Role.DIRECTOR)
ROWS_PER_PAGE = 100
PERIOD_SORTS = {
    "due": Sort(gettext_lazy("Due"), ("due_at",)),
    "standard": Sort(gettext_lazy("Standard"), ("standard__name", "start_on")),
    "period": Sort(gettext_lazy("Period"), ("end_on",)),
}


class PeriodFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(label=gettext_lazy("Status"), choices=PeriodStatus.CHOICES)
    standard = django_filters.ModelChoiceFilter(
        label=gettext_lazy("Standard"), queryset=DataStandard.objects.order_by("name")
    )

    class Meta:
        model = DataSubmissionPeriod
        fields = ["status", "standard"]


# The Board and the Director.


def _standards_page(request, form=None):
    if form is None and can_record_data_standard(request.user):
        form = DataStandardForm()
    labels = dict(DataStandardVersion.Frequency.choices)
    standards = [(s, labels.get(s.latest_frequency, "")) for s in data_standard_list()]
    context = {"standards": standards, "form": form}
    return render(request, "governance/data_standard_list.html", context, status=400 if form and form.errors else 200)


@role_required(*READERS)
@require_GET
def data_standard_list_view(request):
    """The Board's data standards for PPB, with the form the Director records a new one on."""
    return _standards_page(request)


def _record(request, form, standard=None):
    if not form.is_valid():
        return False
    try:
        version = data_standard_record(actor=request.user, standard=standard, **form.cleaned_data)
    except ValidationError as exc:
        form.add_error(None, exc) if not hasattr(exc, "error_dict") else _add_errors(form, exc)
        return False
    messages.success(request, _("Standard recorded: version %(n)s.") % {"n": version.number})
    return version


def _add_errors(form, exc):
    for field, errors in exc.message_dict.items():
        form.add_error(field if field in form.fields else None, errors)


@role_required(Role.DIRECTOR)
@require_POST
def data_standard_record_view(request):
    form = DataStandardForm(request.POST)
    version = _record(request, form)
    if version:
        return redirect("governance:data-standard-detail", version.standard_id)
    return _standards_page(request, form)


def _standard_page(request, standard, form=None):
    versions = list(standard.versions.select_related("recorded_by").prefetch_related("columns"))
    if form is None and can_record_data_standard(request.user) and versions:
        latest = versions[0]
        form = DataStandardForm(
            initial={
                "name": standard.name,
                "description": latest.description,
                "frequency": latest.frequency,
                "grace_days": latest.grace_days,
                "columns": columns_to_text(latest),
            }
        )
    context = {
        "standard": standard,
        "versions": versions,
        "in_force": data_version_in_force(standard, on=timezone.localdate()),
        "form": form,
    }
    return render(request, "governance/data_standard_detail.html", context, status=400 if form and form.errors else 200)


@role_required(*READERS)
@require_GET
def data_standard_detail(request, pk):
    return _standard_page(request, get_object_or_404(DataStandard, pk=pk))


@role_required(Role.DIRECTOR)
@require_POST
def data_standard_revise(request, pk):
    """A changed standard is a new version; files already received keep the version they were checked against."""
    standard = get_object_or_404(DataStandard, pk=pk)
    form = DataStandardForm(request.POST)
    if _record(request, form, standard):
        return redirect("governance:data-standard-detail", standard.pk)
    return _standard_page(request, standard, form)


@role_required(*READERS)
@require_GET
def data_period_list_view(request):
    """Every period owed, due soon, overdue or received, filtered and sorted; a constant number of queries."""
    filters = PeriodFilter(request.GET or None, queryset=data_period_list_visible_to(user=request.user))
    listing = list_page(request, filters.qs, sorts=PERIOD_SORTS, default="-due", filtered=is_filtered(filters))
    context = {"listing": listing, "page": listing.page, "filters": filters.form}
    return render(request, "governance/data_period_list.html", context)


@role_required(*READERS)
@require_GET
def data_period_detail(request, pk):
    """A period: its clock, the files received (the current one and those it corrected), the files refused."""
    period = get_object_or_404(data_period_list_visible_to(user=request.user), pk=pk)
    from oversight.calendar.selectors import deadline_for

    context = {
        "period": period,
        "clock": deadline_for(period, "data_submission"),
        "submissions": period.submissions.select_related("submitted_by", "version").order_by("-submitted_at", "-pk"),
        "attempts": period.attempts.select_related("submitted_by").order_by("-submitted_at", "-pk")[:50],
    }
    return render(request, "governance/data_period_detail.html", context)


def _submission_for(request, pk):
    return get_object_or_404(data_submission_list_visible_to(user=request.user), pk=pk)


@role_required(*READERS)
@require_GET
def data_submission_detail(request, pk):
    """A submission's rows as a table, ROWS_PER_PAGE to a page."""
    submission = _submission_for(request, pk)
    columns = list(submission.version.columns.all())
    page = Paginator(submission.rows.order_by("number"), ROWS_PER_PAGE).get_page(request.GET.get("page"))
    rows = [(r.number, [r.values.get(c.name) for c in columns]) for r in page.object_list]
    context = {"submission": submission, "columns": columns, "page": page, "rows": rows}
    return render(request, "governance/data_submission_detail.html", context)


@role_required(*READERS)
@require_GET
def data_submission_csv(request, pk):
    """The stored rows as the CSV file they came from (streamed: a file may have many rows)."""
    submission = _submission_for(request, pk)
    names = list(submission.version.columns.values_list("name", flat=True))
    values = submission.rows.order_by("number").values_list("values", flat=True).iterator(chunk_size=2000)
    response = StreamingHttpResponse(csv_lines(names, values), content_type="text/csv; charset=utf-8")
    filename = f"{submission.period.standard.name}-{submission.period.start_on}-{submission.pk}.csv"
    safe = "".join(ch if ch.isalnum() or ch in "-_." else "_" for ch in filename)
    response["Content-Disposition"] = f'attachment; filename="{safe}"'
    return response


# PPB's liaisons.


@role_required(Role.LIAISON)
@require_GET
def data_liaison_list(request):
    """The periods PPB owes (the overdue first) and those received, each with its upload page."""
    periods = data_period_list_visible_to(user=request.user)
    owed = periods.filter(received_at__isnull=True).order_by("due_at", "pk")
    received = periods.filter(received_at__isnull=False).order_by("-end_on", "pk")[:24]
    return render(request, "governance/data_liaison_list.html", {"owed": owed, "received": received})


def _upload_page(request, period, form, problems=None, total=0, status=200):
    version = data_version_in_force(period.standard, on=timezone.localdate()) or period.version
    context = {
        "period": period,
        "version": version,
        "columns": version.columns.all(),
        "form": form,
        "problems": problems,
        "total": total,
        "is_correction": period.received_at is not None,
    }
    return render(request, "governance/data_liaison_upload.html", context, status=status)


@takes_uploads(DATA_FILE)
@role_required(Role.LIAISON)
@require_http_methods(["GET", "POST"])
def data_liaison_upload(request, pk):
    """A liaison sends a period's CSV file: stored whole, or refused whole with every error listed."""
    period = get_object_or_404(data_period_list_visible_to(user=request.user), pk=pk)
    if request.method == "GET":
        return _upload_page(request, period, DataUploadForm())
    form = DataUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return _upload_page(request, period, form, status=400)
    try:
        data_submission_submit(
            period=period,
            actor=request.user,
            via=DataSubmission.Via.PORTAL,
            upload=form.cleaned_data["file"],
            correction_reason=form.cleaned_data["correction_reason"],
        )
    except DataFileRefused as refused:
        return _upload_page(request, period, form, problems=refused.problems, total=refused.total, status=400)
    except ValidationError as exc:
        _add_errors(form, exc) if hasattr(exc, "error_dict") else form.add_error(None, exc)
        return _upload_page(request, period, form, status=400)
    messages.success(request, _("File received and stored. Thank you."))
    return redirect("governance:data-liaison")


# My work.


def liaison_data_owed_part(*, user, now):
    """PPB data owed: the overdue first, each linked to its upload page."""
    owed = data_period_list_visible_to(user=user, now=now).filter(received_at__isnull=True)
    counts = owed.aggregate(n=Count("pk"), late=Count("pk", filter=Q(status=PeriodStatus.OVERDUE)))
    if not counts["n"]:
        return None
    rows = [
        row(
            f"{p.standard.name}: {p.start_on.isoformat()} – {p.end_on.isoformat()}",
            reverse("governance:data-liaison-upload", args=[p.pk]),
            _("Due %(day)s") % {"day": timezone.localtime(p.due_at).date().isoformat()} if p.due_at else "",
            is_late=p.status == PeriodStatus.OVERDUE,
        )
        for p in owed.order_by("due_at", "pk")[:ROWS_SHOWN]
    ]
    return part(
        _("PPB data owed to the Board"),
        rows,
        count=counts["n"],
        late=counts["late"],
        more_url=reverse("governance:data-liaison"),
        more_label=_("Data submissions"),
    )


def director_overdue_data_part(*, user, now):
    """PPB data submissions past due."""
    overdue = data_period_list_visible_to(user=user, now=now).filter(status=PeriodStatus.OVERDUE)
    count = overdue.count()
    if not count:
        return None
    rows = [
        row(
            f"{p.standard.name}: {p.start_on.isoformat()} – {p.end_on.isoformat()}",
            reverse("governance:data-period-detail", args=[p.pk]),
            _("Due %(day)s") % {"day": timezone.localtime(p.due_at).date().isoformat()},
            is_late=True,
        )
        for p in overdue.order_by("due_at", "pk")[:ROWS_SHOWN]
    ]
    url = f"{reverse('governance:data-period-list')}?status={PeriodStatus.OVERDUE}"
    return part(
        _("PPB data submissions overdue"), rows, count=count, late=count, more_url=url, more_label=_("Data periods")
    )
