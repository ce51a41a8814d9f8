"""Items l (PPB's failures to comply), m (civil suits; closed deadly-force and death-in-custody cases) and
n (investigations past 180 days). Published counts read ``breached_at`` as recorded (DEADLINES.md)."""

from django.db.models import Count, Exists, OuterRef, Q
from django.utils.translation import gettext_noop

from discipline.models import ClosedCaseReview
from intake.models import Allegation, Case, MandatoryCategory
from investigations.models import Investigation
from investigations.noncompliance import noncompliance_summary
from oversight.calendar.models import Deadline
from oversight.governance.models import CivilSuit
from oversight.governance.suits import civil_suits_summary

from .blocks import figures, item, label, row, table, text
from .context import dashboard_chart

DEADLY = (MandatoryCategory.DEADLY_FORCE, MandatoryCategory.DEATH_IN_CUSTODY)


def _breaches(period):
    if "breaches" not in period.shared:
        period.shared["breaches"] = Deadline.objects.filter(period.within("breached_at")).aggregate(
            investigations=Count("pk", filter=Q(rule=Deadline.Rule.INVESTIGATION_180D)),
            records=Count("pk", filter=Q(rule=Deadline.Rule.RECORDS_5BD)),
        )
    return period.shared["breaches"]


def item_l(period):
    """Interviews refused, records withheld, subpoenas not complied with, and records requests answered
    late, in the period; and for each kind of failure, whether PPB imposed discipline for it."""
    failures = noncompliance_summary(since=period.since, until=period.until)
    late = _breaches(period)["records"]
    refused, withheld, subpoenas = (failures[k] for k in ("interview", "record", "subpoena"))
    kinds = (
        (gettext_noop("Interviews refused by a PPB employee"), refused),
        (gettext_noop("Records PPB withheld"), withheld),
        (gettext_noop("Subpoenas not complied with"), subpoenas),
    )
    blocks = [
        figures(
            row(gettext_noop("Interviews refused by a PPB employee"), refused["total"]),
            row(gettext_noop("Records requests PPB did not answer within 5 business days"), late),
            row(gettext_noop("Records PPB withheld"), withheld["total"]),
            row(gettext_noop("Subpoenas not complied with"), subpoenas["total"]),
        ),
        table(
            gettext_noop("Whether PPB imposed discipline for each failure to comply"),
            [
                gettext_noop("Failure to comply"),
                gettext_noop("In all"),
                gettext_noop("Discipline imposed"),
                gettext_noop("No discipline imposed"),
                gettext_noop("PPB has not decided yet"),
                gettext_noop("Not recorded"),
            ],
            [[name, c["total"], c["imposed"], c["not_imposed"], c["pending"], c["unrecorded"]] for name, c in kinds],
        ),
        text(
            gettext_noop(
                "Whether discipline was imposed is recorded by the Director from PPB's answer; a late answer "
                "to a records request has no such record."
            )
        ),
    ]
    return item("l", gettext_noop("PPB failures to comply with interviews, records requests and subpoenas"), blocks)


def _deadly_cases(period):
    sustained = Exists(Allegation.objects.filter(case=OuterRef("pk"), final_outcome__final_finding="out_of_policy"))
    counts = {}
    for category in DEADLY:
        q = Q(mandatory_category=category)
        counts[f"{category}:closed"] = Count("pk", filter=q)
        counts[f"{category}:investigated"] = Count("pk", filter=q & Q(decision=Case.Decision.INVESTIGATE))
        counts[f"{category}:sustained"] = Count("pk", filter=q & Q(sustained=True))
    return (
        Case.objects.filter(period.within("closed_at"), mandatory_category__in=DEADLY)
        .annotate(sustained=sustained)
        .aggregate(**counts)
    )


def item_m(period):
    """Civil suits filed in the year (annual report only: suits are kept by year) and the closed cases of
    deadly force or death in custody, how they were processed and their outcomes (no names)."""
    c = _deadly_cases(period)
    rows = [
        [label(MandatoryCategory(k).label), c[f"{k}:closed"], c[f"{k}:investigated"], c[f"{k}:sustained"]]
        for k in DEADLY
    ]
    reviews = ClosedCaseReview.objects.filter(
        period.within("published_at"), status=ClosedCaseReview.Status.PUBLISHED
    ).count()
    blocks = [
        table(
            gettext_noop("Closed cases of deadly force or death in custody"),
            [
                gettext_noop("Category"),
                gettext_noop("Cases closed"),
                gettext_noop("Fully investigated"),
                gettext_noop("With a sustained allegation (final)"),
            ],
            rows,
        ),
        figures(row(gettext_noop("Closed case reviews published (35A.050 H)"), reviews)),
    ]
    if period.is_annual:
        suits = civil_suits_summary(year=period.start.year)
        if suits["is_recorded"]:
            blocks[:0] = [
                figures(
                    row(gettext_noop("Civil suits filed against PPB officers"), suits["count"]),
                    row(
                        gettext_noop("Suits in which the City is a defendant"),
                        suits["city_defendant"],
                        total=suits["count"],
                        of=gettext_noop("of suits filed"),
                    ),
                    row(gettext_noop("Suits resolved"), suits["resolved"]),
                    row(gettext_noop("Settlements paid (USD)"), float(suits["settlements"])),
                    row(gettext_noop("Judgments paid (USD)"), float(suits["judgments"])),
                    row(gettext_noop("Legal fees paid by the City (USD)"), float(suits["fees"])),
                ),
                table(
                    gettext_noop("Civil suits filed by nature"),
                    [gettext_noop("Nature"), gettext_noop("Suits")],
                    [[label(CivilSuit.Nature(k).label), n] for k, n in suits["by_nature"].items()],
                ),
            ]
        else:
            blocks.insert(0, text(gettext_noop("Civil suits: no data recorded.")))
    return item("m", gettext_noop("Civil suits, and closed cases of deadly force or death in custody"), blocks)


def item_n(period):
    """Investigations whose 180-day clock was breached in the period, beside those completed in it."""
    late = _breaches(period)["investigations"]
    completed = Investigation.objects.filter(period.within("completed_at")).count()
    blocks = [
        figures(
            row(gettext_noop("Investigations past 180 days"), late),
            row(gettext_noop("Investigations completed in the period"), completed),
        ),
        text(
            gettext_noop("An investigation counts in the period in which its 180-day limit passed, as recorded then.")
        ),
    ]
    chart = dashboard_chart(period, "timeliness")
    if chart:
        blocks.append(chart)
    return item("n", gettext_noop("Investigations not completed within 180 days"), blocks)
