"""Records requests to PPB answered record by record (R2.6) and subpoenas (R2.7)."""

import hashlib

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from intake.exceptions import RuleViolation
from investigations.models import RecordsRequest, RequestedRecord, Subpoena
from investigations.services import records_request_send, requested_record_answer, subpoena_advance, subpoena_issue
from oversight.calendar.models import Deadline
from tests.arrange import case_investigating
from tests.factories import pdf_bytes

pytestmark = pytest.mark.django_db

PDF = pdf_bytes()


def pdf(name="report.pdf"):
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


@pytest.fixture
def request_of_two(intake_user, director, investigator):
    case = case_investigating(intake_user, director, investigator)
    return records_request_send(
        investigation=case.investigation,
        records_sought="- Incident report 26-1001\n\n- Body-camera video, Officer B\n",
        actor=investigator,
    )


def _records(request):
    return list(request.records.order_by("pk"))


def test_each_line_of_the_request_is_a_record(request_of_two):
    assert [r.description for r in _records(request_of_two)] == [
        "Incident report 26-1001",
        "Body-camera video, Officer B",
    ]


def test_a_request_naming_no_record_is_refused(intake_user, director, investigator):
    case = case_investigating(intake_user, director, investigator)
    with pytest.raises(RuleViolation):
        records_request_send(investigation=case.investigation, records_sought="  \n - \n", actor=investigator)


def test_produced_record_keeps_its_sha256_and_the_detected_type(request_of_two, liaison):
    record = requested_record_answer(
        record=_records(request_of_two)[0], outcome="produced", upload=pdf(), actor=liaison
    )
    assert record.sha256 == hashlib.sha256(PDF).hexdigest()
    assert (record.content_type, record.size, record.file_name) == ("application/pdf", len(PDF), "report.pdf")
    assert "report.pdf" not in record.file.name  # names on disk are made by the server
    assert record.file.read() == PDF


def test_a_file_is_judged_by_content_not_by_its_name(request_of_two, liaison):
    fake = SimpleUploadedFile("video.mp4", b"MZ\x90\x00 this is really a Windows program", content_type="video/mp4")
    with pytest.raises(ValidationError, match="not accepted"):
        requested_record_answer(record=_records(request_of_two)[0], outcome="produced", upload=fake, actor=liaison)
    assert _records(request_of_two)[0].outcome == "pending"


def test_a_file_over_the_limit_is_refused_with_the_limit_named(request_of_two, liaison, settings):
    settings.RECORDS_MAX_UPLOAD_BYTES = 10
    with pytest.raises(ValidationError, match="limit is 10"):
        requested_record_answer(record=_records(request_of_two)[0], outcome="produced", upload=pdf(), actor=liaison)


@pytest.mark.parametrize(("reason", "justification"), [("", "ORS 192.345(3)"), ("Open criminal case", ""), ("", "")])
def test_withholding_needs_both_reason_and_legal_justification(request_of_two, liaison, reason, justification):
    with pytest.raises(RuleViolation, match="reason and the legal justification"):
        requested_record_answer(
            record=_records(request_of_two)[1],
            outcome="withheld",
            reason=reason,
            legal_justification=justification,
            actor=liaison,
        )


def test_redacted_record_needs_the_file_and_the_explanation(request_of_two, liaison):
    with pytest.raises(RuleViolation, match="Attach"):
        requested_record_answer(
            record=_records(request_of_two)[0],
            outcome="redacted",
            reason="Witness address",
            legal_justification="ORS 192.355(2)",
            actor=liaison,
        )
    record = requested_record_answer(
        record=_records(request_of_two)[0],
        outcome="redacted",
        upload=pdf(),
        reason="Witness address",
        legal_justification="ORS 192.355(2)",
        actor=liaison,
    )
    assert record.outcome == "redacted"


def test_partial_answer_keeps_the_clock_running_until_every_record_is_answered(request_of_two, liaison):
    first, second = _records(request_of_two)
    requested_record_answer(record=first, outcome="produced", upload=pdf(), actor=liaison)
    request_of_two.refresh_from_db()
    deadline = Deadline.objects.get(rule="records_5bd")
    assert (request_of_two.status, deadline.met_at) == (RecordsRequest.Status.PARTIAL, None)
    requested_record_answer(
        record=second,
        outcome="withheld",
        reason="Open criminal case",
        legal_justification="ORS 192.345(3)",
        actor=liaison,
    )
    request_of_two.refresh_from_db()
    deadline.refresh_from_db()
    assert request_of_two.status == RecordsRequest.Status.ANSWERED
    assert deadline.met_at == request_of_two.answered_at


def test_a_record_is_answered_once(request_of_two, liaison):
    record = _records(request_of_two)[0]
    requested_record_answer(record=record, outcome="produced", upload=pdf(), actor=liaison)
    with pytest.raises(RuleViolation, match="already"):
        requested_record_answer(record=record, outcome="withheld", reason="x", legal_justification="y", actor=liaison)


def test_only_a_ppb_liaison_answers_a_record(request_of_two, investigator):
    with pytest.raises(PermissionDenied):
        requested_record_answer(
            record=_records(request_of_two)[0], outcome="produced", upload=pdf(), actor=investigator
        )


def test_answer_history_names_the_liaison(request_of_two, liaison):
    record = requested_record_answer(
        record=_records(request_of_two)[1],
        outcome="withheld",
        reason="Open case",
        legal_justification="ORS 192.345(3)",
        actor=liaison,
    )
    last = record.history.latest("history_id")
    assert (last.history_user, last.history_change_reason) == (liaison, "PPB answered: Withheld")


