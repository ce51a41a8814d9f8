"""Pages of trends and the contract-accountability metrics (issue 11 part D): the public accountability
page and its definitions (with the SQL of each figure), in six languages, read from the replica; and the
Director's early-identification list, named, read-logged as a sensitive read."""

from datetime import date
from types import SimpleNamespace

from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from oversight.accounts.roles import Role, public, role_required
from oversight.audit.reads import Kind, read_log
from oversight.db_router import use_replica

from .accountability import accountability_metrics
from .trends import discipline_consistency, repeat_complainants, sustained_repeat_count, sustained_repeat_list

FIRST_YEAR = 2025  # the Office's first year of cases (R5); no figure exists before it


def _years():
    return list(range(timezone.localdate().year, FIRST_YEAR - 1, -1))


def _year(request):
    """The year asked for (GET ``year``), else the current one; one outside the years offered is ignored."""
    years = _years()
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        return years[0], years
    return (year if year in years else years[0]), years


def _bounds(year):
    return date(year, 1, 1), date(year + 1, 1, 1)


def _public_trends(start, end):
    repeat = repeat_complainants(start=start, end=end)
    return {
        "sustained_repeat": sustained_repeat_count(start=start, end=end),
        "repeat_complainants": repeat["count"],
        "repeat_complaints": repeat["complaints"],
        "anonymous": repeat["anonymous"],
        "issues": repeat["issues"],
        "consistency": discipline_consistency(start=start, end=end),
    }


@public
@require_GET
@use_replica()
def accountability(request):
    year, years = _year(request)
    start, end = _bounds(year)
    context = {
        "year": year,
        "years": years,
        "metrics": accountability_metrics(start=start, end=end),
        "trends": _public_trends(start, end),
    }
    return render(request, "reports/accountability.html", context)


@public
@require_GET
@use_replica()
def accountability_definitions(request):
    year, years = _year(request)
    start, end = _bounds(year)
    return render(
        request,
        "reports/accountability_definitions.html",
        {"year": year, "years": years, "metrics": accountability_metrics(start=start, end=end)},
    )


@role_required(Role.DIRECTOR)
@require_GET
@use_replica()
def early_identification(request):
    """The Director's list: officers with two or more sustained complaints within twelve months ending in
    the year, named, with their cases; and the departures from the guide's presumptive discipline with
    their written reasons. Every view of it is logged as a sensitive read."""
    year, years = _year(request)
    start, end = _bounds(year)
    rows = sustained_repeat_list(start=start, end=end, user=request.user)
    consistency = discipline_consistency(start=start, end=end, include_reasons=True)
    response = render(
        request,
        "reports/early_identification.html",
        {"year": year, "years": years, "rows": rows, "consistency": consistency},
    )
    read_log(request, kind=Kind.EARLY_IDENTIFICATION, obj=SimpleNamespace(pk=year))
    return response
