"""Report pages (issue 11 part A2): the public's published annual and quarterly reports, and the
Director's editions (build, write, render, publish, correct)."""

from django import forms
from django.contrib import messages
from django.http import FileResponse, Http404, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from oversight.accounts.roles import Role, public, role_required
from oversight.csv_cells import csv_lines
from oversight.db_router import use_replica
from oversight.forms import AccessibleFormMixin
from oversight.jobs.models import Job
from oversight.jobs.services import job_start
from oversight.lists import Sort, list_page
from oversight.web import call_service, form_errors_to_messages

from . import editions as svc
from . import selectors as sel
from .models import ReportEdition
from .tasks import annual_report_render_task, edition_draft_build_task, edition_pdf_render_task

FIRST_YEAR = svc.FIRST_YEAR
Kind = ReportEdition.Kind
STAFF = (Role.DIRECTOR, Role.ADMIN)


def _check_year(year):
    if not FIRST_YEAR <= year <= timezone.localdate().year:
        raise Http404


def _check_quarter(quarter):
    if quarter not in (1, 2, 3, 4):
        raise Http404


# The public's pages: published snapshots only, never a count computed on request.


@public
@require_GET
@use_replica()
def edition_index(request):
    published = sel.edition_index()
    return render(
        request,
        "reports/annual_report_index.html",
        {
            "annual": [e for e in published if e.kind == Kind.ANNUAL],
            "quarterly": [e for e in published if e.kind == Kind.QUARTERLY],
            "can_manage": svc.can_manage_editions(request.user),
        },
    )


def _edition_page(request, edition, heading):
    context = {"heading": heading, "edition": edition, "can_manage": svc.can_manage_editions(request.user)}
    if edition is not None:
        newer = sel.edition_newer(edition)
        versions = sel.edition_versions(edition)
        for version in versions:
            version.url = sel.edition_public_url(version)
        context |= svc.edition_context(edition, cases_page=_cases_page(request)) | {
            "heading": heading,
            "newer": newer,
            "newer_url": sel.edition_public_url(newer) if newer else "",
            "versions": versions,
            "pdf_url": sel.edition_public_pdf_url(edition) if edition.pdf else "",
        }
    return render(request, "reports/annual_report.html", context)


def _cases_page(request):
    """Which page of item d's cases to show (``?cases=N``); a number out of range shows the nearest."""
    try:
        return int(request.GET.get("cases", 1))
    except ValueError:
        return 1


