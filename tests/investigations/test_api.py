"""The PPB integration API: liaisons list and answer records requests with a token (R2.6, R6.4);
staff read investigations."""

import hashlib
from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from rest_framework import serializers
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from investigations.models import RecordsRequest, RequestedRecord
from investigations.services import finding_record, records_request_send
from oversight.accounts.roles import Role
from oversight.calendar.models import Deadline
from tests.arrange import case_investigating
from tests.conftest import make_user
from tests.factories import pdf_bytes

pytestmark = pytest.mark.django_db

PDF = pdf_bytes()
LIST = "/api/v1/records-requests/"


def pdf(name="report.pdf", content=PDF):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def answer_url(request, record):
    return f"{LIST}{request.pk}/records/{record.pk}/answer/"


def token_client(user):
    out = StringIO()
    call_command("issue_api_token", user.username, stdout=out)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {out.getvalue().strip()}")
    return client


@pytest.fixture
def request_of_two(intake_user, director, investigator):
    case = case_investigating(intake_user, director, investigator)
    return records_request_send(
        investigation=case.investigation,
        records_sought="- Incident report 26-1001\n\n- Body-camera video, Officer B\n",
        actor=investigator,
    )


@pytest.fixture
def liaison_api(liaison):
    return token_client(liaison)


@pytest.fixture
def city_liaison_api(db):
    city = make_user(Role.LIAISON, username="city_liaison")
    city.agency = "city"
    city.save()
    return token_client(city)


def _local(when):
    return serializers.DateTimeField().to_representation(when)


def _records(request):
    return list(request.records.order_by("pk"))


# Issuing tokens


def test_issue_api_token_prints_the_same_token_for_a_liaison_each_time(liaison):
    first, second = StringIO(), StringIO()
    call_command("issue_api_token", liaison.username, stdout=first)
    call_command("issue_api_token", liaison.username, stdout=second)
    assert first.getvalue().strip() == second.getvalue().strip() == Token.objects.get(user=liaison).key


def test_issue_api_token_refuses_a_user_who_is_not_a_liaison(investigator):
    with pytest.raises(CommandError, match="not a PPB liaison"):
        call_command("issue_api_token", investigator.username, stdout=StringIO())
    assert not Token.objects.exists()


def test_issue_api_token_refuses_an_unknown_user(db):
    with pytest.raises(CommandError, match="No user"):
        call_command("issue_api_token", "nobody", stdout=StringIO())


# Records requests for the liaison


def test_liaison_with_a_token_lists_ppb_requests_with_records_and_due_date(liaison_api, request_of_two):
    response = liaison_api.get(LIST)
    assert response.status_code == 200
    (row,) = response.json()["results"]
    due_at = Deadline.objects.get(rule=Deadline.Rule.RECORDS_5BD).due_at
    assert (row["id"], row["status"], row["due_at"]) == (request_of_two.pk, "sent", _local(due_at))
    assert [(r["description"], r["outcome"], r["answered_at"]) for r in row["records"]] == [
        ("Incident report 26-1001", "pending", None),
        ("Body-camera video, Officer B", "pending", None),
    ]


def test_liaison_reads_one_request(liaison_api, request_of_two):
    response = liaison_api.get(f"{LIST}{request_of_two.pk}/")
    assert response.status_code == 200
    assert [r["id"] for r in response.json()["records"]] == [r.pk for r in _records(request_of_two)]


def test_liaison_answers_a_record_by_multipart_upload(liaison_api, liaison, request_of_two):
    record = _records(request_of_two)[0]
    response = liaison_api.post(answer_url(request_of_two, record), {"outcome": "produced", "upload": pdf()})
    assert response.status_code == 201
    body = response.json()
    assert (body["id"], body["outcome"], body["content_type"]) == (record.pk, "produced", "application/pdf")
    assert body["sha256"] == hashlib.sha256(PDF).hexdigest()
    record.refresh_from_db()
    assert (record.outcome, record.answered_by, record.file.read()) == ("produced", liaison, PDF)
    assert record.history.latest("history_id").history_user == liaison
    request_of_two.refresh_from_db()
    assert request_of_two.status == RecordsRequest.Status.PARTIAL


def test_a_program_named_pdf_is_refused_by_its_content(liaison_api, request_of_two):
    record = _records(request_of_two)[0]
    fake = pdf("report.pdf", b"MZ\x90\x00\x03\x00\x00\x00 this is really a Windows program")
    response = liaison_api.post(answer_url(request_of_two, record), {"outcome": "produced", "upload": fake})
    assert response.status_code == 400
    (message,) = response.json()["detail"]
    assert "is not accepted" in message
    assert RequestedRecord.objects.get(pk=record.pk).outcome == "pending"


def test_withholding_without_the_legal_justification_is_refused_with_the_message(liaison_api, request_of_two):
    record = _records(request_of_two)[1]
    response = liaison_api.post(answer_url(request_of_two, record), {"outcome": "withheld", "reason": "Open case"})
    assert response.status_code == 400
    assert response.json() == {
        "detail": ["A withheld or redacted record needs both the reason and the legal justification."]
    }
    assert RequestedRecord.objects.get(pk=record.pk).outcome == "pending"


def test_an_unknown_outcome_gets_field_errors(liaison_api, request_of_two):
    record = _records(request_of_two)[1]
    response = liaison_api.post(answer_url(request_of_two, record), {"outcome": "pending"})
    assert response.status_code == 400
    assert list(response.json()) == ["outcome"]


def test_a_record_answered_twice_is_refused(liaison_api, request_of_two):
    record = _records(request_of_two)[1]
    data = {"outcome": "withheld", "reason": "Open case", "legal_justification": "ORS 192.345(3)"}
    assert liaison_api.post(answer_url(request_of_two, record), data).status_code == 201
    response = liaison_api.post(answer_url(request_of_two, record), data)
    assert response.status_code == 400
    assert response.json() == {"detail": ["This record has already been answered."]}


