"""The contract-accountability metrics (issue 11 section 5): figures the public asked to see about the
police contract, each with its definition and the SQL that produced it.

``accountability_metrics(start=, end=)`` returns one dict per figure: key, label and definition (msgids,
translated at render), value, unit (a msgid), is_recorded (False: the page says "No data recorded",
never a silent zero), detail (counts behind the value) and query: the SQL statements actually run to
compute it, captured from the database connection as they were executed, with their parameters.
Nothing here reads a name, a narrative or a contact detail.
"""

from contextlib import ExitStack, contextmanager

from django.conf import settings
from django.db import connections
from django.db.models import Aggregate, Count, F, FloatField, Func, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_noop

from discipline.leave import administrative_leave_summary
from discipline.models import FinalOutcome
from discipline.outcomes import final_outcomes_reduced_after_board
from discipline.time_limits import time_limit_losses_summary
from intake.models import Case, Complaint
from investigations.models import EvidenceSeen, Interview
from oversight.calendar.models import Deadline
from oversight.governance.suits import civil_suits_summary

from .facts import period_bounds

NO_DATA = gettext_noop("No data recorded")


class Percentile(Aggregate):
    """PERCENTILE_CONT(fraction) WITHIN GROUP (ORDER BY expression): the interpolated percentile."""

    function = "PERCENTILE_CONT"
    template = "%(function)s(%(fraction)s) WITHIN GROUP (ORDER BY %(expressions)s)"
    output_field = FloatField()

    def __init__(self, expression, fraction, **extra):
        super().__init__(expression, fraction=float(fraction), **extra)


class HoursSinceDayStart(Func):
    """Hours from the start (midnight, in the site's time zone) of a date to a moment."""

    output_field = FloatField()

    def as_sql(self, compiler, connection, **extra):
        moment, day = (compiler.compile(e) for e in self.get_source_expressions())
        sql = f"EXTRACT(EPOCH FROM ({moment[0]} - ({day[0]}::timestamp AT TIME ZONE %s))) / 3600.0"
        return sql, (*moment[1], *day[1], settings.TIME_ZONE)


@contextmanager
def captured_sql():
    """Collects every statement run on any database connection inside the block, with its parameters
    bound in (as PostgreSQL received it)."""
    statements = []

    def wrapper(execute, sql, params, many, context):
        connection = context["connection"]
        try:
            statements.append(connection.ops.compose_sql(sql, params) if params else sql)
        except Exception:  # noqa: BLE001 - a statement that cannot be composed is shown unbound
            statements.append(f"{sql} -- params: {params!r}")
        return execute(sql, params, many, context)

    with ExitStack() as stack:
        for connection in connections.all():
            stack.enter_context(connection.execute_wrapper(wrapper))
        yield statements


def _sql(statements):
    return ";\n\n".join(statements) + (";" if statements else "")


def _metric(key, label, definition, value, unit, *, is_recorded=True, query="", detail=None):
    return {
        "key": key,
        "label": label,
        "definition": definition,
        "value": value if is_recorded else None,
        "unit": unit,
        "is_recorded": is_recorded,
        "query": query,
        "detail": detail or {},
    }


def _incident_day():
    """The incident day: the case's own (a case opened without a complaint), else its first complaint's."""
    first = Complaint.objects.filter(case=OuterRef("investigation__case_id")).order_by("received_at", "pk")
    return Coalesce(F("investigation__case__incident_on"), Subquery(first.values("incident_on")[:1]))


def _interview_hours(period_from, period_to):
    held = Interview.objects.filter(
        status=Interview.Status.COMPLETED, held_at__gte=period_from, held_at__lt=period_to
    ).annotate(hours=HoursSinceDayStart(F("held_at"), _incident_day()))
    metrics = []
    groups = (
        (
            Case.Origin.COMPLAINT,
            "complaint",
            gettext_noop("Hours from the incident day to the officer's interview: complaints"),
        ),
        (
            Case.Origin.MANDATORY_INCIDENT,
            "mandatory",
            gettext_noop("Hours from the incident day to the officer's interview: cases opened without a complaint"),
        ),
    )
    for origin, suffix, label in groups:
        with captured_sql() as statements:
            row = held.filter(investigation__case__origin=origin).aggregate(
                median=Percentile("hours", 0.5), p90=Percentile("hours", 0.9), n=Count("pk")
            )
        query = _sql(statements)
        recorded = row["n"] > 0
        metrics.append(
            _metric(
                f"interview-hours-{suffix}",
                label,
                gettext_noop(
                    "Completed interviews of Covered Employees held in the period: the hours from the start "
                    "(midnight, Pacific) of the incident day to the time the interview was held. The median "
                    "is the middle value; the 90th percentile is the value 9 in 10 interviews stay under. The "
                    "incident time of day is often unknown, so the count starts from the incident day."
                ),
                round(row["median"], 1) if recorded else None,
                gettext_noop("hours (median)"),
                is_recorded=recorded,
                query=query,
                detail={
                    "p90": round(row["p90"], 1) if recorded else None,
                    "interviews": row["n"],
                },
            )
        )
    return metrics


def _past_180(period_from, period_to):
    with captured_sql() as statements:
        n = Deadline.objects.filter(
            rule=Deadline.Rule.INVESTIGATION_180D, breached_at__gte=period_from, breached_at__lt=period_to
        ).count()
    return _metric(
        "investigations-past-180-days",
        gettext_noop("Investigations not completed within 180 days"),
        gettext_noop(
            "Investigations whose 180-day clock (City Code 35A.050, from the day the investigation commenced) "
            "ran out in the period before the investigation was completed, as recorded when the clock ran out."
        ),
        n,
        gettext_noop("investigations"),
        query=_sql(statements),
    )


