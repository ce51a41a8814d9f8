"""Walks a case to a given stage through the real services, so tests start from true states."""

from discipline.services import panel_convene, panel_decide, vote_cast
from intake.services import allegation_add, case_decide
from investigations.services import chief_notice_send, finding_record, investigation_complete, investigation_open

from .factories import AllegationTypeFactory, ChiefFactory, EmployeeFactory, file_complaint

ROSTERED = object()


def case_received(intake_user, *, allegation_type=None, employee=ROSTERED):
    """A filed case with one allegation (employee=None for an unidentified officer)."""
    case = file_complaint()
    allegation_add(
        case=case,
        allegation_type=allegation_type or AllegationTypeFactory(),
        employee=EmployeeFactory() if employee is ROSTERED else employee,
        actor=intake_user,
        reason="Identified at intake",
    )
    return case


def case_investigating(intake_user, director, investigator):
    case = case_received(intake_user)
    case_decide(case=case, decision="investigate", reason="Community concern", actor=intake_user)
    ChiefFactory()
    chief_notice_send(case=case, actor=director)
    investigation_open(case=case, investigator=investigator, actor=director, reason="Assigned")
    case.refresh_from_db()
    return case


def case_before_panel(intake_user, director, investigator, board_members, outcome="out_of_policy"):
    case = case_investigating(intake_user, director, investigator)
    for allegation in case.allegations.all():
        finding_record(allegation=allegation, outcome=outcome, rationale="Video shows it", actor=investigator)
    investigation_complete(investigation=case.investigation, actor=investigator, reason="Findings complete")
    panel = panel_convene(case=case, members=board_members, actor=director, reason="Hearing")
    return case, panel


def case_awaiting_discipline(intake_user, director, investigator, board_members):
    case, panel = case_before_panel(intake_user, director, investigator, board_members)
    allegation = case.allegations.get()
    for member in board_members:
        vote_cast(panel=panel, allegation=allegation, finding="out_of_policy", actor=member)
    panel_decide(panel=panel, actor=director)
    case.refresh_from_db()
    return case, panel, allegation
