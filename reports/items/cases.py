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
from oversight.pseudonyms import COMMUNITY_MEMBER, EMPLOYEE, pseudonym_label
from reports.facts import allegation_facts
from reports.trends import filer_key

from .blocks import figures, item, label, row, table, text
from .context import dashboard_chart

TITLE = gettext_noop("Summary of complaints received")
UNIDENTIFIED = gettext_noop("Unidentified officer")


def case_texts():
    """Every label and sentence of item d in the active language, read once per page or file
    (``gettext`` per case would dominate at 100,000 cases): what ``localized_case`` writes with."""
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
        "employee": {},  # letter -> "Employee A", filled as met
        "community_member": {},
    }


def _counted(n):
    return ngettext(
        "%(count)s allegation against %(employees)s (%(types)s).",
        "%(count)s allegations against %(employees)s (%(types)s).",
        n,
    )


def _filer_key(complaint):
    """The same person filing twice keeps one letter: matched as the raw data's complainant id matches
    them (``reports.trends.filer_key``: e-mail, else phone), else each complaint is its own person."""
    return filer_key(complaint["contact_email"], complaint["contact_phone"]) or ("complaint", complaint["pk"])


def _closed_cases(period):
    closed = Case.objects.filter(period.within("closed_at"))
    listed = closed.filter(decision=Case.Decision.INVESTIGATE)
    cases = list(listed.order_by("number").values("pk", "number", "origin", "mandatory_category", "decision"))
    counts = closed.aggregate(
        total=Count("pk"), **{value: Count("pk", filter=Q(decision=value)) for value in Case.Decision.values}
    )
    return listed, cases, counts


def _case_entry(index, case, allegations, complaints, names):
    """A case as codes, not text: its number in the list, the pseudonyms' letters ("" for an unidentified
    officer), the choices' values and the allegation types. ``localized_case`` writes it in the reader's
    language, so the page, the PDF and the CSV are in theirs, not in the language of the build."""
    employees, findings, discipline = [], [], []
    for a in allegations:
        who = ""
        if a["employee_id"]:
            names.employee(a["employee_id"])
            who = names.letter(EMPLOYEE, a["employee_id"])
        if who not in employees:
            employees.append(who)
        findings.append(
            [who, a["type_name"], a["investigator_finding"] or "", a["board_finding"] or "", a["final_finding"] or ""]
        )
        if a["discipline_proposed"] or a["discipline_board"] or a["discipline_final"]:
            discipline.append(
                [
                    who,
                    a["type_name"],
                    a["discipline_proposed"] or "",
                    a["discipline_board"] or "",
                    a["discipline_final"] or "",
                ]
            )
    filers = []
    for complaint in complaints:
        key = _filer_key(complaint)
        names.community_member(key)
        letter = names.letter(COMMUNITY_MEMBER, key)
        if letter not in filers:
            filers.append(letter)
    return {
        "n": index,
        "category": case["mandatory_category"],
        "origin": case["origin"],
        "decision": case["decision"],
        "filers": filers,
        "employees": employees,
        "findings": findings,
        "discipline": discipline,
    }


def localized_case(entry, t):
    """An item d entry as the page, the PDF and the CSV show it, in the active language (``t`` is
    ``case_texts()``): its label, the pseudonyms, kind, allegation types, decision, the finding and the
    discipline at each level, and a one-sentence summary. A code no longer among the choices is shown as
    it is. An entry of a report built before entries were stored as codes is already text, and is
    returned as it is."""
    if "summary" in entry:
        return entry

    def person(kind, letter):
        if not letter:
            return t["unidentified"]
        labels = t[kind]
        if letter not in labels:
            labels[letter] = pseudonym_label(kind, letter)
        return labels[letter]

    finding, action = t["finding"], t["action"]
    filers = [person(COMMUNITY_MEMBER, letter) for letter in entry["filers"]]
    employees = [person(EMPLOYEE, letter) for letter in entry["employees"]]
    findings = [
        {
            "employee": person(EMPLOYEE, who),
            "allegation": kind,
            "investigator": finding.get(inv, inv),
            "board": finding.get(board, board),
            "final": finding.get(final, final),
        }
        for who, kind, inv, board, final in entry["findings"]
    ]
    discipline = [
        {
            "employee": person(EMPLOYEE, who),
            "allegation": kind,
            "proposed": action.get(proposed, proposed),
            "board": action.get(board, board),
            "final": action.get(final, final),
        }
        for who, kind, proposed, board, final in entry["discipline"]
    ]
    types = sorted({kind for _who, kind, *_rest in entry["findings"]})
    sustained = sum(final == FindingOutcome.OUT_OF_POLICY for *_rest, final in entry["findings"])
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
    category = entry["category"]
    return {
        "label": t["case"] % {"n": entry["n"]},
        "pseudonyms": filers + employees,
        "type": t["category"].get(category, category)
        if category
        else t["origin"].get(entry["origin"], entry["origin"]),
        "allegations": types,
        "decision": t["decision"].get(entry["decision"], entry["decision"]),
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
    entries = [
        _case_entry(i, case, by_case.get(case["pk"], []), complaints.get(case["pk"], []), period.pseudonyms)
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
