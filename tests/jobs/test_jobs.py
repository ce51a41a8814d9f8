"""Long work shows its progress and its outcome in words to whoever started it (issue 12.5)."""

from datetime import datetime, timedelta

import pytest
import time_machine
from django.contrib.sessions.models import Session

from investigations.services import evidence_receive, finding_record, investigation_complete
from investigations.tasks import evidence_verify_task, investigation_report_render_task
from oversight.calendar.business_days import PACIFIC
from oversight.jobs.models import Job
from oversight.jobs.services import job_progress, job_start
from tests.arrange import case_investigating
from tests.investigations.test_records import pdf

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 11, 2, 10, 0, tzinfo=PACIFIC)


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def case(intake_user, director, investigator):
    return case_investigating(intake_user, director, investigator)


@pytest.fixture
def evidence(case, investigator):
    return evidence_receive(
        investigation=case.investigation,
        upload=pdf("bwc.pdf"),
        kind="body_camera",
        description="BWC",
        actor=investigator,
    )


def _job_of(response):
    assert response.status_code == 302 and response["Location"].startswith("/staff/jobs/"), response
    return Job.objects.get(pk=response["Location"].split("/")[3])


def test_verifying_evidence_starts_a_job_that_the_task_finishes_in_words(client, investigator, evidence):
    client.force_login(investigator)
    job = _job_of(client.post(f"/staff/investigations/evidence/{evidence.pk}/verify/"))
    assert (job.kind, job.state, job.started_by) == (Job.Kind.EVIDENCE_VERIFY, Job.State.QUEUED, investigator)
    assert job.history.get().history_change_reason == "Job started"

    evidence_verify_task(evidence.pk, job.pk)  # what the worker runs when the doorbell rings
    job.refresh_from_db()
    assert (job.state, job.done, job.total) == (Job.State.DONE, 1, 1)
    assert job.message_text == "The digest matches: the file is unchanged since receipt."
    assert job.result_url == f"/complaints/staff/cases/{evidence.investigation.case.pk}/evidence/"
    evidence.refresh_from_db()
    assert evidence.history.latest("history_id").history_user == investigator  # the starter, not "system"


def test_the_job_page_shows_progress_in_a_live_region_with_a_refresh_link(client, investigator, evidence):
    client.force_login(investigator)
    job = _job_of(client.post(f"/staff/investigations/evidence/{evidence.pk}/verify/"))
    job_progress(
        job_id=job.pk,
        done=3,
        total=4,
        message="%(read)s of %(size)s read.",
        message_args={"read": "3 MB", "size": "4 MB"},
    )
    page = client.get(f"/staff/jobs/{job.pk}/").content.decode()
    assert 'role="status" aria-live="polite"' in page
    assert f'data-status-url="/staff/jobs/{job.pk}/status.json"' in page
    assert "3 MB of 4 MB read." in page and "Working" in page and ">75<" in page
    assert f'href="/staff/jobs/{job.pk}/">Refresh</a>' in page
    assert "js/job_status.js" in page and "<script>" not in page


def test_status_json_reports_state_progress_and_result(client, director, investigator, case):
    finding_record(allegation=case.allegations.get(), outcome="unfounded", rationale="x", actor=investigator)
    investigation_complete(investigation=case.investigation, actor=investigator, reason="Done")
    client.force_login(director)
    job = _job_of(client.post(f"/staff/investigations/{case.investigation.pk}/report/render/"))
    assert client.get(f"/staff/jobs/{job.pk}/status.json").json() == {
        "state": "queued",
        "state_label": "Waiting to start",
        "done": 0,
        "total": 0,
        "percent": 0,
        "message": "Waiting for a worker.",
        "result_url": "",
        "finished": False,
    }
    investigation_report_render_task(case.investigation.pk, job.pk)
    status = client.get(f"/staff/jobs/{job.pk}/status.json").json()
    assert (status["state"], status["percent"], status["finished"]) == ("done", 100, True)
    assert status["message"] == "The report is ready."
    assert status["result_url"] == f"/staff/investigations/{case.investigation.pk}/report.pdf"


def test_a_failed_job_says_what_to_do_and_shows_no_traceback(client, director):
    job = job_start(
        kind=Job.Kind.INVESTIGATION_REPORT, actor=director, task=investigation_report_render_task, args=(0,)
    )
    with pytest.raises(Exception, match="does not exist"):
        investigation_report_render_task(0, job.pk)  # re-raised, for the log and Celery
    job.refresh_from_db()
    assert job.state == Job.State.FAILED
    assert job.history.latest("history_id").history_change_reason == "Job failed"
    client.force_login(director)
    status = client.get(f"/staff/jobs/{job.pk}/status.json").json()
    assert status["message"] == (
        "The work could not be finished. Start it again; if it fails again, tell the Office's administrator "
        f"(job {job.pk})."
    )
    assert "Traceback" not in status["message"] and "DoesNotExist" not in status["message"]


def test_only_the_starter_and_the_director_see_a_job(
    client, investigator, other_investigator, director, admin_user, evidence
):
    client.force_login(investigator)
    job = _job_of(client.post(f"/staff/investigations/evidence/{evidence.pk}/verify/"))
    for user, status in ((investigator, 200), (director, 200), (other_investigator, 404), (admin_user, 404)):
        client.force_login(user)
        assert client.get(f"/staff/jobs/{job.pk}/").status_code == status, user
        assert client.get(f"/staff/jobs/{job.pk}/status.json").status_code == status, user


def test_asking_for_status_does_not_keep_an_idle_session_alive(client, investigator, evidence, clock):
    client.force_login(investigator)
    job = _job_of(client.post(f"/staff/investigations/evidence/{evidence.pk}/verify/"))
    expires = Session.objects.get().expire_date
    clock.shift(timedelta(minutes=10))
    assert client.get(f"/staff/jobs/{job.pk}/status.json").status_code == 200
    assert Session.objects.get().expire_date == expires
    client.get(f"/staff/jobs/{job.pk}/")  # looking at a page is activity
    assert Session.objects.get().expire_date == expires + timedelta(minutes=10)


def test_rendering_the_annual_report_rings_the_doorbell_and_the_job_ends_with_the_pdf(
    client, director, settings, django_capture_on_commit_callbacks
):
    # The real doorbell (oversight/doorbell.py) on an eager Celery: the task runs when the POST commits.
    settings.CELERY_TASK_ALWAYS_EAGER = True
    from oversight.celery import app

    app.conf.task_always_eager = True
    try:
        client.force_login(director)
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post("/reports/annual/2026/render/")
    finally:
        app.conf.task_always_eager = False
    job = _job_of(response)
    assert (job.kind, job.state, job.total, job.done) == (Job.Kind.ANNUAL_REPORT, Job.State.DONE, 3, 3)
    assert job.result_url.startswith("/reports/editions/")  # issue 11: the year's draft edition, staff-only
    assert job.message_text == "The annual report PDF is ready."
    assert client.get(job.result_url).status_code == 200