def test_a_record_of_another_request_is_not_found(liaison_api, request_of_two, investigator):
    other = records_request_send(
        investigation=request_of_two.investigation, records_sought="CAD log", actor=investigator
    )
    record = _records(other)[0]
    response = liaison_api.post(answer_url(request_of_two, record), {"outcome": "produced", "upload": pdf()})
    assert response.status_code == 404


def test_liaison_of_another_agency_sees_nothing_and_cannot_answer(city_liaison_api, request_of_two):
    record = _records(request_of_two)[0]
    assert city_liaison_api.get(LIST).json()["count"] == 0
    assert city_liaison_api.get(f"{LIST}{request_of_two.pk}/").status_code == 404
    response = city_liaison_api.post(answer_url(request_of_two, record), {"outcome": "produced", "upload": pdf()})
    assert response.status_code == 404
    assert RequestedRecord.objects.get(pk=record.pk).outcome == "pending"


def test_a_wrong_token_is_refused(request_of_two):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Token not-a-real-token")
    assert client.get(LIST).status_code == 403


def test_anonymous_callers_are_refused(client, request_of_two):
    assert client.get(LIST).status_code == 403
    assert client.get("/api/v1/investigations/").status_code == 403


# Records requests for staff, with a session and no token


def test_investigator_session_lists_requests_only_for_own_investigations(
    client, request_of_two, investigator, other_investigator
):
    client.force_login(other_investigator)
    assert client.get(LIST).json()["count"] == 0
    assert client.get(f"{LIST}{request_of_two.pk}/").status_code == 404
    client.force_login(investigator)
    assert [r["id"] for r in client.get(LIST).json()["results"]] == [request_of_two.pk]


def test_investigator_cannot_answer_a_record(client, request_of_two, investigator):
    client.force_login(investigator)
    record = _records(request_of_two)[0]
    response = client.post(answer_url(request_of_two, record), {"outcome": "produced", "upload": pdf()})
    assert response.status_code == 403
    assert RequestedRecord.objects.get(pk=record.pk).outcome == "pending"


# Investigations, read-only for OCPA staff


def test_liaison_and_board_member_are_refused_investigations(liaison_api, client, request_of_two, board_members):
    investigation = request_of_two.investigation
    assert liaison_api.get("/api/v1/investigations/").status_code == 403
    assert liaison_api.get(f"/api/v1/investigations/{investigation.pk}/").status_code == 403
    client.force_login(board_members[0])
    assert client.get("/api/v1/investigations/").status_code == 403
    assert client.get(f"/api/v1/investigations/{investigation.pk}/").status_code == 403


def test_investigator_reads_own_investigation_with_its_clock_and_findings(client, request_of_two, investigator):
    investigation = request_of_two.investigation
    allegation = investigation.case.allegations.get()
    finding_record(allegation=allegation, outcome="out_of_policy", rationale="Video shows it", actor=investigator)
    client.force_login(investigator)
    (row,) = client.get("/api/v1/investigations/").json()["results"]
    due_at = Deadline.objects.get(rule=Deadline.Rule.INVESTIGATION_180D).due_at
    assert (row["case_number"], row["investigator"], row["status"], row["due_at"]) == (
        investigation.case.number,
        investigator.username,
        "open",
        _local(due_at),
    )
    assert [(a["id"], a["finding"]["outcome"]) for a in row["allegations"]] == [(allegation.pk, "out_of_policy")]
    detail = client.get(f"/api/v1/investigations/{investigation.pk}/").json()
    assert detail["commenced_at"] == row["commenced_at"]


def test_allegation_without_a_finding_shows_none(client, request_of_two, director):
    client.force_login(director)
    detail = client.get(f"/api/v1/investigations/{request_of_two.investigation_id}/").json()
    assert [a["finding"] for a in detail["allegations"]] == [None]


def test_investigator_does_not_see_another_investigators_investigation(client, request_of_two, other_investigator):
    client.force_login(other_investigator)
    assert client.get("/api/v1/investigations/").json()["count"] == 0
    assert client.get(f"/api/v1/investigations/{request_of_two.investigation_id}/").status_code == 404


def test_investigations_are_read_only(client, request_of_two, director):
    client.force_login(director)
    assert client.post("/api/v1/investigations/").status_code == 405
    assert client.delete(f"/api/v1/investigations/{request_of_two.investigation_id}/").status_code == 405


# Size and schema


@pytest.mark.parametrize("n", [1, 6])
def test_api_lists_run_a_constant_number_of_queries(
    client, intake_user, director, investigator, liaison_api, django_assert_max_num_queries, n
):
    for _ in range(n):
        case = case_investigating(intake_user, director, investigator)
        records_request_send(investigation=case.investigation, records_sought="x\ny", actor=investigator)
    with django_assert_max_num_queries(7):
        assert len(liaison_api.get(LIST).json()["results"]) == n
    client.force_login(investigator)
    # A session adds three: it is read, and saved in a savepoint by the session middleware; its
    # second-factor device adds one.
    with django_assert_max_num_queries(11):
        assert len(client.get("/api/v1/investigations/").json()["results"]) == n


def test_schema_lists_the_new_paths(client):
    response = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    paths = response.json()["paths"]
    for path in (
        "/api/v1/records-requests/",
        "/api/v1/records-requests/{id}/",
        "/api/v1/records-requests/{id}/records/{record_pk}/answer/",
        "/api/v1/investigations/",
        "/api/v1/investigations/{id}/",
    ):
        assert path in paths, path
    assert "tokenAuth" in response.json()["components"]["securitySchemes"]
