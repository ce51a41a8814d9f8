"""Discipline for PPB's failures to comply (35A.050 F.1.l; issue 11): for a refused interview, a withheld
record or a subpoena not complied with, the Director records whether PPB imposed discipline; item l of
the annual report counts them; only the Director writes it or opens its page."""

import datetime

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from investigations.interviews import interview_refuse, interview_schedule
from investigations.models import Interview, RequestedRecord, Subpoena
from investigations.noncompliance import (
    KINDS,
    failures_of_case,
    noncompliance_discipline_record,
    noncompliance_summary,
)
from investigations.services import records_request_send, requested_record_answer, subpoena_advance, subpoena_issue
from oversight.calendar.business_days import PACIFIC
from reports.items import report_build
from tests.arrange import case_investigating
from tests.factories import pdf_bytes

pytestmark = pytest.mark.django_db
NOW = datetime.datetime(2026, 6, 15, 10, 0, tzinfo=PACIFIC)


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def failures(intake_user, director, investigator, liaison):
    """A case with one of each failure to comply: a refused interview, a withheld record, a subpoena not
    complied with; and a produced record, which is no failure."""
    case = case_investigating(intake_user, director, investigator)
    interview = interview_schedule(
        investigation=case.investigation,
        employee=case.allegations.get().employee,
        scheduled_at=NOW + datetime.timedelta(days=1),
        on_duty_basis="On shift",
        union_representation_declined=True,
        actor=investigator,
    )
    interview = interview_refuse(interview=interview, note="Declined to answer", actor=investigator)
    request = records_request_send(
        investigation=case.investigation, records_sought="- Report\n- Video\n", actor=investigator
    )
    withheld, produced = request.records.order_by("pk")
    requested_record_answer(
        record=withheld, outcome="withheld", reason="Review", legal_justification="ORS 192.345", actor=liaison
    )
    requested_record_answer(
        record=produced,
        outcome="produced",
        upload=SimpleUploadedFile("report.pdf", pdf_bytes("report"), content_type="application/pdf"),
        actor=liaison,
    )
    subpoena = subpoena_issue(record=withheld, actor=director, reason="Board vote")
    subpoena = subpoena_advance(subpoena=subpoena, to="served", actor=director, reason="Served")
    subpoena = subpoena_advance(subpoena=subpoena, to="not_complied", actor=director, reason="Deadline passed")
    return {
        "case": case,
        "interview": Interview.objects.get(pk=interview.pk),
        "record": RequestedRecord.objects.get(pk=withheld.pk),
        "produced": RequestedRecord.objects.get(pk=produced.pk),
        "subpoena": Subpoena.objects.get(pk=subpoena.pk),
    }


def _record(actor, failures, key, outcome="imposed", reason="PPB's letter of 2026-06-10"):
    return noncompliance_discipline_record(
        actor=actor, kind=KINDS[key], failure=failures[key], outcome=outcome, reason=reason
    )


def test_the_case_lists_each_failure_to_comply_once_oldest_first_and_not_a_produced_record(failures):
    Interview.objects.filter(pk=failures["interview"].pk).update(held_at=NOW + datetime.timedelta(days=2))
    Subpoena.objects.filter(pk=failures["subpoena"].pk).update(resolved_at=NOW - datetime.timedelta(days=2))
    listed = [(kind.key, row.pk) for kind, row in failures_of_case(failures["case"])]
    assert listed == [
        ("subpoena", failures["subpoena"].pk),
        ("record", failures["record"].pk),
        ("interview", failures["interview"].pk),
    ]


@pytest.mark.parametrize("key", ["interview", "record", "subpoena"])
def test_the_director_records_the_discipline_with_a_reason_in_the_history(director, failures, key):
    row = _record(director, failures, key)
    assert row.noncompliance_discipline == "imposed"
    latest = row.history.latest()
    assert (latest.history_user, latest.history_change_reason) == (director, "PPB's letter of 2026-06-10")
    count = row.history.count()
    assert _record(director, failures, key).noncompliance_discipline == "imposed"
    assert row.history.count() == count  # the same answer again writes nothing


def test_a_row_that_is_no_failure_to_comply_is_refused(director, failures):
    with pytest.raises(ValidationError):
        noncompliance_discipline_record(
            actor=director, kind=KINDS["record"], failure=failures["produced"], outcome="imposed", reason="x"
        )
    assert RequestedRecord.objects.get(pk=failures["produced"].pk).noncompliance_discipline == ""


@pytest.mark.parametrize(("outcome", "reason"), [("fired", "Letter"), ("imposed", " ")])
def test_a_bad_answer_is_refused_and_saves_nothing(director, failures, outcome, reason):
    with pytest.raises(ValidationError):
        _record(director, failures, "interview", outcome=outcome, reason=reason)
    assert Interview.objects.get(pk=failures["interview"].pk).noncompliance_discipline == ""


@pytest.mark.parametrize("role", ["intake_user", "investigator", "liaison", "admin_user", "board_members"])
def test_only_the_director_records_it(request, failures, role):
    user = request.getfixturevalue(role)
    with pytest.raises(PermissionDenied):
        _record(user[0] if isinstance(user, list) else user, failures, "interview")


