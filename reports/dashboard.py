"""The public dashboard's charts (issue 11 section 3; R5.4, 35A.050 K), one definition each.

``chart_build(key, filters=DashboardFilters(...))`` returns a ``reports.charts.Chart``; the dashboard
page, its CSV downloads and the annual and quarterly reports (which keep the chart in their snapshot)
all call it, so one definition serves every place a chart appears.

Every chart is ONE aggregate query over ``reports.facts`` (``Count`` with ``filter=Q`` or
``values().annotate()``), so a dashboard request costs the same number of queries whatever the size of
the data. Texts are msgids (``gettext_noop``): the chart tag translates them when it renders.

Privacy: counts by neighbourhood are geographic cells and go through ``reports.suppression``
(cells under ``settings.SMALL_CELL_MIN`` suppressed, with a complementary cell). When the reader filters
by a neighbourhood, every count on the page is a geographic cell, so every chart is suppressed the same way.
"""

import datetime
from dataclasses import dataclass, field, replace
from urllib.parse import urlencode

from django.db.models import Count, Exists, Min, OuterRef, Q
from django.db.models.functions import TruncMonth, TruncYear
from django.utils import timezone, translation
from django.utils.translation import gettext_noop

from discipline.models import DisciplineDecision
from intake.models import Allegation, AllegationType, Case
from intake.neighbourhoods import NEIGHBOURHOOD_CHOICES, NOT_SURE
from investigations.models import FindingOutcome, Investigation, RecordsRequest
from oversight.calendar.models import Deadline
from oversight.db_router import use_replica

from .charts import BAR, COLUMNS, Chart, Series
from .facts import FINDING_FIELDS, LEVELS, allegation_facts, case_facts, period_bounds
from .suppression import suppress_counts

# The first year the dashboard offers when there is no older data.
FIRST_YEAR = 2025

MONTHS = (
    gettext_noop("January"),
    gettext_noop("February"),
    gettext_noop("March"),
    gettext_noop("April"),
    gettext_noop("May"),
    gettext_noop("June"),
    gettext_noop("July"),
    gettext_noop("August"),
    gettext_noop("September"),
    gettext_noop("October"),
    gettext_noop("November"),
    gettext_noop("December"),
)
NEIGHBOURHOOD_NAMES = dict(NEIGHBOURHOOD_CHOICES)
NOT_SURE_LABEL = gettext_noop("Not sure")  # the public form's "Not sure", the one neighbourhood label translated
LEVEL_LABELS = {
    "investigator": gettext_noop("Investigator's finding"),
    "board": gettext_noop("Board's finding"),
    "final": gettext_noop("Final finding"),
}


def msgid(label):
    """The untranslated text of a model choice's lazy label (so a stored chart renders in any language)."""
    with translation.override(None):
        return str(label)


# Filters.


@dataclass(frozen=True)
class DashboardFilters:
    """What the reader narrowed the dashboard to. ``year`` or ``start``/``end`` (dates, [start, end): a
    quarter for the quarterly report) bound the period by the date a case was received; ``allegation_type``
    (a pk) and ``finding`` (a FindingOutcome value, read at ``level``: the final finding unless told) keep
    the allegations that match, and the cases that have one; ``neighbourhood`` keeps the cases whose first
    complaint was in it."""

    year: int | None = None
    allegation_type: int | None = None
    finding: str | None = None
    neighbourhood: str | None = None
    start: datetime.date | None = None
    end: datetime.date | None = None
    level: str = "final"
    errors: dict = field(default_factory=dict, compare=False, hash=False)

    @classmethod
    def from_query(cls, query):
        """Filters from a GET query. An unknown value is left out and explained in ``errors`` (the page
        shows it beside its field; the CSV answers 400)."""
        from .dashboard_forms import DashboardFilterForm

        form = DashboardFilterForm(query)
        form.is_valid()
        return cls.from_form(form)

    @classmethod
    def from_form(cls, form):
        """Filters from a bound ``DashboardFilterForm`` (validated): its valid fields, its errors."""
        data = form.cleaned_data
        return cls(
            year=data.get("year"),
            allegation_type=data.get("type"),
            finding=data.get("finding") or None,
            neighbourhood=data.get("neighbourhood") or None,
            level=data.get("level") or "final",
            errors={name: [str(e) for e in errs] for name, errs in form.errors.items()},
        )

    @property
    def is_valid(self):
        return not self.errors

    def as_query(self):
        """The filters as a query string for links (the CSV keeps the page's filters)."""
        pairs = [
            ("year", self.year),
            ("type", self.allegation_type),
            ("finding", self.finding),
            ("level", self.level if self.finding and self.level != "final" else None),
            ("neighbourhood", self.neighbourhood),
        ]
        return urlencode([(k, v) for k, v in pairs if v not in (None, "")])

    def bounds(self):
        """Aware datetimes [from, to) of the period, or (None, None) for all time."""
        if self.start is not None or self.end is not None:
            start = self.start or datetime.date(FIRST_YEAR, 1, 1)
            end = self.end or timezone.localdate() + datetime.timedelta(days=1)
            return period_bounds(start, end)
        if self.year:
            return period_bounds(datetime.date(self.year, 1, 1), datetime.date(self.year + 1, 1, 1))
        return None, None

    @property
    def has_period(self):
        return bool(self.year or self.start or self.end)

    @property
    def narrows_allegations(self):
        return bool(self.allegation_type or self.finding)

    def without_errors(self):
        return replace(self, errors={})


