"""Staff intake pages: each posts through its service and shows the result."""

import uuid

import pytest

from intake.models import AllegationType, Case, Complaint, IncidentGroup, ReconsiderationRequest
from intake.reconsideration import reconsideration_request
from intake.services import case_decide
from tests.arrange import case_received
from tests.factories import AllegationTypeFactory, ChiefFactory, EmployeeFactory, file_complaint

pytestmark = pytest.mark.django_db


def _complaint_post(**overrides):
    data = {
        "submission_key": str(uuid.uuid4()),
        "channel": "mail",
        "language": "en",
        "filer_type": "third_party",
        "narrative": "Letter describing a stop on Burnside.",
        "incident_on": "2026-11-01",
        "incident_place": "W Burnside & 5th",
        "contact_name": "A. Writer",
    }
    data.update(overrides)
    return data


def test_intake_staff_enter_a_mailed_complaint(client, intake_user):
    client.force_login(intake_user)
    response = client.post("/complaints/staff/complaints/new/", _complaint_post())
    complaint = Complaint.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/complaints/staff/cases/{complaint.case_id}/"
    assert (complaint.channel, complaint.contact_name) == ("mail", "A. Writer")


def test_a_phoned_in_filer_gets_an_access_code_once_and_it_opens_their_status_page(client, intake_user):
    import re

    from django.test import Client

    client.force_login(intake_user)
    post = _complaint_post(channel="phone", contact_phone="503-555-0100")
    page = client.post("/complaints/staff/complaints/new/", post, follow=True).content.decode()
    number, code = re.search(r"case number (\S+) and access code (\S+) for", page).groups()
    again = client.post("/complaints/staff/complaints/new/", post, follow=True).content.decode()
    assert "for their status page" not in again and Complaint.objects.count() == 1
    filer = Client()
    assert filer.post("/complaints/status/", {"case_number": number, "access_code": code}).status_code == 302
    assert f"Your complaint {number}" in filer.get("/complaints/status/").content.decode()


def test_the_staff_form_does_not_offer_the_web_channel(client, intake_user):
    client.force_login(intake_user)
    response = client.post("/complaints/staff/complaints/new/", _complaint_post(channel="web"))
    assert response.status_code == 400
    assert Complaint.objects.count() == 0


def test_intake_staff_open_a_case_for_a_use_of_deadly_force(client, intake_user):
    client.force_login(intake_user)
    response = client.post(
        "/complaints/staff/incidents/new/",
        {
            "mandatory_category": "deadly_force",
            "incident_on": "2026-11-02",
            "incident_summary": "Officer-involved shooting in Lents.",
            "reason": "Reported by PPB",
            "submission_key": str(uuid.uuid4()),
        },
    )
    case = Case.objects.get()
    assert response.status_code == 302
    assert (case.origin, case.mandatory_category) == ("mandatory_incident", "deadly_force")
    page = client.get(f"/complaints/staff/cases/{case.pk}/complaint/").content.decode()
    assert "Opened without a complaint" in page and "Officer-involved shooting in Lents." in page


def test_the_case_page_lists_roster_matches_to_choose_from(client, intake_user):
    EmployeeFactory(first_name="José", last_name="García", badge_number="41234")
    case = file_complaint()
    client.force_login(intake_user)
    page = client.get(f"/complaints/staff/cases/{case.pk}/", {"q": "garcia"}).content.decode()
    assert 'value="41234"' in page and "García" in page and 'id="employee_unidentified"' in page


def test_choosing_the_chief_puts_the_case_on_the_chief_route(client, intake_user):
    chief = ChiefFactory()
    case = file_complaint()
    client.force_login(intake_user)
    client.post(
        f"/complaints/staff/cases/{case.pk}/allegations/",
        {"allegation_type": AllegationTypeFactory().pk, "employee": chief.badge_number, "reason": "Named"},
    )
    case.refresh_from_db()
    assert case.is_chief_route
    page = client.get(f"/complaints/staff/cases/{case.pk}/").content.decode()
    assert 'id="chief-route"' in page and "findings report goes to the Mayor" in page


def test_several_allegations_on_one_case(client, intake_user):
    case = file_complaint()
    client.force_login(intake_user)
    for employee in (EmployeeFactory().badge_number, ""):
        client.post(
            f"/complaints/staff/cases/{case.pk}/allegations/",
            {"allegation_type": AllegationTypeFactory().pk, "employee": employee, "reason": "x"},
        )
    assert case.allegations.count() == 2


