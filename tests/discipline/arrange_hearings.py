"""Arrangements for the hearings part (issue 9.5, 9.6), through the real services."""

from datetime import datetime, time, timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from discipline.hearings import hearing_schedule
from discipline.models import Panel
from discipline.services import panel_convene, vote_cast
from intake.services import allegation_add, case_decide
from investigations.interviews import interview_complete, interview_give_garrity, interview_schedule, material_mark
from investigations.services import (
    chief_notice_send,
    evidence_receive,
    finding_record,
    investigation_complete,
    investigation_open,
)
from oversight.calendar.business_days import PACIFIC
from tests.arrange import case_received
from tests.factories import AllegationTypeFactory, ChiefFactory, EmployeeFactory, pdf_bytes


def evidence_item(case, investigator, label):
    upload = SimpleUploadedFile(f"{label}.pdf", pdf_bytes(label), content_type="application/pdf")
    return evidence_receive(
        investigation=case.investigation, upload=upload, kind="document", description=label, actor=investigator
    )


def compelled_interview(case, investigator, statement):
    """An interview given under a Garrity notice (R2.4): its statement is compelled."""
    officer = EmployeeFactory(shift_starts=time(7), shift_ends=time(17))
    interview = interview_schedule(
        investigation=case.investigation,
        employee=officer,
        scheduled_at=datetime(2026, 12, 2, 10, 0, tzinfo=PACIFIC),
        union_representative="PPA representative",
        actor=investigator,
    )
    interview_give_garrity(interview=interview, actor=investigator)
    return interview_complete(interview=interview, statement=statement, actor=investigator)


def panel_with_evidence(
    intake_user, director, investigator, board_members, *, allegations=1, outcome="out_of_policy", compelled=""
):
    """A case before a panel whose findings rely on two items, one marked confidential (R2.11); with
    ``compelled``, an interview given under Garrity with that statement."""
    case = case_received(intake_user)
    for i in range(allegations - 1):
        allegation_add(
            case=case,
            allegation_type=AllegationTypeFactory(code=f"force-{i}", name="Excessive force"),
            employee=EmployeeFactory(),
            actor=intake_user,
            reason="Another allegation",
        )
    case_decide(case=case, decision="investigate", reason="Community concern", actor=intake_user)
    ChiefFactory()
    chief_notice_send(case=case, actor=director)
    investigation_open(case=case, investigator=investigator, actor=director, reason="Assigned")
    case.refresh_from_db()
    if compelled:
        compelled_interview(case, investigator, compelled)
    shown = evidence_item(case, investigator, "Bus stop video")
    marked = evidence_item(case, investigator, "Informant note")
    material_mark(obj=marked, marking="confidential", actor=director, reason="Informant")
    for allegation in case.allegations.all():
        finding_record(
            allegation=allegation,
            outcome=outcome,
            rationale="The video shows the shove.",
            evidence_relied_on=[shown, marked],
            actor=investigator,
        )
    investigation_complete(investigation=case.investigation, actor=investigator, reason="Findings complete")
    panel = panel_convene(case=case, members=board_members, actor=director, reason="Hearing")
    case.refresh_from_db()
    return case, panel, shown, marked


def with_tie_rule(panel, rule):
    # The tie rule is frozen on the panel from the bylaws at convening (parts A and B); a test that needs
    # the other rule sets the frozen value, as a panel convened under other bylaws would hold it.
    Panel.objects.filter(pk=panel.pk).update(tie_rule=rule)
    panel.refresh_from_db()
    return panel


def votes(panel, allegation, members, findings):
    for member, finding in zip(members, findings, strict=True):
        vote_cast(panel=panel, allegation=allegation, finding=finding, actor=member)


def hearing_in(panel, director, *, days, **where):
    where = where or {"place": "City Hall, Rose Room"}
    # A minute's margin: the service reads the clock again after this line.
    starts_at = timezone.now() + timedelta(days=days, minutes=1)
    return hearing_schedule(panel=panel, starts_at=starts_at, actor=director, **where)


def outsider(username="board_outsider"):
    """A Board member on no panel of the case."""
    from tests.conftest import make_board_user

    return make_board_user(username)
