"""Items e, f and p (trends, read from part D's ``reports/trends.py``), g (complainant demographics, with
small-cell suppression), q (the survey and feedback) and the contract-accountability section."""

from decimal import Decimal

from django.db.models import Count, Q
from django.utils.translation import gettext_noop

from intake.models import Complaint, FilerDemographics
from intake.status import survey_summary
from oversight.governance.feedback import ppb_feedback_summary
from oversight.governance.models import PpbFeedback, PublicComment
from reports.suppression import published_total, suppress_counts

from .blocks import NO_DATA, figures, item, label, pct, row, table, text

Demo = FilerDemographics
NOT_ANSWERED = gettext_noop("Not answered")
DIMENSIONS = (
    ("race", gettext_noop("Race or ethnicity (more than one may be chosen)"), Demo.Race),
    ("gender", gettext_noop("Gender"), Demo.Gender),
    ("age", gettext_noop("Age range"), Demo.AgeRange),
)


def _trends():
    try:
        from reports import trends
    except ImportError:  # D: part D's module is not there yet
        return None
    return trends


def item_e(period):
    """Covered Employees with two or more sustained complaints within twelve months: a count, never names."""
    trends = _trends()
    title = gettext_noop("Covered Employees with two or more sustained complaints within one year")
    if trends is None:
        return item("e", title, [], is_recorded=False)
    n = trends.sustained_repeat_count(start=period.start, end=period.end)
    return item("e", title, [figures(row(gettext_noop("Covered Employees"), n))])


def item_f(period):
    """Complainants who filed more than one complaint, and the issues their complaints raised."""
    trends = _trends()
    title = gettext_noop("Complainants who filed multiple complaints, and the issues raised")
    if trends is None:
        return item("f", title, [], is_recorded=False)
    repeat = trends.repeat_complainants(start=period.start, end=period.end)
    blocks = [
        figures(row(gettext_noop("Complainants who filed more than one complaint"), repeat["count"])),
        text(gettext_noop("Filers are matched by e-mail address or phone number; anonymous filers cannot be matched.")),
    ]
    if repeat["issues"]:
        blocks.append(
            table(
                gettext_noop("Issues raised by repeat complainants"),
                [gettext_noop("Allegation type"), gettext_noop("Allegations")],
                [[name, n] for name, n in repeat["issues"]],
            )
        )
    return item("f", title, blocks)


def item_p(period):
    """Trends: complaint types and frequency, and the consistency of discipline per misconduct category
    (counts; the Director's narrative beside them)."""
    trends = _trends()
    title = gettext_noop("Trends: officer history, complaint types and frequency, consistency of discipline")
    if trends is None:
        return item("p", title, [], source="mixed", narrative_field="trends_narrative", is_recorded=False)
    rows = [
        [
            c["category"],
            c["presumptive"],
            ", ".join(f"{level}: {n}" for level, n in c["imposed"]),
            c["departures"],
        ]
        for c in trends.discipline_consistency(start=period.start, end=period.end)
    ]
    blocks = [
        table(
            gettext_noop("Consistency of discipline by misconduct category"),
            [
                gettext_noop("Misconduct category"),
                gettext_noop("Presumptive sanction"),
                gettext_noop("Sanctions imposed"),
                gettext_noop("Departures from the presumptive sanction"),
            ],
            rows,
        )
    ]
    frequency = getattr(trends, "complaint_types_frequency", None)
    if frequency is not None:
        blocks.extend(_frequency_blocks(frequency(start=period.start, end=period.end)))
    return item(
        "p",
        title,
        blocks,
        source="mixed",
        narrative_field="trends_narrative",
        is_recorded=bool(rows) or len(blocks) > 1,
    )


def _frequency_blocks(years):
    """Part D's complaint types and frequency ([{"year", "types": [(name, n)]}]) as one table."""
    rows = [[str(y["year"]), name, n] for y in years for name, n in y["types"]]
    if not rows:
        return []
    return [
        table(
            gettext_noop("Complaint types and frequency"),
            [gettext_noop("Year"), gettext_noop("Allegation type"), gettext_noop("Allegations")],
            rows,
        )
    ]


def _demographic_counts(period):
    complaints = Complaint.objects.filter(period.within("received_at"))
    counts = {"complaints": Count("pk")}
    for value in Demo.Race.values:
        counts[f"race:{value}"] = Count("pk", filter=Q(demographics__race_ethnicity__contains=[value]))
    counts["race:"] = Count("pk", filter=Q(demographics__isnull=True) | Q(demographics__race_ethnicity=[]))
    for key, field, choices in (("gender", "gender", Demo.Gender), ("age", "age_range", Demo.AgeRange)):
        for value in choices.values:
            counts[f"{key}:{value}"] = Count("pk", filter=Q(**{f"demographics__{field}": value}))
        counts[f"{key}:"] = Count("pk", filter=Q(demographics__isnull=True) | Q(**{f"demographics__{field}": ""}))
    return complaints.aggregate(**counts)


