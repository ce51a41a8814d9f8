"""The staff case page's parts for reconsideration and incident groups (registered in apps.py)."""

from .models import Case, IncidentGroup
from .permissions import can_decide_reconsideration, can_work_intake
from .reconsideration import decision_may_change
from .services import case_decision_rule
from .staff_forms import GroupCaseForm, ReconsiderationDecideForm, ReconsiderationRequestForm
from .staff_selectors import reconsideration_list_for_case


def reconsideration_section(request, case):
    if case.origin == Case.Origin.MANDATORY_INCIDENT:
        return None
    requests = list(reconsideration_list_for_case(case=case))
    if not requests and not case.decision:
        return None
    director = can_decide_reconsideration(request.user)
    rule = case_decision_rule(case) if director and any(r.is_pending for r in requests) else None
    rows = [
        (
            r,
            ReconsiderationDecideForm(prefix_id=r.pk, rule=rule, current=case.decision)
            if director and r.is_pending
            else None,
        )
        for r in requests
    ]
    context = {"template": "intake/partials/_reconsideration.html", "case": case, "rows": rows}
    if can_work_intake(request.user) and decision_may_change(case) and case.complaints.exists():
        context["request_form"] = ReconsiderationRequestForm(case=case)
    return context


def incident_group_section(request, case):
    if not can_work_intake(request.user):
        return None
    context = {"template": "intake/partials/_incident_group.html", "case": case, "group": case.incident_group}
    if case.incident_group_id is None and IncidentGroup.objects.exists():
        context["join_form"] = GroupCaseForm()
    return context
