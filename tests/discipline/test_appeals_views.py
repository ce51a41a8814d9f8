"""The pages and the API of appeals and proceedings (issue 9.9, 9.10): the filer's appeal from the status page
in their language, an officer's appeal entered by staff, the appeals panel's pages, the proceeding form, and
constant queries on the lists."""

import pytest
import time_machine
from django.conf import settings
from django.test import Client

from discipline.models import Appeal, FinalOutcome, PostBoardProceeding
from intake.access import access_code_hash
from intake.models import Complaint
from tests.intake.public import document

from .arrange_appeals import DAY_AFTER, HEARD_AT, LAST_DAY, appeal_before_panel, case_decided

pytestmark = pytest.mark.django_db
CODE = "ABCD-EFGH-JKMN"


def _filer_client(case, language="es"):
    """The filer's browser, in their language, with their status page open."""
    complaint = case.complaints.get()
    Complaint.objects.filter(pk=complaint.pk).update(access_code_hash=access_code_hash(CODE), language=language)
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    assert client.post("/complaints/status/", {"case_number": case.number, "access_code": CODE}).status_code == 302
    return client


def test_the_filer_appeals_in_spanish_from_the_status_page(intake_user, director, investigator, board_members):
    case, _panel, allegation = case_decided(intake_user, director, investigator, board_members)
    client = _filer_client(case)
    with time_machine.travel(LAST_DAY, tick=False):
        page = client.get("/complaints/status/appeal/")
        assert page.status_code == 200 and '<html lang="es"' in page.content.decode()
        response = client.post(
            "/complaints/status/appeal/", {"option": f"findings:{allegation.pk}", "grounds": "No vieron el video."}
        )
    assert response.status_code == 302 and response["Location"] == "/complaints/status/"
    appeal = Appeal.objects.get()
    assert appeal.complaint == case.complaints.get() and appeal.grounds == "No vieron el video."
    case.refresh_from_db()
    assert case.status == "on_appeal"


def test_the_filers_late_appeal_is_refused_and_the_status_page_says_why(
    intake_user, director, investigator, board_members
):
    case, _panel, allegation = case_decided(intake_user, director, investigator, board_members)
    client = _filer_client(case, language="en")
    with time_machine.travel(DAY_AFTER, tick=False):
        page = client.post(
            "/complaints/status/appeal/", {"option": f"findings:{allegation.pk}", "grounds": "Late."}, follow=True
        )
    assert Appeal.objects.get().status == "refused"
    assert "April 1, 2026" in page.content.decode()


def test_the_filers_appeal_form_without_a_choice_is_shown_again_with_the_error(
    intake_user, director, investigator, board_members
):
    case, _panel, _allegation = case_decided(intake_user, director, investigator, board_members)
    client = _filer_client(case, language="en")
    with time_machine.travel(LAST_DAY, tick=False):
        response = client.post("/complaints/status/appeal/", {"grounds": ""})
    assert response.status_code == 400 and 'aria-invalid="true"' in response.content.decode()
    assert not Appeal.objects.exists()


def test_the_appeal_box_lists_what_the_filer_may_appeal_until_when(intake_user, director, investigator, board_members):
    from discipline.appeal_views import status_appeal_part

    case, _panel, _allegation = case_decided(intake_user, director, investigator, board_members)
    with time_machine.travel(LAST_DAY, tick=False):
        box = status_appeal_part(case.complaints.get())["appeal_box"]
    (option,) = box["options"]
    assert option.may_appeal and box["form"] is not None


def test_staff_enter_an_officers_appeal_on_the_case_page(intake_user, director, investigator, board_members, client):
    case, _panel, allegation = case_decided(intake_user, director, investigator, board_members)
    client.force_login(intake_user)
    with time_machine.travel(LAST_DAY, tick=False):
        page = client.get(f"/complaints/staff/cases/{case.pk}/discipline/")
        assert 'id="officer-appeal-form"' in page.content.decode()
        client.post(
            f"/board/cases/{case.pk}/appeals/",
            {"option": f"{allegation.employee_id}:findings:{allegation.pk}", "grounds": "Not me.", "reason": "Letter"},
        )
    appeal = Appeal.objects.get()
    assert appeal.appellant == "officer" and appeal.entered_by == intake_user


def test_members_vote_and_the_director_records_the_decision_on_the_appeal_page(
    intake_user, director, investigator, board_members, client
):
    appeal, members = appeal_before_panel(intake_user, director, investigator, board_members)
    with time_machine.travel(HEARD_AT, tick=False):
        for member in members:
            client.force_login(member)
            assert client.get(f"/board/appeals/{appeal.pk}/").status_code == 200
            client.post(f"/board/appeals/{appeal.pk}/vote/", {"outcome": "affirmed"})
        client.force_login(director)
        assert 'id="appeal-decide-form"' in client.get(f"/board/appeals/{appeal.pk}/").content.decode()
        client.post(f"/board/appeals/{appeal.pk}/decide/", {"decision_text": "Affirmed.", "reason": "Heard"})
    appeal.refresh_from_db()
    assert appeal.status == "heard" and appeal.outcome == "affirmed"