def _allegations(filters):
    """Allegations (never against the Chief: those go to the Mayor) received in the period, matching."""
    start, end = filters.bounds()
    qs = allegation_facts(received_from=start, received_to=end)
    if filters.allegation_type:
        qs = qs.filter(allegation_type_id=filters.allegation_type)
    if filters.finding:
        qs = qs.filter(**{FINDING_FIELDS[filters.level]: filters.finding})
    if filters.neighbourhood:
        qs = qs.filter(neighbourhood=filters.neighbourhood)
    return qs


def _cases(filters):
    """Cases received in the period, in the neighbourhood, with an allegation matching type and finding."""
    start, end = filters.bounds()
    qs = case_facts(received_from=start, received_to=end)
    if filters.neighbourhood:
        qs = qs.filter(neighbourhood=filters.neighbourhood)
    if filters.narrows_allegations:
        matching = Allegation.objects.filter(case=OuterRef("pk"), is_against_chief=False)
        if filters.allegation_type:
            matching = matching.filter(allegation_type_id=filters.allegation_type)
        if filters.finding:
            column = {
                "investigator": "finding__outcome",
                "board": "final_outcome__board_finding",
                "final": "final_outcome__final_finding",
            }[filters.level]
            matching = matching.filter(**{column: filters.finding})
        qs = qs.filter(Exists(matching))
    return qs


def _geographic(filters, values):
    """Suppresses a series' small cells when the reader filtered by a neighbourhood (every count is then a
    geographic cell); otherwise returns the values as they are."""
    if not filters.neighbourhood:
        return values
    counts = dict(enumerate(values))
    return list(suppress_counts(counts).values())


def _suppressed_note(filters, note):
    if filters.neighbourhood:
        return (
            note
            + " "
            + gettext_noop(
                "With a neighbourhood chosen, counts from 1 to 4 are suppressed, with one more cell where needed "
                "so that no total gives them back."
            )
        )
    return note


# The charts.