@pytest.fixture
def withheld(request_of_two, liaison):
    return requested_record_answer(
        record=_records(request_of_two)[1],
        outcome="withheld",
        reason="Open case",
        legal_justification="ORS 192.345(3)",
        actor=liaison,
    )


def test_board_subpoenas_a_withheld_record_and_tracks_it_to_compliance(withheld, director, board_members):
    subpoena = subpoena_issue(record=withheld, actor=board_members[0], reason="Board disagrees with the withholding")
    subpoena = subpoena_advance(subpoena=subpoena, to=Subpoena.Status.SERVED, actor=director, reason="Served on PPB")
    subpoena = subpoena_advance(subpoena=subpoena, to=Subpoena.Status.NOT_COMPLIED, actor=director, reason="No answer")
    assert (subpoena.status, bool(subpoena.served_at), bool(subpoena.resolved_at)) == ("not_complied", True, True)
    assert [h.status for h in subpoena.history.order_by("history_id")] == ["issued", "served", "not_complied"]


def test_a_subpoena_cannot_skip_service(withheld, director):
    subpoena = subpoena_issue(record=withheld, actor=director, reason="Disagree")
    with pytest.raises(RuleViolation):
        subpoena_advance(subpoena=subpoena, to=Subpoena.Status.COMPLIED, actor=director, reason="x")


def test_no_subpoena_for_a_produced_record(request_of_two, liaison, director):
    record = requested_record_answer(
        record=_records(request_of_two)[0], outcome="produced", upload=pdf(), actor=liaison
    )
    with pytest.raises(RuleViolation):
        subpoena_issue(record=record, actor=director, reason="x")


def test_investigators_and_liaisons_do_not_issue_subpoenas(withheld, investigator, liaison):
    for user in (investigator, liaison):
        with pytest.raises(PermissionDenied):
            subpoena_issue(record=withheld, actor=user, reason="x")


def test_issuing_twice_returns_the_open_subpoena(withheld, director):
    first = subpoena_issue(record=withheld, actor=director, reason="x")
    assert subpoena_issue(record=withheld, actor=director, reason="x") == first
    assert RequestedRecord.objects.get(pk=withheld.pk).subpoenas.count() == 1


def test_liaison_sees_a_refused_answer_with_the_typed_text_kept(client, request_of_two, liaison):
    record = _records(request_of_two)[1]
    client.force_login(liaison)
    response = client.post(
        f"/staff/investigations/ppb/requests/{request_of_two.pk}/records/{record.pk}/answer/",
        {f"r{record.pk}-outcome": "withheld", f"r{record.pk}-reason": "Open criminal case"},
    )
    assert response.status_code == 400
    assert b"legal justification" in response.content and b"Open criminal case" in response.content
    assert RequestedRecord.objects.get(pk=record.pk).outcome == "pending"


def test_produced_file_downloads_for_the_investigator_not_for_another(
    client, request_of_two, liaison, investigator, other_investigator
):
    record = requested_record_answer(
        record=_records(request_of_two)[0], outcome="produced", upload=pdf(), actor=liaison
    )
    client.force_login(other_investigator)
    assert client.get(f"/staff/investigations/records/{record.pk}/file/").status_code == 404
    client.force_login(investigator)
    response = client.get(f"/staff/investigations/records/{record.pk}/file/")
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
    assert response["Content-Disposition"].startswith("attachment")


def test_director_issues_a_subpoena_from_the_request_page(client, withheld, director):
    client.force_login(director)
    client.post(f"/staff/investigations/records/{withheld.pk}/subpoena/", {f"s{withheld.pk}-reason": "Board vote 5-2"})
    subpoena = Subpoena.objects.get()
    client.post(f"/staff/investigations/subpoenas/{subpoena.pk}/", {"to": "served"})
    subpoena.refresh_from_db()
    assert subpoena.status == "served"
    page = client.get(f"/staff/investigations/ppb/requests/{withheld.request_id}/")
    assert b"Record: Complied with" in page.content and b"Record: Not complied with" in page.content


def test_overdue_requests_are_counted_whether_answered_late_or_never(intake_user, director, investigator, liaison):
    """Five business days from a Monday is the next Monday; the annual report counts each miss once (R2.6)."""
    from datetime import datetime

    import time_machine

    from oversight.calendar.business_days import PACIFIC
    from oversight.calendar.services import deadline_sweep
    from reports.selectors import annual_report_data

    monday = datetime(2026, 3, 2, 10, tzinfo=PACIFIC)
    with time_machine.travel(monday, tick=False):
        case = case_investigating(intake_user, director, investigator)
        on_time, late, never = (
            records_request_send(investigation=case.investigation, records_sought=f"Report {n}", actor=investigator)
            for n in range(3)
        )
    with time_machine.travel(datetime(2026, 3, 9, 9, tzinfo=PACIFIC), tick=False):
        requested_record_answer(record=on_time.records.get(), outcome="produced", upload=pdf(), actor=liaison)
    with time_machine.travel(datetime(2026, 3, 11, 9, tzinfo=PACIFIC), tick=False):
        requested_record_answer(record=late.records.get(), outcome="produced", upload=pdf(), actor=liaison)
        deadline_sweep()
    data = annual_report_data(year=2026)
    assert (data["records_requests_sent"], data["records_requests_overdue"]) == (3, 2)
    breached = Deadline.objects.filter(rule=Deadline.Rule.RECORDS_5BD, breached_at__isnull=False)
    assert sorted(d.about_id for d in breached) == sorted([late.pk, never.pk])