@public
@require_GET
@use_replica()
def edition_cases_csv(request, pk):
    """Every case of an edition's item d as CSV, in the reader's language: public for a published or
    superseded edition; a draft's only for those who manage editions (404 for anyone else)."""
    edition = sel.edition_with_cases_for(user=request.user, pk=pk)
    response = StreamingHttpResponse(
        csv_lines(*_header_and_rows(svc.edition_cases_csv_rows(edition)), bom=True),
        content_type="text/csv; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{_cases_filename(edition)}"'
    return response


def _header_and_rows(rows):
    return next(rows), rows


def _cases_filename(edition):
    period = f"{edition.year}" if edition.kind == Kind.ANNUAL else f"{edition.year}-q{edition.quarter}"
    return f"{edition.kind}-report-{period}-v{edition.version}-cases.csv"


def _annual_heading(year):
    return _("Annual report %(y)s") % {"y": year}


def _quarterly_heading(year, quarter):
    return _("Quarterly report %(year)s, quarter %(quarter)s") % {"year": year, "quarter": quarter}


@public
@require_GET
@use_replica()
def annual(request, year):
    _check_year(year)
    edition = sel.edition_current(kind=Kind.ANNUAL, year=year)
    return _edition_page(request, edition, _annual_heading(year))


@public
@require_GET
@use_replica()
def annual_version(request, year, version):
    _check_year(year)
    edition = sel.edition_version(kind=Kind.ANNUAL, year=year, version=version)
    if edition is None:
        raise Http404
    return _edition_page(request, edition, _annual_heading(year))


@public
@require_GET
@use_replica()
def quarterly(request, year, quarter):
    _check_year(year)
    _check_quarter(quarter)
    edition = sel.edition_current(kind=Kind.QUARTERLY, year=year, quarter=quarter)
    return _edition_page(request, edition, _quarterly_heading(year, quarter))


@public
@require_GET
@use_replica()
def quarterly_version(request, year, quarter, version):
    _check_year(year)
    _check_quarter(quarter)
    edition = sel.edition_version(kind=Kind.QUARTERLY, year=year, quarter=quarter, version=version)
    if edition is None:
        raise Http404
    return _edition_page(request, edition, _quarterly_heading(year, quarter))


def _pdf_response(edition, filename):
    if edition is None or not edition.pdf:
        raise Http404
    return FileResponse(edition.pdf.open("rb"), content_type="application/pdf", filename=filename)


@public
@require_GET
def annual_pdf(request, year):
    _check_year(year)
    return _pdf_response(sel.edition_current(kind=Kind.ANNUAL, year=year), f"annual-report-{year}.pdf")


@public
@require_GET
def annual_version_pdf(request, year, version):
    _check_year(year)
    edition = sel.edition_version(kind=Kind.ANNUAL, year=year, version=version)
    return _pdf_response(edition, f"annual-report-{year}-v{version}.pdf")


@public
@require_GET
def quarterly_pdf(request, year, quarter):
    _check_year(year)
    _check_quarter(quarter)
    edition = sel.edition_current(kind=Kind.QUARTERLY, year=year, quarter=quarter)
    return _pdf_response(edition, f"quarterly-report-{year}-q{quarter}.pdf")


@public
@require_GET
def quarterly_version_pdf(request, year, quarter, version):
    _check_year(year)
    _check_quarter(quarter)
    edition = sel.edition_version(kind=Kind.QUARTERLY, year=year, quarter=quarter, version=version)
    return _pdf_response(edition, f"quarterly-report-{year}-q{quarter}-v{version}.pdf")


@role_required(*STAFF)
@require_POST
def annual_render(request, year):
    _check_year(year)
    # The job's page shows the rendering step by step and links to the PDF when it is ready (issue 12.5).
    job = job_start(
        kind=Job.Kind.ANNUAL_REPORT,
        actor=request.user,
        task=annual_report_render_task,
        args=(year,),
        back_url=reverse("reports:annual", kwargs={"year": year}),
    )
    return redirect("jobs:job-detail", pk=job.pk)


# The Director's pages.


class BuildForm(AccessibleFormMixin, forms.Form):
    kind = forms.ChoiceField(label=_l("Report"), choices=Kind.choices)
    year = forms.IntegerField(label=_l("Year"), min_value=FIRST_YEAR)
    quarter = forms.TypedChoiceField(
        label=_l("Quarter"),
        choices=[("", _l("None (annual report)")), *[(q, q) for q in (1, 2, 3, 4)]],
        coerce=int,
        empty_value=None,
        required=False,
        help_text=_l("For a quarterly report only."),
    )


class NarrativeForm(AccessibleFormMixin, forms.Form):
    executive_summary = forms.CharField(
        label=_l("Executive summary"),
        widget=forms.Textarea(attrs={"rows": 6}),
        required=False,
        help_text=_l("Shown beside the computed highlights, as written (it is not translated)."),
    )
    overview = forms.CharField(label=_l("Overview (item a)"), widget=forms.Textarea(attrs={"rows": 6}), required=False)
    trends_narrative = forms.CharField(
        label=_l("Trends: the Director's analysis (item p)"), widget=forms.Textarea(attrs={"rows": 6}), required=False
    )
    changelog = forms.CharField(
        label=_l("What this correction changed"), widget=forms.Textarea(attrs={"rows": 3}), required=True
    )

    def __init__(self, *args, edition, **kwargs):
        super().__init__(*args, **kwargs)
        if edition.version == 1:
            del self.fields["changelog"]


class CorrectForm(AccessibleFormMixin, forms.Form):
    changelog = forms.CharField(
        label=_l("What this correction changes"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_l("Published with the new version, so readers know what differs from the one it replaces."),
    )


EDITION_SORTS = {
    "period": Sort(_l("Period"), ("year", "kind", "quarter", "version")),
    "status": Sort(_l("Status"), ("status", "year")),
}


@role_required(*STAFF)
@require_GET
def edition_list(request):
    """Every edition, newest period first, with the form that builds a draft."""
    listing = list_page(request, sel.edition_list_visible_to(user=request.user), sorts=EDITION_SORTS, default="-period")
    context = {"listing": listing, "page": listing.page, "form": BuildForm(initial={"year": timezone.localdate().year})}
    return render(request, "reports/edition_list.html", context)


@role_required(*STAFF)
@require_POST
def edition_build(request):
    form = BuildForm(request.POST)
    if not form.is_valid():
        form_errors_to_messages(request, form)
        return redirect("reports:edition-list")
    data = form.cleaned_data
    job = job_start(
        kind=Job.Kind.REPORT_EDITION,
        actor=request.user,
        task=edition_draft_build_task,
        args=(data["kind"], data["year"], data["quarter"] if data["kind"] == Kind.QUARTERLY else None),
        back_url=reverse("reports:edition-list"),
    )
    return redirect("jobs:job-detail", pk=job.pk)


@role_required(*STAFF)
@require_http_methods(["GET", "POST"])
def edition_detail(request, pk):
    """The draft's preview with the forms for its texts; a published edition read-only."""
    edition = sel.edition_get_for(user=request.user, pk=pk)
    initial = {name: getattr(edition, name) for name in (*svc.NARRATIVE_FIELDS, "changelog")}
    form = NarrativeForm(request.POST or None, edition=edition, initial=initial)
    if request.method == "POST":
        if form.is_valid():
            done = call_service(
                request,
                svc.edition_narrative_update,
                success=_("The texts are saved."),
                edition=edition,
                actor=request.user,
                **form.cleaned_data,
            )
            if done is not None:
                return redirect("reports:edition-detail", pk=edition.pk)
        else:
            form_errors_to_messages(request, form)
    context = svc.edition_context(edition, cases_page=_cases_page(request)) | {
        "form": form,
        "public_url": sel.edition_public_url(edition) if not edition.is_draft else "",
        "correct_form": CorrectForm(),
    }
    return render(request, "reports/edition_detail.html", context, status=400 if form.errors else 200)


def _job_for(request, edition, task, args):
    job = job_start(
        kind=Job.Kind.REPORT_EDITION,
        actor=request.user,
        task=task,
        args=args,
        back_url=reverse("reports:edition-detail", kwargs={"pk": edition.pk}),
    )
    return redirect("jobs:job-detail", pk=job.pk)


@role_required(*STAFF)
@require_POST
def edition_rebuild(request, pk):
    edition = sel.edition_get_for(user=request.user, pk=pk)
    if not edition.is_draft:
        messages.error(request, _("A published report never changes. Start a correction to publish a new version."))
        return redirect("reports:edition-detail", pk=edition.pk)
    return _job_for(request, edition, edition_draft_build_task, (edition.kind, edition.year, edition.quarter))


@role_required(*STAFF)
@require_POST
def edition_render(request, pk):
    edition = sel.edition_get_for(user=request.user, pk=pk)
    return _job_for(request, edition, edition_pdf_render_task, (edition.pk,))


@role_required(Role.DIRECTOR)  # the administrator builds and renders reports; the Director publishes them
@require_http_methods(["GET", "POST"])
def edition_publish(request, pk):
    edition = sel.edition_get_for(user=request.user, pk=pk)
    if request.method == "POST":
        done = call_service(
            request,
            svc.edition_publish,
            success=_("The report is published. Its PDF is being rendered."),
            edition=edition,
            actor=request.user,
        )
        if done is not None:
            return redirect("reports:edition-detail", pk=edition.pk)
    context = {"edition": edition, "heading": svc.edition_heading(edition)}
    return render(request, "reports/edition_publish.html", context)


@role_required(Role.DIRECTOR)  # the administrator builds and renders reports; the Director publishes them
@require_http_methods(["GET", "POST"])
def edition_correct(request, pk):
    edition = sel.edition_get_for(user=request.user, pk=pk)
    form = CorrectForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            draft = call_service(
                request,
                svc.edition_correct,
                success=_("A correction was started as a new draft version."),
                edition=edition,
                actor=request.user,
                changelog=form.cleaned_data["changelog"],
            )
            if draft is not None:
                return redirect("reports:edition-detail", pk=draft.pk)
        else:
            form_errors_to_messages(request, form)
    context = {"edition": edition, "heading": svc.edition_heading(edition), "form": form}
    return render(request, "reports/edition_correct.html", context, status=400 if form.errors else 200)


@role_required(*STAFF)
@require_GET
def edition_pdf(request, pk):
    edition = sel.edition_get_for(user=request.user, pk=pk)
    return _pdf_response(
        edition, f"{edition.kind}-report-{edition.period_label.replace(' ', '-')}-v{edition.version}.pdf"
    )