def test_a_member_of_the_first_panel_cannot_open_the_appeal(intake_user, director, investigator, board_members, client):
    appeal, _members = appeal_before_panel(intake_user, director, investigator, board_members)
    client.force_login(board_members[0])
    assert client.get(f"/board/appeals/{appeal.pk}/").status_code == 404


def test_the_directors_list_shows_appeals_waiting_for_a_panel_in_constant_queries(
    intake_user, director, investigator, board_members, client, django_assert_max_num_queries
):
    case, _panel, allegation = case_decided(intake_user, director, investigator, board_members)
    with time_machine.travel(LAST_DAY, tick=False):
        client.force_login(director)
        client.post(
            f"/board/cases/{case.pk}/appeals/",
            {"option": f"{allegation.employee_id}:findings:{allegation.pk}", "grounds": "Not me.", "reason": "Letter"},
        )
        # More rows than a page would think to show; refused ones are kept, so they are quick to arrange directly.
        for _ in range(30):
            Appeal.objects.create(
                case=case,
                panel=_panel,
                allegation=allegation,
                appellant="officer",
                employee=allegation.employee,
                grounds="x",
                filed_at=LAST_DAY,
                status="refused",
                refused_reason="Late",
            )
        with django_assert_max_num_queries(12):
            page = client.get("/board/appeals/")
    assert page.status_code == 200 and case.number in page.content.decode()


def test_the_director_records_an_arbitration_with_its_document_on_the_proceeding_form(
    intake_user, director, investigator, board_members, client
):
    from .arrange_discipline import discipline_adopted, guide_make

    _case, decision = discipline_adopted(intake_user, director, investigator, board_members, guide_make())
    client.force_login(director)
    case = decision.allegation.case
    assert client.get(f"/board/cases/{case.pk}/proceedings/").status_code == 200
    response = client.post(
        f"/board/cases/{case.pk}/proceedings/",
        {
            "decision": decision.pk,
            "kind": "arbitration",
            "filed_on": "2026-05-01",
            "decided_on": "2026-06-01",
            "outcome": "overturned",
            "resulting_level": "",
            "notes": "",
            "reason": "Award received",
            "document": document("award.pdf"),
        },
    )
    assert response.status_code == 302
    proceeding = PostBoardProceeding.objects.get()
    assert proceeding.outcome == "overturned" and proceeding.document_name == "award.pdf"
    assert FinalOutcome.objects.get(allegation=decision.allegation).set_by == "arbitration"


# The API.


def test_the_api_lists_appeals_and_a_member_casts_their_own_vote(intake_user, director, investigator, board_members):
    appeal, members = appeal_before_panel(intake_user, director, investigator, board_members)
    client = Client()
    client.force_login(members[0])
    assert [row["id"] for row in client.get("/api/v1/board/appeals/").json()["results"]] == [appeal.pk]
    with time_machine.travel(HEARD_AT, tick=False):
        response = client.post(f"/api/v1/board/appeals/{appeal.pk}/votes/", {"outcome": "reversed"})
    assert response.status_code == 200 and response.json()["outcome"] == "reversed"
    client.force_login(board_members[0])
    assert client.get("/api/v1/board/appeals/").json()["count"] == 0


def test_the_api_enters_an_officers_appeal_and_refuses_a_late_one_with_the_reason(
    intake_user, director, investigator, board_members
):
    case, _panel, allegation = case_decided(intake_user, director, investigator, board_members)
    client = Client()
    client.force_login(intake_user)
    body = {"allegation": allegation.pk, "concerns": "findings", "grounds": "Not me."}
    with time_machine.travel(DAY_AFTER, tick=False):
        response = client.post(f"/api/v1/cases/{case.pk}/appeals/", body)
    assert response.status_code == 201
    assert response.json()["status"] == "refused" and "April 1, 2026" in response.json()["refused_reason"]


def test_the_api_records_a_proceeding_and_lists_final_outcomes_in_constant_queries(
    intake_user, director, investigator, board_members, django_assert_max_num_queries
):
    from .arrange_discipline import discipline_adopted, guide_make

    _case, decision = discipline_adopted(intake_user, director, investigator, board_members, guide_make())
    client = Client()
    client.force_login(director)
    body = {
        "decision": decision.pk,
        "kind": "grievance",
        "filed_on": "2026-05-01",
        "decided_on": "2026-06-01",
        "outcome": "modified",
        "resulting_level": "letter_of_reprimand",
    }
    response = client.post("/api/v1/board/proceedings/", body, content_type="application/json")
    assert response.status_code == 201, response.content
    assert client.get("/api/v1/board/proceedings/").json()["count"] == 1
    with django_assert_max_num_queries(10):
        rows = client.get("/api/v1/board/final-outcomes/").json()["results"]
    assert rows[0]["is_reduced"] is True and rows[0]["set_by"] == "grievance"


def test_the_status_page_shows_the_appeal_box_with_the_last_day(intake_user, director, investigator, board_members):
    case, _panel, _allegation = case_decided(intake_user, director, investigator, board_members)
    client = _filer_client(case, language="en")
    with time_machine.travel(LAST_DAY, tick=False):
        page = client.get("/complaints/status/").content.decode()
    assert 'id="appeal"' in page and "you may appeal until April 1, 2026" in page
    assert 'href="/complaints/status/appeal/"' in page
