"""Uploads (issue 13.7): a refused answer leaves no file, a daily sweep removes what a crash left,
and a request's size and an address's hourly bytes are checked before the body is read."""

import io
import logging
import os
import threading
from datetime import datetime, timedelta

import pytest
import time_machine
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.handlers.wsgi import WSGIRequest
from django.db import connection, transaction
from django.test import Client, RequestFactory
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from intake.exceptions import RuleViolation
from intake.models import ComplaintAttachment
from investigations.models import Evidence, RecordsRequest, RequestedRecord
from investigations.services import evidence_receive, records_request_send, requested_record_answer
from oversight.calendar.business_days import PACIFIC
from oversight.uploads.limits import OversizedUpload, UploadTooLarge
from oversight.uploads.storage import media_orphan_sweep
from oversight.uploads.tasks import media_orphan_sweep_task
from tests.arrange import case_investigating
from tests.factories import pdf_bytes
from tests.notices.servers import wait_until
from tests.test_ratelimit import redis_down  # noqa: F401 - a fixture

from .intake.public import file_through_form, form_fields, minimal, unlock

NOW = datetime(2026, 11, 18, 10, 0, tzinfo=PACIFIC)


def pdf(label="record"):
    return SimpleUploadedFile(f"{label}.pdf", pdf_bytes(label), content_type="application/pdf")


def stored(folder):
    """Every file under folder in MEDIA_ROOT."""
    if not default_storage.exists(folder):
        return []
    folders, files = default_storage.listdir(folder)
    return sorted([f"{folder}/{name}" for name in files] + [n for sub in folders for n in stored(f"{folder}/{sub}")])


@pytest.fixture
def records_request(intake_user, director, investigator):
    case = case_investigating(intake_user, director, investigator)
    return records_request_send(investigation=case.investigation, records_sought="Report\nVideo", actor=investigator)


def _first_record(records_request):
    return records_request.records.order_by("pk").first()


# Files only for answers that are kept


@pytest.mark.django_db
def test_an_answer_to_a_record_already_answered_writes_no_file(records_request, liaison):
    record = _first_record(records_request)
    requested_record_answer(
        record=record, outcome="withheld", reason="Open case", legal_justification="ORS 192.345(3)", actor=liaison
    )
    with pytest.raises(RuleViolation):
        requested_record_answer(record=record, outcome="produced", upload=pdf(), actor=liaison)
    assert stored("records") == []


@pytest.mark.django_db
def test_evidence_refused_inside_its_transaction_leaves_no_file(records_request, investigator):
    with pytest.raises(Exception, match="kind"):
        evidence_receive(
            investigation=records_request.investigation,
            upload=pdf("photo"),
            kind="not-a-kind",
            description="A photo",
            actor=investigator,
        )
    assert stored("evidence") == [] and not Evidence.objects.exists()


def _waiting_for_a_lock():
    with connection.cursor() as cursor:
        # Inside a transaction the statistics views are a snapshot taken at first use: take a new one.
        cursor.execute("SELECT pg_stat_clear_snapshot()")
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'"
        )
        return cursor.fetchone()[0]


@pytest.mark.django_db(transaction=True)
def test_two_answers_at_once_keep_only_the_winners_file(records_request, liaison):
    """Both answers pass the first check and write their file, then wait for the request's row lock,
    held here until both wait; the loser finds the record answered and deletes its file."""
    record, outcomes = _first_record(records_request), []

    def answer(label):
        try:
            requested_record_answer(record=record, outcome="produced", upload=pdf(label), actor=liaison)
            outcomes.append("answered")
        except RuleViolation:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=answer, args=(label,)) for label in ("first", "second")]
    with transaction.atomic():
        RecordsRequest.objects.select_for_update().get(pk=records_request.pk)
        for thread in threads:
            thread.start()
        assert wait_until(lambda: _waiting_for_a_lock() == 2, timeout=30)
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(outcomes) == ["answered", "refused"]
    assert stored("records") == [RequestedRecord.objects.get(pk=record.pk).file.name]


# The sweep


def _age(name, when):
    stamp = when.timestamp()
    os.utime(default_storage.path(name), (stamp, stamp))


