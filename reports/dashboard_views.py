"""The public dashboard (R5.4, 35A.050 K) and the public "Data and reports" hub (issue 11 part C).

The dashboard is a GET form (year, allegation type, finding, neighbourhood) over every chart of
``reports.dashboard``; each chart has its table and a CSV link that keeps the filters. It works without
JavaScript; ``static/js/dashboard.js`` only submits the form when a filter changes. Reads may go to the
read replica. A request costs a constant number of queries whatever the size of the data.
"""

from django.http import Http404, HttpResponseBadRequest, StreamingHttpResponse
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from oversight.accounts.roles import public
from oversight.csv_cells import csv_lines
from oversight.db_router import use_replica

from .dashboard import DASHBOARD_CHARTS, DashboardFilters, chart_build
from .dashboard_forms import DashboardFilterForm


def _csv_url(key, filters):
    url = reverse("reports:dashboard-csv", kwargs={"key": key})
    query = filters.as_query()
    return f"{url}?{query}" if query else url


def _filters(request):
    form = DashboardFilterForm(request.GET or None)
    if form.is_bound:
        form.is_valid()
        return form, DashboardFilters.from_form(form)
    return form, DashboardFilters()


@public
@require_GET
@use_replica()
def dashboard(request):
    form, filters = _filters(request)
    charts = [
        {"chart": chart_build(key, filters=filters.without_errors()), "csv_url": _csv_url(key, filters)}
        for key in DASHBOARD_CHARTS
    ]
    return render(request, "reports/dashboard.html", {"form": form, "filters": filters, "charts": charts})


@public
@require_GET
@use_replica()
def dashboard_csv(request, key):
    """One chart's rows as CSV, the same rows as its table (in the reader's language); 404 for an unknown
    chart, 400 for a filter value that is not one of the choices."""
    if key not in DASHBOARD_CHARTS:
        raise Http404
    form = DashboardFilterForm(request.GET)
    if not form.is_valid():
        messages = [f"{form.fields[name].label}: {' '.join(errors)}" for name, errors in form.errors.items()]
        return HttpResponseBadRequest("\n".join(messages), content_type="text/plain; charset=utf-8")
    chart = chart_build(key, filters=DashboardFilters.from_form(form)).translated()
    header, *rows = chart.csv_rows()
    response = StreamingHttpResponse(csv_lines(header, rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{key}.csv"'
    return response


def _url(name, fallback):
    try:
        return reverse(name)
    except NoReverseMatch:
        return fallback


@public
@require_GET
def hub(request):
    """The public "Data and reports" page: what is published and where."""
    links = [
        {
            "url": _url("reports:edition-index", "/reports/annual/"),
            "title": _("Annual and quarterly reports"),
            "text": _(
                "The Board's report for each year, items a to q of City Code 35A.050, and its quarterly reports "
                "to City Council, as web pages and PDF."
            ),
        },
        {
            "url": reverse("reports:dashboard"),
            "title": _("Dashboard"),
            "text": _(
                "Charts of complaints, allegations, decisions, findings, discipline, timeliness and policy "
                "recommendations, filtered by year, type, finding and neighbourhood, each with its table and CSV."
            ),
        },
        {
            "url": _url("reports:data-index", "/reports/data/"),
            "title": _("Raw data"),
            "text": _(
                "Versioned releases of complaints, allegations, discipline and geography, in CSV and JSON, with "
                "a data dictionary. No names; small counts suppressed."
            ),
        },
        {
            "url": _url("reports:accountability", "/reports/accountability/"),
            "title": _("Accountability metrics"),
            "text": _(
                "What the police contracts were said to block, measured: time to the officer's interview, "
                "investigations past 180 days, discipline reduced after the Board, paid leave and settlements."
            ),
        },
        {
            "url": _url("participate:recommendation-list", "/participate/recommendations/"),
            "title": _("Policy recommendations"),
            "text": _("The Board's recommendations to the Police Bureau, the Bureau's answers and what was done."),
        },
    ]
    return render(request, "reports/hub.html", {"links": links})
