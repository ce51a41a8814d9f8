"""Closed deadly-force cases (issue 10 part D) walked through the real services at pinned times: the
hearings panel finds every allegation unfounded at DECIDED_AT, which closes the case; its appeal window
ends on LAST_DAY, so the case's rights are exhausted from DAY_AFTER on."""

import datetime

import time_machine

from discipline.closed_case_reviews import closed_case_review_open, closed_case_review_update
from discipline.services import panel_convene, panel_decide, vote_cast
from intake.services import allegation_add, case_decide
from investigations.services import chief_notice_send, finding_record, investigation_complete, investigation_open
from tests.factories import AllegationTypeFactory, ChiefFactory, EmployeeFactory, file_complaint

from .arrange_appeals import DAY_AFTER, DECIDED_AT, LAST_DAY  # noqa: F401

OFFICERS = (("Jordan", "Blake"), ("Casey", "Whitfield"))
COMPLAINANT = "Maria Alvarez"
WITNESS = "Tomas Okafor"


def deadly_type():
    return AllegationTypeFactory(code="deadly-force", name="Use of deadly force", mandatory_category="deadly_force")


def closed_case(intake_user, director, investigator, board_members, *, deadly=True, officers=OFFICERS):
    """A closed case with one allegation per officer, of deadly force unless ``deadly`` is False."""
    with time_machine.travel(DECIDED_AT - datetime.timedelta(days=20), tick=False):
        case = file_complaint(contact_name=COMPLAINANT, incident_on=datetime.date(2026, 1, 10))
        kind = deadly_type() if deadly else AllegationTypeFactory()
        for first, last in officers:
            allegation_add(
                case=case,
                allegation_type=kind,
                employee=EmployeeFactory(first_name=first, last_name=last),
                actor=intake_user,
                reason="Identified at intake",
            )
        case_decide(case=case, decision="investigate", reason="Deadly force", actor=intake_user)
        ChiefFactory()
        chief_notice_send(case=case, actor=director)
        investigation_open(case=case, investigator=investigator, actor=director, reason="Assigned")
        for allegation in case.allegations.all():
            finding_record(allegation=allegation, outcome="unfounded", rationale="Video", actor=investigator)
        investigation_complete(investigation=case.investigation, actor=investigator, reason="Findings complete")
        panel = panel_convene(case=case, members=board_members, actor=director, reason="Hearing")
    with time_machine.travel(DECIDED_AT, tick=False):
        for allegation in case.allegations.all():
            for member in board_members:
                vote_cast(panel=panel, allegation=allegation, finding="unfounded", actor=member)
        panel_decide(panel=panel, actor=director)
    case.refresh_from_db()
    return case


NAMED_SUMMARY = (
    "Officer Jordan Blake and officer Whitfield stopped Maria Alvarez. Blake fired once; "
    "Casey Whitfield called for medical aid. Tomas Okafor saw it. Later BLAKE wrote the report."
)


def review_drafted(case, director, *, summary=NAMED_SUMMARY, other_names=WITNESS):
    """A draft review whose text still names the people of the case."""
    review = closed_case_review_open(actor=director, case=case, title="Shooting at a traffic stop", reason="Due")
    return closed_case_review_update(
        actor=director,
        review=review,
        title="Shooting at a traffic stop",
        summary=summary,
        findings="Jordan Blake followed policy; Whitfield did not report promptly.",
        recommendations="Train on reporting, as Maria Alvarez's family asked.",
        other_names=other_names,
        reason="Draft",
    )