def complaints_over_time(filters):
    """Cases received by month in a year (or a quarter), or by year across all years."""
    cases = _cases(filters).order_by()
    by_month = filters.has_period
    trunc = TruncMonth("received_at") if by_month else TruncYear("received_at")
    rows = (
        cases.annotate(bucket=trunc)
        .values("bucket")
        .annotate(
            complaints=Count("pk", filter=Q(origin=Case.Origin.COMPLAINT)),
            incidents=Count("pk", filter=Q(origin=Case.Origin.MANDATORY_INCIDENT)),
        )
    )
    found = {}
    for row in rows:
        bucket = timezone.localtime(row["bucket"]) if timezone.is_aware(row["bucket"]) else row["bucket"]
        key = (bucket.year, bucket.month) if by_month else bucket.year
        found[key] = (row["complaints"], row["incidents"])
    if by_month:
        start, end = filters.bounds()
        start, end = timezone.localtime(start), timezone.localtime(end)
        keys, (y, m) = [], (start.year, start.month)
        while (y, m) < (end.year, end.month) or ((y, m) == (end.year, end.month) and end.day > 1):
            keys.append((y, m))
            y, m = (y + 1, 1) if m == 12 else (y, m + 1)
        one_year = len({k[0] for k in keys}) <= 1
        categories = [MONTHS[m - 1] if one_year else f"{y}-{m:02d}" for y, m in keys]
    else:
        years = sorted(found) or [timezone.localdate().year]
        keys = list(range(min(years[0], timezone.localdate().year), max(years[-1], timezone.localdate().year) + 1))
        categories = [str(y) for y in keys]
    complaints = _geographic(filters, [found.get(k, (0, 0))[0] for k in keys])
    incidents = _geographic(filters, [found.get(k, (0, 0))[1] for k in keys])
    note = gettext_noop(
        "Cases by the month (or year) they were received. A case gathers the complaints about one incident; "
        "cases OCPA opened without a complaint (a death in custody or a use of deadly force) are counted "
        "separately."
    )
    return Chart(
        key="complaints_over_time",
        title=gettext_noop("Complaints over time"),
        kind=COLUMNS,
        categories=categories,
        series=[
            Series(gettext_noop("Cases opened by a complaint"), complaints),
            Series(gettext_noop("Cases opened without a complaint"), incidents),
        ],
        unit=gettext_noop("cases"),
        note=_suppressed_note(filters, note),
    )


def allegations_by_type(filters):
    rows = (
        _allegations(filters)
        .order_by()
        .values("allegation_type_id", "type_name")
        .annotate(n=Count("pk"))
        .order_by("-n", "type_name")
    )
    rows = list(rows)
    values = _geographic(filters, [row["n"] for row in rows])
    note = gettext_noop(
        "Allegations in the cases received, by the type OCPA gave each allegation. One complaint may hold "
        "several allegations. Allegations against the Chief of Police go to the Mayor and are not counted."
    )
    return Chart(
        key="allegations_by_type",
        title=gettext_noop("Allegations by type"),
        kind=BAR,
        categories=[row["type_name"] for row in rows],
        series=[Series(gettext_noop("Allegations"), values)],
        unit=gettext_noop("allegations"),
        note=_suppressed_note(filters, note),
    )


def complaints_by_neighbourhood(filters):
    rows = _cases(filters).order_by().values("neighbourhood").annotate(n=Count("pk"))
    counts = {row["neighbourhood"]: row["n"] for row in rows if row["n"]}
    published = suppress_counts(counts)
    # The largest first; suppressed cells after them, in name order, so their place says nothing.
    order = sorted(published, key=lambda v: (published[v] is None, -(published[v] or 0), _neighbourhood_name(v)))
    return Chart(
        key="complaints_by_neighbourhood",
        title=gettext_noop("Complaints by neighbourhood"),
        kind=BAR,
        categories=[_neighbourhood_name(v) for v in order],
        series=[Series(gettext_noop("Cases"), [published[v] for v in order])],
        unit=gettext_noop("cases"),
        note=gettext_noop(
            "Cases by the neighbourhood of their first complaint, as the filer chose it. A neighbourhood with "
            "1 to 4 cases is suppressed to protect the people involved, with one more cell where needed so "
            "that the total gives none back."
        ),
    )


def _neighbourhood_name(value):
    if value == NOT_SURE:
        return NOT_SURE_LABEL
    return str(NEIGHBOURHOOD_NAMES.get(value, value))


def decisions(filters):
    counts = (
        _cases(filters)
        .order_by()
        .aggregate(
            **{choice: Count("pk", filter=Q(decision=choice)) for choice in Case.Decision.values},
            undecided=Count("pk", filter=Q(decision="")),
        )
    )
    categories = [msgid(label) for label in Case.Decision.labels] + [gettext_noop("Not yet decided")]
    values = [counts[choice] for choice in Case.Decision.values] + [counts["undecided"]]
    note = gettext_noop(
        "Cases by how OCPA decided to handle them (R1.8): a full investigation, mediation, informal "
        "resolution, a referral, or dismissal."
    )
    return Chart(
        key="decisions",
        title=gettext_noop("Case-handling decisions"),
        kind=BAR,
        categories=categories,
        series=[Series(gettext_noop("Cases"), _geographic(filters, values))],
        unit=gettext_noop("cases"),
        note=_suppressed_note(filters, note),
    )


