"""Arrangements for results told (issue 9.11): a case whose hearings panel has decided, through the
real services, with the filer's contact choice and the officers the test needs."""

import uuid

from discipline.services import panel_convene, panel_decide, vote_cast
from intake.chief import allegations_for_board
from intake.models import Complaint
from intake.services import allegation_add, case_decide, complaint_file
from investigations.services import chief_notice_send, finding_record, investigation_complete, investigation_open
from tests.factories import AllegationTypeFactory, ChiefFactory, EmployeeFactory, complaint_data

ACCESS_CODE = "ABCD-EFGH-JKMN"


def filed_case(*, access_code=ACCESS_CODE, **contact):
    """A filed case whose filer chose ``contact`` (contact_method, contact_email, language ...)."""
    complaint = complaint_file(data=complaint_data(**contact), submission_key=uuid.uuid4(), access_code=access_code)
    return complaint.case


def case_decided(
    intake_user,
    director,
    investigator,
    board_members,
    *,
    officers=None,
    chief=False,
    finding="out_of_policy",
    **contact,
):
    """A case whose hearings panel adopted ``finding`` on every allegation before the Board: one
    allegation per officer (an e-mailed one by default), plus one against the Chief when ``chief``."""
    case = filed_case(**contact)
    officers = officers if officers is not None else [EmployeeFactory(email="officer@police.invalid")]
    for officer in officers:
        allegation_add(
            case=case, allegation_type=AllegationTypeFactory(), employee=officer, actor=intake_user, reason="Named"
        )
    if chief:
        allegation_add(
            case=case,
            allegation_type=AllegationTypeFactory(code="chief-conduct", name="Chief's own conduct"),
            employee=ChiefFactory(),
            actor=intake_user,
            reason="Named",
        )
    case_decide(case=case, decision="investigate", reason="Community concern", actor=intake_user)
    ChiefFactory()
    chief_notice_send(case=case, actor=director, designee_name="Deputy Chief" if chief else "")
    investigation_open(case=case, investigator=investigator, actor=director, reason="Assigned")
    for allegation in case.allegations.all():
        finding_record(allegation=allegation, outcome=finding, rationale="Video shows it", actor=investigator)
    investigation_complete(investigation=case.investigation, actor=investigator, reason="Findings complete")
    panel = panel_convene(case=case, members=board_members, actor=director, reason="Hearing")
    for allegation in allegations_for_board(case):
        for member in board_members:
            vote_cast(panel=panel, allegation=allegation, finding=finding, actor=member)
    panel_decide(panel=panel, actor=director)
    case.refresh_from_db()
    return case, panel


def complaint_of(case):
    return Complaint.objects.get(case=case)
