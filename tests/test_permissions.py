"""Every view states who may see it, and everyone else is refused (R6.2)."""

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from intake.models import Case
from oversight.accounts.roles import Role
from tests.arrange import case_awaiting_discipline, case_investigating, case_received
from tests.conftest import make_user

pytestmark = pytest.mark.django_db

SKIP_PREFIXES = ("admin/",)


def _walk(patterns, prefix=""):
    for p in patterns:
        if isinstance(p, URLResolver):
            yield from _walk(p.url_patterns, prefix + str(p.pattern))
        elif isinstance(p, URLPattern):
            yield prefix + str(p.pattern), p.callback


def _allowed(callback):
    view_class = getattr(callback, "view_class", None) or getattr(callback, "cls", None)
    return getattr(callback, "allowed_roles", None) or getattr(view_class, "allowed_roles", None)


def our_views():
    return [(route, cb) for route, cb in _walk(get_resolver().url_patterns) if not route.startswith(SKIP_PREFIXES)]


def _url(route):
    import re

    return "/" + re.sub(r"<int:\w+>", "999999", route).replace("^", "").replace("$", "")


def test_every_view_states_who_may_see_it():
    missing = [route for route, cb in our_views() if not _allowed(cb)]
    assert missing == []


ROLE_VIEWS = [(route, cb) for route, cb in our_views() if _allowed(cb) not in ("public", "any staff")]


@pytest.mark.parametrize(("route", "callback"), ROLE_VIEWS, ids=[r for r, _ in ROLE_VIEWS])
def test_every_other_role_is_refused(client, users_by_role, route, callback):
    allowed = set(_allowed(callback))
    url = _url(route)
    for role, user in users_by_role.items():
        client.force_login(user)
        for method in (client.get, client.post):
            status = method(url).status_code
            if role in allowed:
                assert status != 403, f"{role} refused at {url}"
            else:
                assert status == 403, f"{role} got {status} at {url} ({method.__name__})"
        client.logout()


@pytest.mark.parametrize(("route", "callback"), ROLE_VIEWS, ids=[r for r, _ in ROLE_VIEWS])
def test_anonymous_visitors_are_refused(client, route, callback):
    for method in (client.get, client.post):
        response = method(_url(route))
        assert response.status_code in (302, 403), route
        if response.status_code == 302:
            assert response["Location"].startswith("/accounts/login/")


def test_staff_portal_home_needs_a_login(client):
    assert client.get("/accounts/").status_code == 302


def test_public_pages_need_no_login(client):
    for url in ("/", "/complaints/new/", "/complaints/status/", "/reports/annual/", "/accounts/login/", "/api/schema/"):
        assert client.get(url).status_code in (200, 302), url


def test_non_administrators_cannot_open_the_admin_site(client, users_by_role):
    for role, user in users_by_role.items():
        client.force_login(user)
        status = client.get("/admin/").status_code
        assert (status == 200) == (role == Role.ADMIN), role


# Object-level visibility: the role may use the page, but not for this object.


def test_investigator_sees_only_assigned_cases(client, intake_user, director, investigator, other_investigator):
    case = case_investigating(intake_user, director, investigator)
    client.force_login(other_investigator)
    assert client.get(f"/complaints/staff/cases/{case.pk}/").status_code == 404
    assert client.get("/api/v1/cases/").json()["count"] == 0
    client.force_login(investigator)
    assert client.get(f"/complaints/staff/cases/{case.pk}/").status_code == 200
    assert client.get("/api/v1/cases/").json()["count"] == 1


def test_board_member_sees_only_their_panels_cases(client, intake_user, director, investigator, board_members):
    case, panel, _allegation = case_awaiting_discipline(intake_user, director, investigator, board_members[:2])
    client.force_login(board_members[2])
    assert client.get(f"/board/panels/{panel.pk}/").status_code == 404
    client.force_login(board_members[0])
    assert client.get(f"/board/panels/{panel.pk}/").status_code == 200
    # Panel members read the case through the hearing view only, never the staff case page (R3.4).
    assert client.get(f"/complaints/staff/cases/{case.pk}/").status_code == 403


def test_liaison_cannot_open_a_case(client, intake_user, liaison):
    case = case_received(intake_user)
    client.force_login(liaison)
    assert client.get(f"/complaints/staff/cases/{case.pk}/").status_code == 403
    assert client.get(f"/api/v1/cases/{case.pk}/").status_code == 403


def test_liaison_of_another_agency_sees_no_ppb_request(client, intake_user, director, investigator, liaison):
    from investigations.services import records_request_send

    case = case_investigating(intake_user, director, investigator)
    request = records_request_send(investigation=case.investigation, records_sought="CAD log", actor=investigator)
    city = make_user(Role.LIAISON, username="city_liaison")
    city.agency = "city"
    city.save()
    client.force_login(city)
    assert client.get(f"/staff/investigations/ppb/requests/{request.pk}/").status_code == 404
    assert f"/ppb/requests/{request.pk}/".encode() not in client.get("/staff/investigations/ppb/requests/").content
    client.force_login(liaison)
    assert client.get(f"/staff/investigations/ppb/requests/{request.pk}/").status_code == 200


def test_filed_page_shows_only_your_own_number(client):
    # No URL carries a case number: another visitor cannot read someone else's confirmation.
    assert client.get("/complaints/filed/").status_code == 302
    assert Case.objects.count() == 0


