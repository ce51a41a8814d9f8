"""Trends for the annual report (35A.050 F.1 items e, f and p; R5.5) and the Director's early
identification list. Every function takes a period of dates, [start, end).

Definitions (the public accountability page repeats them):

- A complaint is SUSTAINED against a Covered Employee when an allegation of theirs on the case has a
  final finding of Out of Policy: the final finding after appeals where one is recorded, else the Board's
  (``FinalOutcome`` keeps both and sets the final one equal to the Board's until an appeal changes it);
  an allegation the Board has not yet decided is not sustained, whatever the investigator found.
  The allegations against the Chief of Police (decided by the Mayor, R1.7) are left out.
- Its SUSTAINING DATE is the day (Pacific) the Board's panel decided the result that sustained it; where
  the Board did not sustain it and an appeal did, the day the final outcome was set.
- Item e counts the Covered Employees with two or more sustained complaints (distinct cases) whose
  sustaining dates lie within 365 days of each other, the later of the two in the period.
- Item f counts the people who filed more than one complaint received in the period, matching filers
  by e-mail address (lower case, trimmed) or phone number (digits only, a leading US "1" dropped); an
  anonymous filer (no e-mail and no phone) cannot be matched and is not counted.
- Consistency of discipline (item p) compares, per misconduct category of the discipline guide, the
  sanction level adopted with the category's presumptive level; a departure is an adopted level other
  than the presumptive one, whose written reasoning the guide requires. Reasons are staff-written text:
  only the Director's page shows them.
"""

from collections import Counter, defaultdict
from datetime import timedelta

from django.db.models import Count, F, Min, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce, NullIf, TruncYear
from django.utils import timezone

from discipline.models import DisciplineDecision, Panel, PanelResult
from intake.models import Allegation, Complaint
from investigations.models import FindingOutcome
from oversight.calendar.business_days import PACIFIC

from .facts import period_bounds

REPEAT_WINDOW_DAYS = 365
SUSTAINED = FindingOutcome.OUT_OF_POLICY


def _sustained_allegations():
    """Allegations against a Covered Employee whose final (else the Board's) finding is Out of Policy,
    annotated with ``sustained_at`` (see the module docstring)."""
    board_sustained_at = Subquery(
        PanelResult.objects.filter(
            allegation=OuterRef("pk"),
            finding=SUSTAINED,
            panel__status=Panel.Status.DECIDED,
            panel__kind__in=(Panel.Kind.HEARINGS, Panel.Kind.DISCIPLINARY),
        )
        .order_by("panel__decided_at")
        .values("panel__decided_at")[:1]
    )
    return (
        Allegation.objects.filter(is_against_chief=False, employee__isnull=False)
        .annotate(
            standing_finding=Coalesce(
                NullIf(F("final_outcome__final_finding"), Value("")), F("final_outcome__board_finding")
            )
        )
        .filter(standing_finding=SUSTAINED)
        .annotate(sustained_at=Coalesce(board_sustained_at, F("final_outcome__set_at")))
    )


def _repeat_pairs(*, start, end):
    """{employee_id: [(earlier case, its day), (later case, its day)]}: for each Covered Employee with two
    sustained cases within the window ending in the period, the closest such pair (the latest one)."""
    period_from, period_to = period_bounds(start, end)
    window_from = period_from - timedelta(days=REPEAT_WINDOW_DAYS + 1)
    rows = (
        _sustained_allegations()
        .filter(sustained_at__gte=window_from, sustained_at__lt=period_to)
        .values("employee_id", "case_id")
        .annotate(first_at=Min("sustained_at"))
        .order_by()
    )
    by_employee = defaultdict(list)
    for row in rows:
        by_employee[row["employee_id"]].append((row["first_at"].astimezone(PACIFIC).date(), row["case_id"]))
    pairs = {}
    for employee_id, cases in by_employee.items():
        cases.sort()
        for (earlier_day, earlier), (later_day, later) in zip(cases, cases[1:], strict=False):
            if start <= later_day < end and (later_day - earlier_day).days <= REPEAT_WINDOW_DAYS:
                pairs[employee_id] = [(earlier, earlier_day), (later, later_day)]
    return pairs, by_employee


def sustained_repeat_count(*, start, end):
    """Item e (public): how many Covered Employees had two or more sustained complaints within any
    twelve-month window ending in the period. A count only; never a name."""
    pairs, _cases = _repeat_pairs(start=start, end=end)
    return len(pairs)


def sustained_repeat_list(*, start, end, user):
    """The Director's early-identification list: each Covered Employee counted by item e, with every
    sustained case of theirs in the window (number and sustaining day), sorted by name. Empty for anyone
    but the Director. Three queries whatever the number of officers."""
    from oversight.accounts.roles import Role, has_role
    from oversight.roster.models import Employee

    if not has_role(user, Role.DIRECTOR):
        return []
    pairs, by_employee = _repeat_pairs(start=start, end=end)
    if not pairs:
        return []
    from intake.models import Case

    case_ids = {case_id for employee_id in pairs for _day, case_id in by_employee[employee_id]}
    numbers = dict(Case.objects.filter(pk__in=case_ids).values_list("pk", "number"))
    employees = Employee.objects.filter(pk__in=pairs).order_by("last_name", "first_name", "pk")
    rows = []
    for employee in employees:
        cases = [
            {"case_id": case_id, "number": numbers[case_id], "sustained_on": day}
            for day, case_id in by_employee[employee.pk]
            if day < end
        ]
        rows.append({"employee": employee, "cases": cases})
    return rows


