"""Whether the officer saw the evidence before the interview (issue 11, contract accountability): recorded
with the statement, through the service and the staff form, with history; "" means not recorded."""

from datetime import datetime, time

import pytest
import time_machine
from django.core.exceptions import ValidationError

from investigations.interviews import interview_complete, interview_schedule
from investigations.models import Interview
from oversight.calendar.business_days import PACIFIC
from tests.arrange import case_investigating
from tests.factories import EmployeeFactory

pytestmark = pytest.mark.django_db

SCHEDULED_AT = datetime(2026, 12, 2, 10, 0, tzinfo=PACIFIC)
HELD_AT = datetime(2026, 12, 2, 11, 0, tzinfo=PACIFIC)


@pytest.fixture
def interview(intake_user, director, investigator):
    with time_machine.travel(datetime(2026, 11, 30, 9, 0, tzinfo=PACIFIC), tick=False):
        case = case_investigating(intake_user, director, investigator)
        return interview_schedule(
            investigation=case.investigation,
            employee=EmployeeFactory(shift_starts=time(7), shift_ends=time(17)),
            scheduled_at=SCHEDULED_AT,
            union_representative="PPA representative",
            actor=investigator,
        )


def test_the_answer_is_recorded_with_the_statement_and_kept_in_history(interview, investigator):
    with time_machine.travel(HELD_AT, tick=False):
        interview = interview_complete(
            interview=interview, statement="I was there.", evidence_seen_before="yes", actor=investigator
        )
    interview.refresh_from_db()
    assert interview.evidence_seen_before == "yes"
    row = interview.history.latest()
    assert row.evidence_seen_before == "yes" and row.history_user == investigator
    assert row.history_change_reason.startswith("Statement recorded")


def test_an_interview_recorded_without_the_answer_says_not_recorded(interview, investigator):
    with time_machine.travel(HELD_AT, tick=False):
        interview = interview_complete(interview=interview, statement="I was there.", actor=investigator)
    assert Interview.objects.get(pk=interview.pk).evidence_seen_before == ""


def test_an_answer_outside_the_choices_is_refused(interview, investigator):
    with time_machine.travel(HELD_AT, tick=False), pytest.raises(ValidationError):
        interview_complete(
            interview=interview, statement="I was there.", evidence_seen_before="maybe", actor=investigator
        )
    assert Interview.objects.get(pk=interview.pk).status == "scheduled"


def test_the_staff_form_asks_and_records_the_answer(client, interview, investigator):
    client.force_login(investigator)
    with time_machine.travel(HELD_AT, tick=False):
        page = client.get(f"/complaints/staff/cases/{interview.investigation.case_id}/interviews/")
        client.post(
            f"/staff/investigations/interviews/{interview.pk}/statement/",
            {f"i{interview.pk}-statement": "I was there.", f"i{interview.pk}-evidence_seen_before": "not_asked"},
        )
    assert "Did the officer see the evidence (video, reports) before the interview?" in page.content.decode()
    assert Interview.objects.get(pk=interview.pk).evidence_seen_before == "not_asked"


def test_the_staff_form_refuses_a_statement_without_the_answer(client, interview, investigator):
    client.force_login(investigator)
    with time_machine.travel(HELD_AT, tick=False):
        client.post(
            f"/staff/investigations/interviews/{interview.pk}/statement/",
            {f"i{interview.pk}-statement": "I was there."},
        )
    assert Interview.objects.get(pk=interview.pk).status == "scheduled"
