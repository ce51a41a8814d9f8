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

    route = re.sub(r"<case_section:\w+>", "timeline", route)
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


def test_board_member_sees_only_their_panels_cases(
    client, intake_user, director, investigator, board_members, board_alternates
):
    case, panel, _allegation = case_awaiting_discipline(intake_user, director, investigator, board_members)
    client.force_login(board_alternates[0])
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
    for url in (
        "/complaints/status/add/",
        "/complaints/status/survey/",
        "/complaints/status/reconsider/",
        "/complaints/status/appeal/",
    ):
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


# Who may use each page and endpoint, written out here and not read back from the views: a
# change to a view's roles fails this test until this table is changed with it, on purpose.
EXPECTED_ROLES = {
    "": "public",
    "i18n/setlang/": "public",
    "accounts/login/": "public",
    "accounts/logout/": "public",
    "accounts/": "any staff",
    "accounts/mfa/verify/": "any staff",
    "accounts/mfa/enrol/": "any staff",
    "accounts/mfa/recovery-codes/": "any staff",
    "accounts/mfa/reset/": {Role.ADMIN, Role.DIRECTOR},
    "complaints/new/": "public",
    "complaints/filed/": "public",
    "complaints/status/": "public",
    "complaints/status/add/": "public",
    "complaints/status/survey/": "public",
    "complaints/status/lock/": "public",
    "complaints/status/reconsider/": "public",
    "complaints/paper-form.pdf": "public",
    "complaints/staff/": {Role.DIRECTOR, Role.INTAKE},
    "complaints/staff/cases/<int:pk>/": {Role.DIRECTOR, Role.INTAKE, Role.INVESTIGATOR},
    "complaints/staff/cases/<int:pk>/<case_section:section>/": {Role.DIRECTOR, Role.INTAKE, Role.INVESTIGATOR},
    "complaints/staff/cases/<int:pk>/allegations/": {Role.DIRECTOR, Role.INTAKE},
    "complaints/staff/cases/<int:pk>/category/": {Role.DIRECTOR, Role.INTAKE},
    "complaints/staff/cases/<int:pk>/decide/": {Role.DIRECTOR, Role.INTAKE},
    "complaints/staff/cases/<int:pk>/close/": {Role.DIRECTOR, Role.INTAKE},
    "complaints/staff/cases/<int:pk>/filer-messages/": {Role.DIRECTOR, Role.INTAKE, Role.INVESTIGATOR},
    "complaints/staff/attachments/<int:pk>/": {Role.DIRECTOR, Role.INTAKE, Role.INVESTIGATOR},
    "complaints/staff/cases/<int:pk>/access-code/": {Role.DIRECTOR, Role.INTAKE},
    "complaints/staff/complaints/new/": {Role.DIRECTOR, Role.INTAKE},
    "complaints/staff/incidents/new/": {Role.DIRECTOR, Role.INTAKE},
    "complaints/staff/allegation-types/": {Role.ADMIN, Role.DIRECTOR},
    "complaints/staff/allegation-types/<int:pk>/": {Role.ADMIN, Role.DIRECTOR},
    "complaints/staff/cases/<int:pk>/reconsideration/": {Role.DIRECTOR, Role.INTAKE},
    "complaints/staff/reconsiderations/<int:pk>/decide/": {Role.DIRECTOR},
    "complaints/staff/groups/": {Role.DIRECTOR, Role.INTAKE},
    "complaints/staff/groups/<int:pk>/": {Role.DIRECTOR, Role.INTAKE},
    "complaints/staff/cases/<int:pk>/group/": {Role.DIRECTOR, Role.INTAKE},
    "complaints/staff/cases/<int:pk>/group/leave/": {Role.DIRECTOR, Role.INTAKE},
    "staff/investigations/": {Role.DIRECTOR, Role.INVESTIGATOR},
    "staff/investigations/cases/<int:pk>/chief-notice/": {Role.DIRECTOR, Role.INTAKE},
    "staff/investigations/cases/<int:pk>/mayor-response/": {Role.DIRECTOR},
    "staff/investigations/cases/<int:pk>/open/": {Role.DIRECTOR},
    "staff/investigations/cases/<int:pk>/non-compliance/": {Role.DIRECTOR},
    "staff/investigations/non-compliance/<str:kind>/<int:pk>/": {Role.DIRECTOR},
    "staff/investigations/<int:pk>/records-requests/": {Role.DIRECTOR, Role.INVESTIGATOR},
    "staff/investigations/<int:pk>/complete/": {Role.DIRECTOR, Role.INVESTIGATOR},
    "staff/investigations/<int:pk>/plan/": {Role.DIRECTOR, Role.INVESTIGATOR},
    "staff/investigations/<int:pk>/tasks/": {Role.DIRECTOR, Role.INVESTIGATOR},
    "staff/investigations/tasks/<int:pk>/done/": {Role.DIRECTOR, Role.INVESTIGATOR},
    "staff/investigations/<int:pk>/report.pdf": {Role.BOARD, Role.DIRECTOR, Role.INVESTIGATOR},
    "staff/investigations/<int:pk>/report/render/": {Role.DIRECTOR, Role.INVESTIGATOR},
    "staff/investigations/allegations/<int:pk>/finding/": {Role.DIRECTOR, Role.INVESTIGATOR},
    "staff/investigations/ppb/requests/": {Role.DIRECTOR, Role.INVESTIGATOR, Role.LIAISON},
    "staff/investigations/ppb/requests/<int:pk>/": {Role.DIRECTOR, Role.INVESTIGATOR, Role.LIAISON},
    "staff/investigations/ppb/requests/<int:pk>/records/<int:record_pk>/answer/": {Role.LIAISON},
    "staff/investigations/records/<int:record_pk>/file/": {Role.DIRECTOR, Role.INVESTIGATOR, Role.LIAISON},
    "staff/investigations/records/<int:record_pk>/subpoena/": {Role.DIRECTOR},
    "staff/investigations/subpoenas/<int:subpoena_pk>/": {Role.DIRECTOR},
    "staff/investigations/<int:pk>/evidence/": {Role.DIRECTOR, Role.INVESTIGATOR},
    "staff/investigations/evidence/<int:pk>/derived/": {Role.DIRECTOR, Role.INVESTIGATOR},
    "staff/investigations/evidence/<int:pk>/marking/": {Role.DIRECTOR, Role.INVESTIGATOR},
    "staff/investigations/interviews/<int:pk>/marking/": {Role.DIRECTOR, Role.INVESTIGATOR},
    "staff/investigations/<int:pk>/interviews/": {Role.DIRECTOR, Role.INVESTIGATOR},
    "staff/investigations/interviews/<int:pk>/garrity/": {Role.DIRECTOR, Role.INVESTIGATOR},
    "staff/investigations/interviews/<int:pk>/statement/": {Role.DIRECTOR, Role.INVESTIGATOR},
    "staff/investigations/interviews/<int:pk>/refusal/": {Role.DIRECTOR, Role.INVESTIGATOR},
    "staff/investigations/cases/<int:pk>/prosecutor-export/": {Role.DIRECTOR},
    "staff/investigations/evidence/<int:pk>/file/": {Role.DIRECTOR, Role.INVESTIGATOR},
    "staff/investigations/evidence/<int:pk>/verify/": {Role.DIRECTOR, Role.INVESTIGATOR},
    "staff/investigations/records/<int:record_pk>/evidence/": {Role.DIRECTOR, Role.INVESTIGATOR},
    "staff/investigations/ppb/chief-notices/<int:pk>/acknowledge/": {Role.LIAISON},
    "staff/notices/outbox/": {Role.DIRECTOR},
    "staff/notices/outbox/<int:pk>/act/": {Role.DIRECTOR},
    "staff/notices/letters/": {Role.DIRECTOR, Role.INTAKE},
    "staff/notices/letters/batches/": {Role.DIRECTOR, Role.INTAKE},
    "staff/notices/letters/batches/<int:pk>/": {Role.DIRECTOR, Role.INTAKE},
    "staff/notices/letters/batches/<int:pk>/letters.pdf": {Role.DIRECTOR, Role.INTAKE},
    "staff/audit/users/<int:pk>/roles/": {Role.ADMIN},
    "staff/audit/role-changes/": {Role.DIRECTOR},
    "staff/roster/": {Role.INTAKE, Role.INVESTIGATOR, Role.DIRECTOR},
    "staff/audit/reads/": {Role.DIRECTOR},
    "staff/audit/reads.csv": {Role.DIRECTOR},
    "staff/notices/inbox/": set(Role),
    "staff/notices/inbox/read/": set(Role),
    "staff/jobs/<int:pk>/": {Role.ADMIN, Role.DIRECTOR, Role.INVESTIGATOR},
    "staff/jobs/<int:pk>/status.json": {Role.ADMIN, Role.DIRECTOR, Role.INVESTIGATOR},
    "board/panels/": {Role.BOARD, Role.DIRECTOR},
    "board/panels/<int:pk>/": {Role.BOARD, Role.DIRECTOR},
    "board/panels/<int:pk>/decide/": {Role.BOARD, Role.DIRECTOR},
    "board/panels/<int:pk>/allegations/<int:allegation_pk>/vote/": {Role.BOARD},
    "board/panels/<int:pk>/preliminary/vote/": {Role.BOARD},
    "board/panels/<int:pk>/preliminary/decide/": {Role.BOARD, Role.DIRECTOR},
    "board/panels/<int:pk>/preliminary/answer/": {Role.DIRECTOR},
    "board/panels/<int:pk>/allegations/<int:allegation_pk>/proposals/": {Role.BOARD, Role.DIRECTOR},
    "board/discipline/proposals/<int:pk>/vote/": {Role.BOARD},
    "board/discipline/loudermills/": {Role.DIRECTOR},
    "board/discipline/<int:pk>/loudermill/": {Role.DIRECTOR},
    "board/discipline/<int:pk>/loudermill/notice/": {Role.DIRECTOR},
    "board/discipline/<int:pk>/loudermill/response/": {Role.DIRECTOR},
    "board/discipline/<int:pk>/loudermill/outcome/": {Role.DIRECTOR},
    "board/cases/<int:pk>/panel/": {Role.DIRECTOR},
    "board/conflicts/": {Role.BOARD},
    "board/conflicts/<int:pk>/withdraw/": {Role.BOARD},
    "board/panels/<int:pk>/recusal/": {Role.BOARD},
    "board/panels/<int:pk>/seats/<int:seat_pk>/recusal/": {Role.DIRECTOR},
    "board/panels/<int:pk>/hearings/": {Role.DIRECTOR},
    "board/hearings/<int:pk>/cancel/": {Role.DIRECTOR},
    "board/panels/<int:pk>/packet.pdf": {Role.BOARD, Role.DIRECTOR},
    "board/panels/<int:pk>/evidence/<int:evidence_pk>/file/": {Role.BOARD, Role.DIRECTOR},
    "board/hearings/": "public",
    "board/bylaws/": {Role.BOARD, Role.DIRECTOR},
    "board/bylaws/change/": {Role.DIRECTOR},
    "board/bylaws/versions/record/": {Role.DIRECTOR},
    "board/members/": {Role.BOARD, Role.DIRECTOR},
    "board/members/appoint/": {Role.DIRECTOR},
    "board/members/<int:pk>/end/": {Role.DIRECTOR},
    "board/members/<int:pk>/leadership/": {Role.DIRECTOR},
    "board/subcommittees/": {Role.BOARD, Role.DIRECTOR},
    "board/subcommittees/create/": {Role.DIRECTOR},
    "board/subcommittees/<int:pk>/": {Role.BOARD, Role.DIRECTOR},
    "board/subcommittees/<int:pk>/dissolve/": {Role.DIRECTOR},
    "board/subcommittees/<int:pk>/actions/": {Role.DIRECTOR},
    "board/subcommittees/actions/<int:pk>/review/": {Role.DIRECTOR},
    "board/trainings/": {Role.BOARD, Role.DIRECTOR},
    "board/trainings/create/": {Role.DIRECTOR},
    "board/trainings/complete/": {Role.DIRECTOR},
    "api/v1/board/members/": {Role.BOARD, Role.DIRECTOR},
    "api/v1/board/bylaws/": {Role.BOARD, Role.DIRECTOR},
    "api/v1/board/panels/": {Role.BOARD, Role.DIRECTOR},
    "api/v1/board/panels/<int:pk>/": {Role.BOARD, Role.DIRECTOR},
    "api/v1/board/panels/<int:pk>/recusal/": {Role.BOARD},
    "api/v1/board/conflicts/": {Role.BOARD},
    "api/v1/cases/<int:pk>/panels/": {Role.DIRECTOR},
    "reports/annual/": "public",
    "reports/annual/<int:year>/": "public",
    "reports/annual/<int:year>.pdf": "public",
    "reports/annual/<int:year>/render/": {Role.ADMIN, Role.DIRECTOR},
    # Issue 11 part B: raw-data releases.
    "reports/data/": "public",
    "reports/data/dictionary/": "public",
    "reports/data/staff/": {Role.ADMIN, Role.DIRECTOR},
    "reports/data/staff/build/": {Role.ADMIN, Role.DIRECTOR},
    "reports/data/staff/<int:pk>/publish/": {Role.DIRECTOR},
    "reports/data/<int:version>/": "public",
    "reports/data/<int:version>/manifest.json": "public",
    "reports/data/<int:version>/<slug:dataset>.<slug:fmt>": "public",
    # Issue 11 part A2: report editions (public published reports; the Director's editions).
    "reports/annual/<int:year>/v<int:version>/": "public",
    "reports/annual/<int:year>/v<int:version>.pdf": "public",
    "reports/quarterly/<int:year>/q<int:quarter>/": "public",
    "reports/quarterly/<int:year>/q<int:quarter>.pdf": "public",
    "reports/quarterly/<int:year>/q<int:quarter>/v<int:version>/": "public",
    "reports/quarterly/<int:year>/q<int:quarter>/v<int:version>.pdf": "public",
    "reports/editions/": {Role.ADMIN, Role.DIRECTOR},
    "reports/editions/build/": {Role.ADMIN, Role.DIRECTOR},
    "reports/editions/<int:pk>/": {Role.ADMIN, Role.DIRECTOR},
    "reports/editions/<int:pk>/rebuild/": {Role.ADMIN, Role.DIRECTOR},
    "reports/editions/<int:pk>/render/": {Role.ADMIN, Role.DIRECTOR},
    "reports/editions/<int:pk>/publish/": {Role.DIRECTOR},
    "reports/editions/<int:pk>/correct/": {Role.DIRECTOR},
    "reports/editions/<int:pk>/pdf/": {Role.ADMIN, Role.DIRECTOR},
    # Item d's cases as CSV: public for a published edition, a draft's 404 to all but ADMIN and DIRECTOR
    # (tests/reports/test_edition_cases.py).
    "reports/editions/<int:pk>/cases.csv": "public",
    # Issue 11 part C: the public "Data and reports" hub and the dashboard.
    "reports/": "public",
    "reports/dashboard/": "public",
    "reports/dashboard/<slug:key>.csv": "public",
    # Issue 11 part D: the contract-accountability figures and the Director's early-identification list.
    "reports/accountability/": "public",
    "reports/accountability/definitions/": "public",
    "reports/trends/early-identification/": {Role.DIRECTOR},
    "api/v1/cases/": {Role.BOARD, Role.DIRECTOR, Role.INTAKE, Role.INVESTIGATOR},
    "api/v1/cases/<int:pk>/": {Role.BOARD, Role.DIRECTOR, Role.INTAKE, Role.INVESTIGATOR},
    "api/v1/cases/<int:pk>/decision/": {Role.DIRECTOR, Role.INTAKE},
    "api/v1/records-requests/": {Role.DIRECTOR, Role.INVESTIGATOR, Role.LIAISON},
    "api/v1/records-requests/<int:pk>/": {Role.DIRECTOR, Role.INVESTIGATOR, Role.LIAISON},
    "api/v1/records-requests/<int:pk>/records/<int:record_pk>/answer/": {Role.LIAISON},
    "api/v1/investigations/": {Role.DIRECTOR, Role.INTAKE, Role.INVESTIGATOR},
    "api/v1/investigations/<int:pk>/": {Role.DIRECTOR, Role.INTAKE, Role.INVESTIGATOR},
    "api/v1/board/panels/<int:pk>/hearings/": {Role.BOARD, Role.DIRECTOR},
    "api/v1/board/panels/<int:pk>/votes/": {Role.BOARD},
    "api/v1/board/panels/<int:pk>/tally/": {Role.BOARD, Role.DIRECTOR},
    "api/v1/board/panels/<int:pk>/results/": {Role.BOARD, Role.DIRECTOR},
    "api/v1/board/discipline/proposals/": {Role.BOARD, Role.DIRECTOR},
    "api/v1/board/discipline/proposals/<int:pk>/votes/": {Role.BOARD},
    "api/v1/board/discipline/decisions/": {Role.BOARD, Role.DIRECTOR},
    "api/v1/board/discipline/decisions/<int:pk>/loudermill/notice/": {Role.DIRECTOR},
    "api/v1/board/discipline/decisions/<int:pk>/loudermill/response/": {Role.DIRECTOR},
    "api/v1/board/discipline/decisions/<int:pk>/loudermill/outcome/": {Role.DIRECTOR},
    # Appeals, proceedings after the Board and final outcomes (issue 9.9, 9.10).
    "complaints/status/appeal/": "public",
    "board/appeals/": {Role.DIRECTOR},
    "board/appeals/<int:pk>/": {Role.BOARD, Role.DIRECTOR},
    "board/appeals/<int:pk>/panel/": {Role.DIRECTOR},
    "board/appeals/<int:pk>/vote/": {Role.BOARD},
    "board/appeals/<int:pk>/decide/": {Role.BOARD, Role.DIRECTOR},
    "board/cases/<int:pk>/appeals/": {Role.DIRECTOR, Role.INTAKE},
    "board/cases/<int:pk>/proceedings/": {Role.DIRECTOR},
    "board/proceedings/<int:pk>/decide/": {Role.DIRECTOR},
    "api/v1/board/appeals/": {Role.BOARD, Role.DIRECTOR},
    "api/v1/board/appeals/<int:pk>/votes/": {Role.BOARD},
    "api/v1/cases/<int:pk>/appeals/": {Role.DIRECTOR, Role.INTAKE},
    "api/v1/board/proceedings/": {Role.DIRECTOR},
    "api/v1/board/final-outcomes/": {Role.DIRECTOR},
    "participate/": "public",
    # Issue 10 part A (documents, comment periods, urgent rules).
    "board/documents/": {Role.BOARD, Role.DIRECTOR},
    "board/documents/create/": {Role.DIRECTOR},
    "board/documents/<int:pk>/": {Role.BOARD, Role.DIRECTOR},
    "board/documents/<int:pk>/draft/": {Role.DIRECTOR},
    "board/documents/versions/<int:pk>/": {Role.BOARD, Role.DIRECTOR},
    "board/documents/versions/<int:pk>/open/": {Role.DIRECTOR},
    "board/documents/versions/<int:pk>/adopt/": {Role.DIRECTOR},
    "board/documents/versions/<int:pk>/adopt-urgent/": {Role.DIRECTOR},
    "board/documents/versions/<int:pk>/recommend/": {Role.DIRECTOR},
    "board/documents/versions/<int:pk>/administrator/": {Role.DIRECTOR},
    "board/documents/versions/<int:pk>/temporary/": {Role.DIRECTOR},
    "board/documents/versions/<int:pk>/withdraw/": {Role.DIRECTOR},
    "participate/documents/": "public",
    "participate/documents/<slug:slug>/": "public",
    "participate/documents/<slug:slug>/v<int:number>/": "public",
    "participate/documents/<slug:slug>/compare/<int:old>/<int:new>/": "public",
    "api/v1/documents/": "public",
    "api/v1/documents/<int:pk>/": "public",
    "api/v1/document-versions/<int:pk>/": "public",
    "api/v1/board/documents/": {Role.DIRECTOR},
    "api/v1/board/documents/<int:pk>/versions/": {Role.DIRECTOR},
    "api/v1/board/document-versions/<int:pk>/open/": {Role.DIRECTOR},
    "api/v1/board/document-versions/<int:pk>/adopt/": {Role.DIRECTOR},
    "api/v1/board/document-versions/<int:pk>/adopt-urgent/": {Role.DIRECTOR},
    # Issue 10 part B (public comments and moderation).
    "participate/comment/thanks/": "public",
    "participate/comment/<slug:key>/<int:pk>/": "public",
    "board/comments/": {Role.DIRECTOR, Role.BOARD},
    "board/comments/<int:pk>/": {Role.DIRECTOR, Role.BOARD},
    "board/comments/<int:pk>/publish/": {Role.DIRECTOR},
    "board/comments/<int:pk>/withhold/": {Role.DIRECTOR},
    "board/comments/export/": {Role.DIRECTOR, Role.BOARD},
    "api/v1/board/comments/": {Role.DIRECTOR},
    "api/v1/board/comments/<int:pk>/publish/": {Role.DIRECTOR},
    "api/v1/board/comments/<int:pk>/withhold/": {Role.DIRECTOR},
    # Issue 10 part C (policy recommendations).
    "board/recommendations/": {Role.BOARD, Role.DIRECTOR},
    "board/recommendations/create/": {Role.BOARD, Role.DIRECTOR},
    "board/recommendations/<int:pk>/": {Role.BOARD, Role.DIRECTOR},
    "board/recommendations/<int:pk>/adopt/": {Role.DIRECTOR},
    "board/recommendations/<int:pk>/send/": {Role.DIRECTOR},
    "board/recommendations/<int:pk>/council-request/": {Role.DIRECTOR},
    "board/recommendations/<int:pk>/council-decision/": {Role.DIRECTOR},
    "board/recommendations/<int:pk>/updates/": {Role.DIRECTOR, Role.LIAISON},
    "board/recommendations/ppb/": {Role.LIAISON},
    "board/recommendations/ppb/<int:pk>/": {Role.LIAISON},
    "board/recommendations/ppb/<int:pk>/answer/": {Role.LIAISON},
    "participate/recommendations/": "public",
    "participate/recommendations/<int:pk>/": "public",
    "api/v1/recommendations/": {Role.BOARD, Role.DIRECTOR, Role.LIAISON},
    "api/v1/recommendations/<int:pk>/": {Role.BOARD, Role.DIRECTOR, Role.LIAISON},
    "api/v1/recommendations/<int:pk>/answer/": {Role.LIAISON},
    # Issue 10 part D (sentinel event reviews, closed-case reviews).
    "board/sentinel-reviews/": {Role.BOARD, Role.DIRECTOR},
    "board/sentinel-reviews/open/": {Role.DIRECTOR},
    "board/sentinel-reviews/<int:pk>/": {Role.BOARD, Role.DIRECTOR},
    "board/sentinel-reviews/<int:pk>/start/": {Role.DIRECTOR},
    "board/sentinel-reviews/<int:pk>/participants/": {Role.DIRECTOR},
    "board/sentinel-reviews/<int:pk>/milestones/": {Role.DIRECTOR},
    "board/sentinel-reviews/milestones/<int:pk>/done/": {Role.DIRECTOR},
    "board/sentinel-reviews/<int:pk>/report/": {Role.DIRECTOR},
    "board/sentinel-reviews/<int:pk>/report/items/": {Role.DIRECTOR},
    "board/sentinel-reviews/<int:pk>/report/publish/": {Role.DIRECTOR},
    "board/sentinel-reviews/<int:pk>/close/": {Role.DIRECTOR},
    "participate/sentinel-reviews/": "public",
    "participate/sentinel-reviews/<int:pk>/": "public",
    "participate/sentinel-reviews/<int:pk>/report.pdf": "public",
    "board/closed-case-reviews/": {Role.DIRECTOR},
    "board/closed-case-reviews/open/": {Role.DIRECTOR},
    "board/closed-case-reviews/publish/": {Role.DIRECTOR},
    "board/closed-case-reviews/<int:pk>/": {Role.DIRECTOR},
    "board/closed-case-reviews/<int:pk>/edit/": {Role.DIRECTOR},
    "board/closed-case-reviews/<int:pk>/redact/": {Role.DIRECTOR},
    "participate/closed-case-reviews/": "public",
    "participate/closed-case-reviews/<int:pk>/": "public",
    "participate/closed-case-reviews/<int:pk>/review.pdf": "public",
    "participate/closed-case-reviews/publications/<int:pk>/": "public",
    # Issue 10 part E (civil suits, administrative leave, public meetings).
    "board/civil-suits/": {Role.BOARD, Role.DIRECTOR},
    "board/civil-suits/record/": {Role.DIRECTOR},
    "board/civil-suits/<int:pk>/": {Role.BOARD, Role.DIRECTOR},
    "board/civil-suits/<int:pk>/edit/": {Role.DIRECTOR},
    "board/meetings/": {Role.BOARD, Role.DIRECTOR},
    "board/meetings/schedule/": {Role.DIRECTOR},
    "board/meetings/<int:pk>/": {Role.BOARD, Role.DIRECTOR},
    "board/meetings/<int:pk>/edit/": {Role.DIRECTOR},
    "board/meetings/<int:pk>/notice/": {Role.DIRECTOR},
    "board/meetings/<int:pk>/held/": {Role.DIRECTOR},
    "board/meetings/<int:pk>/cancel/": {Role.DIRECTOR},
    "board/meetings/<int:pk>/agenda/": {Role.DIRECTOR},
    "board/meetings/agenda/<int:pk>/remove/": {Role.DIRECTOR},
    "board/meetings/agenda/<int:pk>/move/": {Role.DIRECTOR},
    "board/meetings/<int:pk>/minutes/": {Role.DIRECTOR},
    "board/meetings/<int:pk>/minutes/approve/": {Role.DIRECTOR},
    "board/cases/<int:pk>/leave/": {Role.DIRECTOR},
    "board/leave/<int:pk>/": {Role.DIRECTOR},
    "board/cases/<int:pk>/time-limit/": {Role.DIRECTOR},
    "board/cases/<int:pk>/time-limit/withdraw/": {Role.DIRECTOR},
    "participate/civil-suits/": "public",
    "participate/meetings/": "public",
    "participate/meetings/<int:pk>/": "public",
    "participate/meetings/<int:pk>/calendar.ics": "public",
    # Issue 10 part F (PPB data submissions).
    "board/data/": {Role.BOARD, Role.DIRECTOR},
    "board/data/standards/record/": {Role.DIRECTOR},
    "board/data/standards/<int:pk>/": {Role.BOARD, Role.DIRECTOR},
    "board/data/standards/<int:pk>/revise/": {Role.DIRECTOR},
    "board/data/periods/": {Role.BOARD, Role.DIRECTOR},
    "board/data/periods/<int:pk>/": {Role.BOARD, Role.DIRECTOR},
    "board/data/submissions/<int:pk>/": {Role.BOARD, Role.DIRECTOR},
    "board/data/submissions/<int:pk>/csv/": {Role.BOARD, Role.DIRECTOR},
    "board/data/ppb/": {Role.LIAISON},
    "board/data/ppb/<int:pk>/upload/": {Role.LIAISON},
    "board/feedback/": {Role.BOARD, Role.DIRECTOR},
    "board/feedback/ppb/": {Role.LIAISON},
    "api/v1/data-submissions/": {Role.BOARD, Role.DIRECTOR, Role.LIAISON},
    "api/v1/data-submissions/<int:pk>/": {Role.LIAISON},
    "api/schema/": "public",
}


def _declared(callback):
    allowed = _allowed(callback)
    return allowed if isinstance(allowed, str) else set(allowed)


def test_every_route_has_exactly_the_roles_of_the_expected_table():
    declared = {route: _declared(cb) for route, cb in our_views()}
    assert declared == EXPECTED_ROLES


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
