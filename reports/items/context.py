"""What every item builder reads: the period, its bounds, the one pseudonym map of the report, and the
counts several items share (computed once, so the report's queries stay constant)."""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Count, Exists, OuterRef, Q

from intake.models import Case, ReconsiderationRequest
from oversight.pseudonyms import PseudonymMap
from reports.facts import period_bounds

from .blocks import chart

ANNUAL, QUARTERLY = "annual", "quarterly"


@dataclass
class Period:
    start: date
    end: date
    kind: str = ANNUAL
    pseudonyms: PseudonymMap = field(default_factory=PseudonymMap)
    shared: dict = field(default_factory=dict)

    def __post_init__(self):
        self.since, self.until = period_bounds(self.start, self.end)

    @property
    def is_annual(self):
        return self.kind == ANNUAL

    @property
    def last_day(self):
        return self.end - timedelta(days=1)

    @property
    def years(self):
        return range(self.start.year, self.last_day.year + 1)

    def received(self, prefix=""):
        """Q for rows whose case (``prefix`` leads to it) was received in the period."""
        return Q(**{f"{prefix}received_at__gte": self.since, f"{prefix}received_at__lt": self.until})

    def within(self, name):
        """Q for ``name`` (a datetime field) within the period."""
        return Q(**{f"{name}__gte": self.since, f"{name}__lt": self.until})

    def within_days(self, name):
        """Q for ``name`` (a date field) within the period."""
        return Q(**{f"{name}__gte": self.start, f"{name}__lt": self.end})


def case_totals(period):
    """Cases received in the period: the total, each case-handling decision, and how many a filer asked to
    have reconsidered. One query, shared by the highlights and items h and i."""
    if "cases" not in period.shared:
        counts = {value: Count("pk", filter=Q(decision=value)) for value in Case.Decision.values}
        asked = Exists(ReconsiderationRequest.objects.filter(case=OuterRef("pk")))
        period.shared["cases"] = (
            Case.objects.filter(period.received())
            .annotate(asked=asked)
            .aggregate(
                total=Count("pk"),
                decided=Count("pk", filter=~Q(decision="")),
                undecided=Count("pk", filter=Q(decision="")),
                mandatory=Count("pk", filter=Q(origin=Case.Origin.MANDATORY_INCIDENT)),
                reconsidered=Count("pk", filter=Q(asked=True)),
                **counts,
            )
        )
    return period.shared["cases"]


def dashboard_chart(period, key):
    """The dashboard's chart ``key`` for the period (one definition serves both, R5.4), or None while the
    dashboard module is not there."""
    try:
        from reports.dashboard import DashboardFilters, chart_build
    except ImportError:
        return None
    return chart(chart_build(key, filters=DashboardFilters(start=period.start, end=period.end)))
