"""Reads are logged (CJIS 5.4.1.1, issue 13.5): every read of sensitive material leaves one row saying
who, what (kind, id, case, field groups shown), when, from where and the outcome; a 404 leaves none."""

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from investigations.services import investigation_report_render, records_request_send, requested_record_answer
from oversight.accounts.need_to_know import FieldGroup
from oversight.audit.models import SensitiveRead
from tests.arrange import case_investigating
from tests.investigations.test_records import pdf
from tests.test_need_to_know import NOW, _world

pytestmark = pytest.mark.django_db

G = FieldGroup
ADDRESS = "198.51.100.23"


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def w(people, board_members):
    return _world(people, board_members)


def _get(user, url, **extra):
    client = Client(REMOTE_ADDR=ADDRESS)
    client.force_login(user)
    return client.post(url, extra) if extra else client.get(url)


def _only_read(user, kind):
    read = SensitiveRead.objects.get()
    assert (read.user, read.kind, read.client_address) == (user, kind, ADDRESS)
    return read


def _case_page(user, w, section="timeline"):
    """A section of the case page (issue 12.2); the timeline lists every part of the case."""
    assert _get(user, f"/complaints/staff/cases/{w.case.pk}/{section}/").status_code == 200
    return _only_read(user, SensitiveRead.Kind.CASE_PAGE)


def test_the_director_reading_a_case_page_with_statements_leaves_a_row(people, w):
    # The probe: reading a case page with compelled statements left no trace.
    read = _case_page(people["director"], w)
    assert (read.object_id, read.case_number, read.outcome, read.path) == (
        w.case.pk,
        w.case.number,
        "shown",
        f"/complaints/staff/cases/{w.case.pk}/timeline/",
    )
    every_group_but_demographics = {g for g in G if g != G.DEMOGRAPHICS}
    assert set(read.field_groups) == every_group_but_demographics


def test_a_case_page_logs_only_the_groups_the_reader_was_shown(people, w):
    assert set(_case_page(people["intake"], w).field_groups) == {G.FILER_CONTACT}
    assigned = people["assigned"]
    assert _get(assigned, f"/complaints/staff/cases/{w.case.pk}/timeline/").status_code == 200
    read = SensitiveRead.objects.get(user=assigned)
    assert set(read.field_groups) == {
        G.COMPELLED,
        G.VOLUNTARY,
        G.EVIDENCE,
        G.PPB_RECORDS,
        G.CONFIDENTIAL,
        G.FILER_CONTACT,
    }


def test_nothing_is_logged_for_what_the_reader_may_not_see(people, w):
    outsider = people["not_assigned"]
    assert _get(outsider, f"/complaints/staff/cases/{w.case.pk}/").status_code == 404
    assert _get(outsider, f"/complaints/staff/cases/{w.case.pk}/interviews/").status_code == 404
    assert _get(people["intake"], f"/complaints/staff/cases/{w.case.pk}/evidence/").status_code == 404
    assert _get(outsider, f"/api/v1/cases/{w.case.pk}/").status_code == 404
    assert (
        _get(people["assigned"], f"/staff/investigations/evidence/{w.privileged_evidence.pk}/file/").status_code == 404
    )
    assert _get(people["board"], f"/staff/investigations/evidence/{w.evidence.pk}/file/").status_code == 403
    assert not SensitiveRead.objects.exists()


def test_an_evidence_download_logs_the_items_groups(people, w):
    director = people["director"]
    assert _get(director, f"/staff/investigations/evidence/{w.derived.pk}/file/").status_code == 200
    read = _only_read(director, SensitiveRead.Kind.EVIDENCE_FILE)
    assert (read.object_id, read.case_number, read.outcome) == (w.derived.pk, w.case.number, "downloaded")
    assert set(read.field_groups) == {G.EVIDENCE, G.COMPELLED}