def _lost_to_time_limits(start, end):
    with captured_sql() as statements:
        summary = time_limit_losses_summary(start=start, end=end)
    return _metric(
        "complaints-lost-to-time-limits",
        gettext_noop("Complaints lost to time limits"),
        gettext_noop(
            "Cases whose complaint was dismissed or closed, or could not lead to discipline, because a time limit "
            "in the law or a labor contract had passed: the time to file, the investigation's limit, a contract's "
            "limit on discipline, or another. Recorded by the Director on each case, counted by the day the "
            "complaint was lost; a record withdrawn as entered in error is not counted."
        ),
        summary["total"],
        gettext_noop("complaints"),
        is_recorded=summary["is_recorded"],
        query=_sql(statements),
        detail=summary["by_limit"],
    )


def _evidence_seen(period_from, period_to):
    with captured_sql() as statements:
        row = Interview.objects.filter(
            status=Interview.Status.COMPLETED, held_at__gte=period_from, held_at__lt=period_to
        ).aggregate(
            yes=Count("pk", filter=Q(evidence_seen_before=EvidenceSeen.YES)),
            no=Count("pk", filter=Q(evidence_seen_before=EvidenceSeen.NO)),
            not_asked=Count("pk", filter=Q(evidence_seen_before=EvidenceSeen.NOT_ASKED)),
            unrecorded=Count("pk", filter=Q(evidence_seen_before="")),
        )
    asked = row["yes"] + row["no"]
    return _metric(
        "evidence-seen-before-interview",
        gettext_noop("Officers who saw evidence before their interview"),
        gettext_noop(
            "Of the completed interviews held in the period where the officer was asked, the share where the "
            "officer saw evidence (video, reports) before being interviewed. Recorded at each interview since "
            "this question was added; interviews where it was not asked, or not recorded, are counted apart."
        ),
        round(100 * row["yes"] / asked, 1) if asked else None,
        "%",
        is_recorded=asked > 0,
        query=_sql(statements),
        detail={**row, "asked": asked},
    )


def _reduced_after_board(period_from, period_to):
    with captured_sql() as statements:
        reduced = final_outcomes_reduced_after_board().filter(set_at__gte=period_from, set_at__lt=period_to)
        row = reduced.aggregate(
            total=Count("pk"),
            overturned=Count("pk", filter=Q(final_level_rank=0)),
            **{
                by: Count("pk", filter=Q(set_by=by))
                for by in (
                    FinalOutcome.SetBy.APPEAL,
                    FinalOutcome.SetBy.GRIEVANCE,
                    FinalOutcome.SetBy.CIVIL_SERVICE_BOARD,
                    FinalOutcome.SetBy.ARBITRATION,
                )
            },
        )
        recorded = FinalOutcome.objects.exists()
    return _metric(
        "discipline-reduced-after-board",
        gettext_noop("Discipline reduced or overturned after the Board"),
        gettext_noop(
            "Allegations whose final discipline, set in the period by an appeal, a grievance, the Civil Service "
            "Board or arbitration, is lighter than the discipline the Board decided (overturned: none remains)."
        ),
        row["total"],
        gettext_noop("allegations"),
        is_recorded=recorded,
        query=_sql(statements),
        detail={k: v for k, v in row.items() if k != "total"},
    )


def _leave(year):
    with captured_sql() as statements:
        summary = administrative_leave_summary(year=year)
    query = _sql(statements)
    definition = gettext_noop(
        "Paid administrative leave of Covered Employees that ended in the calendar year: the total days and "
        "the total cost recorded. Leave still open at the end of the year is counted the year it ends."
    )
    detail = {"leaves": summary["leaves"], "open": summary["open"], "officers": summary["officers"]}
    return [
        _metric(
            "administrative-leave-days",
            gettext_noop("Paid administrative leave: days"),
            definition,
            summary["days"],
            gettext_noop("days"),
            is_recorded=summary["is_recorded"],
            query=query,
            detail=detail,
        ),
        _metric(
            "administrative-leave-cost",
            gettext_noop("Paid administrative leave: cost"),
            definition,
            summary["cost"],
            "$",
            is_recorded=summary["is_recorded"],
            query=query,
            detail=detail,
        ),
    ]


def _suits(year):
    with captured_sql() as statements:
        summary = civil_suits_summary(year=year)
    query = _sql(statements)
    definition = gettext_noop(
        "Money paid in the civil suits naming Portland police officers that were resolved in the calendar "
        "year: settlements, judgments, and the legal fees the City paid."
    )
    detail = {"resolved": summary["resolved"]}
    rows = (
        ("settlements", gettext_noop("Settlements paid by the City")),
        ("judgments", gettext_noop("Judgments paid by the City")),
        ("fees", gettext_noop("Legal fees paid by the City")),
    )
    return [
        _metric(
            f"civil-suits-{name}",
            label,
            definition,
            summary[name],
            "$",
            is_recorded=summary["is_recorded"],
            query=query,
            detail=detail,
        )
        for name, label in rows
    ]


def accountability_metrics(*, start, end):
    """Every contract-accountability figure for [start, end) (dates); the figures kept by calendar year
    (leave, civil suits) use the year ``start`` falls in. A fixed number of queries."""
    period_from, period_to = period_bounds(start, end)
    return [
        *_interview_hours(period_from, period_to),
        _past_180(period_from, period_to),
        _lost_to_time_limits(start, end),
        _evidence_seen(period_from, period_to),
        _reduced_after_board(period_from, period_to),
        *_leave(start.year),
        *_suits(start.year),
    ]