@pytest.mark.django_db
def test_the_sweep_removes_an_old_orphan_and_keeps_named_and_recent_files(settings, caplog):
    settings.MEDIA_ORPHAN_GRACE_HOURS = 24
    with time_machine.travel(NOW, tick=False):
        case, _code = file_through_form(Client(), attachments=[pdf("letter")])
        (attachment,) = ComplaintAttachment.objects.filter(complaint__case=case)
        orphan = default_storage.save("records/7/left-by-a-crash", ContentFile(b"x" * 10))
        recent = default_storage.save("evidence/3/being-committed", ContentFile(b"y"))
        outside = default_storage.save("backups/not-swept", ContentFile(b"z"))
        for name in (attachment.file.name, orphan, outside):
            _age(name, NOW - timedelta(days=3))
        _age(recent, NOW - timedelta(hours=2))
        with caplog.at_level(logging.WARNING, logger="oversight.uploads.storage"):
            removed = media_orphan_sweep()
    assert removed == [orphan]
    assert not default_storage.exists(orphan)
    assert all(default_storage.exists(name) for name in (attachment.file.name, recent, outside))
    assert f"removed {orphan} (10 bytes)" in caplog.text


@pytest.mark.django_db
def test_the_sweep_keeps_a_file_only_a_history_row_names(settings):
    with time_machine.travel(NOW, tick=False):
        case, _code = file_through_form(Client(), attachments=[pdf("letter")])
        attachment = ComplaintAttachment.objects.get(complaint__case=case)
        name = attachment.file.name
        attachment.delete()  # the row is gone; its history still names the file
        _age(name, NOW - timedelta(days=3))
        assert media_orphan_sweep_task() == 0
    assert default_storage.exists(name)


def test_the_sweep_runs_every_night(settings):
    (entry,) = [e for e in settings.CELERY_BEAT_SCHEDULE.values() if e["task"].endswith("media_orphan_sweep_task")]
    assert (entry["schedule"].hour, entry["schedule"].minute) == ({3}, {40})


# Sizes checked before the body is read


def _token_client(user):
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    return api


def _claiming(length):
    """A request that says it carries length bytes; reading more than it really has would fail."""
    return {"CONTENT_LENGTH": str(length)}


@pytest.mark.django_db
def test_a_public_form_over_its_limit_is_refused_before_its_body_is_read(client, settings):
    settings.COMPLAINT_MAX_TOTAL_BYTES, settings.OFFICE_PHONE = 250 * 1024**2, "503-555-0100"
    over = 250 * 1024**2 + settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1
    with time_machine.travel(NOW, tick=False):
        response = client.post("/complaints/new/", {**form_fields(client), **minimal()}, **_claiming(over))
    assert response.status_code == 413
    page = response.content.decode()
    assert "more than the 250 MB this form takes at a time, so nothing was saved" in page
    assert "503-555-0100" in page
    assert not default_storage.exists("complaints")


@pytest.mark.django_db
def test_an_api_upload_over_its_limit_is_a_413_in_the_api_shape(records_request, liaison, settings):
    settings.RECORDS_MAX_UPLOAD_BYTES = 10 * 1024**2
    url = f"/api/v1/records-requests/{records_request.pk}/records/{_first_record(records_request).pk}/answer/"
    response = _token_client(liaison).post(url, {"outcome": "produced", "upload": pdf()}, **_claiming(20 * 1024**2))
    assert response.status_code == 413
    assert response.json() == {"detail": "The request is 20 MB; this endpoint takes at most 10 MB of files."}


@pytest.mark.parametrize("headers", [{}, {"HTTP_AUTHORIZATION": "Token made-up"}], ids=["plain", "token header"])
@pytest.mark.django_db
def test_a_staff_upload_from_someone_not_signed_in_is_refused_before_it_is_read(
    client, records_request, settings, headers
):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1024
    url = f"/staff/investigations/{records_request.investigation.pk}/evidence/"
    big = SimpleUploadedFile("photo.pdf", pdf_bytes("x" * 8000), content_type="application/pdf")
    response = client.post(url, {"kind": "document", "description": "A photo", "upload": big}, **headers)
    assert response.status_code == 413