def test_the_director_edits_the_allegation_type_list(client, director):
    client.force_login(director)
    client.post("/complaints/staff/allegation-types/", {"name": "Untruthfulness", "reason": "New"})
    kind = AllegationType.objects.get()
    client.post(
        f"/complaints/staff/allegation-types/{kind.pk}/",
        {"name": "Truthfulness", "mandatory_category": "", "reason": "Deactivated"},
    )
    kind.refresh_from_db()
    assert (kind.name, kind.is_active) == ("Truthfulness", False)
    page = client.get(f"/complaints/staff/allegation-types/{kind.pk}/").content.decode()
    assert "Deactivated" in page


def test_a_deactivated_type_is_no_longer_offered(client, intake_user):
    AllegationTypeFactory(code="old", name="Old type", is_active=False)
    case = file_complaint()
    client.force_login(intake_user)
    assert "Old type" not in client.get(f"/complaints/staff/cases/{case.pk}/").content.decode()


def _decided_case(intake_user):
    case = case_received(intake_user)
    case_decide(case=case, decision="dismissal", reason="No misconduct", actor=intake_user)
    return case


def test_intake_staff_enter_a_reconsideration_request_from_the_case_page(client, intake_user):
    case = _decided_case(intake_user)
    client.force_login(intake_user)
    client.post(
        f"/complaints/staff/cases/{case.pk}/reconsideration/",
        {"complaint": case.complaints.get().pk, "reason": "Filer called: there is video"},
    )
    request = ReconsiderationRequest.objects.get()
    assert (request.entered_by, request.outcome) == (intake_user, "pending")
    assert "Filer called: there is video" in client.get(f"/complaints/staff/cases/{case.pk}/").content.decode()


def test_the_director_decides_a_reconsideration_from_the_case_page(client, intake_user, director):
    case = _decided_case(intake_user)
    request = reconsideration_request(case=case, complaint=case.complaints.get(), reason="Video")
    client.force_login(director)
    page = client.get(f"/complaints/staff/cases/{case.pk}/").content.decode()
    assert f"/complaints/staff/reconsiderations/{request.pk}/decide/" in page
    client.post(
        f"/complaints/staff/reconsiderations/{request.pk}/decide/",
        {"changed": "yes", "new_decision": "investigate", "reason": "The video shows force"},
    )
    request.refresh_from_db()
    case.refresh_from_db()
    assert (request.outcome, case.decision) == ("changed", "investigate")


def test_intake_staff_see_no_reconsideration_decision_form(client, intake_user):
    case = _decided_case(intake_user)
    request = reconsideration_request(case=case, complaint=case.complaints.get(), reason="Video")
    client.force_login(intake_user)
    page = client.get(f"/complaints/staff/cases/{case.pk}/").content.decode()
    assert f"/reconsiderations/{request.pk}/decide/" not in page


def test_staff_group_cases_and_see_the_group_with_all_its_cases(client, intake_user):
    first, second = file_complaint(), file_complaint()
    client.force_login(intake_user)
    client.post("/complaints/staff/groups/", {"name": "Protest downtown"})
    group = IncidentGroup.objects.get()
    for case in (first, second):
        client.post(f"/complaints/staff/groups/{group.pk}/", {"number": case.number, "reason": "Same protest"})
    page = client.get(f"/complaints/staff/groups/{group.pk}/").content.decode()
    assert first.number in page and second.number in page
    client.post(f"/complaints/staff/cases/{first.pk}/group/leave/")
    assert list(group.cases.all()) == [second]


def test_a_case_joins_a_group_from_its_page(client, intake_user):
    case = file_complaint()
    client.force_login(intake_user)
    client.post("/complaints/staff/groups/", {"name": "Protest"})
    group = IncidentGroup.objects.get()
    client.post(f"/complaints/staff/cases/{case.pk}/group/", {"group": group.pk, "reason": "Same protest"})
    case.refresh_from_db()
    assert case.incident_group == group


def test_the_queue_filters_and_keeps_filters_across_pages(client, intake_user):
    import uuid as _uuid

    from intake.services import complaint_file
    from tests.factories import complaint_data

    for _ in range(51):
        complaint_file(data=complaint_data(), submission_key=_uuid.uuid4(), actor=intake_user, channel="phone")
    file_complaint()
    client.force_login(intake_user)
    page = client.get("/complaints/staff/", {"channel": "phone"}).content.decode()
    assert "51 cases" in page
    assert "?channel=phone&amp;page=2" in page


@pytest.mark.parametrize("number", ["abc", "-1", "0", "1.5", "99999999999999999999"])
def test_the_queue_answers_any_page_number_with_a_page(client, intake_user, number):
    # Paging input (issue 13): the HTML queue shows the first or last page instead of failing.
    case = case_received(intake_user)
    client.force_login(intake_user)
    response = client.get("/complaints/staff/", {"page": number})
    assert response.status_code == 200 and case.number in response.content.decode()
