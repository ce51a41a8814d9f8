"""The Board's sections of the staff case page (intake/sections.py), registered in apps.py: the panels,
and the discipline decided on each sustained allegation (recorded on the panel's hearing page)."""

from intake.chief import AGAINST_CHIEF
from intake.models import Case
from intake.selectors import allegation_list_for_case

from .models import Panel, PanelResult
from .permissions import can_convene_panel
from .seating_forms import PanelConveneForm
from .selectors import discipline_map_for_case

BOARD_STAGES = (
    Case.Status.FINDINGS_READY,
    Case.Status.BOARD_REVIEW,
    Case.Status.DISCIPLINE,
    Case.Status.ON_APPEAL,
    Case.Status.MAYOR_REVIEW,
    Case.Status.CLOSED,
)


# Issue 9.3: a preliminary panel reviews a case before the investigation ends.
PRELIMINARY_STAGES = (Case.Status.AWAITING_INVESTIGATION, Case.Status.INVESTIGATING)


def has_board_stage(user, case):
    """From findings on; a case closed or with the Mayor shows the Board only if it had a panel; a case
    before or under investigation shows it to the Director (to convene a preliminary panel) or if it had one."""
    if case.status in PRELIMINARY_STAGES:
        return can_convene_panel(user) or case.panels.exists()
    if case.status not in BOARD_STAGES:
        return False
    return case.status not in (Case.Status.CLOSED, Case.Status.MAYOR_REVIEW) or case.panels.exists()


def has_panel_results(user, case):
    return case.status in (Case.Status.DISCIPLINE, Case.Status.CLOSED) and case.panels.exists()


def board_section(request, case):
    panels = list(case.panels.all().order_by("convened_at"))
    context = {"template": "discipline/partials/_case_section.html", "case": case, "panels": panels}
    if can_convene_panel(request.user):
        form = PanelConveneForm(case=case)
        if form.chosen_kind:
            context["convene_form"] = form
            context["convene_kind"] = Panel.Kind(form.chosen_kind).label
    return context


def discipline_section(request, case):
    """Each allegation before the Board with the panel's result and the discipline decided (R3.5)."""
    results = {r.allegation_id: r for r in PanelResult.objects.filter(panel__case=case).select_related("panel")}
    decisions = discipline_map_for_case(case)
    rows = [
        (allegation, results.get(allegation.pk), decisions.get(allegation.pk))
        for allegation in allegation_list_for_case(case=case).exclude(AGAINST_CHIEF)
    ]
    return {
        "template": "discipline/partials/_discipline_section.html",
        "case": case,
        "rows": rows,
        "is_director": can_convene_panel(request.user),
    }