def item_g(period):
    """Complainants' voluntary demographics for complaints received in the period; a cell under
    SMALL_CELL_MIN is suppressed, with a complementary cell so no total gives it back. One query."""
    c = _demographic_counts(period)
    total = c["complaints"]
    blocks = [
        figures(row(gettext_noop("Complaints received in the period"), total)),
        text(
            gettext_noop(
                "Answers are voluntary. Counts under 5 are suppressed, with a second cell where a total "
                "could give one back."
            )
        ),
    ]
    for key, caption, choices in DIMENSIONS:
        raw = {label(choices(v).label): c[f"{key}:{v}"] for v in choices.values}
        raw[NOT_ANSWERED] = c[f"{key}:"]
        shown = suppress_counts(raw)
        rows = [[name, n, pct(n, total)] for name, n in shown.items()]
        if key != "race":  # race is multiple choice: its cells do not add up to a total
            rows.append([gettext_noop("Total"), published_total(raw, shown), ""])
        blocks.append(
            table(caption, [gettext_noop("Answer"), gettext_noop("Complaints"), gettext_noop("Percent")], rows)
        )
    return item("g", gettext_noop("Demographic profile of complainants"), blocks, is_recorded=total > 0)


def item_q(period):
    """The filers' satisfaction survey (the mean of each 1-5 question), the community's comments and PPB's
    feedback by topic."""
    survey = survey_summary(answered_from=period.since, answered_to=period.until)
    ppb = ppb_feedback_summary(since=period.since, until=period.until)
    comments = PublicComment.objects.filter(period.within("submitted_at")).aggregate(
        total=Count("pk"), published=Count("pk", filter=Q(status=PublicComment.Status.PUBLISHED))
    )
    questions = (
        ("ease_of_filing", gettext_noop("Was it easy to file your complaint?")),
        ("kept_informed", gettext_noop("Were you kept informed about your case?")),
        ("treated_fairly", gettext_noop("Were you treated with respect and fairly?")),
        ("overall", gettext_noop("Overall, how satisfied are you?")),
    )
    blocks = [
        figures(row(gettext_noop("Survey answers"), survey["count"])),
        table(
            gettext_noop("Mean answer to each survey question (1 to 5)"),
            [gettext_noop("Question"), gettext_noop("Mean")],
            [[question, "" if survey[name] is None else round(survey[name], 1)] for name, question in questions],
        ),
        figures(
            row(gettext_noop("Public comments received on rules and policies"), comments["total"]),
            row(
                gettext_noop("Public comments published"),
                comments["published"],
                total=comments["total"],
                of=gettext_noop("of comments"),
            ),
        ),
        table(
            gettext_noop("Feedback from PPB by topic"),
            [gettext_noop("Topic"), gettext_noop("Feedback received")],
            [[label(topic.label), ppb["by_topic"][topic.value]] for topic in PpbFeedback.Topic]
            + [[gettext_noop("In all"), ppb["total"]]],
        ),
    ]
    return item(
        "q",
        gettext_noop("Participant satisfaction survey and community feedback"),
        blocks,
        is_recorded=bool(survey["count"] or comments["total"] or ppb["total"]),
    )


def item_contract(period):
    """The contract-accountability metrics (part D's ``reports/accountability.py``), each with its definition."""
    title = gettext_noop("Contract accountability")
    try:
        from reports.accountability import accountability_metrics
    except ImportError:  # D: part D's module is not there yet
        return item("contract", title, [], is_recorded=False)
    metrics = accountability_metrics(start=period.start, end=period.end)
    rows = [[m["label"], _plain(m), m["unit"] if m.get("is_recorded", True) else "", m["definition"]] for m in metrics]
    columns = [gettext_noop("Measure"), gettext_noop("Value"), gettext_noop("Unit"), gettext_noop("Definition")]
    return item(
        "contract",
        title,
        [table(gettext_noop("Contract-accountability measures"), columns, rows)],
        is_recorded=bool(rows),
    )


def _plain(metric):
    """A metric's value as a JSON cell: money as a number, "No data recorded" when nothing is recorded."""
    if not metric.get("is_recorded", True) or metric["value"] is None:
        return NO_DATA
    value = metric["value"]
    return float(value) if isinstance(value, Decimal) else value
