"""Seating pages and API (issue 9.3, 9.4): the convene form by rotation, conflicts, recusal, the seats shown."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from discipline.models import ConflictDeclaration, Panel, PanelSeat
from discipline.seating import conflict_declare, seat_recuse
from intake.sections import case_section_url
from tests.factories import EmployeeFactory

from .arrange_seating import case_findings_ready, hearing_on, more_members

pytestmark = pytest.mark.django_db

DAY = datetime.datetime(2026, 3, 2, 18, 0, tzinfo=datetime.UTC)


@pytest.fixture
def clock():
    with time_machine.travel(DAY, tick=False):
        yield


@pytest.fixture
def panel(clock, intake_user, director, investigator, board_members, board_alternates):
    case = case_findings_ready(intake_user, director, investigator)
    return hearing_on(case, board_members, director)


def _text(response):
    return response.content.decode()


def test_the_convene_form_offers_members_by_rotation_with_the_first_ticked(
    client, clock, intake_user, director, investigator, board_members
):
    extra = more_members(1)
    earlier = case_findings_ready(intake_user, director, investigator)
    hearing_on(earlier, board_members, director)
    case = case_findings_ready(intake_user, director, investigator)
    client.force_login(director)
    page = _text(client.get(case_section_url(case, "board")))
    order = [
        page.index(f'name="members" id="id_members_{n}" value="{u.pk}"') for n, u in enumerate([*extra, *board_members])
    ]
    assert order == sorted(order)
    assert "(never seated)" in page and "(last seated" in page
    assert page.count("checked") == 4  # the kind and the first three in the rotation
    assert f'value="{extra[0].pk}" checked' in page and f'value="{board_members[2].pk}" checked' not in page
    assert "Hearings panel: decides the findings" in page
    assert "Convene hearings panel" in page


def test_the_director_convenes_from_the_case_page(client, clock, intake_user, director, investigator, board_members):
    case = case_findings_ready(intake_user, director, investigator)
    client.force_login(director)
    data = {"kind": "hearings", "members": [m.pk for m in board_members], "reason": "Hearing"}
    response = client.post(reverse("discipline:panel-convene", args=[case.pk]), data, follow=True)
    assert "Panel convened." in _text(response)
    assert Panel.objects.get().seats.count() == 3


def test_a_convene_form_with_too_few_members_says_why(
    client, clock, intake_user, director, investigator, board_members
):
    case = case_findings_ready(intake_user, director, investigator)
    client.force_login(director)
    data = {"kind": "hearings", "members": [board_members[0].pk], "reason": "Hearing"}
    response = client.post(reverse("discipline:panel-convene", args=[case.pk]), data, follow=True)
    assert "The bylaws seat 3 members on this panel; 1 were chosen." in _text(response)
    assert not Panel.objects.exists()


def test_the_panel_page_shows_the_frozen_numbers_and_the_seats(client, panel, board_members, board_alternates):
    seat_recuse(panel=panel, member=board_members[0], reason="I know the officer", actor=board_members[0])
    client.force_login(board_members[1])
    page = _text(client.get(reverse("discipline:panel-detail", args=[panel.pk])))
    assert "2 of 3 members must vote; 2 must agree." in page
    assert "Appeal window: 30 days." in page
    assert "in place of Board Tester" in page
    assert "Recused on 2026-03-02 — I know the officer" in page
    assert "took the seat" in page
    assert "Recuse me from this panel" in page


def test_the_panel_page_says_when_a_seat_stays_empty(client, clock, intake_user, director, investigator, board_members):
    case = case_findings_ready(intake_user, director, investigator)
    panel = hearing_on(case, board_members, director)
    seat_recuse(panel=panel, member=board_members[0], reason="Travel", actor=board_members[0])
    client.force_login(director)
    page = _text(client.get(reverse("discipline:panel-detail", args=[panel.pk])))
    assert "1 seat is empty: no eligible alternate without a conflict was available." in page


def test_a_member_recuses_from_the_panel_page_and_loses_sight_of_it(client, panel, board_members):
    client.force_login(board_members[0])
    response = client.post(
        reverse("discipline:seat-recuse", args=[panel.pk]), {"recusal-reason": "Neighbour"}, follow=True
    )
    assert "You are recused from this panel." in _text(response)
    assert client.get(reverse("discipline:panel-detail", args=[panel.pk])).status_code == 404
    assert client.get(f"/api/v1/cases/{panel.case_id}/").status_code == 404


def test_the_director_records_an_absence(client, panel, director, board_members, board_alternates):
    seat = PanelSeat.objects.get(panel=panel, member=board_members[2])
    client.force_login(director)
    data = {f"seat{seat.pk}-status": "absent", f"seat{seat.pk}-reason": "Did not attend"}
    client.post(reverse("discipline:seat-vacate", args=[panel.pk, seat.pk]), data)
    seat.refresh_from_db()
    assert (seat.status, seat.reason, seat.replaced_by.member) == ("absent", "Did not attend", board_alternates[0])


def test_a_member_declares_a_conflict_by_badge_number_and_is_recused_at_once(client, panel, board_members):
    officer = panel.case.allegations.get().employee
    client.force_login(board_members[1])
    data = {"kind": "immediate_family", "badge_number": officer.badge_number, "description": "My sister"}
    response = client.post(reverse("discipline:conflict-list"), data, follow=True)
    assert "Conflict declared." in _text(response) and "My sister" in _text(response)
    assert PanelSeat.objects.get(panel=panel, member=board_members[1]).reason == "Conflict declared"
    assert client.get(reverse("discipline:panel-detail", args=[panel.pk])).status_code == 404
    assert client.get(f"/api/v1/board/panels/{panel.pk}/").status_code == 404


def test_a_declaration_needs_one_subject(client, clock, board_members):
    client.force_login(board_members[0])
    data = {"kind": "personal_relationship", "badge_number": "", "case_number": ""}
    response = client.post(reverse("discipline:conflict-list"), data)
    assert response.status_code == 200
    assert "Give either an officer&#x27;s badge number or a case number, not both." in _text(response)
    assert not ConflictDeclaration.objects.exists()


def test_a_member_withdraws_a_declaration_from_the_page(client, clock, board_members):
    declaration = conflict_declare(actor=board_members[0], kind="business_relationship", employee=EmployeeFactory())
    client.force_login(board_members[0])
    client.post(reverse("discipline:conflict-withdraw", args=[declaration.pk]))
    declaration.refresh_from_db()
    assert declaration.withdrawn_at == DAY


def test_a_member_cannot_withdraw_anothers_declaration(client, clock, board_members):
    declaration = conflict_declare(actor=board_members[0], kind="business_relationship", employee=EmployeeFactory())
    client.force_login(board_members[1])
    assert client.post(reverse("discipline:conflict-withdraw", args=[declaration.pk])).status_code == 404


def test_the_conflicts_page_queries_do_not_grow_with_declarations(
    client, clock, board_members, django_assert_max_num_queries
):
    for _ in range(12):
        conflict_declare(actor=board_members[0], kind="personal_relationship", employee=EmployeeFactory())
    client.force_login(board_members[0])
    with django_assert_max_num_queries(10):
        response = client.get(reverse("discipline:conflict-list"))
    assert _text(response).count("Withdraw this declaration") == 12


# ---- API ----------------------------------------------------------------------------------------------


def test_the_api_shows_a_panel_with_its_seats_and_numbers_in_plain_words(client, panel, board_members):
    seat_recuse(panel=panel, member=board_members[0], reason="Neighbour", actor=board_members[0])
    client.force_login(board_members[1])
    body = client.get(f"/api/v1/board/panels/{panel.pk}/").json()
    assert body["kind"] == "hearings" and body["rules"]["plain_words"] == "2 of 3 members must vote; 2 must agree."
    assert sorted(s["status"] for s in body["seats"]) == ["recused", "seated", "seated", "seated"]
    recused = next(s for s in body["seats"] if s["status"] == "recused")
    assert recused["reason"] == "Neighbour"
    assert next(s for s in body["seats"] if s["replaces"] == recused["id"])["is_alternate"] is True
    assert body["empty_seats"] == 0


def test_the_api_lists_only_the_callers_panels(client, panel, board_alternates):
    client.force_login(board_alternates[1])
    assert client.get("/api/v1/board/panels/").json()["count"] == 0


def test_a_member_recuses_through_the_api(client, panel, board_members, board_alternates):
    client.force_login(board_members[2])
    response = client.post(f"/api/v1/board/panels/{panel.pk}/recusal/", {"reason": "Illness"})
    assert response.status_code == 200 and response.json()["status"] == "recused"
    assert board_alternates[0] in panel.members.all()


def test_a_member_declares_and_lists_conflicts_through_the_api(client, panel, board_members):
    client.force_login(board_members[0])
    response = client.post("/api/v1/board/conflicts/", {"kind": "prior_involvement", "case_number": panel.case.number})
    assert response.status_code == 201
    assert client.get("/api/v1/board/conflicts/").json()["results"][0]["case_number"] == panel.case.number
    assert board_members[0] not in panel.members.all()


def test_the_api_refuses_a_declaration_naming_nothing(client, clock, board_members):
    client.force_login(board_members[0])
    response = client.post("/api/v1/board/conflicts/", {"kind": "prior_involvement"})
    assert response.status_code == 400 and "detail" in response.json()


def test_the_director_convenes_through_the_api(client, clock, intake_user, director, investigator, board_members):
    case = case_findings_ready(intake_user, director, investigator)
    client.force_login(director)
    data = {"kind": "hearings", "members": [m.pk for m in board_members], "reason": "Hearing"}
    response = client.post(f"/api/v1/cases/{case.pk}/panels/", data, content_type="application/json")
    assert response.status_code == 201 and len(response.json()["seats"]) == 3


def test_the_api_refuses_a_panel_of_the_wrong_size_with_the_field(
    client, clock, intake_user, director, investigator, board_members
):
    case = case_findings_ready(intake_user, director, investigator)
    client.force_login(director)
    data = {"kind": "hearings", "members": [board_members[0].pk], "reason": "Hearing"}
    response = client.post(f"/api/v1/cases/{case.pk}/panels/", data, content_type="application/json")
    assert response.status_code == 400 and "members" in response.json()


def test_the_api_panel_list_queries_do_not_grow_with_panels(
    client, clock, intake_user, director, investigator, board_members, django_assert_max_num_queries
):
    for _ in range(4):
        hearing_on(case_findings_ready(intake_user, director, investigator), board_members, director)
    client.force_login(director)
    with django_assert_max_num_queries(10):
        body = client.get("/api/v1/board/panels/").json()
    assert body["count"] == 4


def test_the_api_panel_detail_queries_do_not_grow_with_seats(
    client, panel, director, board_members, django_assert_max_num_queries
):
    for member in board_members:
        seat_recuse(panel=panel, member=member, reason="x", actor=director)
    client.force_login(director)
    with django_assert_max_num_queries(10):
        body = client.get(f"/api/v1/board/panels/{panel.pk}/").json()
    assert len(body["seats"]) == 5
