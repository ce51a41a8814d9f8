"""Intake endpoints under /api/v1/: list with the queue's filters, detail, decision (R6.4)."""

import uuid

import pytest
import yaml

from intake.models import Case
from intake.services import complaint_file
from tests.arrange import case_received
from tests.factories import complaint_data, mandatory_type

pytestmark = pytest.mark.django_db


def test_the_case_list_takes_the_queue_filters(client, intake_user):
    phone = complaint_file(data=complaint_data(), submission_key=uuid.uuid4(), actor=intake_user, channel="phone")
    case_received(intake_user)
    client.force_login(intake_user)
    rows = client.get("/api/v1/cases/", {"channel": "phone"}).json()["results"]
    assert [r["number"] for r in rows] == [phone.case.number]


def test_a_bad_filter_value_is_a_400(client, intake_user):
    client.force_login(intake_user)
    assert client.get("/api/v1/cases/", {"age": "5"}).status_code == 400


def test_the_case_detail_shows_the_allegations(client, intake_user):
    case = case_received(intake_user)
    client.force_login(intake_user)
    body = client.get(f"/api/v1/cases/{case.pk}/").json()
    assert body["number"] == case.number and len(body["allegations"]) == 1


def test_the_decision_goes_through_case_decide(client, intake_user):
    case = case_received(intake_user)
    client.force_login(intake_user)
    response = client.post(
        f"/api/v1/cases/{case.pk}/decision/", {"decision": "mediation", "reason": "Both agree"}, "application/json"
    )
    assert response.status_code == 200 and response.json()["status"] == "resolved"
    case.refresh_from_db()
    assert (case.decision, case.decided_by) == ("mediation", intake_user)
    assert case.history.latest("history_id").history_change_reason == "Both agree"


def test_a_decision_with_bad_fields_is_a_400_with_field_errors(client, intake_user):
    case = case_received(intake_user)
    client.force_login(intake_user)
    response = client.post(f"/api/v1/cases/{case.pk}/decision/", {"decision": "jail"}, "application/json")
    assert response.status_code == 400
    assert set(response.json()) == {"decision", "reason"}


def test_a_mandatory_case_routed_away_by_the_api_is_a_400(client, intake_user):
    case = case_received(intake_user, allegation_type=mandatory_type())
    client.force_login(intake_user)
    response = client.post(
        f"/api/v1/cases/{case.pk}/decision/", {"decision": "dismissal", "reason": "x"}, "application/json"
    )
    assert response.status_code == 400 and "must investigate" in response.json()["detail"][0]
    assert Case.objects.get(pk=case.pk).status == "received"


@pytest.mark.parametrize("role", ["investigator", "board_member", "ppb_liaison", "administrator"])
def test_other_roles_cannot_decide_by_the_api(client, intake_user, users_by_role, role):
    case = case_received(intake_user)
    client.force_login(users_by_role[role])
    response = client.post(
        f"/api/v1/cases/{case.pk}/decision/", {"decision": "dismissal", "reason": "x"}, "application/json"
    )
    assert response.status_code == 403
    assert Case.objects.get(pk=case.pk).decision == ""


def test_anonymous_callers_cannot_decide(client, intake_user):
    case = case_received(intake_user)
    response = client.post(
        f"/api/v1/cases/{case.pk}/decision/", {"decision": "dismissal", "reason": "x"}, "application/json"
    )
    assert response.status_code == 403


def test_the_schema_lists_the_intake_endpoints_and_filters(client):
    schema = yaml.safe_load(client.get("/api/schema/").content)
    paths = schema["paths"]
    assert {"/api/v1/cases/", "/api/v1/cases/{id}/", "/api/v1/cases/{id}/decision/"} <= set(paths)
    assert "post" in paths["/api/v1/cases/{id}/decision/"]
    filters = {p["name"] for p in paths["/api/v1/cases/"]["get"]["parameters"]}
    assert {"status", "channel", "language", "age", "mandatory_category"} <= filters


def test_a_panel_member_reads_the_case_without_intakes_notes(
    client, intake_user, director, investigator, board_members
):
    from tests.arrange import case_before_panel

    case, _panel = case_before_panel(intake_user, director, investigator, board_members)
    client.force_login(board_members[0])
    body = client.get(f"/api/v1/cases/{case.pk}/").json()
    assert body["number"] == case.number and body["allegations"]
    assert "decision_reason" not in body and "incident_summary" not in body
    client.force_login(director)
    assert "decision_reason" in client.get(f"/api/v1/cases/{case.pk}/").json()


# Paging (issue 13): ?limit= from 1 to API_MAX_PAGE_SIZE, ?offset= from 0; anything else is a 400
# naming the field, in the same shape as every other field error.


@pytest.mark.parametrize(
    "limit", ["99999999999999999999", "9223372036854775807", "201", "0", "-1", "abc", "1.5", "1e3"]
)
def test_a_limit_that_is_not_a_whole_number_from_1_to_the_maximum_is_a_400_naming_it(client, intake_user, limit):
    case_received(intake_user)
    client.force_login(intake_user)
    response = client.get("/api/v1/cases/", {"limit": limit})
    assert response.status_code == 400
    assert set(response.json()) == {"limit"} and response.json()["limit"]


@pytest.mark.parametrize("offset", ["-1", "abc", "99999999999999999999"])
def test_an_offset_that_is_not_a_row_position_is_a_400_naming_it(client, intake_user, offset):
    client.force_login(intake_user)
    response = client.get("/api/v1/cases/", {"offset": offset})
    assert response.status_code == 400
    assert set(response.json()) == {"offset"}


def test_the_maximum_page_size_is_a_setting_and_the_next_link_finds_the_rest(client, intake_user, settings):
    settings.API_MAX_PAGE_SIZE = 2
    for _ in range(3):
        case_received(intake_user)
    client.force_login(intake_user)
    assert client.get("/api/v1/cases/", {"limit": 3}).status_code == 400
    body = client.get("/api/v1/cases/", {"limit": 2}).json()
    assert body["count"] == 3 and len(body["results"]) == 2
    rest = client.get(body["next"]).json()
    assert len(rest["results"]) == 1 and rest["next"] is None


def test_without_a_limit_a_page_holds_the_default_size_at_most(client, intake_user, settings):
    settings.API_MAX_PAGE_SIZE = 1
    case_received(intake_user)
    case_received(intake_user)
    client.force_login(intake_user)
    assert len(client.get("/api/v1/cases/").json()["results"]) == 1


def test_an_offset_past_the_last_row_is_an_empty_page(client, intake_user):
    case_received(intake_user)
    client.force_login(intake_user)
    body = client.get("/api/v1/cases/", {"offset": 1000, "limit": "", "page": "abc"}).json()
    assert body["count"] == 1 and body["results"] == []


def test_the_schema_states_the_paging_bounds(client):
    schema = yaml.safe_load(client.get("/api/schema/").content)
    params = {p["name"]: p["schema"] for p in schema["paths"]["/api/v1/cases/"]["get"]["parameters"]}
    assert (params["limit"]["minimum"], params["limit"]["maximum"]) == (1, 200)
    assert params["offset"]["minimum"] == 0