# The filer's status page (R1.4, R6.2): public, but an access code opens one complaint only.


def test_status_actions_do_nothing_without_an_unlocked_complaint(client):
    from intake.models import FilerMessage, ReconsiderationRequest, SurveyAnswer
    from tests.intake.public import file_through_form

    file_through_form(Client())
    assert b"Open my status page" in client.get("/complaints/status/").content
    for url in ("/complaints/status/add/", "/complaints/status/survey/", "/complaints/status/reconsider/"):
        response = client.post(url, {"body": "x", "overall": "5", "reason": "x"})
        assert response.status_code == 302 and response["Location"] == "/complaints/status/"
    assert not FilerMessage.objects.exists() and not SurveyAnswer.objects.exists()
    assert not ReconsiderationRequest.objects.exists()


def test_a_filers_access_code_opens_only_that_filers_complaint(client, intake_user):
    from intake.filing import filer_message_send
    from tests.intake.public import file_through_form, unlock
    from tests.intake.test_status_page import _second_filer_on

    case_a, code_a = file_through_form(Client())
    case_b, code_b = file_through_form(Client())
    other_filer, other_code = _second_filer_on(case_a)
    filer_message_send(complaint=case_a.complaints.order_by("pk").first(), body="Note for filer A1", actor=intake_user)
    filer_message_send(complaint=other_filer, body="Note for filer A2", actor=intake_user)
    filer_message_send(complaint=case_b.complaints.get(), body="Note for filer B", actor=intake_user)
    # A code never opens another case, nor another filer's complaint on the same case.
    assert unlock(client, case_b, code_a).status_code == 400
    assert unlock(client, case_a, code_b).status_code == 400
    assert unlock(client, case_a, code_a).status_code == 302
    page = client.get("/complaints/status/").content.decode()
    assert case_a.number in page and case_b.number not in page
    assert "Note for filer A1" in page and "Note for filer A2" not in page and "Note for filer B" not in page
    assert unlock(client, case_a, other_code).status_code == 302
    page = client.get("/complaints/status/").content.decode()
    assert "Note for filer A2" in page and "Note for filer A1" not in page


def test_staff_login_does_not_open_a_filers_status_page(client, intake_user):
    from tests.intake.public import file_through_form

    file_through_form(Client())
    client.force_login(intake_user)
    assert b"Open my status page" in client.get("/complaints/status/").content


STAFF_INTAKE_ROUTES = {
    "complaints/staff/complaints/new/": {Role.INTAKE, Role.DIRECTOR},
    "complaints/staff/incidents/new/": {Role.INTAKE, Role.DIRECTOR},
    "complaints/staff/cases/<int:pk>/reconsideration/": {Role.INTAKE, Role.DIRECTOR},
    "complaints/staff/reconsiderations/<int:pk>/decide/": {Role.DIRECTOR},
    "complaints/staff/allegation-types/": {Role.DIRECTOR, Role.ADMIN},
    "complaints/staff/allegation-types/<int:pk>/": {Role.DIRECTOR, Role.ADMIN},
    "complaints/staff/groups/": {Role.INTAKE, Role.DIRECTOR},
    "complaints/staff/groups/<int:pk>/": {Role.INTAKE, Role.DIRECTOR},
    "complaints/staff/cases/<int:pk>/group/": {Role.INTAKE, Role.DIRECTOR},
    "complaints/staff/cases/<int:pk>/group/leave/": {Role.INTAKE, Role.DIRECTOR},
    "api/v1/cases/<int:pk>/decision/": {Role.INTAKE, Role.DIRECTOR},
}


def test_staff_intake_views_and_endpoints_are_in_the_matrix_with_their_roles():
    declared = {route: set(_allowed(cb)) for route, cb in ROLE_VIEWS}
    assert {route: declared.get(route) for route in STAFF_INTAKE_ROUTES} == STAFF_INTAKE_ROUTES


def test_only_the_director_answers_a_reconsideration_on_a_real_request(client, users_by_role):
    from intake.reconsideration import reconsideration_request
    from intake.services import case_decide

    intake_user = users_by_role[Role.INTAKE]
    case = case_received(intake_user)
    case_decide(case=case, decision="dismissal", reason="x", actor=intake_user)
    request = reconsideration_request(case=case, complaint=case.complaints.get(), reason="Please")
    url = f"/complaints/staff/reconsiderations/{request.pk}/decide/"
    for role, user in users_by_role.items():
        client.force_login(user)
        response = client.post(url, {"changed": "no", "reason": "Nothing new"})
        assert (response.status_code == 302) == (role == Role.DIRECTOR), role
    request.refresh_from_db()
    assert request.decided_by == users_by_role[Role.DIRECTOR]


def test_an_assigned_investigator_cannot_decide_or_group_their_case(client, intake_user, director, investigator):
    case = case_investigating(intake_user, director, investigator)
    client.force_login(investigator)
    assert (
        client.post(f"/api/v1/cases/{case.pk}/decision/", {"decision": "dismissal", "reason": "x"}).status_code == 403
    )
    assert client.post(f"/complaints/staff/cases/{case.pk}/group/leave/").status_code == 403
    assert client.get(f"/complaints/staff/cases/{case.pk}/").status_code == 200
