"""Reads for the staff side of intake: the queue, the roster search, groups and reconsiderations."""

import unicodedata

from django.db.models import CharField, Count, Func, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce, Concat

from oversight.accounts import need_to_know as ntk
from oversight.accounts.roles import Role, has_role
from oversight.folding import Folded, fold
from oversight.roster.models import Employee

from .filters import CaseQueueFilter
from .models import Allegation, Case, Complaint, IncidentGroup, ReconsiderationRequest
from .selectors import case_annotate_category, case_list_visible_to

ROSTER_MATCHES = 25


class Unaccent(Func):
    function = "unaccent"
    output_field = CharField()


def _fold(text):
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def employee_search_for_allegation(*, query):
    """Active Covered Employees and the Chief whose name or badge holds every word of the query.

    Case- and accent-insensitive, partial words: "garcia 41" finds Officer García, badge 41234.
    """
    words = _fold(query).split()
    if not words:
        return Employee.objects.none()
    haystack = Unaccent(Concat("first_name", Value(" "), "last_name", Value(" "), "badge_number"))
    qs = Employee.objects.filter(Q(is_covered=True) | Q(rank=Employee.Rank.CHIEF), is_active=True).annotate(
        haystack=haystack
    )
    for word in words:
        qs = qs.filter(haystack__icontains=word)
    return qs.order_by("last_name", "first_name")[:ROSTER_MATCHES]


def case_list_intake_queue_filtered(*, user, params):
    """The filtered intake queue and its filterset; a constant number of queries for any size."""
    first = Complaint.objects.filter(case=OuterRef("pk")).order_by("received_at")
    qs = (
        case_annotate_category(case_list_visible_to(user=user))
        .select_related("incident_group")
        .annotate(
            # Correlated counts, not COUNT(DISTINCT) over joins: PostgreSQL computes them for the
            # page's rows only (after ORDER BY ... LIMIT), and the paginator's count drops them
            # (issue 14: the grouped query ran over every case, twice).
            allegation_count=_count_per_case(Allegation),
            complaint_count=_count_per_case(Complaint),
            first_channel=Subquery(first.values("channel")[:1]),
            first_language=Subquery(first.values("language")[:1]),
        )
        .order_by("-received_at", "-pk")
    )
    filterset = CaseQueueFilter(params or None, queryset=qs)
    return filterset.qs, filterset


def case_search(queryset, term, *, user, path=""):
    """Rows of ``queryset`` (cases, or rows that reach their case by ``path``, e.g. "case__") whose case
    number starts with the term, or whose case has a filer name or an officer (name or badge) holding
    every word of it; accent- and case-insensitive.

    A row matches only on what the user may read: filer names only where they may read the filer's
    contact details (need_to_know FILER_CONTACT), officers only on cases they may see, so a search
    never tells anyone that a name they may not read matched.
    """
    words = fold(term).split()
    if not words:
        return queryset
    # One set of case ids (a UNION, each part served by its own index), not an OR of subqueries: an OR
    # makes PostgreSQL test every case of the list; the union is small and joins by primary key.
    numbered = Case.objects.order_by().filter(number__startswith=term.strip().upper()).values("pk")
    case_ids = numbered.union(
        _filer_name_matches(user, words).values("case_id"),
        _officer_matches(user, words).values("case_id"),
    )
    return queryset.filter(**{f"{path}pk__in": case_ids})


def _filer_name_matches(user, words):
    complaints = ntk.readable(Complaint.objects.order_by(), user, ntk.FieldGroup.FILER_CONTACT)
    complaints = complaints.annotate(folded_name=Folded("contact_name"))
    for word in words:
        complaints = complaints.filter(folded_name__contains=word)
    return complaints


def _officer_matches(user, words):
    haystack = Folded(Concat("first_name", Value(" "), "last_name", Value(" "), "badge_number"))
    officers = Employee.objects.order_by().annotate(haystack=haystack)
    for word in words:
        officers = officers.filter(haystack__contains=word)
    allegations = Allegation.objects.order_by().filter(employee__in=officers.values("pk"))
    # Intake and the Director see every case (intake.selectors._visibility): no need to join them.
    if not has_role(user, Role.INTAKE, Role.DIRECTOR):
        allegations = allegations.filter(case__in=case_list_visible_to(user=user).values("pk"))
    return allegations


def _count_per_case(model):
    rows = model.objects.filter(case=OuterRef("pk")).order_by().values("case").annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(rows, output_field=IntegerField()), 0)


def incident_group_list(*, user):
    """Groups with their case count, newest first."""
    visible = case_list_visible_to(user=user).values("pk")
    return IncidentGroup.objects.annotate(case_count=Count("cases", filter=Q(cases__in=visible)))


def incident_group_get_cases(*, user, group):
    """The group's cases the user may see, each with its own status."""
    return case_list_visible_to(user=user).filter(incident_group=group).order_by("received_at")


def reconsideration_list_for_case(*, case):
    return ReconsiderationRequest.objects.filter(case=case).select_related("complaint", "decided_by", "entered_by")


def reconsideration_list_pending():
    return ReconsiderationRequest.objects.filter(outcome=ReconsiderationRequest.Outcome.PENDING).select_related("case")