def _email_key(email):
    email = (email or "").strip().lower()
    return f"e:{email}" if email else ""


def _phone_key(phone):
    digits = "".join(c for c in phone or "" if c.isdigit())
    if len(digits) == 11 and digits.startswith("1"):
        digits = digits[1:]
    return f"p:{digits}" if len(digits) >= 7 else ""


def filer_key(email, phone):
    """The one key a filer is known by across complaints: the e-mail address (lower case), else the phone
    number's digits; empty when the filer gave neither. The raw data's complainant id is its keyed hash
    (reports.releases); item f also links an e-mail and a phone given together."""
    return _email_key(email) or _phone_key(phone)


def repeat_complainants(*, start, end):
    """Item f: people who filed more than one complaint received in the period, and the allegation
    types the cases of their complaints raised (by number of allegations, most first). Filers are
    matched by e-mail or phone (module docstring); ``anonymous`` says how many complaints could not be
    matched at all. Two queries."""
    period_from, period_to = period_bounds(start, end)
    complaints = Complaint.objects.filter(received_at__gte=period_from, received_at__lt=period_to).values_list(
        "pk", "case_id", "contact_email", "contact_phone"
    )
    parent = {}

    def find(key):
        while parent[key] != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    filed, anonymous = [], 0
    for _pk, case_id, email, phone in complaints.order_by():
        keys = [k for k in (_email_key(email), _phone_key(phone)) if k]
        if not keys:
            anonymous += 1
            continue
        for key in keys:
            parent.setdefault(key, key)
        root = find(keys[0])
        for key in keys[1:]:
            parent[find(key)] = root
        filed.append((keys[0], case_id))
    per_person = defaultdict(set)
    cases_of = defaultdict(set)
    for key, case_id in filed:
        person = find(key)
        per_person[person].add(key)
        cases_of[person].add(case_id)
    complaints_of = Counter(find(key) for key, _case in filed)
    repeat = [person for person, n in complaints_of.items() if n > 1]
    case_ids = set().union(*(cases_of[p] for p in repeat)) if repeat else set()
    issues = []
    if case_ids:
        issues = [
            (row["allegation_type__name"], row["n"])
            for row in Allegation.objects.filter(case_id__in=case_ids, is_against_chief=False)
            .values("allegation_type__name")
            .annotate(n=Count("pk"))
            .order_by("-n", "allegation_type__name")
        ]
    return {
        "count": len(repeat),
        "complaints": sum(complaints_of[p] for p in repeat),
        "anonymous": anonymous,
        "issues": issues,
    }


def discipline_consistency(*, start, end, include_reasons=False):
    """Item p, consistency of discipline: per misconduct category, for the discipline the Board's panels
    adopted in the period (withdrawn discipline left out), the levels imposed (the level after Loudermill
    where it changed it), and the departures from the presumptive level with their count. ``reasons``
    (the written reasoning of each departure) is filled only with ``include_reasons`` (the Director's
    page): it is staff-written text that may name people. Two queries."""
    period_from, period_to = period_bounds(start, end)
    decisions = (
        DisciplineDecision.objects.filter(
            decided_at__gte=period_from, decided_at__lt=period_to, category__isnull=False, level__isnull=False
        )
        .exclude(status=DisciplineDecision.Status.WITHDRAWN)
        .annotate(
            imposed_rank=Coalesce("final_level__rank", "level__rank"),
            imposed_name=Coalesce("final_level__name", "level__name"),
        )
    )
    groups = {}
    for row in (
        decisions.values("category_id", "category__name", "category__presumptive__name", "imposed_rank", "imposed_name")
        .annotate(n=Count("pk"), at_presumptive=Count("pk", filter=Q(level_id=F("category__presumptive_id"))))
        .order_by("category__name", "category_id", "imposed_rank")
    ):
        group = groups.setdefault(
            row["category_id"],
            {
                "category": row["category__name"],
                "presumptive": row["category__presumptive__name"],
                "imposed": [],
                "departures": 0,
                "reasons": [],
            },
        )
        group["imposed"].append((row["imposed_name"], row["n"]))
        group["departures"] += row["n"] - row["at_presumptive"]
    if include_reasons and groups:
        for category_id, reasoning in (
            decisions.exclude(level_id=F("category__presumptive_id"))
            .order_by("decided_at", "pk")
            .values_list("category_id", "proposal__reasoning")
        ):
            if reasoning:
                groups[category_id]["reasons"].append(reasoning)
    return list(groups.values())


def complaint_types_frequency(*, start, end):
    """Allegation types and how many allegations of each were received, by year of receipt (Pacific):
    [{"year": 2026, "types": [(type_name, n), ...]}, ...], oldest year first. One query."""
    period_from, period_to = period_bounds(start, end)
    rows = (
        Allegation.objects.filter(
            is_against_chief=False, case__received_at__gte=period_from, case__received_at__lt=period_to
        )
        .annotate(year=TruncYear("case__received_at", tzinfo=timezone.get_default_timezone()))
        .values("year", "allegation_type__name")
        .annotate(n=Count("pk"))
        .order_by("year", "-n", "allegation_type__name")
    )
    years = {}
    for row in rows:
        year = row["year"].year
        years.setdefault(year, {"year": year, "types": []})["types"].append((row["allegation_type__name"], row["n"]))
    return list(years.values())