def test_item_l_counts_each_kind_by_the_discipline_recorded(director, failures):
    _record(director, failures, "interview", outcome="not_imposed")
    _record(director, failures, "subpoena", outcome="pending")
    since = datetime.datetime(2026, 1, 1, tzinfo=PACIFIC)
    until = datetime.datetime(2027, 1, 1, tzinfo=PACIFIC)
    summary = noncompliance_summary(since=since, until=until)
    assert summary["interview"] == {"total": 1, "imposed": 0, "not_imposed": 1, "pending": 0, "unrecorded": 0}
    assert summary["record"] == {"total": 1, "imposed": 0, "not_imposed": 0, "pending": 0, "unrecorded": 1}
    assert summary["subpoena"] == {"total": 1, "imposed": 0, "not_imposed": 0, "pending": 1, "unrecorded": 0}
    snapshot = report_build(start=datetime.date(2026, 1, 1), end=datetime.date(2027, 1, 1))
    item_l = next(i for i in snapshot["items"] if i["key"] == "l")
    table = next(b for b in item_l["blocks"] if b["type"] == "table")
    assert table["rows"] == [
        ["Interviews refused by a PPB employee", 1, 0, 1, 0, 0],
        ["Records PPB withheld", 1, 0, 0, 0, 1],
        ["Subpoenas not complied with", 1, 0, 0, 1, 0],
    ]
    outside = noncompliance_summary(since=until, until=until + datetime.timedelta(days=365))
    assert {k: v["total"] for k, v in outside.items()} == {"interview": 0, "record": 0, "subpoena": 0}


def test_the_director_records_it_on_the_cases_page(client, director, failures):
    case = failures["case"]
    client.force_login(director)
    section = client.get(f"/complaints/staff/cases/{case.pk}/investigation/").content.decode()
    assert f"/staff/investigations/cases/{case.pk}/non-compliance/" in section
    assert "3 failures to comply on this case; PPB's discipline recorded for 0." in section
    page = client.get(f"/staff/investigations/cases/{case.pk}/non-compliance/")
    assert page.status_code == 200 and "Declined" not in page.content.decode()
    subpoena = failures["subpoena"]
    response = client.post(
        f"/staff/investigations/non-compliance/subpoena/{subpoena.pk}/",
        {f"subpoena-{subpoena.pk}-outcome": "imposed", f"subpoena-{subpoena.pk}-reason": "Letter"},
    )
    assert (
        response.status_code == 302 and response["Location"] == f"/staff/investigations/cases/{case.pk}/non-compliance/"
    )
    assert Subpoena.objects.get(pk=subpoena.pk).noncompliance_discipline == "imposed"
    section = client.get(f"/complaints/staff/cases/{case.pk}/investigation/").content.decode()
    assert "recorded for 1." in section


def test_an_unknown_kind_or_a_row_that_is_no_failure_is_404(client, director, failures):
    client.force_login(director)
    data = {"outcome": "imposed", "reason": "x"}
    assert (
        client.post(f"/staff/investigations/non-compliance/finding/{failures['record'].pk}/", data).status_code == 404
    )
    produced = failures["produced"].pk
    assert client.post(f"/staff/investigations/non-compliance/record/{produced}/", data).status_code == 404


def test_the_investigator_sees_no_part_and_is_refused_the_page(client, investigator, failures):
    case = failures["case"]
    client.force_login(investigator)
    assert "non-compliance" not in client.get(f"/complaints/staff/cases/{case.pk}/investigation/").content.decode()
    assert client.get(f"/staff/investigations/cases/{case.pk}/non-compliance/").status_code == 403


def test_a_bad_answer_on_the_page_comes_back_with_its_error_and_saves_nothing(client, director, failures):
    record = failures["record"]
    client.force_login(director)
    response = client.post(
        f"/staff/investigations/non-compliance/record/{record.pk}/",
        {f"record-{record.pk}-outcome": "fired", f"record-{record.pk}-reason": "Letter"},
    )
    assert response.status_code == 400
    assert "Select a valid choice." in response.content.decode()
    assert RequestedRecord.objects.get(pk=record.pk).noncompliance_discipline == ""


def test_the_page_runs_a_constant_number_of_queries(client, director, failures, liaison, django_assert_max_num_queries):
    client.force_login(director)
    client.get(f"/staff/investigations/cases/{failures['case'].pk}/non-compliance/")
    with django_assert_max_num_queries(14) as few:
        client.get(f"/staff/investigations/cases/{failures['case'].pk}/non-compliance/")
    request = failures["record"].request
    for description in ("Audio", "Photos", "Notes"):
        extra = request.records.create(description=description)
        requested_record_answer(
            record=extra, outcome="withheld", reason="Review", legal_justification="ORS 192.345", actor=liaison
        )
    with django_assert_max_num_queries(len(few)):
        page = client.get(f"/staff/investigations/cases/{failures['case'].pk}/non-compliance/")
    assert "6 failures to comply on this case" in page.content.decode()
