from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from oversight.accounts.roles import Role, public, role_required
from oversight.doorbell import ring

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
    if ring(annual_report_render_task, year):
        messages.success(request, _("The PDF is being rendered; it appears here within a minute."))
    else:
        messages.error(request, _("The task queue is unavailable; try again in a few minutes."))
    return redirect("reports:annual", year=year)
