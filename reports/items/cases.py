"""Item d: a summary of every case closed in the period after a full investigation, anonymized with the
report's one pseudonym map (Employee A, Community Member A: the same person keeps the same letter
throughout the report), built only from structured fields: never a narrative, a name or contact details.

At 100,000 cases a year the report cannot list every case received: it lists the cases CLOSED in the
period that had a full investigation (those with findings and discipline), ordered by number, and counts
the rest by case-handling decision. Four queries, whatever the number of cases.
"""

from django.db.models import Count, Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, ngettext

from discipline.models import DisciplineDecision
from intake.models import Case, Complaint, MandatoryCategory
from investigations.models import FindingOutcome
from reports.facts import allegation_facts

from .blocks import figures, item, label, row, table, text
from .context import dashboard_chart

TITLE = gettext_noop("Summary of complaints received")
UNIDENTIFIED = gettext_noop("Unidentified officer")


def _texts():
    """Every label and sentence of item d, read once per report (``gettext`` per case would dominate the
    build at 100,000 cases)."""
    choices = {
        name: {"": "", **{value: str(text) for value, text in kind.choices}}
        for name, kind in (
            ("finding", FindingOutcome),
            ("action", DisciplineDecision.Action),
            ("decision", Case.Decision),
            ("category", MandatoryCategory),
            ("origin", Case.Origin),
        )
    }
    return {
        **choices,
        "unidentified": _(UNIDENTIFIED),
        "filed": _("Filed by %(filers)s."),
        "opened": _("Opened by OCPA without a complaint."),
        "one": _counted(1),
        "many": _counted(2),
        "sustained": _("Sustained in the final finding: %(sustained)s."),
        "case": _("Case %(n)s"),
    }


def _counted(n):
    return ngettext(
        "%(count)s allegation against %(employees)s (%(types)s).",
        "%(count)s allegations against %(employees)s (%(types)s).",
        n,
    )


def _filer_key(complaint):
    """The same person filing twice keeps one letter: matched by e-mail, else phone, else the complaint."""
    email = (complaint["contact_email"] or "").strip().casefold()
    phone = "".join(ch for ch in complaint["contact_phone"] or "" if ch.isdigit())
    return ("email", email) if email else ("phone", phone) if phone else ("complaint", complaint["pk"])


def _closed_cases(period):
    closed = Case.objects.filter(period.within("closed_at"))
    listed = closed.filter(decision=Case.Decision.INVESTIGATE)
    cases = list(listed.order_by("number").values("pk", "number", "origin", "mandatory_category", "decision"))
    counts = closed.aggregate(
        total=Count("pk"), **{value: Count("pk", filter=Q(decision=value)) for value in Case.Decision.values}
    )
    return listed, cases, counts


def _case_entry(index, case, allegations, complaints, names, t):
    employees, findings, discipline = [], [], []
    finding, action = t["finding"], t["action"]
    sustained = 0
    for a in allegations:
        who = names.employee(a["employee_id"]) if a["employee_id"] else t["unidentified"]
        if who not in employees:
            employees.append(who)
        findings.append(
            {
                "employee": who,
                "allegation": a["type_name"],
                "investigator": finding[a["investigator_finding"] or ""],
                "board": finding[a["board_finding"] or ""],
                "final": finding[a["final_finding"] or ""],
            }
        )
        sustained += a["final_finding"] == FindingOutcome.OUT_OF_POLICY
        if a["discipline_proposed"] or a["discipline_board"] or a["discipline_final"]:
            discipline.append(
                {
                    "employee": who,
                    "allegation": a["type_name"],
                    "proposed": action[a["discipline_proposed"] or ""],
                    "board": action[a["discipline_board"] or ""],
                    "final": action[a["discipline_final"] or ""],
                }
            )
    filers = []
    for complaint in complaints:
        who = names.community_member(_filer_key(complaint))
        if who not in filers:
            filers.append(who)
    types = sorted({a["type_name"] for a in allegations})
    counted = t["one"] if len(findings) == 1 else t["many"]
    summary = " ".join(
        [
            t["filed"] % {"filers": ", ".join(filers)} if filers else t["opened"],
            counted
            % {
                "count": len(findings),
                "employees": ", ".join(employees) or t["unidentified"],
                "types": ", ".join(types),
            },
            t["sustained"] % {"sustained": sustained},
        ]
    )
    category = case["mandatory_category"]
    return {
        "label": t["case"] % {"n": index},
        "pseudonyms": filers + employees,
        "type": t["category"][category] if category else t["origin"][case["origin"]],
        "allegations": types,
        "decision": t["decision"][case["decision"]],
        "findings": findings,
        "discipline": discipline,
        "summary": summary,
    }


def item_d(period):
    """The listed cases, and the count of every case closed in the period by case-handling decision."""
    listed, cases, counts = _closed_cases(period)
    by_case, complaints = {}, {}
    facts = allegation_facts(case_filter=Q(case__in=listed.values("pk"))).order_by("case__number", "pk")
    for a in facts.values(*FACT_NAMES):
        by_case.setdefault(a["case_id"], []).append(a)
    for c in (
        Complaint.objects.filter(case__in=listed.values("pk"))
        .order_by("received_at", "pk")
        .values("pk", "case_id", "contact_email", "contact_phone")
    ):
        complaints.setdefault(c["case_id"], []).append(c)
    t = _texts()
    entries = [
        _case_entry(i, case, by_case.get(case["pk"], []), complaints.get(case["pk"], []), period.pseudonyms, t)
        for i, case in enumerate(cases, 1)
    ]
    total = counts.pop("total")
    decisions = [[label(Case.Decision(value).label), n] for value, n in counts.items()]
    blocks = [
        text(
            gettext_noop(
                "Cases closed in the period after a full investigation are summarized below; people are named "
                "only by pseudonym, the same person with the same letter throughout this report."
            )
        ),
        figures(
            row(gettext_noop("Cases closed in the period"), total),
            row(
                gettext_noop("Closed after a full investigation (summarized below)"),
                len(entries),
                total=total,
                of=gettext_noop("of cases closed"),
            ),
        ),
        table(
            gettext_noop("Cases closed in the period by case-handling decision"),
            [gettext_noop("Decision"), gettext_noop("Cases")],
            decisions,
        ),
        {"type": "cases", "cases": entries},
    ]
    for key in ("complaints_over_time", "allegations_by_type", "complaints_by_neighbourhood"):
        chart = dashboard_chart(period, key)
        if chart:
            blocks.append(chart)
    return item("d", TITLE, blocks)


FACT_NAMES = (
    "pk",
    "case_id",
    "employee_id",
    "type_name",
    "investigator_finding",
    "board_finding",
    "final_finding",
    "discipline_proposed",
    "discipline_board",
    "discipline_final",
)