@pytest.mark.django_db
def test_the_same_staff_upload_signed_in_is_taken(client, records_request, investigator, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1024
    client.force_login(investigator)
    url = f"/staff/investigations/{records_request.investigation.pk}/evidence/"
    big = SimpleUploadedFile("photo.pdf", pdf_bytes("x" * 8000), content_type="application/pdf")
    response = client.post(url, {"kind": "document", "description": "A photo", "upload": big})
    assert response.status_code == 302 and Evidence.objects.get().size == big.size


@pytest.mark.django_db
def test_too_many_other_fields_are_a_413_page_not_a_400(client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 2000
    with time_machine.travel(NOW, tick=False):
        fields = {**form_fields(client), **minimal(narrative="n" * 3000)}
        response = client.post("/complaints/new/", fields)
    assert response.status_code == 413
    assert "The text you sent is larger than the 1.9 KB this form takes, so nothing was saved" in (
        response.content.decode()
    )


@pytest.mark.django_db
def test_too_many_other_fields_in_the_api_are_a_413_in_the_api_shape(records_request, liaison, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 2000
    url = f"/api/v1/records-requests/{records_request.pk}/records/{_first_record(records_request).pk}/answer/"
    fields = {"outcome": "withheld", "reason": "r" * 3000, "legal_justification": "x"}
    response = _token_client(liaison).post(url, fields)
    assert response.status_code == 413
    assert response.json() == {"detail": "The fields other than files are larger than the 1.9 KB this endpoint takes."}


def _multipart_request(path, files, settings):
    """A WSGI request for path whose body is read from a stream that tells how far it was read."""
    environ = dict(RequestFactory().post(path, files).environ)
    body = environ["wsgi.input"].read(int(environ["CONTENT_LENGTH"]))
    environ["wsgi.input"] = io.BytesIO(body)
    return WSGIRequest(environ), environ["wsgi.input"], len(body)


@pytest.mark.django_db
def test_the_upload_handler_stops_reading_at_the_requests_limit(settings):
    settings.COMPLAINT_MAX_TOTAL_BYTES = settings.COMPLAINT_MAX_FILE_BYTES = 1000
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    big = SimpleUploadedFile("video.mp4", b"\x00" * 1024**2, content_type="video/mp4")
    request, stream, length = _multipart_request("/complaints/new/", {"attachments": big}, settings)
    with pytest.raises(UploadTooLarge):
        request.POST  # noqa: B018 - parsing is what is tested
    assert stream.tell() < length // 4


@pytest.mark.django_db
def test_a_file_over_its_own_limit_is_handed_on_empty_with_its_true_size(settings, tmp_path):
    settings.COMPLAINT_MAX_FILE_BYTES = 1000
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 100  # to a temporary file, so one would be left on disk
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path / "uploading")
    os.mkdir(settings.FILE_UPLOAD_TEMP_DIR)
    big = SimpleUploadedFile("video.mp4", b"\x01" * 50_000, content_type="video/mp4")
    request, _stream, _length = _multipart_request("/complaints/new/", {"attachments": big}, settings)
    (upload,) = request.FILES.getlist("attachments")
    assert isinstance(upload, OversizedUpload)
    assert (upload.name, upload.size, upload.read()) == ("video.mp4", 50_000, b"")
    assert os.listdir(settings.FILE_UPLOAD_TEMP_DIR) == []


# Bytes per address per hour


@pytest.mark.parametrize("redis", ["up", "down"])
@pytest.mark.django_db
def test_an_address_past_its_hourly_upload_budget_is_refused_with_429(request, redis, settings):
    if redis == "down":
        request.getfixturevalue("redis_down")
    settings.PUBLIC_UPLOAD_BYTES_PER_HOUR, settings.OFFICE_PHONE = 40 * 1024, "503-555-0100"
    client = Client(REMOTE_ADDR="203.0.113.50")
    with time_machine.travel(NOW, tick=False):
        case, code = file_through_form(client, attachments=[pdf("a" * 15_000)])
        unlock(client, case, code)
        second = client.post("/complaints/status/add/", {"body": "More", "attachments": [pdf("b" * 15_000)]})
        third = client.post("/complaints/status/add/", {"body": "More", "attachments": [pdf("c" * 15_000)]})
        other = Client(REMOTE_ADDR="198.51.100.50").post("/complaints/status/add/", {"body": "x", "attachments": []})
    assert second.status_code == 302
    assert third.status_code == 429 and b"503-555-0100" in third.content
    assert other.status_code == 302  # another address, its own budget (and no status page: sent back)
    assert len(stored(f"complaints/{case.complaints.get().submission_key}/added")) == 1


def test_every_folder_a_file_field_stores_into_is_swept_by_default():
    """A new FileField's folder left out of MEDIA_SWEEP_FOLDERS would keep its orphans for ever."""
    from django.apps import apps as django_apps
    from django.db.models import FileField

    from oversight import settings as project_settings

    folders = set()
    for model in django_apps.get_models():
        for field in model._meta.get_fields():
            if isinstance(field, FileField) and isinstance(field.upload_to, str) and field.upload_to:
                folders.add(field.upload_to.split("/")[0])
    assert folders, "no file fields found"
    assert folders <= set(project_settings.MEDIA_SWEEP_FOLDERS), sorted(folders)
