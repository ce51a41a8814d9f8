from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from oversight.accounts.roles import Role, public, role_required
from oversight.db_router import use_replica
from oversight.jobs.models import Job
from oversight.jobs.services import job_start

from .models import ReportDocument
from .selectors import annual_report_data, report_document_get
from .tasks import annual_report_render_task

FIRST_YEAR = 2025


def _check_year(year):
    if not FIRST_YEAR <= year <= timezone.localdate().year:
        raise Http404


@public
@require_GET
def annual_current(request):
    return redirect("reports:annual", year=timezone.localdate().year)


@public
@require_GET
@use_replica()  # the report's counts may come from a read replica (DATABASE_REPLICA_URL)
def annual(request, year):
    _check_year(year)
    return render(
        request,
        "reports/annual_report.html",
        {
            "report": annual_report_data(year=year),
            "document": report_document_get(kind=ReportDocument.Kind.ANNUAL, year=year),
            "years": range(timezone.localdate().year, FIRST_YEAR - 1, -1),
        },
    )


@public
@require_GET
def annual_pdf(request, year):
    _check_year(year)
    document = report_document_get(kind=ReportDocument.Kind.ANNUAL, year=year)
    if document is None:
        raise Http404
    return FileResponse(document.pdf.open("rb"), content_type="application/pdf", filename=f"annual-report-{year}.pdf")


@role_required(Role.DIRECTOR, Role.ADMIN)
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