def test_opening_a_ppb_record_logs_the_read_beside_the_certified_opening(people):
    liaison, investigator = people["liaison"], people["assigned"]
    case = case_investigating(people["intake"], people["director"], investigator)
    request = records_request_send(investigation=case.investigation, records_sought="Body camera", actor=investigator)
    record = request.records.get()
    requested_record_answer(record=record, outcome="produced", upload=pdf(), actor=liaison)
    assert _get(investigator, f"/staff/investigations/records/{record.pk}/file/").status_code == 200
    read = _only_read(investigator, SensitiveRead.Kind.PPB_RECORD)
    assert (read.object_id, read.case_number, read.field_groups) == (record.pk, case.number, [G.PPB_RECORDS])
    assert record.accesses.get().user == investigator  # R2.10's record of the opening, written as before


def test_a_records_request_page_logs_ppb_answers_shown(people, w):
    assert _get(people["director"], f"/staff/investigations/ppb/requests/{w.records_request.pk}/").status_code == 200
    read = _only_read(people["director"], SensitiveRead.Kind.RECORDS_REQUEST)
    assert (read.object_id, read.field_groups) == (w.records_request.pk, [G.PPB_RECORDS])


def test_a_filers_attachment_download_is_logged(intake_user):
    from tests.intake.public import file_through_form, photo

    case, _code = file_through_form(Client(), attachments=[photo()])
    attachment = case.complaints.get().attachments.get()
    assert _get(intake_user, f"/complaints/staff/attachments/{attachment.pk}/").status_code == 200
    read = _only_read(intake_user, SensitiveRead.Kind.FILER_ATTACHMENT)
    assert (read.object_id, read.case_number, read.outcome) == (attachment.pk, case.number, "downloaded")


def test_the_hearing_view_and_the_investigation_report_are_logged(people, w):
    member = people["board"]
    assert _get(member, f"/board/panels/{w.panel.pk}/").status_code == 200
    assert _only_read(member, SensitiveRead.Kind.HEARING).case_number == w.case.number
    investigation_report_render(investigation_id=w.investigation.pk)
    assert _get(member, f"/staff/investigations/{w.investigation.pk}/report.pdf").status_code == 200
    report = SensitiveRead.objects.get(kind=SensitiveRead.Kind.INVESTIGATION_REPORT)
    assert (report.user, report.object_id, report.field_groups) == (member, w.investigation.pk, [G.EVIDENCE])


def test_the_prosecutor_export_is_logged_with_what_went_out(people, w):
    director = people["director"]
    response = _get(director, f"/staff/investigations/cases/{w.case.pk}/prosecutor-export/", office="County DA")
    assert response.status_code == 200
    read = _only_read(director, SensitiveRead.Kind.PROSECUTOR_EXPORT)
    assert (read.outcome, set(read.field_groups)) == ("exported", {G.VOLUNTARY, G.EVIDENCE})


def test_api_detail_reads_are_logged(people, w):
    intake_user, director = people["intake"], people["director"]
    assert _get(intake_user, f"/api/v1/cases/{w.case.pk}/").status_code == 200
    assert _only_read(intake_user, SensitiveRead.Kind.API_CASE).field_groups == [G.FILER_CONTACT]
    assert _get(people["board"], f"/api/v1/cases/{w.case.pk}/").status_code == 200
    assert SensitiveRead.objects.get(user=people["board"]).field_groups == []  # no contact details for a panel
    assert _get(director, f"/api/v1/investigations/{w.investigation.pk}/").status_code == 200
    assert _get(director, f"/api/v1/records-requests/{w.records_request.pk}/").status_code == 200
    rows = SensitiveRead.objects.filter(user=director).order_by("pk")
    assert [(r.kind, r.case_number, r.field_groups) for r in rows] == [
        ("api_investigation", w.case.number, []),
        ("api_records_request", w.case.number, [G.PPB_RECORDS]),
    ]


def test_a_read_costs_one_insert_whatever_the_page_holds(people, w):
    client = Client()
    client.force_login(people["director"])
    with CaptureQueriesContext(connection) as queries:
        assert client.get(f"/complaints/staff/cases/{w.case.pk}/timeline/").status_code == 200
    inserts = [q["sql"] for q in queries.captured_queries if q["sql"].startswith('INSERT INTO "audit_sensitiveread"')]
    assert len(inserts) == 1