def findings(filters):
    aggregates = {}
    for level in LEVELS:
        column = FINDING_FIELDS[level]
        for outcome in FindingOutcome.values:
            aggregates[f"{level}:{outcome}"] = Count("pk", filter=Q(**{column: outcome}))
        aggregates[f"{level}:none"] = Count("pk", filter=Q(**{f"{column}__isnull": True}) | Q(**{column: ""}))
    counts = _allegations(filters).order_by().aggregate(**aggregates)
    keys = [*FindingOutcome.values, "none"]
    categories = [msgid(label) for label in FindingOutcome.labels] + [gettext_noop("No finding yet")]
    series = [
        Series(LEVEL_LABELS[level], _geographic(filters, [counts[f"{level}:{key}"] for key in keys]))
        for level in LEVELS
    ]
    note = gettext_noop(
        "Allegations by finding at three levels: the investigator's, the Board's (after a hearings panel), and "
        "the final one after appeals. Allegations resolved without an investigation have no finding."
    )
    return Chart(
        key="findings",
        title=gettext_noop("Findings"),
        kind=BAR,
        categories=categories,
        series=series,
        unit=gettext_noop("allegations"),
        note=_suppressed_note(filters, note),
    )


DISCIPLINE_LEVELS = (
    ("discipline_proposed", gettext_noop("Proposed by the panel")),
    ("discipline_board", gettext_noop("Decided by the Board")),
    ("discipline_final", gettext_noop("Final, after grievance or arbitration")),
)


def discipline(filters):
    aggregates = {
        f"{column}:{action}": Count("pk", filter=Q(**{column: action}))
        for column, _label in DISCIPLINE_LEVELS
        for action in DisciplineDecision.Action.values
    }
    counts = _allegations(filters).order_by().aggregate(**aggregates)
    series = [
        Series(label, _geographic(filters, [counts[f"{column}:{a}"] for a in DisciplineDecision.Action.values]))
        for column, label in DISCIPLINE_LEVELS
    ]
    note = gettext_noop(
        "Sustained allegations by the kind of discipline or corrective action: as the disciplinary panel "
        "proposed it before the Loudermill meeting, as the Board decided it, and as it stands after a "
        "grievance, the Civil Service Board or arbitration."
    )
    return Chart(
        key="discipline",
        title=gettext_noop("Discipline"),
        kind=BAR,
        categories=[msgid(label) for label in DisciplineDecision.Action.labels],
        series=series,
        unit=gettext_noop("allegations"),
        note=_suppressed_note(filters, note),
    )


