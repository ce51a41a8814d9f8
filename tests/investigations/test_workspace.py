"""The investigator's workspace on the case page: tasks and the timeline of everything (R2, R6.1)."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from intake.exceptions import RuleViolation
from intake.timeline import case_timeline
from investigations.models import InvestigationTask
from investigations.services import (
    finding_record,
    investigation_complete,
    investigation_task_add,
    investigation_task_done,
    records_request_send,
)
from tests.arrange import case_investigating
from tests.investigations.test_markings import marked  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(intake_user, director, investigator):
    return case_investigating(intake_user, director, investigator)


def test_the_investigator_adds_a_task_and_marks_it_done_once(case, investigator):
    task = investigation_task_add(
        investigation=case.investigation, title="Canvass for witnesses", due_on=None, actor=investigator
    )
    done = investigation_task_done(task=task, actor=investigator)
    again = investigation_task_done(task=task, actor=investigator)
    assert done.done_by == investigator
    assert again.done_at == done.done_at
    assert [h.history_change_reason for h in task.history.order_by("history_date")] == ["Task added", "Task done"]


def test_only_staff_working_the_case_add_or_close_tasks(case, investigator, other_investigator, liaison, intake_user):
    for outsider in (other_investigator, liaison, intake_user):
        with pytest.raises(PermissionDenied):
            investigation_task_add(investigation=case.investigation, title="x", actor=outsider)
    task = investigation_task_add(investigation=case.investigation, title="x", actor=investigator)
    with pytest.raises(PermissionDenied):
        investigation_task_done(task=task, actor=other_investigator)


def test_a_task_goes_only_to_ocpa_staff(case, investigator, liaison):
    with pytest.raises(RuleViolation):
        investigation_task_add(investigation=case.investigation, title="x", assigned_to=liaison, actor=investigator)


def test_no_tasks_after_the_investigation_is_completed(case, investigator):
    for allegation in case.allegations.all():
        finding_record(allegation=allegation, outcome="unfounded", rationale="Video", actor=investigator)
    investigation_complete(investigation=case.investigation, actor=investigator, reason="Done")
    with pytest.raises(RuleViolation):
        investigation_task_add(investigation=case.investigation, title="x", actor=investigator)


def test_tasks_on_the_case_page_overdue_flagged_and_done_by_button(client, case, investigator):
    client.force_login(investigator)
    url = f"/complaints/staff/cases/{case.pk}/"
    yesterday = (timezone.localdate() - timedelta(days=1)).isoformat()
    response = client.post(
        f"/staff/investigations/{case.investigation.pk}/tasks/",
        {"title": "Request dispatch audio", "due_on": yesterday, "assigned_to": investigator.pk},
    )
    assert response.status_code == 302
    page = client.get(url).content.decode()
    assert "Request dispatch audio" in page and "Overdue" in page
    task = InvestigationTask.objects.get()
    client.post(f"/staff/investigations/tasks/{task.pk}/done/")
    page = client.get(url).content.decode()
    assert "Overdue" not in page and "Mark “Request dispatch audio” done" not in page


def test_a_task_form_with_no_title_adds_nothing_and_says_why(client, case, investigator):
    client.force_login(investigator)
    response = client.post(f"/staff/investigations/{case.investigation.pk}/tasks/", {"title": ""}, follow=True)
    assert "Task: This field is required." in response.content.decode()
    assert not InvestigationTask.objects.exists()


def test_the_timeline_gathers_every_part_newest_first(case, investigator, intake_user):
    records_request_send(investigation=case.investigation, records_sought="Dispatch audio", actor=investigator)
    investigation_task_add(investigation=case.investigation, title="Canvass", actor=investigator)
    entries = case_timeline(case=case, user=investigator)
    parts = {e.part for e in entries}
    assert {"Case", "Allegation", "Notice to the Chief", "Investigation", "Records request", "Task"} <= parts
    assert [e.at for e in entries] == sorted((e.at for e in entries), reverse=True)
    assert entries[0].part == "Task" and entries[0].who == str(investigator)


def test_the_timeline_leaves_out_marked_material_the_user_may_not_see(case, marked, director, intake_user):  # noqa: F811
    def evidence_rows(user):
        return sum(1 for e in case_timeline(case=case, user=user) if e.part == "Evidence")

    assert evidence_rows(director) > evidence_rows(intake_user) == 0


def test_the_case_page_with_its_timeline_runs_the_same_number_of_queries_for_a_big_case(client, case, investigator):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries():
        """The overview (the investigation with its tasks), the records requests and the timeline."""
        client.force_login(investigator)
        counts = []
        for section in ("", "records/", "timeline/"):
            with CaptureQueriesContext(connection) as ctx:
                assert client.get(f"/complaints/staff/cases/{case.pk}/{section}").status_code == 200
            counts.append(len(ctx.captured_queries))
        return counts

    records_request_send(investigation=case.investigation, records_sought="Record", actor=investigator)
    investigation_task_add(investigation=case.investigation, title="Task", actor=investigator)
    small = queries()
    for i in range(8):
        records_request_send(investigation=case.investigation, records_sought=f"Record {i}", actor=investigator)
        investigation_task_add(investigation=case.investigation, title=f"Task {i}", actor=investigator)
    assert queries() == small


def test_the_timeline_shows_the_filers_side_and_reconsideration(client, intake_user, director):
    from django.test import Client

    from intake.filing import filer_message_send
    from intake.reconsideration import reconsideration_request
    from intake.services import allegation_add, case_decide
    from tests.factories import AllegationTypeFactory
    from tests.intake.public import file_through_form, photo

    case, _code = file_through_form(Client(), attachments=[photo()], contact_email="filer@example.org")
    complaint = case.complaints.get()
    filer_message_send(complaint=complaint, body="Can you call us?", actor=intake_user)
    allegation_add(case=case, allegation_type=AllegationTypeFactory(), actor=intake_user, reason="From the narrative")
    case_decide(case=case, decision="dismissal", reason="Outside jurisdiction", actor=intake_user)
    reconsideration_request(case=case, complaint=complaint, reason="Please look again")
    parts = {e.part for e in case_timeline(case=case, user=director)}
    assert {"Filer's file", "Message with the filer", "Reconsideration"} <= parts
