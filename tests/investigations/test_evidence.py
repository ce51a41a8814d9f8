"""Evidence with a digest on receipt, a chain of custody, and re-verification (R2.5)."""

import hashlib

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage

from investigations.models import CustodyEvent, Evidence
from investigations.services import (
    chief_notice_acknowledge,
    evidence_receive,
    evidence_register_record,
    evidence_verify,
    records_request_send,
    requested_record_answer,
)
from investigations.tasks import evidence_verify_all_task
from oversight.notices.models import Notice
from tests.arrange import case_investigating
from tests.investigations.test_records import PDF, pdf

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(intake_user, director, investigator):
    return case_investigating(intake_user, director, investigator)


@pytest.fixture
def footage(case, investigator):
    return evidence_receive(
        investigation=case.investigation,
        upload=pdf("bwc.pdf"),
        kind="body_camera",
        description="BWC, Officer B",
        actor=investigator,
    )


def _actions(evidence):
    return list(evidence.custody.values_list("action", flat=True))


def test_receipt_takes_the_digest_and_opens_the_chain(footage, investigator):
    assert footage.sha256 == hashlib.sha256(PDF).hexdigest()
    event = footage.custody.get()
    assert (event.action, event.actor) == ("received", investigator)


def test_intact_evidence_verifies(footage):
    evidence = evidence_verify(evidence_id=footage.pk)
    assert evidence.is_intact is True
    assert _actions(evidence) == ["received", "verified"]


def test_an_edited_file_is_caught_and_the_director_is_alerted(footage, director):
    with default_storage.open(footage.file.name, "wb") as handle:
        handle.write(PDF.replace(b"Catalog", b"Catalug"))  # one edited byte
    evidence = evidence_verify(evidence_id=footage.pk)
    assert evidence.is_intact is False
    assert _actions(evidence) == ["received", "mismatch"]
    alert = Notice.objects.get(subject__contains="integrity check failed")
    assert alert.recipient_user == director


def test_a_missing_file_is_never_silent(footage, director):
    default_storage.delete(footage.file.name)
    evidence = evidence_verify(evidence_id=footage.pk)
    assert (evidence.is_intact, _actions(evidence)[-1]) == (False, CustodyEvent.Action.MISSING)
    assert Notice.objects.filter(recipient_user=director, subject__contains="integrity").count() == 1


def test_periodic_task_rechecks_every_item(case, investigator, footage, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    from oversight.celery import app

    app.conf.task_always_eager = True
    try:
        second = evidence_receive(
            investigation=case.investigation, upload=pdf(), kind="document", description="Report", actor=investigator
        )
        evidence_verify_all_task()
    finally:
        app.conf.task_always_eager = False
    assert Evidence.objects.filter(is_intact=True).count() == 2
    assert _actions(second) == ["received", "verified"]


def test_only_the_assigned_investigator_receives_evidence(case, other_investigator):
    with pytest.raises(PermissionDenied):
        evidence_receive(
            investigation=case.investigation, upload=pdf(), kind="document", description="x", actor=other_investigator
        )


def test_a_produced_record_becomes_evidence_with_its_original_digest(case, investigator, liaison):
    request = records_request_send(investigation=case.investigation, records_sought="BWC", actor=investigator)
    record = requested_record_answer(record=request.records.get(), outcome="produced", upload=pdf(), actor=liaison)
    evidence = evidence_register_record(record=record, kind="body_camera", actor=investigator)
    assert (evidence.sha256, evidence.source_record) == (record.sha256, record)
    assert evidence_register_record(record=record, kind="body_camera", actor=investigator) == evidence


def test_download_is_logged_in_the_chain(client, footage, investigator):
    client.force_login(investigator)
    response = client.get(f"/staff/investigations/evidence/{footage.pk}/file/")
    assert b"".join(response.streaming_content) == PDF
    assert _actions(footage) == ["received", "downloaded"]


def test_a_liaison_cannot_download_evidence(client, footage, liaison):
    client.force_login(liaison)
    assert client.get(f"/staff/investigations/evidence/{footage.pk}/file/").status_code == 403


def test_ppb_liaison_acknowledges_the_chief_notice(case, liaison, investigator):
    notice = case.chief_notice
    notice = chief_notice_acknowledge(chief_notice=notice, actor=liaison)
    assert notice.acknowledged_by == liaison and notice.acknowledged_at
    with pytest.raises(PermissionDenied):
        chief_notice_acknowledge(chief_notice=notice, actor=investigator)