def timeliness(filters):
    """The 180-day clock of investigations and the 5-business-day clock of records requests, read as the
    deadline engine recorded them (``met_at``, ``breached_at``); never recomputed."""
    start, end = filters.bounds()
    clocks = Deadline.objects.filter(rule__in=[Deadline.Rule.INVESTIGATION_180D, Deadline.Rule.RECORDS_5BD])
    if start is not None:
        clocks = clocks.filter(starts_at__gte=start, starts_at__lt=end)
    if filters.neighbourhood or filters.narrows_allegations:
        cases = _cases(filters.without_errors()).values("pk")
        investigations = Investigation.objects.filter(case__in=cases).values("pk")
        requests = RecordsRequest.objects.filter(investigation__case__in=cases).values("pk")
        clocks = clocks.filter(
            Q(rule=Deadline.Rule.INVESTIGATION_180D, about_id__in=investigations)
            | Q(rule=Deadline.Rule.RECORDS_5BD, about_id__in=requests)
        )
    # The clocks are about investigations and records requests (joined, so no separate content-type query).
    clocks = clocks.filter(
        Q(
            rule=Deadline.Rule.INVESTIGATION_180D,
            about_type__app_label="investigations",
            about_type__model="investigation",
        )
        | Q(rule=Deadline.Rule.RECORDS_5BD, about_type__app_label="investigations", about_type__model="recordsrequest")
    )
    rows = {
        row["rule"]: row
        for row in clocks.order_by()
        .values("rule")
        .annotate(
            on_time=Count("pk", filter=Q(met_at__isnull=False, breached_at__isnull=True)),
            late=Count("pk", filter=Q(breached_at__isnull=False)),
            open=Count("pk", filter=Q(met_at__isnull=True, breached_at__isnull=True)),
        )
    }
    rules = [Deadline.Rule.INVESTIGATION_180D, Deadline.Rule.RECORDS_5BD]
    empty = {"on_time": 0, "late": 0, "open": 0}

    def column(name):
        return _geographic(filters, [rows.get(rule, empty)[name] for rule in rules])

    note = gettext_noop(
        "Investigations must be completed within 180 days of commencement (R2.3) and PPB must answer a records "
        "request within 5 business days (R2.6). Counted as the deadline engine recorded each clock: late means "
        "the limit passed before it was met, whether it is still open or was completed late. By the date the "
        "clock started."
    )
    return Chart(
        key="timeliness",
        title=gettext_noop("Timeliness"),
        kind=BAR,
        categories=[
            gettext_noop("Investigations (180-day limit)"),
            gettext_noop("Records requests (5 business days)"),
        ],
        series=[
            Series(gettext_noop("Completed on time"), column("on_time")),
            Series(gettext_noop("Late or past the limit"), column("late")),
            Series(gettext_noop("Open, within the limit"), column("open")),
        ],
        unit=gettext_noop("clocks"),
        note=_suppressed_note(filters, note),
    )


def recommendations_by_status(filters):
    from oversight.governance.models import PolicyRecommendation
    from oversight.governance.recommendations_selectors import PUBLIC_STATUSES

    qs = PolicyRecommendation.objects.filter(status__in=PUBLIC_STATUSES)  # never a draft
    start, end = filters.bounds()
    if start is not None:
        local_start, local_end = timezone.localtime(start).date(), timezone.localtime(end).date()
        qs = qs.filter(vote_on__gte=local_start, vote_on__lt=local_end)
    counts = qs.order_by().aggregate(**{status: Count("pk", filter=Q(status=status)) for status in PUBLIC_STATUSES})
    labels = dict(PolicyRecommendation.Status.choices)
    return Chart(
        key="recommendations_by_status",
        title=gettext_noop("Policy recommendations by status"),
        kind=BAR,
        categories=[msgid(labels[status]) for status in PUBLIC_STATUSES],
        series=[Series(gettext_noop("Recommendations"), [counts[status] for status in PUBLIC_STATUSES])],
        unit=gettext_noop("recommendations"),
        note=gettext_noop(
            "Policy recommendations the Board adopted, by where they stand, by the year of the Board's vote. "
            "Drafts are not counted. The type, finding and neighbourhood filters do not apply."
        ),
    )


BUILDERS = {
    "complaints_over_time": complaints_over_time,
    "allegations_by_type": allegations_by_type,
    "complaints_by_neighbourhood": complaints_by_neighbourhood,
    "decisions": decisions,
    "findings": findings,
    "discipline": discipline,
    "timeliness": timeliness,
    "recommendations_by_status": recommendations_by_status,
}
DASHBOARD_CHARTS = tuple(BUILDERS)


def chart_build(key, *, filters=None):
    """The chart ``key`` for ``filters`` (one aggregate query), read from the replica when there is one.
    Raises KeyError for an unknown key."""
    builder = BUILDERS[key]
    filters = filters or DashboardFilters()
    with use_replica():
        return builder(filters)


def dashboard_years():
    """The years the filter offers: from the first case received (or FIRST_YEAR) to this year, newest first."""
    with use_replica():
        first = Case.objects.order_by().aggregate(first=Min("received_at"))["first"]
    this_year = timezone.localdate().year
    start = min(timezone.localtime(first).year if first else FIRST_YEAR, FIRST_YEAR, this_year)
    return list(range(this_year, start - 1, -1))


def allegation_type_choices():
    with use_replica():
        return list(AllegationType.objects.order_by("name").values_list("pk", "name"))
